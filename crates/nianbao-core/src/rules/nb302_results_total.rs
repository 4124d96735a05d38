//! NB302 results-total: I2 broken: （七）总计 is not the sum of the result rows in that column.

use super::{identity, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB302",
    name: "results-total",
    severity: Severity::Error,
    summary: "I2 broken: （七）总计 is not the sum of the result rows in that column",
    doc: r#"## What it checks
Identity I2: in every column of table 三, （七）总计 = （一）予以公开 + （二）部分公开 + every row of （三）（四）（五）（六）.

## Why
（七）总计 is the number of applications handled this year; it must be the sum of the ways they were handled.

## Example
Results 24 + 2 + 22 + 1 + 16 + 2 + 1 = 68, but （七）总计 says 70.

## Fix
Unsafe (never applied by "fix all", `source.fixAll` or `fmt`: nothing tells which cell is wrong): offers
（七）总计 set to the computed sum. The column has too many cells to offer each of them as a choice."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    identity::check(cx, &META, out);
}
