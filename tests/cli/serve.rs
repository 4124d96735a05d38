//! `nianbao serve` over real HTTP on loopback (INTERFACES.md, `serve` HTTP API): every endpoint answers
//! what the CLI prints for the same input; bodies over 20 MB get 413; garbage and malformed requests a
//! 4xx, never a crash; requests another site could make from the user's browser (a forged `Origin`, a
//! DNS-rebinding `Host`) are refused; no file of the machine can be read; and a load test: 200
//! concurrent checks of real reports, all 200 OK (latency and peak memory printed, not asserted).

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn corpus(name: &str) -> PathBuf {
    root().join("tests/corpus").join(name)
}

/// The five seed reports of the corpus.
fn seeds() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("tests/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    assert!(v.len() >= 5, "{v:?}");
    v
}

/// A running `nianbao serve --addr 127.0.0.1:0`, killed when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
    /// What it printed on stderr (first line: where to open the page).
    banner: String,
}

impl Server {
    fn start() -> Server {
        Self::start_on("127.0.0.1:0")
    }

    fn start_on(addr: &str) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(["serve", "--addr", addr])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let mut banner = String::new();
        // the banner is the line with the URL (a warning comes first when not on loopback)
        let addr = loop {
            let mut line = String::new();
            assert!(
                err.read_line(&mut line).unwrap() > 0,
                "server exited: {banner}"
            );
            banner.push_str(&line);
            if let Some(at) = line.find("http://") {
                let rest = &line[at + 7..];
                let end = rest.find('/').unwrap();
                let a: SocketAddr = rest[..end].parse().unwrap();
                break SocketAddr::new("127.0.0.1".parse().unwrap(), a.port());
            }
        };
        // keep draining stderr so the server never blocks on it
        std::thread::spawn(move || {
            let mut sink = String::new();
            let _ = err.read_to_string(&mut sink);
        });
        Server {
            child,
            addr,
            banner,
        }
    }

    fn host(&self) -> String {
        self.addr.to_string()
    }

    fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    fn post(&self, path: &str, body: &[u8]) -> Response {
        request(self.addr, "POST", path, &[("Host", &self.host())], body)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "{e}: {} {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request on a new connection (`Connection: close`), written by hand so that any header
/// (a forged `Host`, an `Origin`) can be sent.
fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if !headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("content-length"))
    {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    // the server may answer (413) and close before the whole body is sent
    let _ = s.write_all(body);
    read_response(&mut s)
}

fn read_response(s: &mut TcpStream) -> Response {
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no response: {:?}", String::from_utf8_lossy(&raw)));
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        let mut out = Vec::new();
        let mut rest = &body[..];
        loop {
            let eol = rest.windows(2).position(|w| w == b"\r\n").unwrap();
            let n = usize::from_str_radix(std::str::from_utf8(&rest[..eol]).unwrap().trim(), 16)
                .unwrap();
            if n == 0 {
                break;
            }
            out.extend_from_slice(&rest[eol + 2..eol + 2 + n]);
            rest = &rest[eol + 2 + n + 2..];
        }
        body = out;
    }
    Response {
        status,
        headers,
        body,
    }
}

/// `nianbao ARGS` run in `dir`, with `stdin`; its stdout.
fn cli(dir: &Path, args: &[&str], stdin: &[u8]) -> Vec<u8> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "nianbao {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The inputs compared with the CLI: the seeds, HTML (UTF-8 and GBK), Word documents and PDFs.
fn inputs() -> Vec<PathBuf> {
    let mut v = seeds();
    for d in [
        "derived/001_7e69af88cfc75a8c.html",
        "derived/003_1b7c73a738c3b718.gbk.html",
        "derived/001_7e69af88cfc75a8c.docx",
        "region/2024/示范县财政局.docx",
        "pdf/001_7e69af88cfc75a8c.word.pdf",
        "pdf/001_7e69af88cfc75a8c.chrome.pdf",
    ] {
        v.push(corpus(d));
    }
    v
}

