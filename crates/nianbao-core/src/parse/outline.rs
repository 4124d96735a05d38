//! Stage 2: the outline — which lines are section headings — and the dates and years of the text.

use super::*;

// ------------------------------------------------------------------------------------------ headings

/// The last two characters of every heading key: a line without a numeral must end like a heading.
pub(super) static HEADING_ENDINGS: std::sync::LazyLock<Vec<String>> =
    std::sync::LazyLock::new(|| {
        let mut v: Vec<String> = template::all()
            .iter()
            .flat_map(|t| &t.sections)
            .flat_map(|s| std::iter::once(&s.heading).chain(&s.variants))
            .map(|h| {
                let k: Vec<char> = key(h).chars().collect();
                k[k.len().saturating_sub(2)..].iter().collect()
            })
            .collect();
        v.sort();
        v.dedup();
        v
    });

#[derive(Clone)]
pub(super) struct HeadingCandidate {
    pub(super) section: String,
    pub(super) score: f32,
}

/// The best section heading a line's text could be.
pub(super) fn match_heading(reader: &Reader, line_text: &str) -> Option<HeadingCandidate> {
    let t = trim(line_text);
    if t.is_empty() || t.chars().count() > 48 {
        return None;
    }
    let first = t.chars().next()?;
    if matches!(first, '(' | '（' | '[' | '【') || first.is_ascii_digit() {
        return None; // sub-heads 「（一）…」 and numbered items are never section headings
    }
    let numeral = numeral_value(first).filter(|_| {
        let second = t.chars().nth(1);
        matches!(
            second,
            Some('、' | '.' | '．' | ' ' | '\u{3000}' | ',' | '，')
        ) || second.is_some_and(is_han)
    });
    if numeral.is_none() {
        // cheap rejection of ordinary lines: the last two characters of the key end no heading
        let mut tail = t.chars().rev().map(fold_width).filter(|&c| !ignorable(c));
        let (last, before) = (tail.next(), tail.next());
        let mut buf = [0u8; 8];
        let mut n = 0;
        for c in [before, last].into_iter().flatten() {
            n += c.encode_utf8(&mut buf[n..]).len();
        }
        let ending = std::str::from_utf8(&buf[..n]).unwrap_or_default();
        if !HEADING_ENDINGS.iter().any(|e| ending.ends_with(e.as_str())) {
            return None;
        }
    }
    if let Some(known) = reader.headings.get(t) {
        return known;
    }
    let best = best_heading(t, numeral);
    reader.headings.insert(t, best.clone());
    best
}

/// The heading of [`match_heading`] past its cheap rejections: the best-scoring standard heading.
pub(super) fn best_heading(t: &str, numeral: Option<u32>) -> Option<HeadingCandidate> {
    let k = key(t);
    let kc: Vec<char> = k.chars().collect();
    let bits: Vec<u64> = kc.iter().map(|&c| char_bit(c)).collect();
    let mut best: Option<HeadingCandidate> = None;
    for h in HEADINGS.iter() {
        if numeral.is_some_and(|n| Some(n) != h.numeral) {
            continue;
        }
        let threshold = if numeral.is_some() { 0.55 } else { 0.86 };
        if max_similarity(kc.len(), h.key.len()) < threshold {
            continue;
        }
        if h.key.similarity_bound(&bits) < threshold {
            continue;
        }
        let score = h.key.similarity(&kc);
        if score >= threshold && best.as_ref().is_none_or(|b| score > b.score) {
            best = Some(HeadingCandidate {
                section: h.section.to_string(),
                score,
            });
        }
    }
    best
}

pub(super) struct HeadingKey {
    section: &'static str,
    numeral: Option<u32>,
    key: Pattern,
}

/// Every standard and variant heading of every template, as comparison keys.
pub(super) static HEADINGS: std::sync::LazyLock<Vec<HeadingKey>> = std::sync::LazyLock::new(|| {
    template::all()
        .iter()
        .flat_map(|t| &t.sections)
        .flat_map(|s| {
            std::iter::once(&s.heading)
                .chain(&s.variants)
                .map(move |h| HeadingKey {
                    section: s.id.as_str(),
                    numeral: s.numeral.chars().next().and_then(numeral_value),
                    key: Pattern::new(&key(h)),
                })
        })
        .collect()
});

pub(super) fn standard_heading(section: &str) -> impl Iterator<Item = &'static str> + '_ {
    template::all()
        .iter()
        .filter_map(move |t| t.section(section))
        .map(|s| s.heading.as_str())
}

