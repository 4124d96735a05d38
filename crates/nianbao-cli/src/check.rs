//! `nianbao check`, `nianbao export`, `nianbao rule`.

use crate::files::{self, Input};
use crate::render;
use crate::tr;
use nianbao_core::config::{self, Config};
use nianbao_core::lines::LineIndex;
use nianbao_core::{export, rules, Checked, Diagnostic, Severity, Source};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    Sarif,
    Github,
}

/// What `check` and `export` read: paths, configuration, the name of standard input.
#[derive(clap::Args)]
pub struct InputArgs {
    /// 文件和目录（目录下递归读取 {kinds}）；`-` 读标准输入；默认：当前目录
    #[arg(value_name = "路径")]
    pub paths: Vec<PathBuf>,
    /// 使用这个配置文件，而不是在每个文件的上级目录里查找 `nianbao.toml`
    #[arg(long, value_name = "文件")]
    pub config: Option<PathBuf>,
    /// 输出里标准输入的文件名（也是查找配置文件的起点）
    #[arg(long, value_name = "名称")]
    pub stdin_filename: Option<String>,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// 输出格式：human（默认，供人阅读）、json、sarif、github
    #[arg(long, value_enum, default_value = "human", value_name = "格式")]
    pub format: CheckFormat,
    /// 只用这些规则（代码、名称或前缀，如 NB3；用逗号分隔或重复给出）
    #[arg(long, value_delimiter = ',', value_name = "规则")]
    pub select: Vec<String>,
    /// 不用这些规则
    #[arg(long, value_delimiter = ',', value_name = "规则")]
    pub ignore: Vec<String>,
    /// 发现错误也以状态 0 退出
    #[arg(long)]
    pub exit_zero: bool,
    /// 供人阅读的输出不用颜色
    #[arg(long)]
    pub no_color: bool,
    /// 只显示错误（不显示警告、信息和进度条）
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// 不逐条列出问题，只统计：每条规则、每个文件各有多少
    #[arg(long)]
    pub statistics: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Json,
    Jsonl,
    Csv,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// 输出格式：json（默认，每份报告一个对象，组成数组）、jsonl、csv（每个表格单元格一行）
    #[arg(long, value_enum, default_value = "json", value_name = "格式")]
    pub format: ExportFormat,
}

#[derive(clap::Args)]
pub struct RuleArgs {
    /// 规则代码（NB301）或名称（row-total）；不给则列出全部规则
    #[arg(value_name = "规则")]
    pub rule: Option<String>,
}

/// An invalid configuration file: `path:line:column: 配置文件无效：message`.
pub fn config_error(path: &Path, e: &config::ConfigError) -> String {
    match (e.line, e.column) {
        (Some(l), Some(c)) => tr!(
            "{}:{l}:{c}: 配置文件无效：{}",
            "{}:{l}:{c}: invalid configuration: {}",
            path.display(),
            e.message
        ),
        _ => tr!(
            "{}: 配置文件无效：{}",
            "{}: invalid configuration: {}",
            path.display(),
            e.message
        ),
    }
}

/// Configuration per input: the `--config` file, or the discovered `nianbao.toml`.
struct Configs {
    fixed: Option<Config>,
    cache: HashMap<PathBuf, Result<Config, String>>,
    /// The configuration file found for each directory (discovery walks up the tree: once per
    /// directory, not once per file).
    found: HashMap<PathBuf, Option<PathBuf>>,
    select: Vec<String>,
    ignore: Vec<String>,
}

fn load_config(path: &Path) -> Result<Config, String> {
    let text = std::fs::read_to_string(path).map_err(|e| crate::i18n::io_error_at(path, &e))?;
    Config::from_toml(&text).map_err(|e| config_error(path, &e))
}

