"""I/O at the edges: read report files, parse and check them, write ``data/processed/``.

A report that fails to parse is reported (file, line, what was expected) and its last good
rows are carried over from the previous build; the other reports still build. Files are
written to a temporary folder first and moved into place, so a failed write leaves the last
good tables intact.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import functools
import hashlib
import os
import pickle
import re
import shutil
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from analysis import config
from analysis.store.changes import Changes, compare
from analysis.check.arithmetic import run_checks
from analysis.errors import ReportError
from analysis.store.lineage import build_lineage, read_manual
from analysis.interpret.report import interpret_document
from analysis.store.safe import quote_frame
from analysis.store.xlsx import write_workbook
from analysis.store.contract import SCHEMA, SEVERITIES, LoadedReport, frame, read_csv_table, to_rows
from analysis.read import read_document

REPORT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".xlsx", ".hwpx", ".hwp", ".pdf"}  # text (tab, Markdown, HTML), workbooks (the Excel route), Hancom files and PDFs
REFUSED_SUFFIXES = {".docx", ".doc", ".odt", ".xls", ".rtf"}  # read only to say what to do with them (a failure, not a skip)
WORKBOOK = "report_tables.xlsx"


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


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReportError(path.name, 1, "a readable file", exc.strerror or str(exc)) from None


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
    return [LoadedReport(path, rows=rows) for rows in _reports_rows(path.name, _read(path))]


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
class BuildResult:
    tables: dict[str, pd.DataFrame]
    reports: list[LoadedReport] = field(default_factory=list)
    failures: list[ReportError] = field(default_factory=list)
    carried_over: list[str] = field(default_factory=list)  # report_ids kept from the last build
    seconds: float = 0.0
    changes: Changes | None = None
    from_cache: int = 0  # reports read from the parse cache instead of parsed
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
            f = r.findings["severity"].value_counts()
            lines.append(f"  {r.path.name} -> {r.report_id} ({', '.join(f'{int(f.get(s, 0))} {s}' for s in SEVERITIES)})")
        for e in self.failures:
            lines.append(f"  FAILED {e}")
        for rid in self.carried_over:
            lines.append(f"  kept from the last good build: {rid}")
        if self.skipped:
            lines.append(f"  skipped, not a report format ({' '.join(sorted(REPORT_SUFFIXES))}): {', '.join(self.skipped)}")
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
        lines.append(f"built in {self.seconds:.2f} s")
        return "\n".join(lines)


def build(
    raw_dir: Path | str, out_dir: Path | str, lineage_file: Path | str | None = None, *,
    cache_dir: Path | str | None = None, use_cache: bool = True, progress: bool | None = None,
) -> BuildResult:
    """Build every report in ``raw_dir`` into the contract's tables in ``out_dir``.

    Parameters
    ----------
    raw_dir : path
        Folder of report files (read only).
    out_dir : path
        Folder for ``<table>.csv`` (UTF-8 with BOM), ``report_tables.xlsx`` and ``changes.md``.
    lineage_file : path, optional
        The analyst's program lineage decisions (default ``data/manual/program_lineage.csv``).
    cache_dir : path, optional
        Parse cache (default ``data/interim/parse-cache``): a file whose bytes, and the parser's
        code, are unchanged since it was last parsed is read from there instead.
    use_cache : bool, default True
        False re-parses everything (and writes no cache).
    progress : bool, optional
        Show a progress bar; default: on a terminal, for more than 50 files.

    Returns
    -------
    BuildResult
        Tables written, per-report results, failures (as :class:`ReportError`), what changed
        since the previous build, timing.
    """
    start = time.perf_counter()
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    if not raw_dir.is_dir():
        raise ReportError(str(raw_dir), 1, "a folder of report files", "no such folder")
    cache_dir = (Path(cache_dir) if cache_dir is not None else config.INTERIM_DIR / "parse-cache") if use_cache else None
    skipped: list[str] = []
    files = report_files(raw_dir, skipped=skipped)
    loaded, failures = [], []
    seen: dict[str, Path] = {}
    hits = 0
    show = progress if progress is not None else len(files) > 50 and sys.stderr.isatty()
    for path, outcome, hit in tqdm(_load_all(files, cache_dir), total=len(files), desc="reports", unit="file", disable=not show):
        hits += hit
        if isinstance(outcome, ReportError):
            failures.append(outcome)
            continue
        for report in outcome:
            if report.report_id in seen:
                failures.append(ReportError(path.name, 1, f"a report other than {seen[report.report_id].name}", f"the same report ({report.report_id})"))
                continue
            seen[report.report_id] = path
            loaded.append(report)
    previous = _previous_tables(out_dir)
    carried = _carry_over(previous, [Path(e.source).name for e in failures], set(seen))
    tables = {
        name: frame([row for r in loaded for row in r.table_rows(name)] + (carried[name].to_dict("records") if carried and name in carried else []), name)
        for name in SCHEMA
    }
    tables = with_lineage(tables, config.LINEAGE_FILE if lineage_file is None else Path(lineage_file))
    changes = compare(previous, tables)
    write_tables(tables, out_dir, changes.markdown())
    kept = sorted(set(carried["reports"]["report_id"])) if carried else []
    result = BuildResult(tables, loaded, failures, kept, time.perf_counter() - start, changes)
    result.from_cache = hits
    result.skipped = skipped
    return result


PARALLEL_FROM = 200  # files; below this a process pool costs more than it saves


def _load_one(path: Path, cache_dir: Path | None):
    """(path, reports or the ReportError, 1 if read from the cache) for one file."""
    cache = ParseCache(cache_dir) if cache_dir is not None else None
    try:
        reports = cache.load(path) if cache is not None else load_reports(path)
    except ReportError as exc:
        return path, exc, 0
    return path, reports, cache.hits if cache is not None else 0


def _load_all(files: list[Path], cache_dir: Path | None):
    """Each file's outcome, in file order; on several cores for a large corpus."""
    workers = min(os.cpu_count() or 1, 8)
    if len(files) < PARALLEL_FROM or workers < 2:
        for path in files:
            yield _load_one(path, cache_dir)
        return
    with ProcessPoolExecutor(workers) as pool:
        yield from pool.map(_load_one, files, [cache_dir] * len(files), chunksize=32)


