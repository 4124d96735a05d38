//! Input collection and reading, shared by `check`, `export` and `fmt`: every kind of input
//! (text, HTML, `.docx`, PDF) becomes a [`Source`]; other kinds met in a directory are skipped and
//! counted, named explicitly they are an error that says what to do; word-processor files other than
//! `.docx` (`.doc`, `.wps`, `.rtf`, `.odt` …) are converted by LibreOffice when it is installed, also
//! when only their bytes say what they are (a download saved as `download.do` or without a name's
//! extension); a PDF whose text looks wrong is read again by `pdftotext` when it is installed.

use nianbao_core::pdf;
use nianbao_core::source::{Kind, Source};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// File extensions recursed into when a directory is given.
pub const EXTENSIONS: &[&str] = Kind::EXTENSIONS;

/// Kinds that hold a report but are not read: named explicitly, an error that says what to do.
const NOT_READ: &[&str] = &[
    "doc", "wps", "wpt", "dot", "rtf", "odt", "xls", "xlsx", "et", "csv", "ppt", "pptx", "ofd",
    "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp", "zip", "rar", "7z",
];

/// Word-processor kinds LibreOffice converts to `.docx` (the rest of [`NOT_READ`] stays an error).
const CONVERTED: &[&str] = &["doc", "wps", "wpt", "dot", "rtf", "odt"];

/// What to do with a file that cannot be converted.
const CONVERT_ADVICE: &str = "请另存为 .docx 或 PDF";

/// How long a converter (LibreOffice, pdftotext) may run.
const CONVERT_TIMEOUT: Duration = Duration::from_secs(120);
/// How long reading one PDF in-process may take.
const PDF_TIMEOUT: Duration = Duration::from_secs(60);

/// One input: a path on disk or standard input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Path(PathBuf),
    Stdin { name: String },
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Stdin { name } => name.clone(),
        }
    }

    /// Where configuration discovery starts.
    pub fn dir(&self) -> PathBuf {
        match self {
            Input::Path(p) => p.parent().map(Path::to_path_buf).unwrap_or_default(),
            Input::Stdin { name } => Path::new(name)
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map(Path::to_path_buf)
                .unwrap_or_else(|| std::env::current_dir().unwrap_or_default()),
        }
    }
}

/// What the command line's paths expand to.
#[derive(Debug, Default)]
pub struct Collected {
    pub inputs: Vec<Input>,
    /// Missing paths, unreadable directories.
    pub errors: Vec<String>,
    /// Files met in a directory that are not of a kind read.
    pub skipped: Vec<PathBuf>,
}

fn extension(p: &Path) -> Option<String> {
    p.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// Expand the command line's paths: files as given, directories recursively (sorted), `-` as stdin.
/// Errors (missing paths) are returned alongside, so the other inputs are still processed.
pub fn collect(paths: &[PathBuf], stdin_name: Option<&str>) -> Collected {
    let mut c = Collected::default();
    let paths: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    for p in paths {
        if p.as_os_str() == "-" {
            c.inputs.push(Input::Stdin {
                name: stdin_name.unwrap_or("<stdin>").to_string(),
            });
        } else if p.is_dir() {
            let mut found = Vec::new();
            let mut skipped = Vec::new();
            walk(&p, &mut found, &mut skipped, &mut c.errors);
            found.sort();
            skipped.sort();
            c.inputs.extend(found.into_iter().map(Input::Path));
            c.skipped.extend(skipped);
        } else if p.exists() {
            c.inputs.push(Input::Path(p));
        } else {
            c.errors.push(format!("{}：文件或目录不存在", p.display()));
        }
    }
    c
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, skipped: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(format!("{}：{e}", dir.display()));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let hidden = name.to_string_lossy().starts_with('.');
        if hidden {
            continue;
        }
        match entry.file_type() {
            Ok(t) if t.is_dir() && name != "node_modules" && name != "target" => {
                walk(&path, out, skipped, errors);
            }
            Ok(t) if t.is_file() => {
                if extension(&path).is_some_and(|e| EXTENSIONS.contains(&e.as_str())) {
                    out.push(path);
                } else if !is_config(&path) {
                    skipped.push(path);
                }
            }
            _ => {}
        }
    }
}

/// Files that belong beside reports and are no report (not counted as skipped).
fn is_config(p: &Path) -> bool {
    p.file_name()
        .is_some_and(|n| n == "nianbao.toml" || n == "Thumbs.db" || n == "desktop.ini")
}

