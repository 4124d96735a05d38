//! Stage 7b: text extracted from a PDF in reading order (FORMAT.md §7.2: `pdftotext` without
//! `-layout`, converters built on pdfminer). Such text gives a table's cells one per line, but not
//! always in the order of its rows:
//!
//! - a label whose cell holds one line comes where its row is, while a label wrapped over several lines
//!   (a block of its own) comes later, after the rows below it: its values then stand without a label,
//!   after the values of the row above (Chromium's PDFs);
//! - a row's values can come *before* its label (LibreOffice's PDFs, table 二: 「0 0 0 规章 14 38 54
//!   行政规范性文件」);
//! - table 四's header cells, written one character per line, come in column blocks, each value after
//!   the header of its column, and the values of the columns whose header is taller at the end
//!   (「结果维持 1 复议后起诉 结果纠正 12 … 总计 1 2 0 0 3 20 1」).
//!
//! - table 三 of LibreOffice's PDFs comes in column blocks whose order follows no rule a reader can
//!   rely on, the first value of a row often after its label's first line (「一、本年 60」): only the
//!   page of each row stays (values start at the top of their row; a form feed ends a page), so the
//!   values are placed by page where that is forced whatever their order ([`place_by_page`]).
//!
//! This stage rereads a table the row reader ([`read_rows`], [`read_grid`]) could not read, or read
//! from such text, and takes the rereading only where the text forces it: every value placed in exactly
//! one way, every row complete, the labels in template order. Where it does not, the table stays as
//! read (unreadable: one NB201, no values exported). It never guesses a value's row or column.

use super::*;

/// Reread `read`, the table read from `region` by the row reader, where the text is in reading order.
/// `grid_tokens`: a grid's tokens as the row reader read them ([`read_table`]'s: the region's tokens
/// as [`tokenize`] cuts them, column placement placing only tables of rows), not cut again.
#[allow(clippy::too_many_arguments)]
pub(super) fn reread(
    reader: &Reader,
    text: &str,
    lines: &[Line],
    region: TextRange,
    tpl: &Template,
    table: &'static template::Table,
    read: Table,
    grid_tokens: Option<Vec<Token>>,
) -> Table {
    match table.shape {
        Shape::Grid => {
            let tokens = grid_tokens.unwrap_or_else(|| tokenize(text, region, lines, reader));
            let out = reread_grid(text, &tokens, tpl, table, read);
            if out.confidence == Confidence::High {
                return out;
            }
            if let Some(out) = columns::grid_after_foreign_values(text, &tokens, table, &out) {
                return out;
            }
            let after = values_after_next_heading(reader, text, lines, region);
            if let Some(read) = uniform_grid_across_heading(text, &tokens, &after, tpl, table, &out)
            {
                return read;
            }
            if let Some(read) = grid_from_later_markdown(text, lines, region, &tokens, table, &out)
            {
                return read;
            }
            // (pdfminer: the columns' header boxes, some holding their value)
            let mut with_after = tokens;
            with_after.extend(after);
            match columns::grid_of_header_groups(text, &with_after, table, &out) {
                Some(read) => read,
                None => {
                    // (its values, not placed: what the identities can still tell of them)
                    let mut out = out;
                    out.unplaced
                        .extend(columns::unplaced_header_groups(text, &with_after, table));
                    out
                }
            }
        }
        Shape::Rows => {
            if read.confidence == Confidence::High || read.rows.is_empty() {
                return read;
            }
            // (rows whose values could stand before or after their labels keep the row reader's
            // attachment of values: only a placement forced by the text decides them)
            if read.unsure_rows.is_empty() {
                if let Some(out) = without_empty_columns(table, &read) {
                    return out;
                }
            }
            let tokens = tokenize(text, region, lines, reader);
            reread_rows(text, &tokens, table, &read)
                .or_else(|| {
                    let rest = TextRange::new(region.end(), TextSize::of(text));
                    let after = tokenize(text, rest, lines, reader);
                    reread_with_columns_after(text, &tokens, &after, table, &read)
                })
                .map(|mut out| {
                    out.unsure_rows.clear();
                    out
                })
                // (its rows that the placements disagree on are unsure)
                .or_else(|| reread_pages(text, &tokens, tpl, table, &read))
                .or_else(|| {
                    // (pdfminer: columns in blocks, the last one maybe after the next heading)
                    let mut with_after = tokens.clone();
                    with_after.extend(values_after_next_heading(reader, text, lines, region));
                    columns::reread_columns(text, &with_after, table, &read)
                        .or_else(|| {
                            columns::reread_header_blocks(
                                reader, text, lines, &tokens, table, &read,
                            )
                        })
                        .map(|mut out| {
                            out.unsure_rows.clear();
                            out
                        })
                })
                // (pdfminer: column groups in no reliable order; pages of one number)
                .or_else(|| {
                    columns::rows_of_uniform_pages(
                        reader, text, lines, &tokens, region, tpl, table, &read,
                    )
                })
                .unwrap_or(read)
        }
    }
}

// ------------------------------------------------------------------------------------------ empty columns

/// Converters that lay a PDF's table out again (markitdown on pdfminer) add columns of their own: a
/// row 「|  | 行政事业性收费 |  | 0 |  | 0 |  |」 has empty cells no column of the template has. Where a row
/// has more cells than columns and exactly as many filled ones (a blank written as 「/」 or 「—」 is
/// filled), its empty cells are the converter's and its filled cells are its values, in order. Taken
/// when it makes every row of the table complete.
fn without_empty_columns(table: &'static template::Table, read: &Table) -> Option<Table> {
    // (only a row with more cells than columns changes: without one, nothing to copy)
    let wider = |row: &Row| {
        table
            .row(row.id)
            .is_some_and(|item| row.cells.len() + row.extra_cells.len() > item.columns.len())
    };
    if !read.rows.iter().any(wider) {
        return None;
    }
    let mut out = read.clone();
    let mut changed = false;
    for row in &mut out.rows {
        let Some(item) = table.row(row.id) else {
            continue;
        };
        let width = item.columns.len();
        let all: Vec<Cell> = row.cells.iter().chain(&row.extra_cells).cloned().collect();
        let filled: Vec<Cell> = all
            .iter()
            .filter(|c| !c.raw.trim().is_empty())
            .cloned()
            .collect();
        if all.len() <= width || filled.len() != width {
            continue;
        }
        row.cells = filled
            .into_iter()
            .zip(&item.columns)
            .map(|(c, column)| Cell {
                column: column.as_str(),
                ..c
            })
            .collect();
        row.extra_cells.clear();
        changed = true;
    }
    let complete = table.rows().all(|item| {
        out.row(&item.id)
            .is_some_and(|r| r.cells.len() == item.columns.len() && r.extra_cells.is_empty())
    });
    if !changed || !complete || !out.unknown.is_empty() {
        return None;
    }
    out.notes.clear();
    rows_confidence(table, &mut out);
    (out.confidence == Confidence::High).then_some(out)
}

// ------------------------------------------------------------------------------------------ grid

/// Table 四 (one row of 15 numbers under a header of three groups of five columns). When header text
/// comes after the first value, the values are not in the order of the columns: they are placed by
/// the header before each of them ([`grid_slots`]); that placement is taken when it is complete. A
/// reading that breaks I4 where another reading of the same text keeps it is not trusted.
fn reread_grid(
    src: &str,
    tokens: &[Token],
    tpl: &Template,
    table: &'static template::Table,
    read: Table,
) -> Table {
    let Some(first_value) = tokens.iter().position(is_value) else {
        return read;
    };
    let interleaved = tokens[first_value..]
        .iter()
        .any(|t| t.kind == TokKind::Text);
    if !interleaved {
        return read;
    }
    let plain_balances = read.confidence == Confidence::High && grid_balances(tpl, table, &read);
    match grid_slots(src, tokens, table) {
        Some(values) => {
            let placed = grid_table(src, table, &values, &read);
            if grid_balances(tpl, table, &placed) || !plain_balances {
                placed
            } else {
                unreadable(read, "表头与数值交错，两种读法不一致")
            }
        }
        None if plain_balances => read,
        None => unreadable(read, "表头与数值交错，无法确定各数值所属的列"),
    }
}

/// Reading order can put the next section's heading among a table's values (FORMAT.md §7.2: Chromium's
/// PDF of a page, whose table 四 ends with the heading of 五 between its values): the values that open
/// the next section's body, lines holding only numbers before its first line of text. Nothing when the
/// table's region does not end where a heading line starts (text without line breaks).
fn values_after_next_heading(
    reader: &Reader,
    text: &str,
    lines: &[Line],
    region: TextRange,
) -> Vec<Token> {
    let end = usize::from(region.end());
    if end >= text.len() || end == 0 || text.as_bytes()[end - 1] != b'\n' {
        return Vec::new();
    }
    let Some(heading) = lines.iter().position(|l| l.start == end) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for line in &lines[heading + 1..] {
        let tokens = tokenize(text, r(line.start, line.next), lines, reader);
        if tokens.is_empty() {
            continue;
        }
        if !tokens
            .iter()
            .all(|t| matches!(t.kind, TokKind::Value(Value::Number { .. })) && !t.run)
        {
            break;
        }
        out.extend(tokens);
    }
    out
}

/// A grid table (四) whose values are split by the next section's heading ([`values_after_next_heading`]):
/// taken when its own values and those after the heading exactly fill its cells, every one the same
/// count (so their order, which reading order does not keep, changes nothing), and every row keeps
/// its identities.
fn uniform_grid_across_heading(
    src: &str,
    tokens: &[Token],
    after: &[Token],
    tpl: &Template,
    table: &'static template::Table,
    read: &Table,
) -> Option<Table> {
    if after.is_empty() {
        return None;
    }
    let values: Vec<&Token> = tokens.iter().filter(|t| is_value(t)).chain(after).collect();
    let cells: usize = table.rows().map(|r| r.columns.len()).sum();
    let count = |t: &Token| make_cell(src, t, "").count();
    let first = count(values.first()?)?;
    if values.len() != cells || values.iter().any(|t| count(t) != Some(first)) {
        return None;
    }
    let out = grid_table(src, table, &values, read);
    grid_balances(tpl, table, &out).then_some(out)
}

/// A grid table (四) whose text where it stands is only its filled values, in order, nothing of its
/// blank cells, while a converter wrote the table itself as Markdown further on (pymupdf4llm 0.0.17,
/// FORMAT.md §7.4: 「5 2 7 8 1 9」 under the table's heading, and at its page's end
/// 「|5|||2|7|8|||1|9||||||」, its blank cells empty): read from that Markdown table, taken only when
/// its header cells hold every header text of the template's table, its lines of values (every cell
/// a value or empty) hold exactly the table's cells, their filled cells are exactly the values
/// written where the table stands, in the same order, and no other Markdown table after it does.
fn grid_from_later_markdown(
    src: &str,
    lines: &[Line],
    region: TextRange,
    tokens: &[Token],
    table: &'static template::Table,
    read: &Table,
) -> Option<Table> {
    let filled = |t: &&Token| is_value(t) && !t.text(src).trim().is_empty();
    let here: Vec<&str> = tokens
        .iter()
        .filter(filled)
        .map(|t| t.text(src).trim())
        .collect();
    let cells: usize = table.rows().map(|r| r.columns.len()).sum();
    if here.is_empty() || here.len() >= cells {
        return None;
    }
    let is_pipe_line = |l: &Line| src[l.start..l.end].trim_start().starts_with('|');
    let end = usize::from(region.end());
    let after: Vec<&Line> = lines.iter().filter(|l| l.start >= end).collect();
    let mut found = None;
    for block in after.chunk_by(|a, b| is_pipe_line(a) == is_pipe_line(b)) {
        if !block.first().is_some_and(|l| is_pipe_line(l)) {
            continue;
        }
        let Some(values) = markdown_grid_values(src, block, table) else {
            continue;
        };
        let written: Vec<&str> = values
            .iter()
            .filter(filled)
            .map(|t| t.text(src).trim())
            .collect();
        if values.len() != cells || written != here {
            continue;
        }
        if found.is_some() {
            return None;
        }
        found = Some(values);
    }
    let values = found?;
    let refs: Vec<&Token> = values.iter().collect();
    let mut out = grid_table(src, table, &refs, read);
    out.notes.clear();
    Some(out)
}

