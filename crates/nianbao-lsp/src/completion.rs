//! Completion, driven by the template data: row labels inside tables (the expected next rows first),
//! missing section headings at line start, whole-table snippets, and the computed sum in a total cell.

use crate::pinyin;
use crate::skeleton;
use crate::snapshot::Snapshot;
use nianbao_core::model::{Layout, Report};
use nianbao_core::norm;
use nianbao_core::query::{self, Hit};
use nianbao_core::template::{Item, ItemKind, Template};
use nianbao_core::{TextRange, TextSize};
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionTextEdit, Documentation,
    InsertTextFormat, MarkupContent, MarkupKind, Position, TextEdit,
};

#[derive(Debug, Clone, Copy, Default)]
pub struct CompletionCaps {
    pub snippets: bool,
    pub markdown: bool,
}

/// How well a label matches what was typed: `Some(0)` prefix, `Some(1)` elsewhere, `None` not at all.
pub fn matches(typed: &str, label: &str) -> Option<u8> {
    let t = norm::key(typed).to_lowercase();
    if t.is_empty() {
        return Some(0);
    }
    let k = norm::key(label);
    if k.starts_with(&t) || norm::key(pinyin::strip_numbering(label)).starts_with(&t) {
        return Some(0);
    }
    if k.contains(&t) {
        return Some(1);
    }
    if t.is_ascii() {
        let (p, whole) = (pinyin::of(label), pinyin::of_text(label));
        let mut all = vec![&p.initials, &p.full, &whole.initials, &whole.full];
        all.extend(p.alternatives.iter().flat_map(|(i, f)| [i, f]));
        if all.iter().any(|s| s.starts_with(&t)) {
            return Some(0);
        }
        if all.iter().any(|s| s.contains(&t)) {
            return Some(1);
        }
    }
    None
}

fn doc(caps: CompletionCaps, text: String) -> Option<Documentation> {
    Some(if caps.markdown {
        Documentation::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        })
    } else {
        Documentation::String(text)
    })
}

/// Where the typed word starts on the current line: after indentation, pipes, `#` and `>`.
fn typed_start(s: &Snapshot, line: TextRange, offset: TextSize, skip_hash: bool) -> TextSize {
    let before = s.slice(TextRange::new(line.start(), offset));
    let trimmed = before.trim_start_matches(|c: char| {
        norm::is_space(c) || c == '|' || c == '>' || (skip_hash && c == '#')
    });
    // after the last pipe: a cell of a Markdown table
    let cell = match trimmed.rfind('|') {
        Some(i) => norm::trim_start(&trimmed[i + 1..]),
        None => trimmed,
    };
    offset - TextSize::of(cell)
}

struct Ctx<'a> {
    s: &'a Snapshot,
    caps: CompletionCaps,
    pos: Position,
    offset: TextSize,
    line: TextRange,
}

impl Ctx<'_> {
    fn edit(&self, start: TextSize, new_text: String) -> Option<CompletionTextEdit> {
        let range = self.s.range(TextRange::new(start, self.offset));
        let range = tower_lsp_server::ls_types::Range {
            start: range.start,
            end: self.pos,
        };
        Some(CompletionTextEdit::Edit(TextEdit { range, new_text }))
    }
}

/// The completion list at a position.
pub fn complete(s: &Snapshot, pos: Position, caps: CompletionCaps) -> CompletionList {
    let offset = s.offset(pos);
    let (_, line) = s.line_of(offset);
    let cx = Ctx {
        s,
        caps,
        pos,
        offset,
        line,
    };
    let report = &s.analysis.report;
    let template = query::template_of(report);
    let mut items = Vec::new();

    if let Some(item) = total_cell(&cx, template) {
        return CompletionList {
            is_incomplete: false,
            items: vec![item],
        };
    }

    let on_heading = report
        .sections
        .iter()
        .any(|sec| sec.line_range.contains_inclusive(offset));
    let table_id = if on_heading {
        None
    } else {
        table_at(report, template, offset)
    };
    if let Some(table_id) = table_id {
        items.extend(labels(&cx, template, &table_id));
        let section_id = template
            .tables
            .iter()
            .find(|t| t.id == table_id)
            .map(|t| t.section.clone());
        if report.table(&table_id).is_none_or(|t| t.rows.is_empty()) {
            if let Some(section) = section_id.and_then(|id| template.section(&id)) {
                items.extend(table_snippet(&cx, template, &section.id, false));
            }
        }
    }
    items.extend(headings(&cx, template, items.len()));
    CompletionList {
        is_incomplete: true,
        items,
    }
}

