// Inline correction editor (also used to add a missed figure). Enter saves,
// Escape cancels; problems are shown next to the field they concern.
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { CatalogEntry, FigureFields } from "../../ipc/api";
import { Autocomplete, type Suggestion } from "./Autocomplete";
import { check, FIRMNESS, KINDS, MEASURES, QUALIFIERS, toForm, type FieldName, type FormState } from "./validate";

interface Props {
  title: string;
  initial: FigureFields;
  catalog: CatalogEntry[];
  units: string[];
  /** Resolves true once the backend has committed; the editor stays open otherwise. */
  onSave: (fields: FigureFields) => Promise<boolean>;
  onCancel: () => void;
}

const ORDER: FieldName[] = ["value", "valueLow", "valueHigh", "unit", "indicator", "measure", "kind", "period", "qualifier", "firmness"];

export function Editor({ title, initial, catalog, units, onSave, onCancel }: Props) {
  const [form, setForm] = useState<FormState>(() => toForm(initial));
  const [showErrors, setShowErrors] = useState(false);
  const [saving, setSaving] = useState(false);
  const inputs = useRef(new Map<FieldName, HTMLElement | null>());
  const result = useMemo(() => check(form, catalog, units), [form, catalog, units]);

  useEffect(() => {
    const v = inputs.current.get("value") as HTMLInputElement | undefined;
    v?.focus();
    v?.select();
  }, []);

  const set = <K extends FieldName>(k: K, v: FormState[K]) => setForm((f) => ({ ...f, [k]: v }));
  const reg = (k: FieldName) => (el: HTMLElement | null) => {
    inputs.current.set(k, el);
  };

  const save = async () => {
    setShowErrors(true);
    if (!result.fields) {
      const firstBad = ORDER.find((k) => result.errors[k]);
      if (firstBad) inputs.current.get(firstBad)?.focus();
      return;
    }
    setSaving(true);
    const ok = await onSave(result.fields);
    if (!ok) setSaving(false);
  };

  const suggestIndicator = useCallback(
    (q: string): Suggestion[] => {
      const t = q.trim();
      if (!t) return catalog.map((c) => ({ value: c.name }));
      const out: Suggestion[] = [];
      for (const c of catalog) {
        if (c.name.includes(t)) out.push({ value: c.name });
        else {
          const alias = c.aliases.find((a) => a.toLowerCase().includes(t.toLowerCase()));
          if (alias) out.push({ value: c.name, note: `alias ${alias}` });
        }
      }
      return out;
    },
    [catalog],
  );
  const suggestUnit = useCallback(
    (q: string): Suggestion[] => units.filter((u) => u.includes(q.trim())).map((u) => ({ value: u })),
    [units],
  );

  const msg = (k: FieldName) => {
    const err = showErrors || k === "value" || k === "valueLow" || k === "valueHigh" || k === "period" ? result.errors[k] : undefined;
    if (err)
      return (
        <div class="ferr" id={`ed-${k}-msg`} role="alert">
          {err}
        </div>
      );
    const warn = result.warnings[k];
    if (warn)
      return (
        <div class="fwarn" id={`ed-${k}-msg`}>
          ⚠ {warn}
        </div>
      );
    return null;
  };
  const bad = (k: FieldName) => Boolean(result.errors[k] && (showErrors || form[k] !== ""));

  return (
    <form
      class="editor"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        } else if (e.key === "Enter" && (e.target as HTMLElement).tagName === "SELECT") {
          e.preventDefault();
          void save();
        }
      }}
    >
      <div class="editor-title">{title}</div>
      <div class="egrid">
        {form.qualifier === "range" ? (
          <>
            <label for="ed-valueLow">From</label>
            <div>
              <input id="ed-valueLow" ref={reg("valueLow")} inputMode="decimal" value={form.valueLow} aria-invalid={bad("valueLow")}
                onInput={(e) => set("valueLow", e.currentTarget.value)} />
              {msg("valueLow")}
            </div>
            <label for="ed-valueHigh">To</label>
            <div>
              <input id="ed-valueHigh" ref={reg("valueHigh")} inputMode="decimal" value={form.valueHigh} aria-invalid={bad("valueHigh")}
                onInput={(e) => set("valueHigh", e.currentTarget.value)} />
              {msg("valueHigh")}
            </div>
          </>
        ) : (
          <>
            <label for="ed-value">Value</label>
            <div>
              <input id="ed-value" ref={reg("value")} inputMode="decimal" value={form.value} aria-invalid={bad("value")}
                aria-describedby="ed-value-msg" onInput={(e) => set("value", e.currentTarget.value)} />
              {msg("value")}
            </div>
          </>
        )}
        <label for="ed-unit">Unit</label>
        <div>
          <Autocomplete id="ed-unit" value={form.unit} onInput={(v) => set("unit", v)} suggest={suggestUnit} invalid={bad("unit")}
            inputRef={reg("unit")} onEnter={save} />
          {msg("unit")}
        </div>
        <label for="ed-indicator">Indicator</label>
        <div class="span3">
          <Autocomplete id="ed-indicator" value={form.indicator} onInput={(v) => set("indicator", v)} suggest={suggestIndicator}
            invalid={bad("indicator")} placeholder="empty = outside the catalog" inputRef={reg("indicator")} onEnter={save} />
          {msg("indicator")}
        </div>
        <label for="ed-measure">Measure</label>
        <div>
          <select id="ed-measure" ref={reg("measure")} value={form.measure} onChange={(e) => set("measure", e.currentTarget.value as FormState["measure"])}>
            {MEASURES.map((m) => <option value={m}>{m}</option>)}
          </select>
        </div>
        <label for="ed-kind">Kind</label>
        <div>
          <select id="ed-kind" ref={reg("kind")} value={form.kind} onChange={(e) => set("kind", e.currentTarget.value as FormState["kind"])}>
            {KINDS.map((m) => <option value={m}>{m}</option>)}
          </select>
        </div>
        <label for="ed-period">Period</label>
        <div>
          <input id="ed-period" ref={reg("period")} value={form.period} placeholder="2021 or 2016-2020" aria-invalid={bad("period")}
            onInput={(e) => set("period", e.currentTarget.value)} />
          {msg("period")}
        </div>
        <label for="ed-qualifier">Qualifier</label>
        <div>
          <select id="ed-qualifier" ref={reg("qualifier")} value={form.qualifier} onChange={(e) => set("qualifier", e.currentTarget.value as FormState["qualifier"])}>
            {QUALIFIERS.map((m) => <option value={m}>{m}</option>)}
          </select>
        </div>
        {form.kind === "target" ? (
          <>
            <label for="ed-firmness">Firmness</label>
            <div>
              <select id="ed-firmness" ref={reg("firmness")} value={form.firmness} onChange={(e) => set("firmness", e.currentTarget.value as FormState["firmness"])}>
                <option value="">—</option>
                {FIRMNESS.map((m) => <option value={m}>{m}</option>)}
              </select>
              {msg("firmness")}
            </div>
          </>
        ) : null}
      </div>
      <div class="editor-actions">
        <button type="submit" class="primary" disabled={saving}>
          {saving ? "Saving…" : "Save"} <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={onCancel} disabled={saving}>
          Cancel <kbd>Esc</kbd>
        </button>
        {!result.fields && showErrors ? <span class="ferr">Fix the marked fields first.</span> : null}
      </div>
    </form>
  );
}
