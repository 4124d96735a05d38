//! HTML input: web pages, HTML exported from Word/WPS, HTML tables pasted into a document.
//!
//! The page is parsed with an HTML parser (`tl`), site chrome (scripts, styles, navigation, forms) is
//! dropped, tables are expanded into a grid (`rowspan`/`colspan`) and written one row per line with
//! tab-separated cells, labels split across `<span>`/`<font>`/`<o:p>` are joined, entities decoded. The
//! result is plain text the parser already reads, plus a [`SourceMap`] that takes every range of that text
//! back to the HTML source, so diagnostics point at the right place in the page.

use crate::norm::is_space;
use text_size::{TextRange, TextSize};

/// Written for an empty data cell (`<td>&nbsp;</td>`): a blank the parser reports (NB206).
pub const EMPTY_CELL: char = '\u{E000}';

/// Does this text contain HTML worth extracting (a page, or a table pasted into a document)?
pub fn looks_like_html(text: &str) -> bool {
    // only the places where a `<` stands need a look
    let has = |hay: &[u8], needle: &[u8]| {
        memchr::memchr_iter(b'<', hay).any(|i| {
            hay.get(i..i + needle.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        })
    };
    let bytes = text.as_bytes();
    let head = &bytes[..bytes.len().min(2048)];
    has(head, b"<html") || has(head, b"<!doctype html") || has(bytes, b"<table")
}

#[derive(Debug, Clone, Copy)]
struct Segment {
    /// Start in the extracted text.
    text: u32,
    len: u32,
    /// Start and end in the source.
    src: u32,
    src_end: u32,
    /// Byte-for-byte copy of the source (offsets inside map one to one); otherwise the whole segment
    /// stands for `src..src_end` (an entity, a cell separator, an empty cell).
    exact: bool,
}

/// Maps ranges of the extracted text back to the HTML source.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    segments: Vec<Segment>,
    source_len: u32,
}

impl SourceMap {
    fn find(&self, offset: u32) -> Option<&Segment> {
        let i = self.segments.partition_point(|s| s.text + s.len <= offset);
        self.segments.get(i).filter(|s| s.text <= offset)
    }

    fn map(&self, offset: u32, end: bool) -> u32 {
        match self.find(if end && offset > 0 {
            offset - 1
        } else {
            offset
        }) {
            Some(s) if s.exact => (s.src + (offset - s.text)).min(s.src_end),
            Some(s) => {
                if end {
                    s.src_end
                } else {
                    s.src
                }
            }
            None => self
                .segments
                .last()
                .map_or(0, |s| s.src_end)
                .min(self.source_len),
        }
    }

    /// The source range a range of the extracted text comes from.
    pub fn to_source(&self, range: TextRange) -> TextRange {
        let s = self.map(u32::from(range.start()), false);
        let e = if range.is_empty() {
            s
        } else {
            self.map(u32::from(range.end()), true).max(s)
        };
        TextRange::new(TextSize::from(s), TextSize::from(e))
    }

    /// The source range of an edit, when the edit can be made in the source: the range lies within one
    /// copied run of text, or is an empty cell / insertion point.
    pub fn edit_to_source(&self, range: TextRange) -> Option<TextRange> {
        let (s, e) = (u32::from(range.start()), u32::from(range.end()));
        let seg = self.find(s)?;
        if seg.exact {
            if e <= seg.text + seg.len {
                return Some(TextRange::new(
                    (seg.src + s - seg.text).into(),
                    (seg.src + e - seg.text).into(),
                ));
            }
            return None;
        }
        // an empty cell: replace it by inserting at its place in the source
        (e <= seg.text + seg.len).then(|| TextRange::empty(seg.src.into()))
    }
}

/// Extracted text and its map to the source.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub text: String,
    pub map: SourceMap,
}

struct Writer<'s> {
    src: &'s str,
    out: String,
    segs: Vec<Segment>,
    /// A `<br>` inside a cell was met and no text has followed it yet ([`Writer::cell_break`]).
    broken: bool,
}

