//! Output formats of `check`: human (with the source line underlined, CJK-width aware), JSON, SARIF, GitHub.

use nianbao_core::lines::{LineIndex, Unit};
use nianbao_core::{rules, Diagnostic, Severity};
use serde_json::{json, Value};
use unicode_width::UnicodeWidthStr;

/// 1-based (line, column) of both ends of a diagnostic, columns in characters.
pub struct Span {
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
}

pub fn span(li: &LineIndex, text: &str, d: &Diagnostic) -> Span {
    let (l, c) = li.position(text, d.range.start(), Unit::Char);
    let (el, ec) = li.position(text, d.range.end(), Unit::Char);
    Span {
        line: l + 1,
        col: c + 1,
        end_line: el + 1,
        end_col: ec + 1,
    }
}

fn pos(li: &LineIndex, text: &str, at: nianbao_core::TextSize) -> Value {
    let (l, c) = li.position(text, at, Unit::Char);
    json!({"line": l + 1, "column": c + 1})
}

/// The JSON object of one diagnostic (INTERFACES.md).
pub fn diagnostic_json(li: &LineIndex, text: &str, d: &Diagnostic) -> Value {
    let range = |r: nianbao_core::TextRange| json!({"start": pos(li, text, r.start()), "end": pos(li, text, r.end())});
    let fix = d.fix.as_ref().map(|f| {
        json!({
            "message": f.message,
            "safe": f.safe,
            "edits": f.edits.iter().map(|e| json!({"range": range(e.range), "new_text": e.new_text})).collect::<Vec<_>>(),
        })
    });
    json!({
        "code": d.code,
        "name": d.name,
        "severity": d.severity.as_str(),
        "message": d.message,
        "range": range(d.range),
        "fix": fix,
        "related": d.related.iter().map(|r| json!({"range": range(r.range), "message": r.message})).collect::<Vec<_>>(),
    })
}

fn colour(sev: Severity, s: &str, on: bool) -> String {
    if !on {
        return s.to_string();
    }
    let code = match sev {
        Severity::Error => "31",
        Severity::Warning => "33",
        Severity::Info => "36",
        Severity::Hint => "37",
    };
    format!("\x1b[1;{code}m{s}\x1b[0m")
}

/// `path:line:col: severity[CODE] message`, then the source line with the range underlined.
pub fn human(path: &str, li: &LineIndex, text: &str, d: &Diagnostic, colours: bool) -> String {
    let s = span(li, text, d);
    let mut out = format!(
        "{path}:{}:{}: {}[{}] {}\n",
        s.line,
        s.col,
        colour(d.severity, d.severity.as_str(), colours),
        d.code,
        d.message
    );
    let line_start = usize::from(li.line_start(s.line as usize - 1));
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |e| line_start + e);
    let line = text[line_start..line_end].trim_end_matches('\r');
    let start = usize::from(d.range.start()).clamp(line_start, line_start + line.len());
    let end = usize::from(d.range.end()).clamp(start, line_start + line.len());
    let shown: String = line
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    let before = text[line_start..start].replace('\t', " ");
    let under = text[start..end].replace('\t', " ");
    let gutter = s.line.to_string().len();
    out.push_str(&format!("{:gutter$} |\n", ""));
    out.push_str(&format!("{} | {}\n", s.line, shown));
    let width = UnicodeWidthStr::width(under.as_str()).max(1);
    out.push_str(&format!(
        "{:gutter$} | {}{}\n",
        "",
        " ".repeat(UnicodeWidthStr::width(before.as_str())),
        colour(d.severity, &"^".repeat(width), colours)
    ));
    if let Some(f) = &d.fix {
        out.push_str(&format!(
            "{:gutter$} = fix{}: {}\n",
            "",
            if f.safe { "" } else { " (unsafe)" },
            f.message
        ));
    }
    out
}

/// `::error file=…,line=…::message` for GitHub Actions.
pub fn github(path: &str, li: &LineIndex, text: &str, d: &Diagnostic) -> String {
    let s = span(li, text, d);
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        _ => "notice",
    };
    let esc = |x: &str| {
        x.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let prop = |x: &str| esc(x).replace(':', "%3A").replace(',', "%2C");
    format!(
        "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        prop(path),
        s.line,
        s.col,
        s.end_line,
        s.end_col,
        prop(&format!("{} {}", d.code, d.name)),
        esc(&d.message)
    )
}

/// A SARIF 2.1.0 log for all files.
pub fn sarif(results: &[(String, String, Vec<Diagnostic>)]) -> Value {
    let rules: Vec<Value> = rules::all()
        .iter()
        .map(|m| {
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": m.doc},
                "defaultConfiguration": {"level": level(m.severity)},
            })
        })
        .collect();
    let mut out = Vec::new();
    for (path, text, diags) in results {
        let li = LineIndex::new(text);
        for d in diags {
            let s = span(&li, text, d);
            out.push(json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": {"text": d.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": path},
                    "region": {"startLine": s.line, "startColumn": s.col, "endLine": s.end_line, "endColumn": s.end_col},
                }}],
            }));
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "nianbao", "version": env!("CARGO_PKG_VERSION"), "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": out,
        }],
    })
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        _ => "note",
    }
}
