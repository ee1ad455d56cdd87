import { describe, expect, it } from "vitest";
import { SEED, withBackend } from "../../test/setup";
import type { Api, FigureRow } from "../../ipc/api";
import { ReviewStore } from "./reviewStore";
import { syntheticReport } from "../../ipc/synthetic";

async function opened(fixtures = [SEED]) {
  const { backend, api } = withBackend(fixtures);
  const store = new ReviewStore(api);
  await store.open(fixtures[0].reports[0].id);
  return { backend, api, store };
}

/** An api whose decide() answers only when the test says so. */
function gatedApi(api: Api) {
  const gates: (() => void)[] = [];
  const gated: Api = {
    ...api,
    decide: async (id, action) => {
      await new Promise<void>((r) => gates.push(r));
      return api.decide(id, action);
    },
  };
  const release = async () => {
    // The call reaches decide() a few microtasks after the key press.
    while (!gates.length) await new Promise((r) => setTimeout(r, 0));
    gates.shift()!();
  };
  return { gated, release };
}

describe("ReviewStore", () => {
  it("opens on the first unreviewed figure, in document order", async () => {
    const { store } = await opened();
    expect(store.figures.value).toHaveLength(30);
    expect(store.current.value?.text).toBe("827亿元");
    const starts = store.figures.value.map((f) => f.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it("accept moves to the next figure and shows 'accepted' only after the backend answered", async () => {
    const { api } = withBackend();
    const { gated, release } = gatedApi(api);
    const store = new ReviewStore(gated);
    await store.open(1);
    const first = store.current.value!;
    store.accept();
    expect(store.current.value?.text).toBe("2.4%");
    // Not yet committed: still unreviewed, marked pending.
    expect(store.figures.value[0].status).toBe("unreviewed");
    expect(store.pending.value.get(first.id)).toBe("accept");
    await new Promise((r) => setTimeout(r, 20));
    expect(store.figures.value[0].status).toBe("unreviewed");
    await release();
    await store.settled();
    expect(store.figures.value[0].status).toBe("accepted");
    expect(store.pending.value.size).toBe(0);
    expect(store.reviewedCount.value).toBe(1);
    expect(store.notice.value?.kind).toBe("saved");
  });

  it("runs commands in key order: accept then undo leaves the figure unreviewed", async () => {
    const { store, backend } = await opened();
    const id = store.current.value!.id;
    store.accept();
    store.undo();
    await store.settled();
    const f = store.figures.value.find((x) => x.id === id)!;
    expect(f.status).toBe("unreviewed");
    // Undo appended to the log; it deleted nothing.
    expect(backend.log.map((e) => e.action)).toEqual(["accept", "undo"]);
    expect(backend.log[0].undone).toBe(true);
    // The undone figure becomes current so the reviewer sees it.
    expect(store.currentId.value).toBe(id);
  });

  it("redo re-applies the undone decision", async () => {
    const { store } = await opened();
    const id = store.current.value!.id;
    store.reject();
    store.undo();
    store.redo();
    await store.settled();
    expect(store.figures.value.find((x) => x.id === id)!.status).toBe("rejected");
  });

  it("under the 'unreviewed' filter, accepting keeps the cursor flowing forward", async () => {
    const { store } = await opened();
    store.setFilters({ status: "unreviewed" });
    const order = store.visible.value.map((f) => f.text);
    store.accept();
    store.accept();
    await store.settled();
    // Both accepted figures left the list; the cursor is on the third one, not back at the top.
    expect(store.visible.value).toHaveLength(28);
    expect(store.current.value?.text).toBe(order[2]);
    store.move(1);
    expect(store.current.value?.text).toBe(order[3]);
  });

  it("n and f jump to the next unreviewed / flagged figure and wrap around", async () => {
    const { store } = await opened();
    store.nextFlagged();
    expect(store.current.value?.flags.length).toBeGreaterThan(0);
    const firstFlagged = store.current.value!.id;
    store.nextFlagged();
    store.nextFlagged();
    store.nextFlagged();
    expect(store.current.value!.id).toBe(firstFlagged); // 3 flagged figures: wrapped once
    store.last();
    store.accept();
    await store.settled();
    store.nextUnreviewed();
    expect(store.current.value!.status).toBe("unreviewed");
    expect(store.current.value!.ord).toBe(0);
  });

  it("correct stores the new fields, keeps the original, and moves on", async () => {
    const { store } = await opened();
    const f = store.current.value!;
    const ok = await store.correct({ ...f.fields, value: 828 });
    expect(ok).toBe(true);
    const after = store.figures.value.find((x) => x.id === f.id)!;
    expect(after.status).toBe("corrected");
    expect(after.fields.value).toBe(828);
    expect(after.original.value).toBe(827);
    expect(store.current.value!.id).not.toBe(f.id);
  });

  it("a failing command is reported and changes nothing", async () => {
    const { api } = withBackend([SEED], { reviewer: null }); // no reviewer: the backend refuses
    const store = new ReviewStore(api);
    await store.open(1);
    store.accept();
    await store.settled();
    expect(store.figures.value.every((f: FigureRow) => f.status === "unreviewed")).toBe(true);
    expect(store.notice.value?.kind).toBe("error");
    expect(store.notice.value?.text).toMatch(/no reviewer/);
  });

  it("adds a missed figure at its place in document order", async () => {
    const { store } = await opened();
    const text = store.text.value!.text;
    const start = text.indexOf("43天");
    expect(start).toBeLessThan(0); // not in the excerpt; use a real one
    const s2 = text.indexOf("增速高于全区平均水平");
    const ok = await store.addFigure(s2, s2 + 2, {
      indicator: null, measure: "other", kind: "actual", period: "2020", value: 1, unit: "个", qualifier: "eq", valueLow: null, valueHigh: null, firmness: null,
    });
    expect(ok).toBe(true);
    const added = store.current.value!;
    expect(added.addedByReviewer).toBe(true);
    expect(added.text).toBe("增速");
    expect(store.figures.value.map((f) => f.ord)).toEqual(store.figures.value.map((_, i) => i));
    const prev = store.figures.value[added.ord - 1];
    expect(prev.start).toBeLessThanOrEqual(added.start);
  });

  it("filters combine and the search looks into source sentences", async () => {
    const { store } = await opened();
    store.setFilters({ kind: "target" });
    expect(store.visible.value.every((f) => f.fields.kind === "target")).toBe(true);
    expect(store.visible.value).toHaveLength(9);
    store.setFilters({ search: "控制在" });
    // Every target of that sentence matches, not only the span containing the word.
    expect(store.visible.value.length).toBeGreaterThan(1);
    expect(store.visible.value.map((f) => f.text)).toContain("7%左右");
    // The cursor follows onto a visible figure.
    expect(store.visiblePosition.value.has(store.currentId.value!)).toBe(true);
  });

  it("handles 2 000 figures: every move is a constant-time lookup", async () => {
    const big = syntheticReport({ id: 9, figures: 2000 });
    const { store } = await opened([big]);
    expect(store.figures.value).toHaveLength(2000);
    const t0 = performance.now();
    for (let i = 0; i < 500; i++) store.move(1);
    const dt = performance.now() - t0;
    expect(store.current.value!.ord).toBe(500);
    expect(dt).toBeLessThan(250);
  });
});
