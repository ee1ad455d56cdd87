// The real window: import the samples into a fresh project with the CLI,
// open the app on it under Xvfb, name the reviewer, open a report, accept
// three figures by keyboard, then check with the CLI that the project's log
// holds exactly those decisions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const app = resolve(process.env.GWR_APP);
const cli = resolve(process.env.GWR_CLI);
const port = 4444 + (process.pid % 1000);
const base = `http://127.0.0.1:${port}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One W3C WebDriver call; tauri-driver sometimes drops a connection right after a session starts, so retry. */
async function wd(method, path, body) {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(base + path, { method, headers: { "content-type": "application/json" }, body: body && JSON.stringify(body) });
      const json = await res.json();
      if (json.value?.error) throw new Error(`${path}: ${json.value.error}: ${json.value.message}`);
      return json.value;
    } catch (e) {
      if (attempt >= 20 || /no such element|javascript error|invalid/.test(String(e))) throw e;
      await sleep(250);
    }
  }
}

async function waitFor(session, script, what, timeoutMs = 30000) {
  const until = Date.now() + timeoutMs;
  let last;
  while (Date.now() < until) {
    const ok = await wd("POST", `/session/${session}/execute/sync`, { script, args: [] }).catch((e) => ((last = e), false));
    if (ok) return ok;
    await sleep(200);
  }
  // Say what the window showed instead, and keep a picture of it.
  const shown = await wd("POST", `/session/${session}/execute/sync`, { script: "return document.body ? document.body.innerText.slice(0, 300) : document.documentElement.outerHTML.slice(0, 300)", args: [] }).catch((e) => String(e));
  const png = await wd("GET", `/session/${session}/screenshot`).catch(() => null);
  if (png) writeFileSync(join(tmpdir(), "gwr-window-failure.png"), Buffer.from(png, "base64"));
  throw new Error(`timed out waiting for ${what}; the window shows: ${JSON.stringify(shown)}; last error: ${last}`);
}

async function press(session, key) {
  await wd("POST", `/session/${session}/actions`, {
    actions: [{ type: "key", id: "keyboard", actions: [{ type: "keyDown", value: key }, { type: "keyUp", value: key }] }],
  });
}

test("the real window records decisions in the project file", { timeout: 180000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "gwr-window-"));
  const project = join(dir, "window.gwr");
  const samples = readdirSync(join(root, "samples")).sort().map((f) => join(root, "samples", f));
  execFileSync(cli, ["import", "--project", project, ...samples]);
  const reportId = Number(
    execFileSync(cli, ["reports", "--project", project]).toString().split("\n").find((l) => l.includes("000_8ea42176d04f9a1f.txt")).trim().split(/\s+/)[0],
  );

  const driver = spawn("tauri-driver", ["--port", String(port), "--native-driver", "/usr/bin/WebKitWebDriver"], { stdio: "ignore" });
  let session;
  try {
    await sleep(1000);
    const created = await wd("POST", "/session", {
      capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application: app, args: ["--project", project] } } },
    });
    session = created.sessionId;

    // First launch asks for the reviewer's name.
    const input = await waitFor(session, `return document.querySelector('#reviewer-name') || false`, "the reviewer prompt");
    const inputId = Object.values(input)[0];
    await wd("POST", `/session/${session}/element/${inputId}/value`, { text: "窗口测试" });
    await press(session, "\uE007"); // Enter
    await waitFor(session, `return document.querySelectorAll('.reports-table tbody tr').length === 5`, "the five sample reports");

    const open = await wd("POST", `/session/${session}/element`, { using: "css selector", value: `.reports-table tr[data-id="${reportId}"] button.primary` });
    await wd("POST", `/session/${session}/element/${Object.values(open)[0]}/click`, {});
    await waitFor(session, `return !!document.querySelector('.frow.selected')`, "the figure list");

    for (let i = 0; i < 3; i++) await press(session, "a");
    await waitFor(session, `return (document.querySelector('#progress-report .pnum')?.textContent || '').startsWith('3/')`, "progress 3/…");
    await sleep(500);
    const png = await wd("GET", `/session/${session}/screenshot`);
    mkdirSync(join(root, "docs/screenshots"), { recursive: true });
    writeFileSync(join(root, "docs/screenshots/window.png"), Buffer.from(png, "base64"));
  } finally {
    if (session) await wd("DELETE", `/session/${session}`).catch(() => {});
    driver.kill();
  }

  const log = execFileSync(cli, ["log", String(reportId), "--project", project]).toString().trim().split("\n");
  assert.equal(log.length, 3, log.join("\n"));
  for (const line of log) {
    const [, , reviewer, , action] = line.split("\t");
    assert.equal(reviewer, "窗口测试");
    assert.equal(action, "accept");
  }
});
