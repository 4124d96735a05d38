//! Standard tables rendered from the template data, every cell 0, for completion snippets.
//! Plain text: one line per row, cells separated by tabs. Markdown: pipe tables.

use nianbao_core::blank;
use nianbao_core::format::Family;
use nianbao_core::model::Layout;
use nianbao_core::template::Table;

/// Escape text for an LSP snippet.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '$' | '}' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A whole standard table, in the document's layout: the core's blank table (the one `nianbao new` and
/// the NB101/NB201 fixes write). With `snippet`, each value cell becomes a tab stop.
pub fn table(spec: &Table, layout: Layout, snippet: bool) -> String {
    let family = if layout == Layout::Markdown {
        Family::Markdown
    } else {
        Family::Text
    };
    let text = blank::blank_table(spec, family).unwrap_or_default();
    if !snippet {
        return text;
    }
    let mut stop = 0;
    let mut out = String::with_capacity(text.len() * 2);
    for line in text.lines() {
        let sep = if line.contains('\t') { '\t' } else { '|' };
        let cells: Vec<String> = line
            .split(sep)
            .map(|cell| {
                if cell.trim() == "0" {
                    stop += 1;
                    cell.replacen('0', &format!("${{{stop}:0}}"), 1)
                } else {
                    escape(cell)
                }
            })
            .collect();
        out.push_str(&cells.join(&sep.to_string()));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_core::template;

    #[test]
    fn tables_from_template_data() {
        for t in template::all() {
            for spec in &t.tables {
                let text = table(spec, Layout::Text, false);
                for row in spec.rows() {
                    assert!(text.contains(&row.label), "{} {}", spec.id, row.label);
                }
                let md = table(spec, Layout::Markdown, true);
                let stops = spec.rows().map(|r| r.columns.len()).sum::<usize>();
                assert!(md.contains(&format!("${{{stops}:0}}")), "{}", spec.id);
                assert!(!md.contains(&format!("${{{}:0}}", stops + 1)));
            }
        }
        let apps = template::by_id("2021")
            .unwrap()
            .table("applications")
            .unwrap();
        let text = table(apps, Layout::Text, false);
        assert!(
            text.contains("1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0\n"),
            "{text}"
        );
    }
}
