//! NB103 duplicate-section: a section appears twice.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Related, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB103",
    name: "duplicate-section",
    severity: Severity::Warning,
    summary: "a section appears twice",
    doc: r#"## What it checks
No section heading appears twice.

## Why
A repeated section usually means text pasted twice or a sub-head written like a section heading; either
confuses readers and the table checks.

## Example
Two lines 「三、收到和处理政府信息公开申请情况」.

## Fix
Merge or rename the second one; no automatic fix."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (i, s) in cx.report.sections.iter().enumerate() {
        if let Some(first) = cx.report.sections[..i].iter().find(|f| f.id == s.id) {
            out.push(
                cx.diag(&META, s.heading_range, format!("「{}」重复出现", s.heading))
                    .with_related(vec![Related {
                        range: first.heading_range,
                        message: "第一次出现在这里".into(),
                    }]),
            );
        }
    }
}
