//! Stage 8: confidence — is a table read well enough to check its numbers and export them?
//!
//! A table read with confidence (`High`) is checked cell by cell and by its identities. Otherwise
//! NB201 says once what was found, and nothing else is said about that table (RULES.md "One cause,
//! one diagnostic"); its values are exported only where they are certain ([`certain_rows`]).

use super::*;

/// The rows read with another number of values than the template gives them, or with values beyond
/// their columns: one sign of a reading gone wrong.
pub(super) fn rows_with_wrong_counts(table: &template::Table, out: &Table) -> usize {
    out.rows
        .iter()
        .filter(|r| {
            table
                .row(r.id)
                .is_some_and(|i| r.cells.len() != i.columns.len())
                || !r.extra_cells.is_empty()
        })
        .count()
}

/// How well the rows of a `Rows` table were read. One sign of trouble (a missing row, a row with
/// the wrong number of values, a line with values matching no row) can be the author's: it is
/// reported as such. Two or more, or a large share of the table, mean the reading failed.
pub(super) fn rows_confidence(table: &template::Table, out: &mut Table) {
    let expected_rows = table.rows().count();
    // (rows of this template only: not the row another template has in place of a group line)
    let found = out
        .rows
        .iter()
        .filter(|r| table.row(r.id).is_some())
        .count();
    let wrong_counts = rows_with_wrong_counts(table, out);
    // rows under a group line that carries the values itself (the 2019-style single （六）其他处理
    // row) are not missing: NB108 reports the mix
    let group_with_values = |id: &str| {
        table.group_of(id).is_some_and(|g| {
            g.kind == ItemKind::Group
                && out
                    .markers
                    .iter()
                    .any(|m| m.standard == g.label.as_str() && m.values > 0)
        })
    };
    let missing = table
        .rows()
        .filter(|item| out.row(&item.id).is_none() && !group_with_values(&item.id))
        .count();
    let unknown = out.unknown.len();
    out.confidence = if found == 0 {
        out.notes.push("没有识别出任何模板行".into());
        Confidence::None
    } else if found * 4 < expected_rows * 3
        || wrong_counts * 4 > found
        || unknown * 4 > found
        || missing + wrong_counts + unknown >= 2
    {
        let mut note = format!("识别出 {found}/{expected_rows} 行");
        if wrong_counts > 0 {
            note.push_str(&format!("，{wrong_counts} 行数值不全"));
        }
        if unknown > 0 {
            note.push_str(&format!("，{unknown} 行无法识别"));
        }
        out.notes.push(note);
        Confidence::Low
    } else {
        Confidence::High
    };
}

/// A table read with confidence but for one missing row, whose place is at a page cut: the rows
/// found before and after it in template order have a page break between them (a converter's page
/// rule 「-----」, a page number 「— 4 —」, a form feed). Converters lose a row there (FORMAT.md §7.4: a
/// table cut at the page into pieces, the row at the cut left as plain text or dropped), so its
/// absence is the reading's, not the author's: the table is not read with confidence (NB201 says so
/// once) rather than reported as missing a row (NB202).
pub(super) fn missing_at_page_cut(src: &str, table: &template::Table, out: &mut Table) {
    if out.confidence != Confidence::High {
        return;
    }
    let rows: Vec<&template::Item> = table.rows().collect();
    let mut missing = rows
        .iter()
        .enumerate()
        .filter(|(_, item)| out.row(&item.id).is_none());
    let (Some((at, item)), None) = (missing.next(), missing.next()) else {
        return;
    };
    let before = rows[..at].iter().rev().find_map(|i| out.row(&i.id));
    let after = rows[at + 1..].iter().find_map(|i| out.row(&i.id));
    let (Some(before), Some(after)) = (before, after) else {
        return;
    };
    let (from, to) = (
        usize::from(before.range.end()),
        usize::from(after.range.start()),
    );
    let Some(between) = src.get(from..to.max(from)) else {
        return;
    };
    let page_cut = between.contains('\u{c}')
        || between.lines().any(|line| {
            let line = line.trim();
            (line.len() >= 3 && line.bytes().all(|b| b == b'-'))
                || (!line.is_empty() && super::marks::is_marked_page_number(line))
        });
    if page_cut {
        out.notes
            .push(format!("「{}」一行不在文字中，在分页处", item.label));
        out.confidence = Confidence::Low;
    }
}

