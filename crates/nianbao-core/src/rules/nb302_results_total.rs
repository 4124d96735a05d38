//! NB302 results-total: （七）总计 is not the sum of the result rows in that column.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB302",
    name: "results-total",
    severity: Severity::Error,
    summary: "（七）总计 is not the sum of the result rows in that column",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
