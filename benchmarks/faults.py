"""Content faults: how many damaged numbers pass unsaid (silent wrong numbers).

    .venv/bin/python benchmarks/faults.py                    # every mutant; counts and the silent ones
    .venv/bin/python benchmarks/faults.py --json out.json    # also every mutant's class, for a diff
    .venv/bin/python benchmarks/faults.py --kinds drop_cell,lookalike --show 100
    .venv/bin/python benchmarks/faults.py --as md                # each text made Markdown after the damage (or html, layout)

The inputs are the bundled report (``data/raw/yeongdeungpo_vision-cooperation_2022.txt``) and
the office fixtures (``tests/data/offices/*.txt``). Each table row of them (a line of
tab-separated cells) is damaged one way at a time, as retyping, OCR, a converter or a flipped
bit damages a report's content:

drop_cell     one cell left out (each cell in turn): the cells after it move one to the left
dup_cell      one cell written twice (each in turn): the cells after it move one to the right
swap_cells    two adjacent cells that differ, swapped
delete_row    the row left out
merge_cells   two adjacent cells joined into one (a lost tab; joined by a space)
stray_tab     a tab put into a cell (in the middle of each cell of two or more characters)
digit         one digit of a number changed (each number; which digit and to what, seeded)
lookalike     one digit of a cell replaced by a look-alike: 0→O, 1→l, 6/8→&, others→I

and a sample (every second) of the prose lines that hold a digit: ``digit``, ``lookalike``,
``stray_tab`` (inside the first number) and ``delete_row`` (the line left out).

Each mutant is read (``analysis.store.build._reports_rows``: read, interpret, check) and compared
with the good file's output, the source columns (line, location, file, hash) left aside:

loud      refused (one ReportError), or an error or warning finding that the good file has not
          (a ``coverage`` warning counts as *visible*)
visible   fewer numbers read than the good file (the coverage share fell), a new ``coverage``
          warning naming an unread number, or a new ``unread_lines`` / ``figures_elsewhere`` /
          ``session_dates`` / ``cover_title`` info (a value left blank, and said so)
harmless  every output row the same (a finding of level info may differ)
SILENT    output values changed and nothing of the above: a wrong number nobody is told of
crash     an exception other than ReportError (a bug)

A silent mutant is not always a fault of the product: a row left out of a list that has no 계
(a team's duty, a partner city) cannot be told from a shorter list. The listing shows what
changed, so that such cases can be set apart from the mechanisms worth fixing.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from analysis.errors import ReportError  # noqa: E402
from analysis.store.build import _reports_rows  # noqa: E402

DEFAULT_FILES = [ROOT / "data" / "raw" / "yeongdeungpo_vision-cooperation_2022.txt", *sorted((ROOT / "tests" / "data" / "offices").glob("*.txt"))]
IGNORED = {"source_line", "source_loc", "source_file", "source_format", "source_sha256"}
KINDS = ("drop_cell", "dup_cell", "swap_cells", "delete_row", "merge_cells", "stray_tab", "digit", "lookalike")
CLASSES = ("loud", "visible", "harmless", "SILENT", "crash")
_DIGITS = re.compile(r"\d")
_NUMBER = re.compile(r"\d[\d,.]*")
_LOOKALIKE = {"0": "O", "1": "l", "6": "&", "8": "&"}


def lookalike(d: str) -> str:
    return _LOOKALIKE.get(d, "I")


def row_mutants(cells: list[str], rng: random.Random):
    """(kind, detail, new cells or None for the row left out) of one table row."""
    n = len(cells)
    for i in range(n):
        if n > 1:
            yield "drop_cell", f"cell {i + 1} {cells[i]!r}", cells[:i] + cells[i + 1:]
        yield "dup_cell", f"cell {i + 1} {cells[i]!r}", cells[:i + 1] + cells[i:]
    for i in range(n - 1):
        if cells[i] != cells[i + 1]:
            yield "swap_cells", f"cells {i + 1}-{i + 2} {cells[i]!r}/{cells[i + 1]!r}", cells[:i] + [cells[i + 1], cells[i]] + cells[i + 2:]
            yield "merge_cells", f"cells {i + 1}-{i + 2} {cells[i]!r}+{cells[i + 1]!r}", cells[:i] + [f"{cells[i]} {cells[i + 1]}".strip()] + cells[i + 2:]
    yield "delete_row", "row", None
    for i, cell in enumerate(cells):
        if len(cell.strip()) >= 2:
            s = cell.strip()
            k = cell.index(s) + len(s) // 2
            yield "stray_tab", f"cell {i + 1} {cell!r}", cells[:i] + [cell[:k], cell[k:]] + cells[i + 1:]
        for m in _NUMBER.finditer(cell):
            spots = [m.start() + j for j, ch in enumerate(m.group()) if ch.isdigit()]
            at = rng.choice(spots)
            new = rng.choice([d for d in "0123456789" if d != cell[at]])
            yield "digit", f"cell {i + 1} {cell!r} -> {cell[:at] + new + cell[at + 1:]!r}", cells[:i] + [cell[:at] + new + cell[at + 1:]] + cells[i + 1:]
        spots = [m.start() for m in _DIGITS.finditer(cell)]
        if spots:
            at = rng.choice(spots)
            changed = cell[:at] + lookalike(cell[at]) + cell[at + 1:]
            yield "lookalike", f"cell {i + 1} {cell!r} -> {changed!r}", cells[:i] + [changed] + cells[i + 1:]


def prose_mutants(line: str, rng: random.Random):
    """(kind, detail, new line or None) of a prose line that holds a digit."""
    numbers = list(_NUMBER.finditer(line))
    m = rng.choice(numbers)
    spots = [m.start() + j for j, ch in enumerate(m.group()) if ch.isdigit()]
    at = rng.choice(spots)
    new = rng.choice([d for d in "0123456789" if d != line[at]])
    yield "digit", f"{m.group()!r} -> {line[m.start():at] + new + line[at + 1:m.end()]!r}", line[:at] + new + line[at + 1:]
    at = rng.choice(spots)
    yield "lookalike", f"{m.group()!r} -> {line[m.start():at] + lookalike(line[at]) + line[at + 1:m.end()]!r}", line[:at] + lookalike(line[at]) + line[at + 1:]
    if len(m.group()) >= 2:
        k = m.start() + len(m.group()) // 2
        yield "stray_tab", f"in {m.group()!r}", line[:k] + "\t" + line[k:]
    yield "delete_row", "line", None


def mutants(text: str, rng: random.Random, prose_every: int = 2):
    """(line number, kind, detail, the damaged text) of a report's text."""
    lines = text.split("\n")
    prose_seen = 0
    for n, line in enumerate(lines):
        body = line.rstrip("\r")
        end = line[len(body):]
        if "\t" in body:
            produced = row_mutants(body.split("\t"), rng)
            join = lambda new: "\t".join(new) + end  # noqa: E731
        elif _DIGITS.search(body) and body.strip():
            prose_seen += 1
            if prose_seen % prose_every:
                continue
            produced = prose_mutants(body, rng)
            join = lambda new: new + end  # noqa: E731
        else:
            continue
        for kind, detail, new in produced:
            damaged = lines[:n] + lines[n + 1:] if new is None else lines[:n] + [join(new)] + lines[n + 1:]
            out = "\n".join(damaged)
            if out != text:
                yield n + 1, kind, detail, out


