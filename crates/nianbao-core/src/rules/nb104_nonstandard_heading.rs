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
    let tpl = cx.template.or_else(|| template::all().last());
    let standard_of = |id: &str| tpl.and_then(|t| t.section(id));
    // a renumbered outline (FORMAT.md §7.4): reported once, at its first heading
    let renumbered: Vec<(&crate::model::Section, &str)> = cx
        .report
        .sections
        .iter()
        .filter(|s| s.renumbered)
        .filter_map(|s| Some((s, standard_of(&s.id)?.heading.as_str())))
        .collect();
    if let Some((first, _)) = renumbered.first() {
        let names: Vec<String> = renumbered
            .iter()
            .map(|(s, h)| format!("「{}」应为「{h}」", s.heading))
            .collect();
        let edits = renumbered
            .iter()
            .map(|(s, h)| crate::diagnostic::Edit {
                range: s.heading_range,
                new_text: h.to_string(),
            })
            .collect();
        let mut f = fix("按全国格式重新编号", first.heading_range, "", false);
        f.edits = edits;
        out.push(
            cx.diag(
                &META,
                first.heading_range,
                format!(
                    "{}个部分的编号与全国格式不同（编号重新开始）：{}",
                    renumbered.len(),
                    names.join("，")
                ),
            )
            .with_fix(f),
        );
    }
    for s in &cx.report.sections {
        if s.standard {
            continue;
        }
        let Some(standard) = standard_of(&s.id).map(|t| t.heading.as_str()) else {
            continue;
        };
        if s.heading == standard {
            continue;
        }
        if s.renumbered && renumbered_only(&s.heading, standard) {
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

/// The heading differs from the standard one only by its numeral.
fn renumbered_only(heading: &str, standard: &str) -> bool {
    let tail = |h: &str| h.chars().skip(1).collect::<String>();
    tail(heading) == tail(standard)
}
