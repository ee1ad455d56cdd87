// What the reviewer checks a figure against: its source sentence (span
// marked), the paragraph and section around it, the flags, the fields
// (with the extractor's original where corrected) and the decision history.
import { useEffect, useRef, useState } from "preact/hooks";
import type { FigureFields, FigureRow, ReportText } from "../../ipc/api";
import type { AppStore } from "../../app/appStore";
import type { ReviewStore } from "./reviewStore";
import { Editor } from "./Editor";
import { STATUS_LABEL, StatusMark } from "./StatusMark";
import { formatValue, guessFields } from "./validate";

function containing<T extends { start: number; end: number }>(spans: T[], at: number): T | undefined {
  // Spans are in document order: binary search the last one starting at or before `at`.
  let lo = 0;
  let hi = spans.length - 1;
  let found: T | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start <= at) {
      found = spans[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found && at < Math.max(found.end, found.start + 1) ? found : undefined;
}

const PART_LABEL: Record<string, string> = {
  preamble: "Preamble",
  review: "Review of the past year",
  multi_year_review: "Review of the plan period",
  plan: "Plan for the year",
  annex: "Annex",
  other: "Other",
};

function Sentence({ rt, fig }: { rt: ReportText; fig: Pick<FigureRow, "start" | "end" | "sentenceStart" | "sentenceEnd"> }) {
  const t = rt.text;
  return (
    <p class="sentence" lang="zh-CN">
      {t.slice(fig.sentenceStart, fig.start)}
      <mark class="span">{t.slice(fig.start, fig.end)}</mark>
      {t.slice(fig.end, fig.sentenceEnd)}
    </p>
  );
}

function Context({ rt, fig }: { rt: ReportText; fig: FigureRow }) {
  const para = containing(rt.paragraphs, fig.start);
  const section = containing(rt.sections, fig.start);
  const t = rt.text;
  return (
    <div class="context">
      <div class="ctx-section">
        {section ? (
          <>
            <span class="part">{PART_LABEL[section.part] ?? section.part}</span>
            {section.heading ? <span class="heading">{section.heading}</span> : null}
          </>
        ) : (
          "No section"
        )}
      </div>
      {para ? (
        <p class="ctx-para" lang="zh-CN">
          {t.slice(para.start, Math.max(para.start, fig.sentenceStart))}
          <span class="ctx-sent">
            {t.slice(Math.max(para.start, fig.sentenceStart), fig.start)}
            <mark class="span">{t.slice(fig.start, fig.end)}</mark>
            {t.slice(fig.end, Math.min(para.end, fig.sentenceEnd))}
          </span>
          {t.slice(Math.min(para.end, fig.sentenceEnd), para.end)}
        </p>
      ) : null}
    </div>
  );
}

const FIELD_ROWS: [keyof FigureFields, string][] = [
  ["indicator", "Indicator"],
  ["measure", "Measure"],
  ["kind", "Kind"],
  ["period", "Period"],
  ["value", "Value"],
  ["unit", "Unit"],
  ["qualifier", "Qualifier"],
  ["valueLow", "Low"],
  ["valueHigh", "High"],
  ["firmness", "Firmness"],
];

function show(v: unknown): string {
  return v === null || v === undefined || v === "" ? "—" : String(v);
}

function Fields({ fig }: { fig: FigureRow }) {
  return (
    <table class="fields">
      <tbody>
        {FIELD_ROWS.filter(([k]) => (k === "valueLow" || k === "valueHigh" ? fig.fields.qualifier === "range" || fig.original.qualifier === "range" : true)).map(
          ([k, label]) => {
            const changed = fig.fields[k] !== fig.original[k];
            return (
              <tr class={changed ? "changed" : ""}>
                <th>{label}</th>
                <td>{show(fig.fields[k])}</td>
                <td class="orig">{changed ? <span title="as extracted">was {show(fig.original[k])}</span> : null}</td>
              </tr>
            );
          },
        )}
      </tbody>
    </table>
  );
}

function CommentBox({ initial, onSave, onCancel }: { initial: string; onSave: (t: string) => Promise<boolean>; onCancel: () => void }) {
  const [text, setText] = useState(initial);
  const [saving, setSaving] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const save = async () => {
    setSaving(true);
    if (!(await onSave(text))) setSaving(false);
  };
  return (
    <div class="comment-box">
      <label for="comment-input">Comment</label>
      <textarea
        id="comment-input"
        ref={ref}
        rows={3}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey) {
            e.preventDefault();
            void save();
          } else if (e.key === "Escape") {
            e.preventDefault();
            e.stopPropagation();
            onCancel();
          }
        }}
      />
      <div class="editor-actions">
        <button type="button" class="primary" disabled={saving} onClick={save}>
          {saving ? "Saving…" : "Save comment"} <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={onCancel}>
          Cancel <kbd>Esc</kbd>
        </button>
        <span class="hint">Shift+Enter for a new line</span>
      </div>
    </div>
  );
}

