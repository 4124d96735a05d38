//! The command line as a new user meets it: its own words in Chinese (English only when the locale
//! asks), errors that never show temporary files, long lines shown as a window, `--quiet` and
//! `--statistics` for batches.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

const SEED: &str = "tests/corpus/001_7e69af88cfc75a8c.txt";

/// Run `nianbao` in `cwd` with `LANG=lang` (and no `LC_ALL` / `LC_MESSAGES` to override it).
fn run_in(lang: &str, args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(cwd)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .output()
        .unwrap()
}

fn zh(args: &[&str]) -> Output {
    run_in("zh_CN.UTF-8", args, &root())
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// English words clap or the CLI used to print.
const ENGLISH_WORDS: &[&str] = &[
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "Print help",
    "Print version",
    "[OPTIONS]",
    "possible values",
    "default:",
    "error:",
    "warning:",
    "For more information",
    "Checked",
    "already exists",
    "file(s)",
];

fn assert_no_english(what: &str, text: &str) {
    for w in ENGLISH_WORDS {
        assert!(!text.contains(w), "{what}: English {w:?} in\n{text}");
    }
}

#[test]
fn help_is_chinese_everywhere() {
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["fmt", "--help"],
        &["export", "--help"],
        &["new", "--help"],
        &["rule", "--help"],
        &["lsp", "--help"],
        &["check", "-h"],
    ] {
        let o = zh(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let text = out(&o);
        assert!(text.contains("用法：nianbao"), "{args:?}: {text}");
        assert!(text.contains("选项:"), "{args:?}: {text}");
        assert!(text.contains("显示帮助"), "{args:?}: {text}");
        assert_no_english(&format!("{args:?}"), &text);
    }
    // the file kinds read from directories are named in check's help
    let text = out(&zh(&["check", "--help"]));
    for kind in ["*.md", "*.txt", "*.html", "*.docx"] {
        assert!(text.contains(kind), "{text}");
    }
    // the C locale (CI machines, containers) is not a request for English
    let text = out(&run_in("C.UTF-8", &["--help"], &root()));
    assert!(text.contains("用法："), "{text}");
}

#[test]
fn english_only_when_the_locale_asks() {
    let r = root();
    let o = run_in("en_US.UTF-8", &["check", "--help"], &r);
    assert!(
        out(&o).contains("Usage: nianbao check [OPTIONS]"),
        "{}",
        out(&o)
    );
    assert!(out(&o).contains("Output format"), "{}", out(&o));
    let o = run_in("en_US.UTF-8", &["check", SEED], &r);
    let text = out(&o);
    assert!(text.contains(": error[NB304] "), "{text}");
    assert!(text.contains("Checked 1 file: 1 error, "), "{text}");
    // every help text has its English form (the report's name and an example organ aside)
    for sub in [
        "", "check", "fmt", "export", "lsp", "rule", "new", "review", "serve",
    ] {
        let args: Vec<&str> = [sub, "--help"]
            .into_iter()
            .filter(|a| !a.is_empty())
            .collect();
        let text = out(&run_in("en_US.UTF-8", &args, &r))
            .replace("政府信息公开工作年度报告", "")
            .replace("某某县人民政府", "");
        assert!(
            !text
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || c == '，'),
            "{sub}: Chinese left in the English help:\n{text}"
        );
    }
    // LC_ALL wins over LANG
    let o = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", SEED])
        .current_dir(&r)
        .env("LC_ALL", "zh_CN.UTF-8")
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap();
    assert!(out(&o).contains("已检查 1 个文件"), "{}", out(&o));
}

#[test]
fn summary_and_severities_are_chinese() {
    let o = zh(&["check", SEED]);
    assert_eq!(o.status.code(), Some(1));
    let text = out(&o);
    assert!(text.contains(":328:1: 错误[NB304] "), "{text}");
    assert!(text.contains("    = 修复"), "{text}");
    let last = text.lines().last().unwrap();
    assert!(
        last.starts_with("已检查 1 个文件：1 个错误，") && last.ends_with("条信息。"),
        "{last}"
    );
    assert_no_english("check", &text);
}

