//! NB204 cell-count: a row has a different number of values than its columns.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Cell;

/// Is `second` the fraction part of the number `first` began, each alone on its line, one line
/// after the other (「58」「3.9」: one cell's text in two pieces, or two cells)?
fn split_over_two_lines(text: &str, first: &Cell, second: &Cell) -> bool {
    let (a, b) = (
        usize::from(first.range.end()),
        usize::from(second.range.start()),
    );
    let (Some(between), Some(before), Some(after)) = (
        text.get(a.min(b)..b),
        text.get(..usize::from(first.range.start())),
        text.get(usize::from(second.range.end())..),
    ) else {
        return false;
    };
    let alone_before = before
        .rsplit('\n')
        .next()
        .is_some_and(|l| l.trim().is_empty());
    let alone_after = after.split('\n').next().is_some_and(|l| l.trim().is_empty());
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    let fraction = second
        .raw
        .split_once('.')
        .is_some_and(|(i, f)| digits(i) && digits(f));
    a < b
        && between.matches('\n').count() == 1
        && between.trim().is_empty()
        && alone_before
        && alone_after
        && digits(&first.raw)
        && fraction
        && first.number().is_some()
        && second.number().is_some()
}

pub static META: RuleMeta = RuleMeta {
    code: "NB204",
    name: "cell-count",
    severity: Severity::Error,
    summary: "a row has a different number of values than its columns",
    doc: r#"## What it checks
Each row has exactly one value per column of its block: 3 for 规章, 1 for 行政许可, 7 for every row of table 三.

## Why
A missing or extra value shifts every following number into the wrong column.

## Severity
**error**; **warning** when the one value too many is a number's fraction part on the line after
it, each alone on its line (「58」 then 「3.9」): a page's text that puts each piece of a cell's text
on a line of its own (a cell Word wrote in two spans) splits 「583.9」 so, and one value the author
wrote in two cells cannot be told from it there — nor glued back, a guess that no identity checks.

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
            let message = format!(
                "「{}」应有 {} 个数值，找到 {} 个",
                item.label,
                item.columns.len(),
                found
            );
            let cells: Vec<&Cell> = row.cells.iter().chain(&row.extra_cells).collect();
            let split = (found == item.columns.len() + 1)
                .then(|| {
                    cells
                        .windows(2)
                        .find(|pair| split_over_two_lines(cx.text, pair[0], pair[1]))
                })
                .flatten();
            out.push(match split {
                Some(pair) => cx
                    .diag(
                        &META,
                        range,
                        format!(
                            "{message}（「{}」「{}」各占一行，可能是一个单元格「{}{}」的文字被拆成了两行）",
                            pair[0].raw, pair[1].raw, pair[0].raw, pair[1].raw
                        ),
                    )
                    .with_severity(Severity::Warning),
                None => cx.diag(&META, range, message),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::{analyze, Config};

    fn nb204(text: &str) -> Vec<(Severity, String)> {
        analyze(text, &Config::default())
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "NB204")
            .map(|d| (d.severity, d.message))
            .collect()
    }

    #[test]
    fn a_fraction_part_on_the_next_line_is_a_warning() {
        let seed = super::super::seeds()[0];
        let row = "行政事业性收费\n\t583.9\n";
        assert!(seed.contains(row));
        // the fees row of a page's text, one cell a line: 「583.9」 in two pieces
        let found = nb204(&seed.replace(row, "行政事业性收费\n\t58\n\t3.9\n"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Warning);
        assert!(found[0].1.contains("「583.9」"), "{}", found[0].1);
        // two numbers on one line, or a whole number on the next line: an error
        for other in ["行政事业性收费\n\t58\t3.9\n", "行政事业性收费\n\t58\n\t39\n"] {
            let found = nb204(&seed.replace(row, other));
            assert_eq!(found.len(), 1, "{other}: {found:?}");
            assert_eq!(found[0].0, Severity::Error, "{other}");
        }
    }
}
