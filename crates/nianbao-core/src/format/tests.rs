//! Unit tests of the formatter on small fixtures; the corpus invariants live in `tests/format.rs`.
use super::*;
use crate::blank::blank_report;

fn fmt(s: &str) -> Formatted {
    format(s, &FormatOptions::default())
}

fn blank(family: Family) -> String {
    blank_report(2025, "某某县人民政府", family).unwrap()
}

/// Replace exactly one occurrence.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "fixture: {from:?} must occur once"
    );
    text.replacen(from, to, 1)
}

#[test]
fn whitespace_and_final_newline() {
    let f = fmt("一、总体情况  \n\n\n\n本年度……。\u{3000}\n\n");
    assert_eq!(f.text, "一、总体情况\n\n本年度……。\n");
    assert_eq!(fmt("").text, "");
    assert_eq!(fmt("\n\n\n").text, "");
    assert_eq!(fmt("正文").text, "正文\n");
}

#[test]
fn crlf_is_kept_when_consistent_and_mixed_endings_become_lf() {
    let text = blank(Family::Text).replace('\n', "\r\n");
    let messy = edit(&text, "规章\t0\t0\t0", "规章 \t 0\t0\t0  ");
    let f = fmt(&messy);
    assert_eq!(f.text, text);
    let mixed = "一、总体情况\r\n正文\n";
    assert_eq!(fmt(mixed).text, "一、总体情况\n正文\n");
}

#[test]
fn text_tables_are_rewritten_into_tab_rows() {
    let text = blank(Family::Text);
    // one cell per line, stray spaces, full-width digits, a half-width label
    let messy = edit(
        &text,
        "规章\t0\t0\t0\n",
        "\t规章\n\n\t\u{3000}\u{3000}１２\n\t 0 \n\t0\u{00A0}\n\n",
    );
    let messy = edit(&messy, "1.属于国家秘密\t", "1、属于国家秘密\t");
    let messy = edit(&messy, "（一）予以公开\t", "(一) 予以公开\t");
    let f = fmt(&messy);
    assert!(f.warnings.is_empty(), "{:?}", f.warnings);
    let want = edit(&text, "规章\t0\t0\t0", "规章\t12\t0\t0");
    assert_eq!(f.text, want);
}

#[test]
fn markdown_tables_are_aligned_pipe_tables() {
    let text = blank(Family::Markdown);
    let messy = edit(&text, "| 行政许可 |                0 |", "|行政许可|   0|");
    let messy = edit(
        &messy,
        "## 三、收到和处理政府信息公开申请情况",
        "### 三.收到和处理政府信息公开申请情况",
    );
    let f = fmt(&messy);
    assert_eq!(f.text, text);
}

#[test]
fn text_inside_a_table_that_is_no_row_is_kept_after_it() {
    let text = blank(Family::Text);
    let note = "注：本表数据截至12月31日";
    let messy = edit(
        &text,
        "二、上年结转政府信息公开申请数量",
        &format!("{note}\n二、上年结转政府信息公开申请数量"),
    );
    let f = fmt(&messy);
    assert!(f.text.contains(note), "{}", f.text);
    // the note now follows the table, and nothing else changed
    let after_table = "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n";
    assert!(
        f.text.contains(&format!("{after_table}{note}\n")),
        "{}",
        f.text
    );
    assert_eq!(f.text.replace(&format!("{note}\n"), ""), text);
    assert_eq!(fmt(&f.text).text, f.text, "idempotent");
}

#[test]
fn fmt_off_regions_are_verbatim() {
    let text = blank(Family::Markdown);
    let region = "<!-- nianbao-fmt-off -->\n|规章|0|0|0|   \n\n\n<!-- nianbao-fmt-on -->\n";
    let messy = edit(&text, "## 五、", &format!("{region}\n## 五、"));
    let f = fmt(&messy);
    assert!(f.text.contains(region), "{}", f.text);
    assert_eq!(fmt(&f.text).text, f.text);
}

