//! `cargo bench -p nianbao-core --bench format`: formatting each seed (a typical report is 8–12 KB),
//! converting one to Markdown, and a 1 MB document (a seed with its overview grown to 1 MB).

mod common;

use common::corpus;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use nianbao_core::format::{format, FormatOptions};

/// Seed 000 (one cell per line, the slowest layout to read) with its overview grown to `bytes`.
fn large(bytes: usize) -> String {
    let seed = corpus().into_iter().find(|s| s.0 == "000").unwrap().1;
    let para: String = seed.lines().nth(5).unwrap().to_string();
    let at = seed.find("二、主动公开政府信息情况").unwrap();
    let mut out = seed[..at].to_string();
    while out.len() + seed.len() - at < bytes {
        out.push_str(&para);
        out.push_str("  \n\n\n");
    }
    out.push_str(&seed[at..]);
    out
}

fn bench(c: &mut Criterion) {
    let plain = FormatOptions::default();
    let md = FormatOptions {
        to_markdown: true,
        ..FormatOptions::default()
    };
    let mut g = c.benchmark_group("format/seed");
    for (name, text) in corpus() {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(&name), &text, |b, t| {
            b.iter(|| format(t, &plain))
        });
    }
    g.finish();
    let seed = corpus().into_iter().find(|s| s.0 == "000").unwrap().1;
    c.bench_function("format/to_markdown/000", |b| b.iter(|| format(&seed, &md)));
    let big = large(1 << 20);
    let mut g = c.benchmark_group("format/large");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.bench_function("1MB", |b| b.iter(|| format(&big, &plain)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