// ------------------------------------------------------------------------------------------ dates

/// Dates in a slice (offset `base`), in every form reports write them ([`crate::dates`]: 2022年1月19日,
/// 二〇二二年一月十九日, full-width digits, 2022-01-19, 2022.1.19 …).
pub(super) fn dates(text: &str, base: usize) -> Vec<DateMention> {
    crate::dates::find(text, base)
}

/// `2021年` / `2021 年度` / `２０２１年` mentions: (year, range).
pub(crate) fn year_mentions(text: &str, base: usize) -> Vec<(i32, TextRange)> {
    // from every 「年」 back over spaces to four digits (ASCII or full-width) with no digit before
    let b = text.as_bytes();
    let mut out = Vec::new();
    for p in memchr::memmem::find_iter(b, "年".as_bytes()) {
        let before = trim_end(&text[..p]);
        let e = before.len();
        let mut digits = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| year_digit(c).is_some());
        let Some((start, _)) = digits.nth(3) else {
            continue;
        };
        if digits.next().is_some() {
            continue;
        }
        let y = before[start..]
            .chars()
            .filter_map(year_digit)
            .fold(0i32, |y, d| y * 10 + d as i32);
        if (1990..=2100).contains(&y) {
            out.push((y, r(base + start, base + e)));
        }
    }
    out
}

/// An ASCII or full-width digit's value.
fn year_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The section headings of the text, each with its body (up to the next heading).
pub(super) fn find_sections(reader: &Reader, text: &str, lines: &[Line]) -> Vec<Section> {
    // --- headings
    let mut headings: Vec<(usize, Section)> = Vec::new(); // (line index, section)
    let mut renumbered_at: Vec<usize> = Vec::new(); // indexes in `headings` of renumbered ones
    let mut continued_to = 0; // lines before this one are a wrapped heading's last words
    for (li, line) in lines.iter().enumerate() {
        if li < continued_to || line.end - line.start > 240 {
            continue;
        }
        let raw = &text[line.start..line.end];
        let (a, b, level) = strip_markup(text, line.start, line.end);
        // a table line with several non-empty cells is no heading
        let inner = &text[a..b];
        let cell = if memchr::memchr2(b'\t', b'|', inner.as_bytes()).is_none() {
            trim(inner)
        } else {
            // (tab and pipe are ASCII: a byte search finds the character)
            let mut start = 0;
            let mut cells = memchr::memchr2_iter(b'\t', b'|', inner.as_bytes())
                .chain([inner.len()])
                .map(|i| {
                    let c = trim(&inner[start..i]);
                    start = i + 1;
                    c
                })
                .filter(|c| !c.is_empty());
            match (cells.next(), cells.next()) {
                (Some(cell), None) => cell,
                _ => continue,
            }
        };
        if cell.is_empty() || is_contents_entry(cell) {
            continue;
        }
        let found = match_heading(reader, cell);
        let other = remembered_renumbered_heading(reader, cell).filter(|o| {
            found
                .as_ref()
                .is_none_or(|c| c.section != o.section && c.score < o.score)
        });
        let (c, renumbered) = match (found, other) {
            (_, Some(o)) => (o, true),
            (Some(c), None) => (c, false),
            (None, None) => continue,
        };
        let ca = a + inner.find(cell).unwrap_or(0);
        let mut heading_range = r(ca, ca + cell.len());
        let mut heading = cell.to_string();
        let mut line_range = r(line.start, line.end);
        if let Some((last, words)) = (!renumbered)
            .then(|| wrapped_heading(text, lines, li, cell, &c.section))
            .flatten()
        {
            heading = words;
            let end = lines[last].start + trim_end(&text[lines[last].start..lines[last].end]).len();
            heading_range = r(ca, end);
            line_range = r(line.start, lines[last].end);
            continued_to = last + 1;
        }
        let standard = !renumbered && standard_heading(&c.section).any(|h| h == heading);
        let _ = raw;
        let section = Section {
            id: c.section,
            heading,
            heading_range,
            line_range,
            standard,
            body: TextRange::default(),
            level,
            renumbered,
        };
        if renumbered {
            renumbered_at.push(headings.len());
        }
        headings.push((li, section));
    }
    drop_contents_list(text, lines, &mut headings, &mut renumbered_at);
    set_bodies(text, lines, &mut headings);
    if !renumbered_at.is_empty() {
        keep_renumbered(text, &mut headings, &renumbered_at);
        set_bodies(text, lines, &mut headings);
    }
    headings.into_iter().map(|(_, s)| s).collect()
}

