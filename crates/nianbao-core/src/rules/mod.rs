//! The rule catalogue (RULES.md). One rule, one file: its metadata, its documentation
//! (What it checks / Why / Example / Fix), its check and its fix.

use crate::diagnostic::{Diagnostic, Fix, Related, Severity};
use crate::model::Report;
use crate::template::Template;
use crate::Context;
use text_size::TextRange;

/// What every rule declares about itself.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// One line.
    pub summary: &'static str,
    /// Markdown: `## What it checks`, `## Why`, `## Example`, `## Fix`; and `## Severity` when some
    /// of its diagnostics have another severity than `severity` (when, and why).
    pub doc: &'static str,
}

impl RuleMeta {
    /// The `## Severity` section of the documentation: when and why some diagnostics of this rule have
    /// another severity than the default. `None` when every diagnostic has the default.
    pub fn severity_note(&self) -> Option<&'static str> {
        let start = self.doc.find("## Severity\n")? + "## Severity\n".len();
        let rest = &self.doc[start..];
        Some(rest[..rest.find("\n## ").unwrap_or(rest.len())].trim())
    }

    /// Every severity its diagnostics can have: the default first, then those the `## Severity`
    /// section names in bold (「**warning** for …」).
    pub fn severities(&self) -> Vec<Severity> {
        let mut out = vec![self.severity];
        let note = self.severity_note().unwrap_or("");
        for s in [
            Severity::Error,
            Severity::Warning,
            Severity::Info,
            Severity::Hint,
        ] {
            let bold = ["**", s.as_str(), "**"].concat();
            if note.contains(&bold) && !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    /// The severities as shown by `nianbao rule` and docs/rules.md: 「error」, or 「error / warning」
    /// when some diagnostics have another (the default first).
    pub fn severity_text(&self) -> String {
        self.severities()
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" / ")
    }
}

/// Shared inputs of the checks.
pub struct Ctx<'a> {
    pub report: &'a Report,
    pub text: &'a str,
    pub context: &'a Context<'a>,
    pub template: Option<&'static Template>,
}

impl Ctx<'_> {
    pub fn diag(
        &self,
        meta: &RuleMeta,
        range: TextRange,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            code: meta.code,
            name: meta.name,
            severity: meta.severity,
            message: message.into(),
            range,
            fix: None,
            related: Vec::new(),
        }
    }

    /// The text of a range.
    pub fn slice(&self, range: TextRange) -> &str {
        &self.text[range]
    }
}

impl Diagnostic {
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn with_related(mut self, related: Vec<Related>) -> Self {
        self.related = related;
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}

pub mod cross_year;
pub mod identity;
pub mod prose;

/// The seeds of `tests/corpus` (for the rules' tests: silent where the seeds are clean).
#[cfg(test)]
pub(crate) fn seeds() -> [&'static str; 5] {
    [
        include_str!("../../../../tests/corpus/000_0e036e56d339c4bd.txt"),
        include_str!("../../../../tests/corpus/001_7e69af88cfc75a8c.txt"),
        include_str!("../../../../tests/corpus/002_265800ffb6025e20.txt"),
        include_str!("../../../../tests/corpus/003_1b7c73a738c3b718.txt"),
        include_str!("../../../../tests/corpus/004_c713da55fa8f498a.txt"),
    ]
}

/// The messages of one rule on a text (for the rules' tests).
#[cfg(test)]
pub(crate) fn messages(text: &str, code: &str) -> Vec<String> {
    crate::analyze(text, &crate::Config::default())
        .diagnostics
        .into_iter()
        .filter(|d| d.code == code)
        .map(|d| d.message)
        .collect()
}

macro_rules! catalogue {
    ($($module:ident),* $(,)?) => {
        $(pub mod $module;)*
        /// Every rule, in code order.
        pub static ALL: &[&RuleMeta] = &[$(&$module::META),*];
        fn run_all(cx: &Ctx, out: &mut Vec<Diagnostic>, cross_year: bool) {
            $(if cross_year || !cross_year::is_cross_year($module::META.code) {
                $module::check(cx, out);
            })*
        }
    };
}

catalogue!(
    nb101_missing_section,
    nb102_section_order,
    nb103_duplicate_section,
    nb104_nonstandard_heading,
    nb105_missing_title,
    nb106_unsupported_template,
    nb107_template_year_mismatch,
    nb108_mixed_template,
    nb109_unextractable_text,
    nb201_missing_table,
    nb202_missing_row,
    nb203_nonstandard_label,
    nb204_cell_count,
    nb205_not_a_number,
    nb206_empty_cell,
    nb207_invalid_number,
    nb208_run_together_cells,
    nb209_unknown_row,
    nb210_table_as_image,
    nb301_row_total,
    nb302_results_total,
    nb303_balance,
    nb304_review_litigation_total,
    nb401_narrative_mismatch,
    nb402_percentage_mismatch,
    nb403_carry_over_mismatch,
    nb404_in_force_mismatch,
    nb405_narrative_sum,
    nb406_text_reuse,
    nb407_review_breakdown,
    nb408_active_counts,
    nb501_missing_fee_statement,
    nb502_empty_section,
    nb503_year_mismatch,
    nb504_signature_date,
    nb505_overview_coverage,
    nb506_placeholder,
    nb507_not_the_report,
    nb508_variant_ideograph,
);

pub fn all() -> &'static [&'static RuleMeta] {
    ALL
}

