//! A guard in front of tower-lsp's reader. tower-lsp stops reading for good after a frame whose
//! body is not a valid JSON-RPC message; this layer re-frames the input and replaces such frames:
//! a broken request whose `id` can still be read becomes a request for an unknown method (the
//! client gets an error response for its id), anything else is dropped and logged on stderr.

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};

/// Largest frame body read into memory (a 10 MB report is a 10 MB frame).
const MAX_BODY: u64 = 1 << 30;

/// What to forward for one frame body.
pub fn sanitize(body: &[u8]) -> Option<Vec<u8>> {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("nianbao-lsp: dropped a message that is not JSON: {e}");
            return None;
        }
    };
    if valid(&value) {
        // tower-lsp drops `$/` requests silently; LSP wants MethodNotFound for those it does not know
        let dollar = value
            .get("method")
            .and_then(Value::as_str)
            .filter(|m| m.starts_with("$/"));
        if let (Some(method), Some(id)) = (dollar, value.get("id")) {
            let replaced = serde_json::json!({
                "jsonrpc": "2.0", "id": id, "method": format!("nianbao/unsupported({method})")
            });
            return Some(replaced.to_string().into_bytes());
        }
        return Some(body.to_vec());
    }
    let id = value
        .get("id")
        .filter(|id| id.is_number() || id.is_string());
    match id {
        Some(id) => {
            eprintln!(
                "nianbao-lsp: invalid JSON-RPC message with id {id}: answering with an error"
            );
            let method = value.get("method").and_then(Value::as_str).unwrap_or("?");
            let replaced = serde_json::json!({
                "jsonrpc": "2.0", "id": id, "method": format!("nianbao/invalidMessage({method})")
            });
            Some(replaced.to_string().into_bytes())
        }
        None => {
            eprintln!("nianbao-lsp: dropped an invalid JSON-RPC message");
            None
        }
    }
}

/// The shapes tower-lsp accepts: a request/notification, or a response.
fn valid(v: &Value) -> bool {
    let Some(obj) = v.as_object() else {
        return false;
    };
    if obj.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return false;
    }
    let id_ok = |id: Option<&Value>| id.is_none_or(|id| id.is_number() || id.is_string());
    match obj.get("method") {
        Some(m) => {
            m.is_string()
                && id_ok(obj.get("id"))
                && obj
                    .get("params")
                    .is_none_or(|p| p.is_object() || p.is_array() || p.is_null())
        }
        None => {
            obj.get("id")
                .is_some_and(|id| id.is_number() || id.is_string() || id.is_null())
                && (obj.contains_key("result") ^ obj.get("error").is_some_and(Value::is_object))
        }
    }
}

/// Copy LSP frames from `input` to `output`, sanitising each body. Ends at end of input.
pub async fn pump<I, O>(input: I, mut output: O)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    let mut reader = BufReader::with_capacity(1 << 16, input);
    let mut line = Vec::new();
    loop {
        let mut length: Option<usize> = None;
        let mut saw_header = false;
        loop {
            line.clear();
            match reader.read_until(b'\n', &mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim();
            if text.is_empty() {
                if saw_header {
                    break;
                }
                continue;
            }
            saw_header = true;
            if let Some((name, value)) = text.split_once(':') {
                if name.trim().eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().ok();
                }
            }
        }
        let Some(length) = length else {
            eprintln!("nianbao-lsp: dropped a frame without a valid Content-Length");
            continue;
        };
        // The body is read as it arrives: an announced length is not allocated up front (a client
        // may announce a terabyte), and a frame larger than MAX_BODY is skipped unread.
        let length = length as u64;
        if length > MAX_BODY {
            eprintln!("nianbao-lsp: skipped a frame of {length} bytes (more than {MAX_BODY})");
            match tokio::io::copy(&mut (&mut reader).take(length), &mut tokio::io::sink()).await {
                Ok(n) if n == length => continue,
                _ => return,
            }
        }
        let mut body = Vec::with_capacity(length.min(1 << 20) as usize);
        match (&mut reader).take(length).read_to_end(&mut body).await {
            Ok(n) if n as u64 == length => {}
            _ => return,
        }
        if let Some(body) = sanitize(&body) {
            let header = format!("Content-Length: {}\r\n\r\n", body.len());
            if output.write_all(header.as_bytes()).await.is_err()
                || output.write_all(&body).await.is_err()
            {
                return;
            }
            let _ = output.flush().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizes_bodies() {
        let ok = br#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#;
        assert_eq!(sanitize(ok).as_deref(), Some(&ok[..]));
        assert!(sanitize(br#"{"jsonrpc":"2.0","method":"initialized"}"#).is_some());
        assert!(sanitize(br#"{"jsonrpc":"2.0","id":3,"result":null}"#).is_some());
        assert!(sanitize(b"[1, 2").is_none());
        let dollar = sanitize(br#"{"jsonrpc":"2.0","id":4,"method":"$/x"}"#).unwrap();
        let v: Value = serde_json::from_slice(&dollar).unwrap();
        assert_eq!(
            (v["id"].as_i64(), v["method"].as_str()),
            (Some(4), Some("nianbao/unsupported($/x)"))
        );
        let cancel = br#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#;
        assert_eq!(sanitize(cancel).as_deref(), Some(&cancel[..]));
        assert!(sanitize(br#"{"bogus":1}"#).is_none());
        let fixed = sanitize(br#"{"jsonrpc":"2.0","id":7,"method":42}"#).unwrap();
        let v: Value = serde_json::from_slice(&fixed).unwrap();
        assert_eq!(v["id"], 7);
        assert!(valid(&v));
    }

    #[tokio::test]
    async fn pump_reframes_and_skips_garbage() {
        let input = b"Content-Length: 5\r\n\r\n[1, 2Content-Length: abc\r\n\r\nContent-Length: 35\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}  ".to_vec();
        let mut out = Vec::new();
        pump(&input[..], &mut out).await;
        let out = String::from_utf8(out).unwrap();
        assert_eq!(
            out,
            "Content-Length: 35\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}  "
        );
    }
}
