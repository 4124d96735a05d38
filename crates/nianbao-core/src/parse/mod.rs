//! The layout-tolerant parser: any layout in, the template-aligned [`Report`] out.
//!
//! 1. Lines → section headings (lenient match against the template headings), title, dates.
//! 2. Template detection from the markers of each template (FORMAT.md §6), the year, or the override.
//! 3. Each table section's body → a flat sequence of cell tokens (tabs, pipes, one cell per line,
//!    cells broken over lines all look alike here), each with its byte range.
//! 4. The text tokens are aligned with the template's items by dynamic programming (lenient
//!    similarity, fragments joined), then each row reads the value tokens that follow its label.

use crate::model::*;
use crate::norm::{
    char_bit, fold_width, ignorable, is_space, key, max_similarity, numeral_value, trim, trim_end,
    trim_start, Pattern,
};
use crate::template::{self, ItemKind, Shape, Template, ValueKind};
use text_size::{TextRange, TextSize};

mod cache;
use cache::Memo;

/// What a reader keeps between reports: bounded memo tables of what depends only on a short text
/// (the tokens of a cell, the heading a line could be, a label's similarities with a table's items).
/// One value, owned, shared by every thread that reads with it; none of its entries changes a
/// result ([`cache`]). [`parse`] reads with the process's one reader ([`Reader::shared`]); a caller
/// may own others (the tests read with fresh and memo-less ones to prove the memos change nothing).
pub struct Reader {
    cells: Memo<std::sync::Arc<[CachedToken]>>,
    headings: Memo<Option<HeadingCandidate>>,
    /// Per template table, in the order of `template::all()` and their tables.
    similarities: Vec<TableSimilarities>,
}

/// Similarities already computed with the items of one template table: of a fragment's key
/// (`singles`, every item) and of a join of fragments (`joins`, per item, `UNKNOWN_SIM` until needed).
struct TableSimilarities {
    table: &'static template::Table,
    singles: Memo<std::sync::Arc<[f32]>>,
    joins: Memo<std::sync::Arc<[f32]>>,
}

/// Cells whose tokens are remembered: up to this many bytes long, this many of them.
const CELL_CACHE_BYTES: usize = 120;
const CELL_CACHE_ENTRIES: usize = 8192;
const HEADING_CACHE_ENTRIES: usize = 4096;
/// Similarities remembered per table (of single fragments, and as many of joins).
const SIM_CACHE_ENTRIES: usize = 4096;

impl Reader {
    /// A reader with empty memo tables of the standard bounds.
    pub fn new() -> Self {
        Reader::with_bounds(1)
    }

    /// A reader whose memo tables remember nothing: every result computed afresh.
    pub fn without_memo() -> Self {
        Reader::with_bounds(0)
    }

    fn with_bounds(scale: usize) -> Self {
        Reader {
            cells: Memo::new(CELL_CACHE_ENTRIES * scale),
            headings: Memo::new(HEADING_CACHE_ENTRIES * scale),
            similarities: template::all()
                .iter()
                .flat_map(|t| &t.tables)
                .map(|table| TableSimilarities {
                    table,
                    singles: Memo::new(SIM_CACHE_ENTRIES * scale),
                    joins: Memo::new(SIM_CACHE_ENTRIES * scale),
                })
                .collect(),
        }
    }

    /// The process's reader, built on first use.
    pub fn shared() -> &'static Reader {
        static SHARED: std::sync::LazyLock<Reader> = std::sync::LazyLock::new(Reader::new);
        &SHARED
    }

    fn similarities(&self, table: &template::Table) -> Option<&TableSimilarities> {
        self.similarities
            .iter()
            .find(|s| std::ptr::eq(s.table, table))
    }
}

impl Default for Reader {
    fn default() -> Self {
        Reader::new()
    }
}

fn r(start: usize, end: usize) -> TextRange {
    TextRange::new(TextSize::from(start as u32), TextSize::from(end as u32))
}

/// A line of the text: byte range without the line terminator.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line {
    pub start: usize,
    pub end: usize,
    /// Start of the next line.
    pub next: usize,
}

pub(crate) fn lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 48 + 1);
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', bytes) {
        let end = if nl > start && bytes[nl - 1] == b'\r' {
            nl - 1
        } else {
            nl
        };
        out.push(Line {
            start,
            end,
            next: nl + 1,
        });
        start = nl + 1;
    }
    let end = if text.len() > start && bytes[text.len() - 1] == b'\r' {
        text.len() - 1
    } else {
        text.len()
    };
    out.push(Line {
        start,
        end,
        next: text.len(),
    });
    out
}

/// Is this character a CJK ideograph?
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// Strip Markdown heading/emphasis markup around a line; returns the inner range and the `#` level.
fn strip_markup(text: &str, start: usize, end: usize) -> (usize, usize, u8) {
    let s = &text[start..end];
    // most lines and cells have no markup and no surrounding space
    let plain_start = s
        .chars()
        .next()
        .is_none_or(|c| !is_space(c) && !matches!(c, '#' | '*' | '_' | '>'));
    let plain_end = s
        .chars()
        .next_back()
        .is_none_or(|c| !is_space(c) && !matches!(c, '#' | '*' | '_'));
    if plain_start && plain_end {
        return (start, end, 0);
    }
    let mut a = start + (s.len() - trim_start(s).len());
    let mut level = 0u8;
    while text[a..end].starts_with('#') {
        level += 1;
        a += 1;
    }
    loop {
        let rest = &text[a..end];
        let t = trim_start(rest);
        a += rest.len() - t.len();
        if t.starts_with("**") || t.starts_with("__") {
            a += 2;
        } else if t.starts_with('*') || t.starts_with('>') {
            a += 1;
        } else {
            break;
        }
    }
    let mut b = end;
    loop {
        let rest = &text[a..b];
        let t = trim_end(rest);
        b = a + t.len();
        if t.ends_with("**") || t.ends_with("__") {
            b -= 2;
        } else if t.ends_with('*') || (level > 0 && t.ends_with('#')) {
            b -= 1;
        } else {
            break;
        }
    }
    if b < a {
        b = a;
    }
    (a, b, level)
}

// ------------------------------------------------------------------------------------------ values

/// Blank-cell markers (I6).
const BLANKS: &[&str] = &[
    "\u{E000}", "/", "／", "—", "——", "-", "－", "--", "–", "―", "无", "空", "\\",
];
/// Units met in value cells (mostly 2019 tables).
const UNITS: &[&str] = &[
    "项", "件", "个", "条", "起", "次", "人", "人次", "元", "万元", "亿元", "万件", "万", "亿",
    "%", "家", "份",
];

/// Signs a value may start with, and their sign (2019 tables write 「增加」/「减少」).
const SIGNS: &[(&str, f64)] = &[
    ("增加", 1.0),
    ("减少", -1.0),
    ("增", 1.0),
    ("减", -1.0),
    ("+", 1.0),
    ("-", -1.0),
    ("−", -1.0),
];

/// Every character a value cell can hold besides digits and spaces: those of [`BLANKS`], [`UNITS`],
/// [`SIGNS`] and the number separators, width-folded.
static VALUE_CHARS: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
    let mut v: Vec<char> = BLANKS
        .iter()
        .chain(UNITS)
        .copied()
        .chain(SIGNS.iter().map(|s| s.0))
        .chain([".", ","])
        .flat_map(str::chars)
        .map(fold_width)
        .collect();
    v.sort_unstable();
    v.dedup();
    v
});

/// Parse a value cell: a number (optionally signed, with units), a blank marker, or `None` for label text.
pub fn parse_value(raw: &str) -> Option<Value> {
    if !raw.is_empty() && raw.len() <= 15 && raw.bytes().all(|b| b.is_ascii_digit()) {
        // (at most 15 digits: exact as an integer and as an f64)
        return Some(Value::Number {
            value: raw.parse::<u64>().ok()? as f64,
            integer: true,
            unit: None,
        });
    }
    let t = trim(raw);
    // a value starts with a digit, a sign or 增/减, or is a blank marker; anything else is label text
    if let Some(first) = t.chars().next().map(fold_width) {
        if !(first.is_ascii_digit()
            || matches!(first, '增' | '减' | '+' | '-' | '−')
            || BLANKS.iter().any(|b| b.starts_with(first))
            || BLANKS
                .iter()
                .any(|b| b.chars().next().map(fold_width) == Some(first)))
        {
            return None;
        }
    }
    // only digits, separators, signs, units and blank marks make a value (labels such as
    // 「1.属于国家秘密」 stop here, at their first Chinese character)
    if t.chars()
        .map(fold_width)
        .any(|c| !is_space(c) && !c.is_ascii_digit() && VALUE_CHARS.binary_search(&c).is_err())
    {
        return None;
    }
    // whitespace between two digits separates two values: this is not one number
    let cs: Vec<char> = t.chars().map(fold_width).collect();
    for (i, c) in cs.iter().enumerate() {
        if is_space(*c) {
            let prev = cs[..i].iter().rev().find(|c| !is_space(**c));
            let next = cs[i..].iter().find(|c| !is_space(**c));
            if prev.is_some_and(|c| c.is_ascii_digit()) && next.is_some_and(|c| c.is_ascii_digit())
            {
                return None;
            }
        }
    }
    let s: String = cs.into_iter().filter(|c| !is_space(*c)).collect();
    if s.is_empty() {
        return Some(Value::Blank);
    }
    if BLANKS.contains(&s.as_str()) {
        return Some(Value::Blank);
    }
    let mut rest = s.as_str();
    let mut sign = 1.0;
    for &(p, sg) in SIGNS {
        if let Some(t) = rest.strip_prefix(p) {
            rest = t;
            sign = sg;
            break;
        }
    }
    let num_end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map_or(rest.len(), |(i, _)| i);
    let (num, unit) = rest.split_at(num_end);
    if num.is_empty() || !num.starts_with(|c: char| c.is_ascii_digit()) || num.ends_with(['.', ','])
    {
        return None;
    }
    if num.matches('.').count() > 1 {
        return None;
    }
    if !unit.is_empty() && !UNITS.contains(&unit) {
        return None;
    }
    let digits: String = num.chars().filter(|c| *c != ',').collect();
    let value: f64 = digits.parse().ok()?;
    Some(Value::Number {
        value: sign * value,
        integer: !digits.contains('.'),
        unit: (!unit.is_empty()).then(|| unit.to_string()),
    })
}