#[test]
fn check_equals_the_cli() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let mut compared = 0;
    for path in inputs() {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(dir.path().join(&name), &bytes).unwrap();
        let want: Value = serde_json::from_slice(&cli(
            dir.path(),
            &["check", "--format", "json", "--exit-zero", &name],
            b"",
        ))
        .unwrap();
        let r = server.post(&format!("/api/check?filename={}", urlencode(&name)), &bytes);
        assert_eq!(r.status, 200, "{name}: {}", r.text());
        assert!(r
            .header("content-type")
            .unwrap()
            .starts_with("application/json"));
        let mut got = r.json();
        let text = got.as_object_mut().unwrap().remove("text").unwrap();
        // a PDF's page starts, `[[line, page], …]`: pages 1, 2, … in order, lines increasing
        let pages = got.as_object_mut().unwrap().remove("pages");
        assert_eq!(pages.is_some(), name.ends_with(".pdf"), "{name}");
        if let Some(p) = &pages {
            let p: Vec<(u64, u64)> = serde_json::from_value(p.clone()).unwrap();
            assert!(p.len() >= 2 && p[0].1 == 1, "{name}: {p:?}");
            assert!(
                p.windows(2)
                    .all(|w| w[0].0 < w[1].0 && w[1].1 == w[0].1 + 1),
                "{name}: {p:?}"
            );
        }
        let text = text.as_str().unwrap();
        assert_eq!(got, want["files"][0], "{name}");
        // the text the ranges refer to: every range lies inside it
        let lines: Vec<&str> = text.split('\n').collect();
        for d in got["diagnostics"].as_array().unwrap() {
            let line = d["range"]["start"]["line"].as_u64().unwrap() as usize;
            let col = d["range"]["start"]["column"].as_u64().unwrap() as usize;
            assert!(line >= 1 && line <= lines.len(), "{name}: {d}");
            assert!(col <= lines[line - 1].chars().count() + 1, "{name}: {d}");
        }
        if name.ends_with(".txt") {
            assert_eq!(text, String::from_utf8(bytes).unwrap(), "{name}");
        }
        if name.ends_with(".pdf") {
            // a PDF: every diagnostic names its page, none offers a fix
            let ds = got["diagnostics"].as_array().unwrap();
            assert!(ds.iter().any(|d| d["code"] == "NB304"), "{name}");
            assert!(
                ds.iter()
                    .all(|d| d["page"].as_u64().is_some() && d["fix"].is_null()),
                "{name}: {ds:?}"
            );
        }
        if name.ends_with(".docx") {
            assert!(text.contains("总体情况"), "{name}: {text}");
            assert!(
                got["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|d| d["fix"].is_null()),
                "no fix offered for a Word document"
            );
        }
        compared += 1;
    }
    assert_eq!(compared, inputs().len());
    // seed 001: NB304 on the 总计 of the 复议后起诉 group, fixable
    let r = server.post(
        "/api/check?filename=001.txt",
        &std::fs::read(corpus("001_7e69af88cfc75a8c.txt")).unwrap(),
    );
    let v = r.json();
    let nb304: Vec<&Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "NB304")
        .collect();
    assert_eq!(nb304.len(), 1, "{v}");
    assert!(!nb304[0]["fix"].is_null());
}

fn urlencode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[test]
fn word_processor_uploads_equal_the_cli() {
    // a clerk's .doc (LibreOffice makes one from a seed's .docx here): read as `nianbao check` reads
    // it, converted when LibreOffice is installed, else the advice to save it as .docx or PDF
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        corpus("derived/001_7e69af88cfc75a8c.docx"),
        dir.path().join("report.docx"),
    )
    .unwrap();
    let made = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.path().display()
        ))
        .args(["--headless", "--convert-to", "doc", "--outdir", "."])
        .arg("report.docx")
        .current_dir(dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
        && dir.path().join("report.doc").exists();
    if !made {
        std::fs::write(
            dir.path().join("report.doc"),
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        )
        .unwrap();
    }
    let bytes = std::fs::read(dir.path().join("report.doc")).unwrap();
    let server = Server::start();
    let r = server.post("/api/check?filename=report.doc", &bytes);
    if made {
        assert_eq!(r.status, 200, "{}", r.text());
        let want: Value = serde_json::from_slice(&cli(
            dir.path(),
            &["check", "--format", "json", "--exit-zero", "report.doc"],
            b"",
        ))
        .unwrap();
        let mut got = r.json();
        got.as_object_mut().unwrap().remove("text");
        assert_eq!(got, want["files"][0]);
        assert!(!got["diagnostics"].as_array().unwrap().is_empty());
    } else {
        assert_ne!(r.status, 200);
        assert!(r.text().contains("请另存为 .docx 或 PDF"), "{}", r.text());
    }
}

