// Builds ui/tests/fixtures/seed-000.json: a hand-picked excerpt of seed report
// 000 (乌兰察布市 2021) with hand-coded figures, in the shape the engine's
// exported fixtures will have ({ reports, texts, figures }). Offsets are
// computed here (UTF-16, like JS string indices) rather than typed by hand, and
// every figure's span is checked against the text. Stands in until the lead
// exports real fixtures from the engine.
//
//   node scripts/make-seed-fixture.mjs [path/to/000_8ea42176d04f9a1f.txt]
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const src = process.argv[2] ?? `${here}/../../../shared/seeds/000_8ea42176d04f9a1f.txt`;
const lines = readFileSync(src, "utf8").split(/\r?\n/).map((l) => l.trim());

// 1-based line numbers of the seed file kept in the excerpt, in order.
const KEEP = [1, 7, 11, 15, 17, 19, 23, 51, 77, 81];
const paras = KEEP.map((n) => lines[n - 1]).map((l) => l.replace(/^──\s*/, ""));
const text = paras.join("\n");

const paragraphs = [];
{
  let at = 0;
  for (const p of paras) {
    paragraphs.push({ start: at, end: at + p.length });
    at += p.length + 1;
  }
}
const sentences = [];
for (const p of paragraphs) {
  let s = p.start;
  for (let i = p.start; i < p.end; i++) {
    if ("。！？!?".includes(text[i])) {
      sentences.push({ start: s, end: i + 1 });
      s = i + 1;
    }
  }
  if (s < p.end) sentences.push({ start: s, end: p.end });
}

const idx = (needle) => {
  const i = text.indexOf(needle);
  if (i < 0 || text.indexOf(needle, i + 1) >= 0) throw new Error(`anchor not unique: ${needle}`);
  return i;
};
const reviewStart = idx("一、2020年");
const planStart = idx("三、2021年");
const sections = [
  { heading: "", start: 0, end: reviewStart, part: "preamble" },
  { heading: "一、2020年及“十三五”时期工作回顾", start: reviewStart, end: planStart, part: "review" },
  { heading: "三、2021年工作安排", start: planStart, end: text.length, part: "plan" },
];

const F = (indicator, measure, kind, period, value, unit, extra = {}) => ({
  indicator, measure, kind, period, value, unit,
  qualifier: "eq", valueLow: null, valueHigh: null, firmness: null, ...extra,
});
const T = (qualifier, firmness) => ({ qualifier, firmness });

