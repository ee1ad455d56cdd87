// `npm run test:e2e`: rebuilds ui/dist when any UI source is newer than it,
// then runs the browser tests with node's test runner (its summary closes the output).
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const ui = join(root, "ui");

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((n) => newest(join(path, n))));
}

let built = 0;
try {
  built = statSync(join(ui, "dist", "index.html")).mtimeMs;
} catch {}
const sources = Math.max(...["src", "public", "tests/fixtures", "index.html", "vite.config.ts", "package.json"].map((p) => newest(join(ui, p))));
if (process.env.E2E_REBUILD === "1" || sources > built) {
  console.log("ui/dist is older than the sources: building");
  const b = spawnSync("npm", ["run", "build"], { cwd: ui, stdio: "inherit" });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const files = readdirSync(join(root, "tests", "e2e"))
  .filter((f) => f.endsWith(".test.mjs"))
  .map((f) => join(root, "tests", "e2e", f));
const r = spawnSync(process.execPath, ["--test", "--test-concurrency=1", ...files], { cwd: root, stdio: "inherit" });
process.exit(r.status ?? 1);
