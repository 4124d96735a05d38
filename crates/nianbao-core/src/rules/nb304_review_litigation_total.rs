//! NB304 review-litigation-total: I4 broken: 总计 ≠ 维持 + 纠正 + 其他 + 尚未审结 in a group of table 四.

use super::{identity, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB304",
    name: "review-litigation-total",
    severity: Severity::Error,
    summary: "I4 broken: 总计 ≠ 维持 + 纠正 + 其他 + 尚未审结 in a group of table 四",
    doc: r#"## What it checks
Identity I4: in each of the three groups of table 四 (行政复议, 未经复议直接起诉, 复议后起诉),
总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.

## Why
The total is the number of cases; each case has exactly one state.

## Example
「未经复议直接起诉」 总计 5 with all four parts 0.

## Fix
Unsafe (never applied by "fix all", `source.fixAll` or `fmt`: 5 cases with every state 0 may be 5 missing
states, not a wrong total), offered choice by choice: 「将「总计」改为 0（各项之和）」, or one of the four
states set so that the group balances (「将「尚未审结」改为 5（其余各格不变）」)."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    identity::check(cx, &META, out);
}
