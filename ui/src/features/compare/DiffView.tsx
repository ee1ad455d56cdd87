// The wording diff: side by side (one scroller, rows aligned, so both sides
// scroll together) or inline; "changes only" folds unchanged paragraphs; the
// change under the cursor opens a panel with both contexts and the figures
// in the changed text. Report text is rendered only as text.
import { useEffect, useRef } from "preact/hooks";
import type { BlockDto, ChangedFigureDto, ComparisonDto, SegmentDto } from "../../ipc/api";
import { fmtSigned, pct, runs, sideSegments, type Side } from "./compareModel";
import type { CompareStore } from "./compareStore";

const KIND_LABEL: Record<BlockDto["kind"], string> = {
  equal: "unchanged",
  modified: "reworded",
  moved: "moved",
  deleted: "only in old",
  inserted: "only in new",
};

function segClass(seg: SegmentDto): string {
  let c = seg.op === "equal" ? "ds eq" : seg.op === "delete" ? "ds del" : "ds ins";
  if (seg.valueChange !== null) c += " vc";
  if (seg.figureIds.length) c += " hasfig";
  return c;
}

/** One side of a block: its segments (equal and this side's changes). */
function SideText({ b, side }: { b: BlockDto; side: Side }) {
  const ex = side === "old" ? b.old : b.new;
  if (!ex) return null;
  if (b.kind === "equal") return <>{ex.text}</>;
  if (b.kind === "deleted" || b.kind === "inserted") {
    return <span class={side === "old" ? "ds del whole" : "ds ins whole"}>{ex.text}</span>;
  }
  return (
    <>
      {sideSegments(b, side).map(({ seg, index }) => (
        <span key={index} class={segClass(seg)} data-seg={index}>
          {(side === "old" ? seg.old : seg.new)?.text ?? ""}
        </span>
      ))}
    </>
  );
}

/** Both sides in one paragraph: deletions struck, insertions underlined. */
function InlineText({ b }: { b: BlockDto }) {
  if (b.kind === "equal") return <>{b.new?.text ?? b.old?.text ?? ""}</>;
  if (b.kind === "deleted") return <span class="ds del whole">{b.old?.text}</span>;
  if (b.kind === "inserted") return <span class="ds ins whole">{b.new?.text}</span>;
  return (
    <>
      {b.segments.map((seg, i) => (
        <span key={i} class={segClass(seg)} data-seg={i}>
          {(seg.op === "delete" ? seg.old : seg.new ?? seg.old)?.text ?? ""}
        </span>
      ))}
    </>
  );
}

function sectionHeading(cmp: ComparisonDto, b: BlockDto, side: Side): string | null {
  if (b.section === null) return null;
  const s = cmp.sections[b.section]?.[side];
  return s && !s.preamble ? s.heading : null;
}

function BlockRow({ cmp, index, store, inline }: { cmp: ComparisonDto; index: number; store: CompareStore; inline: boolean }) {
  const b = cmp.blocks[index];
  const current = store.current.value === index;
  const cls = `drow k-${b.kind}${current ? " current" : ""}`;
  const click = () => (b.kind === "equal" ? (store.current.value = index) : store.focus(index));
  const badge = b.kind === "equal" ? null : (
    <span class={`kbadge k-${b.kind}`}>
      {KIND_LABEL[b.kind]}
      {b.kind === "modified" || b.kind === "moved" ? ` · ${pct(b.similarity)}` : ""}
    </span>
  );
  if (inline) {
    return (
      <div class={cls} data-block={index} onClick={click}>
        <div class="dcell inline" lang="zh-CN">
          {badge}
          <InlineText b={b} />
        </div>
      </div>
    );
  }
  return (
    <div class={cls} data-block={index} onClick={click}>
      <div class={`dcell old${b.old ? "" : " empty"}`} lang="zh-CN">
        {b.old ? <SideText b={b} side="old" /> : null}
      </div>
      <div class={`dcell new${b.new ? "" : " empty"}`} lang="zh-CN">
        {badge}
        {b.new ? <SideText b={b} side="new" /> : null}
      </div>
    </div>
  );
}

