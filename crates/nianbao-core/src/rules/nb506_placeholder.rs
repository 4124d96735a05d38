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
every heading, so it gives this diagnostic until each one is filled. The words are those of
`[words] placeholders` in the template data.

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
        let m = messages(&blank, "NB506");
        assert!(m[0].contains("（请填写本年度主动公开工作情况。）"), "{m:?}");
        let t = blank.replace("（请填写本年度主动公开工作情况。）", "XX年，某某局主动公开信息××条。");
        let m = messages(&t, "NB506");
        assert!(m.iter().any(|x| x.contains("「XX年」")), "{m:?}");
        assert!(m.iter().any(|x| x.contains("「某某」")), "{m:?}");
        assert!(m.iter().any(|x| x.contains("「××」")), "{m:?}");
    }

    #[test]
    fn silent_on_the_seeds() {
        for text in crate::rules::seeds() {
            assert!(messages(text, "NB506").is_empty());
        }
    }
}
