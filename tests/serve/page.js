// The page of `nianbao serve` in headless chromium, end to end against the real server.
// usage: node page.js URL REPO_ROOT OUT_DIR [SCREENSHOT_DIR]
const { chromium } = require("playwright-core");
const path = require("path");
const fs = require("fs");

const [url, root, out, shots] = process.argv.slice(2);
let failures = 0;
function check(ok, what) {
  console.log((ok ? "ok   " : "FAIL ") + what);
  if (!ok) failures++;
}

const corpus = (p) => path.join(root, "tests/corpus", p);
const fileArg = (p, name) => ({ name: name || path.basename(p), b64: fs.readFileSync(p).toString("base64") });

// drop files on an element as a user's drag and drop does (a DataTransfer of File objects)
async function drop(page, selector, files) {
  await page.evaluate(({ selector, files }) => {
    const dt = new DataTransfer();
    for (const f of files) {
      const bin = atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], f.name));
    }
    const target = document.querySelector(selector);
    for (const type of ["dragenter", "dragover", "drop"]) {
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
  }, { selector, files });
}

async function shot(page, name) {
  const p = path.join(out, name);
  await page.screenshot({ path: p });
  if (shots) fs.copyFileSync(p, path.join(shots, name));
}

async function downloaded(page, button) {
  const [d] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
  const p = await d.path();
  return { name: d.suggestedFilename(), text: fs.readFileSync(p, "utf8") };
}

