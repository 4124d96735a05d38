//! PDF bytes → pages of glyphs, ruling lines and image boxes.
//!
//! The file is parsed by `lopdf`; each page's content stream is interpreted by `pdf-extract`
//! (fonts, encodings, ToUnicode maps, the text and graphics state), which hands every glyph and every
//! path drawn to [`Collector`]. Neither crate was written for hostile input, so the reading is
//! guarded: the size of the file, the number of pages and of glyphs are bounded, form XObjects that
//! draw themselves (endless recursion) are refused before any page is interpreted, image streams are
//! never given to the content interpreter, and each page runs inside `catch_unwind` (a page that
//! panics is read as a page without text, the others are kept).

use super::{Glyph, Image, Page, PdfError, Rule};
use lopdf::{Dictionary, Document, Object, ObjectId};
use pdf_extract::{
    ColorSpace, MediaBox, OutputDev, OutputError, PageReader, Path, PathOp, Transform,
};
use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Largest PDF read.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
/// Most pages read (an annual report has 5–30).
pub const MAX_PAGES: usize = 500;
/// Most glyphs kept per page (a dense page holds ~3,000).
const MAX_GLYPHS_PER_PAGE: usize = 50_000;
/// Most ruling segments kept per page.
const MAX_RULES_PER_PAGE: usize = 20_000;
/// Largest decompressed content of one page (its streams and the forms it draws).
const MAX_PAGE_CONTENT: usize = 32 * 1024 * 1024;
/// Deepest nesting of forms drawn inside forms.
const MAX_FORM_DEPTH: usize = 12;

/// Read a PDF's pages. Errors: not a PDF, damaged beyond reading, encrypted with a password, too large.
///
/// One content interpreter reads all the pages, so each font (its encoding, ToUnicode map and widths)
/// is read once per document, not once per page that uses it: most of the reading's time went there.
pub fn read(bytes: &[u8]) -> Result<Vec<Page>, PdfError> {
    read_with(bytes, Fonts::ReadOnce)
}

/// [`read`] with a fresh content interpreter for every page, which reads the page's fonts anew: the
/// plain reading that [`read`] is tested against (the same pages, glyph for glyph).
pub fn read_each_page_afresh(bytes: &[u8]) -> Result<Vec<Page>, PdfError> {
    read_with(bytes, Fonts::ReadPerPage)
}

#[derive(Clone, Copy, PartialEq)]
enum Fonts {
    ReadOnce,
    ReadPerPage,
}

fn read_with(bytes: &[u8], fonts: Fonts) -> Result<Vec<Page>, PdfError> {
    if bytes.len() > MAX_BYTES {
        return Err(PdfError::TooLarge { bytes: bytes.len() });
    }
    if !super::is_pdf(bytes) {
        return Err(PdfError::NotPdf);
    }
    let loaded = catch_unwind(|| Document::load_mem(bytes));
    let mut doc = match loaded {
        Ok(Ok(d)) => d,
        Ok(Err(e)) => return Err(load_error(e)),
        Err(_) => return Err(PdfError::Damaged("解析器异常".into())),
    };
    if doc.is_encrypted() {
        // an owner password only (printing or copying restricted) opens with the empty user password
        let opened = catch_unwind(AssertUnwindSafe(|| doc.decrypt("")));
        if !matches!(opened, Ok(Ok(()))) {
            return Err(PdfError::Encrypted);
        }
    }
    let pages = catch_unwind(AssertUnwindSafe(|| doc.get_pages()))
        .map_err(|_| PdfError::Damaged("页面树损坏".into()))?;
    if pages.is_empty() {
        return Err(PdfError::Damaged("没有页面".into()));
    }
    if pages.len() > MAX_PAGES {
        return Err(PdfError::TooManyPages { pages: pages.len() });
    }
    // where images are drawn, read before they are taken out
    let placed: Vec<Vec<Image>> = pages
        .values()
        .map(|&id| {
            let h = media_box(&doc, id).1;
            catch_unwind(AssertUnwindSafe(|| images(&doc, id, h))).unwrap_or_default()
        })
        .collect();
    blank_images(&mut doc);
    let no_resources = Dictionary::new();
    let interpreter = || {
        catch_unwind(AssertUnwindSafe(|| PageReader::new(&doc, &no_resources)))
            .map_err(|_| PdfError::Damaged("页面树损坏".into()))
    };
    let mut shared = interpreter()?;
    let mut out = Vec::with_capacity(pages.len());
    for ((&number, &id), images) in pages.iter().zip(placed) {
        let (mut page, directions) = match fonts {
            Fonts::ReadOnce => read_page(&doc, &mut shared, number, id),
            Fonts::ReadPerPage => read_page(&doc, &mut interpreter()?, number, id),
        };
        page.images = images;
        let quarters = upright_turn(&directions).unwrap_or_else(|| rotation(&doc, id));
        turn(&mut page, quarters);
        out.push(page);
    }
    Ok(out)
}