#[test]
fn format_and_export_equal_the_cli() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    for path in seeds()
        .into_iter()
        .chain([corpus("derived/001_7e69af88cfc75a8c.html")])
    {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(dir.path().join(&name), &bytes).unwrap();
        let q = urlencode(&name);
        // fmt - (stdin to stdout), and --to markdown
        let r = server.post(&format!("/api/format?filename={q}"), &bytes);
        assert_eq!(r.status, 200);
        assert_eq!(
            r.text(),
            String::from_utf8(cli(dir.path(), &["fmt", "-"], &bytes)).unwrap(),
            "{name}"
        );
        let r = server.post(&format!("/api/format?filename={q}&to=markdown"), &bytes);
        assert_eq!(r.status, 200);
        let md = r.text();
        assert_eq!(
            md,
            String::from_utf8(cli(dir.path(), &["fmt", "--to", "markdown", "-"], &bytes)).unwrap(),
            "{name}"
        );
        assert!(md.contains("\n## "), "{name}: Markdown headings");
        // export: the report's object of the JSON array, and the CSV rows
        let want: Value = serde_json::from_slice(&cli(
            dir.path(),
            &["export", "--format", "json", &name],
            b"",
        ))
        .unwrap();
        let r = server.post(&format!("/api/export?filename={q}&format=json"), &bytes);
        assert_eq!(r.status, 200);
        assert_eq!(r.json(), want[0], "{name}");
        let r = server.post(&format!("/api/export?filename={q}"), &bytes);
        assert_eq!(r.json(), want[0], "{name}: json by default");
        let r = server.post(&format!("/api/export?filename={q}&format=csv"), &bytes);
        assert_eq!(r.status, 200);
        assert!(r.header("content-type").unwrap().starts_with("text/csv"));
        assert_eq!(
            r.text(),
            String::from_utf8(cli(dir.path(), &["export", "--format", "csv", &name], b"")).unwrap(),
            "{name}"
        );
    }
    let r = server.post("/api/export?filename=a.txt&format=xml", b"x");
    assert_eq!(r.status, 400);
    let r = server.post("/api/format?filename=a.txt&to=pdf", b"x");
    assert_eq!(r.status, 400);
}

