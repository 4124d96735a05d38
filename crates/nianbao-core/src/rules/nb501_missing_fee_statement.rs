//! NB501 missing-fee-statement: section 六 does not state the 信息处理费 collected.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB501",
    name: "missing-fee-statement",
    severity: Severity::Warning,
    summary: "section 六 does not state the 信息处理费 collected",
    doc: r#"## What it checks
In the `2021` template, section 「六、其他需要报告的事项」 states the 信息处理费 collected under the
《政府信息公开信息处理费管理办法》, even when none was (「本年度未收取信息处理费」).

## Why
The 2021 notice requires it; it is the defect evaluators report most often in section 六.

## Example
Section 六 only says 「如需了解更多政府信息，请登录……网站查询」.

## Fix
Add a sentence such as 「本年度未收取信息处理费。」 (or the amount collected); no automatic fix, since only
the author knows whether fees were collected."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = cx.template else { return };
    for s in tpl.sections.iter().filter(|s| !s.fee_statement.is_empty()) {
        let Some(found) = cx.report.sections.iter().rev().find(|f| f.id == s.id) else {
            continue;
        };
        let body = &cx.text[found.body];
        if s.fee_statement.iter().any(|k| body.contains(k.as_str())) {
            continue;
        }
        out.push(cx.diag(
            &META,
            found.heading_range,
            format!("{} 模板要求「{}」说明信息处理费的收取情况（未收取的写明「未收取信息处理费」），本节没有提到", tpl.id, s.heading),
        ));
    }
}