/// Every image XObject replaced by an empty form: pdf-extract would read an image's data as a content
/// stream (garbage, or a panic that loses the page's text).
fn blank_images(doc: &mut Document) {
    for obj in doc.objects.values_mut() {
        let Object::Stream(s) = obj else { continue };
        if !is_subtype(&s.dict, b"Image") {
            continue;
        }
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"XObject".to_vec()));
        dict.set("Subtype", Object::Name(b"Form".to_vec()));
        dict.set(
            "BBox",
            Object::Array(vec![0.into(), 0.into(), 0.into(), 0.into()]),
        );
        *obj = Object::Stream(lopdf::Stream::new(dict, Vec::new()));
    }
}

fn load_error(e: lopdf::Error) -> PdfError {
    // (the parser's own message is English and technical: the reader is told what it means)
    let s = e.to_string();
    if s.contains("ncrypt") || s.contains("assword") {
        PdfError::Encrypted
    } else if s.contains("xref") || s.contains("cross reference") || s.contains("trailer") {
        PdfError::Damaged("交叉引用表损坏，文件可能不完整".into())
    } else {
        PdfError::Damaged("文件结构无法解析".into())
    }
}

/// One page: its glyphs and rules from the content interpreter, its images from the resources; and
/// how many of its glyphs run in each direction ([`Directions`]).
fn read_page(
    doc: &Document,
    interpreter: &mut PageReader,
    number: u32,
    id: ObjectId,
) -> (Page, Directions) {
    let mut page = Page {
        number,
        ..Page::default()
    };
    let mut directions = Directions::default();
    let guarded = catch_unwind(AssertUnwindSafe(|| -> Result<(), ()> {
        let (w, h) = media_box(doc, id);
        page.width = w;
        page.height = h;
        if !safe_to_interpret(doc, id) {
            page.unreadable = true;
            return Err(());
        }
        let mut c = Collector {
            page: &mut page,
            height: h,
            full: false,
            pen: None,
            unmapped_next: false,
            directions: &mut directions,
        };
        let _ = interpreter.output_page(&mut c, number);
        Ok(())
    }));
    if guarded.is_err() {
        page.unreadable = true;
    }
    if page.unreadable {
        page.glyphs.clear();
        page.rules.clear();
        page.drawn = 0;
        page.unmapped.clear();
    }
    (page, directions)
}

/// How many glyphs of a page run in each direction, by the quarter turn (counter-clockwise, as drawn)
/// of their baseline: `[0]` left to right, `[1]` bottom to top, `[2]` right to left (upside down),
/// `[3]` top to bottom. Glyphs whose baseline is no quarter turn (a slanted stamp) are not counted.
type Directions = [u32; 4];

