//! NB203 nonstandard-label: a row or column label differs from the standard one.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB203",
    name: "nonstandard-label",
    severity: Severity::Warning,
    summary: "a row or column label differs from the standard one",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
