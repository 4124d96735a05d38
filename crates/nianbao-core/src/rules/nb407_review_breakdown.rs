//! NB407 review-breakdown: prose outcomes of 复议/诉讼 disagree with table 四.

use super::prose::{self, CLAUSE};
use super::{column_header, num, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Related, Severity};
use crate::model::Confidence;
use text_size::{TextRange, TextSize};

pub static META: RuleMeta = RuleMeta {
    code: "NB407",
    name: "review-breakdown",
    severity: Severity::Warning,
    summary: "prose outcomes of 复议/诉讼 disagree with table 四",
    doc: r#"## What it checks
Where the prose breaks the 行政复议 or 行政诉讼 cases down by outcome — 「行政复议3件，1件维持，2件纠正」,
「行政诉讼2件，其中维持1件、尚未审结1件」 — each count agrees with table 四: the 行政复议 row, or for 行政诉讼
the sum of 未经复议直接起诉 and 复议后起诉, in the column of the outcome (结果维持, 结果纠正, 其他结果, 尚未审结).
A count belongs to the outcome word just before it or just after its 「件」. Sentences about other years
(「2020年以来」「累计」) are not read. The words are those of `[words] review_groups` and `review_outcomes` in
the template data. Table 四 must have been read with confidence.

## Why
Outcomes of review and litigation are what evaluators read first; a report whose prose says two decisions
were corrected while its table says one contradicts itself.

## Example
「全年发生行政复议3件，2件维持，1件纠正」 while table 四's 行政复议 row reads 结果维持 1, 结果纠正 2.

## Fix
Correct the prose or the table; no automatic fix."#,
};

