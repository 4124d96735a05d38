//! Stage 7c: tables that pdfminer.six `extract_text` writes partly column by column (FORMAT.md §7.2:
//! `pdf2txt.py`, converters over pdfminer). pdfminer groups the text of a page into boxes and writes
//! box after box; the cells of a table's columns that lie close together become one box. What it
//! does to a `Rows` table (二, 三) of a PDF printed by a browser or a word processor:
//!
//! - each row's label comes with the values of its **first** `k` columns right after it (「8.属于行政
//!   查询事项 0 0 0 0」), the same `k` for a run of rows (`k` may be 0: the labels one after the other);
//! - the values of the **remaining** columns of those rows come as one block, right after the last
//!   row's own values or right before the first row's label: column after column, each column top to
//!   bottom; where the page put two neighbouring cells of a row on one text line (「0  46」), a run of
//!   such lines, one per row, gives those columns row by row;
//! - the last block of a table can come after the next section's heading (its lines of numbers only
//!   open that body): a grid (四) after such values, its complete header then exactly its values,
//!   has them in the order of its cells.
//!
//! - table 二 of a Chromium PDF can come as the labels of several blocks, then the values of those
//!   blocks column after column, each column block after block, top to bottom, some columns under
//!   their header, the first block's after its whole header row ([`place_across_parts`]: taken
//!   where the headers rule out the order block after block, or it gives the same values).
//!
//! Of LibreOffice's PDFs pdfminer writes table 二's labels alone and each column of each block of it as
//! one box: its header line, then its cells top to bottom, the boxes in an order of their own, before
//! the section's heading, among its labels or after the next heading ([`reread_header_blocks`]).
//! Of its table 四 it writes each column's header as a box, some holding their one value, the other
//! values after them in no order: read only where every placement gives the same numbers
//! ([`grid_of_header_groups`]).
//!
//! Assumptions (what the route does, read from its output): the values right after a label are its
//! row's first columns; a block holds exactly (rows of the run) × (columns missing) values; the lines
//! of a block are whole (no line holds values of two rows or of the row's own values and the block's).
//! A reading is taken only when every row of the table is placed that way, every row complete, its
//! labels in template order, no value left over, and a block never crosses a block line of table 二;
//! otherwise the table stays as read (unreadable: one NB201, no values exported).
//!
//! What no reader can take from this route (measured on the wild corpus, not to be retried): pdfminer
//! ends each text box with a blank line, so a box's lines are whole; where every cell of a table is a
//! box of its own, the boxes' order says nothing about a value's row or column: of table 三 of
//! LibreOffice's PDFs it is pdfminer's grouping of tied positions, which changes from one build of
//! the same PDF to the next (same values per page, another order); of table 二 of Chromium's PDFs the
//! value boxes of a part follow no column order (a later column's before the first's). I1–I3 hold
//! alike for every applicant column, so no identity can tell which applicant column holds a value
//! either; such a page is read only when all its values are one number ([`rows_of_uniform_pages`]). In
//! table 四, the values of the columns whose header box holds none (the 行政复议 group, the 总计
//! columns) are written in such an order too: a lone differing value there has no cell, even where
//! every placement of it breaks I4 ([`grid_of_header_groups`] refuses). What the text does say of such
//! values (each group's in its column, the rest anywhere) is kept on the table
//! ([`unplaced_header_groups`]): an identity that no placement keeps is broken in the source
//! (`rules::identity`).

use super::reading_order::{page_finder, pieces, placed_row, rereading_of, Piece};
use super::*;

/// Reread a `Rows` table written partly column by column ([`place_columns`]); `tokens` the region's
/// tokens, then any lines of values that open the next section's body. `None` unless every value is
/// placed and the table is then read with confidence.
pub(super) fn reread_columns(
    src: &str,
    tokens: &[Token],
    table: &'static template::Table,
    read: &Table,
) -> Option<Table> {
    let rows: Vec<&template::Item> = table.rows().collect();
    let widths: Vec<usize> = rows.iter().map(|r| r.columns.len()).collect();
    let lines = token_lines(src, tokens);
    let read = &with_missing_labels(src, tokens, table, read);
    let (read, placed) =
        match place_columns(&pieces(src, tokens, &rows, read, false), &lines, &widths) {
            Some(placed) => (std::borrow::Cow::Borrowed(read), placed),
            None => {
                // (labels of several blocks first, then their values column after column across them)
                let read = with_exact_labels(src, tokens, table, read);
                let placed = place_across_parts(
                    &bits(src, tokens, table, &read)?,
                    &lines,
                    &table_parts(table),
                )?;
                (std::borrow::Cow::Owned(read), placed)
            }
        };
    Some(reread_as_placed(src, tokens, table, &read, &rows, &placed))
        .filter(|out| out.confidence == Confidence::High)
}

/// `read` rebuilt from the values `placed` for each row (token indices), read with confidence or not.
fn reread_as_placed(
    src: &str,
    tokens: &[Token],
    table: &'static template::Table,
    read: &Table,
    rows: &[&'static template::Item],
    placed: &[Vec<usize>],
) -> Table {
    let mut out = rereading_of(read);
    for (item, values) in rows.iter().zip(placed) {
        out.rows.push(placed_row(src, tokens, item, values, read));
    }
    out.unsure_rows.clear();
    rows_confidence(table, &mut out);
    out
}

/// `read` with the label of each row the row reader did not find where exactly one text token of
/// `tokens` is exactly that label or a variant ([`exact_label`]).
fn with_exact_labels(
    src: &str,
    tokens: &[Token],
    table: &'static template::Table,
    read: &Table,
) -> Table {
    let mut out = read.clone();
    for item in table.rows() {
        if out.row(&item.id).is_some() {
            continue;
        }
        if let Some(label) = exact_label(src, tokens, item) {
            out.rows.push(label_only_row(item, label));
        }
    }
    out
}

/// A row of `item` with only its label found (its values placed later).
fn label_only_row(item: &'static template::Item, label: Label) -> Row {
    Row {
        id: &item.id,
        range: label.range,
        label: Some(label),
        cells: Vec::new(),
        extra_cells: Vec::new(),
        run_together: None,
    }
}

/// How like its row's label (or a variant) a text must be to stand for a label the row reader missed.
const LABEL_MATCH: f32 = 0.85;

/// `read` with the label of each row the row reader did not find (pdfminer splits a wrapped label into
/// a line and its last characters, 「1.本机关不掌握相关政府信」「息」), where exactly one text token between
/// the labels of the rows around it is like its label ([`LABEL_MATCH`]).
fn with_missing_labels(
    src: &str,
    tokens: &[Token],
    table: &'static template::Table,
    read: &Table,
) -> Table {
    let mut out = read.clone();
    let items: Vec<&template::Item> = table.rows().collect();
    for (r, item) in items.iter().enumerate() {
        if read.row(&item.id).is_some() {
            continue;
        }
        let label_of = |j: usize| read.row(&items[j].id).and_then(|row| row.label.as_ref());
        let (Some(prev), Some(next)) = (
            r.checked_sub(1).and_then(label_of),
            items.get(r + 1).and_then(|_| label_of(r + 1)),
        ) else {
            continue;
        };
        let names: Vec<String> = item.names().map(|l| key(l)).collect();
        let like: Vec<&Token> = tokens
            .iter()
            .filter(|t| {
                t.kind == TokKind::Text
                    && t.range.start() >= prev.range.end()
                    && t.range.end() <= next.range.start()
            })
            .filter(|t| {
                let k = key(t.text(src));
                names
                    .iter()
                    .any(|n| crate::norm::similarity(&k, n) >= LABEL_MATCH)
            })
            .collect();
        if let [t] = like[..] {
            let k = key(t.text(src));
            let label = Label {
                text: t.text(src).trim().to_string(),
                range: t.range,
                parts: vec![t.range],
                similarity: names
                    .iter()
                    .map(|n| crate::norm::similarity(&k, n))
                    .fold(0.0, f32::max),
                exact: false,
            };
            out.rows.push(label_only_row(item, label));
        }
    }
    out
}

/// The line of each token: tokens with no line break between them are on one line.
fn token_lines(src: &str, tokens: &[Token]) -> Vec<usize> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut line = 0;
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            let (a, b) = (
                usize::from(tokens[i - 1].range.end()),
                usize::from(t.range.start()),
            );
            if a > b || src.get(a..b).is_none_or(|between| between.contains('\n')) {
                line += 1;
            }
        }
        out.push(line);
    }
    out
}

/// A run of values in the pieces: where it starts among the pieces, its value tokens.
struct Run {
    at: usize,
    values: Vec<usize>,
}

/// Place every value of a `Rows` table written as pdfminer writes it (see the module's doc): `pieces`
/// of the table's tokens, `line_of` the line of each token, `widths` the number of values of each
/// row in template order. Returns each row's value tokens in its columns' order, or `None` unless
/// every row's label is found once, in template order, and every value is placed in exactly one way.
pub(super) fn place_columns(
    pieces: &[Piece],
    line_of: &[usize],
    widths: &[usize],
) -> Option<Vec<Vec<usize>>> {
    let n = widths.len();
    // the labels, in order, each row once; the part (between block lines) of each
    let mut label_at: Vec<Option<(usize, usize)>> = vec![None; n];
    let mut part = 0;
    let mut last_row = None;
    for (i, p) in pieces.iter().enumerate() {
        match *p {
            Piece::Boundary => part += 1,
            Piece::Label(r) => {
                if r >= n || label_at[r].is_some() || last_row.is_some_and(|l| l >= r) {
                    return None;
                }
                label_at[r] = Some((i, part));
                last_row = Some(r);
            }
            _ => {}
        }
    }
    let label_at: Vec<(usize, usize)> = label_at.into_iter().collect::<Option<_>>()?;
    // the runs of values; each either right after a label (that row's) or loose
    let mut runs: Vec<Run> = Vec::new();
    for (i, p) in pieces.iter().enumerate() {
        if let Piece::Value(v) = *p {
            match runs.last_mut() {
                Some(run) if run.at + run.values.len() == i => run.values.push(v),
                _ => runs.push(Run {
                    at: i,
                    values: vec![v],
                }),
            }
        }
    }
    let mut own: Vec<&[usize]> = vec![&[]; n];
    let mut loose: Vec<Option<&Run>> = vec![None; n];
    for run in &runs {
        // (over the rest of a wrapped label, 「2.其他法律行政法规禁止公」「开」, or a group line)
        let before = pieces[..run.at]
            .iter()
            .rev()
            .find(|p| **p != Piece::Other)
            .copied();
        match before {
            Some(Piece::Label(r)) => own[r] = &run.values,
            // values right before a label (only then can they be that label's run's block)
            _ => match pieces.get(run.at + run.values.len()) {
                Some(Piece::Label(r)) => loose[*r] = Some(run),
                _ => return None,
            },
        }
    }
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut r = 0;
    while r < n {
        let width = widths[r];
        let k = own[r].len();
        // rows r.. with `k` values of their own, of the same width, in the same part of the table
        let alike = |j: usize| {
            j < n && widths[j] == width && label_at[j].1 == label_at[r].1 && own[j].len() == k
        };
        if let Some(block) = loose[r] {
            // the block before the first label of its rows
            let missing = width.checked_sub(k).filter(|&m| m > 0)?;
            if block.values.len() % missing != 0 {
                return None;
            }
            let m = block.values.len() / missing;
            if m == 0 || !(r..r + m).all(alike) || (r + 1..r + m).any(|j| loose[j].is_some()) {
                return None;
            }
            let cols = block_columns(&block.values, line_of, m, missing)?;
            for (i, j) in (r..r + m).enumerate() {
                out[j] = own[j]
                    .iter()
                    .copied()
                    .chain(cols[i].iter().copied())
                    .collect();
            }
            r += m;
            continue;
        }
        if k == width {
            out[r] = own[r].to_vec();
            r += 1;
            continue;
        }
        if k > width {
            return None;
        }
        // the block after the last row's own values: rows r..=e with k values, row e with more
        let missing = width - k;
        let mut e = r + 1;
        while alike(e) && loose[e].is_none() {
            e += 1;
        }
        if e >= n
            || widths[e] != width
            || label_at[e].1 != label_at[r].1
            || loose[e].is_some()
            || own[e].len() <= k
        {
            return None;
        }
        let m = e - r + 1;
        if own[e].len() != k + m * missing {
            return None;
        }
        let (first, block) = own[e].split_at(k);
        // the row's own values and the block start on different lines
        if let (Some(&a), Some(&b)) = (first.last(), block.first()) {
            if line_of[a] == line_of[b] {
                return None;
            }
        }
        let cols = block_columns(block, line_of, m, missing)?;
        for (i, j) in (r..=e).enumerate() {
            let own_values = if j == e { first } else { own[j] };
            out[j] = own_values
                .iter()
                .copied()
                .chain(cols[i].iter().copied())
                .collect();
        }
        r = e + 1;
    }
    Some(out)
}

