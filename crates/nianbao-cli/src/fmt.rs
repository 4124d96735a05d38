//! `nianbao fmt`: format reports in place (atomically), or `--check` / `--diff`; `-` is stdin → stdout.
use nianbao_core::decode::{decode, looks_binary, Decoded};
use nianbao_core::format::{format, FormatOptions, Formatted};
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::tr;

#[derive(clap::Args)]
pub struct FmtArgs {
    /// 要格式化的文件和目录（目录下递归读取 *.md *.markdown *.txt *.html *.htm）；`-` 把标准输入格式化到标准输出；默认：当前目录
    #[arg(value_name = "路径")]
    pub paths: Vec<PathBuf>,
    /// 不写文件；列出需要格式化的文件，有则以状态 1 退出
    #[arg(long)]
    pub check: bool,
    /// 不写文件；输出改动的统一差异（有改动时以状态 1 退出）
    #[arg(long)]
    pub diff: bool,
    /// 转换为 Markdown（推荐的写作格式）：Markdown 文件原地改写，文本、HTML 和 Word（.docx）文件写为旁边的 `<名称>.md`（绝不覆盖内容不同的文件）
    #[arg(long, value_name = "格式", value_parser = ["markdown"])]
    pub to: Option<String>,
    /// 指定模板（`2019` 或 `2021`），不自动识别（默认：配置文件的 `template`）
    #[arg(long, value_name = "模板")]
    pub template: Option<String>,
    /// 使用这个配置文件，而不是在每个文件的上级目录里查找 `nianbao.toml`
    #[arg(long, value_name = "文件")]
    pub config: Option<PathBuf>,
    /// 从标准输入读入的文件的名称（用于提示和查找配置文件）
    #[arg(long, value_name = "路径")]
    pub stdin_filename: Option<PathBuf>,
}

/// The template a file is read with: `--template`, else the `template` of `--config` or of the
/// nearest `nianbao.toml` (as `nianbao check` reads it), else detection.
fn template_for(file: &Path, args: &FmtArgs) -> Result<Option<String>, String> {
    if args.template.is_some() {
        return Ok(args.template.clone());
    }
    let path = match &args.config {
        Some(p) => Some(p.clone()),
        None => {
            let start = if file.as_os_str() == "-" {
                std::env::current_dir()
                    .map_err(|e| crate::i18n::io_error(&e))?
                    .join("-")
            } else {
                fs::canonicalize(file).unwrap_or_else(|_| {
                    std::env::current_dir()
                        .map(|d| d.join(file))
                        .unwrap_or_else(|_| file.to_path_buf())
                })
            };
            nianbao_core::config::discover(&start, |p| p.is_file())
        }
    };
    let Some(path) = path else {
        return Ok(None);
    };
    let text = fs::read_to_string(&path).map_err(|e| crate::i18n::io_error_at(&path, &e))?;
    let config = nianbao_core::Config::from_toml(&text)
        .map_err(|e| crate::check::config_error(&path, &e))?;
    Ok(config.template)
}

/// Extensions of report files found when recursing into a directory (and `.docx` with `--to markdown`).
const EXTENSIONS: &[&str] = &["md", "markdown", "txt", "html", "htm"];

/// Files under the given paths, in a stable order. Explicit files are kept whatever their extension.
fn collect(paths: &[PathBuf], docx: bool, errors: &mut Vec<String>) -> Vec<PathBuf> {
    fn walk(dir: &Path, docx: bool, out: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
        let entries = match fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                errors.push(crate::i18n::io_error_at(dir, &e));
                return;
            }
        };
        let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for p in entries {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.starts_with('.') || name == "target" || name == "node_modules" {
                continue;
            }
            if p.is_dir() {
                walk(&p, docx, out, errors);
            } else if p
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .is_some_and(|e| EXTENSIONS.contains(&e.as_str()) || (docx && e == "docx"))
            {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, docx, &mut out, errors);
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// Encode text back into the encoding it was read in (UTF-8 with or without BOM, UTF-16 with BOM,
/// GB18030…); an error if the text cannot be represented there.
fn encode_like(text: &str, like: &Decoded) -> Result<Vec<u8>, String> {
    match like.encoding {
        "UTF-8" => {
            let mut out = Vec::with_capacity(text.len() + 3);
            if like.bom {
                out.extend_from_slice(b"\xEF\xBB\xBF");
            }
            out.extend_from_slice(text.as_bytes());
            Ok(out)
        }
        "UTF-16LE" | "UTF-16BE" => {
            let le = like.encoding == "UTF-16LE";
            let mut out = if le {
                vec![0xFF, 0xFE]
            } else {
                vec![0xFE, 0xFF]
            };
            for u in text.encode_utf16() {
                out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            Ok(out)
        }
        name => {
            let enc = encoding_rs::Encoding::for_label(name.as_bytes())
                .ok_or_else(|| tr!("不能以 {name} 编码写出", "cannot write {name}"))?;
            let (bytes, _, errors) = enc.encode(text);
            if errors {
                Err(tr!(
                    "格式化后的文本含有 {name} 编码不能表示的字符",
                    "the formatted text cannot be written in {name}"
                ))
            } else {
                Ok(bytes.into_owned())
            }
        }
    }
}

/// Replace `path` atomically: write a temporary file in the same directory, fsync it, give it the
/// permissions of the old file, rename it over the old one, fsync the directory. A crash at any
/// point leaves either the old or the new file, never a mixture. Symbolic links are followed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = fs::canonicalize(path)?;
    let permissions = fs::metadata(&target)?.permissions();
    write_via_temp(&target, bytes, Some(permissions))
}

/// Create `path` (which does not exist yet) the same way: a complete file appears, or none.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_via_temp(path, bytes, None)
}

