//! `nianbao serve`: the checker as a local web app (INTERFACES.md, `serve` HTTP API). A thin adapter:
//! every answer is made by the same core calls and the same JSON writer ([`crate::render::file_json`])
//! as `nianbao check`, `fmt`, `export` and `review`; the page (HTML, CSS, JS under `serve/`) is
//! embedded in the binary and needs no network.
//!
//! Safety: bodies over [`BODY_LIMIT`] are refused (413); each analysis runs on the blocking pool with
//! a time limit, at most a few at once; nothing is written to disk and no path on the machine is
//! read; a request whose `Host` is not an address or `localhost` on our port (DNS rebinding), or whose
//! `Origin` is not the page itself (another site driving the API from the user's browser), is refused
//! (403). Malformed requests get a 4xx with a Chinese message, never a crash.

use crate::render;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use nianbao_core::lines::LineIndex;
use nianbao_core::review::{self, Reviewed};
use nianbao_core::source::{Kind, Source};
use nianbao_core::Reader;
use nianbao_core::{export, rules, Checked, Config, TextSize};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// The largest body accepted (INTERFACES.md).
pub const BODY_LIMIT: usize = 20 * 1024 * 1024;
/// How long one analysis (a check, a format, an export, a whole review) may take.
const ANALYSIS_LIMIT: Duration = Duration::from_secs(60);
/// How long the upload of one body may take (a client that sends slowly must not hold a place).
const UPLOAD_LIMIT: Duration = Duration::from_secs(60);
/// Requests to the API handled at once (their bodies in memory); the others wait their turn.
const IN_FLIGHT: usize = 16;

const PAGE_HTML: &str = include_str!("serve/index.html");
const PAGE_CSS: &str = include_str!("serve/app.css");
const PAGE_JS: &str = include_str!("serve/app.js");

#[derive(clap::Args)]
pub struct ServeArgs {
    /// 监听地址（IP:端口，或 localhost:端口）；默认只在本机回环地址上监听，别的机器无法访问
    #[arg(long, default_value = "127.0.0.1:7878", value_parser = parse_addr)]
    pub addr: SocketAddr,
    /// 启动后在浏览器中打开页面
    #[arg(long)]
    pub open: bool,
}

/// `--addr`: `IP:PORT`, `[IPv6]:PORT` or `localhost:PORT`.
fn parse_addr(s: &str) -> Result<SocketAddr, String> {
    if let Ok(a) = s.parse() {
        return Ok(a);
    }
    if let Some(port) = s
        .strip_prefix("localhost:")
        .and_then(|p| p.parse::<u16>().ok())
    {
        return Ok(SocketAddr::from(([127, 0, 0, 1], port)));
    }
    Err(format!(
        "「{s}」不是监听地址：应写成 IP:端口，例如 127.0.0.1:7878"
    ))
}

/// What every handler shares.
#[derive(Clone)]
struct AppState {
    /// The port we listen on (a `Host` or `Origin` on another port is another site).
    port: u16,
    /// Analyses running at once (each on the blocking pool).
    analyses: Arc<Semaphore>,
    /// API requests in flight.
    in_flight: Arc<Semaphore>,
    /// The server's reader: its memos shared by every analysis.
    reader: Arc<Reader>,
}

pub fn run(args: ServeArgs) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("错误：无法启动服务：{e}");
            return ExitCode::from(2);
        }
    };
    runtime.block_on(serve(args))
}