/// A block of `m` rows' values for `columns` columns, as pdfminer writes it: runs of lines with the
/// same number of values; a run of lines of one value each is whole columns, top to bottom (`m`
/// lines each); a run of lines of `j` values is `j` neighbouring columns, one line per row. Returns
/// each row's values in column order, or `None` unless the runs make exactly `columns` columns.
fn block_columns(
    block: &[usize],
    line_of: &[usize],
    m: usize,
    columns: usize,
) -> Option<Vec<Vec<usize>>> {
    // the block's lines
    let mut lines: Vec<Vec<usize>> = Vec::new();
    for &v in block {
        match lines.last_mut() {
            Some(l) if l.last().is_some_and(|&p| line_of[p] == line_of[v]) => l.push(v),
            _ => lines.push(vec![v]),
        }
    }
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); m];
    let mut made = 0;
    let mut i = 0;
    while i < lines.len() {
        let j = lines[i].len();
        let len = lines[i..].iter().take_while(|l| l.len() == j).count();
        if len % m != 0 {
            return None;
        }
        for group in lines[i..i + len].chunks(m) {
            if j == 1 {
                // one column, top to bottom
                for (row, line) in out.iter_mut().zip(group) {
                    row.push(line[0]);
                }
                made += 1;
            } else {
                // j columns, one line per row
                for (row, line) in out.iter_mut().zip(group) {
                    row.extend(line);
                }
                made += j;
            }
        }
        i += len;
    }
    (made == columns).then_some(out)
}

/// A table's tokens as [`place_across_parts`] reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Bit {
    /// (A fragment of) the label of this row (its place among the table's rows).
    Label(usize),
    /// A value: the token's index.
    Value(usize),
    /// A text that is exactly the header of this column (its place among the table's columns).
    Header(usize),
    /// Any other text (a block line, 「信息内容」, a group line).
    Other,
}

/// The bits of a table's tokens ([`Bit`]): the fragments of one label one after the other are one
/// label. `None` when a value token is empty (a converter's empty cell: not this layout).
fn bits(src: &str, tokens: &[Token], table: &template::Table, read: &Table) -> Option<Vec<Bit>> {
    let headers: Vec<String> = table.columns.iter().map(|c| key(&c.header)).collect();
    let rows: Vec<&template::Item> = table.rows().collect();
    let mut out: Vec<Bit> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let text = t.text(src).trim();
        let bit = if matches!(t.kind, TokKind::Value(_)) {
            if text.is_empty() {
                return None;
            }
            Bit::Value(i)
        } else if let Some(r) = super::reading_order::row_labelled_at(read, &rows, t.range) {
            Bit::Label(r)
        } else if text.is_empty() {
            continue;
        } else if let Some(c) = {
            let k = key(text);
            headers.iter().position(|h| *h == k)
        } {
            Bit::Header(c)
        } else {
            Bit::Other
        };
        if !(matches!(bit, Bit::Label(_)) && out.last() == Some(&bit)) {
            out.push(bit);
        }
    }
    Some(out)
}

/// Place every value of a `Rows` table whose labels pdfminer writes in runs, each run's values after
/// its last label, **column after column across the parts** of the table the run spans (table 二 of a
/// Chromium PDF: 「规章 规范性文件 （五） 行政许可 其他对外管理服务事项 （六） 行政处罚 行政强制」, then the
/// first column of each of those three blocks, top to bottom, block after block, then the second
/// column of each, then the third), some of these columns under their own header (「上一年项目数量
/// 231项 209项」), a block's first columns without one (its header row came whole before them).
/// `bits` the table's tokens ([`Bit`]), `line_of` the line of each token, `parts` the table's parts.
///
/// Each run (labels with no value between them, then values up to the next label) must hold exactly
/// its rows' values, each on a line of its own, the rows of one part in it of one width. Two orders
/// are tried: column after column across the parts, and part after part (each part column after
/// column); an order fits when the values of each column of a part stand together (nothing between
/// them) and a column header right before them is that column's, or ends a whole header row of a part
/// (「本年新制作数量 本年新公开数量 对外公开总数量」 before the first block's first column). Taken only
/// when the orders that fit agree on every value (with no header to tell them apart, two blocks'
/// columns could come either way: not read). Returns each row's value tokens in its columns' order.
pub(super) fn place_across_parts(
    bits: &[Bit],
    line_of: &[usize],
    parts: &[Part],
) -> Option<Vec<Vec<usize>>> {
    let n: usize = parts.iter().map(|p| p.rows.len()).sum();
    let mut part_of = vec![0; n];
    let mut width = vec![0; n];
    for (pi, p) in parts.iter().enumerate() {
        for (&r, cols) in p.rows.iter().zip(&p.row_columns) {
            *part_of.get_mut(r)? = pi;
            width[r] = cols.len();
        }
    }
    // the runs: their rows, whether values follow, the bits from after the last label to the next
    let mut runs: Vec<(Vec<usize>, bool, usize, usize)> = Vec::new();
    let mut expected = 0;
    for (i, bit) in bits.iter().enumerate() {
        match *bit {
            Bit::Label(r) => {
                if r != expected {
                    return None;
                }
                expected += 1;
                match runs.last_mut() {
                    Some(run) if !run.1 => {
                        run.0.push(r);
                        run.2 = i + 1;
                    }
                    last => {
                        if let Some(run) = last {
                            run.3 = i;
                        }
                        runs.push((vec![r], false, i + 1, bits.len()));
                    }
                }
            }
            Bit::Value(_) => match runs.last_mut() {
                // (a value before the first label: no row's)
                None => return None,
                Some(run) => run.1 = true,
            },
            _ => {}
        }
    }
    if expected != n {
        return None;
    }
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (rows, has_values, from, to) in &runs {
        if !has_values {
            return None;
        }
        let area = &bits[*from..*to];
        // the run's parts, in order: (part, its rows in the run, their width)
        let mut groups: Vec<(usize, Vec<usize>, usize)> = Vec::new();
        for &r in rows {
            match groups.last_mut() {
                Some(g) if g.0 == part_of[r] => {
                    if g.2 != width[r] {
                        return None;
                    }
                    g.1.push(r);
                }
                _ => groups.push((part_of[r], vec![r], width[r])),
            }
        }
        let values: Vec<usize> = area
            .iter()
            .filter_map(|b| match b {
                Bit::Value(v) => Some(*v),
                _ => None,
            })
            .collect();
        let cells: usize = groups.iter().map(|g| g.1.len() * g.2).sum();
        if values.len() != cells || values.windows(2).any(|w| line_of[w[0]] == line_of[w[1]]) {
            return None;
        }
        let max = groups.iter().map(|g| g.2).max().unwrap_or(0);
        let by_columns: Vec<(usize, usize)> = (0..max)
            .flat_map(|c| (0..groups.len()).map(move |g| (g, c)))
            .filter(|&(g, c)| c < groups[g].2)
            .collect();
        let by_parts: Vec<(usize, usize)> = (0..groups.len())
            .flat_map(|g| (0..groups[g].2).map(move |c| (g, c)))
            .collect();
        let mut readings: Vec<Vec<(usize, Vec<usize>)>> = Vec::new();
        for order in [by_columns, by_parts] {
            if let Some(reading) = read_in_order(&order, &groups, area, parts) {
                readings.push(reading);
            }
        }
        let first = readings.first()?;
        if readings.iter().any(|r| r != first) {
            return None;
        }
        for (r, values) in first {
            out[*r] = values.clone();
        }
    }
    Some(out)
}

/// The values of `area` (a run's value bits, [`place_across_parts`]) read as its parts' columns in
/// `order` ((group, column) pairs; `groups`: (part, rows, width)): each row's values, or `None` when the
/// order does not fit (a column's values apart, a column header before them that is not theirs).
fn read_in_order(
    order: &[(usize, usize)],
    groups: &[(usize, Vec<usize>, usize)],
    area: &[Bit],
    parts: &[Part],
) -> Option<Vec<(usize, Vec<usize>)>> {
    let mut rows: Vec<(usize, Vec<usize>)> = groups
        .iter()
        .flat_map(|g| g.1.iter().map(|&r| (r, Vec::new())))
        .collect();
    let mut at = 0;
    for &(g, c) in order {
        let (part, members, _) = &groups[g];
        let p = &parts[*part];
        let column_of = |r: usize| {
            let k = p.rows.iter().position(|&x| x == r)?;
            p.row_columns[k].get(c).copied()
        };
        let column = column_of(members[0])?;
        if members.iter().any(|&r| column_of(r) != Some(column)) {
            return None;
        }
        // the column's first value, and what stands right before it
        while at < area.len() && !matches!(area[at], Bit::Value(_)) {
            at += 1;
        }
        let start = at;
        let mut before = start;
        let mut headers: Vec<usize> = Vec::new();
        while before > 0 {
            match area[before - 1] {
                Bit::Header(h) => headers.insert(0, h),
                _ => break,
            }
            before -= 1;
        }
        if let Some(&last) = headers.last() {
            let header_row = parts
                .iter()
                .any(|q| !q.columns.is_empty() && headers.ends_with(&q.columns));
            if last != column && !header_row {
                return None;
            }
        }
        for &r in members {
            let Some(Bit::Value(v)) = area.get(at) else {
                return None;
            };
            rows.iter_mut().find(|x| x.0 == r)?.1.push(*v);
            at += 1;
        }
    }
    Some(rows)
}

