"""Command line: ``python -m analysis build|check``.

Exit status: 0 when every report parsed with no ``error`` finding, 1 otherwise, 2 for usage.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from analysis import config
import pandas as pd

from analysis.store.build import build, load_reports
from analysis.errors import ReportError
from analysis.store.contract import SEVERITIES, load_tables


def _cmd_build(args) -> int:
    return _run_build(args)[0]


def _run_build(args):
    """Build, printing the summary: (exit status, the BuildResult, or None and the message of a
    build that failed as a whole)."""
    from analysis.store.publish import StoreError

    if args.lineage is not None and Path(args.lineage) != config.LINEAGE_FILE and not Path(args.lineage).exists():  # a typo drops every decision: said
        print(f"warning: {args.lineage}: no such file: no lineage decisions are applied (--lineage)", file=sys.stderr)
    try:
        result = build(args.raw, args.out, args.lineage, use_cache=not args.no_cache)
    except (ReportError, StoreError) as exc:  # bad input, or an output folder that cannot be written
        print(f"error: {exc}", file=sys.stderr)
        return 1, None, str(exc)
    for exc in result.failures:
        print(f"error: {exc}", file=sys.stderr)
    print(result.summary())
    print(f"tables written to {args.out}")
    return (0 if result.ok else 1), result, None


KEPT_NOTE = "⚠ 원문 파일을 읽지 못해 마지막으로 읽은 판의 표입니다"
"""Said under the heading of a report whose file failed this build: its rows are the last good build's."""


def _briefing_notices(result, failed_build: str | None, reports: pd.DataFrame, out: Path) -> dict:
    """What the briefing says under its title about the build it shows (see
    :func:`analysis.brief.briefing.write_briefing`): the files not in it, the files whose report
    it shows as last read (their rows kept from the last good build), and a build that failed
    as a whole (the briefing then shows the tables last published)."""
    if result is None:
        from analysis.store.publish import current_version

        version = current_version(out)
        return {"stale": f"{failed_build} (표: {version.name if version is not None else out})"}
    kept_ids = set(result.carried_over)
    kept_files = {f for rid, f in zip(reports["report_id"], reports["source_file"]) if rid in kept_ids and isinstance(f, str)}
    return {"unread": [str(e) for e in result.failures if Path(e.source).name not in kept_files],
            "kept": [str(e) for e in result.failures if Path(e.source).name in kept_files]}


def _cmd_check(args) -> int:
    status = 0
    for path in args.files:
        try:
            reports = load_reports(path)
        except ReportError as exc:
            print(f"error: {exc}", file=sys.stderr)
            status = 1
            continue
        except Exception as exc:  # a fault in the parser: one line naming the file, the other files still checked
            from analysis.store.build import internal_error

            print(f"error: {internal_error(Path(path), exc, others='the other files are checked, ')}", file=sys.stderr)
            status = 1
            continue
        for report in reports:
            status = max(status, _print_findings(path, report, args.all))
    return status


def _print_findings(path: Path, report, show_all: bool) -> int:
    """Print one report's findings (info only with ``show_all``), each with where a person finds
    it: ``file.txt:48`` for a text report, ``file.xlsx programs 시트 5행`` for a workbook,
    ``file.pdf (2쪽 2표 7줄 1칸)`` for a format without lines; 1 if it has an error."""
    from analysis.analyse.measures import SEVERITY_LABELS, check_label, report_name
    from analysis.interpret.workbook import finding_sheet
    from analysis.read.document import Loc

    findings = report.findings
    counts = findings["severity"].value_counts()
    name = Path(path).name
    meta = report.tables["reports"].iloc[0]
    print(f"{name} -> {report_name(meta)} ({report.report_id}): "
          + ", ".join(f"{SEVERITY_LABELS[s]} {int(counts.get(s, 0))}" for s in SEVERITIES))
    shown = findings if show_all else findings[findings["severity"] != "info"]
    workbook = Path(path).suffix.lower() == ".xlsx"
    for row in shown.itertuples():
        loc = Loc.parse(row.source_loc) if isinstance(row.source_loc, str) else None
        if pd.isna(row.source_line) and loc is not None:  # a format without lines: page/section, table, row, col
            where = f"{name} ({loc.korean()})"
        elif pd.isna(row.source_line):
            where = name
        elif workbook:
            sheet = finding_sheet(row.check, row.subject)
            where = f"{name} {sheet} 시트 {row.source_line}행" if sheet else f"{name} {row.source_line}행"
        else:
            where = f"{name}:{row.source_line}"
        print(f"  {SEVERITY_LABELS[row.severity]} {where} [{check_label(row.check)}] {row.message}")
    return 1 if int(counts.get("error", 0)) else 0


