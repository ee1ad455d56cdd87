// Wires the mock backend for a plain browser: `npm run dev`, `vite preview`,
// and the Playwright tests. URL parameters:
//   synthetic=2000,1000  add synthetic reports with that many figures (default: two small ones)
//   reviewer=NAME        start with a reviewer set (skips the first-launch prompt)
//   latency=MS           delay every command, to see "saving…" states
import { installMockIPC, MockBackend, type Fixture } from "./mock";
import { syntheticReport } from "./synthetic";

declare global {
  interface Window {
    __gwrMock?: MockBackend;
  }
}

const CITIES = ["包头市", "鄂尔多斯市", "赤峰市", "通辽市", "呼伦贝尔市"];

export async function installDevMock(params: URLSearchParams) {
  // Engine-exported fixtures land in ui/tests/fixtures/; all of them are served.
  const files = import.meta.glob<Fixture>("../../tests/fixtures/*.json", { import: "default" });
  const fixtures: Fixture[] = [];
  for (const load of Object.values(files)) fixtures.push(await load());
  const maxId = Math.max(0, ...fixtures.flatMap((f) => f.reports.map((r) => r.id)));

  const syn = params.get("synthetic");
  const sizes = syn === null ? [420, 180] : syn.split(",").filter(Boolean).map(Number);
  sizes.forEach((n, i) => {
    const id = maxId + 1 + i;
    fixtures.push(syntheticReport({ id, figures: n, jurisdiction: CITIES[i % CITIES.length], fileName: `synthetic_${id}_${n}.txt` }));
  });

  const backend = new MockBackend(fixtures, {
    reviewer: params.get("reviewer"),
    latencyMs: Number(params.get("latency") ?? 0),
    importStepMs: 250,
  });
  installMockIPC(backend);
  window.__gwrMock = backend;
}
