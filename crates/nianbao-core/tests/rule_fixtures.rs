//! Every rule proven by its own fixture: the documented Example of each rule of `rules::ALL`, written
//! into a whole report in `tests/fixtures/rules/NBxxx.txt` (with `NBxxx.previous.txt`, last year's
//! report of the same organ, for the cross-year rules). `NBxxx.expect` lists where the rule fires:
//! `line:column`, a tab, and the text it underlines. The test checks that the rule fires there and
//! nowhere else on its fixture, snapshots its messages and fixes there (insta), and checks that every
//! rule is silent on the corpus where the corpus is clean.
//!
//! Adding a rule: write its fixture and `.expect`, then
//! `INSTA_UPDATE=always cargo test -p nianbao-core --test rule_fixtures` and review the new snapshot.

use nianbao_core::lines::Unit;
use nianbao_core::{analyze, analyze_with, rules, Analysis, Config, Context, LineIndex};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

fn read(p: &Path) -> Option<String> {
    std::fs::read_to_string(p).ok()
}

/// `line:column` (1-based, characters) and the text a diagnostic underlines.
type Place = (usize, usize, String);

fn parse_expect(code: &str, s: &str) -> Vec<Place> {
    let mut out = Vec::new();
    for (i, l) in s.lines().enumerate() {
        if l.starts_with('#') || l.trim().is_empty() {
            continue;
        }
        let (pos, text) = l
            .split_once('\t')
            .unwrap_or_else(|| panic!("{code}.expect:{}: `line:column<TAB>text` expected", i + 1));
        let (line, col) = pos
            .split_once(':')
            .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
            .unwrap_or_else(|| panic!("{code}.expect:{}: `line:column` expected", i + 1));
        out.push((line, col, text.to_string()));
    }
    out
}

/// A fixture analysed, with last year's report where it has one.
fn analyse(code: &str, text: &str) -> Analysis {
    match read(&fixtures().join(format!("{code}.previous.txt"))) {
        Some(prev) => {
            let previous = nianbao_core::parse_any(&prev, None);
            analyze_with(
                text,
                &Config::default(),
                &Context {
                    previous_year: Some(&previous),
                },
            )
        }
        None => analyze(text, &Config::default()),
    }
}

fn places(a: &Analysis, text: &str, code: &str) -> Vec<Place> {
    let li = LineIndex::new(text);
    let mut v: Vec<Place> = a
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| {
            let (l, c) = li.position(text, d.range.start(), Unit::Char);
            (l as usize + 1, c as usize + 1, text[d.range].to_string())
        })
        .collect();
    v.sort();
    v
}

/// The rule's diagnostics on its fixture, as the snapshot shows them: place, severity, message, and
/// the fix choices with their safety. (Only the rule's own: a rule added elsewhere does not change
/// another rule's snapshot.)
fn render(a: &Analysis, text: &str, code: &str) -> String {
    let li = LineIndex::new(text);
    let mut out = String::new();
    for d in a.diagnostics.iter().filter(|d| d.code == code) {
        let (l, c) = li.position(text, d.range.start(), Unit::Char);
        out.push_str(&format!(
            "{}:{} {} {} {}\n",
            l + 1,
            c + 1,
            d.severity.as_str(),
            d.code,
            d.message
        ));
        for f in d.fix.iter().flat_map(|f| f.choices()) {
            out.push_str(&format!("    fix ({}): {}\n", f.safety.as_str(), f.message));
        }
    }
    out
}

