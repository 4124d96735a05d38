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

/// The page's body inside a site's page built with `div`s: a banner and menu, the breadcrumb, a side
/// menu listing the organ's reports of other years, the article's publishing line; after it the
/// previous and next articles, related articles, an attachment and the footer.
fn in_site_page(page: &str) -> String {
    let b = page.find("<body>").unwrap() + "<body>".len();
    let e = page.rfind("</body>").unwrap();
    format!(
        "{}<div class=\"header\">县人民政府门户网站<ul><li><a href=\"/\">首页</a></li><li><a href=\"/zwgk\">政务公开</a></li></ul></div>\
         <div class=\"crumb\">当前位置：首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div>\
         <div class=\"side\"><h3>政府信息公开年报</h3><ul>\
         <li><a href=\"a.htm\">2023年政府信息公开工作年度报告</a></li>\
         <li><a href=\"b.htm\">2022年政府信息公开工作年度报告</a></li>\
         <li><a href=\"c.htm\">2018年政府信息公开工作年度报告</a></li></ul></div>\
         <div class=\"article\"><div class=\"info\">发布时间：2021-01-28 来源：县政府办公室 字号：[大 中 小]</div>{}\
         <div class=\"pager\"><p>上一篇：<a href=\"p.htm\">县人民政府2019年政府信息公开工作年度报告</a></p>\
         <p>下一篇：<a href=\"n.htm\">2022年政务公开工作要点</a></p></div>\
         <div class=\"related\"><h4>相关文章</h4><ul><li><a href=\"r.htm\">关于2019年政府信息公开工作年度报告的说明</a></li></ul></div>\
         <p>附件：<a href=\"x.pdf\">政府信息公开工作年度报告.pdf</a></p></div>\
         <div class=\"footer\">主办单位：县人民政府办公室 联系电话：0591-12345678 网站标识码：3501000001 闽ICP备12345678号-1</div>{}",
        &page[..b],
        &page[b..e],
        &page[e..]
    )
}

#[test]
fn a_report_in_a_sites_page_with_its_menus_reads_as_the_report_alone() {
    for (name, page) in pages() {
        let wrapped = in_site_page(&page);
        assert_eq!(tables(&wrapped), tables(&page), "{name}: tables");
        assert_eq!(codes(&wrapped), codes(&page), "{name}: diagnostics");
        let (a, b) = (parse_any(&wrapped, None), parse_any(&page, None));
        assert_eq!((a.year, a.template), (b.year, b.template), "{name}");
    }
}

/// Every table without row spans made as wide as its widest row: each shorter row padded with empty
/// cells at its end, as pandoc and some editors write a grid (table 二's rows of two values under
/// blocks of three).
fn padded_rows(page: &str) -> String {
    let mut out = String::new();
    let mut rest = page;
    while let Some(a) = rest.find("<table") {
        let b = rest[a..].find("</table>").map_or(rest.len(), |b| a + b);
        out.push_str(&rest[..a]);
        let table = &rest[a..b];
        if table.contains("rowspan") {
            out.push_str(table);
        } else {
            let width = |row: &str| -> usize {
                row.split("<td")
                    .skip(1)
                    .map(|cell| {
                        cell.split_once("colspan=\"")
                            .filter(|(before, _)| !before.contains('>'))
                            .and_then(|(_, n)| n.split('"').next()?.parse().ok())
                            .unwrap_or(1)
                    })
                    .sum()
            };
            let rows: Vec<&str> = table.split("</tr>").collect();
            let widest = rows.iter().map(|r| width(r)).max().unwrap_or(0);
            let last = rows.len() - 1;
            for (i, row) in rows.iter().enumerate() {
                out.push_str(row);
                if i < last {
                    out.push_str(&"<td></td>".repeat(widest - width(row)));
                    out.push_str("</tr>");
                }
            }
        }
        rest = &rest[b..];
    }
    out.push_str(rest);
    out
}

