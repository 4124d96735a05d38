//! Pages of glyphs → report text: glyphs → lines (by baseline) → chunks (split at wide gaps and at
//! vertical rules) → table cells (the rectangle of ruling lines around a chunk; without rules, chunks of
//! one row band grouped by their x ranges) → one line per table row with tab-separated cells, prose one
//! line per printed line. Page headers, footers and page numbers are dropped; a table that continues on
//! the next page continues in the text. Every character written is mapped to its page and position.

use super::{Glyph, Page, PdfMap, Rule, Span};
use crate::html::EMPTY_CELL;

/// Written on its own line where a page draws an image holding no text (a scanned page, a table pasted
/// as a picture): what rule NB210 looks for.
pub const IMAGE_MARK: char = '\u{FFFC}';

/// The text of the pages and its map.
pub fn lay_out(pages: &[Page]) -> (String, PdfMap) {
    let mut w = Writer::default();
    let furniture = Furniture::of(pages);
    let mut all: Vec<Vec<Row>> = Vec::with_capacity(pages.len());
    // the columns of an unruled table, carried over to the next page where the table goes on
    let mut columns: Option<Columns> = None;
    for page in pages {
        let mut rows = lay_out_page(page, &furniture, &mut columns);
        if let Some(prev) = all.iter_mut().rev().find(|r| !r.is_empty()) {
            continue_across_pages(prev, &mut rows);
        }
        all.push(rows);
    }
    for rows in all {
        for row in rows {
            write_row(&mut w, row);
        }
    }
    (
        w.text,
        PdfMap {
            spans: w.spans,
            ruled_rows: w.ruled_rows,
        },
    )
}

#[derive(Default)]
struct Writer {
    text: String,
    spans: Vec<Span>,
    ruled_rows: Vec<(u32, u32)>,
}

impl Writer {
    fn glyph(&mut self, page: u32, g: &Glyph) {
        if self.spans.len() as u64 >= u64::from(u32::MAX) {
            return;
        }
        self.spans.push(Span {
            offset: self.text.len() as u32,
            page,
            x: g.x,
            y: g.y,
        });
        self.text.push(g.ch);
    }
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
    }
    fn mark(&mut self, page: u32, x: f32, y: f32, c: char) {
        self.spans.push(Span {
            offset: self.text.len() as u32,
            page,
            x,
            y,
        });
        self.text.push(c);
    }
}

/// A run of glyphs of one line with no wide gap and no rule inside.
#[derive(Debug, Clone)]
struct Chunk {
    glyphs: Vec<Glyph>,
    x0: f32,
    x1: f32,
    /// Baseline.
    y: f32,
    size: f32,
    /// The page it was printed on.
    page: u32,
}

impl Chunk {
    fn new(glyphs: Vec<Glyph>) -> Chunk {
        let x0 = glyphs.first().map_or(0.0, |g| g.x);
        let x1 = glyphs.iter().map(|g| g.x + g.width).fold(x0, f32::max);
        let size = glyphs.iter().map(|g| g.size).fold(0.0, f32::max);
        let y = glyphs.iter().map(|g| g.y).sum::<f32>() / glyphs.len().max(1) as f32;
        Chunk {
            glyphs,
            x0,
            x1,
            y,
            size,
            page: 0,
        }
    }
    /// The body of the glyphs (baseline up to ~¾ of the size): what row bands overlap on.
    fn top(&self) -> f32 {
        self.y - 0.75 * self.size
    }
    fn bottom(&self) -> f32 {
        self.y - 0.05 * self.size
    }
    fn mid_y(&self) -> f32 {
        self.y - 0.4 * self.size
    }
    fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.ch).collect()
    }
}

/// Lines repeated at the same place on many pages (running headers and footers).
struct Furniture {
    repeated: std::collections::HashSet<(String, i32)>,
}

impl Furniture {
    fn of(pages: &[Page]) -> Furniture {
        let mut count: std::collections::HashMap<(String, i32), usize> = Default::default();
        for p in pages {
            let mut seen = std::collections::HashSet::new();
            for line in lines(p) {
                let (top, key) = line_key(&line);
                if in_margin(p, top) && compact(&line) && seen.insert(key.clone()) {
                    *count.entry(key).or_default() += 1;
                }
            }
        }
        let need = (pages.len() / 2).max(2);
        Furniture {
            repeated: count
                .into_iter()
                .filter(|(_, n)| *n >= need)
                .map(|(k, _)| k)
                .collect(),
        }
    }

    fn drops(&self, page: &Page, line: &[Glyph]) -> bool {
        let (top, key) = line_key(line);
        if !in_margin(page, top) || !compact(line) {
            return false;
        }
        // in the margin, alone: a page number of any form, 「3」 and 「3/12」 too
        self.repeated.contains(&key) || crate::parse::marks::page_number(&key.0).is_some()
    }
}

fn line_key(line: &[Glyph]) -> (f32, (String, i32)) {
    let y = line.iter().map(|g| g.y).fold(f32::MIN, f32::max);
    let text: String = line
        .iter()
        .map(|g| g.ch)
        .filter(|c| !c.is_whitespace())
        .collect();
    // page numbers differ from page to page: digits folded so that 「第3页」 and 「第4页」 repeat
    let folded: String = text
        .chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect();
    (y, (folded, (y / 4.0).round() as i32))
}

