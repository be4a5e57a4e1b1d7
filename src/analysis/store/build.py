"""I/O at the edges: read report files, parse and check them, publish ``data/processed/``.

A report that fails to parse, for whatever reason, is reported (file, line, what was expected)
and its last good rows are carried over from the previous build; the other reports still build.
A build writes a whole new version of the output folder (Parquet, CSV, the workbook while it
fits Excel, ``changes.md``, a manifest) and makes it current in one step
(:mod:`analysis.store.publish`); one build at a time holds the folder's lock.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import gc
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import signal
import sys
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from tqdm import tqdm

from analysis import config
from analysis.check.arithmetic import run_checks
from analysis.errors import ReportError, quoted
from analysis.interpret.report import interpret_document
from analysis.read import read_bytes, read_document
from analysis.store import publish
from analysis.store import cache as parse_cache
from analysis.store.cache import DamagedEntry, ParseCache
from analysis.store.changes import Changes, changed_reports, compare
from analysis.store.contract import (
    INT64_MAX, SCHEMA, SEVERITIES, LoadedReport, OutOfRange, arrow_table, columns, concat_tables, frame, to_arrow, to_frame, to_rows,
)
from analysis.store.lineage import build_lineage, read_manual
from analysis.store.publish import StoreError
from analysis.store.safe import NEEDS_QUOTE_PATTERN, QUOTE
from analysis.store.xlsx import write_workbook

REPORT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".xlsx", ".hwpx", ".hwp", ".pdf"}  # text (tab, Markdown, HTML), workbooks (the Excel route), Hancom files and PDFs
REFUSED_SUFFIXES = {".docx", ".doc", ".odt", ".xls", ".rtf"}  # read only to say what to do with them (a failure, not a skip)
WORKBOOK = "report_tables.xlsx"
CHANGES_FILE = "changes.md"


def load_report(path: Path | str) -> LoadedReport:
    """Read, interpret and check a file that holds one report.

    Parameters
    ----------
    path : path
        A report: text (tab-separated, Markdown or HTML; UTF-8 with or without BOM, UTF-16 with
        BOM, or CP949/EUC-KR), or any other format :mod:`analysis.read` reads.

    Returns
    -------
    LoadedReport
        The contract's tables for this report, findings included.

    Raises
    ------
    ReportError
        If the file cannot be read as a report (message names file, location, expectation), or
        holds several reports (a booklet: use :func:`load_reports`).
    """
    path = Path(path)
    reports = load_reports(path)
    if len(reports) != 1:
        raise ReportError(path.name, 1, "one report in the file (load_reports reads a booklet of several)", f"{len(reports)} reports")
    return reports[0]


def _reports_rows(name: str, data: bytes) -> list[dict[str, list[dict]]]:
    """Every report of a file's bytes as the contract's rows: read → interpret → check."""
    document = read_document(data, name)
    sha = hashlib.sha256(data).hexdigest()
    return [to_rows(parsed, parsed.findings + run_checks(parsed)) for parsed in interpret_document(document, source_sha256=sha)]


def _report_rows(name: str, data: bytes) -> dict[str, list[dict]]:
    """The rows of the first report of a file's bytes."""
    return _reports_rows(name, data)[0]


def load_reports(path: Path | str) -> list[LoadedReport]:
    """Every report in one file: a report file holds one, a 국's booklet several; a workbook
    (the template filled in, or a ``report_tables.xlsx`` from a build) may hold several.

    Raises
    ------
    ReportError
        If the file cannot be read (file, location or sheet row, what was expected).
    """
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from analysis.interpret.workbook import load_workbook_reports

        return load_workbook_reports(path)
    return [LoadedReport(path, rows=rows) for rows in _reports_rows(path.name, read_bytes(path))]


def report_files(raw_dir: Path, *, skipped: list[str] | None = None) -> list[Path]:
    """The report files in ``raw_dir`` (sorted; README and hidden files left out). ``skipped``
    receives the names of the other files (another extension), for the build summary."""
    out = []
    for p in sorted(Path(raw_dir).iterdir()):
        if not p.is_file() or p.name.startswith((".", "~$")) or p.stem.upper() == "README":
            continue
        if p.suffix.lower() in REPORT_SUFFIXES | REFUSED_SUFFIXES:
            out.append(p)
        elif skipped is not None:
            skipped.append(p.name)
    return out


@dataclass
class BuiltReport:
    """One report a build read: its file, its id and its findings by severity."""

    path: Path
    report_id: str
    counts: dict[str, int]


