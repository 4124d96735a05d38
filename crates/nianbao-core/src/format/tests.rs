//! Unit tests of the formatter on small fixtures; the corpus invariants live in `tests/format.rs`.
use super::*;

fn fmt(s: &str) -> Formatted {
    format(s, &FormatOptions::default())
}

#[test]
fn whitespace_and_final_newline() {
    let f = fmt("一、总体情况  \n\n\n\n本年度……。\u{3000}\n\n");
    assert_eq!(f.text, "一、总体情况\n\n本年度……。\n");
}
