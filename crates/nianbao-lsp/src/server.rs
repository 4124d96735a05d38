//! The protocol adapter: document store, configuration, scheduling of diagnostics, request routing.
//!
//! Ordering: `didOpen`/`didChange` apply their edits synchronously, before any `.await`, so edits
//! land in arrival order even though tower-lsp runs several handlers concurrently. Each document
//! carries its version; an analysis is stored and published only if it is still for the current
//! version. Analyses and features run on blocking threads, so a panic there becomes an error
//! response, never a dead server.

use crate::actions;
use crate::completion::{self, CompletionCaps};
use crate::diagnostics::{self, DiagnosticCaps};
use crate::document::{Document, Encoding};
use crate::format;
use crate::hover;
use crate::outline;
use crate::settings::Settings;
use crate::snapshot::{panic_message, Input, Snapshot};
use crate::workspace::{self, ReportKey};
use nianbao_core::config::{self, ConfigError};
use nianbao_core::{Config, Context, Report};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// What the client can do, read once at `initialize`.
#[derive(Debug, Clone, Copy, Default)]
struct Caps {
    pull: bool,
    diagnostic: DiagnosticCaps,
    completion: CompletionCaps,
    hover_markdown: bool,
    configuration: bool,
    watch_dynamic: bool,
    configuration_dynamic: bool,
    diagnostic_refresh: bool,
    inlay_refresh: bool,
}

#[derive(Default)]
struct State {
    enc: Encoding,
    caps: Caps,
    /// Effective editor settings: `initial` with `pulled` on top.
    settings: Settings,
    /// From `initializationOptions`.
    initial: Settings,
    /// From `workspace/configuration` or `didChangeConfiguration`.
    pulled: Settings,
    roots: Vec<PathBuf>,
}

/// A `nianbao.toml` as read (cached until the file changes).
type ConfigEntry = std::result::Result<Arc<Config>, ConfigError>;

pub struct Inner {
    client: Client,
    docs: Mutex<HashMap<Uri, Document>>,
    state: Mutex<State>,
    configs: Mutex<HashMap<PathBuf, ConfigEntry>>,
    index: Mutex<workspace::Index>,
    /// Source of document generations (unique for the server's lifetime).
    generations: std::sync::atomic::AtomicU64,
    /// The server's reader: its memos shared by every analysis (any thread of the blocking pool).
    reader: nianbao_core::Reader,
}

/// The language server.
pub struct Backend {
    inner: Arc<Inner>,
    /// Set when the client asked for `shutdown` (the exit status depends on it).
    shut_down: Arc<std::sync::atomic::AtomicBool>,
}

impl Backend {
    pub fn new(client: Client, shut_down: Arc<std::sync::atomic::AtomicBool>) -> Self {
        Backend {
            shut_down,
            inner: Arc::new(Inner {
                client,
                docs: Mutex::new(HashMap::new()),
                state: Mutex::new(State::default()),
                configs: Mutex::new(HashMap::new()),
                index: Mutex::new(workspace::Index::default()),
                generations: std::sync::atomic::AtomicU64::new(1),
                reader: nianbao_core::Reader::new(),
            }),
        }
    }
}

/// Lock ignoring poisoning (a panic elsewhere must not take the server down).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn internal(message: impl Into<String>) -> Error {
    Error {
        code: ErrorCode::InternalError,
        message: message.into().into(),
        data: None,
    }
}

