//! PDFs made the way authors make them (`tests/corpus/pdf/make.py`: Word through LibreOffice, a web
//! page through Chromium, a table pasted as a picture, a scan, a broken and an encrypted file) read as
//! the reports they render: every table cell equal to the seed's expected export, the same
//! diagnostics as the document they were made from, each on the page where its text is printed.

use nianbao_core::pdf::{self, PdfError};
use nianbao_core::source::{Kind, Source, SourceError};
use nianbao_core::{analyze_source, export, parse_source, Config, Context};
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/pdf")
}

fn source(name: &str) -> Source<'static> {
    let bytes = std::fs::read(dir().join(name)).unwrap();
    let kind = Kind::from_extension(name.rsplit('.').next().unwrap());
    Source::read(bytes, kind).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn seed(name: &str) -> &str {
    name.split('.').next().unwrap()
}

/// The tables of the export (what `nianbao export` prints for them).
fn tables(s: &Source) -> serde_json::Value {
    let r = parse_source(s, None);
    export::to_json(&r, &s.text, "x")["tables"].clone()
}

fn expected_tables(name: &str) -> serde_json::Value {
    let path = dir().join(format!("../expected/{}.export.json", seed(name)));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["tables"].clone()
}

/// (code, message) of every diagnostic.
fn diagnostics(s: &Source) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = analyze_source(s, &Config::default(), &Context::default())
        .diagnostics
        .into_iter()
        .map(|d| (d.code.to_string(), d.message))
        .collect();
    v.sort();
    v
}

/// The PDFs of documents with text, and the document each was made from.
const RENDERED: &[(&str, &str)] = &[
    (
        "001_7e69af88cfc75a8c.word.pdf",
        "src/001_7e69af88cfc75a8c.docx",
    ),
    (
        "003_1b7c73a738c3b718.word.pdf",
        "src/003_1b7c73a738c3b718.docx",
    ),
    (
        "003_1b7c73a738c3b718.word-plain.pdf",
        "src/003_1b7c73a738c3b718.docx",
    ),
    (
        "001_7e69af88cfc75a8c.chrome.pdf",
        "src/001_7e69af88cfc75a8c.html",
    ),
];

#[test]
fn every_cell_of_every_table_is_read() {
    for (pdf, _) in RENDERED {
        let s = source(pdf);
        assert_eq!(s.kind, Kind::Pdf);
        assert_eq!(tables(&s), expected_tables(pdf), "{pdf}:\n{}", s.text);
    }
}

#[test]
fn the_same_diagnostics_as_the_document_it_was_made_from() {
    for (pdf, from) in RENDERED {
        let s = source(pdf);
        let want = diagnostics(&source(from));
        assert_eq!(diagnostics(&s), want, "{pdf} (from {from}):\n{}", s.text);
        // no fix is offered for a PDF
        let a = analyze_source(&s, &Config::default(), &Context::default());
        assert!(a.diagnostics.iter().all(|d| d.fix.is_none()), "{pdf}");
    }
}

/// The page each diagnostic is located on. The pages where the sections are printed were read
/// independently, with `pdftotext -f N -l N` of each page: 001 (Word) 一 and 二 (with its unit cells, NB205) on page 1, 四 on page 3
/// with its values row on page 4, 六 on page 4; 001 (Chromium) 一 and 二 on 1, 四 and 六 on 3; 003 (Word, no borders) 一 on 1, 四 and 六
/// on 4.
#[test]
fn diagnostics_are_located_on_their_page() {
    let cases: &[(&str, &[(&str, u32)])] = &[
        (
            "001_7e69af88cfc75a8c.word.pdf",
            &[("NB104", 1), ("NB205", 1), ("NB304", 4)],
        ),
        (
            "001_7e69af88cfc75a8c.chrome.pdf",
            &[("NB104", 1), ("NB205", 1), ("NB304", 3)],
        ),
        (
            "003_1b7c73a738c3b718.word-plain.pdf",
            &[("NB501", 4), ("NB505", 1)],
        ),
    ];
    for (pdf, want) in cases {
        let s = source(pdf);
        let a = analyze_source(&s, &Config::default(), &Context::default());
        for (code, page) in *want {
            let d = a
                .diagnostics
                .iter()
                .find(|d| d.code == *code)
                .unwrap_or_else(|| panic!("{pdf}: no {code}"));
            assert_eq!(
                s.page(d.range.start()),
                Some(*page),
                "{pdf} {code}: {}",
                d.message
            );
        }
    }
}