impl Configs {
    fn new(
        config: Option<&Path>,
        select: Vec<String>,
        ignore: Vec<String>,
    ) -> Result<Self, String> {
        let fixed = match config {
            Some(p) => Some(Self::finish(load_config(p)?, &select, &ignore)?),
            None => None,
        };
        Ok(Configs {
            fixed,
            cache: HashMap::new(),
            found: HashMap::new(),
            select,
            ignore,
        })
    }

    fn finish(mut c: Config, select: &[String], ignore: &[String]) -> Result<Config, String> {
        c.set_selection(select, ignore)?;
        Ok(c)
    }

    fn for_input(&mut self, input: &Input) -> Result<Config, String> {
        if let Some(c) = &self.fixed {
            return Ok(c.clone());
        }
        let found = self
            .found
            .entry(input.dir())
            .or_insert_with_key(|d| {
                let dir = std::fs::canonicalize(d).unwrap_or_else(|_| d.clone());
                config::discover(&dir.join("_"), |p| p.is_file())
            })
            .clone();
        let key = found.clone().unwrap_or_default();
        let (select, ignore) = (self.select.clone(), self.ignore.clone());
        self.cache
            .entry(key)
            .or_insert_with(|| {
                let c = match &found {
                    Some(p) => load_config(p)?,
                    None => Config::default(),
                };
                Self::finish(c, &select, &ignore)
            })
            .clone()
    }
}

/// A read input with its configuration.
struct Loaded {
    input: Input,
    /// What was read (text, page, Word or PDF) and what the ranges point into.
    source: Source<'static>,
    config: Config,
}

impl Loaded {
    fn text(&self) -> &str {
        &self.source.text
    }

    /// How a diagnostic's place is named: the path, and for a PDF the page (`report.pdf:第3页`).
    fn place(&self, path: &str, d: &Diagnostic) -> String {
        match self.source.page(d.range.start()) {
            Some(p) => format!("{path}:第{p}页"),
            None => path.to_string(),
        }
    }
}

/// Read every input and do `work` on it in the same parallel task (a file is analysed while others are
/// still being read); failures are reported on stderr, in input order, and counted.
fn load<R: Send>(
    inputs: Vec<Input>,
    configs: &mut Configs,
    failed: &mut bool,
    show_progress: bool,
    work: impl Fn(&Loaded) -> R + Sync,
) -> Vec<(Loaded, R)> {
    let with_config: Vec<(Input, Result<Config, String>)> = inputs
        .into_iter()
        .map(|i| {
            let c = configs.for_input(&i);
            (i, c)
        })
        .collect();
    let pb = if show_progress {
        progress(with_config.len())
    } else {
        None
    };
    let done: Vec<Result<(Loaded, R), String>> = with_config
        .into_par_iter()
        .map(|(input, config)| {
            let config = config?;
            let source = files::read(&input)?;
            if source.lossy {
                eprintln!(
                    "{}",
                    tr!(
                        "警告：{}：有不能按 {} 解码的字节，已替换为 �",
                        "warning: {}: invalid {} bytes were replaced",
                        input.display(),
                        source.encoding
                    )
                );
            }
            let loaded = Loaded {
                input,
                source,
                config,
            };
            let r = work(&loaded);
            if let Some(pb) = &pb {
                pb.inc(1);
            }
            Ok((loaded, r))
        })
        .collect();
    if let Some(pb) = pb {
        pb.finish_and_clear();
    }
    let mut out = Vec::with_capacity(done.len());
    for d in done {
        match d {
            Ok(x) => out.push(x),
            Err(e) => {
                eprintln!("{}", tr!("错误：{e}", "error: {e}"));
                *failed = true;
            }
        }
    }
    out
}

fn progress(n: usize) -> Option<indicatif::ProgressBar> {
    if n < 20 || !std::io::stderr().is_terminal() {
        return None;
    }
    let pb = indicatif::ProgressBar::new(n as u64);
    pb.set_style(progress_style());
    Some(pb)
}

