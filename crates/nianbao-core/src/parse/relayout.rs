//! Stage 1b: reading lines — a report body that arrived as one line (a web page's text taken without
//! its block structure, FORMAT.md §7.1) cut where its headings and table rows start.
//!
//! The cuts are virtual: a reading line is a range of the text like any other line (it ends where
//! the next begins, with no line break between them), so every range found points into the text as
//! it is and every fix edits it in place. A line is cut only where the template's own headings are
//! found inside it, in the order of their numerals (at least two of them: a paragraph of prose never
//! holds two section headings); inside a table section, before each of the table's row, group and
//! block labels found in template order, so that each row's label is followed by its values as in
//! any other layout (digits run together are then split by the identities, [`super::recovery`]).

use super::*;

/// How far after the previous label (in bytes) the next label of a table is looked for: a row's
/// values and the table's header block fit well within it.
const LABEL_WINDOW: usize = 600;

/// A comparison key with, for matching in place, its characters.
struct Needle {
    chars: Vec<char>,
    pattern: Pattern,
}

/// Least similarity of a heading written inside a line with the template's (「一、总体情」 for
/// 「一、总体情况」 is 0.89).
const HEADING_SIMILARITY: f32 = 0.85;

impl Needle {
    fn new(text: &str) -> Option<Needle> {
        let key = key(text);
        let chars: Vec<char> = key.chars().collect();
        (!chars.is_empty()).then(|| Needle {
            chars,
            pattern: Pattern::new(&key),
        })
    }

    /// How well the text at `at` reads as this key, leniently (a character more or fewer, or
    /// a wrong one): the best similarity of the text's key over lengths around the key's, with
    /// the end of that text.
    fn similar_at(&self, text: &str, at: usize, limit: usize) -> Option<(f32, usize)> {
        let wanted = self.chars.len();
        let mut chars: Vec<char> = Vec::with_capacity(wanted + 2);
        let mut ends: Vec<usize> = Vec::with_capacity(wanted + 2);
        for (j, ch) in text[at..limit].char_indices() {
            let folded = fold_width(ch);
            if ignorable(folded) {
                continue;
            }
            chars.push(folded);
            ends.push(at + j + ch.len_utf8());
            if chars.len() == wanted + 1 {
                break;
            }
        }
        let mut best: Option<(f32, usize)> = None;
        for length in wanted.saturating_sub(2).max(1)..=chars.len() {
            let score = self.pattern.similarity(&chars[..length]);
            if best.is_none_or(|b| score > b.0) {
                best = Some((score, ends[length - 1]));
            }
        }
        best
    }

    /// Does the text at `at` read as this key (characters keys ignore skipped)? The end of the
    /// match.
    fn matches_at(&self, text: &str, at: usize, limit: usize) -> Option<usize> {
        let mut n = 0;
        for (j, ch) in text[at..limit].char_indices() {
            let folded = fold_width(ch);
            if ignorable(folded) {
                if n == 0 {
                    return None; // a match starts at a character the key keeps
                }
                continue;
            }
            if folded != self.chars[n] {
                return None;
            }
            n += 1;
            if n == self.chars.len() {
                return Some(at + j + ch.len_utf8());
            }
        }
        None
    }

    /// The first match in `text[from..limit]`: (start, end).
    fn find(&self, text: &str, from: usize, limit: usize) -> Option<(usize, usize)> {
        let first = self.chars[0];
        text[from..limit]
            .char_indices()
            .filter(|&(_, c)| fold_width(c) == first)
            .find_map(|(i, _)| {
                self.matches_at(text, from + i, limit)
                    .map(|end| (opening_brackets_before(text, from, from + i), end))
            })
    }
}

/// `at` moved back over the opening brackets and heading marks written before it (「（一）」 is
/// matched from 「一」),
/// not before `from`.
fn opening_brackets_before(text: &str, from: usize, at: usize) -> usize {
    let kept = text[from..at].trim_end_matches(['（', '(', '【', '[', '〔', '「', '“', '#', '*']);
    from + kept.len()
}

