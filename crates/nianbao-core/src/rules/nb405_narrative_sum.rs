//! NB405 narrative-sum: a prose total disagrees with its listed parts.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB405",
    name: "narrative-sum",
    severity: Severity::Warning,
    summary: "a prose total disagrees with its listed parts",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
