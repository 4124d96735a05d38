//! Feature tests on real seeds, without the protocol: text in, LSP data out.

use crate::actions;
use crate::completion::{self, CompletionCaps};
use crate::diagnostics::{self, DiagnosticCaps};
use crate::document::Encoding;
use crate::hover;
use crate::outline;
use crate::settings::InlayHints;
use crate::snapshot::{Input, Snapshot};
use nianbao_core::{template, Config, Context};
use std::str::FromStr;
use std::sync::Arc;
use tower_lsp_server::ls_types::{CodeActionOrCommand, CompletionTextEdit, Position, Range, Uri};

const SEED_001: &str = include_str!("../../../tests/corpus/001_7e69af88cfc75a8c.txt");
const SEED_003: &str = include_str!("../../../tests/corpus/003_1b7c73a738c3b718.txt");

fn snap(text: &str, enc: Encoding) -> Snapshot {
    let input = Input {
        uri: Uri::from_str("file:///t/report.txt").unwrap(),
        version: 1,
        text: text.to_string(),
        eligible: true,
        config: Arc::new(Config::default()),
        enc,
    };
    Snapshot::compute(&nianbao_core::Reader::new(), input, &Context::default()).unwrap()
}

fn caps() -> CompletionCaps {
    CompletionCaps {
        snippets: true,
        markdown: true,
    }
}

fn ranked(
    list: tower_lsp_server::ls_types::CompletionList,
) -> Vec<tower_lsp_server::ls_types::CompletionItem> {
    let mut items = list.items;
    items.sort_by(|a, b| a.sort_text.cmp(&b.sort_text));
    items
}

/// The group line of table 三 (2021) whose rows' ids start with `prefix`, and its first row.
fn group_and_first_row(prefix: &str) -> (&'static template::Item, &'static template::Item) {
    let apps = template::by_id("2021")
        .unwrap()
        .table("applications")
        .unwrap();
    let idx = apps
        .items
        .iter()
        .position(|i| i.id.starts_with(prefix))
        .unwrap();
    (&apps.items[idx - 1], &apps.items[idx])
}

#[test]
fn completion_after_a_group_line_starts_with_its_first_row() {
    let (group, first_row) = group_and_first_row("denied.");
    assert_eq!(group.kind, template::ItemKind::Group);
    let line = format!("\t{}\n", group.label);
    let at = SEED_003.find(&line).unwrap() + line.len();
    let text = format!("{}\t\n{}", &SEED_003[..at], &SEED_003[at..]);
    for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
        let s = snap(&text, enc);
        let pos = s.position((at as u32 + 1).into());
        let items = ranked(completion::complete(&s, pos, caps()));
        assert_eq!(items[0].label, first_row.label, "{enc:?}");
        let Some(CompletionTextEdit::Edit(edit)) = &items[0].text_edit else {
            panic!()
        };
        assert_eq!(edit.range.start, pos);
    }
}

