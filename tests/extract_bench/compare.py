#!/usr/bin/env python3
"""Compare figure extraction on the seeds: gwr-extract against Microsoft
Recognizers-Text (Chinese) and JioNLP.

The expected figures are our hand-written fixtures
(src-tauri/extract/tests/fixtures/*.toml). Fixtures name indicators, not
places, so each expected figure is located through our own JSONL output (the
figure with the same indicator, measure, kind, period and value): that gives
its sentence and surface span. Every tool then reads the *same sentence*, and
for each expected figure we count:

  right   an entity covering the span with the expected value (in base units:
          827亿元 = 82700000000) and the expected kind of unit (%, 个百分点, money…)
  wrong   an entity covering the span with another value or unit
          (个百分点 read as %, a range split in two, 1,234.5万 cut short…)
  missed  nothing covering the span

Figures our extractor did not find at all cannot be located and count as
missed for every tool. Qualifiers are scored where a tool reports them
(JioNLP's definition: accurate / blur; Recognizers has none).
`spurious` counts entities with no Arabic digit that are not any figure of ours
(the 一 of 一般/一是, the 十三 of 十三五…). Timing is over all sentences of the
five seeds, one core, after a warm-up.

Usage:
  pip install --pre recognizers-text-suite 'emoji<1.0' jionlp
  python3 tests/extract_bench/compare.py [--gwr 'gwr extract --format jsonl']

Without --gwr, our side is `cargo run --release -p gwr-extract --example jsonl`.
"""

import argparse
import glob
import json
import os
import re
import shlex
import subprocess
import sys
import time

try:
    import tomllib
except ImportError:  # Python < 3.11
    import tomli as tomllib

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURES = os.path.join(ROOT, "src-tauri", "extract", "tests", "fixtures")
SAMPLES = os.path.join(ROOT, "samples")


def our_figures(cmd, files):
    out = subprocess.run(cmd + files, capture_output=True, text=True, check=True, cwd=ROOT).stdout
    return [json.loads(l) for l in out.splitlines() if l.strip()]


def unit_kind(unit):
    if unit == "%":
        return "%"
    if unit == "个百分点":
        return "pp"
    if unit.endswith("元"):
        return "money"
    return "count"


def close(a, b):
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def locate(fixture, figs):
    """(sentence, start, end within sentence, expected) for each located figure."""
    used, out, missing = set(), [], 0
    for e in fixture["figure"]:
        if "value" not in e:
            continue  # qualitative targets: no number for the other tools to find
        hit = None
        for i, f in enumerate(figs):
            if i in used or f["indicator"] != e["indicator"] or f["measure"] != e["measure"]:
                continue
            if f["kind"] != e["kind"] or str(f["period"]) != e["period"] or f["unit"] != e["unit"]:
                continue
            if f["value"] is None or not close(f["value"], e["value"]):
                continue
            hit = i
            break
        if hit is None:
            missing += 1
            continue
        used.add(hit)
        f = figs[hit]
        sent = f["sentence"]
        # The figure's text inside its sentence; the value part without 近/约.
        k = sent.find(f["text"])
        if k < 0:
            missing += 1
            continue
        out.append((sent, k, k + len(f["text"]), e, f))
    return out, missing


def expected_base(e, f):
    v = abs(e["value"])
    if unit_kind(e["unit"]) == "money":
        return abs(f["value_base"])
    if unit_kind(e["unit"]) in ("%", "pp"):
        return v
    return abs(f["value_base"]) if f["value_base"] is not None else v


# --- the tools, each: sentence -> [(start, end_exclusive, value, kind, qualifier)]

def tool_ours(sentence, figs_by_sentence):
    out = []
    for f in figs_by_sentence.get(sentence, []):
        k = sentence.find(f["text"])
        if k >= 0 and f["value"] is not None:
            base = f["value_base"] if unit_kind(f["unit"]) in ("money", "count") else f["value"]
            out.append((k, k + len(f["text"]), abs(base), unit_kind(f["unit"]), f["qualifier"]))
    return out


def make_recognizers():
    from recognizers_suite import Culture, recognize_currency, recognize_number, recognize_percentage

    def parse(v):
        try:
            return abs(float(str(v).replace(",", "").rstrip("%")))
        except ValueError:
            return None

    def run(sentence):
        out = []
        for r in recognize_percentage(sentence, Culture.Chinese):
            v = parse(r.resolution.get("value")) if r.resolution else None
            out.append((r.start, r.end + 1, v, "%", None))
        for r in recognize_currency(sentence, Culture.Chinese):
            v = parse(r.resolution.get("value")) if r.resolution else None
            out.append((r.start, r.end + 1, v, "money", None))
        taken = [(s, e) for s, e, *_ in out]
        for r in recognize_number(sentence, Culture.Chinese):
            if any(s <= r.start < e for s, e in taken):
                continue
            v = parse(r.resolution.get("value")) if r.resolution else None
            out.append((r.start, r.end + 1, v, "count", None))
        return out

    return run


