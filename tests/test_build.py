"""`python -m analysis build|check`: outputs, summary, exit status, and what survives bad input."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path
import sys

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

import analysis
from analysis.analyse import measures
from analysis.store.contract import SCHEMA, load_tables
from conftest import MINI_PATH, REPORT_ID, REPORT_PATH, TESTS_DIR, variant

FEBRUARY_PATH = TESTS_DIR / "data" / "yeongdeungpo_vision-cooperation_2024_february.txt"


def cli(*args, cwd=None):
    proc = subprocess.run([sys.executable, "-m", "analysis", *map(str, args)], capture_output=True, text=True, cwd=cwd)
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    return proc


@pytest.fixture
def raw(tmp_path):
    d = tmp_path / "raw"
    d.mkdir()
    shutil.copy(REPORT_PATH, d)
    (d / "README.md").write_text("not a report", encoding="utf-8")
    return d


class TestBuild:
    def test_writes_every_table(self, raw, tmp_path):
        out = tmp_path / "out"
        proc = cli("build", "--raw", raw, "--out", out)
        assert proc.returncode == 0, proc.stderr
        assert "reports read: 1 of 1 files" in proc.stdout
        assert "rows per table: reports 1, teams 13, staffing 14, facilities 0, budget_units 6, budget_unit_funding 0, programs 11, program_budget_rows 11, program_funding 13, metrics 28, partner_cities 10, program_lineage 8, findings 33" in proc.stdout
        assert "findings: 0 error, 1 warning, 32 info" in proc.stdout
        for name in SCHEMA:
            data = (out / f"{name}.csv").read_bytes()
            assert data.startswith(b"\xef\xbb\xbf"), name  # UTF-8 with BOM for Excel
            assert data[3:].decode("utf-8").split("\n")[0] == ",".join(SCHEMA[name])
        tables = load_tables(out)
        assert tables["budget_units"]["budget"].sum() == 1_070_404
        assert tables["programs"].loc[tables["programs"]["stage"] == "plan", "budget"].sum() == 329_365

    def test_workbook_has_a_sheet_per_table(self, raw, tmp_path):
        out = tmp_path / "out"
        cli("build", "--raw", raw, "--out", out)
        wb = openpyxl.load_workbook(out / "report_tables.xlsx", read_only=True)
        assert wb.sheetnames == list(SCHEMA)
        rows = list(wb["budget_units"].iter_rows(values_only=True))
        assert rows[0] == tuple(SCHEMA["budget_units"])
        assert rows[1][:5] == (REPORT_ID, "일반회계", "대외교류 활성화", 198888, 90527)

    def test_raw_is_not_written(self, raw, tmp_path):
        before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in raw.iterdir()}
        cli("build", "--raw", raw, "--out", tmp_path / "out")
        assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in raw.iterdir()} == before

    def test_two_reports(self, raw, tmp_path):
        shutil.copy(MINI_PATH, raw)
        result = analysis.build(raw, tmp_path / "out")
        assert result.ok
        assert sorted(result.tables["reports"]["report_id"]) == ["마포구_일자리정책과_2023", REPORT_ID]
        assert result.tables["budget_units"].groupby("report_id")["budget"].sum().to_dict() == {"마포구_일자리정책과_2023": 1_250_500, REPORT_ID: 1_070_404}

    def test_same_report_twice_is_rejected(self, raw, tmp_path):
        shutil.copy(REPORT_PATH, raw / "copy_of_report.txt")
        proc = cli("build", "--raw", raw, "--out", tmp_path / "out")
        assert proc.returncode == 1
        assert (f"yeongdeungpo_vision-cooperation_2022.txt:1: expected a report other than copy_of_report.txt, found the same report ({REPORT_ID}: one report per department and year, a report of its own year's plans apart); "
                "copy_of_report.txt keeps it") in proc.stderr  # a first build: the first file in name order keeps it
        assert load_tables(tmp_path / "out")["reports"]["report_id"].tolist() == [REPORT_ID]


def year_later(text: str, years: int) -> str:
    """The report moved ``years`` later: every year in it (2022, '22) and its session number."""
    text = re.sub(r"(?<!\d)20[12]\d(?!\d)", lambda m: str(int(m.group(0)) + years), text)
    text = re.sub(r"([’'‘])([12]\d)(?!\d)", lambda m: m.group(1) + str(int(m.group(2)) + years), text)
    return text.replace("제241회", f"제{241 + 10 * years}회")


def test_a_february_report_and_the_same_years_later_report_are_two_reports(tmp_path, report_text):
    """February 2024's report (2023's results, 2024's plans) and November 2024's (2024's results,
    2025's plans) of one department: both built, the February one keyed apart (``…_2024_계획``).
    The second in file order had been rejected as 'the same report'."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a_november.txt").write_text(year_later(report_text, 2), encoding="utf-8")
    shutil.copy(FEBRUARY_PATH, raw / "b_february.txt")
    result = analysis.build(raw, tmp_path / "out")
    assert result.ok and not result.failures
    r = result.tables["reports"].sort_values("report_id")
    assert r[["report_id", "year", "plan_year", "session"]].values.tolist() == [
        ["영등포구_비전협력과_2024", 2024, 2025, "제261회 구의회 제2차 정례회"],
        ["영등포구_비전협력과_2024_계획", 2024, 2024, "제252회 구의회 임시회"]]
    p = result.tables["programs"]
    assert p.groupby("report_id")["stage"].value_counts().to_dict() == {
        ("영등포구_비전협력과_2024", "actual"): 7, ("영등포구_비전협력과_2024", "plan"): 4,
        ("영등포구_비전협력과_2024_계획", "actual"): 5, ("영등포구_비전협력과_2024_계획", "plan"): 2}
    # the notebooks and the briefing take them in the order of their sessions, February's first
    assert measures.report_ids(result.tables) == ["영등포구_비전협력과_2024_계획", "영등포구_비전협력과_2024"]


def test_two_local_governments_of_one_name_are_two_districts(tmp_path):
    """광주광역시 북구 and 부산광역시 북구, each cover printing its 시·도: both had been district
    '북구', one report_id, and the second refused as 'the same report' (and, a year apart, one
    department's years, its programs linked across the two)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    gwangju = (TESTS_DIR / "data" / "offices" / "bukgu_jobs-economy_2023.txt").read_text(encoding="utf-8")
    (raw / "gwangju.txt").write_text(gwangju, encoding="utf-8")
    (raw / "busan.txt").write_text(variant(gwangju, ("제289회 광주광역시 북구의회", "제301회 부산광역시북구의회")), encoding="utf-8")
    result = analysis.build(raw, tmp_path / "out")
    assert result.ok and not result.failures
    r = result.tables["reports"].sort_values("report_id")
    assert r[["report_id", "district"]].values.tolist() == [
        ["광주광역시 북구_일자리경제과_2023", "광주광역시 북구"], ["부산광역시 북구_일자리경제과_2023", "부산광역시 북구"]]
    assert measures.own_source_name("부산광역시 북구") == "구비"


class TestBadInputKeepsLastGoodData:
    def test_broken_report_keeps_its_last_good_rows_and_others_build(self, raw, tmp_path, report_text):
        out = tmp_path / "out"
        assert cli("build", "--raw", raw, "--out", out).returncode == 0
        before = load_tables(out)
        # The report is corrected by hand, badly; a second report arrives.
        target = raw / REPORT_PATH.name
        target.write_text(variant(report_text, ("1,070,404", "1,07O,404")), encoding="utf-8")
        shutil.copy(MINI_PATH, raw)
        proc = cli("build", "--raw", raw, "--out", out)
        assert proc.returncode == 1
        assert proc.stderr.strip().splitlines() == [
            "error: yeongdeungpo_vision-cooperation_2022.txt:47: expected a number in column 예산액, found '1,07O,404'"
        ]
        assert f"kept from the last good build: {REPORT_ID}" in proc.stdout
        after = load_tables(out)
        assert sorted(after["reports"]["report_id"]) == ["마포구_일자리정책과_2023", REPORT_ID]
        for name in SCHEMA:
            kept = after[name][after[name]["report_id"] == REPORT_ID].reset_index(drop=True)
            pd.testing.assert_frame_equal(kept, before[name], obj=name)

    def test_empty_and_binary_files(self, raw, tmp_path):
        (raw / "empty.txt").write_bytes(b"")
        (raw / "scan.txt").write_bytes(b"\x00\x01\x02")
        proc = cli("build", "--raw", raw, "--out", tmp_path / "out")
        assert proc.returncode == 1
        assert "error: empty.txt:1: expected a 주요업무 보고 as text, found an empty file" in proc.stderr
        assert "error: scan.txt:1: expected a 주요업무 보고 as text, found binary data (NUL bytes)" in proc.stderr
        assert load_tables(tmp_path / "out")["reports"]["report_id"].tolist() == [REPORT_ID]

    def test_missing_raw_folder(self, tmp_path):
        proc = cli("build", "--raw", tmp_path / "nope", "--out", tmp_path / "out")
        assert proc.returncode == 1 and "expected a folder of report files" in proc.stderr


class TestCheck:
    def test_bundled_report(self):
        proc = cli("check", REPORT_PATH)
        assert proc.returncode == 0
        assert proc.stdout.splitlines()[0] == f"yeongdeungpo_vision-cooperation_2022.txt -> 영등포구 비전협력과 2022 ({REPORT_ID}): 오류 0, 경고 1, 참고 32"
        assert "경고 yeongdeungpo_vision-cooperation_2022.txt:51 [단위사업 연결(집행액)] 의료관광 활성화: 연결된 사업의" in proc.stdout

    def test_wrong_rate_fails(self, tmp_path, report_text):
        bad = tmp_path / "wrong_rate.txt"
        bad.write_text(variant(report_text, ("198,888\t90,527\t45.5", "198,888\t90,527\t46.5")), encoding="utf-8")
        proc = cli("check", bad)
        assert proc.returncode == 1
        assert "오류 wrong_rate.txt:48 [집행률 검산] 단위사업 대외교류 활성화: 인쇄된 집행률 46.5% ≠ 집행액 ÷ 예산액 = 90,527 ÷ 198,888 = 45.5%" in proc.stdout

    def test_unreadable_file(self, tmp_path):
        bad = tmp_path / "minutes.txt"
        bad.write_text("회의록\n", encoding="utf-8")
        proc = cli("check", bad)
        assert proc.returncode == 1
        assert proc.stderr.strip() == "error: minutes.txt:1: expected a 주요업무 보고 with sections 'I. 일반현황' and 'II. 주요업무 추진실적', found no such section heading"

    def test_a_fault_in_the_parser_is_one_line(self, tmp_path, monkeypatch, capsys):
        """A parser fault had printed a traceback (a TypeError, seen once) and stopped at that file."""
        from analysis import cli as cli_module

        def broken(path):
            if Path(path).name == "a.txt":
                raise TypeError("lstrip arg must be None or str")
            return real(path)

        real = cli_module.load_reports
        monkeypatch.setattr(cli_module, "load_reports", broken)
        (tmp_path / "a.txt").write_text("x", encoding="utf-8")
        assert cli_module.main(["check", str(tmp_path / "a.txt"), str(REPORT_PATH)]) == 1
        out, err = capsys.readouterr()
        assert err == ("error: a.txt:1: expected a report this version of the parser can read, found an internal error "
                       "(TypeError: 'lstrip arg must be None or str'); the other files are checked, please report this file\n")
        assert out.startswith(f"{REPORT_PATH.name} -> 영등포구 비전협력과 2022")

    def test_usage_error(self):
        assert cli("frobnicate").returncode == 2


def test_a_folder_of_reports_inside_raw_is_named_not_passed_over(raw, tmp_path):
    """Reports dropped into data/raw/ in a folder of their own (data/raw/2024/…) are not read,
    and the build had said nothing of them: neither failed nor skipped, the year was simply
    absent. The folder is named in the summary; a hidden one (.git) is not."""
    (raw / "2024").mkdir()
    shutil.copy(MINI_PATH, raw / "2024")
    (raw / ".git").mkdir()
    (raw / "notes.csv").write_text("a\n", encoding="utf-8")
    proc = cli("build", "--raw", raw, "--out", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[:3] == [
        "reports read: 1 of 1 files (0 unchanged, from the parse cache)",
        f"  {REPORT_PATH.name} -> {REPORT_ID} (0 error, 1 warning, 32 info)",
        "  skipped, not a report format (.htm .html .hwp .hwpx .markdown .md .pdf .txt .xlsx): notes.csv",
    ]
    assert lines[3] == "  skipped, a folder inside the reports folder (its files are not read: move the reports out of it to build them): 2024/"


def test_ctrl_c_says_what_is_left_without_a_traceback(raw, tmp_path, monkeypatch, capsys):
    """Ctrl-C during a build printed a 30-line KeyboardInterrupt traceback (and, during report,
    each notebook process its kernel client's tracebacks): now one line saying what is left,
    exit status 130."""
    from analysis import cli, config

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    def main(*args):
        try:
            return cli.main(list(args))
        except KeyboardInterrupt:  # (escaping, it would stop the whole test session)
            pytest.fail("KeyboardInterrupt escaped the command")

    monkeypatch.setattr(cli, "build", interrupted)
    out = tmp_path / "out"
    assert main("build", "--raw", str(raw), "--out", str(out)) == 130
    assert capsys.readouterr().err == (f"\ninterrupted (Ctrl-C): the tables in {out} are those of the last build that finished, whole "
                                       "(a build publishes nothing until it is done): run the build again\n")
    assert main("report", "--raw", str(raw), "--out", str(out)) == 130
    assert capsys.readouterr().err.endswith(f"(a build publishes nothing until it is done); {config.REPORTS_DIR} keeps the outputs "
                                            "of the last report that finished, whole (a report job publishes nothing until it is done)\n")
    # A notebook-running process writes its own noise to the kernels' log, not under that line.
    log = tmp_path / "kernels.log"
    proc = subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; from analysis.brief.briefing import _quiet_worker; "
                           f"_quiet_worker(Path({str(log)!r})); print('Task exception was never retrieved', file=sys.stderr)"],
                          capture_output=True, text=True)
    assert proc.stderr == "" and log.read_text() == "Task exception was never retrieved\n"


@pytest.mark.parametrize("module", ["pandas", "numpy", "analysis.errors", "analysis.store.build", "analysis.cli"])
def test_ctrl_c_while_the_command_imports_prints_one_line(module, tmp_path):
    """Ctrl-C in the first second of `python -m analysis ...`, while pandas was imported by the
    package's __init__ (which Python runs before __main__ and its handler), printed a
    KeyboardInterrupt traceback. The interrupt is raised here as the module is imported, the
    command run as `python -m` runs it (runpy)."""
    script = ("import runpy, sys\n"
              "class Stop:\n"
              "    def find_spec(self, name, path=None, target=None):\n"
              f"        if name == {module!r}:\n"
              "            raise KeyboardInterrupt\n"
              "sys.meta_path.insert(0, Stop())\n"
              f"sys.argv = ['analysis', 'check', {str(tmp_path / 'x.txt')!r}]\n"
              "runpy.run_module('analysis', run_name='__main__', alter_sys=True)\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert (proc.returncode, proc.stderr, proc.stdout) == (130, "\ninterrupted (Ctrl-C) before anything was written\n", "")


def test_changes_md_names_the_reports_kept_from_the_last_good_build(raw, tmp_path, report_text):
    """A report whose file breaks keeps its rows from the last good build; the command's output
    said so, but data/processed/ (where analysts look) only said 'No changes': nothing there
    showed that a report's rows were of an earlier version of its file."""
    out = tmp_path / "out"
    shutil.copy(MINI_PATH, raw)
    assert cli("build", "--raw", raw, "--out", out).returncode == 0
    (raw / REPORT_PATH.name).write_text(variant(report_text, ("1,070,404", "1,07O,404")), encoding="utf-8")
    assert cli("build", "--raw", raw, "--out", out).returncode == 1
    assert (out / "changes.md").read_text(encoding="utf-8") == (
        "# Changes since the previous build\n\nNo changes: every table is the same as in the previous build.\n\n"
        "## Kept from the last good build\n\n"
        "These reports' files could not be read this time: their rows are those of the last build that read them, not of the file as it is now.\n\n"
        f"- {REPORT_ID}: yeongdeungpo_vision-cooperation_2022.txt:47: expected a number in column 예산액, found '1,07O,404'\n")
    assert "published: nothing new" in cli("build", "--raw", raw, "--out", out).stdout  # (the same again: the same files)
    (raw / REPORT_PATH.name).write_text(report_text, encoding="utf-8")
    assert cli("build", "--raw", raw, "--out", out).returncode == 0
    assert "Kept from the last good build" not in (out / "changes.md").read_text(encoding="utf-8")


def test_load_report_lets_each_stage_input_go(monkeypatch):
    """On a large report the file's bytes and the document were held until its rows were made,
    under the interpretation's own peak (4.4 MB of report: peak RSS +132 MB, now +127 MB; with
    .tables +145 MB, now +137 MB). The bytes are let go once read, the document once interpreted."""
    import weakref

    import analysis.store.build as B
    from conftest import REPORT_PATH

    freed = []

    class Bytes(bytes):
        def __del__(self):
            freed.append("bytes")

    seen = {}
    read_document, interpret_document, run_checks = B.read_document, B.interpret_document, B.run_checks

    def reading(data, name):
        document = read_document(data, name)
        seen["document"] = weakref.ref(document)
        return document

    def interpreting(document, **kw):
        seen["bytes at interpretation"] = list(freed)
        return interpret_document(document, **kw)

    def checking(report):
        seen["document at checks"] = seen["document"]() is not None
        return run_checks(report)

    monkeypatch.setattr(B, "read_bytes", lambda path: Bytes(REPORT_PATH.read_bytes()))
    monkeypatch.setattr(B, "read_document", reading)
    monkeypatch.setattr(B, "interpret_document", interpreting)
    monkeypatch.setattr(B, "run_checks", checking)
    report = B.load_report(REPORT_PATH)
    assert (seen["bytes at interpretation"], seen["document at checks"]) == (["bytes"], False)
    assert report.report_id == "영등포구_비전협력과_2022"


def test_a_build_from_before_a_column_joined_the_contract(raw, tmp_path, report_text, monkeypatch):
    """The published build was written before reports.title existed (an upgrade): it had been
    'the previous build cannot be read': no change summary, and a broken file's last good rows
    lost. It is read with the column empty: the summary says what the new column holds, and a
    file that breaks keeps its rows."""
    from analysis.store.contract import SCHEMA

    without_title = {c: kind for c, kind in SCHEMA["reports"].items() if c != "title"}
    out = tmp_path / "out"
    with monkeypatch.context() as m:
        m.setitem(SCHEMA, "reports", without_title)  # (the whole dict swapped: a key put back would come last)
        first = analysis.build(raw, out, use_cache=False)  # (a new version's code would not take the cache's rows)
    assert first.ok and "title" not in pq.read_schema(out / "current" / "reports.parquet").names
    # read as it is (a notebook on tables an earlier version built): the title empty, not refused
    before = load_tables(out)["reports"]
    assert before["report_id"].tolist() == [REPORT_ID] and before["title"].isna().all()
    again = analysis.build(raw, out, use_cache=False)
    assert again.ok and not [w for w in again.warnings if "previous build" in w]
    changes = (out / "changes.md").read_text(encoding="utf-8")
    assert "title" in changes and "2022년 주요업무 보고" in changes
    # the upgrade meets a broken file: its rows are the last good build's (title empty)
    old = tmp_path / "old"
    with monkeypatch.context() as m:
        m.setitem(SCHEMA, "reports", without_title)  # (the whole dict swapped: a key put back would come last)
        assert analysis.build(raw, old, use_cache=False).ok
    (raw / REPORT_PATH.name).write_text(variant(report_text, ("1,070,404", "1,07O,404")), encoding="utf-8")
    kept = analysis.build(raw, old, use_cache=False)
    assert not kept.ok and not [w for w in kept.warnings if "previous build" in w]
    tables = load_tables(old)
    assert tables["reports"]["report_id"].tolist() == [REPORT_ID] and tables["reports"]["title"].isna().all()
    assert int(tables["budget_units"]["budget"].sum()) == 1_070_404
