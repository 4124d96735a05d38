//! An analysed version of a document: text, line index and the core's [`Analysis`].
//! Every feature reads a snapshot; none touches the rope or the protocol state.

use crate::document::Encoding;
use nianbao_core::{Analysis, Config, Context, LineIndex, TextRange, TextSize};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use tower_lsp_server::ls_types::{Position, Range, Uri};

#[derive(Debug)]
pub struct Snapshot {
    pub uri: Uri,
    pub version: i32,
    pub text: String,
    pub index: LineIndex,
    pub analysis: Analysis,
    pub config: Arc<Config>,
    pub enc: Encoding,
    /// Eligible (Markdown / plain text) and looks like an annual report.
    pub is_report: bool,
    /// The previous year's report was found and used (NB403/NB404).
    pub with_previous_year: bool,
    /// The document generation it was computed for (set by the server).
    pub generation: u64,
}

/// What the analysis needs besides the text.
pub struct Input {
    pub uri: Uri,
    pub version: i32,
    pub text: String,
    pub eligible: bool,
    pub config: Arc<Config>,
    pub enc: Encoding,
}

impl Snapshot {
    /// Analyse, catching any panic of the core (reported as an error, never a crash).
    pub fn compute(
        reader: &nianbao_core::Reader,
        input: Input,
        context: &Context,
    ) -> Result<Snapshot, String> {
        let Input {
            uri,
            version,
            text,
            eligible,
            config,
            enc,
        } = input;
        let analysis = if eligible {
            catch_unwind(AssertUnwindSafe(|| {
                reader.analyze_source(&nianbao_core::Source::from_text(&text), &config, context)
            }))
            .map_err(|e| panic_message(&*e))?
        } else {
            Analysis {
                report: Default::default(),
                diagnostics: Vec::new(),
            }
        };
        let is_report = eligible && analysis.report.looks_like_report();
        let index = LineIndex::new(&text);
        Ok(Snapshot {
            uri,
            version,
            text,
            index,
            analysis,
            config,
            enc,
            is_report,
            with_previous_year: context.previous_year.is_some(),
            generation: 0,
        })
    }

    /// The LSP position of a byte offset.
    pub fn position(&self, offset: TextSize) -> Position {
        let (line, character) = self.index.position(&self.text, offset, self.enc.unit());
        Position { line, character }
    }

    pub fn range(&self, range: TextRange) -> Range {
        Range {
            start: self.position(range.start()),
            end: self.position(range.end()),
        }
    }

    /// The byte offset of an LSP position (clamped).
    pub fn offset(&self, pos: Position) -> TextSize {
        self.index
            .offset(&self.text, pos.line, pos.character, self.enc.unit())
    }

    pub fn byte_range(&self, range: Range) -> TextRange {
        let s = self.offset(range.start);
        let e = self.offset(range.end).max(s);
        TextRange::new(s, e)
    }

    /// Byte range of the line holding `offset` (without its line break).
    pub fn line_of(&self, offset: TextSize) -> (u32, TextRange) {
        let (line, _) = self.index.position(&self.text, offset, self.enc.unit());
        let start = self.index.line_start(line as usize);
        let next = self.index.line_start(line as usize + 1);
        let mut end = usize::from(next);
        let bytes = self.text.as_bytes();
        if end > usize::from(start)
            && end <= bytes.len()
            && bytes[end - 1] == b'\n'
            && next != start
        {
            end -= 1;
            if end > usize::from(start) && bytes[end - 1] == b'\r' {
                end -= 1;
            }
        }
        (line, TextRange::new(start, TextSize::from(end as u32)))
    }

    pub fn slice(&self, range: TextRange) -> &str {
        self.text
            .get(usize::from(range.start())..usize::from(range.end()))
            .unwrap_or("")
    }
}

pub fn panic_message(e: &(dyn std::any::Any + Send)) -> String {
    let what = e
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| e.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    format!("nianbao-core failed: {what}")
}
