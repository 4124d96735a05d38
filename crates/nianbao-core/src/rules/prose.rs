//! The prose of a report (everything outside the table sections' bodies and the title), cut into
//! sentences, for the content checks (NB406, NB407, NB408), and the fingerprint of a report's prose that
//! NB406 compares from year to year.

use crate::model::Report;

/// Sentence terminators.
const STOPS: &[char] = &['。', '！', '？', '；', ';', '!', '?', '\n'];

/// Is `c` one of [`STOPS`]? (A `match`, not a search of the list: asked of every character of the
/// prose.)
fn is_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | ';' | '!' | '?' | '\n')
}

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
    sentences_in(text, &pieces(report, text.len()))
}

/// The sentences of `pieces` of `text` (see [`sentences`]).
fn sentences_in(text: &str, pieces: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for &(s, e) in pieces {
        let (mut s, e) = (s, e);
        while !text.is_char_boundary(s) {
            s += 1;
        }
        let piece = &text[s..e.max(s)];
        let mut start = 0;
        for (i, c) in piece.char_indices() {
            if is_stop(c) {
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
    let mut step = ComparedChars::default();
    sentence.chars().filter_map(move |c| step.next(c))
}

/// [`compared`] one character at a time: whether the last character was a digit is all it remembers.
#[derive(Default)]
struct ComparedChars {
    in_digits: bool,
}

impl ComparedChars {
    /// The character compared for `c`, if any.
    fn next(&mut self, c: char) -> Option<char> {
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            // most of the prose: ideographs, kept as they are (〇 is U+3007, outside)
            self.in_digits = false;
            return Some(c);
        }
        let c = if c.is_ascii() {
            c
        } else {
            crate::norm::fold_width(c)
        };
        if c.is_ascii_digit() || matches!(c, '〇' | '○' | '零') {
            let first = !self.in_digits;
            self.in_digits = true;
            return first.then_some('#');
        }
        self.in_digits = false;
        let skip = if c.is_ascii() {
            !c.is_ascii_alphanumeric()
        } else {
            c.is_whitespace() || crate::norm::is_space(c) || is_cjk_punct(c)
        };
        (!skip).then_some(c)
    }
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
///
/// The hashes of [`sentences`] by [`sentence_hash`], computed in one pass over the prose's characters
/// (each decoded once, not once to cut and once to hash): the whitespace that cutting trims off a
/// sentence's ends is dropped by [`compared`] anyway, so the hash of the untrimmed stretch is that of
/// the sentence. Tested against the two passes (`fingerprint_is_the_hash_of_each_sentence`).
pub fn fingerprint(report: &Report, text: &str) -> Vec<u64> {
    let Some(min) = report.template_data().map(|t| t.words.min_sentence) else {
        return Vec::new();
    };
    let mut out = sentence_hashes_in(text, &pieces(report, text.len()), min);
    out.sort_unstable();
    out.shrink_to_fit();
    out
}

/// The [`sentence_hash`] of each sentence of `pieces` of `text` ([`sentences_in`]) that has one, in
/// text order, in one pass (see [`fingerprint`]).
fn sentence_hashes_in(text: &str, pieces: &[(usize, usize)], min: usize) -> Vec<u64> {
    use std::hash::Hasher;
    let mut out = Vec::new();
    for &(s, e) in pieces {
        let mut s = s;
        while !text.is_char_boundary(s) {
            s += 1;
        }
        let piece = &text[s..e.max(s)];
        // the sentence being read: its start in `piece`, its hash and its number of compared characters
        let (mut start, mut hash, mut n) = (0, rustc_hash::FxHasher::default(), 0);
        let mut step = ComparedChars::default();
        let mut finish = |start: usize, end: usize, hash: &rustc_hash::FxHasher, n: usize| {
            // (a sentence of whitespace alone is no sentence: only with `min` 0 does that matter)
            if n >= min && (n > 0 || !crate::norm::trim(&piece[start..end]).is_empty()) {
                out.push(hash.finish());
            }
        };
        for (i, c) in piece.char_indices() {
            if let Some(c) = step.next(c) {
                hash.write_u32(c as u32);
                n += 1;
            }
            if is_stop(c) {
                let end = i + c.len_utf8();
                finish(start, end, &hash, n);
                (start, hash, n, step) = (end, Default::default(), 0, Default::default());
            }
        }
        finish(start, piece.len(), &hash, n);
    }
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
    fn is_stop_is_a_member_of_stops() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_stop(c), STOPS.contains(&c), "{:X}", c as u32);
        }
    }

    /// The one-pass hashes against their definition, sentence by sentence: the seeds of
    /// `tests/corpus` (and one with sentences of spaces alone and stops in a row), read as a report
    /// (its prose) and cut into pieces of about 97 bytes starting inside a character; with the
    /// template's shortest sentence, 0 and 1.
    #[test]
    fn fingerprint_is_the_hash_of_each_sentence() {
        let by_sentence = |text: &str, pieces: &[(usize, usize)], min: usize| -> Vec<u64> {
            sentences_in(text, pieces)
                .into_iter()
                .filter_map(|(s, e)| sentence_hash(&text[s..e], min))
                .collect()
        };
        let mut texts: Vec<String> = crate::rules::seeds()
            .iter()
            .map(|s| s.to_string())
            .collect();
        texts.push(texts[0].replace('。', "。 \n\u{3000}。；1 2 。!?"));
        let mut compared = 0;
        for text in &texts {
            let report = crate::parse::parse(text, None);
            let min = report.template_data().unwrap().words.min_sentence;
            let mut cut = Vec::new();
            let mut at = 0;
            while at < text.len() {
                let mut end = (at + 97).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                cut.push((at.saturating_sub(1), end));
                at = end;
            }
            for pieces in [pieces(&report, text.len()), cut] {
                for min in [min, 0, 1] {
                    let want = by_sentence(text, &pieces, min);
                    assert_eq!(sentence_hashes_in(text, &pieces, min), want);
                    compared += want.len();
                }
            }
            let mut want = by_sentence(text, &pieces(&report, text.len()), min);
            want.sort_unstable();
            assert_eq!(fingerprint(&report, text), want);
        }
        assert!(compared > 1000, "{compared}");
    }

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
