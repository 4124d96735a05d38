//! A blank report as a Word document (`nianbao new -o report.docx`): the Markdown blank report of
//! [`crate::blank`] laid out in WordprocessingML — its title and section headings as Word headings,
//! its tables as Word tables (one cell per template cell), its paragraphs as paragraphs, and the
//! placeholders (the parenthesised 「（请填写……）」 instructions) highlighted so that authors see what
//! to replace. IO-free: the bytes of the `.docx` are returned. [`crate::docx::extract`] reads them
//! back as the text the checker reads.

use crate::blank::{blank_report, BlankError};
use crate::format::Family;
use std::io::Write;

/// The `.docx` bytes of a blank report for `organ` and report `year`.
pub fn blank_docx(year: i32, organ: &str) -> Result<Vec<u8>, BlankError> {
    let markdown = blank_report(year, organ, Family::Markdown)?;
    package(&document_xml(&markdown)).map_err(|e| BlankError(format!("无法生成 Word 文档：{e}")))
}

/// One block of the Markdown blank report.
enum Block<'a> {
    Title(&'a str),
    Heading(&'a str),
    Paragraph(&'a str),
    Table(Vec<Vec<&'a str>>),
}

/// The blocks of the Markdown the blank report writes: `# ` title, `## ` headings, pipe tables (the
/// delimiter row dropped), paragraphs.
fn blocks(markdown: &str) -> Vec<Block<'_>> {
    let mut out = Vec::new();
    let mut table: Vec<Vec<&str>> = Vec::new();
    for line in markdown.lines() {
        let line = line.trim_end();
        if let Some(row) = line.strip_prefix('|') {
            let cells: Vec<&str> = row
                .strip_suffix('|')
                .unwrap_or(row)
                .split('|')
                .map(str::trim)
                .collect();
            let delimiter = cells
                .iter()
                .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':')));
            if !delimiter {
                table.push(cells);
            }
            continue;
        }
        if !table.is_empty() {
            out.push(Block::Table(std::mem::take(&mut table)));
        }
        if line.is_empty() {
            continue;
        }
        if let Some(t) = line.strip_prefix("# ") {
            out.push(Block::Title(t.trim()));
        } else if let Some(h) = line.strip_prefix("## ") {
            out.push(Block::Heading(h.trim()));
        } else {
            out.push(Block::Paragraph(line));
        }
    }
    if !table.is_empty() {
        out.push(Block::Table(table));
    }
    out
}

/// `text` cut into runs, the placeholders (「（…请…）」) marked: `(text, is_placeholder)`.
pub fn placeholder_runs(text: &str) -> Vec<(&str, bool)> {
    let mut runs = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('（') {
        let Some(len) = rest[open..].find('）') else {
            break;
        };
        let close = open + len + '）'.len_utf8();
        let inner = &rest[open..close];
        if !inner.contains('请') {
            // an ordinary parenthesis 「（一）」: part of the text
            runs.push((&rest[..close], false));
            rest = &rest[close..];
            continue;
        }
        if open > 0 {
            runs.push((&rest[..open], false));
        }
        runs.push((inner, true));
        rest = &rest[close..];
    }
    if !rest.is_empty() {
        runs.push((rest, false));
    }
    // neighbouring plain runs joined
    let mut joined: Vec<(&str, bool)> = Vec::new();
    for (t, p) in runs {
        match joined.last_mut() {
            Some((prev, false)) if !p => {
                let start = prev.as_ptr() as usize - text.as_ptr() as usize;
                *prev = &text[start..start + prev.len() + t.len()];
            }
            _ => joined.push((t, p)),
        }
    }
    joined
}

fn escape(s: &str) -> std::borrow::Cow<'_, str> {
    quick_xml::escape::escape(s)
}

fn run(out: &mut String, text: &str, placeholder: bool) {
    out.push_str("<w:r>");
    if placeholder {
        out.push_str("<w:rPr><w:highlight w:val=\"yellow\"/></w:rPr>");
    }
    out.push_str("<w:t xml:space=\"preserve\">");
    out.push_str(&escape(text));
    out.push_str("</w:t></w:r>");
}

fn paragraph(out: &mut String, style: Option<&str>, text: &str) {
    out.push_str("<w:p>");
    if let Some(s) = style {
        out.push_str("<w:pPr><w:pStyle w:val=\"");
        out.push_str(s);
        out.push_str("\"/></w:pPr>");
    }
    for (t, placeholder) in placeholder_runs(text) {
        run(out, t, placeholder);
    }
    out.push_str("</w:p>");
}

