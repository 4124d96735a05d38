//! `.docx` input (read only): most authors draft in Word/WPS. The document XML is read from the zip;
//! paragraphs become lines and tables become one line per row with tab-separated cells (vertically merged
//! continuation cells dropped, a label split over runs or paragraphs of one cell joined), which the parser
//! reads like any other layout; a table inside a cell (a one-cell layout table around the report, a text
//! box in a cell) is read row by row like any table. Tracked changes are read as accepted: deleted text
//! and the old place of moved text are not read, nor a deleted row. Positions in diagnostics refer to this
//! extracted text.

use crate::html::EMPTY_CELL;
use numbering::Numbering;
use quick_xml::events::Event;
use std::io::Read;

mod numbering;

/// Largest `word/document.xml` read (a guard against zip bombs).
const MAX_XML: u64 = 64 * 1024 * 1024;

/// Is this a zip archive (a `.docx`, `.xlsx`…)?
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The report text of a `.docx` file.
pub fn extract(bytes: &[u8]) -> Result<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("不是有效的 Word（.docx）文件：ZIP 压缩包已损坏（{e}）"))?;
    let xml = read_part(&mut zip, "word/document.xml")
        .ok_or_else(|| "不是 Word 文档：压缩包里没有 word/document.xml".to_string())?
        .map_err(|e| {
            format!(
                "读不出 word/document.xml（文档正文，须为 UTF-8）：{}",
                e.kind()
            )
        })?;
    // the lists and the styles, for the numbers Word draws before numbered paragraphs (either may be
    // missing or unreadable: the text is read without them)
    let lists = read_part(&mut zip, "word/numbering.xml").and_then(Result::ok);
    let styles = lists
        .as_ref()
        .and_then(|_| read_part(&mut zip, "word/styles.xml").and_then(Result::ok));
    let mut numbering = Numbering::new(lists.as_deref(), styles.as_deref());
    Ok(from_xml_numbered(&xml, &mut numbering))
}

