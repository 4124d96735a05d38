//! `docs/rules.md` is generated from the rules' own documentation; this test keeps it in sync.
//! Regenerate with `UPDATE_DOCS=1 cargo test -p nianbao-core --test rule_docs`.

use nianbao_core::rules;

fn render() -> String {
    let mut out = String::from(
        "# Rules\n\n<!-- generated from crates/nianbao-core/src/rules/*.rs by `UPDATE_DOCS=1 cargo test -p nianbao-core --test rule_docs`; do not edit -->\n\n\
         Every rule has a stable code and a kebab-case name; both work in `nianbao.toml`, `--select`/`--ignore`,\n\
         suppression comments and `nianbao rule`. Severities are the defaults.\n\n| code | name | severity | what |\n|---|---|---|---|\n",
    );
    for m in rules::all() {
        out.push_str(&format!(
            "| [{}](#{}) | `{}` | {} | {} |\n",
            m.code,
            m.code.to_lowercase(),
            m.name,
            m.severity.as_str(),
            m.summary
        ));
    }
    for m in rules::all() {
        let doc = m.doc.replace("## ", "### ");
        out.push_str(&format!(
            "\n## {}\n\n`{}` · default severity **{}**\n\n{}\n",
            m.code,
            m.name,
            m.severity.as_str(),
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