/// One run of text, no wide gap inside (a table row in the margin is no page furniture).
fn compact(line: &[Glyph]) -> bool {
    line.windows(2)
        .all(|w| w[1].x - (w[0].x + w[0].width) <= 2.0 * w[0].size.max(1.0))
}

/// In the top or bottom 9 % of the page.
fn in_margin(page: &Page, y: f32) -> bool {
    page.height > 0.0 && (y < page.height * 0.09 || y > page.height * 0.91)
}

/// Glyphs of a page grouped into lines by baseline, top to bottom, each sorted left to right.
fn lines(page: &Page) -> Vec<Vec<Glyph>> {
    let mut glyphs: Vec<Glyph> = page
        .glyphs
        .iter()
        .filter(|g| !g.ch.is_whitespace() && g.ch != '\u{3000}')
        .cloned()
        .collect();
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut out: Vec<Vec<Glyph>> = Vec::new();
    let mut base = f32::NAN;
    for g in glyphs {
        let tol = 0.3 * g.size.max(1.0);
        match out.last_mut() {
            Some(line) if (g.y - base).abs() <= tol => line.push(g),
            _ => {
                base = g.y;
                out.push(vec![g]);
            }
        }
    }
    for line in &mut out {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        // the same glyph drawn twice (fake bold) is written once
        line.dedup_by(|b, a| a.ch == b.ch && (a.x - b.x).abs() < 0.3 * a.size.max(1.0) * 0.5);
    }
    out
}

/// Is there a vertical rule at `x` crossing height `y`?
fn vertical_between(rules: &[Rule], x0: f32, x1: f32, y: f32) -> bool {
    rules.iter().any(|r| {
        r.vertical && r.at > x0 - 0.5 && r.at < x1 + 0.5 && r.from <= y + 1.0 && r.to >= y - 1.0
    })
}

/// A line split into chunks at wide gaps and at vertical rules.
fn chunks(line: Vec<Glyph>, rules: &[Rule]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut cur: Vec<Glyph> = Vec::new();
    for g in line {
        if let Some(prev) = cur.last() {
            let end = prev.x + prev.width;
            let size = prev.size.max(g.size).max(1.0);
            let gap = g.x - end;
            let mid = g.y - 0.4 * size;
            if gap > 0.9 * size || (gap > -0.5 && vertical_between(rules, end, g.x, mid)) {
                out.push(Chunk::new(std::mem::take(&mut cur)));
            }
        }
        cur.push(g);
    }
    if !cur.is_empty() {
        out.push(Chunk::new(cur));
    }
    out
}

/// The rectangle of ruling lines around a chunk, if it sits in a ruled cell. A cell cut by the end of
/// the page has no rule there: its side rules' ends stand in.
fn ruled_cell(c: &Chunk, rules: &[Rule]) -> Option<[f32; 4]> {
    let (mx, my) = ((c.x0 + c.x1) / 2.0, c.mid_y());
    let mut left: Option<&Rule> = None;
    let mut right: Option<&Rule> = None;
    let mut top = f32::NEG_INFINITY;
    let mut bottom = f32::INFINITY;
    for r in rules {
        if r.vertical {
            if r.from <= my + 1.0 && r.to >= my - 1.0 {
                if r.at <= c.x0 + 1.0 {
                    if left.is_none_or(|l| r.at > l.at) {
                        left = Some(r);
                    }
                } else if r.at >= c.x1 - 1.0 && right.is_none_or(|l| r.at < l.at) {
                    right = Some(r);
                }
            }
        } else if r.from <= mx + 1.0 && r.to >= mx - 1.0 {
            if r.at <= c.top() + 1.0 {
                top = top.max(r.at);
            } else if r.at >= c.bottom() - 1.0 {
                bottom = bottom.min(r.at);
            }
        }
    }
    let (l, r) = (left?, right?);
    if !top.is_finite() {
        top = l.from.max(r.from);
    }
    if !bottom.is_finite() {
        bottom = l.to.min(r.to);
    }
    Some([l.at, top, r.at, bottom])
}

/// One cell: its chunks (top to bottom, left to right) and its left edge.
struct Cell {
    chunks: Vec<Chunk>,
    x0: f32,
}

/// Something written on its own line: a table row or a prose line, at `top`.
struct Row {
    top: f32,
    cells: Vec<Option<Cell>>,
    /// Laid out from positions alone (no ruling lines).
    free: bool,
    /// Its values placed in the columns of the table's header ([`place_in_columns`]): every `None`
    /// after the label is a blank cell.
    placed: bool,
    page: u32,
}

