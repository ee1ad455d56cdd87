// `node tests/e2e/compare-screenshots.mjs` (after `npm run build` in ui/):
// the compare screen's views into docs/screenshots/06..09-compare-*.png.
import { join } from "node:path";
import { launch, newPage, ROOT, serveDist } from "./harness.mjs";

const out = (name) => join(ROOT, "docs", "screenshots", name);
const server = await serveDist();
const browser = await launch();
try {
  const page = await newPage(browser);
  await page.goto(`${server.url}?reviewer=李研究员&synthetic=`);
  await page.waitForSelector(".reports-table tbody tr");
  const ids = await page.evaluate(async () =>
    Object.fromEntries((await window.__TAURI_INTERNALS__.invoke("list_reports", {})).map((r) => [r.fileName, r.id])),
  );
  await page.click(".compare-btn");
  await page.waitForSelector(".drow");
  await page.selectOption('select[aria-label="Old"]', String(ids["guowuyuan_2024.txt"]));
  await page.selectOption('select[aria-label="New"]', String(ids["guowuyuan_2025.txt"]));
  await page.waitForFunction(() => document.querySelector(".dhead")?.textContent?.includes("国务院 2025"));
  await page.keyboard.press("c");
  const cpi = page.locator(".drow", { has: page.locator(".dcell.new .ds.vc", { hasText: "2%左右" }) }).filter({ hasText: "居民消费价格" }).first();
  await cpi.click();
  await page.waitForSelector(".ctx");
  await page.waitForTimeout(100);
  await page.screenshot({ path: out("06-compare-side-by-side.png") });
  await page.keyboard.press("Escape");
  await page.keyboard.press("c");
  await page.keyboard.press("v");
  for (let i = 0; i < 3; i++) await page.keyboard.press("n");
  await page.waitForTimeout(100);
  await page.screenshot({ path: out("07-compare-inline.png") });
  await page.keyboard.press("2");
  await page.waitForSelector(".tl");
  await page.selectOption('select[aria-label="Jurisdiction"]', "呼伦贝尔市海拉尔区");
  await page.waitForFunction(() => document.querySelectorAll(".tl").length === 1);
  await page.waitForTimeout(100);
  await page.screenshot({ path: out("08-compare-figure-timeline.png") });
  await page.keyboard.press("3");
  await page.waitForSelector(".ph");
  await page.waitForTimeout(100);
  await page.screenshot({ path: out("09-compare-phrase-timeline.png") });
  if (page.problems.length) throw new Error(page.problems.join("\n"));
  console.log("compare screenshots written to docs/screenshots/");
} finally {
  await browser.close();
  await server.close();
}
