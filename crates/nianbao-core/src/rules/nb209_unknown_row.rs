//! NB209 unknown-row: a table line that matches no template row.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB209",
    name: "unknown-row",
    severity: Severity::Warning,
    summary: "a table line that matches no template row",
    doc: r#"## What it checks
Every line of a table that carries numbers is a row of the template.

## Why
An extra row (a local addition, a damaged label that could not be recognised) is not counted anywhere,
and hides numbers from the checks.

## Example
「（八）其他情形	2	0	0	0	0	0	2」 in table 三.

## Fix
Move the numbers to the right template row or remove the line; no automatic fix."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    for table in &cx.report.tables {
        for u in &table.unknown {
            out.push(cx.diag(
                &META,
                u.range,
                format!("「{}」不是模板中的行（带有 {} 个数值）", u.text, u.values),
            ));
        }
    }
}
