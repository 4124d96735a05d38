//! The national templates as data (`templates/*.toml`), loaded once.
//!
//! Everything that knows a label, a heading, a column or an identity reads it from here:
//! the parser aligns observed labels with [`Table::items`], the rules evaluate
//! [`Identity`], completion/hover/formatting/export walk the same structures.
//! Adding a template version is adding a TOML file to [`SOURCES`].

use serde::Deserialize;
use std::sync::LazyLock;

/// The template files compiled into the binary, newest last.
const SOURCES: &[&str] = &[
    include_str!("../templates/2019.toml"),
    include_str!("../templates/2021.toml"),
];

static TEMPLATES: LazyLock<Vec<Template>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .map(|s| {
            let mut t: Template = toml::from_str(s).expect("bundled template is valid TOML");
            t.finish();
            t
        })
        .collect()
});

/// A unit met in value cells (`templates/units.toml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// As written after the number: 「件」「万件」「万元」「万」.
    pub name: String,
    /// What it measures (`count`, `money`, `percent`); `None` for a scale word (万, 亿), which
    /// multiplies whatever unit its column has.
    #[serde(default)]
    pub quantity: Option<String>,
    /// Worth in the base unit of its quantity (万元: 10000 元).
    pub factor: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Units {
    units: Vec<Unit>,
}

static UNITS: LazyLock<Vec<Unit>> = LazyLock::new(|| {
    toml::from_str::<Units>(include_str!("../templates/units.toml"))
        .expect("bundled units are valid TOML")
        .units
});

/// Every unit of `templates/units.toml`.
pub fn units() -> &'static [Unit] {
    &UNITS
}

/// The unit written 「name」.
pub fn unit(name: &str) -> Option<&'static Unit> {
    units().iter().find(|u| u.name == name)
}

/// `value` written with unit `written` (`None`: a bare number) expressed in the unit `column`:
/// 「31.2万件」 in a 件 column → 312000, 「2.953亿元」 in a 万元 column → 29530. `None` when the units
/// measure different things (「5元」 in a count column) or one is unknown. A converted value is
/// rounded to 10 significant digits, so that 2.953 × 10⁴ is 29530, not 29530.000000000004.
pub fn convert(value: f64, written: Option<&str>, column: &str) -> Option<f64> {
    let Some(written) = written else {
        return Some(value);
    };
    let (from, to) = (unit(written)?, unit(column)?);
    let v = match &from.quantity {
        None => value * from.factor,
        Some(q) if Some(q) == to.quantity.as_ref() => value * (from.factor / to.factor),
        Some(_) => return None,
    };
    if v == value {
        return Some(v);
    }
    let scale = 1e9 / 10f64.powi(v.abs().max(1.0).log10().floor() as i32);
    let r = (v * scale).round() / scale;
    Some(if r.is_finite() { r } else { v })
}

/// All known templates, oldest first.
pub fn all() -> &'static [Template] {
    &TEMPLATES
}

/// The template with this id (`"2019"`, `"2021"`).
pub fn by_id(id: &str) -> Option<&'static Template> {
    all().iter().find(|t| t.id == id)
}

/// The template that governs reports of `year`.
pub fn for_year(year: i32) -> Option<&'static Template> {
    all()
        .iter()
        .find(|t| year >= t.first_year && t.last_year.is_none_or(|l| year <= l))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub id: String,
    pub notice: String,
    pub first_year: i32,
    #[serde(default)]
    pub last_year: Option<i32>,
    pub markers: Vec<String>,
    /// Searchers for the comparison keys of the markers (computed at load).
    #[serde(skip)]
    pub marker_finders: Vec<memchr::memmem::Finder<'static>>,
    pub sections: Vec<Section>,
    pub tables: Vec<Table>,
    pub identities: Vec<Identity>,
    #[serde(default)]
    pub narratives: Vec<Narrative>,
    /// The unit (`templates/units.toml`) of every column that names none.
    pub column_unit: String,
    /// Words that find the report's metadata and the pre-2019 layout.
    #[serde(default)]
    pub reading: Reading,
    /// The words the content checks look for (NB406–NB408, NB506, NB507).
    #[serde(default)]
    pub words: Words,
}

