// The compare screen's state: the two reports, their comparison, the view
// options, the change under the cursor; the figure and phrase timelines.
// The backend computes everything; this only holds what it last said.
import { batch, signal } from "@preact/signals";
import type { Api, ComparisonDto, IndicatorTimelineDto, PhraseTimelineDto, ReportRow } from "../../ipc/api";
import { changeIndexes, defaultPair, stepChange } from "./compareModel";

export type Tab = "diff" | "timeline" | "phrases";
export type View = "side" | "inline";

export const DEFAULT_PHRASES = "新能源 稳中求进 乡村振兴";
export const DEFAULT_INDICATOR = "地区生产总值";

export class CompareStore {
  readonly tab = signal<Tab>("diff");
  readonly reports = signal<ReportRow[]>([]);
  readonly oldId = signal<number | null>(null);
  readonly newId = signal<number | null>(null);
  readonly exact = signal(false);
  readonly comparison = signal<ComparisonDto | null>(null);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  readonly view = signal<View>("side");
  readonly changesOnly = signal(false);
  /** The block under the cursor (a change), and whether its context panel is open. */
  readonly current = signal<number | null>(null);
  readonly contextOpen = signal(false);

  readonly indicator = signal(DEFAULT_INDICATOR);
  readonly jurisdiction = signal("");
  readonly timelines = signal<IndicatorTimelineDto[] | null>(null);
  readonly timelineLoading = signal(false);
  readonly phrasesInput = signal(DEFAULT_PHRASES);
  readonly phrases = signal<PhraseTimelineDto[] | null>(null);
  readonly phrasesLoading = signal(false);
  readonly per10k = signal(false);

  private seq = 0;
  private changes: number[] = [];

  constructor(readonly api: Api) {}

  /** Loads the reports and, first time, compares the default pair. */
  async start(preferred: number | null = null) {
    try {
      this.reports.value = await this.api.listReports();
    } catch (e) {
      this.error.value = `Could not list the reports: ${(e as Error).message}`;
      return;
    }
    if (this.oldId.value === null || this.newId.value === null) {
      const pair = defaultPair(this.reports.value, preferred);
      if (pair) await this.pick(pair[0], pair[1]);
    }
  }

  async pick(oldId: number | null, newId: number | null) {
    batch(() => {
      this.oldId.value = oldId;
      this.newId.value = newId;
    });
    await this.compare();
  }

  swap() {
    return this.pick(this.newId.value, this.oldId.value);
  }

  async compare() {
    const [a, b] = [this.oldId.value, this.newId.value];
    if (a === null || b === null) return;
    if (a === b) {
      batch(() => {
        this.comparison.value = null;
        this.error.value = "Pick two different reports.";
      });
      return;
    }
    const seq = ++this.seq;
    batch(() => {
      this.loading.value = true;
      this.error.value = null;
    });
    try {
      const cmp = await this.api.compareReports(a, b, { fold: !this.exact.value, ignoreWhitespace: !this.exact.value });
      if (seq !== this.seq) return;
      this.changes = changeIndexes(cmp);
      batch(() => {
        this.comparison.value = cmp;
        this.current.value = null;
        this.contextOpen.value = false;
        this.loading.value = false;
      });
    } catch (e) {
      if (seq !== this.seq) return;
      batch(() => {
        this.loading.value = false;
        this.comparison.value = null;
        this.error.value = (e as Error).message;
      });
    }
  }

  get changeCount() {
    return this.changes.length;
  }

  /** Position of the current change among all changes, 1-based (0 when none). */
  get changeOrdinal() {
    const c = this.current.value;
    return c === null ? 0 : this.changes.indexOf(c) + 1;
  }

  step(dir: 1 | -1) {
    const next = stepChange(this.changes, this.current.value, dir);
    if (next !== null) this.current.value = next;
    return next;
  }

  /** Select a block; a change opens its context panel. */
  focus(block: number, open = true) {
    batch(() => {
      this.current.value = block;
      this.contextOpen.value = open;
    });
  }

  async loadTimeline() {
    this.timelineLoading.value = true;
    this.error.value = null;
    try {
      const t = await this.api.figureTimeline(this.indicator.value.trim() || null, this.jurisdiction.value || null);
      this.timelines.value = t;
    } catch (e) {
      this.error.value = (e as Error).message;
    } finally {
      this.timelineLoading.value = false;
    }
  }

  async loadPhrases(phrases: string[]) {
    if (!phrases.length) {
      this.error.value = "Type one or more phrases, separated by spaces.";
      return;
    }
    this.phrasesLoading.value = true;
    this.error.value = null;
    try {
      this.phrases.value = await this.api.phraseTimeline(phrases);
    } catch (e) {
      this.error.value = (e as Error).message;
    } finally {
      this.phrasesLoading.value = false;
    }
  }
}

/** One store per app, so the screen comes back as it was left (after opening a figure's review row). */
const stores = new WeakMap<object, CompareStore>();
export function compareStoreFor(owner: object, api: Api): CompareStore {
  let s = stores.get(owner);
  if (!s) {
    s = new CompareStore(api);
    stores.set(owner, s);
  }
  return s;
}
