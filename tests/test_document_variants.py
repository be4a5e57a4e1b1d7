"""Layout variants of the bundled report that the line-based parser misread: each now gives the
exact tables (or one error naming the place), read through the document model.

Each test writes a variant of the bundled report (or of another text format of it) and asserts
the tables it builds into, the findings that say what was done, and the share of numbers read.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd
import pytest

import analysis
from analysis import ReportError
from analysis.read import read_path
from analysis.read.document import Table
from conftest import REPORT_ID, REPORT_PATH, variant
from convert import to_html, to_markdown

TEXT = REPORT_PATH.read_text(encoding="utf-8")
PROVENANCE = ("source_line", "source_loc", "source_file", "source_format", "source_sha256")
IDS = ("report_id", "to_report_id")

BUDGET_HEADER = "단위사업명\t예 산 액\t집 행 액\t집행률(%) (10. 31.기준)"
TOTAL_ROW = "계\t1,070,404\t623,784\t58.3"
UNIT_ROWS = [
    "대외교류 활성화\t198,888\t90,527\t45.5",
    "건강특구 활성화\t10,000\t10,000\t100",
    "국제금융특구 활성화\t190,400\t102,920\t54.1",
    "의료관광 활성화\t487,492\t258,672\t53.1",
    "기본경비\t83,624\t61,665\t73.7",
    "내부거래지출 (기금전출금)\t100,000\t100,000\t100",
]
BUDGET_TABLE = "\n".join([BUDGET_HEADER, TOTAL_ROW, *UNIT_ROWS])
UNITS = [("대외교류 활성화", 198888, 90527), ("건강특구 활성화", 10000, 10000), ("국제금융특구 활성화", 190400, 102920),
         ("의료관광 활성화", 487492, 258672), ("기본경비", 83624, 61665), ("내부거래지출 (기금전출금)", 100000, 100000)]


def load(tmp_path, text: str, name: str = "variant.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return analysis.load_report(path)


def units(report) -> list[tuple]:
    return [(r.unit, int(r.budget), int(r.executed)) for r in report.tables["budget_units"].itertuples()]


def coverage(report) -> tuple[int, int]:
    f = report.findings
    row = f[(f["check"] == "coverage") & (f["severity"] == "info")].iloc[0]
    return int(row["expected"]), int(row["actual"])


def errors(report) -> list[str]:
    f = report.findings
    return f[f["severity"] == "error"]["message"].tolist()


def same_tables(a, b, skip=(), ignore=()) -> None:
    for name in a.tables:
        if name in skip:
            continue
        left = a.tables[name].drop(columns=[c for c in (*PROVENANCE, *ignore) if c in a.tables[name].columns])
        right = b.tables[name].drop(columns=[c for c in (*PROVENANCE, *ignore) if c in b.tables[name].columns])
        pd.testing.assert_frame_equal(left, right, obj=name)


@pytest.fixture(scope="module")
def bundled():
    return analysis.load_report(REPORT_PATH)


class TestPageBreaks:
    def test_footer_inside_the_budget_table_with_the_total_last(self, tmp_path, bundled):
        table = "\n".join([BUDGET_HEADER, *UNIT_ROWS[:3], "", "- 3 -", "", *UNIT_ROWS[3:], TOTAL_ROW])
        report = load(tmp_path, variant(TEXT, (BUDGET_TABLE, table)))
        assert units(report) == UNITS
        assert errors(report) == []
        assert coverage(report) == (144, 144)  # the page number is furniture, not a number of the report

    def test_footer_inside_the_budget_table_without_a_total(self, tmp_path):
        table = "\n".join([BUDGET_HEADER, *UNIT_ROWS[:2], "- 3 -", *UNIT_ROWS[2:]])
        report = load(tmp_path, variant(TEXT, (BUDGET_TABLE, table)))
        assert units(report) == UNITS
        f = report.findings
        assert f[f["check"] == "budget_total"]["severity"].tolist() == ["info"]  # no 계 row to check, said so
        assert coverage(report) == (141, 141)

    def test_header_repeated_after_the_page_number(self, tmp_path):
        table = "\n".join([BUDGET_HEADER, TOTAL_ROW, *UNIT_ROWS[:4], "", "- 3 -", "", BUDGET_HEADER, *UNIT_ROWS[4:]])
        report = load(tmp_path, variant(TEXT, (BUDGET_TABLE, table)))
        assert units(report) == UNITS and errors(report) == []
        assert report.tables["budget_units"]["as_of"].unique().tolist() == ["2022-10-31"]
        assert coverage(report) == (144, 144)

    def test_header_repeated_inside_the_rows(self, tmp_path):
        """A text extraction keeps both pages' rows together, the second page's header among them."""
        table = "\n".join([BUDGET_HEADER, TOTAL_ROW, *UNIT_ROWS[:3], BUDGET_HEADER, *UNIT_ROWS[3:]])
        report = load(tmp_path, variant(TEXT, (BUDGET_TABLE, table)))
        assert units(report) == UNITS and errors(report) == []

    def test_the_document_sets_the_furniture_aside(self, tmp_path):
        table = "\n".join([BUDGET_HEADER, TOTAL_ROW, *UNIT_ROWS[:4], "- 3 -", BUDGET_HEADER, *UNIT_ROWS[4:]])
        path = tmp_path / "v.txt"
        path.write_text(variant(TEXT, (BUDGET_TABLE, table)), encoding="utf-8")
        doc = read_path(path)
        assert [p.text for p in doc.furniture] == ["- 3 -", " | ".join(c.strip() for c in BUDGET_HEADER.split("\t"))]
        budget = [b for b in doc.blocks if isinstance(b, Table) and b.rows()[0][0].text == "단위사업명"]
        assert len(budget) == 1 and budget[0].n_rows == 8


class TestProgramBudgetRows:
    ORIGINAL = "예 산 액\t집 행 액\t집행률(%)\n391,300 (구비 391,300)\t173,792 (구비 173,792)\t44.4"
    TWO_ROWS = ("구 분\t예 산 액\t집 행 액\t집행률(%)\n본예산\t300,000 (구비 300,000)\t120,000 (구비 120,000)\t40.0\n"
                "추 경\t391,300 (구비 391,300)\t173,792 (구비 173,792)\t44.4")

    def test_every_row_kept_and_the_last_used(self, tmp_path):
        report = load(tmp_path, variant(TEXT, (self.ORIGINAL, self.TWO_ROWS)))
        rows = report.tables["program_budget_rows"]
        five = rows[(rows["stage"] == "actual") & (rows["program_no"] == 5)]
        assert five[["row_label", "budget", "executed", "rate", "final"]].values.tolist() == [
            ["본예산", 300000, 120000, 40.0, False], ["추 경", 391300, 173792, 44.4, True]]
        p = report.tables["programs"]
        (five_program,) = p[(p["stage"] == "actual") & (p["program_no"] == 5)].to_dict("records")
        assert (five_program["budget"], five_program["executed"], five_program["unit"]) == (391300, 173792, "의료관광 활성화")
        f = report.findings
        (used,) = f[f["check"] == "program_budget_rows"].to_dict("records")
        assert "마지막 행(추 경)" in used["message"] and used["actual"] == "2 rows"
        assert errors(report) == []
        assert len(rows) == 11 + 1  # every program one row, program 5 two

    def test_a_wrong_rate_in_the_first_row_is_an_error(self, tmp_path):
        report = load(tmp_path, variant(TEXT, (self.ORIGINAL, self.TWO_ROWS.replace("\t40.0", "\t41.0"))))
        assert any("41.0" in m for m in errors(report))


class TestMoneyUnit:
    @staticmethod
    def in_won(text: str) -> str:
        table = "\n".join([BUDGET_HEADER] + [re.sub(r"\t([\d,]+)\t([\d,]+)\t", r"\t\1,000\t\2,000\t", row) for row in [TOTAL_ROW, *UNIT_ROWS]])
        return variant(text, (BUDGET_TABLE, table))

    def test_unit_on_the_heading_line(self, tmp_path):
        text = variant(self.in_won(TEXT), ("4 예 산 현 황\n\n(단위: 천원)\n", "4 예 산 현 황 (단위: 원)\n\n"))
        report = load(tmp_path, text)
        assert units(report) == UNITS
        assert report.tables["reports"]["money_unit"].tolist() == ["원"]

    def test_unit_in_a_note_under_the_table(self, tmp_path):
        text = self.in_won(TEXT)
        text = variant(text, ("4 예 산 현 황\n\n(단위: 천원)\n", "4 예 산 현 황\n\n"), ("내부거래지출 (기금전출금)\t100,000,000\t100,000,000\t100\n", "내부거래지출 (기금전출금)\t100,000,000\t100,000,000\t100\n※ 단위: 원\n"))
        report = load(tmp_path, text)
        assert units(report) == UNITS and errors(report) == []

    def test_unit_in_a_header_cell(self, tmp_path):
        text = variant(self.in_won(TEXT), ("4 예 산 현 황\n\n(단위: 천원)\n", "4 예 산 현 황\n\n"), ("예 산 액\t집 행 액\t집행률(%) (10. 31.기준)", "예 산 액(원)\t집 행 액(원)\t집행률(%) (10. 31.기준)"))
        assert units(load(tmp_path, text)) == UNITS

    def test_two_different_units_for_one_table(self, tmp_path):
        text = variant(TEXT, ("내부거래지출 (기금전출금)\t100,000\t100,000\t100\n", "내부거래지출 (기금전출금)\t100,000\t100,000\t100\n※ 단위: 원\n"))
        with pytest.raises(ReportError) as e:
            load(tmp_path, text)
        assert e.value.line == 54 and "'천원' at line 44" in str(e.value) and "'원'" in str(e.value)


class TestFiguresInText:
    @pytest.mark.parametrize("printed", ["3, 224명", "3，224명", "３,２２４명", "３，２２４명"])
    def test_spaced_and_full_width_digits_are_one_number(self, tmp_path, printed):
        report = load(tmp_path, variant(TEXT, ("40회 3,224명", f"40회 {printed}")))
        m = report.tables["metrics"]
        assert m[(m["program_no"] == 4) & (m["unit"] == "명")]["value"].tolist() == [3224]
        assert coverage(report) == (144, 144)

    def test_a_figure_that_cannot_be_one_number_is_named_not_misread(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("40회 3,224명", "40회 3 224명")))
        m = report.tables["metrics"]
        assert 224 not in m["value"].tolist() and 3224 not in m["value"].tolist()
        f = report.findings
        (w,) = f[(f["check"] == "coverage") & (f["severity"] == "warning")].to_dict("records")
        assert w["expected"] == "3 224명" and w["source_line"] == 189
        assert coverage(report) == (144, 143)

    def test_full_width_grades(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("\t\t4급\t5급\t6급", "\t\t４급\t５급\t６급")))
        assert report.tables["staffing"]["grade"].tolist()[:3] == ["4급", "5급", "6급"]


class TestTableOfContents:
    def test_a_team_column_before_the_name(self, tmp_path, bundled):
        toc = TEXT[TEXT.index("연번\t사 업 명\t쪽\n①"):TEXT.index("1 국내·외 도시교류 네트워크 확대\n\n대외협력팀")]
        teams = ["대외협력팀", "대외협력팀", "국제금융특구팀", "국제금융특구팀", "의료특구팀", "의료특구팀", "건강특구팀"]
        rows = toc.strip().split("\n")
        new = ["연번\t담당팀\t사 업 명\t쪽"] + [f"{r.split(chr(9))[0]}\t{t}\t{chr(9).join(r.split(chr(9))[1:])}" for r, t in zip(rows[1:], teams)]
        report = load(tmp_path, variant(TEXT, (toc, "\n".join(new) + "\n\n")))
        p = report.tables["programs"]
        actual = p[p["stage"] == "actual"]
        assert actual["program"].tolist() == bundled.tables["programs"].query("stage == 'actual'")["program"].tolist()
        assert actual["team"].tolist() == teams
        f = report.findings
        assert not (f["check"] == "team_inferred").any() or set(f[f["check"] == "team_inferred"]["subject"].str.split().str[0]) == {"plan"}


class TestSecondBudgetTable:
    SECOND = ("\n\n○ 특별회계\n\n(단위: 천원)\n\n단위사업명\t예 산 액\t집 행 액\t집행률(%)\n계\t50,000\t20,000\t40.0\n"
              "주차장 특별회계 운영\t50,000\t20,000\t40.0\n")

    def test_read_with_its_account(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("내부거래지출 (기금전출금)\t100,000\t100,000\t100\n", "내부거래지출 (기금전출금)\t100,000\t100,000\t100\n" + self.SECOND)))
        b = report.tables["budget_units"]
        assert b[["account", "unit", "budget", "executed"]].values.tolist()[-2:] == [
            ["일반회계", "내부거래지출 (기금전출금)", 100000, 100000], ["특별회계", "주차장 특별회계 운영", 50000, 20000]]
        assert errors(report) == [] and coverage(report) == (150, 150)

    def test_its_total_is_checked_on_its_own(self, tmp_path):
        second = self.SECOND.replace("계\t50,000", "계\t55,000")
        report = load(tmp_path, variant(TEXT, ("내부거래지출 (기금전출금)\t100,000\t100,000\t100\n", "내부거래지출 (기금전출금)\t100,000\t100,000\t100\n" + second)))
        (e,) = report.findings.query("check == 'budget_total'").to_dict("records")
        assert (e["severity"], e["expected"], e["actual"]) == ("error", "50,000", "55,000")


class TestFacilities:
    def test_a_facilities_table(self, tmp_path):
        table = "시설명\t위치\t규모\t비고\n의료관광 안내센터\t영등포구 당산로 123\t85㎡\t2021년 개소\n"
        report = load(tmp_path, variant(TEXT, (": 해당없음\n", table)))
        assert report.tables["facilities"][["facility", "location", "size", "note"]].values.tolist() == [["의료관광 안내센터", "영등포구 당산로 123", "85㎡", "2021년 개소"]]
        assert coverage(report) == (147, 147)

    def test_none(self, bundled):
        assert len(bundled.tables["facilities"]) == 0


class TestOtherTextFormats:
    @pytest.mark.parametrize("convert,suffix,fmt", [(to_markdown, ".md", "markdown"), (to_html, ".html", "html")])
    def test_the_whole_report(self, tmp_path, bundled, convert, suffix, fmt):
        report = load(tmp_path, convert(TEXT), "report" + suffix)
        same_tables(report, bundled)
        assert report.tables["reports"]["source_format"].tolist() == [fmt]
        assert coverage(report) == (144, 144)

    def test_html_keeps_the_merged_staffing_header(self, tmp_path):
        path = tmp_path / "r.html"
        path.write_text(to_html(TEXT), encoding="utf-8")
        staffing = next(b for b in read_path(path).blocks if isinstance(b, Table) and b.rows()[0][0].text == "구 분")
        first = staffing.rows()[0]
        assert [(c.text, c.rowspan, c.colspan) for c in first] == [
            ("구 분", 2, 1), ("계", 2, 1), ("일 반 직", 1, 6), ("관리운영직", 1, 4), ("별정직·임기제", 1, 4)]


class TestLocalGovernments:
    @pytest.mark.parametrize("cover,district", [
        ("제280회 양평군의회 제2차 정례회", "양평군"), ("제310회 강릉시의회 제2차 정례회", "강릉시"),
        ("제315회 서울특별시의회 제2차 정례회", "서울특별시"), ("제370회 경기도의회 제2차 정례회", "경기도"),
    ])
    def test_district_from_the_cover(self, tmp_path, cover, district):
        report = load(tmp_path, variant(TEXT, ("제241회 구의회 제2차 정례회", cover)))
        assert report.report_id == f"{district}_비전협력과_2022"
        assert report.tables["reports"]["district"].tolist() == [district]

    @pytest.mark.parametrize("council,place,district", [
        ("군의회", "임실", "임실군"),  # a place ending in 실 (as 기획실 does): read as the place, not skipped for '보고 순서'
        ("시의회", "의정부", "의정부시"),
    ])
    def test_a_council_named_by_its_kind_and_the_place_on_the_slogan(self, tmp_path, council, place, district):
        report = load(tmp_path, variant(TEXT, ("제241회 구의회", f"제241회 {council}"), ("희망 행복 미래도시 영등포", f"희망 행복 미래도시 {place}")))
        assert report.report_id == f"{district}_비전협력과_2022"

    def test_a_district_office(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("제241회 구의회 제2차 정례회", "제241회 정례회"), ("희망 행복 미래도시 영등포", "부산광역시 해운대구청")))
        assert report.report_id == "해운대구_비전협력과_2022"

    def test_the_bundled_cover(self, bundled):
        """'제241회 구의회' names no place: the slogan line '… 영등포' with 구의회 gives 영등포구."""
        assert bundled.report_id == REPORT_ID

    def test_no_local_government_on_the_cover(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("제241회 구의회 제2차 정례회", "제241회 정례회")))
        assert report.report_id == "미상_비전협력과_2022"
        assert "district" in report.findings.query("severity == 'warning'")["check"].tolist()


class TestBooklet:
    def test_two_departments_in_one_file(self, tmp_path, bundled):
        second = variant(TEXT, ("비전 협력과", "미래 전략과"))
        path = tmp_path / "booklet.txt"
        path.write_text(TEXT + "\n\n" + second, encoding="utf-8")
        reports = analysis.store.build.load_reports(path)
        assert [r.report_id for r in reports] == [REPORT_ID, "영등포구_미래전략과_2022"]
        for r in reports:
            same_tables(r, bundled, skip=("reports",), ignore=IDS)
            assert coverage(r) == (144, 144)
        assert reports[1].tables["budget_units"]["source_line"].tolist()[0] == 451 + 48  # its own lines, counted in the booklet
        with pytest.raises(ReportError, match="load_reports"):
            analysis.load_report(path)


class TestBadTables:
    def test_a_budget_table_whose_header_is_not_known(self, tmp_path):
        with pytest.raises(ReportError) as e:
            load(tmp_path, variant(TEXT, (BUDGET_HEADER, "항목\t금액1\t금액2\t비율")))
        assert e.value.line == 46 and "budget table header" in str(e.value) and "금액1" in str(e.value)

    def test_a_program_table_whose_header_is_not_known(self, tmp_path):
        with pytest.raises(ReportError) as e:
            load(tmp_path, variant(TEXT, ("예산액\t집행액\t집행률(%)\n38,500", "금액\t사용\t비율\n38,500")))
        assert e.value.line == 141 and "예산현황" in str(e.value)

    def test_not_a_report(self, tmp_path):
        with pytest.raises(ReportError) as e:
            load(tmp_path, "| 이름 | 값 |\n|---|---|\n| 가 | 1 |\n", "note.md")
        assert "I. 일반현황" in str(e.value) and e.value.source == "note.md"


def test_amounts_stay_exact(bundled):
    assert bundled.tables["budget_units"]["budget"].sum() == 1_070_404
    assert Decimal(str(bundled.tables["budget_units"]["rate"].iloc[0])) == Decimal("45.5")
