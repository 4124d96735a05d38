//! NB304 review-litigation-total: 总计 ≠ 维持 + 纠正 + 其他 + 尚未审结 in a group of table 四.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "NB304",
    name: "review-litigation-total",
    severity: Severity::Error,
    summary: "总计 ≠ 维持 + 纠正 + 其他 + 尚未审结 in a group of table 四",
    doc: "",
};

pub fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
