// nianbao for VS Code: a client of `nianbao lsp`.
//
// - Markdown and plain-text documents that look like annual reports are switched
//   to the `nianbao` language (setting `nianbao.detect.switchLanguage`), so that
//   format-on-save and our other defaults apply to them and to nothing else.
// - The server is found in order: setting `nianbao.server.path` (trusted
//   workspaces only), the binary bundled in the extension (`server/nianbao`),
//   `nianbao` on PATH (and ~/.cargo/bin).
import * as vscode from 'vscode';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { HEADINGS, looksLikeReport } from './detect';

const LANG = 'nianbao';
const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('nianbao');
const EXE = process.platform === 'win32' ? 'nianbao.exe' : 'nianbao';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let traceOutput: vscode.OutputChannel;
let statusItem: vscode.StatusBarItem;
let serverCommand: string | undefined;
let starting: Promise<void> | undefined;
/** Documents we switched to `nianbao`: if the user switches one back, leave it. */
const switchedByUs = new Set<string>();
const statusCache = new Map<string, ReportStatus>();

interface ReportStatus {
  template: string | null;
  year: number | null;
  organ: string | null;
}

function t(message: string, ...args: Array<string | number>): string {
  return vscode.l10n.t(message, ...args);
}

// ---------------------------------------------------------------------------
// Finding the server

function isExecutable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) {
      return false;
    }
    if (process.platform === 'win32') {
      return true;
    }
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}

export function findServer(context: vscode.ExtensionContext): { command?: string; source: string; tried: string[] } {
  const tried: string[] = [];
  const config = vscode.workspace.getConfiguration('nianbao');
  // 1. The setting; ignored in untrusted workspaces (restricted mode).
  const configured = config.get<string | null>('server.path');
  if (configured && configured.trim() !== '') {
    if (!vscode.workspace.isTrusted) {
      output.appendLine(t('Workspace is not trusted: ignoring nianbao.server.path ({0}).', configured));
    } else {
      let p = expandHome(configured.trim());
      if (!path.isAbsolute(p) && vscode.workspace.workspaceFolders?.length) {
        p = path.join(vscode.workspace.workspaceFolders[0].uri.fsPath, p);
      }
      tried.push(p);
      if (isExecutable(p)) {
        return { command: p, source: 'setting nianbao.server.path', tried };
      }
      output.appendLine(t('nianbao.server.path is set to {0} but no executable is there.', p));
    }
  }
  // 2. Bundled with the extension.
  const bundled = context.asAbsolutePath(path.join('server', EXE));
  tried.push(bundled);
  if (isExecutable(bundled)) {
    return { command: bundled, source: 'bundled', tried };
  }
  // 3. PATH, then cargo's default install directory.
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter((d) => d !== '' && path.isAbsolute(d));
  dirs.push(path.join(os.homedir(), '.cargo', 'bin'));
  for (const dir of dirs) {
    const p = path.join(dir, EXE);
    if (isExecutable(p)) {
      return { command: p, source: 'PATH', tried: [...tried, p] };
    }
  }
  tried.push(`PATH (${EXE})`);
  return { source: 'none', tried };
}

async function notifyMissingServer(context: vscode.ExtensionContext, tried: string[]): Promise<void> {
  output.appendLine(t('nianbao language server not found. Looked at: {0}', tried.join(', ')));
  const howTo = t('How to install');
  const setPath = t('Set server path');
  const choice = await vscode.window.showErrorMessage(
    t('nianbao: the language server `nianbao` was not found (setting nianbao.server.path, the extension, PATH). Install it with `pip install nianbao` (or install the extension\'s nianbao-linux-x64.vsix, which has it inside), then run "nianbao: Restart Server".'),
    howTo,
    setPath,
  );
  if (choice === howTo) {
    const readme = vscode.Uri.joinPath(context.extensionUri, 'README.md');
    await vscode.commands.executeCommand('markdown.showPreview', readme).then(undefined, () =>
      vscode.window.showTextDocument(readme),
    );
  } else if (choice === setPath) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'nianbao.server.path');
  }
}

// ---------------------------------------------------------------------------
// The client

