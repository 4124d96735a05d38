//! NB107 template-year-mismatch: 2021 template for a year ≤ 2020, or 2019 template for a year ≥ 2021.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB107",
    name: "template-year-mismatch",
    severity: Severity::Error,
    summary: "2021 template for a year ≤ 2020, or 2019 template for a year ≥ 2021",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
