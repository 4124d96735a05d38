//! NB505 overview-coverage: section 一 does not cover one of the five topics.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::norm::key;

pub static META: RuleMeta = RuleMeta {
    code: "NB505",
    name: "overview-coverage",
    severity: Severity::Info,
    summary: "section 一 does not cover one of the five topics",
    doc: r#"## What it checks
Section 「一、总体情况」 mentions each of the five topics of the template: 主动公开, 依申请公开,
政府信息管理, 平台建设, 监督保障 (usually as sub-heads （一）…（五）).

## Why
The template's guidance asks for all five; evaluators score each.

## Example
An overview with sub-heads 加强组织领导 / 健全工作机制 / 突出重点公开 and no word about 监督保障.

## Fix
Add the missing topic; no automatic fix."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = cx.template else { return };
    for ts in tpl.sections.iter().filter(|s| !s.subheads.is_empty()) {
        let Some(s) = cx.report.section(&ts.id) else {
            continue;
        };
        let raw = &cx.text[s.body];
        if raw.trim().is_empty() {
            continue; // NB502
        }
        // most reports write the topics verbatim; the normalised key is built only when one is not found
        let mut body: Option<String> = None;
        let missing: Vec<&str> = ts
            .subheads
            .iter()
            .filter(|h| !raw.contains(h.as_str()) && !body.get_or_insert_with(|| key(raw)).contains(&key(h)))
            .map(|h| h.as_str())
            .collect();
        if !missing.is_empty() {
            out.push(cx.diag(
                &META,
                s.heading_range,
                format!(
                        "「{}」没有写到：{}",
                        s.heading,
                        missing
                            .iter()
                            .map(|m| format!("「{m}」"))
                            .collect::<Vec<_>>()
                            .join("")
                    ),
            ));
        }
    }
}
