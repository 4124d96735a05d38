//! The arithmetic rules NB301–NB304: the identities I1–I4 of the template data, evaluated by
//! [`crate::query::evaluate`] (the same evaluation hover and inlay hints show), reported on the blamed cell.

use super::{fix, num, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Related};
use crate::model::Confidence;
use crate::query::{self, Evaluation, Term};

fn describe(terms: &[Term]) -> String {
    let names: Vec<&str> = terms.iter().map(|t| t.label).collect();
    if names.len() > 6 {
        format!(
            "{}…{} 共 {} 项之和",
            names[0],
            names[names.len() - 1],
            names.len()
        )
    } else {
        names.join("+")
    }
}

/// 「总计为 5，但 结果维持+结果纠正+其他结果+尚未审结 = 0」: both sides with their numbers.
fn equation(e: &Evaluation, l: f64, r: f64, verb: &str) -> String {
    format!(
        "{}{verb} {}，但 {} = {}",
        describe(&e.lhs),
        num(l),
        describe(&e.rhs),
        num(r)
    )
}

/// Check every identity of the template whose rule is `meta.code`.
pub fn check(cx: &Ctx, meta: &RuleMeta, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = cx.template else { return };
    for table in &cx.report.tables {
        if table.confidence != Confidence::High {
            continue; // NB201 says the table could not be read; no arithmetic on guesses
        }
        for e in query::evaluate_where(tpl, table, |i| i.rule == meta.code) {
            // every cell must be there and a number; missing rows and cells are other rules' concern
            let (Some(l), Some(r)) = (e.lhs_sum(), e.rhs_sum()) else {
                continue;
            };
            if (l - r).abs() < 1e-6 {
                continue;
            }
            let message = match e.identity.direction {
                crate::template::Direction::Row => {
                    format!("{} {}", e.over_label, equation(&e, l, r, "为"))
                }
                crate::template::Direction::Column => {
                    format!("「{}」列：{}", e.over_label, equation(&e, l, r, " ="))
                }
            };
            let blame = e.identity.blame.as_deref().unwrap_or(&e.identity.lhs[0]);
            let in_lhs = e.lhs.iter().any(|t| t.id == blame);
            let Some(blamed) = e.lhs.iter().chain(&e.rhs).find(|t| t.id == blame) else {
                continue;
            };
            let (Some(range), Some(v)) = (blamed.range, blamed.value) else {
                continue;
            };
            // the value of the blamed cell that balances the equation
            let want = if in_lhs { r - (l - v) } else { l - (r - v) };
            let related = e
                .lhs
                .iter()
                .chain(&e.rhs)
                .filter(|t| t.id != blame)
                .filter_map(|t| {
                    Some(Related {
                        range: t.range?,
                        message: format!("{} = {}", t.label, num(t.value?)),
                    })
                })
                .collect();
            let mut d = cx.diag(meta, range, message).with_related(related);
            if want >= 0.0 {
                d = d.with_fix(fix(
                    format!("改为 {}", num(want)),
                    range,
                    num(want),
                    e.identity.fix_safe,
                ));
            }
            out.push(d);
        }
    }
}
