//! The arithmetic rules NB301–NB304: the identities I1–I4 of the template data, evaluated by
//! [`crate::query::evaluate`] (the same evaluation hover and inlay hints show), reported on the blamed cell.
//!
//! Where the reader found a table's values but not the cell of each ([`Unplaced`]), the identity is
//! checked over every placement the text allows ([`placement_keeping`]): when none keeps it, the
//! source breaks it whatever the cells, said once for the table, in place of its NB201.

use super::{fix, num, push_num, push_uint, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Fix, Related};
use crate::model::{Confidence, Table, Unplaced};
use crate::query::{self, Evaluation, Term};
use crate::template::{Direction, Identity, Template};

/// Both sides' names: 「a+b+c」, or 「a…z 共 N 项之和」 for more than six terms.
fn push_describe(out: &mut String, terms: &[Term]) {
    if terms.len() > 6 {
        out.push_str(terms[0].label);
        out.push('…');
        out.push_str(terms[terms.len() - 1].label);
        out.push_str(" 共 ");
        push_uint(out, terms.len() as u64);
        out.push_str(" 项之和");
    } else {
        for (i, t) in terms.iter().enumerate() {
            if i > 0 {
                out.push('+');
            }
            out.push_str(t.label);
        }
    }
}

/// 「总计为 5，但 结果维持+结果纠正+其他结果+尚未审结 = 0」: both sides with their numbers.
fn push_equation(out: &mut String, e: &Evaluation, l: f64, r: f64, verb: &str) {
    push_describe(out, &e.lhs);
    out.push_str(verb);
    out.push(' ');
    push_num(out, l);
    out.push_str("，但 ");
    push_describe(out, &e.rhs);
    out.push_str(" = ");
    push_num(out, r);
}

/// An identity with at most this many cells offers, beside the blamed cell, a choice per other cell.
const MAX_CHOICES: usize = 8;

/// 「将「总计」改为 0」: the fix that gives `t` the value balancing the equation, or `None` when
/// that value is negative. Always unsafe (RULES.md "Fix safety"): nothing tells which cell is wrong.
fn set_term(t: &Term, want: f64, why: &str) -> Option<Fix> {
    let (Some(range), true) = (t.range, want >= 0.0) else {
        return None;
    };
    let new_text = num(want);
    let mut message = String::with_capacity(t.label.len() + new_text.len() + why.len() + 16);
    message.push_str("将「");
    message.push_str(t.label);
    message.push_str("」改为 ");
    message.push_str(&new_text);
    message.push_str(why);
    Some(fix(message, range, new_text, false))
}

/// The choices for an unbalanced evaluation: first the blamed cell set to the value that balances it
/// (the sum), then, for small identities, each other cell set to the value that balances it with
/// the rest unchanged. Every choice is unsafe and offered one by one; none is applied in bulk.
fn fixes(e: &Evaluation, blamed: &Term, in_lhs: bool, l: f64, r: f64) -> Option<Fix> {
    // the value a term of the left (right) side must take for the sides to balance
    let balance = |t: &Term, on_left: bool| {
        let v = t.value?;
        Some(if on_left { r - (l - v) } else { l - (r - v) })
    };
    let why = if in_lhs && e.lhs.len() == 1 {
        "（各项之和）"
    } else {
        "（使等式成立）"
    };
    let mut first = set_term(blamed, balance(blamed, in_lhs)?, why)?;
    if e.lhs.len() + e.rhs.len() <= MAX_CHOICES {
        let sides = e
            .lhs
            .iter()
            .map(|t| (t, true))
            .chain(e.rhs.iter().map(|t| (t, false)));
        for (t, on_left) in sides.filter(|(t, _)| t.id != blamed.id) {
            let alt = balance(t, on_left).and_then(|want| set_term(t, want, "（其余各格不变）"));
            first.alternatives.extend(alt);
        }
    }
    Some(first)
}

/// An identity's sum over one row or column, as places in [`Unplaced::cells`]: (left, right).
type Sum = (Vec<usize>, Vec<usize>);

