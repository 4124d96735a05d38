//! End-to-end tests of the `nianbao` binary on the corpus of real reports.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn corpus(prefix: &str) -> PathBuf {
    let dir = root().join("tests/corpus");
    std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name().unwrap().to_string_lossy().starts_with(prefix)
                && p.extension().is_some_and(|x| x == "txt")
        })
        .unwrap()
}

fn nianbao(args: &[&str], cwd: &Path) -> Output {
    // the CLI's words follow the locale: these tests read the Chinese ones
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(cwd)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn check_human_output_points_at_the_cell() {
    let r = root();
    let o = nianbao(&["check", "tests/corpus/001_7e69af88cfc75a8c.txt"], &r);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("tests/corpus/001_7e69af88cfc75a8c.txt:328:1: 错误[NB304] 未经复议直接起诉 总计为 5，但 结果维持+结果纠正+其他结果+尚未审结 = 0"),
        "{out}"
    );
    // the source line and a caret under the 5
    assert!(out.contains("328 | 5 |\n    | ^\n"), "{out}");
    // underline width follows display width: a CJK heading of 13 characters is 26 columns
    assert!(out.contains(&format!(" | {}\n", "^".repeat(26))), "{out}");
    assert!(out.trim_end().ends_with("条信息。"), "{out}");
}

#[test]
fn check_json_shape_and_columns() {
    let r = root();
    let o = nianbao(
        &[
            "check",
            "--format",
            "json",
            "tests/corpus/002_265800ffb6025e20.txt",
            "tests/corpus/001_7e69af88cfc75a8c.txt",
        ],
        &r,
    );
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(v["summary"]["files"], 2);
    let f = &v["files"][0];
    assert_eq!(f["path"], "tests/corpus/002_265800ffb6025e20.txt");
    assert_eq!(f["template"], "2021");
    assert_eq!(f["year"], 2021);
    // 「(一) 予以公开」 stands after 「三、本年度办理结果」 and a tab: column 11 in characters
    let d = f["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("(一) 予以公开"))
        .unwrap();
    assert_eq!(d["code"], "NB203");
    assert_eq!(d["name"], "nonstandard-label");
    assert_eq!(
        d["range"]["start"],
        serde_json::json!({"line": 49, "column": 11})
    );
    assert_eq!(
        d["range"]["end"],
        serde_json::json!({"line": 49, "column": 19})
    );
    assert_eq!(d["fix"]["edits"][0]["new_text"], "（一）予以公开");
    let g = &v["files"][1];
    assert_eq!(g["template"], "2019");
    assert_eq!(g["year"], 2020);
    let nb304 = g["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "NB304")
        .unwrap();
    assert_eq!(nb304["severity"], "error");
    assert_eq!(nb304["range"]["start"]["line"], 328);
    assert_eq!(v["summary"]["errors"], 1);
}

#[test]
fn exit_codes_and_failures_keep_going() {
    let r = root();
    assert_eq!(
        nianbao(&["check", "tests/corpus/003_1b7c73a738c3b718.txt"], &r)
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        nianbao(
            &[
                "check",
                "--exit-zero",
                "tests/corpus/001_7e69af88cfc75a8c.txt"
            ],
            &r
        )
        .status
        .code(),
        Some(0)
    );
    let o = nianbao(
        &[
            "check",
            "--format",
            "json",
            "no/such/file.txt",
            "tests/corpus/003_1b7c73a738c3b718.txt",
        ],
        &r,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no/such/file.txt"));
    assert_eq!(json(&o)["summary"]["files"], 1);
    let o = nianbao(&["check", "--select", "NB999"], &r);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn stdin_and_encodings() {
    let r = root();
    let text = std::fs::read_to_string(corpus("001")).unwrap();
    let run = |bytes: &[u8]| -> Value {
        let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args([
                "check",
                "--format",
                "json",
                "--stdin-filename",
                "report.txt",
                "-",
            ])
            .current_dir(&r)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(child.stdin.as_mut().unwrap(), bytes).unwrap();
        drop(child.stdin.take());
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(1));
        json(&o)
    };
    let utf8 = run(text.as_bytes());
    assert_eq!(utf8["files"][0]["path"], "report.txt");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    for other in [run(&gbk), run(&utf16), run(&bom)] {
        assert_eq!(
            other["files"][0]["diagnostics"],
            utf8["files"][0]["diagnostics"]
        );
    }
}

#[test]
fn bad_files_are_errors_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("garbage.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 255],
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    std::fs::write(
        dir.path().join("title.md"),
        "# 某某县人民政府2021年政府信息公开工作年度报告\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("lone.txt"),
        [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00],
    )
    .unwrap();
    std::fs::copy(corpus("003"), dir.path().join("good.txt")).unwrap();
    let o = nianbao(&["check", "--format", "json", "."], dir.path());
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("garbage.txt：不是文本文件"));
    let v = json(&o);
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        ["./empty.txt", "./good.txt", "./lone.txt", "./title.md"]
    );
    assert_eq!(v["files"][0]["diagnostics"][0]["code"], "NB106");
    assert_eq!(v["files"][1]["diagnostics"].as_array().unwrap().len(), 0);
    assert_eq!(
        v["files"][3]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "NB101")
            .count(),
        6
    );
}

