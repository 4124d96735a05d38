//! PDF input (read only): the glyphs of each page with their positions ([`reader`], over the
//! `pdf-extract` and `lopdf` crates, guarded against hostile files), laid out as report text
//! ([`layout`]: lines, table cells from positions and ruling lines, page furniture dropped) with a map
//! from every character to its page and place. Word boxes from another reader (`pdftotext -tsv`, run
//! by the CLI) enter the same layout through [`from_tsv`].

pub mod layout;
pub mod reader;

pub use layout::IMAGE_MARK;

/// One glyph: its character, the left end of its baseline (points, from the page's top left), its
/// advance width and its size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub ch: char,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub size: f32,
}

/// A ruling line: a horizontal one at height `at` from `from` to `to` (x), or a vertical one at `at`
/// (x) from `from` to `to` (y, top-down).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub vertical: bool,
    pub at: f32,
    pub from: f32,
    pub to: f32,
}

impl Rule {
    pub fn horizontal(y: f32, x0: f32, x1: f32) -> Rule {
        Rule {
            vertical: false,
            at: y,
            from: x0,
            to: x1,
        }
    }
    pub fn vertical(x: f32, y0: f32, y1: f32) -> Rule {
        Rule {
            vertical: true,
            at: x,
            from: y0,
            to: y1,
        }
    }
}

/// Where an image is drawn (top-down box).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Image {
    pub x0: f32,
    pub x1: f32,
    pub top: f32,
    pub bottom: f32,
}

/// One page as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// 1-based.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    pub images: Vec<Image>,
    /// The page's content could not be interpreted safely (read as a page without text).
    pub unreadable: bool,
    /// Glyphs drawn (spaces not counted), and of them those whose character their font does not
    /// say, or says is a control or private-use character (no ToUnicode entry for a CID font's glyph
    /// id, a simple font's code without an encoding it declares): (font name, glyphs).
    pub drawn: u32,
    pub unmapped: Vec<(String, u32)>,
}

/// Why a PDF cannot be read. Rendered in Chinese by `Display`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    #[error("不是 PDF 文件")]
    NotPdf,
    #[error("PDF 已加密（需要密码），无法读取；请提供未加密的文件")]
    Encrypted,
    #[error("PDF 文件已损坏，无法读取（{0}）")]
    Damaged(String),
    #[error("PDF 文件过大（{bytes} 字节，上限 {} 字节）", reader::MAX_BYTES)]
    TooLarge { bytes: usize },
    #[error("PDF 页数过多（{pages} 页，上限 {} 页）", reader::MAX_PAGES)]
    TooManyPages { pages: usize },
}

/// Does this look like a PDF (`%PDF-` within the first KiB, as readers accept)?
pub fn is_pdf(bytes: &[u8]) -> bool {
    memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some()
}

/// A character of the text and where it was printed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    /// Byte offset in the text.
    pub offset: u32,
    pub page: u32,
    pub x: f32,
    pub y: f32,
}

/// Takes offsets of the laid-out text to pages and positions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfMap {
    pub spans: Vec<Span>,
    /// The lines (byte ranges of the text, in order) of table rows laid out from the page's ruling
    /// lines: each value there sits in the cell drawn around it, whatever its neighbours.
    pub ruled_rows: Vec<(u32, u32)>,
}

impl PdfMap {
    /// The printed character at or before `offset` (separators belong to the character before them).
    pub fn at(&self, offset: u32) -> Option<&Span> {
        let i = self.spans.partition_point(|s| s.offset <= offset);
        self.spans.get(i.checked_sub(1)?)
    }

    /// Was the text at `offset` laid out in a table row drawn with ruling lines?
    pub fn in_ruled_row(&self, offset: u32) -> bool {
        let i = self.ruled_rows.partition_point(|r| r.1 <= offset);
        self.ruled_rows.get(i).is_some_and(|r| r.0 <= offset)
    }

    /// The page (1-based) of the text at `offset`.
    pub fn page(&self, offset: u32) -> Option<u32> {
        self.at(offset)
            .or_else(|| self.spans.first())
            .map(|s| s.page)
    }
}

/// What reading a PDF gives.
#[derive(Debug, Clone, Default)]
pub struct Laid {
    pub text: String,
    pub map: PdfMap,
    pub pages: usize,
}

