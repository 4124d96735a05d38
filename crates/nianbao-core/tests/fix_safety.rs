//! RULES.md "Fix safety": an arithmetic fix (NB301–NB304) may lose a number the author wrote, so it is
//! unsafe, offered one by one (the sum, and which other cell would change), and never applied in
//! bulk: not by [`nianbao_core::diagnostic::bulk_edits`] (what fix-all and `source.fixAll` apply),
//! not by the formatter.

use nianbao_core::diagnostic::{apply_edits, bulk_edits};
use nianbao_core::format::{format, FormatOptions};
use nianbao_core::{analyze, Analysis, Config, Diagnostic, Safety};
use std::path::PathBuf;

fn corpus() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let mut out = Vec::new();
    for d in [dir.clone(), dir.join("derived")] {
        let mut entries: Vec<_> = std::fs::read_dir(&d).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.path());
        for e in entries {
            let p = e.path();
            let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
            if matches!(ext, "txt" | "md" | "html") {
                let bytes = std::fs::read(&p).unwrap();
                let text = nianbao_core::decode::decode(&bytes).text;
                out.push((p.file_name().unwrap().to_string_lossy().into_owned(), text));
            }
        }
    }
    out
}

fn is_arithmetic(d: &Diagnostic) -> bool {
    matches!(d.code, "NB301" | "NB302" | "NB303" | "NB304")
}

/// The arithmetic diagnostics of an analysis, as (code, message): what a bulk operation must leave.
fn arithmetic(a: &Analysis) -> Vec<(&'static str, String)> {
    let mut v: Vec<_> = a
        .diagnostics
        .iter()
        .filter(|d| is_arithmetic(d))
        .map(|d| (d.code, d.message.clone()))
        .collect();
    v.sort();
    v
}

/// The corpus, and 003 (balanced) with every number of table 三 and 四 changed in turn: each such
/// text has arithmetic diagnostics of NB301, NB302, NB303 and NB304 between them.
fn texts_with_arithmetic_errors() -> Vec<(String, String)> {
    let mut out = corpus();
    let (_, text) = out
        .iter()
        .find(|(n, _)| n.starts_with("003_") && n.ends_with(".txt") && n.matches('.').count() == 1)
        .cloned()
        .unwrap();
    let a = analyze(&text, &Config::default());
    for id in ["applications", "review_litigation"] {
        for row in &a.report.table(id).unwrap().rows {
            for cell in &row.cells {
                let v = cell.number().unwrap();
                let mut changed = text.clone();
                changed.replace_range(
                    std::ops::Range::<usize>::from(cell.range),
                    &format!("{}", v as i64 + 3),
                );
                out.push((format!("003 {id} {}.{}+3", row.id, cell.column), changed));
            }
        }
    }
    out
}

#[test]
fn arithmetic_fixes_are_unsafe_and_offer_each_cell() {
    let mut seen = std::collections::BTreeSet::new();
    let mut alternatives = 0;
    for (name, text) in texts_with_arithmetic_errors() {
        let a = analyze(&text, &Config::default());
        for d in a.diagnostics.iter().filter(|d| is_arithmetic(d)) {
            seen.insert(d.code);
            let Some(fix) = &d.fix else { continue };
            for f in fix.choices() {
                assert_eq!(f.safety, Safety::Unsafe, "{name}: {} {}", d.code, f.message);
                assert!(f.message.starts_with("将「"), "{name}: {}", f.message);
                // each choice balances the identity it was offered for
                let fixed = apply_edits(&text, &f.edits);
                let b = analyze(&fixed, &Config::default());
                assert!(
                    !b.diagnostics.iter().any(|x| x.code == d.code
                        && x.range.start() == d.range.start()
                        && x.message == d.message),
                    "{name}: 「{}」 leaves 「{}」",
                    f.message,
                    d.message
                );
            }
            // the choices name different cells
            let mut cells: Vec<_> = fix.choices().map(|f| f.edits[0].range).collect();
            cells.sort_by_key(|r| (r.start(), r.end()));
            cells.dedup();
            assert_eq!(cells.len(), fix.choices().count(), "{name}: {}", d.message);
            alternatives += fix.alternatives.len();
        }
    }
    assert_eq!(
        seen.into_iter().collect::<Vec<_>>(),
        ["NB301", "NB302", "NB303", "NB304"]
    );
    assert!(alternatives > 0);
}

/// The NB304 of seed 001 (总计 5, its parts all 0): the sum is one choice, each part the others.
#[test]
fn seed_001_total_offers_the_sum_and_each_part() {
    let (_, text) = corpus()
        .into_iter()
        .find(|(n, _)| n.starts_with("001_") && n.ends_with(".txt") && n.matches('.').count() == 1)
        .unwrap();
    let a = analyze(&text, &Config::default());
    let d = a.diagnostics.iter().find(|d| d.code == "NB304").unwrap();
    let fix = d.fix.as_ref().unwrap();
    let messages: Vec<_> = fix.choices().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "将「总计」改为 0（各项之和）",
            "将「结果维持」改为 5（其余各格不变）",
            "将「结果纠正」改为 5（其余各格不变）",
            "将「其他结果」改为 5（其余各格不变）",
            "将「尚未审结」改为 5（其余各格不变）",
        ]
    );
    assert!(!fix.is_safe());
}

/// Fix-all applies no unsafe fix and no alternative: the arithmetic diagnostics are all still there
/// after it, with the numbers the author wrote.
#[test]
fn bulk_fixes_never_apply_an_unsafe_fix() {
    let mut applied = 0;
    for (name, text) in texts_with_arithmetic_errors() {
        let a = analyze(&text, &Config::default());
        let edits = bulk_edits(&a.diagnostics);
        let unsafe_ranges: Vec<_> = a
            .diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .flat_map(|f| {
                f.alternatives
                    .iter()
                    .chain(std::iter::once(f).filter(|f| !f.is_safe()))
            })
            .flat_map(|f| f.edits.iter().map(|e| (e.range, e.new_text.clone())))
            .collect();
        for e in &edits {
            assert!(
                !unsafe_ranges.contains(&(e.range, e.new_text.clone())),
                "{name}: bulk edit {e:?} is an unsafe fix"
            );
        }
        applied += edits.len();
        let before = arithmetic(&a);
        if before.is_empty() {
            continue;
        }
        let fixed = apply_edits(&text, &edits);
        let after = analyze(&fixed, &Config::default());
        let after = arithmetic(&after);
        for x in &before {
            assert!(after.contains(x), "{name}: fix-all removed {x:?}");
        }
    }
    assert!(
        applied > 0,
        "no safe fix in the corpus: the test proves nothing"
    );
}

/// The formatter rewrites layout, never a number: every arithmetic diagnostic survives it.
#[test]
fn formatting_never_applies_an_arithmetic_fix() {
    for (name, text) in texts_with_arithmetic_errors() {
        let before = arithmetic(&analyze(&text, &Config::default()));
        if before.is_empty() {
            continue;
        }
        for to_markdown in [false, true] {
            let options = FormatOptions {
                to_markdown,
                ..Default::default()
            };
            let formatted = format(&text, &options).text;
            let after = arithmetic(&analyze(&formatted, &Config::default()));
            assert_eq!(before, after, "{name} (to_markdown: {to_markdown})");
        }
    }
}