/// The quarter turns (clockwise) that set most of a page's text upright, when most of its glyphs run
/// one way: the text as written is read the way it was written, whether the page turns it with
/// /Rotate (a landscape table drawn sideways on a portrait page, shown upright), without (the same
/// page with no /Rotate: shown sideways, read upright all the same), or a page of upright text turned
/// by /Rotate to be shown sideways (a page fed the wrong way). `None` when no direction holds more than
/// half of the glyphs counted (or there are none): the page's /Rotate then says how it is shown.
fn upright_turn(directions: &Directions) -> Option<i64> {
    let total: u32 = directions.iter().sum();
    (0..4)
        .find(|&q| directions[q] * 2 > total)
        .map(|q| q as i64)
}

/// The quarter turn (counter-clockwise) of a baseline running along `(dx, dy)` (y up), when it runs
/// within a few degrees of one.
fn quarter_of(dx: f64, dy: f64) -> Option<usize> {
    if !(dx.is_finite() && dy.is_finite()) || dx.hypot(dy) <= 0.0 {
        return None;
    }
    let quarters = dy.atan2(dx) / std::f64::consts::FRAC_PI_2;
    let nearest = quarters.round();
    ((quarters - nearest).abs() <= QUARTER_SLACK).then(|| nearest.rem_euclid(4.0) as usize)
}

/// How far from a quarter turn a baseline may run and still count as running that way (in quarter
/// turns: 0.1 is 9°).
const QUARTER_SLACK: f64 = 0.1;

/// The page's (inherited) /Rotate: how far it is turned clockwise when shown, in quarter turns.
fn rotation(doc: &Document, id: ObjectId) -> i64 {
    let mut node = doc.get_dictionary(id).ok();
    for _ in 0..32 {
        let Some(d) = node else { break };
        if let Ok(Object::Integer(r)) = d.get(b"Rotate").and_then(|o| deref(doc, o)) {
            return (r / 90).rem_euclid(4);
        }
        node = d
            .get(b"Parent")
            .and_then(Object::as_reference)
            .and_then(|r| doc.get_dictionary(r))
            .ok();
    }
    0
}

/// Coordinates as the page is shown (a page turned by /Rotate: a landscape table printed on a portrait
/// page, a scan fed sideways). `y` is top-down; `(x, y)` of the page as drawn → as shown.
fn turn(page: &mut Page, quarters: i64) {
    if quarters == 0 {
        return;
    }
    let (w, h) = (page.width, page.height);
    let map = |x: f32, y: f32| -> (f32, f32) {
        let up = h - y;
        match quarters {
            1 => (up, x),
            2 => (w - x, up),
            _ => (y, w - x),
        }
    };
    for g in &mut page.glyphs {
        (g.x, g.y) = map(g.x, g.y);
    }
    for r in &mut page.rules {
        let (a, b) = if r.vertical {
            (map(r.at, r.from), map(r.at, r.to))
        } else {
            (map(r.from, r.at), map(r.to, r.at))
        };
        *r = if (a.0 - b.0).abs() < (a.1 - b.1).abs() {
            Rule::vertical((a.0 + b.0) / 2.0, a.1.min(b.1), a.1.max(b.1))
        } else {
            Rule::horizontal((a.1 + b.1) / 2.0, a.0.min(b.0), a.0.max(b.0))
        };
    }
    for im in &mut page.images {
        let (a, b) = (map(im.x0, im.top), map(im.x1, im.bottom));
        *im = Image {
            x0: a.0.min(b.0),
            x1: a.0.max(b.0),
            top: a.1.min(b.1),
            bottom: a.1.max(b.1),
        };
    }
    if quarters % 2 == 1 {
        (page.width, page.height) = (h, w);
    }
}

/// Page size from the (inherited) MediaBox; A4 when it cannot be read.
fn media_box(doc: &Document, id: ObjectId) -> (f32, f32) {
    let mut node = doc.get_dictionary(id).ok();
    for _ in 0..32 {
        let Some(d) = node else { break };
        if let Ok(Object::Array(a)) = d.get(b"MediaBox").and_then(|o| deref(doc, o)) {
            let n: Vec<f32> = a.iter().filter_map(number).collect();
            if n.len() == 4 {
                return ((n[2] - n[0]).abs(), (n[3] - n[1]).abs());
            }
        }
        node = d
            .get(b"Parent")
            .and_then(Object::as_reference)
            .and_then(|r| doc.get_dictionary(r))
            .ok();
    }
    (595.0, 842.0)
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> lopdf::Result<&'a Object> {
    match o {
        Object::Reference(r) => doc.get_object(*r),
        o => Ok(o),
    }
}

fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// The XObjects of a resource dictionary: (name, stream dictionary, stream id).
fn xobjects<'a>(
    doc: &'a Document,
    resources: &'a Dictionary,
) -> Vec<(Vec<u8>, &'a Dictionary, Option<ObjectId>)> {
    let Ok(x) = resources.get(b"XObject").and_then(|o| deref(doc, o)) else {
        return Vec::new();
    };
    let Ok(x) = x.as_dict() else {
        return Vec::new();
    };
    x.iter()
        .filter_map(|(name, o)| {
            let id = o.as_reference().ok();
            let s = deref(doc, o).ok()?.as_stream().ok()?;
            Some((name.clone(), &s.dict, id))
        })
        .collect()
}

fn is_subtype(d: &Dictionary, t: &[u8]) -> bool {
    d.get(b"Subtype")
        .and_then(Object::as_name)
        .is_ok_and(|n| n == t)
}

/// The page's resource dictionary (inherited).
fn resources(doc: &Document, id: ObjectId) -> Option<&Dictionary> {
    let mut node = doc.get_dictionary(id).ok();
    for _ in 0..32 {
        let d = node?;
        if let Ok(r) = d.get(b"Resources").and_then(|o| deref(doc, o)) {
            return r.as_dict().ok();
        }
        node = d
            .get(b"Parent")
            .and_then(Object::as_reference)
            .and_then(|r| doc.get_dictionary(r))
            .ok();
    }
    None
}

/// Can `pdf-extract` interpret this page without harm? Every XObject it would draw must be a form
/// (it reads any other data as if it were a content stream), forms must not draw themselves, nesting
/// and the total decompressed content stay bounded.
fn safe_to_interpret(doc: &Document, id: ObjectId) -> bool {
    let Some(res) = resources(doc, id) else {
        return true;
    };
    let mut budget = MAX_PAGE_CONTENT;
    for c in doc.get_page_contents(id) {
        let Ok(s) = doc.get_object(c).and_then(Object::as_stream) else {
            continue;
        };
        let n = inflated_len(s, budget);
        if n > budget {
            return false;
        }
        budget -= n;
    }
    let mut path = HashSet::new();
    forms_ok(doc, res, &mut path, 0, &mut budget)
}

fn forms_ok(
    doc: &Document,
    res: &Dictionary,
    path: &mut HashSet<ObjectId>,
    depth: usize,
    budget: &mut usize,
) -> bool {
    if depth > MAX_FORM_DEPTH {
        return false;
    }
    for (_, dict, id) in xobjects(doc, res) {
        if !is_subtype(dict, b"Form") {
            // anything but a form (images were blanked) is read as a content stream by pdf-extract
            return false;
        }
        let Some(id) = id else { continue };
        if !path.insert(id) {
            return false; // a form that draws itself
        }
        let Ok(s) = doc.get_object(id).and_then(Object::as_stream) else {
            return false;
        };
        let n = inflated_len(s, *budget);
        if n > *budget {
            return false;
        }
        *budget -= n;
        let inner = s
            .dict
            .get(b"Resources")
            .and_then(|o| deref(doc, o))
            .and_then(Object::as_dict)
            .ok();
        if let Some(inner) = inner {
            if !forms_ok(doc, inner, path, depth + 1, budget) {
                return false;
            }
        }
        path.remove(&id);
    }
    true
}

