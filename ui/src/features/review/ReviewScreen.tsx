import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import type { AppStore } from "../../app/appStore";
import { Progress } from "../../app/Progress";
import { measureToPaint } from "../../lib/perf";
import { memo } from "preact/compat";
import { ExportDialog } from "../export/ExportDialog";
import { DetailPane } from "./DetailPane";
import { FigureList, ROW_HEIGHT } from "./FigureList";
import { DEFAULT_FILTERS, isFiltered, NO_INDICATOR, type Filters } from "./filters";
import { HelpOverlay } from "./HelpOverlay";
import { commandFor, isTypingTarget, type Command } from "./keys";
import { ReviewStore } from "./reviewStore";
import { STATUS_GLYPH } from "./StatusMark";
import { TextPane, type TextSelection } from "./TextPane";

const NAV: ReadonlySet<Command> = new Set(["next", "prev", "first", "last", "pageDown", "pageUp", "nextUnreviewed", "nextFlagged", "accept", "reject"]);

function FilterBar({ store, searchRef }: { store: ReviewStore; searchRef: { current: HTMLInputElement | null } }) {
  const flt = store.filters.value;
  const figs = store.figures.value;
  const counts = useMemo(() => {
    const c = { all: figs.length, unreviewed: 0, accepted: 0, corrected: 0, rejected: 0 };
    for (const f of figs) c[f.status]++;
    return c;
  }, [figs]);
  const indicators = useMemo(() => {
    const m = new Map<string, number>();
    for (const f of figs) if (f.fields.indicator) m.set(f.fields.indicator, (m.get(f.fields.indicator) ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "zh-CN"));
  }, [figs]);
  const set = (p: Partial<Filters>) => store.setFilters(p);
  return (
    <div class="filters" role="search">
      <div class="seg" role="radiogroup" aria-label="Status">
        {(["all", "unreviewed", "accepted", "corrected", "rejected"] as const).map((s) => (
          <button
            type="button"
            role="radio"
            aria-checked={flt.status === s}
            class={flt.status === s ? "on" : ""}
            data-status={s}
            onClick={() => set({ status: s })}
          >
            {s === "all" ? "All" : `${s === "unreviewed" ? "○" : STATUS_GLYPH[s]} ${s[0].toUpperCase()}${s.slice(1)}`} <span class="count">{counts[s]}</span>
          </button>
        ))}
      </div>
      <select aria-label="Kind" value={flt.kind} onChange={(e) => set({ kind: e.currentTarget.value as Filters["kind"] })}>
        <option value="all">All kinds</option>
        <option value="actual">actual</option>
        <option value="estimate">estimate</option>
        <option value="target">target</option>
      </select>
      <select aria-label="Indicator" class="ind-select" value={flt.indicator} onChange={(e) => set({ indicator: e.currentTarget.value })}>
        <option value="all">All indicators</option>
        <option value={NO_INDICATOR}>— outside the catalog</option>
        {indicators.map(([name, n]) => (
          <option value={name}>
            {name} ({n})
          </option>
        ))}
      </select>
      <select aria-label="Scope" value={flt.scope} onChange={(e) => set({ scope: e.currentTarget.value as Filters["scope"] })}>
        <option value="all">All quantities</option>
        <option value="catalog">Catalog indicators only</option>
      </select>
      <label class="check">
        <input type="checkbox" checked={flt.flaggedOnly} onChange={(e) => set({ flaggedOnly: e.currentTarget.checked })} /> ⚑ Flagged only
      </label>
      <input
        ref={searchRef}
        class="search"
        type="search"
        placeholder="Search this report  /"
        aria-label="Search in this report"
        value={flt.search}
        onInput={(e) => set({ search: e.currentTarget.value })}
        onKeyDown={(e) => {
          if (e.key === "Escape" || e.key === "Enter") {
            e.preventDefault();
            e.currentTarget.blur();
          }
        }}
      />
      {isFiltered(flt) ? (
        <button type="button" class="link" onClick={() => store.setFilters(DEFAULT_FILTERS)}>
          Clear filters
        </button>
      ) : null}
      <span class="shown">
        {store.visible.value.length} of {figs.length} shown
      </span>
    </div>
  );
}

