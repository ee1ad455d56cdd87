// The review screen's keymap: one table drives both dispatch and the help overlay.

export type Command =
  | "next"
  | "prev"
  | "first"
  | "last"
  | "pageDown"
  | "pageUp"
  | "accept"
  | "reject"
  | "edit"
  | "comment"
  | "undo"
  | "redo"
  | "nextUnreviewed"
  | "nextFlagged"
  | "addFromSelection"
  | "search"
  | "toggleText"
  | "back"
  | "export"
  | "help";

export interface Binding {
  keys: string[];
  command: Command;
  label: string;
}

/** Key names follow KeyboardEvent.key; "Ctrl+" means Ctrl or ⌘. */
export const BINDINGS: Binding[] = [
  { keys: ["j", "ArrowDown"], command: "next", label: "Next figure" },
  { keys: ["k", "ArrowUp"], command: "prev", label: "Previous figure" },
  { keys: ["Home"], command: "first", label: "First figure" },
  { keys: ["End"], command: "last", label: "Last figure" },
  { keys: ["PageDown"], command: "pageDown", label: "Page down" },
  { keys: ["PageUp"], command: "pageUp", label: "Page up" },
  { keys: ["a", "Enter"], command: "accept", label: "Accept, then next" },
  { keys: ["x"], command: "reject", label: "Reject, then next" },
  { keys: ["e"], command: "edit", label: "Correct the fields (editor)" },
  { keys: ["c"], command: "comment", label: "Comment" },
  { keys: ["u", "Ctrl+z"], command: "undo", label: "Undo last decision" },
  { keys: ["Ctrl+Shift+z", "Ctrl+y"], command: "redo", label: "Redo" },
  { keys: ["n"], command: "nextUnreviewed", label: "Next unreviewed" },
  { keys: ["f"], command: "nextFlagged", label: "Next flagged" },
  { keys: ["+"], command: "addFromSelection", label: "Add a figure from the text selection" },
  { keys: ["/"], command: "search", label: "Search in this report" },
  { keys: ["t"], command: "toggleText", label: "Show / hide the report text" },
  { keys: ["b"], command: "back", label: "Back to the reports" },
  { keys: ["s"], command: "export", label: "Export the dataset (CSV, XLSX, JSONL, panel)…" },
  { keys: ["?"], command: "help", label: "This help" },
];

export function keyName(e: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">): string | null {
  if (e.altKey) return null;
  const ctrl = e.ctrlKey || e.metaKey;
  let key = e.key;
  if (key.length === 1) key = key.toLowerCase();
  if (!ctrl) return key === "?" || key === "+" ? key : e.shiftKey && key.length === 1 ? null : key;
  return `Ctrl+${e.shiftKey ? "Shift+" : ""}${key}`;
}

const BY_KEY = new Map<string, Command>(BINDINGS.flatMap((b) => b.keys.map((k) => [k, b.command] as const)));

export function commandFor(e: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">): Command | null {
  const name = keyName(e);
  return name ? (BY_KEY.get(name) ?? null) : null;
}

/** Typing in a field must never trigger a command. */
export function isTypingTarget(t: EventTarget | null): boolean {
  if (!t || !(t as Element).tagName) return false;
  const el = t as HTMLElement;
  const tag = el.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
}

export function displayKey(k: string): string {
  return k
    .replace("ArrowDown", "↓")
    .replace("ArrowUp", "↑")
    .replace("Ctrl+", "Ctrl ")
    .replace("Shift+", "Shift ")
    .replace(/ ([a-z])$/, (_, c: string) => " " + c.toUpperCase());
}
