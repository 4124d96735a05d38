//! Output formats of `check`: human (with the source line underlined, CJK-width aware), JSON, SARIF, GitHub.

use nianbao_core::lines::{LineIndex, Unit};
use nianbao_core::{rules, Diagnostic, Severity, TextRange};
use serde_json::{json, Value};
use unicode_width::UnicodeWidthStr;

/// 1-based (line, column) of both ends of a diagnostic, columns in characters.
pub struct Span {
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
}

pub fn span(li: &LineIndex, text: &str, d: &Diagnostic) -> Span {
    let (l, c) = li.position(text, d.range.start(), Unit::Char);
    let (el, ec) = li.position(text, d.range.end(), Unit::Char);
    Span {
        line: l + 1,
        col: c + 1,
        end_line: el + 1,
        end_col: ec + 1,
    }
}

#[cfg(test)]
fn pos(li: &LineIndex, text: &str, at: nianbao_core::TextSize) -> Value {
    let (l, c) = li.position(text, at, Unit::Char);
    json!({"line": l + 1, "column": c + 1})
}

/// The JSON object of one diagnostic (INTERFACES.md), as a `Value` (what [`file_json`] writes).
#[cfg(test)]
pub fn diagnostic_json(li: &LineIndex, text: &str, d: &Diagnostic) -> Value {
    let range = |r: nianbao_core::TextRange| json!({"start": pos(li, text, r.start()), "end": pos(li, text, r.end())});
    let fix = d.fix.as_ref().map(|f| {
        fn one(f: &nianbao_core::Fix, range: &dyn Fn(nianbao_core::TextRange) -> Value) -> Value {
            json!({
                "message": f.message,
                "safe": f.is_safe(),
                "safety": f.safety.as_str(),
                "edits": f.edits.iter().map(|e| json!({"range": range(e.range), "new_text": e.new_text})).collect::<Vec<_>>(),
                "alternatives": f.alternatives.iter().map(|a| one(a, range)).collect::<Vec<_>>(),
            })
        }
        one(f, &range)
    });
    json!({
        "code": d.code,
        "name": d.name,
        "severity": d.severity.as_str(),
        "message": d.message,
        "range": range(d.range),
        "fix": fix,
        "related": d.related.iter().map(|r| json!({"range": range(r.range), "message": r.message})).collect::<Vec<_>>(),
    })
}

/// `path:line:col: severity[CODE] message`, then the source line with the range underlined; appended
/// to `out`.
pub fn human(
    out: &mut String,
    path: &str,
    li: &LineIndex,
    text: &str,
    d: &Diagnostic,
    colours: bool,
) {
    use std::fmt::Write;
    let s = span(li, text, d);
    let _ = write!(out, "{path}:{}:{}: ", s.line, s.col);
    push_colour(out, d.severity, colours, |o| {
        o.push_str(severity_word(d.severity))
    });
    out.push('[');
    out.push_str(d.code);
    out.push_str("] ");
    out.push_str(&d.message);
    out.push('\n');
    let line_start = usize::from(li.line_start(s.line as usize - 1));
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |e| line_start + e);
    let line = text[line_start..line_end].trim_end_matches('\r');
    let start = usize::from(d.range.start()).clamp(line_start, line_start + line.len());
    let end = usize::from(d.range.end()).clamp(start, line_start + line.len());
    let number = s.line.to_string();
    let gutter = number.len();
    push_spaces(out, gutter);
    out.push_str(" |\n");
    out.push_str(&number);
    out.push_str(" | ");
    // a long line is shown as a window of about WINDOW columns around the range
    let (start, end) = (start - line_start, end - line_start);
    let (from, to) = window(line, start, end, WINDOW);
    if from > 0 {
        out.push_str(ELLIPSIS);
    }
    push_untabbed(out, &line[from..to]);
    if to < line.len() {
        out.push_str(ELLIPSIS);
    }
    out.push('\n');
    let shown_end = end.clamp(start, to);
    let width = tab_width(&line[start..shown_end]).max(1);
    push_spaces(out, gutter);
    out.push_str(" | ");
    if from > 0 {
        push_spaces(out, ELLIPSIS.len());
    }
    push_spaces(out, tab_width(&line[from..start]));
    push_colour(out, d.severity, colours, |o| push_repeated(o, '^', width));
    out.push('\n');
    if let Some(f) = &d.fix {
        for (i, f) in f.choices().enumerate() {
            push_spaces(out, gutter);
            let english = crate::i18n::english();
            out.push_str(match (i == 0, english) {
                (true, true) => " = fix",
                (false, true) => " = or",
                (true, false) => " = 修复",
                (false, false) => " = 或",
            });
            if !f.is_safe() {
                out.push_str(if english {
                    " (unsafe)"
                } else {
                    "（需确认）"
                });
            }
            out.push_str(if english { ": " } else { "：" });
            out.push_str(&f.message);
            out.push('\n');
        }
    }
}

