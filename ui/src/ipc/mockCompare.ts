// The mock backend's stand-ins for the compare commands, for report pairs the
// fixtures hold no engine comparison of: a paragraph diff (longest common
// subsequence of identical paragraphs; the paragraphs between two matches are
// paired in order, their common start and end kept, the middle replaced).
// Coarser than the engine's phrase diff, but the same shape, so every view
// works in the browser. Phrase counts are exact (substring counts).
import type {
  BlockDto,
  ChangedFigureDto,
  ComparisonDto,
  ExcerptDto,
  FigureRow,
  PhraseTimelineDto,
  ReportRow,
  ReportText,
  SegmentDto,
} from "./api";

type Para = { start: number; end: number; text: string };

function paras(t: ReportText): Para[] {
  return t.paragraphs.map((p) => ({ start: p.start, end: p.end, text: t.text.slice(p.start, p.end) })).filter((p) => p.text.trim());
}

const ex = (p: Para, s = p.start, e = p.end): ExcerptDto => ({ start: s, end: e, text: p.text.slice(s - p.start, e - p.start) });

/** Index pairs of the longest common subsequence of identical paragraphs. */
function lcs(a: string[], b: string[]): [number, number][] {
  const n = a.length,
    m = b.length;
  const dp = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const out: [number, number][] = [];
  let i = 0,
    j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) out.push([i++, j++]);
    else if (dp[i + 1][j] >= dp[i][j + 1]) i++;
    else j++;
  }
  return out;
}

function modified(a: Para, b: Para): BlockDto {
  let pre = 0;
  while (pre < a.text.length && pre < b.text.length && a.text[pre] === b.text[pre]) pre++;
  let suf = 0;
  while (suf < a.text.length - pre && suf < b.text.length - pre && a.text[a.text.length - 1 - suf] === b.text[b.text.length - 1 - suf]) suf++;
  const segs: SegmentDto[] = [];
  const seg = (op: SegmentDto["op"], o: ExcerptDto | null, n: ExcerptDto | null): SegmentDto => ({ op, old: o, new: n, valueChange: null, figureIds: [] });
  if (pre) segs.push(seg("equal", ex(a, a.start, a.start + pre), ex(b, b.start, b.start + pre)));
  if (a.text.length - pre - suf > 0) segs.push(seg("delete", ex(a, a.start + pre, a.end - suf), null));
  if (b.text.length - pre - suf > 0) segs.push(seg("insert", null, ex(b, b.start + pre, b.end - suf)));
  if (suf) segs.push(seg("equal", ex(a, a.end - suf, a.end), ex(b, b.end - suf, b.end)));
  const equal = pre + suf;
  return {
    kind: "modified", oldParagraph: null, newParagraph: null, old: ex(a), new: ex(b), section: null,
    similarity: (2 * equal) / (a.text.length + b.text.length), granularity: "paragraph", segments: segs,
  };
}

