"""I/O at the edges: read report files, parse and check them, publish ``data/processed/``.

A report that fails to parse, for whatever reason, is reported (file, line, what was expected)
and its last good rows are carried over from the previous build; the other reports still build.
A build writes a whole new version of the output folder (Parquet, CSV, the workbook while it
fits Excel, ``changes.md``, a manifest) and makes it current in one step
(:mod:`analysis.store.publish`); one build at a time holds the folder's lock.
"""

from __future__ import annotations

import array
import collections
import contextlib
import ctypes
import datetime as dt
import gc
import hashlib
import itertools
import json
import multiprocessing
import os
import re
import shutil
import signal
import sys
import tempfile
import time
import weakref
import zipfile
from concurrent.futures import ProcessPoolExecutor
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from tqdm import tqdm

from analysis import config
from analysis.check.arithmetic import run_checks
from analysis.errors import ReportError, quoted
from analysis.interpret.report import interpret_document
from analysis.read import read_bytes, read_document
from analysis.store import publish, stream
from analysis.store import cache as parse_cache
from analysis.store.cache import DamagedEntry, ParseCache
from analysis.store.changes import Changes, changed_reports, compare_versions
from analysis.store.contract import (
    INT64_MAX, SCHEMA, SEVERITIES, LoadedReport, OutOfRange, arrow_table, columns, frame, missing_columns, read_parquet_table, to_arrow, to_frame, to_rows, with_columns,
)
from analysis.store.lineage import build_lineage, read_manual
from analysis.store.publish import StoreError
from analysis.store.stream import TableSink, batches
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
    """Every report of a file's bytes as the contract's rows: read → interpret → check.

    Each stage's input is let go once the next has it (the file's bytes once read, the document
    once interpreted, each report once it is rows): on a large report they had all been held to
    the end, under the interpretation's own peak."""
    document = read_document(data, name)
    sha = hashlib.sha256(data).hexdigest()
    del data  # (the caller passes its only reference)
    parsed = interpret_document(document, source_sha256=sha)
    del document
    rows = []
    parsed.reverse()
    while parsed:
        report = parsed.pop()
        rows.append(to_rows(report, report.findings + run_checks(report)))
        del report
    return rows


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
    return list(FileList.of(Path(raw_dir), skipped))


def _is_file_or_link(entry: os.DirEntry) -> bool:
    """A regular file, or a link (to whatever, or to nothing: read, it says what it is)."""
    try:
        return entry.is_file() or entry.is_symlink()
    except OSError:  # a loop of links
        return True


class FileList(Sequence[Path]):
    """The report files of one folder, held by name: a Path is made when one is asked for (a
    list of 100,000 Paths held 30 MB, their names 7 MB)."""

    def __init__(self, folder: Path, names: list[str]):
        self.folder, self.names = folder, names

    @classmethod
    def of(cls, folder: Path, skipped: list[str] | None = None) -> "FileList":
        """The report files in ``folder`` (sorted by name as the system compares names; README
        and hidden files left out); ``skipped`` receives the names of the others."""
        names = []
        with os.scandir(folder) as entries:
            listed = sorted(((e.name, _is_file_or_link(e)) for e in entries), key=lambda e: os.path.normcase(e[0]))
        listed_suffixes = REPORT_SUFFIXES | REFUSED_SUFFIXES
        for name, is_file in listed:
            stem, suffix = os.path.splitext(name)
            if name.startswith((".", "~$")) or stem.upper() == "README":
                continue
            # A report's name that is no readable file (a link to nothing or a loop, a folder or a
            # pipe named x.txt) is listed, so the build names it and keeps its last good rows; a
            # folder of other things is not a report's name.
            if suffix.lower() in listed_suffixes:
                names.append(name)
            elif skipped is not None:  # a folder by its name and a slash: its reports are not read (2024/ of a year's reports)
                skipped.append(name if is_file else name + "/")
        return cls(folder, names)

    def __len__(self) -> int:
        return len(self.names)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self.folder / n for n in self.names[i]]
        return self.folder / self.names[i]


@dataclass(slots=True)
class BuiltReport:
    """One report a build read: its file, its id and its findings by severity."""

    path: Path
    report_id: str
    counts: dict[str, int]


class BuiltReports(Sequence[BuiltReport]):
    """The reports a build read, in file order, held as columns (file index, report_id, findings
    by severity): one object each held 43 MB at 100,000 reports. Each item is a
    :class:`BuiltReport`, made when asked for."""

    def __init__(self, files: Sequence[Path]):
        self._files = files
        self._index = array.array("q")
        self._ids: list[str] = []
        self._counts = array.array("q")

    def append(self, index: int, report_id: str, counts: tuple[int, ...]) -> None:
        """One report: its file's index, its id, its findings by severity (in :data:`SEVERITIES` order)."""
        self._index.append(index)
        self._ids.append(report_id)
        self._counts.extend(counts)

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        at = i * len(SEVERITIES)
        return BuiltReport(self._files[self._index[i]], self._ids[i], dict(zip(SEVERITIES, self._counts[at:at + len(SEVERITIES)])))


SUMMARY_REPORTS = 50  # reports a build's summary lists one a line (a corpus of 100,000 would print 100,000 lines)


