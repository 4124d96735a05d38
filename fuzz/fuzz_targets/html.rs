#![no_main]
//! `cargo fuzz run html`: see docs/fuzzing.md. The target and its oracles live in
//! `nianbao_fuzz_oracles::html`, which `cargo test` also replays over `fuzz/corpus/html/`.

use libfuzzer_sys::fuzz_target;
use nianbao_fuzz_oracles::HtmlInput;

fuzz_target!(|input: HtmlInput| nianbao_fuzz_oracles::html(&input));
