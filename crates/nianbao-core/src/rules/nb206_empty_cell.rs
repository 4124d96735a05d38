//! NB206 empty-cell: blank, 「/」, 「—」 or 「-」 where a value belongs.

use super::{fix, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Cell, Value};

pub static META: RuleMeta = RuleMeta {
    code: "NB206",
    name: "empty-cell",
    severity: Severity::Warning,
    summary: "blank, 「/」, 「—」 or 「-」 where a value belongs",
    doc: r#"## What it checks
Every value cell is filled; when there is nothing to count the template expects 0 (I6).

## Why
A blank or a dash is ambiguous: nothing to report, not known, or forgotten?

A whole row left blank (a web page's `&nbsp;` cells) is reported once for the row, and a column
left blank in several rows (only 自然人 and 总计 filled) once for the column, the other blank cells
related: one cause, one diagnostic.

## Example
「行政强制	/」.

## Fix
Writes 0 (safe): into the cell, or into every blank cell of the row or column."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    for table in &cx.report.tables {
        let template = cx.template.and_then(|t| t.table(&table.id));
        // a row of table 四 has no label of its own: its group's name from the template
        let label_of = |row: &crate::model::Row| -> String {
            match (&row.label, template) {
                (Some(l), _) => l.text.clone(),
                (None, Some(t)) => super::row_label(t, row.id).to_string(),
                (None, None) => row.id.to_string(),
            }
        };
        let header_of = |column: &'static str| match template {
            Some(t) => super::column_header(t, column),
            None => column,
        };
        // the blank cells of rows not wholly blank, column by column in the template's order
        let mut columns: Vec<(&'static str, Vec<(&crate::model::Row, &Cell)>)> = Vec::new();
        for row in &table.rows {
            // a whole row blank (HTML pages, FORMAT.md §7.5): once for the row
            if row.cells.len() > 1 && row.cells.iter().all(|c| c.value == Value::Blank) {
                out.push(
                    cx.diag(
                        &META,
                        row.range,
                        format!(
                            "「{}」整行 {} 个单元格都是{}，没有数据应填 0",
                            label_of(row),
                            row.cells.len(),
                            written(row.cells.iter())
                        ),
                    )
                    .with_fix(zeros("各单元格填入 0", row.cells.iter())),
                );
                continue;
            }
            for c in row.cells.iter().filter(|c| c.value == Value::Blank) {
                match columns.iter_mut().find(|(id, _)| *id == c.column) {
                    Some((_, cells)) => cells.push((row, c)),
                    None => columns.push((c.column, vec![(row, c)])),
                }
            }
        }
        for (column, cells) in &columns {
            let header = header_of(column);
            let [(row, c)] = cells.as_slice() else {
                // a column left blank in several rows (「只填了自然人和总计列」, FORMAT.md §7.5): one
                // cause, once for the column, at its first blank cell, the others related
                let mut rows = String::new();
                for (row, _) in cells.iter().take(SHOWN_ROWS) {
                    rows.push_str(&format!("「{}」", label_of(row)));
                }
                if cells.len() > SHOWN_ROWS {
                    rows.push('等');
                }
                let mut d = cx.diag(
                    &META,
                    cells[0].1.range,
                    format!(
                        "「{header}」列有 {} 个单元格为{}（{rows}），没有数据应填 0",
                        cells.len(),
                        written(cells.iter().map(|(_, c)| *c))
                    ),
                );
                d.related = cells[1..]
                    .iter()
                    .map(|(row, c)| crate::diagnostic::Related {
                        range: c.range,
                        message: format!("「{}」的「{header}」{}", label_of(row), shown(c)),
                    })
                    .collect();
                out.push(d.with_fix(zeros(
                    &format!("「{header}」列的空白单元格填入 0"),
                    cells.iter().map(|(_, c)| *c),
                )));
                continue;
            };
            out.push(
                cx.diag(
                    &META,
                    c.range,
                    format!(
                        "「{}」的「{header}」{}，没有数据应填 0",
                        label_of(row),
                        shown(c)
                    ),
                )
                .with_fix(fix("填入 0", c.range, "0", true)),
            );
        }
    }
}

/// How many rows a column's diagnostic names before 「等」.
const SHOWN_ROWS: usize = 3;

/// 「为空白」, or the mark written: 「为「/」」.
fn shown(c: &Cell) -> String {
    if c.raw.is_empty() {
        "为空白".to_string()
    } else {
        format!("为「{}」", c.raw)
    }
}

/// What a group of empty cells holds, as the report writes it: 「空白」, 「「/」」, or each kind once in
/// the order met, 「空白或「/」」.
fn written<'c>(cells: impl Iterator<Item = &'c Cell>) -> String {
    let mut kinds: Vec<&str> = Vec::new();
    for c in cells {
        if !kinds.contains(&c.raw.as_str()) {
            kinds.push(&c.raw);
        }
    }
    kinds
        .iter()
        .map(|k| {
            if k.is_empty() {
                "空白".to_string()
            } else {
                format!("「{k}」")
            }
        })
        .collect::<Vec<_>>()
        .join("或")
}

/// A safe fix writing 0 into every cell given.
fn zeros<'c>(message: &str, cells: impl Iterator<Item = &'c Cell>) -> crate::diagnostic::Fix {
    crate::diagnostic::Fix {
        message: message.into(),
        edits: cells
            .map(|c| crate::diagnostic::Edit {
                range: c.range,
                new_text: "0".into(),
            })
            .collect(),
        safety: crate::diagnostic::Safety::Safe,
        alternatives: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(raw: &str) -> Cell {
        Cell {
            column: "total",
            range: crate::TextRange::default(),
            raw: raw.into(),
            value: Value::Blank,
        }
    }

    #[test]
    fn empty_cells_are_named_as_written() {
        assert_eq!(written([cell(""), cell("")].iter()), "空白");
        assert_eq!(written([cell("/"), cell("/")].iter()), "「/」");
        assert_eq!(written([cell(""), cell("/"), cell("")].iter()), "空白或「/」");
        assert_eq!(written([cell("—"), cell("/")].iter()), "「—」或「/」");
    }
}