/// A multipart/form-data body of files (field `file`) and, optionally, the units list.
fn multipart(files: &[(String, Vec<u8>)], units: Option<(&str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "----nianbao-test-boundary-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    let mut part = |field: &str, name: &str, data: &[u8]| {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(data);
        body.extend_from_slice(b"\r\n");
    };
    for (name, data) in files {
        part("file", name, data);
    }
    if let Some((name, data)) = units {
        part("units", name, data);
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[test]
fn review_equals_the_cli() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    // the test region, both years, every file under a name of its own (the API keeps names, not paths)
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for year in ["2023", "2024"] {
        let mut names: Vec<PathBuf> = std::fs::read_dir(corpus("region").join(year))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        names.sort();
        for p in names {
            let name = format!("{year}-{}", p.file_name().unwrap().to_str().unwrap());
            files.push((name, std::fs::read(&p).unwrap()));
        }
    }
    assert!(files.len() >= 7);
    for (name, data) in &files {
        std::fs::write(dir.path().join(name), data).unwrap();
    }
    let units = std::fs::read(corpus("region/units.csv")).unwrap();
    std::fs::write(dir.path().join("units.csv"), &units).unwrap();
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for with_units in [false, true] {
        let mut args = vec!["review", "--format", "json"];
        if with_units {
            args.extend(["--units", "units.csv"]);
        }
        args.extend(&names);
        let want: Value = serde_json::from_slice(&cli(dir.path(), &args, b"")).unwrap();
        let (ct, body) = multipart(&files, with_units.then_some(("units.csv", &units[..])));
        let r = request(
            server.addr,
            "POST",
            "/api/review",
            &[("Host", &server.host()), ("Content-Type", &ct)],
            &body,
        );
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(r.json(), want, "with units: {with_units}");
        if with_units {
            assert!(!want["missing"].as_array().unwrap().is_empty());
            assert!(!want["region_sums"].as_array().unwrap().is_empty());
            let r = request(
                server.addr,
                "POST",
                "/api/review?format=csv",
                &[("Host", &server.host()), ("Content-Type", &ct)],
                &body,
            );
            let mut args = vec!["review", "--format", "csv", "--units", "units.csv"];
            args.extend(&names);
            assert_eq!(r.body, cli(dir.path(), &args, b""));
        }
    }
    // no file, or no multipart at all
    let (ct, body) = multipart(&[], None);
    let r = request(
        server.addr,
        "POST",
        "/api/review",
        &[("Host", &server.host()), ("Content-Type", &ct)],
        &body,
    );
    assert_eq!(r.status, 400);
    let r = server.post("/api/review", b"just bytes");
    assert_eq!(r.status, 400);
    assert!(r.json()["error"].as_str().unwrap().contains("multipart"));
}

#[test]
fn limits_garbage_and_malformed_requests() {
    let mut server = Server::start();
    let host = server.host();
    // over 20 MB: refused from the declared length, and when sent without one (chunked)
    let big = vec![b'a'; 20 * 1024 * 1024 + 1];
    let r = server.post("/api/check?filename=a.txt", &big);
    assert_eq!(r.status, 413);
    assert!(r.json()["error"].as_str().unwrap().contains("20 MB"));
    let mut s = TcpStream::connect(server.addr).unwrap();
    write!(s, "POST /api/check HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n").unwrap();
    for chunk in big.chunks(1 << 20) {
        if write!(s, "{:x}\r\n", chunk.len()).is_err()
            || s.write_all(chunk).is_err()
            || s.write_all(b"\r\n").is_err()
        {
            break;
        }
    }
    let _ = s.write_all(b"0\r\n\r\n");
    assert_eq!(read_response(&mut s).status, 413);
    let (ct, _) = multipart(&[], None);
    let r = request(
        server.addr,
        "POST",
        "/api/review",
        &[("Host", &host), ("Content-Type", &ct)],
        &big,
    );
    assert_eq!(r.status, 413);
    // a review of several files of 9 MB in all is read (under the limit, over any smaller default)
    let seed = std::fs::read(corpus("001_7e69af88cfc75a8c.txt")).unwrap();
    let files: Vec<(String, Vec<u8>)> = (0..3)
        .map(|i| {
            let mut b = seed.clone();
            b.resize(3 * 1024 * 1024, b'\n');
            (format!("{i}.txt"), b)
        })
        .collect();
    let (ct, body) = multipart(&files, None);
    let r = request(
        server.addr,
        "POST",
        "/api/review",
        &[("Host", &host), ("Content-Type", &ct)],
        &body,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["summary"]["units"], 3);
    // exactly 20 MB is read (a text that is no report: 200 with the diagnostics that say so). What
    // is tested is the limit, not the speed of analysis: the body is one that analyses in seconds
    // even in a debug build on a busy machine (20 MB of prose took over the server's 60 s there)
    let at_limit = vec![b' '; 20 * 1024 * 1024];
    let r = server.post("/api/check?filename=a.txt", &at_limit);
    assert_eq!(
        r.status,
        200,
        "{}",
        String::from_utf8_lossy(&r.body[..200.min(r.body.len())])
    );
    assert!(!r.json()["diagnostics"].as_array().unwrap().is_empty());
    // garbage bytes: 422 with a Chinese message; an empty body and a text that is no report: 200
    let mut x: u64 = 7;
    let garbage: Vec<u8> = (0..100_000)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 56) as u8
        })
        .collect();
    let r = server.post("/api/check?filename=x.bin", &garbage);
    assert_eq!(r.status, 422);
    assert!(r.json()["error"].as_str().unwrap().contains("不是文本文件"));
    for (path, body) in [
        ("/api/check?filename=a.txt", &b""[..]),
        ("/api/check", "一首诗\n床前明月光\n".as_bytes()),
        (
            "/api/check?filename=a.html",
            b"<html><body><table><tr><td>1</td></tr></table>",
        ),
    ] {
        let r = server.post(path, body);
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        let v = r.json();
        assert!(
            !v["diagnostics"].as_array().unwrap().is_empty(),
            "{path}: {v}"
        );
    }
    // a broken Word document (a zip that is not one) and broken UTF-8
    let r = server.post("/api/check?filename=a.docx", b"PK\x03\x04garbage");
    assert!(r.status == 422 || r.status == 200, "{}", r.status);
    let r = server.post("/api/check?filename=a.txt", b"\xff\xfe\xfd abc \xc3");
    assert!(r.status == 200 || r.status == 422, "{}", r.status);
    let r = server.post("/api/format?filename=x.bin", &garbage);
    assert_eq!(r.status, 422);
    let r = server.post("/api/export?filename=x.bin", &garbage);
    assert_eq!(r.status, 422);
    let (ct, body) = multipart(&[("x.bin".to_string(), garbage.clone())], None);
    let r = request(
        server.addr,
        "POST",
        "/api/review",
        &[("Host", &host), ("Content-Type", &ct)],
        &body,
    );
    assert_eq!(
        r.status, 200,
        "an unreadable file is a unit that could not be read"
    );
    assert_eq!(r.json()["summary"]["unreadable"], 1);
    // malformed: bad query, truncated multipart, unknown path, wrong method, bad HTTP
    let r = server.post("/api/check?filename=a&filename=b", b"x");
    assert_eq!(r.status, 400);
    let r = request(
        server.addr,
        "POST",
        "/api/review",
        &[
            ("Host", &host),
            ("Content-Type", "multipart/form-data; boundary=zz"),
        ],
        b"--zz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nabc",
    );
    assert_eq!(r.status, 400);
    let r = request(server.addr, "GET", "/nothing", &[("Host", &host)], b"");
    assert_eq!(r.status, 404);
    let r = request(server.addr, "DELETE", "/api/check", &[("Host", &host)], b"");
    assert_eq!(r.status, 405);
    let r = request(server.addr, "GET", "/api/check", &[("Host", &host)], b"");
    assert_eq!(r.status, 405);
    for raw in [
        &b"NONSENSE\r\n\r\n"[..],
        b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
        b"POST /api/check HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc",
        b"\x00\x01\x02\x03\r\n\r\n",
    ] {
        let mut s = TcpStream::connect(server.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let _ = s.write_all(raw);
        let _ = s.shutdown(std::net::Shutdown::Write);
        let mut sink = Vec::new();
        let _ = s.read_to_end(&mut sink);
        if !sink.is_empty() {
            let status: u16 = String::from_utf8_lossy(&sink[9..12]).parse().unwrap_or(0);
            assert!(
                (400..500).contains(&status),
                "{:?}",
                String::from_utf8_lossy(&sink)
            );
        }
    }
    assert!(server.alive(), "the server survived every request");
    let r = server.post("/api/check?filename=a.txt", b"ok");
    assert_eq!(r.status, 200);
}

