import type { ReviewStatus } from "../../ipc/api";

// A glyph per status so the state reads without colour (and in greyscale prints).
export const STATUS_GLYPH: Record<ReviewStatus, string> = {
  unreviewed: "",
  accepted: "✓",
  corrected: "✎",
  rejected: "✕",
};

export const STATUS_LABEL: Record<ReviewStatus, string> = {
  unreviewed: "Unreviewed",
  accepted: "Accepted",
  corrected: "Corrected",
  rejected: "Rejected",
};

export function StatusMark({ status, pending }: { status: ReviewStatus; pending?: string }) {
  if (pending) {
    return (
      <span class="smark s-pending" title={`Saving ${pending}…`} aria-label={`saving ${pending}`}>
        ⋯
      </span>
    );
  }
  return (
    <span class={`smark s-${status}`} title={STATUS_LABEL[status]} aria-label={status}>
      {STATUS_GLYPH[status]}
    </span>
  );
}
