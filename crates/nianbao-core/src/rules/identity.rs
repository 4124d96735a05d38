//! The arithmetic rules NB301–NB304: the identities I1–I4 of the template data, evaluated by
//! [`crate::query::evaluate`] (the same evaluation hover and inlay hints show), reported on the blamed cell.

use super::{fix, num, push_num, push_uint, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Fix, Related};
use crate::model::Confidence;
use crate::query::{self, Evaluation, Term};

/// Both sides' names: 「a+b+c」, or 「a…z 共 N 项之和」 for more than six terms.
fn push_describe(out: &mut String, terms: &[Term]) {
    if terms.len() > 6 {
        out.push_str(terms[0].label);
        out.push('…');
        out.push_str(terms[terms.len() - 1].label);
        out.push_str(" 共 ");
        push_uint(out, terms.len() as u64);
        out.push_str(" 项之和");
    } else {
        for (i, t) in terms.iter().enumerate() {
            if i > 0 {
                out.push('+');
            }
            out.push_str(t.label);
        }
    }
}

/// 「总计为 5，但 结果维持+结果纠正+其他结果+尚未审结 = 0」: both sides with their numbers.
fn push_equation(out: &mut String, e: &Evaluation, l: f64, r: f64, verb: &str) {
    push_describe(out, &e.lhs);
    out.push_str(verb);
    out.push(' ');
    push_num(out, l);
    out.push_str("，但 ");
    push_describe(out, &e.rhs);
    out.push_str(" = ");
    push_num(out, r);
}

/// An identity with at most this many cells offers, beside the blamed cell, a choice per other cell.
const MAX_CHOICES: usize = 8;

/// 「将「总计」改为 0」: the fix that gives `t` the value balancing the equation, or `None` when
/// that value is negative. Always unsafe (RULES.md "Fix safety"): nothing tells which cell is wrong.
fn set_term(t: &Term, want: f64, why: &str) -> Option<Fix> {
    let (Some(range), true) = (t.range, want >= 0.0) else {
        return None;
    };
    let new_text = num(want);
    let mut message = String::with_capacity(t.label.len() + new_text.len() + why.len() + 16);
    message.push_str("将「");
    message.push_str(t.label);
    message.push_str("」改为 ");
    message.push_str(&new_text);
    message.push_str(why);
    Some(fix(message, range, new_text, false))
}

/// The choices for an unbalanced evaluation: first the blamed cell set to the value that balances it
/// (the sum), then, for small identities, each other cell set to the value that balances it with
/// the rest unchanged. Every choice is unsafe and offered one by one; none is applied in bulk.
fn fixes(e: &Evaluation, blamed: &Term, in_lhs: bool, l: f64, r: f64) -> Option<Fix> {
    // the value a term of the left (right) side must take for the sides to balance
    let balance = |t: &Term, on_left: bool| {
        let v = t.value?;
        Some(if on_left { r - (l - v) } else { l - (r - v) })
    };
    let why = if in_lhs && e.lhs.len() == 1 {
        "（各项之和）"
    } else {
        "（使等式成立）"
    };
    let mut first = set_term(blamed, balance(blamed, in_lhs)?, why)?;
    if e.lhs.len() + e.rhs.len() <= MAX_CHOICES {
        let sides = e
            .lhs
            .iter()
            .map(|t| (t, true))
            .chain(e.rhs.iter().map(|t| (t, false)));
        for (t, on_left) in sides.filter(|(t, _)| t.id != blamed.id) {
            let alt = balance(t, on_left).and_then(|want| set_term(t, want, "（其余各格不变）"));
            first.alternatives.extend(alt);
        }
    }
    Some(first)
}

/// Check every identity of the template whose rule is `meta.code`.
pub fn check(cx: &Ctx, meta: &RuleMeta, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = cx.template else { return };
    for table in &cx.report.tables {
        if table.confidence != Confidence::High {
            continue; // NB201 says the table could not be read; no arithmetic on guesses
        }
        query::evaluate_unbalanced(
            tpl,
            table,
            |i| i.rule == meta.code,
            |e| {
                // every cell must be there and a number (missing rows and cells are other rules'
                // concern) and the sides apart: only such evaluations come here
                let (Some(l), Some(r)) = (e.lhs_sum(), e.rhs_sum()) else {
                    return;
                };
                let blame = e.identity.blame.as_deref().unwrap_or(&e.identity.lhs[0]);
                let in_lhs = e.lhs.iter().any(|t| t.id == blame);
                let Some(blamed) = e.lhs.iter().chain(&e.rhs).find(|t| t.id == blame) else {
                    return;
                };
                let (Some(range), Some(_)) = (blamed.range, blamed.value) else {
                    return;
                };
                let mut message = String::with_capacity(128);
                match e.identity.direction {
                    crate::template::Direction::Row => {
                        message.push_str(e.over_label);
                        message.push(' ');
                        push_equation(&mut message, e, l, r, "为");
                    }
                    crate::template::Direction::Column => {
                        message.push('「');
                        message.push_str(e.over_label);
                        message.push_str("」列：");
                        push_equation(&mut message, e, l, r, " =");
                    }
                }
                let mut related = Vec::with_capacity(e.lhs.len() + e.rhs.len());
                for t in e.lhs.iter().chain(&e.rhs).filter(|t| t.id != blame) {
                    let (Some(range), Some(value)) = (t.range, t.value) else {
                        continue;
                    };
                    let mut message = String::with_capacity(t.label.len() + 8);
                    message.push_str(t.label);
                    message.push_str(" = ");
                    push_num(&mut message, value);
                    related.push(Related { range, message });
                }
                let mut d = cx.diag(meta, range, message).with_related(related);
                if let Some(f) = fixes(e, blamed, in_lhs, l, r) {
                    d = d.with_fix(f);
                }
                out.push(d);
            },
        );
    }
}
