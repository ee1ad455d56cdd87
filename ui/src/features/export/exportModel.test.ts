import { describe, expect, it } from "vitest";
import type { ExportResult } from "../../ipc/api";
import {
  defaultFileName,
  describeScope,
  folderOf,
  joinPath,
  percent,
  resultHeadline,
  resultNotes,
  scopeChecked,
  takesBom,
  toggleScope,
  withFormatExtension,
} from "./exportModel";

const DAY = new Date(2026, 10, 27, 9, 30);
const REPORT = { id: 3, jurisdiction: "乌兰察布市", reportYear: 2021 };

describe("export model", () => {
  it("names the file by kind, report and date, with the format's extension", () => {
    expect(defaultFileName("csv", null, DAY)).toBe("gwr-figures-2026-11-27.csv");
    expect(defaultFileName("xlsx", null, DAY)).toBe("gwr-figures-2026-11-27.xlsx");
    expect(defaultFileName("jsonl", null, DAY)).toBe("gwr-figures-2026-11-27.jsonl");
    expect(defaultFileName("panel_csv", null, DAY)).toBe("gwr-panel-2026-11-27.csv");
    expect(defaultFileName("csv", REPORT, DAY)).toBe("gwr-figures-乌兰察布市-2021-2026-11-27.csv");
    // Unknown metadata falls back to the id; characters file systems refuse are replaced.
    expect(defaultFileName("csv", { id: 7, jurisdiction: null, reportYear: null }, DAY)).toBe("gwr-figures-report-7-2026-11-27.csv");
    expect(defaultFileName("csv", { id: 7, jurisdiction: "a/b:c *d", reportYear: null }, DAY)).toBe("gwr-figures-a-b-c-d-2026-11-27.csv");
    expect(defaultFileName("csv", { id: 7, jurisdiction: "../..", reportYear: null }, DAY)).toBe("gwr-figures-report-7-2026-11-27.csv");
  });

  it("checking All clears the narrowing scopes; checking one unchecks All", () => {
    expect(toggleScope([], "catalog", true)).toEqual(["catalog"]);
    expect(toggleScope(["catalog"], "accepted", true)).toEqual(["accepted", "catalog"]);
    expect(toggleScope(["accepted", "catalog"], "all", true)).toEqual([]);
    expect(toggleScope(["accepted"], "accepted", false)).toEqual([]);
    // Unchecking All on its own changes nothing: no scope still means all figures.
    expect(toggleScope([], "all", false)).toEqual([]);
    expect(scopeChecked([], "all")).toBe(true);
    expect(scopeChecked(["reviewed"], "all")).toBe(false);
    expect(scopeChecked(["reviewed"], "reviewed")).toBe(true);
  });

  it("describes what the scopes keep together", () => {
    expect(describeScope([])).toBe("All figures");
    expect(describeScope(["reviewed"])).toBe("Reviewed figures");
    expect(describeScope(["reviewed", "accepted"])).toBe("Accepted or corrected figures");
    expect(describeScope(["accepted", "catalog"])).toBe("Accepted or corrected figures of catalog indicators");
    expect(describeScope(["catalog"])).toBe("Figures of catalog indicators");
  });

  it("keeps a chosen path's extension in step with the format", () => {
    expect(withFormatExtension("/d/x.csv", "xlsx")).toBe("/d/x.xlsx");
    expect(withFormatExtension("/d/x.xlsx", "panel_csv")).toBe("/d/x.csv");
    expect(withFormatExtension("/d/x.data", "jsonl")).toBe("/d/x.data");
    expect(takesBom("csv") && takesBom("panel_csv")).toBe(true);
    expect(takesBom("xlsx") || takesBom("jsonl")).toBe(false);
  });

  it("splits and joins folders of either separator", () => {
    expect(folderOf("/home/r/x.csv")).toBe("/home/r");
    expect(folderOf("/x.csv")).toBe("/");
    expect(folderOf("x.csv")).toBeNull();
    expect(folderOf("C:\\Users\\r\\x.csv")).toBe("C:\\Users\\r");
    expect(joinPath("/home/r", "x.csv")).toBe("/home/r/x.csv");
    expect(joinPath("/", "x.csv")).toBe("/x.csv");
    expect(joinPath("C:\\Users\\r", "x.csv")).toBe("C:\\Users\\r\\x.csv");
    expect(joinPath(null, "x.csv")).toBe("x.csv");
  });

  it("says what was written and what deserves a second look", () => {
    const base: ExportResult = { path: "/e/x.xlsx", format: "xlsx", figures: 1234, scanned: 2000, reports: 5, truncatedCells: 0, panel: null };
    expect(resultHeadline(base)).toBe("Exported 1,234 figures from 5 reports");
    expect(resultNotes(base)).toEqual([]);
    expect(resultNotes({ ...base, truncatedCells: 1 })[0]).toMatch(/^1 cell was cut to Excel's 32 767 characters/);
    expect(resultNotes({ ...base, figures: 0 })[0]).toMatch(/No figure matched/);
    const panel = { ...base, format: "panel_csv" as const, panel: { rows: 12, columns: 1, skipped: 3, disagreements: 2, codebookPath: "/e/x.columns.csv" } };
    expect(resultHeadline(panel)).toBe("Exported a panel of 12 rows × 1 indicator column from 1,234 figures of 5 reports");
    expect(resultNotes(panel)).toHaveLength(2);
    expect(percent(1, 3)).toBe(33);
    expect(percent(5, 0)).toBe(0);
    expect(percent(9, 3)).toBe(100);
  });
});