/// The progress bar's template; `rate` and `remaining` are ours (indicatif's `per_sec` shows
/// fractions: 「2,354.3724/s」).
const PROGRESS: &str = "{msg} {bar:40} {pos}/{len} {rate} {remaining}";

/// The progress bar: `[████    ] 120/200 2354 份/秒 剩余 3 秒`, the rate a whole number.
pub(crate) fn progress_style() -> indicatif::ProgressStyle {
    indicatif::ProgressStyle::with_template(PROGRESS)
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .with_key(
            "rate",
            |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = w.write_str(&rate_text(s.per_sec()));
            },
        )
        .with_key(
            "remaining",
            |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = w.write_str(&remaining_text(s.eta().as_secs()));
            },
        )
}

/// Reports per second, a whole number: 「2354 份/秒」.
fn rate_text(per_sec: f64) -> String {
    let n = if per_sec.is_finite() && per_sec > 0.0 {
        per_sec.round() as u64
    } else {
        0
    };
    tr!("{n} 份/秒", "{n}/s")
}

/// Seconds left: 「剩余 3 秒」, 「剩余 2 分 5 秒」.
fn remaining_text(secs: u64) -> String {
    if secs >= 60 {
        tr!("剩余 {} 分 {} 秒", "{}m {}s left", secs / 60, secs % 60)
    } else {
        tr!("剩余 {secs} 秒", "{secs}s left")
    }
}

/// The inputs read with the result of `work` on each, whether some failed, how many were skipped.
type Prepared<R> = (Vec<(Loaded, R)>, bool, usize);

/// Collect and read the inputs (in parallel). `None` when the run cannot start (bad `--config`,
/// unknown rule); read failures are reported on stderr and flagged in the returned `bool`; files
/// skipped in directories are listed on stderr and counted.
fn prepare<R: Send>(
    input: &InputArgs,
    (select, ignore): (Vec<String>, Vec<String>),
    show_progress: bool,
    work: impl Fn(&Loaded) -> R + Sync,
) -> Option<Prepared<R>> {
    // the template tables are built on another core while the inputs are collected and read
    rayon::spawn(nianbao_core::warm_up);
    let mut failed = false;
    let mut configs = match Configs::new(input.config.as_deref(), select, ignore) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{}", tr!("错误：{e}", "error: {e}"));
            return None;
        }
    };
    let collected = files::collect(&input.paths, input.stdin_filename.as_deref());
    for e in &collected.errors {
        eprintln!("{}", tr!("错误：{e}", "error: {e}"));
        failed = true;
    }
    let skipped = files::report_skipped(&collected.skipped);
    let loaded = load(
        collected.inputs,
        &mut configs,
        &mut failed,
        show_progress,
        work,
    );
    Some((loaded, failed, skipped))
}

/// Render the output of files `0..n` on all cores, a chunk of files at a time (so that the rendered
/// text of a large run is never all in memory), and write it in file order.
fn write_in_parallel(
    out: &mut impl Write,
    n: usize,
    render: impl Fn(usize, &mut Vec<u8>) + Sync,
) -> std::io::Result<()> {
    const CHUNK: usize = 128;
    // one buffer per file of a chunk, emptied and filled again from chunk to chunk: after the first
    // chunk a file's text rarely grows its buffer, and no fresh memory is touched (the kernel's zeroing
    // of fresh pages was most of the writing's time)
    let mut buffers: Vec<Vec<u8>> = vec![Vec::new(); CHUNK.min(n)];
    for start in (0..n).step_by(CHUNK) {
        let chunk = &mut buffers[..CHUNK.min(n - start)];
        chunk.par_iter_mut().enumerate().for_each(|(k, bytes)| {
            bytes.clear();
            render(start + k, bytes);
        });
        for bytes in chunk.iter() {
            out.write_all(bytes)?;
        }
    }
    Ok(())
}

/// Diagnostics counted by severity.
#[derive(Clone, Copy, Default)]
struct Counts {
    errors: usize,
    warnings: usize,
    /// Infos and hints.
    infos: usize,
}

