//! The `lsp` target: a sequence of arbitrary JSON-RPC messages and edits fed to the language server
//! in process (`nianbao_lsp::serve` over in-memory pipes).
//!
//! Oracles: the server never panics; after the sequence it still answers; the diagnostics of every
//! open document equal a fresh `nianbao_core::analyze` of the text the edits give under LSP's rules
//! (positions in the negotiated encoding, out-of-range positions clamped to the line and the
//! document); it answers `shutdown` and ends on `exit`.

use crate::{lsp_range, Rest, SNIPPETS};
use arbitrary::Arbitrary;
use nianbao_core::lines::Unit;
use nianbao_core::{Config, LineIndex};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::OnceLock;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};
use tokio::sync::mpsc;

/// How long any one answer may take (a debug build analysing a large document on a loaded machine).
const PATIENCE: Duration = Duration::from_secs(60);

const SEEDS: &[&str] = &[
    include_str!("../../../tests/corpus/000_0e036e56d339c4bd.txt"),
    include_str!("../../../tests/corpus/001_7e69af88cfc75a8c.txt"),
    include_str!("../../../tests/corpus/002_265800ffb6025e20.txt"),
    include_str!("../../../tests/corpus/003_1b7c73a738c3b718.txt"),
    include_str!("../../../tests/corpus/004_c713da55fa8f498a.txt"),
];

#[derive(Debug, Arbitrary)]
pub struct LspInput {
    /// bits 0-1: position encoding offered (UTF-16, UTF-8, UTF-32); bit 2: pull diagnostics;
    /// bit 3: no debounce setting (the default 150 ms) instead of 0.
    pub flags: u8,
    pub ops: Vec<Op>,
    /// Text of a document opened last (after the sequence).
    pub last: Rest,
}

/// A text: a snippet of a report, a whole real report, or anything.
#[derive(Debug, Arbitrary)]
pub enum Text {
    Snippet(u8),
    Seed(u8),
    Any(String),
}

impl Text {
    fn get(&self) -> String {
        match self {
            Text::Snippet(i) => SNIPPETS[*i as usize % SNIPPETS.len()].to_string(),
            Text::Seed(i) => SEEDS[*i as usize % SEEDS.len()].to_string(),
            Text::Any(s) => s.clone(),
        }
    }
}

/// A position: mostly small (inside a document), sometimes anything up to `u32::MAX`.
#[derive(Debug, Arbitrary, Clone, Copy)]
pub struct Pos {
    pub line: u32,
    pub character: u32,
}

impl Pos {
    fn get(self) -> (u32, u32) {
        let shrink = |v: u32| if v & 0x8000_0000 == 0 { v % 400 } else { v };
        (shrink(self.line), shrink(self.character))
    }
}

#[derive(Debug, Arbitrary)]
pub enum Method {
    Hover,
    Completion,
    Formatting,
    RangeFormatting,
    CodeAction,
    DocumentSymbol,
    FoldingRange,
    InlayHint,
    SemanticTokens,
    Diagnostic,
    Definition,
    Unknown,
}

impl Method {
    fn name(&self) -> &'static str {
        match self {
            Method::Hover => "textDocument/hover",
            Method::Completion => "textDocument/completion",
            Method::Formatting => "textDocument/formatting",
            Method::RangeFormatting => "textDocument/rangeFormatting",
            Method::CodeAction => "textDocument/codeAction",
            Method::DocumentSymbol => "textDocument/documentSymbol",
            Method::FoldingRange => "textDocument/foldingRange",
            Method::InlayHint => "textDocument/inlayHint",
            Method::SemanticTokens => "textDocument/semanticTokens/full",
            Method::Diagnostic => "textDocument/diagnostic",
            Method::Definition => "textDocument/definition",
            Method::Unknown => "nianbao/noSuchMethod",
        }
    }
}

/// A JSON value of any shape (wrong parameter types).
#[derive(Debug, Arbitrary)]
pub enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(Key, Json)>),
}

/// Keys LSP parameters use, and others.
#[derive(Debug, Arbitrary)]
pub enum Key {
    TextDocument,
    Uri,
    Position,
    Range,
    Line,
    Character,
    Text,
    Version,
    ContentChanges,
    Context,
    Options,
    Other(String),
}

