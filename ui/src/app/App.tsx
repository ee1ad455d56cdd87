import { useEffect, useRef, useState } from "preact/hooks";
import { CompareScreen } from "../features/compare/CompareScreen";
import { ReportsScreen } from "../features/reports/ReportsScreen";
import { ReviewScreen } from "../features/review/ReviewScreen";
import { afterPaint, record } from "../lib/perf";
import type { AppStore } from "./appStore";

/** Asked once: every decision in the log carries this name. */
export function ReviewerPrompt({ app, current }: { app: AppStore; current: string | null }) {
  const [name, setName] = useState(current ?? "");
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const save = async (e: Event) => {
    e.preventDefault();
    if (!name.trim()) return setError("Enter your name");
    try {
      await app.setReviewer(name.trim());
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div class="overlay">
      <form class="dialog reviewer" role="dialog" aria-modal="true" aria-labelledby="reviewer-title" onSubmit={save}>
        <h2 id="reviewer-title">Who is reviewing?</h2>
        <p class="muted">Your name is recorded with every decision in this project's review log.</p>
        <label for="reviewer-name">Name</label>
        <input id="reviewer-name" ref={ref} value={name} onInput={(e) => setName(e.currentTarget.value)} autoComplete="name" />
        {error ? <div class="ferr">{error}</div> : null}
        <div class="editor-actions">
          <button type="submit" class="primary">
            Start reviewing
          </button>
        </div>
      </form>
    </div>
  );
}

export function App({ app }: { app: AppStore }) {
  useEffect(() => {
    void app.start();
  }, [app]);
  const screen = app.screen.value;
  const info = app.info.value;
  const fatal = app.fatal.value;
  if (fatal) return <div class="banner error fatal">{fatal}</div>;
  const onReady = () => afterPaint(() => record("app-ready", performance.now()));
  return (
    <>
      {screen.name === "reports" ? (
        <ReportsScreen app={app} onReady={onReady} />
      ) : screen.name === "compare" ? (
        <CompareScreen app={app} preferred={screen.preferred} />
      ) : (
        <ReviewScreen key={`${screen.reportId}:${screen.figureId ?? ""}`} app={app} reportId={screen.reportId} openedAt={screen.openedAt} figureId={screen.figureId} />
      )}
      {info && !info.reviewer ? <ReviewerPrompt app={app} current={null} /> : null}
    </>
  );
}
