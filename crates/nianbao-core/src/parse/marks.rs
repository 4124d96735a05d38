//! What a route writes into a report's text that is not the report's own (FORMAT.md §7): page numbers,
//! and the notes a PDF-to-Markdown converter leaves where it did not convert something. Each is
//! recognised here, once; the reader drops them from a table's cells, the PDF layout drops page numbers
//! from a page's margin, and NB210 reads a converter's note of a picture left out as a picture.
//!
//! These marks are the route's, not the report's: no template writes them, they are the same whatever
//! the template, and a new template version does not change them. So they are not template data
//! (which holds the report's words: headings, labels, markers) but this module's, written in one
//! place: [`CONVERTER_NOTE`] and the forms of [`page_number`].

use crate::norm::{fold_width, is_space, trim};

/// The words of a converter's notes (pymupdf4llm, FORMAT.md §7.4): a note is written between
/// `open` and `close` (「==> picture [424 x 190] intentionally omitted <==」), a picture's kept text
/// between two lines of `rule` (「----- Start of picture text -----」), a line break in a cell as an
/// HTML tag (「<br>」).
pub struct ConverterNoteWords {
    pub open: &'static str,
    pub close: &'static str,
    /// A note of a picture left out starts with this word …
    pub picture: &'static str,
    /// … and ends with this one.
    pub omitted: &'static str,
    pub rule: &'static str,
    pub line_breaks: [&'static str; 6],
}

pub const CONVERTER_NOTE: ConverterNoteWords = ConverterNoteWords {
    open: "==>",
    close: "<==",
    picture: "picture",
    omitted: "omitted",
    rule: "-----",
    line_breaks: ["<br />", "<br/>", "<br>", "<BR />", "<BR/>", "<BR>"],
};

/// What a converter wrote in a cell or on a line of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConverterNote {
    /// Nothing but line-break tags and emphasis (「<br>」, 「****」).
    Empty,
    /// 「==> picture [424 x 190] intentionally omitted <==」: a picture whose text is not there.
    PictureLeftOut,
    /// Any other note between 「==>」 and 「<==」.
    Other,
    /// 「----- Start of picture text -----」: the bounds of a picture's kept text.
    PictureTextBound,
}

/// The converter's note `t` is (a cell, or a line; white space and Markdown emphasis around it
/// allowed), if it is one.
pub fn converter_note(t: &str) -> Option<ConverterNote> {
    let t = trim(t);
    if !t.starts_with(['<', '=', '-', '*']) {
        return None; // (most cells: a label or a number)
    }
    let w = &CONVERTER_NOTE;
    let bare = without_line_break_tags(t);
    let bare = trim(bare.trim_matches('*'));
    if bare.is_empty() {
        return Some(ConverterNote::Empty);
    }
    if let Some(inner) = bare
        .strip_prefix(w.open)
        .and_then(|b| b.strip_suffix(w.close))
    {
        let inner = trim(inner);
        return Some(
            if inner.starts_with(w.picture) && inner.ends_with(w.omitted) {
                ConverterNote::PictureLeftOut
            } else {
                ConverterNote::Other
            },
        );
    }
    (bare.starts_with(w.rule) && bare.ends_with(w.rule) && bare.is_ascii())
        .then_some(ConverterNote::PictureTextBound)
}

/// Does a line of `text` hold a converter's note of a picture left out without its text?
pub fn notes_picture_left_out(text: &str) -> bool {
    text.contains(CONVERTER_NOTE.open)
        && text
            .lines()
            .any(|line| converter_note(line) == Some(ConverterNote::PictureLeftOut))
}

/// The text without its HTML line breaks (「<br>」, 「<br/>」, 「<br />」).
pub fn without_line_break_tags(t: &str) -> std::borrow::Cow<'_, str> {
    if !t.contains("<br") && !t.contains("<BR") {
        return std::borrow::Cow::Borrowed(t);
    }
    let mut out = t.to_string();
    for tag in CONVERTER_NOTE.line_breaks {
        out = out.replace(tag, "");
    }
    std::borrow::Cow::Owned(out)
}

/// The dashes and dots a page number is written between (after width folding).
pub(crate) const DECOR: [char; 5] = ['-', '—', '–', '·', '•'];

/// How a text is a page number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageNumber {
    /// Marked as one by its own characters, wherever it stands: 「—5—」「- 5 -」「·5·」「第5页」
    /// 「第 5 页 共 9 页」「第5页，共9页」「共9页第5页」「Page 5」「Page 5 of 9」.
    Marked,
    /// 「5」「5/9」「2-3」「5页」「-5」 (at most four digits in all): a page number only where it stands
    /// alone in a page's margin; in a table it is a value, or text of the table's.
    Bare,
}