function fmtTime(iso: string): string {
  const d = new Date(iso);
  return isNaN(d.getTime()) ? iso : d.toLocaleString("zh-CN", { hour12: false });
}

export function DetailPane({ store, app }: { store: ReviewStore; app: AppStore }) {
  const fig = store.current.value;
  const rt = store.text.value;
  const mode = store.mode.value;
  const pending = fig ? store.pending.value.get(fig.id) : undefined;
  const history = store.history.value;

  if (mode.name === "add" && rt) {
    const span = { start: mode.start, end: mode.end, sentenceStart: mode.start, sentenceEnd: mode.end };
    const sent = rt.sentences.find((s) => s.start <= mode.start && mode.end <= s.end);
    if (sent) Object.assign(span, { sentenceStart: sent.start, sentenceEnd: sent.end });
    return (
      <section class="detail" aria-label="Add a figure">
        <div class="detail-head">
          <span class="badge added">+ new figure</span>
          <span class="dtext">{rt.text.slice(mode.start, mode.end)}</span>
        </div>
        <Sentence rt={rt} fig={span} />
        <Editor
          key={`add-${mode.start}-${mode.end}`}
          title="Add the figure the extractor missed"
          initial={guessFields(rt.text.slice(mode.start, mode.end), app.units.value, store.report.value?.reportYear ?? null)}
          catalog={app.catalog.value}
          units={app.units.value}
          onSave={(f) => store.addFigure(mode.start, mode.end, f)}
          onCancel={() => (store.mode.value = { name: "browse" })}
        />
      </section>
    );
  }

  if (!fig || !rt) {
    return (
      <section class="detail empty" aria-label="Figure">
        {store.loading.value ? "Loading…" : "No figure selected."}
      </section>
    );
  }

  return (
    <section class="detail" aria-label="Figure">
      <div class="detail-head">
        <StatusMark status={fig.status} pending={pending} />
        <span class="status-word" data-status={fig.status}>
          {pending ? `Saving ${pending}…` : STATUS_LABEL[fig.status]}
        </span>
        <span class="dtext" lang="zh-CN">
          {fig.text}
        </span>
        <span class="dval">{formatValue(fig.fields)}</span>
        {fig.addedByReviewer ? <span class="badge added">added by reviewer</span> : null}
        <span class="dord">
          #{fig.ord + 1} of {store.figures.value.length}
        </span>
      </div>
      <Sentence rt={rt} fig={fig} />
      {fig.flags.length ? (
        <ul class="flags">
          {fig.flags.map((f) => (
            <li>
              <span class="flag-code">⚑ {f.code}</span> {f.reason}
            </li>
          ))}
        </ul>
      ) : null}

      {mode.name === "edit" ? (
        <Editor
          key={`edit-${fig.id}`}
          title="Correct the figure"
          initial={fig.fields}
          catalog={app.catalog.value}
          units={app.units.value}
          onSave={(f) => store.correct(f)}
          onCancel={() => (store.mode.value = { name: "browse" })}
        />
      ) : (
        <>
          <div class="actions" role="toolbar" aria-label="Decision">
            <button type="button" onClick={() => store.accept()} disabled={!!pending}>
              ✓ Accept <kbd>A</kbd>
            </button>
            <button type="button" onClick={() => store.reject()} disabled={!!pending}>
              ✕ Reject <kbd>X</kbd>
            </button>
            <button type="button" onClick={() => (store.mode.value = { name: "edit" })}>
              ✎ Correct <kbd>E</kbd>
            </button>
            <button type="button" onClick={() => (store.mode.value = { name: "comment" })}>
              Comment <kbd>C</kbd>
            </button>
          </div>
          <Fields fig={fig} />
        </>
      )}

      {mode.name === "comment" ? (
        <CommentBox key={`c-${fig.id}`} initial={fig.comment ?? ""} onSave={(t) => store.comment(t)} onCancel={() => (store.mode.value = { name: "browse" })} />
      ) : fig.comment ? (
        <div class="comment">
          <span class="label">Comment</span> {fig.comment}
        </div>
      ) : null}

      <Context rt={rt} fig={fig} />

      <div class="history">
        <div class="label">History</div>
        {history?.figureId === fig.id ? (
          history.entries.length ? (
            <ol>
              {history.entries.map((h) => (
                <li class={h.undone ? "undone" : ""}>
                  <time>{fmtTime(h.at)}</time> <span class="who">{h.reviewer}</span> <span class="what">{h.action}</span>{" "}
                  <span class="summary">{h.summary}</span>
                  {h.undone ? <span class="undone-tag"> (undone)</span> : null}
                </li>
              ))}
            </ol>
          ) : (
            <div class="muted">No decision yet.</div>
          )
        ) : (
          <div class="muted">…</div>
        )}
      </div>
    </section>
  );
}
