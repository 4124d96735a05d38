//! The reviewer's roll-up of a region's reports (`nianbao review`, INTERFACES.md): per unit its organ,
//! year, template, whether it could be read, its counts, key figures and problems grouped by table with
//! the quoted evidence; the units expected but missing; the parent's totals against the sum over its
//! units. IO-free: the adapter reads the files and gives each text to [`review_one`], then the cross-year
//! rules to [`Reviewed::add_previous_year`], then everything to [`roll_up`]. Of a report only its
//! [`Unit`] (and the small [`Checked`] the cross-year rules read) is kept, never its text.

use crate::diagnostic::{Diagnostic, Severity};
use crate::lines::{LineIndex, Unit as Col};
use crate::model::{Confidence, Report};
use crate::{Checked, Config, TextRange};
use serde_json::{json, Map, Value as Json};
use std::collections::HashMap;

/// The tables whose cells are compared with the sum over the units (region sums).
const SUMMED: [&str; 2] = ["applications", "review_litigation"];

/// The place a problem is grouped under when it lies in no section.
pub const DOCUMENT: &str = "document";

/// Key figures of a report (`None`: not read).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    /// 一、本年新收 总计.
    pub received: Option<f64>,
    /// （七）总计 总计 (办结).
    pub results_total: Option<f64>,
    /// 行政复议 结果纠正.
    pub review_corrected: Option<f64>,
    /// 行政诉讼 结果纠正, both groups (败诉).
    pub litigation_lost: Option<f64>,
    /// 四、结转下年度继续办理 总计.
    pub carried_over: Option<f64>,
}

/// One problem of a unit's report.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The section it lies in (`overview` … `other`), or [`DOCUMENT`].
    pub table: &'static str,
    /// The rule (`None`: the file could not be read).
    pub code: Option<&'static str>,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    /// 1-based; 0 when the problem is not at a place in the text.
    pub line: u32,
    pub column: u32,
    pub page: Option<u32>,
    /// The source line, around the range (at most [`EVIDENCE`] characters).
    pub evidence: String,
}

/// Characters of evidence quoted.
pub const EVIDENCE: usize = 80;

/// One unit's report, as the review keeps it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Unit {
    pub path: String,
    pub organ: Option<String>,
    pub year: Option<i32>,
    pub template: Option<String>,
    /// From `--units`.
    pub parent: Option<String>,
    /// The name of the `--units` entry this report was matched with.
    pub unit_name: Option<String>,
    pub readable: bool,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub figures: Figures,
    /// In table order (`overview` … `other`, then [`DOCUMENT`]), then by position.
    pub problems: Vec<Problem>,
    /// Share of the prose repeated from last year's report of the same organ.
    pub reuse: Option<f64>,
    /// The cells of tables 三 and 四 (for region sums), when asked for: see [`Unit::cells`].
    cells: Vec<(u16, f64)>,
    /// Where each section lies in the source (for grouping problems found later).
    sections: Vec<(String, TextRange)>,
}

/// A unit's review and the facts the cross-year rules read of its report.
#[derive(Debug, Clone)]
pub struct Reviewed {
    pub unit: Unit,
    pub checked: Checked,
}

/// The groups of problems, in section order ([`DOCUMENT`] last).
pub const GROUPS: [&str; 7] = [
    "overview",
    "active",
    "applications",
    "review_litigation",
    "problems",
    "other",
    DOCUMENT,
];

/// Section order of the groups.
fn group_rank(id: &str) -> usize {
    GROUPS.iter().position(|x| *x == id).unwrap_or(GROUPS.len())
}

/// The group of a section id.
fn group(id: &str) -> &'static str {
    GROUPS
        .iter()
        .copied()
        .find(|x| *x == id)
        .unwrap_or(DOCUMENT)
}

fn figure(report: &Report, table: &str, rows: &[&str], column: &str) -> Option<f64> {
    let t = report.table(table)?;
    if t.confidence != Confidence::High {
        return None;
    }
    let mut sum = 0.0;
    for r in rows {
        sum += t.value(r, column)?;
    }
    Some(sum)
}

fn figures(report: &Report) -> Figures {
    Figures {
        received: figure(report, "applications", &["received"], "total"),
        results_total: figure(report, "applications", &["results_total"], "total"),
        review_corrected: figure(report, "review_litigation", &["review"], "corrected"),
        litigation_lost: figure(
            report,
            "review_litigation",
            &["litigation_direct", "litigation_after_review"],
            "corrected",
        ),
        carried_over: figure(report, "applications", &["carried_over"], "total"),
    }
}

/// Is the report readable: a report in a known template with at least one table read with confidence?
fn readable(report: &Report) -> bool {
    report.template.is_some()
        && report.looks_like_report()
        && report
            .tables
            .iter()
            .any(|t| t.confidence == Confidence::High)
}

/// The line around `range`, at most [`EVIDENCE`] characters.
fn evidence(text: &str, range: TextRange) -> String {
    let mut s = usize::from(range.start()).min(text.len());
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = usize::from(range.end()).clamp(s, text.len());
    while !text.is_char_boundary(e) {
        e += 1;
    }
    let ls = text[..s].rfind('\n').map_or(0, |i| i + 1);
    let le = text[e..].find('\n').map_or(text.len(), |i| e + i);
    let line: Vec<char> = crate::norm::trim(&text[ls..le]).chars().collect();
    if line.len() <= EVIDENCE {
        return line.into_iter().collect();
    }
    // a window around the range
    let trimmed_start = text[ls..le].len() - crate::norm::trim_start(&text[ls..le]).len();
    let at = text[ls + trimmed_start..s.max(ls + trimmed_start)]
        .chars()
        .count();
    let from = at.saturating_sub(EVIDENCE / 3).min(line.len() - EVIDENCE);
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.extend(&line[from..from + EVIDENCE]);
    if from + EVIDENCE < line.len() {
        out.push('…');
    }
    out
}

