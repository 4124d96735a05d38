//! `docs/rules.md` is generated from the rules' own documentation; this test keeps it in sync.
//! Regenerate with `UPDATE_DOCS=1 cargo test -p nianbao-core --test rule_docs`.

use nianbao_core::rules;

fn render() -> String {
    let mut out = String::from(
        "# Rules\n\n<!-- generated from crates/nianbao-core/src/rules/*.rs by `UPDATE_DOCS=1 cargo test -p nianbao-core --test rule_docs`; do not edit -->\n\n\
         Every rule has a stable code and a kebab-case name; both work in `nianbao.toml`, `--select`/`--ignore`,\n\
         suppression comments and `nianbao rule`. Severities are the defaults; where some diagnostics of a rule\n\
         have another one (「error / warning」), its Severity section says when and why.\n\n\
         | code | name | severity | what |\n|---|---|---|---|\n",
    );
    for m in rules::all() {
        out.push_str(&format!(
            "| [{}](#{}) | `{}` | {} | {} |\n",
            m.code,
            m.code.to_lowercase(),
            m.name,
            m.severity_text(),
            m.summary
        ));
    }
    for m in rules::all() {
        let doc = m.doc.replace("## ", "### ");
        let varies = if m.severity_note().is_some() {
            format!(
                " (also {}: see Severity)",
                m.severities()[1..]
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        } else {
            String::new()
        };
        out.push_str(&format!(
            "\n## {}\n\n`{}` · default severity **{}**{}\n\n{}\n",
            m.code,
            m.name,
            m.severity.as_str(),
            varies,
            doc
        ));
    }
    out
}

#[test]
fn rules_md_is_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    let want = render();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/rules.md is stale: run UPDATE_DOCS=1 cargo test -p nianbao-core --test rule_docs"
    );
}

#[test]
fn every_rule_is_documented() {
    for m in rules::all() {
        for part in ["## What it checks", "## Why", "## Example", "## Fix"] {
            assert!(m.doc.contains(part), "{} lacks {part}", m.code);
        }
        assert!(m.code.starts_with("NB") && m.code.len() == 5);
        assert!(m.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
        assert_eq!(rules::lookup(m.name).unwrap().code, m.code);
    }
}

/// A rule that gives some diagnostics another severity than its default (`.with_severity(…)` in its
/// file) says when and why in a `## Severity` section naming that severity in bold, so that
/// `nianbao rule` and docs/rules.md show what the user will see (NB205 listed error, shown warning).
#[test]
fn every_severity_change_is_documented() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    let mut changed = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let name = e.file_name().to_string_lossy().to_string();
        let Some(code) = name.get(..5).filter(|c| c.starts_with("nb")) else {
            continue;
        };
        let src = std::fs::read_to_string(e.path()).unwrap();
        let m = rules::by_code(&code.to_uppercase()).unwrap_or_else(|| panic!("{name}: no rule"));
        for (i, _) in src.match_indices(".with_severity(Severity::") {
            let rest = &src[i + ".with_severity(Severity::".len()..];
            let sev = &rest[..rest.find(')').unwrap()];
            let sev = sev.to_lowercase();
            assert!(
                m.severity_note().is_some(),
                "{}: some diagnostics are {sev}, the default is {}: add a `## Severity` section saying when and why",
                m.code,
                m.severity.as_str()
            );
            assert!(
                m.severities().iter().any(|s| s.as_str() == sev),
                "{}: its `## Severity` section does not name **{sev}**",
                m.code
            );
            changed += 1;
        }
        if m.severity_note().is_some() {
            assert!(
                m.severities().len() > 1,
                "{}: `## Severity` names no other severity in bold",
                m.code
            );
        }
    }
    assert!(
        changed >= 4,
        "NB201, NB205, NB208 and NB504 change severities"
    );
}
