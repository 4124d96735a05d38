//! NB503 year-mismatch: the title year, the statistics period and the prose disagree.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Related, Severity};
use crate::model::YearSource;

pub static META: RuleMeta = RuleMeta {
    code: "NB503",
    name: "year-mismatch",
    severity: Severity::Warning,
    summary: "the title year, the statistics period and the prose disagree",
    doc: r#"## What it checks
The year in the title, the statistics period (「统计期限自2021年1月1日起至2021年12月31日止」) and the year the
prose talks about most agree.

## Why
Last year's report edited into this year's often keeps an old date somewhere.

## Example
Title 「…2021年政府信息公开工作年度报告」 with 「统计期限自2020年1月1日起…」.

## Fix
Correct the year; no automatic fix."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let r = cx.report;
    let title = (r.year_source == Some(YearSource::Title)).then(|| {
        (
            r.year.unwrap_or(0),
            r.title.as_ref().map(|t| t.1).unwrap_or_default(),
        )
    });
    match (title, r.period_year) {
        (Some((ty, tr)), Some((py, pr))) if ty != py => out.push(
            cx.diag(
                &META,
                pr,
                format!("统计期限写的是 {py} 年，但标题是 {ty} 年度报告"),
            )
            .with_related(vec![Related {
                range: tr,
                message: format!("标题：{ty} 年"),
            }]),
        ),
        (Some((ty, tr)), None) => {
            if let Some(py) = r.prose_year.filter(|&p| p != ty) {
                out.push(cx.diag(
                    &META,
                    tr,
                    format!("标题是 {ty} 年度报告，但正文主要写的是 {py} 年"),
                ));
            }
        }
        _ => {}
    }
}
