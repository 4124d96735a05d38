//! NB504 signature-date: the signature date is inside the report year or after 31 January of the next year.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB504",
    name: "signature-date",
    severity: Severity::Warning,
    summary: "the signature date is inside the report year or after 31 January of the next year",
    doc: r#"## What it checks
The date of the signature block after section 六 falls between 1 and 31 January of the year after the
report year (《条例》第四十九条: reports are published by 31 January). A date inside the report year is an
error (the year was not over yet); a date after 31 January is a warning (late).

## Why
A signature dated 2021年1月19日 on a 2021 report is last year's signature left in place.

## Severity
**error** for a date inside (or before) the report year: the year was not over, so the date is certainly
wrong (most often last year's signature left in place). A date after 31 January of the next year stays a
**warning**: the report is late but may well be right. A level set for NB504 in `nianbao.toml` applies to
both.

## Example
「隆德县城关镇2021年政府信息公开年度报告」 signed 「2021年1月19日」.

## Fix
Correct the date; no automatic fix."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let (Some(sig), Some(year)) = (&cx.report.signature, cx.report.year) else {
        return;
    };
    let date = format!("{}年{}月{}日", sig.year, sig.month, sig.day);
    if sig.year <= year {
        out.push(
            cx.diag(
                &META,
                sig.range,
                format!("落款日期 {date} 在报告年度 {year} 年之内（或之前）：{year} 年度报告应在 {} 年 1 月 31 日前发布", year + 1),
            )
            .with_severity(Severity::Error),
        );
    } else if (sig.year, sig.month, sig.day) > (year + 1, 1, 31) {
        out.push(cx.diag(
            &META,
            sig.range,
            format!(
                "落款日期 {date} 晚于 {} 年 1 月 31 日：{year} 年度报告应在此之前发布",
                year + 1
            ),
        ));
    }
}
