//! The layout-tolerant parser: any layout in, the template-aligned [`Report`] out.
//!
//! 1. Lines → section headings (lenient match against the template headings), title, dates.
//! 2. Template detection from the markers of each template (FORMAT.md §6), the year, or the override.
//! 3. Each table section's body → a flat sequence of cell tokens (tabs, pipes, one cell per line,
//!    cells broken over lines all look alike here), each with its byte range.
//! 4. The text tokens are aligned with the template's items by dynamic programming (lenient
//!    similarity, fragments joined), then each row reads the value tokens that follow its label.

use crate::model::*;
use crate::norm::{
    char_bit, fold_width, ignorable, is_space, key, max_similarity, numeral_value, trim, trim_end,
    trim_start, Pattern,
};
use crate::template::{self, ItemKind, Shape, Template, ValueKind};
use text_size::{TextRange, TextSize};

mod align;
mod blank_columns;
mod cache;
mod columns;
mod confidence;
mod evidence;
mod lines;
pub(crate) mod marks;
mod metadata;
mod outline;
mod reading_order;
mod recovery;
mod relayout;
mod table;
mod tokens;
mod unmarked_pages;
mod values;

use align::*;
use blank_columns::without_blank_columns;
use cache::Memo;
pub use confidence::certain_rows;
use confidence::*;
pub(crate) use evidence::markers_in;
use evidence::*;
pub use lines::is_han;
use lines::*;
pub(crate) use lines::{lines, Line};
use marks::{converter_note, is_marked_page_number};
use metadata::*;
use outline::*;
use recovery::*;
use relayout::*;
use table::*;
use tokens::*;
use unmarked_pages::placed_on_unmarked_pages;
pub use values::{column_kind, parse_value};

/// What a reader keeps between reports: bounded memo tables of what depends only on a short text
/// (the tokens of a cell, the heading a line could be, a label's similarities with a table's items).
/// One value, owned by its caller (the CLI holds one per run, the language server and the web app one
/// each), shared by every thread that reads with it; none of its entries changes a result
/// ([`cache`]). There is no reader of the process: [`parse`] and the crate's free functions read
/// with a memo-less one, and the tests read with fresh and memo-less ones to prove the memos change
/// nothing.
pub struct Reader {
    cells: Memo<std::sync::Arc<[CachedToken]>>,
    headings: Memo<Option<HeadingCandidate>>,
    /// The section a numbered line names under another numeral (the provincial outline's search).
    renumbered: Memo<Option<HeadingCandidate>>,
    /// Per template table, in the order of `template::all()` and their tables.
    similarities: Vec<TableSimilarities>,
}

/// Similarities already computed with the items of one template table: of a fragment's key
/// (`singles`, every item) and of a join of fragments (`joins`, per item, `UNKNOWN_SIM` until needed).
struct TableSimilarities {
    table: &'static template::Table,
    singles: Memo<std::sync::Arc<[f32]>>,
    joins: Memo<std::sync::Arc<[f32]>>,
}

/// Cells whose tokens are remembered: up to this many bytes long, this many of them.
const CELL_CACHE_BYTES: usize = 120;
const CELL_CACHE_ENTRIES: usize = 8192;
const HEADING_CACHE_ENTRIES: usize = 4096;
/// Similarities remembered per table (of single fragments, and as many of joins).
const SIM_CACHE_ENTRIES: usize = 4096;

impl Reader {
    /// A reader with empty memo tables of the standard bounds.
    pub fn new() -> Self {
        Reader::with_bounds(1)
    }

    /// A reader whose memo tables remember nothing: every result computed afresh.
    pub fn without_memo() -> Self {
        Reader::with_bounds(0)
    }

