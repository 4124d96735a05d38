//! `nianbao.toml`: parsing and validation (IO-free; the callers read the file).
//!
//! ```toml
//! template = "auto"        # or "2019" / "2021"
//! [rules]
//! NB206 = "off"            # or "error" / "warning" / "info" / "hint"
//! narrative-mismatch = "error"
//! [format]
//! table = "pipe"
//! ```

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The configuration file name looked for by discovery.
pub const FILE_NAME: &str = "nianbao.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleLevel {
    Off,
    Severity(Severity),
}

impl RuleLevel {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "off" => RuleLevel::Off,
            "error" => RuleLevel::Severity(Severity::Error),
            "warning" => RuleLevel::Severity(Severity::Warning),
            "info" => RuleLevel::Severity(Severity::Info),
            "hint" => RuleLevel::Severity(Severity::Hint),
            _ => return None,
        })
    }
}

/// Table style of the Markdown formatter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TableStyle {
    /// Aligned GFM pipe tables.
    #[default]
    Pipe,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// `None` = auto-detect.
    pub template: Option<String>,
    /// Per-rule level by code (`NB206`).
    pub rules: BTreeMap<&'static str, RuleLevel>,
    /// Only these codes (empty = all).
    pub select: Vec<&'static str>,
    /// Never these codes.
    pub ignore: Vec<&'static str>,
    pub table_style: TableStyle,
}

/// An invalid configuration: message with 1-based line (and column) where known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "line {l}, column {c}: {}", self.message),
            (Some(l), None) => write!(f, "line {l}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

fn err_at(text: &str, span: std::ops::Range<usize>, message: String) -> ConfigError {
    let start = span.start.min(text.len());
    let line = text[..start].matches('\n').count() + 1;
    let col = text[..start]
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.chars().count())
        + 1;
    ConfigError {
        message,
        line: Some(line),
        column: Some(col),
    }
}

impl Config {
    /// Parse and validate a `nianbao.toml`. Unknown keys and values are errors with their line.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        // Parsed with spans for every key and value, so errors can name their line.
        let de = toml::de::DeTable::parse(text).map_err(|e| {
            err_at(
                text,
                e.span().unwrap_or(0..0),
                format!("不是有效的 TOML（{}）", e.message().trim()),
            )
        })?;
        let de = de.into_inner();
        let mut cfg = Config::default();
        for (key, value) in de.iter() {
            let kspan = key.span();
            match key.get_ref().as_ref() {
                "template" => match value.get_ref() {
                    toml::de::DeValue::String(s) => match s.as_ref() {
                        "auto" => cfg.template = None,
                        id if crate::template::by_id(id).is_some() => {
                            cfg.template = Some(id.to_string())
                        }
                        other => {
                            return Err(err_at(
                                text,
                                value.span(),
                                format!(
                                    "没有模板 \"{other}\"：应为 \"auto\"、\"2019\" 或 \"2021\""
                                ),
                            ))
                        }
                    },
                    _ => return Err(err_at(text, value.span(), "`template` 应为字符串".into())),
                },
                "rules" => {
                    let toml::de::DeValue::Table(t) = value.get_ref() else {
                        return Err(err_at(
                            text,
                            value.span(),
                            "`rules` 应为表（[rules]）".into(),
                        ));
                    };
                    for (rk, rv) in t.iter() {
                        let Some(meta) = rules::lookup(rk.get_ref()) else {
                            return Err(err_at(
                                text,
                                rk.span(),
                                format!(
                                    "没有规则 \"{}\"（`nianbao rule` 列出全部规则）",
                                    rk.get_ref()
                                ),
                            ));
                        };
                        let level = match rv.get_ref() {
                            toml::de::DeValue::String(s) => RuleLevel::parse(s),
                            _ => None,
                        };
                        let Some(level) = level else {
                            return Err(err_at(
                                text,
                                rv.span(),
                                format!(
                                    "{} 的级别无效：应为 \"off\"、\"error\"、\"warning\"、\"info\" 或 \"hint\"",
                                    meta.code
                                ),
                            ));
                        };
                        cfg.rules.insert(meta.code, level);
                    }
                }
                "format" => {
                    let toml::de::DeValue::Table(t) = value.get_ref() else {
                        return Err(err_at(
                            text,
                            value.span(),
                            "`format` 应为表（[format]）".into(),
                        ));
                    };
                    for (fk, fv) in t.iter() {
                        match fk.get_ref().as_ref() {
                            "table" => match fv.get_ref() {
                                toml::de::DeValue::String(s) if s.as_ref() == "pipe" => {
                                    cfg.table_style = TableStyle::Pipe
                                }
                                _ => {
                                    return Err(err_at(
                                        text,
                                        fv.span(),
                                        "`format.table` 只能是 \"pipe\"".into(),
                                    ))
                                }
                            },
                            other => {
                                return Err(err_at(
                                    text,
                                    fk.span(),
                                    format!("没有配置项 `format.{other}`"),
                                ))
                            }
                        }
                    }
                }
                other => {
                    return Err(err_at(
                        text,
                        kspan,
                        format!("没有配置项 `{other}`：应为 `template`、`[rules]` 或 `[format]`"),
                    ))
                }
            }
        }
        Ok(cfg)
    }

    /// Set `select`/`ignore` from rule codes or names; unknown names are an error.
    pub fn set_selection(&mut self, select: &[String], ignore: &[String]) -> Result<(), String> {
        let resolve = |names: &[String]| -> Result<Vec<&'static str>, String> {
            names
                .iter()
                .flat_map(|n| n.split(','))
                .filter(|n| !n.trim().is_empty())
                .map(|n| {
                    expand(n.trim())
                        .ok_or_else(|| format!("没有规则 \"{n}\"（`nianbao rule` 列出全部规则）"))
                })
                .collect::<Result<Vec<_>, _>>()
                .map(|v| v.into_iter().flatten().collect())
        };
        self.select = resolve(select)?;
        self.ignore = resolve(ignore)?;
        Ok(())
    }

    /// The effective level of a rule.
    pub fn level(&self, code: &str) -> Option<Severity> {
        if !self.select.is_empty() && !self.select.contains(&code) {
            return None;
        }
        if self.ignore.contains(&code) {
            return None;
        }
        match self.rules.get(code) {
            Some(RuleLevel::Off) => None,
            Some(RuleLevel::Severity(s)) => Some(*s),
            None => rules::by_code(code)
                .or_else(|| rules::lookup(code))
                .map(|m| m.severity),
        }
    }

    /// Drop disabled rules and set configured severities.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        diagnostics.retain_mut(|d| match self.level(d.code) {
            None => false,
            Some(s) => {
                if self.rules.contains_key(d.code) {
                    d.severity = s;
                }
                true
            }
        });
    }
}