def _cmd_report(args) -> int:
    """One report job at a time writes a reports/ folder: two at once removed each other's
    figures and tables while their notebooks ran, and gathered a workbook from both."""
    from analysis.store.publish import BuildLock, BuildLocked

    try:
        lock = BuildLock(config.REPORTS_DIR).__enter__()
    except BuildLocked:
        print(f"error: {config.REPORTS_DIR}: another report job is writing this folder; wait for it to finish and run the report again",
              file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {config.REPORTS_DIR}: cannot write the briefing there ({exc.strerror or exc})", file=sys.stderr)
        return 1
    try:
        return _report(args)
    finally:
        lock.__exit__()


_REPORT_PATHS = ("FIGURES_DIR", "TABLES_DIR", "EXECUTED_NOTEBOOKS_DIR", "BRIEFING_HTML", "BRIEFING_XLSX")
"""The paths of :mod:`analysis.config` inside ``REPORTS_DIR``, moved with it into a run's staging folder."""


@contextlib.contextmanager
def _reports_written_in(staging: Path):
    """``config.REPORTS_DIR`` and the paths in it point into ``staging`` (and the notebooks'
    kernels are told so by ``ANALYSIS_REPORTS_DIR``) while a report job writes its outputs."""
    saved = {name: getattr(config, name) for name in ("REPORTS_DIR", *_REPORT_PATHS)}
    saved_env = os.environ.get("ANALYSIS_REPORTS_DIR")
    try:
        for name in _REPORT_PATHS:  # (a path set outside REPORTS_DIR goes to its name there)
            path, top = Path(saved[name]), Path(saved["REPORTS_DIR"])
            setattr(config, name, staging / (path.relative_to(top) if path.is_relative_to(top) else path.name))
        config.REPORTS_DIR = staging
        os.environ["ANALYSIS_REPORTS_DIR"] = str(staging.resolve())
        yield
    finally:
        for name, value in saved.items():
            setattr(config, name, value)
        if saved_env is None:
            os.environ.pop("ANALYSIS_REPORTS_DIR", None)
        else:
            os.environ["ANALYSIS_REPORTS_DIR"] = saved_env


def _report(args) -> int:
    """Build, run the notebooks and publish ``reports/`` whole: every output of the run is written
    into ``reports/.versions/.tmp-<id>/`` and made current in one step (as the build publishes
    ``data/processed/``, :mod:`analysis.store.publish`); a run that fails or is killed leaves the
    last good briefing, figures, tables and notebooks as they were, together."""
    import shutil
    import time

    from analysis.store.publish import VERSIONS, StoreError, clean_leftovers, new_version_id, publish

    start = time.perf_counter()
    status, result, failed_build = _run_build(args)
    if not (args.out / "reports.csv").exists():
        print("error: no tables to report on", file=sys.stderr)
        return 1
    # The notebooks' kernels read the tables from --out and write into this run's folder,
    # whichever install of the package their Python imports.
    os.environ["ANALYSIS_PROCESSED_DIR"] = str(args.out.resolve())
    # ... and import the package this command runs: a relative PYTHONPATH (`PYTHONPATH=src`)
    # means another folder in a kernel started in notebooks/, whose Python then imported
    # another install's code (the venv's) for the charts and narrative of tables built by this one.
    here = str(Path(__file__).resolve().parents[1])
    os.environ["PYTHONPATH"] = os.pathsep.join([here, *(p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and p != here)])
    reports_dir = config.REPORTS_DIR
    run_id = new_version_id()
    staging = reports_dir / VERSIONS / f".tmp-{run_id}"
    try:
        clean_leftovers(reports_dir)  # (what killed or failed runs left; we hold the folder's lock)
        staging.mkdir(parents=True)
    except OSError as exc:
        print(f"error: {reports_dir}: cannot write the briefing there ({exc.strerror or exc})", file=sys.stderr)
        return 1
    with _reports_written_in(staging):
        status, failed = _write_reports(args, status, result, failed_build)
    if failed is not None:  # nothing is published: the last good outputs stay whole
        kept = reports_dir / VERSIONS / f".failed-{run_id}"
        if failed.startswith("no notebook ran") and (staging / config.BRIEFING_HTML.name).exists():
            staging.rename(kept)  # (its briefing says which notebook failed and why; removed by the next run)
            failed = failed.replace("{html}", str(kept / config.BRIEFING_HTML.name))
        else:
            shutil.rmtree(staging, ignore_errors=True)
        print(f"error: {failed.replace('{reports}', str(reports_dir))}; {reports_dir} keeps the outputs of the last report that finished, whole", file=sys.stderr)
        return 1
    try:
        publish(reports_dir, staging, run_id, {"kind": "report"}, replace_folders=True)
    except (OSError, StoreError) as exc:  # a full disk, a folder that cannot be written
        shutil.rmtree(staging, ignore_errors=True)
        print(f"error: {reports_dir}: cannot publish the briefing ({getattr(exc, 'strerror', None) or exc}); "
              "it keeps the outputs of the last report that finished, whole", file=sys.stderr)
        return 1
    for name in _REPORT_PATHS:  # what the flat layout before versions left that this run does not have
        legacy = Path(getattr(config, name))
        if legacy.is_dir() and not legacy.is_symlink():
            shutil.rmtree(legacy, ignore_errors=True)
        elif legacy.is_file() and not legacy.is_symlink():
            legacy.unlink(missing_ok=True)
    figures = sorted(config.FIGURES_DIR.glob("*.png"))
    print(f"wrote {config.BRIEFING_HTML}, {config.BRIEFING_XLSX}, {len(figures)} figures (PNG + SVG) in {config.FIGURES_DIR}, "
          f"executed notebooks in {config.EXECUTED_NOTEBOOKS_DIR}")
    print(f"report done in {time.perf_counter() - start:.1f} s")
    return status


def _write_reports(args, status: int, result, failed_build: str | None) -> tuple[int, str | None]:
    """Run the notebooks and write the briefing and its workbook into ``config.REPORTS_DIR``:
    (exit status, None) when they are complete, else (1, what is wrong: nothing is published)."""
    from analysis.brief import briefing
    from analysis.store.publish import StoreError

    print(f"running notebooks (REPORT_ID={args.report_id!r}):")
    try:
        tables = load_tables(args.out)
    except (StoreError, OSError) as exc:  # the tables changed or went missing since the build
        return 1, f"{args.out}: cannot read the built tables ({exc}); run the build again"
    try:
        sections = briefing.run_notebooks(args.report_id, tables=tables)
    except Exception as exc:  # (each notebook's own failure is kept in its section; this is anything else)
        return 1, f"the notebooks could not be run: {str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__}"
    for section in sections:  # one line per notebook that failed for a report; the briefing says so in its section
        for failed in section.failed:
            print(f"error: a notebook failed for {section.report_id or '모든 보고서'}: {failed}", file=sys.stderr)
            status = 1
    notices = _briefing_notices(result, failed_build, tables["reports"], args.out)
    kept = set(result.carried_over) if result is not None else set()
    for section in sections:  # a report shown from the last good build says so under its heading
        if section.report_id in kept:
            section.subtitle = " · ".join(s for s in (section.subtitle, KEPT_NOTE) if s)
    workbook = briefing.write_tables_workbook(reports=tables["reports"])
    briefing.write_briefing(sections, **notices)
    figures = sorted(config.FIGURES_DIR.glob("*.png"))
    if any(section.failed for section in sections) and not any(section.notebooks for section in sections):  # every run failed (each said above, and in the briefing)
        return 1, "no notebook ran to the end: {html} says which failed and why; no figures or tables were written"
    if workbook is None or not figures:  # the notebooks wrote elsewhere (another install's paths) or nothing
        return 1, (f"the notebooks wrote no {'tables' if workbook is None else 'figures'} into {{reports}}; "
                   f"check that their Python imports this project's package (python -m pip install -e .)")
    return status, None


def _cmd_template(args) -> int:
    from analysis.interpret.workbook import write_template

    try:
        path = write_template(args.path, force=args.force)
    except (ValueError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {args.path}: cannot write the workbook ({exc.strerror or exc})", file=sys.stderr)
        return 1
    print(f"wrote {path}: fill in one report per workbook (or several, one report_id each) and put it in data/raw/")
    return 0


def _sub(sub, name: str, summary: str, description: str, example: str) -> argparse.ArgumentParser:
    """A subcommand whose --help has a description and an example."""
    return sub.add_parser(name, help=summary, description=description, epilog=f"example:\n  {example}",
                          formatter_class=argparse.RawDescriptionHelpFormatter)


def _build_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--raw", type=Path, default=config.RAW_DATA_DIR, help="folder of reports (default: data/raw)")
    p.add_argument("--out", type=Path, default=config.PROCESSED_DATA_DIR, help="tables folder (default: data/processed)")
    p.add_argument("--lineage", type=Path, default=config.LINEAGE_FILE, help="program lineage decisions (default: data/manual/program_lineage.csv)")
    p.add_argument("--no-cache", action="store_true", help="re-parse every file (default: files unchanged since the last build come from data/interim/)")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis", description="Korean district work reports (주요업무 보고) into checked tables and a briefing.",
        epilog="example:\n  python -m analysis report      # make run: tables, notebooks, reports/briefing.html",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = _sub(sub, "build", "parse every report in data/raw/ and write data/processed/",
             "Read every report in --raw (text reports and filled-in workbooks), check their arithmetic and write the\n"
             "contract's tables to --out: one CSV per table and report_tables.xlsx, with changes.md against the last build.\n"
             "Exit status 1 if a report cannot be read or has an error finding.",
             "python -m analysis build --raw data/raw --out data/processed")
    _build_args(p)
    p.set_defaults(func=_cmd_build)
    p = _sub(sub, "report", "build, run every notebook, write reports/ (figures, tables, briefing.html)",
             "Build the tables, run the notebooks (one section per report, trends across years first) and write\n"
             "reports/: briefing.html (opens without a network), figures (PNG + SVG), briefing_tables.xlsx.",
             "python -m analysis report --report-id 영등포구_비전협력과_2022")
    _build_args(p)
    p.add_argument("--report-id", default=None, help="show one report (default: every report)")
    p.set_defaults(func=_cmd_report)
    p = _sub(sub, "template", "write an empty workbook to type a report into (the Excel route)",
             "Write an empty .xlsx with one sheet per table (Korean and English headers, input checks) to type a\n"
             "report into; put the filled-in file in data/raw/. An existing file is never overwritten without --force.",
             "python -m analysis template 마포구_일자리정책과_2023.xlsx")
    p.add_argument("path", type=Path, help="the .xlsx to write")
    p.add_argument("--force", action="store_true", help="overwrite the file if it exists")
    p.set_defaults(func=_cmd_template)
    p = _sub(sub, "check", "print a report's findings",
             "Read each file (text report or workbook) and print its findings: errors and warnings, each with the\n"
             "line of a text report or the sheet and row of a workbook. Exit status 1 if any has an error.",
             "python -m analysis check data/raw/yeongdeungpo_vision-cooperation_2022.txt --all")
    p.add_argument("files", nargs="+", type=Path, help="report files (.txt, .xlsx …)")
    p.add_argument("--all", action="store_true", help="also show info findings")
    p.set_defaults(func=_cmd_check)
    return parser


def interrupted_message(args) -> str:
    """What a command stopped by Ctrl-C leaves: a build publishes whole or not at all."""
    if args.command not in ("build", "report"):
        return "interrupted (Ctrl-C)"
    said = (f"interrupted (Ctrl-C): the tables in {args.out} are those of the last build that finished, whole "
            "(a build publishes nothing until it is done)")
    if args.command == "report":
        return said + (f"; {config.REPORTS_DIR} keeps the outputs of the last report that finished, whole "
                       "(a report job publishes nothing until it is done)")
    return said + ": run the build again"


def main(argv: list[str] | None = None) -> int:
    try:
        args = make_parser().parse_args(argv)
    except KeyboardInterrupt:
        print("\ninterrupted (Ctrl-C)", file=sys.stderr)
        return 130
    try:
        return args.func(args)
    except KeyboardInterrupt:  # Ctrl-C: what is left, not a traceback
        print(f"\n{interrupted_message(args)}", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the output piped into a reader that stopped (| head): no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python's final flush goes nowhere
        return 1
