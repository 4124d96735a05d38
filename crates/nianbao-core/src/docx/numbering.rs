//! Automatic numbering of a `.docx` (`word/numbering.xml`): Word writes the 「一、」 of a heading
//! numbered by a list, or the 「（一）」 of a row label, nowhere in the text; it draws them from the
//! paragraph's list level. They are written back here as Word shows them, so that a heading numbered
//! by Word is found as a typed one is.

use quick_xml::events::Event;
use std::collections::HashMap;

/// One level of a list: its first number, its number format and its text (「%1、」).
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// The lists of a document and the numbering state while its paragraphs are read in order.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    /// `abstractNumId` → its levels by `ilvl`.
    abstracts: HashMap<String, Vec<Level>>,
    /// `numId` → (`abstractNumId`, levels whose start the list overrides).
    nums: HashMap<String, (String, HashMap<usize, u32>)>,
    /// Paragraph style → its list (`numId`, `ilvl`).
    styles: HashMap<String, (String, usize)>,
    /// Counters of each list (keyed by `abstractNumId`, or by `numId` for a list that restarts).
    counters: HashMap<String, Vec<Option<u32>>>,
}

/// Deepest list level Word writes (`ilvl` 0–8).
const LEVELS: usize = 9;

fn attr(e: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.into_owned())
}

impl Numbering {
    /// The lists of `numbering.xml` and the list of each paragraph style of `styles.xml` (either may
    /// be missing or damaged: what was read is kept).
    pub(super) fn new(numbering: Option<&str>, styles: Option<&str>) -> Numbering {
        let mut out = Numbering::default();
        if let Some(xml) = numbering {
            out.read_numbering(xml);
        }
        if let Some(xml) = styles {
            out.read_styles(xml);
        }
        out
    }

    fn read_numbering(&mut self, xml: &str) {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut num: Option<(String, String, HashMap<usize, u32>)> = None;
        let mut override_level: Option<usize> = None;
        loop {
            let event = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(e) => e,
            };
            match event {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "abstractNum" => abstract_id = attr(&e, "abstractNumId"),
                    "lvl" if abstract_id.is_some() => {
                        let ilvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        level = Some((
                            ilvl,
                            Level {
                                start: 1,
                                ..Level::default()
                            },
                        ));
                    }
                    "start" => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(&e, "val")) {
                            l.start = v.parse().unwrap_or(1);
                        }
                    }
                    "numFmt" => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(&e, "val")) {
                            l.format = v;
                        }
                    }
                    "lvlText" => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(&e, "val")) {
                            l.text = v;
                        }
                    }
                    "num" => {
                        if let Some(id) = attr(&e, "numId") {
                            num = Some((id, String::new(), HashMap::new()));
                        }
                    }
                    "abstractNumId" => {
                        if let (Some((_, a, _)), Some(v)) = (num.as_mut(), attr(&e, "val")) {
                            *a = v;
                        }
                    }
                    "lvlOverride" => {
                        override_level = attr(&e, "ilvl").and_then(|v| v.parse().ok());
                    }
                    "startOverride" => {
                        if let (Some((_, _, o)), Some(l), Some(v)) =
                            (num.as_mut(), override_level, attr(&e, "val"))
                        {
                            o.insert(l, v.parse().unwrap_or(1));
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    "lvl" => {
                        if let (Some(id), Some((ilvl, l))) = (abstract_id.as_ref(), level.take()) {
                            if ilvl < LEVELS {
                                let levels = self.abstracts.entry(id.clone()).or_default();
                                if levels.len() <= ilvl {
                                    levels.resize(ilvl + 1, Level::default());
                                }
                                levels[ilvl] = l;
                            }
                        }
                    }
                    "abstractNum" => abstract_id = None,
                    "num" => {
                        if let Some((id, a, o)) = num.take() {
                            self.nums.insert(id, (a, o));
                        }
                    }
                    "lvlOverride" => override_level = None,
                    _ => {}
                },
                _ => {}
            }
        }
    }

    fn read_styles(&mut self, xml: &str) {
        let mut reader = quick_xml::Reader::from_str(xml);
        // (style id, its list, the style it is based on)
        let mut style: Option<(String, Option<String>, usize, Option<String>)> = None;
        let mut based: HashMap<String, String> = HashMap::new();
        loop {
            let event = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(e) => e,
            };
            match event {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "style" => style = attr(&e, "styleId").map(|id| (id, None, 0, None)),
                    "numId" => {
                        if let (Some(s), Some(v)) = (style.as_mut(), attr(&e, "val")) {
                            s.1 = Some(v);
                        }
                    }
                    "ilvl" => {
                        if let (Some(s), Some(v)) = (style.as_mut(), attr(&e, "val")) {
                            s.2 = v.parse().unwrap_or(0);
                        }
                    }
                    "basedOn" => {
                        if let (Some(s), Some(v)) = (style.as_mut(), attr(&e, "val")) {
                            s.3 = Some(v);
                        }
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == "style" => {
                    if let Some((id, num, ilvl, base)) = style.take() {
                        if let Some(num) = num {
                            self.styles.insert(id.clone(), (num, ilvl));
                        }
                        if let Some(base) = base {
                            based.insert(id, base);
                        }
                    }
                }
                _ => {}
            }
        }
        // a style without a list of its own takes its base style's (a few steps up at most)
        let ids: Vec<String> = based.keys().cloned().collect();
        for id in ids {
            let mut at = id.clone();
            for _ in 0..8 {
                if let Some(list) = self.styles.get(&at).cloned() {
                    self.styles.entry(id.clone()).or_insert(list);
                    break;
                }
                match based.get(&at) {
                    Some(b) => at = b.clone(),
                    None => break,
                }
            }
        }
    }

    /// The list of a paragraph: its own (`numId`, `ilvl`) if it has one, else its style's.
    pub(super) fn list_of(
        &self,
        num: Option<&str>,
        ilvl: Option<usize>,
        style: Option<&str>,
    ) -> Option<(String, usize)> {
        match num {
            Some(n) => {
                let from_style = style.and_then(|s| self.styles.get(s));
                let ilvl = ilvl.or(from_style.map(|s| s.1)).unwrap_or(0);
                Some((n.to_string(), ilvl))
            }
            None => style
                .and_then(|s| self.styles.get(s))
                .map(|(n, l)| (n.clone(), ilvl.unwrap_or(*l))),
        }
    }

    /// The number Word shows before the next paragraph of list `num` at level `ilvl` (「一、」「（二）」
    /// 「3.」), the list's counters moved on; empty for a bullet, a list without text or `numId` 0
    /// (「no list」).
    pub(super) fn next_label(&mut self, num: &str, ilvl: usize) -> String {
        let Some((abstract_id, overrides)) = self.nums.get(num) else {
            return String::new();
        };
        let Some(levels) = self.abstracts.get(abstract_id) else {
            return String::new();
        };
        if ilvl >= LEVELS || ilvl >= levels.len() {
            return String::new();
        }
        // a list that restarts its numbers counts on its own; others share their abstract list's
        let key = if overrides.is_empty() {
            abstract_id.clone()
        } else {
            format!("num:{num}")
        };
        let start = |l: usize| overrides.get(&l).copied().unwrap_or(levels[l].start);
        let counters = self
            .counters
            .entry(key)
            .or_insert_with(|| vec![None; LEVELS]);
        counters[ilvl] = Some(counters[ilvl].map_or(start(ilvl), |n| n.saturating_add(1)));
        for deeper in counters.iter_mut().skip(ilvl + 1) {
            *deeper = None;
        }
        let level = &levels[ilvl];
        if level.format == "bullet" || level.format == "none" {
            return String::new();
        }
        // 「%1、」: %N is level N's number in level N's own format
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) if (1..=LEVELS as u32).contains(&d) => {
                    chars.next();
                    let l = d as usize - 1;
                    let n = counters[l].unwrap_or_else(|| start(l.min(levels.len() - 1)));
                    let format = levels.get(l).map_or("decimal", |x| x.format.as_str());
                    out.push_str(&formatted(n, format));
                }
                _ => out.push(c),
            }
        }
        out
    }
}

