//! Questions an editor asks about a parsed report: what is at this offset, and which identities
//! (FORMAT.md §5, as declared in the template data) a cell takes part in, with the computed values.
//!
//! Read-only over [`Report`] and [`crate::template`]; no rule logic is duplicated here: the identities
//! are evaluated exactly as the template declares them (`lhs` summed against `rhs`).

use crate::model::{Cell, Label, Marker, Report, Row, Section, Table};
use crate::template::{self, Direction, Identity, Template};
use text_size::{TextRange, TextSize};

/// What sits at a byte offset of the analysed text.
#[derive(Debug, Clone, Copy)]
pub enum Hit<'a> {
    /// A section heading line.
    Heading(&'a Section),
    /// A row label (any of its fragments).
    Label {
        table: &'a Table,
        row: &'a Row,
        label: &'a Label,
    },
    /// A value cell.
    Cell {
        table: &'a Table,
        row: &'a Row,
        cell: &'a Cell,
    },
    /// A group line, block line or header cell.
    Marker {
        table: &'a Table,
        marker: &'a Marker,
    },
}

fn touches(range: TextRange, offset: TextSize) -> bool {
    range.start() <= offset && offset <= range.end()
}

/// The innermost thing at `offset` (cells and labels before markers before headings).
pub fn at(report: &Report, offset: TextSize) -> Option<Hit<'_>> {
    for table in &report.tables {
        for row in &table.rows {
            if let Some(cell) = row.cells.iter().find(|c| touches(c.range, offset)) {
                return Some(Hit::Cell { table, row, cell });
            }
            if let Some(label) = &row.label {
                if label.parts.iter().any(|p| touches(*p, offset))
                    || (label.parts.is_empty() && touches(label.range, offset))
                {
                    return Some(Hit::Label { table, row, label });
                }
            }
        }
        if let Some(marker) = table.markers.iter().find(|m| touches(m.range, offset)) {
            return Some(Hit::Marker { table, marker });
        }
    }
    report
        .sections
        .iter()
        .find(|s| touches(s.line_range, offset))
        .map(Hit::Heading)
}

/// The section whose heading or body holds `offset` (the last section starting at or before it).
pub fn section_at(report: &Report, offset: TextSize) -> Option<&Section> {
    report
        .sections
        .iter()
        .filter(|s| s.line_range.start() <= offset)
        .max_by_key(|s| s.line_range.start())
}

/// One term of an identity: a row or column id, its official label and its value in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub id: &'static str,
    pub label: &'static str,
    pub value: Option<f64>,
    pub range: Option<TextRange>,
}

/// An identity evaluated on one row (direction `row`) or one column (direction `column`).
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub identity: &'static Identity,
    /// The row (direction row) or column (direction column) it was evaluated on.
    pub over: &'static str,
    pub over_label: &'static str,
    pub lhs: Vec<Term>,
    pub rhs: Vec<Term>,
}

impl Evaluation {
    /// Sum of the left side; `None` when a term has no number.
    pub fn lhs_sum(&self) -> Option<f64> {
        sum(&self.lhs)
    }

    /// Sum of the right side; `None` when a term has no number.
    pub fn rhs_sum(&self) -> Option<f64> {
        sum(&self.rhs)
    }

    /// Both sides known and equal.
    pub fn holds(&self) -> Option<bool> {
        Some((self.lhs_sum()? - self.rhs_sum()?).abs() < 1e-9)
    }

    /// For an identity with a single left term (a total), the value it should have.
    pub fn expected_total(&self) -> Option<f64> {
        if self.lhs.len() == 1 {
            self.rhs_sum()
        } else {
            None
        }
    }
}

fn sum(terms: &[Term]) -> Option<f64> {
    terms.iter().map(|t| t.value).sum()
}

/// Every identity of the template that applies to `table`, evaluated on every row/column it covers.
pub fn evaluate(template: &'static Template, table: &Table) -> Vec<Evaluation> {
    evaluate_where(template, table, |_| true)
}

/// The identities of the template accepted by `keep` that apply to `table`, evaluated on every
/// row/column they cover (the ids and labels were resolved once, when the template was loaded).
pub fn evaluate_where(
    template: &'static Template,
    table: &Table,
    keep: impl FnMut(&Identity) -> bool,
) -> Vec<Evaluation> {
    let mut out = Vec::new();
    evaluate_each(template, table, keep, |e| out.push(e.clone()));
    out
}

