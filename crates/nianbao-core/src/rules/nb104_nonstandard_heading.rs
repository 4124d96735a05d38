//! NB104 nonstandard-heading: a heading was recognised but differs from the standard text.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB104",
    name: "nonstandard-heading",
    severity: Severity::Warning,
    summary: "a heading was recognised but differs from the standard text",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