impl Json {
    fn value(&self, depth: usize) -> Value {
        if depth > 6 {
            return Value::Null;
        }
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => json!(b),
            Json::Int(i) => json!(i),
            Json::Float(f) => json!(f),
            Json::Str(s) => json!(s),
            Json::Arr(v) => Value::Array(v.iter().map(|j| j.value(depth + 1)).collect()),
            Json::Obj(kv) => {
                let mut m = serde_json::Map::new();
                for (k, v) in kv {
                    let k = match k {
                        Key::TextDocument => "textDocument",
                        Key::Uri => "uri",
                        Key::Position => "position",
                        Key::Range => "range",
                        Key::Line => "line",
                        Key::Character => "character",
                        Key::Text => "text",
                        Key::Version => "version",
                        Key::ContentChanges => "contentChanges",
                        Key::Context => "context",
                        Key::Options => "options",
                        Key::Other(s) => s,
                    };
                    m.insert(k.to_string(), v.value(depth + 1));
                }
                Value::Object(m)
            }
        }
    }
}

#[derive(Debug, Arbitrary)]
pub enum Op {
    Open {
        doc: u8,
        version: i32,
        language: u8,
        text: Text,
    },
    Change {
        doc: u8,
        version: i32,
        changes: Vec<(Pos, Pos, Text)>,
    },
    Full {
        doc: u8,
        version: i32,
        text: Text,
    },
    Close {
        doc: u8,
    },
    Request {
        method: Method,
        doc: u8,
        start: Pos,
        end: Pos,
    },
    /// A request or notification with parameters of any shape.
    Wild {
        method: Method,
        notification: bool,
        params: Json,
    },
    Cancel {
        back: u8,
    },
    /// A frame whose body is anything (malformed JSON), with a correct Content-Length.
    Raw(Vec<u8>),
    Settings {
        debounce_ms: u8,
        ignore: bool,
    },
}

const DOCS: u8 = 3;
const LANGUAGES: &[&str] = &["markdown", "plaintext", "rust", ""];

fn uri(doc: u8) -> String {
    format!("file:///nianbao-fuzz/doc{}.md", doc % DOCS)
}

fn frame(v: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(v).expect("json");
    frame_bytes(&body)
}

fn frame_bytes(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// The byte offset of an LSP position in `text`, as the server's ropes resolve it: lines end at
/// `\n`; a column is clamped to the line without its line break (`\r` and `\n`), a line past the
/// end is the end of the text; a column inside a character is that character's start.
fn offset(text: &str, line: u32, character: u32, unit: Unit) -> usize {
    let mut start = 0;
    for _ in 0..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let end = text[start..]
        .find('\n')
        .map_or(text.len(), |i| start + i + 1);
    let content = text[start..end].trim_end_matches(['\n', '\r']);
    let mut units = 0u64;
    for (i, c) in content.char_indices() {
        let w = match unit {
            Unit::Utf8 => c.len_utf8(),
            Unit::Utf16 => c.len_utf16(),
            Unit::Char => 1,
        } as u64;
        if units + w > u64::from(character) {
            return start + i;
        }
        units += w;
    }
    start + content.len()
}

/// What the client saw: responses by id.
struct Client {
    writer: DuplexStream,
    responses: mpsc::UnboundedReceiver<Value>,
    next_id: i64,
}

impl Client {
    async fn send(&mut self, bytes: &[u8]) {
        // the server may be gone (a bug the final requests report); ignore write errors here
        let _ = self.writer.write_all(bytes).await;
    }

    async fn notify(&mut self, method: &str, params: Value) {
        let m = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.send(&frame(&m)).await;
    }

    async fn request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        let m = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.send(&frame(&m)).await;
        id
    }

    /// Wait for the response to `id` (others are dropped).
    async fn response(&mut self, id: i64, what: &str) -> Value {
        let wait = async {
            while let Some(v) = self.responses.recv().await {
                if v.get("id") == Some(&json!(id)) && v.get("method").is_none() {
                    return Some(v);
                }
            }
            None
        };
        match tokio::time::timeout(PATIENCE, wait).await {
            Ok(Some(v)) => v,
            Ok(None) => panic!("the server closed its output before answering {what}"),
            Err(_) => panic!("no answer to {what} within {PATIENCE:?}"),
        }
    }
}