/// The rows of a table whose values are certain even though the table as a whole was not read with
/// confidence: every value of the row found, and either recovered from digits run together with a
/// single possible split, or checked by the row's own identities (I1, I4), which hold. In a table
/// read with confidence, every row that has exactly its columns' values. Never a row with a value
/// missing or one too many (NB204: which of its numbers is which column's cannot be told, 「58 3.9」
/// for one cell), nor a row whose values could belong to the label above or below (`unsure_rows`):
/// values shifted by one row keep their identities.
pub fn certain_rows(report: &Report, src: &str, table: &Table) -> Vec<&'static str> {
    let unsure = |id: &str| table.unsure_rows.contains(&id);
    let Some(tpl) = report.template_data() else {
        return Vec::new();
    };
    let Some(template_table) = tpl.table(&table.id) else {
        return Vec::new();
    };
    // (a row of the other template, 「（六）其他处理」 of 2019 in a 2021 table, is read with its own
    // columns: only a value too many can be seen there)
    let counts_right = |row: &crate::model::Row| {
        template_table
            .row(row.id)
            .is_none_or(|item| row.cells.len() == item.columns.len())
            && row.extra_cells.is_empty()
    };
    if table.confidence == Confidence::High {
        return table
            .rows
            .iter()
            .filter(|row| !unsure(row.id) && counts_right(row))
            .map(|r| r.id)
            .collect();
    }
    let alone = rows_alone_after_their_labels(src, template_table, table);
    table
        .rows
        .iter()
        .filter(|row| {
            let Some(item) = template_table.row(row.id) else {
                return false;
            };
            if unsure(row.id) || !counts_right(row) {
                return false;
            }
            if row.cells.len() != item.columns.len() {
                return false;
            }
            if alone.contains(&row.id) {
                return true;
            }
            if let Some(run) = &row.run_together {
                return run.candidates.len() == 1 && !run.too_many;
            }
            let masks = row_identity_masks(tpl, template_table, item);
            if values_cut_at_units(src, row) {
                return true;
            }
            if table.markdown_rows.contains(&row.id) {
                return identities_hold_where_filled(&masks, &row.cells);
            }
            if item.columns.len() == 1 {
                return single_value_glued_to_its_label(src, row);
            }
            let Some(values) = row
                .cells
                .iter()
                .map(Cell::count)
                .collect::<Option<Vec<u64>>>()
            else {
                return false;
            };
            !masks.is_empty() && row_identities_hold(&masks, &values)
        })
        .map(|r| r.id)
        .collect()
}

/// The rows whose values no neighbour can have given or taken: read in the order of their labels
/// in the text, from the table's start, every row so far has after its label, before the next
/// row's label (the table's end after the last), exactly its columns' values, each a number
/// written whole as one piece apart from the others, and no other digit there; and no digit stands
/// between the table's start and the first label. Values written before their labels (a converter
/// that puts a row's numbers above it, FORMAT.md §7.4) leave digits before the first label or a
/// row short of its values: the chain stops at the first row that breaks it, and no row after it
/// is taken (a shift by one row would keep every count right from there on) — unless it starts
/// again at the first row of a later block of the table (table 二's 「第二十条第（N）项」 parts) where
/// the values before that row's label exactly fill the rows before it in the template
/// ([`values_fill_rows_before`]: every row before found, its label before, and as many values
/// between the table's start and this label as those rows have columns). There no value of an
/// earlier row is left for the rows from here on and none of theirs stands before, just as at the
/// table's start with no digit before the first label (pdfminer writes table 二 of a Chromium PDF
/// 「0 10 0 69 规章 行政规范性文件 第二十条第（五）项 0 8 … 行政许可 14166 …」: the first block's
/// values cannot be placed, the later blocks' can).
fn rows_alone_after_their_labels(
    src: &str,
    template_table: &template::Table,
    table: &Table,
) -> Vec<&'static str> {
    // (a page number set off by its marks, 「— 1 —」 on a line of its own, is no value)
    let has_digit = |from: usize, to: usize| {
        src.get(from..to).is_none_or(|s| {
            s.split('\n').any(|piece| {
                let piece = piece.trim();
                !super::marks::is_marked_page_number(piece)
                    && piece
                        .chars()
                        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            })
        })
    };
    let mut rows: Vec<(&Row, TextRange)> = table
        .rows
        .iter()
        .filter_map(|r| Some((r, r.label.as_ref()?.range)))
        .collect();
    rows.sort_by_key(|(_, label)| label.start());
    let starts_block = block_first_rows(template_table);
    let mut out = Vec::new();
    let start = usize::from(table.range.start());
    let mut at = start;
    // (the chain runs from the table's start, and again from a block whose rows before are filled)
    let mut running = true;
    for (i, &(row, label)) in rows.iter().enumerate() {
        if !running {
            let before: Vec<&'static str> = rows[..i].iter().map(|(r, _)| r.id).collect();
            if !starts_block.contains(&row.id)
                || !values_fill_rows_before(
                    src,
                    template_table,
                    row.id,
                    &before,
                    start..usize::from(label.start()),
                )
            {
                continue;
            }
            running = true;
            at = usize::from(label.start());
        }
        let next = rows
            .get(i + 1)
            .map_or(usize::from(table.range.end()), |(_, l)| {
                usize::from(l.start())
            });
        let whole = template_table
            .row(row.id)
            .is_some_and(|item| row.cells.len() == item.columns.len())
            && !row.cells.is_empty()
            && row.extra_cells.is_empty()
            && row.run_together.is_none()
            && row.cells.iter().all(|c| {
                c.number().is_some()
                    && src.get(usize::from(c.range.start())..usize::from(c.range.end()))
                        == Some(c.raw.as_str())
            });
        if !whole || has_digit(at, usize::from(label.start())) {
            running = false;
            continue;
        }
        // (each piece after the one before it, apart from it, the gaps without digits)
        let mut from = usize::from(label.end());
        let apart = row.cells.iter().all(|c| {
            let (a, b) = (usize::from(c.range.start()), usize::from(c.range.end()));
            let ok = a > from && !has_digit(from, a);
            from = b;
            ok
        });
        if !apart || from > next || has_digit(from, next) {
            running = false;
            continue;
        }
        out.push(row.id);
        at = next;
    }
    out
}

/// The rows of `table` that open a part of it (the first row after each 「第二十条第（N）项」 line; a
/// table without such lines is one part), as [`super::columns::table_parts`] cuts it.
fn block_first_rows(table: &template::Table) -> Vec<&str> {
    let rows: Vec<&template::Item> = table.rows().collect();
    super::columns::table_parts(table)
        .iter()
        .filter_map(|p| p.rows.first())
        .map(|&r| rows[r].id.as_str())
        .collect()
}