#[test]
fn low_confidence_tables_get_whitespace_only_and_a_warning() {
    let text = blank(Family::Text);
    // 13 values instead of 15 in table 四
    let values = "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0";
    let messy = edit(&text, values, "0\t0 \t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0   ");
    let f = fmt(&messy);
    assert_eq!(f.warnings.len(), 1, "{:?}", f.warnings);
    assert!(
        f.warnings[0].contains("review_litigation"),
        "{:?}",
        f.warnings
    );
    assert!(
        f.text.contains("\n0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n"),
        "{}",
        f.text
    );
    assert_eq!(fmt(&f.text).text, f.text);
}

#[test]
fn headings_keep_their_words() {
    let text = blank(Family::Text);
    let messy = edit(&text, "一、总体情况\n", "  一. 总体情况  \n");
    assert_eq!(fmt(&messy).text, text);
    // a nonstandard heading stays nonstandard (that is a rule's fix, not formatting)
    let variant = edit(
        &text,
        "二、主动公开政府信息情况",
        "二、主动公开政府信息的情况",
    );
    assert_eq!(fmt(&variant).text, variant);
}

#[test]
fn range_formatting_touches_only_what_the_range_touches() {
    let text = blank(Family::Text);
    let messy = edit(&text, "规章\t0\t0\t0", "规章 \t 0\t0\t0");
    let messy = edit(&messy, "行政处罚\t0", "行政处罚\t0   ");
    let messy = edit(
        &messy,
        "一、本年新收政府信息公开申请数量\t0",
        "一、本年新收政府信息公开申请数量 \t0",
    );
    let at = messy.find("一、本年新收").unwrap();
    let r = TextRange::new((at as u32).into(), (at as u32 + 3).into());
    let f = format_range(&messy, r, &FormatOptions::default());
    // table 三 is formatted, table 二 is not
    assert!(f.text.contains("规章 \t 0\t0\t0"));
    assert!(f.text.contains("行政处罚\t0   "));
    assert!(f.text.contains("一、本年新收政府信息公开申请数量\t0"));
    let whole = TextRange::new(0.into(), (messy.len() as u32).into());
    assert_eq!(
        format_range(&messy, whole, &FormatOptions::default()).text,
        text
    );
}

#[test]
fn converting_text_to_markdown() {
    let text = blank(Family::Text);
    let f = format(
        &text,
        &FormatOptions {
            to_markdown: true,
            ..FormatOptions::default()
        },
    );
    assert_eq!(f.text, blank(Family::Markdown));
    // prose lines stay separate paragraphs
    let two = "某县2021年政府信息公开工作年度报告\n一、总体情况\n第一段。\n第二段。\n";
    let f = format(
        two,
        &FormatOptions {
            to_markdown: true,
            ..FormatOptions::default()
        },
    );
    assert_eq!(
        f.text,
        "# 某县2021年政府信息公开工作年度报告\n\n## 一、总体情况\n\n第一段。\n\n第二段。\n"
    );
}

#[test]
fn html_is_left_alone() {
    let html = "<html><body><p>一、总体情况  </p></body></html>";
    assert_eq!(fmt(html).text, html);
}

#[test]
fn suppression_comments_stay_on_the_line_before_their_line() {
    let text = "# 某县2021年政府信息公开工作年度报告\n<!-- nianbao-disable-next-line NB104 -->\n## 一.总体情况\n<!-- nianbao-disable-next-line NB401 -->\n本年新收申请5件。\n";
    let f = fmt(text);
    assert_eq!(
        f.text,
        "# 某县2021年政府信息公开工作年度报告\n\n<!-- nianbao-disable-next-line NB104 -->\n## 一、总体情况\n\n<!-- nianbao-disable-next-line NB401 -->\n本年新收申请5件。\n"
    );
    // inside a table, a suppression comment keeps the table where it is
    let blank = blank(Family::Text);
    let t = edit(
        &blank,
        "行政处罚\t0",
        "<!-- nianbao-disable-next-line NB206 -->\n行政处罚\t0 ",
    );
    let f = fmt(&t);
    assert!(
        f.text
            .contains("<!-- nianbao-disable-next-line NB206 -->\n行政处罚\t0\n"),
        "{}",
        f.text
    );
    assert!(
        f.warnings.iter().any(|w| w.contains("active")),
        "{:?}",
        f.warnings
    );
}

