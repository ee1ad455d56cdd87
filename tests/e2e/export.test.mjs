// "Export the dataset" in a real browser against the BUILT UI, with the Tauri
// IPC mocked (ui/src/ipc/mock.ts answers export_dataset with export-progress
// events and honours cancel_export; the native save dialog answers with
// `__gwrMock.savePath` or the suggested path).
import { test } from "node:test";
import assert from "node:assert/strict";
import { newPage, useBrowser } from "./harness.mjs";

const env = useBrowser();

const DIALOG = ".dialog.export";
const phase = (page) => page.getAttribute(DIALOG, "data-phase");
const waitPhase = (page, p) => page.waitForSelector(`${DIALOG}[data-phase="${p}"]`);
const focusInDialog = (page) => page.evaluate((sel) => !!document.activeElement?.closest(sel), DIALOG);
const mock = (page, fn, arg) => page.evaluate(fn, arg);

/** Watches the progress bar for the whole run: every aria-valuenow it showed. */
const watchProgress = (page) =>
  page.evaluate(() => {
    window.__seenProgress = [];
    const obs = new MutationObserver(() => {
      const bar = document.querySelector(".ex-bar");
      const status = document.querySelector(".ex-status")?.textContent ?? "";
      if (bar) window.__seenProgress.push([Number(bar.getAttribute("aria-valuenow")), Number(bar.getAttribute("aria-valuemax")), status]);
    });
    obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });

test("keyboard: S on the reports screen, XLSX of accepted catalog figures, progress, then where the file went", async () => {
  const page = await newPage(env.browser);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.server.url.replace(/\/$/, "") });
  await page.goto(`${env.server.url}?synthetic=&reviewer=tester&exportstep=120`);
  await page.waitForSelector(".reports-table tbody tr");
  const selected = await page.getAttribute(".reports-table tr.selected", "data-id");

  // Accept two figures of the selected report through the backend, so the scope has something to keep.
  const accepted = await mock(
    page,
    async (id) => {
      const invoke = window.__TAURI_INTERNALS__.invoke;
      const figs = (await invoke("list_figures", { reportId: id })).filter((f) => f.fields.indicator !== null);
      for (const f of figs.slice(0, 2)) await invoke("decide", { figureId: f.id, action: { type: "accept" } });
      return figs.slice(0, 2).map((f) => f.id);
    },
    Number(selected),
  );
  assert.equal(accepted.length, 2);

  await page.keyboard.press("s");
  await page.waitForSelector(DIALOG);
  assert.equal(await phase(page), "form");
  assert.ok(await focusInDialog(page), "focus moves into the dialog");
  assert.equal(await page.evaluate(() => document.activeElement.value), "csv", "the checked format has the focus");
  // CSV: the BOM toggle is there and on; the reports screen starts on the whole project.
  assert.equal(await page.getByLabel(/byte order mark/).isChecked(), true);
  assert.equal(await page.isChecked('input[name="ex-target"][value="project"]'), true);

  // Arrow keys move through the formats: CSV → Excel (XLSX).
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.isChecked('input[name="ex-format"][value="xlsx"]'), true);
  assert.equal(await page.getByLabel(/byte order mark/).count(), 0, "no BOM toggle for XLSX");
  await page.getByLabel("Accepted + corrected only").check();
  await page.getByLabel("Catalog indicators only").check();
  await page.getByLabel(/^This report/).check();
  assert.equal(await page.isChecked('input[name="ex-scope"][value="all"]'), false);
  assert.equal(await page.textContent("#ex-scope-summary"), "Accepted or corrected figures of catalog indicators (the checked scopes narrow each other)");

  // Tab stays inside the dialog.
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press("Tab");
    assert.ok(await focusInDialog(page), `focus left the dialog after ${i + 1} Tabs`);
  }

  // Enter exports; with no file chosen yet it asks first (the mock's dialog takes the suggestion).
  await page.focus('input[name="ex-scope"][value="catalog"]');
  await watchProgress(page);
  await page.keyboard.press("Enter");
  await waitPhase(page, "running");
  await page.waitForFunction(() => /Reading figures: [1-9]/.test(document.querySelector(".ex-status")?.textContent ?? ""));
  await waitPhase(page, "done");
  const save = await mock(page, () => window.__gwrMock.lastSaveOptions);
  // Offered beside the project file (the mock's /home/researcher/gwr/2021-reports.gwr).
  assert.match(save.defaultPath, /^\/home\/researcher\/gwr\/gwr-figures-.+-\d{4}-\d{2}-\d{2}\.xlsx$/);
  assert.deepEqual(save.filters, [{ name: "Excel (XLSX)", extensions: ["xlsx"] }]);

  const seen = await page.evaluate(() => window.__seenProgress);
  const total = seen.at(-1)[1];
  assert.ok(total > 0, "the bar knew the total");
  assert.ok(seen.some(([done]) => done > 0 && done < total), `progress was seen in between: ${JSON.stringify(seen.slice(0, 5))}`);
  assert.ok(seen.every((x, i) => i === 0 || x[0] >= seen[i - 1][0]), "progress never goes back");

  const [{ request, result }] = await mock(page, () => window.__gwrMock.exports);
  assert.deepEqual(request, { format: "xlsx", scope: ["accepted", "catalog"], reportId: Number(selected), bom: false, path: save.defaultPath });
  assert.equal(result.figures, 2);
  assert.equal(await page.inputValue("#ex-result-path"), result.path);
  assert.match(await page.textContent(`${DIALOG} .ex-headline`), /Exported 2 figures from 1 report$/);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Copy path", "the result focuses Copy path");
  await page.keyboard.press("Enter");
  await page.waitForSelector("text=Copied ✓");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), result.path);

  // Escape closes; the reports screen's keys work again.
  await page.keyboard.press("Escape");
  await page.waitForSelector(DIALOG, { state: "detached" });
  await page.keyboard.press("j");
  assert.deepEqual(page.problems, [], "no console errors or CSP violations");
});