impl Writer<'_> {
    /// Text copied byte for byte from `src_start`.
    fn exact(&mut self, src_start: usize, s: &str) {
        // what `neutralize` blanked out is not text (and not what the source holds there): skipped
        let mut at = src_start;
        for piece in s.split(BLANKED) {
            self.push(piece, at, at + piece.len(), true);
            at += piece.len() + BLANKED.len_utf8();
        }
    }

    /// Text standing for the source range `src..src_end` as a whole (an entity, a separator, a mark).
    fn synthetic(&mut self, src: usize, src_end: usize, s: &str) {
        self.push(s, src, src_end, false);
    }

    fn push(&mut self, s: &str, src: usize, src_end: usize, exact: bool) {
        if s.is_empty() {
            return;
        }
        let (s, src) = if self.broken {
            // the text after a line break inside a cell: its leading white space is the source's
            // line breaking, not the label's; the break itself joins two Chinese characters or
            // full-width marks (a label broken to fit its cell: 「本年收费金额<br>（单位：万元）」)
            // and is a space where either side is ASCII (「Word<br>文档」), as docx.rs reads `<w:br/>`
            let rest = s.trim_start_matches(is_space);
            if rest.is_empty() {
                return;
            }
            let src = if exact {
                src + (s.len() - rest.len())
            } else {
                src
            };
            self.broken = false;
            let before = self.out.chars().next_back();
            let after = rest.chars().next();
            if !crate::docx::cell_break_joins(before, after) {
                self.push(" ", src, src, false);
            }
            (rest, src)
        } else {
            (s, src)
        };
        let text = self.out.len() as u32;
        self.out.push_str(s);
        self.segs.push(Segment {
            text,
            len: s.len() as u32,
            src: src as u32,
            src_end: src_end as u32,
            exact,
        });
    }

    /// A line break inside a cell (`<br>`): the white space before it is dropped, and the text after
    /// it joins the text before as [`Writer::push`] says.
    fn cell_break(&mut self) {
        while let Some(c) = self.out.chars().next_back().filter(|&c| is_space(c)) {
            let n = c.len_utf8() as u32;
            self.out.truncate(self.out.len() - n as usize);
            let Some(last) = self.segs.last_mut() else {
                break;
            };
            last.len -= n.min(last.len);
            if last.exact {
                last.src_end = last.src + last.len;
            }
            if last.len == 0 {
                self.segs.pop();
            }
        }
        self.broken = !self.out.is_empty();
    }

    fn newline(&mut self, at: usize) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.synthetic(at, at, "\n");
        }
    }

    /// Text of a text node, entities decoded; `collapse` turns line breaks and tabs into spaces (inside cells).
    fn text(&mut self, start: usize, raw: &str, collapse: bool) {
        let mut run = start;
        let mut i = 0;
        let b = raw.as_bytes();
        while i < b.len() {
            let c = b[i];
            if c == b'&' {
                if let Some((ch, len)) = entity(&raw[i..]) {
                    self.exact(run, &raw[run - start..i]);
                    let mut buf = [0u8; 4];
                    self.synthetic(start + i, start + i + len, ch.encode_utf8(&mut buf));
                    i += len;
                    run = start + i;
                    continue;
                }
            }
            if collapse && (c == b'\n' || c == b'\r' || c == b'\t') {
                self.exact(run, &raw[run - start..i]);
                self.synthetic(start + i, start + i + 1, " ");
                i += 1;
                run = start + i;
                continue;
            }
            i += 1;
        }
        self.exact(run, &raw[run - start..]);
    }
}

/// Decode an entity at the start of `s`: (character, length in bytes).
fn entity(s: &str) -> Option<(char, usize)> {
    // bytes: the 12th byte may fall inside a character (found by fuzzing)
    let end = s.bytes().take(12).position(|b| b == b';')?;
    let name = &s[1..end];
    let ch = if let Some(num) = name.strip_prefix('#') {
        let v = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse().ok()?
        };
        char::from_u32(v).filter(|c| *c != '\0')?
    } else {
        match name {
            "nbsp" => '\u{00A0}',
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "ensp" => '\u{2002}',
            "emsp" => '\u{2003}',
            "thinsp" => '\u{2009}',
            "ldquo" => '“',
            "rdquo" => '”',
            "lsquo" => '‘',
            "rsquo" => '’',
            "mdash" => '—',
            "ndash" => '–',
            "middot" => '·',
            "hellip" => '…',
            "times" => '×',
            "yen" => '¥',
            _ => return None,
        }
    };
    Some((ch, end + 1))
}

/// Elements whose content is never report text.
const SKIP: &[&str] = &[
    "script", "style", "textarea", "head", "nav", "noscript", "iframe", "select", "button", "form",
    "svg", "template", "object",
];
/// Elements that start a new line.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "header",
    "footer",
    "center",
    "blockquote",
    "pre",
    "hr",
    "br",
    "dd",
    "dt",
    "dl",
    "main",
    "aside",
    "caption",
    "figure",
    "body",
    "html",
];

