//! NB205 not-a-number: a value cell holds text that is not a number.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB205",
    name: "not-a-number",
    severity: Severity::Error,
    summary: "a value cell holds text that is not a number",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
