// The whole report with every figure span marked. Built imperatively once per
// report (tens of thousands of characters, thousands of spans) and then only
// patched — class changes for status and cursor — so a keystroke never
// re-renders the text. Report text only ever enters the DOM via textContent.
import { useLayoutEffect, useRef } from "preact/hooks";
import { effect } from "@preact/signals";
import type { FigureRow } from "../../ipc/api";
import type { ReviewStore } from "./reviewStore";
import { layoutText, offsetOf } from "./textLayout";

export interface TextSelection {
  start: number;
  end: number;
  text: string;
}

export function TextPane({ store, onSelect }: { store: ReviewStore; onSelect: (s: TextSelection | null) => void }) {
  const host = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const root = host.current!;
    let els = new Map<number, HTMLElement[]>();
    let statusOf = new Map<number, string>();
    let builtFor: { text: unknown; count: number } | null = null;
    let marked: HTMLElement[] = [];

    const build = (figs: FigureRow[]) => {
      const rt = store.text.value;
      root.replaceChildren();
      els = new Map();
      statusOf = new Map();
      marked = [];
      if (!rt) return;
      const frag = document.createDocumentFragment();
      for (const p of layoutText(rt, figs)) {
        const pe = document.createElement(p.heading ? "h3" : "p");
        pe.className = "tp-para";
        for (const r of p.runs) {
          const s = document.createElement(r.figureIds.length ? "mark" : "span");
          s.dataset.o = String(r.start);
          s.textContent = rt.text.slice(r.start, r.end);
          if (r.garbled) s.classList.add("garbled");
          if (r.figureIds.length) {
            s.classList.add("fig");
            s.dataset.fid = String(r.figureIds[0]);
            for (const id of r.figureIds) {
              const list = els.get(id);
              if (list) list.push(s);
              else els.set(id, [s]);
            }
          }
          pe.appendChild(s);
        }
        frag.appendChild(pe);
      }
      root.appendChild(frag);
    };

    const paintStatus = (figs: FigureRow[]) => {
      for (const f of figs) {
        if (statusOf.get(f.id) === f.status) continue;
        statusOf.set(f.id, f.status);
        for (const el of els.get(f.id) ?? []) {
          // A span shared by two figures shows the first figure's state.
          if (el.dataset.fid === String(f.id)) el.dataset.status = f.status;
        }
      }
    };

    let scrollFrame = 0;
    const applyCursor = (cur: FigureRow | null) => {
      for (const el of marked) el.classList.remove("current");
      marked = cur ? (els.get(cur.id) ?? []) : [];
      for (const el of marked) el.classList.add("current");
      // Measure in the next frame, after the other panes have written their DOM:
      // measuring now would force a layout that the frame then redoes.
      cancelAnimationFrame(scrollFrame);
      scrollFrame = requestAnimationFrame(() => {
        const el = marked[0];
        if (!el) return;
        // Centre the span unless it is already comfortably in view. scrollIntoView
        // (not offsetTop arithmetic) because off-screen paragraphs have only
        // estimated heights under content-visibility; nothing above the pane scrolls.
        const r = el.getBoundingClientRect();
        const box = root.getBoundingClientRect();
        if (r.top < box.top + box.height * 0.15 || r.bottom > box.top + box.height * 0.8) {
          el.scrollIntoView({ block: "center", inline: "nearest" });
        }
      });
    };

    const disposeFigures = effect(() => {
      const figs = store.figures.value;
      const text = store.text.value;
      if (!builtFor || builtFor.text !== text || builtFor.count !== figs.length) {
        build(figs);
        builtFor = { text, count: figs.length };
        // A rebuild dropped the cursor mark; the two effects may run in either order.
        applyCursor(store.current.peek());
      }
      paintStatus(figs);
    });

    const disposeCursor = effect(() => applyCursor(store.current.value));

    return () => {
      cancelAnimationFrame(scrollFrame);
      disposeFigures();
      disposeCursor();
    };
  }, [store]);

  const onMouseUp = () => {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return onSelect(null);
    const range = sel.getRangeAt(0);
    const root = host.current!;
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return onSelect(null);
    let start = offsetOf(range.startContainer, range.startOffset);
    let end = offsetOf(range.endContainer, range.endOffset);
    const text = store.text.value?.text ?? "";
    if (start === null || end === null || end <= start) return onSelect(null);
    // Trim whitespace the mouse tends to catch at either end.
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end <= start) return onSelect(null);
    onSelect({ start, end, text: text.slice(start, end) });
  };

  const onClick = (e: MouseEvent) => {
    const sel = window.getSelection();
    if (sel && !sel.isCollapsed) return;
    const t = (e.target as HTMLElement).closest<HTMLElement>("mark.fig");
    if (t?.dataset.fid) store.select(Number(t.dataset.fid));
  };

  return <div class="tpane" ref={host} onMouseUp={onMouseUp} onClick={onClick} aria-label="Report text" tabIndex={-1} />;
}
