//! NB210 table-as-image: the section is there but its table holds no text (an image in a PDF or page).

use super::{Ctx, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::Confidence;
use crate::pdf::IMAGE_MARK;
use text_size::{TextRange, TextSize};

pub static META: RuleMeta = RuleMeta {
    code: "NB210",
    name: "table-as-image",
    severity: Severity::Error,
    summary: "the section is there but its table holds no text (an image in a PDF or page): it cannot be checked",
    doc: r#"## What it checks
In a PDF, the table of sections 二, 三 and 四 is printed as text, not pasted as a picture; the report as a
whole has a text layer (it is not a scan).

## Why
A table that is a picture cannot be read, so none of its numbers can be checked. Saying so once is better
than a cascade of missing rows and broken sums, and better than silence: the reviewer knows this table
still has to be checked by eye, and the author can publish the table as text.

## Example
A PDF whose section 「三、收到和处理政府信息公开申请情况」 holds a screenshot of the table; a scanned PDF
(every page an image); a converter's Markdown whose table is only its note of a picture left out
(pymupdf4llm: 「==> picture [424 x 190] intentionally omitted <==」).

## Fix
None: publish the table as text (Word table → PDF), or check it by hand. Nothing else is reported about
such a table."#,
};

/// Is the whole document images without text (a scan)? Then this is its only diagnostic.
pub fn whole_document(cx: &Ctx) -> bool {
    // a document without any image mark (nearly all of them) is answered by one byte search; one
    // with marks is counted only up to the 20 other characters that make it a document with text
    cx.text.contains(IMAGE_MARK)
        && cx
            .text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != IMAGE_MARK)
            .nth(19)
            .is_none()
}

/// The one diagnostic of a scanned document.
pub fn check_whole_document(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let at = cx.text.find(IMAGE_MARK).unwrap_or(0) as u32;
    let range = TextRange::at(TextSize::from(at), TextSize::of(IMAGE_MARK));
    out.push(cx.diag(
        &META,
        range,
        "全文没有可读取的文字（扫描件或图片），无法检查；请提供由原文件导出的 PDF",
    ));
}

/// Does this text hold a picture without its text: [`IMAGE_MARK`] (a PDF read here), or a
/// converter's note where it left a picture out (pymupdf4llm: 「**==> picture [424 x 190] intentionally
/// omitted <==**」; a picture whose text it kept, 「----- Start of picture text -----」, is not one),
/// as the reader recognises the converter's notes ([`crate::parse::marks`])?
pub fn holds_picture(text: &str) -> bool {
    text.contains(IMAGE_MARK) || crate::parse::marks::notes_picture_left_out(text)
}

/// How many pictures without their text this text holds (see [`holds_picture`]).
pub fn pictures_in(text: &str) -> usize {
    let marks = text.matches(IMAGE_MARK).count();
    let notes = if crate::parse::marks::notes_picture_left_out(text) {
        text.lines()
            .filter(|line| {
                crate::parse::marks::converter_note(line)
                    == Some(crate::parse::marks::ConverterNote::PictureLeftOut)
            })
            .count()
    } else {
        0
    };
    marks + notes
}

/// The sections whose table is an image: (section line and body, diagnostic).
pub fn tables_as_images(cx: &Ctx) -> Vec<(TextRange, Diagnostic)> {
    let mut out = Vec::new();
    let Some(tpl) = cx.template else { return out };
    for t in &tpl.tables {
        let Some(section) = cx.report.section(&t.section) else {
            continue;
        };
        let unread = match cx.report.table(&t.id) {
            None => true,
            Some(table) => table.confidence == Confidence::None,
        };
        if !unread || !holds_picture(cx.slice(section.body)) {
            continue;
        }
        let numeral = tpl
            .sections
            .iter()
            .find(|s| s.id == t.section)
            .map_or("", |s| s.numeral.as_str());
        let whole = TextRange::new(section.line_range.start(), section.body.end().max(section.line_range.end()));
        out.push((
            whole,
            cx.diag(
                &META,
                section.heading_range,
                format!("表{numeral}为图片，无法检查（「{}」下的表格没有文字）", section.heading),
            ),
        ));
    }
    out
}

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    out.extend(tables_as_images(cx).into_iter().map(|(_, d)| d));
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Diagnostic;
    use crate::pdf::IMAGE_MARK;

    fn corpus_report() -> String {
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/corpus/003_1b7c73a738c3b718.txt"
        ))
        .unwrap()
    }

    /// The diagnostics of a corpus report whose table under the heading starting `heading` (up to
    /// the next heading, starting `next`) is replaced by `picture`, and its NB210s.
    fn with_table_as(heading: &str, next: &str, picture: &str) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        let text = corpus_report();
        let a = text.find(heading).unwrap();
        let a = a + text[a..].find('\n').unwrap() + 1;
        let b = a + text[a..].find(next).unwrap() + 1;
        let pictured = format!("{}{picture}{}", &text[..a], &text[b..]);
        let d = crate::analyze(&pictured, &crate::Config::default()).diagnostics;
        let nb210 = d.iter().filter(|d| d.code == "NB210").cloned().collect();
        (d, nb210)
    }

    #[test]
    fn a_table_as_an_image_is_said_once_and_nothing_else_about_it() {
        let (d, nb210) = with_table_as("三、收到和处理", "\n四、", &format!("{IMAGE_MARK}\n"));
        assert_eq!(nb210.len(), 1, "{d:#?}");
        assert!(nb210[0].message.starts_with("表三为图片，无法检查"), "{}", nb210[0].message);
        assert!(!d.iter().any(|d| d.code == "NB201" || d.code == "NB202"), "{d:#?}");
        // a scan: one diagnostic
        let scan = format!("{IMAGE_MARK}\n{IMAGE_MARK}\n");
        let d = crate::analyze(&scan, &crate::Config::default()).diagnostics;
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].code, "NB210");
        // no image: no NB210
        let d = crate::analyze(&corpus_report(), &crate::Config::default()).diagnostics;
        assert!(!d.iter().any(|d| d.code == "NB210"));
    }

    #[test]
    fn a_converters_note_of_a_picture_left_out_is_a_picture() {
        use super::holds_picture;
        // (the notes' forms: `parse::marks`)
        assert!(holds_picture("四、\n\n**==> picture [424 x 190] intentionally omitted <==**\n"));
        assert!(holds_picture(&format!("正文{IMAGE_MARK}")));
        assert!(!holds_picture("----- Start of picture text -----\n0 0 0\n----- End of picture text -----"));
        // table 四 left out as a picture by the converter: NB210 once, no NB201
        let note = "\n**==> picture [424 x 190] intentionally omitted <==**\n\n";
        let (d, nb210) = with_table_as("四、政府信息公开行政复议", "\n五、", note);
        assert_eq!(nb210.len(), 1, "{d:#?}");
        assert!(nb210[0].message.starts_with("表四为图片"), "{}", nb210[0].message);
        assert!(!d.iter().any(|d| d.code == "NB201" || d.code == "NB304"), "{d:#?}");
    }

    #[test]
    fn a_scan_is_images_with_fewer_than_twenty_other_characters() {
        let scan_with = |n: usize| {
            let text = format!("{IMAGE_MARK}\n{}\n{IMAGE_MARK}\n", "页".repeat(n));
            let d = crate::analyze(&text, &crate::Config::default()).diagnostics;
            d.len() == 1 && d[0].code == "NB210" && d[0].message.starts_with("全文没有可读取的文字")
        };
        assert!(scan_with(0));
        assert!(scan_with(19));
        assert!(!scan_with(20));
    }
}
