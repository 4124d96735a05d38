//! The structured content of a report (INTERFACES.md `export`): JSON object per report, CSV rows.

use crate::lines::{LineIndex, Unit};
use crate::model::{self, Cell, Report, Row, Value};
use crate::template::{Table, Template, ValueKind};
use serde_json::{json, Map, Value as Json};

/// A cell's value in its column's unit (INTERFACES.md export): 「31.2万件」 → 312000, 「2.953亿元」 in
/// a 万元 column → 29530; `null` for a blank or unreadable cell, or a unit that does not measure what
/// the column does (「5元」 in a count column). Counts, and any value a unit made whole, are integers.
fn number(cell: &Cell, column: Option<(&Template, &Table)>) -> Json {
    let Value::Number {
        value,
        integer,
        unit,
    } = &cell.value
    else {
        return Json::Null;
    };
    let col = column.and_then(|(tpl, t)| Some((tpl, t.column(cell.column)?)));
    let v = match col {
        Some((tpl, c)) => match crate::template::convert(*value, unit.as_deref(), tpl.unit_of(c)) {
            Some(v) => v,
            None => return Json::Null,
        },
        // no template: the number as written
        None => *value,
    };
    let count = col.is_some_and(|(_, c)| c.kind != ValueKind::Decimal);
    let whole = v.fract() == 0.0 && v.abs() < 9.0e15;
    if whole && ((*integer && unit.is_none()) || unit.is_some() || count) {
        json!(v as i64)
    } else {
        json!(v)
    }
}

/// The template table of a report's table, if the template is known.
fn template_table<'t>(tpl: Option<&'t Template>, id: &str) -> Option<(&'t Template, &'t Table)> {
    let tpl = tpl?;
    Some((tpl, tpl.table(id)?))
}

/// The cell's value as the CSV writes it: the JSON number, or empty.
fn plain(n: &Json) -> String {
    match n {
        Json::Null => String::new(),
        n => n.to_string(),
    }
}

