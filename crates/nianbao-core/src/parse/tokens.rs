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
            // a Markdown table's 「---」, a grid table's border 「+------+----+」 「+======+」 (pandoc)
            c.len() >= 3
                && c.chars().all(|ch| matches!(ch, '-' | '=' | '+' | ':'))
                && c.chars().filter(|&ch| ch == '-' || ch == '=').count() >= 3
        })
}

/// A line that is a Markdown table's delimiter row, its cells apart by pipes (「---|---」,
/// 「| :--- | ---: |」, 「---」).
fn is_delimiter_row(line: &str) -> bool {
    memchr::memchr(b'-', line.as_bytes()).is_some() && {
        let cells: Vec<&str> = line.split('|').collect();
        is_separator_row(&cells)
    }
}

/// A header row invented by a converter (「| Column 1 | Column 2 |」, 「| Col1 | Col2 |」): several cells,
/// none a number and none with a Chinese character.
pub(super) fn is_invented_header(cells: &[&str]) -> bool {
    let filled = || cells.iter().map(|c| trim(c)).filter(|c| !c.is_empty());
    filled().all(|c| {
        !c.chars().any(is_han) && c.chars().any(|ch| ch.is_alphabetic()) && parse_value(c).is_none()
    }) && filled().nth(1).is_some()
}

