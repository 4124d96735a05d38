//! Helpers shared by the end-to-end tests.

use std::path::PathBuf;

/// The repository root: that of the checkout `cargo test` runs in (cargo sets `CARGO_MANIFEST_DIR` for
/// the test process), else the one the tests were built in. A worktree that reuses another checkout's
/// `target/` thus reads and writes its own corpus, not the other's.
pub fn root() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest.parent().unwrap_or(&manifest).to_path_buf()
}

/// A file of the corpus of real reports.
pub fn corpus(name: &str) -> PathBuf {
    root().join("tests/corpus").join(name)
}
