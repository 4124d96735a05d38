//! `nianbao`: one binary for authors, reviewers and CI.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod check;
mod files;
mod render;

#[derive(Parser)]
#[command(name = "nianbao", version, about = "政府信息公开工作年度报告 checker, formatter and language server")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check reports (files, directories, `-` for stdin)
    Check(check::CheckArgs),
    /// Print the structured content of reports (json, jsonl, csv)
    Export(check::ExportArgs),
    /// Explain a rule, or list them all
    Rule(check::RuleArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(a) => check::run_check(a),
        Command::Export(a) => check::run_export(a),
        Command::Rule(a) => check::run_rule(a),
    }
}
