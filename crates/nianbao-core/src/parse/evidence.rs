//! Evidence of the layout and of the template (markers found in the tables).

use super::*;

pub(super) fn detect_layout(text: &str, lines: &[Line]) -> Layout {
    let mut cut = text.len().min(4096);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text.as_bytes()[..cut];
    // 「<html」, 「<table」, 「<!doctype html」 in any case
    let tag = |at: usize, name: &[u8]| {
        head.get(at + 1..at + 1 + name.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(name))
    };
    if memchr::memchr_iter(b'<', head)
        .any(|at| tag(at, b"html") || tag(at, b"table") || tag(at, b"!doctype html"))
    {
        return Layout::Html;
    }
    let md = lines.iter().take(4000).any(|l| {
        let s = &text[l.start..l.end];
        let t = s.trim_start();
        (t.starts_with('#') && t.trim_start_matches('#').starts_with([' ', '\u{3000}']))
            || (t.starts_with('|') && t.contains("---"))
    });
    if md {
        Layout::Markdown
    } else {
        Layout::Text
    }
}

/// Where a marker stands in `text` (lenient: whitespace and bracket width ignored): read as
/// [`markers_in`] reads it, in one cell (never across a tab or a pipe) and possibly wrapped over
/// lines (「本年\n处理决定数量」 in a header cell), the range covering it as written.
pub(super) fn find_marker(text: &str, marker: &str) -> Option<TextRange> {
    if let Some(p) = memchr::memmem::find(text.as_bytes(), marker.as_bytes()) {
        return Some(r(p, p + marker.len()));
    }
    // lenient: compare the marker's key with the text, skipping what keys ignore
    let mk: Vec<char> = key(marker).chars().collect();
    let first = *mk.first()?;
    // the candidate starts: a character outside ASCII is the folded form only of itself (folding
    // yields ASCII), so its occurrences are found by a byte search
    let mut utf8 = [0u8; 4];
    let starts: Box<dyn Iterator<Item = usize>> = if first.is_ascii() {
        Box::new(
            text.char_indices()
                .filter(move |&(_, c)| fold_width(c) == first)
                .map(|(i, _)| i),
        )
    } else {
        Box::new(memchr::memmem::find_iter(
            text.as_bytes(),
            first.encode_utf8(&mut utf8).as_bytes(),
        ))
    };
    for i in starts {
        let mut n = 0;
        for (j, ch) in text[i..].char_indices() {
            if matches!(ch, '\t' | '|') {
                break; // the cell ends (a line break does not end it: what `key` drops)
            }
            let f = fold_width(ch);
            if ignorable(f) {
                continue; // (what `key` drops)
            }
            if f != mk[n] {
                break;
            }
            n += 1;
            if n == mk.len() {
                return Some(r(i, i + j + ch.len_utf8()));
            }
        }
    }
    None
}

/// The template markers written in `bodies` of the text, each with its template, in template and
/// marker order. The keys of the cells are kept apart (U+0001 never occurs in a marker): a marker is
/// read in one cell, possibly wrapped over lines, never across a cell boundary (「本年 |」 then
/// 「处理决定数量 |」 is not 「本年处理决定数量」).
pub(crate) fn markers_in(
    text: &str,
    bodies: &[TextRange],
) -> Vec<(&'static template::Template, &'static String)> {
    let mut k = String::new();
    // a key is never longer than its text (characters are dropped or folded to ASCII): a cell shorter
    // than every marker's key (a value cell, mostly) holds none, and only its boundary is written
    let shortest = template::all()
        .iter()
        .flat_map(|t| &t.marker_finders)
        .map(|f| f.needle().len())
        .min()
        .unwrap_or(0);
    let mut cell = |c: &str| {
        if !k.is_empty() {
            k.push('\u{1}');
        }
        if c.len() >= shortest {
            crate::norm::push_key(&mut k, c);
        }
    };
    for b in bodies {
        // (tab and pipe are ASCII: a byte search finds the character)
        let body = &text[*b];
        let mut start = 0;
        for i in memchr::memchr2_iter(b'\t', b'|', body.as_bytes()) {
            cell(&body[start..i]);
            start = i + 1;
        }
        cell(&body[start..]);
    }
    let mut out = Vec::new();
    for tpl in template::all() {
        for (m, mk) in tpl.markers.iter().zip(&tpl.marker_finders) {
            if mk.find(k.as_bytes()).is_some() {
                out.push((tpl, m));
            }
        }
    }
    out
}

