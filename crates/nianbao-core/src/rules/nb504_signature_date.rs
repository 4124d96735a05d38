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
error (the year was not over yet); a date after 31 January is a warning (late). The date is read in every
form reports write it: 2022年1月19日, 二〇二二年一月十九日, 2022.1.19, 2022-01-19, 2022/1/19.

## Why
A signature dated 2021年1月19日 on a 2021 report is last year's signature left in place.

## Severity
**error** for a date inside (or before) the report year: the year was not over, so the date is certainly
wrong (most often last year's signature left in place). A date after 31 January of the next year stays a
**warning**: the report is late but may well be right. A level set for NB504 in `nianbao.toml` applies to
both.

## Example
「隆德县城关镇2021年政府信息公开年度报告」 signed 「2021年1月19日」; a 2021 report signed 「二〇二一年一月十九日」
or 「2021.1.19」.

## Fix
Correct the date; no automatic fix."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(year) = cx.report.year else {
        return;
    };
    let Some(sig) = &cx.report.signature else {
        return;
    };
    // as the report writes it (二〇二二年一月十九日 is quoted so, not as 2022年1月19日)
    let date = cx
        .text
        .get(sig.range.start().into()..sig.range.end().into())
        .map_or_else(|| format!("{}年{}月{}日", sig.year, sig.month, sig.day), |t| t.to_string());
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

#[cfg(test)]
mod tests {
    use crate::rules::messages;

    #[test]
    fn reads_every_date_form() {
        let b = crate::blank::blank_report(2021, "测试县人民政府", crate::format::table::Family::Text)
            .unwrap();
        for (date, error) in [
            ("2022年1月19日", None),
            ("二〇二二年一月十九日", None),
            ("2022.1.19", None),
            ("2022-01-19", None),
            ("二〇二一年一月十九日", Some(true)),
            ("2021.1.19", Some(true)),
            ("2021-01-19", Some(true)),
            ("二〇二二年三月一日", Some(false)),
            ("2022.3.1", Some(false)),
        ] {
            let t = format!("{b}{date}\n");
            let m = messages(&t, "NB504");
            match error {
                None => assert!(m.is_empty(), "{date}: {m:?}"),
                Some(true) => assert!(m.len() == 1 && m[0].contains("之内"), "{date}: {m:?}"),
                Some(false) => assert!(m.len() == 1 && m[0].contains("晚于"), "{date}: {m:?}"),
            }
        }
    }
}