/// The cells of the lines of values of one Markdown table (`block`: its lines), in order, an empty
/// cell as an empty value; `None` unless its other lines (headers, the delimiter row aside) hold
/// every header text of `table`. The cells' texts are the tokenizer's ([`tokenize`] over the
/// block): a line of values is a row of a Markdown table ([`PipeRows`]) each of whose cells holds
/// one value or nothing; any other line is header text, cell by cell. A line of values that is no
/// such row (its cells unknown) gives `None`.
fn markdown_grid_values(src: &str, block: &[&Line], table: &template::Table) -> Option<Vec<Token>> {
    let (from, to) = (block.first()?.start, block.last()?.next);
    let block_lines: Vec<Line> = block.iter().map(|l| **l).collect();
    // (a rarely taken path: the tokens of cells of tables further on are worth no memo)
    let tokens = tokenize(src, r(from, to), &block_lines, &Reader::without_memo());
    let rows = PipeRows::of(src, from, to);
    let start = |t: &Token| usize::from(t.range.start());
    let mut headers = String::new();
    let mut values = Vec::new();
    for range in token_lines(src, &tokens) {
        let on_line = &tokens[range];
        let line = block_lines[block_lines.partition_point(|l| l.start <= start(&on_line[0])) - 1];
        let row = rows.at(line.start);
        let bare = usize::from(row.is_some_and(|row| row.bare));
        // (pipe is ASCII: a byte search finds the character)
        let pipes: Vec<usize> = memchr::memchr_iter(b'|', &src.as_bytes()[line.start..line.end])
            .map(|i| line.start + i)
            .collect();
        // the line's filled cells, counted as [`place_of`] counts them: (cell, token) by cell
        let filled: Vec<(usize, &Token)> = on_line
            .iter()
            .filter(|t| !t.empty)
            .map(|t| (pipes.partition_point(|&p| p < start(t)) + bare, t))
            .collect();
        let cells: Vec<&[(usize, &Token)]> = filled.chunk_by(|a, b| a.0 == b.0).collect();
        let is_value_line = !cells.is_empty()
            && cells.iter().all(|cell| {
                matches!(cell, [(_, t)] if matches!(&t.kind, TokKind::Value(v) if *v != Value::Text))
            });
        if !is_value_line {
            for cell in &cells {
                let a = start(cell[0].1);
                let b = usize::from(cell[cell.len() - 1].1.range.end());
                headers.push_str(&key(&src[a..b]));
                headers.push('|');
            }
            continue;
        }
        let row = row?;
        let mut cells = cells.into_iter().peekable();
        for cell in 1..=row.last {
            if let Some(&[(_, t)]) = cells.next_if(|c| c[0].0 == cell) {
                values.push(t.clone());
                continue;
            }
            // an empty cell: empty where it opens, right after its pipe (a row without outer
            // pipes opens with its first cell)
            let a = match cell.checked_sub(1 + bare) {
                Some(i) => pipes[i] + 1,
                None => {
                    line.start
                        + offset_in(&src[line.start..line.end], trim(&src[line.start..line.end]))
                }
            };
            values.push(Token {
                range: r(a, a),
                empty: true,
                kind: TokKind::Value(Value::Blank),
                run: false,
            });
        }
    }
    let all_headers = table
        .header
        .iter()
        .map(|h| key(h))
        .all(|h| h.is_empty() || headers.contains(&h));
    (all_headers && !table.header.is_empty()).then_some(values)
}

fn is_value(t: &Token) -> bool {
    matches!(t.kind, TokKind::Value(_))
}

fn unreadable(mut read: Table, note: &str) -> Table {
    if read.confidence == Confidence::High {
        read.confidence = Confidence::Low;
        read.notes.push(note.to_string());
    }
    read
}

/// The value tokens of a grid table in the order of its cells (rows, then columns), placed by the
/// column headers found in the text: each header found (its characters may be spread over several
/// lines) opens a slot; a value standing alone right after a complete header fills that slot; the
/// other values, in their order, fill the slots left empty, in theirs. `None` unless the headers
/// found are exactly the table's columns, group after group, and the values exactly fill them.
pub(super) fn grid_slots<'t>(
    src: &str,
    tokens: &'t [Token],
    table: &template::Table,
) -> Option<Vec<&'t Token>> {
    let expected: Vec<&str> = table
        .rows()
        .flat_map(|r| r.columns.iter().map(String::as_str))
        .collect();
    let headers: Vec<String> = table.columns.iter().map(|c| key(&c.header)).collect();
    let mut slots: Vec<(&str, Option<&Token>)> = Vec::new();
    let mut rest: Vec<&Token> = Vec::new();
    let mut buffer = String::new();
    // the header completed last, with nothing after it yet
    let mut open: Option<usize> = None;
    for (i, t) in tokens.iter().enumerate() {
        if t.kind == TokKind::Text {
            open = None;
            for column in headers_completed(&mut buffer, t.text(src), &headers) {
                slots.push((table.columns[column].id.as_str(), None));
                open = Some(slots.len() - 1);
            }
            open = open.filter(|_| buffer.is_empty());
            continue;
        }
        let alone = tokens.get(i + 1).is_some_and(|n| n.kind == TokKind::Text)
            && i > 0
            && tokens[i - 1].kind == TokKind::Text;
        match open.take() {
            Some(s) if alone => slots[s].1 = Some(t),
            _ => rest.push(t),
        }
    }
    let columns: Vec<&str> = slots.iter().map(|s| s.0).collect();
    if columns != expected || slots.iter().filter(|s| s.1.is_none()).count() != rest.len() {
        return None;
    }
    let mut rest = rest.into_iter();
    slots
        .into_iter()
        .map(|(_, v)| v.or_else(|| rest.next()))
        .collect()
}

/// Takes a text token's key into `buffer` (the text since the last column header found, its
/// characters maybe spread over several lines) and out of it every header of `headers` (keys; empty
/// ones never match) it completes, in their order: their places in `headers`. `buffer` is left
/// with what follows the last of them (empty: the text ends exactly with a header).
pub(super) fn headers_completed(buffer: &mut String, text: &str, headers: &[String]) -> Vec<usize> {
    buffer.push_str(&key(text));
    let mut found = Vec::new();
    while let Some((at, len, column)) = headers
        .iter()
        .enumerate()
        .filter(|(_, h)| !h.is_empty())
        .filter_map(|(c, h)| buffer.find(h.as_str()).map(|at| (at, h.len(), c)))
        .min_by_key(|&(at, _, _)| at)
    {
        found.push(column);
        buffer.drain(..at + len);
    }
    found
}

/// `read` with its rows made of `values` (in the order of the table's cells).
pub(super) fn grid_table(
    src: &str,
    table: &'static template::Table,
    values: &[&Token],
    read: &Table,
) -> Table {
    let mut out = Table {
        rows: Vec::new(),
        notes: Vec::new(),
        confidence: Confidence::High,
        unsure_rows: Vec::new(),
        ..read.clone()
    };
    let mut it = values.iter();
    for row in table.rows() {
        let cells: Vec<Cell> = row
            .columns
            .iter()
            .filter_map(|c| it.next().map(|t| make_cell(src, t, c)))
            .collect();
        let range = cells_range(&cells);
        out.rows.push(Row {
            id: &row.id,
            label: None,
            cells,
            extra_cells: Vec::new(),
            range,
            run_together: None,
        });
    }
    out
}

fn cells_range(cells: &[Cell]) -> TextRange {
    let start = cells
        .iter()
        .map(|c| c.range.start())
        .min()
        .unwrap_or_default();
    let end = cells
        .iter()
        .map(|c| c.range.end())
        .max()
        .unwrap_or_default();
    TextRange::new(start, end.max(start))
}

/// Do the row identities (I4) hold in every row of a grid table whose values are all counts?
fn grid_balances(tpl: &Template, table: &template::Table, out: &Table) -> bool {
    table.rows().all(|item| {
        let Some(row) = out.row(&item.id) else {
            return false;
        };
        let values: Option<Vec<u64>> = item
            .columns
            .iter()
            .map(|c| row.cell(c).and_then(Cell::count))
            .collect();
        values.is_some_and(|v| row_identities_hold(&row_identity_masks(tpl, table, item), &v))
    })
}

// ------------------------------------------------------------------------------------------ rows

/// What a token of a `Rows` table is, as the row reader recognised it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Piece {
    /// A fragment of the label of this row (its place among the table's rows).
    Label(usize),
    /// A block line: where one part of the table (a block of table 二) ends.
    Boundary,
    /// Any other text: a header cell, a group line, a fragment of a label out of place.
    Other,
    /// A value (the token's index).
    Value(usize),
}

/// A row's values as the text places them: the tokens, and where they start.
#[derive(Debug, Clone)]
struct Placed {
    /// The row (its place among the table's rows); `None` for values without a row yet.
    row: Option<usize>,
    values: Vec<usize>,
    /// For values without a row: `None` when they follow right on the values a label took (the
    /// rest of one run of values); else the row of the label right after them, if there is one.
    loose: Option<Option<usize>>,
}

/// The row (its place among `rows`) whose label, as the table read it, has a part overlapping
/// `range`: a token that is (a fragment of) that label.
pub(super) fn row_labelled_at(
    read: &Table,
    rows: &[&template::Item],
    range: TextRange,
) -> Option<usize> {
    let overlaps = |a: TextRange, b: TextRange| a.start() < b.end() && b.start() < a.end();
    read.rows.iter().find_map(|row| {
        let label = row.label.as_ref()?;
        label
            .parts
            .iter()
            .any(|p| overlaps(*p, range))
            .then(|| rows.iter().position(|item| item.id == row.id))?
    })
}

/// The pieces of a table's tokens; with `drop_empty`, the empty cells (of a converter's columns) are
/// left out.
pub(super) fn pieces(
    src: &str,
    tokens: &[Token],
    rows: &[&template::Item],
    read: &Table,
    drop_empty: bool,
) -> Vec<Piece> {
    let overlaps = |a: TextRange, b: TextRange| a.start() < b.end() && b.start() < a.end();
    let mut out: Vec<Piece> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let piece = if is_value(t) {
            if drop_empty && t.text(src).trim().is_empty() {
                continue;
            }
            Piece::Value(i)
        } else if let Some(r) = row_labelled_at(read, rows, t.range) {
            Piece::Label(r)
        } else if read
            .markers
            .iter()
            .any(|m| m.kind == ItemKind::Block && overlaps(m.range, t.range))
        {
            Piece::Boundary
        } else if t.text(src).trim().is_empty() {
            continue;
        } else {
            Piece::Other
        };
        // the fragments of one label, one after the other, are one label
        if !(matches!(piece, Piece::Label(_)) && out.last() == Some(&piece)) {
            out.push(piece);
        }
    }
    out
}

/// A rereading's table: what the row reader read (markers, range, confidence to be set again) with
/// no rows or notes yet, and without its lines of values matching no row (their values are placed now).
pub(super) fn rereading_of(read: &Table) -> Table {
    Table {
        rows: Vec::new(),
        notes: Vec::new(),
        unknown: read
            .unknown
            .iter()
            .filter(|u| u.values == 0)
            .cloned()
            .collect(),
        ..read.clone()
    }
}

/// The row of `item` whose cells are the tokens at `values`, in its columns' order, with the label
/// the row reader found for it.
pub(super) fn placed_row(
    src: &str,
    tokens: &[Token],
    item: &'static template::Item,
    values: &[usize],
    read: &Table,
) -> Row {
    let cells: Vec<Cell> = item
        .columns
        .iter()
        .zip(values)
        .map(|(c, &v)| make_cell(src, &tokens[v], c))
        .collect();
    let label = read.row(&item.id).and_then(|row| row.label.clone());
    let mut range = cells_range(&cells);
    if let Some(l) = &label {
        range = range.cover(l.range);
    }
    Row {
        id: &item.id,
        label,
        cells,
        extra_cells: Vec::new(),
        range,
        run_together: None,
    }
}

/// The rows of a `Rows` table placed from reading-order text ([`place_rows`]), as a table; `None`
/// when the text does not force one placement of every value.
fn reread_rows(
    src: &str,
    tokens: &[Token],
    table: &'static template::Table,
    read: &Table,
) -> Option<Table> {
    let rows: Vec<&template::Item> = table.rows().collect();
    let widths: Vec<usize> = rows.iter().map(|r| r.columns.len()).collect();
    // as written, else without empty cells (a converter's Markdown of reading-order text: rows of
    // values in tables of its own with empty columns added, their labels on lines of their own)
    let placed = place_rows(&pieces(src, tokens, &rows, read, false), &widths)
        .or_else(|| place_rows(&pieces(src, tokens, &rows, read, true), &widths))?;
    let mut out = rereading_of(read);
    for (item, values) in rows.iter().zip(&placed) {
        out.rows.push(placed_row(src, tokens, item, values, read));
    }
    rows_confidence(table, &mut out);
    (out.confidence == Confidence::High).then_some(out)
}

