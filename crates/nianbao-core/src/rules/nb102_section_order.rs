//! NB102 section-order: sections out of the standard order.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB102",
    name: "section-order",
    severity: Severity::Error,
    summary: "sections out of the standard order",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
