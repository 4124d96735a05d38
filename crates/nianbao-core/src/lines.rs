//! Byte offset ↔ line/column conversion, done once per document.

use text_size::TextSize;

/// Line starts of a text, for converting byte offsets to (line, column) in UTF-8, UTF-16 or characters.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<u32>,
    len: u32,
}

/// Column unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Utf8,
    Utf16,
    /// Unicode scalar values (characters); also LSP's UTF-32.
    Char,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        // (the lines counted first, so that the vector is not grown by doubling)
        let mut starts =
            Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
        starts.push(0u32);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i as u32 + 1));
        LineIndex {
            starts,
            len: text.len() as u32,
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset of the start of `line` (0-based), or the end of text.
    pub fn line_start(&self, line: usize) -> TextSize {
        TextSize::from(*self.starts.get(line).unwrap_or(&self.len))
    }

    /// 0-based line and 0-based column (in `unit`) of a byte offset (clamped to the text).
    pub fn position(&self, text: &str, offset: TextSize, unit: Unit) -> (u32, u32) {
        let off = u32::from(offset).min(self.len);
        let line = match self.starts.binary_search(&off) {
            Ok(l) => l,
            Err(l) => l - 1,
        };
        let start = self.starts[line] as usize;
        let mut end = off as usize;
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        let seg = &text[start..end];
        let col = match unit {
            Unit::Utf8 => seg.len(),
            Unit::Utf16 => seg.encode_utf16().count(),
            Unit::Char => seg.chars().count(),
        };
        (line as u32, col as u32)
    }

    /// Byte offset of a 0-based (line, column); out-of-range values are clamped to the line / text.
    pub fn offset(&self, text: &str, line: u32, col: u32, unit: Unit) -> TextSize {
        let line = line as usize;
        if line >= self.starts.len() {
            return TextSize::from(self.len);
        }
        let start = self.starts[line] as usize;
        let end = self
            .starts
            .get(line + 1)
            .map(|&e| e as usize)
            .unwrap_or(self.len as usize);
        let seg = &text[start..end];
        let seg = seg.strip_suffix('\n').unwrap_or(seg);
        let seg = seg.strip_suffix('\r').unwrap_or(seg);
        let mut units = 0u32;
        for (i, ch) in seg.char_indices() {
            if units >= col {
                return TextSize::from((start + i) as u32);
            }
            units += match unit {
                Unit::Utf8 => ch.len_utf8() as u32,
                Unit::Utf16 => ch.len_utf16() as u32,
                Unit::Char => 1,
            };
            if units > col {
                // inside a character: snap to its start
                return TextSize::from((start + i) as u32);
            }
        }
        TextSize::from((start + seg.len()) as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_start_a_line_and_no_spare_room() {
        for text in ["", "\n", "a\nb", &"\n".repeat(1000), &"行\n".repeat(777)] {
            let li = LineIndex::new(text);
            assert_eq!(li.line_count(), text.matches('\n').count() + 1);
            assert_eq!(li.starts.capacity(), li.starts.len());
        }
    }

    #[test]
    fn utf16_and_astral() {
        let t = "a𠮷b\n自然人";
        let li = LineIndex::new(t);
        let b = t.find('b').unwrap() as u32;
        assert_eq!(li.position(t, b.into(), Unit::Utf16), (0, 3));
        assert_eq!(li.position(t, b.into(), Unit::Char), (0, 2));
        assert_eq!(li.position(t, b.into(), Unit::Utf8), (0, 5));
        assert_eq!(li.offset(t, 0, 3, Unit::Utf16), b.into());
        assert_eq!(li.offset(t, 0, 2, Unit::Utf16), 1.into()); // inside the surrogate pair: snap
        assert_eq!(
            li.offset(t, 1, 2, Unit::Char),
            ((t.find('人').unwrap()) as u32).into()
        );
        assert_eq!(li.offset(t, 9, 9, Unit::Char), (t.len() as u32).into());
        assert_eq!(li.offset(t, 1, 99, Unit::Char), (t.len() as u32).into());
    }
}
