//! NB303 balance: 一 + 二 ≠ （七）总计 + 四 in that column.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB303",
    name: "balance",
    severity: Severity::Error,
    summary: "一 + 二 ≠ （七）总计 + 四 in that column",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
