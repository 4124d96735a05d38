//! NB106 unsupported-template: the document follows neither the 2019 nor the 2021 template.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB106",
    name: "unsupported-template",
    severity: Severity::Error,
    summary: "the document follows neither the 2019 nor the 2021 template",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
