// Compare across years in a real browser against the BUILT UI, the IPC mocked
// over ui/tests/fixtures/ (series.json holds the engine's own comparisons and
// timelines of 国务院 2024–2025 and 海拉尔区 2016–2019).
import { test } from "node:test";
import assert from "node:assert/strict";
import { newPage, useBrowser } from "./harness.mjs";

const env = useBrowser();

/** Report ids by file name, asked over the (mocked) IPC. */
const reportIds = (page) =>
  page.evaluate(async () => {
    const reports = await window.__TAURI_INTERNALS__.invoke("list_reports", {});
    return Object.fromEntries(reports.map((r) => [r.fileName, r.id]));
  });

test("compare two years: diff views, next change, both contexts, figure → review row and back, timelines", async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}?reviewer=e2e&synthetic=`);
  await page.waitForSelector(".reports-table tbody tr");
  const ids = await reportIds(page);

  // Entry point from the reports screen; opens on the longest series' last two years.
  await page.click(".compare-btn");
  await page.waitForSelector(".drow");
  assert.match(await page.textContent(".dhead"), /呼伦贝尔市海拉尔区 2018.*呼伦贝尔市海拉尔区 2019/s);

  // 国务院 2024 → 2025.
  await page.selectOption('select[aria-label="Old"]', String(ids["guowuyuan_2024.txt"]));
  await page.selectOption('select[aria-label="New"]', String(ids["guowuyuan_2025.txt"]));
  await page.waitForFunction(() => document.querySelector(".dhead")?.textContent?.includes("国务院 2025"));
  assert.match(await page.textContent(".summary"), /Similarity \d+(\.\d)?%/);

  // Side by side: the two sides of a row start at the same height (one scroller).
  const aligned = await page.$$eval(".drow.k-modified", (rows) =>
    rows.slice(0, 10).every((r) => Math.abs(r.children[0].getBoundingClientRect().top - r.children[1].getBoundingClientRect().top) < 1),
  );
  assert.ok(aligned);

  // Changes only, then jump through changes by key: the current one scrolls into view.
  await page.keyboard.press("c");
  assert.equal(await page.locator(".drow.k-equal").count(), 0);
  assert.ok((await page.locator(".folded").count()) > 0);
  for (let i = 0; i < 6; i++) await page.keyboard.press("n");
  const inView = await page.$eval(".drow.current", (r) => {
    const box = r.getBoundingClientRect();
    const pane = document.querySelector(".diff-scroll").getBoundingClientRect();
    return box.top >= pane.top - 1 && box.top < pane.bottom;
  });
  assert.ok(inView, "the current change is scrolled into view");
  assert.match(await page.textContent(".summary"), /change 6 of \d+/);

  // The CPI target 3%左右 → 2%左右: click it, both contexts and its figure appear.
  const cpi = page.locator(".drow", { has: page.locator(".dcell.new .ds.vc", { hasText: "2%左右" }) }).filter({ hasText: "居民消费价格" }).first();
  await cpi.click();
  await page.waitForSelector(".ctx");
  assert.match(await page.textContent(".ctx-side.old"), /3%左右/);
  assert.match(await page.textContent(".ctx-side.new"), /2%左右/);
  const link = page.locator(".ctx-figs li", { hasText: "2%左右" }).locator("button");
  const figureId = Number((await link.textContent()).match(/#(\d+)/)[1]);
  await link.click();
  await page.waitForSelector(`.frow.selected[data-id="${figureId}"]`);
  assert.match(await page.textContent(".detail"), /2%左右/);
  await page.keyboard.press("b");
  await page.waitForFunction(() => document.querySelector(".dhead")?.textContent?.includes("国务院 2025"));

  // Inline view keeps deletions and insertions in one column.
  await page.keyboard.press("v");
  await page.waitForSelector(".diff-scroll.inline .ds.del");

  // Figure timeline: the 海拉尔区 GDP revision is a marked break.
  await page.keyboard.press("2");
  await page.waitForSelector('.tl[data-jurisdiction="呼伦贝尔市海拉尔区"]');
  const brk = page.locator('.tl[data-jurisdiction="呼伦贝尔市海拉尔区"] table[data-measure="level"] tr.brk');
  assert.equal(await brk.getAttribute("data-period"), "2018");
  assert.match(await page.textContent('.tl[data-jurisdiction="呼伦贝尔市海拉尔区"] tr.flag-msg.break'), /303\.6亿元.*192\.3亿元/);
  const borderTop = await brk.locator("td").first().evaluate((td) => getComputedStyle(td).borderTopStyle);
  assert.equal(borderTop, "dashed");

  // Phrase timeline.
  await page.keyboard.press("3");
  await page.waitForSelector('.ph[data-phrase="乡村振兴"] tr[data-jurisdiction="国务院"]');
  assert.ok(Number(await page.textContent('.ph[data-phrase="乡村振兴"] tr[data-jurisdiction="国务院"] td[data-year="2025"] .v')) > 0);

  assert.deepEqual(page.problems, []);
});