#[test]
fn a_row_found_without_its_label_keeps_an_empty_label() {
    let text = blank(Family::Text);
    let t = edit(&text, "规章\t0\t0\t0\n", "\t0\t\u{3000}0\t0\n");
    let f = fmt(&t);
    assert!(f.warnings.is_empty(), "{:?}", f.warnings);
    assert!(
        f.text.contains("现行有效件数\n\t0\t0\t0\n行政规范性文件"),
        "{}",
        f.text
    );
}

#[test]
fn range_formatting_keeps_line_endings_outside_the_range() {
    let text = blank(Family::Text).replace('\n', "\r\n");
    let messy = edit(&text, "行政处罚\t0", "行政处罚 \t 0");
    let messy = edit(
        &messy,
        "（请填写本年度主动公开工作情况。）",
        "（请填写本年度主动公开工作情况。）  ",
    );
    let at = messy.find("行政处罚").unwrap() as u32;
    let f = format_range(
        &messy,
        TextRange::new(at.into(), (at + 1).into()),
        &FormatOptions::default(),
    );
    assert!(f.text.contains("行政处罚\t0\r\n"), "{}", f.text);
    assert!(
        f.text.contains("工作情况。）  \r\n"),
        "untouched line kept byte for byte"
    );
    assert_eq!(f.text.matches('\n').count(), f.text.matches("\r\n").count());
    // an empty range inside a heading formats that heading only
    let h = edit(
        &text,
        "三、收到和处理政府信息公开申请情况",
        "三. 收到和处理政府信息公开申请情况  ",
    );
    let at = h.find("收到和处理").unwrap() as u32;
    let f = format_range(
        &h,
        TextRange::new(at.into(), at.into()),
        &FormatOptions::default(),
    );
    assert_eq!(f.text, text);
}

#[test]
fn html_empty_cells_become_visible_blanks() {
    let md = FormatOptions {
        to_markdown: true,
        ..FormatOptions::default()
    };
    let html = "<html><body><table><tr><td>规章</td><td>1</td><td>&nbsp;</td><td>2</td></tr></table></body></html>";
    assert_eq!(format(html, &md).text, "规章\t1\t—\t2\n");
    // a whole report as an HTML page, 「规章」 with an empty middle cell
    let text = edit(&blank(Family::Text), "规章\t0\t0\t0", "规章\t0\t&nbsp;\t0");
    let mut page = String::from("<html><body>");
    let mut in_table = false;
    for l in text.lines() {
        if l.contains('\t') {
            if !in_table {
                page.push_str("<table>");
                in_table = true;
            }
            let cells: String = l.split('\t').map(|c| format!("<td>{c}</td>")).collect();
            page.push_str(&format!("<tr>{cells}</tr>"));
        } else {
            if in_table {
                page.push_str("</table>");
                in_table = false;
            }
            page.push_str(&format!("<p>{l}</p>"));
        }
    }
    page.push_str("</body></html>");
    let f = format(&page, &md);
    assert!(!f.text.contains(crate::html::EMPTY_CELL));
    let r = crate::parse::parse(&f.text, None);
    let row = r.table("active").unwrap().row("rules").unwrap();
    let values: Vec<Option<f64>> = row.cells.iter().map(|c| c.number()).collect();
    assert_eq!(values, vec![Some(0.0), None, Some(0.0)], "{}", f.text);
    assert!(
        f.text
            .contains("| 规章           |            0 |            — |            0 |"),
        "{}",
        f.text
    );
    assert!(f.warnings.is_empty(), "{:?}", f.warnings);
}