#[test]
fn other_origins_are_refused() {
    let server = Server::start();
    let host = server.host();
    let port = server.addr.port();
    let seed = std::fs::read(corpus("001_7e69af88cfc75a8c.txt")).unwrap();
    let post = |headers: &[(&str, &str)]| {
        request(
            server.addr,
            "POST",
            "/api/check?filename=a.txt",
            headers,
            &seed,
        )
    };
    // the page itself (same origin), under each name of the loopback address
    for h in [
        host.clone(),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
    ] {
        let origin = format!("http://{h}");
        let r = post(&[
            ("Host", &h),
            ("Origin", &origin),
            ("Sec-Fetch-Site", "same-origin"),
        ]);
        assert_eq!(r.status, 200, "{h}");
    }
    // another site in the user's browser: forged Origin, a page on another local port, a sandboxed
    // frame, a browser that only says cross-site
    for origin in [
        "http://evil.example".to_string(),
        format!("http://evil.example:{port}"),
        "http://127.0.0.1:8080".to_string(),
        format!("https://{host}"),
        "null".to_string(),
        format!("http://{host}.evil.example"),
    ] {
        let r = post(&[("Host", &host), ("Origin", &origin)]);
        assert_eq!(r.status, 403, "{origin}");
        assert!(r.json()["error"].as_str().unwrap().contains("拒绝"));
    }
    let r = post(&[("Host", &host), ("Sec-Fetch-Site", "cross-site")]);
    assert_eq!(r.status, 403);
    let r = post(&[("Host", &host), ("Sec-Fetch-Site", "same-site")]);
    assert_eq!(r.status, 403);
    // DNS rebinding: the attacker's name resolved to 127.0.0.1, the page and the API asked under it
    for h in [
        format!("evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        format!("localhost.evil.example:{port}"),
        "127.0.0.1:1".to_string(),
        String::new(),
    ] {
        let r = post(&[("Host", &h), ("Origin", &format!("http://{h}"))]);
        assert_eq!(r.status, 403, "{h}");
        let r = request(server.addr, "GET", "/", &[("Host", &h)], b"");
        assert_eq!(r.status, 403, "GET / under {h}");
        let r = request(server.addr, "GET", "/api/rules", &[("Host", &h)], b"");
        assert_eq!(r.status, 403, "GET /api/rules under {h}");
    }
    // the page: embedded, no network, framing and other sites' reads refused by the browser
    let r = request(server.addr, "GET", "/", &[("Host", &host)], b"");
    assert_eq!(r.status, 200);
    let page = r.text();
    assert!(page.contains("年度报告"));
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "no network"
    );
    let csp = r.header("content-security-policy").unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"));
    assert_eq!(r.header("x-frame-options"), Some("DENY"));
    for asset in ["/app.js", "/app.css"] {
        let r = request(server.addr, "GET", asset, &[("Host", &host)], b"");
        assert_eq!(r.status, 200);
        assert!(
            !r.text().contains("http://") && !r.text().contains("https://"),
            "{asset}"
        );
    }
}