/// A table row cut by a page break: the lines of a cell continued at the top of the next page (a
/// wrapped label whose end went over) join that cell.
fn continue_across_pages(prev: &mut [Row], rows: &mut Vec<Row>) {
    let Some(last) = prev.last_mut() else { return };
    if last.cells.iter().flatten().count() < 2 {
        return;
    }
    let mut taken = 0;
    for row in rows.iter() {
        let cells: Vec<&Cell> = row.cells.iter().flatten().collect();
        let [cell] = cells.as_slice() else { break };
        let Some(c) = cell.chunks.first() else { break };
        // (without rules, one line, or lines one under another as a wrapped label's are)
        let stacked = cell
            .chunks
            .iter()
            .all(|k| (k.x0 - c.x0).abs() <= 0.6 * c.size.max(1.0));
        if row.free != last.free || (row.free && !stacked) || starts_an_item(&c.text()) {
            break;
        }
        let above: Vec<&Cell> = last.cells.iter().flatten().collect();
        let Some(k) = above.iter().position(|t| {
            t.chunks
                .first()
                .is_some_and(|f| (f.x0 - c.x0).abs() <= 0.6 * c.size.max(1.0))
        }) else {
            break;
        };
        if row.free {
            // without rules: only when the line above was full (the label went on)
            let lowest = above[k].chunks.iter().max_by(|a, b| a.y.total_cmp(&b.y));
            let next = above.get(k + 1).map_or(f32::INFINITY, |n| n.x0);
            if !lowest.is_some_and(|l| next - l.x1 <= 3.2 * c.size.max(1.0)) {
                break;
            }
        }
        taken += 1;
        let moved = cell.chunks.clone();
        let target = last.cells.iter_mut().flatten().nth(k);
        if let Some(t) = target {
            t.chunks.extend(moved);
        }
    }
    rows.drain(..taken);
}

fn lay_out_page(page: &Page, furniture: &Furniture, columns: &mut Option<Columns>) -> Vec<Row> {
    let rules = &page.rules;
    let mut ruled: Vec<(Chunk, [f32; 4])> = Vec::new();
    let mut free: Vec<Vec<Chunk>> = Vec::new();
    for line in lines(page) {
        if furniture.drops(page, &line) {
            continue;
        }
        let mut rest = Vec::new();
        let mut boxed: Vec<(Chunk, [f32; 4])> = Vec::new();
        for mut c in chunks(line, rules) {
            c.page = page.number;
            match ruled_cell(&c, rules) {
                Some(r) => boxed.push((c, r)),
                None => rest.push(c),
            }
        }
        // a rectangle holding chunks of one line apart by a wide gap, a number among them, is no cell
        // (a frame drawn around a whole row of an unruled table): they are laid out by position
        let key = |r: &[f32; 4]| r.map(|v| (v * 2.0).round() as i32);
        let framed: Vec<[i32; 4]> = boxed
            .iter()
            .filter(|(c, r)| {
                is_number(c) && boxed.iter().filter(|(_, q)| key(q) == key(r)).count() >= 2
            })
            .map(|(_, r)| key(r))
            .collect();
        for (c, r) in boxed {
            if framed.contains(&key(&r)) {
                rest.push(c);
            } else {
                ruled.push((c, r));
            }
        }
        rest.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        if !rest.is_empty() {
            free.push(rest);
        }
    }
    let mut rows = ruled_rows(ruled, rules);
    rows.extend(free_rows(free, rules));
    rows.sort_by(|a, b| a.top.total_cmp(&b.top));
    place_in_columns(&mut rows, columns);
    rows.retain(|r| !r.cells.is_empty());
    // images holding no text: a mark at their place
    for im in &page.images {
        let covered = page
            .glyphs
            .iter()
            .any(|g| g.x >= im.x0 && g.x <= im.x1 && g.y >= im.top && g.y <= im.bottom);
        let big = (im.x1 - im.x0) > page.width * 0.25 && (im.bottom - im.top) > 40.0;
        if big && !covered {
            rows.push(image_row(page.number, im.x0, im.top));
        }
    }
    if page.unreadable && page.glyphs.is_empty() && page.images.is_empty() {
        rows.push(image_row(page.number, 0.0, 0.0));
    }
    rows.sort_by(|a, b| a.top.total_cmp(&b.top));
    for r in &mut rows {
        r.page = page.number;
    }
    rows
}

/// A line holding only [`IMAGE_MARK`], at the place of an image.
fn image_row(page: u32, x: f32, top: f32) -> Row {
    let mut mark = Chunk::new(vec![Glyph {
        ch: IMAGE_MARK,
        x,
        y: top + 1.0,
        width: 1.0,
        size: 1.0,
    }]);
    mark.page = page;
    Row {
        top,
        free: false,
        placed: false,
        page,
        cells: vec![Some(Cell {
            chunks: vec![mark],
            x0: x,
        })],
    }
}

