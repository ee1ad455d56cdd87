import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { App } from "../../app/App";
import { AppStore } from "../../app/appStore";
import type { Fixture } from "../../ipc/mock";
import { flush, SEED, withBackend } from "../../test/setup";

afterEach(() => cleanup());

async function openSeed(fixtures: Fixture[] = [SEED]) {
  const { backend, api } = withBackend(fixtures);
  const app = new AppStore(api);
  render(<App app={app} />);
  await waitFor(() => expect(document.querySelector(".reports-table tbody tr")).not.toBeNull());
  fireEvent.keyDown(window, { key: "Enter" });
  await waitFor(() => expect(document.querySelectorAll(".frow").length).toBeGreaterThan(0));
  return { backend, app };
}

const key = (k: string, mods: Record<string, boolean> = {}) => fireEvent.keyDown(window, { key: k, ...mods });
const selected = () => document.querySelector(".frow.selected") as HTMLElement;
const rowFor = (text: string) => [...document.querySelectorAll<HTMLElement>(".frow")].find((r) => r.querySelector(".c-val")?.textContent === text)!;

describe("review screen", () => {
  it("shows the current figure's sentence with its span marked, the context, and the marked report text", async () => {
    await openSeed();
    expect(within(selected()).getByText("827亿元")).toBeTruthy();
    const sentence = document.querySelector(".detail .sentence")!;
    expect(sentence.querySelector("mark")!.textContent).toBe("827亿元");
    expect(sentence.textContent).toContain("全年实现地区生产总值827亿元");
    expect(document.querySelector(".ctx-section")!.textContent).toContain("一、2020年及“十三五”时期工作回顾");
    const marks = document.querySelectorAll(".tpane mark.fig");
    expect(marks.length).toBe(SEED.figures.length);
    expect(document.querySelector(".tpane mark.fig.current")!.textContent).toBe("827亿元");
  });

  it("accepts three figures by keyboard, corrects one with validation, undoes, and keeps progress right", async () => {
    const { backend } = await openSeed();
    key("a");
    key("a");
    key("Enter");
    await waitFor(() => expect(document.querySelector("#progress-report .pnum")!.textContent).toContain("3/30"));
    expect(rowFor("827亿元").dataset.status).toBe("accepted");
    expect(rowFor("2.4%").dataset.status).toBe("accepted");
    expect(rowFor("296.7亿元").dataset.status).toBe("accepted");
    expect(selected().querySelector(".c-val")!.textContent).toBe("7.6%");

    key("e");
    const value = (await screen.findByLabelText("Value")) as HTMLInputElement;
    expect(document.activeElement).toBe(value);
    fireEvent.input(value, { target: { value: "7,6" } });
    expect(await screen.findByText(/Not a number/)).toBeTruthy();
    fireEvent.input(value, { target: { value: "7.9" } });
    fireEvent.submit(value.form!);
    await waitFor(() => expect(rowFor("7.9%")?.dataset.status).toBe("corrected"));
    expect(document.querySelector("#progress-report .pnum")!.textContent).toContain("4/30");

    key("u");
    await waitFor(() => expect(rowFor("7.6%")?.dataset.status).toBe("unreviewed"));
    expect(selected().querySelector(".c-val")!.textContent).toBe("7.6%");
    expect(document.querySelector("#progress-report .pnum")!.textContent).toContain("3/30");
    await waitFor(() => expect(document.querySelector("#progress-project .pnum")!.textContent).toContain("3/30"));
    expect(backend.log.map((e) => e.action)).toEqual(["accept", "accept", "accept", "correct", "undo"]);

    // History of the current figure lists the undone correction.
    await waitFor(() => expect(document.querySelector(".history li.undone")).not.toBeNull());
  });

  it("does not treat keys typed in the search box as commands", async () => {
    const { backend } = await openSeed();
    key("/");
    const search = screen.getByLabelText("Search in this report") as HTMLInputElement;
    expect(document.activeElement).toBe(search);
    fireEvent.keyDown(search, { key: "a" });
    fireEvent.input(search, { target: { value: "网络招聘" } });
    await flush();
    expect(backend.log).toHaveLength(0);
    expect(document.querySelectorAll(".frow").length).toBe(3);
  });

  it("opens the help overlay on ? and closes it on Escape", async () => {
    await openSeed();
    key("?", { shiftKey: true });
    const dlg = await screen.findByRole("dialog", { name: "Keyboard shortcuts" });
    expect(dlg.textContent).toContain("Next unreviewed");
    key("Escape");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("comments with c, shown in the detail pane", async () => {
    await openSeed();
    key("c");
    const box = (await screen.findByLabelText("Comment")) as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: "核对统计公报" } });
    fireEvent.keyDown(box, { key: "Enter" });
    await waitFor(() => expect(document.querySelector(".detail .comment")?.textContent).toContain("核对统计公报"));
  });

  it("renders report text as text, never as markup", async () => {
    const evil: Fixture = structuredClone(SEED);
    const inject = '<img src=x onerror="window.__pwned=1">';
    const t = evil.texts[0];
    t.text = inject + t.text.slice(inject.length);
    evil.figures = evil.figures.filter((f) => f.start >= inject.length);
    await openSeed([evil]);
    expect(document.querySelector(".tpane img")).toBeNull();
    expect(document.querySelector(".tpane")!.textContent).toContain("<img src=x");
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
