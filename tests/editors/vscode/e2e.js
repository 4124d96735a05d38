// Drives VS Code (code-server) in headless Debian chromium: the nianbao extension end to end.
// Run by run.sh, which starts code-server and passes E2E_* variables. Exits 1 on any failure.
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs');
const path = require('path');
const { execFileSync, spawnSync } = require('child_process');

const env = (k) => {
  const v = process.env[k];
  if (!v) throw new Error(`missing env ${k}`);
  return v;
};
const URL = env('E2E_URL');
const WS = env('E2E_WS');
const FILE = env('E2E_FILE');
const SEED = env('E2E_SEED');
const ANCHOR_LINE = Number(env('E2E_ANCHOR_LINE'));
const SHOTS = env('E2E_SHOTS');
const BIN = env('NIANBAO_BIN');
const t0 = Date.now();
const log = (m) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

async function shot(page, name) {
  const p = path.join(SHOTS, name);
  await page.screenshot({ path: p });
  log(`screenshot ${path.relative(process.cwd(), p)}`);
}

async function textOf(page, selector) {
  return page.evaluate((sel) => Array.from(document.querySelectorAll(sel)).map((e) => e.textContent || '').join('\n'), selector);
}

async function waitText(page, selector, re, timeout, what) {
  try {
    await page.waitForFunction(
      ([sel, src, flags]) => {
        const re = new RegExp(src, flags);
        return Array.from(document.querySelectorAll(sel)).some((e) => re.test(e.textContent || ''));
      },
      [selector, re.source, re.flags],
      { timeout, polling: 200 },
    );
  } catch (e) {
    const seen = (await textOf(page, selector)).slice(0, 600);
    throw new Error(`${what}: ${re} not seen in ${selector} within ${timeout} ms; it shows: ${JSON.stringify(seen)}`);
  }
}

function PROBLEM_COUNT() {
  const el = document.querySelector('[id="status.problems"]');
  const label = (el && el.getAttribute('aria-label')) || '';
  return (label.match(/\d+/g) || []).reduce((a, b) => a + Number(b), 0);
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { timeout: 10000 });
  await page.keyboard.type(title);
  await page.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${title.replace(/^.*: /, '')}")`, { timeout: 10000 });
  await page.keyboard.press('Enter');
}

function countMatches(s, re) {
  return (s.match(new RegExp(re.source, 'g')) || []).length;
}

