//! NB508 variant-ideograph: CJK radicals or compatibility ideographs written for standard ideographs.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Edit, Fix, Related, Safety, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB508",
    name: "variant-ideograph",
    severity: Severity::Warning,
    summary: "CJK radicals or compatibility ideographs stand for standard ideographs (「⾏政」 with U+2F8F): read as the standard ones",
    doc: r#"## What it checks
The text holds characters of the Kangxi Radicals or CJK Radicals Supplement blocks (「⼀」 U+2F00,
「⾏」 U+2F8F, 「⻓」 U+2ED3) or CJK Compatibility Ideographs (「行」 U+FA08) where the standard ideographs
belong (「一」「行」「长」). They look the same in most fonts. The report is read as if the standard
ideographs were written (headings, labels and prose are found as usual), and this says so once, at the
first of them, with how many there are. The mapping is Unicode's (Equivalent_Unified_Ideograph for the
radicals, the canonical decomposition for the compatibility ideographs).

## Why
Such characters come from a PDF whose fonts map their glyphs to the radicals (text taken out of PDFs
made by some Word/WPS and browser set-ups, then pasted into next year's report). Search engines, the
platform's full-text search and screen readers do not match 「⾏政许可」 with 「行政许可」, so the published
report cannot be found by its own words; an evaluator's tools read it wrong.

## Example
`pdftotext` of a PDF gives 「⼀、总体情况」 and 「⾏政许可」: one diagnostic 「文中有 2 个部首或兼容汉字代替了标准汉字
（第一个：「⼀」U+2F00，应为「一」U+4E00）…」.

## Fix
Replace every one of them with its standard ideograph (safe: the text looks the same and nothing else
changes). Not offered for PDF and Word input, which are not edited in place."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let found = &cx.report.variant_ideographs;
    let Some(&(first, c)) = found.first() else {
        return;
    };
    let standard = |c: char| crate::norm::standard_ideograph(c).unwrap_or(c);
    let fix = Fix {
        message: format!("改为标准汉字（{} 处）", found.len()),
        edits: found
            .iter()
            .map(|&(range, c)| Edit {
                range,
                new_text: standard(c).to_string(),
            })
            .collect(),
        safety: Safety::Safe,
        alternatives: Vec::new(),
    };
    let related = found
        .iter()
        .skip(1)
        .take(20)
        .map(|&(range, c)| Related {
            range,
            message: format!("「{c}」应为「{}」", standard(c)),
        })
        .collect();
    out.push(
        cx.diag(
            &META,
            first,
            format!(
                "文中有 {} 个部首或兼容汉字代替了标准汉字（第一个：「{c}」U+{:04X}，应为「{}」U+{:04X}），\
                 外观相同，但检索、复制时与标准汉字不符；已按标准汉字读取",
                found.len(),
                c as u32,
                standard(c),
                standard(c) as u32
            ),
        )
        .with_fix(fix)
        .with_related(related),
    );
}

#[cfg(test)]
mod tests {
    use crate::norm::standard_ideographs;
    use crate::rules::{messages, seeds};
    use crate::Config;

    /// A seed with every ideograph that has a radical or compatibility twin written as that twin, as
    /// `pdftotext` gives a PDF whose font maps its glyphs to the radicals.
    fn with_radicals(text: &str) -> String {
        let mut twin = std::collections::HashMap::new();
        for v in ('\u{2E80}'..='\u{2FDF}').rev() {
            if let Some(c) = crate::norm::standard_ideograph(v) {
                twin.insert(c, v); // the Kangxi radical where both blocks have one
            }
        }
        text.chars().map(|c| *twin.get(&c).unwrap_or(&c)).collect()
    }

    #[test]
    fn a_report_with_radicals_reads_as_the_report_and_says_so_once() {
        for seed in seeds() {
            let kx = with_radicals(seed);
            assert_ne!(kx, seed);
            let (read, found) = standard_ideographs(&kx);
            assert_eq!(read, seed);
            let a = crate::analyze(seed, &Config::default());
            let b = crate::analyze(&kx, &Config::default());
            // the same tables, the same diagnostics, and one NB508
            assert_eq!(a.report.tables, b.report.tables);
            assert_eq!(a.report.sections, b.report.sections);
            let without: Vec<_> = b.diagnostics.iter().filter(|d| d.code != "NB508").collect();
            assert_eq!(without.len(), a.diagnostics.len(), "{without:#?}");
            for (x, y) in a.diagnostics.iter().zip(without) {
                assert_eq!((x.code, &x.message, x.range), (y.code, &y.message, y.range));
            }
            let nb508: Vec<_> = b.diagnostics.iter().filter(|d| d.code == "NB508").collect();
            assert_eq!(nb508.len(), 1);
            let d = nb508[0];
            assert!(d.message.starts_with(&format!("文中有 {} 个", found.len())), "{}", d.message);
            assert_eq!(d.range.start(), (found[0].0 as u32).into());
            // the fix writes the seed back
            let fix = d.fix.as_ref().unwrap();
            assert!(fix.is_safe());
            assert_eq!(crate::diagnostic::apply_edits(&kx, &fix.edits), seed);
        }
    }

    #[test]
    fn silent_on_standard_text() {
        for text in seeds() {
            assert!(messages(text, "NB508").is_empty());
        }
        // radicals named as such in prose are still read as ideographs: a report has no use for them
        assert!(messages("部首「口」与「冂」", "NB508").is_empty());
    }

    #[test]
    fn html_and_its_fix_point_into_the_page() {
        // a seed as a web page, one paragraph a line, with 「行」 written as the radical 「⾏」 in one line
        let seed = seeds()[0];
        let line = seed.lines().find(|l| l.contains('行')).unwrap();
        let page: String = ["<html><body>".to_string()]
            .into_iter()
            .chain(seed.lines().map(|l| {
                let l = if l == line { l.replace('行', "⾏") } else { l.to_string() };
                format!("<p>{l}</p>\n")
            }))
            .chain(["</body></html>".to_string()])
            .collect();
        let a = crate::analyze(&page, &Config::default());
        let d: Vec<_> = a.diagnostics.iter().filter(|d| d.code == "NB508").collect();
        assert_eq!(d.len(), 1, "{:?}", a.diagnostics);
        assert_eq!(&page[d[0].range], "⾏");
        let fixed = crate::diagnostic::apply_edits(&page, &d[0].fix.as_ref().unwrap().edits);
        assert_eq!(fixed, page.replace('⾏', "行"));
    }
}