/// The cells of a row whose digits were written run together and cut several ways (NB208): the
/// values every cut that the identities allow agrees on, recovered with certainty as a single cut's
/// are (INTERFACES.md), the others blank (`null`). `None` for any other row (its cells are read).
fn agreed_cells(
    row: &Row,
    table: &model::Table,
    column: Option<(&Template, &'static Table)>,
) -> Option<Vec<Cell>> {
    let run = row.run_together.as_ref()?;
    if !row.cells.is_empty() || run.candidates.len() < 2 || table.unsure_rows.contains(&row.id) {
        return None;
    }
    let item = column?.1.row(row.id)?;
    let agreed = run.agreed()?;
    Some(
        item.columns
            .iter()
            .zip(agreed)
            .map(|(c, v)| {
                let (raw, value) = match v.flatten() {
                    Some(v) => (
                        v.to_string(),
                        Value::Number {
                            value: v as f64,
                            integer: true,
                            unit: None,
                        },
                    ),
                    None => (String::new(), Value::Blank),
                };
                Cell {
                    column: c,
                    range: run.range,
                    raw,
                    value,
                }
            })
            .collect(),
    )
}

/// One report as the JSON object of `nianbao export --format json`.
pub fn to_json(report: &Report, text: &str, path: &str) -> Json {
    let li = LineIndex::new(text);
    let mut sections = Map::new();
    // a pre-2019 report (NB106) has sections of its own: numbered alike, but not the template's
    let template_sections = if report.legacy {
        &[][..]
    } else {
        &report.sections[..]
    };
    for s in template_sections {
        if sections.contains_key(&s.id) {
            continue;
        }
        let (line, _) = li.position(text, s.heading_range.start(), Unit::Char);
        sections.insert(
            s.id.clone(),
            json!({"line": line + 1, "heading": s.heading}),
        );
    }
    let tpl = report.template_data();
    let mut tables = Map::new();
    // the cells whose text is not their value as exported (「31.2万件」, 「1,234」, 「/」), as written
    let mut raw = Map::new();
    for t in &report.tables {
        let column = template_table(tpl, &t.id);
        let mut rows = Map::new();
        let mut raw_rows = Map::new();
        // a table not read with confidence: only the values the reader is certain of (INTERFACES.md)
        let certain = crate::parse::certain_rows(report, text, t);
        for row in &t.rows {
            let agreed = agreed_cells(row, t, column);
            let vouched = agreed.is_some() || certain.contains(&row.id);
            let mut cells = Map::new();
            let mut raw_cells = Map::new();
            for c in agreed.as_deref().unwrap_or(&row.cells) {
                let n = if vouched {
                    number(c, column)
                } else {
                    Json::Null
                };
                if plain(&n) != c.raw {
                    raw_cells.insert(c.column.to_string(), Json::String(c.raw.clone()));
                }
                cells.insert(c.column.to_string(), n);
            }
            rows.insert(row.id.to_string(), Json::Object(cells));
            if !raw_cells.is_empty() {
                raw_rows.insert(row.id.to_string(), Json::Object(raw_cells));
            }
        }
        let confidence = if t.confidence == crate::model::Confidence::High {
            "high"
        } else {
            "low"
        };
        rows.insert("confidence".into(), json!(confidence));
        tables.insert(t.id.clone(), Json::Object(rows));
        if !raw_rows.is_empty() {
            raw.insert(t.id.clone(), Json::Object(raw_rows));
        }
    }
    json!({
        "path": path,
        "template": report.template,
        "year": report.year,
        "organ": report.organ,
        "sections": sections,
        "tables": tables,
        "raw": raw,
    })
}

/// CSV header of `export --format csv` (one row per table cell).
pub const CSV_HEADER: &str =
    "path,template,year,organ,table,row,column,value,raw,line,column_number,page";

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// CSV lines (without header) for one report (the `page` column empty: text input).
pub fn to_csv(report: &Report, text: &str, path: &str) -> Vec<String> {
    to_csv_paged(report, text, path, &|_| None)
}

/// CSV lines (without header) for one report, each cell's page (1-based) from `page_of` (an offset
/// in `text`; a PDF's page, `None` for other inputs).
pub fn to_csv_paged(
    report: &Report,
    text: &str,
    path: &str,
    page_of: &dyn Fn(text_size::TextSize) -> Option<u32>,
) -> Vec<String> {
    let li = LineIndex::new(text);
    let tpl = report.template_data();
    let mut out = Vec::new();
    for t in &report.tables {
        let column = template_table(tpl, &t.id);
        let certain = crate::parse::certain_rows(report, text, t);
        for row in &t.rows {
            let agreed = agreed_cells(row, t, column);
            let vouched = agreed.is_some() || certain.contains(&row.id);
            for c in agreed.as_deref().unwrap_or(&row.cells) {
                let (line, col) = li.position(text, c.range.start(), Unit::Char);
                let v = if vouched {
                    plain(&number(c, column))
                } else {
                    String::new()
                };
                out.push(
                    [
                        csv_field(path),
                        report.template.clone().unwrap_or_default(),
                        report.year.map(|y| y.to_string()).unwrap_or_default(),
                        csv_field(report.organ.as_deref().unwrap_or("")),
                        t.id.clone(),
                        row.id.to_string(),
                        c.column.to_string(),
                        v,
                        csv_field(&c.raw),
                        (line + 1).to_string(),
                        (col + 1).to_string(),
                        page_of(c.range.start())
                            .map(|p| p.to_string())
                            .unwrap_or_default(),
                    ]
                    .join(","),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pre-2019 report's headings are numbered like the template's (its 「四、」 is about fees, not
    /// 行政复议): none is exported as one of the template's sections.
    #[test]
    fn a_pre_2019_reports_sections_are_not_the_templates() {
        let template = crate::template::by_id("2021").unwrap();
        let legacy = &template.reading.legacy_headings[0];
        let body = |first: &str| {
            let mut text = format!("某县2017年报告\n{first}\n正文。\n");
            for s in &template.sections[1..] {
                text.push_str(&format!("{}\n正文。\n", s.heading));
            }
            text
        };
        let text = body(legacy);
        let report = crate::parse::parse(&text, None);
        assert!(report.legacy);
        assert!(!report.sections.is_empty(), "the headings are found");
        assert_eq!(to_json(&report, &text, "x.txt")["sections"], json!({}));
        // the same headings under the template's first one are the template's sections
        let text = body(&template.sections[0].heading);
        let report = crate::parse::parse(&text, None);
        assert!(!report.legacy);
        let json = to_json(&report, &text, "x.txt");
        assert_eq!(json["sections"].as_object().unwrap().len(), 6);
    }

    /// A 2019 table 二 whose cells carry units: each value is exported in its column's unit, the
    /// cell as written beside it.
    #[test]
    fn values_are_in_their_columns_unit_with_raw_kept() {
        let text = crate::blank::blank_report(2020, "某县", crate::format::table::Family::Text)
            .unwrap()
            .replacen("政府集中采购\t0\t0", "政府集中采购\t144项\t2.953亿元", 1)
            .replacen("\t0\t0\n", "\t31.2万件\t5元\n", 1);
        assert!(
            text.contains("2.953亿元") && text.contains("31.2万件"),
            "{text}"
        );
        let report = crate::parse::parse(&text, None);
        let j = to_json(&report, &text, "r.txt");
        assert_eq!(j["tables"]["active"]["procurement"]["amount"], json!(29530));
        assert_eq!(
            j["raw"]["active"]["procurement"]["amount"],
            json!("2.953亿元")
        );
        assert_eq!(j["tables"]["active"]["procurement"]["projects"], json!(144));
        let (row, cells) = j["raw"]["active"]
            .as_object()
            .unwrap()
            .iter()
            .find(|(_, c)| c.as_object().unwrap().values().any(|v| v == "31.2万件"))
            .unwrap();
        let tables = &j["tables"]["active"][row];
        let col = cells
            .as_object()
            .unwrap()
            .iter()
            .find(|(_, v)| *v == "31.2万件")
            .unwrap()
            .0;
        assert_eq!(tables[col], json!(312000), "{row}.{col}");
        // 「5元」 in a count column: no count can be read from money
        let col = cells
            .as_object()
            .unwrap()
            .iter()
            .find(|(_, v)| *v == "5元")
            .unwrap()
            .0;
        assert_eq!(tables[col], Json::Null, "{row}.{col}");
        let csv = to_csv(&report, &text, "r.txt");
        let line = csv
            .iter()
            .find(|l| l.contains(",procurement,amount,"))
            .unwrap();
        assert!(
            line.contains(",procurement,amount,29530,2.953亿元,"),
            "{line}"
        );
    }

    /// A row of table 三 whose digits run together cut two ways the identities allow
    /// (「220000022」: 2, 20, … or 22, 0, …): the cells both cuts agree on are exported, the others
    /// `null`; a row whose cuts agree on nothing is a map of `null`s, not absent.
    #[test]
    fn a_run_that_cuts_several_ways_exports_what_every_cut_agrees_on() {
        use crate::model::{Confidence, Row, RunTogether, Table as Read};
        use text_size::TextRange;
        let row = |id: &'static str, candidates: Vec<Vec<Option<u64>>>| Row {
            id,
            label: None,
            cells: Vec::new(),
            extra_cells: Vec::new(),
            range: TextRange::default(),
            run_together: Some(RunTogether {
                digits: "220000022".into(),
                range: TextRange::default(),
                candidates,
                too_many: false,
            }),
        };
        let zeros = |first: u64, second: u64| {
            let mut v = vec![Some(first), Some(second)];
            v.extend([Some(0); 4]);
            v.push(Some(22));
            v
        };
        let mut report = Report {
            template: Some("2021".into()),
            ..Default::default()
        };
        report.tables.push(Read {
            id: "applications".into(),
            confidence: Confidence::Low,
            rows: vec![
                row("unavailable.not_held", vec![zeros(2, 20), zeros(22, 0)]),
                row(
                    "granted",
                    vec![zeros(2, 20), [vec![Some(22); 6], vec![Some(132)]].concat()],
                ),
            ],
            ..Default::default()
        });
        let json = to_json(&report, "", "r.txt");
        let not_held = &json["tables"]["applications"]["unavailable.not_held"];
        assert_eq!(not_held["natural_person"], Json::Null);
        assert_eq!(not_held["commercial"], Json::Null);
        assert_eq!(not_held["research"], 0);
        assert_eq!(not_held["total"], 22);
        let granted = json["tables"]["applications"]["granted"]
            .as_object()
            .unwrap();
        assert_eq!(granted.len(), 7);
        assert!(granted.values().all(Json::is_null));
        // a row whose values could belong to the label above or below: nothing vouched for
        report.tables[0].unsure_rows.push("unavailable.not_held");
        let json = to_json(&report, "", "r.txt");
        assert_eq!(
            json["tables"]["applications"]["unavailable.not_held"],
            json!({})
        );
        // the CSV says the same
        report.tables[0].unsure_rows.clear();
        let csv = to_csv(&report, "", "r.txt");
        assert!(
            csv.iter()
                .any(|l| l.contains(",unavailable.not_held,total,22,")),
            "{csv:?}"
        );
    }
}
