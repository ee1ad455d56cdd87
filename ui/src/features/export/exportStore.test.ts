import { afterEach, describe, expect, it } from "vitest";
import { SEED, withBackend } from "../../test/setup";
import type { ExportProgress } from "../../ipc/api";
import { ExportStore, resetLastFolder, type PickPath } from "./exportStore";

const DAY = () => new Date(2026, 10, 27);

afterEach(() => resetLastFolder());

function setup(answer: string | null = "/home/r/out/figures.csv", stepMs = 0) {
  const { backend, api } = withBackend([SEED], { reviewer: "测试员", exportStepMs: stepMs });
  const asked: { defaultPath: string; filter: { name: string; ext: string } }[] = [];
  const pick: PickPath = async (defaultPath, filter) => {
    asked.push({ defaultPath, filter });
    return answer;
  };
  const report = structuredClone(SEED.reports[0]);
  return { backend, api, asked, store: new ExportStore(api, report, pick, DAY) };
}

describe("export dialog state", () => {
  it("defaults: CSV with a BOM, all figures, the open report", () => {
    const { store } = setup();
    expect(store.format.value).toBe("csv");
    expect(store.bom.value).toBe(true);
    expect(store.scope.value).toEqual([]);
    expect(store.target.value).toBe("report");
    expect(store.phase.value).toBe("form");
  });

  it("without a report it exports the project, and 'this report' cannot be picked", () => {
    const { api } = setup();
    const store = new ExportStore(api, null, async () => null, DAY);
    expect(store.target.value).toBe("project");
    store.setTarget("report");
    expect(store.target.value).toBe("project");
    // The reports screen starts on the project, with its selected report one click away.
    const fromReports = new ExportStore(api, structuredClone(SEED.reports[0]), async () => null, DAY, null, "project");
    expect(fromReports.target.value).toBe("project");
    fromReports.setTarget("report");
    expect(fromReports.target.value).toBe("report");
  });

  it("asks for the file with a dated default name and the format's filter, then exports", async () => {
    const { store, asked, backend, api } = setup();
    store.setFormat("xlsx");
    store.setTarget("project");
    store.setScope("accepted", true);
    store.setScope("catalog", true);
    const seen: ExportProgress[] = [];
    const off = await api.onExportProgress((p) => seen.push(p));
    await store.start();
    off();
    expect(asked).toEqual([{ defaultPath: "gwr-figures-2026-11-27.xlsx", filter: { name: "Excel (XLSX)", ext: "xlsx" } }]);
    expect(store.phase.value).toBe("done");
    expect(backend.exports).toHaveLength(1);
    // XLSX takes no BOM even though the toggle is on; the whole project; both scopes.
    expect(backend.exports[0].request).toEqual({ format: "xlsx", scope: ["accepted", "catalog"], reportId: null, bom: false, path: "/home/r/out/figures.csv" });
    const r = store.result.value!;
    expect(r.path).toBe("/home/r/out/figures.csv");
    expect(r.reports).toBe(1);
    expect(r.figures).toBe(0); // nothing is accepted yet
    expect(seen.at(-1)).toEqual({ done: r.scanned, total: r.scanned });
    expect(store.progress.value).toEqual({ done: r.scanned, total: r.scanned });

    // The next export is offered in the same folder, and asks again rather than overwrite.
    store.again();
    expect(store.path.value).toBeNull();
    expect(store.suggestedPath()).toBe("/home/r/out/gwr-figures-2026-11-27.xlsx");
  });

  it("one report, CSV with BOM: the request says so and the counts come back", async () => {
    const { store, backend, api } = setup();
    const [f1, f2] = await api.listFigures(SEED.reports[0].id);
    await api.decide(f1.id, { type: "accept" });
    await api.decide(f2.id, { type: "reject" });
    store.setScope("reviewed", true);
    await store.start();
    expect(backend.exports[0].request).toMatchObject({ format: "csv", scope: ["reviewed"], reportId: SEED.reports[0].id, bom: true });
    expect(store.result.value).toMatchObject({ figures: 2, reports: 1, scanned: SEED.figures.length });
  });

  it("a format change after choosing the file changes its extension", async () => {
    const { store } = setup();
    await store.choosePath();
    expect(store.path.value).toBe("/home/r/out/figures.csv");
    store.setFormat("jsonl");
    expect(store.path.value).toBe("/home/r/out/figures.jsonl");
    store.setTarget("project");
    expect(store.path.value).toBe("/home/r/out/figures.jsonl");
  });

  it("the first export is offered beside the project, later ones in the last export's folder", async () => {
    const { api } = setup();
    const store = new ExportStore(api, null, async (p) => p, DAY, "/home/r/projects/2021.gwr");
    expect(store.suggestedPath()).toBe("/home/r/projects/gwr-figures-2026-11-27.csv");
    const bare = new ExportStore(api, null, async (p) => p, DAY);
    expect(bare.suggestedPath()).toBe("gwr-figures-2026-11-27.csv");
    await store.start();
    expect(store.phase.value).toBe("done");
    const next = new ExportStore(api, null, async (p) => p, DAY, "/elsewhere/p.gwr");
    expect(next.suggestedPath()).toBe("/home/r/projects/gwr-figures-2026-11-27.csv");
  });

  it("a chosen file that kept the suggested name follows the format and target", async () => {
    const { api } = setup();
    const store = new ExportStore(api, structuredClone(SEED.reports[0]), async (p) => `/home/r/${p}`, DAY);
    await store.choosePath();
    expect(store.path.value).toBe("/home/r/gwr-figures-乌兰察布市-2021-2026-11-27.csv");
    store.setFormat("panel_csv");
    store.setTarget("project");
    expect(store.path.value).toBe("/home/r/gwr-panel-2026-11-27.csv");
  });

  it("cancelling the save dialog exports nothing", async () => {
    const { store, backend } = setup(null);
    await store.start();
    expect(store.phase.value).toBe("form");
    expect(backend.exports).toHaveLength(0);
  });

  it("cancel stops a running export: phase cancelled, nothing written", async () => {
    const { store, backend } = setup("/home/r/out/figures.csv", 20);
    const running = store.start();
    await new Promise((r) => setTimeout(r, 45));
    expect(store.phase.value).toBe("running");
    expect(store.progress.value?.done).toBeGreaterThan(0);
    await store.cancel();
    expect(store.cancelling.value).toBe(true);
    await running;
    expect(store.phase.value).toBe("cancelled");
    expect(store.cancelling.value).toBe(false);
    expect(backend.exports).toHaveLength(0);
    // Back to the options keeps the chosen file.
    store.again();
    expect(store.phase.value).toBe("form");
    expect(store.path.value).toBe("/home/r/out/figures.csv");
  });

  it("a folder that cannot be written gives the backend's message", async () => {
    const { store } = setup("/readonly/figures.csv");
    await store.start();
    expect(store.phase.value).toBe("error");
    expect(store.error.value).toMatch(/cannot write \/readonly\/figures\.csv.*writable, or choose another file/);
  });

  it("a panel export reports its codebook path", async () => {
    const { store } = setup("/home/r/out/panel.csv");
    store.setFormat("panel_csv");
    await store.start();
    expect(store.result.value?.panel?.codebookPath).toBe("/home/r/out/panel.columns.csv");
  });
});
