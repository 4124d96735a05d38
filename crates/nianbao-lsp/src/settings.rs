//! Editor settings (`initializationOptions`, `workspace/configuration` section `nianbao`,
//! `didChangeConfiguration`): they take precedence over `nianbao.toml`.
//!
//! ```json
//! { "debounce_ms": 150, "template": "auto", "rules": { "NB206": "off" },
//!   "select": [], "ignore": [], "inlay_hints": "differ" }
//! ```

use nianbao_core::config::RuleLevel;
use nianbao_core::{rules, Config};
use serde::Deserialize;
use std::collections::BTreeMap;

pub const DEFAULT_DEBOUNCE_MS: u64 = 150;

/// When to show the computed sum after a total cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InlayHints {
    /// Only where the written total differs from the computed one.
    #[default]
    Differ,
    Always,
    Off,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub debounce_ms: Option<u64>,
    /// `auto`, `2019`, `2021`.
    pub template: Option<String>,
    /// Rule code or name → `off` / `error` / `warning` / `info` / `hint`.
    pub rules: BTreeMap<String, String>,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub inlay_hints: Option<InlayHints>,
}

impl Settings {
    /// Read settings from a JSON value: either the `nianbao` section itself or an object holding it.
    /// Invalid settings are reported (second value) and the defaults kept.
    pub fn from_json(value: &serde_json::Value) -> (Option<Settings>, Option<String>) {
        let v = value.get("nianbao").unwrap_or(value);
        if v.is_null() {
            return (None, None);
        }
        match Settings::deserialize(v) {
            Ok(s) => (Some(s), None),
            Err(e) => (None, Some(format!("invalid nianbao settings: {e}"))),
        }
    }

    /// These settings with `over` on top (`initializationOptions` under `workspace/configuration`):
    /// what `over` sets wins, rule levels are merged.
    pub fn overlay(&self, over: &Settings) -> Settings {
        let mut rules = self.rules.clone();
        rules.extend(over.rules.iter().map(|(k, v)| (k.clone(), v.clone())));
        Settings {
            debounce_ms: over.debounce_ms.or(self.debounce_ms),
            template: over.template.clone().or_else(|| self.template.clone()),
            rules,
            select: if over.select.is_empty() {
                self.select.clone()
            } else {
                over.select.clone()
            },
            ignore: if over.ignore.is_empty() {
                self.ignore.clone()
            } else {
                over.ignore.clone()
            },
            inlay_hints: over.inlay_hints.or(self.inlay_hints),
        }
    }

    pub fn inlay_hints(&self) -> InlayHints {
        self.inlay_hints.unwrap_or_default()
    }

    pub fn debounce(&self) -> std::time::Duration {
        std::time::Duration::from_millis(self.debounce_ms.unwrap_or(DEFAULT_DEBOUNCE_MS))
    }

    /// The file configuration with these settings on top. Problems are returned as messages.
    pub fn apply(&self, base: &Config) -> (Config, Vec<String>) {
        let mut cfg = base.clone();
        let mut problems = Vec::new();
        match self.template.as_deref() {
            None => {}
            Some("auto") => cfg.template = None,
            Some(id) if nianbao_core::template::by_id(id).is_some() => {
                cfg.template = Some(id.to_string())
            }
            Some(other) => problems.push(format!(
                "设置中的模板 \"{other}\" 不存在（应为 auto、2019 或 2021）"
            )),
        }
        for (name, level) in &self.rules {
            match (rules::lookup(name), RuleLevel::parse(level)) {
                (Some(meta), Some(level)) => {
                    cfg.rules.insert(meta.code, level);
                }
                (None, _) => problems.push(format!("设置中的规则 \"{name}\" 不存在")),
                (_, None) => {
                    problems.push(format!("设置中 {name} 的级别 \"{level}\" 无效（应为 off、error、warning、info 或 hint）"))
                }
            }
        }
        if !self.select.is_empty() || !self.ignore.is_empty() {
            let (select, ignore) = (cfg.select.clone(), cfg.ignore.clone());
            if let Err(e) = cfg.set_selection(&self.select, &self.ignore) {
                problems.push(e);
                cfg.select = select;
                cfg.ignore = ignore;
            }
        }
        (cfg, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_core::Severity;

    #[test]
    fn settings_override_file_config() {
        let (s, err) = Settings::from_json(&serde_json::json!({"nianbao": {
            "debounce_ms": 0, "template": "2019", "rules": {"NB206": "off", "narrative-mismatch": "error"}}}));
        assert!(err.is_none());
        let s = s.unwrap();
        assert_eq!(s.debounce(), std::time::Duration::ZERO);
        let base = Config::from_toml("[rules]\nNB301 = \"warning\"\n").unwrap();
        let (cfg, problems) = s.apply(&base);
        assert!(problems.is_empty());
        assert_eq!(cfg.template.as_deref(), Some("2019"));
        assert_eq!(cfg.level("NB206"), None);
        assert_eq!(cfg.level("NB401"), Some(Severity::Error));
        assert_eq!(cfg.level("NB301"), Some(Severity::Warning));
        let (s, _) = Settings::from_json(
            &serde_json::json!({"rules": {"NB999": "off"}, "template": "1999"}),
        );
        let (_, problems) = s.unwrap().apply(&Config::default());
        assert_eq!(problems.len(), 2);
        let (s, err) = Settings::from_json(&serde_json::json!({"debounce_ms": "soon"}));
        assert!(s.is_none() && err.is_some());
        let init =
            Settings::from_json(&serde_json::json!({"debounce_ms": 0, "rules": {"NB206": "off"}}))
                .0
                .unwrap();
        let pulled = Settings::from_json(
            &serde_json::json!({"rules": {"NB301": "hint"}, "inlay_hints": "always"}),
        )
        .0
        .unwrap();
        let both = init.overlay(&pulled);
        assert_eq!(both.debounce_ms, Some(0));
        assert_eq!(both.rules.len(), 2);
        assert_eq!(both.inlay_hints(), InlayHints::Always);
    }
}
