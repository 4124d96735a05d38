//! NB206 empty-cell: blank, 「/」, 「—」 or 「-」 where a value belongs.

use super::{fix, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Value;

pub static META: RuleMeta = RuleMeta {
    code: "NB206",
    name: "empty-cell",
    severity: Severity::Warning,
    summary: "blank, 「/」, 「—」 or 「-」 where a value belongs",
    doc: r#"## What it checks
Every value cell is filled; when there is nothing to count the template expects 0 (I6).

## Why
A blank or a dash is ambiguous: nothing to report, not known, or forgotten?

## Example
「行政强制	/」.

## Fix
Writes 0 (safe)."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    for table in &cx.report.tables {
        for row in &table.rows {
            // a whole row blank (HTML pages, FORMAT.md §7.5): once for the row
            if row.cells.len() > 1 && row.cells.iter().all(|c| c.value == Value::Blank) {
                let label = row.label.as_ref().map_or(row.id, |l| l.text.as_str());
                let edits = row
                    .cells
                    .iter()
                    .map(|c| crate::diagnostic::Edit {
                        range: c.range,
                        new_text: "0".into(),
                    })
                    .collect();
                out.push(
                    cx.diag(
                        &META,
                        row.range,
                        format!(
                            "「{label}」整行 {} 个单元格都是空白，没有数据应填 0",
                            row.cells.len()
                        ),
                    )
                    .with_fix(crate::diagnostic::Fix {
                        message: "各单元格填入 0".into(),
                        edits,
                        safety: crate::diagnostic::Safety::Safe,
                        alternatives: Vec::new(),
                    }),
                );
                continue;
            }
            for c in row.cells.iter().filter(|c| c.value == Value::Blank) {
                let shown = if c.raw.is_empty() {
                    "空白".to_string()
                } else {
                    format!("「{}」", c.raw)
                };
                out.push(
                    cx.diag(&META, c.range, format!("单元格为{shown}，没有数据应填 0"))
                        .with_fix(fix("填入 0", c.range, "0", true)),
                );
            }
        }
    }
}