// [anchor (unique in text), span text (inside anchor), fields, flags]
const SPEC = [
  ["地区生产总值827亿元", "827亿元", F("地区生产总值", "level", "actual", "2020", 827, "亿元")],
  ["827亿元,同比增长2.4%", "2.4%", F("地区生产总值", "growth", "actual", "2020", 2.4, "%")],
  ["固定资产投资296.7亿元", "296.7亿元", F("固定资产投资", "level", "actual", "2020", 296.7, "亿元")],
  ["296.7亿元,同比增长7.6%", "7.6%", F("固定资产投资", "growth", "actual", "2020", 7.6, "%")],
  ["零售总额228.8亿元", "228.8亿元", F("社会消费品零售总额", "level", "actual", "2020", 228.8, "亿元")],
  ["同比下降6.2%", "下降6.2%", F("社会消费品零售总额", "growth", "actual", "2020", -6.2, "%")],
  ["预算收入56.3亿元", "56.3亿元", F("一般公共预算收入", "level", "actual", "2020", 56.3, "亿元")],
  ["56.3亿元,同比增长13%", "13%", F("一般公共预算收入", "growth", "actual", "2020", 13, "%")],
  ["达到33534元", "33534元", F("城镇居民人均可支配收入", "level", "actual", "2020", 33534, "元")],
  ["和13009元", "13009元", F("农村居民人均可支配收入", "level", "actual", "2020", 13009, "元")],
  ["分别增长1.5%和", "1.5%", F("城镇居民人均可支配收入", "growth", "actual", "2020", 1.5, "%"),
    [{ code: "growth_low", reason: "growth: 1.5% is far below the rural 8.7% in the same sentence" }]],
  ["1.5%和8.7%", "8.7%", F("农村居民人均可支配收入", "growth", "actual", "2020", 8.7, "%")],
  ["新增减税降费10.47亿元", "10.47亿元", F(null, "level", "actual", "2020", 10.47, "亿元")],
  ["城镇新增就业15024人", "15024人", F("城镇新增就业", "level", "actual", "2020", 15024, "人")],
  ["城镇登记失业率4.02%", "4.02%", F("城镇登记失业率", "rate", "actual", "2020", 4.02, "%")],
  ["低于控制目标0.48个百分点", "0.48个百分点", F("城镇登记失业率", "change_pp", "actual", "2020", -0.48, "个百分点"),
    [{ code: "context", reason: "compared with a target, not with the previous year" }]],
  ["生产总值年均增长5%", "5%", F("地区生产总值", "avg_growth", "actual", "2016-2020", 5, "%")],
  ["工业增加值年均增长8.4%", "8.4%", F("规模以上工业增加值", "avg_growth", "actual", "2016-2020", 8.4, "%")],
  ["零售总额年均增长3.7%", "3.7%", F("社会消费品零售总额", "avg_growth", "actual", "2016-2020", 3.7, "%")],
  ["年均分别增长7.1%", "7.1%", F("城镇居民人均可支配收入", "avg_growth", "actual", "2016-2020", 7.1, "%")],
  ["7.1%和8.5%", "8.5%", F("农村居民人均可支配收入", "avg_growth", "actual", "2016-2020", 8.5, "%")],
  ["地区生产总值增长7%左右", "7%左右", F("地区生产总值", "growth", "target", "2021", 7, "%", T("approx", "expected"))],
  ["固定资产投资增长16%左右", "16%左右", F("固定资产投资", "growth", "target", "2021", 16, "%", T("approx", "expected"))],
  ["工业增加值增长6%左右", "6%左右", F("规模以上工业增加值", "growth", "target", "2021", 6, "%", T("approx", "expected"))],
  ["分别增长6%和8%左右", "6%", F("城镇居民人均可支配收入", "growth", "target", "2021", 6, "%", T("approx", "expected"))],
  ["6%和8%左右", "8%左右", F("农村居民人均可支配收入", "growth", "target", "2021", 8, "%", T("approx", "expected"))],
  ["零售总额增长8%左右", "8%左右", F("社会消费品零售总额", "growth", "target", "2021", 8, "%", T("approx", "expected"))],
  ["控制在4.5%以内", "4.5%以内", F("城镇登记失业率", "rate", "target", "2021", 4.5, "%", T("le", "binding"))],
  ["能耗下降3.2%", "下降3.2%", F("单位地区生产总值能耗", "growth", "target", "2021", -3.2, "%", T("eq", "expected"))],
  ["稳定在690万亩以上", "690万亩以上", F("粮食播种面积", "level", "target", "2021", 690, "万亩", T("ge", "expected")),
    [{ code: "magnitude", reason: "magnitude: 690万亩 is 3× last year's sown area in this jurisdiction" }]],
];

const figures = SPEC.map(([anchor, span, fields, flags = []], i) => {
  const start = idx(anchor) + anchor.indexOf(span);
  const end = start + span.length;
  if (text.slice(start, end) !== span) throw new Error(`span mismatch: ${span}`);
  const sent = sentences.find((s) => s.start <= start && end <= s.end);
  return {
    id: 1001 + i, reportId: 1, ord: 0, status: "unreviewed", fields, original: structuredClone(fields),
    text: span, start, end, sentenceStart: sent.start, sentenceEnd: sent.end, flags,
    comment: null, addedByReviewer: false, lastReviewer: null, lastDecidedAt: null,
  };
})
  .sort((a, b) => a.start - b.start || a.end - b.end)
  .map((f, i) => ({ ...f, ord: i }));

const report = {
  id: 1, fileName: "000_8ea42176d04f9a1f.txt", jurisdiction: "乌兰察布市", level: "prefecture",
  reportYear: 2021, meetingDate: "2021-02-23", speaker: "奇飞云", speakerTitle: "代市长",
  title: "乌兰察布市政府工作报告", figureCount: figures.length,
  catalogCount: figures.filter((f) => f.fields.indicator).length, reviewedCount: 0,
  flaggedCount: figures.filter((f) => f.flags.length).length, importedAt: "2025-11-20T09:30:00Z",
};
const out = { reports: [report], texts: [{ reportId: 1, text, sections, paragraphs, sentences, garbled: [] }], figures };
const dest = `${here}/../tests/fixtures/seed-000.json`;
writeFileSync(dest, JSON.stringify(out, null, 1) + "\n");
console.log(`wrote ${dest}: ${figures.length} figures, ${text.length} UTF-16 units, ${sentences.length} sentences`);
