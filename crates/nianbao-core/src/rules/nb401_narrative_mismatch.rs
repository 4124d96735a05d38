//! NB401 narrative-mismatch: a number in the prose disagrees with the table.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB401",
    name: "narrative-mismatch",
    severity: Severity::Warning,
    summary: "a number in the prose disagrees with the table",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