/// A grid table (四) whose body opens with values that are not its own (the last column block of the
/// table before, written after this section's heading), then its complete header, then exactly its
/// values with no text among them: read from those values, in order. `None` otherwise.
pub(super) fn grid_after_foreign_values(
    src: &str,
    tokens: &[Token],
    table: &'static template::Table,
    read: &Table,
) -> Option<Table> {
    let is_value = |t: &Token| matches!(t.kind, TokKind::Value(_));
    let header = tokens.iter().position(|t| !is_value(t))?;
    if header == 0 {
        return None;
    }
    let rest = &tokens[header..];
    let first_value = rest.iter().position(is_value)?;
    if rest[first_value..].iter().any(|t| !is_value(t)) {
        return None;
    }
    let values = super::reading_order::grid_slots(src, rest, table)?;
    let cells: usize = table.rows().map(|r| r.columns.len()).sum();
    if values.len() != cells || rest.len() - first_value != cells {
        return None;
    }
    Some(super::reading_order::grid_table(src, table, &values, read))
}

/// A grid (四) as pdfminer writes LibreOffice's PDF of it: the header of each column a box of its own
/// (one character a line), the box of a column holding its one value right under its header (a
/// **header group**: the header's last character, then that value alone), the values of the columns
/// whose header box holds none written after the last group, in an order of their own (not the
/// columns'), and values of the table before it (its last rows cut by the page) before the first group.
///
/// A group names its column but not its row (the three rows share the five headers); the values after
/// the last group have no order. So a cell is read only where every placement of the values gives it
/// the same number: a column's cells can take its groups' values, and, unless its groups fill all its
/// rows, any value not in a group (before the first group too). Taken only when every cell is forced
/// that way, the groups and the values after them exactly fill the cells, and no value stands between
/// two groups; the layout alone decides (no identity picks a reading: a report whose numbers break I4
/// is read as written or not at all).
pub(super) fn grid_of_header_groups(
    src: &str,
    tokens: &[Token],
    table: &'static template::Table,
    read: &Table,
) -> Option<Table> {
    let rows: Vec<&template::Item> = table.rows().collect();
    let headers: Vec<String> = table.columns.iter().map(|c| key(&c.header)).collect();
    let (groups, before, after) = header_groups(src, tokens, &headers)?;
    let cells: usize = rows.iter().map(|r| r.columns.len()).sum();
    if groups.is_empty() || groups.len() + after.len() != cells {
        return None;
    }
    let count = |i: usize| make_cell(src, &tokens[i], "").count();
    let loose: Vec<u64> = before
        .iter()
        .chain(&after)
        .map(|&i| count(i))
        .collect::<Option<_>>()?;
    // per column, once its value is forced: the tokens to place (its groups', then values after them)
    let mut after_left = after.iter();
    let mut placed: Vec<Vec<usize>> = Vec::with_capacity(table.columns.len());
    for (c, column) in table.columns.iter().enumerate() {
        let in_rows = rows
            .iter()
            .filter(|r| r.columns.contains(&column.id))
            .count();
        let own: Vec<usize> = groups
            .iter()
            .filter(|&&(g, _)| g == c)
            .map(|&(_, i)| i)
            .collect();
        if own.len() > in_rows {
            return None;
        }
        let mut possible: Vec<u64> = own.iter().map(|&i| count(i)).collect::<Option<_>>()?;
        if own.len() < in_rows {
            possible.extend(&loose);
        }
        possible.sort_unstable();
        possible.dedup();
        if possible.len() != 1 {
            return None;
        }
        let mut tokens_of = own;
        while tokens_of.len() < in_rows {
            tokens_of.push(*after_left.next()?);
        }
        placed.push(tokens_of);
    }
    // the cells in the order of the table's rows, then columns (every token of a column has its value)
    let mut next_of = vec![0usize; table.columns.len()];
    let mut values: Vec<&Token> = Vec::with_capacity(cells);
    for item in &rows {
        for id in &item.columns {
            let c = table.columns.iter().position(|col| &col.id == id)?;
            values.push(&tokens[*placed[c].get(next_of[c])?]);
            next_of[c] += 1;
        }
    }
    Some(super::reading_order::grid_table(src, table, &values, read))
}

/// What the text of [`grid_of_header_groups`]'s layout says of a grid it cannot read (a placement not
/// forced): the values of a column's header groups are in that column, in some of its rows; the
/// values after the last group fill the cells left, in an order of their own ([`Unplaced`]). The
/// values before the first group are not the table's (the groups and the values after them exactly
/// fill its cells, as that reader requires). `None` unless the text has that layout and every value
/// is a count.
pub(super) fn unplaced_header_groups(
    src: &str,
    tokens: &[Token],
    table: &'static template::Table,
) -> Option<Unplaced> {
    let headers: Vec<String> = table.columns.iter().map(|c| key(&c.header)).collect();
    let (groups, _, after) = header_groups(src, tokens, &headers)?;
    let cells: Vec<(&'static str, &'static str)> = table
        .rows()
        .flat_map(|r| r.columns.iter().map(|c| (r.id.as_str(), c.as_str())))
        .collect();
    if groups.is_empty() || groups.len() + after.len() != cells.len() {
        return None;
    }
    let value = |i: usize| Some((make_cell(src, &tokens[i], "").count()?, tokens[i].range));
    let mut pools = Vec::with_capacity(table.columns.len() + 1);
    for (c, column) in table.columns.iter().enumerate() {
        let values: Vec<(u64, TextRange)> = groups
            .iter()
            .filter(|&&(g, _)| g == c)
            .map(|&(_, i)| value(i))
            .collect::<Option<_>>()?;
        let of_column: Vec<usize> = (0..cells.len())
            .filter(|&k| cells[k].1 == column.id)
            .collect();
        if values.len() > of_column.len() {
            return None;
        }
        if !values.is_empty() {
            pools.push(Pool {
                values,
                cells: of_column,
            });
        }
    }
    pools.push(Pool {
        values: after.iter().map(|&i| value(i)).collect::<Option<_>>()?,
        cells: (0..cells.len()).collect(),
    });
    Some(Unplaced { cells, pools })
}

/// The header groups of a grid's tokens ([`grid_of_header_groups`]): each value standing alone (text
/// before and after it) right after text that ends exactly with a column header (`headers`, keys),
/// as (column, token); the values before the first group; those after the last one (to the end).
/// `None` when a value that is not a group's stands between two groups.
#[allow(clippy::type_complexity)]
fn header_groups(
    src: &str,
    tokens: &[Token],
    headers: &[String],
) -> Option<(Vec<(usize, usize)>, Vec<usize>, Vec<usize>)> {
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut buffer = String::new();
    let mut open: Option<usize> = None;
    for (i, t) in tokens.iter().enumerate() {
        if t.kind == TokKind::Text {
            open = super::reading_order::headers_completed(&mut buffer, t.text(src), headers)
                .last()
                .copied()
                .filter(|_| buffer.is_empty());
            if !after.is_empty() {
                // values followed by text: not the run after the last group
                if groups.is_empty() {
                    before.append(&mut after);
                } else {
                    return None;
                }
            }
            continue;
        }
        let alone = i > 0
            && tokens[i - 1].kind == TokKind::Text
            && tokens.get(i + 1).is_some_and(|n| n.kind == TokKind::Text);
        match open.take() {
            Some(column) if alone => {
                groups.push((column, i));
                buffer.clear();
            }
            _ => after.push(i),
        }
    }
    Some((groups, before, after))
}

/// A column block as pdfminer writes a table 二 of LibreOffice's PDF: a line that is exactly one of the
/// table's column headers, then lines of one value each, that column's cells of one part of the table
/// (a block of table 二), top to bottom. `column`: the column's place among the table's columns.
#[derive(Debug, Clone)]
pub(super) struct HeaderBlock {
    pub column: usize,
    pub values: Vec<Token>,
}

/// Reread a `Rows` table whose values pdfminer wrote apart from its labels, each column of each part
/// under its own header ([`HeaderBlock`]), anywhere in the text (before the section's heading, in its
/// body or after the next heading: pdfminer writes boxes in an order of its own). `tokens`: the
/// region's tokens. `None` unless [`place_header_blocks`] places every cell one way, every row's
/// label was read in template order, and every value of the region is in a block.
pub(super) fn reread_header_blocks(
    reader: &Reader,
    src: &str,
    lines: &[Line],
    tokens: &[Token],
    table: &'static template::Table,
    read: &Table,
) -> Option<Table> {
    let rows: Vec<&template::Item> = table.rows().collect();
    // every row's label, in template order: as read, or the one text of the region that is exactly
    // its label (the row reader may have missed it among lines of values)
    let mut labels: Vec<Option<Label>> = Vec::with_capacity(rows.len());
    let mut last = None;
    for item in &rows {
        let label = match read.row(&item.id).and_then(|row| row.label.clone()) {
            Some(l) => l,
            None => exact_label(src, tokens, item)?,
        };
        if last.is_some_and(|l| l >= label.range.start()) {
            return None;
        }
        last = Some(label.range.start());
        labels.push(Some(label));
    }
    let blocks = header_blocks(reader, src, lines, table);
    if blocks.is_empty() {
        return None;
    }
    // every value of the table's own region is in a block
    let in_block = |t: &Token| {
        blocks
            .iter()
            .any(|b| b.values.iter().any(|v| v.range == t.range))
    };
    if tokens
        .iter()
        .any(|t| matches!(t.kind, TokKind::Value(_)) && !in_block(t))
    {
        return None;
    }
    let sizes: Vec<usize> = blocks.iter().map(|b| b.values.len()).collect();
    let texts: Vec<Vec<&str>> = blocks
        .iter()
        .map(|b| b.values.iter().map(|v| v.text(src).trim()).collect())
        .collect();
    let columns: Vec<usize> = blocks.iter().map(|b| b.column).collect();
    let parts = table_parts(table);
    let placed = place_header_blocks(&parts, &columns, &sizes, &texts)?;
    let all: Vec<Token> = blocks.iter().flat_map(|b| b.values.clone()).collect();
    let starts: Vec<usize> = sizes
        .iter()
        .scan(0, |at, &n| {
            let s = *at;
            *at += n;
            Some(s)
        })
        .collect();
    let mut out = rereading_of(read);
    for (r, item) in rows.iter().enumerate() {
        let values: Vec<usize> = placed[r]
            .iter()
            .map(|&(block, i)| starts[block] + i)
            .collect();
        let mut row = placed_row(src, &all, item, &values, read);
        if row.label.is_none() {
            row.label = labels[r].take();
            if let Some(l) = &row.label {
                row.range = row.range.cover(l.range);
            }
        }
        out.rows.push(row);
    }
    out.unsure_rows.clear();
    rows_confidence(table, &mut out);
    (out.confidence == Confidence::High).then_some(out)
}