/// A code (`NB301`), a name (`row-total`) or a prefix (`NB3`) to the codes it names.
fn expand(name: &str) -> Option<Vec<&'static str>> {
    if let Some(m) = rules::lookup(name) {
        return Some(vec![m.code]);
    }
    let up = name.to_ascii_uppercase();
    if up.starts_with("NB") {
        let v: Vec<_> = rules::all()
            .iter()
            .filter(|m| m.code.starts_with(&up))
            .map(|m| m.code)
            .collect();
        if !v.is_empty() {
            return Some(v);
        }
    }
    None
}

/// Where the configuration of a file lives: the nearest `nianbao.toml` in its directory or above.
/// IO-free: `exists` is asked about each candidate path.
pub fn discover(file: &Path, exists: impl Fn(&Path) -> bool) -> Option<PathBuf> {
    let mut dir = if file.is_dir() {
        Some(file)
    } else {
        file.parent()
    };
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if exists(&candidate) {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_spec_example() {
        let c = Config::from_toml(
            "template = \"auto\"\n[rules]\nNB206 = \"off\"\nnarrative-mismatch = \"error\"\n[format]\ntable = \"pipe\"\n",
        )
        .unwrap();
        assert_eq!(c.template, None);
        assert_eq!(c.level("NB206"), None);
        assert_eq!(c.level("NB401"), Some(Severity::Error));
    }

    #[test]
    fn unknown_key_has_line() {
        let e = Config::from_toml("template = \"2021\"\n[rules]\nNB999 = \"off\"\n").unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        let e = Config::from_toml("\n\ncolour = 1\n").unwrap_err();
        assert_eq!(e.line, Some(3));
        let e = Config::from_toml("[rules]\nNB301 = \"loud\"\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(Config::from_toml("template = \"2018\"").is_err());
        assert!(Config::from_toml("[rules\n").unwrap_err().line.is_some());
    }
}
