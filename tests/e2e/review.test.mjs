// The reviewer's core loop in a real browser against the BUILT UI, with the
// Tauri IPC mocked (@tauri-apps/api/mocks, wired by ui/src/ipc/devMock.ts)
// over the seed fixture in ui/tests/fixtures/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { newPage, useBrowser } from "./harness.mjs";

const env = useBrowser();

const SEED_FILE = "000_8ea42176d04f9a1f.txt";
const statusOf = (page, id) => page.$eval(`.frow[data-id="${id}"]`, (r) => r.dataset.status).catch(() => null);
const progressIs = (page, sel, text) =>
  page.waitForFunction(([s, t]) => document.querySelector(`${s} .pnum`)?.textContent?.startsWith(t), [sel, text]);

/** What the backend holds, asked over the (mocked) IPC, so the test follows whatever fixture is installed. */
const backendState = (page) =>
  page.evaluate(async (file) => {
    const invoke = window.__TAURI_INTERNALS__.invoke;
    const reports = await invoke("list_reports", {});
    const report = reports.find((r) => r.fileName === file);
    const figures = await invoke("list_figures", { reportId: report.id });
    const info = await invoke("project_info", {});
    return { report, figures, info };
  }, SEED_FILE);

test("open a report, accept three by keyboard, correct one, undo: list, progress and log agree", async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}?synthetic=`);

  // First launch: the reviewer is asked for a name.
  await page.getByLabel("Name").fill("李研究员");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".reports-table tbody tr");
  assert.match(await page.textContent(".reviewer"), /李研究员/);

  const { report, figures, info } = await backendState(page);
  assert.ok(figures.length >= 5, "the seed report has figures");
  const [f1, f2, f3, f4] = figures;
  const total = figures.length;

  // Select the seed report's row by keyboard and open it.
  while ((await page.getAttribute(".reports-table tr.selected", "data-id")) !== String(report.id)) await page.keyboard.press("j");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".frow.selected");
  assert.equal(await page.getAttribute(".frow.selected", "data-id"), String(f1.id));
  assert.equal(await page.textContent(".detail .sentence mark"), f1.text);
  assert.equal(await page.textContent(".tpane mark.fig.current"), f1.text);

  for (const k of ["a", "a", "Enter"]) await page.keyboard.press(k);
  await progressIs(page, "#progress-report", `3/${total}`);
  for (const f of [f1, f2, f3]) assert.equal(await statusOf(page, f.id), "accepted", f.text);
  assert.equal(await page.getAttribute(".frow.selected", "data-id"), String(f4.id));

  // Correct the fourth: a bad value is refused next to the field, a good one saved.
  await page.keyboard.press("e");
  const value = page.locator("#ed-value");
  await value.fill("7.6x");
  await page.waitForSelector(".ferr >> text=Not a number");
  assert.equal(await statusOf(page, f4.id), "unreviewed");
  await value.fill("123.5");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => !document.querySelector(".editor"));
  assert.equal(await statusOf(page, f4.id), "corrected");
  assert.match(await page.textContent(`.frow[data-id="${f4.id}"] .c-val`), /123\.5/);
  await progressIs(page, "#progress-report", `4/${total}`);

  // Undo brings the figure back as it was, and selects it.
  await page.keyboard.press("u");
  await progressIs(page, "#progress-report", `3/${total}`);
  assert.equal(await statusOf(page, f4.id), "unreviewed");
  assert.doesNotMatch(await page.textContent(`.frow[data-id="${f4.id}"] .c-val`), /123\.5/);
  assert.equal(await page.getAttribute(".frow.selected", "data-id"), String(f4.id));
  await progressIs(page, "#progress-project", `3/${info.figureCount}`);

  // The list under a status filter, and the log behind it.
  await page.getByRole("radio", { name: /Accepted/ }).click();
  assert.deepEqual(await page.$$eval(".frow", (rows) => rows.map((r) => Number(r.dataset.id))), [f1.id, f2.id, f3.id]);
  const log = await page.evaluate(() => window.__gwrMock.log.map((e) => [e.figureId, e.action, e.reviewer, e.undone]));
  assert.deepEqual(log, [
    [f1.id, "accept", "李研究员", false],
    [f2.id, "accept", "李研究员", false],
    [f3.id, "accept", "李研究员", false],
    [f4.id, "correct", "李研究员", true],
    [f4.id, "undo", "李研究员", false],
  ]);
  assert.deepEqual(page.problems, [], "no console errors or CSP violations");
});

test("add a figure the extractor missed by selecting its text", async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}?synthetic=&reviewer=tester`);
  await page.waitForSelector(".reports-table tbody tr");
  const { report } = await backendState(page);
  await page.click(`.reports-table tr[data-id="${report.id}"] button.primary`);
  await page.waitForSelector(".tpane mark.fig");
  // Select "241个" (老旧小区) in the text pane, which the fixture does not list as a figure.
  await page.evaluate(() => {
    const pane = document.querySelector(".tpane");
    const walker = document.createTreeWalker(pane, NodeFilter.SHOW_TEXT);
    let n;
    while ((n = walker.nextNode())) {
      const i = n.data.indexOf("241个");
      if (i >= 0) {
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 4);
        getSelection().removeAllRanges();
        getSelection().addRange(r);
        pane.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
        return;
      }
    }
    throw new Error("text not found");
  });
  await page.waitForSelector(".selinfo");
  await page.keyboard.press("+");
  await page.waitForSelector(".editor");
  assert.equal(await page.inputValue("#ed-value"), "241");
  assert.equal(await page.inputValue("#ed-unit"), "个");
  // The editor focuses its value field after painting; Enter before that
  // would reach the list (accept) instead of the editor (save).
  await page.waitForFunction(() => document.activeElement?.id === "ed-value");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector(".frow.selected .c-val")?.textContent === "241个");
  assert.equal(await page.textContent(".tpane mark.fig.current"), "241个");
  assert.equal(await page.evaluate(() => window.__gwrMock.log.at(-1).action), "add");
  assert.deepEqual(page.problems, []);
});