/// A table of contents written without page numbers: three headings or more one under the other
/// (only blank lines between them), each of them again further on. They name the sections; the ones
/// further on are the sections. (`renumbered_at`: indexes into `headings`, kept pointing at the same
/// headings.)
fn drop_contents_list(
    text: &str,
    lines: &[Line],
    headings: &mut Vec<(usize, Section)>,
    renumbered_at: &mut Vec<usize>,
) {
    let blank_between = |a: usize, b: usize| {
        lines[a + 1..b]
            .iter()
            .all(|l| trim(&text[l.start..l.end]).is_empty())
    };
    let mut k = 0;
    while k < headings.len() {
        let mut end = k + 1;
        while end < headings.len() && blank_between(headings[end - 1].0, headings[end].0) {
            end += 1;
        }
        let again = |(_, h): &(usize, Section)| headings[end..].iter().any(|(_, s)| s.id == h.id);
        if end - k >= 3 && headings[k..end].iter().all(again) {
            headings.drain(k..end);
            renumbered_at.retain(|&i| !(k..end).contains(&i));
            renumbered_at
                .iter_mut()
                .filter(|i| **i >= end)
                .for_each(|i| *i -= end - k);
        } else {
            k = end;
        }
    }
}

/// A line of a table of contents (「一、总体情况……………………3」「二、主动公开政府信息情况      4」):
/// text, a leader (two dots, ellipses, middle dots, dashes or underscores or more, or two spaces or
/// more) and a page number of up to three digits ending the line. It names a section; it is none.
/// (A table row ends with values after values, 「…数量  60  0  0」: not an entry.)
pub(super) fn is_contents_entry(line: &str) -> bool {
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let before_number = line.trim_end_matches(is_digit);
    let number = &line[before_number.len()..];
    if number.is_empty() || number.chars().count() > 3 {
        return false;
    }
    let is_leader = |c: char| matches!(c, '.' | '．' | '…' | '⋯' | '·' | '•' | '-' | '—' | '_');
    let text = before_number.trim_end_matches(|c: char| is_leader(c) || is_space(c));
    let leader = &before_number[text.len()..];
    let dots = leader.chars().filter(|&c| is_leader(c)).count();
    let spaces = leader.chars().filter(|&c| is_space(c)).count();
    text.chars().next_back().is_some_and(|c| !is_digit(c)) && (dots >= 2 || spaces >= 2)
}

/// A heading wrapped over lines: a PDF's text of a heading longer than its line (「四、政府信息公开行政复议、
/// 行政诉讼」「情况」; PDFium's 「四、政府信息公开行政复」「议、行政诉」「讼情况」). The heading line `li`
/// (its text `cell`, read as `section` but not as any of its headings word for word) and the one to three
/// lines right after it (each short, no cells apart by tabs or pipes, no digit), whose words joined are word for word a
/// heading of the section (the template's, or a variant): the last of those lines and the words joined.
/// None when the line is a heading as it is, or no such lines follow.
fn wrapped_heading(
    text: &str,
    lines: &[Line],
    li: usize,
    cell: &str,
    section: &str,
) -> Option<(usize, String)> {
    const MORE_LINES: usize = 3;
    const PIECE_CHARS: usize = 24;
    let keys: Vec<String> = template::all()
        .iter()
        .filter_map(|t| t.section(section))
        .flat_map(|s| std::iter::once(&s.heading).chain(&s.variants))
        .map(|h| key(h))
        .collect();
    let mut joined = key(cell);
    if keys.contains(&joined) {
        return None;
    }
    let mut words = cell.to_string();
    for k in li + 1..lines.len().min(li + 1 + MORE_LINES) {
        // (the lines one after the other in the text, as the heading's words are)
        if lines[k].start != lines[k - 1].next || lines[k].cells {
            return None;
        }
        let piece = trim(&text[lines[k].start..lines[k].end]);
        if piece.is_empty()
            || piece.chars().count() > PIECE_CHARS
            || piece
                .chars()
                .any(|c| matches!(c, '\t' | '|') || c.is_ascii_digit())
        {
            return None;
        }
        joined.push_str(&key(piece));
        words.push_str(piece);
        if keys.contains(&joined) {
            return Some((k, words));
        }
        if !keys.iter().any(|h| h.starts_with(joined.as_str())) {
            return None;
        }
    }
    None
}