/// Table 二 of LibreOffice's PDFs in reading order (FORMAT.md §7.2): the columns of a block that did
/// not fit beside its labels come after the table, each under its header, a column of values top to
/// bottom (「本年增/减 增加 1297 项 增加 1859 项 处理决定数量 31.2 万件 1.6 万件」 inside table 三's text).
/// A block whose own text lacks the headers of some of its rows' columns takes, for each of them in
/// column order, the next column of values under that header in `after` (the tokens after the
/// table). Taken only when each such column holds exactly one value per row of its block, every
/// column of values under a header of this table in `after` is taken, and the values in the table
/// are placed as [`place_rows`] places them with the columns each block's text has.
fn reread_with_columns_after(
    src: &str,
    tokens: &[Token],
    after: &[Token],
    table: &'static template::Table,
    read: &Table,
) -> Option<Table> {
    let rows: Vec<&template::Item> = table.rows().collect();
    let header_key = |column: &str| table.column(column).map(|c| key(&c.header));
    // the blocks: each block line found, and its rows (the same columns for all)
    let mut blocks: Vec<(TextRange, Vec<usize>)> = Vec::new();
    for item in &table.items {
        match item.kind {
            ItemKind::Block => {
                let marker = read
                    .markers
                    .iter()
                    .find(|m| m.kind == ItemKind::Block && m.standard == item.label.as_str())?;
                blocks.push((marker.range, Vec::new()));
            }
            ItemKind::Row => {
                let r = rows.iter().position(|r| r.id == item.id)?;
                blocks.last_mut()?.1.push(r);
            }
            _ => {}
        }
    }
    if blocks.windows(2).any(|w| w[0].0.start() >= w[1].0.start()) {
        return None;
    }
    // per block, the columns whose header its text lacks
    let mut missing: Vec<Vec<usize>> = Vec::with_capacity(blocks.len());
    for (b, (at, members)) in blocks.iter().enumerate() {
        let columns = &rows[*members.first()?].columns;
        if members.iter().any(|&r| &rows[r].columns != columns) {
            return None;
        }
        let end = blocks.get(b + 1).map_or(read.range.end(), |n| n.0.start());
        let present = |h: &str| {
            tokens.iter().any(|t| {
                t.kind == TokKind::Text
                    && t.range.start() >= at.end()
                    && t.range.end() <= end
                    && key(t.text(src)) == h
            })
        };
        let mut lacking = Vec::new();
        for (k, c) in columns.iter().enumerate() {
            if !present(&header_key(c)?) {
                lacking.push(k);
            }
        }
        missing.push(lacking);
    }
    if missing.iter().all(Vec::is_empty) {
        return None;
    }
    // the columns of values after the table under a header of this table, in order
    let headers: Vec<String> = table.columns.iter().map(|c| key(&c.header)).collect();
    let mut columns_after: Vec<(String, Vec<usize>)> = Vec::new();
    let mut under: Option<usize> = None;
    for (i, t) in after.iter().enumerate() {
        if t.kind == TokKind::Text {
            let k = key(t.text(src));
            under = headers.contains(&k).then(|| {
                columns_after.push((k, Vec::new()));
                columns_after.len() - 1
            });
        } else if let Some(c) = under {
            columns_after[c].1.push(i);
        }
    }
    columns_after.retain(|(_, values)| !values.is_empty());
    // each block's lacking columns, in order, from the next column of values under their header
    let mut used = vec![false; columns_after.len()];
    let mut from_after: Vec<Vec<(usize, Vec<usize>)>> = Vec::with_capacity(blocks.len());
    for ((_, members), lacking) in blocks.iter().zip(&missing) {
        let mut taken = Vec::new();
        for &k in lacking {
            let h = header_key(&rows[members[0]].columns[k])?;
            let c = (0..columns_after.len()).find(|&c| !used[c] && columns_after[c].0 == h)?;
            if columns_after[c].1.len() != members.len() {
                return None;
            }
            used[c] = true;
            taken.push((k, columns_after[c].1.clone()));
        }
        from_after.push(taken);
    }
    if used.contains(&false) {
        return None;
    }
    // the values in the table, with the columns each block's text has
    let mut widths: Vec<usize> = rows.iter().map(|r| r.columns.len()).collect();
    for ((_, members), lacking) in blocks.iter().zip(&missing) {
        for &r in members {
            widths[r] -= lacking.len();
        }
    }
    let placed = place_rows(&pieces(src, tokens, &rows, read, false), &widths)?;
    let all: Vec<Token> = tokens.iter().chain(after).cloned().collect();
    let mut out = rereading_of(read);
    for ((_, members), taken) in blocks.iter().zip(&from_after) {
        for (n, &r) in members.iter().enumerate() {
            let mut own = placed[r].iter();
            let values: Vec<usize> = (0..rows[r].columns.len())
                .map(|k| match taken.iter().find(|(c, _)| *c == k) {
                    Some((_, column)) => Some(tokens.len() + column[n]),
                    None => own.next().copied(),
                })
                .collect::<Option<_>>()?;
            out.rows.push(placed_row(src, &all, rows[r], &values, read));
        }
    }
    rows_confidence(table, &mut out);
    (out.confidence == Confidence::High).then_some(out)
}

/// Place every value of a `Rows` table in reading order on its row. `widths`: the number of values of
/// each row of the table, in template order. Returns each row's value tokens, or `None` unless every
/// value finds exactly one row and every row exactly its values.
///
/// Between two block lines, a part of the table reads either label, values, label,
/// values… (values after their label) or, when values come before the first label and none after
/// the last, values, label, values, label (values before their label: each label takes the values
/// right before it). A label followed by more values than its row has takes its own; the others
/// belong to rows whose label stood elsewhere (wrapped labels come later in Chromium's PDFs): they
/// are given, in order, to the rows without values between the rows placed around them, and must
/// fill them exactly. Only one run of values may fill such rows, and it is placed only where the text
/// ties it to them: the rest of the run a label took its values from, or a run of exactly one row's
/// values right before that row's label (its values before its label). Values after no label and
/// before none of theirs (a table written column by column: all the labels, then each column's
/// header and values) place nothing.
fn place_rows(pieces: &[Piece], widths: &[usize]) -> Option<Vec<Vec<usize>>> {
    let mut placed: Vec<Placed> = Vec::new();
    for part in pieces.split(|p| *p == Piece::Boundary) {
        place_part(part, widths, &mut placed)?;
    }
    // the rows placed must come in template order
    let anchors: Vec<usize> = placed.iter().filter_map(|p| p.row).collect();
    if anchors.windows(2).any(|w| w[0] >= w[1]) {
        return None;
    }
    let mut out: Vec<Option<Vec<usize>>> = vec![None; widths.len()];
    let mut pending: Vec<Placed> = Vec::new();
    let mut after = None;
    let flush = |pending: &mut Vec<Placed>,
                 from: Option<usize>,
                 to: usize,
                 out: &mut Vec<Option<Vec<usize>>>|
     -> Option<()> {
        let lo = from.map_or(0, |f| f + 1);
        let empty: Vec<usize> = (lo..to).filter(|&r| out[r].is_none()).collect();
        let values: Vec<usize> = pending.iter().flat_map(|p| p.values.clone()).collect();
        if values.len() != empty.iter().map(|&r| widths[r]).sum::<usize>() {
            return None;
        }
        match pending.as_slice() {
            [] => {}
            // the rest of a label's run of values
            [Placed { loose: None, .. }] => {}
            // one row's values right before its label
            [Placed {
                loose: Some(Some(r)),
                ..
            }] if empty == [*r] => {}
            _ => return None,
        }
        pending.clear();
        let mut it = values.into_iter();
        for r in empty {
            out[r] = Some(it.by_ref().take(widths[r]).collect());
        }
        Some(())
    };
    for p in &placed {
        match p.row {
            None => pending.push(p.clone()),
            Some(r) => {
                flush(&mut pending, after, r, &mut out)?;
                out[r] = Some(p.values.clone());
                after = Some(r);
            }
        }
    }
    flush(&mut pending, after, widths.len(), &mut out)?;
    out.into_iter().collect()
}

/// Place the values of one part of the table (between block lines or header cells).
fn place_part(part: &[Piece], widths: &[usize], placed: &mut Vec<Placed>) -> Option<()> {
    // runs of values, and what stands between them
    let labels: Vec<usize> = (0..part.len())
        .filter(|&i| matches!(part[i], Piece::Label(_)))
        .collect();
    let run_at = |i: usize| -> Vec<usize> {
        part[i..]
            .iter()
            .map_while(|p| match p {
                Piece::Value(v) => Some(*v),
                _ => None,
            })
            .collect()
    };
    let run_before = |i: usize| -> Vec<usize> {
        let mut v: Vec<usize> = part[..i]
            .iter()
            .rev()
            .map_while(|p| match p {
                Piece::Value(v) => Some(*v),
                _ => None,
            })
            .collect();
        v.reverse();
        v
    };
    let row_of = |i: usize| match part[i] {
        Piece::Label(r) => r,
        _ => unreachable!("a label"),
    };
    let values_total = part.iter().filter(|p| matches!(p, Piece::Value(_))).count();
    // values before their labels: each label right after exactly its row's values, which are all
    // the values of the part
    if let (Some(&first), Some(&last)) = (labels.first(), labels.last()) {
        let before_first = part[..first].iter().any(|p| matches!(p, Piece::Value(_)));
        let after_last = part[last..].iter().any(|p| matches!(p, Piece::Value(_)));
        if before_first && !after_last {
            let runs: Vec<Vec<usize>> = labels.iter().map(|&i| run_before(i)).collect();
            let fits = labels
                .iter()
                .zip(&runs)
                .all(|(&i, run)| run.len() == widths[row_of(i)]);
            if fits && runs.iter().map(Vec::len).sum::<usize>() == values_total {
                for (&i, run) in labels.iter().zip(runs) {
                    placed.push(Placed {
                        row: Some(row_of(i)),
                        values: run,
                        loose: None,
                    });
                }
                return Some(());
            }
        }
    }
    // values after their labels: a label takes the values that follow it, over any text that is no
    // label (a header cell or the rest of a group line that the page put between them), up to its
    // row's count; a label with no value after it stood elsewhere
    let mut i = 0;
    // where the values a label took end
    let mut taken_to = None;
    while i < part.len() {
        match part[i] {
            Piece::Label(r) => {
                let mut own = Vec::new();
                let mut j = i + 1;
                while j < part.len() && own.len() < widths[r] {
                    match part[j] {
                        Piece::Value(v) => own.push(v),
                        Piece::Label(_) => break,
                        _ => {}
                    }
                    j += 1;
                }
                if own.is_empty() {
                    i += 1;
                    continue;
                }
                if own.len() < widths[r] {
                    return None;
                }
                placed.push(Placed {
                    row: Some(r),
                    values: own,
                    loose: None,
                });
                i = j;
                taken_to = Some(j);
            }
            Piece::Value(_) => {
                let run = run_at(i);
                let loose = (taken_to != Some(i)).then(|| match part.get(i + run.len()) {
                    Some(Piece::Label(r)) => Some(*r),
                    _ => None,
                });
                i += run.len();
                placed.push(Placed {
                    row: None,
                    values: run,
                    loose,
                });
            }
            _ => i += 1,
        }
    }
    Some(())
}

// ------------------------------------------------------------------------------------------ pages

/// A row's values as one page of reading-order text gives them.
#[derive(Debug, Clone, PartialEq)]
struct PageRow {
    /// The page of the row's first label line (form feeds before it).
    page: usize,
    /// The values written on that line after the label (they take the row's first columns).
    stuck: Vec<usize>,
    /// How many values the row has.
    width: usize,
    /// Does an identity of the template tie the row's values together (its total the sum of the
    /// others)? Only such rows let a reading order be checked.
    checked: bool,
}

/// Most values other than a page's most frequent one that [`place_by_page`] places by the identities.
const RARE_VALUES: usize = 24;
/// Most distinct such values on one page.
const RARE_KINDS: usize = 6;
/// Most steps it takes looking for the placements (fillings of rows tried, rows placed).
const PLACEMENTS: usize = 2_000_000;

