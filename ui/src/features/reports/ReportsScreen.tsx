import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { AppStore } from "../../app/appStore";
import { Progress } from "../../app/Progress";
import { inDesktopShell, onFileDrop, pickReportFiles, type ImportResult, type ReportRow } from "../../ipc/api";
import { ExportDialog } from "../export/ExportDialog";
import { isTypingTarget } from "../review/keys";
import { checkMeta, LEVEL_LABEL, LEVELS, metaForm, ReportsStore, type MetaForm } from "./reportsStore";

const RESULT_GLYPH: Record<ImportResult["status"], string> = { imported: "✓", duplicate: "=", failed: "✕" };

function MetaEditor({ row, store }: { row: ReportRow; store: ReportsStore }) {
  const [form, setForm] = useState<MetaForm>(() => metaForm(row));
  const [errors, setErrors] = useState<Partial<Record<keyof MetaForm, string>>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const set = (k: keyof MetaForm, v: string) => setForm((f) => ({ ...f, [k]: v }));
  const save = async () => {
    const { patch, errors } = checkMeta(form);
    setErrors(errors);
    if (!patch) return;
    setServerError(await store.saveMeta(row.id, patch));
  };
  const keys = (e: KeyboardEvent) => {
    if (e.key === "Enter") {
      e.preventDefault();
      void save();
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      store.editingId.value = null;
    }
  };
  const err = (k: keyof MetaForm) => (errors[k] ? <div class="ferr">{errors[k]}</div> : null);
  return (
    <tr class="editing" onKeyDown={keys}>
      <td class="c-id">{row.id}</td>
      <td>
        <input ref={first} aria-label="Jurisdiction" value={form.jurisdiction} onInput={(e) => set("jurisdiction", e.currentTarget.value)} />
      </td>
      <td>
        <select aria-label="Level" value={form.level} onChange={(e) => set("level", e.currentTarget.value)}>
          <option value="">—</option>
          {LEVELS.map((l) => (
            <option value={l}>{LEVEL_LABEL[l]}</option>
          ))}
        </select>
      </td>
      <td>
        <input aria-label="Year" class="narrow" inputMode="numeric" value={form.reportYear} aria-invalid={!!errors.reportYear}
          onInput={(e) => set("reportYear", e.currentTarget.value)} />
        {err("reportYear")}
      </td>
      <td>
        <input aria-label="Meeting date" class="date" placeholder="YYYY-MM-DD" value={form.meetingDate} aria-invalid={!!errors.meetingDate}
          onInput={(e) => set("meetingDate", e.currentTarget.value)} />
        {err("meetingDate")}
      </td>
      <td>
        <input aria-label="Speaker title" class="narrow" placeholder="市长" value={form.speakerTitle} onInput={(e) => set("speakerTitle", e.currentTarget.value)} />
        <input aria-label="Speaker" class="narrow" value={form.speaker} onInput={(e) => set("speaker", e.currentTarget.value)} />
      </td>
      <td colSpan={4} class="edit-actions">
        <button type="button" class="primary small" onClick={save}>
          Save <kbd>Enter</kbd>
        </button>
        <button type="button" class="small" onClick={() => (store.editingId.value = null)}>
          Cancel <kbd>Esc</kbd>
        </button>
        {serverError ? <div class="ferr">{serverError}</div> : null}
      </td>
    </tr>
  );
}