fn set_bodies(text: &str, lines: &[Line], headings: &mut [(usize, Section)]) {
    for i in 0..headings.len() {
        // (after the heading's last line: a wrapped heading ends lines after its first)
        let mut last = headings[i].0;
        while usize::from(headings[i].1.line_range.end()) > lines[last].end
            && last + 1 < lines.len()
        {
            last += 1;
        }
        let body_start = lines[last].next;
        let body_end = headings.get(i + 1).map_or(text.len(), |h| lines[h.0].start);
        headings[i].1.body = r(body_start.min(body_end), body_end);
    }
}

/// The section a numbered line names by its words when its numeral is not the template's: the line
/// read under each numeral of the templates, strictly (a provincial outline renumbers the national
/// sections, FORMAT.md §7.4). Only for lines of a numeral and a separator.
pub(super) fn renumbered_heading(t: &str) -> Option<HeadingCandidate> {
    let (own, rest) = numeral_and_rest(t)?;
    let mut best: Option<HeadingCandidate> = None;
    for numeral in NUMERALS.iter() {
        if numeral_value(*numeral) == Some(own) {
            continue;
        }
        let moved = format!("{numeral}{rest}");
        if let Some(c) = best_heading(&moved, None) {
            if HEADINGS
                .iter()
                .any(|h| h.section == c.section && h.numeral == numeral_value(*numeral))
                && best.as_ref().is_none_or(|b| c.score > b.score)
            {
                best = Some(c);
            }
        }
    }
    best
}

/// A line's numeral and what follows it, for a line of at most 48 characters that starts with a
/// numeral and a separator (「三、…」): the only lines [`renumbered_heading`] reads.
fn numeral_and_rest(t: &str) -> Option<(u32, &str)> {
    let t = trim(t);
    let mut chars = t.chars();
    let own = numeral_value(chars.next()?)?;
    let rest = chars.as_str();
    if !rest.starts_with(['、', '.', '．']) || t.chars().count() > 48 {
        return None;
    }
    Some((own, rest))
}

/// [`renumbered_heading`] with the reader's memo (a pure function of the line's text, and the same
/// numbered lines recur from report to report); a line it does not read is not looked up.
pub(super) fn remembered_renumbered_heading(reader: &Reader, t: &str) -> Option<HeadingCandidate> {
    numeral_and_rest(t)?;
    if let Some(known) = reader.renumbered.get(t) {
        return known;
    }
    let found = renumbered_heading(t);
    reader.renumbered.insert(t, found.clone());
    found
}

/// The numerals of the templates' sections (一 … 六), from the template data.
static NUMERALS: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
    let mut v: Vec<char> = template::all()
        .iter()
        .flat_map(|t| &t.sections)
        .filter_map(|s| s.numeral.chars().next())
        .collect();
    v.sort();
    v.dedup();
    v
});

/// Share of a table's own words (its header texts, column headers and row labels) found in a text.
fn table_evidence(text: &str, section: &str) -> f32 {
    let body = key(text);
    let mut best = 0.0f32;
    for table in template::all()
        .iter()
        .flat_map(|t| &t.tables)
        .filter(|t| t.section == section)
    {
        let words: Vec<String> = table
            .header
            .iter()
            .chain(table.columns.iter().map(|c| &c.header))
            .chain(table.items.iter().map(|i| &i.label))
            .map(|w| key(w))
            .filter(|k| k.chars().count() >= 2)
            .collect();
        if words.is_empty() {
            continue;
        }
        let found = words.iter().filter(|w| body.contains(w.as_str())).count();
        best = best.max(found as f32 / words.len() as f32);
    }
    best
}