#[test]
fn command_line_errors_are_chinese() {
    let cases: &[(&[&str], &str)] = &[
        (&["check", "--bogus"], "不认识的参数 '--bogus'"),
        (&["chek"], "没有子命令 'chek'；是不是要用 'check'？"),
        (
            &["check", "--format", "xml"],
            "（可选：human、json、sarif、github）",
        ),
        (&["new", "--year", "2025"], "缺少必需的参数：--organ"),
        (
            &["new", "--year", "abc", "--organ", "某县"],
            "的值 'abc' 无效",
        ),
        (
            &[
                "new",
                "--year",
                "2025",
                "--organ",
                "某县",
                "--text",
                "--markdown",
            ],
            "不能与",
        ),
        (&["rule", "NB000"], "没有规则 \"NB000\""),
        (&["check", "--select", "NB999", SEED], "没有规则 \"NB999\""),
        (&["fmt", "--template", "2030", SEED], "没有模板 `2030`"),
    ];
    for (args, want) in cases {
        let o = zh(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let e = err(&o);
        assert!(e.starts_with("错误："), "{args:?}: {e}");
        assert!(e.contains(want), "{args:?}: {e}");
        assert_no_english(&format!("{args:?}"), &e);
    }
    // a pointer to the subcommand's help
    assert!(err(&zh(&["check", "--bogus"])).contains("更多信息请运行 'nianbao check --help'。"));
}

#[test]
fn file_errors_are_chinese_and_never_name_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| run_in("zh_CN.UTF-8", args, dir.path());
    let new = ["new", "--year", "2025", "--organ", "某某县人民政府"];
    // an existing file is kept
    std::fs::write(dir.path().join("r.md"), "旧内容").unwrap();
    let o = run(&[&new[..], &["-o", "r.md"]].concat());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("错误：r.md 已存在（要覆盖它，请加 --force）"),
        "{}",
        err(&o)
    );
    // writing into a directory that does not exist: the error names the file asked for, not the
    // temporary file the write goes through
    let o = run(&[&new[..], &["-o", "no/such/dir/r.md"]].concat());
    assert_eq!(o.status.code(), Some(2));
    let e = err(&o);
    assert!(e.contains("no/such/dir/r.md: 没有这个文件或目录"), "{e}");
    assert!(!e.contains(".nianbao-fmt") && !e.contains(".tmp"), "{e}");
    assert_no_english("new -o", &e);
    // a bad configuration
    std::fs::write(
        dir.path().join("nianbao.toml"),
        "[rules]\nNB304 = \"loud\"\n",
    )
    .unwrap();
    std::fs::copy(root().join(SEED), dir.path().join("a.txt")).unwrap();
    let o = run(&["check", "a.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("nianbao.toml:2:9: 配置文件无效：NB304 的级别无效"),
        "{}",
        err(&o)
    );
    let o = run(&["check", "--config", "missing.toml", "a.txt"]);
    assert!(
        err(&o).contains("missing.toml: 没有这个文件或目录"),
        "{}",
        err(&o)
    );
    assert_no_english("config", &err(&o));
}

