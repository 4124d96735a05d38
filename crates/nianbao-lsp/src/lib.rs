//! `nianbao-lsp`: the language server of nianbao.
//!
//! A thin protocol adapter over `nianbao-core`: documents are kept as ropes and analysed with the
//! core's `analyze_with` (the same rules, configuration discovery and fixes as `nianbao check`);
//! completion, hover, snippets and the outline read the template data. Positions cross the
//! boundary once, in [`snapshot::Snapshot`], in the encoding negotiated at `initialize`.
//!
//! **Architecture invariant:** no report logic here; no label or heading is written in this crate.

mod actions;
mod completion;
mod diagnostics;
mod document;
mod format;
mod hover;
mod outline;
mod pinyin;
mod server;
mod settings;
mod skeleton;
mod snapshot;
mod transport;

#[cfg(test)]
mod tests;
mod workspace;

pub use diagnostics::RULE_DOCS_URL;
pub use server::Backend;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

/// Serve LSP over any byte streams (stdio, pipes in tests and benchmarks) until `exit` or the
/// end of the input. Malformed frames are answered or dropped by [`transport::pump`] before they
/// reach tower-lsp. Returns whether the client asked for `shutdown` first.
pub async fn serve<I, O>(input: I, output: O) -> bool
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite,
{
    let shut_down = Arc::new(AtomicBool::new(false));
    let flag = shut_down.clone();
    let (service, socket) = LspService::new(move |client| Backend::new(client, flag));
    let (guarded, reader) = tokio::io::duplex(1 << 20);
    tokio::spawn(transport::pump(input, guarded));
    Server::new(reader, output, socket).serve(service).await;
    shut_down.load(Ordering::SeqCst)
}

/// Run the language server on stdin/stdout until the client says `exit`. `Ok(true)` when the
/// client shut the server down properly (`shutdown` then `exit`): exit status 0, else 1.
pub fn serve_stdio() -> std::io::Result<bool> {
    // Analyses run on the blocking pool, and so do the reads of stdin and writes to stdout. Tokio
    // grows that pool up to 512 threads when edits arrive faster than they are analysed, and every
    // thread keeps memory of its own (its allocator heap, its stack): memory then grew with the
    // typing speed (tests/abuse, 10,000 rapid edits). The cores plus two for the streams, at least
    // four, keep it bounded; work beyond them waits in the queue.
    let blocking_threads = std::thread::available_parallelism().map_or(4, |n| (n.get() + 2).max(4));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(blocking_threads)
        .enable_all()
        .build()?;
    let clean = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // The stdin reader may still be blocked in a read: do not wait for it.
    runtime.shutdown_background();
    Ok(clean)
}
