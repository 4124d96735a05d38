//! `nianbao-core`: IO-free analysis of 政府信息公开工作年度报告.
//!
//! `analyze(text, &config) -> Analysis`: the document model (every heading, label and cell with its
//! byte range), the diagnostics of every rule, and the fixes. No IO, no async, no global mutable state.
//! The CLI and the language server are adapters around this crate.
//!
//! **Architecture invariant:** no label, heading or identity is written in code; they all come from
//! [`template`] (the TOML files under `templates/`).

pub mod blank;
pub mod config;
pub mod dates;
pub mod decode;
pub mod diagnostic;
pub mod docx;
pub mod export;
pub mod format;
pub mod html;
pub mod lines;
pub mod model;
pub mod norm;
pub mod parse;
pub mod pdf;
pub mod query;
pub mod review;
pub mod rules;
pub mod source;
pub mod suppress;
pub mod template;
pub mod word;

pub use config::{Config, ConfigError, RuleLevel};
pub use diagnostic::{Diagnostic, Edit, Fix, Related, Safety, Severity};
pub use lines::LineIndex;
pub use model::Report;
pub use parse::Reader;
pub use source::{Kind, Source, SourceError};
pub use text_size::{TextRange, TextSize};

/// The result of analysing one document.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub report: Report,
    /// Sorted by position; suppressed and disabled rules already removed; severities per config.
    pub diagnostics: Vec<Diagnostic>,
}

/// What other documents tell about this one (cross-year rules NB403, NB404, NB406).
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The same organ's report of the previous year, if known.
    pub previous_year: Option<&'a Report>,
}

/// Build the tables every analysis reads (the templates and what the parser and rules derive from
/// them, a few milliseconds once per process) now, e.g. on another thread while the caller is still
/// collecting its inputs; any analysis would build them on first use anyway.
pub fn warm_up() {
    for t in template::all() {
        if let Ok(text) = blank::blank_report(
            t.first_year,
            "某某县人民政府",
            format::table::Family::Markdown,
        ) {
            let _ = analyze(&text, &Config::default());
        }
    }
}

/// Analyse one report.
pub fn analyze(text: &str, config: &Config) -> Analysis {
    analyze_with(text, config, &Context::default())
}

/// Analyse one report, with cross-document context. HTML (a page, or tables pasted into a document) is
/// read through [`html::extract`]; every range of the result points into `text` all the same.
pub fn analyze_with(text: &str, config: &Config, context: &Context) -> Analysis {
    analyze_source(&Source::from_text(text), config, context)
}

/// Analyse one input of any kind ([`Source`]): every range of the result points into `source.text`;
/// fixes only where they can be made there.
pub fn analyze_source(source: &Source, config: &Config, context: &Context) -> Analysis {
    Reader::without_memo().analyze_source(source, config, context)
}

/// The crate's entry points read with a memo-less [`Reader`]; a caller that reads many reports (a batch,
/// a language server, the web app) owns one reader and calls these instead: the same results, the short
/// texts that recur from report to report read once.
impl Reader {
    /// [`analyze_source`] with this reader's memos.
    pub fn analyze_source(&self, source: &Source, config: &Config, context: &Context) -> Analysis {
        let text = source.analysed();
        let report = parsed(self, text, config.template.as_deref());
        let mut diagnostics = diagnose(&report, text, config, context);
        let mut report = report;
        to_origin(source, Some(&mut report), &mut diagnostics);
        Analysis {
            report,
            diagnostics,
        }
    }

    /// [`check_source`] with this reader's memos.
    pub fn check_source(&self, source: &Source, config: &Config) -> Checked {
        self.check_source_keeping(source, config, |_, _| ()).0
    }

    /// [`check_source_keeping`] with this reader's memos.
    pub fn check_source_keeping<R>(
        &self,
        source: &Source,
        config: &Config,
        keep: impl FnOnce(&Report, &dyn Fn(TextRange) -> TextRange) -> R,
    ) -> (Checked, R) {
        let report = parsed(self, source.analysed(), config.template.as_deref());
        let text = as_read(&report, source.analysed());
        let mut diagnostics = rules::run_local(&report, &text);
        finish(&text, config, &mut diagnostics);
        to_origin(source, None, &mut diagnostics);
        diagnostics.shrink_to_fit(); // kept until the end of the batch
        let kept = match &source.origin {
            source::Origin::Html(extracted) => keep(&report, &|r| extracted.map.to_source(r)),
            _ => keep(&report, &|r| r),
        };
        (
            Checked {
                diagnostics,
                facts: rules::cross_year::Facts::of(&report),
            },
            kept,
        )
    }