/// Chunks in ruled cells → rows: chunks of one rectangle form a cell; cells whose tops meet form a row
/// (a cell spanning rows belongs to its first); empty cells between them written as blanks.
fn ruled_rows(ruled: Vec<(Chunk, [f32; 4])>, rules: &[Rule]) -> Vec<Row> {
    let key = |r: &[f32; 4]| r.map(|v| (v * 2.0).round() as i32);
    let mut cells: Vec<([f32; 4], Vec<Chunk>)> = Vec::new();
    for (c, r) in ruled {
        match cells.iter_mut().find(|(q, _)| key(q) == key(&r)) {
            Some((_, v)) => v.push(c),
            None => cells.push((r, vec![c])),
        }
    }
    cells.sort_by(|a, b| a.0[1].total_cmp(&b.0[1]).then(a.0[0].total_cmp(&b.0[0])));
    let all: Vec<[f32; 4]> = cells.iter().map(|(r, _)| *r).collect();
    let mut rows: Vec<Row> = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        let top = cells[i].0[1];
        let mut j = i;
        while j < cells.len() && (cells[j].0[1] - top).abs() <= 2.0 {
            j += 1;
        }
        let group: Vec<([f32; 4], Vec<Chunk>)> = cells[i..j].to_vec();
        // the row's height: its lowest cell bottom among the cells of one row height
        let bottom = group
            .iter()
            .map(|(r, _)| r[3])
            .fold(f32::INFINITY, f32::min);
        let (x_from, x_to) = (
            group
                .iter()
                .map(|(r, _)| r[0])
                .fold(f32::INFINITY, f32::min),
            group
                .iter()
                .map(|(r, _)| r[2])
                .fold(f32::NEG_INFINITY, f32::max),
        );
        let y = (top + bottom) / 2.0;
        // column boundaries crossing the row, between its first and last cell
        let mut xs: Vec<f32> = rules
            .iter()
            .filter(|r| r.vertical && r.from <= y + 1.0 && r.to >= y - 1.0)
            .map(|r| r.at)
            .filter(|&x| x >= x_from - 1.0 && x <= x_to + 1.0)
            .collect();
        xs.sort_by(f32::total_cmp);
        xs.dedup_by(|b, a| (*b - *a).abs() < 1.5);
        let mut out: Vec<Option<Cell>> = Vec::new();
        let mut used = vec![false; group.len()];
        for win in xs.windows(2) {
            let (a, b) = (win[0], win[1]);
            if b - a < BORDER_SPACING {
                continue; // between the frames of two cells drawn apart: no column
            }
            let mid = (a + b) / 2.0;
            if let Some(k) = group.iter().position(|(r, _)| r[0] <= mid && r[2] >= mid) {
                if !used[k] {
                    used[k] = true;
                    let (r, ch) = &group[k];
                    out.push(Some(cell(r, ch.clone())));
                }
                continue;
            }
            // a cell spanning down from an earlier row: dropped, as Word's merged cells are
            let spanned = all
                .iter()
                .any(|r| r[1] < top - 2.0 && r[3] > y && r[0] <= mid && r[2] >= mid);
            if !spanned {
                out.push(None);
            }
        }
        for (k, (r, ch)) in group.iter().enumerate() {
            if !used[k] {
                out.push(Some(cell(r, ch.clone())));
            }
        }
        rows.push(Row {
            top,
            cells: out,
            free: false,
            placed: false,
            page: 0,
        });
        i = j;
    }
    rows
}

/// Two vertical rules closer than this (points) bound no column: each cell framed on its own, the
/// frames of neighbouring cells a border spacing apart (WeasyPrint's tables: ~2 pt between them).
const BORDER_SPACING: f32 = 3.0;

fn cell(r: &[f32; 4], mut chunks: Vec<Chunk>) -> Cell {
    chunks.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    Cell { chunks, x0: r[0] }
}

/// Chunks outside ruled cells, line by line → rows: lines whose glyph bodies overlap form one band (a
/// label wrapped over two lines and its values centred between them); a line below a table row whose
/// chunks all sit under one of its cells, close below, continues that cell (a wrapped label); the
/// chunks of a band are grouped into cells by their x ranges.
fn free_rows(lines: Vec<Vec<Chunk>>, rules: &[Rule]) -> Vec<Row> {
    // the size of body text: the most common size of the lines
    let mut sizes: Vec<f32> = lines.iter().flatten().map(|c| c.size).collect();
    sizes.sort_by(f32::total_cmp);
    let body = sizes.get(sizes.len() / 2).copied().unwrap_or(0.0);
    let mut bands: Vec<Vec<Chunk>> = Vec::new();
    for line in lines {
        let (lt, lb) = (
            line.iter().map(Chunk::top).fold(f32::INFINITY, f32::min),
            line.iter()
                .map(Chunk::bottom)
                .fold(f32::NEG_INFINITY, f32::max),
        );
        if let Some(band) = bands.last_mut() {
            let bt = band.iter().map(Chunk::top).fold(f32::INFINITY, f32::min);
            let bb = band
                .iter()
                .map(Chunk::bottom)
                .fold(f32::NEG_INFINITY, f32::max);
            let overlaps = lt < bb && lb > bt;
            if overlaps || continues(band, &line, rules) || title_continues(band, &line, body) {
                band.extend(line);
                continue;
            }
        }
        bands.push(line);
    }
    bands
        .into_iter()
        .map(|band| {
            let top = band.iter().map(Chunk::top).fold(f32::INFINITY, f32::min);
            let mut sorted = band;
            sorted.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let mut cells: Vec<Vec<Chunk>> = Vec::new();
            let mut right = f32::NEG_INFINITY;
            for c in sorted {
                match cells.last_mut() {
                    Some(cell) if c.x0 < right - 0.5 => {
                        right = right.max(c.x1);
                        cell.push(c);
                    }
                    _ => {
                        right = c.x1;
                        cells.push(vec![c]);
                    }
                }
            }
            Row {
                top,
                free: true,
                placed: false,
                page: 0,
                cells: cells
                    .into_iter()
                    .map(|ch| {
                        let x0 = ch.iter().map(|c| c.x0).fold(f32::INFINITY, f32::min);
                        let x1 = ch.iter().map(|c| c.x1).fold(f32::NEG_INFINITY, f32::max);
                        Some(cell(&[x0, top, x1, top], ch))
                    })
                    .collect(),
            }
        })
        .collect()
}

/// A chunk that is one number (digits, a decimal point).
fn is_number(c: &Chunk) -> bool {
    c.glyphs.iter().any(|g| g.ch.is_ascii_digit())
        && c.glyphs
            .iter()
            .all(|g| g.ch.is_ascii_digit() || g.ch == '.')
}

