//! The reader measured on `tests/corpus/wild/`: reports as reviewers really hold them (FORMAT.md §7),
//! rendered by the real tools (tests/corpus/wild/make.py), each with the tables it must export and the real
//! defects it must report (`<file>.expected.json`).
//!
//! For every file: **cells read right / cells expected** (the cells that can be determined from that
//! rendering; the others are listed in `undeterminable` and not counted), **invented** (any cell exported as a
//! number that is not the report's: a determinable cell read wrong, or an undeterminable cell not left null), **false errors** (error-severity diagnostics that are no
//! real defect of the report) and **missed** real defects. The numbers are compared with the committed
//! baseline (`tests/corpus/wild/baseline.json`): any file that gets worse fails the test. When the reader
//! gets better, `NIANBAO_UPDATE_BASELINE=1 cargo test -p nianbao-e2e --test wild` records the new numbers.
//! `NIANBAO_WILD_DETAIL=<part of a file name> cargo test -p nianbao-e2e --test wild -- --nocapture` shows, for
//! those files, every cell read wrong and every error diagnostic.
//!
//! Files are read as the command line reads them (crates/nianbao-cli/src/files.rs: a `.docx` through
//! `docx::extract`, text through `decode`, HTML by `analyze` itself, a PDF by our own reader `pdf::read`
//! into a `Source` analysed with `analyze_source`) and analysed with the default configuration
//! (`nianbao check` / `nianbao export`). The command line reads a PDF again with `pdftotext -tsv` when its
//! text looks wrong or an identity fails outside the rows laid out from ruling lines; that second reading
//! is not measured here (the file's line then says so): what is measured is our reader.

use nianbao_core::{
    analyze_source, decode, docx, export, pdf, Config, Context, Kind, Severity, Source,
};
use nianbao_e2e::root;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const UPDATE: &str = "NIANBAO_UPDATE_BASELINE";
/// `NIANBAO_WILD_DETAIL=s003.crawl` prints, for the files whose name contains it, every cell read wrong and
/// every error diagnostic (run with `-- --nocapture`).
const DETAIL: &str = "NIANBAO_WILD_DETAIL";

fn dir() -> PathBuf {
    root().join("tests/corpus/wild")
}

/// The corpus files: every file beside an `.expected.json` of the same name.
fn files() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("tests/corpus/wild")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.ends_with(".expected.json")
                && p.with_file_name(n.trim_end_matches(".expected.json"))
                    .exists()
        })
        .map(|p| {
            let n = p.file_name().unwrap().to_string_lossy().to_string();
            p.with_file_name(n.trim_end_matches(".expected.json"))
        })
        .collect();
    out.sort();
    out
}

/// A file as `nianbao check` reads it: a PDF by our own reader, a `.docx` as its text, any other file
/// decoded.
fn read(path: &Path) -> Result<Source<'static>, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    if pdf::is_pdf(&bytes) {
        return pdf::read(&bytes)
            .map(Source::from_pdf)
            .map_err(|e| e.to_string());
    }
    let text = if docx::is_zip(&bytes) {
        docx::extract(&bytes)?
    } else if decode::looks_binary(&bytes) {
        return Err("not a text file (binary data)".into());
    } else {
        decode::decode_vec(bytes).text
    };
    Ok(Source::from_text(text))
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Score {
    cells_right: usize,
    cells_expected: usize,
    invented: usize,
    false_errors: usize,
    missed: usize,
}

impl Score {
    fn add(&mut self, o: &Score) {
        self.cells_right += o.cells_right;
        self.cells_expected += o.cells_expected;
        self.invented += o.invented;
        self.false_errors += o.false_errors;
        self.missed += o.missed;
    }

    fn to_json(self) -> Value {
        json!({
            "cells_right": self.cells_right,
            "cells_expected": self.cells_expected,
            "invented": self.invented,
            "false_errors": self.false_errors,
            "missed": self.missed,
        })
    }

    fn from_json(v: &Value) -> Option<Score> {
        let n = |k: &str| v.get(k).and_then(Value::as_u64).map(|x| x as usize);
        Some(Score {
            cells_right: n("cells_right")?,
            cells_expected: n("cells_expected")?,
            invented: n("invented").unwrap_or(0),
            false_errors: n("false_errors")?,
            missed: n("missed")?,
        })
    }
}