/// [`evaluate_where`] without collecting: `f` sees each evaluation in turn, in one [`Evaluation`]
/// whose term lists are reused (for the rules, which keep only the few that do not hold).
pub fn evaluate_each(
    template: &'static Template,
    table: &Table,
    keep: impl FnMut(&Identity) -> bool,
    f: impl FnMut(&Evaluation),
) {
    evaluate_impl(template, table, keep, false, f);
}

/// [`evaluate_each`] of the evaluations that do not balance: both sides known and apart by 1e-6 or
/// more (what the arithmetic rules report). The sums are taken from the cells first, so the balanced
/// ones — nearly all — are never spelt out as terms.
pub fn evaluate_unbalanced(
    template: &'static Template,
    table: &Table,
    keep: impl FnMut(&Identity) -> bool,
    f: impl FnMut(&Evaluation),
) {
    evaluate_impl(template, table, keep, true, f);
}

/// Both sides' sums as [`Evaluation::lhs_sum`] and [`Evaluation::rhs_sum`] add them (same order), from
/// the cells: do they balance, or is one unknown?
fn balanced_or_unknown<'a>(
    lhs: impl Iterator<Item = Option<&'a Cell>>,
    rhs: impl Iterator<Item = Option<&'a Cell>>,
) -> bool {
    let l: Option<f64> = lhs.map(|c| c.and_then(Cell::number)).sum();
    let r: Option<f64> = rhs.map(|c| c.and_then(Cell::number)).sum();
    match (l, r) {
        (Some(l), Some(r)) => (l - r).abs() < 1e-6,
        _ => true,
    }
}

fn evaluate_impl(
    template: &'static Template,
    table: &Table,
    mut keep: impl FnMut(&Identity) -> bool,
    unbalanced_only: bool,
    mut f: impl FnMut(&Evaluation),
) {
    let mut rows: Vec<Option<&Row>> = Vec::new();
    for identity in &template.identities {
        if identity.table != table.id || !keep(identity) {
            continue;
        }
        let r = &identity.resolved;
        let mut e = Evaluation {
            identity,
            over: "",
            over_label: "",
            lhs: Vec::with_capacity(r.lhs.len()),
            rhs: Vec::with_capacity(r.rhs.len()),
        };
        let term = |(id, label): &'static (String, String), cell: Option<&Cell>| Term {
            id,
            label,
            value: cell.and_then(Cell::number),
            range: cell.map(|c| c.range),
        };
        match identity.direction {
            Direction::Row => {
                for (over, over_label) in &r.over {
                    let Some(row) = table.row(over) else { continue };
                    if unbalanced_only
                        && balanced_or_unknown(
                            (r.lhs.iter().zip(&r.lhs_at)).map(|(t, &at)| row.cell_near(&t.0, at)),
                            (r.rhs.iter().zip(&r.rhs_at)).map(|(t, &at)| row.cell_near(&t.0, at)),
                        )
                    {
                        continue;
                    }
                    e.over = over;
                    e.over_label = over_label;
                    e.lhs.clear();
                    e.lhs.extend(
                        (r.lhs.iter().zip(&r.lhs_at))
                            .map(|(t, &at)| term(t, row.cell_near(&t.0, at))),
                    );
                    e.rhs.clear();
                    e.rhs.extend(
                        (r.rhs.iter().zip(&r.rhs_at))
                            .map(|(t, &at)| term(t, row.cell_near(&t.0, at))),
                    );
                    f(&e);
                }
            }
            Direction::Column => {
                // the rows are looked up once, not once per column: lhs rows, then rhs rows
                rows.clear();
                rows.extend(r.lhs.iter().chain(&r.rhs).map(|(id, _)| table.row(id)));
                let (lhs_rows, rhs_rows) = rows.split_at(r.lhs.len());
                for ((over, over_label), &at) in r.over.iter().zip(&r.over_at) {
                    fn cell<'a>(row: &Option<&'a Row>, over: &str, at: usize) -> Option<&'a Cell> {
                        row.and_then(|row| row.cell_near(over, at))
                    }
                    if unbalanced_only
                        && balanced_or_unknown(
                            lhs_rows.iter().map(|row| cell(row, over, at)),
                            rhs_rows.iter().map(|row| cell(row, over, at)),
                        )
                    {
                        continue;
                    }
                    e.over = over;
                    e.over_label = over_label;
                    e.lhs.clear();
                    e.lhs.extend(
                        r.lhs
                            .iter()
                            .zip(lhs_rows)
                            .map(|(t, row)| term(t, cell(row, over, at))),
                    );
                    e.rhs.clear();
                    e.rhs.extend(
                        r.rhs
                            .iter()
                            .zip(rhs_rows)
                            .map(|(t, row)| term(t, cell(row, over, at))),
                    );
                    if e.lhs.iter().chain(&e.rhs).all(|t| t.range.is_none()) {
                        continue;
                    }
                    f(&e);
                }
            }
        }
    }
}

