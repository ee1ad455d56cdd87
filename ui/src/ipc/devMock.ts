// Wires the mock backend for a plain browser: `npm run dev`, `vite preview`,
// and the Playwright tests. URL parameters:
//   synthetic=2000,1000  add synthetic reports with that many figures (default: two small ones)
//   reviewer=NAME        start with a reviewer set (skips the first-launch prompt)
//   latency=MS           delay every command, to see "saving…" states
//   exportstep=MS        delay between an export's progress steps (default 150), to see progress and Cancel
//   notices=1            open as after an upgrade: a report re-read by the new extractor, a file that failed
import { installMockIPC, MockBackend, type Fixture } from "./mock";
import type { StartupNotice } from "./api";
import { syntheticReport } from "./synthetic";

declare global {
  interface Window {
    __gwrMock?: MockBackend;
  }
}

const CITIES = ["包头市", "鄂尔多斯市", "赤峰市", "通辽市", "呼伦贝尔市"];

export async function installDevMock(params: URLSearchParams) {
  // Engine-exported fixtures land in ui/tests/fixtures/; all of them are served.
  // The hand-written seed-000.json stands in only for reports no engine
  // fixture covers, and ids are renumbered where two files collide.
  const files = import.meta.glob<Fixture>("../../tests/fixtures/*.json", { import: "default" });
  const paths = Object.keys(files).sort((a, b) => Number(a.endsWith("/seed-000.json")) - Number(b.endsWith("/seed-000.json")));
  const fixtures: Fixture[] = [];
  for (const path of paths) {
    const fx = mergeable(await files[path](), fixtures);
    if (fx) fixtures.push(fx);
  }
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
    exportStepMs: Number(params.get("exportstep") ?? 150),
    startupNotices: params.get("notices") ? UPGRADE_NOTICES : [],
  });
  installMockIPC(backend);
  window.__gwrMock = backend;
}

/** What opening a project after an upgrade reports (the engine's wording). */
const UPGRADE_NOTICES: StartupNotice[] = [
  {
    kind: "reextracted",
    summary:
      "000_8ea42176d04f9a1f.txt: 176 unchanged, 4 updated, 2 new, 1 removed; 3 reviewed re-attached, 1 reopened, 1 not re-attached",
    details: [
      "figure 6 `6.2%` was rejected as 社会消费品零售总额 growth actual 2020 6.2 %; now read as 社会消费品零售总额 growth actual 2020 -6.2 %: to review again as figure 1107",
      "not re-attached: figure 41 `2批次` (accepted) is no longer extracted; kept with its decisions",
    ],
  },
  {
    kind: "failed",
    summary: "report-2019.docx: cannot be read as a Word document (the zip archive is damaged); re-save it from Word and import it again",
    details: [],
  },
];

/** Drops reports already loaded (same file name) and renumbers colliding ids. */
function mergeable(fx: Fixture, loaded: Fixture[]): Fixture | null {
  const names = new Set(loaded.flatMap((f) => f.reports.map((r) => r.fileName)));
  const reportIds = new Set(loaded.flatMap((f) => f.reports.map((r) => r.id)));
  const figureIds = new Set(loaded.flatMap((f) => f.figures.map((x) => x.id)));
  const reports = fx.reports.filter((r) => !names.has(r.fileName));
  if (!reports.length) return null;
  let nextReport = Math.max(0, ...reportIds) + 1;
  let nextFigure = Math.max(0, ...figureIds) + 1;
  const rmap = new Map<number, number>();
  for (const r of reports) rmap.set(r.id, reportIds.has(r.id) ? nextReport++ : r.id);
  // The engine's comparisons and timelines name report and figure ids: they
  // stay only when no id had to change.
  const renumbered = [...rmap].some(([a, b]) => a !== b) || fx.figures.some((f) => figureIds.has(f.id)) || reports.length < fx.reports.length;
  return {
    comparisons: renumbered ? undefined : fx.comparisons,
    timelines: renumbered ? undefined : fx.timelines,
    reports: reports.map((r) => ({ ...r, id: rmap.get(r.id)! })),
    texts: fx.texts.filter((t) => rmap.has(t.reportId)).map((t) => ({ ...t, reportId: rmap.get(t.reportId)! })),
    figures: fx.figures
      .filter((f) => rmap.has(f.reportId))
      .map((f) => ({ ...f, reportId: rmap.get(f.reportId)!, id: figureIds.has(f.id) ? nextFigure++ : f.id })),
  };
}
