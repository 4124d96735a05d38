//! Any input gives a report, never a panic: random text, random bytes, random edits of real reports.

use nianbao_core::{analyze, decode, diagnostic::apply_edits, Config, TextRange};
use proptest::prelude::*;

fn seeds() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    v.sort();
    v
}

/// Every range a diagnostic or fix carries lies inside the text, on character boundaries.
fn check_ranges(text: &str) {
    let a = analyze(text, &Config::default());
    let ok = |r: TextRange| {
        let (s, e) = (usize::from(r.start()), usize::from(r.end()));
        s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
    };
    for d in &a.diagnostics {
        assert!(ok(d.range), "{d:?}");
        for r in &d.related {
            assert!(ok(r.range));
        }
        if let Some(f) = &d.fix {
            for e in &f.edits {
                assert!(ok(e.range));
            }
            let _ = apply_edits(text, &f.edits);
        }
    }
}

/// Characters that matter to the parser: digits, separators, labels' characters, odd whitespace, astral.
fn report_char() -> impl Strategy<Value = char> {
    prop_oneof![
        Just('\n'),
        Just('\t'),
        Just('|'),
        Just(' '),
        Just('\u{3000}'),
        Just('\u{00A0}'),
        Just('、'),
        Just('（'),
        Just(')'),
        Just('𠮷'),
        Just('#'),
        proptest::char::range('0', '9'),
        prop::sample::select(
            "一二三四五六七总体情况主动公开政府信息申请数量结转本年新收其他处理计"
                .chars()
                .collect::<Vec<_>>()
        ),
        any::<char>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics(chars in prop::collection::vec(report_char(), 0..600)) {
        let text: String = chars.into_iter().collect();
        check_ranges(&text);
    }

    #[test]
    fn random_bytes_decode_and_analyze(bytes in prop::collection::vec(any::<u8>(), 0..800)) {
        let d = decode::decode(&bytes);
        check_ranges(&d.text);
    }

    #[test]
    fn random_edits_of_seeds(seed in 0usize..5, edits in prop::collection::vec((0.0f64..1.0, 0usize..40, prop::collection::vec(report_char(), 0..12)), 1..8)) {
        let mut text = seeds()[seed].clone();
        for (at, del, ins) in edits {
            let mut s = ((text.len() as f64) * at) as usize;
            while !text.is_char_boundary(s) { s -= 1; }
            let mut e = (s + del).min(text.len());
            while !text.is_char_boundary(e) { e += 1; }
            let ins: String = ins.into_iter().collect();
            text.replace_range(s..e, &ins);
        }
        check_ranges(&text);
    }
}

#[test]
fn pathological_inputs() {
    for text in [
        "\n".repeat(100_000),
        "一、总体情况\n".repeat(5_000),
        "三、收到和处理政府信息公开申请情况\n".to_string() + &"0\t".repeat(200_000),
        "三、收到和处理政府信息公开申请情况\n".to_string() + &"（一）予以公开\n".repeat(20_000),
        "|".repeat(100_000),
        "<!--".repeat(10_000),
        "𠮷".repeat(50_000),
        "\r\n".repeat(10_000),
    ] {
        check_ranges(&text);
    }
}
