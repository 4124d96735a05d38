//! NB105 missing-title: no title line naming the organ and the year.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use text_size::{TextRange, TextSize};

pub static META: RuleMeta = RuleMeta {
    code: "NB105",
    name: "missing-title",
    severity: Severity::Warning,
    summary: "no title line naming the organ and the year",
    doc: r#"## What it checks
Before section 一 there is a title line 「<机关名称><年份>年政府信息公开工作年度报告」 naming the organ and the year.

## Why
Reports are published and archived as stand-alone documents; without the title nobody can tell whose report
it is, and the report year has to be guessed from the prose.

## Example
A report whose first line is 「一、总体情况」.

## Fix
Add the title line; no automatic fix (the organ's name is not known)."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    match &cx.report.title {
        Some((title, range)) => {
            if cx.report.organ.is_none()
                || cx.report.year_source != Some(crate::model::YearSource::Title)
            {
                out.push(cx.diag(&META, *range, format!("标题「{title}」应写明机关名称和年份，如「某某县人民政府2021年政府信息公开工作年度报告」")));
            }
        }
        None => {
            let first = cx
                .report
                .sections
                .first()
                .map(|s| s.line_range)
                .unwrap_or_else(|| TextRange::empty(TextSize::from(0)));
            let year = cx.report.year.map_or("XXXX".to_string(), |y| y.to_string());
            out.push(cx.diag(
                &META,
                first,
                format!("缺少标题行，应为「<机关名称>{year}年政府信息公开工作年度报告」"),
            ));
        }
    }
}
