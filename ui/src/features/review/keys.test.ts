import { describe, expect, it } from "vitest";
import { BINDINGS, commandFor, isTypingTarget } from "./keys";

const k = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) =>
  commandFor({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe("keymap", () => {
  it("maps the documented keys", () => {
    expect(k("j")).toBe("next");
    expect(k("ArrowDown")).toBe("next");
    expect(k("k")).toBe("prev");
    expect(k("a")).toBe("accept");
    expect(k("Enter")).toBe("accept");
    expect(k("x")).toBe("reject");
    expect(k("e")).toBe("edit");
    expect(k("c")).toBe("comment");
    expect(k("u")).toBe("undo");
    expect(k("z", { ctrlKey: true })).toBe("undo");
    expect(k("z", { metaKey: true })).toBe("undo");
    expect(k("Z", { ctrlKey: true, shiftKey: true })).toBe("redo");
    expect(k("y", { ctrlKey: true })).toBe("redo");
    expect(k("n")).toBe("nextUnreviewed");
    expect(k("f")).toBe("nextFlagged");
    expect(k("?", { shiftKey: true })).toBe("help");
    expect(k("+", { shiftKey: true })).toBe("addFromSelection");
  });
  it("ignores shifted letters, Alt chords and unbound keys", () => {
    expect(k("A", { shiftKey: true })).toBeNull();
    expect(k("a", { altKey: true })).toBeNull();
    expect(k("q")).toBeNull();
    expect(k("a", { ctrlKey: true })).toBeNull();
  });
  it("no key is bound twice", () => {
    const all = BINDINGS.flatMap((b) => b.keys);
    expect(new Set(all).size).toBe(all.length);
  });
  it("treats form fields as typing targets", () => {
    expect(isTypingTarget(document.createElement("input"))).toBe(true);
    expect(isTypingTarget(document.createElement("textarea"))).toBe(true);
    expect(isTypingTarget(document.createElement("div"))).toBe(false);
  });
});
