//! NB203 nonstandard-label: a row or column label differs from the standard one.

use super::{fix, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::Shape;
use text_size::TextRange;

pub static META: RuleMeta = RuleMeta {
    code: "NB203",
    name: "nonstandard-label",
    severity: Severity::Warning,
    summary: "a row or column label differs from the standard one",
    doc: r#"## What it checks
Row labels, group lines, block lines and column headers are written exactly as in the template, with the
official numbering punctuation (「（一）」, 「1.」) — and every row has its label.

## Why
Typos, truncations (「行政许」), half-width brackets and variant numbering (「1、」) are what evaluators
flag first; automated comparison across organs needs the standard labels.

## Example
「(一)予以公开」 for 「（一）予以公开」, 「1. 属于国家秘密」 for 「1.属于国家秘密」, a 规章 row whose label is missing.

## Fix
Replaces the label with the standard one (safe), or inserts the missing label."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = cx.template else { return };
    for t in tpl.tables.iter().filter(|t| t.shape == Shape::Rows) {
        let Some(table) = cx.report.table(&t.id) else {
            continue;
        };
        for row in &table.rows {
            let Some(item) = t.row(row.id) else { continue };
            match &row.label {
                Some(l) if !l.exact => {
                    let d = cx.diag(
                        &META,
                        l.range,
                        format!("行标签应为「{}」，实际为「{}」", item.label, l.text),
                    );
                    out.push(if l.parts.len() == 1 {
                        d.with_fix(fix(
                            format!("改为「{}」", item.label),
                            l.range,
                            item.label.clone(),
                            true,
                        ))
                    } else {
                        d
                    });
                }
                None => {
                    let Some(first) = row.cells.first() else {
                        continue;
                    };
                    let same_line = cx.text[row.range].lines().count() <= 1
                        && !cx.text[row.range].contains('\n');
                    let insert = if same_line {
                        format!("{}\t", item.label)
                    } else {
                        format!("{}\n\n{}", item.label, cx.indent_at(first.range.start()))
                    };
                    out.push(
                        cx.diag(
                            &META,
                            first.range,
                            format!("「{}」行缺少行标签", item.label),
                        )
                        .with_fix(fix(
                            format!("插入行标签「{}」", item.label),
                            TextRange::empty(first.range.start()),
                            insert,
                            true,
                        )),
                    );
                }
                _ => {}
            }
        }
        for m in table.markers.iter().filter(|m| !m.exact) {
            let d = cx.diag(
                &META,
                m.range,
                format!("应为「{}」，实际为「{}」", m.standard, m.label),
            );
            out.push(if cx.text[m.range].contains('\n') {
                d
            } else {
                d.with_fix(fix(
                    format!("改为「{}」", m.standard),
                    m.range,
                    m.standard,
                    true,
                ))
            });
        }
    }
}
