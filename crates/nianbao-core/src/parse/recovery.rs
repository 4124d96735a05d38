//! Stage 7: recovery — values written run together (「640020470」) split by the identities.

use super::*;

/// Most splits of a run of digits examined before giving up on listing them.
pub(super) const MAX_SPLITS: usize = 200_000;

/// Every way to cut `digits` into `k` cells, accepted by `keep`: numbers written without leading
/// zeros, and each space a blank cell (`None`: text without line breaks leaves a blank cell between
/// values run together as one space, 「82135  21859」, FORMAT.md §7.1).
pub(super) fn splits(
    digits: &str,
    k: usize,
    keep: &dyn Fn(&[Option<u64>]) -> bool,
) -> (Vec<Vec<Option<u64>>>, bool) {
    fn go(
        d: &[u8],
        k: usize,
        cur: &mut Vec<Option<u64>>,
        keep: &dyn Fn(&[Option<u64>]) -> bool,
        out: &mut Vec<Vec<Option<u64>>>,
        budget: &mut usize,
    ) {
        if *budget == 0 {
            return;
        }
        *budget -= 1;
        if k == 0 {
            if d.is_empty() && keep(cur) {
                out.push(cur.clone());
            }
            return;
        }
        if d.len() < k {
            return;
        }
        if d[0] == b' ' {
            cur.push(None);
            go(&d[1..], k - 1, cur, keep, out, budget);
            cur.pop();
            return;
        }
        let run = d.iter().take_while(|b| b.is_ascii_digit()).count();
        let max = if d[0] == b'0' {
            run.min(1)
        } else {
            run.min(d.len() - (k - 1)).min(12)
        };
        for len in 1..=max {
            let v: u64 = std::str::from_utf8(&d[..len])
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            cur.push(Some(v));
            go(&d[len..], k - 1, cur, keep, out, budget);
            cur.pop();
        }
    }
    let mut out = Vec::new();
    let mut budget = MAX_SPLITS;
    go(
        digits.as_bytes(),
        k,
        &mut Vec::new(),
        keep,
        &mut out,
        &mut budget,
    );
    (out, budget == 0)
}

/// The row-direction identities of `row` as masks over its columns (in the row's column order):
/// `(lhs, rhs)` per identity.
pub(super) fn row_identity_masks(
    tpl: &Template,
    table: &template::Table,
    row: &template::Item,
) -> Vec<(Vec<bool>, Vec<bool>)> {
    tpl.identities
        .iter()
        .filter(|i| i.table == table.id && i.direction == template::Direction::Row)
        .filter(|i| i.resolved.over.iter().any(|(id, _)| *id == row.id))
        .map(|i| {
            let mask = |side: &[(String, String)]| -> Vec<bool> {
                row.columns
                    .iter()
                    .map(|c| side.iter().any(|(id, _)| id == c))
                    .collect()
            };
            (mask(&i.resolved.lhs), mask(&i.resolved.rhs))
        })
        .collect()
}

/// The cells of a cut with its blank cells counted 0 (a blank cell of a filled row is none).
fn blank_as_zero(values: &[Option<u64>]) -> Vec<u64> {
    values.iter().map(|v| v.unwrap_or(0)).collect()
}

/// Do the row-direction identities (as [`row_identity_masks`]) hold for these values?
pub(super) fn row_identities_hold(masks: &[(Vec<bool>, Vec<bool>)], values: &[u64]) -> bool {
    masks.iter().all(|(lhs, rhs)| {
        let sum = |mask: &[bool]| -> u64 {
            mask.iter()
                .zip(values)
                .filter(|(m, _)| **m)
                .map(|(_, v)| *v)
                .sum()
        };
        sum(lhs) == sum(rhs)
    })
}

/// Do the column-direction identities hold wherever every cell they need is known? `blank_zero`:
/// a blank cell counts 0 (text that shows its blank cells, [`splits`]).
pub(super) fn column_identities_hold(
    tpl: &Template,
    table: &template::Table,
    out: &Table,
    blank_zero: bool,
) -> bool {
    tpl.identities
        .iter()
        .filter(|i| i.table == table.id && i.direction == template::Direction::Column)
        .all(|i| {
            table.resolve_columns(&i.over).iter().all(|col| {
                let sum = |rows: &[String]| -> Option<f64> {
                    table
                        .resolve_rows(rows)
                        .iter()
                        .map(|r| {
                            let cell = out.row(r)?.cell(col)?;
                            match cell.value {
                                Value::Blank if blank_zero => Some(0.0),
                                _ => cell.number(),
                            }
                        })
                        .sum()
                };
                match (sum(&i.lhs), sum(&i.rhs)) {
                    (Some(l), Some(r)) => (l - r).abs() < 1e-6,
                    _ => true,
                }
            })
        })
}

