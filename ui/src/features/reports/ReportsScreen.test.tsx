import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { App } from "../../app/App";
import { AppStore } from "../../app/appStore";
import { SEED, withBackend } from "../../test/setup";
import { checkMeta, metaForm } from "./reportsStore";

afterEach(() => cleanup());

async function start(reviewer: string | null = "测试员") {
  const { backend, api } = withBackend([SEED], { reviewer });
  const app = new AppStore(api);
  render(<App app={app} />);
  await waitFor(() => expect(document.querySelector(".reports-table tbody tr")).not.toBeNull());
  return { backend, app };
}

describe("reports screen", () => {
  it("lists reports with jurisdiction, level, year, figures, reviewed % and flags", async () => {
    await start();
    const row = document.querySelector(".reports-table tbody tr")!;
    expect(row.textContent).toContain("乌兰察布市");
    expect(row.textContent).toContain("prefecture");
    expect(row.textContent).toContain("2021");
    expect(row.textContent).toContain("30");
    expect(row.textContent).toContain("0%");
    expect(row.querySelector(".flagged")!.textContent).toBe("⚑ 3");
  });

  it("shows what happened while the project opened, as text, until dismissed", async () => {
    const { api } = withBackend([SEED], {
      reviewer: "测试员",
      startupNotices: [
        {
          kind: "reextracted",
          summary: "000_8ea42176d04f9a1f.txt: 180 unchanged, 2 updated, 0 new, 0 removed; 3 reviewed re-attached, 0 reopened, 1 not re-attached",
          details: ["not re-attached: figure 12 `<b>7.6%</b>` (accepted) is no longer extracted; kept with its decisions"],
        },
        { kind: "failed", summary: "broken.docx: not a Word document (the zip archive is damaged)", details: [] },
      ],
    });
    render(<App app={new AppStore(api)} />);
    const notice = await waitFor(() => {
      const el = document.querySelector(".startup-notices");
      expect(el).not.toBeNull();
      return el!;
    });
    expect(notice.querySelector(".ir-head")!.textContent).toContain("1 report was re-read by this version of the extractor, decisions kept; 1 failed");
    expect(notice.textContent).toContain("3 reviewed re-attached");
    expect(notice.querySelector(".ir-failed")!.textContent).toContain("broken.docx");
    // Report text is shown as text, never parsed as markup.
    expect(notice.querySelector("b")).toBeNull();
    expect(notice.querySelector(".sn-detail")!.textContent).toContain("`<b>7.6%</b>`");
    fireEvent.click(screen.getByText("Dismiss"));
    await waitFor(() => expect(document.querySelector(".startup-notices")).toBeNull());
  });

  it("shows no notice when nothing happened while the project opened", async () => {
    await start();
    expect(document.querySelector(".startup-notices")).toBeNull();
  });

  it("asks for the reviewer's name on first launch and stores it", async () => {
    const { backend } = await start(null);
    const input = (await screen.findByLabelText("Name")) as HTMLInputElement;
    fireEvent.submit(input.form!);
    expect(await screen.findByText("Enter your name")).toBeTruthy();
    fireEvent.input(input, { target: { value: "王研究员" } });
    fireEvent.submit(input.form!);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(backend.reviewer).toBe("王研究员");
    expect(document.querySelector(".reviewer")!.textContent).toContain("王研究员");
  });

  it("edits metadata inline with validation next to the field", async () => {
    await start();
    fireEvent.keyDown(window, { key: "e" });
    const year = (await screen.findByLabelText("Year")) as HTMLInputElement;
    fireEvent.input(year, { target: { value: "21" } });
    fireEvent.keyDown(year, { key: "Enter" });
    expect(await screen.findByText("A year like 2021")).toBeTruthy();
    fireEvent.input(year, { target: { value: "2022" } });
    fireEvent.input(screen.getByLabelText("Jurisdiction"), { target: { value: "乌兰察布" } });
    fireEvent.keyDown(year, { key: "Enter" });
    await waitFor(() => expect(screen.queryByLabelText("Year")).toBeNull());
    const row = document.querySelector(".reports-table tbody tr")!;
    expect(row.textContent).toContain("2022");
    expect(row.textContent).toContain("乌兰察布");
  });

  it("imports through the dialog, shows progress events and lists each file's result", async () => {
    await start();
    fireEvent.click(screen.getByText(/Import reports/));
    await waitFor(() => expect(document.querySelector(".import-results")).not.toBeNull());
    const items = [...document.querySelectorAll(".import-results li")].map((li) => li.className);
    expect(items).toEqual(["ir-imported", "ir-duplicate", "ir-failed"]);
    expect(document.querySelector(".ir-failed .ir-msg")!.textContent).toMatch(/unsupported file type/);
    await waitFor(() => expect(document.querySelectorAll(".reports-table tbody tr").length).toBe(2));
  });

  it("checkMeta turns blanks into null and rejects impossible dates", () => {
    const f = metaForm(SEED.reports[0]);
    expect(checkMeta({ ...f, speaker: "  " }).patch?.speaker).toBeNull();
    expect(checkMeta({ ...f, meetingDate: "2021-02-30" }).errors.meetingDate).toBeDefined();
    expect(checkMeta({ ...f, reportYear: "" }).patch?.reportYear).toBeNull();
  });
});
