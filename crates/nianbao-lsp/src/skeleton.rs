//! Standard tables rendered from the template data, every cell 0, for completion snippets.
//! Plain text: one line per row, cells separated by tabs. Markdown: pipe tables.

use nianbao_core::model::Layout;
use nianbao_core::template::{ItemKind, Shape, Table};

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

struct Cells {
    snippet: bool,
    next: u32,
}

impl Cells {
    fn cell(&mut self) -> String {
        if self.snippet {
            self.next += 1;
            format!("${{{}:0}}", self.next)
        } else {
            "0".into()
        }
    }

    fn text(&self, s: &str) -> String {
        if self.snippet {
            escape(s)
        } else {
            s.to_string()
        }
    }
}

/// A whole standard table, in the document's layout. With `snippet`, each cell is a tab stop.
pub fn table(spec: &Table, layout: Layout, snippet: bool) -> String {
    let mut c = Cells { snippet, next: 0 };
    let markdown = layout == Layout::Markdown;
    let mut lines: Vec<String> = Vec::new();
    let col_headers: Vec<&str> = spec.columns.iter().map(|c| c.header.as_str()).collect();
    let row_line = |c: &mut Cells, label: &str, n: usize| -> String {
        let cells: Vec<String> = (0..n).map(|_| c.cell()).collect();
        if markdown {
            format!("| {} | {} |", c.text(label), cells.join(" | "))
        } else {
            format!("{}\t{}", c.text(label), cells.join("\t"))
        }
    };
    let empty_line = |c: &Cells, label: &str, n: usize| -> String {
        if markdown {
            format!("| {} |{}", c.text(label), " |".repeat(n))
        } else {
            c.text(label)
        }
    };
    let header_line = |c: &Cells, first: &str, headers: &[&str]| -> Vec<String> {
        if markdown {
            let hs: Vec<String> = headers.iter().map(|h| c.text(h)).collect();
            vec![
                format!("| {} | {} |", c.text(first), hs.join(" | ")),
                format!("|{}", " --- |".repeat(headers.len() + 1)),
            ]
        } else {
            let hs: Vec<String> = headers.iter().map(|h| c.text(h)).collect();
            vec![format!("{}\t{}", c.text(first), hs.join("\t"))]
        }
    };
    let has_header_items = spec.items.iter().any(|i| i.kind == ItemKind::Header);
    if !has_header_items {
        // The notes above the columns (those that are not column headers), then the column headers.
        let notes: Vec<&str> = spec
            .header
            .iter()
            .map(String::as_str)
            .filter(|h| !col_headers.contains(h))
            .collect();
        if spec.shape == Shape::Rows {
            if let Some(first) = notes.first() {
                lines.push(c.text(first));
            }
        }
        lines.extend(header_line(&c, "", &col_headers));
    }
    let n_all = spec.columns.len();
    let mut i = 0;
    while i < spec.items.len() {
        let item = &spec.items[i];
        match item.kind {
            ItemKind::Block => {
                if markdown && !lines.is_empty() {
                    lines.push(String::new());
                }
                lines.push(c.text(&item.label));
            }
            ItemKind::Header => {
                let mut hs = vec![item.label.as_str()];
                while spec
                    .items
                    .get(i + 1)
                    .is_some_and(|n| n.kind == ItemKind::Header)
                {
                    i += 1;
                    hs.push(spec.items[i].label.as_str());
                }
                if markdown {
                    if markdown && lines.last().is_some_and(|l| !l.is_empty()) {
                        lines.push(String::new());
                    }
                    lines.extend(header_line(&c, hs[0], &hs[1..]));
                } else {
                    lines.push(hs.iter().map(|h| c.text(h)).collect::<Vec<_>>().join("\t"));
                }
            }
            ItemKind::Group => lines.push(empty_line(&c, &item.label, n_all)),
            ItemKind::Row => {
                let n = if item.columns.is_empty() {
                    n_all
                } else {
                    item.columns.len()
                };
                lines.push(row_line(&mut c, &item.label, n));
            }
        }
        i += 1;
    }
    let mut out = lines.join("\n");
    out.push('\n');
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