fn write_via_temp(
    target: &Path,
    bytes: &[u8],
    permissions: Option<fs::Permissions>,
) -> io::Result<()> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".nianbao-fmt-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.flush()?;
    tmp.as_file().sync_all()?;
    if let Some(p) = permissions {
        fs::set_permissions(tmp.path(), p)?;
    }
    tmp.persist(target).map_err(|e| e.error)?;
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn unified_diff(old: &str, new: &str, name: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(name, name)
        .to_string()
}

enum Outcome {
    Unchanged,
    Changed,
}

fn format_bytes(
    bytes: &[u8],
    name: &str,
    options: &FormatOptions,
) -> Result<(Decoded, Formatted), String> {
    let decoded = if nianbao_core::docx::is_zip(bytes) {
        if !options.to_markdown {
            return Err(tr!(
                "Word 文档只能读取：用 `--to markdown` 转换为 Markdown",
                "a Word document is read-only: convert it with `--to markdown`"
            ));
        }
        let text = nianbao_core::docx::extract(bytes)?;
        Decoded {
            text,
            encoding: "UTF-8",
            lossy: false,
            bom: false,
        }
    } else if looks_binary(bytes) {
        return Err(tr!("不是文本文件", "not a text file"));
    } else {
        decode(bytes)
    };
    if decoded.lossy {
        return Err(tr!(
            "不是有效的 {} 文本（有不能解码的字节）；未格式化",
            "not valid {} (bytes that cannot be decoded); not formatted",
            decoded.encoding
        ));
    }
    let formatted = format(&decoded.text, options);
    for w in &formatted.warnings {
        eprintln!("{}", tr!("{name}: 警告：{w}", "{name}: warning: {w}"));
    }
    Ok((decoded, formatted))
}

fn run_stdin(args: &FmtArgs, options: &FormatOptions) -> Result<Outcome, String> {
    let options = &FormatOptions {
        template: template_for(
            args.stdin_filename.as_deref().unwrap_or(Path::new("-")),
            args,
        )?,
        ..options.clone()
    };
    let mut bytes = Vec::new();
    io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| tr!("标准输入：{}", "stdin: {}", crate::i18n::io_error(&e)))?;
    let name = args
        .stdin_filename
        .as_ref()
        .map_or_else(|| "<stdin>".to_string(), |p| p.display().to_string());
    let (decoded, f) = format_bytes(&bytes, &name, options)?;
    let changed = f.text != decoded.text;
    let mut out = io::stdout().lock();
    let io = |e: io::Error| tr!("标准输出：{}", "stdout: {}", crate::i18n::io_error(&e));
    if args.diff {
        out.write_all(unified_diff(&decoded.text, &f.text, &name).as_bytes())
            .map_err(io)?;
    } else if !args.check {
        out.write_all(&encode_like(&f.text, &decoded)?)
            .map_err(io)?;
    }
    out.flush().map_err(io)?;
    Ok(if changed {
        Outcome::Changed
    } else {
        Outcome::Unchanged
    })
}

/// Is this a Markdown file (formatted in place even with `--to markdown`)?
fn is_markdown(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| e == "md" || e == "markdown")
}