/// Read a PDF and lay it out.
pub fn read(bytes: &[u8]) -> Result<Laid, PdfError> {
    let pages = reader::read(bytes)?;
    Ok(from_pages(&pages))
}

/// Lay out pages already read. A document whose text cannot be extracted ([`Unextractable`]) is
/// read as one line that says so ([`UNEXTRACTABLE`]): its glyphs stand for no known characters, so
/// nothing of it is given to the checks.
pub fn from_pages(pages: &[Page]) -> Laid {
    if let Some(u) = Unextractable::of(pages) {
        let text = format!("{UNEXTRACTABLE}{u}\n");
        let first = pages.first().map_or(1, |p| p.number);
        let map = PdfMap {
            spans: vec![Span {
                offset: 0,
                page: first,
                x: 0.0,
                y: 0.0,
            }],
            ruled_rows: Vec::new(),
        };
        return Laid {
            text,
            map,
            pages: pages.len(),
        };
    }
    let (text, map) = layout::lay_out(pages);
    if let Some(m) = Misread::of(&text) {
        return Laid {
            text: format!("{UNEXTRACTABLE}{m}\n"),
            map: PdfMap {
                spans: map.spans.into_iter().take(1).collect(),
                ruled_rows: Vec::new(),
            },
            pages: pages.len(),
        };
    }
    Laid {
        text,
        map,
        pages: pages.len(),
    }
}

/// A text whose fonts map glyphs to wrong characters (a ToUnicode map broken when the PDF was
/// re-distilled, e.g. by Ghostscript): Latin letters with diacritics (「á」「ÿ」「Þ」; not 「×」「÷」)
/// printed right beside ideographs, inside Chinese words (「政府信息}开」「政á|开」). Chinese text
/// has none there (pinyin's 「ǎ」 stands in a Latin word); at least [`MISREAD_LETTERS`] of them, and
/// one for every 50 ideographs, make the text not the document's.
#[derive(Debug, Clone, PartialEq)]
pub struct Misread {
    pub letters: usize,
    pub ideographs: usize,
    /// The first one with the characters around it.
    pub example: String,
}

/// The fewest letters among ideographs that make a text misread.
pub const MISREAD_LETTERS: usize = 20;

impl Misread {
    pub fn of(text: &str) -> Option<Misread> {
        let ideograph = |c: char| matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}');
        let letter = |c: char| matches!(c, '\u{C0}'..='\u{24F}') && c != '\u{D7}' && c != '\u{F7}';
        let chars: Vec<char> = text.chars().collect();
        let ideographs = chars.iter().filter(|&&c| ideograph(c)).count();
        let mut letters = 0;
        let mut example = String::new();
        for (i, &c) in chars.iter().enumerate() {
            if !letter(c) {
                continue;
            }
            let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
            let after = chars.get(i + 1).copied();
            if before.is_some_and(ideograph) || after.is_some_and(ideograph) {
                letters += 1;
                if example.is_empty() {
                    example = chars[i.saturating_sub(2)..(i + 3).min(chars.len())]
                        .iter()
                        .filter(|c| !c.is_whitespace())
                        .collect();
                }
            }
        }
        (letters >= MISREAD_LETTERS && letters * 50 >= ideographs).then_some(Misread {
            letters,
            ideographs,
            example,
        })
    }
}

impl std::fmt::Display for Misread {
    /// 「字体的 ToUnicode 映射有误：354 个拉丁字母夹在汉字之间（如「政á|开」）」
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "字体的 ToUnicode 映射有误：{} 个拉丁字母夹在汉字之间（如「{}」）",
            self.letters, self.example
        )
    }
}

/// Opens the one line a PDF whose text cannot be extracted is read as; what follows on the line says
/// which fonts and what share of the glyphs (rule NB109 reports it).
pub const UNEXTRACTABLE: &str = "\u{FFFD}PDF 文字无法提取：";

/// Is this text a PDF read as [`UNEXTRACTABLE`]?
pub fn is_unextractable(text: &str) -> bool {
    text.starts_with(UNEXTRACTABLE)
}

