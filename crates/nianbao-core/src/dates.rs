//! Dates in every form reports write them: 2022年1月19日, 二〇二二年一月十九日, 2022.1.19, 2022-01-19,
//! 2022/1/19 (full-width digits and spaces between the parts too).

use crate::model::DateMention;
use text_size::{TextRange, TextSize};

/// The value of a digit: ASCII, full-width or a Chinese numeral (〇 ○ 零 一 … 九).
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        '〇' | '○' | '零' | 'Ｏ' => Some(0),
        _ => chinese_digit(c),
    }
}

fn chinese_digit(c: char) -> Option<u32> {
    "一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u32 + 1)
}

fn arabic(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn space(c: char) -> bool {
    crate::norm::is_space(c) && c != '\n'
}

/// A reader over the characters of a line.
struct Reader<'a> {
    chars: &'a [(usize, char)],
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).map(|c| c.1)
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(space) {
            self.at += 1;
        }
    }

    /// Up to `max` Arabic digits.
    fn arabic(&mut self, max: usize) -> Option<(u32, usize)> {
        let mut v = 0;
        let mut n = 0;
        while n < max {
            match self.peek() {
                Some(c) if arabic(c) => {
                    v = v * 10 + digit(c)?;
                    n += 1;
                    self.at += 1;
                }
                _ => break,
            }
        }
        (n > 0).then_some((v, n))
    }

    /// A number 1–31 in Chinese numerals (一, 十, 十二, 二十, 三十一) or Arabic digits.
    fn small(&mut self) -> Option<u32> {
        if self.peek().is_some_and(arabic) {
            return self.arabic(2).map(|x| x.0);
        }
        let mut tens = None;
        let mut units = None;
        if let Some(d) = self.peek().and_then(chinese_digit) {
            self.at += 1;
            units = Some(d);
        }
        if self.peek() == Some('十') {
            self.at += 1;
            tens = Some(units.take().unwrap_or(1));
            if let Some(d) = self.peek().and_then(chinese_digit) {
                self.at += 1;
                units = Some(d);
            }
        }
        match (tens, units) {
            (None, None) => None,
            (t, u) => Some(t.unwrap_or(0) * 10 + u.unwrap_or(0)),
        }
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }
}

/// A date starting at `chars[start]`: (year, month, day, index after it).
fn date_at(chars: &[(usize, char)], start: usize) -> Option<(i32, u32, u32, usize)> {
    let mut r = Reader { chars, at: start };
    let first = r.peek()?;
    let (year, ascii) = if arabic(first) {
        let (y, n) = r.arabic(4)?;
        if n != 4 || r.peek().is_some_and(arabic) {
            return None;
        }
        (y, true)
    } else {
        // four Chinese digits, each read one by one (二〇二二)
        let mut y = 0;
        for _ in 0..4 {
            let c = r.peek()?;
            if c == '十' {
                return None;
            }
            y = y * 10 + digit(c)?;
            r.at += 1;
        }
        (y, false)
    };
    if !(1990..=2100).contains(&year) {
        return None;
    }
    r.skip_space();
    let sep = r.peek()?;
    let (month, day) = match sep {
        '年' => {
            r.at += 1;
            r.skip_space();
            let m = r.small()?;
            r.skip_space();
            if !r.eat('月') {
                return None;
            }
            r.skip_space();
            let d = r.small()?;
            r.skip_space();
            if !r.eat('日') && !r.eat('号') {
                return None;
            }
            (m, d)
        }
        '.' | '-' | '/' | '．' | '－' | '／' if ascii => {
            r.at += 1;
            let (m, _) = r.arabic(2)?;
            if r.peek() != Some(sep) {
                return None;
            }
            r.at += 1;
            let (d, _) = r.arabic(2)?;
            if r.peek().is_some_and(|c| arabic(c) || c == sep) {
                return None;
            }
            (m, d)
        }
        _ => return None,
    };
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((
        year as i32,
        month,
        day,
        r.at,
    ))
}

/// Every date in `text` (ranges offset by `base`).
pub fn find(text: &str, base: usize) -> Vec<DateMention> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let starts = digit(c).is_some()
            && (i == 0 || {
                let p = chars[i - 1].1;
                digit(p).is_none() && p != '十'
            });
        if starts {
            if let Some((year, month, day, end)) = date_at(&chars, i) {
                let e = chars.get(end).map_or(text.len(), |c| c.0);
                out.push(DateMention {
                    year,
                    month,
                    day,
                    range: TextRange::new(
                        TextSize::from((base + chars[i].0) as u32),
                        TextSize::from((base + e) as u32),
                    ),
                });
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::find;

    fn ymd(s: &str) -> Vec<(i32, u32, u32, &str)> {
        find(s, 0)
            .into_iter()
            .map(|d| (d.year, d.month, d.day, &s[d.range]))
            .collect()
    }

    #[test]
    fn every_form() {
        assert_eq!(ymd("2022年1月19日"), [(2022, 1, 19, "2022年1月19日")]);
        assert_eq!(
            ymd("落款 二〇二二年一月十九日"),
            [(2022, 1, 19, "二〇二二年一月十九日")]
        );
        assert_eq!(
            ymd("二○二一年十二月三十一日"),
            [(2021, 12, 31, "二○二一年十二月三十一日")]
        );
        assert_eq!(ymd("2022.1.19"), [(2022, 1, 19, "2022.1.19")]);
        assert_eq!(ymd("2022-01-19"), [(2022, 1, 19, "2022-01-19")]);
        assert_eq!(ymd("2022/1/9 发布"), [(2022, 1, 9, "2022/1/9")]);
        assert_eq!(
            ymd("２０２２年１月１９日"),
            [(2022, 1, 19, "２０２２年１月１９日")]
        );
        assert_eq!(
            ymd("2022 年 1 月 19 日"),
            [(2022, 1, 19, "2022 年 1 月 19 日")]
        );
        assert_eq!(
            ymd("二〇二二年二月十日"),
            [(2022, 2, 10, "二〇二二年二月十日")]
        );
    }

    #[test]
    fn not_dates() {
        for s in [
            "2022年1月",
            "12022.1.19",
            "2022.1.19.3",
            "2022.13.1",
            "1.2.3",
            "2022年13月1日",
            "一二三四年一月一日",
            "三〇二二年一月一日",
            "2022-1.19",
            "",
        ] {
            assert!(ymd(s).is_empty(), "{s}: {:?}", ymd(s));
        }
    }
}
