//! The document model: what the parser found, mapped onto the template, with byte ranges.

use text_size::TextRange;

/// How the document is laid out (decides the formatter's canonical form and completion snippets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Markdown (`#` headings, pipe tables or tab rows inside Markdown).
    Markdown,
    /// Plain text (tabs, pipes, one cell per line).
    #[default]
    Text,
    /// An HTML page.
    Html,
}

/// How sure the parser is about a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Confidence {
    /// Not found or not readable.
    #[default]
    None,
    /// Found but too damaged for arithmetic to be trusted (arithmetic rules stay silent).
    Low,
    /// Read well enough to check.
    High,
}

/// A value cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Column id (FORMAT.md).
    pub column: &'static str,
    pub range: TextRange,
    /// The cell text as written (trimmed).
    pub raw: String,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A number as written: integer or decimal; `unit` is set when the cell carried one (「231项」).
    Number {
        value: f64,
        integer: bool,
        unit: Option<String>,
    },
    /// blank, 「/」, 「—」, 「-」, 「无」
    Blank,
    /// text that is not a number
    Text,
}

impl Cell {
    /// The numeric value, if the cell holds a number.
    pub fn number(&self) -> Option<f64> {
        match self.value {
            Value::Number { value, .. } => Some(value),
            _ => None,
        }
    }

    /// The value as a count (a whole number, not negative), what the identities add up
    /// ([`Value::count`]).
    pub fn count(&self) -> Option<u64> {
        self.value.count()
    }
}

impl Value {
    /// The value as a count (a whole number, not negative), what the identities add up.
    pub fn count(&self) -> Option<u64> {
        match *self {
            Value::Number {
                value,
                integer: true,
                ..
            } if value >= 0.0 => Some(value as u64),
            _ => None,
        }
    }
}

/// A template row found in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Row id (FORMAT.md), e.g. `denied.state_secret`.
    pub id: &'static str,
    /// The label as written (fragments joined), and where; `None` when the values stand without a label.
    pub label: Option<Label>,
    pub cells: Vec<Cell>,
    /// Where values were expected but only the count differs (NB204): the observed count.
    pub extra_cells: Vec<Cell>,
    /// The whole row (label through last cell).
    pub range: TextRange,
    /// The values were written run together (「640020470」) and recovered from the identities.
    pub run_together: Option<RunTogether>,
}

/// How the values of a run-together row were read (NB208).
#[derive(Debug, Clone, PartialEq)]
pub struct RunTogether {
    /// The digits as written.
    pub digits: String,
    pub range: TextRange,
    /// Every split consistent with the identities (one: recovered; several: ambiguous, cells left
    /// empty); `None`: a blank cell (left as a space between values run together).
    pub candidates: Vec<Vec<Option<u64>>>,
    /// There were too many splits to list.
    pub too_many: bool,
}

impl RunTogether {
    /// Per column, the cell every listed split gives it (`Some(None)`: blank in every split), `None`
    /// where the splits differ; `None` for the whole row when no split fits or there were too many
    /// to list (what every split agrees on is then unknown).
    pub fn agreed(&self) -> Option<Vec<Option<Option<u64>>>> {
        let (first, rest) = self.candidates.split_first()?;
        if self.too_many {
            return None;
        }
        Some(
            first
                .iter()
                .enumerate()
                .map(|(k, v)| rest.iter().all(|c| c.get(k) == Some(v)).then_some(*v))
                .collect(),
        )
    }
}

impl Row {
    pub fn cell(&self, column: &str) -> Option<&Cell> {
        self.cells.iter().find(|c| c.column == column)
    }

