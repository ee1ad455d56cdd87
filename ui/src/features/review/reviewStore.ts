// State of the review screen for one report. Every change of a figure comes
// back from the backend (decide/undo/redo/addFigure return the row as stored);
// nothing is shown as decided before the backend has committed it.
import { batch, computed, signal } from "@preact/signals";
import type { Action, Api, FigureFields, FigureRow, HistoryEntry, ReportRow, ReportText } from "../../ipc/api";
import { record } from "../../lib/perf";
import { DEFAULT_FILTERS, figureMatcher, type Filters } from "./filters";

export type Mode = { name: "browse" } | { name: "edit" } | { name: "comment" } | { name: "add"; start: number; end: number };

export interface Notice {
  kind: "saved" | "info" | "error";
  text: string;
  at: number;
}

export class ReviewStore {
  readonly reportId = signal<number | null>(null);
  readonly report = signal<ReportRow | null>(null);
  readonly text = signal<ReportText | null>(null);
  readonly figures = signal<FigureRow[]>([]);
  readonly currentId = signal<number | null>(null);
  readonly filters = signal<Filters>(DEFAULT_FILTERS);
  readonly mode = signal<Mode>({ name: "browse" });
  /** Figures with a command in flight, and what it is. */
  readonly pending = signal<ReadonlyMap<number, string>>(new Map());
  readonly notice = signal<Notice | null>(null);
  readonly history = signal<{ figureId: number; entries: HistoryEntry[] } | null>(null);
  readonly loading = signal(false);
  readonly loadError = signal<string | null>(null);

  /** Figure ids in order; changes only when figures are added, not on decisions. */
  private readonly order = signal<number[]>([]);
  /** figure id → position in `figures` (not rebuilt per decision: less garbage per keystroke) */
  readonly position = computed(() => new Map(this.order.value.map((id, i) => [id, i])));
  readonly visible = computed(() => {
    const t = this.text.value?.text ?? "";
    return this.figures.value.filter(figureMatcher(this.filters.value, t));
  });
  readonly visiblePosition = computed(() => new Map(this.visible.value.map((f, i) => [f.id, i])));
  readonly current = computed(() => {
    const id = this.currentId.value;
    const i = id === null ? undefined : this.position.value.get(id);
    return i === undefined ? null : this.figures.value[i];
  });
  readonly reviewedCount = computed(() => this.figures.value.filter((f) => f.status !== "unreviewed").length);

  /** Mutations run one after another, in key order: an undo must not overtake the accept before it. */
  private queue: Promise<unknown> = Promise.resolve();
  private historyTimer: ReturnType<typeof setTimeout> | null = null;
  private loadSeq = 0;

  constructor(
    private readonly api: Api,
    private readonly onChanged: () => void = () => {},
  ) {}

  async open(reportId: number) {
    const seq = ++this.loadSeq;
    batch(() => {
      this.reportId.value = reportId;
      this.loading.value = true;
      this.loadError.value = null;
      this.mode.value = { name: "browse" };
      this.history.value = null;
    });
    try {
      const t0 = performance.now();
      const [reports, text, figures] = await Promise.all([
        this.api.listReports(),
        this.api.reportText(reportId),
        this.api.listFigures(reportId),
      ]);
      if (seq !== this.loadSeq) return;
      record("open-report:ipc", performance.now() - t0, { figures: figures.length });
      batch(() => {
        this.report.value = reports.find((r) => r.id === reportId) ?? null;
        this.text.value = text;
        this.figures.value = figures;
        this.order.value = figures.map((f) => f.id);
        this.filters.value = DEFAULT_FILTERS;
        // Resume where the work is: the first figure not yet reviewed.
        const first = figures.find((f) => f.status === "unreviewed") ?? figures[0];
        this.currentId.value = first ? first.id : null;
        this.loading.value = false;
      });
      this.loadHistorySoon();
    } catch (e) {
      if (seq !== this.loadSeq) return;
      this.loading.value = false;
      this.loadError.value = (e as Error).message;
    }
  }

  // ---- navigation ----------------------------------------------------------