async fn serve(args: ServeArgs) -> ExitCode {
    let listener = match listen(args.addr) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("错误：无法在 {} 上监听：{e}", args.addr);
            return ExitCode::from(2);
        }
    };
    let bound = listener.local_addr().unwrap_or(args.addr);
    let stop = stop_signal();
    rayon::spawn(nianbao_core::warm_up);
    let url = if bound.ip().is_unspecified() || !bound.ip().is_loopback() {
        format!("http://{bound}/")
    } else {
        format!("http://{}/", SocketAddr::new(bound.ip(), bound.port()))
    };
    if !bound.ip().is_loopback() {
        eprintln!(
            "警告：正在监听 {bound}，不只是本机：同一网络中的其他人也能打开这个页面、上传报告。\
             只在可信的网络中这样做；只供自己使用时请用默认地址 127.0.0.1。"
        );
    }
    eprintln!("nianbao serve：请在浏览器中打开 {url}（按 Ctrl+C 停止）");
    if args.open {
        let open_url = if bound.ip().is_unspecified() {
            format!("http://127.0.0.1:{}/", bound.port())
        } else {
            url.clone()
        };
        if let Err(e) = open::that_detached(&open_url) {
            eprintln!("警告：无法打开浏览器（{e}），请手动打开 {open_url}");
        }
    }
    let state = AppState {
        port: bound.port(),
        analyses: Arc::new(Semaphore::new(
            std::thread::available_parallelism().map_or(2, |n| n.get()),
        )),
        in_flight: Arc::new(Semaphore::new(IN_FLIGHT)),
        reader: Arc::new(Reader::new()),
    };
    let served = axum::serve(listener, router(state))
        .with_graceful_shutdown(stop)
        .await;
    match served {
        Ok(()) => {
            eprintln!("nianbao serve：已停止");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("错误：服务出错：{e}");
            ExitCode::from(2)
        }
    }
}

/// Ctrl+C, or (Unix) SIGTERM: stop accepting, finish the requests under way. The handlers are installed
/// when this is called (before the banner), so a signal sent as soon as the address is printed is caught.
#[cfg(unix)]
fn stop_signal() -> impl std::future::Future<Output = ()> {
    use tokio::signal::unix::{signal, Signal, SignalKind};
    async fn wait(s: Option<Signal>) {
        match s {
            Some(mut s) => {
                s.recv().await;
            }
            None => std::future::pending::<()>().await,
        }
    }
    let interrupt = signal(SignalKind::interrupt()).ok();
    let terminate = signal(SignalKind::terminate()).ok();
    async move {
        tokio::select! {
            _ = wait(interrupt) => {}
            _ = wait(terminate) => {}
        }
    }
}

#[cfg(not(unix))]
fn stop_signal() -> impl std::future::Future<Output = ()> {
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Listen on `addr` with room for many connections at once: the usual backlog (128) makes a burst of
/// uploads wait a second for the SYN to be sent again.
fn listen(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(1024)
}

fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/app.css", get(css))
        .route("/app.js", get(js))
        .route("/api/rules", get(rules_list))
        .route("/api/check", post(check))
        .route("/api/format", post(format))
        .route("/api/export", post(export_tables))
        .route("/api/review", post(review_many))
        .fallback(not_found)
        // the multipart reader's own limit (2 MB by default): [`body_of`] has already enforced ours
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .with_state(state)
}

// ------------------------------------------------------------------------------ errors, guard

/// A refusal: a status and a Chinese message, as `{"error": "…"}`.
struct Refusal(StatusCode, String);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        (self.0, axum::Json(json!({"error": self.1}))).into_response()
    }
}

fn refuse(status: StatusCode, message: impl Into<String>) -> Response {
    Refusal(status, message.into()).into_response()
}

/// The host part of a `Host` header value or of an origin's authority, and its port.
fn split_authority(authority: &str) -> Option<(&str, Option<u16>)> {
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let end = rest.find(']')?;
        let host = &authority[..end + 2];
        match &rest[end + 1..] {
            "" => (host, None),
            p => (host, Some(p.strip_prefix(':')?.parse().ok()?)),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p.parse().ok()?)),
            None => (authority, None),
        }
    };
    Some((host, port))
}

/// Is this `Host` ours: `localhost` or an IP address (a name in DNS could be rebound to our address),
/// on our port?
fn host_allowed(authority: &str, port: u16) -> bool {
    let Some((host, p)) = split_authority(authority) else {
        return false;
    };
    let literal = host.eq_ignore_ascii_case("localhost")
        || host.parse::<std::net::Ipv4Addr>().is_ok()
        || host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .is_some_and(|h| h.parse::<std::net::Ipv6Addr>().is_ok());
    literal && p.unwrap_or(80) == port
}