/// A document most of whose glyphs stand for no known character: their fonts carry no map to
/// characters (an Identity-H CID font without ToUnicode, whose codes are glyph ids; a simple or
/// Type 3 font without an encoding it declares), or map them to control or private-use characters.
#[derive(Debug, Clone, PartialEq)]
pub struct Unextractable {
    /// The fonts of the unmapped glyphs (subset prefix 「ABCDEF+」 dropped), the most used first, and
    /// their glyphs.
    pub fonts: Vec<(String, u32)>,
    pub unmapped: u32,
    pub drawn: u32,
}

impl Unextractable {
    /// More than half of the glyphs drawn are unmapped: the text read is not the document's.
    pub fn of(pages: &[Page]) -> Option<Unextractable> {
        let drawn: u32 = pages.iter().map(|p| p.drawn).sum();
        let mut fonts: Vec<(String, u32)> = Vec::new();
        for (name, n) in pages.iter().flat_map(|p| &p.unmapped) {
            let name = name.split_once('+').map_or(name.as_str(), |(_, n)| n);
            match fonts.iter_mut().find(|f| f.0 == name) {
                Some(f) => f.1 += n,
                None => fonts.push((name.to_string(), *n)),
            }
        }
        let unmapped: u32 = fonts.iter().map(|f| f.1).sum();
        if drawn == 0 || unmapped.saturating_mul(2) <= drawn {
            return None;
        }
        fonts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Some(Unextractable {
            fonts,
            unmapped,
            drawn,
        })
    }
}

impl std::fmt::Display for Unextractable {
    /// 「字体 WenQuanYiZenHei、DejaVuSans 没有字符映射（ToUnicode），其字形占全部 1437 个字形的 98%」
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const SHOWN: usize = 4;
        let mut names: Vec<&str> = self
            .fonts
            .iter()
            .take(SHOWN)
            .map(|(n, _)| {
                if n.is_empty() {
                    "（无名 Type 3 字体）"
                } else {
                    n.as_str()
                }
            })
            .collect();
        names.dedup();
        let more = if self.fonts.len() > SHOWN {
            format!("等 {} 种字体", self.fonts.len())
        } else {
            String::new()
        };
        let percent = (u64::from(self.unmapped) * 100 / u64::from(self.drawn.max(1))).min(100);
        write!(
            f,
            "字体 {}{more} 没有到文字的映射（ToUnicode），其字形占全部 {} 个字形的 {percent}%",
            names.join("、"),
            self.drawn
        )
    }
}

/// Does the text read from a PDF look wrong (undecodable glyphs, few Chinese characters for a Chinese
/// report)? Then another reading is worth trying.
pub fn looks_wrong(text: &str) -> bool {
    let mut total = 0usize;
    let mut ideographs = 0usize;
    let mut replacement = 0usize;
    for c in text
        .chars()
        .filter(|&c| !c.is_whitespace() && c != IMAGE_MARK)
    {
        total += 1;
        match c {
            '\u{FFFD}' => replacement += 1,
            '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' => ideographs += 1,
            _ => {}
        }
    }
    total > 0 && (replacement * 50 > total || ideographs * 5 < total)
}

/// Pages from the output of `pdftotext -tsv` (word boxes; lines `level page_num par_num block_num
/// line_num word_num left top width height conf text`, level 1 a page with its size, level 5 a word).
/// Each word's width is shared among its characters.
pub fn from_tsv(tsv: &str) -> Vec<Page> {
    let mut pages: Vec<Page> = Vec::new();
    for line in tsv.lines().skip(1) {
        let f: Vec<&str> = line.splitn(12, '\t').collect();
        if f.len() < 12 {
            continue;
        }
        let num = |i: usize| f[i].trim().parse::<f32>().ok().filter(|v| v.is_finite());
        let (Some(level), Some(page)) = (num(0), num(1)) else {
            continue;
        };
        let page = page as u32;
        if page == 0 || page as usize > reader::MAX_PAGES {
            continue;
        }
        while pages.len() < page as usize {
            pages.push(Page {
                number: pages.len() as u32 + 1,
                ..Page::default()
            });
        }
        let p = &mut pages[page as usize - 1];
        let (Some(left), Some(top), Some(width), Some(height)) = (num(6), num(7), num(8), num(9))
        else {
            continue;
        };
        if level as u32 == 1 {
            p.width = width;
            p.height = height;
            continue;
        }
        let text = f[11];
        if level as u32 != 5 || text.starts_with("###") {
            continue;
        }
        let chars: Vec<char> = text.chars().filter(|c| !c.is_control()).collect();
        if chars.is_empty() || p.glyphs.len() > 100_000 {
            continue;
        }
        let share = width / chars.len() as f32;
        let (y, size) = baseline_and_size(top, height, share, &chars);
        for (i, ch) in chars.into_iter().enumerate() {
            p.glyphs.push(Glyph {
                ch,
                x: left + share * i as f32,
                y,
                width: share,
                size,
            });
        }
    }
    pages
}

