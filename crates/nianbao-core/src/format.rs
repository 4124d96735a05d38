//! The formatter: a report in, the same report in the canonical form of its layout family out
//! (Markdown: `#` title, `##` headings, aligned GFM pipe tables; plain text: headings alone on their
//! line, one table row per line with tab-separated cells, label first). Used by `nianbao fmt`, the
//! language server's formatting requests and, for its table writers, `nianbao new`.
//!
//! **Safety is the point.** The formatter never changes a number, never drops, adds or reorders a
//! character of prose, never merges or splits a paragraph and never moves text between sections:
//!
//! - prose lines only lose trailing whitespace; runs of blank lines become one blank line;
//! - headings keep their words (typography only: 「一.总体情况」 → `## 一、总体情况` in Markdown);
//! - a table is rewritten into the canonical form (`table.rs`) only when the parser read it with
//!   [`Confidence::High`], every row complete and every value read from its own place in the text
//!   (values recovered from digits written together, NB208, are never split by formatting); header
//!   texts become the template's (never dropping a digit), labels keep their words (typography only),
//!   values are copied as written; text inside the table that the parser did not recognise is kept
//!   verbatim right after the table; other tables are formatted at the whitespace level, with a
//!   warning;
//! - the result is parsed again and must read exactly as the original (same template, year, title,
//!   sections, and every cell of every table); a table that would not is left at the whitespace level;
//!   if the structure would still read differently the whole text is formatted at the whitespace
//!   level only, and if even that would change the reading, it is returned unchanged with a warning;
//! - `<!-- nianbao-fmt-off -->` … `<!-- nianbao-fmt-on -->` and Markdown code fences are verbatim;
//!   a `nianbao-disable-next-line` comment stays on the line before its line;
//! - HTML is left alone; `to_markdown` converts it through [`crate::html::extract`].
//!
//! Formatting is idempotent: `format(format(x)) == format(x)`. The oracles (idempotence, same
//! export, same prose characters, same diagnostics) run on the corpus, its derived layouts, generated
//! reports and random edits (`tests/format.rs`).

pub(crate) mod table;
mod typo;

pub use table::Family;

use crate::model::{Confidence, Layout, Report};
use crate::norm::{is_space, key, trim_end};
use crate::parse::{self, Line};
use crate::template::{self, Item, ItemKind};
use text_size::TextRange;

/// How to format.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormatOptions {
    /// Convert any layout into the Markdown form (`nianbao fmt --to markdown`).
    pub to_markdown: bool,
    /// Force a template (`"2019"` / `"2021"`), as the configuration's `template`; `None` detects it.
    pub template: Option<String>,
}

/// The formatted text and what the formatter could not do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Formatted {
    pub text: String,
    /// Why parts were formatted at the whitespace level only (a table read with low confidence…),
    /// in document order. The CLI prints them as warnings; the language server shows them once.
    pub warnings: Vec<String>,
}

/// How an empty HTML cell is written when converting to Markdown.
const BLANK_CELL: &str = "—";

/// Format a whole document.
///
/// HTML (a page, or a document with an HTML table pasted in) is left as it is, except with
/// `to_markdown`: then its text is extracted ([`crate::html::extract`]: tables as tab-separated rows)
/// and converted like plain text.
pub fn format(text: &str, options: &FormatOptions) -> Formatted {
    keeping_the_tables(text, options, format_any(text, options))
}

/// The last guard of "never a number lost": a formatted text whose tables read otherwise than the
/// source's (a value gone or changed, the template or year no longer found) is not returned; the
/// source is, with a warning. The plan is built to keep them; this catches what it did not foresee
/// (a Markdown file holding a page's HTML tables, converted to Markdown, lost cells that way).
fn keeping_the_tables(text: &str, options: &FormatOptions, formatted: Formatted) -> Formatted {
    if formatted.text == text {
        return formatted;
    }
    let template = options.template.as_deref();
    let kept = |report: &Report, text: &str| {
        let mut j = crate::export::to_json(report, text, "");
        (j["tables"].take(), j["template"].take(), j["year"].take())
    };
    let before = kept(&crate::parse_any(text, template), text);
    let after = kept(
        &crate::parse_any(&formatted.text, template),
        &formatted.text,
    );
    if before == after {
        return formatted;
    }
    let mut warnings = formatted.warnings;
    warnings.push(
        "格式化后表格数据会改变（数值、模板或年份读法不同），文本未改动（请报告此问题）".into(),
    );
    Formatted {
        text: text.to_string(),
        warnings,
    }
}

