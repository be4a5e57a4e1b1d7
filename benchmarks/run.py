"""Benchmarks: parse speed, build time and memory at scale, the full run against its floor.

    .venv/bin/python benchmarks/run.py                      # everything (the 10,000 build takes minutes)
    .venv/bin/python benchmarks/run.py --sizes 1,100,1000   # fewer build sizes
    .venv/bin/python benchmarks/run.py --only parse         # one part: parse | build | rebuild | scale | hostile | full | profile

Figures go to ``benchmarks/results.json`` (each part keeps its last measurement, so a part
run alone updates only its own figures) and are rendered into ``docs/benchmarks.md``.

What is measured
----------------
parse
    ``parse_report`` + ``run_checks`` on the bundled report and on 200 generated reports
    (``tests/synth.py``), in this process pinned to one CPU; ``time.perf_counter``, median of
    several runs.
build
    ``analysis.build`` of 1, 100, 1,000, 10,000 generated reports (written once into a cache
    folder under /tmp; drawn office by office, each department with about 18 of its 26 years,
    so a larger corpus has more offices, not more years per department), each size in a fresh
    child process; the build's own time, the child's
    wall time (interpreter and imports included), and its peak RSS read by an intermediate
    process with ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``. The parse cache is off
    (every file parsed) unless ``--warm``.
rebuild
    A 10,000-report corpus built once (parse cache on), one file changed, then built again:
    the second build's time and peak RSS (its own child process).
scale
    Builds of 20,000, 50,000 and 100,000 (``--scale-sizes``) reports as for *build*: with its
    10,000, the time per 1,000 reports and the peak memory as the corpus grows (each size the
    start of the same corpus).
hostile
    ``parse_report`` of the bundled report with 10,000 to 100,000 spaces at the end of one line
    (the organisation table's header): a regular expression that backtracks shows as time
    growing with the square of the line.
full
    ``python -m analysis report`` on the bundled report (in a temporary project root, so
    nothing in the repository is written) against its floor: a kernel started and
    ``import pandas, matplotlib.pyplot`` run once per notebook (nbclient, a one-cell notebook,
    as many times as there are notebooks).
profile
    ``cProfile`` of parse + checks over generated reports and of a 1,000-report build: the
    functions where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import io
import json
import os
import platform
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # synth: generated reports, a test helper

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results.json"
DOC = ROOT / "docs" / "benchmarks.md"
BUNDLED = ROOT / "data" / "raw" / "yeongdeungpo_vision-cooperation_2022.txt"
CACHE = Path(os.environ.get("ANALYSIS_BENCH_CACHE", "/tmp/analysis-bench"))
CORPUS_SEED = 20221121
CORPUS_SIZE = 10_000
CORPUS_SHARE = 0.7  # of each office's 40 departments × 26 years drawn: about 18 reports per department at any size
TARGETS = {"parse_per_s": 1000, "build_10000_s": 30, "build_10000_mb": 1024, "full_ratio": 1.3, "rebuild_s": 5, "scale_mb": 2048}


# --- helpers ----------------------------------------------------------------------------------


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def median_time(fn, runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), times


def machine() -> dict:
    import pandas

    cpu = ""
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next(line.split(":", 1)[1].strip() for line in fh if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    mem = ""
    try:
        with open("/proc/meminfo") as fh:
            kb = int(next(line.split()[1] for line in fh if line.startswith("MemTotal")))
        mem = f"{kb / 1024 / 1024:.1f} GB"
    except (OSError, StopIteration):
        pass
    git = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], check=False, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "src/analysis"], check=False, capture_output=True, text=True).stdout.strip()
    return {
        "nproc": os.cpu_count(), "affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu": cpu, "memory": mem, "python": platform.python_version(), "pandas": pandas.__version__,
        "platform": platform.platform(), "git": git + (" (src/analysis modified)" if dirty else ""),
        "date": dt.datetime.now().isoformat(timespec="seconds"),
    }


def corpus(n: int) -> Path:
    """A folder holding exactly n generated reports (links into one cached corpus): the first n
    files of a corpus drawn office by office (``synth.generate_corpus(by_office=CORPUS_SHARE)``),
    so every size has the same share of each department's years and only more offices."""
    from synth import generate_corpus

    full = CACHE / f"corpus_by_office_{CORPUS_SHARE}_{CORPUS_SEED}"
    stamp = full / ".complete"
    have = int(stamp.read_text()) if stamp.exists() else 0
    if have < n:  # the corpus of a size is the start of any larger one: generated again, larger
        size = max(n, CORPUS_SIZE)
        log(f"generating {size:,} reports into {full} (once) ...")
        shutil.rmtree(full, ignore_errors=True)
        t = time.perf_counter()
        generate_corpus(full, size, seed=CORPUS_SEED, by_office=CORPUS_SHARE)
        stamp.write_text(str(size))
        log(f"  generated in {time.perf_counter() - t:.1f} s")
    folder = CACHE / f"raw_by_office_{n}"
    if not folder.exists() or len(list(folder.iterdir())) != n or any(not p.exists() for p in folder.iterdir()):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for k in range(n):
            name = f"synth_{k:06d}.txt"
            (folder / name).symlink_to(full / name)
    return folder


# --- parse ------------------------------------------------------------------------------------