/// A word box's baseline and font size. Poppler's box is the font's ascent to descent: the baseline a
/// little above its bottom, the size its height. Some fonts declare far more (a CJK font re-emitted by
/// cairo as Type 1: boxes ~2.9 em tall around 1-em glyphs, their tops and bottoms far from those of the
/// digits beside them on the line). A word of full-width characters only (ideographs, full-width
/// punctuation: each as wide as the font size) whose box is more than 1.6 of its glyphs' width tall is
/// such a box: its size is the glyphs' width and its baseline below the box's middle by 0.38 of it (the
/// em box of a CJK font reaches from 0.12 em below the baseline to 0.88 above).
fn baseline_and_size(top: f32, height: f32, share: f32, chars: &[char]) -> (f32, f32) {
    let full_width =
        |c: &char| matches!(*c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF01..=0xFF60);
    if share > 0.0 && height > 1.6 * share && chars.iter().all(full_width) {
        (top + height / 2.0 + 0.38 * share, share)
    } else {
        (top + height * 0.88, height)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(ch: char, x: f32, y: f32) -> Glyph {
        Glyph {
            ch,
            x,
            y,
            width: 10.0,
            size: 10.0,
        }
    }

    fn page(glyphs: Vec<Glyph>, rules: Vec<Rule>) -> Page {
        Page {
            number: 1,
            width: 600.0,
            height: 800.0,
            glyphs,
            rules,
            ..Page::default()
        }
    }

    fn word(s: &str, x: f32, y: f32) -> Vec<Glyph> {
        s.chars()
            .enumerate()
            .map(|(i, c)| g(c, x + 10.0 * i as f32, y))
            .collect()
    }

    #[test]
    fn prose_lines_and_a_table_row_with_a_wrapped_label() {
        let mut glyphs = word("一、总体情况", 50.0, 100.0);
        glyphs.extend(word("第一行文字", 50.0, 120.0));
        // a label wrapped over two lines, its values centred between them
        glyphs.extend(word("（二）部分公开", 50.0, 200.0));
        glyphs.extend(word("一情形）", 50.0, 212.0));
        glyphs.extend(word("3", 200.0, 206.0));
        glyphs.extend(word("0", 240.0, 206.0));
        glyphs.extend(word("3", 280.0, 206.0));
        let laid = from_pages(&[page(glyphs, Vec::new())]);
        assert_eq!(
            laid.text,
            "一、总体情况\n第一行文字\n（二）部分公开一情形）\t3\t0\t3\n"
        );
        let at = laid.text.find('3').unwrap() as u32;
        assert_eq!(laid.map.page(at), Some(1));
        assert_eq!(laid.map.at(at).unwrap().x, 200.0);
    }

    /// An unruled table whose header cells are printed close together (「商业企业科研机构」 one chunk,
    /// 3 pt between the cells): its columns come from the header glyphs, each value goes to the column
    /// over it, the blank cells are written, and a row of labels only is a row of blanks.
    #[test]
    fn unruled_table_values_placed_under_the_header_glyphs() {
        let mut glyphs = word("申请人", 20.0, 100.0);
        glyphs.extend(word("自然人", 200.0, 100.0));
        glyphs.extend(word("商业企业", 240.0, 100.0));
        glyphs.extend(word("科研机构", 283.0, 100.0));
        glyphs.extend(word("总计", 330.0, 100.0));
        glyphs.extend(word("本年新收", 20.0, 130.0));
        glyphs.extend(word("82", 205.0, 130.0));
        glyphs.extend(word("5", 300.0, 130.0));
        glyphs.extend(word("87", 335.0, 130.0));
        glyphs.extend(word("上年结转", 20.0, 160.0));
        glyphs.extend(word("四、其他", 20.0, 190.0));
        let laid = from_pages(&[page(glyphs, Vec::new())]);
        let e = crate::html::EMPTY_CELL;
        assert_eq!(
            laid.text,
            format!(
                "申请人\t自然人\t商业企业科研机构总计\n本年新收\t82\t{e}\t5\t87\n上年结转\t{e}\t{e}\t{e}\t{e}\n四、其他\n"
            )
        );
        let at = laid.text.find('5').unwrap() as u32;
        assert_eq!(laid.map.at(at).unwrap().x, 300.0);
    }

    /// The header line of an unruled table of three columns (自然人 at 200, 商业企业 at 240, 总计 at
    /// 300), at 100 pt.
    fn three_column_header(glyphs: &mut Vec<Glyph>) {
        glyphs.extend(word("自然人", 200.0, 100.0));
        glyphs.extend(word("商业企业", 240.0, 100.0));
        glyphs.extend(word("总计", 300.0, 100.0));
    }

    /// Values of neighbouring columns printed close (「82 35」 as one chunk) are cut at their glyph gap;
    /// a value that crosses a column boundary without a gap, or two values under one header, leave
    /// the row as laid out (nothing invented).
    #[test]
    fn unruled_values_cut_at_glyph_gaps_only_where_each_falls_in_one_column() {
        let header = three_column_header;
        let mut glyphs = vec![];
        header(&mut glyphs);
        glyphs.extend(word("本年新收", 20.0, 130.0));
        glyphs.extend(word("821", 200.0, 130.0));
        glyphs.extend(word("35", 235.0, 130.0)); // 5 pt after 821: one chunk
        let laid = from_pages(&[page(glyphs, Vec::new())]);
        let e = crate::html::EMPTY_CELL;
        assert!(
            laid.text.contains(&format!("本年新收\t821\t35\t{e}\n")),
            "{}",
            laid.text
        );
        // 「12345」 across 自然人 and 商业企业 without a gap: not cut, the row stays as laid out
        let mut glyphs = vec![];
        header(&mut glyphs);
        glyphs.extend(word("本年新收", 20.0, 130.0));
        glyphs.extend(word("12345", 210.0, 130.0));
        let laid = from_pages(&[page(glyphs, Vec::new())]);
        assert!(laid.text.contains("本年新收\t12345\n"), "{}", laid.text);
        assert!(!laid.text.contains(e));
    }

    /// An unruled table whose label runs up to the first column, the value printed right after its
    /// last glyph (one chunk: 「不计其3」): the value is cut off the label into its column; a label
    /// reaching into the columns with text, or a number inside the label, is no such value.
    #[test]
    fn a_value_printed_right_after_its_label_is_cut_off_it() {
        let header = |glyphs: &mut Vec<Glyph>| {
            three_column_header(glyphs);
            glyphs.extend(word("本年新收", 20.0, 130.0));
            glyphs.extend(word("5", 205.0, 130.0));
        };
        let e = crate::html::EMPTY_CELL;
        let mut glyphs = vec![];
        header(&mut glyphs);
        // 「不计其」 ends at 200, where 自然人 starts: 「3」 right after it, no gap
        glyphs.extend(word("只计一情形不计其3", 120.0, 160.0));
        glyphs.extend(word("4", 305.0, 160.0));
        let laid = from_pages(&[page(glyphs, Vec::new())]);
        assert!(
            laid.text
                .contains(&format!("只计一情形不计其\t3\t{e}\t4\n")),
            "{}",
            laid.text
        );
        let at = laid.text.find('3').unwrap() as u32;
        assert_eq!(laid.map.at(at).unwrap().x, 200.0);
        // text running on into the columns after the label: no value cut from it
        let mut glyphs = vec![];
        header(&mut glyphs);
        glyphs.extend(word("只计一情形不计其他情形3", 110.0, 160.0));
        let laid = from_pages(&[page(glyphs, Vec::new())]);
        assert!(
            laid.text.contains("只计一情形不计其他情形3\n"),
            "{}",
            laid.text
        );
    }

    /// An unruled table: a label of a row without values wrapped inside its cell (each line full, up
    /// to the first column) is one label; a line under a short one, and a line starting as an item
    /// does, are rows of their own.
    #[test]
    fn unruled_label_wrapped_in_a_row_of_blanks_is_one_label() {
        let mut glyphs = word("自然人", 200.0, 100.0);
        glyphs.extend(word("总计", 260.0, 100.0));
        glyphs.extend(word("本年新收", 80.0, 130.0));
        glyphs.extend(word("8", 205.0, 130.0));
        glyphs.extend(word("8", 265.0, 130.0));
        glyphs.extend(word("要求行政机关确认或", 80.0, 160.0));
        glyphs.extend(word("重新出具已获取信息", 80.0, 172.0));
        glyphs.extend(word("内容", 80.0, 184.0));
        glyphs.extend(word("（六）其他处理", 80.0, 210.0));
        glyphs.extend(word("其他", 80.0, 240.0));
        glyphs.extend(word("事项", 80.0, 252.0));
        let laid = from_pages(&[page(glyphs, Vec::new())]);
        let e = crate::html::EMPTY_CELL;
        assert_eq!(
            laid.text,
            format!(
                "自然人\t总计\n本年新收\t8\t8\n要求行政机关确认或重新出具已获取信息内容\t{e}\t{e}\n\
                 （六）其他处理\t{e}\t{e}\n其他\t{e}\t{e}\n事项\t{e}\t{e}\n"
            )
        );
    }

    /// A wrapped label whose lines went over to the next page, two lines there: they join the label
    /// of the row the page ended with; the next row stays a row.
    #[test]
    fn unruled_label_wrapped_over_a_page_break_over_two_lines() {
        let mut glyphs = word("自然人", 200.0, 100.0);
        glyphs.extend(word("总计", 260.0, 100.0));
        glyphs.extend(word("一、本年新收政府", 100.0, 700.0));
        glyphs.extend(word("46", 205.0, 700.0));
        glyphs.extend(word("46", 265.0, 700.0));
        let first = page(glyphs, Vec::new());
        let mut glyphs = word("信息公开申请数量", 100.0, 100.0);
        glyphs.extend(word("之和", 100.0, 112.0));
        glyphs.extend(word("二、上年结转", 100.0, 140.0));
        glyphs.extend(word("0", 205.0, 140.0));
        glyphs.extend(word("0", 265.0, 140.0));
        let mut second = page(glyphs, Vec::new());
        second.number = 2;
        let laid = from_pages(&[first, second]);
        assert_eq!(
            laid.text,
            "自然人\t总计\n一、本年新收政府信息公开申请数量之和\t46\t46\n二、上年结转\t0\t0\n"
        );
    }

    #[test]
    fn ruled_cells_join_their_lines_and_blank_cells_are_kept() {
        // two columns of a ruled table: label cell with two lines, values in the next cells
        let rules = vec![
            Rule::horizontal(90.0, 40.0, 400.0),
            Rule::horizontal(140.0, 40.0, 400.0),
            Rule::vertical(40.0, 90.0, 140.0),
            Rule::vertical(190.0, 90.0, 140.0),
            Rule::vertical(260.0, 90.0, 140.0),
            Rule::vertical(330.0, 90.0, 140.0),
            Rule::vertical(400.0, 90.0, 140.0),
        ];
        let mut glyphs = word("本年新收", 50.0, 105.0);
        glyphs.extend(word("申请数量", 50.0, 130.0));
        glyphs.extend(word("12", 200.0, 118.0));
        glyphs.extend(word("12", 340.0, 118.0));
        let laid = from_pages(&[page(glyphs, rules)]);
        assert_eq!(
            laid.text,
            format!(
                "本年新收申请数量\t12\t{EMPTY}\t12\n",
                EMPTY = crate::html::EMPTY_CELL
            )
        );
    }

    /// Each cell framed on its own (WeasyPrint: the frames of neighbouring cells 2 pt apart), a label
    /// cell spanning two rows: one cell per frame, no blank column between two frames, the spanning
    /// label on its first row and not on the second, the two rows apart.
    #[test]
    fn cells_framed_apart_and_a_label_spanning_two_rows() {
        let frame = |x0: f32, y0: f32, x1: f32, y1: f32| {
            vec![
                Rule::horizontal(y0, x0, x1),
                Rule::horizontal(y1, x0, x1),
                Rule::vertical(x0, y0, y1),
                Rule::vertical(x1, y0, y1),
            ]
        };
        let mut rules = frame(40.0, 90.0, 150.0, 172.0);
        rules.extend(frame(152.0, 90.0, 300.0, 130.0));
        rules.extend(frame(302.0, 90.0, 360.0, 130.0));
        rules.extend(frame(152.0, 132.0, 300.0, 172.0));
        rules.extend(frame(302.0, 132.0, 360.0, 172.0));
        let mut glyphs = word("三、本年度", 50.0, 136.0);
        glyphs.extend(word("（一）予以公开", 160.0, 115.0));
        glyphs.extend(word("1", 320.0, 115.0));
        glyphs.extend(word("（二）部分公开", 160.0, 157.0));
        glyphs.extend(word("0", 320.0, 157.0));
        let laid = from_pages(&[page(glyphs, rules)]);
        assert_eq!(
            laid.text,
            "三、本年度\t（一）予以公开\t1\n（二）部分公开\t0\n"
        );
        // rules 4 pt apart or more still bound a column: its blank cell is kept
        let mut rules = frame(40.0, 90.0, 150.0, 130.0);
        rules.extend(frame(154.0, 90.0, 300.0, 130.0));
        rules.push(Rule::vertical(150.0, 90.0, 130.0));
        let mut glyphs = word("本年新收", 50.0, 115.0);
        glyphs.extend(word("12", 200.0, 115.0));
        let laid = from_pages(&[page(glyphs, rules)]);
        assert_eq!(
            laid.text,
            format!("本年新收\t{}\t12\n", crate::html::EMPTY_CELL)
        );
    }

    #[test]
    fn page_numbers_and_running_heads_are_dropped() {
        let mut pages = Vec::new();
        for n in 1..=3u32 {
            let mut glyphs = word("某某县政府信息公开年度报告", 50.0, 30.0);
            glyphs.extend(word(&format!("正文{n}"), 50.0, 300.0));
            glyphs.extend(word(&format!("- {n} -"), 280.0, 780.0));
            let mut p = page(glyphs, Vec::new());
            p.number = n;
            pages.push(p);
        }
        assert_eq!(from_pages(&pages).text, "正文1\n正文2\n正文3\n");
    }

    #[test]
    fn tsv_word_boxes() {
        let tsv = "level\tpage_num\tpar_num\tblock_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t600\t800\t-1\t###PAGE###\n\
                   5\t1\t0\t0\t0\t0\t50\t90\t40\t10\t100\t一、总体\n\
                   5\t1\t0\t0\t0\t1\t90\t90\t20\t10\t100\t情况\n\
                   5\t2\t0\t0\t0\t1\tx\t90\t20\t10\t100\t坏行\n";
        let pages = from_tsv(tsv);
        assert_eq!(pages.len(), 2);
        assert_eq!(from_pages(&pages).text, "一、总体情况\n");
    }

    #[test]
    fn tsv_boxes_of_a_font_that_declares_too_tall_a_box_stay_on_their_line() {
        // poppler's boxes of a pdftocairo PDF: the ideographs' boxes ~2.9 em tall (the font's declared
        // box), the digits' and the comma's as tall as their font; one printed line
        let tsv = "level\tpage_num\tpar_num\tblock_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t595\t842\t-1\t###PAGE###\n\
                   5\t1\t0\t0\t1\t0\t79.41\t122.19\t27.95\t12.78\t100\t2020\n\
                   5\t1\t0\t0\t1\t1\t109.57\t113.41\t10.49\t29.97\t100\t年\n\
                   5\t1\t0\t0\t1\t2\t120.06\t122.19\t3.48\t12.78\t100\t,\n\
                   5\t1\t0\t0\t1\t3\t123.56\t113.41\t41.96\t29.97\t100\t我县坚持\n\
                   5\t1\t0\t0\t2\t0\t79.41\t128.49\t52.44\t29.97\t100\t好政策解读\n";
        let pages = from_tsv(tsv);
        let nian = pages[0].glyphs.iter().find(|g| g.ch == '年').unwrap();
        assert!((nian.size - 10.49).abs() < 0.01 && (nian.y - 132.38).abs() < 0.01);
        assert_eq!(from_pages(&pages).text, "2020年,我县坚持\n好政策解读\n");
        // refused: a box no taller than its glyphs are wide (an ordinary CJK font), a word with
        // half-width characters in it (its width says nothing of the size), a zero-width box
        assert_eq!(
            baseline_and_size(100.0, 12.0, 10.0, &['年']),
            (110.56, 12.0)
        );
        assert_eq!(
            baseline_and_size(100.0, 30.0, 5.0, &['第', '1']),
            (126.4, 30.0)
        );
        assert_eq!(baseline_and_size(100.0, 30.0, 0.0, &['年']), (126.4, 30.0));
    }

    fn counted(drawn: u32, unmapped: &[(&str, u32)]) -> Page {
        Page {
            drawn,
            unmapped: unmapped.iter().map(|(n, c)| (n.to_string(), *c)).collect(),
            ..page(word("正文", 50.0, 100.0), Vec::new())
        }
    }

    /// More than half of the glyphs unmapped: the document is read as the one line that says so, the
    /// fonts named (subset prefix dropped, the most used first, the same font on two pages once).
    #[test]
    fn a_document_of_unmapped_glyphs_is_one_line_naming_the_fonts() {
        let pages = [
            counted(100, &[("AAAAAA+SimSun", 60), ("BBBBBB+Arial", 5)]),
            counted(100, &[("CCCCCC+SimSun", 40)]),
        ];
        let laid = from_pages(&pages);
        assert!(is_unextractable(&laid.text));
        assert_eq!(
            laid.text,
            format!("{UNEXTRACTABLE}字体 SimSun、Arial 没有到文字的映射（ToUnicode），其字形占全部 200 个字形的 52%\n")
        );
        assert_eq!(laid.map.page(0), Some(1));
        assert!(looks_wrong("\u{FFFD}x") && !looks_wrong(&laid.text));
    }

    /// Latin letters inside Chinese words (a broken ToUnicode): the document is the one line that says
    /// so. Refused: pinyin in Latin words, 「×」 between ideographs, fewer than 20 such letters, fewer
    /// than one for every 50 ideographs.
    #[test]
    fn latin_letters_inside_chinese_words_are_a_misread_text() {
        let garbled = "政府信息|开工作á度ç告，".repeat(20);
        let m = Misread::of(&garbled).unwrap();
        assert_eq!(m.letters, 40);
        assert_eq!(m.example, "工作á度ç");
        let laid = from_pages(&[page(word(&garbled, 10.0, 100.0), Vec::new())]);
        assert_eq!(
            laid.text,
            format!("{UNEXTRACTABLE}字体的 ToUnicode 映射有误：40 个拉丁字母夹在汉字之间（如「工作á度ç」）\n")
        );
        let pinyin = "上海（Shàng hǎi）市人民政府".repeat(30);
        assert_eq!(Misread::of(&pinyin), None);
        assert_eq!(Misread::of(&"长×宽".repeat(30)), None);
        assert_eq!(Misread::of(&"政á开".repeat(19)), None);
        let rare = format!("{}{}", "政á开".repeat(20), "汉".repeat(2000));
        assert_eq!(Misread::of(&rare), None);
    }

    /// Refused: half of the glyphs or fewer unmapped (one garbled font among readable ones), a document
    /// without glyphs (a scan), and no unmapped glyph at all.
    #[test]
    fn a_document_with_most_glyphs_mapped_is_read() {
        let half = [counted(100, &[("AAAAAA+SimSun", 50)])];
        assert_eq!(Unextractable::of(&half), None);
        assert_eq!(from_pages(&half).text, "正文\n");
        assert_eq!(Unextractable::of(&[counted(0, &[])]), None);
        assert_eq!(Unextractable::of(&[counted(100, &[])]), None);
        assert!(Unextractable::of(&[counted(100, &[("F1", 51)])]).is_some());
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert_eq!(read(b"hello").unwrap_err(), PdfError::NotPdf);
        assert!(matches!(
            read(b"%PDF-1.4\n garbage"),
            Err(PdfError::Damaged(_))
        ));
        assert!(looks_wrong("\u{FFFD}\u{FFFD}abc"));
        assert!(!looks_wrong("一、总体情况 2021年"));
        assert!(!looks_wrong("\u{FFFC}\n\u{FFFC}\n"));
    }
}
