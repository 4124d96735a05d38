//! Canonical tables: a template table laid out as rows of cells, then written as an aligned GFM pipe
//! table (Markdown) or as tab-separated lines, label first (plain text).
//!
//! Every header text comes from the template data; labels and values come from the caller
//! (the report as written, or zeros for `nianbao new`).

use crate::template::{self, Item, ItemKind, Shape};
use unicode_width::UnicodeWidthStr;

/// The canonical form of a layout family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Markdown: GFM pipe tables aligned by display width, `#` headings, blank lines between blocks.
    Markdown,
    /// Plain text: one table row per line, cells separated by tabs, label first.
    Text,
}

/// A piece of a canonical table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Piece {
    /// A line standing alone (the block line 「第二十条第（一）项」 of table 二).
    Line(String),
    /// Rows of cells. The first `label_columns` columns hold text (left-aligned), the others values
    /// (right-aligned). The first row is the header row of a pipe table.
    Grid {
        rows: Vec<Vec<String>>,
        label_columns: usize,
    },
}

/// What fills a table: a found row's label and its values in template column order, and the text
/// to print for a group or block line found in the document.
pub(crate) trait Content {
    fn row(&self, item: &Item) -> Option<(String, Vec<String>)>;
    /// `Some` when the group/block line was found in the document (its text as written, normalised).
    fn marker(&self, item: &Item) -> Option<String>;
}

/// Lay out a template table. `None` when a grid table lacks one of its groups.
pub(crate) fn build(table: &template::Table, content: &dyn Content) -> Option<Vec<Piece>> {
    match table.shape {
        Shape::Grid => grid(table, content).map(|p| vec![p]),
        Shape::Rows if table.items.iter().any(|i| i.kind == ItemKind::Header) => {
            Some(blocks(table, content))
        }
        Shape::Rows => Some(vec![rows(table, content)]),
    }
}

fn pad(rows: &mut [Vec<String>]) {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for r in rows.iter_mut() {
        r.resize(width, String::new());
    }
}

/// Does any row between this group/block item and the next group/block item appear?
fn group_present(table: &template::Table, at: usize, content: &dyn Content) -> bool {
    table.items[at + 1..]
        .iter()
        .take_while(|i| !matches!(i.kind, ItemKind::Group | ItemKind::Block))
        .filter(|i| i.kind == ItemKind::Row)
        .any(|i| content.row(i).is_some())
}

/// Table 二: per block, its line, then a grid headed by the block's header items.
fn blocks(table: &template::Table, content: &dyn Content) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut grid: Vec<Vec<String>> = Vec::new();
    let mut header: Vec<String> = Vec::new();
    let flush = |out: &mut Vec<Piece>, grid: &mut Vec<Vec<String>>, header: &mut Vec<String>| {
        if !grid.is_empty() {
            let mut rows = vec![std::mem::take(header)];
            rows.append(grid);
            pad(&mut rows);
            out.push(Piece::Grid {
                rows,
                label_columns: 1,
            });
        }
        header.clear();
    };
    let mut skipping = false;
    for (at, item) in table.items.iter().enumerate() {
        match item.kind {
            ItemKind::Block => {
                flush(&mut out, &mut grid, &mut header);
                let found = content.marker(item);
                skipping = found.is_none() && !group_present(table, at, content);
                if !skipping {
                    out.push(Piece::Line(found.unwrap_or_else(|| item.label.clone())));
                }
            }
            ItemKind::Header => {
                if !skipping {
                    header.push(item.label.clone());
                }
            }
            ItemKind::Group => {
                if let Some(text) = content
                    .marker(item)
                    .or_else(|| group_present(table, at, content).then(|| item.label.clone()))
                {
                    grid.push(vec![text]);
                }
            }
            ItemKind::Row => {
                if let Some((label, values)) = content.row(item) {
                    let mut r = vec![label];
                    r.extend(values);
                    grid.push(r);
                }
            }
        }
    }
    flush(&mut out, &mut grid, &mut header);
    out
}

