import { useEffect, useRef } from "preact/hooks";
import { BINDINGS, displayKey } from "./keys";

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div class="overlay" onMouseDown={onClose}>
      <div
        class="dialog help"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        tabIndex={-1}
        ref={ref}
        onMouseDown={(e) => e.stopPropagation()}
      >
        <h2>Keyboard</h2>
        <table class="keys">
          <tbody>
            {BINDINGS.map((b) => (
              <tr>
                <td>
                  {b.keys.map((k, i) => (
                    <>
                      {i > 0 ? " " : null}
                      <kbd>{displayKey(k)}</kbd>
                    </>
                  ))}
                </td>
                <td>{b.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>In the editor</h3>
        <table class="keys">
          <tbody>
            <tr>
              <td>
                <kbd>Enter</kbd>
              </td>
              <td>Save (commits, then moves on)</td>
            </tr>
            <tr>
              <td>
                <kbd>Esc</kbd>
              </td>
              <td>Cancel</td>
            </tr>
            <tr>
              <td>
                <kbd>↑</kbd> <kbd>↓</kbd> <kbd>Tab</kbd>
              </td>
              <td>Choose a suggested indicator or unit</td>
            </tr>
          </tbody>
        </table>
        <p class="muted">
          To add a figure the extractor missed, select its text in the report pane and press <kbd>+</kbd>. A decision is shown as
          saved only once it is on disk.
        </p>
        <button type="button" onClick={onClose}>
          Close <kbd>Esc</kbd>
        </button>
      </div>
    </div>
  );
}