/// A part of the zip as text (at most [`MAX_XML`] bytes); `None` when the zip has no such part.
fn read_part(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Option<std::io::Result<String>> {
    let file = zip.by_name(name).ok()?;
    let mut text = String::new();
    Some(file.take(MAX_XML).read_to_string(&mut text).map(|_| text))
}

#[derive(Default)]
struct Cell {
    text: String,
    continued: bool,
    /// The cell holds a table: its paragraphs are lines of their own, not a value.
    holds_lines: bool,
    /// The cell's paragraphs so far, each as it is (lines of their own if the cell turns out to hold a
    /// table).
    paragraphs: Vec<String>,
}

/// An open table: its current row and cell.
#[derive(Default)]
struct Table {
    row: Vec<Cell>,
    cell: Option<Cell>,
    /// The current row is a deleted one (a tracked change not accepted).
    row_deleted: bool,
    /// A cell of the current row held a table (its lines are written).
    held_lines: bool,
}

/// Does a paragraph ending now belong to a cell's value (not to a line of its own)?
fn in_cell(tables: &[Table]) -> bool {
    tables
        .last()
        .and_then(|t| t.cell.as_ref())
        .is_some_and(|c| !c.holds_lines)
}

/// Text of a WordprocessingML document body.
pub fn from_xml(xml: &str) -> String {
    from_xml_numbered(xml, &mut Numbering::default())
}

/// Text of a document body, each numbered paragraph with the number Word shows before it.
fn from_xml_numbered(xml: &str, numbering: &mut Numbering) -> String {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    let mut para = String::new();
    let mut in_text = false;
    // the open tables, innermost last: each one's current row and cell
    let mut tables: Vec<Table> = Vec::new();
    // inside `mc:Fallback`: the same content again for older readers (a text box as VML), skipped
    let mut fallback = 0usize;
    // inside a deletion or the old place of a moved text (`w:del`, `w:moveFrom`): not the document's
    // text once its revisions are accepted, whether written as `w:delText` or as `w:t`
    let mut deleted = 0usize;
    // inside a row's properties (`w:trPr`), where `w:del` marks the whole row deleted
    let mut row_props = false;
    // the paragraph's list (`numId`, `ilvl`) and style; inside `pPrChange`: properties before a
    // tracked change, not the paragraph's
    let (mut num, mut ilvl, mut style): (Option<String>, Option<usize>, Option<String>) =
        (None, None, None);
    let mut changed = false;
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(e) => e,
            Err(_) => break, // damaged XML: keep what was read
        };
        match &event {
            Event::Start(e) if e.local_name().as_ref() == "Fallback" => {
                fallback += 1;
                continue;
            }
            Event::End(e) if e.local_name().as_ref() == "Fallback" => {
                fallback = fallback.saturating_sub(1);
                continue;
            }
            _ if fallback > 0 => continue,
            _ => {}
        }
        let opens = matches!(event, Event::Start(_));
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "t" => in_text = opens && deleted == 0,
                "del" if row_props => {
                    if let Some(t) = tables.last_mut() {
                        t.row_deleted = true;
                    }
                }
                "del" | "moveFrom" if opens => deleted += 1,
                "trPr" => row_props = opens,
                "p" => (num, ilvl, style) = (None, None, None),
                "pPrChange" => changed = opens,
                "numId" if !changed => num = val(&e),
                "ilvl" if !changed => ilvl = val(&e).and_then(|v| v.parse().ok()),
                "pStyle" if !changed => style = val(&e),
                "tab" if deleted == 0 => para.push('\t'),
                "br" | "cr" if deleted == 0 => {
                    para.push(if in_cell(&tables) { CELL_BREAK } else { '\n' })
                }
                "tbl" if opens => {
                    flush_para(&mut para, &mut out, &mut tables);
                    // a table inside a cell (a report's table in a one-cell layout table, in a text
                    // box in a cell): that cell holds lines, not a value; the cells its row held
                    // before it are written, then its paragraphs so far, each a line, then the inner
                    // table's rows
                    if let Some(t) = tables.last_mut() {
                        if let Some(c) = t.cell.as_mut().filter(|c| !c.holds_lines) {
                            c.holds_lines = true;
                            c.text.clear();
                            let before = std::mem::take(&mut t.row);
                            if before
                                .iter()
                                .any(|c| !crate::norm::trim(&c.text).is_empty())
                            {
                                write_row(&mut out, before);
                            }
                            for p in std::mem::take(&mut c.paragraphs) {
                                out.push_str(&p);
                                out.push('\n');
                            }
                        }
                    }
                    tables.push(Table::default());
                }
                "tc" if opens => {
                    if let Some(t) = tables.last_mut() {
                        t.cell = Some(Cell::default());
                    }
                }
                "vMerge" => {
                    let restart = e
                        .attributes()
                        .flatten()
                        .any(|a| a.key.local_name().as_ref() == "val" && &*a.value == "restart");
                    if let Some(c) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                        c.continued = !restart;
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "del" if row_props => {}
                "del" | "moveFrom" => deleted = deleted.saturating_sub(1),
                "trPr" => row_props = false,
                "pPrChange" => changed = false,
                "p" => {
                    let list = numbering.list_of(num.as_deref(), ilvl, style.as_deref());
                    if let Some((n, level)) = list.filter(|(n, _)| n != "0") {
                        para.insert_str(0, &numbering.next_label(&n, level));
                    }
                    (num, ilvl, style) = (None, None, None);
                    flush_para(&mut para, &mut out, &mut tables)
                }
                "tc" => {
                    if let Some(t) = tables.last_mut() {
                        if let Some(c) = t.cell.take() {
                            if c.holds_lines {
                                t.held_lines = true;
                            } else {
                                t.row.push(c);
                            }
                        }
                    }
                }
                "tr" => {
                    if let Some(t) = tables.last_mut() {
                        let row = std::mem::take(&mut t.row);
                        let deleted_row = std::mem::take(&mut t.row_deleted);
                        let held = std::mem::take(&mut t.held_lines);
                        // a deleted row is not the document's; a row whose cell held a table
                        // has written its lines, and what is left of it only when anything is
                        let empty = row.iter().all(|c| crate::norm::trim(&c.text).is_empty());
                        let written_already = held && empty;
                        if !deleted_row && !written_already {
                            write_row(&mut out, row);
                        }
                    }
                }
                "tbl" => {
                    flush_para(&mut para, &mut out, &mut tables);
                    tables.pop();
                }
                _ => {}
            },
            Event::Text(t) if in_text => para.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    para.push(c);
                } else {
                    para.push(match r.as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        _ => ' ',
                    });
                }
            }
            _ => {}
        }
    }
    tables.clear();
    flush_para(&mut para, &mut out, &mut tables);
    out
}

