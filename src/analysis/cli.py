"""Command line: ``python -m analysis build|check``.

Exit status: 0 when every report parsed with no ``error`` finding, 1 otherwise, 2 for usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis import config
import pandas as pd

from analysis.store.build import build, load_reports
from analysis.errors import ReportError
from analysis.store.contract import SEVERITIES


def _cmd_build(args) -> int:
    from analysis.store.publish import StoreError

    try:
        result = build(args.raw, args.out, args.lineage, use_cache=not args.no_cache)
    except (ReportError, StoreError) as exc:  # bad input, or an output folder that cannot be written
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for exc in result.failures:
        print(f"error: {exc}", file=sys.stderr)
    print(result.summary())
    print(f"tables written to {args.out}")
    return 0 if result.ok else 1


def _cmd_check(args) -> int:
    status = 0
    for path in args.files:
        try:
            reports = load_reports(path)
        except ReportError as exc:
            print(f"error: {exc}", file=sys.stderr)
            status = 1
            continue
        for report in reports:
            status = max(status, _print_findings(path, report, args.all))
    return status


def _print_findings(path: Path, report, show_all: bool) -> int:
    """Print one report's findings (info only with ``show_all``); 1 if it has an error."""
    findings = report.findings
    counts = findings["severity"].value_counts()
    print(f"{Path(path).name} -> {report.report_id}: " + ", ".join(f"{int(counts.get(s, 0))} {s}" for s in SEVERITIES))
    shown = findings if show_all else findings[findings["severity"] != "info"]
    for row in shown.itertuples():
        line = "" if pd.isna(row.source_line) else f":{row.source_line}"
        print(f"  {row.severity:7} {Path(path).name}{line} [{row.check}] {row.message}")
    return 1 if int(counts.get("error", 0)) else 0


def _cmd_report(args) -> int:
    import os
    import shutil
    import time

    from analysis.brief import briefing

    start = time.perf_counter()
    status = _cmd_build(args)
    if not (args.out / "reports.csv").exists():
        print("error: no tables to report on", file=sys.stderr)
        return 1
    # The notebooks' kernels read the tables from --out and write into reports/.
    os.environ["ANALYSIS_PROCESSED_DIR"] = str(args.out.resolve())
    for stale in (config.FIGURES_DIR, config.TABLES_DIR, config.EXECUTED_NOTEBOOKS_DIR):
        shutil.rmtree(stale, ignore_errors=True)
    print(f"running notebooks (REPORT_ID={args.report_id!r}):")
    try:
        executed = briefing.run_notebooks(args.report_id)
    except Exception as exc:  # papermill's error names the notebook and the failing cell
        print(f"error: a notebook failed: {str(exc).strip().splitlines()[-1]}", file=sys.stderr)
        return 1
    workbook = briefing.write_tables_workbook()
    html = briefing.write_briefing(executed)
    figures = sorted(config.FIGURES_DIR.glob("*.png"))
    print(f"wrote {html}, {workbook}, {len(figures)} figures (PNG + SVG) in {config.FIGURES_DIR}, executed notebooks in {config.EXECUTED_NOTEBOOKS_DIR}")
    print(f"report done in {time.perf_counter() - start:.1f} s")
    return status


def _cmd_template(args) -> int:
    from analysis.interpret.workbook import write_template

    try:
        path = write_template(args.path)
    except OSError as exc:
        print(f"error: {args.path}: cannot write the workbook ({exc.strerror or exc})", file=sys.stderr)
        return 1
    print(f"wrote {path}: fill in one report per workbook (or several, one report_id each) and put it in data/raw/")
    return 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description="Korean district work reports (주요업무 보고) into checked tables.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="parse every report in data/raw/ and write data/processed/")
    p.add_argument("--raw", type=Path, default=config.RAW_DATA_DIR, help="folder of reports (default: data/raw)")
    p.add_argument("--out", type=Path, default=config.PROCESSED_DATA_DIR, help="output folder (default: data/processed)")
    p.add_argument("--lineage", type=Path, default=config.LINEAGE_FILE, help="program lineage decisions (default: data/manual/program_lineage.csv)")
    p.add_argument("--no-cache", action="store_true", help="re-parse every file (default: files unchanged since the last build come from data/interim/)")
    p.set_defaults(func=_cmd_build)
    p = sub.add_parser("report", help="build, run every notebook, write reports/ (figures, tables, briefing.html)")
    p.add_argument("--raw", type=Path, default=config.RAW_DATA_DIR, help="folder of reports (default: data/raw)")
    p.add_argument("--out", type=Path, default=config.PROCESSED_DATA_DIR, help="tables folder (default: data/processed)")
    p.add_argument("--lineage", type=Path, default=config.LINEAGE_FILE, help="program lineage decisions (default: data/manual/program_lineage.csv)")
    p.add_argument("--no-cache", action="store_true", help="re-parse every file (default: files unchanged since the last build come from data/interim/)")
    p.add_argument("--report-id", default=None, help="show one report (default: every report)")
    p.set_defaults(func=_cmd_report)
    p = sub.add_parser("template", help="write an empty workbook to type a report into (the Excel route)")
    p.add_argument("path", type=Path, help="the .xlsx to write")
    p.set_defaults(func=_cmd_template)
    p = sub.add_parser("check", help="print a report's findings")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--all", action="store_true", help="also show info findings")
    p.set_defaults(func=_cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    return args.func(args)
