//! Latency from `didChange` to the matching `publishDiagnostics`, debounce 0, through the whole
//! server (JSON-RPC framing, rope edit, analysis, conversion) over in-memory pipes:
//! a typical report (seed 003, 8 KB) and a 1 MB document. Also prints the resident memory growth
//! with 50 open reports.
//!
//! `cargo bench -p nianbao-lsp --bench latency`

use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};
use tokio::runtime::Runtime;
use tokio::sync::mpsc;

const SEED: &str = include_str!("../../../tests/corpus/003_1b7c73a738c3b718.txt");

struct Client {
    writer: DuplexStream,
    published: mpsc::UnboundedReceiver<(String, i64)>,
    next_id: i64,
}

async fn send(w: &mut DuplexStream, msg: Value) {
    let body = msg.to_string();
    w.write_all(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes())
        .await
        .unwrap();
}

/// Read frames; forward (uri, version) of every publishDiagnostics; answer server requests with null.
async fn read_loop(
    reader: DuplexStream,
    tx: mpsc::UnboundedSender<(String, i64)>,
    replies: mpsc::UnboundedSender<Value>,
) {
    let mut r = BufReader::new(reader);
    loop {
        let mut len = 0usize;
        loop {
            let mut line = String::new();
            if r.read_line(&mut line).await.unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                len = v.parse().unwrap();
            }
        }
        let mut body = vec![0u8; len];
        r.read_exact(&mut body).await.unwrap();
        let msg: Value = serde_json::from_slice(&body).unwrap();
        if msg["method"] == "textDocument/publishDiagnostics" {
            let p = &msg["params"];
            let _ = tx.send((
                p["uri"].as_str().unwrap_or("").to_string(),
                p["version"].as_i64().unwrap_or(-1),
            ));
        } else if msg.get("id").is_some() && msg.get("method").is_some() {
            let _ = replies.send(json!({"jsonrpc": "2.0", "id": msg["id"], "result": null}));
        } else if let Some(id) = msg.get("id").and_then(Value::as_i64) {
            // a response to one of our requests
            let _ = tx.send((format!("response:{id}"), 0));
        }
    }
}

impl Client {
    async fn start() -> Client {
        let (client_w, server_r) = tokio::io::duplex(1 << 24);
        let (server_w, client_r) = tokio::io::duplex(1 << 24);
        tokio::spawn(nianbao_lsp::serve(server_r, server_w));
        let (tx, published) = mpsc::unbounded_channel();
        let (reply_tx, mut reply_rx) = mpsc::unbounded_channel::<Value>();
        tokio::spawn(read_loop(client_r, tx, reply_tx));
        let mut c = Client {
            writer: client_w,
            published,
            next_id: 1,
        };
        send(
            &mut c.writer,
            json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
                "capabilities": {}, "initializationOptions": {"nianbao": {"debounce_ms": 0}}}}),
        )
        .await;
        c.wait("response:0", 0).await;
        send(
            &mut c.writer,
            json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        )
        .await;
        // Server requests (none expected with empty capabilities) are answered in the background.
        let _ = reply_rx.try_recv();
        c
    }

    async fn open(&mut self, uri: &str, text: &str) {
        send(
            &mut self.writer,
            json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
                "uri": uri, "languageId": "plaintext", "version": 1, "text": text}}}),
        )
        .await;
        self.wait(uri, 1).await;
    }

    async fn change(&mut self, uri: &str, version: i64, line: u32, col: u32, text: &str) {
        send(
            &mut self.writer,
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": {"line": line, "character": col},
                    "end": {"line": line, "character": col + 1}}, "text": text}]}}),
        )
        .await;
    }

    async fn wait(&mut self, uri: &str, version: i64) {
        while let Some((u, v)) = self.published.recv().await {
            if u == uri && v == version {
                return;
            }
        }
        panic!("server closed");
    }

    async fn stop(mut self) {
        let id = self.next_id;
        self.next_id += 1;
        send(
            &mut self.writer,
            json!({"jsonrpc": "2.0", "id": id, "method": "shutdown"}),
        )
        .await;
        send(
            &mut self.writer,
            json!({"jsonrpc": "2.0", "method": "exit"}),
        )
        .await;
    }
}

/// The line and column (UTF-16) of a value cell to toggle between 0 and 1 on each edit.
fn cell_position(text: &str) -> (u32, u32) {
    let at = text.find("\t0\n").expect("a 0 cell") + 1;
    let line = text[..at].matches('\n').count() as u32;
    let col = text[..at]
        .rsplit('\n')
        .next()
        .unwrap()
        .encode_utf16()
        .count() as u32;
    (line, col)
}

fn bench_document(c: &mut Criterion, rt: &Runtime, name: &str, text: String) {
    let uri = format!("file:///bench/{name}.txt");
    let mut client = rt.block_on(async {
        let mut client = Client::start().await;
        client.open(&uri, &text).await;
        client
    });
    let (line, col) = cell_position(&text);
    let mut version = 1i64;
    let mut group = c.benchmark_group("didChange_to_publishDiagnostics");
    group.sample_size(if text.len() > 500_000 { 20 } else { 100 });
    group.bench_function(name, |b| {
        b.iter_custom(|iters| {
            rt.block_on(async {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    version += 1;
                    let value = if version % 2 == 0 { "1" } else { "0" };
                    let start = Instant::now();
                    client.change(&uri, version, line, col, value).await;
                    client.wait(&uri, version).await;
                    total += start.elapsed();
                }
                total
            })
        })
    });
    group.finish();
    rt.block_on(client.stop());
}

fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn latency(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    // Memory with 50 open reports (resident set growth of this process, server in-process),
    // measured first, before the large documents grow the heap.
    let before = rss_kib();
    let client = rt.block_on(async {
        let mut client = Client::start().await;
        for i in 0..50 {
            let text = SEED.replace("2021年", &format!("{}年", 1970 + i));
            client.open(&format!("file:///bench/r{i}.txt"), &text).await;
        }
        client
    });
    if let (Some(b), Some(a)) = (before, rss_kib()) {
        eprintln!(
            "memory: 50 open reports: +{} KiB resident ({} KiB total)",
            a.saturating_sub(b),
            a
        );
    }
    rt.block_on(client.stop());
    bench_document(c, &rt, "typical_8KB", SEED.to_string());
    let big = SEED.repeat((1 << 20) / SEED.len() + 1);
    bench_document(c, &rt, "document_1MB", big);
}

criterion_group!(benches, latency);
criterion_main!(benches);
