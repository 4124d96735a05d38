//! `nianbao lsp`: the language server on stdio (crate `nianbao-lsp`).
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct LspArgs {
    /// Talk LSP over stdin/stdout (the default and only transport; accepted because clients add it)
    #[arg(long)]
    stdio: bool,
}

/// Exit status as the protocol says: 0 after `shutdown` then `exit`, 1 when the client exited
/// (or closed stdin) without `shutdown`; 2 when the server could not start.
pub fn run(args: LspArgs) -> ExitCode {
    let _ = args.stdio;
    match nianbao_lsp::serve_stdio() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("nianbao lsp: {e}");
            ExitCode::from(2)
        }
    }
}
