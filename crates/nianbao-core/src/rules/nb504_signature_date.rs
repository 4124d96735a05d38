//! NB504 signature-date: the signature date is inside the report year or after 31 January of the next year.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB504",
    name: "signature-date",
    severity: Severity::Warning,
    summary: "the signature date is inside the report year or after 31 January of the next year",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
