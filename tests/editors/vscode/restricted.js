// Restricted Mode: the workspace is not trusted. The extension must still check the
// report, but with the server from PATH or ~/.cargo/bin, ignoring nianbao.server.path (set here to a
// path that does not exist, which in a trusted workspace would give "not found").
// Run by run.sh after e2e.js, against a second code-server with workspace trust on.
// With E2E_RESTRICTED=0 (the third code-server: the VSIX with the server inside, trusted, no
// setting, nothing on PATH) it checks only that the report is checked: by the bundled server.
'use strict';
const { chromium } = require('playwright-core');
const path = require('path');

const env = (k) => {
  const v = process.env[k];
  if (!v) throw new Error(`missing env ${k}`);
  return v;
};
const t0 = Date.now();
const log = (m) => console.log(`[restricted ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
const textOf = (page, sel) =>
  page.evaluate((s) => Array.from(document.querySelectorAll(s)).map((e) => e.textContent || '').join('\n'), sel);

async function waitText(page, selector, re, timeout, what) {
  try {
    await page.waitForFunction(
      ([sel, src, flags]) => Array.from(document.querySelectorAll(sel)).some((e) => new RegExp(src, flags).test(e.textContent || '')),
      [selector, re.source, re.flags],
      { timeout, polling: 200 },
    );
  } catch (e) {
    throw new Error(`${what}: ${re} not seen in ${selector} within ${timeout} ms; it shows: ${JSON.stringify((await textOf(page, selector)).slice(0, 400))}`);
  }
}

async function main() {
  const browser = await chromium.launchPersistentContext(env('E2E_PROFILE'), {
    executablePath: env('E2E_CHROMIUM'),
    headless: true,
    viewport: { width: 1400, height: 860 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = browser.pages()[0] || (await browser.newPage());
  try {
    await page.goto(env('E2E_URL'));
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    const restricted = process.env.E2E_RESTRICTED !== '0';
    if (restricted) {
      await waitText(page, '.statusbar', /Restricted Mode/, 20000, 'Restricted Mode indicator');
      log('workbench in Restricted Mode');
    }
    await page.waitForTimeout(1000);
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { timeout: 15000 });
    await page.keyboard.type('2020.txt');
    await page.waitForSelector('.quick-input-list .monaco-list-row:has-text("2020.txt")', { timeout: 15000 });
    await page.keyboard.press('Enter');
    await waitText(page, '.statusbar', /政府信息公开年度报告/, 30000, 'language mode');
    await page.keyboard.press('Control+Shift+M');
    await waitText(page, '.markers-panel', /NB304/, 60000, 'Problems panel in Restricted Mode');
    const toasts = await textOf(page, '.notifications-toasts');
    if (!restricted) {
      if (/was not found/.test(toasts)) throw new Error(`"not found" notification: ${toasts.slice(0, 300)}`);
      log('NB304 in the Problems panel, from the server inside the extension');
      log('PASS');
      await browser.close();
      return;
    }
    log('NB304 in the Problems panel, from ~/.cargo/bin/nianbao');
    if (/was not found/.test(toasts)) throw new Error(`"not found" notification in Restricted Mode: ${toasts.slice(0, 300)}`);
    log('nianbao.server.path (a missing file) was ignored: no "not found" notification');
    await page.screenshot({ path: path.join(env('E2E_SHOTS'), '7-restricted-mode.png') });
    log('PASS');
  } catch (err) {
    log(`FAIL: ${err && err.message ? err.message : err}`);
    if (process.env.E2E_FAIL_SHOT) await page.screenshot({ path: process.env.E2E_FAIL_SHOT }).catch(() => {});
    await browser.close();
    process.exit(1);
  }
  await browser.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
