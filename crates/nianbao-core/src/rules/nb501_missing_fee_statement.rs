//! NB501 missing-fee-statement: section 六 does not state the 信息处理费 collected.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB501",
    name: "missing-fee-statement",
    severity: Severity::Warning,
    summary: "section 六 does not state the 信息处理费 collected",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
