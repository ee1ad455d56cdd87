// Project-wide state: which screen, the project header, reference lists.
// The backend is the source of truth; this only caches what it last said.
import { signal } from "@preact/signals";
import type { Api, CatalogEntry, ProjectInfo } from "../ipc/api";

export type Screen =
  | { name: "reports" }
  | { name: "review"; reportId: number; openedAt: number; figureId?: number; returnTo?: "compare" }
  | { name: "compare"; preferred: number | null };

export class AppStore {
  readonly info = signal<ProjectInfo | null>(null);
  readonly screen = signal<Screen>({ name: "reports" });
  readonly catalog = signal<CatalogEntry[]>([]);
  readonly units = signal<string[]>([]);
  readonly fatal = signal<string | null>(null);
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;

  constructor(readonly api: Api) {}

  async start() {
    try {
      const [info, catalog, units] = await Promise.all([this.api.projectInfo(), this.api.catalog(), this.api.units()]);
      this.info.value = info;
      this.catalog.value = catalog;
      this.units.value = units;
    } catch (e) {
      this.fatal.value = `Could not open the project: ${(e as Error).message}`;
    }
  }

  async setReviewer(name: string) {
    this.info.value = await this.api.setReviewer(name);
  }

  /** Coalesces bursts (one refresh per decision while keys are held) into at most one trailing call. */
  refreshProject(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        do {
          this.refreshAgain = false;
          this.info.value = await this.api.projectInfo();
        } while (this.refreshAgain);
      } catch {
        // The header keeps its last numbers; the failing command reports its own error.
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  openReport(reportId: number, openedAt = performance.now()) {
    this.screen.value = { name: "review", reportId, openedAt };
  }

  showReports() {
    this.screen.value = { name: "reports" };
  }

  /** The compare screen; `preferred` is compared with its jurisdiction's previous report. */
  openCompare(preferred: number | null = null) {
    this.screen.value = { name: "compare", preferred };
  }

  /** A figure's review row, opened from the compare screen (back returns there). */
  openFigure(reportId: number, figureId: number) {
    this.screen.value = { name: "review", reportId, openedAt: performance.now(), figureId, returnTo: "compare" };
  }

  /** Back from the review screen: to where it was opened from. */
  back() {
    const s = this.screen.value;
    if (s.name === "review" && s.returnTo === "compare") this.screen.value = { name: "compare", preferred: null };
    else this.showReports();
  }
}