@dataclass
class BuildResult:
    tables: dict[str, pd.DataFrame]
    reports: list[BuiltReport] = field(default_factory=list)
    failures: list[ReportError] = field(default_factory=list)
    carried_over: list[str] = field(default_factory=list)  # report_ids kept from the last build
    seconds: float = 0.0
    changes: Changes | None = None
    from_cache: int = 0  # reports read from the parse cache instead of parsed
    warnings: list[str] = field(default_factory=list)  # damaged cache entries, an unreadable previous build
    workbook: str = ""  # what became of report_tables.xlsx
    version: str | None = None  # the published version folder (None: nothing changed, nothing published)
    out_dir: Path | None = None
    skipped: list[str] = field(default_factory=list)  # files in raw_dir of no report format, by name

    @property
    def error_findings(self) -> int:
        return int((self.tables["findings"]["severity"] == "error").sum())

    @property
    def ok(self) -> bool:
        return not self.failures and self.error_findings == 0

    def summary(self) -> str:
        lines = [f"reports read: {len(self.reports)} of {len(self.reports) + len(self.failures)} files ({self.from_cache} unchanged, from the parse cache)"]
        for r in self.reports:
            lines.append(f"  {r.path.name} -> {r.report_id} ({', '.join(f'{r.counts.get(s, 0)} {s}' for s in SEVERITIES)})")
        for e in self.failures:
            lines.append(f"  FAILED {e}")
        for rid in self.carried_over:
            lines.append(f"  kept from the last good build: {rid}")
        if self.skipped:
            lines.append(f"  skipped, not a report format ({' '.join(sorted(REPORT_SUFFIXES))}): {', '.join(self.skipped)}")
        for w in self.warnings:
            lines.append(f"  warning: {w}")
        lines.append("rows per table: " + ", ".join(f"{name} {len(df)}" for name, df in self.tables.items()))
        counts = self.tables["findings"]["severity"].value_counts()
        lines.append("findings: " + ", ".join(f"{int(counts.get(s, 0))} {s}" for s in SEVERITIES))
        f = self.tables["findings"]
        cov = f[(f["check"] == "coverage") & (f["severity"] == "info")]
        if len(cov):
            total, read = int(cov["expected"].astype(int).sum()), int(cov["actual"].astype(int).sum())
            unread = int((f["check"] == "unread_lines").sum())
            lines.append(f"numbers read: {read:,} of {total:,} in the reports' tables, figures and values ({read * 100 / total if total else 100:.1f}%); runs of unread blocks: {unread}")
        if self.changes is not None:
            lines.append(self.changes.summary())
        if self.workbook:
            lines.append(f"workbook: {self.workbook}")
        if self.out_dir is not None:
            lines.append(f"published: {self.out_dir / publish.VERSIONS / self.version} is {self.out_dir / publish.CURRENT}" if self.version
                         else "published: nothing new (every file is the same as the current build's)")
        lines.append(f"built in {self.seconds:.2f} s")
        return "\n".join(lines)


def build(
    raw_dir: Path | str, out_dir: Path | str, lineage_file: Path | str | None = None, *,
    cache_dir: Path | str | None = None, use_cache: bool = True, progress: bool | None = None, wait: float = 0.0,
) -> BuildResult:
    """Build every report in ``raw_dir`` into the contract's tables and publish them in ``out_dir``.

    Parameters
    ----------
    raw_dir : path
        Folder of report files (read only).
    out_dir : path
        Output folder: a new version of ``<table>.parquet``, ``<table>.csv`` (UTF-8 with BOM),
        ``report_tables.xlsx`` (while it fits Excel) and ``changes.md`` is written and made
        current at once (see :mod:`analysis.store.publish`).
    lineage_file : path, optional
        The analyst's program lineage decisions (default ``data/manual/program_lineage.csv``).
    cache_dir : path, optional
        Parse cache (default :func:`analysis.config.parse_cache_dir` of ``out_dir``): a file
        whose bytes, name and the parser's code are unchanged since it was last parsed is read
        from there instead.
    use_cache : bool, default True
        False re-parses everything (and writes no cache).
    progress : bool, optional
        Show a progress bar; default: on a terminal, for more than 50 files.
    wait : float, default 0
        Seconds to wait for another build of the same ``out_dir`` to finish; 0 stops at once.

    Returns
    -------
    BuildResult
        Tables published, per-report results, failures (as :class:`ReportError`), what changed
        since the previous build, timing.

    Raises
    ------
    ReportError
        If ``raw_dir`` is not a folder or the lineage decisions cannot be read.
    StoreError
        If the output folder cannot be written (read-only, full, a file in the way) or another
        build holds it; the last good tables are left as they were.
    """
    start = time.perf_counter()
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    # Load inputs.
    if not raw_dir.is_dir():
        raise ReportError(str(raw_dir), 1, "a folder of report files", "no such folder")
    manual = read_manual(config.LINEAGE_FILE if lineage_file is None else Path(lineage_file))
    cache = None
    if use_cache:
        cache = ParseCache(Path(cache_dir) if cache_dir is not None else config.parse_cache_dir(out_dir))
    skipped: list[str] = []
    files = report_files(raw_dir, skipped=skipped)
    try:
        with publish.BuildLock(out_dir, wait):
            if cache is not None and cache_dir is None:
                cache.serve(out_dir)
            with _worker_pool(len(files)) as pool:
                result = _build_locked(files, out_dir, manual, cache, progress, pool)
    except OSError as exc:
        raise StoreError(_os_message(out_dir, exc)) from None
    result.seconds = time.perf_counter() - start
    result.skipped = skipped
    return result


