//! Web pages as sites publish them: the report's page inside a page laid out with tables reads as
//! the report alone does (same tables, same diagnostics).

use nianbao_core::{analyze, export, parse_any, Config};

/// The HTML pages of `tests/corpus/derived` (the seeds as web pages).
fn pages() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/derived");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.to_string_lossy().ends_with(".html") && !p.to_string_lossy().contains(".gbk.")
        })
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    v.sort();
    v
}

/// The page's body put in the content cell of a layout table, with a banner, a menu (a table of its
/// own) and a footer around it, as many government sites' pages are built.
fn in_layout_table(page: &str) -> String {
    let b = page.find("<body>").unwrap() + "<body>".len();
    let e = page.rfind("</body>").unwrap();
    format!(
        "{}<table width=\"100%\"><tr><td colspan=\"2\">县人民政府门户网站</td></tr>\
         <tr><td width=\"180\"><table><tr><td><a href=\"/\">首页</a></td></tr>\
         <tr><td><a href=\"/zwgk\">政务公开</a></td></tr></table></td><td>{}</td></tr>\
         <tr><td colspan=\"2\">主办单位：县人民政府办公室</td></tr></table>{}",
        &page[..b],
        &page[b..e],
        &page[e..]
    )
}

fn tables(html: &str) -> serde_json::Value {
    let report = parse_any(html, None);
    export::to_json(&report, html, "page.html")["tables"].clone()
}

fn codes(html: &str) -> Vec<String> {
    let mut v: Vec<String> = analyze(html, &Config::default())
        .diagnostics
        .iter()
        .map(|d| format!("{} {:?}", d.code, d.severity))
        .collect();
    v.sort();
    v
}

#[test]
fn a_report_in_a_page_laid_out_with_tables_reads_as_the_report_alone() {
    let pages = pages();
    assert!(pages.len() >= 2);
    for (name, page) in pages {
        let wrapped = in_layout_table(&page);
        assert_eq!(tables(&wrapped), tables(&page), "{name}: tables");
        assert_eq!(codes(&wrapped), codes(&page), "{name}: diagnostics");
    }
}
