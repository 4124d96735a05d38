//! The fuzz targets (`fuzz/`, run by `cargo fuzz`) replayed over their stored corpus: every seed
//! and regression input in `fuzz/corpus/<target>/` goes through the same function and oracles as
//! under libFuzzer, so `cargo test` exercises them without cargo-fuzz. A panic anywhere, also one
//! the code under test catches, fails the test (libFuzzer aborts on those too).

use nianbao_fuzz_oracles::{count_panics, panics, replay, TARGETS};
use std::path::PathBuf;

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = nianbao_e2e::root().join("fuzz/corpus").join(target);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    v.sort();
    v
}

fn replay_all(target: &str) {
    replay_counting(target, true)
}

/// Replay a target's corpus; `caught_panics_fail`: a panic caught inside the code under test fails
/// too (not for `pdf`, whose reader catches the panics of the interpreter it wraps by design; one
/// that gets out of it still fails).
fn replay_counting(target: &str, caught_panics_fail: bool) {
    // one target at a time: the panic count is global (the server panics on its own threads)
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(count_panics);
    let files = inputs(target);
    assert!(
        files.len() >= 3,
        "fuzz/corpus/{target}: only {} inputs",
        files.len()
    );
    let mut ran = 0;
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let before = panics();
        let r = std::panic::catch_unwind(|| replay(target, &bytes));
        match r {
            Ok(true) => ran += 1,
            Ok(false) => {}
            Err(_) => panic!("{target}: {} fails its oracles (see above)", f.display()),
        }
        if caught_panics_fail {
            assert_eq!(
                panics(),
                before,
                "{target}: {} panicked inside the code under test (caught there)",
                f.display()
            );
        }
    }
    // most stored inputs must decode: a corpus that no longer matches the input type tests nothing
    assert!(
        ran * 2 >= files.len(),
        "{target}: only {ran} of {} stored inputs decode",
        files.len()
    );
    eprintln!("{target}: {ran} of {} inputs replayed", files.len());
}

#[test]
fn every_target_has_a_corpus() {
    for t in TARGETS {
        assert!(!inputs(t).is_empty(), "fuzz/corpus/{t} is empty");
    }
}

#[test]
fn fuzz_corpus_analyze() {
    replay_all("analyze");
}

#[test]
fn fuzz_corpus_format() {
    replay_all("format");
}

#[test]
fn fuzz_corpus_html() {
    replay_all("html");
}

#[test]
fn fuzz_corpus_docx() {
    replay_all("docx");
}

#[test]
fn fuzz_corpus_lsp() {
    replay_all("lsp");
}

#[test]
fn fuzz_corpus_pdf() {
    replay_counting("pdf", false);
}