/// A cell of tables 三 and 四 as a small key: the table (its place in [`SUMMED`]), the row (its place
/// among the template table's items) and the column (its place among its columns).
fn cell_key(tpl: &crate::template::Template, table: &str, row: &str, column: &str) -> Option<u16> {
    let t = SUMMED.iter().position(|x| *x == table)?;
    let tt = tpl.table(table)?;
    let r = tt
        .items
        .iter()
        .position(|i| !i.id.is_empty() && i.id == row)?;
    let c = tt.columns.iter().position(|x| x.id == column)?;
    (r < 256 && c < 16).then_some(((t as u16) << 12) | ((r as u16) << 4) | c as u16)
}

impl Unit {
    /// The cells of tables 三 and 四 kept for region sums: (table, row, column, value).
    pub fn cells(
        &self,
    ) -> impl Iterator<Item = (&'static str, &'static str, &'static str, f64)> + '_ {
        let tpl = self.template.as_deref().and_then(crate::template::by_id);
        self.cells.iter().filter_map(move |&(k, v)| {
            let table = *SUMMED.get((k >> 12) as usize)?;
            let tt = tpl?.table(table)?;
            let row = tt.items.get(((k >> 4) & 0xff) as usize)?.id.as_str();
            let col = tt.columns.get((k & 0xf) as usize)?.id.as_str();
            Some((table, row, col, v))
        })
    }

    /// Add diagnostics of the report read from `text` as problems (counted, grouped, quoted).
    fn add(
        &mut self,
        text: &str,
        index: &LineIndex,
        diagnostics: &[Diagnostic],
        page_of: &dyn Fn(usize) -> Option<u32>,
    ) {
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info | Severity::Hint => self.infos += 1,
            }
            let at = d.range.start();
            let table = self
                .sections
                .iter()
                .filter(|(_, r)| {
                    r.start() <= at && at < r.end().max(r.start() + crate::TextSize::from(1))
                })
                .map(|(id, _)| group(id))
                .next_back()
                .unwrap_or(DOCUMENT);
            let (line, col) = index.position(text, at, Col::Char);
            self.problems.push(Problem {
                table,
                code: Some(d.code),
                name: d.name,
                severity: d.severity,
                message: d.message.clone(),
                line: line + 1,
                column: col + 1,
                page: page_of(usize::from(at)),
                evidence: evidence(text, d.range),
            });
        }
        self.problems
            .sort_by_key(|p| (group_rank(p.table), p.line, p.column));
    }

    /// A file that could not be read at all: a unit with that one problem.
    pub fn unreadable(path: &str, message: &str) -> Unit {
        Unit {
            path: path.to_string(),
            problems: vec![Problem {
                table: DOCUMENT,
                code: None,
                name: "",
                severity: Severity::Error,
                message: message.to_string(),
                line: 0,
                column: 0,
                page: None,
                evidence: String::new(),
            }],
            errors: 1,
            ..Unit::default()
        }
    }
}

/// Review one report read from `path`: every rule but the cross-year ones (see
/// [`Reviewed::add_previous_year`]). `keep_cells`: keep the cells of tables 三 and 四 for region sums.
/// `page_of` gives the page of a byte offset of `text` (PDF input).
pub fn review_one(
    reader: &crate::Reader,
    path: &str,
    text: &str,
    config: &Config,
    keep_cells: bool,
    page_of: &dyn Fn(usize) -> Option<u32>,
) -> Reviewed {
    review_source(
        reader,
        path,
        &crate::Source::from_text(text),
        config,
        keep_cells,
        page_of,
    )
}

/// [`review_one`] for an input of any kind (a PDF, a `.docx`, a page): quotes and lines from
/// `source.text`, pages from `page_of` (an offset in it).
pub fn review_source(
    reader: &crate::Reader,
    path: &str,
    source: &crate::Source,
    config: &Config,
    keep_cells: bool,
    page_of: &dyn Fn(usize) -> Option<u32>,
) -> Reviewed {
    let text: &str = &source.text;
    let (mut checked, (mut unit, _)) =
        reader.check_source_keeping(source, config, |report, to_source| {
            let mut cells = Vec::new();
            if let (true, Some(tpl)) = (keep_cells, report.template_data()) {
                for t in &report.tables {
                    if !SUMMED.contains(&t.id.as_str()) || t.confidence != Confidence::High {
                        continue;
                    }
                    for row in &t.rows {
                        for c in &row.cells {
                            if let (Some(v), Some(k)) =
                                (c.number(), cell_key(tpl, &t.id, row.id, c.column))
                            {
                                cells.push((k, v));
                            }
                        }
                    }
                }
                cells.shrink_to_fit();
            }
            let mut sections: Vec<(String, TextRange)> = Vec::new();
            let starts: Vec<(String, TextRange)> = report
                .sections
                .iter()
                .map(|s| {
                    (
                        s.id.clone(),
                        to_source(TextRange::new(s.line_range.start(), s.body.end())),
                    )
                })
                .collect();
            for (id, r) in starts {
                sections.push((id, r));
            }
            (
                Unit {
                    path: path.to_string(),
                    organ: report.organ.clone(),
                    year: report.year,
                    template: report.template.clone(),
                    readable: readable(report),
                    figures: figures(report),
                    cells,
                    sections,
                    ..Unit::default()
                },
                (),
            )
        });
    let index = LineIndex::new(text);
    unit.add(text, &index, &checked.diagnostics, page_of);
    // the problems hold what the review needs of the diagnostics
    checked.diagnostics = Vec::new();
    Reviewed { unit, checked }
}

