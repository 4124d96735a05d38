//! Typography of labels, headings and value cells: widths of brackets, colons and digits, whitespace.
//! Never a change of meaning: a digit stays the same digit, a word the same word.

use crate::norm::{is_space, numeral_value, trim};

/// Full-width digit to ASCII; every other character unchanged.
pub(crate) fn ascii_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        _ => c,
    }
}

fn is_wide(c: char) -> bool {
    !c.is_ascii()
}

/// Remove whitespace inside a label or heading, except between two ASCII letters or digits
/// (「Wi Fi」 keeps its space; 「部分公开 (区分处理的」 loses it).
fn squeeze(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if is_space(c) {
            let prev = chars[..i].iter().rev().find(|c| !is_space(**c));
            let next = chars[i + 1..].iter().find(|c| !is_space(**c));
            let keep = matches!((prev, next), (Some(p), Some(n))
                if !is_wide(*p) && !is_wide(*n) && p.is_ascii_alphanumeric() && n.is_ascii_alphanumeric());
            if keep && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// Brackets, colons and commas in their full-width form, digits in ASCII.
fn widths(s: &str) -> String {
    s.chars()
        .map(|c| match ascii_digit(c) {
            '(' => '（',
            ')' => '）',
            ':' => '：',
            ',' => '，',
            c => c,
        })
        .collect()
}

/// A row, group or block label in its canonical typography: 「1、属于国家秘密」 → 「1.属于国家秘密」,
/// 「(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)」 → 「（二）部分公开（区分处理的，只计这一情形，不计其他情形）」.
///
/// Full-width digits that end a label stay as written: in ASCII they would read as values written
/// straight after the label (「（六）其他处理１２」 is a label, 「（六）其他处理12」 a label and the value 12).
pub(crate) fn label(s: &str) -> String {
    let s = squeeze(s);
    let tail: usize = s
        .chars()
        .rev()
        .take_while(|c| ('０'..='９').contains(c))
        .map(char::len_utf8)
        .sum();
    let (body, tail) = s.split_at(s.len() - tail);
    let s = widths(body) + tail;
    // leading item number: 「1、」「1．」 → 「1.」
    let digits = s.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 {
        let rest = &s[digits..];
        for sep in ["、", "．", "，"] {
            if let Some(after) = rest.strip_prefix(sep) {
                return format!("{}.{}", &s[..digits], after);
            }
        }
    }
    s
}

/// A section heading in its canonical typography: 「一. 总体情况」 → 「一、总体情况」.
pub(crate) fn heading(s: &str) -> String {
    let t = crate::norm::trim(s);
    let mut chars = t.chars();
    if let Some(first) = chars.next() {
        if numeral_value(first).is_some() {
            let rest = chars.as_str();
            let body = rest.trim_start_matches(|c: char| {
                is_space(c) || matches!(c, '.' | '．' | '、' | '，' | ',' | '。')
            });
            if body.len() < rest.len() && !body.is_empty() {
                return format!("{first}、{}", widths(&squeeze(body)));
            }
        }
    }
    widths(&squeeze(t))
}

/// A value cell: ASCII digits, no whitespace around it. Whitespace inside it is kept as written,
/// whatever its kind: the reader keeps it in the cell's text (its raw text, exported) and reads by it
/// (「1\u{3000}2%」 is text, 「12%」 a number), so dropping it would change what is read.
pub(crate) fn value(s: &str) -> String {
    trim(s).chars().map(ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(label("1、属于国家秘密"), "1.属于国家秘密");
        assert_eq!(label("1. 属于国家秘密"), "1.属于国家秘密");
        assert_eq!(label("１．属于国家秘密"), "1.属于国家秘密");
        assert_eq!(
            label("(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)"),
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
        );
        assert_eq!(label("商业\n企业"), "商业企业");
        assert_eq!(label("3.危及“三安全一稳定”"), "3.危及“三安全一稳定”");
        // trailing full-width digits are the label's text, not values after it
        assert_eq!(label("(六)其他处理１２"), "（六）其他处理１２");
        assert_eq!(label("１．属于国家秘密"), "1.属于国家秘密");
        for s in [
            "(三不予",
            "1. 申请人无正当理由逾期不补正行政机  关",
            "本年收费金额(单位万元",
        ] {
            assert_eq!(label(&label(s)), label(s), "idempotent: {s}");
        }
    }

    #[test]
    fn headings() {
        assert_eq!(heading("一.总体情况"), "一、总体情况");
        assert_eq!(
            heading("二 、主动公开政府信息情况"),
            "二、主动公开政府信息情况"
        );
        assert_eq!(
            heading("四、政府信息公开行政复议、行政诉讼情况"),
            "四、政府信息公开行政复议、行政诉讼情况"
        );
        assert_eq!(heading("一总体情况"), "一总体情况");
        assert_eq!(heading("一 总体情况"), "一、总体情况");
        assert_eq!(
            heading("五、存在的主要问题及改进情况（2021年）"),
            "五、存在的主要问题及改进情况（2021年）"
        );
    }

    #[test]
    fn values() {
        assert_eq!(value("\u{3000}\u{3000}14"), "14");
        assert_eq!(value("１２"), "12");
        assert_eq!(value("583.9"), "583.9");
        assert_eq!(value("增加1297项"), "增加1297项");
        // whitespace inside a cell is the cell's: kept, whatever its kind
        for w in [
            '\u{a0}', '\u{3000}', '\u{2002}', '\u{200b}', '\u{feff}', ' ',
        ] {
            assert_eq!(
                value(&format!("{w}0{w}\u{FFFD}{w}")),
                format!("0{w}\u{FFFD}")
            );
            assert_eq!(value(&format!("1{w}２%")), format!("1{w}2%"));
        }
    }
}
