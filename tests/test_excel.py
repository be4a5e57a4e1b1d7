"""The Excel route (analysis.excel): the template, a filled template read back and checked, a
build's report_tables.xlsx read back unchanged, and bad workbooks as ReportError."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import zipfile

import openpyxl
import pandas as pd
import pytest

import analysis
from analysis.errors import ReportError
from analysis.interpret.workbook import TEMPLATE_TABLES, load_workbook_reports, write_template
from analysis.store.contract import SCHEMA, frame
from conftest import REPORT_ID, REPORT_PATH
from workbooks import JOBS, RID, fill

def one(path) -> dict[str, pd.DataFrame]:
    [report] = load_workbook_reports(path)
    return report.tables


def records(df: pd.DataFrame, columns: list[str]) -> list[tuple]:
    return [tuple(None if pd.isna(v) else v for v in row) for row in df[columns].itertuples(index=False)]


@pytest.fixture(scope="module")
def wb(tmp_path_factory):
    return openpyxl.load_workbook(write_template(tmp_path_factory.mktemp("t") / "template.xlsx"))


@pytest.fixture(scope="module")
def jobs(tmp_path_factory):
    return fill(tmp_path_factory.mktemp("jobs") / "jobs.xlsx", JOBS)


@pytest.fixture(scope="module")
def tables(jobs):
    return one(jobs)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The bundled report built, and its report_tables.xlsx built alone."""
    tmp = tmp_path_factory.mktemp("roundtrip")
    first = analysis.build(_raw_copy(tmp), tmp / "out")
    (tmp / "raw2").mkdir()
    shutil.copy(tmp / "out" / "report_tables.xlsx", tmp / "raw2")
    second = analysis.build(tmp / "raw2", tmp / "out2")
    return first, second