#[test]
fn run_together_values_are_not_split_by_the_formatter() {
    let text = blank(Family::Text);
    let t = edit(
        &text,
        "一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0",
        "一、本年新收政府信息公开申请数量460000046",
    );
    let t = edit(
        &t,
        "（一）予以公开\t0\t0\t0\t0\t0\t0\t0",
        "（一）予以公开\t46\t0\t0\t0\t0\t0\t46",
    );
    let t = edit(
        &t,
        "（七）总计\t0\t0\t0\t0\t0\t0\t0",
        "（七）总计\t46\t0\t0\t0\t0\t0\t46",
    );
    let f = fmt(&t);
    assert!(
        f.text
            .contains("一、本年新收政府信息公开申请数量460000046\n"),
        "{}",
        f.text
    );
    assert!(
        f.warnings.iter().any(|w| w.contains("NB208")),
        "{:?}",
        f.warnings
    );
}

/// Converter Markdown whose table 四 came as three small tables under sub-headings: merging them into
/// the canonical table deleted the sub-headings' words (「行政诉讼」) and left empty `###` lines. The
/// table is formatted at the whitespace level instead, every word kept, with a warning.
#[test]
fn sub_headings_between_parts_of_a_table_keep_their_words() {
    let md = blank(Family::Markdown);
    let a = md.find("## 四、").unwrap();
    let b = a + md[a..].find("\n## 五、").unwrap();
    let heading_end = a + md[a..].find('\n').unwrap();
    let header = "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n";
    let text = format!(
        "{}\n\n### 行政复议\n\n{header}| 1 | 2 | 0 | 0 | 3 |\n\n### 行政诉讼（未经复议直接起诉）\n\n{header}| 1 | 12 | 5 | 2 | 20 |\n\n### 行政诉讼（复议后起诉）\n\n{header}| 0 | 0 | 1 | 0 | 1 |\n{}",
        &md[..heading_end],
        &md[b..]
    );
    let table = crate::parse::parse(&text, None);
    assert_eq!(
        table.table("review_litigation").unwrap().confidence,
        Confidence::High,
        "the fixture must be read as table 四"
    );
    let f = fmt(&text);
    for h in [
        "### 行政复议",
        "### 行政诉讼（未经复议直接起诉）",
        "### 行政诉讼（复议后起诉）",
    ] {
        assert!(f.text.contains(h), "{h} lost:\n{}", f.text);
    }
    assert!(
        !f.text
            .lines()
            .any(|l| l.starts_with('#') && l.trim_start_matches('#').trim().is_empty()),
        "an empty heading:\n{}",
        f.text
    );
    assert!(
        f.warnings.iter().any(|w| w.contains("小标题")),
        "{:?}",
        f.warnings
    );
    assert_eq!(fmt(&f.text).text, f.text);
}

/// Whatever the shape, a rewritten table holds every character of the lines it replaces.
#[test]
fn a_table_that_would_lose_a_character_is_not_rewritten() {
    assert_eq!(
        lost_char(
            ["行政诉讼（复议后起诉）"].into_iter(),
            ["复议后起诉"].into_iter()
        ),
        Some('政')
    );
    // the template's punctuation for a label is no loss
    assert_eq!(
        lost_char(
            ["1、属于国家秘密"].into_iter(),
            ["1.属于国家秘密"].into_iter()
        ),
        None
    );
    assert_eq!(
        lost_char(["| 1 | 2 |"].into_iter(), ["1\t2", "总计"].into_iter()),
        None
    );
    assert_eq!(
        lost_char(
            ["行政诉讼", "行政诉讼"].into_iter(),
            ["行政诉讼"].into_iter()
        ),
        Some('政')
    );
}

