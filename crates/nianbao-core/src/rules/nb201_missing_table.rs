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

## Severity
**error** when the table is absent or nothing of it could be read. **warning** when a table was found but
read with low confidence (some labels missing, values shifted): the numbers are there for a person to
check, only nianbao does not trust its reading enough to check the arithmetic. A level set for NB201 in
`nianbao.toml` applies to both.

## Example
Section 「三、收到和处理政府信息公开申请情况」 followed directly by section 四; or a table pasted from a PDF with
half of its rows merged.

## Fix
When the table is absent, inserts the standard table with every cell 0 after the heading (not applied by
"fix all": the numbers still have to be filled in). A damaged table has to be repaired by hand."#,
};

/// The table is absent: offer the standard table, every cell 0, right after the heading line.
fn missing(cx: &Ctx, t: &crate::template::Table, section: &crate::model::Section) -> Diagnostic {
    let d = cx.diag(
        &META,
        section.heading_range,
        format!("「{}」下没有找到表格", section.heading),
    );
    let family = if cx.report.layout == crate::model::Layout::Markdown {
        crate::format::Family::Markdown
    } else {
        crate::format::Family::Text
    };
    let Some(table) = crate::blank::blank_table(t, family) else {
        return d;
    };
    let at = section.body.start();
    let lead = if usize::from(at) >= cx.text.len() && !cx.text.ends_with('\n') {
        "\n"
    } else {
        ""
    };
    d.with_fix(super::fix(
        format!("插入「{}」的标准表格（各单元格为 0）", section.heading),
        text_size::TextRange::empty(at),
        format!("{lead}\n{table}\n"),
        false,
    ))
}

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = cx.template else { return };
    for t in &tpl.tables {
        let Some(section) = cx.report.section(&t.section) else {
            continue;
        };
        match cx.report.table(&t.id) {
            None => out.push(missing(cx, t, section)),
            Some(table) if table.confidence == Confidence::None => {
                out.push(missing(cx, t, section))
            }
            // (values read without their cells that no placement balances: the identity's rule
            // says both, once — rules/identity.rs)
            Some(table) if super::identity::unplaced_break(tpl, table).is_some() => {}
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
