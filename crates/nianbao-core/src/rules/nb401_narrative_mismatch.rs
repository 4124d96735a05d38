//! NB401 narrative-mismatch: a number in the prose disagrees with the table (I9).

use super::{num, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Related, Severity};
use crate::model::Confidence;
use text_size::{TextRange, TextSize};

pub static META: RuleMeta = RuleMeta {
    code: "NB401",
    name: "narrative-mismatch",
    severity: Severity::Warning,
    summary: "a number in the prose disagrees with the table",
    doc: r#"## What it checks
Identity I9: counts stated in the prose agree with the tables — 本年新收 N件 with 一、本年新收 总计, 上年结转
with 二, 办结 with （七）总计, 结转下年度 with 四, 行政复议 N件 with the 行政复议 总计, 行政诉讼 N件 with the
two 行政诉讼 totals. 「收到/受理 N件」 may mean 新收 or 新收 + 上年结转: either is accepted.

## Why
Readers quote the prose; a report that says 60 applications in the text and 58 in the table is
contradicting itself.

## Example
「全年共收到政府信息公开申请62件」 while table 三 says 一、本年新收 总计 60 and 二、上年结转 总计 0.

## Fix
Correct the prose or the table; no automatic fix (which one is right is not known)."#,
};

/// Clause terminators: a keyword's number must stand in the same clause.
const STOPS: &[char] = &['。', '；', ';', '\n', '！', '？'];

/// The first 「N件」 after `at` within the clause, at most `window` characters on.
fn number_after(text: &str, at: usize, window: usize) -> Option<(f64, TextRange)> {
    let rest = &text[at..];
    let mut start = None;
    for (n, (i, c)) in rest.char_indices().enumerate() {
        if n > window || STOPS.contains(&c) {
            break;
        }
        if c.is_ascii_digit() {
            start = Some(i);
            break;
        }
    }
    let s = start?;
    let digits_end = rest[s..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(rest.len(), |e| s + e);
    let after = rest[digits_end..].trim_start_matches(crate::norm::is_space);
    if !after.starts_with('件') || rest[digits_end..].starts_with('.') {
        return None;
    }
    let v: f64 = rest[s..digits_end].parse().ok()?;
    Some((
        v,
        TextRange::new(
            TextSize::from((at + s) as u32),
            TextSize::from((at + digits_end) as u32),
        ),
    ))
}

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = cx.template else { return };
    // prose = everything outside the table sections' bodies
    let tables: Vec<TextRange> = cx
        .report
        .sections
        .iter()
        .filter(|s| tpl.section(&s.id).is_some_and(|t| t.table.is_some()))
        .map(|s| s.body)
        .collect();
    let value = |path: &str| -> Option<(f64, TextRange)> {
        let mut p = path.splitn(3, '.');
        let (t, rest) = (p.next()?, path.split_once('.')?.1);
        let (row, col) = rest.rsplit_once('.')?;
        let table = cx.report.table(t)?;
        if table.confidence != Confidence::High {
            return None;
        }
        let cell = table.row(row)?.cell(col)?;
        Some((cell.number()?, cell.range))
    };
    let sum = |paths: &[String]| -> Option<(f64, Vec<TextRange>)> {
        let mut total = 0.0;
        let mut ranges = Vec::new();
        for p in paths {
            let (v, r) = value(p)?;
            total += v;
            ranges.push(r);
        }
        Some((total, ranges))
    };
    let mut seen: Vec<TextRange> = Vec::new();
    for n in &tpl.narratives {
        let Some((expected, ranges)) = sum(&n.cells) else {
            continue;
        };
        for kw in &n.keywords {
            for (at, _) in cx.text.match_indices(kw.as_str()) {
                if tables.iter().any(|t| t.contains(TextSize::from(at as u32))) {
                    continue;
                }
                let Some((found, range)) = number_after(cx.text, at + kw.len(), 16) else {
                    continue;
                };
                let between = &cx.text[at + kw.len()..usize::from(range.start())];
                if !n.context.is_empty() && !n.context.iter().any(|w| between.contains(w.as_str()))
                {
                    continue;
                }
                if seen.contains(&range) {
                    continue;
                }
                seen.push(range);
                if (found - expected).abs() < 1e-6 {
                    continue;
                }
                if n.alternatives
                    .iter()
                    .any(|alt| sum(alt).is_some_and(|(v, _)| (v - found).abs() < 1e-6))
                {
                    continue;
                }
                let (t, rest) = n.cells[0].split_once('.').unwrap_or_default();
                let label = tpl
                    .table(t)
                    .and_then(|tt| tt.row(rest.rsplit_once('.').map_or(rest, |x| x.0)))
                    .map_or(String::new(), |r| r.label.clone());
                let clause_end = (usize::from(range.end()) + 3).min(cx.text.len());
                let mut ce = clause_end;
                while !cx.text.is_char_boundary(ce) {
                    ce += 1;
                }
                let quote = &cx.text[at..ce.min(cx.text.len())];
                out.push(
                    cx.diag(
                        &META,
                        range,
                        format!(
                            "正文「{quote}」为 {}，但表格中「{label}」{} = {}",
                            num(found),
                            if n.cells.len() > 1 { "合计" } else { "" },
                            num(expected)
                        ),
                    )
                    .with_related(
                        ranges
                            .iter()
                            .map(|r| Related {
                                range: *r,
                                message: "表格中的数值".into(),
                            })
                            .collect(),
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_numbers() {
        let t = "全年共收到各类政府信息公开申请60件，全部为自然人申请";
        let at = t.find("收到").unwrap() + "收到".len();
        assert_eq!(number_after(t, at, 16).unwrap().0, 60.0);
        let t = "共收到。申请60件";
        assert!(number_after(t, t.find("收到").unwrap() + 6, 16).is_none());
    }
}