impl Counts {
    fn of(diagnostics: &[Diagnostic]) -> Counts {
        let mut c = Counts::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info | Severity::Hint => c.infos += 1,
            }
        }
        c
    }
}

/// The output of one file in the line-oriented formats (human, GitHub), rendered as soon as the file is
/// checked, so that the diagnostics need not be kept; `None` for the formats written as one document.
fn render_lines(
    format: CheckFormat,
    colours: bool,
    l: &Loaded,
    diagnostics: &[Diagnostic],
) -> Option<Vec<u8>> {
    // rendered into a buffer kept by the thread, then copied at its exact size: no growing by
    // doubling, no spare capacity kept until the end
    thread_local! {
        static SCRATCH: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    SCRATCH.with_borrow_mut(|out| {
        out.clear();
        render_lines_into(out, format, colours, l, diagnostics).then(|| out.as_bytes().to_vec())
    })
}

/// [`render_lines`] into `out`; false for the formats written as one document.
fn render_lines_into(
    out: &mut String,
    format: CheckFormat,
    colours: bool,
    l: &Loaded,
    diagnostics: &[Diagnostic],
) -> bool {
    match format {
        CheckFormat::Human => {
            if !diagnostics.is_empty() {
                let li = LineIndex::new(l.text());
                let path = l.input.display();
                for d in diagnostics {
                    render::human(out, &l.place(&path, d), &li, l.text(), d, colours);
                    out.push('\n');
                }
            }
        }
        CheckFormat::Github => {
            let li = LineIndex::new(l.text());
            let path = l.input.display();
            for d in diagnostics {
                out.push_str(&render::github(&path, &li, l.text(), d));
                out.push('\n');
            }
        }
        CheckFormat::Json | CheckFormat::Sarif => return false,
    }
    true
}

/// A file after pass 1.
struct Pass1 {
    checked: Checked,
    counts: Counts,
    /// Its output, for the line-oriented formats (its diagnostics are then not kept in `checked`).
    rendered: Option<Vec<u8>>,
}

pub fn run_check(args: CheckArgs) -> ExitCode {
    let colours = args.format == CheckFormat::Human
        && !args.no_color
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    if args.statistics && matches!(args.format, CheckFormat::Sarif | CheckFormat::Github) {
        eprintln!(
            "{}",
            tr!(
                "错误：--statistics 只能与 --format human 或 json 一起使用",
                "error: --statistics works with --format human or json only"
            )
        );
        return ExitCode::from(2);
    }
    // with --statistics the diagnostics are counted, not rendered: kept as for the JSON format
    let render_format = if args.statistics {
        CheckFormat::Json
    } else {
        args.format
    };
    // no fixes where the file cannot take them; with --quiet, errors only
    let strip_fixes = |l: &Loaded, diagnostics: &mut Vec<Diagnostic>| {
        if args.quiet {
            diagnostics.retain(|d| d.severity == Severity::Error);
        }
        if !l.source.fixable() {
            diagnostics.iter_mut().for_each(|d| d.fix = None);
        }
    };
    // one reader for the run: its memos shared by the threads of the pool
    let reader = nianbao_core::Reader::new();
    // pass 1 (parallel, as each file is read): every rule but the cross-year ones; of each report,
    // only what those read is kept, not the whole report; the line-oriented formats are rendered here
    let Some((pass1, failed, skipped)) = prepare(
        &args.input,
        (args.select.clone(), args.ignore.clone()),
        !args.quiet,
        |l| {
            let mut checked = reader.check_source(&l.source, &l.config);
            strip_fixes(l, &mut checked.diagnostics);
            let counts = Counts::of(&checked.diagnostics);
            let rendered = render_lines(render_format, colours, l, &checked.diagnostics);
            if rendered.is_some() {
                checked.diagnostics = Vec::new();
            }
            Pass1 {
                checked,
                counts,
                rendered,
            }
        },
    ) else {
        return ExitCode::from(2);
    };
    let mut loaded = Vec::with_capacity(pass1.len());
    let mut checked = Vec::with_capacity(pass1.len());
    let mut counts = Vec::with_capacity(pass1.len());
    let mut rendered = Vec::with_capacity(pass1.len());
    for (l, p) in pass1 {
        loaded.push(l);
        checked.push(p.checked);
        counts.push(p.counts);
        rendered.push(p.rendered);
    }
    // pass 2: the cross-year rules, with last year's report of the same organ when present
    let by_organ_year: HashMap<(&str, i32), usize> = checked
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let r = c.facts.report();
            Some(((r.organ.as_deref()?, r.year?), i))
        })
        .collect();
    let cross_year: Vec<(usize, Vec<Diagnostic>)> = checked
        .par_iter()
        .zip(loaded.par_iter())
        .enumerate()
        .filter_map(|(i, (c, l))| {
            let r = c.facts.report();
            let &j = by_organ_year.get(&(r.organ.as_deref()?, r.year? - 1))?;
            if !Checked::wants_previous_year(&l.config) {
                return None;
            }
            Some((i, c.previous_year_source(&l.source, &l.config, &checked[j])))
        })
        .filter(|(_, d)| !d.is_empty())
        .collect();
    drop(by_organ_year);
    for (i, d) in cross_year {
        let l = &loaded[i];
        if rendered[i].is_some() {
            // pass 1 kept the output, not the diagnostics, of this file: it is checked again to merge
            // (only files whose last year disagrees with them)
            let mut full = reader.check_source(&l.source, &l.config);
            full.add(d);
            strip_fixes(l, &mut full.diagnostics);
            counts[i] = Counts::of(&full.diagnostics);
            rendered[i] = render_lines(render_format, colours, l, &full.diagnostics);
        } else {
            checked[i].add(d);
            strip_fixes(l, &mut checked[i].diagnostics);
            counts[i] = Counts::of(&checked[i].diagnostics);
        }
    }
    let results: Vec<Vec<Diagnostic>> = checked
        .iter_mut()
        .map(|c| std::mem::take(&mut c.diagnostics))
        .collect();
    let (errors_n, warnings_n, infos_n) = counts.iter().fold((0, 0, 0), |(e, w, i), c| {
        (e + c.errors, w + c.warnings, i + c.infos)
    });
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let summary_line = || {
        let n = loaded.len();
        let mut line = if crate::i18n::english() {
            format!(
                "Checked {n} file{}: {errors_n} error{}, {warnings_n} warning{}, {infos_n} info.",
                if n == 1 { "" } else { "s" },
                if errors_n == 1 { "" } else { "s" },
                if warnings_n == 1 { "" } else { "s" },
            )
        } else {
            format!("已检查 {n} 个文件：{errors_n} 个错误，{warnings_n} 个警告，{infos_n} 条信息。")
        };
        if skipped > 0 {
            line.push_str(&tr!(
                "跳过 {skipped} 个不能读的文件。",
                " Skipped {skipped} file(s) of other kinds."
            ));
        }
        line
    };
    let written = match args.format {
        _ if args.statistics => {
            let paths: Vec<String> = loaded.iter().map(|l| l.input.display()).collect();
            let stats = Statistics::of(&paths, &results);
            if args.format == CheckFormat::Json {
                let summary = serde_json::json!({"files": loaded.len(), "errors": errors_n, "warnings": warnings_n, "infos": infos_n, "skipped": skipped});
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(&stats.json(summary)).unwrap_or_default()
                )
            } else {
                out.write_all(stats.human().as_bytes())
                    .and_then(|_| writeln!(out, "{}", summary_line()))
            }
        }
        CheckFormat::Human => (|| -> std::io::Result<()> {
            for r in rendered.iter().flatten() {
                out.write_all(r)?;
            }
            writeln!(out, "{}", summary_line())
        })(),
        // Written file by file, directly (no `Value`s): the bytes are those of `to_string_pretty` of
        // `{"files": [...], "summary": {...}}`.
        CheckFormat::Json => (|| {
            write!(out, "{{\n  \"files\": [")?;
            // each file's text (tens of kilobytes) goes to standard output as it is, not copied
            // through the buffer first
            out.flush()?;
            write_in_parallel(out.get_mut(), loaded.len(), |i, buf| {
                let (l, diags, c) = (&loaded[i], &results[i], &checked[i]);
                let r = c.facts.report();
                let li = LineIndex::new(l.text());
                buf.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
                render::file_json(
                    buf,
                    4,
                    &l.input.display(),
                    r.template.as_deref(),
                    r.year,
                    &li,
                    l.text(),
                    diags,
                    &|range| l.source.page(range.start()),
                );
            })?;
            if !loaded.is_empty() {
                write!(out, "\n  ")?;
            }
            let summary = serde_json::json!({"files": loaded.len(), "errors": errors_n, "warnings": warnings_n, "infos": infos_n, "skipped": skipped});
            let summary = serde_json::to_string_pretty(&summary).unwrap_or_default();
            writeln!(
                out,
                "],\n  \"summary\": {}\n}}",
                summary.replace('\n', "\n  ")
            )
        })(),
        CheckFormat::Sarif => {
            let all: Vec<(String, String, Vec<Diagnostic>)> = loaded
                .iter()
                .zip(&results)
                .map(|(l, d)| (l.input.display(), l.text().to_string(), d.clone()))
                .collect();
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&render::sarif(&all)).unwrap_or_default()
            )
        }
        CheckFormat::Github => (|| -> std::io::Result<()> {
            for r in rendered.iter().flatten() {
                out.write_all(r)?;
            }
            Ok(())
        })(),
    };
    let flushed = written.and_then(|_| out.flush());
    // The process ends here: freeing every text, report summary and diagnostic one by one would only
    // delay the exit (≈10 ms for 1,000 reports); the operating system takes the memory back at once.
    let loaded_n = loaded.len();
    std::mem::forget((loaded, checked, results, rendered));
    if let Err(e) = flushed {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!(
                "{}",
                tr!(
                    "错误：写输出失败：{}",
                    "error: writing output: {}",
                    crate::i18n::io_error(&e)
                )
            );
            return ExitCode::from(2);
        }
    }
    let nothing_checked = nothing_checked(loaded_n, skipped);
    if failed || nothing_checked {
        ExitCode::from(2)
    } else if errors_n > 0 && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `check --statistics`: how many diagnostics of each rule, and of each severity in each file.
