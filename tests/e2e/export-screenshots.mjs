// `node tests/e2e/export-screenshots.mjs` (after `npm run build` in ui/):
// the export dialog over the review screen into docs/screenshots/:
// 10-export.png (a finished export: where the file went),
// 11-export-options.png (the options, a file chosen) and
// 12-export-progress.png (running, with Cancel).
import { join } from "node:path";
import { launch, newPage, ROOT, serveDist } from "./harness.mjs";

const out = (name) => join(ROOT, "docs", "screenshots", name);
const server = await serveDist();
const browser = await launch();
try {
  const page = await newPage(browser);
  await page.goto(`${server.url}?reviewer=李研究员&synthetic=&exportstep=30`);
  await page.waitForSelector(".reports-table tbody tr");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".frow.selected");
  for (const k of ["a", "a", "x", "a", "j", "a", "a"]) await page.keyboard.press(k);
  await page.waitForFunction(() => !document.querySelector(".saving"));

  await page.keyboard.press("s");
  await page.waitForSelector(".dialog.export");
  await page.getByLabel("Accepted + corrected only").check();
  await page.click("text=Choose file…");
  await page.waitForSelector(".ex-chosen.mono");
  await page.waitForSelector('.ex-choose[aria-busy="false"]');
  await page.waitForTimeout(150);
  await page.screenshot({ path: out("11-export-options.png") });

  await page.getByLabel("Panel CSV (wide)").check();
  await page.getByLabel(/^Whole project/).check();
  await page.click(".dialog.export button.primary");
  await page.waitForSelector('.dialog.export[data-phase="done"]');
  await page.waitForTimeout(200);
  await page.screenshot({ path: out("10-export.png") });

  await page.click("text=Export another…");
  await page.evaluate(() => (window.__gwrMock.opts.exportStepMs = 600));
  await page.getByLabel("CSV", { exact: true }).check();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => Number(document.querySelector(".ex-bar")?.getAttribute("aria-valuenow")) > 500);
  await page.waitForTimeout(100);
  await page.screenshot({ path: out("12-export-progress.png") });
  await page.keyboard.press("Escape");
  await page.waitForSelector('.dialog.export[data-phase="cancelled"]');
  if (page.problems.length) throw new Error(page.problems.join("\n"));
  console.log("export screenshots written to docs/screenshots/");
} finally {
  await browser.close();
  await server.close();
}