fn read_caps(c: &ClientCapabilities) -> Caps {
    let td = c.text_document.as_ref();
    let publish = td.and_then(|t| t.publish_diagnostics.as_ref());
    let completion_item = td
        .and_then(|t| t.completion.as_ref())
        .and_then(|c| c.completion_item.as_ref());
    let markdown = |formats: Option<&Vec<MarkupKind>>| {
        formats.is_some_and(|f| f.contains(&MarkupKind::Markdown))
    };
    let ws = c.workspace.as_ref();
    Caps {
        pull: td.and_then(|t| t.diagnostic.as_ref()).is_some(),
        diagnostic: DiagnosticCaps {
            related_information: publish.and_then(|p| p.related_information).unwrap_or(false)
                || td
                    .and_then(|t| t.diagnostic.as_ref())
                    .and_then(|d| d.related_information)
                    .unwrap_or(false),
            code_description: publish
                .and_then(|p| p.code_description_support)
                .unwrap_or(false)
                || td.and_then(|t| t.diagnostic.as_ref()).is_some(),
            tags: publish.and_then(|p| p.tag_support.as_ref()).is_some()
                || td
                    .and_then(|t| t.diagnostic.as_ref())
                    .and_then(|d| d.tag_support.as_ref())
                    .is_some(),
        },
        completion: CompletionCaps {
            snippets: completion_item
                .and_then(|i| i.snippet_support)
                .unwrap_or(false),
            markdown: markdown(completion_item.and_then(|i| i.documentation_format.as_ref())),
        },
        hover_markdown: markdown(
            td.and_then(|t| t.hover.as_ref())
                .and_then(|h| h.content_format.as_ref()),
        ),
        configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
        watch_dynamic: ws
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        configuration_dynamic: ws
            .and_then(|w| w.did_change_configuration.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        diagnostic_refresh: ws
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false),
        inlay_refresh: ws
            .and_then(|w| w.inlay_hint.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false),
    }
}

impl Inner {
    fn next_generation(&self) -> u64 {
        self.generations
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }

    fn caps(&self) -> Caps {
        lock(&self.state).caps
    }

    fn enc(&self) -> Encoding {
        lock(&self.state).enc
    }

    /// Log to the client (`window/logMessage`) and to stderr. Never stdout.
    fn log(self: &Arc<Self>, typ: MessageType, message: String) {
        eprintln!("nianbao-lsp: {message}");
        let client = self.client.clone();
        tokio::spawn(async move { client.log_message(typ, message).await });
    }

    /// The configuration of a document: `nianbao.toml` found by walking up (as the CLI does), with
    /// the editor settings on top.
    fn config_for(self: &Arc<Self>, path: Option<&Path>) -> Arc<Config> {
        let (settings, roots) = {
            let st = lock(&self.state);
            (st.settings.clone(), st.roots.clone())
        };
        let start = path
            .map(Path::to_path_buf)
            .or_else(|| roots.first().map(|r| r.join("untitled")));
        // As the CLI: from the canonical directory of the document.
        let found = start.as_deref().and_then(|p| {
            let dir = p.parent().unwrap_or(p);
            let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
            config::discover(&dir.join("_"), |c| c.is_file())
        });
        let base = match found {
            None => Arc::new(Config::default()),
            Some(file) => self.read_config(&file),
        };
        // Problems with the settings were reported once, when they arrived.
        let (cfg, _) = settings.apply(&base);
        Arc::new(cfg)
    }

    fn read_config(self: &Arc<Self>, file: &Path) -> Arc<Config> {
        if let Some(entry) = lock(&self.configs).get(file) {
            return entry.clone().unwrap_or_default();
        }
        let entry: ConfigEntry = match std::fs::read_to_string(file) {
            Ok(text) => Config::from_toml(&text).map(Arc::new),
            Err(e) => Err(ConfigError {
                message: format!("cannot read: {e}"),
                line: None,
                column: None,
            }),
        };
        // Tell the author where the configuration is wrong, on the file itself.
        if let Some(uri) = Uri::from_file_path(file) {
            let diags = match &entry {
                Ok(_) => Vec::new(),
                Err(e) => {
                    self.log(MessageType::ERROR, format!("{}: {e}", file.display()));
                    let line = e.line.unwrap_or(1).saturating_sub(1) as u32;
                    let col = e.column.unwrap_or(1).saturating_sub(1) as u32;
                    vec![Diagnostic {
                        range: Range::new(Position::new(line, col), Position::new(line, col + 1)),
                        severity: Some(DiagnosticSeverity::ERROR),
                        source: Some("nianbao".into()),
                        message: e.message.clone(),
                        ..Default::default()
                    }]
                }
            };
            let client = self.client.clone();
            tokio::spawn(async move { client.publish_diagnostics(uri, diags, None).await });
        }
        lock(&self.configs).insert(file.to_path_buf(), entry.clone());
        entry.unwrap_or_default()
    }

