//! Input collection and reading, shared by `check`, `export` and `fmt`.

use nianbao_core::decode;
use std::path::{Path, PathBuf};

/// File extensions recursed into when a directory is given.
pub const EXTENSIONS: &[&str] = &["md", "markdown", "txt", "html", "htm", "docx"];

/// One input: a path on disk or standard input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Path(PathBuf),
    Stdin { name: String },
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Stdin { name } => name.clone(),
        }
    }

    /// Where configuration discovery starts.
    pub fn dir(&self) -> PathBuf {
        match self {
            Input::Path(p) => p.parent().map(Path::to_path_buf).unwrap_or_default(),
            Input::Stdin { name } => Path::new(name)
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map(Path::to_path_buf)
                .unwrap_or_else(|| std::env::current_dir().unwrap_or_default()),
        }
    }
}

/// Expand the command line's paths: files as given, directories recursively (sorted), `-` as stdin.
/// Errors (missing paths) are returned alongside, so the other inputs are still processed.
pub fn collect(paths: &[PathBuf], stdin_name: Option<&str>) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let paths: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin {
                name: stdin_name.unwrap_or("<stdin>").to_string(),
            });
        } else if p.is_dir() {
            let mut found = Vec::new();
            walk(&p, &mut found, &mut errors);
            found.sort();
            inputs.extend(found.into_iter().map(Input::Path));
        } else if p.exists() {
            inputs.push(Input::Path(p));
        } else {
            errors.push(format!("{}: no such file or directory", p.display()));
        }
    }
    (inputs, errors)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(format!("{}: {e}", dir.display()));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let hidden = name.to_string_lossy().starts_with('.');
        match entry.file_type() {
            Ok(t) if t.is_dir() && !hidden && name != "node_modules" && name != "target" => {
                walk(&path, out, errors);
            }
            Ok(t) if t.is_file() => {
                let ext = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .map(str::to_ascii_lowercase);
                if !hidden && ext.is_some_and(|e| EXTENSIONS.contains(&e.as_str())) {
                    out.push(path);
                }
            }
            _ => {}
        }
    }
}

/// Read and decode an input. Binary data is an error, not a report.
pub fn read(input: &Input) -> Result<decode::Decoded, String> {
    let bytes = match input {
        Input::Path(p) => std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?,
        Input::Stdin { name } => {
            let mut buf = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)
                .map_err(|e| format!("{name}: {e}"))?;
            buf
        }
    };
    if nianbao_core::docx::is_zip(&bytes) {
        // a Word document: its paragraphs and tables, read only
        let text =
            nianbao_core::docx::extract(&bytes).map_err(|e| format!("{}: {e}", input.display()))?;
        return Ok(decode::Decoded {
            text,
            encoding: "docx",
            lossy: false,
            bom: false,
        });
    }
    if decode::looks_binary(&bytes) {
        return Err(format!(
            "{}: not a text file (binary data)",
            input.display()
        ));
    }
    Ok(decode::decode_vec(bytes))
}