/// The evaluations a cell takes part in (on either side).
pub fn identities_of_cell(
    template: &'static Template,
    table: &Table,
    row: &Row,
    cell: &Cell,
) -> Vec<Evaluation> {
    evaluate(template, table)
        .into_iter()
        .filter(|e| {
            let (over, id) = match e.identity.direction {
                Direction::Row => (row.id, cell.column),
                Direction::Column => (cell.column, row.id),
            };
            e.over == over && e.lhs.iter().chain(&e.rhs).any(|t| t.id == id)
        })
        .collect()
}

/// The template governing a report: the detected one, else the one of its year, else the newest.
pub fn template_of(report: &Report) -> &'static Template {
    report
        .template_data()
        .or_else(|| report.year.and_then(template::for_year))
        .or_else(|| template::all().last())
        .expect("at least one bundled template")
}

/// Format a value as written in reports: integers without decimals.
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;

    fn cell(column: &'static str, v: f64, at: u32) -> Cell {
        Cell {
            column,
            range: TextRange::new(at.into(), (at + 1).into()),
            raw: format_number(v),
            value: Value::Number {
                value: v,
                integer: true,
                unit: None,
            },
        }
    }

    #[test]
    fn unbalanced_evaluations_are_those_of_every_evaluation_that_do_not_balance() {
        // the seeds and their derived copies (numbers changed): every table of every report
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/corpus");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.extend(
            std::fs::read_dir(format!("{dir}/derived"))
                .unwrap()
                .map(|e| e.unwrap().path()),
        );
        let mut seen = 0;
        for path in files.iter().filter(|p| p.is_file()) {
            let text = crate::decode::decode(&std::fs::read(path).unwrap()).text;
            let report = crate::parse::parse(&text, None);
            let Some(t) = report.template_data() else {
                continue;
            };
            for table in &report.tables {
                let key =
                    |e: &Evaluation| (e.identity.id.clone(), e.over, e.lhs.clone(), e.rhs.clone());
                let mut all = Vec::new();
                evaluate_each(
                    t,
                    table,
                    |_| true,
                    |e| {
                        if let (Some(l), Some(r)) = (e.lhs_sum(), e.rhs_sum()) {
                            if (l - r).abs() >= 1e-6 {
                                all.push(key(e));
                            }
                        }
                    },
                );
                let mut unbalanced = Vec::new();
                evaluate_unbalanced(t, table, |_| true, |e| unbalanced.push(key(e)));
                assert_eq!(unbalanced, all, "{}", path.display());
                seen += all.len();
            }
        }
        assert!(seen > 0, "the corpus has identities that do not balance");
    }

    #[test]
    fn evaluates_row_identity_from_template_data() {
        let t = template::by_id("2021").unwrap();
        let spec = t.table("review_litigation").unwrap();
        let cols: Vec<&str> = spec.columns.iter().map(|c| c.id.as_str()).collect();
        let values = [1.0, 2.0, 0.0, 0.0, 5.0];
        let row = Row {
            run_together: None,
            id: "review",
            label: None,
            cells: cols
                .iter()
                .zip(values)
                .enumerate()
                .map(|(i, (c, v))| cell(c, v, i as u32 * 2))
                .collect(),
            extra_cells: vec![],
            range: TextRange::new(0.into(), 10.into()),
        };
        let table = Table {
            id: "review_litigation".into(),
            rows: vec![row],
            ..Default::default()
        };
        let evals = evaluate(t, &table);
        assert_eq!(evals.len(), 1);
        assert_eq!(evals[0].expected_total(), Some(3.0));
        assert_eq!(evals[0].holds(), Some(false));
        let total = table.rows[0].cell("total").unwrap();
        assert_eq!(
            identities_of_cell(t, &table, &table.rows[0], total).len(),
            1
        );
        let report = Report {
            tables: vec![table.clone()],
            ..Default::default()
        };
        assert!(
            matches!(at(&report, 9.into()), Some(Hit::Cell { cell, .. }) if cell.column == "total")
        );
        assert_eq!(format_number(2.5), "2.5");
        assert_eq!(format_number(68.0), "68");
    }
}
