//! NB205 not-a-number: a value cell holds text that is not a number.

use super::{fix, num, Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Value;

pub static META: RuleMeta = RuleMeta {
    code: "NB205",
    name: "not-a-number",
    severity: Severity::Error,
    summary: "a value cell holds text that is not a number",
    doc: r#"## What it checks
Value cells hold plain numbers. Units (「231项」「增加1297项」) are tolerated as a warning in `2019` tables,
where they were common; anything else is an error.

## Why
Numbers with units or words cannot be added up, exported or compared.

## Severity
**warning** for a number with a unit (「231项」「31.2万件」) in a `2019` table: the 2019 template left the
cells' form open and units were common; the number can still be read, and `nianbao export` gives it in its
column's unit. Text that is no number, and any unit in a `2021` table (whose cells are plain numbers), are
**error**. A level set for NB205 in `nianbao.toml` applies to both.

## Example
「abc」 in a cell of table 三; 「231项」 in table 二.

## Fix
For a count unit worth one (项, 件, 个, 条, 起, 次…: `templates/units.toml`) the bare number replaces the cell
(safe: nothing is lost); other units (「31.2万件」 is 312000) and text need a person."#,
};

/// A count unit worth one (项, 件, 个… in `templates/units.toml`): dropping it loses nothing.
fn plain_count(unit: &str) -> bool {
    crate::template::unit(unit).is_some_and(|u| u.quantity.as_deref() == Some("count") && u.factor == 1.0)
}

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (_, row, _) in cx.rows() {
        for c in row.cells.iter().chain(&row.extra_cells) {
            match &c.value {
                Value::Text => {
                    out.push(cx.diag(&META, c.range, format!("「{}」不是数字", c.raw)));
                }
                Value::Number {
                    value,
                    unit: Some(unit),
                    ..
                } => {
                    let d = cx.diag(
                        &META,
                        c.range,
                        format!("数值「{}」带有单位「{unit}」，单元格中应只填数字", c.raw),
                    );
                    let d = if cx.template.is_some_and(|x| x.id == "2019") {
                        d.with_severity(Severity::Warning)
                    } else {
                        d
                    };
                    out.push(if plain_count(unit) {
                        d.with_fix(fix(
                            format!("改为「{}」", num(*value)),
                            c.range,
                            num(*value),
                            true,
                        ))
                    } else {
                        d
                    });
                }
                _ => {}
            }
        }
    }
}
