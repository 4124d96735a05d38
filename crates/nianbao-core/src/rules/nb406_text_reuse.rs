//! NB406 text-reuse: the prose repeats last year's report of the same organ.

use super::prose;
use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Related, Severity};
use text_size::{TextRange, TextSize};

pub static META: RuleMeta = RuleMeta {
    code: "NB406",
    name: "text-reuse",
    severity: Severity::Warning,
    summary: "more than half of the prose repeats last year's report of the same organ, or a passage keeps last year's dates",
    doc: r#"## What it checks
The sentences of the prose (everything outside tables 二–四), compared with those of the same organ's report
of the previous year after normalisation (width folded; whitespace and punctuation dropped; every number
the same): when more than half of this year's sentences are found in last year's report, a warning giving
the share; more than 30 %, an info. Each repeated sentence that still names last year (「2023年，我局…」 in
the 2024 report) is reported where it names it. Sentences shorter than `[words] min_sentence` characters
are not compared. Runs when last year's report of the same organ is checked too (same directory or command
line; in the editor: the workspace), like NB403.

## Why
An annual report describes the year's work. One copied from last year with the numbers changed tells
nothing new, and evaluators score it down; a passage that still says 「2023年」 in the 2024 report shows it.

## Severity
**warning** when more than half of the sentences repeat last year's, and for each passage that keeps last
year's date; **info** when 30–50 % repeat: much of a report (the legal basis, the standing arrangements) may
fairly stay the same from year to year. A level set for NB406 in `nianbao.toml` applies to both.

## Example
The 2024 report of 某某局 whose sections 一, 五 and 六 are last year's text with the figures updated
(62 % of its sentences repeated), and whose section 一 still opens 「2023年，我局坚持以公开为常态…」.

## Fix
Write this year's report; no automatic fix."#,
};

/// At most this many repeated sentences that keep last year's dates are reported one by one.
const MAX_DATES: usize = 5;