/// The columns of an unruled table: the x range of each column header, left to right.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Columns {
    cols: Vec<(f32, f32)>,
    size: f32,
}

/// A glyph gap wider than this share of the size parts two words (header cells printed side by side
/// without a gap wide enough to cut the chunk: 「商业企业科研机构」 with 2.6 pt between the cells, the
/// glyphs of one word abutting).
const WORD_GAP: f32 = 0.2;

/// The words of a chunk: its glyphs cut where the gap between two is wider than [`WORD_GAP`].
fn words(c: &Chunk) -> Vec<(f32, f32, f32)> {
    let mut out: Vec<(f32, f32, f32)> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    for g in &c.glyphs {
        let end = g.x + g.width;
        match (prev, out.last_mut()) {
            (Some(p), Some(w)) if g.x - (p.x + p.width) <= WORD_GAP * g.size.max(1.0) => {
                w.1 = w.1.max(end)
            }
            _ => out.push((g.x, end, c.y)),
        }
        prev = Some(g);
    }
    out
}

fn overlap(a: (f32, f32), b: (f32, f32)) -> f32 {
    a.1.min(b.1) - a.0.max(b.0)
}

/// Do two ranges overlap over at least half of the narrower?
fn overlaps_much(a: (f32, f32), b: (f32, f32)) -> bool {
    overlap(a, b) >= 0.5 * (a.1 - a.0).min(b.1 - b.0).max(0.1)
}

impl Columns {
    /// The columns of the header words `(x0, x1, baseline)` right of `left`: a word over two or more
    /// words below it that are side by side (「法人或其他组织」 over its five, 「行政诉讼」 over its groups)
    /// is a group header, not a column; words over one another (a header wrapped over lines) are one
    /// column. None unless two columns or more, side by side.
    pub(crate) fn of_header(words: &[(f32, f32, f32)], left: f32, size: f32) -> Option<Columns> {
        let words: Vec<(f32, f32, f32)> = words
            .iter()
            .copied()
            .filter(|w| w.0 >= left - 0.5)
            .collect();
        let group = |a: &(f32, f32, f32)| {
            let under: Vec<&(f32, f32, f32)> = words
                .iter()
                .filter(|b| b.2 > a.2 + 0.3 * size && overlaps_much((a.0, a.1), (b.0, b.1)))
                .collect();
            under
                .iter()
                .any(|b| under.iter().any(|c| overlap((b.0, b.1), (c.0, c.1)) <= 0.0))
        };
        let leaves: Vec<(f32, f32)> = words
            .iter()
            .filter(|w| !group(w))
            .map(|w| (w.0, w.1))
            .collect();
        // words over one another: one column
        let mut cols: Vec<(f32, f32)> = Vec::new();
        for w in leaves {
            let mut merged = w;
            let mut rest = Vec::new();
            for c in cols {
                if overlaps_much(c, merged) {
                    merged = (merged.0.min(c.0), merged.1.max(c.1));
                } else {
                    rest.push(c);
                }
            }
            rest.push(merged);
            cols = rest;
        }
        cols.sort_by(|a, b| a.0.total_cmp(&b.0));
        // columns side by side: none inside another
        let side_by_side = cols.windows(2).all(|w| w[1].0 > w[0].0 && w[1].1 > w[0].1);
        (cols.len() >= 2 && side_by_side).then_some(Columns { cols, size })
    }

    /// The column of a glyph centred at `x`: the nearest header's, halfway between two headers the
    /// boundary; None outside the table (more than a header's width and a glyph beyond the outer
    /// headers) or where two headers overlap.
    fn of(&self, x: f32) -> Option<usize> {
        let n = self.cols.len();
        let first = self.cols[0];
        let last = self.cols[n - 1];
        if x < first.0 - (first.1 - first.0) / 2.0 - self.size
            || x > last.1 + (last.1 - last.0) / 2.0 + self.size
        {
            return None;
        }
        let mut k = 0;
        while k + 1 < n {
            let (a, b) = (self.cols[k], self.cols[k + 1]);
            if x >= b.0 && x <= a.1 {
                return None; // where two headers overlap
            }
            if x < (a.1 + b.0) / 2.0 {
                break;
            }
            k += 1;
        }
        Some(k)
    }

    /// Is this text in the columns: starting inside them, or over the middle of one?
    fn reaches_into(&self, c: &Chunk) -> bool {
        (c.x0 >= self.cols[0].0 - 0.5 && c.x0 < self.right())
            || self
                .cols
                .iter()
                .any(|k| c.x0 < (k.0 + k.1) / 2.0 && c.x1 > (k.0 + k.1) / 2.0)
    }

    /// A row of labels only, left of the columns: the labels, then every cell blank.
    fn place_blank(&self, row: &[Option<Cell>]) -> Option<Vec<Option<Cell>>> {
        let cells: Vec<&Cell> = row.iter().flatten().collect();
        let left = cells
            .iter()
            .flat_map(|c| &c.chunks)
            .all(|c| !is_number(c) && c.x1 <= self.cols[0].0 + 0.5);
        (left && !cells.is_empty()).then(|| {
            cells
                .iter()
                .map(|c| {
                    Some(Cell {
                        chunks: c.chunks.clone(),
                        x0: c.x0,
                    })
                })
                .chain(self.cols.iter().map(|_| None))
                .collect()
        })
    }