/// The one text token of `tokens` that is exactly the label of `item` or a variant, as a label.
fn exact_label(src: &str, tokens: &[Token], item: &template::Item) -> Option<Label> {
    let names: Vec<String> = item.names().map(|l| key(l)).collect();
    let mut like = tokens
        .iter()
        .filter(|t| t.kind == TokKind::Text && names.contains(&key(t.text(src))));
    let t = like.next()?;
    if like.next().is_some() {
        return None;
    }
    Some(Label {
        text: t.text(src).trim().to_string(),
        range: t.range,
        parts: vec![t.range],
        similarity: 1.0,
        exact: true,
    })
}

/// The column blocks of `table` in the whole text: each line that is exactly one of its column headers
/// (as the template writes it), with the lines of one value each right after it (blank lines
/// skipped; a page break ends a block).
fn header_blocks(
    reader: &Reader,
    src: &str,
    lines: &[Line],
    table: &'static template::Table,
) -> Vec<HeaderBlock> {
    let headers: Vec<String> = table.columns.iter().map(|c| key(&c.header)).collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let text = &src[line.start..line.end];
        if text.trim().is_empty() {
            continue;
        }
        let k = key(text);
        let Some(column) = headers.iter().position(|h| *h == k) else {
            continue;
        };
        let mut values = Vec::new();
        for next in &lines[i + 1..] {
            let text = &src[next.start..next.end];
            if text.contains('\u{c}') {
                break;
            }
            if text.trim().is_empty() {
                continue;
            }
            let tokens = tokenize(src, r(next.start, next.next), lines, reader);
            match &tokens[..] {
                [t] if matches!(t.kind, TokKind::Value(_)) && !t.run && !t.empty => {
                    values.push(t.clone())
                }
                _ => break,
            }
        }
        if !values.is_empty() {
            out.push(HeaderBlock { column, values });
        }
    }
    out
}

/// A part of a table (between its block lines): its columns (those its header cells name) and its
/// rows (their places among the table's rows).
pub(super) struct Part {
    pub columns: Vec<usize>,
    pub rows: Vec<usize>,
    /// The columns of each row, in the row's order (places among the table's columns).
    pub row_columns: Vec<Vec<usize>>,
}

pub(super) fn table_parts(table: &template::Table) -> Vec<Part> {
    let mut out: Vec<Part> = Vec::new();
    let mut row = 0;
    let column_of = |id: &str| table.columns.iter().position(|c| c.id == id);
    let header_of = |label: &str| {
        let k = key(label);
        table.columns.iter().position(|c| key(&c.header) == k)
    };
    for item in &table.items {
        let part = match out.last_mut() {
            Some(p) if item.kind != ItemKind::Block => p,
            _ => {
                out.push(Part {
                    columns: Vec::new(),
                    rows: Vec::new(),
                    row_columns: Vec::new(),
                });
                out.last_mut().expect("just pushed")
            }
        };
        match item.kind {
            ItemKind::Header => {
                if let Some(c) = header_of(&item.label) {
                    part.columns.push(c);
                }
            }
            ItemKind::Row => {
                part.rows.push(row);
                part.row_columns
                    .push(item.columns.iter().filter_map(|c| column_of(c)).collect());
                row += 1;
            }
            _ => {}
        }
    }
    out.retain(|p| !p.rows.is_empty());
    out
}

/// Place column blocks (`columns[b]` the column of block `b`, `sizes[b]` its number of values,
/// `texts[b]` their texts) in the parts of a table: each (part, column) pair takes one block of its
/// column with as many values as the part has rows, top to bottom. Returns each row's cells as
/// (block, value) in its columns' order, or `None` unless every row's every column is a column of its
/// part, the blocks are exactly as many as the pairs, and every way of matching them gives the same
/// values (blocks of one column and one size in two parts: their values must agree).
pub(super) fn place_header_blocks(
    parts: &[Part],
    columns: &[usize],
    sizes: &[usize],
    texts: &[Vec<&str>],
) -> Option<Vec<Vec<(usize, usize)>>> {
    let n_rows: usize = parts.iter().map(|p| p.rows.len()).sum();
    // every row's columns named by its part
    for p in parts {
        if p.row_columns
            .iter()
            .any(|cols| cols.iter().any(|c| !p.columns.contains(c)) || cols.is_empty())
        {
            return None;
        }
    }
    let pairs: Vec<(usize, usize)> = parts
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.columns.iter().map(move |&c| (i, c)))
        .collect();
    if pairs.len() != columns.len() {
        return None;
    }
    // per column: the pairs' blocks, every matching giving the same values
    let mut block_of: Vec<Option<usize>> = vec![None; pairs.len()];
    let mut all_columns: Vec<usize> = columns.to_vec();
    all_columns.sort_unstable();
    all_columns.dedup();
    for &c in &all_columns {
        let wanted: Vec<usize> = (0..pairs.len()).filter(|&i| pairs[i].1 == c).collect();
        let have: Vec<usize> = (0..columns.len()).filter(|&b| columns[b] == c).collect();
        if wanted.len() != have.len() {
            return None;
        }
        let size = |i: usize| parts[pairs[i].0].rows.len();
        let mut found: Option<Vec<usize>> = None;
        let mut used = vec![false; have.len()];
        let mut chosen = Vec::new();
        if !matchings(
            &wanted,
            &have,
            &size,
            sizes,
            texts,
            &mut used,
            &mut chosen,
            &mut found,
        ) {
            return None;
        }
        let found = found?;
        for (&i, &b) in wanted.iter().zip(&found) {
            block_of[i] = Some(b);
        }
    }
    // each row's cells
    let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n_rows];
    for (pi, p) in parts.iter().enumerate() {
        for (k, (&row, cols)) in p.rows.iter().zip(&p.row_columns).enumerate() {
            for &c in cols {
                let i = pairs.iter().position(|&(q, d)| q == pi && d == c)?;
                out[row].push((block_of[i]?, k));
            }
        }
    }
    Some(out)
}

/// Every matching of the pairs `wanted` with the blocks `have` (sizes equal), depth first; `found`
/// the first, its values compared with every other's. `false` as soon as two disagree.
#[allow(clippy::too_many_arguments)]
fn matchings(
    wanted: &[usize],
    have: &[usize],
    size: &dyn Fn(usize) -> usize,
    sizes: &[usize],
    texts: &[Vec<&str>],
    used: &mut Vec<bool>,
    chosen: &mut Vec<usize>,
    found: &mut Option<Vec<usize>>,
) -> bool {
    let at = chosen.len();
    if at == wanted.len() {
        match found {
            None => *found = Some(chosen.clone()),
            Some(first) => {
                if first
                    .iter()
                    .zip(chosen.iter())
                    .any(|(&a, &b)| texts[a] != texts[b])
                {
                    return false;
                }
            }
        }
        return true;
    }
    for j in 0..have.len() {
        let b = have[j];
        if used[j] || sizes[b] != size(wanted[at]) {
            continue;
        }
        used[j] = true;
        chosen.push(b);
        let ok = matchings(wanted, have, size, sizes, texts, used, chosen, found);
        chosen.pop();
        used[j] = false;
        if !ok {
            return false;
        }
    }
    true
}

/// Rows of a `Rows` table read page by page where the page leaves no choice, whatever the order of
/// its values (pdfminer writes table 三 of LibreOffice's PDFs in column groups whose order no reader
/// can rely on, some values with their column's header words, some alone): a row belongs to the page
/// of its label's first line (a form feed ends a page; values start at the top of their row), and
/// where a page's values (those under another table's column headers left out) are exactly as many
/// as its rows' cells and all one number, every cell of those rows is that number. The page of the
/// region's start or end (the page of this section's heading or of the next one) can hold the
/// table's values outside its region (after the next heading) or another table's inside it: there
/// the whole page is counted ([`whole_pages_beside`]), since pdfminer writes a page's text between
/// its form feeds: the table's values on that page are all among them, so exactly as many values as
/// its rows' cells are those cells, and one more value anywhere on the page (a number of the prose,
/// another table's value) refuses it. Every
/// row's label found, in template order; rows of other pages stay unread (no cells, unsure: one NB201
/// for the table). `None` when no row is read that way. No identity takes part: the numbers are read
/// as the text writes them.
#[allow(clippy::too_many_arguments)]
pub(super) fn rows_of_uniform_pages(
    reader: &Reader,
    src: &str,
    lines: &[Line],
    region_tokens: &[Token],
    region: TextRange,
    tpl: &Template,
    table: &'static template::Table,
    read: &Table,
) -> Option<Table> {
    // (the pages beside the region, the whole text where no form feed marks pages, are read only
    // when the region's own values leave some page of a label possibly of one number)
    if region_refuses_every_labels_page(src, region_tokens, tpl, table, read) {
        return None;
    }
    rows_read_from_uniform_pages(reader, src, lines, region_tokens, region, tpl, table, read)
}

/// [`rows_of_uniform_pages`] without its gate: the pages beside the region always read.
#[allow(clippy::too_many_arguments)]
fn rows_read_from_uniform_pages(
    reader: &Reader,
    src: &str,
    lines: &[Line],
    region_tokens: &[Token],
    region: TextRange,
    tpl: &Template,
    table: &'static template::Table,
    read: &Table,
) -> Option<Table> {
    let mut tokens: Vec<Token> = whole_pages_beside(reader, src, lines, region);
    tokens.extend(region_tokens.iter().cloned());
    tokens.sort_by_key(|t| t.range.start());
    let tokens = &tokens[..];
    let page_of = page_finder(src);
    let items: Vec<&'static template::Item> = table.rows().collect();
    let mut labels: Vec<&Label> = Vec::with_capacity(items.len());
    for item in &items {
        let label = read.row(&item.id)?.label.as_ref()?;
        if labels
            .last()
            .is_some_and(|l| l.range.start() >= label.range.start())
        {
            return None;
        }
        labels.push(label);
    }
    let pages: Vec<usize> = labels
        .iter()
        .map(|l| Some(page_of(l.parts.iter().map(|p| p.start()).min()?)))
        .collect::<Option<_>>()?;
    let foreign = super::reading_order::values_under_other_tables_headers(src, tokens, tpl, table);
    let mut on_page: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (i, t) in tokens.iter().enumerate() {
        if matches!(t.kind, TokKind::Value(_)) && !foreign.contains(&i) {
            on_page.entry(page_of(t.range.start())).or_default().push(i);
        }
    }
    let count = |i: usize| match &tokens[i].kind {
        TokKind::Value(v) => v.count(),
        TokKind::Text => None,
    };
    let uniform = |page: usize| {
        let cells: usize = items
            .iter()
            .zip(&pages)
            .filter(|&(_, &p)| p == page)
            .map(|(item, _)| item.columns.len())
            .sum();
        let values = on_page.get(&page).map_or(&[][..], Vec::as_slice);
        let first = values.first().and_then(|&i| count(i));
        values.len() == cells && first.is_some() && values.iter().all(|&i| count(i) == first)
    };
    let mut out = rereading_of(read);
    let mut unread: Vec<&'static str> = Vec::new();
    let mut next: std::collections::BTreeMap<usize, usize> = Default::default();
    for ((item, label), &page) in items.iter().zip(&labels).zip(&pages) {
        if uniform(page) {
            let at = next.entry(page).or_default();
            let values = &on_page[&page][*at..*at + item.columns.len()];
            *at += item.columns.len();
            out.rows.push(placed_row(src, tokens, item, values, read));
        } else {
            unread.push(&item.id);
            out.rows.push(Row {
                id: &item.id,
                label: Some((*label).clone()),
                cells: Vec::new(),
                extra_cells: Vec::new(),
                range: label.range,
                run_together: None,
            });
        }
    }
    if unread.len() == items.len() {
        return None;
    }
    for m in &mut out.markers {
        m.values = 0;
    }
    if unread.is_empty() {
        rows_confidence(table, &mut out);
        return (out.confidence == Confidence::High).then_some(out);
    }
    out.notes = vec![format!(
        "{} 行的数值分栏写出，所在页的数值不止一个数或个数不符，无法确定其行列",
        unread.len()
    )];
    out.confidence = Confidence::Low;
    out.unsure_rows = unread;
    Some(out)
}