/// Find a rule by its exact code (`NB301`); the rules are listed in code order (a test checks it).
pub fn by_code(code: &str) -> Option<&'static RuleMeta> {
    // a diagnostic's code is its rule's `code` string itself: found by address without comparing text
    if let Some(m) = ALL
        .iter()
        .find(|m| m.code.as_ptr() == code.as_ptr() && m.code.len() == code.len())
    {
        return Some(m);
    }
    ALL.binary_search_by(|m| m.code.cmp(code))
        .ok()
        .map(|i| ALL[i])
}

/// Find a rule by code (`NB301`, case-insensitive) or name (`row-total`).
pub fn lookup(name: &str) -> Option<&'static RuleMeta> {
    ALL.iter()
        .copied()
        .find(|m| m.code.eq_ignore_ascii_case(name) || m.name == name)
}

/// Run every rule on a parsed report.
pub fn run(report: &Report, text: &str, context: &Context<'_>) -> Vec<Diagnostic> {
    run_some(report, text, context, true)
}

/// Run every rule but the cross-year ones ([`cross_year::run`] runs those).
pub fn run_local(report: &Report, text: &str) -> Vec<Diagnostic> {
    run_some(report, text, &Context::default(), false)
}

fn run_some(
    report: &Report,
    text: &str,
    context: &Context<'_>,
    cross_year: bool,
) -> Vec<Diagnostic> {
    let cx = Ctx {
        report,
        text,
        context,
        template: report.template_data(),
    };
    let mut out = Vec::new();
    if nb109_unextractable_text::whole_document(&cx) {
        // A PDF whose glyphs stand for no known characters: no text to check, said once.
        nb109_unextractable_text::check(&cx, &mut out);
        return out;
    }
    if nb210_table_as_image::whole_document(&cx) {
        // A scan: no text to check, said once.
        nb210_table_as_image::check_whole_document(&cx, &mut out);
        return out;
    }
    if nb106_unsupported_template::applies(&cx) {
        // Not a report in a supported template: say so once, no cascade of other errors.
        nb106_unsupported_template::check(&cx, &mut out);
        return out;
    }
    run_all(&cx, &mut out, cross_year);
    // a table that is an image: NB210 says so, nothing else about that table
    let pictured: Vec<TextRange> = nb210_table_as_image::tables_as_images(&cx)
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    if !pictured.is_empty() {
        out.retain(|d| {
            !((d.code.starts_with("NB2") || d.code.starts_with("NB3"))
                && d.code != "NB210"
                && pictured.iter().any(|r| r.contains_range(d.range)))
        });
    }
    one_cause_one_diagnostic(&cx, &mut out);
    out
}

/// RULES.md "One cause, one diagnostic": a table that was not read with confidence gets NB201 saying
/// what was found, and nothing else about its rows, cells or arithmetic (they would describe the
/// reading, not the report).
fn one_cause_one_diagnostic(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    // (the section's span, and its heading: where an identity broken whatever the placement of
    // values read without their cells is said in place of NB201, identity.rs)
    let unsure: Vec<(TextRange, TextRange)> = cx
        .report
        .tables
        .iter()
        .filter(|t| t.confidence != crate::model::Confidence::High)
        .filter_map(|t| {
            let section = cx.template?.table(&t.id)?.section.as_str();
            cx.report
                .section(section)
                .map(|s| (s.line_range.cover(s.body), s.heading_range))
        })
        .collect();
    if unsure.is_empty() {
        return;
    }
    out.retain(|d| {
        // (NB108 too: a table's own rows are evidence of a mixed template only when read right)
        let about_a_table = matches!(d.code, "NB108" | "NB202" | "NB203" | "NB204" | "NB205")
            || d.code == "NB206"
            || matches!(d.code, "NB207" | "NB208" | "NB209")
            || d.code.starts_with("NB3");
        !(about_a_table
            && unsure.iter().any(|(r, heading)| {
                r.contains_range(d.range) && !(d.code.starts_with("NB3") && d.range == *heading)
            }))
    });
}

