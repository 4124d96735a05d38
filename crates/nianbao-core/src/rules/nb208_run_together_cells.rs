//! NB208 run-together-cells: several values written without separators.

use super::{fix, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Edit, Fix, Related, Safety, Severity};
use crate::model::RunTogether;

pub static META: RuleMeta = RuleMeta {
    code: "NB208",
    name: "run-together-cells",
    severity: Severity::Warning,
    summary: "several values written without separators (「640020470」)",
    doc: r#"## What it checks
A row's values are written as separate cells, not as one run of digits after the label — the way web pages
and copied tables often lose their cell boundaries (「一、本年新收政府信息公开申请数量640020470」 for
64, 0, 0, 2, 0, 4, 70).

## Why
A run of digits can be cut in many ways. nianbao tries every cut that the template's identities allow (the row
总计, then 一＋二＝（七）＋四 and the results total with the other rows): when exactly one fits, the values are
recovered and this is a warning that says which values were read; when several fit it is an error listing the
candidates, and no arithmetic rule runs on that row.

## Severity
**warning** when exactly one cut fits the identities: the values are recovered. **error** when several cuts
fit (or too many to list): the row's values are unknown and no arithmetic rule runs on it. **error** too when
no cut fits: the row breaks its identities however it is cut — the report's own defect, whose values cannot be
read. Text laid out by columns that lost the gap between two cells (「0  0  05  0」 in `pdftotext -layout`) is
such a row when its identities fail wherever its values are placed (any value in any cell of the rows on its
line): the broken identity is then certain, but not which cell is wrong. A level set for
NB208 in `nianbao.toml` applies to both.

## Example
「一、本年新收政府信息公开申请数量640020470」 → 64, 0, 0, 2, 0, 4, 70 (the only cut whose 总计 70 is the sum
of the six applicant columns).

## Fix
When the values were recovered, rewrites them as separate tab-separated cells (not applied by "fix all": check
the numbers against the source first). Several rows of one table recovered (a crawler's text, where every row
lost its separators) are one diagnostic for the table, at its first such row, the others related, the fix
splitting them all."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    for table in &cx.report.tables {
        let tt = cx.template.and_then(|t| t.table(&table.id));
        // the rows recovered by the only cut the identities allow: (label, run, values)
        let mut recovered: Vec<(&str, &RunTogether, String)> = Vec::new();
        for row in &table.rows {
            let Some(run) = &row.run_together else {
                continue;
            };
            let label = tt
                .and_then(|t| t.row(row.id))
                .map_or(row.id, |r| r.label.as_str());
            match run.candidates.len() {
                1 if !run.too_many => recovered.push((label, run, show(&run.candidates[0]))),
                0 => out.push(
                    cx.diag(
                        &META,
                        run.range,
                        format!(
                            "「{label}」的数值连写成「{}」，没有任何拆分方式符合勾稽关系，无法读取",
                            run.digits
                        ),
                    )
                    .with_severity(Severity::Error),
                ),
                n => {
                    let listed: Vec<String> = run
                        .candidates
                        .iter()
                        .take(5)
                        .map(|c| format!("（{}）", show(c)))
                        .collect();
                    let more = if run.too_many || n > 5 {
                        "……".to_string()
                    } else {
                        String::new()
                    };
                    out.push(
                        cx.diag(
                            &META,
                            run.range,
                            format!(
                                "「{label}」的数值连写成「{}」，有 {}{} 种拆分都符合勾稽关系：{}{more}，请用分隔符分开各列",
                                run.digits,
                                if run.too_many { "至少 " } else { "" },
                                n,
                                listed.join("")
                            ),
                        )
                        .with_severity(Severity::Error),
                    )
                }
            }
        }
        match recovered.as_slice() {
            [] => {}
            [(label, run, values)] => out.push(
                cx.diag(
                    &META,
                    run.range,
                    format!(
                        "「{label}」的数值连写成「{}」，按勾稽关系只能拆分为 {values}",
                        run.digits
                    ),
                )
                .with_fix(fix("拆分为单独的单元格", run.range, split(run), false)),
            ),
            [(label, run, values), ..] => {
                // one cause (the text lost the cells' separators, as a crawler's text does): once for
                // the table, at its first such row, the others related, one fix splitting them all
                let heading = tt
                    .and_then(|t| cx.report.section(&t.section))
                    .map_or(table.id.as_str(), |s| s.heading.as_str());
                let mut d = cx.diag(
                    &META,
                    run.range,
                    format!(
                        "「{heading}」的表格有 {} 行数值连写、没有分隔（如「{label}」的「{}」），已按勾稽关系唯一拆分（此行为 {values}）",
                        recovered.len(),
                        run.digits
                    ),
                );
                d.related = recovered[1..]
                    .iter()
                    .map(|(label, run, values)| Related {
                        range: run.range,
                        message: format!("「{label}」的「{}」拆分为 {values}", run.digits),
                    })
                    .collect();
                out.push(d.with_fix(Fix {
                    message: "各行拆分为单独的单元格".into(),
                    edits: recovered
                        .iter()
                        .map(|(_, run, _)| Edit {
                            range: run.range,
                            new_text: split(run),
                        })
                        .collect(),
                    safety: Safety::Unsafe,
                    alternatives: Vec::new(),
                }));
            }
        }
    }
}