/// Do the values written in `src[span]` (from the table's start to the label of row `id`) exactly
/// fill the rows before `id` in `table`? `before`: the rows whose labels were read before that
/// label. Every row before `id` in the template must be among them and no later one, and the text
/// must hold as many values as those rows have columns: each a run of digits (with its decimal
/// point) counted once, a page number set off by its marks (「— 2 —」) not counted.
fn values_fill_rows_before(
    src: &str,
    table: &template::Table,
    id: &str,
    before: &[&str],
    span: std::ops::Range<usize>,
) -> bool {
    let Some(at) = table.rows().position(|item| item.id == id) else {
        return false;
    };
    let earlier: Vec<&template::Item> = table.rows().take(at).collect();
    if earlier.len() != before.len()
        || earlier
            .iter()
            .any(|item| !before.contains(&item.id.as_str()))
    {
        return false;
    }
    let Some(text) = src.get(span) else {
        return false;
    };
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let values: usize = text
        .split('\n')
        .filter(|piece| !super::marks::is_marked_page_number(piece.trim()))
        .map(|piece| {
            let mut runs = 0;
            let mut inside = false;
            let mut chars = piece.chars().peekable();
            while let Some(c) = chars.next() {
                let part = digit(c)
                    || (inside
                        && matches!(c, '.' | '．')
                        && chars.peek().is_some_and(|&n| digit(n)));
                if part && !inside {
                    runs += 1;
                }
                inside = part;
            }
            runs
        })
        .sum();
    values == earlier.iter().map(|item| item.columns.len()).sum::<usize>()
}

/// A row whose values follow its label with their units or change words (「行政许可231项增加1297项
/// 31.2万件」 in text without white space, FORMAT.md §7.1; 「行政许可 231 项 增加 1297 项 31.2 万件」
/// as an old converter writes a table it did not find): a unit ends a cell and a change word opens
/// one, so when the row's text, white space and emphasis marks left out, reads as such values
/// ([`values_with_units_after_label`]) and they are the row's cells, as many as its columns, the cut
/// is the author's whatever the reading of the rest of the table (leaving the spaces out only
/// loses cuts: a cut forced without them is forced with them). Not when the values read otherwise,
/// or a digit follows the last one.
pub(super) fn values_cut_at_units(src: &str, row: &Row) -> bool {
    let (Some(label), Some(first), Some(last)) = (&row.label, row.cells.first(), row.cells.last())
    else {
        return false;
    };
    let start = usize::from(label.range.start());
    let end = usize::from(last.range.end());
    if usize::from(first.range.start()) < usize::from(label.range.end()) || end <= start {
        return false;
    }
    let (Some(written), Some(after)) = (src.get(start..end), src.get(end..)) else {
        return false;
    };
    if after.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return false;
    }
    let compact = |s: &str| -> String { s.chars().filter(|&c| !is_space(c) && c != '*').collect() };
    let whole = compact(written);
    let Some((_, pieces)) = super::tokens::values_with_units_after_label(&whole) else {
        return false;
    };
    pieces.len() == row.cells.len()
        && pieces.iter().zip(&row.cells).all(|(&(a, b), cell)| {
            src.get(usize::from(cell.range.start())..usize::from(cell.range.end()))
                .is_some_and(|t| compact(t) == whole[a..b])
        })
        && row
            .cells
            .windows(2)
            .all(|w| w[0].range.end() <= w[1].range.start())
}

/// A row of one value column whose one number is written straight after its label, digits up to
/// a character that is not one (text without white space, FORMAT.md §7.1: 「…行政许可14166第二十条第
/// （六）项…」): the whole run of digits is that row's one value, whatever the reading of the rest of
/// the table — one column cuts one way. Not when the label as read is not the template's as
/// written, or ends in a digit, or a digit follows the value (the run's ends would be a guess).
fn single_value_glued_to_its_label(src: &str, row: &Row) -> bool {
    let ([cell], Some(label)) = (row.cells.as_slice(), &row.label) else {
        return false;
    };
    let (start, end) = (
        usize::from(cell.range.start()),
        usize::from(cell.range.end()),
    );
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let (Some(written), Some(after)) = (src.get(start..end), src.get(end..)) else {
        return false;
    };
    label.exact
        && label.range.end() == cell.range.start()
        && !digit(label.text.chars().next_back())
        && cell.number().is_some()
        && written == cell.raw
        && written.starts_with(|c: char| c.is_ascii_digit())
        && !digit(after.chars().next())
}

/// Do the row's identities hold, each where its total (the left side) is filled, the blank cells it
/// adds counting 0 (FORMAT.md I6)? An identity whose total is blank says nothing.
fn identities_hold_where_filled(masks: &[(Vec<bool>, Vec<bool>)], cells: &[Cell]) -> bool {
    masks.iter().all(|(lhs, rhs)| {
        let terms = |mask: &[bool]| -> Vec<&Cell> {
            mask.iter()
                .zip(cells)
                .filter(|(m, _)| **m)
                .map(|(_, c)| c)
                .collect()
        };
        let total = terms(lhs);
        if total.iter().any(|c| c.value == Value::Blank) {
            return true;
        }
        let sum = |cells: &[&Cell]| -> Option<u64> {
            cells
                .iter()
                .map(|c| match c.value {
                    Value::Blank => Some(0),
                    _ => c.count(),
                })
                .sum()
        };
        matches!((sum(&total), sum(&terms(rhs))), (Some(a), Some(b)) if a == b)
    })
}