/// Header rows of a rows table (table 三) from the template's header list: the texts before the
/// first column header form the top row; texts after it that are no column header (「法人或其他组织」)
/// stand in a middle row over the column that follows the column header preceding them; the column
/// headers form the last header row.
fn header_rows(table: &template::Table) -> Vec<Vec<String>> {
    let col_of = |h: &str| table.columns.iter().position(|c| c.header == h);
    let width = table.columns.len() + 1;
    let mut top = Vec::new();
    let mut middle = vec![String::new(); width];
    let mut has_middle = false;
    let mut last_col: Option<usize> = None;
    for h in &table.header {
        match col_of(h) {
            Some(c) => last_col = Some(c),
            None if last_col.is_none() => top.push(h.clone()),
            None => {
                let at = (last_col.unwrap_or(0) + 2).min(width - 1);
                middle[at] = h.clone();
                has_middle = true;
            }
        }
    }
    let mut out = Vec::new();
    if !top.is_empty() {
        out.push(top);
    }
    if has_middle {
        out.push(middle);
    }
    let mut cols = vec![String::new()];
    cols.extend(table.columns.iter().map(|c| c.header.clone()));
    out.push(cols);
    out
}

/// Table 三: header rows, then group lines and rows in template order.
fn rows(table: &template::Table, content: &dyn Content) -> Piece {
    let mut rows = header_rows(table);
    for (at, item) in table.items.iter().enumerate() {
        match item.kind {
            ItemKind::Group | ItemKind::Block => {
                if let Some(text) = content
                    .marker(item)
                    .or_else(|| group_present(table, at, content).then(|| item.label.clone()))
                {
                    rows.push(vec![text]);
                }
            }
            ItemKind::Row => {
                if let Some((label, values)) = content.row(item) {
                    let mut r = vec![label];
                    r.extend(values);
                    rows.push(r);
                }
            }
            ItemKind::Header => {}
        }
    }
    pad(&mut rows);
    Piece::Grid {
        rows,
        label_columns: 1,
    }
}

/// Table 四: groups side by side (「行政复议」「未经复议直接起诉」「复议后起诉」), each over its
/// columns; header texts that are neither a group nor a column (「行政诉讼」) stand over the groups
/// listed after them in the template's header list; then one row of values.
fn grid(table: &template::Table, content: &dyn Content) -> Option<Piece> {
    let groups: Vec<&Item> = table.rows().collect();
    let mut values = Vec::new();
    for g in &groups {
        let (_, v) = content.row(g)?;
        if v.len() != g.columns.len() {
            return None;
        }
        values.extend(v);
    }
    let width = values.len();
    let offsets: Vec<usize> = groups
        .iter()
        .scan(0, |acc, g| {
            let at = *acc;
            *acc += g.columns.len();
            Some(at)
        })
        .collect();
    let pos = |h: &str| table.header.iter().position(|x| x == h);
    // super headers and the groups under them
    let supers: Vec<(usize, &String)> = table
        .header
        .iter()
        .enumerate()
        .filter(|(_, h)| {
            !groups.iter().any(|g| &g.label == *h) && table.columns.iter().all(|c| &c.header != *h)
        })
        .collect();
    let under_super = |g: &Item| -> Option<usize> {
        let p = pos(&g.label)?;
        supers
            .iter()
            .rev()
            .find(|(sp, _)| *sp < p)
            .map(|(sp, _)| *sp)
    };
    let depth = if supers.is_empty() { 2 } else { 3 };
    let mut header = vec![vec![String::new(); width]; depth];
    for (gi, g) in groups.iter().enumerate() {
        let level = usize::from(under_super(g).is_some());
        header[level][offsets[gi]] = g.label.clone();
        for (ci, col) in g.columns.iter().enumerate() {
            let h = table
                .column(col)
                .map_or(col.as_str(), |c| c.header.as_str());
            header[level + 1][offsets[gi] + ci] = h.to_string();
        }
    }
    for (sp, text) in &supers {
        if let Some(gi) = groups.iter().position(|g| under_super(g) == Some(*sp)) {
            header[0][offsets[gi]] = (*text).clone();
        }
    }
    header.push(values);
    Some(Piece::Grid {
        rows: header,
        label_columns: 0,
    })
}