fn table(out: &mut String, rows: &[Vec<&str>]) {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    out.push_str(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>\
         <w:tblBorders>\
         <w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         </w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>",
    );
    let widths = column_widths(columns);
    for w in &widths {
        out.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    out.push_str("</w:tblGrid>");
    for (i, row) in rows.iter().enumerate() {
        // a row never broken across pages; the header row repeats on every page
        out.push_str(if i == 0 {
            "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        } else {
            "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        });
        for (c, width) in widths.iter().enumerate() {
            let text = row.get(c).copied().unwrap_or("");
            out.push_str(&format!(
                "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr><w:p>"
            ));
            if !text.is_empty() {
                // numbers right-aligned, as in the Markdown form
                if text.chars().all(|ch| ch.is_ascii_digit() || ch == '.') {
                    out.push_str("<w:pPr><w:jc w:val=\"right\"/></w:pPr>");
                }
                for (t, placeholder) in placeholder_runs(text) {
                    run(out, t, placeholder);
                }
            }
            out.push_str("</w:p></w:tc>");
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

/// The width of the text on an A4 page with 2.54 cm margins, in twentieths of a point.
const TEXT_WIDTH: usize = 11906 - 2 * 1440;

/// Column widths: the label column wide (it holds the template's long labels), the value columns
/// sharing the rest.
fn column_widths(columns: usize) -> Vec<usize> {
    if columns <= 1 {
        return vec![TEXT_WIDTH; columns];
    }
    let first = if columns > 3 {
        TEXT_WIDTH * 30 / 100
    } else {
        TEXT_WIDTH * 45 / 100
    };
    let rest = (TEXT_WIDTH - first) / (columns - 1);
    std::iter::once(first)
        .chain(std::iter::repeat_n(rest, columns - 1))
        .collect()
}

/// `word/document.xml` of the Markdown blank report.
fn document_xml(markdown: &str) -> String {
    let mut body = String::new();
    for b in blocks(markdown) {
        match b {
            Block::Title(t) => paragraph(&mut body, Some("Title"), t),
            Block::Heading(h) => paragraph(&mut body, Some("Heading1"), h),
            Block::Paragraph(p) => paragraph(&mut body, None, p),
            Block::Table(rows) => {
                table(&mut body, &rows);
                // Word needs a paragraph between two tables
                body.push_str("<w:p/>");
            }
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:body>{body}\
         <w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
         <w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>\
         </w:sectPr></w:body></w:document>"
    )
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
</Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
</Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
</Relationships>";

/// Body text 仿宋 16 pt (三号), the title 小标宋/宋体 22 pt (二号) centred, headings 黑体 16 pt: the usual
/// look of an official document.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:docDefaults><w:rPrDefault><w:rPr>\
<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"仿宋\"/>\
<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>\
</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"360\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:jc w:val=\"center\"/><w:spacing w:after=\"240\"/></w:pPr>\
<w:rPr><w:rFonts w:eastAsia=\"方正小标宋简体\"/><w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/></w:pPr>\
<w:rPr><w:rFonts w:eastAsia=\"黑体\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>\
<w:style w:type=\"table\" w:styleId=\"ReportTable\"><w:name w:val=\"Report Table\"/>\
<w:rPr><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/></w:rPr></w:style>\
</w:styles>";

/// The ZIP package of a WordprocessingML document.
fn package(document: &str) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // a fixed time stamp: the same report gives the same bytes
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, text) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/styles.xml", STYLES),
        ("word/document.xml", document),
    ] {
        zip.start_file(name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    /// The codes and messages of the diagnostics of `text`, sorted (positions differ between forms).
    fn findings(text: &str) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = crate::analyze(text, &Config::default())
            .diagnostics
            .into_iter()
            .map(|d| (d.code.to_string(), d.message))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_blank_docx_reads_back_as_the_markdown_form() {
        for year in [2019, 2020, 2021, 2025] {
            let bytes = blank_docx(year, "某某县人民政府").unwrap();
            assert!(crate::docx::is_zip(&bytes));
            let text = crate::docx::extract(&bytes).unwrap();
            let md = blank_report(year, "某某县人民政府", Family::Markdown).unwrap();
            assert_eq!(findings(&text), findings(&md), "{year}:\n{text}");
            // the same tables, cell for cell
            let a = crate::parse_any(&text, None);
            let b = crate::parse_any(&md, None);
            assert_eq!(
                crate::export::to_json(&a, &text, "r")["tables"],
                crate::export::to_json(&b, &md, "r")["tables"],
                "{year}"
            );
            assert_eq!(a.template, b.template);
            // the same bytes every time
            assert_eq!(bytes, blank_docx(year, "某某县人民政府").unwrap());
        }
    }

    #[test]
    fn the_docx_has_word_tables_headings_and_marked_placeholders() {
        let bytes = blank_docx(2025, "某某县人民政府").unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        // the three tables of the template (二 has four small ones, 三 and 四 one each)
        let tpl = crate::template::for_year(2025).unwrap();
        let tables = tpl.sections.iter().filter(|s| s.table.is_some()).count();
        assert_eq!(tables, 3);
        assert!(xml.matches("<w:tbl>").count() >= 3, "{xml}");
        for s in &tpl.sections {
            let heading = format!(
                "<w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t>",
                s.heading
            );
            assert!(xml.contains(&heading), "{}", s.heading);
        }
        assert!(xml.contains("<w:pStyle w:val=\"Title\"/>"));
        assert!(xml.contains(
            "<w:highlight w:val=\"yellow\"/></w:rPr><w:t xml:space=\"preserve\">（请填写"
        ));
        // a table cell of table 三
        assert!(xml.contains("<w:p><w:r><w:t xml:space=\"preserve\">（一）予以公开</w:t>"));
        for part in ["[Content_Types].xml", "_rels/.rels", "word/styles.xml"] {
            assert!(zip.by_name(part).is_ok(), "{part}");
        }
        // an organ that cannot be written is the blank report's error
        assert!(blank_docx(2025, "  ").is_err());
    }

    #[test]
    fn placeholders_are_the_parenthesised_instructions() {
        assert_eq!(
            placeholder_runs(
                "本年度未收取信息处理费。（如收取了信息处理费，请改写为收取的金额。）"
            ),
            vec![
                ("本年度未收取信息处理费。", false),
                ("（如收取了信息处理费，请改写为收取的金额。）", true)
            ]
        );
        assert_eq!(
            placeholder_runs("（一）予以公开"),
            vec![("（一）予以公开", false)]
        );
        assert_eq!(
            placeholder_runs("（请填写本年度平台建设工作情况。）"),
            vec![("（请填写本年度平台建设工作情况。）", true)]
        );
        assert_eq!(placeholder_runs("（未闭合"), vec![("（未闭合", false)]);
    }
}
