//! A blank report in the template of a year (`nianbao new`): title, preface with the statistics
//! period, the six standard headings, the three tables with every cell 0, and placeholders that say
//! what to write. Headings, labels and columns come from the template data; the tables are written
//! by the formatter's own table writers, so a blank report is already in canonical form.

use crate::format::table::{self, Content, Family};
use crate::template::{self, Item, Template};

/// Why no blank report can be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlankError(pub String);

impl std::fmt::Display for BlankError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BlankError {}

/// Chinese numerals for sub-head numbering 「（一）」….
const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// The report's title: 「<机关名称><年份>年政府信息公开工作年度报告」 (FORMAT.md §1).
pub fn title(organ: &str, year: i32) -> String {
    format!("{organ}{year}年政府信息公开工作年度报告")
}

/// Every cell 0.
struct Zeros;

impl Content for Zeros {
    fn row(&self, item: &Item) -> Option<(String, Vec<String>)> {
        Some((
            item.label.clone(),
            vec!["0".to_string(); item.columns.len()],
        ))
    }
    fn marker(&self, item: &Item) -> Option<String> {
        Some(item.label.clone())
    }
}

/// The preface: legal basis (the template's notice) and the statistics period.
fn preface(tpl: &Template, year: i32) -> String {
    let (number, name) = match tpl.notice.find('《') {
        Some(p) => (tpl.notice[..p].trim(), tpl.notice[p..].trim()),
        None => ("", tpl.notice.trim()),
    };
    let basis = if number.is_empty() {
        name.to_string()
    } else {
        format!("{name}（{number}）")
    };
    format!(
        "本报告根据《中华人民共和国政府信息公开条例》和{basis}的要求编制。\
         本报告所列数据统计期限自{year}年1月1日起至{year}年12月31日止。"
    )
}

/// A blank report for `organ` and report `year`, in Markdown or plain text.
pub fn blank_report(year: i32, organ: &str, family: Family) -> Result<String, BlankError> {
    let tpl = template::for_year(year).ok_or_else(|| {
        let known: Vec<String> = template::all()
            .iter()
            .map(|t| format!("{}（{}）", t.id, t.years_text()))
            .collect();
        BlankError(format!(
            "没有适用于 {year} 年的报告模板；已知模板：{}",
            known.join("、")
        ))
    })?;
    let organ = organ.trim();
    if organ.is_empty() || organ.chars().any(char::is_control) {
        return Err(BlankError(
            "机关名称不能为空，也不能含换行等控制字符".into(),
        ));
    }
    let md = family == Family::Markdown;
    let mut blocks: Vec<Vec<String>> = Vec::new();
    let t = title(organ, year);
    blocks.push(vec![if md { format!("# {t}") } else { t }]);
    blocks.push(vec![preface(tpl, year)]);
    for s in &tpl.sections {
        blocks.push(vec![if md {
            format!("## {}", s.heading)
        } else {
            s.heading.clone()
        }]);
        if let Some(tid) = &s.table {
            let tt = tpl
                .table(tid)
                .ok_or_else(|| BlankError(format!("模板 {} 缺少表格 {tid}", tpl.id)))?;
            let pieces = table::build(tt, &Zeros)
                .ok_or_else(|| BlankError(format!("模板 {} 的表格 {tid} 不完整", tpl.id)))?;
            blocks.push(table::write(&pieces, family));
            continue;
        }
        if !s.subheads.is_empty() {
            for (i, sub) in s.subheads.iter().enumerate() {
                let n = NUMERALS.get(i).copied().unwrap_or("十");
                blocks.push(vec![format!("（{n}）{sub}")]);
                blocks.push(vec![format!("（请填写本年度{sub}工作情况。）")]);
            }
        } else if !s.fee_statement.is_empty() {
            blocks.push(vec![
                "本年度未收取信息处理费。（请核实：如收取了信息处理费，请改写为收取的金额、件数和依据。）"
                    .to_string(),
            ]);
            blocks.push(vec!["（请填写其他需要报告的事项。）".to_string()]);
        } else {
            let topic = s
                .heading
                .split_once('、')
                .map_or(s.heading.as_str(), |(_, t)| t);
            blocks.push(vec![format!("（请填写本年度{topic}。）")]);
        }
    }
    blocks.push(vec![organ.to_string()]);
    let mut out = String::new();
    for (i, b) in blocks.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for l in b {
            out.push_str(l);
            out.push('\n');
        }
    }
    Ok(out)
}

/// One standard table with every cell 0, in a layout family: the table a fix inserts when a section or
/// its table is missing (NB101, NB201), and the body of the editors' "insert standard table".
pub fn blank_table(table: &template::Table, family: Family) -> Option<String> {
    let pieces = table::build(table, &Zeros)?;
    let mut out = table::write(&pieces, family).join("\n");
    out.push('\n');
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{format, FormatOptions};
    use crate::model::Confidence;

    #[test]
    fn blank_reports_parse_with_every_cell_zero() {
        for (year, tid) in [
            (2019, "2019"),
            (2020, "2019"),
            (2021, "2021"),
            (2025, "2021"),
        ] {
            for family in [Family::Markdown, Family::Text] {
                let text = blank_report(year, "某某县人民政府", family).unwrap();
                let r = crate::parse::parse(&text, None);
                assert_eq!(
                    r.template.as_deref(),
                    Some(tid),
                    "{year} {family:?}\n{text}"
                );
                assert_eq!(r.year, Some(year));
                let ids: Vec<&str> = r.sections.iter().map(|s| s.id.as_str()).collect();
                let tpl = template::by_id(tid).unwrap();
                let want: Vec<&str> = tpl.sections.iter().map(|s| s.id.as_str()).collect();
                assert_eq!(ids, want, "{year} {family:?}");
                for tt in &tpl.tables {
                    let t = r
                        .table(&tt.id)
                        .unwrap_or_else(|| panic!("{} missing\n{text}", tt.id));
                    assert_eq!(
                        t.confidence,
                        Confidence::High,
                        "{} {:?}\n{text}",
                        tt.id,
                        t.notes
                    );
                    assert_eq!(
                        t.rows.len(),
                        tt.rows().count(),
                        "{year} {family:?} {}",
                        tt.id
                    );
                    for row in &t.rows {
                        assert!(row.cells.iter().all(|c| c.number() == Some(0.0)), "{row:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn blank_reports_are_already_formatted() {
        for family in [Family::Markdown, Family::Text] {
            let text = blank_report(2025, "某某县人民政府", family).unwrap();
            let f = format(&text, &FormatOptions::default());
            assert_eq!(f.text, text);
            assert!(f.warnings.is_empty(), "{:?}", f.warnings);
        }
    }

    #[test]
    fn unknown_year_is_an_error() {
        let e = blank_report(2015, "某某县人民政府", Family::Markdown).unwrap_err();
        assert!(e.0.contains("2015"), "{e}");
        assert!(blank_report(2025, "  ", Family::Text).is_err());
        assert!(blank_report(2025, "某县\n人民政府", Family::Text).is_err());
    }
}
