import { describe, expect, it } from "vitest";
import { SEED } from "../../test/setup";
import { DEFAULT_FILTERS, figureMatcher, isFiltered, NO_INDICATOR } from "./filters";

const text = SEED.texts[0].text;
const figs = SEED.figures;
const run = (p: Partial<typeof DEFAULT_FILTERS>) => figs.filter(figureMatcher({ ...DEFAULT_FILTERS, ...p }, text));

describe("figure filters", () => {
  it("the default shows everything", () => {
    expect(run({})).toHaveLength(figs.length);
    expect(isFiltered(DEFAULT_FILTERS)).toBe(false);
  });
  it("catalog scope drops quantities without an indicator; NO_INDICATOR keeps only those", () => {
    expect(run({ scope: "catalog" }).every((f) => f.fields.indicator !== null)).toBe(true);
    expect(run({ indicator: NO_INDICATOR }).map((f) => f.text)).toEqual(["10.47亿元"]);
  });
  it("flagged only, by indicator, by kind", () => {
    expect(run({ flaggedOnly: true })).toHaveLength(3);
    expect(run({ indicator: "城镇登记失业率" }).map((f) => f.text)).toEqual(["4.02%", "0.48个百分点", "4.5%以内"]);
    expect(run({ kind: "target", indicator: "地区生产总值" }).map((f) => f.text)).toEqual(["7%左右"]);
  });
  it("search matches span, indicator or sentence, case-insensitively", () => {
    expect(run({ search: "gdp" }).length).toBeGreaterThan(0); // 单位GDP能耗 sentence
    expect(run({ search: "城镇新增就业" }).map((f) => f.text)).toContain("15024人");
    expect(run({ search: "no such words" })).toHaveLength(0);
  });
});
