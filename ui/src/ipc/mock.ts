// An in-memory backend that answers every command of the IPC contract, so the
// UI runs in a plain browser (`?mock`, `npm run dev`) and in tests through
// @tauri-apps/api/mocks. It keeps an append-only decision log and derives
// undo/redo from it, like the real store, so UI flows behave the same.
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import type {
  Action,
  AppError,
  CatalogEntry,
  ComparisonDto,
  ExportRequest,
  ExportResult,
  IndicatorTimelineDto,
  PhraseTimelineDto,
  FigureFields,
  FigureRow,
  HistoryEntry,
  ImportResult,
  StartupNotice,
  MetadataPatch,
  ProjectInfo,
  ReportRow,
  ReportText,
  ReviewStatus,
} from "./api";
import { mockComparison, mockPhraseTimeline } from "./mockCompare";
import { syntheticReport } from "./synthetic";

export interface Fixture {
  reports: ReportRow[];
  texts: ReportText[];
  figures: FigureRow[];
  /** The engine's comparisons of some report pairs (series.json); other pairs get the mock's paragraph diff. */
  comparisons?: ComparisonDto[];
  /** The engine's figure timelines over the fixture's reports. */
  timelines?: IndicatorTimelineDto[];
}

export interface MockOptions {
  /** Delay before each command answers, to see "saving…" states. */
  latencyMs?: number;
  reviewer?: string | null;
  projectPath?: string;
  /** Delay between files of an import, so progress is visible. */
  importStepMs?: number;
  /** Delay between the progress steps of an export (ten or so per export). */
  exportStepMs?: number;
  /** What happened while the project opened (re-extraction, failed files). */
  startupNotices?: StartupNotice[];
}

export const CATALOG: CatalogEntry[] = [
  { name: "地区生产总值", aliases: ["生产总值", "全市生产总值", "GDP", "经济总量", "国内生产总值"] },
  { name: "人均地区生产总值", aliases: ["人均GDP"] },
  { name: "规模以上工业增加值", aliases: ["规上工业增加值"] },
  { name: "工业总产值", aliases: [] },
  { name: "固定资产投资", aliases: ["全社会固定资产投资", "500万元以上固定资产投资", "限额以上固定资产投资"] },
  { name: "社会消费品零售总额", aliases: ["社会销售品零售总额", "社零总额"] },
  { name: "一般公共预算收入", aliases: ["地方一般公共预算收入", "公共财政预算收入"] },
  { name: "一般公共预算支出", aliases: [] },
  { name: "城镇居民人均可支配收入", aliases: ["城镇常住居民人均可支配收入"] },
  { name: "农村居民人均可支配收入", aliases: ["农村常住居民人均可支配收入", "农村牧区常住居民人均可支配收入", "农牧民人均可支配收入"] },
  { name: "居民人均可支配收入", aliases: ["全体居民人均可支配收入", "城乡居民人均可支配收入"] },
  { name: "城镇登记失业率", aliases: [] },
  { name: "城镇调查失业率", aliases: [] },
  { name: "城镇新增就业", aliases: [] },
  { name: "居民消费价格", aliases: ["CPI", "居民消费价格涨幅"] },
  { name: "单位地区生产总值能耗", aliases: ["单位GDP能耗", "能耗强度"] },
  { name: "粮食产量", aliases: ["粮食总产量"] },
  { name: "粮食播种面积", aliases: [] },
  { name: "进出口总额", aliases: ["外贸进出口总额", "进出口总值"] },
  { name: "煤炭产量", aliases: [] },
  { name: "发电量", aliases: [] },
  { name: "旅游收入", aliases: ["旅游业综合收入"] },
  { name: "接待游客", aliases: ["接待游客人次"] },
];

export const UNITS = [
  "亿元", "万元", "元", "%", "个百分点", "万人", "人", "万人次", "万亩", "亩", "亿斤", "万吨", "吨", "亿度", "万千瓦",
  "倍", "个", "家", "户", "万户", "套", "公里", "天", "所", "项",
];

type Snapshot = { status: ReviewStatus; fields: FigureFields; comment: string | null };
interface LogEntry {
  id: number;
  figureId: number;
  reportId: number;
  reviewer: string;
  at: string;
  action: string;
  summary: string;
  undone: boolean;
  before: Snapshot;
  after: Snapshot;
}

const fail = (code: AppError["code"], message: string): AppError => ({ code, message });
// A JSON round trip, like the real IPC: callers never share objects with the store.
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