/// The rows of `out` read whole from one row of a Markdown table (`Table::markdown_rows`): the label
/// one fragment on a line that is a row of a Markdown table ([`PipeRows`]: opening with a pipe, at
/// least three, or a row of a table written without outer pipes), or its first fragment there and
/// the rest of a label the converter wrapped on lines after it (「| 其他对外管理服务事 | 209项 |…」
/// 「项」, FORMAT.md §7.4),
/// every value of the row on that line, each in a cell of its own, as many as the row's columns,
/// each a number or blank. Blank cells only where the values were placed in their columns by their
/// cells (`placed`, [`place_in_columns`]): otherwise the empty cells before the first value and after
/// the last are not known, nor which columns the values are in.
pub(super) fn rows_on_markdown_lines(
    src: &str,
    table: &template::Table,
    out: &Table,
    placed: bool,
) -> Vec<&'static str> {
    let bytes = src.as_bytes();
    let (rs, re) = (usize::from(out.range.start()), usize::from(out.range.end()));
    let pipe_rows = PipeRows::of(src, rs, re);
    out.rows
        .iter()
        .filter(|row| {
            let (Some(item), Some(label)) = (table.row(row.id), &row.label) else {
                return false;
            };
            if row.run_together.is_some()
                || row.cells.len() != item.columns.len()
                || !row.extra_cells.is_empty()
            {
                return false;
            }
            let Some(&first) = label.parts.first() else {
                return false;
            };
            let at = usize::from(first.start());
            let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
            let end = memchr::memchr(b'\n', &bytes[at..]).map_or(src.len(), |i| at + i);
            if pipe_rows.at(start).is_none() {
                return false;
            }
            // (the label's other fragments after its row's line)
            if label.parts[1..]
                .iter()
                .any(|p| usize::from(p.start()) <= end)
            {
                return false;
            }
            let on_line =
                |r: TextRange| usize::from(r.start()) >= start && usize::from(r.end()) <= end;
            let mut previous = first;
            row.cells.iter().all(|c| {
                if !on_line(c.range) {
                    return false;
                }
                match c.value {
                    Value::Text => false,
                    Value::Blank if c.raw.trim().is_empty() => placed,
                    _ => {
                        let apart = src
                            .get(usize::from(previous.end())..usize::from(c.range.start()))
                            .is_some_and(|between| between.contains('|'));
                        previous = c.range;
                        apart
                    }
                }
            })
        })
        .map(|r| r.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Config};

    /// The row 「licensing」 read from `text`: its label the line's first token, its cells the others.
    fn row_of(text: &str) -> crate::model::Row {
        use super::super::{lines, r, tokenize, Reader};
        use crate::model::{Label, Row};
        let tokens = tokenize(
            text,
            r(0, text.len()),
            &lines(text),
            &Reader::without_memo(),
        );
        let (label, values) = tokens.split_first().unwrap();
        Row {
            id: "licensing",
            label: Some(Label {
                text: label.text(text).to_string(),
                range: label.range,
                parts: vec![label.range],
                similarity: 1.0,
                exact: true,
            }),
            cells: values
                .iter()
                .map(|t| super::super::table::make_cell(text, t, "c"))
                .collect(),
            extra_cells: Vec::new(),
            range: r(0, text.trim_end().len()),
            run_together: None,
        }
    }

    #[test]
    fn values_cut_where_their_units_end_are_certain() {
        for text in [
            "行政许可231项增加1297项31.2万件\n",
            "行政许可 231 项 增加 1297 项 31.2 万件\n",
            "行政强制 175 项 减少 **73 项** 2068 起\n",
        ] {
            assert!(super::values_cut_at_units(text, &row_of(text)), "{text}");
        }
        // refused: plain numbers (nothing ends a cell), cells the units alone do not cut (digits
        // apart by a space: read without the spaces they are one number), values that are not
        // all the cells the units cut
        for text in ["行政许可 231 1297 312000\n", "行政许可 231 项 12 97 项\n"] {
            let row = row_of(text);
            assert!(!super::values_cut_at_units(text, &row), "{text}");
        }
        let text = "行政许可231项增加1297项31.2万件\n";
        let mut row = row_of(text);
        row.cells.pop();
        assert!(!super::values_cut_at_units(text, &row));
    }

    /// Seed 003 with three values of 「（一）予以公开」 and two of 「（二）部分公开」 lost, as in text
    /// copied badly out of a PDF.
    fn damaged() -> String {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/corpus/003_1b7c73a738c3b718.txt"
        );
        let text = std::fs::read_to_string(path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[100].trim(), "（一）予以公开");
        assert!(lines[110].contains("（二）部分公开"));
        lines
            .iter()
            .enumerate()
            .filter(|(i, _)| !(101..104).contains(i) && !(111..113).contains(i))
            .map(|(_, l)| format!("{l}\n"))
            .collect()
    }

    #[test]
    fn a_table_not_read_with_confidence_gets_one_diagnostic() {
        let text = damaged();
        let a = analyze(&text, &Config::default());
        let table = a.report.table("applications").unwrap();
        assert_ne!(table.confidence, crate::model::Confidence::High);
        let section = a.report.section("applications").unwrap();
        let area = section.line_range.cover(section.body);
        let about: Vec<_> = a
            .diagnostics
            .iter()
            .filter(|d| area.contains_range(d.range))
            .filter(|d| d.code.starts_with("NB2") || d.code.starts_with("NB3"))
            .collect();
        assert_eq!(about.len(), 1, "{about:?}");
        assert_eq!(about[0].code, "NB201");
        assert!(about[0].message.contains("识别出"), "{}", about[0].message);
        // the undamaged reading of the same report has no NB201
        let clean = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/corpus/003_1b7c73a738c3b718.txt"
        ))
        .unwrap();
        let a = analyze(&clean, &Config::default());
        assert!(a.diagnostics.iter().all(|d| d.code != "NB201"));
    }

    #[test]
    fn a_row_missing_at_a_page_cut_is_the_readings_not_the_authors() {
        let table = |cut: &str| {
            format!(
                "某县2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n\n\
                 |第二十条第（一）项|Col2|Col3|Col4|\n|---|---|---|---|\n\
                 |信息内容|本年制发件数|本年废止件数|现行有效件数|\n|规章|0|0|0|\n|行政规范性文件|1|2|3|\n\
                 |第二十条第（五）项||||\n|信息内容|本年处理决定数量|||\n|行政许可|5|||\n\
                 |第二十条第（六）项||||\n|信息内容|本年处理决定数量|||\n|行政处罚|6|||\n{cut}\
                 |第二十条第（八）项||||\n|信息内容|本年收费金额（单位：万元）|||\n|行政事业性收费|0|||\n\n\
                 三、收到和处理政府信息公开申请情况\n"
            )
        };
        let codes = |text: &str| {
            let a = analyze(text, &Config::default());
            let confidence = a.report.table("active").map(|t| t.confidence);
            let codes: Vec<&str> = a
                .diagnostics
                .iter()
                .filter(|d| d.code == "NB201" || d.code == "NB202")
                .map(|d| d.code)
                .collect::<Vec<_>>()
                .into_iter()
                .collect();
            (confidence, codes.join(" "))
        };
        use crate::model::Confidence;
        // 「行政强制」 lost where a converter cut the page (its page rule, a page number): NB201
        for cut in ["\n\n-----\n\n", "\n— 3 —\n\n"] {
            let (confidence, codes) = codes(&table(cut));
            assert_eq!(confidence, Some(Confidence::Low), "{cut:?}");
            assert!(
                codes.contains("NB201") && !codes.contains("NB202"),
                "{codes}"
            );
        }
        // missing inside a page: the author's (NB202)
        let (confidence, codes) = codes(&table(""));
        assert_eq!(confidence, Some(Confidence::High));
        assert!(codes.contains("NB202"), "{codes}");
    }

    #[test]
    fn a_table_not_read_with_confidence_exports_only_certain_values() {
        let text = damaged();
        let report = crate::parse::parse(&text, None);
        let json = crate::export::to_json(&report, &text, "x");
        let table = &json["tables"]["applications"];
        assert_eq!(table["confidence"], "low");
        // the damaged rows: nothing exported as a number
        assert!(table["granted"]
            .as_object()
            .unwrap()
            .values()
            .all(|v| v.is_null()));
        // a row read whole whose total is the sum of its columns (I1) is certain
        assert_eq!(table["received"]["natural_person"], 60);
        assert_eq!(table["received"]["total"], 60);
        // the other tables were read with confidence
        assert_eq!(json["tables"]["review_litigation"]["confidence"], "high");
    }
}