    /// The same organ's report of the previous year: open documents first, then the workspace.
    fn previous_year(&self, key: &ReportKey, this: &Uri) -> Option<Report> {
        let want = (key.0.clone(), key.1 - 1);
        for (uri, doc) in lock(&self.docs).iter() {
            if uri == this {
                continue;
            }
            if let Some(s) = &doc.snapshot {
                if workspace::key(&s.analysis.report).as_ref() == Some(&want) {
                    return Some(s.analysis.report.clone());
                }
            }
        }
        lock(&self.index).get(&want, this)
    }

    /// The analysis of the current version (computed if needed). `None` for an unknown document.
    async fn snapshot(
        self: &Arc<Self>,
        uri: &Uri,
    ) -> Option<std::result::Result<Arc<Snapshot>, String>> {
        let (text, version, generation, eligible, path, guess) = {
            let docs = lock(&self.docs);
            let doc = docs.get(uri)?;
            if let Some(s) = &doc.snapshot {
                if s.generation == doc.generation {
                    return Some(Ok(s.clone()));
                }
            }
            let guess = doc
                .snapshot
                .as_ref()
                .and_then(|s| workspace::key(&s.analysis.report));
            (
                doc.rope.to_string(),
                doc.version,
                doc.generation,
                doc.eligible(),
                doc.path.clone(),
                guess,
            )
        };
        let config = if eligible {
            self.config_for(path.as_deref())
        } else {
            Arc::new(Config::default())
        };
        let enc = self.enc();
        let this = self.clone();
        let uri2 = uri.clone();
        let result = tokio::task::spawn_blocking(move || {
            let input = Input {
                uri: uri2.clone(),
                version,
                text,
                eligible,
                config: config.clone(),
                enc,
            };
            let previous = guess.as_ref().and_then(|k| this.previous_year(k, &uri2));
            let snap = Snapshot::compute(
                &this.reader,
                input,
                &Context {
                    previous_year: previous.as_ref(),
                },
            )?;
            let actual = workspace::key(&snap.analysis.report);
            if actual != guess {
                // The organ or year changed (or was unknown): analyse again with the right context.
                let previous = actual.as_ref().and_then(|k| this.previous_year(k, &uri2));
                if previous.is_some() || snap.with_previous_year {
                    let input = Input {
                        uri: uri2,
                        version,
                        text: snap.text,
                        eligible,
                        config,
                        enc,
                    };
                    return Snapshot::compute(
                        &this.reader,
                        input,
                        &Context {
                            previous_year: previous.as_ref(),
                        },
                    );
                }
            }
            Ok(snap)
        })
        .await;
        let snap = match result {
            Ok(Ok(mut s)) => {
                s.generation = generation;
                Arc::new(s)
            }
            Ok(Err(e)) => return Some(Err(e)),
            Err(e) if e.is_panic() => return Some(Err(panic_message(&*e.into_panic()))),
            Err(e) => return Some(Err(e.to_string())),
        };
        let dependents = {
            let mut docs = lock(&self.docs);
            let stored = match docs.get_mut(uri) {
                Some(doc)
                    if doc.generation == generation
                        && doc
                            .snapshot
                            .as_ref()
                            .is_none_or(|s| s.generation != generation) =>
                {
                    doc.snapshot = Some(snap.clone());
                    true
                }
                _ => false,
            };
            if stored {
                self.dependents(&mut docs, uri, &snap)
            } else {
                Vec::new()
            }
        };
        if !dependents.is_empty() {
            // Next year's reports of the same organ read this one (NB403/NB404): check them again.
            let caps = self.caps();
            if caps.pull {
                if caps.diagnostic_refresh {
                    let client = self.client.clone();
                    tokio::spawn(async move { client.workspace_diagnostic_refresh().await });
                }
            } else {
                for (u, g) in dependents {
                    self.schedule(u, g, Duration::ZERO);
                }
            }
        }
        Some(Ok(snap))
    }