/// Print the skipped files on stderr (one line each) and return how many there were.
pub fn report_skipped(skipped: &[PathBuf]) -> usize {
    for p in skipped {
        eprintln!("跳过：{}（不是可读取的报告格式）", p.display());
    }
    skipped.len()
}

/// Read an input of any kind. The message of an error names the input and says what to do.
pub fn read(input: &Input) -> Result<Source<'static>, String> {
    let name = input.display();
    let (bytes, kind) = match input {
        Input::Path(p) => {
            let ext = extension(p);
            if let Some(e) = ext.as_deref().filter(|e| NOT_READ.contains(e)) {
                if CONVERTED.contains(&e) {
                    return convert_word(p).map_err(|m| format!("{name}：{m}"));
                }
                return Err(format!("{name}：不能读取 .{e} 文件；请另存为 .docx 或 PDF"));
            }
            let bytes = std::fs::read(p).map_err(|e| format!("{name}：{e}"))?;
            (bytes, ext.as_deref().and_then(Kind::from_extension))
        }
        Input::Stdin { name: n } => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| format!("{n}：{e}"))?;
            let kind = extension(Path::new(n))
                .as_deref()
                .and_then(Kind::from_extension);
            (buf, kind)
        }
    };
    if pdf::is_pdf(&bytes) || kind == Some(Kind::Pdf) {
        let path = match input {
            Input::Path(p) => Some(p.as_path()),
            Input::Stdin { .. } => None,
        };
        return read_pdf(bytes, path).map_err(|m| format!("{name}：{m}"));
    }
    // the bytes have the last word: a `.doc` saved as `download.do`, without an extension or
    // renamed `.txt` is still converted as one
    if let Some(ext) = word_processor_kind(&bytes) {
        return convert_bytes(&bytes, ext).map_err(|m| format!("{name}：{m}"));
    }
    Source::read(bytes, kind).map_err(|e| format!("{name}：{e}"))
}

/// The extension LibreOffice needs for bytes that are a word-processor file other than `.docx`:
/// an OLE compound file (`.doc`, `.wps`), RTF, or an OpenDocument text (a zip whose first entry is
/// its `mimetype`).
pub fn word_processor_kind(bytes: &[u8]) -> Option<&'static str> {
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    const ODT: &[u8] = b"mimetypeapplication/vnd.oasis.opendocument.text";
    if bytes.starts_with(OLE) {
        Some("doc")
    } else if bytes.starts_with(b"{\\rtf") {
        Some("rtf")
    } else if bytes.starts_with(b"PK\x03\x04") && bytes.get(30..30 + ODT.len()) == Some(ODT) {
        Some("odt")
    } else {
        None
    }
}

/// Bytes of a word-processor file named for no kind: written under a name LibreOffice knows, then
/// converted as a file of that kind.
pub fn convert_bytes(bytes: &[u8], ext: &str) -> Result<Source<'static>, String> {
    let no_dir = |_| format!("无法转换（临时目录不可用）；{CONVERT_ADVICE}");
    let dir = tempfile::tempdir().map_err(no_dir)?;
    let copy = dir.path().join(format!("input.{ext}"));
    std::fs::write(&copy, bytes).map_err(no_dir)?;
    convert_word(&copy)
}