/** Settings for the server, in its own shape (crates/nianbao-lsp/src/settings.rs). */
function serverSettings(scope?: vscode.Uri): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration('nianbao', scope);
  return {
    template: c.get('template', 'auto'),
    rules: c.get('rules', {}),
    debounce_ms: c.get('debounce', 150),
    inlay_hints: c.get('inlayHints', 'differ'),
  };
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const found = findServer(context);
  if (!found.command) {
    serverCommand = undefined;
    updateStatus();
    await notifyMissingServer(context, found.tried);
    return;
  }
  serverCommand = found.command;
  const extraArgs = vscode.workspace.isTrusted
    ? vscode.workspace.getConfiguration('nianbao').get<string[]>('server.extraArgs', [])
    : [];
  output.appendLine(t('Starting {0} lsp (found via {1})', found.command, found.source));
  // No `transport`: plain stdio, no `--stdio` appended (the server accepts it anyway).
  const serverOptions: ServerOptions = {
    command: found.command,
    args: ['lsp', ...extraArgs],
    options: { env: { ...process.env, RUST_BACKTRACE: '1' } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: LANG, scheme: 'file' },
      { language: LANG, scheme: 'untitled' },
    ],
    outputChannel: output,
    traceOutputChannel: traceOutput,
    initializationOptions: serverSettings(),
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/nianbao.toml'),
    },
    middleware: {
      workspace: {
        // Answer `workspace/configuration` for section `nianbao` in the server's shape.
        configuration: async (params, token, next) => {
          const res = await next(params, token);
          if (!Array.isArray(res)) {
            return res;
          }
          return params.items.map((item, i) =>
            item.section === 'nianbao' ? serverSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : res[i],
          );
        },
      },
    },
  };
  client = new LanguageClient('nianbao', 'nianbao', serverOptions, clientOptions);
  client.onDidChangeState((e) => {
    if (e.newState === State.Stopped) {
      output.appendLine(t('nianbao language server stopped.'));
    }
    updateStatus();
  });
  try {
    await client.start();
  } catch (err) {
    output.appendLine(t('Could not start the nianbao language server: {0}', String(err)));
    void vscode.window.showErrorMessage(t('nianbao: could not start the language server: {0}', String(err)));
  }
  // Optional: a server may push what it detected for a document.
  client.onNotification('nianbao/status', (params: { uri: string } & Partial<ReportStatus>) => {
    statusCache.set(params.uri, {
      template: params.template ?? null,
      year: params.year ?? null,
      organ: params.organ ?? null,
    });
    updateStatus();
  });
  updateStatus();
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.stop(3000);
    } catch (err) {
      output.appendLine(t('Stopping the server: {0}', String(err)));
    }
  }
}

// ---------------------------------------------------------------------------
// Which documents are ours

function switchMode(doc: vscode.TextDocument): string {
  return vscode.workspace.getConfiguration('nianbao', doc).get<string>('detect.switchLanguage', 'plaintextAndMarkdown');
}

async function maybeAdopt(doc: vscode.TextDocument): Promise<void> {
  if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled') {
    return;
  }
  const mode = switchMode(doc);
  const eligible =
    (doc.languageId === 'plaintext' && mode !== 'off') || (doc.languageId === 'markdown' && mode === 'plaintextAndMarkdown');
  if (!eligible) {
    return;
  }
  const key = doc.uri.toString();
  if (switchedByUs.has(key)) {
    return; // the user switched it back: respect that
  }
  if (!looksLikeReport(doc.getText())) {
    return;
  }
  switchedByUs.add(key);
  output.appendLine(t('{0} looks like an annual report: using the nianbao language mode.', doc.uri.fsPath || key));
  await vscode.languages.setTextDocumentLanguage(doc, LANG);
}

// ---------------------------------------------------------------------------
// Running the CLI (export, new)

function runCli(args: string[], input?: string, cwd?: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve, reject) => {
    if (!serverCommand) {
      reject(new Error(t('the nianbao binary was not found')));
      return;
    }
    const child = cp.execFile(
      serverCommand,
      args,
      { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', timeout: 30000 },
      (error, stdout, stderr) => {
        const code = error && typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : error ? -1 : 0;
        if (error && code === -1) {
          reject(error);
        } else {
          resolve({ stdout, stderr, code });
        }
      },
    );
    if (input !== undefined) {
      child.stdin?.end(input);
    }
  });
}

async function exportDocument(doc: vscode.TextDocument, format: 'json' | 'csv'): Promise<string> {
  const cwd = doc.uri.scheme === 'file' ? path.dirname(doc.uri.fsPath) : undefined;
  let res;
  if (doc.uri.scheme === 'file' && !doc.isDirty) {
    res = await runCli(['export', '--format', format, doc.uri.fsPath], undefined, cwd);
  } else {
    const name = doc.uri.scheme === 'file' ? ['--stdin-filename', doc.uri.fsPath] : [];
    res = await runCli(['export', '--format', format, ...name, '-'], doc.getText(), cwd);
  }
  if (res.code !== 0 && res.stdout.trim() === '') {
    throw new Error(res.stderr.trim() || `nianbao export exited ${res.code}`);
  }
  return res.stdout;
}

