//! End-to-end tests of `nianbao fmt` and `nianbao new`: the binary on copies of the corpus.
//! Build the binary first (`cargo build -p nianbao-cli`); the tests use `target/debug/nianbao`.

use nianbao_e2e::{corpus, root};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn bin() -> PathBuf {
    let p = root().join("target/debug/nianbao");
    assert!(
        p.exists(),
        "{} is missing: run `cargo build -p nianbao-cli` before these tests",
        p.display()
    );
    p
}

fn nianbao(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .expect("run nianbao")
}

fn nianbao_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(bin())
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "zh_CN.UTF-8")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run nianbao");
    // a command that fails on its arguments exits before reading: a broken pipe here is its answer
    let _ = child.stdin.take().unwrap().write_all(input);
    child.wait_with_output().unwrap()
}

fn corpus_names() -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(root().join("tests/corpus"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    v.sort();
    v
}

/// A directory with a copy of the corpus (in a subdirectory, to exercise recursion) and a file
/// that is no report.
fn corpus_copy() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("reports/2021");
    fs::create_dir_all(&sub).unwrap();
    let mut files = Vec::new();
    for n in corpus_names() {
        let to = sub.join(&n);
        fs::copy(corpus(&n), &to).unwrap();
        files.push(to);
    }
    fs::write(dir.path().join("notes.rs"), "fn main() {}   \n").unwrap();
    (dir, files)
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `nianbao export` of a file, without the paths and section line numbers.
fn export_tables(path: &Path) -> serde_json::Value {
    let o = nianbao(&["export", "--format", "json", path.to_str().unwrap()]);
    assert!(o.status.success(), "export failed: {}", stderr(&o));
    let mut v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let first = v.as_array_mut().map(|a| a.remove(0)).unwrap_or(v);
    serde_json::json!({
        "template": first["template"],
        "year": first["year"],
        "organ": first["organ"],
        "tables": first["tables"],
    })
}

#[test]
fn check_lists_the_files_that_would_change_and_writes_nothing() {
    let (dir, files) = corpus_copy();
    let before: Vec<Vec<u8>> = files.iter().map(|f| fs::read(f).unwrap()).collect();
    let o = nianbao(&["fmt", "--check", dir.path().to_str().unwrap()]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let listed = stdout(&o);
    for f in &files {
        assert!(listed.contains(f.to_str().unwrap()), "{listed}");
    }
    assert!(
        !listed.contains("notes.rs"),
        "only report files are formatted: {listed}"
    );
    let after: Vec<Vec<u8>> = files.iter().map(|f| fs::read(f).unwrap()).collect();
    assert_eq!(before, after, "--check must not write");
}

#[test]
fn formatting_in_place_keeps_every_cell_and_is_idempotent() {
    let (dir, files) = corpus_copy();
    let exports: Vec<_> = files.iter().map(|f| export_tables(f)).collect();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&files[0], fs::Permissions::from_mode(0o604)).unwrap();
    }
    let o = nianbao(&["fmt", dir.path().to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("已格式化 5 个文件"), "{}", stderr(&o));
    for (f, e) in files.iter().zip(&exports) {
        assert_eq!(&export_tables(f), e, "{}: export changed", f.display());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&files[0]).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o604, "permissions kept");
    }
    // no temporary file left behind
    let leftovers: Vec<_> = fs::read_dir(files[0].parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".nianbao-fmt-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // formatted files are left alone the second time
    let o = nianbao(&["fmt", "--check", dir.path().to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn diff_prints_a_unified_diff() {
    let (_dir, files) = corpus_copy();
    let f = files[0].to_str().unwrap();
    let before = fs::read(f).unwrap();
    let o = nianbao(&["fmt", "--diff", f]);
    assert_eq!(code(&o), 1);
    let d = stdout(&o);
    assert!(d.starts_with(&format!("--- {f}\n+++ {f}\n@@ ")), "{d}");
    assert!(d.contains("\n+规章\t0\t0\t0\n"), "{d}");
    assert_eq!(fs::read(f).unwrap(), before, "--diff must not write");
}

#[test]
fn stdin_to_stdout_equals_in_place() {
    let (_dir, files) = corpus_copy();
    for f in &files {
        let input = fs::read(f).unwrap();
        let o = nianbao_stdin(&["fmt", "-"], &input);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let o2 = nianbao(&["fmt", f.to_str().unwrap()]);
        assert_eq!(code(&o2), 0);
        assert_eq!(o.stdout, fs::read(f).unwrap(), "{}", f.display());
        // --check on stdin: exit 1 when it would change, nothing on stdout
        let c = nianbao_stdin(&["fmt", "--check", "-"], &input);
        assert_eq!(code(&c), 1);
        assert!(c.stdout.is_empty());
    }
}

#[test]
fn to_markdown_converts_plain_text() {
    let input = fs::read(corpus("000_0e036e56d339c4bd.txt")).unwrap();
    let o = nianbao_stdin(&["fmt", "--to", "markdown", "-"], &input);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let md = stdout(&o);
    assert!(
        md.starts_with("# 绥滨县2021年度政府信息公开工作报告\n\n"),
        "{md}"
    );
    assert!(
        md.contains("\n## 三、收到和处理政府信息公开申请情况\n\n| "),
        "{md}"
    );
    assert!(
        md.contains("| 行政规范性文件 |           14 |           38 |           54 |"),
        "{md}"
    );
    // the Markdown is itself formatted
    let again = nianbao_stdin(&["fmt", "--check", "-"], md.as_bytes());
    assert_eq!(code(&again), 0);
    let bad = nianbao_stdin(&["fmt", "--to", "html", "-"], &input);
    assert_eq!(code(&bad), 2);
}

#[test]
fn legacy_encodings_are_written_back_in_the_same_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("gbk.txt");
    let text = fs::read_to_string(corpus("003_1b7c73a738c3b718.txt")).unwrap();
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    fs::write(&p, &gbk).unwrap();
    let o = nianbao(&["fmt", p.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let bytes = fs::read(&p).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "still GB18030, not UTF-8"
    );
    let (back, _, bad) = encoding_rs::GB18030.decode(&bytes);
    assert!(!bad);
    let utf8 = nianbao_stdin(&["fmt", "-"], text.as_bytes());
    assert_eq!(back, stdout(&utf8));
}

#[test]
fn unreadable_paths_exit_2_and_the_others_are_still_formatted() {
    let (_dir, files) = corpus_copy();
    let f = files[1].to_str().unwrap();
    let o = nianbao(&["fmt", "/nonexistent/nianbao.md", f]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("/nonexistent/nianbao.md"),
        "{}",
        stderr(&o)
    );
    let c = nianbao(&["fmt", "--check", f]);
    assert_eq!(code(&c), 0, "the readable file was formatted");
}

#[test]
fn new_writes_a_blank_report_whose_only_problems_are_its_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    for (args, file, year) in [
        (vec!["--markdown"], "r2025.md", "2025"),
        (vec!["--text"], "r2020.txt", "2020"),
        (vec![], "r2021.txt", "2021"),
    ] {
        let p = dir.path().join(file);
        let mut a = vec![
            "new",
            "--year",
            year,
            "--organ",
            "某某县人民政府",
            "-o",
            p.to_str().unwrap(),
        ];
        a.extend(args.iter().copied());
        let o = nianbao(&a);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let text = fs::read_to_string(&p).unwrap();
        assert!(text.contains(&format!("某某县人民政府{year}年政府信息公开工作年度报告")));
        assert_eq!(
            text.contains("| 规章"),
            file.ends_with(".md"),
            "{file}: layout"
        );
        // its only problems are the placeholders still to fill (NB506, errors until filled)
        let c = nianbao(&["check", "--format", "json", p.to_str().unwrap()]);
        assert_eq!(code(&c), 1, "{file}: {}{}", stdout(&c), stderr(&c));
        let j: serde_json::Value = serde_json::from_str(&stdout(&c)).unwrap();
        let codes: Vec<&str> = j["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap())
            .collect();
        assert!(
            codes.len() >= 6 && codes.iter().all(|c| *c == "NB506"),
            "{file}: {codes:?}"
        );
        let f = nianbao(&["fmt", "--check", p.to_str().unwrap()]);
        assert_eq!(code(&f), 0, "{file}: a blank report is already formatted");
        // every cell 0
        let e = export_tables(&p);
        let cells: Vec<&serde_json::Value> = e["tables"]
            .as_object()
            .unwrap()
            .values()
            .flat_map(|t| t.as_object().unwrap().values())
            // (each table also carries its "confidence")
            .filter_map(|r| r.as_object())
            .flat_map(|r| r.values())
            .collect();
        assert!(cells.len() > 150, "{}", cells.len());
        assert!(cells.iter().all(|v| v.as_f64() == Some(0.0)), "{e}");
    }
    // no overwrite without --force; unknown years are a clear error
    let p = dir.path().join("r2025.md");
    let o = nianbao(&[
        "new",
        "--year",
        "2025",
        "--organ",
        "X",
        "-o",
        p.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    let o = nianbao(&["new", "--year", "2015", "--organ", "X"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("2015"), "{}", stderr(&o));
    // stdout when no -o
    let o = nianbao(&["new", "--year", "2025", "--organ", "某某县人民政府"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).starts_with("# 某某县人民政府2025年政府信息公开工作年度报告\n"));
}

/// Kill `nianbao fmt` at many moments while it rewrites a 1 MB report: the file is always either
/// the old text or the new text, never a mixture or a truncation.
#[test]
fn killing_fmt_mid_write_leaves_the_old_or_the_new_file() {
    let seed = fs::read_to_string(corpus("000_0e036e56d339c4bd.txt")).unwrap();
    let old = seed.repeat(90);
    let new = stdout(&nianbao_stdin(&["fmt", "-"], old.as_bytes()));
    assert_ne!(old, new);
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.txt");
    // time one full run to spread the kills over it
    fs::write(&p, &old).unwrap();
    let t0 = std::time::Instant::now();
    assert!(nianbao(&["fmt", p.to_str().unwrap()]).status.success());
    let full = t0.elapsed();
    assert_eq!(fs::read_to_string(&p).unwrap(), new);
    let (mut saw_old, mut saw_new) = (0, 0);
    let steps = 16u32;
    for i in 0..steps {
        fs::write(&p, &old).unwrap();
        let mut child = Command::new(bin())
            .args(["fmt", p.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full * (i + 1) / steps + Duration::from_millis(u64::from(i % 3)));
        let _ = child.kill();
        let _ = child.wait();
        let now = fs::read(&p).unwrap();
        if now == old.as_bytes() {
            saw_old += 1;
        } else if now == new.as_bytes() {
            saw_new += 1;
        } else {
            panic!(
                "kill #{i}: the file is neither the old nor the new text ({} bytes)",
                now.len()
            );
        }
    }
    eprintln!("kills: {saw_old} left the old file, {saw_new} the new one");
    assert_eq!(saw_old + saw_new, steps);
}

#[test]
fn the_configured_template_is_used_and_a_bad_configuration_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("r.txt");
    fs::copy(corpus("001_7e69af88cfc75a8c.txt"), &p).unwrap();
    // a 2019 report read as 2021: its table 二 cannot be read with confidence
    fs::write(dir.path().join("nianbao.toml"), "template = \"2021\"\n").unwrap();
    let o = nianbao(&["fmt", "--check", p.to_str().unwrap()]);
    assert!(stderr(&o).contains("警告：表格 `active`"), "{}", stderr(&o));
    fs::write(dir.path().join("nianbao.toml"), "template = \"2019\"\n").unwrap();
    let o = nianbao(&["fmt", "--check", p.to_str().unwrap()]);
    assert!(!stderr(&o).contains("警告"), "{}", stderr(&o));
    fs::write(dir.path().join("nianbao.toml"), "templat = \"2019\"\n").unwrap();
    let o = nianbao(&["fmt", p.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("nianbao.toml:1:"), "{}", stderr(&o));
    assert_eq!(
        fs::read(&p).unwrap(),
        fs::read(corpus("001_7e69af88cfc75a8c.txt")).unwrap(),
        "not formatted with a broken configuration"
    );
}

#[test]
fn to_markdown_converts_text_html_and_word_files_beside_them() {
    let dir = tempfile::tempdir().unwrap();
    let derived = root().join("tests/corpus/derived");
    for n in ["003_1b7c73a738c3b718.docx", "001_7e69af88cfc75a8c.html"] {
        fs::copy(derived.join(n), dir.path().join(n)).unwrap();
    }
    fs::copy(
        corpus("000_0e036e56d339c4bd.txt"),
        dir.path().join("000.txt"),
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    // without --to markdown, a Word document is read-only and skipped by directory walks
    let o = nianbao(&["fmt", "--check", d]);
    assert!(!stdout(&o).contains("docx"), "{}", stdout(&o));
    let o = nianbao(&[
        "fmt",
        dir.path()
            .join("003_1b7c73a738c3b718.docx")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--to markdown"), "{}", stderr(&o));
    // converted: <name>.md beside each, the originals untouched
    let before = fs::read(dir.path().join("000.txt")).unwrap();
    let o = nianbao(&["fmt", "--to", "markdown", d]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(fs::read(dir.path().join("000.txt")).unwrap(), before);
    for (src, md) in [
        ("003_1b7c73a738c3b718.docx", "003_1b7c73a738c3b718.md"),
        ("001_7e69af88cfc75a8c.html", "001_7e69af88cfc75a8c.md"),
        ("000.txt", "000.md"),
    ] {
        let md = dir.path().join(md);
        let text = fs::read_to_string(&md).unwrap_or_else(|e| panic!("{}: {e}", md.display()));
        assert!(
            text.contains("\n## 三、收到和处理政府信息公开申请情况\n\n| "),
            "{src}\n{text}"
        );
        assert_eq!(
            export_tables(&md)["tables"],
            export_tables(&dir.path().join(src))["tables"],
            "{src}: the converted Markdown reads the same"
        );
    }
    // a second run has nothing to do; an edited .md is not overwritten by a conversion
    let o = nianbao(&["fmt", "--to", "markdown", "--check", d]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    fs::write(dir.path().join("000.md"), "mine\n").unwrap();
    let o = nianbao(&[
        "fmt",
        "--to",
        "markdown",
        dir.path().join("000.txt").to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("未覆盖"), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(dir.path().join("000.md")).unwrap(),
        "mine\n"
    );
}

#[test]
fn stdin_filename_names_the_input_and_finds_its_configuration() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("nianbao.toml"), "template = \"2021\"\n").unwrap();
    let name = dir.path().join("sub/r.txt");
    let input = fs::read(corpus("001_7e69af88cfc75a8c.txt")).unwrap();
    let o = nianbao_stdin(
        &["fmt", "--stdin-filename", name.to_str().unwrap(), "-"],
        &input,
    );
    assert_eq!(code(&o), 0);
    assert!(
        stderr(&o).contains(&format!("{}: 警告：表格 `active`", name.display())),
        "{}",
        stderr(&o)
    );
}