    /// [`parse_source`] with this reader's memos.
    pub fn parse_source(&self, source: &Source, template: Option<&str>) -> Report {
        let mut report = parsed(self, source.analysed(), template);
        to_origin(source, Some(&mut report), &mut []);
        report
    }
}

/// [`Reader::parse`], with the fingerprint of the prose ([`Report::prose_hashes`]).
fn parsed(reader: &Reader, text: &str, template: Option<&str>) -> Report {
    let mut report = reader.parse(text, template);
    report.prose_hashes = rules::prose::fingerprint(&report, &as_read(&report, text));
    report
}

/// The text as the parser read it, which the rules read: `text` with the radicals a PDF's font gave
/// for ideographs written as the ideographs ([`Report::variant_ideographs`]) and a converter's
/// attribute spans as their text ([`norm::blank_attribute_spans`]); every offset the same.
fn as_read<'t>(report: &Report, text: &'t str) -> std::borrow::Cow<'t, str> {
    let read = if report.variant_ideographs.is_empty() {
        std::borrow::Cow::Borrowed(text)
    } else {
        norm::standard_ideographs(text).0
    };
    match norm::blank_attribute_spans(&read) {
        Some((blanked, _)) => std::borrow::Cow::Owned(blanked),
        None => read,
    }
}

/// Results on the analysed text taken back to the source's text: ranges mapped, fixes kept only where
/// they can be made there, sorted again.
fn to_origin(source: &Source, report: Option<&mut Report>, diagnostics: &mut [Diagnostic]) {
    match &source.origin {
        source::Origin::Text => {}
        source::Origin::Html(extracted) => {
            if let Some(r) = report {
                r.map_ranges(&|r| extracted.map.to_source(r));
                r.layout = model::Layout::Html;
            }
            to_source(diagnostics, extracted);
        }
        source::Origin::Docx | source::Origin::Pdf(_) => {
            diagnostics.iter_mut().for_each(|d| d.fix = None);
        }
    }
}

/// Diagnostics of extracted text taken back to the source: ranges mapped, fixes kept only where they
/// can be made in the source, sorted again.
fn to_source(diagnostics: &mut [Diagnostic], extracted: &html::Extracted) {
    let map = &extracted.map;
    for d in diagnostics.iter_mut() {
        d.range = map.to_source(d.range);
        for r in &mut d.related {
            r.range = map.to_source(r.range);
        }
        d.fix = d
            .fix
            .take()
            .and_then(|f| f.map_ranges(&|r| map.edit_to_source(r)));
    }
    diagnostics.sort_by_key(|d| (d.range.start(), d.range.end(), d.code));
}

/// One report of a batch, checked without keeping the report: the diagnostics of every rule but the
/// cross-year ones, and what those read ([`rules::cross_year::Facts`]). Once every report of the batch
/// is checked, [`Checked::add_previous_year`] adds the cross-year diagnostics. The result is that of
/// [`analyze_with`] with last year's report as context.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// Sorted by position; suppressed and disabled rules already removed; severities per config;
    /// ranges in the source text.
    pub diagnostics: Vec<Diagnostic>,
    /// Organ, year, template and the rows the cross-year rules read (ranges in the analysed text).
    pub facts: rules::cross_year::Facts,
}

/// Check one report of a batch: see [`Checked`].
pub fn check_batched(text: &str, config: &Config) -> Checked {
    check_source(&Source::from_text(text), config)
}

/// Check one input of a batch, of any kind: see [`Checked`].
pub fn check_source(source: &Source, config: &Config) -> Checked {
    check_source_keeping(source, config, |_, _| ()).0
}

/// [`check_batched`], keeping besides what `keep` takes of the whole report: see
/// [`check_source_keeping`].
pub fn check_batched_keeping<R>(
    text: &str,
    config: &Config,
    keep: impl FnOnce(&Report, &dyn Fn(TextRange) -> TextRange) -> R,
) -> (Checked, R) {
    check_source_keeping(&Source::from_text(text), config, keep)
}

