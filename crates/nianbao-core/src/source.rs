//! One input, whatever its kind: bytes (and the kind its name says) → [`Source`]: the text the
//! diagnostics refer to, the text the parser reads, and the map between them and back to the origin.
//!
//! | kind | text (what ranges point into) | read by the parser | origin |
//! |---|---|---|---|
//! | text (`.txt .md .markdown`) | the decoded text | the same | — |
//! | HTML (`.html .htm .shtml`, or HTML found in any text) | the page | text extracted by [`html::extract`] | byte offsets in the page |
//! | Word (`.docx`) | text extracted by [`docx::extract`] | the same | — |
//! | PDF (`.pdf`) | text laid out by [`pdf`] | the same | page and position |
//!
//! Fixes are kept only where they can be made in the origin: never for `.docx` or PDF input.

use crate::{decode, docx, html, pdf};
use std::borrow::Cow;
use text_size::{TextRange, TextSize};

/// What kind of input a file is, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Text,
    Html,
    Docx,
    Pdf,
}

impl Kind {
    /// The kind read for a file extension (any case); `None` for a kind that is not read.
    pub fn from_extension(ext: &str) -> Option<Kind> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "md" | "markdown" => Some(Kind::Text),
            "html" | "htm" | "shtml" => Some(Kind::Html),
            "docx" => Some(Kind::Docx),
            "pdf" => Some(Kind::Pdf),
            _ => None,
        }
    }

    /// Every extension read (what directories recurse into).
    pub const EXTENSIONS: &'static [&'static str] = &[
        "txt", "md", "markdown", "html", "htm", "shtml", "docx", "pdf",
    ];
}

/// Why an input cannot be read. `Display` is the Chinese message the adapters show (after the file
/// name).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    #[error("{0}")]
    Pdf(#[from] pdf::PdfError),
    #[error("无法读取 Word 文档（{0}）")]
    Docx(String),
    #[error("不是文本文件（二进制数据）；请另存为 .docx 或 PDF")]
    Binary,
}

/// How ranges of the text read go back to the origin.
#[derive(Debug, Clone, Default)]
pub enum Origin {
    /// The text is the origin.
    #[default]
    Text,
    /// An HTML page: the parser reads the extracted text; ranges are mapped back into the page.
    Html(html::Extracted),
    /// Text extracted from a Word document (no way back: nothing is fixed in place).
    Docx,
    /// Text laid out from a PDF: each character's page and position.
    Pdf(pdf::PdfMap),
}

/// One input read.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    /// What the ranges of every result point into.
    pub text: Cow<'a, str>,
    pub kind: Kind,
    pub origin: Origin,
    /// Decoded as (text kinds): the encoding, whether bytes were replaced.
    pub encoding: &'static str,
    pub lossy: bool,
}

impl<'a> Source<'a> {
    /// Text already decoded: a text or, when it holds HTML, a page.
    pub fn from_text(text: impl Into<Cow<'a, str>>) -> Source<'a> {
        let text = text.into();
        if html::looks_like_html(&text) {
            let extracted = html::extract(&text);
            return Source {
                text,
                kind: Kind::Html,
                origin: Origin::Html(extracted),
                encoding: "UTF-8",
                lossy: false,
            };
        }
        Source {
            text,
            kind: Kind::Text,
            origin: Origin::Text,
            encoding: "UTF-8",
            lossy: false,
        }
    }

    /// The text the parser reads.
    pub fn analysed(&self) -> &str {
        match &self.origin {
            Origin::Html(e) => &e.text,
            _ => &self.text,
        }
    }

    /// Can fixes be applied to the origin?
    pub fn fixable(&self) -> bool {
        matches!(self.origin, Origin::Text | Origin::Html(_))
    }

    /// The page (1-based) of an offset of [`Source::text`], for a PDF.
    pub fn page(&self, offset: TextSize) -> Option<u32> {
        match &self.origin {
            Origin::Pdf(m) => m.page(offset.into()),
            _ => None,
        }
    }

    /// Was the text at `offset` laid out from a PDF's table row drawn with ruling lines (each value in
    /// the cell drawn around it)?
    pub fn in_ruled_row(&self, offset: TextSize) -> bool {
        match &self.origin {
            Origin::Pdf(m) => m.in_ruled_row(offset.into()),
            _ => false,
        }
    }

    /// A range of the analysed text in [`Source::text`].
    pub fn to_text(&self, range: TextRange) -> TextRange {
        match &self.origin {
            Origin::Html(e) => e.map.to_source(range),
            _ => range,
        }
    }
}

impl Source<'static> {
    /// Read a file's bytes. `kind` is what the file's name says (`None`: standard input or no
    /// extension); the bytes have the last word (a PDF or a Word file named `.txt` is still read as one).
    pub fn read(bytes: Vec<u8>, kind: Option<Kind>) -> Result<Source<'static>, SourceError> {
        if pdf::is_pdf(&bytes) || (kind == Some(Kind::Pdf) && !docx::is_zip(&bytes)) {
            let laid = pdf::read(&bytes)?;
            return Ok(Source::from_pdf(laid));
        }
        if docx::is_zip(&bytes) {
            let text = docx::extract(&bytes).map_err(SourceError::Docx)?;
            return Ok(Source {
                text: Cow::Owned(text),
                kind: Kind::Docx,
                origin: Origin::Docx,
                encoding: "docx",
                lossy: false,
            });
        }
        if decode::looks_binary(&bytes) {
            return Err(SourceError::Binary);
        }
        let d = decode::decode_vec(bytes);
        // a stray NUL byte is not text: read as a space (one byte for one, every offset kept)
        let text = if d.text.contains('\0') {
            d.text.replace('\0', " ")
        } else {
            d.text
        };
        let mut s = Source::from_text(text);
        s.encoding = d.encoding;
        s.lossy = d.lossy;
        Ok(s)
    }

    /// A PDF laid out (by [`pdf::read`] or from word boxes of another reader).
    pub fn from_pdf(laid: pdf::Laid) -> Source<'static> {
        Source {
            text: Cow::Owned(laid.text),
            kind: Kind::Pdf,
            origin: Origin::Pdf(laid.map),
            encoding: "pdf",
            lossy: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension_and_by_content() {
        assert_eq!(Kind::from_extension("SHTML"), Some(Kind::Html));
        assert_eq!(Kind::from_extension("doc"), None);
        for ext in Kind::EXTENSIONS {
            assert!(Kind::from_extension(ext).is_some());
        }
        let s = Source::read(
            b"<html><body><table><tr><td>a</td></tr></table></body></html>".to_vec(),
            Some(Kind::Text),
        )
        .unwrap();
        assert_eq!(s.kind, Kind::Html);
        assert_eq!(s.analysed(), "a\n");
        let s = Source::read("一、总体情况\0\n".as_bytes().to_vec(), None).unwrap();
        assert_eq!(s.text, "一、总体情况 \n");
        assert!(s.fixable());
        assert_eq!(
            Source::read(vec![0, 1, 2, 3, 0, 0], None).unwrap_err(),
            SourceError::Binary
        );
        assert!(matches!(
            Source::read(b"not a pdf at all".to_vec(), Some(Kind::Pdf)),
            Err(SourceError::Pdf(pdf::PdfError::NotPdf))
        ));
        assert!(matches!(
            Source::read(b"PK\x03\x04junk".to_vec(), None),
            Err(SourceError::Docx(_))
        ));
    }
}
