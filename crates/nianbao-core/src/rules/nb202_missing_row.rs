//! NB202 missing-row: a template row is absent.

use super::{fix, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Confidence;
use crate::template::{ItemKind, Shape};
use text_size::{TextRange, TextSize};

pub static META: RuleMeta = RuleMeta {
    code: "NB202",
    name: "missing-row",
    severity: Severity::Error,
    summary: "a template row is absent",
    doc: r#"## What it checks
Every row of the template's tables is present, in template order, even when all its numbers are 0.

## Why
The template requires every row; a row left out makes the totals impossible to verify and is marked as an
incomplete table by evaluators.

## Example
Table 三 without 「8.属于行政查询事项」.

## Fix
Inserts the row in place, in the table's layout, with every cell 0."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = cx.template else { return };
    for t in tpl.tables.iter().filter(|t| t.shape == Shape::Rows) {
        let Some(table) = cx.report.table(&t.id) else {
            continue;
        };
        if table.confidence == Confidence::None {
            continue;
        }
        let rows: Vec<_> = t.rows().collect();
        for (i, item) in rows.iter().enumerate() {
            if table.row(&item.id).is_some() {
                continue;
            }
            // rows of a group line that carries values itself are NB108's concern
            if let Some(g) = t.group_of(&item.id) {
                if g.kind == ItemKind::Group
                    && table
                        .markers
                        .iter()
                        .any(|m| m.standard == g.label && m.values > 0)
                {
                    continue;
                }
            }
            let next = rows[i + 1..].iter().find_map(|r| table.row(&r.id));
            let prev = rows[..i].iter().rev().find_map(|r| table.row(&r.id));
            let zeros = vec!["0"; item.columns.len()];
            let (range, insert) = match (next, prev) {
                (Some(n), _) => {
                    let at = TextSize::from(cx.line_start(n.range.start()) as u32);
                    let same_line = !cx.text[n.range].contains('\n');
                    let line_end = cx.text[usize::from(at)..]
                        .find('\n')
                        .map_or(cx.text.len(), |e| usize::from(at) + e);
                    let line = &cx.text[usize::from(at)..line_end];
                    let text = if same_line && line.contains('|') {
                        format!("| {} | {} |\n", item.label, zeros.join(" | "))
                    } else if same_line {
                        format!("{}\t{}\n", item.label, zeros.join("\t"))
                    } else {
                        let indent = cx.indent_at(n.range.start());
                        let sep = format!("\n\n{indent}");
                        format!("{indent}{}{sep}{}\n\n", item.label, zeros.join(&sep))
                    };
                    (n.label.as_ref().map_or(n.range, |l| l.range), (at, text))
                }
                (None, Some(p)) => {
                    let end = p.range.end();
                    let line_end = cx.text[usize::from(end)..]
                        .find('\n')
                        .map_or(cx.text.len(), |e| usize::from(end) + e);
                    let at = TextSize::from(line_end as u32);
                    (
                        p.label.as_ref().map_or(p.range, |l| l.range),
                        (at, format!("\n{}\t{}", item.label, zeros.join("\t"))),
                    )
                }
                (None, None) => continue,
            };
            out.push(
                cx.diag(&META, range, format!("表格缺少行「{}」", item.label))
                    .with_fix(fix(
                        format!("插入行「{}」（各列为 0）", item.label),
                        TextRange::empty(insert.0),
                        insert.1,
                        true,
                    )),
            );
        }
    }
}
