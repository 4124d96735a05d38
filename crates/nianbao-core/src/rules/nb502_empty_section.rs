//! NB502 empty-section: a prose section is empty or only 「无」.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB502",
    name: "empty-section",
    severity: Severity::Warning,
    summary: "a prose section is empty or only 「无」",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