fn offset_of(src: &str, bytes: &tl::Bytes) -> Option<usize> {
    let p = bytes.as_ptr() as usize;
    let base = src.as_ptr() as usize;
    (p >= base && p + bytes.as_bytes().len() <= base + src.len()).then(|| p - base)
}

fn name_of(tag: &tl::HTMLTag) -> String {
    tag.name().as_utf8_str().to_ascii_lowercase()
}

fn attr_num(tag: &tl::HTMLTag, key: &str) -> usize {
    tag.attributes()
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .and_then(|(_, v)| v)
        .and_then(|v| v.trim().trim_matches('"').parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, 200)
}

/// What [`neutralize`] writes over each byte it blanks out.
const BLANKED: char = '\u{1}';

/// The source with the content of `<script>`, `<style>` and `<textarea>` blanked out (same length, so every
/// offset stays valid): their text is not markup, and a `'<td>'` inside a script must not open a cell.
/// The blanked bytes are [`BLANKED`], never copied into the text (should the parser still read some of
/// them as text, offsets inside would fall inside the source's characters; found by fuzzing).
fn neutralize(src: &str) -> String {
    let mut bytes = src.as_bytes().to_vec();
    let lower = src.to_ascii_lowercase();
    // the tag itself, not `<style="…">` or `<scripts>` (found by fuzzing: blanking those emptied
    // text that was then read as if copied from the source)
    let find_tag = |from: usize, t: &str| -> Option<usize> {
        let mut k = from;
        while let Some(i) = lower[k..].find(t) {
            let at = k + i;
            let next = lower.as_bytes().get(at + t.len()).copied();
            if next.is_none_or(|b| b == b'>' || b == b'/' || b.is_ascii_whitespace()) {
                return Some(at);
            }
            k = at + t.len();
        }
        None
    };
    let mut at = 0;
    while let Some(open) = ["<script", "<style", "<textarea"]
        .iter()
        .filter_map(|t| find_tag(at, t).map(|i| (i, *t)))
        .min_by_key(|x| x.0)
    {
        let (start, tag) = open;
        let Some(gt) = lower[start..].find('>').map(|i| start + i + 1) else {
            break;
        };
        let close = format!("</{}", &tag[1..]);
        let end = lower[gt..].find(&close).map_or(lower.len(), |i| gt + i);
        for b in &mut bytes[gt..end] {
            *b = BLANKED as u8;
        }
        at = end.max(gt);
        if at >= lower.len() {
            break;
        }
    }
    String::from_utf8(bytes).unwrap_or_else(|_| src.to_string())
}

/// Extract the report text of an HTML page (or of a document with HTML tables pasted in).
pub fn extract(src: &str) -> Extracted {
    let clean = neutralize(src);
    let src = clean.as_str();
    let mut w = Writer {
        src,
        out: String::with_capacity(src.len() / 2),
        segs: Vec::new(),
        broken: false,
    };
    let dom = match tl::parse(src, tl::ParserOptions::default()) {
        Ok(d) => d,
        Err(_) => {
            w.exact(0, src);
            return finish(w);
        }
    };
    let parser = dom.parser();
    for h in dom.children() {
        walk(&mut w, parser, *h, false, 0);
    }
    finish(w)
}

fn finish(w: Writer) -> Extracted {
    let source_len = w.src.len() as u32;
    Extracted {
        text: w.out,
        map: SourceMap {
            segments: w.segs,
            source_len,
        },
    }
}

