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
    row.cells = item
        .columns
        .iter()
        .zip(values)
        .map(|(c, v)| Cell {
            column: c,
            range: run.range,
            raw: v.to_string(),
            value: Value::Number {
                value: *v as f64,
                integer: true,
                unit: None,
            },
        })
        .collect();
}
