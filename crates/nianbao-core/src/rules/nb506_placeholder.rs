//! NB506 placeholder: text left from a template or draft.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use text_size::{TextRange, TextSize};

pub static META: RuleMeta = RuleMeta {
    code: "NB506",
    name: "placeholder",
    severity: Severity::Error,
    summary: "text left from a template or draft: （请填写…）, XX年, ××, 某某",
    doc: r#"## What it checks
The report contains text that stands in for what the author was to write: 「（请填写…）」「（请核实…）」,
「XX年」「XXX」「××」「某某」. A blank report written by `nianbao new` has such placeholders under
every heading, so it gives this diagnostic until each one is filled. 「某某」 and 「××」 right after an
ideograph are names anonymised (「申请人张某某」), not placeholders; a web page's footer (「主办单位：…」) is not
the report. The words are those of `[words] placeholders` and `page_chrome` in the template data.

## Why
A report published with 「（请填写本年度主动公开工作情况。）」 or 「某某局」 in it was not finished; evaluators
mark it down and readers learn nothing from it.

## Example
「（请填写本年度依申请公开工作情况。）」 under 「（二）依申请公开」, or a title 「XX县2024年政府信息公开工作年度报告」.

## Fix
Write the content the placeholder asks for; no automatic fix."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = cx.template else { return };
    let text = cx.text;
    let mut found: Vec<(usize, usize)> = Vec::new();
    for p in &tpl.words.placeholders {
        if p.text.is_empty() {
            continue;
        }
        for at in memchr::memmem::find_iter(text.as_bytes(), p.text.as_bytes()) {
            if p.standalone
                && text[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
            {
                continue;
            }
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
            let line = &text[line_start..line_end];
            if tpl.words.page_chrome.iter().any(|w| !w.is_empty() && line.contains(w.as_str())) {
                continue;
            }
            let mut end = at + p.text.len();
            if let Some(close) = p.closing.as_deref().filter(|c| !c.is_empty()) {
                let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
                if let Some(i) = text[end..line_end].find(close) {
                    end += i + close.len();
                }
            }
            // a longer placeholder already covers this one (「XXX」 holds 「XX年」's start)
            if found.iter().any(|&(s, e)| at < e && s < end) {
                continue;
            }
            found.push((at, end));
        }
    }
    found.sort_unstable();
    for (s, e) in found {
        let quote: String = text[s..e].chars().take(40).collect();
        let more = if text[s..e].chars().count() > 40 { "…" } else { "" };
        out.push(cx.diag(
            &META,
            TextRange::new(TextSize::from(s as u32), TextSize::from(e as u32)),
            format!("「{quote}{more}」是模板或草稿留下的占位文字，尚未填写实际内容"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::messages;

    #[test]
    fn fires_on_placeholders_and_a_blank_report() {
        let blank = crate::blank::blank_report(
            2024,
            "测试县人民政府",
            crate::format::table::Family::Markdown,
        )
        .unwrap();
        let a = crate::analyze(&blank, &crate::Config::default());
        // a blank report gives this rule's diagnostics and nothing else
        assert!(a.diagnostics.len() >= 6, "{:?}", a.diagnostics);
        assert!(a.diagnostics.iter().all(|d| d.code == "NB506"), "{:?}", a.diagnostics);
        // at each placeholder, the whole 「（请填写…）」
        let first = &a.diagnostics[0];
        assert_eq!(&blank[first.range], "（请填写本年度主动公开工作情况。）");
        let all = messages(&blank, "NB506");
        assert!(all[0].contains("（请填写本年度主动公开工作情况。）"), "{all:?}");
        let t = blank.replace("（请填写本年度主动公开工作情况。）", "XX年，某某局主动公开信息 ×× 条。");
        let m = messages(&t, "NB506");
        assert!(m.iter().any(|x| x.contains("「XX年」")), "{m:?}");
        assert!(m.iter().any(|x| x.contains("「某某」")), "{m:?}");
        assert!(m.iter().any(|x| x.contains("「××」")), "{m:?}");
        // a person anonymised, a page footer: not placeholders
        let t = blank.replace(
            "（请填写本年度主动公开工作情况。）",
            "申请人张某某的申请已答复。\n主办单位：某某县人民政府办公室",
        );
        // the blank's placeholders but the one replaced
        assert_eq!(messages(&t, "NB506").len(), all.len() - 1, "{:?}", messages(&t, "NB506"));
    }

    #[test]
    fn silent_on_the_seeds() {
        for text in crate::rules::seeds() {
            assert!(messages(text, "NB506").is_empty());
        }
    }
}