fn walk(w: &mut Writer, parser: &tl::Parser, handle: tl::NodeHandle, in_cell: bool, depth: usize) {
    if depth > 200 {
        return;
    }
    let Some(node) = handle.get(parser) else {
        return;
    };
    match node {
        tl::Node::Raw(bytes) => {
            if let (Some(off), Some(s)) = (offset_of(w.src, bytes), bytes.try_as_utf8_str()) {
                w.text(off, s, in_cell);
            }
        }
        tl::Node::Comment(_) => {}
        tl::Node::Tag(tag) => {
            let name = name_of(tag);
            let at = offset_of(w.src, tag.raw()).unwrap_or(w.src.len());
            if SKIP.contains(&name.as_str()) {
                return;
            }
            if name == "table" && !in_cell {
                w.newline(at);
                // rows, including those inside thead/tbody/tfoot
                let mut rows: Vec<&tl::HTMLTag> = Vec::new();
                collect_rows(parser, tag, &mut rows, depth);
                if is_layout_table(parser, &rows) {
                    layout_table(w, parser, &rows, depth);
                } else {
                    table(w, parser, &rows, depth);
                }
                w.newline(at);
                return;
            }
            if name == "br" && in_cell {
                w.cell_break();
                return;
            }
            let block = BLOCK.contains(&name.as_str()) || name == "tr" || name == "table";
            if block && !in_cell {
                w.newline(at);
            }
            for child in tag.children().top().iter() {
                walk(w, parser, *child, in_cell, depth + 1);
            }
            if block && !in_cell {
                let end = at + tag.raw().as_bytes().len();
                w.newline(end);
            }
        }
    }
}

/// The `<td>`/`<th>` cells of a row.
fn cells_of<'p>(parser: &'p tl::Parser, row: &'p tl::HTMLTag<'p>) -> Vec<&'p tl::HTMLTag<'p>> {
    row.children()
        .top()
        .iter()
        .filter_map(|h| h.get(parser).and_then(|n| n.as_tag()))
        .filter(|t| matches!(name_of(t).as_str(), "td" | "th"))
        .collect()
}

/// Does this table lay out a page rather than hold data? Many sites put the whole page in a table:
/// banner, menu and article in its cells. A cell holding a table of its own, or an article (several
/// paragraphs, a few hundred characters), is such a layout cell: a report's tables never nest a table,
/// and their cells hold a label or a number.
fn is_layout_table(parser: &tl::Parser, rows: &[&tl::HTMLTag]) -> bool {
    /// An article in one cell: this many block elements and characters of text at least.
    const ARTICLE_BLOCKS: usize = 3;
    const ARTICLE_CHARS: usize = 300;
    rows.iter()
        .flat_map(|row| cells_of(parser, row))
        .any(|cell| {
            // (stops at the first table inside: a page nested deep is not walked again at every level)
            let (mut blocks, mut chars) = (0usize, 0usize);
            let mut stack: Vec<tl::NodeHandle> = cell.children().top().iter().copied().collect();
            while let Some(handle) = stack.pop() {
                match handle.get(parser) {
                    Some(tl::Node::Tag(t)) => {
                        let name = name_of(t);
                        if name == "table" {
                            return true;
                        }
                        blocks += usize::from(BLOCK.contains(&name.as_str()));
                        stack.extend(t.children().top().iter().copied());
                    }
                    Some(tl::Node::Raw(bytes)) => chars += bytes.as_utf8_str().chars().count(),
                    _ => {}
                }
            }
            blocks >= ARTICLE_BLOCKS && chars >= ARTICLE_CHARS
        })
}

/// A layout table: each cell's content on lines of its own, read as the page it holds (its
/// paragraphs and tables as anywhere else).
fn layout_table(w: &mut Writer, parser: &tl::Parser, rows: &[&tl::HTMLTag], depth: usize) {
    for row in rows {
        for cell in cells_of(parser, row) {
            let at = offset_of(w.src, cell.raw()).unwrap_or(w.src.len());
            w.newline(at);
            for child in cell.children().top().iter() {
                walk(w, parser, *child, false, depth + 1);
            }
            w.newline(at + cell.raw().as_bytes().len());
        }
    }
}

/// The text of a cell, written into its own writer (offsets into the same source).
fn cell_text<'s>(
    src: &'s str,
    parser: &tl::Parser,
    cell: &tl::HTMLTag,
    depth: usize,
) -> Writer<'s> {
    let mut out = Writer {
        src,
        out: String::new(),
        segs: Vec::new(),
        broken: false,
    };
    for child in cell.children().top().iter() {
        walk(&mut out, parser, *child, true, depth + 1);
    }
    out
}

