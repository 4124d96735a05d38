//! Show what the PDF reader sees (for looking at the layout): `cargo run --example pdfdump -- a.pdf [PAGE]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[1]).unwrap_or_default();
    let pages = match nianbao_core::pdf::reader::read(&bytes) {
        Ok(p) => p,
        Err(e) => return eprintln!("{e}"),
    };
    if let Some(n) = args.get(2).and_then(|n| n.parse::<usize>().ok()) {
        for r in &pages[n.saturating_sub(1).min(pages.len() - 1)].rules {
            println!("{r:?}");
        }
        return;
    }
    for p in &pages {
        println!(
            "page {} images {:?} unreadable {}",
            p.number, p.images, p.unreadable
        );
    }
    print!("{}", nianbao_core::pdf::layout::dump(&pages));
}
