// HAND-WRITTEN STAND-IN for the file tauri-specta generates from the Rust side.
// It mirrors tauri-specta's output shape exactly (commands returning Result,
// a Proxy-based `events` object) so the generated file can replace it without
// touching anything else. Nothing but ui/src/ipc/api.ts may import it.

/** user-defined commands **/

export const commands = {
  async projectInfo(): Promise<Result<ProjectInfo, AppError>> {
    try {
      return { status: "ok", data: await TAURI_INVOKE("project_info") };
    } catch (e) {
      if (e instanceof Error) throw e;
      else return { status: "error", error: e as any };
    }
  },
  async setReviewer(name: string): Promise<Result<ProjectInfo, AppError>> {
    try {
      return { status: "ok", data: await TAURI_INVOKE("set_reviewer", { name }) };
    } catch (e) {
      if (e instanceof Error) throw e;
      else return { status: "error", error: e as any };
    }
  },
  async listReports(): Promise<Result<ReportRow[], AppError>> {
    try {
      return { status: "ok", data: await TAURI_INVOKE("list_reports") };
    } catch (e) {
      if (e instanceof Error) throw e;
      else return { status: "error", error: e as any };
    }
  },
  async importFiles(paths: string[]): Promise<Result<ImportResult[], AppError>> {
    try {
      return { status: "ok", data: await TAURI_INVOKE("import_files", { paths }) };
    } catch (e) {
      if (e instanceof Error) throw e;
      else return { status: "error", error: e as any };
    }
  },
  async updateReportMetadata(reportId: number, patch: MetadataPatch): Promise<Result<ReportRow, AppError>> {
    try {
      return { status: "ok", data: await TAURI_INVOKE("update_report_metadata", { reportId, patch }) };
    } catch (e) {
      if (e instanceof Error) throw e;
      else return { status: "error", error: e as any };
    }
  },
  async reportText(reportId: number): Promise<Result<ReportText, AppError>> {
    try {
      return { status: "ok", data: await TAURI_INVOKE("report_text", { reportId }) };
    } catch (e) {
      if (e instanceof Error) throw e;
      else return { status: "error", error: e as any };
    }
  },
  async listFigures(reportId: number): Promise<Result<FigureRow[], AppError>> {
    try {
      return { status: "ok", data: await TAURI_INVOKE("list_figures", { reportId }) };
    } catch (e) {
      if (e instanceof Error) throw e;
      else return { status: "error", error: e as any };
    }
  },
  async decide(figureId: number, action: Action): Promise<Result<FigureRow, AppError>> {
    try {
      return { status: "ok", data: await TAURI_INVOKE("decide", { figureId, action }) };
    } catch (e) {
      if (e instanceof Error) throw e;
      else return { status: "error", error: e as any };
    }
  },
  async undo(reportId: number): Promise<Result<FigureRow | null, AppError>> {
    try {
      return { status: "ok", data: await TAURI_INVOKE("undo", { reportId }) };
    } catch (e) {
      if (e instanceof Error) throw e;
      else return { status: "error", error: e as any };
    }
  },
  async redo(reportId: number): Promise<Result<FigureRow | null, AppError>> {
    try {
      return { status: "ok", data: await TAURI_INVOKE("redo", { reportId }) };
    } catch (e) {
      if (e instanceof Error) throw e;
      else return { status: "error", error: e as any };
    }
  },
  async addFigure(reportId: number, start: number, end: number, fields: FigureFields): Promise<Result<FigureRow, AppError>> {
    try {
      return { status: "ok", data: await TAURI_INVOKE("add_figure", { reportId, start, end, fields }) };
    } catch (e) {
      if (e instanceof Error) throw e;
      else return { status: "error", error: e as any };
    }
  },
  async figureHistory(figureId: number): Promise<Result<HistoryEntry[], AppError>> {
    try {
      return { status: "ok", data: await TAURI_INVOKE("figure_history", { figureId }) };
    } catch (e) {
      if (e instanceof Error) throw e;
      else return { status: "error", error: e as any };
    }
  },
  async catalog(): Promise<Result<CatalogEntry[], AppError>> {
    try {
      return { status: "ok", data: await TAURI_INVOKE("catalog") };
    } catch (e) {
      if (e instanceof Error) throw e;
      else return { status: "error", error: e as any };
    }
  },
  async units(): Promise<Result<string[], AppError>> {
    try {
      return { status: "ok", data: await TAURI_INVOKE("units") };
    } catch (e) {
      if (e instanceof Error) throw e;
      else return { status: "error", error: e as any };
    }
  },
};

/** user-defined events **/

export const events = __makeEvents__<{
  importProgress: ImportProgress;
}>({
  importProgress: "import-progress",
});

/** user-defined constants **/

/** user-defined types **/