fn table(w: &mut Writer, parser: &tl::Parser, rows: &[&tl::HTMLTag], depth: usize) {
    // occupied[r] = columns taken by a rowspan from above
    let mut occupied: Vec<Vec<bool>> = vec![Vec::new(); rows.len()];
    for (ri, row) in rows.iter().enumerate() {
        let cells = cells_of(parser, row);
        let texts: Vec<Writer> = cells
            .iter()
            .map(|c| cell_text(w.src, parser, c, depth))
            .collect();
        let has_number = texts.iter().any(|t| {
            let s = crate::norm::trim(&t.out);
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || c == '-')
        });
        // a row with its label and every data cell empty (FORMAT.md §7.5): blank values too, so
        // that the row is read with its cells (exported as nulls, NB206 once)
        let filled = texts
            .iter()
            .filter(|t| !crate::norm::trim(&t.out).is_empty())
            .count();
        let blank_row = !has_number
            && filled == 1
            && texts
                .first()
                .is_some_and(|t| !crate::norm::trim(&t.out).is_empty())
            && texts.len() - filled >= 2;
        let row_at = offset_of(w.src, row.raw()).unwrap_or(w.src.len());
        w.newline(row_at);
        let mut col = 0usize;
        let mut seen_text = false;
        for (written, (cell, text)) in cells.iter().zip(texts).enumerate() {
            while occupied[ri].get(col).copied().unwrap_or(false) {
                col += 1;
            }
            let (rs, cs) = (attr_num(cell, "rowspan"), attr_num(cell, "colspan"));
            for (r, taken) in occupied
                .iter_mut()
                .enumerate()
                .take((ri + rs).min(rows.len()))
                .skip(ri)
            {
                if taken.len() < col + cs {
                    taken.resize(col + cs, false);
                }
                for t in &mut taken[col..col + cs] {
                    *t = r != ri;
                }
            }
            col += cs;
            let cell_at = offset_of(w.src, cell.raw()).unwrap_or(row_at);
            let empty = crate::norm::trim(&text.out).is_empty();
            if written > 0 {
                w.synthetic(cell_at, cell_at, "\t");
            }
            if empty {
                // an empty data cell after the row's label is a blank value; elsewhere nothing
                if (has_number || blank_row) && seen_text {
                    let inner = inner_start(w.src, cell_at);
                    let mut buf = [0u8; 4];
                    w.synthetic(inner, inner, EMPTY_CELL.encode_utf8(&mut buf));
                }
                continue;
            }
            seen_text = true;
            let base = w.out.len() as u32;
            w.out.push_str(&text.out);
            w.segs.extend(text.segs.into_iter().map(|mut s| {
                s.text += base;
                s
            }));
        }
        w.newline(row_at);
    }
}

/// Where the content of the element starting at `at` begins (after its start tag).
fn inner_start(src: &str, at: usize) -> usize {
    src[at..].find('>').map_or(at, |i| at + i + 1)
}

fn collect_rows<'p>(
    parser: &'p tl::Parser,
    tag: &'p tl::HTMLTag,
    rows: &mut Vec<&'p tl::HTMLTag<'p>>,
    depth: usize,
) {
    if depth > 200 {
        return;
    }
    for h in tag.children().top().iter() {
        let Some(t) = h.get(parser).and_then(|n| n.as_tag()) else {
            continue;
        };
        match name_of(t).as_str() {
            "tr" => rows.push(t),
            "thead" | "tbody" | "tfoot" => collect_rows(parser, t, rows, depth + 1),
            _ => {}
        }
    }
}

