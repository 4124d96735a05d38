//! The fuzz targets of nianbao, as plain functions with their oracles.
//!
//! Each target takes an [`Arbitrary`] input and panics when an oracle fails. `cargo fuzz` runs them
//! (the binaries in `fuzz/fuzz_targets/` are one line each) and `cargo test` replays every stored
//! input of `fuzz/corpus/<target>/` through [`replay`] (`tests/tests/fuzz_corpus.rs`), so CI
//! exercises the targets and the regression inputs without cargo-fuzz.
//!
//! Inputs end with a [`Rest`]: the remaining bytes taken as they are, so a real report with a byte or
//! two in front is a meaningful seed (see `fuzz/seed.sh`).

use arbitrary::{Arbitrary, Unstructured};
use nianbao_core::format::{format as fmt, FormatOptions};
use nianbao_core::lines::Unit;
use nianbao_core::{Config, LineIndex, TextRange};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

mod lsp;
pub use lsp::{lsp, LspInput};

/// The targets, by name (the directory names under `fuzz/corpus/`).
pub const TARGETS: &[&str] = &["analyze", "format", "html", "docx", "lsp", "pdf"];

/// The remaining bytes of the input, taken as they are (a real report after a flags byte is a
/// meaningful input).
#[derive(Debug, Clone)]
pub struct Rest(pub Vec<u8>);

impl<'a> Arbitrary<'a> for Rest {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(Rest(<&[u8]>::arbitrary(u)?.to_vec()))
    }
    fn arbitrary_take_rest(u: Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(Rest(u.take_rest().to_vec()))
    }
}

impl Rest {
    pub fn lossy(&self) -> String {
        String::from_utf8_lossy(&self.0).into_owned()
    }
}

/// Run one stored input through a target, decoding it exactly as `fuzz_target!` does (an input
/// `arbitrary` rejects is skipped, as libFuzzer skips it). Returns false when it was skipped.
pub fn replay(target: &str, bytes: &[u8]) -> bool {
    fn run<'a, T: Arbitrary<'a>>(bytes: &'a [u8], f: impl Fn(&T)) -> bool {
        match T::arbitrary_take_rest(Unstructured::new(bytes)) {
            Ok(input) => {
                f(&input);
                true
            }
            Err(_) => false,
        }
    }
    match target {
        "analyze" => run(bytes, analyze),
        "format" => run(bytes, format),
        "html" => run(bytes, html),
        "docx" => run(bytes, docx),
        "lsp" => run(bytes, lsp),
        "pdf" => run(bytes, pdf),
        _ => panic!("unknown fuzz target {target}"),
    }
}

static PANICS: AtomicUsize = AtomicUsize::new(0);

/// Count every panic, also those the code under test catches (the formatter and the server turn a
/// panic into a warning or an error response; libFuzzer aborts on them, and so must the replay).
pub fn count_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICS.fetch_add(1, Ordering::SeqCst);
        previous(info);
    }));
}

/// Panics counted so far by the hook of [`count_panics`].
pub fn panics() -> usize {
    PANICS.load(Ordering::SeqCst)
}

fn template(flags: u8) -> Option<String> {
    match flags & 3 {
        1 => Some("2019".into()),
        2 => Some("2021".into()),
        _ => None,
    }
}

/// A range lies inside `text`, on character boundaries.
fn in_text(text: &str, r: TextRange) -> bool {
    let (s, e) = (usize::from(r.start()), usize::from(r.end()));
    s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
}

/// Every range of every diagnostic, related location and fix lies inside the text on character
/// boundaries; fixes apply. Returns the text with the first fix applied, if any.
fn check_analysis(text: &str, a: &nianbao_core::Analysis) -> Option<String> {
    let mut fixed = None;
    for d in &a.diagnostics {
        assert!(
            in_text(text, d.range),
            "diagnostic range outside the text: {d:?}"
        );
        assert!(!d.code.is_empty() && !d.message.is_empty(), "{d:?}");
        for r in &d.related {
            assert!(
                in_text(text, r.range),
                "related range outside the text: {d:?}"
            );
        }
        if let Some(f) = &d.fix {
            // every choice offered (the fix and its alternatives) stays in the text
            for c in f.choices() {
                for e in &c.edits {
                    assert!(in_text(text, e.range), "fix range outside the text: {d:?}");
                }
            }
            let t = nianbao_core::diagnostic::apply_edits(text, &f.edits);
            fixed.get_or_insert(t);
        }
    }
    fixed
}

