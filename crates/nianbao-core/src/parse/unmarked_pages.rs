//! Stage 4b: the values of a table laid out by columns whose pages are not marked — text laid out
//! by spaces where each page has its own scale and nothing marks where a page ends (pypdf's
//! `extraction_mode="layout"` joins pages with a line break, FORMAT.md §7.3). A page's values
//! stand in columns of their own, under its header on the first page and at another scale on the
//! next, so the columns of numbers of the whole table overlap each other and cannot be placed as
//! one page ([`place_in_columns`] leaves them).
//!
//! The table's lines of values are cut into runs of lines (the pages), each run's spans of values
//! forming its columns of numbers (one value per line and column): the first run's columns are
//! placed under the nearest column headers above it, a later run's under the headers written
//! above it, or, without any, as the run before it when it has as many columns of numbers. Every
//! way of cutting the lines is tried; a placing is taken only when exactly one placing of the
//! values comes out of them all and the table's identities hold in it
//! ([`identities_hold_where_written`]).

use super::*;

/// How many ways of cutting a table's lines of values into pages are tried at most.
const MAX_CUTS: usize = 50_000;
/// How many different placings are read and checked at most (more: none is taken).
const MAX_PLACINGS: usize = 8;

/// One line's values: the index of its first value token (its others follow it) and, per value,
/// its first and past-the-last character column on its line.
struct ValueLine {
    first: usize,
    spans: Vec<(usize, usize)>,
    /// Where the line starts in the text.
    start: usize,
}

/// A table of rows laid out by columns on pages not marked, read with each line's values in their
/// columns (blank cells made explicit), when exactly one placing comes out and the identities hold
/// in it; `None` otherwise.
pub(super) fn placed_on_unmarked_pages(
    reader: &Reader,
    text: &str,
    region: TextRange,
    tokens: &[Token],
    tpl: &Template,
    table: &'static template::Table,
) -> Option<Table> {
    let mut rows = table.rows();
    let columns = &rows.next()?.columns;
    let n = columns.len();
    if n < 2 || table.shape != Shape::Rows || !rows.all(|r| r.columns == *columns) {
        return None;
    }
    let (rs, re) = (usize::from(region.start()), usize::from(region.end()));
    let body = &text[rs..re];
    if body.contains(['\x0c', '|', '\t']) {
        return None; // (pages marked, or cells apart by pipes or tabs: placed otherwise)
    }
    let lines = value_lines(text, tokens, n)?;
    if lines.len() < 3 {
        return None;
    }
    let region_start = memchr::memrchr(b'\n', &text.as_bytes()[..rs]).map_or(0, |i| i + 1);
    let keys = super::tokens::column_header_keys(table, columns);
    // the column headers written before each line of values (since the line of values before it)
    let anchors: Vec<Vec<(usize, usize)>> = (0..lines.len())
        .map(|i| {
            let from = if i == 0 {
                region_start
            } else {
                lines[i - 1].start
            };
            header_anchors(&text[from..lines[i].start], &keys)
        })
        .collect();
    let mut placings: Vec<Vec<Vec<Option<usize>>>> = Vec::new();
    let mut budget = MAX_CUTS;
    let mut search = Search {
        lines: &lines,
        anchors: &anchors,
        n,
        budget: &mut budget,
        placings: &mut placings,
        current: Vec::with_capacity(lines.len()),
    };
    search.cut(0, None);
    if budget == 0 || placings.is_empty() || placings.len() > MAX_PLACINGS {
        return None;
    }
    let mut taken: Option<Table> = None;
    for placing in &placings {
        let placed = placed_tokens(tokens, &lines, placing);
        let mut out = Table {
            id: table.id.clone(),
            range: region,
            ..Table::default()
        };
        read_rows(reader, text, placed, true, tpl, table, &mut out);
        if out.confidence != Confidence::High || !identities_hold_where_written(tpl, table, &out) {
            continue;
        }
        if taken.is_some() {
            return None; // two placings the identities allow: neither is vouched for
        }
        taken = Some(out);
    }
    taken
}

