//! Text normalisation used to *locate* labels and headings leniently.

/// Whitespace as met in reports: ASCII, U+00A0, U+3000, U+2002–U+200B, U+FEFF.
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{00A0}' | '\u{3000}' | '\u{2000}'..='\u{200B}' | '\u{FEFF}' | '\u{202F}'
        )
}

/// Trim report whitespace on both sides.
pub fn trim(s: &str) -> &str {
    s.trim_matches(is_space)
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
fn ignorable(c: char) -> bool {
    is_space(c)
        || matches!(
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

/// The comparison key of a label or heading: width-folded, without whitespace and punctuation.
pub fn key(s: &str) -> String {
    s.chars()
        .map(fold_width)
        .filter(|&c| !ignorable(c))
        .collect()
}

/// Similarity of two keys: 2·LCS / (|a| + |b|), in 0..=1.
pub fn similarity(a: &str, b: &str) -> f32 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
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
    let (s, l) = if a.len() < b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let mut prev = vec![0u16; s.len() + 1];
    let mut cur = vec![0u16; s.len() + 1];
    for &lc in l.iter() {
        for (j, &sc) in s.iter().enumerate() {
            cur[j + 1] = if lc == sc {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let lcs = prev[s.len()] as f32;
    2.0 * lcs / (a.len() + b.len()) as f32
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
    use super::*;

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