/// The tables' sections are recognised by their tables, not by their numerals: a renumbered heading is
/// kept for a table section when its body holds the table (and then a same-named heading of the
/// template's numeral whose body holds less of it is a chapter of the province's own, not the
/// section); for a prose section when no heading of the template's numeral names it.
fn keep_renumbered(text: &str, headings: &mut Vec<(usize, Section)>, renumbered_at: &[usize]) {
    const TABLE_EVIDENCE: f32 = 0.5;
    let has_table = |id: &str| {
        template::all()
            .iter()
            .flat_map(|t| &t.tables)
            .any(|t| t.section == id)
    };
    let evidence: Vec<f32> = headings
        .iter()
        .map(|(_, s)| {
            if has_table(&s.id) {
                table_evidence(&text[s.body], &s.id)
            } else {
                0.0
            }
        })
        .collect();
    let mut drop = vec![false; headings.len()];
    for &i in renumbered_at {
        let id = headings[i].1.id.as_str();
        let same: Vec<usize> = (0..headings.len())
            .filter(|&j| j != i && !headings[j].1.renumbered && headings[j].1.id == id)
            .collect();
        if has_table(id) {
            if evidence[i] >= TABLE_EVIDENCE && same.iter().all(|&j| evidence[j] < evidence[i]) {
                for j in same {
                    drop[j] = true;
                }
            } else {
                drop[i] = true;
            }
        } else if !same.is_empty() {
            drop[i] = true;
        }
    }
    // a renumbered heading is kept only beside another kept one: a numbering that restarts
    if renumbered_at.iter().filter(|&&i| !drop[i]).count() < 2 {
        drop.iter_mut().for_each(|d| *d = false);
        for &i in renumbered_at {
            drop[i] = true;
        }
    }
    let mut k = 0;
    headings.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seed 003, its title line and the rest after it (a table of contents goes between them).
    fn seed_003() -> (&'static str, &'static str, &'static str) {
        let seed = include_str!("../../../../tests/corpus/003_1b7c73a738c3b718.txt");
        let (title, rest) = seed.split_once('\n').unwrap();
        (seed, title, rest)
    }

    /// The six headings of the 2021 template, as the template data writes them.
    fn headings() -> Vec<&'static str> {
        let t = template::by_id("2021").unwrap();
        t.sections.iter().map(|s| s.heading.as_str()).collect()
    }

    /// The label of a table's first row with values, as the template data writes it.
    fn first_row(table: &str) -> &'static str {
        let t = template::by_id("2021").unwrap();
        let items = &t.table(table).unwrap().items;
        let row = items.iter().find(|i| i.kind == template::ItemKind::Row);
        row.unwrap().label.as_str()
    }

    /// The codes of a text's diagnostics, in order.
    fn codes(t: &str) -> Vec<&'static str> {
        crate::analyze(t, &crate::Config::default())
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect()
    }

    #[test]
    fn a_table_of_contents_names_sections_it_is_none() {
        let h = headings();
        assert_eq!(h.len(), 6);
        // the leaders tables of contents use: dots, ellipses, middle dots, dashes, spaces
        let leaders = ["……………………", "......", "      ", " ··· ", "—————", "____"];
        let pages = ["1", "2", "3", "４", "12", "105"];
        for (i, heading) in h.iter().enumerate() {
            let entry = format!("{heading}{}{}", leaders[i], pages[i]);
            assert!(is_contents_entry(&entry), "{entry}");
        }
        // refusals: headings, a heading with a number of its own, a page number of four digits,
        // table rows, a lone number, a leader without a page number
        let numeral = h[0].split('、').next().unwrap();
        let row = format!("{}  60  0  0", first_row("applications"));
        let refusals = [
            h[0].to_string(),
            h[5].to_string(),
            format!("{numeral}、2021年工作情况"),
            format!("{}……2021", h[1]),
            row,
            format!("{}  0  0", first_row("active")),
            "12".to_string(),
            format!("{}……", h[0]),
        ];
        for line in &refusals {
            assert!(!is_contents_entry(line), "{line}");
        }
        // a report with a table of contents reads as without it
        let (seed, title, rest) = seed_003();
        let mut contents = String::from("目录");
        for (i, heading) in h.iter().enumerate() {
            contents += &format!("\n{heading}……………{}", i + 1);
        }
        let with = format!("{title}\n{contents}\n{rest}");
        assert_eq!(codes(&with), codes(seed));
        let (a, b) = (
            crate::parse::parse(&with, None),
            crate::parse::parse(seed, None),
        );
        let values = |r: &Report| -> Vec<Vec<Option<f64>>> {
            r.tables
                .iter()
                .flat_map(|t| &t.rows)
                .map(|row| row.cells.iter().map(|c| c.number()).collect())
                .collect()
        };
        assert_eq!(values(&a), values(&b));
        assert!(values(&a).len() > 30);
    }

    #[test]
    fn a_table_of_contents_without_page_numbers_is_no_outline() {
        let h = headings();
        let (seed, title, rest) = seed_003();
        // the six headings one under the other after 「目录」, a blank line among them
        let contents = format!("目录\n{}\n{}\n\n{}", h[0], h[1], h[2..].join("\n"));
        let with = format!("{title}\n{contents}\n{rest}");
        assert_eq!(codes(&with), codes(seed));
        let sections = |t: &str| -> Vec<(String, u32)> {
            let r = crate::parse::parse(t, None);
            r.sections
                .iter()
                .map(|s| (s.id.clone(), u32::from(s.body.len())))
                .collect()
        };
        assert_eq!(sections(&with), sections(seed));
        // refusals: two headings one under the other; headings listed whose sections do not come again
        let two = format!("{title}\n{}\n{}\n{rest}", h[0], h[1]);
        assert!(codes(&two).contains(&"NB103"), "{:?}", codes(&two));
        let list = format!(
            "某县2021年政府信息公开工作年度报告\n{}\n",
            h[..3].join("\n")
        );
        assert_eq!(crate::parse::parse(&list, None).sections.len(), 3);
    }

    /// The text with the line `line` cut into pieces at the character counts `cuts`, one piece a line.
    fn cut_line(text: &str, line: &str, cuts: &[usize]) -> String {
        let chars: Vec<char> = line.chars().collect();
        let mut pieces = Vec::new();
        let mut from = 0;
        for &to in cuts.iter().chain([&chars.len()]) {
            pieces.push(chars[from..to].iter().collect::<String>());
            from = to;
        }
        let wrapped = text.replacen(
            &format!("\n{line}\n"),
            &format!("\n{}\n", pieces.join("\n")),
            1,
        );
        assert_ne!(wrapped, text, "{line}");
        wrapped
    }

    fn section<'a>(r: &'a Report, id: &str) -> &'a Section {
        let found = r.sections.iter().find(|s| s.id == id);
        found.unwrap_or_else(|| panic!("{id}"))
    }

    #[test]
    fn a_heading_wrapped_over_lines_is_one_heading() {
        let (seed, _, _) = seed_003();
        let t = template::by_id("2021").unwrap();
        for s in t.sections.iter().filter(|s| s.heading.chars().count() > 8) {
            let n = s.heading.chars().count();
            // a PDF's text: the last words on a line of their own; PDFium's: three pieces, four (the first
            // piece long enough to be read as the heading on its own)
            for cuts in [
                vec![n - 2],
                vec![n * 3 / 5, n - 3],
                vec![n * 3 / 5, n * 4 / 5, n - 1],
            ] {
                let text = cut_line(seed, &s.heading, &cuts);
                let r = crate::parse::parse(&text, None);
                let found = section(&r, &s.id);
                assert_eq!(found.heading, s.heading, "{cuts:?}");
                assert!(found.standard, "{cuts:?}");
                // the heading's range is its words over the lines; its body starts after its last line
                let range = &text[found.heading_range];
                assert_eq!(range.replace('\n', ""), s.heading, "{cuts:?}");
                let last: String = s.heading.chars().skip(*cuts.last().unwrap()).collect();
                assert!(text[found.line_range].ends_with(&last), "{cuts:?}");
                assert!(!text[found.body].starts_with(&last), "{cuts:?}");
                assert_eq!(codes(&text), codes(seed), "{} {cuts:?}", s.heading);
            }
        }
    }

    #[test]
    fn lines_that_do_not_finish_a_heading_are_not_joined_to_it() {
        let (seed, _, _) = seed_003();
        let t = template::by_id("2021").unwrap();
        let s = t
            .sections
            .iter()
            .find(|s| s.table.is_some() && s.heading.chars().count() > 12)
            .unwrap();
        let n = s.heading.chars().count();
        let head: String = s.heading.chars().take(n - 2).collect();
        let tail: String = s.heading.chars().skip(n - 2).collect();
        // a blank line between the pieces, a piece with a digit, other words, words too many
        for (after, why) in [
            (format!("\n{tail}"), "blank line"),
            (format!("{tail}1"), "digit"),
            (format!("{tail}\t{tail}"), "cells"),
            (format!("{tail}{tail}"), "more words"),
            (
                first_row(s.table.as_deref().unwrap()).to_string(),
                "a row label",
            ),
        ] {
            let text = seed.replacen(
                &format!("\n{}\n", s.heading),
                &format!("\n{head}\n{after}\n"),
                1,
            );
            assert_ne!(text, seed);
            let r = crate::parse::parse(&text, None);
            let found = section(&r, &s.id);
            assert_eq!(found.heading, head, "{why}");
            assert!(!found.standard, "{why}");
        }
        // a heading whole on its line keeps it, and the next line is its body's
        let text = seed.replacen(
            &format!("\n{}\n", s.heading),
            &format!("\n{}\n{tail}\n", s.heading),
            1,
        );
        let r = crate::parse::parse(&text, None);
        let found = section(&r, &s.id);
        assert_eq!(found.heading, s.heading);
        assert!(text[found.body].starts_with(&tail));
    }
}