def make_jionlp():
    import jionlp as jio

    def run(sentence):
        out = []
        for m in jio.ner.extract_money(sentence, with_parsing=True):
            d = m.get("detail") or {}
            num = d.get("num")
            if isinstance(num, list):  # a range: JioNLP gives both bounds
                v = (float(num[0]) + float(num[1])) / 2
            else:
                v = float(num) if num is not None else None
            q = {"accurate": "eq"}.get(d.get("definition"), "approx")
            out.append((m["offset"][0], m["offset"][1], v, "money", q))
        return out

    return run


def score(run, located, all_ours):
    right = wrong = missed = qual_ok = qual_n = spurious = 0
    cache = {}
    for sent, s, e, exp, f in located:
        if sent not in cache:
            cache[sent] = run(sent)
        ents = [x for x in cache[sent] if x[0] < e and x[1] > s]
        want = expected_base(exp, f)
        kind = unit_kind(exp["unit"])
        if not ents:
            missed += 1
            continue
        # Counting units (万人, 亿斤) are numbers to the other tools.
        ok = [x for x in ents if x[2] is not None and close(x[2], want)
              and (x[3] == kind or (kind == "count" and x[3] == "count"))]
        if ok:
            right += 1
            if ok[0][4] is not None:
                qual_n += 1
                qual_ok += ok[0][4] == exp.get("qualifier", "eq") or (
                    ok[0][4] == "approx" and exp.get("qualifier") in ("approx", "ge", "le"))
        else:
            wrong += 1
    for sent, ents in cache.items():
        ours = [(k, k + len(f["text"])) for f in all_ours.get(sent, []) for k in [sent.find(f["text"])] if k >= 0]
        for x in ents:
            text = sent[x[0]:x[1]]
            if not re.search(r"[0-9０-９]", text) and not any(a < x[1] and b > x[0] for a, b in ours):
                spurious += 1
    return right, wrong, missed, qual_ok, qual_n, spurious


def timed(run, sentences, repeat=1):
    for s in sentences[:20]:
        run(s)
    t = time.perf_counter()
    for _ in range(repeat):
        for s in sentences:
            run(s)
    return (time.perf_counter() - t) / repeat


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gwr", help="command printing our JSONL for files, e.g. 'gwr extract --format jsonl'")
    args = ap.parse_args()
    cmd = shlex.split(args.gwr) if args.gwr else [
        "cargo", "run", "-q", "--release", "-p", "gwr-extract", "--example", "jsonl", "--"]

    fixtures = sorted(glob.glob(os.path.join(FIXTURES, "*.toml")))
    files = []
    for p in fixtures:
        with open(p, "rb") as fh:
            files.append(os.path.join(SAMPLES, tomllib.load(fh)["report"]))
    subprocess.run(cmd + files[:1], capture_output=True, cwd=ROOT)  # build once, untimed
    t = time.perf_counter()
    figs = our_figures(cmd, files)
    ours_time = time.perf_counter() - t
    by_report, by_sentence = {}, {}
    for f in figs:
        by_report.setdefault(f["report"], []).append(f)
        by_sentence.setdefault(f["sentence"], []).append(f)

    located, unlocated, expected = [], 0, 0
    for p in fixtures:
        with open(p, "rb") as fh:
            fx = tomllib.load(fh)
        expected += sum(1 for e in fx["figure"] if "value" in e)
        loc, miss = locate(fx, by_report.get(fx["report"], []))
        located += loc
        unlocated += miss
    sentences = sorted(by_sentence)
    chars = sum(len(s) for s in sentences)

    tools = [("gwr-extract", lambda s: tool_ours(s, by_sentence))]
    notes = []
    for name, make in [("Recognizers-Text (zh)", make_recognizers), ("JioNLP extract_money", make_jionlp)]:
        try:
            tools.append((name, make()))
        except Exception as e:  # not installed
            notes.append(f"{name}: not available ({e})")

    print(f"{expected} expected numeric figures in the fixtures, {len(located)} located "
          f"({unlocated} not found by gwr-extract: missed by every tool)")
    print(f"{'tool':<24}{'right':>7}{'wrong':>7}{'missed':>8}{'qualifier':>11}{'spurious':>10}{'seconds':>10}{'chars/s':>10}")
    for name, run in tools:
        right, wrong, missed, qok, qn, spur = score(run, located, by_sentence)
        missed += unlocated
        if name == "gwr-extract":
            secs = ours_time  # load + extract of the five files, process start included
        else:
            secs = timed(run, sentences)
        q = f"{qok}/{qn}" if qn else "n/a"
        print(f"{name:<24}{right:>7}{wrong:>7}{missed:>8}{q:>11}{spur:>10}{secs:>10.2f}{chars / secs:>10.0f}")
    for n in notes:
        print(n)
    print("gwr-extract time is the whole command (process start, load and extract of the five files);"
          " the others are timed on the sentences only.")


if __name__ == "__main__":
    sys.exit(main())
