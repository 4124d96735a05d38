//! Print what the parser found in a report: `cargo run -p nianbao-core --example dump FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: dump FILE");
    let bytes = std::fs::read(&path).expect("read");
    let text = nianbao_core::decode::decode(&bytes).text;
    let a = nianbao_core::analyze(&text, &nianbao_core::Config::default());
    let r = &a.report;
    println!(
        "template={:?} year={:?} organ={:?} title={:?} layout={:?} sig={:?}",
        r.template,
        r.year,
        r.organ,
        r.title.as_ref().map(|t| &t.0),
        r.layout,
        r.signature.as_ref().map(|s| (s.year, s.month, s.day))
    );
    for s in &r.sections {
        println!("section {} {:?} standard={}", s.id, s.heading, s.standard);
    }
    for t in &r.tables {
        println!(
            "table {} confidence={:?} notes={:?}",
            t.id, t.confidence, t.notes
        );
        for m in &t.markers {
            if !m.exact {
                println!("   marker {:?} ~ {:?}", m.label, m.standard);
            }
        }
        for row in &t.rows {
            let vals: Vec<String> = row.cells.iter().map(|c| c.raw.clone()).collect();
            println!(
                "  {:<28} {:<40} {:?} extra={}",
                row.id,
                row.label.as_ref().map_or("<none>".to_string(), |l| format!(
                    "{}{}",
                    if l.exact { "" } else { "~" },
                    l.text
                )),
                vals,
                row.extra_cells.len()
            );
        }
        for u in &t.unknown {
            println!("  UNKNOWN {:?} values={}", u.text, u.values);
        }
    }
    for d in &a.diagnostics {
        println!("{} {} {}", d.code, d.severity.as_str(), d.message);
    }
}
