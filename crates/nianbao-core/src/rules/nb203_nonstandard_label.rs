//! NB203 nonstandard-label: a row or column label differs from the standard one.

use super::{fix, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::Shape;
use text_size::TextRange;

pub static META: RuleMeta = RuleMeta {
    code: "NB203",
    name: "nonstandard-label",
    severity: Severity::Warning,
    summary: "a row or column label differs from the standard one",
    doc: r#"## What it checks
Row labels, group lines, block lines and column headers are written exactly as in the template, with the
official numbering punctuation (「（一）」, 「1.」) — and every row has its label.

## Why
Typos, truncations (「行政许」), half-width brackets and variant numbering (「1、」) are what evaluators
flag first; automated comparison across organs needs the standard labels.

## Example
「(一)予以公开」 for 「（一）予以公开」, 「1. 属于国家秘密」 for 「1.属于国家秘密」, a 规章 row whose label is missing.

## Fix
Replaces the label with the standard one (safe), or inserts the missing label.

## Not reported
A label that is the standard one cut by the route the text came through (FORMAT.md §7.2–7.4: a wrapped
label scattered by reading-order PDF text or a converter's Markdown): a run of the standard label whose
missing start or end stands elsewhere in the table as a fragment of its own, with pieces of the table's
other labels glued on at fragment boundaries. The table's text here includes, around the table up to the
next heading or table, the fragments that are words of its labels: reading-order text moves the end of a
label that ran past its cell's line out after the table's values (「…信息公开申」 with 「请」 below the
table), or leaves a label's start before where the table is read from. A run shorter than half the label
counts when the missing part is the next words before or after it, only values between (「（一）予 0」
「以公开」: the pieces of a wrapped label split around its row's values). A page number written into a label
(「— 3 —务信息」: the footer of a table that crosses a page) and a value run into a label's start or end
(「719行政强制」: cells run together) are the route's too. Such wording says nothing of the author's. Nor a
row without its label when the label stands whole elsewhere in the table, in text no label was read from
(a wrapped label that reading-order PDF text moved away from its values).
Nor single spaces between Chinese characters of a label in a Markdown table's cell (「本年新 制作数量」): a
Markdown cell cannot hold a line break, and converters write the break of a wrapped label as a space.
Nor white space inside a label that is otherwise the standard one, where the label stands over several
lines or another label of its table does (「7.属于行」「政执法案 卷」): a route that writes a wrapped
cell's lines as lines (PDF text) writes the gaps between glyphs as spaces too (a line of the cell
joined, letter spacing, a change of font: 「1. 属于国家秘密」), which cannot be told from the author's.
Differences that survive any route (half-width brackets, 「1、」 numbering, a wrong number before words
that are also another label's, a wrong or missing word inside one run of the label, spacing where every
label of the table stands on one line outside Markdown cells) are still reported."#,
};

/// A label in a Markdown table's cell that is the standard one but for single spaces between Chinese
/// characters: a Markdown cell cannot hold a line break, and converters write the break of a wrapped
/// label (「本年新<br>制作数量」) as a space. Not the author's spacing.
fn cell_break_as_space(src: &str, range: TextRange, standard: &str) -> bool {
    let text = &src[range];
    let line_start = src[..usize::from(range.start())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let in_markdown_cell = src[line_start..].trim_start().starts_with('|');
    if !in_markdown_cell || !text.contains([' ', '\u{a0}']) {
        return false;
    }
    let chars: Vec<char> = text.chars().collect();
    let han = |i: usize| chars.get(i).is_some_and(|&c| crate::parse::is_han(c));
    let mut joined = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let break_space = (c == ' ' || c == '\u{a0}') && i > 0 && han(i - 1) && han(i + 1);
        if !break_space {
            joined.push(c);
        }
    }
    joined == standard
}

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = cx.template else { return };
    for t in tpl.tables.iter().filter(|t| t.shape == Shape::Rows) {
        let Some(table) = cx.report.table(&t.id) else {
            continue;
        };
        // (the table's labels, read once when a label is not exact, and its text cut into pieces,
        // read once when a label's missing start or end is looked for in it: most labels that are
        // not exact are judged without it — a half-width bracket, 「1、」 numbering)
        let labels = std::cell::OnceCell::new();
        let labels = || labels.get_or_init(|| glue_labels(t));
        let text = std::cell::OnceCell::new();
        let text = || text.get_or_init(|| table_pieces(cx.report, cx.text, table, labels()));
        let wrapped = std::cell::OnceCell::new();
        let wrapped = || *wrapped.get_or_init(|| labels_wrapped(cx.text, table));
        for row in &table.rows {
            let Some(item) = t.row(row.id) else { continue };
            match &row.label {
                Some(l) if !l.exact => {
                    if route_damage(cx.text, &l.parts, &item.label, labels(), &text, l.range)
                        || cell_break_as_space(cx.text, l.range, &item.label)
                        || route_spacing(cx.text, &l.parts, &item.label, &wrapped)
                        || unextracted(&l.text)
                    {
                        continue;
                    }
                    let d = cx.diag(
                        &META,
                        l.range,
                        format!("行标签应为「{}」，实际为「{}」", item.label, unwrapped(&l.text)),
                    );
                    out.push(if l.parts.len() == 1 {
                        d.with_fix(fix(
                            format!("改为「{}」", item.label),
                            l.range,
                            item.label.clone(),
                            true,
                        ))
                    } else {
                        d
                    });
                }
                None => {
                    let Some(first) = row.cells.first() else {
                        continue;
                    };
                    if label_elsewhere(table, text(), &item.label) {
                        continue;
                    }
                    let same_line = cx.text[row.range].lines().count() <= 1
                        && !cx.text[row.range].contains('\n');
                    let insert = if same_line {
                        format!("{}\t", item.label)
                    } else {
                        format!("{}\n\n{}", item.label, cx.indent_at(first.range.start()))
                    };
                    out.push(
                        cx.diag(
                            &META,
                            first.range,
                            format!("「{}」行缺少行标签", item.label),
                        )
                        .with_fix(fix(
                            format!("插入行标签「{}」", item.label),
                            TextRange::empty(first.range.start()),
                            insert,
                            true,
                        )),
                    );
                }
                _ => {}
            }
        }
        for m in table.markers.iter().filter(|m| {
            !m.exact
                && !unextracted(&m.label)
                && !route_damage(cx.text, &[m.range], m.standard, labels(), &text, m.range)
                && !cell_break_as_space(cx.text, m.range, m.standard)
                && !route_spacing(cx.text, &[m.range], m.standard, &wrapped)
        }) {
            let d = cx.diag(
                &META,
                m.range,
                format!("应为「{}」，实际为「{}」", m.standard, unwrapped(&m.label)),
            );
            out.push(if cx.text[m.range].contains('\n') {
                d
            } else {
                d.with_fix(fix(
                    format!("改为「{}」", m.standard),
                    m.range,
                    m.standard,
                    true,
                ))
            });
        }
    }
}

/// The label written in `parts` is `standard` but for white space, and that white space is the
/// route's (FORMAT.md §7.2): the label stands over several lines, or another label of its table does
/// (`wrapped`: [`labels_wrapped`]) — a route that writes a wrapped cell's lines as lines (PDF text:
/// 「7.属于行」「政执法案 卷」) writes the gaps between its glyphs as spaces too, and a space where
/// glyphs stand apart (a line of the cell joined, letter spacing, a change of font) cannot be told
/// from the author's. Any other difference (a bracket, 「1、」, a word) is not spacing.
fn route_spacing(
    text: &str,
    parts: &[TextRange],
    standard: &str,
    wrapped: &dyn Fn() -> bool,
) -> bool {
    let mut written = String::new();
    let mut broken = parts.len() > 1;
    for &p in parts {
        let Some(t) = text.get(std::ops::Range::<usize>::from(p)) else { return false };
        broken |= t.contains('\n');
        written.extend(t.chars().filter(|&c| !c.is_whitespace()));
    }
    let spaced = written.len() < parts.iter().map(|p| usize::from(p.len())).sum::<usize>();
    spaced
        && written.chars().eq(standard.chars().filter(|c| !c.is_whitespace()))
        && (broken || wrapped())
}

/// Some label or marker of `table` stands over several lines as its route wrote it.
fn labels_wrapped(text: &str, table: &crate::model::Table) -> bool {
    let broken = |r: &TextRange| {
        text.get(std::ops::Range::<usize>::from(*r))
            .is_some_and(|t| t.contains('\n'))
    };
    table
        .rows
        .iter()
        .filter_map(|r| r.label.as_ref())
        .any(|l| l.parts.len() > 1 || l.parts.iter().any(broken))
        || table.markers.iter().any(|m| broken(&m.range))
}

/// A label's text as a diagnostic shows it: the line breaks of a label read over lines, and the
/// white space around them, left out.
fn unwrapped(label: &str) -> String {
    label
        .lines()
        .map(|l| l.trim())
        .collect()
}

/// Characters that separate pieces of a label as the route wrote it: whitespace, a Markdown cell
/// border or emphasis.
fn is_cut(c: char) -> bool {
    c.is_whitespace() || c == '|' || c == '*'
}

/// The text of a table cut into pieces ([`pieces`]), in text order: where the rest of a label a
/// route cut may stand.
type Pieces<'a> = Vec<(TextRange, &'a str)>;