#[cfg(test)]
mod count_tests {
    use crate::{analyze, Config};

    /// Seed 000 with the one cell of 「行政事业性收费」 written as two numbers (「58」「3.9」, as a
    /// cell whose text two spans split comes out of a page's text nodes).
    #[test]
    fn a_row_with_a_value_too_many_exports_none_of_them() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/corpus/000_0e036e56d339c4bd.txt"
        );
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains("\t583.9\n"));
        let text = text.replace("\t583.9\n", "\t58\t3.9\n");
        let a = analyze(&text, &Config::default());
        let table = a.report.table("active").unwrap();
        assert_eq!(table.confidence, crate::model::Confidence::High);
        assert!(a.diagnostics.iter().any(|d| d.code == "NB204"));
        let json = crate::export::to_json(&a.report, &text, "x");
        assert!(json["tables"]["active"]["fees"]["amount"].is_null());
        // the other rows of the table stay vouched for
        assert_eq!(json["tables"]["active"]["licensing"]["decisions"], 14954);
    }
}

#[cfg(test)]
mod single_value_tests {
    use crate::model::{Cell, Confidence, Label, Row, Value};
    use text_size::{TextRange, TextSize};

    /// Table 二 of the 2021 template as a crawler's one line, with `rows` after 第二十条第（五）项.
    fn crawled(rows: &str) -> String {
        format!(
            "某县2021年政府信息公开工作年度报告\n{}。一、总体情况2021年，我县推进公开。二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件81069第二十条第（五）项信息内容本年处理决定数量{rows}三、收到和处理政府信息公开申请情况五、存在的主要问题及改进情况（一）主要问题无。六、其他需要报告的事项无。",
            "前言".repeat(80)
        )
    }