/// Values written run together (「640020470」): keep the splits the identities allow. One split: the
/// values are recovered (NB208 warning); several: the row stays without values (NB208 error).
pub(super) fn recover_run_together(
    tpl: &Template,
    table: &'static template::Table,
    out: &mut Table,
) {
    let mut ambiguous = Vec::new();
    for (ri, row) in out.rows.iter_mut().enumerate() {
        let Some(run) = &mut row.run_together else {
            continue;
        };
        let Some(item) = table.row(row.id) else {
            continue;
        };
        let masks = row_identity_masks(tpl, table, item);
        let (mut candidates, mut too_many) = splits(&run.digits, item.columns.len(), &|v| {
            row_identities_hold(&masks, &blank_as_zero(v))
        });
        if candidates.is_empty() && !too_many && run.digits.contains(' ') {
            // a row with blank cells that no cut balances (its 总计 left blank): the identity says
            // nothing about it
            (candidates, too_many) = splits(&run.digits, item.columns.len(), &|_| true);
            if candidates.is_empty() && !too_many {
                // no cut with a blank cell per space: the spaces separate the values, as written
                let written: Option<Vec<Option<u64>>> = run
                    .digits
                    .split(' ')
                    .filter(|g| !g.is_empty())
                    .map(|g| {
                        (g == "0" || !g.starts_with('0'))
                            .then(|| g.parse().ok().map(Some))
                            .flatten()
                    })
                    .collect();
                candidates = written
                    .filter(|w| w.len() == item.columns.len())
                    .into_iter()
                    .collect();
            }
        }
        run.candidates = candidates;
        run.too_many = too_many;
        if run.candidates.len() > 1 {
            ambiguous.push(ri);
        }
    }
    fill_unique(table, out);
    // one ambiguous row: the column identities (I2, I3) with the other rows may decide
    let blank_zero = out.rows.iter().any(|r| {
        r.run_together
            .as_ref()
            .is_some_and(|r| r.digits.contains(' '))
    });
    if ambiguous.len() == 1 {
        let ri = ambiguous[0];
        let candidates = out.rows[ri]
            .run_together
            .as_ref()
            .map(|r| r.candidates.clone())
            .unwrap_or_default();
        let mut keep = Vec::new();
        for c in candidates {
            fill_run(table, &mut out.rows[ri], &c);
            if column_identities_hold(tpl, table, out, blank_zero) {
                keep.push(c);
            }
            out.rows[ri].cells.clear();
        }
        if !keep.is_empty() {
            if let Some(r) = &mut out.rows[ri].run_together {
                r.candidates = keep;
            }
        }
    } else if ambiguous.len() > 1 && blank_zero {
        joint_cuts(tpl, table, out, &ambiguous);
    }
    fill_unique(table, out);
}

/// Most combinations of the ambiguous rows' cuts tried together.
const MAX_JOINT: usize = 100_000;

/// Several rows whose runs cut in several ways (text that shows its blank cells): every combination
/// of their cuts tried with the column identities (I2, I3, blanks 0); each row keeps the cuts that
/// are part of some combination that holds. Nothing changes when no combination holds or there are
/// too many to try.
fn joint_cuts(tpl: &Template, table: &'static template::Table, out: &mut Table, rows: &[usize]) {
    let options: Vec<Vec<Vec<Option<u64>>>> = rows
        .iter()
        .map(|&ri| {
            out.rows[ri]
                .run_together
                .as_ref()
                .filter(|r| !r.too_many)
                .map(|r| r.candidates.clone())
                .unwrap_or_default()
        })
        .collect();
    let mut total = 1usize;
    for o in &options {
        total = total.saturating_mul(o.len());
    }
    if total == 0 || total > MAX_JOINT {
        return;
    }
    let mut used: Vec<Vec<bool>> = options.iter().map(|o| vec![false; o.len()]).collect();
    let mut any = false;
    for mut n in 0..total {
        let pick: Vec<usize> = options
            .iter()
            .map(|o| {
                let i = n % o.len();
                n /= o.len();
                i
            })
            .collect();
        for (k, &ri) in rows.iter().enumerate() {
            fill_run(table, &mut out.rows[ri], &options[k][pick[k]]);
        }
        if column_identities_hold(tpl, table, out, true) {
            any = true;
            for (k, &i) in pick.iter().enumerate() {
                used[k][i] = true;
            }
        }
    }
    for &ri in rows {
        out.rows[ri].cells.clear();
    }
    if !any {
        return;
    }
    for (k, &ri) in rows.iter().enumerate() {
        if let Some(r) = &mut out.rows[ri].run_together {
            r.candidates = options[k]
                .iter()
                .zip(&used[k])
                .filter(|(_, u)| **u)
                .map(|(c, _)| c.clone())
                .collect();
        }
    }
}