/// Write pieces in a family's canonical form, as lines.
pub(crate) fn write(pieces: &[Piece], family: Family) -> Vec<String> {
    let mut out = Vec::new();
    for (i, p) in pieces.iter().enumerate() {
        if family == Family::Markdown && i > 0 {
            out.push(String::new());
        }
        match p {
            Piece::Line(s) => out.push(s.clone()),
            Piece::Grid {
                rows,
                label_columns,
            } => match family {
                Family::Markdown => out.extend(pipe_table(rows, *label_columns)),
                Family::Text => out.extend(tab_rows(rows)),
            },
        }
    }
    out
}

fn escape(cell: &str) -> String {
    cell.replace('|', "\\|")
}

/// An aligned GFM pipe table: display widths (CJK = 2 columns), values right-aligned.
pub(crate) fn pipe_table(rows: &[Vec<String>], label_columns: usize) -> Vec<String> {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| escape(c)).collect())
        .collect();
    let ncols = cells.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![3usize; ncols];
    for r in &cells {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.width());
        }
    }
    let line = |r: &[String]| -> String {
        let mut s = String::from("|");
        for (i, w) in widths.iter().enumerate() {
            let c = r.get(i).map_or("", String::as_str);
            let fill = " ".repeat(w - c.width());
            if i < label_columns {
                s.push_str(&format!(" {c}{fill} |"));
            } else {
                s.push_str(&format!(" {fill}{c} |"));
            }
        }
        s
    };
    let mut out = Vec::with_capacity(cells.len() + 1);
    for (ri, r) in cells.iter().enumerate() {
        out.push(line(r));
        if ri == 0 {
            let mut s = String::from("|");
            for (i, w) in widths.iter().enumerate() {
                if i < label_columns {
                    s.push_str(&format!(" {} |", "-".repeat(*w)));
                } else {
                    s.push_str(&format!(" {}: |", "-".repeat(w - 1)));
                }
            }
            out.push(s);
        }
    }
    out
}

/// Tab-separated rows, trailing empty cells dropped, empty rows skipped.
pub(crate) fn tab_rows(rows: &[Vec<String>]) -> Vec<String> {
    rows.iter()
        .filter_map(|r| {
            let n = r.iter().rposition(|c| !c.is_empty())? + 1;
            Some(r[..n].join("\t"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipe_tables_align_by_display_width() {
        let rows = vec![
            vec!["信息内容".to_string(), "本年制发件数".to_string()],
            vec!["规章".to_string(), "14".to_string()],
            vec!["a|b".to_string(), "0".to_string()],
        ];
        let t = pipe_table(&rows, 1);
        assert_eq!(
            t,
            vec![
                "| 信息内容 | 本年制发件数 |",
                "| -------- | -----------: |",
                "| 规章     |           14 |",
                "| a\\|b     |            0 |",
            ]
        );
        let w: Vec<usize> = t.iter().map(|l| l.width()).collect();
        assert!(w.iter().all(|&x| x == w[0]), "{w:?}");
    }

    #[test]
    fn tab_rows_drop_trailing_empties() {
        let rows = vec![
            vec![
                "三、本年度办理结果".to_string(),
                String::new(),
                String::new(),
            ],
            vec![String::new(), "自然人".to_string(), String::new()],
            vec![String::new(), String::new()],
        ];
        assert_eq!(tab_rows(&rows), vec!["三、本年度办理结果", "\t自然人"]);
    }
}