class ParseCache:
    """Parsed reports' rows, pickled under a key made of the file's bytes and the parser's code
    (every .py and .toml of the package), so a changed file or a changed parser re-parses."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.hits = 0
        self._code = _code_fingerprint()

    def load(self, path: Path) -> list[LoadedReport]:
        data = _read(path)
        key = self.directory / f"{hashlib.sha256(data + self._code.encode()).hexdigest()}.pkl"
        try:
            with open(key, "rb") as fh:
                rows_list = pickle.load(fh)
            self.hits += 1
        except (OSError, pickle.UnpicklingError, EOFError):
            reports = load_reports(path)
            rows_list = [r.rows if r.rows is not None else {n: r.table_rows(n) for n in SCHEMA} for r in reports]
            self.directory.mkdir(parents=True, exist_ok=True)
            tmp = key.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                pickle.dump(rows_list, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, key)
        return [LoadedReport(path, rows=rows) for rows in rows_list]


@functools.lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    package = Path(__file__).parents[1]
    digest = hashlib.sha256()
    for f in sorted(package.rglob("*.py")) + sorted(package.rglob("*.toml")):
        digest.update(str(f.relative_to(package)).encode() + f.read_bytes())
    return digest.hexdigest()


def with_lineage(tables: dict[str, pd.DataFrame], lineage_file: Path) -> dict[str, pd.DataFrame]:
    """The tables with ``program_lineage`` computed across every report, and a finding for each
    of the analyst's lineage rows that could not be applied."""
    rows, problems = build_lineage(tables, read_manual(lineage_file))
    out = dict(tables)
    out["program_lineage"] = frame(rows, "program_lineage")
    if problems:
        extra = frame([{"report_id": rid, **f.__dict__} for rid, f in problems], "findings")
        # A build's own workbook put back in data/raw/ already holds these: keep one of each.
        both = pd.concat([tables["findings"], extra], ignore_index=True).drop_duplicates(ignore_index=True)
        out["findings"] = frame(both.to_dict("records"), "findings")
    return out


def _previous_tables(out_dir: Path) -> dict[str, pd.DataFrame] | None:
    try:
        return {name: read_csv_table(out_dir / f"{name}.csv", name) for name in SCHEMA}
    except (OSError, ValueError):
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


CHANGES_FILE = "changes.md"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_BOOK_TIME = dt.datetime(2000, 1, 1)


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path, changes_md: str | None = None) -> None:
    """Write each table as CSV (UTF-8 with BOM), all of them as sheets of one workbook, and the
    change summary. Files are made in a temporary folder and moved into place one by one; a
    file whose bytes are unchanged is left alone, so a build that changes nothing rewrites
    nothing (the workbook is written with fixed timestamps to make that possible)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=out_dir))
    try:
        for name, df in tables.items():
            quote_frame(df).to_csv(tmp / f"{name}.csv", index=False, encoding="utf-8-sig", lineterminator="\n")  # no formula: safe.py
        _write_workbook(tables, tmp / WORKBOOK)
        _fix_zip_times(tmp / WORKBOOK)
        if changes_md is not None:
            (tmp / CHANGES_FILE).write_text(changes_md, encoding="utf-8")
        for f in tmp.iterdir():
            target = out_dir / f.name
            if not (target.exists() and filecmp.cmp(f, target, shallow=False)):
                os.replace(f, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


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
