//! NB502 empty-section: a prose section is empty or only 「无」.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::norm::key;

pub static META: RuleMeta = RuleMeta {
    code: "NB502",
    name: "empty-section",
    severity: Severity::Warning,
    summary: "a prose section is empty or only 「无」",
    doc: r#"## What it checks
The prose sections (一 总体情况, 五 存在的主要问题及改进情况, 六 其他需要报告的事项) have content; section 五 must
name problems and remedies, not just 「无」.

## Why
An empty section 五 is read as a report that hides its problems.

## Example
「五、存在的主要问题及改进情况」 followed by 「无。」.

## Fix
Write the section; no automatic fix."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = cx.template else { return };
    for s in &cx.report.sections {
        let Some(ts) = tpl.section(&s.id) else {
            continue;
        };
        if ts.table.is_some() {
            continue;
        }
        // only the first few meaningful characters matter
        let body = &cx.text[s.body];
        let head: String = body
            .char_indices()
            .take_while(|(i, _)| *i < 64)
            .map(|(_, c)| c)
            .collect();
        let k = key(&head);
        if k.chars().count() > 4 {
            continue;
        }
        let k = k.trim_end_matches('无');
        if k.is_empty() || matches!(k, "暂无" | "没有") {
            out.push(cx.diag(&META, s.heading_range, format!("「{}」没有内容", s.heading)));
        }
    }
}