    fn generation_of(&self, uri: &Uri) -> Option<u64> {
        lock(&self.docs).get(uri).map(|d| d.generation)
    }

    /// Publish diagnostics for `generation` after `delay`, unless the document moved on meanwhile.
    fn schedule(self: &Arc<Self>, uri: Uri, generation: u64, delay: Duration) {
        if self.caps().pull {
            return;
        }
        let this = self.clone();
        tokio::spawn(async move {
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            if this.generation_of(&uri) == Some(generation) {
                this.publish(&uri).await;
            }
        });
    }

    async fn publish(self: &Arc<Self>, uri: &Uri) {
        let snap = match self.snapshot(uri).await {
            Some(Ok(s)) => s,
            Some(Err(e)) => {
                self.log(MessageType::ERROR, format!("{}: {e}", uri.as_str()));
                return;
            }
            None => return,
        };
        let diags = diagnostics::to_lsp(&snap, self.caps().diagnostic);
        {
            let mut docs = lock(&self.docs);
            let Some(doc) = docs.get_mut(uri) else { return };
            if doc.generation != snap.generation
                || doc.published.is_some_and(|(g, _)| g == snap.generation)
            {
                return; // stale, or already published
            }
            let had = doc.published.is_some_and(|(_, nonempty)| nonempty);
            if !snap.is_report && !had {
                return; // not a report: nothing from us, silently
            }
            doc.published = Some((snap.generation, !diags.is_empty()));
        }
        self.client
            .publish_diagnostics(uri.clone(), diags, Some(snap.version))
            .await;
    }

    /// Open reports of the next year of the same organ: their cross-year checks depend on this one.
    fn dependents(
        &self,
        docs: &mut HashMap<Uri, Document>,
        uri: &Uri,
        snap: &Snapshot,
    ) -> Vec<(Uri, u64)> {
        let Some((organ, year)) = workspace::key(&snap.analysis.report) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (u, d) in docs.iter_mut() {
            if u == uri {
                continue;
            }
            let next = d
                .snapshot
                .as_ref()
                .and_then(|s| workspace::key(&s.analysis.report));
            if next == Some((organ.clone(), year + 1)) {
                d.invalidate(self.next_generation());
                out.push((u.clone(), d.generation));
            }
        }
        out
    }

    /// Forget every analysis and check every open document again (configuration changed).
    async fn recheck_all(self: &Arc<Self>) {
        let list: Vec<(Uri, u64)> = {
            let mut docs = lock(&self.docs);
            docs.iter_mut()
                .map(|(u, d)| {
                    d.invalidate(self.next_generation());
                    (u.clone(), d.generation)
                })
                .collect()
        };
        let caps = self.caps();
        if caps.pull {
            if caps.diagnostic_refresh {
                let _ = self.client.workspace_diagnostic_refresh().await;
            }
        } else {
            for (u, v) in list {
                self.schedule(u, v, Duration::ZERO);
            }
        }
        if caps.inlay_refresh {
            let _ = self.client.inlay_hint_refresh().await;
        }
    }

    async fn pull_settings(self: &Arc<Self>) {
        if !self.caps().configuration {
            return;
        }
        let item = ConfigurationItem {
            scope_uri: None,
            section: Some("nianbao".into()),
        };
        let request = self.client.configuration(vec![item]);
        match tokio::time::timeout(Duration::from_secs(5), request).await {
            Ok(Ok(values)) => {
                if let Some(v) = values.first() {
                    self.set_settings(v, false);
                }
            }
            Ok(Err(e)) => self.log(
                MessageType::WARNING,
                format!("workspace/configuration failed: {e}"),
            ),
            Err(_) => self.log(
                MessageType::WARNING,
                "workspace/configuration: no answer".into(),
            ),
        }
    }