/// Refuse what another site could send from the user's browser, and limit the API requests in flight.
async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !host_allowed(host, state.port) {
        return refuse(
            StatusCode::FORBIDDEN,
            format!("拒绝：请求的主机名「{host}」不是本服务的地址（只接受 localhost 或 IP 地址）"),
        );
    }
    let api = request.uri().path().starts_with("/api/");
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        let same = origin
            .strip_prefix("http://")
            .is_some_and(|a| a.eq_ignore_ascii_case(host));
        if !same {
            return refuse(
                StatusCode::FORBIDDEN,
                format!("拒绝：来自其他网站（{origin}）的请求不能使用本服务"),
            );
        }
    }
    if api {
        // a browser that says the request comes from elsewhere (older browsers may omit the Origin)
        let site = headers
            .get("sec-fetch-site")
            .and_then(|h| h.to_str().ok())
            .unwrap_or("same-origin");
        if !matches!(site, "same-origin" | "none") {
            return refuse(
                StatusCode::FORBIDDEN,
                "拒绝：来自其他网站的请求不能使用本服务",
            );
        }
    }
    let permit = if api {
        match state.in_flight.clone().acquire_owned().await {
            Ok(p) => Some(p),
            Err(_) => return refuse(StatusCode::SERVICE_UNAVAILABLE, "服务正在停止"),
        }
    } else {
        None
    };
    let mut response = next.run(request).await;
    drop(permit);
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn not_found(method: Method) -> Response {
    if method == Method::GET || method == Method::POST {
        refuse(StatusCode::NOT_FOUND, "没有这个页面")
    } else {
        refuse(StatusCode::METHOD_NOT_ALLOWED, "不支持这种请求方法")
    }
}

/// The body, at most [`BODY_LIMIT`] bytes (413 otherwise, before reading it when it says its length).
async fn body_of(headers: &HeaderMap, body: Body) -> Result<Bytes, Response> {
    let too_large = || {
        refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("上传的内容太大：最多 {} MB", BODY_LIMIT / (1024 * 1024)),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > BODY_LIMIT as u64) {
        return Err(too_large());
    }
    let read = tokio::time::timeout(UPLOAD_LIMIT, axum::body::to_bytes(body, BODY_LIMIT)).await;
    let Ok(read) = read else {
        return Err(refuse(
            StatusCode::REQUEST_TIMEOUT,
            format!("上传超时（超过 {} 秒）", UPLOAD_LIMIT.as_secs()),
        ));
    };
    match read {
        Ok(b) => Ok(b),
        Err(e) => {
            let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&e);
            let mut length_limit = false;
            while let Some(s) = source {
                length_limit |= s.is::<http_body_util::LengthLimitError>();
                source = s.source();
            }
            if length_limit {
                Err(too_large())
            } else {
                Err(refuse(
                    StatusCode::BAD_REQUEST,
                    format!("无法读取上传的内容：{e}"),
                ))
            }
        }
    }
}

/// Run `work` on the blocking pool, a few at once, within [`ANALYSIS_LIMIT`] (waiting for a turn
/// included); a panic is a 500, not the end of the server.
async fn analyse<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Response> {
    let analyses = state.analyses.clone();
    // the wait for a turn counts too: analyses that never end must not make the others wait forever
    let run = async move {
        let permit = analyses.acquire_owned().await.ok()?;
        let task = tokio::task::spawn_blocking(move || {
            // the permit is held until the work ends, even when the request has given up waiting
            let _permit = permit;
            work()
        });
        Some(task.await)
    };
    match tokio::time::timeout(ANALYSIS_LIMIT, run).await {
        Ok(Some(Ok(v))) => Ok(v),
        Ok(Some(Err(_))) => Err(refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            "分析这份内容时出错（程序缺陷），请把文件报告给 nianbao 的维护者",
        )),
        Ok(None) => Err(refuse(StatusCode::SERVICE_UNAVAILABLE, "服务正在停止")),
        Err(_) => Err(refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("分析超时（超过 {} 秒）", ANALYSIS_LIMIT.as_secs()),
        )),
    }
}

// ------------------------------------------------------------------------------ reading uploads

/// An uploaded file, read.
pub struct Upload {
    /// The text the diagnostics refer to.
    pub text: String,
    /// Fixes can be made in it (not in text extracted from a .docx or a PDF).
    pub fixable: bool,
    /// The input as read, with its way back to the origin (a PDF's pages).
    pub source: Source<'static>,
}

