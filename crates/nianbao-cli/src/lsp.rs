//! `nianbao lsp`: the language server on stdio (crate `nianbao-lsp`).
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct LspArgs {
    /// 经标准输入输出通信（默认且唯一的方式；编辑器常会加上这个参数，因此接受它）
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
            eprintln!("nianbao lsp: {}", crate::i18n::io_error(&e));
            ExitCode::from(2)
        }
    }
}