/// The sums of `identity` whose every cell is one of `unplaced`'s (the others need values the reader
/// did not vouch for: they are left out), each with the label of its row or column.
fn sums_within(identity: &'static Identity, unplaced: &Unplaced) -> Vec<(Sum, &'static str)> {
    let r = &identity.resolved;
    let place = |over: &str, term: &str| {
        let (row, column) = match identity.direction {
            Direction::Row => (over, term),
            Direction::Column => (term, over),
        };
        unplaced
            .cells
            .iter()
            .position(|&(r, c)| r == row && c == column)
    };
    let side = |over: &str, terms: &[(String, String)]| -> Option<Vec<usize>> {
        terms.iter().map(|(id, _)| place(over, id)).collect()
    };
    r.over
        .iter()
        .filter_map(|(over, label)| {
            Some(((side(over, &r.lhs)?, side(over, &r.rhs)?), label.as_str()))
        })
        .collect()
}

/// The most cells [`placement_keeping`] places, and the most values it tries in cells: beyond
/// either it does not decide (a few thousand tries decide a grid like table 四's).
const MAX_UNPLACED_CELLS: usize = 64;
const MAX_PLACEMENT_TRIES: usize = 4096;

/// Can the values of `unplaced` be put in its cells (each value in a cell of its pool, each cell one
/// value) so that every sum of `sums` balances? `Some(true)`: such a placement exists; `Some(false)`:
/// none does, every one was ruled out; `None`: not decided (too many cells or tries, or values that
/// do not fill the cells at all).
///
/// An exact search: the cells of the sums, sum after sum, each tried with every value a pool could
/// put there, as long as the remaining values can still fill the remaining cells (a matching of
/// values to cells); a sum whose last cell is filled must balance.
pub fn placement_keeping(unplaced: &Unplaced, sums: &[Sum]) -> Option<bool> {
    let cells = unplaced.cells.len();
    let values: Vec<(u64, &[usize])> = unplaced
        .pools
        .iter()
        .flat_map(|p| p.values.iter().map(|v| (v.0, p.cells.as_slice())))
        .collect();
    let in_range = unplaced
        .pools
        .iter()
        .all(|p| p.cells.iter().all(|&c| c < cells));
    if cells > MAX_UNPLACED_CELLS || values.len() != cells || !in_range {
        return None;
    }
    // the cells in the order they are tried, and at each step the sums it completes
    let mut order: Vec<usize> = Vec::new();
    let mut completes: Vec<Vec<usize>> = Vec::new();
    for (k, (lhs, rhs)) in sums.iter().enumerate() {
        for &c in lhs.iter().chain(rhs) {
            if c < cells && !order.contains(&c) {
                order.push(c);
                completes.push(Vec::new());
            }
        }
        let last = lhs
            .iter()
            .chain(rhs)
            .filter_map(|c| order.iter().position(|o| o == c))
            .max();
        completes[last?].push(k);
    }
    let mut search = Placing {
        values: &values,
        sums,
        order: &order,
        completes: &completes,
        grid: vec![None; cells],
        tries: 0,
    };
    if !search.fillable() {
        return None;
    }
    search.from(0)
}

/// The state of [`placement_keeping`]'s search.
struct Placing<'a> {
    /// Each value, with the cells it may take.
    values: &'a [(u64, &'a [usize])],
    sums: &'a [Sum],
    order: &'a [usize],
    completes: &'a [Vec<usize>],
    /// The value tried in each cell so far.
    grid: Vec<Option<u64>>,
    tries: usize,
}

