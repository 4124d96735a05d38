//! Text normalisation used to *locate* labels and headings leniently.

/// Whitespace as met in reports: ASCII, U+00A0, U+3000, U+2002–U+200B, U+FEFF.
#[inline]
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '\t'..='\r' | ' ');
    }
    if ('\u{3001}'..='\u{FEFE}').contains(&c) {
        return false; // CJK punctuation, ideographs and full-width forms: no space among them
    }
    c.is_whitespace()
        || matches!(
            c,
            '\u{00A0}' | '\u{3000}' | '\u{2000}'..='\u{200B}' | '\u{FEFF}' | '\u{202F}'
        )
}

/// Trim report whitespace on both sides.
#[inline]
pub fn trim(s: &str) -> &str {
    // most strings have nothing to trim: look at both ends before searching
    let mut chars = s.chars();
    match (chars.next(), chars.next_back()) {
        (None, _) => s,
        (Some(a), None) if !is_space(a) => s,
        (Some(a), Some(z)) if !is_space(a) && !is_space(z) => s,
        _ => trim_end(trim_start(s)),
    }
}

/// `s` without the report whitespace it starts with (as `trim_start_matches(is_space)`, ASCII bytes
/// tested without decoding).
#[inline]
pub fn trim_start(s: &str) -> &str {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0x80 {
            if !matches!(b[i], b'\t'..=b'\r' | b' ') {
                break;
            }
            i += 1;
        } else {
            match s[i..].chars().next() {
                Some(c) if is_space(c) => i += c.len_utf8(),
                _ => break,
            }
        }
    }
    &s[i..]
}

/// `s` without the report whitespace it ends with (as `trim_end_matches(is_space)`).
#[inline]
pub fn trim_end(s: &str) -> &str {
    let b = s.as_bytes();
    let mut i = b.len();
    while i > 0 {
        if b[i - 1] < 0x80 {
            if !matches!(b[i - 1], b'\t'..=b'\r' | b' ') {
                break;
            }
            i -= 1;
        } else {
            match s[..i].chars().next_back() {
                Some(c) if is_space(c) => i -= c.len_utf8(),
                _ => break,
            }
        }
    }
    &s[..i]
}

mod ideographs;

/// The standard (unified) ideograph that a CJK radical (「⼀」 U+2F00, 「⻓」 U+2ED3) or a CJK compatibility
/// ideograph (「行」 U+FA08) stands for: the same glyph in most fonts, so a PDF whose font maps its
/// glyphs to the radicals gives text that looks right and matches nothing. `None` for every other
/// character. Both characters take three bytes in UTF-8.
pub fn standard_ideograph(c: char) -> Option<char> {
    if !matches!(c, '\u{2E80}'..='\u{2FDF}' | '\u{F900}'..='\u{FAFF}') {
        return None;
    }
    let table = ideographs::STANDARD;
    table
        .binary_search_by_key(&c, |&(variant, _)| variant)
        .ok()
        .map(|i| table[i].1)
}

/// `text` with every character that [`standard_ideograph`] maps written as its standard ideograph,
/// and where each was (offset, the character written there). Every byte offset is kept; the text is
/// borrowed when there is nothing to replace.
pub fn standard_ideographs(text: &str) -> (std::borrow::Cow<'_, str>, Vec<(usize, char)>) {
    let bytes = text.as_bytes();
    // the two blocks' characters start with E2 BA..BF and EF A4..AB in UTF-8
    let candidate = |i: usize| {
        matches!(
            (bytes[i], bytes.get(i + 1)),
            (0xE2, Some(0xBA..=0xBF)) | (0xEF, Some(0xA4..=0xAB))
        )
    };
    let found: Vec<(usize, char)> = memchr::memchr2_iter(0xE2, 0xEF, bytes)
        .filter(|&i| candidate(i))
        .filter_map(|i| {
            let c = text[i..].chars().next()?;
            standard_ideograph(c).map(|_| (i, c))
        })
        .collect();
    if found.is_empty() {
        return (std::borrow::Cow::Borrowed(text), found);
    }
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for &(at, c) in &found {
        out.push_str(&text[done..at]);
        out.push(standard_ideograph(c).unwrap_or(c));
        done = at + c.len_utf8();
    }
    out.push_str(&text[done..]);
    (std::borrow::Cow::Owned(out), found)
}

