//! `nianbao new` (being written; see the issue tracker).
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct NewArgs {}

pub fn run(_: NewArgs) -> ExitCode {
    eprintln!("nianbao new: not available in this build yet");
    ExitCode::from(2)
}