fn exported(text: &str) -> serde_json::Value {
    kept_export(&crate::parse::parse(text, None), text)
}

/// Whitespace of any kind inside a value cell of any table (no-break and ideographic spaces, the
/// Unicode spaces, zero-width ones) next to replacement characters, digits and units: formatting
/// keeps the cell's reading and its text (the whitespace inside it included), so the export is the
/// same, and formatting again changes nothing. (The formatter once dropped every space but U+0020
/// inside a value, and its check compared cells after the same dropping, so 「0\u{a0}���」 was
/// exported as 「0���」 after `fmt`.)
#[test]
fn whitespace_inside_a_value_cell_is_kept_in_every_table() {
    let spaces = [
        ' ', '\u{a0}', '\u{3000}', '\u{2002}', '\u{2009}', '\u{200b}', '\u{202f}', '\u{feff}',
    ];
    let patterns = |w: char| {
        [
            format!("0{w}\u{FFFD}\u{FFFD}"),
            format!("1{w}2%"),
            format!("1{w}{w}2x"),
            format!("{w}１２{w}"),
            format!("—{w}—"),
        ]
    };
    for family in [Family::Text, Family::Markdown] {
        let text = blank(family);
        for w in spaces {
            for (pi, pattern) in patterns(w).iter().enumerate() {
                // one value cell of every row of every table, a different column from row to row
                let mut n = 0usize;
                let messy: String = text
                    .lines()
                    .map(|l| {
                        let (sep, cells): (&str, Vec<&str>) = match family {
                            Family::Text if l.contains('\t') => ("\t", l.split('\t').collect()),
                            Family::Markdown if l.starts_with('|') && !l.contains("---") => {
                                ("|", l.split('|').collect())
                            }
                            _ => return format!("{l}\n"),
                        };
                        let values: Vec<usize> = (0..cells.len())
                            .filter(|&i| cells[i].trim() == "0")
                            .collect();
                        if values.is_empty() {
                            return format!("{l}\n");
                        }
                        n += 1;
                        let at = values[(n + pi) % values.len()];
                        let mut cells: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
                        cells[at] = pattern.clone();
                        format!("{}\n", cells.join(sep))
                    })
                    .collect();
                assert!(n > 20, "{family:?}: only {n} rows edited");
                let f = fmt(&messy);
                // rewritten into the canonical form (two ASCII spaces part two values: 「1  2x」
                // makes every row too long, and its tables are formatted at the whitespace level)
                assert_eq!(
                    f.warnings.is_empty(),
                    !pattern.contains("  "),
                    "{family:?} {w:?} {pattern:?}: {:?}",
                    f.warnings
                );
                let once = f.text;
                assert!(
                    exported(&once) == exported(&messy),
                    "{family:?} {w:?} {pattern:?}: the export changed:\n{once}"
                );
                assert_eq!(
                    fmt(&once).text,
                    once,
                    "{family:?} {w:?} {pattern:?}: idempotent"
                );
                // the cell's characters, whitespace inside it included, are all still there
                let inner: String = crate::norm::trim(pattern)
                    .chars()
                    .map(typo::ascii_digit)
                    .collect();
                assert_eq!(
                    once.matches(inner.as_str()).count(),
                    messy
                        .chars()
                        .map(typo::ascii_digit)
                        .collect::<String>()
                        .matches(inner.as_str())
                        .count(),
                    "{family:?} {w:?} {pattern:?}: a cell lost its whitespace:\n{once}"
                );
            }
        }
    }
}

