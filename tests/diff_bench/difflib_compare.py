#!/usr/bin/env python3
"""Time Python's difflib on the report pairs the Rust bench uses, and print
the ratio to gwr-compare's aligned diff.

Run the Rust bench first so its numbers are on disk, then this script:

    export CARGO_TARGET_DIR=/work/target-compare   # or leave unset for ./target
    cargo bench -p gwr-compare --bench diff
    python3 tests/diff_bench/difflib_compare.py

Three difflib set-ups, from the cheapest to the one closest to ours:

- ``lines``: SequenceMatcher over the paragraphs (lines) only; no wording diff.
- ``lines+chars``: lines first, then a character SequenceMatcher over each
  replaced pair of lines (what a two-level wording diff costs in difflib).
- ``chars``: one character SequenceMatcher over the whole text
  (autojunk=False, so frequent characters such as 的 still match).

gwr-compare does more than any of them (section and paragraph alignment,
moved paragraphs, phrase tokens with numbers, value changes), so the ratio
flatters difflib if anything.
"""

import difflib
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
PAIRS = [
    ("guowuyuan_2024", "guowuyuan_2025"),
    ("shanghai_2023", "shanghai_2024"),
    ("hailaerqu_2018", "hailaerqu_2019"),
]


def read(stem):
    return (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")


def lines_only(a, b):
    sm = difflib.SequenceMatcher(None, a.split("\n"), b.split("\n"), autojunk=False)
    return sm.get_opcodes()


def lines_then_chars(a, b):
    la, lb = a.split("\n"), b.split("\n")
    sm = difflib.SequenceMatcher(None, la, lb, autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "replace":
            out.append(tag)
            continue
        for x, y in zip(la[i1:i2], lb[j1:j2]):
            out.append(difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes())
    return out


def chars(a, b):
    return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def timed(fn, a, b, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn(a, b)
        times.append((time.perf_counter() - t) * 1000.0)
    return statistics.median(times)


def rust_ms(old, new):
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    est = target / "criterion" / "aligned_diff" / f"{old}_vs_{new}" / "new" / "estimates.json"
    if not est.exists():
        return None
    return json.loads(est.read_text())["median"]["point_estimate"] / 1e6


def main():
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    print(f"python {sys.version.split()[0]}, median of {repeat} runs, milliseconds")
    print(f"{'pair':36} {'lines':>8} {'lines+chars':>12} {'chars':>10} {'gwr-compare':>12} {'chars/gwr':>10}")
    for old, new in PAIRS:
        a, b = read(old), read(new)
        t_lines = timed(lines_only, a, b, repeat)
        t_two = timed(lines_then_chars, a, b, repeat)
        t_chars = timed(chars, a, b, max(1, repeat // 3))
        rust = rust_ms(old, new)
        rust_s = f"{rust:12.2f}" if rust is not None else f"{'(run bench)':>12}"
        ratio = f"{t_chars / rust:9.0f}x" if rust else f"{'-':>10}"
        print(f"{old + ' vs ' + new:36} {t_lines:8.2f} {t_two:12.2f} {t_chars:10.1f} {rust_s} {ratio}")
        if rust:
            print(f"{'':36} lines+chars / gwr-compare = {t_two / rust:.1f}x")


if __name__ == "__main__":
    main()
