//! The prose of a report (everything outside the table sections' bodies and the title), cut into
//! sentences, for the content checks (NB406, NB407, NB408), and the fingerprint of a report's prose that
//! NB406 compares from year to year.

use crate::model::Report;

/// Sentence terminators.
const STOPS: &[char] = &['。', '！', '？', '；', ';', '!', '?', '\n'];

/// The byte ranges of the prose: the text outside the title, the section headings and the bodies of the
/// sections holding a table.
pub fn pieces(report: &Report, len: usize) -> Vec<(usize, usize)> {
    let tpl = report.template_data();
    let mut covered: Vec<(usize, usize)> = report
        .sections
        .iter()
        .filter(|s| {
            tpl.and_then(|t| t.section(&s.id))
                .is_some_and(|t| t.table.is_some())
        })
        .map(|s| {
            (
                usize::from(s.body.start()),
                usize::from(s.body.end()).min(len),
            )
        })
        .chain(report.sections.iter().map(|s| {
            (
                usize::from(s.line_range.start()),
                usize::from(s.line_range.end()).min(len),
            )
        }))
        .chain(
            report
                .title
                .iter()
                .map(|t| (usize::from(t.1.start()), usize::from(t.1.end()).min(len))),
        )
        .filter(|(s, e)| s < e)
        .collect();
    covered.sort_unstable();
    let mut out = Vec::with_capacity(covered.len() + 1);
    let mut at = 0;
    for (s, e) in covered {
        if s > at {
            out.push((at, s));
        }
        at = at.max(e);
    }
    if at < len {
        out.push((at, len));
    }
    out
}

/// The sentences of the prose: byte ranges, trimmed, non-empty, in text order.
pub fn sentences(report: &Report, text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (s, e) in pieces(report, text.len()) {
        let (mut s, e) = (s, e);
        while !text.is_char_boundary(s) {
            s += 1;
        }
        let piece = &text[s..e.max(s)];
        let mut start = 0;
        for (i, c) in piece.char_indices() {
            if STOPS.contains(&c) {
                push_trimmed(text, s + start, s + i + c.len_utf8(), &mut out);
                start = i + c.len_utf8();
            }
        }
        push_trimmed(text, s + start, s + piece.len(), &mut out);
    }
    out
}