fn format_any(text: &str, options: &FormatOptions) -> Formatted {
    if crate::html::looks_like_html(text) {
        if !options.to_markdown {
            return Formatted {
                text: text.to_string(),
                warnings: Vec::new(),
            };
        }
        // An empty cell (`<td>&nbsp;</td>`) is written 「—」, a blank the parser reads as such (I6):
        // in Markdown an empty cell would vanish.
        let extracted = crate::html::extract(text)
            .text
            .replace(crate::html::EMPTY_CELL, BLANK_CELL);
        return format_text(&extracted, options);
    }
    format_text(text, options)
}

fn format_text(text: &str, options: &FormatOptions) -> Formatted {
    let (segments, eol, warnings) = guarded_plan(text, options);
    match segments {
        Some(segments) => Formatted {
            text: join(&segments, eol),
            warnings,
        },
        None => Formatted {
            text: text.to_string(),
            warnings,
        },
    }
}

/// Format the tables, headings and lines touched by `range` (byte offsets); the rest of the text is
/// returned byte for byte. A table is formatted whole when the range touches any part of it.
pub fn format_range(text: &str, range: TextRange, options: &FormatOptions) -> Formatted {
    if crate::html::looks_like_html(text) {
        return Formatted {
            text: text.to_string(),
            warnings: Vec::new(),
        };
    }
    let (segments, eol, warnings) = guarded_plan(text, options);
    let Some(segments) = segments else {
        return Formatted {
            text: text.to_string(),
            warnings,
        };
    };
    let lines = source_lines(text);
    let (rs, re) = (usize::from(range.start()), usize::from(range.end()));
    let mut out = String::with_capacity(text.len());
    for seg in &segments {
        if seg.src.is_empty() {
            continue;
        }
        let a = lines[seg.src.start].start;
        let b = lines[seg.src.end - 1].next;
        let touched = if rs == re {
            rs >= a && rs <= lines[seg.src.end - 1].end
        } else {
            rs < b.max(a + 1) && re > a
        };
        if touched {
            for l in &seg.out {
                out.push_str(l);
                out.push_str(eol);
            }
        } else {
            out.push_str(&text[a..b]);
        }
    }
    keeping_the_tables(
        text,
        options,
        Formatted {
            text: out,
            warnings,
        },
    )
}

/// What formatting keeps of a report's export ([`crate::export::to_json`]), which its oracles (the
/// formatter's tests, the `format` fuzz target) compare before and after: the template, year, organ,
/// every table and cell, and the cells' texts as written (`raw`) with their digits in ASCII — the
/// one change formatting makes to a cell (「１２」 → 「12」; a text that then is the value as exported
/// is left out, as the export leaves it out). The sections are left out: a heading's typography may
/// change.
pub fn kept_export(report: &Report, text: &str) -> serde_json::Value {
    use serde_json::Value as Json;
    let mut j = crate::export::to_json(report, text, "");
    let Some(o) = j.as_object_mut() else {
        return j;
    };
    o.remove("sections");
    o.remove("path");
    let tables = o.get("tables").cloned().unwrap_or(Json::Null);
    if let Some(Json::Object(raw)) = o.get_mut("raw") {
        for (t, rows) in raw.iter_mut() {
            let Json::Object(rows) = rows else { continue };
            for (r, cells) in rows.iter_mut() {
                let Json::Object(cells) = cells else { continue };
                cells.retain(|c, v| {
                    let Json::String(s) = v else { return true };
                    *s = s.chars().map(typo::ascii_digit).collect();
                    let value = match &tables[t][r][c] {
                        Json::Null => String::new(),
                        n => n.to_string(),
                    };
                    *s != value
                });
            }
            rows.retain(|_, cells| cells.as_object().is_none_or(|c| !c.is_empty()));
        }
        raw.retain(|_, rows| rows.as_object().is_none_or(|r| !r.is_empty()));
    }
    j
}

/// [`plan`], and should it panic (a bug), the text unchanged with a warning: formatting on save must
/// never lose a document.
fn guarded_plan(
    text: &str,
    options: &FormatOptions,
) -> (Option<Vec<Segment>>, &'static str, Vec<String>) {
    std::panic::catch_unwind(|| plan(text, options)).unwrap_or_else(|_| {
        (
            None,
            line_ending(text),
            vec!["格式化器内部错误：文本未改动（请报告此问题）".into()],
        )
    })
}

/// Output lines standing for a run of source lines.
#[derive(Debug, Clone)]
struct Segment {
    /// Source line indices.
    src: std::ops::Range<usize>,
    out: Vec<String>,
}

fn join(segments: &[Segment], eol: &str) -> String {
    let mut out = String::new();
    for l in segments.iter().flat_map(|s| &s.out) {
        out.push_str(l);
        out.push_str(eol);
    }
    out
}

/// The lines of the text, without the empty line after a final line break.
fn source_lines(text: &str) -> Vec<Line> {
    let mut lines = parse::lines(text);
    if text.is_empty() || text.ends_with('\n') {
        lines.pop();
    }
    lines
}