def _os_message(out_dir: Path, exc: OSError) -> str:
    where = f" ({exc.filename})" if exc.filename and str(exc.filename) != str(out_dir) else ""
    return (f"{out_dir}: cannot write the tables: {exc.strerror or exc}{where}; the last good tables are unchanged. "
            "Check that the folder is writable and the disk has room (or choose another with --out), then build again")


def _build_locked(files: list[Path], out_dir: Path, manual, cache: ParseCache | None, progress: bool | None, pool) -> BuildResult:
    publish.clean_leftovers(out_dir)
    warnings: list[str] = []
    previous = _previous_tables(out_dir, warnings)
    # Process data: files unchanged since the published build keep its rows; the others are
    # read, parsed and checked in chunks, on several cores for a large corpus.
    reused = _unchanged_files(files, out_dir, previous) if cache is not None else {}  # (--no-cache: parse every file)
    if cache is not None:  # their entries stay in the cache
        keys = {cache.key(sha) for sha, _ in reused.values()}
    parts: dict[str, list[pa.Table]] = {name: [] for name in SCHEMA}
    built, failures = [], []
    keys = keys if cache is not None else set()
    seen: dict[str, Path] = {}
    rejected: list[tuple[int, str]] = []
    hits = len(reused)
    pending = iter(sorted((i, reports) for i, (_, reports) in reused.items()))
    nxt = next(pending, None)

    def accept(index: int, path: Path, reports: list[tuple[str, dict]]) -> None:
        for report_id, counts in reports:
            if report_id in seen:
                failures.append(ReportError(path.name, 1, f"a report other than {seen[report_id].name}", f"the same report ({report_id})"))
                rejected.append((index, report_id))
                continue
            seen[report_id] = path
            built.append(BuiltReport(path, report_id, counts))

    show = progress if progress is not None else len(files) > 50 and sys.stderr.isatty()
    bar = tqdm(total=len(files), desc="reports", unit="file", disable=not show)
    to_load = [(i, path) for i, path in enumerate(files) if i not in reused]
    for chunk in _load_all(to_load, cache.directory if cache is not None else None, cache.fingerprint if cache is not None else None, pool):
        warnings += chunk.warnings
        keys |= chunk.keys
        for index, path, outcome, hit in chunk.outcomes:
            while nxt is not None and nxt[0] < index:  # in file order: the first of two same reports wins
                accept(nxt[0], files[nxt[0]], nxt[1])
                nxt = next(pending, None)
            hits += hit
            if isinstance(outcome, ReportError):
                failures.append(outcome)
            else:
                accept(index, path, outcome)
        for name, table in chunk.tables.items():
            parts[name].append(table)
        bar.update(len(chunk.outcomes))
    while nxt is not None:
        accept(nxt[0], files[nxt[0]], nxt[1])
        nxt = next(pending, None)
    bar.update(len(reused))
    bar.close()
    if reused:
        for name, table in _previous_rows(previous, reused).items():
            parts[name].append(table)
    tables = {name: to_frame(_in_file_order(concat_tables(parts.pop(name), name), rejected), name) for name in SCHEMA}
    carried = _carry_over(previous, [Path(e.source).name for e in failures], set(seen))
    if carried:
        tables = {name: pd.concat([df, carried[name]], ignore_index=True) if name in carried and len(carried[name]) else df for name, df in tables.items()}
    # The published lineage serves only if the same code made it from the same decisions.
    decisions = hashlib.sha256(json.dumps(manual, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
    made = publish.read_manifest_quietly(publish.current_version(out_dir)) if previous is not None else {}
    same = made.get("parser") == parse_cache.code_fingerprint() and made.get("lineage_decisions") == decisions
    tables = _with_lineage(tables, manual, previous if same else None, pool)
    changes = compare(previous, tables)
    # Save outputs.
    version_id = publish.new_version_id()
    staging = out_dir / publish.VERSIONS / f".tmp-{version_id}"
    staging.mkdir(parents=True)
    try:
        workbook = write_tables(tables, staging, changes.markdown(), previous, publish.current_version(out_dir) if previous is not None else None)
        extra = {"parser": parse_cache.code_fingerprint(), "lineage_decisions": decisions, "failed": sorted({Path(e.source).name for e in failures}),
                 "tables": {n: len(df) for n, df in tables.items()}, "workbook": workbook}
        published = publish.publish(out_dir, staging, version_id, extra)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # (a killed build's is removed by the next one)
        raise
    publish.clean_leftovers(out_dir)  # versions before the previous one
    if cache is not None:
        cache.prune(keys)
    kept = sorted(set(carried["reports"]["report_id"])) if carried else []
    result = BuildResult(tables, built, failures, kept, 0.0, changes, hits, warnings, workbook, version_id if published else None, out_dir)
    return result


def _unchanged_files(files: list[Path], out_dir: Path, previous: dict[str, pd.DataFrame] | None) -> dict[int, tuple[str, list[tuple[str, dict]]]]:
    """Text reports whose bytes and name are those of a report in the published build, parsed
    by the same code, that did not fail there: file index -> (SHA-256, [(report_id, findings by
    severity)]). Their rows are taken from that build (what parsing them again would give)."""
    version = publish.current_version(out_dir)
    if previous is None or version is None:
        return {}
    manifest = publish.read_manifest_quietly(version)
    if manifest.get("parser") != parse_cache.code_fingerprint():
        return {}
    reports = previous["reports"]
    reports = reports[~reports["source_file"].isin(manifest.get("failed", []))]
    shas = reports.groupby("source_file")["source_sha256"].nunique()
    reports = reports[reports["source_file"].isin(shas.index[shas == 1])]
    by_file: dict[str, tuple[str, list[str]]] = {}
    for name, sha, rid in zip(reports["source_file"], reports["source_sha256"], reports["report_id"]):
        by_file.setdefault(name, (sha, []))[1].append(rid)
    f = previous["findings"]
    counts = f[f["check"] != "lineage_manual"].groupby(["report_id", "severity"]).size().to_dict()
    out = {}
    for i, path in enumerate(files):
        entry = by_file.get(path.name)
        if entry is None or path.suffix.lower() != ".txt":  # a workbook may hold reports under other names
            continue
        try:
            if hashlib.sha256(path.read_bytes()).hexdigest() != entry[0]:
                continue
        except OSError:
            continue  # parsed below, where the error is reported
        out[i] = (entry[0], [(rid, {s: int(counts.get((rid, s), 0)) for s in SEVERITIES}) for rid in entry[1]])
    return out


def _previous_rows(previous: dict[str, pd.DataFrame], reused: dict[int, tuple[str, list[tuple[str, dict]]]]) -> dict[str, pa.Table]:
    """The published build's rows of the reused files' reports, with their file index (``_file``);
    not ``program_lineage`` nor the lineage findings, which are made anew."""
    index = {rid: i for i, (_, reports) in reused.items() for rid, _ in reports}
    out = {}
    for name, df in previous.items():
        if name == "program_lineage":
            continue
        rows = df[df["report_id"].isin(index.keys())]
        if name == "findings":
            rows = rows[rows["check"] != "lineage_manual"]
        table = to_arrow(rows, name)
        out[name] = table.append_column("_file", pa.array(rows["report_id"].map(index).to_numpy(dtype="int32"), pa.int32()))
    return out


def _in_file_order(table: pa.Table, rejected: list[tuple[int, str]]) -> pa.Table:
    """A table's rows in the order of their files (each report's rows in their own order),
    without the reports rejected as duplicates (file index, report_id) and the ``_file`` column."""
    if "_file" not in table.column_names:  # (no rows at all)
        return table
    for index, report_id in rejected:
        hit = pc.and_(pc.equal(table["_file"], index), pc.equal(table["report_id"], report_id))
        table = table.filter(pc.invert(pc.fill_null(hit, False)))
    table = table.take(pc.sort_indices(table["_file"]))  # a stable sort
    return table.drop_columns(["_file"])


# --- reading the files (worker processes) -----------------------------------------------------

PARALLEL_FROM = 200  # files; below this a process pool costs more than it saves
CHUNK = 32  # files a worker reads, parses and turns into Arrow tables at a time


@dataclass
class _Chunk:
    outcomes: list[tuple[int, Path, object, int]]  # file index, path, ReportError or [(report_id, counts)], 1 if from the cache
    tables: dict[str, pa.Table]  # each contract table's rows of the chunk's reports, with a `_file` index column
    warnings: list[str]
    keys: set[str]  # cache entries used


def _cores() -> int:
    return min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 8)


@contextlib.contextmanager
def _worker_pool(files: int):
    """The build's worker processes (None for a small corpus or one core): they read and parse
    the files, then link the lineage. Forked when first used, while the build is still small;
    each ends with the build (it asks the kernel for SIGTERM when its parent dies)."""
    workers = _cores()
    if files < PARALLEL_FROM or workers < 2:
        yield None
        return
    # fork: the workers start at once with the parser imported, and a caller's script needs no
    # `if __name__ == "__main__"` guard (spawn and forkserver would run it again in each worker).
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
        yield pool


def _load_all(indexed: list[tuple[int, Path]], cache_dir: Path | None, fingerprint: str | None, pool=None):
    """Each chunk of (file index, file)'s outcome, in file order; in the worker processes for a
    large corpus."""
    chunks = [indexed[i:i + CHUNK] for i in range(0, len(indexed), CHUNK)]
    if pool is None or len(indexed) < PARALLEL_FROM:
        for chunk in chunks:
            yield _load_chunk(chunk, cache_dir, fingerprint)
        return
    yield from pool.map(_load_chunk, chunks, [cache_dir] * len(chunks), [fingerprint] * len(chunks))


_PR_SET_PDEATHSIG = 1


def _die_with_parent(build_pid: int) -> None:
    """Worker initializer: SIGTERM this process when its parent dies (Linux prctl), and stop at
    once if the build is already gone."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown is all there is
        pass
    try:
        os.kill(build_pid, 0)
    except ProcessLookupError:
        os._exit(1)
    # What the worker inherited (modules, the layout) lives as long as it does: the collector
    # need not walk it again on every collection while reports are read (7% of a parse).
    gc.freeze()


def _load_chunk(chunk: list[tuple[int, Path]], cache_dir: Path | None, fingerprint: str | None) -> _Chunk:
    cache = ParseCache(cache_dir, fingerprint) if cache_dir is not None else None
    out = _Chunk([], {}, [], set())
    loaded = []  # (index, path, each report's columns, 1 if from the cache)
    for index, path in chunk:
        outcome = _file_columns(path, cache, out)
        if isinstance(outcome, ReportError):
            out.outcomes.append((index, path, outcome, 0))
        else:
            loaded.append((index, path, *outcome))
    try:
        out.tables = _arrow_tables(loaded)
    except _BAD_VALUES:  # a value that does not fit its column: find the file, one at a time
        loaded = [item for item in (_checked(item, cache, out) for item in loaded) if item is not None]
        out.tables = _arrow_tables(loaded)
    for index, path, reports, hit in loaded:
        out.outcomes.append((index, path, [(r["reports"]["report_id"][0], _severity_counts(r)) for r in reports], hit))
    out.outcomes.sort(key=lambda o: o[0])
    return out


_BAD_VALUES = (pa.ArrowException, TypeError, ValueError, OverflowError)


def _checked(item, cache: ParseCache | None, out: _Chunk):
    """One file's columns if they make Arrow tables of the contract; a cache entry that does not
    is parsed again (with a warning); a parse that does not is the file's error (None)."""
    index, path, reports, hit = item
    try:
        _arrow_tables([item])
        return item
    except _BAD_VALUES as exc:
        if not hit:
            out.outcomes.append((index, path, _internal_error(path, exc), 0))
            return None
        out.warnings.append(f"{path.name}: its parse cache entry holds values of the wrong type ({exc}): parsed again")
    outcome = _file_columns(path, cache, out, reparse=True)
    if isinstance(outcome, ReportError):
        out.outcomes.append((index, path, outcome, 0))
        return None
    return _checked((index, path, *outcome), cache, out)


def _arrow_tables(loaded: list[tuple[int, Path, list[dict[str, dict[str, list]]], int]]) -> dict[str, pa.Table]:
    tables = {}
    for name, cols in SCHEMA.items():
        merged = {c: [] for c in cols}
        index_col = []
        for index, _, reports, _ in loaded:
            for r in reports:
                table = r.get(name)
                if not table:
                    continue
                for c in cols:
                    merged[c] += table[c]
                index_col += [index] * len(next(iter(table.values())))
        t = arrow_table(merged, name)
        tables[name] = t.append_column("_file", pa.array(index_col, pa.int32()))
    return tables


def _severity_counts(report: dict[str, dict[str, list]]) -> dict[str, int]:
    severities = report["findings"]["severity"]
    return {s: severities.count(s) for s in SEVERITIES}


def _file_columns(path: Path, cache: ParseCache | None, out: _Chunk, reparse: bool = False):
    """(each report's typed columns, 1 if from the cache) for one file, or its ReportError.
    Any exception from reading or parsing the file becomes that file's error. ``reparse``
    skips the cache's entry (and replaces it)."""
    try:
        data = read_bytes(path)
        key = cache.key(hashlib.sha256(data).hexdigest()) if cache is not None else None
        if cache is not None and not reparse:
            out.keys.add(key)
            try:
                got = cache.get(key, path.name)
            except DamagedEntry as exc:
                out.warnings.append(f"{path.name}: its parse cache entry {cache.path(key).name} is damaged ({exc}): parsed again")
                got = None
            if got is not None:
                return got, 1
        reports = [_report_columns(path.name, r) for r in load_reports(path)]
        if cache is not None:
            cache.put(key, path.name, reports)
        return reports, 0
    except ReportError as exc:
        return exc
    except Exception as exc:  # a fault in the parser: this file's error, the others still build
        return _internal_error(path, exc)


def _internal_error(path: Path, exc: BaseException) -> ReportError:
    return ReportError(path.name, 1, "a report this version of the parser can read",
                       f"an internal error ({type(exc).__name__}: {quoted(str(exc), 120)}); the other reports are built, please report this file")


def _report_columns(name: str, report: LoadedReport) -> dict[str, dict[str, list]]:
    """One report's rows as typed columns (what the parse cache stores)."""
    out = {}
    for table in SCHEMA:
        rows = report.table_rows(table)
        if table == "program_lineage" and not rows:
            continue
        try:
            out[table] = columns(rows, table)
        except OutOfRange as exc:
            line = rows[exc.row].get("source_line")
            raise ReportError(name, int(line) if line is not None and not pd.isna(line) else 1,
                              f"a whole number of at most {INT64_MAX:,} in {exc.table}.{exc.column}", quoted(f"{exc.value:,}")) from None
    return out


def with_lineage(tables: dict[str, pd.DataFrame], lineage_file: Path) -> dict[str, pd.DataFrame]:
    """The tables with ``program_lineage`` computed across every report, and a finding for each
    of the analyst's lineage rows that could not be applied."""
    return _with_lineage(tables, read_manual(lineage_file))


def _with_lineage(tables: dict[str, pd.DataFrame], manual, previous: dict[str, pd.DataFrame] | None = None, pool=None) -> dict[str, pd.DataFrame]:
    """:func:`with_lineage`; given the published build's tables (made by the same code), the
    departments whose reports and programs are unchanged, and that have no analyst's decisions,
    keep that build's lineage rows, and only the others are linked anew."""
    # Lineage pairs never cross departments, and its rows come report by report in (district,
    # department, year) order, plan links first. So departments can be linked apart (kept from
    # the published build, or on several cores) and their rows put back in that order; the
    # analyst's decisions, and undecidable ones reported on the first report, stay in one part.
    kept, touched = _untouched_reports(tables, manual, previous) if previous is not None else (set(), set(tables["reports"]["report_id"]))
    reports = tables["reports"]
    own = _decided_departments(reports, manual)
    main = set(reports.loc[reports["report_id"].isin(touched) & own, "report_id"])
    rest = sorted(touched - main)
    rows, problems = build_lineage(_lineage_inputs(tables, main), manual)
    parts = [frame(rows, "program_lineage")]
    if previous is not None and kept:
        old = previous["program_lineage"]
        parts.append(old[old["report_id"].isin(kept)])
    parts += _link_apart(tables, reports.loc[reports["report_id"].isin(rest)], pool)
    lineage = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    if len(parts) > 1:
        order = reports.sort_values(["district", "department", "year"])["report_id"]
        rank = lineage["report_id"].map(dict(zip(order, range(len(order)))))
        lineage = lineage.iloc[pd.DataFrame({"phase": lineage["kind"] != "plan", "rank": rank}).sort_values(["phase", "rank"], kind="stable").index].reset_index(drop=True)
    out = dict(tables)
    out["program_lineage"] = lineage
    if problems:
        extra = frame([{"report_id": rid, **f.__dict__} for rid, f in problems], "findings")
        # A build's own workbook put back in data/raw/ already holds these: keep one of each.
        out["findings"] = pd.concat([tables["findings"], extra], ignore_index=True).drop_duplicates(ignore_index=True)
    return out


def _decided_departments(reports: pd.DataFrame, manual) -> pd.Series:
    """Which reports are of a department the analyst made decisions about, or of the first
    report's department (linked in one part, with the decisions)."""
    decided = {(m["district"], m["department"]) for m in manual}
    if len(reports):
        first = reports.sort_values(["district", "department", "year"]).iloc[0]
        decided.add((first["district"], first["department"]))
    return pd.Series([d in decided for d in zip(reports["district"], reports["department"])], index=reports.index, dtype=bool)


def _lineage_inputs(tables: dict[str, pd.DataFrame], ids) -> dict[str, pd.DataFrame]:
    return {name: tables[name][tables[name]["report_id"].isin(ids)] for name in ("reports", "programs")}


def _link_apart(tables: dict[str, pd.DataFrame], reports: pd.DataFrame, pool) -> list[pd.DataFrame]:
    """Lineage of these reports (of departments without decisions), by groups of departments,
    in the build's worker processes for a large corpus."""
    if not len(reports):
        return []
    if pool is None or len(reports) < PARALLEL_FROM:
        return [_lineage_part(_lineage_inputs(tables, set(reports["report_id"])))]
    depts = reports[["district", "department"]].drop_duplicates()
    in_group = pd.MultiIndex.from_frame(reports[["district", "department"]])
    groups = [set(reports.loc[in_group.isin(pd.MultiIndex.from_frame(depts.iloc[k::_cores()])), "report_id"]) for k in range(_cores())]
    return list(pool.map(_lineage_part, [_lineage_inputs(tables, g) for g in groups if g]))


def _lineage_part(inputs: dict[str, pd.DataFrame]) -> pd.DataFrame:
    rows, _ = build_lineage(inputs, [])
    return frame(rows, "program_lineage")


def _untouched_reports(tables: dict[str, pd.DataFrame], manual, previous: dict[str, pd.DataFrame]) -> tuple[set[str], set[str]]:
    """(report_ids whose lineage can be kept, report_ids to link anew): a department is linked
    anew if any of its reports or programs differ from the published build's, if the analyst
    made decisions about it, or if it holds the first report (where undecidable decisions are
    reported)."""
    def departments(reports):
        return dict(zip(reports["report_id"], zip(reports["district"], reports["department"])))

    new, old = departments(tables["reports"]), departments(previous["reports"])
    changed = changed_reports(previous["programs"], tables["programs"], list(SCHEMA["programs"]))
    changed |= changed_reports(previous["reports"], tables["reports"], ["district", "department", "year"])
    touched = {new.get(rid) or old.get(rid) for rid in changed} | {(m["district"], m["department"]) for m in manual}
    if len(tables["reports"]):
        first = tables["reports"].sort_values(["district", "department", "year"]).iloc[0]
        touched.add((first["district"], first["department"]))
    kept = {rid for rid, dept in new.items() if dept not in touched}
    return kept, set(new) - kept


def _previous_tables(out_dir: Path, warnings: list[str]) -> dict[str, pd.DataFrame] | None:
    """The published build's tables (None if there is none); a damaged one is a warning, and
    the build goes on as a first build."""
    from analysis.store.contract import load_tables

    try:
        return load_tables(out_dir)
    except FileNotFoundError:
        return None
    except (publish.InconsistentStore, ValueError, pa.ArrowException) as exc:
        warnings.append(f"the previous build cannot be read ({exc}): no change summary, and no rows carried over")
        return None


def _carry_over(previous, failed_files: list[str], built_ids: set[str]):
    """Rows of the last good build for reports whose file failed this time."""
    if previous is None or not failed_files:
        return None
    reports = previous["reports"]
    ids = set(reports.loc[reports["source_file"].isin(failed_files), "report_id"]) - built_ids
    if not ids:
        return None
    return {name: df[df["report_id"].isin(ids)] for name, df in previous.items() if name != "program_lineage"}


_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_BOOK_TIME = dt.datetime(2000, 1, 1)
_PARQUET = {"compression": "zstd", "write_statistics": True}


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path, changes_md: str | None = None,
                 previous: dict[str, pd.DataFrame] | None = None, previous_dir: Path | None = None) -> str:
    """Write each table as Parquet and as CSV (UTF-8 with BOM), all of them as sheets of one
    workbook while it fits Excel, and the change summary, into ``out_dir`` (a version folder
    being staged: :func:`analysis.store.publish.publish` makes it current). Equal tables give
    equal bytes (the workbook is written with fixed timestamps), so an unchanged file keeps
    its published copy; a table equal to ``previous``'s (the tables of the published version
    ``previous_dir``) is not written again but linked to that version's files. Returns what
    became of the workbook."""
    out_dir.mkdir(parents=True, exist_ok=True)
    same = {name for name, df in tables.items() if previous is not None and name in previous and df.equals(previous[name])}
    for name, df in tables.items():
        if name in same and _link_previous(previous_dir, out_dir, [f"{name}.parquet", f"{name}.csv"]):
            publish._checkpoint(f"table {name}")
            continue
        table = to_arrow(df, name)
        pq.write_table(table, out_dir / f"{name}.parquet", **_PARQUET)
        _write_csv(table, out_dir / f"{name}.csv")
        publish._checkpoint(f"table {name}")
    workbook = _workbook_skipped(tables)
    if not workbook:
        if not (same == set(tables) and _link_previous(previous_dir, out_dir, [WORKBOOK])):
            _write_workbook(tables, out_dir / WORKBOOK)
            _fix_zip_times(out_dir / WORKBOOK)
        workbook = f"{WORKBOOK} written ({sum(len(df) for df in tables.values()):,} rows)"
    if changes_md is not None:
        (out_dir / CHANGES_FILE).write_text(changes_md, encoding="utf-8")
    return workbook