/// What one file gave: its score and the details printed in the table.
struct Measured {
    score: Score,
    false_codes: Vec<String>,
    missed_codes: Vec<String>,
    note: String,
    /// Cells read wrong (with `NIANBAO_WILD_DETAIL`).
    wrong: Vec<String>,
    /// Every error diagnostic with its table and row (with `NIANBAO_WILD_DETAIL`).
    details: Vec<String>,
}

fn same(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        _ => a.is_null() && b.is_null(),
    }
}

/// An expected error: `code` (or one of several codes), the table it concerns (`document` for none).
fn codes_of(e: &Value) -> Vec<String> {
    match &e["code"] {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a
            .iter()
            .filter_map(|x| x.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    }
}

fn measure(path: &Path, expected: &Value) -> Measured {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let source = match read(path) {
        Ok(s) => s,
        Err(e) => {
            return Measured {
                score: Score::default(),
                false_codes: Vec::new(),
                missed_codes: Vec::new(),
                note: format!("无法读取：{e}"),
                wrong: Vec::new(),
                details: Vec::new(),
            }
        }
    };
    let analysis = analyze_source(&source, &Config::default(), &Context::default());
    let report = &analysis.report;
    // (every range of the analysis points into the source's own text: a page's, a PDF's laid-out text)
    let text: &str = &source.text;
    let exported = export::to_json(report, text, &name);
    let got = &exported["tables"];

    let mut score = Score::default();
    let mut wrong = Vec::new();
    let undeterminable: Vec<&str> = expected["undeterminable"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let empty = Map::new();
    for (tid, rows) in expected["tables"].as_object().unwrap_or(&empty) {
        for (rid, cells) in rows.as_object().unwrap_or(&empty) {
            for (cid, want) in cells.as_object().unwrap_or(&empty) {
                let have = got
                    .get(tid)
                    .and_then(|t| t.get(rid))
                    .and_then(|r| r.get(cid));
                if undeterminable.contains(&format!("{tid}.{rid}.{cid}").as_str()) {
                    if have.is_some_and(|h| !h.is_null() && !same(h, want)) {
                        score.invented += 1;
                    }
                    continue;
                }
                score.cells_expected += 1;
                if have.is_some_and(|h| same(h, want)) {
                    score.cells_right += 1;
                } else {
                    // a number exported that is not the report's is worse than a null: counted as invented too
                    if have.is_some_and(|h| !h.is_null()) {
                        score.invented += 1;
                    }
                    wrong.push(format!(
                        "{tid}.{rid}.{cid}: 应为 {want}，读出 {}",
                        have.map_or("（无）".to_string(), Value::to_string)
                    ));
                }
            }
        }
    }

    // error diagnostics, each placed in the table (or the section's table) where it points
    let tables_of = |pos| -> (String, String) {
        if let Some(t) = report.tables.iter().find(|t| t.range.contains(pos)) {
            let row = t
                .rows
                .iter()
                .find(|r| r.range.contains(pos))
                .map(|r| r.id.to_string())
                .unwrap_or_default();
            return (t.id.clone(), row);
        }
        let section = report
            .sections
            .iter()
            .filter(|s| s.heading_range.start() <= pos)
            .max_by_key(|s| s.heading_range.start());
        match section {
            Some(s) if report.tables.iter().any(|t| t.id == s.id) || is_table(&s.id) => {
                (s.id.clone(), String::new())
            }
            _ => ("document".to_string(), String::new()),
        }
    };
    let mut actual: Vec<(String, String, String, bool)> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let (t, r) = tables_of(d.range.start());
            (d.code.to_string(), t, r, false)
        })
        .collect();
    let mut missed_codes = Vec::new();
    for e in expected["errors"].as_array().unwrap_or(&Vec::new()) {
        let codes = codes_of(e);
        let table = e["table"].as_str().unwrap_or("document");
        let row = e["row"].as_str().unwrap_or("");
        // the same row first, then anywhere in the same table
        let hit = actual
            .iter()
            .position(|a| !a.3 && codes.contains(&a.0) && a.1 == table && a.2 == row)
            .or_else(|| {
                actual
                    .iter()
                    .position(|a| !a.3 && codes.contains(&a.0) && a.1 == table)
            });
        match hit {
            Some(i) => actual[i].3 = true,
            None => {
                score.missed += 1;
                missed_codes.push(format!("{}@{table}", codes.join("|")));
            }
        }
    }
    let false_codes: Vec<String> = actual
        .iter()
        .filter(|a| !a.3)
        .map(|a| format!("{}@{}", a.0, a.1))
        .collect();
    score.false_errors = false_codes.len();
    let details = analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let (t, r) = tables_of(d.range.start());
            format!("{} {t}.{r}: {}", d.code, d.message)
        })
        .collect();
    // a PDF that the command line would read again with `pdftotext -tsv` (crates/nianbao-cli/src/files.rs
    // `read_pdf`): its text looks wrong, or an identity fails outside the rows drawn with ruling lines
    let reread = source.kind == Kind::Pdf
        && (pdf::looks_wrong(text)
            || analysis.diagnostics.iter().any(|d| {
                matches!(d.code, "NB301" | "NB302" | "NB303" | "NB304")
                    && !source.in_ruled_row(d.range.start())
            }));
    Measured {
        score,
        false_codes,
        missed_codes,
        note: if reread {
            "命令行会再用 pdftotext 读取此 PDF（此处只量本工具自己的读取）".to_string()
        } else {
            String::new()
        },
        wrong,
        details,
    }
}

