#![no_main]
//! `cargo fuzz run docx`: see docs/fuzzing.md. The target and its oracles live in
//! `nianbao_fuzz_oracles::docx`, which `cargo test` also replays over `fuzz/corpus/docx/`.

use libfuzzer_sys::fuzz_target;
use nianbao_fuzz_oracles::DocxInput;

fuzz_target!(|input: DocxInput| nianbao_fuzz_oracles::docx(&input));