function Row({ r, selected, store, open }: { r: ReportRow; selected: boolean; store: ReportsStore; open: (id: number, t: number) => void }) {
  const pct = r.figureCount ? Math.floor((100 * r.reviewedCount) / r.figureCount) : 0;
  return (
    <tr
      class={selected ? "selected" : ""}
      aria-selected={selected}
      data-id={r.id}
      onClick={() => (store.selectedId.value = r.id)}
      onDblClick={(e) => open(r.id, e.timeStamp)}
    >
      <td class="c-id">{r.id}</td>
      <td lang="zh-CN" class="c-jur">
        <span class="jur">{r.jurisdiction ?? <span class="unknown">unknown</span>}</span>
        <span class="file" title={r.title ?? ""}>
          {r.fileName}
        </span>
      </td>
      <td>{r.level ? LEVEL_LABEL[r.level] : <span class="unknown">—</span>}</td>
      <td class="num">{r.reportYear ?? <span class="unknown">—</span>}</td>
      <td class="num">{r.meetingDate ?? <span class="unknown">—</span>}</td>
      <td lang="zh-CN">{r.speaker ? `${r.speakerTitle ?? ""} ${r.speaker}` : <span class="unknown">—</span>}</td>
      <td class="num">
        {r.figureCount}
        <span class="sub" title="catalog indicators">{r.catalogCount} cat.</span>
      </td>
      <td class="c-prog">
        <span class="pbar" role="progressbar" aria-label="reviewed" aria-valuemin={0} aria-valuemax={r.figureCount} aria-valuenow={r.reviewedCount}>
          <span class="pfill" style={{ width: `${pct}%` }} />
        </span>
        <span class="num">{pct}%</span>
      </td>
      <td class="num">{r.flaggedCount ? <span class="flagged">⚑ {r.flaggedCount}</span> : <span class="unknown">0</span>}</td>
      <td class="c-act">
        <button type="button" class="small" onClick={(e) => { e.stopPropagation(); store.selectedId.value = r.id; store.editingId.value = r.id; }} title="Edit metadata (e)">
          Edit
        </button>
        <button type="button" class="small primary" onClick={(e) => { e.stopPropagation(); open(r.id, e.timeStamp); }}>
          Review →
        </button>
      </td>
    </tr>
  );
}