/// A grid table (table 四) whose cells came as one run of digits (a page's text without white
/// space: 「000000000000000」): every split into the table's cells, row after row, that keeps each
/// row's identities (I4). One split: the cells are read (the run kept on the first row: NB208
/// warning, with its fix); several, or none: the table stays as it was read (not read with
/// confidence: no arithmetic on it).
pub(super) fn recover_grid_run(
    src: &str,
    tokens: &[Token],
    tpl: &Template,
    table: &'static template::Table,
    out: &mut Table,
) {
    let mut values = tokens
        .iter()
        .filter(|t| matches!(t.kind, TokKind::Value(_)));
    let (Some(run), None) = (values.next(), values.next()) else {
        return;
    };
    let digits = run.text(src);
    let rows: Vec<&template::Item> = table.rows().collect();
    let count: usize = rows.iter().map(|r| r.columns.len()).sum();
    if !run.run || count < 2 || !digits.bytes().all(|b| b.is_ascii_digit() || b == b' ') {
        return;
    }
    let masks: Vec<_> = rows
        .iter()
        .map(|row| row_identity_masks(tpl, table, row))
        .collect();
    let (mut candidates, mut too_many) = splits(digits, count, &|v| {
        let mut at = 0;
        rows.iter().zip(&masks).all(|(row, m)| {
            let n = row.columns.len();
            at += n;
            row_identities_hold(m, &blank_as_zero(&v[at - n..at]))
        })
    });
    if candidates.len() > 1 && !too_many {
        several_grid_cuts(&rows, &candidates, run.range, digits, out);
        return;
    }
    if candidates.is_empty() && !too_many {
        // no split keeps the identities: when the digits cut only one way (as many digits as
        // cells, 「000000000500000」), that is what was written, and the broken identity is the
        // report's (NB304)
        (candidates, too_many) = splits(digits, count, &|_| true);
    }
    if candidates.len() != 1 || too_many {
        return;
    }
    let mut at = 0;
    out.rows = rows
        .iter()
        .map(|row| {
            let cells = run_cells(&row.columns, &candidates[0][at..], run.range);
            at += row.columns.len();
            Row {
                run_together: None,
                id: &row.id,
                label: None,
                cells,
                extra_cells: Vec::new(),
                range: run.range,
            }
        })
        .collect();
    if let Some(first) = out.rows.first_mut() {
        first.run_together = Some(RunTogether {
            digits: digits.to_string(),
            range: run.range,
            candidates,
            too_many,
        });
    }
    out.notes.clear();
    out.confidence = Confidence::High;
}

