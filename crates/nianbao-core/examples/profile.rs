//! Analyse a file many times (for profilers): `cargo run --release -p nianbao-core --example profile FILE [N]`.
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: profile FILE [N]");
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(200);
    let text = std::fs::read_to_string(path).expect("read");
    let cfg = nianbao_core::Config::default();
    let mut total = 0;
    for _ in 0..n {
        total += nianbao_core::analyze(&text, &cfg).diagnostics.len();
    }
    println!("{total}");
}
