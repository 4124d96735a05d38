//! Print the text read from PDFs (for looking at the layout): `cargo run --example pdftext -- a.pdf`.
fn main() {
    for f in std::env::args().skip(1) {
        let bytes = std::fs::read(&f).unwrap_or_default();
        let t = std::time::Instant::now();
        match nianbao_core::pdf::read(&bytes) {
            Ok(l) => {
                eprintln!("{f}: {} pages, {:?}", l.pages, t.elapsed());
                print!("{}", l.text);
            }
            Err(e) => eprintln!("{f}: {e}"),
        }
    }
}
