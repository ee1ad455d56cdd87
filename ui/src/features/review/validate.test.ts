import { describe, expect, it } from "vitest";
import { CATALOG, UNITS } from "../../ipc/mock";
import type { FigureFields } from "../../ipc/api";
import { canonicalIndicator, check, formatValue, guessFields, parseNumber, toForm } from "./validate";

const base: FigureFields = {
  indicator: "地区生产总值", measure: "level", kind: "actual", period: "2020", value: 827, unit: "亿元",
  qualifier: "eq", valueLow: null, valueHigh: null, firmness: null,
};

describe("editor validation", () => {
  it("round-trips unchanged fields", () => {
    const r = check(toForm(base), CATALOG, UNITS);
    expect(r.errors).toEqual({});
    expect(r.fields).toEqual(base);
  });

  it("a number is a number", () => {
    expect(parseNumber("827")).toBe(827);
    expect(parseNumber("-6.2")).toBe(-6.2);
    expect(parseNumber("−6.2")).toBe(-6.2);
    for (const bad of ["8 27", "1,234", "1.2万", "827亿元", "1e3", "--1", "."]) expect(parseNumber(bad)).toBe("invalid");
    const r = check({ ...toForm(base), value: "82七" }, CATALOG, UNITS);
    expect(r.fields).toBeNull();
    expect(r.errors.value).toMatch(/Not a number/);
  });

  it("requires a value unless the measure is qualitative", () => {
    expect(check({ ...toForm(base), value: "" }, CATALOG, UNITS).errors.value).toBeDefined();
    const q = check({ ...toForm(base), value: "", unit: "", measure: "qualitative" }, CATALOG, UNITS);
    expect(q.errors).toEqual({});
    expect(q.fields?.value).toBeNull();
  });

  it("warns, without blocking, on an unknown unit", () => {
    const r = check({ ...toForm(base), unit: "亿美元" }, CATALOG, UNITS);
    expect(r.fields?.unit).toBe("亿美元");
    expect(r.warnings.unit).toMatch(/not a known unit/);
  });

  it("maps aliases onto canonical indicators and refuses unknown names", () => {
    expect(canonicalIndicator("GDP", CATALOG)).toBe("地区生产总值");
    expect(canonicalIndicator("规上工业增加值", CATALOG)).toBe("规模以上工业增加值");
    expect(check({ ...toForm(base), indicator: "人均GDP" }, CATALOG, UNITS).fields?.indicator).toBe("人均地区生产总值");
    expect(check({ ...toForm(base), indicator: "幸福指数" }, CATALOG, UNITS).errors.indicator).toBeDefined();
    expect(check({ ...toForm(base), indicator: " " }, CATALOG, UNITS).fields?.indicator).toBeNull();
  });

  it("checks periods and ranges; a range's value is its midpoint", () => {
    expect(check({ ...toForm(base), period: "十三五" }, CATALOG, UNITS).errors.period).toBeDefined();
    expect(check({ ...toForm(base), period: "2020-2016" }, CATALOG, UNITS).errors.period).toBeDefined();
    expect(check({ ...toForm(base), period: "2016-2020" }, CATALOG, UNITS).fields?.period).toBe("2016-2020");
    const r = check({ ...toForm(base), qualifier: "range", valueLow: "6", valueHigh: "6.5", unit: "%" }, CATALOG, UNITS);
    expect(r.fields).toMatchObject({ value: 6.25, valueLow: 6, valueHigh: 6.5 });
    expect(check({ ...toForm(base), qualifier: "range", valueLow: "7", valueHigh: "6" }, CATALOG, UNITS).errors.valueHigh).toBeDefined();
  });

  it("keeps firmness for targets only", () => {
    expect(check({ ...toForm(base), firmness: "binding" }, CATALOG, UNITS).errors.firmness).toBeDefined();
    expect(check({ ...toForm(base), kind: "target", firmness: "binding" }, CATALOG, UNITS).fields?.firmness).toBe("binding");
  });

  it("guesses the fields of a selected span", () => {
    expect(guessFields("690万亩以上", UNITS, 2021)).toMatchObject({ value: 690, unit: "万亩", qualifier: "ge", period: "2020" });
    expect(guessFields("下降6.2%", UNITS, 2021)).toMatchObject({ value: -6.2, unit: "%", measure: "growth" });
    expect(guessFields("7%左右", UNITS, null)).toMatchObject({ value: 7, qualifier: "approx", period: null });
  });

  it("formats values with their qualifier", () => {
    expect(formatValue(base)).toBe("827亿元");
    expect(formatValue({ ...base, qualifier: "approx", value: 7, unit: "%" })).toBe("≈7%");
    expect(formatValue({ ...base, qualifier: "range", valueLow: 6, valueHigh: 6.5, unit: "%" })).toBe("6–6.5%");
  });
});
