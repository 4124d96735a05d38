#![no_main]
//! `cargo fuzz run format`: see docs/fuzzing.md. The target and its oracles live in
//! `nianbao_fuzz_oracles::format`, which `cargo test` also replays over `fuzz/corpus/format/`.

use libfuzzer_sys::fuzz_target;
use nianbao_fuzz_oracles::FormatInput;

fuzz_target!(|input: FormatInput| nianbao_fuzz_oracles::format(&input));