/// `analyze`: any text (UTF-8 or decoded bytes, any template override) is analysed without a panic;
/// every range lies in the text on char boundaries; applying a fix gives text that analyses too;
/// export works on the report.
#[derive(Debug, Arbitrary)]
pub struct AnalyzeInput {
    /// bits 0-1: template override (auto, 2019, 2021); bit 2: bytes through `decode::decode`
    /// instead of lossy UTF-8; bit 3: apply the first fix and analyse again.
    pub flags: u8,
    pub text: Rest,
}

pub fn analyze(input: &AnalyzeInput) {
    let text = if input.flags & 4 != 0 {
        nianbao_core::decode::decode(&input.text.0).text
    } else {
        input.text.lossy()
    };
    let config = Config {
        template: template(input.flags),
        ..Config::default()
    };
    let a = nianbao_core::analyze(&text, &config);
    let fixed = check_analysis(&text, &a);
    let _ = nianbao_core::export::to_json(&a.report, &text, "fuzz");
    let _ = nianbao_core::export::to_csv(&a.report, &text, "fuzz");
    if input.flags & 8 != 0 {
        if let Some(t) = fixed {
            let b = nianbao_core::analyze(&t, &config);
            check_analysis(&t, &b);
        }
    }
}

/// `format`: idempotent; lossless — whitespace aside no character appears or vanishes (in place),
/// the export (every cell) is the same, the prose characters and the digits of the tables are the
/// same (the oracles of `crates/nianbao-core/tests/format.rs`).
#[derive(Debug, Arbitrary)]
pub struct FormatInput {
    /// bit 0: `--to markdown`; bits 1-2: template override; bit 3: CRLF line endings.
    pub flags: u8,
    pub text: Rest,
}

/// Report whitespace, which the formatter may add, drop or normalise.
fn is_ws(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{3000}' | '\u{a0}' | '\u{200b}' | '\u{feff}')
}

/// The export as formatting keeps it: every table and cell, the cells as written up to the width of
/// their digits (the formatter writes 「１２」 as 「12」), template, year and organ.
fn exported(text: &str, template: Option<&str>) -> serde_json::Value {
    let r = nianbao_core::parse::parse(text, template);
    nianbao_core::format::kept_export(&r, text)
}

/// Multisets of Han characters and digits (width-folded) outside the sections that hold a table,
/// and of the digits inside them.
type Counts = BTreeMap<char, usize>;
fn prose_chars(text: &str, template: Option<&str>) -> (Counts, Counts) {
    let r = nianbao_core::parse::parse(text, template);
    let tabled: Vec<(usize, usize)> = r
        .sections
        .iter()
        .filter(|s| r.tables.iter().any(|t| t.id == s.id))
        .map(|s| (usize::from(s.body.start()), usize::from(s.body.end())))
        .collect();
    let (mut prose, mut digits) = (BTreeMap::new(), BTreeMap::new());
    for (i, c) in text.char_indices() {
        let c = nianbao_core::norm::fold_width(c);
        let inside = tabled.iter().any(|&(a, b)| i >= a && i < b);
        if inside && c.is_ascii_digit() {
            *digits.entry(c).or_insert(0) += 1;
        } else if !inside && (c.is_ascii_digit() || nianbao_core::parse::is_han(c)) {
            *prose.entry(c).or_insert(0) += 1;
        }
    }
    (prose, digits)
}