    /// New editor settings: from `initializationOptions` (`initial`) or from the client's
    /// configuration (then on top of the initial ones).
    fn set_settings(self: &Arc<Self>, value: &serde_json::Value, initial: bool) {
        match Settings::from_json(value) {
            (Some(s), _) => {
                for problem in s.apply(&Config::default()).1 {
                    self.log(MessageType::WARNING, problem);
                }
                let mut st = lock(&self.state);
                if initial {
                    st.initial = s;
                } else {
                    st.pulled = s;
                }
                st.settings = st.initial.overlay(&st.pulled);
            }
            (None, Some(e)) => self.log(MessageType::ERROR, e),
            (None, None) => {}
        }
    }

    /// Run a feature on the current snapshot, on a blocking thread (panics become errors).
    async fn with_report<T, F>(self: &Arc<Self>, uri: &Uri, f: F) -> Result<Option<T>>
    where
        T: Send + 'static,
        F: FnOnce(&Snapshot) -> T + Send + 'static,
    {
        let snap = match self.snapshot(uri).await {
            None => return Ok(None),
            Some(Err(e)) => return Err(internal(e)),
            Some(Ok(s)) => s,
        };
        if !snap.is_report {
            return Ok(None);
        }
        match tokio::task::spawn_blocking(move || f(&snap)).await {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.is_panic() => Err(internal(panic_message(&*e.into_panic()))),
            Err(e) => Err(internal(e.to_string())),
        }
    }

    fn scan_workspace(self: &Arc<Self>) {
        let roots = lock(&self.state).roots.clone();
        if roots.is_empty() {
            return;
        }
        let this = self.clone();
        tokio::spawn(async move {
            let built = tokio::task::spawn_blocking(move || workspace::Index::scan(&roots)).await;
            match built {
                Ok(index) => {
                    let n = index.len();
                    *lock(&this.index) = index;
                    this.log(
                        MessageType::INFO,
                        format!("workspace: {n} report(s) indexed for cross-year checks"),
                    );
                    if n > 0 {
                        this.recheck_all().await;
                    }
                }
                Err(e) => this.log(MessageType::ERROR, format!("workspace scan failed: {e}")),
            }
        });
    }
}

fn path_of(uri: &Uri) -> Option<PathBuf> {
    uri.to_file_path().map(|p| p.into_owned())
}