/// [`check_source`], keeping besides what `keep` takes of the whole report; `keep` is given the report
/// (ranges in the analysed text) and the function that takes a range of it to the source's text.
pub fn check_source_keeping<R>(
    source: &Source,
    config: &Config,
    keep: impl FnOnce(&Report, &dyn Fn(TextRange) -> TextRange) -> R,
) -> (Checked, R) {
    Reader::without_memo().check_source_keeping(source, config, keep)
}

impl Checked {
    /// Does the configuration run any cross-year rule?
    pub fn wants_previous_year(config: &Config) -> bool {
        rules::cross_year::CODES
            .iter()
            .any(|c| config.level(c).is_some())
    }

    /// The cross-year diagnostics of this report (checked from `text` with `config`), given last year's
    /// report of the same organ; to be given to [`Checked::add`].
    pub fn previous_year(
        &self,
        text: &str,
        config: &Config,
        previous: &Checked,
    ) -> Vec<Diagnostic> {
        self.previous_year_source(&Source::from_text(text), config, previous)
    }

    /// [`Checked::previous_year`] for an input of any kind.
    pub fn previous_year_source(
        &self,
        source: &Source,
        config: &Config,
        previous: &Checked,
    ) -> Vec<Diagnostic> {
        let text = source.analysed();
        let mut d = rules::cross_year::run(&self.facts, text, previous.facts.report());
        finish(text, config, &mut d);
        to_origin(source, None, &mut d);
        d
    }

    /// Add diagnostics (from [`Checked::previous_year`]), keeping the order by position.
    pub fn add(&mut self, diagnostics: Vec<Diagnostic>) {
        if diagnostics.is_empty() {
            return;
        }
        self.diagnostics.extend(diagnostics);
        self.diagnostics
            .sort_by_key(|d| (d.range.start(), d.range.end(), d.code));
    }
}

/// Parse a report, reading HTML through [`html::extract`] (ranges point into `text`).
pub fn parse_any(text: &str, template: Option<&str>) -> Report {
    parse_source(&Source::from_text(text), template)
}

/// Parse an input of any kind (ranges point into `source.text`).
pub fn parse_source(source: &Source, template: Option<&str>) -> Report {
    Reader::without_memo().parse_source(source, template)
}

/// Run the rules on a report already parsed from `text` (with the same template override as `config`).
pub fn check_report(report: Report, text: &str, config: &Config, context: &Context) -> Analysis {
    let diagnostics = diagnose(&report, text, config, context);
    Analysis {
        report,
        diagnostics,
    }
}

/// The diagnostics of a report already parsed from `text` (with the same template override as
/// `config`): every rule, suppression comments and configuration applied, sorted by position.
pub fn diagnose(
    report: &Report,
    text: &str,
    config: &Config,
    context: &Context,
) -> Vec<Diagnostic> {
    let text = as_read(report, text);
    let mut diagnostics = rules::run(report, &text, context);
    // no fix edits where the parser moved a number's pieces together (offsets differ there)
    if !report.rewritten_markup.is_empty() {
        let moved = |r: TextRange| {
            report
                .rewritten_markup
                .iter()
                .any(|m| m.intersect(r).is_some())
        };
        for d in &mut diagnostics {
            if d.fix
                .as_ref()
                .is_some_and(|f| f.choices().any(|c| c.edits.iter().any(|e| moved(e.range))))
            {
                d.fix = None;
            }
        }
    }
    finish(&text, config, &mut diagnostics);
    diagnostics
}

/// Suppression comments and configuration applied, sorted by position.
fn finish(text: &str, config: &Config, diagnostics: &mut Vec<Diagnostic>) {
    suppress::apply(text, diagnostics);
    config.apply(diagnostics);
    diagnostics.sort_by_key(|d| (d.range.start(), d.range.end(), d.code));
}

/// Tests: the codes of the table diagnostics (NB2xx, NB3xx) given inside section `id` (its heading
/// and body), in order — what "one cause, one diagnostic" tests look at.
#[cfg(test)]
pub(crate) fn table_codes_in(a: &Analysis, id: &str) -> Vec<&'static str> {
    let section = a.report.section(id).unwrap();
    let area = section.line_range.cover(section.body);
    a.diagnostics
        .iter()
        .filter(|d| area.contains_range(d.range))
        .filter(|d| d.code.starts_with("NB2") || d.code.starts_with("NB3"))
        .map(|d| d.code)
        .collect()
}