/// How [`place_by_page`] placed a table's values.
#[derive(Debug, Clone, PartialEq)]
struct PagePlacement {
    /// The value tokens of each row in column order, as one placement gives them.
    tokens: Vec<Vec<usize>>,
    /// Per row: does every placement for which the identities hold give it the same values?
    agreed: Vec<bool>,
}

/// Fill each row's cells from the values of its page, when that is forced whatever their order:
/// every page's values other than the ones on label lines (`stuck`) exactly fill the cells left on
/// that page, and either they are all one value (「0」 most often), or (`by_identities`: text with
/// one value a line, so that no number was cut into two) the few other values (at most
/// [`RARE_VALUES`], [`RARE_KINDS`] distinct ones a page) are put in those cells in every way for
/// which `row_holds` (a row's identities, given its index and values) and `holds` (all of them,
/// over the whole table) are true. A row every such placement gives the same values is `agreed`;
/// the others are not vouched for. `loose`: (page, token, value) in reading order; `value`: the
/// value of a stuck token. `None` when no placement holds or the search is too long.
///
/// In text extracted from a PDF in reading order (FORMAT.md §7.2, LibreOffice's PDFs: pdftotext
/// without -layout), a table of many columns comes as blocks of its columns, the blocks' order
/// following no rule a reader can rely on, and the first value of each row is written after its
/// label's first line (「一、本年 60」). What stays is the page: a row's cells start at the top of the
/// row, on the page of its label's first line, and the text of a page ends at a form feed.
fn place_by_page(
    rows: &[PageRow],
    loose: &[(usize, usize, u64)],
    by_identities: bool,
    value: impl Fn(usize) -> u64,
    row_holds: impl Fn(usize, &[u64]) -> bool,
    holds: impl Fn(&[Vec<u64>]) -> bool,
) -> Option<PagePlacement> {
    use std::collections::{BTreeMap, BTreeSet};
    if rows.iter().any(|r| r.stuck.len() > r.width) {
        return None;
    }
    let pages: BTreeSet<usize> = rows
        .iter()
        .map(|r| r.page)
        .chain(loose.iter().map(|l| l.0))
        .collect();
    // per page: its most frequent value, and the others (each distinct value with how often)
    let mut common: BTreeMap<usize, u64> = BTreeMap::new();
    let mut kinds: BTreeMap<usize, Vec<(u64, usize)>> = BTreeMap::new();
    for &page in &pages {
        let values: Vec<u64> = loose.iter().filter(|l| l.0 == page).map(|l| l.2).collect();
        let free: usize = rows
            .iter()
            .filter(|r| r.page == page)
            .map(|r| r.width - r.stuck.len())
            .sum();
        if values.len() != free {
            return None;
        }
        let mut counts: BTreeMap<u64, usize> = BTreeMap::new();
        for v in &values {
            *counts.entry(*v).or_default() += 1;
        }
        let top = counts
            .iter()
            .max_by_key(|(v, n)| (**n, std::cmp::Reverse(**v)))
            .map(|(&v, _)| v);
        if let Some(top) = top {
            common.insert(page, top);
        }
        let others: Vec<(u64, usize)> = counts
            .into_iter()
            .filter(|&(v, _)| Some(v) != top)
            .collect();
        if others.len() > RARE_KINDS {
            return None;
        }
        kinds.insert(page, others);
    }
    let rare: usize = kinds.values().flatten().map(|&(_, n)| n).sum();
    if rare > RARE_VALUES || rare > 0 && !by_identities {
        return None;
    }
    // per row: the fillings of its free cells that keep its identities, each free cell the page's
    // common value or one of its other values (a value no more often than the page has it)
    let mut steps = 0usize;
    let mut fillings: Vec<Vec<(Vec<u64>, Vec<usize>)>> = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        let page_kinds = &kinds[&row.page];
        let base = common.get(&row.page).copied().unwrap_or(0);
        let mut values: Vec<u64> = row.stuck.iter().map(|&t| value(t)).collect();
        let mut used = vec![0usize; page_kinds.len()];
        let mut found = Vec::new();
        #[allow(clippy::too_many_arguments)]
        fn fill(
            r: usize,
            width: usize,
            base: u64,
            kinds: &[(u64, usize)],
            values: &mut Vec<u64>,
            used: &mut Vec<usize>,
            row_holds: &dyn Fn(usize, &[u64]) -> bool,
            steps: &mut usize,
            found: &mut Vec<(Vec<u64>, Vec<usize>)>,
        ) -> bool {
            *steps += 1;
            if *steps > PLACEMENTS {
                return false;
            }
            if values.len() == width {
                if row_holds(r, values) {
                    found.push((values.clone(), used.clone()));
                }
                return true;
            }
            values.push(base);
            let go_on = fill(r, width, base, kinds, values, used, row_holds, steps, found);
            values.pop();
            if !go_on {
                return false;
            }
            for (k, &(v, n)) in kinds.iter().enumerate() {
                if used[k] == n {
                    continue;
                }
                used[k] += 1;
                values.push(v);
                let go_on = fill(r, width, base, kinds, values, used, row_holds, steps, found);
                values.pop();
                used[k] -= 1;
                if !go_on {
                    return false;
                }
            }
            true
        }
        if !fill(
            r,
            row.width,
            base,
            page_kinds,
            &mut values,
            &mut used,
            &row_holds,
            &mut steps,
            &mut found,
        ) || found.is_empty()
        {
            return None;
        }
        fillings.push(found);
    }
    // the pages whose text gives their rows' values in row order: there each row keeps only the
    // filling of that order, when the placements under it still hold (else all of them)
    let in_order = fillings_in_reading_order(rows, loose, &value, &row_holds);
    let ordered: Vec<Vec<(Vec<u64>, Vec<usize>)>> = fillings
        .iter()
        .zip(&in_order)
        .map(|(found, order)| match order {
            Some(values) => found.iter().filter(|f| f.0 == *values).cloned().collect(),
            None => found.clone(),
        })
        .collect();
    let search = |fillings: &[Vec<(Vec<u64>, Vec<usize>)>]| {
        search_placements(rows, fillings, &kinds, steps, &holds)
    };
    let by_order = match in_order.iter().any(Option::is_some) {
        true => search(&ordered)?,
        false => (None, Vec::new()),
    };
    let (fillings, (first, agreed)) = match by_order {
        (Some(first), agreed) => (ordered, (first, agreed)),
        (None, _) => match search(&fillings)? {
            (Some(first), agreed) => (fillings, (first, agreed)),
            (None, _) => return None,
        },
    };
    // the tokens: each page's values of one kind, in reading order, in the cells that kind fills
    let mut tokens_of: BTreeMap<(usize, u64), std::collections::VecDeque<usize>> = BTreeMap::new();
    for &(page, token, v) in loose {
        tokens_of.entry((page, v)).or_default().push_back(token);
    }
    let mut out = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        let values = &fillings[r][first[r]].0;
        let mut tokens = row.stuck.clone();
        for &v in &values[row.stuck.len()..] {
            tokens.push(tokens_of.get_mut(&(row.page, v))?.pop_front()?);
        }
        out.push(tokens);
    }
    Some(PagePlacement {
        tokens: out,
        agreed,
    })
}

/// Per row: its values as the reading order of its page gives them, when that order is the rows'
/// own on the whole page. After the labels, reading-order text (pdftotext without -layout of a
/// LibreOffice PDF) may give a page's values row by row: each row's values after those on its
/// label's line, the rows in order, or first the rest of the rows
/// with a value on their label's line, then the other rows. An order is taken for a page only when
/// every row of the page keeps its identities under it, and when both orders do, only when they
/// give the same values, and only when every row of the page has an identity (`checked`); `None`
/// for the rows of the other pages.
fn fillings_in_reading_order(
    rows: &[PageRow],
    loose: &[(usize, usize, u64)],
    value: &impl Fn(usize) -> u64,
    row_holds: &impl Fn(usize, &[u64]) -> bool,
) -> Vec<Option<Vec<u64>>> {
    let mut out: Vec<Option<Vec<u64>>> = vec![None; rows.len()];
    let mut pages: Vec<usize> = rows.iter().map(|r| r.page).collect();
    pages.dedup();
    for page in pages {
        let on_page: Vec<usize> = (0..rows.len()).filter(|&r| rows[r].page == page).collect();
        let values: Vec<u64> = loose.iter().filter(|l| l.0 == page).map(|l| l.2).collect();
        // the rows' values when the page's values fill the rows in `order`
        let read = |order: &[usize]| -> Option<Vec<Vec<u64>>> {
            let mut next = values.iter();
            let mut by_row = vec![Vec::new(); rows.len()];
            for &r in order {
                let row = &rows[r];
                let mut cells: Vec<u64> = row.stuck.iter().map(|&t| value(t)).collect();
                for _ in row.stuck.len()..row.width {
                    cells.push(*next.next()?);
                }
                if !row_holds(r, &cells) {
                    return None;
                }
                by_row[r] = cells;
            }
            next.next().is_none().then_some(by_row)
        };
        if on_page.iter().any(|&r| !rows[r].checked) {
            continue;
        }
        let stuck_first: Vec<usize> = on_page
            .iter()
            .filter(|&&r| !rows[r].stuck.is_empty())
            .chain(on_page.iter().filter(|&&r| rows[r].stuck.is_empty()))
            .copied()
            .collect();
        let readings = (read(&on_page), read(&stuck_first));
        let reading = match readings {
            (Some(a), Some(b)) => (a == b).then_some(a),
            (a, b) => a.or(b),
        };
        if let Some(mut by_row) = reading {
            for &r in &on_page {
                out[r] = Some(std::mem::take(&mut by_row[r]));
            }
        }
    }
    out
}

/// Every choice of one filling a row (`fillings`: per row, its values and how many of each of its
/// page's other values they use) that uses each page's other values (`kinds`) exactly, for which
/// `holds`: the first one found, and which rows all of them agree on. `None` when the search is
/// too long.
#[allow(clippy::type_complexity)]
fn search_placements(
    rows: &[PageRow],
    fillings: &[Vec<(Vec<u64>, Vec<usize>)>],
    kinds: &std::collections::BTreeMap<usize, Vec<(u64, usize)>>,
    steps: usize,
    holds: &dyn Fn(&[Vec<u64>]) -> bool,
) -> Option<(Option<Vec<usize>>, Vec<bool>)> {
    use std::collections::BTreeMap;
    struct Search<'a> {
        rows: &'a [PageRow],
        fillings: &'a [Vec<(Vec<u64>, Vec<usize>)>],
        /// per row: the free cells left on its page after it
        free_after: Vec<usize>,
        left: BTreeMap<usize, Vec<usize>>,
        chosen: Vec<usize>,
        matrix: Vec<Vec<u64>>,
        first: Option<Vec<usize>>,
        agreed: Vec<bool>,
        steps: usize,
    }
    impl Search<'_> {
        fn go(&mut self, r: usize, holds: &dyn Fn(&[Vec<u64>]) -> bool) -> bool {
            self.steps += 1;
            if self.steps > PLACEMENTS {
                return false;
            }
            if r == self.rows.len() {
                if holds(&self.matrix) {
                    match &self.first {
                        None => self.first = Some(self.chosen.clone()),
                        Some(first) => {
                            for (i, agreed) in self.agreed.iter_mut().enumerate() {
                                *agreed &= self.fillings[i][first[i]].0 == self.matrix[i];
                            }
                        }
                    }
                }
                return true;
            }
            let page = self.rows[r].page;
            for f in 0..self.fillings[r].len() {
                let (values, used) = &self.fillings[r][f];
                let left = self.left.get_mut(&page).expect("every page has its values");
                if used.iter().zip(left.iter()).any(|(u, l)| u > l) {
                    continue;
                }
                for (l, u) in left.iter_mut().zip(used) {
                    *l -= u;
                }
                // the page's other values must still find room on it
                let fits = left.iter().sum::<usize>() <= self.free_after[r];
                if fits {
                    self.matrix[r].clone_from(values);
                    self.chosen.push(f);
                    let go_on = self.go(r + 1, holds);
                    self.chosen.pop();
                    if !go_on {
                        return false;
                    }
                }
                let left = self.left.get_mut(&page).expect("every page has its values");
                for (l, u) in left.iter_mut().zip(used) {
                    *l += u;
                }
            }
            true
        }
    }
    let free_after: Vec<usize> = (0..rows.len())
        .map(|r| {
            rows[r + 1..]
                .iter()
                .filter(|o| o.page == rows[r].page)
                .map(|o| o.width - o.stuck.len())
                .sum()
        })
        .collect();
    let mut search = Search {
        rows,
        fillings,
        free_after,
        left: kinds
            .iter()
            .map(|(&p, k)| (p, k.iter().map(|&(_, n)| n).collect()))
            .collect(),
        chosen: Vec::new(),
        matrix: rows.iter().map(|r| vec![0; r.width]).collect(),
        first: None,
        agreed: vec![true; rows.len()],
        steps,
    };
    if !search.go(0, holds) {
        return None;
    }
    Some((search.first, search.agreed))
}

