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
    let after = crate::norm::trim_start(&rest[digits_end..]);
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

/// A `table.row.column` path split once.
type CellPath = Option<(&'static str, &'static str, &'static str)>;

fn split_path(path: &'static str) -> CellPath {
    let t = path.split('.').next()?;
    let rest = path.split_once('.')?.1;
    let (row, col) = rest.rsplit_once('.')?;
    Some((t, row, col))
}

/// A keyword and its searcher. `exact`: its occurrences cannot overlap (no border) and it is not
/// empty, so searching the prose pieces separately finds what one search of the whole text finds.
struct Keyword {
    word: &'static str,
    finder: memchr::memmem::Finder<'static>,
    exact: bool,
}

/// A narrative of the template with its paths split, its label looked up and its searchers built.
struct Narrative {
    source: &'static crate::template::Narrative,
    cells: Vec<CellPath>,
    alternatives: Vec<Vec<CellPath>>,
    keywords: Vec<Keyword>,
    /// The row label of the first cell (the message's 「…」).
    label: &'static str,
}

fn has_border(w: &str) -> bool {
    let b = w.as_bytes();
    (1..b.len()).any(|k| b[..k] == b[b.len() - k..])
}

static NARRATIVES: std::sync::LazyLock<Vec<Vec<Narrative>>> = std::sync::LazyLock::new(|| {
    crate::template::all()
        .iter()
        .map(|tpl| {
            tpl.narratives
                .iter()
                .map(|n| Narrative {
                    source: n,
                    cells: n.cells.iter().map(|p| split_path(p)).collect(),
                    alternatives: n
                        .alternatives
                        .iter()
                        .map(|alt| alt.iter().map(|p| split_path(p)).collect())
                        .collect(),
                    keywords: n
                        .keywords
                        .iter()
                        .map(|k| Keyword {
                            word: k,
                            finder: memchr::memmem::Finder::new(k.as_bytes()),
                            exact: !k.is_empty() && !has_border(k),
                        })
                        .collect(),
                    label: n.cells.first().map_or("", |c| {
                        let (t, rest) = c.split_once('.').unwrap_or_default();
                        tpl.table(t)
                            .and_then(|tt| tt.row(rest.rsplit_once('.').map_or(rest, |x| x.0)))
                            .map_or("", |r| r.label.as_str())
                    }),
                })
                .collect()
        })
        .collect()
});

/// The table sections' bodies and the byte ranges of the text outside them.
type Prose = (Vec<TextRange>, Vec<(usize, usize)>);

/// Byte ranges of the text outside `tables` (sorted, disjoint, non-empty).
fn prose_pieces(len: usize, tables: &[TextRange]) -> Vec<(usize, usize)> {
    let mut covered: Vec<(usize, usize)> = tables
        .iter()
        .map(|t| (usize::from(t.start()), usize::from(t.end()).min(len)))
        .filter(|(s, e)| s < e)
        .collect();
    covered.sort_unstable();
    let mut pieces = Vec::with_capacity(covered.len() + 1);
    let mut at = 0;
    for (s, e) in covered {
        if s > at {
            pieces.push((at, s));
        }
        at = at.max(e);
    }
    if at < len {
        pieces.push((at, len));
    }
    pieces
}

/// The occurrences (of a non-empty word of `len` bytes without border) starting in the pieces, in order.
fn find_in_pieces(
    text: &str,
    pieces: &[(usize, usize)],
    len: usize,
    finder: &memchr::memmem::Finder,
    hits: &mut Vec<usize>,
) {
    for &(s, e) in pieces {
        // an occurrence may start in the piece and run on into a table
        let end = (e + len - 1).min(text.len());
        hits.extend(
            finder
                .find_iter(&text.as_bytes()[s..end])
                .map(|i| s + i)
                .filter(|&at| at < e),
        );
    }
}

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = cx.template else { return };
    let Some(narratives) = super::per_template(tpl, &NARRATIVES) else {
        return;
    };
    let text = cx.text;
    let value = |path: &CellPath| -> Option<(f64, TextRange)> {
        let (t, row, col) = (*path)?;
        let table = cx.report.table(t)?;
        if table.confidence != Confidence::High {
            return None;
        }
        let cell = table.row(row)?.cell(col)?;
        Some((cell.number()?, cell.range))
    };
    let sum = |paths: &[CellPath]| -> Option<(f64, Vec<TextRange>)> {
        let mut total = 0.0;
        let mut ranges = Vec::new();
        for p in paths {
            let (v, r) = value(p)?;
            total += v;
            ranges.push(r);
        }
        Some((total, ranges))
    };
    let sum_value = |paths: &[CellPath]| -> Option<f64> {
        let mut total = 0.0;
        for p in paths {
            total += value(p)?.0;
        }
        Some(total)
    };
    // prose = everything outside the table sections' bodies (computed when a narrative has numbers)
    let mut prose: Option<Prose> = None;
    let mut hits: Vec<usize> = Vec::new();
    let mut seen: Vec<TextRange> = Vec::new();
    for n in narratives {
        let Some((expected, ranges)) = sum(&n.cells) else {
            continue;
        };
        let (tables, pieces) = prose.get_or_insert_with(|| {
            let tables: Vec<TextRange> = cx
                .report
                .sections
                .iter()
                .filter(|s| tpl.section(&s.id).is_some_and(|t| t.table.is_some()))
                .map(|s| s.body)
                .collect();
            let pieces = prose_pieces(text.len(), &tables);
            (tables, pieces)
        });
        let context = &n.source.context;
        for kw in &n.keywords {
            // the keyword's occurrences outside the tables, in text order
            hits.clear();
            if kw.exact {
                find_in_pieces(text, pieces, kw.word.len(), &kw.finder, &mut hits);
            } else {
                hits.extend(
                    text.match_indices(kw.word)
                        .map(|(at, _)| at)
                        .filter(|&at| !tables.iter().any(|t| t.contains(TextSize::from(at as u32)))),
                );
            }
            for &at in &hits {
                let Some((found, range)) = number_after(text, at + kw.word.len(), 16) else {
                    continue;
                };
                let between = &text[at + kw.word.len()..usize::from(range.start())];
                if !context.is_empty() && !context.iter().any(|w| between.contains(w.as_str())) {
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
                    .any(|alt| sum_value(alt).is_some_and(|v| (v - found).abs() < 1e-6))
                {
                    continue;
                }
                let label = n.label;
                let clause_end = (usize::from(range.end()) + 3).min(text.len());
                let mut ce = clause_end;
                while !text.is_char_boundary(ce) {
                    ce += 1;
                }
                let quote = &text[at..ce.min(text.len())];
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

#[cfg(test)]
mod scan_tests {
    use super::*;

    /// Searching the prose pieces finds what searching the whole text and skipping the tables finds.
    #[test]
    fn pieces_find_what_the_whole_text_finds() {
        let text = "新收新收10件，上年结转2件\n行政复议行政复议3件新收；结转下年度新收";
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for kw in ["新收", "行政复议", "结转下年度", "件"] {
            assert!(!has_border(kw));
            let finder = memchr::memmem::Finder::new(kw.as_bytes());
            for (i, &a) in bounds.iter().enumerate() {
                for &b in &bounds[i..] {
                    for &c in &bounds[i..] {
                        let tables = [
                            TextRange::new((a as u32).into(), (b as u32).into()),
                            TextRange::new((c as u32).into(), (text.len() as u32).into()),
                        ];
                        let want: Vec<usize> = text
                            .match_indices(kw)
                            .map(|(at, _)| at)
                            .filter(|&at| !tables.iter().any(|t| t.contains((at as u32).into())))
                            .collect();
                        let mut got = Vec::new();
                        let pieces = prose_pieces(text.len(), &tables);
                        find_in_pieces(text, &pieces, kw.len(), &finder, &mut got);
                        assert_eq!(got, want, "{kw} {a} {b} {c}");
                    }
                }
            }
        }
        assert!(has_border("件件") && has_border("aba") && !has_border("ab"));
    }
}