fn is_table(id: &str) -> bool {
    matches!(id, "active" | "applications" | "review_litigation")
}

/// `s003.soffice.pdftotext-layout.txt` → `soffice.pdftotext-layout`; the route of a real report's own
/// file (`w01.html`) is named in its expected data.
fn route(expected: &Value, name: &str) -> String {
    expected["route"]
        .as_str()
        .map(String::from)
        .unwrap_or_else(|| name.split('.').skip(1).collect::<Vec<_>>().join("."))
}

fn compact(v: &[String]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for c in v {
        *counts.entry(c.as_str()).or_default() += 1;
    }
    counts
        .iter()
        .map(|(c, n)| {
            if *n > 1 {
                format!("{c}×{n}")
            } else {
                c.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn wild_corpus_against_baseline() {
    let files = files();
    assert!(
        files.len() >= 40,
        "tests/corpus/wild: only {} files",
        files.len()
    );
    let baseline_path = dir().join("baseline.json");
    let baseline: Value = std::fs::read_to_string(&baseline_path)
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or(Value::Null);
    let update = std::env::var_os(UPDATE).is_some();
    let detail = std::env::var(DETAIL).ok();

    let mut lines = vec![format!(
        "{:<44} {:>13} {:>4} {:>5} {:>6}  {}",
        "file", "cells", "inv", "false", "missed", "false errors / missed defects"
    )];
    let mut per_route: BTreeMap<String, Score> = BTreeMap::new();
    let mut total = Score::default();
    let mut worse = Vec::new();
    let mut better = Vec::new();
    let mut new_baseline = Map::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(path.with_file_name(format!("{name}.expected.json"))).unwrap(),
        )
        .unwrap_or_else(|e| panic!("{name}.expected.json: {e}"));
        let m = measure(path, &expected);
        let s = m.score;
        lines.push(format!(
            "{:<44} {:>6}/{:<6} {:>4} {:>5} {:>6}  {}{}{}",
            name,
            s.cells_right,
            s.cells_expected,
            s.invented,
            s.false_errors,
            s.missed,
            compact(&m.false_codes),
            if m.missed_codes.is_empty() {
                ""
            } else {
                " / 漏报 "
            },
            compact(&m.missed_codes),
        ));
        if !m.note.is_empty() {
            lines.push(format!("    {}", m.note));
        }
        if detail.as_deref().is_some_and(|d| name.contains(d)) {
            lines.extend(m.wrong.iter().map(|w| format!("    单元格 {w}")));
            lines.extend(m.details.iter().map(|d| format!("    诊断 {d}")));
        }
        per_route
            .entry(route(&expected, &name))
            .or_default()
            .add(&s);
        total.add(&s);
        new_baseline.insert(name.clone(), s.to_json());
        match baseline
            .get("files")
            .and_then(|f| f.get(&name))
            .and_then(Score::from_json)
        {
            None => worse.push(format!("{name}: 基线中没有此文件")),
            Some(b) => {
                let mut w = Vec::new();
                if s.cells_expected != b.cells_expected {
                    w.push(format!(
                        "预期单元格数 {} → {}",
                        b.cells_expected, s.cells_expected
                    ));
                }
                if s.cells_right < b.cells_right {
                    w.push(format!("读对单元格 {} → {}", b.cells_right, s.cells_right));
                }
                if s.invented > b.invented {
                    w.push(format!("臆造数值 {} → {}", b.invented, s.invented));
                }
                if s.false_errors > b.false_errors {
                    w.push(format!("误报错误 {} → {}", b.false_errors, s.false_errors));
                }
                if s.missed > b.missed {
                    w.push(format!("漏报缺陷 {} → {}", b.missed, s.missed));
                }
                if !w.is_empty() {
                    worse.push(format!("{name}: {}", w.join("，")));
                } else if s != b {
                    better.push(name.clone());
                }
            }
        }
    }
    lines.push(String::new());
    lines.push(format!(
        "{:<44} {:>13} {:>4} {:>5} {:>6}",
        "route", "cells", "inv", "false", "missed"
    ));
    for (r, s) in per_route
        .iter()
        .chain(std::iter::once((&"TOTAL".to_string(), &total)))
    {
        lines.push(format!(
            "{:<44} {:>6}/{:<6} {:>4} {:>5} {:>6}   ({:.1}%)",
            r,
            s.cells_right,
            s.cells_expected,
            s.invented,
            s.false_errors,
            s.missed,
            100.0 * s.cells_right as f64 / s.cells_expected.max(1) as f64
        ));
    }
    let table = lines.join("\n");
    println!("{table}");

    if let Some(files) = baseline.get("files").and_then(Value::as_object) {
        for name in files.keys() {
            if !new_baseline.contains_key(name) {
                worse.push(format!("{name}: 基线中有而语料中已没有"));
            }
        }
    }
    if update {
        let v = json!({
            "note": "tests/tests/wild.rs: per file, cells read right, cells expected, invented values, false errors, missed defects of today's reader",
            "total": total.to_json(),
            "files": new_baseline,
        });
        std::fs::write(
            &baseline_path,
            serde_json::to_string_pretty(&v).unwrap() + "\n",
        )
        .unwrap();
        println!("wrote {}", baseline_path.display());
        return;
    }
    if !better.is_empty() {
        println!(
            "\n{} files read better than the baseline ({}): record it with\n  {UPDATE}=1 cargo test -p nianbao-e2e --test wild",
            better.len(),
            better.join(", ")
        );
    }
    assert!(
        worse.is_empty(),
        "{table}\n\n比基线差（regression against tests/corpus/wild/baseline.json）:\n  {}\n\nIf intended (e.g. a corpus file added): {UPDATE}=1 cargo test -p nianbao-e2e --test wild",
        worse.join("\n  ")
    );
}

/// The expected data of the corpus is consistent: every expected table has the template's shape, every
/// undeterminable cell names a cell of the expected tables, every error names a code and a table.
#[test]
fn wild_expected_data_is_well_formed() {
    for path in files() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let e: Value = serde_json::from_str(
            &std::fs::read_to_string(path.with_file_name(format!("{name}.expected.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(e["file"], name.as_str(), "{name}");
        assert!(
            matches!(e["template"].as_str(), Some("2019" | "2021")),
            "{name}"
        );
        let tables = e["tables"]
            .as_object()
            .unwrap_or_else(|| panic!("{name}: tables"));
        for u in e["undeterminable"].as_array().unwrap() {
            let parts: Vec<&str> = u.as_str().unwrap().split('.').collect();
            let (t, c) = (parts[0], parts[parts.len() - 1]);
            let r = parts[1..parts.len() - 1].join(".");
            assert!(
                tables
                    .get(t)
                    .and_then(|x| x.get(&r))
                    .and_then(|x| x.get(c))
                    .is_some(),
                "{name}: undeterminable {u} is no expected cell"
            );
        }
        for err in e["errors"].as_array().unwrap() {
            assert!(!codes_of(err).is_empty(), "{name}: {err}");
            let t = err["table"]
                .as_str()
                .unwrap_or_else(|| panic!("{name}: {err}"));
            assert!(t == "document" || is_table(t), "{name}: {err}");
        }
    }
}
