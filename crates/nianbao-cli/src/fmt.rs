//! `nianbao fmt` (being written; see the issue tracker).
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct FmtArgs {}

pub fn run(_: FmtArgs) -> ExitCode {
    eprintln!("nianbao fmt: not available in this build yet");
    ExitCode::from(2)
}