/// The `w:val` of an element.
fn val(e: &quick_xml::events::BytesStart) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "val")
        .map(|a| a.value.into_owned())
}

/// A line break inside a table cell, until the cell's text is written ([`join_cell_breaks`]).
const CELL_BREAK: char = '\u{2028}';

/// Whether a line break inside a table cell joins the texts on its two sides without a space: it
/// does between two wide characters — Chinese characters or full-width marks (「本年新<w:br/>制作数量」,
/// 「金额<w:br/>（万元）」 are one label broken to fit its cell, as a browser shows the same cell) — and
/// is a space where either side is ASCII (「Word<w:br/>文档」). html.rs reads `<br>` by the same rule.
pub(crate) fn cell_break_joins(before: Option<char>, after: Option<char>) -> bool {
    let wide = |c: Option<char>| c.is_some_and(|c| !c.is_ascii() && !c.is_whitespace());
    wide(before) && wide(after)
}

/// A cell's line breaks, joined by [`cell_break_joins`].
fn join_cell_breaks(text: &str) -> String {
    if !text.contains(CELL_BREAK) {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c != CELL_BREAK {
            out.push(c);
            continue;
        }
        let before = chars[..i].iter().rev().find(|&&c| c != CELL_BREAK).copied();
        let after = chars[i + 1..].iter().find(|&&c| c != CELL_BREAK).copied();
        if !cell_break_joins(before, after) && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out
}

/// A paragraph ends: joined to its cell's text inside a cell (a label broken over lines stays one
/// label), a line of its own outside tables and inside a cell that holds a table; dropped inside a
/// table but outside any cell (there is none in a well-formed document).
fn flush_para(para: &mut String, out: &mut String, tables: &mut [Table]) {
    match tables.last_mut() {
        Some(t) if t.cell.as_ref().is_some_and(|c| !c.holds_lines) => {
            if let Some(c) = t.cell.as_mut() {
                c.text.push_str(&join_cell_breaks(
                    para.trim_matches(['\t', ' ', CELL_BREAK]),
                ));
                c.paragraphs.push(para.replace(CELL_BREAK, "\n"));
            }
        }
        Some(t) if t.cell.is_none() => {}
        _ => {
            let line = para.replace(CELL_BREAK, "\n");
            if !line.is_empty() {
                out.push_str(&line);
            }
            out.push('\n');
        }
    }
    para.clear();
}

fn write_row(out: &mut String, row: Vec<Cell>) {
    let cells: Vec<Cell> = row.into_iter().filter(|c| !c.continued).collect();
    let has_number = cells.iter().any(|c| {
        let t = crate::norm::trim(&c.text);
        !t.is_empty() && t.chars().all(|ch| ch.is_ascii_digit() || ch == '.')
    });
    // a row whose only text is its label, its data cells all empty (as html.rs reads such a row):
    // its blanks are values too (exported as nulls, reported once by NB206)
    let filled = cells
        .iter()
        .filter(|c| !crate::norm::trim(&c.text).is_empty())
        .count();
    let blank_row = !has_number
        && filled == 1
        && cells
            .first()
            .is_some_and(|c| !crate::norm::trim(&c.text).is_empty())
        && cells.len() - filled >= 2;
    let mut seen_text = false;
    let mut parts = Vec::new();
    for c in cells {
        let t = crate::norm::trim(&c.text).replace(['\t', '\n'], " ");
        if t.is_empty() {
            if (has_number || blank_row) && seen_text {
                parts.push(EMPTY_CELL.to_string());
            } else {
                parts.push(String::new());
            }
            continue;
        }
        seen_text = true;
        parts.push(t);
    }
    out.push_str(&parts.join("\t"));
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_tables() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
            <w:p><w:r><w:t>一、总体</w:t></w:r><w:r><w:t>情况</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>三、本年度办理结果</w:t></w:r></w:p></w:tc>
              <w:tc><w:p><w:r><w:t>（一）予以</w:t></w:r></w:p><w:p><w:r><w:t>公开</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>24</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>
              <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>A&amp;B</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>0</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:r><w:t>完</w:t></w:r></w:p></w:body></w:document>"#;
        let text = from_xml(xml);
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(
            lines,
            vec![
                "一、总体情况",
                &format!("三、本年度办理结果\t（一）予以公开\t24\t{EMPTY_CELL}"),
                "A&B\t0",
                "完"
            ]
        );
    }

    /// A line break inside a cell: none between Chinese characters or full-width marks (a label
    /// broken to fit its cell), a space beside ASCII; a break outside tables is a line break.
    #[test]
    fn line_breaks_inside_cells() {
        let br = |a: &str, b: &str| {
            format!("<w:tc><w:p><w:r><w:t>{a}</w:t><w:br/><w:t>{b}</w:t></w:r></w:p></w:tc>")
        };
        let xml = format!(
            r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>甲</w:t><w:br/><w:t>乙</w:t></w:r></w:p>
            <w:tbl><w:tr>{}{}{}{}{}</w:tr></w:tbl></w:body></w:document>"#,
            br("本年新", "制作数量"),
            br("Word", "文档"),
            br("12", ""),
            br("金额", "（万元）"),
            br("（一）", "Word")
        );
        let text = from_xml(&xml);
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(
            lines,
            [
                "甲",
                "乙",
                "本年新制作数量\tWord 文档\t12\t金额（万元）\t（一） Word"
            ]
        );
    }

    /// A row whose data cells are all empty (a real report's 「2.其他法律行政法规禁止公开」 with nothing
    /// filled): its blanks are written as blank values, as html.rs writes them, so the row keeps its
    /// seven cells; a header row with empty corners is not such a row.
    #[test]
    fn a_row_of_blank_cells_keeps_its_cells() {
        let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
        let empty = "<w:tc><w:p/></w:tc>".repeat(7);
        let xml = format!(
            r#"<w:document xmlns:w="w"><w:body><w:tbl>
            <w:tr>{}{}{}</w:tr>
            <w:tr>{}{empty}</w:tr></w:tbl></w:body></w:document>"#,
            "<w:tc><w:p/></w:tc>",
            cell("自然人"),
            cell("总计"),
            cell("2.其他法律行政法规禁止公开"),
        );
        let text = from_xml(&xml);
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        let blank = EMPTY_CELL.to_string();
        assert_eq!(lines[0], "\t自然人\t总计");
        assert_eq!(
            lines[1],
            format!("2.其他法律行政法规禁止公开\t{}", vec![blank; 7].join("\t"))
        );
    }

    #[test]
    fn not_a_docx() {
        assert!(extract(b"PK\x03\x04garbage").is_err());
        assert!(extract(b"hello").is_err());
        assert_eq!(from_xml("<w:p><w:t>unclosed"), "unclosed\n");
    }

    /// Word draws a numbered paragraph's 「一、」 from its list: written back as Word shows it, for a
    /// list given on the paragraph or by its style, through the levels, in table cells too; a bullet,
    /// `numId` 0 and a tracked change's old properties draw nothing.
    #[test]
    fn numbers_word_draws_before_numbered_paragraphs() {
        let lists = r#"<w:numbering xmlns:w="w">
            <w:abstractNum w:abstractNumId="7">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
            </w:abstractNum>
            <w:abstractNum w:abstractNumId="8">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
            </w:abstractNum>
            <w:abstractNum w:abstractNumId="9">
              <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl>
            </w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
            <w:num w:numId="2"><w:abstractNumId w:val="8"/></w:num>
            <w:num w:numId="3"><w:abstractNumId w:val="8"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
            <w:num w:numId="4"><w:abstractNumId w:val="9"/></w:num>
          </w:numbering>"#;
        let styles = r#"<w:styles xmlns:w="w">
            <w:style w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
            <w:style w:styleId="MyHeading"><w:basedOn w:val="Heading1"/></w:style>
          </w:styles>"#;
        let p = |props: &str, text: &str| {
            format!("<w:p><w:pPr>{props}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
        };
        let num = |id: &str, l: &str| {
            format!(r#"<w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="{id}"/></w:numPr>"#)
        };
        let xml = format!(
            r#"<w:document xmlns:w="w"><w:body>{}{}{}{}{}<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>{}{}{}{}{}{}</w:body></w:document>"#,
            p(r#"<w:pStyle w:val="Heading1"/>"#, "总体情况"),
            p(&num("1", "1"), "主动公开"),
            p(&num("1", "1"), "依申请公开"),
            p(r#"<w:pStyle w:val="MyHeading"/>"#, "主动公开政府信息情况"),
            p(&num("2", "0"), "属于国家秘密"),
            p(&num("2", "0"), "其他法律行政法规禁止公开"),
            p("", "24"),
            p(&num("3", "0"), "重新编号"),
            p(&num("4", "0"), "要点"),
            p(&num("0", "0"), "不编号"),
            p(
                &format!(
                    r#"<w:pPrChange><w:pPr>{}</w:pPr></w:pPrChange>"#,
                    num("2", "0")
                ),
                "改过格式"
            ),
            p(
                r#"<w:pStyle w:val="Heading1"/>"#,
                "收到和处理政府信息公开申请情况"
            ),
            p("", "完"),
        );
        let text = from_xml_numbered(&xml, &mut Numbering::new(Some(lists), Some(styles)));
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(
            lines,
            [
                "一、总体情况",
                "（一）主动公开",
                "（二）依申请公开",
                "二、主动公开政府信息情况",
                "1.属于国家秘密",
                "2.其他法律行政法规禁止公开\t24",
                "1.重新编号",
                "要点",
                "不编号",
                "改过格式",
                "三、收到和处理政府信息公开申请情况",
                "完",
            ]
        );
        // without the lists (no numbering.xml): the typed text only
        assert!(from_xml(&xml).starts_with("总体情况\n"));
    }

    fn lines(xml: &str) -> Vec<String> {
        from_xml(xml)
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect()
    }

    fn cell(t: &str) -> String {
        format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>")
    }

    /// A report laid inside a one-cell table (a form-like template): its paragraphs are lines and its
    /// tables rows, as if the layout table were not there; a table nested in one cell of a row writes
    /// what the row held before it, the cell's paragraphs before it, then its own rows, then the rest
    /// of the row.
    #[test]
    fn a_table_inside_a_cell_is_read_row_by_row() {
        let inner = format!(
            "<w:tbl><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
            cell("甲"),
            cell("12"),
            cell("3"),
            cell("乙"),
            cell("4"),
            cell("56")
        );
        let xml = format!(
            r#"<w:document xmlns:w="w"><w:body><w:tbl><w:tr><w:tc>
            <w:p><w:r><w:t>标题</w:t></w:r></w:p>{inner}<w:p><w:r><w:t>段落</w:t></w:r></w:p>
            </w:tc></w:tr></w:tbl>
            <w:tbl><w:tr>{}<w:tc><w:p><w:r><w:t>前</w:t></w:r></w:p>{inner}</w:tc>{}</w:tr></w:tbl></w:body></w:document>"#,
            cell("丙"),
            cell("7"),
        );
        assert_eq!(
            lines(&xml),
            [
                "标题",
                "甲\t12\t3",
                "乙\t4\t56",
                "段落",
                "丙",
                "前",
                "甲\t12\t3",
                "乙\t4\t56",
                "7"
            ]
        );
    }

    /// Revisions left in the document are read as accepted: a deleted number (`w:delText`, or `w:t`
    /// inside `w:del` as some writers put it) is not read, the inserted one is; moved text is read at
    /// its new place only; a deleted row is not read.
    #[test]
    fn tracked_changes_are_read_as_accepted() {
        let rev = r#"w:id="1" w:author="甲" w:date="2021-01-01T00:00:00Z""#;
        let retyped = |old: &str, new: &str| {
            format!(
                "<w:tc><w:p><w:del {rev}><w:r><w:delText>{old}</w:delText></w:r></w:del>\
                 <w:ins {rev}><w:r><w:t>{new}</w:t></w:r></w:ins></w:p></w:tc>"
            )
        };
        let deleted_t = format!(
            "<w:tc><w:p><w:r><w:t>1</w:t></w:r><w:del {rev}><w:r><w:t>9</w:t></w:r></w:del>\
             <w:r><w:t>2</w:t></w:r></w:p></w:tc>"
        );
        let deleted_row = format!(
            "<w:tr><w:trPr><w:del {rev}/></w:trPr>{}{}</w:tr>",
            "<w:tc><w:p><w:del w:id=\"2\"><w:r><w:delText>丁</w:delText></w:r></w:del></w:p></w:tc>",
            "<w:tc><w:p><w:del w:id=\"3\"><w:r><w:delText>8</w:delText></w:r></w:del></w:p></w:tc>"
        );
        let xml = format!(
            r#"<w:document xmlns:w="w"><w:body>
            <w:p><w:moveFrom {rev}><w:r><w:t>移走的话</w:t></w:r></w:moveFrom></w:p>
            <w:tbl><w:tr>{}{}{deleted_t}</w:tr>{deleted_row}<w:tr>{}{}{}</w:tr></w:tbl>
            <w:p><w:moveTo {rev}><w:r><w:t>移走的话</w:t></w:r></w:moveTo></w:p>
            </w:body></w:document>"#,
            cell("甲"),
            retyped("35", "34"),
            cell("乙"),
            cell("5"),
            cell("6"),
        );
        assert_eq!(lines(&xml), ["甲\t34\t12", "乙\t5\t6", "移走的话"]);
    }

    /// What is no revision is read: a deleted paragraph mark (`w:rPr/w:del` of the paragraph's
    /// properties: the paragraph joins the next when accepted, its text stays), an insertion, a row
    /// whose properties hold anything but a deletion.
    #[test]
    fn what_no_revision_removes_is_read() {
        let rev = r#"w:id="1" w:author="甲" w:date="2021-01-01T00:00:00Z""#;
        let xml = format!(
            r#"<w:document xmlns:w="w"><w:body>
            <w:p><w:pPr><w:rPr><w:del {rev}/></w:rPr></w:pPr><w:r><w:t>留下</w:t></w:r></w:p>
            <w:p><w:ins {rev}><w:r><w:t>加上</w:t></w:r></w:ins></w:p>
            <w:tbl><w:tr><w:trPr><w:ins {rev}/><w:trHeight w:val="300"/></w:trPr>{}{}</w:tr></w:tbl>
            </w:body></w:document>"#,
            cell("甲"),
            cell("7"),
        );
        assert_eq!(lines(&xml), ["留下", "加上", "甲\t7"]);
    }

    /// A text box is written twice, for new readers (`mc:Choice`) and old ones (`mc:Fallback`): read once.
    #[test]
    fn a_text_box_is_read_once() {
        let xml = r#"<w:document xmlns:w="w" xmlns:mc="mc"><w:body><w:p><w:r><mc:AlternateContent>
            <mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>县人民政府办公室</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>
            <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>县人民政府办公室</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>
            </mc:AlternateContent></w:r></w:p><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p></w:body></w:document>"#;
        let text = from_xml(xml);
        assert_eq!(text.matches("县人民政府办公室").count(), 1);
        assert!(text.contains("一、总体情况"));
    }

    /// A row narrower than its table (Word's `w:gridBefore` / `w:gridAfter`: grid columns the row
    /// skips, as Word writes a first row dragged narrower, or a corner left out) and cells spanning
    /// grid columns (`w:gridSpan`): each row is read as its own cells, the skipped columns being no
    /// cells (as a merged cell continued from above is none), so a value stays under its header.
    #[test]
    fn rows_skipping_grid_columns_keep_their_cells_in_place() {
        let row = |props: &str, cells: &[&str]| {
            let cells: String = cells.iter().map(|t| cell(t)).collect();
            format!("<w:tr><w:trPr>{props}</w:trPr>{cells}</w:tr>")
        };
        let skip = |tag: &str, n: u8| format!(r#"<w:{tag} w:val="{n}"/>"#);
        let xml = format!(
            r#"<w:document xmlns:w="w"><w:body><w:tbl><w:tblGrid>{}</w:tblGrid>{}{}{}{}</w:tbl></w:body></w:document>"#,
            r#"<w:gridCol w:w="340"/>"#.repeat(6),
            row(
                &format!("{}{}", skip("gridBefore", 1), skip("gridAfter", 1)),
                &["本年新制作数量", "本年新公开数量"]
            ),
            row(&skip("gridBefore", 2), &["甲", "乙"]),
            row("", &["规章", "0", "1", "2"]),
            row(&skip("gridAfter", 1), &["行政事业性收费", "3", "4"]),
        );
        assert_eq!(
            lines(&xml),
            [
                "本年新制作数量\t本年新公开数量",
                "甲\t乙",
                "规章\t0\t1\t2",
                "行政事业性收费\t3\t4"
            ]
        );
    }
}