    #[test]
    fn one_value_glued_to_its_label_is_certain_in_a_table_read_without_confidence() {
        let text = crawled("行政许可14166第二十条第（六）项信息内容本年处理决定数量行政处罚1154行政强制1802第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费1506");
        let report = crate::parse::parse(&text, Some("2021"));
        let table = report.table("active").unwrap();
        // 「81069」 cuts several ways: the table is not read with confidence
        assert_eq!(table.confidence, Confidence::Low, "{:?}", table.notes);
        let certain = super::certain_rows(&report, &text, table);
        for id in ["rules", "licensing", "penalty", "enforcement", "fees"] {
            assert!(certain.contains(&id), "{id} in {certain:?}");
        }
        assert!(!certain.contains(&"normative_docs"));
        let json = crate::export::to_json(&report, &text, "x");
        assert_eq!(json["tables"]["active"]["licensing"]["decisions"], 14166);
        assert_eq!(json["tables"]["active"]["fees"]["amount"], 1506);
        // a value set apart from its label by a space is not vouched for by this rule
        let text = crawled("行政许可 14166第二十条第（六）项信息内容本年处理决定数量行政处罚1154");
        let report = crate::parse::parse(&text, Some("2021"));
        let table = report.table("active").unwrap();
        assert_ne!(table.confidence, Confidence::High);
        let certain = super::certain_rows(&report, &text, table);
        assert!(!certain.contains(&"licensing"), "{certain:?}");
    }

    /// The row 「行政许可」 read with the one value `text[value]` after the label `text[label]`.
    fn row(text: &str, label: (usize, usize), value: (usize, usize), exact: bool) -> Row {
        let range = |(a, b): (usize, usize)| {
            TextRange::new(TextSize::from(a as u32), TextSize::from(b as u32))
        };
        let raw = text[value.0..value.1].to_string();
        Row {
            id: "licensing",
            label: Some(Label {
                text: text[label.0..label.1].to_string(),
                range: range(label),
                parts: vec![range(label)],
                similarity: 1.0,
                exact,
            }),
            cells: vec![Cell {
                column: "decisions",
                range: range(value),
                value: Value::Number {
                    value: raw.parse().unwrap(),
                    integer: true,
                    unit: None,
                },
                raw,
            }],
            extra_cells: Vec::new(),
            range: range((label.0, value.1)),
            run_together: None,
        }
    }

    #[test]
    fn a_glued_value_is_certain_only_when_its_digits_end_where_the_run_does() {
        let certain = |text: &str, label, value, exact| {
            super::single_value_glued_to_its_label(text, &row(text, label, value, exact))
        };
        let text = "行政许可14166第二十条";
        assert!(certain(text, (0, 12), (12, 17), true));
        // the label as read is not the template's as written
        assert!(!certain(text, (0, 12), (12, 17), false));
        // a digit after the value: where the run ends is a guess
        let text = "行政许可141661.属于";
        assert!(!certain(text, (0, 12), (12, 17), true));
        // a label ending in a digit: where the run starts is a guess
        let text = "许可2014166第";
        assert!(!certain(text, (0, 7), (7, 12), true));
        // not glued: a space between
        let text = "行政许可 14166第";
        assert!(!certain(text, (0, 12), (13, 18), true));
    }
}

#[cfg(test)]
mod markdown_row_tests {
    use crate::model::Confidence;
    use crate::template::{self, ItemKind};

    /// Seed 003 (2021) with table 三 written as a converter's Markdown table of ten cells a row
    /// (label, group, sub-label, seven values), blank cells left empty: each row's cells from
    /// `cells` (its place among the rows → its values, `None` blank), written as a line of text
    /// where `as_text`, left out where `lost`.
    fn seed_with_markdown(
        cells: impl Fn(usize) -> [Option<u32>; 7],
        as_text: usize,
        lost: usize,
    ) -> String {
        seed_with_wrapped_markdown(cells, as_text, lost, usize::MAX)
    }