/// Words the reader finds a report's metadata by (`[reading]` of a template file): the parser holds
/// none of its own.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    /// A title line holds one of these (「…年度报告」).
    #[serde(default)]
    pub title: Vec<String>,
    /// …and none of these (the opening sentence 「根据《条例》…」 names the report too).
    #[serde(default)]
    pub not_title: Vec<String>,
    /// In a title that starts with its year (「2019年上海市人民政府办公厅政府信息公开工作年度报告」), the
    /// organ's name runs from the year to the first of these.
    #[serde(default)]
    pub title_subject: Vec<String>,
    /// The statistics period follows one of these (「统计期限自2021年1月1日起…」).
    #[serde(default)]
    pub period: Vec<String>,
    /// Text only a pre-2019 report holds (its 统计表).
    #[serde(default)]
    pub legacy_markers: Vec<String>,
    /// Headings only a pre-2019 report has (「一、概述」).
    #[serde(default)]
    pub legacy_headings: Vec<String>,
}

/// The words the content checks look for (`[words]` of a template file).
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Words {
    /// NB506: text left from a template or draft.
    #[serde(default)]
    pub placeholders: Vec<Phrase>,
    /// NB506: words of a web page's footer (「主办单位：…」): such lines are not the report.
    #[serde(default)]
    pub page_chrome: Vec<String>,
    /// NB507: title words of another kind of document.
    #[serde(default)]
    pub not_report_titles: Vec<Phrase>,
    /// NB507: phrases of a cover letter.
    #[serde(default)]
    pub cover_letter: Vec<Phrase>,
    /// NB406: the shortest sentence compared (characters, after normalisation).
    #[serde(default)]
    pub min_sentence: usize,
    /// NB407: the groups of table 四 as the prose names them.
    #[serde(default)]
    pub review_groups: Vec<RowWords>,
    /// NB407: the words of each outcome column of table 四.
    #[serde(default)]
    pub review_outcomes: Vec<ColumnWords>,
    /// NB408: the rows of table 二 as the prose names them.
    #[serde(default)]
    pub active_rows: Vec<RowWords>,
    /// NB408: the words of each column of table 二.
    #[serde(default)]
    pub active_columns: Vec<ColumnWords>,
    /// NB407, NB408: words that make a sentence about more than the report year.
    #[serde(default)]
    pub skip: Vec<String>,
    /// Counting words after a number (「3件」).
    #[serde(default)]
    pub count_units: Vec<String>,
}

/// A phrase looked for, with its conditions.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Phrase {
    pub text: String,
    /// The phrase runs to this character on its line.
    #[serde(default)]
    pub closing: Option<String>,
    /// Not when one of these is there too.
    #[serde(default)]
    pub unless: Vec<String>,
    /// The phrase addresses a superior by itself.
    #[serde(default)]
    pub addressed: bool,
    /// Not right after an ideograph.
    #[serde(default)]
    pub standalone: bool,
}

/// Prose words naming rows of a table.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RowWords {
    #[serde(default)]
    pub row: Option<String>,
    #[serde(default)]
    pub rows: Vec<String>,
    pub words: Vec<String>,
    /// Longer words containing one of `words` that name something else.
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// Prose words naming a column of a table.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ColumnWords {
    pub column: String,
    pub words: Vec<String>,
}