export function ReportsScreen({ app, onReady }: { app: AppStore; onReady?: () => void }) {
  const store = useMemo(() => new ReportsStore(app.api), [app]);
  const [dragging, setDragging] = useState(false);
  const [exporting, setExporting] = useState(false);
  const exportingRef = useRef(exporting);
  exportingRef.current = exporting;
  const reports = store.reports.value;
  const info = app.info.value;
  const importing = store.importing.value;
  const results = store.importResults.value;
  const open = (id: number, t: number) => app.openReport(id, t);

  const doImport = async () => {
    try {
      const paths = await pickReportFiles();
      await store.importPaths(paths, () => void app.refreshProject());
    } catch (e) {
      store.error.value = `Could not open the file dialog: ${(e as Error).message}`;
    }
  };

  useEffect(() => {
    store.load().then(() => onReady?.());
    void app.refreshProject();
  }, [store]);

  useEffect(() => {
    let unlisten: (() => void) | null = null;
    let gone = false;
    onFileDrop((s) => {
      if (s.type === "over") setDragging(true);
      else if (s.type === "leave") setDragging(false);
      else {
        setDragging(false);
        void store.importPaths(s.paths, () => void app.refreshProject());
      }
    }).then((u) => (gone ? u() : (unlisten = u)));
    return () => {
      gone = true;
      unlisten?.();
    };
  }, [store]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTypingTarget(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (store.editingId.value !== null || exportingRef.current) return;
      if ((e.key === "Enter" || e.key === " ") && (e.target as HTMLElement)?.closest?.("button")) return;
      const sel = store.selectedId.value;
      switch (e.key) {
        case "j":
        case "ArrowDown":
          store.move(1);
          break;
        case "k":
        case "ArrowUp":
          store.move(-1);
          break;
        case "Enter":
        case "o":
          if (sel !== null) open(sel, e.timeStamp);
          break;
        case "e":
          if (sel !== null) store.editingId.value = sel;
          break;
        case "i":
          void doImport();
          break;
        case "c":
          app.openCompare(sel);
          break;
        case "s":
          if (store.reports.value.length) setExporting(true);
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store]);

  const totals = reports.reduce((a, r) => ({ figs: a.figs + r.figureCount, flagged: a.flagged + r.flaggedCount }), { figs: 0, flagged: 0 });

  return (
    <div class="screen reports">
      <header class="topbar">
        <span class="brand">GWR Review</span>
        <span class="project" title={info?.path}>
          {info?.path ?? "…"}
        </span>
        {info ? <Progress label="Project" done={info.reviewedCount} total={info.figureCount} id="progress-project" /> : null}
        <span class="reviewer" title="Reviewer">
          Reviewer <b>{info?.reviewer ?? "—"}</b>
        </span>
      </header>
      <div class="toolbar">
        <button type="button" class="primary" onClick={doImport} disabled={!!importing}>
          Import reports… <kbd>I</kbd>
        </button>
        <button type="button" class="compare-btn" onClick={() => app.openCompare(store.selectedId.value)} disabled={reports.length < 2} title="Compare two reports across years: wording, figure and phrase timelines">
          Compare across years <kbd>C</kbd>
        </button>
        <button type="button" class="export-btn" onClick={() => setExporting(true)} disabled={reports.length === 0} title="Export the figures as CSV, XLSX, JSONL or a panel CSV">
          Export dataset… <kbd>S</kbd>
        </button>
        <span class="muted">{inDesktopShell() ? "or drop .txt / .html / .docx files onto the window" : "Browser preview with the mock backend"}</span>
        <span class="spacer" />
        <span class="muted">
          {reports.length} reports · {totals.figs} figures · {totals.flagged} flagged
        </span>
      </div>
      {importing ? (
        <div class="import-progress" role="status">
          <span>
            Importing {Math.min(importing.done + 1, importing.total)} of {importing.total}
            {importing.current ? <> — <span lang="zh-CN">{importing.current}</span></> : null}
          </span>
          <span class="pbar">
            <span class="pfill" style={{ width: `${importing.total ? (100 * importing.done) / importing.total : 0}%` }} />
          </span>
        </div>
      ) : null}
      <StartupNotices store={store} />
      {results ? (
        <div class="import-results" role="status">
          <div class="ir-head">
            Import finished: {results.filter((r) => r.status === "imported").length} imported,{" "}
            {results.filter((r) => r.status === "duplicate").length} duplicate, {results.filter((r) => r.status === "failed").length} failed
            <button type="button" class="link" onClick={() => (store.importResults.value = null)}>
              Dismiss
            </button>
          </div>
          <ul>
            {results.map((r) => (
              <li class={`ir-${r.status}`}>
                <span class="ir-glyph">{RESULT_GLYPH[r.status]}</span>
                <span class="ir-status">{r.status}</span>
                <span class="ir-path" lang="zh-CN" title={r.path}>
                  {r.path.split(/[\\/]/).pop()}
                </span>
                <span class="ir-msg">{r.message}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {store.error.value ? <div class="banner error">{store.error.value}</div> : null}
      <main class="table-wrap">
        {store.loaded.value && reports.length === 0 ? (
          <div class="empty big">
            No reports in this project yet. Import 政府工作报告 files (.txt, .html, .docx) to start.
          </div>
        ) : (
          <table class="reports-table">
            <thead>
              <tr>
                <th class="c-id">#</th>
                <th>Jurisdiction / file</th>
                <th>Level</th>
                <th class="num">Year</th>
                <th class="num">Meeting</th>
                <th>Speaker</th>
                <th class="num">Figures</th>
                <th>Reviewed</th>
                <th class="num">Flagged</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {reports.map((r) =>
                store.editingId.value === r.id ? (
                  <MetaEditor key={`e${r.id}`} row={r} store={store} />
                ) : (
                  <Row key={r.id} r={r} selected={store.selectedId.value === r.id} store={store} open={open} />
                ),
              )}
            </tbody>
          </table>
        )}
      </main>
      <footer class="statusbar">
        <span class="hints">
          <kbd>J</kbd>/<kbd>K</kbd> select · <kbd>Enter</kbd> review · <kbd>E</kbd> edit metadata · <kbd>I</kbd> import · <kbd>C</kbd> compare · <kbd>S</kbd> export
        </span>
      </footer>
      {dragging ? <div class="drop-overlay">Drop to import</div> : null}
      {exporting ? (
        <ExportDialog app={app} report={reports.find((r) => r.id === store.selectedId.value) ?? null} target="project" onClose={() => setExporting(false)} />
      ) : null}
    </div>
  );
}

/** Reports re-read by this version of the extractor, and files that failed,
 * while the project opened: what a reviewer may need to look at again. */
function StartupNotices({ store }: { store: ReportsStore }) {
  const notices = store.notices.value;
  if (!notices) return null;
  const reread = notices.filter((n) => n.kind === "reextracted").length;
  const failed = notices.length - reread;
  return (
    <div class="import-results startup-notices" role="status">
      <div class="ir-head">
        When the project opened: {reread} {reread === 1 ? "report was" : "reports were"} re-read by this version of the
        extractor, decisions kept{failed ? `; ${failed} failed` : ""}
        <button type="button" class="link" onClick={() => (store.notices.value = null)}>
          Dismiss
        </button>
      </div>
      <ul>
        {notices.map((n) => (
          <li class={n.kind === "failed" ? "ir-failed" : "ir-imported"}>
            <span class="ir-glyph">{n.kind === "failed" ? "✕" : "↻"}</span>
            <span class="sn-text" lang="zh-CN">
              {n.summary}
              {n.details.map((d) => (
                <span class="sn-detail">{d}</span>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
