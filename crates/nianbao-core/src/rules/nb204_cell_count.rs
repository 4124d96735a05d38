//! NB204 cell-count: a row has a different number of values than its columns.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB204",
    name: "cell-count",
    severity: Severity::Error,
    summary: "a row has a different number of values than its columns",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
