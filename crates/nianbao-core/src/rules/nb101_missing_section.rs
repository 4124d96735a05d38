//! NB101 missing-section: a standard section is absent.

use super::{fix, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Layout;
use text_size::{TextRange, TextSize};

pub static META: RuleMeta = RuleMeta {
    code: "NB101",
    name: "missing-section",
    severity: Severity::Error,
    summary: "a standard section is absent",
    doc: r#"## What it checks
Each of the six sections of the template (一、总体情况 … 六、其他需要报告的事项) has its heading line.

## Why
The national template (国办公开办函〔2021〕30号 / 〔2019〕60号) fixes the six sections; evaluators mark a
report incomplete when one is missing.

## Example
A report that goes from 「四、政府信息公开行政复议、行政诉讼情况」 straight to 「六、其他需要报告的事项」.

## Fix
Inserts the standard heading where the section belongs (before the next section that is present), and for
sections 二, 三 and 四 the standard table with every cell 0, in the document's layout. The content still has
to be written."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = cx.template else { return };
    let level = cx
        .report
        .sections
        .iter()
        .map(|s| s.level)
        .max()
        .unwrap_or(0);
    for (i, section) in tpl.sections.iter().enumerate() {
        if cx.report.section(&section.id).is_some() {
            continue;
        }
        // where it belongs: before the next present section in template order
        let next = tpl.sections[i + 1..]
            .iter()
            .find_map(|s| cx.report.section(&s.id));
        let (range, at) = match next {
            Some(n) => (n.line_range, n.line_range.start()),
            None => {
                let end = TextSize::of(cx.text);
                let start = TextSize::from(cx.line_start(end) as u32);
                (TextRange::new(start, end), end)
            }
        };
        let markdown = cx.report.layout == Layout::Markdown;
        let prefix = if markdown && level > 0 {
            format!("{} ", "#".repeat(level as usize))
        } else {
            String::new()
        };
        // the heading, and for 二/三/四 the standard table with every cell 0
        let family = if markdown {
            crate::format::Family::Markdown
        } else {
            crate::format::Family::Text
        };
        let table = section
            .table
            .as_deref()
            .and_then(|t| tpl.table(t))
            .and_then(|t| crate::blank::blank_table(t, family))
            .map(|t| format!("\n{t}"))
            .unwrap_or_default();
        let block = format!("{prefix}{}\n{table}", section.heading);
        let insert = if next.is_some() {
            format!("{block}\n")
        } else if cx.text.ends_with('\n') || cx.text.is_empty() {
            format!("\n{block}")
        } else {
            format!("\n\n{block}")
        };
        out.push(
            cx.diag(
                &META,
                range,
                format!("缺少第{}部分「{}」", section.numeral, section.heading),
            )
            .with_fix(fix(
                if section.table.is_some() {
                    format!("插入「{}」及标准表格", section.heading)
                } else {
                    format!("插入标题「{}」", section.heading)
                },
                TextRange::empty(at),
                insert,
                true,
            )),
        );
    }
}