// ------------------------------------------------------------------------------------------ tokens

#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub range: TextRange,
    /// An empty cell between two values: its text is empty whatever whitespace the range covers.
    pub empty: bool,
    pub kind: TokKind,
    /// Digits that followed a label without any separator (possibly several values run together).
    pub run: bool,
}

impl Token {
    /// The token's text in the text it was read from.
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        if self.empty {
            ""
        } else {
            &src[self.range]
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TokKind {
    Text,
    Value(Value),
}

fn is_separator_row(cells: &[&str]) -> bool {
    let mut filled = cells
        .iter()
        .map(|c| trim(c))
        .filter(|c| !c.is_empty())
        .peekable();
    filled.peek().is_some()
        && filled.all(|c| {
            let c = c.trim_matches(':');
            c.len() >= 3 && c.chars().all(|ch| ch == '-')
        })
}

/// A header row invented by a converter (「| Column 1 | Column 2 |」, 「| Col1 | Col2 |」): several cells,
/// none a number and none with a Chinese character.
fn is_invented_header(cells: &[&str]) -> bool {
    let filled = || cells.iter().map(|c| trim(c)).filter(|c| !c.is_empty());
    filled().all(|c| {
        !c.chars().any(is_han) && c.chars().any(|ch| ch.is_alphabetic()) && parse_value(c).is_none()
    }) && filled().nth(1).is_some()
}

/// A token of a cell, its range relative to the cell's start.
type CachedToken = (u32, u32, TokKind, bool);

/// Split a region into cell tokens. Cells are separated by tabs, pipes and line breaks. `all` are the
/// lines of `text` ([`lines`]); the region starts at the start of a line and ends at the start of one
/// (or at the end of the text), as section bodies do.
pub(crate) fn tokenize(text: &str, region: TextRange, all: &[Line], reader: &Reader) -> Vec<Token> {
    let mut out = Vec::new();
    let (rs, re) = (usize::from(region.start()), usize::from(region.end()));
    debug_assert!(
        (rs == 0 || text.as_bytes()[rs - 1] == b'\n')
            && (re == text.len() || text.as_bytes()[re - 1] == b'\n' || rs == re),
        "a region of whole lines"
    );
    let first = all.partition_point(|l| l.start < rs);
    let region_lines = all[first..].iter().take_while(|l| l.start < re);
    // buffers reused from line to line
    let mut cells: Vec<(usize, usize)> = Vec::new();
    let mut texts: Vec<&str> = Vec::new();
    let mut line_tokens: Vec<Token> = Vec::new();
    let mut blanks: Vec<(usize, TextRange)> = Vec::new(); // (index in line_tokens, range)
    for line in region_lines {
        let (ls, le) = (line.start, line.end);
        let s = &text[ls..le];
        let t = trim(s);
        if t.is_empty() || (t.starts_with("<!--") && t.ends_with("-->")) {
            continue; // blank lines and comments (suppressions, fmt-off markers) are not cells
        }
        // cell boundaries (tab and pipe are ASCII: a byte search is a char search)
        cells.clear();
        let mut cs = ls;
        for i in memchr::memchr2_iter(b'\t', b'|', s.as_bytes()) {
            cells.push((cs, ls + i));
            cs = ls + i + 1;
        }
        cells.push((cs, le));
        let multi = cells.len() > 1;
        if multi {
            texts.clear();
            texts.extend(cells.iter().map(|&(a, b)| &text[a..b]));
            if is_separator_row(&texts) || is_invented_header(&texts) {
                continue;
            }
        } else if is_separator_row(&[s]) {
            continue;
        }
        line_tokens.clear();
        blanks.clear();
        for &(a, b) in &cells {
            // most cells of a table are a plain number: no markup, no space, nothing to split (what
            // the steps below would find), straight to its token
            let raw = &text.as_bytes()[a..b];
            if !raw.is_empty() && raw.len() <= 15 && raw.iter().all(u8::is_ascii_digit) {
                push_token(text, a, b, false, &mut line_tokens);
                continue;
            }
            // the tokens of a cell depend on its text only: labels and headers repeat from report
            // to report and are split once per thread
            let cached = b - a <= CELL_CACHE_BYTES
                && match reader.cells.get(&text[a..b]) {
                    Some(known) => {
                        line_tokens.extend(known.iter().map(|(s, e, kind, run)| Token {
                            range: r(a + *s as usize, a + *e as usize),
                            empty: false,
                            kind: kind.clone(),
                            run: *run,
                        }));
                        true
                    }
                    None => false,
                };
            if cached {
                continue;
            }
            let (ia, ib, _) = strip_markup(text, a, b);
            let cell = &text[ia..ib];
            let t = trim(cell);
            if t.is_empty() {
                if multi {
                    let off = ia + (cell.len() - trim_start(cell).len());
                    blanks.push((line_tokens.len(), r(a, b.max(off))));
                }
                continue;
            }
            let ta = ia + offset_in(cell, t);
            let from = line_tokens.len();
            cell_tokens(text, ta, ta + t.len(), &mut line_tokens);
            if b - a <= CELL_CACHE_BYTES {
                let known: Vec<CachedToken> = line_tokens[from..]
                    .iter()
                    .map(|t| {
                        let (s, e) = (usize::from(t.range.start()), usize::from(t.range.end()));
                        ((s - a) as u32, (e - a) as u32, t.kind.clone(), t.run)
                    })
                    .collect();
                reader.cells.insert(&text[a..b], known.into());
            }
        }
        // Empty cells between two values of the same line are blank values (NB206).
        let mut inserted = 0;
        for &(idx, range) in &blanks {
            let i = idx + inserted;
            let before = line_tokens[..i]
                .iter()
                .rev()
                .find(|_| true)
                .map(|t| matches!(t.kind, TokKind::Value(_)));
            let after = line_tokens
                .get(i)
                .map(|t| matches!(t.kind, TokKind::Value(_)));
            if before == Some(true) && after == Some(true) {
                line_tokens.insert(
                    i,
                    Token {
                        range,
                        empty: true,
                        kind: TokKind::Value(Value::Blank),
                        run: false,
                    },
                );
                inserted += 1;
            }
        }
        out.append(&mut line_tokens);
    }
    out
}

/// Where `inner`, a slice of `outer` (as [`trim`] returns), starts in it.
fn offset_in(outer: &str, inner: &str) -> usize {
    let off = (inner.as_ptr() as usize).wrapping_sub(outer.as_ptr() as usize);
    debug_assert!(off <= outer.len() && outer.get(off..off + inner.len()) == Some(inner));
    off
}

/// Does `s` hold a character [`is_space`] accepts? (Bytes first: spaces are ASCII or start with one of
/// a few lead bytes, which most cells — ideographs and digits — do not contain.)
fn has_space(s: &str) -> bool {
    s.bytes()
        .any(|b| matches!(b, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF))
        && s.chars().any(is_space)
}

/// Page numbers copied out of PDFs: 「-4-」, 「— 4 —」, 「第4页」, 「第 4 页 共 9 页」.
fn is_page_number(t: &str) -> bool {
    // every page number starts with a dash or 「第」 (after width folding and spaces): most cells
    // start with an ideograph other than 「第」 and are rejected at once
    let head = t.chars().next().unwrap_or(' ');
    if is_han(head) && head != '第' {
        return false;
    }
    let first = t.chars().map(fold_width).find(|c| !is_space(*c));
    if !matches!(first, Some('-' | '—' | '–' | '－' | '第')) {
        return false;
    }
    let k: String = t
        .chars()
        .map(fold_width)
        .filter(|c| !is_space(*c))
        .collect();
    let dashes = ['-', '—', '–', '－'];
    if let Some(inner) = k.strip_prefix(dashes).and_then(|x| x.strip_suffix(dashes)) {
        return !inner.is_empty() && inner.len() <= 4 && inner.chars().all(|c| c.is_ascii_digit());
    }
    if let Some(inner) = k.strip_prefix('第') {
        let digits = inner.trim_start_matches(|c: char| c.is_ascii_digit());
        return digits.len() < inner.len()
            && (digits == "页" || digits.starts_with("页共") && digits.ends_with('页'));
    }
    false
}

fn push_token(text: &str, a: usize, b: usize, run: bool, out: &mut Vec<Token>) {
    let t = &text[a..b];
    if let Some(kind) = classify(t) {
        out.push(Token {
            range: r(a, b),
            empty: false,
            kind,
            run,
        });
    }
}

/// The tokens of one cell `text[a..b]` (already trimmed): cells wider than a value are split where the
/// layout separated values by spaces (text copied out of PDFs, web pages), and digits written straight
/// after a label are split off it.
fn cell_tokens(text: &str, a: usize, b: usize, out: &mut Vec<Token>) {
    let cell = &text[a..b];
    if is_page_number(cell) {
        return;
    }
    // columns aligned with two or more spaces (pdftotext -layout)
    let b2 = cell.as_bytes();
    if memchr::memchr_iter(b' ', b2).any(|i| b2.get(i + 1) == Some(&b' ')) {
        let mut start = a;
        let mut pieces = Vec::new();
        // the pieces between non-overlapping double spaces, leftmost first (as `split("  ")`)
        let mut from = 0;
        let parts = memchr::memmem::find_iter(b2, b"  ")
            .chain([cell.len()])
            .map(|at| {
                let part = &cell[from..at];
                from = at + 2;
                part
            });
        for part in parts {
            let pa = start;
            start += part.len() + 2;
            let t = trim(part);
            if t.is_empty() {
                continue;
            }
            let off = pa + offset_in(part, t);
            pieces.push((off, off + t.len()));
        }
        if pieces.len() > 1 {
            for (pa, pb) in pieces {
                cell_tokens(text, pa, pb, out);
            }
            return;
        }
    }
    // trailing values separated by single spaces: 「（一）予以公开 24 0 0 0 0 0 24」
    let spaced = has_space(cell);
    let mut words: Vec<(usize, usize)> = Vec::new();
    if spaced {
        let mut ws = None;
        for (i, c) in cell.char_indices() {
            match (is_space(c), ws) {
                (true, Some(s)) => {
                    words.push((a + s, a + i));
                    ws = None;
                }
                (false, None) => ws = Some(i),
                _ => {}
            }
        }
        if let Some(s) = ws {
            words.push((a + s, b));
        }
    }
    if words.len() > 1 {
        let numeric = |&(x, y): &(usize, usize)| {
            matches!(
                parse_value(&text[x..y]),
                Some(Value::Number { unit: None, .. })
            )
        };
        let suffix = words.iter().rev().take_while(|w| numeric(w)).count();
        if suffix > 0 && (suffix < words.len() || suffix >= 2) {
            let split = words.len() - suffix;
            if split > 0 {
                push_token(text, words[0].0, words[split - 1].1, false, out);
            }
            for &(x, y) in &words[split..] {
                push_token(text, x, y, false, out);
            }
            return;
        }
    }
    // digits written straight after a label: 「一、本年新收政府信息公开申请数量640020470」
    let digits = cell.len() - cell.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && digits < cell.len() {
        let head = &cell[..cell.len() - digits];
        let last = head.chars().next_back().unwrap_or(' ');
        if cell.chars().any(is_han) && (is_han(last) || matches!(last, '）' | ')' | '”' | '」'))
        {
            let cut = b - digits;
            push_token(text, a, cut, false, out);
            push_token(text, cut, b, true, out);
            return;
        }
    }
    push_token(text, a, b, false, out);
}

fn classify(t: &str) -> Option<TokKind> {
    // most cells are labels: a Chinese character first, and not one a value can start with
    // (增加/减少 of the 2019 tables, the blanks 无/空), is text without further ado
    if let Some(first) = t.chars().next() {
        if is_han(first) && !matches!(first, '增' | '减' | '无' | '空') {
            return Some(TokKind::Text);
        }
    }
    if let Some(v) = parse_value(t) {
        return Some(TokKind::Value(v));
    }
    if t.chars().map(fold_width).all(ignorable) {
        return None; // punctuation only
    }
    let han = t.chars().any(is_han);
    if han {
        return Some(TokKind::Text);
    }
    // numbering fragments such as 「1.」 belong to labels
    let k: String = t.chars().map(fold_width).collect();
    if k.trim_end_matches(['.', '、', ' '])
        .chars()
        .all(|c| c.is_ascii_digit())
    {
        return Some(TokKind::Text);
    }
    Some(TokKind::Value(Value::Text))
}

// ------------------------------------------------------------------------------------------ headings

/// The last two characters of every heading key: a line without a numeral must end like a heading.
static HEADING_ENDINGS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    let mut v: Vec<String> = template::all()
        .iter()
        .flat_map(|t| &t.sections)
        .flat_map(|s| std::iter::once(&s.heading).chain(&s.variants))
        .map(|h| {
            let k: Vec<char> = key(h).chars().collect();
            k[k.len().saturating_sub(2)..].iter().collect()
        })
        .collect();
    v.sort();
    v.dedup();
    v
});