#[test]
fn a_table_over_a_page_break_is_read_whole() {
    // LibreOffice breaks table 三 of this document between pages, inside a row's label
    let s = source("003_1b7c73a738c3b718.word-plain.pdf");
    let first = s.text.find("一、本年新收").unwrap();
    let last = s.text.find("（七）总计").unwrap();
    let (p1, p2) = (
        s.page((first as u32).into()).unwrap(),
        s.page((last as u32).into()).unwrap(),
    );
    assert!(p2 > p1, "table 三 on pages {p1}..{p2}");
    assert!(
        s.text
            .contains("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
        "the label cut by the page break is joined:\n{}",
        s.text
    );
}

#[test]
fn a_table_pasted_as_a_picture_is_said_once() {
    let s = source("003_1b7c73a738c3b718.image-table.pdf");
    let d = diagnostics(&s);
    let nb210: Vec<&(String, String)> = d.iter().filter(|(c, _)| c == "NB210").collect();
    assert_eq!(nb210.len(), 1, "{d:#?}");
    assert!(
        nb210[0].1.starts_with("表三为图片，无法检查"),
        "{}",
        nb210[0].1
    );
    // nothing else about that table; the other tables read in full
    assert!(
        !d.iter()
            .any(|(c, _)| c.starts_with("NB2") && c != "NB210" || c.starts_with("NB3")),
        "{d:#?}"
    );
    let t = tables(&s);
    let want = expected_tables("003_1b7c73a738c3b718");
    assert_eq!(t["active"], want["active"]);
    assert_eq!(t["review_litigation"], want["review_litigation"]);
}

#[test]
fn a_scan_is_one_diagnostic() {
    let s = source("003_1b7c73a738c3b718.scanned.pdf");
    let d = diagnostics(&s);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].0, "NB210");
    assert!(d[0].1.contains("扫描件"), "{}", d[0].1);
}

/// Fonts without ToUnicode (`tests/corpus/pdf/strip_tounicode.py`): CID fonts whose codes are glyph
/// ids (Chromium's), Type 1 subsets with their builtin encoding and TrueType without an encoding
/// (LibreOffice's). One diagnostic that says so, naming the fonts and the share of the glyphs; nothing
/// about missing sections or tables.
#[test]
fn a_pdf_whose_fonts_map_no_characters_is_one_diagnostic() {
    for (pdf, font) in [
        (
            "001_7e69af88cfc75a8c.chrome.no-tounicode.pdf",
            "WenQuanYiZenHei",
        ),
        (
            "001_7e69af88cfc75a8c.word.no-tounicode.pdf",
            "NotoSerifCJKjp-Regular-VKana",
        ),
    ] {
        let s = source(pdf);
        assert!(pdf::is_unextractable(&s.text), "{pdf}:\n{}", s.text);
        let d = diagnostics(&s);
        assert_eq!(d.len(), 1, "{pdf}: {d:#?}");
        assert_eq!(d[0].0, "NB109");
        assert!(
            d[0].1.contains(font) && d[0].1.contains("100%"),
            "{}",
            d[0].1
        );
        assert!(!d[0].1.contains('+'), "subset prefix kept: {}", d[0].1);
        // nothing is exported as read
        let t = tables(&s);
        assert!(
            t.as_object()
                .is_none_or(|o| o.values().all(|v| v.is_null())),
            "{t}"
        );
    }
}

/// Every value of `got` is null or the one `want` has there (no value invented).
fn null_or_equal(got: &serde_json::Value, want: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (got, want) {
        (Value::Null, _) => true,
        (Value::Object(g), Value::Object(w)) => g
            .iter()
            .all(|(k, v)| k == "confidence" || w.get(k).is_some_and(|w| null_or_equal(v, w))),
        (Value::Array(g), Value::Array(w)) => {
            g.len() == w.len() && g.iter().zip(w).all(|(g, w)| null_or_equal(g, w))
        }
        (g, w) => g == w,
    }
}