/// Do the values of the region alone show that no page holding a row's label is of one number (so
/// that [`rows_read_from_uniform_pages`] reads no row and returns `None`, whatever the pages beside
/// the region hold)? The tokens beside the region come before or after all of its tokens: they only
/// add values to a page, and decide whether a value is under another table's header only for the
/// region's values before its first text (those are left out here). A page is refused by a value of
/// its own that is no count, by two different counts, or by more values than its rows' cells. Also
/// `true` where the labels are not all found in order (the reading refuses that first).
fn region_refuses_every_labels_page(
    src: &str,
    region_tokens: &[Token],
    tpl: &Template,
    table: &'static template::Table,
    read: &Table,
) -> bool {
    let page_of = page_finder(src);
    // (label, page) of each row in template order, as the reading finds them
    let mut pages: Vec<(usize, usize)> = Vec::new(); // (page, cells)
    let mut last_start = None;
    for item in table.rows() {
        let Some(label) = read.row(&item.id).and_then(|r| r.label.as_ref()) else {
            return true;
        };
        if last_start.is_some_and(|s| s >= label.range.start()) {
            return true;
        }
        last_start = Some(label.range.start());
        let Some(first) = label.parts.iter().map(|p| p.start()).min() else {
            return true;
        };
        pages.push((page_of(first), item.columns.len()));
    }
    let mut sorted: Vec<Token> = region_tokens.to_vec();
    sorted.sort_by_key(|t| t.range.start());
    let foreign = super::reading_order::values_under_other_tables_headers(src, &sorted, tpl, table);
    let Some(first_text) = sorted.iter().position(|t| t.kind == TokKind::Text) else {
        return false; // (every value's header is beside the region)
    };
    // per page of a label: its cells, its values' count (`None` once refused) and how many
    let mut seen: std::collections::BTreeMap<usize, (usize, Option<Option<u64>>, usize)> =
        Default::default();
    for &(page, cells) in &pages {
        seen.entry(page).or_insert((0, Some(None), 0)).0 += cells;
    }
    for (i, t) in sorted.iter().enumerate().skip(first_text) {
        let TokKind::Value(v) = &t.kind else { continue };
        if foreign.contains(&i) {
            continue;
        }
        let Some((cells, count, n)) = seen.get_mut(&page_of(t.range.start())) else {
            continue;
        };
        *n += 1;
        *count = match (*count, v.count()) {
            (Some(None), Some(c)) if *n <= *cells => Some(Some(c)),
            (Some(Some(a)), Some(c)) if a == c && *n <= *cells => Some(Some(a)),
            _ => None,
        };
    }
    seen.values().all(|&(_, count, _)| count.is_none())
}

#[cfg(test)]
mod uniform_pages_tests {
    use super::*;

    /// Every report of tests/corpus (seeds, derived) and of the wild corpus (every route's text).
    fn texts() -> Vec<String> {
        let mut texts = super::super::tests::corpus_texts();
        let wild = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/corpus/wild");
        let mut paths: Vec<_> = std::fs::read_dir(wild)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
            .collect();
        paths.sort();
        for p in paths {
            texts.push(crate::decode::decode(&std::fs::read(p).unwrap()).text);
        }
        texts
    }

    #[test]
    fn uniform_pages_read_with_the_gate_as_without_it() {
        // every table of rows of every report, as the row reader read it: the same answer with the
        // region's values asked first as with the pages beside it always read; the gate refuses
        // most, and lets through tables that are read (pdfminer's pages of one number)
        let reader = Reader::without_memo();
        let (mut refused, mut read_some, mut tables) = (0, 0, 0);
        super::super::tests::for_each_table(
            &texts(),
            &reader,
            Shape::Rows,
            |text, lines, tpl, table, region| {
                let (read, _) = read_table(&reader, text, lines, region, tpl, table);
                let tokens = tokenize(text, region, lines, &reader);
                let gated =
                    rows_of_uniform_pages(&reader, text, lines, &tokens, region, tpl, table, &read);
                let plain = rows_read_from_uniform_pages(
                    &reader, text, lines, &tokens, region, tpl, table, &read,
                );
                assert_eq!(gated, plain);
                tables += 1;
                refused += usize::from(region_refuses_every_labels_page(
                    text, &tokens, tpl, table, &read,
                ));
                read_some += usize::from(plain.is_some());
            },
        );
        assert!(refused > tables / 2, "{refused} of {tables}");
        assert!(
            read_some > 0 && refused < tables - read_some,
            "{read_some}, {refused}, {tables}"
        );
    }

    #[test]
    fn a_page_of_two_numbers_is_refused_by_the_region_alone() {
        // table 三 of a 2021 report on one page: its values are not all one number — refused without
        // the pages beside; all zero — possibly one number, left to the reading
        let reader = Reader::without_memo();
        let tpl = template::by_id("2021").unwrap();
        let table = tpl.tables.iter().find(|t| t.id == "applications").unwrap();
        for (value, refused) in [("1", true), ("0", false)] {
            let section = tpl.sections.iter().find(|s| s.id == table.section).unwrap();
            let mut body = format!("{}\n", section.heading);
            for item in table.rows() {
                body.push_str(&item.label);
                for column in 0..item.columns.len() {
                    body.push(' ');
                    body.push_str(if column == 0 { value } else { "0" });
                }
                body.push('\n');
            }
            let text = super::super::tests::report_2021(&body);
            let lines = reading_lines(&text, super::super::lines(&text));
            let sections = find_sections(&reader, &text, &lines);
            let region = sections
                .iter()
                .find(|s| s.id == table.section)
                .unwrap()
                .body;
            let (read, _) = read_table(&reader, &text, &lines, region, tpl, table);
            let tokens = tokenize(&text, region, &lines, &reader);
            assert_eq!(
                region_refuses_every_labels_page(&text, &tokens, tpl, table, &read),
                refused,
                "{value}"
            );
        }
    }
}

