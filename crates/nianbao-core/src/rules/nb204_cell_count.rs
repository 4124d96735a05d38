//! NB204 cell-count: a row has a different number of values than its columns.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB204",
    name: "cell-count",
    severity: Severity::Error,
    summary: "a row has a different number of values than its columns",
    doc: r#"## What it checks
Each row has exactly one value per column of its block: 3 for 规章, 1 for 行政许可, 7 for every row of table 三.

## Why
A missing or extra value shifts every following number into the wrong column.

## Example
「（一）予以公开	24	0	0	0	0	24」 — six values where seven are needed.

## Fix
Add the missing value (write 0 where there is nothing to count) or remove the extra one."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (_, row, item) in cx.rows() {
        if row.run_together.is_some() {
            continue; // NB208 says how the run of digits was read
        }
        let found = row.cells.len() + row.extra_cells.len();
        if found != item.columns.len() {
            let range = row.label.as_ref().map_or(row.range, |l| l.range);
            out.push(cx.diag(
                &META,
                range,
                format!(
                    "「{}」应有 {} 个数值，找到 {} 个",
                    item.label,
                    item.columns.len(),
                    found
                ),
            ));
        }
    }
}
