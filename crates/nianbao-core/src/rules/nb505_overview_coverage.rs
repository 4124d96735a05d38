//! NB505 overview-coverage: section 一 does not cover one of the five topics.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB505",
    name: "overview-coverage",
    severity: Severity::Info,
    summary: "section 一 does not cover one of the five topics",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
