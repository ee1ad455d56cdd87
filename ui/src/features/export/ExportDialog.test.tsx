import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { App } from "../../app/App";
import { AppStore } from "../../app/appStore";
import { SEED, withBackend } from "../../test/setup";
import { resetLastFolder } from "./exportStore";

afterEach(() => {
  cleanup();
  resetLastFolder();
});

async function start() {
  const { backend, api } = withBackend([SEED], { reviewer: "测试员" });
  const app = new AppStore(api);
  render(<App app={app} />);
  await waitFor(() => expect(document.querySelector(".reports-table tbody tr")).not.toBeNull());
  return { backend, app };
}

const dialog = () => screen.queryByRole("dialog", { name: "Export the dataset" });

describe("export dialog", () => {
  it("opens with S on the reports screen, focuses the format, keeps the screen's keys out, closes with Escape", async () => {
    const { app } = await start();
    const opener = screen.getByText(/Export dataset…/).closest("button")!;
    opener.focus();
    fireEvent.keyDown(opener, { key: "s" });
    await waitFor(() => expect(dialog()).not.toBeNull());
    await waitFor(() => expect((document.activeElement as HTMLInputElement).value).toBe("csv"));
    // The whole project first, the selected report offered; CSV shows the BOM toggle, on.
    expect((screen.getByLabelText(/^Whole project/) as HTMLInputElement).checked).toBe(true);
    expect(dialog()!.textContent).toContain("乌兰察布市 2021");
    expect((screen.getByLabelText(/byte order mark/) as HTMLInputElement).checked).toBe(true);
    // "c" (compare on this screen) pressed inside the dialog does nothing behind it.
    fireEvent.keyDown(screen.getByText("Choose file…"), { key: "c" });
    expect(app.screen.value.name).toBe("reports");
    fireEvent.keyDown(document.activeElement!, { key: "Escape" });
    await waitFor(() => expect(dialog()).toBeNull());
    expect(document.activeElement).toBe(opener);
  });

  it("exports and shows the path as text, with Copy path; XLSX hides the BOM toggle", async () => {
    const { backend } = await start();
    backend.savePath = '/home/r/<img src=x onerror="alert(1)">.xlsx';
    fireEvent.click(screen.getByText(/Export dataset…/));
    await waitFor(() => expect(dialog()).not.toBeNull());
    fireEvent.click(screen.getByLabelText("Excel (XLSX)"));
    expect(screen.queryByLabelText(/byte order mark/)).toBeNull();
    fireEvent.click(screen.getByLabelText(/^Whole project/));
    fireEvent.click(screen.getByText(/^Export/, { selector: "button.primary" }));
    await waitFor(() => expect(dialog()!.dataset.phase).toBe("done"));
    expect(dialog()!.querySelector("img")).toBeNull();
    expect((screen.getByLabelText("Saved to") as HTMLInputElement).value).toBe('/home/r/<img src=x onerror="alert(1)">.xlsx');
    expect(dialog()!.textContent).toContain(`Exported ${SEED.figures.length} figures from 1 report`);
    expect(screen.getByText("Copy path")).toBeTruthy();
    expect(backend.exports[0].request).toMatchObject({ format: "xlsx", reportId: null, bom: false });
  });

  it("shows the backend's error and goes back to the options", async () => {
    const { backend } = await start();
    backend.savePath = "/readonly/x.csv";
    fireEvent.keyDown(window, { key: "s" });
    await waitFor(() => expect(dialog()).not.toBeNull());
    fireEvent.keyDown(document.activeElement!, { key: "Enter" });
    await waitFor(() => expect(dialog()!.dataset.phase).toBe("error"));
    expect(screen.getByRole("alert").textContent).toMatch(/cannot write \/readonly\/x\.csv/);
    fireEvent.click(screen.getByText("Back to the options"));
    expect(dialog()!.dataset.phase).toBe("form");
    expect(dialog()!.textContent).toContain("/readonly/x.csv");
  });
});
