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
Inserts the standard heading where the section belongs (before the next section that is present). The
content still has to be written."#,
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
        let prefix = if cx.report.layout == Layout::Markdown && level > 0 {
            format!("{} ", "#".repeat(level as usize))
        } else {
            String::new()
        };
        let insert = if next.is_some() {
            format!("{prefix}{}\n\n", section.heading)
        } else if cx.text.ends_with('\n') || cx.text.is_empty() {
            format!("\n{prefix}{}\n", section.heading)
        } else {
            format!("\n\n{prefix}{}\n", section.heading)
        };
        out.push(
            cx.diag(
                &META,
                range,
                format!("缺少第{}部分「{}」", section.numeral, section.heading),
            )
            .with_fix(fix(
                format!("插入标题「{}」", section.heading),
                TextRange::empty(at),
                insert,
                true,
            )),
        );
    }
}
