// The review page of the test region in headless chromium: rendered by its own script with no network,
// filterable by name and by problem, sortable, a unit's 审核意见 grouped by section with the evidence,
// printable. usage: node html.js PAGE OUT_DIR [SCREENSHOT_DIR]
const { chromium } = require("playwright-core");
const path = require("path");
const fs = require("fs");

const [page_, out, shots] = process.argv.slice(2);
let failures = 0;
function check(ok, what) {
  console.log((ok ? "ok   " : "FAIL ") + what);
  if (!ok) failures++;
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  const outside = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto("file://" + path.resolve(page_));
  await page.waitForSelector("tr.unit");
  const rows = () => page.locator("tr.unit").count();
  check((await page.locator("h1").textContent()).includes("2024 年度"), "title names the year");
  check(await rows() === 7, "7 reports listed");
  check((await page.locator("#missing").textContent()).includes("示范县水利局"), "missing unit listed");
  check((await page.locator("#sums").textContent()).includes("一、本年新收政府信息公开申请数量"), "region sums listed");
  await page.screenshot({ path: path.join(out, "review.png"), fullPage: false });
  // filter by name
  await page.fill("#q", "财政局");
  check(await rows() === 2, "filter by name: 2 reports of 示范县财政局");
  await page.fill("#q", "");
  // filter by problem
  await page.selectOption("#problem", "NB406");
  check(await rows() === 1, "filter by problem NB406: 1 report");
  const reuse = await page.locator("tr.unit td").nth(12).textContent();
  check(reuse.trim() === "100%", "its share repeated from last year: " + reuse.trim());
  await page.selectOption("#problem", "!error");
  const withErrors = await rows();
  check(withErrors === 2, "reports with errors: " + withErrors);
  await page.selectOption("#problem", "");
  // sort by warnings, descending
  await page.click('th[data-k="warnings"]');
  await page.click('th[data-k="warnings"]');
  const first = Number(await page.locator("tr.unit td").nth(6).textContent());
  const all = await page.$$eval("tr.unit", (trs) => trs.map((tr) => Number(tr.children[6].textContent)));
  check(first === Math.max(...all) && all.every((v, i) => i === 0 || all[i - 1] >= v), "sorted by warnings: " + all.join(","));
  // a unit's 审核意见
  await page.fill("#q", "示范县财政局");
  await page.selectOption("#problem", "NB406");
  await page.click("tr.unit");
  const opinion = page.locator(".opinion");
  await opinion.waitFor();
  const text = await opinion.textContent();
  check(text.includes("审核意见") && text.includes("一、总体情况") && text.includes("三、收到和处理政府信息公开申请情况"), "opinion grouped by section");
  check((await page.locator(".opinion q").count()) >= 3, "opinion quotes the evidence");
  check(text.includes("仍写着上年的「2023年」"), "passage keeping last year's date");
  await page.screenshot({ path: path.join(out, "review-opinion.png"), fullPage: true });
  // printable: every listed unit's opinion and the signature line
  await page.fill("#q", "");
  await page.selectOption("#problem", "");
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  check((await page.locator("#print .opinion").count()) === 7, "print view holds every unit's opinion");
  await page.emulateMedia({ media: "print" });
  check(await page.locator(".sign").isVisible(), "signature line printed");
  await page.pdf({ path: path.join(out, "review.pdf"), format: "A4" });
  await page.emulateMedia({ media: "screen" });
  check(outside.length === 0, "no network request: " + outside.join(" "));
  check(errors.length === 0, "no script error: " + errors.join(" "));
  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    fs.copyFileSync(path.join(out, "review.png"), path.join(shots, "review.png"));
    fs.copyFileSync(path.join(out, "review-opinion.png"), path.join(shots, "review-opinion.png"));
  }
  await browser.close();
  console.log(failures ? `review page: ${failures} FAILED` : "review page: PASS");
  process.exit(failures ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(1); });