fn run_file(path: &Path, args: &FmtArgs, options: &FormatOptions) -> Result<Outcome, String> {
    let name = path.display().to_string();
    let options = &FormatOptions {
        template: template_for(path, args)?,
        ..options.clone()
    };
    let bytes = fs::read(path).map_err(|e| crate::i18n::io_error_at(path, &e))?;
    let (decoded, f) = format_bytes(&bytes, &name, options).map_err(|e| format!("{name}: {e}"))?;
    // `--to markdown` on a text, HTML or Word file writes `<name>.md` beside it
    if options.to_markdown && !is_markdown(path) {
        let target = path.with_extension("md");
        let tname = target.display().to_string();
        let existing = fs::read(&target).ok();
        if existing.as_deref() == Some(f.text.as_bytes()) {
            return Ok(Outcome::Unchanged);
        }
        if args.diff {
            let old = existing
                .as_deref()
                .map(|b| decode(b).text)
                .unwrap_or_default();
            print!("{}", unified_diff(&old, &f.text, &tname));
        }
        if args.check {
            println!("{name}");
        }
        if !args.check && !args.diff {
            if existing.is_some() {
                return Err(tr!(
                    "{name}: {tname} 已存在，且与转换结果不同；未覆盖",
                    "{name}: {tname} exists and differs from the conversion; not overwritten"
                ));
            }
            write_new(&target, f.text.as_bytes())
                .map_err(|e| crate::i18n::io_error_at(&target, &e))?;
            eprintln!("{name} → {tname}");
        }
        return Ok(Outcome::Changed);
    }
    if f.text == decoded.text {
        return Ok(Outcome::Unchanged);
    }
    if args.diff {
        print!("{}", unified_diff(&decoded.text, &f.text, &name));
    }
    if args.check {
        println!("{name}");
    }
    if !args.check && !args.diff {
        let out = encode_like(&f.text, &decoded).map_err(|e| format!("{name}: {e}"))?;
        write_atomic(path, &out).map_err(|e| crate::i18n::io_error_at(path, &e))?;
    }
    Ok(Outcome::Changed)
}

pub fn run(args: FmtArgs) -> ExitCode {
    let options = FormatOptions {
        to_markdown: args.to.as_deref() == Some("markdown"),
        template: args.template.clone(),
    };
    if let Some(t) = &options.template {
        if nianbao_core::template::by_id(t).is_none() {
            eprintln!(
                "{}",
                tr!(
                    "错误：没有模板 `{t}`（已知：2019、2021）",
                    "nianbao fmt: unknown template `{t}` (known: 2019, 2021)"
                )
            );
            return ExitCode::from(2);
        }
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut errors = Vec::new();
    let (mut changed, mut unchanged) = (0usize, 0usize);
    let stdin = paths.iter().any(|p| p.as_os_str() == "-");
    if stdin && paths.len() > 1 {
        eprintln!(
            "{}",
            tr!(
                "错误：`-`（标准输入）不能与其他路径一起给出",
                "nianbao fmt: `-` (stdin) cannot be combined with other paths"
            )
        );
        return ExitCode::from(2);
    }
    let files = if stdin {
        Vec::new()
    } else {
        collect(&paths, options.to_markdown, &mut errors)
    };
    if stdin {
        match run_stdin(&args, &options) {
            Ok(Outcome::Changed) => changed += 1,
            Ok(Outcome::Unchanged) => unchanged += 1,
            Err(e) => errors.push(e),
        }
    }
    for f in &files {
        match run_file(f, &args, &options) {
            Ok(Outcome::Changed) => changed += 1,
            Ok(Outcome::Unchanged) => unchanged += 1,
            Err(e) => errors.push(e),
        }
    }
    for e in &errors {
        eprintln!("{}", tr!("错误：{e}", "nianbao fmt: {e}"));
    }
    if !stdin {
        if args.check || args.diff {
            eprintln!(
                "{}",
                tr!(
                    "{changed} 个文件需要格式化，{unchanged} 个文件已是规范格式",
                    "{changed} file(s) would be reformatted, {unchanged} file(s) already formatted"
                )
            );
        } else {
            eprintln!(
                "{}",
                tr!(
                    "已格式化 {changed} 个文件，{unchanged} 个文件已是规范格式",
                    "{changed} file(s) reformatted, {unchanged} file(s) already formatted"
                )
            );
        }
    }
    if !errors.is_empty() {
        ExitCode::from(2)
    } else if changed > 0 && (args.check || args.diff) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_content_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.md");
        fs::write(&p, "old\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&p, "new\n".as_bytes()).unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&p).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        // no temporary file is left behind
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn failed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.md");
        fs::write(&p, "old\n").unwrap();
        // the target is a directory now: the rename fails, the old content must stay readable
        let missing = dir.path().join("nope").join("r.md");
        assert!(write_atomic(&missing, b"new").is_err());
        assert_eq!(fs::read_to_string(&p).unwrap(), "old\n");
    }

    #[test]
    fn encodings_round_trip() {
        let s = "一、总体情况\n";
        for bytes in [
            s.as_bytes().to_vec(),
            [b"\xEF\xBB\xBF".as_slice(), s.as_bytes()].concat(),
            encoding_rs::GB18030.encode(s).0.into_owned(),
        ] {
            let d = decode(&bytes);
            assert_eq!(encode_like(&d.text, &d).unwrap(), bytes);
        }
        let mut u16 = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            u16.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&u16);
        assert_eq!(encode_like(&d.text, &d).unwrap(), u16);
    }
}
