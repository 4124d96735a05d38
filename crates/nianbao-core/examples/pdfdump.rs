//! Show how a PDF is read: `cargo run --release -p nianbao-core --example pdfdump -- FILE.pdf [--chunks]`
//! prints the text the checker reads (what `nianbao check` underlines), or with `--chunks` every
//! printed line's chunks with their positions and ruled cells ([`nianbao_core::pdf::layout::dump`]).

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("用法：pdfdump 文件.pdf [--chunks]");
        std::process::exit(2);
    };
    let chunks = args.next().is_some_and(|a| a == "--chunks");
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("错误：{path}: {e}");
            std::process::exit(2);
        }
    };
    match nianbao_core::pdf::reader::read(&bytes) {
        Ok(pages) if chunks => print!("{}", nianbao_core::pdf::layout::dump(&pages)),
        Ok(pages) => print!("{}", nianbao_core::pdf::from_pages(&pages).text),
        Err(e) => {
            eprintln!("错误：{path}: {e}");
            std::process::exit(2);
        }
    }
}