/// The severity in words of the locale: 错误, 警告, 信息, 提示 (error, warning, info, hint).
pub fn severity_word(s: Severity) -> &'static str {
    let (zh, en) = match s {
        Severity::Error => ("错误", "error"),
        Severity::Warning => ("警告", "warning"),
        Severity::Info => ("信息", "info"),
        Severity::Hint => ("提示", "hint"),
    };
    crate::i18n::t(zh, en)
}

/// How many display columns of a long source line human output shows.
const WINDOW: usize = 100;

/// The mark of a line cut short.
const ELLIPSIS: &str = "...";

/// The part `from..to` (byte offsets, on character boundaries) of `line` shown under a diagnostic
/// whose range is `start..end`: the whole line when it is at most `max` display columns wide, else
/// about `max` columns around the range (its start first, when the range itself is wider), the
/// context shared between both sides and given to one side where the other ends.
fn window(line: &str, start: usize, end: usize, max: usize) -> (usize, usize) {
    if line.len() <= max || tab_width(line) <= max {
        return (0, line.len());
    }
    let width = |s: &str| tab_width(s);
    let range = width(&line[start..end]);
    if range >= max {
        // the range alone fills the window: from its start
        return (start, advance(line, start, max));
    }
    let context = max - range;
    let before = width(&line[..start]);
    let after = width(&line[end..]);
    let mut left = context / 2;
    let mut right = context - left;
    if before < left {
        right += left - before;
        left = before;
    }
    if after < right {
        left = (left + right - after).min(before);
        right = after;
    }
    (retreat(line, start, left), advance(line, end, right))
}

/// The furthest character boundary after `at` within `columns` display columns.
fn advance(line: &str, at: usize, columns: usize) -> usize {
    let mut used = 0;
    let mut end = at;
    for (i, c) in line[at..].char_indices() {
        let w = tab_width(c.encode_utf8(&mut [0; 4]));
        if used + w > columns {
            return at + i;
        }
        used += w;
        end = at + i + c.len_utf8();
    }
    end
}

/// The furthest character boundary before `at` within `columns` display columns.
fn retreat(line: &str, at: usize, columns: usize) -> usize {
    let mut used = 0;
    let mut start = at;
    for (i, c) in line[..at].char_indices().rev() {
        let w = tab_width(c.encode_utf8(&mut [0; 4]));
        if used + w > columns {
            return start;
        }
        used += w;
        start = i;
    }
    start
}

/// `s` in the severity's colour (bold), when colours are on.
fn push_colour(out: &mut String, sev: Severity, on: bool, s: impl FnOnce(&mut String)) {
    if !on {
        s(out);
        return;
    }
    let code = match sev {
        Severity::Error => "31",
        Severity::Warning => "33",
        Severity::Info => "36",
        Severity::Hint => "37",
    };
    out.push_str("\x1b[1;");
    out.push_str(code);
    out.push('m');
    s(out);
    out.push_str("\x1b[0m");
}

fn push_repeated(out: &mut String, c: char, n: usize) {
    out.extend(std::iter::repeat_n(c, n));
}

fn push_spaces(out: &mut String, n: usize) {
    push_repeated(out, ' ', n);
}

/// `s` with its tabs shown as spaces.
fn push_untabbed(out: &mut String, s: &str) {
    let mut parts = s.split('\t');
    out.push_str(parts.next().unwrap_or_default());
    for p in parts {
        out.push(' ');
        out.push_str(p);
    }
}

/// The display width of `s` with its tabs shown as spaces.
fn tab_width(s: &str) -> usize {
    // most of a report is printable ASCII and CJK ideographs, punctuation and full-width forms, whose
    // widths (1 and 2) are fixed and never change in a sequence (width rules for sequences involve
    // other characters: joiners, variation selectors, combining marks, some scripts); any other
    // character and the whole string is measured by `unicode-width`
    let mut width = 0;
    for c in s.chars() {
        width += match c {
            ' '..='~' | '\t' => 1,
            '\u{3001}'..='\u{3029}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF01}'..='\u{FF60}' => 2,
            _ => return unicode_tab_width(s),
        };
    }
    width
}