    /// [`seed_with_markdown`] with the label of the row at `wrapped` cut in two: its first half in
    /// the row's cell, its second on a line of its own after the row.
    fn seed_with_wrapped_markdown(
        cells: impl Fn(usize) -> [Option<u32>; 7],
        as_text: usize,
        lost: usize,
        wrapped: usize,
    ) -> String {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/corpus/003_1b7c73a738c3b718.txt"
        );
        let seed = std::fs::read_to_string(path).unwrap();
        let lines: Vec<&str> = seed.lines().collect();
        assert!(lines[61].starts_with("三、"));
        assert!(lines[348].starts_with("四、"));
        let table = template::by_id("2021")
            .unwrap()
            .table("applications")
            .unwrap();
        let mut text: String = lines[..62].iter().map(|l| format!("{l}\n")).collect();
        text.push_str(
            "||||自然人|法人或其他组织|||||总计|\n|---|---|---|---|---|---|---|---|---|---|\n",
        );
        text.push_str("|||||商业企业|科研机构|社会公益组织|法律服务机构|其他||\n");
        let mut at = 0;
        for item in &table.items {
            match item.kind {
                ItemKind::Row => {
                    let values = cells(at);
                    let shown: Vec<String> = values
                        .iter()
                        .map(|v| v.map_or(String::new(), |v| v.to_string()))
                        .collect();
                    if at == as_text {
                        let filled: Vec<&String> = shown.iter().filter(|v| !v.is_empty()).collect();
                        let filled: Vec<&str> = filled.iter().map(|v| v.as_str()).collect();
                        text.push_str(&format!("{} {}\n", item.label, filled.join(" ")));
                    } else if at == wrapped {
                        let half = item.label.chars().count() / 2;
                        let first: String = item.label.chars().take(half).collect();
                        let rest: String = item.label.chars().skip(half).collect();
                        text.push_str(&format!("|{first}|||{}|\n{rest}\n", shown.join("|")));
                    } else if at != lost {
                        text.push_str(&format!("|{}|||{}|\n", item.label, shown.join("|")));
                    }
                    at += 1;
                }
                ItemKind::Group => text.push_str(&format!("||{}||||||||\n", item.label)),
                _ => {}
            }
        }
        for l in &lines[348..] {
            text.push_str(l);
            text.push('\n');
        }
        text
    }

    #[test]
    fn rows_of_a_markdown_table_are_certain_where_the_table_is_not() {
        // row 3 with 总计 blank, row 5 whose 总计 is not its sum, every other row 自然人 and 总计
        // only; row 13 written as a line of text, row 14 lost: the table is not read with
        // confidence, its Markdown rows are still each a line of their own, blank cells and all
        let cells = |at: usize| -> [Option<u32>; 7] {
            let n = at as u32 + 1;
            match at {
                3 => [Some(3), Some(1), None, None, None, None, None],
                5 => [Some(5), None, None, None, None, None, Some(9)],
                _ => [Some(n), None, None, None, None, None, Some(n)],
            }
        };
        let text = seed_with_markdown(cells, 13, 14);
        let a = crate::analyze(&text, &crate::Config::default());
        let read = a.report.table("applications").unwrap();
        assert_eq!(read.confidence, Confidence::Low);
        let json = crate::export::to_json(&a.report, &text, "x");
        let json = &json["tables"]["applications"];
        let table = template::by_id("2021")
            .unwrap()
            .table("applications")
            .unwrap();
        for (at, item) in table.rows().enumerate() {
            let got = &json[item.id.as_str()];
            let exported: Vec<Option<u64>> = item
                .columns
                .iter()
                .map(|c| got[c.as_str()].as_u64())
                .collect();
            let expected: Vec<Option<u64>> = match at {
                // a total that is not the sum, a row as text, a lost row: nothing
                5 | 13 | 14 => vec![None; 7],
                _ => cells(at).iter().map(|v| v.map(u64::from)).collect(),
            };
            assert_eq!(exported, expected, "{}", item.id);
        }
        assert_eq!(crate::table_codes_in(&a, "applications"), ["NB201"]);
    }

    #[test]
    fn a_row_whose_label_wraps_after_its_markdown_row_is_certain_too() {
        // row 13 as text and row 14 lost (the table not read with confidence), row 4's label
        // wrapped onto the line after its row: its values are still on its label's row
        let cells = |at: usize| -> [Option<u32>; 7] {
            let n = at as u32 + 1;
            [Some(n), None, None, None, None, None, Some(n)]
        };
        let table = template::by_id("2021")
            .unwrap()
            .table("applications")
            .unwrap();
        let item = table.rows().nth(4).unwrap();
        assert!(item.label.chars().count() >= 4);
        let text = seed_with_wrapped_markdown(cells, 13, 14, 4);
        let a = crate::analyze(&text, &crate::Config::default());
        assert_eq!(
            a.report.table("applications").unwrap().confidence,
            Confidence::Low
        );
        let json = crate::export::to_json(&a.report, &text, "x");
        let got = &json["tables"]["applications"][item.id.as_str()];
        let exported: Vec<Option<u64>> = item
            .columns
            .iter()
            .map(|c| got[c.as_str()].as_u64())
            .collect();
        let mut expected = vec![None; 7];
        expected[0] = Some(5);
        expected[6] = Some(5);
        assert_eq!(exported, expected);
    }
}

#[cfg(test)]
mod mixed_template_tests {
    use crate::{analyze, Config};

    #[test]
    fn a_2019_style_other_row_in_a_2021_table_is_read_as_such() {
        // seed 003 (2021) with its （六）其他处理 group and three rows written as the 2019 single row
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/corpus/003_1b7c73a738c3b718.txt"
        );
        let text = std::fs::read_to_string(path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[296].trim(), "（六）其他处理");
        assert_eq!(lines[329].trim(), "（七）总计");
        let mut mixed: Vec<String> = lines[..296].iter().map(|l| l.to_string()).collect();
        mixed.push("\t（六）其他处理".into());
        for v in ["3", "0", "0", "0", "0", "0", "3"] {
            mixed.push(format!("\t{v}"));
        }
        mixed.extend(lines[329..].iter().map(|l| l.to_string()));
        let text = mixed.join("\n") + "\n";
        let a = analyze(&text, &Config::default());
        let table = a.report.table("applications").unwrap();
        assert_eq!(table.confidence, crate::model::Confidence::High);
        let json = crate::export::to_json(&a.report, &text, "x");
        assert_eq!(json["tables"]["applications"]["other"]["natural_person"], 3);
        assert_eq!(json["tables"]["applications"]["other"]["total"], 3);
        let codes: Vec<&str> = a.diagnostics.iter().map(|d| d.code).collect();
        assert!(codes.contains(&"NB108"), "{codes:?}");
        for code in ["NB201", "NB202", "NB204", "NB302", "NB303"] {
            assert!(!codes.contains(&code), "{code} in {codes:?}");
        }
    }
}

