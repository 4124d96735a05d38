//! Print the text read from PDFs (for looking at the layout): `cargo run --example pdftext -- a.pdf`;
//! `--tsv FILE.tsv` lays out the word boxes of `pdftotext -tsv` instead.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--tsv") {
        let tsv = std::fs::read_to_string(&args[1]).unwrap_or_default();
        print!(
            "{}",
            nianbao_core::pdf::from_pages(&nianbao_core::pdf::from_tsv(&tsv)).text
        );
        return;
    }
    for f in args {
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
