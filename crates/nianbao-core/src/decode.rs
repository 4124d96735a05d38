//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK/Big5 detected.
//! IO-free: the caller reads the bytes.

/// What encoding the bytes were read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// Bytes that could not be decoded were replaced by U+FFFD.
    pub lossy: bool,
    /// A byte-order mark was present (and removed).
    pub bom: bool,
}

/// Decode a file's bytes, taking them over: UTF-8 without a BOM (the common case) becomes the text
/// without a copy.
pub fn decode_vec(bytes: Vec<u8>) -> Decoded {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return decode(&bytes);
    }
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return decode(&bytes);
    }
    // SAFETY: `simdutf8` (SIMD validation, several times faster than the standard library's on
    // Chinese text) has just checked that the bytes are valid UTF-8.
    let text = unsafe { String::from_utf8_unchecked(bytes) };
    Decoded {
        text,
        encoding: "UTF-8",
        lossy: false,
        bom: false,
    }
}

/// Decode a file's bytes.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let (text, lossy) = utf8(rest);
        return Decoded {
            text,
            encoding: "UTF-8",
            lossy,
            bom: true,
        };
    }
    for (bom, enc) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE),
    ] {
        if bytes.starts_with(bom) {
            let (text, _, lossy) = enc.decode(bytes);
            return Decoded {
                text: text.into_owned(),
                encoding: enc.name(),
                lossy,
                bom: true,
            };
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded {
            text: s.to_string(),
            encoding: "UTF-8",
            lossy: false,
            bom: false,
        };
    }
    // Not UTF-8: an HTML page names its charset (「<meta charset="gb2312">」); otherwise guess among the
    // legacy encodings (Chinese pages are GBK/GB18030 or Big5).
    if let Some(enc) = meta_charset(bytes) {
        let enc = if enc == encoding_rs::GBK || enc.name() == "gb2312" {
            encoding_rs::GB18030
        } else {
            enc
        };
        let (text, _, lossy) = enc.decode(bytes);
        return Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            lossy,
            bom: false,
        };
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    let enc = if enc == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        enc
    };
    let (text, _, lossy) = enc.decode(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        lossy,
        bom: false,
    }
}

/// The charset an HTML page declares in its first 4 KiB (`<meta charset=…>` or `content="…; charset=…"`).
fn meta_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = &lower[at..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
        .unwrap_or(rest.len());
    let enc = encoding_rs::Encoding::for_label(&rest[..end])?;
    (enc != encoding_rs::UTF_8).then_some(enc)
}

fn utf8(bytes: &[u8]) -> (String, bool) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), false),
        Err(_) => (String::from_utf8_lossy(bytes).into_owned(), true),
    }
}

/// Does this look like binary data rather than text (NUL bytes more than a stray few, or mostly
/// control characters)? A report with one NUL byte left by a converter is still text.
pub fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return false;
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let nul = memchr::memchr_iter(0, sample).count();
    if nul > 4 && nul * 256 > sample.len() {
        return true;
    }
    // counted in u8 lanes, 255 bytes at a time (cannot overflow): the compiler vectorises it
    let ctrl: usize = sample
        .chunks(255)
        .map(|chunk| {
            let n: u8 = chunk
                .iter()
                .map(|&b| u8::from(b < 0x09 || (0x0E..0x20).contains(&b)))
                .sum();
            usize::from(n)
        })
        .sum();
    !sample.is_empty() && ctrl * 10 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_vec_is_decode_without_the_copy() {
        let s = "一、总体情况 2021年 𠮷";
        let (gbk, _, _) = encoding_rs::GBK.encode("一、总体情况 本年新收政府信息公开申请数量");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(s.as_bytes());
        let inputs: Vec<Vec<u8>> = vec![
            s.as_bytes().to_vec(),
            bom,
            gbk.into_owned(),
            b"\xFF\xFEa\x00".to_vec(),
            b"abc\xFFdef".to_vec(),
            Vec::new(),
        ];
        for v in inputs {
            assert_eq!(decode_vec(v.clone()), decode(&v), "{v:?}");
        }
    }

    #[test]
    fn encodings() {
        let s = "一、总体情况\n本年新收政府信息公开申请数量";
        assert_eq!(decode(s.as_bytes()).text, s);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(s.as_bytes());
        assert_eq!(decode(&bom).text, s);
        let (gbk, _, _) = encoding_rs::GBK.encode(s);
        let d = decode(&gbk);
        assert_eq!(d.text, s);
        assert_eq!(d.encoding, "gb18030");
        let mut u16 = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            u16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&u16).text, s);
        // a lone surrogate in UTF-16: replaced, not a panic
        let d = decode(&[0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]);
        assert!(d.lossy);
        assert!(looks_binary(&[0, 1, 2, 3]));
        // a GBK page that says so
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>一、总体情况</body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(page);
        assert_eq!(decode(&bytes).text, page);
        assert!(!looks_binary(s.as_bytes()));
        // a stray NUL byte in a report is not binary data; many are
        let mut stray = s.repeat(20).into_bytes();
        stray.insert(30, 0);
        assert!(!looks_binary(&stray));
        assert!(looks_binary(&[
            b'a', 0, b'b', 0, b'c', 0, b'd', 0, b'e', 0, b'f', 0
        ]));
    }
}