    fn with_bounds(scale: usize) -> Self {
        Reader {
            cells: Memo::new(CELL_CACHE_ENTRIES * scale),
            headings: Memo::new(HEADING_CACHE_ENTRIES * scale),
            renumbered: Memo::new(HEADING_CACHE_ENTRIES * scale),
            similarities: template::all()
                .iter()
                .flat_map(|t| &t.tables)
                .map(|table| TableSimilarities {
                    table,
                    singles: Memo::new(SIM_CACHE_ENTRIES * scale),
                    joins: Memo::new(SIM_CACHE_ENTRIES * scale),
                })
                .collect(),
        }
    }

    fn similarities(&self, table: &template::Table) -> Option<&TableSimilarities> {
        self.similarities
            .iter()
            .find(|s| std::ptr::eq(s.table, table))
    }
}

impl Default for Reader {
    fn default() -> Self {
        Reader::new()
    }
}

// ------------------------------------------------------------------------------------------ report

/// Parse a report with a memo-less reader (a caller reading many reports owns a [`Reader`] and calls
/// [`Reader::parse`]). `template_override`: `Some("2019" | "2021")` forces a template.
pub fn parse(text: &str, template_override: Option<&str>) -> Report {
    Reader::without_memo().parse(text, template_override)
}

impl Reader {
    /// Parse a report. `template_override`: `Some("2019" | "2021")` forces a template.
    pub fn parse(&self, text: &str, template_override: Option<&str>) -> Report {
        parse_with(self, text, template_override)
    }
}