/// A grid run that cuts several ways keeping each row's identities: each row gets the cuts of its
/// own cells among them — read when they agree (a row that cuts one way whatever its neighbours do),
/// else left without values (its run kept with its cuts, so that what they agree on is still known).
/// The table stays not read with confidence: no arithmetic on it. The run is the table's only value,
/// so no row's values can have moved to a neighbour's (the shift a count of values off by one makes,
/// `unsure_rows`): what the cuts agree on is vouched for.
fn several_grid_cuts(
    rows: &[&'static template::Item],
    candidates: &[Vec<Option<u64>>],
    range: TextRange,
    digits: &str,
    out: &mut Table,
) {
    let mut at = 0;
    out.rows = rows
        .iter()
        .map(|row| {
            let n = row.columns.len();
            let mut own: Vec<Vec<Option<u64>>> =
                candidates.iter().map(|c| c[at..at + n].to_vec()).collect();
            own.sort_unstable();
            own.dedup();
            at += n;
            let cells = match own.as_slice() {
                [one] => run_cells(&row.columns, one, range),
                _ => Vec::new(),
            };
            Row {
                run_together: Some(RunTogether {
                    digits: digits.to_string(),
                    range,
                    candidates: own,
                    too_many: false,
                }),
                id: &row.id,
                label: None,
                cells,
                extra_cells: Vec::new(),
                range,
            }
        })
        .collect();
    out.unsure_rows.clear();
    out.notes = vec![format!(
        "各行数值连写成一串「{digits}」，有 {} 种拆分都符合勾稽关系",
        candidates.len()
    )];
    out.confidence = Confidence::Low;
}

/// Text that lost all its white space (a crawler's one line, FORMAT.md §7.1) runs every row's values
/// together: a run that cuts several ways there is the route's doing, not the author's, and says
/// nothing about the report. When every row of the table that has several columns came as a run (two
/// at least) and one of them cuts in several ways, the table is not read with confidence: one NB201
/// (warning) says so, the rows that cut one way are still exported. A run no cut fits (an identity
/// broken whatever the cut) stays the report's defect (NB208 error).
pub(super) fn glued_table_confidence(src: &str, table: &'static template::Table, out: &mut Table) {
    if out.confidence != Confidence::High {
        return;
    }
    let wide: Vec<&Row> = out
        .rows
        .iter()
        .filter(|r| table.row(r.id).is_some_and(|i| i.columns.len() > 1))
        .collect();
    let ambiguous = wide
        .iter()
        .filter_map(|r| r.run_together.as_ref())
        .filter(|run| run.candidates.len() > 1 || run.too_many)
        .count();
    // (a row whose values carry their units is glued too, cut where its units end: its cut is
    // certain, [`values_cut_at_units`], and the table's other runs are no less the route's doing)
    let glued = |r: &Row| r.run_together.is_some() || values_cut_at_units(src, r);
    if wide.len() >= 2 && wide.iter().all(|r| glued(r)) && ambiguous > 0 {
        out.notes.push(format!(
            "各行数值都连写在一起，{ambiguous} 行有多种拆分方式"
        ));
        out.confidence = Confidence::Low;
    }
}

/// A value cut out of digits written together inside one cell (「05」: text laid out by columns that
/// lost the gap between two cells, FORMAT.md §7.3, [`cell_tokens`]) is placed by its order alone: the
/// glyphs' positions that would say whose column it is are gone. A row holding such a cut whose
/// identities fail cannot tell a defect of the report from a value placed in its neighbour's column
/// (the same text reads 0 0 0 5 0 for 0 0 0 0 5): the table is then not vouched for (NB201 warning,
/// only the rows whose identities hold exported, no arithmetic). A row whose identities hold with the
/// cut confirms it.
pub(super) fn distrust_failing_cuts(
    src: &str,
    tpl: &Template,
    table: &'static template::Table,
    out: &mut Table,
) {
    if out.confidence != Confidence::High {
        return; // (a table not vouched for exports only the rows whose identities hold)
    }
    let cut = |c: &Cell| {
        let (a, b) = (usize::from(c.range.start()), usize::from(c.range.end()));
        let digit = |s: Option<&u8>| s.is_some_and(u8::is_ascii_digit);
        a < b
            && src.get(a..b) == Some(c.raw.as_str())
            && c.raw.bytes().all(|d| d.is_ascii_digit())
            && (digit(src.as_bytes()[..a].last()) || digit(src.as_bytes().get(b)))
    };
    let failing = out.rows.iter().find(|row| {
        if row.run_together.is_some() || !row.cells.iter().any(cut) {
            return false;
        }
        let Some(item) = table.row(row.id) else {
            return false;
        };
        let values: Option<Vec<u64>> = row.cells.iter().map(Cell::count).collect();
        let masks = row_identity_masks(tpl, table, item);
        match values {
            Some(v) if v.len() == item.columns.len() && !masks.is_empty() => {
                !row_identities_hold(&masks, &v)
            }
            _ => false,
        }
    });
    let Some(row) = failing else {
        return;
    };
    if let Some(at) = out.rows.iter().position(|r| std::ptr::eq(r, row)) {
        if broken_in_every_placement(src, tpl, table, out, at) {
            // the identity fails whichever column each value stands in: the report's own defect,
            // with values that cannot be placed (NB208 error, no value of the row, no arithmetic)
            let row = &mut out.rows[at];
            let range = row
                .cells
                .iter()
                .map(|c| c.range)
                .reduce(|a, b| a.cover(b))
                .unwrap_or(row.range);
            let written = src
                .get(range.start().into()..range.end().into())
                .unwrap_or_default();
            row.run_together = Some(RunTogether {
                digits: written.split_whitespace().collect::<Vec<_>>().join(" "),
                range,
                candidates: Vec::new(),
                too_many: false,
            });
            row.cells.clear();
            return;
        }
    }
    let written: Vec<&str> = row
        .cells
        .iter()
        .filter(|c| cut(c))
        .map(|c| c.raw.as_str())
        .collect();
    out.notes.push(format!(
        "数字连写（拆分为 {}）的一行不符合勾稽关系，无法确定各数值所属的列",
        written.join("、")
    ));
    out.confidence = Confidence::Low;
}

/// Most placements tried by [`broken_in_every_placement`].
const MAX_PLACEMENTS: usize = 200_000;

/// Does the row `at` (read with a value cut out of digits written together, its identities failing)
/// break its identities wherever its values stand? The cut's values lost the positions that say
/// whose column they are, and so may the values beside them on their line: every placement of the
/// values of the rows that share a line with row `at` (any value in any cell of those rows) is tried
/// with every row's identities. When none keeps them all, a row there is broken whatever the route
/// did — the report's defect; a placement that keeps them (or too many to try, or a row there not
/// complete in counts) leaves the failure unexplained.
fn broken_in_every_placement(
    src: &str,
    tpl: &Template,
    table: &'static template::Table,
    out: &Table,
    at: usize,
) -> bool {
    let line_of = |c: &Cell| {
        let a = usize::from(c.range.start()).min(src.len());
        memchr::memrchr(b'\n', &src.as_bytes()[..a]).map_or(0, |i| i + 1)
    };
    let lines: Vec<usize> = out.rows[at].cells.iter().map(line_of).collect();
    let mut rows: Vec<Vec<(Vec<bool>, Vec<bool>)>> = Vec::new();
    let mut widths: Vec<usize> = Vec::new();
    let mut values: Vec<u64> = Vec::new();
    for row in &out.rows {
        if !row.cells.iter().any(|c| lines.contains(&line_of(c))) {
            continue;
        }
        let Some(item) = table.row(row.id) else {
            return false;
        };
        let Some(v) = row
            .cells
            .iter()
            .map(Cell::count)
            .collect::<Option<Vec<u64>>>()
        else {
            return false;
        };
        if v.len() != item.columns.len() || row.run_together.is_some() {
            return false;
        }
        rows.push(row_identity_masks(tpl, table, item));
        widths.push(v.len());
        values.extend(v);
    }
    let mut budget = MAX_PLACEMENTS;
    let held = some_placement_holds(&rows, &widths, &mut values, &mut budget);
    !held && budget > 0
}

/// Is there an order of `values` (filled row after row, `widths[i]` cells to row `i`) in which every
/// row keeps its identities (`rows[i]`)? Each distinct value is tried once per cell; `budget` counts
/// the cells tried (0: gave up, the answer is then `true`).
fn some_placement_holds(
    rows: &[Vec<(Vec<bool>, Vec<bool>)>],
    widths: &[usize],
    values: &mut [u64],
    budget: &mut usize,
) -> bool {
    fn go(
        rows: &[Vec<(Vec<bool>, Vec<bool>)>],
        widths: &[usize],
        pool: &mut Vec<(u64, usize)>,
        row: &mut Vec<u64>,
        budget: &mut usize,
    ) -> bool {
        let Some(&width) = widths.first() else {
            return true;
        };
        if row.len() == width {
            if !row_identities_hold(&rows[0], row) {
                return false;
            }
            let mut next = Vec::with_capacity(widths.get(1).copied().unwrap_or(0));
            return go(&rows[1..], &widths[1..], pool, &mut next, budget);
        }
        for i in 0..pool.len() {
            if pool[i].1 == 0 {
                continue;
            }
            if *budget == 0 {
                return true;
            }
            *budget -= 1;
            pool[i].1 -= 1;
            row.push(pool[i].0);
            let held = go(rows, widths, pool, row, budget);
            row.pop();
            pool[i].1 += 1;
            if held {
                return true;
            }
        }
        false
    }
    values.sort_unstable();
    let mut pool: Vec<(u64, usize)> = Vec::new();
    for &v in values.iter() {
        match pool.last_mut() {
            Some((w, n)) if *w == v => *n += 1,
            _ => pool.push((v, 1)),
        }
    }
    go(rows, widths, &mut pool, &mut Vec::new(), budget)
}

pub(super) fn fill_unique(table: &'static template::Table, out: &mut Table) {
    for row in &mut out.rows {
        let one = row
            .run_together
            .as_ref()
            .filter(|r| r.candidates.len() == 1 && !r.too_many)
            .map(|r| r.candidates[0].clone());
        if let Some(values) = one {
            fill_run(table, row, &values);
        }
    }
}

pub(super) fn fill_run(table: &'static template::Table, row: &mut Row, values: &[Option<u64>]) {
    let (Some(item), Some(run)) = (table.row(row.id), &row.run_together) else {
        return;
    };
    row.cells = run_cells(&item.columns, values, run.range);
}

/// The cells of a row cut from a run of digits: one whole number per column (or a blank cell),
/// each cell's range the run's.
fn run_cells(columns: &'static [String], values: &[Option<u64>], range: TextRange) -> Vec<Cell> {
    columns
        .iter()
        .zip(values)
        .map(|(c, v)| match v {
            Some(v) => Cell {
                column: c,
                range,
                raw: v.to_string(),
                value: Value::Number {
                    value: *v as f64,
                    integer: true,
                    unit: None,
                },
            },
            None => Cell {
                column: c,
                range,
                raw: String::new(),
                value: Value::Blank,
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::model::{Confidence, Value};

    fn report(digits: &str) -> crate::model::Report {
        // a page's text without white space: table 四 as one run of digits
        let text = format!(
            "某县2021年政府信息公开工作年度报告\n{}。一、总体情况2021年，我县推进公开。四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计{digits}五、存在的主要问题及改进情况（一）主要问题无。六、其他需要报告的事项无。",
            "前言".repeat(80)
        );
        crate::parse::parse(&text, Some("2021"))
    }

    #[test]
    fn a_space_between_values_run_together_is_a_blank_cell() {
        use super::{blank_as_zero, splits};
        // I1: the 总计 (last) is the sum of the others, blanks counted 0
        let i1 = |v: &[Option<u64>]| {
            let v = blank_as_zero(v);
            v[..6].iter().sum::<u64>() == v[6]
        };
        let (cuts, too_many) = splits("82135  21859", 7, &i1);
        assert!(!too_many);
        assert_eq!(
            cuts,
            [vec![
                Some(821),
                Some(35),
                None,
                None,
                Some(2),
                Some(1),
                Some(859)
            ]]
        );
        // as many cells as digits and spaces: one cut, whatever the identities
        let (cuts, _) = splits("31     ", 7, &|_| true);
        assert_eq!(cuts, [vec![Some(3), Some(1), None, None, None, None, None]]);
        let (cuts, _) = splits("       ", 7, &|_| true);
        assert_eq!(cuts, [vec![None; 7]]);
        // more cells than columns with a blank per space: no cut
        assert!(splits("0 0 0", 3, &|_| true).0.is_empty());
        // digits without spaces cut as before
        let (cuts, _) = splits("640020470", 7, &i1);
        assert_eq!(cuts.len(), 1);
        assert_eq!(cuts[0][6], Some(70));
    }

    #[test]
    fn a_crawled_table_with_blank_cells_is_read_where_the_spaces_show_them() {
        let tpl = crate::template::by_id("2021").unwrap();
        let t = tpl.table("applications").unwrap();
        // table 三 as a crawler leaves a page whose blank cells were &nbsp;: each row's values run
        // together, a space for each blank cell, every row on one line
        let mut body = String::new();
        for it in &t.items {
            body.push_str(&it.label);
            if it.kind == crate::template::ItemKind::Row {
                body.push_str(match it.id.as_str() {
                    "received" => "82135  21859",
                    "results_total" => "82135  21859",
                    "granted" => "82135  21859",
                    _ => "       ",
                });
            }
        }
        let text = format!(
            "某县2021年政府信息公开工作年度报告\n{}。一、总体情况2021年，我县推进公开。二、主动公开政府信息情况三、收到和处理政府信息公开申请情况{body}四、政府信息公开行政复议、行政诉讼情况五、存在的主要问题及改进情况（一）主要问题无。六、其他需要报告的事项无。",
            "前言".repeat(80)
        );
        let r = crate::parse::parse(&text, Some("2021"));
        let t = r.table("applications").unwrap();
        let received = t.row("received").unwrap();
        let shown: Vec<String> = received.cells.iter().map(|c| c.raw.clone()).collect();
        assert_eq!(shown, ["821", "35", "", "", "2", "1", "859"]);
        assert_eq!(received.cells[2].value, Value::Blank);
        let blank = t.row("denied.state_secret").unwrap();
        assert_eq!(blank.cells.len(), 7);
        assert!(blank.cells.iter().all(|c| c.value == Value::Blank));
    }

    /// Table 二 of the 2021 template with `rows` as its body.
    fn active(rows: &str) -> (crate::model::Report, String) {
        let text = format!(
            "某县2021年政府信息公开工作年度报告\n{}。一、总体情况2021年，我县推进公开。二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数{rows}第二十条第（五）项信息内容本年处理决定数量行政许可14166第二十条第（六）项信息内容本年处理决定数量行政处罚1154行政强制1802第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费1506三、收到和处理政府信息公开申请情况五、存在的主要问题及改进情况（一）主要问题无。六、其他需要报告的事项无。",
            "前言".repeat(80)
        );
        (crate::parse::parse(&text, Some("2021")), text)
    }

    #[test]
    fn a_run_that_cuts_several_ways_in_text_without_white_space_is_the_routes() {
        // every row run together (a crawler's line): 「81069」 cuts four ways, the reading's limit
        let (r, text) = active("规章000行政规范性文件81069");
        let t = r.table("active").unwrap();
        assert_eq!(t.confidence, Confidence::Low, "{:?}", t.notes);
        let certain = crate::parse::certain_rows(&r, &text, t);
        assert!(certain.contains(&"rules") && !certain.contains(&"normative_docs"));
        // one row run together among rows written apart: the author's, read with confidence (NB208 error)
        let (r, _) = active("规章 0 0 0 行政规范性文件81069");
        let t = r.table("active").unwrap();
        assert_eq!(t.confidence, Confidence::High, "{:?}", t.notes);
        assert_eq!(t.rows[1].run_together.as_ref().unwrap().candidates.len(), 4);
        // every row run together, each cut one way: read with confidence
        let (r, _) = active("规章000行政规范性文件000");
        assert_eq!(r.table("active").unwrap().confidence, Confidence::High);
    }

    /// Table 四 laid out by columns (`pdftotext -layout`) with the values on one line.
    fn laid_out(values: &str) -> (crate::model::Report, String) {
        let text = format!(
            "某县2021年政府信息公开工作年度报告\n{}\n一、总体情况\n2021年，我县推进公开。\n四、政府信息公开行政复议、行政诉讼情况\n行政复议                 行政诉讼\n结果维持  结果纠正  其他结果  尚未审结  总计  结果维持  结果纠正  其他结果  尚未审结  总计  结果维持  结果纠正  其他结果  尚未审结  总计\n{values}\n五、存在的主要问题及改进情况\n（一）主要问题\n无。\n六、其他需要报告的事项\n无。\n",
            "前言".repeat(80)
        );
        (crate::parse::parse(&text, Some("2021")), text)
    }

    #[test]
    fn a_cut_of_zeros_run_into_a_digit_is_vouched_for_only_by_its_row() {
        let cells = |(r, text): &(crate::model::Report, String)| -> Vec<String> {
            let t = r.table("review_litigation").unwrap();
            let certain = crate::parse::certain_rows(r, text, t);
            t.rows
                .iter()
                .filter(|row| certain.contains(&row.id))
                .flat_map(|row| row.cells.iter().map(|c| c.raw.clone()))
                .collect()
        };
        // 「05」 cut into 0 and 5 and the row 0 0 0 5 0 breaks I4: the 5 may be its 总计 or its 尚未审结,
        // and the other 5 of the line may be in its row (0 0 0 5 5 keeps I4): not vouched for, the
        // row not exported
        let read = laid_out("0    0    0    0    0    0    0    05   0    0    0    0    0    5");
        let t = read.0.table("review_litigation").unwrap();
        assert_eq!(t.confidence, Confidence::Low, "{:?}", t.notes);
        assert!(t.notes.iter().any(|n| n.contains("数字连写")));
        assert_eq!(cells(&read).len(), 5, "{:?}", cells(&read));
        // one 5 among fourteen 0s breaks I4 in whichever cell it stands: the report's defect, its
        // row's values not placed (NB208 error, no NB304), the other rows read
        let read = laid_out("0    0    0    0    0    0    0    05   0    0    0    0    0    0");
        let t = read.0.table("review_litigation").unwrap();
        assert_eq!(t.confidence, Confidence::High, "{:?}", t.notes);
        let direct = t.row("litigation_direct").unwrap();
        assert!(direct.cells.is_empty());
        let run = direct.run_together.as_ref().unwrap();
        assert!(run.candidates.is_empty() && !run.too_many);
        assert_eq!(run.digits, "0 0 05 0");
        assert_eq!(cells(&read).len(), 10, "{:?}", cells(&read));
        // the same cut in a row that keeps I4 (0 0 0 5 5) confirms it
        let (r, _) = laid_out("0    0    0    0    0    0    0    05   5    0    0    0    0    0");
        let t = r.table("review_litigation").unwrap();
        assert_eq!(t.confidence, Confidence::High, "{:?}", t.notes);
        assert_eq!(t.rows[1].cells[3].raw, "5");
        // a row broken without any cut is the report's (NB304): read as written
        let (r, _) =
            laid_out("0    0    0    0    0    0    0    0    0    5    0    0    0    0    0");
        let t = r.table("review_litigation").unwrap();
        assert_eq!(t.confidence, Confidence::High, "{:?}", t.notes);
    }

    #[test]
    fn a_placement_keeping_the_identities_is_found_among_the_values_of_a_line() {
        use super::some_placement_holds;
        // two rows of five, each: 总计 (last) = the sum of the four before it
        let i4 = (
            vec![true, true, true, true, false],
            vec![false, false, false, false, true],
        );
        let rows = vec![vec![i4.clone()], vec![i4]];
        let mut budget = 1000;
        assert!(some_placement_holds(
            &rows,
            &[5, 5],
            &mut [0, 0, 0, 0, 0, 0, 3, 0, 2, 5],
            &mut budget
        ));
        let mut budget = 1000;
        assert!(!some_placement_holds(
            &rows,
            &[5, 5],
            &mut [0, 0, 0, 0, 0, 0, 0, 0, 0, 5],
            &mut budget
        ));
        assert!(budget > 0);
        // out of budget: a placement may hold
        let mut budget = 3;
        assert!(some_placement_holds(
            &rows,
            &[5, 5],
            &mut [0, 0, 0, 0, 0, 0, 0, 0, 0, 5],
            &mut budget
        ));
    }

    #[test]
    fn a_grid_run_that_cuts_several_ways_reads_the_rows_every_cut_agrees_on() {
        // 1 2 0 0 3 | 11 2 5 2 20 or 1 12 5 2 20 | 0 0 1 0 1: the first and last groups cut one
        // way whatever the middle one does
        let text_of = |r: &crate::model::Report| {
            let t = r.table("review_litigation").unwrap();
            t.rows
                .iter()
                .map(|row| {
                    let cells: Vec<&str> = row.cells.iter().map(|c| c.raw.as_str()).collect();
                    format!("{}:{}", row.id, cells.join(","))
                })
                .collect::<Vec<_>>()
        };
        let r = report("12003112522000101");
        let t = r.table("review_litigation").unwrap();
        assert_eq!(t.confidence, Confidence::Low, "{:?}", t.notes);
        assert!(t.notes[0].contains("2 种拆分"), "{:?}", t.notes);
        assert_eq!(
            text_of(&r),
            [
                "review:1,2,0,0,3",
                "litigation_direct:",
                "litigation_after_review:0,0,1,0,1"
            ]
        );
        let middle = t.rows[1].run_together.as_ref().unwrap();
        assert_eq!(
            middle.agreed().unwrap(),
            [None, None, Some(Some(5)), Some(Some(2)), Some(Some(20))]
        );
        // no arithmetic on a table read so: no diagnostic but the one NB201
        let text = format!(
            "某县2021年政府信息公开工作年度报告\n{}。一、总体情况2021年，我县推进公开。四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计12003112522000101五、存在的主要问题及改进情况（一）主要问题无。六、其他需要报告的事项无。",
            "前言".repeat(80)
        );
        let a = crate::analyze(&text, &crate::Config::default());
        let about: Vec<&str> = a
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with("NB2") || d.code.starts_with("NB3"))
            .filter(|d| d.message.contains("复议") || d.code == "NB208")
            .map(|d| d.code)
            .collect();
        assert_eq!(about, ["NB201"], "{:?}", a.diagnostics);
        // exported: the rows that cut one way, and the cells every cut of the middle row agrees on
        let json = crate::export::to_json(&a.report, &text, "x.txt");
        let exported = &json["tables"]["review_litigation"];
        assert_eq!(exported["review"]["total"], 3);
        assert_eq!(exported["litigation_after_review"]["other"], 1);
        assert_eq!(exported["litigation_direct"]["total"], 20);
        assert!(exported["litigation_direct"]["upheld"].is_null());
        assert!(exported["litigation_direct"]["corrected"].is_null());
        // a grid whose run fits no cut with the identities stays as read
        let r = report("12003112522000102");
        assert!(
            text_of(&r).iter().all(|row| !row.contains(',')),
            "{:?}",
            text_of(&r)
        );
    }

    #[test]
    fn a_grid_written_as_one_run_of_digits_is_split_by_its_identities() {
        let r = report("120030000000000");
        let t = r.table("review_litigation").unwrap();
        assert_eq!(t.confidence, Confidence::High);
        let values: Vec<f64> = t
            .rows
            .iter()
            .flat_map(|row| &row.cells)
            .map(|c| match c.value {
                Value::Number { value, .. } => value,
                _ => -1.0,
            })
            .collect();
        assert_eq!(
            values,
            [1., 2., 0., 0., 3., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0.]
        );
        let run = t.rows[0].run_together.as_ref().unwrap();
        assert_eq!(run.candidates.len(), 1);
        // digits that cut only one way are read as written, an identity broken there is the report's
        let r = report("000000000500000");
        let t = r.table("review_litigation").unwrap();
        assert_eq!(t.confidence, Confidence::High);
        assert_eq!(t.rows[1].cells[4].raw, "5");
        // two splits keep I4 (1, 12, 5, 2, 20 and 11, 2, 5, 2, 20): no arithmetic (the rows every
        // split agrees on: `a_grid_run_that_cuts_several_ways_reads_the_rows_every_cut_agrees_on`)
        let r = report("12003112522000101");
        let t = r.table("review_litigation").unwrap();
        assert_ne!(t.confidence, Confidence::High);
        assert!(t.row("litigation_direct").unwrap().cells.is_empty());
    }
}
