//! `nianbao lsp`: the language server on stdio (crate `nianbao-lsp`).
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct LspArgs {
    /// Talk LSP over stdin/stdout (the default and only transport; accepted because clients add it)
    #[arg(long)]
    stdio: bool,
}

pub fn run(args: LspArgs) -> ExitCode {
    let _ = args.stdio;
    match nianbao_lsp::serve_stdio() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nianbao lsp: {e}");
            ExitCode::from(2)
        }
    }
}