async function exportCommand(format: 'json' | 'csv'): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(t('Open an annual report first.'));
    return;
  }
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(t('nianbao: export is not available in an untrusted workspace.'));
    return;
  }
  try {
    const text = await exportDocument(editor.document, format);
    const doc = await vscode.workspace.openTextDocument({ content: text, language: format === 'json' ? 'json' : 'plaintext' });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  } catch (err) {
    output.appendLine(String(err));
    void vscode.window.showErrorMessage(t('nianbao export failed: {0}', err instanceof Error ? err.message : String(err)));
  }
}

// ---------------------------------------------------------------------------
// Status bar: detected template and year

async function refreshStatus(doc: vscode.TextDocument | undefined): Promise<void> {
  if (!doc || doc.languageId !== LANG || !serverCommand || !vscode.workspace.isTrusted) {
    updateStatus();
    return;
  }
  try {
    const text = await exportDocument(doc, 'json');
    const parsed = JSON.parse(text) as Array<Partial<ReportStatus>>;
    const first = Array.isArray(parsed) ? parsed[0] : undefined;
    if (first) {
      statusCache.set(doc.uri.toString(), {
        template: first.template ?? null,
        year: first.year ?? null,
        organ: first.organ ?? null,
      });
    }
  } catch (err) {
    output.appendLine(t('Status: {0}', err instanceof Error ? err.message : String(err)));
  }
  updateStatus();
}

function updateStatus(): void {
  if (!statusItem) {
    return;
  }
  const enabled = vscode.workspace.getConfiguration('nianbao').get<boolean>('statusBar.enable', true);
  const doc = vscode.window.activeTextEditor?.document;
  if (!enabled || !doc || doc.languageId !== LANG) {
    statusItem.hide();
    return;
  }
  const running = client?.state === State.Running;
  const st = statusCache.get(doc.uri.toString());
  const parts: string[] = [];
  if (st?.template) {
    parts.push(t('{0} template', st.template));
  }
  if (st?.year) {
    parts.push(t('year {0}', st.year));
  }
  const icon = !serverCommand ? '$(error)' : running ? '$(checklist)' : '$(sync~spin)';
  statusItem.text = `${icon} ${t('Annual report')}${parts.length ? ' · ' + parts.join(' · ') : ''}`;
  const tip = new vscode.MarkdownString();
  tip.appendMarkdown(`**nianbao** — ${t('政府信息公开工作年度报告')}\n\n`);
  if (st?.organ) {
    tip.appendMarkdown(`${t('Organ')}: ${st.organ}\n\n`);
  }
  tip.appendMarkdown(`${t('Template')}: ${st?.template ?? t('unknown')} · ${t('Year')}: ${st?.year ?? t('unknown')}\n\n`);
  tip.appendMarkdown(
    !serverCommand ? t('Language server not found.') : running ? t('Language server running: {0}', serverCommand) : t('Language server starting…'),
  );
  statusItem.tooltip = tip;
  statusItem.show();
}

// ---------------------------------------------------------------------------
// Commands

async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== LANG) {
    return;
  }
  const doc = editor.document;
  const full = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    doc.uri,
    full,
    FIX_ALL_KIND.value,
  );
  const action = (actions ?? []).find((a) => a.kind && FIX_ALL_KIND.contains(a.kind));
  if (!action || (!action.edit && !action.command)) {
    void vscode.window.showInformationMessage(t('nianbao: nothing to fix automatically.'));
    return;
  }
  if (action.edit) {
    await vscode.workspace.applyEdit(action.edit);
  }
  if (action.command) {
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
}

interface TablePick extends vscode.QuickPickItem {
  section: number;
}