/// CRLF when every line break is one, else LF.
fn line_ending(text: &str) -> &'static str {
    let lf = text.matches('\n').count();
    if lf > 0 && text.matches("\r\n").count() == lf {
        "\r\n"
    } else {
        "\n"
    }
}

fn confidence_word(c: Confidence) -> &'static str {
    match c {
        Confidence::None => "无法读取",
        Confidence::Low => "置信度低",
        Confidence::High => "置信度高",
    }
}

/// Plan the whole document: segments (or `None`: leave the text unchanged), the line ending, warnings.
fn plan(text: &str, options: &FormatOptions) -> (Option<Vec<Segment>>, &'static str, Vec<String>) {
    let eol = line_ending(text);
    let report = parse::parse(text, options.template.as_deref());
    let family = match (options.to_markdown, report.layout) {
        (true, Layout::Html) => return (None, eol, vec!["文本看起来是 HTML，未改动".into()]),
        (_, Layout::Html) => return (None, eol, Vec::new()),
        (true, _) | (false, Layout::Markdown) => Family::Markdown,
        (false, Layout::Text) => Family::Text,
    };
    let mut excluded: Vec<String> = Vec::new();
    let mut extra_warnings = Vec::new();
    for _ in 0..=report.tables.len() {
        let (segments, warnings) =
            Planner::new(text, &report, family, options, Some(&excluded)).run();
        match differences(&report, &parse_output(&segments, eol, options)) {
            Difference::None => {
                let mut w = warnings;
                w.extend(extra_warnings);
                return (Some(segments), eol, w);
            }
            Difference::Tables(ids) => {
                let new: Vec<String> = ids
                    .into_iter()
                    .filter(|id| !excluded.contains(id))
                    .collect();
                if new.is_empty() {
                    break;
                }
                for id in new {
                    extra_warnings
                        .push(format!("表格 `{id}`：规范格式会改变解析结果，只整理了空白"));
                    excluded.push(id);
                }
            }
            Difference::Structure => break,
        }
    }
    // whitespace only, then nothing at all
    let (segments, _) = Planner::new(text, &report, family, options, None).run();
    if let Difference::None = differences(&report, &parse_output(&segments, eol, options)) {
        return (
            Some(segments),
            eol,
            vec!["规范格式会改变报告的解析结果（章节、模板或表格），只整理了空白".into()],
        );
    }
    (
        None,
        eol,
        vec!["格式化会改变报告的解析结果（章节、模板或表格），文本未改动".into()],
    )
}

fn parse_output(segments: &[Segment], eol: &str, options: &FormatOptions) -> Report {
    parse::parse(&join(segments, eol), options.template.as_deref())
}

enum Difference {
    None,
    Tables(Vec<String>),
    Structure,
}

/// A cell as read: its text in the formatter's typography (the one change formatting may make to
/// it: digits in ASCII) and its value.
type CellSignature = (String, crate::model::Value);

/// A row as read: its id, its cells by column, its extra cells.
type RowSignature = (String, Vec<(String, CellSignature)>, Vec<CellSignature>);

/// A table as read: every row's id, cells and extra cells; the values written on group lines, which
/// should carry none (NB108, NB202) and on lines that are no row (NB209). Two readings with
/// the same signature export the same (the values, and the texts as written up to the width of their
/// digits), and the rules find the same in them.
type TableSignature = (
    Vec<RowSignature>,
    Vec<(&'static str, usize)>,
    Vec<(String, usize)>,
);

fn signature(t: &crate::model::Table) -> TableSignature {
    let cell = |c: &crate::model::Cell| (typo::value(&c.raw), c.value.clone());
    let rows = t
        .rows
        .iter()
        .map(|r| {
            (
                r.id.to_string(),
                r.cells
                    .iter()
                    .map(|c| (c.column.to_string(), cell(c)))
                    .collect(),
                r.extra_cells.iter().map(cell).collect(),
            )
        })
        .collect();
    let carrying = t
        .markers
        .iter()
        .filter(|m| m.kind == ItemKind::Group && m.values > 0)
        .map(|m| (m.standard, m.values))
        .collect();
    let unknown = t.unknown.iter().map(|u| (key(&u.text), u.values)).collect();
    (rows, carrying, unknown)
}

fn differences(before: &Report, after: &Report) -> Difference {
    let ids = |r: &Report| r.sections.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
    if before.template != after.template
        || ids(before) != ids(after)
        || before.title.as_ref().map(|t| &t.0) != after.title.as_ref().map(|t| &t.0)
        || before.year != after.year
    {
        return Difference::Structure;
    }
    let mut differ = Vec::new();
    for t in &before.tables {
        match after.table(&t.id) {
            Some(u) if signature(t) == signature(u) && u.confidence >= t.confidence => {}
            _ => differ.push(t.id.clone()),
        }
    }
    for u in &after.tables {
        if before.table(&u.id).is_none() {
            return Difference::Structure;
        }
    }
    if differ.is_empty() {
        Difference::None
    } else {
        Difference::Tables(differ)
    }
}

/// The characters of a text that make its words: letters (汉字 included) and digits, width-folded.
/// Whitespace, markup and punctuation are not counted: the formatter writes table pipes and heading
/// marks, and gives labels the template's punctuation (「1、属于国家秘密」 → 「1.属于国家秘密」).
fn word_chars<'t>(lines: impl Iterator<Item = &'t str>) -> rustc_hash::FxHashMap<char, usize> {
    let mut out = rustc_hash::FxHashMap::default();
    for c in lines
        .flat_map(str::chars)
        .map(crate::norm::fold_width)
        .filter(|c| c.is_alphanumeric())
    {
        *out.entry(c).or_insert(0) += 1;
    }
    out
}