function fieldsDiff(a: FigureFields, b: FigureFields): string {
  const parts: string[] = [];
  for (const k of Object.keys(a) as (keyof FigureFields)[]) {
    if (a[k] !== b[k]) parts.push(`${k} ${a[k] ?? "∅"} → ${b[k] ?? "∅"}`);
  }
  return parts.join("; ") || "no field changed";
}

export class MockBackend {
  reviewer: string | null;
  private reports = new Map<number, ReportRow>();
  private texts = new Map<number, ReportText>();
  private figures = new Map<number, FigureRow>();
  private byReport = new Map<number, number[]>();
  /** The append-only log; never spliced, only appended to and flagged `undone`. */
  readonly log: LogEntry[] = [];
  private undoStack = new Map<number, number[]>();
  private redoStack = new Map<number, number[]>();
  private comparisons: ComparisonDto[] = [];
  private timelines: IndicatorTimelineDto[] = [];
  private opts: Required<MockOptions>;
  /** What the native save dialog answers: undefined = the suggested name in ~/exports, null = the user cancelled. */
  savePath: string | null | undefined = undefined;
  /** The options the app last passed to the save dialog. */
  lastSaveOptions: { defaultPath?: string; filters?: { name: string; extensions: string[] }[] } | null = null;
  /** Every finished export, as the "files" the mock wrote. */
  readonly exports: { request: ExportRequest; result: ExportResult }[] = [];
  private exportRunning = false;
  private exportCancel = false;

  constructor(fixtures: Fixture[], opts: MockOptions = {}) {
    this.opts = { latencyMs: 0, reviewer: null, projectPath: "/home/researcher/gwr/2021-reports.gwr", importStepMs: 0, exportStepMs: 0, startupNotices: [], ...opts };
    this.reviewer = this.opts.reviewer;
    for (const f of fixtures) this.load(f);
  }

  load(f: Fixture) {
    for (const r of f.reports) this.reports.set(r.id, clone(r));
    for (const t of f.texts) this.texts.set(t.reportId, t);
    for (const fig of f.figures) this.figures.set(fig.id, clone(fig));
    this.comparisons.push(...(f.comparisons ?? []));
    this.timelines.push(...(f.timelines ?? []));
    this.reindex();
  }

