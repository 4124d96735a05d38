//! NB206 empty-cell: blank, 「/」, 「—」 or 「-」 where a value belongs.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB206",
    name: "empty-cell",
    severity: Severity::Warning,
    summary: "blank, 「/」, 「—」 or 「-」 where a value belongs",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
