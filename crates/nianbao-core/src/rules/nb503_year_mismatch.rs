//! NB503 year-mismatch: the title year, the statistics period and the prose disagree.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB503",
    name: "year-mismatch",
    severity: Severity::Warning,
    summary: "the title year, the statistics period and the prose disagree",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