async function insertTable(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== LANG) {
    return;
  }
  // 1. The server's snippets for whole tables, where it offers them.
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    editor.document.uri,
    editor.selection.active,
  );
  const snippets = (list?.items ?? []).filter(
    (i) => i.kind === vscode.CompletionItemKind.Snippet && i.insertText instanceof vscode.SnippetString,
  );
  if (snippets.length > 0) {
    const pick = await vscode.window.showQuickPick(
      snippets.map((s) => ({
        label: typeof s.label === 'string' ? s.label : s.label.label,
        detail: typeof s.detail === 'string' ? s.detail : undefined,
        item: s,
      })),
      { placeHolder: t('Which standard table?') },
    );
    if (pick) {
      await editor.insertSnippet(pick.item.insertText as vscode.SnippetString);
    }
    return;
  }
  // 2. Otherwise cut the table out of a blank report from `nianbao new`.
  const picks: TablePick[] = [
    { label: t('Table 二: 主动公开政府信息情况'), section: 2 },
    { label: t('Table 三: 收到和处理政府信息公开申请情况'), section: 3 },
    { label: t('Table 四: 政府信息公开行政复议、行政诉讼情况'), section: 4 },
  ];
  const pick = await vscode.window.showQuickPick(picks, { placeHolder: t('Which standard table?') });
  if (!pick) {
    return;
  }
  const st = statusCache.get(editor.document.uri.toString());
  const year = st?.year ?? new Date().getFullYear() - 1;
  const markdown = /\.(md|markdown)$/i.test(editor.document.fileName) || /^\s*#/m.test(editor.document.getText());
  try {
    const res = await runCli(['new', '--year', String(year), '--organ', st?.organ ?? '某某', markdown ? '--markdown' : '--text']);
    if (res.code !== 0) {
      throw new Error(res.stderr.trim() || `nianbao new exited ${res.code}`);
    }
    const table = extractSectionBody(res.stdout, pick.section);
    if (!table) {
      throw new Error(t('no table found in the blank report'));
    }
    await editor.insertSnippet(new vscode.SnippetString().appendText(table));
  } catch (err) {
    void vscode.window.showErrorMessage(t('nianbao: could not insert the table: {0}', err instanceof Error ? err.message : String(err)));
  }
}

/** The lines under section heading 二/三/四 of a blank report, up to the next section heading. */
export function extractSectionBody(report: string, section: number): string | undefined {
  const lines = report.split(/\r?\n/);
  const start = lines.findIndex((l) => HEADINGS[section - 1].test(l));
  if (start < 0) {
    return undefined;
  }
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    if (HEADINGS.some((re, k) => k >= section && re.test(lines[i]))) {
      end = i;
      break;
    }
  }
  const body = lines.slice(start + 1, end).join('\n').trim();
  return body ? body + '\n' : undefined;
}

// ---------------------------------------------------------------------------

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('nianbao');
  traceOutput = vscode.window.createOutputChannel('nianbao (LSP trace)');
  statusItem = vscode.window.createStatusBarItem('nianbao.status', vscode.StatusBarAlignment.Right, 100);
  statusItem.name = 'nianbao';
  statusItem.command = 'nianbao.showOutput';
  context.subscriptions.push(output, traceOutput, statusItem);

  context.subscriptions.push(
    vscode.commands.registerCommand('nianbao.restartServer', async () => {
      await stopClient();
      starting = undefined;
      await ensureStarted(context);
    }),
    vscode.commands.registerCommand('nianbao.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('nianbao.fixAll', fixAll),
    vscode.commands.registerCommand('nianbao.insertTable', insertTable),
    vscode.commands.registerCommand('nianbao.exportJson', () => exportCommand('json')),
    vscode.commands.registerCommand('nianbao.exportCsv', () => exportCommand('csv')),
    vscode.commands.registerCommand('nianbao.treatAsReport', async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (doc) {
        switchedByUs.add(doc.uri.toString());
        await vscode.languages.setTextDocumentLanguage(doc, LANG);
      }
    }),
    vscode.workspace.onDidOpenTextDocument(async (doc) => {
      await maybeAdopt(doc);
      if (doc.languageId === LANG) {
        await ensureStarted(context);
      }
    }),
    vscode.workspace.onDidSaveTextDocument((doc) => void refreshStatus(doc)),
    vscode.window.onDidChangeActiveTextEditor((e) => {
      updateStatus();
      if (e && !statusCache.has(e.document.uri.toString())) {
        void refreshStatus(e.document);
      }
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('nianbao.server')) {
        await vscode.commands.executeCommand('nianbao.restartServer');
      } else if (e.affectsConfiguration('nianbao.statusBar')) {
        updateStatus();
      }
      // Other nianbao.* settings: the server registers for workspace/didChangeConfiguration
      // and then pulls them with workspace/configuration, answered by the middleware above.
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      await vscode.commands.executeCommand('nianbao.restartServer');
    }),
  );

  for (const doc of vscode.workspace.textDocuments) {
    await maybeAdopt(doc);
  }
  if (vscode.workspace.textDocuments.some((d) => d.languageId === LANG)) {
    await ensureStarted(context);
  }
}

/** The server starts with the first report opened, not with any Markdown file. */
async function ensureStarted(context: vscode.ExtensionContext): Promise<void> {
  if (!starting) {
    starting = startClient(context).then(() => refreshStatus(vscode.window.activeTextEditor?.document));
  }
  await starting;
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