impl Backend {
    /// Formatting edits; the formatter's warnings go to the log.
    async fn format(&self, uri: &Uri, range: Option<Range>) -> Result<Option<Vec<TextEdit>>> {
        let result = self
            .inner
            .with_report(uri, move |s| format::document_edits(s, range))
            .await?;
        let (edits, warnings) = result.unwrap_or_default();
        for w in warnings {
            self.inner.log(MessageType::INFO, format!("fmt: {w}"));
        }
        Ok(Some(edits))
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = read_caps(&params.capabilities);
        let enc = Encoding::negotiate(&params.capabilities);
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| path_of(&f.uri))
            .collect();
        #[allow(deprecated)]
        if roots.is_empty() {
            roots.extend(params.root_uri.as_ref().and_then(path_of));
        }
        {
            let mut st = lock(&self.inner.state);
            st.caps = caps;
            st.enc = enc;
            st.roots = roots;
        }
        if let Some(opts) = &params.initialization_options {
            self.inner.set_settings(opts, true);
        }
        let capabilities = ServerCapabilities {
            position_encoding: Some(enc.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..Default::default()
                },
            )),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec![".".into(), "、".into(), "）".into(), "|".into()]),
                ..Default::default()
            }),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, actions::fix_all_kind()]),
                ..Default::default()
            })),
            document_symbol_provider: Some(OneOf::Left(true)),
            folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
            inlay_hint_provider: Some(OneOf::Left(true)),
            semantic_tokens_provider: Some(
                SemanticTokensServerCapabilities::SemanticTokensOptions(SemanticTokensOptions {
                    legend: outline::legend(),
                    full: Some(SemanticTokensFullOptions::Bool(true)),
                    range: Some(false),
                    ..Default::default()
                }),
            ),
            document_formatting_provider: Some(OneOf::Left(true)),
            document_range_formatting_provider: Some(OneOf::Left(true)),
            diagnostic_provider: caps.pull.then(|| {
                DiagnosticServerCapabilities::Options(DiagnosticOptions {
                    identifier: Some("nianbao".into()),
                    inter_file_dependencies: true,
                    workspace_diagnostics: false,
                    ..Default::default()
                })
            }),
            workspace: Some(WorkspaceServerCapabilities {
                workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                    supported: Some(true),
                    change_notifications: Some(OneOf::Left(true)),
                }),
                file_operations: None,
            }),
            ..Default::default()
        };
        Ok(InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "nianbao".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let inner = &self.inner;
        let caps = inner.caps();
        let mut registrations = Vec::new();
        if caps.watch_dynamic {
            let watchers = ["**/nianbao.toml", "**/*.{md,markdown,txt}"]
                .into_iter()
                .map(|g| FileSystemWatcher {
                    glob_pattern: GlobPattern::String(g.into()),
                    kind: None,
                })
                .collect();
            registrations.push(Registration {
                id: "nianbao-watch".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                    watchers,
                })
                .ok(),
            });
        }
        if caps.configuration_dynamic {
            registrations.push(Registration {
                id: "nianbao-configuration".into(),
                method: "workspace/didChangeConfiguration".into(),
                register_options: None,
            });
        }
        if !registrations.is_empty() {
            let request = inner.client.register_capability(registrations);
            match tokio::time::timeout(Duration::from_secs(5), request).await {
                Ok(Ok(())) => {}
                Ok(Err(e)) => inner.log(
                    MessageType::WARNING,
                    format!("client/registerCapability failed: {e}"),
                ),
                Err(_) => inner.log(
                    MessageType::WARNING,
                    "client/registerCapability: no answer".into(),
                ),
            }
        }
        inner.pull_settings().await;
        inner.scan_workspace();
        let enc = inner.enc();
        inner.log(
            MessageType::INFO,
            format!(
                "nianbao {} ready (positions: {:?})",
                env!("CARGO_PKG_VERSION"),
                enc
            ),
        );
        // Documents opened before the settings arrived are checked with them now.
        if !lock(&inner.docs).is_empty() {
            inner.recheck_all().await;
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.shut_down
            .store(true, std::sync::atomic::Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let td = params.text_document;
        let generation = self.inner.next_generation();
        let doc = Document::new(
            &td.text,
            td.version,
            td.language_id,
            path_of(&td.uri),
            generation,
        );
        lock(&self.inner.docs).insert(td.uri.clone(), doc);
        self.inner.schedule(td.uri, generation, Duration::ZERO);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // Applied synchronously: no `.await` before the edits are in the rope.
        let enc = self.inner.enc();
        let uri = params.text_document.uri;
        let generation = {
            let mut docs = lock(&self.inner.docs);
            docs.get_mut(&uri).map(|doc| {
                for change in &params.content_changes {
                    doc.apply(change, enc);
                }
                doc.version = params.text_document.version;
                doc.generation = self.inner.next_generation();
                doc.generation
            })
        };
        match generation {
            Some(generation) => {
                let delay = lock(&self.inner.state).settings.debounce();
                self.inner.schedule(uri, generation, delay);
            }
            None => self.inner.log(
                MessageType::WARNING,
                format!(
                    "didChange for a document that is not open: {}",
                    uri.as_str()
                ),
            ),
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let removed = lock(&self.inner.docs).remove(&uri);
        if removed
            .and_then(|d| d.published)
            .is_some_and(|(_, nonempty)| nonempty)
        {
            self.inner
                .client
                .publish_diagnostics(uri, Vec::new(), None)
                .await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let has_section = params.settings.get("nianbao").is_some_and(|v| !v.is_null());
        if has_section {
            self.inner.set_settings(&params.settings, false);
        } else {
            self.inner.pull_settings().await;
        }
        self.inner.recheck_all().await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut config_changed = false;
        let mut reports = Vec::new();
        for change in &params.changes {
            let Some(path) = path_of(&change.uri) else {
                continue;
            };
            if path.file_name().is_some_and(|n| n == config::FILE_NAME) {
                config_changed = true;
            } else {
                reports.push((path, change.typ == FileChangeType::DELETED));
            }
        }
        if config_changed {
            lock(&self.inner.configs).clear();
        }
        if !reports.is_empty() {
            let inner = self.inner.clone();
            let _ = tokio::task::spawn_blocking(move || {
                let mut index = lock(&inner.index);
                for (path, deleted) in reports {
                    index.update(&path, deleted);
                }
            })
            .await;
        }
        if config_changed || !params.changes.is_empty() {
            self.inner.recheck_all().await;
        }
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        {
            let mut st = lock(&self.inner.state);
            for removed in &params.event.removed {
                if let Some(p) = path_of(&removed.uri) {
                    st.roots.retain(|r| r != &p);
                }
            }
            st.roots
                .extend(params.event.added.iter().filter_map(|f| path_of(&f.uri)));
        }
        self.inner.scan_workspace();
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let caps = self.inner.caps().diagnostic;
        let result = self.inner.snapshot(&uri).await;
        let (items, result_id) = match result {
            None => (Vec::new(), None),
            Some(Err(e)) => return Err(internal(e)),
            Some(Ok(snap)) => {
                let id = format!("{}", snap.generation);
                if params.previous_result_id.as_deref() == Some(id.as_str()) && snap.is_report {
                    return Ok(DocumentDiagnosticReportResult::Report(
                        DocumentDiagnosticReport::Unchanged(
                            RelatedUnchangedDocumentDiagnosticReport {
                                related_documents: None,
                                unchanged_document_diagnostic_report:
                                    UnchangedDocumentDiagnosticReport { result_id: id },
                            },
                        ),
                    ));
                }
                let snap2 = snap.clone();
                let items = tokio::task::spawn_blocking(move || diagnostics::to_lsp(&snap2, caps))
                    .await
                    .map_err(|e| internal(e.to_string()))?;
                (items, Some(id))
            }
        };
        Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id, items },
            }),
        ))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let pos = params.text_document_position.position;
        let caps = self.inner.caps().completion;
        let list = self
            .inner
            .with_report(&params.text_document_position.text_document.uri, move |s| {
                completion::complete(s, pos, caps)
            })
            .await?;
        Ok(list.map(CompletionResponse::List))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let pos = params.text_document_position_params.position;
        let markdown = self.inner.caps().hover_markdown;
        let uri = params.text_document_position_params.text_document.uri;
        Ok(self
            .inner
            .with_report(&uri, move |s| hover::hover(s, pos, markdown))
            .await?
            .flatten())
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let caps = self.inner.caps().diagnostic;
        let (range, only) = (params.range, params.context.only);
        let actions = self
            .inner
            .with_report(&params.text_document.uri, move |s| {
                actions::code_actions(s, range, &only, caps)
            })
            .await?;
        Ok(actions.filter(|a| !a.is_empty()))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let symbols = self
            .inner
            .with_report(&params.text_document.uri, outline::document_symbols)
            .await?;
        Ok(symbols.map(DocumentSymbolResponse::Nested))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.inner
            .with_report(&params.text_document.uri, outline::folding_ranges)
            .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let mode = lock(&self.inner.state).settings.inlay_hints();
        let range = params.range;
        self.inner
            .with_report(&params.text_document.uri, move |s| {
                outline::inlay_hints(s, range, mode)
            })
            .await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let tokens = self
            .inner
            .with_report(&params.text_document.uri, outline::semantic_tokens)
            .await?;
        Ok(tokens.map(SemanticTokensResult::Tokens))
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        self.format(&params.text_document.uri, None).await
    }

    async fn range_formatting(
        &self,
        params: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        self.format(&params.text_document.uri, Some(params.range))
            .await
    }
}