impl Placing<'_> {
    /// Is there a placement keeping every sum, given the cells before `step` as tried?
    fn from(&mut self, step: usize) -> Option<bool> {
        let Some(&cell) = self.order.get(step) else {
            return Some(true);
        };
        let mut choices: Vec<u64> = self
            .values
            .iter()
            .filter(|(_, cells)| cells.contains(&cell))
            .map(|v| v.0)
            .collect();
        choices.sort_unstable();
        choices.dedup();
        for v in choices {
            self.tries += 1;
            if self.tries > MAX_PLACEMENT_TRIES {
                return None;
            }
            self.grid[cell] = Some(v);
            let balanced = self.completes[step].iter().all(|&k| self.balances(k));
            if balanced && self.fillable() && self.from(step + 1)? {
                self.grid[cell] = None;
                return Some(true);
            }
        }
        self.grid[cell] = None;
        Some(false)
    }

    fn balances(&self, k: usize) -> bool {
        let side = |cells: &[usize]| -> u64 { cells.iter().filter_map(|&c| self.grid[c]).sum() };
        let (lhs, rhs) = &self.sums[k];
        side(lhs) == side(rhs)
    }

    /// Can every value go to a cell of its pool, every cell getting one, the cells tried getting
    /// their value? (A matching of values to cells, by augmenting paths.)
    fn fillable(&self) -> bool {
        let mut holder: Vec<Option<usize>> = vec![None; self.grid.len()];
        for v in 0..self.values.len() {
            let mut seen = vec![false; self.grid.len()];
            if !self.augment(v, &mut holder, &mut seen) {
                return false;
            }
        }
        true
    }

    fn augment(&self, v: usize, holder: &mut [Option<usize>], seen: &mut [bool]) -> bool {
        let (value, cells) = self.values[v];
        for &c in cells {
            if seen[c] || self.grid[c].is_some_and(|g| g != value) {
                continue;
            }
            seen[c] = true;
            if holder[c].is_none_or(|w| self.augment(w, holder, seen)) {
                holder[c] = Some(v);
                return true;
            }
        }
        false
    }
}

/// A table whose values, read without their cells, break an identity whatever cell each is in: the
/// first rule (in code order) none of whose placements keeps its sums, with the identity to name and
/// the values.
pub struct UnplacedBreak<'a> {
    pub identity: &'static Identity,
    pub unplaced: &'a Unplaced,
    /// The labels of the rows or columns whose sums were checked.
    pub over: Vec<&'static str>,
}

/// [`UnplacedBreak`] of `table`, if any: NB201 gives way to it (one cause, one diagnostic).
pub fn unplaced_break<'a>(tpl: &'static Template, table: &'a Table) -> Option<UnplacedBreak<'a>> {
    let mut rules: Vec<&str> = tpl
        .identities
        .iter()
        .filter(|i| i.table == table.id)
        .map(|i| i.rule.as_str())
        .collect();
    rules.sort_unstable();
    rules.dedup();
    for unplaced in &table.unplaced {
        for rule in &rules {
            let mut sums = Vec::new();
            let mut over = Vec::new();
            let mut first = None;
            for identity in tpl
                .identities
                .iter()
                .filter(|i| i.table == table.id && i.rule == *rule)
            {
                let within = sums_within(identity, unplaced);
                if !within.is_empty() {
                    first.get_or_insert(identity);
                }
                for (sum, label) in within {
                    sums.push(sum);
                    over.push(label);
                }
            }
            let Some(identity) = first else { continue };
            if placement_keeping(unplaced, &sums) == Some(false) {
                return Some(UnplacedBreak {
                    identity,
                    unplaced,
                    over,
                });
            }
        }
    }
    None
}

/// 「「四、…」的表格：找到的 15 个数值（0 5 0 …）无法确定各在哪一格，而无论怎样放置，都不满足
/// 总计 = 结果维持+结果纠正+其他结果+尚未审结（行政复议、…）」, on the section's heading.
fn unplaced_diagnostic(cx: &Ctx, meta: &RuleMeta, table: &Table, b: &UnplacedBreak) -> Diagnostic {
    let section = cx
        .template
        .and_then(|tpl| tpl.table(&table.id))
        .and_then(|t| cx.report.section(&t.section));
    let range = section.map_or(table.range, |s| s.heading_range);
    let values = b.unplaced.values_in_order();
    let mut message = String::with_capacity(256);
    if let Some(s) = section {
        message.push('「');
        message.push_str(&s.heading);
        message.push_str("」的");
    }
    message.push_str("表格：找到的 ");
    push_uint(&mut message, values.len() as u64);
    message.push_str(" 个数值（");
    for (i, (v, _)) in values.iter().enumerate() {
        if i > 0 {
            message.push(' ');
        }
        push_uint(&mut message, *v);
    }
    message.push_str("）无法确定各在哪一格，而无论怎样放置，都不满足 ");
    let terms = |side: &'static [(String, String)]| -> Vec<Term> {
        side.iter()
            .map(|(id, label)| Term {
                id,
                label,
                value: None,
                range: None,
            })
            .collect()
    };
    push_describe(&mut message, &terms(&b.identity.resolved.lhs));
    message.push_str(" = ");
    push_describe(&mut message, &terms(&b.identity.resolved.rhs));
    message.push('（');
    for (i, label) in b.over.iter().enumerate() {
        if i > 0 {
            message.push('、');
        }
        message.push_str(label);
    }
    message.push_str("）：来源中的数值本身不平衡");
    cx.diag(meta, range, message)
}

