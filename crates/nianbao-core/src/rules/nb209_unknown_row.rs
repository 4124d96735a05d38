//! NB209 unknown-row: a table line that matches no template row.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB209",
    name: "unknown-row",
    severity: Severity::Warning,
    summary: "a table line that matches no template row",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