def bench_parse(runs: int) -> dict:
    from analysis.check.arithmetic import run_checks
    from analysis.interpret.report import parse_report
    from synth import generate_report

    pinned = None
    if hasattr(os, "sched_setaffinity"):
        pinned = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {pinned})
    bundled = BUNDLED.read_text(encoding="utf-8")
    generated = [generate_report(seed, money_unit="백만원" if seed % 5 == 0 else "천원")[0] for seed in range(200)]

    def parse_checks(texts):
        for t in texts:
            run_checks(parse_report(t, "bench.txt"))

    def parse_only(texts):
        for t in texts:
            parse_report(t, "bench.txt")

    out = {"pinned_cpu": pinned, "runs": runs}
    for label, texts in (("bundled", [bundled] * 200), ("generated", generated)):
        parse_checks(texts[:20])  # warm-up (imports, regex compilation, layout cache)
        med_default, _ = median_time(lambda texts=texts: parse_checks(texts), runs)
        # As a build worker runs: gc.freeze() after the imports (build.py), so the collector
        # no longer walks pandas' and pyarrow's objects while reports are parsed.
        gc.freeze()
        try:
            med, times = median_time(lambda texts=texts: parse_checks(texts), runs)
            med_p, _ = median_time(lambda texts=texts: parse_only(texts), runs)
        finally:
            gc.unfreeze()
        floor, cells, numbers = parse_floor(texts, runs)
        out[label] = {
            "reports": len(texts), "lines": sum(t.count("\n") + 1 for t in texts) / len(texts),
            "ms_per_report": med / len(texts) * 1000, "ms_parse_only": med_p / len(texts) * 1000,
            "ms_gc_default": med_default / len(texts) * 1000,
            "reports_per_s": len(texts) / med, "spread_ms": [min(times) / len(texts) * 1000, max(times) / len(texts) * 1000],
            "floor_ms": floor * 1000, "blocks_and_cells": cells, "numbers": numbers,
        }
        log(f"parse {label}: {out[label]['ms_per_report']:.2f} ms/report ({out[label]['ms_gc_default']:.2f} without gc.freeze), "
            f"{out[label]['reports_per_s']:.0f} reports/s; floor {out[label]['floor_ms']:.2f} ms")
    # load_report: file read, decoding, parse, checks, rows (what a build does per file)
    import analysis

    files = [corpus(200) / name for name in sorted(os.listdir(corpus(200)))]
    for f in files[:20]:
        analysis.load_report(f)
    med, _ = median_time(lambda: [analysis.load_report(f) for f in files], runs)
    out["load_report_ms"] = med / len(files) * 1000
    log(f"load_report: {out['load_report_ms']:.2f} ms/file")
    if pinned is not None:
        os.sched_setaffinity(0, set(range(os.cpu_count())))
    return out


def parse_floor(texts: list[str], runs: int) -> tuple[float, float, float]:
    """The least any reader of the document model must do, in this Python, per report: split
    the lines, make one object with its location for every paragraph and table cell, find every
    number in them and make it a Decimal (coverage counts each). No table is recognised and no
    value interpreted. Returns (seconds per report, objects per report, numbers per report)."""
    import re
    from decimal import Decimal

    from analysis.interpret.report import _NUMBER_TOKEN
    from analysis.read.document import Loc

    new = tuple.__new__
    line_break = re.compile(r"\r\n|\r|\n")

    class Item:
        __slots__ = ("text", "loc")

        def __init__(self, text, loc):
            self.text, self.loc = text, loc

    def floor_one(text: str) -> tuple[int, int]:
        items = []
        for n, line in enumerate(line_break.split(text), 1):
            if "\t" in line:
                for c, cell in enumerate(line.split("\t"), 1):
                    items.append(Item(cell.strip(), new(Loc, (n, None, None, None, None, 1, c, None))))
            elif line.strip():
                items.append(Item(line.strip(), new(Loc, (n, None, None, None, None, None, None, None))))
        numbers = 0
        for item in items:
            for token in _NUMBER_TOKEN.findall(item.text):
                Decimal(token.replace(",", "").replace("△", "-").replace(" ", ""))
                numbers += 1
        return len(items), numbers

    sizes = [floor_one(t) for t in texts]
    gc.freeze()
    try:
        med, _ = median_time(lambda: [floor_one(t) for t in texts], runs)
    finally:
        gc.unfreeze()
    return med / len(texts), sum(a for a, _ in sizes) / len(texts), sum(b for _, b in sizes) / len(texts)


# --- build ------------------------------------------------------------------------------------


