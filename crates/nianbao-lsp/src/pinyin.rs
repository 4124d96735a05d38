//! Pinyin of template labels, so an author finds 「1.属于国家秘密」 by typing `gjmm` or `guojiamimi`
//! without switching input method.

use pinyin::ToPinyinMulti;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pinyin {
    /// First letters: `sygjmm`.
    pub initials: String,
    /// Syllables run together: `shuyuguojiamimi`.
    pub full: String,
    /// Syllables, one per character: `shu yu guo jia mi mi`.
    pub syllables: Vec<String>,
    /// Other readings of characters with several (重复 `chongfu` besides `zhongfu`): (initials, full),
    /// one character changed at a time, at most [`MAX_ALTERNATIVES`].
    pub alternatives: Vec<(String, String)>,
}

pub const MAX_ALTERNATIVES: usize = 8;

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
    // every reading of every character (plain, without tones, deduplicated)
    let mut readings: Vec<Vec<String>> = Vec::new();
    for c in text.chars() {
        if let Some(multi) = c.to_pinyin_multi() {
            let mut r: Vec<String> = Vec::new();
            for py in multi {
                let plain = py.plain().to_string();
                if !r.contains(&plain) {
                    r.push(plain);
                }
            }
            readings.push(r);
        } else if c.is_ascii_alphanumeric() {
            readings.push(vec![c.to_ascii_lowercase().to_string()]);
        }
    }
    let join = |pick: &dyn Fn(usize) -> usize| -> (String, String) {
        let mut initials = String::new();
        let mut full = String::new();
        for (i, r) in readings.iter().enumerate() {
            let s = &r[pick(i)];
            initials.push_str(&s[..s.chars().next().map_or(0, char::len_utf8)]);
            full.push_str(s);
        }
        (initials, full)
    };
    let (initials, full) = join(&|_| 0);
    let mut alternatives = Vec::new();
    'outer: for (i, r) in readings.iter().enumerate() {
        for alt in 1..r.len() {
            if alternatives.len() >= MAX_ALTERNATIVES {
                break 'outer;
            }
            alternatives.push(join(&|k| if k == i { alt } else { 0 }));
        }
    }
    let syllables = readings.iter().map(|r| r[0].clone()).collect();
    Pinyin {
        initials,
        full,
        syllables,
        alternatives,
    }
}

/// `filterText` for a completion item: the label, then its pinyin initials, run-together and spaced
/// syllables (clients match fuzzily at word starts, so every syllable is a word).
pub fn filter_text(label: &str) -> String {
    let p = of(label);
    let whole = of_text(label);
    let mut out = format!(
        "{label} {} {} {} {}",
        p.initials,
        p.full,
        whole.initials,
        whole.syllables.join(" ")
    );
    for (initials, full) in &p.alternatives {
        out.push_str(&format!(" {initials} {full}"));
    }
    out
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
        // a character with several readings: 重复 is read chongfu here
        let p = of("2.重复申请");
        assert!(
            p.initials == "cfsq" || p.alternatives.iter().any(|(i, _)| i == "cfsq"),
            "{p:?}"
        );
        assert!(filter_text("2.重复申请").contains("chongfushenqing"));
        assert!(filter_text("五、存在的主要问题及改进情况").contains(" wu "));
    }
}
