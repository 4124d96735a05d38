//! Helpers shared by the end-to-end tests.

use std::path::PathBuf;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// A file of the corpus of real reports.
pub fn corpus(name: &str) -> PathBuf {
    root().join("tests/corpus").join(name)
}