/// Ghostscript's `/ebook` re-distilling of a Chromium PDF: ToUnicode maps that give wrong characters
/// (Latin letters inside Chinese words). One NB109 with an example, not a cascade of errors about
/// headings and tables read wrong.
#[test]
fn a_pdf_whose_character_maps_are_wrong_is_one_diagnostic() {
    let s = source("001_7e69af88cfc75a8c.chrome.gs-ebook.pdf");
    let d = diagnostics(&s);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].0, "NB109");
    assert!(d[0].1.contains("ToUnicode 映射有误"), "{}", d[0].1);
}

/// One font without ToUnicode among readable ones (the one that draws the fewest glyphs: Chromium's
/// Latin font, some digits and the items' 「1.」): the document is read, no NB109 and no section lost.
/// Its glyphs are read as unknown (U+FFFD), never left out: table 二, whose 「231项」 has two of its
/// digits in that font, is not read as 「1项」 (its values are refused, one NB201), the others whole.
#[test]
fn one_font_without_a_map_among_readable_ones_is_still_read() {
    let s = source("001_7e69af88cfc75a8c.chrome.one-font-garbled.pdf");
    assert!(!pdf::is_unextractable(&s.text));
    assert!(s.text.contains('\u{FFFD}'));
    let d = diagnostics(&s);
    assert!(
        !d.iter()
            .any(|(c, _)| matches!(c.as_str(), "NB109" | "NB101" | "NB106" | "NB202")),
        "{d:#?}"
    );
    let want = expected_tables("001_7e69af88cfc75a8c");
    let t = tables(&s);
    assert!(
        null_or_equal(&t["active"], &want["active"]),
        "{}",
        t["active"]
    );
    for table in ["applications", "review_litigation"] {
        assert_eq!(t[table], want[table], "{table}:\n{}", s.text);
    }
}

#[test]
fn broken_and_encrypted_files_are_errors_that_say_so() {
    let read = |n: &str| Source::read(std::fs::read(dir().join(n)).unwrap(), Some(Kind::Pdf));
    match read("broken.pdf") {
        Err(SourceError::Pdf(PdfError::Damaged(_))) => {}
        other => panic!("broken.pdf: {other:?}"),
    }
    let e = read("encrypted.pdf").unwrap_err();
    assert_eq!(e, SourceError::Pdf(PdfError::Encrypted));
    assert!(e.to_string().contains("已加密"), "{e}");
}

#[test]
fn hostile_bytes_are_an_error_or_a_reading_never_a_panic() {
    let whole = std::fs::read(dir().join("001_7e69af88cfc75a8c.word.pdf")).unwrap();
    // cut anywhere, bytes flipped: the reader answers
    for cut in [
        10,
        100,
        1000,
        whole.len() / 3,
        whole.len() / 2,
        whole.len() - 10,
    ] {
        let _ = pdf::read(&whole[..cut]);
    }
    let mut flipped = whole.clone();
    for i in (200..flipped.len()).step_by(997) {
        flipped[i] ^= 0x5A;
    }
    let _ = pdf::read(&flipped);
    // a form that draws itself (endless recursion in the interpreter) is refused, not followed
    let selfish = with_xref(&[
        "<</Type/Catalog/Pages 2 0 R>>",
        "<</Type/Pages/Kids[3 0 R]/Count 1>>",
        "<</Type/Page/Parent 2 0 R/MediaBox[0 0 100 100]/Resources<</XObject<</X 4 0 R>>>>/Contents 5 0 R>>",
        "<</Type/XObject/Subtype/Form/BBox[0 0 1 1]/Resources<</XObject<</X 4 0 R>>>>/Length 5>>stream\n/X Do\nendstream",
        "<</Length 5>>stream\n/X Do\nendstream",
    ]);
    // a deflate bomb in a page's content is measured without being inflated whole, and refused
    let zeros = vec![b' '; 33 * 1024 * 1024];
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut z, &zeros).unwrap();
    let bomb = z.finish().unwrap();
    let mut content = format!("<</Length {}/Filter/FlateDecode>>stream\n", bomb.len()).into_bytes();
    content.extend_from_slice(&bomb);
    content.extend_from_slice(b"\nendstream");
    let page = with_xref_bytes(&[
        b"<</Type/Catalog/Pages 2 0 R>>".to_vec(),
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>".to_vec(),
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 100 100]/Resources<<>>/Contents 4 0 R>>".to_vec(),
        content,
    ]);
    let laid = pdf::read(&page).expect("a page that cannot be read");
    assert_eq!(laid.text, format!("{}\n", pdf::IMAGE_MARK));
    // (followed, it would overflow the stack and abort this test process): a page that cannot be read
    let laid = pdf::read(&selfish).expect("a page that cannot be read");
    assert_eq!(laid.text, format!("{}\n", pdf::IMAGE_MARK));
}

