//! NB207 invalid-number: negative, or non-integer where a count belongs.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB207",
    name: "invalid-number",
    severity: Severity::Error,
    summary: "negative, or non-integer where a count belongs",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