@dataclass
class BuildResult:
    reports: Sequence[BuiltReport] = field(default_factory=list)
    failures: list[ReportError] = field(default_factory=list)
    carried_over: list[str] = field(default_factory=list)  # report_ids kept from the last build
    seconds: float = 0.0
    changes: Changes | None = None
    from_cache: int = 0  # reports read from the parse cache instead of parsed
    warnings: list[str] = field(default_factory=list)  # damaged cache entries, an unreadable previous build
    workbook: str = ""  # what became of report_tables.xlsx
    version: str | None = None  # the published version folder (None: nothing changed, nothing published)
    out_dir: Path | None = None
    skipped: list[str] = field(default_factory=list)  # files in raw_dir of no report format, by name; its folders, by name and '/'
    stats: dict = field(default_factory=dict)  # rows per table, findings by severity, coverage (what the summary says)
    tables_dir: Path | None = None  # the version folder holding the tables built
    _tables: dict[str, pd.DataFrame] | None = field(default=None, repr=False)

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables built, read from their version folder when first asked for (a build of a
        large corpus holds none of them in memory)."""
        if self._tables is None:
            from analysis.store.contract import load_tables

            self._tables = load_tables(self.tables_dir)
        return self._tables

    @property
    def error_findings(self) -> int:
        return self.stats["severities"]["error"]

    @property
    def ok(self) -> bool:
        return not self.failures and self.error_findings == 0

    def summary(self, listed: int | None = SUMMARY_REPORTS) -> str:
        """What the build did, as the command line prints it: every failure, warning and table,
        and the reports read one a line, the first ``listed`` of them (None: all; the rest are
        in ``reports.csv``, their findings in ``findings.csv``)."""
        lines = [f"reports read: {len(self.reports)} of {len(self.reports) + len(self.failures)} files ({self.from_cache} unchanged, from the parse cache)"]
        shown = self.reports if listed is None else self.reports[:listed]
        for r in shown:
            lines.append(f"  {r.path.name} -> {r.report_id} ({', '.join(f'{r.counts.get(s, 0)} {s}' for s in SEVERITIES)})")
        if len(shown) < len(self.reports):
            lines.append(f"  … and {len(self.reports) - len(shown):,} more reports (every report in reports.csv, its findings in findings.csv)")
        for e in self.failures:
            lines.append(f"  FAILED {e}")
        for rid in self.carried_over:
            lines.append(f"  kept from the last good build: {rid}")
        files = [name for name in self.skipped if not name.endswith("/")]
        folders = [name for name in self.skipped if name.endswith("/")]
        if files:
            lines.append(f"  skipped, not a report format ({' '.join(sorted(REPORT_SUFFIXES))}): {', '.join(files)}")
        if folders:
            lines.append(f"  skipped, a folder inside the reports folder (its files are not read: move the reports out of it to build them): {', '.join(folders)}")
        for w in self.warnings:
            lines.append(f"  warning: {w}")
        lines.append("rows per table: " + ", ".join(f"{name} {n}" for name, n in self.stats["rows"].items()))
        lines.append("findings: " + ", ".join(f"{self.stats['severities'][s]} {s}" for s in SEVERITIES))
        total, read, checked = self.stats["coverage"]
        if checked:
            lines.append(f"numbers read: {read:,} of {total:,} in the reports' tables, figures and values ({read * 100 / total if total else 100:.1f}%); "
                         f"runs of unread blocks: {self.stats['unread']}")
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
    try:
        with publish.BuildLock(out_dir, wait):
            if cache is not None and cache_dir is None:
                cache.serve(out_dir)
            # The workers are forked before the list of files exists: what the build holds
            # when they fork, and touches later, ends up copied in every process.
            with _arrow_memory(), _worker_pool(_entries(raw_dir)) as pool:
                files = _listed(raw_dir, skipped)
                result = _build_locked(files, out_dir, manual, cache, progress, pool)
    except OSError as exc:
        raise StoreError(_os_message(out_dir, exc)) from None
    result.seconds = time.perf_counter() - start
    result.skipped = skipped
    return result


@contextlib.contextmanager
def _arrow_memory():
    """Arrow's allocations during a build (its worker processes' too, forked inside) from
    jemalloc where pyarrow has it, else the system allocator, not the default mimalloc, which
    kept the memory of the build's many short-lived tables: 646 MB for all processes at 20,000
    reports, 519 MB with jemalloc, in the same time. The caller's default comes back after."""
    before = pa.default_memory_pool()
    try:
        pool = pa.jemalloc_memory_pool()
    except (NotImplementedError, pa.ArrowException):  # (a wheel without jemalloc: Windows)
        pool = pa.system_memory_pool()
    pa.set_memory_pool(pool)
    try:
        yield
    finally:
        pa.set_memory_pool(before)


def _os_message(out_dir: Path, exc: OSError) -> str:
    where = f" ({exc.filename})" if exc.filename and str(exc.filename) != str(out_dir) else ""
    return (f"{out_dir}: cannot write the tables: {exc.strerror or exc}{where}; the last good tables are unchanged. "
            "Check that the folder is writable and the disk has room (or choose another with --out), then build again")