/// [`tab_width`] by `unicode-width` alone.
fn unicode_tab_width(s: &str) -> usize {
    if s.contains('\t') {
        UnicodeWidthStr::width(s.replace('\t', " ").as_str())
    } else {
        UnicodeWidthStr::width(s)
    }
}

/// `::error file=…,line=…::message` for GitHub Actions.
pub fn github(path: &str, li: &LineIndex, text: &str, d: &Diagnostic) -> String {
    let s = span(li, text, d);
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        _ => "notice",
    };
    let esc = |x: &str| {
        x.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let prop = |x: &str| esc(x).replace(':', "%3A").replace(',', "%2C");
    format!(
        "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        prop(path),
        s.line,
        s.col,
        s.end_line,
        s.end_col,
        prop(&format!("{} {}", d.code, d.name)),
        esc(&d.message)
    )
}

/// A SARIF 2.1.0 log for all files.
pub fn sarif(results: &[(String, String, Vec<Diagnostic>)]) -> Value {
    let rules: Vec<Value> = rules::all()
        .iter()
        .map(|m| {
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": m.doc},
                "defaultConfiguration": {"level": level(m.severity)},
            })
        })
        .collect();
    let mut out = Vec::new();
    for (path, text, diags) in results {
        let li = LineIndex::new(text);
        for d in diags {
            let s = span(&li, text, d);
            out.push(json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": {"text": d.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": path},
                    "region": {"startLine": s.line, "startColumn": s.col, "endLine": s.end_line, "endColumn": s.end_col},
                }}],
            }));
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "nianbao", "version": env!("CARGO_PKG_VERSION"), "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": out,
        }],
    })
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        _ => "note",
    }
}

/// The JSON object of one file of `check --format json`, written directly: the bytes of
/// `serde_json::to_string_pretty` of `{"path", "template", "year", "diagnostics": [diagnostic_json…]}`
/// with every line after the first indented by `indent` spaces.
#[allow(clippy::too_many_arguments)]
pub fn file_json(
    out: &mut Vec<u8>,
    indent: usize,
    path: &str,
    template: Option<&str>,
    year: Option<i32>,
    li: &LineIndex,
    text: &str,
    diagnostics: &[Diagnostic],
    page: &dyn Fn(TextRange) -> Option<u32>,
) {
    let mut w = Pretty { out, indent };
    w.open(b'{');
    w.key("path", true);
    w.string(path);
    w.key("template", false);
    match template {
        Some(t) => w.string(t),
        None => w.raw("null"),
    }
    w.key("year", false);
    match year {
        Some(y) => w.number(y as i64),
        None => w.raw("null"),
    }
    w.key("diagnostics", false);
    w.array(diagnostics, |w, d| {
        w.open(b'{');
        w.key("code", true);
        w.string(d.code);
        w.key("name", false);
        w.string(d.name);
        w.key("severity", false);
        w.string(d.severity.as_str());
        w.key("message", false);
        w.string(&d.message);
        w.key("range", false);
        w.range(li, text, d.range);
        if let Some(p) = page(d.range) {
            w.key("page", false);
            w.number(i64::from(p));
        }
        w.key("fix", false);
        match &d.fix {
            None => w.raw("null"),
            Some(f) => {
                w.fix(li, text, f);
            }
        }
        w.key("related", false);
        w.array(&d.related, |w, r| {
            w.range_and_text(li, text, r.range, "message", &r.message)
        });
        w.close(b'}');
    });
    w.close(b'}');
}

/// Does serde_json write `s` with an escape (a control character, a quote or a backslash)? Every byte
/// looked at without branching, so that the test runs many bytes at a time.
fn needs_json_escape(s: &str) -> bool {
    s.bytes().fold(false, |any, b| {
        any | (b < 0x20) | (b == b'"') | (b == b'\\')
    })
}

