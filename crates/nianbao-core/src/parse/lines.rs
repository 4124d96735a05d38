//! Stage 1: the text as lines, and the markup around a line.

use super::*;

pub(super) fn r(start: usize, end: usize) -> TextRange {
    TextRange::new(TextSize::from(start as u32), TextSize::from(end as u32))
}

/// A line of the text: byte range without the line terminator.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line {
    pub start: usize,
    pub end: usize,
    /// Start of the next line.
    pub next: usize,
    /// A table row rebuilt from cells written one per line ([`super::relayout`]): every
    /// tab-separated piece is a cell, so a blank one after the row's first cell is a blank value.
    pub cells: bool,
}

pub(crate) fn lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    // (the lines counted first: a vector grown by doubling holds up to twice the lines it keeps, and
    // a text of short lines has many — 20 MB of empty lines are 20 million of them)
    let mut out = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', bytes) {
        let end = if nl > start && bytes[nl - 1] == b'\r' {
            nl - 1
        } else {
            nl
        };
        out.push(Line {
            start,
            end,
            next: nl + 1,
            cells: false,
        });
        start = nl + 1;
    }
    let end = if text.len() > start && bytes[text.len() - 1] == b'\r' {
        text.len() - 1
    } else {
        text.len()
    };
    out.push(Line {
        start,
        end,
        next: text.len(),
        cells: false,
    });
    out
}

/// Is this character a CJK ideograph?
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// Strip Markdown heading/emphasis markup around a line; returns the inner range and the `#` level.
pub(super) fn strip_markup(text: &str, start: usize, end: usize) -> (usize, usize, u8) {
    let s = &text[start..end];
    // most lines and cells have no markup and no surrounding space
    let plain_start = s
        .chars()
        .next()
        .is_none_or(|c| !is_space(c) && !matches!(c, '#' | '*' | '_' | '>'));
    let plain_end = s
        .chars()
        .next_back()
        .is_none_or(|c| !is_space(c) && !matches!(c, '#' | '*' | '_'));
    if plain_start && plain_end {
        return (start, end, 0);
    }
    let mut a = start + (s.len() - trim_start(s).len());
    let mut level = 0u8;
    while text[a..end].starts_with('#') {
        level += 1;
        a += 1;
    }
    loop {
        let rest = &text[a..end];
        let t = trim_start(rest);
        a += rest.len() - t.len();
        if t.starts_with("**") || t.starts_with("__") {
            a += 2;
        } else if t.starts_with('*') || t.starts_with('>') {
            a += 1;
        } else {
            break;
        }
    }
    let mut b = end;
    loop {
        let rest = &text[a..b];
        let t = trim_end(rest);
        b = a + t.len();
        if t.ends_with("**") || t.ends_with("__") {
            b -= 2;
        } else if t.ends_with('*') || (level > 0 && t.ends_with('#')) {
            b -= 1;
        } else {
            break;
        }
    }
    if b < a {
        b = a;
    }
    (a, b, level)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_record_a_line_and_no_spare_room() {
        // the lines of a text are counted before they are kept: a vector of exactly that many
        // records (a text of 20 million empty lines is 640 MB of them, not up to twice that)
        for text in [
            "",
            "\n",
            "a",
            "a\r\nb\r\n",
            "一\n\n二\r\n\n",
            &"\n".repeat(1000),
            &"行\n".repeat(777),
        ] {
            let found = lines(text);
            assert_eq!(found.len(), text.matches('\n').count() + 1, "{text:?}");
            assert_eq!(found.capacity(), found.len(), "{text:?}");
            // the records as the text's lines: `str::split('\n')` with a carriage return cut off
            for (line, piece) in found.iter().zip(text.split('\n')) {
                assert_eq!(
                    &text[line.start..line.end],
                    piece.strip_suffix('\r').unwrap_or(piece)
                );
            }
        }
    }
}