#[test]
fn no_file_of_the_machine_can_be_read() {
    let server = Server::start();
    let host = server.host();
    let secret = root().join("Cargo.toml");
    let secret_text = std::fs::read_to_string(&secret).unwrap();
    let s = secret.to_str().unwrap();
    for path in [
        "/../Cargo.toml".to_string(),
        "/%2e%2e/Cargo.toml".to_string(),
        format!("/{s}"),
        "/etc/passwd".to_string(),
        "/api/../../../../etc/passwd".to_string(),
    ] {
        let r = request(server.addr, "GET", &path, &[("Host", &host)], b"");
        assert_ne!(r.status, 200, "{path}");
        assert!(!r.text().contains("[workspace]"), "{path}");
    }
    // a file name that is a path: only its last part is used, as a name; nothing is read from disk
    for name in [s, "../../Cargo.toml", "/etc/passwd", "..\\..\\Cargo.toml"] {
        let r = server.post(&format!("/api/check?filename={}", urlencode(name)), b"");
        assert_eq!(r.status, 200);
        let v = r.json();
        assert_eq!(v["text"], "");
        assert!(!v["path"].as_str().unwrap().contains('/'), "{v}");
        assert!(!v["path"].as_str().unwrap().contains('\\'), "{v}");
        let r = server.post(&format!("/api/export?filename={}", urlencode(name)), b"");
        assert!(!r.text().contains("[workspace]"));
        let r = server.post(&format!("/api/format?filename={}", urlencode(name)), b"");
        assert_eq!(r.text(), "");
    }
    assert!(!secret_text.is_empty());
}