/// The tokens of the pages of `region`'s start and end outside it: from the form feed before its start
/// (or the text's start) to its start, and from its end to the form feed after it (or the text's end).
fn whole_pages_beside(reader: &Reader, src: &str, lines: &[Line], region: TextRange) -> Vec<Token> {
    let (start, end) = (usize::from(region.start()), usize::from(region.end()));
    let bytes = src.as_bytes();
    let page_start = memchr::memrchr(b'\x0c', &bytes[..start]).map_or(0, |f| f + 1);
    let page_end = memchr::memchr(b'\x0c', &bytes[end..]).map_or(src.len(), |f| end + f);
    // (whole lines, as `tokenize` reads: the line holding the page's start, up to the line holding its end)
    let page_start = lines
        .iter()
        .rev()
        .find(|l| l.start <= page_start)
        .map_or(0, |l| l.start)
        .min(start);
    let page_end = lines
        .iter()
        .find(|l| l.start >= page_end)
        .map_or(src.len(), |l| l.start)
        .max(end);
    let mut out = tokenize(src, r(page_start, start), lines, reader);
    out.extend(tokenize(src, r(end, page_end), lines, reader));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Piece::*;

    fn values(from: usize, n: usize) -> Vec<Piece> {
        (from..from + n).map(Value).collect()
    }

    /// One line per token, except the tokens listed in `shared` (each pair on one line).
    fn lines(n: usize, shared: &[(usize, usize)]) -> Vec<usize> {
        let mut out = Vec::new();
        let mut line = 0;
        for i in 0..n {
            if i > 0 && !shared.iter().any(|&(a, b)| a == i - 1 && b == i) {
                line += 1;
            }
            out.push(line);
        }
        out
    }

    /// A row label the row reader missed is taken where exactly one text of the tokens is that label
    /// (as the template writes it); two such texts, or none, leave the row out.
    #[test]
    fn a_missed_label_is_taken_where_one_text_is_exactly_it() {
        let reader = Reader::without_memo();
        let tpl = template::by_id("2019").unwrap();
        let table = tpl.tables.iter().find(|t| t.id == "active").unwrap();
        let item = table.rows().last().unwrap();
        let read = Table {
            id: table.id.clone(),
            ..Table::default()
        };
        let labelled = |text: &str| {
            let lines = reading_lines(text, super::super::lines(text));
            let region = TextRange::up_to(TextSize::of(text));
            let tokens = tokenize(text, region, &lines, &reader);
            let out = with_exact_labels(text, &tokens, table, &read);
            out.row(&item.id).map(|r| {
                let range = r.label.as_ref().unwrap().range;
                (usize::from(range.start()), r.cells.len())
            })
        };
        let once = format!("信息内容\n{}\n5\n", item.label);
        assert_eq!(labelled(&once), Some(("信息内容\n".len(), 0)));
        let twice = format!("{}\n5\n{}\n", item.label, item.label);
        assert_eq!(labelled(&twice), None);
        let like = format!("{}甲\n5\n", item.label);
        assert_eq!(labelled(&like), None);
    }

    #[test]
    fn block_after_the_last_row_read_column_by_column() {
        // three rows of four columns: each label with its first column, then the block of the
        // other three columns, each top to bottom
        let p = [
            vec![Label(0)],
            values(0, 1),
            vec![Label(1)],
            values(1, 1),
            vec![Label(2)],
            values(2, 10),
        ]
        .concat();
        let placed = place_columns(&p, &lines(12, &[]), &[4, 4, 4]).unwrap();
        assert_eq!(
            placed,
            vec![vec![0, 3, 6, 9], vec![1, 4, 7, 10], vec![2, 5, 8, 11]]
        );
    }

    #[test]
    fn block_of_lines_of_two_values_is_two_columns_row_by_row() {
        // Chromium's table 三: two rows with their first four values, then one column, then the
        // last two columns with both cells of a row on one line
        let p = [
            vec![Label(0)],
            values(0, 4),
            vec![Label(1)],
            values(4, 4 + 2 + 4),
        ]
        .concat();
        let line_of = lines(14, &[(10, 11), (12, 13)]);
        let placed = place_columns(&p, &line_of, &[7, 7]).unwrap();
        assert_eq!(
            placed,
            vec![vec![0, 1, 2, 3, 8, 10, 11], vec![4, 5, 6, 7, 9, 12, 13]]
        );
    }

    #[test]
    fn block_before_the_labels() {
        // 「0 38 0 54 规章 0 行政规范性文件 14」: two columns before the labels, each label its first
        let p = [
            vec![Other],
            values(0, 4),
            vec![Label(0)],
            values(4, 1),
            vec![Label(1)],
            values(5, 1),
            vec![Boundary, Label(2)],
            values(6, 1),
        ]
        .concat();
        let placed = place_columns(&p, &lines(7, &[]), &[3, 3, 1]).unwrap();
        assert_eq!(placed, vec![vec![4, 0, 2], vec![5, 1, 3], vec![6]]);
    }

    #[test]
    fn labels_then_all_columns() {
        // 「规章 规范性文件 13 60 13 60 524 368」
        let p = [vec![Label(0), Label(1)], values(0, 6)].concat();
        let placed = place_columns(&p, &lines(6, &[]), &[3, 3]).unwrap();
        assert_eq!(placed, vec![vec![0, 2, 4], vec![1, 3, 5]]);
    }

    /// Table 二 of the 2021 template as pdfminer writes Chromium's PDF of it: every item's label on a
    /// line of its own, in template order; after the headers of a part whose rows have several
    /// columns, its rows' values of the columns after the first, column after column; each row's
    /// label followed by its first column's value. `value`: the text of a (row, column) cell.
    fn pdfminer_active(value: impl Fn(&str, &str) -> String) -> String {
        let tpl = template::by_id("2021").unwrap();
        let table = tpl.table("active").unwrap();
        let mut out = tpl.section(&table.section).unwrap().heading.clone();
        out.push('\n');
        for (k, item) in table.items.iter().enumerate() {
            out += &format!("{}\n", item.label);
            if item.kind == ItemKind::Row {
                out += &format!("{}\n", value(&item.id, &item.columns[0]));
                continue;
            }
            let rows: Vec<&template::Item> = table.items[k + 1..]
                .iter()
                .take_while(|i| i.kind == ItemKind::Row)
                .collect();
            for c in 1..rows.first().map_or(0, |r| r.columns.len()) {
                for r in &rows {
                    out += &format!("{}\n", value(&r.id, &r.columns[c]));
                }
            }
        }
        out
    }

    /// [`pdfminer_active`] of a table whose cells are those of `ACTIVE_VALUES`.
    fn active_text() -> String {
        pdfminer_active(|row, column| {
            let at = ACTIVE_COLUMNS.iter().position(|c| *c == column).unwrap();
            let (_, values) = ACTIVE_VALUES.iter().find(|(r, _)| *r == row).unwrap();
            values[at].to_string()
        })
    }

    const ACTIVE_COLUMNS: [&str; 5] = ["issued", "repealed", "in_force", "decisions", "amount"];
    /// Per row, its cells by place in `ACTIVE_COLUMNS` (as pdfminer writes them).
    const ACTIVE_VALUES: [(&str, [&str; 5]); 6] = [
        ("rules", [" 1", " 2", " 3", "", ""]),
        ("normative_docs", [" 14", " 38", " 54", "", ""]),
        ("licensing", ["", "", "", " 14954", ""]),
        ("penalty", ["", "", "", " 719", ""]),
        ("enforcement", ["", "", "", " 99", ""]),
        ("fees", ["", "", "", "", "583.9"]),
    ];

    /// The label of row `id` of the 2021 template's table 二.
    fn active_label(id: &str) -> &'static str {
        let tpl = template::by_id("2021").unwrap();
        &tpl.table("active").unwrap().row(id).unwrap().label
    }

    /// Table `id` of a 2021 report whose sections 二 to 四 are `body`.
    fn table_of(body: &str, id: &str) -> Table {
        let text = crate::parse::tests::report_2021(body);
        let a = crate::analyze(&text, &crate::Config::default());
        a.report.tables.into_iter().find(|t| t.id == id).unwrap()
    }

    fn active(body: &str) -> Table {
        table_of(body, "active")
    }

    #[test]
    fn column_blocks_of_pdfminer_text_read() {
        let text = active_text();
        let t = active(&text);
        assert_eq!(t.confidence, Confidence::High, "{:?}", t.notes);
        let rules: Vec<Option<f64>> = ["issued", "repealed", "in_force"]
            .iter()
            .map(|c| t.value("rules", c))
            .collect();
        assert_eq!(rules, [Some(1.0), Some(2.0), Some(3.0)]);
        assert_eq!(t.value("normative_docs", "issued"), Some(14.0));
        assert_eq!(t.value("normative_docs", "repealed"), Some(38.0));
        assert_eq!(t.value("normative_docs", "in_force"), Some(54.0));
        assert_eq!(t.value("fees", "amount"), Some(583.9));
        // a column with a value missing: unreadable
        let t = active(&text.replace(" 54\n", ""));
        assert_ne!(t.confidence, Confidence::High);
        // the labels out of order: unreadable
        let (a, b) = (active_label("rules"), active_label("normative_docs"));
        let t = active(&text.replace(&format!("{a}\n 1\n{b}"), &format!("{b}\n 1\n{a}")));
        assert_ne!(t.confidence, Confidence::High);
    }

    #[test]
    fn values_after_the_rest_of_a_wrapped_label_are_its_own() {
        // 「2.其他法律行政法规禁止公」「开」 0 0, then the next row and the block
        let p = [
            vec![Label(0), Other],
            values(0, 1),
            vec![Label(1)],
            values(1, 3),
        ]
        .concat();
        let placed = place_columns(&p, &lines(4, &[]), &[2, 2]).unwrap();
        assert_eq!(placed, vec![vec![0, 2], vec![1, 3]]);
    }

    #[test]
    fn a_column_with_a_value_missing_is_refused() {
        let p = [
            vec![Label(0)],
            values(0, 1),
            vec![Label(1)],
            values(1, 1),
            vec![Label(2)],
            values(2, 9),
        ]
        .concat();
        assert_eq!(place_columns(&p, &lines(11, &[]), &[4, 4, 4]), None);
        // the last two columns on lines of two, one line short
        let p = [
            vec![Label(0)],
            values(0, 4),
            vec![Label(1)],
            values(4, 4 + 2 + 2),
        ]
        .concat();
        assert_eq!(place_columns(&p, &lines(12, &[(10, 11)]), &[7, 7]), None);
    }

    #[test]
    fn labels_out_of_order_are_refused() {
        let p = [
            vec![Label(1)],
            values(0, 1),
            vec![Label(0)],
            values(1, 1),
            vec![Label(2)],
            values(2, 10),
        ]
        .concat();
        assert_eq!(place_columns(&p, &lines(12, &[]), &[4, 4, 4]), None);
    }

    #[test]
    fn rows_with_different_counts_of_their_own_are_refused() {
        // row 1 has two values of its own, row 0 one: no block fits them both
        let p = [
            vec![Label(0)],
            values(0, 1),
            vec![Label(1)],
            values(1, 2),
            vec![Label(2)],
            values(3, 9),
        ]
        .concat();
        assert_eq!(place_columns(&p, &lines(12, &[]), &[4, 4, 4]), None);
    }

    #[test]
    fn a_block_never_crosses_a_block_line() {
        let p = [vec![Label(0), Boundary, Label(1)], values(0, 2)].concat();
        assert_eq!(place_columns(&p, &lines(2, &[]), &[1, 1]), None);
    }

    #[test]
    fn values_after_no_label_and_before_none_are_refused() {
        let p = [vec![Label(0)], values(0, 2), vec![Other], values(2, 1)].concat();
        assert_eq!(place_columns(&p, &lines(3, &[]), &[3]), None);
    }

    #[test]
    fn a_line_shared_by_a_rows_own_value_and_the_block_is_refused() {
        let p = [vec![Label(0)], values(0, 1), vec![Label(1)], values(1, 3)].concat();
        assert_eq!(place_columns(&p, &lines(4, &[(1, 2)]), &[2, 2]), None);
    }
    /// Table 二 as pdfminer writes LibreOffice's PDF of it: the labels, then (after the next heading)
    /// each column of each block under its header, the blocks in an order of their own.
    const HEADED: &str =
        "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n规章\n行政规范性文件\n\
        第二十条第（五）项\n信息内容\n行政许可\n第二十条第（六）项\n信息内容\n行政处罚\n行政强制\n\
        第二十条第（八）项\n信息内容\n行政事业性收费\n三、收到和处理政府信息公开申请情况\n\
        本年处理决定数量\n719\n99\n\n本年收费金额（单位：万元）\n583.9\n\n本年制发件数\n0\n14\n\n\
        本年废止件数\n0\n38\n\n现行有效件数\n0\n54\n\n本年处理决定数量\n14954\n\n";

    #[test]
    fn columns_under_their_headers_read() {
        let t = active(HEADED);
        assert_eq!(t.confidence, Confidence::High, "{:?}", t.notes);
        assert_eq!(t.value("rules", "issued"), Some(0.0));
        assert_eq!(t.value("normative_docs", "issued"), Some(14.0));
        assert_eq!(t.value("normative_docs", "repealed"), Some(38.0));
        assert_eq!(t.value("normative_docs", "in_force"), Some(54.0));
        // the block of one value is the part of one row, that of two the part of two
        assert_eq!(t.value("licensing", "decisions"), Some(14954.0));
        assert_eq!(t.value("penalty", "decisions"), Some(719.0));
        assert_eq!(t.value("enforcement", "decisions"), Some(99.0));
        assert_eq!(t.value("fees", "amount"), Some(583.9));
    }

    #[test]
    fn columns_under_their_headers_near_misses_refused() {
        // a value missing: no block of two for the part of two rows
        let t = active(&HEADED.replace("719\n", ""));
        assert_ne!(t.confidence, Confidence::High);
        // a column of a part missing
        let t = active(&HEADED.replace("本年废止件数\n0\n38\n", ""));
        assert_ne!(t.confidence, Confidence::High);
        // the labels out of order
        let t = active(&HEADED.replace("规章\n行政规范性文件", "行政规范性文件\n规章"));
        assert_ne!(t.confidence, Confidence::High);
        // a value among the labels that no block holds
        let t = active(&HEADED.replace("行政许可\n", "行政许可\n7\n"));
        assert_ne!(t.confidence, Confidence::High);
    }

    fn part(columns: &[usize], rows: std::ops::Range<usize>) -> Part {
        Part {
            columns: columns.to_vec(),
            row_columns: rows.clone().map(|_| columns.to_vec()).collect(),
            rows: rows.collect(),
        }
    }

    #[test]
    fn blocks_matched_with_parts_by_column_and_count() {
        // parts: rows 0–1 with columns 0, 1; row 2 with column 1
        let parts = [part(&[0, 1], 0..2), part(&[1], 2..3)];
        let texts = [vec!["5"], vec!["1", "2"], vec!["3", "4"]];
        let placed = place_header_blocks(
            &parts,
            &[1, 1, 0],
            &[1, 2, 2],
            &[texts[0].clone(), texts[1].clone(), texts[2].clone()],
        )
        .unwrap();
        assert_eq!(
            placed,
            vec![vec![(2, 0), (1, 0)], vec![(2, 1), (1, 1)], vec![(0, 0)]]
        );
    }

    #[test]
    fn two_matchings_with_different_values_are_refused() {
        // two parts of two rows, one column: which block is whose cannot be told
        let parts = [part(&[0], 0..2), part(&[0], 2..4)];
        let texts = vec![vec!["1", "2"], vec!["3", "4"]];
        assert_eq!(place_header_blocks(&parts, &[0, 0], &[2, 2], &texts), None);
        // unless both give the same values
        let texts = vec![vec!["0", "0"], vec!["0", "0"]];
        assert!(place_header_blocks(&parts, &[0, 0], &[2, 2], &texts).is_some());
    }

    #[test]
    fn blocks_of_other_counts_or_one_too_many_are_refused() {
        let parts = [part(&[0], 0..2)];
        assert_eq!(
            place_header_blocks(&parts, &[0], &[3], &[vec!["1", "2", "3"]]),
            None
        );
        assert_eq!(
            place_header_blocks(&parts, &[0, 0], &[2, 2], &[vec!["1", "2"], vec!["1", "2"]]),
            None
        );
        // a row's column its part names no header for
        let mut p = part(&[0], 0..1);
        p.row_columns = vec![vec![0, 1]];
        assert_eq!(place_header_blocks(&[p], &[0], &[1], &[vec!["1"]]), None);
    }

    /// One character a line, as pdfminer writes LibreOffice's vertical header cells.
    fn vertical(text: &str) -> String {
        text.chars().map(|c| format!("{c}\n")).collect()
    }

    /// Table 四 as pdfminer writes it of LibreOffice's PDF: the header boxes of the review group (no
    /// value), values of table 三 cut by the page, the boxes of the two litigation groups' first four
    /// columns each with its value (`groups`, in their order), the 总计 boxes without one, then the
    /// remaining values (`after`) in an order of their own. Every word from the template data.
    fn pdfminer_grid(groups: [&str; 8], after: &[&str]) -> String {
        let tpl = template::by_id("2021").unwrap();
        let table = tpl.table("review_litigation").unwrap();
        let rows: Vec<&template::Item> = table.rows().collect();
        let headers: Vec<&str> = table.columns.iter().map(|c| c.header.as_str()).collect();
        let (parts, total) = headers.split_at(headers.len() - 1);
        // the header word that names neither a row nor a column: the litigation groups' own
        let litigation = table
            .header
            .iter()
            .find(|h| rows.iter().all(|r| &r.label != *h) && !headers.contains(&h.as_str()))
            .unwrap();
        let mut out = tpl.section(&table.section).unwrap().heading.clone();
        out.push('\n');
        out += &vertical(&rows[0].label);
        out += &format!("{litigation}\n");
        out += &vertical(total[0]);
        out += &format!("0\n0\n0\n{}\n", rows[2].label);
        out += &vertical(&rows[1].label);
        for (i, v) in groups.iter().enumerate() {
            out += &vertical(parts[i % parts.len()]);
            out += &format!("{v}\n");
            if i % parts.len() == parts.len() - 1 {
                out += &vertical(total[0]);
            }
        }
        for v in after {
            out += &format!("{v}\n");
        }
        out
    }

    fn review(body: &str) -> Table {
        table_of(body, "review_litigation")
    }

    const ROWS: [&str; 3] = ["review", "litigation_direct", "litigation_after_review"];
    const COLUMNS: [&str; 5] = ["upheld", "corrected", "other", "pending", "total"];

    fn all_values(t: &Table) -> Vec<Option<f64>> {
        ROWS.iter()
            .flat_map(|r| COLUMNS.iter().map(move |c| t.value(r, c)))
            .collect()
    }

    #[test]
    fn grid_of_header_groups_read_where_every_placement_agrees() {
        let t = review(&pdfminer_grid(["0"; 8], &["0"; 7]));
        assert_eq!(t.confidence, Confidence::High, "{:?}", t.notes);
        assert_eq!(all_values(&t), vec![Some(0.0); 15]);
        // the same number everywhere: read as written even where it breaks I4 (the layout decides)
        let t = review(&pdfminer_grid(["1"; 8], &["1"; 7]).replace("0\n0\n0\n复议", "复议"));
        assert_eq!(t.confidence, Confidence::High, "{:?}", t.notes);
        assert_eq!(all_values(&t), vec![Some(1.0); 15]);
    }

    #[test]
    fn grid_of_header_groups_not_forced_is_refused() {
        // one value after the groups differs: which cell is its cannot be told (not even by I4)
        let t = review(&pdfminer_grid(
            ["0"; 8],
            &["0", "5", "0", "0", "0", "0", "0"],
        ));
        assert_ne!(t.confidence, Confidence::High);
        // a group's value differs from the values that could share its column
        let mut groups = ["0"; 8];
        groups[0] = "1";
        let t = review(&pdfminer_grid(groups, &["0"; 7]));
        assert_ne!(t.confidence, Confidence::High);
        // a value before the first group differs: it could be one of the table's
        let t =
            review(&pdfminer_grid(["0"; 8], &["0"; 7]).replace("0\n0\n0\n复议", "0\n2\n0\n复议"));
        assert_ne!(t.confidence, Confidence::High);
        // a value missing, or one too many
        let t = review(&pdfminer_grid(["0"; 8], &["0"; 6]));
        assert_ne!(t.confidence, Confidence::High);
        let t = review(&pdfminer_grid(["0"; 8], &["0"; 8]));
        assert_ne!(t.confidence, Confidence::High);
        // a value between two groups that is no group's
        let t = review(&pdfminer_grid(["0"; 8], &["0"; 6]).replacen("0\n", "0\n0\n", 5));
        assert_ne!(t.confidence, Confidence::High);
    }

    /// A placement not forced: what the text says of the values is kept (each group's value in its
    /// column, the values after the groups anywhere), for the identities to judge.
    #[test]
    fn grid_of_header_groups_not_forced_keeps_its_values_unplaced() {
        let after = ["0", "5", "0", "0", "0", "0", "0"];
        let t = review(&pdfminer_grid(["0"; 8], &after));
        assert_ne!(t.confidence, Confidence::High);
        let [u] = t.unplaced.as_slice() else {
            panic!("{:?}", t.unplaced)
        };
        let table = template::by_id("2021")
            .unwrap()
            .table("review_litigation")
            .unwrap();
        let cells: Vec<(&str, &str)> = table
            .rows()
            .flat_map(|r| r.columns.iter().map(|c| (r.id.as_str(), c.as_str())))
            .collect();
        assert_eq!(u.cells, cells);
        // a pool per column with groups (the four parts, two groups each), then the values after
        let (loose, columns) = u.pools.split_last().unwrap();
        assert_eq!(columns.len(), table.columns.len() - 1);
        for (pool, column) in columns.iter().zip(&table.columns) {
            assert_eq!(pool.values.iter().map(|v| v.0).collect::<Vec<_>>(), [0, 0]);
            assert!(pool.cells.iter().all(|&k| cells[k].1 == column.id));
            assert_eq!(pool.cells.len(), table.rows().count());
        }
        assert_eq!(
            loose.values.iter().map(|v| v.0).collect::<Vec<_>>(),
            [0, 5, 0, 0, 0, 0, 0]
        );
        assert_eq!(loose.cells, (0..cells.len()).collect::<Vec<_>>());
        // the values as written, in their order; the table before's values are none of them
        let text = crate::parse::tests::report_2021(&pdfminer_grid(["0"; 8], &after));
        let values = u.values_in_order();
        assert_eq!(values.len(), cells.len());
        assert!(values.iter().all(|(v, r)| text[*r] == v.to_string()));
        assert_eq!(values[values.len() - after.len() + 1].0, 5);
    }

    /// The layout not there: no values are kept unplaced (a value missing or one too many, a value
    /// between two groups, a placement forced).
    #[test]
    fn values_not_in_the_header_groups_layout_are_not_kept() {
        for text in [
            pdfminer_grid(["0"; 8], &["0", "5", "0", "0", "0", "0"]),
            pdfminer_grid(["0"; 8], &["0", "5", "0", "0", "0", "0", "0", "0"]),
            pdfminer_grid(["0"; 8], &["0", "5", "0", "0", "0", "0"]).replacen("0\n", "0\n0\n", 5),
            pdfminer_grid(["0"; 8], &["0"; 7]),
        ] {
            assert!(review(&text).unplaced.is_empty(), "{text}");
        }
    }

    /// The table's diagnostics (NB2xx, NB3xx) of a 2021 report whose sections 二 to 四 are `body`.
    fn table_diagnostics(body: &str) -> Vec<crate::diagnostic::Diagnostic> {
        let text = crate::parse::tests::report_2021(body);
        crate::analyze(&text, &crate::Config::default())
            .diagnostics
            .into_iter()
            .filter(|d| d.code.starts_with("NB2") || d.code.starts_with("NB3"))
            .collect()
    }

    /// Values not placed that break I4 in every placement (15 values summing to an odd number, where
    /// I4 over the three groups makes their sum twice that of the totals): NB304 once, for the table,
    /// in place of its NB201; the table stays unread.
    #[test]
    fn values_no_placement_balances_are_one_error_for_the_table() {
        let body = pdfminer_grid(["0"; 8], &["0", "5", "0", "0", "0", "0", "0"]);
        let d = table_diagnostics(&body);
        let [d] = d.as_slice() else { panic!("{d:?}") };
        assert_eq!(d.code, "NB304");
        assert_eq!(d.severity, crate::diagnostic::Severity::Error);
        let text = crate::parse::tests::report_2021(&body);
        assert_eq!(&text[d.range], body.lines().next().unwrap());
        assert!(
            d.message.contains("（0 0 0 0 0 0 0 0 0 5 0 0 0 0 0）"),
            "{}",
            d.message
        );
        assert_ne!(review(&body).confidence, Confidence::High);
        // an even sum (8), but no three of the values (0, 3, 5) make the totals' 4
        let d = table_diagnostics(&pdfminer_grid(
            ["0"; 8],
            &["0", "5", "0", "0", "0", "0", "3"],
        ));
        assert_eq!(d.iter().map(|d| d.code).collect::<Vec<_>>(), ["NB304"]);
    }

    /// Where some placement keeps I4, no error: the values may be the report's, NB201 alone says the
    /// table could not be read.
    #[test]
    fn values_some_placement_balances_are_no_error() {
        for after in [
            // 5 cases of 行政复议 pending: its part and its total
            ["0", "5", "0", "0", "0", "0", "5"],
            ["5", "0", "0", "5", "0", "0", "0"],
            // 2 + 3 = 5 in the review group
            ["2", "3", "0", "0", "5", "0", "0"],
        ] {
            let d = table_diagnostics(&pdfminer_grid(["0"; 8], &after));
            let [d] = d.as_slice() else {
                panic!("{after:?}: {d:?}")
            };
            assert_eq!(d.code, "NB201", "{after:?}");
            assert_eq!(d.severity, crate::diagnostic::Severity::Warning);
        }
        // a 1 in a part of each litigation group, two 1s after the groups: each one's total
        let d = table_diagnostics(&pdfminer_grid(
            ["1", "0", "0", "0", "0", "1", "0", "0"],
            &["0", "0", "0", "0", "1", "1", "0"],
        ));
        assert_eq!(d.iter().map(|d| d.code).collect::<Vec<_>>(), ["NB201"]);
    }

    /// Table 三 of a 2021 report as pdfminer writes it across three pages (form feeds): the heading's
    /// page with the header words and the first two rows (`first`: their values, in an order of
    /// their own), a page with rows 三 (一) to (六) 3 (`middle`: their values), the page of the last
    /// two rows (`last`) and the next heading.
    fn pdfminer_pages(first: &[&str], middle: &[&str], last: &[&str]) -> Table {
        pdfminer_pages_beside("", first, middle, last, "")
    }

    /// [`pdfminer_pages`] with `before` the heading on its page and `after` the next heading on the
    /// last page.
    fn pdfminer_pages_beside(
        before: &str,
        first: &[&str],
        middle: &[&str],
        last: &[&str],
        after: &str,
    ) -> Table {
        let tpl = crate::template::by_id("2021").unwrap();
        let labels: Vec<&str> = tpl
            .table("applications")
            .unwrap()
            .rows()
            .map(|r| r.label.as_str())
            .collect();
        let lines = |v: &[&str]| v.iter().map(|s| format!("{s}\n")).collect::<String>();
        let body = format!(
            "{before}三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n{}{}\u{c}{}{}\u{c}{}{}\
             四、政府信息公开行政复议、行政诉讼情况\n{after}",
            lines(&labels[..2]),
            lines(first),
            lines(&labels[2..23]),
            lines(middle),
            lines(&labels[23..]),
            lines(last),
        );
        table_of(&body, "applications")
    }

    fn cells_of(t: &Table, row: &str) -> Option<Vec<Option<f64>>> {
        let row = t.row(row)?;
        (!row.cells.is_empty()).then(|| row.cells.iter().map(Cell::number).collect())
    }

    #[test]
    fn rows_of_a_page_of_one_number_read() {
        // the heading's page: a value missing (pdfminer wrote it after the next heading)
        let first = [
            "5", "0", "0", "0", "0", "0", "5", "0", "0", "0", "0", "0", "0",
        ];
        let t = pdfminer_pages(&first, &["0"; 147], &["0"; 14]);
        assert_eq!(t.confidence, Confidence::Low, "{:?}", t.notes);
        for row in ["granted", "denied.state_secret", "other.other"] {
            assert_eq!(cells_of(&t, row), Some(vec![Some(0.0); 7]), "{row}");
            assert!(!t.unsure_rows.contains(&row));
        }
        // the page of the next heading, counted whole: its values are exactly its rows' cells
        for row in ["results_total", "carried_over"] {
            assert_eq!(cells_of(&t, row), Some(vec![Some(0.0); 7]), "{row}");
            assert!(!t.unsure_rows.contains(&row));
        }
        // the heading's page of several numbers stays unread
        for row in ["received", "carried_in"] {
            assert_eq!(cells_of(&t, row), None, "{row}");
            assert!(t.unsure_rows.contains(&row));
        }
        // the heading's page of one number, its count right: read; the last page a value short: not
        let t = pdfminer_pages(&["0"; 14], &["0"; 147], &["0"; 13]);
        assert_eq!(t.confidence, Confidence::Low, "{:?}", t.notes);
        for row in ["received", "carried_in", "granted"] {
            assert_eq!(cells_of(&t, row), Some(vec![Some(0.0); 7]), "{row}");
        }
        for row in ["results_total", "carried_over"] {
            assert_eq!(cells_of(&t, row), None, "{row}");
        }
    }

    #[test]
    fn heading_pages_with_a_value_beside_the_table_are_refused() {
        // (the first page of several numbers, its value missing: the table is read by pages only)
        let first = [
            "5", "0", "0", "0", "0", "0", "5", "0", "0", "0", "0", "0", "0",
        ];
        let read = |before: &str, first: &[&str], last: &[&str], after: &str| {
            let t = pdfminer_pages_beside(before, first, &["0"; 147], last, after);
            assert_eq!(t.confidence, Confidence::Low, "{:?}", t.notes);
            assert_eq!(cells_of(&t, "granted"), Some(vec![Some(0.0); 7]));
            let rows = |rows: [&'static str; 2]| {
                rows.map(|row| {
                    let cells = cells_of(&t, row);
                    assert_eq!(cells.is_none(), t.unsure_rows.contains(&row), "{row}");
                    cells
                })
            };
            (
                rows(["received", "carried_in"]),
                rows(["results_total", "carried_over"]),
            )
        };
        let zeros = Some(vec![Some(0.0); 7]);
        // the last page's rows' values, one of them after the next heading: read
        let (_, end) = read("", &first, &["0"; 13], "0\n");
        assert_eq!(end, [zeros.clone(), zeros.clone()]);
        // one value more on that page (the next table's, after its heading): whose it is cannot be
        // told, the rows of that page stay unread
        let (_, end) = read("", &first, &["0"; 14], "0\n");
        assert_eq!(end, [None, None]);
        // the heading's page: read whole, unless the text before the heading on its page holds a
        // value (another table's)
        let (start, end) = read("", &["0"; 14], &["0"; 13], "");
        assert_eq!(start, [zeros.clone(), zeros.clone()]);
        assert_eq!(end, [None, None]);
        let (start, _) = read("0\n", &["0"; 14], &["0"; 13], "");
        assert_eq!(start, [None, None]);
    }

    #[test]
    fn pages_of_several_numbers_or_counts_off_are_refused() {
        let first = [
            "5", "0", "0", "0", "0", "0", "5", "0", "0", "0", "0", "0", "0",
        ];
        let read = |middle: &[&str]| {
            let t = pdfminer_pages(&first, middle, &["0"; 14]);
            assert_ne!(t.confidence, Confidence::High);
            cells_of(&t, "granted").filter(|_| !t.unsure_rows.contains(&"granted"))
        };
        // one value differs: which cell is its cannot be told
        let mut middle = vec!["0"; 147];
        middle[40] = "3";
        assert_eq!(read(&middle), None);
        // a value missing, or one too many
        assert_eq!(read(&["0"; 146]), None);
        assert_eq!(read(&["0"; 148]), None);
    }
}