/// `text` with a converter's attribute spans read as their text: pandoc's Markdown writes a run of
/// text a web page styled as 「[（七]{style="font-family:宋体"}）总计」. A span that ends a word (space,
/// 「|」 or the line's end on both sides) has its brackets and attributes written as spaces, every
/// offset kept. A span inside a word (「[58]{style="…"}3.9」「减少[11项]{.x}」) would cut it in two so:
/// its text and the rest of the word are moved together and the spaces put after the word
/// (「583.9」 then spaces); offsets inside such a word change, so those regions are returned (no fix
/// may edit them). Nested spans are read from the inside out. `None` when there is no span. A link
/// 「[…](…)」, a bracket without attributes and an escaped 「\[」 are left alone.
pub fn blank_attribute_spans(text: &str) -> Option<(String, Vec<std::ops::Range<usize>>)> {
    memchr::memmem::find(text.as_bytes(), b"]{")?;
    let mut current: Option<String> = None;
    let mut moved: Vec<std::ops::Range<usize>> = Vec::new();
    // (each pass reads the spans whose brackets no other span of the pass moved: the inner ones)
    while let Some((next, more)) = attribute_spans_pass(current.as_deref().unwrap_or(text)) {
        moved.extend(more);
        current = Some(next);
    }
    current.map(|t| (t, moved))
}

fn attribute_spans_pass(text: &str) -> Option<(String, Vec<std::ops::Range<usize>>)> {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut openers: Vec<usize> = Vec::new();
    let mut moved: Vec<std::ops::Range<usize>> = Vec::new();
    let mut changed = false;
    let in_word = |b: Option<&u8>| b.is_some_and(|b| !b.is_ascii_whitespace() && *b != b'|');
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\n' => openers.clear(),
            b'[' if i == 0 || bytes[i - 1] != b'\\' => openers.push(i),
            b']' => {
                let Some(open) = openers.pop() else { continue };
                let Some(end) = attributes_end(&text[i + 1..]) else {
                    continue;
                };
                let after = i + 2 + end; // the byte after the closing 「}」
                if moved.iter().any(|m| m.contains(&open) || m.contains(&i)) {
                    continue; // an outer span of one moved in this pass: the next pass
                }
                changed = true;
                if in_word(open.checked_sub(1).and_then(|o| bytes.get(o)))
                    || in_word(bytes.get(after))
                {
                    // the span's text, then the rest of the word, then the spaces
                    let word_end = bytes[after..]
                        .iter()
                        .position(|b| b.is_ascii_whitespace() || matches!(b, b'|' | b'['))
                        .map_or(bytes.len(), |k| after + k);
                    let mut region = Vec::with_capacity(word_end - open);
                    region.extend_from_slice(&bytes[open + 1..i]);
                    region.extend_from_slice(&bytes[after..word_end]);
                    region.resize(word_end - open, b' ');
                    out[open..word_end].copy_from_slice(&region);
                    moved.push(open..word_end);
                } else {
                    out[open] = b' ';
                    out[i..after].fill(b' ');
                }
            }
            _ => {}
        }
    }
    // only ASCII bytes and whole characters were blanked or moved (a span's text and a word end
    // at ASCII bytes)
    changed.then(|| (String::from_utf8(out).expect("whole characters"), moved))
}