export function mockComparison(ro: ReportRow, a: ReportText, fa: FigureRow[], rn: ReportRow, b: ReportText, fb: FigureRow[]): ComparisonDto {
  const [pa, pb] = [paras(a), paras(b)];
  const matches = lcs(pa.map((p) => p.text.trim()), pb.map((p) => p.text.trim()));
  const blocks: BlockDto[] = [];
  const gap = (i0: number, i1: number, j0: number, j1: number) => {
    const k = Math.min(i1 - i0, j1 - j0);
    for (let d = 0; d < k; d++) blocks.push({ ...modified(pa[i0 + d], pb[j0 + d]), oldParagraph: i0 + d, newParagraph: j0 + d });
    for (let i = i0 + k; i < i1; i++) blocks.push({ kind: "deleted", oldParagraph: i, newParagraph: null, old: ex(pa[i]), new: null, section: null, similarity: 0, granularity: "phrase", segments: [] });
    for (let j = j0 + k; j < j1; j++) blocks.push({ kind: "inserted", oldParagraph: null, newParagraph: j, old: null, new: ex(pb[j]), section: null, similarity: 0, granularity: "phrase", segments: [] });
  };
  let [i, j] = [0, 0];
  for (const [mi, mj] of matches) {
    gap(i, mi, j, mj);
    blocks.push({
      kind: "equal", oldParagraph: mi, newParagraph: mj, old: ex(pa[mi]), new: ex(pb[mj]), section: null, similarity: 1, granularity: "phrase",
      segments: [{ op: "equal", old: ex(pa[mi]), new: ex(pb[mj]), valueChange: null, figureIds: [] }],
    });
    [i, j] = [mi + 1, mj + 1];
  }
  gap(i, pa.length, j, pb.length);

  const changedFigures: ChangedFigureDto[] = [];
  blocks.forEach((bl, bi) => {
    const spans: [number, number, number, "old" | "new"][] = [];
    if (bl.kind === "deleted" && bl.old) spans.push([bl.old.start, bl.old.end, -1, "old"]);
    if (bl.kind === "inserted" && bl.new) spans.push([bl.new.start, bl.new.end, -1, "new"]);
    bl.segments.forEach((s, si) => {
      if (s.op === "delete" && s.old) spans.push([s.old.start, s.old.end, si, "old"]);
      if (s.op === "insert" && s.new) spans.push([s.new.start, s.new.end, si, "new"]);
    });
    for (const [s, e, si, side] of spans) {
      const report = side === "old" ? ro : rn;
      for (const f of side === "old" ? fa : fb) {
        if (f.start < e && s < f.end) {
          changedFigures.push({ side, figureId: f.id, reportId: report.id, block: bi, segment: Math.max(si, 0), text: f.text, indicator: f.fields.indicator });
          if (si >= 0) bl.segments[si].figureIds.push(f.id);
        }
      }
    }
  });

  const len = (p: Para[]) => p.reduce((n, x) => n + x.text.length, 0);
  const equalChars = blocks.reduce((n, bl) => n + bl.segments.filter((s) => s.op === "equal").reduce((m, s) => m + (s.old?.text.length ?? 0), 0), 0);
  const count = (k: BlockDto["kind"]) => blocks.filter((x) => x.kind === k).length;
  const info = (r: ReportRow, t: ReportText, p: Para[]) => ({
    reportId: r.id, fileName: r.fileName, title: r.title, jurisdiction: r.jurisdiction, reportYear: r.reportYear, chars: t.text.length, paragraphs: p.length,
  });
  return {
    old: info(ro, a, pa),
    new: info(rn, b, pb),
    similarity: (2 * equalChars) / Math.max(1, len(pa) + len(pb)),
    vocabulary: 0,
    stats: {
      equal: count("equal"), modified: count("modified"), moved: 0, deleted: count("deleted"), inserted: count("inserted"),
      deletedChars: 0, insertedChars: 0, valueChanges: 0,
    },
    sections: [],
    blocks,
    valueChanges: [],
    changedFigures,
    fallback: { granularity: "paragraph", blocks: count("modified"), reason: "browser preview: the mock backend diffs whole paragraphs" },
    elapsedMs: 0,
  };
}

/** Occurrences (non-overlapping, like the store's count) per report, grouped by jurisdiction and year. */
export function mockPhraseTimeline(phrase: string, reports: ReportRow[], texts: Map<number, ReportText>): PhraseTimelineDto {
  const groups = new Map<string, { reportId: number; year: number | null; count: number; per10k: number }[]>();
  for (const r of reports) {
    const text = texts.get(r.id)?.text ?? "";
    const count = text.split(phrase).length - 1;
    const j = r.jurisdiction ?? "(unknown)";
    const per10k = text.length ? Math.round((count * 1_000_000) / text.length) / 100 : 0;
    groups.set(j, [...(groups.get(j) ?? []), { reportId: r.id, year: r.reportYear, count, per10k }]);
  }
  const jurisdictions = [...groups.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([jurisdiction, points]) => {
      points.sort((a, b) => (a.year ?? 9999) - (b.year ?? 9999) || a.reportId - b.reportId);
      return { jurisdiction, total: points.reduce((n, p) => n + p.count, 0), points };
    });
  return { phrase, total: jurisdictions.reduce((n, j) => n + j.total, 0), jurisdictions };
}
