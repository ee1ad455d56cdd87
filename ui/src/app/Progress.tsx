export function Progress({ label, done, total, id }: { label: string; done: number; total: number; id?: string }) {
  const pct = total ? (100 * done) / total : 0;
  return (
    <div class="progress" id={id} title={`${label}: ${done} of ${total} reviewed`}>
      <span class="plabel">{label}</span>
      <span class="pbar" role="progressbar" aria-label={`${label} reviewed`} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
        <span class="pfill" style={{ width: `${pct}%` }} />
      </span>
      <span class="pnum">
        <b>{done}</b>/{total}
        <span class="ppct"> {total ? Math.floor(pct) : 0}%</span>
      </span>
    </div>
  );
}
