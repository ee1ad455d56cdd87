import type { FigureRow, Kind, ReviewStatus } from "../../ipc/api";

export interface Filters {
  status: "all" | ReviewStatus;
  kind: "all" | Kind;
  /** "all", a canonical indicator name, or NO_INDICATOR for quantities outside the catalog. */
  indicator: string;
  flaggedOnly: boolean;
  /** "catalog": only figures with a catalog indicator; "all": every quantity the extractor found. */
  scope: "catalog" | "all";
  search: string;
}

export const NO_INDICATOR = "\u0000none";

export const DEFAULT_FILTERS: Filters = {
  status: "all",
  kind: "all",
  indicator: "all",
  flaggedOnly: false,
  scope: "all",
  search: "",
};

export function isFiltered(f: Filters): boolean {
  return (
    f.status !== "all" || f.kind !== "all" || f.indicator !== "all" || f.flaggedOnly || f.scope !== "all" || f.search.trim() !== ""
  );
}

/** A predicate for one filter state; `text` is the report text, for searching in source sentences. */
export function figureMatcher(f: Filters, text: string): (fig: FigureRow) => boolean {
  const q = f.search.trim().toLowerCase();
  return (fig) => {
    if (f.status !== "all" && fig.status !== f.status) return false;
    if (f.kind !== "all" && fig.fields.kind !== f.kind) return false;
    if (f.flaggedOnly && fig.flags.length === 0) return false;
    if (f.scope === "catalog" && fig.fields.indicator === null) return false;
    if (f.indicator !== "all") {
      if (f.indicator === NO_INDICATOR ? fig.fields.indicator !== null : fig.fields.indicator !== f.indicator) return false;
    }
    if (q) {
      const hay = [
        fig.text,
        fig.fields.indicator ?? "",
        fig.fields.value === null ? "" : String(fig.fields.value),
        fig.comment ?? "",
        text.slice(fig.sentenceStart, fig.sentenceEnd),
      ]
        .join("\u0001")
        .toLowerCase();
      if (!hay.includes(q)) return false;
    }
    return true;
  };
}
