// The one door between the UI and the backend. Components import from here,
// never from bindings.ts or @tauri-apps/api/core: when tauri-specta regenerates
// bindings.ts, only this file can notice.
import { isTauri } from "@tauri-apps/api/core";
import { commands, events, type AppError, type ExportProgress, type ImportProgress } from "./bindings";

export type * from "./bindings";
// Types used both ways are generated twice: the _Serialize form (what the
// backend sends, every field present) is the one the UI works with; it is
// also a valid _Deserialize value, so it can be sent back.
export type {
  Action_Serialize as Action,
  FigureFields_Serialize as FigureFields,
  FigureRow_Serialize as FigureRow,
  ImportResult_Serialize as ImportResult,
  MetadataPatch_Serialize as MetadataPatch,
  ProjectInfo_Serialize as ProjectInfo,
  ReportRow_Serialize as ReportRow,
  BlockDto_Serialize as BlockDto,
  BreakDto_Serialize as BreakDto,
  ChangedFigureDto_Serialize as ChangedFigureDto,
  CompareDocInfo_Serialize as CompareDocInfo,
  ComparisonDto_Serialize as ComparisonDto,
  GapDto_Serialize as GapDto,
  IndicatorTimelineDto_Serialize as IndicatorTimelineDto,
  PhrasePointDto_Serialize as PhrasePointDto,
  PhraseSeriesDto_Serialize as PhraseSeriesDto,
  PhraseTimelineDto_Serialize as PhraseTimelineDto,
  SectionPairDto_Serialize as SectionPairDto,
  SegmentDto_Serialize as SegmentDto,
  SeriesDto_Serialize as SeriesDto,
  StatementDto_Serialize as StatementDto,
  TimelineRowDto_Serialize as TimelineRowDto,
  ValueChangeDto_Serialize as ValueChangeDto,
  ExportRequest_Deserialize as ExportRequest,
  ExportResult_Serialize as ExportResult,
} from "./bindings";
import type {
  ExportRequest_Deserialize as ExportRequest,
  CompareOptions,
  Action_Serialize as Action,
  FigureFields_Serialize as FigureFields,
  MetadataPatch_Serialize as MetadataPatch,
} from "./bindings";

type Result<T, E> = { status: "ok"; data: T } | { status: "error"; error: E };

/** A backend error, thrown so callers can `try/await` and still branch on `code`. */
export class ApiError extends Error {
  readonly code: AppError["code"];
  constructor(err: AppError) {
    super(err.message);
    this.name = "ApiError";
    this.code = err.code;
  }
}

async function unwrap<T>(p: Promise<Result<T, AppError>>): Promise<T> {
  const r = await p;
  if (r.status === "ok") return r.data;
  throw new ApiError(r.error);
}

export const api = {
  projectInfo: () => unwrap(commands.projectInfo()),
  setReviewer: (name: string) => unwrap(commands.setReviewer(name)),
  listReports: () => unwrap(commands.listReports()),
  startupNotices: () => unwrap(commands.startupNotices()),
  importFiles: (paths: string[]) => unwrap(commands.importFiles(paths)),
  updateReportMetadata: (reportId: number, patch: MetadataPatch) => unwrap(commands.updateReportMetadata(reportId, patch)),
  reportText: (reportId: number) => unwrap(commands.reportText(reportId)),
  listFigures: (reportId: number) => unwrap(commands.listFigures(reportId)),
  /** Resolves only once the decision is committed on disk (the contract of the `decide` command). */
  decide: (figureId: number, action: Action) => unwrap(commands.decide(figureId, action)),
  undo: (reportId: number) => unwrap(commands.undo(reportId)),
  redo: (reportId: number) => unwrap(commands.redo(reportId)),
  addFigure: (reportId: number, start: number, end: number, fields: FigureFields) =>
    unwrap(commands.addFigure(reportId, start, end, fields)),
  figureHistory: (figureId: number) => unwrap(commands.figureHistory(figureId)),
  catalog: () => unwrap(commands.catalog()),
  units: () => unwrap(commands.units()),
  /** Two reports' wording diff (old against new), with the figures in changed text. */
  compareReports: (oldReportId: number, newReportId: number, options: CompareOptions | null = null) =>
    unwrap(commands.compareReports(oldReportId, newReportId, options)),
  /** Per jurisdiction × indicator: target, estimate, outcome, gap and flags per year. */
  figureTimeline: (indicator: string | null, jurisdiction: string | null) => unwrap(commands.figureTimeline(indicator, jurisdiction)),
  /** How often each phrase occurs per jurisdiction and year. */
  phraseTimeline: (phrases: string[]) => unwrap(commands.phraseTimeline(phrases)),

  onImportProgress: (cb: (p: ImportProgress) => void) => events.importProgress.listen((e) => cb(e.payload)),

  /** Writes the dataset (backend, off the UI thread); fails with code `cancelled` after cancelExport, leaving no file. */
  exportDataset: (request: ExportRequest) => unwrap(commands.exportDataset(request)),
  /** Asks the running export to stop; resolves to whether one was running. */
  cancelExport: () => unwrap(commands.cancelExport()),
  onExportProgress: (cb: (p: ExportProgress) => void) => events.exportProgress.listen((e) => cb(e.payload)),
};

export type Api = typeof api;

/** True inside the real desktop shell (not in a plain browser, not under mockIPC). */
export function inDesktopShell(): boolean {
  return isTauri();
}

const REPORT_EXTENSIONS = ["txt", "html", "htm", "docx"];

/** Native multi-file picker. Returns [] when the user cancels. */
export async function pickReportFiles(): Promise<string[]> {
  const { open } = await import("@tauri-apps/plugin-dialog");
  const picked = await open({ multiple: true, filters: [{ name: "Reports", extensions: REPORT_EXTENSIONS }] });
  if (picked == null) return [];
  return Array.isArray(picked) ? picked : [picked];
}

/**
 * Native save dialog for an export. `defaultPath` is a file name or a full
 * path; resolves to the chosen path, or null when the user cancels.
 */
export async function pickSavePath(defaultPath: string, filter: { name: string; ext: string }): Promise<string | null> {
  const { save } = await import("@tauri-apps/plugin-dialog");
  return save({ title: "Export the dataset", defaultPath, filters: [{ name: filter.name, extensions: [filter.ext] }] });
}

export type DropState = { type: "over" } | { type: "leave" } | { type: "drop"; paths: string[] };

/**
 * Subscribes to files dragged onto the window. Only the desktop shell can give
 * file-system paths, so in a plain browser this is a no-op returning a no-op.
 */
export async function onFileDrop(cb: (s: DropState) => void): Promise<() => void> {
  if (!inDesktopShell()) return () => {};
  const { getCurrentWebview } = await import("@tauri-apps/api/webview");
  return getCurrentWebview().onDragDropEvent((e) => {
    const p = e.payload;
    if (p.type === "enter" || p.type === "over") cb({ type: "over" });
    else if (p.type === "leave") cb({ type: "leave" });
    // Unsupported files are passed on too: the backend reports them per file, so nothing vanishes silently.
    else if (p.type === "drop") cb({ type: "drop", paths: p.paths });
  });
}
