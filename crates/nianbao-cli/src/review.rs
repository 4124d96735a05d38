//! `nianbao review`: the reviewer's roll-up of many reports (INTERFACES.md). Reads every input in
//! parallel and keeps of each only its review (`nianbao_core::review`), never its text; last year's
//! report of the same organ is compared by reading this year's file again.

use crate::files;
use nianbao_core::review::{self, Reviewed};
use nianbao_core::source::Source;
use nianbao_core::{Checked, Config, TextSize};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReviewFormat {
    Html,
    Json,
    Csv,
}

#[derive(clap::Args)]
pub struct ReviewArgs {
    /// 报告文件和目录（目录中的各类报告文件都会读取）；默认为当前目录
    pub paths: Vec<PathBuf>,
    /// 应报送单位清单：CSV（表头 name,parent）或 TOML（[[units]] name = …, parent = …）
    #[arg(long)]
    pub units: Option<PathBuf>,
    /// 输出格式
    #[arg(long, value_enum, default_value = "html")]
    pub format: ReviewFormat,
    /// 写入此文件（默认写到标准输出）
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    /// 只审核这些规则（代码、名称或前缀，如 NB3；逗号分隔或重复给出）
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// 不审核这些规则
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
}

/// The page of an offset in a source's text (PDF input), else `None`.
fn page_in<'a>(source: &'a Source<'a>) -> impl Fn(usize) -> Option<u32> + 'a {
    |offset| source.page(TextSize::from(offset as u32))
}

/// Last year's report of the same organ, where the batch holds it: the cross-year rules and the share of
/// repeated prose. `source_of(i, with)` hands the `i`-th report's source to `with` (read again from disk
/// by `review`, kept in memory by `serve`), so that no batch holds every source at once.
pub(crate) fn add_previous_years(
    reviewed: &mut [Reviewed],
    config: &Config,
    source_of: impl Fn(usize, &mut dyn FnMut(&Source)) + Sync,
) {
    let previous = review::previous_years(reviewed);
    let before: HashMap<usize, Checked> = previous
        .iter()
        .flatten()
        .map(|&j| (j, reviewed[j].checked.clone()))
        .collect();
    reviewed
        .par_iter_mut()
        .enumerate()
        .zip(previous.par_iter())
        .for_each(|((i, r), p)| {
            if let Some(prev) = p.and_then(|j| before.get(&j)) {
                source_of(i, &mut |source| {
                    r.add_previous_year_source(source, config, prev, &page_in(source))
                });
            }
        });
}

fn progress(n: usize, message: &'static str) -> Option<indicatif::ProgressBar> {
    if n < 20 || !std::io::stderr().is_terminal() {
        return None;
    }
    let pb = indicatif::ProgressBar::new(n as u64);
    // the same bar as `check`: a whole rate (「2354 份/秒」), the time left in words
    pb.set_style(crate::check::progress_style());
    pb.set_message(message);
    Some(pb)
}

/// The review in a format, written as it is made.
fn write(result: &review::Review, format: ReviewFormat, w: &mut dyn Write) -> std::io::Result<()> {
    match format {
        ReviewFormat::Html => w.write_all(result.to_html().as_bytes()),
        ReviewFormat::Json => result.write_json(w),
        ReviewFormat::Csv => result.write_csv(w),
    }
}

pub fn run(args: ReviewArgs) -> ExitCode {
    rayon::spawn(nianbao_core::warm_up);
    let expected = match &args.units {
        None => None,
        Some(p) => {
            let text = match std::fs::read(p) {
                Ok(b) => nianbao_core::decode::decode_vec(b).text,
                Err(e) => {
                    eprintln!(
                        "{}",
                        crate::tr!(
                            "错误：无法读取单位清单 {}：{}",
                            "error: cannot read the units file {}: {}",
                            p.display(),
                            e
                        )
                    );
                    return ExitCode::from(2);
                }
            };
            let toml = p
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
            match review::parse_units(&text, toml) {
                Ok(u) => Some(u),
                Err(e) => {
                    eprintln!(
                        "{}",
                        crate::tr!("错误：{}：{}", "error: {}: {}", p.display(), e)
                    );
                    return ExitCode::from(2);
                }
            }
        }
    };
    let collected = files::collect(&args.paths, None);
    for e in &collected.errors {
        eprintln!("{}", crate::tr!("错误：{}", "error: {}", e));
    }
    files::report_skipped(&collected.skipped);
    let inputs = collected.inputs;
    let errors = collected.errors;
    let mut config = Config::default();
    if let Err(e) = config.set_selection(&args.select, &args.ignore) {
        eprintln!("{}", crate::tr!("错误：{}", "error: {}", e));
        return ExitCode::from(2);
    }
    let keep_cells = expected.is_some();
    let pb = progress(inputs.len(), crate::i18n::t("审核", "reviewing"));
    let reader = nianbao_core::Reader::new();
    let mut reviewed: Vec<Reviewed> = inputs
        .par_iter()
        .map(|input| {
            let path = input.display();
            let r = match files::read(input) {
                Ok(source) => review::review_source(
                    &reader,
                    &path,
                    &source,
                    &config,
                    keep_cells,
                    &page_in(&source),
                ),
                Err(e) => Reviewed {
                    // a problem of the review, in the report's language like the diagnostics
                    unit: review::Unit::unreadable(&path, &format!("无法读取：{e}")),
                    checked: Checked::default(),
                },
            };
            if let Some(pb) = &pb {
                pb.inc(1);
            }
            r
        })
        .collect();
    if let Some(pb) = pb {
        pb.finish_and_clear();
    }
    add_previous_years(&mut reviewed, &config, |i, with| {
        if let Ok(source) = files::read(&inputs[i]) {
            with(&source);
        }
    });
    let units: Vec<review::Unit> = reviewed.into_iter().map(|r| r.unit).collect();
    let result = review::roll_up(units, expected.as_deref());
    let written = match &args.output {
        Some(p) => std::fs::File::create(p)
            .and_then(|f| {
                let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
                write(&result, args.format, &mut w)?;
                w.flush()
            })
            .map_err(|e| format!("{}：{e}", p.display())),
        None => {
            let mut w = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            write(&result, args.format, &mut w)
                .and_then(|_| w.flush())
                .map_err(|e| e.to_string())
        }
    };
    if let Err(e) = written {
        eprintln!(
            "{}",
            crate::tr!(
                "错误：无法写出审核结果：{}",
                "error: cannot write the review: {}",
                e
            )
        );
        return ExitCode::from(2);
    }
    let s = result.summary();
    let written_to = args
        .output
        .as_ref()
        .map_or(String::new(), |p| p.display().to_string());
    let line = crate::tr!(
        "已审核 {} 份报告：错误 {} 处，警告 {} 处，提示 {} 处；无法读取 {} 份；未报送 {} 个单位",
        "Reviewed {} reports: {} errors, {} warnings, {} infos; {} unreadable; {} units missing",
        s["units"],
        s["errors"],
        s["warnings"],
        s["infos"],
        s["unreadable"],
        s["missing"]
    );
    if written_to.is_empty() {
        eprintln!("{line}");
    } else {
        eprintln!(
            "{line}{}",
            crate::tr!("。已写入 {}", ". Written to {}", written_to)
        );
    }
    if !errors.is_empty() || (result.units.is_empty() && expected.is_none()) {
        if result.units.is_empty() {
            eprintln!(
                "{}",
                crate::tr!(
                    "错误：没有找到可审核的报告",
                    "error: no report found to review"
                )
            );
        }
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}
