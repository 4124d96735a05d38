//! NB402 percentage-mismatch: a percentage in the prose is not count / denominator (I10).

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Related, Severity};
use text_size::{TextRange, TextSize};

pub static META: RuleMeta = RuleMeta {
    code: "NB402",
    name: "percentage-mismatch",
    severity: Severity::Warning,
    summary: "a percentage in the prose is not count / denominator",
    doc: r#"## What it checks
Identity I10: a percentage written after a count (「…42件，占51.85%」) equals the count divided by the total
stated just before it in the same passage (「共收到申请81件」), rounded as written.

## Why
Percentages are computed by hand and often left over from last year's text.

## Example
「共收到申请81件，其中予以公开42件，占51.85%」 is right (42/81 = 51.85%); 「占52.85%」 is not.

## Fix
Recompute the percentage; no automatic fix."#,
};

const UNITS: &[char] = &['件', '条', '项', '个', '次'];

fn int_before(text: &str, end: usize) -> Option<(u64, usize)> {
    let d = text[..end]
        .bytes()
        .rev()
        .take_while(u8::is_ascii_digit)
        .count();
    (d > 0 && d <= 12).then(|| (text[end - d..end].parse().unwrap_or(0), end - d))
}

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let text = cx.text;
    let bytes = text.as_bytes();
    // 「%」 (one byte) and 「％」 (EF BC 85): one vectorised pass over the bytes, no UTF-8 decoding
    for p in memchr::memchr2_iter(b'%', 0xEF, bytes) {
        let pc_len = if bytes[p] == b'%' {
            1
        } else if bytes.get(p + 1..p + 3) == Some(&[0xBC, 0x85]) {
            3
        } else {
            continue;
        };
        // the percentage: digits and one decimal point before the sign
        let num_start = text[..p]
            .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
            .map_or(0, |i| {
                i + text[i..].chars().next().map_or(1, char::len_utf8)
            });
        let written = &text[num_start..p];
        let Ok(percent) = written.parse::<f64>() else {
            continue;
        };
        // 「占」 right before it, and the count right before that: 「42件，占51.85%」
        let head = text[..num_start].trim_end_matches(['比', ' ']);
        let Some(head) = head.strip_suffix('占') else {
            continue;
        };
        let head = head.trim_end_matches(['，', ',', '、', ' ']);
        let Some(head_unit) = head.chars().next_back().filter(|c| UNITS.contains(c)) else {
            continue;
        };
        let count_end = head.len() - head_unit.len_utf8();
        let Some((count, count_start)) = int_before(text, count_end) else {
            continue;
        };
        // the denominator: the nearest 「共M件」 before the count, within the passage
        let window_start = text[..count_start]
            .char_indices()
            .rev()
            .nth(120)
            .map_or(0, |(i, _)| i);
        let window = &text[window_start..count_start];
        let Some(g) = window.rfind('共') else {
            continue;
        };
        // 「共81件」 or 「共收到申请81件」: the first number within a few characters after 「共」
        let mut g = window_start + g + '共'.len_utf8();
        for (n, (i, c)) in text[g..count_start].char_indices().enumerate() {
            if c.is_ascii_digit() || n > 12 || !crate::parse::is_han(c) {
                g += i;
                break;
            }
        }
        let digits = text[g..].bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || !text[g + digits..].starts_with(UNITS) {
            continue;
        }
        let Ok(total) = text[g..g + digits].parse::<f64>() else {
            continue;
        };
        if total == 0.0 || text[g + digits..count_start].contains(['。', '\n']) {
            continue;
        }
        let decimals = written.split('.').nth(1).map_or(0, str::len) as i32;
        let expected = count as f64 / total * 100.0;
        let tolerance = 0.5 * 10f64.powi(-decimals) + 1e-9;
        if (expected - percent).abs() <= tolerance {
            continue;
        }
        out.push(
            cx.diag(
                &META,
                TextRange::new(
                    (num_start as u32).into(),
                    TextSize::from((p + pc_len) as u32),
                ),
                format!(
                    "{count}{head_unit}占共 {} {}的 {:.*}%，正文写的是 {written}%",
                    &text[g..g + digits],
                    &text[g + digits..]
                        .chars()
                        .next()
                        .map(String::from)
                        .unwrap_or_default(),
                    decimals.max(0) as usize,
                    expected
                ),
            )
            .with_related(vec![Related {
                range: TextRange::new((g as u32).into(), ((g + digits) as u32).into()),
                message: "总数".into(),
            }]),
        );
    }
}

#[cfg(test)]
mod tests {
    fn codes(text: &str) -> Vec<String> {
        super::super::messages(text, "NB402")
    }

    #[test]
    fn percentages() {
        let t = "某县2021年政府信息公开工作年度报告\n一、总体情况\n共收到申请81件，其中予以公开42件，占51.85%。\n";
        assert!(codes(t).is_empty());
        let bad = t.replace("51.85", "52.85");
        assert_eq!(
            codes(&bad),
            vec!["42件占共 81 件的 51.85%，正文写的是 52.85%".to_string()]
        );
        assert!(codes("公开率100%，共收到。").is_empty());
    }
}