impl Reviewed {
    /// The cross-year rules (NB403, NB404, NB406), given last year's report of the same organ; `text` is
    /// this report's text again.
    pub fn add_previous_year(
        &mut self,
        text: &str,
        config: &Config,
        previous: &Checked,
        page_of: &dyn Fn(usize) -> Option<u32>,
    ) {
        self.unit.reuse = crate::rules::prose::share(
            &self.checked.facts.report().prose_hashes,
            &previous.facts.report().prose_hashes,
        );
        if !Checked::wants_previous_year(config) {
            return;
        }
        self.add_previous_year_source(&crate::Source::from_text(text), config, previous, page_of);
    }

    /// [`Reviewed::add_previous_year`] for an input of any kind.
    pub fn add_previous_year_source(
        &mut self,
        source: &crate::Source,
        config: &Config,
        previous: &Checked,
        page_of: &dyn Fn(usize) -> Option<u32>,
    ) {
        self.unit.reuse = crate::rules::prose::share(
            &self.checked.facts.report().prose_hashes,
            &previous.facts.report().prose_hashes,
        );
        if !Checked::wants_previous_year(config) {
            return;
        }
        let text: &str = &source.text;
        let d = self.checked.previous_year_source(source, config, previous);
        if !d.is_empty() {
            let index = LineIndex::new(text);
            self.unit.add(text, &index, &d, page_of);
        }
    }
}

/// For each report, the index of last year's report of the same organ among them.
pub fn previous_years(reviewed: &[Reviewed]) -> Vec<Option<usize>> {
    let by: HashMap<(&str, i32), usize> = reviewed
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some(((r.unit.organ.as_deref()?, r.unit.year?), i)))
        .collect();
    reviewed
        .iter()
        .map(|r| {
            by.get(&(r.unit.organ.as_deref()?, r.unit.year? - 1))
                .copied()
        })
        .collect()
}

/// The whole review of reports already in memory, `(path, text)` (e.g. a web upload): [`review_one`] on
/// each, last year's report of the same organ compared, then [`roll_up`]. A batch from disk does the same
/// without keeping the texts (see the CLI).
pub fn review_texts(
    texts: &[(String, String)],
    expected: Option<&[Expected]>,
    config: &Config,
) -> Review {
    let reader = crate::Reader::new();
    let mut reviewed: Vec<Reviewed> = texts
        .iter()
        .map(|(p, t)| review_one(&reader, p, t, config, expected.is_some(), &|_| None))
        .collect();
    let previous = previous_years(&reviewed);
    for (i, p) in previous.iter().enumerate() {
        if let Some(j) = *p {
            let before = reviewed[j].checked.clone();
            reviewed[i].add_previous_year(&texts[i].1, config, &before, &|_| None);
        }
    }
    roll_up(reviewed.into_iter().map(|r| r.unit).collect(), expected)
}

// ------------------------------------------------------------------------------------ units file

/// A unit expected to report (`--units`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    pub name: String,
    #[serde(default)]
    pub parent: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitsToml {
    units: Vec<Expected>,
}

/// Fields of one CSV line (RFC 4180 quoting).
fn csv_fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out.into_iter()
        .map(|f| crate::norm::trim(&f).to_string())
        .collect()
}

/// Read a units file: TOML (`[[units]]` tables with `name` and optional `parent`) when `toml` is true or
/// the text looks like it, else CSV with a header row naming the columns `name` and (optional) `parent`.
pub fn parse_units(text: &str, toml: bool) -> Result<Vec<Expected>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if toml || text.trim_start().starts_with("[[") {
        let t: UnitsToml = toml::from_str(text)
            .map_err(|e| format!("单位清单不是有效的 TOML：{}", e.message()))?;
        return check_units(t.units);
    }
    let mut lines = text.lines().filter(|l| !crate::norm::trim(l).is_empty());
    let header = lines.next().ok_or("单位清单是空的")?;
    let cols = csv_fields(header);
    let name_at = cols
        .iter()
        .position(|c| c == "name" || c == "名称" || c == "单位")
        .ok_or_else(|| format!("单位清单的表头「{header}」缺少 name 列（应为 name,parent）"))?;
    let parent_at = cols
        .iter()
        .position(|c| c == "parent" || c == "上级" || c == "上级单位");
    let mut out = Vec::new();
    for l in lines {
        let f = csv_fields(l);
        let name = f.get(name_at).cloned().unwrap_or_default();
        let parent = parent_at
            .and_then(|i| f.get(i).cloned())
            .filter(|p| !p.is_empty());
        out.push(Expected { name, parent });
    }
    check_units(out)
}

fn check_units(units: Vec<Expected>) -> Result<Vec<Expected>, String> {
    for (i, u) in units.iter().enumerate() {
        if crate::norm::trim(&u.name).is_empty() {
            return Err(format!("单位清单第 {} 个单位没有名称", i + 1));
        }
    }
    Ok(units)
}