/// The table whose section (or range) holds `offset`.
fn table_at(report: &Report, template: &Template, offset: TextSize) -> Option<String> {
    if let Some(t) = report
        .tables
        .iter()
        .find(|t| t.range.contains_inclusive(offset))
    {
        return Some(t.id.clone());
    }
    let section = query::section_at(report, offset)?;
    template.section(&section.id)?.table.clone()
}

/// The computed sum, when the cursor is in a cell that is the total of an identity.
fn total_cell(cx: &Ctx, template: &'static Template) -> Option<CompletionItem> {
    let Hit::Cell { table, row, cell } = query::at(&cx.s.analysis.report, cx.offset)? else {
        return None;
    };
    let eval = query::identities_of_cell(template, table, row, cell)
        .into_iter()
        .find(|e| {
            e.lhs.len() == 1 && e.lhs[0].range == Some(cell.range) && e.expected_total().is_some()
        })?;
    let sum = query::format_number(eval.expected_total()?);
    let terms: Vec<String> = eval
        .rhs
        .iter()
        .map(|t| {
            format!(
                "{} {}",
                t.label,
                t.value.map(query::format_number).unwrap_or_default()
            )
        })
        .collect();
    let range = cx.s.range(cell.range);
    Some(CompletionItem {
        label: sum.clone(),
        kind: Some(CompletionItemKind::VALUE),
        detail: Some(format!(
            "{}（{}）：{} = {}",
            eval.identity.id,
            eval.over_label,
            eval.lhs[0].label,
            terms.join(" + ")
        )),
        documentation: doc(
            cx.caps,
            format!("计算值 {sum}，当前写的是「{}」。", cell.raw),
        ),
        sort_text: Some("0000".into()),
        filter_text: Some(cell.raw.clone()),
        preselect: Some(true),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
            range,
            new_text: sum,
        })),
        ..Default::default()
    })
}

/// The template item a row or marker of the document corresponds to.
fn item_index(
    items: &[Item],
    report_table: &nianbao_core::model::Table,
    before: TextSize,
) -> Option<usize> {
    let mut best: Option<(TextSize, usize)> = None;
    for row in &report_table.rows {
        let end = row
            .label
            .as_ref()
            .map_or(row.range.start(), |l| l.range.end());
        if end <= before {
            if let Some(i) = items
                .iter()
                .position(|it| it.kind == ItemKind::Row && it.id == row.id)
            {
                if best.is_none_or(|(e, _)| end >= e) {
                    best = Some((end, i));
                }
            }
        }
    }
    for m in &report_table.markers {
        if m.range.end() <= before {
            if let Some(i) = items.iter().position(|it| {
                matches!(it.kind, ItemKind::Group | ItemKind::Block) && it.label == m.standard
            }) {
                if best.is_none_or(|(e, _)| m.range.end() >= e) {
                    best = Some((m.range.end(), i));
                }
            }
        }
    }
    best.map(|(_, i)| i)
}

fn labels(cx: &Ctx, template: &Template, table_id: &str) -> Vec<CompletionItem> {
    let Some(spec) = template.table(table_id) else {
        return Vec::new();
    };
    let report = &cx.s.analysis.report;
    let prev = report
        .table(table_id)
        .and_then(|t| item_index(&spec.items, t, cx.line.start()));
    let start = typed_start(cx.s, cx.line, cx.offset, false);
    let typed = cx.s.slice(TextRange::new(start, cx.offset));
    let n = spec.items.len();
    let mut out: Vec<(u8, usize, CompletionItem)> = Vec::new();
    for (i, item) in spec.items.iter().enumerate() {
        if item.kind == ItemKind::Header {
            continue;
        }
        let Some(quality) = matches(typed, &item.label) else {
            continue;
        };
        let order = match prev {
            Some(p) if i > p => i - p - 1,
            Some(_) => n + i,
            None => i,
        };
        let group = if item.kind == ItemKind::Row {
            spec.group_of(&item.id)
        } else {
            None
        };
        let columns: Vec<&str> = item
            .columns
            .iter()
            .filter_map(|c| spec.column(c))
            .map(|c| c.header.as_str())
            .collect();
        let mut docs = String::new();
        if let Some(g) = group {
            docs.push_str(&format!("{} › ", g.label));
        }
        docs.push_str(&format!("**{}**", item.label));
        if !item.id.is_empty() {
            docs.push_str(&format!(" `{}`", item.id));
        }
        if !item.doc.is_empty() {
            docs.push_str(&format!("\n\n{}", item.doc));
        }
        if !columns.is_empty() {
            docs.push_str(&format!("\n\n列：{}", columns.join("、")));
        }
        docs.push_str(&format!("\n\n{}", template.notice));
        let kind = match item.kind {
            ItemKind::Row => CompletionItemKind::FIELD,
            _ => CompletionItemKind::MODULE,
        };
        out.push((
            quality,
            order,
            CompletionItem {
                label: item.label.clone(),
                kind: Some(kind),
                detail: Some(match group {
                    Some(g) => format!("{} · {}", g.label, item.id),
                    None if item.id.is_empty() => table_id.to_string(),
                    None => item.id.clone(),
                }),
                documentation: doc(cx.caps, docs),
                filter_text: Some(pinyin::filter_text(&item.label)),
                text_edit: cx.edit(start, item.label.clone()),
                ..Default::default()
            },
        ));
    }
    out.sort_by_key(|(q, o, _)| (*q, *o));
    out.into_iter()
        .enumerate()
        .map(|(rank, (_, _, mut item))| {
            item.sort_text = Some(format!("{:04}", rank + 1));
            if rank == 0 {
                item.preselect = Some(true);
            }
            item
        })
        .collect()
}

