//! The core's diagnostics as LSP diagnostics.

use crate::snapshot::Snapshot;
use nianbao_core::Severity;
use std::str::FromStr;
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag,
    Location, NumberOrString, Uri,
};

/// Where each rule's documentation lives: `RULE_DOCS_URL` + code.
pub const RULE_DOCS_URL: &str = "https://nianbao.dev/rules/";

/// The documentation link of a rule.
pub fn rule_url(code: &str) -> String {
    format!("{RULE_DOCS_URL}{code}")
}

/// What the client said it can show.
#[derive(Debug, Clone, Copy)]
pub struct DiagnosticCaps {
    pub related_information: bool,
    pub code_description: bool,
    pub tags: bool,
}

impl Default for DiagnosticCaps {
    fn default() -> Self {
        DiagnosticCaps {
            related_information: true,
            code_description: true,
            tags: true,
        }
    }
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// Rules whose diagnostics mark text that is superfluous.
fn tags(code: &str) -> Option<Vec<DiagnosticTag>> {
    match code {
        "NB103" | "NB209" => Some(vec![DiagnosticTag::UNNECESSARY]),
        _ => None,
    }
}

/// Every diagnostic of the snapshot (none when the document is not a report).
pub fn to_lsp(s: &Snapshot, caps: DiagnosticCaps) -> Vec<Diagnostic> {
    if !s.is_report {
        return Vec::new();
    }
    s.analysis
        .diagnostics
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let related: Vec<DiagnosticRelatedInformation> = d
                .related
                .iter()
                .map(|r| DiagnosticRelatedInformation {
                    location: Location {
                        uri: s.uri.clone(),
                        range: s.range(r.range),
                    },
                    message: r.message.clone(),
                })
                .collect();
            Diagnostic {
                range: s.range(d.range),
                severity: Some(severity(d.severity)),
                code: Some(NumberOrString::String(d.code.to_string())),
                code_description: if caps.code_description {
                    Uri::from_str(&rule_url(d.code))
                        .ok()
                        .map(|href| CodeDescription { href })
                } else {
                    None
                },
                source: Some("nianbao".into()),
                message: d.message.clone(),
                related_information: (caps.related_information && !related.is_empty())
                    .then_some(related),
                tags: if caps.tags { tags(d.code) } else { None },
                data: Some(serde_json::json!({ "version": s.version, "index": i, "name": d.name })),
            }
        })
        .collect()
}