/// Does a report's organ name this expected unit? Equal up to punctuation and width, or one is the other
/// plus 「人民政府」.
fn same_organ(organ: &str, name: &str) -> bool {
    let (a, b) = (crate::norm::key(organ), crate::norm::key(name));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a == b
        || a.strip_suffix("人民政府").is_some_and(|x| x == b)
        || b.strip_suffix("人民政府").is_some_and(|x| x == a)
}

/// The file name of `path` (its last component, without extension).
fn file_stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// The entry whose name the file name holds (the longest such name): 「某某局2024.pdf」 → 某某局.
fn by_file_name<'e>(path: &str, list: &'e [Expected]) -> Option<&'e Expected> {
    let stem = crate::norm::key(file_stem(path));
    list.iter()
        .filter(|e| {
            let k = crate::norm::key(&e.name);
            !k.is_empty() && stem.contains(&k)
        })
        .max_by_key(|e| e.name.chars().count())
}

/// A year 1990–2100 written in the file name (「某某局2024.pdf」), when the report itself did not say.
fn year_in_path(path: &str) -> Option<i32> {
    let stem = file_stem(path);
    let b = stem.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let four = &b[i..i + 4];
        let alone = (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        if !alone || !four.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(four)
            .ok()?
            .parse()
            .ok()
            .filter(|y| (1990..=2100).contains(y))
    })
}

// ------------------------------------------------------------------------------------ roll-up

/// A unit expected (or reporting last year) without a report for the year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub organ: String,
    pub year: i32,
    /// Why it is expected: 「单位清单」 or 「上年有报告」.
    pub reason: &'static str,
}

/// A cell of a parent's report against the sum over its units.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionSum {
    pub organ: String,
    pub year: i32,
    /// `table.row.column`.
    pub cell: String,
    pub label: String,
    pub reported: f64,
    pub sum_of_units: f64,
    pub units: usize,
}

/// The whole review.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Review {
    /// The year reviewed: the latest report year found.
    pub year: Option<i32>,
    pub units: Vec<Unit>,
    pub missing: Vec<Missing>,
    pub region_sums: Vec<RegionSum>,
}

/// Roll the units up: parents from `expected`, who is missing, region sums.
pub fn roll_up(mut units: Vec<Unit>, expected: Option<&[Expected]>) -> Review {
    let year = units.iter().filter_map(|u| u.year).max();
    let mut missing = Vec::new();
    let mut region_sums = Vec::new();
    match expected {
        Some(list) => {
            // each report to its entry: by the organ its title names, else by its file name
            for u in &mut units {
                let by_organ = u
                    .organ
                    .as_deref()
                    .and_then(|organ| list.iter().find(|e| same_organ(organ, &e.name)));
                if let Some(e) = by_organ.or_else(|| by_file_name(&u.path, list)) {
                    u.unit_name = Some(e.name.clone());
                    u.parent = e.parent.clone();
                }
            }
            if let Some(y) = year {
                for e in list {
                    if !units.iter().any(|u| {
                        u.year.or_else(|| year_in_path(&u.path)) == Some(y)
                            && u.unit_name.as_deref() == Some(e.name.as_str())
                    }) {
                        missing.push(Missing {
                            organ: e.name.clone(),
                            year: y,
                            reason: "单位清单",
                        });
                    }
                }
                region_sums = sums(&units, list, y);
            }
        }
        None => {
            if let Some(y) = year {
                let mut seen: Vec<&str> = Vec::new();
                for u in &units {
                    let Some(o) = u.organ.as_deref() else {
                        continue;
                    };
                    if u.year == Some(y - 1)
                        && !seen.contains(&o)
                        && !units.iter().any(|v| {
                            v.year == Some(y)
                                && v.organ.as_deref().is_some_and(|x| same_organ(x, o))
                        })
                    {
                        seen.push(o);
                        missing.push(Missing {
                            organ: o.to_string(),
                            year: y,
                            reason: "上年有报告",
                        });
                    }
                }
            }
        }
    }
    Review {
        year,
        units,
        missing,
        region_sums,
    }
}

/// The parents' cells against the sums over their units, for `year`.
fn sums(units: &[Unit], expected: &[Expected], year: i32) -> Vec<RegionSum> {
    let mut out = Vec::new();
    let mut parents: Vec<&str> = expected
        .iter()
        .filter_map(|e| e.parent.as_deref())
        .collect();
    parents.sort_unstable();
    parents.dedup();
    for p in parents {
        let Some(parent) = units.iter().find(|u| {
            u.year == Some(year)
                && (u.unit_name.as_deref() == Some(p)
                    || u.organ.as_deref().is_some_and(|o| same_organ(o, p)))
        }) else {
            continue;
        };
        let children: Vec<&Unit> = units
            .iter()
            .filter(|u| {
                u.year == Some(year) && u.parent.as_deref() == Some(p) && !u.cells.is_empty()
            })
            .collect();
        if children.is_empty() || parent.cells.is_empty() {
            continue;
        }
        let tpl = parent.template.as_deref().and_then(crate::template::by_id);
        // each cell: the sum over the units and how many units have it
        let mut over: HashMap<(&str, &str, &str), (f64, usize)> = HashMap::new();
        for c in &children {
            for (t, row, col, v) in c.cells() {
                let e = over.entry((t, row, col)).or_default();
                e.0 += v;
                e.1 += 1;
            }
        }
        for (t, row, col, reported) in parent.cells() {
            let Some(&(sum, n)) = over.get(&(t, row, col)) else {
                continue;
            };
            if n < children.len() || (sum - reported).abs() < 1e-6 {
                continue;
            }
            let label = tpl
                .and_then(|tp| tp.table(t))
                .map(|tt| {
                    format!(
                        "{}「{}」",
                        crate::rules::row_label(tt, row),
                        crate::rules::column_header(tt, col)
                    )
                })
                .unwrap_or_default();
            out.push(RegionSum {
                organ: parent.organ.clone().unwrap_or_else(|| p.to_string()),
                year,
                cell: format!("{t}.{row}.{col}"),
                label,
                reported,
                sum_of_units: sum,
                units: children.len(),
            });
        }
    }
    out
}