struct Statistics {
    /// `(code, name, most severe severity, count)`, most frequent first.
    rules: Vec<(&'static str, &'static str, Severity, usize)>,
    /// `(path, counts)` of the files with any diagnostic, most errors first.
    files: Vec<(String, Counts)>,
}

impl Statistics {
    fn of(paths: &[String], results: &[Vec<Diagnostic>]) -> Statistics {
        let mut by_rule: HashMap<&'static str, (&'static str, Severity, usize)> = HashMap::new();
        let mut files = Vec::new();
        for (path, diagnostics) in paths.iter().zip(results) {
            for d in diagnostics {
                let e = by_rule.entry(d.code).or_insert((d.name, d.severity, 0));
                e.2 += 1;
                if rank(d.severity) < rank(e.1) {
                    e.1 = d.severity;
                }
            }
            if !diagnostics.is_empty() {
                files.push((path.clone(), Counts::of(diagnostics)));
            }
        }
        let mut rules: Vec<_> = by_rule
            .into_iter()
            .map(|(code, (name, sev, n))| (code, name, sev, n))
            .collect();
        rules.sort_by(|a, b| b.3.cmp(&a.3).then(a.0.cmp(b.0)));
        // a stable sort: files with as many errors and warnings keep their input order
        files.sort_by(|(_, a), (_, b)| {
            (b.errors, b.warnings, b.infos).cmp(&(a.errors, a.warnings, a.infos))
        });
        Statistics { rules, files }
    }

    /// Two tables: by rule (count, code, name, severity), by file (errors, warnings, infos, path).
    fn human(&self) -> String {
        use crate::i18n::t;
        use std::fmt::Write as _;
        let mut out = String::new();
        let name_width = self
            .rules
            .iter()
            .map(|r| r.1.len())
            .max()
            .unwrap_or(0)
            .max(4);
        let _ = writeln!(out, "{}", t("按规则统计：", "By rule:"));
        // headers padded by display width (a CJK character is two columns)
        let _ = writeln!(
            out,
            "{}{}",
            t("   次数  规则   名称", "  count  code   name"),
            " ".repeat(name_width - 4) + t("  级别", "  severity")
        );
        for (code, name, sev, n) in &self.rules {
            let _ = writeln!(
                out,
                "{n:>7}  {code}  {name:<name_width$}  {}",
                render::severity_word(*sev)
            );
        }
        let _ = writeln!(out, "\n{}", t("按文件统计：", "By file:"));
        let _ = writeln!(
            out,
            "{}",
            t("   错误  警告  信息  文件", " errors warns infos  path")
        );
        for (path, c) in &self.files {
            let _ = writeln!(
                out,
                "{:>7} {:>5} {:>5}  {path}",
                c.errors, c.warnings, c.infos
            );
        }
        out.push('\n');
        out
    }

    /// `{"rules": [{code, name, severity, count}], "files": [{path, errors, warnings, infos}], "summary"}`.
    fn json(&self, summary: serde_json::Value) -> serde_json::Value {
        serde_json::json!({
            "rules": self.rules.iter().map(|(code, name, sev, n)| serde_json::json!({
                "code": code, "name": name, "severity": sev.as_str(), "count": n,
            })).collect::<Vec<_>>(),
            "files": self.files.iter().map(|(path, c)| serde_json::json!({
                "path": path, "errors": c.errors, "warnings": c.warnings, "infos": c.infos,
            })).collect::<Vec<_>>(),
            "summary": summary,
        })
    }
}