/// The name a converter gives a column of a table it laid out again (「Col6」「Column 6」), not a
/// cell of the table.
fn is_column_placeholder(cell: &str) -> bool {
    let t = trim(cell);
    let Some(number) = t.strip_prefix("Column").or_else(|| t.strip_prefix("Col")) else {
        return false;
    };
    let number = number.trim_start_matches([' ', '_']);
    !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())
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
    // a table of tab rows (a web page's, a browser's copy): each row is a line, so a line holding no
    // tab is no row of it
    let tab_rows = memchr::memchr(b'\t', &text.as_bytes()[rs..re]).is_some();
    // buffers reused from line to line
    let mut cells: Vec<(usize, usize)> = Vec::new();
    let mut texts: Vec<&str> = Vec::new();
    let mut line_tokens: Vec<Token> = Vec::new();
    let mut blanks: Vec<(usize, TextRange)> = Vec::new(); // (index in line_tokens, range)
    let mut page_number_ends = false; // this line ends a page number cut over two lines
    for (index, line) in region_lines.enumerate() {
        let (ls, le) = (line.start, line.end);
        let s = &text[ls..le];
        let t = trim(s);
        if std::mem::take(&mut page_number_ends) {
            continue;
        }
        if t.is_empty() || (t.starts_with("<!--") && t.ends_with("-->")) {
            continue; // blank lines and comments (suppressions, fmt-off markers) are not cells
        }
        // a page number cut over two lines (PDFium: 「— 」 then 「4 —」): neither line is a cell
        if !line.cells && page_number_cut_here(text, t, all.get(first + index + 1), re) {
            page_number_ends = true;
            continue;
        }
        // a blank mark alone in a paragraph beside such a table (pandoc's hard line break 「\」 for a
        // page's `<br>`, a 「/」) is no cell of it; nor a blank mark that is a paragraph of its own
        // right after a Markdown table (its rows open with a pipe, a grid table's borders with a
        // 「+」): such a table's rows are its lines, and a row starts with its label
        if !line.cells
            && super::values::BLANKS.contains(&t)
            && (tab_rows || mark_after_markdown_table(text, all, first + index, re))
        {
            continue;
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
        // a row cut out of text without line breaks (a crawler's line, FORMAT.md §7.1) that shows
        // its blank cells as spaces between the values run together: one run ([`spaced_run`])
        if !multi && !line.cells && le == line.next && le < text.len() {
            if let Some(at) = spaced_run(s) {
                let label = trim(&s[..at]);
                if !label.is_empty() {
                    let la = ls + offset_in(s, label);
                    cell_tokens(text, la, la + label.len(), &mut line_tokens);
                }
                let tail = trim(&s[at..]);
                let kind = match parse_value(tail) {
                    _ if tail.is_empty() => TokKind::Value(Value::Blank),
                    Some(v @ Value::Number { .. }) => TokKind::Value(v),
                    _ => TokKind::Value(Value::Text),
                };
                line_tokens.push(Token {
                    range: r(ls + at, le),
                    empty: false,
                    kind,
                    run: true,
                });
                out.append(&mut line_tokens);
                continue;
            }
        }
        for &(a, b) in &cells {
            // most cells of a table are a plain number: no markup, no space, nothing to split (what
            // the steps below would find), straight to its token
            let raw = &text.as_bytes()[a..b];
            if !raw.is_empty()
                && raw.len() <= 15
                && raw.iter().all(u8::is_ascii_digit)
                && (raw[0] != b'0' || raw.len() == 1)
            {
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
            // a converter's name for a column (「Col6」) in the header row it made of a table's
            // first row, the table's own cells beside it: an empty cell (FORMAT.md §7.4)
            if multi && is_column_placeholder(&text[a..b]) {
                blanks.push((line_tokens.len(), r(a, b)));
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
    join_label_pieces(text, out)
}

/// Every template's labels (its items' but the header cells', and their known variants), white space
/// removed, and every start of one: what the pieces of a label that a route wrote a few characters a
/// line must join to ([`join_label_pieces`]).
static LABEL_KEYS: std::sync::LazyLock<(
    std::collections::HashSet<String>,
    std::collections::HashSet<String>,
)> = std::sync::LazyLock::new(|| {
    let mut labels = std::collections::HashSet::new();
    let mut starts = std::collections::HashSet::new();
    let items = template::all()
        .iter()
        .flat_map(|t| &t.tables)
        .flat_map(|t| &t.items)
        .filter(|i| i.kind != ItemKind::Header);
    for name in items.flat_map(template::Item::names) {
        let key: String = name.chars().filter(|&c| !is_space(c)).collect();
        for (i, _) in key.char_indices().skip(1) {
            starts.insert(key[..i].to_string());
        }
        starts.insert(key.clone());
        labels.insert(key);
    }
    (labels, starts)
});

/// A label that a route wrote in pieces over lines (PDFium's text of a narrow cell: 「1.」「属」「于」「国」
/// 「家秘密」, spaces inside a piece: 「7.属于行」「政执法案 卷」; FORMAT.md §7.2) read as one text token
/// covering all the pieces, where the pieces joined, without the line breaks and white space between
/// and inside them, are exactly a template's label (or a known variant of it). A piece is a whole
/// line of text tokens only, or a line between two such lines that gave no token (「（」「、」 alone);
/// a line holding a value (「（二）部 0 0 0 0 0 0 0」) or any digit between the pieces is never
/// joined, nor pieces apart by a blank line, and pieces that join to anything but a template's label
/// stay as they are (the aligner may still join them, and NB203 judge them). From each line the
/// longest such run is taken.
fn join_label_pieces(text: &str, tokens: Vec<Token>) -> Vec<Token> {
    let spaces = |a: usize, b: usize| text[a..b].chars().all(is_space);
    let start_of = |k: usize| usize::from(tokens[k].range.start());
    let end_of = |k: usize| usize::from(tokens[k].range.end());
    // the lines of tokens: (first token, end), and whether the line holds text tokens only and
    // nothing else
    let mut lines: Vec<(usize, usize, bool)> = Vec::new();
    for k in 0..tokens.len() {
        let same_line = k > 0 && !text[end_of(k - 1)..start_of(k)].contains('\n');
        match lines.last_mut() {
            Some(line) if same_line => line.1 = k + 1,
            _ => lines.push((k, k + 1, false)),
        }
    }
    for line in &mut lines {
        let (start, end) = (start_of(line.0), end_of(line.1 - 1));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        line.2 = tokens[line.0..line.1]
            .iter()
            .all(|t| t.kind == TokKind::Text && !t.empty)
            && spaces(line_start, start)
            && spaces(end, line_end);
    }
    if lines.iter().filter(|l| l.2).count() < 2 {
        return tokens;
    }
    // the text between two pieces, joined into the label: lines that gave no token, no digit in
    // them, no blank line among them (`None` where they may not be joined)
    let between = |a: usize, b: usize| -> Option<&str> {
        let gap = &text[a..b];
        // (the lines strictly between: not the end of the first piece's line, nor the start of
        // the next piece's)
        let inner: Vec<&str> = gap.split('\n').collect();
        let blank_line =
            inner.len() > 2 && inner[1..inner.len() - 1].iter().any(|l| trim(l).is_empty());
        (!blank_line && !gap.chars().any(|c| c.is_ascii_digit())).then_some(gap)
    };
    let (labels, starts) = &*LABEL_KEYS;
    let mut key = String::new();
    let push = |key: &mut String, piece: &str| key.extend(piece.chars().filter(|&c| !is_space(c)));
    let mut joined: Vec<(usize, usize, usize)> = Vec::new(); // (label start, first token, end token)
    let mut i = 0;
    while i < lines.len() {
        // the piece before the line's tokens: a line before it that gave none (「（」 then 「四」)
        let previous_end = if lines[i].0 > 0 {
            end_of(lines[i].0 - 1)
        } else {
            0
        };
        let after_line = text[previous_end..start_of(lines[i].0)]
            .find('\n')
            .map(|n| previous_end + n + 1);
        let lead = after_line.filter(|_| lines[i].0 > 0).and_then(|a| {
            let gap = &text[a..start_of(lines[i].0)];
            let first = gap.find(|c: char| !is_space(c))?;
            let last_break = gap.rfind('\n')?;
            (first < last_break && between(a, start_of(lines[i].0)).is_some()).then_some(a + first)
        });
        let mut best = None;
        for from in lead.into_iter().chain([start_of(lines[i].0)]) {
            key.clear();
            push(&mut key, &text[from..start_of(lines[i].0)]);
            let mut j = i;
            while j < lines.len() && lines[j].2 {
                if j > i {
                    let Some(gap) = between(end_of(lines[j - 1].1 - 1), start_of(lines[j].0))
                    else {
                        break;
                    };
                    push(&mut key, gap);
                }
                push(
                    &mut key,
                    &text[start_of(lines[j].0)..end_of(lines[j].1 - 1)],
                );
                if !starts.contains(key.as_str()) {
                    break;
                }
                let pieces = lines[i].1 - lines[i].0 + (lines[j].1 - lines[i].1);
                if (pieces > 1 || from < start_of(lines[i].0))
                    && labels.contains(key.as_str())
                    && best.is_none_or(|(_, b)| j > b)
                {
                    best = Some((from, j));
                }
                j += 1;
            }
        }
        match best {
            Some((from, b)) => {
                joined.push((from, lines[i].0, lines[b].1));
                i = b + 1;
            }
            None => i += 1,
        }
    }
    if joined.is_empty() {
        return tokens;
    }
    let mut out = Vec::with_capacity(tokens.len());
    let mut next = joined.iter().peekable();
    let mut k = 0;
    while k < tokens.len() {
        if let Some(&&(from, _, end)) = next.peek().filter(|(_, a, _)| *a == k) {
            out.push(Token {
                range: r(from, end_of(end - 1)),
                empty: false,
                kind: TokKind::Text,
                run: false,
            });
            next.next();
            k = end;
        } else {
            out.push(tokens[k].clone());
            k += 1;
        }
    }
    out
}

/// Does the line `t` start a page number that the next line (before `re`) finishes — one of the two
/// only the marks around the number (「— 」 then 「4 —」, 「— 4」 then 「—」), together a page number
/// marked on both sides, which neither is alone?
fn page_number_cut_here(text: &str, t: &str, next: Option<&Line>, re: usize) -> bool {
    let Some(next) = next.filter(|l| l.end <= re && !l.cells) else {
        return false;
    };
    let u = trim(&text[next.start..next.end]);
    let only_marks = |s: &str| !s.is_empty() && s.chars().all(|c| super::marks::DECOR.contains(&c));
    (only_marks(t) || only_marks(u))
        && !is_marked_page_number(t)
        && !is_marked_page_number(u)
        && is_marked_page_number(&format!("{t}{u}"))
}

/// Is line `i` of `all` a paragraph of its own (a blank line before it, a blank line or the end of
/// the region, at `re`, after it) whose previous paragraph ends with a row of a Markdown table (a
/// line opening with a pipe) or a grid table's border (「+---+」)?
fn mark_after_markdown_table(text: &str, all: &[Line], i: usize, re: usize) -> bool {
    let blank = |l: &Line| trim(&text[l.start..l.end]).is_empty();
    let Some(before) = i.checked_sub(1).map(|j| &all[j]) else {
        return false;
    };
    if !blank(before) || all.get(i + 1).is_some_and(|l| l.start < re && !blank(l)) {
        return false;
    }
    all[..i].iter().rev().find(|l| !blank(l)).is_some_and(|l| {
        let t = trim(&text[l.start..l.end]);
        t.starts_with('|') || (t.starts_with('+') && is_separator_row(&[t]))
    })
}

/// Where the values of a row cut out of text without line breaks start, when they show blank cells:
/// the line's end (spaces kept) made only of digits and spaces, with a space among them (a blank
/// cell left one space: 「一、本年新收政府信息公开申请数量82135  21859」, 「7.属于行政执法案卷       」),
/// written straight after a label (a Chinese character or a closing bracket), or only spaces, at
/// least two (a heading followed by a space is no blank row). Values set apart from their label by
/// a space (「规章 0 0 0」) are values separated by spaces, read as such.
fn spaced_run(line: &str) -> Option<usize> {
    let at = line
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ')
        .len();
    let tail = &line[at..];
    let before = line[..at].chars().next_back()?;
    let digits = tail.bytes().filter(u8::is_ascii_digit).count();
    let spaces = tail.len() - digits;
    let label_end = is_han(before) || matches!(before, '）' | ')' | '”' | '」');
    let glued = tail.starts_with(|c: char| c.is_ascii_digit());
    (label_end && spaces > 0 && (glued || (digits == 0 && spaces >= 2))).then_some(at)
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

/// (The converter's line breaks in a cell are route marks: [`super::marks`].)
pub(super) use super::marks::without_line_break_tags;

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
    if is_marked_page_number(cell) || converter_note(cell).is_some() {
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
        // a number, and whether it has a unit (「251000元」「231项」)
        let number = |&(x, y): &(usize, usize)| match parse_value(&text[x..y]) {
            Some(Value::Number { unit, .. }) => Some(unit.is_some()),
            _ => None,
        };
        // a unit or a change word a converter set apart from its number is part of its cell
        // (「行政许可 231 项 增加 1297 项 31.2 万件」)
        let words = words_with_units_attached(text, &words);
        // a converter's paragraph of a table's rows (a table it did not find, written as text,
        // FORMAT.md §7.4: 「一、本年 0 0 0 0 0 0 0 新收政府 信息公开 申请数量 二、上年 …」): a row's
        // values stand inside its wrapped label and the next row's label follows them, so every
        // word is a cell of its own and the aligner joins a label's fragments around its values
        if values_inside_text(&words, number) {
            for &(x, y) in &words {
                if number(&(x, y)).is_some() {
                    push_token(text, x, y, false, out);
                } else {
                    cell_tokens(text, x, y, out);
                }
            }
            return;
        }
        let suffix = words.iter().rev().map_while(number).count();
        // (numbers with units only as a row of two values at least after its label: 「政府集中采购
        // 6 251000元」, not a label ending in a quantity, nor one cell written 「1 2%」)
        let with_unit = words[words.len() - suffix..]
            .iter()
            .any(|w| number(w) == Some(true));
        // …or a row's values on a line of their own, its label wrapped above them (pypdf, PDFium:
        // 「其他对外管理服务事」「项」「209 项 增加1859 项 1.6 万件」): three numbers at least, or
        // every one with its unit (「144项 2.953亿元」)
        let values_alone =
            suffix == words.len() && (suffix >= 3 || words.iter().all(|w| number(w) == Some(true)));
        if suffix > 0
            && (suffix < words.len() || suffix >= 2)
            && (!with_unit || (2..words.len()).contains(&suffix) || values_alone)
        {
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
    // values with their units or change words written straight after a label, one after the
    // other: 「行政许可231项增加1297项31.2万件」
    if let Some((head, pieces)) = values_with_units_after_label(cell) {
        push_token(text, a, a + head, false, out);
        for (x, y) in pieces {
            push_token(text, a + x, a + y, false, out);
        }
        return;
    }
    // a decimal written straight after a label: 「行政事业性收费583.9」
    if let Some(value) = decimal_glued_after_label(cell) {
        let cut = b - value;
        push_token(text, a, cut, false, out);
        push_token(text, cut, b, false, out);
        return;
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
    // zeros written straight before a value: 「05」「00」 are cells run together (a number is not
    // written with a leading zero), cut one way only when at most one digit follows the zeros
    let bytes = cell.as_bytes();
    if bytes.len() >= 2
        && bytes[0] == b'0'
        && bytes.iter().all(u8::is_ascii_digit)
        && bytes.iter().skip_while(|&&d| d == b'0').count() <= 1
    {
        for i in a..b {
            push_token(text, i, i + 1, false, out);
        }
        return;
    }
    push_token(text, a, b, false, out);
}

/// The length of a decimal number (「583.9」「0.5」) that ends `cell` written straight after a label
/// ending in a Chinese character or a closing bracket (text without white space, FORMAT.md §7.1:
/// 「…行政事业性收费583.9三、收到和处理…」). A decimal point is no cut between two cells, so the number
/// is one value, as the digits of a label's run are ([`cell_tokens`]); a row of more columns that
/// gets it alone still lacks values. `None` when the number has no digit on either side of its
/// point, starts with a zero followed by a digit (「05.5」: cells run together), or follows a digit,
/// a point or anything but such a label.
fn decimal_glued_after_label(cell: &str) -> Option<usize> {
    let fraction = cell.len() - cell.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let head = cell[..cell.len() - fraction].strip_suffix('.')?;
    let whole = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let label = &head[..head.len() - whole];
    let number = &head[head.len() - whole..];
    let last = label.chars().next_back()?;
    (fraction > 0
        && whole > 0
        && !(number.starts_with('0') && whole > 1)
        && (is_han(last) || matches!(last, '）' | ')' | '”' | '」')))
    .then_some(whole + 1 + fraction)
}

/// Do `words` (a line's words apart by single spaces) hold a run of two values at least with a word
/// of text before it and after it? A row's values stand so only where a converter wrote a table's
/// rows as a paragraph ([`cell_tokens`]); a label followed by its values (「规章 0 0 0」), a sentence
/// with one quantity in it (「共 46 件」) or values before a label are not such a line.
fn values_inside_text(
    words: &[(usize, usize)],
    number: impl Fn(&(usize, usize)) -> Option<bool>,
) -> bool {
    let mut run = 0;
    let mut after_text = false;
    for w in words {
        if number(w).is_some() {
            run += 1;
            continue;
        }
        if after_text && run >= 2 {
            return true;
        }
        after_text = true;
        run = 0;
    }
    false
}

/// A change word a value may open with, written alone (「增加」「减少」: [`SIGNS`]).
fn is_change_word(word: &str) -> bool {
    super::values::change_words().any(|w| w == word)
}

/// Words (ranges of `text`) with a unit written apart after its number joined to that number
/// (「231」「项」 → 「231 项」) and a change word written apart before its number joined to it
/// (「增加」「1297」 → 「增加 1297」): one cell each, as [`parse_value`] reads it. Emphasis marks
/// around a word (「**73」「项**」) are a converter's, not the author's. A unit after a word that is
/// not a number without a unit, or a change word before anything but a plain number, stays a word.
fn words_with_units_attached(text: &str, words: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let bare = |&(x, y): &(usize, usize)| text[x..y].trim_matches('*');
    let plain_number = |w: &(usize, usize)| {
        matches!(
            parse_value(&text[w.0..w.1]),
            Some(Value::Number { unit: None, .. })
        ) && bare(w).starts_with(|c: char| c.is_ascii_digit())
    };
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if is_change_word(bare(&w)) && words.get(i + 1).is_some_and(plain_number) {
            out.push((w.0, words[i + 1].1));
            i += 2;
            continue;
        }
        let unit = super::values::UNITS.contains(&bare(&w));
        match out.last_mut() {
            Some(last)
                if unit
                    && matches!(
                        parse_value(&text[last.0..last.1]),
                        Some(Value::Number { unit: None, .. })
                    ) =>
            {
                last.1 = w.1;
            }
            _ => out.push(w),
        }
        i += 1;
    }
    out
}

/// A label followed straight by values written with their units or change words, one after the
/// other without a space (text without white space, FORMAT.md §7.1: 「行政许可231项增加1297项31.2万件」,
/// 「行政事业性收费38减少11项」): the end of the label and the values' ranges in `cell`. A unit ends
/// its cell and a change word opens one, so each such cut is the author's; between them the digits
/// are one number (digits of two cells run together would be a row with fewer values than its
/// columns, which the reading of rows does not vouch for). Only when the values run to the cell's
/// end, each number with a unit, or followed by a change word, or the last; two values at least
/// (not a label or a sentence ending in a quantity: 「共收到申请5件」) and one unit or change word
/// among them (plain digits are [`cell_tokens`]' run); no number opening with a zero before another
/// digit (「05项」 is two cells). The label is what comes before the first place a value can start
/// (a digit, or a change word before a digit): when the values do not read from there, nothing is
/// cut.
pub(super) fn values_with_units_after_label(cell: &str) -> Option<(usize, Vec<(usize, usize)>)> {
    let starts_value = |rest: &str| {
        rest.starts_with(|c: char| c.is_ascii_digit())
            || super::values::change_words().any(|w| {
                rest.strip_prefix(w)
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
            })
    };
    // the values from `at` to the end, if they read so
    let chain = |mut at: usize| -> Option<Vec<(usize, usize)>> {
        let mut pieces = Vec::new();
        let mut marked = false;
        while at < cell.len() {
            let start = at;
            let rest = &cell[at..];
            if let Some(w) = super::values::change_words().find(|w| rest.starts_with(*w)) {
                at += w.len();
                marked = true;
            }
            let int = cell[at..].bytes().take_while(u8::is_ascii_digit).count();
            if int == 0 || (int > 1 && cell[at..].starts_with('0')) {
                return None;
            }
            at += int;
            if cell[at..].starts_with('.') {
                let frac = cell[at + 1..]
                    .bytes()
                    .take_while(u8::is_ascii_digit)
                    .count();
                if frac == 0 {
                    return None;
                }
                at += 1 + frac;
            }
            let rest = &cell[at..];
            let unit = super::values::UNITS
                .iter()
                .filter(|u| rest.starts_with(**u))
                .find(|u| rest.len() == u.len() || starts_value(&rest[u.len()..]));
            match unit {
                Some(u) => {
                    at += u.len();
                    marked = true;
                }
                None if rest.is_empty()
                    || starts_value(rest) && !rest.starts_with(|c: char| c.is_ascii_digit()) => {}
                None => return None,
            }
            pieces.push((start, at));
        }
        (marked && pieces.len() >= 2).then_some(pieces)
    };
    // the label: Chinese, ending in a Chinese character or a closing bracket
    for (i, _) in cell.char_indices() {
        if i == 0 || !starts_value(&cell[i..]) {
            continue;
        }
        let head = &cell[..i];
        let last = head.chars().next_back()?;
        // (not inside a change word: 「增」 of 「增1297」 opens the value)
        if !(is_han(last) || matches!(last, '）' | ')' | '”' | '」'))
            || super::values::change_words().any(|w| head.ends_with(w))
        {
            continue;
        }
        return chain(i).map(|pieces| (i, pieces));
    }
    None
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

/// A value a layout glued before the label of the next cell (pymupdf's sorted text joins spans of
/// one baseline that nearly touch: 「行政处罚         719行政强制         99」, and a row's last
/// value beside the last line of a wrapped label, 「（一）予以公开  1  0  0  0  0  0  1办理结果」): a
/// text token that opens with digits followed straight by one of the table's own labels, or by
/// its start or its end (four characters of its key at least: a wrapped label's first or last
/// line, 「0三、本年度」), is cut into
/// the value and the label. A shorter tail is cut where it completes a label with one of the two
/// texts before it (pymupdf sorts a group label's lines around a row of the group:
/// 「三、本年度办」, 「（一）予以公开 … 33理结果」). Only where what follows the digits is the
/// template's own words — a date or a quantity written in a cell (「2021年」「3个工作日」) is not
/// cut, nor digits opening with a zero (「05」 is two cells run together, not one value).
pub(crate) fn cut_values_glued_before_labels(
    text: &str,
    tokens: &mut Vec<Token>,
    table: &template::Table,
) {
    let glued = |t: &Token| -> Option<usize> {
        if t.kind != TokKind::Text || t.empty {
            return None;
        }
        let s = t.text(text);
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        let rest = &s[digits..];
        let ok = (1..=15).contains(&digits)
            && (digits == 1 || !s.starts_with('0'))
            && rest.chars().next().is_some_and(is_han);
        ok.then_some(digits)
    };
    if !tokens.iter().any(|t| glued(t).is_some()) {
        return;
    }
    let labels: Vec<String> = table
        .items
        .iter()
        .flat_map(|i| std::iter::once(&i.label).chain(&i.variants))
        .map(|l| key(l))
        .filter(|k| !k.is_empty())
        .collect();
    let mut out = Vec::with_capacity(tokens.len() + 2);
    // the keys of the last two texts before the token (the newest last)
    let mut before: [String; 2] = Default::default();
    for t in tokens.drain(..) {
        let Some(digits) = glued(&t) else {
            if t.kind == TokKind::Text && !t.empty {
                before.swap(0, 1);
                before[1] = key(t.text(text));
            }
            out.push(t);
            continue;
        };
        let a = usize::from(t.range.start());
        let b = usize::from(t.range.end());
        let rest = key(&text[a + digits..b]);
        let completes = |start: &String| {
            !start.is_empty()
                && labels.iter().any(|l| {
                    l.len() == start.len() + rest.len()
                        && l.starts_with(start.as_str())
                        && l.ends_with(rest.as_str())
                })
        };
        let is_label = labels.iter().any(|l| {
            *l == rest
                || (rest.chars().count() >= 4
                    && (l.ends_with(rest.as_str()) || l.starts_with(rest.as_str())))
        }) || (!rest.is_empty() && before.iter().any(completes));
        let rest_text = key(t.text(text));
        before.swap(0, 1);
        before[1] = rest_text;
        if !is_label {
            out.push(t);
            continue;
        }
        push_token(text, a, a + digits, false, &mut out);
        out.push(Token {
            range: r(a + digits, b),
            ..t
        });
    }
    *tokens = out;
}

// ------------------------------------------------------------------------------ -layout columns

/// Where a value stands in text laid out by columns (`pdftotext -layout`): the start of its line,
/// its page (form feeds before it in the region) and its first and past-the-last column
/// (characters from the line's start; a form feed opening the line is not counted).
#[derive(Debug, Clone, Copy)]
struct Place {
    line: usize,
    page: usize,
    from: usize,
    to: usize,
}

/// The place of a token in text laid out by columns; `None` on a line with tabs or with pipes that
/// is not a row of a Markdown table (`rows`, [`PipeRows`]). `feeds`: the form feeds of the region. In a
/// row of a Markdown table (pipes) the place is the cell's index and the page is told by the row's
/// number of cells (rows of one table have as many, also when a converter cut it into pieces):
/// [`PIPE_PAGES`] on. A row written without its outer pipes (html2text: 「规章| 0| 0| 0」) is placed as
/// the same row written with them.
fn place_of(text: &str, feeds: &[usize], rows: &PipeRows, t: &Token) -> Option<Place> {
    let (a, b) = (usize::from(t.range.start()), usize::from(t.range.end()));
    // (line feed, tab and pipe are ASCII: byte searches find the characters)
    let bytes = text.as_bytes();
    let line = memchr::memrchr(b'\n', &bytes[..a]).map_or(0, |i| i + 1);
    let line_end = memchr::memchr(b'\n', &bytes[a..]).map_or(text.len(), |i| a + i);
    let whole = &text[line..line_end];
    if memchr::memchr(b'\t', whole.as_bytes()).is_some() {
        return None;
    }
    if memchr::memchr(b'|', whole.as_bytes()).is_some() {
        // (a row of a Markdown table: not cells each ended by a pipe, one per line)
        let row = rows.at(line)?;
        let from = memchr::memchr_iter(b'|', &bytes[line..a]).count() + usize::from(row.bare);
        return Some(Place {
            line,
            page: PIPE_PAGES + row.pipes,
            from,
            to: from + 1,
        });
    }
    let page = feeds.partition_point(|&f| f < a);
    let before = &text[line..a];
    let from = before.rsplit('\x0c').next().unwrap_or("").chars().count();
    Some(Place {
        line,
        page,
        from,
        to: from + text[a..b].chars().count(),
    })
}

/// A row of a Markdown table (a line of cells apart by pipes): the start of its line, its number of
/// pipes counting the outer ones (as if written with them), whether it was written without them,
/// and the index of its last cell (cells counted from 1, as [`place_of`] does).
#[derive(Debug, Clone, Copy)]
pub(crate) struct PipeRow {
    pub start: usize,
    pub pipes: usize,
    pub bare: bool,
    pub last: usize,
}

/// The rows of Markdown tables among some lines, in text order.
#[derive(Debug, Default)]
pub(crate) struct PipeRows(Vec<PipeRow>);

impl PipeRows {
    /// The rows of Markdown tables among the whole lines that `text[from..to]` touches: a line that
    /// opens with a pipe and holds three at least (「| 规章 | 0 |」), and a line holding a pipe, not at
    /// its start, in a table written without outer pipes (what follows its last pipe is its last
    /// cell, blank too) (html2text: 「规章| 0| 0| 0」):
    /// a block of lines with no blank line between them that holds a delimiter row (「---|---」,
    /// 「---」), from the line before that row on. Prose holding a pipe is no row: it is not in such
    /// a block (a Markdown table ends at a blank line).
    pub fn of(text: &str, from: usize, to: usize) -> PipeRows {
        let (from, to) = Self::whole_lines(text, from, to);
        // (every row holds a pipe: lines without one hold none, nor does a block without one)
        if memchr::memchr(b'|', &text.as_bytes()[from..to]).is_none() {
            return PipeRows::default();
        }
        let mut out = Vec::new();
        // (the lines of the current block: start, text, number of pipes)
        let mut block: Vec<(usize, &str, usize)> = Vec::new();
        let mut block_pipes = 0;
        let mut at = from;
        for line in text[from..to].split('\n') {
            if trim(line).is_empty() {
                if block_pipes > 0 {
                    Self::rows_of_block(&block, &mut out);
                }
                block.clear();
                block_pipes = 0;
            } else {
                let pipes = memchr::memchr_iter(b'|', line.as_bytes()).count();
                block_pipes += pipes;
                block.push((at, line, pipes));
            }
            at += line.len() + 1;
        }
        if block_pipes > 0 {
            Self::rows_of_block(&block, &mut out);
        }
        PipeRows(out)
    }

    /// `from..to` stretched to the whole lines it touches.
    fn whole_lines(text: &str, from: usize, to: usize) -> (usize, usize) {
        let bytes = text.as_bytes();
        let from = memchr::memrchr(b'\n', &bytes[..from.min(text.len())]).map_or(0, |i| i + 1);
        let to = memchr::memchr(b'\n', &bytes[to.min(text.len())..]).map_or(text.len(), |i| to + i);
        (from, to)
    }

    /// The rows of one block of lines (start, text, number of pipes) into `out`; its delimiter row
    /// is looked for only when a line written without outer pipes asks where it is.
    fn rows_of_block(block: &[(usize, &str, usize)], out: &mut Vec<PipeRow>) {
        let mut delimiter: Option<Option<usize>> = None;
        for (i, &(start, line, pipes)) in block.iter().enumerate() {
            if pipes == 0 {
                continue;
            }
            let t = trim(line);
            if t.starts_with('|') {
                if pipes >= 3 {
                    let last = if t.ends_with('|') { pipes - 1 } else { pipes };
                    out.push(PipeRow {
                        start,
                        pipes,
                        bare: false,
                        last,
                    });
                }
            } else if delimiter
                .get_or_insert_with(|| block.iter().position(|(_, l, _)| is_delimiter_row(l)))
                .is_some_and(|d| i + 1 >= d)
            {
                out.push(PipeRow {
                    start,
                    pipes: pipes + 2,
                    bare: true,
                    last: pipes + 1,
                });
            }
        }
    }

    /// The row whose line starts at `line`.
    pub fn at(&self, line: usize) -> Option<PipeRow> {
        self.0
            .binary_search_by_key(&line, |r| r.start)
            .ok()
            .map(|i| self.0[i])
    }
}

/// Pages of rows of Markdown tables: this plus the rows' number of pipes (see [`place_of`]).
const PIPE_PAGES: usize = 1 << 24;

/// The cells of the rows of Markdown tables (`rows`) among the lines of `text[from..to]` that have
/// `pipes` pipes (counting outer ones), as words: the cell's index (its place, as [`place_of`] gives
/// it) and its text.
fn pipe_words(
    text: &str,
    from: usize,
    to: usize,
    rows: &PipeRows,
    pipes: usize,
) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut at = from;
    for line in text[from..to].split('\n') {
        let start = at;
        at += line.len() + 1;
        let Some(row) = rows.at(start).filter(|r| r.pipes == pipes) else {
            continue;
        };
        for (i, cell) in line.split('|').enumerate() {
            let t = trim(cell);
            if !t.is_empty() {
                let i = i + usize::from(row.bare);
                out.push((i, i + 1, t.to_string()));
            }
        }
    }
    out
}

/// Text laid out by columns (`pdftotext -layout`, FORMAT.md §7.3) leaves a blank cell as spaces: the
/// values of a line are then not the row's first values in order. Here the values of each line of
/// a `Rows` table whose rows share their columns are placed in their columns by position, and the
/// blank cells made explicit (`Value::Blank`, `empty`): per page (the layout's scale can change
/// from page to page), the values' column spans that overlap form one column of numbers; with as
/// many of them as the table has columns they are the columns in order; with fewer, each is the
/// column whose header word (the template's column header, found above them on that page) is the
/// nearest; on a page without header, a table continued from the previous page with the same
/// number of columns of numbers keeps their columns. Anything else (a tab or pipe row, digits run
/// together, two values in one column, a column of numbers that cannot be placed) leaves the
/// tokens as they are. Returns whether the values were placed: then a row whose lines hold no
/// value is a blank row.
pub(crate) fn place_in_columns(
    text: &str,
    region: TextRange,
    tokens: &mut Vec<Token>,
    table: &template::Table,
) -> bool {
    let (rs, re) = (usize::from(region.start()), usize::from(region.end()));
    could_be_laid_out_by_columns(text, rs, re, tokens)
        && place_in_columns_ungated(text, region, tokens, table)
}

/// [`place_in_columns`] without its cheap test first.
fn place_in_columns_ungated(
    text: &str,
    region: TextRange,
    tokens: &mut Vec<Token>,
    table: &template::Table,
) -> bool {
    let mut rows = table.rows();
    let Some(first) = rows.next() else {
        return false;
    };
    let columns = &first.columns;
    let n = columns.len();
    if n < 2 || table.shape != Shape::Rows || !rows.all(|r| r.columns == *columns) {
        return false;
    }
    let (rs, re) = (usize::from(region.start()), usize::from(region.end()));
    let feeds: Vec<usize> = memchr::memchr_iter(b'\x0c', &text.as_bytes()[rs..re])
        .map(|i| rs + i)
        .collect();
    let pipe_rows = PipeRows::of(text, rs, re);
    let place = |t: &Token| place_of(text, &feeds, &pipe_rows, t);
    // (the blank cells between two values of a Markdown row are placed anew)
    let tokens_in: Vec<Token> = tokens
        .iter()
        .filter(|t| !(t.empty && place(t).is_some_and(|p| p.page >= PIPE_PAGES)))
        .cloned()
        .collect();
    let mut places: Vec<Option<Place>> = Vec::with_capacity(tokens_in.len());
    let mut spaced_lines = Vec::new();
    let mut piped_lines = Vec::new();
    for t in &tokens_in {
        if t.kind == TokKind::Text {
            places.push(None);
            continue;
        }
        if t.empty || t.run {
            return false;
        }
        let Some(p) = place(t) else {
            return false;
        };
        let a = usize::from(t.range.start());
        if p.page >= PIPE_PAGES {
            if piped_lines.last() != Some(&p.line) {
                piped_lines.push(p.line);
            }
        } else if text[..a].ends_with("  ") && spaced_lines.last() != Some(&p.line) {
            spaced_lines.push(p.line);
        }
        places.push(Some(p));
    }
    if spaced_lines.len() < 3 && piped_lines.len() < 3 {
        return false; // not text laid out by columns
    }
    // a Markdown table's row a converter wrote as a line of text, its label then its values
    // (「2.没有现成信息需要另行制作 44 3」): its values have no cells to tell their columns, they stay
    // as written; values on any other line of text leave the table as it is (they could be another
    // row's, which then would not be blank)
    if spaced_lines.len() < 3 {
        for std::ops::Range { start: i, end: j } in token_lines(text, &tokens_in) {
            if places[i..j]
                .iter()
                .any(|p| p.is_some_and(|p| p.page < PIPE_PAGES))
            {
                let one_row = tokens_in[i].kind == TokKind::Text
                    && places[i + 1..j].iter().all(Option::is_some)
                    && j - i - 1 <= n;
                if !one_row {
                    return false;
                }
                places[i..j].fill(None);
            }
        }
    }
    let tokens_in = &tokens_in;
    // per page, its columns of numbers and the table's column of each
    let mut page_keys: Vec<usize> = places.iter().flatten().map(|p| p.page).collect();
    page_keys.sort_unstable();
    page_keys.dedup();
    let pages = page_keys.len();
    let page_index = |page: usize| page_keys.binary_search(&page).unwrap_or(0);
    let mut clusters: Vec<Vec<(usize, usize)>> = vec![Vec::new(); pages];
    let mut mapping: Vec<Option<Vec<usize>>> = vec![None; pages];
    let mut previous: Option<(usize, Vec<usize>)> = None;
    for (index, spans) in clusters.iter_mut().enumerate() {
        let page = page_keys[index];
        let mut own: Vec<(usize, usize)> = places
            .iter()
            .flatten()
            .filter(|p| p.page == page)
            .map(|p| (p.from, p.to))
            .collect();
        if own.is_empty() {
            continue;
        }
        own.sort_unstable();
        for (a, b) in own {
            match spans.last_mut() {
                Some(last) if a < last.1 => last.1 = last.1.max(b),
                _ => spans.push((a, b)),
            }
        }
        let k = spans.len();
        let map = if k == n {
            Some((0..n).collect())
        } else if k > n {
            None
        } else {
            let piped = page >= PIPE_PAGES;
            let page_start = match page {
                0 => rs,
                _ if piped => rs,
                _ => feeds[page - 1] + 1,
            };
            let first_line = places
                .iter()
                .flatten()
                .filter(|p| p.page == page)
                .map(|p| p.line)
                .min()
                .unwrap_or(page_start);
            let head_end = first_line.max(page_start);
            let head_words = if piped {
                pipe_words(text, page_start, head_end, &pipe_rows, page - PIPE_PAGES)
            } else {
                words(&text[page_start..head_end])
            };
            let anchors = header_anchors(&head_words, table, columns);
            columns_by_anchors(spans, &anchors)
                .or_else(|| {
                    // a page continuing the table laid out on the previous one
                    previous
                        .as_ref()
                        .filter(|(p, map)| {
                            !piped && *p + 1 == page && anchors.is_empty() && map.len() == k
                        })
                        .map(|(_, map)| map.clone())
                })
                .or_else(|| {
                    let lines: Vec<usize> = places
                        .iter()
                        .flatten()
                        .filter(|p| p.page == page)
                        .map(|p| p.line)
                        .collect();
                    let labels: Vec<usize> = tokens_in
                        .iter()
                        .filter(|t| t.kind == TokKind::Text)
                        .filter_map(&place)
                        .filter(|p| lines.contains(&p.line))
                        .map(|p| p.from)
                        .collect();
                    let rows: Vec<PipeRow> = lines
                        .iter()
                        .map(|&l| pipe_rows.at(l))
                        .collect::<Option<_>>()?;
                    let label_ends = lines.iter().map(|&l| {
                        tokens_in
                            .iter()
                            .filter(|t| t.kind == TokKind::Text)
                            .filter_map(&place)
                            .filter(|p| p.line == l)
                            .map(|p| p.from)
                            .max()
                    });
                    let label_ends: Vec<Option<usize>> = label_ends.collect();
                    piped
                        .then(|| right_aligned(spans, &rows, &labels, &label_ends, n))
                        .flatten()
                })
        };
        let Some(map) = map else {
            return false;
        };
        previous = Some((page, map.clone()));
        mapping[index] = Some(map);
    }
    // each line's values in their columns
    let mut out: Vec<Token> = Vec::with_capacity(tokens_in.len() + tokens_in.len() / 2);
    let mut i = 0;
    while i < tokens_in.len() {
        let Some(p) = places[i] else {
            out.push(tokens_in[i].clone());
            i += 1;
            continue;
        };
        let mut j = i;
        while j < tokens_in.len() && places[j].is_some_and(|q| q.line == p.line) {
            j += 1;
        }
        let page = page_index(p.page);
        let (Some(map), spans) = (&mapping[page], &clusters[page]) else {
            return false;
        };
        let mut slots: Vec<Option<&Token>> = vec![None; n];
        for x in i..j {
            let q = places[x].expect("a value's place");
            let Some(c) = spans.iter().position(|s| q.from >= s.0 && q.to <= s.1) else {
                return false;
            };
            let col = map[c];
            if slots[col].is_some() {
                return false;
            }
            slots[col] = Some(&tokens_in[x]);
        }
        let at = tokens_in[i].range.start();
        out.extend(slots.into_iter().map(|s| match s {
            Some(t) => t.clone(),
            None => Token {
                range: TextRange::empty(at),
                empty: true,
                kind: TokKind::Value(Value::Blank),
                run: false,
            },
        }));
        i = j;
    }
    *tokens = out;
    true
}

/// The columns of the values of one shape of rows of a Markdown table (rows of as many pipes:
/// `rows`, their values' cells `spans`, the cells of their text tokens `labels`, each row's last text
/// cell `label_ends`) whose cells do not show every column: placed from the right, the last `n`
/// cells of a row its `n` columns, where that is sure — every value in those cells, every label
/// before them, and either a value in the rows' last cell (so the last cell is a column, not what
/// a converter added after a merged cell) or each row's label right before them (each row then
/// holds as many cells after its label as it has columns). Converters write merged cells their own
/// ways: markdownify adds an empty cell after a cell spanning two columns, html2text writes it once,
/// and both leave out a cell spanning rows (「三、本年度办理结果」 beside its rows): the columns of
/// such a table are the last cells of its rows, the labels those before. `None` where not sure.
fn right_aligned(
    spans: &[(usize, usize)],
    rows: &[PipeRow],
    labels: &[usize],
    label_ends: &[Option<usize>],
    n: usize,
) -> Option<Vec<usize>> {
    let last = rows.first()?.last;
    if rows.iter().any(|r| r.last != last) || last < n + 1 {
        return None;
    }
    let first = last + 1 - n;
    let inside = spans.iter().all(|&(a, b)| a >= first && b <= last + 1);
    let labels_before = labels.iter().all(|&c| c < first);
    let sure = spans.iter().any(|&(_, b)| b == last + 1)
        || label_ends.iter().all(|&e| e == Some(first - 1));
    (inside && labels_before && sure).then(|| spans.iter().map(|&(a, _)| a - first).collect())
}

/// A cheap test of what [`place_in_columns`] needs before it places anything (lines of values after
/// two spaces, or rows of a Markdown table): some value written after two spaces, or a pipe on the
/// lines of `text[rs..re]`. Without either, every value's place is neither spaced nor piped and
/// [`place_in_columns`] leaves the tokens as they are.
fn could_be_laid_out_by_columns(text: &str, rs: usize, re: usize, tokens: &[Token]) -> bool {
    let bytes = text.as_bytes();
    // (the whole lines the region's tokens are on)
    let from = memchr::memrchr(b'\n', &bytes[..rs]).map_or(0, |i| i + 1);
    let to = memchr::memchr(b'\n', &bytes[re..]).map_or(text.len(), |i| re + i);
    memchr::memchr(b'|', &bytes[from..to]).is_some()
        || tokens.iter().any(|t| {
            t.kind != TokKind::Text && text[..usize::from(t.range.start())].ends_with("  ")
        })
}

/// The table's column headers found in the lines of `head` (text laid out by columns): per column
/// found, its index in `columns` and its centre (twice the column, to stay in integers).
fn header_anchors(
    head: &[(usize, usize, String)],
    table: &template::Table,
    columns: &[String],
) -> Vec<(usize, usize)> {
    let keys = column_header_keys(table, columns);
    let mut anchors: Vec<(usize, usize)> = Vec::new();
    for (from, to, w) in head {
        let k = key(w);
        if let Some(x) = keys.iter().position(|h| !h.is_empty() && *h == k) {
            if !anchors.iter().any(|a| a.0 == x) {
                anchors.push((x, from + to));
            }
        }
    }
    anchors.sort_unstable_by_key(|a| a.0);
    anchors
}

/// The key (`key`) of the template header of each of `columns` (ids), in their order; empty for an id
/// the table does not have.
pub(super) fn column_header_keys(table: &template::Table, columns: &[String]) -> Vec<String> {
    columns
        .iter()
        .map(|id| {
            table
                .columns
                .iter()
                .find(|c| &c.id == id)
                .map_or(String::new(), |c| key(&c.header))
        })
        .collect()
}

/// Each column of numbers (spans of columns, left to right) given the column whose header is the
/// nearest to its centre; `None` unless there are two headers at least and every column of numbers gets
/// its own column, left to right.
fn columns_by_anchors(spans: &[(usize, usize)], anchors: &[(usize, usize)]) -> Option<Vec<usize>> {
    if anchors.len() < 2 {
        return None;
    }
    columns_nearest_anchors(spans, anchors)
}

/// Each column of numbers (spans of columns, left to right) given the column whose header (column,
/// twice its centre) is the nearest to its centre; `None` unless every one gets its own column, left
/// to right.
pub(super) fn columns_nearest_anchors(
    spans: &[(usize, usize)],
    anchors: &[(usize, usize)],
) -> Option<Vec<usize>> {
    let map: Vec<usize> = spans
        .iter()
        .map(|&(a, b)| {
            let centre = a + b;
            anchors
                .iter()
                .min_by_key(|h| h.1.abs_diff(centre))
                .map_or(0, |h| h.0)
        })
        .collect();
    map.windows(2).all(|w| w[0] < w[1]).then_some(map)
}

/// The values of a `Grid` table laid out by columns (`pdftotext -layout`) with blank cells left as
/// spaces: each value placed in the grid's cell (rows × columns, left to right) whose column header
/// is the nearest. The column headers are found above the values, on the same page: the words
/// (vertical headers leave a character or two per line) that belong to one column header only
/// (a single character not one of the table's other header words), those of one column close
/// together taken as one; they must give every cell of the grid its column, in order. Per cell, the
/// index of its token in `tokens` (`None`: blank); `None` when the values cannot all be placed (a
/// value near two columns where the row identities (I4) do not choose one placing, two values in
/// one cell, headers not found).
pub(crate) fn grid_in_columns(
    text: &str,
    region: TextRange,
    tokens: &[Token],
    tpl: &Template,
    table: &template::Table,
) -> Option<Vec<Option<usize>>> {
    let (rs, re) = (usize::from(region.start()), usize::from(region.end()));
    let feeds: Vec<usize> = memchr::memchr_iter(b'\x0c', &text.as_bytes()[rs..re])
        .map(|i| rs + i)
        .collect();
    let pipe_rows = PipeRows::of(text, rs, re);
    let mut values: Vec<(usize, Place)> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if matches!(t.kind, TokKind::Value(_)) {
            let p = place_of(text, &feeds, &pipe_rows, t)?;
            if t.empty && p.page >= PIPE_PAGES {
                continue; // (the blank cells of a Markdown row are placed anew)
            }
            if t.empty || t.run {
                return None;
            }
            values.push((i, p));
        }
    }
    let page = values.first()?.1.page;
    if page >= PIPE_PAGES {
        // a Markdown row holding the whole grid: its cells are the grid's, in order
        let cells: usize = table.rows().map(|r| r.columns.len()).sum();
        let line = values[0].1.line;
        let row = pipe_rows.at(line)?;
        if page - PIPE_PAGES != cells + 1
            || !(row.bare || text[line..].starts_with('|'))
            || values.iter().any(|v| v.1.line != line)
        {
            return None;
        }
        let mut slots = vec![None; cells];
        for (i, p) in &values {
            *slots.get_mut(p.from.checked_sub(1)?)? = Some(*i);
        }
        return Some(slots);
    }
    let spaced = |i: usize| text[..usize::from(tokens[i].range.start())].ends_with("  ");
    if values.iter().any(|v| v.1.page != page) || !values.iter().any(|v| spaced(v.0)) {
        return None;
    }
    let page_start = if page == 0 { rs } else { feeds[page - 1] + 1 };
    let first_line = values.iter().map(|v| v.1.line).min()?;
    let head = &text[page_start..first_line.max(page_start)];
    // the column headers' words
    let keys: Vec<String> = table.columns.iter().map(|c| key(&c.header)).collect();
    let others: Vec<String> = table
        .header
        .iter()
        .map(|h| key(h))
        .filter(|h| !keys.contains(h))
        .collect();
    let mut anchors: Vec<(usize, usize, usize, usize)> = Vec::new(); // (column, centre ×2, from, to)
    for (from, to, word) in words(head) {
        let k = key(&word);
        if k.is_empty() || (k.chars().count() == 1 && others.iter().any(|o| o.contains(&k))) {
            continue;
        }
        let mut of = keys.iter().enumerate().filter(|(_, h)| h.contains(&k));
        if let (Some((c, _)), None) = (of.next(), of.next()) {
            anchors.push((c, from + to, from, to));
        }
    }
    anchors.sort_unstable_by_key(|a| a.1);
    // one column's words close together (a vertical header, its pieces stacked over lines) are
    // one: its first and last centre, and the character columns its pieces cover
    let mut merged: Vec<(usize, usize, usize)> = Vec::new(); // (column, first, last centre)
    let mut covers: Vec<(usize, usize)> = Vec::new();
    for (c, x, from, to) in anchors {
        match (merged.last_mut(), covers.last_mut()) {
            (Some(last), Some(cover)) if last.0 == c && x <= last.2 + 4 => {
                last.2 = x;
                *cover = (cover.0.min(from), cover.1.max(to));
            }
            _ => {
                merged.push((c, x, x));
                covers.push((from, to));
            }
        }
    }
    let flat: Vec<usize> = table
        .rows()
        .flat_map(|r| {
            r.columns
                .iter()
                .map(|id| table.columns.iter().position(|c| &c.id == id))
        })
        .collect::<Option<Vec<usize>>>()?;
    if merged.len() != flat.len() || merged.iter().zip(&flat).any(|(m, &f)| m.0 != f) {
        return None;
    }
    // per value, the cells whose column header is about as near as the nearest (within two
    // characters): the layout places a value only that well
    let mut candidates: Vec<Vec<usize>> = Vec::with_capacity(values.len());
    for (_, p) in &values {
        let centre = p.from + p.to;
        let distance = |m: &(usize, usize, usize)| m.1.abs_diff(centre).min(m.2.abs_diff(centre));
        let nearest = merged.iter().map(distance).min()?;
        candidates.push(
            (0..merged.len())
                .filter(|&k| distance(&merged[k]) <= nearest + 4)
                .collect(),
        );
    }
    let numbers: Vec<u64> = values
        .iter()
        .map(|(i, _)| match &tokens[*i].kind {
            TokKind::Value(Value::Number {
                value,
                integer: true,
                ..
            }) if *value >= 0.0 => Some(*value as u64),
            _ => None,
        })
        .collect::<Option<Vec<u64>>>()?;
    // the row identities (blank = 0) choose among the placings the layout allows
    let rows: Vec<_> = table
        .rows()
        .map(|r| (r, row_identity_masks(tpl, table, r)))
        .collect();
    // the one placing among `candidates` (where the identities hold, unless every value has one
    // cell and `checked` is false)
    let placing = |candidates: &[Vec<usize>], checked: bool| -> Option<Vec<Option<usize>>> {
        let mut slots: Vec<Option<usize>> = vec![None; flat.len()];
        let mut found: Vec<Vec<Option<usize>>> = Vec::new();
        let mut budget = 100_000usize;
        let single = !checked && candidates.iter().all(|c| c.len() == 1);
        place_values(
            0,
            candidates,
            &mut slots,
            &mut budget,
            &mut |slots: &[Option<usize>]| {
                let mut at = 0;
                let holds = rows.iter().all(|(row, masks)| {
                    let cells: Vec<u64> = slots[at..at + row.columns.len()]
                        .iter()
                        .map(|s| s.map_or(0, |v| numbers[v]))
                        .collect();
                    at += row.columns.len();
                    row_identities_hold(masks, &cells)
                });
                if single || holds {
                    found.push(slots.to_vec());
                }
                found.len() < 2
            },
        );
        (budget > 0 && found.len() == 1)
            .then(|| found.pop())
            .flatten()
    };
    // a value written in the columns of one header's pieces (pypdf's layout mode starts a value
    // and the pieces of its header at its cell's left edge, whatever their widths) is that
    // header's, where the identities confirm it; else the nearest headers' placing
    let spans: Vec<(usize, usize)> = values.iter().map(|(_, p)| (p.from, p.to)).collect();
    let under = under_header_columns(&spans, &covers, &candidates);
    let found = match under != candidates {
        true => placing(&under, true).or_else(|| placing(&candidates, false)),
        false => placing(&candidates, false),
    }?;
    let slots = found.into_iter().map(|s| s.map(|v| values[v].0)).collect();
    Some(slots)
}

/// Per value (its columns, `spans`), its `candidates` narrowed to the one header whose pieces'
/// columns (`covers`, per header) its own columns overlap, where exactly one of its candidates'
/// does; the candidates as they are otherwise.
fn under_header_columns(
    spans: &[(usize, usize)],
    covers: &[(usize, usize)],
    candidates: &[Vec<usize>],
) -> Vec<Vec<usize>> {
    spans
        .iter()
        .zip(candidates)
        .map(|(&(from, to), own)| {
            let mut over = own
                .iter()
                .copied()
                .filter(|&k| covers.get(k).is_some_and(|c| from < c.1 && c.0 < to));
            match (over.next(), over.next()) {
                (Some(k), None) => vec![k],
                _ => own.clone(),
            }
        })
        .collect()
}

/// Every placing of values `v..` in distinct cells among their candidates, given to `found` (which
/// says whether to go on), within `budget` steps.
fn place_values(
    v: usize,
    candidates: &[Vec<usize>],
    slots: &mut [Option<usize>],
    budget: &mut usize,
    found: &mut dyn FnMut(&[Option<usize>]) -> bool,
) -> bool {
    if *budget == 0 {
        return false;
    }
    *budget -= 1;
    if v == candidates.len() {
        return found(slots);
    }
    for &k in &candidates[v] {
        if slots[k].is_none() {
            slots[k] = Some(v);
            let go_on = place_values(v + 1, candidates, slots, budget, found);
            slots[k] = None;
            if !go_on {
                return false;
            }
        }
    }
    true
}

/// The words of text laid out by columns: per word its first and past-the-last column on its line
/// (a form feed opening the line not counted) and its text.
fn words(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for line in text.split('\n') {
        let line = line.rsplit('\x0c').next().unwrap_or("");
        let mut word: Option<(usize, String)> = None;
        for (col, c) in line.chars().chain([' ']).enumerate() {
            if is_space(c) {
                if let Some((from, w)) = word.take() {
                    let to = from + w.chars().count();
                    out.push((from, to, w));
                }
            } else {
                word.get_or_insert((col, String::new())).1.push(c);
            }
        }
    }
    out
}

/// The tokens of each line of the text, as ranges of `tokens` (in order).
pub(super) fn token_lines(src: &str, tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let bytes = src.as_bytes();
    let line_of = |t: &Token| {
        let a = usize::from(t.range.start());
        memchr::memrchr(b'\n', &bytes[..a]).map_or(0, |i| i + 1)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let line = line_of(&tokens[i]);
        let mut j = i + 1;
        while j < tokens.len() && line_of(&tokens[j]) == line {
            j += 1;
        }
        out.push(i..j);
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    impl PipeRows {
        /// [`PipeRows::of`] without its fast paths: every block's delimiter row looked for, every
        /// block read (the reference the fast one is tested against).
        fn of_plain(text: &str, from: usize, to: usize) -> PipeRows {
            let bytes = text.as_bytes();
            let from = memchr::memrchr(b'\n', &bytes[..from.min(text.len())]).map_or(0, |i| i + 1);
            let to =
                memchr::memchr(b'\n', &bytes[to.min(text.len())..]).map_or(text.len(), |i| to + i);
            let mut out = Vec::new();
            // (the lines of the current block: start, text)
            let mut block: Vec<(usize, &str)> = Vec::new();
            let mut at = from;
            let flush = |block: &mut Vec<(usize, &str)>, out: &mut Vec<PipeRow>| {
                let delimiter = block.iter().position(|(_, l)| {
                    let cells: Vec<&str> = l.split('|').collect();
                    is_separator_row(&cells)
                });
                for (i, &(start, line)) in block.iter().enumerate() {
                    let pipes = memchr::memchr_iter(b'|', line.as_bytes()).count();
                    if pipes == 0 {
                        continue;
                    }
                    let t = trim(line);
                    if t.starts_with('|') {
                        if pipes >= 3 {
                            let last = if t.ends_with('|') { pipes - 1 } else { pipes };
                            out.push(PipeRow {
                                start,
                                pipes,
                                bare: false,
                                last,
                            });
                        }
                    } else if delimiter.is_some_and(|d| i + 1 >= d) {
                        out.push(PipeRow {
                            start,
                            pipes: pipes + 2,
                            bare: true,
                            last: pipes + 1,
                        });
                    }
                }
                block.clear();
            };
            for line in text[from..to].split('\n') {
                if trim(line).is_empty() {
                    flush(&mut block, &mut out);
                } else {
                    block.push((at, line));
                }
                at += line.len() + 1;
            }
            flush(&mut block, &mut out);
            PipeRows(out)
        }
    }

    use super::*;

    #[test]
    fn a_rows_values_on_a_line_of_their_own_are_cells() {
        let kinds = |cell: &str| {
            let mut out = Vec::new();
            cell_tokens(cell, 0, cell.len(), &mut out);
            out.iter()
                .map(|t| (cell[t.range].to_string(), t.kind != TokKind::Text))
                .collect::<Vec<_>>()
        };
        let values = |cell: &str| kinds(cell).iter().filter(|(_, v)| *v).count();
        assert_eq!(values("209 项 增加1859 项 1.6 万件"), 3);
        assert_eq!(values("209 项 增加 1859 项 1.6 万件"), 3);
        assert_eq!(values("144项 2.953亿元"), 2);
        // refused: one cell written with a space (「1 2%」), a quantity in a label
        assert_eq!(kinds("1 2%").len(), 1, "{:?}", kinds("1 2%"));
        assert_eq!(values("共 3 项"), 0, "{:?}", kinds("共 3 项"));
    }

    #[test]
    fn a_page_number_cut_over_two_lines_is_no_cell() {
        let cut = |a: &str, b: &str| {
            let text = format!("{a}\n{b}\n");
            let all = super::super::lines::lines(&text);
            page_number_cut_here(&text, trim(a), all.get(1), text.len())
        };
        assert!(cut("— ", "4 —"));
        assert!(cut("— 4", "—"));
        assert!(cut("-", "12 -"));
        // refused: either line a page number alone, no marks around the number on both sides, a
        // value and a blank mark
        assert!(!cut("—", "—5—"));
        assert!(!cut("—", "4"));
        assert!(!cut("4", "—"));
        assert!(!cut("—", "—"));
        assert!(!cut("0", "0"));
        assert!(!cut("—", "12345 —"));
        // at the end of the region: nothing after it
        let text = "— \n";
        let all = super::super::lines::lines(text);
        assert!(!page_number_cut_here(text, "—", all.get(1), text.len()));
    }

    fn table_of(template: &str, id: &str) -> (&'static Template, &'static template::Table) {
        let tpl = template::all()
            .iter()
            .find(|t| t.id == template)
            .expect("template");
        (tpl, tpl.table(id).expect("table"))
    }

    fn tokens_of(text: &str) -> Vec<Token> {
        let region = r(0, text.len());
        tokenize(text, region, &lines(text), &Reader::without_memo())
    }

    /// Each token as the text it reads (「_」 for a blank cell).
    fn shown(text: &str, tokens: &[Token]) -> Vec<String> {
        tokens
            .iter()
            .map(|t| match (&t.kind, t.empty) {
                (_, true) => "_".to_string(),
                _ => t.text(text).to_string(),
            })
            .collect()
    }

    /// A row label of the 2021 table 三 of `n` characters at least, and a group line opening with a
    /// bracket (「（四）…」), from the template.
    fn long_row_and_group() -> (String, String) {
        let (_, table) = table_of("2021", "applications");
        let row = table
            .items
            .iter()
            .find(|i| i.kind == ItemKind::Row && i.label.chars().count() >= 10)
            .unwrap();
        let group = table
            .items
            .iter()
            .find(|i| i.kind == ItemKind::Group && i.label.starts_with('（'))
            .unwrap();
        (row.label.clone(), group.label.clone())
    }

    /// `label` cut after the characters counted in `at`, each piece on a line of its own (CR LF, as
    /// PDFium writes), a space inside the last piece.
    fn in_pieces(label: &str, at: &[usize]) -> Vec<String> {
        let chars: Vec<char> = label.chars().collect();
        let mut cuts = vec![0];
        cuts.extend_from_slice(at);
        cuts.push(chars.len());
        let mut pieces: Vec<String> = cuts
            .windows(2)
            .map(|w| chars[w[0]..w[1]].iter().collect())
            .collect();
        let last = pieces.last_mut().unwrap();
        let mid = last.char_indices().nth(1).map_or(last.len(), |(i, _)| i);
        last.insert(mid, ' ');
        pieces
    }

    #[test]
    fn a_label_written_in_pieces_over_lines_is_one_token() {
        let (row, group) = long_row_and_group();
        let pieces = in_pieces(&row, &[2, 3, 4, 7]);
        let text = format!("{}\r\n0\r\n0\r\n", pieces.join("\r\n"));
        let tokens = tokens_of(&text);
        let body = pieces.join("\r\n");
        assert_eq!(shown(&text, &tokens), [body.as_str(), "0", "0"]);
        // a line before the pieces that gave no token (a bracket alone) is the label's start
        let pieces = in_pieces(&group, &[1, 2]);
        let text = format!("0\r\n{}\r\n0\r\n", pieces.join("\r\n"));
        let body = pieces.join("\r\n");
        assert_eq!(shown(&text, &tokens_of(&text)), ["0", body.as_str(), "0"]);
    }

    #[test]
    fn pieces_are_joined_only_into_a_template_label_and_never_over_values_or_blank_lines() {
        let (row, _) = long_row_and_group();
        let pieces = in_pieces(&row, &[3, 6]);
        let count = |text: &str| tokens_of(text).len();
        // pieces that join to something else than a template label (a character left out)
        let mut other = pieces.clone();
        other[1].remove(0);
        assert_eq!(count(&other.join("\n")), 3);
        // a line holding a value between the pieces, or on a piece's line
        assert_eq!(
            count(&format!("{}\n0\n{}\n{}", pieces[0], pieces[1], pieces[2])),
            4
        );
        assert_eq!(
            count(&format!("{} 0\n{}\n{}", pieces[0], pieces[1], pieces[2])),
            4
        );
        // a page number between the pieces (no token, but digits)
        let paged = format!("{}\n— 3 —\n{}\n{}", pieces[0], pieces[1], pieces[2]);
        assert_eq!(count(&paged), 3);
        // a blank line between the pieces
        assert_eq!(
            count(&format!("{}\n\n{}\n{}", pieces[0], pieces[1], pieces[2])),
            3
        );
        // the same pieces, next to each other: one label
        assert_eq!(count(&pieces.join("\n")), 1);
    }

    #[test]
    fn a_blank_mark_after_a_markdown_table_is_no_cell_of_it() {
        let (tpl, table) = table_of("2019", "applications");
        let label = |id: &str| table.row(id).unwrap().label.as_str();
        // the group a row stands in: the last group item before it
        let group = |id: &str| {
            let at = table.items.iter().position(|i| i.id == id).unwrap();
            let g = table.items[..at]
                .iter()
                .rev()
                .find(|i| i.kind == ItemKind::Group);
            g.unwrap().label.as_str()
        };
        // a pandoc grid table (rows of as many cells, shorter ones behind a cell spanning rows),
        // then pandoc's hard line break 「\」 as a paragraph of its own: no value of the last row,
        // the table's values placed by cell index, trailing blank cells blank values
        let border = "+------+----+----+----+----+----+----+----+\n";
        let grid = [
            border.to_string(),
            format!("| {} | 821 | 35 |  |  | 2 | 1 | 859 |\n", label("received")),
            border.to_string(),
            format!(
                "| {} | {} | 258 | 12 |  |  | 1 | 1 |  |\n",
                group("granted"),
                label("granted")
            ),
            format!(
                "|      | {} | 767 | 35 |  |  | 2 | 1 | 805 |\n",
                label("results_total")
            ),
            border.to_string(),
            format!(
                "|      | {} | {} | 14 |  |  |  |  |  |  |\n",
                group("denied.state_secret"),
                label("denied.state_secret")
            ),
            format!(
                "|      |      | {} | 3 |  |  |  |  |  |  |\n",
                label("denied.prohibited_by_law")
            ),
            format!(
                "|      |      | {} | 2 | 1 |  |  |  |  |  |\n",
                label("denied.security_stability")
            ),
            border.to_string(),
        ]
        .concat();
        for mark in ["\\", "/", "—"] {
            let text = format!("{grid}\n{mark}\n");
            let mut tokens = tokens_of(&text);
            assert!(!shown(&text, &tokens).contains(&mark.to_string()), "{mark}");
            assert!(place_in_columns(
                &text,
                r(0, text.len()),
                &mut tokens,
                table
            ));
            let shown = shown(&text, &tokens);
            let row = |id: &str| -> Vec<String> {
                let at = shown.iter().position(|t| t.contains(label(id))).unwrap();
                shown[at + 1..at + 8].to_vec()
            };
            assert_eq!(row("granted"), ["258", "12", "_", "_", "1", "1", "_"]);
            assert_eq!(
                row("denied.state_secret"),
                ["14", "_", "_", "_", "_", "_", "_"]
            );
            assert_eq!(
                row("denied.security_stability"),
                ["2", "1", "_", "_", "_", "_", "_"]
            );
        }
        // the mark right before the next section's heading (outside the region): as at the end
        let next = &tpl.section("review_litigation").unwrap().heading;
        let text = format!("{grid}\n\\\n{next}\n");
        let region = r(0, text.find(next.as_str()).unwrap());
        let tokens = tokenize(&text, region, &lines(&text), &Reader::without_memo());
        assert!(!shown(&text, &tokens).contains(&"\\".to_string()));
        // refusals: the mark on the line right after a row (no paragraph of its own), before a
        // line of text, or after prose (cells written one per paragraph) stays a cell
        for text in [
            format!("{grid}/\n"),
            format!("{grid}\n/\n{}\n", label("denied.enforcement_file")),
            format!(
                "{}\n\n/\n\n{}\n",
                label("denied.enforcement_file"),
                label("denied.admin_query")
            ),
        ] {
            let tokens = tokens_of(&text);
            assert!(shown(&text, &tokens).contains(&"/".to_string()), "{text}");
        }
    }

    #[test]
    fn the_cheap_test_of_column_placement_changes_no_placing() {
        // every section body of the corpus, its derived layouts and the wild texts (and each whole
        // text) with every table of `Rows` shape: placed with the cheap test first as without it,
        // token for token
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/corpus");
        let mut paths: Vec<std::path::PathBuf> = Vec::new();
        for d in [
            dir.to_string(),
            format!("{dir}/derived"),
            format!("{dir}/wild"),
        ] {
            paths.extend(
                std::fs::read_dir(d)
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .filter(|p| p.is_file() && !p.to_string_lossy().ends_with(".json")),
            );
        }
        paths.sort();
        let tables: Vec<&template::Table> = template::all()
            .iter()
            .flat_map(|t| &t.tables)
            .filter(|t| t.shape == Shape::Rows)
            .collect();
        let (mut compared, mut gated) = (0, 0);
        for p in paths {
            let text = crate::decode::decode(&std::fs::read(&p).unwrap()).text;
            let lines = reading_lines(&text, lines(&text));
            let mut regions = vec![r(0, text.len())];
            regions.extend(parse(&text, None).sections.iter().map(|s| s.body));
            for region in regions {
                let tokens = tokenize(&text, region, &lines, &Reader::without_memo());
                for table in &tables {
                    let (mut fast, mut plain) = (tokens.clone(), tokens.clone());
                    let placed = place_in_columns(&text, region, &mut fast, table);
                    let reference = place_in_columns_ungated(&text, region, &mut plain, table);
                    assert_eq!(placed, reference, "{}", p.display());
                    assert_eq!(shown(&text, &fast), shown(&text, &plain), "{}", p.display());
                    assert_eq!(format!("{fast:?}"), format!("{plain:?}"));
                    compared += 1;
                    let (rs, re) = (usize::from(region.start()), usize::from(region.end()));
                    gated += usize::from(!could_be_laid_out_by_columns(&text, rs, re, &tokens));
                }
            }
        }
        // (the test is not empty: regions the cheap test rules out, and regions it lets through)
        assert!(gated > 0 && gated < compared, "{gated} of {compared}");
    }

    #[test]
    fn blank_cells_shown_as_spaces_after_a_label_start_a_run() {
        let label = "一、本年新收政府信息公开申请数量";
        let at = Some(label.len());
        assert_eq!(spaced_run(&format!("{label}82135  21859")), at);
        assert_eq!(spaced_run(&format!("{label}3      ")), at);
        assert_eq!(spaced_run(&format!("{label}       ")), at);
        assert_eq!(
            spaced_run("（七）总计76735  21805"),
            Some("（七）总计".len())
        );
        // digits without spaces are the plain run; a heading followed by one space is no blank row
        assert_eq!(spaced_run(&format!("{label}640020470")), None);
        assert_eq!(spaced_run("（三）不予公开 "), None);
        // not after a label: prose, a date
        assert_eq!(spaced_run("截至2021年。 12  3"), None);
        assert_eq!(spaced_run("12  3"), None);
        assert_eq!(spaced_run("规章 0 0 0 "), None);
    }

    #[test]
    fn values_inside_a_paragraph_of_rows_are_cells_between_the_labels_words() {
        // a converter's paragraph of a table's rows: each row's values inside its wrapped label,
        // the next row's label after them; every word is a cell of its own
        let text =
            "一、本年 **8 0 0 0 0 0 8** 新收政府 **信息公开 申请数量** 二、上年 0 0 结转政府\n";
        assert_eq!(
            shown(text, &tokens_of(text)),
            [
                "一、本年",
                "**8",
                "0",
                "0",
                "0",
                "0",
                "0",
                "8**",
                "新收政府",
                "**信息公开",
                "申请数量**",
                "二、上年",
                "0",
                "0",
                "结转政府"
            ]
        );
        let kinds: Vec<bool> = tokens_of(text)
            .iter()
            .map(|t| matches!(t.kind, TokKind::Value(_)))
            .collect();
        assert_eq!(kinds.iter().filter(|&&v| v).count(), 9);
        // values with units set apart inside the paragraph stay one cell each
        let text = "行政 许可 231 项 增加 1297 项 行政 处罚 7 19\n";
        assert_eq!(
            shown(text, &tokens_of(text)),
            [
                "行政",
                "许可",
                "231 项",
                "增加 1297 项",
                "行政",
                "处罚",
                "7",
                "19"
            ]
        );
        // refusals: a label followed by its values, one quantity inside a sentence, values
        // before a label — each read as before (one label, then its values; one text cell)
        let text = "规章 0 0 0\n";
        assert_eq!(shown(text, &tokens_of(text)), ["规章", "0", "0", "0"]);
        let text = "本年共收到申请 46 件 办结 40 件\n";
        assert_eq!(
            shown(text, &tokens_of(text)),
            ["本年共收到申请 46 件 办结 40 件"]
        );
        let text = "0 0 新收政府 信息公开\n";
        assert_eq!(shown(text, &tokens_of(text)), ["0 0 新收政府 信息公开"]);
        assert!(!values_inside_text(&[], |_| None));
    }

    #[test]
    fn a_table_written_as_a_paragraph_of_rows_is_read() {
        // a converter's text of a table 三 it did not find: the header's words, then every row as
        // its label's first four characters, its values, the rest of its label, one paragraph
        let (_, table) = table_of("2021", "applications");
        let paragraph = |received: &str| {
            let mut words: Vec<String> = table.header.clone();
            for item in &table.items {
                let label: Vec<char> = item.label.chars().collect();
                if item.kind != ItemKind::Row || label.len() <= 4 {
                    words.push(item.label.clone());
                    continue;
                }
                let values = match item.id.as_str() {
                    "received" => received,
                    "granted" | "results_total" => "8 0 0 0 0 0 8",
                    _ => "0 0 0 0 0 0 0",
                };
                let head: String = label[..4].iter().collect();
                let rest: String = label[4..].iter().collect();
                words.push(format!("{head} **{values}** {rest}"));
            }
            let body = format!("三、收到和处理政府信息公开申请情况\n{}\n", words.join(" "));
            let text = crate::parse::tests::report_2021(&body);
            let a = crate::analyze(&text, &crate::Config::default());
            a.report
                .tables
                .into_iter()
                .find(|t| t.id == "applications")
                .unwrap()
        };
        let t = paragraph("8 0 0 0 0 0 8");
        assert_eq!(t.confidence, Confidence::High, "{:?}", t.notes);
        assert_eq!(t.value("received", "natural_person"), Some(8.0));
        assert_eq!(t.value("received", "total"), Some(8.0));
        assert_eq!(t.value("results_total", "total"), Some(8.0));
        assert_eq!(t.value("carried_in", "total"), Some(0.0));
        // a row with values too many (numbers a converter split: 「6 **0」 for 60): the table is
        // not read with confidence
        let t = paragraph("6 0 0 0 0 0 0 6 0");
        assert_ne!(t.confidence, Confidence::High);
    }

    #[test]
    fn values_with_units_after_a_label_on_one_line_are_cells() {
        // pdfplumber's row: the label and its cells apart by single spaces
        let text = "政府集中采购 6 251000元\n";
        assert_eq!(
            shown(text, &tokens_of(text)),
            ["政府集中采购", "6", "251000元"]
        );
        let text = "行政许可 231项 增加12项 3175起\n";
        assert_eq!(
            shown(text, &tokens_of(text)),
            ["行政许可", "231项", "增加12项", "3175起"]
        );
        // but not one quantity ending a label or a sentence
        let text = "共收到申请 5件\n";
        assert_eq!(shown(text, &tokens_of(text)), ["共收到申请 5件"]);
    }

    #[test]
    fn values_with_units_apart_from_their_numbers_are_one_cell_each() {
        // an old converter's line of a table it did not find: units and change words set apart
        let text = "行政许可 231 项 增加 1297 项 31.2 万件\n";
        assert_eq!(
            shown(text, &tokens_of(text)),
            ["行政许可", "231 项", "增加 1297 项", "31.2 万件"]
        );
        let text = "行政强制 175 项 减少 **73 项** 2068 起\n";
        assert_eq!(
            shown(text, &tokens_of(text)),
            ["行政强制", "175 项", "减少 **73 项**", "2068 起"]
        );
        // refused: a sentence ending in a quantity, a unit after a word that is no number
        let text = "共收到申请 5 件\n";
        assert_eq!(shown(text, &tokens_of(text)), ["共收到申请 5 件"]);
        let text = "规章 0 0 0\n";
        assert_eq!(shown(text, &tokens_of(text)), ["规章", "0", "0", "0"]);
    }

    #[test]
    fn values_with_units_glued_after_a_label_are_cut_where_units_end() {
        fn cut(cell: &str) -> Option<Vec<&str>> {
            values_with_units_after_label(cell).map(|(head, pieces)| {
                let mut out = vec![&cell[..head]];
                out.extend(pieces.iter().map(|&(a, b)| &cell[a..b]));
                out
            })
        }
        assert_eq!(
            cut("行政许可231项增加1297项31.2万件"),
            Some(vec!["行政许可", "231项", "增加1297项", "31.2万件"])
        );
        assert_eq!(
            cut("行政事业性收费38减少11项"),
            Some(vec!["行政事业性收费", "38", "减少11项"])
        );
        assert_eq!(
            cut("政府集中采购144项2.953亿元"),
            Some(vec!["政府集中采购", "144项", "2.953亿元"])
        );
        // the longer unit where the shorter would leave no value after it
        assert_eq!(cut("其他5人次3人"), Some(vec!["其他", "5人次", "3人"]));
        let text = "行政许可231项增加1297项31.2万件\n";
        assert_eq!(
            shown(text, &tokens_of(text)),
            ["行政许可", "231项", "增加1297项", "31.2万件"]
        );
        // refused: no unit nor change word (plain digits are a run), one value only (a sentence's
        // quantity), a zero opening a number (two cells), something else after a value (prose,
        // a date, a comma), a value that does not end the cell
        for cell in [
            "一、本年新收政府信息公开申请数量640020470",
            "共收到申请5件",
            "行政许可05项增加3项",
            "受理5件办结4件",
            "截至2021年12月31日",
            "行政许可231项，增加12项",
            "行政许可231项增加12项x",
            "行政许可1,231项增加12项",
        ] {
            assert_eq!(cut(cell), None, "{cell}");
        }
    }

    #[test]
    fn a_value_glued_before_a_label_is_cut_off_it() {
        let (_, table) = table_of("2021", "active");
        let text = "行政处罚         719行政强制         99\n";
        let mut tokens = tokens_of(text);
        cut_values_glued_before_labels(text, &mut tokens, table);
        assert_eq!(shown(text, &tokens), ["行政处罚", "719", "行政强制", "99"]);
        // the last line of a wrapped label
        let (_, table) = table_of("2021", "applications");
        let text = "（一）予以公开   1  0   0   0     0     0  1办理结果\n";
        let mut tokens = tokens_of(text);
        cut_values_glued_before_labels(text, &mut tokens, table);
        assert_eq!(
            shown(text, &tokens),
            [
                "（一）予以公开",
                "1",
                "0",
                "0",
                "0",
                "0",
                "0",
                "1",
                "办理结果"
            ]
        );
        // a short tail completing a label with a text before it (a group label's lines sorted
        // around a row of the group): cut; the same tail after other texts: not
        let text = "三、本年度办\n（一）予以公开   33  0   0   0     0     0  33理结果\n";
        let mut tokens = tokens_of(text);
        cut_values_glued_before_labels(text, &mut tokens, table);
        assert_eq!(shown(text, &tokens)[7..], ["0", "33", "理结果"]);
        let text = "三、本年度\n（一）予以公开   33  0   0   0     0     0  33理结果\n";
        let mut tokens = tokens_of(text);
        let before = shown(text, &tokens);
        cut_values_glued_before_labels(text, &mut tokens, table);
        assert_eq!(shown(text, &tokens), before);
        // not the template's words after the digits: a date, a quantity, a short tail
        let text = "2021年度统计  3个工作日  12结果  05行政强制\n";
        let mut tokens = tokens_of(text);
        let before = shown(text, &tokens);
        cut_values_glued_before_labels(text, &mut tokens, table);
        assert_eq!(shown(text, &tokens), before);
    }

    #[test]
    fn a_decimal_glued_after_a_label_is_one_value() {
        let text = "行政事业性收费583.9";
        assert_eq!(shown(text, &tokens_of(text)), ["行政事业性收费", "583.9"]);
        let text = "（一）收费0.5";
        assert_eq!(shown(text, &tokens_of(text)), ["（一）收费", "0.5"]);
        // not after a digit, a point or a letter, not a number with a leading zero, not a point
        // without digits on both sides
        for cell in [
            "收费05.5",
            "A583.9",
            "收费583.",
            "收费.9",
            "收费1.2.3",
            "583.9",
        ] {
            assert_eq!(super::decimal_glued_after_label(cell), None, "{cell}");
        }
    }

    #[test]
    fn zeros_before_a_digit_are_cells_run_together() {
        let text = "0    05  00   012  0.5";
        let tokens = tokens_of(text);
        assert_eq!(
            shown(text, &tokens),
            ["0", "0", "5", "0", "0", "012", "0.5"],
            "a unique cut only: 「012」 could be 0 and 12 or 0, 1 and 2"
        );
    }

    #[test]
    fn layout_values_are_placed_under_their_column_headers() {
        let (_, table) = table_of("2019", "applications");
        let text = concat!(
            "                       自然人                                 总计\n",
            "                             商业企业 科研机构 社会公益组织 法律服务机构 其他\n",
            "一、本年新收政府信息公开申请数量       821    35                 2    1   859\n",
            "二、上年结转政府信息公开申请数量       18                                 18\n",
            "（一）予以公开                258    12                 1    1\n",
            "\x0c1.信访举报投诉类申请                   148     1\n",
            "（七）总计                         767     35    2   1   805\n",
        );
        // (the header words line up with the first page's columns; the second page is laid out
        // at another scale, its five columns of numbers those of the first page)
        let mut tokens = tokens_of(text);
        assert!(place_in_columns(text, r(0, text.len()), &mut tokens, table));
        let shown = shown(text, &tokens);
        let row = |label: &str| -> Vec<String> {
            let at = shown.iter().position(|t| t.contains(label)).unwrap();
            shown[at + 1..at + 8].to_vec()
        };
        assert_eq!(row("本年新收"), ["821", "35", "_", "_", "2", "1", "859"]);
        assert_eq!(row("上年结转"), ["18", "_", "_", "_", "_", "_", "18"]);
        assert_eq!(row("予以公开"), ["258", "12", "_", "_", "1", "1", "_"]);
        assert_eq!(row("信访举报"), ["148", "1", "_", "_", "_", "_", "_"]);
        assert_eq!(row("（七）总计"), ["767", "35", "_", "_", "2", "1", "805"]);
    }

    #[test]
    fn markdown_values_are_placed_by_cell_index() {
        let (tpl, table) = table_of("2019", "applications");
        // leading and trailing blank cells of a converter's table, the table cut in two pieces
        // (rows of as many cells), columns without any value placed by their header cells
        let text = concat!(
            "||||自然人|法人或其他组织|||||总计|\n",
            "|||||商业企业|科研机构|社会公益组织|法律服务机构|其他||\n",
            "|一、本年新收政府信息公开申请数量|||821|35|||2|1|859|\n",
            "|三、本年度办理结果|（一）予以公开||258|12|||1|1||\n",
            "|||7.属于行政执法案卷||||||||\n",
            "\n",
            "|||3.补正后申请内容仍不明确|25|||||||\n",
            "|---|---|---|---|---|---|---|---|---|---|\n",
            "||（七）总计||767|35|||2|1|805|\n",
        );
        let mut tokens = tokens_of(text);
        assert!(place_in_columns(text, r(0, text.len()), &mut tokens, table));
        let shown = shown(text, &tokens);
        let row = |label: &str| -> Vec<String> {
            let at = shown.iter().position(|t| t.contains(label)).unwrap();
            shown[at + 1..(at + 8).min(shown.len())].to_vec()
        };
        assert_eq!(row("本年新收"), ["821", "35", "_", "_", "2", "1", "859"]);
        assert_eq!(row("予以公开"), ["258", "12", "_", "_", "1", "1", "_"]);
        assert_eq!(row("补正后"), ["25", "_", "_", "_", "_", "_", "_"]);
        assert_eq!(row("（七）总计"), ["767", "35", "_", "_", "2", "1", "805"]);
        // a row of a Markdown table holding a whole grid: its cells are the grid's
        let (_, grid) = table_of("2019", "review_litigation");
        let text = "|5|||2|7|8|||1<br>|9||||||\n";
        let tokens = tokens_of(text);
        let slots = grid_in_columns(text, r(0, text.len()), &tokens, tpl, grid).unwrap();
        let read: Vec<&str> = slots
            .iter()
            .map(|s| s.map_or("_", |i| tokens[i].text(text)))
            .collect();
        assert_eq!(
            read,
            ["5", "_", "_", "2", "7", "8", "_", "_", "1<br>", "9", "_", "_", "_", "_", "_"]
        );
    }

    /// The texts the fast paths are compared with their plain versions on: the seeds of
    /// tests/corpus and derived, the wild corpus's texts (every route that is text) and a few
    /// written here (blocks with and without pipes, delimiter rows before and after bare rows).
    fn texts_to_compare() -> Vec<String> {
        let mut texts = crate::parse::tests::corpus_texts();
        let wild = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/corpus/wild");
        let mut paths: Vec<_> = std::fs::read_dir(wild)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.extension()
                    .is_some_and(|e| ["txt", "md", "html"].iter().any(|x| e == *x))
            })
            .collect();
        paths.sort();
        assert!(paths.len() > 10, "{}", paths.len());
        for p in paths {
            texts.push(crate::decode::decode(&std::fs::read(p).unwrap()).text);
        }
        texts.extend(
            [
                "规章| 0| 0\n---|---\n行政许可| 1| 2\n\n说明 | 其他\n",
                "表头一| 表头二\n规章| 0\n---\n行政许可| 1\n",
                "| 规章 | 0 |\n|---|---|\n| 行政许可 | 1 |\n\n| a |\n",
                "无竖线的一行\n---\n另一行\n\n|\n||\n|||\n",
                "规章\t0\t0\n行政许可\t1\t2\n",
                ":---:|---:\n- | -\n--|--\n",
                "",
                "|",
            ]
            .map(String::from),
        );
        texts
    }

    #[test]
    fn pipe_rows_passing_over_blocks_without_pipes_are_the_plain_reading() {
        // the rows found with the pipe-free text and blocks passed over and the delimiter row looked
        // for only when asked: the rows the plain reading finds, on the whole of each text and on
        // windows of it starting and ending anywhere (a region stretched to whole lines)
        let mut compared = 0;
        for text in texts_to_compare() {
            let text = text.as_str();
            let len = text.len();
            let mut windows = vec![(0, len)];
            for step in [97, 613, 4099] {
                windows.extend((0..len).step_by(step).map(|a| (a, (a + 3 * step).min(len))));
            }
            for (a, b) in windows {
                let fast = PipeRows::of(text, a, b);
                let plain = PipeRows::of_plain(text, a, b);
                assert_eq!(format!("{fast:?}"), format!("{plain:?}"), "{a}..{b}");
                compared += usize::from(!plain.0.is_empty());
            }
        }
        assert!(compared > 100, "{compared}");
        // and random texts of a Markdown table's characters: blank lines, lines with and without
        // pipes, delimiter rows anywhere
        let alphabet = [
            "|", "|", "-", "---", ":", " ", "\n", "\n", "规章", "0", "\t",
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let text: String = (0..state % 19)
                .map(|i| alphabet[((state >> (3 * i)) % alphabet.len() as u64) as usize])
                .collect();
            let (a, b) = ((state >> 40) as usize % (text.len() + 1), text.len());
            assert_eq!(
                format!("{:?}", PipeRows::of(&text, a, b)),
                format!("{:?}", PipeRows::of_plain(&text, a, b)),
                "{text:?} {a}..{b}"
            );
        }
    }

    #[test]
    fn rows_without_outer_pipes_are_rows_of_a_table_only_under_a_delimiter_row() {
        let text = concat!(
            "见附件 | 下载\n", // prose with a pipe, no table
            "\n",
            "表头一| 表头二\n",
            "---|---\n",
            "规章| 0| 0|  \n",
            "| 行政许可 | 1 |\n",
            "\n",
            "说明 | 其他\n", // after a blank line: prose again
        );
        let rows = PipeRows::of(text, 0, text.len());
        let at = |needle: &str| rows.at(text.find(needle).unwrap());
        assert!(at("见附件").is_none());
        assert!(at("说明").is_none());
        let header = at("表头一").unwrap();
        assert!(header.bare && header.pipes == 3 && header.last == 2);
        let row = at("规章").unwrap();
        assert!(row.bare && row.pipes == 5 && row.last == 4);
        let outer = at("| 行政许可").unwrap();
        assert!(!outer.bare && outer.pipes == 3 && outer.last == 2);
    }

    #[test]
    fn markdown_rows_with_merged_cells_are_placed_from_the_right() {
        let (tpl, table) = table_of("2019", "applications");
        let row_of = |shown: &[String], label: &str| -> Vec<String> {
            let at = shown.iter().position(|t| t.contains(label)).unwrap();
            shown[at + 1..(at + 8).min(shown.len())].to_vec()
        };
        // html2text: no outer pipes, a cell spanning rows left out, a blank last cell
        let text = concat!(
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）| 申请人情况\n",
            "---|---\n",
            "自然人| 法人或其他组织| 总计\n",
            "一、本年新收政府信息公开申请数量| 821| 35|  |  | 2| 1| 859  \n",
            "三、本年度办理结果| （一）予以公开| 258| 12|  |  | 1| 1|    \n",
            "2.其他法律行政法规禁止公开|  |  |  |  |  |  |    \n",
            "6.属于四类过程性信息| 3| 1|  |  |  |  |    \n",
        );
        let mut tokens = tokens_of(text);
        assert!(place_in_columns(text, r(0, text.len()), &mut tokens, table));
        let read = shown(text, &tokens);
        assert_eq!(
            row_of(&read, "本年新收"),
            ["821", "35", "_", "_", "2", "1", "859"]
        );
        assert_eq!(
            row_of(&read, "予以公开"),
            ["258", "12", "_", "_", "1", "1", "_"]
        );
        assert_eq!(
            row_of(&read, "四类过程性"),
            ["3", "1", "_", "_", "_", "_", "_"]
        );
        // markdownify: a cell spanning columns followed by empty cells, rows of three widths
        let text = concat!(
            "|  |  |  |  |  |  |  |  |  |  |\n",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n",
            "| 一、本年新收政府信息公开申请数量 | | | 821 | 35 |  |  | 2 | 1 | 859 |\n",
            "| 三、本年度办理结果 | （一）予以公开 | | 258 | 12 |  |  | 1 | 1 |  |\n",
            "| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | | 3 |  |  |  |  |  |  |\n",
            "| 6.属于四类过程性信息 | 3 | 1 |  |  |  |  |  |\n",
            "| （七）总计 | | 767 | 35 |  |  | 2 | 1 | 805 |\n",
        );
        let mut tokens = tokens_of(text);
        assert!(place_in_columns(text, r(0, text.len()), &mut tokens, table));
        let read = shown(text, &tokens);
        assert_eq!(
            row_of(&read, "本年新收"),
            ["821", "35", "_", "_", "2", "1", "859"]
        );
        assert_eq!(
            row_of(&read, "予以公开"),
            ["258", "12", "_", "_", "1", "1", "_"]
        );
        assert_eq!(
            row_of(&read, "部分公开"),
            ["3", "_", "_", "_", "_", "_", "_"]
        );
        assert_eq!(
            row_of(&read, "四类过程性"),
            ["3", "1", "_", "_", "_", "_", "_"]
        );
        assert_eq!(
            row_of(&read, "（七）总计"),
            ["767", "35", "_", "_", "2", "1", "805"]
        );
        // not sure: no value in the rows' last cell and more cells after a label than columns
        // (the last cells could be what a converter added after a merged value cell)
        let text = concat!(
            "| 一、本年新收政府信息公开申请数量 | | | 821 | 35 |  |  | 2 | 1 |  |\n",
            "| 二、上年结转政府信息公开申请数量 | | | 18 |  |  |  |  |  |  |\n",
            "| 三、本年度办理结果 | （一）予以公开 | | 258 | 12 |  |  | 1 | 1 |  |\n",
        );
        let mut tokens = tokens_of(text);
        let before = shown(text, &tokens);
        assert!(!place_in_columns(
            text,
            r(0, text.len()),
            &mut tokens,
            table
        ));
        assert_eq!(shown(text, &tokens), before);
        // a value left of the last cells: not placed
        let text = concat!(
            "一、本年新收政府信息公开申请数量| 821| 35|  |  | 2| 1| 859|  \n",
            "---|---\n",
            "二、上年结转政府信息公开申请数量| 18|  |  |  |  |  | 18|  \n",
            "三、本年度办理结果| 258| 12|  |  | 1| 1|  |  \n",
        );
        let mut tokens = tokens_of(text);
        assert!(!place_in_columns(
            text,
            r(0, text.len()),
            &mut tokens,
            table
        ));
        // html2text's grid row, no outer pipes: its cells are the grid's
        let (_, grid) = table_of("2019", "review_litigation");
        let text = "行政复议| 行政诉讼\n---|---\n5|  |  | 2| 7| 8|  |  | 1| 9|  |  |  |  |   \n";
        let tokens = tokens_of(text);
        let slots = grid_in_columns(text, r(0, text.len()), &tokens, tpl, grid).unwrap();
        let read: Vec<&str> = slots
            .iter()
            .map(|s| s.map_or("_", |i| tokens[i].text(text)))
            .collect();
        assert_eq!(
            read,
            ["5", "_", "_", "2", "7", "8", "_", "_", "1", "9", "_", "_", "_", "_", "_"]
        );
    }

    #[test]
    fn column_names_a_converter_gave_beside_a_tables_cells_are_empty_cells() {
        // the first row of a table's second piece taken as its header, the converter's names in
        // its empty cells
        let text = "|Col1|（五）不予处理|1.信访举报投诉类申请|148|1|Col6|Col7|Col8|Col9|Col10|\n";
        let tokens = tokens_of(text);
        assert_eq!(
            shown(text, &tokens),
            ["（五）不予处理", "1.信访举报投诉类申请", "148", "1"]
        );
        let text = "|规章|1|Column 3|3|\n";
        assert_eq!(shown(text, &tokens_of(text)), ["规章", "1", "_", "3"]);
        // not a column's name: a word of the report, a value
        for cell in ["Col", "Colour1", "Col 1a", "C1"] {
            assert!(!is_column_placeholder(cell), "{cell}");
        }
        assert!(is_column_placeholder(" Col12 "));
        assert!(is_column_placeholder("Column_3"));
    }

    #[test]
    fn a_markdown_row_written_as_a_line_of_text_keeps_its_values_as_written() {
        let (_, table) = table_of("2019", "applications");
        let head = concat!(
            "||||自然人|法人或其他组织|||||总计|\n",
            "|||||商业企业|科研机构|社会公益组织|法律服务机构|其他||\n",
            "|一、本年新收政府信息公开申请数量|||821|35|||2|1|859|\n",
            "|||1.本机关不掌握相关政府信息|252|12|||1|||\n",
        );
        let tail = "|||2.重复申请|5|4||||||\n||（七）总计||767|35|||2|1|805|\n";
        // a row's label and values on a line of their own: its values stay as written, the
        // table's rows are placed
        let text = format!("{head}2.没有现成信息需要另行制作 44 3\n{tail}");
        let mut tokens = tokens_of(&text);
        assert!(place_in_columns(
            &text,
            r(0, text.len()),
            &mut tokens,
            table
        ));
        let shown_tokens = shown(&text, &tokens);
        let row = |label: &str, count: usize| -> Vec<String> {
            let at = shown_tokens.iter().position(|t| t.contains(label)).unwrap();
            shown_tokens[at + 1..at + 1 + count].to_vec()
        };
        assert_eq!(row("没有现成", 3), ["44", "3", "2.重复申请"]);
        assert_eq!(row("2.重复申请", 7), ["5", "4", "_", "_", "_", "_", "_"]);
        assert_eq!(row("不掌握", 7), ["252", "12", "_", "_", "1", "_", "_"]);
        // values on a line of text that is not one row (header words, a label, values): they
        // could be any row's, nothing is placed
        let text = format!("{head}自 然人 商业 企业 一、本年 4 6 0 0 0 0 0 4 6\n{tail}");
        let mut tokens = tokens_of(&text);
        let before = shown(&text, &tokens);
        assert!(!place_in_columns(
            &text,
            r(0, text.len()),
            &mut tokens,
            table
        ));
        assert_eq!(shown(&text, &tokens), before);
    }

    #[test]
    fn tab_rows_and_runs_are_not_placed_by_position() {
        let (_, table) = table_of("2019", "applications");
        let text = "一、本年新收政府信息公开申请数量\t821\t35\t\t\t2\t1\t859\n";
        let mut tokens = tokens_of(text);
        let before = shown(text, &tokens);
        assert!(!place_in_columns(
            text,
            r(0, text.len()),
            &mut tokens,
            table
        ));
        assert_eq!(shown(text, &tokens), before);
    }

    #[test]
    fn grid_values_are_placed_where_the_identities_choose() {
        let (tpl, table) = table_of("2019", "review_litigation");
        // a value between two column headers (「1」 between 尚未审结 and 总计, 「9」 nearer the
        // next group's 维持 than its own 总计): the row identities (总计 = the sum) choose
        let text = concat!(
            "              行政复议                行政诉讼\n",
            "              结                   未经复议直接起诉                 复议后起诉\n",
            "              果   结果 其他 尚未\n",
            "                           总计\n",
            "              维   纠正 结果 审结        结果 结果 其他 尚未    结果 结果 其他 尚未 总\n",
            "              持                               总计\n",
            "                                  维持 纠正 结果 审结    维持 纠正 结果 审结 计\n",
            "              5          2    7   8          1   9\n",
        );
        let tokens = tokens_of(text);
        let slots = grid_in_columns(text, r(0, text.len()), &tokens, tpl, table).unwrap();
        let read: Vec<&str> = slots
            .iter()
            .map(|s| s.map_or("_", |i| tokens[i].text(text)))
            .collect();
        assert_eq!(
            read,
            ["5", "_", "_", "2", "7", "8", "_", "_", "1", "9", "_", "_", "_", "_", "_"]
        );
        // the same values where no placing satisfies the identities: not placed
        let broken = text.replace("   9\n", "   6\n");
        let tokens = tokens_of(&broken);
        assert!(grid_in_columns(&broken, r(0, broken.len()), &tokens, tpl, table).is_none());
    }

    #[test]
    fn column_header_keys_follow_the_ids_given() {
        let (_, table) = table_of("2021", "applications");
        let ids: Vec<String> = table.columns.iter().rev().map(|c| c.id.clone()).collect();
        let keys = column_header_keys(table, &ids);
        let expected: Vec<String> = table.columns.iter().rev().map(|c| key(&c.header)).collect();
        assert_eq!(keys, expected);
        assert!(keys.iter().all(|k| !k.is_empty()));
        let unknown = column_header_keys(table, &["no-such-column".to_string()]);
        assert_eq!(unknown, vec![String::new()]);
    }

    #[test]
    fn grid_values_at_their_headers_pieces_columns_are_placed_there() {
        let (tpl, table) = table_of("2019", "review_litigation");
        // pypdf's layout mode: each header's pieces stacked at its cell's left edge, each value
        // starting there too; 「2」 is nearly as near 其他结果's centre as 尚未审结's, and both
        // placings keep 5 + 2 = 7: the columns its header's pieces cover choose
        let text = concat!(
            "                 行政复议              行政诉讼\n",
            "                 结                 未经复议直接起诉           复议后起诉\n",
            "                 果  结果  其他 尚未  总计\n",
            "                 维  纠正  结果 审结      结果  结果 其他  尚未      结果 结果  其他  尚未  总\n",
            "                 持                 维持  纠正 结果  审结  总计  维持 纠正  结果  审结  计\n",
            "                 5  \u{a0}   \u{a0}  2   7   8   \u{a0}  \u{a0}   1   9\n",
        );
        let tokens = tokens_of(text);
        let read = |text: &str, tokens: &[Token]| -> Option<Vec<String>> {
            let slots = grid_in_columns(text, r(0, text.len()), tokens, tpl, table)?;
            Some(
                slots
                    .iter()
                    .map(|s| s.map_or("_".to_string(), |i| tokens[i].text(text).to_string()))
                    .collect(),
            )
        };
        assert_eq!(
            read(text, &tokens).unwrap(),
            ["5", "_", "_", "2", "7", "8", "_", "_", "1", "9", "_", "_", "_", "_", "_"]
        );
        // where the identities deny the placing under the headers' pieces (2 + 5 ≠ 6), the
        // value is placed as before, nowhere here: both placings by the nearest headers fail too
        let broken = text.replace(" 7 ", " 6 ");
        let tokens = tokens_of(&broken);
        assert_eq!(read(&broken, &tokens), None);
        // a value whose columns meet no header's pieces keeps both placings: unread
        let shifted = text.replace("\u{a0}  2   7", "\u{a0} 2    7");
        let tokens = tokens_of(&shifted);
        assert_eq!(read(&shifted, &tokens), None);
    }

    #[test]
    fn a_value_under_one_headers_pieces_keeps_only_that_header() {
        // headers 0..3 cover columns 0..2, 4..6, 8..10; a value at 4..5 is under header 1
        let covers = [(0, 2), (4, 6), (8, 10)];
        let candidates = vec![vec![0, 1], vec![1, 2], vec![0, 1, 2]];
        let spans = [(4, 5), (6, 8), (1, 9)];
        assert_eq!(
            under_header_columns(&spans, &covers, &candidates),
            // (6..8 meets no header; 1..9 meets all three)
            vec![vec![1], vec![1, 2], vec![0, 1, 2]]
        );
        // a header among no candidates of the value is never taken
        assert_eq!(
            under_header_columns(&[(8, 9)], &covers, &[vec![0, 1]]),
            vec![vec![0, 1]]
        );
    }
}
