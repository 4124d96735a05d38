//! NB103 duplicate-section: a section appears twice.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB103",
    name: "duplicate-section",
    severity: Severity::Warning,
    summary: "a section appears twice",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