/// Whitespace-only text?
pub fn is_blank(s: &str) -> bool {
    s.chars().all(is_space)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_become_tab_rows_with_a_source_map() {
        let src = "<html><head><title>x</title><script>var a='<td>';</script></head><body>\
            <nav>首页 | 政务公开</nav><p>三、收到和处理政府信息公开申请情况</p>\
            <table><tr><td rowspan=\"2\">三、本年度办理结果</td><td><span>（一）予以</span><font>公开</font></td><td>24</td><td>&nbsp;</td></tr>\
            <tr><td>（二）部分公开</td><td>0</td><td>1</td></tr></table></body></html>";
        let e = extract(src);
        let lines: Vec<&str> = e.text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines[0], "三、收到和处理政府信息公开申请情况");
        assert_eq!(
            lines[1],
            format!("三、本年度办理结果\t（一）予以公开\t24\t{EMPTY_CELL}")
        );
        assert_eq!(lines[2], "（二）部分公开\t0\t1");
        assert!(!e.text.contains("var a"));
        // the 24 maps back to the 24 of the page
        let at = e.text.find("24").unwrap();
        let r = e
            .map
            .to_source(TextRange::new((at as u32).into(), (at as u32 + 2).into()));
        assert_eq!(&src[r], "24");
        // a label split across tags maps to a range covering both parts
        let at = e.text.find("（一）").unwrap();
        let r = e.map.to_source(TextRange::new(
            (at as u32).into(),
            ((at + "（一）予以公开".len()) as u32).into(),
        ));
        assert!(src[r].starts_with("（一）予以") && src[r].ends_with("公开"));
        // the empty cell is an insertion point inside its <td>
        let at = e.text.find(EMPTY_CELL).unwrap() as u32;
        let r = e
            .map
            .edit_to_source(TextRange::new(at.into(), (at + 3).into()))
            .unwrap();
        assert!(r.is_empty());
        assert!(src[..usize::from(r.start())].ends_with("<td>"));
    }

    #[test]
    fn entities_and_odd_markup() {
        for src in [
            "<table><tr><td>&#20010;&#x4E2A;&amp;&bogus;</td></tr></table>",
            "<table><tr><td",
            "<<<>>>&&&;",
            "",
        ] {
            let e = extract(src);
            let _ = e
                .map
                .to_source(TextRange::new(0.into(), (e.text.len() as u32).into()));
        }
        let e = extract("<table><tr><td>&#20010;&#x4E2A;&amp;&bogus;</td></tr></table>");
        assert_eq!(e.text.trim(), "个个&&bogus;");
    }

    #[test]
    fn a_page_laid_out_in_a_table_is_read_as_its_cells_content() {
        // a site that puts the whole page in a table: banner, menu, and the article with its table
        let src = "<html><body><table><tr><td colspan=\"2\">某某县人民政府</td></tr>\
            <tr><td><table><tr><td><a href=\"/\">首页</a></td></tr></table></td>\
            <td><p>一、总体情况</p><p>本年度主动公开信息。</p>\
            <table><tr><td>规章</td><td>0</td><td>1</td></tr><tr><td>规范性文件</td><td>2</td><td>3</td></tr></table>\
            <p>二、主动公开政府信息情况</p></td></tr></table></body></html>";
        let e = extract(src);
        let lines: Vec<&str> = e.text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(
            lines,
            [
                "某某县人民政府",
                "首页",
                "一、总体情况",
                "本年度主动公开信息。",
                "规章\t0\t1",
                "规范性文件\t2\t3",
                "二、主动公开政府信息情况",
            ]
        );
        // an article alone in a cell (no table inside): its paragraphs stay lines
        let article: String = (0..4)
            .map(|i| format!("<p>第{i}段。{}</p>", "公开工作稳步推进。".repeat(10)))
            .collect();
        let e = extract(&format!(
            "<table><tr><td>导航</td><td>{article}</td></tr></table>"
        ));
        assert_eq!(e.text.lines().filter(|l| l.starts_with('第')).count(), 4);
    }

    #[test]
    fn a_data_table_with_paragraphs_in_its_cells_stays_a_grid() {
        // Word's HTML: every cell's text in a paragraph, a long label in two
        let src = "<table><tr><td><p class=MsoNormal>（三）不</p><p>予公开</p></td>\
            <td><p>1</p></td><td><p>2</p></td></tr>\
            <tr><td><p>（四）无法提供</p></td><td><p>0</p></td><td><p>0</p></td></tr></table>";
        let e = extract(src);
        let lines: Vec<&str> = e.text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines, ["（三）不予公开\t1\t2", "（四）无法提供\t0\t0"]);
    }

    /// A `<br>` inside a cell, as pandoc writes it (`本年新<br />` and the rest of the label on the next
    /// source line): the label reads as one, with no space from the source's line break; a break
    /// between Chinese characters or full-width marks joins, one beside ASCII is a space; the label
    /// maps back to the page.
    #[test]
    fn a_line_break_inside_a_cell_joins_the_label() {
        let src =
            "<table><tr><td><p>本年新<br />\n制作数量</p></td><td><p>Word \n<br>\n 文档</p></td>\
            <td>12</td><td>甲<br><br>\n</td><td>金额<br>（万元）</td></tr></table><p>一<br>二</p>";
        let e = extract(src);
        let lines: Vec<&str> = e.text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(
            lines,
            [
                "本年新制作数量\tWord 文档\t12\t甲\t金额（万元）",
                "一",
                "二"
            ]
        );
        let at = e.text.find("本年新").unwrap() as u32;
        let end = at + "本年新制作数量".len() as u32;
        let r = e.map.to_source(TextRange::new(at.into(), end.into()));
        assert_eq!(&src[r], "本年新<br />\n制作数量");
    }
}