#[cfg(test)]
mod across_parts_tests {
    use super::Bit::{self, *};
    use super::{place_across_parts, Part};

    /// `n` parts of two rows of three columns each, the columns of part `p` numbered 3p, 3p+1, 3p+2
    /// unless `same_columns` (the later parts all with columns 3, 4, 5, as table 二 of 2019 has).
    fn parts(n: usize, same_columns: bool) -> Vec<Part> {
        (0..n)
            .map(|p| {
                let base = if same_columns && p > 0 { 3 } else { 3 * p };
                let columns: Vec<usize> = (base..base + 3).collect();
                Part {
                    rows: vec![2 * p, 2 * p + 1],
                    row_columns: vec![columns.clone(), columns.clone()],
                    columns,
                }
            })
            .collect()
    }

    fn place(bits: &[Bit], parts: &[Part]) -> Option<Vec<Vec<usize>>> {
        place_across_parts(bits, &(0..100).collect::<Vec<usize>>(), parts)
    }

    /// Table 二 of a Chromium PDF as pdfminer writes it (s001): the labels of three blocks, the first
    /// block's header row, then the first column of each block, the second of each, the third of each;
    /// the later blocks' columns under their headers, the first block's without one.
    #[rustfmt::skip]
    fn chromium(header_of_first_later_column: usize) -> Vec<Bit> {
        vec![
            Label(0), Label(1), Other, Label(2), Label(3), Other, Label(4), Label(5), Other,
            Header(0), Header(1), Header(2), Value(0), Value(1),
            Header(header_of_first_later_column), Value(2), Value(3),
            Header(3), Value(4), Value(5),
            Value(6), Value(7), Header(4), Value(8), Value(9), Header(4), Value(10), Value(11),
            Value(12), Value(13), Header(5), Value(14), Value(15), Header(5), Value(16), Value(17),
        ]
    }