/// What the oracles compare: a digit's width in a cell is no difference, any other character is,
/// whitespace inside a cell included.
#[test]
fn the_kept_export_differs_only_by_digit_widths() {
    let text = blank(Family::Text);
    let with = |cell: &str| {
        exported(&edit(
            &text,
            "规章\t0\t0\t0",
            &format!("规章\t{cell}\t0\t0"),
        ))
    };
    assert_eq!(with("１２"), with("12"));
    assert_eq!(with("１２"), with("\u{3000}１２ "));
    assert_eq!(with("０\u{a0}x"), with("0\u{a0}x"));
    assert_ne!(with("0\u{a0}x"), with("0x"));
    assert_ne!(with("0\u{3000}x"), with("0 x"));
    assert_ne!(with("12"), with("13"));
    let j = with("１２");
    assert_eq!(j["tables"]["active"]["rules"]["issued"], 12);
    assert!(j["raw"].as_object().unwrap().is_empty(), "{j}");
    assert_eq!(
        with("0\u{a0}x")["raw"]["active"]["rules"]["issued"],
        "0\u{a0}x"
    );
}

/// Two header cells written as one cell holding another template's marker, wrapped over two lines
/// (「本年增/减」「处理决定数量」 as 「本年\n处理决定数量」, a 2021 header in a 2019 table): the reader finds
/// the marker (NB108), and the canonical form, which writes the template's headers in place of those
/// lines (every piece of them a fragment of the template's headers, every character of them in the
/// template's), would drop it. The table keeps its header, and the diagnostics stay. (Found by the
/// random edits of `tests/format.rs`: deleting 「增/减 |」 from 「本年增/减 |」.) Every marker of the
/// other template that the characters of two adjacent header cells can spell, at every split.
#[test]
fn a_header_holding_another_templates_marker_is_kept() {
    let nb108 = |t: &str| -> Vec<String> {
        crate::analyze(t, &crate::Config::default())
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "NB108")
            .map(|d| d.message)
            .collect()
    };
    let spells = |m: &str, cells: &str| {
        let mut have: Vec<char> = cells.chars().collect();
        m.chars().all(|c| match have.iter().position(|&h| h == c) {
            Some(i) => {
                have.swap_remove(i);
                true
            }
            None => false,
        })
    };
    let mut cases = 0;
    for year in [2020, 2025] {
        let text = blank_report(year, "某某县人民政府", Family::Text).unwrap();
        let own = crate::parse::parse(&text, None).template.unwrap();
        let others: Vec<&String> = crate::template::all()
            .iter()
            .filter(|t| t.id != own)
            .flat_map(|t| &t.markers)
            .collect();
        let lines: Vec<&str> = text.lines().collect();
        for (li, header) in lines.iter().enumerate() {
            if !header.starts_with("信息内容\t") {
                continue;
            }
            let cells: Vec<&str> = header.split('\t').collect();
            for i in 1..cells.len() - 1 {
                let pair = format!("{}\t{}", cells[i], cells[i + 1]);
                for m in others.iter().filter(|m| spells(m, &pair)) {
                    let chars: Vec<char> = m.chars().collect();
                    for k in 1..chars.len() {
                        let wrapped: String = chars[..k]
                            .iter()
                            .chain(&['\n'])
                            .chain(&chars[k..])
                            .collect();
                        let mut t: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                        t[li] = header.replace(&pair, &wrapped);
                        let t = t.join("\n") + "\n";
                        let before = nb108(&t);
                        assert!(!before.is_empty(), "{year} {wrapped:?}: read as the marker");
                        cases += 1;
                        let f = fmt(&t);
                        assert_eq!(nb108(&f.text), before, "{year} {wrapped:?}:\n{}", f.text);
                        assert!(
                            f.warnings.iter().any(|w| w.contains(m.as_str())),
                            "{year} {wrapped:?}: {:?}",
                            f.warnings
                        );
                        assert_eq!(fmt(&f.text).text, f.text, "{year} {wrapped:?}: idempotent");
                    }
                }
            }
        }
    }
    assert!(cases > 0, "no header spells a marker of the other template");
}

