//! NB106 unsupported-template: the document follows neither the 2019 nor the 2021 template.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use text_size::{TextRange, TextSize};

pub static META: RuleMeta = RuleMeta {
    code: "NB106",
    name: "unsupported-template",
    severity: Severity::Error,
    summary: "the document follows neither the 2019 nor the 2021 template",
    doc: r#"## What it checks
The document is a 政府信息公开工作年度报告 in one of the supported templates: `2019`
(国办公开办函〔2019〕60号, report years 2019–2020) or `2021` (国办公开办函〔2021〕30号, 2021 and later).

## Why
Reports older than 2019 used another layout (概述 … 政府信息公开情况统计表); their tables cannot be checked
against the current identities. Anything else is not an annual report at all. Either way no other rule
runs, so there is no cascade of meaningless errors.

## Example
A 2018 report with sections 「一、概述」 and 「政府信息公开情况统计表」.

## Fix
Use the current template: `nianbao new --year 2025 --organ …` writes a blank one."#,
};

/// Does the document fall outside the supported templates?
pub fn applies(cx: &Ctx) -> bool {
    cx.report.legacy || !cx.report.looks_like_report()
}

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    if !applies(cx) {
        return;
    }
    let end = cx.text.find('\n').unwrap_or(cx.text.len());
    let range = TextRange::new(TextSize::from(0), TextSize::from(end as u32));
    let message = if cx.report.legacy {
        "这是 2019 年以前的年度报告格式（概述、政府信息公开情况统计表），只支持 2019（国办公开办函〔2019〕60号）和 2021（国办公开办函〔2021〕30号）模板".to_string()
    } else {
        "没有找到年度报告的标题、标准章节或统计表：文档不符合 2019 或 2021 年度报告模板".to_string()
    };
    out.push(cx.diag(&META, range, message));
}