    /// A label printed up to the edge of its cell with a value right after it, no gap wide enough
    /// between them to cut the chunk (「不计其3」: the label's line ends where the first column
    /// starts): the label, left of the columns, and the number at the chunk's end, in a column. None
    /// unless the chunk ends in a number whose first glyph starts in a column and the rest of it
    /// ends left of the columns.
    fn label_and_value(&self, c: &Chunk) -> Option<(Chunk, Chunk)> {
        let numeric = |g: &Glyph| g.ch.is_ascii_digit() || g.ch == '.';
        let cut = c.glyphs.iter().rposition(|g| !numeric(g))? + 1;
        let (label, value) = c.glyphs.split_at(cut);
        let (last, first) = (label.last()?, value.first()?);
        let in_column =
            first.x >= self.cols[0].0 - 0.5 && self.of(first.x + first.width / 2.0).is_some();
        let label_left = last.x + last.width <= self.cols[0].0 + 0.5;
        if !(in_column && label_left && value.iter().any(|g| g.ch.is_ascii_digit())) {
            return None;
        }
        let part = |glyphs: &[Glyph]| {
            let mut p = Chunk::new(glyphs.to_vec());
            p.page = c.page;
            p
        };
        Some((part(label), part(value)))
    }

    /// The right edge of the table's columns.
    fn right(&self) -> f32 {
        let last = self.cols[self.cols.len() - 1];
        last.1 + (last.1 - last.0) / 2.0 + self.size
    }

    /// A row's chunks placed in the columns: the label (the text left of the columns) then one cell
    /// per column, None where no value stands. The numbers' glyphs are cut into values at glyph gaps
    /// (values of neighbouring columns printed close: 「82135」 for 821 and 35). None unless every value
    /// falls in exactly one column, whole, and no column gets two.
    fn place(&self, row: &[Option<Cell>]) -> Option<Vec<Option<Cell>>> {
        let mut cells: Vec<Option<Cell>> = Vec::new();
        let mut numbers: Vec<Chunk> = Vec::new();
        for cell in row.iter().flatten() {
            if cell.chunks.iter().all(is_number) {
                numbers.extend(cell.chunks.iter().cloned());
                continue;
            }
            // the label (its cells as laid out), left of the columns; a value printed right after
            // the label's last glyph is cut off it
            let mut label = Vec::new();
            for c in &cell.chunks {
                if !is_number(c) && c.x1 <= self.cols[0].0 + 0.5 {
                    label.push(c.clone());
                } else if let Some((l, v)) = self.label_and_value(c) {
                    label.push(l);
                    numbers.push(v);
                } else {
                    return None; // text among the values: not a row of numbers
                }
            }
            cells.push(Some(Cell {
                chunks: label,
                x0: cell.x0,
            }));
        }
        let mut values: Vec<Option<Chunk>> = vec![None; self.cols.len()];
        for c in &numbers {
            let mut piece: Vec<Glyph> = Vec::new();
            let mut col: Option<usize> = None;
            let mut flush = |piece: &mut Vec<Glyph>, col: Option<usize>| -> bool {
                if piece.is_empty() {
                    return true;
                }
                let Some(k) = col else { return false };
                if values[k].is_some() {
                    return false;
                }
                let mut v = Chunk::new(std::mem::take(piece));
                v.page = c.page;
                values[k] = Some(v);
                true
            };
            for g in &c.glyphs {
                let k = self.of(g.x + g.width / 2.0)?;
                let apart = piece
                    .last()
                    .is_some_and(|p| g.x - (p.x + p.width) > WORD_GAP * g.size.max(1.0));
                if col.is_some_and(|c| c != k) {
                    // a value crossing a boundary without a gap is no two values
                    if !apart || !flush(&mut piece, col) {
                        return None;
                    }
                } else if apart && !piece.is_empty() {
                    return None; // two numbers in one column
                }
                col = Some(k);
                piece.push(*g);
            }
            if !flush(&mut piece, col) {
                return None;
            }
        }
        if values.iter().all(Option::is_none) {
            return None;
        }
        for (k, v) in values.into_iter().enumerate() {
            cells.push(v.map(|v| Cell {
                x0: self.cols[k].0,
                chunks: vec![v],
            }));
        }
        Some(cells)
    }
}

