//! NB201 missing-table: the section is there but its table is not, or cannot be read.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Confidence;

pub static META: RuleMeta = RuleMeta {
    code: "NB201",
    name: "missing-table",
    severity: Severity::Error,
    summary: "the section is there but its table is not, or cannot be read",
    doc: r#"## What it checks
Sections 二, 三 and 四 each contain their table, and the table can be read well enough to check its numbers.

## Why
The tables are the heart of the report. When a table is too damaged to read with confidence (labels
missing, values shifted), nianbao says so here instead of reporting arithmetic errors it cannot trust.

## Example
Section 「三、收到和处理政府信息公开申请情况」 followed directly by section 四; or a table pasted from a PDF with
half of its rows merged.

## Fix
Insert the standard table (`nianbao new` or the editor's "insert standard table" completion) or repair it."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = cx.template else { return };
    for t in &tpl.tables {
        let Some(section) = cx.report.section(&t.section) else {
            continue;
        };
        match cx.report.table(&t.id) {
            None => out.push(cx.diag(
                &META,
                section.heading_range,
                format!("「{}」下没有找到表格", section.heading),
            )),
            Some(table) if table.confidence == Confidence::None => out.push(cx.diag(
                &META,
                section.heading_range,
                format!("「{}」下没有找到表格", section.heading),
            )),
            Some(table) if table.confidence == Confidence::Low => out.push(
                cx.diag(
                    &META,
                    section.heading_range,
                    format!(
                        "「{}」的表格无法可靠识别（{}），不检查其勾稽关系",
                        section.heading,
                        table.notes.join("；")
                    ),
                )
                .with_severity(Severity::Warning),
            ),
            Some(_) => {}
        }
    }
}
