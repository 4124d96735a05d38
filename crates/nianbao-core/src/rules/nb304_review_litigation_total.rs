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

Where the table's values were found but not the cell of each (pdfminer's text of a PDF can write the
cells of table 四 in no column order, FORMAT.md §7.2), every placement of them the text allows is tried: when
none keeps I4, the identity is broken in the source whatever the cells, and this is said once for the table,
on its section's heading, in place of NB201 (「……找到的 15 个数值（0 0 … 5 …）无法确定各在哪一格，而无论怎样
放置，都不满足 总计 = 结果维持+结果纠正+其他结果+尚未审结（……）」; 15 values summing to an odd number, say, since
I4 over the three groups makes their sum twice the totals'). When some placement keeps it, NB201 alone says
the table could not be read.

## Why
The total is the number of cases; each case has exactly one state.

## Example
「未经复议直接起诉」 总计 5 with all four parts 0.

## Fix
Unsafe (never applied by "fix all", `source.fixAll` or `fmt`: 5 cases with every state 0 may be 5 missing
states, not a wrong total), offered choice by choice: 「将「总计」改为 0（各项之和）」, or one of the four
states set so that the group balances (「将「尚未审结」改为 5（其余各格不变）」). None when the values could not be
placed: which cell is wrong is not even known."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    identity::check(cx, &META, out);
}
