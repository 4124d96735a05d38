//! NB507 not-the-report: the title names a work report or summary, or a cover letter is published.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use text_size::{TextRange, TextSize};

pub static META: RuleMeta = RuleMeta {
    code: "NB507",
    name: "not-the-report",
    severity: Severity::Warning,
    summary: "the title says 工作报告/工作总结 instead of 年度报告, or a cover letter is published as the report",
    doc: r#"## What it checks
The title (or, when no title was recognised, the first lines before section 一) names another kind of
document: 「…政府信息公开工作总结」, or 「…工作报告」 without 「年度」. And the text is a cover letter to a
superior rather than the report itself: 「…报来，请审示」, 「请审阅」, or 「特此报告」 after a salutation line
such as 「市政务公开办：」. The words are those of `[words] not_report_titles` and `cover_letter` in the
template data.

## Why
《条例》第五十条 asks for the 政府信息公开工作年度报告 in the national format. A work summary or the letter
that sent the report upwards is not that report, even when it carries some of its numbers.

## Example
「某县2021年政府信息公开工作总结」; or a text that opens with 「市政务公开办：」 and ends 「现将我局2024年度
政府信息公开工作年度报告报来，请审示。」

## Fix
Publish the annual report in the national format under its standard title 「<机关>XXXX年政府信息公开工作年度报告」;
no automatic fix."#,
};

fn range(s: usize, e: usize) -> TextRange {
    TextRange::new(TextSize::from(s as u32), TextSize::from(e as u32))
}

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = cx.template else { return };
    let words = &tpl.words;
    let text = cx.text;
    // where section 一 starts (without sections: the first 2,000 bytes, at a character boundary)
    let mut first_section = cx
        .report
        .sections
        .iter()
        .map(|s| usize::from(s.line_range.start()))
        .min()
        .unwrap_or(2000)
        .min(text.len());
    while !text.is_char_boundary(first_section) {
        first_section -= 1;
    }
    // the head of the document: the title, or its first non-empty lines before section 一
    let mut head: Vec<(usize, usize)> = Vec::new();
    if let Some((_, r)) = &cx.report.title {
        head.push((usize::from(r.start()), usize::from(r.end())));
    } else {
        let mut at = 0;
        for line in text[..first_section.min(text.len())].split_inclusive('\n') {
            let t = crate::norm::trim(line);
            if !t.is_empty() {
                let s = at + (line.len() - crate::norm::trim_start(line).len());
                head.push((s, s + t.len()));
                if head.len() == 3 {
                    break;
                }
            }
            at += line.len();
        }
    }
    'title: for &(s, e) in &head {
        let line = &text[s..e];
        for p in &words.not_report_titles {
            if p.text.is_empty() {
                continue;
            }
            if let Some(i) = line.find(p.text.as_str()) {
                if p.unless.iter().any(|u| line.contains(u.as_str())) {
                    continue;
                }
                out.push(cx.diag(
                    &META,
                    range(s + i, s + i + p.text.len()),
                    format!(
                        "标题「{}」称「{}」：应为政府信息公开工作年度报告（标题「<机关>{}年政府信息公开工作年度报告」）",
                        crate::norm::trim(line),
                        p.text,
                        cx.report.year.map_or("XXXX".to_string(), |y| y.to_string())
                    ),
                ));
                break 'title;
            }
        }
    }
    // a cover letter: a salutation line before section 一 and a cover-letter phrase, or a phrase that
    // addresses a superior by itself
    let salutation = text[..first_section.min(text.len())].lines().any(|l| {
        let t = crate::norm::trim(l);
        let n = t.chars().count();
        (2..=30).contains(&n)
            && (t.ends_with('：') || t.ends_with(':'))
            && !t.chars().any(|c| c.is_ascii_digit())
    });
    for p in &words.cover_letter {
        if p.text.is_empty() || !(p.addressed || salutation) {
            continue;
        }
        // (a byte search of the whole text: what `str::find` finds, found faster)
        if let Some(i) = memchr::memmem::find(text.as_bytes(), p.text.as_bytes()) {
            out.push(cx.diag(
                &META,
                range(i, i + p.text.len()),
                format!(
                    "「{}」是向上级报送的呈报文字：这是报送年度报告的公文，不是年度报告本身",
                    p.text
                ),
            ));
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::messages;

    fn blank() -> String {
        crate::blank::blank_report(2024, "测试县人民政府", crate::format::table::Family::Text)
            .unwrap()
    }

    #[test]
    fn fires_on_titles_and_cover_letters() {
        let b = blank();
        let t = b.replace("工作年度报告", "工作总结");
        let m = messages(&t, "NB507");
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].contains("工作总结"), "{m:?}");
        let a = crate::analyze(&t, &crate::Config::default());
        let d = a.diagnostics.iter().find(|d| d.code == "NB507").unwrap();
        assert_eq!(&t[d.range], "工作总结");
        let t = b.replace("2024年政府信息公开工作年度报告", "2024年政府信息公开工作报告");
        assert_eq!(messages(&t, "NB507").len(), 1);
        // 「2024年度…工作报告」 names the year's report
        let t = b.replace("2024年政府信息公开工作年度报告", "2024年度政府信息公开工作报告");
        assert!(messages(&t, "NB507").is_empty());
        let t = format!("县政务公开办：\n{b}\n现将我局2024年度政府信息公开工作年度报告报来，请审示。\n");
        let m = messages(&t, "NB507");
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].contains("请审示"), "{m:?}");
        let t = format!("{b}\n特此报告。\n");
        assert!(messages(&t, "NB507").is_empty(), "特此报告 without a salutation");
    }

    #[test]
    fn any_text_without_sections() {
        // a report in a template (its table's markers) but no section heading, 2,000 bytes cut inside a
        // character
        let markers = "本年制发件数\t本年废止件数\t现行有效件数\t本年处理决定数量\t本年收费金额\n";
        for n in 600..700 {
            let t = format!(
                "测试县2021年政府信息公开工作年度报告\n{}\n{markers}",
                "政".repeat(n)
            );
            let r = crate::parse_any(&t, None);
            assert!(r.template.is_some() && r.sections.is_empty() && r.looks_like_report());
            assert!(messages(&t, "NB507").is_empty());
        }
    }

    #[test]
    fn silent_on_the_seeds() {
        for text in crate::rules::seeds() {
            assert!(messages(text, "NB507").is_empty());
        }
    }
}