/// Read an uploaded file's bytes as `nianbao check` reads a file (files.rs): a PDF laid out (with the
/// same time limit and fallback), a Word document's paragraphs and tables, else the text decoded
/// (UTF-8, UTF-16, GB18030…; HTML is read as text with its tables by the core); a `.doc`, `.wps`,
/// `.rtf` or `.odt` converted by LibreOffice when it is installed. Other binary data is an error, not
/// a report.
pub fn read_upload(bytes: &[u8], filename: &str) -> Result<Upload, String> {
    let kind = filename
        .rsplit_once('.')
        .and_then(|(_, e)| Kind::from_extension(e));
    let source = if nianbao_core::pdf::is_pdf(bytes) || kind == Some(Kind::Pdf) {
        crate::files::read_pdf(bytes.to_vec(), None)
    } else if let Some(ext) = crate::files::word_processor_kind(bytes) {
        crate::files::convert_bytes(bytes, ext)
    } else {
        Source::read(bytes.to_vec(), kind).map_err(|e| e.to_string())
    }
    .map_err(|e| format!("{filename}：{e}"))?;
    Ok(Upload {
        text: source.text.to_string(),
        fixable: source.fixable(),
        source,
    })
}

/// The name a file is reported under: the last part of what the client said, never a path.
fn file_name(given: Option<&str>) -> String {
    let name = given
        .unwrap_or("")
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .trim();
    let name: String = name.chars().filter(|c| !c.is_control()).take(200).collect();
    if name.is_empty() || name == "." || name == ".." {
        "未命名.txt".to_string()
    } else {
        name
    }
}

// ------------------------------------------------------------------------------ handlers

async fn page() -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        PAGE_HTML,
    )
        .into_response()
}

async fn css() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        PAGE_CSS,
    )
        .into_response()
}

async fn js() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        PAGE_JS,
    )
        .into_response()
}

/// Every rule with its explanation (an addition to INTERFACES.md: the page shows a rule's doc on demand).
async fn rules_list() -> Response {
    let all: Vec<Value> = rules::all()
        .iter()
        .map(|m| {
            json!({"code": m.code, "name": m.name, "severity": m.severity.as_str(),
                   "summary": m.summary, "doc": m.doc})
        })
        .collect();
    axum::Json(all).into_response()
}

#[derive(serde::Deserialize)]
struct FileQuery {
    filename: Option<String>,
    /// `/api/format`: `markdown` converts (as `fmt --to markdown`).
    to: Option<String>,
    /// `/api/export`: `json` (default) or `csv`; `/api/review`: `json` (default), `csv` or `html`.
    format: Option<String>,
}

/// The query string, or a 400.
fn query_of(
    q: Result<Query<FileQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<FileQuery, Response> {
    q.map(|Query(q)| q)
        .map_err(|e| refuse(StatusCode::BAD_REQUEST, format!("查询参数有误：{e}")))
}

/// `POST /api/check?filename=NAME`: the `files[0]` object of `check --format json`, plus `"text"` (and
/// for a PDF `"pages"`: the line each page starts on).
async fn check(
    State(state): State<AppState>,
    q: Result<Query<FileQuery>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let run = async {
        let q = query_of(q)?;
        let bytes = body_of(&headers, body).await?;
        let name = file_name(q.filename.as_deref());
        let reader = state.reader.clone();
        let out = analyse(&state, move || check_json(&reader, &bytes, &name)).await?;
        out.map_err(|e| refuse(StatusCode::UNPROCESSABLE_ENTITY, e))
    };
    match run.await {
        Ok(v) => json_response(v),
        Err(r) => r,
    }
}

fn json_response(bytes: Vec<u8>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        bytes,
    )
        .into_response()
}

