//! `cargo bench -p nianbao-core --bench analyze`: analysis of each seed, of a 1 MB report, and scaling;
//! parsing with and without the reader's memo tables.

mod common;

use common::corpus;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use nianbao_core::{analyze, Config, Reader};

/// A report grown to about `bytes` by repeating overview prose (tables stay as in seed 003).
pub fn synthetic(bytes: usize) -> String {
    let seeds = corpus();
    let base = &seeds.iter().find(|s| s.0 == "003").unwrap().1;
    let para = seeds
        .iter()
        .find(|s| s.0 == "000")
        .unwrap()
        .1
        .lines()
        .nth(5)
        .unwrap()
        .to_string();
    let at = base.find("（一）主动公开方面").unwrap();
    let mut out = base[..at].to_string();
    while out.len() + base.len() - at < bytes {
        out.push_str(&para);
        out.push_str("\n\n");
    }
    out.push_str(&base[at..]);
    out
}

fn bench(c: &mut Criterion) {
    let cfg = Config::default();
    let mut g = c.benchmark_group("analyze/seed");
    for (name, text) in corpus() {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(&name), &text, |b, t| {
            b.iter(|| analyze(t, &cfg))
        });
    }
    g.finish();
    let mut g = c.benchmark_group("analyze/size");
    g.sample_size(20);
    for kb in [64usize, 256, 1024] {
        let text = synthetic(kb * 1024);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("{kb}KiB")),
            &text,
            |b, t| b.iter(|| analyze(t, &cfg)),
        );
    }
    g.finish();
    // The reader's memo tables (the fast path) beside a memo-less reader (the plain reference the
    // tests compare it with): the seeds read one after the other, as a batch or a language server does.
    let seeds: Vec<String> = corpus().into_iter().map(|(_, t)| t).collect();
    let mut g = c.benchmark_group("parse/seeds");
    let owned = Reader::new();
    g.bench_function("one reader for all", |b| {
        b.iter(|| {
            seeds
                .iter()
                .map(|t| owned.parse(t, None))
                .collect::<Vec<_>>()
        })
    });
    g.bench_function("memo-less reader", |b| {
        b.iter(|| {
            seeds
                .iter()
                .map(|t| Reader::without_memo().parse(t, None))
                .collect::<Vec<_>>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