/// The pieces of `table`'s text, and around it, back to the heading or table before it and on to the
/// heading or table after it, the pieces that are words of the table's labels (`labels`:
/// [`glue_labels`]): a reading-order route moves the wrapped labels that ran past a cell's line out
/// after the table's values, or leaves the start of a row's label before where the table is read
/// from (FORMAT.md §7.2); any other text there (prose, the next table's header) is not the table's.
fn table_pieces<'a>(
    report: &crate::model::Report,
    text: &'a str,
    table: &crate::model::Table,
    labels: &[(&str, Vec<char>)],
) -> Pieces<'a> {
    let (start, end) = (table.range.start(), table.range.end());
    let others = || report.tables.iter().filter(|t| t.range != table.range);
    let from = report
        .sections
        .iter()
        .map(|s| s.line_range.end())
        .chain(others().map(|t| t.range.end()))
        .filter(|&e| e <= start)
        .max()
        .unwrap_or(start);
    let to = report
        .sections
        .iter()
        .map(|s| s.line_range.start())
        .chain(others().map(|t| t.range.start()))
        .filter(|&s| s >= end)
        .min()
        .unwrap_or_else(|| text_size::TextSize::from(text.len() as u32));
    let words: Vec<String> = labels.iter().map(|(_, c)| c.iter().collect()).collect();
    let around = |at: TextRange| {
        text.get(std::ops::Range::<usize>::from(at))
            .map(|t| pieces(t, at))
            .unwrap_or_default()
            .into_iter()
            .filter(|(_, p)| words.iter().any(|w| w.contains(p)))
    };
    let mut out: Pieces = around(TextRange::new(from, start)).collect();
    if let Some(t) = text.get(std::ops::Range::<usize>::from(table.range)) {
        out.extend(pieces(t, table.range));
    }
    out.extend(around(TextRange::new(end, to.max(end))));
    out
}

/// The row's label `standard` stands whole in the table's text (`text`: [`table_pieces`]), in pieces
/// that no label or marker was read from: a route that moves a wrapped label away from its values
/// (reading-order PDF text, FORMAT.md §7.2) left the row without it; the author did not leave it out.
fn label_elsewhere(table: &crate::model::Table, text: &Pieces, standard: &str) -> bool {
    let taken: Vec<TextRange> = table
        .rows
        .iter()
        .filter_map(|r| r.label.as_ref())
        .flat_map(|l| l.parts.iter().copied())
        .chain(table.markers.iter().map(|m| m.range))
        .collect();
    let free: String = text
        .iter()
        .filter(|(r, _)| {
            !taken
                .iter()
                .any(|x| x.intersect(*r).is_some_and(|y| !y.is_empty()))
        })
        .map(|&(_, p)| p)
        .collect();
    let want: String = standard.chars().filter(|&c| !is_cut(c)).collect();
    !want.is_empty() && free.contains(&want)
}

