//! `.docx` input (read only): most authors draft in Word/WPS. The document XML is read from the zip;
//! paragraphs become lines and tables become one line per row with tab-separated cells (vertically merged
//! continuation cells dropped, a label split over runs or paragraphs of one cell joined), which the parser
//! reads like any other layout. Positions in diagnostics refer to this extracted text.

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
    // open tables: rows of the current table, cells of the current row, the current cell
    let mut depth = 0usize;
    let mut row: Vec<Cell> = Vec::new();
    let mut cell: Option<Cell> = None;
    // inside `mc:Fallback`: the same content again for older readers (a text box as VML), skipped
    let mut fallback = 0usize;
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
                "t" => in_text = true,
                "p" => (num, ilvl, style) = (None, None, None),
                "pPrChange" => changed = opens,
                "numId" if !changed => num = val(&e),
                "ilvl" if !changed => ilvl = val(&e).and_then(|v| v.parse().ok()),
                "pStyle" if !changed => style = val(&e),
                "tab" => para.push('\t'),
                "br" | "cr" => para.push(if depth > 0 { CELL_BREAK } else { '\n' }),
                "tbl" => {
                    flush_para(&mut para, &mut out, cell.as_mut(), depth);
                    depth += 1;
                }
                "tc" if depth == 1 => cell = Some(Cell::default()),
                "vMerge" if depth == 1 => {
                    let restart = e
                        .attributes()
                        .flatten()
                        .any(|a| a.key.local_name().as_ref() == "val" && &*a.value == "restart");
                    if let Some(c) = cell.as_mut() {
                        c.continued = !restart;
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "pPrChange" => changed = false,
                "p" => {
                    let list = numbering.list_of(num.as_deref(), ilvl, style.as_deref());
                    if let Some((n, level)) = list.filter(|(n, _)| n != "0") {
                        para.insert_str(0, &numbering.next_label(&n, level));
                    }
                    (num, ilvl, style) = (None, None, None);
                    flush_para(&mut para, &mut out, cell.as_mut(), depth)
                }
                "tc" if depth == 1 => {
                    if let Some(c) = cell.take() {
                        row.push(c);
                    }
                }
                "tr" if depth == 1 => {
                    write_row(&mut out, std::mem::take(&mut row));
                }
                "tbl" => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        row.clear();
                        cell = None;
                    }
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
    flush_para(&mut para, &mut out, None, 0);
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

/// A cell's line breaks: none between two Chinese characters (「本年新<w:br/>制作数量」 is one label,
/// broken to fit its cell, as a browser shows the same cell), a space elsewhere (「Word<w:br/>文档」).
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
        let before = chars[..i].iter().rev().find(|&&c| c != CELL_BREAK);
        let after = chars[i + 1..].iter().find(|&&c| c != CELL_BREAK);
        let han = |c: Option<&char>| c.is_some_and(|&c| crate::parse::is_han(c));
        let joins = han(before) && han(after);
        if !joins && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out
}

fn flush_para(para: &mut String, out: &mut String, cell: Option<&mut Cell>, depth: usize) {
    if depth > 0 {
        // paragraphs of one cell are joined: a label broken over lines stays one label
        if let Some(c) = cell {
            c.text.push_str(&join_cell_breaks(
                para.trim_matches(['\t', ' ', CELL_BREAK]),
            ));
        }
        para.clear();
        return;
    }
    if !para.is_empty() {
        out.push_str(para);
    }
    out.push('\n');
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

    /// A line break inside a cell: none between Chinese characters (a label broken to fit its cell),
    /// a space elsewhere; a break outside tables is a line break.
    #[test]
    fn line_breaks_inside_cells() {
        let br = |a: &str, b: &str| {
            format!("<w:tc><w:p><w:r><w:t>{a}</w:t><w:br/><w:t>{b}</w:t></w:r></w:p></w:tc>")
        };
        let xml = format!(
            r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>甲</w:t><w:br/><w:t>乙</w:t></w:r></w:p>
            <w:tbl><w:tr>{}{}{}</w:tr></w:tbl></w:body></w:document>"#,
            br("本年新", "制作数量"),
            br("Word", "文档"),
            br("12", "")
        );
        let text = from_xml(&xml);
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines, ["甲", "乙", "本年新制作数量\tWord 文档\t12"]);
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
}
