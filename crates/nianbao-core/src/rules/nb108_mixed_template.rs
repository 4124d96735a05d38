//! NB108 mixed-template: markers of both templates in one report.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB108",
    name: "mixed-template",
    severity: Severity::Error,
    summary: "markers of both templates in one report",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