/// The section headings of every template, by numeral: (numeral, section id, keys of the standard
/// heading and its variants).
static HEADING_NEEDLES: std::sync::LazyLock<Vec<(u32, String, Vec<Needle>)>> =
    std::sync::LazyLock::new(|| {
        let mut out: Vec<(u32, String, Vec<Needle>)> = Vec::new();
        for section in template::all().iter().flat_map(|t| &t.sections) {
            let Some(numeral) = section.numeral.chars().next().and_then(numeral_value) else {
                continue;
            };
            let needles = std::iter::once(&section.heading)
                .chain(&section.variants)
                .filter_map(|h| Needle::new(h));
            match out
                .iter_mut()
                .find(|(n, id, _)| *n == numeral && *id == section.id)
            {
                Some(entry) => entry.2.extend(needles),
                None => out.push((numeral, section.id.clone(), needles.collect())),
            }
        }
        out.sort_by_key(|e| e.0);
        out
    });

/// Per template table (in the order of `template::all()` and their tables): the keys of its row,
/// group and block labels in template order.
static LABEL_NEEDLES: std::sync::LazyLock<Vec<Vec<Vec<Needle>>>> = std::sync::LazyLock::new(|| {
    template::all()
        .iter()
        .flat_map(|t| &t.tables)
        .map(|table| {
            table
                .items
                .iter()
                .filter(|item| item.kind != ItemKind::Header)
                .map(|item| item.names().filter_map(|l| Needle::new(l)).collect())
                .collect()
        })
        .collect()
});

