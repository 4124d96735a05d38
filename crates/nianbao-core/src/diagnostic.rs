//! Diagnostics and fixes, in byte offsets of the analysed text.

use text_size::TextRange;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }
}

/// One text replacement. `range` is in bytes of the analysed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: TextRange,
    pub new_text: String,
}

/// Whether a fix may be applied without the author looking at it (RULES.md "Fix safety").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Safety {
    /// Cannot lose what the author wrote (the standard text of a heading or label, 0 for an empty
    /// cell, an inserted heading, row or table skeleton): applied by "fix all", `source.fixAll`.
    Safe,
    /// May overwrite a number the author wrote (the arithmetic fixes NB301–NB304: nothing tells which
    /// cell of an unbalanced sum is wrong): offered one by one, never applied in bulk.
    Unsafe,
}

impl Safety {
    pub fn as_str(self) -> &'static str {
        match self {
            Safety::Safe => "safe",
            Safety::Unsafe => "unsafe",
        }
    }
}

/// A fix: edits that repair the diagnostic. Only [`Safety::Safe`] fixes are applied in bulk ("fix
/// all", `source.fixAll`); the `alternatives` never are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub message: String,
    pub edits: Vec<Edit>,
    pub safety: Safety,
    /// Other ways to repair the same diagnostic, each offered as its own choice beside this one
    /// (e.g. which cell of an unbalanced sum to change). Never applied in bulk, whatever their safety.
    pub alternatives: Vec<Fix>,
}

impl Fix {
    /// May be applied in bulk (fix-all, `source.fixAll`).
    pub fn is_safe(&self) -> bool {
        self.safety == Safety::Safe
    }

    /// This fix and its alternatives: every choice offered one by one.
    pub fn choices(&self) -> impl Iterator<Item = &Fix> {
        std::iter::once(self).chain(&self.alternatives)
    }

    /// Maps every edit's range (of this fix and its alternatives) with `map`; a choice with an edit
    /// that cannot be mapped is dropped. Returns `None` when this fix itself cannot be mapped (its
    /// mappable alternatives are then lost too: the fix offered first must be the one the rule made).
    pub fn map_ranges(mut self, map: &impl Fn(TextRange) -> Option<TextRange>) -> Option<Fix> {
        for e in &mut self.edits {
            e.range = map(e.range)?;
        }
        let alternatives = std::mem::take(&mut self.alternatives);
        self.alternatives = alternatives
            .into_iter()
            .filter_map(|a| a.map_ranges(map))
            .collect();
        Some(self)
    }
}

/// Another place that takes part in the diagnostic (e.g. the other cells of a broken identity).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub range: TextRange,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// `NB301`
    pub code: &'static str,
    /// `row-total`
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    pub range: TextRange,
    pub fix: Option<Fix>,
    pub related: Vec<Related>,
}

/// Two edits cannot both apply: their ranges overlap, or an insertion falls inside the other.
fn conflict(a: TextRange, b: TextRange) -> bool {
    if a.is_empty() || b.is_empty() {
        let (p, r) = if a.is_empty() {
            (a.start(), b)
        } else {
            (b.start(), a)
        };
        return (r.is_empty() && r.start() == p) || (r.start() < p && p < r.end());
    }
    a.start() < b.end() && b.start() < a.end()
}

/// What a bulk fix applies ("fix all", `source.fixAll`, any command that repairs many diagnostics
/// at once): the edits of every [`Safety::Safe`] fix, without two that conflict (first come, first
/// kept). An unsafe fix (NB301–NB304: nothing tells which cell of an unbalanced sum is wrong) and
/// the alternatives of any fix are never among them (RULES.md "Fix safety"); they are offered one
/// by one.
pub fn bulk_edits(diagnostics: &[Diagnostic]) -> Vec<Edit> {
    let mut taken: Vec<TextRange> = Vec::new();
    let mut out = Vec::new();
    for d in diagnostics {
        let Some(fix) = d.fix.as_ref().filter(|f| f.is_safe()) else {
            continue;
        };
        let overlaps = fix
            .edits
            .iter()
            .any(|e| taken.iter().any(|t| conflict(*t, e.range)));
        if overlaps {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| e.range));
        out.extend(fix.edits.iter().cloned());
    }
    out
}

/// Apply edits (non-overlapping, any order) to `text`. Overlapping edits after the first are skipped.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start(), e.range.end()));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0usize;
    for e in sorted {
        let (s, t) = (usize::from(e.range.start()), usize::from(e.range.end()));
        if s < pos || t > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(t) {
            continue;
        }
        out.push_str(&text[pos..s]);
        out.push_str(&e.new_text);
        pos = t;
    }
    out.push_str(&text[pos..]);
    out
}