// Header and status bar read the fast-changing signals (progress, pending,
// notices) themselves, so a decision re-renders them, not the whole screen.
function ReviewHeader({ store, app, onHelp, onExport }: { store: ReviewStore; app: AppStore; onHelp: () => void; onExport: () => void }) {
  const report = store.report.value;
  const info = app.info.value;
  return (
    <header class="topbar">
      <button type="button" class="back" onClick={() => app.back()} title="Back (b)">
        ← {app.screen.value.name === "review" && app.screen.value.returnTo === "compare" ? "Compare" : "Reports"}
      </button>
      <h1 lang="zh-CN">
        {report ? `${report.jurisdiction ?? "?"} · ${report.reportYear ?? "?"}` : "…"}
        <span class="file">{report?.fileName}</span>
      </h1>
      <Progress label="Report" done={store.reviewedCount.value} total={store.figures.value.length} id="progress-report" />
      {info ? <Progress label="Project" done={info.reviewedCount} total={info.figureCount} id="progress-project" /> : null}
      <span class="reviewer" title="Reviewer">
        Reviewer <b>{info?.reviewer ?? "—"}</b>
      </span>
      <button type="button" class="export-btn" onClick={onExport} title="Export the dataset (S)">
        Export… <kbd>S</kbd>
      </button>
      <button type="button" class="help-btn" onClick={onHelp} aria-label="Keyboard help">
        ?
      </button>
    </header>
  );
}

function StatusBar({ store }: { store: ReviewStore }) {
  const notice = store.notice.value;
  const pendingCount = store.pending.value.size;
  return (
    <footer class="statusbar" aria-live="polite">
      {pendingCount ? <span class="saving">⋯ Saving {pendingCount}…</span> : null}
      {notice ? (
        <span class={`notice ${notice.kind}`} key={notice.at}>
          {notice.kind === "saved" ? "✓ " : notice.kind === "error" ? "⚠ " : ""}
          {notice.text}
        </span>
      ) : null}
      <span class="hints">
        <kbd>J</kbd>/<kbd>K</kbd> move · <kbd>A</kbd> accept · <kbd>X</kbd> reject · <kbd>E</kbd> correct · <kbd>N</kbd> next unreviewed ·{" "}
        <kbd>U</kbd> undo · <kbd>S</kbd> export · <kbd>?</kbd> help
      </span>
    </footer>
  );
}

const MemoFigureList = memo(FigureList);
const MemoDetailPane = memo(DetailPane);
const MemoFilterBar = memo(FilterBar);