/// The lines of values of `tokens`: each value after two spaces or more at its line's first, the
/// values of a line one after the other in the tokens, at most `n` of them. `None` when a value is
/// not such (a run of digits, an empty cell, values of one line apart).
fn value_lines(text: &str, tokens: &[Token], n: usize) -> Option<Vec<ValueLine>> {
    let mut out: Vec<ValueLine> = Vec::new();
    let mut previous_was_value = false;
    for (i, t) in tokens.iter().enumerate() {
        if t.kind == TokKind::Text {
            previous_was_value = false;
            continue;
        }
        if t.empty || t.run {
            return None;
        }
        let a = usize::from(t.range.start());
        let b = usize::from(t.range.end());
        let start = memchr::memrchr(b'\n', &text.as_bytes()[..a]).map_or(0, |k| k + 1);
        let from = text[start..a].chars().count();
        let to = from + text[a..b].chars().count();
        match out.last_mut() {
            Some(line) if line.start == start => {
                if !previous_was_value || line.spans.len() == n {
                    return None;
                }
                line.spans.push((from, to));
            }
            _ => {
                if out.iter().any(|l| l.start == start) || !text[..a].ends_with("  ") {
                    return None;
                }
                out.push(ValueLine {
                    first: i,
                    spans: vec![(from, to)],
                    start,
                });
            }
        }
        previous_was_value = true;
    }
    Some(out)
}

/// The table's column headers among the words of `head` (text laid out by columns): per column
/// found (its index in the row's columns), the centre of its first header word (twice the column,
/// to stay in integers), in column order.
fn header_anchors(head: &str, keys: &[String]) -> Vec<(usize, usize)> {
    let mut anchors: Vec<(usize, usize)> = Vec::new();
    for line in head.split('\n') {
        let mut word_start: Option<(usize, usize)> = None; // (column, byte)
        let ends = std::iter::once((line.len(), ' '));
        for (column, (byte, ch)) in line.char_indices().chain(ends).enumerate() {
            if is_space(ch) {
                if let Some((c, b)) = word_start.take() {
                    let k = key(&line[b..byte]);
                    if let Some(x) = keys.iter().position(|h| !h.is_empty() && *h == k) {
                        if !anchors.iter().any(|a| a.0 == x) {
                            anchors.push((x, c + column));
                        }
                    }
                }
            } else if word_start.is_none() {
                word_start = Some((column, byte));
            }
        }
    }
    anchors.sort_unstable_by_key(|a| a.0);
    anchors
}

/// The search of the ways to cut the lines of values into pages.
struct Search<'a> {
    lines: &'a [ValueLine],
    /// Per line, the column headers written right before it.
    anchors: &'a [Vec<(usize, usize)>],
    n: usize,
    budget: &'a mut usize,
    /// The different placings found: per line, per column, the index of its value in the line.
    placings: &'a mut Vec<Vec<Vec<Option<usize>>>>,
    /// The placing of the lines before the page being cut.
    current: Vec<Vec<Option<usize>>>,
}

impl Search<'_> {
    /// Every cut of the lines from `from` on into pages, the page before mapping its `k` columns
    /// of numbers as `previous`.
    fn cut(&mut self, from: usize, previous: Option<&(usize, Vec<usize>)>) {
        if from == self.lines.len() {
            if !self.placings.contains(&self.current) {
                self.placings.push(self.current.clone());
            }
            return;
        }
        // (the page from `from` grows by one line at each `to`: its columns follow it)
        let mut page = GrowingPage::default();
        for to in from + 1..=self.lines.len() {
            if *self.budget == 0 || self.placings.len() > MAX_PLACINGS {
                return;
            }
            *self.budget -= 1;
            if !page.push(self.lines, from, to) {
                break; // (two values of a line in one column stay so on a longer page)
            }
            let spans = &page.spans;
            let k = spans.len();
            if k > self.n {
                continue;
            }
            let anchors = &self.anchors[from];
            let map = if anchors.len() >= 2 {
                super::tokens::columns_nearest_anchors(spans, anchors)
            } else {
                previous
                    .filter(|(pk, _)| *pk == k)
                    .map(|(_, map)| map.clone())
            };
            let Some(map) = map else {
                continue;
            };
            let depth = self.current.len();
            for line in &self.lines[from..to] {
                let mut slots = vec![None; self.n];
                for (v, span) in line.spans.iter().enumerate() {
                    let c = spans
                        .iter()
                        .position(|s| span.0 >= s.0 && span.1 <= s.1)
                        .expect("every span in its column");
                    slots[map[c]] = Some(v);
                }
                self.current.push(slots);
            }
            self.cut(to, Some(&(k, map)));
            self.current.truncate(depth);
        }
    }
}

/// The columns of numbers of a page that grows by one line at a time, as [`page_columns`] gives
/// them for its lines (the overlapping spans of their values merged, left to right), each line's
/// spans merged into the columns of the lines before it instead of all of them again.
#[derive(Default)]
struct GrowingPage {
    spans: Vec<(usize, usize)>,
}