/// I9: a number in the prose after one of `keywords` must equal the sum of `cells` (or of an alternative).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Narrative {
    pub keywords: Vec<String>,
    /// `table.row.column` paths.
    pub cells: Vec<String>,
    #[serde(default)]
    pub alternatives: Vec<Vec<String>>,
    /// Words of which one must stand between the keyword and the number.
    #[serde(default)]
    pub context: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    /// 一 … 六
    pub numeral: String,
    /// The standard heading, verbatim.
    pub heading: String,
    /// Non-standard headings met in the wild that still identify this section.
    #[serde(default)]
    pub variants: Vec<String>,
    /// What the section must contain (hover, rule docs).
    pub contents: String,
    #[serde(default)]
    pub table: Option<String>,
    /// Topics the overview should cover (NB505).
    #[serde(default)]
    pub subheads: Vec<String>,
    /// The section must state the 信息处理费 collected (NB501): any of these words shows it does.
    #[serde(default)]
    pub fee_statement: Vec<String>,
    /// Words of the section's own sub-heads (「（一）存在的主要问题」): where the heading is missing and a
    /// sub-head holding one of them remains, the section is there, under no heading (NB101).
    #[serde(default)]
    pub subhead_words: Vec<String>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    /// Labelled rows, each followed by its values.
    Rows,
    /// Header lines then one run of values read in row-major order (table 四).
    Grid,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    pub id: String,
    pub section: String,
    pub shape: Shape,
    /// Header texts that precede the rows (free order).
    #[serde(default)]
    pub header: Vec<String>,
    pub columns: Vec<Column>,
    pub items: Vec<Item>,
    /// Comparison patterns of `header` (computed at load).
    #[serde(skip)]
    pub header_patterns: Vec<crate::norm::Pattern>,
    /// Items by the comparison key of their label or a variant (computed at load).
    #[serde(skip)]
    pub by_key: rustc_hash::FxHashMap<String, Vec<usize>>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum ValueKind {
    /// A non-negative integer count.
    #[default]
    Count,
    /// A non-negative decimal amount.
    Decimal,
    /// A signed change (2019 本年增/减).
    Delta,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub id: String,
    pub header: String,
    #[serde(default)]
    pub kind: ValueKind,
    /// Its unit (`templates/units.toml`) when not the template's `column_unit` (「万元」).
    #[serde(default)]
    pub unit: Option<String>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// 「第二十条第（N）项」 line opening a block of table 二.
    Block,
    /// A header cell (column heading, 「信息内容」).
    Header,
    /// A group line without numbers of its own (「（三）不予公开」).
    Group,
    /// A row with values.
    Row,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub kind: ItemKind,
    #[serde(default)]
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub variants: Vec<String>,
    /// Column ids of a row; empty means all columns of the table.
    #[serde(default)]
    pub columns: Vec<String>,
    #[serde(default)]
    pub doc: String,
    /// Comparison patterns of the label and its variants (computed at load).
    #[serde(skip)]
    pub patterns: Vec<crate::norm::Pattern>,
}

impl Item {
    /// The item's label and then its variants, as the template writes them.
    pub fn names(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.label).chain(&self.variants)
    }
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Evaluated within each row, over columns.
    Row,
    /// Evaluated within each column, over rows.
    Column,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    pub id: String,
    pub rule: String,
    pub table: String,
    pub direction: Direction,
    /// Rows (direction row) or columns (direction column) it applies to; `*` = all.
    pub over: Vec<String>,
    /// Ids summed on the left; the first one is the cell blamed and fixed when alone.
    pub lhs: Vec<String>,
    /// Ids summed on the right; `x.*` and `x*` are prefix patterns.
    pub rhs: Vec<String>,
    /// The id whose cell is blamed and fixed (default: the first of `lhs`).
    #[serde(default)]
    pub blame: Option<String>,
    /// `over`, `lhs` and `rhs` resolved against the table's ids, with labels (computed at load).
    #[serde(skip)]
    pub resolved: Resolved,
}

/// The ids an identity covers, in template order, each with its official label (row label or column
/// header).
#[derive(Debug, Default)]
pub struct Resolved {
    pub over: Vec<(String, String)>,
    pub lhs: Vec<(String, String)>,
    pub rhs: Vec<(String, String)>,
    /// For each id of `over`, `lhs` and `rhs` that is a column, its place among the table's columns
    /// (where a row's cells usually hold it: a hint for [`crate::model::Row::cell_near`]); 0 for rows.
    pub over_at: Vec<usize>,
    pub lhs_at: Vec<usize>,
    pub rhs_at: Vec<usize>,
}

