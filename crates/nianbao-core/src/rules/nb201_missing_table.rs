//! NB201 missing-table: the section is there but its table is not, or cannot be read.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB201",
    name: "missing-table",
    severity: Severity::Error,
    summary: "the section is there but its table is not, or cannot be read",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