def _link_previous(previous_dir: Path | None, out_dir: Path, names: list[str]) -> bool:
    """Hard-link these files of the published version into ``out_dir``, each checked against
    that version's manifest; False (and nothing linked) if any is missing or not as written."""
    if previous_dir is None:
        return False
    files = publish.read_manifest_quietly(previous_dir).get("files", {})
    try:
        for name in names:
            if name not in files or list(publish.file_digest(previous_dir / name)) != [files[name]["bytes"], files[name]["sha256"]]:
                raise FileNotFoundError(name)
        for name in names:
            os.link(previous_dir / name, out_dir / name)
    except OSError:
        for name in names:
            (out_dir / name).unlink(missing_ok=True)
        return False
    return True


def _workbook_skipped(tables: dict[str, pd.DataFrame]) -> str:
    """Why the workbook is skipped ('' if it is written)."""
    rows, name = max((len(df), name) for name, df in tables.items())
    if rows + 1 > config.EXCEL_MAX_ROWS:
        return (f"{WORKBOOK} skipped: sheet {name} would have {rows + 1:,} rows, more than Excel's {config.EXCEL_MAX_ROWS:,}; "
                "the CSV and Parquet files hold every row")
    cells = sum((len(df) + 1) * len(df.columns) for df in tables.values())
    if cells > config.WORKBOOK_MAX_CELLS:
        return (f"{WORKBOOK} skipped: {cells:,} cells, more than {config.WORKBOOK_MAX_CELLS:,} (config.WORKBOOK_MAX_CELLS: "
                "past that it takes minutes to write and Excel opens it too slowly to use); the CSV and Parquet files hold every row")
    return ""


