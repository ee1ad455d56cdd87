import { describe, expect, it } from "vitest";
import type { ComparisonDto, ReportRow } from "../../ipc/api";
import { byJurisdiction, changeIndexes, defaultPair, fmtSigned, parsePhrases, runs, stepChange } from "./compareModel";

const row = (id: number, jurisdiction: string, reportYear: number): ReportRow =>
  ({ id, fileName: `${jurisdiction}_${reportYear}.txt`, jurisdiction, reportYear }) as ReportRow;

const kinds = (...ks: string[]) => ({ blocks: ks.map((kind) => ({ kind })) }) as unknown as ComparisonDto;

describe("compare model", () => {
  it("steps through changes, wrapping at both ends", () => {
    const c = changeIndexes(kinds("equal", "modified", "equal", "deleted", "inserted", "equal"));
    expect(c).toEqual([1, 3, 4]);
    expect(stepChange(c, null, 1)).toBe(1);
    expect(stepChange(c, null, -1)).toBe(4);
    expect(stepChange(c, 1, 1)).toBe(3);
    expect(stepChange(c, 2, 1)).toBe(3); // from an unchanged block
    expect(stepChange(c, 4, 1)).toBe(1);
    expect(stepChange(c, 1, -1)).toBe(4);
    expect(stepChange(c, 3, -1)).toBe(1);
    expect(stepChange([], 0, 1)).toBeNull();
  });

  it("folds runs of unchanged paragraphs in the changes-only view", () => {
    const cmp = kinds("equal", "equal", "modified", "equal", "moved");
    expect(runs(cmp, false)).toHaveLength(5);
    expect(runs(cmp, true)).toEqual([
      { type: "folded", from: 0, count: 2 },
      { type: "block", index: 2 },
      { type: "folded", from: 3, count: 1 },
      { type: "block", index: 4 },
    ]);
  });

  it("opens on the selected report against its previous year, else the longest series' last two", () => {
    const rs = [row(1, "上海市", 2021), row(2, "国务院", 2024), row(3, "上海市", 2020), row(4, "国务院", 2025), row(5, "上海市", 2022), row(6, "内蒙古自治区", 2026)];
    expect(byJurisdiction(rs).map(([j, l]) => [j, l.map((r) => r.reportYear)])).toContainEqual(["上海市", [2020, 2021, 2022]]);
    expect(defaultPair(rs, 4)).toEqual([2, 4]);
    expect(defaultPair(rs, 3)).toEqual([3, 1]); // the earliest: against the next
    expect(defaultPair(rs, 6)).toEqual([1, 5]); // alone in its jurisdiction
    expect(defaultPair(rs)).toEqual([1, 5]);
    expect(defaultPair([row(1, "a", 2020)])).toBeNull();
  });

  it("splits typed phrases and prints signed numbers", () => {
    expect(parsePhrases(" 新能源  稳中求进，乡村振兴、新能源 ")).toEqual(["新能源", "稳中求进", "乡村振兴"]);
    expect(parsePhrases("  ")).toEqual([]);
    expect([fmtSigned(2.1), fmtSigned(-0.30000000000000004), fmtSigned(0)]).toEqual(["+2.1", "-0.3", "0"]);
  });
});
