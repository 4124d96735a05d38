//! NB404 in-force-mismatch: 现行有效 ≠ last year's 现行有效 + 制发 − 废止 (I8).

use super::{num, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB404",
    name: "in-force-mismatch",
    severity: Severity::Info,
    summary: "现行有效 ≠ last year's 现行有效 + 制发 − 废止",
    doc: r#"## What it checks
Identity I8 (a heuristic: documents also lapse without being repealed): 行政规范性文件 现行有效件数 of year Y =
现行有效件数 of year Y−1 + 本年制发件数 − 本年废止件数. Runs when last year's report of the same organ is
checked too.

## Why
A large difference usually means one of the years' counts is wrong.

## Example
2021: 制发 8, 废止 10, 现行有效 69; 2020: 现行有效 60 → expected 58.

## Fix
Check both reports; no automatic fix."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(prev) = &cx.context.previous_year else {
        return;
    };
    let Some((table, _)) = cx.table("active") else {
        return;
    };
    let Some(row) = table.row("normative_docs") else {
        return;
    };
    let (Some(issued), Some(repealed), Some(cell)) = (
        row.cell("issued").and_then(|c| c.number()),
        row.cell("repealed").and_then(|c| c.number()),
        row.cell("in_force"),
    ) else {
        return;
    };
    let Some(before) = prev
        .table("active")
        .and_then(|t| t.value("normative_docs", "in_force"))
    else {
        return;
    };
    let Some(now) = cell.number() else { return };
    let expected = before + issued - repealed;
    if (expected - now).abs() > 1e-6 {
        out.push(cx.diag(
            &META,
            cell.range,
            format!(
                "现行有效件数为 {}，但上年现行有效 {} + 本年制发 {} − 本年废止 {} = {}",
                num(now),
                num(before),
                num(issued),
                num(repealed),
                num(expected)
            ),
        ));
    }
}
