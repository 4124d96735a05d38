//! NB109 unextractable-text: a PDF whose text cannot be extracted (its fonts do not say which
//! characters their glyphs are).

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::pdf::UNEXTRACTABLE;
use text_size::{TextRange, TextSize};

pub static META: RuleMeta = RuleMeta {
    code: "NB109",
    name: "unextractable-text",
    severity: Severity::Error,
    summary: "a PDF whose text cannot be extracted: most of its glyphs stand for no known character (fonts without ToUnicode), or its ToUnicode maps give wrong ones",
    doc: r#"## What it checks
A PDF's glyphs say which characters they are: a font's ToUnicode map, or an encoding the font declares.
Some print drivers and old report systems leave both out (a CID font with Identity-H encoding whose codes
are only glyph ids, a Type 3 font, a font subset with its own codes): the page looks right, but no reader
can get its text. When more than half of the glyphs of a PDF are such (or map to control or private-use
characters), the PDF's text cannot be extracted. So too when its ToUnicode maps give wrong characters
(as Ghostscript's re-distilling leaves some PDFs): Latin letters with diacritics printed inside Chinese
words (「政府信息|开」「政á|开」), at least 20 of them and one for every 50 ideographs.

## Why
Whatever is read from such a PDF is not its text (nothing, or Latin letters and random ideographs), so
none of the report can be checked. Saying so once, with the fonts and the share of the glyphs, is better
than a cascade of missing sections and tables: the reviewer knows the report still has to be checked by
eye, and the author can export it again.

## Example
A PDF printed by a driver that embeds 「AAAAAA+SimSun」 as a CID font (Identity-H) without ToUnicode:
「PDF 文字无法提取：字体 SimSun 没有到文字的映射（ToUnicode），其字形占全部 5230 个字形的 100%」.

## Fix
None in the PDF: export it again from the original document (Word 「另存为 PDF」, or a PDF printer that
keeps the text), or check the report from its Word document or web page. Nothing else is reported about
such a PDF."#,
};

/// Is the text a PDF read as one that cannot be extracted? Then this is its only diagnostic.
pub fn whole_document(cx: &Ctx) -> bool {
    crate::pdf::is_unextractable(cx.text)
}

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    if !whole_document(cx) {
        return;
    }
    let line = cx.text.lines().next().unwrap_or("");
    let what = &line[UNEXTRACTABLE.len()..];
    out.push(cx.diag(
        &META,
        TextRange::at(TextSize::from(0), TextSize::of(line)),
        format!(
            "PDF 的文字无法提取（{what}），无法检查；请由原文件重新导出 PDF（保留文字），或提供 Word 文档、网页"
        ),
    ));
}

#[cfg(test)]
mod tests {
    use crate::pdf::UNEXTRACTABLE;

    #[test]
    fn said_once_and_nothing_else() {
        let text = format!("{UNEXTRACTABLE}字体 SimSun 没有到文字的映射（ToUnicode），其字形占全部 100 个字形的 100%\n");
        let d = crate::analyze(&text, &crate::Config::default()).diagnostics;
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].code, "NB109");
        assert!(d[0].message.starts_with("PDF 的文字无法提取（字体 SimSun"), "{}", d[0].message);
    }

    #[test]
    fn not_said_of_other_texts() {
        // a report: silent; the note's words not at the start, or without their mark: silent
        for text in super::super::seeds() {
            assert!(super::super::messages(text, "NB109").is_empty());
        }
        let inside = format!("一、总体情况\n{UNEXTRACTABLE}字体 SimSun\n");
        assert!(super::super::messages(&inside, "NB109").is_empty());
        assert!(super::super::messages("PDF 文字无法提取：字体 SimSun\n", "NB109").is_empty());
    }
}