fn heading_level(report: &Report) -> usize {
    let mut levels: Vec<u8> = report
        .sections
        .iter()
        .map(|s| s.level)
        .filter(|l| *l > 0)
        .collect();
    levels.sort_unstable();
    levels.get(levels.len() / 2).map_or(2, |l| *l as usize)
}

/// The missing section headings, in template order (and, for sections with a table, heading + table).
fn headings(cx: &Ctx, template: &Template, base_rank: usize) -> Vec<CompletionItem> {
    let report = &cx.s.analysis.report;
    let start = typed_start(cx.s, cx.line, cx.offset, true);
    let typed = cx.s.slice(TextRange::new(start, cx.offset));
    let hashes =
        cx.s.slice(TextRange::new(cx.line.start(), start))
            .contains('#');
    let prefix = if report.layout == Layout::Markdown && !hashes {
        format!("{} ", "#".repeat(heading_level(report)))
    } else {
        String::new()
    };
    let mut out = Vec::new();
    for section in &template.sections {
        if report.section(&section.id).is_some() || matches(typed, &section.heading).is_none() {
            continue;
        }
        out.push(CompletionItem {
            label: section.heading.clone(),
            kind: Some(CompletionItemKind::MODULE),
            detail: Some(format!("缺少的章节 · {}", section.id)),
            documentation: doc(
                cx.caps,
                format!(
                    "**{}**\n\n{}\n\n{}",
                    section.heading, section.contents, template.notice
                ),
            ),
            filter_text: Some(pinyin::filter_text(&section.heading)),
            sort_text: Some(format!("{:04}", base_rank + out.len() + 1)),
            text_edit: cx.edit(start, format!("{prefix}{}", section.heading)),
            ..Default::default()
        });
        if section.table.is_some() {
            out.extend(table_snippet(cx, template, &section.id, true));
        }
    }
    out
}

/// A snippet inserting a whole standard table (with its heading when `with_heading`).
fn table_snippet(
    cx: &Ctx,
    template: &Template,
    section_id: &str,
    with_heading: bool,
) -> Option<CompletionItem> {
    let section = template.section(section_id)?;
    let spec = template.table(section.table.as_deref()?)?;
    let report = &cx.s.analysis.report;
    let start = typed_start(cx.s, cx.line, cx.offset, with_heading);
    let typed = cx.s.slice(TextRange::new(start, cx.offset));
    if with_heading && matches(typed, &section.heading).is_none() {
        return None;
    }
    let mut body = skeleton::table(spec, report.layout, cx.caps.snippets);
    if with_heading {
        let hashes =
            cx.s.slice(TextRange::new(cx.line.start(), start))
                .contains('#');
        let heading = if cx.caps.snippets {
            skeleton::escape(&section.heading)
        } else {
            section.heading.clone()
        };
        let prefix = if report.layout == Layout::Markdown && !hashes {
            format!("{} ", "#".repeat(heading_level(report)))
        } else {
            String::new()
        };
        let sep = if report.layout == Layout::Markdown {
            "\n\n"
        } else {
            "\n"
        };
        body = format!("{prefix}{heading}{sep}{body}");
    }
    let label = if with_heading {
        format!("{}（含标准表格）", section.heading)
    } else {
        format!("{}：标准表格", section.heading)
    };
    Some(CompletionItem {
        label,
        kind: Some(CompletionItemKind::SNIPPET),
        detail: Some(format!("{} 模板表格 · 每格 0", template.id)),
        documentation: doc(
            cx.caps,
            format!("{}\n\n{}", section.contents, template.notice),
        ),
        filter_text: Some(pinyin::filter_text(&section.heading)),
        sort_text: Some(if with_heading {
            "0999".into()
        } else {
            "0000".into()
        }),
        insert_text_format: Some(if cx.caps.snippets {
            InsertTextFormat::SNIPPET
        } else {
            InsertTextFormat::PLAIN_TEXT
        }),
        text_edit: cx.edit(start, body),
        ..Default::default()
    })
}
