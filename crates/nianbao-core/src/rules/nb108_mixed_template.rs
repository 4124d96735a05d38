//! NB108 mixed-template: markers of both templates in one report.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Related, Severity};
use crate::template::{self, ItemKind};

pub static META: RuleMeta = RuleMeta {
    code: "NB108",
    name: "mixed-template",
    severity: Severity::Error,
    summary: "markers of both templates in one report",
    doc: r#"## What it checks
All tables follow one template: no 2019 column headers or rows in a 2021 report and vice versa, and in a
2021 table 三 the （六）其他处理 group has its three sub-rows instead of the single 2019-style row.

## Why
Mixed tables are usually last year's file edited in place; the numbers of the old rows cannot be compared
with the new template.

## Example
A 2021 report whose table 二 says 「本年制发件数」 but whose table 三 has one row 「（六）其他处理」 with numbers.

## Fix
Rewrite the mixed part in the report's template; no automatic fix."#,
};

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = cx.template else { return };
    let own: Vec<_> = cx.report.markers.iter().filter(|m| m.0 == tpl.id).collect();
    let foreign: Vec<_> = cx.report.markers.iter().filter(|m| m.0 != tpl.id).collect();
    if !own.is_empty() {
        if let Some(f) = foreign.first() {
            let names: Vec<&str> = foreign.iter().map(|m| m.1.as_str()).collect();
            out.push(
                cx.diag(
                    &META,
                    f.2,
                    format!(
                        "报告按 {} 模板填写，却含有 {} 模板的内容：{}",
                        tpl.id,
                        f.0,
                        names
                            .iter()
                            .map(|n| format!("「{n}」"))
                            .collect::<Vec<_>>()
                            .join("")
                    ),
                )
                .with_related(vec![Related {
                    range: own[0].2,
                    message: format!("{} 模板的「{}」", tpl.id, own[0].1),
                }]),
            );
        }
    }
    // a group line carrying values that another template has as a row (2019 （六）其他处理 in a 2021 table)
    for table in &cx.report.tables {
        for m in table
            .markers
            .iter()
            .filter(|m| m.kind == ItemKind::Group && m.values > 0)
        {
            let other = template::all().iter().filter(|t| t.id != tpl.id).find(|t| {
                t.table(&table.id)
                    .is_some_and(|tt| tt.rows().any(|r| r.label == m.standard))
            });
            if let Some(o) = other {
                out.push(cx.diag(
                    &META,
                    m.range,
                    format!(
                        "「{}」按 {} 模板写成了一行数值，{} 模板要求分为下列各小项",
                        m.standard, o.id, tpl.id
                    ),
                ));
            }
        }
    }
}