#[test]
fn turned_pages_are_read_as_shown() {
    // text drawn turned on a page that /Rotate turns back upright (a landscape table on a portrait
    // page, a scan fed sideways); the order of the lines is that of pdftotext on the same files
    let page = |rotate: u32, content: &str| {
        with_xref(&[
            "<</Type/Catalog/Pages 2 0 R>>",
            "<</Type/Pages/Kids[3 0 R]/Count 1>>",
            &format!("<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Rotate {rotate}/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>"),
            &format!("<</Length {}>>stream\n{content}\nendstream", content.len()),
            "<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
        ])
    };
    let line =
        |m: &str, x: u32, y: u32, t: &str| format!("BT /F1 12 Tf {m} {x} {y} Tm ({t}) Tj ET ");
    let cases = [
        (
            90,
            line("0 1 -1 0", 100, 100, "Line one") + &line("0 1 -1 0", 120, 100, "Line two"),
            "Line one\nLine two\n",
        ),
        (
            180,
            line("-1 0 0 -1", 500, 700, "Line one") + &line("-1 0 0 -1", 500, 680, "Line two"),
            "Line two\nLine one\n",
        ),
        (
            270,
            line("0 -1 1 0", 500, 700, "Line one") + &line("0 -1 1 0", 480, 700, "Line two"),
            "Line one\nLine two\n",
        ),
        (
            0,
            line("1 0 0 1", 100, 700, "Line one") + &line("1 0 0 1", 100, 680, "Line two"),
            "Line one\nLine two\n",
        ),
    ];
    for (rotate, content, want) in cases {
        let laid = pdf::read(&page(rotate, &content)).unwrap();
        assert_eq!(laid.text, want, "/Rotate {rotate}");
    }
}

#[test]
fn fonts_read_once_per_document_read_as_fonts_read_on_every_page() {
    // every test PDF: the same pages, glyph for glyph, or the same error (the fuzz target `pdf`
    // compares them on every input it makes too)
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    let mut read = 0;
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let once = pdf::reader::read(&bytes);
        assert_eq!(once, pdf::reader::read_each_page_afresh(&bytes), "{f:?}");
        read += usize::from(once.is_ok_and(|p| p.iter().any(|p| !p.glyphs.is_empty())));
    }
    assert!(read >= 5, "only {read} files with text");
}

#[test]
fn a_font_name_means_the_font_of_the_resources_where_it_is_used() {
    // `/F1` names one font on page 1 and another on page 2 and in a form drawn on page 1: each glyph
    // is read through the font its own resources name (the fonts are kept by object, not by name)
    let cmap = |code: &str, to: &str| {
        let c = format!("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def 1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <{code}> <{to}> endbfchar endcmap CMapName currentdict /CMap defineresource pop end end");
        format!("<</Length {}>>stream\n{c}\nendstream", c.len())
    };
    let stream = |c: &str| format!("<</Length {}>>stream\n{c}\nendstream", c.len());
    let pdf = with_xref(&[
        "<</Type/Catalog/Pages 2 0 R>>",
        "<</Type/Pages/Kids[3 0 R 4 0 R]/Count 2>>",
        "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 7 0 R>>/XObject<</X 11 0 R>>>>/Contents 5 0 R>>",
        "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 8 0 R>>>>/Contents 6 0 R>>",
        &stream("BT /F1 12 Tf 100 700 Td (A) Tj ET /X Do"),
        &stream("BT /F1 12 Tf 100 700 Td (A) Tj ET"),
        "<</Type/Font/Subtype/Type1/BaseFont/Helvetica/ToUnicode 9 0 R>>",
        "<</Type/Font/Subtype/Type1/BaseFont/Helvetica/ToUnicode 10 0 R>>",
        &cmap("41", "7532"),
        &cmap("41", "4E59"),
        &format!(
            "<</Type/XObject/Subtype/Form/BBox[0 0 595 842]/Resources<</Font<</F1 8 0 R>>>>/Length 33>>stream\n{}\nendstream",
            "BT /F1 12 Tf 100 600 Td (A) Tj ET"
        ),
    ]);
    let pages = pdf::reader::read(&pdf).unwrap();
    let chars = |p: &pdf::Page| p.glyphs.iter().map(|g| g.ch).collect::<String>();
    assert_eq!(chars(&pages[0]), "甲乙");
    assert_eq!(chars(&pages[1]), "乙");
    assert_eq!(pages, pdf::reader::read_each_page_afresh(&pdf).unwrap());
}

