//! Analyse files many times (for profilers):
//! `cargo run --release -p nianbao-core --example profile FILE_OR_DIR [N]` (a directory: every file in it).
// the allocator of the `nianbao` binary, so that profiles show what it does
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = std::path::PathBuf::from(args.next().expect("usage: profile FILE_OR_DIR [N]"));
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(200);
    let paths: Vec<std::path::PathBuf> = if path.is_dir() {
        let mut v: Vec<_> = std::fs::read_dir(&path)
            .expect("read dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        v.sort();
        v
    } else {
        vec![path]
    };
    let texts: Vec<String> = paths
        .iter()
        .map(|p| nianbao_core::decode::decode(&std::fs::read(p).expect("read")).text)
        .collect();
    let cfg = nianbao_core::Config::default();
    let mut total = 0;
    for _ in 0..n {
        for text in &texts {
            total += nianbao_core::analyze(text, &cfg).diagnostics.len();
        }
    }
    println!("{total}");
}
