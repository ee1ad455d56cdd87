// Phrase timeline: per phrase, a table of jurisdictions × years with the
// count (or the rate per 10,000 characters) and a bar, so a phrase that
// appears, grows or vanishes stands out.
import type { PhraseTimelineDto } from "../../ipc/api";

export function PhraseTables({ timelines, per10k }: { timelines: PhraseTimelineDto[]; per10k: boolean }) {
  return (
    <>
      {timelines.map((t) => {
        const years = [...new Set(t.jurisdictions.flatMap((j) => j.points.map((p) => p.year)))].sort((a, b) => (a ?? 9999) - (b ?? 9999));
        const value = (p: { count: number; per10k: number | null }) => (per10k ? p.per10k ?? 0 : p.count);
        const max = Math.max(0, ...t.jurisdictions.flatMap((j) => j.points.map(value)));
        return (
          <section class="ph" data-phrase={t.phrase}>
            <h3>
              <span lang="zh-CN">{t.phrase}</span> <span class="muted">· {t.total} occurrence{t.total === 1 ? "" : "s"}</span>
            </h3>
            <table class="ph-table">
              <thead>
                <tr>
                  <th>Jurisdiction</th>
                  {years.map((y) => (
                    <th class="num">{y ?? "?"}</th>
                  ))}
                  <th class="num">Total</th>
                </tr>
              </thead>
              <tbody>
                {t.jurisdictions.map((j) => (
                  <tr data-jurisdiction={j.jurisdiction}>
                    <td lang="zh-CN">{j.jurisdiction}</td>
                    {years.map((y) => {
                      const ps = j.points.filter((p) => p.year === y);
                      if (!ps.length) return <td class="none" />;
                      const v = ps.reduce((a, p) => a + value(p), 0);
                      const count = ps.reduce((a, p) => a + p.count, 0);
                      return (
                        <td class={`num cell${count ? "" : " zero"}`} data-year={y ?? ""} title={`${count} in ${ps.length} report(s); ${ps.map((p) => p.per10k).join(", ")} per 10,000 characters`}>
                          <span class="v">{per10k ? v.toFixed(2) : v}</span>
                          <span class="phbar">
                            <span class="phfill" style={{ width: `${max ? (100 * v) / max : 0}%` }} />
                          </span>
                        </td>
                      );
                    })}
                    <td class="num">{j.total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </>
  );
}
