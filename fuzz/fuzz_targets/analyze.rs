#![no_main]
//! `cargo fuzz run analyze`: see docs/fuzzing.md. The target and its oracles live in
//! `nianbao_fuzz_oracles::analyze`, which `cargo test` also replays over `fuzz/corpus/analyze/`.

use libfuzzer_sys::fuzz_target;
use nianbao_fuzz_oracles::AnalyzeInput;

fuzz_target!(|input: AnalyzeInput| nianbao_fuzz_oracles::analyze(&input));
