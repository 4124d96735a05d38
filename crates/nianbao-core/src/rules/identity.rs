//! Evaluation of the identities I1–I4 (template data) for the arithmetic rules NB301–NB304.

use super::{column_header, fix, num, row_label, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Related};
use crate::model::{Cell, Confidence};
use crate::template::Direction;

/// One side of an equation: cells and a printable description.
fn side<'a>(cells: &[(&'a str, Option<&'a Cell>)]) -> Option<(f64, Vec<(&'a str, &'a Cell)>)> {
    let mut sum = 0.0;
    let mut out = Vec::new();
    for (name, c) in cells {
        let c = (*c)?;
        sum += c.number()?;
        out.push((*name, c));
    }
    Some((sum, out))
}

/// 「总计为 5，但 结果维持+结果纠正+其他结果+尚未审结 = 0」: both sides with their numbers.
fn equation(l: &Side, r: &Side, verb: &str) -> String {
    let names = |s: &Side| describe(&s.1.iter().map(|x| x.0).collect::<Vec<_>>());
    format!(
        "{}{verb} {}，但 {} = {}",
        names(l),
        num(l.0),
        names(r),
        num(r.0)
    )
}

fn describe(names: &[&str]) -> String {
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

/// Check every identity of the template whose rule is `meta.code`.
pub fn check(cx: &Ctx, meta: &RuleMeta, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = cx.template else { return };
    for identity in tpl.identities.iter().filter(|i| i.rule == meta.code) {
        let Some((table, t)) = cx.table(&identity.table) else {
            continue;
        };
        if table.confidence != Confidence::High {
            continue; // NB201 says the table could not be read; no arithmetic on guesses
        }
        let blame = identity
            .blame
            .clone()
            .unwrap_or_else(|| identity.lhs[0].clone());
        match identity.direction {
            Direction::Row => {
                let lhs_cols = t.resolve_columns(&identity.lhs);
                let rhs_cols = t.resolve_columns(&identity.rhs);
                for row_id in t.resolve_rows(&identity.over) {
                    let Some(row) = table.row(row_id) else {
                        continue;
                    };
                    let get = |cols: &[&'static str]| -> Vec<(&'static str, Option<&Cell>)> {
                        cols.iter()
                            .map(|c| (column_header(t, c), row.cell(c)))
                            .collect()
                    };
                    let (Some(l), Some(r)) = (side(&get(&lhs_cols)), side(&get(&rhs_cols))) else {
                        continue;
                    };
                    if (l.0 - r.0).abs() < 1e-6 {
                        continue;
                    }
                    let message = format!("{} {}", row_label(t, row_id), equation(&l, &r, "为"));
                    emit(cx, meta, out, identity.fix_safe, message, &l, &r, |c| {
                        c.column == blame
                    });
                }
            }
            Direction::Column => {
                let lhs_rows = t.resolve_rows(&identity.lhs);
                let rhs_rows = t.resolve_rows(&identity.rhs);
                for col in t.resolve_columns(&identity.over) {
                    let get = |rows: &[&'static str]| -> Vec<(&'static str, Option<&Cell>)> {
                        rows.iter()
                            .map(|r| (row_label(t, r), table.row(r).and_then(|row| row.cell(col))))
                            .collect()
                    };
                    // every row must be there; missing rows are NB202's
                    let (Some(l), Some(r)) = (side(&get(&lhs_rows)), side(&get(&rhs_rows))) else {
                        continue;
                    };
                    if (l.0 - r.0).abs() < 1e-6 {
                        continue;
                    }
                    let message = format!(
                        "「{}」列：{}",
                        column_header(t, col),
                        equation(&l, &r, " =")
                    );
                    let blamed_row = table.row(&blame);
                    emit(cx, meta, out, identity.fix_safe, message, &l, &r, |c| {
                        blamed_row.is_some_and(|br| br.cells.iter().any(|bc| std::ptr::eq(bc, c)))
                    });
                }
            }
        }
    }
}

type Side<'a> = (f64, Vec<(&'a str, &'a Cell)>);

#[allow(clippy::too_many_arguments)]
fn emit(
    cx: &Ctx,
    meta: &RuleMeta,
    out: &mut Vec<Diagnostic>,
    safe: bool,
    message: String,
    l: &Side,
    r: &Side,
    is_blamed: impl Fn(&Cell) -> bool,
) {
    let all: Vec<&(&str, &Cell)> = l.1.iter().chain(&r.1).collect();
    let Some(blamed) = all.iter().find(|x| is_blamed(x.1)) else {
        return;
    };
    let in_lhs = l.1.iter().any(|x| std::ptr::eq(x.1, blamed.1));
    let v = blamed.1.number().unwrap_or(0.0);
    // value of the blamed cell that balances the equation
    let want = if in_lhs {
        r.0 - (l.0 - v)
    } else {
        l.0 - (r.0 - v)
    };
    let related = all
        .iter()
        .filter(|x| !std::ptr::eq(x.1, blamed.1))
        .map(|x| Related {
            range: x.1.range,
            message: format!("{} = {}", x.0, x.1.raw),
        })
        .collect();
    let mut d = cx.diag(meta, blamed.1.range, message).with_related(related);
    if want >= 0.0 {
        d = d.with_fix(fix(
            format!("改为 {}", num(want)),
            blamed.1.range,
            num(want),
            safe,
        ));
    }
    out.push(d);
}