async function main() {
  fs.mkdirSync(SHOTS, { recursive: true });
  const browser = await chromium.launchPersistentContext(env('E2E_PROFILE'), {
    executablePath: env('E2E_CHROMIUM'),
    headless: true,
    viewport: { width: 1400, height: 860 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const page = browser.pages()[0] || (await browser.newPage());
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  try {
    await page.goto(URL);
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    log('workbench loaded');
    await page.waitForTimeout(1500);

    // Open the seed through quick open.
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { timeout: 15000 });
    await page.keyboard.type(FILE);
    await page.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${FILE}")`, { timeout: 15000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 15000 });
    log(`opened ${FILE}`);

    // The extension switched the plain-text report to its language mode.
    await waitText(page, '.statusbar', /政府信息公开年度报告/, 30000, 'language mode');
    log('language mode: 政府信息公开年度报告');

    // Problems panel: our NB304 diagnostic.
    await page.keyboard.press('Control+Shift+M');
    await waitText(page, '.markers-panel', /NB304/, 60000, 'Problems panel');
    const problems = await textOf(page, '.markers-panel');
    const nb304Before = countMatches(problems, /NB304/);
    log(`Problems panel shows NB304 (${nb304Before}x)`);
    await waitText(page, '.statusbar', /Annual report.*2020|2020.*Annual report/, 20000, 'status bar item');
    log(`status bar: ${((await textOf(page, '.statusbar-item')).match(/Annual report[^\n]*/) || ['?'])[0]}`);
    await shot(page, '1-problems.png');

    // Quick fix for NB304, at the position the Problems panel gives.
    const rowText = (await page.locator('.markers-panel .monaco-list-row', { hasText: 'NB304' }).first().textContent()) || '';
    const pos = /Ln (\d+), Col (\d+)/.exec(rowText);
    if (!pos) throw new Error(`no position in the Problems row: ${rowText}`);
    await page.click('.monaco-editor .view-lines');
    await page.keyboard.press('Control+G');
    await page.waitForSelector('.quick-input-widget input', { timeout: 10000 });
    await page.keyboard.type(`${pos[1]}:${pos[2]}`);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    await page.keyboard.press('Control+.');
    await page.waitForSelector('.action-widget .monaco-list-row', { timeout: 15000 });
    const actions = page.locator('.action-widget .monaco-list-row.action');
    const n = await actions.count();
    const titles = [];
    let chosen = -1;
    for (let i = 0; i < n; i++) {
      const t = (await actions.nth(i).textContent()) || '';
      titles.push(t);
      if (chosen < 0 && !/disable|禁用|停用|忽略|ignore|suppress|nianbao-disable/i.test(t)) chosen = i;
    }
    log(`quick fixes: ${JSON.stringify(titles)}`);
    if (chosen < 0) throw new Error('no quick fix other than suppression offered for NB304');
    await shot(page, '2-quickfix.png');
    for (let i = 0; i < chosen; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (before) => {
        const t = Array.from(document.querySelectorAll('.markers-panel')).map((e) => e.textContent || '').join('');
        return (t.match(/NB304/g) || []).length < before;
      },
      nb304Before,
      { timeout: 20000, polling: 200 },
    ).catch(async () => {
      throw new Error(`NB304 still in the Problems panel after "${titles[chosen]}": ${(await textOf(page, '.markers-panel')).slice(0, 400)}`);
    });
    log(`quick fix applied: ${titles[chosen]}`);

    // Completion on a new line inside table 三, after 「(三)不予公开」.
    await page.click('.monaco-editor .view-lines');
    await page.keyboard.press('Control+G');
    await page.waitForSelector('.quick-input-widget input', { timeout: 10000 });
    await page.keyboard.type(String(ANCHOR_LINE));
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Home');
    // Trigger suggest; retried, since a busy machine can close the widget before the answer.
    const labels = /属于国家秘密|其他法律行政法规禁止公开|保护第三方合法权益/;
    for (let attempt = 1; ; attempt++) {
      await page.waitForTimeout(300);
      await page.keyboard.press('Control+Space');
      try {
        await waitText(page, '.suggest-widget', labels, 10000, 'completion');
        break;
      } catch (e) {
        if (attempt >= 3) throw e;
        log(`completion attempt ${attempt}: ${e.message.slice(0, 120)}; retrying`);
        await page.keyboard.press('Escape');
      }
    }
    const suggestions = (await textOf(page, '.suggest-widget .monaco-list-row')).slice(0, 300);
    log(`completion: ${JSON.stringify(suggestions.slice(0, 160))}`);
    await shot(page, '3-completion.png');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Z');

    // Save: format-on-save (on by default for the nianbao language only).
    const target = path.join(WS, FILE);
    const original = fs.readFileSync(SEED, 'utf8');
    await page.click('.monaco-editor .view-lines');
    await page.keyboard.press('Control+S');
    const deadline = Date.now() + 20000;
    let disk = fs.readFileSync(target, 'utf8');
    while (disk === original && Date.now() < deadline) {
      await page.waitForTimeout(200);
      disk = fs.readFileSync(target, 'utf8');
    }
    if (disk === original) throw new Error('the file on disk did not change after Ctrl+S');
    // Wait until the editor is clean (save finished), then compare with `nianbao fmt`.
    await page.waitForFunction(() => !document.querySelector('.tab.active.dirty'), null, { timeout: 10000 });
    await page.waitForTimeout(500);
    disk = fs.readFileSync(target, 'utf8');
    const formatted = execFileSync(BIN, ['fmt', '-'], { input: disk, encoding: 'utf8' });
    if (formatted !== disk) {
      const a = disk.split('\n');
      const b = formatted.split('\n');
      const i = a.findIndex((l, k) => l !== b[k]);
      throw new Error(`saved file is not formatted: line ${i + 1}: ${JSON.stringify(a[i])} vs nianbao fmt: ${JSON.stringify(b[i])}`);
    }
    const seedFormatted = execFileSync(BIN, ['fmt', '-'], { input: original, encoding: 'utf8' });
    if (seedFormatted === original) throw new Error('nianbao fmt leaves the seed unchanged: format-on-save was not exercised');
    log('saved file equals `nianbao fmt` of itself, and differs from the seed: formatted on save');
    const check = spawnSync(BIN, ['check', '--format', 'json', target], { encoding: 'utf8' });
    const codes = JSON.parse(check.stdout).files[0].diagnostics.map((d) => d.code);
    log(`nianbao check after save: ${codes.length} diagnostics (${codes.filter((c) => c === 'NB304').length} NB304, ${nb304Before} before)`);
    // Show the reformatted table 三 (one row per line, tab-separated cells).
    const t3 = disk.split('\n').findIndex((l) => l.includes('三、收到和处理'));
    await page.keyboard.press('Control+G');
    await page.waitForSelector('.quick-input-widget input', { timeout: 10000 });
    await page.keyboard.type(String(t3 + 1));
    await page.keyboard.press('Enter');
    await page.waitForTimeout(400);
    await shot(page, '4-formatted.png');

    // Command: Fix All Problems (source.fixAll.nianbao) on the saved file.
    const fixable = JSON.parse(spawnSync(BIN, ['check', '--format', 'json', target], { encoding: 'utf8' }).stdout)
      .files[0].diagnostics.filter((d) => d.fix && d.fix.safety === 'safe').length; // unsafe fixes (NB301–NB304) are never applied in bulk
    // Total problems, from the status bar entry's aria-label ("Errors: 1, Warnings: 18, Infos: 1").
    const problemCount = () => page.evaluate(PROBLEM_COUNT);
    const before = await problemCount();
    await runCommand(page, 'nianbao: Fix All Problems');
    if (fixable > 0) {
      await page.waitForFunction(
        ([fn, n]) => new Function(`return (${fn})()`)() < n,
        [PROBLEM_COUNT.toString(), before], { timeout: 20000, polling: 200 },
      ).catch(() => { throw new Error(`Fix All Problems: ${fixable} fixable diagnostics but the Problems panel still lists ${before}`); });
      log(`Fix All Problems: ${before} -> ${await problemCount()} problems (${fixable} had a fix)`);
    } else {
      await waitText(page, '.notifications-toasts', /nothing to fix/, 10000, 'Fix All Problems notification');
      log('Fix All Problems: nothing to fix, as `nianbao check` says');
    }

    // Command: Export Tables as JSON (runs `nianbao export`).
    await runCommand(page, 'nianbao: Export Tables as JSON');
    await waitText(page, '.monaco-editor .view-lines', /"year":\s*2020/, 20000, 'export JSON editor');
    await waitText(page, '.monaco-editor .view-lines', /"applications"/, 5000, 'export JSON editor');
    log('Export Tables as JSON opened the export of the report');
    await shot(page, '5-export.png');

    // Command: Insert Standard Table (table 三) at the end of the report, then save.
    const rowLabel = '本年新收政府信息公开申请数量';
    const countRows = () => fs.readFileSync(target, 'utf8').split(rowLabel).length - 1;
    const rowsBefore = countRows();
    await page.click('.tab:has-text("2020.txt")');
    await page.click('.monaco-editor .view-lines');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await runCommand(page, 'nianbao: Insert Standard Table');
    await page.waitForSelector('.quick-input-widget input', { timeout: 10000 });
    await page.keyboard.type('收到和处理');
    await page.waitForSelector('.quick-input-list .monaco-list-row:has-text("收到和处理")', { timeout: 10000 });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(500);
    await page.keyboard.press('Control+S');
    const until = Date.now() + 15000;
    while (countRows() <= rowsBefore && Date.now() < until) await page.waitForTimeout(200);
    if (countRows() !== rowsBefore + 1) throw new Error(`Insert Standard Table: 「${rowLabel}」 rows ${rowsBefore} -> ${countRows()}`);
    log(`Insert Standard Table added table 三 (「${rowLabel}」 rows ${rowsBefore} -> ${countRows()})`);

    // The non-report Markdown file stays Markdown.
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { timeout: 15000 });
    await page.keyboard.type('notes.md');
    await page.waitForSelector('.quick-input-list .monaco-list-row:has-text("notes.md")', { timeout: 15000 });
    await page.keyboard.press('Enter');
    await waitText(page, '.statusbar', /Markdown/, 15000, 'notes.md language mode');
    await page.waitForTimeout(1000);
    const status = await textOf(page, '.statusbar');
    if (/政府信息公开年度报告/.test(status)) throw new Error('notes.md was switched to the nianbao language');
    log('notes.md stays Markdown');
    // The last checks are independent: each runs, failures are collected.
    const failures = [];
    const soft = async (name, fn) => {
      try {
        await fn();
      } catch (e) {
        failures.push(`${name}: ${e.message}`);
        log(`FAIL (${name}): ${e.message}`);
      }
    };

    // Settings reach the server: nianbao.rules {NB205: off} in the workspace settings.
    await soft('settings', async () => {
      // (Pull diagnostics: the server must not answer `unchanged` after a settings change.)
      await page.click('.tab:has-text("2020.txt")');
      await waitText(page, '.markers-panel', /NB205/, 10000, 'NB205 before the settings change');
      fs.mkdirSync(path.join(WS, '.vscode'), { recursive: true });
      fs.writeFileSync(path.join(WS, '.vscode', 'settings.json'), JSON.stringify({ 'nianbao.rules': { NB205: 'off' } }, null, 2));
      await page.waitForFunction(
        () => !/NB205/.test(Array.from(document.querySelectorAll('.markers-panel')).map((e) => e.textContent || '').join('')),
        null, { timeout: 20000, polling: 200 },
      ).catch(() => { throw new Error('NB205 still shown after setting nianbao.rules = {NB205: "off"} (server re-pulled settings; does textDocument/diagnostic answer `unchanged` for an unchanged document version?)'); });
      log('workspace setting nianbao.rules {NB205: off} took effect without a restart');
    });

    // No server: a clear notification with a way to install it.
    await soft('missing server', async () => {
      fs.writeFileSync(path.join(WS, '.vscode', 'settings.json'), JSON.stringify({ 'nianbao.server.path': '/nonexistent/nianbao' }, null, 2));
      await waitText(page, '.notifications-toasts', /language server `?nianbao`? was not found/, 20000, 'missing-server notification');
      await waitText(page, '.notifications-toasts', /How to install/, 2000, 'missing-server notification button');
      await shot(page, '6-no-server.png');
      log('missing server: notification with "How to install" shown');
    });

    if (failures.length) throw new Error(`${failures.length} check(s) failed: ${failures.join(' | ')}`);
    log('PASS');
  } catch (err) {
    log(`FAIL: ${err && err.message ? err.message : err}`);
    try {
      if (process.env.E2E_FAIL_SHOT) {
        await page.screenshot({ path: process.env.E2E_FAIL_SHOT });
        log(`failure screenshot: ${process.env.E2E_FAIL_SHOT}`);
      }
    } catch {}
    await browser.close();
    process.exit(1);
  }
  await browser.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