/// How long a stream is once inflated, counted up to `limit` + 1 at most (a deflate bomb is never
/// inflated whole: the interpreter would, but only after this check).
fn inflated_len(s: &lopdf::Stream, limit: usize) -> usize {
    use std::io::Read;
    let flate = match s.dict.get(b"Filter") {
        Ok(Object::Name(n)) => n == b"FlateDecode",
        Ok(Object::Array(a)) => a
            .iter()
            .any(|f| f.as_name().is_ok_and(|n| n == b"FlateDecode")),
        _ => false,
    };
    if !flate {
        return s.content.len();
    }
    let mut sink = std::io::sink();
    let reader = flate2::read::ZlibDecoder::new(s.content.as_slice());
    std::io::copy(&mut reader.take(limit as u64 + 1), &mut sink)
        .map_or(s.content.len(), |n| n as usize)
}

/// Where the page draws images: the `cm` in force at each `Do` of an image XObject (top-down boxes).
fn images(doc: &Document, id: ObjectId, height: f32) -> Vec<Image> {
    let Some(res) = resources(doc, id) else {
        return Vec::new();
    };
    let names: HashSet<Vec<u8>> = xobjects(doc, res)
        .into_iter()
        .filter(|(_, d, _)| is_subtype(d, b"Image"))
        .map(|(n, _, _)| n)
        .collect();
    if names.is_empty() {
        return Vec::new();
    }
    let Ok(content) = doc.get_and_decode_page_content(id) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut ctm = [1.0f32, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut stack = Vec::new();
    for op in &content.operations {
        match op.operator.as_str() {
            "q" if stack.len() < 256 => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(ctm),
            "cm" => {
                let m: Vec<f32> = op.operands.iter().filter_map(number).collect();
                if m.len() == 6 {
                    ctm = [
                        m[0] * ctm[0] + m[1] * ctm[2],
                        m[0] * ctm[1] + m[1] * ctm[3],
                        m[2] * ctm[0] + m[3] * ctm[2],
                        m[2] * ctm[1] + m[3] * ctm[3],
                        m[4] * ctm[0] + m[5] * ctm[2] + ctm[4],
                        m[4] * ctm[1] + m[5] * ctm[3] + ctm[5],
                    ];
                }
            }
            "Do" => {
                let is_image = op
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .is_some_and(|n| names.contains(n));
                if is_image && out.len() < 1000 {
                    // the unit square through the matrix
                    let xs = [
                        ctm[4],
                        ctm[4] + ctm[0],
                        ctm[4] + ctm[2],
                        ctm[4] + ctm[0] + ctm[2],
                    ];
                    let ys = [
                        ctm[5],
                        ctm[5] + ctm[1],
                        ctm[5] + ctm[3],
                        ctm[5] + ctm[1] + ctm[3],
                    ];
                    let (x0, x1) = min_max(&xs);
                    let (y0, y1) = min_max(&ys);
                    out.push(Image {
                        x0,
                        x1,
                        top: height - y1,
                        bottom: height - y0,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

fn min_max(v: &[f32; 4]) -> (f32, f32) {
    v.iter()
        .fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), &x| {
            (a.min(x), b.max(x))
        })
}

/// What a glyph that stands for no known character is read as.
const UNKNOWN_GLYPH: &str = "\u{FFFD}";

/// Receives what `pdf-extract` draws.
struct Collector<'p> {
    page: &'p mut Page,
    height: f32,
    full: bool,
    /// Where the interpreter's pen stands after the last glyph (x, y), and how far the glyphs of this
    /// run are moved on for the widths estimated.
    pen: Option<(f32, f32, f32)>,
    /// The next glyph's character is not known to its font (told just before it is drawn).
    unmapped_next: bool,
    /// How many glyphs run each way.
    directions: &'p mut Directions,
}

impl Collector<'_> {
    fn point(&self, ctm: &Transform, x: f64, y: f64) -> (f32, f32) {
        let px = x * ctm.m11 + y * ctm.m21 + ctm.m31;
        let py = x * ctm.m12 + y * ctm.m22 + ctm.m32;
        (px as f32, self.height - py as f32)
    }

    fn segment(&mut self, a: (f32, f32), b: (f32, f32)) {
        if self.page.rules.len() >= MAX_RULES_PER_PAGE
            || !(a.0.is_finite() && a.1.is_finite() && b.0.is_finite() && b.1.is_finite())
        {
            return;
        }
        let (dx, dy) = ((a.0 - b.0).abs(), (a.1 - b.1).abs());
        if dy <= 1.0 && dx > 2.0 {
            self.page.rules.push(Rule::horizontal(
                (a.1 + b.1) / 2.0,
                a.0.min(b.0),
                a.0.max(b.0),
            ));
        } else if dx <= 1.0 && dy > 2.0 {
            self.page.rules.push(Rule::vertical(
                (a.0 + b.0) / 2.0,
                a.1.min(b.1),
                a.1.max(b.1),
            ));
        }
    }

    fn path(&mut self, ctm: &Transform, path: &Path, filled: bool) {
        let mut start = None;
        let mut at = None;
        // the rectangles of a filled path (top-down boxes), for the frames drawn as rings
        let mut boxes: Vec<[f32; 4]> = Vec::new();
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    let p = self.point(ctm, x, y);
                    start = Some(p);
                    at = Some(p);
                }
                PathOp::LineTo(x, y) => {
                    let p = self.point(ctm, x, y);
                    if let Some(a) = at {
                        if !filled {
                            self.segment(a, p);
                        }
                    }
                    at = Some(p);
                }
                PathOp::CurveTo(_, _, _, _, x, y) => at = Some(self.point(ctm, x, y)),
                PathOp::Rect(x, y, w, h) => {
                    let a = self.point(ctm, x, y);
                    let b = self.point(ctm, x + w, y + h);
                    let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
                    let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
                    if filled {
                        boxes.push([x0, y0, x1, y1]);
                        // a thin filled rectangle is a ruling line
                        if y1 - y0 <= 2.5 && x1 - x0 > 2.0 {
                            self.segment((x0, (y0 + y1) / 2.0), (x1, (y0 + y1) / 2.0));
                        } else if x1 - x0 <= 2.5 && y1 - y0 > 2.0 {
                            self.segment(((x0 + x1) / 2.0, y0), ((x0 + x1) / 2.0, y1));
                        }
                    } else {
                        self.segment((x0, y0), (x1, y0));
                        self.segment((x0, y1), (x1, y1));
                        self.segment((x0, y0), (x0, y1));
                        self.segment((x1, y0), (x1, y1));
                    }
                }
                PathOp::Close => {
                    if let (Some(a), Some(s)) = (at, start) {
                        if !filled {
                            self.segment(a, s);
                        }
                    }
                    at = start;
                }
            }
        }
        for [a, b] in ring_frames(&boxes) {
            self.segment((a[0], a[1]), (b[0], b[1]));
        }
    }
}

/// A frame drawn as a filled ring: a rectangle and another just inside it, filled together (the
/// even-odd rule leaves only the band between them: how WeasyPrint draws a table cell's borders).
/// Each pair of rectangles one right after the other, one inside the other by at most
/// [`RING_WIDTH`] on every side (and more than a hair on some), gives the four sides of the frame at
/// the middle of the band, as segments from corner to corner. A filled rectangle alone, or one far
/// inside another (a shape on a background), gives none.
fn ring_frames(boxes: &[[f32; 4]]) -> Vec<[[f32; 2]; 2]> {
    let mut out = Vec::new();
    for pair in boxes.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let (outer, inner) = if a[0] <= b[0] && a[1] <= b[1] {
            (a, b)
        } else {
            (b, a)
        };
        let margins = [
            inner[0] - outer[0],
            inner[1] - outer[1],
            outer[2] - inner[2],
            outer[3] - inner[3],
        ];
        let ring = margins.iter().all(|&m| (0.0..=RING_WIDTH).contains(&m))
            && margins.iter().any(|&m| m > 0.05)
            && inner[2] > inner[0]
            && inner[3] > inner[1];
        if !ring {
            continue;
        }
        let x0 = (outer[0] + inner[0]) / 2.0;
        let y0 = (outer[1] + inner[1]) / 2.0;
        let x1 = (outer[2] + inner[2]) / 2.0;
        let y1 = (outer[3] + inner[3]) / 2.0;
        out.push([[x0, y0], [x1, y0]]);
        out.push([[x0, y1], [x1, y1]]);
        out.push([[x0, y0], [x0, y1]]);
        out.push([[x1, y0], [x1, y1]]);
    }
    out
}

