//! NB202 missing-row: a template row is absent.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB202",
    name: "missing-row",
    severity: Severity::Error,
    summary: "a template row is absent",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
