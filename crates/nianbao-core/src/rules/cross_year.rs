//! The cross-year rules (NB403, NB404, NB406) compare a report with the same organ's report of the previous
//! year. A batch (`nianbao check` of a directory) keeps of each report only what these rules read — its
//! [`Facts`] — instead of every whole report until the end of the run.

use super::{
    nb106_unsupported_template, nb403_carry_over_mismatch, nb404_in_force_mismatch,
    nb406_text_reuse, Ctx,
};
use crate::diagnostic::Diagnostic;
use crate::model::{Cell, Report, Row, Table, Value};
use crate::Context;

/// The rules that read the previous year's report.
pub const CODES: [&str; 3] = [
    nb403_carry_over_mismatch::META.code,
    nb404_in_force_mismatch::META.code,
    nb406_text_reuse::META.code,
];

/// Is `code` one of the cross-year rules?
pub fn is_cross_year(code: &str) -> bool {
    CODES.contains(&code)
}

/// The tables and rows NB403 and NB404 read, of this year's report and of last year's.
const READ: &[(&str, &[&str])] = &[
    ("applications", &["carried_in", "carried_over"]),
    ("active", &["normative_docs"]),
];

/// What the cross-year rules read of one report: organ, year, template, title, sections, the rows of I7
/// and I8 and the fingerprint of the prose (NB406), as a small [`Report`] (everything else left out) so
/// the rules read it as they read a whole report.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    report: Report,
    /// The rules run on this report at all (not NB106's unsupported template).
    checked: bool,
}

impl Facts {
    pub fn of(report: &Report) -> Facts {
        let tables = READ
            .iter()
            .filter_map(|(id, rows)| {
                let t = report.table(id)?;
                Some(Table {
                    id: t.id.clone(),
                    range: t.range,
                    confidence: t.confidence,
                    notes: Vec::new(),
                    rows: rows.iter().filter_map(|r| t.row(r).map(lean)).collect(),
                    markers: Vec::new(),
                    unknown: Vec::new(),
                    unsure_rows: Vec::new(),
                    markdown_rows: Vec::new(),
                    unplaced: Vec::new(),
                })
            })
            .collect();
        let cx = Ctx {
            report,
            text: "",
            context: &Context::default(),
            template: None,
        };
        Facts {
            report: Report {
                layout: report.layout,
                template: report.template.clone(),
                year: report.year,
                organ: report.organ.clone(),
                title: report.title.clone(),
                sections: report.sections.clone(),
                prose_hashes: report.prose_hashes.clone(),
                tables,
                ..Report::default()
            },
            checked: !nb106_unsupported_template::applies(&cx),
        }
    }

    /// The part of the report kept: organ, year, template and the rows the cross-year rules read.
    pub fn report(&self) -> &Report {
        &self.report
    }
}

/// A row with what the cross-year rules read of it: its id and its cells' columns, values and ranges.
fn lean(row: &Row) -> Row {
    Row {
        id: row.id,
        label: None,
        cells: row
            .cells
            .iter()
            .map(|c| Cell {
                column: c.column,
                range: c.range,
                raw: String::new(),
                value: match c.value {
                    Value::Number { value, integer, .. } => Value::Number {
                        value,
                        integer,
                        unit: None,
                    },
                    _ => Value::Blank,
                },
            })
            .collect(),
        extra_cells: Vec::new(),
        range: row.range,
        run_together: None,
    }
}

/// The cross-year rules on a report (its [`Facts`]) parsed from `text`, given last year's report.
pub fn run(this: &Facts, text: &str, previous: &Report) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if !this.checked {
        return out;
    }
    let context = Context {
        previous_year: Some(previous),
    };
    let cx = Ctx {
        report: &this.report,
        text,
        context: &context,
        template: this.report.template_data(),
    };
    nb403_carry_over_mismatch::check(&cx, &mut out);
    nb404_in_force_mismatch::check(&cx, &mut out);
    nb406_text_reuse::check(&cx, &mut out);
    out.sort_by_key(|d| (d.range.start(), d.range.end(), d.code));
    out
}

#[cfg(test)]
mod tests {
    use crate::{analyze_with, check_batched, parse_any, Checked, Config, Context};

    /// Checking in a batch (facts kept, cross-year rules added afterwards) gives exactly the
    /// diagnostics of analysing with last year's whole report, for text and HTML alike.
    #[test]
    fn batched_is_analyze_with_last_year() {
        let sources = [
            include_str!("../../../../tests/corpus/003_1b7c73a738c3b718.txt"),
            include_str!("../../../../tests/corpus/derived/003_1b7c73a738c3b718.html"),
        ];
        let config = Config::default();
        for this in sources {
            // last year's report with the carried-over and in-force numbers changed
            let mut last = this.replace("2021", "2020");
            for (from, to) in [
                ("\t0", "\t5"),
                (">0<", ">5<"),
                ("\t1", "\t7"),
                (">1<", ">7<"),
            ] {
                last = last.replacen(from, to, 40);
            }
            let previous = parse_any(&last, None);
            let whole = analyze_with(
                this,
                &config,
                &Context {
                    previous_year: Some(&previous),
                },
            );
            assert!(whole.diagnostics.iter().any(|d| d.code == "NB403"));
            // last year's text repeated: NB406 is compared too
            assert!(whole.diagnostics.iter().any(|d| d.code == "NB406"));
            let before = check_batched(&last, &config);
            let mut now = check_batched(this, &config);
            assert!(!now.diagnostics.iter().any(|d| d.code == "NB403"));
            assert!(Checked::wants_previous_year(&config));
            let d = now.previous_year(this, &config, &before);
            now.add(d);
            assert_eq!(now.diagnostics, whole.diagnostics);
        }
    }
}
