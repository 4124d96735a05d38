//! Parsing placeholder (replaced below).
use crate::model::Report;
pub fn parse(_text: &str, _template: Option<&str>) -> Report {
    Report::default()
}