/// The page (0-based: how many form feeds come before it) of an offset of `src`.
pub(super) fn page_finder(src: &str) -> impl Fn(TextSize) -> usize {
    let feeds: Vec<usize> = memchr::memchr_iter(b'\x0c', src.as_bytes()).collect();
    move |at: TextSize| feeds.partition_point(|&f| f < usize::from(at))
}

/// The first line of a row's label that the row reader left out of it: in reading order
/// (pdftotext, FORMAT.md §7.2) the first line of a wrapped label carries the row's first value and
/// its other lines follow the values (「1.信访举 1」, then 「报投诉类」 … 「申请」), and two fragments
/// that both carry values are never joined into one label. It is the text token right before the
/// label's first part, only values between them, that is no part of a label or marker the table
/// read, and whose key written before the label's brings the label closer to the template's (its
/// label or a variant of it). `None` where there is no such token.
fn label_start_left_out(
    src: &str,
    tokens: &[Token],
    read: &Table,
    item: &template::Item,
    label: &Label,
) -> Option<TextRange> {
    let first = label.parts.iter().min_by_key(|p| p.start())?;
    let before = tokens
        .iter()
        .rposition(|t| t.range.start() < first.start() && t.kind == TokKind::Text)?;
    let fragment = tokens[before].range;
    if fragment.end() > first.start() {
        return None;
    }
    let overlaps = |r: &TextRange| r.start() < fragment.end() && fragment.start() < r.end();
    let taken = read
        .rows
        .iter()
        .flat_map(|r| r.label.iter().flat_map(|l| &l.parts))
        .chain(read.markers.iter().map(|m| &m.range))
        .any(overlaps);
    if taken {
        return None;
    }
    let label_key: String = label.parts.iter().map(|p| key(&src[*p])).collect();
    let similarity = |k: &str| best_similarity(&item.patterns, &k.chars().collect::<Vec<_>>());
    let joined = key(&src[fragment]) + &label_key;
    (similarity(&joined) > similarity(&label_key)).then_some(fragment)
}

/// A `Rows` table reread from reading-order text by pages ([`place_by_page`]). Taken only when every
/// row of the template was found with its label, every value is a count, and the identities (I1–I3)
/// hold in the result: the reading rests on where the text puts a row's first value, and a table
/// whose identities fail is left as read (unreadable), never reported as the author's error.
fn reread_pages(
    src: &str,
    tokens: &[Token],
    tpl: &Template,
    table: &'static template::Table,
    read: &Table,
) -> Option<Table> {
    let page_of = page_finder(src);
    let items: Vec<&template::Item> = table.rows().collect();
    let mut rows = Vec::new();
    let mut stuck_all: Vec<usize> = Vec::new();
    // the values on the rest of a label's line, after its text `first`
    let stuck_after = |first: TextRange| -> Option<Vec<usize>> {
        let at = tokens.iter().position(|t| t.range.start() >= first.end())?;
        Some(
            (at..tokens.len())
                .take_while(|&i| {
                    is_value(&tokens[i])
                        && !src[TextRange::new(first.end(), tokens[i].range.start())].contains('\n')
                })
                .collect(),
        )
    };
    for item in &items {
        let label = read.row(&item.id)?.label.as_ref()?;
        let mut first = *label.parts.iter().min_by_key(|p| p.start())?;
        let mut stuck = stuck_after(first)?;
        if stuck.is_empty() {
            if let Some(start) = label_start_left_out(src, tokens, read, item, label) {
                first = start;
                stuck = stuck_after(first)?;
            }
        }
        stuck_all.extend(&stuck);
        rows.push(PageRow {
            page: page_of(first.start()),
            stuck,
            width: item.columns.len(),
            checked: !row_identity_masks(tpl, table, item).is_empty(),
        });
    }
    // a value token's count (text is none)
    let count_of_token = |t: &Token| match &t.kind {
        TokKind::Value(v) => v.count(),
        TokKind::Text => None,
    };
    let foreign = values_under_other_tables_headers(src, tokens, tpl, table);
    let mut loose = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        match &t.kind {
            TokKind::Value(_) if stuck_all.contains(&i) || foreign.contains(&i) => {}
            TokKind::Value(v) => {
                let v = v.count()?;
                loose.push((page_of(t.range.start()), i, v));
            }
            TokKind::Text => {}
        }
    }
    if stuck_all
        .iter()
        .any(|&i| count_of_token(&tokens[i]).is_none())
    {
        return None;
    }
    let count_of = |i: usize| count_of_token(&tokens[i]).unwrap_or(0);
    // the identities over a table of counts (rows in template order, cells in column order)
    let masks: Vec<_> = items
        .iter()
        .map(|item| row_identity_masks(tpl, table, item))
        .collect();
    let row_index = |id: &str| items.iter().position(|i| i.id == id);
    // per column identity: the cells (row, column) of its two sides
    type Cells = Vec<(usize, usize)>;
    let mut sums: Vec<(Cells, Cells)> = Vec::new();
    for i in tpl
        .identities
        .iter()
        .filter(|i| i.table == table.id && i.direction == template::Direction::Column)
    {
        for col in table.resolve_columns(&i.over) {
            let cells = |side: &[String]| -> Option<Vec<(usize, usize)>> {
                table
                    .resolve_rows(side)
                    .iter()
                    .map(|r| {
                        let at = row_index(r)?;
                        Some((at, items[at].columns.iter().position(|c| c == col)?))
                    })
                    .collect()
            };
            sums.push((cells(&i.lhs)?, cells(&i.rhs)?));
        }
    }
    let holds = |m: &[Vec<u64>]| {
        masks
            .iter()
            .zip(m)
            .all(|(mask, values)| row_identities_hold(mask, values))
            && sums.iter().all(|(l, r)| {
                let sum = |side: &[(usize, usize)]| side.iter().map(|&(a, b)| m[a][b]).sum::<u64>();
                sum(l) == sum(r)
            })
    };
    // one value a line (after a label's first line, or alone): no number was cut in two, which
    // the placement by the identities needs (a value cut in two is two values that may fit them)
    let line_of = |t: &Token| {
        let (a, b) = (usize::from(t.range.start()), usize::from(t.range.end()));
        let start = src[..a].rfind('\n').map_or(0, |i| i + 1);
        let end = src[b..].find('\n').map_or(src.len(), |i| b + i);
        (&src[start..a], &src[b..end])
    };
    let one_a_line = tokens.iter().filter(|t| is_value(t)).all(|t| {
        let (before, after) = line_of(t);
        let label = before.trim_end();
        after.trim().is_empty()
            && (label.trim().is_empty()
                || label.len() < before.len() && label.ends_with(|c: char| !c.is_ascii()))
    });
    let row_holds = |r: usize, values: &[u64]| row_identities_hold(&masks[r], values);
    let placed = place_by_page(&rows, &loose, one_a_line, count_of, row_holds, holds)?;
    if !placed.agreed.contains(&true) {
        return None;
    }
    let mut out = rereading_of(read);
    for (item, values) in items.iter().zip(&placed.tokens) {
        let row = placed_row(src, tokens, item, values, read);
        let counts: Vec<u64> = row.cells.iter().filter_map(Cell::count).collect();
        if !row_identities_hold(&row_identity_masks(tpl, table, item), &counts) {
            return None;
        }
        out.rows.push(row);
    }
    if !column_identities_hold(tpl, table, &out, false) {
        return None;
    }
    // every value has its row: none stands under a group line (with every row of the template
    // found, a group line is no row of another template)
    for m in &mut out.markers {
        m.values = 0;
    }
    rows_confidence(table, &mut out);
    if out.confidence != Confidence::High {
        return None;
    }
    // rows the placements that keep the identities disagree on: not vouched for
    let differing: Vec<&'static str> = items
        .iter()
        .zip(&placed.agreed)
        .filter(|(_, agreed)| !**agreed)
        .map(|(item, _)| item.id.as_str())
        .collect();
    if !differing.is_empty() {
        out.notes.push(format!(
            "{} 行的数值在所在页中有多种放法都合乎勾稽关系，无法确定",
            differing.len()
        ));
        out.confidence = Confidence::Low;
    }
    out.unsure_rows = differing;
    Some(out)
}