  select(id: number | null) {
    if (id === this.currentId.value) return;
    this.currentId.value = id;
    if (this.mode.value.name !== "add") this.mode.value = { name: "browse" };
    this.loadHistorySoon();
  }

  /**
   * Index in `visible` that the cursor stands on. When the current figure has
   * been filtered out (accepted under "unreviewed"), it is the slot where it
   * would be, so "next" continues from there instead of jumping to the top.
   */
  private anchor(from: FigureRow | null = this.current.value): { index: number; exact: boolean } {
    const vis = this.visible.value;
    if (!from) return { index: -1, exact: false };
    const exact = this.visiblePosition.value.get(from.id);
    if (exact !== undefined) return { index: exact, exact: true };
    let lo = 0;
    let hi = vis.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (vis[mid].ord < from.ord) lo = mid + 1;
      else hi = mid;
    }
    return { index: lo, exact: false };
  }

  move(delta: number, from: FigureRow | null = this.current.value) {
    const vis = this.visible.value;
    if (!vis.length) return;
    const { index, exact } = this.anchor(from);
    let target: number;
    if (index < 0) target = delta > 0 ? 0 : vis.length - 1;
    else if (exact) target = index + delta;
    else target = delta > 0 ? index + delta - 1 : index + delta;
    target = Math.max(0, Math.min(vis.length - 1, target));
    this.select(vis[target].id);
  }

  first() {
    const vis = this.visible.value;
    if (vis.length) this.select(vis[0].id);
  }

  last() {
    const vis = this.visible.value;
    if (vis.length) this.select(vis[vis.length - 1].id);
  }

  /** Next visible figure after the current one satisfying `pred`, wrapping around once. */
  nextWhere(pred: (f: FigureRow) => boolean, what: string) {
    const vis = this.visible.value;
    const { index, exact } = this.anchor();
    const start = exact ? index + 1 : Math.max(index, 0);
    for (let k = 0; k < vis.length; k++) {
      const f = vis[(start + k) % vis.length];
      if (pred(f) && f.id !== this.currentId.value) return this.select(f.id);
    }
    this.say("info", `No other ${what} figure`);
  }

  nextUnreviewed() {
    const pending = this.pending.value;
    this.nextWhere((f) => f.status === "unreviewed" && !pending.has(f.id), "unreviewed");
  }

  nextFlagged() {
    this.nextWhere((f) => f.flags.length > 0, "flagged");
  }

  setFilters(patch: Partial<Filters>) {
    this.filters.value = { ...this.filters.value, ...patch };
    // Keep the cursor on a visible figure so the keys act on what is shown.
    const cur = this.current.value;
    if (cur && !this.visiblePosition.value.has(cur.id)) {
      const vis = this.visible.value;
      const { index } = this.anchor(cur);
      if (vis.length) this.select(vis[Math.min(index, vis.length - 1)].id);
    } else if (!cur) this.first();
  }

  // ---- decisions -------------------------------------------------------------

  accept() {
    this.decideAndAdvance({ type: "accept" }, "accept");
  }

  reject() {
    this.decideAndAdvance({ type: "reject" }, "reject");
  }

  /** Saves a correction; resolves true once committed, so the editor closes only then. */
  correct(fields: FigureFields): Promise<boolean> {
    const f = this.current.value;
    if (!f) return Promise.resolve(false);
    return this.enqueue(f.id, "correct", () => this.api.decide(f.id, { type: "correct", fields }), "Correction saved").then((row) => {
      if (row) {
        if (this.currentId.value === f.id) this.move(1, row);
        this.mode.value = { name: "browse" };
      }
      return row !== null;
    });
  }

  comment(text: string): Promise<boolean> {
    const f = this.current.value;
    if (!f) return Promise.resolve(false);
    return this.enqueue(f.id, "comment", () => this.api.decide(f.id, { type: "comment", text }), "Comment saved").then((row) => {
      if (row) this.mode.value = { name: "browse" };
      return row !== null;
    });
  }

  private decideAndAdvance(action: Action, label: string) {
    const f = this.current.value;
    if (!f || this.pending.value.has(f.id)) return;
    void this.enqueue(f.id, label, () => this.api.decide(f.id, action), label === "accept" ? "Accepted" : "Rejected");
    this.move(1, f);
  }

  undo() {
    this.undoRedo("undo");
  }

  redo() {
    this.undoRedo("redo");
  }

  private undoRedo(which: "undo" | "redo") {
    const reportId = this.reportId.value;
    if (reportId === null) return;
    const run = async () => {
      try {
        const row = await (which === "undo" ? this.api.undo(reportId) : this.api.redo(reportId));
        if (!row) {
          this.say("info", which === "undo" ? "Nothing to undo" : "Nothing to redo");
          return;
        }
        this.replace(row);
        // Show the figure that changed: the reviewer should see what was undone.
        this.select(row.id);
        this.say("saved", `${which === "undo" ? "Undone" : "Redone"}: ${row.text} is ${row.status}`);
        this.loadHistoryNow(row.id);
        this.onChanged();
      } catch (e) {
        this.say("error", `${which} failed: ${(e as Error).message}`);
      }
    };
    this.queue = this.queue.then(run);
  }

  addFigure(start: number, end: number, fields: FigureFields): Promise<boolean> {
    const reportId = this.reportId.value;
    if (reportId === null) return Promise.resolve(false);
    const run = async () => {
      try {
        const row = await this.api.addFigure(reportId, start, end, fields);
        const figures = [...this.figures.value, row].sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id);
        batch(() => {
          this.figures.value = figures.map((f, i) => (f.ord === i ? f : { ...f, ord: i }));
          this.order.value = figures.map((f) => f.id);
          this.mode.value = { name: "browse" };
          this.select(row.id);
        });
        this.say("saved", `Added ${row.text}`);
        this.onChanged();
        return true;
      } catch (e) {
        this.say("error", `Could not add the figure: ${(e as Error).message}`);
        return false;
      }
    };
    const p = this.queue.then(run);
    this.queue = p;
    return p;
  }

  private enqueue(figureId: number, label: string, call: () => Promise<FigureRow>, done: string): Promise<FigureRow | null> {
    this.setPending(figureId, label);
    const run = async (): Promise<FigureRow | null> => {
      try {
        const row = await call();
        this.replace(row);
        this.say("saved", `${done}: ${row.text}`);
        if (this.history.value?.figureId === row.id || this.currentId.value === row.id) this.loadHistoryNow(row.id);
        this.onChanged();
        return row;
      } catch (e) {
        this.say("error", `Not saved (${label} ${figureId}): ${(e as Error).message}`);
        return null;
      } finally {
        this.setPending(figureId, null);
      }
    };
    const p = this.queue.then(run);
    this.queue = p;
    return p;
  }

  /** Resolves when every queued command has answered (tests, leaving the screen). */
  settled(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  private setPending(id: number, label: string | null) {
    const m = new Map(this.pending.value);
    if (label) m.set(id, label);
    else m.delete(id);
    this.pending.value = m;
  }

  private replace(row: FigureRow) {
    const i = this.position.value.get(row.id);
    if (i === undefined) return;
    const next = this.figures.value.slice();
    next[i] = row;
    this.figures.value = next;
  }

  private say(kind: Notice["kind"], text: string) {
    this.notice.value = { kind, text, at: Date.now() };
  }

  // ---- history ----------------------------------------------------------------

  /** Debounced: holding j must not fire a history query per row passed. */
  private loadHistorySoon() {
    if (this.historyTimer) clearTimeout(this.historyTimer);
    this.historyTimer = setTimeout(() => {
      const id = this.currentId.value;
      if (id !== null) this.loadHistoryNow(id);
    }, 150);
  }

  private async loadHistoryNow(id: number) {
    try {
      const entries = await this.api.figureHistory(id);
      if (this.currentId.value === id) this.history.value = { figureId: id, entries };
    } catch {
      if (this.currentId.value === id) this.history.value = { figureId: id, entries: [] };
    }
  }

  dispose() {
    if (this.historyTimer) clearTimeout(this.historyTimer);
    this.loadSeq++;
  }
}