#[test]
fn binds_loopback_and_warns_elsewhere() {
    let server = Server::start();
    assert!(
        server.banner.contains("请在浏览器中打开 http://127.0.0.1:"),
        "{}",
        server.banner
    );
    assert!(!server.banner.contains("警告"));
    // SIGTERM (and Ctrl+C): a clean stop, exit 0
    #[cfg(unix)]
    {
        let mut server = server;
        let killed = Command::new("kill")
            .arg(server.child.id().to_string())
            .status()
            .unwrap();
        assert!(killed.success());
        assert_eq!(server.child.wait().unwrap().code(), Some(0));
    }
    #[cfg(not(unix))]
    drop(server);
    // every address: a warning in Chinese (and still reachable on loopback)
    let server = Server::start_on("0.0.0.0:0");
    assert!(server.banner.contains("警告"), "{}", server.banner);
    let r = server.post("/api/check?filename=a.txt", b"x");
    assert_eq!(r.status, 200);
    drop(server);
    // an address that cannot be bound: a clear error, exit 2
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["serve", "--addr", "192.0.2.1:7878"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("无法在 192.0.2.1:7878 上监听"));
}

/// Peak resident memory of a process (VmHWM), in MB.
fn peak_rss_mb(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// 200 concurrent `/api/check` requests of the corpus reports (loopback only): every one 200 OK with
/// the diagnostics of the CLI; p50/p99 latency and the server's peak memory are printed (see
/// docs/benchmarks.md), never asserted.
#[test]
fn load_200_concurrent_checks() {
    const N: usize = 200;
    let server = Server::start();
    let reports: Vec<(String, Vec<u8>)> = seeds()
        .into_iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_str().unwrap().to_string(),
                std::fs::read(p).unwrap(),
            )
        })
        .collect();
    // the expected answer of each report, asked once before the load
    let want: Vec<Vec<u8>> = reports
        .iter()
        .map(|(n, b)| server.post(&format!("/api/check?filename={n}"), b).body)
        .collect();
    let start = Instant::now();
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(N));
    let addr = server.addr;
    let host = server.host();
    let handles: Vec<_> = (0..N)
        .map(|i| {
            let (name, body) = reports[i % reports.len()].clone();
            let barrier = barrier.clone();
            let host = host.clone();
            std::thread::spawn(move || {
                barrier.wait();
                let t = Instant::now();
                let r = request(
                    addr,
                    "POST",
                    &format!("/api/check?filename={name}"),
                    &[("Host", &host)],
                    &body,
                );
                (i, r.status, r.body, t.elapsed())
            })
        })
        .collect();
    let mut latencies = Vec::new();
    for h in handles {
        let (i, status, body, took) = h.join().unwrap();
        assert_eq!(
            status,
            200,
            "request {i}: {}",
            String::from_utf8_lossy(&body)
        );
        assert!(
            body == want[i % reports.len()],
            "request {i}: a different answer under load"
        );
        latencies.push(took);
    }
    let wall = start.elapsed();
    latencies.sort();
    let p =
        |q: f64| latencies[((latencies.len() as f64 * q).ceil() as usize).min(latencies.len()) - 1];
    let bytes: usize = (0..N).map(|i| reports[i % reports.len()].1.len()).sum();
    println!(
        "serve load: {N} concurrent /api/check of {} corpus reports ({:.1} MB in all): all 200 OK in {:.2} s; \
         latency p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms; server peak RSS {}",
        reports.len(),
        bytes as f64 / 1e6,
        wall.as_secs_f64(),
        p(0.50).as_secs_f64() * 1e3,
        p(0.99).as_secs_f64() * 1e3,
        latencies.last().unwrap().as_secs_f64() * 1e3,
        peak_rss_mb(server.child.id()).map_or("unknown".to_string(), |m| format!("{m:.1} MB")),
    );
}