/// Text inside a table that is no row is kept after the table, on a line of its own: when it did not
/// start its line and starts with a mark the reader takes for markup (「|# ||」 left 「#」, an empty
/// heading; 「# 0」 would make a plain-text report Markdown), the table is formatted at the whitespace
/// level instead. (Found by the random edits of `tests/format.rs`: 「# 」 inserted into 「|||」.)
#[test]
fn leftover_text_never_becomes_markup_at_a_line_start() {
    let text = blank(Family::Text);
    for mark in ["#", "# 0", "> x", "* x", "_x_"] {
        let t = edit(
            &text,
            "第二十条第（六）项\n",
            &format!("第二十条第（六）项\n|{mark} ||\n"),
        );
        let f = fmt(&t);
        assert!(
            !f.text.lines().any(|l| l.starts_with(mark)),
            "{mark:?} starts a line:\n{}",
            f.text
        );
        assert!(
            f.text.contains(&format!("|{mark} ||")),
            "{mark:?}:\n{}",
            f.text
        );
        assert!(
            f.warnings.iter().any(|w| w.contains("行首")),
            "{mark:?}: {:?}",
            f.warnings
        );
        assert_eq!(
            crate::parse::parse(&f.text, None).layout,
            crate::parse::parse(&t, None).layout
        );
        assert_eq!(fmt(&f.text).text, f.text, "{mark:?}: idempotent");
    }
    // where it started its line, it stays there
    let t = edit(&text, "行政处罚\t0\n", "行政处罚\t0\n*注：本表单位为件\n");
    let f = fmt(&t);
    assert!(f.text.contains("\n*注：本表单位为件\n"), "{}", f.text);
}

/// Full-width digits written after a label (「（六）其他处理１２」) are the label's text; the formatter
/// once wrote them in ASCII, which reads as a value written after the label (a group line carrying
/// values: a new NB108). The label keeps them, and the formatter's check compares the values a line
/// carries besides its cells. Every label line of every table. (Found by the random edits of
/// `tests/format.rs`.)
#[test]
fn full_width_digits_after_a_label_stay_text() {
    let codes = |t: &str| -> Vec<&'static str> {
        let mut c: Vec<&'static str> = crate::analyze(t, &crate::Config::default())
            .diagnostics
            .into_iter()
            .map(|d| d.code)
            .filter(|c| !matches!(*c, "NB104" | "NB203"))
            .collect();
        c.sort_unstable();
        c
    };
    for year in [2020, 2025] {
        let text = blank_report(year, "某某县人民政府", Family::Text).unwrap();
        let own = crate::parse::parse(&text, None).template.unwrap();
        let labels: Vec<&str> = crate::template::by_id(&own)
            .unwrap()
            .tables
            .iter()
            .flat_map(|t| &t.items)
            .filter(|i| matches!(i.kind, ItemKind::Row | ItemKind::Group))
            .map(|i| i.label.as_str())
            .collect();
        let lines: Vec<&str> = text.lines().collect();
        let mut edited = 0;
        for (i, l) in lines.iter().enumerate() {
            let (label, rest) = l.split_once('\t').unwrap_or((l, ""));
            if !labels.contains(&label) {
                continue;
            }
            let mut t: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            t[i] = if rest.is_empty() {
                format!("{label}１２")
            } else {
                format!("{label}１２\t{rest}")
            };
            let t = t.join("\n") + "\n";
            edited += 1;
            let f = fmt(&t);
            // the table is still rewritten, the digits kept as written
            assert!(f.warnings.is_empty(), "{year} {label}: {:?}", f.warnings);
            assert!(f.text.contains("１２"), "{year} {label}:\n{}", f.text);
            assert_eq!(codes(&f.text), codes(&t), "{year} {label}:\n{}", f.text);
            assert!(exported(&f.text) == exported(&t), "{year} {label}: export");
            assert_eq!(fmt(&f.text).text, f.text, "{year} {label}: idempotent");
        }
        assert!(edited > 20, "{year}: {edited} lines");
    }
}
