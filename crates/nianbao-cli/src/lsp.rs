//! `nianbao lsp` (being written; see the issue tracker).
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct LspArgs {}

pub fn run(_: LspArgs) -> ExitCode {
    eprintln!("nianbao lsp: not available in this build yet");
    ExitCode::from(2)
}
