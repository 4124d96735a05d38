//! Stage 2b: the report's metadata — title, organ, year, statistics period, signature date.

use super::*;

/// Title, organ and year (from the title, the statistics period or the prose) and the signature date.
pub(super) fn read_metadata(text: &str, lines: &[Line], report: &mut Report) {
    // --- title, organ, year
    let first_heading = report
        .sections
        .first()
        .map_or(text.len(), |s| usize::from(s.line_range.start()));
    let words = |pick: fn(&template::Reading) -> &Vec<String>| {
        template::all()
            .iter()
            .flat_map(move |tpl| pick(&tpl.reading))
    };
    // the lines before the first heading that read as a title: (line index, start of the title, title,
    // end of the title: past the line when a PDF wrapped its last characters onto the next)
    let mut candidates: Vec<(usize, usize, std::borrow::Cow<'_, str>, usize)> = Vec::new();
    let title_words: Vec<&str> = words(|r| &r.title).map(String::as_str).collect();
    let subject_words: Vec<&str> = words(|r| &r.title_subject).map(String::as_str).collect();
    for (i, line) in lines.iter().enumerate() {
        if line.start >= first_heading {
            break;
        }
        let (a, b, _) = strip_markup(text, line.start, line.end);
        // (a 「#」 left inside the heading's markup, 「## # 某县2021年…」, is a converter's, not the title's)
        let whole = trim(trim(&text[a..b]).trim_start_matches(['#', '\\']));
        let t = trim(without_field_name(whole).trim_start_matches(['#', '\\']));
        // a field's value is the title when it names a year (「标题：某县2021年…报告」), not when it
        // is a category (「信息分类：年度报告」) or a row of fields (「发文日期：2022年1月25日 分类：…」);
        // a title with the page's fields after it on its line stays a title
        let field_value = t.len() < whole.len();
        // a title a PDF wrapped, its last characters on the next line (「…工作年度报」「告」): joined
        // (and read without a converter's emphasis inside it: 「## 绥滨县 **2021** 年度…」)
        let clean = without_emphasis(t);
        let wrapped = wrapped_title_end(text, lines, i, first_heading, &clean, &title_words);
        let (t_whole, end) = match wrapped {
            Some((rest, end)) => (std::borrow::Cow::Owned(format!("{clean}{rest}")), end),
            None => (clean, a + offset_in(&text[a..b], t) + t.len()),
        };
        // (where the first title word is: a field before it makes the line a row of fields)
        let Some(title_at) = words(|r| &r.title)
            .filter_map(|w| t_whole.find(w.as_str()))
            .min()
        else {
            continue;
        };
        if t.contains('年')
            && !t.contains('。')
            && t.chars().count() <= 80
            && !words(|r| &r.not_title).any(|w| t.contains(w.as_str()))
            && !is_breadcrumb(t)
            && !holds_a_field(&t_whole[..title_at])
            && (!field_value || !year_mentions(t, 0).is_empty())
        {
            candidates.push((i, a + offset_in(&text[a..b], t), t_whole, end));
        }
    }
    let listed = listed_reports(text, lines, &candidates);
    let title = candidates
        .iter()
        .zip(&listed)
        .find(|(_, &listed)| !listed)
        .map(|(c, _)| c);
    if let Some((line, ta, t, end)) = title {
        let (line, ta, end) = (*line, *ta, *end);
        report.title = Some((t.to_string(), r(ta, end)));
        if let Some((y, yr)) = year_mentions(t, 0).first().copied() {
            report.year = Some(y);
            report.year_source = Some(YearSource::Title);
            let mut organ = trim(&t[..usize::from(yr.start())]);
            if organ.is_empty() {
                // a title that starts with its year: the organ runs from the year to the subject
                let after = &t[usize::from(yr.end())..];
                let after = after.trim_start_matches(['年', '度', ' ', '\u{3000}']);
                if let Some(end) = words(|r| &r.title_subject)
                    .filter_map(|w| after.find(w.as_str()))
                    .min()
                {
                    organ = trim(&after[..end]);
                }
            }
            if organ.is_empty() {
                // a title naming no organ, its organ on the line above (「某县人民政府办公室」
                // 「2021年政府信息公开工作年度报告」, as official documents set their titles)
                organ = organ_line_above(text, lines, line, &subject_words).unwrap_or("");
            }
            if !organ.is_empty() {
                report.organ = Some(organ.to_string());
            }
        }
    }
    // statistics period
    let find = |w: &str| memchr::memmem::find(text.as_bytes(), w.as_bytes());
    let period_words = template::all().iter().flat_map(|t| &t.reading.period);
    if let Some(p) = period_words.filter_map(|w| find(w)).next() {
        let window_end = (p + 200).min(text.len());
        let mut we = window_end;
        while !text.is_char_boundary(we) {
            we -= 1;
        }
        if let Some(d) = dates(&text[p..we], p).first() {
            report.period_year = Some((d.year, d.range));
        }
    }
    // prose year: most frequent
    {
        let mut counts: Vec<(i32, usize)> = Vec::new();
        for (y, _) in year_mentions(text, 0) {
            match counts.iter_mut().find(|c| c.0 == y) {
                Some(c) => c.1 += 1,
                None => counts.push((y, 1)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        report.prose_year = counts.first().map(|c| c.0);
    }
    if report.year.is_none() {
        if let Some((y, _)) = report.period_year {
            report.year = Some(y);
            report.year_source = Some(YearSource::Period);
        } else if let Some(y) = report.prose_year {
            report.year = Some(y);
            report.year_source = Some(YearSource::Prose);
        }
    }
    // signature: the last date after section 六 (or the last section) that ends the report
    if let Some(last) = report.sections.iter().max_by_key(|s| s.line_range.start()) {
        let from = usize::from(last.body.start());
        // the non-blank lines from there on: the date that signs each, if one does, the text before
        // it on its line, and the line before
        let kept: Vec<&Line> = lines
            .iter()
            .filter(|l| l.start >= from && !trim(&text[l.start..l.end]).is_empty())
            .collect();
        let signing: Vec<Option<(DateMention, &str)>> = kept
            .iter()
            .map(|line| {
                let d = dates(&text[line.start..line.end], line.start).pop()?;
                let (a, b, _) = strip_markup(text, line.start, line.end);
                let (ds, de) = (usize::from(d.range.start()), usize::from(d.range.end()));
                let before = text.get(a.min(ds)..ds).unwrap_or("");
                let after = text.get(de..b.max(de)).unwrap_or("");
                signs(before, after).then_some((d, trim(before)))
            })
            .collect();
        // signed by the organ the title names: its name before the date, on its line or the line above
        let organ = report.organ.as_deref().filter(|o| o.chars().count() >= 2);
        let by_organ = |k: usize| {
            let Some((_, before)) = &signing[k] else {
                return false;
            };
            organ.is_some_and(|o| {
                before.contains(o)
                    || (before.is_empty()
                        && k > 0
                        && text[kept[k - 1].start..kept[k - 1].end].contains(o))
            })
        };
        // otherwise: a date with another date of the same form (alone on its line, or after words)
        // within two lines dates an item of a list (a page's related articles, 「上一篇」「下一篇」), not
        // the report (the same date written twice is one signature)
        let listed = |k: usize| {
            let Some((d, before)) = &signing[k] else {
                return true;
            };
            let day = |d: &DateMention| (d.year, d.month, d.day);
            (k.saturating_sub(2)..(k + 3).min(signing.len())).any(|j| {
                signing[j]
                    .as_ref()
                    .is_some_and(|(e, b)| day(e) != day(d) && b.is_empty() == before.is_empty())
            })
        };
        let pick = (0..signing.len())
            .rev()
            .find(|&k| by_organ(k))
            .or_else(|| (0..signing.len()).rev().find(|&k| !listed(k)));
        report.signature = pick.and_then(|k| signing[k].as_ref().map(|(d, _)| d.clone()));
    }
}

/// Which title candidates (line index, start, text) stand in a list of reports rather than for this
/// report's title: a web page's menu of its other reports (「2023年政府信息公开工作年度报告」
/// 「2022年…」 one under the other), a list of related articles. Candidates on consecutive lines (only
/// blank lines between) form a list when they name two years or more, or when there are three or more
/// of them; a title written twice (the page's title, then the article's) is not a list.
fn listed_reports(
    text: &str,
    lines: &[Line],
    candidates: &[(usize, usize, std::borrow::Cow<'_, str>, usize)],
) -> Vec<bool> {
    let mut listed = vec![false; candidates.len()];
    let mut group_start = 0;
    for k in 1..=candidates.len() {
        let next_to_previous = k < candidates.len()
            && lines[candidates[k - 1].0 + 1..candidates[k].0]
                .iter()
                .all(|l| trim(&text[l.start..l.end]).is_empty());
        if next_to_previous {
            continue;
        }
        let group = &candidates[group_start..k];
        let mut years: Vec<i32> = group
            .iter()
            .filter_map(|(_, at, t, _)| year_mentions(t, *at).first().map(|y| y.0))
            .collect();
        years.sort_unstable();
        years.dedup();
        if group.len() >= 3 || years.len() >= 2 {
            listed[group_start..k].iter_mut().for_each(|l| *l = true);
        }
        group_start = k;
    }
    listed
}

/// A title line without a converter's emphasis marks inside it (「绥滨县 **2021** 年度…」).
fn without_emphasis(t: &str) -> std::borrow::Cow<'_, str> {
    if !t.contains("**") && !t.contains("__") {
        return std::borrow::Cow::Borrowed(t);
    }
    let bare = t.replace("**", "").replace("__", "");
    std::borrow::Cow::Owned(trim(bare.trim_start_matches(['#', '\\'])).to_string())
}

/// The end of a title `t` (line `i`) that a PDF wrapped: the next line, short and without digits, holds
/// its last characters, and only with them does `t` hold a title word (「…工作年度报」「告」). (The rest of
/// the title, the end of the next line's text.)
fn wrapped_title_end<'t>(
    text: &'t str,
    lines: &[Line],
    i: usize,
    first_heading: usize,
    t: &str,
    title_words: &[&str],
) -> Option<(&'t str, usize)> {
    if title_words.iter().any(|w| t.contains(w)) || year_mentions(t, 0).is_empty() {
        return None;
    }
    // the next line, or the one after a blank line (a converter's paragraphs)
    let blank = |l: &Line| trim(&text[l.start..l.end]).is_empty();
    let next = match lines.get(i + 1)? {
        l if blank(l) => lines.get(i + 2)?,
        l => l,
    };
    if next.start >= first_heading {
        return None;
    }
    let (a, b, _) = strip_markup(text, next.start, next.end);
    let rest = trim(&text[a..b]);
    let short = !rest.is_empty()
        && rest.chars().count() <= 8
        && rest
            .chars()
            .all(|c| !c.is_ascii_digit() && !c.is_whitespace());
    let joined = format!("{t}{rest}");
    (short && title_words.iter().any(|w| joined.contains(w)))
        .then(|| (rest, a + offset_in(&text[a..b], rest) + rest.len()))
}

/// The organ named on the line right above a title that names none (「某县人民政府办公室」 over
/// 「2021年政府信息公开工作年度报告」): a short line of ideographs alone (brackets and 「·」 allowed, no
/// punctuation, digit or field), at most one blank line above the title, and not itself about the
/// subject (「信息公开目录」 is a page's menu).
fn organ_line_above<'t>(
    text: &'t str,
    lines: &[Line],
    title_line: usize,
    subject_words: &[&str],
) -> Option<&'t str> {
    let mut k = title_line;
    for _ in 0..2 {
        k = k.checked_sub(1)?;
        let (a, b, _) = strip_markup(text, lines[k].start, lines[k].end);
        let above = trim(&text[a..b]);
        if above.is_empty() {
            continue;
        }
        let n = above.chars().count();
        let name_only = above.chars().all(|c| {
            matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '（' | '）' | '(' | ')' | '·')
        });
        let about_subject = subject_words.iter().any(|w| above.contains(w));
        return ((2..=30).contains(&n) && name_only && !about_subject).then_some(above);
    }
    None
}

/// Is a date written between `before` and `after` (the rest of its line) a signature date? A date
/// alone on its line, after its organ's name (「城关镇人民政府2021年1月19日」, what follows a sentence's
/// end), or before words that are no sentence of the report (a page's 「扫一扫在手机打开当前页」 run
/// into it, a text without line breaks): what comes before it since the last sentence is a name
/// (short, no clause or number in it), and no sentence ends after it. (「于2021年1月19日召开会议。」,
/// 「截至2021年12月31日，…」 are prose.)
fn signs(before: &str, after: &str) -> bool {
    let name = before
        .rsplit(['。', '；', '！', '？', ';', '!', '?'])
        .next()
        .unwrap_or(before);
    let name_chars = name.chars().filter(|&c| !is_space(c));
    name_chars.clone().count() <= 30
        && !name_chars
            .clone()
            .any(|c| c.is_ascii_digit() || matches!(c, '，' | ',' | '、' | '：' | ':'))
        && !after.contains(['。', '，', '；'])
        && dates(after, 0).is_empty()
}

/// A metadata line's value without its field name (a crawler's 「标题：…」): what follows a colon
/// within the first six characters, when no year is written before it.
fn without_field_name(line: &str) -> &str {
    let Some((at, colon)) = line
        .char_indices()
        .take(7)
        .find(|&(_, c)| matches!(c, '：' | ':'))
    else {
        return line;
    };
    let name = &line[..at];
    if name.chars().any(|c| c.is_ascii_digit()) || !name.chars().all(is_han) {
        return line;
    }
    trim(&line[at + colon.len_utf8()..])
}

/// Does a line (its first field name already taken off) hold a field of a page's metadata block
/// (「11350128MB1234567X/2022-00012　分类：年度报告」: an index number, then the next field)? A field is
/// a name of one to six ideographs after a space or a tab (or at the line's start), then a colon.
fn holds_a_field(line: &str) -> bool {
    line.char_indices()
        .filter(|&(_, c)| matches!(c, '：' | ':'))
        .any(|(at, _)| {
            let before = &line[..at];
            let name_start = before
                .char_indices()
                .rev()
                .take_while(|&(_, c)| is_han(c))
                .last()
                .map_or(at, |(i, _)| i);
            let name = before[name_start..].chars().count();
            (1..=6).contains(&name)
                && before[..name_start]
                    .chars()
                    .next_back()
                    .is_none_or(is_space)
        })
}

/// A page's breadcrumb (「首页 > 政务公开 > 年度报告」): two path separators or more.
fn is_breadcrumb(line: &str) -> bool {
    line.chars()
        .filter(|c| matches!(c, '>' | '＞' | '»' | '›' | '→'))
        .count()
        >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Section `n`'s heading (0-based) as the 2021 template writes it: no heading is typed here.
    fn heading(n: usize) -> &'static str {
        &template::by_id("2021").unwrap().sections[n].heading
    }

    #[test]
    fn a_title_field_of_a_crawled_page_is_read_without_its_name() {
        let text = &format!("标题：某县2021年政府信息公开工作年度报告\n{}\n", heading(0));
        let report = crate::parse::parse(text, None);
        assert_eq!(report.organ.as_deref(), Some("某县"));
        assert_eq!(
            report.title.as_ref().map(|t| &text[t.1]),
            Some("某县2021年政府信息公开工作年度报告")
        );
        assert_eq!(without_field_name("某县2021年报告"), "某县2021年报告");
        // a 「#」 written twice by a converter (「## # 」) is no part of the title or organ
        let text = &format!(
            "## # 某县 2021 年政府信息公开工作年度报告\n\n## {}\n",
            heading(0)
        );
        let report = crate::parse::parse(text, None);
        assert_eq!(report.organ.as_deref(), Some("某县"));
        assert_eq!(
            report.title.as_ref().map(|t| &text[t.1]),
            Some("某县 2021 年政府信息公开工作年度报告")
        );
    }

    #[test]
    fn a_title_starting_with_its_year_names_its_organ_after_the_year() {
        let organ = |title: &str| {
            let text = format!("{title}\n{}\n正文。\n", heading(0));
            let report = crate::parse::parse(&text, None);
            (report.organ, report.year)
        };
        assert_eq!(
            organ("2019年上海市人民政府办公厅政府信息公开工作年度报告"),
            (Some("上海市人民政府办公厅".to_string()), Some(2019))
        );
        assert_eq!(
            organ("2022年度某县教育局政务公开工作年度报告"),
            (Some("某县教育局".to_string()), Some(2022))
        );
        // the organ before the year is taken as before; a title naming no organ names none
        assert_eq!(
            organ("某县人民政府2021年政府信息公开工作年度报告"),
            (Some("某县人民政府".to_string()), Some(2021))
        );
        assert_eq!(organ("2021年政府信息公开工作年度报告"), (None, Some(2021)));
        assert_eq!(organ("2021年工作年度报告"), (None, Some(2021)));
    }

    #[test]
    fn a_title_set_over_two_lines_names_its_organ() {
        let read = |head: &str| {
            let text = format!("{head}\n{}\n正文。\n", heading(0));
            let report = crate::parse::parse(&text, None);
            let title = report.title.as_ref().map(|t| t.0.clone());
            (title, report.organ, report.year)
        };
        // the organ on the line above a title that names none, as official documents set it
        let (title, organ, year) = read("某县人民政府办公室\n\n2021年政府信息公开工作年度报告");
        assert_eq!(title.as_deref(), Some("2021年政府信息公开工作年度报告"));
        assert_eq!(
            (organ.as_deref(), year),
            (Some("某县人民政府办公室"), Some(2021))
        );
        // a title a PDF wrapped (its last characters on the next line, after a blank line or not)
        for head in [
            "某县人民政府2021年政府信息公开工作年度报\n告",
            "## 某县人民政府 2021 年政府信息公开工作年度报\n\n## 告",
        ] {
            let (title, organ, year) = read(head);
            assert!(
                title.as_deref().is_some_and(|t| t.ends_with("年度报告")),
                "{head}: {title:?}"
            );
            assert_eq!(
                (organ.as_deref(), year),
                (Some("某县人民政府"), Some(2021)),
                "{head}"
            );
        }
        // a converter's emphasis inside the title
        let (title, organ, _) = read("## 某县 **2021** 年度政府信息公开工作报告");
        assert_eq!(title.as_deref(), Some("某县 2021 年度政府信息公开工作报告"));
        assert_eq!(organ.as_deref(), Some("某县"));
        // refusals: a line above that is a page's menu, a field, or far above; a wrapped end with
        // digits; a sentence holding 「报告」 is no title
        for head in [
            "信息公开目录\n2021年政府信息公开工作年度报告",
            "发布机构：某县\n2021年政府信息公开工作年度报告",
            "某县人民政府办公室\n\n\n2021年政府信息公开工作年度报告",
        ] {
            assert_eq!(read(head).1, None, "{head}");
        }
        assert_eq!(
            read("某县人民政府2021年政府信息公开工作年度报\n告2").0,
            None
        );
        assert_eq!(
            read("项。本年度报告中所列数据统计期限从2021年1月1日到12月31日止。").0,
            None
        );
    }

    #[test]
    fn a_pages_metadata_block_and_breadcrumb_are_no_title() {
        let title = |head: &str| {
            let text = format!("{head}\n{}\n正文。\n", heading(0));
            let report = crate::parse::parse(&text, None);
            (report.title.map(|t| text[t.1].to_string()), report.year)
        };
        let report = "某县人民政府2021年政府信息公开工作年度报告";
        // a metadata block (fields side by side in a table's row, or one per line), a breadcrumb
        for head in [
            "索引号：\t11350128MB1234567X/2022-00012\t分类：\t政务公开 / 年度报告",
            "索引号：11350128MB1234567X/2022-00012 分类：年度报告",
            "发文日期：2022年01月25日　分类：年度报告",
            "信息分类：年度报告",
            "首页 > 政务公开 > 年度报告",
        ] {
            assert_eq!(
                title(&format!("{head}\n{report}")),
                (Some(report.to_string()), Some(2021)),
                "{head}"
            );
        }
        assert!(holds_a_field(
            "11350128MB1234567X/2022-00012\t分类：\t年度报告"
        ));
        // refusals: a title with a colon inside (no field name after a space), a title alone
        assert!(!holds_a_field(report));
        assert!(!holds_a_field(
            "关于某县2021年政府信息公开工作年度报告：补充说明"
        ));
        assert!(!holds_a_field(
            "某县人民政府办公室关于印发《2021年政府信息公开工作年度报告》的通知"
        ));
        // a title without a year is the title; a title field's value naming a year is
        assert_eq!(
            title("某县人民政府政府信息公开工作年度报告").0.as_deref(),
            Some("某县人民政府政府信息公开工作年度报告")
        );
        assert_eq!(
            title(&format!("标题：{report}\n{report}")).0.as_deref(),
            Some(report)
        );
        // a title run together with the page's fields after it (a converter's line) is the title
        let run = "某县2021年政府信息公开年度报告 发表日期:2022-01-19 编辑录入: 某县";
        assert_eq!(title(run).0.as_deref(), Some(run));
        assert!(is_breadcrumb("首页 > 政务公开 > 年度报告"));
        assert!(!is_breadcrumb("某县2021年政府信息公开工作年度报告"));
    }

    #[test]
    fn a_pages_list_of_other_reports_is_no_title() {
        let title = |head: &str| {
            let text = format!("{head}\n{}\n正文。\n", heading(0));
            let report = crate::parse::parse(&text, None);
            (
                report.title.map(|t| text[t.1].to_string()),
                report.year,
                report.organ,
            )
        };
        let menu = "政府信息公开年报\n2023年政府信息公开工作年度报告\n2022年政府信息公开工作年度报告\n\n2018年政府信息公开工作年度报告";
        // the menu, then the article's title: the article's
        assert_eq!(
            title(&format!(
                "{menu}\n发布时间：2021-01-28\n某县人民政府2020年政府信息公开工作年度报告"
            )),
            (
                Some("某县人民政府2020年政府信息公开工作年度报告".to_string()),
                Some(2020),
                Some("某县人民政府".to_string())
            )
        );
        // the menu only: no title (the year comes from the prose), not the menu's first report
        assert_eq!(title(menu).0, None);
        // three reports of one year one under the other are a list too
        let same_year = "甲局2021年政府信息公开工作年度报告\n乙局2021年政府信息公开工作年度报告\n丙局2021年政府信息公开工作年度报告";
        assert_eq!(title(same_year).0, None);
        // refusals: a title written twice (the page's, then the article's), a title alone, a title
        // and a menu apart from it by other lines
        assert_eq!(
            title("某县2021年政府信息公开工作年度报告_某县人民政府\n某县2021年政府信息公开工作年度报告").0,
            Some("某县2021年政府信息公开工作年度报告_某县人民政府".to_string())
        );
        assert_eq!(title("某县2021年政府信息公开工作年度报告").1, Some(2021));
        assert_eq!(
            title(&format!(
                "某县2020年政府信息公开工作年度报告\n发布时间：2021-01-28\n{menu}"
            ))
            .1,
            Some(2020)
        );
    }

    #[test]
    fn a_signature_date_is_found_after_its_organ_or_before_page_words() {
        let signed = |tail: &str| {
            let text = format!(
                "某县2021年政府信息公开工作年度报告\n{}\n{}\n无。\n{tail}\n",
                heading(0),
                heading(5)
            );
            crate::parse::parse(&text, None)
                .signature
                .map(|d| (d.year, d.month, d.day))
        };
        assert_eq!(signed("某县人民政府\n2022年1月19日"), Some((2022, 1, 19)));
        assert_eq!(signed("2022 年 1 月 19 日"), Some((2022, 1, 19)));
        assert_eq!(signed("# 2022 年 1 月 19 日"), Some((2022, 1, 19)));
        assert_eq!(
            signed("本年未收取费用。城关镇人民政府2021年1月19日扫一扫在手机打开当前页主办单位：某县【打印本页】"),
            Some((2021, 1, 19))
        );
        assert_eq!(
            signed("2022 年 1 月 19 日 扫一扫在手机打开当前页"),
            Some((2022, 1, 19))
        );
        // a page's related articles after the report, each with its date: a list, not the signature
        assert_eq!(
            signed("某县人民政府\n2022年1月19日\n相关信息\n关于印发政务公开工作要点的通知 2021-12-30\n县政府办公室关于调整议事协调机构的通知 2021-11-18"),
            Some((2022, 1, 19))
        );
        assert_eq!(
            signed("某县人民政府\n2022年1月19日\n关于印发政务公开工作要点的通知\n2021-12-30\n关于调整议事协调机构的通知\n2021-11-18"),
            Some((2022, 1, 19))
        );
        // refusal: the signature alone after a line of prose is still found
        assert_eq!(signed("本年度未收取信息处理费。\n某县人民政府\n2022年1月19日\n主办单位：某县人民政府办公室"), Some((2022, 1, 19)));
        // without an organ in the title, dates alone on their lines one title apart are a list: none
        let text = &format!(
            "2021年政府信息公开工作年度报告\n{}\n{}\n无。\n关于印发要点的通知\n2021-12-30\n关于调整机构的通知\n2021-11-18\n",
            heading(0),
            heading(5)
        );
        assert_eq!(crate::parse::parse(text, None).signature, None);
        // the signature's date written twice is still the signature
        assert_eq!(
            signed("2022年1月19日\n2022年1月19日\n扫一扫在手机打开当前页"),
            Some((2022, 1, 19))
        );
        // dates in the prose are no signature
        assert_eq!(signed("我局于2022年1月19日召开会议。"), None);
        assert_eq!(signed("截至2021年12月31日，共收到申请3件。"), None);
        assert_eq!(signed("本年度（2021年1月1日至2021年12月31日）"), None);
    }
}
