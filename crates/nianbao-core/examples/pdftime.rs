//! Where the time of reading a PDF goes: `cargo run --release --example pdftime -- a.pdf…`.
fn main() {
    for f in std::env::args().skip(1) {
        let bytes = std::fs::read(&f).unwrap_or_default();
        let n = 20;
        let (mut read, mut lay) = (0.0, 0.0);
        for _ in 0..n {
            let t = std::time::Instant::now();
            let Ok(pages) = nianbao_core::pdf::reader::read(&bytes) else {
                break;
            };
            read += t.elapsed().as_secs_f64();
            let t = std::time::Instant::now();
            let _ = nianbao_core::pdf::from_pages(&pages);
            lay += t.elapsed().as_secs_f64();
        }
        let t = std::time::Instant::now();
        for _ in 0..n {
            let _ = lopdf::Document::load_mem(&bytes);
        }
        let load = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
        println!("  lopdf load {load:.1} ms");
        println!(
            "{f}: read {:.1} ms, layout {:.1} ms",
            read * 1000.0 / n as f64,
            lay * 1000.0 / n as f64
        );
    }
}
