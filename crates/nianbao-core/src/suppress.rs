//! Suppression comments, in Markdown and plain text alike:
//! `<!-- nianbao-disable NB206 NB401 -->` … `<!-- nianbao-enable -->`,
//! `<!-- nianbao-disable-next-line NB401 -->`, `<!-- nianbao-disable-file -->`.
//! Names work in place of codes; no code means every rule.

use crate::diagnostic::Diagnostic;
use crate::rules;
use text_size::{TextRange, TextSize};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// Bytes where it applies.
    pub range: TextRange,
    /// Codes; empty = all rules.
    pub codes: Vec<&'static str>,
}

/// Every suppression region of a text.
pub fn regions(text: &str) -> Vec<Suppression> {
    let mut out = Vec::new();
    let mut open: Option<(TextSize, Vec<&'static str>)> = None;
    let end = TextSize::of(text);
    let mut search = 0usize;
    while let Some(rel) = text[search..].find("<!--") {
        let start = search + rel;
        let Some(close_rel) = text[start..].find("-->") else {
            break;
        };
        let close = start + close_rel + 3;
        search = close;
        let body = text[start + 4..close - 3].trim();
        let mut words = body.split_whitespace();
        let Some(directive) = words.next() else {
            continue;
        };
        let codes: Vec<&'static str> = words
            .filter_map(|w| rules::lookup(w).map(|m| m.code))
            .collect();
        let at = TextSize::from(close as u32);
        match directive {
            "nianbao-disable-file" => out.push(Suppression {
                range: TextRange::new(0.into(), end),
                codes,
            }),
            "nianbao-disable" => {
                if let Some((s, c)) = open.take() {
                    out.push(Suppression {
                        range: TextRange::new(s, at),
                        codes: c,
                    });
                }
                open = Some((at, codes));
            }
            "nianbao-enable" => {
                if let Some((s, c)) = open.take() {
                    out.push(Suppression {
                        range: TextRange::new(s, TextSize::from(start as u32)),
                        codes: c,
                    });
                }
            }
            "nianbao-disable-next-line" => {
                // the line after the one holding the comment
                let next_start = text[close..].find('\n').map(|i| close + i + 1);
                if let Some(ns) = next_start {
                    let ne = text[ns..].find('\n').map_or(text.len(), |i| ns + i);
                    out.push(Suppression {
                        range: TextRange::new((ns as u32).into(), (ne as u32).into()),
                        codes,
                    });
                }
            }
            _ => {}
        }
    }
    if let Some((s, c)) = open {
        out.push(Suppression {
            range: TextRange::new(s, end),
            codes: c,
        });
    }
    out
}

/// Remove the diagnostics that a suppression comment covers.
pub fn apply(text: &str, diagnostics: &mut Vec<Diagnostic>) {
    if !text.contains("nianbao-disable") {
        return;
    }
    let regs = regions(text);
    diagnostics.retain(|d| {
        !regs.iter().any(|r| {
            r.range.contains_range(d.range) && (r.codes.is_empty() || r.codes.contains(&d.code))
        })
    });
}

/// The comment that disables `code` for the line starting at `line_start` (for "disable for this line").
pub fn disable_next_line_comment(code: &str) -> String {
    format!("<!-- nianbao-disable-next-line {code} -->\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_found() {
        let t = "a\n<!-- nianbao-disable NB206 narrative-mismatch -->\nb\n<!-- nianbao-enable -->\nc\n<!-- nianbao-disable-next-line NB301 -->\nd\ne";
        let r = regions(t);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].codes, vec!["NB206", "NB401"]);
        assert!(r[0]
            .range
            .contains(TextSize::from((t.find("\nb").unwrap() + 1) as u32)));
        assert!(!r[0]
            .range
            .contains(TextSize::from((t.find("\nc").unwrap() + 1) as u32)));
        let d = t.find("\nd").unwrap() as u32 + 1;
        assert_eq!(r[1].range, TextRange::new(d.into(), (d + 1).into()));
    }
}
