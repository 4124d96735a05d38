//! NB102 section-order: sections out of the standard order.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Related, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB102",
    name: "section-order",
    severity: Severity::Error,
    summary: "sections out of the standard order",
    doc: r#"## What it checks
The six sections appear in the order of the template: 一 总体情况, 二 主动公开, 三 依申请, 四 复议诉讼, 五 问题, 六 其他.

## Why
Readers and evaluators compare reports section by section; the template fixes the order.

## Example
「五、存在的主要问题及改进情况」 placed before 「四、政府信息公开行政复议、行政诉讼情况」.

## Fix
Move the section; no automatic fix (moving prose is never done automatically)."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = cx.template else { return };
    let index = |id: &str| tpl.sections.iter().position(|s| s.id == id);
    let mut seen: Vec<&str> = Vec::new();
    let mut max: Option<(usize, &crate::model::Section)> = None;
    for s in &cx.report.sections {
        if seen.contains(&s.id.as_str()) {
            continue; // duplicates are NB103's
        }
        seen.push(&s.id);
        let Some(i) = index(&s.id) else { continue };
        match max {
            Some((mi, ms)) if i < mi => {
                out.push(
                    cx.diag(
                        &META,
                        s.heading_range,
                        format!("「{}」应在「{}」之前", s.heading, ms.heading),
                    )
                    .with_related(vec![Related {
                        range: ms.heading_range,
                        message: format!("「{}」在这里", ms.heading),
                    }]),
                );
            }
            _ => max = Some((i, s)),
        }
    }
}