/// Read frames from the server; answer its requests (null result) on `back`, forward the rest.
async fn read_frames(
    out: DuplexStream,
    tx: mpsc::UnboundedSender<Value>,
    back: mpsc::UnboundedSender<Vec<u8>>,
) {
    let mut r = BufReader::new(out);
    loop {
        let mut len = None;
        loop {
            let mut line = String::new();
            match r.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length:") {
                len = v.trim().parse::<usize>().ok();
            }
        }
        let len = len.expect("the server sent a frame without Content-Length");
        let mut body = vec![0; len];
        if r.read_exact(&mut body).await.is_err() {
            return;
        }
        let v: Value = serde_json::from_slice(&body).expect("the server sent malformed JSON");
        if v.get("method").is_some() && v.get("id").is_some() {
            let answer = json!({"jsonrpc": "2.0", "id": v["id"], "result": null});
            let _ = back.send(frame(&answer));
        }
        let _ = tx.send(v);
    }
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("tokio runtime")
    })
}

/// The diagnostics expected for `text`: the core's, converted as the server does; none when the
/// text is not a report. Cross-year rules are left out (they depend on the other open documents).
fn expected(text: &str, unit: Unit) -> Vec<(String, [u32; 4], String)> {
    let a = nianbao_core::analyze(text, &Config::default());
    if !a.report.looks_like_report() {
        return Vec::new();
    }
    let index = LineIndex::new(text);
    let mut v: Vec<_> = a
        .diagnostics
        .iter()
        .filter(|d| !matches!(d.code, "NB403" | "NB404"))
        .map(|d| {
            (
                d.code.to_string(),
                lsp_range(text, &index, d.range, unit),
                d.message.clone(),
            )
        })
        .collect();
    v.sort();
    v
}

