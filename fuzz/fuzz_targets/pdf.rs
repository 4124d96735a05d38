#![no_main]
//! `cargo fuzz run pdf`: see docs/fuzzing.md. The target and its oracles live in
//! `nianbao_fuzz_oracles::pdf`, which `cargo test` also replays over `fuzz/corpus/pdf/`.
//!
//! The PDF reader catches the panics of the content interpreter it wraps (pdf-extract), by design: a
//! panic is a failure here only when it gets out of `pdf::read` or an oracle fails, so libFuzzer's
//! abort-on-any-panic hook is replaced by an abort on what escapes.

use libfuzzer_sys::fuzz_target;
use nianbao_fuzz_oracles::PdfInput;

fuzz_target!(
    init: {
        std::panic::set_hook(Box::new(|_| {}));
    },
    |input: PdfInput| {
        if std::panic::catch_unwind(|| nianbao_fuzz_oracles::pdf(&input)).is_err() {
            std::process::abort();
        }
    }
);
