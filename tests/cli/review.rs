//! `nianbao review` of the test region (tests/corpus/region, made by its make.py): the JSON checked
//! field by field, the CSV carrying the same facts, the HTML self-contained, errors said in Chinese.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn review(format: &str) -> (String, String) {
    let o = nianbao(&[
        "review",
        "--format",
        format,
        "--units",
        "tests/corpus/region/units.csv",
        "tests/corpus/region",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    (
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

/// The codes of a unit's problems in one group, in order.
fn codes(u: &Value, table: &str) -> Vec<String> {
    u["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["table"] == table)
        .map(|p| p["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn region_json_field_by_field() {
    let (out, err) = review("json");
    let d: Value = serde_json::from_str(&out).unwrap();
    assert!(err.contains("已审核 7 份报告"), "{err}");
    let units = d["units"].as_array().unwrap();
    let paths: Vec<&str> = units.iter().map(|u| u["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "tests/corpus/region/2023/示范县水利局.txt",
            "tests/corpus/region/2023/示范县财政局.html",
            "tests/corpus/region/2024/示范县东兴镇.md",
            "tests/corpus/region/2024/示范县人民政府.md",
            "tests/corpus/region/2024/示范县城关镇.txt",
            "tests/corpus/region/2024/示范县教育局.txt",
            "tests/corpus/region/2024/示范县财政局.docx",
        ]
    );
    let county = "示范县人民政府";
    let organs = [
        "示范县水利局",
        "示范县财政局",
        "示范县东兴镇",
        county,
        "示范县城关镇",
        "示范县教育局",
        "示范县财政局",
    ];
    let years = [2023, 2023, 2024, 2024, 2024, 2024, 2024];
    for (i, u) in units.iter().enumerate() {
        assert_eq!(u["organ"], organs[i], "{i}");
        assert_eq!(u["year"], years[i], "{i}");
        assert_eq!(u["template"], "2021", "{i}");
        assert_eq!(u["readable"], true, "{i}");
        let parent = if organs[i] == county {
            Value::Null
        } else {
            county.into()
        };
        assert_eq!(u["parent"], parent, "{i}");
        assert_eq!(u["unit"], organs[i], "{i}: the entry of units.csv");
        // every problem carries its group, rule, severity, message, line and evidence
        for p in u["problems"].as_array().unwrap() {
            assert!(
                [
                    "overview",
                    "active",
                    "applications",
                    "review_litigation",
                    "problems",
                    "other",
                    "document"
                ]
                .contains(&p["table"].as_str().unwrap()),
                "{p}"
            );
            assert!(p["code"].as_str().unwrap().starts_with("NB"), "{p}");
            assert!(p["line"].as_u64().unwrap() >= 1, "{p}");
            assert!(!p["message"].as_str().unwrap().is_empty(), "{p}");
            assert!(!p["evidence"].as_str().unwrap().is_empty(), "{p}");
            assert!(p["page"].is_null(), "{p}");
        }
        let count = |sev: &str| {
            u["problems"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|p| p["severity"] == sev)
                .count()
        };
        assert_eq!(u["errors"], count("error"), "{i}");
        assert_eq!(u["warnings"], count("warning"), "{i}");
    }
    let fig = |i: usize| &units[i]["figures"];
    // the county: sums over its units (+3 in 新收 and 予以公开), no problem
    assert_eq!(
        fig(3),
        &serde_json::json!({"received": 64, "results_total": 72, "review_corrected": 2, "litigation_lost": 12, "carried_over": 0})
    );
    assert_eq!(units[3]["errors"], 0);
    assert_eq!(units[3]["warnings"], 0);
    assert_eq!(units[3]["reuse"], Value::Null);
    // 财政局 2024 (Word) repeats its 2023 page: all its prose, and a passage keeps 「2023年」
    let f = &units[6];
    assert_eq!(
        fig(6),
        &serde_json::json!({"received": 60, "results_total": 68, "review_corrected": 2, "litigation_lost": 12, "carried_over": 0})
    );
    assert_eq!(f["reuse"], 1.0);
    assert_eq!(codes(f, "overview"), ["NB406"]);
    assert_eq!(codes(f, "document"), ["NB406"]);
    assert_eq!(codes(f, "active"), ["NB404"]);
    assert_eq!(codes(f, "applications"), ["NB403", "NB403"]);
    let date = &f["problems"][0];
    assert_eq!(date["line"], 4);
    assert!(
        date["message"]
            .as_str()
            .unwrap()
            .contains("仍写着上年的「2023年」"),
        "{date}"
    );
    assert!(date["evidence"].as_str().unwrap().starts_with("2023年，"));
    let share = f["problems"].as_array().unwrap().last().unwrap();
    assert!(
        share["message"].as_str().unwrap().contains("（100%）"),
        "{share}"
    );
    assert_eq!(f["errors"], 0);
    assert_eq!(f["warnings"], 4);
    // 教育局 (seed 000): the fee statement is missing, the overview lacks 监督保障
    let e = &units[5];
    assert_eq!(codes(e, "other"), ["NB501"]);
    assert_eq!(codes(e, "overview"), ["NB505"]);
    assert_eq!(
        fig(5),
        &serde_json::json!({"received": 1, "results_total": 1, "review_corrected": 0, "litigation_lost": 0, "carried_over": 0})
    );
    // 城关镇 (seed 004): signed inside the report year
    assert_eq!(units[4]["errors"], 1);
    assert_eq!(codes(&units[4], "other"), ["NB504"]);
    assert_eq!(units[1]["problems"], serde_json::json!([]));
    // 水利局 reported in 2023 only
    assert_eq!(
        d["missing"],
        serde_json::json!([{"organ": "示范县水利局", "year": 2024, "reason": "单位清单"}])
    );
    let sums: Vec<(String, i64, i64, i64)> = d["region_sums"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            assert_eq!(s["organ"], county);
            assert_eq!(s["year"], 2024);
            (
                s["cell"].as_str().unwrap().to_string(),
                s["reported"].as_i64().unwrap(),
                s["sum_of_units"].as_i64().unwrap(),
                s["units"].as_i64().unwrap(),
            )
        })
        .collect();
    let want: Vec<(String, i64, i64, i64)> = [
        ("applications.received.natural_person", 64, 61),
        ("applications.received.total", 64, 61),
        ("applications.granted.natural_person", 28, 25),
        ("applications.granted.total", 28, 25),
        ("applications.results_total.natural_person", 72, 69),
        ("applications.results_total.total", 72, 69),
    ]
    .iter()
    .map(|(c, r, s)| (c.to_string(), *r, *s, 4))
    .collect();
    assert_eq!(sums, want);
    let s = &d["summary"];
    assert_eq!(s["units"], 7);
    assert_eq!(s["missing"], 1);
    assert_eq!(s["unreadable"], 0);
    assert_eq!(s["year"], 2024);
    let total = |k: &str| units.iter().map(|u| u[k].as_u64().unwrap()).sum::<u64>();
    assert_eq!(s["errors"], total("errors"));
    assert_eq!(s["warnings"], total("warnings"));
}

#[test]
fn csv_and_html_carry_the_same_facts() {
    let (json, _) = review("json");
    let d: Value = serde_json::from_str(&json).unwrap();
    let (csv, _) = review("csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("kind,path,organ,year,template,parent,readable,errors,warnings"));
    let problems: usize = d["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["problems"].as_array().unwrap().len().max(1))
        .sum();
    let kinds = |k: &str| {
        lines
            .iter()
            .filter(|l| l.starts_with(&format!("{k},")))
            .count()
    };
    assert_eq!(kinds("problem") + kinds("unit"), problems);
    assert_eq!(kinds("missing"), 1);
    assert_eq!(kinds("region_sum"), 6);
    assert!(csv.contains("missing,,示范县水利局,2024,"));
    let (html, _) = review("html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("示范县水利局") && html.contains("仍写着上年的「2023年」"));
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains(" src="));
}

#[test]
fn bad_units_file_and_no_reports() {
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("units.csv");
    std::fs::write(&units, "单位名\n甲\n").unwrap();
    let o = nianbao(&[
        "review",
        "--units",
        units.to_str().unwrap(),
        "tests/corpus/region",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("缺少 name 列"));
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let o = nianbao(&["review", "--format", "json", empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("没有找到可审核的报告"));
    // without --units: the organs that reported last year but not this year
    let o = nianbao(&["review", "--format", "json", "tests/corpus/region"]);
    let d: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        d["missing"],
        serde_json::json!([{"organ": "示范县水利局", "year": 2024, "reason": "上年有报告"}])
    );
    assert_eq!(d["region_sums"], serde_json::json!([]));
}

#[test]
fn units_as_toml_and_an_unreadable_file() {
    let csv = review("json").0;
    let o = nianbao(&[
        "review",
        "--format",
        "json",
        "--units",
        "tests/corpus/region/units.toml",
        "tests/corpus/region",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8(o.stdout).unwrap(), csv);
    // a Word document that is no zip: one unit, unreadable, its problem said in Chinese
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("坏.docx"), b"PK\x03\x04 not really a zip").unwrap();
    let o = nianbao(&["review", "--format", "json", dir.path().to_str().unwrap()]);
    let d: Value = serde_json::from_slice(&o.stdout).unwrap();
    let u = &d["units"][0];
    assert_eq!(u["readable"], false);
    assert_eq!(u["errors"], 1);
    assert_eq!(u["problems"][0]["table"], "document");
    assert_eq!(u["problems"][0]["code"], Value::Null);
    assert!(
        u["problems"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("无法读取"),
        "{u}"
    );
    assert_eq!(d["summary"]["unreadable"], 1);
}

#[test]
fn rules_can_be_left_out() {
    let o = nianbao(&[
        "review",
        "--format",
        "json",
        "--ignore",
        "NB2,text-reuse",
        "tests/corpus/region",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let d: Value = serde_json::from_slice(&o.stdout).unwrap();
    for u in d["units"].as_array().unwrap() {
        for p in u["problems"].as_array().unwrap() {
            let c = p["code"].as_str().unwrap();
            assert!(!c.starts_with("NB2") && c != "NB406", "{p}");
        }
    }
    // the share repeated is a fact of the review, not a rule's
    assert_eq!(d["units"][6]["reuse"], 1.0);
    let o = nianbao(&["review", "--select", "NB999", "tests/corpus/region"]);
    assert_eq!(o.status.code(), Some(2));
}
