//! NB402 percentage-mismatch: a percentage in the prose is not count / denominator.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB402",
    name: "percentage-mismatch",
    severity: Severity::Warning,
    summary: "a percentage in the prose is not count / denominator",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