/// Is `s` a page number as PDFs print them (white space and width ignored; each number of at most
/// four digits)? See [`PageNumber`] for the forms.
pub fn page_number(s: &str) -> Option<PageNumber> {
    // every page number starts with a digit, a dash or dot, 「第」「共」 or 「Page」: most cells
    // start with another ideograph and are rejected at once
    let first = s.chars().map(fold_width).find(|c| !is_space(*c))?;
    if !(first.is_ascii_digit()
        || DECOR.contains(&first)
        || matches!(first, '第' | '共' | 'P' | 'p'))
    {
        return None;
    }
    let folded: String = s
        .chars()
        .map(fold_width)
        .filter(|c| !is_space(*c))
        .collect();
    let core = folded.trim_start_matches(DECOR);
    let before = core.len() < folded.len();
    let inner = core.trim_end_matches(DECOR);
    let after = inner.len() < core.len();
    // the shape: each run of digits written as one 「#」
    let mut shape = String::new();
    let (mut run, mut digits) = (0, 0);
    for c in inner.chars() {
        if c.is_ascii_digit() {
            run += 1;
            digits += 1;
            if run > 4 {
                return None;
            }
            if run == 1 {
                shape.push('#');
            }
        } else {
            run = 0;
            shape.push(if DECOR.contains(&c) { '-' } else { c });
        }
    }
    match shape.to_ascii_lowercase().as_str() {
        "#" if before && after => Some(PageNumber::Marked),
        "#" | "#/#" | "#-#" | "#页" | "页#" if digits <= 4 => Some(PageNumber::Bare),
        "第#页" | "第#页共#页" | "第#页,共#页" | "共#页第#页" | "page#" | "page#of#" => {
            Some(PageNumber::Marked)
        }
        _ => None,
    }
}

/// Is `s` a page number by its own characters (a cell or line anywhere, [`PageNumber::Marked`])?
pub fn is_marked_page_number(s: &str) -> bool {
    // no marked form starts with a digit (most cells: a value) or an ideograph other than 「第」「共」
    let first = s.chars().map(fold_width).find(|c| !is_space(*c));
    matches!(first, Some(c) if DECOR.contains(&c) || matches!(c, '第' | '共' | 'P' | 'p'))
        && page_number(s) == Some(PageNumber::Marked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_marked_by_their_own_characters() {
        for s in [
            "—5—",
            "- 5 -",
            "-4-",
            "— 12 —",
            "－４－",
            "--5--",
            "·5·",
            "第5页",
            "第 5 页",
            "第 5 页 共 9 页",
            "第5页，共9页",
            "共9页第5页",
            "第10页共120页",
            "Page 5",
            "Page 5 of 9",
            "-第5页-",
        ] {
            assert_eq!(page_number(s), Some(PageNumber::Marked), "{s}");
            assert!(is_marked_page_number(s), "{s}");
        }
    }

    #[test]
    fn page_numbers_only_by_where_they_stand() {
        for s in [
            "5", "0", "5/9", "5／9", "12/34", "2-3", "5页", "-5", "5—", "12", "5 6",
        ] {
            assert_eq!(page_number(s), Some(PageNumber::Bare), "{s}");
            assert!(!is_marked_page_number(s), "{s}");
        }
    }

    #[test]
    fn other_text_is_no_page_number() {
        for s in [
            "",
            "-",
            "——",
            "12345",
            "-12345-",
            "第12345页",
            "第页",
            "第五页",
            "第5条",
            "第5页共九页",
            "2022-01",
            "123/456",
            "56.5",
            "本年新收政府信息公开申请数量",
            "主动公开",
            "Page",
            "共9页",
            "5/9/2022",
        ] {
            assert_eq!(page_number(s), None, "{s}");
        }
    }

    #[test]
    fn a_converters_notes() {
        use ConverterNote::*;
        assert_eq!(converter_note("<br>"), Some(Empty));
        assert_eq!(converter_note("** <br/> **"), Some(Empty));
        assert_eq!(
            converter_note("==> picture [205 x 13] intentionally omitted <=="),
            Some(PictureLeftOut)
        );
        assert_eq!(
            converter_note("  **==> picture [424 x 190] intentionally omitted <==**  "),
            Some(PictureLeftOut)
        );
        assert_eq!(converter_note("==> something else <=="), Some(Other));
        assert_eq!(
            converter_note("----- Start of picture text -----"),
            Some(PictureTextBound)
        );
        assert_eq!(
            converter_note("----- End of picture text -----<br>"),
            Some(PictureTextBound)
        );
        assert_eq!(converter_note("-----表-----"), None);
        assert_eq!(converter_note("-5-"), None);
        assert_eq!(converter_note("箭头 ==> 表示 picture 流程 <=="), None);
        assert_eq!(converter_note("本年新收"), None);
        assert!(notes_picture_left_out(
            "四、\n\n**==> picture [424 x 190] intentionally omitted <==**\n"
        ));
        assert!(!notes_picture_left_out(
            "----- Start of picture text -----\n0 0 0\n----- End of picture text -----"
        ));
        assert!(!notes_picture_left_out("箭头 ==> 表示 picture 流程 <=="));
        assert!(!notes_picture_left_out("==> 目录 <=="));
    }
}
