//! NB107 template-year-mismatch: 2021 template for a year ≤ 2020, or 2019 template for a year ≥ 2021.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template;

pub static META: RuleMeta = RuleMeta {
    code: "NB107",
    name: "template-year-mismatch",
    severity: Severity::Error,
    summary: "2021 template for a year ≤ 2020, or 2019 template for a year ≥ 2021",
    doc: r#"## What it checks
The template the tables follow is the one in force for the report year: `2019` for 2019–2020, `2021` from 2021.

## Why
The 2021 notice changed table 二 and split （六）其他处理; a 2022 report in the old layout misses data
the new template requires.

## Example
A 2021 report whose table 二 has 「本年新制作数量」「上一年项目数量」 columns.

## Fix
Rewrite the tables in the right template (`nianbao new --year …` shows it)."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let (Some(tpl), Some(year)) = (cx.template, cx.report.year) else {
        return;
    };
    if year >= tpl.first_year && tpl.last_year.is_none_or(|l| year <= l) {
        return;
    }
    let Some(right) = template::for_year(year) else {
        return;
    };
    let range = cx
        .report
        .markers
        .iter()
        .find(|m| m.0 == tpl.id)
        .map(|m| m.2)
        .or(cx.report.title.as_ref().map(|t| t.1))
        .unwrap_or_default();
    out.push(cx.diag(
        &META,
        range,
        format!(
            "{year} 年度报告应使用 {} 模板（{}），但表格使用的是 {} 模板（适用于 {}）",
            right.id,
            right.notice,
            tpl.id,
            tpl.years_text()
        ),
    ));
}