#[test]
fn total_cell_completion_and_hover_and_quick_fix_on_seed_001() {
    let s = snap(SEED_001, Encoding::Utf16);
    let d = s
        .analysis
        .diagnostics
        .iter()
        .find(|d| d.code == "NB304")
        .expect("NB304 on seed 001");
    let pos = s.position(d.range.start());
    let items = ranked(completion::complete(&s, pos, caps()));
    assert_eq!(items[0].label, "0");
    let h = hover::hover(&s, pos, true).expect("hover on the total cell");
    let tower_lsp_server::ls_types::HoverContents::Markup(m) = h.contents else {
        panic!()
    };
    assert!(
        m.value.contains("I4") && m.value.contains("✗"),
        "{}",
        m.value
    );

    let lsp = diagnostics::to_lsp(&s, DiagnosticCaps::default());
    let nb304 = lsp.iter().find(|x| x.message == d.message).unwrap();
    assert_eq!(
        nb304.related_information.as_ref().map(Vec::len),
        Some(d.related.len())
    );
    let actions = actions::code_actions(&s, nb304.range, &None, DiagnosticCaps::default());
    // the arithmetic fix is unsafe: one quick fix per choice (the sum, then each part), none
    // preferred (an editor may apply a preferred fix unasked), and fix-all leaves it alone
    let choices: Vec<_> = actions
        .iter()
        .filter_map(|a| match a {
            CodeActionOrCommand::CodeAction(a)
                if !a.title.contains("停用")
                    && a.diagnostics
                        .as_ref()
                        .is_some_and(|d| d[0].message == nb304.message) =>
            {
                Some(a)
            }
            _ => None,
        })
        .collect();
    let titles: Vec<_> = choices.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "将「总计」改为 0（各项之和）",
            "将「结果维持」改为 5（其余各格不变）",
            "将「结果纠正」改为 5（其余各格不变）",
            "将「其他结果」改为 5（其余各格不变）",
            "将「尚未审结」改为 5（其余各格不变）",
        ]
    );
    assert!(choices.iter().all(|a| a.is_preferred == Some(false)));
    let fix = choices[0];
    let edits = &fix.edit.as_ref().unwrap().changes.as_ref().unwrap()[&s.uri];
    let core_edits: Vec<nianbao_core::Edit> = edits
        .iter()
        .map(|e| nianbao_core::Edit {
            range: s.byte_range(e.range),
            new_text: e.new_text.clone(),
        })
        .collect();
    let fixed = nianbao_core::diagnostic::apply_edits(&s.text, &core_edits);
    let after = snap(&fixed, Encoding::Utf16);
    assert!(!after.analysis.diagnostics.iter().any(|d| d.code == "NB304"));
    assert_eq!(
        after.analysis.diagnostics.len(),
        s.analysis.diagnostics.len() - 1
    );
}

/// `source.fixAll.nianbao` applies the safe fixes (labels, headings) and never an unsafe one: the
/// NB304 total of seed 001 (5, its parts all 0) keeps the number its author wrote.
#[test]
fn fix_all_never_applies_an_unsafe_fix() {
    let s = snap(SEED_001, Encoding::Utf16);
    let whole = Range::new(Position::new(0, 0), Position::new(0, 0));
    let only = Some(vec![actions::fix_all_kind()]);
    let all = actions::code_actions(&s, whole, &only, DiagnosticCaps::default());
    let [CodeActionOrCommand::CodeAction(fix_all)] = all.as_slice() else {
        panic!("one fix-all action expected: {all:?}")
    };
    let edits: Vec<nianbao_core::Edit> = fix_all.edit.as_ref().unwrap().changes.as_ref().unwrap()
        [&s.uri]
        .iter()
        .map(|e| nianbao_core::Edit {
            range: s.byte_range(e.range),
            new_text: e.new_text.clone(),
        })
        .collect();
    assert!(!edits.is_empty());
    let unsafe_edits: Vec<&nianbao_core::Edit> = s
        .analysis
        .diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .flat_map(|f| f.choices())
        .filter(|f| !f.is_safe())
        .flat_map(|f| &f.edits)
        .collect();
    assert_eq!(unsafe_edits.len(), 5, "the five choices of NB304");
    for e in &edits {
        assert!(
            !unsafe_edits.contains(&e),
            "fix-all applies an unsafe edit {e:?}"
        );
    }
    let fixed = nianbao_core::diagnostic::apply_edits(&s.text, &edits);
    let after = snap(&fixed, Encoding::Utf16);
    let nb304 = |s: &Snapshot| -> Vec<String> {
        s.analysis
            .diagnostics
            .iter()
            .filter(|d| d.code == "NB304")
            .map(|d| format!("{} 「{}」", d.message, &s.text[d.range]))
            .collect()
    };
    assert_eq!(nb304(&after), nb304(&s));
    assert!(after.analysis.diagnostics.len() < s.analysis.diagnostics.len());
}

