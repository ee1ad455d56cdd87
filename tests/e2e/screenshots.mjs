// `npm run screenshots`: renders each screen of the built UI (mock backend,
// seed fixture + one synthetic report) into docs/screenshots/.
import { join } from "node:path";
import { launch, newPage, ROOT, serveDist } from "./harness.mjs";

const out = (name) => join(ROOT, "docs", "screenshots", name);
const server = await serveDist();
const browser = await launch();
try {
  const page = await newPage(browser);
  await page.goto(`${server.url}?synthetic=420,180`);
  await page.getByLabel("Name").fill("李研究员");
  await page.screenshot({ path: out("00-first-launch.png") });
  await page.keyboard.press("Enter");
  await page.waitForSelector(".reports-table tbody tr");

  // Reports: after an import (one new, one duplicate, one unsupported), with a row being edited.
  await page.keyboard.press("i");
  await page.waitForSelector(".import-results");
  await page.keyboard.press("k");
  await page.keyboard.press("k");
  await page.keyboard.press("k");
  await page.keyboard.press("e");
  await page.getByLabel("Year").fill("20221");
  await page.keyboard.press("Enter");
  await page.waitForTimeout(100);
  await page.screenshot({ path: out("01-reports.png") });
  await page.keyboard.press("Escape");

  // Review: the seed report after some decisions, cursor on a flagged figure.
  await page.click('.reports-table tr[data-id="1"] button.primary');
  await page.waitForSelector(".frow.selected");
  for (const k of ["a", "a", "x", "a", "j", "a"]) await page.keyboard.press(k);
  await page.keyboard.press("e");
  await page.locator("#ed-value").fill("1.6");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => !document.querySelector(".editor"));
  await page.keyboard.press("f");
  await page.waitForTimeout(400); // history loads after a short debounce
  await page.screenshot({ path: out("02-review.png") });

  // Editor open, with a validation error and an unknown-unit warning.
  await page.keyboard.press("e");
  await page.locator("#ed-value").fill("4.5%");
  await page.locator("#ed-unit").fill("个百分");
  await page.locator("#ed-indicator").fill("GDP");
  await page.waitForTimeout(100);
  await page.screenshot({ path: out("03-editor.png") });
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");

  // Help overlay.
  await page.keyboard.press("?");
  await page.waitForSelector(".dialog.help");
  await page.screenshot({ path: out("04-help.png") });
  await page.keyboard.press("Escape");

  // The large synthetic report, filtered to flagged targets... and unreviewed.
  await page.keyboard.press("b");
  await page.click('.reports-table tr[data-id="2"] button.primary');
  await page.waitForSelector(".frow.selected");
  await page.getByRole("radio", { name: /Unreviewed/ }).click();
  await page.getByLabel("⚑ Flagged only").check();
  await page.waitForTimeout(300);
  await page.screenshot({ path: out("05-review-filtered.png") });
  if (page.problems.length) throw new Error(page.problems.join("\n"));

  // Opening a project after an upgrade: what was re-read, what to look at again.
  const upgraded = await newPage(browser);
  await upgraded.goto(`${server.url}?reviewer=李研究员&synthetic=&notices=1`);
  await upgraded.waitForSelector(".startup-notices");
  await upgraded.screenshot({ path: out("13-startup-notices.png") });
  if (upgraded.problems.length) throw new Error(upgraded.problems.join("\n"));
  console.log("screenshots written to docs/screenshots/");
} finally {
  await browser.close();
  await server.close();
}