    /// [`Row::cell`], looking first at place `hint` (where the column usually is).
    pub fn cell_near(&self, column: &str, hint: usize) -> Option<&Cell> {
        match self.cells.get(hint) {
            Some(c) if c.column == column => Some(c),
            _ => self.cell(column),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub text: String,
    /// First fragment start .. last fragment end.
    pub range: TextRange,
    /// Each fragment of a label broken over lines or cells.
    pub parts: Vec<TextRange>,
    /// Similarity to the standard label after normalisation (1.0 = identical).
    pub similarity: f32,
    /// The label equals the standard label exactly (up to whitespace).
    pub exact: bool,
}

/// A group line or block line found (「（三）不予公开」, 「第二十条第（一）项」) or a header cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub label: String,
    pub standard: &'static str,
    pub range: TextRange,
    pub exact: bool,
    /// Values written on a line that should carry none (a 2019-style （六）其他处理 row in a 2021 table).
    pub values: usize,
    /// The kind of template item it matched.
    pub kind: crate::template::ItemKind,
}

/// A table line that matches no template row but carries values (NB209).
#[derive(Debug, Clone, PartialEq)]
pub struct Unknown {
    pub text: String,
    pub range: TextRange,
    pub values: usize,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// `active`, `applications`, `review_litigation`
    pub id: String,
    pub range: TextRange,
    pub confidence: Confidence,
    /// Why confidence is not high.
    pub notes: Vec<String>,
    /// Rows in template order (only those found).
    pub rows: Vec<Row>,
    /// Group/block lines and header cells recognised.
    pub markers: Vec<Marker>,
    pub unknown: Vec<Unknown>,
    /// Rows whose values could stand before or after their labels (a converter's Markdown that writes
    /// a row's values on a line of their own, FORMAT.md §7.4) and read differently each way, or
    /// the rows of a grid filled in order from more or fewer values than it has cells: their
    /// values are never vouched for, whatever identities they keep.
    pub unsure_rows: Vec<&'static str>,
    /// Rows read whole from one row of a Markdown table, label and every value on that line, each
    /// value in its own cell (FORMAT.md §7.4): where the table is not read with confidence, their
    /// values are still certain unless an identity of the row fails (`parse::certain_rows`).
    pub markdown_rows: Vec<&'static str>,
    /// Values read for some of its cells without the cell each one is in (pdfminer's boxes of a
    /// table in no column order, FORMAT.md §7.2): never exported, but every placement of them is a
    /// reading the text allows, so an identity that no placement keeps is broken in the source
    /// (`rules::identity`).
    pub unplaced: Vec<Unplaced>,
}

/// Values known to fill some cells of a table, one value a cell, without knowing which value is in
/// which cell: a placement puts each value of each pool in one of its pool's cells, every cell of
/// `cells` getting exactly one value (so there are as many values as cells).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Unplaced {
    /// The cells filled: (row id, column id), each once.
    pub cells: Vec<(&'static str, &'static str)>,
    pub pools: Vec<Pool>,
}

/// Values that may stand in any of the same cells ([`Unplaced`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pool {
    /// Each value (a count) and where it is written.
    pub values: Vec<(u64, TextRange)>,
    /// The cells its values may take: places in [`Unplaced::cells`].
    pub cells: Vec<usize>,
}

impl Unplaced {
    /// Every value of every pool, in the order they are written.
    pub fn values_in_order(&self) -> Vec<(u64, TextRange)> {
        let mut out: Vec<(u64, TextRange)> = self
            .pools
            .iter()
            .flat_map(|p| p.values.iter().copied())
            .collect();
        out.sort_by_key(|(_, r)| r.start());
        out
    }
}

impl Table {
    pub fn row(&self, id: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.id == id)
    }

    /// Numeric value of a cell.
    pub fn value(&self, row: &str, column: &str) -> Option<f64> {
        self.row(row)?.cell(column)?.number()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Section id (FORMAT.md): `overview` … `other`.
    pub id: String,
    /// The heading line as written (without Markdown markup), and its range (the heading text only).
    pub heading: String,
    pub heading_range: TextRange,
    /// The whole heading line.
    pub line_range: TextRange,
    /// The heading equals a standard heading.
    pub standard: bool,
    /// The body: from after the heading line to the next section heading (or the signature/end).
    pub body: TextRange,
    /// Markdown heading level (`#` count), 0 for plain text.
    pub level: u8,
    /// Found under another numeral than the template's (a provincial outline whose numbering restarts
    /// at 一 before the tables, FORMAT.md §7.4): the heading's words are the section's, its numeral not.
    pub renumbered: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub range: TextRange,
}

/// What the parser found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    pub layout: Layout,
    /// `"2019"` / `"2021"`, or `None` when neither fits.
    pub template: Option<String>,
    /// Markers of each template found: (template id, marker text, range).
    pub markers: Vec<(String, String, TextRange)>,
    /// The older pre-2019 layout was recognised (概述 / 统计表).
    pub legacy: bool,
    pub year: Option<i32>,
    /// Where the year came from: the title, the statistics period or the prose.
    pub year_source: Option<YearSource>,
    pub title: Option<(String, TextRange)>,
    pub organ: Option<String>,
    /// The statistics period 「自2021年1月1日起至2021年12月31日止」: (year, range).
    pub period_year: Option<(i32, TextRange)>,
    /// Most frequent 「20XX年」 in the prose.
    pub prose_year: Option<i32>,
    /// Sections in document order.
    pub sections: Vec<Section>,
    pub tables: Vec<Table>,
    /// The signature date after section 六, if any.
    pub signature: Option<DateMention>,
    /// The fingerprint of the prose that NB406 compares from year to year
    /// ([`crate::rules::prose::fingerprint`]; filled by [`crate::analyze`] and the other entry points).
    pub prose_hashes: Vec<u64>,
    /// Where the text held a CJK radical or compatibility ideograph, read as the standard ideograph it
    /// stands for ([`crate::norm::standard_ideographs`]): (range, the character written there).
    pub variant_ideographs: Vec<(TextRange, char)>,
    /// Where a converter's attribute span cutting a number was read by moving the number's pieces
    /// together ([`crate::norm::blank_attribute_spans`]): offsets inside differ from the source's, so
    /// no fix edits there.
    pub rewritten_markup: Vec<TextRange>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSource {
    Title,
    Period,
    Prose,
}