/// The offset of the 「}」 closing the attribute block `rest` starts with (「{style="…"}」 「{.underline}」
/// 「{#id lang="zh"}」), on the same line and at most 300 bytes long.
fn attributes_end(rest: &str) -> Option<usize> {
    let inner = rest.strip_prefix('{')?;
    let close = inner
        .bytes()
        .take(300)
        .position(|b| matches!(b, b'}' | b'{' | b'\n'))?;
    let attrs = &inner[..close];
    let first = attrs.chars().next()?;
    (inner.as_bytes()[close] == b'}'
        && (matches!(first, '.' | '#') || (first.is_ascii_alphabetic() && attrs.contains('='))))
    .then_some(1 + close)
}

/// Fold full-width ASCII to half-width.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Characters ignored when comparing labels: whitespace, brackets, separators, quotes, punctuation.
#[inline]
pub(crate) fn ignorable(c: char) -> bool {
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return false; // CJK ideographs, most characters of a report
    }
    ignorable_other(c)
}

fn ignorable_other(c: char) -> bool {
    if c.is_ascii() {
        return ASCII_IGNORABLE[c as usize];
    }
    is_space(c) || listed(c)
}

/// The brackets, separators, quotes and punctuation `key` drops.
const fn listed(c: char) -> bool {
    matches!(
        c,
        '(' | ')'
            | '['
            | ']'
            | '、'
            | '.'
            | '．'
            | ','
            | '，'
            | ':'
            | '：'
            | ';'
            | '；'
            | '。'
            | '"'
            | '\''
            | '“'
            | '”'
            | '‘'
            | '’'
            | '「'
            | '」'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '*'
            | '#'
            | '|'
            | '-'
            | '_'
            | '·'
            | '/'
            | '～'
            | '~'
            | '!'
            | '！'
            | '?'
            | '？'
            | '【'
            | '】'
            | '〔'
            | '〕'
    )
}

/// [`ignorable`] for the ASCII characters, as a table.
static ASCII_IGNORABLE: [bool; 128] = {
    let mut t = [false; 128];
    let mut i = 0;
    while i < 128 {
        // ASCII whitespace (as `char::is_whitespace` has it) or a listed mark
        t[i] = matches!(i as u8, b'\t'..=b'\r' | b' ') || listed(i as u8 as char);
        i += 1;
    }
    t
};

/// The comparison key of a label or heading: width-folded, without whitespace and punctuation.
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_key(&mut out, s);
    out
}

/// [`key`], appended to `out`.
pub fn push_key(out: &mut String, s: &str) {
    // Runs of characters kept as they are (Chinese ideographs, most ASCII) are copied as byte
    // slices; only the other characters are decoded, folded and tested one by one.
    let b = s.as_bytes();
    let (mut run, mut i) = (0, 0);
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            if ASCII_IGNORABLE[x as usize] {
                out.push_str(&s[run..i]);
                run = i + 1;
            }
            i += 1;
        } else if (0xE4..=0xE9).contains(&x) {
            i += 3; // U+4000–U+9FFF: neither folded nor ignorable
        } else {
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            let f = fold_width(c);
            if f != c || ignorable(c) {
                out.push_str(&s[run..i]);
                if !ignorable(f) {
                    out.push(f);
                }
                run = i + c.len_utf8();
            }
            i += c.len_utf8();
        }
    }
    out.push_str(&s[run..]);
}

/// Similarity of two keys: 2·LCS / (|a| + |b|), in 0..=1.
pub fn similarity(a: &str, b: &str) -> f32 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    similarity_chars(&a, &b)
}

