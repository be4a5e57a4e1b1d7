"""I/O at the edges: read report files, parse and check them, write ``data/processed/``.

A report that fails to parse is reported (file, line, what was expected) and its last good
rows are carried over from the previous build; the other reports still build. Files are
written to a temporary folder first and moved into place, so a failed write leaves the last
good tables intact.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .checks import run_checks
from .errors import ReportError
from .parse import parse_report
from .tables import SCHEMA, SEVERITIES, concat, read_csv_table, to_tables
from .textio import decode

REPORT_SUFFIXES = {".txt", ".xlsx"}  # text reports, and workbooks (the Excel route, analysis.excel)
WORKBOOK = "report_tables.xlsx"


@dataclass
class LoadedReport:
    path: Path
    tables: dict[str, pd.DataFrame]

    @property
    def report_id(self) -> str:
        return self.tables["reports"]["report_id"].iloc[0]

    @property
    def findings(self) -> pd.DataFrame:
        return self.tables["findings"]


def load_report(path: Path | str) -> LoadedReport:
    """Read, parse and check one report file.

    Parameters
    ----------
    path : path
        A report text file, in UTF-8 (with or without BOM), UTF-16 with BOM, or CP949/EUC-KR.

    Returns
    -------
    LoadedReport
        The contract's tables for this report, findings included.

    Raises
    ------
    ReportError
        If the file cannot be read as a report (message names file, line, expectation).
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportError(path.name, 1, "a readable file", exc.strerror or str(exc)) from None
    text, _ = decode(data, path.name)
    parsed = parse_report(text, path.name, source_sha256=hashlib.sha256(data).hexdigest())
    findings = parsed.findings + run_checks(parsed)
    return LoadedReport(path, to_tables(parsed, findings))


def load_reports(path: Path | str) -> list[LoadedReport]:
    """Every report in one file: a text report holds one; a workbook (the template filled in,
    or a ``report_tables.xlsx`` from a build) may hold several.

    Raises
    ------
    ReportError
        If the file cannot be read (file, line or sheet row, what was expected).
    """
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from .excel import load_workbook_reports

        return load_workbook_reports(path)
    return [load_report(path)]


def report_files(raw_dir: Path) -> list[Path]:
    """The report files in ``raw_dir`` (sorted; README and hidden files skipped)."""
    return sorted(
        p for p in Path(raw_dir).iterdir()
        if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES and not p.name.startswith((".", "~$")) and p.stem.upper() != "README"
    )


@dataclass
class BuildResult:
    tables: dict[str, pd.DataFrame]
    reports: list[LoadedReport] = field(default_factory=list)
    failures: list[ReportError] = field(default_factory=list)
    carried_over: list[str] = field(default_factory=list)  # report_ids kept from the last build
    seconds: float = 0.0

    @property
    def error_findings(self) -> int:
        return int((self.tables["findings"]["severity"] == "error").sum())

    @property
    def ok(self) -> bool:
        return not self.failures and self.error_findings == 0

    def summary(self) -> str:
        lines = [f"reports read: {len(self.reports)} of {len(self.reports) + len(self.failures)} files"]
        for r in self.reports:
            f = r.findings["severity"].value_counts()
            lines.append(f"  {r.path.name} -> {r.report_id} ({', '.join(f'{int(f.get(s, 0))} {s}' for s in SEVERITIES)})")
        for e in self.failures:
            lines.append(f"  FAILED {e}")
        for rid in self.carried_over:
            lines.append(f"  kept from the last good build: {rid}")
        lines.append("rows per table: " + ", ".join(f"{name} {len(df)}" for name, df in self.tables.items()))
        counts = self.tables["findings"]["severity"].value_counts()
        lines.append("findings: " + ", ".join(f"{int(counts.get(s, 0))} {s}" for s in SEVERITIES))
        lines.append(f"built in {self.seconds:.2f} s")
        return "\n".join(lines)


def build(raw_dir: Path | str, out_dir: Path | str) -> BuildResult:
    """Build every report in ``raw_dir`` into the contract's tables in ``out_dir``.

    Parameters
    ----------
    raw_dir : path
        Folder of report files (read only).
    out_dir : path
        Folder for ``<table>.csv`` (UTF-8 with BOM) and ``report_tables.xlsx``.

    Returns
    -------
    BuildResult
        Tables written, per-report results, failures (as :class:`ReportError`), timing.
    """
    start = time.perf_counter()
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    if not raw_dir.is_dir():
        raise ReportError(str(raw_dir), 1, "a folder of report files", "no such folder")
    loaded, failures = [], []
    seen: dict[str, Path] = {}
    for path in report_files(raw_dir):
        try:
            reports = load_reports(path)
        except ReportError as exc:
            failures.append(exc)
            continue
        for report in reports:
            if report.report_id in seen:
                failures.append(ReportError(path.name, 1, f"a report other than {seen[report.report_id].name}", f"the same report ({report.report_id})"))
                continue
            seen[report.report_id] = path
            loaded.append(report)
    previous = _previous_tables(out_dir)
    carried = _carry_over(previous, [Path(e.source).name for e in failures], set(seen))
    tables = concat([r.tables for r in loaded] + ([carried] if carried else []))
    write_tables(tables, out_dir)
    kept = sorted(set(carried["reports"]["report_id"])) if carried else []
    return BuildResult(tables, loaded, failures, kept, time.perf_counter() - start)


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
    return {name: df[df["report_id"].isin(ids)] for name, df in previous.items()}


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path) -> None:
    """Write each table as CSV (UTF-8 with BOM) and all as sheets of one workbook, atomically
    per file: everything is written to a temporary folder first, then moved into place."""
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=out_dir))
    try:
        for name, df in tables.items():
            df.to_csv(tmp / f"{name}.csv", index=False, encoding="utf-8-sig", lineterminator="\n")
        with pd.ExcelWriter(tmp / WORKBOOK, engine="openpyxl") as xl:
            for name, df in tables.items():
                df.to_excel(xl, sheet_name=name, index=False)
        for f in tmp.iterdir():
            os.replace(f, out_dir / f.name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