def _build_locked(files: FileList, out_dir: Path, manual, cache: ParseCache | None, progress: bool | None, pool) -> BuildResult:
    publish.clean_leftovers(out_dir)
    warnings: list[str] = []
    previous = Previous.open(out_dir, warnings)
    # Files unchanged since the published build keep its rows (read back from its Parquet files
    # in file order); the others are read, parsed and checked in chunks, on several cores for a
    # large corpus. Every chunk goes to the new version's files as it comes: no table is held whole.
    reused = _unchanged_files(files, previous) if cache is not None else {}  # (--no-cache: parse every file)
    keys = {cache.key(sha, files.names[i]) for i, (sha, _) in reused.items()} if cache is not None else set()
    version_id = publish.new_version_id()
    staging = out_dir / publish.VERSIONS / f".tmp-{version_id}"
    work = out_dir / publish.VERSIONS / f".tmp-{version_id}-work"  # scratch files, never published
    staging.mkdir(parents=True)
    work.mkdir()
    try:
        sinks = {name: TableSink(staging / f"{name}.parquet", name) for name in SCHEMA}
        rows = _Rows(sinks, _Reused(previous, reused) if reused else None)
        built, failures, hits, seen = _read_files(files, reused, cache, progress, pool, rows, _owners(files, previous))
        keys |= rows.keys
        warnings += rows.warnings
        rows.finish()
        carried = _carry_over(previous, [Path(e.source).name for e in failures], seen)
        for name in SCHEMA:
            if name != "program_lineage" and carried:
                for table in previous.rows_of(name, carried):
                    sinks[name].write(table)
            if name not in ("program_lineage", "findings"):
                sinks[name].close()
        # The published lineage serves only if the same code made it from the same decisions.
        decisions = hashlib.sha256(json.dumps(manual, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
        same = previous is not None and previous.manifest.get("parser") == parse_cache.code_fingerprint() and previous.manifest.get("lineage_decisions") == decisions
        problems = link_lineage(staging, work, sinks["program_lineage"], manual, previous if same else None, pool)
        sinks["program_lineage"].close()
        if problems:
            sinks["findings"].write(_problem_rows(problems, rows.lineage_findings))
        sinks["findings"].close()
        changes = compare_versions(previous.folder if previous is not None else None, staging)
        stats = _stats(staging, {name: sink.rows for name, sink in sinks.items()})
        workbook = write_tables(staging, changes.markdown() + _kept_markdown(previous, carried, failures), previous.version if previous is not None else None, stats["rows"])
        extra = {"parser": parse_cache.code_fingerprint(), "lineage_decisions": decisions, "failed": sorted({Path(e.source).name for e in failures}),
                 "tables": stats["rows"], "workbook": workbook}
        published = publish.publish(out_dir, staging, version_id, extra)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # (a killed build's is removed by the next one)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    publish.clean_leftovers(out_dir)  # versions before the previous one
    if cache is not None:
        cache.prune(keys)
    version = out_dir / publish.VERSIONS / version_id if published else publish.current_version(out_dir)
    return BuildResult(built, failures, sorted(carried), 0.0, changes, hits, warnings, workbook, version_id if published else None, out_dir,
                       stats=stats, tables_dir=version)


def _owners(files: FileList, previous: Previous | None) -> dict[str, int]:
    """report_id -> index of the file the published build read it from, where that file is still
    here: a second file of the same report (a draft, a copy) never takes its place."""
    if previous is None:
        return {}
    index = {name: i for i, name in enumerate(files.names)}
    reports = previous.read("reports", ["report_id", "source_file"])
    return {rid: index[name] for rid, name in zip(reports["report_id"].to_pylist(), reports["source_file"].to_pylist()) if name in index}


def _read_files(files: FileList, reused: dict, cache: ParseCache | None, progress: bool | None, pool, rows: "_Rows", owners: dict[str, int] | None = None):
    """Read every file not reused (in chunks, in file order) and send each chunk's rows to
    ``rows``; a report already read from an earlier file, or one the published build read from
    another file still here (``owners``), is rejected. Returns (reports built, failures, reports
    from the parse cache, report_id -> file)."""
    owners = owners or {}
    built = BuiltReports(files)
    failures: list[ReportError] = []
    seen: dict[str, int] = {}  # report_id -> file index
    hits = len(reused)
    pending = iter(sorted((i, reports) for i, (_, reports) in reused.items()))
    nxt = next(pending, None)

    def accept(index: int, reports: list[tuple[str, tuple[int, ...]]]) -> None:
        for report_id, counts in reports:
            first = seen.get(report_id, owners.get(report_id, index))
            if first != index:
                failures.append(ReportError(
                    files.names[index], 1, f"a report other than {files.names[first]}",
                    f"the same report ({report_id}: one report per department and year, a report of its own year's plans apart); {files.names[first]} keeps it: "
                    "remove the copy you do not want, or correct its cover (another session's report of the same year and kind: keep the one to analyse; "
                    "two local governments of one name, 중구 or 북구: a copy of each with its 시·도 on the cover, '부산광역시 중구의회')",
                ))
                rows.rejected.append((index, report_id))
                continue
            seen[report_id] = index
            built.append(index, report_id, counts)

    show = progress if progress is not None else len(files) > 50 and sys.stderr.isatty()
    bar = tqdm(total=len(files), desc="reports", unit="file", disable=not show)
    to_load = ((i, files[i]) for i in range(len(files)) if i not in reused)
    for chunk in _load_all(to_load, len(files) - len(reused), cache.directory if cache is not None else None, cache.fingerprint if cache is not None else None, pool):
        rows.warnings += chunk.warnings
        rows.keys |= chunk.keys
        for index, path, outcome, hit in chunk.outcomes:
            while nxt is not None and nxt[0] < index:  # in file order: the first of two same reports wins
                accept(nxt[0], nxt[1])
                nxt = next(pending, None)
            hits += hit
            if isinstance(outcome, ReportError):
                failures.append(outcome)
            else:
                accept(index, outcome)
        rows.write(chunk.tables, max(o[0] for o in chunk.outcomes))
        bar.update(len(chunk.outcomes))
    while nxt is not None:
        accept(nxt[0], nxt[1])
        nxt = next(pending, None)
    bar.update(len(reused))
    bar.close()
    return built, failures, hits, seen


class _Rows:
    """Where a build's report rows go: each table's sink, in file order, the reused rows of the
    published build merged in by file index, the reports rejected as duplicates left out."""

    def __init__(self, sinks: dict[str, TableSink], reused: "_Reused | None"):
        self.sinks, self.reused = sinks, reused
        self.rejected: list[tuple[int, str]] = []  # (file index, report_id)
        self.warnings: list[str] = []
        self.keys: set[str] = set()
        self.lineage_findings: list[tuple] = []  # lineage_manual findings written (a build's own workbook holds them)

    def write(self, tables: dict[str, pa.Table] | None, upto: int | None) -> None:
        """The rows of the files up to index ``upto`` (None: all that are left): ``tables`` (a
        chunk's, with a ``_file`` column) and the reused rows of those files, in file order,
        piece by piece (a rebuild after one changed file reuses nearly the whole corpus)."""
        for name, sink in self.sinks.items():
            if name == "program_lineage":
                continue
            for table in self._in_order(name, (tables or {}).get(name), upto):
                for index, report_id in self.rejected:
                    hit = pc.and_(pc.equal(table["_file"], index), pc.equal(table["report_id"], report_id))
                    table = table.filter(pc.invert(pc.fill_null(hit, False)))
                if name == "findings":
                    self._note_lineage_findings(table)
                sink.write(table)

    def _in_order(self, name: str, chunk: pa.Table | None, upto: int | None):
        """A chunk's rows (in file order) and the reused rows up to ``upto``, merged by file
        index: the reused rows before each of the chunk's files, then that file's rows."""
        if chunk is not None and chunk.num_rows:
            if self.reused is None:
                yield chunk
            else:  # cut where a reused file comes between two of the chunk's (none has a file of the chunk's: those are read anew)
                files = chunk["_file"].combine_chunks().to_numpy(zero_copy_only=False)
                starts = np.flatnonzero(np.r_[True, files[1:] != files[:-1]])
                cuts = [0] + [int(a) for prev, a in zip(starts, starts[1:]) if self.reused.any_between(files[prev], files[a])] + [len(files)]
                for a, b in zip(cuts, cuts[1:]):
                    yield from self.reused.upto(name, int(files[a]) - 1)
                    yield chunk.slice(a, b - a)
        if self.reused is not None:
            yield from self.reused.upto(name, upto)

    def _note_lineage_findings(self, table: pa.Table) -> None:
        mine = table.filter(pc.fill_null(pc.equal(table["check"], "lineage_manual"), False))
        if mine.num_rows:
            self.lineage_findings += [tuple(r.values()) for r in mine.select(list(SCHEMA["findings"])).to_pylist()]

    def finish(self) -> None:
        self.write(None, None)


class _Reused:
    """The published build's rows of the reused files, table by table, read in batches in the
    order they were written (file order: :func:`_unchanged_files` checks it), each row given its
    file index in this build; not ``program_lineage`` nor the lineage findings, made anew."""

    def __init__(self, previous: "Previous", reused: dict[int, tuple[str, list[tuple[str, dict]]]]):
        index = {rid: i for i, (_, reports) in reused.items() for rid, _ in reports}
        self._ids = pa.array(list(index), pa.string())
        self._files = pa.array(list(index.values()), pa.int32())
        self._sorted = np.sort(np.fromiter(reused, dtype=np.int64, count=len(reused)))
        self._batches = {name: batches(previous.path(name)) for name in SCHEMA if name != "program_lineage"}
        self._held: dict[str, pa.Table | None] = {name: None for name in self._batches}

    def _next(self, name: str) -> pa.Table | None:
        for batch in self._batches[name]:
            batch, files = stream.matched(batch, self._ids, self._files)
            batch = batch.append_column("_file", files)
            if name == "findings":
                batch = batch.filter(pc.fill_null(pc.not_equal(batch["check"], "lineage_manual"), True))
            if batch.num_rows:
                return batch
        return None

    def any_between(self, lo: int, hi: int) -> bool:
        """Whether a reused file's index is above ``lo`` and below ``hi``."""
        return bool(np.searchsorted(self._sorted, hi) > np.searchsorted(self._sorted, lo, side="right"))

    def upto(self, name: str, limit: int | None):
        """The rows not yet given of files up to index ``limit`` (None: every one left), a
        batch at a time."""
        while True:
            held = self._held[name]
            if held is None:
                held = self._next(name)
                if held is None:
                    return
            files = held["_file"]
            if limit is not None and pc.max(files).as_py() > limit:
                cut = int(pc.sum(pc.less_equal(files, limit)).as_py())  # the rows are in file order
                self._held[name] = held.slice(cut)
                if cut:
                    yield held.slice(0, cut)
                return
            self._held[name] = None
            yield held


def _upgraded(version: Path, older: dict[str, list[str]]) -> Path:
    """A temporary folder of ``version``'s Parquet files in which each table of ``older`` has its
    missing columns (empty, of the contract's type) in the contract's order; the others linked."""
    folder = Path(tempfile.mkdtemp(prefix="analysis-previous-"))
    try:
        for name in SCHEMA:
            src = version / f"{name}.parquet"
            if name not in older:
                (folder / src.name).symlink_to(src.resolve())
                continue
            pq.write_table(with_columns(pq.read_table(src), name, older[name]), folder / src.name)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


class Previous:
    """The published build, read in pieces: its version folder, its manifest, and its Parquet
    files (each checked once against the manifest). A build written before a column joined the
    contract (``reports.title``) is read with that column empty: its tables are ``folder``, a
    temporary folder of the version's files (linked) with those tables rewritten, so that the
    change summary and the last good rows survive an upgrade (it had been 'cannot be read')."""

    def __init__(self, version: Path, manifest: dict, folder: Path | None = None):
        self.version, self.manifest = version, manifest
        self.folder = folder or version
        if folder is not None:
            weakref.finalize(self, shutil.rmtree, str(folder), True)

    @classmethod
    def open(cls, out_dir: Path, warnings: list[str]) -> "Previous | None":
        """The published build of ``out_dir`` (None if there is none); a damaged one is a
        warning, and the build goes on as a first build."""
        version = publish.current_version(out_dir)
        if version is None:
            return None
        try:
            manifest = publish.read_manifest(version)
            older: dict[str, list[str]] = {}  # table -> the contract's columns it lacks
            for name in SCHEMA:
                publish.verify(version, manifest, f"{name}.parquet")
                later, missing = missing_columns(name, pq.read_schema(version / f"{name}.parquet").names)
                if missing:
                    raise ValueError(f"{name}.parquet: missing columns {missing}")
                if later:
                    older[name] = later
            return cls(version, manifest, _upgraded(version, older) if older else None)
        except (publish.InconsistentStore, ValueError, OSError, pa.ArrowException) as exc:
            warnings.append(f"the previous build cannot be read ({exc}): no change summary, and no rows carried over")
            return None

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.parquet"

    def read(self, name: str, columns: list[str] | None = None) -> pa.Table:
        """A table's rows (these columns only, if given), in file order."""
        return pq.read_table(self.path(name), columns=columns or list(SCHEMA[name]))

    def rows_of(self, name: str, report_ids) -> Iterator[pa.Table]:
        """A table's rows of these reports, in file order, a batch at a time."""
        wanted = pa.array(sorted(report_ids), pa.string())
        for table in batches(self.path(name)):
            table = table.filter(pc.is_in(table["report_id"], value_set=wanted))
            if table.num_rows:
                yield table


def _unchanged_files(files: FileList, previous: Previous | None) -> dict[int, tuple[str, list[tuple[str, tuple[int, ...]]]]]:
    """Text reports whose bytes and name are those of a report in the published build, parsed
    by the same code, that did not fail there: file index -> (SHA-256, [(report_id, findings by
    severity, in :data:`SEVERITIES` order)]). Their rows are taken from that build (what parsing them again would give).
    None are if that build's rows are not in the order of this build's files."""
    if previous is None or previous.manifest.get("parser") != parse_cache.code_fingerprint():
        return {}
    reports = previous.read("reports", ["report_id", "source_file", "source_sha256"]).to_pandas()
    reports = reports[~reports["source_file"].isin(previous.manifest.get("failed", []))]
    shas = reports.groupby("source_file")["source_sha256"].nunique()
    reports = reports[reports["source_file"].isin(shas.index[shas == 1])]
    by_file: dict[str, tuple[str, list[str]]] = {}
    for name, sha, rid in zip(reports["source_file"], reports["source_sha256"], reports["report_id"]):
        by_file.setdefault(name, (sha, []))[1].append(rid)
    by_severity = ", ".join(f"count(*) FILTER (WHERE severity = '{s}')" for s in SEVERITIES)
    with stream.connect() as con:  # (one tuple a report: a dict a report and severity held 3x the memory)
        counts = {rid: tuple(int(n) for n in ns) for rid, *ns in con.execute(
            f"SELECT report_id, {by_severity} FROM read_parquet({stream.sql_path(previous.path('findings'))}) "
            "WHERE \"check\" IS DISTINCT FROM 'lineage_manual' GROUP BY report_id").fetchall()}
    none = (0,) * len(SEVERITIES)
    out = {}
    for i, name in enumerate(files.names):
        entry = by_file.get(name)
        if entry is None or os.path.splitext(name)[1].lower() != ".txt":  # a workbook may hold reports under other names
            continue
        path = files[i]
        try:
            if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != entry[0]:
                continue
        except OSError:
            continue  # parsed below, where the error is reported
        out[i] = (entry[0], [(rid, counts.get(rid, none)) for rid in entry[1]])
    # The rows are read back in the published order, merged by file index: that order must be
    # this build's file order (files keep their names, so it is, but a copy made by hand may not be).
    index = {rid: i for i, (_, rids) in out.items() for rid, _ in rids}
    order = [index[rid] for rid in reports["report_id"] if rid in index]
    if any(b < a for a, b in zip(order, order[1:])):
        return {}
    return out


def _carry_over(previous: Previous | None, failed_files: list[str], built_ids) -> set[str]:
    """The reports of the last good build whose file failed this time (their rows are kept)."""
    if previous is None or not failed_files:
        return set()
    reports = previous.read("reports", ["report_id", "source_file"])
    failed = reports.filter(pc.is_in(reports["source_file"], value_set=pa.array(failed_files, pa.string())))
    return {rid for rid in failed["report_id"].to_pylist() if rid not in built_ids}


def _kept_markdown(previous: Previous | None, carried: set[str], failures: list[ReportError]) -> str:
    """The part of ``changes.md`` naming the reports whose rows are kept from the last good build
    (their file failed this time), each with its file's message: the tables do not show the
    file as it is now, and the folder where analysts look says so."""
    if not carried:
        return ""
    reports = previous.read("reports", ["report_id", "source_file"])
    files = dict(zip(reports["report_id"].to_pylist(), reports["source_file"].to_pylist()))
    said = {Path(e.source).name: str(e) for e in failures}
    lines = ["", "## Kept from the last good build", "",
             "These reports' files could not be read this time: their rows are those of the last build that read them, "
             "not of the file as it is now.", ""]
    lines += [f"- {rid}: {said.get(files.get(rid), files.get(rid))}" for rid in sorted(carried)]
    return "\n".join(lines) + "\n"


def _problem_rows(problems: list[tuple[str, object]], written: list[tuple]) -> pa.Table:
    """Findings for the analyst's lineage rows that could not be applied, less those already
    written (a build's own workbook put back in data/raw/ holds them)."""
    rows = frame([{"report_id": rid, **f.__dict__} for rid, f in problems], "findings")
    table = to_arrow(rows, "findings")
    seen = set(written)
    keep = []
    for i, row in enumerate(table.to_pylist()):
        key = tuple(row.values())
        keep.append(key not in seen)
        seen.add(key)
    return table.filter(pa.array(keep, pa.bool_()))


def _stats(staging: Path, rows: dict[str, int]) -> dict:
    """What the summary says of the tables written: rows per table, findings by severity, the
    coverage counts."""
    with stream.connect() as con:
        f = stream.sql_path(staging / "findings.parquet")
        severities = dict(con.execute(f"SELECT severity, count(*) FROM read_parquet({f}) GROUP BY ALL").fetchall())
        expected, actual, n = con.execute(
            f"SELECT sum(TRY_CAST(expected AS BIGINT)), sum(TRY_CAST(actual AS BIGINT)), count(*) FROM read_parquet({f}) "
            "WHERE \"check\" = 'coverage' AND severity = 'info'").fetchone()
        unread = con.execute(f"SELECT count(*) FROM read_parquet({f}) WHERE \"check\" = 'unread_lines'").fetchone()[0]
    return {"rows": rows, "severities": {s: int(severities.get(s, 0)) for s in SEVERITIES},
            "coverage": (int(expected or 0), int(actual or 0), int(n)), "unread": int(unread)}


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
    the files, then link the lineage. Forked at once (all of them: the fork start method), before
    the build reads its file list; each ends with the build (it asks the kernel for SIGTERM when its parent dies)."""
    workers = _cores()
    if files < PARALLEL_FROM or workers < 2:
        yield None
        return
    # fork: the workers start at once with the parser imported, and a caller's script needs no
    # `if __name__ == "__main__"` guard (spawn and forkserver would run it again in each worker).
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
        pool.submit(int).result()  # (forked now, all at once, while the build holds little)
        yield pool


def _entries(raw_dir: Path) -> int:
    """How many entries ``raw_dir`` has (an upper bound on its report files), counted without
    keeping them; 0 if it cannot be read (the listing then says why)."""
    try:
        with os.scandir(raw_dir) as it:
            return sum(1 for _ in it)
    except OSError:
        return 0


def _listed(raw_dir: Path, skipped: list[str]) -> FileList:
    try:
        return FileList.of(raw_dir, skipped)
    except OSError as exc:  # (not the output folder's fault: no StoreError)
        raise ReportError(str(raw_dir), 1, "a folder of report files this user can read", exc.strerror or str(exc)) from None


def _load_all(indexed, count: int, cache_dir: Path | None, fingerprint: str | None, pool=None):
    """Each chunk of the ``count`` (file index, file) in ``indexed``'s outcome, in file order;
    in the worker processes for a large corpus. The chunks are cut as they are needed."""
    indexed = iter(indexed)
    chunks = iter(lambda: list(itertools.islice(indexed, CHUNK)), [])
    if pool is None or count < PARALLEL_FROM:
        for chunk in chunks:
            yield _load_chunk(chunk, cache_dir, fingerprint)
        return
    yield from _bounded_map(pool, _load_chunk, ((c, cache_dir, fingerprint) for c in chunks))


def _bounded_map(pool, fn, items, ahead: int | None = None):
    """``fn(*item)`` for each item, in order, computed in the pool with at most ``ahead``
    (default two per core and two more) submitted and not yet taken: results wait in this
    process's memory, so a slow consumer does not gather the whole corpus (the items are not
    kept once sent)."""
    ahead = ahead or 2 * _cores() + 2
    waiting: collections.deque = collections.deque()
    for item in items:
        waiting.append(pool.submit(fn, *item))
        if len(waiting) >= ahead:
            yield waiting.popleft().result()
    while waiting:
        yield waiting.popleft().result()


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
            out.outcomes.append((index, path, internal_error(path, exc), 0))
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


def _severity_counts(report: dict[str, dict[str, list]]) -> tuple[int, ...]:
    severities = report["findings"]["severity"]
    return tuple(severities.count(s) for s in SEVERITIES)


def _file_columns(path: Path, cache: ParseCache | None, out: _Chunk, reparse: bool = False):
    """(each report's typed columns, 1 if from the cache) for one file, or its ReportError.
    Any exception from reading or parsing the file becomes that file's error. ``reparse``
    skips the cache's entry (and replaces it)."""
    try:
        data = read_bytes(path)
        key = cache.key(hashlib.sha256(data).hexdigest(), path.name) if cache is not None else None
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
        return internal_error(path, exc)


def internal_error(path: Path, exc: BaseException, others: str = "the other reports are built, ") -> ReportError:
    """A fault in the parser as one message naming the file (never a traceback)."""
    return ReportError(path.name, 1, "a report this version of the parser can read",
                       f"an internal error ({type(exc).__name__}: {quoted(str(exc), 120)}); {others}please report this file")


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
    """The tables (held in memory) with ``program_lineage`` computed across every report, and a
    finding for each of the analyst's lineage rows that could not be applied."""
    rows, problems = build_lineage(tables, read_manual(lineage_file))
    out = dict(tables)
    out["program_lineage"] = frame(rows, "program_lineage")
    if problems:
        extra = frame([{"report_id": rid, **f.__dict__} for rid, f in problems], "findings")
        # A build's own workbook put back in data/raw/ already holds these: keep one of each.
        out["findings"] = pd.concat([tables["findings"], extra], ignore_index=True).drop_duplicates(ignore_index=True)
    return out


LINEAGE_WINDOW = 2_000  # reports linked at a time (whole departments): the build holds no more programs than theirs


def link_lineage(staging: Path, work: Path, sink: TableSink, manual, previous: Previous | None, pool) -> list:
    """Write ``program_lineage`` for the reports in ``staging`` to ``sink``; return (report_id,
    Finding) pairs for the analyst's decisions that could not be applied.

    Lineage pairs never cross departments, and its rows come report by report in (district,
    department, year) order, plan links first. So departments are linked in windows of whole
    departments (on several cores for a large corpus), only their programs read, and the rows
    put in that order at the end (spread over scratch files by phase and rank as they come,
    then each part sorted alone: memory that does not grow with the corpus). Given the published build
    (made by the same code from the same decisions), departments whose reports and programs
    are unchanged, and that have no analyst's decisions, keep its rows. The analyst's decisions,
    and undecidable ones reported on the first report, are linked in one window in this process.
    """
    reports = _department_order(staging)
    starts = _department_starts(reports)
    depts = [(reports["district"][a].as_py(), reports["department"][a].as_py()) for a in starts[:-1]]
    decided = {(m["district"], m["department"]) for m in manual} | set(depts[:1])
    touched = set(depts) if previous is None else _touched_departments(staging, previous, decided)
    segments = list(zip(starts[:-1], starts[1:]))
    own = [seg for seg, d in zip(segments, depts) if d in decided]
    rest = [seg for seg, d in zip(segments, depts) if d in touched and d not in decided]
    kept = [seg for seg, d in zip(segments, depts) if d not in touched]
    windows = [_ranks(own)] + [_ranks(w) for w in _windows(rest)]  # each window's reports, by rank
    buckets = len(reports) // SORT_RANKS + 1
    problems: list = []
    seq = 0
    with stream.Parts(work / "lineage_parts") as parts:
        for k, (window, part) in enumerate(_linked(staging, work, reports, windows, manual, pool)):
            if k == 0:
                part, problems = part
            if not len(part):
                continue
            table = to_arrow(part, "program_lineage")
            ranks = window.take(pc.index_in(table["report_id"], value_set=reports["report_id"].take(window).combine_chunks()))
            _add_lineage(parts, table, ranks, pa.array(range(seq, seq + table.num_rows), pa.int64()), buckets)
            seq += table.num_rows
        if previous is not None and kept:
            kept_ranks = _ranks(kept)
            kept_ids = reports["report_id"].take(kept_ranks).combine_chunks()
            offset = 0
            for table in stream.batches(previous.path("program_lineage")):
                table = table.append_column("_seq", pa.array(range(offset, offset + table.num_rows), pa.int64()))  # (its row in the published file)
                offset += table.num_rows
                table, ranks = stream.matched(table, kept_ids, kept_ranks)
                _add_lineage(parts, table, ranks, table["_seq"], buckets)
        written = 0
        for k in range(3 * buckets):  # plan links first (phase 0), report by report
            table = parts.take(k)
            if table is not None:
                sink.write(table.sort_by([("_rank", "ascending"), ("_seq", "ascending")]))
                written += table.num_rows
    if written != parts.rows:
        raise RuntimeError(f"program_lineage: {written} rows ordered of {parts.rows}")
    return problems


SORT_RANKS = 5_000  # reports whose lineage rows are put in order at a time (memory that does not grow with the corpus)


def _add_lineage(parts: stream.Parts, table: pa.Table, ranks: pa.Array, seq: pa.Array, buckets: int) -> None:
    """Lineage rows into the part of their phase (plan links, the others, no kind) and their
    reports' ranks (:data:`SORT_RANKS` at a time), with the columns that order them."""
    plan = pc.equal(table["kind"], "plan")
    phase = pc.if_else(pc.is_null(plan), 2, pc.if_else(plan, 0, 1))
    table = table.select(list(SCHEMA["program_lineage"]))
    table = table.cast(pa.schema([pa.field(f.name, pa.float64() if f.name == "similarity" else f.type) for f in table.schema]))
    table = table.append_column("_rank", ranks).append_column("_seq", seq)
    parts.add(table, pc.add(pc.multiply(pc.cast(phase, pa.int64()), buckets), pc.divide(ranks, SORT_RANKS)))


def _department_order(staging: Path) -> pa.Table:
    """The built reports' ids, districts, departments and years, in (district, department,
    year) order: lineage's order."""
    table = pq.read_table(staging / "reports.parquet", columns=["report_id", "district", "department", "year"])
    return table.take(pc.sort_indices(table, sort_keys=[("district", "ascending"), ("department", "ascending"), ("year", "ascending")]))


def _department_starts(reports: pa.Table) -> list[int]:
    """Where each department begins in ``reports`` (in department order), and its length last."""
    n = reports.num_rows
    if n == 0:
        return [0]
    change = np.zeros(n, dtype=bool)
    change[0] = True
    for col in ("district", "department"):
        values = reports[col].combine_chunks()
        change[1:] |= pc.fill_null(pc.not_equal(values.slice(1), values.slice(0, n - 1)), True).to_numpy(zero_copy_only=False)
    return np.flatnonzero(change).tolist() + [n]


def _windows(segments: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Departments (their (start, stop) in department order) gathered into windows of about
    :data:`LINEAGE_WINDOW` reports, never cutting one."""
    out, window, size = [], [], 0
    for a, b in segments:
        window.append((a, b))
        size += b - a
        if size >= LINEAGE_WINDOW:
            out.append(window)
            window, size = [], 0
    if window:
        out.append(window)
    return out


def _ranks(segments: list[tuple[int, int]]) -> pa.Array:
    """The ranks (places in department order) of these departments' reports."""
    return pa.array([r for a, b in segments for r in range(a, b)], pa.int64())


def _window(reports: pa.Table, ranks: pa.Array) -> pd.DataFrame:
    """The reports at these ranks, as linking reads them, with their ``rank``."""
    frame = to_frame(reports.take(ranks), "reports", list(reports.column_names))
    frame["rank"] = ranks.to_numpy()
    return frame


def _linked(staging: Path, work: Path, reports: pa.Table, windows: list[pa.Array], manual, pool):
    """(window, lineage rows) of each window (the ranks of its ``reports``) in order; the first
    window's with the analyst's decisions, as (rows, problems). The others in the worker
    processes when there are some, a few windows ahead."""
    def inputs():
        for w, programs in zip(windows, _window_programs(staging, work, reports, windows)):
            yield {"reports": _window(reports, w), "programs": programs}

    it = inputs()
    rows, problems = build_lineage(next(it), manual)
    yield windows[0], (frame(rows, "program_lineage"), problems)
    parts = map(_lineage_part, it) if pool is None else _bounded_map(pool, _lineage_part, ((inp,) for inp in it))
    yield from zip(windows[1:], parts)


LINEAGE_COLUMNS = ["report_id", "year", "stage", "program_no", "program", "team", "unit", "budget"]  # what linking reads of a program (its unit project: a program named as it continues its programs)


def _window_programs(staging: Path, work: Path, reports: pa.Table, windows: list[pa.Array]):
    """Each window's programs (the columns linking reads, typed as the contract says, in file
    order). One pass over the programs file, a batch at a time, spreads its rows over a scratch
    file per window under ``work``; each window is then read alone (one sort or join of every
    program took memory that grew with the corpus)."""
    ids = pa.table({"report_id": reports["report_id"].take(pa.concat_arrays(windows)).combine_chunks(),
                    "_win": pa.array(np.repeat(np.arange(len(windows)), [len(w) for w in windows]), pa.int64())})
    with stream.Parts(work / "windows") as parts:
        for table in stream.batches(staging / "programs.parquet", columns=LINEAGE_COLUMNS):
            parts.add(*stream.matched(table, ids["report_id"], ids["_win"]))
        for k in range(len(windows)):
            yield _programs_frame([t for t in [parts.take(k)] if t is not None])


def _programs_frame(parts: list[pa.Table]) -> pd.DataFrame:
    if not parts:
        return to_frame(pa.table({c: pa.array([], stream.schema("programs").field(c).type) for c in LINEAGE_COLUMNS}), "programs", LINEAGE_COLUMNS)
    table = pa.concat_tables(parts).select(LINEAGE_COLUMNS)
    return to_frame(table.cast(pa.schema([stream.schema("programs", stream.float_money(table, "programs")).field(c) for c in LINEAGE_COLUMNS])), "programs", LINEAGE_COLUMNS)


def _lineage_part(inputs: dict[str, pd.DataFrame]) -> pd.DataFrame:
    rows, _ = build_lineage(inputs, [])
    return frame(rows, "program_lineage")


def _touched_departments(staging: Path, previous: Previous, decided: set) -> set:
    """The departments to link anew: any of whose reports or programs differ from the published
    build's (:func:`analysis.store.changes.changed_reports`), and those in ``decided``."""
    changed = changed_reports(previous.path("programs"), staging / "programs.parquet", list(SCHEMA["programs"]))
    changed |= changed_reports(previous.path("reports"), staging / "reports.parquet", ["district", "department", "year"])
    if not changed:
        return set(decided)
    with stream.connect() as con:
        con.register("changed", pa.table({"report_id": pa.array(sorted(changed), pa.string())}))
        found = con.execute(" UNION ".join(
            f"SELECT district, department FROM read_parquet({stream.sql_path(p)}) JOIN changed USING (report_id)"
            for p in (previous.path("reports"), staging / "reports.parquet"))).fetchall()
    return {tuple(d) for d in found} | set(decided)


_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_BOOK_TIME = dt.datetime(2000, 1, 1)


def write_tables(staging: Path, changes_md: str | None, previous_dir: Path | None, rows: dict[str, int]) -> str:
    """Beside each table's Parquet file in ``staging`` (a version folder being written:
    :func:`analysis.store.publish.publish` makes it current), its CSV (UTF-8 with BOM, batch by
    batch), all the tables as sheets of one workbook while it fits Excel, and the change summary.
    A table whose Parquet file is the published version's (``previous_dir``) gets that version's
    CSV (hard-linked, not written again), and the workbook too if every table is the same.
    Returns what became of the workbook."""
    old = publish.read_manifest_quietly(previous_dir).get("files", {}) if previous_dir is not None else {}
    same = set()
    for name in SCHEMA:
        parquet = staging / f"{name}.parquet"
        before = old.get(parquet.name)
        if before is not None and list(publish.file_digest(parquet)) == [before["bytes"], before["sha256"]]:
            same.add(name)
            if _link_previous(previous_dir, staging, [f"{name}.csv"]):
                publish._checkpoint(f"table {name}")
                continue
        _write_csv(parquet, staging / f"{name}.csv")
        publish._checkpoint(f"table {name}")
    workbook = _workbook_skipped(rows)
    if not workbook:
        if not (same == set(SCHEMA) and _link_previous(previous_dir, staging, [WORKBOOK])):
            tables = {name: read_parquet_table(staging / f"{name}.parquet", name) for name in SCHEMA}  # (it fits Excel: small)
            _write_workbook(tables, staging / WORKBOOK)
            _fix_zip_times(staging / WORKBOOK)
        workbook = f"{WORKBOOK} written ({sum(rows.values()):,} rows)"
    if changes_md is not None:
        (staging / CHANGES_FILE).write_text(changes_md, encoding="utf-8")
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


def _workbook_skipped(rows: dict[str, int]) -> str:
    """Why the workbook is skipped ('' if it is written), from each table's number of rows."""
    most, name = max((n, name) for name, n in rows.items())
    if most + 1 > config.EXCEL_MAX_ROWS:
        return (f"{WORKBOOK} skipped: sheet {name} would have {most + 1:,} rows, more than Excel's {config.EXCEL_MAX_ROWS:,}; "
                "the CSV and Parquet files hold every row")
    cells = sum((rows[name] + 1) * len(SCHEMA[name]) for name in rows)
    if cells > config.WORKBOOK_MAX_CELLS:
        return (f"{WORKBOOK} skipped: {cells:,} cells, more than {config.WORKBOOK_MAX_CELLS:,} (config.WORKBOOK_MAX_CELLS: "
                "past that it takes minutes to write and Excel opens it too slowly to use); the CSV and Parquet files hold every row")
    return ""


def _write_csv(parquet: Path, path: Path) -> None:
    """One table's CSV for Excel, from its Parquet file (:func:`analysis.store.stream.write_csv`)."""
    stream.write_csv(parquet, path)


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