pub fn format(input: &FormatInput) {
    let mut text = input.text.lossy();
    if input.flags & 8 != 0 {
        text = text.replace('\n', "\r\n");
    }
    let options = FormatOptions {
        to_markdown: input.flags & 1 != 0,
        template: template(input.flags >> 1),
    };
    let tpl = options.template.as_deref();
    let has_table = {
        let r = nianbao_core::parse::parse(&text, tpl);
        r.sections
            .iter()
            .any(|s| r.tables.iter().any(|t| t.id == s.id))
    };
    let once = fmt(&text, &options).text;
    let twice = fmt(&once, &options).text;
    assert!(
        twice == once,
        "not idempotent: {}",
        first_difference(&once, &twice)
    );
    let ((pa, da), (pb, db)) = (prose_chars(&text, tpl), prose_chars(&once, tpl));
    if !options.to_markdown && !has_table {
        // no table read: nothing but whitespace and Markdown heading marks may change (tables may
        // get the template's labels; a Markdown report's title and sections get `#`/`##`, and a heading
        // written in bold, 「## **六、其他需要报告的事项**」, loses its `**`)
        let strip = |s: &str| -> String {
            s.chars()
                .filter(|c| !is_ws(*c) && *c != '#' && *c != '*')
                .collect()
        };
        let (a, b) = (strip(&text), strip(&once));
        assert!(
            a == b,
            "characters other than whitespace changed: {}",
            first_difference(&a, &b)
        );
    }
    assert!(
        exported(&once, tpl) == exported(&text, tpl),
        "export differs: {}",
        first_difference(
            &exported(&text, tpl).to_string(),
            &exported(&once, tpl).to_string()
        )
    );
    assert_eq!(pa, pb, "prose characters differ");
    assert_eq!(da, db, "digits in table sections differ");
}

/// Where two strings first differ, with a little context (messages stay short on whole reports).
fn first_difference(a: &str, b: &str) -> String {
    let i = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i);
    let i = (0..=i)
        .rev()
        .find(|&k| a.is_char_boundary(k) && b.is_char_boundary(k))
        .unwrap_or(0);
    let ctx = |s: &str| -> String { s[i..].chars().take(60).collect() };
    let before: String = a[..i]
        .chars()
        .rev()
        .take(30)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("after {before:?}: {:?} vs {:?}", ctx(a), ctx(b))
}

/// A piece of an HTML page: tags of tables, paragraphs and lists, spans, entities, comments, text.
#[derive(Debug, Arbitrary)]
pub enum HtmlPiece {
    Open(u8),
    Close(u8),
    Cell {
        header: bool,
        rowspan: u8,
        colspan: u8,
    },
    Entity(u8),
    Text(String),
    Snippet(u8),
}

const TAGS: &[&str] = &[
    "table",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "p",
    "div",
    "br",
    "span",
    "b",
    "li",
    "ul",
    "h1",
    "h2",
    "script",
    "style",
    "pre",
    "html",
    "body",
    "meta charset=\"gbk\"",
    "!--",
    "colgroup",
];
const ENTITIES: &[&str] = &[
    "&nbsp;",
    "&amp;",
    "&lt;",
    "&gt;",
    "&#12288;",
    "&#x3000;",
    "&#0;",
    "&#xFFFFFF;",
    "&quot;",
    "&unknown;",
    "&",
    "&#;",
    "&#12345678901;",
    "&ensp;",
    "&emsp;",
];