#[cfg(test)]
mod alone_tests {
    /// A real 2019 report as a page's text nodes come out (every cell a line; table 二 read without
    /// confidence for the cells of 「行政许可」 cut inside their numbers), its first block replaced
    /// by `block`.
    fn report(block: &str) -> String {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/corpus/wild/s001.bs4.txt"
        );
        let text = std::fs::read_to_string(path).unwrap();
        let first = "规章\n0\n0\n0\n规范\n性文件\n11\n11\n26\n";
        assert!(text.contains(first));
        text.replacen(first, block, 1)
    }

    fn active(text: &str) -> serde_json::Value {
        let a = crate::analyze(text, &crate::Config::default());
        crate::export::to_json(&a.report, text, "x")["tables"]["active"].clone()
    }

    #[test]
    fn rows_whose_values_follow_each_label_alone_are_certain() {
        let active = active(&report("规章\n0\n0\n0\n规范\n性文件\n11\n11\n26\n"));
        assert_eq!(active["confidence"], "low");
        assert_eq!(active["rules"]["made"], 0);
        assert_eq!(active["rules"]["total_published"], 0);
        assert_eq!(active["normative_docs"]["made"], 11);
        assert_eq!(active["normative_docs"]["total_published"], 26);
        // (the rows after the one cut inside its numbers are not)
        assert!(active["licensing"]["prev_items"].is_null());
        assert!(active["enforcement"]["prev_items"].is_null());
    }

    #[test]
    fn a_page_number_between_is_no_value() {
        let active = active(&report("— 2 —\n规章\n0\n0\n0\n规范\n性文件\n11\n11\n26\n"));
        assert_eq!(active["rules"]["published"], 0);
        assert_eq!(active["normative_docs"]["published"], 11);
    }

    #[test]
    fn values_written_before_their_labels_are_not() {
        // (read after its label each row has three numbers: those of the row below)
        let active = active(&report("0\n0\n0\n规章\n11\n11\n26\n规范\n性文件\n"));
        for row in ["rules", "normative_docs"] {
            for column in ["made", "published", "total_published"] {
                assert!(active[row][column].is_null(), "{row}.{column}: {active}");
            }
        }
    }

    #[test]
    fn a_number_too_many_between_two_labels_stops_the_chain() {
        let extra = active(&report("规章\n0\n0\n0\n5\n规范\n性文件\n11\n11\n26\n"));
        for row in ["rules", "normative_docs"] {
            assert!(extra[row]["made"].is_null(), "{row}: {extra}");
        }
        // a digit before the first label: none is taken
        let before = active(&report("7\n规章\n0\n0\n0\n规范\n性文件\n11\n11\n26\n"));
        for row in ["rules", "normative_docs"] {
            assert!(before[row]["made"].is_null(), "{row}: {before}");
        }
    }
}

#[cfg(test)]
mod restart_tests {
    use crate::template;

    /// A Chromium PDF of seed 003 as pdfminer writes it: table 二's first block's values before and
    /// among its labels (「0 10 0 69 规章 行政规范性文件 第二十条第（五）项 0 8」), each later row's value
    /// right after its label; the first block's last two values replaced by `tail`.
    fn pdfminer(tail: &str) -> String {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/corpus/wild/s003.chromium.pdfminer.txt"
        );
        let text = std::fs::read_to_string(path).unwrap();
        let first = "第二十条第（五）项\n\n\u{a0}0\n\n\u{a0}8\n\n信息内容";
        assert!(text.contains(first));
        text.replacen(first, &format!("第二十条第（五）项\n\n{tail}信息内容"), 1)
    }

    fn active(text: &str) -> serde_json::Value {
        let a = crate::analyze(text, &crate::Config::default());
        crate::export::to_json(&a.report, text, "x")["tables"]["active"].clone()
    }

    #[test]
    fn the_chain_starts_again_at_a_block_whose_rows_before_are_filled() {
        let active = active(&pdfminer("\u{a0}0\n\n\u{a0}8\n\n"));
        assert_eq!(active["confidence"], "low");
        assert_eq!(active["licensing"]["decisions"], 14166);
        assert_eq!(active["penalty"]["decisions"], 1154);
        assert_eq!(active["enforcement"]["decisions"], 1802);
        assert_eq!(active["fees"]["amount"], 1506);
        // (the first block's six values fit its two rows in several ways)
        for row in ["rules", "normative_docs"] {
            for column in ["issued", "repealed", "in_force"] {
                assert!(active[row][column].is_null(), "{row}.{column}: {active}");
            }
        }
    }

    #[test]
    fn not_when_the_values_before_are_one_too_many_or_too_few() {
        for tail in ["\u{a0}0\n\n\u{a0}8\n\n\u{a0}3\n\n", "\u{a0}8\n\n"] {
            let active = active(&pdfminer(tail));
            for row in ["licensing", "penalty", "enforcement"] {
                assert!(
                    active[row]["decisions"].is_null(),
                    "{tail:?} {row}: {active}"
                );
            }
            assert!(active["fees"]["amount"].is_null(), "{tail:?}: {active}");
        }
    }

    #[test]
    fn values_before_are_counted_one_a_number() {
        let table = template::by_id("2021").unwrap().table("active").unwrap();
        let fill = |text: &str, before: &[&str]| {
            super::values_fill_rows_before(text, table, "licensing", before, 0..text.len())
        };
        let both = ["rules", "normative_docs"];
        assert!(fill("0 10 0 69 规章 行政规范性文件 0 8", &both));
        // a decimal point inside a number, a page number set off by its marks: one, none
        assert!(fill("0 1.5 0 69\n— 2 —\n规章 行政规范性文件 0 8", &both));
        assert!(!fill("0 10 0 69 规章 行政规范性文件 0 8 5", &both));
        assert!(!fill("0 10 0 69 规章 行政规范性文件 8", &both));
        // a row before not read before the label
        assert!(!fill("0 10 0 69 规章 0 8", &["rules"]));
        // a row that is not before it in the template
        assert!(!fill(
            "0 10 0 69 规章 行政规范性文件 0 8",
            &["rules", "normative_docs", "penalty"]
        ));
        assert_eq!(
            super::block_first_rows(table),
            ["rules", "licensing", "penalty", "fees"]
        );
    }
}