def child_build(raw: str, warm: bool, keep: str | None = None) -> None:
    """In a fresh process: build raw into a temporary folder (or into ``keep``, which stays,
    with its parse cache beside it); print the figures as JSON."""
    t0 = time.perf_counter()
    import inspect

    import analysis

    imported = time.perf_counter() - t0
    work = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="bench-build-"))
    work.mkdir(parents=True, exist_ok=True)
    kwargs = {}
    params = inspect.signature(analysis.build).parameters
    if "lineage_file" in params:
        kwargs["lineage_file"] = work / "no-lineage.csv"  # none: the repository's decisions are for its own reports
    if "progress" in params:
        kwargs["progress"] = False
    if "cache_dir" in params:
        kwargs["cache_dir"] = work / "parse-cache"
    if "use_cache" in params:
        kwargs["use_cache"] = warm or bool(keep)
    try:
        if warm:  # fill the cache first; the figure is the second build
            analysis.build(raw, work / "out-first", **kwargs)
        t = time.perf_counter()
        result = analysis.build(raw, work / "out", **kwargs)
        seconds = time.perf_counter() - t
        stats = getattr(result, "stats", None)  # (a build of a large corpus holds no table: its counts, not its tables)
        rows = dict(stats["rows"]) if stats else {name: len(df) for name, df in result.tables.items()}
        current = work / "out" / "current"
        out_mb = sum(f.stat().st_size for f in (current if current.is_dir() else work / "out").iterdir() if f.is_file()) / 1e6
        print(json.dumps({
            "build_s": seconds, "import_s": imported, "reports": len(result.reports), "failures": len(result.failures),
            "rows": rows, "output_mb": out_mb, "self_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "from_cache": getattr(result, "from_cache", None), "workbook": getattr(result, "workbook", ""),
        }))
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def child_measure(raw: str, warm: bool, timeout: float, keep: str | None = None) -> None:
    """Run one build child; report its wall time and peak RSS (this process has no other child)."""
    cmd = [sys.executable, __file__, "--child-build", raw] + (["--warm"] if warm else []) + (["--keep", keep] if keep else [])
    t = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True)
        tree_peak = 0
        while proc.poll() is None:  # the build may start worker processes: sample their sum too
            tree_peak = max(tree_peak, _tree_rss_kb(proc.pid))
            if time.perf_counter() - t > timeout:
                proc.kill()
                proc.wait()
                print(json.dumps({"timeout": timeout, "wall_s": time.perf_counter() - t}))
                return
            time.sleep(0.1)
        wall = time.perf_counter() - t
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = usage.ru_maxrss / 1024  # kB on Linux: the largest single process
    if proc.returncode != 0:
        print(json.dumps({"error": stderr[-2000:], "wall_s": wall}))
        return
    figures = json.loads(stdout.strip().splitlines()[-1])
    figures.update({"wall_s": wall, "peak_rss_mb": peak, "tree_peak_rss_mb": tree_peak / 1024, "cpu_s": usage.ru_utime + usage.ru_stime,
                    "load_avg": os.getloadavg()[0]})
    print(json.dumps(figures))


def _tree_rss_kb(pid: int) -> int:
    """Memory of a process and its descendants now (Linux /proc), in kB: their proportional set
    sizes (Pss: pages a forked worker shares with its parent counted once), or VmRSS where
    smaps_rollup is missing."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            try:
                with open(f"/proc/{p}/smaps_rollup") as fh:
                    total += next(int(line.split()[1]) for line in fh if line.startswith("Pss:"))
            except (OSError, StopIteration):
                with open(f"/proc/{p}/status") as fh:
                    total += next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            continue
    return total


def measure(raw: Path, timeout: float, keep: Path | None = None) -> dict:
    """One build in a fresh child process, measured (see :func:`child_measure`)."""
    proc = subprocess.run([sys.executable, __file__, "--child-measure", str(raw), "--timeout", str(timeout)] + (["--keep", str(keep)] if keep else []),
                          check=False, capture_output=True, text=True)
    figures = json.loads(proc.stdout.strip().splitlines()[-1]) if proc.stdout.strip() else {"error": proc.stderr[-2000:]}
    figures["measured"] = dt.datetime.now().isoformat(timespec="seconds")
    return figures


def bench_rebuild(n: int, timeout: float, repeat: int = 1) -> dict:
    """Build n reports, change one file, build again: the second build measured (``repeat``
    times, a different change each time; the fastest kept)."""
    work = Path(tempfile.mkdtemp(prefix="bench-rebuild-"))
    try:
        raw = work / "raw"
        raw.mkdir()
        files = sorted(corpus(n).iterdir())
        for f in files:
            (raw / f.name).symlink_to(f.resolve())
        log(f"rebuild: first build of {n:,} reports ...")
        first = measure(raw, timeout, work / "build")
        runs = []
        for k in range(repeat):
            changed = raw / files[len(files) // 2 + k].name
            text = changed.resolve().read_text(encoding="utf-8")
            changed.unlink()
            changed.write_text(text.replace("명", " 명", 1) if "명" in text else text + "\n", encoding="utf-8")  # one figure's spacing: same values
            log("rebuild: one file changed, building again ...")
            runs.append(measure(raw, timeout, work / "build"))
        second = best_of(runs)
        out = {"reports": n, "first": first, "rebuild": second}
        if "build_s" in second:
            log(f"  rebuild {second['build_s']:.2f} s (first build {first.get('build_s', float('nan')):.1f} s), peak RSS {second['peak_rss_mb']:.0f} MB")
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bench_hostile() -> dict:
    """parse_report on the bundled report with a long run of spaces ending one line."""
    from analysis.interpret.report import parse_report

    text = BUNDLED.read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("대외협력팀\t"))  # the organisation table's header
    s = time.perf_counter()
    parse_report(text, "bench.txt")
    out = {"line": at + 1, "normal_s": time.perf_counter() - s, "spaces": {}}
    for n in (10_000, 20_000, 40_000, 100_000):
        hostile = "\n".join(lines[:at] + [lines[at] + " " * n] + lines[at + 1:])
        s = time.perf_counter()
        try:
            parse_report(hostile, "bench.txt")
            outcome = "parsed"
        except Exception as exc:  # the figure is the time; an error is noted
            outcome = f"{type(exc).__name__}"
        out["spaces"][str(n)] = {"s": time.perf_counter() - s, "outcome": outcome}
        log(f"hostile line, {n:,} spaces: {out['spaces'][str(n)]['s']:.2f} s ({outcome})")
    # One program's results grown long (a booklet's appendix pasted in, a converter that repeats a
    # block): the time per result item must stay flat as the block grows (it had doubled with every
    # doubling, a copy of the rest of the block made for each line: _mark_subtotals).
    from analysis.check.arithmetic import run_checks

    anchor = "□ 주요 추진실적\n\n○ 국내 교류\n"
    out["long_results"] = {}
    for n in (3_000, 12_000, 48_000):
        block = "".join(f"○ 교류 {i}\n- 청소년 교류 캠프: 12명 참여(10. 20. 실시), 예산 1,200천원\n" for i in range(n))
        long = text.replace(anchor, "□ 주요 추진실적\n\n" + block + "○ 국내 교류\n", 1)
        s = time.perf_counter()
        run_checks(parse_report(long, "bench.txt"))
        took = time.perf_counter() - s
        out["long_results"][str(n)] = {"s": took, "us_per_item": took / n * 1e6, "mb": len(long.encode("utf-8")) / 1e6}
        log(f"long results block, {n:,} items ({out['long_results'][str(n)]['mb']:.1f} MB): {took:.2f} s, {took / n * 1e6:.0f} µs an item")
    return out


def best_of(runs: list[dict]) -> dict:
    """The fastest of several runs (on a shared machine the others measure its other jobs),
    with every run's build time and load average kept beside it."""
    done = [r for r in runs if "build_s" in r]
    if not done:
        return runs[-1]
    best = dict(min(done, key=lambda r: r["build_s"]))
    best["runs"] = [{"build_s": r["build_s"], "cpu_s": r.get("cpu_s"), "load_avg": r.get("load_avg")} for r in done]
    return best


