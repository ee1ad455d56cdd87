// Interaction timings the browser tests read back (window.__gwrPerf) and that
// also appear as performance measures in the devtools timeline.

export interface PerfEntry {
  name: string;
  ms: number;
  detail?: Record<string, unknown>;
}

declare global {
  interface Window {
    __gwrPerf?: PerfEntry[];
  }
}

function sink(): PerfEntry[] {
  return (window.__gwrPerf ??= []);
}

/**
 * Runs `cb` after the next frame has been painted: a rAF callback runs just
 * before paint, and a task queued from it runs after that paint.
 */
export function afterPaint(cb: () => void) {
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => cb();
    ch.port2.postMessage(null);
  });
}

/** Records `name` as the time from `start` (a performance.now()/event.timeStamp value) to the next paint. */
export function measureToPaint(name: string, start: number, detail?: Record<string, unknown>) {
  afterPaint(() => {
    const end = performance.now();
    try {
      performance.measure(name, { start, end, detail });
    } catch {
      // Older engines (WebKitGTK) may lack the options form; the sink still gets it.
    }
    sink().push({ name, ms: end - start, detail });
  });
}

export function record(name: string, ms: number, detail?: Record<string, unknown>) {
  sink().push({ name, ms, detail });
}