#[derive(Clone)]
struct HeadingCandidate {
    section: String,
    score: f32,
}

/// The best section heading a line's text could be.
fn match_heading(reader: &Reader, line_text: &str) -> Option<HeadingCandidate> {
    let t = trim(line_text);
    if t.is_empty() || t.chars().count() > 48 {
        return None;
    }
    let first = t.chars().next()?;
    if matches!(first, '(' | '（' | '[' | '【') || first.is_ascii_digit() {
        return None; // sub-heads 「（一）…」 and numbered items are never section headings
    }
    let numeral = numeral_value(first).filter(|_| {
        let second = t.chars().nth(1);
        matches!(
            second,
            Some('、' | '.' | '．' | ' ' | '\u{3000}' | ',' | '，')
        ) || second.is_some_and(is_han)
    });
    if numeral.is_none() {
        // cheap rejection of ordinary lines: the last two characters of the key end no heading
        let mut tail = t.chars().rev().map(fold_width).filter(|&c| !ignorable(c));
        let (last, before) = (tail.next(), tail.next());
        let mut buf = [0u8; 8];
        let mut n = 0;
        for c in [before, last].into_iter().flatten() {
            n += c.encode_utf8(&mut buf[n..]).len();
        }
        let ending = std::str::from_utf8(&buf[..n]).unwrap_or_default();
        if !HEADING_ENDINGS.iter().any(|e| ending.ends_with(e.as_str())) {
            return None;
        }
    }
    if let Some(known) = reader.headings.get(t) {
        return known;
    }
    let best = best_heading(t, numeral);
    reader.headings.insert(t, best.clone());
    best
}

/// The heading of [`match_heading`] past its cheap rejections: the best-scoring standard heading.
fn best_heading(t: &str, numeral: Option<u32>) -> Option<HeadingCandidate> {
    let k = key(t);
    let kc: Vec<char> = k.chars().collect();
    let bits: Vec<u64> = kc.iter().map(|&c| char_bit(c)).collect();
    let mut best: Option<HeadingCandidate> = None;
    for h in HEADINGS.iter() {
        if numeral.is_some_and(|n| Some(n) != h.numeral) {
            continue;
        }
        let threshold = if numeral.is_some() { 0.55 } else { 0.86 };
        if max_similarity(kc.len(), h.key.len()) < threshold {
            continue;
        }
        if h.key.similarity_bound(&bits) < threshold {
            continue;
        }
        let score = h.key.similarity(&kc);
        if score >= threshold && best.as_ref().is_none_or(|b| score > b.score) {
            best = Some(HeadingCandidate {
                section: h.section.to_string(),
                score,
            });
        }
    }
    best
}

struct HeadingKey {
    section: &'static str,
    numeral: Option<u32>,
    key: Pattern,
}

/// Every standard and variant heading of every template, as comparison keys.
static HEADINGS: std::sync::LazyLock<Vec<HeadingKey>> = std::sync::LazyLock::new(|| {
    template::all()
        .iter()
        .flat_map(|t| &t.sections)
        .flat_map(|s| {
            std::iter::once(&s.heading)
                .chain(&s.variants)
                .map(move |h| HeadingKey {
                    section: s.id.as_str(),
                    numeral: s.numeral.chars().next().and_then(numeral_value),
                    key: Pattern::new(&key(h)),
                })
        })
        .collect()
});

fn standard_heading(section: &str) -> impl Iterator<Item = &'static str> + '_ {
    template::all()
        .iter()
        .filter_map(move |t| t.section(section))
        .map(|s| s.heading.as_str())
}

// ------------------------------------------------------------------------------------------ dates

