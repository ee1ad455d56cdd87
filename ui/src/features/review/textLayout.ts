// Cuts the report text into runs for the text pane: plain text, figure spans
// (possibly overlapping: "均增长8%" is one span for two figures) and garbled
// runs. Pure, so the tricky offset logic is tested without a DOM.
import type { FigureRow, ReportText, TextSpan } from "../../ipc/api";

export interface Run {
  start: number;
  end: number;
  /** Figures covering the whole run, in document order. */
  figureIds: number[];
  garbled: boolean;
}

export interface Para {
  start: number;
  end: number;
  heading: boolean;
  runs: Run[];
}

export function layoutText(rt: ReportText, figures: Pick<FigureRow, "id" | "start" | "end">[]): Para[] {
  const text = rt.text;
  const paras: TextSpan[] = rt.paragraphs.length ? rt.paragraphs : splitLines(text);
  const headingStarts = new Set(rt.sections.filter((s) => s.heading).map((s) => s.start));
  const figs = [...figures].sort((a, b) => a.start - b.start || a.end - b.end);
  const garbled = [...rt.garbled].sort((a, b) => a.start - b.start);
  let fi = 0;
  const out: Para[] = [];
  for (const p of paras) {
    // Figures are sorted by start; skip those that ended before this paragraph.
    while (fi < figs.length && figs[fi].end <= p.start) fi++;
    const inPara: typeof figs = [];
    for (let j = fi; j < figs.length && figs[j].start < p.end; j++) if (figs[j].end > p.start) inPara.push(figs[j]);
    const gInPara = garbled.filter((g) => g.start < p.end && g.end > p.start);
    const cuts = new Set<number>([p.start, p.end]);
    for (const f of inPara) {
      cuts.add(Math.max(f.start, p.start));
      cuts.add(Math.min(f.end, p.end));
    }
    for (const g of gInPara) {
      cuts.add(Math.max(g.start, p.start));
      cuts.add(Math.min(g.end, p.end));
    }
    const points = [...cuts].sort((a, b) => a - b);
    const runs: Run[] = [];
    for (let k = 0; k + 1 < points.length; k++) {
      const s = points[k];
      const e = points[k + 1];
      if (e <= s) continue;
      runs.push({
        start: s,
        end: e,
        figureIds: inPara.filter((f) => f.start <= s && f.end >= e).map((f) => f.id),
        garbled: gInPara.some((g) => g.start <= s && g.end >= e),
      });
    }
    out.push({ start: p.start, end: p.end, heading: headingStarts.has(p.start), runs });
  }
  return out;
}

function splitLines(text: string): TextSpan[] {
  const out: TextSpan[] = [];
  let at = 0;
  for (const line of text.split("\n")) {
    out.push({ start: at, end: at + line.length });
    at += line.length + 1;
  }
  return out;
}

/**
 * Maps a DOM selection point inside the pane back to a text offset. Every run
 * element carries data-o (its start offset), so this is exact for any script.
 */
export function offsetOf(node: Node, offset: number): number | null {
  if (node.nodeType === Node.TEXT_NODE) {
    const el = node.parentElement?.closest<HTMLElement>("[data-o]");
    if (!el) return null;
    return Number(el.dataset.o) + offset;
  }
  const el = node as HTMLElement;
  const child = el.childNodes[offset] as HTMLElement | undefined;
  if (child?.dataset?.o !== undefined) return Number(child.dataset.o);
  const runEl = el.closest?.<HTMLElement>("[data-o]");
  if (runEl) return Number(runEl.dataset.o) + (offset > 0 ? (runEl.textContent?.length ?? 0) : 0);
  return null;
}
