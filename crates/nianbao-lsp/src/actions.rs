//! Code actions: the core's fixes as quick fixes, `source.fixAll.nianbao`, and
//! "disable NBxxx for this line" (a suppression comment on the line above).

use crate::diagnostics::{self, DiagnosticCaps};
use crate::snapshot::Snapshot;
use nianbao_core::{suppress, Edit, TextRange};
use std::collections::HashMap;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, Uri, WorkspaceEdit,
};

pub const FIX_ALL: &str = "source.fixAll.nianbao";

pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::from(FIX_ALL)
}

fn workspace_edit(s: &Snapshot, edits: &[Edit]) -> WorkspaceEdit {
    let edits: Vec<TextEdit> = edits
        .iter()
        .map(|e| TextEdit {
            range: s.range(e.range),
            new_text: e.new_text.clone(),
        })
        .collect();
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    changes.insert(s.uri.clone(), edits);
    WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    }
}

/// What `source.fixAll.nianbao` applies: [`nianbao_core::diagnostic::bulk_edits`], the safe fixes
/// only. An unsafe fix (NB301–NB304) and the alternatives of any fix are offered one by one as quick
/// fixes, never applied in bulk (RULES.md "Fix safety").
pub fn safe_edits(s: &Snapshot) -> Vec<Edit> {
    nianbao_core::diagnostic::bulk_edits(&s.analysis.diagnostics)
}

fn wants(only: &Option<Vec<CodeActionKind>>, kind: &CodeActionKind) -> bool {
    match only {
        None => true,
        Some(list) => list.iter().any(|k| {
            kind.as_str() == k.as_str() || kind.as_str().starts_with(&format!("{}.", k.as_str()))
        }),
    }
}

pub fn code_actions(
    s: &Snapshot,
    range: Range,
    only: &Option<Vec<CodeActionKind>>,
    caps: DiagnosticCaps,
) -> Vec<CodeActionOrCommand> {
    if !s.is_report {
        return Vec::new();
    }
    let bytes = s.byte_range(range);
    let lsp = diagnostics::to_lsp(s, caps);
    let mut out = Vec::new();
    if wants(only, &CodeActionKind::QUICKFIX) {
        for (d, ld) in s.analysis.diagnostics.iter().zip(&lsp) {
            let touches =
                d.range.intersect(bytes).is_some() || d.range.contains_inclusive(bytes.start());
            if !touches {
                continue;
            }
            // every choice on its own; only a safe first choice is preferred (editors may apply
            // a preferred quick fix without showing the others)
            for (i, fix) in d.fix.iter().flat_map(|f| f.choices()).enumerate() {
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.message.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![ld.clone()]),
                    edit: Some(workspace_edit(s, &fix.edits)),
                    is_preferred: Some(i == 0 && fix.is_safe()),
                    ..Default::default()
                }));
            }
            // disable this rule for the line: a comment on the line above
            let (_, line) = s.line_of(d.range.start());
            let edit = Edit {
                range: TextRange::empty(line.start()),
                new_text: suppress::disable_next_line_comment(d.code),
            };
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("在此行停用 {} ({})", d.code, d.name),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![ld.clone()]),
                edit: Some(workspace_edit(s, &[edit])),
                ..Default::default()
            }));
        }
    }
    let fix_all = fix_all_kind();
    if wants(only, &fix_all)
        || only
            .as_ref()
            .is_some_and(|l| l.iter().any(|k| k.as_str() == "source"))
    {
        let edits = safe_edits(s);
        if !edits.is_empty() {
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("nianbao：应用全部安全修复（{} 处）", edits.len()),
                kind: Some(fix_all),
                edit: Some(workspace_edit(s, &edits)),
                ..Default::default()
            }));
        }
    }
    out
}