def bench_build(sizes: list[int], warm: bool, timeout: float, repeat: int = 1) -> dict:
    out = {}
    for n in sizes:
        raw = corpus(n)
        log(f"build {n:,} reports{' (warm cache)' if warm else ''} ...")
        runs = []
        for _ in range(repeat if n >= 1000 else 1):
            proc = subprocess.run([sys.executable, __file__, "--child-measure", str(raw), "--timeout", str(timeout)] + (["--warm"] if warm else []),
                                  check=False, capture_output=True, text=True)
            figures = json.loads(proc.stdout.strip().splitlines()[-1]) if proc.stdout.strip() else {"error": proc.stderr[-2000:]}
            figures["measured"] = dt.datetime.now().isoformat(timespec="seconds")
            runs.append(figures)
        figures = out[str(n)] = best_of(runs)
        if "build_s" in figures:
            log(f"  build {figures['build_s']:.2f} s, wall {figures['wall_s']:.2f} s, peak RSS {figures['peak_rss_mb']:.0f} MB")
        else:
            log(f"  {figures}")
    return out


# --- full run against its floor ---------------------------------------------------------------


FLOOR_SCRIPT = """
import sys, time, nbformat
from nbclient import NotebookClient
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import pandas, matplotlib.pyplot")])
for _ in range(int(sys.argv[1])):
    NotebookClient(nbformat.from_dict(nb), kernel_name="python3", timeout=600).execute()
"""


def temp_root() -> Path:
    """A project root in /tmp: the bundled report, copies of the notebooks and manual inputs."""
    root = Path(tempfile.mkdtemp(prefix="bench-root-"))
    (root / "data" / "raw").mkdir(parents=True)
    shutil.copy(BUNDLED, root / "data" / "raw" / BUNDLED.name)
    shutil.copytree(ROOT / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    if (ROOT / "data" / "manual").is_dir():
        shutil.copytree(ROOT / "data" / "manual", root / "data" / "manual")
    return root


def bench_full(runs: int) -> dict:
    from analysis.brief.briefing import TRENDS_NOTEBOOK, notebook_paths

    # The notebooks a run of the bundled report executes: one report, so no trends across years.
    n_notebooks = len([p for p in notebook_paths(ROOT / "notebooks") if p.name != TRENDS_NOTEBOOK])
    floors, fulls, notes = [], [], []
    for k in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", FLOOR_SCRIPT, str(n_notebooks)], check=True, capture_output=True)
        floors.append(time.perf_counter() - t)
        root = temp_root()
        env = dict(os.environ, ANALYSIS_ROOT=str(root), ANALYSIS_REPORTS_DIR=str(root / "reports"), ANALYSIS_PROCESSED_DIR=str(root / "data" / "processed"))
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "analysis", "report", "--raw", str(root / "data" / "raw"), "--out", str(root / "data" / "processed")],
                              check=False, capture_output=True, text=True, env=env, cwd=root)
        fulls.append(time.perf_counter() - t)
        notes.append(proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr[-300:])
        if proc.returncode not in (0, 1):
            log(proc.stderr[-2000:])
        shutil.rmtree(root, ignore_errors=True)
        log(f"full run {k + 1}: {fulls[-1]:.1f} s (floor {floors[-1]:.1f} s)")
    out = {
        "notebooks": n_notebooks, "runs": runs, "floor_s": statistics.median(floors), "full_s": statistics.median(fulls),
        "floor_all": floors, "full_all": fulls, "last_line": notes[-1],
    }
    out["ratio"] = out["full_s"] / out["floor_s"]
    return out


# --- profiles ---------------------------------------------------------------------------------


def _top(profile: cProfile.Profile, key: str, n: int) -> list[dict]:
    return _top_stats(pstats.Stats(profile, stream=io.StringIO()), key, n)


