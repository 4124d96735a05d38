//! NB405 narrative-sum: a prose total disagrees with its listed parts.

use super::{num, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Related, Severity};
use text_size::{TextRange, TextSize};

pub static META: RuleMeta = RuleMeta {
    code: "NB405",
    name: "narrative-sum",
    severity: Severity::Warning,
    summary: "a prose total disagrees with its listed parts",
    doc: r#"## What it checks
A total stated in the prose and followed by its breakdown adds up: 「共N条，其中/包含/包括 A条、B条…」
means N = A + B + ….

## Why
Breakdowns are retyped from several sources; a part changed without the total (or the reverse) is a common
slip that readers notice at once.

## Example
「公开政府信息共9741条，包含政府网站公开信息4019条，政务微信公开信息1110条，其他方式公开信息4612条」 adds up;
「共9741条，包含……4019条……1110条……4600条」 would not (9729).

## Fix
Correct the total or the part; no automatic fix."#,
};

const UNITS: &[char] = &['件', '条', '项', '个', '次', '篇', '期', '场'];
const INTROS: &[&str] = &["其中", "包含", "包括", "分别为", "分别是"];

/// An integer starting at byte `i` (ASCII digits), with its end.
fn int_at(text: &str, i: usize) -> Option<(u64, usize)> {
    let d = text[i..].bytes().take_while(u8::is_ascii_digit).count();
    (d > 0 && d <= 12).then(|| (text[i..i + d].parse().unwrap_or(0), i + d))
}

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let text = cx.text;
    let tables: Vec<TextRange> = cx
        .report
        .sections
        .iter()
        .filter(|s| {
            cx.template
                .and_then(|t| t.section(&s.id))
                .is_some_and(|t| t.table.is_some())
        })
        .map(|s| s.body)
        .collect();
    for (at, _) in text.match_indices('共') {
        if tables.iter().any(|t| t.contains(TextSize::from(at as u32))) {
            continue;
        }
        let start = at + '共'.len_utf8();
        let Some((total, end)) = int_at(text, start) else {
            continue;
        };
        let Some(unit) = text[end..].chars().next().filter(|c| UNITS.contains(c)) else {
            continue;
        };
        let after = end + unit.len_utf8();
        let rest = text[after..].trim_start_matches(['，', ',', '：', ':']);
        let Some(intro) = INTROS.iter().find(|p| rest.starts_with(**p)) else {
            continue;
        };
        let list_start = text.len() - rest.len() + intro.len();
        let sentence_end = text[list_start..]
            .find(['。', '；', ';', '\n'])
            .map_or(text.len(), |e| list_start + e);
        // the parts: numbers of the clause, except years, percentages, ordinals and numbers inside 《》
        let mut parts: Vec<(u64, TextRange)> = Vec::new();
        let mut i = list_start;
        while i < sentence_end {
            let c = text[i..].chars().next().unwrap_or(' ');
            if c.is_ascii_digit() && !text[..i].ends_with(|p: char| p.is_ascii_digit() || p == '.')
            {
                if let Some((v, e)) = int_at(text, i) {
                    let next = text[e..].chars().next().unwrap_or(' ');
                    let skip = matches!(
                        next,
                        '年' | '月' | '日' | '%' | '％' | '.' | '号' | '期' | '家' | '人' | '万'
                    ) || text[..i].ends_with('第');
                    if !skip {
                        parts.push((v, TextRange::new((i as u32).into(), (e as u32).into())));
                    }
                    i = e;
                    continue;
                }
            }
            i += c.len_utf8();
        }
        if parts.len() < 2 {
            continue;
        }
        let sum: u64 = parts.iter().map(|p| p.0).sum();
        if sum == total {
            continue;
        }
        let listed: Vec<String> = parts.iter().map(|p| p.0.to_string()).collect();
        out.push(
            cx.diag(
                &META,
                TextRange::new((start as u32).into(), (end as u32).into()),
                format!(
                    "正文说共 {total}{unit}，但后面列出的各项 {} = {}",
                    listed.join("+"),
                    num(sum as f64)
                ),
            )
            .with_related(
                parts
                    .iter()
                    .map(|p| Related {
                        range: p.1,
                        message: format!("{}", p.0),
                    })
                    .collect(),
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    fn codes(text: &str) -> Vec<String> {
        super::super::messages(text, "NB405")
    }

    #[test]
    fn sums() {
        let ok = "某县2021年政府信息公开工作年度报告\n一、总体情况\n公开政府信息共9741条，包含政府网站公开信息4019条，政务微信公开信息1110，其他方式公开信息4612条。\n二、主动公开政府信息情况\n";
        assert!(codes(ok).is_empty());
        let bad = ok.replace("4612条", "4600条");
        assert_eq!(
            codes(&bad),
            vec!["正文说共 9741条，但后面列出的各项 4019+1110+4600 = 9729".to_string()]
        );
        let years = "某县2021年政府信息公开工作年度报告\n一、总体情况\n共收到申请60件，其中2021年1月收到58件，2件为线下，办结率100%。\n";
        assert!(codes(years).is_empty(), "{:?}", codes(years));
    }
}
