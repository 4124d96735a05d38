//! Formatting: delegated to the core's formatter (`nianbao_core::format`, the same as `nianbao fmt`),
//! answered as minimal edits (changed lines only).

use crate::snapshot::Snapshot;
use nianbao_core::format::FormatOptions;
use nianbao_core::{TextRange, TextSize};
use similar::{DiffOp, TextDiff};
use tower_lsp_server::ls_types::{Range, TextEdit};

/// The formatted text (of the whole document, or with only `range` formatted) and the formatter's warnings.
fn formatted(s: &Snapshot, range: Option<TextRange>) -> (String, Vec<String>) {
    let options = FormatOptions {
        to_markdown: false,
        template: s.config.template.clone(),
    };
    let out = match range {
        None => nianbao_core::format::format(&s.text, &options),
        Some(r) => nianbao_core::format::format_range(&s.text, r, &options),
    };
    (out.text, out.warnings)
}

/// Edits turning `old` into `new`, one per run of changed lines (byte ranges of `old`).
pub fn diff(old: &str, new: &str) -> Vec<(TextRange, String)> {
    let d = TextDiff::configure().diff_lines(old, new);
    let old_lines = d.old_slices();
    let new_lines = d.new_slices();
    let mut starts = Vec::with_capacity(old_lines.len() + 1);
    let mut at = 0usize;
    for l in old_lines {
        starts.push(at);
        at += l.len();
    }
    starts.push(at);
    let mut out: Vec<(TextRange, String)> = Vec::new();
    for op in d.ops() {
        let (o, ol, n, nl) = match *op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (old_index, old_len, new_index, 0),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (old_index, 0, new_index, new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (old_index, old_len, new_index, new_len),
        };
        let range = TextRange::new(
            TextSize::from(starts[o] as u32),
            TextSize::from(starts[o + ol] as u32),
        );
        let text: String = new_lines[n..n + nl].concat();
        match out.last_mut() {
            Some((r, t)) if r.end() == range.start() => {
                *r = r.cover(range);
                t.push_str(&text);
            }
            _ => out.push((range, text)),
        }
    }
    out
}

/// Formatting edits for the document (or for `range`), and the formatter's warnings.
pub fn document_edits(s: &Snapshot, range: Option<Range>) -> (Vec<TextEdit>, Vec<String>) {
    let (new, warnings) = formatted(s, range.map(|r| s.byte_range(r)));
    let edits = diff(&s.text, &new)
        .into_iter()
        .map(|(r, t)| TextEdit {
            range: s.range(r),
            new_text: t,
        })
        .collect();
    (edits, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_core::diagnostic::{apply_edits, Edit};

    #[test]
    fn minimal_line_edits_reproduce_the_new_text() {
        let old = "一、总体情况\n正文\n二、主动公开政府信息情况\n规章 0\n";
        let new = "一、总体情况\n\n正文\n二、主动公开政府信息情况\n规章\t0\n";
        let edits = diff(old, new);
        assert_eq!(edits.len(), 2);
        let edits: Vec<Edit> = edits
            .into_iter()
            .map(|(range, new_text)| Edit { range, new_text })
            .collect();
        assert_eq!(apply_edits(old, &edits), new);
        assert!(diff(old, old).is_empty());
    }
}