/// The lines to read `text` by: its lines, with a line that holds several section headings cut
/// before and after each heading and, in table sections, before each label.
pub(super) fn reading_lines(text: &str, physical: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    // the section the text has come to (from the headings found so far): a converter's paragraph of
    // table cells that holds no heading of its own is cut before its table's labels too
    let mut section: Option<&'static str> = None;
    for (index, line) in physical.iter().copied().enumerate() {
        // (only a line long enough to hold two headings and some text can be a whole body; a
        // shorter one may start with a heading run into its paragraph)
        let mut cuts = if line.end - line.start >= 200 {
            cuts(text, line.start, line.end, &mut section)
        } else {
            // (a table of contents' entry names a heading and is none: left whole)
            let entry = super::outline::is_contents_entry(trim(&text[line.start..line.end]));
            let heading = (!entry)
                .then(|| heading_at(text, line.start, line.end))
                .flatten();
            if let Some((id, _)) = heading {
                section = Some(id);
            }
            let ending = heading
                .is_none()
                .then(|| heading_ending_paragraph(text, line.start, line.end))
                .flatten();
            if let Some((id, _)) = ending {
                section = Some(id);
            }
            heading
                .and_then(|(_, e)| (!ends_line(text, e, line.end)).then_some(e))
                .into_iter()
                .chain(ending.map(|(_, at)| at))
                .collect()
        };
        cuts.extend(line_break_tags(text, line.start, line.end));
        if cuts.is_empty() {
            if !out.is_empty() {
                out.push(line);
            }
            continue;
        }
        if out.is_empty() {
            // (the first line cut: the lines before it as they are)
            out.reserve(physical.len() + cuts.len());
            out.extend_from_slice(&physical[..index]);
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut start = line.start;
        for cut in cuts {
            if cut > start && cut < line.end {
                out.push(Line {
                    start,
                    end: cut,
                    next: cut,
                    cells: false,
                });
                start = cut;
            }
        }
        out.push(Line {
            start,
            end: line.end,
            next: line.next,
            cells: false,
        });
    }
    let out = if out.is_empty() { physical } else { out };
    join_cell_rows(text, out)
}

/// The rows of a table whose cells came one per line, each read as one line: a browser's text of a
/// page whose table cells hold paragraphs (FORMAT.md §7.5) writes each cell on lines of its own,
/// one empty line around it, the cells of a row apart by a line that holds only a tab (or tabs and
/// the blank cells between them: 「\t\u{a0}\t」), or by a tab ending a line of one cell (「规章\t」); rows
/// end where no tab links a line to the next. The lines of such a chain become one reading line from
/// its first cell to its last (the empty lines inside it, and the line breaks, are white space around
/// the cells), marked [`Line::cells`]: every cell is between two tabs, a blank one (「\u{a0}」, a lone
/// space) included, so none is lost or moved to another column. A line of tabs only separates two
/// cells, one empty line before and after it; a line of tabs and blank cells separates the cell before
/// it when it starts with a tab, the cell after it when it ends with one (「\t\u{a0}」 ends a row).
/// (Text with a cell per line after a tab, rows apart by an empty line and a tab line, is another
/// layout: its lines are left as they are.)
fn join_cell_rows(text: &str, lines: Vec<Line>) -> Vec<Line> {
    if memchr::memchr(b'\t', text.as_bytes()).is_none() {
        return lines;
    }
    let s = |k: usize| &text[lines[k].start..lines[k].end];
    let empty = |k: usize| {
        lines
            .get(k)
            .is_some_and(|l| l.end == l.start && l.next > l.end)
    };
    let filled = |k: usize| {
        lines
            .get(k)
            .is_some_and(|l| l.end > l.start && l.next > l.end)
    };
    // one empty line between the line `k` and a filled line after (before) it
    let gap_after = |k: usize| filled(k) && empty(k + 1) && filled(k + 2);
    let gap_before = |k: usize| k >= 2 && gap_after(k - 2);
    // a line of white space holding a tab; `lone`: tabs and ASCII spaces only
    let separator = |k: usize| {
        let t = s(k);
        t.contains('\t') && trim(t).is_empty()
    };
    let lone = |k: usize| s(k).bytes().all(|b| b == b'\t' || b == b' ');
    let forward = |k: usize| {
        if separator(k) {
            if lone(k) {
                gap_before(k)
            } else {
                s(k).ends_with('\t')
            }
        } else {
            // (one cell, then the tab: 「规章\t」; a row of cells with empty ones at its end,
            // 「行政许可\t0\t\t」, is a row of its own)
            s(k).ends_with('\t') && memchr::memchr(b'\t', s(k).as_bytes()) == Some(s(k).len() - 1)
        }
    };
    let backward = |k: usize| {
        separator(k)
            && if lone(k) {
                gap_after(k)
            } else {
                s(k).starts_with('\t')
            }
    };
    // the lines `i` and `i + 2` are cells of one row
    let linked = |i: usize| gap_after(i) && (forward(i) || backward(i + 2));
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let mut last = i;
        while linked(last) {
            last += 2;
        }
        if last > i {
            out.push(Line {
                start: lines[i].start,
                end: lines[last].end,
                next: lines[last].next,
                cells: true,
            });
            i = last + 1;
        } else {
            out.push(lines[i]);
            i += 1;
        }
    }
    out
}

