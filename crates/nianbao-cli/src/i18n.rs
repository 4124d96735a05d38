//! The command line's own words: Chinese, or English when the locale asks for it (`LC_ALL`, else
//! `LC_MESSAGES`, else `LANG` starting with `en`). Diagnostics and other words of the core are Chinese
//! in either case.

use std::io;
use std::sync::OnceLock;

/// Does the locale ask for English? Read once per process.
pub fn english() -> bool {
    static EN: OnceLock<bool> = OnceLock::new();
    *EN.get_or_init(|| english_from(|k| std::env::var(k).ok()))
}

/// [`english`] from the variables `get` returns: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is
/// set and not empty decides (as POSIX orders them); `en`, `en_US.UTF-8`… ask for English, anything
/// else (`zh_CN.UTF-8`, `C`, `POSIX`, unset) keeps Chinese.
pub fn english_from(get: impl Fn(&str) -> Option<String>) -> bool {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| get(k).filter(|v| !v.is_empty()))
        .is_some_and(|v| v == "en" || v.starts_with("en_") || v.starts_with("en."))
}

/// `format!` of the Chinese text, or of the English one when the locale asks for it.
#[macro_export]
macro_rules! tr {
    ($zh:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        if $crate::i18n::english() {
            format!($en $(, $arg)*)
        } else {
            format!($zh $(, $arg)*)
        }
    };
}

/// One of two static texts.
pub fn t(zh: &'static str, en: &'static str) -> &'static str {
    if english() {
        en
    } else {
        zh
    }
}

/// An I/O error in words of the locale, from its kind alone: the operating system's text is English
/// and the errors of temporary files carry their (meaningless) names, which users never see.
pub fn io_error(e: &io::Error) -> String {
    use io::ErrorKind as K;
    // the kinds stable since Rust 1.80, then the Linux error numbers of the newer ones
    let (zh, en) = match (e.kind(), e.raw_os_error()) {
        (K::NotFound, _) => ("没有这个文件或目录", "no such file or directory"),
        (K::PermissionDenied, _) => ("没有权限", "permission denied"),
        (K::AlreadyExists, _) => ("文件已存在", "the file already exists"),
        (K::BrokenPipe, _) => ("输出管道已关闭", "broken pipe"),
        (K::InvalidData, _) => ("数据无效", "invalid data"),
        (K::UnexpectedEof, _) => ("文件意外结束", "unexpected end of file"),
        (K::Interrupted, _) => ("操作被中断", "interrupted"),
        (K::OutOfMemory, _) => ("内存不足", "out of memory"),
        (_, Some(21)) => ("这是一个目录，不是文件", "is a directory"),
        (_, Some(20)) => (
            "路径中有一段不是目录",
            "a part of the path is not a directory",
        ),
        (_, Some(39)) => ("目录不是空的", "directory not empty"),
        (_, Some(30)) => ("文件系统是只读的", "read-only file system"),
        (_, Some(28)) => ("磁盘已满", "no space left on device"),
        (_, Some(122)) => ("超出磁盘配额", "disk quota exceeded"),
        (_, Some(27)) => ("文件太大", "file too large"),
        (_, Some(36)) => ("文件名太长", "file name too long"),
        (_, Some(18)) => (
            "不能跨文件系统移动文件",
            "cannot move a file across file systems",
        ),
        (_, Some(16)) => ("文件正被占用", "resource busy"),
        _ => ("读写失败", "input/output error"),
    };
    let text = t(zh, en);
    match e.raw_os_error() {
        Some(code) => tr!("{text}（系统错误 {code}）", "{text} (os error {code})"),
        None => text.to_string(),
    }
}

/// `path: error`, the error in words of the locale.
pub fn io_error_at(path: &std::path::Path, e: &io::Error) -> String {
    format!("{}: {}", path.display(), io_error(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_precedence() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                vars.iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert!(!english_from(env(&[])));
        assert!(!english_from(env(&[("LANG", "C.UTF-8")])));
        assert!(!english_from(env(&[("LANG", "zh_CN.UTF-8")])));
        assert!(english_from(env(&[("LANG", "en_US.UTF-8")])));
        assert!(english_from(env(&[("LANG", "en")])));
        // LC_ALL wins over LANG, an empty LC_ALL does not count
        assert!(!english_from(env(&[
            ("LC_ALL", "zh_CN.UTF-8"),
            ("LANG", "en_US.UTF-8")
        ])));
        assert!(english_from(env(&[("LC_ALL", ""), ("LANG", "en_GB")])));
        assert!(english_from(env(&[
            ("LC_MESSAGES", "en_US"),
            ("LANG", "zh_CN")
        ])));
        assert!(!english_from(env(&[("LANG", "eo")])));
    }

    #[test]
    fn io_errors_never_show_the_os_text() {
        let e = io::Error::new(
            io::ErrorKind::NotFound,
            "No such file at path \"/d/.nianbao-fmt-XYZ.tmp\"",
        );
        let s = io_error(&e);
        assert!(!s.contains("tmp") && !s.contains("No such"), "{s}");
    }
}