/// A PDF: read in-process (on a thread of its own, with a time limit); when its text looks wrong,
/// read again by `pdftotext -tsv` if it is installed.
pub fn read_pdf(bytes: Vec<u8>, path: Option<&Path>) -> Result<Source<'static>, String> {
    quiet_reader_panics();
    let (tx, rx) = std::sync::mpsc::channel();
    let shared = std::sync::Arc::new(bytes);
    let mine = shared.clone();
    let spawned = std::thread::Builder::new()
        .name(READER_THREAD.into())
        .stack_size(256 * 1024 * 1024)
        .spawn(move || {
            let r = std::panic::catch_unwind(|| pdf::read(&mine));
            let _ = tx.send(r);
        });
    if spawned.is_err() {
        return Err("无法启动 PDF 读取".into());
    }
    let laid = match rx.recv_timeout(PDF_TIMEOUT) {
        Ok(Ok(Ok(laid))) => laid,
        Ok(Ok(Err(e))) => return Err(e.to_string()),
        Ok(Err(_)) => return Err("PDF 文件已损坏，无法读取".into()),
        Err(_) => {
            return Err(format!(
                "读取 PDF 超时（超过 {} 秒）",
                PDF_TIMEOUT.as_secs()
            ))
        }
    };
    let path = match path {
        Some(p) => p,
        None => return Ok(Source::from_pdf(laid)),
    };
    // `NIANBAO_PDF_READER=pdftotext`: read with poppler's word boxes instead (comparisons, a PDF the
    // reader gets wrong)
    if std::env::var_os("NIANBAO_PDF_READER").is_some_and(|v| v == "pdftotext") {
        let tsv = pdftotext_tsv(path)?;
        return Ok(Source::from_pdf(pdf::from_pages(&pdf::from_tsv(&tsv))));
    }
    if pdf::is_unextractable(&laid.text) {
        return Ok(unextractable_or_pdftotext(Source::from_pdf(laid), path));
    }
    let wrong = pdf::looks_wrong(&laid.text);
    let ours = Source::from_pdf(laid);
    // the text looks wrong (undecodable glyphs, few Chinese characters), or the tables' identities
    // fail: another reader may do better; its reading is kept when it is better
    let mine = if wrong {
        None
    } else {
        let checked = Reading::of(&ours);
        if !another_reading_could_help(&ours, &checked.failing) {
            return Ok(ours);
        }
        Some(checked)
    };
    match pdftotext_tsv(path) {
        Ok(tsv) => {
            let other = Source::from_pdf(pdf::from_pages(&pdf::from_tsv(&tsv)));
            let better = match &mine {
                None => {
                    !pdf::looks_wrong(&other.text)
                        && !other.text.trim().is_empty()
                        && reads_the_unknown_glyphs(&ours.text, &other.text)
                }
                Some(mine) => Reading::of(&other).better_than(mine),
            };
            Ok(if better { other } else { ours })
        }
        Err(m) => {
            if wrong && !ours.text.trim().is_empty() {
                eprintln!("警告：{}：PDF 提取的文字可能有误；{m}", path.display());
            }
            Ok(ours)
        }
    }
}

/// Does another reading hold characters for (at least half of) the glyphs ours read as unknown
/// (U+FFFD: a CID font's glyph without ToUnicode)? Poppler has no more to go on for most of them and
/// leaves them out, so a number with such a digit would be read short (「231项」 as 「1项」): a value
/// invented. Its text must then be about as long as ours.
fn reads_the_unknown_glyphs(ours: &str, other: &str) -> bool {
    let printed = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
    let unknown = ours.chars().filter(|&c| c == '\u{FFFD}').count();
    printed(other) + unknown / 2 >= printed(ours)
}

/// A PDF whose glyphs our reader cannot map to characters (its fonts have no ToUnicode): poppler
/// guesses more (a TrueType font's own character map, but also glyph ids read as characters: random
/// ideographs), so its reading is kept only when the report is found in it (its sections and tables:
/// fewer than [`LOST_BY_A_GUESS`] of them lost); else ours, which says the text cannot be extracted.
fn unextractable_or_pdftotext(ours: Source<'static>, path: &Path) -> Source<'static> {
    let Ok(tsv) = pdftotext_tsv(path) else {
        return ours;
    };
    let other = Source::from_pdf(pdf::from_pages(&pdf::from_tsv(&tsv)));
    let found = !other.text.trim().is_empty()
        && !pdf::looks_wrong(&other.text)
        && !other.text.contains('\u{FFFD}')
        && pdf::Misread::of(&other.text).is_none()
        && Reading::of(&other).lost < LOST_BY_A_GUESS;
    if found {
        other
    } else {
        ours
    }
}

/// Sections and tables not found (NB101, NB201, NB210) from which a reading is taken for a guess: a
/// report without its text loses its six sections and their tables.
const LOST_BY_A_GUESS: usize = 3;

/// What a reading of a PDF got wrong, by the checker's own diagnostics.
struct Reading {
    /// The identities of the tables that fail (NB301–NB304).
    failing: Vec<nianbao_core::Diagnostic>,
    /// Sections missing and tables not read (NB101, NB201, NB210; NB106 counts as all of them): what
    /// a reading that lost text shows, while its identities, having nothing to check, do not fail.
    lost: usize,
}

/// The six sections and three tables of a report.
const EVERYTHING_LOST: usize = 9;

impl Reading {
    fn of(s: &Source) -> Reading {
        let diagnostics =
            nianbao_core::check_source(s, &nianbao_core::Config::default()).diagnostics;
        // (NB106, no report found at all, is said alone: every section and table lost)
        let lost = diagnostics
            .iter()
            .map(|d| match d.code {
                "NB101" | "NB201" | "NB210" => 1,
                "NB106" => EVERYTHING_LOST,
                _ => 0,
            })
            .sum();
        let failing = diagnostics
            .into_iter()
            .filter(|d| matches!(d.code, "NB301" | "NB302" | "NB303" | "NB304"))
            .collect();
        Reading { failing, lost }
    }

    /// Fewer identities fail, and nothing more is lost.
    fn better_than(&self, other: &Reading) -> bool {
        self.lost <= other.lost && self.failing.len() < other.failing.len()
    }
}

/// Could another reading place these values otherwise? Not when every failing identity reads a row
/// laid out from the table's ruling lines: each value sits in the cell drawn around it, so the
/// identity fails in the report itself (poppler's word boxes know less than the drawn cells).
fn another_reading_could_help(s: &Source, failing: &[nianbao_core::Diagnostic]) -> bool {
    failing.iter().any(|d| !s.in_ruled_row(d.range.start()))
}

const READER_THREAD: &str = "nianbao-pdf";

/// Panics inside the PDF reader are caught and reported as a damaged file: their default message
/// (in English, with a source location) is not shown.
fn quiet_reader_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(READER_THREAD) {
                default(info);
            }
        }));
    });
}