/// The check of one upload, as `nianbao check --format json` writes the file's object (the same
/// core calls and the same writer), with `"text"` added.
pub fn check_json(reader: &Reader, bytes: &[u8], name: &str) -> Result<Vec<u8>, String> {
    let upload = read_upload(bytes, name)?;
    let text = &upload.text;
    let checked = reader.check_source(&upload.source, &Config::default());
    let r = checked.facts.report();
    let li = LineIndex::new(text);
    let mut out = Vec::new();
    render::file_json(
        &mut out,
        0,
        name,
        r.template.as_deref(),
        r.year,
        &li,
        text,
        &checked.diagnostics,
        &|range| upload.source.page(range.start()),
    );
    // `"text"` added before the closing brace of the object
    while out.last().is_some_and(|b| *b != b'}') {
        out.pop();
    }
    out.pop();
    while out.last().is_some_and(u8::is_ascii_whitespace) {
        out.pop();
    }
    // a PDF: where each page starts, `[[line, page], …]` (1-based), for the page markers in the text
    let mut pages: Vec<(usize, u32)> = Vec::new();
    for line in 0..li.line_count() {
        if let Some(p) = upload.source.page(li.line_start(line)) {
            if pages.last().is_none_or(|&(_, q)| q != p) {
                pages.push((line + 1, p));
            }
        }
    }
    if !pages.is_empty() {
        out.extend_from_slice(b",\n  \"pages\": ");
        serde_json::to_writer(&mut out, &pages).map_err(|e| e.to_string())?;
    }
    out.extend_from_slice(b",\n  \"text\": ");
    serde_json::to_writer(&mut out, &text).map_err(|e| e.to_string())?;
    out.extend_from_slice(b"\n}");
    Ok(out)
}

/// `POST /api/format?filename=NAME[&to=markdown]`: the formatted text (as `nianbao fmt -`; with
/// `to=markdown` as `fmt --to markdown`; a Word document is always converted to Markdown).
async fn format(
    State(state): State<AppState>,
    q: Result<Query<FileQuery>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let run = async {
        let q = query_of(q)?;
        let to_markdown = match q.to.as_deref() {
            None | Some("") => false,
            Some("markdown") => true,
            Some(other) => {
                return Err(refuse(
                    StatusCode::BAD_REQUEST,
                    format!("不支持转换为「{other}」，只能是 markdown"),
                ))
            }
        };
        let bytes = body_of(&headers, body).await?;
        let name = file_name(q.filename.as_deref());
        let out = analyse(&state, move || {
            let upload = read_upload(&bytes, &name)?;
            let options = nianbao_core::format::FormatOptions {
                to_markdown: to_markdown || !upload.fixable,
                template: None,
            };
            let f = nianbao_core::format::format(&upload.text, &options);
            Ok::<_, String>((f.text, f.warnings.len()))
        })
        .await?;
        out.map_err(|e| refuse(StatusCode::UNPROCESSABLE_ENTITY, e))
    };
    match run.await {
        Ok((text, warnings)) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/plain; charset=utf-8"),
                ),
                (
                    header::HeaderName::from_static("x-nianbao-format-warnings"),
                    HeaderValue::from(warnings),
                ),
            ],
            text,
        )
            .into_response(),
        Err(r) => r,
    }
}

/// `POST /api/export?filename=NAME&format=json|csv`: the report's object of `export --format json`,
/// or the rows of `export --format csv` (with its header).
async fn export_tables(
    State(state): State<AppState>,
    q: Result<Query<FileQuery>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let run = async {
        let q = query_of(q)?;
        let csv = match q.format.as_deref() {
            None | Some("") | Some("json") => false,
            Some("csv") => true,
            Some(other) => {
                return Err(refuse(
                    StatusCode::BAD_REQUEST,
                    format!("不支持的导出格式「{other}」，只能是 json 或 csv"),
                ))
            }
        };
        let bytes = body_of(&headers, body).await?;
        let name = file_name(q.filename.as_deref());
        let reader = state.reader.clone();
        let out = analyse(&state, move || {
            let upload = read_upload(&bytes, &name)?;
            let r = reader.parse_source(&nianbao_core::Source::from_text(&upload.text), None);
            if csv {
                let mut s = String::from(export::CSV_HEADER);
                s.push('\n');
                for line in
                    export::to_csv_paged(&r, &upload.text, &name, &|at| upload.source.page(at))
                {
                    s.push_str(&line);
                    s.push('\n');
                }
                Ok::<_, String>(s.into_bytes())
            } else {
                serde_json::to_vec_pretty(&export::to_json(&r, &upload.text, &name))
                    .map_err(|e| e.to_string())
            }
        })
        .await?;
        out.map(|b| (b, csv))
            .map_err(|e| refuse(StatusCode::UNPROCESSABLE_ENTITY, e))
    };
    match run.await {
        Ok((bytes, true)) => {
            ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], bytes).into_response()
        }
        Ok((bytes, false)) => json_response(bytes),
        Err(r) => r,
    }
}