/// Every rule of `rules::ALL` has a fixture and an `.expect`; this names the ones that do not.
#[test]
fn every_rule_has_a_fixture() {
    let missing: Vec<String> = rules::ALL
        .iter()
        .filter(|m| {
            !fixtures().join(format!("{}.txt", m.code)).exists()
                || !fixtures().join(format!("{}.expect", m.code)).exists()
        })
        .map(|m| format!("{} ({})", m.code, m.name))
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a fixture: {}.\nFor each, write its documented Example into a whole report as \
         crates/nianbao-core/tests/fixtures/rules/NBxxx.txt (NBxxx.previous.txt: last year's report, for a \
         cross-year rule) and list where it fires in NBxxx.expect (`line:column<TAB>underlined text`), then run \
         `INSTA_UPDATE=always cargo test -p nianbao-core --test rule_fixtures` and review the snapshot.",
        missing.join(", ")
    );
    // and no fixture of a rule that does not exist
    for e in std::fs::read_dir(fixtures()).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        let code = name.split('.').next().unwrap();
        assert!(
            rules::by_code(code).is_some(),
            "{name}: no rule {code} in rules::ALL"
        );
    }
}

/// Each rule fires on its fixture exactly where its `.expect` says; its messages are snapshotted.
#[test]
fn every_rule_fires_at_its_documented_place() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for m in rules::ALL {
        let (Some(text), Some(expect)) = (
            read(&fixtures().join(format!("{}.txt", m.code))),
            read(&fixtures().join(format!("{}.expect", m.code))),
        ) else {
            continue; // every_rule_has_a_fixture names it
        };
        let mut want = parse_expect(m.code, &expect);
        want.sort();
        let a = analyse(m.code, &text);
        let got = places(&a, &text, m.code);
        if want.is_empty() {
            failures.push(format!("{}: its .expect lists no place", m.code));
        } else if got != want {
            failures.push(format!(
                "{}: expected at {want:?}, fires at {got:?}",
                m.code
            ));
        }
        insta::assert_snapshot!(m.code, render(&a, &text, m.code));
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 31, "only {checked} fixtures ran");
}

/// The corpus defects each report really has (tests/corpus, seeds.rs); every other rule must be silent.
const KNOWN: &[(&str, &[&str])] = &[
    ("000_", &["NB501", "NB505"]),
    (
        "001_",
        &["NB104", "NB105", "NB203", "NB205", "NB304", "NB505"],
    ),
    ("002_", &["NB203"]),
    ("003_", &[]),
    ("004_", &["NB104", "NB203", "NB504"]),
];

/// Every rule is silent on the corpus where the corpus is clean: on each report of tests/corpus (and
/// its derived layouts), only the rules of the defects it really has fire.
#[test]
fn every_rule_is_silent_where_the_corpus_is_clean() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let mut files: Vec<PathBuf> = Vec::new();
    for d in [dir.clone(), dir.join("derived")] {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.extension()
                .is_some_and(|x| x == "txt" || x == "html" || x == "md" || x == "docx")
            {
                files.push(p);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 15, "{files:?}");
    let mut loud = Vec::new();
    for p in &files {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(p).unwrap();
        let text = if nianbao_core::docx::is_zip(&bytes) {
            nianbao_core::docx::extract(&bytes).unwrap()
        } else {
            nianbao_core::decode::decode(&bytes).text
        };
        let (_, known) = KNOWN
            .iter()
            .find(|(prefix, _)| name.starts_with(prefix))
            .unwrap_or_else(|| panic!("{name}: not in KNOWN"));
        // the layout that runs the values of every row together has NB208 on purpose; the
        // OCR-damaged one, NB203
        let layout: &[&str] = if name.ends_with(".run.txt") {
            &["NB208"]
        } else if name.ends_with(".ocr.md") {
            &["NB203"]
        } else {
            &[]
        };
        let a = analyze(&text, &Config::default());
        for m in rules::ALL {
            if known.contains(&m.code) || layout.contains(&m.code) {
                continue;
            }
            for d in a.diagnostics.iter().filter(|d| d.code == m.code) {
                loud.push(format!("{name}: {} {}", d.code, d.message));
            }
        }
    }
    assert!(
        loud.is_empty(),
        "rules fire where the corpus is clean:\n{}",
        loud.join("\n")
    );
}
