//! Outline and navigation: document symbols (sections → tables → row groups), folding ranges,
//! inlay hints after total cells, semantic tokens.

use crate::settings::InlayHints;
use crate::snapshot::Snapshot;
use nianbao_core::model::{Report, Table};
use nianbao_core::query;
use nianbao_core::template::{ItemKind, Template};
use nianbao_core::{TextRange, TextSize};
use tower_lsp_server::ls_types::{
    DocumentSymbol, FoldingRange, FoldingRangeKind, InlayHint, InlayHintKind, InlayHintLabel,
    InlayHintTooltip, Range, SemanticToken, SemanticTokenModifier, SemanticTokenType,
    SemanticTokens, SemanticTokensLegend, SymbolKind,
};

fn cover(ranges: impl IntoIterator<Item = TextRange>) -> Option<TextRange> {
    ranges.into_iter().reduce(|a, b| a.cover(b))
}

#[allow(deprecated)]
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: Range,
    selection: Range,
) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: selection,
        children: None,
    }
}

/// A symbol and the byte range it covers.
type Placed = (TextRange, DocumentSymbol);

/// The symbols of one table: row groups (with their rows) and rows outside groups.
fn table_symbols(s: &Snapshot, template: &Template, table: &Table) -> Vec<DocumentSymbol> {
    let Some(spec) = template.table(&table.id) else {
        return Vec::new();
    };
    let mut out: Vec<(TextRange, DocumentSymbol)> = Vec::new();
    let mut groups: Vec<(String, TextRange, Vec<Placed>)> = Vec::new();
    for row in &table.rows {
        let name = spec
            .row(row.id)
            .map_or_else(|| row.id.to_string(), |r| r.label.clone());
        let sel = row.label.as_ref().map_or(row.range, |l| l.range);
        let sym = symbol(
            name,
            Some(row.id.to_string()),
            SymbolKind::FIELD,
            s.range(row.range),
            s.range(sel),
        );
        match spec.group_of(row.id) {
            Some(g) => {
                let marker = table
                    .markers
                    .iter()
                    .find(|m| m.standard == g.label)
                    .map(|m| m.range);
                match groups.iter_mut().find(|(l, _, _)| *l == g.label) {
                    Some((_, r, rows)) => {
                        *r = r.cover(row.range);
                        rows.push((row.range, sym));
                    }
                    None => {
                        let r = marker.map_or(row.range, |m| m.cover(row.range));
                        groups.push((g.label.clone(), r, vec![(row.range, sym)]));
                    }
                }
            }
            None => out.push((row.range, sym)),
        }
    }
    for (label, range, rows) in groups {
        let kind = if spec
            .items
            .iter()
            .any(|i| i.label == label && i.kind == ItemKind::Block)
        {
            SymbolKind::NAMESPACE
        } else {
            SymbolKind::ENUM
        };
        let mut sym = symbol(
            label,
            None,
            kind,
            s.range(range),
            s.range(TextRange::empty(range.start())),
        );
        if let Some(first) = rows.first() {
            sym.selection_range = first.1.selection_range;
            let start = table
                .markers
                .iter()
                .find(|m| m.standard == sym.name)
                .map(|m| m.range);
            if let Some(m) = start {
                sym.selection_range = s.range(m);
            }
        }
        sym.children = Some(rows.into_iter().map(|(_, s)| s).collect());
        out.push((range, sym));
    }
    out.sort_by_key(|(r, _)| r.start());
    out.into_iter().map(|(_, s)| s).collect()
}

pub fn document_symbols(s: &Snapshot) -> Vec<DocumentSymbol> {
    let report = &s.analysis.report;
    let template = query::template_of(report);
    let mut out = Vec::new();
    let mut used = vec![false; report.tables.len()];
    for sec in &report.sections {
        let mut range = sec.line_range.cover(sec.body);
        let mut children = Vec::new();
        for (i, table) in report.tables.iter().enumerate() {
            let inside = sec.body.contains_range(table.range)
                || template
                    .table(&table.id)
                    .is_some_and(|t| t.section == sec.id);
            if inside && !used[i] {
                used[i] = true;
                range = range.cover(table.range);
                children.push(table_symbol(s, template, table));
            }
        }
        let mut sym = symbol(
            sec.heading.clone(),
            Some(sec.id.clone()),
            SymbolKind::MODULE,
            s.range(range),
            s.range(sec.heading_range),
        );
        sym.children = Some(children);
        out.push(sym);
    }
    for (i, table) in report.tables.iter().enumerate() {
        if !used[i] {
            out.push(table_symbol(s, template, table));
        }
    }
    out
}

fn table_symbol(s: &Snapshot, template: &Template, table: &Table) -> DocumentSymbol {
    let children = table_symbols(s, template, table);
    let range = cover(std::iter::once(table.range).chain(table.rows.iter().map(|r| r.range)))
        .unwrap_or(table.range);
    let name = template
        .table(&table.id)
        .and_then(|t| template.section(&t.section))
        .map_or_else(|| table.id.clone(), |sec| format!("表{}", sec.numeral));
    let mut sym = symbol(
        name,
        Some(table.id.clone()),
        SymbolKind::STRUCT,
        s.range(range),
        s.range(TextRange::empty(range.start())),
    );
    sym.selection_range = sym.range;
    sym.children = Some(children);
    sym
}