#[test]
fn empty_cells_padding_a_short_row_are_no_values() {
    let mut padded_any = false;
    for (name, page) in pages() {
        let padded = padded_rows(&page);
        padded_any |= padded.len() > page.len();
        assert_eq!(tables(&padded), tables(&page), "{name}: tables");
        assert_eq!(codes(&padded), codes(&page), "{name}: diagnostics");
    }
    assert!(padded_any, "no page has a short row to pad");
}

/// The page's body under a site's metadata block (a table of fields side by side: index number,
/// category, publisher, date), as the pages of government information disclosure platforms are.
fn under_metadata_block(page: &str) -> String {
    let b = page.find("<body>").unwrap() + "<body>".len();
    format!(
        "{}<table class=\"meta\"><tr><td>索引号：</td><td>11350128MB1234567X/2022-00012</td>\
         <td>分类：</td><td>政务公开 / 年度报告</td></tr>\
         <tr><td>发布机构：</td><td>县人民政府办公室</td><td>发文日期：</td><td>2022年01月25日</td></tr>\
         <tr><td>文　　号：</td><td></td><td>主题词：</td><td>年度报告</td></tr></table>\
         <div>【字体：大 中 小】 浏览次数：1234 【打印本页】【关闭窗口】</div>{}",
        &page[..b],
        &page[b..]
    )
}

#[test]
fn a_report_under_its_pages_metadata_block_reads_as_the_report_alone() {
    for (name, page) in pages() {
        let wrapped = under_metadata_block(&page);
        assert_eq!(tables(&wrapped), tables(&page), "{name}: tables");
        assert_eq!(codes(&wrapped), codes(&page), "{name}: diagnostics");
        let (a, b) = (parse_any(&wrapped, None), parse_any(&page, None));
        assert_eq!((a.year, a.template), (b.year, b.template), "{name}");
        assert_eq!(a.title.map(|t| t.0), b.title.map(|t| t.0), "{name}");
    }
}

/// pandoc's Markdown of a seed's page (its attribute spans cut numbers: 「[14]{style="…"}4项」) reads the
/// numbers whole, and no fix edits where their pieces were moved together.
#[test]
fn pandocs_attribute_spans_cutting_numbers_read_whole_and_get_no_fix() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/wild");
    let md = std::fs::read_to_string(dir.join("s001.pandoc.md")).unwrap();
    assert!(md.contains("[14]{style="), "the file still shows the case");
    let report = parse_any(&md, None);
    assert!(!report.rewritten_markup.is_empty());
    let procurement =
        &export::to_json(&report, &md, "s001.pandoc.md")["tables"]["active"]["procurement"];
    assert_eq!(procurement["projects"], 144);
    let analysis = analyze(&md, &Config::default());
    let unit = analysis
        .diagnostics
        .iter()
        .find(|d| d.code == "NB205" && md[d.range].starts_with("[14]"))
        .expect("the unit of 「144项」 is said");
    assert!(unit.fix.is_none());
    for d in &analysis.diagnostics {
        for fix in d.fix.iter().flat_map(|f| f.choices()) {
            for e in &fix.edits {
                assert!(
                    report
                        .rewritten_markup
                        .iter()
                        .all(|m| m.intersect(e.range).is_none()),
                    "{}: {}",
                    d.code,
                    d.message
                );
            }
        }
    }
}

/// A blank mark alone in a paragraph after each table (pandoc's hard line break 「\」 for a `<br>`, a
/// 「/」) is no value of the table's last row.
#[test]
fn a_blank_mark_in_a_paragraph_after_a_table_is_no_cell() {
    for (name, page) in pages() {
        for mark in ["\\", "/", "—"] {
            let marked = page.replace("</table>", &format!("</table><p>{mark}</p>"));
            assert!(marked.len() > page.len());
            assert_eq!(tables(&marked), tables(&page), "{name} {mark}: tables");
            assert_eq!(codes(&marked), codes(&page), "{name} {mark}: diagnostics");
        }
    }
}