def _finding_key(f: dict) -> tuple:
    loc = f.get("source_loc") or ""
    subject = f["subject"].replace(loc, "") if loc else f["subject"]
    return f["check"], f["severity"], re.sub(r"line \d+", "line #", subject), f["expected"], f["actual"]


def outcome(name: str, data: bytes):
    """The tables (source columns aside) and the findings of a file's reports, or the refusal."""
    try:
        reports = _reports_rows(name, data)
    except ReportError as e:
        return "refused", str(e)
    except Exception as e:  # noqa: BLE001 - a crash is counted, never hidden
        return "crash", f"{type(e).__name__}: {e}"
    tables, findings, coverage = [], [], []
    for rep in reports:
        tables.append({t: sorted(tuple(sorted((k, repr(v)) for k, v in r.items() if k not in IGNORED)) for r in rows) for t, rows in rep.items() if t != "findings"})  # (rows in another order: the same values)
        findings += [f for f in rep["findings"]]
        coverage += [(int(f["expected"]), int(f["actual"])) for f in rep["findings"] if f["check"] == "coverage" and f["subject"] == "numbers in tables"]
    return "ok", (tables, findings, coverage)


def classify(good, bad) -> tuple[str, str]:
    """The class of a mutant's outcome against the good file's, and why."""
    status, got = bad
    if status == "refused":
        return "loud", "refused: " + got[:160]
    if status == "crash":
        return "crash", got[:200]
    tables, findings, coverage = got
    g_tables, g_findings, g_coverage = good[1]
    before = collections.Counter(_finding_key(f) for f in g_findings)
    new = collections.Counter(_finding_key(f) for f in findings) - before
    loud = [k for k in new if k[1] in ("error", "warning") and k[0] != "coverage"]
    if loud:
        return "loud", f"{loud[0][0]} {loud[0][1]}: {loud[0][2]} {loud[0][3]!r} {loud[0][4]!r}"[:200]
    unread = sum(t - r for t, r in coverage)
    g_unread = sum(t - r for t, r in g_coverage)
    # (a session_dates or cover_title info: the cover's dates or title left blank, and said so)
    named = [k for k in new if k[0] in ("coverage", "unread_lines", "figures_elsewhere", "session_dates", "cover_title")]
    if unread > g_unread or named:
        return "visible", f"unread {g_unread}->{unread}" + (f"; {named[0][0]} {named[0][3]!r}" if named else "")
    if tables == g_tables:
        return "harmless", ""
    return "SILENT", _first_change(g_tables, tables)


