//! Columns a converter added to a Markdown table (FORMAT.md §7.4): markitdown and other converters
//! over pdfminer lay a PDF's table out again by the edges of its text boxes and write an empty
//! column beside each real one (「| 行政许可 |  | 231项 |  | 增加1297项 |  |」). A table whose rows differ
//! in their columns (the 2019 table 二) is not placed by cell index (`place_in_columns`), so those
//! empty cells would be read as blank values of the rows and push their values into the wrong
//! columns.
//!
//! A column blank on every line of a Markdown table of two lines at least (its header line too)
//! holds no cell of the report: no header names it and no row fills it. Its empty cells are dropped.
//! A table of one line tells nothing (its blank cells may be the report's blank cells) and keeps
//! them; a column filled on any line keeps its cells, blank ones too.

use super::*;

/// The tokens without the empty cells of columns blank on every line of their Markdown table;
/// `None` when there is no such cell (the tokens stay as they are).
pub(super) fn without_blank_columns(
    src: &str,
    region: TextRange,
    tokens: &[Token],
) -> Option<Vec<Token>> {
    if !tokens.iter().any(|t| t.empty) {
        return None;
    }
    let blank = blank_columns(src, usize::from(region.start()), usize::from(region.end()));
    if blank.is_empty() {
        return None;
    }
    let bytes = src.as_bytes();
    let fewer: Vec<Token> = tokens
        .iter()
        .filter(|t| {
            if !t.empty {
                return true;
            }
            let a = usize::from(t.range.start());
            let line = memchr::memrchr(b'\n', &bytes[..a]).map_or(0, |i| i + 1);
            // (pipes are ASCII: a byte count is a character count)
            let index = memchr::memchr_iter(b'|', &bytes[line..a]).count();
            blank.binary_search(&(line, index)).is_err()
        })
        .cloned()
        .collect();
    (fewer.len() < tokens.len()).then_some(fewer)
}

