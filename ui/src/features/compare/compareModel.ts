// Pure helpers of the compare screen: which blocks are changes, how to step
// through them, which two reports to start with, how numbers read.
import type { BlockDto, ComparisonDto, ReportRow, SegmentDto } from "../../ipc/api";

export type Side = "old" | "new";

/** Blocks that are a change (everything but equal), in reading order. */
export function changeIndexes(cmp: ComparisonDto): number[] {
  const out: number[] = [];
  cmp.blocks.forEach((b, i) => {
    if (b.kind !== "equal") out.push(i);
  });
  return out;
}

/**
 * The next (dir 1) or previous (dir -1) change from block `from` (null: from
 * before the start / after the end). Wraps around; null when there is none.
 */
export function stepChange(changes: number[], from: number | null, dir: 1 | -1): number | null {
  if (!changes.length) return null;
  if (from === null) return dir === 1 ? changes[0] : changes[changes.length - 1];
  if (dir === 1) return changes.find((i) => i > from) ?? changes[0];
  for (let k = changes.length - 1; k >= 0; k--) if (changes[k] < from) return changes[k];
  return changes[changes.length - 1];
}

/** The segments that tile one side's paragraph: equal + delete (old), equal + insert (new). */
export function sideSegments(b: BlockDto, side: Side): { seg: SegmentDto; index: number }[] {
  const keep = side === "old" ? "delete" : "insert";
  const out: { seg: SegmentDto; index: number }[] = [];
  b.segments.forEach((seg, index) => {
    if (seg.op === "equal" || seg.op === keep) out.push({ seg, index });
  });
  return out;
}

/** Runs of blocks for the "changes only" view: a change, or a count of equal blocks folded away. */
export type Run = { type: "block"; index: number } | { type: "folded"; from: number; count: number };

export function runs(cmp: ComparisonDto, changesOnly: boolean): Run[] {
  if (!changesOnly) return cmp.blocks.map((_, index) => ({ type: "block", index }));
  const out: Run[] = [];
  cmp.blocks.forEach((b, index) => {
    if (b.kind !== "equal") return void out.push({ type: "block", index });
    const last = out[out.length - 1];
    if (last?.type === "folded") last.count++;
    else out.push({ type: "folded", from: index, count: 1 });
  });
  return out;
}

/** A report as a choice: `上海市 2023 · shanghai_2023.txt`. */
export function reportLabel(r: ReportRow): string {
  return `${r.jurisdiction ?? "?"} ${r.reportYear ?? "?"} · ${r.fileName}`;
}

/** Reports grouped by jurisdiction, each group by year. */
export function byJurisdiction(reports: ReportRow[]): [string, ReportRow[]][] {
  const groups = new Map<string, ReportRow[]>();
  for (const r of reports) {
    const k = r.jurisdiction ?? "?";
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  for (const list of groups.values()) list.sort((a, b) => (a.reportYear ?? 0) - (b.reportYear ?? 0) || a.id - b.id);
  return [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0], "zh-CN"));
}

/**
 * The pair to open with: `preferred` report (the one selected on the reports
 * screen) against the same jurisdiction's previous year; otherwise the latest
 * two consecutive reports of the jurisdiction with the most reports.
 */
export function defaultPair(reports: ReportRow[], preferred: number | null = null): [number, number] | null {
  const groups = byJurisdiction(reports);
  if (preferred !== null) {
    for (const [, list] of groups) {
      const k = list.findIndex((r) => r.id === preferred);
      if (k > 0) return [list[k - 1].id, list[k].id];
      if (k === 0 && list.length > 1) return [list[0].id, list[1].id];
    }
  }
  const best = groups.filter(([, l]) => l.length > 1).sort((a, b) => b[1].length - a[1].length)[0];
  if (best) {
    const l = best[1];
    return [l[l.length - 2].id, l[l.length - 1].id];
  }
  return reports.length > 1 ? [reports[0].id, reports[1].id] : null;
}

// f64 fields arrive as `number | null` (JSON has no NaN); null prints as "?".

/** A number without float noise: 5, -0.3, 303.6. */
export function fmtNum(x: number | null): string {
  if (x === null) return "?";
  const r = Math.round(x * 10000) / 10000;
  return Object.is(r, -0) ? "0" : String(r);
}

export function fmtSigned(x: number | null): string {
  const s = fmtNum(x);
  return x !== null && x > 0 && s !== "0" ? `+${s}` : s;
}

export const pct = (x: number | null) => (x === null ? "?" : `${Math.round(x * 1000) / 10}%`);

/** Phrases typed in one box: split on whitespace, commas and 、; duplicates dropped. */
export function parsePhrases(input: string): string[] {
  return [...new Set(input.split(/[\s,，、;；]+/).map((p) => p.trim()).filter(Boolean))];
}