// ------------------------------------------------------------------------------------ output

fn num(v: f64) -> Json {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

fn opt(v: Option<f64>) -> Json {
    v.map_or(Json::Null, num)
}

/// The heading of a problem group, from the template data (「三、收到和处理政府信息公开申请情况」).
pub fn group_heading(template: Option<&str>, id: &str) -> String {
    let tpl = template
        .and_then(crate::template::by_id)
        .or_else(|| crate::template::all().last());
    tpl.and_then(|t| t.section(id))
        .map_or_else(|| "全文".to_string(), |s| s.heading.clone())
}

impl Review {
    pub fn summary(&self) -> Json {
        json!({
            "units": self.units.len(),
            "errors": self.units.iter().map(|u| u.errors).sum::<usize>(),
            "warnings": self.units.iter().map(|u| u.warnings).sum::<usize>(),
            "infos": self.units.iter().map(|u| u.infos).sum::<usize>(),
            "unreadable": self.units.iter().filter(|u| !u.readable).count(),
            "missing": self.missing.len(),
            "year": self.year,
        })
    }

    /// The `review --format json` object.
    pub fn to_json(&self) -> Json {
        let units: Vec<Json> = self.units.iter().map(unit_json).collect();
        json!({
            "units": units,
            "missing": self.missing_json(),
            "region_sums": self.region_sums_json(),
            "summary": self.summary(),
            "groups": self.groups_json(),
        })
    }

    /// The heading of each group of problems (`"table"` of a problem → its section's heading in the
    /// template data, 「全文」 for the document), for a page that shows the problems by group.
    fn groups_json(&self) -> Json {
        let template = self.units.iter().find_map(|u| u.template.as_deref());
        GROUPS
            .iter()
            .map(|id| (id.to_string(), json!(group_heading(template, id))))
            .collect::<Map<String, Json>>()
            .into()
    }

    fn missing_json(&self) -> Json {
        self.missing
            .iter()
            .map(|m| json!({"organ": m.organ, "year": m.year, "reason": m.reason}))
            .collect()
    }

    fn region_sums_json(&self) -> Json {
        self.region_sums
            .iter()
            .map(|s| {
                json!({
                    "organ": s.organ, "year": s.year, "cell": s.cell, "label": s.label,
                    "reported": num(s.reported), "sum_of_units": num(s.sum_of_units), "units": s.units,
                    "severity": "info",
                })
            })
            .collect()
    }

    /// [`Review::to_json`] written as it is made, one unit per line (never the whole document in memory).
    pub fn write_json(&self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        w.write_all(b"{\"units\": [")?;
        for (i, u) in self.units.iter().enumerate() {
            w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
            serde_json::to_writer(&mut *w, &unit_json(u))?;
        }
        w.write_all(b"\n],\n\"missing\": ")?;
        serde_json::to_writer(&mut *w, &self.missing_json())?;
        w.write_all(b",\n\"region_sums\": ")?;
        serde_json::to_writer(&mut *w, &self.region_sums_json())?;
        w.write_all(b",\n\"summary\": ")?;
        serde_json::to_writer(&mut *w, &self.summary())?;
        w.write_all(b",\n\"groups\": ")?;
        serde_json::to_writer(&mut *w, &self.groups_json())?;
        w.write_all(b"}\n")
    }

    /// The review as CSV: one row per problem (a unit without problems: one row with no problem), per
    /// missing unit and per region sum; `kind` says which.
    pub fn to_csv(&self) -> String {
        let mut out = Vec::new();
        let _ = self.write_csv(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    /// [`Review::to_csv`] written as it is made (a few rows at a time).
    pub fn write_csv(&self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut out = String::from(CSV_HEADER);
        out.push('\n');
        let f = |v: Option<f64>| v.map_or(String::new(), |x| num(x).to_string());
        for u in &self.units {
            let head = vec![
                ("path", u.path.clone()),
                ("organ", u.organ.clone().unwrap_or_default()),
                ("year", u.year.map_or(String::new(), |y| y.to_string())),
                ("template", u.template.clone().unwrap_or_default()),
                ("parent", u.parent.clone().unwrap_or_default()),
                ("readable", u.readable.to_string()),
                ("errors", u.errors.to_string()),
                ("warnings", u.warnings.to_string()),
                ("received", f(u.figures.received)),
                ("results_total", f(u.figures.results_total)),
                ("review_corrected", f(u.figures.review_corrected)),
                ("litigation_lost", f(u.figures.litigation_lost)),
                ("carried_over", f(u.figures.carried_over)),
                (
                    "reuse",
                    u.reuse.map_or(String::new(), |r| format!("{r:.2}")),
                ),
            ];
            if u.problems.is_empty() {
                let mut row = head.clone();
                row.push(("kind", "unit".into()));
                csv_row(&mut out, &row);
            }
            for p in &u.problems {
                let mut row = head.clone();
                row.extend([
                    ("kind", "problem".to_string()),
                    ("table", p.table.to_string()),
                    ("code", p.code.unwrap_or("").to_string()),
                    ("severity", p.severity.as_str().to_string()),
                    ("line", p.line.to_string()),
                    ("page", p.page.map_or(String::new(), |x| x.to_string())),
                    ("message", p.message.clone()),
                    ("evidence", p.evidence.clone()),
                ]);
                csv_row(&mut out, &row);
            }
            if out.len() > 1 << 20 {
                w.write_all(out.as_bytes())?;
                out.clear();
            }
        }
        for m in &self.missing {
            csv_row(
                &mut out,
                &[
                    ("kind", "missing".into()),
                    ("organ", m.organ.clone()),
                    ("year", m.year.to_string()),
                    ("message", m.reason.to_string()),
                ],
            );
        }
        for s in &self.region_sums {
            csv_row(
                &mut out,
                &[
                    ("kind", "region_sum".into()),
                    ("organ", s.organ.clone()),
                    ("year", s.year.to_string()),
                    ("severity", "info".into()),
                    ("message", region_message(s)),
                    ("cell", s.cell.clone()),
                    ("reported", num(s.reported).to_string()),
                    ("sum_of_units", num(s.sum_of_units).to_string()),
                    ("units", s.units.to_string()),
                ],
            );
        }
        w.write_all(out.as_bytes())
    }
}

/// A region sum in words.
pub fn region_message(s: &RegionSum) -> String {
    format!(
        "{}：本级报告为 {}，所属 {} 个单位合计 {}",
        s.label,
        num(s.reported),
        s.units,
        num(s.sum_of_units)
    )
}

/// One CSV line: the named fields in the columns of [`CSV_HEADER`], the others empty.
fn csv_row(out: &mut String, fields: &[(&str, String)]) {
    for (i, col) in CSV_HEADER.split(',').enumerate() {
        if i > 0 {
            out.push(',');
        }
        if let Some((_, v)) = fields.iter().find(|(k, _)| *k == col) {
            out.push_str(&csv(v));
        }
    }
    out.push('\n');
}

/// The page of [`Review::to_html`]: markup, style and script, the data put in place of `__DATA__`.
const PAGE: &str = include_str!("page.html");

/// Strings of the HTML's data, each stored once (borrowed from the review).
#[derive(Default)]
struct Strings<'a> {
    list: Vec<&'a str>,
    index: HashMap<&'a str, usize>,
}

impl<'a> Strings<'a> {
    fn id(&mut self, s: &'a str) -> usize {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        self.list.push(s);
        self.index.insert(s, self.list.len() - 1);
        self.list.len() - 1
    }
}

/// A problem in the HTML's data: group, rule, severity (0 error … 3 hint), message, line, page, evidence.
type PageProblem<'a> = (&'a str, Option<&'a str>, u8, usize, u32, Option<u32>, usize);

/// A unit in the HTML's data (see the page's script).
type PageUnit<'a> = (
    usize,
    Option<usize>,
    Option<i32>,
    Option<&'a str>,
    Option<usize>,
    bool,
    usize,
    usize,
    usize,
    [Json; 5],
    Option<f64>,
    Vec<PageProblem<'a>>,
);

impl Review {
    /// The review as one self-contained HTML page (no network): the data embedded as JSON (strings stored
    /// once) and rendered by the page's own script a page of units at a time, so that a review of
    /// thousands of reports opens fast.
    pub fn to_html(&self) -> String {
        let mut strings = Strings::default();
        let sev = |s: Severity| match s {
            Severity::Error => 0u8,
            Severity::Warning => 1,
            Severity::Info => 2,
            Severity::Hint => 3,
        };
        let mut data: Vec<u8> = Vec::with_capacity(1 << 20);
        data.extend_from_slice(b"{\"units\":[");
        for (i, u) in self.units.iter().enumerate() {
            if i > 0 {
                data.push(b',');
            }
            let f = &u.figures;
            let unit: PageUnit = (
                strings.id(&u.path),
                u.organ
                    .as_deref()
                    .or(u.unit_name.as_deref())
                    .map(|o| strings.id(o)),
                u.year,
                u.template.as_deref(),
                u.parent.as_deref().map(|o| strings.id(o)),
                u.readable,
                u.errors,
                u.warnings,
                u.infos,
                [
                    opt(f.received),
                    opt(f.results_total),
                    opt(f.review_corrected),
                    opt(f.litigation_lost),
                    opt(f.carried_over),
                ],
                u.reuse.map(|r| (r * 100.0).round() / 100.0),
                u.problems
                    .iter()
                    .map(|p| {
                        (
                            p.table,
                            p.code,
                            sev(p.severity),
                            strings.id(&p.message),
                            p.line,
                            p.page,
                            strings.id(&p.evidence),
                        )
                    })
                    .collect(),
            );
            let _ = serde_json::to_writer(&mut data, &unit);
        }
        let groups = self.groups_json();
        let year = self.year.map_or(String::new(), |y| format!("（{y} 年度）"));
        let title = format!("政府信息公开工作年度报告审核汇总{year}");
        let summary = self.summary();
        let subtitle = format!(
            "共 {} 份报告：错误 {} 处，警告 {} 处；无法读取 {} 份；未报送 {} 个单位。由 nianbao review 生成。",
            summary["units"], summary["errors"], summary["warnings"], summary["unreadable"], summary["missing"]
        );
        let rest = json!({
            "title": title,
            "subtitle": subtitle,
            "summary": summary,
            "groups": groups,
            "missing": self.missing.iter().map(|m| json!([m.organ, m.year, m.reason])).collect::<Vec<_>>(),
            "sums": self.region_sums.iter().map(|s| json!([s.organ, s.year, s.label, num(s.reported), num(s.sum_of_units), s.units])).collect::<Vec<_>>(),
        });
        data.extend_from_slice(b"],\"strings\":");
        let _ = serde_json::to_writer(&mut data, &strings.list);
        for (k, v) in rest.as_object().into_iter().flatten() {
            data.push(b',');
            let _ = serde_json::to_writer(&mut data, k);
            data.push(b':');
            let _ = serde_json::to_writer(&mut data, v);
        }
        data.push(b'}');
        drop(strings);
        // inside <script>: no 「</」 may close it (「<」 only occurs inside JSON strings)
        let data = String::from_utf8(data)
            .unwrap_or_default()
            .replace("</", "<\\/")
            .replace("<!--", "<\\u0021--");
        let (head, tail) = PAGE.split_once("__DATA__").unwrap_or((PAGE, ""));
        let mut out = String::with_capacity(PAGE.len() + data.len());
        out.push_str(&head.replacen("__TITLE__", &html_escape(&title), 1));
        out.push_str(&data);
        out.push_str(tail);
        out
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The header of [`Review::to_csv`].
pub const CSV_HEADER: &str = "kind,path,organ,year,template,parent,readable,errors,warnings,received,results_total,review_corrected,litigation_lost,carried_over,reuse,table,code,severity,line,page,message,evidence,cell,reported,sum_of_units,units";

fn csv(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One unit of the JSON.
pub fn unit_json(u: &Unit) -> Json {
    let problems: Vec<Json> = u
        .problems
        .iter()
        .map(|p| {
            json!({
                "table": p.table, "code": p.code, "name": p.name, "severity": p.severity.as_str(),
                "message": p.message, "line": p.line, "column": p.column, "page": p.page,
                "evidence": p.evidence,
            })
        })
        .collect();
    let mut m = Map::new();
    m.insert("path".into(), json!(u.path));
    m.insert("organ".into(), json!(u.organ));
    m.insert("year".into(), json!(u.year));
    m.insert("template".into(), json!(u.template));
    m.insert("parent".into(), json!(u.parent));
    m.insert("unit".into(), json!(u.unit_name));
    m.insert("errors".into(), json!(u.errors));
    m.insert("warnings".into(), json!(u.warnings));
    m.insert("infos".into(), json!(u.infos));
    m.insert("readable".into(), json!(u.readable));
    m.insert(
        "figures".into(),
        json!({
            "received": opt(u.figures.received),
            "results_total": opt(u.figures.results_total),
            "review_corrected": opt(u.figures.review_corrected),
            "litigation_lost": opt(u.figures.litigation_lost),
            "carried_over": opt(u.figures.carried_over),
        }),
    );
    m.insert("problems".into(), Json::Array(problems));
    m.insert(
        "reuse".into(),
        u.reuse
            .map_or(Json::Null, |r| json!((r * 100.0).round() / 100.0)),
    );
    Json::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blank(year: i32, organ: &str) -> String {
        crate::blank::blank_report(year, organ, crate::format::table::Family::Markdown).unwrap()
    }

    fn review(texts: &[(&str, String)], expected: Option<&[Expected]>) -> Review {
        let texts: Vec<(String, String)> = texts
            .iter()
            .map(|(p, t)| (p.to_string(), t.clone()))
            .collect();
        review_texts(&texts, expected, &Config::default())
    }

    #[test]
    fn units_problems_missing_and_sums() {
        let county = blank(2024, "测试县人民政府");
        // the county reports 5 received applications; its two units 2 + 2
        let set = |t: &str, n: u32| {
            let line = t
                .lines()
                .find(|l| l.starts_with("| 一、本年新收"))
                .unwrap()
                .to_string();
            let mut cells: Vec<String> = line.split('|').map(str::to_string).collect();
            cells[2] = format!(" {n} ");
            let last = cells.len() - 2;
            cells[last] = format!(" {n} ");
            t.replacen(&line, &cells.join("|"), 1)
        };
        let texts = vec![
            ("县.md", set(&county, 5)),
            ("甲.md", set(&blank(2024, "测试县教育局"), 2)),
            ("乙.md", set(&blank(2024, "测试县财政局"), 2)),
            ("乙2023.md", blank(2023, "测试县财政局")),
        ];
        let expected = parse_units(
            "name,parent\n测试县人民政府,\n测试县教育局,测试县人民政府\n测试县财政局,测试县人民政府\n测试县水利局,测试县人民政府\n",
            false,
        )
        .unwrap();
        let r = review(&texts, Some(&expected));
        assert_eq!(r.year, Some(2024));
        assert_eq!(r.units.len(), 4);
        let u = &r.units[1];
        assert_eq!(u.organ.as_deref(), Some("测试县教育局"));
        assert_eq!(u.parent.as_deref(), Some("测试县人民政府"));
        assert!(u.readable);
        assert_eq!(u.figures.received, Some(2.0));
        // the blank's placeholders, grouped by section, with their evidence
        assert!(u.errors >= 6 && u.problems.iter().all(|p| p.code.is_some()));
        assert_eq!(u.problems[0].table, "overview");
        assert!(
            u.problems[0].evidence.contains("请填写"),
            "{:?}",
            u.problems[0]
        );
        assert!(u
            .problems
            .windows(2)
            .all(|w| group_rank(w[0].table) <= group_rank(w[1].table)));
        // last year's report of 财政局 is the same blank: its prose repeats
        assert!(r.units[2].reuse.unwrap() > 0.5);
        assert!(r.units[2].problems.iter().any(|p| p.code == Some("NB406")));
        assert_eq!(
            r.missing,
            vec![Missing {
                organ: "测试县水利局".into(),
                year: 2024,
                reason: "单位清单"
            }]
        );
        // 5 against 2 + 2 in 新收 自然人 and 总计
        let cells: Vec<&str> = r.region_sums.iter().map(|s| s.cell.as_str()).collect();
        assert!(cells.contains(&"applications.received.total"), "{cells:?}");
        let s = r
            .region_sums
            .iter()
            .find(|s| s.cell == "applications.received.total")
            .unwrap();
        assert_eq!((s.reported, s.sum_of_units, s.units), (5.0, 4.0, 2));
        let j = r.to_json();
        let mut streamed = Vec::new();
        r.write_json(&mut streamed).unwrap();
        assert_eq!(serde_json::from_slice::<Json>(&streamed).unwrap(), j);
        assert_eq!(j["summary"]["missing"], 1);
        let html = r.to_html();
        assert!(html.contains("测试县水利局") && !html.contains("__DATA__"));
        assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("src="));
        assert_eq!(j["units"][1]["figures"]["received"], 2);
        let csv = r.to_csv();
        assert!(
            csv.lines()
                .all(|l| csv_fields(l).len() == CSV_HEADER.split(',').count()),
            "{csv}"
        );
    }

    #[test]
    fn without_units_last_years_organs_are_missing() {
        let texts = vec![
            ("a.md", blank(2023, "甲局")),
            ("b.md", blank(2023, "乙局")),
            ("c.md", blank(2024, "甲局")),
        ];
        let r = review(&texts, None);
        assert_eq!(
            r.missing,
            vec![Missing {
                organ: "乙局".into(),
                year: 2024,
                reason: "上年有报告"
            }]
        );
    }

    #[test]
    fn units_files() {
        let t = parse_units(
            "[[units]]\nname = \"甲\"\nparent = \"县\"\n[[units]]\nname = \"县\"\n",
            false,
        )
        .unwrap();
        assert_eq!(t[0].parent.as_deref(), Some("县"));
        assert_eq!(t[1].parent, None);
        let c = parse_units("\u{feff}name,parent\n\"甲,局\",县\n乙\n", false).unwrap();
        assert_eq!(c[0].name, "甲,局");
        assert_eq!(c[1].parent, None);
        assert!(parse_units("parent\n县\n", false).is_err());
        assert!(parse_units("[[units]]\nnam = 1\n", true).is_err());
        assert!(same_organ("测试县", "测试县人民政府") && !same_organ("测试县", "测试县教育局"));
        let list = parse_units("name\n某某局\n某某局机关\n", false).unwrap();
        assert_eq!(
            by_file_name("a/b/某某局机关2024.pdf", &list).unwrap().name,
            "某某局机关"
        );
        assert_eq!(
            by_file_name("某某局-2024年报.docx", &list).unwrap().name,
            "某某局"
        );
        assert!(by_file_name("其他.md", &list).is_none());
        assert_eq!(year_in_path("d/某某局2024.pdf"), Some(2024));
        assert_eq!(year_in_path("d/2024/某某局.pdf"), None);
        assert_eq!(year_in_path("某某局12024.pdf"), None);
    }

    #[test]
    fn any_text_gives_a_unit() {
        let html = include_str!("../../../../tests/corpus/derived/003_1b7c73a738c3b718.html");
        let mut texts: Vec<String> = crate::rules::seeds()
            .iter()
            .map(|s| s.to_string())
            .collect();
        texts.push(html.to_string());
        texts.push(html[..html.len() / 2].to_string());
        texts.extend(
            [
                "",
                "\u{feff}",
                "\n\n\n",
                "一、总体情况\n（请填写",
                "<table><tr><td>行政复议</td></tr>",
            ]
            .map(String::from),
        );
        // every seed cut at many places
        for s in crate::rules::seeds() {
            for k in 1..8 {
                let mut at = s.len() * k / 8;
                while !s.is_char_boundary(at) {
                    at += 1;
                }
                texts.push(s[..at].to_string());
            }
        }
        for t in &texts {
            let r = review_one(
                &crate::Reader::new(),
                "x",
                t,
                &Config::default(),
                true,
                &|_| Some(1),
            );
            assert_eq!(
                r.unit.errors + r.unit.warnings + r.unit.infos,
                r.unit.problems.len()
            );
        }
    }

    #[test]
    fn evidence_is_a_window() {
        let line = format!("{}错误{}", "甲".repeat(200), "乙".repeat(200));
        let at = line.find("错误").unwrap();
        let e = evidence(
            &line,
            TextRange::new((at as u32).into(), ((at + 6) as u32).into()),
        );
        assert!(
            e.contains("错误") && e.chars().count() <= EVIDENCE + 2,
            "{e}"
        );
    }
}