/// A character of `before` that `after` holds fewer times, if any.
fn lost_char<'t>(
    before: impl Iterator<Item = &'t str>,
    after: impl Iterator<Item = &'t str>,
) -> Option<char> {
    let (a, b) = (word_chars(before), word_chars(after));
    let mut lost: Vec<char> = a
        .into_iter()
        .filter(|(c, n)| b.get(c).copied().unwrap_or(0) < *n)
        .map(|(c, _)| c)
        .collect();
    lost.sort_unstable();
    lost.first().copied()
}

/// A table rewritten into its canonical form.
struct TablePlan {
    first: usize,
    last: usize,
    lines: Vec<String>,
}

struct Planner<'a> {
    text: &'a str,
    report: &'a Report,
    lines: Vec<Line>,
    family: Family,
    /// Markdown: a blank line around headings and tables.
    insert_blanks: bool,
    /// Converting plain text to Markdown: every prose line is a paragraph.
    paragraphs: bool,
    verbatim: Vec<bool>,
    /// Inside a table formatted at the whitespace level: trim each cell.
    cells: Vec<bool>,
    headings: Vec<Option<String>>,
    tables: Vec<TablePlan>,
    warnings: Vec<String>,
}

impl<'a> Planner<'a> {
    /// `excluded`: tables to leave at the whitespace level; `None`: the whole document at the
    /// whitespace level (no table, heading or blank line rewritten or inserted).
    fn new(
        text: &'a str,
        report: &'a Report,
        family: Family,
        options: &FormatOptions,
        excluded: Option<&[String]>,
    ) -> Self {
        let lines = source_lines(text);
        let n = lines.len();
        let whitespace_only = excluded.is_none();
        let mut p = Planner {
            text,
            report,
            family,
            insert_blanks: family == Family::Markdown && !whitespace_only,
            paragraphs: options.to_markdown
                && report.layout != Layout::Markdown
                && !whitespace_only,
            verbatim: vec![false; n],
            cells: vec![false; n],
            headings: vec![None; n],
            tables: Vec::new(),
            warnings: Vec::new(),
            lines,
        };
        p.mark_verbatim();
        match excluded {
            Some(excluded) => {
                p.plan_headings();
                p.plan_tables(excluded);
            }
            None => {
                let all: Vec<String> = report.tables.iter().map(|t| t.id.clone()).collect();
                p.plan_tables(&all);
            }
        }
        p
    }

