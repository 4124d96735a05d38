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
    for page in pages {
        let mut rows = lay_out_page(page, &furniture);
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
        if row.free != last.free || (row.free && cell.chunks.len() > 1) || starts_an_item(&c.text())
        {
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

fn lay_out_page(page: &Page, furniture: &Furniture) -> Vec<Row> {
    let rules = &page.rules;
    let mut ruled: Vec<(Chunk, [f32; 4])> = Vec::new();
    let mut free: Vec<Vec<Chunk>> = Vec::new();
    for line in lines(page) {
        if furniture.drops(page, &line) {
            continue;
        }
        let mut rest = Vec::new();
        for mut c in chunks(line, rules) {
            c.page = page.number;
            match ruled_cell(&c, rules) {
                Some(r) => ruled.push((c, r)),
                None => rest.push(c),
            }
        }
        if !rest.is_empty() {
            free.push(rest);
        }
    }
    let mut rows = ruled_rows(ruled, rules);
    rows.extend(free_rows(free, rules));
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
            page: 0,
        });
        i = j;
    }
    rows
}

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
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
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
                if has_number && seen_text {
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
