//! Reports from producers the wild corpus does not hold (tests/corpus/adapters/README.md): pages
//! turned by /Rotate or drawn sideways, HTML as Word saves it, `.docx` as Word writes it (merged cells,
//! tracked changes, a number in several runs). Each input `<file>` has a `<file>.expected.json`:
//! `tables` names the seed export whose tables must be read, cell for cell (no cell null, none other),
//! and `errors` the error codes a correct checker gives on it (the seed's real defects), no more.
//!
//! Files are read as `nianbao check` reads them (a PDF by our own reader, a `.docx` as its text, any
//! other file decoded) and analysed with the default configuration.

use nianbao_core::{analyze_source, decode, docx, export, pdf, Config, Context, Severity, Source};
use nianbao_e2e::root;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    root().join("tests/corpus/adapters")
}

fn read(path: &Path) -> Source<'static> {
    let bytes = std::fs::read(path).unwrap();
    if pdf::is_pdf(&bytes) {
        return Source::from_pdf(pdf::read(&bytes).unwrap());
    }
    let text = if docx::is_zip(&bytes) {
        docx::extract(&bytes).unwrap()
    } else {
        decode::decode_vec(bytes).text
    };
    Source::from_text(text)
}

/// Every cell of `want` that `got` does not hold as it is: `table.row.column: want → got`.
fn differences(want: &Value, got: &Value) -> Vec<String> {
    let mut out = Vec::new();
    // (a table's rows are objects of cells; its other fields, as `confidence`, are no cells)
    for (t, rows) in want.as_object().into_iter().flatten() {
        for (r, cells) in rows.as_object().into_iter().flatten() {
            for (c, w) in cells.as_object().into_iter().flatten() {
                let g = &got[t][r][c];
                if g.as_f64() != w.as_f64() || g.is_null() != w.is_null() {
                    out.push(format!("{t}.{r}.{c}: {w} → {g}"));
                }
            }
        }
    }
    // and nothing read that the report does not hold
    for (t, rows) in got.as_object().into_iter().flatten() {
        for (r, cells) in rows.as_object().into_iter().flatten() {
            for (c, g) in cells.as_object().into_iter().flatten() {
                if !g.is_null() && want[t][r][c].is_null() {
                    out.push(format!("{t}.{r}.{c}: (none) → {g}"));
                }
            }
        }
    }
    out
}

#[test]
fn reports_from_other_producers_read_as_their_seeds() {
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            !name.ends_with(".json") && dir().join(format!("{name}.expected.json")).exists()
        })
        .collect();
    inputs.sort();
    assert!(
        inputs.len() >= 5,
        "tests/corpus/adapters: {} inputs",
        inputs.len()
    );
    let mut failures = Vec::new();
    for path in &inputs {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(dir().join(format!("{name}.expected.json")))
                .unwrap_or_else(|e| panic!("{name}.expected.json: {e}")),
        )
        .unwrap();
        let seed: Value = serde_json::from_str(
            &std::fs::read_to_string(
                root()
                    .join("tests/corpus/expected")
                    .join(expected["tables"].as_str().unwrap()),
            )
            .unwrap(),
        )
        .unwrap();
        let source = read(path);
        let analysis = analyze_source(&source, &Config::default(), &Context::default());
        let exported = export::to_json(&analysis.report, &source.text, &name);
        for d in differences(&seed["tables"], &exported["tables"]) {
            failures.push(format!("{name}: {d}"));
        }
        let mut errors: Vec<String> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.code.to_string())
            .collect();
        errors.sort();
        let mut want: Vec<String> = expected["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect();
        want.sort();
        if errors != want {
            failures.push(format!("{name}: errors {errors:?}, expected {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
