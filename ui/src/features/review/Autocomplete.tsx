// A small combobox: free text plus a filtered suggestion list driven by arrows,
// Enter/Tab to take a suggestion, Escape to close it. Native <datalist> is
// avoided because WebKitGTK's rendering of it is inconsistent.
import { useMemo, useState } from "preact/hooks";

export interface Suggestion {
  value: string;
  /** Shown beside the value, e.g. the alias that matched. */
  note?: string;
}

interface Props {
  id: string;
  value: string;
  onInput: (v: string) => void;
  suggest: (q: string) => Suggestion[];
  invalid?: boolean;
  placeholder?: string;
  inputRef?: (el: HTMLInputElement | null) => void;
  /** Called for Enter when no suggestion is open (the form's submit). */
  onEnter?: () => void;
}

export function Autocomplete({ id, value, onInput, suggest, invalid, placeholder, inputRef, onEnter }: Props) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const items = useMemo(() => (open ? suggest(value).slice(0, 8) : []), [open, value, suggest]);
  const listId = `${id}-list`;

  const take = (s: Suggestion) => {
    onInput(s.value);
    setOpen(false);
  };

  return (
    <div class="ac">
      <input
        id={id}
        ref={inputRef}
        value={value}
        placeholder={placeholder}
        autoComplete="off"
        spellcheck={false}
        role="combobox"
        aria-expanded={items.length > 0}
        aria-controls={listId}
        aria-invalid={invalid}
        aria-activedescendant={items.length ? `${listId}-${active}` : undefined}
        onInput={(e) => {
          onInput((e.currentTarget as HTMLInputElement).value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            if (!open) return setOpen(true);
            if (items.length) setActive((a) => (a + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length);
          } else if ((e.key === "Enter" || e.key === "Tab") && items.length && open && items[active].value !== value) {
            e.preventDefault();
            e.stopPropagation();
            take(items[active]);
          } else if (e.key === "Escape" && items.length) {
            e.stopPropagation();
            setOpen(false);
          } else if (e.key === "Enter" && onEnter) {
            e.preventDefault();
            setOpen(false);
            onEnter();
          }
        }}
      />
      {items.length > 0 && (
        <ul class="ac-list" id={listId} role="listbox">
          {items.map((s, i) => (
            <li
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              class={i === active ? "active" : ""}
              onMouseDown={(e) => {
                e.preventDefault();
                take(s);
              }}
            >
              <span>{s.value}</span>
              {s.note ? <span class="ac-note">{s.note}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