/// The unruled rows of a page, top to bottom, whose numbers stand under a header of columns: each
/// value placed in the column whose range covers it, blank cells made explicit (FORMAT.md §7.3: a
/// table without ruling lines, blank cells left blank, header cells printed close together). The
/// columns are those of the header words right above the first row of numbers ([`Columns::of_header`],
/// glyph by glyph), kept down the table and onto the next page; a line of text reaching into the
/// columns ends them. A row is placed only where every value of it falls in exactly one column;
/// otherwise it stays as laid out.
fn place_in_columns(rows: &mut [Row], carried: &mut Option<Columns>) {
    let numbers = |r: &Row| {
        r.cells
            .iter()
            .flatten()
            .flat_map(|c| &c.chunks)
            .any(is_number)
    };
    for i in 0..rows.len() {
        if !rows[i].free {
            // a label in a frame of its own (a frame drawn around a whole row of the table)
            if let Some(cols) = carried.as_ref() {
                if rows[i].cells.iter().flatten().count() == 1 && !heading_like(&rows[i]) {
                    if let Some(cells) = cols.place_blank(&rows[i].cells) {
                        rows[i].cells = cells;
                        rows[i].placed = true;
                    }
                }
            }
            continue;
        }
        let chunks: Vec<Chunk> = rows[i]
            .cells
            .iter()
            .flatten()
            .flat_map(|c| c.chunks.iter().cloned())
            .collect();
        // (a value printed right after its label, one chunk with it, is a number of the row too)
        let glued = carried
            .as_ref()
            .is_some_and(|cols| chunks.iter().any(|c| cols.label_and_value(c).is_some()));
        if !numbers(&rows[i]) && !glued {
            // text in the columns (a heading over them, a new header, prose) ends them; a label's
            // line ending a little past its cell does not
            if let Some(cols) = carried {
                if heading_like(&rows[i]) || chunks.iter().any(|c| cols.reaches_into(c)) {
                    *carried = None;
                } else if let Some(k) = rows[..i]
                    .iter()
                    .rposition(|r| !r.cells.is_empty())
                    .filter(|&k| wraps_label(&rows[k], &chunks, cols))
                {
                    // the label of the row above wrapped onto this line: it joins that label
                    let moved = std::mem::take(&mut rows[i].cells);
                    if let Some(Some(label)) = rows[k].cells.first_mut() {
                        label
                            .chunks
                            .extend(moved.into_iter().flatten().flat_map(|c| c.chunks));
                    }
                } else if let Some(cells) = cols.place_blank(&rows[i].cells) {
                    // a row of the table without a value: its cells blank
                    rows[i].cells = cells;
                    rows[i].placed = true;
                }
            }
            continue;
        }
        if carried.is_none() {
            *carried = header_above(rows, i, &chunks);
        }
        let Some(cols) = carried.as_ref() else {
            continue;
        };
        if let Some(cells) = cols.place(&rows[i].cells) {
            rows[i].cells = cells;
            rows[i].placed = true;
        }
    }
}

/// Does `line` (a line of text only, left of the columns) go on with the label of `above`, a row
/// placed in the columns, wrapped inside its cell? One chunk, starting where the label's last line
/// starts, within a line's pitch below it, not starting as an item does, and that last line full: it
/// reaches (near) the first column. A short line above (「（三）」 of a label set one word a line) or
/// a line starting elsewhere is a row of its own.
fn wraps_label(above: &Row, line: &[Chunk], cols: &Columns) -> bool {
    let [c] = line else { return false };
    let Some(Some(label)) = above.cells.first() else {
        return false;
    };
    let Some(last) = label.chunks.iter().max_by(|a, b| a.y.total_cmp(&b.y)) else {
        return false;
    };
    let size = c.size.max(1.0);
    let pitch = c.y - last.y;
    above.placed
        && !is_number(c)
        && !starts_an_item(&c.text())
        && (c.x0 - last.x0).abs() <= 0.6 * size
        && pitch > 0.0
        && pitch <= 1.6 * size
        && c.x1 <= cols.cols[0].0 + 0.5
        && cols.cols[0].0 - last.x1 <= 3.2 * size
}

/// Does the row start as a section heading does (「四、」), with no number in it? It ends a table.
fn heading_like(row: &Row) -> bool {
    let Some(first) = row.cells.iter().flatten().flat_map(|c| &c.chunks).next() else {
        return false;
    };
    let text = first.text();
    let mut it = text.chars();
    let numeral = |c: char| crate::norm::numeral_value(c).is_some();
    it.next().is_some_and(numeral)
        && it.take(2).any(|c| c == '、')
        && !row
            .cells
            .iter()
            .flatten()
            .flat_map(|c| &c.chunks)
            .any(is_number)
}

/// The columns of the header right above row `i` (the rows without numbers up to a heading or an item
/// line, at most eight): its words right of the row's label.
fn header_above(rows: &[Row], i: usize, chunks: &[Chunk]) -> Option<Columns> {
    let size = chunks.iter().map(|c| c.size).fold(0.0, f32::max).max(1.0);
    let label_end = chunks
        .iter()
        .filter(|c| !is_number(c))
        .map(|c| c.x1)
        .fold(f32::NEG_INFINITY, f32::max);
    let mut found = Vec::new();
    let mut below = rows[i].top;
    for r in rows[..i].iter().rev().take(8) {
        let row: Vec<&Chunk> = r.cells.iter().flatten().flat_map(|c| &c.chunks).collect();
        let bottom = row.iter().map(|c| c.y).fold(f32::NEG_INFINITY, f32::max);
        if !r.free
            || row.iter().any(|c| is_number(c))
            || below - bottom > 4.0 * size
            || row.first().is_some_and(|c| starts_an_item(&c.text()))
        {
            break;
        }
        below = r.top;
        for c in row {
            found.extend(words(c));
        }
    }
    Columns::of_header(&found, label_end, size)
}