/// (start of line, cell index) of every cell of a column blank on every line of its Markdown table,
/// sorted. A Markdown table here: consecutive lines opening with a pipe, each with as many pipes,
/// a delimiter row (「| --- | --- |」) among them; its delimiter rows are not lines of it.
fn blank_columns(src: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let bytes = src.as_bytes();
    let from = memchr::memrchr(b'\n', &bytes[..from.min(src.len())]).map_or(0, |i| i + 1);
    let to = memchr::memchr(b'\n', &bytes[to.min(src.len())..]).map_or(src.len(), |i| to + i);
    let mut out = Vec::new();
    // (the current table: its lines' starts and cells, whether it had a delimiter row)
    let mut table: Vec<(usize, Vec<&str>)> = Vec::new();
    let mut delimited = false;
    let mut flush = |table: &mut Vec<(usize, Vec<&str>)>, delimited: &mut bool| {
        if *delimited && table.len() >= 2 {
            let width = table[0].1.len();
            // (the outer pipes' cells, before the first and after the last, are no columns)
            for index in 1..width.saturating_sub(1) {
                if table.iter().all(|(_, cells)| trim(cells[index]).is_empty()) {
                    out.extend(table.iter().map(|&(start, _)| (start, index)));
                }
            }
        }
        table.clear();
        *delimited = false;
    };
    let mut at = from;
    for line in src[from..to].split('\n') {
        let start = at;
        at += line.len() + 1;
        let t = trim(line);
        let cells: Vec<&str> = line.split('|').collect();
        let row = t.starts_with('|') && t.ends_with('|') && cells.len() >= 4;
        if !row || table.first().is_some_and(|(_, c)| c.len() != cells.len()) {
            flush(&mut table, &mut delimited);
        }
        if !row {
            continue;
        }
        if is_separator_row(&cells) {
            delimited = true;
        } else {
            table.push((start, cells));
        }
    }
    flush(&mut table, &mut delimited);
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns(src: &str) -> Vec<(usize, usize)> {
        blank_columns(src, 0, src.len())
            .into_iter()
            .map(|(start, index)| (src[..start].lines().count(), index))
            .collect()
    }

    #[test]
    fn a_column_blank_on_every_line_of_a_table_is_the_converters() {
        let src = "| 信息内容 |  | 本年增/减 |  |\n| --- | --- | --- | --- |\n| 行政许可 |  | 增加3项 |  |\n";
        assert_eq!(columns(src), vec![(0, 2), (0, 4), (2, 2), (2, 4)]);
    }

    #[test]
    fn a_column_filled_on_one_line_is_the_reports() {
        // (the report's blank cell under a named column stays a blank cell)
        let src = "| 信息内容 | 甲 | 乙 |\n| --- | --- | --- |\n| 行政许可 |  | 3 |\n| 行政处罚 |  |  |\n";
        assert!(columns(src).is_empty());
    }

    #[test]
    fn a_table_of_one_line_or_without_delimiter_keeps_its_blank_cells() {
        assert!(columns("| 行政事业性收费 | 38 |  |\n| --- | --- | --- |\n").is_empty());
        assert!(columns("| 行政许可 |  | 3 |\n| 行政处罚 |  | 4 |\n").is_empty());
    }

    #[test]
    fn tables_apart_by_a_line_of_text_or_by_their_widths_are_apart() {
        // (the second table's first column is filled, the first's is not: each is judged alone)
        let src = "| a |  | 1 |\n| --- | --- | --- |\n| b |  | 2 |\n规章\n| c | 5 | 3 |\n| --- | --- | --- |\n| d |  | 4 |\n";
        assert_eq!(columns(src), vec![(0, 2), (2, 2)]);
    }

    const SEED: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/corpus/001_7e69af88cfc75a8c.txt"
    );

    /// Seed 001 (2019 template) with its table 二 as a converter over pdfminer writes it: an empty
    /// column beside each, every block a Markdown table of its own; `fees` is the block of
    /// 行政事业性收费 (after its header piece).
    fn seed_with_active(fees: &str) -> String {
        let seed = std::fs::read_to_string(SEED).unwrap();
        let lines: Vec<&str> = seed.lines().collect();
        assert!(lines[9].starts_with("二、") && lines[71].starts_with("三、"));
        let row = |cells: &[&str]| {
            let mut line = String::from("|");
            for c in cells {
                line.push_str(&format!(" {c} |     |"));
            }
            line + "\n"
        };
        let delimiter = format!("|{}\n", " --- |".repeat(8));
        let mut text: String = lines[..10].iter().map(|l| format!("{l}\n")).collect();
        for (block, header, rows) in [
            (
                "第二十条第（一）项",
                [
                    "信息内容",
                    "本年新制作数量",
                    "本年新公开数量",
                    "对外公开总数量",
                ],
                vec![["规章", "1", "2", "3"], ["规范性文件", "4", "5", "9"]],
            ),
            (
                "第二十条第（五）项",
                ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
                vec![
                    ["行政许可", "231项", "增加1297项", "31.2万件"],
                    ["其他对外管理服务事项", "209项", "增加1859项", "1.6万件"],
                ],
            ),
            (
                "第二十条第（六）项",
                ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
                vec![
                    ["行政处罚", "2703项", "减少2487项", "3175起"],
                    ["行政强制", "175项", "减少73项", "2068起"],
                ],
            ),
        ] {
            text.push_str(&format!("{block}\n{}{delimiter}", row(&header)));
            for r in rows {
                text.push_str(&row(&r));
            }
        }
        text.push_str("第二十条第（八）项\n");
        text.push_str(&row(&["信息内容", "上一年项目数量", "本年增/减", ""]));
        text.push_str(&delimiter);
        text.push_str(fees);
        text.push_str("第二十条第（九）项\n");
        text.push_str(&row(&["信息内容", "采购项目数量", "采购总金额", ""]));
        text.push_str(&delimiter);
        text.push_str(&row(&["政府集中采购", "144项", "2.953亿元", ""]));
        text.extend(lines[71..].iter().map(|l| format!("{l}\n")));
        text
    }

    /// The table 二 read, as exported, and the codes of the errors of the whole report.
    fn active(text: &str) -> (crate::model::Confidence, serde_json::Value, Vec<String>) {
        let a = crate::analyze(text, &crate::Config::default());
        let exported = crate::export::to_json(&a.report, text, "x");
        let codes = a
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostic::Severity::Error)
            .map(|d| d.code.to_string())
            .collect();
        let confidence = a.report.table("active").unwrap().confidence;
        (confidence, exported["tables"]["active"].clone(), codes)
    }

    #[test]
    fn the_converters_empty_columns_leave_each_value_in_its_column() {
        // (the seed's own errors are those of its other tables)
        let (.., seed_errors) = active(&std::fs::read_to_string(SEED).unwrap());
        let fees = "| 行政事业性收费 |     | 38  |     | 减少11项 |     |     |     |\n";
        let (confidence, active, errors) = active(&seed_with_active(fees));
        assert_eq!(confidence, crate::model::Confidence::High, "{active}");
        assert_eq!(errors, seed_errors);
        assert_eq!(active["fees"]["prev_items"], 38);
        assert_eq!(active["rules"]["made"], 1);
        assert_eq!(active["normative_docs"]["total_published"], 9);
        assert_eq!(active["licensing"]["decisions"], 312000);
        assert_eq!(active["enforcement"]["delta_items"], -73);
        assert_eq!(active["fees"]["delta_items"], -11);
        assert_eq!(active["procurement"]["amount"], 29530);
    }

    #[test]
    fn a_value_standing_apart_from_its_row_is_no_reading_with_confidence() {
        // (「38」 on a line of its own before its label's row: the row then lacks a value; the
        // table is not read with confidence, and no error is given of it)
        let fees = format!(
            "38\n| 行政事业性收费 |     |     |     | 减少11项 |     |     |     |\n|{}\n",
            " --- |".repeat(8)
        );
        let (.., seed_errors) = active(&std::fs::read_to_string(SEED).unwrap());
        let (confidence, active, errors) = active(&seed_with_active(&fees));
        assert_ne!(confidence, crate::model::Confidence::High, "{active}");
        assert_eq!(errors, seed_errors);
        assert!(active["fees"]["prev_items"].is_null());
    }
}
