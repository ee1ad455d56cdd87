// A virtualised list: only the rows in view (plus a margin) exist in the DOM,
// so 2 000+ figures cost the same per keystroke as 20.
import { useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { memo } from "preact/compat";
import type { FigureRow } from "../../ipc/api";
import type { ReviewStore } from "./reviewStore";
import { StatusMark } from "./StatusMark";
import { formatValue } from "./validate";

export const ROW_HEIGHT = 28;
const OVERSCAN = 10;

const KIND_SHORT = { actual: "actual", estimate: "estimate", target: "target" } as const;

interface RowProps {
  fig: FigureRow;
  selected: boolean;
  pending: string | undefined;
  onPick: (id: number) => void;
}

const Row = memo(function Row({ fig, selected, pending, onPick }: RowProps) {
  const f = fig.fields;
  return (
    <div
      id={`fig-${fig.id}`}
      role="option"
      aria-selected={selected}
      class={`frow${selected ? " selected" : ""}${pending ? " pending" : ""}`}
      data-status={fig.status}
      data-id={fig.id}
      onMouseDown={(e) => {
        e.preventDefault();
        onPick(fig.id);
      }}
    >
      <StatusMark status={fig.status} pending={pending} />
      <span class="c-ord">{fig.ord + 1}</span>
      <span class={`c-ind${f.indicator ? "" : " none"}`} title={f.indicator ?? "outside the catalog"}>
        {f.indicator ?? "—"}
      </span>
      <span class="c-val">{formatValue(f)}</span>
      <span class={`c-kind k-${f.kind}`}>{KIND_SHORT[f.kind]}</span>
      <span class="c-per">{f.period ?? ""}</span>
      <span class="c-flag" title={fig.flags.map((x) => x.reason).join("\n")}>
        {fig.flags.length ? `⚑${fig.flags.length > 1 ? fig.flags.length : ""}` : ""}
        {fig.comment ? <span class="has-comment" title={fig.comment}>✎</span> : null}
      </span>
    </div>
  );
});

export function FigureList({ store }: { store: ReviewStore }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const vis = store.visible.value;
  const currentId = store.currentId.value;
  const pending = store.pending.value;
  // Stable across renders so memoised rows skip re-rendering.
  const pick = useMemo(() => (id: number) => store.select(id), [store]);
  const curIndex = currentId === null ? undefined : store.visiblePosition.value.get(currentId);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight || 600));
    ro.observe(el);
    setHeight(el.clientHeight || 600);
    return () => ro.disconnect();
  }, []);

  // Keep the current row in view, scrolling as little as possible. Works from
  // the tracked scroll offset and height, never reading layout: a forced
  // layout here would run once more per keystroke on top of the frame's own.
  const scrollRef = useRef(0);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || curIndex === undefined) return;
    const top = curIndex * ROW_HEIGHT;
    let next = scrollRef.current;
    if (top < next + ROW_HEIGHT) next = Math.max(0, top - ROW_HEIGHT);
    else if (top + 2 * ROW_HEIGHT > next + height) next = top + 2 * ROW_HEIGHT - height;
    next = Math.max(0, Math.min(next, vis.length * ROW_HEIGHT - height));
    if (next !== scrollRef.current) {
      el.scrollTop = next;
      scrollRef.current = next;
      setScrollTop(next);
    }
  }, [curIndex, vis.length, height]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(vis.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const rows = [];
  for (let i = first; i < last; i++) {
    const f = vis[i];
    rows.push(<Row key={f.id} fig={f} selected={f.id === currentId} pending={pending.get(f.id)} onPick={pick} />);
  }

  return (
    <div class="flist">
      <div class="flist-head" aria-hidden="true">
        <span />
        <span class="c-ord">#</span>
        <span class="c-ind">Indicator</span>
        <span class="c-val">Value</span>
        <span class="c-kind">Kind</span>
        <span class="c-per">Period</span>
        <span class="c-flag">Flags</span>
      </div>
      <div
        class="flist-body"
        ref={scroller}
        role="listbox"
        aria-label="Figures"
        aria-activedescendant={currentId !== null && curIndex !== undefined ? `fig-${currentId}` : undefined}
        onScroll={(e) => {
          scrollRef.current = (e.currentTarget as HTMLDivElement).scrollTop;
          setScrollTop(scrollRef.current);
        }}
      >
        {vis.length === 0 ? (
          <div class="empty">{store.loading.value ? "Loading…" : "No figure matches the filters."}</div>
        ) : (
          <div class="flist-spacer" style={{ height: `${vis.length * ROW_HEIGHT}px` }}>
            <div class="flist-window" style={{ transform: `translateY(${first * ROW_HEIGHT}px)` }}>
              {rows}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