/// A character of a label's numbering (「1.」, 「（一）」).
fn is_numbering(c: char) -> bool {
    c.is_ascii_digit() || ".．、（）()".contains(c) || crate::norm::numeral_value(c).is_some()
}

/// A mark that makes the digits before it a label's number (「1.」「2、」), not a value.
fn numbers(c: char) -> bool {
    ".．、".contains(c)
}

/// A piece that is a value or a blank mark (「0」「58.5」「—」「/」), not words.
fn is_value(piece: &str) -> bool {
    piece
        .chars()
        .map(crate::norm::fold_width)
        .all(|c| c.is_ascii_digit() || ".,%/-—–".contains(c))
}

/// `piece` without a value run into its start or end (「1办理结果」: cells run together), digits
/// followed by a numbering mark (「1.属于」) kept.
fn unvalued(piece: &str) -> &str {
    let digit = |c: char| c.is_ascii_digit();
    let mut p = piece;
    let rest = p.trim_start_matches(digit);
    if rest.len() < p.len() && rest.chars().next().is_some_and(|c| !numbers(c)) {
        p = rest;
    }
    let rest = p.trim_end_matches(digit);
    if !rest.is_empty() {
        p = rest;
    }
    p
}

/// The page numbers in `text` (「— 3 —」「第3页」, as [`crate::parse::marks::is_marked_page_number`]
/// knows them): a footer a PDF route wrote into a table that crosses a page (FORMAT.md §7.2), glued
/// onto a label's piece or standing between its pieces.
///
/// Every marked page number holds a digit (its shapes are 「-#-」「第#页」… with `#` a run of
/// digits), so a run of a page number's characters without a digit — the dashes of a Markdown
/// table's separator row, most of the dashes a table's text holds — is passed over without asking
/// `is_marked_page_number` about each of its ends ([`page_numbers_plain`] asks: the reference this
/// is tested against).
fn page_numbers(text: &str) -> Vec<std::ops::Range<usize>> {
    // (what a page number may start with and hold, after width folding)
    use crate::parse::marks::DECOR;
    let inside = |c: char| {
        let c = crate::norm::fold_width(c);
        c.is_ascii_digit() || c.is_whitespace() || DECOR.contains(&c) || "第页共,".contains(c)
    };
    let mut out = Vec::new();
    let mut from = 0;
    let mut run: Vec<usize> = Vec::new();
    for (i, c) in text.char_indices() {
        let f = crate::norm::fold_width(c);
        if i < from || !(DECOR.contains(&f) || f == '第' || f == '共') {
            continue;
        }
        run.clear();
        let mut digit = false;
        for (k, c) in text[i..]
            .char_indices()
            .take_while(|&(k, c)| k < 48 && inside(c))
        {
            digit |= crate::norm::fold_width(c).is_ascii_digit();
            if !c.is_whitespace() {
                run.push(i + k + c.len_utf8());
            }
        }
        if !digit {
            continue;
        }
        if let Some(&e) = run
            .iter()
            .rev()
            .find(|&&e| crate::parse::marks::is_marked_page_number(&text[i..e]))
        {
            out.push(i..e);
            from = e;
        }
    }
    out
}

/// [`page_numbers`] as plainly as it can be written: every end of every run asked.
#[cfg(test)]
fn page_numbers_plain(text: &str) -> Vec<std::ops::Range<usize>> {
    use crate::parse::marks::DECOR;
    let inside = |c: char| {
        let c = crate::norm::fold_width(c);
        c.is_ascii_digit() || c.is_whitespace() || DECOR.contains(&c) || "第页共,".contains(c)
    };
    let mut out = Vec::new();
    let mut from = 0;
    for (i, c) in text.char_indices() {
        let f = crate::norm::fold_width(c);
        if i < from || !(DECOR.contains(&f) || f == '第' || f == '共') {
            continue;
        }
        let run: Vec<usize> = text[i..]
            .char_indices()
            .take_while(|&(k, c)| k < 48 && inside(c))
            .filter(|&(_, c)| !c.is_whitespace())
            .map(|(k, c)| i + k + c.len_utf8())
            .collect();
        if let Some(&e) = run
            .iter()
            .rev()
            .find(|&&e| crate::parse::marks::is_marked_page_number(&text[i..e]))
        {
            out.push(i..e);
            from = e;
        }
    }
    out
}