/// Lines of real reports: headings, labels, values, table rows in several layouts.
pub const SNIPPETS: &[&str] = &[
    "一、总体情况\n",
    "二、主动公开政府信息情况\n",
    "三、收到和处理政府信息公开申请情况\n",
    "四、政府信息公开行政复议、行政诉讼情况\n",
    "五、存在的主要问题及改进情况\n",
    "六、其他需要报告的事项\n",
    "（一）主动公开\n",
    "本年新收政府信息公开申请数量\t12\n",
    "上年结转政府信息公开申请数量\t3\n",
    "（一）予以公开\t1\t2\t3\t0\t0\t0\t6\n",
    "| 结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n",
    "|---|---|---|\n",
    "四、结转下年度继续办理\n",
    "五、\n",
    "总计\t5\n",
    "0\n",
    "12",
    "１２",
    "\t",
    " |\n",
    "\u{3000}",
    "注：本表数据截至2024年12月31日。\n",
    "某某县人民政府办公室\n2025年1月20日\n",
    "2024年度某某县人民政府政府信息公开工作年度报告\n",
    "<!-- nianbao-disable NB206 -->\n",
    "<!-- nianbao-enable -->\n",
    "<!-- nianbao-disable-next-line NB401 -->\n",
    "<!-- nianbao-fmt-off -->\n",
    "<!-- nianbao-fmt-on -->\n",
    "```\n",
    "## ",
    "\r\n",
    "𠮷",
    "行政复议\t维持\t纠正\t其他\t未审结\t总计\n",
];

/// `html`: `analyze` on HTML-ish input keeps every range inside the source on char boundaries;
/// `html::extract` maps every range of the extracted text inside the source on char boundaries,
/// and a range it says an edit can be made at covers the same text in the source.
#[derive(Debug, Arbitrary)]
pub struct HtmlInput {
    /// bits 0-1: template override.
    pub flags: u8,
    pub pieces: Vec<HtmlPiece>,
    pub tail: Rest,
}

impl HtmlInput {
    pub fn source(&self) -> String {
        let mut s = String::new();
        for p in &self.pieces {
            match p {
                HtmlPiece::Open(t) => {
                    s.push('<');
                    s.push_str(TAGS[*t as usize % TAGS.len()]);
                    s.push('>');
                }
                HtmlPiece::Close(t) => {
                    let t = TAGS[*t as usize % TAGS.len()];
                    s.push_str("</");
                    s.push_str(t.split(' ').next().unwrap_or(t));
                    s.push('>');
                }
                HtmlPiece::Cell {
                    header,
                    rowspan,
                    colspan,
                } => {
                    let tag = if *header { "th" } else { "td" };
                    s.push_str(&format!(
                        "<{tag} rowspan=\"{}\" colspan={}>",
                        rowspan % 8,
                        // out of range spans too
                        if *colspan > 250 {
                            100000
                        } else {
                            (*colspan % 8) as u32
                        }
                    ));
                }
                HtmlPiece::Entity(e) => s.push_str(ENTITIES[*e as usize % ENTITIES.len()]),
                HtmlPiece::Text(t) => s.push_str(t),
                HtmlPiece::Snippet(i) => s.push_str(SNIPPETS[*i as usize % SNIPPETS.len()]),
            }
        }
        s.push_str(&self.tail.lossy());
        s
    }
}

pub fn html(input: &HtmlInput) {
    let src = input.source();
    let config = Config {
        template: template(input.flags),
        ..Config::default()
    };
    let a = nianbao_core::analyze(&src, &config);
    check_analysis(&src, &a);
    let ex = nianbao_core::html::extract(&src);
    let t = &ex.text;
    // char boundaries of the extracted text, at most ~64 of them spread over it
    let bounds: Vec<usize> = t
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(t.len()))
        .collect();
    let step = (bounds.len() / 64).max(1);
    let sample: Vec<usize> = bounds
        .iter()
        .copied()
        .step_by(step)
        .chain([t.len()])
        .collect();
    for (k, &s) in sample.iter().enumerate() {
        for &e in sample[k..].iter().take(8) {
            let r = TextRange::new((s as u32).into(), (e as u32).into());
            let m = ex.map.to_source(r);
            assert!(in_text(&src, m), "{r:?} maps to {m:?}, outside the source");
            if let Some(m) = ex.map.edit_to_source(r) {
                assert!(
                    in_text(&src, m),
                    "edit at {r:?} maps to {m:?}, outside the source"
                );
                if !m.is_empty() {
                    assert_eq!(
                        &src[m], &t[r],
                        "an edit at {r:?} would replace other text in the source ({m:?})"
                    );
                }
            }
        }
    }
}

