//! `nianbao`: one binary for authors, reviewers and CI.

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::process::ExitCode;

// The parser and rules make many small allocations; mimalloc serves them faster than glibc's malloc
// (about a quarter of all instructions were malloc/free), and keeps per-thread heaps for rayon.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod check;
mod files;
mod fmt;
mod help;
mod i18n;
mod lsp;
mod new;
mod render;
mod review;

/// 政府信息公开工作年度报告的检查、格式化工具和语言服务器
#[derive(Parser)]
#[command(name = "nianbao", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 检查报告（文件、目录，`-` 读标准输入）
    Check(check::CheckArgs),
    /// 格式化报告（原地、原子地改写），或只检查 / 显示差异
    Fmt(fmt::FmtArgs),
    /// 输出报告的结构化内容（json、jsonl、csv）
    Export(check::ExportArgs),
    /// 在标准输入输出上运行语言服务器
    Lsp(lsp::LspArgs),
    /// 解释一条规则，或列出全部规则
    Rule(check::RuleArgs),
    /// 按年度模板写一份空白报告
    New(new::NewArgs),
    /// 审核汇总：一个地区各单位的年度报告（html、json、csv）
    Review(review::ReviewArgs),
}

fn main() -> ExitCode {
    let matches = match help::localize(Cli::command()).try_get_matches() {
        Ok(m) => m,
        Err(e) => return argument_error(e),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return argument_error(e),
    };
    match cli.command {
        Command::Check(a) => check::run_check(a),
        Command::Fmt(a) => fmt::run(a),
        Command::Export(a) => check::run_export(a),
        Command::Lsp(a) => lsp::run(a),
        Command::Rule(a) => check::run_rule(a),
        Command::New(a) => new::run(a),
        Command::Review(a) => review::run(a),
    }
}

/// `--help` and `--version` print and exit 0; a bad command line is explained in the locale's words,
/// exit 2.
fn argument_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::from(2)
        }
        _ => {
            eprint!("{}", help::error_message(&e));
            ExitCode::from(2)
        }
    }
}