/// The 0-based line and column (in characters) of `r`'s end, as `li.position(text, r.end(), Unit::Char)`
/// gives it, given those of its start: when both ends are on one line (every range the rules make so
/// far), only the characters of the range are counted, not its line again from the start.
fn end_position(li: &LineIndex, text: &str, r: TextRange, start: (u32, u32)) -> (u32, u32) {
    let (s, e) = (usize::from(r.start()), usize::from(r.end()));
    // (`line_start` of the line after the last is the text's end: a range ending there is counted
    // the plain way)
    let next_line = usize::from(li.line_start(start.0 as usize + 1));
    if s <= e && e < next_line && text.is_char_boundary(s) && text.is_char_boundary(e) {
        (start.0, start.1 + text[s..e].chars().count() as u32)
    } else {
        li.position(text, r.end(), Unit::Char)
    }
}

/// A line break followed by the indentation of the deepest nesting `check --format json` writes
/// (a position inside an edit of an alternative fix: 22 spaces), with room to spare.
const NEWLINE_AND_SPACES: &[u8; 65] =
    b"\n                                                                ";

/// The constant pieces of a range object (`{"start": {"line": L, "column": C}, "end": {…}}`) written
/// at one indentation, between its four numbers: made once for every indentation
/// [`NEWLINE_AND_SPACES`] can serve, by the plain writer itself (numbers cut out).
struct RangeFrame {
    /// `{`, `"start": {`, `"line": ` with their line breaks
    to_start_line: Vec<u8>,
    /// `,`, `"column": ` (after either line number)
    to_column: Vec<u8>,
    /// the start's `}`, `"end": {`, `"line": `
    to_end_line: Vec<u8>,
    /// the end's `}` and the range's
    to_close: Vec<u8>,
    /// the bytes of the four pieces as written (`to_column` twice)
    len: usize,
}

impl RangeFrame {
    /// The frame of a range written at `indent`, or `None` past the indentation
    /// [`NEWLINE_AND_SPACES`] holds (never met in our output).
    fn at(indent: usize) -> Option<&'static RangeFrame> {
        static FRAMES: std::sync::OnceLock<Vec<RangeFrame>> = std::sync::OnceLock::new();
        FRAMES
            .get_or_init(|| {
                (0..NEWLINE_AND_SPACES.len().saturating_sub(5))
                    .map(RangeFrame::of)
                    .collect()
            })
            .get(indent)
    }

    /// The range of the positions (0, 0) and (1, 1) written by [`Pretty::range_plain`] at `indent`,
    /// cut at its four numbers (1, 1, 2, 2: each the only digit of its line).
    fn of(indent: usize) -> RangeFrame {
        let mut out = Vec::new();
        Pretty {
            out: &mut out,
            indent,
        }
        .range_plain((0, 0), (1, 1));
        let mut pieces = out
            .split(|b| b.is_ascii_digit())
            .map(<[u8]>::to_vec)
            .collect::<Vec<_>>()
            .into_iter();
        let mut next = || pieces.next().unwrap_or_default();
        let (to_start_line, to_column, to_end_line) = (next(), next(), next());
        let (_, to_close) = (next(), next());
        let len = to_start_line.len() + 2 * to_column.len() + to_end_line.len() + to_close.len();
        RangeFrame {
            to_start_line,
            to_column,
            to_end_line,
            to_close,
            len,
        }
    }
}

/// A writer of serde_json's pretty format (two spaces per level).
struct Pretty<'a> {
    out: &'a mut Vec<u8>,
    indent: usize,
}