#[test]
fn a_width_given_to_a_range_of_cids_moves_the_pen_by_it() {
    // Chromium writes a CID font's widths as `c_first c_last w` ranges: the glyphs "123" of one
    // string, each 500/1000 of the 10-point size wide, stand 5 points apart, not at the default width
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def 1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0001> <0003> <0031> endbfrange endcmap CMapName currentdict /CMap defineresource pop end end";
    let content = "BT /F1 10 Tf 100 700 Td <000100020003> Tj ET";
    let pdf = with_xref(&[
        "<</Type/Catalog/Pages 2 0 R>>",
        "<</Type/Pages/Kids[3 0 R]/Count 1>>",
        "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>",
        &format!("<</Length {}>>stream\n{content}\nendstream", content.len()),
        "<</Type/Font/Subtype/Type0/BaseFont/X/Encoding/Identity-H/DescendantFonts[6 0 R]/ToUnicode 8 0 R>>",
        "<</Type/Font/Subtype/CIDFontType2/BaseFont/X/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor 7 0 R/DW 1000/W[1 3 500]>>",
        "<</Type/FontDescriptor/FontName/X/Flags 4/FontBBox[0 0 1000 1000]/ItalicAngle 0/Ascent 900/Descent -100/CapHeight 700/StemV 80>>",
        &format!("<</Length {}>>stream\n{cmap}\nendstream", cmap.len()),
    ]);
    let pages = pdf::reader::read(&pdf).unwrap();
    let at: Vec<(char, f32, f32)> = pages[0]
        .glyphs
        .iter()
        .map(|g| (g.ch, g.x, g.width))
        .collect();
    assert_eq!(
        at,
        vec![('1', 100.0, 5.0), ('2', 105.0, 5.0), ('3', 110.0, 5.0)]
    );
}

#[test]
fn more_fonts_than_are_kept_read_the_same() {
    // 600 fonts on one page, the first used again at the end: past the fonts kept (512) the
    // interpreter starts its table again and reads them anew, the same glyphs
    let n = 600;
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def 1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <41> <7532> endbfchar endcmap CMapName currentdict /CMap defineresource pop end end";
    let names: String = (0..n).map(|i| format!("/F{i} {} 0 R", 6 + i)).collect();
    let mut content: String = (0..n)
        .map(|i| {
            format!(
                "BT /F{i} 10 Tf {} {} Td (A) Tj ET\n",
                20 + (i % 50) * 11,
                800 - (i / 50) * 20
            )
        })
        .collect();
    content.push_str("BT /F0 10 Tf 20 500 Td (A) Tj ET");
    let mut objects = vec![
        "<</Type/Catalog/Pages 2 0 R>>".to_string(),
        "<</Type/Pages/Kids[3 0 R]/Count 1>>".to_string(),
        format!("<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<<{names}>>>>/Contents 4 0 R>>"),
        format!("<</Length {}>>stream\n{content}\nendstream", content.len()),
        format!("<</Length {}>>stream\n{cmap}\nendstream", cmap.len()),
    ];
    for _ in 0..n {
        objects.push("<</Type/Font/Subtype/Type1/BaseFont/Helvetica/ToUnicode 5 0 R>>".to_string());
    }
    let pdf = with_xref(&objects.iter().map(String::as_str).collect::<Vec<_>>());
    let pages = pdf::reader::read(&pdf).unwrap();
    assert_eq!(pages[0].glyphs.len(), n + 1);
    assert!(pages[0].glyphs.iter().all(|g| g.ch == '甲'));
    assert_eq!(pages, pdf::reader::read_each_page_afresh(&pdf).unwrap());
}

