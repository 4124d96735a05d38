//! `nianbao`: one binary for authors, reviewers and CI.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

// The parser and rules make many small allocations; mimalloc serves them faster than glibc's malloc
// (about a quarter of all instructions were malloc/free), and keeps per-thread heaps for rayon.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod check;
mod files;
mod fmt;
mod lsp;
mod new;
mod render;
mod review;
mod serve;

#[derive(Parser)]
#[command(
    name = "nianbao",
    version,
    about = "政府信息公开工作年度报告 checker, formatter and language server"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check reports (files, directories, `-` for stdin)
    Check(check::CheckArgs),
    /// Format reports in place (atomically), or check / diff
    Fmt(fmt::FmtArgs),
    /// Print the structured content of reports (json, jsonl, csv)
    Export(check::ExportArgs),
    /// Run the language server on stdio
    Lsp(lsp::LspArgs),
    /// Explain a rule, or list them all
    Rule(check::RuleArgs),
    /// Write a blank report in the template of a year
    New(new::NewArgs),
    /// 审核汇总：一个地区各单位的年度报告（html、json、csv）
    Review(review::ReviewArgs),
    /// 本机网页版检查器：在浏览器中检查报告、批量审核
    Serve(serve::ServeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(a) => check::run_check(a),
        Command::Fmt(a) => fmt::run(a),
        Command::Export(a) => check::run_export(a),
        Command::Lsp(a) => lsp::run(a),
        Command::Rule(a) => check::run_rule(a),
        Command::New(a) => new::run(a),
        Command::Review(a) => review::run(a),
        Command::Serve(a) => serve::run(a),
    }
}