impl Template {
    fn finish(&mut self) {
        self.marker_finders = self
            .markers
            .iter()
            .map(|m| memchr::memmem::Finder::new(crate::norm::key(m).as_bytes()).into_owned())
            .collect();
        for t in &mut self.tables {
            let all: Vec<String> = t.columns.iter().map(|c| c.id.clone()).collect();
            for it in &mut t.items {
                if it.kind == ItemKind::Row && it.columns.is_empty() {
                    it.columns = all.clone();
                }
                it.patterns = std::iter::once(&it.label)
                    .chain(&it.variants)
                    .map(|l| crate::norm::Pattern::new(&crate::norm::key(l)))
                    .collect();
            }
            for (i, it) in t.items.iter().enumerate() {
                for l in std::iter::once(&it.label).chain(&it.variants) {
                    t.by_key.entry(crate::norm::key(l)).or_default().push(i);
                }
            }
            t.header_patterns = t
                .header
                .iter()
                .map(|h| crate::norm::Pattern::new(&crate::norm::key(h)))
                .collect();
        }
        for i in &mut self.identities {
            let Some(t) = self.tables.iter().find(|t| t.id == i.table) else {
                continue;
            };
            let rows = |p: &[String]| -> Vec<(String, String)> {
                t.resolve_rows(p)
                    .into_iter()
                    .map(|id| {
                        (
                            id.to_string(),
                            t.row(id).map_or(id, |r| &r.label).to_string(),
                        )
                    })
                    .collect()
            };
            let cols = |p: &[String]| -> Vec<(String, String)> {
                t.resolve_columns(p)
                    .into_iter()
                    .map(|id| {
                        (
                            id.to_string(),
                            t.column(id).map_or(id, |c| &c.header).to_string(),
                        )
                    })
                    .collect()
            };
            let at = |ids: &[(String, String)]| -> Vec<usize> {
                ids.iter()
                    .map(|(id, _)| t.columns.iter().position(|c| c.id == *id).unwrap_or(0))
                    .collect()
            };
            let mut r = match i.direction {
                Direction::Row => Resolved {
                    over: rows(&i.over),
                    lhs: cols(&i.lhs),
                    rhs: cols(&i.rhs),
                    ..Resolved::default()
                },
                Direction::Column => Resolved {
                    over: cols(&i.over),
                    lhs: rows(&i.lhs),
                    rhs: rows(&i.rhs),
                    ..Resolved::default()
                },
            };
            (r.over_at, r.lhs_at, r.rhs_at) = (at(&r.over), at(&r.lhs), at(&r.rhs));
            i.resolved = r;
        }
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    pub fn table(&self, id: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// The unit of a column's values (`templates/units.toml`).
    pub fn unit_of<'a>(&'a self, column: &'a Column) -> &'a str {
        column.unit.as_deref().unwrap_or(&self.column_unit)
    }

    /// The year range as text, e.g. `2019–2020` or `2021 年及以后`.
    pub fn years_text(&self) -> String {
        match self.last_year {
            Some(l) => format!("{}–{} 年", self.first_year, l),
            None => format!("{} 年及以后", self.first_year),
        }
    }
}

impl Table {
    pub fn column(&self, id: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.id == id)
    }

    pub fn rows(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| i.kind == ItemKind::Row)
    }

    pub fn row(&self, id: &str) -> Option<&Item> {
        self.rows().find(|i| i.id == id)
    }

    /// Resolve a pattern list (`denied.*`, `other*`, exact ids) against row ids, in template order.
    pub fn resolve_rows(&self, patterns: &[String]) -> Vec<&str> {
        let ids: Vec<&str> = self.rows().map(|r| r.id.as_str()).collect();
        resolve(&ids, patterns)
    }

    pub fn resolve_columns(&self, patterns: &[String]) -> Vec<&str> {
        let ids: Vec<&str> = self.columns.iter().map(|c| c.id.as_str()).collect();
        resolve(&ids, patterns)
    }

    /// The group line (if any) a row sits under, e.g. `（三）不予公开` for `denied.state_secret`.
    pub fn group_of(&self, row_id: &str) -> Option<&Item> {
        let mut group = None;
        for it in &self.items {
            match it.kind {
                ItemKind::Group | ItemKind::Block => group = Some(it),
                ItemKind::Row => {
                    // a top-level row (no `.` in its id) closes a group
                    if !it.id.contains('.') && group.is_some_and(|g| g.kind == ItemKind::Group) {
                        group = None;
                    }
                    if it.id == row_id {
                        return group;
                    }
                }
                ItemKind::Header => {}
            }
        }
        None
    }
}

