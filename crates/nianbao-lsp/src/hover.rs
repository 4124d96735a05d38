//! Hover: a label's official text and what it counts; a cell's identities with the computed values;
//! a heading's required contents. All from the template data.

use crate::snapshot::Snapshot;
use nianbao_core::query::{self, Evaluation, Hit};
use nianbao_core::template::{ItemKind, Template};
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

fn number(v: Option<f64>) -> String {
    v.map_or_else(|| "？".into(), query::format_number)
}

/// One identity with the document's values: `总计 68 ≠ 自然人 60 + … = 67`.
pub fn describe(e: &Evaluation) -> String {
    let side = |terms: &[query::Term]| -> String {
        terms
            .iter()
            .map(|t| format!("{} {}", t.label, number(t.value)))
            .collect::<Vec<_>>()
            .join(" ＋ ")
    };
    let verdict = match e.holds() {
        Some(true) => "✓ 成立".to_string(),
        Some(false) => format!(
            "✗ 不成立：左边 {}，右边 {}",
            number(e.lhs_sum()),
            number(e.rhs_sum())
        ),
        None => "（有空缺的数，无法核对）".to_string(),
    };
    format!(
        "**{}**（{}，{}）：{} ＝ {}\n\n{}",
        e.identity.id,
        e.identity.rule,
        e.over_label,
        side(&e.lhs),
        side(&e.rhs),
        verdict
    )
}

pub fn hover(s: &Snapshot, pos: Position, markdown: bool) -> Option<Hover> {
    let report = &s.analysis.report;
    let offset = s.offset(pos);
    let template: &'static Template = query::template_of(report);
    let hit = query::at(report, offset)?;
    let (text, range) = match hit {
        Hit::Heading(section) => {
            let spec = template.section(&section.id)?;
            let mut t = format!("**{}**", spec.heading);
            if !section.standard {
                t.push_str(&format!("（标准写法；此处写作「{}」）", section.heading));
            }
            t.push_str(&format!("\n\n{}", spec.contents));
            if let Some(table) = &spec.table {
                t.push_str(&format!("\n\n表格 `{table}`"));
            }
            t.push_str(&format!("\n\n{}", template.notice));
            (t, section.heading_range)
        }
        Hit::Label { table, row, label } => {
            let spec = template.table(&table.id)?;
            let item = spec.row(row.id)?;
            let mut t = String::new();
            if let Some(g) = spec.group_of(row.id) {
                t.push_str(&format!("{} › ", g.label));
            }
            t.push_str(&format!("**{}** `{}`", item.label, item.id));
            if !label.exact {
                t.push_str(&format!("\n\n此处写作「{}」", label.text));
            }
            if !item.doc.is_empty() {
                t.push_str(&format!("\n\n{}", item.doc));
            }
            let cols: Vec<String> = item
                .columns
                .iter()
                .filter_map(|c| spec.column(c))
                .map(|c| {
                    format!(
                        "{} {}",
                        c.header,
                        number(row.cell(&c.id).and_then(|x| x.number()))
                    )
                })
                .collect();
            if !cols.is_empty() {
                t.push_str(&format!("\n\n{}", cols.join(" · ")));
            }
            (t, label.range)
        }
        Hit::Cell { table, row, cell } => {
            let spec = template.table(&table.id)?;
            let row_label = spec.row(row.id).map_or(row.id, |r| r.label.as_str());
            let col = spec
                .column(cell.column)
                .map_or(cell.column, |c| c.header.as_str());
            let mut t = format!(
                "**{row_label}** × **{col}**：{}",
                if cell.raw.is_empty() {
                    "（空）"
                } else {
                    &cell.raw
                }
            );
            for e in query::identities_of_cell(template, table, row, cell) {
                t.push_str("\n\n");
                t.push_str(&describe(&e));
            }
            (t, cell.range)
        }
        Hit::Marker { table, marker } => {
            let spec = template.table(&table.id)?;
            let item = spec.items.iter().find(|i| i.label == marker.standard);
            let mut t = format!("**{}**", marker.standard);
            if !marker.exact {
                t.push_str(&format!("（标准写法；此处写作「{}」）", marker.label));
            }
            if let Some(item) = item {
                let what = match item.kind {
                    ItemKind::Group => "分组行，本身不填数",
                    ItemKind::Block => "表二的条款分块",
                    ItemKind::Header => "表头",
                    ItemKind::Row => "",
                };
                if !what.is_empty() {
                    t.push_str(&format!("\n\n{what}"));
                }
                if !item.doc.is_empty() {
                    t.push_str(&format!("\n\n{}", item.doc));
                }
            }
            (t, marker.range)
        }
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: if markdown {
                MarkupKind::Markdown
            } else {
                MarkupKind::PlainText
            },
            value: if markdown {
                text
            } else {
                text.replace("**", "").replace('`', "")
            },
        }),
        range: Some(s.range(range)),
    })
}