#[test]
fn config_discovery_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("reports/2020");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::copy(corpus("001"), sub.join("r.txt")).unwrap();
    std::fs::write(
        dir.path().join("nianbao.toml"),
        "[rules]\nreview-litigation-total = \"off\"\n",
    )
    .unwrap();
    let o = nianbao(&["check", "--format", "json", "reports"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    assert!(!stdout(&o).contains("NB304"));
    std::fs::write(
        dir.path().join("nianbao.toml"),
        "template = \"auto\"\n\n[rules]\nNB304 = \"loud\"\n",
    )
    .unwrap();
    let o = nianbao(&["check", "reports"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("nianbao.toml:4:9: 配置文件无效"), "{err}");
    let o = nianbao(
        &["check", "--config", "missing.toml", "reports"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn export_formats() {
    let r = root();
    let o = nianbao(&["export", "tests/corpus/003_1b7c73a738c3b718.txt"], &r);
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    let mut got = v[0].clone();
    assert_eq!(got["path"], "tests/corpus/003_1b7c73a738c3b718.txt");
    got.as_object_mut().unwrap().remove("path");
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(r.join("tests/corpus/expected/003_1b7c73a738c3b718.export.json"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(got, expected);
    assert_eq!(
        got["tables"]["review_litigation"]["litigation_direct"]["corrected"],
        12
    );
    // the five seeds and their thirteen renderings in other layouts (tests/corpus/derived; the other
    // folders of tests/corpus hold corpora of their own)
    let seeds: Vec<String> = ["000", "001", "002", "003", "004"]
        .iter()
        .map(|p| corpus(p).display().to_string())
        .collect();
    let mut args = vec!["export", "--format", "jsonl", "tests/corpus/derived"];
    args.extend(seeds.iter().map(String::as_str));
    let o = nianbao(&args, &r);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // (tests/corpus/region is the test region of `nianbao review`)
    assert_eq!(
        stdout(&o)
            .lines()
            .filter(|l| !l.contains("tests/corpus/region/"))
            .count(),
        18
    );
    let o = nianbao(
        &[
            "export",
            "--format",
            "csv",
            "tests/corpus/003_1b7c73a738c3b718.txt",
        ],
        &r,
    );
    let csv = stdout(&o);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "path,template,year,organ,table,row,column,value,raw,line,column_number,page"
    );
    assert_eq!(lines.len(), 1 + 10 + 25 * 7 + 15);
    assert!(lines.contains(&"tests/corpus/003_1b7c73a738c3b718.txt,2021,2021,酉阳土家族苗族自治县,applications,received,natural_person,60,60,83,2,"));
    // a PDF: each cell's page (table 二 on page 1, table 四's values on page 4, as `pdftotext -f N -l N`
    // of each page shows them)
    let o = nianbao(
        &[
            "export",
            "--format",
            "csv",
            "tests/corpus/pdf/001_7e69af88cfc75a8c.word.pdf",
        ],
        &r,
    );
    let csv = stdout(&o);
    let page = |table: &str, row: &str| {
        csv.lines()
            .find(|l| l.contains(&format!(",{table},{row},")))
            .and_then(|l| l.rsplit(',').next())
            .map(str::to_string)
    };
    assert_eq!(page("active", "rules").as_deref(), Some("1"), "{csv}");
    assert_eq!(
        page("review_litigation", "litigation_direct").as_deref(),
        Some("4"),
        "{csv}"
    );
}

#[test]
fn rule_docs() {
    let r = root();
    let o = nianbao(&["rule"], &r);
    let list = stdout(&o);
    assert!(list.lines().any(|l| l.starts_with("NB301  row-total")));
    let o = nianbao(&["rule", "balance"], &r);
    let doc = stdout(&o);
    assert!(doc.starts_with("# NB303 balance"));
    for part in ["## What it checks", "## Why", "## Example", "## Fix"] {
        assert!(doc.contains(part), "{doc}");
    }
    assert_eq!(nianbao(&["rule", "NB000"], &r).status.code(), Some(2));
    // a rule whose diagnostics can have another severity than its default says so, and when
    let nb205 = stdout(&nianbao(&["rule", "NB205"], &r));
    assert!(
        nb205.contains("默认级别：错误（error）（也可能为警告"),
        "{nb205}"
    );
    assert!(
        nb205.contains("## Severity\n**warning** for a number with a unit"),
        "{nb205}"
    );
    assert!(list
        .lines()
        .any(|l| l.starts_with("NB504  signature-date") && l.contains("warning / error")));
}

#[test]
fn sarif_and_github_formats() {
    let r = root();
    let o = nianbao(
        &[
            "check",
            "--format",
            "sarif",
            "tests/corpus/001_7e69af88cfc75a8c.txt",
        ],
        &r,
    );
    let v = json(&o);
    assert_eq!(v["version"], "2.1.0");
    let res = v["runs"][0]["results"].as_array().unwrap();
    let nb304 = res.iter().find(|x| x["ruleId"] == "NB304").unwrap();
    assert_eq!(
        nb304["locations"][0]["physicalLocation"]["region"]["startLine"],
        328
    );
    let o = nianbao(
        &[
            "check",
            "--format",
            "github",
            "tests/corpus/001_7e69af88cfc75a8c.txt",
        ],
        &r,
    );
    assert!(stdout(&o).lines().any(
        |l| l.starts_with("::error file=tests/corpus/001_7e69af88cfc75a8c.txt,line=328,col=1,")
    ));
}

#[test]
fn previous_year_report_of_the_same_organ() {
    let dir = tempfile::tempdir().unwrap();
    let this = std::fs::read_to_string(corpus("003")).unwrap();
    std::fs::write(dir.path().join("2021.txt"), &this).unwrap();
    // last year's report of the same organ, with 5 carried over instead of 8
    let last = this.replace("2021", "2020");
    let at = last.find("四、结转下年度继续办理").unwrap();
    let mut last2 = last.clone();
    let cell = last2[at..].find("\t0").unwrap() + at + 1;
    last2.replace_range(cell..cell + 1, "5");
    std::fs::write(dir.path().join("2020.txt"), &last2).unwrap();
    let o = nianbao(
        &["check", "--format", "json", "--select", "NB403", "."],
        dir.path(),
    );
    let v = json(&o);
    let f = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "./2021.txt")
        .unwrap();
    let msgs: Vec<&str> = f["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        msgs.iter().any(|m| m
            .contains("「自然人」列：本年上年结转为 8，但 2020 年报告的结转下年度继续办理为 5")),
        "{msgs:?}"
    );
    // the human and GitHub outputs (rendered while each file is checked, the file with a cross-year
    // finding merged afterwards) say the same as the JSON, in the same order and with the same counts
    let v = json(&nianbao(&["check", "--format", "json", "."], dir.path()));
    let human = stdout(&nianbao(&["check", "."], dir.path()));
    let github = stdout(&nianbao(&["check", "--format", "github", "."], dir.path()));
    let mut expected_human = Vec::new();
    let mut expected_github = 0;
    for f in v["files"].as_array().unwrap() {
        for d in f["diagnostics"].as_array().unwrap() {
            expected_human.push(format!(
                "{}:{}:{}: {}[{}] {}",
                f["path"].as_str().unwrap(),
                d["range"]["start"]["line"],
                d["range"]["start"]["column"],
                match d["severity"].as_str().unwrap() {
                    "error" => "错误",
                    "warning" => "警告",
                    "info" => "信息",
                    _ => "提示",
                },
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            ));
            expected_github += 1;
        }
    }
    let heads: Vec<&str> = human.lines().filter(|l| l.starts_with("./")).collect();
    assert_eq!(heads, expected_human);
    assert!(heads.iter().any(|l| l.contains("[NB403]")));
    assert_eq!(github.lines().count(), expected_github);
    let s = &v["summary"];
    assert!(human.ends_with(&format!(
        "已检查 2 个文件：{} 个错误，{} 个警告，{} 条信息。\n",
        s["errors"], s["warnings"], s["infos"]
    )));
}

#[test]
fn a_thousand_reports() {
    let dir = tempfile::tempdir().unwrap();
    let seeds: Vec<String> = ["000", "001", "002", "003", "004"]
        .iter()
        .map(|s| std::fs::read_to_string(corpus(s)).unwrap())
        .collect();
    for i in 0..1000 {
        std::fs::write(dir.path().join(format!("r{i:04}.txt")), &seeds[i % 5]).unwrap();
    }
    let o = nianbao(&["check", "--format", "json", "."], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(v["summary"]["files"], 1000);
    // 001 and 004 have one error each
    assert_eq!(v["summary"]["errors"], 400);
    // rendered on all cores a chunk at a time, written in file order: every file in its place, with
    // the diagnostics of its content
    let files = v["files"].as_array().unwrap();
    for (i, f) in files.iter().enumerate() {
        assert_eq!(f["path"], format!("./r{i:04}.txt"));
        assert_eq!(f["diagnostics"], files[i % 5]["diagnostics"], "r{i:04}");
    }
    let human = stdout(&nianbao(&["check", "."], dir.path()));
    let order: Vec<&str> = human
        .lines()
        .filter(|l| l.starts_with("./r"))
        .map(|l| &l[2..7])
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] <= w[1]),
        "human output out of file order"
    );
    assert_eq!(
        order.iter().filter(|p| **p == "r0999").count(),
        order.iter().filter(|p| **p == "r0004").count()
    );
}

#[test]
fn word_documents_are_read_and_never_fixed() {
    let r = root();
    let o = nianbao(
        &[
            "check",
            "--format",
            "json",
            "tests/corpus/derived/001_7e69af88cfc75a8c.docx",
        ],
        &r,
    );
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    let d = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "NB304")
        .unwrap()
        .clone();
    assert_eq!(d["fix"], Value::Null);
    let o = nianbao(
        &["export", "tests/corpus/derived/003_1b7c73a738c3b718.docx"],
        &r,
    );
    assert_eq!(
        json(&o)[0]["tables"]["review_litigation"]["litigation_direct"]["total"],
        20
    );
}

// ---- PDF input, file kinds, skipped files (issue 14, issue 17.4) ----

#[test]
fn pdf_check_names_the_page_and_offers_no_fix() {
    let r = root();
    let pdf = "tests/corpus/pdf/001_7e69af88cfc75a8c.word.pdf";
    let o = nianbao(&["check", pdf], &r);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = stdout(&o);
    assert!(
        out.contains(&format!("{pdf}:第4页:")) && out.contains("错误[NB304]"),
        "{out}"
    );
    let o = nianbao(&["check", "--format", "json", pdf], &r);
    let v = json(&o);
    let d = v["files"][0]["diagnostics"].as_array().unwrap();
    assert!(!d.is_empty());
    for d in d {
        assert!(
            d["page"].as_u64().is_some_and(|p| (1..=4).contains(&p)),
            "{d}"
        );
        assert!(d["fix"].is_null(), "{d}");
    }
    let nb304 = d.iter().find(|d| d["code"] == "NB304").unwrap();
    assert_eq!(nb304["page"], 4);
    // text input has no page
    let o = nianbao(
        &[
            "check",
            "--format",
            "json",
            "tests/corpus/001_7e69af88cfc75a8c.txt",
        ],
        &r,
    );
    let v = json(&o);
    assert!(v["files"][0]["diagnostics"][0].get("page").is_none());
}

/// A PDF whose fonts have no ToUnicode (tests/corpus/pdf/strip_tounicode.py): `check` says once that
/// its text cannot be extracted, whether or not poppler's `pdftotext` is there to try (its reading of
/// glyph ids is random ideographs, not taken), and nothing about sections or tables.
#[test]
fn pdf_whose_text_cannot_be_extracted_is_one_diagnostic() {
    let r = root();
    for pdf in [
        "tests/corpus/pdf/001_7e69af88cfc75a8c.chrome.no-tounicode.pdf",
        "tests/corpus/pdf/001_7e69af88cfc75a8c.word.no-tounicode.pdf",
    ] {
        let o = nianbao(&["check", "--format", "json", pdf], &r);
        let v = json(&o);
        let d = v["files"][0]["diagnostics"].as_array().unwrap();
        assert_eq!(d.len(), 1, "{pdf}: {d:#?}");
        assert_eq!(d[0]["code"], "NB109", "{pdf}: {d:#?}");
        let message = d[0]["message"].as_str().unwrap();
        assert!(
            message.contains("PDF 的文字无法提取") && message.contains("100%"),
            "{message}"
        );
    }
}

#[test]
fn pdf_export_equals_the_seed_and_bad_pdfs_are_errors_naming_the_file() {
    let r = root();
    let o = nianbao(
        &[
            "export",
            "--format",
            "jsonl",
            "tests/corpus/pdf/broken.pdf",
            "tests/corpus/pdf/003_1b7c73a738c3b718.word.pdf",
            "tests/corpus/pdf/encrypted.pdf",
        ],
        &r,
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("tests/corpus/pdf/broken.pdf：PDF 文件已损坏"),
        "{err}"
    );
    assert!(
        err.contains("tests/corpus/pdf/encrypted.pdf：PDF 已加密"),
        "{err}"
    );
    let got: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let want: Value = serde_json::from_str(
        &std::fs::read_to_string(r.join("tests/corpus/expected/003_1b7c73a738c3b718.export.json"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(got["tables"], want["tables"]);
}

#[test]
fn fmt_to_markdown_writes_beside_the_pdf_and_never_touches_it() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("report.pdf");
    std::fs::copy(
        root().join("tests/corpus/pdf/003_1b7c73a738c3b718.word.pdf"),
        &pdf,
    )
    .unwrap();
    let before = std::fs::read(&pdf).unwrap();
    // without --to markdown a PDF is read-only
    let o = nianbao(&["fmt", "report.pdf"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let o = nianbao(&["fmt", "--to", "markdown", "report.pdf"], dir.path());
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(std::fs::read(&pdf).unwrap(), before);
    let md = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    assert!(md.contains("三、收到和处理政府信息公开申请情况"), "{md}");
    // the Markdown reads as the same report
    let o = nianbao(&["export", "--format", "jsonl", "report.md"], dir.path());
    let got: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let want: Value = serde_json::from_str(
        &std::fs::read_to_string(
            root().join("tests/corpus/expected/003_1b7c73a738c3b718.export.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(got["tables"], want["tables"]);
}

#[test]
fn directories_read_every_kind_and_count_what_they_skip() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        root().join("tests/corpus/pdf/003_1b7c73a738c3b718.word.pdf"),
        d.join("a.pdf"),
    )
    .unwrap();
    std::fs::copy(corpus("003"), d.join("b.shtml")).unwrap();
    std::fs::write(d.join("c.doc"), b"\xD0\xCF\x11\xE0 old Word").unwrap();
    std::fs::write(d.join("d.png"), b"\x89PNG").unwrap();
    let o = nianbao(&["check", "--format", "json", "."], d);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v = json(&o);
    assert_eq!(v["summary"]["files"], 2);
    assert_eq!(v["summary"]["skipped"], 2);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("c.doc") && err.contains("d.png"), "{err}");
    // only files that are not read: never a clean exit
    let only = tempfile::tempdir().unwrap();
    std::fs::write(only.path().join("x.doc"), b"\xD0\xCF\x11\xE0").unwrap();
    for cmd in ["check", "export"] {
        let o = nianbao(&[cmd, "."], only.path());
        assert_ne!(o.status.code(), Some(0), "{cmd}");
    }
}

#[test]
fn other_kinds_named_explicitly_say_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("scan.jpg"), b"\xFF\xD8\xFF").unwrap();
    let o = nianbao(&["check", "scan.jpg"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("请另存为 .docx 或 PDF"));
    // .doc: converted by LibreOffice when it is installed (the same reading as the .docx it was
    // saved from), else the same advice; never a temporary file's name
    let docx = root().join("tests/corpus/pdf/src/003_1b7c73a738c3b718.docx");
    std::fs::copy(&docx, dir.path().join("old.docx")).unwrap();
    let soffice = Command::new("soffice")
        .args(["--headless", "--convert-to", "doc", "--outdir", "."])
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.path().display()
        ))
        .arg("old.docx")
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
        && dir.path().join("old.doc").exists(); // (LibreOffice may exit 0 without writing it)
    if !soffice {
        std::fs::write(dir.path().join("old.doc"), b"\xD0\xCF\x11\xE0").unwrap();
    }
    std::fs::remove_file(dir.path().join("old.docx")).unwrap();
    let o = nianbao(&["check", "--format", "json", "old.doc"], dir.path());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("/tmp"), "{err}");
    if soffice {
        assert_eq!(o.status.code(), Some(0), "{err}");
        assert_eq!(json(&o)["files"][0]["path"], "old.doc");
        let o = nianbao(&["export", "--format", "jsonl", "old.doc"], dir.path());
        let got: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
        let want: Value = serde_json::from_str(
            &std::fs::read_to_string(
                root().join("tests/corpus/expected/003_1b7c73a738c3b718.export.json"),
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(got["tables"], want["tables"]);
        // a download saved under a name that says nothing (`download.do`): known by its bytes
        std::fs::copy(dir.path().join("old.doc"), dir.path().join("download.do")).unwrap();
        let o = nianbao(&["export", "--format", "jsonl", "download.do"], dir.path());
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let got: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
        assert_eq!(got["tables"], want["tables"]);
    } else {
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(
            err.contains("old.doc：") && err.contains("请另存为 .docx 或 PDF"),
            "{err}"
        );
    }
}

#[test]
fn a_stray_nul_byte_is_not_binary() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = std::fs::read(corpus("003")).unwrap();
    let at = text.iter().position(|&b| b == b'\n').unwrap() + 1;
    text.insert(at, 0);
    std::fs::write(dir.path().join("nul.txt"), &text).unwrap();
    let o = nianbao(&["check", "--format", "json", "nul.txt"], dir.path());
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(json(&o)["summary"]["files"], 1);
    assert_eq!(json(&o)["summary"]["skipped"], 0);
}

#[test]
fn pdftotext_word_boxes_read_the_same_tables() {
    // the fallback reader (poppler's `pdftotext -tsv`), forced
    let r = root();
    let has = Command::new("pdftotext").arg("-v").output().is_ok();
    let o = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args([
            "export",
            "--format",
            "jsonl",
            "tests/corpus/pdf/003_1b7c73a738c3b718.word-plain.pdf",
        ])
        .env("NIANBAO_PDF_READER", "pdftotext")
        .current_dir(&r)
        .output()
        .unwrap();
    if has {
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let got: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
        let want: Value = serde_json::from_str(
            &std::fs::read_to_string(
                r.join("tests/corpus/expected/003_1b7c73a738c3b718.export.json"),
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(got["tables"], want["tables"]);
    }
    // missing: a clear message, never required otherwise
    let o = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args([
            "export",
            "tests/corpus/pdf/003_1b7c73a738c3b718.word-plain.pdf",
        ])
        .env("NIANBAO_PDF_READER", "pdftotext")
        .env("PATH", "/nonexistent")
        .current_dir(&r)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("未找到 pdftotext") && err.contains("poppler-utils"),
        "{err}"
    );
    let o = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args([
            "export",
            "tests/corpus/pdf/003_1b7c73a738c3b718.word-plain.pdf",
        ])
        .env("PATH", "/nonexistent")
        .current_dir(&r)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
