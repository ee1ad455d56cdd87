// The correction editor's form model: strings as typed, checked into FigureFields.
import type { CatalogEntry, FigureFields, Firmness, Kind, Measure, Qualifier } from "../../ipc/api";

export interface FormState {
  indicator: string;
  measure: Measure;
  kind: Kind;
  period: string;
  value: string;
  unit: string;
  qualifier: Qualifier;
  valueLow: string;
  valueHigh: string;
  firmness: Firmness | "";
}

export type FieldName = keyof FormState;

export interface Checked {
  fields: FigureFields | null;
  /** Blocking problems, by field. */
  errors: Partial<Record<FieldName, string>>;
  /** Worth a second look but allowed (an unknown unit). */
  warnings: Partial<Record<FieldName, string>>;
}

export const MEASURES: Measure[] = ["level", "growth", "avg_growth", "rate", "share", "change_pp", "multiple", "qualitative", "other"];
export const KINDS: Kind[] = ["actual", "estimate", "target"];
export const QUALIFIERS: Qualifier[] = ["eq", "approx", "ge", "le", "range"];
export const FIRMNESS: Firmness[] = ["binding", "expected", "aspirational"];

export const QUALIFIER_SIGN: Record<Qualifier, string> = { eq: "=", approx: "≈", ge: "≥", le: "≤", range: "–" };

const num = (v: number | null) => (v === null ? "" : String(v));

export function toForm(f: FigureFields): FormState {
  return {
    indicator: f.indicator ?? "",
    measure: f.measure,
    kind: f.kind,
    period: f.period ?? "",
    value: num(f.value),
    unit: f.unit,
    qualifier: f.qualifier,
    valueLow: num(f.valueLow),
    valueHigh: num(f.valueHigh),
    firmness: f.firmness ?? "",
  };
}

/** Plain decimal numbers only: "1,234" or "1.2万" are exactly the slips the review exists to catch. */
const NUMBER = /^[-−]?(\d+(\.\d*)?|\.\d+)$/;

export function parseNumber(s: string): number | null | "invalid" {
  const t = s.trim();
  if (t === "") return null;
  if (!NUMBER.test(t)) return "invalid";
  return Number(t.replace("−", "-"));
}

/** Maps a typed name or alias onto the canonical catalog name. */
export function canonicalIndicator(input: string, catalog: CatalogEntry[]): string | null {
  const t = input.trim();
  if (!t) return null;
  for (const c of catalog) if (c.name === t) return c.name;
  for (const c of catalog) if (c.aliases.includes(t)) return c.name;
  return null;
}

export function check(form: FormState, catalog: CatalogEntry[], units: string[]): Checked {
  const errors: Checked["errors"] = {};
  const warnings: Checked["warnings"] = {};

  let indicator: string | null = null;
  if (form.indicator.trim()) {
    indicator = canonicalIndicator(form.indicator, catalog);
    if (indicator === null) errors.indicator = "Not a catalog indicator; leave empty for a quantity outside the catalog";
  }

  const qualitative = form.measure === "qualitative";
  let value = parseNumber(form.value);
  let valueLow: number | null = null;
  let valueHigh: number | null = null;
  if (form.qualifier === "range") {
    const lo = parseNumber(form.valueLow);
    const hi = parseNumber(form.valueHigh);
    if (lo === "invalid") errors.valueLow = "Not a number";
    else if (lo === null) errors.valueLow = "A range needs a lower bound";
    if (hi === "invalid") errors.valueHigh = "Not a number";
    else if (hi === null) errors.valueHigh = "A range needs an upper bound";
    if (typeof lo === "number" && typeof hi === "number") {
      if (lo > hi) errors.valueHigh = "Upper bound is below the lower bound";
      else {
        valueLow = lo;
        valueHigh = hi;
        // The schema stores a range's midpoint as its value.
        value = (lo + hi) / 2;
      }
    }
  } else if (value === "invalid") {
    errors.value = "Not a number (digits, one decimal point, optional minus)";
  } else if (value === null && !qualitative) {
    errors.value = "A value is required unless the measure is qualitative";
  }

  const unit = form.unit.trim();
  if (!qualitative && !unit) errors.unit = "A unit is required (use % for percentages)";
  else if (unit && !units.includes(unit)) warnings.unit = `“${unit}” is not a known unit`;

  const period = form.period.trim();
  if (period) {
    const m = /^(\d{4})(?:-(\d{4}))?$/.exec(period);
    if (!m) errors.period = "Use a year (2021) or a span (2016-2020)";
    else if (m[2] && Number(m[2]) <= Number(m[1])) errors.period = "The span must end after it starts";
  }

  if (form.kind !== "target" && form.firmness) errors.firmness = "Firmness applies to targets only";

  if (Object.keys(errors).length) return { fields: null, errors, warnings };
  return {
    fields: {
      indicator,
      measure: form.measure,
      kind: form.kind,
      period: period || null,
      value: value as number | null,
      unit,
      qualifier: form.qualifier,
      valueLow,
      valueHigh,
      firmness: form.kind === "target" && form.firmness ? form.firmness : null,
    },
    errors,
    warnings,
  };
}

/**
 * A first guess at the fields of a span the reviewer selected ("690万亩以上"),
 * so adding a missed figure usually needs only the indicator.
 */
export function guessFields(span: string, units: string[], year: number | null): FigureFields {
  const m = /([-−]?\d+(?:\.\d+)?)\s*(%|％)?/.exec(span);
  const value = m ? Number(m[1].replace("−", "-")) : null;
  let unit = m?.[2] ? "%" : "";
  if (m && !unit) {
    const rest = span.slice(m.index + m[0].length);
    unit = [...units].sort((a, b) => b.length - a.length).find((u) => rest.startsWith(u)) ?? "";
  }
  const fall = /下降|减少|回落/.test(span);
  const qualifier: Qualifier = /左右|约|近/.test(span) ? "approx" : /以上|超过|突破/.test(span) ? "ge" : /以内|以下/.test(span) ? "le" : "eq";
  return {
    indicator: null,
    measure: unit === "%" ? "growth" : "level",
    kind: "actual",
    period: year ? String(year - 1) : null,
    value: value !== null && fall ? -Math.abs(value) : value,
    unit,
    qualifier,
    valueLow: null,
    valueHigh: null,
    firmness: null,
  };
}

export function formatValue(f: FigureFields): string {
  if (f.measure === "qualitative" && f.value === null) return "—";
  if (f.qualifier === "range" && f.valueLow !== null && f.valueHigh !== null) return `${f.valueLow}–${f.valueHigh}${f.unit}`;
  const sign = f.qualifier === "eq" ? "" : QUALIFIER_SIGN[f.qualifier];
  return `${sign}${f.value ?? "?"}${f.unit}`;
}