export function DiffBody({ cmp, store }: { cmp: ComparisonDto; store: CompareStore }) {
  const inline = store.view.value === "inline";
  const scroller = useRef<HTMLDivElement>(null);
  const current = store.current.value;
  useEffect(() => {
    if (current === null) return;
    scroller.current?.querySelector(`[data-block="${current}"]`)?.scrollIntoView({ block: "center" });
  }, [current, inline, store.changesOnly.value]);
  let lastSection: number | null | undefined = undefined;
  const rows = runs(cmp, store.changesOnly.value).map((r) => {
    if (r.type === "folded") {
      lastSection = undefined;
      return (
        <div class="folded" key={`f${r.from}`}>
          ⋯ {r.count} unchanged paragraph{r.count === 1 ? "" : "s"}
        </div>
      );
    }
    const b = cmp.blocks[r.index];
    const out = [];
    if (b.section !== lastSection && b.section !== null) {
      const [ho, hn] = [sectionHeading(cmp, b, "old"), sectionHeading(cmp, b, "new")];
      if (ho || hn) {
        out.push(
          inline ? (
            <div class="dsec" key={`s${r.index}`} lang="zh-CN">
              {hn ?? ho}
            </div>
          ) : (
            <div class="dsec side" key={`s${r.index}`} lang="zh-CN">
              <span>{ho ?? "—"}</span>
              <span>{hn ?? "—"}</span>
            </div>
          ),
        );
      }
    }
    lastSection = b.section;
    out.push(<BlockRow key={r.index} cmp={cmp} index={r.index} store={store} inline={inline} />);
    return out;
  });
  return (
    <div class={`diff-scroll ${inline ? "inline" : "side"}`} ref={scroller} tabIndex={0} aria-label="Differences">
      {inline ? null : (
        <div class="dhead">
          <span>
            {cmp.old.jurisdiction} {cmp.old.reportYear} <span class="muted">· {cmp.old.fileName}</span>
          </span>
          <span>
            {cmp.new.jurisdiction} {cmp.new.reportYear} <span class="muted">· {cmp.new.fileName}</span>
          </span>
        </div>
      )}
      {rows}
    </div>
  );
}

/** The change under the cursor: both paragraphs, the numbers that changed, the figures in changed text. */
export function ContextPanel({ cmp, store, openFigure }: { cmp: ComparisonDto; store: CompareStore; openFigure: (reportId: number, figureId: number) => void }) {
  const i = store.current.value;
  if (i === null || !store.contextOpen.value) return null;
  const b = cmp.blocks[i];
  const values = cmp.valueChanges.filter((v) => v.block === i && v.kind === "quantity");
  const figures: ChangedFigureDto[] = cmp.changedFigures.filter((f) => f.block === i);
  const side = (s: Side) => {
    const info = s === "old" ? cmp.old : cmp.new;
    const ex = s === "old" ? b.old : b.new;
    const heading = sectionHeading(cmp, b, s);
    return (
      <div class={`ctx-side ${s}`}>
        <div class="label">
          {s === "old" ? "Old" : "New"} · {info.jurisdiction} {info.reportYear}
          {ex ? ` · paragraph ${(s === "old" ? b.oldParagraph : b.newParagraph)! + 1}` : ""}
        </div>
        {heading ? (
          <div class="ctx-heading" lang="zh-CN">
            {heading}
          </div>
        ) : null}
        <p class="ctx-text" lang="zh-CN">
          {ex ? <SideText b={b} side={s} /> : <span class="muted">(not in this report)</span>}
        </p>
      </div>
    );
  };
  return (
    <aside class="ctx" aria-label="Change in context">
      <div class="ctx-head">
        <b>{KIND_LABEL[b.kind]}</b>
        {b.kind === "modified" || b.kind === "moved" ? <span class="muted">similarity {pct(b.similarity)}</span> : null}
        {b.granularity !== "phrase" ? <span class="flagged">diffed by {b.granularity}</span> : null}
        <span class="spacer" />
        <button type="button" class="small" onClick={() => (store.contextOpen.value = false)} title="Close (Esc)">
          ✕
        </button>
      </div>
      {side("old")}
      {side("new")}
      {values.length ? (
        <div class="ctx-values">
          <div class="label">Numbers that changed</div>
          <ul>
            {values.map((v) => (
              <li lang="zh-CN">
                <span class="ctx-context">{v.context}</span> <span class="ds del">{v.old.text}</span> →{" "}
                <span class="ds ins">{v.new.text}</span>
                {v.oldValue !== null && v.newValue !== null && v.oldUnit === v.newUnit ? (
                  <span class="muted"> ({fmtSigned(v.newValue - v.oldValue)}{v.newUnit === "%" ? " 个百分点" : v.newUnit})</span>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div class="ctx-figs">
        <div class="label">Figures in the changed text</div>
        {figures.length ? (
          <ul>
            {figures.map((f) => (
              <li>
                <span class={`side-tag ${f.side}`}>{f.side === "old" ? cmp.old.reportYear ?? "old" : cmp.new.reportYear ?? "new"}</span>
                <span lang="zh-CN" class="fig-text">
                  {f.text}
                </span>
                <span lang="zh-CN" class="muted">
                  {f.indicator ?? "no indicator"}
                </span>
                <button type="button" class="small link-fig" onClick={() => openFigure(f.reportId, f.figureId)}>
                  Review row #{f.figureId} →
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <div class="muted">None.</div>
        )}
      </div>
    </aside>
  );
}