impl Pretty<'_> {
    /// A fix object: `message`, `safe`, `safety` (`"safe"`/`"unsafe"`), `edits`, and `alternatives`
    /// (the other choices, each a fix object without alternatives of its own).
    fn fix(&mut self, li: &LineIndex, text: &str, f: &nianbao_core::Fix) {
        self.open(b'{');
        self.key("message", true);
        self.string(&f.message);
        self.key("safe", false);
        self.raw(if f.is_safe() { "true" } else { "false" });
        self.key("safety", false);
        self.string(f.safety.as_str());
        self.key("edits", false);
        self.array(&f.edits, |w, e| {
            w.range_and_text(li, text, e.range, "new_text", &e.new_text)
        });
        self.key("alternatives", false);
        self.array(&f.alternatives, |w, a| w.fix(li, text, a));
        self.close(b'}');
    }

    /// A line break and the indentation, copied from [`NEWLINE_AND_SPACES`] in one piece (deeper
    /// nesting than it holds, never met in our output, is padded space by space).
    fn newline(&mut self) {
        match NEWLINE_AND_SPACES.get(..1 + self.indent) {
            Some(line) => self.out.extend_from_slice(line),
            None => {
                self.out.push(b'\n');
                self.out.resize(self.out.len() + self.indent, b' ');
            }
        }
    }

    fn open(&mut self, c: u8) {
        self.out.push(c);
        self.indent += 2;
    }

    fn close(&mut self, c: u8) {
        self.indent -= 2;
        self.newline();
        self.out.push(c);
    }

    fn key(&mut self, k: &str, first: bool) {
        if !first {
            self.out.push(b',');
        }
        self.newline();
        // (a key is one of the field names above, none with a character to escape)
        debug_assert!(!needs_json_escape(k));
        self.out.push(b'"');
        self.out.extend_from_slice(k.as_bytes());
        self.out.extend_from_slice(b"\": ");
    }

    fn raw(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
    }

    fn string(&mut self, s: &str) {
        if needs_json_escape(s) {
            let _ = serde_json::to_writer(&mut *self.out, s);
        } else {
            // (most strings: quoted as they are, the bytes serde_json writes for them)
            self.out.reserve(s.len() + 2);
            self.out.push(b'"');
            self.out.extend_from_slice(s.as_bytes());
            self.out.push(b'"');
        }
    }

    fn number(&mut self, n: i64) {
        // (serde_json's digits: it writes integers with `itoa` too)
        self.out
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    fn array<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T)) {
        if items.is_empty() {
            self.out.extend_from_slice(b"[]");
            return;
        }
        self.open(b'[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            self.newline();
            each(self, item);
        }
        self.close(b']');
    }

    /// `{"line": …, "column": …}` of the 0-based position `(l, c)`, put together on the stack and
    /// copied in one piece: a JSON check writes a position for each end of every range (350,000 for
    /// the 1,000 reports of the benchmark), and piece by piece ([`Pretty::position_plain`], the
    /// reference this is tested against) each of its ten pieces checked the buffer's room and most
    /// were a call of `memcpy`.
    fn position(&mut self, (l, c): (u32, u32)) {
        // (the line break and indentation of the keys, and of the closing brace)
        let (Some(inner), Some(outer)) = (
            NEWLINE_AND_SPACES.get(..1 + self.indent + 2),
            NEWLINE_AND_SPACES.get(..1 + self.indent),
        ) else {
            return self.position_plain((l, c));
        };
        let (mut line, mut column) = (itoa::Buffer::new(), itoa::Buffer::new());
        // (three line breaks with their indentation, two numbers of at most 20 digits, 22 other bytes)
        let mut buf = [0u8; 3 * NEWLINE_AND_SPACES.len() + 64];
        let mut n = 0;
        for piece in [
            b"{".as_slice(),
            inner,
            b"\"line\": ",
            line.format(u64::from(l) + 1).as_bytes(),
            b",",
            inner,
            b"\"column\": ",
            column.format(u64::from(c) + 1).as_bytes(),
            outer,
            b"}",
        ] {
            buf[n..n + piece.len()].copy_from_slice(piece);
            n += piece.len();
        }
        self.out.extend_from_slice(&buf[..n]);
    }

    /// [`Pretty::position`] written piece by piece, as every other object is.
    fn position_plain(&mut self, (l, c): (u32, u32)) {
        self.open(b'{');
        self.key("line", true);
        self.number(i64::from(l) + 1);
        self.key("column", false);
        self.number(i64::from(c) + 1);
        self.close(b'}');
    }

    fn range(&mut self, li: &LineIndex, text: &str, r: nianbao_core::TextRange) {
        let start = li.position(text, r.start(), Unit::Char);
        let end = end_position(li, text, r, start);
        self.range_of_positions(start, end);
    }

    /// `{"start": {"line": …, "column": …}, "end": {…}}` of the 0-based positions `start` and `end`:
    /// the four numbers written between the four constant pieces of the object at this indentation
    /// ([`RangeFrame`], made once), not piece by piece ([`Pretty::range_plain`], the reference this is
    /// tested against: 29 copies a range, most of them a call of `memcpy`, against 9).
    fn range_of_positions(&mut self, start: (u32, u32), end: (u32, u32)) {
        let Some(f) = RangeFrame::at(self.indent) else {
            return self.range_plain(start, end);
        };
        let mut numbers = [
            itoa::Buffer::new(),
            itoa::Buffer::new(),
            itoa::Buffer::new(),
            itoa::Buffer::new(),
        ];
        let [l1, c1, l2, c2] = &mut numbers;
        let (l1, c1) = (
            l1.format(u64::from(start.0) + 1),
            c1.format(u64::from(start.1) + 1),
        );
        let (l2, c2) = (
            l2.format(u64::from(end.0) + 1),
            c2.format(u64::from(end.1) + 1),
        );
        self.out
            .reserve(f.len + l1.len() + c1.len() + l2.len() + c2.len());
        for piece in [
            f.to_start_line.as_slice(),
            l1.as_bytes(),
            &f.to_column,
            c1.as_bytes(),
            &f.to_end_line,
            l2.as_bytes(),
            &f.to_column,
            c2.as_bytes(),
            &f.to_close,
        ] {
            self.out.extend_from_slice(piece);
        }
    }

    /// [`Pretty::range_of_positions`] written piece by piece, as every other object is.
    fn range_plain(&mut self, start: (u32, u32), end: (u32, u32)) {
        self.open(b'{');
        self.key("start", true);
        self.position(start);
        self.key("end", false);
        self.position(end);
        self.close(b'}');
    }

    /// `{"range": …, "<key>": "<value>"}`: an edit of a fix, a related location.
    fn range_and_text(
        &mut self,
        li: &LineIndex,
        text: &str,
        r: nianbao_core::TextRange,
        key: &str,
        value: &str,
    ) {
        self.open(b'{');
        self.key("range", true);
        self.range(li, text, r);
        self.key(key, false);
        self.string(value);
        self.close(b'}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_core::{Edit, Fix, Related, TextRange};

    #[test]
    fn tab_width_fast_path_agrees_with_unicode_width() {
        // every character alone, and after / before / between the characters the fast path knows
        let known = ['a', '\t', '公', '，', '　'];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for s in [
                c.to_string(),
                format!("公{c}"),
                format!("{c}开"),
                format!("a{c}\t"),
                format!("（{c}）"),
            ] {
                assert_eq!(
                    tab_width(&s),
                    unicode_tab_width(&s),
                    "{:X} in {s:?}",
                    c as u32
                );
            }
        }
        // strings of the fast path's characters mixed with a few others, deterministically shuffled
        let pool: Vec<char> = known
            .iter()
            .copied()
            .chain([
                '\u{200D}', '\u{FE0F}', '\u{0301}', 'é', '😀', '\u{0644}', '\u{0627}', '〪',
            ])
            .collect();
        let mut x: u64 = 1;
        for _ in 0..20_000 {
            let s: String = (0..8)
                .map(|_| {
                    x = x
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    pool[(x >> 33) as usize % pool.len()]
                })
                .collect();
            assert_eq!(tab_width(&s), unicode_tab_width(&s), "{s:?}");
        }
    }

    fn diagnostic_at(start: usize, end: usize) -> Diagnostic {
        Diagnostic {
            code: "NB301",
            name: "row-total",
            severity: Severity::Error,
            message: "测试".to_string(),
            range: TextRange::new((start as u32).into(), (end as u32).into()),
            fix: None,
            related: Vec::new(),
        }
    }

    /// The source line and the caret line of the human output of `d` in `text`.
    fn shown(text: &str, d: &Diagnostic) -> (String, String) {
        let mut out = String::new();
        human(&mut out, "a.txt", &LineIndex::new(text), text, d, false);
        let lines: Vec<&str> = out.lines().collect();
        (
            lines[2].split_once(" | ").unwrap().1.to_string(),
            lines[3].split_once(" | ").unwrap().1.to_string(),
        )
    }

    #[test]
    fn a_long_line_shows_a_window_around_the_range() {
        // 6,000 CJK characters before, 6,000 after: 24,000 columns in all
        let before = "前文".repeat(3000);
        let text = format!("标题\n{before}【目标】{}\n末行\n", "后文".repeat(3000));
        let start = text.find('【').unwrap();
        let end = text.find('】').unwrap() + '】'.len_utf8();
        let (line, carets) = shown(&text, &diagnostic_at(start, end));
        let width = tab_width(&line);
        assert!((90..=110).contains(&width), "{width}: {line}");
        assert!(line.starts_with("...") && line.ends_with("..."), "{line}");
        assert!(line.contains("【目标】"), "{line}");
        // the carets stand exactly under 【目标】 (8 columns)
        let col = tab_width(&line[..line.find('【').unwrap()]);
        assert_eq!(carets, format!("{}{}", " ".repeat(col), "^".repeat(8)));
        // about as much context on either side
        let after = width - col - 8;
        assert!(col.abs_diff(after) <= 4, "{col} {after}");

        // the range near the start: no ellipsis before, the rest of the window after it
        let text = format!("【目标】{}\n", "后文".repeat(3000));
        let (line, carets) = shown(&text, &diagnostic_at(0, "【目标】".len()));
        assert!(
            line.starts_with("【目标】") && line.ends_with("..."),
            "{line}"
        );
        assert!(tab_width(&line) >= 95, "{line}");
        assert_eq!(carets, "^".repeat(8));

        // the range at the very end of the line
        let text = format!("{before}【目标】");
        let (line, carets) = shown(&text, &diagnostic_at(before.len(), text.len()));
        assert!(
            line.starts_with("...") && line.ends_with("【目标】"),
            "{line}"
        );
        assert!(carets.ends_with(&"^".repeat(8)) && carets.len() == tab_width(&line));

        // a range wider than the window: from its start, carets as far as the window goes
        let text = "长".repeat(5000);
        let (line, carets) = shown(&text, &diagnostic_at(30, text.len() - 30));
        assert!(line.starts_with("...") && line.ends_with("..."), "{line}");
        assert!(tab_width(&line) <= 110);
        assert_eq!(carets.trim_start().len(), WINDOW);

        // a short line is shown whole
        let text = "三、收到和处理政府信息公开申请情况\t5\n";
        let (line, carets) = shown(
            text,
            &diagnostic_at(text.find('5').unwrap(), text.find('5').unwrap() + 1),
        );
        assert_eq!(line, "三、收到和处理政府信息公开申请情况 5");
        assert_eq!(carets, format!("{}^", " ".repeat(35)));
    }

    #[test]
    fn strings_without_escapes_are_written_as_serde_json_writes_them() {
        // every character alone and between others, through the fast path or serde_json: the bytes
        // of serde_json's own string
        let mut out = Vec::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for s in [c.to_string(), format!("总计{c}5 「x」"), format!("{c}{c}")] {
                out.clear();
                Pretty {
                    out: &mut out,
                    indent: 0,
                }
                .string(&s);
                assert_eq!(out, serde_json::to_vec(&s).unwrap(), "{:X}", c as u32);
            }
        }
    }

    /// Every byte offset pair of the corpus reports' lines (ends up to 40 characters after the start,
    /// the line's end, the next line's start and past the text), the end's position counted from the
    /// start against `LineIndex::position` of the end.
    #[test]
    fn end_position_counted_from_the_start_is_the_plain_position() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/corpus");
        let mut texts = vec![
            "".to_string(),
            "a\n".to_string(),
            "公开\r\n年报".to_string(),
        ];
        for d in [dir.to_string(), format!("{dir}/derived")] {
            for e in std::fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                if p.is_file() {
                    texts.push(String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned());
                }
            }
        }
        let mut compared = 0usize;
        for text in &texts {
            let li = LineIndex::new(text);
            let bounds: Vec<usize> = (0..=text.len() + 1)
                .filter(|&i| i > text.len() || text.is_char_boundary(i))
                .collect();
            for (k, &s) in bounds.iter().enumerate() {
                // (every byte, not only boundaries, as the start of a few ranges)
                let ends =
                    bounds[k..]
                        .iter()
                        .take(40)
                        .copied()
                        .chain([s + 1, s + 3, text.len() + 2]);
                for e in ends {
                    let r = TextRange::new((s as u32).into(), (e as u32).into());
                    let start = li.position(text, r.start(), Unit::Char);
                    assert_eq!(
                        end_position(&li, text, r, start),
                        li.position(text, r.end(), Unit::Char),
                        "{s}..{e}"
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 100_000, "{compared}");
    }

    #[test]
    fn a_position_in_one_piece_is_the_position_written_piece_by_piece() {
        // every indentation up to deeper than `NEWLINE_AND_SPACES` holds, numbers of every length
        let mut values: Vec<u32> = vec![0, 1, 8, 9, 10, 98, 99, 100, u32::MAX - 1, u32::MAX];
        let mut x = 1u64;
        for _ in 0..200 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            values.push((x >> 32) as u32 >> ((x >> 8) % 32));
        }
        for indent in 0..=72 {
            for (k, &l) in values.iter().enumerate() {
                let c = values[(k * 7 + 3) % values.len()];
                let (mut fast, mut plain) = (Vec::new(), Vec::new());
                Pretty {
                    out: &mut fast,
                    indent,
                }
                .position((l, c));
                Pretty {
                    out: &mut plain,
                    indent,
                }
                .position_plain((l, c));
                assert_eq!(fast, plain, "{indent} {l} {c}");
            }
        }
    }

    #[test]
    fn a_range_in_its_frame_is_the_range_written_piece_by_piece() {
        // every indentation up to deeper than the frames go, numbers of every length (digits 1 and 2
        // among them: the frames are cut at those)
        let mut values: Vec<u32> = vec![0, 1, 2, 8, 9, 10, 11, 98, 99, 100, u32::MAX - 1, u32::MAX];
        let mut x = 7u64;
        for _ in 0..120 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            values.push((x >> 32) as u32 >> ((x >> 8) % 32));
        }
        let n = values.len();
        let mut compared = 0;
        for indent in 0..=72 {
            for k in 0..n {
                let start = (values[k], values[(k * 7 + 3) % n]);
                let end = (values[(k * 5 + 1) % n], values[(k * 3 + 2) % n]);
                let (mut fast, mut plain) = (Vec::new(), Vec::new());
                Pretty {
                    out: &mut fast,
                    indent,
                }
                .range_of_positions(start, end);
                Pretty {
                    out: &mut plain,
                    indent,
                }
                .range_plain(start, end);
                assert_eq!(fast, plain, "{indent} {start:?} {end:?}");
                compared += usize::from(RangeFrame::at(indent).is_some());
            }
        }
        // (the frames served most of them: the indentation of `check --format json` goes to 22)
        assert!(compared >= 50 * n, "{compared}");
    }

    /// `file_json` writes the bytes of `to_string_pretty` of the `Value`s, indented.
    #[test]
    fn file_json_is_pretty_value() {
        let text = "第一行\n\t「二」 \"引号\" \\ 行\r\n三\n";
        let li = LineIndex::new(text);
        let r = |a: u32, b: u32| TextRange::new(a.into(), b.into());
        let d = Diagnostic {
            code: "NB301",
            name: "row-total",
            severity: Severity::Error,
            message: "总计为 \"0\"\n\u{1}，但 = 5".to_string(),
            range: r(10, 14),
            fix: Some(Fix {
                message: "改为 5".to_string(),
                edits: vec![
                    Edit {
                        range: r(10, 11),
                        new_text: "5\t".to_string(),
                    },
                    Edit {
                        range: r(0, 0),
                        new_text: String::new(),
                    },
                ],
                safety: nianbao_core::Safety::Unsafe,
                alternatives: Vec::new(),
            }),
            related: vec![Related {
                range: r(0, 3),
                message: "这里".to_string(),
            }],
        };
        let plain = Diagnostic {
            fix: None,
            related: Vec::new(),
            ..d.clone()
        };
        for (template, year, diags) in [
            (Some("2021"), Some(2021), vec![d.clone(), plain.clone()]),
            (None, None, vec![]),
            (None, Some(-3), vec![plain]),
        ] {
            let value = serde_json::json!({
                "path": "a/\"b\".md",
                "template": template,
                "year": year,
                "diagnostics": diags.iter().map(|d| diagnostic_json(&li, text, d)).collect::<Vec<_>>(),
            });
            // (indented as in the output, not at all, and deeper than `NEWLINE_AND_SPACES` holds)
            for indent in [4, 0, 70] {
                let want = serde_json::to_string_pretty(&value)
                    .unwrap()
                    .replace('\n', &format!("\n{}", " ".repeat(indent)));
                let mut got = Vec::new();
                file_json(
                    &mut got,
                    indent,
                    "a/\"b\".md",
                    template,
                    year,
                    &li,
                    text,
                    &diags,
                    &|_| None,
                );
                assert_eq!(String::from_utf8(got).unwrap(), want);
            }
        }
    }

    /// Integers written with `itoa` are serde_json's: the edges of `i64` and the numbers around each
    /// power of ten.
    #[test]
    fn numbers_are_written_as_serde_json_writes_them() {
        let mut out = Vec::new();
        let powers = (0..19).map(|k| 10i64.pow(k));
        let around = powers.flat_map(|p| [p - 1, p, p + 1, -p + 1, -p, -p - 1]);
        for n in around.chain([0, i64::MIN, i64::MAX, i64::MIN + 1, i64::MAX - 1]) {
            out.clear();
            Pretty {
                out: &mut out,
                indent: 0,
            }
            .number(n);
            assert_eq!(out, serde_json::to_vec(&n).unwrap(), "{n}");
        }
    }
}