/// Display width, CJK as two columns (enough for these reports).
fn columns(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

#[test]
fn a_long_line_is_shown_as_a_window() {
    let dir = tempfile::tempdir().unwrap();
    // one 20,000-column line holding the whole report: the diagnostic's source line is cut to a
    // window with an ellipsis
    let body = "这是一段很长的正文，".repeat(1000);
    std::fs::write(
        dir.path().join("long.txt"),
        format!("某某县2021年政府信息公开工作年度报告{body}\n"),
    )
    .unwrap();
    let o = run_in("zh_CN.UTF-8", &["check", "long.txt"], dir.path());
    let text = out(&o);
    assert!(text.contains("long.txt:1:1: 错误[NB106]"), "{text}");
    for line in text.lines() {
        assert!(
            columns(line) <= 120,
            "a line of {} columns: {line}",
            columns(line)
        );
    }
    assert!(
        text.contains("1 | 某某县2021年政府信息公开工作年度报告"),
        "{text}"
    );
    assert!(text.contains("..."), "{text}");
}

#[test]
fn quiet_shows_errors_only() {
    let all = out(&zh(&["check", "tests/corpus/derived"]));
    let o = zh(&["check", "--quiet", "tests/corpus/derived"]);
    assert_eq!(o.status.code(), Some(1));
    let quiet = out(&o);
    let heads = |t: &str, sev: &str| {
        t.lines()
            .filter(|l| l.contains(&format!(": {sev}[")))
            .count()
    };
    assert!(heads(&all, "警告") > 0 && heads(&all, "信息") > 0);
    assert_eq!(heads(&quiet, "警告"), 0, "{quiet}");
    assert_eq!(heads(&quiet, "信息"), 0, "{quiet}");
    assert_eq!(heads(&quiet, "错误"), heads(&all, "错误"));
    assert!(
        quiet
            .trim_end()
            .lines()
            .last()
            .unwrap()
            .contains("0 个警告，0 条信息。"),
        "{quiet}"
    );
    // the same with -q and in JSON: only error diagnostics
    let v: Value = serde_json::from_slice(
        &zh(&["check", "-q", "--format", "json", "tests/corpus/derived"]).stdout,
    )
    .unwrap();
    for f in v["files"].as_array().unwrap() {
        for d in f["diagnostics"].as_array().unwrap() {
            assert_eq!(d["severity"], "error", "{d}");
        }
    }
    assert_eq!(v["summary"]["warnings"], 0);
}

#[test]
fn statistics_count_per_rule_and_per_file() {
    let full: Value =
        serde_json::from_slice(&zh(&["check", "--format", "json", "tests/corpus/derived"]).stdout)
            .unwrap();
    let o = zh(&[
        "check",
        "--statistics",
        "--format",
        "json",
        "tests/corpus/derived",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let stats: Value = serde_json::from_slice(&o.stdout).unwrap();
    // per rule: the number of its diagnostics in the full output
    let mut by_rule = std::collections::BTreeMap::<String, u64>::new();
    for f in full["files"].as_array().unwrap() {
        for d in f["diagnostics"].as_array().unwrap() {
            *by_rule
                .entry(d["code"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
    }
    let got: std::collections::BTreeMap<String, u64> = stats["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["code"].as_str().unwrap().to_string(),
                r["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, by_rule);
    let counts: Vec<u64> = stats["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["count"].as_u64().unwrap())
        .collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "most frequent first: {counts:?}"
    );
    // per file: errors, warnings, infos of every file with any diagnostic
    for f in full["files"].as_array().unwrap() {
        let ds = f["diagnostics"].as_array().unwrap();
        let n = |sev: &str| ds.iter().filter(|d| d["severity"] == sev).count() as u64;
        let row = stats["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["path"] == f["path"]);
        match row {
            None => assert!(ds.is_empty(), "{} missing", f["path"]),
            Some(r) => {
                assert_eq!(r["errors"].as_u64(), Some(n("error")));
                assert_eq!(r["warnings"].as_u64(), Some(n("warning")));
                assert_eq!(r["infos"].as_u64(), Some(n("info") + n("hint")));
            }
        }
    }
    assert_eq!(stats["summary"], full["summary"]);
    // human: the two tables and the summary, no diagnostic printed
    let text = out(&zh(&["check", "--statistics", "tests/corpus/derived"]));
    assert!(
        text.starts_with("按规则统计：\n   次数  规则   名称"),
        "{text}"
    );
    assert!(
        text.contains("\n按文件统计：\n   错误  警告  信息  文件\n"),
        "{text}"
    );
    let top = &stats["rules"][0];
    assert!(
        text.contains(&format!(
            "{:>7}  {}  {}",
            top["count"],
            top["code"].as_str().unwrap(),
            top["name"].as_str().unwrap()
        )),
        "{text}"
    );
    assert!(!text.contains(" | "), "no source lines: {text}");
    assert!(
        text.trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("已检查 "),
        "{text}"
    );
    // not with the formats that list findings one by one
    let o = zh(&["check", "--statistics", "--format", "sarif", SEED]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("--statistics 只能与"), "{}", err(&o));
}

#[test]
fn the_readme_says_what_the_tool_does() {
    let r = root();
    let readme = std::fs::read_to_string(r.join("README.md")).unwrap();
    // every VSIX the README installs is one the extension's scripts build
    let package = std::fs::read_to_string(r.join("editors/vscode/package.json")).unwrap();
    let package: Value = serde_json::from_str(&package).unwrap();
    let built: Vec<String> = package["scripts"]
        .as_object()
        .unwrap()
        .values()
        .filter_map(|s| s.as_str()?.split(" -o ").nth(1))
        .map(|s| s.split_whitespace().next().unwrap().to_string())
        .collect();
    assert!(
        built.contains(&"nianbao-linux-x64.vsix".to_string()),
        "{built:?}"
    );
    let installed: Vec<&str> = readme
        .split("--install-extension ")
        .skip(1)
        .map(|s| {
            s.split(|c: char| c.is_whitespace() || c == '`')
                .next()
                .unwrap()
        })
        .collect();
    assert!(!installed.is_empty());
    for name in installed {
        assert!(
            built.iter().any(|b| b == name),
            "README installs {name}, the scripts build {built:?}"
        );
    }
    // the first command's output and exit status, as the README shows them
    let o = zh(&["check", SEED]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        readme.contains("**exit status 1**"),
        "the README explains the exit status"
    );
    let text = out(&o);
    let block = text.split("\n\n").find(|b| b.contains("[NB304]")).unwrap();
    assert!(
        readme.contains(block),
        "README lacks the NB304 block as printed:\n{block}"
    );
    assert!(
        readme.contains(text.lines().last().unwrap()),
        "README lacks the summary line"
    );
    // the file kinds read from directories: those `check --help` names
    let help = out(&zh(&["check", "--help"]));
    let para = readme
        .split("**Files read from a directory**")
        .nth(1)
        .unwrap()
        .split("recursively")
        .next()
        .unwrap();
    let mut in_readme: Vec<String> = para
        .split(|c: char| c.is_whitespace() || c == '`' || c == '(' || c == ')' || c == ',')
        .filter(|w| w.starts_with('.') && w.len() > 1)
        .map(|w| w[1..].to_string())
        .collect();
    let mut in_help: Vec<String> = help
        .split_whitespace()
        .filter_map(|w| w.strip_prefix("*."))
        .map(|w| {
            w.trim_end_matches(|c: char| !c.is_ascii_alphanumeric())
                .to_string()
        })
        .collect();
    in_readme.sort();
    in_readme.dedup();
    in_help.sort();
    in_help.dedup();
    assert_eq!(in_readme, in_help, "README vs `check --help`");
}

#[test]
fn new_writes_a_real_word_document_that_checks_like_the_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| run_in("zh_CN.UTF-8", args, dir.path());
    let new = ["new", "--year", "2024", "--organ", "某某县人民政府"];
    let o = run(&[&new[..], &["-o", "report.docx"]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(err(&o), "已写入 report.docx\n");
    let bytes = std::fs::read(dir.path().join("report.docx")).unwrap();
    assert!(
        bytes.starts_with(b"PK\x03\x04"),
        "a ZIP package, not Markdown"
    );
    assert_eq!(
        run(&[&new[..], &["-o", "report.md"]].concat())
            .status
            .code(),
        Some(0)
    );
    // `check` reads it back with the same findings as the Markdown form, and `export` the same tables
    let findings = |name: &str| {
        let v: Value =
            serde_json::from_slice(&run(&["check", "--format", "json", name]).stdout).unwrap();
        let f = &v["files"][0];
        let mut d: Vec<(String, String)> = f["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["code"].to_string(), d["message"].to_string()))
            .collect();
        d.sort();
        (f["template"].clone(), f["year"].clone(), d)
    };
    assert_eq!(findings("report.docx"), findings("report.md"));
    assert_eq!(findings("report.docx").0, "2021");
    let tables = |name: &str| {
        let v: Value = serde_json::from_slice(&run(&["export", name]).stdout).unwrap();
        v[0]["tables"].clone()
    };
    assert_eq!(tables("report.docx"), tables("report.md"));
    assert!(tables("report.docx")["applications"]["received"]["total"] == 0);
    // a .docx is a Word document: no text flags with it
    let o = run(&[&new[..], &["--text", "-o", "x.docx"]].concat());
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("Word 文档"), "{}", err(&o));
}