/// `POST /api/review[?format=json|csv|html]` (multipart: every part with a file name is a report; a
/// part named `units` is the list of units expected, CSV or TOML as in `review --units`): the roll-up.
async fn review_many(
    State(state): State<AppState>,
    q: Result<Query<FileQuery>, axum::extract::rejection::QueryRejection>,
    request: Request,
) -> Response {
    let run = async {
        let q = query_of(q)?;
        let format = match q.format.as_deref() {
            None | Some("") | Some("json") => "json",
            Some("csv") => "csv",
            Some("html") => "html",
            Some(other) => {
                return Err(refuse(
                    StatusCode::BAD_REQUEST,
                    format!("不支持的格式「{other}」，只能是 json、csv 或 html"),
                ))
            }
        };
        let (parts, body) = request.into_parts();
        let bytes = body_of(&parts.headers, body).await?;
        let request = Request::from_parts(parts, Body::from(bytes));
        let mut multipart = axum::extract::Multipart::from_request(request, &())
            .await
            .map_err(|e| {
                refuse(
                    StatusCode::BAD_REQUEST,
                    format!("请以 multipart/form-data 上传文件：{e}"),
                )
            })?;
        let mut files: Vec<(String, Bytes)> = Vec::new();
        let mut units: Option<(String, Bytes)> = None;
        loop {
            let field = match multipart.next_field().await {
                Ok(Some(f)) => f,
                Ok(None) => break,
                Err(e) => {
                    return Err(refuse(
                        StatusCode::BAD_REQUEST,
                        format!("上传的表单有误：{e}"),
                    ))
                }
            };
            let is_units = field.name() == Some("units");
            let given = field.file_name().map(str::to_string);
            let data = field
                .bytes()
                .await
                .map_err(|e| refuse(StatusCode::BAD_REQUEST, format!("上传的表单有误：{e}")))?;
            if is_units {
                units = Some((file_name(given.as_deref()), data));
            } else if given.is_some() {
                files.push((file_name(given.as_deref()), data));
            }
        }
        if files.is_empty() {
            return Err(refuse(StatusCode::BAD_REQUEST, "没有收到报告文件"));
        }
        let reader = state.reader.clone();
        let out = analyse(&state, move || review_files(&reader, files, units, format)).await?;
        out.map_err(|e| refuse(StatusCode::UNPROCESSABLE_ENTITY, e))
    };
    match run.await {
        Ok((bytes, content_type)) => {
            ([(header::CONTENT_TYPE, content_type)], bytes).into_response()
        }
        Err(r) => r,
    }
}

