import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, waitFor } from "@testing-library/preact";
import { App } from "../../app/App";
import { AppStore } from "../../app/appStore";
import type { Fixture } from "../../ipc/mock";
import { flush, SEED, withBackend } from "../../test/setup";
import seriesJson from "../../../tests/fixtures/series.json";

const SERIES = seriesJson as unknown as Fixture;

afterEach(() => cleanup());

/** Opens the compare screen from the reports screen, with `selected` (a report id) selected there. */
async function openCompare(fixtures: Fixture[] = [SEED, SERIES], selected: number | null = null) {
  const { backend, api } = withBackend(fixtures);
  const app = new AppStore(api);
  render(<App app={app} />);
  await waitFor(() => expect(document.querySelector(".reports-table tbody tr")).not.toBeNull());
  if (selected !== null) fireEvent.click(document.querySelector(`.reports-table tr[data-id="${selected}"]`)!);
  fireEvent.click(document.querySelector(".compare-btn")!);
  await waitFor(() => expect(document.querySelector(".drow")).not.toBeNull());
  return { backend, app };
}

const key = (k: string) => fireEvent.keyDown(window, { key: k });
const yearOf = (id: number) => SERIES.reports.find((r) => r.id === id)?.reportYear;

describe("compare screen", () => {
  it("opens on the longest series' last two years, side by side, and steps through changes by key", async () => {
    const { app } = await openCompare();
    const [oldSel, newSel] = [...document.querySelectorAll<HTMLSelectElement>(".compare-bar select")];
    const chosen = (s: HTMLSelectElement) => yearOf(Number(s.selectedOptions[0]?.value));
    expect([chosen(oldSel), chosen(newSel)]).toEqual([2018, 2019]);
    expect(document.querySelector(".dhead")!.textContent).toMatch(/呼伦贝尔市海拉尔区 2018.*呼伦贝尔市海拉尔区 2019/);
    const rows = document.querySelectorAll(".drow");
    expect(rows[0].querySelectorAll(".dcell")).toHaveLength(2);
    expect(document.querySelector(".summary")!.textContent).toMatch(/Similarity \d/);

    key("n");
    await flush();
    const first = document.querySelector(".drow.current") as HTMLElement;
    expect(first.className).not.toContain("k-equal");
    key("n");
    await flush();
    const second = document.querySelector(".drow.current") as HTMLElement;
    expect(Number(second.dataset.block)).toBeGreaterThan(Number(first.dataset.block));
    key("p");
    await flush();
    expect((document.querySelector(".drow.current") as HTMLElement).dataset.block).toBe(first.dataset.block);
    expect(app.screen.value.name).toBe("compare");
  });

  it("changes only folds unchanged paragraphs; inline shows both sides in one column", async () => {
    await openCompare();
    const all = document.querySelectorAll(".drow").length;
    key("c");
    await flush();
    expect(document.querySelectorAll(".drow.k-equal")).toHaveLength(0);
    expect(document.querySelectorAll(".folded").length).toBeGreaterThan(0);
    expect(document.querySelectorAll(".drow").length).toBeLessThan(all);
    fireEvent.click(document.querySelector(".seg-toggle button:last-child")!);
    await flush();
    expect(document.querySelector(".diff-scroll.inline")).not.toBeNull();
    const modified = document.querySelector(".drow.k-modified .dcell.inline")!;
    expect(modified.querySelector(".ds.del")).not.toBeNull();
    expect(modified.querySelector(".ds.ins")).not.toBeNull();
  });

  it("a clicked change shows both contexts and its figures link to their review rows", async () => {
    // 国务院 2025 selected on the reports screen: compared with 2024. The CPI target 3%左右 → 2%左右.
    const gwy = SERIES.reports.filter((r) => r.jurisdiction === "国务院").sort((a, b) => a.reportYear! - b.reportYear!);
    const { app } = await openCompare([SEED, SERIES], gwy[1].id);
    await waitFor(() => expect(document.querySelector(".dhead")!.textContent).toMatch(/国务院 2024.*国务院 2025/));
    const cpi = [...document.querySelectorAll(".drow")].find((r) => r.querySelector(".dcell.new .ds.vc")?.textContent === "2%左右" && r.textContent!.includes("居民消费价格"))!;
    expect(cpi.querySelector(".dcell.old .ds.vc")!.textContent).toBe("3%左右");
    fireEvent.click(cpi);
    await flush();
    const ctx = document.querySelector(".ctx")!;
    expect(ctx.querySelector(".ctx-side.old")!.textContent).toContain("3%左右");
    expect(ctx.querySelector(".ctx-side.new")!.textContent).toContain("2%左右");
    expect(ctx.querySelector(".ctx-values")!.textContent).toMatch(/3%左右 → 2%左右 \(-1 个百分点\)/);
    const link = [...ctx.querySelectorAll<HTMLButtonElement>(".ctx-figs button")].find((b) => b.closest("li")!.textContent!.includes("2%左右"))!;
    const figureId = Number(link.textContent!.match(/#(\d+)/)![1]);
    key("Escape");
    await flush();
    expect(document.querySelector(".ctx")).toBeNull();
    fireEvent.click(cpi);
    await flush();
    fireEvent.click([...document.querySelectorAll<HTMLButtonElement>(".ctx-figs button")].find((b) => b.textContent!.includes(`#${figureId}`))!);
    await waitFor(() => expect(document.querySelector(`.frow.selected[data-id="${figureId}"]`)).not.toBeNull());
    expect(app.screen.value).toMatchObject({ name: "review", reportId: gwy[1].id, figureId });
    expect(document.querySelector(".back")!.textContent).toContain("Compare");
    fireEvent.click(document.querySelector(".back")!);
    await waitFor(() => expect(document.querySelector(".dhead")!.textContent).toContain("国务院 2025"));
  });

  it("shows report text as text, never as markup", async () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const mk = (id: number, year: number, body: string): Fixture => ({
      reports: [{ ...SEED.reports[0], id, reportYear: year, fileName: `evil_${year}.txt` }],
      texts: [{ reportId: id, text: body, sections: [], paragraphs: [{ start: 0, end: body.length }], sentences: [], garbled: [] }],
      figures: [],
    });
    await openCompare([mk(1, 2020, `各位代表：${evil}增长5%。`), mk(2, 2021, `各位代表：${evil}增长6%。`)]);
    expect(document.querySelector(".diff-scroll img")).toBeNull();
    expect(document.querySelector(".diff-scroll")!.textContent).toContain("<img src=x");
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it("figure timeline: targets beside next year's outcomes, the 海拉尔区 break marked", async () => {
    const { app } = await openCompare();
    key("2");
    await waitFor(() => expect(document.querySelector(".tl")).not.toBeNull());
    const hlr = document.querySelector('.tl[data-jurisdiction="呼伦贝尔市海拉尔区"]')!;
    expect(hlr.querySelector("h3")!.textContent).toContain("1 break");
    const level = hlr.querySelector('table[data-measure="level"]')!;
    const brk = level.querySelector("tr.brk")!;
    expect(brk.getAttribute("data-period")).toBe("2018");
    expect(brk.textContent).toContain("192.3亿元");
    expect(level.querySelector("tr.flag-msg.break")!.textContent).toMatch(/303\.6亿元.*192\.3亿元/);
    const y2016 = level.querySelector('tr[data-period="2016"]')!;
    expect(y2016.textContent).toContain("309亿元");
    expect(y2016.textContent).toContain("303.6亿元");
    expect(y2016.querySelector(".gap")!.textContent).toContain("-5.4亿元");
    const gwy = document.querySelector('.tl[data-jurisdiction="国务院"] table[data-measure="growth"] tr[data-period="2024"]')!;
    expect(gwy.textContent).toMatch(/5%左右.*2024.*5%.*2025/);
    // A target links to its review row.
    fireEvent.click(y2016.querySelector("td:nth-child(2) button")!);
    await waitFor(() => expect(app.screen.value.name).toBe("review"));
  });

  it("phrase timeline counts each phrase per jurisdiction and year", async () => {
    await openCompare();
    key("3");
    await waitFor(() => expect(document.querySelector(".ph")).not.toBeNull());
    const input = document.querySelector<HTMLInputElement>('input[aria-label="Phrases"]')!;
    fireEvent.input(input, { target: { value: "新能源 乡村振兴" } });
    fireEvent.submit(input.form!);
    await waitFor(() => expect(document.querySelector('.ph[data-phrase="乡村振兴"]')).not.toBeNull());
    const gwy = SERIES.texts.find((t) => t.reportId === SERIES.reports.find((r) => r.fileName === "guowuyuan_2025.txt")!.id)!.text;
    const cell = document.querySelector('.ph[data-phrase="乡村振兴"] tr[data-jurisdiction="国务院"] td[data-year="2025"] .v')!;
    expect(Number(cell.textContent)).toBe(gwy.split("乡村振兴").length - 1);
    expect(Number(cell.textContent)).toBeGreaterThan(0);
  });
});
