// The reviewer's core loop in a real browser against the BUILT UI, with the
// Tauri IPC mocked (@tauri-apps/api/mocks, wired by ui/src/ipc/devMock.ts)
// over the seed fixture in ui/tests/fixtures/.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, newPage, serveDist } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const statusOf = (page, value) =>
  page.$$eval(".frow", (rows, v) => rows.find((r) => r.querySelector(".c-val")?.textContent === v)?.dataset.status ?? null, value);

test("open a report, accept three by keyboard, correct one, undo: list, progress and log agree", async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}?synthetic=`);

  // First launch: the reviewer is asked for a name.
  await page.getByLabel("Name").fill("李研究员");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".reports-table tbody tr");
  assert.match(await page.textContent(".reviewer"), /李研究员/);

  await page.keyboard.press("Enter"); // open the selected (first) report
  await page.waitForSelector(".frow.selected");
  assert.equal(await page.textContent(".frow.selected .c-val"), "827亿元");
  assert.equal(await page.textContent(".detail .sentence mark"), "827亿元");

  for (const k of ["a", "a", "Enter"]) await page.keyboard.press(k);
  await page.waitForFunction(() => document.querySelector("#progress-report .pnum")?.textContent?.startsWith("3/30"));
  for (const v of ["827亿元", "2.4%", "296.7亿元"]) assert.equal(await statusOf(page, v), "accepted", v);
  assert.equal(await page.textContent(".frow.selected .c-val"), "7.6%");

  // Correct the fourth: a bad value is refused next to the field, a good one saved.
  await page.keyboard.press("e");
  const value = page.locator("#ed-value");
  await value.fill("7.6x");
  await page.waitForSelector(".ferr >> text=Not a number");
  await value.fill("8.6");
  await page.locator("#ed-unit").fill("%");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => !document.querySelector(".editor"));
  assert.equal(await statusOf(page, "8.6%"), "corrected");
  await page.waitForFunction(() => document.querySelector("#progress-report .pnum")?.textContent?.startsWith("4/30"));

  // Undo brings the figure back as it was, and selects it.
  await page.keyboard.press("u");
  await page.waitForFunction(() => document.querySelector("#progress-report .pnum")?.textContent?.startsWith("3/30"));
  assert.equal(await statusOf(page, "7.6%"), "unreviewed");
  assert.equal(await statusOf(page, "8.6%"), null);
  assert.equal(await page.textContent(".frow.selected .c-val"), "7.6%");
  await page.waitForFunction(() => document.querySelector("#progress-project .pnum")?.textContent?.startsWith("3/30"));

  // The list under a status filter, and the log behind it.
  await page.getByRole("radio", { name: /Accepted/ }).click();
  assert.deepEqual(await page.$$eval(".frow .c-val", (els) => els.map((e) => e.textContent)), ["827亿元", "2.4%", "296.7亿元"]);
  const log = await page.evaluate(() => window.__gwrMock.log.map((e) => [e.action, e.reviewer, e.undone]));
  assert.deepEqual(log, [
    ["accept", "李研究员", false],
    ["accept", "李研究员", false],
    ["accept", "李研究员", false],
    ["correct", "李研究员", true],
    ["undo", "李研究员", false],
  ]);
  assert.deepEqual(page.problems, [], "no console errors or CSP violations");
});

test("add a figure the extractor missed by selecting its text", async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}?synthetic=&reviewer=tester`);
  await page.waitForSelector(".reports-table tbody tr");
  await page.keyboard.press("Enter");
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
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector(".frow.selected .c-val")?.textContent === "241个");
  assert.equal(await page.textContent(".tpane mark.fig.current"), "241个");
  assert.equal(await page.evaluate(() => window.__gwrMock.log.at(-1).action), "add");
  assert.deepEqual(page.problems, []);
});
