//! NB101 missing-section: a standard section is absent.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB101",
    name: "missing-section",
    severity: Severity::Error,
    summary: "a standard section is absent",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