    #[test]
    fn columns_across_blocks_read_block_after_block() {
        let placed = place(&chromium(3), &parts(3, true)).unwrap();
        assert_eq!(
            placed,
            vec![
                vec![0, 6, 12],
                vec![1, 7, 13],
                vec![2, 8, 14],
                vec![3, 9, 15],
                vec![4, 10, 16],
                vec![5, 11, 17],
            ]
        );
    }

    #[test]
    fn a_column_under_another_columns_header_is_not_read() {
        // 「本年增/减」 over the values column-major reading puts in 「上一年项目数量」
        assert_eq!(place(&chromium(4), &parts(3, true)), None);
    }

    #[test]
    fn without_headers_the_two_orders_disagree_and_nothing_is_read() {
        let bits: Vec<Bit> = chromium(3)
            .into_iter()
            .map(|b| if matches!(b, Header(_)) { Other } else { b })
            .collect();
        assert_eq!(place(&bits, &parts(3, true)), None);
    }

    #[test]
    fn one_block_is_read_column_by_column_without_headers() {
        let mut bits = vec![Label(0), Label(1)];
        bits.extend((0..6).map(Value));
        assert_eq!(
            place(&bits, &parts(1, false)).unwrap(),
            vec![vec![0, 2, 4], vec![1, 3, 5]]
        );
        // a value too many, or one too few, or a header among a column's values
        let mut more = bits.clone();
        more.push(Value(6));
        assert_eq!(place(&more, &parts(1, false)), None);
        assert_eq!(place(&bits[..7], &parts(1, false)), None);
        let mut inside = bits.clone();
        inside.insert(3, Header(0));
        assert_eq!(place(&inside, &parts(1, false)), None);
        // a value before the first label, labels out of order
        let mut before = vec![Value(9)];
        before.extend(&bits);
        assert_eq!(place(&before, &parts(1, false)), None);
        let mut swapped = bits.clone();
        swapped.swap(0, 1);
        assert_eq!(place(&swapped, &parts(1, false)), None);
    }

    #[test]
    fn each_run_of_labels_takes_the_values_after_it() {
        // block 1's two rows with their values after them, block 2's after its own labels
        let mut bits = vec![Label(0), Label(1)];
        bits.extend((0..6).map(Value));
        bits.extend([Other, Label(2), Label(3), Header(3)]);
        bits.extend([Value(6), Value(7), Header(4), Value(8), Value(9)]);
        bits.extend([Header(5), Value(10), Value(11)]);
        let placed = place(&bits, &parts(2, false)).unwrap();
        assert_eq!(placed[2], vec![6, 8, 10]);
        assert_eq!(placed[3], vec![7, 9, 11]);
        // two values of one line are not this layout
        let mut line_of: Vec<usize> = (0..100).collect();
        line_of[7] = line_of[6];
        assert_eq!(place_across_parts(&bits, &line_of, &parts(2, false)), None);
    }
}