impl GrowingPage {
    /// Add `lines[to - 1]` to the page of `lines[from..to - 1]`: `false` when two values of one line
    /// of `lines[from..to]` fall in one column (the columns then stay as they were merged).
    fn push(&mut self, lines: &[ValueLine], from: usize, to: usize) -> bool {
        let mut joined = false;
        for &(a, b) in &lines[to - 1].spans {
            // (the columns it overlaps, as the sorted merge of every span joins them)
            let first = self.spans.partition_point(|s| s.1 <= a);
            let last = first + self.spans[first..].partition_point(|s| s.0 < b);
            if last == first {
                self.spans.insert(first, (a, b));
            } else {
                let merged = (a.min(self.spans[first].0), b.max(self.spans[last - 1].1));
                joined |= last - first > 1;
                self.spans.splice(first..last, [merged]);
            }
        }
        // (columns only grow: a line before keeps its values apart unless two columns were joined)
        let check = if joined {
            &lines[from..to]
        } else {
            &lines[to - 1..to]
        };
        let column = |span: &(usize, usize)| self.spans.partition_point(|s| s.1 <= span.0);
        check.iter().all(|line| {
            (line.spans.iter().enumerate())
                .all(|(i, x)| line.spans[..i].iter().all(|y| column(x) != column(y)))
        })
    }
}

/// The columns of numbers of one page's lines: the overlapping spans of their values merged, left
/// to right; `None` when two values of one line fall in one column. (The plain reference of
/// [`GrowingPage`], which the search uses.)
#[cfg(test)]
fn page_columns(lines: &[ValueLine]) -> Option<Vec<(usize, usize)>> {
    let mut all: Vec<(usize, usize)> = lines.iter().flat_map(|l| l.spans.iter().copied()).collect();
    all.sort_unstable();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (a, b) in all {
        match spans.last_mut() {
            Some(last) if a < last.1 => last.1 = last.1.max(b),
            _ => spans.push((a, b)),
        }
    }
    for line in lines {
        let mut seen = vec![false; spans.len()];
        for span in &line.spans {
            let c = spans.iter().position(|s| span.0 >= s.0 && span.1 <= s.1)?;
            if std::mem::replace(&mut seen[c], true) {
                return None;
            }
        }
    }
    Some(spans)
}

/// The tokens with each line's values in their columns as `placing` puts them, the blank cells
/// between them explicit.
fn placed_tokens(
    tokens: &[Token],
    lines: &[ValueLine],
    placing: &[Vec<Option<usize>>],
) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len() * 2);
    let mut i = 0;
    let mut line = 0;
    while i < tokens.len() {
        if line < lines.len() && lines[line].first == i {
            let count = lines[line].spans.len();
            let at = tokens[i].range.start();
            out.extend(placing[line].iter().map(|slot| match slot {
                Some(v) => tokens[i + v].clone(),
                None => Token {
                    range: TextRange::empty(at),
                    empty: true,
                    kind: TokKind::Value(Value::Blank),
                    run: false,
                },
            }));
            i += count;
            line += 1;
        } else {
            out.push(tokens[i].clone());
            i += 1;
        }
    }
    out
}

/// One side of an identity: its sum, `None` when none of its cells is written, `Err` when one is not
/// a number.
type Side = Option<Result<f64, ()>>;

