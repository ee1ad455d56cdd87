import { describe, expect, it } from "vitest";
import type { ReportText } from "../../ipc/api";
import { SEED } from "../../test/setup";
import { layoutText, offsetOf } from "./textLayout";

describe("text layout", () => {
  it("reassembles the exact report text, and every figure span maps onto whole runs", () => {
    const rt = SEED.texts[0];
    const paras = layoutText(rt, SEED.figures);
    const joined = paras.map((p) => p.runs.map((r) => rt.text.slice(r.start, r.end)).join("")).join("\n");
    expect(joined).toBe(rt.text);
    for (const f of SEED.figures) {
      const runs = paras.flatMap((p) => p.runs).filter((r) => r.figureIds.includes(f.id));
      expect(runs.map((r) => rt.text.slice(r.start, r.end)).join("")).toBe(f.text);
    }
  });

  it("splits overlapping spans (one span, two figures) and garbled runs", () => {
    const rt: ReportText = {
      reportId: 1, text: "城乡居民收入均增长8%。乱码锟斤拷。",
      sections: [], paragraphs: [{ start: 0, end: 18 }], sentences: [], garbled: [{ start: 14, end: 17 }],
    };
    const at = rt.text.indexOf("增长8%");
    const paras = layoutText(rt, [
      { id: 1, start: at, end: at + 4 },
      { id: 2, start: at + 2, end: at + 4 },
    ]);
    const runs = paras[0].runs.map((r) => [rt.text.slice(r.start, r.end), r.figureIds, r.garbled]);
    expect(runs).toContainEqual(["增长", [1], false]);
    expect(runs).toContainEqual(["8%", [1, 2], false]);
    expect(runs).toContainEqual(["锟斤拷", [], true]);
  });

  it("counts offsets in UTF-16 units, so characters outside the BMP stay aligned", () => {
    const rt: ReportText = { reportId: 1, text: "𠀀𠀀增长5%", sections: [], paragraphs: [], sentences: [], garbled: [] };
    const start = rt.text.indexOf("5%");
    expect(start).toBe(6);
    const runs = layoutText(rt, [{ id: 7, start, end: start + 2 }])[0].runs;
    expect(runs.map((r) => rt.text.slice(r.start, r.end))).toEqual(["𠀀𠀀增长", "5%"]);
  });

  it("maps a DOM selection point back to a text offset", () => {
    const p = document.createElement("p");
    const a = document.createElement("span");
    a.dataset.o = "100";
    a.textContent = "全年实现";
    const m = document.createElement("mark");
    m.dataset.o = "104";
    m.textContent = "827亿元";
    p.append(a, m);
    expect(offsetOf(a.firstChild!, 2)).toBe(102);
    expect(offsetOf(m.firstChild!, 3)).toBe(107);
    expect(offsetOf(p, 1)).toBe(104);
  });
});
