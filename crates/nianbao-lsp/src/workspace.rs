//! Reports found in the workspace folders, by organ and year, for the cross-year rules NB403/NB404.

use nianbao_core::{decode, Config, Report};
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use tower_lsp_server::ls_types::Uri;

/// Organ and report year.
pub type ReportKey = (String, i32);

/// Files larger than this are not indexed (reports are tens of kilobytes).
const MAX_FILE: u64 = 4 << 20;
const MAX_FILES: usize = 5000;
const EXTENSIONS: &[&str] = &["md", "markdown", "txt", "html", "htm"];

pub fn key(report: &Report) -> Option<ReportKey> {
    Some((report.organ.clone()?, report.year?))
}

#[derive(Debug, Default)]
pub struct Index {
    by_key: HashMap<ReportKey, (PathBuf, Report)>,
    by_path: HashMap<PathBuf, ReportKey>,
}

fn wanted(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Read and parse one file; `None` if unreadable or not a report with organ and year.
fn read(path: &Path) -> Option<(ReportKey, Report)> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_FILE {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    let text = decode::decode(&bytes).text;
    let report = catch_unwind(AssertUnwindSafe(|| {
        nianbao_core::analyze(&text, &Config::default()).report
    }))
    .ok()?;
    if !report.looks_like_report() {
        return None;
    }
    Some((key(&report)?, report))
}

impl Index {
    /// Walk the folders (skipping hidden directories, `target` and `node_modules`).
    pub fn scan(roots: &[PathBuf]) -> Index {
        let mut index = Index::default();
        let mut stack: Vec<PathBuf> = roots.to_vec();
        let mut files = 0usize;
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                let name = entry.file_name();
                let name = name.to_string_lossy();
                let Ok(ft) = entry.file_type() else { continue };
                if ft.is_dir() {
                    if !name.starts_with('.') && name != "target" && name != "node_modules" {
                        stack.push(path);
                    }
                } else if ft.is_file() && wanted(&path) {
                    files += 1;
                    if files > MAX_FILES {
                        return index;
                    }
                    index.update(&path, false);
                }
            }
        }
        index
    }

    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// Re-read one file (or forget it).
    pub fn update(&mut self, path: &Path, deleted: bool) {
        if let Some(old) = self.by_path.remove(path) {
            if self.by_key.get(&old).is_some_and(|(p, _)| p == path) {
                self.by_key.remove(&old);
            }
        }
        if deleted || !wanted(path) {
            return;
        }
        if let Some((k, report)) = read(path) {
            self.by_path.insert(path.to_path_buf(), k.clone());
            self.by_key.insert(k, (path.to_path_buf(), report));
        }
    }

    /// The report with this key, unless it is the document itself.
    pub fn get(&self, key: &ReportKey, this: &Uri) -> Option<Report> {
        let (path, report) = self.by_key.get(key)?;
        let same = this
            .to_file_path()
            .is_some_and(|p| p.as_ref() == path.as_path());
        (!same).then(|| report.clone())
    }
}