def _first_change(a: list[dict], b: list[dict]) -> str:
    if len(a) != len(b):
        return f"{len(a)} reports -> {len(b)}"
    out = []
    for ra, rb in zip(a, b):
        for t in sorted(set(ra) | set(rb)):
            xa, xb = collections.Counter(ra.get(t, [])), collections.Counter(rb.get(t, []))
            gone, came = list((xa - xb).elements()), list((xb - xa).elements())
            if gone or came:
                keys = {k for r in gone + came for k, _ in r} - {"report_id"}
                if gone and came:  # the fields that differ between the first pair
                    da, db = dict(gone[0]), dict(came[0])
                    keys = [k for k in da if da.get(k) != db.get(k)] or sorted(keys)
                    out.append(f"{t}: " + ", ".join(f"{k} {da.get(k)}->{db.get(k)}" for k in keys)[:220] + (f" (+{len(gone) - 1} more)" if len(gone) > 1 else ""))
                elif gone:
                    out.append(f"{t}: -{len(gone)} row(s) e.g. " + str({k: v for k, v in gone[0] if k != 'report_id'})[:200])
                else:
                    out.append(f"{t}: +{len(came)} row(s) e.g. " + str({k: v for k, v in came[0] if k != 'report_id'})[:200])
    return " | ".join(out)[:400]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--seed", type=int, default=20261205)
    ap.add_argument("--show", type=int, default=60, help="silent mutants listed (0: none, -1: all)")
    ap.add_argument("--json", type=Path, help="write every mutant's class here")
    ap.add_argument("--as", dest="as_", choices=("text", "md", "html", "layout"), default="text",
                    help="read each file and mutant as Markdown, HTML or space-aligned text as pdftotext -layout writes it "
                         "(tests/convert.py, after the damage) instead of tab text")
    args = ap.parse_args(argv)
    kinds = set(args.kinds.split(","))
    convert, suffix = (lambda t: t), ".txt"
    if args.as_ != "text":
        sys.path.insert(0, str(ROOT / "tests"))
        import convert as converters

        convert, suffix = {"md": (converters.to_markdown, ".md"), "html": (converters.to_html, ".html"), "layout": (converters.to_layout, ".txt")}[args.as_]
    counts = {k: collections.Counter() for k in KINDS}
    listed, records = [], []
    started = time.perf_counter()
    for path in args.files:
        data = path.read_bytes()
        text = data.decode("utf-8")
        name = Path(path.name).with_suffix(suffix).name
        good = outcome(name, convert(text).encode("utf-8"))
        if good[0] != "ok":
            print(f"{path.name}: the good file is not read ({good[1]}); skipped", file=sys.stderr)
            continue
        rng = random.Random(f"{args.seed}:{path.name}")
        for line, kind, detail, damaged in mutants(text, rng):
            if kind not in kinds:
                continue
            cls, why = classify(good, outcome(name, convert(damaged).encode("utf-8")))
            counts[kind][cls] += 1
            rec = {"file": path.name, "line": line, "kind": kind, "detail": detail, "class": cls, "why": why}
            records.append(rec)
            if cls in ("SILENT", "crash"):
                listed.append(rec)
    took = time.perf_counter() - started
    width = max(len(k) for k in KINDS)
    print(f"{'kind':<{width}}  " + "  ".join(f"{c:>8}" for c in CLASSES) + "     total")
    totals = collections.Counter()
    for kind in KINDS:
        if kind in kinds:
            c = counts[kind]
            totals.update(c)
            print(f"{kind:<{width}}  " + "  ".join(f"{c[x]:>8}" for x in CLASSES) + f"  {sum(c.values()):>8}")
    print(f"{'all':<{width}}  " + "  ".join(f"{totals[x]:>8}" for x in CLASSES) + f"  {sum(totals.values()):>8}")
    print(f"({len(records)} mutants of {len(args.files)} files in {took:.0f} s)")
    shown = listed if args.show < 0 else listed[:args.show]
    if shown:
        print(f"\nsilent and crashed mutants ({len(listed)}; {len(shown)} shown):")
        for r in shown:
            print(f"  {r['class']:<6} {r['file']}:{r['line']} {r['kind']} {r['detail']}\n         {r['why']}")
    if args.json:
        args.json.write_text(json.dumps(records, ensure_ascii=False, indent=0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
