//! Stage 7: recovery — values written run together (「640020470」) split by the identities.

use super::*;

/// Most splits of a run of digits examined before giving up on listing them.
pub(super) const MAX_SPLITS: usize = 200_000;

/// Every way to cut `digits` into `k` numbers written without leading zeros, accepted by `keep`.
pub(super) fn splits(
    digits: &str,
    k: usize,
    keep: &dyn Fn(&[u64]) -> bool,
) -> (Vec<Vec<u64>>, bool) {
    fn go(
        d: &[u8],
        k: usize,
        cur: &mut Vec<u64>,
        keep: &dyn Fn(&[u64]) -> bool,
        out: &mut Vec<Vec<u64>>,
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
        let max = if d[0] == b'0' {
            1
        } else {
            (d.len() - (k - 1)).min(12)
        };
        for len in 1..=max {
            let v: u64 = std::str::from_utf8(&d[..len])
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            cur.push(v);
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

/// Do the column-direction identities hold wherever every cell they need is known?
pub(super) fn column_identities_hold(tpl: &Template, table: &template::Table, out: &Table) -> bool {
    tpl.identities
        .iter()
        .filter(|i| i.table == table.id && i.direction == template::Direction::Column)
        .all(|i| {
            table.resolve_columns(&i.over).iter().all(|col| {
                let sum = |rows: &[String]| -> Option<f64> {
                    table
                        .resolve_rows(rows)
                        .iter()
                        .map(|r| out.value(r, col))
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
        let (candidates, too_many) = splits(&run.digits, item.columns.len(), &|v| {
            row_identities_hold(&masks, v)
        });
        run.candidates = candidates;
        run.too_many = too_many;
        if run.candidates.len() > 1 {
            ambiguous.push(ri);
        }
    }
    fill_unique(table, out);
    // one ambiguous row: the column identities (I2, I3) with the other rows may decide
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
            if column_identities_hold(tpl, table, out) {
                keep.push(c);
            }
            out.rows[ri].cells.clear();
        }
        if !keep.is_empty() {
            if let Some(r) = &mut out.rows[ri].run_together {
                r.candidates = keep;
            }
        }
    }
    fill_unique(table, out);
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
    if !run.run || count < 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
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
            row_identities_hold(m, &v[at - n..at])
        })
    });
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

pub(super) fn fill_run(table: &'static template::Table, row: &mut Row, values: &[u64]) {
    let (Some(item), Some(run)) = (table.row(row.id), &row.run_together) else {
        return;
    };
    row.cells = run_cells(&item.columns, values, run.range);
}

/// The cells of a row cut from a run of digits: one whole number per column, each cell's range the
/// run's.
fn run_cells(columns: &'static [String], values: &[u64], range: TextRange) -> Vec<Cell> {
    columns
        .iter()
        .zip(values)
        .map(|(c, v)| Cell {
            column: c,
            range,
            raw: v.to_string(),
            value: Value::Number {
                value: *v as f64,
                integer: true,
                unit: None,
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
        // two splits keep I4 (1, 12, 5, 2, 20 and 11, 2, 5, 2, 20): no value read, no arithmetic
        let r = report("12003112522000101");
        let t = r.table("review_litigation").unwrap();
        assert_ne!(t.confidence, Confidence::High);
        assert!(t
            .rows
            .iter()
            .flat_map(|row| &row.cells)
            .all(|c| !matches!(c.value, Value::Number { .. }) || c.raw.len() > 5));
    }
}