/// Where to cut the line `text[start..end]`, in order: at its section headings (two or more, or one
/// that ends a paragraph, stands apart in a run of cells or starts the line) and, in a table
/// section, before the table's labels (at least two of them, in template order). `section`: the
/// section the text before the line is in; on return, the one the line ends in.
fn cuts(text: &str, start: usize, end: usize, section: &mut Option<&'static str>) -> Vec<usize> {
    // where a heading can start: a numeral followed by 「、」 or a full stop (found from the
    // separators: most long lines hold none)
    let candidates = numbered_places(text, start, end);
    if candidates.is_empty() {
        return cells_run_together(text, start, end, *section, &[]);
    }
    // the headings, in the order of their numerals, each after the one before
    let mut headings: Vec<(usize, usize, &'static str, bool)> = Vec::new(); // (start, end, section id, exact)
    let mut from = start;
    for (numeral, id, needles) in HEADING_NEEDLES.iter() {
        let places = || {
            candidates
                .iter()
                .filter(move |&&(at, n)| n == *numeral && at >= from)
                .map(|&(at, _)| at)
        };
        let exact = places().find_map(|at| {
            needles
                .iter()
                .filter_map(|n| n.matches_at(text, at, end))
                .max()
                .map(|e| (opening_brackets_before(text, from, at), e, true))
        });
        let found = exact.or_else(|| {
            places().find_map(|at| {
                needles
                    .iter()
                    .filter_map(|n| n.similar_at(text, at, end))
                    .filter(|&(score, _)| score >= HEADING_SIMILARITY)
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .map(|(_, e)| (at, e, false))
            })
        });
        if let Some((s, e, exact)) = found {
            headings.push((s, e, id, exact));
            from = e;
        }
    }
    if headings.iter().filter(|h| h.0 > start).count() < 2 {
        // one heading: at the end of a paragraph it ran into (converters), written exactly after a
        // space in the middle of a line (a converter's run of table cells), or at the start of its
        // own paragraph
        let mut out: Vec<usize> = Vec::new();
        // the headings taken: (start, end, section id)
        let mut taken: Vec<(usize, usize, &'static str)> = Vec::new();
        if let Some((id, e)) = heading_at(text, start, end) {
            if !ends_line(text, e, end) {
                out.push(e);
            }
            taken.push((start, e, id));
        }
        for h in headings.iter().filter(|h| h.0 > start) {
            if ends_line(text, h.1, end) && after_sentence(text, start, h.0) {
                out.push(h.0);
                taken.push((h.0, h.1, h.2));
            } else if h.3 && text[start..h.0].ends_with(|c: char| is_space(c)) {
                out.extend([h.0, h.1]);
                taken.push((h.0, h.1, h.2));
            }
        }
        out.extend(cells_run_together(text, start, end, *section, &taken));
        if let Some(last) = taken.last() {
            *section = Some(last.2);
        }
        return out;
    }
    if let Some(last) = headings.last() {
        *section = Some(last.2);
    }
    let mut out = Vec::new();
    for (i, &(s, e, id, _)) in headings.iter().enumerate() {
        out.push(s);
        out.push(e);
        let body_end = headings.get(i + 1).map_or(end, |h| h.0);
        out.extend(label_cuts(text, id, e, body_end));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// A section heading written exactly at the end of a short line, after a sentence that ended and
/// white space (「…焦点问题。  六、其他需要报告的事项」): text sorted by position (pymupdf's sort) puts
/// a heading on the line of the paragraph's last line when both stand on one baseline. Its section
/// id and where it starts (the cut). A heading that a sentence runs into, or that is quoted in one
/// (「…详见六、其他需要报告的事项」), is not one.
fn heading_ending_paragraph(text: &str, start: usize, end: usize) -> Option<(&'static str, usize)> {
    let line = &text.as_bytes()[start..end];
    // (most lines hold no 「、」 (E3 80 81), 「．」 (EF BC 8E) or full stop: nothing to look for)
    memchr::memchr3(b'.', 0xE3, 0xEF, line)?;
    numbered_places(text, start, end)
        .into_iter()
        .rev()
        .filter(|&(at, _)| at > start)
        .find_map(|(at, numeral)| {
            let before = &text[start..at];
            let spaced = before.ends_with(|c: char| is_space(c));
            let sentence = trim_end(before).ends_with(['。', '；', '！', '？', '.', ';']);
            if !spaced || !sentence {
                return None;
            }
            HEADING_NEEDLES
                .iter()
                .filter(|(n, _, _)| *n == numeral)
                .find(|(_, _, needles)| {
                    needles.iter().any(|needle| {
                        needle
                            .matches_at(text, at, end)
                            .is_some_and(|e| ends_line(text, e, end))
                    })
                })
                .map(|(_, id, _)| (id.as_str(), at))
        })
}

/// Around each HTML line break (「<br>」) of a line that is not a table row: converters write
/// the lines of a paragraph that way (「三、收到和处理政府信息公开申请情况<br>」).
fn line_break_tags(text: &str, start: usize, end: usize) -> Vec<usize> {
    let line = &text[start..end];
    if memchr::memchr(b'<', line.as_bytes()).is_none()
        || !line.contains("<br")
        || trim_start(line).starts_with('|')
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    for at in memchr::memmem::find_iter(line.as_bytes(), b"<br") {
        if let Some(close) = line[at..].find('>') {
            out.push(start + at);
            out.push(start + at + close + 1);
        }
    }
    out
}

/// Is `text[at..end]` only white space and markup?
fn ends_line(text: &str, at: usize, end: usize) -> bool {
    text[at..end]
        .chars()
        .all(|c| is_space(c) || matches!(c, '*' | '#' | '|' | '_'))
}

/// Does `text[start..at]` end a sentence (or is it white space)?
fn after_sentence(text: &str, start: usize, at: usize) -> bool {
    let before = trim_end(&text[start..at]);
    before.len() < at - start
        || before.is_empty()
        || before.ends_with(['。', '；', '！', '？', '：', '.', ';', ')', '）'])
}

/// The section heading (exactly as in the template) a line starts with: its section id and where
/// it ends (before the paragraph run into it, 「一、总体情况2021年，我县…」, if any).
fn heading_at(text: &str, start: usize, end: usize) -> Option<(&'static str, usize)> {
    let (inner_start, _, _) = strip_markup(text, start, end);
    let first = text[inner_start..end].chars().next()?;
    let numeral = numeral_value(first)?;
    HEADING_NEEDLES
        .iter()
        .filter(|(n, _, _)| *n == numeral)
        .flat_map(|(_, id, needles)| needles.iter().map(move |n| (id.as_str(), n)))
        .filter_map(|(id, n)| n.matches_at(text, inner_start, end).map(|e| (id, e)))
        .max_by_key(|&(_, e)| e)
}

/// Cuts before the labels of a table whose rows a converter ran into one paragraph (FORMAT.md §7.4:
/// 「规章 0 0 0 行政规范性文件 0 0 0 第二十条第（五）项 …」): in each piece of the line `text[start..end]`
/// between the headings `taken` (start, end, section id; in order) that is in a table section, the
/// table's labels in template order, when at least two are found. `section`: the section the line
/// starts in. A piece holding a sentence (「。」) is prose, and one holding a tab or a run of spaces is
/// laid out in columns: both are left as they are.
fn cells_run_together(
    text: &str,
    start: usize,
    end: usize,
    section: Option<&'static str>,
    taken: &[(usize, usize, &'static str)],
) -> Vec<usize> {
    let mut out = Vec::new();
    let mut piece = (start, section);
    for &(s, e, id) in taken.iter().chain(std::iter::once(&(end, end, ""))) {
        if let Some(current) = piece.1 {
            // (a sentence is prose, never a run of cells; a line laid out in columns by runs of
            // spaces or tabs, `pdftotext -layout`, is placed by position and left whole)
            let words = &text[piece.0..s.max(piece.0)];
            if s > piece.0
                && !words.contains('。')
                && !words.contains('\t')
                && !words.contains("   ")
            {
                let labels = label_cuts(text, current, piece.0, s);
                if labels.len() >= 2 {
                    out.extend(labels);
                }
            }
        }
        piece = (e.max(piece.0), Some(id));
    }
    out
}

/// The places of `text[start..end]` where a numbered heading can start: a numeral 一…十 followed by
/// 「、」, 「.」 or 「．」, with the numeral's value, in order. One pass over the line: a full stop, and
/// the lead bytes of 「、」 (E3 80 81) and 「．」 (EF BC 8E), the other characters of those leads (「。」,
/// 「，」…) passed over at their first byte.
fn numbered_places(text: &str, start: usize, end: usize) -> Vec<(usize, u32)> {
    let line = &text.as_bytes()[start..end];
    let mut out = Vec::new();
    for at in memchr::memchr3_iter(b'.', 0xE3, 0xEF, line) {
        let separator = line[at] == b'.'
            || line[at..].starts_with("、".as_bytes())
            || line[at..].starts_with("．".as_bytes());
        // (the numerals are three bytes long in UTF-8)
        if separator && at >= 3 {
            if let Some(numeral) = text
                .get(start + at - 3..start + at)
                .and_then(|s| s.chars().next())
                .and_then(numeral_value)
            {
                out.push((start + at - 3, numeral));
            }
        }
    }
    out
}

/// Cuts before the labels of the table of section `section` found in `text[from..to]`: for the
/// template whose table finds the most.
fn label_cuts(text: &str, section: &str, from: usize, to: usize) -> Vec<usize> {
    let mut best: Vec<usize> = Vec::new();
    let tables = template::all().iter().flat_map(|t| &t.tables);
    for (table, needles) in tables.zip(LABEL_NEEDLES.iter()) {
        if table.section != section {
            continue;
        }
        let mut found = Vec::new();
        let mut at = from;
        for item in needles {
            let limit = to.min(at + LABEL_WINDOW);
            let mut limit = limit;
            while !text.is_char_boundary(limit) {
                limit -= 1;
            }
            let hit = item
                .iter()
                .filter_map(|n| n.find(text, at, limit))
                .min_by_key(|&(s, e)| (s, std::cmp::Reverse(e)));
            if let Some((s, e)) = hit {
                found.push(s);
                at = e;
            }
        }
        if found.len() > best.len() {
            best = found;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`numbered_places`] as first written: each separator searched for over the whole line, the
    /// places sorted.
    fn numbered_places_plain(text: &str, start: usize, end: usize) -> Vec<(usize, u32)> {
        let line = &text.as_bytes()[start..end];
        let mut out = Vec::new();
        let mut look = |after: usize| {
            if after >= 3 {
                if let Some(numeral) = text
                    .get(start + after - 3..start + after)
                    .and_then(|s| s.chars().next())
                    .and_then(numeral_value)
                {
                    out.push((start + after - 3, numeral));
                }
            }
        };
        for at in memchr::memmem::find_iter(line, "、".as_bytes()) {
            look(at);
        }
        for at in memchr::memmem::find_iter(line, "．".as_bytes()) {
            look(at);
        }
        for at in memchr::memchr_iter(b'.', line) {
            look(at);
        }
        out.sort_unstable();
        out
    }

    #[test]
    fn numbered_places_in_one_pass_are_those_of_each_separator_searched_for() {
        // every line of the corpus, and pseudo-random lines of numerals, separators and the
        // characters that share their first bytes (「。」「，」「（」), at every start
        let mut checked = 0;
        let mut found = 0;
        for text in crate::parse::tests::corpus_texts() {
            for line in crate::parse::lines(&text) {
                let one = numbered_places(&text, line.start, line.end);
                assert_eq!(one, numbered_places_plain(&text, line.start, line.end));
                checked += 1;
                found += one.len();
            }
        }
        let alphabet = [
            '一', '三', '十', '、', '．', '.', '。', '，', '（', '年', 'a', ' ', '1',
        ];
        let mut seed = 0x2545_f491_u64;
        for _ in 0..3000 {
            let mut line = String::new();
            for _ in 0..(seed % 24) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                line.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            for (start, _) in line.char_indices() {
                let one = numbered_places(&line, start, line.len());
                assert_eq!(
                    one,
                    numbered_places_plain(&line, start, line.len()),
                    "{line}"
                );
                found += one.len();
            }
            checked += 1;
        }
        assert!(checked > 3000 && found > 100, "{checked} {found}");
        assert_eq!(
            numbered_places("。三、四．五.六，", 0, "。三、四．五.六，".len()),
            [(3, 3), (9, 4), (15, 5)]
        );
    }

    fn pieces(text: &str) -> Vec<&str> {
        reading_lines(text, lines(text))
            .iter()
            .map(|l| &text[l.start..l.end])
            .collect()
    }

    #[test]
    fn a_body_on_one_line_is_cut_at_its_headings() {
        let text = format!(
            "标题：某县2021年政府信息公开工作年度报告\n当前位置：首页{}。一、总体情况2021年，我县推进公开。二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000五、存在的主要问题及改进情况（一）主要问题。",
            "前言".repeat(80)
        );
        let p = pieces(&text);
        assert!(p.contains(&"一、总体情况"), "{p:?}");
        assert!(p.contains(&"2021年，我县推进公开。"), "{p:?}");
        assert!(p.contains(&"二、主动公开政府信息情况"), "{p:?}");
        assert!(p.contains(&"规章000"), "{p:?}");
        assert!(p.contains(&"五、存在的主要问题及改进情况"), "{p:?}");
        // the pieces are the text, in order
        assert_eq!(p.concat(), text.replace('\n', ""));
    }

    #[test]
    fn prose_lines_are_not_cut() {
        // one heading inside a paragraph is prose; short lines are left alone
        let text = format!("{}一、总体情况是好的。", "我县推进公开。".repeat(40));
        assert_eq!(pieces(&text).len(), 1);
        let text = "一、总体情况\n二、主动公开政府信息情况\n";
        assert_eq!(pieces(text).len(), 3);
    }

    #[test]
    fn a_heading_sorted_onto_a_paragraphs_last_line_is_cut_off_it() {
        let text = "人民群众普遍关心的热点、焦点问题。  六、其他需要报告的事项\n";
        let filled = |t: &'static str| -> Vec<&'static str> {
            pieces(t).into_iter().filter(|p| !p.is_empty()).collect()
        };
        assert_eq!(
            filled(text),
            [
                "人民群众普遍关心的热点、焦点问题。  ",
                "六、其他需要报告的事项"
            ]
        );
        // a heading quoted in a sentence, run into it, or followed by more text: not cut
        for line in [
            "具体见报告六、其他需要报告的事项\n",
            "问题。六、其他需要报告的事项\n",
            "问题。  六、其他需要报告的事项中写明\n",
            "问题  六、其他需要报告的事项\n",
        ] {
            assert_eq!(filled(line).len(), 1, "{line}");
        }
    }

    #[test]
    fn cells_one_per_line_are_joined_into_their_rows() {
        // a browser's text of a table whose cells hold paragraphs: the cells apart by lines holding
        // a tab, blank cells a lone no-break space, a cell's paragraphs one empty line apart, rows
        // three empty lines apart
        let text = "三、收到和处理政府信息公开申请情况\n\n（一）予以公开\n\n\t\n\n258\n\n\t\n\n\u{a0}\n\n\t\u{a0}\t\n\n1\n\n\t\n\n\u{a0}\n\n\t\u{a0}\t\u{a0}\n\n（二）部分公开\n\n（区分处理的）\n\n\t\n\n3\n\n\n\n规章\t\n\n\u{a0}0\n\n\t\n\n\u{a0}0\n\n\n正文第一段。\n\n正文第二段。\n";
        let all = reading_lines(text, lines(text));
        let rows: Vec<&str> = all
            .iter()
            .filter(|l| l.cells)
            .map(|l| &text[l.start..l.end])
            .collect();
        assert_eq!(
            rows,
            [
                "（一）予以公开\n\n\t\n\n258\n\n\t\n\n\u{a0}\n\n\t\u{a0}\t\n\n1\n\n\t\n\n\u{a0}\n\n\t\u{a0}\t\u{a0}",
                "（区分处理的）\n\n\t\n\n3",
                "规章\t\n\n\u{a0}0\n\n\t\n\n\u{a0}0",
            ]
        );
        // the heading, a cell's first paragraph and the prose keep their own lines
        let plain: Vec<&str> = all
            .iter()
            .filter(|l| !l.cells && l.end > l.start)
            .map(|l| &text[l.start..l.end])
            .collect();
        assert_eq!(
            plain,
            [
                "三、收到和处理政府信息公开申请情况",
                "（二）部分公开",
                "正文第一段。",
                "正文第二段。"
            ]
        );
        // lines cover the text in order
        assert!(all.windows(2).all(|w| w[0].next == w[1].start));
        // every cell of a rebuilt row is a token: a blank one a blank value, at the row's end too
        let tokens = tokenize(text, r(0, text.len()), &all, &Reader::without_memo());
        let shown: Vec<String> = tokens
            .iter()
            .map(|t| match &t.kind {
                TokKind::Text => t.text(text).to_string(),
                TokKind::Value(Value::Blank) => "_".into(),
                TokKind::Value(_) => format!("={}", t.text(text)),
            })
            .collect();
        assert_eq!(
            shown[..10],
            [
                "三、收到和处理政府信息公开申请情况",
                "（一）予以公开",
                "=258",
                "_",
                "_",
                "=1",
                "_",
                "_",
                "_",
                "（二）部分公开"
            ]
        );
        // rows of tab-separated text (no empty line between them) are left as they are, and so are
        // cells one per line after a tab, rows apart by an empty line and a tab line
        for other in [
            "规章\t1\t\n规范性文件\t2\t3\n",
            "\t（一）予以公开\n\t24\n\t0\n\n\t\n\t（二）部分公开\n\t0\n",
            "行政许可\t0\t\t\n行政事业性收费\t0\t\t\n\n### 三、收到和处理政府信息公开申请情况\n",
        ] {
            assert!(reading_lines(other, lines(other)).iter().all(|l| !l.cells));
        }
    }

    #[test]
    fn a_converters_paragraph_of_cells_is_cut_before_its_labels() {
        // pymupdf4llm's paragraph of a table without ruling lines (FORMAT.md §7.4): the heading ends
        // the paragraph before it, the table's cells run into one line with the next heading
        let prose = "工作有序推进。".repeat(30);
        let text = format!(
            "{prose}二、主动公开政府信息情况\n\n第二十条 **第（一）项** 信息 **内容** 本年制 **发件数** 本年废 **止件数** 现行有 **效件数** 规 **章 0 0 0** 行政规 **范性文件 0 0 0** 第二十条 **第（五）项** 信息 **内容** 本年处理 **决定数量** 行政 **许可 0** 三、收到和处理政府信息公开申请情况 （本列数据的勾稽关系为：第一项加第二项之和）\n"
        );
        let p = pieces(&text);
        for want in [
            "二、主动公开政府信息情况",
            "规 **章 0 0 0** ",
            "行政规 **范性文件 0 0 0** ",
            "行政 **许可 0** ",
            "三、收到和处理政府信息公开申请情况",
        ] {
            assert!(p.contains(&want), "{want} {p:?}");
        }
        // the same words in a sentence of prose are left as they are
        let text = format!(
            "{prose}二、主动公开政府信息情况\n\n本年制发规章0件，行政规范性文件3件，行政许可决定12件。{prose}\n"
        );
        assert!(
            pieces(&text)
                .iter()
                .all(|p| !p.starts_with("行政规范性文件")),
            "{:?}",
            pieces(&text)
        );
        // a line laid out in columns is placed by position, not cut
        let text = format!(
            "{prose}二、主动公开政府信息情况\n{}\n",
            "    规章      0    0    0    行政规范性文件    1    2    3    行政许可    5    "
                .repeat(3)
        );
        assert!(text.lines().nth(1).unwrap().len() >= 200);
        assert!(pieces(&text)
            .iter()
            .all(|p| !p.starts_with("行政规范性文件")));
    }

    #[test]
    fn rows_run_together_are_cut_before_their_labels() {
        let text = format!(
            "{}一、总体情况很好。三、收到和处理政府信息公开申请情况申请人情况自然人总计一、本年新收政府信息公开申请数量600000060二、上年结转政府信息公开申请数量8000008三、本年度办理结果（一）予以公开240000024四、政府信息公开行政复议、行政诉讼情况",
            "前言".repeat(80)
        );
        let p = pieces(&text);
        for want in [
            "一、本年新收政府信息公开申请数量600000060",
            "二、上年结转政府信息公开申请数量8000008",
            "（一）予以公开240000024",
        ] {
            assert!(p.contains(&want), "{want} {p:?}");
        }
    }
}
