//! The structured content of a report (INTERFACES.md `export`): JSON object per report, CSV rows.

use crate::lines::{LineIndex, Unit};
use crate::model::{Report, Value};
use serde_json::{json, Map, Value as Json};

fn number(v: &Value) -> Json {
    match v {
        Value::Number {
            value,
            integer: true,
            ..
        } if value.abs() < 9.0e15 => json!(*value as i64),
        Value::Number { value, .. } => json!(*value),
        _ => Json::Null,
    }
}

/// One report as the JSON object of `nianbao export --format json`.
pub fn to_json(report: &Report, text: &str, path: &str) -> Json {
    let li = LineIndex::new(text);
    let mut sections = Map::new();
    for s in &report.sections {
        if sections.contains_key(&s.id) {
            continue;
        }
        let (line, _) = li.position(text, s.heading_range.start(), Unit::Char);
        sections.insert(
            s.id.clone(),
            json!({"line": line + 1, "heading": s.heading}),
        );
    }
    let mut tables = Map::new();
    for t in &report.tables {
        let mut rows = Map::new();
        // a table not read with confidence: only the values the reader is certain of (INTERFACES.md)
        let certain = crate::parse::certain_rows(report, t);
        for row in &t.rows {
            let vouched = certain.contains(&row.id);
            let mut cells = Map::new();
            for c in &row.cells {
                let value = if vouched {
                    number(&c.value)
                } else {
                    Json::Null
                };
                cells.insert(c.column.to_string(), value);
            }
            rows.insert(row.id.to_string(), Json::Object(cells));
        }
        let confidence = if t.confidence == crate::model::Confidence::High {
            "high"
        } else {
            "low"
        };
        rows.insert("confidence".into(), json!(confidence));
        tables.insert(t.id.clone(), Json::Object(rows));
    }
    json!({
        "path": path,
        "template": report.template,
        "year": report.year,
        "organ": report.organ,
        "sections": sections,
        "tables": tables,
    })
}

/// CSV header of `export --format csv` (one row per table cell).
pub const CSV_HEADER: &str =
    "path,template,year,organ,table,row,column,value,raw,line,column_number";

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// CSV lines (without header) for one report.
pub fn to_csv(report: &Report, text: &str, path: &str) -> Vec<String> {
    let li = LineIndex::new(text);
    let mut out = Vec::new();
    for t in &report.tables {
        let certain = crate::parse::certain_rows(report, t);
        for row in &t.rows {
            let vouched = certain.contains(&row.id);
            for c in &row.cells {
                let (line, col) = li.position(text, c.range.start(), Unit::Char);
                let v = match if vouched {
                    number(&c.value)
                } else {
                    Json::Null
                } {
                    Json::Null => String::new(),
                    n => n.to_string(),
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
                    ]
                    .join(","),
                );
            }
        }
    }
    out
}