def bench_profile(build_size: int) -> dict:
    from analysis.check.arithmetic import run_checks
    from analysis.interpret.report import parse_report
    from synth import generate_report

    texts = [generate_report(seed)[0] for seed in range(300)]
    for t in texts[:10]:
        run_checks(parse_report(t))
    prof = cProfile.Profile()
    prof.enable()
    for t in texts:
        run_checks(parse_report(t, "bench.txt"))
    prof.disable()
    out = {"parse": {"reports": len(texts), "tottime": _top(prof, "tottime", 15), "cumtime": _top(prof, "cumulative", 25)}}
    log("profiled parse")
    raw = corpus(build_size)
    work = Path(tempfile.mkdtemp(prefix="bench-profile-"))
    proc = subprocess.run([sys.executable, __file__, "--child-profile-build", str(raw), str(work / "build.prof")], check=False, capture_output=True, text=True)
    if proc.returncode == 0:
        stats_prof = pstats.Stats(str(work / "build.prof"), stream=io.StringIO())
        out["build"] = {"reports": build_size, "tottime": _top_stats(stats_prof, "tottime", 15), "cumtime": _top_stats(stats_prof, "cumulative", 30),
                        "total_s": stats_prof.total_tt, "breakdown": _breakdown(stats_prof)}
        log("profiled build")
    else:
        out["build"] = {"error": proc.stderr[-2000:]}
    shutil.rmtree(work, ignore_errors=True)
    return out


def _top_stats(stats: pstats.Stats, key: str, n: int) -> list[dict]:
    stats.sort_stats(key)
    rows = []
    for func in stats.fcn_list[:n]:
        _, nc, tt, ct, _ = stats.stats[func]
        filename, line, name = func
        where = f"{Path(filename).name}:{line}" if line else filename
        rows.append({"function": f"{name} ({where})", "calls": nc, "tottime_s": tt, "cumtime_s": ct})
    return rows


# (file, function, what it is) for the build's breakdown: cumulative times, so they overlap.
BUILD_STEPS = [
    ("build.py", "build", "the whole build"),
    ("build.py", "_read_files", "read + parse + check the files, rows streamed to Parquet (worker processes: the parent's wait)"),
    ("build.py", "load_reports", "read + parse + check each file (load_reports, in this process)"),
    ("report.py", "interpret_document", "  of which interpreting the document model"),
    ("arithmetic.py", "run_checks", "  of which run_checks"),
    ("contract.py", "to_rows", "  of which records to rows (to_rows)"),
    ("stream.py", "write", "appending rows to the Parquet files (TableSink.write)"),
    ("build.py", "link_lineage", "program lineage across reports, in department windows (link_lineage)"),
    ("changes.py", "compare_versions", "change summary against the previous build (compare_versions)"),
    ("build.py", "write_tables", "CSV files and the workbook (write_tables)"),
    ("stream.py", "write_csv", "  of which CSV (write_csv)"),
    ("build.py", "_write_workbook", "  of which the workbook (_write_workbook)"),
    ("publish.py", "publish", "checksums, manifest and the switch (publish)"),
]


def _breakdown(stats: pstats.Stats) -> list[dict]:
    total = {}
    for (filename, _, name), (_, nc, _, ct, _) in stats.stats.items():
        key = (Path(filename).name, name)
        calls, cum = total.get(key, (0, 0.0))
        total[key] = (calls + nc, max(cum, ct))  # recursive entries repeat the outer time: keep the largest
    out = []
    for file, name, label in BUILD_STEPS:
        if (file, name) in total:
            calls, cum = total[(file, name)]
            out.append({"step": label, "function": f"{name} ({file})", "calls": calls, "cumtime_s": cum})
    return out


def child_profile_build(raw: str, target: str) -> None:
    import inspect

    import analysis

    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    params = inspect.signature(analysis.build).parameters
    kwargs = {k: v for k, v in {"lineage_file": work / "none.csv", "progress": False, "cache_dir": work / "cache", "use_cache": False}.items() if k in params}
    prof = cProfile.Profile()
    prof.enable()
    analysis.build(raw, work / "out", **kwargs)
    prof.disable()
    prof.dump_stats(target)
    shutil.rmtree(work, ignore_errors=True)


# --- the document -----------------------------------------------------------------------------


