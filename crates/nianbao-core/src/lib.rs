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
pub mod decode;
pub mod diagnostic;
pub mod export;
pub mod format;
pub mod lines;
pub mod model;
pub mod norm;
pub mod parse;
pub mod query;
pub mod rules;
pub mod suppress;
pub mod template;

pub use config::{Config, ConfigError, RuleLevel};
pub use diagnostic::{Diagnostic, Edit, Fix, Related, Severity};
pub use lines::LineIndex;
pub use model::Report;
pub use text_size::{TextRange, TextSize};

/// The result of analysing one document.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub report: Report,
    /// Sorted by position; suppressed and disabled rules already removed; severities per config.
    pub diagnostics: Vec<Diagnostic>,
}

/// What other documents tell about this one (cross-year rules NB403/NB404).
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The same organ's report of the previous year, if known.
    pub previous_year: Option<Report>,
}

/// Analyse one report.
pub fn analyze(text: &str, config: &Config) -> Analysis {
    analyze_with(text, config, &Context::default())
}

/// Analyse one report, with cross-document context.
pub fn analyze_with(text: &str, config: &Config, context: &Context) -> Analysis {
    let report = parse::parse(text, config.template.as_deref());
    check_report(report, text, config, context)
}

/// Run the rules on a report already parsed from `text` (with the same template override as `config`).
pub fn check_report(report: Report, text: &str, config: &Config, context: &Context) -> Analysis {
    let mut diagnostics = rules::run(&report, text, context);
    suppress::apply(text, &mut diagnostics);
    config.apply(&mut diagnostics);
    diagnostics.sort_by_key(|d| (d.range.start(), d.range.end(), d.code));
    Analysis {
        report,
        diagnostics,
    }
}
