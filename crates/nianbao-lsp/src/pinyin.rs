//! Pinyin of template labels, so an author finds 「1.属于国家秘密」 by typing `gjmm` or `guojiamimi`
//! without switching input method.

use pinyin::ToPinyin;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pinyin {
    /// First letters: `sygjmm`.
    pub initials: String,
    /// Syllables run together: `shuyuguojiamimi`.
    pub full: String,
    /// Syllables, one per character: `shu yu guo jia mi mi`.
    pub syllables: Vec<String>,
}

/// The label without its official numbering: 「1.属于国家秘密」 → 「属于国家秘密」, 「（三）不予公开」 → 「不予公开」.
pub fn strip_numbering(label: &str) -> &str {
    let rest = label.trim_start_matches(|c: char| {
        c.is_ascii_digit()
            || "一二三四五六七八九十（）()、.．. \u{3000}".contains(c)
            || ('０'..='９').contains(&c)
    });
    if rest.is_empty() {
        label
    } else {
        rest
    }
}

/// Pinyin of a label's text (numbering removed); ASCII letters and digits are kept as they are.
pub fn of(label: &str) -> Pinyin {
    of_text(strip_numbering(label))
}

/// Pinyin of a whole text (numbering included: 「五、」 → `wu`).
pub fn of_text(text: &str) -> Pinyin {
    let mut p = Pinyin::default();
    for c in text.chars() {
        if let Some(py) = c.to_pinyin() {
            p.initials.push_str(py.first_letter());
            p.full.push_str(py.plain());
            p.syllables.push(py.plain().to_string());
        } else if c.is_ascii_alphanumeric() {
            let l = c.to_ascii_lowercase();
            p.initials.push(l);
            p.full.push(l);
            p.syllables.push(l.to_string());
        }
    }
    p
}

/// `filterText` for a completion item: the label, then its pinyin initials, run-together and spaced
/// syllables (clients match fuzzily at word starts, so every syllable is a word).
pub fn filter_text(label: &str) -> String {
    let p = of(label);
    format!(
        "{label} {} {} {}",
        p.initials,
        p.full,
        p.syllables.join(" ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_of_labels() {
        let p = of("1.属于国家秘密");
        assert_eq!(p.initials, "sygjmm");
        assert_eq!(p.full, "shuyuguojiamimi");
        assert!(filter_text("1.属于国家秘密").contains("gjmm"));
        assert!(filter_text("1.属于国家秘密").contains("guojiamimi"));
        assert_eq!(strip_numbering("（三）不予公开"), "不予公开");
        assert_eq!(strip_numbering("三、本年度办理结果"), "本年度办理结果");
        assert_eq!(of("行政许可").initials, "xzxk");
    }
}