/// Check every identity of the template whose rule is `meta.code`.
pub fn check(cx: &Ctx, meta: &RuleMeta, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = cx.template else { return };
    for table in &cx.report.tables {
        if let Some(b) = unplaced_break(tpl, table) {
            if b.identity.rule == meta.code {
                out.push(unplaced_diagnostic(cx, meta, table, &b));
            }
        }
        if table.confidence != Confidence::High {
            continue; // NB201 says the table could not be read; no arithmetic on guesses
        }
        query::evaluate_unbalanced(
            tpl,
            table,
            |i| i.rule == meta.code,
            |e| {
                // every cell must be there and a number (missing rows and cells are other rules'
                // concern) and the sides apart: only such evaluations come here
                let (Some(l), Some(r)) = (e.lhs_sum(), e.rhs_sum()) else {
                    return;
                };
                let blame = e.identity.blame.as_deref().unwrap_or(&e.identity.lhs[0]);
                let in_lhs = e.lhs.iter().any(|t| t.id == blame);
                let Some(blamed) = e.lhs.iter().chain(&e.rhs).find(|t| t.id == blame) else {
                    return;
                };
                let (Some(range), Some(_)) = (blamed.range, blamed.value) else {
                    return;
                };
                let mut message = String::with_capacity(128);
                match e.identity.direction {
                    Direction::Row => {
                        message.push_str(e.over_label);
                        message.push(' ');
                        push_equation(&mut message, e, l, r, "为");
                    }
                    Direction::Column => {
                        message.push('「');
                        message.push_str(e.over_label);
                        message.push_str("」列：");
                        push_equation(&mut message, e, l, r, " =");
                    }
                }
                let mut related = Vec::with_capacity(e.lhs.len() + e.rhs.len());
                for t in e.lhs.iter().chain(&e.rhs).filter(|t| t.id != blame) {
                    let (Some(range), Some(value)) = (t.range, t.value) else {
                        continue;
                    };
                    let mut message = String::with_capacity(t.label.len() + 8);
                    message.push_str(t.label);
                    message.push_str(" = ");
                    push_num(&mut message, value);
                    related.push(Related { range, message });
                }
                let mut d = cx.diag(meta, range, message).with_related(related);
                if let Some(f) = fixes(e, blamed, in_lhs, l, r) {
                    d = d.with_fix(f);
                }
                out.push(d);
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pool;
    use text_size::TextRange;

    /// Table 四 of the 2021 template: its cells, and I4's sums over them.
    fn grid() -> (Vec<(&'static str, &'static str)>, Vec<Sum>) {
        let tpl = crate::template::by_id("2021").unwrap();
        let table = tpl.table("review_litigation").unwrap();
        let cells: Vec<(&'static str, &'static str)> = table
            .rows()
            .flat_map(|r| r.columns.iter().map(|c| (r.id.as_str(), c.as_str())))
            .collect();
        let all = Unplaced {
            cells: cells.clone(),
            pools: Vec::new(),
        };
        let sums = tpl
            .identities
            .iter()
            .filter(|i| i.table == table.id)
            .flat_map(|i| sums_within(i, &all))
            .map(|(sum, _)| sum)
            .collect();
        (cells, sums)
    }

    fn pool(values: &[u64], cells: Vec<usize>) -> Pool {
        Pool {
            values: values.iter().map(|&v| (v, TextRange::default())).collect(),
            cells,
        }
    }

    /// `values` anywhere in the grid, `per_column` held by the columns (place among the columns:
    /// values) in any of their rows.
    fn unplaced(values: &[u64], per_column: &[(usize, &[u64])]) -> (Unplaced, Vec<Sum>) {
        let (cells, sums) = grid();
        let tpl = crate::template::by_id("2021").unwrap();
        let table = tpl.table("review_litigation").unwrap();
        let mut pools: Vec<Pool> = per_column
            .iter()
            .map(|&(c, v)| {
                let id = table.columns[c].id.as_str();
                pool(v, (0..cells.len()).filter(|&k| cells[k].1 == id).collect())
            })
            .collect();
        pools.push(pool(values, (0..cells.len()).collect()));
        (Unplaced { cells, pools }, sums)
    }

    #[test]
    fn sums_of_the_grid_are_its_rows() {
        let (cells, sums) = grid();
        // one sum per group (row), each over that row's five cells: the total against the parts
        let rows: Vec<&str> = cells.iter().map(|c| c.0).collect();
        assert_eq!(sums.len(), 3);
        for (lhs, rhs) in &sums {
            assert_eq!(lhs.len() + rhs.len(), 5);
            let row = rows[lhs[0]];
            assert!(lhs.iter().chain(rhs).all(|&k| rows[k] == row));
        }
    }

    #[test]
    fn a_placement_keeping_every_sum_is_found() {
        // all anywhere: 5 upheld and 5 total in one group
        let mut values = vec![0; 13];
        values.extend([5, 5]);
        let (u, sums) = unplaced(&values, &[]);
        assert_eq!(placement_keeping(&u, &sums), Some(true));
        // the columns' values fixed to their column, the rest to fill the others
        let per_column: [(usize, &[u64]); 2] = [(0, &[1, 1]), (4, &[1])];
        let (u, sums) = unplaced(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], &per_column);
        assert_eq!(placement_keeping(&u, &sums), Some(true));
    }

    #[test]
    fn no_placement_keeping_every_sum_is_proved() {
        // an odd sum: the three groups' sums make twice the totals
        let mut values = vec![0; 14];
        values.push(5);
        let (u, sums) = unplaced(&values, &[]);
        assert_eq!(placement_keeping(&u, &sums), Some(false));
        // an even sum, no totals making half of it
        let mut values = vec![0; 13];
        values.extend([5, 3]);
        let (u, sums) = unplaced(&values, &[]);
        assert_eq!(placement_keeping(&u, &sums), Some(false));
        // two 1s held by the upheld column, the 总计 column holds only 0s: no group can total them
        let per_column: [(usize, &[u64]); 2] = [(0, &[1, 1]), (4, &[0, 0, 0])];
        let (u, sums) = unplaced(&[0; 10], &per_column);
        assert_eq!(placement_keeping(&u, &sums), Some(false));
    }

    #[test]
    fn placements_not_decided_are_not_judged() {
        // values that do not fill the cells, or cannot: not decided
        let (u, sums) = unplaced(&[0; 14], &[]);
        assert_eq!(placement_keeping(&u, &sums), None);
        let per_column: [(usize, &[u64]); 1] = [(0, &[0, 0, 0, 0])];
        let (u, sums) = unplaced(&[0; 11], &per_column);
        assert_eq!(placement_keeping(&u, &sums), None);
        // more cells than the search takes
        let cells: Vec<(&str, &str)> = (0..=MAX_UNPLACED_CELLS).map(|_| ("", "")).collect();
        let n = cells.len();
        let u = Unplaced {
            pools: vec![pool(&vec![0; n], (0..n).collect())],
            cells,
        };
        assert_eq!(placement_keeping(&u, &[(vec![0], vec![1])]), None);
        // too many tries: many distinct values, one sum that no placement keeps, checked last
        let values: Vec<u64> = (0..15).map(|v| 1 << v).collect();
        let (u, sums) = unplaced(&values, &[]);
        assert_eq!(placement_keeping(&u, &sums), None);
    }

    /// A sum with a cell the values do not fill is not checked: its cell's value is not known.
    #[test]
    fn sums_reaching_other_cells_are_left_out() {
        let (cells, _) = grid();
        let tpl = crate::template::by_id("2021").unwrap();
        let i4 = tpl
            .identities
            .iter()
            .find(|i| i.table == "review_litigation")
            .unwrap();
        let first_row = Unplaced {
            cells: cells
                .iter()
                .copied()
                .filter(|c| c.0 == cells[0].0)
                .collect(),
            pools: Vec::new(),
        };
        let within = sums_within(i4, &first_row);
        assert_eq!(within.len(), 1);
        assert_eq!(
            within[0].1,
            tpl.table("review_litigation")
                .unwrap()
                .rows()
                .next()
                .unwrap()
                .label
        );
        let none = Unplaced {
            cells: cells[1..].to_vec(),
            pools: Vec::new(),
        };
        assert_eq!(sums_within(i4, &none).len(), 2);
    }
}
