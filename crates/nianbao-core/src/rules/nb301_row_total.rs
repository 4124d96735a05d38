//! NB301 row-total: a row's 总计 is not the sum of its six applicant columns.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB301",
    name: "row-total",
    severity: Severity::Error,
    summary: "a row's 总计 is not the sum of its six applicant columns",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
