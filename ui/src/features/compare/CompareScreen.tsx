// Compare across years: the wording diff of two reports, the figure timeline
// and the phrase timeline. Reached from the reports screen (Compare, key `c`).
import { useEffect, useMemo } from "preact/hooks";
import type { AppStore } from "../../app/appStore";
import { isTypingTarget } from "../review/keys";
import { byJurisdiction, fmtNum, parsePhrases, pct, reportLabel } from "./compareModel";
import { compareStoreFor, type CompareStore, type Tab } from "./compareStore";
import { ContextPanel, DiffBody } from "./DiffView";
import { PhraseTables } from "./PhraseView";
import { TimelineTables } from "./TimelineView";

function ReportPicker({ label, value, store, onPick }: { label: string; value: number | null; store: CompareStore; onPick: (id: number) => void }) {
  const groups = byJurisdiction(store.reports.value);
  return (
    <label class="picker">
      <span class="label">{label}</span>
      <select aria-label={label} value={value === null ? "" : String(value)} onChange={(e) => onPick(Number(e.currentTarget.value))} lang="zh-CN">
        {groups.map(([j, list]) => (
          <optgroup label={j}>
            {list.map((r) => (
              <option value={String(r.id)}>{reportLabel(r)}</option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}

function DiffTab({ store, openFigure }: { store: CompareStore; openFigure: (r: number, f: number) => void }) {
  const cmp = store.comparison.value;
  return (
    <>
      <div class="toolbar compare-bar">
        <ReportPicker label="Old" value={store.oldId.value} store={store} onPick={(id) => void store.pick(id, store.newId.value)} />
        <button type="button" class="small" onClick={() => void store.swap()} title="Swap old and new (s)">
          ⇄
        </button>
        <ReportPicker label="New" value={store.newId.value} store={store} onPick={(id) => void store.pick(store.oldId.value, id)} />
        <span class="seg-toggle" role="group" aria-label="View">
          <button type="button" class={store.view.value === "side" ? "on" : ""} aria-pressed={store.view.value === "side"} onClick={() => (store.view.value = "side")}>
            Side by side
          </button>
          <button type="button" class={store.view.value === "inline" ? "on" : ""} aria-pressed={store.view.value === "inline"} onClick={() => (store.view.value = "inline")}>
            Inline
          </button>
        </span>
        <label class="check">
          <input type="checkbox" checked={store.changesOnly.value} onChange={(e) => (store.changesOnly.value = e.currentTarget.checked)} /> Changes only <kbd>C</kbd>
        </label>
        <label class="check" title="Count script (繁/简), full/half-width and whitespace differences as changes">
          <input
            type="checkbox"
            checked={store.exact.value}
            onChange={(e) => {
              store.exact.value = e.currentTarget.checked;
              void store.compare();
            }}
          />{" "}
          Exact text
        </label>
        <span class="spacer" />
        <button type="button" class="small" onClick={() => store.step(-1)} disabled={!store.changeCount}>
          ↑ Prev <kbd>P</kbd>
        </button>
        <button type="button" class="small primary" onClick={() => store.step(1)} disabled={!store.changeCount}>
          Next change <kbd>N</kbd>
        </button>
      </div>
      {cmp ? (
        <div class="summary" role="status">
          <span>
            Similarity <b>{pct(cmp.similarity)}</b>
          </span>
          <span class="muted">vocabulary {pct(cmp.vocabulary)}</span>
          <span>
            <b>{cmp.stats.modified}</b> reworded · <b>{cmp.stats.moved}</b> moved · <b class="del-n">{cmp.stats.deleted}</b> only in old ·{" "}
            <b class="ins-n">{cmp.stats.inserted}</b> only in new · {cmp.stats.equal} unchanged
          </span>
          <span>
            <b>{cmp.valueChanges.filter((v) => v.kind === "quantity").length}</b> numbers changed · <b>{cmp.changedFigures.length}</b> figures in changed text
          </span>
          <span class="muted">
            change {store.changeOrdinal || "–"} of {store.changeCount}
          </span>
          {cmp.elapsedMs ? <span class="muted">{fmtNum(Math.round(cmp.elapsedMs))} ms</span> : null}
          {cmp.fallback ? <span class="flagged" title={cmp.fallback.reason}>coarser diff: {cmp.fallback.reason}</span> : null}
        </div>
      ) : null}
      <div class="diff-main">
        {store.loading.value && !cmp ? <div class="empty">Comparing…</div> : null}
        {cmp ? <DiffBody cmp={cmp} store={store} /> : null}
        {cmp ? <ContextPanel cmp={cmp} store={store} openFigure={openFigure} /> : null}
      </div>
    </>
  );
}

function TimelineTab({ store, app, openFigure }: { store: CompareStore; app: AppStore; openFigure: (r: number, f: number) => void }) {
  const jurisdictions = [...new Set(store.reports.value.map((r) => r.jurisdiction).filter((j): j is string => !!j))].sort((a, b) => a.localeCompare(b, "zh-CN"));
  useEffect(() => {
    if (store.timelines.value === null) void store.loadTimeline();
  }, [store]);
  return (
    <>
      <form
        class="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void store.loadTimeline();
        }}
      >
        <label class="picker">
          <span class="label">Indicator</span>
          <select aria-label="Indicator" value={store.indicator.value} onChange={(e) => { store.indicator.value = e.currentTarget.value; void store.loadTimeline(); }} lang="zh-CN">
            {app.catalog.value.map((c) => (
              <option value={c.name}>{c.name}</option>
            ))}
          </select>
        </label>
        <label class="picker">
          <span class="label">Jurisdiction</span>
          <select aria-label="Jurisdiction" value={store.jurisdiction.value} onChange={(e) => { store.jurisdiction.value = e.currentTarget.value; void store.loadTimeline(); }} lang="zh-CN">
            <option value="">all</option>
            {jurisdictions.map((j) => (
              <option value={j}>{j}</option>
            ))}
          </select>
        </label>
        <span class="muted">
          Each year's target from that year's report, beside the outcome the next report states. Figures as reviewed; rejected ones left out.
        </span>
      </form>
      <main class="tl-wrap">
        {store.timelineLoading.value && !store.timelines.value ? <div class="empty">Loading…</div> : null}
        {store.timelines.value ? <TimelineTables timelines={store.timelines.value} open={openFigure} /> : null}
      </main>
    </>
  );
}

function PhrasesTab({ store }: { store: CompareStore }) {
  const run = () => void store.loadPhrases(parsePhrases(store.phrasesInput.value));
  useEffect(() => {
    if (store.phrases.value === null) run();
  }, [store]);
  return (
    <>
      <form
        class="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <label class="picker grow">
          <span class="label">Phrases</span>
          <input aria-label="Phrases" lang="zh-CN" value={store.phrasesInput.value} onInput={(e) => (store.phrasesInput.value = e.currentTarget.value)} placeholder="新能源 稳中求进 乡村振兴" />
        </label>
        <button type="submit" class="primary">
          Count
        </button>
        <label class="check">
          <input type="checkbox" checked={store.per10k.value} onChange={(e) => (store.per10k.value = e.currentTarget.checked)} /> per 10,000 characters
        </label>
      </form>
      <main class="tl-wrap">
        {store.phrasesLoading.value && !store.phrases.value ? <div class="empty">Counting…</div> : null}
        {store.phrases.value ? <PhraseTables timelines={store.phrases.value} per10k={store.per10k.value} /> : null}
      </main>
    </>
  );
}

const TABS: [Tab, string, string][] = [
  ["diff", "Wording diff", "1"],
  ["timeline", "Figure timeline", "2"],
  ["phrases", "Phrase timeline", "3"],
];

export function CompareScreen({ app, preferred = null }: { app: AppStore; preferred?: number | null }) {
  const store = useMemo(() => compareStoreFor(app, app.api), [app]);
  const openFigure = (reportId: number, figureId: number) => app.openFigure(reportId, figureId);

  useEffect(() => {
    void store.start(preferred);
  }, [store]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTypingTarget(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const diff = store.tab.value === "diff";
      switch (e.key) {
        case "1":
        case "2":
        case "3":
          store.tab.value = TABS[Number(e.key) - 1][0];
          break;
        case "b":
          app.showReports();
          break;
        case "n":
        case "j":
        case "ArrowDown":
          if (!diff) return;
          store.step(1);
          break;
        case "p":
        case "k":
        case "ArrowUp":
          if (!diff) return;
          store.step(-1);
          break;
        case "Enter":
          if (!diff || store.current.value === null || (e.target as HTMLElement)?.closest?.("button, select")) return;
          store.contextOpen.value = true;
          break;
        case "Escape":
          if (!diff) return;
          store.contextOpen.value = false;
          break;
        case "c":
          if (!diff) return;
          store.changesOnly.value = !store.changesOnly.value;
          break;
        case "v":
          if (!diff) return;
          store.view.value = store.view.value === "side" ? "inline" : "side";
          break;
        case "s":
          if (!diff) return;
          void store.swap();
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store]);

  const tab = store.tab.value;
  return (
    <div class="screen compare">
      <header class="topbar">
        <button type="button" class="back" onClick={() => app.showReports()} title="Back to reports (b)">
          ← Reports
        </button>
        <h1>Compare across years</h1>
        <nav class="tabs" role="tablist">
          {TABS.map(([t, label, key]) => (
            <button type="button" role="tab" aria-selected={tab === t} class={tab === t ? "on" : ""} onClick={() => (store.tab.value = t)}>
              {label} <kbd>{key}</kbd>
            </button>
          ))}
        </nav>
      </header>
      {store.error.value ? <div class="banner error">{store.error.value}</div> : null}
      {tab === "diff" ? <DiffTab store={store} openFigure={openFigure} /> : tab === "timeline" ? <TimelineTab store={store} app={app} openFigure={openFigure} /> : <PhrasesTab store={store} />}
      <footer class="statusbar">
        <span class="hints">
          {tab === "diff" ? (
            <>
              <kbd>N</kbd>/<kbd>P</kbd> next/previous change · <kbd>Enter</kbd> both contexts · <kbd>Esc</kbd> close · <kbd>C</kbd> changes only · <kbd>V</kbd> side/inline ·{" "}
              <kbd>S</kbd> swap ·{" "}
            </>
          ) : null}
          <kbd>1</kbd>–<kbd>3</kbd> tabs · <kbd>B</kbd> back
        </span>
      </footer>
    </div>
  );
}
