//! NB408 active-counts: prose counts of 规章/规范性文件 disagree with table 二.

use super::prose::{self, CLAUSE};
use super::{column_header, num, row_label, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Related, Severity};
use crate::model::Confidence;
use crate::template::RowWords;
use text_size::{TextRange, TextSize};

pub static META: RuleMeta = RuleMeta {
    code: "NB408",
    name: "active-counts",
    severity: Severity::Warning,
    summary: "prose counts of 规章/规范性文件 issued, repealed or in force disagree with table 二",
    doc: r#"## What it checks
Where the prose counts 规章 or 规范性文件 issued, repealed or in force — 「本年制发行政规范性文件3件，废止2件，
现行有效45件」 — each count agrees with the cell of table 二 (`2021`: 本年制发件数, 本年废止件数, 现行有效件数;
`2019`: 本年新制作数量). A clause without a row word counts for the row last named in the sentence; a clause
naming both rows is not read, nor are sentences about other years (「2020年以来」「累计」「清理」). The words are
those of `[words] active_rows` and `active_columns` in the template data. Table 二 must have been read with
confidence.

## Why
The prose and table 二 describe the same documents; a difference means one of them was not updated.

## Example
「本年度制发行政规范性文件8件，废止2件，现行有效69件」 while table 二's 行政规范性文件 row reads 8, 10, 69.

## Fix
Correct the prose or the table; no automatic fix."#,
};

fn range(s: usize, e: usize) -> TextRange {
    TextRange::new(TextSize::from(s as u32), TextSize::from(e as u32))
}

/// The rows named in a clause (a word found that is not part of an excluded longer word).
fn rows_named<'w>(clause: &str, rows: &'w [RowWords]) -> Vec<&'w RowWords> {
    rows.iter()
        .filter(|r| {
            r.words.iter().any(|w| {
                !w.is_empty()
                    && clause.match_indices(w.as_str()).any(|(at, _)| {
                        !r.exclude.iter().any(|x| {
                            x.find(w.as_str()).is_some_and(|k| {
                                at >= k && clause[at - k..].starts_with(x.as_str())
                            })
                        })
                    })
            })
        })
        .collect()
}

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = cx.template else { return };
    let Some((table, t)) = cx.table("active") else {
        return;
    };
    if table.confidence != Confidence::High {
        return;
    }
    let w = &tpl.words;
    let text = cx.text;
    let row_words: Vec<String> = w.active_rows.iter().flat_map(|r| r.words.clone()).collect();
    for (ss, se) in prose::sentences_with(cx.report, text, &row_words) {
        let sentence = &text[ss..se];
        if w.skip.iter().any(|k| sentence.contains(k.as_str()))
            || prose::other_year(sentence, cx.report.year)
        {
            continue;
        }
        let mut row: Option<&str> = None;
        let mut at = 0;
        for clause in sentence.split_inclusive(CLAUSE) {
            let c0 = at;
            at += clause.len();
            match rows_named(clause, &w.active_rows)[..] {
                [] => {}
                [one] => row = one.row.as_deref(),
                _ => {
                    row = None;
                    continue;
                }
            }
            let Some(row_id) = row else { continue };
            let Some(col) = w
                .active_columns
                .iter()
                .filter_map(|c| {
                    c.words
                        .iter()
                        .filter_map(|x| clause.find(x.as_str()).map(|p| p + x.len()))
                        .min()
                        .map(|p| (p, c))
                })
                .min_by_key(|x| x.0)
            else {
                continue;
            };
            let Some((v, ds, de, _)) = prose::counts(clause, &w.count_units)
                .into_iter()
                .find(|c| c.1 >= col.0)
            else {
                continue;
            };
            let column = col.1.column.as_str();
            let Some(cell) = table.row(row_id).and_then(|r| r.cell(column)) else {
                continue;
            };
            let Some(expected) = cell.number() else { continue };
            if (expected - v).abs() < 1e-6 {
                continue;
            }
            let quote: String = crate::norm::trim(sentence).chars().take(50).collect();
            out.push(
                cx.diag(
                    &META,
                    range(ss + c0 + ds, ss + c0 + de),
                    format!(
                        "正文「{quote}」称{}「{}」{} 件，但表格二中为 {}",
                        row_label(t, row_id),
                        column_header(t, column),
                        num(v),
                        num(expected)
                    ),
                )
                .with_related(vec![Related {
                    range: cell.range,
                    message: "表格中的数值".into(),
                }]),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::messages;

    fn report(sentence: &str) -> String {
        let b = crate::blank::blank_report(2024, "测试县人民政府", crate::format::table::Family::Text)
            .unwrap();
        let row = b.lines().find(|l| l.starts_with("行政规范性文件")).unwrap().to_string();
        b.replacen(&row, "行政规范性文件\t3\t1\t45", 1)
            .replacen("（请填写本年度主动公开工作情况。）", sentence, 1)
    }

    #[test]
    fn fires_on_the_documented_example() {
        let t = report("本年度制发行政规范性文件3件，废止2件，现行有效45件。");
        let a = crate::analyze(&t, &crate::Config::default());
        assert!(!a.diagnostics.iter().any(|d| d.code.starts_with("NB2")), "{:?}", a.diagnostics);
        let m = messages(&t, "NB408");
        assert_eq!(m.len(), 1, "{m:?}\n{t}");
        assert!(m[0].contains("本年废止件数") && m[0].contains("2 件") && m[0].contains("为 1"), "{m:?}");
        let d = a.diagnostics.iter().find(|d| d.code == "NB408").unwrap();
        assert_eq!(usize::from(d.range.start()), t.find("废止2件").unwrap() + "废止".len());
        assert_eq!(&t[d.range], "2");
        assert!(messages(&report("本年度制发行政规范性文件3件，废止1件，现行有效45件。"), "NB408").is_empty());
        // 规章: the row is 0
        let m = messages(&report("本年度制定规章2件。"), "NB408");
        assert_eq!(m.len(), 1, "{m:?}");
        // 规章制度 is something else; other years and both rows in one clause are not read
        assert!(messages(&report("制定规章制度5件。"), "NB408").is_empty());
        assert!(messages(&report("2020年以来制发规范性文件30件。"), "NB408").is_empty());
        assert!(messages(&report("制发规章和规范性文件9件。"), "NB408").is_empty());
    }

    #[test]
    fn silent_on_the_seeds() {
        for text in crate::rules::seeds() {
            assert!(messages(text, "NB408").is_empty(), "{:?}", messages(text, "NB408"));
        }
    }
}