/// Do the table's identities hold in `out`, each where the report wrote it? A blank cell counts 0
/// beside written ones; an identity one side of which is blank altogether (a total the report left
/// blank) is not checked. At least one identity must be checked, every row of the template read.
pub(super) fn identities_hold_where_written(
    tpl: &Template,
    table: &template::Table,
    out: &Table,
) -> bool {
    if table.rows().any(|r| out.row(&r.id).is_none()) {
        return false;
    }
    // a side's sum, blank cells 0; `None` when every cell of it is blank or missing
    let side = |cells: &mut dyn Iterator<Item = Option<&Cell>>| -> Side {
        let mut sum = 0.0;
        let mut written = false;
        for cell in cells {
            match cell.map(|c| &c.value) {
                None | Some(Value::Blank) => {}
                Some(_) => match cell.and_then(Cell::number) {
                    Some(v) => {
                        sum += v;
                        written = true;
                    }
                    None => return Some(Err(())),
                },
            }
        }
        written.then_some(Ok(sum))
    };
    let mut checked = 0;
    for identity in tpl.identities.iter().filter(|i| i.table == table.id) {
        let pairs: Vec<(Side, Side)> = match identity.direction {
            template::Direction::Row => identity
                .resolved
                .over
                .iter()
                .map(|(row, _)| {
                    let row = out.row(row);
                    let cells = |ids: &[(String, String)]| {
                        ids.iter()
                            .map(|(c, _)| row.and_then(|r| r.cell(c)))
                            .collect::<Vec<_>>()
                    };
                    (
                        side(&mut cells(&identity.resolved.lhs).into_iter()),
                        side(&mut cells(&identity.resolved.rhs).into_iter()),
                    )
                })
                .collect(),
            template::Direction::Column => table
                .resolve_columns(&identity.over)
                .iter()
                .map(|col| {
                    let cells = |rows: &[String]| {
                        table
                            .resolve_rows(rows)
                            .iter()
                            .map(|r| out.row(r).and_then(|r| r.cell(col)))
                            .collect::<Vec<_>>()
                    };
                    (
                        side(&mut cells(&identity.lhs).into_iter()),
                        side(&mut cells(&identity.rhs).into_iter()),
                    )
                })
                .collect(),
        };
        for pair in pairs {
            match pair {
                (Some(Ok(l)), Some(Ok(r))) => {
                    if (l - r).abs() > 1e-6 {
                        return false;
                    }
                    checked += 1;
                }
                (Some(Err(())), _) | (_, Some(Err(()))) => return false,
                _ => {}
            }
        }
    }
    checked > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applications_2019() -> (&'static Template, &'static template::Table) {
        let tpl = template::all()
            .iter()
            .find(|t| t.id == "2019")
            .expect("template");
        (tpl, tpl.table("applications").expect("table"))
    }

    /// `line` with `word` written from character column `at` (spaces up to it).
    fn put(line: &mut String, at: usize, word: &str) {
        let width = line.chars().count();
        assert!(width + 2 <= at || width == 0, "{line} {word}");
        line.push_str(&" ".repeat(at.saturating_sub(width)));
        line.push_str(word);
    }

    /// Table 三 of the 2019 template laid out by columns on two pages that nothing marks: the
    /// column headers above the first page's values, the second page (from the row `page_from`
    /// on) at another scale. `values`: per row of the template (by its place), its cells.
    fn two_pages(values: &[(usize, [Option<u64>; 7])], page_from: usize) -> String {
        let (_, table) = applications_2019();
        let first = |c: usize| 40 + 8 * c;
        let second = |c: usize| 36 + 7 * c;
        let mut header = String::new();
        for (c, column) in table.columns.iter().enumerate() {
            put(&mut header, first(c), &column.header);
        }
        let mut text = format!("{header}\n\n");
        let mut row = 0;
        for item in table.items.iter().filter(|i| i.kind != ItemKind::Header) {
            let mut line = item.label.clone();
            if item.kind == ItemKind::Row {
                let at = if row < page_from { first } else { second };
                if let Some((_, cells)) = values.iter().find(|(r, _)| *r == row) {
                    for (c, v) in cells.iter().enumerate() {
                        if let Some(v) = v {
                            put(&mut line, at(c), &v.to_string());
                        }
                    }
                }
                row += 1;
            }
            text.push_str(&line);
            text.push_str(if row == page_from { "\n" } else { "\n\n" });
        }
        text
    }

    /// Cells of a table whose identities hold (I1 per row where its total is written, I2 and I3
    /// per column), most of them blank: per row (by its place among the template's rows).
    fn cells(rows: usize) -> Vec<(usize, [Option<u64>; 7])> {
        let (a, b, c, d, e) = (Some(1), Some(2), Some(3), Some(4), Some(5));
        vec![
            (0, [Some(30), e, None, None, b, a, Some(38)]),
            (1, [d, None, None, None, None, None, d]),
            (2, [Some(10), b, None, None, a, None, None]),
            (3, [c, None, None, None, None, None, None]),
            (4, [b, None, None, None, None, None, None]),
            (12, [e, b, None, None, a, a, None]),
            (15, [Some(9), a, None, None, None, None, None]),
            (rows - 2, [Some(29), e, None, None, b, a, Some(37)]),
            (rows - 1, [e, None, None, None, None, None, e]),
        ]
    }

    /// Lines of values at pseudo-random columns (a linear congruential sequence from `seed`), each
    /// line's values left to right and apart, as `value_lines` makes them.
    fn random_lines(seed: u64, count: usize) -> Vec<ValueLine> {
        let mut state = seed;
        let mut next = |bound: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((state >> 33) % bound) as usize
        };
        (0..count)
            .map(|i| {
                let mut spans = Vec::new();
                let mut at = next(6);
                for _ in 0..1 + next(5) {
                    let width = 1 + next(4);
                    spans.push((at, at + width));
                    at += width + 1 + next(9);
                }
                // (now and then not left to right: the columns do not depend on the order)
                if next(4) == 0 {
                    spans.reverse();
                }
                ValueLine {
                    first: i,
                    spans,
                    start: i,
                }
            })
            .collect()
    }

    #[test]
    fn a_growing_page_has_the_columns_of_its_lines_merged_at_once() {
        let mut refused = 0;
        let mut accepted = 0;
        for seed in 0..400 {
            let lines = random_lines(seed, 12);
            for from in 0..lines.len() {
                let mut page = GrowingPage::default();
                for to in from + 1..=lines.len() {
                    let plain = page_columns(&lines[from..to]);
                    let grown = page.push(&lines, from, to);
                    assert_eq!(grown, plain.is_some(), "seed {seed} lines {from}..{to}");
                    match plain {
                        Some(spans) => {
                            assert_eq!(page.spans, spans, "seed {seed} lines {from}..{to}");
                            accepted += 1;
                        }
                        None => {
                            refused += 1;
                            break;
                        }
                    }
                }
            }
        }
        // (both answers come out of these lines, many times)
        assert!(refused > 100 && accepted > 100, "{refused} {accepted}");
        // two columns joined by a later line: a line before then has two values in one column
        let line = |i: usize, spans: Vec<(usize, usize)>| ValueLine {
            first: i,
            spans,
            start: i,
        };
        let lines = vec![line(0, vec![(0, 2), (4, 6)]), line(1, vec![(1, 5)])];
        let mut page = GrowingPage::default();
        assert!(page.push(&lines, 0, 1));
        assert_eq!(page.spans, vec![(0, 2), (4, 6)]);
        assert!(!page.push(&lines, 0, 2));
        assert!(page_columns(&lines).is_none());
    }

    fn read(text: &str) -> Option<Table> {
        let (tpl, table) = applications_2019();
        let reader = Reader::without_memo();
        let region = r(0, text.len());
        let tokens = tokenize(text, region, &lines(text), &reader);
        placed_on_unmarked_pages(&reader, text, region, &tokens, tpl, table)
    }

    #[test]
    fn pages_at_two_scales_are_read_in_their_columns() {
        let (_, table) = applications_2019();
        let rows: Vec<&template::Item> = table.rows().collect();
        let written = cells(rows.len());
        let text = two_pages(&written, 14);
        // (one page cannot hold these columns of numbers)
        let reader = Reader::without_memo();
        let mut tokens = tokenize(&text, r(0, text.len()), &lines(&text), &reader);
        assert!(!place_in_columns(
            &text,
            r(0, text.len()),
            &mut tokens,
            table
        ));
        let out = read(&text).expect("read");
        assert_eq!(out.confidence, Confidence::High);
        for (at, row) in rows.iter().enumerate() {
            let want = written
                .iter()
                .find(|(r, _)| *r == at)
                .map_or([None; 7], |(_, c)| *c);
            let read_row = out.row(&row.id).expect("row");
            for (c, column) in row.columns.iter().enumerate() {
                let got = read_row.cell(column).and_then(Cell::number);
                assert_eq!(got, want[c].map(|v| v as f64), "{} {column}", row.id);
            }
        }
        // and so the table reads
        let (tpl, _) = applications_2019();
        let (whole, _) = read_table(&reader, &text, &lines(&text), r(0, text.len()), tpl, table);
        assert_eq!(whole.confidence, Confidence::High);
        assert_eq!(whole.value(&rows[0].id, "legal_service"), Some(2.0));
    }

    #[test]
    fn pages_are_not_read_where_the_identities_fail_or_the_columns_cannot_be_followed() {
        let (tpl, table) = applications_2019();
        let rows = table.rows().count();
        // a total that is not the sum of its column: no placing vouched for
        let mut wrong = cells(rows);
        wrong[7].1[0] = Some(28);
        let text = two_pages(&wrong, 14);
        assert!(read(&text).is_none());
        let reader = Reader::without_memo();
        let (out, _) = read_table(&reader, &text, &lines(&text), r(0, text.len()), tpl, table);
        assert_ne!(out.confidence, Confidence::High);
        // the second page (the last row) with fewer columns of numbers than the first: which
        // columns its two are cannot be told
        assert!(read(&two_pages(&cells(rows), rows - 1)).is_none());
        // no column header above the values: nothing to place the first page by
        let text = two_pages(&cells(rows), 14);
        let headless = &text[text.find('\n').unwrap() + 1..];
        assert!(read(headless).is_none());
    }
}
