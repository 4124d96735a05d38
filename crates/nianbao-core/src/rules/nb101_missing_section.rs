//! NB101 missing-section: a standard section is absent.

use super::{fix, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Layout;
use text_size::{TextRange, TextSize};

pub static META: RuleMeta = RuleMeta {
    code: "NB101",
    name: "missing-section",
    severity: Severity::Error,
    summary: "a standard section is absent",
    doc: r#"## What it checks
Each of the six sections of the template (一、总体情况 … 六、其他需要报告的事项) has its heading line.

## Why
The national template (国办公开办函〔2021〕30号 / 〔2019〕60号) fixes the six sections; evaluators mark a
report incomplete when one is missing.

## Severity
**error**; **warning** when no sub-head of the section remains and a picture without text (an image in
a PDF, a converter's note 「==> picture … intentionally omitted <==」) stands where the heading belongs:
the heading may be drawn in the picture, so it is said to be not found rather than missing. Several
sections not found where the same pictures stand (a PDF whose later pages are scans) are one warning that
names them all and counts the pictures; its fix inserts their headings together.

## Example
A report that goes from 「四、政府信息公开行政复议、行政诉讼情况」 to 「六、其他需要报告的事项」 without the heading
「五、存在的主要问题及改进情况」, its sub-heads 「（一）存在的主要问题」「（二）改进情况」 still there (a converter
dropped the heading line): the diagnostic is at the first sub-head.

## Fix
Inserts the standard heading where the section belongs: right before its first remaining sub-head (the words
of the sub-heads are the template's `subhead_words`), else before the next section that is present; for
sections 二, 三 and 四 also the standard table with every cell 0, in the document's layout. Where no sub-head
remains, the content still has to be written."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = cx.template else { return };
    let level = cx
        .report
        .sections
        .iter()
        .map(|s| s.level)
        .max()
        .unwrap_or(0);
    let mut missing = Vec::new();
    for (i, section) in tpl.sections.iter().enumerate() {
        if cx.report.section(&section.id).is_some() {
            continue;
        }
        // where it belongs: before the next present section in template order
        let next = tpl.sections[i + 1..]
            .iter()
            .find_map(|s| cx.report.section(&s.id));
        // its own sub-heads may remain (「（一）存在的主要问题」): the heading is missing right before them
        let previous = tpl.sections[..i]
            .iter()
            .rev()
            .find_map(|s| cx.report.section(&s.id));
        let from = previous.map_or(0, |p| usize::from(p.line_range.end()));
        let to = next.map_or(cx.text.len(), |n| usize::from(n.line_range.start()));
        let subhead = first_subhead(cx.text, from, to, &section.subhead_words);
        let (range, at) = match (subhead, next) {
            (Some((line, text)), _) => (text, line),
            (None, Some(n)) => (n.line_range, n.line_range.start()),
            (None, None) => {
                let end = TextSize::of(cx.text);
                let start = TextSize::from(cx.line_start(end) as u32);
                (TextRange::new(start, end), end)
            }
        };
        let markdown = cx.report.layout == Layout::Markdown;
        let prefix = if markdown && level > 0 {
            format!("{} ", "#".repeat(level as usize))
        } else {
            String::new()
        };
        // the heading, and for 二/三/四 the standard table with every cell 0
        let family = if markdown {
            crate::format::Family::Markdown
        } else {
            crate::format::Family::Text
        };
        let table = section
            .table
            .as_deref()
            .and_then(|t| tpl.table(t))
            .and_then(|t| crate::blank::blank_table(t, family))
            .map(|t| format!("\n{t}"))
            .unwrap_or_default();
        let block = format!("{prefix}{}\n{table}", section.heading);
        let insert = if next.is_some() || subhead.is_some() {
            format!("{block}\n")
        } else if cx.text.ends_with('\n') || cx.text.is_empty() {
            format!("\n{block}")
        } else {
            format!("\n\n{block}")
        };
        // a picture left without its text where the heading belongs (a heading drawn as an image, or
        // taken into a table's picture by a converter, FORMAT.md §7.4/§7.7): it may be there
        let pictured = subhead.is_none()
            && from < to
            && cx.text.is_char_boundary(from)
            && cx.text.is_char_boundary(to)
            && super::nb210_table_as_image::holds_picture(&cx.text[from..to]);
        let pictures = if pictured {
            super::nb210_table_as_image::pictures_in(&cx.text[from..to])
        } else {
            0
        };
        // reported at the first picture a PDF holds there (its page), else where the heading goes
        let first_picture = (pictures > 0)
            .then(|| cx.text[from..to].find(crate::pdf::IMAGE_MARK))
            .flatten();
        let range = first_picture.map_or(range, |i| {
            TextRange::at(
                TextSize::from((from + i) as u32),
                TextSize::of(crate::pdf::IMAGE_MARK),
            )
        });
        missing.push(Missing {
            numeral: &section.numeral,
            heading: &section.heading,
            range,
            at,
            insert,
            table: section.table.is_some(),
            pictures,
        });
    }
    // sections not found where the same pictures stand (pages scanned, FORMAT.md §7.7): one cause
    let mut i = 0;
    while i < missing.len() {
        let first = &missing[i];
        let mut j = i + 1;
        while first.pictures > 0
            && j < missing.len()
            && missing[j].pictures > 0
            && missing[j].at == first.at
        {
            j += 1;
        }
        out.push(diagnostic(cx, &missing[i..j]));
        i = j;
    }
}

/// A standard section not found: where it is reported and where its heading goes.
struct Missing<'t> {
    numeral: &'t str,
    heading: &'t str,
    range: TextRange,
    at: TextSize,
    insert: String,
    table: bool,
    /// Pictures without text where the heading belongs (0: none, the section is missing).
    pictures: usize,
}

/// One diagnostic for sections missing at one place: one section, or several where the same pictures
/// stand (said together, their headings inserted by one fix).
fn diagnostic(cx: &Ctx, group: &[Missing]) -> Diagnostic {
    let first = &group[0];
    let pictures = first.pictures;
    let message = match group {
        [m] if m.pictures == 0 => format!("缺少第{}部分「{}」", m.numeral, m.heading),
        [m] if m.pictures == 1 => format!(
            "没有找到第{}部分「{}」的标题：此处有一张没有文字的图片，标题可能在图片中，请核对原文",
            m.numeral, m.heading
        ),
        [m] => format!(
            "没有找到第{}部分「{}」的标题：此处有 {pictures} 张没有文字的图片，标题可能在图片中，请核对原文",
            m.numeral, m.heading
        ),
        [.., last] => {
            let headings: Vec<String> = group.iter().map(|m| format!("「{}」", m.heading)).collect();
            let numerals = if group.len() == 2 {
                format!("第{}、第{}部分", first.numeral, last.numeral)
            } else {
                format!("第{}至第{}部分", first.numeral, last.numeral)
            };
            let these = if pictures == 1 {
                "一张没有文字的图片".to_string()
            } else {
                format!(" {pictures} 张没有文字的图片（可能是扫描页）")
            };
            format!(
                "没有找到{numerals}的标题（{}）：此处有{these}，这些部分可能在图片中，请核对原文",
                headings.join("")
            )
        }
        [] => unreachable!("a group holds a section"),
    };
    let d = cx.diag(&META, first.range, message);
    let d = if pictures > 0 {
        d.with_severity(Severity::Warning)
    } else {
        d
    };
    let fix_message = match group {
        [m] if m.table => format!("插入「{}」及标准表格", m.heading),
        [m] => format!("插入标题「{}」", m.heading),
        _ => format!("插入{}个部分的标题及标准表格", group.len()),
    };
    let insert: String = group.iter().map(|m| m.insert.as_str()).collect();
    d.with_fix(fix(fix_message, TextRange::empty(first.at), insert, true))
}

/// The first sub-head line (「（一）…」「(二)…」) in `text[from..to]` holding one of `words` soon after its
/// numeral: (the start of its line, the sub-head's text).
fn first_subhead(
    text: &str,
    from: usize,
    to: usize,
    words: &[String],
) -> Option<(TextSize, TextRange)> {
    if words.is_empty() || from >= to || !text.is_char_boundary(from) || !text.is_char_boundary(to)
    {
        return None;
    }
    let mut start = from;
    // begin at a line start
    if start > 0 && text.as_bytes()[start - 1] != b'\n' {
        start = text[start..to].find('\n').map(|i| start + i + 1)?;
    }
    while start < to {
        let end = text[start..to].find('\n').map_or(to, |i| start + i);
        let line = text[start..end].trim_end_matches('\r');
        let content = line.trim_start_matches(|c: char| c.is_whitespace() || c == '#' || c == '*');
        let offset = start + (line.len() - content.len());
        let mut chars = content.chars();
        let open = chars.next();
        let numeral = chars.next();
        let close = chars.next();
        if matches!(open, Some('（' | '('))
            && numeral.is_some_and(|c| crate::norm::numeral_value(c).is_some())
            && matches!(close, Some('）' | ')'))
        {
            let rest = chars.as_str();
            let head: String = rest.chars().take(16).collect();
            if words.iter().any(|w| head.contains(w.as_str())) {
                let shown = content.trim_end_matches(|c: char| c.is_whitespace() || c == '*');
                let range = TextRange::new(
                    TextSize::from(offset as u32),
                    TextSize::from((offset + shown.len()) as u32),
                );
                return Some((TextSize::from(start as u32), range));
            }
        }
        start = end + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::{analyze, Config};

    #[test]
    fn missing_heading_placed_at_its_sub_heads_and_fixed_there() {
        for (text, line) in [
            ("某县2021年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n正文。\n（一）存在的主要问题。\n一是不足。\n（二）改进情况。\n二是改进。\n六、其他需要报告的事项\n未收取信息处理费。\n", "（一）存在的主要问题。"),
            ("# 某县2021年政府信息公开工作年度报告\n\n## 四、政府信息公开行政复议、行政诉讼情况\n\n正文。\n\n### (一)主要问题\n\n一是不足。\n", "(一)主要问题"),
        ] {
            let a = analyze(text, &Config::default());
            let d = a
                .diagnostics
                .iter()
                .find(|d| d.code == "NB101" && d.message.contains("第五部分"))
                .unwrap();
            assert_eq!(&text[d.range], line);
            let fix = d.fix.as_ref().unwrap();
            assert!(fix.is_safe());
            let at = usize::from(fix.edits[0].range.start());
            assert!(text[at..].trim_start_matches(['#', ' ']).starts_with(line));
            let mut fixed = text.to_string();
            fixed.insert_str(at, &fix.edits[0].new_text);
            let b = analyze(&fixed, &Config::default());
            assert!(
                b.diagnostics
                    .iter()
                    .all(|d| !(d.code == "NB101" && d.message.contains("第五部分"))),
                "{fixed}"
            );
        }
    }

    #[test]
    fn a_picture_where_the_heading_belongs_makes_it_a_warning() {
        let body = "某县2021年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n正文。\n";
        let rest = "一是不足。\n六、其他需要报告的事项\n未收取信息处理费。\n";
        let nb101 = |text: &str| {
            analyze(text, &Config::default())
                .diagnostics
                .into_iter()
                .find(|d| d.code == "NB101" && d.message.contains("第五部分"))
                .unwrap()
        };
        let d = nb101(&format!(
            "{body}\n**==> picture [133 x 14] intentionally omitted <==**\n\n{rest}"
        ));
        assert_eq!(d.severity, Severity::Warning);
        assert!(d.message.contains("图片"), "{}", d.message);
        // without the picture: missing, an error
        let d = nb101(&format!("{body}{rest}"));
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(d.message, "缺少第五部分「五、存在的主要问题及改进情况」");
    }

    /// A PDF whose first page is text and whose other pages are scans (each a picture without text):
    /// the sections not found there are one warning, their headings inserted by one fix.
    #[test]
    fn sections_not_found_where_scanned_pages_stand_are_one_warning() {
        let tpl = crate::template::by_id("2021").unwrap();
        let mark = crate::pdf::IMAGE_MARK;
        let first = &tpl.sections[0].heading;
        let text = format!("某县2021年政府信息公开工作年度报告\n{first}\n正文。\n{mark}\n{mark}\n{mark}\n");
        let a = analyze(&text, &Config::default());
        let nb101: Vec<_> = a.diagnostics.iter().filter(|d| d.code == "NB101").collect();
        assert_eq!(nb101.len(), 1, "{nb101:#?}");
        let d = nb101[0];
        assert_eq!(d.severity, Severity::Warning);
        assert!(d.message.contains("第二至第六部分"), "{}", d.message);
        assert!(d.message.contains("此处有 3 张"), "{}", d.message);
        assert_eq!(&text[d.range], mark.to_string(), "at the first picture");
        for s in &tpl.sections[1..] {
            assert!(d.message.contains(&s.heading), "{}", d.message);
        }
        // the fix inserts every heading, in order
        let fix = d.fix.as_ref().unwrap();
        let mut fixed = text.clone();
        let at = usize::from(fix.edits[0].range.start());
        fixed.insert_str(at, &fix.edits[0].new_text);
        let b = analyze(&fixed, &Config::default());
        assert!(b.diagnostics.iter().all(|d| d.code != "NB101"), "{fixed}");
        // refusal: without the pictures, each missing section is its own error
        let text = format!("某县2021年政府信息公开工作年度报告\n{first}\n正文。\n");
        let a = analyze(&text, &Config::default());
        let nb101: Vec<_> = a.diagnostics.iter().filter(|d| d.code == "NB101").collect();
        assert_eq!(nb101.len(), 5);
        assert!(nb101.iter().all(|d| d.severity == Severity::Error));
    }

    #[test]
    fn without_its_sub_heads_the_missing_heading_is_placed_before_the_next_section() {
        let text = "某县2021年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n正文。\n（一）复议情况。\n六、其他需要报告的事项\n未收取信息处理费。\n";
        let a = analyze(text, &Config::default());
        let d = a
            .diagnostics
            .iter()
            .find(|d| d.code == "NB101" && d.message.contains("第五部分"))
            .unwrap();
        assert_eq!(&text[d.range], "六、其他需要报告的事项");
    }
}