/// The values that reading order put in a table's region under a column header of another table of the
/// template (LibreOffice's PDFs, FORMAT.md §7.2: the columns of table 二 that did not fit beside its
/// labels come as blocks after them, inside table 三's text: 「本年增/减 增加 1297 项 增加 1859 项 处理决定数量
/// 31.2 万件 …」): each value after such a header, up to the next text. A header is another table's
/// when its text is exactly one of that table's column headers and none of this table's.
pub(super) fn values_under_other_tables_headers(
    src: &str,
    tokens: &[Token],
    tpl: &Template,
    table: &template::Table,
) -> Vec<usize> {
    let own: Vec<String> = table.columns.iter().map(|c| key(&c.header)).collect();
    let other: Vec<String> = tpl
        .tables
        .iter()
        .filter(|t| t.id != table.id)
        .flat_map(|t| t.columns.iter().map(|c| key(&c.header)))
        .filter(|h| !h.is_empty() && !own.contains(h))
        .collect();
    let mut under = false;
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.kind == TokKind::Text {
            under = other.contains(&key(t.text(src)));
        } else if under {
            out.push(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Piece::*;

    fn values(from: usize, n: usize) -> Vec<Piece> {
        (from..from + n).map(Value).collect()
    }

    fn seq(parts: &[Vec<Piece>]) -> Vec<Piece> {
        parts.concat()
    }

    #[test]
    fn values_after_labels_with_a_wrapped_label_later() {
        // rows 0..3 of three values; row 1's label wrapped and written after row 2
        let p = seq(&[
            vec![Label(0)],
            values(0, 6),
            vec![Label(2)],
            values(6, 3),
            vec![Label(1), Other],
        ]);
        let placed = place_rows(&p, &[3, 3, 3]).unwrap();
        assert_eq!(placed, vec![vec![0, 1, 2], vec![3, 4, 5], vec![6, 7, 8]]);
    }

    #[test]
    fn values_before_labels_in_a_block() {
        // 「0 0 0 规章 14 38 54 行政规范性文件」, then a block line, then 「14954 行政许可」
        let p = seq(&[
            values(0, 3),
            vec![Label(0)],
            values(3, 3),
            vec![Label(1), Boundary],
            values(6, 1),
            vec![Label(2)],
        ]);
        let placed = place_rows(&p, &[3, 3, 1]).unwrap();
        assert_eq!(placed, vec![vec![0, 1, 2], vec![3, 4, 5], vec![6]]);
    }

    #[test]
    fn values_that_fit_no_row_exactly_place_nothing() {
        // a row with a blank: two values where three belong
        let p = seq(&[vec![Label(0)], values(0, 2), vec![Label(1)], values(2, 3)]);
        assert_eq!(place_rows(&p, &[3, 3]), None);
        // values left over with no row without values to take them
        let p = seq(&[vec![Label(0)], values(0, 6), vec![Label(1)], values(6, 3)]);
        assert_eq!(place_rows(&p, &[3, 3]), None);
        // a row missing altogether
        let p = seq(&[vec![Label(0)], values(0, 3)]);
        assert_eq!(place_rows(&p, &[3, 3]), None);
        // labels out of template order
        let p = seq(&[vec![Label(1)], values(0, 3), vec![Label(0)], values(3, 3)]);
        assert_eq!(place_rows(&p, &[3, 3]), None);
    }

    #[test]
    fn header_text_between_a_rows_values_is_passed_over() {
        // 「一、本年新收… 0 0 总 商业企业… 计 0 0 0 0 0」: the header cells the page put inside the row
        let p = seq(&[
            vec![Label(0)],
            values(0, 2),
            vec![Other, Other],
            values(2, 5),
            vec![Label(1), Other],
            values(7, 7),
        ]);
        assert_eq!(
            place_rows(&p, &[7, 7]).unwrap(),
            vec![(0..7).collect::<Vec<_>>(), (7..14).collect()]
        );
        // but not over another label: too few values for the first row
        let p = seq(&[vec![Label(0)], values(0, 2), vec![Label(1)], values(2, 7)]);
        assert_eq!(place_rows(&p, &[7, 7]), None);
    }

    #[test]
    fn values_before_and_after_labels_read_as_after() {
        // values on both sides: not the values-before reading; the leading values stand before the
        // label of another row (row 1), nothing ties them to row 0: nothing is placed
        let p = seq(&[
            values(0, 3),
            vec![Label(1)],
            values(3, 3),
            vec![Label(2)],
            values(6, 3),
        ]);
        assert_eq!(place_rows(&p, &[3, 3, 3]), None);
        // right before row 0's own label, which takes none after it: its values
        let p = seq(&[
            vec![Other],
            values(0, 3),
            vec![Label(0), Label(1)],
            values(3, 3),
            vec![Label(2)],
            values(6, 3),
        ]);
        assert_eq!(
            place_rows(&p, &[3, 3, 3]).unwrap(),
            vec![vec![0, 1, 2], vec![3, 4, 5], vec![6, 7, 8]]
        );
        // but never the values of two rows: their order in the text says nothing of their rows
        let p = seq(&[
            vec![Other],
            values(0, 6),
            vec![Label(0), Label(1), Label(2)],
            values(6, 3),
        ]);
        assert_eq!(place_rows(&p, &[3, 3, 3]), None);
    }

    #[test]
    fn a_table_written_column_by_column_places_nothing() {
        // pdfminer: a block's labels, then each column's header and its values for those rows
        // (「规章 规范性文件 本年新制作数量 0 11 本年新公开数量 231 209 …」)
        let p = seq(&[
            vec![
                Boundary,
                Other,
                Label(0),
                Label(1),
                Boundary,
                Other,
                Label(2),
                Label(3),
            ],
            vec![Other],
            values(0, 2),
            vec![Other],
            values(2, 2),
            vec![Other],
            values(4, 2),
            vec![Other],
            values(6, 2),
        ]);
        assert_eq!(place_rows(&p, &[2, 2, 2, 2]), None);
        // one column's values right after the last label: the label takes its own, the rest are
        // not its row's continuation but the next column's
        let p = seq(&[
            vec![Label(0), Label(1), Other],
            values(0, 2),
            vec![Other],
            values(2, 2),
        ]);
        assert_eq!(place_rows(&p, &[2, 2]), None);
    }

    #[test]
    fn values_of_rows_without_labels_from_two_runs_place_nothing() {
        // 「0 10 0 69 规章 行政规范性文件」, a block line, 「0 8 本年处理决定数量 行政许可 14166」: six
        // values for rows 0 and 1 in two runs, column by column, not row by row
        let p = seq(&[
            vec![Other],
            values(0, 4),
            vec![Label(0), Label(1), Boundary],
            values(4, 2),
            vec![Other, Label(2)],
            values(6, 1),
        ]);
        assert_eq!(place_rows(&p, &[3, 3, 1]), None);
    }

    const ACTIVE_WITH_CONVERTER_COLUMNS: &str = "二、主动公开政府信息情况\n第二十条第（一）项\n\
        | 信息内容 |  | 本年制发件数 |  | 本年废止件数 |  | 现行有效件数 |  |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n\
        | 规章 |  | 1 |  | 2 |  | 3 |  |\n| 行政规范性文件 |  | 4 |  | 5 |  | 6 |  |\n\
        第二十条第（五）项\n| 信息内容 |  | 本年处理决定数量 |  |  |\n| --- | --- | --- | --- | --- |\n\
        | 行政许可 |  | 7 |  |  |\n第二十条第（六）项\n| 信息内容 |  | 本年处理决定数量 |  |  |\n\
        | --- | --- | --- | --- | --- |\n| 行政处罚 |  | 8 |  |  |\n| 行政强制 |  | 9 |  |  |\n\
        第二十条第（八）项\n| 信息内容 |  | 本年收费金额（单位：万元） |  |  |\n| --- | --- | --- | --- | --- |\n\
        | 行政事业性收费 |  | 1.5 |  |  |\n";

    #[test]
    fn empty_columns_of_a_converter_are_not_cells() {
        let text = crate::parse::tests::report_2021(ACTIVE_WITH_CONVERTER_COLUMNS);
        let a = crate::analyze(&text, &crate::Config::default());
        let t = a.report.tables.iter().find(|t| t.id == "active").unwrap();
        assert_eq!(t.confidence, Confidence::High, "{:?}", t.notes);
        assert_eq!(t.value("normative_docs", "repealed"), Some(5.0));
        assert_eq!(t.value("fees", "amount"), Some(1.5));
        assert!(!a
            .diagnostics
            .iter()
            .any(|d| d.code == "NB204" || d.code == "NB201"));
        // a row with fewer filled cells than columns keeps its empty cell under a named column
        // (`blank_columns`: only columns blank on every line, header too, are the converter's)
        let text = text.replace("| 规章 |  | 1 |  | 2 |", "| 规章 |  | 1 |  |  |");
        let a = crate::analyze(&text, &crate::Config::default());
        let t = a.report.tables.iter().find(|t| t.id == "active").unwrap();
        assert_eq!(t.value("rules", "repealed"), None);
        assert_eq!(t.value("rules", "in_force"), Some(3.0));
    }

    /// Table 二 as pdftotext (without -layout) gives a LibreOffice PDF: block (一)'s third column
    /// did not fit beside its labels and comes after the table, under its header, in table 三's text.
    fn active_with_a_column_after(after: &str) -> String {
        format!(
            "某县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n\
             二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n\
             1\n2\n规章\n4\n5\n行政规范性文件\n第二十条第（五）项\n信息内容\n本年处理决定数量\n7\n行政许可\n\
             第二十条第（六）项\n信息内容\n本年处理决定数量\n8\n行政处罚\n9\n行政强制\n\
             第二十条第（八）项\n信息内容\n本年收费金额（单位：万元）\n10\n行政事业性收费\n\
             三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n{after}\n其他\n总计\n\
             五、存在的主要问题及改进情况\n正文。\n"
        )
    }

    #[test]
    fn columns_of_table_two_after_the_table_under_their_header() {
        let a = crate::analyze(
            &active_with_a_column_after("现行有效件数\n3\n6"),
            &crate::Config::default(),
        );
        let t = a.report.tables.iter().find(|t| t.id == "active").unwrap();
        assert_eq!(t.confidence, Confidence::High, "{:?}", t.notes);
        assert_eq!(t.value("rules", "issued"), Some(1.0));
        assert_eq!(t.value("rules", "in_force"), Some(3.0));
        assert_eq!(t.value("normative_docs", "in_force"), Some(6.0));
        assert_eq!(t.value("fees", "amount"), Some(10.0));
        // one value too few or too many under the header, or the header twice: nothing placed
        for after in [
            "现行有效件数\n3",
            "现行有效件数\n3\n6\n0",
            "现行有效件数\n3\n6\n现行有效件数\n1\n1",
            "3\n6",
        ] {
            let a = crate::analyze(
                &active_with_a_column_after(after),
                &crate::Config::default(),
            );
            let t = a.report.tables.iter().find(|t| t.id == "active").unwrap();
            assert_ne!(t.confidence, Confidence::High, "{after}");
            assert_eq!(t.value("rules", "in_force"), None, "{after}");
            assert!(a.diagnostics.iter().any(|d| d.code == "NB201"), "{after}");
        }
    }

    #[test]
    fn converter_tables_of_headers_with_values_before_their_labels() {
        // markitdown of LibreOffice's PDF: each block's header a table with empty columns, the values
        // and labels on lines of their own, the values first
        let active = "二、主动公开政府信息情况\n第二十条第（一）项\n\
            | 信息内容 |  | 本年制发件数 |  | 本年废止件数 |  | 现行有效件数 |  |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n\
            |  |  | 1 |  | 2 |  | 3 |  |\n规章\n|  |  | 4 |  | 5 |  | 6 |  |\n行政规范性文件\n\
            第二十条第（五）项\n| 信息内容 |  | 本年处理决定数量 |  |  |\n| --- | --- | --- | --- | --- |\n7\n行政许可\n\
            第二十条第（六）项\n| 信息内容 |  | 本年处理决定数量 |  |  |\n| --- | --- | --- | --- | --- |\n8\n行政处罚\n9\n行政强制\n\
            第二十条第（八）项\n| 信息内容 |  | 本年收费金额（单位：万元） |  |  |\n| --- | --- | --- | --- | --- |\n1.5\n行政事业性收费\n";
        let text = crate::parse::tests::report_2021(active);
        let a = crate::analyze(&text, &crate::Config::default());
        let t = a.report.tables.iter().find(|t| t.id == "active").unwrap();
        assert_eq!(t.confidence, Confidence::High, "{:?}", t.notes);
        assert_eq!(t.value("rules", "in_force"), Some(3.0));
        assert_eq!(t.value("normative_docs", "issued"), Some(4.0));
        assert_eq!(t.value("enforcement", "decisions"), Some(9.0));
        assert_eq!(t.value("fees", "amount"), Some(1.5));
    }

    fn analysed(table_four: &str) -> crate::Analysis {
        let text = crate::parse::tests::report_2021(&format!(
            "四、政府信息公开行政复议、行政诉讼情况\n{table_four}\n"
        ));
        crate::analyze(&text, &crate::Config::default())
    }

    fn column_blocks(values: [&str; 15]) -> String {
        // LibreOffice's PDF through pdftotext: header characters one per line, a value after the
        // header of its column, the values of the columns whose header is taller at the end
        let v = values;
        let h = |s: &str| s.chars().map(|c| format!("{c}\n")).collect::<String>();
        let mut t = String::from("行政复议\n行政诉讼\n");
        for c in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] {
            t += &h(c);
        }
        t += &h("未经复议直接起诉");
        t += &format!("{}{}\n复议后起诉\n", h("结果维持"), v[5]);
        for (c, x) in [("结果纠正", v[6]), ("其他结果", v[7]), ("尚未审结", v[8])] {
            t += &format!("{}{x}\n", h(c));
        }
        t += &h("总计");
        for (c, x) in [
            ("结果维持", v[10]),
            ("结果纠正", v[11]),
            ("其他结果", v[12]),
            ("尚未审结", v[13]),
        ] {
            t += &format!("{}{x}\n", h(c));
        }
        t += &h("总计");
        for x in [v[0], v[1], v[2], v[3], v[4], v[9], v[14]] {
            t += &format!("{x}\n");
        }
        t
    }

    fn table_four(a: &crate::Analysis) -> Vec<Option<f64>> {
        let t = a.report.table("review_litigation").unwrap();
        ["review", "litigation_direct", "litigation_after_review"]
            .iter()
            .flat_map(|g| {
                ["upheld", "corrected", "other", "pending", "total"].map(|c| t.value(g, c))
            })
            .collect()
    }

    #[test]
    fn table_four_in_column_blocks_is_placed_by_its_headers() {
        let v = [
            "1", "2", "0", "0", "3", "1", "12", "5", "2", "20", "0", "0", "1", "0", "1",
        ];
        let a = analysed(&column_blocks(v));
        let expected: Vec<Option<f64>> = v.iter().map(|x| x.parse().ok()).collect();
        assert_eq!(table_four(&a), expected);
        assert!(!a.diagnostics.iter().any(|d| d.code == "NB304"));
        // a total that does not add up in the source is still found, in its group
        let v = [
            "0", "0", "0", "0", "0", "0", "0", "0", "0", "5", "0", "0", "0", "0", "0",
        ];
        let a = analysed(&column_blocks(v));
        let nb304: Vec<_> = a.diagnostics.iter().filter(|d| d.code == "NB304").collect();
        assert_eq!(nb304.len(), 1, "{nb304:?}");
    }

    #[test]
    fn table_four_interleaved_without_a_placement_is_unreadable() {
        // header text between the values, the headers incomplete: no placement, and the values in
        // their order break I4: one NB201, no arithmetic error
        let a =
            analysed("结果维持\n结果纠正\n1\n其他\n2\n0\n0\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13");
        assert!(a.diagnostics.iter().any(|d| d.code == "NB201"));
        assert!(!a.diagnostics.iter().any(|d| d.code == "NB304"));
    }

    /// Table 四 as Chromium's PDF through `pdftotext` can give it: the header, `before` values, the
    /// heading of 五, `after` values one per line, then 五's text.
    fn split_by_next_heading(before: &[&str], after: &[&str]) -> crate::Analysis {
        let mut text = String::from(
            "某县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n\
             四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n未经复议直接起诉\n复议后起诉\n\
             结果维持 结果纠正 其他结果 尚未审结 总计\n",
        );
        for v in before {
            text += &format!("{v}\n\n");
        }
        text += "五、存在的主要问题及改进情况\n\n";
        for v in after {
            text += &format!("{v}\n\n");
        }
        text += "正文。\n六、其他需要报告的事项\n无。\n";
        crate::analyze(&text, &crate::Config::default())
    }

    #[test]
    fn values_of_table_four_after_the_next_heading_are_its_own_when_all_alike() {
        let a = split_by_next_heading(&["0"; 6], &["0"; 9]);
        assert_eq!(table_four(&a), vec![Some(0.0); 15]);
        assert!(
            !a.diagnostics.iter().any(|d| d.code == "NB201"),
            "{:#?}",
            a.diagnostics
        );
        // values that differ: their order is not known, nothing placed
        let mut after = ["0"; 9];
        after[3] = "1";
        after[4] = "1";
        let a = split_by_next_heading(&["0"; 6], &after);
        let t = a.report.table("review_litigation").unwrap();
        assert_ne!(t.confidence, Confidence::High);
        assert!(a.diagnostics.iter().any(|d| d.code == "NB201"));
        // too few values, or text before them in 五: nothing taken
        let a = split_by_next_heading(&["0"; 6], &["0"; 8]);
        assert!(a.diagnostics.iter().any(|d| d.code == "NB201"));
        let a = split_by_next_heading(
            &["0"; 6],
            &["正文", "0", "0", "0", "0", "0", "0", "0", "0", "0"],
        );
        assert!(a.diagnostics.iter().any(|d| d.code == "NB201"));
    }

    #[test]
    fn values_under_another_tables_column_header_are_left_out() {
        // table 二's columns that did not fit beside its labels, inside table 三's text
        let tpl = crate::template::by_id("2019").unwrap();
        let table = tpl.table("applications").unwrap();
        let text = "自然人\n46\n0\n本年增/减\n增加 1297 项\n减少 73 项\n处理决定数量\n3175 起\n社会公益\n组织\n0\n";
        let all = lines(text);
        let tokens = tokenize(text, r(0, text.len()), &all, &Reader::without_memo());
        let left_out: Vec<&str> = values_under_other_tables_headers(text, &tokens, tpl, table)
            .into_iter()
            .map(|i| tokens[i].text(text))
            .collect();
        assert_eq!(left_out, ["增加 1297 项", "减少 73 项", "3175 起"]);
    }

    #[test]
    fn a_grid_with_more_values_than_cells_vouches_for_no_row() {
        // a value more at the start (a number of the table before it): every value moves one cell,
        // and the rows of zeros that keep I4 are still no rows of the report
        let mut v = vec!["46"];
        v.extend(["0"; 15]);
        v.extend(["5", "0", "0"]);
        let a = analysed(&v.join("\n"));
        let t = a.report.table("review_litigation").unwrap();
        assert_ne!(t.confidence, crate::model::Confidence::High);
        // (table 四 has no row of one value, the only rows certain_rows reads the text for)
        assert!(crate::parse::certain_rows(&a.report, "", t).is_empty());
        assert!(a.diagnostics.iter().any(|d| d.code == "NB201"));
    }

    /// The tokens of each row, when every placement agrees on every row.
    fn forced(p: Option<PagePlacement>) -> Option<Vec<Vec<usize>>> {
        p.filter(|p| p.agreed.iter().all(|a| *a)).map(|p| p.tokens)
    }

    #[test]
    fn values_of_a_page_all_alike_fill_its_rows() {
        let row = |page, stuck: &[usize]| PageRow {
            page,
            stuck: stuck.to_vec(),
            width: 3,
            // rows without identities: no reading order is checked
            checked: false,
        };
        let any = |_: usize, _: &[u64]| true;
        // page 0: rows 0 (first value on its label line: token 0) and 1; page 1: row 2
        let rows = [row(0, &[0]), row(0, &[]), row(1, &[9])];
        let loose: Vec<(usize, usize, u64)> =
            [(0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (1, 10), (1, 11)]
                .iter()
                .map(|&(p, t)| (p, t, 0))
                .collect();
        assert_eq!(
            forced(place_by_page(&rows, &loose, true, |_| 0, any, |_| true)),
            Some(vec![vec![0, 1, 2], vec![3, 4, 5], vec![9, 10, 11]])
        );
        // more values on a label's line than its row has
        let wide = [row(0, &[0, 1, 2, 3]), row(0, &[]), row(1, &[9])];
        assert_eq!(
            place_by_page(&wide, &loose[4..], true, |_| 0, any, |_| true),
            None
        );
        // one value more on a page, or one less: nothing placed
        let mut more = loose.clone();
        more.push((1, 12, 0));
        assert_eq!(
            place_by_page(&rows, &more, true, |_| 0, any, |_| true),
            None
        );
        assert_eq!(
            place_by_page(&rows, &loose[1..], true, |_| 0, any, |_| true),
            None
        );
        // values on a page without rows
        let mut stray = loose.clone();
        stray.push((2, 13, 0));
        assert_eq!(
            place_by_page(&rows, &stray, true, |_| 0, any, |_| true),
            None
        );
        // two different values on a page: their order is not the cells' order
        let mut mixed = loose.clone();
        mixed[2].2 = 1;
        assert_eq!(
            place_by_page(&rows, &mixed, false, |_| 0, any, |_| true),
            None
        );
        let placed = place_by_page(&rows, &mixed, true, |_| 0, any, |_| true).unwrap();
        assert_eq!(placed.agreed, [false, false, true]);
    }

    #[test]
    fn a_few_values_unlike_the_others_are_placed_only_where_the_identities_force_it() {
        // rows of three cells, the last the sum of the first two; page 0: row 0 with 4 on its
        // label's line, row 1 with nothing there; the page's values: 0 0 0 4 0 (tokens 1..=5)
        let row = |stuck: &[usize]| PageRow {
            page: 0,
            stuck: stuck.to_vec(),
            width: 3,
            // rows without identities: no reading order is checked
            checked: false,
        };
        let rows = [row(&[0]), row(&[])];
        let loose: Vec<(usize, usize, u64)> = [0, 0, 0, 4, 0]
            .iter()
            .enumerate()
            .map(|(i, &v)| (0, i + 1, v))
            .collect();
        let value = |t: usize| if t == 0 { 4 } else { 0 };
        let sum = |_: usize, r: &[u64]| r[0] + r[1] == r[2];
        let sums = |m: &[Vec<u64>]| m.iter().all(|r| r[0] + r[1] == r[2]);
        // row 0 is 4, 0, 4 whatever the order of the values: its total is the one 4
        assert_eq!(
            forced(place_by_page(&rows, &loose, true, value, sum, sums)),
            Some(vec![vec![0, 1, 4], vec![2, 3, 5]])
        );
        // not in text whose numbers may have been cut in two
        assert_eq!(place_by_page(&rows, &loose, false, value, sum, sums), None);
        // two placements that both fit (row 0 without its first value): no row vouched for
        let rows = [row(&[]), row(&[])];
        let loose: Vec<(usize, usize, u64)> = [0, 0, 0, 4, 0, 4]
            .iter()
            .enumerate()
            .map(|(i, &v)| (0, i + 1, v))
            .collect();
        let placed = place_by_page(&rows, &loose, true, value, sum, sums).unwrap();
        assert_eq!(placed.agreed, [false, false]);
        // none that fits: nothing placed
        let odd: Vec<(usize, usize, u64)> = loose
            .iter()
            .map(|&(p, t, v)| (p, t, if t == 6 { 3 } else { v }))
            .collect();
        assert_eq!(place_by_page(&rows, &odd, true, value, sum, sums), None);
    }

    #[test]
    fn rows_every_placement_agrees_on_are_vouched_for_the_others_not() {
        // page 0: row 0 with 4 on its label's line (its total must be the one 4), rows 1 and 2
        // with nothing there, one pair 1, 1 between them: 4 0 0 1 0 0 0 1 (tokens 1..=8)
        let row = |stuck: &[usize]| PageRow {
            page: 0,
            stuck: stuck.to_vec(),
            width: 3,
            checked: true,
        };
        let rows = [row(&[0]), row(&[]), row(&[])];
        let loose: Vec<(usize, usize, u64)> = [4, 0, 0, 1, 0, 0, 0, 1]
            .iter()
            .enumerate()
            .map(|(i, &v)| (0, i + 1, v))
            .collect();
        let value = |t: usize| if t == 0 { 4 } else { 0 };
        let sum = |_: usize, r: &[u64]| r[0] + r[1] == r[2];
        let placed = place_by_page(&rows, &loose, true, value, sum, |_| true).unwrap();
        assert_eq!(placed.agreed, [true, false, false]);
        assert_eq!(placed.tokens[0], [0, 2, 1]);
        // a column identity that puts the pair in row 2 (its first column sums to 1 over rows
        // 1 and 2, row 1's first cell must be 0 and row 2's 1): every row vouched for
        let first_column = |m: &[Vec<u64>]| m[1][0] == 0 && m[2][0] == 1;
        let placed = place_by_page(&rows, &loose, true, value, sum, first_column).unwrap();
        assert_eq!(placed.agreed, [true, true, true]);
        assert_eq!(placed.tokens, [vec![0, 2, 1], vec![3, 5, 6], vec![4, 7, 8]]);
    }

    #[test]
    fn values_of_a_page_in_row_order_settle_rows_the_identities_leave_open() {
        // rows of three cells, the last the sum of the first two; row 0 with 1 on its label's
        // line (token 0), rows 1 and 2 with nothing there; the page's values (tokens 1..=8)
        let row = |stuck: &[usize], checked| PageRow {
            page: 0,
            stuck: stuck.to_vec(),
            width: 3,
            checked,
        };
        let rows = [row(&[0], true), row(&[], true), row(&[], true)];
        let page = |values: &[u64]| -> Vec<(usize, usize, u64)> {
            values
                .iter()
                .enumerate()
                .map(|(i, &v)| (0, i + 1, v))
                .collect()
        };
        let value = |t: usize| if t == 0 { 1 } else { 0 };
        let sum = |_: usize, r: &[u64]| r[0] + r[1] == r[2];
        // row by row: 1 0 1 | 0 1 1 | 0 0 0 (row 1 could be 1 0 1 as well, the order says 0 1 1)
        let loose = page(&[0, 1, 0, 1, 1, 0, 0, 0]);
        let placed = place_by_page(&rows, &loose, true, value, sum, |_| true).unwrap();
        assert_eq!(placed.agreed, [true, true, true]);
        assert_eq!(placed.tokens, [vec![0, 1, 2], vec![3, 4, 5], vec![6, 7, 8]]);
        // the same values in an order that breaks a row's identity: the order is not the rows'
        let loose = page(&[1, 0, 0, 1, 1, 0, 0, 0]);
        let placed = place_by_page(&rows, &loose, true, value, sum, |_| true).unwrap();
        assert_eq!(placed.agreed, [true, false, false]);
        // a row without an identity on the page: its order cannot be checked
        let unchecked = [row(&[0], true), row(&[], true), row(&[], false)];
        let loose = page(&[0, 1, 0, 1, 1, 0, 0, 0]);
        let placed = place_by_page(&unchecked, &loose, true, value, sum, |_| true).unwrap();
        assert_eq!(placed.agreed, [true, false, false]);
        // the order that holds breaks a column identity: placed as without it
        let column = |m: &[Vec<u64>]| m[1][0] == 1;
        let placed = place_by_page(&rows, &loose, true, value, sum, column).unwrap();
        assert_eq!(placed.agreed, [true, true, true]);
        assert_eq!(placed.tokens[1], [4, 3, 5]);
    }

    #[test]
    fn two_reading_orders_that_both_hold_and_differ_settle_nothing() {
        // row 0 with nothing on its label's line, row 1 with 0 there (token 0); values 0 0 0 1 1:
        // row by row 0 0 0 | 0 1 1, row 1's rest first 0 0 0 | 0 1 1 the other way: both hold
        let rows = [
            PageRow {
                page: 0,
                stuck: vec![],
                width: 3,
                checked: true,
            },
            PageRow {
                page: 0,
                stuck: vec![0],
                width: 3,
                checked: true,
            },
        ];
        let loose: Vec<(usize, usize, u64)> = [0, 0, 0, 1, 1]
            .iter()
            .enumerate()
            .map(|(i, &v)| (0, i + 1, v))
            .collect();
        let sum = |_: usize, r: &[u64]| r[0] + r[1] == r[2];
        let in_order = fillings_in_reading_order(&rows, &loose, &|_| 0, &sum);
        assert_eq!(in_order, [None, None]);
        // rows with a value on their label's line first: one order only
        let rows = [rows[1].clone(), rows[0].clone()];
        let in_order = fillings_in_reading_order(&rows, &loose, &|_| 0, &sum);
        assert_eq!(in_order, [Some(vec![0, 0, 0]), Some(vec![0, 1, 1])]);
    }

    /// Table 三 as pdftotext (without -layout) gives a LibreOffice PDF: each label broken over lines,
    /// the first value of some rows after their label's first line, the other values in column
    /// blocks; a page number and a form feed between the pages.
    fn applications_in_column_blocks(loose_value: &str) -> String {
        let tpl = crate::template::all()
            .iter()
            .find(|t| t.id == "2021")
            .unwrap();
        let table = tpl.table("applications").unwrap();
        let rows: Vec<&str> = table.rows().map(|r| r.label.as_str()).collect();
        let mut t = String::from(
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n申请人情况\n",
        );
        t += "自然人\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n总计\n";
        for (page, part) in [&rows[..12], &rows[12..]].iter().enumerate() {
            let mut free = 0;
            for (i, label) in part.iter().enumerate() {
                let chars: Vec<char> = label.chars().collect();
                let (head, tail) = chars.split_at(chars.len().min(4));
                let head: String = head.iter().collect();
                let tail: String = tail.iter().collect();
                // every other row with its first value on its label's first line
                if i % 2 == 0 {
                    t += &format!("{head} 0\n");
                    free += 6;
                } else {
                    t += &format!("{head}\n");
                    free += 7;
                }
                if !tail.is_empty() {
                    t += &format!("{tail}\n");
                }
            }
            for k in 0..free {
                // the loose values of the first page: all zeros but maybe one
                let v = if page == 0 && k == 5 {
                    loose_value
                } else {
                    "0"
                };
                t += &format!("{v}\n\n");
            }
            if page == 0 {
                t += "—3—\n\n\x0c";
            }
        }
        crate::parse::tests::report_2021(&format!("三、收到和处理政府信息公开申请情况\n{t}"))
    }

    #[test]
    fn table_three_in_column_blocks_of_zeros_is_read_by_pages() {
        let a = crate::analyze(
            &applications_in_column_blocks("0"),
            &crate::Config::default(),
        );
        let t = a.report.table("applications").unwrap();
        assert_eq!(t.confidence, Confidence::High, "{:?}", t.notes);
        assert_eq!(t.rows.len(), 25);
        assert!(t
            .rows
            .iter()
            .all(|r| r.cells.len() == 7 && r.cells.iter().all(|c| c.number() == Some(0.0))));
        assert!(!a.diagnostics.iter().any(|d| d.code == "NB201"));
    }

    #[test]
    fn table_three_in_column_blocks_with_values_unlike_is_left_unreadable() {
        // one value other than 0 among a page's values: its cell is not known, nothing is exported
        // and no identity is said to fail
        let a = crate::analyze(
            &applications_in_column_blocks("1"),
            &crate::Config::default(),
        );
        let t = a.report.table("applications").unwrap();
        assert_ne!(t.confidence, Confidence::High);
        assert!(a.diagnostics.iter().any(|d| d.code == "NB201"));
        assert!(!a.diagnostics.iter().any(|d| d.code.starts_with("NB3")));
    }

    /// Table 四 as pymupdf4llm 0.0.17 writes an unruled table: its filled values as a run under its
    /// heading (`run`), the table itself as Markdown after the last section (`tables`, its lines).
    fn grid_run_and_markdown_later(run: &str, tables: &[&[&str]]) -> crate::Analysis {
        let mut text = format!(
            "某县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n\
             四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n未经复议直接起诉 复议后起诉\n\
             结果维持 结果纠正 其他结果 尚未审结 总计\n{run}\n\
             五、存在的主要问题及改进情况\n正文。\n六、其他需要报告的事项\n无。\n"
        );
        for rows in tables {
            text += "|行政复议|Col2|Col3|Col4|Col5|行政诉讼|Col7|Col8|Col9|Col10|Col11|Col12|Col13|Col14|Col15|\n\
                     |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n\
                     |结 果 维 持|结果 纠正|其他 结果|尚未 审结|总计|未经复议直接起诉|||||复议后起诉|||||\n\
                     ||||||结果 维持|结果 纠正|其他 结果|尚未 审结|总计|结果 维持|结果 纠正|其他 结果|尚未 审结|总 计|\n";
            for row in *rows {
                text += row;
                text += "\n";
            }
            text += "\n正文。\n";
        }
        crate::analyze(&text, &crate::Config::default())
    }

    #[test]
    fn table_four_as_a_run_is_read_from_its_markdown_further_on() {
        let a = grid_run_and_markdown_later("5 2 7 8 1 9", &[&["|5|||2|7|8|||1|9||||||"]]);
        let (x, n) = (Some, None);
        assert_eq!(
            table_four(&a),
            vec![
                x(5.0),
                n,
                n,
                x(2.0),
                x(7.0),
                x(8.0),
                n,
                n,
                x(1.0),
                x(9.0),
                n,
                n,
                n,
                n,
                n
            ]
        );
        assert!(!a.diagnostics.iter().any(|d| d.code == "NB201"));
        // the values there in another order, or one cell fewer: not the table written here
        for md in ["|5|||2|7|1|||8|9||||||", "|5|||2|7|8|||1|9|||||"] {
            let a = grid_run_and_markdown_later("5 2 7 8 1 9", &[&[md]]);
            assert!(a.diagnostics.iter().any(|d| d.code == "NB201"), "{md}");
            let t = a.report.table("review_litigation").unwrap();
            assert_ne!(t.confidence, Confidence::High, "{md}");
        }
        // two such tables further on: which one is this table's cannot be told
        let md: &[&str] = &["|5|||2|7|8|||1|9||||||"];
        let a = grid_run_and_markdown_later("5 2 7 8 1 9", &[md, md]);
        assert!(a.diagnostics.iter().any(|d| d.code == "NB201"));
    }

    #[test]
    fn markdown_grid_values_keep_empty_cells_and_need_every_header() {
        let tpl = crate::template::by_id("2021").unwrap();
        let table = tpl.table("review_litigation").unwrap();
        let text = "|行政复议|行政诉讼|\n|---|---|\n|未经复议直接起诉|复议后起诉|\n\
                    |结果维持|结果纠正|其他结果|尚未审结|总计|\n| 1 || 0 |\n";
        let all = lines(text);
        let block: Vec<&Line> = all.iter().collect();
        let values = markdown_grid_values(text, &block, table).unwrap();
        let cells: Vec<(&str, bool)> = values.iter().map(|t| (t.text(text), t.empty)).collect();
        assert_eq!(cells, [("1", false), ("", true), ("0", false)]);
        // without the line of 行政复议/行政诉讼, a header text of the table is missing
        let text = "|未经复议直接起诉|复议后起诉|\n|结果维持|结果纠正|其他结果|尚未审结|总计|\n| 1 || 0 |\n";
        let all = lines(text);
        let block: Vec<&Line> = all.iter().collect();
        assert!(markdown_grid_values(text, &block, table).is_none());
    }

    /// A row `id` of table 三 read with the label made of the tokens of `text` that are `parts`.
    fn read_with_label(text: &str, id: &'static str, parts: &[&str]) -> Table {
        let parts: Vec<TextRange> = parts
            .iter()
            .map(|p| {
                let a = text.find(p).unwrap();
                r(a, a + p.len())
            })
            .collect();
        let range = parts[0].cover(*parts.last().unwrap());
        Table {
            rows: vec![Row {
                id,
                label: Some(crate::model::Label {
                    text: parts.iter().map(|p| &text[*p]).collect(),
                    range,
                    parts,
                    similarity: 0.5,
                    exact: false,
                }),
                cells: Vec::new(),
                extra_cells: Vec::new(),
                range,
                run_together: None,
            }],
            ..Table::default()
        }
    }

    #[test]
    fn a_labels_first_line_left_out_with_its_value_is_found_before_it() {
        let tpl = crate::template::by_id("2021").unwrap();
        let table = tpl.table("applications").unwrap();
        let item = table
            .items
            .iter()
            .find(|i| i.id == "not_processed.complaint")
            .unwrap();
        // `taken`: a text the table read as a marker
        let start = |text: &str, parts: &[&str], taken: Option<&str>| {
            let all = lines(text);
            let tokens = tokenize(text, r(0, text.len()), &all, &Reader::without_memo());
            let mut read = read_with_label(text, "not_processed.complaint", parts);
            if let Some(m) = taken {
                let a = text.find(m).unwrap();
                read.markers.push(Marker {
                    label: m.to_string(),
                    standard: "",
                    range: r(a, a + m.len()),
                    exact: false,
                    values: 0,
                    kind: crate::template::ItemKind::Group,
                });
            }
            let label = read.rows[0].label.clone().unwrap();
            label_start_left_out(text, &tokens, &read, item, &label).map(|f| text[f].to_string())
        };
        // 「1.信访举 1」, its values, then the rest of the label: its first line, value and all
        let text = "（五）不予处理\n1.信访举 1\n报投诉类\n0\n0\n申请\n";
        let parts = ["报投诉类", "申请"];
        assert_eq!(start(text, &parts, None).as_deref(), Some("1.信访举"));
        // …unless the table read that text as something else
        assert_eq!(start(text, &parts, Some("1.信访举")), None);
        // the fragment before is part of the label read: nothing left out
        assert_eq!(start(text, &["1.信访举", "报投诉类", "申请"], None), None);
        // a text before the label that does not bring it closer to the template's: not its start
        let text = "（五）不予处理\n开 1\n报投诉类\n0\n0\n申请\n";
        assert_eq!(start(text, &parts, None), None);
        // a text between the fragment and the label: the fragment is not right before it
        let text = "1.信访举 1\n（五）不予处理\n报投诉类\n0\n0\n申请\n";
        assert_eq!(start(text, &parts, None), None);
    }

    #[test]
    fn markdown_grid_values_are_the_tokenizers_cells() {
        let tpl = crate::template::by_id("2021").unwrap();
        let table = tpl.table("review_litigation").unwrap();
        let head = "|行政复议|Col2|行政诉讼|\n|---|---|---|\n|未经复议直接起诉|复议后起诉|\n\
                    |结 果 维 持|结果 纠正|其他结果|尚未审结|**总计**|\n";
        // cells padded with spaces, a value in bold, a blank cell of spaces, trailing empty cells
        let text = format!("{head}|  1  |   | **0** | 7|||\n");
        let all = lines(&text);
        let block: Vec<&Line> = all.iter().collect();
        let values = markdown_grid_values(&text, &block, table).unwrap();
        let cells: Vec<&str> = values.iter().map(|t| t.text(&text)).collect();
        assert_eq!(cells, ["1", "", "0", "7", "", ""]);
        // an empty cell is where it opens, right after its pipe
        let row = text.rfind("|  1").unwrap();
        assert_eq!(usize::from(values[1].range.start()), row + "|  1  |".len());
        assert_eq!(usize::from(values[5].range.start()), text.len() - 2);
        // two values in one cell make no line of values (its cells are header text)
        let text = format!("{head}|  1 2 | 0 |\n");
        let all = lines(&text);
        let block: Vec<&Line> = all.iter().collect();
        assert_eq!(markdown_grid_values(&text, &block, table).unwrap().len(), 0);
        // a line of values that is no row of a Markdown table (one pipe inside): its cells unknown
        let text = format!("{head}|1\n");
        let all = lines(&text);
        let block: Vec<&Line> = all.iter().collect();
        assert!(markdown_grid_values(&text, &block, table).is_none());
    }
}
