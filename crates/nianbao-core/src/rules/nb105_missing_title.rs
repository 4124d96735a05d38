//! NB105 missing-title: no title line naming the organ and the year.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB105",
    name: "missing-title",
    severity: Severity::Warning,
    summary: "no title line naming the organ and the year",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