  private reindex() {
    this.byReport.clear();
    const all = [...this.figures.values()].sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id);
    for (const f of all) {
      const list = this.byReport.get(f.reportId) ?? [];
      f.ord = list.length;
      list.push(f.id);
      this.byReport.set(f.reportId, list);
    }
  }

  private reportRow(id: number): ReportRow {
    const r = this.reports.get(id);
    if (!r) throw fail("not_found", `report ${id} not found`);
    const figs = (this.byReport.get(id) ?? []).map((fid) => this.figures.get(fid)!);
    return {
      ...r,
      figureCount: figs.length,
      catalogCount: figs.filter((f) => f.fields.indicator !== null).length,
      reviewedCount: figs.filter((f) => f.status !== "unreviewed").length,
      flaggedCount: figs.filter((f) => f.flags.length > 0).length,
    };
  }

  private info(): ProjectInfo {
    const figs = [...this.figures.values()];
    return {
      path: this.opts.projectPath,
      reviewer: this.reviewer,
      reportCount: this.reports.size,
      figureCount: figs.length,
      reviewedCount: figs.filter((f) => f.status !== "unreviewed").length,
    };
  }

  private figure(id: number): FigureRow {
    const f = this.figures.get(id);
    if (!f) throw fail("not_found", `figure ${id} not found`);
    return f;
  }

  private requireReviewer(): string {
    if (!this.reviewer) throw fail("invalid", "no reviewer set");
    return this.reviewer;
  }

  private snap(f: FigureRow): Snapshot {
    return { status: f.status, fields: clone(f.fields), comment: f.comment };
  }

  private apply(f: FigureRow, s: Snapshot, reviewer: string, at: string) {
    f.status = s.status;
    f.fields = clone(s.fields);
    f.comment = s.comment;
    f.lastReviewer = reviewer;
    f.lastDecidedAt = at;
  }

  private append(e: Omit<LogEntry, "id">): LogEntry {
    const entry = { ...e, id: this.log.length + 1 };
    this.log.push(entry);
    return entry;
  }

  async handle(cmd: string, args: Record<string, any> = {}): Promise<unknown> {
    if (this.opts.latencyMs > 0) await new Promise((r) => setTimeout(r, this.opts.latencyMs));
    switch (cmd) {
      case "project_info":
        return this.info();
      case "set_reviewer": {
        const name = String(args.name ?? "").trim();
        if (!name) throw fail("invalid", "reviewer name is empty");
        this.reviewer = name;
        return this.info();
      }
      case "startup_notices":
        return clone(this.opts.startupNotices);
      case "list_reports":
        return [...this.reports.keys()].sort((a, b) => a - b).map((id) => this.reportRow(id));
      case "update_report_metadata": {
        const r = this.reports.get(args.reportId);
        if (!r) throw fail("not_found", `report ${args.reportId} not found`);
        const p = args.patch as MetadataPatch;
        if (p.reportYear !== null && (p.reportYear < 1949 || p.reportYear > 2100)) throw fail("invalid", "year out of range");
        if (p.meetingDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(p.meetingDate)) throw fail("invalid", "meeting date must be YYYY-MM-DD");
        Object.assign(r, p);
        return this.reportRow(r.id);
      }
      case "report_text": {
        const t = this.texts.get(args.reportId);
        if (!t) throw fail("not_found", `report ${args.reportId} not found`);
        return t;
      }
      case "list_figures": {
        if (!this.reports.has(args.reportId)) throw fail("not_found", `report ${args.reportId} not found`);
        return (this.byReport.get(args.reportId) ?? []).map((id) => clone(this.figures.get(id)!));
      }
      case "decide":
        return this.decide(args.figureId, args.action as Action);
      case "undo":
        return this.undo(args.reportId);
      case "redo":
        return this.redo(args.reportId);
      case "add_figure":
        return this.addFigure(args.reportId, args.start, args.end, args.fields);
      case "figure_history": {
        this.figure(args.figureId);
        return this.log
          .filter((e) => e.figureId === args.figureId)
          .reverse()
          .map<HistoryEntry>(({ id, reviewer, at, action, summary, undone }) => ({ id, reviewer, at, action, summary, undone }));
      }
      case "compare_reports":
        return this.compare(args.oldReportId, args.newReportId, args.options ?? null);
      case "figure_timeline":
        return this.timelines.filter(
          (t) => (!args.indicator || t.indicator === args.indicator) && (!args.jurisdiction || t.jurisdiction === args.jurisdiction),
        );
      case "phrase_timeline": {
        const phrases = ((args.phrases ?? []) as string[]).map((p) => p.trim()).filter(Boolean);
        if (!phrases.length) throw fail("invalid", "type a phrase to count");
        const reports = [...this.reports.values()];
        return phrases.map<PhraseTimelineDto>((p) => mockPhraseTimeline(p, reports, this.texts));
      }
      case "catalog":
        return CATALOG;
      case "units":
        return UNITS;
      case "import_files":
        return this.importFiles(args.paths as string[]);
      case "export_dataset":
        return this.exportDataset(args.request as ExportRequest);
      case "cancel_export": {
        const running = this.exportRunning;
        if (running) this.exportCancel = true;
        return running;
      }
      case "plugin:dialog|save": {
        const options = (args.options ?? {}) as NonNullable<MockBackend["lastSaveOptions"]>;
        this.lastSaveOptions = options;
        if (this.savePath !== undefined) return this.savePath;
        const suggested = options.defaultPath ?? "export.csv";
        return suggested.startsWith("/") ? suggested : `/home/researcher/exports/${suggested}`;
      }
      case "plugin:dialog|open":
        // What a user would pick in the native dialog: one new file, one already imported, one unsupported.
        return ["/home/researcher/reports/包头市政府工作报告2021.txt", "/home/researcher/reports/000_8ea42176d04f9a1f.txt", "/home/researcher/reports/scan.pdf"];
      default:
        throw fail("internal", `mock backend: unknown command ${cmd}`);
    }
  }

  /** Like the engine's export: validates the path, reads report by report with progress, honours cancel. */
  private async exportDataset(req: ExportRequest): Promise<ExportResult> {
    if (this.exportRunning) throw fail("conflict", "an export is already running; wait for it to finish or cancel it");
    let path = req.path.trim();
    if (!path) throw fail("invalid", "choose where to save the file first (Choose file…)");
    if (!/^([A-Za-z]:)?[\\/]/.test(path)) throw fail("invalid", `${path} is not a full path; choose the file with Choose file…`);
    if (!/\.[^./\\]+$/.test(path)) path += req.format === "jsonl" ? ".jsonl" : req.format === "xlsx" ? ".xlsx" : ".csv";
    if (path === this.opts.projectPath) throw fail("invalid", `${path} is this project's own file; choose another name for the export`);
    if (/^\/(readonly|proc|sys)(\/|$)/.test(path))
      throw fail("io", `cannot write ${path}: Permission denied (os error 13); check that the folder exists and is writable, or choose another file`);
    const reportId = req.reportId ?? null;
    if (reportId !== null && !this.reports.has(reportId)) throw fail("not_found", `report ${reportId} does not exist`);
    const ids = reportId !== null ? [reportId] : [...this.reports.keys()].sort((a, b) => a - b);
    const figs = ids.flatMap((id) => (this.byReport.get(id) ?? []).map((f) => this.figures.get(f)!));
    const total = figs.length;
    const admits = (f: FigureRow) =>
      req.scope.every((s) =>
        s === "all" ? true : s === "reviewed" ? f.status !== "unreviewed" : s === "accepted" ? f.status === "accepted" || f.status === "corrected" : f.fields.indicator !== null,
      );
    this.exportRunning = true;
    this.exportCancel = false;
    try {
      const step = Math.max(1, Math.ceil(total / 10));
      for (let done = 0; ; ) {
        if (this.opts.exportStepMs) await new Promise((r) => setTimeout(r, this.opts.exportStepMs));
        if (this.exportCancel) throw fail("cancelled", `export cancelled; ${path} was not written`);
        done = Math.min(total, done + step);
        await emit("export-progress", { done, total });
        if (done >= total) break;
      }
      const kept = figs.filter(admits);
      let panel: ExportResult["panel"] = null;
      if (req.format === "panel_csv") {
        const jur = (f: FigureRow) => this.reports.get(f.reportId)?.jurisdiction ?? null;
        const used = kept.filter((f) => (f.status === "accepted" || f.status === "corrected") && jur(f) !== null);
        panel = {
          rows: new Set(used.map((f) => `${jur(f)}|${f.fields.period ?? ""}`)).size,
          columns: new Set(used.map((f) => `${f.fields.indicator ?? f.text}|${f.fields.measure}|${f.fields.kind}`)).size,
          skipped: kept.length - used.length,
          disagreements: 0,
          codebookPath: path.replace(/\.[^./\\]*$/, "") + ".columns.csv",
        };
      }
      const result: ExportResult = {
        path,
        format: req.format,
        figures: kept.length,
        scanned: total,
        reports: ids.length,
        truncatedCells: req.format === "xlsx" ? kept.filter((f) => f.text.length > 32767).length : 0,
        panel,
      };
      this.exports.push({ request: clone(req), result: clone(result) });
      return result;
    } finally {
      this.exportRunning = false;
      this.exportCancel = false;
    }
  }

  private compare(oldId: number, newId: number, options: { fold: boolean; ignoreWhitespace: boolean } | null): ComparisonDto {
    if (oldId === newId) throw fail("invalid", "pick two different reports to compare");
    const [a, b] = [this.texts.get(oldId), this.texts.get(newId)];
    if (!a || !b) throw fail("not_found", `report ${!a ? oldId : newId} not found`);
    // The engine's own answer when the fixture has it (default options only).
    const exact = options && (!options.fold || !options.ignoreWhitespace);
    const stored = exact ? undefined : this.comparisons.find((c) => c.old.reportId === oldId && c.new.reportId === newId);
    if (stored) return clone(stored);
    const figs = (id: number) => (this.byReport.get(id) ?? []).map((f) => this.figures.get(f)!);
    return mockComparison(this.reportRow(oldId), a, figs(oldId), this.reportRow(newId), b, figs(newId));
  }

  private decide(figureId: number, action: Action): FigureRow {
    const reviewer = this.requireReviewer();
    const f = this.figure(figureId);
    const before = this.snap(f);
    const after: Snapshot = { ...before, fields: clone(before.fields) };
    let summary: string;
    switch (action.type) {
      case "accept":
        after.status = "accepted";
        summary = `${before.status} → accepted`;
        break;
      case "reject":
        after.status = "rejected";
        summary = `${before.status} → rejected`;
        break;
      case "correct":
        if (action.fields.measure !== "qualitative" && action.fields.value === null) throw fail("invalid", "value is required");
        after.status = "corrected";
        after.fields = clone(action.fields);
        summary = fieldsDiff(before.fields, action.fields);
        break;
      case "comment":
        after.comment = action.text.trim() || null;
        summary = `comment: ${after.comment ?? "(removed)"}`;
        break;
    }
    const at = new Date().toISOString();
    this.apply(f, after, reviewer, at);
    const e = this.append({ figureId, reportId: f.reportId, reviewer, at, action: action.type, summary, undone: false, before, after });
    this.undoStack.set(f.reportId, [...(this.undoStack.get(f.reportId) ?? []), e.id]);
    this.redoStack.set(f.reportId, []);
    return clone(f);
  }

  private undo(reportId: number): FigureRow | null {
    const reviewer = this.requireReviewer();
    const stack = this.undoStack.get(reportId) ?? [];
    const id = stack.pop();
    if (id === undefined) return null;
    const e = this.log[id - 1];
    const f = this.figure(e.figureId);
    const at = new Date().toISOString();
    this.apply(f, e.before, reviewer, at);
    e.undone = true;
    this.append({ figureId: f.id, reportId, reviewer, at, action: "undo", summary: `undid ${e.action}: ${e.summary}`, undone: false, before: e.after, after: e.before });
    this.redoStack.set(reportId, [...(this.redoStack.get(reportId) ?? []), id]);
    return clone(f);
  }

  private redo(reportId: number): FigureRow | null {
    const reviewer = this.requireReviewer();
    const stack = this.redoStack.get(reportId) ?? [];
    const id = stack.pop();
    if (id === undefined) return null;
    const e = this.log[id - 1];
    const f = this.figure(e.figureId);
    const at = new Date().toISOString();
    this.apply(f, e.after, reviewer, at);
    e.undone = false;
    this.append({ figureId: f.id, reportId, reviewer, at, action: "redo", summary: `redid ${e.action}: ${e.summary}`, undone: false, before: e.before, after: e.after });
    this.undoStack.get(reportId)!.push(id);
    return clone(f);
  }

  private addFigure(reportId: number, start: number, end: number, fields: FigureFields): FigureRow {
    const reviewer = this.requireReviewer();
    const t = this.texts.get(reportId);
    if (!t) throw fail("not_found", `report ${reportId} not found`);
    if (!(0 <= start && start < end && end <= t.text.length)) throw fail("invalid", "span outside the text");
    const sent = t.sentences.find((s) => s.start <= start && end <= s.end) ?? { start, end };
    const id = Math.max(0, ...this.figures.keys()) + 1;
    const at = new Date().toISOString();
    const f: FigureRow = {
      id, reportId, ord: 0, status: "accepted", fields: clone(fields), original: clone(fields),
      text: t.text.slice(start, end), start, end, sentenceStart: sent.start, sentenceEnd: sent.end,
      flags: [], comment: null, addedByReviewer: true, lastReviewer: reviewer, lastDecidedAt: at,
    };
    this.figures.set(id, f);
    this.reindex();
    const snap = this.snap(f);
    this.append({ figureId: id, reportId, reviewer, at, action: "add", summary: `added “${f.text}”`, undone: false, before: snap, after: snap });
    return clone(f);
  }

  private async importFiles(paths: string[]): Promise<ImportResult[]> {
    const out: ImportResult[] = [];
    for (let i = 0; i < paths.length; i++) {
      const path = paths[i];
      const name = path.split(/[\\/]/).pop() ?? path;
      await emit("import-progress", { done: i, total: paths.length, current: name });
      if (this.opts.importStepMs) await new Promise((r) => setTimeout(r, this.opts.importStepMs));
      const ext = name.includes(".") ? name.split(".").pop()!.toLowerCase() : "";
      if (!["txt", "html", "htm", "docx"].includes(ext)) {
        out.push({ path, status: "failed", reportId: null, message: `unsupported file type “.${ext}” (txt, html, htm, docx)` });
        continue;
      }
      const dup = [...this.reports.values()].find((r) => r.fileName === name);
      if (dup) {
        out.push({ path, status: "duplicate", reportId: dup.id, message: `same content as report ${dup.id} (${dup.fileName})` });
        continue;
      }
      const id = Math.max(0, ...this.reports.keys()) + 1;
      const city = name.match(/^(.+?[市县区省])/)?.[1] ?? null;
      const fx = syntheticReport({ id, figures: 60, jurisdiction: city ?? "示范市", fileName: name });
      fx.reports[0].importedAt = new Date().toISOString();
      this.load(fx);
      out.push({ path, status: "imported", reportId: id, message: `${fx.figures.length} figures extracted` });
    }
    await emit("import-progress", { done: paths.length, total: paths.length, current: "" });
    return out;
  }
}

/** Routes @tauri-apps/api IPC (commands, events, dialog) to the mock. */
export function installMockIPC(backend: MockBackend) {
  mockWindows("main");
  mockIPC((cmd, args) => backend.handle(cmd, args as Record<string, any>), { shouldMockEvents: true });
}