/// `n` in a list's number format (the formats of Chinese documents; others as decimal).
fn formatted(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographLegalTraditional"
            if (1..100).contains(&n) =>
        {
            chinese(
                n,
                format == "chineseLegalSimplified" || format == "ideographLegalTraditional",
            )
        }
        "ideographTraditional" if (1..=10).contains(&n) => "甲乙丙丁戊己庚辛壬癸"
            .chars()
            .nth(n as usize - 1)
            .unwrap()
            .to_string(),
        "ideographZodiac" if (1..=12).contains(&n) => "子丑寅卯辰巳午未申酉戌亥"
            .chars()
            .nth(n as usize - 1)
            .unwrap()
            .to_string(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).unwrap().to_string()
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c))
            .collect(),
        "upperLetter" | "lowerLetter" if n >= 1 => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            let letter = char::from(base + ((n - 1) % 26) as u8);
            letter.to_string().repeat((n as usize - 1) / 26 + 1)
        }
        "upperRoman" | "lowerRoman" if (1..4000).contains(&n) => {
            let r = roman(n);
            if format == "lowerRoman" {
                r.to_lowercase()
            } else {
                r
            }
        }
        _ => n.to_string(),
    }
}

/// 1–99 in Chinese numerals: 一 … 十, 十一, 二十一 (capital forms 壹 … 拾 when `legal`).
fn chinese(n: u32, legal: bool) -> String {
    let digits: Vec<char> = if legal {
        "零壹贰叁肆伍陆柒捌玖".chars().collect()
    } else {
        "零一二三四五六七八九".chars().collect()
    };
    let ten = if legal { '拾' } else { '十' };
    let (tens, ones) = (n / 10, n % 10);
    let mut out = String::new();
    if tens > 1 {
        out.push(digits[tens as usize]);
    }
    if tens >= 1 {
        out.push(ten);
    }
    if ones > 0 {
        out.push(digits[ones as usize]);
    }
    out
}

fn roman(mut n: u32) -> String {
    const R: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in R {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_the_formats_of_chinese_documents() {
        let f = |n, fmt| formatted(n, fmt);
        assert_eq!(
            (1..=12)
                .map(|n| f(n, "chineseCounting"))
                .collect::<Vec<_>>(),
            [
                "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"
            ]
        );
        assert_eq!(f(21, "chineseCountingThousand"), "二十一");
        assert_eq!(f(20, "chineseCounting"), "二十");
        assert_eq!(f(100, "chineseCounting"), "100");
        assert_eq!(f(3, "chineseLegalSimplified"), "叁");
        assert_eq!(f(2, "ideographTraditional"), "乙");
        assert_eq!(f(3, "decimalEnclosedCircle"), "③");
        assert_eq!(f(12, "decimalFullWidth"), "１２");
        assert_eq!(f(28, "upperLetter"), "BB");
        assert_eq!(f(14, "lowerRoman"), "xiv");
        assert_eq!(f(7, "decimal"), "7");
        assert_eq!(f(7, "someFormatNotKnown"), "7");
    }
}