/// Fold sections and tables (whole lines).
pub fn folding_ranges(s: &Snapshot) -> Vec<FoldingRange> {
    let report = &s.analysis.report;
    let mut out = Vec::new();
    let mut push = |range: TextRange| {
        let start = s.position(range.start()).line;
        let end_off = if range.end() > range.start() {
            range.end() - TextSize::from(1)
        } else {
            range.end()
        };
        let end = s.position(end_off).line;
        if end > start {
            out.push(FoldingRange {
                start_line: start,
                end_line: end,
                kind: Some(FoldingRangeKind::Region),
                ..Default::default()
            });
        }
    };
    for sec in &report.sections {
        push(sec.line_range.cover(sec.body));
    }
    for t in &report.tables {
        push(t.range);
    }
    out
}

/// After each total cell: the computed sum (when it differs, or always).
pub fn inlay_hints(s: &Snapshot, range: Range, mode: InlayHints) -> Vec<InlayHint> {
    if mode == InlayHints::Off {
        return Vec::new();
    }
    let report = &s.analysis.report;
    let template = query::template_of(report);
    let bytes = s.byte_range(range);
    let mut out = Vec::new();
    for table in &report.tables {
        for e in query::evaluate(template, table) {
            let (Some(expected), [lhs]) = (e.expected_total(), e.lhs.as_slice()) else {
                continue;
            };
            let Some(cell) = lhs.range else { continue };
            if !bytes.contains_range(cell) && bytes.intersect(cell).is_none() {
                continue;
            }
            let differs = lhs.value.is_none_or(|v| (v - expected).abs() > 1e-9);
            if !differs && mode == InlayHints::Differ {
                continue;
            }
            out.push(InlayHint {
                position: s.position(cell.end()),
                label: InlayHintLabel::String(format!(
                    "{} {}",
                    if differs { "≠" } else { "=" },
                    query::format_number(expected)
                )),
                kind: Some(InlayHintKind::PARAMETER),
                text_edits: None,
                tooltip: Some(InlayHintTooltip::String(
                    crate::hover::describe(&e).replace("**", ""),
                )),
                padding_left: Some(true),
                padding_right: None,
                data: None,
            });
        }
    }
    out.sort_by_key(|h| (h.position.line, h.position.character));
    out
}

pub const TOKEN_HEADING: u32 = 0;
pub const TOKEN_LABEL: u32 = 1;
pub const TOKEN_NUMBER: u32 = 2;
pub const TOKEN_MARKER: u32 = 3;
pub const MOD_TOTAL: u32 = 1;
pub const MOD_NONSTANDARD: u32 = 2;

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: vec![
            SemanticTokenType::NAMESPACE,
            SemanticTokenType::PROPERTY,
            SemanticTokenType::NUMBER,
            SemanticTokenType::ENUM_MEMBER,
        ],
        token_modifiers: vec![
            SemanticTokenModifier::new("total"),
            SemanticTokenModifier::new("nonstandard"),
        ],
    }
}

fn raw_tokens(report: &Report, template: &'static Template) -> Vec<(TextRange, u32, u32)> {
    let mut raw = Vec::new();
    for sec in &report.sections {
        raw.push((
            sec.heading_range,
            TOKEN_HEADING,
            if sec.standard { 0 } else { MOD_NONSTANDARD },
        ));
    }
    for table in &report.tables {
        let totals: Vec<TextRange> = query::evaluate(template, table)
            .iter()
            .filter(|e| e.lhs.len() == 1)
            .filter_map(|e| e.lhs[0].range)
            .collect();
        for row in &table.rows {
            if let Some(l) = &row.label {
                let m = if l.exact { 0 } else { MOD_NONSTANDARD };
                if l.parts.is_empty() {
                    raw.push((l.range, TOKEN_LABEL, m));
                }
                for p in &l.parts {
                    raw.push((*p, TOKEN_LABEL, m));
                }
            }
            for c in &row.cells {
                if c.range.is_empty() {
                    continue;
                }
                raw.push((
                    c.range,
                    TOKEN_NUMBER,
                    if totals.contains(&c.range) {
                        MOD_TOTAL
                    } else {
                        0
                    },
                ));
            }
        }
        for m in &table.markers {
            raw.push((
                m.range,
                TOKEN_MARKER,
                if m.exact { 0 } else { MOD_NONSTANDARD },
            ));
        }
    }
    raw
}

/// Semantic tokens (relative encoding, one token per line fragment, no overlaps).
pub fn semantic_tokens(s: &Snapshot) -> SemanticTokens {
    let report = &s.analysis.report;
    let template = query::template_of(report);
    let mut raw = raw_tokens(report, template);
    raw.sort_by_key(|(r, _, _)| (r.start(), r.end()));
    let mut data = Vec::new();
    let (mut prev_line, mut prev_start) = (0u32, 0u32);
    let mut last_end = TextSize::from(0);
    for (range, ty, mods) in raw {
        if range.is_empty() || range.start() < last_end {
            continue;
        }
        last_end = range.end();
        // split at line breaks
        let text = s.slice(range);
        let mut at = range.start();
        for piece in text.split('\n') {
            let piece_range = TextRange::at(at, TextSize::of(piece));
            at = piece_range.end() + TextSize::from(1);
            let trimmed = piece.trim_end_matches('\r');
            if trimmed.is_empty() {
                continue;
            }
            let start = s.position(piece_range.start());
            let end = s.position(piece_range.start() + TextSize::of(trimmed));
            let length = end.character.saturating_sub(start.character);
            let delta_line = start.line - prev_line;
            let delta_start = if delta_line == 0 {
                start.character - prev_start
            } else {
                start.character
            };
            data.push(SemanticToken {
                delta_line,
                delta_start,
                length,
                token_type: ty,
                token_modifiers_bitset: mods,
            });
            prev_line = start.line;
            prev_start = start.character;
        }
    }
    SemanticTokens {
        result_id: Some(s.version.to_string()),
        data,
    }
}
