// Deterministic synthetic reports of any size, for the performance budgets
// (2 000-figure list, 1 000-figure open) and for looking at the UI in a browser.
// Text is built sentence by sentence so every span and sentence offset is exact.
import type { FigureFields, FigureRow, FlagInfo, ReportRow, ReportText, SectionInfo, TextSpan } from "./api";
import type { Fixture } from "./mock";

function rng(seed: number) {
  // mulberry32: tiny, fast, reproducible across runs.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LEVELS: [string, string, number][] = [
  ["地区生产总值", "亿元", 800],
  ["固定资产投资", "亿元", 300],
  ["社会消费品零售总额", "亿元", 230],
  ["一般公共预算收入", "亿元", 56],
  ["城镇居民人均可支配收入", "元", 33000],
  ["农村居民人均可支配收入", "元", 13000],
  ["粮食产量", "万吨", 120],
  ["进出口总额", "亿元", 40],
  ["旅游收入", "亿元", 90],
  ["发电量", "亿度", 600],
];
const OTHERS: [string, string, number][] = [
  ["新建改建农村公路", "公里", 500],
  ["改造老旧小区", "个", 240],
  ["新增市场主体", "万户", 2],
  ["完成营造林", "万亩", 70],
];

type Piece = { s: string; fig?: { fields: FigureFields; flags: FlagInfo[] } };

function fields(partial: Partial<FigureFields> & Pick<FigureFields, "measure" | "kind" | "value" | "unit">): FigureFields {
  return {
    indicator: null,
    period: null,
    qualifier: "eq",
    valueLow: null,
    valueHigh: null,
    firmness: null,
    ...partial,
  };
}

export interface SyntheticOptions {
  id: number;
  figures: number;
  jurisdiction?: string;
  year?: number;
  seed?: number;
  fileName?: string;
}

