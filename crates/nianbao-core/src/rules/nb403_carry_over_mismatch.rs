//! NB403 carry-over-mismatch: 上年结转 differs from last year's 结转下年度.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB403",
    name: "carry-over-mismatch",
    severity: Severity::Warning,
    summary: "上年结转 differs from last year's 结转下年度",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