/// The pieces of `text` between cuts ([`is_cut`], and the page numbers in it: [`page_numbers`]),
/// with their ranges.
fn pieces(text: &str, at: TextRange) -> Vec<(TextRange, &str)> {
    let base = usize::from(at.start());
    let pages = page_numbers(text);
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let cut = is_cut(c) || pages.iter().any(|p| p.contains(&i));
        match (start, cut) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                let range = TextRange::new(
                    text_size::TextSize::from((base + s) as u32),
                    text_size::TextSize::from((base + i) as u32),
                );
                out.push((range, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The labels of `table` a route may glue onto another (items, header texts, column headers), each
/// with its characters, cuts removed.
fn glue_labels(table: &crate::template::Table) -> Vec<(&str, Vec<char>)> {
    table
        .items
        .iter()
        .map(|i| i.label.as_str())
        .chain(table.header.iter().map(String::as_str))
        .chain(table.columns.iter().map(|c| c.header.as_str()))
        .map(|l| (l, l.chars().filter(|&c| !is_cut(c)).collect()))
        .collect()
}

/// A label holding characters a PDF's font did not map to text (U+FFFD, written by the reader for a
/// glyph without ToUnicode; NB109 when most are): what the author wrote there is not known, so the
/// label is not judged.
fn unextracted(label: &str) -> bool {
    label.contains('\u{FFFD}')
}

/// The label written in `parts` is the standard label `standard` as a route that scatters wrapped labels
/// leaves it (FORMAT.md §7.2–7.4), not the author's wording: a contiguous run of `standard`, with
/// pieces of the table's other labels (`labels`: [`glue_labels`]) glued on at fragment
/// boundaries, a page number written into it, or a value run into its start or end (「719行政强制」:
/// cells run together), and where the run lacks the start or the end of `standard`, that start or end
/// standing elsewhere in the table (`table`: [`table_pieces`], cut when first asked, outside `own`) as a fragment of its
/// own — the run half the label at least, or the missing part in the next piece of words before or
/// after it (only values between: a wrapped label whose pieces a route split around the row's
/// values, 「（一）予 0」「以公开」). Differences that survive any route (half-width brackets, 「1、」
/// numbering, a wrong or missing word inside the run) are not.
fn route_damage<'p, 't: 'p>(
    text: &str,
    parts: &[TextRange],
    standard: &str,
    labels: &[(&str, Vec<char>)],
    table: &dyn Fn() -> &'p Pieces<'t>,
    own: TextRange,
) -> bool {
    // the label's characters (cuts removed) and where a fragment boundary falls
    let mut chars: Vec<char> = Vec::new();
    let mut bound: Vec<bool> = vec![true];
    let mut paged = false;
    for &p in parts {
        let Some(t) = text.get(std::ops::Range::<usize>::from(p)) else { return false };
        paged |= !page_numbers(t).is_empty();
        for (_, piece) in pieces(t, p) {
            if let Some(b) = bound.last_mut() {
                *b = true;
            }
            for c in piece.chars() {
                chars.push(c);
                bound.push(false);
            }
            if let Some(b) = bound.last_mut() {
                *b = true;
            }
        }
    }
    let std: Vec<char> = standard.chars().filter(|&c| !is_cut(c)).collect();
    if chars.is_empty() || std.is_empty() || chars.len() > 4 * std.len() {
        return false;
    }
    // a value run into the label's start or end (digits where the standard label has no number,
    // not followed by a number's mark: 「719行政强制」, not 「1、…」)
    let mut valued = false;
    if !std[0].is_ascii_digit() {
        let k = chars.iter().take_while(|c| c.is_ascii_digit()).count();
        if k > 0 && chars.get(k).is_some_and(|&c| !numbers(c)) {
            chars.drain(..k);
            bound.drain(..k);
            bound[0] = true;
            valued = true;
        }
    }
    if !std[std.len() - 1].is_ascii_digit() {
        let k = chars.iter().rev().take_while(|c| c.is_ascii_digit()).count();
        if k > 0 && k < chars.len() {
            chars.truncate(chars.len() - k);
            bound.truncate(chars.len() + 1);
            bound[chars.len()] = true;
            valued = true;
        }
    }
    // (the standard label up to spacing: the spacing is the author's or survives any route, but a
    // page number or a value written into it is the route's)
    if chars == std {
        return paged || valued;
    }
    let others: Vec<&[char]> = labels
        .iter()
        .filter(|(l, _)| *l != standard)
        .map(|(_, c)| c.as_slice())
        .collect();
    let glued = |a: usize, b: usize| -> bool {
        let piece = &chars[a..b];
        others
            .iter()
            .any(|o| o.windows(piece.len()).any(|w| w[0] == piece[0] && w == piece))
    };
    let n = chars.len();
    // the fragments of the table outside the label, for the missing start or end, and the next
    // fragments of words before and after it
    // (each read from the table's pieces only when first asked: `table` cuts them then)
    let outside = || {
        table()
            .iter()
            .filter(|(r, _)| r.intersect(own).is_none_or(|x| x.is_empty()))
            .map(|&(_, p)| p)
    };
    let (before, after) = (std::cell::OnceCell::new(), std::cell::OnceCell::new());
    let before = || {
        *before.get_or_init(|| {
            table()
                .iter()
                .rev()
                .filter(|(r, p)| r.end() <= own.start() && !is_value(p))
                .map(|&(_, p)| p)
                .next()
        })
    };
    let after = || {
        *after.get_or_init(|| {
            table()
                .iter()
                .filter(|(r, p)| r.start() >= own.end() && !is_value(p))
                .map(|&(_, p)| p)
                .next()
        })
    };
    // (a missing part that is only numbering, 「1.」, is what a wrong number looks like; a fragment
    // elsewhere that is only a part of the missing part has two characters at least)
    let words = |missing: &str| missing.chars().any(|c| !is_numbering(c));
    // (a fragment with a value run into it, 「1办理结果」, is read without it too)
    let ends = |p: &str, missing: &str| {
        [p, unvalued(p)].into_iter().any(|p| {
            p.ends_with(missing) || (missing.ends_with(p) && p.chars().nth(1).is_some())
        })
    };
    let starts = |p: &str, missing: &str| {
        [p, unvalued(p)].into_iter().any(|p| {
            p.starts_with(missing) || (missing.starts_with(p) && p.chars().nth(1).is_some())
        })
    };
    let start_elsewhere = |missing: &str| {
        missing.is_empty() || words(missing) && outside().any(|p| ends(p, missing))
    };
    let end_elsewhere = |missing: &str| {
        missing.is_empty() || words(missing) && outside().any(|p| starts(p, missing))
    };
    let start_before = |missing: &str| {
        missing.is_empty() || words(missing) && before().is_some_and(|p| ends(p, missing))
    };
    let end_after = |missing: &str| {
        missing.is_empty() || words(missing) && after().is_some_and(|p| starts(p, missing))
    };
    // glued_ends[i] = the ends k of the pieces of other labels glued on at label position i (the run
    // stays at j over them), the same for every start of the run: found once
    let glued_ends: Vec<Vec<usize>> = (0..n)
        .map(|i| {
            let mut ends: Vec<usize> = Vec::new();
            if bound[i] {
                // (a piece that is in no other label has no longer piece in one either)
                ends.extend(
                    (i + 1..=n)
                        .filter(|&k| bound[k])
                        .take_while(|&k| glued(i, k)),
                );
            }
            // a whole other label glued on without a cut (a crawl's cells run together)
            ends.extend(
                others
                    .iter()
                    .filter(|o| o.first() == Some(&chars[i]) && chars[i..].starts_with(o))
                    .map(|o| i + o.len()),
            );
            ends
        })
        .collect();
    // for each start of the run in `standard`: positions i of the label reachable with the run at j
    // reach[i] = the run's ends reached at label position i (one end per i: the run is contiguous,
    // so j - a counts the run's characters taken; several are possible with glued pieces)
    let mut reach: Vec<Vec<usize>> = vec![Vec::new(); n + 1];
    for a in 0..std.len() {
        reach.iter_mut().for_each(Vec::clear);
        reach[0].push(a);
        for i in 0..n {
            let js = std::mem::take(&mut reach[i]);
            for &j in &js {
                // (the run takes all of the standard label it can: it starts where the label's
                // characters before it are not the standard label's before it, so a wrong number
                // before words that are also another label, 「3. 其他…」, stays the author's)
                let first = j == a && i > 0 && a > 0 && chars[i - 1] == std[a - 1];
                if j < std.len() && chars[i] == std[j] && !first && !reach[i + 1].contains(&(j + 1))
                {
                    reach[i + 1].push(j + 1);
                }
                for &k in &glued_ends[i] {
                    if !reach[k].contains(&j) {
                        reach[k].push(j);
                    }
                }
            }
            reach[i] = js;
        }
        for &j in &reach[n] {
            let head: String = std[..a].iter().collect();
            let tail: String = std[j..].iter().collect();
            // at least half the standard label read in the run, the rest anywhere in the table
            if 2 * (j - a) >= std.len() && start_elsewhere(&head) && end_elsewhere(&tail) {
                return true;
            }
            // or a run of two characters or more, the rest in the next words before and after it
            if j - a >= 2 && start_before(&head) && end_after(&tail) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{by_id, ItemKind};

    fn table() -> &'static crate::template::Table {
        by_id("2021").unwrap().table("applications").unwrap()
    }

    /// Two consecutive row labels of table 三 whose second is numbered 「2.」 or later.
    fn rows() -> (String, String) {
        let t = table();
        let r: Vec<&str> = t
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::Row)
            .map(|i| i.label.as_str())
            .collect();
        let i = r
            .windows(2)
            .position(|w| w[1].starts_with("2.") && w[0].chars().count() > 6)
            .unwrap();
        (r[i].to_string(), r[i + 1].to_string())
    }

    fn cut(s: &str, n: usize) -> (String, String) {
        let c: Vec<char> = s.chars().collect();
        (c[..n].iter().collect(), c[n..].iter().collect())
    }

    /// The ranges of the label written at `label` in `text`, one per line of it.
    fn parts_of(text: &str, label: &str) -> Vec<TextRange> {
        let mut parts = Vec::new();
        let mut at = text.find(label).unwrap();
        for line in label.split('\n') {
            parts.push(TextRange::new((at as u32).into(), ((at + line.len()) as u32).into()));
            at += line.len() + 1;
        }
        parts
    }

    /// `route_damage` on the label written at `label` in `text` (one fragment per line of it).
    fn judge(text: &str, label: &str, standard: &str) -> bool {
        let parts = parts_of(text, label);
        let own = TextRange::new(parts[0].start(), parts[parts.len() - 1].end());
        let region = TextRange::new(0.into(), (text.len() as u32).into());
        let table_pieces = pieces(text, region);
        route_damage(text, &parts, standard, &glue_labels(table()), &|| &table_pieces, own)
    }

    /// The pieces of all `text`, as a table's text.
    fn whole(text: &str) -> Pieces<'_> {
        pieces(text, TextRange::new(0.into(), (text.len() as u32).into()))
    }

    /// A table of the report `text` (template 2021's table 三) over `range`, in a report whose
    /// section headings stand at `headings`.
    fn in_report(text: &str, range: (usize, usize), headings: &[usize]) -> crate::model::Report {
        let at = |a: usize, b: usize| TextRange::new((a as u32).into(), (b as u32).into());
        crate::model::Report {
            template: Some("2021".into()),
            sections: headings
                .iter()
                .map(|&h| {
                    let e = h + text[h..].find('\n').unwrap_or(text.len() - h);
                    crate::model::Section {
                        id: String::new(),
                        heading: text[h..e].into(),
                        heading_range: at(h, e),
                        line_range: at(h, e),
                        standard: true,
                        body: at(e, e),
                        level: 0,
                        renumbered: false,
                    }
                })
                .collect(),
            tables: vec![crate::model::Table {
                id: "applications".into(),
                range: at(range.0, range.1),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    /// The table's pieces ([`table_pieces`]) of the report `text` whose table is `range`.
    fn pieces_of<'a>(
        report: &'a crate::model::Report,
        text: &'a str,
    ) -> Vec<(TextRange, &'a str)> {
        table_pieces(report, text, &report.tables[0], &glue_labels(table()))
    }

    #[test]
    fn a_label_with_characters_no_font_mapped_is_not_judged() {
        // a 2021 report whose table 三 rows are tab-separated, the first denial's label as given
        let report = |denial: &str| {
            let tpl = crate::template::by_id("2021").unwrap();
            let mut s = String::from("某某县2021年政府信息公开工作年度报告\n");
            for sec in &tpl.sections {
                s.push_str(&sec.heading);
                s.push('\n');
                if sec.id != "applications" {
                    s.push_str("内容。\n");
                    continue;
                }
                for it in &tpl.table("applications").unwrap().items {
                    let label = if it.id == "denied.state_secret" {
                        denial.to_string()
                    } else {
                        it.label.clone()
                    };
                    match it.kind {
                        crate::template::ItemKind::Row => {
                            s.push_str(&format!("{label}\t0\t0\t0\t0\t0\t0\t0\n"))
                        }
                        _ => s.push_str(&format!("{label}\n")),
                    }
                }
            }
            let a = crate::analyze(&s, &crate::Config::default());
            a.diagnostics.iter().filter(|d| d.code == "NB203").count()
        };
        let tpl = crate::template::by_id("2021").unwrap();
        let standard = &tpl.table("applications").unwrap().row("denied.state_secret").unwrap().label;
        assert_eq!(report(standard), 0);
        // the numbering's glyphs unmapped (U+FFFD): not the author's
        let (numbering, words) = standard.split_at(standard.find(|c: char| !c.is_ascii()).unwrap());
        assert_eq!(numbering.chars().count(), 2);
        assert_eq!(report(&format!("\u{FFFD}\u{FFFD}{words}")), 0);
        // the author's own variant is still reported
        let mut typo: String = words.chars().collect();
        typo.pop();
        typo.push('某');
        assert_eq!(report(&format!("{numbering}{typo}")), 1);
    }

    #[test]
    fn the_rest_of_a_label_moved_past_the_table_is_the_route() {
        let (a, b) = rows();
        let n = b.chars().count();
        let (head, tail) = cut(&b, n - 2);
        let heading = by_id("2021").unwrap().section("review_litigation").unwrap();
        let heading = heading.heading.clone();
        // reading-order PDF text: the wrapped end of the label after the table's last values, then
        // the next section
        let table_text = format!("{a} 0 0\n{head} 0 0\n0 0\n");
        let text = format!("{table_text}\n{tail}\n\n{heading}\n{tail}\n");
        let report = in_report(&text, (0, table_text.len()), &[text.find(&heading).unwrap()]);
        let pieces = pieces_of(&report, &text);
        assert!(pieces.iter().filter(|(_, p)| *p == tail).count() == 1);
        let label = span(&text, &head);
        let std = glue_labels(table());
        assert!(route_damage(&text, &[label], &b, &std, &|| &pieces, label));
        // the same letters only in prose after the table, or only past the next heading: not the
        // table's words, the label as written
        let prose = format!("{tail}为本年度新增内容，详见附件");
        let text = format!("{table_text}\n{prose}\n\n{heading}\n{tail}\n");
        let report = in_report(&text, (0, table_text.len()), &[text.find(&heading).unwrap()]);
        let pieces = pieces_of(&report, &text);
        assert!(!pieces.iter().any(|(_, p)| *p == tail || *p == prose));
        assert!(!route_damage(&text, &[label], &b, &std, &|| &pieces, label));
        // a label moved whole past the table: the row has it
        let text = format!("{table_text}\n{b}\n\n{heading}\n");
        let report = in_report(&text, (0, table_text.len()), &[text.find(&heading).unwrap()]);
        assert!(label_elsewhere(&report.tables[0], &pieces_of(&report, &text), &b));
        let text = format!("{table_text}\n\n{heading}\n{b}\n");
        let report = in_report(&text, (0, table_text.len()), &[text.find(&heading).unwrap()]);
        assert!(!label_elsewhere(&report.tables[0], &pieces_of(&report, &text), &b));
    }

    /// `route_damage` and whether it read the table's pieces.
    fn judge_counting_reads(text: &str, label: &str, standard: &str) -> (bool, usize) {
        let at = span(text, label);
        let table_pieces = whole(text);
        let reads = std::cell::Cell::new(0);
        let read = || {
            reads.set(reads.get() + 1);
            &table_pieces
        };
        let labels = glue_labels(table());
        (route_damage(text, &[at], standard, &labels, &read, at), reads.get())
    }

    #[test]
    fn the_table_is_read_only_for_a_missing_part_of_words() {
        let (a, b) = rows();
        let n = b.chars().count();
        // half-width digits of a fullwidth numbering or the label whole: judged without the table
        let bracketed = b.replacen("2.", "2、", 1);
        let text = format!("{a} 0 0\n{bracketed} 0 0\n");
        assert_eq!(judge_counting_reads(&text, &bracketed, &b), (false, 0));
        let text = format!("{a} 0 0\n{b}719 0 0\n");
        assert_eq!(judge_counting_reads(&text, &format!("{b}719"), &b), (true, 0));
        // a wrapped label's end elsewhere: the table read (its pieces once, however often asked)
        let (head, tail) = cut(&b, n - 2);
        let text = format!("{a} 0 0\n{head} 0 0\n{tail}\n");
        let (damage, reads) = judge_counting_reads(&text, &head, &b);
        assert!(damage && reads >= 1);
        // and without it there: read, and the label stays the author's
        let text = format!("{a} 0 0\n{head} 0 0\n");
        let (damage, reads) = judge_counting_reads(&text, &head, &b);
        assert!(!damage && reads >= 1);
    }

    #[test]
    fn the_start_of_a_label_left_before_the_table_is_the_route() {
        let (a, b) = rows();
        let (head, tail) = cut(&b, 4);
        let heading = by_id("2021").unwrap().section("applications").unwrap();
        let heading = heading.heading.clone();
        // the table read from the second line of a label whose start stands with its values
        let table_text = format!("{tail}\n{a} 0 0\n");
        let text = format!("{heading}\n{head} 0 0\n{table_text}");
        let at = text.find(&table_text).unwrap();
        let report = in_report(&text, (at, text.len()), &[0]);
        let pieces = pieces_of(&report, &text);
        let label = span(&text, &tail);
        assert!(route_damage(&text, &[label], &b, &glue_labels(table()), &|| &pieces, label));
        // the heading itself is not the table's
        assert!(!pieces.iter().any(|(_, p)| *p == heading));
    }

    #[test]
    fn a_wrapped_label_split_around_its_values_is_the_route() {
        let (a, b) = rows();
        let n = b.chars().count();
        // less than half the label read, its start the next words before it, only values between
        let (head, tail) = cut(&b, n - 3);
        let text = format!("{head} 0 0\n{tail}\n0 0\n");
        assert!(judge(&text, &tail, &b));
        // and its end the next words after it
        let (head, tail) = cut(&b, 3);
        let text = format!("{head} 0 0\n{tail}\n0 0\n");
        assert!(judge(&text, &head, &b));
        // other words between: the short run is the label as written
        let (head, tail) = cut(&b, n - 3);
        let text = format!("{head} 0 0\n{a}\n{tail} 0\n");
        assert!(!judge(&text, &tail, &b));
        // the start nowhere: a truncation
        let text = format!("0 0\n{tail} 0\n");
        assert!(!judge(&text, &tail, &b));
        // the start only a number: a wrong or missing number
        let number: String = b.chars().take_while(|&c| is_numbering(c)).collect();
        let rest = &b[number.len()..];
        let text = format!("{number} 0 0\n{rest}\n0\n");
        assert!(!judge(&text, rest, &b));
    }

    #[test]
    fn a_wrong_number_before_words_that_are_another_label_stays() {
        // a row label whose words start with another whole label of the table (a column header)
        let labels = glue_labels(table());
        let (b, other) = table()
            .items
            .iter()
            .filter(|i| i.label.starts_with(|c: char| c.is_ascii_digit()))
            .find_map(|i| {
                let rest = i.label.trim_start_matches(is_numbering);
                labels
                    .iter()
                    .find(|(l, c)| *l != i.label && c.len() >= 2 && rest.starts_with(l))
                    .map(|(l, _)| (i.label.clone(), l.to_string()))
            })
            .unwrap();
        let rest = b.trim_start_matches(is_numbering);
        let number: String = b[..b.len() - rest.len()].chars().collect();
        let wrong = format!("{}{} {rest}", (number.as_bytes()[0] - b'0' + 1) % 10, &number[1..]);
        // the other label standing in the table as a fragment of its own (a header cell)
        let text = format!("{other}\n{wrong} 0\n");
        assert!(!judge(&text, &wrong, &b));
    }

    #[test]
    fn a_page_number_in_a_label_is_the_route() {
        let (_, b) = rows();
        let n = b.chars().count();
        let (head, tail) = cut(&b, n - 3);
        for page in ["— 3 —", "-3-", "第 3 页"] {
            // the footer between two pieces of the label, or before it on its line
            let label = format!("{head}\n{page}{tail}");
            assert!(judge(&format!("{label} 0\n"), &label, &b), "{page}");
            let label = format!("{page}{b}");
            assert!(judge(&format!("{label} 0\n"), &label, &b), "{page}");
            // the end of a label after a footer, on the next page
            let text = format!("{head} 0 0\n0 0\n{page}{tail}\n");
            assert!(judge(&text, &head, &b), "{page}");
            // a footer does not make a wrong word the route's
            let wrong = format!("{page}{}", b.replacen(&tail, "", 1));
            assert!(!judge(&format!("{wrong} 0\n"), &wrong, &b), "{page}");
        }
        // a dash or a number that is no page number stays in the label
        assert!(page_numbers("3—5").is_empty());
        assert!(page_numbers("第二十条第（五）项").is_empty());
        assert_eq!(page_numbers("ab— 12 —cd"), vec![2..12]);
    }

    #[test]
    fn page_numbers_passing_over_runs_without_a_digit_is_the_plain_search() {
        // the seeds of tests/corpus (with derived), whole and cut into pieces of 97 bytes (cut
        // inside a character: moved back to its start), and texts made of a page number's
        // characters and a few others
        let texts = crate::parse::tests::corpus_texts();
        let mut pieces: Vec<String> = Vec::new();
        for t in &texts {
            let mut at = 0;
            while at < t.len() {
                let mut end = (at + 97).min(t.len());
                while !t.is_char_boundary(end) {
                    end -= 1;
                }
                if end == at {
                    end = at + t[at..].chars().next().map_or(1, char::len_utf8);
                }
                pieces.push(t[at..end].to_string());
                at = end;
            }
        }
        let alphabet: Vec<char> = "-—–·•－第页共,，0123456789０１２３ 　\t\n|Pagefo行政许可"
            .chars()
            .collect();
        let mut seed = 13u64;
        for _ in 0..20_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (seed >> 40) as usize % 30;
            let mut x = seed;
            let s: String = (0..len)
                .map(|_| {
                    x = x
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    alphabet[(x >> 33) as usize % alphabet.len()]
                })
                .collect();
            pieces.push(s);
        }
        let mut found = 0;
        for t in texts.iter().chain(&pieces) {
            let plain = page_numbers_plain(t);
            found += plain.len();
            assert_eq!(page_numbers(t), plain, "{t:?}");
        }
        assert!(found > 100, "{found}");
    }

    #[test]
    fn a_value_run_into_a_label_is_the_route() {
        let (_, b) = rows();
        let g = table()
            .items
            .iter()
            .find(|i| i.label.starts_with('（'))
            .unwrap();
        // a value glued onto a label without a number (cells run together), or after any label
        let label = format!("719{}", g.label);
        assert!(judge(&format!("{label} 0\n"), &label, &g.label));
        let label = format!("{b}719");
        assert!(judge(&format!("{label}\n"), &label, &b));
        // digits before a number's mark are a label's number: 「12.」 for 「2.」 is written so
        let wrong = format!("1{b}");
        assert!(!judge(&format!("{wrong} 0\n"), &wrong, &b));
        // the end of a label elsewhere, a value run into it
        let n = b.chars().count();
        let (head, tail) = cut(&b, n - 3);
        let text = format!("{head} 0 0\n0\n7{tail}\n");
        assert!(judge(&text, &head, &b));
        assert_eq!(unvalued("7办理"), "办理");
        assert_eq!(unvalued("1.属于7"), "1.属于");
        assert_eq!(unvalued("58"), "58");
    }

    /// The range of the first `label` in `text`.
    fn span(text: &str, label: &str) -> TextRange {
        let at = text.find(label).unwrap();
        TextRange::new((at as u32).into(), ((at + label.len()) as u32).into())
    }

    #[test]
    fn a_label_cut_short_with_its_end_elsewhere_is_the_route() {
        let (_, b) = rows();
        let n = b.chars().count();
        let (head, tail) = cut(&b, n - 2);
        let text = format!("{head} 0\n0\n{tail}\n0\n");
        assert!(judge(&text, &head, &b));
        // the end nowhere in the table: the label as written (a truncation)
        let text = format!("{head} 0\n0\n0\n");
        assert!(!judge(&text, &head, &b));
    }

    #[test]
    fn a_neighbours_end_glued_on_is_the_route() {
        let (a, b) = rows();
        let n = a.chars().count();
        let (a_head, a_tail) = cut(&a, n - 1);
        let label = format!("{a_tail}{b}");
        // (the glued end a fragment of its own: a line before the label's own text)
        let text = format!("{a_head}\n0\n{a_tail}\n{b}\n0\n");
        assert!(judge(&text, &format!("{a_tail}\n{b}"), &b));
        // the same characters glued without a cut are the author's
        let text = format!("{a_head}\n0\n{label}\n0\n");
        assert!(!judge(&text, &label, &b));
    }

    #[test]
    fn differences_that_survive_any_route_stay() {
        let (_, b) = rows();
        // 「1、」 numbering for 「1.」
        let one = b.replacen("2.", "2、", 1);
        assert!(!judge(&format!("{one} 0\n"), &one, &b));
        // a wrong number, with the right one elsewhere in the table
        let wrong = b.replacen("2.", "3.", 1);
        assert!(!judge(&format!("2.\n{wrong} 0\n"), &wrong, &b));
        // a word left out inside the label
        let (head, tail) = cut(&b, 4);
        let (_, rest) = cut(&tail, 1);
        let missing = format!("{head}{rest}");
        assert!(!judge(&format!("{missing} 0\n{tail}\n"), &missing, &b));
        // spacing only
        let spaced = b.replacen("2.", "2. ", 1);
        assert!(!judge(&format!("{spaced} 0\n"), &spaced, &b));
        // half-width brackets
        let g = table()
            .items
            .iter()
            .find(|i| i.label.starts_with('（'))
            .unwrap();
        let half = g.label.replace('（', "(").replace('）', ")");
        assert!(!judge(&format!("{half} 0\n"), &half, &g.label));
    }

    #[test]
    fn a_missing_label_standing_whole_in_unread_text_is_the_route() {
        let (a, b) = rows();
        let model = |text: &str, taken: Option<&str>| crate::model::Table {
            id: "applications".into(),
            range: TextRange::new(0.into(), (text.len() as u32).into()),
            confidence: crate::model::Confidence::High,
            notes: Vec::new(),
            rows: Vec::new(),
            markers: taken
                .map(|t| {
                    let at = text.find(t).unwrap();
                    crate::model::Marker {
                        label: t.into(),
                        standard: "",
                        range: TextRange::new(
                            (at as u32).into(),
                            ((at + t.len()) as u32).into(),
                        ),
                        exact: false,
                        values: 0,
                        kind: ItemKind::Group,
                    }
                })
                .into_iter()
                .collect(),
            unknown: Vec::new(),
            unsure_rows: Vec::new(),
            markdown_rows: Vec::new(),
            unplaced: Vec::new(),
        };
        // the label wrapped over lines after the values (reading-order text)
        let (head, tail) = cut(&b, 3);
        let text = format!("0\n0\n0\n{a}\n{head}\n{tail}\n");
        assert!(label_elsewhere(&model(&text, None), &whole(&text), &b));
        // the same text read as another label: not free
        assert!(!label_elsewhere(&model(&text, Some(&tail)), &whole(&text), &b));
        // nowhere in the table: the author left it out
        let text = format!("0\n0\n0\n{a}\n{head}\n");
        assert!(!label_elsewhere(&model(&text, None), &whole(&text), &b));
    }

    /// A converter's space for a cell's line break, in a Markdown cell only; other spacing is the
    /// author's.
    /// `route_spacing` on the label written at `label` in `text` (one part per line of it), in a
    /// table whose other labels stand over several lines or not (`wrapped`).
    fn spacing(text: &str, label: &str, standard: &str, wrapped: bool) -> bool {
        let parts = parts_of(text, label);
        route_spacing(text, &parts, standard, &|| wrapped)
    }

    #[test]
    fn white_space_of_a_label_written_over_lines_is_the_routes() {
        let (label, _) = rows();
        let (a, b) = cut(&label, 3);
        let (b1, b2) = cut(&b, 2);
        // over lines, a space inside a piece (PDFium: 「7.属于行」「政执法案 卷」)
        let over_lines = format!("{a}\n{b1} {b2}");
        assert!(spacing(&over_lines, &over_lines, &label, false));
        // one part holding the line break (a label read as one token over its lines)
        let one = format!("{a}\r\n{b1} {b2}");
        let whole = TextRange::new(0.into(), (one.len() as u32).into());
        assert!(route_spacing(&one, &[whole], &label, &|| false));
        // on one line: the route's where the table's labels stand over lines, else the author's
        let spaced = format!("{a} {b}");
        assert!(spacing(&spaced, &spaced, &label, true));
        assert!(!spacing(&spaced, &spaced, &label, false));
        // a difference other than spacing is not the route's, wrapped or not
        let (c, d) = cut(&label, 2);
        let other = format!("{c}\n{}", &d[d.char_indices().nth(1).unwrap().0..]);
        assert!(!spacing(&other, &other, &label, true));
        let numbered = format!("{}\n{b}", a.replace('.', "、"));
        assert!(!spacing(&numbered, &numbered, &label, true));
        // no white space at all: nothing for this to say
        assert!(!spacing(&label, &label, &label, true));
    }

    #[test]
    fn a_label_read_over_lines_is_shown_on_one_line() {
        let (label, _) = rows();
        let (a, b) = cut(&label, 3);
        assert_eq!(unwrapped(&format!("{a}\r\n {b}")), label);
        assert_eq!(unwrapped(&label), label);
    }

    #[test]
    fn a_space_for_a_line_break_in_a_markdown_cell_is_the_converters() {
        let judge = |text: &str, label: &str, standard: &str| {
            let a = text.find(label).unwrap();
            let range = TextRange::new((a as u32).into(), ((a + label.len()) as u32).into());
            cell_break_as_space(text, range, standard)
        };
        let md = "| 信息内容 | 本年新 制作数量 | 本年新\u{a0}公开数量 |\n";
        assert!(judge(md, "本年新 制作数量", "本年新制作数量"));
        assert!(judge(md, "本年新\u{a0}公开数量", "本年新公开数量"));
        // not in a Markdown table: the spacing is the author's
        let plain = "信息内容\t本年新 制作数量\t本年新公开数量\n";
        assert!(!judge(plain, "本年新 制作数量", "本年新制作数量"));
        // more than spaces between Chinese characters differs
        let md = "| 本年新 作数量 | 1. 属于国家秘密 | 本年新  制作数量 |\n";
        assert!(!judge(md, "本年新 作数量", "本年新制作数量"));
        assert!(!judge(md, "1. 属于国家秘密", "1.属于国家秘密"));
        assert!(!judge(md, "本年新  制作数量", "本年新制作数量"));
    }
}