fn range(s: usize, e: usize) -> TextRange {
    TextRange::new(TextSize::from(s as u32), TextSize::from(e as u32))
}

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = cx.template else { return };
    let Some((table, t)) = cx.table("review_litigation") else {
        return;
    };
    if table.confidence != Confidence::High {
        return;
    }
    let w = &tpl.words;
    let text = cx.text;
    let group_words: Vec<String> = w.review_groups.iter().flat_map(|g| g.words.clone()).collect();
    for (ss, se) in prose::sentences_with(cx.report, text, &group_words) {
        let sentence = &text[ss..se];
        if w.skip.iter().any(|k| sentence.contains(k.as_str()))
            || prose::other_year(sentence, cx.report.year)
        {
            continue;
        }
        let mut from = 0;
        while let Some((at, word)) = prose::find_any(sentence, from, &group_words) {
            let seg_start = at + word.len();
            let seg_end = prose::find_any(sentence, seg_start, &group_words).map_or(sentence.len(), |x| x.0);
            from = seg_end;
            let Some(group) = w.review_groups.iter().find(|g| g.words.iter().any(|x| x == word)) else {
                continue;
            };
            let seg = &sentence[seg_start..seg_end];
            // outcome column → (sum stated, first number's range)
            let mut stated: Vec<(&str, f64, (usize, usize))> = Vec::new();
            for (v, ds, de, ue) in prose::counts(seg, &w.count_units) {
                let clause_start = seg[..ds].rfind(CLAUSE).map_or(0, |i| {
                    i + seg[i..].chars().next().map_or(1, char::len_utf8)
                });
                let before = &seg[clause_start..ds];
                let after_end = seg[ue..].find(CLAUSE).map_or(seg.len(), |i| ue + i);
                let after = &seg[ue..after_end];
                let outcome = w
                    .review_outcomes
                    .iter()
                    .filter_map(|o| {
                        o.words
                            .iter()
                            .filter_map(|x| before.rfind(x.as_str()).map(|p| p + x.len()))
                            .max()
                            .map(|p| (p, o))
                    })
                    .max_by_key(|x| x.0)
                    .map(|x| x.1)
                    .or_else(|| {
                        let head: String = after.chars().take(6).collect();
                        w.review_outcomes
                            .iter()
                            .filter_map(|o| o.words.iter().filter_map(|x| head.find(x.as_str())).min().map(|p| (p, o)))
                            .min_by_key(|x| x.0)
                            .map(|x| x.1)
                    });
                let Some(o) = outcome else { continue };
                let abs = (ss + seg_start + ds, ss + seg_start + de);
                match stated.iter_mut().find(|s| s.0 == o.column) {
                    Some(s) => s.1 += v,
                    None => stated.push((o.column.as_str(), v, abs)),
                }
            }
            for (column, v, (s, e)) in stated {
                let mut expected = 0.0;
                let mut ranges = Vec::new();
                let mut known = true;
                for row in &group.rows {
                    match table.row(row).and_then(|r| r.cell(column)).and_then(|c| c.number().map(|n| (n, c.range))) {
                        Some((n, r)) => {
                            expected += n;
                            ranges.push(r);
                        }
                        None => known = false,
                    }
                }
                if !known || (expected - v).abs() < 1e-6 {
                    continue;
                }
                let quote: String = crate::norm::trim(seg).chars().take(40).collect();
                let rows: Vec<&str> = group.rows.iter().map(|r| super::row_label(t, r)).collect();
                out.push(
                    cx.diag(
                        &META,
                        range(s, e),
                        format!(
                            "正文「{word}{quote}」称{word}「{}」{} 件，但表格四中「{}」的「{}」{}为 {}",
                            column_header(t, column),
                            num(v),
                            rows.join("」「"),
                            column_header(t, column),
                            if rows.len() > 1 { "合计" } else { "" },
                            num(expected)
                        ),
                    )
                    .with_related(
                        ranges
                            .into_iter()
                            .map(|range| Related {
                                range,
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
    use crate::rules::messages;

    /// A blank 2024 report with table 四's 行政复议 row set and a sentence in section 一.
    pub(crate) fn report(sentence: &str) -> String {
        let b = crate::blank::blank_report(
            2024,
            "测试县人民政府",
            crate::format::table::Family::Markdown,
        )
        .unwrap();
        // the grid's value line: 15 zeros; 行政复议 gets 维持 2, 纠正 1, 其他 0, 未审结 0, 总计 3
        let row = b
            .lines()
            .find(|l| l.matches('0').count() == 15 && l.chars().all(|c| "|0 ".contains(c)))
            .unwrap()
            .to_string();
        let mut cells: Vec<String> = row.split('|').map(str::to_string).collect();
        for (i, v) in ["2", "1", "0", "0", "3"].iter().enumerate() {
            cells[1 + i] = format!(" {v} ");
        }
        b.replacen(&row, &cells.join("|"), 1)
            .replacen("（请填写本年度主动公开工作情况。）", sentence, 1)
    }

    #[test]
    fn fires_on_the_documented_example() {
        let t = report("全年发生行政复议3件，1件维持，2件纠正。");
        let a = crate::analyze(&t, &crate::Config::default());
        assert!(!a.diagnostics.iter().any(|d| d.code.starts_with("NB3")), "{:?}", a.diagnostics);
        let m = messages(&t, "NB407");
        assert_eq!(m.len(), 2, "{m:?}\n{t}");
        assert!(m[0].contains("结果维持") && m[0].contains("1 件") && m[0].contains("为 2"), "{m:?}");
        assert!(m[1].contains("结果纠正") && m[1].contains("2 件"), "{m:?}");
        // at the prose's numbers
        let at: Vec<&str> = a
            .diagnostics
            .iter()
            .filter(|d| d.code == "NB407")
            .map(|d| &t[d.range])
            .collect();
        assert_eq!(at, ["1", "2"]);
        let s = t.find("1件维持").unwrap();
        assert_eq!(usize::from(a.diagnostics.iter().find(|d| d.code == "NB407").unwrap().range.start()), s);
        assert!(messages(&report("全年发生行政复议3件，其中维持2件，纠正1件。"), "NB407").is_empty());
        assert!(messages(&report("全年发生行政复议3件，2件维持、1件被纠正。"), "NB407").is_empty());
        // other years are not read
        assert!(messages(&report("2020年以来行政复议9件，维持9件。"), "NB407").is_empty());
        // 行政诉讼: the two litigation rows are 0
        let m = messages(&report("行政诉讼1件，尚未审结1件。"), "NB407");
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].contains("合计为 0"), "{m:?}");
    }

    #[test]
    fn silent_on_the_seeds() {
        for text in crate::rules::seeds() {
            assert!(messages(text, "NB407").is_empty(), "{:?}", messages(text, "NB407"));
        }
    }
}
