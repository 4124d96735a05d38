//! Stage 4: a table region → a flat sequence of cell tokens (tabs, pipes, one cell per line, cells
//! aligned by spaces and digits written straight after a label all look alike here).

use super::*;

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

pub(super) fn is_separator_row(cells: &[&str]) -> bool {
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
pub(super) fn is_invented_header(cells: &[&str]) -> bool {
    let filled = || cells.iter().map(|c| trim(c)).filter(|c| !c.is_empty());
    filled().all(|c| {
        !c.chars().any(is_han) && c.chars().any(|ch| ch.is_alphabetic()) && parse_value(c).is_none()
    }) && filled().nth(1).is_some()
}

/// A token of a cell, its range relative to the cell's start.
pub(super) type CachedToken = (u32, u32, TokKind, bool);

/// Split a region into cell tokens. Cells are separated by tabs, pipes and line breaks. `all` are the
/// lines of `text` ([`lines`]); the region starts at the start of a line and ends at the start of one
/// (or at the end of the text), as section bodies do.
pub(crate) fn tokenize(text: &str, region: TextRange, all: &[Line], reader: &Reader) -> Vec<Token> {
    let mut out = Vec::new();
    let (rs, re) = (usize::from(region.start()), usize::from(region.end()));
    debug_assert!(
        rs == re
            || (all.iter().any(|l| l.start == rs)
                && (re == text.len() || all.iter().any(|l| l.next == re))),
        "a region of whole (reading) lines"
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
            // and most others a plain label: an ideograph first (none a value or a page number
            // starts with), no ASCII (digits, markup, spaces) and no other space: one text token,
            // as the steps below would find, without asking the reader's memo
            if is_plain_label(&text[a..b]) {
                line_tokens.push(Token {
                    range: r(a, b),
                    empty: false,
                    kind: TokKind::Text,
                    run: false,
                });
                continue;
            }
            // the tokens of a cell depend on its text only: labels and headers repeat from report
            // to report and are split once per process
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
            // (in a row rebuilt from cells one per line every cell is there: a blank one after the
            // row's first cell and before no text is a blank value, at the row's end too)
            let rebuilt = line.cells
                && before.is_some()
                && line_tokens[i..].iter().all(|t| t.kind != TokKind::Text);
            if (before == Some(true) && after == Some(true)) || rebuilt {
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

/// A cell that is one label and nothing else: see [`tokenize`].
fn is_plain_label(cell: &str) -> bool {
    cell.chars()
        .next()
        .is_some_and(|c| is_han(c) && !matches!(c, '增' | '减' | '无' | '空' | '第'))
        && cell.bytes().all(|b| b >= 0x80)
        && !has_space(cell)
}

/// Where `inner`, a slice of `outer` (as [`trim`] returns), starts in it.
pub(super) fn offset_in(outer: &str, inner: &str) -> usize {
    let off = (inner.as_ptr() as usize).wrapping_sub(outer.as_ptr() as usize);
    debug_assert!(off <= outer.len() && outer.get(off..off + inner.len()) == Some(inner));
    off
}

/// Does `s` hold a character [`is_space`] accepts? (Bytes first: spaces are ASCII or start with one of
/// a few lead bytes, which most cells — ideographs and digits — do not contain.)
pub(super) fn has_space(s: &str) -> bool {
    s.bytes()
        .any(|b| matches!(b, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF))
        && s.chars().any(is_space)
}

/// What a PDF-to-Markdown converter writes that is not the report's: a line break inside a cell
/// (「<br>」) on its own, and its notes where a picture was (「==> picture [205 x 13] intentionally
/// omitted <==」, 「----- Start of picture text -----」).
fn is_converter_mark(t: &str) -> bool {
    if !t.starts_with(['<', '=', '-', '*']) {
        return false; // (most cells: a label or a number)
    }
    let bare = without_line_break_tags(t);
    let bare = trim(bare.trim_matches('*'));
    bare.is_empty()
        || (bare.starts_with("==>") && bare.ends_with("<=="))
        || (bare.starts_with("-----") && bare.ends_with("-----") && bare.is_ascii())
}

/// The text without its HTML line breaks (「<br>」, 「<br/>」, 「<br />」).
pub(super) fn without_line_break_tags(t: &str) -> std::borrow::Cow<'_, str> {
    if !t.contains("<br") && !t.contains("<BR") {
        return std::borrow::Cow::Borrowed(t);
    }
    let mut out = t.to_string();
    for tag in ["<br />", "<br/>", "<br>", "<BR />", "<BR/>", "<BR>"] {
        out = out.replace(tag, "");
    }
    std::borrow::Cow::Owned(out)
}

/// Page numbers copied out of PDFs: 「-4-」, 「— 4 —」, 「第4页」, 「第 4 页 共 9 页」.
pub(super) fn is_page_number(t: &str) -> bool {
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

pub(super) fn push_token(text: &str, a: usize, b: usize, run: bool, out: &mut Vec<Token>) {
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
pub(super) fn cell_tokens(text: &str, a: usize, b: usize, out: &mut Vec<Token>) {
    let cell = &text[a..b];
    if is_page_number(cell) || is_converter_mark(cell) {
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

pub(super) fn classify(t: &str) -> Option<TokKind> {
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