def _raw_copy(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(REPORT_PATH, raw)
    return raw


class TestWriteTemplate:
    def test_sheets_and_both_header_rows(self, wb):
        assert TEMPLATE_TABLES == ["reports", "teams", "staffing", "facilities", "budget_units", "budget_unit_funding", "programs", "program_funding", "metrics", "partner_cities"]
        assert wb.sheetnames == ["안내", *TEMPLATE_TABLES]
        assert "findings" not in wb.sheetnames
        for name in TEMPLATE_TABLES:
            ws = wb[name]
            english = [c.value for c in ws[2]]
            assert english == [c for c in SCHEMA[name] if c not in ("source_loc", "source_format")], name  # where it came from: filled in on reading
            korean = [c.value for c in ws[1]]
            assert len(korean) == len(english) and all(korean), name
            assert ws.freeze_panes == "A3"
            assert ws.max_row == 2  # no data rows
        assert [c.value for c in wb["budget_units"][1]] == ["보고서", "회계(일반회계·특별회계·기금)", "단위사업", "예산(천원)", "집행(천원)", "집행률(%)", "기준일", "원문 행"]
        assert [c.value for c in wb["metrics"][1]][4:7] == ["단위(명·회 등)", "종류(result 실적 등 9가지, 안내 시트)", "내용"]
        assert [c.value for c in wb["reports"][1]][:4] == ["보고서", "지방자치단체", "부서", "연도"]

    def test_guide_sheet(self, wb):
        text = "\n".join(str(c.value) for c in wb["안내"]["A"] if c.value)
        for needle in ("천원", "report_id", "source_line", "엑셀 행 번호", "여러 보고서", "data/raw/", "make run"):
            assert needle in text, needle
        # every kind a build writes is named, with its meaning (the guide had named 4 of 9)
        assert "metrics의 kind는 result(실적), rate(단위당 비율), target(목표·기준), stock(현황(누적)), change(증감), range(범위), part(내역(합계의 일부)), earlier(이전·다른 연도(비교)), whole(모수(신청·대상·연인원)) 중 하나입니다." in text

    def test_validations(self, wb):
        def kinds(ws):
            out = {}
            for dv in ws.data_validations.dataValidation:
                assert dv.error and dv.prompt and dv.showErrorMessage, dv.sqref
                for rng in dv.sqref.ranges:
                    assert (rng.min_row, rng.max_row) == (3, 1000)
                    out[ws.cell(row=2, column=rng.min_col).value] = (dv.type, dv.formula1)
            return out

        budget = kinds(wb["budget_units"])
        assert budget["budget"][0] == budget["executed"][0] == "decimal"
        assert budget["rate"][0] == "decimal"
        assert budget["source_line"][0] == "whole"
        assert budget["as_of"][0] == "date"
        assert "unit" not in budget and "report_id" not in budget  # text: no check
        programs = kinds(wb["programs"])
        assert programs["stage"] == ("list", '"actual,plan"')
        assert {c: programs[c][0] for c in ("year", "program_no", "budget", "executed", "rate")} == {
            "year": "whole", "program_no": "whole", "budget": "decimal", "executed": "decimal", "rate": "decimal"}
        assert kinds(wb["partner_cities"])["scope"] == ("list", '"국내,국외"')
        staffing = kinds(wb["staffing"])
        assert {c: staffing[c][0] for c in ("authorized", "current", "gap")} == {"authorized": "whole", "current": "whole", "gap": "whole"}
        reports = kinds(wb["reports"])
        assert {c: reports[c][0] for c in ("year", "plan_year", "session_start", "session_end", "as_of")} == {
            "year": "whole", "plan_year": "whole", "session_start": "date", "session_end": "date", "as_of": "date"}
        # every numeric or date column of every typed table has a check
        for name in TEMPLATE_TABLES:
            checked = kinds(wb[name])
            for col, kind in SCHEMA[name].items():
                if kind != "str" or col in ("session_start", "session_end", "as_of", "stage", "scope"):
                    assert col in checked, (name, col)

    def test_cli(self, tmp_path):
        out = tmp_path / "new" / "template.xlsx"
        proc = subprocess.run([sys.executable, "-m", "analysis", "template", str(out)], capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stdout + proc.stderr
        assert str(out) in proc.stdout
        assert openpyxl.load_workbook(out).sheetnames[1:] == TEMPLATE_TABLES


class TestLoadWorkbookReports:
    def test_types_and_columns(self, tables):
        assert list(tables) == list(SCHEMA)
        for name, df in tables.items():
            assert list(df.columns) == list(SCHEMA[name]), name
            pd.testing.assert_frame_equal(df, frame(df.to_dict("records"), name))
        assert str(tables["budget_units"]["budget"].dtype) == "Int64"
        assert str(tables["budget_units"]["rate"].dtype) == "Float64"

    def test_reports(self, tables, jobs):
        [r] = tables["reports"].to_dict("records")
        assert r == {
            "report_id": RID, "district": "영등포구", "department": "일자리경제과", "year": 2023, "plan_year": 2024, "title": "",
            "session": "제247회 구의회 제2차 정례회", "session_start": "2023-11-20", "session_end": "2023-12-19", "as_of": "2023-10-31",
            "money_unit": "천원", "source_file": "jobs.xlsx", "source_format": "xlsx", "source_sha256": hashlib.sha256(jobs.read_bytes()).hexdigest(),
        }

    def test_teams_staffing(self, tables):
        assert records(tables["teams"], ["team", "duty", "source_line"]) == [
            ("일자리정책팀", "일자리 창출 종합계획 수립", 20),  # given
            ("일자리정책팀", "청년 일자리 사업 운영", 4),  # blank: the Excel row
            ("지역경제팀", "골목상권 활성화", 5),
        ]
        assert records(tables["staffing"], ["grade", "authorized", "current", "gap", "source_line"]) == [
            ("5급", 1, 1, 0, 3), ("6급", 3, 2, -1, 4), ("7급", 2, 3, 1, 5),  # "△1" typed as text
        ]

    def test_budget_units(self, tables):
        assert records(tables["budget_units"], ["report_id", "unit", "budget", "executed", "rate", "as_of", "source_line"]) == [
            (RID, "일자리 창출 지원", 250000, 180500, 72.2, "2023-10-31", 3),
            (RID, "지역경제 활성화", 120000, 90000, 75.0, "2023-10-31", 4),  # "120,000" as text, 90000.0 as float
        ]

    def test_programs_linked_to_unit_projects(self, tables):
        assert records(tables["programs"], ["year", "stage", "program_no", "program", "team", "unit", "budget", "executed", "rate", "source_line"]) == [
            (2023, "actual", 1, "청년 일자리 지원", "일자리정책팀", "일자리 창출 지원", 250000, 180500, 72.2, 3),
            (2023, "actual", 2, "골목상권 활성화", "지역경제팀", "지역경제 활성화", 120000, 90000, 75.0, 4),
            (2024, "plan", 1, "청년 일자리 지원 확대", "일자리정책팀", None, 300000, None, None, 5),
        ]
        p, u = tables["programs"], tables["budget_units"]
        by_unit = p.groupby("unit")["budget"].sum().to_dict()
        assert by_unit == dict(zip(u["unit"], u["budget"])) == {"일자리 창출 지원": 250000, "지역경제 활성화": 120000}

    def test_funding_metrics_partners(self, tables):
        assert records(tables["program_funding"], ["year", "stage", "program_no", "source", "budget", "executed", "source_line"]) == [
            (2023, "actual", 1, "국비", 100000, 80000, 3), (2023, "actual", 1, "구비", 150000, 100500, 4),
            (2023, "actual", 2, "국비", 40000, 30000, 5), (2023, "actual", 2, "구비", 80000, 60000, 6),
            (2024, "plan", 1, "국비", 120000, None, 7), (2024, "plan", 1, "구비", 180000, None, 8),
        ]
        assert records(tables["metrics"], ["year", "program_no", "value", "unit", "label", "source_line"]) == [
            (2023, 1, 320, "명", "청년 취업 지원 — 참여 청년", 41), (2023, 2, 15, "개소", "골목상권 환경 개선", 4),
        ]
        assert tables["partner_cities"].empty and tables["program_lineage"].empty

    def test_findings_only_the_links(self, tables):
        f = tables["findings"]
        assert (f["severity"] != "error").all()
        assert records(f, ["check", "severity", "message", "source_line"]) == [
            ("unit_link", "info", "연결: 일자리 창출 지원 = 1 청년 일자리 지원", 3),
            ("unit_link", "info", "연결: 지역경제 활성화 = 2 골목상권 활성화", 4),
        ]  # no 계 row is required of a typed table: no budget_total finding

    def test_wrong_rate_is_an_error_at_its_excel_row(self, tmp_path):
        tables = one(fill(tmp_path / "rate.xlsx", JOBS, [("programs", 0, "rate", 72.3)]))
        errors = tables["findings"][tables["findings"]["severity"] == "error"]
        assert records(errors, ["check", "subject", "expected", "actual", "source_line"]) == [
            ("rate", "actual 1 청년 일자리 지원", "72.2", "72.3", 3),
        ]
        assert errors["message"].iloc[0] == "실적 1 청년 일자리 지원: 인쇄된 집행률 72.3% ≠ 집행액 ÷ 예산액 = 180,500 ÷ 250,000 = 72.2%"

    def test_funding_that_does_not_add_up(self, tmp_path):
        tables = one(fill(tmp_path / "funding.xlsx", JOBS, [("program_funding", 3, "budget", 70000)]))
        errors = tables["findings"][tables["findings"]["severity"] == "error"]
        assert records(errors, ["check", "subject", "expected", "actual", "source_line"]) == [
            ("funding_sum", "actual 2 골목상권 활성화 예산액", "120,000", "110,000", 4),
        ]

    def test_several_reports_in_one_workbook(self, tmp_path):
        other = "영등포구_일자리경제과_2022"
        data = {**JOBS, "reports": [*JOBS["reports"], {**JOBS["reports"][0], "report_id": other, "year": 2022, "plan_year": 2023}],
                "budget_units": [*JOBS["budget_units"], {"report_id": other, "unit": "일자리 창출 지원", "budget": 200000, "executed": 150000, "rate": 75}]}
        reports = load_workbook_reports(fill(tmp_path / "two.xlsx", data))
        assert [r.report_id for r in reports] == [RID, other]
        assert records(reports[1].tables["budget_units"], ["unit", "budget", "source_line"]) == [("일자리 창출 지원", 200000, 5)]
        assert len(reports[0].tables["budget_units"]) == 2 and len(reports[1].tables["programs"]) == 0


class TestRoundTrip:
    def test_build_output_read_back_gives_the_same_tables(self, builds):
        first, second = builds
        assert not second.failures
        assert [r.path.name for r in second.reports] == ["report_tables.xlsx"]
        for name in SCHEMA:
            pd.testing.assert_frame_equal(second.tables[name], first.tables[name], obj=name)
        f = second.tables["findings"]
        assert len(f) == 33  # the sheet's 33 findings; the recomputed links are exact duplicates
        assert (f["check"] == "program_heading").sum() == 9  # only in the sheet: kept
        assert second.tables["reports"]["source_file"].iloc[0] == "yeongdeungpo_vision-cooperation_2022.txt"

    def test_same_tables_as_the_text_route(self, builds):
        [from_excel] = load_workbook_reports(builds[1].reports[0].path)
        from_text = analysis.load_report(REPORT_PATH)
        assert from_excel.report_id == REPORT_ID
        for name in SCHEMA:
            pd.testing.assert_frame_equal(from_excel.tables[name], from_text.tables[name], obj=name)
        linked = from_excel.tables["programs"].dropna(subset=["unit"])
        assert linked["program_no"].tolist() == [3, 4, 5, 6]


class TestBadWorkbooks:
    def test_text_file_named_xlsx(self, tmp_path):
        path = tmp_path / "report.xlsx"
        path.write_text("주요업무 보고\n", encoding="utf-8")
        with pytest.raises(ReportError) as err:
            load_workbook_reports(path)
        assert (err.value.source, err.value.line, err.value.expected) == ("report.xlsx", 1, "an .xlsx workbook")

    def test_letter_in_a_money_cell(self, tmp_path):
        path = fill(tmp_path / "typo.xlsx", JOBS, [("budget_units", 1, "budget", "12O,000")])
        with pytest.raises(ReportError) as err:
            load_workbook_reports(path)
        e = err.value
        assert (e.source, e.line, e.expected, e.found) == ("typo.xlsx", 4, "a number in sheet budget_units column budget", "'12O,000'")
        assert str(e) == "typo.xlsx:4: expected a number in sheet budget_units column budget, found '12O,000'"

    def test_a_formula_without_its_saved_result(self, tmp_path):
        """A formula in a workbook written by a program (never saved by Excel or LibreOffice) holds
        no result: read for its value it had been 'an empty cell', or none at all where a column
        may be empty (an executed amount lost)."""
        path = fill(tmp_path / "formula.xlsx", JOBS, [("budget_units", 1, "executed", "=D4*0.5")])
        with pytest.raises(ReportError) as err:
            load_workbook_reports(path)
        e = err.value
        assert (e.source, e.line, e.expected) == ("formula.xlsx", 4, "a value in sheet budget_units cell E4")
        assert e.found.startswith("the formula '=D4*0.5' with no saved result; open the workbook in Excel or LibreOffice and save it")

    def test_a_formula_with_its_saved_result_is_read(self, tmp_path):
        """The same formula as Excel saves it (its result beside it): the result is the value."""
        path = fill(tmp_path / "saved.xlsx", JOBS, [("budget_units", 1, "executed", "=D4*0.5")])
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        sheet = next(n for n in parts if n.startswith("xl/worksheets/") and b"D4*0.5" in parts[n])
        parts[sheet] = parts[sheet].replace(b"<f>D4*0.5</f><v></v>", b"<f>D4*0.5</f>").replace(b"<f>D4*0.5</f>", b"<f>D4*0.5</f><v>60000</v>")
        with zipfile.ZipFile(path, "w") as z:
            for n, b in parts.items():
                z.writestr(n, b)
        units = one(path)["budget_units"]
        assert units.iloc[1]["executed"] == 60000  # half of its 120,000

    def test_no_reports_sheet(self, tmp_path):
        path = fill(tmp_path / "noreports.xlsx", JOBS)
        wb = openpyxl.load_workbook(path)
        del wb["reports"]
        wb.save(path)
        with pytest.raises(ReportError, match=r"noreports\.xlsx:1: expected the report template \(a sheet named reports; make one with: python -m analysis template"):
            load_workbook_reports(path)

    def test_sheet_without_english_header(self, tmp_path):
        path = fill(tmp_path / "header.xlsx", JOBS)
        wb = openpyxl.load_workbook(path)
        wb["teams"].delete_rows(2)
        wb.save(path)
        with pytest.raises(ReportError, match=r"header\.xlsx:1: expected a header row with the English column names .* in sheet teams"):
            load_workbook_reports(path)

    def test_row_of_an_unknown_report(self, tmp_path):
        path = fill(tmp_path / "unknown.xlsx", JOBS, [("metrics", 1, "report_id", "마포구_일자리경제과_2023")])
        with pytest.raises(ReportError) as err:
            load_workbook_reports(path)
        assert (err.value.line, err.value.found) == (4, "'마포구_일자리경제과_2023'")
        assert "sheet metrics" in err.value.expected

    def test_check_command_reports_it_without_traceback(self, tmp_path):
        path = tmp_path / "report.xlsx"
        path.write_bytes(b"PK\x03\x04 not really a zip")
        proc = subprocess.run([sys.executable, "-m", "analysis", "check", str(path)], capture_output=True, text=True, check=False)
        assert proc.returncode == 1
        assert "Traceback" not in proc.stdout + proc.stderr
        # (a zip's first bytes and no end: said to be cut short since the fault-injection commit)
        assert "error: report.xlsx:1: expected a whole .xlsx workbook (a zip ending with its central directory), found a workbook cut short" in proc.stderr

    def test_zip_without_a_workbook(self, tmp_path):
        path = tmp_path / "archive.xlsx"
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("hello.txt", "not a workbook")
        with pytest.raises(ReportError, match=r"archive\.xlsx:1: expected an \.xlsx workbook"):
            load_workbook_reports(path)
