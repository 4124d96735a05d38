//! NB403 carry-over-mismatch: 上年结转 differs from last year's 结转下年度 (I7).

use super::{column_header, num, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB403",
    name: "carry-over-mismatch",
    severity: Severity::Warning,
    summary: "上年结转 differs from last year's 结转下年度",
    doc: r#"## What it checks
Identity I7: 二、上年结转政府信息公开申请数量 of year Y equals 四、结转下年度继续办理 of year Y−1 of the same
organ, column by column. Runs when last year's report of the same organ is checked too (same directory or
command line; in the editor: the workspace).

## Why
Applications carried over must reappear the next year; a difference means some were lost or invented.

## Example
2021 report: 上年结转 总计 8; the 2020 report of the same organ: 结转下年度继续办理 总计 5.

## Fix
Correct one of the two reports; no automatic fix."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(prev) = &cx.context.previous_year else {
        return;
    };
    let Some((table, t)) = cx.table("applications") else {
        return;
    };
    let (Some(row), Some(prev_row)) = (
        table.row("carried_in"),
        prev.table("applications")
            .and_then(|p| p.row("carried_over")),
    ) else {
        return;
    };
    for c in &row.cells {
        let (Some(v), Some(p)) = (
            c.number(),
            prev_row.cell(c.column).and_then(|x| x.number()),
        ) else {
            continue;
        };
        if (v - p).abs() > 1e-6 {
            out.push(cx.diag(
                &META,
                c.range,
                format!(
                    "「{}」列：本年上年结转为 {}，但 {} 年报告的结转下年度继续办理为 {}",
                    column_header(t, c.column),
                    num(v),
                    prev.year.map_or("上一".to_string(), |y| y.to_string()),
                    num(p)
                ),
            ));
        }
    }
}