/// `docx`: `docx::extract` on arbitrary bytes, or on zips of arbitrary entries (a
/// `word/document.xml` of WordprocessingML pieces among them), never panics; the text it gives
/// analyses with valid ranges.
#[derive(Debug, Arbitrary)]
pub enum DocxInput {
    /// Raw bytes (a damaged .docx, or anything).
    Bytes(Rest),
    /// A zip written from entries.
    Zip(Vec<ZipEntry>),
}

#[derive(Debug, Arbitrary)]
pub struct ZipEntry {
    pub name: u8,
    pub stored: bool,
    pub xml: Vec<XmlPiece>,
}

#[derive(Debug, Arbitrary)]
pub enum XmlPiece {
    Tag(u8),
    Text(String),
    Snippet(u8),
}

const ENTRY_NAMES: &[&str] = &[
    "word/document.xml",
    "[Content_Types].xml",
    "word/styles.xml",
    "word/",
    "../evil.xml",
];
const XML_TAGS: &[&str] = &[
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    "</w:document>",
    "<w:body>",
    "</w:body>",
    "<w:p>",
    "</w:p>",
    "<w:r>",
    "</w:r>",
    "<w:t>",
    "<w:t xml:space=\"preserve\">",
    "</w:t>",
    "<w:tab/>",
    "<w:br/>",
    "<w:cr/>",
    "<w:tbl>",
    "</w:tbl>",
    "<w:tr>",
    "</w:tr>",
    "<w:tc>",
    "</w:tc>",
    "<w:tcPr><w:vMerge/></w:tcPr>",
    "<w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>",
    "<w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr>",
    "&amp;",
    "&#12288;",
    "<![CDATA[",
    "]]>",
    "<?xml version=\"1.0\"?>",
    "<!-- c -->",
    "<",
];

impl DocxInput {
    pub fn bytes(&self) -> Vec<u8> {
        match self {
            DocxInput::Bytes(b) => b.0.clone(),
            DocxInput::Zip(entries) => {
                use std::io::Write;
                let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
                for e in entries.iter().take(8) {
                    let method = if e.stored {
                        zip::CompressionMethod::Stored
                    } else {
                        zip::CompressionMethod::Deflated
                    };
                    let opts = zip::write::SimpleFileOptions::default().compression_method(method);
                    let name = ENTRY_NAMES[e.name as usize % ENTRY_NAMES.len()];
                    if w.start_file(name, opts).is_err() {
                        continue; // a duplicate name
                    }
                    for p in &e.xml {
                        let s: &str = match p {
                            XmlPiece::Tag(t) => XML_TAGS[*t as usize % XML_TAGS.len()],
                            XmlPiece::Text(t) => t,
                            XmlPiece::Snippet(i) => SNIPPETS[*i as usize % SNIPPETS.len()],
                        };
                        w.write_all(s.as_bytes()).expect("write to memory");
                    }
                }
                w.finish().expect("finish a zip in memory").into_inner()
            }
        }
    }
}

pub fn docx(input: &DocxInput) {
    let bytes = input.bytes();
    let _ = nianbao_core::docx::is_zip(&bytes);
    if let Ok(text) = nianbao_core::docx::extract(&bytes) {
        let a = nianbao_core::analyze(&text, &Config::default());
        check_analysis(&text, &a);
    }
    // the CLI decodes what is not a zip
    let d = nianbao_core::decode::decode(&bytes);
    let _ = nianbao_core::docx::from_xml(&d.text);
}

/// LSP positions of a byte range in `text` (UTF-16, UTF-8 or UTF-32 units), as the server gives them.
pub(crate) fn lsp_range(text: &str, index: &LineIndex, r: TextRange, unit: Unit) -> [u32; 4] {
    let (l0, c0) = index.position(text, r.start(), unit);
    let (l1, c1) = index.position(text, r.end(), unit);
    [l0, c0, l1, c1]
}