#[test]
fn outline_hints_and_tokens_are_well_formed() {
    let s = snap(SEED_001, Encoding::Utf16);
    let symbols = outline::document_symbols(&s);
    assert_eq!(symbols.len(), 6);
    fn check(sym: &tower_lsp_server::ls_types::DocumentSymbol) {
        let inside = |r: Range| {
            (r.start.line, r.start.character) >= (sym.range.start.line, sym.range.start.character)
                && (r.end.line, r.end.character) <= (sym.range.end.line, sym.range.end.character)
        };
        assert!(inside(sym.selection_range), "{}", sym.name);
        for c in sym.children.iter().flatten() {
            assert!(inside(c.range), "{} ⊄ {}", c.name, sym.name);
            check(c);
        }
    }
    symbols.iter().for_each(check);
    let everything = Range::new(Position::new(0, 0), Position::new(u32::MAX, 0));
    assert_eq!(
        outline::inlay_hints(&s, everything, InlayHints::Differ).len(),
        1
    );
    assert!(outline::inlay_hints(&s, everything, InlayHints::Always).len() > 20);
    assert!(outline::inlay_hints(&s, everything, InlayHints::Off).is_empty());
    let tokens = outline::semantic_tokens(&s);
    assert!(tokens.data.len() > 100);
    assert!(tokens
        .data
        .iter()
        .all(|t| t.length > 0 && t.token_type <= outline::TOKEN_MARKER));
    let folds = outline::folding_ranges(&s);
    assert!(folds.iter().all(|f| f.end_line > f.start_line));
}

#[test]
fn non_reports_get_nothing() {
    let s = snap("# 会议纪要\n\n今天讨论了午饭。\n", Encoding::Utf16);
    assert!(!s.is_report);
    assert!(diagnostics::to_lsp(&s, DiagnosticCaps::default()).is_empty());
}

#[test]
fn table_snippets_are_read_back_by_the_core_in_both_layouts() {
    use nianbao_core::format::Family;
    use nianbao_core::model::Layout;
    for year in [2020, 2022] {
        for (family, layout) in [
            (Family::Markdown, Layout::Markdown),
            (Family::Text, Layout::Text),
        ] {
            let blank = nianbao_core::blank::blank_report(year, "测试县人民政府", family).unwrap();
            let analysis = nianbao_core::analyze(&blank, &Config::default());
            let tpl = analysis.report.template_data().unwrap();
            for table in &analysis.report.tables {
                let spec = tpl.table(&table.id).unwrap();
                let skeleton = crate::skeleton::table(spec, layout, false);
                let range = std::ops::Range::<usize>::from(table.range);
                let text = format!(
                    "{}{}{}",
                    &blank[..range.start],
                    skeleton.trim_end(),
                    &blank[range.end..]
                );
                let again = nianbao_core::analyze(&text, &Config::default());
                let bad: Vec<_> = again
                    .diagnostics
                    .iter()
                    .filter(|d| {
                        d.code.starts_with("NB2") || d.code.starts_with("NB3") || d.code == "NB101"
                    })
                    .map(|d| format!("{} {}", d.code, d.message))
                    .collect();
                assert!(
                    bad.is_empty(),
                    "{year} {layout:?} {}: {bad:?}\n{skeleton}",
                    table.id
                );
                let read = again.report.table(&table.id).unwrap();
                assert_eq!(
                    read.rows.len(),
                    spec.rows().count(),
                    "{year} {layout:?} {}",
                    table.id
                );
            }
        }
    }
}

#[test]
fn completion_in_a_markdown_pipe_table() {
    use nianbao_core::format::Family;
    let blank =
        nianbao_core::blank::blank_report(2022, "测试县人民政府", Family::Markdown).unwrap();
    let (group, first_row) = group_and_first_row("unavailable.");
    let line_start = blank.find(&format!("| {}", group.label)).unwrap();
    let at = line_start + blank[line_start..].find('\n').unwrap() + 1;
    let text = format!("{}| 1\n{}", &blank[..at], &blank[at..]);
    let s = snap(&text, Encoding::Utf16);
    let pos = s.position(((at + "| 1".len()) as u32).into());
    let items = ranked(completion::complete(&s, pos, caps()));
    assert_eq!(items[0].label, first_row.label);
    let Some(CompletionTextEdit::Edit(edit)) = &items[0].text_edit else {
        panic!()
    };
    // replaces the typed 「1」 only, after the pipe
    assert_eq!(
        (edit.range.start.character, edit.range.end.character),
        (2, 3)
    );
}
