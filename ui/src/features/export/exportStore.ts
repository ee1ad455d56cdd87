// The export dialog's state: the options, the file, and one run of the
// backend's export_dataset (progress from `export-progress` events, cancel
// through cancel_export). The backend is the source of truth: the dialog
// shows the path and counts the command answered, not what it asked for.
import { computed, signal, type Signal } from "@preact/signals";
import { ApiError, type Api, type ExportFormat, type ExportProgress, type ExportRequest, type ExportResult, type ExportScope, type ReportRow } from "../../ipc/api";
import { defaultFileName, folderOf, formatInfo, joinPath, takesBom, toggleScope, withFormatExtension, type Narrowing } from "./exportModel";

export type Phase = "form" | "running" | "done" | "cancelled" | "error";
export type Target = "report" | "project";

/** Opens the native save dialog; null when the user cancels. */
export type PickPath = (defaultPath: string, filter: { name: string; ext: string }) => Promise<string | null>;

/** The folder of the last export in this session: the next one is offered there. */
let lastFolder: string | null = null;
export const resetLastFolder = () => (lastFolder = null);

export class ExportStore {
  readonly format = signal<ExportFormat>("csv");
  readonly scope = signal<Narrowing[]>([]);
  readonly target: Signal<Target>;
  /** A byte order mark so Excel opens Chinese correctly: on by default in the window. */
  readonly bom = signal(true);
  readonly path = signal<string | null>(null);
  readonly phase = signal<Phase>("form");
  readonly progress = signal<ExportProgress | null>(null);
  readonly cancelling = signal(false);
  readonly result = signal<ExportResult | null>(null);
  readonly error = signal<string | null>(null);
  /** Set while the save dialog is open, so a second click does not open another. */
  readonly choosing = signal(false);
  readonly busy = computed(() => this.phase.value === "running" || this.choosing.value);

  constructor(
    private readonly api: Api,
    /** The open report (review screen) or the selected one (reports screen); null when there is none. */
    readonly report: ReportRow | null,
    private readonly pick: PickPath,
    private readonly now: () => Date = () => new Date(),
    /** The project file: the first export is offered beside it (not in whatever folder the app started in). */
    private readonly projectPath: string | null = null,
    /** The review screen starts on its report, the reports screen on the whole project. */
    defaultTarget: Target = "report",
  ) {
    this.target = signal<Target>(report && defaultTarget === "report" ? "report" : "project");
  }

  /** True while the chosen file keeps the name the dialog suggested: it then follows format and target. */
  private suggestedName = false;

  setFormat(f: ExportFormat) {
    this.format.value = f;
    if (this.path.value) this.path.value = this.suggestedName ? this.renamed(this.path.value) : withFormatExtension(this.path.value, f);
  }

  setScope(s: ExportScope, on: boolean) {
    this.scope.value = toggleScope(this.scope.value, s, on);
  }

  setTarget(t: Target) {
    if (t === "report" && !this.report) return;
    this.target.value = t;
    if (this.path.value && this.suggestedName) this.path.value = this.renamed(this.path.value);
  }

  private suggestedFileName(): string {
    const report = this.target.value === "report" ? this.report : null;
    return defaultFileName(this.format.value, report, this.now());
  }

  /** The suggested name for the current options, in `path`'s folder. */
  private renamed(path: string): string {
    return joinPath(folderOf(path), this.suggestedFileName());
  }

  /** The name the save dialog suggests: in the chosen file's folder, else the last export's, else the project's. */
  suggestedPath(): string {
    const folder = this.path.value ? folderOf(this.path.value) : (lastFolder ?? (this.projectPath ? folderOf(this.projectPath) : null));
    return joinPath(folder, this.suggestedFileName());
  }

  /** Asks where to write. Resolves to whether a path is set now. */
  async choosePath(): Promise<boolean> {
    if (this.busy.value) return this.path.value !== null;
    this.choosing.value = true;
    try {
      const info = formatInfo(this.format.value);
      const suggested = this.suggestedFileName();
      const picked = await this.pick(this.suggestedPath(), { name: info.label, ext: info.ext });
      if (picked) {
        this.path.value = picked;
        this.suggestedName = picked === joinPath(folderOf(picked), suggested);
        this.error.value = null;
      }
    } catch (e) {
      this.error.value = `Could not open the save dialog: ${(e as Error).message}`;
    } finally {
      this.choosing.value = false;
    }
    return this.path.value !== null;
  }

  request(): ExportRequest | null {
    if (!this.path.value) return null;
    return {
      format: this.format.value,
      scope: this.scope.value,
      reportId: this.target.value === "report" && this.report ? this.report.id : null,
      bom: takesBom(this.format.value) && this.bom.value,
      path: this.path.value,
    };
  }

  /** Runs the export; asks for the file first if none is chosen yet. */
  async start(): Promise<void> {
    if (this.busy.value) return;
    if (!this.path.value && !(await this.choosePath())) return;
    const request = this.request();
    if (!request) return;
    this.phase.value = "running";
    this.progress.value = null;
    this.result.value = null;
    this.error.value = null;
    this.cancelling.value = false;
    let unlisten: (() => void) | null = null;
    try {
      unlisten = await this.api.onExportProgress((p) => {
        if (this.phase.value === "running") this.progress.value = p;
      });
      const result = await this.api.exportDataset(request);
      this.result.value = result;
      this.progress.value = { done: result.scanned, total: result.scanned };
      lastFolder = folderOf(result.path);
      this.phase.value = "done";
    } catch (e) {
      if (e instanceof ApiError && e.code === "cancelled") {
        this.phase.value = "cancelled";
      } else {
        this.error.value = (e as Error).message;
        this.phase.value = "error";
      }
    } finally {
      unlisten?.();
      this.cancelling.value = false;
    }
  }

  /** Stops the running export; the command then fails with `cancelled` and no file is left. */
  async cancel(): Promise<void> {
    if (this.phase.value !== "running" || this.cancelling.value) return;
    this.cancelling.value = true;
    try {
      await this.api.cancelExport();
    } catch (e) {
      this.cancelling.value = false;
      this.error.value = `Could not cancel: ${(e as Error).message}`;
    }
  }

  /** Back to the options after a result, to export again. */
  again() {
    if (this.phase.value === "running") return;
    // A finished file is not silently overwritten: the next export asks again.
    if (this.phase.value === "done") {
      this.path.value = null;
      this.suggestedName = false;
    }
    this.phase.value = "form";
    this.progress.value = null;
    this.error.value = null;
  }
}