def render(results: dict) -> str:
    m = results.get("machine", {})
    lines = [
        "# Benchmarks",
        "",
        "Measured by `python benchmarks/run.py` (see its docstring for what each figure is); this page is",
        "written by that script from `benchmarks/results.json`. Figures are from one machine and move",
        "with it: compare them against each other and the targets, not across machines.",
        "",
        "## Machine",
        "",
        "| | |", "|---|---|",
        f"| CPUs (`nproc`) | {m.get('nproc')} (usable: {m.get('affinity')}) |",
        f"| CPU | {m.get('cpu')} |",
        f"| Memory | {m.get('memory')} |",
        f"| Python | {m.get('python')} |",
        f"| pandas | {m.get('pandas')} |",
        f"| Platform | {m.get('platform')} |",
        f"| Code | git {m.get('git')} |",
        f"| Date | {m.get('date')} |",
        "",
        "## Against the targets",
        "",
        "| Target | Measured | Met |",
        "|---|---|---|",
    ]
    p = results.get("parse", {})
    if p:
        rate = min(p["bundled"]["reports_per_s"], p["generated"]["reports_per_s"])
        lines.append(f"| parse + checks ≥ {TARGETS['parse_per_s']:,} reports/s on one core | {p['bundled']['reports_per_s']:,.0f}/s (bundled), {p['generated']['reports_per_s']:,.0f}/s (generated) | {'yes' if rate >= TARGETS['parse_per_s'] else 'no'} |")
    b = results.get("build", {})
    if "10000" in b and "build_s" in b["10000"]:
        x = b["10000"]
        mem = max(x["peak_rss_mb"], x.get("tree_peak_rss_mb", 0))
        ok = x["build_s"] < TARGETS["build_10000_s"] and mem < TARGETS["build_10000_mb"]
        lines.append(f"| 10,000 reports built in < {TARGETS['build_10000_s']} s with < 1 GB | {x['build_s']:.1f} s build ({x['wall_s']:.1f} s with start-up), peak RSS {mem:,.0f} MB | {'yes' if ok else 'no'} |")
    elif "10000" in b:
        lines.append(f"| 10,000 reports built in < {TARGETS['build_10000_s']} s with < 1 GB | not finished: {_short(b['10000'])} | no |")
    else:
        lines.append(f"| 10,000 reports built in < {TARGETS['build_10000_s']} s with < 1 GB | not measured (`--sizes 10000`) | |")
    rb = results.get("rebuild", {}).get("rebuild", {})
    if "build_s" in rb:
        lines.append(f"| rebuild after one changed file of {results['rebuild']['reports']:,} in < {TARGETS['rebuild_s']} s | {rb['build_s']:.1f} s build ({rb['wall_s']:.1f} s with start-up), peak RSS {max(rb['peak_rss_mb'], rb.get('tree_peak_rss_mb', 0)):,.0f} MB | {'yes' if rb['build_s'] < TARGETS['rebuild_s'] else 'no'} |")
    sc = {int(n): x for part in ("build", "scale") for n, x in results.get(part, {}).items() if "build_s" in x and int(n) >= 10_000}
    if len(sc) >= 2:
        big = max(sc)
        mem = max(max(x["peak_rss_mb"], x.get("tree_peak_rss_mb", 0)) for x in sc.values())
        per = ", ".join(f"{sc[n]['build_s'] / n * 1000:.2f}" for n in sorted(sc))
        mems = [max(sc[n]["peak_rss_mb"], sc[n].get("tree_peak_rss_mb", 0)) for n in sorted(sc)]
        flat = mem < TARGETS["scale_mb"] and max(mems) < 1.5 * min(mems)
        lines.append(f"| 100,000 reports: memory flat (< 2 GB), time linear | measured {', '.join(f'{n:,}' for n in sorted(sc))}: {per} s per 1,000 reports; "
                     f"peak RSS {', '.join(f'{m:,.0f}' for m in mems)} MB | {'yes' if flat else 'no (memory grows with the corpus)'} |")
    f = results.get("full", {})
    if f:
        lines.append(f"| full run ≤ {TARGETS['full_ratio']}× floor | {f['full_s']:.1f} s vs floor {f['floor_s']:.1f} s = {f['ratio']:.2f}× | {'yes' if f['ratio'] <= TARGETS['full_ratio'] else 'no'} |")
    if p:
        lines += [
            "",
            "## Parsing (one core)",
            "",
            f"`parse_report` + `run_checks`, pinned to CPU {p.get('pinned_cpu')}, median of {p['runs']} runs of 200 reports each, "
            "with `gc.freeze()` after the imports as the build's worker processes run (without it: the *default GC* column). "
            "*Floor* is the least any reader of the document model does in this Python: split the lines, one object with its "
            "location per paragraph and cell, every number found and made a Decimal; nothing recognised or interpreted "
            "(`parse_floor`). The bundled report parsed 200 times meets every cache warm (printed numbers are parsed once); "
            "the generated reports are distinct.",
            "",
            "| Reports | Lines/report | ms/report (parse + checks) | ms/report (parse only) | reports/s | min–max ms | default GC ms | floor ms (paragraphs and cells, numbers) |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for label, title in (("bundled", "bundled report ×200"), ("generated", "200 generated (synth)")):
            x = p[label]
            extra = (f" {x['ms_gc_default']:.2f} | {x['floor_ms']:.2f} ({x['blocks_and_cells']:.0f}, {x['numbers']:.0f}) |"
                     if "floor_ms" in x else " - | - |")
            lines.append(f"| {title} | {x['lines']:.0f} | {x['ms_per_report']:.2f} | {x['ms_parse_only']:.2f} | {x['reports_per_s']:,.0f} | {x['spread_ms'][0]:.2f}–{x['spread_ms'][1]:.2f} |" + extra)
        lines += ["", f"`analysis.load_report` on a file (read, decode, parse, checks, rows): {p['load_report_ms']:.2f} ms/file."]
    if b:
        lines += [
            "",
            "## Build",
            "",
            "`analysis.build` of generated reports (cached under `/tmp/analysis-bench`), each size in a fresh",
            "child process, parse cache off. *Build* is the `build()` call; *wall* adds interpreter start",
            "and imports; *peak RSS* is `ru_maxrss` of `RUSAGE_CHILDREN` in a process whose only child is the",
            "build: the largest single process. If the build starts worker processes, *all processes* is",
            "the peak of their summed proportional set size (Pss: memory a forked worker shares with the",
            "build counted once), sampled every 0.1 s from /proc. Builds of 1,000 reports or more ran",
            "`--repeat` times; the fastest is shown, every run's build seconds (and the 1-minute load average",
            "of this shared machine) under *runs*.",
            "",
            "| Reports | Build s | Wall s | Reports/s | Peak RSS MB | All processes MB | Output MB | Rows (findings) | Measured | runs: s (load) |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for n in sorted(b, key=int):
            x = b[n]
            if "build_s" in x:
                tree = f"{x['tree_peak_rss_mb']:,.0f}" if "tree_peak_rss_mb" in x else ""
                runs = ", ".join(f"{r['build_s']:.1f} ({r['load_avg']:.1f})" if r.get("load_avg") is not None else f"{r['build_s']:.1f}" for r in x.get("runs", []))
                lines.append(f"| {int(n):,} | {x['build_s']:.2f} | {x['wall_s']:.2f} | {int(n) / x['build_s']:,.0f} | {x['peak_rss_mb']:,.0f} | {tree} | {x['output_mb']:.1f} | {sum(x['rows'].values()):,} ({x['rows'].get('findings', 0):,}) | {x['measured']} | {runs} |")
            else:
                lines.append(f"| {int(n):,} | {_short(x)} | | | | | | | {x.get('measured', '')} |")
    bw = results.get("build_warm", {})
    if bw:
        lines += ["", "Second build with the parse cache warm (`--warm`):", "", "| Reports | Build s | Wall s | Peak RSS MB |", "|---|---|---|---|"]
        for n in sorted(bw, key=int):
            x = bw[n]
            lines.append(f"| {int(n):,} | {x['build_s']:.2f} | {x['wall_s']:.2f} | {x['peak_rss_mb']:,.0f} |" if "build_s" in x else f"| {int(n):,} | {_short(x)} | | |")
    rebuild = results.get("rebuild", {})
    if rebuild:
        lines += ["", "## Rebuild after one changed file", "",
                  f"{rebuild['reports']:,} generated reports built once with the parse cache on, one file changed (one figure's",
                  "spacing: the same values), built again; each build in its own child process.", "",
                  "| build | s | wall s | peak RSS MB | all processes MB | unchanged files (published build or cache) | runs: s |", "|---|---|---|---|---|---|---|"]
        for label in ("first", "rebuild"):
            x = rebuild.get(label, {})
            if "build_s" in x:
                runs = ", ".join(f"{r['build_s']:.1f}" for r in x.get("runs", []))
                lines.append(f"| {label} | {x['build_s']:.2f} | {x['wall_s']:.2f} | {x['peak_rss_mb']:,.0f} | {x.get('tree_peak_rss_mb', 0):,.0f} | {x.get('from_cache')} | {runs} |")
            else:
                lines.append(f"| {label} | {_short(x)} | | | | | |")
    if results.get("scale"):
        lines += ["", "## Scale", "", "Builds as above (parse cache off), larger corpora (the first files of the same corpus, drawn office by office: "
                  "about 18 reports per department at every size): time per 1,000 reports and peak memory.", "",
                  "| Reports | Build s | s per 1,000 | Peak RSS MB | All processes MB | Output MB | Workbook | Measured |", "|---|---|---|---|---|---|---|---|"]
        for n in sorted(results["scale"], key=int):
            x = results["scale"][n]
            if "build_s" in x:
                lines.append(f"| {int(n):,} | {x['build_s']:.1f} | {x['build_s'] / int(n) * 1000:.2f} | {x['peak_rss_mb']:,.0f} | {x.get('tree_peak_rss_mb', 0):,.0f} | {x['output_mb']:.0f} | {x.get('workbook', '')[:40]} | {x['measured']} |")
            else:
                lines.append(f"| {int(n):,} | {_short(x)} | | | | | | |")
    hostile = results.get("hostile", {})
    if hostile:
        lines += ["", "## A line of spaces", "", f"`parse_report` of the bundled report ({hostile['normal_s'] * 1000:.1f} ms as it is) with spaces added at the end of line {hostile['line']}:", "",
                  "| spaces | s | outcome |", "|---|---|---|"]
        lines += [f"| {int(n):,} | {x['s']:.2f} | {x['outcome']} |" for n, x in hostile["spaces"].items()]
        if hostile.get("long_results"):
            lines += ["", "## A long block of results", "", "`parse_report` + `run_checks` of the bundled report with program 1's results grown by N items "
                      "('○ 교류 i' over '- 청소년 교류 캠프: 12명 참여…'): the time an item must not grow with N.", "",
                      "| items | MB | s | µs an item |", "|---|---|---|---|"]
            lines += [f"| {int(n):,} | {x['mb']:.1f} | {x['s']:.2f} | {x['us_per_item']:.0f} |" for n, x in hostile["long_results"].items()]
    if f:
        lines += [
            "",
            "## Full run against its floor",
            "",
            f"`python -m analysis report` on the bundled report (a temporary project root; median of {f['runs']} runs)",
            "against the floor: a kernel started and `import pandas, matplotlib.pyplot` executed with nbclient,",
            f"{f['notebooks']} times (once per notebook), in one process.",
            "",
            "| | seconds (median) | all runs |",
            "|---|---|---|",
            f"| floor | {f['floor_s']:.1f} | {', '.join(f'{v:.1f}' for v in f['floor_all'])} |",
            f"| full run | {f['full_s']:.1f} | {', '.join(f'{v:.1f}' for v in f['full_all'])} |",
            f"| ratio | {f['ratio']:.2f}× | |",
        ]
    prof = results.get("profile", {})
    if prof:
        lines += ["", "## Where the time goes (cProfile)", ""]
        if "parse" in prof:
            lines += [f"### parse + checks, {prof['parse']['reports']} generated reports", "", "By own time (tottime):", ""] + _table(prof["parse"]["tottime"][:12])
            lines += ["", "By cumulative time:", ""] + _table(prof["parse"]["cumtime"][:18])
        if "build" in prof and "tottime" in prof["build"]:
            lines += ["", f"### build, {prof['build']['reports']:,} generated reports", ""]
            steps = prof["build"].get("breakdown", [])
            if steps:
                whole = steps[0]["cumtime_s"] or 1
                lines += ["Steps (cumulative time under the profiler, which slows Python code more than C code):", "",
                          "| step | function | calls | s | share |", "|---|---|---|---|---|"]
                lines += [f"| {x['step']} | `{x['function']}` | {x['calls']:,} | {x['cumtime_s']:.2f} | {x['cumtime_s'] / whole:.0%} |" for x in steps]
                lines += [""]
            lines += ["By own time (tottime):", ""] + _table(prof["build"]["tottime"][:12])
            lines += ["", "By cumulative time:", ""] + _table(prof["build"]["cumtime"][:25])
    auto = []
    if p:
        x = p["bundled"]
        auto.append(f"- Parsing: {x['ms_per_report']:.2f} ms per report on one core is {x['reports_per_s']:,.0f} reports/s, "
                    f"{TARGETS['parse_per_s'] / x['reports_per_s']:.1f}× short of the {TARGETS['parse_per_s']:,}/s target; "
                    f"the checks are {1 - x['ms_parse_only'] / x['ms_per_report']:.0%} of it, the parser the rest.")
    sized = {int(n): x for n, x in b.items() if "build_s" in x}
    if len(sized) >= 2:
        big, small = max(sized), min(k for k in sized if k >= 100) if any(k >= 100 for k in sized) else min(sized)
        rate_s, rate_b = small / sized[small]["build_s"], big / sized[big]["build_s"]
        auto.append(f"- Build: {rate_s:,.0f} reports/s at {small:,} reports, {rate_b:,.0f}/s at {big:,}"
                    + (" (the build slows down as it grows: some step is worse than linear)" if rate_b < 0.8 * rate_s else "")
                    + f"; peak memory {sized[big]['peak_rss_mb']:,.0f} MB at {big:,} reports, "
                    f"{sized[big]['peak_rss_mb'] / big * 1000:,.0f} MB per 1,000.")
    if f:
        auto.append(f"- Full run: {f['full_s'] - f['floor_s']:.1f} s above the floor ({f['ratio']:.2f}×).")
    notes = results.get("notes")
    if auto or notes:
        lines += ["", "## Reading the figures", ""] + auto + ([""] + notes if notes else [])
    return "\n".join(lines) + "\n"


def _short(x: dict) -> str:
    if "timeout" in x:
        return f"timed out after {x['timeout']:.0f} s"
    return "error: " + str(x.get("error", "?")).strip().splitlines()[-1][:120]


def _table(rows: list[dict]) -> list[str]:
    out = ["| function | calls | own s | cumulative s |", "|---|---|---|---|"]
    for r in rows:
        out.append(f"| `{r['function']}` | {r['calls']:,} | {r['tottime_s']:.3f} | {r['cumtime_s']:.3f} |")
    return out


# --- main -------------------------------------------------------------------------------------


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1,100,1000,10000", help="build sizes, comma-separated (default 1,100,1000,10000)")
    ap.add_argument("--only", choices=["parse", "build", "rebuild", "scale", "hostile", "full", "profile"], action="append", help="run only these parts (repeatable)")
    ap.add_argument("--scale-sizes", default="20000,50000,100000", help="corpus sizes for the scale part, beside the build part's 10,000 (default 20000,50000,100000)")
    ap.add_argument("--keep", help=argparse.SUPPRESS)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each build of 1,000 reports or more, and of the rebuild; the fastest is kept (default 3)")
    ap.add_argument("--runs", type=int, default=7, help="runs per parse figure (median)")
    ap.add_argument("--full-runs", type=int, default=3, help="runs of the full report and of the floor")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds allowed per build size")
    ap.add_argument("--warm", action="store_true", help="also measure a second build with the parse cache warm")
    ap.add_argument("--profile-size", type=int, default=1000, help="reports in the profiled build")
    ap.add_argument("--render", action="store_true", help="only re-render docs/benchmarks.md from results.json")
    ap.add_argument("--child-build", help=argparse.SUPPRESS)
    ap.add_argument("--child-measure", help=argparse.SUPPRESS)
    ap.add_argument("--child-profile-build", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child_build:
        child_build(args.child_build, args.warm, args.keep)
        return 0
    if args.child_measure:
        child_measure(args.child_measure, args.warm, args.timeout, args.keep)
        return 0
    if args.child_profile_build:
        child_profile_build(*args.child_profile_build)
        return 0
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    if not args.render:
        parts = args.only or ["parse", "build", "rebuild", "scale", "hostile", "full", "profile"]
        produced = {"machine", *parts}
        results["machine"] = machine()
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

        def save():
            # Merge into the file as it is now: another run (a part run alone) may have saved since.
            current = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
            for key, value in results.items():
                if key in ("build", "build_warm", "scale") and isinstance(current.get(key), dict):
                    current[key].update(value)
                elif key in produced or key not in current:
                    current[key] = value
            results.clear()
            results.update(current)
            RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
            DOC.write_text(render(results), encoding="utf-8")

        if "parse" in parts:
            results["parse"] = bench_parse(args.runs)
            save()
        if "build" in parts:
            for n in sizes:  # saved after each size: the 10,000 one may time out
                results.setdefault("build", {}).update(bench_build([n], False, args.timeout, args.repeat))
                save()
            if args.warm:
                for n in sizes:
                    results.setdefault("build_warm", {}).update(bench_build([n], True, args.timeout))
                    save()
        if "rebuild" in parts:
            results["rebuild"] = bench_rebuild(CORPUS_SIZE, args.timeout, args.repeat)
            save()
        if "scale" in parts:
            for n in [int(x) for x in args.scale_sizes.split(",") if x.strip()]:
                results.setdefault("scale", {})[str(n)] = measure(corpus(n), args.timeout)
                save()
        if "hostile" in parts:
            results["hostile"] = bench_hostile()
            save()
        if "full" in parts:
            results["full"] = bench_full(args.full_runs)
            save()
        if "profile" in parts:
            results["profile"] = bench_profile(args.profile_size)
            save()
    DOC.write_text(render(results), encoding="utf-8")
    log(f"wrote {DOC.relative_to(ROOT)} and {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
