//! Outlines other than the national one (FORMAT.md §7.4): a province's own outline whose numbering
//! restarts at 一 before the tables. The fixture `fixtures/outline/003.province.md` is the converter
//! Markdown of seed 003 (`tests/corpus/derived/003_1b7c73a738c3b718.ocr.md`) under such an outline
//! (made by `fixtures/outline/make.py`: headings renamed, no word of prose or cell changed).

use nianbao_core::diagnostic::Severity;
use nianbao_core::{analyze, export, parse_any, Config};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap()
}

#[test]
fn provincial_outline_sections_found_by_their_tables_and_renumbering_reported_once() {
    let text = read("crates/nianbao-core/tests/fixtures/outline/003.province.md");
    let report = parse_any(&text, None);
    let ids: Vec<&str> = report.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "overview",
            "active",
            "applications",
            "review_litigation",
            "problems",
            "other"
        ]
    );
    // the tables' sections are the ones under the restarted numbering, where the tables are
    let active = report.section("active").unwrap();
    assert!(active.renumbered);
    assert!(active.heading.starts_with('一'));
    // the tables read as the seed's
    let expected: serde_json::Value = serde_json::from_str(&read(
        "tests/corpus/expected/003_1b7c73a738c3b718.export.json",
    ))
    .unwrap();
    assert_eq!(
        export::to_json(&report, &text, "x")["tables"],
        expected["tables"]
    );
    // one NB104 for the renumbering, no NB101/NB102/NB103, no error the seed does not have
    let a = analyze(&text, &Config::default());
    let nb104: Vec<_> = a.diagnostics.iter().filter(|d| d.code == "NB104").collect();
    assert_eq!(nb104.len(), 1, "{:?}", a.diagnostics);
    assert!(nb104[0].message.contains("编号"), "{}", nb104[0].message);
    assert_eq!(nb104[0].fix.as_ref().map(|f| f.edits.len()), Some(5));
    let seed = read("tests/corpus/003_1b7c73a738c3b718.txt");
    let seed_errors: Vec<String> = analyze(&seed, &Config::default())
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.code.to_string())
        .collect();
    for d in &a.diagnostics {
        assert!(
            !matches!(d.code, "NB101" | "NB102" | "NB103"),
            "{}: {}",
            d.code,
            d.message
        );
        if d.severity == Severity::Error {
            assert!(
                seed_errors.contains(&d.code.to_string()),
                "{}: {}",
                d.code,
                d.message
            );
        }
    }
}

#[test]
fn a_national_outline_is_not_taken_for_a_renumbered_one() {
    // one heading under a wrong numeral is a typo of that heading, not a provincial outline
    let seed = read("tests/corpus/003_1b7c73a738c3b718.txt");
    let text = seed.replacen("六、其他需要报告的事项", "五、其他需要报告的事项", 1);
    let report = parse_any(&text, None);
    assert!(report.sections.iter().all(|s| !s.renumbered));
}