/// A PDF of these objects (numbered from 1, the first the catalog) with a correct cross-reference table.
fn with_xref(objects: &[&str]) -> Vec<u8> {
    with_xref_bytes(
        &objects
            .iter()
            .map(|o| o.as_bytes().to_vec())
            .collect::<Vec<_>>(),
    )
}

fn with_xref_bytes(objects: &[Vec<u8>]) -> Vec<u8> {
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

/// The rows of a table drawn with ruling lines are marked as such (so a failing identity there is the
/// report's, and no other reader is asked); a table without borders is not.
#[test]
fn rows_drawn_with_ruling_lines_are_marked() {
    let ruled = source("001_7e69af88cfc75a8c.word.pdf");
    let nb304: Vec<_> = analyze_source(&ruled, &Config::default(), &Context::default())
        .diagnostics
        .into_iter()
        .filter(|d| d.code == "NB304")
        .collect();
    assert!(!nb304.is_empty(), "seed 001's broken identity is found");
    for d in &nb304 {
        assert!(ruled.in_ruled_row(d.range.start()), "{}", d.message);
    }
    let plain = source("003_1b7c73a738c3b718.word-plain.pdf");
    let text: &str = &plain.text;
    let at = text.find("自然人").expect("table 三's header") as u32;
    assert!(!plain.in_ruled_row(at.into()));
    assert!((0..text.len() as u32)
        .step_by(7)
        .all(|o| !plain.in_ruled_row(o.into())));
}

#[test]
fn text_shown_with_the_next_line_operators_goes_on_the_next_line() {
    // Ghostscript's pdfwrite writes a paragraph's lines as `(…) '` (next line, then show) and
    // `aw ac (…) "` (word and character spacing too): each line a leading (TL 14) below the last
    let page = |content: &str| {
        with_xref(&[
            "<</Type/Catalog/Pages 2 0 R>>",
            "<</Type/Pages/Kids[3 0 R]/Count 1>>",
            "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>",
            &format!("<</Length {}>>stream\n{content}\nendstream", content.len()),
            "<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
        ])
    };
    let content =
        "BT /F1 12 Tf 14 TL 100 700 Td (Line one) Tj (Line two) ' 0 3 (Line three) \" (Ab) ' 0 0 (Ab) \" ET";
    let pages = pdf::reader::read(&page(content)).unwrap();
    let laid = pdf::from_pages(&pages);
    assert_eq!(laid.text, "Line one\nLine two\nLine three\nAb\nAb\n");
    let first = |line: usize| {
        let y = 842.0 - 700.0 + 14.0 * line as f32;
        let at: Vec<&pdf::Glyph> = pages[0]
            .glyphs
            .iter()
            .filter(|g| (g.y - y).abs() < 0.01)
            .collect();
        (at[0].x, at[1].x - at[0].x)
    };
    assert_eq!(first(0).0, 100.0);
    assert_eq!(first(2).0, 100.0);
    // `"` sets the character spacing it is given: 3 points between the glyphs of 「Line three」 and of
    // the `'` line after it (the spacing stays), none after `0 0 … "`
    let (_, wide) = first(3);
    let (_, narrow) = first(4);
    assert!((wide - narrow - 3.0).abs() < 0.01, "{wide} {narrow}");
    // a `"` whose spacings are not numbers shows its text on the next line all the same, and a `'`
    // without a string only moves to the next line
    let odd = "BT /F1 12 Tf 14 TL 100 700 Td (One) Tj /A /B (Two) \" ' (Three) ' ET";
    let pages = pdf::reader::read(&page(odd)).unwrap();
    let starts: Vec<(char, f32)> = pages[0]
        .glyphs
        .iter()
        .filter(|g| g.ch.is_uppercase())
        .map(|g| (g.ch, g.y))
        .collect();
    assert_eq!(starts, vec![('O', 142.0), ('T', 156.0), ('T', 184.0)]);
}