/// The review of uploaded files, as `nianbao review` makes it of files on disk.
pub fn review_files(
    reader: &Reader,
    files: Vec<(String, Bytes)>,
    units: Option<(String, Bytes)>,
    format: &str,
) -> Result<(Vec<u8>, &'static str), String> {
    let expected = match units {
        None => None,
        Some((name, bytes)) => {
            let text = nianbao_core::decode::decode(&bytes).text;
            let toml = name.to_ascii_lowercase().ends_with(".toml");
            Some(review::parse_units(&text, toml).map_err(|e| format!("{name}：{e}"))?)
        }
    };
    let config = Config::default();
    let read: Vec<(String, Result<Upload, String>)> = files
        .into_par_iter()
        .map(|(name, bytes)| {
            let upload = read_upload(&bytes, &name);
            (name, upload)
        })
        .collect();
    let mut reviewed: Vec<Reviewed> = read
        .par_iter()
        .map(|(name, upload)| match upload {
            Ok(u) => review::review_source(
                reader,
                name,
                &u.source,
                &config,
                expected.is_some(),
                &|at| u.source.page(TextSize::from(at as u32)),
            ),
            Err(e) => Reviewed {
                unit: review::Unit::unreadable(name, &format!("无法读取：{e}")),
                checked: Checked::default(),
            },
        })
        .collect();
    crate::review::add_previous_years(&mut reviewed, &config, |i, with| {
        if let Ok(u) = &read[i].1 {
            with(&u.source);
        }
    });
    let units: Vec<review::Unit> = reviewed.into_iter().map(|r| r.unit).collect();
    let result = review::roll_up(units, expected.as_deref());
    Ok(match format {
        "csv" => (result.to_csv().into_bytes(), "text/csv; charset=utf-8"),
        "html" => (result.to_html().into_bytes(), "text/html; charset=utf-8"),
        _ => (
            serde_json::to_vec_pretty(&result.to_json()).map_err(|e| e.to_string())?,
            "application/json; charset=utf-8",
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        for ok in [
            "127.0.0.1:7878",
            "localhost:7878",
            "LOCALHOST:7878",
            "[::1]:7878",
            "192.168.1.2:7878",
        ] {
            assert!(host_allowed(ok, 7878), "{ok}");
        }
        for bad in [
            "evil.example:7878",
            "127.0.0.1:8080",
            "127.0.0.1",
            "localhost.evil.example:7878",
            "",
            "[::1",
            "127.0.0.1:x",
            "7f000001.rebind.network:7878",
        ] {
            assert!(!host_allowed(bad, 7878), "{bad}");
        }
        assert!(host_allowed("127.0.0.1", 80));
    }

    #[test]
    fn uploaded_batch_compares_each_report_with_last_years() {
        // the region of tests/cli/review.rs, uploaded: 财政局 2024 (.docx) repeats its 2023 page (.html)
        let region =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/region");
        let files: Vec<(String, Bytes)> = [
            "2023/示范县财政局.html",
            "2024/示范县财政局.docx",
            "2024/示范县教育局.txt",
        ]
        .iter()
        .map(|f| {
            (
                f.to_string(),
                Bytes::from(std::fs::read(region.join(f)).unwrap()),
            )
        })
        .collect();
        let (json, _) = review_files(&Reader::new(), files, None, "json").unwrap();
        let d: Value = serde_json::from_slice(&json).unwrap();
        let unit = |path: &str| {
            d["units"]
                .as_array()
                .unwrap()
                .iter()
                .find(|u| u["path"] == path)
                .unwrap()
                .clone()
        };
        let finance = unit("2024/示范县财政局.docx");
        assert_eq!(finance["reuse"], 1.0, "{finance}");
        let codes: Vec<&str> = finance["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["code"].as_str().unwrap())
            .collect();
        assert!(
            codes.contains(&"NB404") && codes.contains(&"NB406"),
            "{codes:?}"
        );
        // no report of last year: nothing compared
        assert_eq!(unit("2024/示范县教育局.txt")["reuse"], Value::Null);
    }

    #[test]
    fn addresses() {
        assert_eq!(parse_addr("127.0.0.1:7878").unwrap().port(), 7878);
        assert!(parse_addr("localhost:80").unwrap().ip().is_loopback());
        assert!(parse_addr("[::1]:0").unwrap().ip().is_loopback());
        assert!(parse_addr("7878").unwrap_err().contains("IP:端口"));
        assert!(parse_addr("example.com:80").is_err());
    }

    #[test]
    fn names_are_never_paths() {
        assert_eq!(file_name(Some("/etc/passwd")), "passwd");
        assert_eq!(file_name(Some("..\\..\\a.txt")), "a.txt");
        assert_eq!(file_name(Some("..")), "未命名.txt");
        assert_eq!(file_name(None), "未命名.txt");
        assert_eq!(file_name(Some("a\u{0}b.txt")), "ab.txt");
    }

    #[test]
    fn check_json_is_the_file_object_with_text() {
        let text = "不是年度报告\n只是两行字\n";
        let v: Value =
            serde_json::from_slice(&check_json(&Reader::new(), text.as_bytes(), "a.txt").unwrap())
                .unwrap();
        assert_eq!(v["path"], "a.txt");
        assert_eq!(v["text"], text);
        assert!(v["diagnostics"].is_array());
        assert!(check_json(&Reader::new(), &[0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0], "x.bin").is_err());
    }
}
