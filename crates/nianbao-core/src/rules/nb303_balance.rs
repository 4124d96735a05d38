//! NB303 balance: I3 broken: 一 + 二 ≠ （七）总计 + 四 in that column.

use super::{identity, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB303",
    name: "balance",
    severity: Severity::Error,
    summary: "I3 broken: 一 + 二 ≠ （七）总计 + 四 in that column",
    doc: r#"## What it checks
Identity I3, the 勾稽关系 printed in the table header: in every column, 一、本年新收 + 二、上年结转 =
（七）总计 + 四、结转下年度继续办理.

## Why
Every application received or carried in is either handled this year or carried over; a gap means
applications were lost or double counted.

## Example
60 new + 8 carried in = 68, but 68 handled + 2 carried over = 70.

## Fix
Unsafe (never applied by "fix all", `source.fixAll` or `fmt`: any of the four cells may be the wrong one),
offered choice by choice: the balancing value for 四、结转下年度继续办理 first, then for 一、本年新收,
二、上年结转 and （七）总计, each with the other cells as written."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    identity::check(cx, &META, out);
}
