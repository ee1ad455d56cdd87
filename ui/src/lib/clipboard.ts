// Copying a path for the user. The async Clipboard API is missing or refused
// in some web views (it needs a secure context and sometimes a permission);
// then the old selection + execCommand("copy") path, which works inside a click.

/** Resolves to true when the text is on the clipboard. */
export async function copyText(text: string, fallbackInput?: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection path
  }
  const input = fallbackInput ?? null;
  if (!input) return false;
  const focused = document.activeElement as HTMLElement | null;
  input.focus();
  input.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  focused?.focus?.();
  return ok;
}
