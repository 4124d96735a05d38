//! NB104 nonstandard-heading: a heading was recognised but differs from the standard text.

use super::{fix, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template;

pub static META: RuleMeta = RuleMeta {
    code: "NB104",
    name: "nonstandard-heading",
    severity: Severity::Warning,
    summary: "a heading was recognised but differs from the standard text",
    doc: r#"## What it checks
Each section heading is written exactly as in the template (separator 「、」, full-width characters, no
extra words).

## Why
Evaluators check the headings verbatim; search and comparison across organs rely on them.

## Example
「二、主动公开政府信息的情况」 instead of 「二、主动公开政府信息情况」; 「一、总体情」 (text copied out of a PDF).

## Fix
Replaces the heading text with the standard heading (safe: only the heading line changes)."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    for s in &cx.report.sections {
        if s.standard {
            continue;
        }
        let tpl = cx.template.or_else(|| template::all().last());
        let Some(standard) = tpl
            .and_then(|t| t.section(&s.id))
            .map(|t| t.heading.as_str())
        else {
            continue;
        };
        if s.heading == standard {
            continue;
        }
        out.push(
            cx.diag(
                &META,
                s.heading_range,
                format!("标题应为「{standard}」，实际为「{}」", s.heading),
            )
            .with_fix(fix(
                format!("改为「{standard}」"),
                s.heading_range,
                standard,
                true,
            )),
        );
    }
}
