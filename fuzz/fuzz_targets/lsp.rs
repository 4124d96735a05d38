#![no_main]
//! `cargo fuzz run lsp`: see docs/fuzzing.md. The target and its oracles live in
//! `nianbao_fuzz_oracles::lsp`, which `cargo test` also replays over `fuzz/corpus/lsp/`.

use libfuzzer_sys::fuzz_target;
use nianbao_fuzz_oracles::LspInput;

fuzz_target!(|input: LspInput| nianbao_fuzz_oracles::lsp(&input));
