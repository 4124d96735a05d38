//! NB207 invalid-number: negative, or non-integer where a count belongs (I5).

use super::{num, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Value;
use crate::template::ValueKind;

pub static META: RuleMeta = RuleMeta {
    code: "NB207",
    name: "invalid-number",
    severity: Severity::Error,
    summary: "negative, or non-integer where a count belongs",
    doc: r#"## What it checks
Counts are non-negative integers; 本年收费金额 is a non-negative decimal (万元); only the 2019 「本年增/减」
column may be negative (I5).

## Why
A negative count or 「2.5」 applications is a typing error.

## Example
「-3」 in table 三, 「12.5」 in 「行政处罚」.

## Fix
Correct the number; no automatic fix."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (t, row, _) in cx.rows() {
        for c in &row.cells {
            let Value::Number {
                value,
                integer,
                unit,
            } = &c.value
            else {
                continue;
            };
            let kind = t.column(c.column).map(|c| c.kind).unwrap_or_default();
            if *value < 0.0 && kind != ValueKind::Delta {
                out.push(cx.diag(&META, c.range, format!("数值不能为负数：{}", num(*value))));
            } else if !integer
                && kind == ValueKind::Count
                && unit.as_deref().is_none_or(|u| !u.starts_with(['万', '亿']))
            {
                out.push(cx.diag(
                    &META,
                    c.range,
                    format!(
                        "「{}」应为整数，实际为 {}",
                        super::column_header(t, c.column),
                        num(*value)
                    ),
                ));
            }
        }
    }
}
