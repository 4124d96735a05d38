//! Open documents: a rope per document, edited incrementally, and the one place where LSP positions
//! (in the negotiated encoding) become offsets and back.

use crate::snapshot::Snapshot;
use nianbao_core::lines::Unit;
use ropey::Rope;
use std::path::PathBuf;
use std::sync::Arc;
use tower_lsp_server::ls_types::{
    ClientCapabilities, Position, PositionEncodingKind, TextDocumentContentChangeEvent,
};

/// The unit of `Position.character`, negotiated at `initialize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    /// The LSP default.
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    /// UTF-8 when the client offers it (our offsets are bytes), else UTF-32, else the default UTF-16.
    pub fn negotiate(caps: &ClientCapabilities) -> Encoding {
        let offered = caps
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref());
        match offered {
            Some(list) if list.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            Some(list) if list.contains(&PositionEncodingKind::UTF32) => Encoding::Utf32,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    pub fn unit(self) -> Unit {
        match self {
            Encoding::Utf8 => Unit::Utf8,
            Encoding::Utf16 => Unit::Utf16,
            Encoding::Utf32 => Unit::Char,
        }
    }
}

/// One open document.
#[derive(Debug)]
pub struct Document {
    pub rope: Rope,
    pub version: i32,
    pub language_id: String,
    pub path: Option<PathBuf>,
    /// The latest analysis, if computed for some version.
    pub snapshot: Option<Arc<Snapshot>>,
    /// Changes with every edit and every invalidation (configuration, workspace, the previous
    /// year's report): an analysis is current only for the generation it was computed for.
    pub generation: u64,
    /// The generation whose diagnostics were last published, and whether that set was non-empty.
    pub published: Option<(u64, bool)>,
}

impl Document {
    pub fn new(
        text: &str,
        version: i32,
        language_id: String,
        path: Option<PathBuf>,
        generation: u64,
    ) -> Self {
        Document {
            rope: Rope::from_str(text),
            version,
            language_id,
            path,
            snapshot: None,
            generation,
            published: None,
        }
    }

    /// Forget the analysis: the next request or publication analyses again.
    pub fn invalidate(&mut self, generation: u64) {
        self.generation = generation;
        self.snapshot = None;
    }

    /// Apply one content change (full or ranged). Out-of-range positions are clamped.
    pub fn apply(&mut self, change: &TextDocumentContentChangeEvent, enc: Encoding) {
        match change.range {
            None => self.rope = Rope::from_str(&change.text),
            Some(range) => {
                let start = self.char_at(range.start, enc);
                let end = self.char_at(range.end, enc).max(start);
                self.rope.remove(start..end);
                self.rope.insert(start, &change.text);
            }
        }
    }

    /// The char index of an LSP position: clamped to the line (without its line break) and the text.
    pub fn char_at(&self, pos: Position, enc: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= self.rope.len_lines() {
            return self.rope.len_chars();
        }
        let start = self.rope.line_to_char(line);
        let slice = self.rope.line(line);
        let mut len = slice.len_chars();
        while len > 0 && matches!(slice.char(len - 1), '\n' | '\r') {
            len -= 1;
        }
        let col = pos.character as usize;
        let chars = match enc {
            Encoding::Utf32 => col.min(len),
            Encoding::Utf16 => slice.utf16_cu_to_char(col.min(slice.char_to_utf16_cu(len))),
            Encoding::Utf8 => slice.byte_to_char(col.min(slice.char_to_byte(len))),
        };
        start + chars
    }

    /// Markdown and plain-text documents (also `.md`/`.txt` files opened under another language id).
    pub fn eligible(&self) -> bool {
        let lang = matches!(
            self.language_id.as_str(),
            "markdown" | "plaintext" | "text" | "txt" | "md" | ""
        );
        let ext = self
            .path
            .as_ref()
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "md" | "markdown" | "txt"));
        lang || ext
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::Range;

    fn change(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn incremental_edits_in_every_encoding() {
        let text = "a𠮷b\n自然人\r\n总计\n";
        for (enc, col_b) in [
            (Encoding::Utf16, 3),
            (Encoding::Utf8, 5),
            (Encoding::Utf32, 2),
        ] {
            let mut d = Document::new(text, 1, "plaintext".into(), None, 0);
            d.apply(&change(0, col_b, 0, col_b + 1, "B"), enc);
            assert_eq!(d.rope.to_string(), "a𠮷B\n自然人\r\n总计\n", "{enc:?}");
            // end of line 1 (before \r\n), clamped past the end
            d.apply(&change(1, 99, 1, 99, "X"), enc);
            assert_eq!(d.rope.to_string(), "a𠮷B\n自然人X\r\n总计\n", "{enc:?}");
            // beyond the last line: appended at the end
            d.apply(&change(9, 0, 9, 0, "!"), enc);
            assert!(d.rope.to_string().ends_with("总计\n!"));
            // reversed range does not panic
            d.apply(&change(1, 2, 1, 0, ""), enc);
        }
        let d = Document::new(text, 1, "plaintext".into(), None, 0);
        // inside the surrogate pair: snapped to the character
        assert_eq!(d.char_at(Position::new(0, 2), Encoding::Utf16), 1);
        assert_eq!(d.char_at(Position::new(0, 3), Encoding::Utf8), 1);
    }

    #[test]
    fn eligibility() {
        assert!(Document::new("", 0, "markdown".into(), None, 0).eligible());
        assert!(!Document::new("", 0, "rust".into(), Some("a.rs".into()), 0).eligible());
        assert!(Document::new("", 0, "text.foo".into(), Some("r/2021.TXT".into()), 0).eligible());
    }
}
