//! `cargo bench -p nianbao-core --bench pdf`: reading each test PDF (tests/corpus/pdf) into report
//! text (`pdf::read`: parsing, glyphs, layout) and the whole check of it (`Source::read` + analysis).
//! `tests/bench/pdf.sh` times the same files beside `pdftotext -layout`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use nianbao_core::source::{Kind, Source};
use nianbao_core::{analyze_source, pdf, Config, Context};
use std::path::Path;

fn pdfs() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/pdf");
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .filter(|(_, b)| pdf::read(b).is_ok())
        .collect();
    v.sort();
    v
}

fn bench(c: &mut Criterion) {
    let files = pdfs();
    let mut g = c.benchmark_group("pdf/read");
    for (name, bytes) in &files {
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), bytes, |b, bytes| {
            b.iter(|| pdf::read(bytes).unwrap())
        });
    }
    g.finish();
    let mut g = c.benchmark_group("pdf/check");
    let cfg = Config::default();
    for (name, bytes) in &files {
        g.bench_with_input(BenchmarkId::from_parameter(name), bytes, |b, bytes| {
            b.iter(|| {
                let s = Source::read(bytes.clone(), Some(Kind::Pdf)).unwrap();
                analyze_source(&s, &cfg, &Context::default())
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
