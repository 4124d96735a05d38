//! What a value cell holds: a number (signed, with a unit), a blank mark, or label text.

use super::*;

// ------------------------------------------------------------------------------------------ values

/// Blank-cell markers (I6).
pub(super) const BLANKS: &[&str] = &[
    "\u{E000}", "/", "／", "—", "——", "-", "－", "--", "–", "―", "无", "空", "\\",
];
/// Units met in value cells (mostly 2019 tables).
pub(super) const UNITS: &[&str] = &[
    "项", "件", "个", "条", "起", "次", "人", "人次", "元", "万元", "亿元", "万件", "万", "亿",
    "%", "家", "份",
];

/// Signs a value may start with, and their sign (2019 tables write 「增加」/「减少」).
pub(super) const SIGNS: &[(&str, f64)] = &[
    ("增加", 1.0),
    ("减少", -1.0),
    ("增", 1.0),
    ("减", -1.0),
    ("+", 1.0),
    ("-", -1.0),
    ("−", -1.0),
];

/// The change words of [`SIGNS`] (「增加」「减少」「增」「减」), longest first where one opens another.
pub(super) fn change_words() -> impl Iterator<Item = &'static str> {
    SIGNS
        .iter()
        .map(|s| s.0)
        .filter(|w| w.chars().all(super::lines::is_han))
}

/// Every character a value cell can hold besides digits and spaces: those of [`BLANKS`], [`UNITS`],
/// [`SIGNS`] and the number separators, width-folded.
pub(super) static VALUE_CHARS: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
    let mut v: Vec<char> = BLANKS
        .iter()
        .chain(UNITS)
        .copied()
        .chain(SIGNS.iter().map(|s| s.0))
        .chain([".", ","])
        .flat_map(str::chars)
        .map(fold_width)
        .collect();
    v.sort_unstable();
    v.dedup();
    v
});

/// Parse a value cell: a number (optionally signed, with units), a blank marker, or `None` for label text.
pub fn parse_value(raw: &str) -> Option<Value> {
    if !raw.is_empty() && raw.len() <= 15 && raw.bytes().all(|b| b.is_ascii_digit()) {
        // (at most 15 digits: exact as an integer and as an f64)
        return Some(Value::Number {
            value: raw.parse::<u64>().ok()? as f64,
            integer: true,
            unit: None,
        });
    }
    // line breaks inside a converter's cell (「0<br>」)
    if raw.contains('<') {
        let unbroken = super::tokens::without_line_break_tags(raw);
        if unbroken.len() < raw.len() {
            return parse_value(&unbroken);
        }
    }
    // emphasis marks inside a number (converters' Markdown: 「1**1**」 is 11 in bold halves)
    if raw.contains('*') {
        let unmarked: String = raw.chars().filter(|&c| c != '*').collect();
        return if trim(&unmarked).is_empty() {
            None
        } else {
            parse_value(&unmarked)
        };
    }
    let t = trim(raw);
    // a value starts with a digit, a sign or 增/减, or is a blank marker; anything else is label text
    if let Some(first) = t.chars().next().map(fold_width) {
        if !(first.is_ascii_digit()
            || matches!(first, '增' | '减' | '+' | '-' | '−')
            || BLANKS.iter().any(|b| b.starts_with(first))
            || BLANKS
                .iter()
                .any(|b| b.chars().next().map(fold_width) == Some(first)))
        {
            return None;
        }
    }
    // only digits, separators, signs, units and blank marks make a value (labels such as
    // 「1.属于国家秘密」 stop here, at their first Chinese character)
    if t.chars()
        .map(fold_width)
        .any(|c| !is_space(c) && !c.is_ascii_digit() && VALUE_CHARS.binary_search(&c).is_err())
    {
        return None;
    }
    // whitespace between two digits separates two values: this is not one number
    let cs: Vec<char> = t.chars().map(fold_width).collect();
    for (i, c) in cs.iter().enumerate() {
        if is_space(*c) {
            let prev = cs[..i].iter().rev().find(|c| !is_space(**c));
            let next = cs[i..].iter().find(|c| !is_space(**c));
            if prev.is_some_and(|c| c.is_ascii_digit()) && next.is_some_and(|c| c.is_ascii_digit())
            {
                return None;
            }
        }
    }
    let s: String = cs.into_iter().filter(|c| !is_space(*c)).collect();
    if s.is_empty() {
        return Some(Value::Blank);
    }
    if BLANKS.contains(&s.as_str()) {
        return Some(Value::Blank);
    }
    let mut rest = s.as_str();
    let mut sign = 1.0;
    for &(p, sg) in SIGNS {
        if let Some(t) = rest.strip_prefix(p) {
            rest = t;
            sign = sg;
            break;
        }
    }
    let num_end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map_or(rest.len(), |(i, _)| i);
    let (num, unit) = rest.split_at(num_end);
    if num.is_empty() || !num.starts_with(|c: char| c.is_ascii_digit()) || num.ends_with(['.', ','])
    {
        return None;
    }
    if num.matches('.').count() > 1 {
        return None;
    }
    if !unit.is_empty() && !UNITS.contains(&unit) {
        return None;
    }
    let digits: String = num.chars().filter(|c| *c != ',').collect();
    let value: f64 = digits.parse().ok()?;
    Some(Value::Number {
        value: sign * value,
        integer: !digits.contains('.'),
        unit: (!unit.is_empty()).then(|| unit.to_string()),
    })
}

/// Kind of values a column holds.
pub fn column_kind(table: &template::Table, column: &str) -> ValueKind {
    table.column(column).map(|c| c.kind).unwrap_or_default()
}