/// Run a program with an argument list and a time limit; its standard output.
fn run(program: &str, args: &[&std::ffi::OsStr], timeout: Duration) -> Result<Vec<u8>, String> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                format!("未找到 {program}")
            } else {
                format!("无法运行 {program}：{e}")
            }
        })?;
    let mut stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(s) = stdout.as_mut() {
            let _ = s.read_to_end(&mut out);
        }
        out
    });
    let start = Instant::now();
    // polled often at first (pdftotext answers in ~10 ms), then every 20 ms
    let mut nap = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                let out = reader.join().unwrap_or_default();
                if !status.success() {
                    return Err(format!("{program} 运行失败（{status}）"));
                }
                return Ok(out);
            }
            Ok(None) if start.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{program} 超时（超过 {} 秒）", timeout.as_secs()));
            }
            Ok(None) => {
                std::thread::sleep(nap);
                nap = (nap * 2).min(Duration::from_millis(20));
            }
            Err(e) => return Err(format!("{program}：{e}")),
        }
    }
}

/// `pdftotext -tsv FILE -`: word boxes of every page (poppler-utils).
fn pdftotext_tsv(path: &Path) -> Result<String, String> {
    let out = run(
        "pdftotext",
        &["-tsv".as_ref(), path.as_os_str(), "-".as_ref()],
        CONVERT_TIMEOUT,
    )
    .map_err(|m| format!("{m}（安装 poppler-utils 后可改用 pdftotext 读取）"))?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// `.doc`/`.wps`/`.rtf`/`.odt` … through LibreOffice (`soffice --headless --convert-to docx`, in a temporary directory,
/// with a time limit); without it, say what to do.
fn convert_word(path: &Path) -> Result<Source<'static>, String> {
    let dir =
        tempfile::tempdir().map_err(|_| format!("无法转换（临时目录不可用）；{CONVERT_ADVICE}"))?;
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.path().join("profile").display()
    );
    let outdir = dir.path().join("out");
    let args: Vec<&std::ffi::OsStr> = vec![
        profile.as_ref(),
        "--headless".as_ref(),
        "--norestore".as_ref(),
        "--convert-to".as_ref(),
        "docx".as_ref(),
        "--outdir".as_ref(),
        outdir.as_os_str(),
        path.as_os_str(),
    ];
    match run("soffice", &args, CONVERT_TIMEOUT) {
        Ok(_) => {}
        Err(m) if m.starts_with("未找到") => {
            return Err(format!(
                "不能直接读取此格式（未安装 LibreOffice）；{CONVERT_ADVICE}"
            ))
        }
        Err(_) => return Err(format!("LibreOffice 转换失败；{CONVERT_ADVICE}")),
    }
    let stem = path.file_stem().unwrap_or_default();
    let converted = outdir.join(stem).with_extension("docx");
    let bytes =
        std::fs::read(&converted).map_err(|_| format!("LibreOffice 转换失败；{CONVERT_ADVICE}"))?;
    Source::read(bytes, Some(Kind::Docx)).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_processor_files_are_known_by_their_bytes() {
        assert_eq!(
            word_processor_kind(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"),
            Some("doc")
        );
        assert_eq!(word_processor_kind(b"{\\rtf1\\ansi"), Some("rtf"));
        let mut odt = b"PK\x03\x04".to_vec();
        odt.resize(30, 0);
        odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
        assert_eq!(word_processor_kind(&odt), Some("odt"));
        // a .docx, a PDF, text and a spreadsheet in OpenDocument are not converted
        let mut ods = b"PK\x03\x04".to_vec();
        ods.resize(30, 0);
        ods.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet");
        for other in [
            &b"PK\x03\x04\x14\0\x06\0"[..],
            b"%PDF-1.7",
            "一、总体情况".as_bytes(),
            &ods,
            b"",
        ] {
            assert_eq!(word_processor_kind(other), None);
        }
    }

    /// A reading that left out the glyphs ours read as unknown (「\u{FFFD}\u{FFFD}1项」 against
    /// 「1项」) is not taken; one that has characters for them is.
    #[test]
    fn another_reading_must_read_the_glyphs_ours_could_not() {
        let ours = "行政许可\t\u{FFFD}\u{FFFD}1项\t增加\u{FFFD}297项\n";
        assert!(!reads_the_unknown_glyphs(
            ours,
            "行政许可\t1项\t增加297项\n"
        ));
        assert!(reads_the_unknown_glyphs(
            ours,
            "行政许可\t231项\t增加1297项\n"
        ));
        // without unknown glyphs: as long, or longer
        assert!(reads_the_unknown_glyphs("正文12", "正文 12"));
        assert!(!reads_the_unknown_glyphs("正文12", "正文"));
    }

    /// A PDF that cannot be extracted and poppler's reading of it: the report found in it (its
    /// sections and tables) is taken; glyph ids read as random ideographs are not.
    #[test]
    fn a_guess_at_a_pdf_without_character_maps_is_taken_only_when_the_report_is_in_it() {
        let seed = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../tests/corpus/001_7e69af88cfc75a8c.txt"),
        )
        .unwrap();
        assert!(Reading::of(&Source::from_text(seed)).lost < LOST_BY_A_GUESS);
        // random ideographs: no report (NB106), or its sections missing
        let garbage = "湢流!}!㨋❭☸㏌!}!⍞❴⍰䈍\n⋌㔇␟㖑⚁\n3131㍀-㛝⢋Ⱖ㟍⎱☸㏌⌆㌄㓍\n";
        assert!(Reading::of(&Source::from_text(garbage.to_string())).lost >= LOST_BY_A_GUESS);
        let garbage = format!("2020年政府信息公开工作年度报告\n{garbage}");
        assert!(Reading::of(&Source::from_text(garbage)).lost >= LOST_BY_A_GUESS);
    }

    /// poppler's reading is kept only when it is better: fewer identities fail and no section or
    /// table is lost (a reading that lost a table has no identity to fail there).
    #[test]
    fn another_reading_is_better_only_when_it_loses_nothing() {
        let seed = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../tests/corpus/001_7e69af88cfc75a8c.txt"),
        )
        .unwrap();
        let reading = |text: &str| Reading::of(&Source::from_text(text.to_string()));
        let mine = reading(&seed);
        assert_eq!(
            (mine.failing.len(), mine.lost),
            (1, 0),
            "the seed's own NB304"
        );
        // table 四 lost with its section (where the NB304 is): nothing fails, a section is lost
        let from = seed.find("四、因政府信息公开申请行政复议").unwrap();
        let to = seed.find("五、存在的主要问题").unwrap();
        let lost = format!("{}{}", &seed[..from], &seed[to..]);
        let lost = reading(&lost);
        assert!(lost.failing.is_empty() && lost.lost > 0);
        assert!(!lost.better_than(&mine));
        // the same reading with an identity less failing is better; the same one is not
        let mut fewer = reading(&seed);
        fewer.failing.clear();
        assert!(fewer.better_than(&mine));
        assert!(!reading(&seed).better_than(&mine));
    }
}