test("click: Export… on the review screen, panel CSV of the project, Cancel leaves nothing, then the codebook", async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}?synthetic=&reviewer=tester&exportstep=300`);
  await page.waitForSelector(".reports-table tbody tr");
  await page.click(".reports-table tr.selected button.primary");
  await page.waitForSelector(".frow.selected");
  const before = await page.textContent("#progress-report .pnum");

  await page.click(".topbar .export-btn");
  await page.waitForSelector(DIALOG);
  assert.equal(await page.isChecked('input[name="ex-target"][value="report"]'), true, "the open report is the default");
  await page.getByLabel("Panel CSV (wide)").check();
  await page.getByLabel(/^Whole project/).check();
  await page.click("text=Choose file…");
  await page.waitForSelector('.ex-chosen.mono');
  await page.waitForSelector('.ex-choose[aria-busy="false"]');
  const chosen = await page.textContent(".ex-chosen");
  assert.match(chosen, /^\/home\/researcher\/gwr\/gwr-panel-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.match(await page.textContent(DIALOG), /codebook is written beside it as .*gwr-panel-\d{4}-\d{2}-\d{2}\.columns\.csv/);

  // Cancel by the button while it runs.
  await page.click(`${DIALOG} button.primary`);
  await waitPhase(page, "running");
  await page.waitForFunction(() => Number(document.querySelector(".ex-bar")?.getAttribute("aria-valuenow")) > 0);
  await page.click("text=Cancel export");
  await waitPhase(page, "cancelled");
  assert.match(await page.textContent(".ex-cancelled"), /Export cancelled; no file was written\./);
  assert.deepEqual(await mock(page, () => window.__gwrMock.exports), []);

  // Cancel by Escape while it runs.
  await page.click("text=Back to the options");
  await waitPhase(page, "form");
  assert.equal(await page.textContent(".ex-chosen"), chosen, "the chosen file is kept");
  await page.click(`${DIALOG} button.primary`);
  await waitPhase(page, "running");
  await page.keyboard.press("Escape");
  await waitPhase(page, "cancelled");
  assert.deepEqual(await mock(page, () => window.__gwrMock.exports), []);

  // Then for real, faster.
  await mock(page, () => (window.__gwrMock.opts.exportStepMs = 20));
  await page.click("text=Back to the options");
  await page.click(`${DIALOG} button.primary`);
  await waitPhase(page, "done");
  const [{ result }] = await mock(page, () => window.__gwrMock.exports);
  assert.equal(result.path, chosen);
  assert.equal(await page.inputValue("#ex-result-path"), chosen);
  assert.equal(await page.inputValue("#ex-codebook-path"), chosen.replace(/\.csv$/, ".columns.csv"));
  assert.match(await page.textContent(`${DIALOG} .ex-headline`), /Exported a panel of/);

  // Closing by the button returns to the review screen untouched.
  await page.click(`${DIALOG} button.primary >> text=Close`);
  await page.waitForSelector(DIALOG, { state: "detached" });
  assert.equal(await page.textContent("#progress-report .pnum"), before);
  assert.deepEqual(page.problems, [], "no console errors or CSP violations");
});

test("error: an unwritable folder shows what to do; the review keys never act behind the dialog; ? lists S", async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}?synthetic=&reviewer=tester&exportstep=20`);
  await page.waitForSelector(".reports-table tbody tr");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".frow.selected");
  const before = await page.textContent("#progress-report .pnum");

  await page.keyboard.press("?");
  await page.waitForSelector(".dialog.help");
  assert.match(await page.textContent(".dialog.help"), /s\s*Export the dataset/i);
  await page.keyboard.press("Escape");
  await page.waitForSelector(".dialog.help", { state: "detached" });

  await mock(page, () => (window.__gwrMock.savePath = "/readonly/figures.csv"));
  await page.keyboard.press("s");
  await page.waitForSelector(DIALOG);
  // Review keys pressed inside the dialog (accept, reject, back) do nothing behind it.
  await page.focus("text=Choose file…");
  for (const k of ["a", "x", "b", "j"]) await page.keyboard.press(k);
  assert.equal(await page.textContent("#progress-report .pnum"), before);
  assert.ok(await page.$(".frow.selected"), "still on the review screen");

  await page.focus('input[name="ex-format"][value="csv"]');
  await page.keyboard.press("Enter");
  await waitPhase(page, "error");
  const message = await page.textContent(".ex-message");
  assert.match(message, /cannot write \/readonly\/figures\.csv: Permission denied.*check that the folder exists and is writable, or choose another file/);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Back to the options");
  await page.keyboard.press("Enter");
  await waitPhase(page, "form");

  // Cancelling the save dialog exports nothing and stays on the options.
  await mock(page, () => (window.__gwrMock.savePath = null));
  await page.click("text=Choose file…");
  await page.waitForSelector('.ex-choose[aria-busy="false"]');
  assert.equal(await page.textContent(".ex-chosen"), "/readonly/figures.csv");
  await page.keyboard.press("Escape");
  await page.waitForSelector(DIALOG, { state: "detached" });
  assert.deepEqual(await mock(page, () => window.__gwrMock.exports), []);
  assert.deepEqual(page.problems, [], "no console errors or CSP violations");
});