/// The template: from the markers found in the table sections (FORMAT.md §6), else the year, or
/// the override; and whether the text follows the pre-2019 layout.
pub(super) fn detect_template(
    text: &str,
    lines: &[Line],
    template_override: Option<&str>,
    report: &mut Report,
) {
    // --- template
    // template markers are column headers and rows: look for them in the table sections
    let table_bodies: Vec<TextRange> = report
        .sections
        .iter()
        .filter(|s| {
            template::all()
                .iter()
                .any(|t| t.section(&s.id).is_some_and(|x| x.table.is_some()))
        })
        .map(|s| s.body)
        .collect();
    let whole = [TextRange::up_to(TextSize::of(text))];
    let bodies = if table_bodies.is_empty() {
        &whole[..]
    } else {
        &table_bodies[..]
    };
    for (tpl, m) in markers_in(text, bodies) {
        // where it was found: in the first of the bodies that holds it
        let range = bodies
            .iter()
            .find_map(|b| find_marker(&text[*b], m).map(|r| r + b.start()))
            .unwrap_or_default();
        report.markers.push((tpl.id.clone(), m.clone(), range));
    }
    let count = |id: &str| report.markers.iter().filter(|m| m.0 == id).count();
    report.template = match template_override {
        Some(id) if template::by_id(id).is_some() => Some(id.to_string()),
        _ => {
            let best = template::all().iter().max_by_key(|t| {
                (
                    count(&t.id),
                    report
                        .year
                        .and_then(template::for_year)
                        .is_some_and(|y| y.id == t.id),
                )
            });
            match best {
                Some(t) if count(&t.id) > 0 => Some(t.id.clone()),
                _ => report
                    .year
                    .and_then(template::for_year)
                    .map(|t| t.id.clone())
                    .or_else(|| {
                        (!report.sections.is_empty())
                            .then(|| template::all().last().unwrap().id.clone())
                    }),
            }
        }
    };
    // the pre-2019 layout (「一、概述」 … 「政府信息公开情况统计表」: the template data's words) and
    // none of the current markers
    let reading = || template::all().iter().map(|t| &t.reading);
    report.legacy = report.markers.is_empty()
        && (reading()
            .flat_map(|r| &r.legacy_markers)
            .any(|m| text.contains(m.as_str()))
            || {
                let headings: Vec<String> = reading()
                    .flat_map(|r| &r.legacy_headings)
                    .map(|h| key(h))
                    .collect();
                lines
                    .iter()
                    .any(|l| headings.contains(&key(&text[l.start..l.end])))
            });
    if report.legacy {
        report.template = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_is_found_as_written_wrapped_over_lines_in_one_cell() {
        let at = |text: &str, marker: &str| find_marker(text, marker).map(|r| text[r].to_string());
        // as written, and leniently (width, brackets, white space)
        assert_eq!(
            at("信息内容\t本年处理决定数量\t", "本年处理决定数量").as_deref(),
            Some("本年处理决定数量")
        );
        assert_eq!(
            at("| 本年收费金额(单位:万元) |", "本年收费金额（单位：万元）").as_deref(),
            Some("本年收费金额(单位:万元") // (to its last character a key keeps)
        );
        // wrapped over lines in a header cell: the range covers it across the line breaks
        assert_eq!(
            at("信息内容\t本年\n处理决定数量\t", "本年处理决定数量").as_deref(),
            Some("本年\n处理决定数量")
        );
        assert_eq!(
            at("本年 \r\n\n 处理决定\n数量", "本年处理决定数量").as_deref(),
            Some("本年 \r\n\n 处理决定\n数量")
        );
        // never across a cell boundary, as `markers_in` reads cells
        assert_eq!(at("信息内容\t本年\t处理决定数量", "本年处理决定数量"), None);
        assert_eq!(at("| 本年 |\n| 处理决定数量 |", "本年处理决定数量"), None);
        assert_eq!(at("本年\n处理决定", "本年处理决定数量"), None);
    }

    #[test]
    fn nb108_points_at_a_foreign_marker_wrapped_over_lines() {
        // the NB108 fixture (a 2021 report) with a 2019 column header, 「本年新制作数量」, wrapped in
        // table 二's header
        let fixture = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/rules/NB108.txt"
        ))
        .unwrap();
        assert!(fixture.contains("\t本年制发件数\t"));
        let text = fixture.replacen("\t本年制发件数\t", "\t本年新\n制作数量\t", 1);
        // what the one NB108 that names the foreign marker underlines, and where
        let underlined = |text: &str| {
            let d = crate::analyze(text, &crate::Config::default()).diagnostics;
            let mixed: Vec<_> = d
                .iter()
                .filter(|d| d.code == "NB108" && d.message.contains("「本年新制作数量」"))
                .collect();
            assert_eq!(mixed.len(), 1, "{d:#?}");
            (
                text[mixed[0].range].to_string(),
                usize::from(mixed[0].range.start()),
            )
        };
        assert_eq!(underlined(&text).0, "本年新\n制作数量");
        // the same words in the prose before the table: the diagnostic still points at the table's cell,
        // where the marker was read
        let prose = text.replacen(
            "一、总体情况\n",
            "一、总体情况\n本年新制作数量一项已不再统计。\n",
            1,
        );
        let (words, at) = underlined(&prose);
        assert_eq!(words, "本年新\n制作数量");
        assert!(at > prose.find("二、主动公开").unwrap());
    }
}
