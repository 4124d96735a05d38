//! NB203 nonstandard-label: a row or column label differs from the standard one.

use super::{fix, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::Shape;
use text_size::TextRange;

pub static META: RuleMeta = RuleMeta {
    code: "NB203",
    name: "nonstandard-label",
    severity: Severity::Warning,
    summary: "a row or column label differs from the standard one",
    doc: r#"## What it checks
Row labels, group lines, block lines and column headers are written exactly as in the template, with the
official numbering punctuation (「（一）」, 「1.」) — and every row has its label.

## Why
Typos, truncations (「行政许」), half-width brackets and variant numbering (「1、」) are what evaluators
flag first; automated comparison across organs needs the standard labels.

## Example
「(一)予以公开」 for 「（一）予以公开」, 「1. 属于国家秘密」 for 「1.属于国家秘密」, a 规章 row whose label is missing.

## Fix
Replaces the label with the standard one (safe), or inserts the missing label.

## Not reported
A label that is the standard one cut by the route the text came through (FORMAT.md §7.2–7.4: a wrapped
label scattered by reading-order PDF text or a converter's Markdown): a run of the standard label whose
missing start or end stands elsewhere in the table as a fragment of its own, with pieces of the table's
other labels glued on at fragment boundaries. Such wording says nothing of the author's. Nor a row
without its label when the label stands whole elsewhere in the table, in text no label was read from
(a wrapped label that reading-order PDF text moved away from its values).
Differences that survive any route (half-width brackets, 「1、」 numbering, a wrong or missing word
inside one run of the label, spacing) are still reported."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = cx.template else { return };
    for t in tpl.tables.iter().filter(|t| t.shape == Shape::Rows) {
        let Some(table) = cx.report.table(&t.id) else {
            continue;
        };
        // (the table's labels, read once when a label is not exact)
        let labels = std::cell::OnceCell::new();
        let labels = || labels.get_or_init(|| glue_labels(t));
        for row in &table.rows {
            let Some(item) = t.row(row.id) else { continue };
            match &row.label {
                Some(l) if !l.exact => {
                    if route_damage(cx.text, &l.parts, &item.label, labels(), table.range, l.range) {
                        continue;
                    }
                    let d = cx.diag(
                        &META,
                        l.range,
                        format!("行标签应为「{}」，实际为「{}」", item.label, l.text),
                    );
                    out.push(if l.parts.len() == 1 {
                        d.with_fix(fix(
                            format!("改为「{}」", item.label),
                            l.range,
                            item.label.clone(),
                            true,
                        ))
                    } else {
                        d
                    });
                }
                None => {
                    let Some(first) = row.cells.first() else {
                        continue;
                    };
                    if label_elsewhere(cx.text, table, &item.label) {
                        continue;
                    }
                    let same_line = cx.text[row.range].lines().count() <= 1
                        && !cx.text[row.range].contains('\n');
                    let insert = if same_line {
                        format!("{}\t", item.label)
                    } else {
                        format!("{}\n\n{}", item.label, cx.indent_at(first.range.start()))
                    };
                    out.push(
                        cx.diag(
                            &META,
                            first.range,
                            format!("「{}」行缺少行标签", item.label),
                        )
                        .with_fix(fix(
                            format!("插入行标签「{}」", item.label),
                            TextRange::empty(first.range.start()),
                            insert,
                            true,
                        )),
                    );
                }
                _ => {}
            }
        }
        for m in table.markers.iter().filter(|m| {
            !m.exact
                && !route_damage(cx.text, &[m.range], m.standard, labels(), table.range, m.range)
        }) {
            let d = cx.diag(
                &META,
                m.range,
                format!("应为「{}」，实际为「{}」", m.standard, m.label),
            );
            out.push(if cx.text[m.range].contains('\n') {
                d
            } else {
                d.with_fix(fix(
                    format!("改为「{}」", m.standard),
                    m.range,
                    m.standard,
                    true,
                ))
            });
        }
    }
}

/// Characters that separate pieces of a label as the route wrote it: whitespace, a Markdown cell
/// border or emphasis.
fn is_cut(c: char) -> bool {
    c.is_whitespace() || c == '|' || c == '*'
}

/// The row's label `standard` stands whole in the table (`table`'s range), in text that no label or
/// marker was read from: a route that moves a wrapped label away from its values (reading-order PDF text,
/// FORMAT.md §7.2) left the row without it; the author did not leave it out.
fn label_elsewhere(text: &str, table: &crate::model::Table, standard: &str) -> bool {
    let Some(t) = text.get(std::ops::Range::<usize>::from(table.range)) else {
        return false;
    };
    let taken: Vec<TextRange> = table
        .rows
        .iter()
        .filter_map(|r| r.label.as_ref())
        .flat_map(|l| l.parts.iter().copied())
        .chain(table.markers.iter().map(|m| m.range))
        .collect();
    let free: String = pieces(t, table.range)
        .into_iter()
        .filter(|(r, _)| {
            !taken
                .iter()
                .any(|x| x.intersect(*r).is_some_and(|y| !y.is_empty()))
        })
        .map(|(_, p)| p)
        .collect();
    let want: String = standard.chars().filter(|&c| !is_cut(c)).collect();
    !want.is_empty() && free.contains(&want)
}

/// A character of a label's numbering (「1.」, 「（一）」).
fn is_numbering(c: char) -> bool {
    c.is_ascii_digit() || ".．、（）()".contains(c) || crate::norm::numeral_value(c).is_some()
}

/// The pieces of `text` between cuts ([`is_cut`]), with their ranges.
fn pieces(text: &str, at: TextRange) -> Vec<(TextRange, &str)> {
    let base = usize::from(at.start());
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (start, is_cut(c)) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                let range = TextRange::new(
                    text_size::TextSize::from((base + s) as u32),
                    text_size::TextSize::from((base + i) as u32),
                );
                out.push((range, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The labels of `table` a route may glue onto another (items, header texts, column headers), each
/// with its characters, cuts removed.
fn glue_labels(table: &crate::template::Table) -> Vec<(&str, Vec<char>)> {
    table
        .items
        .iter()
        .map(|i| i.label.as_str())
        .chain(table.header.iter().map(String::as_str))
        .chain(table.columns.iter().map(|c| c.header.as_str()))
        .map(|l| (l, l.chars().filter(|&c| !is_cut(c)).collect()))
        .collect()
}

/// The label written in `parts` is the standard label `standard` as a route that scatters wrapped labels
/// leaves it (FORMAT.md §7.2–7.4), not the author's wording: a contiguous run of `standard`, with
/// pieces of the table's other labels (`labels`: [`glue_labels`]) glued on at fragment
/// boundaries, and where the run lacks the start or the end of `standard`, that start or end standing
/// elsewhere in the table (`region`, outside `own`) as a fragment of its own. Differences that survive
/// any route (half-width brackets, 「1、」 numbering, a wrong or missing word inside the run) are not.
fn route_damage(
    text: &str,
    parts: &[TextRange],
    standard: &str,
    labels: &[(&str, Vec<char>)],
    region: TextRange,
    own: TextRange,
) -> bool {
    // the label's characters (cuts removed) and where a fragment boundary falls
    let mut chars: Vec<char> = Vec::new();
    let mut bound: Vec<bool> = vec![true];
    for &p in parts {
        let Some(t) = text.get(std::ops::Range::<usize>::from(p)) else { return false };
        for (_, piece) in pieces(t, p) {
            if let Some(b) = bound.last_mut() {
                *b = true;
            }
            for c in piece.chars() {
                chars.push(c);
                bound.push(false);
            }
            if let Some(b) = bound.last_mut() {
                *b = true;
            }
        }
    }
    let std: Vec<char> = standard.chars().filter(|&c| !is_cut(c)).collect();
    // (the standard label up to spacing: the spacing is the author's or survives any route)
    if chars.is_empty() || std.is_empty() || chars == std || chars.len() > 4 * std.len() {
        return false;
    }
    let others: Vec<&[char]> = labels
        .iter()
        .filter(|(l, _)| *l != standard)
        .map(|(_, c)| c.as_slice())
        .collect();
    let glued = |a: usize, b: usize| -> bool {
        let piece = &chars[a..b];
        others
            .iter()
            .any(|o| o.windows(piece.len()).any(|w| w[0] == piece[0] && w == piece))
    };
    let n = chars.len();
    // the fragments of the table outside the label, for the missing start or end (cut out of the
    // table's text only when a run is long enough to ask for them)
    let fragments = std::cell::OnceCell::new();
    let elsewhere = || -> &Vec<&str> {
        fragments.get_or_init(|| {
            text.get(std::ops::Range::<usize>::from(region))
                .map(|t| pieces(t, region))
                .unwrap_or_default()
                .into_iter()
                .filter(|(r, _)| r.intersect(own).is_none_or(|x| x.is_empty()))
                .map(|(_, p)| p)
                .collect()
        })
    };
    // (a missing part that is only numbering, 「1.」, is what a wrong number looks like; a fragment
    // elsewhere that is only a part of the missing part has two characters at least)
    let words = |missing: &str| missing.chars().any(|c| !is_numbering(c));
    let start_elsewhere = |missing: &str| {
        missing.is_empty()
            || words(missing)
                && elsewhere().iter().any(|p| {
                    p.ends_with(missing) || (missing.ends_with(p) && p.chars().nth(1).is_some())
                })
    };
    let end_elsewhere = |missing: &str| {
        missing.is_empty()
            || words(missing)
                && elsewhere().iter().any(|p| {
                    p.starts_with(missing) || (missing.starts_with(p) && p.chars().nth(1).is_some())
                })
    };
    // glued_ends[i] = the ends k of the pieces of other labels glued on at label position i (the run
    // stays at j over them), the same for every start of the run: found once
    let glued_ends: Vec<Vec<usize>> = (0..n)
        .map(|i| {
            let mut ends: Vec<usize> = Vec::new();
            if bound[i] {
                // (a piece that is in no other label has no longer piece in one either)
                ends.extend(
                    (i + 1..=n)
                        .filter(|&k| bound[k])
                        .take_while(|&k| glued(i, k)),
                );
            }
            // a whole other label glued on without a cut (a crawl's cells run together)
            ends.extend(
                others
                    .iter()
                    .filter(|o| o.first() == Some(&chars[i]) && chars[i..].starts_with(o))
                    .map(|o| i + o.len()),
            );
            ends
        })
        .collect();
    // for each start of the run in `standard`: positions i of the label reachable with the run at j
    // reach[i] = the run's ends reached at label position i (one end per i: the run is contiguous,
    // so j - a counts the run's characters taken; several are possible with glued pieces)
    let mut reach: Vec<Vec<usize>> = vec![Vec::new(); n + 1];
    for a in 0..std.len() {
        reach.iter_mut().for_each(Vec::clear);
        reach[0].push(a);
        for i in 0..n {
            let js = std::mem::take(&mut reach[i]);
            for &j in &js {
                if j < std.len() && chars[i] == std[j] && !reach[i + 1].contains(&(j + 1)) {
                    reach[i + 1].push(j + 1);
                }
                for &k in &glued_ends[i] {
                    if !reach[k].contains(&j) {
                        reach[k].push(j);
                    }
                }
            }
            reach[i] = js;
        }
        for &j in &reach[n] {
            // at least half the standard label read in the run
            if 2 * (j - a) < std.len() {
                continue;
            }
            let head: String = std[..a].iter().collect();
            let tail: String = std[j..].iter().collect();
            if start_elsewhere(&head) && end_elsewhere(&tail) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{by_id, ItemKind};

    fn table() -> &'static crate::template::Table {
        by_id("2021").unwrap().table("applications").unwrap()
    }

    /// Two consecutive row labels of table 三 whose second is numbered 「2.」 or later.
    fn rows() -> (String, String) {
        let t = table();
        let r: Vec<&str> = t
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::Row)
            .map(|i| i.label.as_str())
            .collect();
        let i = r
            .windows(2)
            .position(|w| w[1].starts_with("2.") && w[0].chars().count() > 6)
            .unwrap();
        (r[i].to_string(), r[i + 1].to_string())
    }

    fn cut(s: &str, n: usize) -> (String, String) {
        let c: Vec<char> = s.chars().collect();
        (c[..n].iter().collect(), c[n..].iter().collect())
    }

    /// `route_damage` on the label written at `label` in `text` (one fragment per line of it).
    fn judge(text: &str, label: &str, standard: &str) -> bool {
        let start = text.find(label).unwrap();
        let mut parts = Vec::new();
        let mut at = start;
        for line in label.split('\n') {
            parts.push(TextRange::new((at as u32).into(), ((at + line.len()) as u32).into()));
            at += line.len() + 1;
        }
        let own = TextRange::new(parts[0].start(), parts[parts.len() - 1].end());
        let region = TextRange::new(0.into(), (text.len() as u32).into());
        route_damage(text, &parts, standard, &glue_labels(table()), region, own)
    }

    #[test]
    fn a_label_cut_short_with_its_end_elsewhere_is_the_route() {
        let (_, b) = rows();
        let n = b.chars().count();
        let (head, tail) = cut(&b, n - 2);
        let text = format!("{head} 0\n0\n{tail}\n0\n");
        assert!(judge(&text, &head, &b));
        // the end nowhere in the table: the label as written (a truncation)
        let text = format!("{head} 0\n0\n0\n");
        assert!(!judge(&text, &head, &b));
    }

    #[test]
    fn a_neighbours_end_glued_on_is_the_route() {
        let (a, b) = rows();
        let n = a.chars().count();
        let (a_head, a_tail) = cut(&a, n - 1);
        let label = format!("{a_tail}{b}");
        // (the glued end a fragment of its own: a line before the label's own text)
        let text = format!("{a_head}\n0\n{a_tail}\n{b}\n0\n");
        assert!(judge(&text, &format!("{a_tail}\n{b}"), &b));
        // the same characters glued without a cut are the author's
        let text = format!("{a_head}\n0\n{label}\n0\n");
        assert!(!judge(&text, &label, &b));
    }

    #[test]
    fn differences_that_survive_any_route_stay() {
        let (_, b) = rows();
        // 「1、」 numbering for 「1.」
        let one = b.replacen("2.", "2、", 1);
        assert!(!judge(&format!("{one} 0\n"), &one, &b));
        // a wrong number, with the right one elsewhere in the table
        let wrong = b.replacen("2.", "3.", 1);
        assert!(!judge(&format!("2.\n{wrong} 0\n"), &wrong, &b));
        // a word left out inside the label
        let (head, tail) = cut(&b, 4);
        let (_, rest) = cut(&tail, 1);
        let missing = format!("{head}{rest}");
        assert!(!judge(&format!("{missing} 0\n{tail}\n"), &missing, &b));
        // spacing only
        let spaced = b.replacen("2.", "2. ", 1);
        assert!(!judge(&format!("{spaced} 0\n"), &spaced, &b));
        // half-width brackets
        let g = table()
            .items
            .iter()
            .find(|i| i.label.starts_with('（'))
            .unwrap();
        let half = g.label.replace('（', "(").replace('）', ")");
        assert!(!judge(&format!("{half} 0\n"), &half, &g.label));
    }

    #[test]
    fn a_missing_label_standing_whole_in_unread_text_is_the_route() {
        let (a, b) = rows();
        let model = |text: &str, taken: Option<&str>| crate::model::Table {
            id: "applications".into(),
            range: TextRange::new(0.into(), (text.len() as u32).into()),
            confidence: crate::model::Confidence::High,
            notes: Vec::new(),
            rows: Vec::new(),
            markers: taken
                .map(|t| {
                    let at = text.find(t).unwrap();
                    crate::model::Marker {
                        label: t.into(),
                        standard: "",
                        range: TextRange::new(
                            (at as u32).into(),
                            ((at + t.len()) as u32).into(),
                        ),
                        exact: false,
                        values: 0,
                        kind: ItemKind::Group,
                    }
                })
                .into_iter()
                .collect(),
            unknown: Vec::new(),
            unsure_rows: Vec::new(),
            markdown_rows: Vec::new(),
        };
        // the label wrapped over lines after the values (reading-order text)
        let (head, tail) = cut(&b, 3);
        let text = format!("0\n0\n0\n{a}\n{head}\n{tail}\n");
        assert!(label_elsewhere(&text, &model(&text, None), &b));
        // the same text read as another label: not free
        assert!(!label_elsewhere(&text, &model(&text, Some(&tail)), &b));
        // nowhere in the table: the author left it out
        let text = format!("0\n0\n0\n{a}\n{head}\n");
        assert!(!label_elsewhere(&text, &model(&text, None), &b));
    }
}