/// A fix made of one edit.
pub fn fix(
    message: impl Into<String>,
    range: TextRange,
    new_text: impl Into<String>,
    safe: bool,
) -> Fix {
    Fix {
        message: message.into(),
        edits: vec![crate::diagnostic::Edit {
            range,
            new_text: new_text.into(),
        }],
        safety: if safe {
            crate::diagnostic::Safety::Safe
        } else {
            crate::diagnostic::Safety::Unsafe
        },
        alternatives: Vec::new(),
    }
}

impl<'a> Ctx<'a> {
    /// Every row found in the report's tables, with its table and its template item.
    pub fn rows(
        &self,
    ) -> impl Iterator<
        Item = (
            &'static crate::template::Table,
            &'a crate::model::Row,
            &'static crate::template::Item,
        ),
    > + '_ {
        let tpl = self.template;
        tpl.into_iter().flat_map(move |tpl| {
            tpl.tables
                .iter()
                .filter_map(move |t| self.report.table(&t.id).map(|table| (t, table)))
                .flat_map(|(t, table)| {
                    table
                        .rows
                        .iter()
                        .filter_map(move |row| t.row(row.id).map(|item| (t, row, item)))
                })
        })
    }

    /// A table found in the report with its template description.
    pub fn table(
        &self,
        id: &str,
    ) -> Option<(&'a crate::model::Table, &'static crate::template::Table)> {
        let t = self.template?.table(id)?;
        Some((self.report.table(id)?, t))
    }

    /// Start of the line holding `offset`.
    pub fn line_start(&self, offset: text_size::TextSize) -> usize {
        let o = usize::from(offset).min(self.text.len());
        self.text[..o].rfind('\n').map_or(0, |i| i + 1)
    }

    /// The whitespace that starts the line holding `offset`.
    pub fn indent_at(&self, offset: text_size::TextSize) -> &str {
        let s = self.line_start(offset);
        let line = &self.text[s..];
        let end = line
            .find(|c: char| !crate::norm::is_space(c) || c == '\n')
            .unwrap_or(line.len());
        &line[..end]
    }
}

/// Human name of a row (its label) or column (its header).
pub fn row_label<'t>(table: &'t crate::template::Table, id: &'t str) -> &'t str {
    table.row(id).map_or(id, |r| r.label.as_str())
}

pub fn column_header<'t>(table: &'t crate::template::Table, id: &'t str) -> &'t str {
    table.column(id).map_or(id, |c| c.header.as_str())
}

/// Format a number as reports write it.
pub use crate::query::format_number as num;

/// Append [`num`]`(v)` to `out` (integers without the temporary `String`).
pub(crate) fn push_num(out: &mut String, v: f64) {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let n = v as i64;
        if n < 0 {
            out.push('-');
        }
        push_uint(out, n.unsigned_abs());
    } else {
        out.push_str(&num(v));
    }
}

/// Append the decimal digits of `n` to `out`.
pub(crate) fn push_uint(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(buf[i..].iter().map(|&b| char::from(b)));
}

/// This template's entry in a table built once per template (indexed like [`crate::template::all`]).
pub(crate) fn per_template<T>(tpl: &'static Template, table: &'static [T]) -> Option<&'static T> {
    crate::template::all()
        .iter()
        .position(|t| std::ptr::eq(t, tpl))
        .and_then(|i| table.get(i))
}

#[cfg(test)]
mod helper_tests {
    #[test]
    fn rules_are_listed_in_code_order_for_by_code() {
        assert!(super::ALL.windows(2).all(|w| w[0].code < w[1].code));
        for m in super::ALL {
            assert!(std::ptr::eq(super::by_code(m.code).unwrap(), *m));
        }
        assert!(super::by_code("NB999").is_none() && super::by_code("nb301").is_none());
    }

    #[test]
    fn push_num_is_num() {
        let values = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            9.0,
            10.0,
            42.0,
            -42.0,
            1234567.0,
            0.5,
            -0.25,
            1.23456,
            2.0 / 3.0,
            1e15,
            -1e15,
            999_999_999_999_999.0,
            -999_999_999_999_999.0,
            1e20,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.00001,
            12.30,
        ];
        for v in values {
            let mut s = String::from("x");
            super::push_num(&mut s, v);
            assert_eq!(s, format!("x{}", super::num(v)), "{v}");
        }
        for n in [0u64, 7, 10, 99, 100, u64::MAX] {
            let mut s = String::new();
            super::push_uint(&mut s, n);
            assert_eq!(s, n.to_string());
        }
    }
}