/// Does `line` continue a cell of the table row `band` (a label wrapped onto a line of its own)? One
/// chunk, under the band's first chunk of that column and starting where it starts, within a line's
/// pitch, no rule between, and not starting as an item does (「三、」「（一）」「1.」).
fn continues(band: &[Chunk], line: &[Chunk], rules: &[Rule]) -> bool {
    // the band must be a table row: chunks side by side
    let mut xs: Vec<(f32, f32)> = band.iter().map(|c| (c.x0, c.x1)).collect();
    xs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let columns = xs.windows(2).filter(|w| w[1].0 > w[0].1).count() + 1;
    let [c] = line else { return false };
    if columns < 2 || starts_an_item(&c.text()) {
        return false;
    }
    let above: Vec<&Chunk> = band.iter().filter(|b| b.x0 < c.x1 && c.x0 < b.x1).collect();
    let Some(last) = above.iter().max_by(|a, b| a.y.total_cmp(&b.y)) else {
        return false;
    };
    let aligned = (c.x0 - last.x0).abs() <= 0.6 * c.size.max(1.0);
    // no other column of the band reaches under this chunk
    let one_column = band
        .iter()
        .filter(|b| b.x0 < c.x1 && c.x0 < b.x1)
        .all(|b| (b.x0 - last.x0).abs() <= 0.6 * c.size.max(1.0));
    // the line above was full: it reaches (near) the next column of the band
    let next_column = band
        .iter()
        .filter(|b| b.x0 > last.x1)
        .map(|b| b.x0)
        .fold(f32::INFINITY, f32::min);
    let full = next_column - last.x1 <= 3.2 * c.size.max(1.0);
    let pitch = c.y - last.y;
    let ruled_between = rules
        .iter()
        .any(|r| !r.vertical && r.at > last.y && r.at < c.top() && r.from <= c.x1 && r.to >= c.x0);
    full && one_column && aligned && pitch > 0.0 && pitch <= 1.6 * c.size.max(1.0) && !ruled_between
}

/// Does `line` continue a title printed larger than the body text and wrapped (「…政府信息公开工作」
/// 「年度报告」)? One chunk each, the same size, starting where it starts, within a line's pitch.
fn title_continues(band: &[Chunk], line: &[Chunk], body: f32) -> bool {
    let ([b], [c]) = (band, line) else {
        return false;
    };
    body > 0.0
        && b.size >= 1.25 * body
        && (c.size - b.size).abs() <= 0.12 * b.size
        && (c.x0 - b.x0).abs() <= 0.6 * b.size
        && c.y > b.y
        && c.y - b.y <= 1.8 * b.size
        && !starts_an_item(&c.text())
}

/// Does this text start as a heading or an item does: 「三、」「（一）」「(二)」「1.」「2、」?
pub(crate) fn starts_an_item(s: &str) -> bool {
    let mut it = s.chars();
    let Some(first) = it.next() else { return false };
    let numeral = |c: char| crate::norm::numeral_value(c).is_some();
    match first {
        '（' | '(' => it.next().is_some_and(|c| numeral(c) || c.is_ascii_digit()),
        c if numeral(c) => it.take(2).any(|c| c == '、'),
        c if c.is_ascii_digit() => it
            .find(|c| !c.is_ascii_digit())
            .is_some_and(|c| matches!(c, '.' | '、' | '．')),
        _ => false,
    }
}

fn write_row(w: &mut Writer, row: Row) {
    let page = row.page;
    let start = w.text.len() as u32;
    // a row of cells drawn with ruling lines (not a lone mark or heading in a frame)
    let ruled = !row.free && row.cells.iter().flatten().count() >= 2;
    let has_number = row.cells.iter().flatten().any(|c| {
        let t: String = c.chunks.iter().map(Chunk::text).collect();
        !t.is_empty() && t.chars().all(|ch| ch.is_ascii_digit() || ch == '.')
    });
    let mut seen_text = false;
    let mut first = true;
    for c in &row.cells {
        if !first {
            w.push("\t");
        }
        first = false;
        match c {
            Some(c) => {
                seen_text = true;
                write_cell(w, c);
            }
            None => {
                if row.placed || (has_number && seen_text) {
                    w.mark(page, 0.0, row.top, EMPTY_CELL);
                }
            }
        }
    }
    if ruled {
        w.ruled_rows.push((start, w.text.len() as u32));
    }
    w.push("\n");
}

fn write_cell(w: &mut Writer, c: &Cell) {
    let mut prev: Option<&Glyph> = None;
    for chunk in &c.chunks {
        let page = chunk.page;
        for g in &chunk.glyphs {
            if let Some(p) = prev {
                let gap = g.x - (p.x + p.width);
                let ascii = |c: char| c.is_ascii_alphanumeric() || c == '%' || c == '.';
                let same_line = (g.y - p.y).abs() < 0.3 * g.size.max(1.0);
                if ascii(p.ch) && ascii(g.ch) && (!same_line || gap > 0.2 * g.size) {
                    w.push(" ");
                }
            }
            w.glyph(page, g);
            prev = Some(g);
        }
    }
}

/// The chunks of each page, one printed line per line, with the ruled cell each sits in (what
/// `examples/pdfdump` shows when a layout has to be looked at).
pub fn dump(pages: &[Page]) -> String {
    let mut s = String::new();
    for p in pages {
        s.push_str(&format!(
            "== page {} {}x{} rules {}\n",
            p.number,
            p.width,
            p.height,
            p.rules.len()
        ));
        for line in lines(p) {
            for c in chunks(line, &p.rules) {
                s.push_str(&format!(
                    "[{:.1}-{:.1} y{:.1} s{:.1} {:?}] {} | ",
                    c.x0,
                    c.x1,
                    c.y,
                    c.size,
                    ruled_cell(&c, &p.rules),
                    c.text()
                ));
            }
            s.push('\n');
        }
    }
    s
}