fn received(items: &Value) -> Vec<(String, [u32; 4], String)> {
    let num = |v: &Value| v.as_u64().expect("a position number") as u32;
    let mut v: Vec<_> = items
        .as_array()
        .expect("diagnostic items")
        .iter()
        .filter(|d| !matches!(d["code"].as_str(), Some("NB403" | "NB404")))
        .map(|d| {
            let r = &d["range"];
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                [
                    num(&r["start"]["line"]),
                    num(&r["start"]["character"]),
                    num(&r["end"]["line"]),
                    num(&r["end"]["character"]),
                ],
                d["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

pub fn lsp(input: &LspInput) {
    runtime().block_on(session(input));
}

async fn session(input: &LspInput) {
    let (unit, encodings) = match input.flags & 3 {
        1 => (Unit::Utf8, json!(["utf-8", "utf-16"])),
        2 => (Unit::Char, json!(["utf-32"])),
        _ => (Unit::Utf16, json!(["utf-16"])),
    };
    let pull = input.flags & 4 != 0;
    let (client_w, server_r) = tokio::io::duplex(1 << 16);
    let (server_w, client_r) = tokio::io::duplex(1 << 16);
    let server = tokio::spawn(nianbao_lsp::serve(server_r, server_w));
    let (tx, rx) = mpsc::unbounded_channel();
    let (back_tx, mut back_rx) = mpsc::unbounded_channel::<Vec<u8>>();
    let reader = tokio::spawn(read_frames(client_r, tx, back_tx));
    let mut c = Client {
        writer: client_w,
        responses: rx,
        next_id: 0,
    };

    let mut caps = json!({"general": {"positionEncodings": encodings}});
    if pull {
        caps["textDocument"] = json!({"diagnostic": {"dynamicRegistration": false}});
    }
    let mut init = json!({"processId": null, "rootUri": null, "capabilities": caps});
    if input.flags & 8 == 0 {
        init["initializationOptions"] = json!({"nianbao": {"debounce_ms": 0}});
    }
    let id = c.request("initialize", init).await;
    let r = c.response(id, "initialize").await;
    assert!(r.get("result").is_some(), "initialize failed: {r}");
    c.notify("initialized", json!({})).await;

    let mut docs: HashMap<u8, String> = HashMap::new();
    for op in input.ops.iter().take(64) {
        while let Ok(answer) = back_rx.try_recv() {
            c.send(&answer).await;
        }
        match op {
            Op::Open {
                doc,
                version,
                language,
                text,
            } => {
                let text = text.get();
                let lang = LANGUAGES[*language as usize % LANGUAGES.len()];
                c.notify(
                    "textDocument/didOpen",
                    json!({"textDocument": {"uri": uri(*doc), "languageId": lang, "version": version, "text": text}}),
                )
                .await;
                docs.insert(doc % DOCS, text);
            }
            Op::Change {
                doc,
                version,
                changes,
            } => {
                let mut events = Vec::new();
                for (a, b, t) in changes.iter().take(16) {
                    let (a, b, t) = (a.get(), b.get(), t.get());
                    events.push(json!({"range": {"start": {"line": a.0, "character": a.1}, "end": {"line": b.0, "character": b.1}}, "text": t}));
                    if let Some(model) = docs.get_mut(&(doc % DOCS)) {
                        let s = offset(model, a.0, a.1, unit);
                        let e = offset(model, b.0, b.1, unit).max(s);
                        model.replace_range(s..e, &t);
                    }
                }
                c.notify(
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": uri(*doc), "version": version}, "contentChanges": events}),
                )
                .await;
            }
            Op::Full { doc, version, text } => {
                let text = text.get();
                c.notify(
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": uri(*doc), "version": version}, "contentChanges": [{"text": text}]}),
                )
                .await;
                if let Some(model) = docs.get_mut(&(doc % DOCS)) {
                    *model = text;
                }
            }
            Op::Close { doc } => {
                c.notify(
                    "textDocument/didClose",
                    json!({"textDocument": {"uri": uri(*doc)}}),
                )
                .await;
                docs.remove(&(doc % DOCS));
            }
            Op::Request {
                method,
                doc,
                start,
                end,
            } => {
                let (a, b) = (start.get(), end.get());
                let range = json!({"start": {"line": a.0, "character": a.1}, "end": {"line": b.0, "character": b.1}});
                let params = json!({
                    "textDocument": {"uri": uri(*doc)},
                    "position": range["start"],
                    "range": range,
                    "options": {"tabSize": 4, "insertSpaces": true},
                    "context": {"diagnostics": [], "triggerKind": 1},
                });
                c.request(method.name(), params).await;
            }
            Op::Wild {
                method,
                notification,
                params,
            } => {
                let params = params.value(0);
                if *notification {
                    c.notify(method.name(), params).await;
                } else {
                    c.request(method.name(), params).await;
                }
            }
            Op::Cancel { back } => {
                let id = c.next_id - i64::from(*back % 4);
                c.notify("$/cancelRequest", json!({"id": id})).await;
            }
            Op::Raw(body) => c.send(&frame_bytes(body)).await,
            Op::Settings {
                debounce_ms,
                ignore,
            } => {
                let mut s = json!({"debounce_ms": debounce_ms});
                if *ignore {
                    s["ignore"] = json!(["NB206"]);
                }
                // the expected diagnostics use the default configuration: restore it below
                c.notify(
                    "workspace/didChangeConfiguration",
                    json!({"settings": {"nianbao": s}}),
                )
                .await;
                c.notify(
                    "workspace/didChangeConfiguration",
                    json!({"settings": {"nianbao": {"debounce_ms": 0}}}),
                )
                .await;
            }
        }
    }
    // a last document, opened after everything else
    let last = input.last.lossy();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": "file:///nianbao-fuzz/last.md", "languageId": "markdown", "version": 1, "text": last}}),
    )
    .await;

    // The server is still up, and what it says about every open document is a fresh analysis of the
    // text the edits give.
    let mut open: Vec<(String, String)> = docs.iter().map(|(d, t)| (uri(*d), t.clone())).collect();
    open.push(("file:///nianbao-fuzz/last.md".into(), last));
    open.sort();
    for (u, text) in &open {
        while let Ok(answer) = back_rx.try_recv() {
            c.send(&answer).await;
        }
        let id = c
            .request(
                "textDocument/diagnostic",
                json!({"textDocument": {"uri": u}}),
            )
            .await;
        let r = c.response(id, "textDocument/diagnostic").await;
        let items = &r["result"]["items"];
        assert!(items.is_array(), "textDocument/diagnostic for {u}: {r}");
        let (got, want) = (received(items), expected(text, unit));
        assert_eq!(
            got, want,
            "diagnostics of {u} differ from a fresh analysis of its text:\n{text:?}"
        );
    }
    let id = c.request("shutdown", Value::Null).await;
    let r = c.response(id, "shutdown").await;
    assert_eq!(r.get("result"), Some(&Value::Null), "shutdown: {r}");
    c.notify("exit", Value::Null).await;
    drop(c);
    match tokio::time::timeout(PATIENCE, server).await {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => panic!("the server task failed: {e}"),
        Err(_) => panic!("the server did not end after exit"),
    }
    reader.abort();
}