fn range(s: usize, e: usize) -> TextRange {
    TextRange::new(TextSize::from(s as u32), TextSize::from(e as u32))
}

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(prev) = cx.context.previous_year else {
        return;
    };
    let Some(tpl) = cx.template else { return };
    if prev.prose_hashes.is_empty() {
        return;
    }
    let text = cx.text;
    let min = tpl.words.min_sentence;
    let sentences: Vec<(usize, usize, bool)> = prose::sentences(cx.report, text)
        .into_iter()
        .filter_map(|(s, e)| {
            let h = prose::sentence_hash(&text[s..e], min)?;
            Some((s, e, prev.prose_hashes.binary_search(&h).is_ok()))
        })
        .collect();
    if sentences.is_empty() {
        return;
    }
    let repeated: Vec<(usize, usize)> = sentences
        .iter()
        .filter(|x| x.2)
        .map(|x| (x.0, x.1))
        .collect();
    let share = repeated.len() as f64 / sentences.len() as f64;
    let last_year = prev
        .year
        .or(cx.report.year.map(|y| y - 1))
        .map_or("上一".to_string(), |y| y.to_string());
    if share > 0.3 {
        let at = cx
            .report
            .title
            .as_ref()
            .map(|t| t.1)
            .or_else(|| cx.report.sections.first().map(|s| s.heading_range))
            .unwrap_or_else(|| range(repeated[0].0, repeated[0].1));
        let d = cx
            .diag(
                &META,
                at,
                format!(
                    "正文 {} 句中有 {} 句（{:.0}%）与 {last_year} 年的报告相同（不计数字和空白）：年度报告应写本年度的工作",
                    sentences.len(),
                    repeated.len(),
                    share * 100.0
                ),
            )
            .with_related(
                repeated
                    .iter()
                    .take(3)
                    .map(|&(s, e)| Related {
                        range: range(s, e),
                        message: format!("与 {last_year} 年报告相同的句子"),
                    })
                    .collect(),
            );
        out.push(if share > 0.5 {
            d
        } else {
            d.with_severity(Severity::Info)
        });
    }
    let Some(py) = prev.year.or(cx.report.year.map(|y| y - 1)) else {
        return;
    };
    let mention = format!("{py}年");
    for &(s, e) in repeated
        .iter()
        .filter(|&&(s, e)| text[s..e].contains(&mention))
        .take(MAX_DATES)
    {
        let Some(i) = text[s..e].find(&mention) else { continue };
        let quote: String = text[s..e].chars().take(30).collect();
        out.push(cx.diag(
            &META,
            range(s + i, s + i + mention.len()),
            format!("「{quote}…」与 {py} 年报告中的句子相同，仍写着上年的「{mention}」"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::{analyze, analyze_with, parse_any, Config, Context};

    fn blank(year: i32) -> String {
        crate::blank::blank_report(year, "测试县人民政府", crate::format::table::Family::Markdown)
            .unwrap()
    }

    fn with_prose(year: i32, prose: &str) -> String {
        blank(year).replacen("（请填写本年度主动公开工作情况。）", prose, 1)
    }

    fn nb406(this: &str, last: &str) -> Vec<crate::Diagnostic> {
        let previous = parse_any(last, None);
        analyze_with(
            this,
            &Config::default(),
            &Context {
                previous_year: Some(&previous),
            },
        )
        .diagnostics
        .into_iter()
        .filter(|d| d.code == "NB406")
        .collect()
    }

    /// A blank report with each 「（请填写…）」 replaced by a sentence of its own.
    fn fresh(year: i32) -> String {
        let mut this = blank(year);
        let mut n = 0;
        while let Some(p) = this.find("（请填写") {
            let e = p + this[p..].find('）').unwrap() + "）".len();
            n += 1;
            this.replace_range(p..e, &format!("本年度第{n}项工作与以往各年均不相同，内容全新。"));
        }
        this
    }

    const LAST: &str = "2023年，我局坚持以公开为常态、不公开为例外，主动公开政府信息1554条。全年共收到政府信息公开申请46件，均在法定期限内答复。我局进一步完善了政府网站栏目设置，及时更新政策文件。组织开展政务公开培训2次，参训人员达到120人次。";

    #[test]
    fn fires_on_a_copied_report() {
        // this year's report: last year's prose with the numbers changed and one date left
        let this = with_prose(
            2024,
            &LAST
                .replace("1554", "1600")
                .replace("46件", "50件")
                .replace("2次", "3次"),
        );
        let last = with_prose(2023, LAST);
        let d = nb406(&this, &last);
        assert!(d.len() == 2, "{d:?}");
        assert_eq!(d[0].severity, crate::Severity::Warning);
        assert!(d[0].message.contains("与 2023 年的报告相同"), "{}", d[0].message);
        assert!(d[1].message.contains("仍写着上年的「2023年」"), "{}", d[1].message);
        assert_eq!(&this[d[1].range], "2023年");
        // a report of its own (its preface and fee statement as last year's): silent
        let own = fresh(2024).replacen(
            "本年度第1项",
            "2024年，本局围绕数字政府建设重点任务，新建政策问答库一个。本年度第1项",
            1,
        );
        assert!(nb406(&own, &last).is_empty());
        // without last year's report: silent
        assert!(!analyze(&this, &Config::default()).diagnostics.iter().any(|d| d.code == "NB406"));
    }

    #[test]
    fn between_thirty_and_fifty_percent_is_an_info() {
        let last = with_prose(2023, LAST);
        let sentences: Vec<&str> = LAST.split_inclusive('。').collect();
        let this = fresh(2024);
        // 7 new sentences; repeated: the preface's 2, the fee placeholder and 3 of last year's
        let this = this.replacen(
            "本年度第1项",
            &format!("{}{}{}本年度第1项", sentences[1], sentences[2], sentences[3]),
            1,
        );
        let d = nb406(&this, &last);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].severity, crate::Severity::Info, "{}", d[0].message);
    }

    #[test]
    fn silent_on_the_seeds_against_themselves_a_year_on() {
        // a seed is not compared with itself: the rule needs last year's report
        for text in crate::rules::seeds() {
            assert!(!analyze(text, &Config::default()).diagnostics.iter().any(|d| d.code == "NB406"));
        }
    }
}
