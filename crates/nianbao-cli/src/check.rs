use std::process::ExitCode;
#[derive(clap::Args)]
pub struct CheckArgs {}
#[derive(clap::Args)]
pub struct ExportArgs {}
#[derive(clap::Args)]
pub struct RuleArgs {}
pub fn run_check(_: CheckArgs) -> ExitCode { ExitCode::SUCCESS }
pub fn run_export(_: ExportArgs) -> ExitCode { ExitCode::SUCCESS }
pub fn run_rule(_: RuleArgs) -> ExitCode { ExitCode::SUCCESS }