(async () => {
  const t0 = Date.now();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    // rebind.example resolves to the server's address: a DNS-rebinding attacker's name
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--host-resolver-rules=MAP rebind.example 127.0.0.1"],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN", acceptDownloads: true });
  const page = await context.newPage();
  const outside = [];
  await page.route("**/*", (route) => {
    const u = route.request().url();
    if (u.startsWith(url) || u.startsWith("blob:") || u.startsWith("data:")) return route.continue();
    outside.push(u);
    return route.abort();
  });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // the garbage upload's 422 is expected (and shown to the user); any other console error is not
  page.on("console", (m) => { if (m.type() === "error" && !/status of 422/.test(m.text())) errors.push(m.text()); });
  try {
    await page.goto(url);
    check((await page.locator("h1").textContent()).includes("年度报告"), "page loaded, title in Chinese");
    await shot(page, "serve-start.png");

    // --- seed 001 dropped: NB304 on the cell of 未经复议直接起诉 总计 (line 328, "5")
    const seedText = fs.readFileSync(corpus("001_7e69af88cfc75a8c.txt"), "utf8");
    await drop(page, "#drop", [fileArg(corpus("001_7e69af88cfc75a8c.txt"))]);
    await page.waitForSelector('.note[data-code="NB304"]', { timeout: 30000 });
    const nb304 = page.locator('.note[data-code="NB304"]');
    check(await nb304.count() === 1, "NB304 shown once");
    check((await nb304.locator(".msg").textContent()).includes("未经复议直接起诉 总计为 5"), "NB304 message: " + await nb304.locator(".msg").textContent());
    const cell = page.locator("#L328 .hl-error");
    check(await cell.count() === 1 && (await cell.textContent()) === "5", "NB304 highlights the 5 on line 328");
    const placed = await page.evaluate(() => {
      const n = document.querySelector('.note[data-code="NB304"]');
      return n.parentElement.previousElementSibling && n.parentElement.previousElementSibling.id;
    });
    check(placed === "L328", "the message stands right under its line: " + placed);
    // grouped by table: NB304 under the heading of table 四
    const group = await page.evaluate(() => {
      for (const g of document.querySelectorAll("#groups .group")) {
        if ([...g.querySelectorAll("code")].some((c) => c.textContent === "NB304")) return g.querySelector("h3").textContent;
      }
      return "";
    });
    check(group.startsWith("四、"), "NB304 listed under table 四: " + group);
    // the rule's explanation on demand
    await nb304.locator("button.link").click();
    await page.waitForSelector('.note[data-code="NB304"] .explain:not([hidden]) pre');
    check((await nb304.locator(".explain").textContent()).includes("review-litigation-total"), "NB304 explained from the rule docs");
    await page.click('#groups a:has(code:text-is("NB304"))');
    await page.waitForTimeout(300);
    await shot(page, "serve-check.png");

    // --- a safe fix, one click: the diagnostic goes, the text is checked again
    const api = await page.evaluate(async (text) => {
      const r = await fetch("/api/check?filename=001.txt", { method: "POST", body: text });
      return r.json();
    }, seedText);
    const d304 = api.diagnostics.find((d) => d.code === "NB304");
    const safe304 = d304.fix && (d304.fix.safety ? d304.fix.safety === "safe" : d304.fix.safe !== false);
    const before = await page.locator(".note").count();
    if (safe304) {
      check(await nb304.locator("button.fix").count() === 1 && await nb304.locator("button.choice").count() === 0, "NB304's safe fix is one button");
      await nb304.locator("button.fix").click();
    } else {
      // unsafe: offered as choices, never applied by 应用全部安全修复
      const choices = nb304.locator("button.choice");
      check(await choices.count() === 1 + (d304.fix.alternatives || []).length, "NB304's unsafe fix offered as " + await choices.count() + " choices");
      check(await nb304.locator("button.fix").count() === 0, "no one-click button for an unsafe fix");
      await choices.filter({ hasText: "改为 0" }).first().click();
    }
    await page.waitForFunction(() => !document.querySelector('.note[data-code="NB304"]'), null, { timeout: 30000 });
    check(true, "NB304 gone after its fix");
    check((await page.locator("#L328 .tx").textContent()) === "0 |", "line 328 now reads 0");
    check((await page.locator("#status").textContent()).includes("已重新检查"), "re-checked: " + await page.locator("#status").textContent());
    check(await page.locator(".note").count() === before - 1, "exactly one diagnostic fewer");
    await page.locator("#L328").scrollIntoViewIfNeeded();
    await shot(page, "serve-fixed.png");

    // every safe fix at once
    const safeLeft = await page.locator(".note button.fix").count();
    check(safeLeft > 0, safeLeft + " other safe fixes offered");
    await page.click("#fix-all");
    await page.waitForFunction(() => /已应用 \d+ 处安全修复，已重新检查/.test(document.querySelector("#status").textContent), null, { timeout: 30000 });
    const after = await page.locator(".note button.fix").count();
    check(after < safeLeft, "safe fixes applied: " + safeLeft + " → " + after + " left");

    // downloads: the fixed text, the Markdown, the tables as CSV
    const txt = await downloaded(page, "#dl-text");
    check(txt.name.endsWith(".txt") && txt.text.split("\n")[327] === "0 |" && txt.text !== seedText, "fixed text downloaded: " + txt.name);
    const md = await downloaded(page, "#dl-md");
    check(md.name.endsWith(".md") && md.text.includes("\n## ") && md.text.includes("| "), "Markdown downloaded: " + md.name);
    const csv = await downloaded(page, "#dl-csv");
    check(csv.text.startsWith("path,template,year") && csv.text.includes("review_litigation"), "tables as CSV: " + csv.name);
    const json = await downloaded(page, "#dl-json");
    check(JSON.parse(json.text).tables.review_litigation !== undefined, "tables as JSON: " + json.name);

    // --- pasted text
    await page.click("#again");
    await page.fill("#paste", fs.readFileSync(corpus("003_1b7c73a738c3b718.txt"), "utf8"));
    await page.press("#paste", "Control+Enter");
    await page.waitForFunction(() => /检查完成/.test(document.querySelector("#status").textContent), null, { timeout: 30000 });
    check((await page.locator("#file-title").textContent()).includes("粘贴"), "pasted text checked (Ctrl+Enter)");
    check(await page.locator("#doc .line, #doc tr").count() > 50, "pasted report shown");

    // --- garbage: a message in Chinese, no crash
    await page.click("#again");
    await drop(page, "#drop", [{ name: "x.bin", b64: Buffer.from([0, 1, 2, 255, 0, 0, 7, 0, 3]).toString("base64") }]);
    await page.waitForFunction(() => document.querySelector("#status").classList.contains("error"), null, { timeout: 30000 });
    check((await page.locator("#status").textContent()).includes("不是文本文件"), "garbage: " + await page.locator("#status").textContent());

    // --- a PDF dropped: its tables' diagnostics with their page (NB304 on page 4 of the Word-made PDF,
    // as `pdftotext -f 4 -l 4` shows the values row of table 四 there), no fix offered
    await drop(page, "#drop", [fileArg(corpus("pdf/001_7e69af88cfc75a8c.word.pdf"))]);
    await page.waitForSelector('.note[data-code="NB304"]', { timeout: 60000 });
    const pdf304 = page.locator('.note[data-code="NB304"]');
    check((await pdf304.textContent()).includes("第 4 页"), "PDF: NB304 names its page: " + await pdf304.textContent());
    check(await page.locator(".note button.fix, .note button.choice").count() === 0, "PDF: no fix offered");
    const marks = await page.locator(".page-mark").allTextContents();
    check(marks.length === 4 && marks[0].includes("第 1 页") && marks[3].includes("第 4 页"), "PDF: page markers in its text: " + marks.join(" "));
    await shot(page, "serve-pdf.png");
    await page.click("#again");

    // --- unsafe fixes (NB208, cells run together): offered as choices, never applied in bulk
    await drop(page, "#drop", [fileArg(corpus("derived/001_7e69af88cfc75a8c.run.txt"))]);
    await page.waitForSelector('.note[data-code="NB208"]', { timeout: 30000 });
    const nb208 = () => page.locator('.note[data-code="NB208"]').count();
    const n208 = await nb208();
    check(n208 > 0 && await page.locator('.note[data-code="NB208"] button.fix').count() === 0
      && await page.locator('.note[data-code="NB208"] button.choice').count() >= n208, n208 + " NB208 offered as choices, not one-click fixes");
    if (!(await page.locator("#fix-all").isDisabled())) {
      await page.click("#fix-all");
      await page.waitForFunction(() => /已重新检查/.test(document.querySelector("#status").textContent), null, { timeout: 30000 });
    }
    check(await nb208() === n208, "应用全部安全修复 left every NB208 alone");
    await page.locator('.note[data-code="NB208"]').first().scrollIntoViewIfNeeded();
    await shot(page, "serve-choices.png");
    await page.locator('.note[data-code="NB208"] button.choice').first().click();
    await page.waitForFunction((n) => document.querySelectorAll('.note[data-code="NB208"]').length < n, n208, { timeout: 30000 });
    check(true, "a choice taken: " + n208 + " → " + await nb208() + " NB208");

    // --- several files dropped: the review roll-up of the test region
    const region = [];
    for (const y of ["2023", "2024"]) {
      for (const f of fs.readdirSync(corpus("region/" + y)).sort()) region.push(fileArg(corpus("region/" + y + "/" + f), y + "-" + f));
    }
    await page.setInputFiles("#units", corpus("region/units.csv"));
    await drop(page, "#drop", region);
    await page.waitForSelector("#units-table tr.unit", { timeout: 30000 });
    check(await page.locator("#pane-batch").isVisible(), "several files → the batch tab");
    check(await page.locator("#units-table tr.unit").count() === region.length, region.length + " units in the roll-up");
    check((await page.locator("#batch-summary").textContent()).startsWith("共 " + region.length + " 份报告"), "summary: " + await page.locator("#batch-summary").textContent());
    check((await page.locator("#missing").textContent()).includes("示范县水利局"), "missing unit listed: " + await page.locator("#missing").textContent());
    check(await page.locator("#sums tbody tr").count() > 0, "region sums listed: " + await page.locator("#sums tbody tr").count());
    await shot(page, "serve-batch.png");
    await page.locator("#units-table tr.unit.has-error").first().click();
    check(await page.locator("#units-table tr.detail:not([hidden]) li").count() > 0, "a unit's problems, grouped by table");
    const heads = await page.locator("#units-table tr.detail:not([hidden]) h4").allTextContents();
    check(heads.length > 0 && heads.every((h) => /^[一二三四五六]、|^全文$/.test(h)), "groups headed by the template's section headings: " + heads.join(" | "));
    const html = await downloaded(page, "#batch-html");
    check(html.text.includes("<html") && html.name.endsWith(".html"), "review downloaded as a page");

    // --- another site open in the same browser cannot drive the server
    const evil = await context.newPage();
    await evil.route("http://evil.example/**", (r) => r.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>evil</title><p>evil" }));
    await evil.goto("http://evil.example/");
    const seen = [];
    evil.on("response", (r) => { if (r.url().startsWith(url)) seen.push(r.status()); });
    const seedB64 = fs.readFileSync(corpus("001_7e69af88cfc75a8c.txt")).toString("base64");
    const tries = await evil.evaluate(async ({ u, b64 }) => {
      const body = atob(b64);
      const out = [];
      try { const r = await fetch(u + "api/check?filename=a.txt", { method: "POST", body }); out.push("read " + r.status); } catch (_) { out.push("blocked"); }
      try { const r = await fetch(u + "api/check?filename=a.txt", { method: "POST", body, mode: "no-cors" }); out.push("opaque " + r.type); } catch (_) { out.push("blocked"); }
      return out;
    }, { u: url, b64: seedB64 });
    await evil.waitForTimeout(200);
    // (chromium may stop these itself, Private Network Access; whatever reaches the server is refused)
    check(tries[0] === "blocked" && ["blocked", "opaque opaque"].includes(tries[1]), "another site's scripts cannot read an answer: " + tries.join(", "));
    check(seen.every((st) => st === 403), "what reached the server was refused (403): " + (seen.join(", ") || "nothing reached it"));
    // a form posted from that site (a top-level navigation): refused too
    const [formResponse] = await Promise.all([
      evil.waitForResponse((r) => r.url().startsWith(url)),
      evil.evaluate((u) => {
        const f = document.createElement("form");
        f.method = "POST"; f.action = u + "api/check?filename=a.txt"; f.enctype = "text/plain";
        const i = document.createElement("input"); i.name = "x"; i.value = "y"; f.append(i);
        document.body.append(f); f.submit();
      }, url),
    ]);
    await evil.waitForURL(url + "api/check**");
    check(formResponse.status() === 403 && (await evil.textContent("body")).includes("拒绝"), "a form posted from another site: " + formResponse.status());
    // DNS rebinding: the attacker's name pointed at 127.0.0.1, page and API asked under it
    const port = new URL(url).port;
    const rebound = await evil.goto("http://rebind.example:" + port + "/");
    check(rebound.status() === 403, "the page under a rebound name: " + rebound.status());
    const reboundApi = await evil.evaluate(async () => (await fetch("/api/rules")).status);
    check(reboundApi === 403, "the API under a rebound name: " + reboundApi);
    await evil.close();

    check(outside.length === 0, "no request outside the server: " + outside.join(", "));
    check(errors.length === 0, "no page errors: " + errors.join(" | "));
  } catch (e) {
    console.log("FAIL " + (e && e.stack || e));
    failures++;
    try { await page.screenshot({ path: path.join(out, "serve-failure.png") }); } catch (_) { /* ignore */ }
  }
  await browser.close();
  console.log(`serve page: ${failures ? "FAIL" : "PASS"} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  process.exit(failures ? 1 : 0);
})();