/// [`similarity`] on keys already split into characters.
pub fn similarity_chars(a: &[char], b: &[char]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return if a.is_empty() && b.is_empty() {
            1.0
        } else {
            0.0
        };
    }
    if a == b {
        return 1.0;
    }
    // LCS by DP over the shorter side (labels are short; bounded by the caller).
    let (s, l) = if a.len() < b.len() { (a, b) } else { (b, a) };
    let mut prev = vec![0u32; s.len() + 1];
    let mut cur = vec![0u32; s.len() + 1];
    for &lc in l {
        for (j, &sc) in s.iter().enumerate() {
            cur[j + 1] = if lc == sc {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    2.0 * prev[s.len()] as f32 / (a.len() + b.len()) as f32
}

/// The best similarity any pair of keys of these lengths could reach.
pub fn max_similarity(a: usize, b: usize) -> f32 {
    if a + b == 0 {
        1.0
    } else {
        2.0 * a.min(b) as f32 / (a + b) as f32
    }
}

/// A key prepared for fast comparison: bit-parallel LCS (Hyyrö) over at most `64 * WORDS`
/// characters (longer keys fall back to the DP). The character masks sit in a small open-addressing
/// table sized to the key's distinct characters, its keys apart from its masks, so that a lookup
/// usually reads one cache line.
#[derive(Debug, Clone, Default)]
pub struct Pattern {
    chars: Vec<char>,
    /// Characters of the table (`EMPTY` where free); the length is a power of two.
    keys: Vec<u32>,
    masks: Vec<[u64; WORDS]>,
    /// 64-bit words of the masks in use; 0: no masks (the DP is used).
    words: usize,
    /// [`char_bit`] of every character of the key, or-ed.
    sig: u64,
}

/// One of 64 bits standing for a character (a Bloom signature of one hash).
pub fn char_bit(c: char) -> u64 {
    1u64 << ((c as u32).wrapping_mul(2_654_435_761) >> 26)
}

const EMPTY: u32 = u32::MAX;
const WORDS: usize = 4;

impl Pattern {
    pub fn new(key: &str) -> Pattern {
        let chars: Vec<char> = key.chars().collect();
        let mut words = chars.len().div_ceil(64).max(1);
        let mut distinct: Vec<char> = chars.clone();
        distinct.sort_unstable();
        distinct.dedup();
        let (mut keys, mut masks) = (Vec::new(), Vec::new());
        if words <= WORDS {
            let size = (distinct.len() * 4).next_power_of_two().max(16);
            keys = vec![EMPTY; size];
            masks = vec![[0u64; WORDS]; size];
            for (i, &c) in chars.iter().enumerate() {
                let mut h = slot(c, size);
                while keys[h] != EMPTY && keys[h] != c as u32 {
                    h = (h + 1) & (size - 1);
                }
                keys[h] = c as u32;
                masks[h][i / 64] |= 1u64 << (i % 64);
            }
        } else {
            words = 0;
        }
        let sig = chars.iter().fold(0, |s, &c| s | char_bit(c));
        Pattern {
            chars,
            keys,
            masks,
            words,
            sig,
        }
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    fn mask(&self, c: char) -> Option<&[u64; WORDS]> {
        let size = self.keys.len();
        let mut h = slot(c, size);
        loop {
            let k = self.keys[h];
            if k == c as u32 {
                return Some(&self.masks[h]);
            }
            if k == EMPTY {
                return None;
            }
            h = (h + 1) & (size - 1);
        }
    }

    /// An upper bound of [`Pattern::similarity`] with a key whose characters have these
    /// [`char_bit`]s: a common subsequence only has characters of both.
    pub fn similarity_bound(&self, bits: &[u64]) -> f32 {
        let (a, b) = (self.chars.len(), bits.len());
        if a == 0 || b == 0 {
            return if a == b { 1.0 } else { 0.0 };
        }
        let shared = bits.iter().filter(|&&x| x & self.sig != 0).count().min(a);
        2.0 * shared as f32 / (a + b) as f32
    }

    /// [`similarity`] between this pattern and another key.
    pub fn similarity(&self, other: &[char]) -> f32 {
        let (a, b) = (self.chars.len(), other.len());
        if a == 0 || b == 0 {
            return if a == b { 1.0 } else { 0.0 };
        }
        if self.words == 0 {
            return similarity_chars(&self.chars, other);
        }
        if self.words == 1 {
            let mut v: u64 = !0;
            for &c in other {
                let u = v & self.mask(c).map_or(0, |m| m[0]);
                v = v.wrapping_add(u) | (v.wrapping_sub(u));
            }
            let low = if a == 64 { !0 } else { (1u64 << a) - 1 };
            let lcs = (!v & low).count_ones() as f32;
            return 2.0 * lcs / (a + b) as f32;
        }
        // several words: V' = (V + U) | (V & !M) with U = V & M, the addition carried across words
        let words = self.words;
        let mut v = [!0u64; WORDS];
        for &c in other {
            let Some(m) = self.mask(c) else { continue };
            let mut carry = false;
            for w in 0..words {
                let u = v[w] & m[w];
                let (s1, c1) = v[w].overflowing_add(u);
                let (s2, c2) = s1.overflowing_add(carry as u64);
                carry = c1 || c2;
                v[w] = s2 | (v[w] & !m[w]);
            }
        }
        let mut lcs = 0;
        for (w, &vw) in v.iter().enumerate().take(words) {
            let bits = (a - 64 * w).min(64);
            let low = if bits == 64 { !0 } else { (1u64 << bits) - 1 };
            lcs += (!vw & low).count_ones();
        }
        2.0 * lcs as f32 / (a + b) as f32
    }
}

/// Home slot of a character in a table of `size` (a power of two) slots.
fn slot(c: char, size: usize) -> usize {
    // Fibonacci hashing: the top bits of the product
    ((c as u32).wrapping_mul(2_654_435_761) >> (32 - size.trailing_zeros())) as usize
}

/// Chinese numeral 一…十 to its value.
pub fn numeral_value(c: char) -> Option<u32> {
    "一二三四五六七八九十"
        .chars()
        .position(|n| n == c)
        .map(|p| p as u32 + 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn attribute_spans_read_as_their_text() {
        let words = |t: &str| -> (Vec<String>, usize) {
            let (read, moved) = super::blank_attribute_spans(t).unwrap();
            assert_eq!(read.len(), t.len(), "{t}");
            (
                read.split_whitespace().map(str::to_string).collect(),
                moved.len(),
            )
        };
        // the labels and the heading, from the template: table 三's total row (「（七）总计」),
        // table 二's first row (「规章」), the first section's heading
        let tpl = crate::template::by_id("2021").unwrap();
        let label =
            |table: &str, row: &str| tpl.table(table).unwrap().row(row).unwrap().label.clone();
        let total = label("applications", "results_total");
        let rules = label("active", "rules");
        let heading = tpl.sections[0].heading.clone();
        let at = |s: &str, n: usize| s.char_indices().nth(n).unwrap().0;
        let (total_open, total_rest) = total.split_at(at(&total, 2));
        let (rules_first, rules_rest) = rules.split_at(at(&rules, 1));
        // spans that are words: blanked in place
        assert_eq!(
            words(&format!(
                "| [{total}]{{style=\"font-family:宋体\"}} | 46 |\n[{heading}]{{.underline}}"
            )),
            (
                vec![
                    "|".into(),
                    total.clone(),
                    "|".into(),
                    "46".into(),
                    "|".into(),
                    heading.clone()
                ],
                0
            )
        );
        // spans inside words: the word written whole, the spaces after it, the region said
        let cut = format!(
            "| [58]{{style=\"font-family:宋体\"}}3.9 | [减少]{{.a}}11项 | 减少[11项]{{.a}}|[{total_open}]{{.a}}{total_rest}"
        );
        let cut = cut.as_str();
        assert_eq!(
            words(cut),
            (
                [
                    "|".to_string(),
                    "583.9".into(),
                    "|".into(),
                    "减少11项".into(),
                    "|".into(),
                    "减少11项".into(),
                    format!("|{total}")
                ]
                .to_vec(),
                4
            )
        );
        let (read, moved) = super::blank_attribute_spans(cut).unwrap();
        assert_eq!(
            &cut[moved[0].clone()],
            "[58]{style=\"font-family:宋体\"}3.9"
        );
        assert_eq!(read[moved[0].clone()].trim_end(), "583.9");
        // nested spans, from the inside out
        assert_eq!(
            words(&format!(
                "[[{rules_first}]{{lang=\"zh\"}}{rules_rest}]{{#a}}"
            ))
            .0,
            std::slice::from_ref(&rules)
        );
        // refusals: links, brackets without attributes, braces that are no attributes, escaped
        // brackets, an attribute block over a line break
        for keep in [
            "[第三条](http://x/a.htm){target=_blank}x",
            "见[1]{注}",
            "[a]{ b }",
            "\\[a]{.b}",
            "[a]{style=\"x\n\"}",
            "数组 a[0]{1} 与 [2]",
            "没有方括号",
        ] {
            assert_eq!(super::blank_attribute_spans(keep), None, "{keep}");
        }
    }

    use super::*;

    #[test]
    fn radicals_and_compatibility_ideographs_read_as_the_standard_ideographs() {
        // as pdftotext gives a PDF whose font maps its glyphs to the Kangxi radicals
        let pdf = "⼀、总体情况\n⾏政许可 ⻓期 ⻔户 \u{FA08}政";
        let (text, found) = standard_ideographs(pdf);
        assert_eq!(text, "一、总体情况\n行政许可 长期 门户 行政");
        assert_eq!(text.len(), pdf.len());
        assert_eq!(
            found,
            vec![
                (0, '⼀'),
                (19, '⾏'),
                (32, '⻓'),
                (39, '⻔'),
                (46, '\u{FA08}')
            ]
        );
        for &(at, c) in &found {
            assert_eq!(pdf[at..].chars().next(), Some(c));
        }
        // every entry of the table: a radical or compatibility ideograph to a unified one, same width
        for &(variant, standard) in ideographs::STANDARD {
            assert_eq!(standard_ideograph(variant), Some(standard));
            assert_eq!(variant.len_utf8(), standard.len_utf8());
            assert!(
                ('\u{3400}'..='\u{9FFF}').contains(&standard),
                "{variant} → {standard}"
            );
        }
        assert!(ideographs::STANDARD.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn other_text_is_borrowed_unchanged() {
        // full-width forms and punctuation share the lead bytes (EF BC, E2 80) but are not replaced
        for t in [
            "",
            "（一）予以公开：，。“”—…",
            "⺀ ⿰ 𠀀 é",
            "本年新收政府信息公开申请数量",
        ] {
            let (text, found) = standard_ideographs(t);
            assert!(matches!(text, std::borrow::Cow::Borrowed(_)), "{t}");
            assert!(found.is_empty());
        }
        assert_eq!(standard_ideograph('一'), None);
        assert_eq!(standard_ideograph('⿰'), None); // a description character, not a radical
    }

    #[test]
    fn bit_parallel_lcs_equals_dp() {
        let alphabet: Vec<char> = "一二三公开政府信息申请数量其他abc12".chars().collect();
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        for round in 0..6000 {
            // up to 70 characters; then up to 300 (several words, and the DP beyond 256)
            let la = if round < 2000 {
                next() % 70
            } else {
                next() % 300
            };
            let lb = next() % 40;
            let a: String = (0..la).map(|_| alphabet[next() % alphabet.len()]).collect();
            let b: Vec<char> = (0..lb).map(|_| alphabet[next() % alphabet.len()]).collect();
            let ac: Vec<char> = a.chars().collect();
            let p = Pattern::new(&a);
            assert!(
                (p.similarity(&b) - similarity_chars(&ac, &b)).abs() < 1e-6,
                "{a} {b:?}"
            );
        }
    }

    #[test]
    fn trim_equals_trim_matches() {
        let parts = [
            "", " ", "\u{3000}", "\u{a0}", "\t", "一", "a", "况", "、", "\u{feff}", "𠮷",
        ];
        for a in parts {
            for b in parts {
                for c in parts {
                    let s = format!("{a}{b}{c}");
                    assert_eq!(trim(&s), s.trim_matches(is_space), "{s:?}");
                    assert_eq!(trim_start(&s), s.trim_start_matches(is_space), "{s:?}");
                    assert_eq!(trim_end(&s), s.trim_end_matches(is_space), "{s:?}");
                }
            }
        }
        // every character, alone and around text
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for s in [c.to_string(), format!("{c}{c}公{c}"), format!("a{c}")] {
                assert_eq!(
                    trim_start(&s),
                    s.trim_start_matches(is_space),
                    "{:X}",
                    c as u32
                );
                assert_eq!(trim_end(&s), s.trim_end_matches(is_space), "{:X}", c as u32);
            }
        }
    }

    #[test]
    fn key_equals_its_definition() {
        let reference = |s: &str| -> String {
            s.chars()
                .map(fold_width)
                .filter(|&c| !ignorable(c))
                .collect()
        };
        let alphabet: Vec<char> =
            "一二（）()、. ,，：:公开政府信息Ａｂ１２3　\u{a0}\t|-—·《》𠮷xyz%％"
                .chars()
                .collect();
        let mut seed = 11u64;
        for _ in 0..20_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (seed >> 40) as usize % 24;
            let s: String = (0..len)
                .map(|k| alphabet[((seed >> (k % 50)) as usize + k * 7) % alphabet.len()])
                .collect();
            assert_eq!(key(&s), reference(&s), "{s:?}");
        }
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert_eq!(key(&s), reference(&s), "{c:?}");
        }
    }

    #[test]
    fn is_space_fast_paths_agree_with_the_definition() {
        let slow = |c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    '\u{00A0}' | '\u{3000}' | '\u{2000}'..='\u{200B}' | '\u{FEFF}' | '\u{202F}'
                )
        };
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            assert_eq!(is_space(c), slow(c), "{c:?}");
        }
    }

    #[test]
    fn ignorable_fast_paths_agree_with_the_definition() {
        let slow = |c: char| {
            is_space(c)
                || "()[]、.．,，:：;；。\"'“”‘’「」《》〈〉*#|-_·/～~!！?？【】〔〕".contains(c)
        };
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(ignorable(c), slow(c), "{c:?}");
        }
    }

    #[test]
    fn similarity_bound_bounds() {
        let words = [
            "（一）予以公开",
            "其他",
            "本年新收政府信息公开申请数量",
            "属于国家秘密",
            "x",
            "",
        ];
        for a in words {
            let p = Pattern::new(&key(a));
            for b in words {
                let k: Vec<char> = key(b).chars().collect();
                let bits: Vec<u64> = k.iter().map(|&c| char_bit(c)).collect();
                assert!(p.similarity_bound(&bits) >= p.similarity(&k), "{a} {b}");
            }
        }
    }

    #[test]
    fn keys_and_similarity() {
        assert_eq!(
            key("（二）部分公开（区分处理的，只计这一情形）"),
            key("(二) 部分公开 (区分处理的, 只计这一情形)")
        );
        assert_eq!(key("1、属于国家秘密"), key("1. 属于国家秘密"));
        assert_eq!(key("３.其他"), "3其他");
        assert!(similarity(&key("(三不予"), &key("（三）不予公开")) > 0.7);
        assert!(similarity(&key("一、总体情"), &key("一、总体情况")) > 0.85);
        assert!(
            similarity(
                &key("二、上年结转政府信息公开申请数量"),
                &key("二、主动公开政府信息情况")
            ) < 0.5
        );
        assert_eq!(trim("\u{3000}\u{00A0}0\u{2002}"), "0");
    }
}