/// A cut's values as a message lists them: 「64, 0, 空」.
fn show(values: &[Option<u64>]) -> String {
    values
        .iter()
        .map(|v| v.map_or("空".to_string(), |v| v.to_string()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The only cut of a run written as tab-separated cells.
fn split(run: &RunTogether) -> String {
    let tabbed = run.candidates[0]
        .iter()
        .map(|v| v.map_or(String::new(), |v| v.to_string()))
        .collect::<Vec<_>>()
        .join("\t");
    format!("\t{tabbed}")
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Config};

    fn table_three(received: &str) -> String {
        let tpl = crate::template::by_id("2021").unwrap();
        let mut s = String::from("某某县2021年政府信息公开工作年度报告\n");
        for sec in &tpl.sections {
            s.push_str(&sec.heading);
            s.push('\n');
            if sec.id == "applications" {
                let t = tpl.table("applications").unwrap();
                for it in &t.items {
                    match (it.kind, it.id.as_str()) {
                        (crate::template::ItemKind::Row, "received") => {
                            s.push_str(&format!("{}{received}\n", it.label))
                        }
                        (crate::template::ItemKind::Row, "results_total" | "granted") => {
                            s.push_str(&format!("{}\t64\t0\t0\t2\t0\t4\t70\n", it.label))
                        }
                        (crate::template::ItemKind::Row, _) => {
                            s.push_str(&format!("{}\t0\t0\t0\t0\t0\t0\t0\n", it.label))
                        }
                        _ => s.push_str(&format!("{}\n", it.label)),
                    }
                }
            } else {
                s.push_str("内容。\n");
            }
        }
        s
    }

    #[test]
    fn recovered_from_the_identities() {
        let text = table_three("640020470");
        let a = analyze(&text, &Config::default());
        let d: Vec<_> = a.diagnostics.iter().filter(|d| d.code == "NB208").collect();
        assert_eq!(d.len(), 1, "{:#?}", a.diagnostics);
        assert_eq!(d[0].severity, crate::Severity::Warning);
        assert!(
            d[0].message.contains("64, 0, 0, 2, 0, 4, 70"),
            "{}",
            d[0].message
        );
        let t = a.report.table("applications").unwrap();
        assert_eq!(t.value("received", "total"), Some(70.0));
        assert!(
            a.diagnostics.iter().all(|d| !d.code.starts_with("NB3")),
            "{:#?}",
            a.diagnostics
        );
    }

    #[test]
    fn rows_of_one_table_recovered_are_one_diagnostic() {
        // a crawler's text: two rows of table 三 lost their separators, each cut one way only
        let tpl = crate::template::by_id("2021").unwrap();
        let granted = &tpl.table("applications").unwrap().row("granted").unwrap().label;
        let text = table_three("640020470").replace(
            &format!("{granted}\t64\t0\t0\t2\t0\t4\t70"),
            &format!("{granted}640020470"),
        );
        let a = analyze(&text, &Config::default());
        let d: Vec<_> = a.diagnostics.iter().filter(|d| d.code == "NB208").collect();
        assert_eq!(d.len(), 1, "{:#?}", a.diagnostics);
        assert_eq!(d[0].severity, crate::Severity::Warning);
        assert!(d[0].message.contains("有 2 行数值连写"), "{}", d[0].message);
        assert_eq!(d[0].related.len(), 1);
        assert!(d[0].related[0].message.contains(granted.as_str()));
        let fix = d[0].fix.as_ref().unwrap();
        assert_eq!(fix.edits.len(), 2);
        assert_eq!(fix.safety, crate::diagnostic::Safety::Unsafe);
        let t = a.report.table("applications").unwrap();
        assert_eq!(t.value("granted", "total"), Some(70.0));
        assert_eq!(t.value("received", "total"), Some(70.0));
    }

    #[test]
    fn ambiguous_runs_are_errors_without_arithmetic() {
        // 1,10,0,0,0,0,11 and 11,0,0,0,0,0,11 both satisfy the row total; no column identity decides
        let text = table_three("110000011");
        let a = analyze(&text, &Config::default());
        let d: Vec<_> = a.diagnostics.iter().filter(|d| d.code == "NB208").collect();
        assert_eq!(d.len(), 1, "{:#?}", a.diagnostics);
        assert_eq!(d[0].severity, crate::Severity::Error);
        assert!(
            d[0].message
                .contains("（1, 10, 0, 0, 0, 0, 11）（11, 0, 0, 0, 0, 0, 11）"),
            "{}",
            d[0].message
        );
        let t = a.report.table("applications").unwrap();
        assert!(t.row("received").unwrap().cells.is_empty());
        assert!(
            a.diagnostics.iter().all(|d| !d.code.starts_with("NB30")),
            "{:#?}",
            a.diagnostics
        );
        assert!(a.diagnostics.iter().all(|d| d.code != "NB204"));
    }

    #[test]
    fn a_cut_cell_whose_row_breaks_i4_wherever_it_stands_is_an_error() {
        // table 四 laid out by columns (`pdftotext -layout`) that lost the gap between two cells (「05」):
        // one 5 among fourteen 0s breaks I4 in whichever cell it stands
        let text = format!(
            "某县2021年政府信息公开工作年度报告\n{}\n一、总体情况\n2021年，我县推进公开。\n四、政府信息公开行政复议、行政诉讼情况\n行政复议                 行政诉讼\n结果维持  结果纠正  其他结果  尚未审结  总计  结果维持  结果纠正  其他结果  尚未审结  总计  结果维持  结果纠正  其他结果  尚未审结  总计\n0    0    0    0    0    0    0    05   0    0    0    0    0    0\n五、存在的主要问题及改进情况\n（一）主要问题\n无。\n六、其他需要报告的事项\n无。\n",
            "前言".repeat(80)
        );
        let a = analyze(&text, &Config::default());
        let d: Vec<_> = a.diagnostics.iter().filter(|d| d.code == "NB208").collect();
        assert_eq!(d.len(), 1, "{:#?}", a.diagnostics);
        assert_eq!(d[0].severity, crate::Severity::Error);
        assert!(d[0].message.contains("「0 0 05 0」"), "{}", d[0].message);
        assert!(
            a.diagnostics
                .iter()
                .all(|d| d.code != "NB304" && d.code != "NB201"),
            "{:#?}",
            a.diagnostics
        );
    }
}
