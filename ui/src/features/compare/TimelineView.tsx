// Figure timeline: per jurisdiction and indicator, a table per measure with
// each year's target (that year's report), estimate and outcome (next year's
// report), the gap, and flags: disagreements between reports, several values
// in one report, breaks in the series (marked by a rule across the table).
import type { GapDto, IndicatorTimelineDto, SeriesDto, StatementDto, TimelineRowDto } from "../../ipc/api";
import { fmtSigned } from "./compareModel";

const MEASURE_LABEL: Record<SeriesDto["measure"], string> = {
  level: "level 总量",
  growth: "growth 增长",
  avg_growth: "average growth 年均增长",
  rate: "rate 比率",
  share: "share 比重",
  change_pp: "change 百分点变化",
  multiple: "multiple 倍数",
  qualitative: "qualitative",
  other: "other 其他",
};

const FLAG_LABEL = { disagreement: "≠ disagreement", ambiguous: "? several values", break: "⚡ break" } as const;

type Open = (reportId: number, figureId: number) => void;

function Stmt({ s, open }: { s: StatementDto | null; open: Open }) {
  if (!s) return <span class="unknown">—</span>;
  return (
    <span class="stmt">
      <button type="button" class="link" lang="zh-CN" title={`Open figure #${s.figureId} in ${s.fileName}`} onClick={() => open(s.reportId, s.figureId)}>
        {s.shown}
      </button>
      <span class="yr">{s.reportYear ?? "?"}</span>
    </span>
  );
}

function Gap({ g }: { g: GapDto | null }) {
  if (!g) return <span class="unknown">—</span>;
  const sign = g.value === null ? "zero" : g.value > 0 ? "pos" : g.value < 0 ? "neg" : "zero";
  return (
    <span class={`gap ${sign}`}>
      {fmtSigned(g.value)}
      <span class="unit">{g.unit}</span>
      {g.relative !== null ? <span class="muted"> ({fmtSigned(g.relative)}%)</span> : null}
      {g.met === true ? <span class="met"> ✓ met</span> : g.met === false ? <span class="missed"> ✕ missed</span> : null}
      {g.basis === "estimate" ? <span class="muted"> vs estimate</span> : null}
    </span>
  );
}

function Row({ r, open }: { r: TimelineRowDto; open: Open }) {
  const kinds = [...new Set(r.flags.map((f) => f.kind))];
  const cls = [kinds.includes("break") ? "brk" : "", kinds.includes("disagreement") ? "dis" : "", kinds.includes("ambiguous") ? "amb" : ""].filter(Boolean).join(" ");
  return (
    <>
      <tr class={cls} data-period={r.period}>
        <td class="num period">{r.period}</td>
        <td>
          <Stmt s={r.target} open={open} />
        </td>
        <td>
          <Stmt s={r.estimate} open={open} />
        </td>
        <td>
          <Stmt s={r.outcome} open={open} />
          {r.restated.length ? (
            <div class="restated">
              also stated:{" "}
              {r.restated.map((s) => (
                <Stmt s={s} open={open} />
              ))}
            </div>
          ) : null}
        </td>
        <td>
          <Gap g={r.gap} />
        </td>
        <td>
          {kinds.map((k) => (
            <span class={`tflag ${k}`}>{FLAG_LABEL[k]}</span>
          ))}
        </td>
      </tr>
      {r.flags.map((f) => (
        <tr class={`flag-msg ${f.kind}`}>
          <td />
          <td colSpan={5} lang="zh-CN">
            {f.message}
          </td>
        </tr>
      ))}
    </>
  );
}

export function TimelineTables({ timelines, open }: { timelines: IndicatorTimelineDto[]; open: Open }) {
  if (!timelines.length) return <div class="empty">No figures of this indicator in the project (rejected figures are left out).</div>;
  return (
    <>
      {timelines.map((t) => (
        <section class="tl" data-jurisdiction={t.jurisdiction}>
          <h3 lang="zh-CN">
            {t.jurisdiction} · {t.indicator}
            {t.disagreements ? <span class="tflag disagreement">{t.disagreements} disagreement{t.disagreements > 1 ? "s" : ""}</span> : null}
            {t.breaks ? <span class="tflag break">{t.breaks} break{t.breaks > 1 ? "s" : ""}</span> : null}
            {t.ambiguities ? <span class="tflag ambiguous">{t.ambiguities} with several values</span> : null}
          </h3>
          {t.series.map((s) => (
            <table class="tl-table" data-measure={s.measure}>
              <caption>
                {MEASURE_LABEL[s.measure]} <span class="muted">({s.unitBase || "no unit"})</span>
              </caption>
              <thead>
                <tr>
                  <th class="num">Year</th>
                  <th>Target (that year's report)</th>
                  <th>Estimate</th>
                  <th>Outcome (next report)</th>
                  <th>Gap</th>
                  <th>Flags</th>
                </tr>
              </thead>
              <tbody>
                {s.rows.map((r) => (
                  <Row r={r} open={open} />
                ))}
              </tbody>
            </table>
          ))}
        </section>
      ))}
    </>
  );
}