export type Action = { type: "accept" } | { type: "reject" } | { type: "correct"; fields: FigureFields } | { type: "comment"; text: string };
export type AppError = { code: "not_found" | "invalid" | "io" | "locked" | "conflict" | "internal"; message: string };
export type CatalogEntry = { name: string; aliases: string[] };
export type FigureFields = {
  indicator: string | null;
  measure: Measure;
  kind: Kind;
  period: string | null;
  value: number | null;
  unit: string;
  qualifier: Qualifier;
  valueLow: number | null;
  valueHigh: number | null;
  firmness: Firmness | null;
};
export type FigureRow = {
  id: number;
  reportId: number;
  ord: number;
  status: ReviewStatus;
  fields: FigureFields;
  original: FigureFields;
  text: string;
  start: number;
  end: number;
  sentenceStart: number;
  sentenceEnd: number;
  flags: FlagInfo[];
  comment: string | null;
  addedByReviewer: boolean;
  lastReviewer: string | null;
  lastDecidedAt: string | null;
};
export type Firmness = "binding" | "expected" | "aspirational";
export type FlagInfo = { code: string; reason: string };
export type HistoryEntry = { id: number; reviewer: string; at: string; action: string; summary: string; undone: boolean };
export type ImportProgress = { done: number; total: number; current: string };
export type ImportResult = { path: string; status: "imported" | "duplicate" | "failed"; reportId: number | null; message: string };
export type Kind = "actual" | "estimate" | "target";
export type Level = "national" | "province" | "prefecture" | "county" | "county_city";
export type Measure = "level" | "growth" | "avg_growth" | "rate" | "share" | "change_pp" | "multiple" | "qualitative" | "other";
export type MetadataPatch = {
  jurisdiction: string | null;
  level: Level | null;
  reportYear: number | null;
  meetingDate: string | null;
  speaker: string | null;
  speakerTitle: string | null;
};
export type ProjectInfo = { path: string; reviewer: string | null; reportCount: number; figureCount: number; reviewedCount: number };
export type Qualifier = "eq" | "approx" | "ge" | "le" | "range";
export type ReportRow = {
  id: number;
  fileName: string;
  jurisdiction: string | null;
  level: Level | null;
  reportYear: number | null;
  meetingDate: string | null;
  speaker: string | null;
  speakerTitle: string | null;
  title: string | null;
  figureCount: number;
  catalogCount: number;
  reviewedCount: number;
  flaggedCount: number;
  importedAt: string;
};
export type ReportText = { reportId: number; text: string; sections: SectionInfo[]; paragraphs: TextSpan[]; sentences: TextSpan[]; garbled: TextSpan[] };
export type ReviewStatus = "unreviewed" | "accepted" | "corrected" | "rejected";
export type SectionInfo = { heading: string; start: number; end: number; part: "preamble" | "review" | "multi_year_review" | "plan" | "annex" | "other" };
export type TextSpan = { start: number; end: number };

/** tauri-specta globals **/

import { invoke as TAURI_INVOKE } from "@tauri-apps/api/core";
import * as TAURI_API_EVENT from "@tauri-apps/api/event";
import { type WebviewWindow as __WebviewWindow__ } from "@tauri-apps/api/webviewWindow";

type __EventObj__<T> = {
  listen: (cb: TAURI_API_EVENT.EventCallback<T>) => ReturnType<typeof TAURI_API_EVENT.listen<T>>;
  once: (cb: TAURI_API_EVENT.EventCallback<T>) => ReturnType<typeof TAURI_API_EVENT.once<T>>;
  emit: null extends T ? (payload?: T) => ReturnType<typeof TAURI_API_EVENT.emit> : (payload: T) => ReturnType<typeof TAURI_API_EVENT.emit>;
};

export type Result<T, E> = { status: "ok"; data: T } | { status: "error"; error: E };

function __makeEvents__<T extends Record<string, any>>(mappings: Record<keyof T, string>) {
  return new Proxy(
    {} as unknown as {
      [K in keyof T]: __EventObj__<T[K]> & {
        (handle: __WebviewWindow__): __EventObj__<T[K]>;
      };
    },
    {
      get: (_, event) => {
        const name = mappings[event as keyof T];

        return new Proxy((() => {}) as any, {
          apply: (_, __, [window]: [__WebviewWindow__]) => ({
            listen: (arg: any) => window.listen(name, arg),
            once: (arg: any) => window.once(name, arg),
            emit: (arg: any) => window.emit(name, arg),
          }),
          get: (_, command: keyof __EventObj__<any>) => {
            switch (command) {
              case "listen":
                return (arg: any) => TAURI_API_EVENT.listen(name, arg);
              case "once":
                return (arg: any) => TAURI_API_EVENT.once(name, arg);
              case "emit":
                return (arg: any) => TAURI_API_EVENT.emit(name, arg);
            }
          },
        });
      },
    },
  );
}
