fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[1]).unwrap_or_default();
    let pages = nianbao_core::pdf::reader::read(&bytes).unwrap();
    if args.len() > 2 {
        let n: usize = args[2].parse().unwrap();
        for r in &pages[n - 1].rules {
            println!("{:?}", r);
        }
        return;
    }
    print!("{}", nianbao_core::pdf::layout::dump(&pages));
}