/// Most severe first.
fn rank(s: Severity) -> u8 {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
        Severity::Hint => 3,
    }
}

/// How many reports `export` parses at once.
const EXPORT_CHUNK: usize = 256;

pub fn run_export(args: ExportArgs) -> ExitCode {
    let Some((loaded, failed, skipped)) =
        prepare(&args.input, (Vec::new(), Vec::new()), false, |_| ())
    else {
        return ExitCode::from(2);
    };
    let loaded: Vec<Loaded> = loaded.into_iter().map(|(l, ())| l).collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let format = args.format;
    let reader = nianbao_core::Reader::new();
    // The output of one report, as it is written (JSON: pretty, indented as an element of the array).
    let output = |l: &Loaded| -> String {
        let r = reader.parse_source(&l.source, l.config.template.as_deref());
        let path = l.input.display();
        match format {
            ExportFormat::Json => {
                serde_json::to_string_pretty(&export::to_json(&r, l.text(), &path))
                    .unwrap_or_default()
                    .replace('\n', "\n  ")
            }
            ExportFormat::Jsonl => format!("{}\n", export::to_json(&r, l.text(), &path)),
            ExportFormat::Csv => {
                let mut s = String::new();
                for line in export::to_csv_paged(&r, l.text(), &path, &|at| l.source.page(at)) {
                    s.push_str(&line);
                    s.push('\n');
                }
                s
            }
        }
    };
    let res = (|| -> std::io::Result<()> {
        match format {
            ExportFormat::Json => write!(out, "[")?,
            ExportFormat::Jsonl => {}
            ExportFormat::Csv => writeln!(out, "{}", export::CSV_HEADER)?,
        }
        // parsed in parallel a chunk at a time and written in order: the reports are not all held
        for (n, chunk) in loaded.chunks(EXPORT_CHUNK).enumerate() {
            let texts: Vec<String> = chunk.par_iter().map(output).collect();
            for (i, t) in texts.iter().enumerate() {
                if format == ExportFormat::Json {
                    // the bytes of `to_string_pretty` of the array of every report
                    out.write_all(if n == 0 && i == 0 { b"\n  " } else { b",\n  " })?;
                }
                out.write_all(t.as_bytes())?;
            }
        }
        if format == ExportFormat::Json {
            writeln!(out, "{}", if loaded.is_empty() { "]" } else { "\n]" })?;
        }
        out.flush()
    })();
    if let Err(e) = res {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!(
                "{}",
                tr!(
                    "错误：写输出失败：{}",
                    "error: writing output: {}",
                    crate::i18n::io_error(&e)
                )
            );
            return ExitCode::from(2);
        }
    }
    if failed || nothing_checked(loaded.len(), skipped) {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// A run that checked nothing but skipped files never succeeds (it would look like a clean result).
fn nothing_checked(checked: usize, skipped: usize) -> bool {
    if checked == 0 && skipped > 0 {
        eprintln!(
            "{}",
            tr!(
                "错误：没有检查任何文件（跳过 {skipped} 个不能读的文件）",
                "error: no file checked ({skipped} file(s) of other kinds skipped)"
            )
        );
        return true;
    }
    false
}

pub fn run_rule(args: RuleArgs) -> ExitCode {
    match args.rule {
        None => {
            for m in rules::all() {
                println!(
                    "{}  {:<26} {:<15} {}",
                    m.code,
                    m.name,
                    m.severity_text(),
                    m.summary
                );
            }
            ExitCode::SUCCESS
        }
        Some(name) => match rules::lookup(&name) {
            Some(m) => {
                // where some diagnostics have another severity, say so next to the default (the
                // doc's Severity section says when and why)
                let also = if m.severities().len() > 1 {
                    let severities = m.severities();
                    let others = severities[1..].iter().copied();
                    if crate::i18n::english() {
                        format!(
                            " (also {}: see Severity)",
                            others.map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                        )
                    } else {
                        format!(
                            "（也可能为{}：见 Severity 一节）",
                            others
                                .map(render::severity_word)
                                .collect::<Vec<_>>()
                                .join("、")
                        )
                    }
                } else {
                    String::new()
                };
                println!(
                    "# {} {}\n\n{}{also}\n\n{}\n",
                    m.code,
                    m.name,
                    if crate::i18n::english() {
                        format!("Default severity: {}", m.severity.as_str())
                    } else {
                        format!(
                            "默认级别：{}（{}）",
                            render::severity_word(m.severity),
                            m.severity.as_str()
                        )
                    },
                    m.doc
                );
                ExitCode::SUCCESS
            }
            None => {
                eprintln!(
                    "{}",
                    tr!(
                        "错误：没有规则 \"{name}\"；`nianbao rule` 列出全部规则",
                        "error: unknown rule \"{name}\"; `nianbao rule` lists them"
                    )
                );
                ExitCode::from(2)
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_progress_bar_shows_a_whole_rate() {
        assert!(indicatif::ProgressStyle::with_template(PROGRESS).is_ok());
        assert!(!PROGRESS.contains("per_sec"));
        let en = crate::i18n::english();
        assert_eq!(
            rate_text(2354.3724),
            if en { "2354/s" } else { "2354 份/秒" }
        );
        assert_eq!(rate_text(0.4), if en { "0/s" } else { "0 份/秒" });
        assert_eq!(rate_text(f64::INFINITY), if en { "0/s" } else { "0 份/秒" });
        assert_eq!(
            remaining_text(125),
            if en {
                "2m 5s left"
            } else {
                "剩余 2 分 5 秒"
            }
        );
    }
}