impl Report {
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    pub fn table(&self, id: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// The template data for this report (when detected).
    pub fn template_data(&self) -> Option<&'static crate::template::Template> {
        self.template.as_deref().and_then(crate::template::by_id)
    }

    /// Does the text look like an annual report at all (title, ≥ 2 headings or a table)?
    pub fn looks_like_report(&self) -> bool {
        self.title.is_some()
            || self.sections.len() >= 2
            || self.tables.iter().any(|t| !t.rows.is_empty())
    }
}

impl Report {
    /// Apply `f` to every range of the report (used to take ranges from extracted text back to a source).
    pub fn map_ranges(&mut self, f: &dyn Fn(TextRange) -> TextRange) {
        if let Some(t) = &mut self.title {
            t.1 = f(t.1);
        }
        for m in &mut self.markers {
            m.2 = f(m.2);
        }
        if let Some(p) = &mut self.period_year {
            p.1 = f(p.1);
        }
        if let Some(s) = &mut self.signature {
            s.range = f(s.range);
        }
        for v in &mut self.variant_ideographs {
            v.0 = f(v.0);
        }
        for m in &mut self.rewritten_markup {
            *m = f(*m);
        }
        for s in &mut self.sections {
            s.heading_range = f(s.heading_range);
            s.line_range = f(s.line_range);
            s.body = f(s.body);
        }
        for t in &mut self.tables {
            t.range = f(t.range);
            for m in &mut t.markers {
                m.range = f(m.range);
            }
            for u in &mut t.unknown {
                u.range = f(u.range);
            }
            for row in &mut t.rows {
                row.range = f(row.range);
                if let Some(l) = &mut row.label {
                    l.range = f(l.range);
                    for p in &mut l.parts {
                        *p = f(*p);
                    }
                }
                for c in row.cells.iter_mut().chain(row.extra_cells.iter_mut()) {
                    c.range = f(c.range);
                }
                if let Some(r) = &mut row.run_together {
                    r.range = f(r.range);
                }
            }
            for u in &mut t.unplaced {
                for p in &mut u.pools {
                    for v in &mut p.values {
                        v.1 = f(v.1);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A count is a whole number, not negative; a cell's count is its value's.
    #[test]
    fn a_count_is_a_whole_number_not_negative() {
        let number = |value: f64, integer: bool| Value::Number {
            value,
            integer,
            unit: None,
        };
        assert_eq!(number(14166.0, true).count(), Some(14166));
        assert_eq!(number(0.0, true).count(), Some(0));
        assert_eq!(number(-11.0, true).count(), None);
        assert_eq!(number(2.5, false).count(), None);
        assert_eq!(Value::Blank.count(), None);
        assert_eq!(Value::Text.count(), None);
        let cell = Cell {
            column: "total",
            range: TextRange::default(),
            raw: "7".into(),
            value: number(7.0, true),
        };
        assert_eq!(cell.count(), cell.value.count());
    }

    /// What every split of a run of digits agrees on: 「25812  11 」 into seven cells cuts 258|12,
    /// 2581|2, … before its blanks; the blanks and the 1, 1 after them are the same in every cut.
    #[test]
    fn the_cells_every_split_agrees_on() {
        let run = |candidates: Vec<Vec<Option<u64>>>, too_many| RunTogether {
            digits: String::new(),
            range: TextRange::default(),
            candidates,
            too_many,
        };
        let a = vec![Some(258), Some(12), None, None, Some(1), Some(1), None];
        let b = vec![Some(2581), Some(2), None, None, Some(1), Some(1), None];
        let agreed = run(vec![a.clone(), b], false).agreed().unwrap();
        assert_eq!(
            agreed,
            [
                None,
                None,
                Some(None),
                Some(None),
                Some(Some(1)),
                Some(Some(1)),
                Some(None)
            ]
        );
        // one split: every cell
        assert_eq!(
            run(vec![a.clone()], false).agreed().unwrap(),
            a.iter().map(|v| Some(*v)).collect::<Vec<_>>()
        );
        // too many splits to list, or none: nothing is known
        assert_eq!(run(vec![a], true).agreed(), None);
        assert_eq!(run(Vec::new(), false).agreed(), None);
    }
}