/// `pdf`: a PDF reader fed raw bytes, or a well-formed one-page PDF around fuzzed pieces (its content
/// stream, a CID font's /W array and ToUnicode map, a form drawing forms), never panics out of
/// `pdf::read` (panics of the content interpreter it uses are caught there, by design), reads the
/// same pages as its plain reference (`reader::read_each_page_afresh`), and what it reads maps to the
/// text and analyses with valid ranges.
#[derive(Debug, Arbitrary)]
pub enum PdfInput {
    /// Raw bytes (a damaged PDF, or anything).
    Bytes(Rest),
    /// A one-page PDF whose pieces are fuzzed.
    Page {
        content: Vec<u8>,
        widths: String,
        to_unicode: Vec<u8>,
        form: Vec<u8>,
        self_drawing: bool,
    },
}

impl PdfInput {
    pub fn bytes(&self) -> Vec<u8> {
        match self {
            PdfInput::Bytes(r) => r.0.clone(),
            PdfInput::Page {
                content,
                widths,
                to_unicode,
                form,
                self_drawing,
            } => {
                let stream = |dict: &str, data: &[u8]| {
                    let mut v = format!("<<{dict}/Length {}>>stream\n", data.len()).into_bytes();
                    v.extend_from_slice(data);
                    v.extend_from_slice(b"\nendstream");
                    v
                };
                let form_res = if *self_drawing {
                    "/Resources<</XObject<</X 7 0 R>>>>"
                } else {
                    ""
                };
                let objects: Vec<Vec<u8>> = vec![
                    b"<</Type/Catalog/Pages 2 0 R>>".to_vec(),
                    b"<</Type/Pages/Kids[3 0 R]/Count 1>>".to_vec(),
                    b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R>>/XObject<</X 7 0 R>>>>/Contents 4 0 R>>".to_vec(),
                    stream("", content),
                    b"<</Type/Font/Subtype/Type0/BaseFont/F/Encoding/Identity-H/DescendantFonts[6 0 R]/ToUnicode 8 0 R>>".to_vec(),
                    format!("<</Type/Font/Subtype/CIDFontType2/BaseFont/F/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/DW 1000/W[{widths}]>>").into_bytes(),
                    stream(&format!("/Type/XObject/Subtype/Form/BBox[0 0 100 100]{form_res}"), form),
                    stream("", to_unicode),
                ];
                let mut out = b"%PDF-1.4\n".to_vec();
                let mut offsets = Vec::new();
                for (i, o) in objects.iter().enumerate() {
                    offsets.push(out.len());
                    out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
                    out.extend_from_slice(o);
                    out.extend_from_slice(b"\nendobj\n");
                }
                let xref = out.len();
                out.extend_from_slice(
                    format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
                );
                for o in offsets {
                    out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
                }
                out.extend_from_slice(
                    format!(
                        "trailer\n<</Size {}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n",
                        objects.len() + 1
                    )
                    .as_bytes(),
                );
                out
            }
        }
    }
}

pub fn pdf(input: &PdfInput) {
    let bytes = input.bytes();
    // fonts read once per document: the same pages as the plain reading, fonts read on every page
    assert_eq!(
        nianbao_core::pdf::reader::read(&bytes),
        nianbao_core::pdf::reader::read_each_page_afresh(&bytes),
        "fonts read once read otherwise"
    );
    let Ok(laid) = nianbao_core::pdf::read(&bytes) else {
        return;
    };
    let text = &laid.text;
    let mut last = 0u32;
    for s in &laid.map.spans {
        assert!(s.offset >= last, "spans out of order");
        last = s.offset;
        assert!((s.offset as usize) < text.len() && text.is_char_boundary(s.offset as usize));
        assert!(
            s.page >= 1 && s.page as usize <= laid.pages,
            "page {} of {}",
            s.page,
            laid.pages
        );
    }
    let source = nianbao_core::Source::from_pdf(laid.clone());
    let a = nianbao_core::analyze_source(
        &source,
        &Config::default(),
        &nianbao_core::Context::default(),
    );
    check_analysis(&source.text, &a);
    assert!(
        a.diagnostics.iter().all(|d| d.fix.is_none()),
        "a fix offered for a PDF"
    );
}
