//! NB404 in-force-mismatch: 现行有效 ≠ last year's 现行有效 + 制发 − 废止.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB404",
    name: "in-force-mismatch",
    severity: Severity::Info,
    summary: "现行有效 ≠ last year's 现行有效 + 制发 − 废止",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