_CSV_OPTIONS = pacsv.WriteOptions(include_header=False, quoting_style="needed")


def _formula_safe(table: pa.Table) -> pa.Table:
    """The table with every text cell that a spreadsheet would run as a formula (``=``, ``+``,
    ``-``, ``@``, tab, CR first) given a leading apostrophe (:mod:`analysis.store.safe`; undone
    by ``load_tables``); numbers are left alone."""
    for i, field_ in enumerate(table.schema):
        if pa.types.is_string(field_.type) or pa.types.is_large_string(field_.type):
            column = table.column(i)
            mask = pc.fill_null(pc.match_substring_regex(column, NEEDS_QUOTE_PATTERN), False)
            if pc.any(mask).as_py():
                quoted_ = pc.binary_join_element_wise(pa.scalar(QUOTE), column, "")
                table = table.set_column(i, field_, pc.if_else(mask, quoted_, column))
    return table


def _write_csv(table: pa.Table, path: Path) -> None:
    """One table as CSV for Excel: UTF-8 with BOM, the header unquoted, missing values empty,
    no cell a formula (:func:`_formula_safe`)."""
    table = _formula_safe(table)
    with open(path, "wb") as fh:
        fh.write(("\ufeff" + ",".join(table.column_names) + "\n").encode("utf-8"))
        if table.num_rows:
            pacsv.write_csv(table, fh, _CSV_OPTIONS)


def _write_workbook(tables: dict[str, pd.DataFrame], path: Path) -> None:
    """One sheet per table, formatted for Excel users (:mod:`analysis.store.xlsx`: numbers as
    numbers with ``#,##0;△#,##0``, rates ``0.0``, widths, a bold frozen header with filters; text
    never a formula). XlsxWriter streams the rows to disk in order."""
    write_workbook(path, tables, created=_BOOK_TIME, constant_memory=True)


def _fix_zip_times(path: Path) -> None:
    """Rewrite a zip (an .xlsx) with every entry dated 1980-01-01 and the workbook's modified
    time fixed, so equal content gives equal bytes."""
    with zipfile.ZipFile(path) as src:
        entries = [(info, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in entries:
            if info.filename == "docProps/core.xml":  # openpyxl stamps 'modified' with the time of saving
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type, fixed.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
            dst.writestr(fixed, data)
