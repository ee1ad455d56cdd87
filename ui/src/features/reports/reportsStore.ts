// The reports table and imports. Import runs in the backend (off the UI
// thread there); progress arrives as events, results as the command's answer.
import { signal } from "@preact/signals";
import type { Api, ImportProgress, ImportResult, Level, MetadataPatch, ReportRow, StartupNotice } from "../../ipc/api";

export const LEVELS: Level[] = ["national", "province", "prefecture", "county", "county_city"];
export const LEVEL_LABEL: Record<Level, string> = {
  national: "national 国家",
  province: "province 省",
  prefecture: "prefecture 地级",
  county: "county 县",
  county_city: "county city 县级市",
};

export interface MetaForm {
  jurisdiction: string;
  level: Level | "";
  reportYear: string;
  meetingDate: string;
  speaker: string;
  speakerTitle: string;
}

export function metaForm(r: ReportRow): MetaForm {
  return {
    jurisdiction: r.jurisdiction ?? "",
    level: r.level ?? "",
    reportYear: r.reportYear === null ? "" : String(r.reportYear),
    meetingDate: r.meetingDate ?? "",
    speaker: r.speaker ?? "",
    speakerTitle: r.speakerTitle ?? "",
  };
}

/** Checks the inline metadata form; empty fields become null (unknown). */
export function checkMeta(f: MetaForm): { patch: MetadataPatch | null; errors: Partial<Record<keyof MetaForm, string>> } {
  const errors: Partial<Record<keyof MetaForm, string>> = {};
  const year = f.reportYear.trim();
  if (year && !/^(19[5-9]\d|20\d\d)$/.test(year)) errors.reportYear = "A year like 2021";
  const date = f.meetingDate.trim();
  if (date) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
    if (!m || !d || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) errors.meetingDate = "A date like 2021-02-23";
  }
  if (Object.keys(errors).length) return { patch: null, errors };
  const orNull = (s: string) => (s.trim() ? s.trim() : null);
  return {
    patch: {
      jurisdiction: orNull(f.jurisdiction),
      level: f.level || null,
      reportYear: year ? Number(year) : null,
      meetingDate: orNull(date),
      speaker: orNull(f.speaker),
      speakerTitle: orNull(f.speakerTitle),
    },
    errors,
  };
}

export class ReportsStore {
  readonly reports = signal<ReportRow[]>([]);
  readonly loaded = signal(false);
  readonly error = signal<string | null>(null);
  readonly selectedId = signal<number | null>(null);
  readonly editingId = signal<number | null>(null);
  readonly importing = signal<ImportProgress | null>(null);
  readonly importResults = signal<ImportResult[] | null>(null);
  /** What happened while the project opened; null once dismissed. */
  readonly notices = signal<StartupNotice[] | null>(null);
  private noticesAsked = false;

  constructor(private readonly api: Api) {}

  async load() {
    if (!this.noticesAsked) {
      this.noticesAsked = true;
      this.api.startupNotices().then(
        (n) => (this.notices.value = n.length ? n : null),
        (e) => console.warn(`startup notices unavailable: ${(e as Error).message}`),
      );
    }
    try {
      const rows = await this.api.listReports();
      this.reports.value = rows;
      this.error.value = null;
      if (this.selectedId.value === null || !rows.some((r) => r.id === this.selectedId.value)) this.selectedId.value = rows[0]?.id ?? null;
    } catch (e) {
      this.error.value = (e as Error).message;
    } finally {
      this.loaded.value = true;
    }
  }

  move(delta: number) {
    const rows = this.reports.value;
    if (!rows.length) return;
    const i = rows.findIndex((r) => r.id === this.selectedId.value);
    const j = Math.max(0, Math.min(rows.length - 1, (i < 0 ? 0 : i) + delta));
    this.selectedId.value = rows[j].id;
  }

  async saveMeta(id: number, patch: MetadataPatch): Promise<string | null> {
    try {
      const row = await this.api.updateReportMetadata(id, patch);
      this.reports.value = this.reports.value.map((r) => (r.id === id ? row : r));
      this.editingId.value = null;
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  }

  async importPaths(paths: string[], onDone?: () => void) {
    if (!paths.length || this.importing.value) return;
    this.importResults.value = null;
    this.importing.value = { done: 0, total: paths.length, current: "" };
    const unlisten = await this.api.onImportProgress((p) => {
      if (this.importing.value) this.importing.value = p;
    });
    try {
      const results = await this.api.importFiles(paths);
      this.importResults.value = results;
      const firstNew = results.find((r) => r.status === "imported");
      await this.load();
      if (firstNew?.reportId != null) this.selectedId.value = firstNew.reportId;
    } catch (e) {
      this.importResults.value = paths.map((path) => ({ path, status: "failed", reportId: null, message: (e as Error).message }));
    } finally {
      unlisten();
      this.importing.value = null;
      onDone?.();
    }
  }
}
