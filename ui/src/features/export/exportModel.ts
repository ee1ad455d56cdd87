// The export dialog's plain logic: formats, scopes, file names and what the
// result says. No signals, no IPC, so it is tested directly.
import type { ExportFormat, ExportResult, ExportScope, ReportRow } from "../../ipc/api";

export interface FormatInfo {
  id: ExportFormat;
  label: string;
  ext: string;
  hint: string;
}

export const FORMATS: FormatInfo[] = [
  { id: "csv", label: "CSV", ext: "csv", hint: "One row per figure: corrected values beside the originals, review status and source sentence. UTF-8." },
  { id: "xlsx", label: "Excel (XLSX)", ext: "xlsx", hint: "A workbook with a figures sheet and a reports sheet. Cells longer than 32 767 characters are cut." },
  { id: "jsonl", label: "JSON Lines", ext: "jsonl", hint: "One JSON object per figure, one per line." },
  {
    id: "panel_csv",
    label: "Panel CSV (wide)",
    ext: "csv",
    hint: "One row per jurisdiction × period, one column per indicator. A codebook <file>.columns.csv is written beside it.",
  },
];

export const formatInfo = (f: ExportFormat): FormatInfo => FORMATS.find((x) => x.id === f)!;

/** CSV files may start with a byte order mark (so Excel reads UTF-8 Chinese). */
export const takesBom = (f: ExportFormat): boolean => f === "csv" || f === "panel_csv";

/** The scopes that narrow; none checked means all figures. */
export type Narrowing = Exclude<ExportScope, "all">;

export const SCOPES: { id: ExportScope; label: string }[] = [
  { id: "all", label: "All figures" },
  { id: "reviewed", label: "Reviewed only" },
  { id: "accepted", label: "Accepted + corrected only" },
  { id: "catalog", label: "Catalog indicators only" },
];

const ORDER: Narrowing[] = ["reviewed", "accepted", "catalog"];

/** Checking "All figures" clears the narrowing ones; checking one of those unchecks "All". */
export function toggleScope(scope: readonly Narrowing[], s: ExportScope, on: boolean): Narrowing[] {
  if (s === "all") return on ? [] : [...scope];
  const set = new Set(scope);
  if (on) set.add(s);
  else set.delete(s);
  return ORDER.filter((x) => set.has(x));
}

export const scopeChecked = (scope: readonly Narrowing[], s: ExportScope): boolean =>
  s === "all" ? scope.length === 0 : scope.includes(s);

/** "Accepted or corrected figures of catalog indicators". */
export function describeScope(scope: readonly Narrowing[]): string {
  const accepted = scope.includes("accepted");
  const reviewed = scope.includes("reviewed") && !accepted;
  const catalog = scope.includes("catalog");
  const head = accepted ? "Accepted or corrected figures" : reviewed ? "Reviewed figures" : catalog ? "Figures" : "All figures";
  return catalog ? `${head} of catalog indicators` : head;
}

const pad = (n: number) => String(n).padStart(2, "0");
export const isoDate = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** Characters no file system likes, and whitespace, become "-". */
const safe = (s: string) =>
  s
    .replace(/[\\/:*?"<>|\s\u0000-\u001f]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^[-.]+|-+$/g, "");

/**
 * `gwr-figures-2026-11-27.csv` for the project, `gwr-figures-乌兰察布市-2021-2026-11-27.csv`
 * for one report; `gwr-panel-…` for the panel; the extension matches the format.
 */
export function defaultFileName(format: ExportFormat, report: Pick<ReportRow, "id" | "jurisdiction" | "reportYear"> | null, now: Date): string {
  const kind = format === "panel_csv" ? "panel" : "figures";
  let which = "";
  if (report) {
    which = safe([report.jurisdiction ?? "", report.reportYear ?? ""].filter((x) => x !== "").join("-")) || `report-${report.id}`;
    which += "-";
  }
  return `gwr-${kind}-${which}${isoDate(now)}.${formatInfo(format).ext}`;
}

const KNOWN_EXT = /\.(csv|jsonl|xlsx)$/i;

/** A chosen path follows a change of format: `x.csv` → `x.xlsx`; other names are left alone. */
export function withFormatExtension(path: string, format: ExportFormat): string {
  return KNOWN_EXT.test(path) ? path.replace(KNOWN_EXT, `.${formatInfo(format).ext}`) : path;
}

/** The folder of a path (either separator), or null for a bare name. */
export function folderOf(path: string): string | null {
  const i = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return i > 0 ? path.slice(0, i) : i === 0 ? path.slice(0, 1) : null;
}

export function joinPath(folder: string | null, name: string): string {
  if (!folder) return name;
  const sep = folder.includes("\\") && !folder.includes("/") ? "\\" : "/";
  return folder.endsWith(sep) ? folder + name : folder + sep + name;
}

const n = (x: number) => x.toLocaleString("en-US");
export const plural = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`;

/** The headline of a finished export. */
export function resultHeadline(r: ExportResult): string {
  if (r.panel) {
    return `Exported a panel of ${plural(r.panel.rows, "row")} × ${plural(r.panel.columns, "indicator column")} from ${plural(r.figures, "figure")} of ${plural(r.reports, "report")}`;
  }
  return `Exported ${plural(r.figures, "figure")} from ${plural(r.reports, "report")}`;
}

/** Things worth a second look: cut cells, figures the panel left out, disagreeing cells. */
export function resultNotes(r: ExportResult): string[] {
  const notes: string[] = [];
  if (r.figures === 0) notes.push("No figure matched the chosen scope; the file has only its header.");
  if (r.truncatedCells > 0)
    notes.push(`${plural(r.truncatedCells, "cell was", "cells were")} cut to Excel's 32 767 characters; the CSV and JSONL exports keep them whole.`);
  if (r.panel?.disagreements)
    notes.push(
      `${plural(r.panel.disagreements, "cell had", "cells had")} figures that disagree: the reviewed figure of the latest report was kept (see the codebook's disagreements column).`,
    );
  if (r.panel?.skipped)
    notes.push(`${plural(r.panel.skipped, "figure was", "figures were")} left out: rejected, disputed, or of a report without a jurisdiction.`);
  return notes;
}

export const percent = (done: number, total: number): number => (total > 0 ? Math.min(100, Math.floor((100 * done) / total)) : 0);
export { n as formatCount };