/// The widest band between the two rectangles of a ring still read as a frame's ruling lines
/// (points; a thick border is ~2 pt).
const RING_WIDTH: f32 = 2.5;

impl OutputDev for Collector<'_> {
    fn begin_page(
        &mut self,
        _: u32,
        _: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let unmapped = std::mem::take(&mut self.unmapped_next);
        if unmapped || !text.chars().all(char::is_whitespace) {
            self.page.drawn = self.page.drawn.saturating_add(1);
        }
        // a glyph drawn that stands for no character its font says (a CID font's glyph id without
        // ToUnicode) is kept as U+FFFD where it is drawn: a number with a digit in such a font is
        // not read as the number its other digits make
        let text = if unmapped && text.is_empty() {
            UNKNOWN_GLYPH
        } else {
            text
        };
        if self.page.glyphs.len() >= MAX_GLYPHS_PER_PAGE {
            self.full = true;
            return Ok(());
        }
        let scale_x = trm.m11.hypot(trm.m12);
        let scale_y = trm.m21.hypot(trm.m22);
        let size = (font_size.abs() * scale_y) as f32;
        let advance: f32 =
            ((width * font_size).abs() * scale_x + spacing.max(0.0) * scale_x) as f32;
        let (raw_x, y) = (trm.m31 as f32, self.height - trm.m32 as f32);
        // A font without widths for its glyphs (a CID font whose /W leaves them out and /DW is 0, as
        // Chrome writes for glyphs it did not measure) leaves the pen where it was: the glyphs of the
        // run would pile up at one place. Such glyphs are given an estimated advance, and the rest of the
        // run is moved on by what was estimated.
        let continuing = self
            .pen
            .filter(|p| (p.1 - y).abs() < 0.01 && (raw_x - p.0).abs() < 0.5);
        let mut shift = continuing.map_or(0.0, |p| p.2);
        let x = raw_x + shift;
        let mut advance = advance;
        let real = advance;
        if advance < 0.01 * size {
            let wide = text.chars().any(|c| c as u32 >= 0x2E80);
            advance = if wide { size } else { 0.6 * size };
            shift += advance;
        }
        self.pen = Some((raw_x + real, y, shift));
        if !(x.is_finite() && y.is_finite() && size.is_finite() && advance.is_finite())
            || size <= 0.0
        {
            return Ok(());
        }
        let chars: Vec<char> = text.chars().filter(|c| !c.is_control()).collect();
        if chars.is_empty() {
            return Ok(());
        }
        if let Some(q) = quarter_of(trm.m11, trm.m12) {
            if !chars.iter().all(|c| c.is_whitespace()) {
                self.directions[q] = self.directions[q].saturating_add(1);
            }
        }
        // a ligature or a glyph mapped to several characters: the advance shared among them
        let share = advance / chars.len() as f32;
        for (i, ch) in chars.into_iter().enumerate() {
            self.page.glyphs.push(Glyph {
                ch,
                x: x + share * i as f32,
                y,
                width: share,
                size,
            });
        }
        Ok(())
    }
    fn unmapped_glyph(&mut self, font: &str) -> Result<(), OutputError> {
        self.unmapped_next = true;
        let fonts = &mut self.page.unmapped;
        if let Some(f) = fonts.iter_mut().find(|f| f.0 == font) {
            f.1 = f.1.saturating_add(1);
        } else if fonts.len() < 64 {
            // (the fonts counted stay few whatever a page draws)
            fonts.push((font.to_string(), 1));
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn stroke(
        &mut self,
        ctm: &Transform,
        _: &ColorSpace,
        _: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.path(ctm, path, false);
        Ok(())
    }
    fn fill(
        &mut self,
        ctm: &Transform,
        _: &ColorSpace,
        _: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.path(ctm, path, true);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_baseline_counts_for_the_quarter_turn_it_runs_along() {
        assert_eq!(quarter_of(12.0, 0.0), Some(0));
        assert_eq!(quarter_of(0.0, 12.0), Some(1));
        assert_eq!(quarter_of(-12.0, 0.0), Some(2));
        assert_eq!(quarter_of(0.0, -12.0), Some(3));
        // a few degrees off (a scan's skew, rounding in the matrix) still counts
        assert_eq!(quarter_of(12.0, 0.5), Some(0));
        assert_eq!(quarter_of(-0.5, -12.0), Some(3));
        // a slanted stamp, a glyph of no size, a matrix gone wrong: no direction
        assert_eq!(quarter_of(10.0, 10.0), None);
        assert_eq!(quarter_of(0.0, 0.0), None);
        assert_eq!(quarter_of(f64::NAN, 1.0), None);
    }

    #[test]
    fn a_page_is_turned_the_way_most_of_its_text_runs() {
        // text drawn bottom to top (a landscape table on a portrait page): a quarter turn clockwise
        assert_eq!(upright_turn(&[3, 400, 0, 0]), Some(1));
        assert_eq!(upright_turn(&[0, 0, 0, 250]), Some(3));
        assert_eq!(upright_turn(&[0, 0, 90, 0]), Some(2));
        // upright text stays as it is, whatever else is drawn across it (a stamp, a header turned)
        assert_eq!(upright_turn(&[500, 40, 0, 20]), Some(0));
    }

    #[test]
    fn a_page_with_no_direction_holding_most_of_its_text_is_not_turned_by_it() {
        // no text (a scan): the page's /Rotate decides
        assert_eq!(upright_turn(&[0, 0, 0, 0]), None);
        // half and half: neither is most of the page
        assert_eq!(upright_turn(&[100, 100, 0, 0]), None);
        assert_eq!(upright_turn(&[40, 30, 0, 30]), None);
    }

    #[test]
    fn a_ring_of_two_rectangles_is_a_frame_at_the_middle_of_its_band() {
        // WeasyPrint: the cell's inner box, then the box around it 1 pt larger on every side
        let inner = [86.0, 723.0, 200.0, 743.0];
        let outer = [85.0, 722.0, 201.0, 744.0];
        let frame = ring_frames(&[inner, outer]);
        assert_eq!(
            frame,
            vec![
                [[85.5, 722.5], [200.5, 722.5]],
                [[85.5, 743.5], [200.5, 743.5]],
                [[85.5, 722.5], [85.5, 743.5]],
                [[200.5, 722.5], [200.5, 743.5]],
            ]
        );
        // the outer one first: the same frame
        assert_eq!(ring_frames(&[outer, inner]), frame);
    }

    #[test]
    fn filled_rectangles_that_are_no_ring_give_no_frame() {
        // one rectangle alone (a background, a bar)
        assert!(ring_frames(&[[85.0, 722.0, 201.0, 744.0]]).is_empty());
        // a shape far inside a background
        assert!(ring_frames(&[[0.0, 0.0, 300.0, 300.0], [20.0, 20.0, 280.0, 280.0]]).is_empty());
        // two boxes side by side, or overlapping without one inside the other
        assert!(ring_frames(&[[0.0, 0.0, 100.0, 20.0], [102.0, 0.0, 200.0, 20.0]]).is_empty());
        assert!(ring_frames(&[[0.0, 0.0, 100.0, 20.0], [1.0, 1.0, 101.0, 19.0]]).is_empty());
        // the same rectangle twice
        assert!(ring_frames(&[[0.0, 0.0, 100.0, 20.0], [0.0, 0.0, 100.0, 20.0]]).is_empty());
    }
}