/// `20XX年M月D日` and `20XX-MM-DD` mentions in a slice (offset `base`).
fn dates(text: &str, base: usize) -> Vec<DateMention> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    let num = |i: &mut usize, max: usize| -> Option<(u32, usize)> {
        let mut v = 0u32;
        let mut n = 0;
        while *i < chars.len() && chars[*i].1.is_ascii_digit() && n < max {
            v = v * 10 + chars[*i].1.to_digit(10).unwrap_or(0);
            *i += 1;
            n += 1;
        }
        while *i < chars.len() && is_space(chars[*i].1) {
            *i += 1;
        }
        (n > 0).then_some((v, n))
    };
    while i < chars.len() {
        if !chars[i].1.is_ascii_digit() || (i > 0 && chars[i - 1].1.is_ascii_digit()) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        let parsed = (|| {
            let (y, n) = num(&mut j, 4)?;
            if n != 4 || !(1990..=2100).contains(&y) {
                return None;
            }
            let sep = chars.get(j)?.1;
            if sep != '年' && sep != '-' {
                return None;
            }
            j += 1;
            while j < chars.len() && is_space(chars[j].1) {
                j += 1;
            }
            let (m, _) = num(&mut j, 2)?;
            let sep2 = chars.get(j)?.1;
            if (sep == '年' && sep2 != '月') || (sep == '-' && sep2 != '-') {
                return None;
            }
            j += 1;
            while j < chars.len() && is_space(chars[j].1) {
                j += 1;
            }
            let (d, _) = num(&mut j, 2)?;
            if sep == '年' {
                if chars.get(j)?.1 != '日' {
                    return None;
                }
                j += 1;
            }
            ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y as i32, m, d))
        })();
        if let Some((year, month, day)) = parsed {
            let end = chars.get(j).map_or(text.len(), |c| c.0);
            out.push(DateMention {
                year,
                month,
                day,
                range: r(base + chars[start].0, base + end),
            });
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// `2021年` / `2021 年度` mentions: (year, range).
pub(crate) fn year_mentions(text: &str, base: usize) -> Vec<(i32, TextRange)> {
    // from every 「年」 back over spaces to four digits with no digit on either side
    let b = text.as_bytes();
    let mut out = Vec::new();
    for p in memchr::memmem::find_iter(b, "年".as_bytes()) {
        let before = trim_end(&text[..p]);
        let e = before.len();
        if e < 4
            || !b[e - 4..e].iter().all(u8::is_ascii_digit)
            || (e > 4 && b[e - 5].is_ascii_digit())
        {
            continue;
        }
        let y: i32 = text[e - 4..e].parse().unwrap_or(0);
        if (1990..=2100).contains(&y) {
            out.push((y, r(base + e - 4, base + e)));
        }
    }
    out
}

// ------------------------------------------------------------------------------------------ report

/// Parse a report with the process's reader ([`Reader::shared`]). `template_override`:
/// `Some("2019" | "2021")` forces a template.
pub fn parse(text: &str, template_override: Option<&str>) -> Report {
    Reader::shared().parse(text, template_override)
}

impl Reader {
    /// Parse a report. `template_override`: `Some("2019" | "2021")` forces a template.
    pub fn parse(&self, text: &str, template_override: Option<&str>) -> Report {
        parse_with(self, text, template_override)
    }
}

fn parse_with(reader: &Reader, text: &str, template_override: Option<&str>) -> Report {
    let lines = lines(text);
    let mut report = Report {
        layout: detect_layout(text, &lines),
        ..Report::default()
    };

    // --- headings
    let mut headings: Vec<(usize, Section)> = Vec::new(); // (line index, section)
    for (li, line) in lines.iter().enumerate() {
        if line.end - line.start > 240 {
            continue;
        }
        let raw = &text[line.start..line.end];
        let (a, b, level) = strip_markup(text, line.start, line.end);
        // a table line with several non-empty cells is no heading
        let inner = &text[a..b];
        let cell = if memchr::memchr2(b'\t', b'|', inner.as_bytes()).is_none() {
            trim(inner)
        } else {
            // (tab and pipe are ASCII: a byte search finds the character)
            let mut start = 0;
            let mut cells = memchr::memchr2_iter(b'\t', b'|', inner.as_bytes())
                .chain([inner.len()])
                .map(|i| {
                    let c = trim(&inner[start..i]);
                    start = i + 1;
                    c
                })
                .filter(|c| !c.is_empty());
            match (cells.next(), cells.next()) {
                (Some(cell), None) => cell,
                _ => continue,
            }
        };
        if cell.is_empty() {
            continue;
        }
        let Some(c) = match_heading(reader, cell) else {
            continue;
        };
        let ca = a + inner.find(cell).unwrap_or(0);
        let heading_range = r(ca, ca + cell.len());
        let standard = standard_heading(&c.section).any(|h| h == cell);
        let _ = raw;
        headings.push((
            li,
            Section {
                id: c.section,
                heading: cell.to_string(),
                heading_range,
                line_range: r(line.start, line.end),
                standard,
                body: TextRange::default(),
                level,
            },
        ));
    }
    for i in 0..headings.len() {
        let body_start = lines[headings[i].0].next;
        let body_end = headings.get(i + 1).map_or(text.len(), |h| lines[h.0].start);
        headings[i].1.body = r(body_start.min(body_end), body_end);
    }
    report.sections = headings.into_iter().map(|(_, s)| s).collect();

    // --- title, organ, year
    let first_heading = report
        .sections
        .first()
        .map_or(text.len(), |s| usize::from(s.line_range.start()));
    for line in &lines {
        if line.start >= first_heading {
            break;
        }
        let (a, b, _) = strip_markup(text, line.start, line.end);
        let t = trim(&text[a..b]);
        if t.contains("报告")
            && t.contains('年')
            && t.chars().count() <= 80
            && !t.contains("根据")
            && !t.contains("依据")
        {
            let ta = a + text[a..b].find(t).unwrap_or(0);
            report.title = Some((t.to_string(), r(ta, ta + t.len())));
            if let Some((y, yr)) = year_mentions(t, ta).first().copied() {
                report.year = Some(y);
                report.year_source = Some(YearSource::Title);
                let organ = trim(&text[ta..usize::from(yr.start())]);
                if !organ.is_empty() {
                    report.organ = Some(organ.to_string());
                }
            }
            break;
        }
    }
    // statistics period
    let find = |w: &str| memchr::memmem::find(text.as_bytes(), w.as_bytes());
    if let Some(p) = find("统计期限")
        .or_else(|| find("统计期间"))
        .or_else(|| find("统计时限"))
    {
        let window_end = (p + 200).min(text.len());
        let mut we = window_end;
        while !text.is_char_boundary(we) {
            we -= 1;
        }
        if let Some(d) = dates(&text[p..we], p).first() {
            report.period_year = Some((d.year, d.range));
        }
    }
    // prose year: most frequent
    {
        let mut counts: Vec<(i32, usize)> = Vec::new();
        for (y, _) in year_mentions(text, 0) {
            match counts.iter_mut().find(|c| c.0 == y) {
                Some(c) => c.1 += 1,
                None => counts.push((y, 1)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        report.prose_year = counts.first().map(|c| c.0);
    }
    if report.year.is_none() {
        if let Some((y, _)) = report.period_year {
            report.year = Some(y);
            report.year_source = Some(YearSource::Period);
        } else if let Some(y) = report.prose_year {
            report.year = Some(y);
            report.year_source = Some(YearSource::Prose);
        }
    }
    // signature: the last line after section 六 (or the last section) that is only a date
    if let Some(last) = report.sections.iter().max_by_key(|s| s.line_range.start()) {
        let from = usize::from(last.body.start());
        for line in lines.iter().rev() {
            if line.start < from {
                break;
            }
            let t = trim(&text[line.start..line.end]);
            if t.is_empty() {
                continue;
            }
            let ds = dates(&text[line.start..line.end], line.start);
            if let Some(d) = ds.last() {
                if ds.len() == 1 && t.chars().count() <= 14 {
                    report.signature = Some(d.clone());
                    break;
                }
            }
        }
    }

    // --- template
    // template markers are column headers and rows: look for them in the table sections
    let table_bodies: Vec<TextRange> = report
        .sections
        .iter()
        .filter(|s| {
            template::all()
                .iter()
                .any(|t| t.section(&s.id).is_some_and(|x| x.table.is_some()))
        })
        .map(|s| s.body)
        .collect();
    // the keys of the cells, kept apart (U+0001 never occurs in a marker): a marker is read in one cell,
    // possibly wrapped over lines, never across a cell boundary (「本年 |」 then 「处理决定数量 |」 is
    // not 「本年处理决定数量」)
    let mut k = String::new();
    let whole = [TextRange::up_to(TextSize::of(text))];
    let bodies = if table_bodies.is_empty() {
        &whole[..]
    } else {
        &table_bodies[..]
    };
    // a key is never longer than its text (characters are dropped or folded to ASCII): a cell shorter
    // than every marker's key (a value cell, mostly) holds none, and only its boundary is written
    let shortest = template::all()
        .iter()
        .flat_map(|t| &t.marker_finders)
        .map(|f| f.needle().len())
        .min()
        .unwrap_or(0);
    let mut cell = |c: &str| {
        if !k.is_empty() {
            k.push('\u{1}');
        }
        if c.len() >= shortest {
            crate::norm::push_key(&mut k, c);
        }
    };
    for b in bodies {
        // (tab and pipe are ASCII: a byte search finds the character)
        let body = &text[*b];
        let mut start = 0;
        for i in memchr::memchr2_iter(b'\t', b'|', body.as_bytes()) {
            cell(&body[start..i]);
            start = i + 1;
        }
        cell(&body[start..]);
    }
    for tpl in template::all() {
        for (m, mk) in tpl.markers.iter().zip(&tpl.marker_finders) {
            if mk.find(k.as_bytes()).is_some() {
                let range = find_marker(text, m).unwrap_or_default();
                report.markers.push((tpl.id.clone(), m.clone(), range));
            }
        }
    }
    let count = |id: &str| report.markers.iter().filter(|m| m.0 == id).count();
    report.template = match template_override {
        Some(id) if template::by_id(id).is_some() => Some(id.to_string()),
        _ => {
            let best = template::all().iter().max_by_key(|t| {
                (
                    count(&t.id),
                    report
                        .year
                        .and_then(template::for_year)
                        .is_some_and(|y| y.id == t.id),
                )
            });
            match best {
                Some(t) if count(&t.id) > 0 => Some(t.id.clone()),
                _ => report
                    .year
                    .and_then(template::for_year)
                    .map(|t| t.id.clone())
                    .or_else(|| {
                        (!report.sections.is_empty())
                            .then(|| template::all().last().unwrap().id.clone())
                    }),
            }
        }
    };
    // the pre-2019 layout: 「一、概述」 … 「政府信息公开情况统计表」, and none of the current markers
    report.legacy = report.markers.is_empty()
        && (text.contains("政府信息公开情况统计表")
            || lines.iter().any(|l| {
                let k = key(&text[l.start..l.end]);
                k == "概述" || k == "一概述"
            }));
    if report.legacy {
        report.template = None;
    }

    // --- tables
    if let Some(tpl) = report.template_data() {
        for table in &tpl.tables {
            let Some(section) = report.sections.iter().find(|s| s.id == table.section) else {
                continue;
            };
            let t = read_table(reader, text, &lines, section.body, tpl, table);
            report.tables.push(t);
        }
    }
    report
}

fn detect_layout(text: &str, lines: &[Line]) -> Layout {
    let mut cut = text.len().min(4096);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text.as_bytes()[..cut];
    // 「<html」, 「<table」, 「<!doctype html」 in any case
    let tag = |at: usize, name: &[u8]| {
        head.get(at + 1..at + 1 + name.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(name))
    };
    if memchr::memchr_iter(b'<', head)
        .any(|at| tag(at, b"html") || tag(at, b"table") || tag(at, b"!doctype html"))
    {
        return Layout::Html;
    }
    let md = lines.iter().take(4000).any(|l| {
        let s = &text[l.start..l.end];
        let t = s.trim_start();
        (t.starts_with('#') && t.trim_start_matches('#').starts_with([' ', '\u{3000}']))
            || (t.starts_with('|') && t.contains("---"))
    });
    if md {
        Layout::Markdown
    } else {
        Layout::Text
    }
}

/// Where a marker stands in the text (lenient: whitespace and bracket width ignored).
fn find_marker(text: &str, marker: &str) -> Option<TextRange> {
    if let Some(p) = memchr::memmem::find(text.as_bytes(), marker.as_bytes()) {
        return Some(r(p, p + marker.len()));
    }
    // lenient: compare the marker's key with the text, skipping what keys ignore
    let mk: Vec<char> = key(marker).chars().collect();
    let first = *mk.first()?;
    // the candidate starts: a character outside ASCII is the folded form only of itself (folding
    // yields ASCII), so its occurrences are found by a byte search
    let mut utf8 = [0u8; 4];
    let starts: Box<dyn Iterator<Item = usize>> = if first.is_ascii() {
        Box::new(
            text.char_indices()
                .filter(move |&(_, c)| fold_width(c) == first)
                .map(|(i, _)| i),
        )
    } else {
        Box::new(memchr::memmem::find_iter(
            text.as_bytes(),
            first.encode_utf8(&mut utf8).as_bytes(),
        ))
    };
    for i in starts {
        let mut n = 0;
        for (j, ch) in text[i..].char_indices() {
            if ch == '\n' {
                break;
            }
            let f = fold_width(ch);
            if ignorable(f) {
                continue; // (what `key` drops)
            }
            if f != mk[n] {
                break;
            }
            n += 1;
            if n == mk.len() {
                return Some(r(i, i + j + ch.len_utf8()));
            }
        }
    }
    None
}

// ------------------------------------------------------------------------------------------ tables

/// A text token with the value tokens that follow it.
struct Obs<'a> {
    tok: &'a Token,
    values: &'a [Token],
}

fn read_table(
    reader: &Reader,
    text: &str,
    lines: &[Line],
    region: TextRange,
    tpl: &Template,
    table: &'static template::Table,
) -> Table {
    let tokens = tokenize(text, region, lines, reader);
    let mut out = Table {
        id: table.id.clone(),
        range: region,
        ..Table::default()
    };
    match table.shape {
        Shape::Grid => read_grid(text, &tokens, table, &mut out),
        Shape::Rows => read_rows(reader, text, tokens, tpl, table, &mut out),
    }
    if let (Some(first), Some(last)) = (out.rows.first(), out.rows.last()) {
        let start = out.markers.first().map_or(first.range.start(), |m| {
            m.range.start().min(first.range.start())
        });
        out.range = TextRange::new(start, last.range.end());
    }
    out
}

fn make_cell(src: &str, tok: &Token, column: &'static str) -> Cell {
    let value = match &tok.kind {
        TokKind::Value(v) => v.clone(),
        TokKind::Text => Value::Text,
    };
    // the empty-cell mark of extracted HTML reads as an empty cell
    let text = tok.text(src);
    let raw = if text.starts_with(crate::html::EMPTY_CELL)
        && text.len() == crate::html::EMPTY_CELL.len_utf8()
    {
        String::new()
    } else {
        text.to_string()
    };
    Cell {
        column,
        range: tok.range,
        raw,
        value,
    }
}

fn read_grid(src: &str, tokens: &[Token], table: &'static template::Table, out: &mut Table) {
    let values: Vec<&Token> = tokens
        .iter()
        .filter(|t| matches!(t.kind, TokKind::Value(_)))
        .collect();
    let rows: Vec<_> = table.rows().collect();
    let expected: usize = rows.iter().map(|r| r.columns.len()).sum();
    for t in tokens.iter().filter(|t| t.kind == TokKind::Text) {
        let text = t.text(src);
        let k: Vec<char> = key(text).chars().collect();
        let bits: Vec<u64> = k.iter().map(|&c| char_bit(c)).collect();
        let best = table
            .header
            .iter()
            .zip(&table.header_patterns)
            // (a header below 0.6 is not taken: no need to know how far below)
            .map(|(h, p)| {
                let bound = p.similarity_bound(&bits);
                (h, if bound < 0.6 { 0.0 } else { p.similarity(&k) })
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((h, s)) = best {
            if s >= 0.6 {
                out.markers.push(Marker {
                    label: text.to_string(),
                    standard: h,
                    range: t.range,
                    exact: text == h,
                    values: 0,
                    kind: ItemKind::Header,
                });
            }
        }
    }
    if values.is_empty() {
        out.confidence = Confidence::None;
        out.notes.push("表中没有找到数值".into());
        return;
    }
    if values.len() != expected {
        out.notes
            .push(format!("应有 {expected} 个数值，找到 {} 个", values.len()));
        out.confidence = Confidence::Low;
    } else {
        out.confidence = Confidence::High;
    }
    let mut it = values.iter();
    for row in rows {
        let cells: Vec<Cell> = row
            .columns
            .iter()
            .filter_map(|c| it.next().map(|t| make_cell(src, t, c)))
            .collect();
        if cells.is_empty() {
            continue;
        }
        let range = TextRange::new(cells[0].range.start(), cells[cells.len() - 1].range.end());
        out.rows.push(Row {
            run_together: None,
            id: &row.id,
            label: None,
            cells,
            extra_cells: Vec::new(),
            range,
        });
    }
    if let Some(last) = out.rows.last_mut() {
        last.extra_cells = it.map(|t| make_cell(src, t, "")).collect();
    }
}

#[derive(Clone, Copy, Debug)]
enum Step {
    SkipObs,
    SkipItem,
    Match(u8), // number of observed tokens joined (at most MAX_JOIN): a step is two bytes
}

const MAX_JOIN: usize = 3;
/// Real tables have well under a hundred text cells; beyond this the region is not a table.
const MAX_TABLE_TOKENS: usize = 600;

/// The similarities of joins of fragments computed while reading one table (each join's place in
/// `join_sims`, as many as the table has items); the reader's memo holds them between tables.
#[derive(Default)]
struct JoinSimilarities {
    joins: rustc_hash::FxHashMap<String, usize>,
    join_sims: Vec<f32>,
}

const UNKNOWN_SIM: f32 = -1.0;

fn best_similarity(patterns: &[Pattern], k: &[char]) -> f32 {
    patterns
        .iter()
        .filter(|p| max_similarity(p.len(), k.len()) >= 0.45)
        .map(|p| p.similarity(k))
        .fold(0.0, f32::max)
}

fn read_rows(
    reader: &Reader,
    src: &str,
    tokens: Vec<Token>,
    tpl: &Template,
    table: &'static template::Table,
    out: &mut Table,
) {
    // group tokens: each text token with the values that follow it
    let texts: Vec<usize> = (0..tokens.len())
        .filter(|&i| matches!(tokens[i].kind, TokKind::Text))
        .collect();
    let leading: Vec<Token> = tokens[..texts.first().map_or(tokens.len(), |&i| i)].to_vec();
    let mut obs: Vec<Obs> = texts
        .iter()
        .enumerate()
        .map(|(x, &i)| Obs {
            tok: &tokens[i],
            values: &tokens[i + 1..texts.get(x + 1).map_or(tokens.len(), |&j| j)],
        })
        .collect();
    let items = &table.items;
    if obs.len() > MAX_TABLE_TOKENS {
        out.notes.push(format!(
            "表格区域有 {} 段文字，只读取前 {MAX_TABLE_TOKENS} 段",
            obs.len()
        ));
        obs.truncate(MAX_TABLE_TOKENS);
    }
    let (n, m) = (obs.len(), items.len());
    if n == 0 {
        out.confidence = Confidence::None;
        out.notes.push("没有找到表格内容".into());
        return;
    }
    // keys of fragments, and of joined fragments obs[i..i+k] (the key of a concatenation is the
    // concatenation of the keys, built only where a join is worth comparing): key_len[i][k-1] is the
    // length of that key, `None` where a fragment in between carries values or the joined text is
    // longer than any label
    // Per fragment: the number of characters of its key and of its text, and where its key is in
    // `keys` (all of them in one string); the key's characters are split out only where a similarity
    // has to be computed.
    let mut keys = String::new();
    let own: Vec<(usize, usize, (usize, usize))> = obs
        .iter()
        .map(|o| {
            let t = o.tok.text(src);
            let start = keys.len();
            crate::norm::push_key(&mut keys, t);
            let k = &keys[start..];
            (k.chars().count(), t.chars().count(), (start, keys.len()))
        })
        .collect();
    let key_of = |i: usize| &keys[own[i].2 .0..own[i].2 .1];
    let key_len: Vec<[Option<usize>; MAX_JOIN]> = (0..n)
        .map(|i| {
            std::array::from_fn(|k0| {
                let k = k0 + 1;
                if i + k > n || obs[i..i + k - 1].iter().any(|o| !o.values.is_empty()) {
                    return None;
                }
                let chars: usize = own[i..i + k].iter().map(|o| o.1).sum();
                (chars <= 120).then(|| own[i..i + k].iter().map(|o| o.0).sum())
            })
        })
        .collect();
    let joined = |i: usize, k: usize, buf: &mut Vec<char>| {
        buf.clear();
        for f in i..i + k {
            buf.extend(key_of(f).chars());
        }
    };
    let mut jbuf: Vec<char> = Vec::new();
    let mut jbits: Vec<u64> = Vec::new();
    let mut jkey = String::new();
    let memo = reader.similarities(table);
    let mut cache = JoinSimilarities::default();
    let patterns: Vec<&[Pattern]> = items.iter().map(|it| it.patterns.as_slice()).collect();
    let item_keys_len: Vec<usize> = patterns.iter().map(|p| p[0].len()).collect();
    // similarity of each single fragment with each item, computed once: single[i * m + j]
    let mut single = vec![0.0f32; n * m];
    // and, per fragment, the items it resembles (similarity ≥ 0.45, the only ones a single fragment
    // is matched with), in item order: resembling[resembles[i]..resembles[i + 1]]
    let mut resembling: Vec<usize> = Vec::new();
    let mut resembles: Vec<usize> = Vec::with_capacity(n + 1);
    let mut bits: Vec<u64> = Vec::new();
    for i in 0..n {
        resembles.push(resembling.len());
        if key_len[i][0].is_none() {
            continue;
        }
        let row = &mut single[i * m..(i + 1) * m];
        // a fragment whose key is exactly an item's key is that item (labels differing only in
        // punctuation, width and spacing — the common case): no need to compare it with the others
        if let Some(exact) = table.by_key.get(key_of(i)) {
            for &j in exact {
                row[j] = 1.0;
            }
        } else if let Some(known) = memo.and_then(|c| c.singles.get(key_of(i))) {
            row.copy_from_slice(&known);
        } else {
            let k: &[char] = &key_of(i).chars().collect::<Vec<char>>();
            // below 0.45 a fragment is as unlike an item as 0 (no transition uses such a value): the
            // character-set bound skips most comparisons
            bits.clear();
            bits.extend(k.iter().map(|&c| char_bit(c)));
            for (j, v) in row.iter_mut().enumerate() {
                if patterns[j].iter().any(|p| {
                    max_similarity(p.len(), k.len()) >= 0.45 && p.similarity_bound(&bits) >= 0.45
                }) {
                    *v = best_similarity(patterns[j], k);
                }
            }
            if let Some(memo) = memo {
                memo.singles.insert(key_of(i), (&*row).into());
            }
        }
        resembling.extend((0..m).filter(|&j| row[j] >= 0.45));
    }
    resembles.push(resembling.len());
    let single = |i: usize, j: usize| single[i * m + j];
    // what the transitions need, read once: per fragment its number of values, the cost of skipping it
    // and how many fragments from it may be joined (a prefix of 1..=MAX_JOIN); per item the cost of
    // skipping it and the number of values a row takes (`None` for a non-row line)
    let n_values: Vec<usize> = obs.iter().map(|o| o.values.len()).collect();
    let joins: Vec<usize> = key_len
        .iter()
        .map(|l| l.iter().take_while(|x| x.is_some()).count())
        .collect();
    let skip_item: Vec<f32> = items
        .iter()
        .map(|it| match it.kind {
            ItemKind::Header => 0.15,
            ItemKind::Block | ItemKind::Group => 0.35,
            ItemKind::Row => 1.0,
        })
        .collect();
    let row_values: Vec<Option<usize>> = items
        .iter()
        .map(|it| (it.kind == ItemKind::Row).then_some(it.columns.len()))
        .collect();
    let inf = f32::INFINITY;
    let w = m + 1;
    let mut dp = vec![inf; (n + 1) * w];
    let mut back = vec![Step::SkipObs; (n + 1) * w];
    dp[0] = 0.0;
    // Row by row. A cell (i, j) is relaxed, in this order, by Match(3), Match(2) and Match(1) from rows
    // i−3…i−1, SkipObs from (i−1, j) and SkipItem from (i, j−1); the first minimum is kept (`<`), so
    // that order decides ties, and each row is processed so as to keep it: (a) the SkipItem sweep
    // along row i (everything from earlier rows is in by then), (b) the matches out of row i, which
    // only reach later rows, and only from the few (i, j) whose fragment resembles item j, (c) SkipObs
    // into row i+1, after the Match(1) relaxations of that row.
    let every_item: Vec<usize> = (0..m).collect();
    for i in 0..=n {
        let row = i * w;
        // (a) (the value of the previous cell carried in a register)
        let mut prev = dp[row];
        for j in 0..m {
            let c = prev + skip_item[j];
            prev = dp[row + j + 1];
            if c < prev {
                dp[row + j + 1] = c;
                back[row + j + 1] = Step::SkipItem;
                prev = c;
            }
        }
        if i == n {
            break;
        }
        // (b)
        for k in 1..=joins[i] {
            let Some(kl) = key_len[i][k - 1] else {
                continue;
            };
            let cand = if k == 1 {
                // (the common case: a fragment unlike every item but one or two)
                &resembling[resembles[i]..resembles[i + 1]]
            } else {
                &every_item[..]
            };
            // the joined key, built once for every item it is compared with, when one is, and its
            // similarities with the items as far as known
            let mut built = false;
            let mut known: Option<usize> = None;
            for &j in cand {
                let cur = dp[row + j];
                if cur == inf {
                    continue;
                }
                // joined text much longer than the label is not that label
                if kl > item_keys_len[j] * 2 + 4 || (k > 1 && kl > item_keys_len[j] + 1) {
                    continue;
                }
                // joining fragments must explain the label better than any fragment alone: a
                // fragment that is (almost) the label already rules the join out
                if k > 1 && (i..i + k).any(|f| single(f, j) + 0.04 >= 1.0) {
                    continue;
                }
                let sim = if k == 1 {
                    single(i, j)
                } else {
                    // a join below 0.8 is not taken (below): no need to know how far below (the
                    // length bound first: it bounds the character-set bound)
                    if patterns[j]
                        .iter()
                        .all(|p| max_similarity(p.len(), kl) < 0.8)
                    {
                        continue;
                    }
                    let at = *known.get_or_insert_with(|| {
                        jkey.clear();
                        for f in i..i + k {
                            jkey.push_str(key_of(f));
                        }
                        match cache.joins.get(jkey.as_str()) {
                            Some(&at) => at,
                            None => {
                                let at = cache.join_sims.len();
                                match memo.and_then(|c| c.joins.get(&jkey)) {
                                    Some(known) => cache.join_sims.extend_from_slice(&known),
                                    None => cache.join_sims.resize(at + m, UNKNOWN_SIM),
                                }
                                cache.joins.insert(jkey.clone(), at);
                                at
                            }
                        }
                    });
                    let known = &mut cache.join_sims[at..at + m];
                    if known[j] == UNKNOWN_SIM {
                        if !built {
                            joined(i, k, &mut jbuf);
                            jbits.clear();
                            jbits.extend(jbuf.iter().map(|&c| char_bit(c)));
                            built = true;
                        }
                        // (0 where the character-set bound is below 0.8: such a join is not taken)
                        known[j] = if patterns[j].iter().all(|p| {
                            max_similarity(p.len(), kl) < 0.8 || p.similarity_bound(&jbits) < 0.8
                        }) {
                            0.0
                        } else {
                            best_similarity(patterns[j], &jbuf)
                        };
                    }
                    known[j]
                };
                if sim < 0.45 {
                    continue;
                }
                if k > 1 && (sim < 0.8 || (i..i + k).any(|f| single(f, j) + 0.04 >= sim)) {
                    continue;
                }
                let last = n_values[i + k - 1];
                let mut c = cur + (1.0 - sim) * 1.2 + 0.03 * (k - 1) as f32;
                match row_values[j] {
                    Some(cols) => {
                        if last != cols && last != 0 {
                            c += 0.2;
                        }
                    }
                    None => {
                        if last != 0 {
                            c += 0.25;
                        }
                    }
                }
                let t = (i + k) * w + j + 1;
                if c < dp[t] {
                    dp[t] = c;
                    back[t] = Step::Match(k as u8);
                }
            }
        }
        // (c)
        let cost = if n_values[i] == 0 { 0.3 } else { 1.2 };
        let (this, next) = dp[row..].split_at_mut(w);
        for ((c, d), b) in this
            .iter()
            .zip(&mut next[..w])
            .zip(&mut back[row + w..row + 2 * w])
        {
            let c = c + cost;
            if c < *d {
                *d = c;
                *b = Step::SkipObs;
            }
        }
    }
    if let Some(memo) = memo {
        for (join, &at) in &cache.joins {
            memo.joins.insert(join, cache.join_sims[at..at + m].into());
        }
    }
    // backtrack
    let mut matched: Vec<Option<(usize, usize)>> = vec![None; m]; // item -> (first obs, count)
    let mut skipped_obs: Vec<usize> = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        match back[i * w + j] {
            Step::SkipObs => {
                i -= 1;
                skipped_obs.push(i);
            }
            Step::SkipItem => j -= 1,
            Step::Match(k) => {
                let k = usize::from(k);
                i -= k;
                j -= 1;
                matched[j] = Some((i, k));
            }
        }
    }
    skipped_obs.reverse();

    // orphan values: values attached to a matched non-row token, available to the next unmatched row
    let mut pending_orphans: Vec<Token> = leading;
    let first_row_obs = matched
        .iter()
        .enumerate()
        .filter(|(j, _)| items[*j].kind == ItemKind::Row)
        .find_map(|(_, m)| m.map(|(i, _)| i))
        .unwrap_or(n);
    for (j, item) in items.iter().enumerate() {
        match (item.kind, matched[j]) {
            (ItemKind::Row, Some((oi, k))) => {
                let parts: Vec<TextRange> = obs[oi..oi + k].iter().map(|o| o.tok.range).collect();
                let text_joined: String = obs[oi..oi + k]
                    .iter()
                    .map(|o| trim(o.tok.text(src)))
                    .collect();
                // (a single fragment was matched with at least 0.45, so `single` holds its exact
                // similarity)
                let sim = if k == 1 && single(oi, j) >= 0.45 {
                    single(oi, j)
                } else if key_len[oi][k - 1].is_some() {
                    joined(oi, k, &mut jbuf);
                    best_similarity(patterns[j], &jbuf)
                } else {
                    0.0
                };
                let values = &obs[oi + k - 1].values;
                let label_range = TextRange::new(parts[0].start(), parts[parts.len() - 1].end());
                let run =
                    (values.len() == 1 && values[0].run && item.columns.len() > 1).then(|| {
                        RunTogether {
                            digits: values[0].text(src).to_string(),
                            range: values[0].range,
                            candidates: Vec::new(),
                            too_many: false,
                        }
                    });
                let (cells, extra) = if run.is_some() {
                    (Vec::new(), Vec::new())
                } else {
                    assign(src, values, &item.columns)
                };
                let end = values.last().map_or(label_range.end(), |v| v.range.end());
                out.rows.push(Row {
                    run_together: run,
                    id: &item.id,
                    label: Some(Label {
                        exact: text_joined == item.label,
                        text: text_joined,
                        range: label_range,
                        parts,
                        similarity: sim,
                    }),
                    cells,
                    extra_cells: extra,
                    range: TextRange::new(label_range.start(), end),
                });
                pending_orphans.clear();
            }
            (ItemKind::Row, None) => {
                if !pending_orphans.is_empty() && pending_orphans.len() == item.columns.len() {
                    let toks = std::mem::take(&mut pending_orphans);
                    let (cells, extra) = assign(src, &toks, &item.columns);
                    let range =
                        TextRange::new(toks[0].range.start(), toks[toks.len() - 1].range.end());
                    out.rows.push(Row {
                        run_together: None,
                        id: &item.id,
                        label: None,
                        cells,
                        extra_cells: extra,
                        range,
                    });
                }
            }
            (_, Some((oi, k))) => {
                let text_joined: String = obs[oi..oi + k]
                    .iter()
                    .map(|o| trim(o.tok.text(src)))
                    .collect();
                let range =
                    TextRange::new(obs[oi].tok.range.start(), obs[oi + k - 1].tok.range.end());
                let values = &obs[oi + k - 1].values;
                out.markers.push(Marker {
                    exact: text_joined == item.label,
                    label: text_joined,
                    standard: &item.label,
                    range,
                    values: values.len(),
                    kind: item.kind,
                });
                // values after a header stand for the next row when its label is missing;
                // values on a group line belong to the group line itself (2019 style)
                pending_orphans = if item.kind == ItemKind::Group {
                    Vec::new()
                } else {
                    values.to_vec()
                };
                if item.kind == ItemKind::Group && !values.is_empty() {
                    out.notes.push(format!(
                        "「{}」一行带有 {} 个数值，但模板中它没有自己的数值",
                        item.label,
                        values.len()
                    ));
                }
            }
            (_, None) => {}
        }
    }
    // unknown lines carrying values
    for &si in &skipped_obs {
        let o = &obs[si];
        if !o.values.is_empty() {
            let end = o.values.last().map_or(o.tok.range.end(), |v| v.range.end());
            out.unknown.push(Unknown {
                text: o.tok.text(src).to_string(),
                range: TextRange::new(o.tok.range.start(), end),
                values: o.values.len(),
            });
        }
    }
    let _ = first_row_obs;
    recover_run_together(tpl, table, out);
    // confidence
    let expected_rows = table.rows().count();
    let found = out.rows.len();
    let bad_counts = out
        .rows
        .iter()
        .filter(|r| {
            r.cells.len() != table.row(r.id).map_or(0, |i| i.columns.len())
                || !r.extra_cells.is_empty()
        })
        .count();
    out.confidence = if found == 0 {
        out.notes.push("没有识别出任何模板行".into());
        Confidence::None
    } else if found * 4 < expected_rows * 3
        || bad_counts * 4 > found
        || out.unknown.len() * 4 > found
    {
        out.notes.push(format!(
            "识别出 {found}/{expected_rows} 行，其中 {bad_counts} 行数值个数不符，{} 行无法识别",
            out.unknown.len()
        ));
        Confidence::Low
    } else {
        Confidence::High
    };
}

/// Most splits of a run of digits examined before giving up on listing them.
const MAX_SPLITS: usize = 200_000;

/// Every way to cut `digits` into `k` numbers written without leading zeros, accepted by `keep`.
fn splits(digits: &str, k: usize, keep: &dyn Fn(&[u64]) -> bool) -> (Vec<Vec<u64>>, bool) {
    fn go(
        d: &[u8],
        k: usize,
        cur: &mut Vec<u64>,
        keep: &dyn Fn(&[u64]) -> bool,
        out: &mut Vec<Vec<u64>>,
        budget: &mut usize,
    ) {
        if *budget == 0 {
            return;
        }
        *budget -= 1;
        if k == 0 {
            if d.is_empty() && keep(cur) {
                out.push(cur.clone());
            }
            return;
        }
        if d.len() < k {
            return;
        }
        let max = if d[0] == b'0' {
            1
        } else {
            (d.len() - (k - 1)).min(12)
        };
        for len in 1..=max {
            let v: u64 = std::str::from_utf8(&d[..len])
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            cur.push(v);
            go(&d[len..], k - 1, cur, keep, out, budget);
            cur.pop();
        }
    }
    let mut out = Vec::new();
    let mut budget = MAX_SPLITS;
    go(
        digits.as_bytes(),
        k,
        &mut Vec::new(),
        keep,
        &mut out,
        &mut budget,
    );
    (out, budget == 0)
}

/// The row-direction identities of `row` as masks over its columns (in the row's column order):
/// `(lhs, rhs)` per identity.
fn row_identity_masks(
    tpl: &Template,
    table: &template::Table,
    row: &template::Item,
) -> Vec<(Vec<bool>, Vec<bool>)> {
    tpl.identities
        .iter()
        .filter(|i| i.table == table.id && i.direction == template::Direction::Row)
        .filter(|i| i.resolved.over.iter().any(|(id, _)| *id == row.id))
        .map(|i| {
            let mask = |side: &[(String, String)]| -> Vec<bool> {
                row.columns
                    .iter()
                    .map(|c| side.iter().any(|(id, _)| id == c))
                    .collect()
            };
            (mask(&i.resolved.lhs), mask(&i.resolved.rhs))
        })
        .collect()
}

/// Do the row-direction identities (as [`row_identity_masks`]) hold for these values?
fn row_identities_hold(masks: &[(Vec<bool>, Vec<bool>)], values: &[u64]) -> bool {
    masks.iter().all(|(lhs, rhs)| {
        let sum = |mask: &[bool]| -> u64 {
            mask.iter()
                .zip(values)
                .filter(|(m, _)| **m)
                .map(|(_, v)| *v)
                .sum()
        };
        sum(lhs) == sum(rhs)
    })
}

/// Do the column-direction identities hold wherever every cell they need is known?
fn column_identities_hold(tpl: &Template, table: &template::Table, out: &Table) -> bool {
    tpl.identities
        .iter()
        .filter(|i| i.table == table.id && i.direction == template::Direction::Column)
        .all(|i| {
            table.resolve_columns(&i.over).iter().all(|col| {
                let sum = |rows: &[String]| -> Option<f64> {
                    table
                        .resolve_rows(rows)
                        .iter()
                        .map(|r| out.value(r, col))
                        .sum()
                };
                match (sum(&i.lhs), sum(&i.rhs)) {
                    (Some(l), Some(r)) => (l - r).abs() < 1e-6,
                    _ => true,
                }
            })
        })
}

/// Values written run together (「640020470」): keep the splits the identities allow. One split: the
/// values are recovered (NB208 warning); several: the row stays without values (NB208 error).
fn recover_run_together(tpl: &Template, table: &'static template::Table, out: &mut Table) {
    let mut ambiguous = Vec::new();
    for (ri, row) in out.rows.iter_mut().enumerate() {
        let Some(run) = &mut row.run_together else {
            continue;
        };
        let Some(item) = table.row(row.id) else {
            continue;
        };
        let masks = row_identity_masks(tpl, table, item);
        let (candidates, too_many) = splits(&run.digits, item.columns.len(), &|v| {
            row_identities_hold(&masks, v)
        });
        run.candidates = candidates;
        run.too_many = too_many;
        if run.candidates.len() > 1 {
            ambiguous.push(ri);
        }
    }
    fill_unique(table, out);
    // one ambiguous row: the column identities (I2, I3) with the other rows may decide
    if ambiguous.len() == 1 {
        let ri = ambiguous[0];
        let candidates = out.rows[ri]
            .run_together
            .as_ref()
            .map(|r| r.candidates.clone())
            .unwrap_or_default();
        let mut keep = Vec::new();
        for c in candidates {
            fill_run(table, &mut out.rows[ri], &c);
            if column_identities_hold(tpl, table, out) {
                keep.push(c);
            }
            out.rows[ri].cells.clear();
        }
        if !keep.is_empty() {
            if let Some(r) = &mut out.rows[ri].run_together {
                r.candidates = keep;
            }
        }
    }
    fill_unique(table, out);
}

fn fill_unique(table: &'static template::Table, out: &mut Table) {
    for row in &mut out.rows {
        let one = row
            .run_together
            .as_ref()
            .filter(|r| r.candidates.len() == 1 && !r.too_many)
            .map(|r| r.candidates[0].clone());
        if let Some(values) = one {
            fill_run(table, row, &values);
        }
    }
}

fn fill_run(table: &'static template::Table, row: &mut Row, values: &[u64]) {
    let (Some(item), Some(run)) = (table.row(row.id), &row.run_together) else {
        return;
    };
    row.cells = item
        .columns
        .iter()
        .zip(values)
        .map(|(c, v)| Cell {
            column: c,
            range: run.range,
            raw: v.to_string(),
            value: Value::Number {
                value: *v as f64,
                integer: true,
                unit: None,
            },
        })
        .collect();
}

fn assign(src: &str, values: &[Token], columns: &'static [String]) -> (Vec<Cell>, Vec<Cell>) {
    let cells = values
        .iter()
        .zip(columns)
        .map(|(t, c)| make_cell(src, t, c))
        .collect();
    let extra = values
        .iter()
        .skip(columns.len())
        .map(|t| make_cell(src, t, ""))
        .collect();
    (cells, extra)
}

/// Kind of values a column holds.
pub fn column_kind(table: &template::Table, column: &str) -> ValueKind {
    table.column(column).map(|c| c.kind).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus_texts() -> Vec<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/corpus");
        let mut texts = Vec::new();
        for d in [dir.to_string(), format!("{dir}/derived")] {
            let mut paths: Vec<_> = std::fs::read_dir(d)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.is_file())
                .collect();
            paths.sort();
            for p in paths {
                texts.push(crate::decode::decode(&std::fs::read(p).unwrap()).text);
            }
        }
        assert!(texts.len() > 5);
        texts
    }

    impl Reader {
        /// Entries held by all memo tables.
        fn memo_entries(&self) -> usize {
            self.cells.len()
                + self.headings.len()
                + self
                    .similarities
                    .iter()
                    .map(|s| s.singles.len() + s.joins.len())
                    .sum::<usize>()
        }
    }

    #[test]
    fn memo_tables_change_no_result() {
        // every report read by a reader that remembers nothing, and by one that has read every report
        // of the corpus twice before, and by sixteen threads sharing one reader: the same, cell for cell
        let texts = corpus_texts();
        let memo_less = Reader::without_memo();
        let expected: Vec<Report> = texts.iter().map(|t| memo_less.parse(t, None)).collect();
        assert_eq!(memo_less.memo_entries(), 0);
        let warm = Reader::new();
        for _ in 0..2 {
            for t in &texts {
                let _ = warm.parse(t, None);
            }
        }
        assert!(warm.memo_entries() > 0);
        for (t, e) in texts.iter().zip(&expected) {
            assert_eq!(&warm.parse(t, None), e);
        }
        let shared = Reader::new();
        std::thread::scope(|s| {
            for offset in 0..16 {
                let (shared, texts, expected) = (&shared, &texts, &expected);
                s.spawn(move || {
                    for i in 0..texts.len() {
                        let i = (i + offset) % texts.len();
                        assert_eq!(&shared.parse(&texts[i], None), &expected[i]);
                    }
                });
            }
        });
    }

    #[test]
    fn memo_tables_do_not_grow_with_threads() {
        // one thread, then sixty-four threads reading the same reports: the same entries, once
        let texts = corpus_texts();
        let one = Reader::new();
        for t in &texts {
            let _ = one.parse(t, None);
        }
        let many = Reader::new();
        std::thread::scope(|s| {
            for _ in 0..64 {
                let (many, texts) = (&many, &texts);
                s.spawn(move || {
                    for t in texts {
                        let _ = many.parse(t, None);
                    }
                });
            }
        });
        assert_eq!(one.memo_entries(), many.memo_entries());
    }

    #[test]
    fn has_space_agrees_with_is_space_for_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let one = c.to_string();
            let more = format!("公开{c}1");
            assert_eq!(has_space(&one), is_space(c), "{:X}", c as u32);
            assert_eq!(has_space(&more), is_space(c), "{:X}", c as u32);
        }
    }

    #[test]
    fn values() {
        assert_eq!(
            parse_value("0"),
            Some(Value::Number {
                value: 0.0,
                integer: true,
                unit: None
            })
        );
        assert_eq!(
            parse_value("\u{3000}\u{3000}14"),
            Some(Value::Number {
                value: 14.0,
                integer: true,
                unit: None
            })
        );
        assert_eq!(
            parse_value("583.9"),
            Some(Value::Number {
                value: 583.9,
                integer: false,
                unit: None
            })
        );
        assert_eq!(
            parse_value("减少2487项"),
            Some(Value::Number {
                value: -2487.0,
                integer: true,
                unit: Some("项".into())
            })
        );
        assert_eq!(
            parse_value("１２"),
            Some(Value::Number {
                value: 12.0,
                integer: true,
                unit: None
            })
        );
        assert_eq!(parse_value("/"), Some(Value::Blank));
        assert_eq!(parse_value("—"), Some(Value::Blank));
        assert_eq!(parse_value("1.属于国家秘密"), None);
        assert_eq!(parse_value("规章"), None);
        assert_eq!(parse_value("1."), None);
    }

    #[test]
    fn headings() {
        assert_eq!(
            match_heading(Reader::shared(), "一、总体情况")
                .unwrap()
                .section,
            "overview"
        );
        assert_eq!(
            match_heading(Reader::shared(), "一、总体情")
                .unwrap()
                .section,
            "overview"
        );
        assert_eq!(
            match_heading(
                Reader::shared(),
                "四、因政府信息公开申请行政复议、提起行政诉讼的情况"
            )
            .unwrap()
            .section,
            "review_litigation"
        );
        assert!(match_heading(Reader::shared(), "二、上年结转政府信息公开申请数量").is_none());
        assert!(match_heading(Reader::shared(), "三、本年度办理结果").is_none());
        assert!(match_heading(Reader::shared(), "四、结转下年度继续办理").is_none());
        assert!(match_heading(Reader::shared(), "（一）主动公开政府信息的情况").is_none());
        assert!(match_heading(Reader::shared(), "一、本年新收政府信息公开申请数量").is_none());
    }

    #[test]
    fn dates_found() {
        let d = dates("发表日期:2022-01-19 和 2021年1月19日", 0);
        assert_eq!(d.len(), 2);
        assert_eq!((d[1].year, d[1].month, d[1].day), (2021, 1, 19));
    }
}