export function ReviewScreen({ app, reportId, openedAt, figureId }: { app: AppStore; reportId: number; openedAt: number; figureId?: number }) {
  const store = useMemo(() => new ReviewStore(app.api, () => void app.refreshProject()), [app]);
  const [help, setHelp] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [showText, setShowText] = useState(true);
  const [selection, setSelection] = useState<TextSelection | null>(null);
  const searchRef = useRef<HTMLInputElement | null>(null);
  // The key handler reads these through refs so it is registered once and
  // never misses a key pressed right after a state change.
  const helpRef = useRef(help);
  helpRef.current = help;
  const exportingRef = useRef(exporting);
  exportingRef.current = exporting;
  const selectionRef = useRef(selection);
  selectionRef.current = selection;

  // A layout effect, not useEffect: loading starts in the same task as the
  // click instead of after an extra (empty) frame.
  useLayoutEffect(() => {
    let alive = true;
    store.open(reportId).then(() => {
      if (alive && figureId !== undefined && store.figures.value.some((f) => f.id === figureId)) store.select(figureId);
      if (alive) measureToPaint("open-report", openedAt, { figures: store.figures.value.length });
    });
    return () => {
      alive = false;
      store.dispose();
    };
  }, [store, reportId]);

  // One window-level handler: focus may sit anywhere (list, text pane, body).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || exportingRef.current) return;
      const selection = selectionRef.current;
      if (helpRef.current) {
        if (e.key === "Escape" || e.key === "?") {
          e.preventDefault();
          setHelp(false);
        }
        return;
      }
      if (isTypingTarget(e.target)) return;
      // Enter/Space on a focused button belong to the button.
      if ((e.key === "Enter" || e.key === " ") && (e.target as HTMLElement)?.closest?.("button, a, summary")) return;
      const mode = store.mode.value.name;
      if (mode !== "browse") {
        if (e.key === "Escape") store.mode.value = { name: "browse" };
        return;
      }
      if (e.key === "Escape") {
        window.getSelection()?.removeAllRanges();
        setSelection(null);
        return;
      }
      const cmd = commandFor(e);
      if (!cmd) return;
      e.preventDefault();
      if (NAV.has(cmd)) measureToPaint("key-to-paint", e.timeStamp, { key: e.key, command: cmd, figures: store.figures.value.length });
      const page = Math.max(1, Math.floor(((document.querySelector(".flist-body")?.clientHeight ?? 600) - ROW_HEIGHT) / ROW_HEIGHT));
      switch (cmd) {
        case "next": return store.move(1);
        case "prev": return store.move(-1);
        case "first": return store.first();
        case "last": return store.last();
        case "pageDown": return store.move(page);
        case "pageUp": return store.move(-page);
        case "accept": return store.accept();
        case "reject": return store.reject();
        case "edit":
          if (store.current.value) store.mode.value = { name: "edit" };
          return;
        case "comment":
          if (store.current.value) store.mode.value = { name: "comment" };
          return;
        case "undo": return store.undo();
        case "redo": return store.redo();
        case "nextUnreviewed": return store.nextUnreviewed();
        case "nextFlagged": return store.nextFlagged();
        case "addFromSelection":
          if (selection) store.mode.value = { name: "add", start: selection.start, end: selection.end };
          else store.notice.value = { kind: "info", text: "Select the missed figure's text in the report pane first", at: Date.now() };
          return;
        case "search": return searchRef.current?.focus();
        case "toggleText": return setShowText((v) => !v);
        case "back": return app.back();
        case "export": return setExporting(true);
        case "help": return setHelp(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store, app]);

  const openHelp = useMemo(() => () => setHelp(true), []);
  const openExport = useMemo(() => () => setExporting(true), []);

  return (
    <div class="screen review">
      <ReviewHeader store={store} app={app} onHelp={openHelp} onExport={openExport} />
      <MemoFilterBar store={store} searchRef={searchRef} />
      {store.loadError.value ? <div class="banner error">Could not open the report: {store.loadError.value}</div> : null}
      <main class={`panes${showText ? "" : " no-text"}`}>
        <MemoFigureList store={store} />
        <div class="right">
          <MemoDetailPane store={store} app={app} />
          {showText ? (
            <div class="textwrap">
              <div class="textbar">
                <span class="label">Report text</span>
                {selection ? (
                  <span class="selinfo">
                    Selected <q lang="zh-CN">{selection.text.length > 24 ? selection.text.slice(0, 24) + "…" : selection.text}</q>
                    <button type="button" class="primary small" onClick={() => (store.mode.value = { name: "add", ...selection })}>
                      + Add figure <kbd>+</kbd>
                    </button>
                  </span>
                ) : (
                  <span class="muted">select text to add a missed figure · click a mark to jump to it</span>
                )}
              </div>
              <TextPane store={store} onSelect={setSelection} />
            </div>
          ) : null}
        </div>
      </main>
      <StatusBar store={store} />
      {help ? <HelpOverlay onClose={() => setHelp(false)} /> : null}
      {exporting ? <ExportDialog app={app} report={store.report.value} onClose={() => setExporting(false)} /> : null}
    </div>
  );
}
