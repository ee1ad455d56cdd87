import { describe, expect, it } from "vitest";
import { SEED, withBackend } from "../test/setup";
import { ApiError } from "./api";

describe("mock backend over the IPC contract", () => {
  it("answers every command through the bindings with the contract's names", async () => {
    const { api } = withBackend();
    expect((await api.projectInfo()).reviewer).toBe("测试员");
    expect(await api.listReports()).toHaveLength(1);
    const rt = await api.reportText(1);
    const figs = await api.listFigures(1);
    for (const f of figs) expect(rt.text.slice(f.start, f.end)).toBe(f.text);
    expect((await api.catalog()).map((c) => c.name)).toContain("地区生产总值");
    expect(await api.units()).toContain("亿元");
    const row = await api.updateReportMetadata(1, { ...SEED.reports[0], reportYear: 2022, jurisdiction: "乌兰察布" });
    expect(row).toMatchObject({ reportYear: 2022, jurisdiction: "乌兰察布" });
  });

  it("turns backend errors into ApiError with the error code", async () => {
    const { api } = withBackend();
    await expect(api.reportText(999)).rejects.toBeInstanceOf(ApiError);
    await expect(api.reportText(999)).rejects.toMatchObject({ code: "not_found" });
  });

  it("keeps an append-only log: undo appends and marks, history shows both", async () => {
    const { api, backend } = withBackend();
    const [f] = await api.listFigures(1);
    await api.decide(f.id, { type: "accept" });
    await api.decide(f.id, { type: "correct", fields: { ...f.fields, value: 828 } });
    expect((await api.undo(1))?.status).toBe("accepted");
    expect((await api.undo(1))?.status).toBe("unreviewed");
    expect(await api.undo(1)).toBeNull();
    expect((await api.redo(1))?.status).toBe("accepted");
    const h = await api.figureHistory(f.id);
    expect(h.map((e) => e.action)).toEqual(["redo", "undo", "undo", "correct", "accept"]);
    expect(h.find((e) => e.action === "correct")?.summary).toBe("value 827 → 828");
    expect(backend.log).toHaveLength(5);
  });

  it("reports import progress as events and a result per file", async () => {
    const { api } = withBackend();
    const seen: number[] = [];
    const unlisten = await api.onImportProgress((p) => seen.push(p.done));
    const res = await api.importFiles(["/a/包头市2021.txt", "/a/000_8ea42176d04f9a1f.txt", "/a/scan.pdf"]);
    unlisten();
    expect(res.map((r) => r.status)).toEqual(["imported", "duplicate", "failed"]);
    expect(res[2].message).toMatch(/unsupported/);
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(await api.listReports()).toHaveLength(2);
  });
});