fn parse_with(reader: &Reader, text: &str, template_override: Option<&str>) -> Report {
    // radicals a PDF's font gave for ideographs are read as the ideographs (every offset kept)
    let (text, variants) = crate::norm::standard_ideographs(text);
    // a converter's attribute spans (「[（七]{style="…"}）总计」) read as their text (offsets kept)
    let blanked = crate::norm::blank_attribute_spans(&text);
    let text: &str = blanked.as_ref().map_or(&text, |(t, _)| t.as_str());
    let lines = reading_lines(text, lines(text));
    let mut report = Report {
        layout: detect_layout(text, &lines),
        variant_ideographs: variants
            .into_iter()
            .map(|(at, c)| {
                (
                    TextRange::at((at as u32).into(), (c.len_utf8() as u32).into()),
                    c,
                )
            })
            .collect(),
        rewritten_markup: blanked
            .iter()
            .flat_map(|(_, moved)| moved)
            .map(|m| TextRange::new((m.start as u32).into(), (m.end as u32).into()))
            .collect(),
        ..Report::default()
    };
    report.sections = find_sections(reader, text, &lines);
    read_metadata(text, &lines, &mut report);
    detect_template(text, &lines, template_override, &mut report);
    // --- tables
    if let Some(tpl) = report.template_data() {
        for table in &tpl.tables {
            let Some(section) = report.sections.iter().find(|s| s.id == table.section) else {
                continue;
            };
            let (t, grid_tokens) = read_table(reader, text, &lines, section.body, tpl, table);
            let t = reading_order::reread(
                reader,
                text,
                &lines,
                section.body,
                tpl,
                table,
                t,
                grid_tokens,
            );
            report.tables.push(t);
        }
    }
    report
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A 2021 report around `sections` (the text of some of sections 二 to 四): title, section 一 and
    /// section 五 (the tests that read one table as a route writes it).
    pub(crate) fn report_2021(sections: &str) -> String {
        format!(
            "某县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n{sections}\
             五、存在的主要问题及改进情况\n正文。\n"
        )
    }

    /// The seeds of tests/corpus and tests/corpus/derived, decoded (shared by the tests that compare
    /// a fast path with its plain reference version on real text).
    pub(crate) fn corpus_texts() -> Vec<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/corpus");
        let mut texts = Vec::new();
        for d in [dir.to_string(), format!("{dir}/derived")] {
            let mut paths: Vec<_> = std::fs::read_dir(d)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.is_file())
                .collect();
            paths.sort();
            for p in paths {
                texts.push(crate::decode::decode(&std::fs::read(p).unwrap()).text);
            }
        }
        assert!(texts.len() > 5);
        texts
    }

    /// Every table of `shape` of every text, with the text, its reading lines, the report's template
    /// and the table's section body, as `parse` finds them before reading the table.
    pub(crate) fn for_each_table(
        texts: &[String],
        reader: &Reader,
        shape: Shape,
        mut f: impl FnMut(&str, &[Line], &'static Template, &'static template::Table, TextRange),
    ) {
        for text in texts {
            let text = text.as_str();
            let lines = reading_lines(text, lines(text));
            let mut report = Report {
                sections: find_sections(reader, text, &lines),
                ..Report::default()
            };
            read_metadata(text, &lines, &mut report);
            detect_template(text, &lines, None, &mut report);
            let Some(tpl) = report.template_data() else {
                continue;
            };
            for table in tpl.tables.iter().filter(|t| t.shape == shape) {
                if let Some(section) = report.sections.iter().find(|s| s.id == table.section) {
                    f(text, &lines, tpl, table, section.body);
                }
            }
        }
    }

    impl Reader {
        /// Entries held by all memo tables.
        fn memo_entries(&self) -> usize {
            self.cells.len()
                + self.headings.len()
                + self.renumbered.len()
                + self
                    .similarities
                    .iter()
                    .map(|s| s.singles.len() + s.joins.len())
                    .sum::<usize>()
        }
    }

    #[test]
    fn a_grid_is_reread_from_the_tokens_it_was_read_from() {
        // the reading-order stage takes a grid's tokens from the row reader instead of cutting its
        // region again: the same tokens, on every grid table of the corpus
        let reader = Reader::without_memo();
        let mut grids = 0;
        for_each_table(
            &corpus_texts(),
            &reader,
            Shape::Grid,
            |text, lines, tpl, table, body| {
                let (_, tokens) = read_table(&reader, text, lines, body, tpl, table);
                let again = tokenize(text, body, lines, &reader);
                assert_eq!(format!("{tokens:?}"), format!("{:?}", Some(again)));
                grids += 1;
            },
        );
        assert!(grids > 5, "{grids}");
    }

    #[test]
    fn memo_tables_change_no_result() {
        // every report read by a reader that remembers nothing, and by one that has read every report
        // of the corpus twice before, and by sixteen threads sharing one reader: the same, cell for cell
        let texts = corpus_texts();
        let memo_less = Reader::without_memo();
        let expected: Vec<Report> = texts.iter().map(|t| memo_less.parse(t, None)).collect();
        assert_eq!(memo_less.memo_entries(), 0);
        let warm = Reader::new();
        for _ in 0..2 {
            for t in &texts {
                let _ = warm.parse(t, None);
            }
        }
        assert!(warm.memo_entries() > 0);
        for (t, e) in texts.iter().zip(&expected) {
            assert_eq!(&warm.parse(t, None), e);
        }
        let shared = Reader::new();
        std::thread::scope(|s| {
            for offset in 0..16 {
                let (shared, texts, expected) = (&shared, &texts, &expected);
                s.spawn(move || {
                    for i in 0..texts.len() {
                        let i = (i + offset) % texts.len();
                        assert_eq!(&shared.parse(&texts[i], None), &expected[i]);
                    }
                });
            }
        });
    }

    #[test]
    fn memo_tables_do_not_grow_with_threads() {
        // one thread, then sixty-four threads reading the same reports: the same entries, once
        let texts = corpus_texts();
        let one = Reader::new();
        for t in &texts {
            let _ = one.parse(t, None);
        }
        let many = Reader::new();
        std::thread::scope(|s| {
            for _ in 0..64 {
                let (many, texts) = (&many, &texts);
                s.spawn(move || {
                    for t in texts {
                        let _ = many.parse(t, None);
                    }
                });
            }
        });
        assert_eq!(one.memo_entries(), many.memo_entries());
    }

    #[test]
    fn has_space_agrees_with_is_space_for_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let one = c.to_string();
            let more = format!("公开{c}1");
            assert_eq!(has_space(&one), is_space(c), "{:X}", c as u32);
            assert_eq!(has_space(&more), is_space(c), "{:X}", c as u32);
        }
    }

    #[test]
    fn values() {
        assert_eq!(
            parse_value("0"),
            Some(Value::Number {
                value: 0.0,
                integer: true,
                unit: None
            })
        );
        assert_eq!(
            parse_value("\u{3000}\u{3000}14"),
            Some(Value::Number {
                value: 14.0,
                integer: true,
                unit: None
            })
        );
        assert_eq!(
            parse_value("583.9"),
            Some(Value::Number {
                value: 583.9,
                integer: false,
                unit: None
            })
        );
        assert_eq!(
            parse_value("减少2487项"),
            Some(Value::Number {
                value: -2487.0,
                integer: true,
                unit: Some("项".into())
            })
        );
        assert_eq!(
            parse_value("１２"),
            Some(Value::Number {
                value: 12.0,
                integer: true,
                unit: None
            })
        );
        assert_eq!(parse_value("/"), Some(Value::Blank));
        assert_eq!(parse_value("—"), Some(Value::Blank));
        assert_eq!(parse_value("1.属于国家秘密"), None);
        assert_eq!(parse_value("规章"), None);
        assert_eq!(parse_value("1."), None);
        assert_eq!(parse_value("1**1"), parse_value("11"));
        assert_eq!(parse_value("31**.2"), parse_value("31.2"));
        assert_eq!(parse_value("-**73"), parse_value("-73"));
        assert_eq!(parse_value("**"), None);
        assert_eq!(parse_value("0<br>"), parse_value("0"));
        assert_eq!(parse_value("<br>"), Some(Value::Blank));
    }

    #[test]
    fn headings() {
        assert_eq!(
            match_heading(&Reader::new(), "一、总体情况")
                .unwrap()
                .section,
            "overview"
        );
        assert_eq!(
            match_heading(&Reader::new(), "一、总体情").unwrap().section,
            "overview"
        );
        assert_eq!(
            match_heading(
                &Reader::new(),
                "四、因政府信息公开申请行政复议、提起行政诉讼的情况"
            )
            .unwrap()
            .section,
            "review_litigation"
        );
        assert!(match_heading(&Reader::new(), "二、上年结转政府信息公开申请数量").is_none());
        assert!(match_heading(&Reader::new(), "三、本年度办理结果").is_none());
        assert!(match_heading(&Reader::new(), "四、结转下年度继续办理").is_none());
        assert!(match_heading(&Reader::new(), "（一）主动公开政府信息的情况").is_none());
        assert!(match_heading(&Reader::new(), "一、本年新收政府信息公开申请数量").is_none());
    }

    #[test]
    fn dates_found() {
        let d = dates("发表日期:2022-01-19 和 2021年1月19日", 0);
        assert_eq!(d.len(), 2);
        assert_eq!((d[1].year, d[1].month, d[1].day), (2021, 1, 19));
        // every form a signature is written in (the rules read the same dates)
        let d = dates("二〇二二年一月十九日 ２０２２年１月２０日", 0);
        assert_eq!(d.len(), 2);
        assert_eq!((d[0].year, d[0].month, d[0].day), (2022, 1, 19));
        assert_eq!((d[1].year, d[1].month, d[1].day), (2022, 1, 20));
    }

    #[test]
    fn years_in_full_width_digits() {
        let t = "某县２０２１年政府信息公开工作年度报告，2020 年，12021年";
        let y: Vec<(i32, &str)> = year_mentions(t, 0)
            .into_iter()
            .map(|(y, r)| (y, &t[r]))
            .collect();
        assert_eq!(y, [(2021, "２０２１"), (2020, "2020")]);
    }
}