/// The sentences of the prose that hold one of `words` (each once, in text order): found from the words'
/// occurrences, without cutting the whole prose.
pub fn sentences_with(report: &Report, text: &str, words: &[String]) -> Vec<(usize, usize)> {
    let finders: Vec<memchr::memmem::Finder> = words
        .iter()
        .filter(|w| !w.is_empty())
        .map(|w| memchr::memmem::Finder::new(w.as_bytes()))
        .collect();
    let mut out = Vec::new();
    if finders.is_empty() {
        return out;
    }
    let b = text.as_bytes();
    for (s, e) in pieces(report, text.len()) {
        for f in &finders {
            for hit in f.find_iter(&b[s..e]) {
                let at = s + hit;
                let start = text[s..at].rfind(STOPS).map_or(s, |i| {
                    s + i + text[s + i..].chars().next().map_or(1, char::len_utf8)
                });
                let end = text[at..e].find(STOPS).map_or(e, |i| {
                    at + i + text[at + i..].chars().next().map_or(1, char::len_utf8)
                });
                push_trimmed(text, start, end, &mut out);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn push_trimmed(text: &str, s: usize, e: usize, out: &mut Vec<(usize, usize)>) {
    let t = &text[s..e];
    let lead = t.len() - crate::norm::trim_start(t).len();
    let body = crate::norm::trim(t);
    if !body.is_empty() {
        out.push((s + lead, s + lead + body.len()));
    }
}

/// The characters of a sentence as compared from year to year: width folded, whitespace and punctuation
/// dropped, every run of digits (Arabic or the 〇 of Chinese years) one `#`.
fn compared(sentence: &str) -> impl Iterator<Item = char> + '_ {
    let mut in_digits = false;
    sentence.chars().filter_map(move |c| {
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            // most of the prose: ideographs, kept as they are (〇 is U+3007, outside)
            in_digits = false;
            return Some(c);
        }
        let c = if c.is_ascii() {
            c
        } else {
            crate::norm::fold_width(c)
        };
        if c.is_ascii_digit() || matches!(c, '〇' | '○' | '零') {
            let first = !in_digits;
            in_digits = true;
            return first.then_some('#');
        }
        in_digits = false;
        let skip = if c.is_ascii() {
            !c.is_ascii_alphanumeric()
        } else {
            c.is_whitespace() || crate::norm::is_space(c) || is_cjk_punct(c)
        };
        (!skip).then_some(c)
    })
}

/// A sentence as compared from year to year (see [`compared`]); `None` when fewer than `min` characters
/// remain.
pub fn normalise(sentence: &str, min: usize) -> Option<String> {
    let out: String = compared(sentence).collect();
    (out.chars().count() >= min).then_some(out)
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// The hash of a sentence as compared ([`normalise`]) without building it, `None` when it is shorter than
/// `min` characters: stable (the same in every run and on every machine).
pub fn sentence_hash(sentence: &str, min: usize) -> Option<u64> {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    let mut n = 0;
    for c in compared(sentence) {
        h.write_u32(c as u32);
        n += 1;
    }
    (n >= min).then(|| h.finish())
}

/// The fingerprint of a report's prose: the hash of every sentence long enough to compare, sorted
/// (repeats kept).
pub fn fingerprint(report: &Report, text: &str) -> Vec<u64> {
    let Some(min) = report.template_data().map(|t| t.words.min_sentence) else {
        return Vec::new();
    };
    let mut out: Vec<u64> = sentences(report, text)
        .into_iter()
        .filter_map(|(s, e)| sentence_hash(&text[s..e], min))
        .collect();
    out.sort_unstable();
    out.shrink_to_fit();
    out
}

/// The share of `this` (a fingerprint) found in `last` (another), 0–1; `None` when `this` is empty.
pub fn share(this: &[u64], last: &[u64]) -> Option<f64> {
    if this.is_empty() {
        return None;
    }
    let repeated = this
        .iter()
        .filter(|h| last.binary_search(h).is_ok())
        .count();
    Some(repeated as f64 / this.len() as f64)
}

/// The first of `words` at or after byte `from` in `s`, as (position, word).
pub fn find_any<'w>(s: &str, from: usize, words: &'w [String]) -> Option<(usize, &'w str)> {
    words
        .iter()
        .filter(|w| !w.is_empty())
        .filter_map(|w| s[from..].find(w.as_str()).map(|p| (from + p, w.as_str())))
        .min_by_key(|&(p, w)| (p, usize::MAX - w.len()))
}

/// Numbers followed by a counting word (「3件」) in `s`: (value, start, end of the digits, end of the unit).
pub fn counts(s: &str, units: &[String]) -> Vec<(f64, usize, usize, usize)> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !(b[i - 1].is_ascii_digit() || b[i - 1] == b'.')) {
            let mut j = i;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            let rest = crate::norm::trim_start(&s[j..]);
            let gap = s.len() - j - rest.len();
            if !s[j..].starts_with('.') {
                if let Some(u) = units
                    .iter()
                    .find(|u| !u.is_empty() && rest.starts_with(u.as_str()))
                {
                    if let Ok(v) = s[i..j].parse::<f64>() {
                        out.push((v, i, j, j + gap + u.len()));
                    }
                }
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Does `s` mention a year (「2023年」) other than `year`?
pub fn other_year(s: &str, year: Option<i32>) -> bool {
    let b = s.as_bytes();
    s.match_indices('年').any(|(at, _)| {
        at >= 4
            && b[at - 4..at].iter().all(u8::is_ascii_digit)
            && (at == 4 || !b[at - 5].is_ascii_digit())
            && s[at - 4..at].parse::<i32>().ok() != year
    })
}

/// Clause separators inside a sentence.
pub const CLAUSE: &[char] = &['，', ',', '、', '：', ':', '（', '）', '(', ')'];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_digits_and_space() {
        let a = normalise("2023年，我局 主动公开信息 1554 条。", 5).unwrap();
        let b = normalise("2024年,我局主动公开信息２０条", 5).unwrap();
        assert_eq!(a, b);
        assert_eq!(a, "#年我局主动公开信息#条");
        assert!(normalise("无。", 5).is_none());
        assert_eq!(
            sentence_hash("2023年，我局 主动公开信息 1554 条。", 5),
            sentence_hash("2024年,我局主动公开信息２０条", 5)
        );
        assert_ne!(
            sentence_hash("2023年，我局主动公开信息1554条。", 5),
            sentence_hash("2023年，我局主动公开文件1554条。", 5)
        );
        assert_eq!(sentence_hash("无。", 5), None);
    }

    #[test]
    fn counts_and_shares() {
        let units = vec!["件".to_string()];
        let c = counts("行政复议3件，1件维持，2.5件 20 件", &units);
        let v: Vec<f64> = c.iter().map(|x| x.0).collect();
        assert_eq!(v, [3.0, 1.0, 20.0]);
        assert_eq!(share(&[1, 2, 3, 4], &[2, 4, 9]), Some(0.5));
        assert_eq!(share(&[], &[1]), None);
    }

    #[test]
    fn sentences_with_words_are_the_sentences_holding_them() {
        let words: Vec<String> = ["行政复议", "规范性文件", "申请", "。"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        for text in crate::rules::seeds() {
            let report = crate::parse_any(text, None);
            for w in words.chunks(1).chain([&words[..]]) {
                let want: Vec<(usize, usize)> = sentences(&report, text)
                    .into_iter()
                    .filter(|&(s, e)| w.iter().any(|x| text[s..e].contains(x.as_str())))
                    .collect();
                assert_eq!(sentences_with(&report, text, w), want, "{w:?}");
            }
        }
    }
}
