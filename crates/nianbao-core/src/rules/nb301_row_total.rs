//! NB301 row-total: I1 broken: a row's 总计 is not the sum of its six applicant columns.

use super::{identity, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB301",
    name: "row-total",
    severity: Severity::Error,
    summary: "I1 broken: a row's 总计 is not the sum of its six applicant columns",
    doc: r#"## What it checks
Identity I1: in every row of table 三, 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他.

## Why
The total column is what evaluators and statistics use; it must agree with its parts.

## Example
「（一）予以公开	24	0	0	0	0	0	25」: the parts add up to 24, the total says 25.

## Fix
Unsafe (never applied by "fix all", `source.fixAll` or `fmt`: nothing tells which cell is wrong), offered
choice by choice: 「将「总计」改为」 the sum of the parts, or any one part changed so that the row balances
with the other cells as written."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    identity::check(cx, &META, out);
}