    fn content(&self, i: usize) -> &'a str {
        let l = self.lines[i];
        &self.text[l.start..l.end]
    }

    fn line_of(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|l| l.next <= offset)
            .min(self.lines.len().saturating_sub(1))
    }

    fn mark_verbatim(&mut self) {
        let mut off = false;
        let mut fence: Option<&str> = None;
        for i in 0..self.lines.len() {
            let c = self.content(i);
            let t = c.trim();
            if let Some(f) = fence {
                self.verbatim[i] = true;
                if t.starts_with(f) {
                    fence = None;
                }
                continue;
            }
            if off {
                self.verbatim[i] = true;
                if c.contains("nianbao-fmt-on") {
                    off = false;
                }
                continue;
            }
            if c.contains("<!--") && c.contains("nianbao-fmt-off") {
                self.verbatim[i] = true;
                off = true;
            } else if self.report.layout == Layout::Markdown
                && (t.starts_with("```") || t.starts_with("~~~"))
            {
                self.verbatim[i] = true;
                fence = Some(&t[..3]);
            }
        }
    }

    /// The words of a line without Markdown heading/emphasis markup and table pipes.
    fn bare(line: &str) -> &str {
        line.trim_matches(|c: char| is_space(c) || matches!(c, '#' | '*' | '_' | '|'))
    }

    fn plan_headings(&mut self) {
        let md = self.family == Family::Markdown;
        if let Some((title, range)) = &self.report.title {
            let i = self.line_of(usize::from(range.start()));
            let before_sections = self
                .report
                .sections
                .first()
                .is_none_or(|s| range.start() < s.line_range.start());
            if before_sections && !self.verbatim[i] && Self::bare(self.content(i)) == title {
                self.headings[i] = Some(if md {
                    format!("# {title}")
                } else {
                    title.clone()
                });
            }
        }
        for s in &self.report.sections {
            let i = self.line_of(usize::from(s.line_range.start()));
            if self.verbatim[i] || Self::bare(self.content(i)) != s.heading {
                continue;
            }
            let h = typo::heading(&s.heading);
            self.headings[i] = Some(if md { format!("## {h}") } else { h });
        }
    }

    fn plan_tables(&mut self, excluded: &[String]) {
        let tpl = self.report.template_data();
        for t in &self.report.tables {
            // a converter's attribute span cutting a number inside the table (「[58]{…}3.9」): the
            // cells' offsets there are the reading's, not the source's, so the table is not rewritten
            let rewritten = self.report.rewritten_markup.iter().any(|m| {
                t.range.intersect(*m).is_some_and(|i| !i.is_empty()) || t.range.contains_range(*m)
            });
            let planned = match tpl.and_then(|tpl| tpl.table(&t.id)) {
                _ if excluded.contains(&t.id) => Err(String::new()),
                _ if rewritten => Err("单元格中有转换器的样式标记「[…]{…}」".into()),
                Some(tt) => self.plan_table(t, tt),
                None => Err("模板未识别".into()),
            };
            match planned {
                Ok(plan) => self.tables.push(plan),
                Err(reason) => {
                    if !reason.is_empty() {
                        self.warnings
                            .push(format!("表格 `{}`：{reason}，只整理了空白", t.id));
                    }
                    if t.range.is_empty() {
                        continue;
                    }
                    let a = self.line_of(usize::from(t.range.start()));
                    let b = self.line_of(usize::from(t.range.end()).saturating_sub(1));
                    for i in a..=b {
                        if self.headings[i].is_none() {
                            self.cells[i] = true;
                        }
                    }
                }
            }
        }
        self.tables.sort_by_key(|t| t.first);
        // two tables sharing a line: neither is rewritten
        let mut keep = vec![true; self.tables.len()];
        for i in 1..self.tables.len() {
            if self.tables[i].first <= self.tables[i - 1].last {
                keep[i] = false;
                keep[i - 1] = false;
            }
        }
        let mut k = keep.iter();
        let (kept, dropped): (Vec<TablePlan>, Vec<TablePlan>) = std::mem::take(&mut self.tables)
            .into_iter()
            .partition(|_| *k.next().unwrap_or(&true));
        for t in dropped {
            self.warnings
                .push("两个表格写在同一行，只整理了空白".to_string());
            for i in t.first..=t.last {
                self.cells[i] = self.headings[i].is_none();
            }
        }
        self.tables = kept;
    }

    /// Keys of every header text of a template table (for recognising header fragments).
    fn header_key(tt: &template::Table) -> String {
        let mut k = String::new();
        for h in &tt.header {
            k.push_str(&key(h));
            k.push('\u{1}');
        }
        for c in &tt.columns {
            k.push_str(&key(&c.header));
            k.push('\u{1}');
        }
        for i in &tt.items {
            if matches!(i.kind, ItemKind::Header | ItemKind::Block) {
                k.push_str(&key(&i.label));
                k.push('\u{1}');
            }
        }
        k
    }

    /// A piece of header text (「企业」「人或其他组织」) or punctuation: dropped before a rewritten table.
    fn is_header_fragment(piece: &str, header_key: &str) -> bool {
        if piece
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        {
            return false;
        }
        let k = key(piece);
        k.is_empty() || header_key.contains(&k)
    }

    /// Only pipes, tabs, spaces and separator dashes.
    fn is_rule(s: &str) -> bool {
        s.chars()
            .all(|c| is_space(c) || matches!(c, '|' | '-' | ':' | '+'))
    }

    fn pieces(s: &str) -> impl Iterator<Item = &str> {
        s.split(['\t', '|'])
            .map(crate::norm::trim)
            .filter(|p| !p.is_empty() && !p.chars().all(|c| matches!(c, '-' | ':' | '+')))
    }

    fn plan_table(
        &self,
        t: &crate::model::Table,
        tt: &template::Table,
    ) -> Result<TablePlan, String> {
        if t.confidence != Confidence::High {
            let notes = if t.notes.is_empty() {
                String::new()
            } else {
                format!("（{}）", t.notes.join("；"))
            };
            return Err(format!("{}{notes}", confidence_word(t.confidence)));
        }
        for row in &t.rows {
            let Some(item) = tt.row(row.id) else {
                return Err(format!("行 `{}` 不在模板中", row.id));
            };
            if row.cells.len() != item.columns.len() || !row.extra_cells.is_empty() {
                return Err(format!("行 `{}` 的数值个数不符", row.id));
            }
            if row
                .cells
                .iter()
                .any(|c| c.raw.contains('\n') || c.raw.contains('\r'))
            {
                return Err(format!("行 `{}` 的数值跨行", row.id));
            }
            // values recovered from digits written together (NB208) are an inference, not text:
            // splitting them is a fix the author accepts, never formatting
            if row.run_together.is_some() {
                return Err(format!("行 `{}` 的数值连写在一起（NB208）", row.id));
            }
            // each value is the text at its place, and no two values share it
            let mut at = 0usize;
            for c in &row.cells {
                let written = self
                    .text
                    .get(usize::from(c.range.start())..usize::from(c.range.end()));
                let written = written.map(|w| typo::value(&w.replace(crate::html::EMPTY_CELL, "")));
                if written != Some(typo::value(&c.raw))
                    || (usize::from(c.range.start()) < at && !c.range.is_empty())
                {
                    return Err(format!("行 `{}` 的数值不是按原文读出的", row.id));
                }
                at = at.max(usize::from(c.range.end()));
            }
        }
        if t.rows.is_empty() {
            return Err("没有数据行".into());
        }
        let header_key = Self::header_key(tt);
        let (s, e) = (usize::from(t.range.start()), usize::from(t.range.end()));
        let mut first = self.line_of(s);
        let mut last = self.line_of(e.saturating_sub(1).max(s));
        // the section the table stands in: never cross its heading
        let floor = self
            .report
            .sections
            .iter()
            .map(|sec| usize::from(sec.line_range.start()))
            .filter(|&h| h < s)
            .max()
            .map_or(0, |h| self.line_of(h) + 1);
        let prefix = self.text.get(self.lines[first].start..s).unwrap_or("");
        if !Self::pieces(prefix).all(|p| Self::is_header_fragment(p, &header_key)) {
            return Err("表格与正文同行".into());
        }
        // header lines before the first recognised text
        while first > floor {
            let c = self.content(first - 1);
            let blank = crate::norm::trim(c).is_empty();
            if self.headings[first - 1].is_some()
                || self.verbatim[first - 1]
                || (!blank && !Self::pieces(c).all(|p| Self::is_header_fragment(p, &header_key)))
            {
                break;
            }
            first -= 1;
        }
        while first < self.line_of(s) && crate::norm::trim(self.content(first)).is_empty() {
            first += 1;
        }
        let suffix = self.text.get(e..self.lines[last].end).unwrap_or("");
        if !Self::is_rule(suffix) {
            return Err("表格与正文同行".into());
        }
        // trailing rule lines (「||」)
        while last + 1 < self.lines.len()
            && !crate::norm::trim(self.content(last + 1)).is_empty()
            && Self::is_rule(self.content(last + 1))
            && !self.verbatim[last + 1]
        {
            last += 1;
        }
        for i in first..=last {
            if self.headings[i].is_some() || self.verbatim[i] {
                return Err("表格中有标题行或不格式化的区域".into());
            }
            // a sub-heading between parts of the table (「### 行政复议」 over a small table of its own,
            // as converters write table 四): merging the parts would drop its words
            if self.content(i).trim_start().starts_with('#') {
                return Err("表格分成几段，段间有小标题（合并会删去小标题的文字）".into());
            }
            // suppression comments apply to lines: the table's lines must stay where they are
            if self.content(i).contains("nianbao-") {
                return Err("表格中有 nianbao 注释".into());
            }
        }
        // what the parser recognised
        let mut covered: Vec<(usize, usize)> = Vec::new();
        let mut push = |r: TextRange| covered.push((usize::from(r.start()), usize::from(r.end())));
        for row in &t.rows {
            if let Some(l) = &row.label {
                l.parts.iter().copied().for_each(&mut push);
            }
            row.cells.iter().for_each(|c| push(c.range));
        }
        // Markers: a group or block line is printed as written (its first occurrence); a header
        // text is replaced by the template's, unless that would drop a digit. Anything else stays.
        let lines_of = |kind: ItemKind| -> Vec<&str> {
            tt.items
                .iter()
                .filter(|i| i.kind == kind)
                .map(|i| i.label.as_str())
                .collect()
        };
        let (groups, blocks) = (lines_of(ItemKind::Group), lines_of(ItemKind::Block));
        let digits = |s: &str| -> String {
            s.chars()
                .map(typo::ascii_digit)
                .filter(char::is_ascii_digit)
                .collect()
        };
        let mut used: Vec<&str> = Vec::new();
        for m in t.markers.iter().filter(|m| {
            usize::from(m.range.start()) >= self.lines[first].start
                && usize::from(m.range.end()) <= self.lines[last].end
        }) {
            let printed = groups.contains(&m.standard) || blocks.contains(&m.standard);
            if printed {
                if !used.contains(&m.standard) {
                    used.push(m.standard);
                    push(m.range);
                }
            } else if digits(&m.label) == digits(m.standard) {
                push(m.range);
            }
        }
        covered.sort();
        let first_row = t
            .rows
            .iter()
            .map(|r| usize::from(r.range.start()))
            .min()
            .unwrap_or(s);
        // leftovers: uncovered text of the span, in order
        let mut leftovers: Vec<String> = Vec::new();
        for i in first..=last {
            let l = self.lines[i];
            let mut at = l.start;
            let mut runs = Vec::new();
            for &(a, b) in covered.iter().filter(|(a, b)| *b > l.start && *a < l.end) {
                if a > at {
                    runs.push((at, a));
                }
                at = at.max(b);
            }
            if at < l.end {
                runs.push((at, l.end));
            }
            for (a, b) in runs {
                let run = &self.text[a..b];
                let kept: Vec<&str> = Self::pieces(run).collect();
                if kept.is_empty() {
                    continue;
                }
                if a < first_row
                    && kept
                        .iter()
                        .all(|p| Self::is_header_fragment(p, &header_key))
                {
                    continue;
                }
                if kept.iter().all(|p| key(p).is_empty()) && a < first_row {
                    continue;
                }
                let lead = crate::norm::trim(run.trim_matches(['\t', '|']));
                // a leftover starts a line of its own: one that did not start its line and starts
                // with a mark the reader takes for markup (「|# ||」 → 「#」, an empty heading; 「# 0」
                // would make the text Markdown) would be read otherwise (Markdown escapes 「#」)
                let line = self.content(i);
                let line_first = l.start + (line.len() - crate::norm::trim_start(line).len());
                let at = a + (lead.as_ptr() as usize - run.as_ptr() as usize);
                let md_hash = self.family == Family::Markdown && lead.starts_with('#');
                if at != line_first && !md_hash {
                    if let Some(c) = lead
                        .chars()
                        .next()
                        .filter(|c| matches!(c, '#' | '*' | '_' | '>'))
                    {
                        return Err(format!("表格中的「{c}」会写到行首，读作标记"));
                    }
                }
                leftovers.push(lead.to_string());
            }
        }
        // only what stands inside the span is printed again
        let (span_start, span_end) = (self.lines[first].start, self.lines[last].end);
        let inside =
            |r: TextRange| usize::from(r.start()) >= span_start && usize::from(r.end()) <= span_end;
        if t.rows.iter().any(|r| !inside(r.range)) {
            return Err("表格行超出表格范围".into());
        }
        let content = Found {
            table: t,
            markers: t.markers.iter().filter(|m| inside(m.range)).collect(),
        };
        let pieces = table::build(tt, &content).ok_or("表格不完整")?;
        let mut lines = table::write(&pieces, self.family);
        for l in leftovers {
            if self.family == Family::Markdown {
                lines.push(String::new());
                // text left over from a cell (「# 0」 cut from its value) is prose: never a heading
                if l.starts_with('#') {
                    lines.push(format!("\\{l}"));
                    continue;
                }
            }
            lines.push(l);
        }
        // nor the template markers written in it (NB108 reports those of another template, which
        // the template's header texts would replace: 「本年\n处理决定数量 |」, a 2021 header in a 2019
        // table, must not become 「本年增/减」 silently)
        let written = parse::markers_in(
            self.text,
            &[TextRange::new(
                (span_start as u32).into(),
                (span_end as u32).into(),
            )],
        );
        if !written.is_empty() {
            let out = lines.join("\n");
            let kept = parse::markers_in(&out, &[TextRange::up_to((out.len() as u32).into())]);
            let same = |(a, m): &(&template::Template, &String),
                        (b, n): &(&template::Template, &String)| {
                a.id == b.id && m == n
            };
            if let Some((tpl, m)) = written.iter().find(|w| !kept.iter().any(|k| same(w, k))) {
                return Err(format!(
                    "规范格式会删去 {} 模板的「{m}」（见 NB108）",
                    tpl.id
                ));
            }
        }
        // the formatter never removes a character of the report: every character of the span is
        // still in the table written for it (the template's header texts may add some)
        let span: Vec<&str> = (first..=last).map(|i| self.content(i)).collect();
        if let Some(c) = lost_char(span.iter().copied(), lines.iter().map(String::as_str)) {
            return Err(format!("规范格式会删去原文的「{c}」"));
        }
        Ok(TablePlan { first, last, lines })
    }

    fn run(self) -> (Vec<Segment>, Vec<String>) {
        let md = self.insert_blanks;
        let n = self.lines.len();
        let mut segs: Vec<Segment> = Vec::new();
        let mut prev_blank = true; // start of the document
        let mut need_blank = false;
        let mut prev_prose = false;
        // the previous line is `<!-- nianbao-disable-next-line … -->`: never separate it from its line
        let mut glued = false;
        let glue = |out: &[String]| {
            out.last()
                .is_some_and(|l| l.contains("nianbao-disable-next-line"))
        };
        let mut tables = self.tables.iter().peekable();
        let mut i = 0;
        while i < n {
            // skip tables that start before i (overlapping plans are not expected)
            while tables.peek().is_some_and(|t| t.first < i) {
                tables.next();
            }
            let block = |out: &mut Vec<String>, lines: Vec<String>, prev_blank: bool| {
                if md && !prev_blank {
                    out.push(String::new());
                }
                out.extend(lines);
            };
            if tables.peek().is_some_and(|t| t.first == i) {
                let t = tables.next().unwrap_or_else(|| unreachable!());
                let mut out = Vec::new();
                block(&mut out, t.lines.clone(), prev_blank || glued);
                glued = false;
                segs.push(Segment {
                    src: i..t.last + 1,
                    out,
                });
                i = t.last + 1;
                prev_blank = false;
                need_blank = md;
                prev_prose = false;
                continue;
            }
            if self.verbatim[i] {
                let mut j = i;
                while j < n && self.verbatim[j] {
                    j += 1;
                }
                let mut out = Vec::new();
                if md && need_blank && !prev_blank && !glued {
                    out.push(String::new());
                }
                out.extend((i..j).map(|k| self.content(k).to_string()));
                glued = glue(&out);
                prev_blank = self.content(j - 1).trim().is_empty();
                segs.push(Segment { src: i..j, out });
                i = j;
                need_blank = false;
                prev_prose = false;
                continue;
            }
            if let Some(h) = &self.headings[i] {
                let mut out = Vec::new();
                block(&mut out, vec![h.clone()], prev_blank || glued);
                glued = false;
                segs.push(Segment { src: i..i + 1, out });
                i += 1;
                prev_blank = false;
                need_blank = md;
                prev_prose = false;
                continue;
            }
            let c = self.content(i);
            if crate::norm::trim(c).is_empty() {
                let mut j = i;
                while j < n
                    && !self.verbatim[j]
                    && self.headings[j].is_none()
                    && crate::norm::trim(self.content(j)).is_empty()
                    && !self.tables.iter().any(|t| t.first == j)
                {
                    j += 1;
                }
                let j = j.max(i + 1);
                let out = if prev_blank || j >= n {
                    Vec::new()
                } else {
                    vec![String::new()]
                };
                segs.push(Segment { src: i..j, out });
                prev_blank = true;
                glued = false;
                need_blank = false;
                prev_prose = false;
                i = j;
                continue;
            }
            // a prose line (or a line of a table formatted at the whitespace level)
            let line = if self.cells[i] {
                trim_end(
                    &c.split('\t')
                        .map(crate::norm::trim)
                        .collect::<Vec<_>>()
                        .join("\t"),
                )
                .to_string()
            } else {
                trim_end(c).to_string()
            };
            let mut out = Vec::new();
            if md && !prev_blank && !glued && (need_blank || (self.paragraphs && prev_prose)) {
                out.push(String::new());
            }
            out.push(line);
            glued = glue(&out);
            segs.push(Segment { src: i..i + 1, out });
            prev_blank = false;
            need_blank = false;
            prev_prose = true;
            i += 1;
        }
        (segs, self.warnings)
    }
}

/// The content of a table as found in the document, for the canonical layout.
struct Found<'a> {
    table: &'a crate::model::Table,
    /// The markers inside the table's span.
    markers: Vec<&'a crate::model::Marker>,
}

impl table::Content for Found<'_> {
    fn row(&self, item: &Item) -> Option<(String, Vec<String>)> {
        let row = self.table.row(&item.id)?;
        // a row found without its label keeps an empty label cell: no text is added
        let label = row
            .label
            .as_ref()
            .map_or_else(String::new, |l| typo::label(&l.text));
        let values = item
            .columns
            .iter()
            .map(|c| {
                row.cell(c)
                    .map_or(String::new(), |cell| typo::value(&cell.raw))
            })
            .collect();
        Some((label, values))
    }

    fn marker(&self, item: &Item) -> Option<String> {
        self.markers
            .iter()
            .find(|m| m.standard == item.label)
            .map(|m| typo::label(&m.label))
    }
}

#[cfg(test)]
mod tests;