export function syntheticReport(o: SyntheticOptions): Fixture {
  const r = rng(o.seed ?? o.id * 7919);
  const year = o.year ?? 2021;
  const prev = String(year - 1);
  const cur = String(year);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const round1 = (x: number) => Math.round(x * 10) / 10;

  let text = "";
  const paragraphs: TextSpan[] = [];
  const sentences: TextSpan[] = [];
  const garbled: TextSpan[] = [];
  const sections: SectionInfo[] = [];
  const figures: FigureRow[] = [];
  let nextId = o.id * 100000 + 1;

  const addParagraph = (sents: Piece[][]) => {
    const pStart = text.length;
    for (const pieces of sents) {
      const sStart = text.length;
      const local: { row: Omit<FigureRow, "sentenceStart" | "sentenceEnd"> }[] = [];
      for (const p of pieces) {
        const start = text.length;
        text += p.s;
        if (p.fig) {
          local.push({
            row: {
              id: nextId++,
              reportId: o.id,
              ord: figures.length + local.length,
              status: "unreviewed",
              fields: p.fig.fields,
              original: { ...p.fig.fields },
              text: p.s,
              start,
              end: text.length,
              flags: p.fig.flags,
              comment: null,
              addedByReviewer: false,
              lastReviewer: null,
              lastDecidedAt: null,
            },
          });
        }
      }
      sentences.push({ start: sStart, end: text.length });
      for (const l of local) figures.push({ ...l.row, sentenceStart: sStart, sentenceEnd: text.length });
    }
    paragraphs.push({ start: pStart, end: text.length });
    text += "\n";
  };

  const heading = (h: string, part: SectionInfo["part"]) => {
    if (sections.length) sections[sections.length - 1].end = text.length;
    sections.push({ heading: h, start: text.length, end: text.length, part });
    addParagraph([[{ s: h }]]);
  };

  const flagFor = (value: number, unit: string): FlagInfo[] => {
    const x = r();
    if (x < 0.04) return [{ code: "magnitude", reason: `magnitude: ${value}${unit} is far from the previous year's figure` }];
    if (x < 0.07) return [{ code: "decimal", reason: "lost decimal point suspected" }];
    if (x < 0.08) return [{ code: "garbled", reason: "garbled characters nearby" }];
    return [];
  };

  const actualSentence = (): Piece[] => {
    const [ind, unit, base] = pick(LEVELS);
    const v = round1(base * (0.5 + r()));
    const g = round1(r() * 12 - 2);
    const fall = g < 0;
    return [
      { s: `全年实现${ind}` },
      { s: `${v}${unit}`, fig: { fields: fields({ indicator: ind, measure: "level", kind: "actual", period: prev, value: v, unit }), flags: flagFor(v, unit) } },
      { s: ",同比" },
      {
        s: fall ? `下降${-g}%` : `增长${g}%`,
        fig: { fields: fields({ indicator: ind, measure: "growth", kind: "actual", period: prev, value: g, unit: "%" }), flags: flagFor(g, "%") },
      },
      { s: "。" },
    ];
  };
  const otherSentence = (): Piece[] => {
    const [what, unit, base] = pick(OTHERS);
    const v = Math.round(base * (0.5 + r()) * 10) / 10;
    return [
      { s: `${what}` },
      { s: `${v}${unit}`, fig: { fields: fields({ measure: "level", kind: "actual", period: prev, value: v, unit }), flags: [] } },
      { s: ",群众满意度进一步提升。" },
    ];
  };
  const targetSentence = (): Piece[] => {
    const [ind] = pick(LEVELS);
    const g = Math.round(r() * 10 + 3);
    const soft = r() < 0.3;
    return [
      { s: soft ? `力争${ind}增长` : `${ind}增长` },
      {
        s: `${g}%左右`,
        fig: {
          fields: fields({ indicator: ind, measure: "growth", kind: "target", period: cur, value: g, unit: "%", qualifier: "approx", firmness: soft ? "aspirational" : "expected" }),
          flags: [],
        },
      },
      { s: "。" },
    ];
  };
  const filler = (): Piece[] => [{ s: pick(["坚持稳中求进工作总基调,扎实做好各项工作。", "深化改革开放,持续优化营商环境。", "统筹发展和安全,守牢民生底线。"]) }];

  addParagraph([[{ s: `${o.jurisdiction ?? "示范市"}政府工作报告` }]]);
  sections.push({ heading: "", start: 0, end: 0, part: "preamble" });
  addParagraph([[{ s: "各位代表:" }], [{ s: "现在,我代表市人民政府向大会报告工作,请予审议。" }]]);
  heading(`一、${prev}年工作回顾`, "review");

  const target = o.figures;
  const planAt = Math.floor(target * 0.75);
  let inPlan = false;
  while (figures.length < target) {
    if (!inPlan && figures.length >= planAt) {
      heading(`三、${cur}年工作安排`, "plan");
      inPlan = true;
    }
    const sents: Piece[][] = [];
    const n = 2 + Math.floor(r() * 3);
    for (let i = 0; i < n; i++) {
      const left = target - figures.length - sents.reduce((a, s) => a + s.filter((p) => p.fig).length, 0);
      if (left <= 0) break;
      let s = inPlan ? targetSentence() : r() < 0.75 ? actualSentence() : otherSentence();
      if (s.filter((p) => p.fig).length > left) s = inPlan ? targetSentence() : otherSentence();
      sents.push(s);
      if (r() < 0.2) sents.push(filler());
    }
    addParagraph(sents);
    if (r() < 0.02) {
      // A garbled run, as the engine reports for mis-decoded bytes.
      const gs = text.length;
      addParagraph([[{ s: "鍦板尯鐢熶骇鎬诲€硷拷锟斤拷" }]]);
      garbled.push({ start: gs, end: gs + 14 });
    }
  }
  text = text.replace(/\n$/, "");
  sections[sections.length - 1].end = text.length;

  const report: ReportRow = {
    id: o.id,
    fileName: o.fileName ?? `synthetic_${o.figures}.txt`,
    jurisdiction: o.jurisdiction ?? "示范市",
    level: "prefecture",
    reportYear: year,
    meetingDate: `${year}-02-20`,
    speaker: "王明",
    speakerTitle: "市长",
    title: `${o.jurisdiction ?? "示范市"}政府工作报告`,
    figureCount: figures.length,
    catalogCount: figures.filter((f) => f.fields.indicator !== null).length,
    reviewedCount: 0,
    flaggedCount: figures.filter((f) => f.flags.length > 0).length,
    importedAt: "2025-11-20T10:00:00Z",
  };
  const rt: ReportText = { reportId: o.id, text, sections, paragraphs, sentences, garbled };
  return { reports: [report], texts: [rt], figures };
}