fn resolve<'a>(ids: &[&'a str], patterns: &[String]) -> Vec<&'a str> {
    ids.iter()
        .copied()
        .filter(|id| {
            patterns.iter().any(|p| {
                if p == "*" {
                    true
                } else if let Some(prefix) = p.strip_suffix(".*") {
                    id.strip_prefix(prefix).is_some_and(|r| r.starts_with('.'))
                } else if let Some(prefix) = p.strip_suffix('*') {
                    id.starts_with(prefix)
                } else {
                    id == p
                }
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every column's unit is one of `templates/units.toml`; every unit there is read by the parser
    /// as a unit; conversions between units are exact to the digits written.
    #[test]
    fn units_are_data_and_convert() {
        for t in all() {
            for table in &t.tables {
                for c in &table.columns {
                    assert!(
                        unit(t.unit_of(c)).is_some(),
                        "{} {} {}",
                        t.id,
                        table.id,
                        c.id
                    );
                }
            }
        }
        for u in units() {
            let Some(crate::model::Value::Number { unit: Some(w), .. }) =
                crate::parse::parse_value(&format!("12{}", u.name))
            else {
                panic!("「12{}」 is not read as a number with a unit", u.name)
            };
            assert_eq!(w, u.name);
        }
        assert_eq!(convert(31.2, Some("万件"), "件"), Some(312000.0));
        assert_eq!(convert(2.953, Some("亿元"), "万元"), Some(29530.0));
        assert_eq!(convert(583.9, Some("元"), "万元"), Some(0.05839));
        assert_eq!(convert(3.0, Some("万"), "万元"), Some(30000.0));
        assert_eq!(convert(231.0, Some("项"), "件"), Some(231.0));
        assert_eq!(convert(7.5, None, "万元"), Some(7.5));
        assert_eq!(convert(5.0, Some("元"), "件"), None);
        assert_eq!(convert(5.0, Some("%"), "件"), None);
    }

    #[test]
    fn templates_load_and_are_consistent() {
        assert_eq!(all().len(), 2);
        for t in all() {
            assert_eq!(t.sections.len(), 6, "{}", t.id);
            for table in &t.tables {
                for r in table.rows() {
                    for c in &r.columns {
                        assert!(table.column(c).is_some(), "{} {} {}", t.id, r.id, c);
                    }
                }
            }
            for i in &t.identities {
                let table = t.table(&i.table).unwrap();
                match i.direction {
                    Direction::Row => assert!(!table.resolve_columns(&i.rhs).is_empty()),
                    Direction::Column => assert!(!table.resolve_rows(&i.rhs).is_empty()),
                }
            }
        }
        for t in all() {
            // the content checks' words name rows and columns that exist
            let w = &t.words;
            assert!(!w.placeholders.is_empty() && w.min_sentence > 0, "{}", t.id);
            for (table, rows, cols) in [
                ("review_litigation", &w.review_groups, &w.review_outcomes),
                ("active", &w.active_rows, &w.active_columns),
            ] {
                let table = t.table(table).unwrap();
                for r in rows {
                    for id in r.rows.iter().chain(&r.row) {
                        assert!(table.row(id).is_some(), "{} {id}", t.id);
                    }
                }
                for c in cols {
                    assert!(table.column(&c.column).is_some(), "{} {}", t.id, c.column);
                }
            }
        }
        let apps = by_id("2021").unwrap().table("applications").unwrap();
        assert_eq!(apps.rows().count(), 25);
        assert_eq!(
            by_id("2019")
                .unwrap()
                .table("applications")
                .unwrap()
                .rows()
                .count(),
            23
        );
        assert_eq!(apps.rows().next().unwrap().columns.len(), 7);
    }

    #[test]
    fn patterns() {
        let apps = by_id("2021").unwrap().table("applications").unwrap();
        let i2 = &by_id("2021").unwrap().identities[1];
        let rows = apps.resolve_rows(&i2.rhs);
        assert_eq!(rows.len(), 2 + 8 + 3 + 5 + 3);
        assert_eq!(for_year(2020).unwrap().id, "2019");
        assert_eq!(for_year(2025).unwrap().id, "2021");
        assert_eq!(
            apps.group_of("denied.third_party").unwrap().label,
            "（三）不予公开"
        );
        assert!(apps.group_of("results_total").is_none());
    }
}
