// "Export the dataset": format, scope, this report or the whole project,
// where to write (the native save dialog), then progress with Cancel, then
// where the file went. Reachable from the reports and review screens (S).
// Every string from the project (paths, names, messages) is rendered as text.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import type { AppStore } from "../../app/appStore";
import { pickSavePath, type ProjectInfo, type ReportRow } from "../../ipc/api";
import { copyText } from "../../lib/clipboard";
import { describeScope, formatCount, formatInfo, FORMATS, percent, plural, resultHeadline, resultNotes, SCOPES, scopeChecked, takesBom } from "./exportModel";
import { ExportStore, type PickPath, type Target } from "./exportStore";

const FOCUSABLE = "button:not(:disabled), input:not(:disabled), select:not(:disabled), [tabindex]:not([tabindex='-1'])";

function reportLabel(r: ReportRow): string {
  const name = [r.jurisdiction, r.reportYear].filter((x) => x !== null && x !== "").join(" ");
  return name || r.fileName;
}

function PathRow({ label, path, id }: { label: string; path: string; id: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => setCopied(await copyText(path, input.current));
  return (
    <div class="ex-path">
      <label for={id}>{label}</label>
      <input id={id} ref={input} readOnly value={path} class="mono" onFocus={(e) => e.currentTarget.select()} />
      <button type="button" class="small copy" onClick={copy} data-autofocus={id === "ex-result-path" ? "" : undefined}>
        {copied ? "Copied ✓" : "Copy path"}
      </button>
      {copied === false ? <span class="ferr">Could not copy: select the path and press Ctrl+C</span> : null}
    </div>
  );
}

function Form({ store, info }: { store: ExportStore; info: ProjectInfo | null }) {
  const format = store.format.value;
  const scope = store.scope.value;
  const target = store.target.value;
  const report = store.report;
  const path = store.path.value;
  return (
    <>
      <fieldset class="ex-group">
        <legend>Format</legend>
        <div class="ex-choices">
          {FORMATS.map((f) => (
            <label class="ex-choice">
              <input type="radio" name="ex-format" value={f.id} checked={format === f.id} onChange={() => store.setFormat(f.id)}
                data-autofocus={format === f.id ? "" : undefined} />
              {f.label}
            </label>
          ))}
        </div>
        <p class="muted ex-hint">{formatInfo(format).hint}</p>
        {takesBom(format) ? (
          <label class="ex-choice">
            <input type="checkbox" checked={store.bom.value} onChange={(e) => (store.bom.value = e.currentTarget.checked)} />
            For Excel: byte order mark (BOM) for Chinese; =formulas in text stay text
          </label>
        ) : null}
      </fieldset>
      <fieldset class="ex-group">
        <legend>Figures</legend>
        <div class="ex-choices">
          {SCOPES.map((s) => (
            <label class="ex-choice">
              <input type="checkbox" name="ex-scope" value={s.id} checked={scopeChecked(scope, s.id)} onChange={(e) => store.setScope(s.id, e.currentTarget.checked)} />
              {s.label}
            </label>
          ))}
        </div>
        <p class="muted ex-hint" id="ex-scope-summary">
          {describeScope(scope)}
          {scope.length > 1 ? " (the checked scopes narrow each other)" : ""}
        </p>
      </fieldset>
      <fieldset class="ex-group">
        <legend>From</legend>
        <div class="ex-choices">
          <label class={`ex-choice${report ? "" : " disabled"}`}>
            <input type="radio" name="ex-target" value="report" checked={target === "report"} disabled={!report} onChange={() => store.setTarget("report")} />
            This report
            {report ? (
              <span class="muted" lang="zh-CN">
                {" "}
                — {reportLabel(report)}, {plural(report.figureCount, "figure")}
              </span>
            ) : (
              <span class="muted"> — none selected</span>
            )}
          </label>
          <label class="ex-choice">
            <input type="radio" name="ex-target" value="project" checked={target === "project"} onChange={() => store.setTarget("project")} />
            Whole project
            {info ? (
              <span class="muted">
                {" "}
                — {plural(info.reportCount, "report")}, {plural(info.figureCount, "figure")}
              </span>
            ) : null}
          </label>
        </div>
      </fieldset>
      <fieldset class="ex-group">
        <legend>File</legend>
        <div class="ex-file">
          {path ? (
            <span class="mono ex-chosen" title={path}>
              {path}
            </span>
          ) : (
            <span class="muted ex-chosen">No file chosen yet; Export asks where to save.</span>
          )}
          <button type="button" class="ex-choose" onClick={() => void store.choosePath()} aria-busy={store.choosing.value}>
            Choose file…
          </button>
        </div>
        {format === "panel_csv" && path ? (
          <p class="muted ex-hint">The codebook is written beside it as {path.replace(/\.[^./\\]*$/, "")}.columns.csv</p>
        ) : null}
      </fieldset>
      {store.error.value ? (
        <div class="ferr" role="alert">
          {store.error.value}
        </div>
      ) : null}
    </>
  );
}

function Running({ store }: { store: ExportStore }) {
  const p = store.progress.value;
  const pct = p ? percent(p.done, p.total) : 0;
  return (
    <div class="ex-running">
      <div role="status" class="ex-status">
        {store.cancelling.value
          ? "Cancelling…"
          : p
            ? `Reading figures: ${formatCount(p.done)} of ${formatCount(p.total)}`
            : "Preparing the export…"}
      </div>
      <span class="pbar ex-bar" role="progressbar" aria-label="Export progress" aria-valuemin={0} aria-valuemax={p?.total ?? 0} aria-valuenow={p?.done ?? 0}>
        <span class="pfill" style={{ width: `${pct}%` }} />
      </span>
      <span class="ex-pct">{pct}%</span>
      <p class="muted ex-hint">The file appears only when it is complete; cancelling leaves nothing behind.</p>
    </div>
  );
}

function Done({ store }: { store: ExportStore }) {
  const r = store.result.value!;
  return (
    <div class="ex-done" role="status">
      <p class="ex-headline">✓ {resultHeadline(r)}</p>
      <PathRow label="Saved to" path={r.path} id="ex-result-path" />
      {r.panel ? <PathRow label="Codebook" path={r.panel.codebookPath} id="ex-codebook-path" /> : null}
      <ul class="ex-facts">
        <li>
          {plural(r.figures, "figure")} written · {plural(r.reports, "report")} · {plural(r.scanned, "figure")} read
        </li>
        {r.truncatedCells > 0 ? <li class="ex-warn">⚠ {formatCount(r.truncatedCells)} truncated cells</li> : null}
        {resultNotes(r).map((note) => (
          <li class="ex-note">{note}</li>
        ))}
      </ul>
    </div>
  );
}

export function ExportDialog({
  app,
  report,
  target = "report",
  onClose,
  pick = pickSavePath,
}: {
  app: AppStore;
  /** The open report (review screen) or the selected one (reports screen). */
  report: ReportRow | null;
  /** What "From" starts on. */
  target?: Target;
  onClose: () => void;
  pick?: PickPath;
}) {
  const store = useMemo(() => new ExportStore(app.api, report, pick, undefined, app.info.value?.path ?? null, target), [app]);
  const ref = useRef<HTMLDivElement>(null);
  const phase = store.phase.value;

  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  // Focus moves into the dialog and back to where it was on close (read
  // while rendering, before the dialog takes the focus).
  const [before] = useState(() => document.activeElement as HTMLElement | null);
  useEffect(() => {
    return () => {
      if (before && before !== document.body && document.contains(before)) before.focus();
    };
  }, []);
  // Each phase focuses its main control (the format, Cancel, Copy path, or
  // Back) in the same frame as it appears, so a key pressed at once reaches it.
  useLayoutEffect(() => {
    const el = ref.current?.querySelector<HTMLElement>("[data-autofocus]") ?? ref.current;
    el?.focus();
  }, [phase]);

  const close = () => {
    if (!store.busy.value) closeRef.current();
  };
  const focusables = () =>
    [...(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].filter((x) => x.offsetParent !== null || x === document.activeElement);
  const onKeyDown = (e: KeyboardEvent) => {
    // The screens' single-letter keys must not act behind the dialog.
    e.stopPropagation();
    if (e.key === "Escape") {
      e.preventDefault();
      if (store.phase.value === "running") void store.cancel();
      else close();
    } else if (e.key === "Tab") {
      const items = focusables();
      if (!items.length) return;
      const first = items[0];
      const last = items[items.length - 1];
      if (e.shiftKey && (document.activeElement === first || document.activeElement === ref.current)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    } else if (e.key === "Enter" && !e.isComposing && store.phase.value === "form") {
      if ((e.target as HTMLElement)?.closest?.("button")) return;
      e.preventDefault();
      void store.start();
    }
  };
  const onKeyDownRef = useRef(onKeyDown);
  onKeyDownRef.current = onKeyDown;

  // The dialog is modal: a key pressed while the focus is outside it (after a
  // control it held disappeared, or a click beside it) is the dialog's too,
  // and Tab brings the focus back in. Capture runs before the screens' handlers.
  useEffect(() => {
    const onWindowKey = (e: KeyboardEvent) => {
      const dialog = ref.current;
      if (!dialog || dialog.contains(e.target as Node)) return;
      e.stopPropagation();
      if (e.key === "Escape") return onKeyDownRef.current(e);
      e.preventDefault();
      if (e.key === "Tab") {
        const items = focusables();
        (e.shiftKey ? items[items.length - 1] : items[0])?.focus();
      } else {
        dialog.focus();
      }
    };
    window.addEventListener("keydown", onWindowKey, true);
    return () => window.removeEventListener("keydown", onWindowKey, true);
  }, []);

  return (
    <div
      class="overlay"
      onMouseDown={(e) => {
        // A click beside the dialog keeps the focus inside it.
        if (e.target === e.currentTarget) e.preventDefault();
      }}
    >
      <div class="dialog export" role="dialog" aria-modal="true" aria-labelledby="ex-title" tabIndex={-1} ref={ref} onKeyDown={onKeyDown} data-phase={phase}>
        <h2 id="ex-title">Export the dataset</h2>
        {phase === "form" ? <Form store={store} info={app.info.value} /> : null}
        {phase === "running" ? <Running store={store} /> : null}
        {phase === "done" ? <Done store={store} /> : null}
        {phase === "cancelled" ? (
          <p class="ex-cancelled" role="status">
            Export cancelled; no file was written.
          </p>
        ) : null}
        {phase === "error" ? (
          <div class="ex-error" role="alert">
            <p class="ex-headline">⚠ The export failed</p>
            <p class="ex-message">{store.error.value}</p>
          </div>
        ) : null}
        <div class="editor-actions ex-actions">
          {phase === "form" ? (
            <>
              <button type="button" onClick={close}>
                Cancel <kbd>Esc</kbd>
              </button>
              <button type="button" class="primary" onClick={() => void store.start()}>
                Export <kbd>Enter</kbd>
              </button>
            </>
          ) : phase === "running" ? (
            <button type="button" class="ex-cancel" onClick={() => void store.cancel()} aria-disabled={store.cancelling.value} data-autofocus="">
              Cancel export <kbd>Esc</kbd>
            </button>
          ) : (
            <>
              <button type="button" onClick={() => store.again()} data-autofocus={phase === "done" ? undefined : ""}>
                {phase === "done" ? "Export another…" : "Back to the options"}
              </button>
              <button type="button" class="primary" onClick={close}>
                Close <kbd>Esc</kbd>
              </button>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
