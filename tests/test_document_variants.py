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
from analysis.analyse import measures
from analysis.read import read_path
from analysis.read.document import Table
from conftest import REPORT_ID, REPORT_PATH, TESTS_DIR, unread_numbers, variant
from convert import to_html, to_markdown

TEXT = REPORT_PATH.read_text(encoding="utf-8")
LAYOUTS = TESTS_DIR / "data" / "layouts"
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


def bundled_metrics() -> list:
    return analysis.load_report(REPORT_PATH).tables["metrics"]["value"].tolist()


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
        assert coverage(report) == (146, 146)  # the page number is furniture, not a number of the report

    def test_footer_inside_the_budget_table_without_a_total(self, tmp_path):
        table = "\n".join([BUDGET_HEADER, *UNIT_ROWS[:2], "- 3 -", *UNIT_ROWS[2:]])
        report = load(tmp_path, variant(TEXT, (BUDGET_TABLE, table)))
        assert units(report) == UNITS
        f = report.findings
        assert f[f["check"] == "budget_total"]["severity"].tolist() == ["info"]  # no 계 row to check, said so
        assert coverage(report) == (143, 143)

    def test_header_repeated_after_the_page_number(self, tmp_path):
        table = "\n".join([BUDGET_HEADER, TOTAL_ROW, *UNIT_ROWS[:4], "", "- 3 -", "", BUDGET_HEADER, *UNIT_ROWS[4:]])
        report = load(tmp_path, variant(TEXT, (BUDGET_TABLE, table)))
        assert units(report) == UNITS and errors(report) == []
        assert report.tables["budget_units"]["as_of"].unique().tolist() == ["2022-10-31"]
        assert coverage(report) == (146, 146)

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


    P1 = "□ 예산현황\n\n(단위: 천원)\n\n예 산 액\t집 행 액\t집행률(%)\n109,588 (구비 109,588)\t33,184 (구비 33,184)\t30.3"
    P2 = "□ 예산현황\n\n(단위: 천원)\n\n예산액\t집행액\t집행률(%)\n38,500 (시 20,000, 구비 18,500)\t28,750 (시 20,000, 구비 8,750)\t74.7"

    def test_a_caption_beside_two_page_numbers_is_no_running_head(self, tmp_path, bundled):
        """'(단위: 원)' at the top of two pages (after '- 4 -' and '- 5 -'), over the tables of
        programs 1 and 2: it had been set aside as a running head, and their amounts read in the
        report's 천원, 1,000 times too large, with no error and 100% read."""
        in_won = [
            self.P1.replace("□ 예산현황\n\n(단위: 천원)", "□ 예산현황\n\n- 4 -\n\n(단위: 원)").replace("109,588", "109,588,000").replace("33,184", "33,184,000"),
            "□ 예산현황\n\n- 5 -\n\n(단위: 원)\n\n예산액\t집행액\t집행률(%)\n"
            "38,500,000 (시 20,000,000, 구비 18,500,000)\t28,750,000 (시 20,000,000, 구비 8,750,000)\t74.7",
        ]
        report = load(tmp_path, variant(TEXT, (self.P1, in_won[0]), (self.P2, in_won[1])))
        same_tables(report, bundled, skip=("findings",))
        assert errors(report) == []

    def test_a_list_item_at_the_foot_of_two_pages_is_no_running_head(self, tmp_path, bundled):
        """The same item line at the foot of two pages: it had been set aside (its figures lost,
        100% read). It is the report's text: program 2's is read (program 1's falls in its
        향후계획, read as words)."""
        report = load(tmp_path, variant(TEXT, (self.P1, "- 홍보물 배포: 500부\n\n- 4 -\n\n" + self.P1), (self.P2, "- 홍보물 배포: 500부\n\n- 5 -\n\n" + self.P2)))
        before = bundled.tables["metrics"].query("unit == '부' and value == 500")["program_no"].tolist()
        assert sorted(report.tables["metrics"].query("unit == '부' and value == 500")["program_no"].tolist()) == sorted([*before, 2])
        assert coverage(report) == (147, 147)
        doc = read_path(tmp_path / "variant.txt")
        assert [p.text for p in doc.furniture] == ["- 4 -", "- 5 -"]


class TestProgramBudgetRows:
    ORIGINAL = "예 산 액\t집 행 액\t집행률(%)\n391,300 (구비 391,300)\t173,792 (구비 173,792)\t44.4"
    TWO_ROWS = ("구 분\t예 산 액\t집 행 액\t집행률(%)\n본예산\t300,000 (구비 300,000)\t120,000 (구비 120,000)\t40.0\n"
                "추 경\t391,300 (구비 391,300)\t173,792 (구비 173,792)\t44.4")

    @pytest.mark.parametrize("label", ["감액 추경", "증액추경(1회)"])
    def test_a_cut_or_raised_supplementary_budget_is_the_final_one(self, tmp_path, label):
        rows = f"구 분\t예 산 액\t집 행 액\t집행률(%)\n본예산\t450,000 (구비 450,000)\t120,000 (구비 120,000)\t26.7\n{label}\t391,300 (구비 391,300)\t173,792 (구비 173,792)\t44.4"
        report = load(tmp_path, variant(TEXT, (self.ORIGINAL, rows)))
        p = report.tables["programs"].query("stage == 'actual' and program_no == 5").iloc[0]
        assert (p["budget"], p["executed"]) == (391300, 173792) and errors(report) == []

    def test_a_row_of_the_change_is_never_the_budget(self, tmp_path):
        """'본예산 | 추경 증감 △91,300': the 증감 row (a difference) had been taken for the 추경
        row, the program's budget stored as △91,300 with an info finding. It is kept as a row;
        the 본예산 row is used, with a warning that the budget after the change is not printed."""
        rows = ("구 분\t예 산 액\t집 행 액\t집행률(%)\n본예산\t300,000 (구비 300,000)\t120,000 (구비 120,000)\t40.0\n"
                "추경 증감\t△91,300\t-\t-")
        report = load(tmp_path, variant(TEXT, (self.ORIGINAL, rows)))
        p = report.tables["programs"].query("stage == 'actual' and program_no == 5").iloc[0]
        assert (p["budget"], p["executed"], p["rate"]) == (300000, 120000, 40.0)
        r = report.tables["program_budget_rows"].query("stage == 'actual' and program_no == 5")
        assert r[["row_label", "budget", "final"]].values.tolist() == [["본예산", 300000, True], ["추경 증감", -91300, False]]
        (f,) = report.findings.query("check == 'program_budget_rows' and subject.str.startswith('actual 5')").to_dict("records")
        assert f["severity"] == "warning" and "추경 증감 행은 차이로만" in f["message"]

    def test_every_row_kept_and_the_final_used(self, tmp_path):
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
        assert "추경·최종 행(추 경)" in used["message"] and used["actual"] == "2 rows" and used["severity"] == "info"
        assert errors(report) == []
        assert len(rows) == 11 + 1  # every program one row, program 5 two

    def test_of_two_budget_columns_the_final_one(self, tmp_path):
        """'예산액(당초) | 예산액(최종)': the first had been taken (당초 for the program's budget)."""
        rows = "예산액(당초)\t예산액(최종)\t집 행 액\t집행률(%)\n450,000\t391,300\t173,792\t44.4"
        report = load(tmp_path, variant(TEXT, (self.ORIGINAL, rows)))
        p = report.tables["programs"].query("stage == 'actual' and program_no == 5").iloc[0]
        assert (p["budget"], p["executed"]) == (391300, 173792) and errors(report) == []
        f = report.findings
        assert f[(f["check"] == "coverage") & (f["severity"] == "warning")]["expected"].tolist() == ["450,000"]

    def test_a_budget_in_force_beside_the_budget(self, tmp_path):
        """'예 산 액 | 예산현액' (the budget in force, 예산액 with what was carried over or changed, which the 집행률 is
        of): the 예산현액 is the program's budget (markers.budget_final_rows), the 예산액 named unread. (It had been the
        error of two budget columns, below.)"""
        report = load(tmp_path, variant(TEXT, (self.ORIGINAL, "예 산 액\t예산현액\t집 행 액\t집행률(%)\n450,000\t391,300\t173,792\t44.4")))
        p = report.tables["programs"].query("stage == 'actual' and program_no == 5").iloc[0]
        assert (p["budget"], p["executed"], p["rate"]) == (391300, 173792, 44.4) and errors(report) == []
        assert report.findings.query("check == 'coverage' and severity == 'warning'")["expected"].tolist() == ["450,000"]

    @pytest.mark.parametrize("header", ["예 산 액\t예 산 액", "소요예산\t예 산 액"])
    def test_two_budget_columns_neither_final_is_an_error(self, tmp_path, header):
        rows = f"{header}\t집 행 액\t집행률(%)\n450,000\t391,300\t173,792\t44.4"
        with pytest.raises(ReportError, match="one column of each kind in program 5's 예산현황 table"):
            load(tmp_path, variant(TEXT, (self.ORIGINAL, rows)))

    @pytest.mark.parametrize("header, cells, unread", [
        ("2022년 예산액\t집 행 액", "391,300\t173,792", []),
        ("2021년도 예산액\t2022년도 예산액\t집 행 액", "450,000\t391,300\t173,792", ["450,000"]),
    ])
    def test_budget_columns_named_with_their_year(self, tmp_path, header, cells, unread):
        """'2022년 예산액' in a program's 예산현황 had refused the report (read only in part I's table)."""
        report = load(tmp_path, variant(TEXT, (self.ORIGINAL, f"{header}\t집행률(%)\n{cells}\t44.4")))
        p = report.tables["programs"].query("stage == 'actual' and program_no == 5").iloc[0]
        assert (p["budget"], p["executed"], p["rate"]) == (391300, 173792, 44.4) and errors(report) == []
        assert report.findings.query("check == 'coverage' and severity == 'warning'")["expected"].tolist() == unread

    @pytest.mark.parametrize("header", ["본예산\t추경예산", "당초예산\t최종예산"])
    def test_original_and_supplementary_budget_columns(self, tmp_path, header):
        """'본예산 | 추경예산 | 집행액' had been refused ('expected a known column … found 본예산'): the
        final column is the budget, the original's amount named unread."""
        rows = f"{header}\t집 행 액\t집행률(%)\n450,000\t391,300\t173,792\t44.4"
        report = load(tmp_path, variant(TEXT, (self.ORIGINAL, rows)))
        p = report.tables["programs"].query("stage == 'actual' and program_no == 5").iloc[0]
        assert (p["budget"], p["executed"], p["rate"]) == (391300, 173792, 44.4) and errors(report) == []
        assert report.findings.query("check == 'coverage' and severity == 'warning'")["expected"].tolist() == ["450,000"]

    def test_a_wrong_rate_in_the_first_row_is_an_error(self, tmp_path):
        report = load(tmp_path, variant(TEXT, (self.ORIGINAL, self.TWO_ROWS.replace("\t40.0", "\t41.0"))))
        assert any("41.0" in m for m in errors(report))


class TestTurnedProgramBudget:
    """A program's 예산현황 printed the other way round: 계 and the funding sources as columns,
    예산액, 집행액 and 집행률 as rows. It had been refused ('expected a known column … found
    391,300'); it is read turned, each source a row of program_budget_rows and of
    program_funding, each row traced to its 예산액 cell."""

    TURNED = ("구 분\t계\t국 비\t시 비\t구 비\n예 산 액\t391,300\t100,000\t91,300\t200,000\n"
              "집 행 액\t173,792\t50,000\t43,792\t80,000\n집행률(%)\t44.4\t50.0\t48.0\t40.0")

    @pytest.mark.parametrize("convert", [None, to_markdown, to_html], ids=["text", "markdown", "html"])
    def test_sources_as_columns(self, tmp_path, convert):
        text = variant(TEXT, (TestProgramBudgetRows.ORIGINAL, self.TURNED))
        report = load(tmp_path, convert(text) if convert else text, "variant" + {None: ".txt", to_markdown: ".md", to_html: ".html"}[convert])
        rows = report.tables["program_budget_rows"].query("stage == 'actual' and program_no == 5")
        assert rows[["row_label", "budget", "executed", "rate", "final"]].values.tolist() == [
            ["계", 391300, 173792, 44.4, True], ["국 비", 100000, 50000, 50.0, False],
            ["시 비", 91300, 43792, 48.0, False], ["구 비", 200000, 80000, 40.0, False]]
        funding = report.tables["program_funding"].query("stage == 'actual' and program_no == 5")
        assert funding[["source", "budget", "executed"]].values.tolist() == [["국비", 100000, 50000], ["시비", 91300, 43792], ["구비", 200000, 80000]]
        p = report.tables["programs"].query("stage == 'actual' and program_no == 5").iloc[0]
        assert (p["budget"], p["executed"], p["rate"], p["unit"]) == (391300, 173792, 44.4, "의료관광 활성화")
        assert errors(report) == []
        expected, read = coverage(report)
        assert expected == read == coverage(analysis.load_report(REPORT_PATH))[0] - 5 + 12  # the 5 numbers of the row (two bracketed) gave way to 12
        if convert is None:
            line = TEXT.splitlines().index(TestProgramBudgetRows.ORIGINAL.splitlines()[1]) + 1  # the 예산액 row's line
            assert rows["source_loc"].tolist() == [f"line {line}, table 11, row 2, col {c}" for c in (2, 3, 4, 5)]

    def test_a_wrong_source_and_a_wrong_rate_are_errors(self, tmp_path):
        turned = self.TURNED.replace("\t200,000\n", "\t190,000\n").replace("\t48.0\t", "\t84.0\t")
        report = load(tmp_path, variant(TEXT, (TestProgramBudgetRows.ORIGINAL, turned)))
        messages = errors(report)
        assert any("190,000" in m and "391,300" in m for m in messages)  # the sources no longer add up to 계
        assert any("84.0%" in m for m in messages)

    def test_a_table_of_rows_is_not_turned(self, tmp_path):
        """The usual layout, 구분 | 예산액 | 집행액 with 계 and the sources as rows, stays as read."""
        rows = ("구 분\t예 산 액\t집 행 액\t집행률(%)\n계\t391,300\t173,792\t44.4\n국 비\t100,000\t50,000\t50.0\n"
                "시 비\t91,300\t43,792\t48.0\n구 비\t200,000\t80,000\t40.0")
        turned = load(tmp_path, variant(TEXT, (TestProgramBudgetRows.ORIGINAL, self.TURNED)), "turned.txt")
        plain = load(tmp_path, variant(TEXT, (TestProgramBudgetRows.ORIGINAL, rows)), "rows.txt")
        same_tables(turned, plain, skip=("findings",))


class TestFundingColumnsBesideTheAmount:
    """A program's 예산현황 of one header row with the funding sources right after the 예산액
    (and 집행액) column: 예산액 | 국비 | 구비 | 집행액 | 집행률. It had been refused ('expected a
    known column … found 국비'); each source column is the split of the amount before it."""

    ORIGINAL = TestProgramBudgetRows.ORIGINAL

    def test_sources_after_the_budget(self, tmp_path, bundled):
        rows = "예 산 액\t국 비\t구 비\t집 행 액\t집행률(%)\n391,300\t100,000\t291,300\t173,792\t44.4"
        report = load(tmp_path, variant(TEXT, (self.ORIGINAL, rows)))
        funding = report.tables["program_funding"].query("stage == 'actual' and program_no == 5")
        assert funding[["source", "budget"]].values.tolist() == [["국비", 100000], ["구비", 291300]] and funding["executed"].isna().all()
        p = report.tables["programs"].query("stage == 'actual' and program_no == 5").iloc[0]
        assert (p["budget"], p["executed"], p["rate"]) == (391300, 173792, 44.4) and errors(report) == []
        assert coverage(report) == (coverage(bundled)[0], coverage(bundled)[0])  # 5 numbers for 5

    def test_sources_after_both_amounts_and_a_wrong_sum(self, tmp_path):
        rows = ("예 산 액\t국 비\t구 비\t집 행 액\t국 비\t구 비\t집행률(%)\n"
                "391,300\t100,000\t291,300\t173,792\t50,000\t113,792\t44.4")
        report = load(tmp_path, variant(TEXT, (self.ORIGINAL, rows)))
        funding = report.tables["program_funding"].query("stage == 'actual' and program_no == 5")
        assert funding[["source", "budget", "executed"]].values.tolist() == [["국비", 100000, 50000], ["구비", 291300, 113792]]
        assert errors(report) == ["실적 5 스마트메디컬특구 홍보 활성화: 재원(국비 50,000, 구비 113,792)의 합 163,792 ≠ 집행액 173,792"]


class TestPlanBudgetAsATable:
    """A plan's 소요예산 printed as a table under its marker ('□ 소요예산 (단위: 천원)'): it had
    been refused ('expected a plan budget like …, found □ 소요예산'). It is read as a 예산현황
    table is: the plan's budget, its funding, its rows."""

    LINE = "□ 소요예산: 총 63,553천원(구비 63,553)"

    @pytest.mark.parametrize("table", [
        "□ 소요예산\n(단위: 천원)\n예산액\t국비\t구비\n63,553\t10,000\t53,553",
        "□ 소요예산 (단위: 천원)\n\n계\t국비\t구비\n63,553\t10,000\t53,553",
        "□ 소요예산 (단위: 천원)\n\n구분\t계\t국비\t구비\n소요예산\t63,553\t10,000\t53,553",
        "□ 소요예산 (단위: 천원)\n\n구분\t예산액\n계\t63,553\n국비\t10,000\n구비\t53,553",
        "□ 소요예산 (단위: 백만원)\n\n계\t국비\t구비\n63.553\t10\t53.553",
    ], ids=["budget-and-sources", "total-and-sources", "turned", "sources-as-rows", "million-won"])
    def test_read_as_a_budget_table(self, tmp_path, bundled, table):
        report = load(tmp_path, variant(TEXT, (self.LINE, table)))
        plan = report.tables["programs"].query("stage == 'plan'")
        assert plan[["program_no", "budget"]].values.tolist() == bundled.tables["programs"].query("stage == 'plan'")[["program_no", "budget"]].values.tolist()
        funding = report.tables["program_funding"].query("stage == 'plan' and program_no == 1")
        assert funding[["source", "budget"]].values.tolist() == [["국비", 10000], ["구비", 53553]]
        assert errors(report) == []
        expected, read = coverage(report)
        assert expected == read

    def test_sources_that_do_not_add_up(self, tmp_path):
        report = load(tmp_path, variant(TEXT, (self.LINE, "□ 소요예산\n\n계\t국비\t구비\n63,553\t10,000\t50,000")))
        assert errors(report) == ["계획 1 국내·외 친선도시 상호교류 내실화: 재원(국비 10,000, 구비 50,000)의 합 60,000 ≠ 예산액 63,553"]


class TestPlanBudgetLineForms:
    """Forms of the 소요예산 line other offices print. Each had refused the whole report
    ('expected a plan budget like …'); the plan's own year before the amount had been named an
    unread number."""

    LINE = "□ 소요예산: 총 63,553천원(구비 63,553)"

    @pytest.mark.parametrize("line, budget, funding, expected", [
        ("□ 소요예산: 총 6억 3,553만원(구비)", 635530, [["구비", 635530]], 146),
        ("□ 소요예산: 총 6억 3,553만원(국비 3억원, 구비 3억 3,553만원)", 635530, [["국비", 300000], ["구비", 335530]], 149),
        ("□ 소요예산: 1억 2천만 원(국비 1억원, 구비 2천만원)", 120000, [["국비", 100000], ["구비", 20000]], 148),
        ("□ 소요예산: 63,553천원(구비 100%)", 63553, [["구비", 63553]], 146),
        ("□ 소요예산: 63,553천원(전액 구비)", 63553, [["구비", 63553]], 145),
        ("□ 소요예산: 2023년 63,553천원(구비 63,553)", 63553, [["구비", 63553]], 147),
    ], ids=["eok-man", "eok-man-parts", "cheon-man", "one-source-100%", "jeonaek", "plan-year"])
    def test_read(self, tmp_path, line, budget, funding, expected):
        report = load(tmp_path, variant(TEXT, (self.LINE, line)))
        plan = report.tables["programs"].query("stage == 'plan' and program_no == 1")
        assert plan["budget"].tolist() == [budget]
        rows = report.tables["program_funding"].query("stage == 'plan' and program_no == 1")
        assert rows[["source", "budget"]].values.tolist() == funding
        assert errors(report) == []
        assert coverage(report) == (expected, expected)

    def test_another_years_amount_in_the_brackets_is_no_source_and_is_named(self, tmp_path):
        report = load(tmp_path, variant(TEXT, (self.LINE, "□ 소요예산: 총 63,553천원 (2022년 50,000천원)")))
        assert report.tables["programs"].query("stage == 'plan' and program_no == 1")["budget"].tolist() == [63553]
        assert report.tables["program_funding"].query("stage == 'plan' and program_no == 1").empty
        f = report.findings
        assert f[(f["check"] == "coverage") & (f["severity"] == "warning")]["expected"].tolist() == ["2022", "50,000"]
        assert coverage(report) == (147, 145)

    def test_shares_in_percent_are_named_not_made_amounts(self, tmp_path):
        """(They had refused the whole report.) The total is read, the shares named; no amount is made up."""
        report = load(tmp_path, variant(TEXT, (self.LINE, "□ 소요예산: 63,000천원(국비 50%, 구비 50%)")))
        assert report.tables["programs"].query("stage == 'plan' and program_no == 1")["budget"].tolist() == [63000]
        assert report.tables["program_funding"].query("stage == 'plan' and program_no == 1").empty
        f = report.findings
        assert f[f["check"] == "funding_shares"]["actual"].tolist() == ["국비 50%, 구비 50%"]
        assert f[(f["check"] == "coverage") & (f["severity"] == "warning")]["expected"].tolist() == ["50", "50"]


class TestOrganisationTableWithAHeader:
    """The organisation table with a header naming its columns or rows ('팀 명 | 인원 | 주요업무',
    or '구 분' over the teams with rows 인원, 팀 장, 주요업무). A team's headcount ('4') and its
    leader's name had been stored as duties (the 4 counted as read); now the duties come from
    the duty columns or rows alone and a headcount is named unread."""

    LINES = TEXT.split("\n")
    TEAMS = LINES[26].split("\t")
    DUTIES = [c.replace('<ul style="list-style-type: none"> ', "") for c in LINES[27].split("\t")]
    ORIGINAL = "\n".join(LINES[26:28])

    def rows(self, header: str, extra) -> str:
        return "\n".join([header, *(f"{t}\t{extra(n)}{d}" for n, (t, d) in enumerate(zip(self.TEAMS, self.DUTIES)))])

    @pytest.mark.parametrize("table, unread", [
        (lambda self: self.rows("팀 명\t주요업무", lambda n: ""), []),
        (lambda self: self.rows("팀 명\t인 원\t주요업무", lambda n: f"{(4, 4, 4, 3)[n]}\t"), ["4", "4", "4", "3"]),
        (lambda self: self.rows("팀 명\t팀 장\t담당업무", lambda n: "홍길동\t"), []),
        (lambda self: "\n".join(["구 분\t" + "\t".join(self.TEAMS), "인 원\t4\t4\t4\t3", "팀 장\t" + "\t".join(["홍길동"] * 4),
                                  "주요업무\t" + "\t".join(self.DUTIES)]), ["4", "4", "4", "3"]),
        # duty columns or rows named otherwise than the list: they had refused the report ('expected a table of the 4 teams and their duties')
        (lambda self: self.rows("팀 명\t인 원\t업무 내용", lambda n: f"{(4, 4, 4, 3)[n]}\t"), ["4", "4", "4", "3"]),
        (lambda self: self.rows("팀 명\t주요업무 및 기능", lambda n: ""), []),
        (lambda self: self.rows("팀 명\t팀원 수\t소관 업무", lambda n: f"{(4, 4, 4, 3)[n]}명\t"), ["4", "4", "4", "3"]),
        (lambda self: "\n".join(["구 분\t" + "\t".join(self.TEAMS), "인원수\t4\t4\t4\t3", "담당 사무\t" + "\t".join(self.DUTIES)]), ["4", "4", "4", "3"]),
        # a numbering column first ('연번 | 팀 명 | …'): refused before ('expected a table of the 4 teams'); its ordinals read
        (lambda self: "\n".join(["연번\t팀 명\t인 원\t주요업무", *(f"{n + 1}\t{t}\t4\t{d}" for n, (t, d) in enumerate(zip(self.TEAMS, self.DUTIES)))]), ["4", "4", "4", "4"]),
    ], ids=["rows", "rows-with-headcount", "rows-with-leader", "columns-with-labelled-rows",
            "rows-other-duty-name", "rows-duty-name-with-and", "rows-headcount-named-otherwise", "columns-other-duty-name", "numbered-rows"])
    def test_only_the_duties_are_duties(self, tmp_path, bundled, table, unread):
        report = load(tmp_path, variant(TEXT, (self.ORIGINAL, table(self))))
        assert report.tables["teams"][["team", "duty"]].values.tolist() == bundled.tables["teams"][["team", "duty"]].values.tolist()
        f = report.findings
        assert f[(f["check"] == "coverage") & (f["severity"] == "warning")]["expected"].tolist() == unread
        assert report.tables["programs"]["team"].tolist() == bundled.tables["programs"]["team"].tolist()


class TestBudgetColumnsOfYears:
    """A budget table of one header row whose budget columns are named with their year
    ('2021년 예산 | 2022년 예산 | 증 감'): it had been refused ('expected a budget table header');
    the report's year's column is the budget, the other year's and the 증감 are named unread."""

    @staticmethod
    def table(header: str, cells) -> str:
        rows = [TOTAL_ROW, *UNIT_ROWS]
        out = [header]
        for row in rows:
            label, budget, executed, rate = row.split("\t")
            before = f"{int(budget.replace(',', '')) - 5000:,}"
            out.append("\t".join([label, *cells(budget, before), executed, rate]))
        return "\n".join(out)

    @pytest.mark.parametrize("header, cells", [
        ("단위사업명\t2021년 예산\t2022년 예산\t증 감\t집 행 액\t집행률(%) (10. 31.기준)", lambda b, a: (a, b, "5,000")),
        ("단위사업명\t2022년 예산액\t’21년 예산액\t집 행 액\t집행률(%) (10. 31.기준)", lambda b, a: (b, a)),
        ("단위사업명\t2021년도 예산\t2022년도 예산\t집 행 액\t집행률(%) (10. 31.기준)", lambda b, a: (a, b)),  # (refused before: '년도')
    ], ids=["last-year-first", "this-year-first", "years-with-do"])
    def test_the_report_years_column_is_the_budget(self, tmp_path, bundled, header, cells):
        report = load(tmp_path, variant(TEXT, (BUDGET_TABLE, self.table(header, cells))))
        assert units(report) == UNITS and errors(report) == []
        extra = 7 * (header.count("\t") - 3)  # the other year's amounts and the 증감, each row
        expected, read = coverage(report)
        assert (expected, read) == (coverage(bundled)[0] + 2 + extra, coverage(bundled)[0] + 2)  # (the header's two years are read)
        f = report.findings
        unread = f[(f["check"] == "coverage") & (f["severity"] == "warning")]["actual"].tolist()
        assert len(unread) == extra and "1,065,404" in " ".join(report.findings["message"])

    def test_no_column_of_the_report_year_is_an_error(self, tmp_path):
        header = "단위사업명\t2020년 예산\t2021년 예산\t집 행 액\t집행률(%) (10. 31.기준)"
        path = tmp_path / "variant.txt"
        path.write_text(variant(TEXT, (BUDGET_TABLE, self.table(header, lambda b, a: (a, b)))), encoding="utf-8")
        with pytest.raises(ReportError, match="columns under the year 2022"):
            analysis.load_report(path)


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
        assert coverage(report) == (146, 146)

    def test_a_figure_that_cannot_be_one_number_is_named_not_misread(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("40회 3,224명", "40회 3 224명")))
        m = report.tables["metrics"]
        assert 224 not in m["value"].tolist() and 3224 not in m["value"].tolist()
        f = report.findings
        (w,) = f[(f["check"] == "coverage") & (f["severity"] == "warning")].to_dict("records")
        assert w["expected"] == "3 224명" and w["source_line"] == 189
        assert coverage(report) == (146, 145)

    def test_a_count_of_a_counter_word_not_known_is_named(self, tmp_path):
        """'100포' was a figure no table had and coverage did not count: lost without a word.
        A counter word the layout does not know ('척') is counted, and named as unread."""
        report = load(tmp_path, variant(TEXT, ("쌀 10kg, 100포", "쌀 10kg, 100척")))
        f = report.findings
        (w,) = f[(f["check"] == "coverage") & (f["severity"] == "warning")].to_dict("records")
        assert (w["expected"], w["source_line"]) == ("100척", 86)
        assert w["message"] == "문단의 숫자 100척(86행)을 어느 표에도 읽지 못했습니다"
        assert coverage(report) == (146, 145)
        m = report.tables["metrics"]
        assert [(int(r.value), r.unit, r.kind) for r in m[m["source_line"] == 86].itertuples()] == [(10, "kg", "result")]  # (no count of packages beside it)

    def test_an_ordinal_in_the_key_is_no_figure(self, tmp_path):
        """'제3회 … 한마당: 15개 시군 참여': the ordinal before the ':' had been counted as a figure
        and taken the 15 read for 15개, so that 15개 was named as unread."""
        report = load(tmp_path, variant(TEXT, ("- 실 적: 영등포구 소속 직원 1,307명 수료", "- 실 적: 영등포구 소속 직원 1,307명 수료\n- 제15회 통일 한마당: 15개 자치구 참여")))
        m = report.tables["metrics"]
        assert m[m["source_line"] == 123][["value", "unit"]].values.tolist() == [[15, "개"]]
        assert coverage(report) == (147, 147)

    def test_counts_of_people_written_with_in(self, tmp_path):
        """'1,307인' is 1,307명; '1인 가구' and '1인당' are no count, and no unread figure."""
        text = variant(TEXT, ("영등포구 소속 직원 1,307명 수료", "영등포구 소속 직원 1,307인 수료, 1인 가구 방문, 1인당 2권 배부"))
        report = load(tmp_path, text)
        m = report.tables["metrics"]
        assert m[m["source_line"] == 122][["value", "unit"]].values.tolist() == [[1307, "명"], [2, "권"]]
        assert coverage(report) == (147, 147)

    def test_dates_ages_and_orders_are_no_figures(self, tmp_path):
        """Numbers before 월, 주년, 대, 차 are no counts: neither read nor named."""
        text = variant(TEXT, ("영등포구 소속 직원 1,307명 수료", "영등포구 소속 직원 1,307명 수료 (20대 청년, 3차 교육, 12월부터, 2개월간)"))
        report = load(tmp_path, text)
        assert coverage(report) == (146, 146)
        assert report.tables["metrics"]["value"].tolist() == bundled_metrics()

    def test_full_width_grades(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("\t\t4급\t5급\t6급", "\t\t４급\t５급\t６급")))
        assert report.tables["staffing"]["grade"].tolist()[:3] == ["4급", "5급", "6급"]


class TestFiguresOutsideTheResults:
    """Figures of paragraphs that are no results (a line between the contents and the first
    program, a program's overview, next year's plans) are not metrics, and each paragraph of them
    is an info finding at its line: they had been neither read nor named, with 100% read."""

    def elsewhere(self, report) -> list[tuple[int, str]]:
        f = report.findings
        return [(int(r.source_line), r.actual) for r in f[f["check"] == "figures_elsewhere"].itertuples()]

    def test_the_bundled_reports_plans(self, bundled):
        """'□ 향후계획' of program 4 and part III's plans: listed, none a metric."""
        assert self.elsewhere(bundled) == [(200, "2회"), (382, "1회"), (410, "3개소, 10개소"), (416, "14개소")]

    def test_a_line_before_the_first_program_and_an_overview(self, tmp_path, bundled):
        text = variant(TEXT, ("⑦\t건강도시 활성화 기반구축 및 사업추진\t10\n", "⑦\t건강도시 활성화 기반구축 및 사업추진\t10\n\n○ 올해 사업 전체 참여 인원: 5,000명, 행사 12회\n"),
                       ("공동 발전을 도모하고자 함\n", "공동 발전을 도모하고자 함\n- 대상: 구민 500명, 연 4회\n"))
        report = load(tmp_path, text)
        assert self.elsewhere(report)[:2] == [(66, "5,000명, 12회"), (73, "500명, 4회")]
        assert [(n + 3, t) for n, t in self.elsewhere(bundled)] == self.elsewhere(report)[2:]  # (three lines added above them)
        same_tables(report, bundled, skip=("findings",))  # no metric more
        assert coverage(report) == (146, 146)


    def test_shares_in_a_paragraph_nothing_reads(self, tmp_path):
        """'만족도 92.5%', '3.5%p' in a program's overview: a share was in no table and no finding
        (only counts were listed)."""
        report = load(tmp_path, variant(TEXT, ("어린이, 청소년, 성인 등 세대맞춤 YDP", "어린이, 청소년, 성인 등 세대맞춤(만족도 92.5%, 20개 시설, 전년 대비 3.5%p) YDP")))
        assert (108, "92.5%, 20개, 3.5%p") in self.elsewhere(report)
        (message,) = report.findings.query("check == 'figures_elsewhere' and source_line == 108")["message"]
        assert message == "주요 추진실적 밖의 수치 92.5%, 20개, 3.5%p는 실적으로 읽지 않았습니다 (계획·사업 개요 등)"


class TestTableOfContents:
    def test_a_row_a_cell_short_under_a_team_column_is_an_error(self, tmp_path):
        """A 담당팀 column in the header and rows of three cells: the page '5' had been stored as
        program 2's team, with no finding (program 1's team line only gave a warning)."""
        report_text = variant(TEXT, ("연번\t사 업 명\t쪽", "연번\t사 업 명\t담당팀\t쪽"))
        path = tmp_path / "variant.txt"
        path.write_text(report_text, encoding="utf-8")
        with pytest.raises(ReportError) as e:
            analysis.load_report(path)
        assert e.value.line == 58 and "4 cells (연번, 사 업 명, 담당팀, 쪽) in each row of the contents" in str(e.value)
        assert "found 3 cells: '① | 국내·외 도시교류 네트워크 확대 | 4'" in str(e.value)

    def test_a_row_without_its_page_under_a_team_column_is_read(self, tmp_path, bundled):
        """'⑦ | 건강도시 … | 건강특구팀' under '연번 | 사 업 명 | 담당팀 | 쪽' (the page left out, or its empty
        cell dropped by a converter) had refused the report since a18fef7: only the page is
        missing and the team's cell holds no figure, so each cell's column is sure."""
        lines = TEXT.split("\n")
        i = lines.index("연번\t사 업 명\t쪽")
        teams = [p for p in bundled.tables["programs"].query("stage == 'actual'")["team"]]
        rows = [r.split("\t") for r in lines[i + 1:i + 8]]
        table = "\n".join(["연번\t사 업 명\t담당팀\t쪽"] + [f"{c[0]}\t{c[1]}\t{t}" + (f"\t{c[2]}" if n < 6 else "") for n, (c, t) in enumerate(zip(rows, teams))])
        report = load(tmp_path, variant(TEXT, ("\n".join(lines[i:i + 8]), table)))
        assert report.tables["programs"].query("stage == 'actual'")["team"].tolist() == teams
        assert not report.findings["check"].isin(["program_team", "team_unknown"]).any()

    @pytest.mark.parametrize("heading", [
        "1 국내·외 도시교류 네트워크 확대 [대외협력팀]", "1 국내·외 도시교류 네트워크 확대\n\n담당: 대외협력팀",
        "1 국내·외 도시교류 네트워크 확대\n\n담당부서 : 대외협력팀", "1 국내·외 도시교류 네트워크 확대\n\n소관팀: 대외협력팀",
        # the department before the team (had been the team '비전협력과대외협력팀', a team_unknown warning)
        "1 국내·외 도시교류 네트워크 확대\n\n담당부서: 비전협력과 대외협력팀", "1 국내·외 도시교류 네트워크 확대\n\n비전협력과 대외협력팀",
    ])
    def test_a_team_in_square_brackets_or_after_a_label(self, tmp_path, bundled, heading):
        """'[대외협력팀]' had stayed in the program's name; '담당: 대외협력팀' had been stored as the
        team '담당:대외협력팀' (unknown to the organisation table)."""
        report = load(tmp_path, variant(TEXT, ("1 국내·외 도시교류 네트워크 확대\n\n대외협력팀", heading)))
        same_tables(report, bundled, skip=("findings",))
        assert not report.findings["check"].isin(["program_name", "team_unknown"]).any()

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


class TestPolicyProgramColumn:
    BUDGET = TEXT[TEXT.index("단위사업명\t예 산 액"):TEXT.index("\n\nⅡ . 주요업무 추진실적")]
    POLICY = (
        "정책사업\t단위사업명\t예 산 액\t집 행 액\t집행률(%) (10. 31.기준)\n"
        "합 계\t\t1,070,404\t623,784\t58.3\n"
        "대외협력 강화\t소 계\t{sub}\t100,527\t48.1\n"
        "\t대외교류 활성화\t198,888\t90,527\t45.5\n\t건강특구 활성화\t10,000\t10,000\t100\n"
        "특구 활성화\t소 계\t677,892\t361,592\t53.3\n"
        "\t국제금융특구 활성화\t190,400\t102,920\t54.1\n\t의료관광 활성화\t487,492\t258,672\t53.1\n"
        "행정운영경비\t소 계\t183,624\t161,665\t88.0\n"
        "\t기본경비\t83,624\t61,665\t73.7\n\t내부거래지출 (기금전출금)\t100,000\t100,000\t100"
    )

    def test_subtotals_and_the_total_in_the_policy_column(self, tmp_path, bundled):
        """A 정책사업 column, its 소계 rows, and '합 계' written in it: the 소계 rows had been read as
        three unit projects named '소 계' (programs linked to them), the 합계 as a nameless one."""
        report = load(tmp_path, variant(TEXT, (self.BUDGET, self.POLICY.format(sub="208,888"))))
        same_tables(report, bundled, skip=("findings",))
        assert errors(report) == [] and coverage(report) == (146 + 9, 146 + 9)  # the 3 소계 rows: budget, executed, rate, each read (checked)

    def test_subtotals_under_their_projects_in_the_policy_column(self, tmp_path, bundled):
        """'소 계' in the 정책사업 column below its projects, the 단위사업명 cell empty: the three
        subtotals had been stored as nameless projects and the 계 check failed (2,140,808)."""
        policy = (
            "정책사업\t단위사업명\t예 산 액\t집 행 액\t집행률(%) (10. 31.기준)\n"
            "대외협력 강화\t대외교류 활성화\t198,888\t90,527\t45.5\n\t건강특구 활성화\t10,000\t10,000\t100\n소 계\t\t208,888\t100,527\t48.1\n"
            "특구 활성화\t국제금융특구 활성화\t190,400\t102,920\t54.1\n\t의료관광 활성화\t487,492\t258,672\t53.1\n소 계\t\t677,892\t361,592\t53.3\n"
            "행정운영경비\t기본경비\t83,624\t61,665\t73.7\n\t내부거래지출 (기금전출금)\t100,000\t100,000\t100\n소 계\t\t183,624\t161,665\t88.0\n"
            "합 계\t\t1,070,404\t623,784\t58.3"
        )
        report = load(tmp_path, variant(TEXT, (self.BUDGET, policy)))
        same_tables(report, bundled, skip=("findings",))
        assert errors(report) == [] and coverage(report) == (146 + 9, 146 + 9)

    def test_a_subtotal_that_does_not_add_up_is_an_error(self, tmp_path):
        report = load(tmp_path, variant(TEXT, (self.BUDGET, self.POLICY.format(sub="208,988"))))
        (f,) = report.findings.query("check == 'budget_subtotal'").to_dict("records")
        assert (f["severity"], f["actual"], f["source_line"]) == ("error", "208,988", 48)


class TestDetailProjects:
    TABLE = "\n".join([
        "단위사업명\t세부사업명\t예 산 액\t집 행 액\t집행률(%) (10. 31.기준)", "계\t\t1,070,404\t623,784\t58.3",
        "대외교류 활성화\t국내 교류\t100,000\t50,000\t50.0", "\t국외 교류\t98,888\t40,527\t41.0", "{sub}",
        *[f"{row.split(chr(9))[0]}\t{row}" for row in UNIT_ROWS[1:]],
    ])

    def test_rows_of_detail_projects_under_their_unit(self, tmp_path):
        """단위사업 | 세부사업, the unit's cell spanning its detail rows (empty below in a text
        export): the second detail row had been stored as a unit project with no name, and the
        first as the whole unit (100,000 for 대외교류 활성화), with nothing said."""
        report = load(tmp_path, variant(TEXT, (BUDGET_TABLE, self.TABLE.replace("{sub}\n", ""))))
        assert units(report) == [("대외교류 활성화 · 국내 교류", 100000, 50000), ("대외교류 활성화 · 국외 교류", 98888, 40527), *UNITS[1:]]
        assert errors(report) == [] and report.findings.query("check == 'budget_unit_name'").empty

    def test_a_subtotal_in_the_detail_column(self, tmp_path):
        report = load(tmp_path, variant(TEXT, (BUDGET_TABLE, self.TABLE.replace("{sub}", "\t소 계\t198,888\t90,527\t45.5"))))
        assert units(report)[:3] == [("대외교류 활성화 · 국내 교류", 100000, 50000), ("대외교류 활성화 · 국외 교류", 98888, 40527), UNITS[1]]
        assert errors(report) == []

    def test_a_row_with_no_name_is_said(self, tmp_path):
        """Without a detail column, a row with an empty name (a merged cell flattened) is stored
        as printed, with a warning."""
        table = BUDGET_TABLE.replace("대외교류 활성화\t198,888\t90,527\t45.5", "대외교류 활성화\t100,000\t50,000\t50.0\n\t98,888\t40,527\t41.0")
        report = load(tmp_path, variant(TEXT, (BUDGET_TABLE, table)))
        (f,) = report.findings.query("check == 'budget_unit_name'").to_dict("records")
        assert (f["severity"], f["source_line"]) == ("warning", 49)


class TestOtherPartsOfPartOne:
    def test_a_numbered_part_no_one_knows_after_the_budget(self, tmp_path, bundled):
        """'5 민간위탁 현황' after '4 예 산 현 황', with a table of 예산액 and 집행액: it had been
        taken for a second budget table (refused: 'one budget table per account'). It ends the
        budget part; its numbers are named as unread."""
        extra = ("5 민간위탁 현황\n\n(단위: 천원)\n\n사업명\t수탁기관\t위탁기간\t예산액\t집행액\n"
                 "의료관광 안내센터 운영\t(재)영등포문화재단\t2021~2023\t450,000\t300,000\n\n")
        report = load(tmp_path, variant(TEXT, ("Ⅱ . 주요업무 추진실적\n", extra + "Ⅱ . 주요업무 추진실적\n")))
        same_tables(report, bundled, skip=("findings",))
        unread = report.findings.query("check == 'coverage' and severity == 'warning'")
        assert unread["expected"].tolist() == ["2021", "2023", "450,000", "300,000"]


class TestColumnsOfTwoYears:
    @pytest.mark.parametrize("this_first", [True, False])
    def test_the_report_years_columns_are_the_table(self, tmp_path, this_first):
        """'2022년 | 2021년', each over 예산액 | 집행액: the last of each repeated column had been
        taken, so last year's amounts were stored as this year's (with 2021 first, this year's:
        by luck). The columns under the report's year are read; the other year's are named."""
        years = ("2022년", "2021년") if this_first else ("2021년", "2022년")
        head = f"단위사업명\t{years[0]}\t\t\t{years[1]}\t\t\n\t예 산 액\t집 행 액\t집행률(%) (10. 31.기준)\t예 산 액\t집 행 액\t집행률(%)"
        rows = []
        for row in [TOTAL_ROW, *UNIT_ROWS]:
            name, *this = row.split("\t")
            last = ["1,000", "900", "90.0"]
            rows.append("\t".join([name, *(this + last if this_first else last + this)]))
        report = load(tmp_path, variant(TEXT, (BUDGET_TABLE, "\n".join([head, *rows]))))
        assert units(report) == UNITS and errors(report) == []
        unread = report.findings.query("check == 'coverage' and severity == 'warning'")
        assert len(unread) == 21 and set(unread["expected"]) == {"1,000", "900", "90.0"}

    def test_of_original_and_final_budgets_the_final(self, tmp_path):
        table = BUDGET_TABLE.replace("단위사업명\t예 산 액", "단위사업명\t예산액(당초)\t예산액(최종)")
        table = "\n".join([table.split("\n")[0]] + [f"{r.split(chr(9))[0]}\t1,000\t{chr(9).join(r.split(chr(9))[1:])}" for r in table.split("\n")[1:]])
        report = load(tmp_path, variant(TEXT, (BUDGET_TABLE, table)))
        assert units(report) == UNITS and errors(report) == []

    @pytest.mark.parametrize("names", [("최종예산",), ("본예산", "추경예산"), ("추경예산", "당초예산")])
    def test_budget_columns_named_by_their_stage(self, tmp_path, names):
        """'최종예산' alone, or 본예산 beside 추경예산 (either order): had been refused (no 예산액
        column); the final budget is the table's, an original one's numbers named as unread."""
        table = BUDGET_TABLE.replace("단위사업명\t예 산 액", "단위사업명\t" + "\t".join(names))
        if len(names) == 2:
            final_first = names[0] == "추경예산"
            table = "\n".join([table.split("\n")[0]] + [
                f"{r.split(chr(9))[0]}\t" + (f"{r.split(chr(9))[1]}\t1,000" if final_first else f"1,000\t{r.split(chr(9))[1]}") + "\t" + "\t".join(r.split("\t")[2:])
                for r in table.split("\n")[1:]])
        report = load(tmp_path, variant(TEXT, (BUDGET_TABLE, table)))
        assert units(report) == UNITS and errors(report) == []

    def test_a_column_named_twice_without_years_is_an_error(self, tmp_path):
        table = BUDGET_TABLE.replace("집행률(%) (10. 31.기준)", "집행률(%) (10. 31.기준)\t예산액").replace("\t45.5", "\t45.5\t1")
        with pytest.raises(ReportError, match="one column of each kind"):
            load(tmp_path, variant(TEXT, (BUDGET_TABLE, table)))


class TestRoundedUnits:
    def test_amounts_in_eok_with_two_decimals(self, tmp_path):
        """A budget table in 억원 to two decimals: each amount is rounded to 1,000천원, so the 계 and
        the printed rates (from the true amounts) differ from sums and ratios of the printed ones.
        That had been four errors; within the rounding they are information, beyond it errors."""
        budget = TestPolicyProgramColumn.BUDGET
        eok = ("단위사업명\t예 산 액\t집 행 액\t집행률(%) (10. 31.기준)\n계\t10.70\t6.24\t58.3\n대외교류 활성화\t1.99\t0.91\t45.5\n"
               "건강특구 활성화\t0.10\t0.10\t100\n국제금융특구 활성화\t1.90\t1.03\t54.1\n의료관광 활성화\t4.87\t2.59\t53.1\n"
               "기본경비\t0.84\t0.62\t73.7\n내부거래지출 (기금전출금)\t1.00\t1.00\t100")
        report = load(tmp_path, variant(TEXT, ("(단위: 천원)\n\n" + budget, "(단위: 억원)\n\n" + eok)))
        f = report.findings
        assert errors(report) == [] and units(report)[0][1:3] == (199000, 91000)
        assert sorted(f[f["check"].isin(["rate", "budget_total"]) & (f["severity"] == "info")]["check"]) == ["budget_total", "rate", "rate", "rate", "rate"]
        wrong = load(tmp_path, variant(TEXT, ("(단위: 천원)\n\n" + budget, "(단위: 억원)\n\n" + eok.replace("1.99\t0.91\t45.5", "1.99\t0.91\t47.5"))))
        assert errors(wrong) == ["단위사업 대외교류 활성화: 인쇄된 집행률 47.5% ≠ 집행액 ÷ 예산액 = 91,000 ÷ 199,000 = 45.7%"]  # beyond 1.985-1.995 and 0.905-0.915

    def test_a_programs_table_in_millions_with_one_decimal(self, tmp_path):
        """A program's 예산현황 in 백만원 to one decimal, its rate printed from the true amounts
        (28,750 ÷ 38,500 = 74.7%; printed 38.5 and 28.8 give 74.8%): that had been an error, the
        part I table alone being checked within its rounding. A split whose parts, each rounded,
        miss the total by less than their rounding is information; by more, an error."""
        old = "(단위: 천원)\n\n" + PROGRAM_TWO_TABLE
        def checked(table: str):
            report = load(tmp_path, variant(TEXT, (old, "(단위: 백만원)\n\n" + table)))
            f = report.findings
            return errors(report), f[(f["source_line"] == 142) & (f["severity"] == "info") & (f["check"] != "unit_link")]["check"].tolist()
        assert checked("예산액\t집행액\t집행률(%)\n38.5 (시 20.0, 구비 18.5)\t28.8 (시 20.0, 구비 8.8)\t74.7") == ([], ["rate"])
        assert checked("예산액\t집행액\t집행률(%)\n38.5 (시 20.0, 구비 18.6)\t28.8 (시 20.0, 구비 8.8)\t74.7") == ([], ["rate", "funding_sum"])
        wrong_split, _ = checked("예산액\t집행액\t집행률(%)\n38.5 (시 20.0, 구비 18.8)\t28.8 (시 20.0, 구비 8.8)\t74.7")
        assert wrong_split == ["실적 2 평화통일·남북교류협력 기반조성: 재원(시비 20,000, 구비 18,800)의 합 38,800 ≠ 예산액 38,500"]  # 300 > 3 × 50
        wrong_rate, _ = checked("예산액\t집행액\t집행률(%)\n38.5 (시 20.0, 구비 18.5)\t28.8 (시 20.0, 구비 8.8)\t76.7")
        assert wrong_rate == ["실적 2 평화통일·남북교류협력 기반조성: 인쇄된 집행률 76.7% ≠ 집행액 ÷ 예산액 = 28,800 ÷ 38,500 = 74.8%"]


class TestFundingColumnsUnderTheBudget:
    def test_a_sub_header_of_funding_sources(self, tmp_path, bundled):
        """'예 산 액' over 계 | 시비 | 구비 (a second header row of words): the sub-header had been
        read as a data row, and the report refused (no percentage in column 집행률). The 계
        column is the budget; the funding columns each unit's funding (budget_unit_funding;
        they had been named as unread)."""
        old = TestPolicyProgramColumn.BUDGET
        rows = old.split("\n")
        new = ["단위사업명\t예 산 액\t\t\t집 행 액\t집행률(%) (10. 31.기준)", "\t계\t시비\t구비\t\t"]
        for row in rows[1:]:
            cells = row.split("\t")
            new.append("\t".join([cells[0], cells[1], "-", cells[1], *cells[2:]]))
        report = load(tmp_path, variant(TEXT, (old, "\n".join(new))))
        same_tables(report, bundled, skip=("findings", "budget_unit_funding"))
        assert _unit_funding(report) == [(u, s, b if s == "구비" else 0, None) for u, b, _ in UNITS for s in ("시비", "구비")]
        assert errors(report) == [] and coverage(report) == (153, 153)  # 146 + 7 (146 of 153 before)


    def test_a_converter_that_repeats_merged_labels(self, bundled):
        """A Markdown converter writes a merged label in every cell it covered ('예 산 액' four
        times over 국비 | 시비 | 구비 | 계, '단위사업명' and '집행률(%) (10. 31.기준)' again in the second
        row): the second row had been read as data (refused). Same tables, and the funding each unit's."""
        report = analysis.load_report(LAYOUTS / "yeongdeungpo_2022_repeated_labels.md")
        same_tables(report, bundled, skip=("findings", "budget_unit_funding"))
        assert _unit_funding(report) == [(u, s, b if s == "구비" else 0, None) for u, b, _ in UNITS for s in ("국비", "시비", "구비")]
        assert report.findings.query("check == 'coverage' and severity == 'warning'").empty

    @pytest.mark.parametrize("total_first", [True, False])
    def test_a_programs_funding_by_columns(self, tmp_path, bundled, total_first):
        """A program's 예산현황 with 계 | 시비 | 구비 under both 예산액 and 집행액: read as the split
        the bundled report writes in its cells ('38,500 (시 20,000, 구비 18,500)'); it had been
        refused (a column the reader does not know, '시비'), and with 계 last the 시비 column had
        been taken for the whole."""
        subs, budget, executed = (["계", "시비", "구비"], ["38,500", "20,000", "18,500"], ["28,750", "20,000", "8,750"]) if total_first else (
            ["시비", "구비", "계"], ["20,000", "18,500", "38,500"], ["20,000", "8,750", "28,750"])
        new = "\t".join(["예 산 액", "", "", "집 행 액", "", "", "집행률(%)"]) + "\n" + "\t".join(subs * 2 + [""]) + "\n" + "\t".join(budget + executed + ["74.7"])
        report = load(tmp_path, variant(TEXT, (PROGRAM_TWO_TABLE, new)))
        same_tables(report, bundled, skip=("findings",))
        assert _funding(report, "actual", 2) == [("시비", 20000, 20000), ("구비", 18500, 8750)]
        assert errors(report) == [] and coverage(report) == (146, 146)  # the same 7 numbers, now in 7 cells


class TestMoneyInParagraphs:
    def test_an_amount_in_a_paragraph_nothing_read_is_named(self, tmp_path, bundled):
        """A '□ 소요예산' line inside a program of part II (after its 향후계획), and an amount in a
        현안 paragraph: stored nowhere and not counted (100% read). Every number of a paragraph
        with an amount of money (N천원, N백만원, N억원) is counted now, and named when not read."""
        report = load(tmp_path, variant(TEXT, ("□ 예산현황\n\n(단위: 천원)\n\n예 산 액\t집 행 액\t집행률(%)\n109,588",
                                               "□ 소요예산: 총 12,000천원(구비 12,000)\n\n□ 예산현황\n\n(단위: 천원)\n\n예 산 액\t집 행 액\t집행률(%)\n109,588")))
        same_tables(report, bundled, skip=("findings",))
        unread = report.findings.query("check == 'coverage' and severity == 'warning'")
        assert unread["expected"].tolist() == ["12,000", "12,000"] and coverage(report) == (148, 146)

class TestAngleBracketsInCells:
    def test_text_in_angle_brackets_is_the_reports(self, tmp_path):
        """'<신규>' after a unit project's name, '<script>…</script>' as one, and '(< 2 >)' in a
        cell of a tab-separated text: every '<…>' had been removed as markup (the unit stored as
        '건강특구 활성화', the script as 'alert(1)', the 2 of the name lost). Only the markup converters write
        in a cell (<br>, <ul>/<li>, <p>, <span>…) is markup; the rest is kept as printed."""
        report = load(tmp_path, variant(TEXT, ("건강특구 활성화\t10,000", "건강특구 활성화 <신규>\t10,000"), ("기본경비\t83,624", "<script>alert(1)</script> (< 2 >)\t83,624")))
        assert report.tables["budget_units"]["unit"].tolist()[1:5] == ["건강특구 활성화 <신규>", "국제금융특구 활성화", "의료관광 활성화", "<script>alert(1)</script> (< 2 >)"]
        assert errors(report) == []


class TestSecondBudgetTable:
    SECOND = ("\n\n○ 특별회계\n\n(단위: 천원)\n\n단위사업명\t예 산 액\t집 행 액\t집행률(%)\n계\t50,000\t20,000\t40.0\n"
              "주차장 특별회계 운영\t50,000\t20,000\t40.0\n")

    def test_read_with_its_account(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("내부거래지출 (기금전출금)\t100,000\t100,000\t100\n", "내부거래지출 (기금전출금)\t100,000\t100,000\t100\n" + self.SECOND)))
        b = report.tables["budget_units"]
        assert b[["account", "unit", "budget", "executed"]].values.tolist()[-2:] == [
            ["일반회계", "내부거래지출 (기금전출금)", 100000, 100000], ["특별회계", "주차장 특별회계 운영", 50000, 20000]]
        assert errors(report) == [] and coverage(report) == (152, 152)

    @pytest.mark.parametrize("note", ["※ 내부거래지출(기금전출금) 포함", "* 기금전출금 100,000천원 포함"])
    def test_a_note_over_the_table_names_no_account(self, tmp_path, bundled, note):
        """A note above the general account's table that mentions a fund: the table had been
        stored as the account '기금', with no finding."""
        report = load(tmp_path, variant(TEXT, ("(단위: 천원)\n\n단위사업명", f"(단위: 천원)\n{note}\n\n단위사업명")))
        assert report.tables["budget_units"]["account"].unique().tolist() == ["일반회계"]
        same_tables(report, bundled, skip=("findings",))

    @pytest.mark.parametrize("caption", ["○ 주차장특별회계 세출예산", "- 주차장 특별회계", "ㆍ 주차장특별회계 예산"])
    def test_an_account_named_with_more_words(self, tmp_path, caption):
        second = self.SECOND.replace("○ 특별회계", caption)
        report = load(tmp_path, variant(TEXT, ("내부거래지출 (기금전출금)\t100,000\t100,000\t100\n", "내부거래지출 (기금전출금)\t100,000\t100,000\t100\n" + second)))
        assert report.tables["budget_units"]["account"].tolist()[-1] == "주차장특별회계"

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
        assert coverage(report) == (149, 149)

    def test_none(self, bundled):
        assert len(bundled.tables["facilities"]) == 0

    @pytest.mark.parametrize("total, unread", [("1개소", []), ("2개소", ["2"])])
    def test_a_total_row_is_no_facility(self, tmp_path, total, unread):
        """'계 | 1개소' under the facilities had been stored as a facility named 계 at the location
        '1개소'. Its count is read where it is the number of facilities listed, else named."""
        table = f"시설명\t위치\t규모\n의료관광 안내센터\t영등포구 당산로 123\t85㎡\n계\t{total}\t\n"
        report = load(tmp_path, variant(TEXT, (": 해당없음\n", table)))
        assert report.tables["facilities"][["facility", "location", "size"]].values.tolist() == [["의료관광 안내센터", "영등포구 당산로 123", "85㎡"]]
        assert report.findings.query("check == 'coverage' and severity == 'warning'")["expected"].tolist() == unread

    def test_the_unit_in_the_size_header(self, tmp_path):
        """'면적(㎡)' over '120': the size had been stored as '120', its unit lost."""
        table = "시설명\t위치\t면적(㎡)\n의료관광 안내센터\t영등포구 당산로 123\t120\n홍보관\t당산동 1-2\t85.5\n"
        report = load(tmp_path, variant(TEXT, (": 해당없음\n", table)))
        assert report.tables["facilities"]["size"].tolist() == ["120㎡", "85.5㎡"]

    @pytest.mark.parametrize("header", ["규모(연면적 ㎡)", "면적(단위: ㎡)", "면적(㎡)"])
    def test_the_unit_in_a_size_header_that_says_more(self, tmp_path, header):
        """'규모(연면적 ㎡)' over '120' had been stored '120연면적 ㎡': the unit is the bracket's last word."""
        table = f"시설명\t위치\t{header}\n의료관광 안내센터\t영등포구 당산로 123\t120\n"
        report = load(tmp_path, variant(TEXT, (": 해당없음\n", table)))
        assert report.tables["facilities"]["size"].tolist() == ["120㎡"]

    @pytest.mark.parametrize("numbers, unread", [(("1", "2", "3"), []), (("1.", "2.", "3."), []), (("1", "2", "2"), ["2"])])
    def test_a_numbering_column(self, tmp_path, numbers, unread):
        """'구 분 | 시설명 | 위치 | 규모' over 1, 2, 3: the numbers had been named unread (3 warnings).
        They are ordinals, read where each is its row's place; one that is not stays named."""
        rows = [("의료관광 안내센터", "당산로 123", "85㎡"), ("홍보관", "당산동 1-2", "40㎡"), ("건강카페", "문래동 5", "1개소")]
        table = "구 분\t시설명\t위치\t규모\n" + "".join(f"{n}\t{a}\t{b}\t{c}\n" for n, (a, b, c) in zip(numbers, rows))
        report = load(tmp_path, variant(TEXT, (": 해당없음\n", table)))
        assert report.tables["facilities"][["facility", "location", "size"]].values.tolist() == [list(r) for r in rows]
        assert report.findings.query("check == 'coverage' and severity == 'warning'")[["expected", "source_loc"]].values.tolist() == [
            [u, "line 43, table 4, row 4, col 1"] for u in unread]

    def test_a_total_row_above_the_facilities(self, tmp_path):
        """'계 | 2개소' above the two facilities it counts: read, not named unread."""
        table = "시설명\t위치\t규모\n계\t2개소\t\n의료관광 안내센터\t영등포구 당산로 123\t85㎡\n홍보관\t당산동 1-2\t40㎡\n"
        report = load(tmp_path, variant(TEXT, (": 해당없음\n", table)))
        assert report.tables["facilities"]["facility"].tolist() == ["의료관광 안내센터", "홍보관"]
        assert report.findings.query("check == 'coverage' and severity == 'warning'")["expected"].tolist() == []

    def test_a_column_no_field_keeps_is_named(self, tmp_path):
        """A 연간 운영비(천원) column (and 수탁기관): the facilities table keeps facility, location,
        size and note; the amounts had been lost with 100% read. They are named as unread."""
        table = "시설명\t위치\t규모\t연간 운영비(천원)\t수탁기관\n의료관광 안내센터\t영등포구 당산로 123\t85㎡\t450,000\t(재)영등포복지재단\n"
        report = load(tmp_path, variant(TEXT, (": 해당없음\n", table)))
        assert report.tables["facilities"][["facility", "location", "size", "note"]].values.tolist() == [["의료관광 안내센터", "영등포구 당산로 123", "85㎡", ""]]
        unread = report.findings.query("check == 'coverage' and severity == 'warning'")
        assert unread["expected"].tolist() == ["450,000"] and coverage(report) == (149, 148)


class TestOtherTextFormats:
    @pytest.mark.parametrize("convert,suffix,fmt", [(to_markdown, ".md", "markdown"), (to_html, ".html", "html")])
    def test_the_whole_report(self, tmp_path, bundled, convert, suffix, fmt):
        report = load(tmp_path, convert(TEXT), "report" + suffix)
        same_tables(report, bundled)
        assert report.tables["reports"]["source_format"].tolist() == [fmt]
        assert coverage(report) == (146, 146)

    def test_text_with_no_table_says_so(self, tmp_path):
        """A PDF's text extraction without its layout (pdftotext, pdftotext -raw: each cell a line
        of its own) keeps no table; the message says to extract it with -layout, which keeps them."""
        with pytest.raises(ReportError, match="this text has no table .*extract it again with 'pdftotext -layout'.*or give the PDF, HWP or HWPX itself"):
            load(tmp_path, TEXT.replace("\t", "\n"), "pdftotext.txt")

    def test_tabs_made_spaces_are_not_columns(self, tmp_path):
        """Tabs replaced by three spaces: cells apart by spaces, but at no column (an empty cell is
        just a wider gap). The staffing header's grades, which line up with nothing, are not
        placed by a guess: the report is refused at the empty header, naming the line not read."""
        with pytest.raises(ReportError, match=r"pdftotext\.txt:32: expected a job category and grade over every staffing column \(column 4\), "
                                              r"found an empty header cell; line 33 was not read \(cells that stand about as near to other columns: '4급  5급"):
            load(tmp_path, TEXT.replace("\t", "   "), "pdftotext.txt")

    def test_html_on_one_line_with_page_numbers(self, tmp_path, bundled):
        """pyhwp's hwp5html writes the whole body on one line: every block stood 'near' every page
        number, so any text written twice (□ 예산현황, a team's name under two headings) was set
        aside as a running head and the report refused."""
        html = to_html(TEXT).replace("<p>□ 예산현황</p>", "<p>- 3 -</p><p>□ 예산현황</p>", 2)
        assert html.count("- 3 -") == 2
        same_tables(load(tmp_path, html.replace("\n", ""), "one_line.html"), bundled)

    def test_html_keeps_the_merged_staffing_header(self, tmp_path):
        path = tmp_path / "r.html"
        path.write_text(to_html(TEXT), encoding="utf-8")
        staffing = next(b for b in read_path(path).blocks if isinstance(b, Table) and b.rows()[0][0].text == "구 분")
        first = staffing.rows()[0]
        assert [(c.text, c.rowspan, c.colspan) for c in first] == [
            ("구 분", 2, 1), ("계", 2, 1), ("일 반 직", 1, 6), ("관리운영직", 1, 4), ("별정직·임기제", 1, 4)]


class TestPlansOnly:
    def test_a_report_of_plans_alone(self):
        """'2024년 주요업무 계획' whose part II is '2024년 주요업무 추진계획' (no results): refused
        ('expected section II. 주요업무 추진실적'). Read: its budget table and plans, an info
        finding that it has no results; 군 alone is the 군's own money (구비, as 군비)."""
        report = analysis.load_report(LAYOUTS / "gapyeong_tourism_2024_plans_only.txt")
        assert report.report_id == "가평군_관광과_2024_계획"  # (its own year's plans: report_key)
        assert report.tables["reports"][["year", "plan_year", "as_of"]].astype(str).values.tolist() == [["2024", "2024", "2024-01-01"]]
        p = report.tables["programs"]
        assert p[["stage", "program_no", "budget"]].values.tolist() == [["plan", 1, 500000], ["plan", 2, 1000000]]
        f = report.tables["program_funding"]
        assert f[["program_no", "source", "budget"]].values.tolist() == [[1, "도비", 100000], [1, "구비", 400000], [2, "국비", 300000], [2, "도비", 200000], [2, "구비", 500000]]
        assert report.findings.query("check == 'plans_only'")["severity"].tolist() == ["info"] and errors(report) == []


class TestReviewedRules:
    """Each rule of this day's fixes, where the first version of it misfired (a review of the change)."""

    def test_a_square_item_under_the_results_is_no_block(self, tmp_path, bundled):
        """'■ 공공부문 통일교육' as an item (as ○) under □ 주요 추진실적: only ■ before a block's own
        words ('■ 예산현황') heads a block; the item had ended the results (5 figures lost, 100%)."""
        lines = TEXT.split("\n")
        start = [k for k, line in enumerate(lines) if line == "□ 주요 추진실적"][1]  # program 2's
        end = next(k for k in range(start + 1, len(lines)) if lines[k].startswith("□"))
        lines[start:end] = [line.replace("○ ", "■ ", 1) if line.startswith("○ ") else line for line in lines[start:end]]
        report = load(tmp_path, "\n".join(lines))
        assert _metrics(report, 2) == _metrics(bundled, 2) and coverage(report) == (146, 146)

    def test_running_heads_of_each_chapter(self, bundled):
        """'Ⅰ. 일반현황' at the top of part I's pages, 'Ⅱ. …' of part II's: set aside (a chapter's
        head stands at fewer than half the page numbers)."""
        same_tables(analysis.load_report(LAYOUTS / "yeongdeungpo_2022_chapter_running_heads.txt"), bundled, skip=("findings",))

    @pytest.mark.parametrize("line,value", [("씨엠병원외 5개 기관", 6), ("(그 외 5개 기관)", 5)])
    def test_oe_after_an_institution_or_after_geu_in_brackets(self, tmp_path, line, value):
        report = load(tmp_path, variant(TEXT, ("씨엠병원 외 5개 기관", line)))
        assert value in report.tables["metrics"].query("program_no == 6 and unit == '기관'")["value"].tolist()

    def test_a_unit_and_a_date_split_by_a_slash(self, tmp_path):
        text = variant(TestMoneyUnit.in_won(TEXT), ("(단위: 천원)\n\n단위사업명", "(단위: 원/2022.10.31.기준)\n\n단위사업명"))
        assert units(load(tmp_path, text)) == UNITS

    def test_an_original_budget_beside_a_final_one_no_alias_knows_is_refused(self, tmp_path):
        table = BUDGET_TABLE.replace("단위사업명\t예 산 액", "단위사업명\t본예산\t최종 예산액")
        table = "\n".join([table.split("\n")[0]] + [f"{r.split(chr(9))[0]}\t1,000\t{chr(9).join(r.split(chr(9))[1:])}" for r in table.split("\n")[1:]])
        with pytest.raises(ReportError, match="a budget table header"):
            load(tmp_path, variant(TEXT, (BUDGET_TABLE, table)))

    def test_a_plan_budget_line_before_a_paragraph_of_1in(self, tmp_path, bundled):
        """'□ 소요예산: 총 63,553천원(구비 63,553)' then a paragraph starting '1인 가구…': the two had
        been joined as a number broken over lines (refused)."""
        old = "□ 소요예산: 총 63,553천원(구비 63,553)"
        report = load(tmp_path, variant(TEXT, (old, "□ 소요예산: 63,553\n1인 가구 지원 포함")))
        assert _program(report, "plan", 1)["budget"] == 63553

    def test_a_february_reports_two_year_columns(self):
        """'2023년 | 2024년' over the budget columns of February's 2024 report of 2023's results:
        the columns of part II's year (2023) are the table's (2024's budget had been stored)."""
        report = analysis.load_report(LAYOUTS / "yeongdeungpo_2024_february_two_year_columns.txt")
        assert report.tables["budget_units"][["unit", "budget", "executed"]].values.tolist()[:2] == [["대외교류 활성화", 150000, 120000], ["CSR 생태계 육성", 50000, 30000]]


class TestMixedMarkdown:
    def test_a_table_written_as_html_inside_markdown(self, tmp_path, bundled):
        """python-hwpx's export_rich_markdown and pandoc's gfm write a table with merged cells as
        HTML inside the Markdown: the file had been read as HTML, its Markdown lost ('no section
        heading'). Here the staffing table (merged header) as HTML, the rest as pipe tables."""
        md, html = to_markdown(TEXT), to_html(TEXT)
        staffing_html = re.search(r"<table>(?:(?!</table>).)*?구 분.*?</table>", html, re.S).group(0)
        lines = md.split("\n")
        start = next(k for k, line in enumerate(lines) if line.startswith("| 구 분"))
        end = next(k for k in range(start, len(lines)) if not lines[k].startswith("|"))
        mixed = "\n".join(lines[:start] + staffing_html.split("\n") + lines[end:])
        report = load(tmp_path, mixed, "rich.md")
        same_tables(report, bundled)
        assert report.tables["reports"]["source_format"].tolist() == ["markdown"] and coverage(report) == (146, 146)

    def test_pipe_tables_without_outer_pipes(self, tmp_path, bundled):
        """GFM allows a pipe table without its outer pipes ('a | b' over '---|---'): refused before,
        a table cell quoted as a section name ('I . 일반 현황 |')."""
        bare = [line[1:-1] if line.startswith("|") and line.endswith("|") else line for line in to_markdown(TEXT).split("\n")]
        assert sum(1 for line in bare if line.startswith("---")) > 10
        same_tables(load(tmp_path, "\n".join(bare), "gfm.md"), bundled)

    def test_an_empty_header_row_over_a_pipe_table(self, tmp_path, bundled):
        """pandoc writes an empty header row over a table that has none ('|  |  |' then the rule,
        then '| 연번 | 사 업 명 | 쪽 |'): the table of contents had not been found (refused)."""
        rule = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+$")
        out, lines = [], to_markdown(TEXT).split("\n")
        for k, line in enumerate(lines):
            if k + 1 < len(lines) and line.startswith("|") and rule.match(lines[k + 1]):
                out += ["|" + "   |" * (line.count("|") - 1), lines[k + 1], line]  # the header becomes the first row
            elif rule.match(line):
                continue
            else:
                out.append(line)
        assert sum(1 for line in out if line.startswith("|   |")) > 10
        same_tables(load(tmp_path, "\n".join(out), "pandoc.md"), bundled)


class TestLocalGovernments:
    @pytest.mark.parametrize("cover,district", [
        ("제280회 양평군의회 제2차 정례회", "양평군"), ("제310회 강릉시의회 제2차 정례회", "강릉시"),
        ("제315회 서울특별시의회 제2차 정례회", "서울특별시"), ("제370회 경기도의회 제2차 정례회", "경기도"),
        # a 시·도 before the place, with or without its space: kept with it, spaced (중구 is the name of
        # several: the two had been one district '중구'; the glued one, earlier, '부산광역시중구')
        ("제301회 대구광역시 중구의회 제2차 정례회", "대구광역시 중구"), ("제301회 부산광역시중구의회 제2차 정례회", "부산광역시 중구"),
        ("제300회 강원특별자치도 고성군의회 정례회", "강원특별자치도 고성군"), ("제280회 2022년도 양평군의회", "양평군"),
        ("제285회 강원도홍천군의회 제2차 정례회", "강원도 홍천군"), ("제101회 세종특별자치시의회 제2차 정례회", "세종특별자치시"),
        ("제401회 제주특별자치도의회 제2차 정례회", "제주특별자치도"), ("제301회 도봉구의회 제2차 정례회", "도봉구"),
    ])
    def test_district_from_the_cover(self, tmp_path, cover, district):
        report = load(tmp_path, variant(TEXT, ("제241회 구의회 제2차 정례회", cover)))
        assert report.report_id == f"{district}_비전협력과_2022"
        assert report.tables["reports"]["district"].tolist() == [district]

    @pytest.mark.parametrize("council,line,district", [
        ("제285회 홍천군의회 제2차 정례회", "홍천군 비전협력과", "홍천군"),
        ("제315회 서울특별시의회 제2차 정례회", "서울특별시 비전협력과", "서울특별시"),
        ("제241회 영등포구의회 제2차 정례회", "서울특별시 영등포구 비전협력과", "영등포구"),
        ("제370회 경기도의회 제2차 정례회", "경기도 비전협력과", "경기도"),
    ])
    def test_the_place_before_the_department_on_its_line(self, tmp_path, council, line, district):
        """'홍천군 교류협력과' on the cover had given the department 홍천군교류협력과 (a report_id of
        its own, apart from the department's other years), with a warning."""
        report = load(tmp_path, variant(TEXT, ("제241회 구의회 제2차 정례회", council), ("2022년 주요업무 보고\n", f"2022년 주요업무 보고\n\n{line}\n")))
        assert report.report_id == f"{district}_비전협력과_2022"
        assert "department" not in _checks(report, "warning")

    def test_a_title_with_another_report_before_it(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("2022년 주요업무 보고", "2022년도 행정사무감사 및 주요업무 보고")))
        assert report.report_id == "영등포구_비전협력과_2022" and "cover_year" not in _checks(report, "warning")

    @pytest.mark.parametrize("council,place,district", [
        ("군의회", "임실", "임실군"),  # a place ending in 실 (as 기획실 does): read as the place, not skipped for '보고 순서'
        ("시의회", "의정부", "의정부시"),
    ])
    def test_a_council_named_by_its_kind_and_the_place_on_the_slogan(self, tmp_path, council, place, district):
        report = load(tmp_path, variant(TEXT, ("제241회 구의회", f"제241회 {council}"), ("희망 행복 미래도시 영등포", f"희망 행복 미래도시 {place}")))
        assert report.report_id == f"{district}_비전협력과_2022"

    def test_a_district_office(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("제241회 구의회 제2차 정례회", "제241회 정례회"), ("희망 행복 미래도시 영등포", "부산광역시 해운대구청")))
        assert report.report_id == "부산광역시 해운대구_비전협력과_2022"  # (its 시·도 printed: kept, 해운대구 is one of a kind but 중구 is not)

    def test_the_bundled_cover(self, bundled):
        """'제241회 구의회' names no place: the slogan line '… 영등포' with 구의회 gives 영등포구."""
        assert bundled.report_id == REPORT_ID

    def test_no_local_government_on_the_cover(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("제241회 구의회 제2차 정례회", "제241회 정례회")))
        assert report.report_id == "미상_비전협력과_2022"
        assert "district" in report.findings.query("severity == 'warning'")["check"].tolist()


class TestBooklet:
    def test_two_departments_in_one_file(self, tmp_path, bundled):
        second = variant(TEXT, ("비전 협력과", "미래 전략과"), ("비전협력과 - (4)개팀", "미래전략과 - (4)개팀"))
        path = tmp_path / "booklet.txt"
        path.write_text(TEXT + "\n\n" + second, encoding="utf-8")
        reports = analysis.store.build.load_reports(path)
        assert [r.report_id for r in reports] == [REPORT_ID, "영등포구_미래전략과_2022"]
        for r in reports:
            same_tables(r, bundled, skip=("reports",), ignore=IDS)
            assert coverage(r) == (146, 146)
        assert reports[1].tables["budget_units"]["source_line"].tolist()[0] == 451 + 48  # its own lines, counted in the booklet
        with pytest.raises(ReportError, match="load_reports"):
            analysis.load_report(path)


    def test_a_department_page_without_its_own_cover(self, tmp_path, bundled):
        """The second department's page names it alone, then its part I (no 보고 순서, no title):
        it had been read as a second part I of the first report (an error)."""
        body = TEXT[TEXT.index("Ⅰ . 일반현황") if "Ⅰ . 일반현황" in TEXT else TEXT.index("I . 일반현황"):]
        second = variant(body, ("비전협력과 - (4)개팀", "미래전략과 - (4)개팀"))
        path = tmp_path / "booklet.txt"
        path.write_text(TEXT + "\n\n미래전략과\n\n" + second, encoding="utf-8")
        reports = analysis.store.build.load_reports(path)
        assert [r.report_id for r in reports] == [REPORT_ID, "영등포구_미래전략과_2022"]
        same_tables(reports[1], bundled, skip=("reports", "findings"), ignore=IDS)
        assert reports[1].tables["reports"][["year", "session"]].values.tolist() == [[2022, "제241회 구의회 제2차 정례회"]]  # the booklet's cover
        assert "cover_inherited" in reports[1].tables["findings"]["check"].tolist()

    def test_one_department_twice_in_a_booklet(self, tmp_path):
        """The same department and year twice: one error naming where the second one begins (its
        cover, line 3 of its text; it named line 1 of the file)."""
        path = tmp_path / "booklet.txt"
        path.write_text(TEXT + "\n\n" + TEXT, encoding="utf-8")
        with pytest.raises(ReportError) as e:
            analysis.store.build.load_reports(path)
        assert e.value.line == 451 + 3 and f"one report per department and year in a booklet ({REPORT_ID})" in str(e.value)
        assert "2 of them" in str(e.value)


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


# --- variants found by review: each once read silently wrong -----------------------------------

PROGRAM_ONE = "□ 예산현황\n\n(단위: 천원)\n\n예 산 액\t집 행 액\t집행률(%)\n109,588 (구비 109,588)\t33,184 (구비 33,184)\t30.3"
PROGRAM_TWO_TABLE = "예산액\t집행액\t집행률(%)\n38,500 (시 20,000, 구비 18,500)\t28,750 (시 20,000, 구비 8,750)\t74.7"


def _program(report, stage: str, no: int) -> dict:
    p = report.tables["programs"]
    (row,) = p[(p["stage"] == stage) & (p["program_no"] == no)].to_dict("records")
    return row


def _funding(report, stage: str, no: int) -> list[tuple]:
    f = report.tables["program_funding"]
    f = f[(f["stage"] == stage) & (f["program_no"] == no)]
    return [(r.source, int(r.budget), None if pd.isna(r.executed) else int(r.executed)) for r in f.itertuples()]


def _unit_funding(report) -> list[tuple]:
    f = report.tables["budget_unit_funding"]
    return [(r.unit, r.source, int(r.budget), None if pd.isna(r.executed) else int(r.executed)) for r in f.itertuples()]


class TestUnitProjectFunding:
    """The Part I budget table with 국비/시비/구비 columns beside the 예산액: the sources had been
    named unread (no table kept them). They are budget_unit_funding now, checked against the row."""

    SOURCES = {"대외교류 활성화": ("-", "20,000", "178,888"), "건강특구 활성화": ("-", "10,000", ""),
               "국제금융특구 활성화": ("10,000", "-", "180,400"), "의료관광 활성화": ("-", "-", "487,492"),
               "기본경비": ("-", "-", "83,624"), "내부거래지출 (기금전출금)": ("-", "-", "100,000")}

    def table(self, total=("10,000", "30,000", "1,030,404"), **change) -> str:
        rows = ["단위사업명\t예 산 액\t국 비\t시 비\t구 비\t집 행 액\t집행률(%) (10. 31.기준)", "\t".join(["계", "1,070,404", *total, "623,784", "58.3"])]
        for row in UNIT_ROWS:
            name, budget, executed, rate = row.split("\t")
            rows.append("\t".join([name, budget, *change.get(name, self.SOURCES[name]), executed, rate]))
        return "\n".join(rows)

    def test_sources_beside_the_budget(self, tmp_path, bundled):
        report = load(tmp_path, variant(TEXT, (BUDGET_TABLE, self.table())))
        same_tables(report, bundled, skip=("findings", "budget_unit_funding"))
        assert _unit_funding(report) == [
            ("대외교류 활성화", "국비", 0, None), ("대외교류 활성화", "시비", 20000, None), ("대외교류 활성화", "구비", 178888, None),
            ("건강특구 활성화", "국비", 0, None), ("건강특구 활성화", "시비", 10000, None),  # (a blank 구비: no such source)
            ("국제금융특구 활성화", "국비", 10000, None), ("국제금융특구 활성화", "시비", 0, None), ("국제금융특구 활성화", "구비", 180400, None),
            *((u, s, b if s == "구비" else 0, None) for u, b, _ in UNITS[3:] for s in ("국비", "시비", "구비"))]
        f = report.tables["budget_unit_funding"]
        assert f[["account", "source_line", "source_loc"]].iloc[2].tolist() == ["일반회계", 48, "line 48, table 4, row 3, col 5"]
        assert errors(report) == [] and coverage(report) == (157, 157)  # 146 + 11 (146 of 157 before)

    def test_sources_that_do_not_add_up(self, tmp_path):
        report = load(tmp_path, variant(TEXT, (BUDGET_TABLE, self.table(**{"국제금융특구 활성화": ("10,000", "-", "180,000")}))))
        f = report.findings.query("severity == 'error'")
        assert f[["check", "subject", "expected", "actual", "source_loc"]].values.tolist() == [
            ["funding_sum", "budget_units 국제금융특구 활성화 예산액", "190,400", "190,000", "line 50, table 4, row 5, col 1"],
            ["budget_total", "budget_units 계 구비 예산액", "1,030,004", "1,030,404", "line 47, table 4, row 2, col 5"]]
        assert f["message"].tolist() == [
            "단위사업 국제금융특구 활성화: 재원(국비 10,000, 시비 -, 구비 180,000)의 합 190,000 ≠ 예산액 190,400",
            "계 구비 예산액 1,030,404 ≠ 단위사업 구비 합계 1,030,004 (차이 400)"]

    def test_in_the_store_and_the_workbook_route(self, tmp_path):
        """Built (Parquet, the workbook report_tables.xlsx) and read back through the Excel route:
        the same rows, with Korean headers."""
        from analysis.interpret.workbook import korean_label, load_workbook_reports, write_template
        raw, out = tmp_path / "raw", tmp_path / "out"
        raw.mkdir()
        (raw / "v.txt").write_text(variant(TEXT, (BUDGET_TABLE, self.table())), encoding="utf-8")
        analysis.build(raw, out)
        stored = analysis.load_tables(out)["budget_unit_funding"]
        assert stored.dtypes.astype(str).tolist() == ["str", "str", "str", "str", "Int64", "Int64", "Int64", "str"]
        assert len(stored) == 17 and stored["budget"].sum() == 1070404
        back = load_workbook_reports(next(out.glob("**/report_tables.xlsx")))[0].tables["budget_unit_funding"]
        pd.testing.assert_frame_equal(back.drop(columns=["source_line"]), stored.drop(columns=["source_line"]))
        template = tmp_path / "t.xlsx"
        write_template(template)
        import openpyxl
        ws = openpyxl.load_workbook(template)["budget_unit_funding"]
        assert [c.value for c in ws[1]] == [korean_label("budget_unit_funding", c) for c in ("report_id", "account", "unit", "source", "budget", "executed", "source_line")]
        assert [c.value for c in ws[1]][3:6] == ["재원", "예산(천원)", "집행(천원)"]


def _checks(report, severity: str) -> list[str]:
    f = report.findings
    return f[f["severity"] == severity]["check"].tolist()


class TestUnitStatementsAsWritten:
    """The unit as offices write it: in any bracket, with 금액, without a colon, with other words
    in its bracket, after other units; each read, never 천원 assumed."""

    @pytest.mark.parametrize("statement", ["[단위: 원]", "(금액단위: 원)", "(단위 원)", "‹단위: 원>", "(단위: 원, %)", "※ 단위 : 원"])
    def test_a_unit_line(self, tmp_path, statement):
        report = load(tmp_path, variant(TestMoneyUnit.in_won(TEXT), ("(단위: 천원)\n\n단위사업명", f"{statement}\n\n단위사업명")))
        assert units(report) == UNITS and report.tables["reports"]["money_unit"].tolist() == ["원"]
        assert errors(report) == [] and "unit_unplaced" not in _checks(report, "warning")

    def test_with_the_as_of_date_on_the_heading_line(self, tmp_path):
        text = variant(
            TestMoneyUnit.in_won(TEXT), ("4 예 산 현 황\n\n(단위: 천원)\n", "4 예 산 현 황 (’22. 10. 31. 기준, 단위: 원)\n\n"),
            ("집행률(%) (10. 31.기준)", "집행률(%)"),
        )
        report = load(tmp_path, text)
        assert units(report) == UNITS and report.tables["reports"][["money_unit", "as_of"]].values.tolist() == [["원", "2022-10-31"]]

    @pytest.mark.parametrize("caption", ["(단위: 원, 2022. 10. 31. 현재)", "(단위: 원, 10. 31. 기준)", "(단위: 원, 10월말 기준)"])
    def test_the_unit_before_the_as_of_date(self, tmp_path, caption):
        """The unit first, then the date, in one bracket: refused before ('원,2022.10.31.현재' is no money unit)."""
        text = variant(TestMoneyUnit.in_won(TEXT), ("(단위: 천원)\n\n단위사업명", f"{caption}\n\n단위사업명"), ("집행률(%) (10. 31.기준)", "집행률(%)"))
        report = load(tmp_path, text)
        assert units(report) == UNITS and report.tables["reports"]["money_unit"].tolist() == ["원"]
        assert report.tables["reports"]["as_of"].tolist() == ["2022-10-31"]  # 10월말: the last day of October

    @pytest.mark.parametrize("header, as_of", [
        ("집행률(%) (2022. 10. 31.)", "2022-10-31"), ("집행률(%) (10. 31.)", "2022-10-31"), ("집행률(%) (10월말)", "2022-10-31"),
        ("집행률(%) (2022년 9월 30일)", "2022-09-30"),
    ])
    def test_a_date_alone_in_the_rate_header(self, tmp_path, header, as_of):
        """A date in brackets without 기준/현재 in the execution columns' header: it had been no
        as-of date (a warning, and no pace to compare the rates with)."""
        report = load(tmp_path, variant(TEXT, ("집행률(%) (10. 31.기준)", header)))
        assert report.tables["reports"]["as_of"].tolist() == [as_of]
        assert report.findings.query("check == 'as_of'").empty
        expected, read = coverage(report)
        assert expected == read

    @pytest.mark.parametrize("header, as_of", [("집 행 액 (10월말)", "2022-10-31"), ("집 행 액 (2022. 9. 30.)", "2022-09-30"), ("지 출 액(10. 31.)", "2022-10-31")])
    def test_a_date_alone_in_a_letter_spaced_execution_header(self, tmp_path, header, as_of):
        """'집 행 액 (10월말)' (the columns letter-spaced, as this report prints them): the date had
        been passed over (the test looked for '집행' in the text as printed), an as_of warning."""
        report = load(tmp_path, variant(TEXT, ("집 행 액\t집행률(%) (10. 31.기준)", f"{header}\t집행률(%)")))
        assert report.tables["reports"]["as_of"].tolist() == [as_of]
        assert report.findings.query("check == 'as_of'").empty

    def test_a_date_in_another_header_cell_is_no_as_of_date(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("집행률(%) (10. 31.기준)", "집행률(%)"), ("단위사업명\t예 산 액", "단위사업명 (2022. 1. 1.)\t예 산 액")))
        assert report.tables["reports"]["as_of"].isna().all()
        assert report.findings.query("check == 'as_of'")["severity"].tolist() == ["warning"]

    def test_the_unit_before_a_quarter(self, tmp_path):
        """'(단위: 원, 3/4분기 기준)': refused ('3' after splitting at the slash was no unit); the
        unit is read, the quarter is no date (a warning that the as-of date is missing)."""
        text = variant(TestMoneyUnit.in_won(TEXT), ("(단위: 천원)\n\n단위사업명", "(단위: 원, 3/4분기 기준)\n\n단위사업명"), ("집행률(%) (10. 31.기준)", "집행률(%)"))
        report = load(tmp_path, text)
        assert units(report) == UNITS and report.tables["reports"]["money_unit"].tolist() == ["원"]
        assert report.findings.query("check == 'as_of'")["severity"].tolist() == ["warning"]

    def test_a_unit_no_one_can_use_is_an_error(self, tmp_path):
        with pytest.raises(ReportError) as e:
            load(tmp_path, variant(TEXT, ("(단위: 천원)\n\n단위사업명", "(단위: 천원, 원)\n\n단위사업명")))
        assert e.value.line == 44 and "천원,원" in str(e.value)

    def test_a_program_unit_above_its_marker(self, tmp_path):
        text = variant(TEXT, (PROGRAM_ONE, PROGRAM_ONE.replace("□ 예산현황\n\n(단위: 천원)\n", "(단위: 원)\n\n□ 예산현황\n").replace("109,588", "109,588,000").replace("33,184", "33,184,000")))
        report = load(tmp_path, text)
        assert (_program(report, "actual", 1)["budget"], _program(report, "actual", 1)["executed"]) == (109588, 33184)
        assert _funding(report, "actual", 1) == [("구비", 109588, 33184)]
        assert "unit_unplaced" not in _checks(report, "warning")

    @pytest.mark.parametrize("where", [
        ("□ 예산현황\n\n(단위: 천원)\n", "□ 예산현황 (원)\n"),  # the unit alone in brackets on the marker line
        ("□ 예산현황\n\n(단위: 천원)\n", "□ 예산현황\n\n(원)\n"),  # … or on a line of its own
        ("□ 예산현황\n\n(단위: 천원)\n", "□ 예산현황\n"),  # … or '* 금액: 원' under the table
    ])
    def test_a_program_unit_in_brackets_or_as_the_amounts(self, tmp_path, where):
        """'□ 예산현황 (백만원)' and '* 금액: 백만원' had been passed over: the amounts were read in
        the report's 천원, 1,000 times too large (or too small), with no warning."""
        table = PROGRAM_ONE.replace(*where).replace("109,588", "109,588,000").replace("33,184", "33,184,000")
        if where[1] == "□ 예산현황\n":
            table += "\n* 금액: 원"
        report = load(tmp_path, variant(TEXT, (PROGRAM_ONE, table)))
        assert (_program(report, "actual", 1)["budget"], _program(report, "actual", 1)["executed"]) == (109588, 33184)
        assert _funding(report, "actual", 1) == [("구비", 109588, 33184)]
        assert errors(report) == [] and "unit_unplaced" not in _checks(report, "warning")

    def test_a_unit_line_no_table_took_is_named(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("□ 사업개요", "(단위: 원)\n\n□ 사업개요")))
        f = report.findings
        (row,) = f[f["check"] == "unit_unplaced"].to_dict("records")
        assert row["severity"] == "warning" and row["actual"] == "(단위: 원)" and "적용하지 못했습니다" in row["message"]


class TestAsOfAsWritten:
    @pytest.mark.parametrize(("cell", "as_of"), [
        ("(9월 30일 기준)", "2022-09-30"), ("(2022. 10. 31. 현재)", "2022-10-31"), ("('22. 9. 30. 기준)", "2022-09-30"), ("(10. 31.기준)", "2022-10-31"),
    ])
    def test_in_the_header(self, tmp_path, cell, as_of):
        report = load(tmp_path, variant(TEXT, ("집행률(%) (10. 31.기준)", f"집행률(%) {cell}")))
        assert report.tables["reports"]["as_of"].tolist() == [as_of] and "as_of" not in _checks(report, "warning")

    def test_on_the_unit_line(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("(단위: 천원)\n\n단위사업명", "(2022. 10. 31. 현재, 단위: 천원)\n\n단위사업명"), ("집행률(%) (10. 31.기준)", "집행률(%)")))
        assert report.tables["reports"][["as_of", "money_unit"]].values.tolist() == [["2022-10-31", "천원"]]

    def test_none_is_a_warning(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("집행률(%) (10. 31.기준)", "집행률(%)")))
        assert report.tables["reports"]["as_of"].isna().all()
        (row,) = report.findings[report.findings["check"] == "as_of"].to_dict("records")
        assert row["severity"] == "warning" and row["source_line"] == 42


class TestProgramRowsByLabel:
    """A program's 예산현황 rows chosen by what they are, not where they stand."""

    @pytest.mark.parametrize("rows", [
        "계\t38,500\t28,750\t74.7\n시비\t20,000\t20,000\t100\n구비\t18,500\t8,750\t47.3",
        "시비\t20,000\t20,000\t100\n구비\t18,500\t8,750\t47.3\n합 계\t38,500\t28,750\t74.7",
    ])
    def test_funding_by_rows_with_a_total(self, tmp_path, rows):
        report = load(tmp_path, variant(TEXT, (PROGRAM_TWO_TABLE, "구분\t예산액\t집행액\t집행률(%)\n" + rows)))
        two = _program(report, "actual", 2)
        assert (two["budget"], two["executed"], two["rate"]) == (38500, 28750, 74.7)
        assert _funding(report, "actual", 2) == [("시비", 20000, 20000), ("구비", 18500, 8750)]
        (used,) = report.findings[report.findings["check"] == "program_budget_rows"].to_dict("records")
        assert used["severity"] == "info" and "계 행" in used["message"] and errors(report) == []

    def test_funding_rows_that_do_not_add_up_are_an_error(self, tmp_path):
        rows = "계\t38,500\t28,750\t74.7\n시비\t20,000\t20,000\t100\n구비\t18,000\t8,750\t48.6"
        report = load(tmp_path, variant(TEXT, (PROGRAM_TWO_TABLE, "구분\t예산액\t집행액\t집행률(%)\n" + rows)))
        assert any("18,000" in m and "38,500" in m for m in errors(report))

    def test_funding_rows_without_a_total_are_summed_with_a_warning(self, tmp_path):
        rows = "시비\t20,000\t20,000\t100\n구비\t18,500\t8,750\t47.3"
        report = load(tmp_path, variant(TEXT, (PROGRAM_TWO_TABLE, "구분\t예산액\t집행액\t집행률(%)\n" + rows)))
        two = _program(report, "actual", 2)
        assert (two["budget"], two["executed"]) == (38500, 28750) and pd.isna(two["rate"])
        (used,) = report.findings[report.findings["check"] == "program_budget_rows"].to_dict("records")
        assert used["severity"] == "warning" and "합(38,500)" in used["message"]

    def test_the_final_budget_before_the_original(self, tmp_path):
        rows = "최종예산\t38,500 (시 20,000, 구비 18,500)\t28,750 (시 20,000, 구비 8,750)\t74.7\n당초예산\t30,000 (시 20,000, 구비 10,000)\t28,750 (시 20,000, 구비 8,750)\t95.8"
        report = load(tmp_path, variant(TEXT, (PROGRAM_TWO_TABLE, "구분\t예산액\t집행액\t집행률(%)\n" + rows)))
        two = _program(report, "actual", 2)
        assert (two["budget"], two["executed"]) == (38500, 28750)
        rows_t = report.tables["program_budget_rows"]
        assert rows_t[(rows_t["stage"] == "actual") & (rows_t["program_no"] == 2)][["row_label", "final"]].values.tolist() == [["최종예산", True], ["당초예산", False]]


class TestPartTitles:
    @pytest.mark.parametrize("title", ["Ⅲ . 2023년 주요업무 계획", "Ⅲ . 2023년 업무계획"])
    def test_plans_named_otherwise(self, tmp_path, bundled, title):
        report = load(tmp_path, variant(TEXT, ("III . 2023년 주요업무 추진계획\t· · · 11\n", ""), ("Ⅲ . 2023년 주요업무 추진계획", title)))
        same_tables(bundled, report, skip=("reports", "findings"))  # the contents line taken out: 2 numbers fewer
        assert "part_unknown" not in report.findings["check"].tolist() and errors(report) == []

    def test_a_part_no_one_knows_is_named(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("III . 2023년 주요업무 추진계획\t· · · 11\n", ""), ("Ⅲ . 2023년 주요업무 추진계획", "Ⅲ . 2023년 중점 과제")))
        assert (report.tables["programs"]["stage"] == "plan").sum() == 0
        (row,) = report.findings[report.findings["check"] == "part_unknown"].to_dict("records")
        assert row["severity"] == "warning" and row["source_line"] == 318 and "중점 과제" in row["message"]


class TestAmountsThatReadWrong:
    def test_a_full_stop_as_thousands_separator_is_named(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("109,588 (구비 109,588)\t33,184 (구비 33,184)", "109.588 (구비 109.588)\t33.184 (구비 33.184)")))
        (row,) = report.findings[report.findings["check"] == "amount_decimals"].to_dict("records")
        assert row["severity"] == "warning" and row["actual"] == "109.588, 33.184" and row["source_line"] == 106

    def test_three_decimals_of_a_million_won_are_whole(self, tmp_path):
        """1,070.404백만원 is 1,070,404천원: no warning."""
        table = "\n".join([BUDGET_HEADER] + [re.sub(r"\t(\d+),(\d{3})\t(\d+),(\d{3})\t", r"\t\1.\2\t\3.\4\t", row) for row in [TOTAL_ROW, *UNIT_ROWS]])
        report = load(tmp_path, variant(TEXT, (BUDGET_TABLE, table), ("(단위: 천원)\n\n단위사업명", "(단위: 백만원)\n\n단위사업명")))
        assert units(report) == UNITS and "amount_decimals" not in report.findings["check"].tolist()

    def test_a_subtotal_row_without_a_total(self, tmp_path):
        report = load(tmp_path, variant(TEXT, (TOTAL_ROW, "정책사업\t886,780\t462,119\t52.1")))
        (row,) = report.findings[report.findings["check"] == "budget_subtotal"].to_dict("records")
        assert row["severity"] == "error" and row["source_line"] == 47 and "4개 단위사업" in row["message"]

    def test_two_totals_that_differ(self, tmp_path):
        with pytest.raises(ReportError) as e:
            load(tmp_path, variant(TEXT, (UNIT_ROWS[-1], UNIT_ROWS[-1] + "\n합계\t1,170,404\t623,784\t58.3")))
        assert e.value.line == 54 and "1,070,404" in str(e.value) and "1,170,404" in str(e.value)


class TestCoverAndAccount:
    def test_session_dates_in_words(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("2022. 11. 21. ~ 12. 21.", "2022년 11월 21일 ~ 12월 21일")))
        assert report.tables["reports"][["session_start", "session_end"]].astype(str).values.tolist() == [["2022-11-21", "2022-12-21"]]

    def test_an_account_after_a_year(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("(단위: 천원)\n\n단위사업명", "2022년 일반회계 세출예산 (단위: 천원)\n\n단위사업명")))
        assert report.tables["budget_units"]["account"].unique().tolist() == ["일반회계"]


def _metrics(report, no: int) -> list[tuple]:
    m = report.tables["metrics"]
    return [(int(r.value), r.unit, r.kind) for r in m[m["program_no"] == no].itertuples()]


def _people(report) -> list[tuple]:
    """People reached per program and the cost per person (what a double count would change)."""
    p = measures.people_reached(report.tables, REPORT_ID)
    return [(int(r.program_no), int(r.people), float(r.cost_per_person)) for r in p.itertuples()]


class TestFiguresAsWritten:
    """Participation figures as offices write them: Korean magnitudes, 여, ordinals, changes,
    ranges and breakdowns; each read as a person reads it, or kept apart from what was achieved."""

    RESULT = "- 실 적: 영등포구 소속 직원 1,307명 수료"
    FINANCE = "- 금융역량 강화를 위한 맞춤형 구민 금융교육 실시: 13개 과정 40회 3,224명"

    @pytest.mark.parametrize(("old", "new", "no", "expected"), [
        (FINANCE, FINANCE.replace("3,224명", "연인원 1만 3,224명"), 4, (13224, "명", "result")),
        (FINANCE, FINANCE.replace("3,224명", "1만 2천명"), 4, (12000, "명", "result")),
        (RESULT, RESULT.replace("1,307명", "2,000여명"), 2, (2000, "명", "result")),
        ("성인·청소년 및 어린이 130명", "성인·청소년 및 어린이 1천명", 2, (1000, "명", "result")),
        ("디지털 홍보 23개소", "디지털 홍보 30여개소", 4, (30, "개소", "result")),
        (" - 팔로워수 146,867명", " - 팔로워수 14만 6,867명", 5, (146867, "명", "stock")),
    ])
    def test_korean_magnitudes_and_yeo(self, tmp_path, bundled, old, new, no, expected):
        report = load(tmp_path, variant(TEXT, (old, new)))
        got, base = _metrics(report, no), _metrics(bundled, no)
        assert expected in got and len(got) == len(base)
        assert coverage(report)[0] == coverage(report)[1]  # every figure read, as one number

    def test_an_ordinal_is_not_a_count(self, tmp_path, bundled):
        report = load(tmp_path, variant(TEXT, ("충남 청양군 「2022 청양 고추·구기자」 축제 우리 구 주민 참여", "충남 청양군 제15회 청양 고추·구기자 축제 우리 구 주민 30명 참여")))
        added = [r for r in _metrics(report, 1) if r not in _metrics(bundled, 1)]
        assert added == [(30, "명", "result")]
        m = report.tables["metrics"]
        assert m[(m["program_no"] == 1) & (m["value"] == 30)]["label"].str.contains("제15회").all()

    @pytest.mark.parametrize(("old", "new", "no", "change"), [
        ("취업준비생 14명", "취업준비생 14명(전년 대비 △5명)", 6, -5),  # △ is minus
        (RESULT, RESULT + "(전년 대비 207명 증가)", 2, 207),
    ])
    def test_a_change_is_not_a_result(self, tmp_path, bundled, old, new, no, change):
        report = load(tmp_path, variant(TEXT, (old, new)))
        assert [r for r in _metrics(report, no) if r not in _metrics(bundled, no)] == [(change, "명", "change")]
        assert _people(report) == _people(bundled)

    def test_a_range_keeps_its_ends_in_the_label(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("성인·청소년 및 어린이 130명", "성인·청소년 및 어린이 100~150명")))
        m = report.tables["metrics"]
        (row,) = m[(m["program_no"] == 2) & (m["kind"] == "range")].to_dict("records")
        assert row["value"] == 150 and row["label"].endswith("(100~150명)")

    @pytest.mark.parametrize("new", [
        FINANCE + "(어르신 1,200명, 청년 2,024명)",
        FINANCE.replace("3,224명", "(어르신 1,200명, 청년 2,024명) 3,224명"),
    ])
    def test_a_breakdown_is_not_counted_twice(self, tmp_path, bundled, new):
        report = load(tmp_path, variant(TEXT, (self.FINANCE, new)))
        assert sorted(_metrics(report, 4)) == sorted([*_metrics(bundled, 4), (1200, "명", "part"), (2024, "명", "part")])
        assert _people(report) == _people(bundled)

    @pytest.mark.parametrize("line,expected", [
        # another year's figure written with an apostrophe year in brackets, or a two-digit year: earlier
        ("(’21) 1,100명 → (’22) 1,350명", [(1100, "명", "earlier"), (1350, "명", "result")]),
        # a length of time is no year (근속 20년: not 2020; 30년 of a building: not 2030), nor a plan that was made
        ("근속 20년 12명, 준공 30년 5개소", [(5, "개소", "result"), (12, "명", "result")]),
        ("분야별 추진 계획 3건 수립", [(3, "건", "result")]),
        ("계획 3회 대비 1회 미달", [(1, "회", "change"), (3, "회", "target")]),
        # an average is no count
        ("총 4,501명(1일 평균 151명)", [(151, "명", "rate"), (4501, "명", "result")]),
        ("하루 평균 51건", [(51, "건", "rate")]),
        # done against a plan: the plan is a target, what was done a result
        ("계획 50회 중 48회 실시", [(48, "회", "result"), (50, "회", "target")]),
        # a breakdown in brackets after two figures, and one figure the brackets say is included
        ("1,023가구 1,587명 (귀농 112가구, 귀촌 911가구)", [(112, "가구", "part"), (911, "가구", "part"), (1023, "가구", "result"), (1587, "명", "result")]),
        ("1,200가구(기초수급 301가구 포함) 지원", [(301, "가구", "part"), (1200, "가구", "result")]),
    ])
    def test_kinds_of_figures_other_offices_write(self, tmp_path, bundled, line, expected):
        """Each had been stored as a result (1,100명 last year, 151명 a day, the plan's 50회, the
        112 and 911가구 of 1,023), counted twice in a program's people or households, 100% read."""
        report = load(tmp_path, variant(TEXT, (self.FINANCE, f"{self.FINANCE}\n- 참여: {line}")))
        added = sorted(r for r in _metrics(report, 4) if r not in _metrics(bundled, 4))
        assert added == sorted(expected)

    def test_this_years_plan_heading_under_the_results_keeps_them(self, tmp_path, bundled):
        """'○ 2022년 운영계획' in 2022's results is how this year's work was planned: the results
        after it are read (a later year's plan heading ends them)."""
        report = load(tmp_path, variant(TEXT, (self.FINANCE, f"○ 2022년 운영계획\n{self.FINANCE}")))
        assert _metrics(report, 4) == _metrics(bundled, 4)

    @pytest.mark.parametrize("heading", ["○ 2023년 계획", "○ 내년도 추진방향", "○ 2023년 운영계획"])
    def test_a_later_years_plan_under_the_results_is_no_result(self, tmp_path, bundled, heading):
        """'○ 2023년 계획' with '- 교육 확대: 52회 2,002명' under it, inside 주요 추진실적: the plan's
        figures had been stored as 2022's results."""
        last = " - 내용: 여의도 국제금융중심지 홍보영상·이미지 송출 (1일 100회)\n"
        report = load(tmp_path, variant(TEXT, (last, f"{last}{heading}\n- 교육 확대: 52회 2,002명\n")))
        assert _metrics(report, 4) == _metrics(bundled, 4)

    def test_countries(self, tmp_path, bundled):
        report = load(tmp_path, variant(TEXT, ("온라인 사진전 참가: 7~10월", "온라인 사진전 참가: 5개국 12개 도시")))
        assert sorted(r for r in _metrics(report, 1) if r not in _metrics(bundled, 1)) == [(5, "개국", "result"), (12, "개", "result")]

    def test_names_listed_before_oe_are_counted(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("여의도성모병원 외 9개 기관", "여의도성모병원, 한강성심병원 외 8개 기관")))
        assert (10, "기관", "result") in _metrics(report, 6)

    def test_oe_inside_a_word_or_after_geu_adds_no_name(self, tmp_path, bundled):
        """'외' counts a name only as a word of its own after one (병원 외 9개 기관: 10). In 야외,
        해외, 국내외 it is part of a word, and 그 외 names nobody: each had added 1 (야외 5회 read
        as 6회), with 100% read."""
        new = "여의도성모병원 외 9개 기관\n - 찾아가는 음악회: 실내 3회, 야외 5회\n - 해외 5개국, 국내외 12개 도시 방문\n - 민원 처리: 정보공개 120건, 그 외 5건"
        report = load(tmp_path, variant(TEXT, ("여의도성모병원 외 9개 기관", new)))
        added = sorted(r for r in _metrics(report, 6) if r not in _metrics(bundled, 6))
        assert added == [(3, "회", "result"), (5, "개국", "result"), (5, "건", "result"), (5, "회", "result"), (12, "개", "result"), (120, "건", "result")]
        assert (10, "기관", "result") in _metrics(report, 6)


class TestStaffingAndPlansAsWritten:
    STAFFING = (
        "구 분\t계\t일 반 직\t\t\t\t\t\t관리운영직\t\t\t\t별정직·임기제\t\t\t\n"
        "\t\t4급\t5급\t6급\t7급\t8급\t9급\t6급\t7급\t8급\t9급\t6급\t7급\t8급\t9급\n"
        "정 원\t15\t-\t1\t5\t5\t3\t1\t-\t-\t-\t-\t-\t-\t-\t-\n"
        "현 원\t15\t-\t1\t7\t3\t3\t1\t-\t-\t-\t-\t-\t-\t-\t-\n"
        "과부족\t-\t-\t-\t2\t△2\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-"
    )
    TOTAL_LAST = "구 분\t5급\t6급\t7급\t8급\t9급\t계\n정 원\t1\t5\t5\t3\t1\t{a}\n현 원\t1\t7\t3\t3\t1\t15\n과부족\t-\t2\t△2\t-\t-\t-"

    @pytest.mark.parametrize("one_header_row", [True, False])
    def test_a_row_of_another_kind_is_named_not_taken_for_a_header(self, tmp_path, one_header_row):
        """A 휴직자 row under 과부족. With a one-row header it had been taken for the grade row:
        every grade was stored as a category, the 휴직자 figures as grades, with 100% read."""
        staffing = self.TOTAL_LAST.format(a=15) if one_header_row else self.STAFFING
        extra = "휴직자\t1\t-\t1\t-\t-\t-" if one_header_row else "휴직자\t1\t-\t-\t1" + "\t-" * 12
        report = load(tmp_path, variant(TEXT, (self.STAFFING, staffing + "\n" + extra)))
        st = report.tables["staffing"]
        assert st[["category", "grade", "authorized", "current"]].values.tolist()[:3] == (
            [["", "5급", 1, 1], ["", "6급", 5, 7], ["", "7급", 5, 3]] if one_header_row else [["일반직", "4급", 0, 0], ["일반직", "5급", 1, 1], ["일반직", "6급", 5, 7]])
        f = report.findings
        (row,) = f[f["check"] == "staffing_row"].to_dict("records")
        line = 36 if one_header_row else 37  # the line under 과부족
        assert (row["severity"], row["actual"], row["source_line"]) == ("warning", "휴직자", line)
        unread = f[(f["check"] == "coverage") & (f["severity"] == "warning")]
        assert unread["expected"].tolist() == ["1", "1"] and set(unread["source_line"]) == {line}

    def test_a_category_with_no_grade_a_note_column_and_signed_gaps(self, tmp_path):
        """공무직 and 기간제 with no grade under them, a 비고 column, '+2' and '-2' in 과부족: each
        had been refused (an empty header cell; a number in column 비고; '+2' no number), and '-2'
        had been named as unread though read."""
        staffing = (
            "구 분\t계\t일반직\t\t\t\t\t공무직\t기간제\t비고\n"
            "\t\t5급\t6급\t7급\t8급\t9급\t\t\t\n"
            "정 원\t17\t1\t5\t5\t3\t1\t1\t1\t\n"
            "현 원\t17\t1\t7\t3\t3\t1\t1\t1\t육아휴직 1\n"
            "과부족\t-\t-\t+2\t-2\t-\t-\t-\t-\t"
        )
        report = load(tmp_path, variant(TEXT, (self.STAFFING, staffing)))
        st = report.tables["staffing"]
        assert st[["category", "grade", "authorized", "current", "gap"]].values.tolist() == [
            ["일반직", "5급", 1, 1, 0], ["일반직", "6급", 5, 7, 2], ["일반직", "7급", 5, 3, -2], ["일반직", "8급", 3, 3, 0], ["일반직", "9급", 1, 1, 0],
            ["공무직", "", 1, 1, 0], ["기간제", "", 1, 1, 0]]
        # the 1 of the note '육아휴직 1' is stored nowhere: named unread (it had been counted as read)
        assert errors(report) == [] and report.findings.query("check == 'coverage' and severity == 'warning'")["expected"].tolist() == ["1"]

    def test_the_total_column_last(self, tmp_path):
        report = load(tmp_path, variant(TEXT, (self.STAFFING, self.TOTAL_LAST.format(a=15))))
        st = report.tables["staffing"]
        assert st[["grade", "authorized", "current", "gap"]].values.tolist() == [
            ["5급", 1, 1, 0], ["6급", 5, 7, 2], ["7급", 5, 3, -2], ["8급", 3, 3, 0], ["9급", 1, 1, 0]]
        assert errors(report) == []

    def test_the_total_column_last_is_checked(self, tmp_path):
        report = load(tmp_path, variant(TEXT, (self.STAFFING, self.TOTAL_LAST.format(a=16))))
        assert any("16" in m and "15" in m for m in errors(report))

    def test_two_rows_of_one_kind_are_an_error(self, tmp_path):
        extra = "\n현원(휴직제외)\t14\t-\t1\t6\t3\t3\t1\t-\t-\t-\t-\t-\t-\t-\t-"
        with pytest.raises(ReportError) as e:
            load(tmp_path, variant(TEXT, ("현 원\t15\t-\t1\t7\t3\t3\t1\t-\t-\t-\t-\t-\t-\t-\t-", "현 원\t15\t-\t1\t7\t3\t3\t1\t-\t-\t-\t-\t-\t-\t-\t-" + extra)))
        assert e.value.line == 36 and "현원(휴직제외)" in str(e.value) and "line 35" in str(e.value)

    def test_a_plans_unit_in_its_label(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("□ 소요예산: 총 63,553천원(구비 63,553)", "□ 소요예산(백만원): 총 64(구비 64)")))
        assert _program(report, "plan", 1)["budget"] == 64000 and _funding(report, "plan", 1) == [("구비", 64000, None)]


class TestOrganisationAndPartnersAsWritten:
    TEAMS = "대외협력팀\t국제금융특구팀\t의료특구팀\t건강특구팀\n"
    DOMESTIC = "국내(6개)\t경남 고성군, 전남 영암군, 충남 청양군, 충북 충주시, 광주 남구, 경북 울릉군"

    @pytest.mark.parametrize("row", [
        "국내 6개\t경남 고성군, 전남 영암군, 충남 청양군, 충북 충주시, 광주 남구, 경북 울릉군",
        "국내(6개)\t경남 고성군·전남 영암군·충남 청양군·충북 충주시·광주 남구·경북 울릉군",
        "국내 (6개 도시)\t경남 고성군ㆍ전남 영암군ㆍ충남 청양군ㆍ충북 충주시ㆍ광주 남구ㆍ경북 울릉군",
    ], ids=["count-without-brackets", "middle-dots", "count-of-cities-and-ㆍ"])
    def test_partner_rows_as_other_offices_write_them(self, tmp_path, bundled, row):
        """'국내 6개' had refused the report; cities parted by '·' had become one city
        ('경남 고성군·전남 영암군·…·경북' 울릉군) with a count error."""
        report = load(tmp_path, variant(TEXT, (self.DOMESTIC, row)))
        same_tables(report, bundled, skip=("findings",))
        assert errors(report) == [] and coverage(report) == coverage(bundled)

    FOREIGN = "국외(4개)\t중국 문두구구, 일본 기시와다시, 미국 몬테레이파크시, 중국 황포구(우호)"

    @pytest.mark.parametrize("old, new", [
        (FOREIGN, FOREIGN.replace("국외(4개)", "국외(3개국 4개 도시)")),
        (FOREIGN, FOREIGN + "\n계\t10개 도시"),
        (FOREIGN, FOREIGN + "\n합계(10개)\t"),
    ], ids=["countries-and-cities", "total-row", "total-in-brackets"])
    def test_counts_of_countries_and_a_total_row(self, tmp_path, bundled, old, new):
        """'국외(3개국 4개 도시)' and a 계 row under the scopes had refused the report ('expected a
        partner-city row like …'): the countries are checked against the cities' regions, the 계
        against the cities listed, each read where it is so."""
        report = load(tmp_path, variant(TEXT, (old, new)))
        assert report.tables["partner_cities"].values.tolist() == bundled.tables["partner_cities"].values.tolist()
        assert errors(report) == []
        assert report.findings.query("check == 'coverage' and severity == 'warning'").empty

    @pytest.mark.parametrize("new, error", [
        (FOREIGN.replace("국외(4개)", "국외(2개국 4개 도시)"), "국외 결연도시의 나라가 2개국이라고 적혀 있으나 3개국(미국, 일본, 중국)이 나열되어 있습니다"),
        (FOREIGN + "\n계\t11개 도시", "결연도시 계가 11개라고 적혀 있으나 10개가 나열되어 있습니다"),
    ], ids=["countries", "total"])
    def test_counts_that_do_not_match(self, tmp_path, new, error):
        report = load(tmp_path, variant(TEXT, (self.FOREIGN, new)))
        assert sorted(set(errors(report))) == [error]

    def test_a_dot_inside_a_name_is_no_separator(self, tmp_path):
        """Parted by commas to the count stated, a '·' stays inside its city; a count that neither
        way gives is an error, the cities as the commas part them."""
        row = "국내(2개)\t경남 고성·통영군, 전남 영암군"
        report = load(tmp_path, variant(TEXT, (self.DOMESTIC, row)))
        pc = report.tables["partner_cities"].query("scope == '국내'")
        assert pc[["region", "city"]].values.tolist() == [["경남", "고성·통영군"], ["전남", "영암군"]]
        report = load(tmp_path, variant(TEXT, (self.DOMESTIC, row.replace("2개", "4개"))), "four.txt")
        assert report.tables["partner_cities"].query("scope == '국내'")["city"].tolist() == ["고성·통영군", "영암군"]
        assert errors(report) == ["국내 결연도시가 4개라고 적혀 있으나 2개가 나열되어 있습니다"]

    def test_a_head_of_department_column_is_no_team(self, tmp_path, bundled):
        text = TEXT.replace(self.TEAMS, "과장\t" + self.TEAMS, 1)
        i = text.index("과장\t" + self.TEAMS) + len("과장\t" + self.TEAMS)
        report = load(tmp_path, text[:i] + "과 업무 총괄\t" + text[i:])
        same_tables(bundled, report, skip=("reports",), ignore=("source_line", "source_loc"))
        assert coverage(report)[0] == coverage(report)[1]

    def test_no_team_table_names_what_was_found(self, tmp_path):
        text = TEXT.replace(self.TEAMS, "부서\t업무\t비고\t기타\n", 1)
        with pytest.raises(ReportError) as e:
            load(tmp_path, text)
        assert "teams and their duties" in str(e.value) and "'부서 | 업무 | 비고 | 기타'" in str(e.value)

    def test_a_year_or_a_longer_word_in_a_partners_brackets(self, tmp_path):
        row = "국내(6개)\t경남 고성군, 전남 영암군, 충남 청양군, 충북 충주시, 광주 남구, 경북 울릉군"
        text = variant(TEXT, (row, row.replace("경남 고성군", "경남 고성군(2008)")), ("중국 황포구(우호)", "중국 황포구(우호도시)"))
        pc = load(tmp_path, text).tables["partner_cities"]
        first = pc.drop_duplicates("city")
        assert first.set_index("city").loc[["고성군", "황포구"], "relation"].tolist() == ["결연", "우호"]
        f = load(tmp_path, text).findings
        assert f[f["check"] == "partner_note"]["message"].str.contains("2008").any()


class TestPlanBudgetLines:
    @pytest.mark.parametrize("line", [
        "□ 소요예산: 2023년 63,553천원(구비)", "□ 소요예산: 총 63,553천원(구비 63,553) ※ 2023년 본예산 기준",
        "□ 소요예산: 금63,553,000원(구비)", "□ 소요예산: 총 63,553천원(국비 0 구비 63,553)",
    ])
    def test_as_offices_write_them(self, tmp_path, bundled, line):
        """Each had been refused ('expected a plan budget like …')."""
        report = load(tmp_path, variant(TEXT, ("□ 소요예산: 총 63,553천원(구비 63,553)", line)))
        p = report.tables["programs"]
        assert p[p["stage"] == "plan"]["budget"].tolist() == bundled.tables["programs"].query("stage == 'plan'")["budget"].tolist()
        assert ("구비", 63553, None) in _funding(report, "plan", 1)


    def test_only_a_leading_year_is_the_plans(self, tmp_path):
        """The plan's year is taken off only where it leads the amount ('2023년 63,553천원'): a
        later module-level name had replaced that rule with a plan heading's, which took '내년' out
        of the middle of '6내년3,553' (read as 63,553) or a year out of the funding bracket. Nor is
        the 6 before '내년' an amount that opens the line."""
        with pytest.raises(ReportError, match="expected a plan budget like"):
            load(tmp_path, variant(TEXT, ("□ 소요예산: 총 63,553천원(구비 63,553)", "□ 소요예산: 총 6내년3,553천원(구비 63,553)")))
        report = load(tmp_path, variant(TEXT, ("□ 소요예산: 총 63,553천원(구비 63,553)", "□ 소요예산: 총 63,553천원(2023년 구비 63,553)")))
        assert _program(report, "plan", 1)["budget"] == 63553 and _funding(report, "plan", 1) == []  # (its bracket: unread, named)
        assert sorted(unread_numbers(report)) == ["2023", "63,553"]

    @pytest.mark.parametrize("line,rest,numbers", [
        ("□ 소요예산: 총 63,553천원(구비 63,553), 2024년 70,000천원", "', 2024년 70,000천원'", ["2024", "70,000"]),
        ("□ 소요예산: 총 63,553천원(’23년 본예산)", "'(’23년 본예산)'", ["23"]),
        ("□ 소요예산: 63,553천원 × 2년", "'× 2년'", ["2"]),
    ])
    def test_the_amount_that_opens_the_line(self, tmp_path, line, rest, numbers):
        """A plan line whose words after the amount are no funding split: the report had been
        refused whole. The amount that opens the line is the plan's, a warning names the rest, and
        its numbers stay unread (coverage names each)."""
        report = load(tmp_path, variant(TEXT, ("□ 소요예산: 총 63,553천원(구비 63,553)", line)))
        assert _program(report, "plan", 1)["budget"] == 63553
        (f,) = report.findings.query("check == 'number_note'").to_dict("records")
        assert (f["severity"], f["actual"], f["source_line"]) == ("warning", rest, 359)
        assert sorted(unread_numbers(report)) == sorted(numbers)

    @pytest.mark.parametrize("line", ["□ 소요예산: 총 63,553천원(구비 63,553천원 포함)", "□ 소요예산: 총 63,553천원(구비 63,5x3)"])
    def test_a_funding_split_that_does_not_read_is_refused(self, tmp_path, line):
        """A bracket that names a source is a split: one that does not read is refused, never passed over."""
        with pytest.raises(ReportError, match="expected a plan budget like"):
            load(tmp_path, variant(TEXT, ("□ 소요예산: 총 63,553천원(구비 63,553)", line)))

    @pytest.mark.parametrize("said", ["미정", "추후 확정"])
    def test_a_budget_not_yet_settled(self, tmp_path, said):
        """'□ 소요예산: 미정': no amount, a warning (the report had been refused whole)."""
        report = load(tmp_path, variant(TEXT, ("□ 소요예산: 총 63,553천원(구비 63,553)", f"□ 소요예산: {said}")))
        assert pd.isna(_program(report, "plan", 1)["budget"]) and _program(report, "plan", 2)["budget"] == 50000
        (f,) = report.findings.query("check == 'program_budget'").to_dict("records")
        assert f["severity"] == "warning" and "예산이 정해지지 않아" in f["message"] and errors(report) == []


class TestProgramHeadingsAsWritten:
    def test_the_team_in_brackets_after_the_heading(self, tmp_path, bundled):
        """'1 국내·외 도시교류 네트워크 확대 (대외협력팀)' with no team line: the bracket had stayed in
        the program's name (a program_name warning), its team inferred."""
        report = load(tmp_path, variant(TEXT, ("1 국내·외 도시교류 네트워크 확대\n\n대외협력팀\n", "1 국내·외 도시교류 네트워크 확대 (대외협력팀)\n")))
        same_tables(report, bundled, skip=("findings",))
        assert "program_name" not in report.findings["check"].tolist()

    def test_an_item_line_with_tab_stops(self, tmp_path, bundled):
        """'□ 예산현황⇥⇥⇥(단위: 천원)': a text export writes the tabs as a one-row table; the program's
        budget had been lost (its table not found after the marker)."""
        report = load(tmp_path, variant(TEXT, (PROGRAM_ONE, PROGRAM_ONE.replace("□ 예산현황\n\n(단위: 천원)", "□ 예산현황\t\t\t(단위: 천원)"))))
        same_tables(report, bundled, skip=("findings",))


class TestBudgetCellWithWordsAfter:
    ROW = "109,588 (구비 109,588)\t33,184 (구비 33,184)\t30.3"

    @pytest.mark.parametrize("cell,rest,numbers,funding", [
        ("109,588 (구비 109,588) ※추경 포함", "'※추경 포함'", [], [("구비", 109588, 33184)]),
        ("109,588 (’22 본예산)", "'(’22 본예산)'", ["22"], [("구비", None, 33184)]),  # (the 집행액's split kept, none of the budget made up)
    ])
    def test_the_amount_that_opens_the_cell(self, tmp_path, cell, rest, numbers, funding):
        """A 예산액 cell with a note after its amount: the report had been refused whole ('expected
        an amount like …'). The amount is read, a warning names the rest, its numbers unread."""
        report = load(tmp_path, variant(TEXT, (self.ROW, self.ROW.replace("109,588 (구비 109,588)", cell))))
        p = _program(report, "actual", 1)
        assert (p["budget"], p["executed"], p["rate"]) == (109588, 33184, 30.3)
        f = report.tables["program_funding"].query("stage == 'actual' and program_no == 1")
        assert [(r.source, None if pd.isna(r.budget) else int(r.budget), int(r.executed)) for r in f.itertuples()] == funding
        (f,) = report.findings.query("check == 'number_note'").to_dict("records")
        assert (f["actual"], f["source_line"]) == (rest, 106)
        assert unread_numbers(report) == numbers

    UNIT = "대외교류 활성화\t198,888\t90,527\t45.5"

    @pytest.mark.parametrize("row,warned,numbers", [
        ("대외교류 활성화\t198,888천원\t90,527천원\t45.5", None, []),  # the table's own unit said again
        ("대외교류 활성화\t198,888 (추경 포함)\t90,527\t45.5", "'198,888 (추경 포함)'", []),
        ("대외교류 활성화\t198,888 (구비 198,888)\t90,527\t45.5", "'198,888 (구비 198,888)'", ["198,888"]),  # no column keeps a split here
    ])
    def test_a_unit_projects_cell(self, tmp_path, bundled, row, warned, numbers):
        """The unit table's 예산액 cell with its unit or a note: the report had been refused whole."""
        report = load(tmp_path, variant(TEXT, (self.UNIT, row)))
        assert units(report) == units(bundled)
        f = report.findings.query("check == 'number_note'")
        assert f["actual"].tolist() == ([warned] if warned else [])
        assert unread_numbers(report) == numbers

    @pytest.mark.parametrize("cell,expected", [
        ("198,888원", "expected a number in column 예산액 in the table's unit (천원), found '198,888원'"),  # which is meant: for the report to say
        ("198,88O", "expected a number in column 예산액, found '198,88O'"),  # not the 198 before it
        ("1 98,888", "expected a number in column 예산액, found '1 98,888'"),  # one number with a space in it, not 1
    ])
    def test_a_unit_projects_cell_still_refused(self, tmp_path, cell, expected):
        with pytest.raises(ReportError, match=re.escape(expected)):
            load(tmp_path, variant(TEXT, (self.UNIT, self.UNIT.replace("198,888", cell))))

    def test_a_cell_cut_short_is_still_refused(self, tmp_path):
        with pytest.raises(ReportError, match="expected an amount like"):
            load(tmp_path, variant(TEXT, (self.ROW, self.ROW.replace("109,588 (구비 109,588)", "109,588 (구비 109,588"))))


class TestStaffingCellsWithNotes:
    ROW = "현 원\t15\t-\t1\t7\t3"

    @pytest.mark.parametrize("row,warned,numbers", [
        ("현 원\t15명\t-\t1\t7\t3", None, []),  # its counter word
        ("현 원\t15\t-\t1\t7(1)\t3", "'7(1)'", ["1"]),
        ("현 원\t15\t-\t1\t7 (휴직 1)\t3", "'7 (휴직 1)'", ["1"]),
        ("현 원\t15\t-\t1\t7*\t3", "'7*'", []),  # a footnote's mark
    ])
    def test_read_with_the_note_named(self, tmp_path, bundled, row, warned, numbers):
        """A staffing cell with its counter word or a note after the number had refused the report."""
        report = load(tmp_path, variant(TEXT, (self.ROW, row)))
        cols = ["category", "grade", "authorized", "current", "gap"]
        pd.testing.assert_frame_equal(report.tables["staffing"][cols], bundled.tables["staffing"][cols])
        f = report.findings.query("check == 'number_note'")
        assert f["actual"].tolist() == ([warned] if warned else []) and errors(report) == []
        assert unread_numbers(report) == numbers

    @pytest.mark.parametrize("cell", ["7 1", "7x", "&"])
    def test_still_refused(self, tmp_path, cell):
        with pytest.raises(ReportError, match=re.escape(f"expected a number in column 6급 of 현원, found '{cell}'")):
            load(tmp_path, variant(TEXT, (self.ROW, self.ROW.replace("\t7\t", f"\t{cell}\t"))))


class TestNoBudget:
    @pytest.mark.parametrize("stated", ["□ 예산현황: 비예산", "□ 예산현황\n\n해당 없음", "□ 예산현황 (비예산)"])
    def test_a_program_with_no_budget(self, tmp_path, bundled, stated):
        """'□ 예산현황: 비예산': refused before, the next program's heading quoted as the table."""
        report = load(tmp_path, variant(TEXT, (PROGRAM_ONE, stated)))
        p = _program(report, "actual", 1)
        assert (p["budget"], p["executed"]) == (None, None) or (pd.isna(p["budget"]) and pd.isna(p["executed"]))
        (f,) = report.findings.query("check == 'program_budget'").to_dict("records")
        assert f["severity"] == "info" and "비예산 사업" in f["message"]
        assert _program(report, "actual", 2)["budget"] == _program(bundled, "actual", 2)["budget"]
        assert errors(report) == [] and coverage(report) == (146 - 5, 146 - 5)  # program 1's table and its 5 numbers are gone


class TestResultsYear:
    @pytest.mark.parametrize(("title", "severity"), [("2021년 주요업무 추진실적", "info"), ("2019년 주요업무 추진실적", "warning")])
    def test_results_of_the_year_the_title_names(self, tmp_path, title, severity):
        """A report given early in the year reports the year before ('2023년 주요업무 보고' in
        February, 'Ⅱ. 2022년 주요업무 추진실적'): its results had been stored under the cover's year."""
        report = load(tmp_path, variant(TEXT, ("Ⅱ . 주요업무 추진실적\n", f"Ⅱ . {title}\n")))
        p, m = report.tables["programs"], report.tables["metrics"]
        said = int(title[:4])
        assert set(p[p["stage"] == "actual"]["year"]) == {said} and set(m["year"]) == {said}
        assert set(p[p["stage"] == "plan"]["year"]) == {2023} and report.tables["reports"]["year"].tolist() == [2022]
        f = report.findings
        (row,) = f[f["check"] == "results_year"].to_dict("records")
        assert (row["severity"], row["expected"], row["actual"], row["source_line"]) == (severity, "2022", str(said), 55)


    @pytest.mark.parametrize("session", ["2023. 2. 20. ~ 2. 28.", ""])
    def test_a_february_reports_year_end_date_is_last_years(self, tmp_path, session):
        """'12. 31. 기준' in February's 2023년 주요업무 보고 of 2022's results is 2022-12-31, with the
        session's dates or without them (no session printed: it had been 2023-12-31, a date after
        the report, and every pace computed from it 100%)."""
        report = load(tmp_path, variant(TEXT, ("2022년 주요업무 보고", "2023년 주요업무 보고"), ("2022. 11. 21. ~ 12. 21.", session),
                                         ("Ⅱ . 주요업무 추진실적\n", "Ⅱ . 2022년 주요업무 추진실적\n"), ("(10. 31.기준)", "(12. 31.기준)")))
        assert report.tables["reports"]["as_of"].astype(str).tolist() == ["2022-12-31"]
        assert set(report.tables["budget_units"]["as_of"].astype(str)) == {"2022-12-31"}
        (f,) = report.findings.query("check == 'as_of'").to_dict("records")
        assert f["severity"] == "info" and "2022-12-31로 읽습니다" in f["message"]

    @pytest.mark.parametrize("written,said", [
        ("(2021. 10. 31.기준)", "예산현황의 기준일 2021-10-31이 실적 연도 2022년보다 앞섭니다"),  # last year's date left in
        ("(3. 31.기준)", "예산현황의 기준일 2022-03-31이 회기 시작(2022-11-21)보다 235일 앞섭니다"),
    ])
    def test_an_as_of_date_long_before_the_session_is_a_warning(self, tmp_path, written, said):
        """The pace the rates are compared with comes from the as-of date: one of last year, or
        months before the session, had passed without a word (faults5 saw '5. 31.')."""
        report = load(tmp_path, variant(TEXT, ("(10. 31.기준)", written)))
        (f,) = report.findings.query("check == 'as_of'").to_dict("records")
        assert f["severity"] == "warning" and f["message"].startswith(said)

    def test_an_as_of_date_after_the_session_is_a_warning(self, tmp_path):
        """'12. 31. 기준' in a report to a November session: a misprint (the rates would be compared
        with the whole year gone); it had passed without a word."""
        report = load(tmp_path, variant(TEXT, ("(10. 31.기준)", "(12. 31.기준)")))
        (f,) = report.findings.query("check == 'as_of'").to_dict("records")
        assert (f["severity"], f["actual"]) == ("warning", "2022-12-31") and "회기(2022-11-21~2022-12-21)가 끝난 뒤" in f["message"]


class TestResultsHeading:
    def test_without_its_typed_box(self, tmp_path, bundled):
        """'주요 추진실적' alone on its line (the □ drawn by the word processor's bullets)."""
        report = load(tmp_path, TEXT.replace("□ 주요 추진실적", "주요 추진실적"))
        cols = ["program_no", "value", "unit", "kind"]
        assert report.tables["metrics"][cols].values.tolist() == bundled.tables["metrics"][cols].values.tolist()

    @pytest.mark.parametrize("mark", ["○ ", "- ", ""])
    def test_plans_under_the_results_are_no_results(self, tmp_path, bundled, mark):
        """'○ 향후계획' inside the results (□ 추진실적 및 향후계획): what follows is planned. Its
        2회 and 100명 had been stored as achieved, under the label '향후계획 — …'."""
        end = "- 내 용: 경기 파주시 비무장지대(DMZ) 안보·체험시설 견학 등"  # program 2's last result
        text = variant(TEXT, ("□ 주요 추진실적\n\n○ 2022년도", "□ 추진실적 및 향후계획\n\n○ 2022년도"), (end, f"{end}\n\n{mark}향후계획\n\n- 어르신 통일교육 추가 실시: 2회 100명"))
        report = load(tmp_path, text)
        cols = ["program_no", "value", "unit", "kind"]
        assert report.tables["metrics"][cols].values.tolist() == bundled.tables["metrics"][cols].values.tolist()

    @pytest.mark.parametrize(("written", "kind"), [("(2021년 1,150명)", "earlier"), ("(전년 1,150명)", "earlier"), ("(’21년 실적 1,150명)", "earlier"), ("(2023년 1,150명)", "target"), ("(2022년 1,150명)", "result")])
    def test_another_years_figure_is_no_result(self, tmp_path, written, kind):
        """'1,307명 수료 (2021년 1,150명)': last year's figure, printed to compare, had been stored
        as this year's result and counted among the people reached."""
        report = load(tmp_path, variant(TEXT, ("영등포구 소속 직원 1,307명 수료", f"영등포구 소속 직원 1,307명 수료 {written}")))
        m = report.tables["metrics"]
        assert m[m["source_line"] == 122][["value", "kind"]].values.tolist() == [[1307, "result"], [1150, kind]]
        assert coverage(report) == (147, 147)

    def test_done_against_a_target_is_a_result(self, tmp_path):
        """'목표 1회 대비 2회 실시': the 2회 done had been a change (a difference), left out of results."""
        report = load(tmp_path, variant(TEXT, ("서면회의 2회 실시", "서면회의 목표 1회 대비 2회 실시")))
        m = report.tables["metrics"]
        assert m[(m["program_no"] == 2) & (m["unit"] == "회")][["value", "kind"]].values.tolist() == [[1, "target"], [2, "result"]]

    @pytest.mark.parametrize(("line", "expected"), [
        ("- 2021년 실적: 430명", [(430, "명", "earlier")]),  # the year in the key
        ("- 전년도 참여: 8개교", [(8, "개교", "earlier")]),
        ("- 참여 학교: 전년(8개교) 대비 2개교 증가", [(8, "개교", "earlier"), (2, "개교", "change")]),
        ("- 민원 처리: 누계 1,230건", [(1230, "건", "stock")]),
        ("- 취업 지원: 15명 중 9명 취업", [(15, "명", "result"), (9, "명", "part")]),  # not 24 people
        ("- 다문화가정 방문 상담: 25세대", [(25, "세대", "result")]),  # households (a counter word since test_offices' 98세대; it had been named as unread)
        ("- 통일 체험버스 지원: 3대", []),
        ("- 6.25전쟁 72주년 기념행사 개최", []),
        ("- 65세 이상 20대 청년 1,000명", [(1000, "명", "result")]),
    ])
    def test_results_lines_as_offices_write_them(self, tmp_path, line, expected):
        """Each had been stored wrong or lost: another year's figure (in the key, or bracketed after
        전년) as this year's result, a 누계 as a result, a subset counted again, 25세대 and 3대
        dropped without a word (세 and 대 were taken for ages), 6.25전쟁 named as unread."""
        end = "- 내 용: 경기 파주시 비무장지대(DMZ) 안보·체험시설 견학 등"
        report = load(tmp_path, variant(TEXT, (end, f"{end}\n{line}")))
        m = report.tables["metrics"]
        assert [tuple(r) for r in m[m["source_line"] == 136][["value", "unit", "kind"]].values.tolist()] == expected
        unread = report.findings.query("check == 'coverage' and severity == 'warning'")["expected"].tolist()
        assert unread == (["3대"] if "3대" in line else [])

    def test_a_heading_no_one_knows_is_named(self, tmp_path, bundled):
        text = TEXT.split("\n")
        at = [k for k, line in enumerate(text) if line == "□ 주요 추진실적"][3]  # program 4's
        text[at] = "□ 추진 성과"
        report = load(tmp_path, "\n".join(text))
        assert _metrics(report, 4) == [] and _metrics(bundled, 4) != []
        (row,) = report.findings[report.findings["check"] == "results_missing"].to_dict("records")
        assert row["severity"] == "warning" and row["subject"].startswith("actual 4 ") and "참여 수치 7개" in row["message"]  # 6 read in the bundled report, and one in its 사업개요
        unread = report.findings.query("check == 'coverage' and severity == 'warning'")  # counted, each named: 100% had been printed
        assert len(unread) == 7 and coverage(report) == (147, 140)


class TestMergedCells:
    ROW = "<td>정 원</td>\n<td>15</td>\n<td>-</td>\n<td>1</td>\n<td>5</td>\n<td>5</td>\n<td>3</td>\n<td>1</td>\n<td>-</td>\n<td>-</td>\n<td>-</td>\n<td>-</td>\n"

    def test_a_dash_merged_across_grades_is_zero_in_each(self, tmp_path, bundled):
        """'-' drawn once across four grades (관리운영직 6급-9급): none in each, as printed; the
        error it gave is gone and the tables are the bundled report's."""
        html = to_html(TEXT)
        assert self.ROW in html
        merged = self.ROW.replace("<td>-</td>\n<td>-</td>\n<td>-</td>\n<td>-</td>\n", '<td colspan="4">-</td>\n')
        report = load(tmp_path, html.replace(self.ROW, merged, 1), "merged.html")
        same_tables(report, bundled, skip=("reports", "findings"))
        assert report.tables["staffing"].query("category == '관리운영직'")["authorized"].tolist() == [0, 0, 0, 0]

    def test_a_number_merged_across_grades_is_named(self, tmp_path):
        """A number drawn once across two grades: whose it is cannot be known; the error names
        the merged cell, not an empty one."""
        html = to_html(TEXT)
        merged = self.ROW.replace("<td>5</td>\n<td>5</td>\n", '<td colspan="2">5</td>\n')
        with pytest.raises(ReportError) as e:
            load(tmp_path, html.replace(self.ROW, merged, 1), "merged.html")
        assert "the merged cell at" in str(e.value) and "('5')" in str(e.value) and "found ''" not in str(e.value)


def warnings(report, check: str) -> list[str]:
    f = report.findings
    return f[(f["severity"] == "warning") & (f["check"] == check)]["message"].tolist()


class TestMutatedNumbers:
    """A number on the cover, in a date or in the results changed as a typist might: read as
    written, or named by a finding; never another number in silence (found by mutating every
    number of the test reports)."""

    def test_a_title_without_its_year_takes_the_sessions(self, tmp_path, bundled):
        """'2022 주요업무 보고': the year was taken from the contents' 'III. 2023년 주요업무
        추진계획', so every 2022 row read 2023 and the real 2023 report was rejected as a copy."""
        report = load(tmp_path, variant(TEXT, ("2022년 주요업무 보고", "2022 주요업무 보고")))
        assert report.report_id == REPORT_ID
        assert report.tables["reports"][["year", "plan_year", "as_of"]].values.tolist() == [[2022, 2023, "2022-10-31"]]
        assert report.tables["reports"]["title"].tolist() == ["2022 주요업무 보고"]  # (as printed)
        same_tables(report, bundled, ignore=("title",))

    def test_a_title_over_two_lines_is_one_title(self, tmp_path, bundled):
        report = load(tmp_path, variant(TEXT, ("2022년 주요업무 보고", "2022년도\n주요업무 보고")))
        assert report.tables["reports"][["year", "title"]].values.tolist() == [[2022, "2022년도 주요업무 보고"]]

    def test_a_plan_year_that_does_not_follow_the_report(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("III . 2023년 주요업무 추진계획\t", "III . 2025년 주요업무 추진계획\t"), ("Ⅲ . 2023년 주요업무 추진계획", "Ⅲ . 2025년 주요업무 추진계획")))
        assert warnings(report, "plan_year") == ["계획 부분 '2025년 주요업무 추진계획'의 연도 2025년이 보고 연도 2022년과 맞지 않습니다: 표지의 연도를 확인하세요"]

    @pytest.mark.parametrize(("written", "value"), [("(전년 대비 △1,200명)", -1200), ("(전년 대비 1,200명 감소)", -1200), ("(전년 대비 1,200명 증가)", 1200), ("(전년 대비 ▲1,200명)", 1200)])
    def test_a_change_keeps_its_sign(self, tmp_path, written, value):
        """△1,200명 and 1,200명 감소 are a fall of 1,200 (the value read 1,200, a rise)."""
        report = load(tmp_path, variant(TEXT, ("- 팔로워수 146,867명", f"- 팔로워수 146,867명{written}")))
        m = report.tables["metrics"]
        assert m.loc[m["kind"] == "change", "value"].tolist() == [value]
        assert m.loc[m["label"].str.contains("팔로워수") & (m["kind"] == "stock"), "value"].tolist() == [146867]

    def test_a_broken_as_of_date_is_no_date(self, tmp_path):
        """'(10. 3.1.기준)' read as 3월 1일 (the pace 16% instead of 83%); now no date, and a warning."""
        report = load(tmp_path, variant(TEXT, ("(10. 31.기준)", "(10. 3.1.기준)")))
        assert report.tables["reports"]["as_of"].isna().all() and report.tables["budget_units"]["as_of"].isna().all()
        assert len(warnings(report, "as_of")) == 1

    @pytest.mark.parametrize("dates", ["2022. 11. △21. ~ 12. 21.", "2022. 11. 21. ~ 12. 2.1.", "2022. . 21. ~ 12. 21."])
    def test_session_dates_that_do_not_read(self, tmp_path, dates):
        """No date, or half a date (12. 2.1. read as 12월 2일), was kept in silence."""
        report = load(tmp_path, variant(TEXT, ("2022. 11. 21. ~ 12. 21.", dates)))
        assert report.tables["reports"][["session_start", "session_end"]].isna().all(axis=None)
        assert warnings(report, "session_dates") == [f"표지의 회기 날짜 {dates!r}(5행)를 날짜로 읽을 수 없어 회기 시작·끝 날짜를 비워 두었습니다"]

    def test_a_session_number_as_written(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("제241회 구의회", "제2,41회 구의회")))
        assert report.tables["reports"]["session"].tolist() == ["제2,41회 구의회 제2차 정례회"]

    @pytest.mark.parametrize("cover, session", [
        ("제241회 영등포구의회(제2차 정례회)", "제241회 영등포구의회(제2차 정례회)"),
        ("제241회 영등포구의회 (정례회) 업무보고", "제241회 영등포구의회 (정례회)"),
        ("제241회 영등포구의회 제2차 정례회 (2022. 11. 21. ~ 12. 21.)", "제241회 영등포구의회 제2차 정례회"),
    ])
    def test_a_session_in_brackets_keeps_its_closing_bracket(self, tmp_path, cover, session):
        """'제241회 영등포구의회(제2차 정례회)' had been stored without its ')', as the briefing's
        source line then printed it."""
        report = load(tmp_path, variant(TEXT, ("제241회 구의회 제2차 정례회", cover)))
        assert report.tables["reports"][["district", "session"]].values.tolist() == [["영등포구", session]]

    def test_a_sub_heading_without_its_number(self, tmp_path):
        """'조 직' without its '1': the teams were not read, and nothing said so."""
        text = (REPORT_PATH.parents[2] / "tests" / "data" / "mapo_jobs_2023_million.txt").read_text(encoding="utf-8")
        report = load(tmp_path, variant(text, ("1 조 직", "조 직")))
        assert report.tables["teams"].empty
        assert [m.split(" 항목")[0] for m in warnings(report, "subsection_missing")] == ["일반현황(8행)에서 '조직'"]

    def test_a_fraction_of_a_person(self, tmp_path):
        """A headcount of 0.5 was stored as 0."""
        with pytest.raises(ReportError) as e:
            load(tmp_path, variant(TEXT, ("정 원\t15\t-\t1\t5", "정 원\t15\t-\t0.5\t5")))
        assert e.value.line == 34 and "a whole number of staff" in str(e.value) and "'0.5'" in str(e.value)


class TestConverterVariants:
    """What converters and word processors do to a report (found by 131 converter variants and
    156 office-format variants): each reads as the bundled report, or stops with one error."""

    def test_a_sub_heading_whose_square_was_a_bullet_ends_the_results(self, tmp_path, bundled):
        """'향후계획' without its □ (a bullet Hancom or LibreOffice drew): the plan's '2회' was
        counted as a result."""
        report = load(tmp_path, variant(TEXT, ("□ 향후계획\n\n- 금융역량", "향후계획\n\n- 금융역량")))
        same_tables(report, bundled, skip=("findings",))

    def test_the_district_is_never_a_contents_entry(self, tmp_path):
        """No slogan line: the place was guessed from 'I . 일반 현황' (현황구); now 미상, with the warning."""
        report = load(tmp_path, variant(TEXT, ("희망 행복 미래도시 영등포", "")))
        assert report.report_id == "미상_비전협력과_2022"
        assert warnings(report, "district")

    def test_the_district_is_never_a_booklets_owner_line(self, tmp_path):
        report = load(tmp_path, "미래전략국 소관\n\n" + variant(TEXT, ("희망 행복 미래도시 영등포", "")))
        assert report.report_id == "미상_비전협력과_2022"

    def test_an_executed_column_named_집행실적(self, tmp_path, bundled):
        report = load(tmp_path, variant(TEXT, ("예산액\t집행액\t집행률(%)\n54,000", "예산액\t집행실적\t집행률(%)\n54,000")))
        same_tables(report, bundled, skip=("findings",))

    def test_a_program_budget_column_nobody_knows(self, tmp_path):
        """'집행내역' for 집행액: the executed amounts were taken for the row's label and lost,
        with 100% of numbers read; now one error naming the column."""
        with pytest.raises(ReportError) as e:
            load(tmp_path, variant(TEXT, ("예산액\t집행액\t집행률(%)\n54,000", "예산액\t집행내역\t집행률(%)\n54,000")))
        assert e.value.line == 316 and "expected a known column of program 7's 예산현황 table" in str(e.value) and "found '집행내역'" in str(e.value)

    def test_a_label_column_that_holds_amounts(self, tmp_path):
        """The first column not named and holding amounts: its header is unknown, not a 구분. (Not
        '총사업비' any more: a multi-year project's cost beside the year's, named unread, test_offices.)"""
        with pytest.raises(ReportError) as e:
            load(tmp_path, variant(TEXT, ("예산액\t집행액\t집행률(%)\n54,000", "교부액\t예산액\t집행액\t집행률(%)\n80,000\t54,000")))
        assert e.value.line == 316 and "found '교부액'" in str(e.value)

    def test_a_markdown_bullet_before_the_reports_marker(self, tmp_path, bundled):
        """'* ○ 국내 교류' (a converter's list bullet before the report's ○): the ○ line is the
        parent of the figures under it, as in the text (labels lost their parent or kept '* ○')."""
        md = to_markdown(TEXT)
        report = load(tmp_path, md.replace("\n○ ", "\n* ○ "), "bullets.md")
        same_tables(report, bundled, skip=("findings",))

    def test_a_duty_row_with_a_cell_too_many(self, tmp_path):
        """A '|' in a duty split its cell: every duty after it fell under the next team, and
        seven programs' teams were inferred from the wrong duties. Now one error."""
        md = to_markdown(TEXT).replace("- 사회적책임경영(CSR) 활성화<br>", "- 사회적책임경영(CSR) | ESG 활성화<br>", 1)
        with pytest.raises(ReportError) as e:
            load(tmp_path, md, "ragged.md")
        assert "expected 4 cells in the row of duties, one under each team (대외협력팀 | 국제금융특구팀 | 의료특구팀 | 건강특구팀), found 5 cells" in str(e.value)

    @pytest.mark.parametrize("style", ["margin", "mso", "lists", "text-indent", "shorthand", "blockquote", "word-bullet", "class"])
    def test_html_indented_by_style_or_nested_lists(self, tmp_path, bundled, style):
        """An office suite indents by a paragraph's margin, Word by its mso-list level, pandoc by
        lists in lists, where the text has a space: figures keep their parents (14 of 26 labels
        lost them)."""
        html = to_html(TEXT)
        if style == "margin":
            html = html.replace("<p>&nbsp;- ", '<p style="margin-left: 1cm; margin-bottom: 0cm">- ').replace("<p>- ", '<p style="margin-left: 0.5cm">- ')
        elif style == "mso":
            html = html.replace("<p>&nbsp;- ", "<p class=MsoListParagraph style='margin-left:0pt;mso-list:l0 level2 lfo1'>- ")
        elif style == "text-indent":
            html = html.replace("<p>&nbsp;- ", '<p style="text-indent: 1cm">- ')
        elif style == "shorthand":
            html = html.replace("<p>&nbsp;- ", '<p style="margin: 0 0 0 1cm">- ')
        elif style == "blockquote":
            html = re.sub(r"<p>&nbsp;- (.*?)</p>", r"<blockquote><p>- \1</p></blockquote>", html)
        elif style == "class":  # LibreOffice's XHTML: the margin in a class rule of the page's <style>
            html = "<html><head><style>p { margin: 0 }\n.P2 { margin-left: 1cm }</style></head><body>" + html.replace("<p>&nbsp;- ", '<p class="P2">- ') + "</body></html>"
        elif style == "word-bullet":  # Word draws its list bullet in a span it marks to be ignored
            html = html.replace("<p>&nbsp;- ", "<p style='mso-list:l0 level2 lfo1'><span style='mso-list:Ignore'>§<span style='font:7.0pt'>&nbsp; </span></span>- ")
        else:
            html = re.sub(r"<p>&nbsp;- (.*?)</p>", r"<ul><li><ul><li>\1</li></ul></li></ul>", html)
            html = re.sub(r"<p>- (.*?)</p>", r"<ul><li>\1</li></ul>", html)
        report = load(tmp_path, html, "indented.html")
        same_tables(report, bundled, skip=("findings",))

    def test_a_booklets_department_without_a_cover_of_its_own(self, tmp_path, bundled):
        """A 국's booklet: one cover, then each department's pages under its name alone. The second
        department had no year (an error), or took the next year's from its contents."""
        second = "\n".join(variant(TEXT, ("비전 협력과", "미래 전략과")).split("\n")[12:])
        path = tmp_path / "booklet.txt"
        path.write_text(TEXT + "\n\f" + second, encoding="utf-8")
        reports = analysis.store.build.load_reports(path)
        assert [r.report_id for r in reports] == [REPORT_ID, "영등포구_미래전략과_2022"]
        same_tables(reports[1], bundled, skip=("reports", "findings"), ignore=IDS)
        assert reports[1].tables["reports"][["session", "session_start"]].astype(str).values.tolist() == [["제241회 구의회 제2차 정례회", "2022-11-21"]]
        f = reports[1].findings
        assert f.loc[f["check"] == "cover_inherited", "message"].tolist() == [f"이 부서 보고의 표지에 없는 연도·제목·회기·회기 시작일·회기 종료일은 책자의 앞 보고({REPORT_ID})의 표지를 따릅니다"]

    def test_a_booklets_department_cover_without_its_session(self, tmp_path):
        """Its own cover with the year but no session line: the booklet's session (it was blank, unsaid)."""
        second = variant(TEXT, ("비전 협력과", "미래 전략과"), ("제241회 구의회 제2차 정례회", ""), ("2022. 11. 21. ~ 12. 21.", ""))
        path = tmp_path / "booklet.txt"
        path.write_text(TEXT + "\n\n" + second, encoding="utf-8")
        report = analysis.store.build.load_reports(path)[1]
        assert report.tables["reports"][["session", "session_start"]].astype(str).values.tolist() == [["제241회 구의회 제2차 정례회", "2022-11-21"]]
        f = report.findings
        assert f.loc[f["check"] == "cover_inherited", "message"].tolist() == [f"이 부서 보고의 표지에 없는 회기·회기 시작일·회기 종료일은 책자의 앞 보고({REPORT_ID})의 표지를 따릅니다"]

    def test_a_form_feed_that_ends_a_line(self, tmp_path, bundled):
        """A page break with no line break after it: the next department's first line was glued
        to this one's last (an error about its 소요예산)."""
        path = tmp_path / "booklet.txt"
        path.write_text(TEXT.rstrip("\n") + "\f" + variant(TEXT, ("비전 협력과", "미래 전략과")).lstrip("\n"), encoding="utf-8")
        reports = analysis.store.build.load_reports(path)
        assert [r.report_id for r in reports] == [REPORT_ID, "영등포구_미래전략과_2022"]
        same_tables(reports[0], bundled)
        # Both parts of the glued line keep its number: every row after it is traced to its own
        # line as an editor counts (they had been one line further on).
        lines = path.read_text(encoding="utf-8").split("\n")
        second = reports[1].tables["budget_units"]
        shift = len(TEXT.rstrip("\n").split("\n")) - 1 - (len(TEXT) - len(TEXT.lstrip("\n")))  # the first's lines, less the second's blank lines stripped
        assert second["source_line"].tolist() == [n + shift for n in bundled.tables["budget_units"]["source_line"]]
        assert all(f"{r.budget:,}\t{r.executed:,}" in lines[r.source_line - 1] for r in second.itertuples())

    @pytest.mark.parametrize("damage", ["tab_indent", "head_open"])
    def test_html_as_some_editors_leave_it(self, tmp_path, bundled, damage):
        """Markup indented by tabs (read as tab-separated text), or a <head> never closed (the whole
        body skipped): both were 'no such section heading'."""
        html = to_html(TEXT)
        if damage == "tab_indent":
            html = "\n".join("\t" + line for line in html.split("\n"))
        else:
            html = "<html><head><meta charset='utf-8'><title>보고</title>\n<body>\n" + html + "\n</body></html>"
        same_tables(load(tmp_path, html, "edited.html"), bundled)


class TestReviewedEdges:
    """Inputs a review of the fixes above found them wrong on: each reads as written."""

    @pytest.mark.parametrize("title", ["2022년 주요업무 추진실적", "2022년도 주요업무 추진현황", "2022년 주요업무 추진 보고", "2022 주요업무 보고"])
    def test_titles_of_the_report_year(self, tmp_path, title):
        report = load(tmp_path, variant(TEXT, ("2022년 주요업무 보고", title), ("2022. 11. 21. ~ 12. 21.", "2023. 2. 6. ~ 2. 15.")))
        assert report.tables["reports"][["year", "plan_year"]].values.tolist() == [[2022, 2023]]

    @pytest.mark.parametrize(("written", "value"), [("(팀당 3-5명 증가)", 5), ("(전년 대비 5명 감축)", -5), ("(전년 대비 5명↓)", -5)])
    def test_signs_of_changes(self, tmp_path, written, value):
        report = load(tmp_path, variant(TEXT, ("- 팔로워수 146,867명", f"- 팔로워수 146,867명{written}")))
        m = report.tables["metrics"]
        assert m.loc[m["kind"] == "change", "value"].tolist() == [value]

    def test_a_two_digit_year_in_the_as_of_date(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("(10. 31.기준)", "(22. 10. 31.기준)")))
        assert report.tables["reports"]["as_of"].tolist() == ["2022-10-31"]

    def test_a_slogan_with_a_particle(self, tmp_path):
        """'사람과 자연이 함께하는 영등포': '사람과' is no department (it was 미상)."""
        report = load(tmp_path, variant(TEXT, ("희망 행복 미래도시 영등포", "사람과 자연이 함께하는 영등포")))
        assert report.report_id == REPORT_ID

    def test_an_empty_cell_after_the_duties(self, tmp_path, bundled):
        text = TEXT.split("\n")
        row = next(i for i, line in enumerate(text) if line.startswith("<ul") and "사회적책임경영" in line)
        text[row] += "\t"
        same_tables(load(tmp_path, "\n".join(text)), bundled, skip=("findings",))

    def test_a_note_after_a_booklets_report_stays_its_own(self, tmp_path):
        second = variant(TEXT, ("비전 협력과", "미래 전략과"))
        path = tmp_path / "booklet.txt"
        path.write_text(TEXT + "\n\n※ 사업기간: 2023. 3. 2. ~ 12. 29.\n\n" + second, encoding="utf-8")
        reports = analysis.store.build.load_reports(path)
        assert [str(r.tables["reports"]["session_start"].iloc[0]) for r in reports] == ["2022-11-21", "2022-11-21"]

    def test_a_booklets_first_report_without_plans(self, tmp_path):
        first = TEXT[: TEXT.index("Ⅲ . 2023년 주요업무 추진계획")].replace("III . 2023년 주요업무 추진계획\t· · · 11\n", "")
        path = tmp_path / "booklet.txt"
        path.write_text(first + "\n\n" + variant(TEXT, ("비전 협력과", "미래 전략과")), encoding="utf-8")
        reports = analysis.store.build.load_reports(path)
        assert [len(r.tables["programs"]) for r in reports] == [7, 11]

    def test_a_department_page_keeps_what_it_states(self, tmp_path):
        second = "\n".join(variant(TEXT, ("비전 협력과", "미래 전략과"), ("제241회 구의회", "제250회 구의회"), ("2022년 주요업무 보고", "2023년 주요업무 보고"), ("2022. 11. 21. ~ 12. 21.", "")).split("\n"))
        path = tmp_path / "booklet.txt"
        path.write_text(TEXT + "\n\n" + second, encoding="utf-8")
        reports = analysis.store.build.load_reports(path)
        assert reports[1].tables["reports"][["year", "session"]].values.tolist() == [[2023, "제250회 구의회 제2차 정례회"]]

    @pytest.mark.parametrize(("header", "row"), [
        ("구분\t예산액\t집행액\t집행률(%)", "2022\t"), ("예산액\t집행액\t집행률(%)\t비고", None), ("예산액\t집행액\t잔액\t집행률(%)", None),
    ])
    def test_program_budget_columns_a_report_may_add(self, tmp_path, bundled, header, row):
        old = "예산액\t집행액\t집행률(%)\n54,000 (시 10,000, 구비 44,000)\t49,076 (시 5,076, 구비 44,000)\t90.9"
        amounts = "54,000 (시 10,000, 구비 44,000)\t49,076 (시 5,076, 구비 44,000)"
        new_row = {"구분": f"2022\t{amounts}\t90.9", "비고": f"{amounts}\t90.9\t시비 보조", "잔액": f"{amounts}\t4,924\t90.9"}[next(w for w in ("구분", "비고", "잔액") if w in header)]
        report = load(tmp_path, variant(TEXT, (old, f"{header}\n{new_row}")))
        same_tables(report, bundled, skip=("findings", "program_budget_rows"))
        extra = int("잔액" in header or "구분" in header)  # 4,924 and the label 2022 are numbers, read
        assert coverage(report) == (146 + extra, 146 + extra)

    @pytest.mark.parametrize("next_year", ["2023년(안)\t60,000\t-\t-", "’23년 계획\t60,000\t-\t-"])
    def test_a_row_of_next_year_is_not_the_programs_figure(self, tmp_path, bundled, next_year):
        """A program's 예산현황 with this year's row and next year's (2023년(안)): the last row had
        been taken as the program's figure (60,000 budget, 0 executed), with a warning."""
        old = "예산액\t집행액\t집행률(%)\n54,000 (시 10,000, 구비 44,000)\t49,076 (시 5,076, 구비 44,000)\t90.9"
        new = f"구분\t예산액\t집행액\t집행률(%)\n2022년\t54,000 (시 10,000, 구비 44,000)\t49,076 (시 5,076, 구비 44,000)\t90.9\n{next_year}"
        report = load(tmp_path, variant(TEXT, (old, new)))
        same_tables(report, bundled, skip=("findings", "program_budget_rows"))
        rows = report.tables["program_budget_rows"].query("stage == 'actual' and program_no == 7")
        assert rows[["row_label", "budget", "final"]].values.tolist() == [["2022년", 54000, True], [next_year.split("\t")[0], 60000, False]]
        (f,) = report.findings.query("check == 'program_budget_rows'").to_dict("records")
        assert f["severity"] == "info" and "2022년 행(2022년)" in f["message"]

    @pytest.mark.parametrize("label", ["소 계", "소계", "계"])
    def test_a_subtotal_row_is_the_programs_figure(self, tmp_path, label):
        """본예산, 추경, then 소 계: the 추경 row (9,588) had been taken as the program's budget."""
        old = "예 산 액\t집 행 액\t집행률(%)\n109,588 (구비 109,588)\t33,184 (구비 33,184)\t30.3"
        new = f"구분\t예 산 액\t집 행 액\t집행률(%)\n본예산\t100,000\t30,000\t30.0\n추경\t9,588\t3,184\t33.2\n{label}\t109,588\t33,184\t30.3"
        report = load(tmp_path, variant(TEXT, (old, new)))
        assert (_program(report, "actual", 1)["budget"], _program(report, "actual", 1)["executed"]) == (109588, 33184)

    def test_a_balance_that_is_not_budget_less_executed_is_named(self, tmp_path):
        old = "예산액\t집행액\t집행률(%)\n54,000 (시 10,000, 구비 44,000)\t49,076 (시 5,076, 구비 44,000)\t90.9"
        new = "예산액\t집행액\t잔액\t집행률(%)\n54,000 (시 10,000, 구비 44,000)\t49,076 (시 5,076, 구비 44,000)\t4,000\t90.9"
        report = load(tmp_path, variant(TEXT, (old, new)))
        assert coverage(report) == (147, 146)

    def test_html_indent_kept_across_a_line_break_and_in_containers(self, tmp_path, bundled):
        """<br> inside an indented paragraph, and a margin on the <div> or <ul> around it: the
        indent holds (the <br> and the inner tag had reset it)."""
        html = to_html(TEXT)
        html = re.sub(r"<p>&nbsp;- (.*?)</p>", r'<div style="margin-left: 1cm"><p>- \1</p></div>', html)
        same_tables(load(tmp_path, html, "div.html"), bundled, skip=("findings",))

    @pytest.mark.parametrize("form", ["text", "html"])
    def test_a_line_break_after_a_thousands_comma(self, tmp_path, bundled, form):
        """'146,' / '867명' (a Shift+Enter a text export writes as a new line, HTML as <br>): the
        figure was 867 and '146,' no figure, with 100% read."""
        if form == "text":
            text, name = variant(TEXT, ("- 팔로워수 146,867명", "- 팔로워수 146,\n867명")), "broken.txt"
        else:
            text, name = to_html(TEXT).replace("- 팔로워수 146,867명", "- 팔로워수 146,<br>867명"), "broken.html"
        same_tables(load(tmp_path, text, name), bundled, skip=("findings",))

    def test_hangul_as_jamo(self, tmp_path, bundled):
        """Decomposed Hangul (NFD, as macOS and some converters write it): refused before, 'no
        section heading' (the headings were there, in jamo)."""
        import unicodedata

        same_tables(load(tmp_path, unicodedata.normalize("NFD", TEXT)), bundled)

    @pytest.mark.parametrize("mark", ["■", "◻"])
    def test_a_programs_blocks_under_another_square(self, tmp_path, bundled, mark):
        """□ drawn as ■ (another font or converter): every program's results had been missed (35
        warnings, the figures named as unread)."""
        same_tables(load(tmp_path, TEXT.replace("□", mark)), bundled)

    @pytest.mark.parametrize("how", ["every space a no-break space", "a zero-width space in every cell", "a byte-order mark in cells", "a soft hyphen in every cell"])
    def test_odd_spaces(self, tmp_path, bundled, how):
        """A converter's no-break spaces: partner cities had been stored with no region and the
        city '경남\xa0고성군'; a zero-width space or a stray BOM in a cell had refused the report;
        a soft hyphen (a word processor's hyphenation point) had stayed in the names."""
        if how.startswith("every"):
            text = TEXT.replace(" ", "\u00a0")
        else:
            mark = {"zero": "\u200b", "byte": "\ufeff", "soft": "\u00ad"}[how.split()[1].split("-")[0]]
            text = "\n".join("\t".join(mark + c for c in line.split("\t")) if "\t" in line else line for line in TEXT.split("\n"))
        same_tables(load(tmp_path, text), bundled)

    @pytest.mark.parametrize("form", ["text", "html"])
    @pytest.mark.parametrize("broken,token", [("- 팔로워수 14\n6,867명", "14 6,867명"), ("- 팔로워수 146,8\n67명", "146,8 67명")])
    def test_a_line_break_elsewhere_in_a_figure(self, tmp_path, bundled, form, broken, token):
        """'14' / '6,867명': the figure had been read as 6,867 (a result, not the 146,867 followers),
        with 100% read. Which figure it was is not sure: it is named as unread, never misread."""
        if form == "text":
            text, name = variant(TEXT, ("- 팔로워수 146,867명", broken)), "broken.txt"
        else:
            text, name = to_html(TEXT).replace("- 팔로워수 146,867명", broken.replace("\n", "<br>")), "broken.html"
        report = load(tmp_path, text, name)
        same_tables(report, bundled, skip=("findings", "metrics"))
        assert len(report.tables["metrics"]) == len(bundled.tables["metrics"]) - 1 and 146867 not in report.tables["metrics"]["value"].tolist()
        unread = report.findings.query("check == 'coverage' and severity == 'warning'")
        assert unread["expected"].tolist() == [token] and coverage(report) == (146, 145)

    @pytest.mark.parametrize("line", ["◆ 비전 협력과", "가. 비전 협력과", "미래전략국 비전 협력과", "미래전략국"])
    def test_the_department_as_its_cover_names_it(self, tmp_path, line):
        """A mark or number before the name (drawn by Hancom or typed), the 국 over it, or the 국
        alone on a booklet's cover: the department is 비전협력과 (it was '◆비전협력과', '가.비전협력과',
        '미래전략국비전협력과', '미래전략국')."""
        report = load(tmp_path, variant(TEXT, ("비전 협력과", line)))
        assert report.report_id == REPORT_ID and not warnings(report, "department")

    def test_a_cover_and_an_organisation_that_differ(self, tmp_path):
        report = load(tmp_path, variant(TEXT, ("비전 협력과", "미래 전략과")))
        assert report.report_id == "영등포구_미래전략과_2022"
        assert warnings(report, "department") == ["표지의 부서 '미래전략과'와 조직 표의 부서 '비전협력과'(25행)가 다릅니다"]

    @pytest.mark.parametrize("form", ["text", "html"])
    def test_heading_chips_exported_as_tables(self, tmp_path, bundled, form):
        """python-hwpx's export_text writes Hancom's heading chips as tab rows ('4\\t예 산 현 황'),
        HTML exports as one-row tables: they are the headings they draw (no 예산현황 was found)."""
        chips = [("1 조 직", "1\t조 직"), ("2 인 력", "2\t인 력"), ("4 예 산 현 황", "4\t예 산 현 황")]
        text = variant(TEXT, *chips)
        if form == "html":
            text = to_html(text)
        same_tables(load(tmp_path, text, f"chips.{'html' if form == 'html' else 'txt'}"), bundled, skip=("findings",))

    def test_a_sign_taken_into_a_figure_leaves_no_label(self, tmp_path):
        """'15팀 △23명': −23 a change; neither label keeps the △ (it landed in 15팀's)."""
        report = load(tmp_path, variant(TEXT, ("- SNS 서포터즈 운영: 15팀 23명", "- SNS 서포터즈 운영: 15팀 △23명")))
        m = report.tables["metrics"]
        rows = m[m["label"].str.startswith("SNS 서포터즈 운영")][["value", "label"]].values.tolist()
        assert [v for v, _ in rows] == [15, -23] and not any("△" in label or label.endswith("—") for _, label in rows)

    def test_a_signed_figure_alone_after_its_key(self, tmp_path):
        """'- 주민 어르신돌봄 간담회 실시: △5,384개소': the label is the key, no dash left dangling
        ('주민 어르신돌봄 간담회 실시 —')."""
        text = (REPORT_PATH.parents[2] / "tests" / "data" / "gwanak_smart-city_2032_tied_teams.txt").read_text(encoding="utf-8")
        report = load(tmp_path, variant(text, ("- 주민 어르신돌봄 간담회 실시: 5,384개소", "- 주민 어르신돌봄 간담회 실시: △5,384개소")))
        m = report.tables["metrics"]
        assert m.loc[m["value"] == -5384, "label"].tolist() == ["주민 어르신돌봄 간담회 실시"]

    @pytest.mark.parametrize("count", ["(△4)개팀", "(0.4)개팀", "()개팀"])
    def test_a_team_count_that_is_no_whole_number(self, tmp_path, count):
        with pytest.raises(ReportError) as e:
            load(tmp_path, variant(TEXT, ("(4)개팀", count)))
        assert e.value.line == 25 and "the number of teams as a whole number" in str(e.value)

    def test_a_contents_page_number_with_a_stray_sign(self, tmp_path, bundled):
        report = load(tmp_path, variant(TEXT, ("- ② 사회적책임경영(CSR) 생태계 육성 13", "- ② 사회적책임경영(CSR) 생태계 육성 △13")))
        assert report.tables["programs"]["program"].tolist() == bundled.tables["programs"]["program"].tolist()

    def test_a_session_end_with_a_dot_in_its_month(self, tmp_path):
        """'~ 1.2. 21.': the end was read 1월 2일 and the 21 dropped; now no date, and the warning."""
        report = load(tmp_path, variant(TEXT, ("2022. 11. 21. ~ 12. 21.", "2022. 11. 21. ~ 1.2. 21.")))
        assert report.tables["reports"][["session_start", "session_end"]].isna().all(axis=None)
        assert warnings(report, "session_dates")

    @pytest.mark.parametrize("title", ["20,22년 주요업무 보고", "202.2년 주요업무 보고"])
    def test_a_cover_year_that_does_not_read(self, tmp_path, title):
        """The session's year is used, and said (it was used in silence)."""
        report = load(tmp_path, variant(TEXT, ("2022년 주요업무 보고", title)))
        assert report.report_id == REPORT_ID
        assert warnings(report, "cover_year") == [f"표지 제목 {title!r}(9행)의 연도를 읽을 수 없어 회기 날짜의 연도 2022년을 씁니다"]

    def test_a_line_ending_in_a_comma_before_a_numbered_item_stays_apart(self):
        """Only three digits go on a number after its thousands comma: '… 1,' and '2. 추진계획'
        are two paragraphs ('1,2. 추진계획' would be a number that was never written)."""
        from analysis.read.document import Loc, Paragraph
        from analysis.read.text import _join_broken_numbers

        paras = [Paragraph("- 대상: 1,", Loc(line=1)), Paragraph("2. 추진계획", Loc(line=2)), Paragraph("- 팔로워수 146,", Loc(line=3)), Paragraph("867명", Loc(line=4))]
        assert [p.text for p in _join_broken_numbers(paras)] == ["- 대상: 1,", "2. 추진계획", "- 팔로워수 146,867명"]


class TestOtherLayouts:
    """Layouts other offices use, each a small report in ``tests/data/layouts/``."""

    def test_budget_table_before_the_results(self):
        """Each program: heading, team, □ 예산현황 table, then □ 주요 추진실적. Before, a program's
        body ended at its 예산현황, so its results went to the next program (3회 120명 under
        program 2) and the last program's were lost, with 100% read."""
        report = analysis.load_report(LAYOUTS / "seongdong_exchange_2022_budget_first.txt")
        m = report.tables["metrics"]
        assert m[["program_no", "value", "unit", "source_line"]].values.tolist() == [[1, 3, "회", 59], [1, 120, "명", 59], [2, 5, "회", 76], [2, 300, "명", 76]]
        p = report.tables["programs"]
        assert p[p["stage"] == "actual"][["program", "budget", "executed"]].values.tolist() == [["친선도시 교류 활성화", 60000, 40000], ["평화통일 교육 운영", 40000, 20000]]
        assert not report.tables["findings"]["check"].isin(["program_heading", "unread_lines"]).any()
        assert coverage(report) == (47, 47)

    @pytest.mark.parametrize("line", ["홍천군 교류협력과", "강원도 홍천군 교류협력과"])
    def test_the_place_before_the_department_on_the_cover(self, tmp_path, line):
        """'홍천군 교류협력과' on the cover had given the department 홍천군교류협력과: a report_id
        of its own, apart from the department's other years."""
        text = (LAYOUTS / "hongcheon_exchange_2022_place_on_cover.txt").read_text(encoding="utf-8")
        report = load(tmp_path, variant(text, ("홍천군 교류협력과", line)))
        assert report.report_id == "홍천군_교류협력과_2022"
        assert report.tables["reports"][["district", "department"]].values.tolist() == [["홍천군", "교류협력과"]]
        assert "department" not in report.findings["check"].tolist()


class TestTotalsBesideTheirParts:
    """A total printed with its parts outside brackets, on one line or over the lines under it,
    had its parts stored as results too: program 4 reached 3,224 + 1,940 people, not 3,224 + 970."""

    FINANCE = TestFiguresAsWritten.FINANCE

    @pytest.mark.parametrize("lines", [
        ["- 상반기 450명, 하반기 520명, 계 970명"],
        ["- 상반기 450명, 하반기 520명 (계 970명)"],
        ["- 합계 970명 / 상반기 450명 / 하반기 520명"],
        ["- 상반기 450명 + 하반기 520명 = 970명"],
        ["- 참여 인원: 총 970명", " - 상반기: 450명", " - 하반기: 520명"],
        ["- 참여 인원: 970명", " - 상반기: 450명", "   - 1차 200명, 2차 250명", " - 하반기: 520명"],
    ])
    def test_the_parts_are_not_counted_twice(self, tmp_path, bundled, lines):
        report = load(tmp_path, variant(TEXT, (self.FINANCE, "\n".join([self.FINANCE, "- 금융 캠프 운영", *lines]))))
        added = sorted(r for r in _metrics(report, 4) if r not in _metrics(bundled, 4))
        parts = [(200, "명", "part"), (250, "명", "part")] if len(lines) == 4 else []
        assert added == sorted([(450, "명", "part"), (520, "명", "part"), (970, "명", "result"), *parts])
        people = dict((no, n) for no, n, _ in _people(report))
        assert people[4] == 3224 + 970

    @pytest.mark.parametrize("lines", [
        ["- 1회차 100명, 2회차 200명, 3회차 300명"],  # no total word: three sessions, 600 people
        ["- 참여 인원: 970명", " - 상반기: 450명", " - 하반기: 500명"],  # the lines under do not add up
    ])
    def test_figures_that_are_no_breakdown_stay_results(self, tmp_path, bundled, lines):
        report = load(tmp_path, variant(TEXT, (self.FINANCE, "\n".join([self.FINANCE, "- 금융 캠프 운영", *lines]))))
        added = [r for r in _metrics(report, 4) if r not in _metrics(bundled, 4)]
        assert added and all(kind == "result" for _, _, kind in added)


class TestTeamOfTheContents:
    def test_a_body_team_other_than_the_contents_is_named(self, tmp_path):
        """A 담당팀 column naming 대외협력팀 for program 1 while its body's team line says
        의료특구팀 had been passed over without a word (the body's team kept): now a warning."""
        toc = TEXT[TEXT.index("연번\t사 업 명\t쪽\n①"):TEXT.index("1 국내·외 도시교류 네트워크 확대\n\n대외협력팀")]
        teams = ["대외협력팀", "대외협력팀", "국제금융특구팀", "국제금융특구팀", "의료특구팀", "의료특구팀", "건강특구팀"]
        rows = toc.strip().split("\n")
        new = ["연번\t사 업 명\t담당팀\t쪽"] + [f"{chr(9).join(r.split(chr(9))[:2])}\t{t}\t{r.split(chr(9))[2]}" for r, t in zip(rows[1:], teams)]
        text = variant(TEXT, (toc, "\n".join(new) + "\n\n"))
        same = load(tmp_path, text)
        assert "program_team" not in same.findings["check"].tolist()
        report = load(tmp_path, variant(text, ("1 국내·외 도시교류 네트워크 확대\n\n대외협력팀", "1 국내·외 도시교류 네트워크 확대\n\n의료특구팀")))
        w = report.findings[report.findings["check"] == "program_team"]
        assert w[["severity", "expected", "actual", "source_line"]].values.tolist() == [["warning", "대외협력팀", "의료특구팀", 68]]
        assert report.tables["programs"].query("stage == 'actual'")["team"].tolist()[0] == "의료특구팀"


class TestFiguresPerHeadOrCapacity:
    """A figure per team, head, household or site (팀당 5명) or a capacity (정원 30명) had been a
    result: '팀당 5명, 8팀 구성' added 5 people reached, '정원 30명, 참여 28명' 58, 100% read."""

    FINANCE = TestFiguresAsWritten.FINANCE

    @pytest.mark.parametrize("line,expected,people", [
        ("- 금융 멘토단: 팀당 5명, 8팀 구성", [(5, "명", "rate"), (8, "팀", "result")], 0),
        ("- 금융 상담: 1인당 2회, 총 150명", [(2, "회", "rate"), (150, "명", "result")], 150),
        ("- 금융 교재 배부: 가구당 1부, 총 3,200부", [(1, "부", "rate"), (3200, "부", "result")], 0),
        ("- 상담 창구: 개소당 2명 배치, 총 15개소", [(2, "명", "rate"), (15, "개소", "result")], 0),
        ("- 금융 캠프: 정원 30명, 참여 28명", [(28, "명", "result"), (30, "명", "target")], 28),
        ("- 금융 캠프 운영: 모집인원 40명", [(40, "명", "target")], 0),
        ("- 경로당 금융교육: 경로당 12개소", [(12, "개소", "result")], 0),  # 경로당 is no 'per'
    ])
    def test_not_counted_as_reached(self, tmp_path, bundled, line, expected, people):
        report = load(tmp_path, variant(TEXT, (self.FINANCE, f"{self.FINANCE}\n{line}")))
        added = sorted(r for r in _metrics(report, 4) if r not in _metrics(bundled, 4))
        assert added == sorted(expected)
        assert dict((no, n) for no, n, _ in _people(report))[4] == 3224 + people


class TestAccountColumn:
    """A budget table with a 회계 column (일반회계 over its units, its cell spanning them, then
    주차장특별회계 | 주차장 운영) had every row stored as 일반회계, with no finding: the 회계
    column was no column of the table, and the 계 added up."""

    ROWS = ["일반회계\t" + UNIT_ROWS[0], *("\t" + r for r in UNIT_ROWS[1:]), "주차장특별회계\t주차장 운영\t50,000\t20,000\t40.0"]

    def table(self, total: str) -> str:
        return "\n".join(["회계\t" + BUDGET_HEADER, f"계\t\t{total}", *self.ROWS])

    def test_each_row_of_its_account(self, tmp_path, bundled):
        report = load(tmp_path, variant(TEXT, (BUDGET_TABLE, self.table("1,120,404\t643,784\t57.5"))))
        b = report.tables["budget_units"]
        assert b[["account", "unit", "budget", "executed"]].values.tolist() == [
            *(["일반회계", u, budget, executed] for u, budget, executed in UNITS), ["주차장특별회계", "주차장 운영", 50000, 20000]]
        assert errors(report) == []
        assert coverage(report) == (coverage(bundled)[0] + 3, coverage(bundled)[1] + 3)

    def test_the_total_over_the_accounts_is_checked(self, tmp_path):
        report = load(tmp_path, variant(TEXT, (BUDGET_TABLE, self.table("1,130,404\t643,784\t57.0"))))
        e = report.findings.query("check == 'budget_total' and severity == 'error'")
        assert e[["expected", "actual"]].values.tolist() == [["1,120,404", "1,130,404"]]

    def test_a_cell_that_names_no_account_is_refused(self, tmp_path):
        text = variant(TEXT, (BUDGET_TABLE, self.table("1,120,404\t643,784\t57.5").replace("주차장특별회계\t", "주차장\t")))
        with pytest.raises(ReportError, match="column 회계"):
            load(tmp_path, text)


    def test_accounts_written_short(self, tmp_path):
        """'일반' | '특별' in the 회계 column (the column's word left off) had refused the report."""
        text = variant(TEXT, (BUDGET_TABLE, self.table("1,120,404\t643,784\t57.5").replace("일반회계\t", "일반\t").replace("주차장특별회계\t", "특별\t")))
        b = load(tmp_path, text).tables["budget_units"]
        assert b["account"].tolist() == ["일반회계"] * 6 + ["특별회계"]


class TestReviewedFigureRules:
    """Lines a review of this session's rules wrote at their edges: each had been stored with
    another kind by a rule written for something else (a real result made a target, a part or
    another year's, so that people reached fell; or a capacity or a garden made a result)."""

    @pytest.mark.parametrize("line,expected", [
        # a capacity, and what was done against it
        ("- 실 적: 모집인원 40명 중 38명 수료", [(40, "target"), (38, "result")]),
        ("- 실 적: 정원 30명 대비 28명 참여", [(30, "target"), (28, "result")]),
        ("- 정 원: 30명, 참여 28명", [(30, "target"), (28, "result")]),
        ("- 모집인원: 40명 / 참여인원: 38명", [(40, "target"), (38, "result")]),
        ("- 실 적: 정원 30명 전원 수료", [(30, "result")]),
        ("- 실 적: 마을 정원 12개소 조성", [(12, "result")]),
        # a plan word at the end of the line, after the figure was done
        ("- 실 적: 직원 1,307명 수료 및 하반기 추가 교육 예정", [(1307, "result")]),
        ("- 실 적: 직원 1,307명 수료. 하반기 추가 교육 예정", [(1307, "result")]),
        ("- 실 적: 1,307명 수료하였으며 내년에도 계속 추진 계획", [(1307, "result")]),
        ("- 실 적: 평화통일 아카데미 3회 운영 후 만족도 조사 실시 예정", [(3, "result")]),
        ("- 실 적: 3회 추가 운영 예정", [(3, "target")]),
        # two groups, not N out of M
        ("- 1기/2기: 38명/40명 수료", [(38, "result"), (40, "result")]),
        ("- 실 적: 남/여 12명/12명 참여", [(12, "result"), (12, "result")]),
        ("- 금융교육 수료: 38명/40명", [(38, "part"), (40, "result")]),
        # people beside those counted
        ("- 실 적: 관내 중학생 49명(인솔교사 5명)", [(49, "result"), (5, "result")]),
        ("- 실 적: 관내 중학생 49명(학부모 49명)", [(49, "result"), (49, "result")]),
        ("- 실 적: 방문객 300명(외국인 20명 별도)", [(300, "result"), (20, "result")]),
        ("- 실 적: 방문객 300명(청소년 120명)", [(300, "result"), (120, "part")]),
    ])
    def test_kinds(self, tmp_path, line, expected):
        report = load(tmp_path, variant(TEXT, ("- 실 적: 영등포구 소속 직원 1,307명 수료", line)))
        m = report.tables["metrics"]
        assert [(int(r.value), r.kind) for r in m[m["source_line"] == 122].itertuples()] == expected

    @pytest.mark.parametrize("heading,kind", [
        ("○ 2021년 추진실적 점검", "result"), ("○ 2023년 사업계획 수립", "result"),
        ("○ 2021년 운영 성과를 바탕으로 전 직원 대상 확대", "result"), ("○ 2021년(3개 동) → 2022년(18개 동) 확대 운영", "result"),
        ("○ 2021년 실적(참고)", "earlier"), ("○ 전년도 실적", "earlier"), ("○ 2021년 운영실적", "earlier"), ("○ 2023년 목표", "target"),
    ])
    def test_a_heading_that_names_a_year_in_passing(self, tmp_path, heading, kind):
        line = "- 실 적: 영등포구 소속 직원 1,307명 수료"
        report = load(tmp_path, variant(TEXT, (line, f"{heading}\n{line}")))
        m = report.tables["metrics"]
        assert m[m["value"] == 1307]["kind"].tolist() == [kind]


class TestResultsUnderAnotherYearsHeading:
    """Figures under a heading of another year inside the results ('○ 2021년 실적(참고)', '○ 전년도
    실적') had been this year's results: 250 people of 2021 added to 2022's, 100% read."""

    FINANCE = TestFiguresAsWritten.FINANCE

    @pytest.mark.parametrize("heading,kind", [
        ("○ 2021년 실적(참고)", "earlier"), ("○ ’21년 실적", "earlier"), ("○ 전년도 실적", "earlier"),
        ("○ 2023년 목표", "target"),
        ("○ 2022년 실적", "result"), ("○ 2021년부터 계속 추진", "result"), ("○ 2021년 대비 실적", "result"),
        ("○ 2021년 개관한 금융센터 운영", "result"), ("○ 2021년 추진실적", "earlier"), ("○ 전년도 운영 실적", "earlier"),
    ])
    def test_their_year_is_the_headings(self, tmp_path, bundled, heading, kind):
        last = " - 내용: 여의도 국제금융중심지 홍보영상·이미지 송출 (1일 100회)"  # program 4's last result line
        report = load(tmp_path, variant(TEXT, (last, f"{last}\n{heading}\n - 금융 캠프: 8회 250명")))
        added = sorted(r for r in _metrics(report, 4) if r not in _metrics(bundled, 4))
        assert added == [(8, "회", kind), (250, "명", kind)]
        assert dict((no, n) for no, n, _ in _people(report))[4] == 3224 + (250 if kind == "result" else 0)


class TestOneGroupInBrackets:
    """One smaller figure of the unit in brackets right after a figure is a group of those people
    ('300명(청소년 120명)', '30명(취업 12명)', '300명(남 120, 여 180명)' with the unit written once):
    it had been a result too, 420 people reached for 300, with no finding and 100% read."""

    FINANCE = TestFiguresAsWritten.FINANCE

    @pytest.mark.parametrize("line,expected,people", [
        ("- 금융 캠프: 300명(청소년 120명)", [(120, "명", "part"), (300, "명", "result")], 300),
        ("- 금융 캠프: 300명(남 120, 여 180명)", [(120, "명", "part"), (180, "명", "part"), (300, "명", "result")], 300),  # (the 120 had not been read)
        ("- 금융 강사 교육 수료 30명(취업 12명)", [(12, "명", "part"), (30, "명", "result")], 30),
        # not a group: another year's, a rate, a larger figure, another unit
        ("- 금융 캠프: 300명(전년 250명)", [(250, "명", "earlier"), (300, "명", "result")], 300),
        ("- 금융 캠프: 300명(1일 평균 30명)", [(30, "명", "rate"), (300, "명", "result")], 300),
        ("- 금융 캠프: 3회(참가 300명)", [(3, "회", "result"), (300, "명", "result")], 300),
    ])
    def test_counted_once(self, tmp_path, bundled, line, expected, people):
        report = load(tmp_path, variant(TEXT, (self.FINANCE, f"{self.FINANCE}\n{line}")))
        added = sorted(r for r in _metrics(report, 4) if r not in _metrics(bundled, 4))
        assert added == sorted(expected)
        assert dict((no, n) for no, n, _ in _people(report))[4] == 3224 + people


class TestFullStopForTheComma:
    """Amounts in 천원 printed '300.000' (a full stop for the thousands comma, nothing but zeros
    after it) were read as 300천원, 1,000 times too small, with every rate still right and no
    finding ('109.588' was already named: it is not whole)."""

    def test_unit_rows_without_a_total_are_named(self, tmp_path):
        rows = "\n".join(UNIT_ROWS[:2]).replace("10,000\t10,000", "10.000\t10.000")
        report = load(tmp_path, variant(TEXT, (BUDGET_TABLE, "\n".join([BUDGET_HEADER, rows]))))
        b = report.tables["budget_units"]
        assert b[["unit", "budget", "executed"]].values.tolist()[1] == ["건강특구 활성화", 10, 10]
        w = report.findings.query("check == 'amount_decimals'")
        assert w[["severity", "subject", "actual", "source_line"]].values.tolist() == [["warning", "budget_units 건강특구 활성화", "10.000", 48]]

    def test_a_programs_amounts_and_a_plans(self, tmp_path):
        text = variant(TEXT, ("109,588 (구비 109,588)\t33,184 (구비 33,184)", "109.000 (구비 109.000)\t33.000 (구비 33.000)"),
                       ("총 63,553천원(구비 63,553)", "총 63.000천원(구비 63.000)"))
        report = load(tmp_path, text)
        w = report.findings.query("check == 'amount_decimals'")
        assert w[["subject", "actual"]].values.tolist() == [
            ["actual 1 국내·외 도시교류 네트워크 확대", "109.000, 33.000"], ["plan 1 국내·외 친선도시 상호교류 내실화", "63.000"]]

    def test_a_plans_table(self, tmp_path):
        """A plan's 소요예산 printed as a table: the warning names the plan ('plan 1', '계획 1'),
        not an actual program (the table reader had written 'actual 1', '실적 1' for both)."""
        text = variant(TEXT, ("□ 소요예산: 총 63,553천원(구비 63,553)", "□ 소요예산 (단위: 천원)\n\n계\t국비\t구비\n63.000\t10.000\t53.000"))
        w = load(tmp_path, text).findings.query("check == 'amount_decimals'")
        assert w["subject"].tolist() == ["plan 1 국내·외 친선도시 상호교류 내실화"]
        assert w["message"].str.startswith("계획 1 국내·외 친선도시 상호교류 내실화:").all()

    def test_three_decimals_of_a_larger_unit_are_exact(self, tmp_path, bundled):
        report = load(tmp_path, variant(TEXT, ("총 63,553천원(구비 63,553)", "총 63.553백만원(구비 63.553)")))
        assert "amount_decimals" not in report.findings["check"].tolist()
        assert report.tables["programs"].query("stage == 'plan'")["budget"].tolist() == bundled.tables["programs"].query("stage == 'plan'")["budget"].tolist()


class TestPagesOfTheContents:
    def test_a_program_over_two_pages(self, tmp_path, bundled):
        """'4~5' in the 쪽 column (a program printed over two pages) had refused the report."""
        report = load(tmp_path, variant(TEXT, ("①\t국내·외 도시교류 네트워크 확대\t4\n", "①\t국내·외 도시교류 네트워크 확대\t4~5\n")))
        same_tables(report, bundled, skip=("findings",))
        assert errors(report) == []


class TestPlannedAtTheEndOfTheClause:
    """What a results line says is still to come, with the word of a plan at the end of the
    figure's clause ('3회 추가 운영 예정', '500명 참여 목표'), had been a result (or, after '11월 중',
    a part of the figure before): counted as done, with no finding and 100% read."""

    FINANCE = TestFiguresAsWritten.FINANCE

    @pytest.mark.parametrize("line,expected", [
        ("- 하반기 금융교육 3회 추가 운영 예정", [(3, "회", "target")]),
        ("- 금융교육 11월 중 1회 추가 실시 계획", [(1, "회", "target")]),
        ("- 12월까지 500명 참여 목표", [(500, "명", "target")]),
        ("- 10월 말 현재 8회 운영, 12월까지 2회 추가 예정", [(2, "회", "target"), (8, "회", "result")]),
        ("- 연말까지 총 20회 운영 예정(현재 15회)", [(15, "회", "result"), (20, "회", "target")]),
        # done: the plan's word is not at the end of the figure's clause
        ("- 금융교육 3회 추가 운영 완료(당초 계획)", [(3, "회", "result")]),
        ("- 금융교육 3회 운영·관리 완료", [(3, "회", "result")]),
        ("- 분야별 추진 계획 3건 수립", [(3, "건", "result")]),
    ])
    def test_a_plan_is_no_result(self, tmp_path, bundled, line, expected):
        report = load(tmp_path, variant(TEXT, (self.FINANCE, f"{self.FINANCE}\n{line}")))
        added = sorted(r for r in _metrics(report, 4) if r not in _metrics(bundled, 4))
        assert added == sorted(expected)


class TestTheFigureAgainInBrackets:
    """'18개 동(여의동 외 17개 동)', '10개소(여의도성모병원 외 9개소)': the brackets name the same
    figure again (its '외' counting the one named); it had been a second result, 36 동 for 18."""

    FINANCE = TestFiguresAsWritten.FINANCE

    @pytest.mark.parametrize("line,expected", [
        ("- 찾아가는 금융교육: 18개 동(여의동 외 17개 동)", [(18, "개", "part"), (18, "개", "result")]),
        ("- 협력 금융기관: 10개소(신한은행 외 9개소)", [(10, "개소", "part"), (10, "개소", "result")]),
        ("- 금융교육 참여 120명(청년 120명)", [(120, "명", "part"), (120, "명", "result")]),
        ("- 금융교육 12개 동아리(46명)", [(12, "동아리", "result"), (46, "명", "result")]),  # another unit
    ])
    def test_counted_once(self, tmp_path, bundled, line, expected):
        report = load(tmp_path, variant(TEXT, (self.FINANCE, f"{self.FINANCE}\n{line}")))
        added = sorted(r for r in _metrics(report, 4) if r not in _metrics(bundled, 4))
        assert added == sorted(expected)


class TestOutOfAWhole:
    FINANCE = TestFiguresAsWritten.FINANCE

    @pytest.mark.parametrize("line,expected", [
        # '38명/40명': 38 of 40 completed; both had been results (78 people)
        ("- 금융교육 수료: 38명/40명", [(38, "명", "part"), (40, "명", "result")]),
        # another year's figure and the change in brackets that add up to the figure had been its 'parts'
        ("- 금융교육 참여: 1,234명 (전년 1,100명 대비 134명 증가)", [(134, "명", "change"), (1100, "명", "earlier"), (1234, "명", "result")]),
        ("- 상반기 20명 / 하반기 30명", [(20, "명", "result"), (30, "명", "result")]),  # a list, not a ratio
    ])
    def test_kinds(self, tmp_path, bundled, line, expected):
        report = load(tmp_path, variant(TEXT, (self.FINANCE, f"{self.FINANCE}\n{line}")))
        added = sorted(r for r in _metrics(report, 4) if r not in _metrics(bundled, 4))
        assert added == sorted(expected)


class TestStaffingSubtotalColumn:
    """A 소계 column under a category (일 반 직 over 소계 | 4급 | 5급 …) had been stored as a grade
    '소계', every headcount counted twice: an error on the 계 row and the grades' staff doubled."""

    STAFF = TEXT[TEXT.index("구 분\t계\t일 반 직"):TEXT.index("\n\n3 주요시설")]

    def table(self, authorized_sub: str = "15") -> str:
        rows = self.STAFF.split("\n")
        head = rows[0].replace("계\t일 반 직\t", "계\t일 반 직\t\t", 1)
        grades = rows[1].replace("\t\t4급", "\t\t소계\t4급", 1)
        subs = {"정 원": authorized_sub, "현 원": "15", "과부족": "-"}
        body = [r.replace("\t", f"\t{subs[r.split(chr(9))[0]]}\t", 2).replace(f"\t{subs[r.split(chr(9))[0]]}\t", "\t", 1) for r in rows[2:]]
        return "\n".join([head, grades, *body])

    def test_checked_and_not_a_grade(self, tmp_path, bundled):
        report = load(tmp_path, variant(TEXT, (self.STAFF, self.table())))
        same_tables(report, bundled, skip=("findings",))
        assert errors(report) == []

    def test_a_subtotal_that_does_not_add_up(self, tmp_path):
        report = load(tmp_path, variant(TEXT, (self.STAFF, self.table("16"))))
        e = report.findings.query("check == 'staffing_total' and severity == 'error'")
        assert e[["subject", "expected", "actual"]].values.tolist() == [["staffing 정원 일반직 소계", "15", "16"]]

    # One header row: the 소계 names its category, a column of another category (기능직, 별정직,
    # 임기제, 공무직) follows the grades it sums. It had been summed in too: 16 against 15, an error
    # on a right table.
    ONE_ROW = ("구 분\t계\t일반직 소계\t4급\t5급\t6급\t7급\t8급\t9급\t{other}\n"
               "정 원\t16\t{sub}\t-\t1\t5\t5\t3\t1\t1\n"
               "현 원\t16\t15\t-\t1\t7\t3\t3\t1\t1\n"
               "과부족\t-\t-\t-\t-\t2\t△2\t-\t-\t-")

    @pytest.mark.parametrize("other", ["기능직", "별정직", "임기제", "공무직", "관리운영직", "무기계약직",
                                       "관리운영직군", "시간제", "기능10급"])  # (the last three: staffing_total errors before)
    def test_one_header_row_sums_its_category_alone(self, tmp_path, other):
        report = load(tmp_path, variant(TEXT, (self.STAFF, self.ONE_ROW.format(other=other, sub="15"))))
        staff = report.tables["staffing"]
        # (a category of its own is stored as the category with no grade, as under two header rows;
        # '기능10급' names a grade)
        last = ["", other] if other == "기능10급" else [other, ""]
        assert staff[["category", "grade", "authorized", "current", "gap"]].values.tolist() == [
            ["", "4급", 0, 0, 0], ["", "5급", 1, 1, 0], ["", "6급", 5, 7, 2], ["", "7급", 5, 3, -2], ["", "8급", 3, 3, 0], ["", "9급", 1, 1, 0], [*last, 1, 1, 0]]
        assert errors(report) == []

    def test_grades_of_another_category_after_the_subtotal_s_run(self, tmp_path):
        """'일반직 소계 | 5급 … 7급 | 기능8급 | 기능9급': the 기능 grades are no 일반직 grades (the
        소계 had been checked against 14, an error on a right table); under a '기능직 소계' they are its own."""
        table = ("구 분\t계\t일반직 소계\t5급\t6급\t7급\t기능8급\t기능9급\n"
                 "정 원\t14\t11\t1\t5\t5\t2\t1\n현 원\t14\t11\t1\t7\t3\t2\t1\n과부족\t-\t-\t-\t2\t△2\t-\t-")
        report = load(tmp_path, variant(TEXT, (self.STAFF, table)))
        assert report.tables["staffing"][["grade", "authorized"]].values.tolist() == [["5급", 1], ["6급", 5], ["7급", 5], ["기능8급", 2], ["기능9급", 1]]
        assert errors(report) == []
        own = load(tmp_path, variant(TEXT, (self.STAFF, table.replace("일반직 소계\t5급\t6급\t7급\t", "일반직 소계\t5급\t6급\t7급\t기능직 소계\t")
                                                                  .replace("14\t11\t1\t5\t5\t", "14\t11\t1\t5\t5\t3\t")
                                                                  .replace("14\t11\t1\t7\t3\t", "14\t11\t1\t7\t3\t3\t")
                                                                  .replace("-\t-\t-\t2\t△2\t", "-\t-\t-\t2\t△2\t-\t"))))
        assert errors(own) == []

    def test_one_header_row_subtotal_that_does_not_add_up(self, tmp_path):
        report = load(tmp_path, variant(TEXT, (self.STAFF, self.ONE_ROW.format(other="기능직", sub="14"))))
        e = report.findings.query("severity == 'error'")
        assert e[["check", "subject", "expected", "actual"]].values.tolist() == [["staffing_total", "staffing 정원 소계", "15", "14"]]


    # A header cell that names a category and a grade together ('관리운영직 6급') after a 소계 of another
    # category: it had been summed in (13 against 11, an error on a right table); it ends the 소계's run
    # as a category column does, unless it names the 소계's own category ('일반직 5급' after '일반직 소계').
    @pytest.mark.parametrize("header,row", [
        ("계\t일반직 소계\t5급\t6급\t7급\t관리운영직 6급\t관리운영직 7급", "13\t11\t1\t5\t5\t1\t1"),
        ("계\t일반직 소계\t일반직 5급\t일반직 6급\t일반직 7급\t관리운영직 6급\t관리운영직 7급", "13\t11\t1\t5\t5\t1\t1"),
        ("계\t관리운영직 6급\t관리운영직 7급\t일반직 소계\t5급\t6급\t7급", "13\t1\t1\t11\t1\t5\t5"),
    ])
    def test_one_header_row_with_a_category_and_grade_in_one_cell(self, tmp_path, header, row):
        table = f"구 분\t{header}\n정 원\t{row}\n현 원\t{row}\n과부족" + "\t-" * (header.count("\t") + 1)
        report = load(tmp_path, variant(TEXT, (self.STAFF, table)))
        assert errors(report) == []
        assert report.tables["staffing"]["authorized"].sum() == 13
        wrong = table.replace("\t11\t", "\t12\t", 1)  # (a 소계 that is wrong still is)
        e = load(tmp_path, variant(TEXT, (self.STAFF, wrong))).findings.query("severity == 'error'")
        assert e[["check", "subject", "expected", "actual"]].values.tolist() == [["staffing_total", "staffing 정원 소계", "11", "12"]]


    def test_one_header_row_a_grade_cell_naming_its_category_is_stored_with_it(self, tmp_path):
        """'관리운영직 6급' in one cell of a one-row header had been stored as grade '관리운영직6급'
        with no category; it is category 관리운영직, grade 6급 (as under a category row). '기능8급'
        stays a grade of that name."""
        table = "구 분\t계\t5급\t6급\t관리운영직 6급\t관리운영직 7급\t기능8급\n정 원\t9\t1\t5\t1\t1\t1\n현 원\t9\t1\t5\t1\t1\t1\n과부족" + "\t-" * 6
        report = load(tmp_path, variant(TEXT, (self.STAFF, table)))
        assert report.tables["staffing"][["category", "grade", "authorized"]].values.tolist() == [
            ["", "5급", 1], ["", "6급", 5], ["관리운영직", "6급", 1], ["관리운영직", "7급", 1], ["", "기능8급", 1]]
        assert errors(report) == []

    def test_a_subtotal_printed_after_its_grades_behind_another_category(self, tmp_path):
        """'일반직 소계 | 5급 | 6급 | 기능8급 | 기능9급 | 기능직 소계': the 기능직 소계's run had reached
        back over 5급 and 6급 (a false staffing_total error, 9 against 3). It sums its own grades;
        a wrong one is still an error."""
        table = ("구 분\t계\t일반직 소계\t5급\t6급\t기능8급\t기능9급\t기능직 소계\n정 원\t9\t6\t1\t5\t2\t1\t{sub}\n"
                 "현 원\t9\t6\t1\t5\t2\t1\t3\n과부족" + "\t-" * 7)
        report = load(tmp_path, variant(TEXT, (self.STAFF, table.format(sub=3))))
        assert report.tables["staffing"][["grade", "authorized"]].values.tolist() == [["5급", 1], ["6급", 5], ["기능8급", 2], ["기능9급", 1]]
        assert errors(report) == []
        e = load(tmp_path, variant(TEXT, (self.STAFF, table.format(sub=4)))).findings.query("severity == 'error'")
        assert e[["check", "subject", "expected", "actual"]].values.tolist() == [["staffing_total", "staffing 정원 소계", "3", "4"]]


class TestStaffingVacancyRow:
    """A 결원 row under 정원/현원 (posts vacant: 정원 − 현원 where staff are short, '-' where not) had
    not been read: a staffing_row warning and its numbers named unread. It is read and checked, and
    gives each grade's 과부족 where there is no 과부족 row."""

    STAFF = TestStaffingSubtotalColumn.STAFF

    def load(self, tmp_path, vacancy: str, current: str = "현 원\t10\t1\t5\t4", gap: str = ""):
        table = "\n".join(x for x in ("구 분\t계\t5급\t6급\t7급", "정 원\t11\t1\t5\t5", current, gap, vacancy) if x)
        return load(tmp_path, variant(TEXT, (self.STAFF, table)))

    def test_read_as_the_gap(self, tmp_path):
        report = self.load(tmp_path, "결 원\t1\t-\t-\t1")
        assert report.tables["staffing"][["grade", "authorized", "current", "gap"]].values.tolist() == [
            ["5급", 1, 1, 0], ["6급", 5, 5, 0], ["7급", 5, 4, -1]]
        f = report.findings
        assert f[f["check"].str.startswith("staffing") | ((f["check"] == "coverage") & (f["severity"] != "info"))].empty
        assert coverage(report) == (131, 131)  # (the table's numbers: 129 of 131 read before)

    def test_no_vacancy_where_staff_are_more(self, tmp_path):
        report = self.load(tmp_path, "결 원\t2\t-\t-\t2", current="현 원\t11\t1\t7\t3")
        assert report.tables["staffing"]["gap"].tolist() == [0, 2, -2]
        assert errors(report) == []

    def test_a_vacancy_that_is_not_so(self, tmp_path):
        report = self.load(tmp_path, "결 원\t2\t1\t-\t-")
        assert report.tables["staffing"]["gap"].isna().tolist() == [True, False, True]  # (no gap where the row is not so)
        e = report.findings.query("severity == 'error'")
        assert e[["check", "subject", "expected", "actual"]].values.tolist() == [
            ["staffing_gap", "staffing 5급", "-", "1"], ["staffing_gap", "staffing 7급", "1", "-"], ["staffing_total", "staffing 결원 계", "1", "2"]]

    def test_beside_a_gap_row(self, tmp_path):
        report = self.load(tmp_path, "결 원\t1\t-\t-\t1", gap="과부족\t△1\t-\t-\t△1")
        assert report.tables["staffing"]["gap"].tolist() == [0, 0, -1]
        f = report.findings
        assert f[f["check"].str.startswith("staffing") | ((f["check"] == "coverage") & (f["severity"] != "info"))].empty


class TestStaffingTurned:
    """A 인력현황 table turned the other way (구분 | 정원 | 현원 | 과부족 across, one grade a row),
    as some offices print it, had the whole report refused ('expected one or two staffing header
    rows (categories, then grades), found 5 header rows'). It is read turned back."""

    STAFF = TestStaffingSubtotalColumn.STAFF

    @staticmethod
    def turned(table: str) -> str:
        rows = [r.split("\t") for r in table.split("\n")]
        wide = max(map(len, rows))
        return "\n".join("\t".join(col) for col in zip(*(r + [""] * (wide - len(r)) for r in rows)))

    def test_the_bundled_table_turned_reads_the_same(self, tmp_path, bundled):
        report = load(tmp_path, variant(TEXT, (self.STAFF, self.turned(self.STAFF))))
        same_tables(report, bundled, skip=("findings",), ignore=("source_line",))
        assert report.findings.query("severity != 'info'")[["check", "subject"]].values.tolist() == \
            bundled.findings.query("severity != 'info'")[["check", "subject"]].values.tolist()
        assert coverage(report) == coverage(bundled)

    def test_one_level_of_grades(self, tmp_path):
        table = "구 분\t정 원\t현 원\t과부족\n계\t11\t10\t△1\n5급\t1\t1\t-\n6급\t5\t5\t-\n7급\t5\t4\t△1"
        report = load(tmp_path, variant(TEXT, (self.STAFF, table)))
        staff = report.tables["staffing"]
        assert staff[["category", "grade", "authorized", "current", "gap", "source_line"]].values.tolist() == [
            ["", "5급", 1, 1, 0, 34], ["", "6급", 5, 5, 0, 35], ["", "7급", 5, 4, -1, 36]]  # (the lines of 5급, 6급, 7급)
        assert errors(report) == []

    def test_a_total_that_does_not_add_up(self, tmp_path):
        table = "구 분\t정 원\t현 원\t과부족\n계\t11\t11\t△1\n5급\t1\t1\t-\n6급\t5\t5\t-\n7급\t5\t4\t△1"
        e = load(tmp_path, variant(TEXT, (self.STAFF, table))).findings.query("severity == 'error'")
        assert e[["check", "subject", "expected", "actual"]].values.tolist() == [
            ["staffing_total", "staffing 현원 계", "10", "11"], ["staffing_gap", "staffing 계", "-", "△1"]]


class TestResultFiguresOfOtherOffices:
    """Results lines as other offices write them, each of which had been stored with a wrong kind
    (a plan, a capacity, a rate, applicants or attendances counted as people reached; this year's
    figures made another year's) or not read at all, with nothing said."""

    OLD = "- 실 적: 영등포구 소속 직원 1,307명 수료"

    def kinds(self, tmp_path, lines: str) -> list[tuple]:
        report = load(tmp_path, variant(TEXT, (self.OLD, lines)))
        m = report.tables["metrics"]
        n = lines.count("\n")
        m = m[(m["source_line"] >= 122) & (m["source_line"] <= 122 + n)]
        return [(int(r.value), r.unit, r.kind) for r in m.itertuples()]

    @pytest.mark.parametrize("line,expected", [
        # N/M under a pair of labels: each figure is what its own label says
        ("- 실 적: 참여/정원 38명/40명", [(38, "명", "result"), (40, "명", "target")]),
        ("- 목표/실적: 40명/38명", [(40, "명", "target"), (38, "명", "result")]),
        ("- 계획/실적: 12회/10회", [(12, "회", "target"), (10, "회", "result")]),
        ("- 수료/참여: 38명/40명", [(38, "명", "part"), (40, "명", "result")]),  # (control)
        ("- 실 적: 남/여 12명/12명 참여", [(12, "명", "result"), (12, "명", "result")]),  # (control)
        # a figure per something, written with a slash
        ("- 실 적: 40명/회, 총 12회 운영", [(40, "명", "rate"), (12, "회", "result")]),
        ("- 실 적: 상담 3회/월 운영", [(3, "회", "rate")]),
        # N/M명: the N has no counter word of its own
        ("- 실 적: 수료율 38/40명", [(38, "명", "part"), (40, "명", "result")]),
        # planned, said in brackets or right before the plan word
        ("- 실 적: 1,307명 수료(예정)", [(1307, "명", "target")]),
        ("- 실 적: 1,307명(12월 수료 예정)", [(1307, "명", "target")]),
        ("- 실 적: 1,307명 수료 예정", [(1307, "명", "target")]),
        # a month between the figure and the plan word ('1회 11월 예정'): the month is no next figure
        ("- 실 적: 3회 실시(1회 11월 예정)", [(3, "회", "result"), (1, "회", "target")]),
        ("- 실 적: 교육 2회 실시, 1회 12월 중 실시 예정", [(2, "회", "result"), (1, "회", "target")]),
        ("- 실 적: 2회 11~12월 개최 예정", [(2, "회", "target")]),
        ("- 실 적: 1,307명 10월 수료", [(1307, "명", "result")]),  # (control)
        # the plan said, then what was done instead
        ("- 실 적: 교육 12회 운영 예정이었으나 10회 운영", [(12, "회", "target"), (10, "회", "result")]),
        ("- 실 적: 12회 개최 계획이었으나 코로나로 8회 개최", [(12, "회", "target"), (8, "회", "result")]),
        # applicants before a stage of paying out
        ("- 실 적: 지원금 신청 250가구, 지급 230가구", [(250, "가구", "whole"), (230, "가구", "result")]),
        ("- 실 적: 300명 참여(만족도 조사 예정)", [(300, "명", "result")]),  # (control) something else is planned
        ("- 실 적: 직원 1,307명 수료 및 하반기 추가 교육 예정", [(1307, "명", "result")]),  # (control)
        # the figure a figure replaced
        ("- 실 적: 직원 1,250명 수료(당초 1,200명)", [(1250, "명", "result"), (1200, "명", "earlier")]),
        ("- 실 적: 교육 12회(당초 계획 10회) 운영", [(12, "회", "result"), (10, "회", "earlier")]),
        # last year's and this year's side by side in one bracket: this year's is no difference (had been a change)
        ("- 실 적: 직원 교육 (전년 100명, 금년 120명)", [(100, "명", "earlier"), (120, "명", "result")]),
        ("- 실 적: 직원 교육 (전년 100명, 2022년 120명)", [(100, "명", "earlier"), (120, "명", "result")]),
        ("- 실 적: 직원 교육 (전년 대비 올해 20명)", [(20, "명", "change")]),  # (control) one clause
        ("- 실 적: 직원 교육 (전년 대비, 20명)", [(20, "명", "change")]),  # (control) no year of its own
        # N 중 M: the whole M was drawn from, or M an outcome of the N reached
        ("- 실 적: 5개 동 중 3개 동 운영", [(5, "개", "whole"), (3, "개", "result")]),
        ("- 실 적: 대상자 200명 중 150명 참여", [(200, "명", "whole"), (150, "명", "result")]),
        ("- 실 적: 신청 120명 중 80명 선정", [(120, "명", "whole"), (80, "명", "result")]),
        ("- 실 적: 참여자 40명 중 38명 수료", [(40, "명", "result"), (38, "명", "part")]),  # (control)
        # '중' that draws nothing from a figure: a name's digits ('코로나19'), or '중에도' (in the midst of)
        ("- 실 적: 코로나19 상황 중에도 12회 운영", [(12, "회", "result")]),
        ("- 실 적: 코로나19 상황 중 12회 운영", [(12, "회", "result")]),
        ("- 실 적: 120명 중에서 80명 선정", [(120, "명", "whole"), (80, "명", "result")]),  # (control)
        ("- 실 적: 15명 중 9명 취업", [(15, "명", "result"), (9, "명", "part")]),  # (control)
        ("- 실 적: 교육 12회 중 온라인 4회", [(12, "회", "result"), (4, "회", "part")]),  # (control) of the 12 held
        ("- 실 적: 지원 120가구 중 기초수급 30가구", [(120, "가구", "result"), (30, "가구", "part")]),  # (control)
        ("- 실 적: 12개 기관 중 10개 기관 만족", [(12, "기관", "result"), (10, "기관", "part")]),  # had been two results
        ("- 실 적: 신청/선정 120명/80명", [(120, "명", "whole"), (80, "명", "result")]),
        # words paired with slashed figures by 대비, and years or 전년 among them: each figure kinded by its own word
        ("- 실 적: 계획 대비 실적 14회/12회", [(14, "회", "target"), (12, "회", "result")]),  # had been two results
        ("- 실 적: 목표 대비 실적: 40명/38명", [(40, "명", "target"), (38, "명", "result")]),
        ("- 실 적: 전년/금년 100명/120명", [(100, "명", "earlier"), (120, "명", "result")]),  # the 100 had been this year's
        ("- 실 적: 전년 대비 금년 100명/120명", [(100, "명", "earlier"), (120, "명", "result")]),  # the 100 had been a part
        ("- 실 적: 2021년/2022년 100명/120명", [(100, "명", "earlier"), (120, "명", "result")]),
        ("- 실 적: 2022년/2023년 100명/120명", [(100, "명", "result"), (120, "명", "target")]),
        ("- 실 적: 정원 대비 38/40명", [(38, "명", "result"), (40, "명", "target")]),  # (control) one word: the target second
        # two groups paired by 대비 are two results, as '남/여' are (the 12 had been a part of the 14)
        ("- 실 적: 남 대비 여 12명/14명", [(12, "명", "result"), (14, "명", "result")]),
        ("- 실 적: 오프라인 대비 온라인 100명/300명", [(100, "명", "result"), (300, "명", "result")]),
        ("- 실 적: 수료 대비 참여 38명/40명", [(38, "명", "part"), (40, "명", "result")]),  # (control) the second names the whole
        # stages of one flow, arrows between, each smaller: the later ones count some of the same people (had been summed)
        ("- 실 적: 선별검사 12,480명 → 진단검사 418명 → 감별검사 126명", [(12480, "명", "result"), (418, "명", "part"), (126, "명", "part")]),
        ("- 실 적: 방문 120명 → 상담 80명", [(120, "명", "result"), (80, "명", "part")]),
        ("- 실 적: 상담 80명 → 방문 120명", [(80, "명", "result"), (120, "명", "result")]),  # (control) larger: no part of it
        # two groups side by side with an arrow between, no stages of one flow: each a result (the second had been a part)
        ("- 실 적: 상반기 120명 → 하반기 80명", [(120, "명", "result"), (80, "명", "result")]),
        ("- 실 적: 교육 운영: 오전반 30명 → 오후반 20명", [(30, "명", "result"), (20, "명", "result")]),
        ("- 실 적: 성인 120명 → 청소년 80명", [(120, "명", "result"), (80, "명", "result")]),
        ("- 실 적: 참여 기관 8개소 → 12개소로 확대", [(8, "개소", "earlier"), (12, "개소", "result")]),  # (control) changed into
        # applicants and a later stage of another activity further down the list: no stages
        ("- 창업 신청 접수 45건\n- 법률 상담 30건\n- 민원 처리 30건", [(45, "건", "result"), (30, "건", "result"), (30, "건", "result")]),
        # a target word that is the next figure's, in its brackets
        ("- 실 적: 참여 인원 1,234명(목표 1,200명 대비 102.8%)", [(1234, "명", "result"), (1200, "명", "target")]),
        # a slash between figures, then a per-word that begins a word ('회당 30명')
        ("- 실 적: 교육 4회 / 회당 30명 / 총 120명", [(4, "회", "result"), (30, "명", "rate"), (120, "명", "result")]),
        # the groups after 'N 중' that add up to it
        ("- 실 적: 참여 120명 중 청년 45명, 중장년 75명", [(120, "명", "result"), (45, "명", "part"), (75, "명", "part")]),
        ("- 실 적: 참여 가구 85가구(목표 대비 106%)", [(85, "가구", "result")]),
        ("- 실 적: 참여 가구 85가구(목표 달성)", [(85, "가구", "result")]),
        ("- 실 적: 참여 가구 85가구(목표)", [(85, "가구", "target")]),  # (control)
        # 'N 중' and two words before the part; a time before 중 stays a time
        ("- 실 적: 구직자 240명 중 현장 채용 56명", [(240, "명", "result"), (56, "명", "part")]),
        ("- 실 적: 11월 중 현장 점검 2회", [(2, "회", "result")]),  # (control)
        # recruited, then completed, with no stage of taking part between: the completed are of those recruited
        ("- 실 적: 수강생 모집 30명 → 수료 27명", [(30, "명", "result"), (27, "명", "part")]),
        # the people (실) in brackets after the attendances
        ("- 실 적: 참여 인원 총 450명(실 320명)", [(450, "명", "whole"), (320, "명", "result")]),
        # this year's figure beside a running total, said in words
        ("- 실 적: 누적 이용객 12만 3천명(올해 2만 1천명)", [(123000, "명", "stock"), (21000, "명", "result")]),
        # a bracket list of numbers with the unit written once, after the figure's verb
        ("- 실 적: 120명 참여(남 50, 여 70명)", [(120, "명", "result"), (50, "명", "part"), (70, "명", "part")]),
        # ... of three or more numbers, the unit written once at the end
        ("- 실 적: 120명(초등 50, 중등 40, 고등 30명)", [(120, "명", "result"), (50, "명", "part"), (40, "명", "part"), (30, "명", "part")]),
        # groups of the figure in brackets adding up to less: some of those reached named, or a list printed short
        ("- 실 적: 150명 참여(남 50, 여 70명)", [(150, "명", "result"), (50, "명", "part"), (70, "명", "part")]),
        ("- 실 적: 120명 참여(초등 50, 중등 40명 등)", [(120, "명", "result"), (50, "명", "part"), (40, "명", "part")]),
        ("- 실 적: 참여 학생 130명(1차 60명, 2차 60명)", [(130, "명", "result"), (60, "명", "part"), (60, "명", "part")]),
        ("- 실 적: 49명 참여(인솔교사 5명, 학부모 10명)", [(49, "명", "result"), (5, "명", "result"), (10, "명", "result")]),  # (control) besides them
        ("- 실 적: 100명 참여(남 50, 여 70명)", [(100, "명", "result"), (50, "명", "part"), (70, "명", "part")]),  # more than it: a misprint, named (TestResultBreakdownsRound5)
        # groups listed before '등' and the figure they are some of: 220 people for 120 before
        ("- 실 적: 어린이 60명, 청소년 40명 등 120명 참여", [(60, "명", "part"), (40, "명", "part"), (120, "명", "result")]),
        ("- 실 적: 어린이 60명, 청소년 40명 등 총 120명 참여", [(60, "명", "part"), (40, "명", "part"), (120, "명", "result")]),
        ("- 실 적: 어린이 60명, 청소년 40명 등 90명 참여", [(60, "명", "result"), (40, "명", "result"), (90, "명", "result")]),  # (control) more than it
        # attendances beside the people
        ("- 실 적: 실인원 120명, 연인원 1,450명", [(120, "명", "result"), (1450, "명", "whole")]),
        ("- 실 적: 연인원 1,450명(실인원 120명)", [(1450, "명", "whole"), (120, "명", "result")]),
        ("- 실 적: 120명(연인원 1,450명)", [(120, "명", "result"), (1450, "명", "whole")]),
        ("- 실인원: 120명\n- 연인원: 1,450명", [(120, "명", "result"), (1450, "명", "whole")]),
        ("- 실 적: 연인원 1,450명", [(1450, "명", "result")]),  # (control) the only count
        # (the lines under break down the 연인원: they had all been results, 2,360 people)
        ("- 참여: 실인원 420명, 연인원 970명\n - 상반기: 450명\n - 하반기: 520명", [(420, "명", "result"), (970, "명", "whole"), (450, "명", "part"), (520, "명", "part")]),
        # applicants before a later stage
        ("- 실 적: 신청 120명 → 선정 80명", [(120, "명", "whole"), (80, "명", "result")]),
        ("- 실 적: 신청 120명, 선정 80명", [(120, "명", "whole"), (80, "명", "result")]),
        ("- 신청: 120명\n- 선정: 80명", [(120, "명", "whole"), (80, "명", "result")]),
        ("- 실 적: 신청 접수 45건", [(45, "건", "result")]),  # (control)
        ("- 실 적: 120명 신청, 80명 선정", [(120, "명", "whole"), (80, "명", "result")]),
        # recruited, took part, completed: the people reached are the 46, the 41 of them
        ("- 실 적: 모집 50명, 참여 46명, 수료 41명", [(50, "명", "whole"), (46, "명", "result"), (41, "명", "part")]),
        ("- 모집: 50명\n- 참여: 46명\n- 수료: 41명", [(50, "명", "whole"), (46, "명", "result"), (41, "명", "part")]),
        ("- 실 적: 참여자 모집 50명", [(50, "명", "result")]),  # (control) the only count
        # took part, then completed, with no applicants before: the completed are of those who took part
        ("- 실 적: 참여 40명, 수료 38명", [(40, "명", "result"), (38, "명", "part")]),
        ("- 실 적: 참여/수료 40명/38명", [(40, "명", "result"), (38, "명", "part")]),
        ("- 참여: 40명\n- 수료: 38명", [(40, "명", "result"), (38, "명", "part")]),
        ("- 실 적: 교육 참여 120명, 자격 취득 30명", [(120, "명", "result"), (30, "명", "part")]),
        ("- 실 적: 참여 40명, 수료 45명", [(40, "명", "result"), (45, "명", "result")]),  # (control) more: not of them
        # a planned headcount in two words
        ("- 실 적: 청년 인턴 20명 채용(예정 인원 25명)", [(20, "명", "result"), (25, "명", "target")]),
        # '/ 연 1,500건': another figure after the slash, no figure per year
        ("- 실 적: 방문 상담 1,240건 / 연 1,500건 목표", [(1240, "건", "result"), (1500, "건", "target")]),
        # this year's figure beside a running total
        ("- 실 적: 누계 1,250명(2022년 320명)", [(1250, "명", "stock"), (320, "명", "result")]),
        ("- 실 적: 누적 회원 1,250명(’22년 신규 320명)", [(1250, "명", "stock"), (320, "명", "result")]),
        ("- 실 적: 회원 1,250명(’21년 신규 320명)", [(1250, "명", "stock"), (320, "명", "earlier")]),  # (the members: a stock, TestResultWordsRound5)
        # an average a few words before the figure
        ("- 실 적: 1일 평균 이용자 45명, 연 이용자 11,250명", [(45, "명", "rate"), (11250, "명", "result")]),
        # applicants after the stage that reached them, in brackets; later stages of other words
        ("- 실 적: 참가팀 32팀(신청 45팀)", [(32, "팀", "result"), (45, "팀", "whole")]),
        ("- 실 적: 심사 결과 12개 단체 선정(신청 19개 단체)", [(12, "단체", "result"), (19, "단체", "whole")]),
        ("- 실 적: 봉사자 모집 120명, 활동 95명", [(120, "명", "whole"), (95, "명", "result")]),
        ("- 실 적: 민원 접수 210건, 처리 205건", [(210, "건", "whole"), (205, "건", "result")]),
        # not held
        ("- 실 적: 총 48회 중 42회 실시(코로나로 6회 취소)", [(48, "회", "whole"), (42, "회", "result"), (6, "회", "target")]),
        ("- 실 적: 3회 운영, 2회 취소", [(3, "회", "result"), (2, "회", "target")]),
        ("- 실 적: 교육 취소 후 3회 재개", [(3, "회", "result")]),  # (control)
        # a waiting list: people not reached
        ("- 실 적: 정원 20명, 대기자 15명", [(20, "명", "target"), (15, "명", "stock")]),
        ("- 실 적: 정원 20명(대기자 15명)", [(20, "명", "target"), (15, "명", "stock")]),
        # about so many (내외) is no requirement: a size per session, people reached
        ("- 실 적: 교육 15회(회당 20명 내외)", [(15, "회", "result"), (20, "명", "rate")]),
        ("- 실 적: 20명 내외 참여", [(20, "명", "result")]),
        # 연 in a year's results: the year's count; beside the people reached, attendances
        ("- 실 적: 자원봉사자 연 120명 활동", [(120, "명", "result")]),
        ("- 실 적: 정기회의 연간 2회 개최", [(2, "회", "result")]),
        ("- 실 적: 자원봉사자 실인원 40명, 연 120명 활동", [(40, "명", "result"), (120, "명", "whole")]),
        ("- 실 적: 1일 평균 이용자 45명, 연 11,250명", [(45, "명", "rate"), (11250, "명", "result")]),
        # two activities on one line, each naming what its stage is of: no stages of one
        ("- 실 적: 신청 접수 45건, 민원 처리 30건", [(45, "건", "result"), (30, "건", "result")]),
        ("- 실 적: 프로그램 신청 120명, 상담 참여 80명", [(120, "명", "result"), (80, "명", "result")]),
        # applicants whose stage names no activity ('신청 접수'), of people, then a stage of people: the same people
        # (had been 200 people reached)
        ("- 실 적: 신청 접수 120명, 교육 참여 80명", [(120, "명", "whole"), (80, "명", "result")]),
        ("- 실 적: 신청 접수 60가구, 상담 지원 45가구", [(60, "가구", "whole"), (45, "가구", "result")]),
        ("- 실 적: 참가 신청 120명, 최종 선정 80명", [(120, "명", "whole"), (80, "명", "result")]),  # (control)
        ("- 실 적: 교육 신청 120명, 교육생 선정 80명", [(120, "명", "whole"), (80, "명", "result")]),  # (control)
        # copies made beside those handed out of them
        ("- 실 적: 배부 3,000부(인쇄 3,500부)", [(3000, "부", "result"), (3500, "부", "whole")]),
        ("- 실 적: 홍보물 제작 5,000부, 배포 4,800부", [(5000, "부", "whole"), (4800, "부", "result")]),
        ("- 인쇄: 3,500부\n- 배부: 3,000부", [(3500, "부", "whole"), (3000, "부", "result")]),
        ("- 실 적: 안내서 인쇄 3,000부, 포스터 배부 500부", [(3000, "부", "result"), (500, "부", "result")]),  # (control)
        # a total beside what was added this year: what stands after it (or, of things done and people, the year's total)
        ("- 실 적: 2개소 추가 개소(총 8개소 운영)", [(2, "개소", "result"), (8, "개소", "stock")]),
        ("- 실 적: 신규 3개소 지정, 총 15개소", [(3, "개소", "result"), (15, "개소", "stock")]),
        ("- 실 적: 교육 3회 추가 실시(총 12회)", [(3, "회", "part"), (12, "회", "result")]),
        ("- 실 적: 참여자 20명 추가 모집(총 150명)", [(20, "명", "part"), (150, "명", "result")]),
        ("- 실 적: 신규 2개소, 기존 6개소, 총 8개소", [(2, "개소", "result"), (6, "개소", "stock"), (8, "개소", "stock")]),
        # what stood before (기존), a waiting list in one word (대기)
        ("- 실 적: 기존 6개소, 신규 2개소 운영", [(6, "개소", "stock"), (2, "개소", "result")]),
        ("- 실 적: 수강생 25명 모집(대기 8명)", [(25, "명", "result"), (8, "명", "stock")]),
        ("- 실 적: 대기질 측정 30회", [(30, "회", "result")]),  # (control)
        # a committee's meetings are held (위원회 holds the stock word 위원); its members stay a stock
        ("- 실 적: 위원회 회의 3회 개최", [(3, "회", "result")]),
        ("- 실 적: 위원회 위원 14명 위촉", [(14, "명", "stock")]),  # (control)
        # per head, then a period word
        ("- 실 적: 1인당 연 2회 지원, 총 340명", [(2, "회", "rate"), (340, "명", "result")]),
        # a figure changed into the next: the one replaced
        ("- 실 적: 참여 기관 8개소 → 12개소로 확대", [(8, "개소", "earlier"), (12, "개소", "result")]),
        ("- 실 적: 참여 기관 8개소에서 12개소로 늘려 운영", [(8, "개소", "earlier"), (12, "개소", "result")]),
        # a counter word and a particle of two syllables or one more (에서, 부터, 는, 만): had been unread
        ("- 실 적: 3개소에서 운영", [(3, "개소", "result")]),
        ("- 실 적: 5회 운영, 2회는 코로나19로 연기", [(5, "회", "result"), (2, "회", "target")]),
        ("- 실 적: 30명만 참여", [(30, "명", "result")]),
        ("- 실 적: 3개소에서는 운영", [(3, "개소", "result")]),  # (particles one after another)
        ("- 실 적: 120명으로부터 의견 수렴", [(120, "명", "result")]),
        # a change said by 증 or 감 after 대비; what is left
        ("- 실 적: 참여자 480명 / 전년 대비 증 60명", [(480, "명", "result"), (60, "명", "change")]),
        ("- 실 적: 참여자 480명(전년 대비 감 20명)", [(480, "명", "result"), (-20, "명", "change")]),
        ("- 실 적: 배부 3,000부(잔여 500부 비치)", [(3000, "부", "result"), (500, "부", "stock")]),
        # 'N 중 M' where M were not reached, N a stock, or the copies handed out of those printed
        ("- 실 적: 대상 1,200명 중 미참여 200명", [(1200, "명", "whole"), (200, "명", "part")]),
        ("- 실 적: 참여자 40명 중 중도 포기 3명", [(40, "명", "result"), (3, "명", "part")]),  # (control)
        ("- 실 적: 대기자 30명 중 15명 추가 배정", [(30, "명", "stock"), (15, "명", "result")]),
        ("- 실 적: 누적 회원 300명 중 120명 참여", [(300, "명", "stock"), (120, "명", "result")]),
        ("- 실 적: 홍보물 인쇄 5,000부 중 4,500부 배부", [(5000, "부", "whole"), (4500, "부", "result")]),
    ])
    def test_kinds(self, tmp_path, line, expected):
        assert self.kinds(tmp_path, line) == expected

    @pytest.mark.parametrize("heading,kind", [
        ("○ 2021년 : 시범 운영, 2022년 : 전면 시행", "result"),
        ("○ 2021년 실적: 430명", "earlier"),  # (control) the key is the year's results
    ])
    def test_a_heading_with_a_key_of_a_year(self, tmp_path, heading, kind):
        report = load(tmp_path, variant(TEXT, (self.OLD, f"{heading}\n{self.OLD}")))
        m = report.tables["metrics"]
        assert m[m["value"] == 1307]["kind"].tolist() == [kind]

    def test_a_figure_with_particles_is_in_coverage(self, tmp_path):
        """'3개소에서는 운영': the figure had been neither read nor counted (144 of 144: the 1,307 replaced,
        nothing in its place); now read, and counted."""
        assert coverage(load(tmp_path, variant(TEXT, (self.OLD, "- 실 적: 3개소에서는 운영")))) == (146, 146)

    def test_a_figure_run_into_its_verb_is_named(self, tmp_path):
        """'3개소운영' (no space): a counter word run into the next word had been neither read nor
        counted; it is counted and named as unread (a word that only holds digits, 119안전센터, is not)."""
        report = load(tmp_path, variant(TEXT, (self.OLD, "- 실 적: 3개소운영, 119안전센터 방문")))
        assert coverage(report) == (146, 145)
        f = report.findings
        assert f[(f["check"] == "coverage") & (f["severity"] == "warning")]["expected"].tolist() == ["3개소운영"]

    def test_bare_count_is_in_coverage(self, tmp_path):
        """The 38 of '38/40명' is counted by coverage, and read: a report that had dropped it is
        100% read with one figure more."""
        before = coverage(load(tmp_path, TEXT))
        after = coverage(load(tmp_path, variant(TEXT, (self.OLD, "- 실 적: 수료율 38/40명"))))
        assert (before, after) == ((146, 146), (147, 147))
        assert coverage(load(tmp_path, variant(TEXT, (self.OLD, "- 실 적: 120명 참여(남 50, 여 70명)"))))  == (148, 148)
        assert coverage(load(tmp_path, variant(TEXT, (self.OLD, "- 실 적: 120명(초등 50, 중등 40, 고등 30명)"))))  == (149, 149)


class TestResultBreakdownsRound5:
    """Results lines whose figures had been stored with a wrong kind, or a misprint stored with nothing
    said (offices5): groups that add up to more than their total, a planned group in a breakdown, a
    product ('4개 반 × 30명'), the figure added this year in brackets after the total."""

    OLD = "- 실 적: 영등포구 소속 직원 1,307명 수료"

    def read(self, tmp_path, lines: str) -> tuple[list[tuple], list[tuple]]:
        report = load(tmp_path, variant(TEXT, (self.OLD, lines)))
        n = lines.count("\n")
        m = report.tables["metrics"]
        m = m[(m["source_line"] >= 122) & (m["source_line"] <= 122 + n)]
        f = report.findings
        f = f[(f["source_line"] >= 122) & (f["source_line"] <= 122 + n)]
        return ([(int(r.value), r.unit, r.kind) for r in m.itertuples()],
                [(r.check, r.severity, r.expected, r.actual, r.message) for r in f.itertuples()])

    def test_groups_that_add_up_to_more_are_named(self, tmp_path):
        """'100명 참여(남 50, 여 70명)': the groups add up to 120; all three had been results (220 people
        reached) with nothing said. The printed total is kept, the groups its parts, and a warning names the line."""
        metrics, findings = self.read(tmp_path, "- 실 적: 100명 참여(남 50, 여 70명)")
        assert metrics == [(100, "명", "result"), (50, "명", "part"), (70, "명", "part")]
        assert findings == [("metric_breakdown", "warning", "100명", "120명",
                             "2번 사업 실적 '실 적: 100명 참여(남 50, 여 70명)': 괄호 안 내역의 합 120명이 앞의 합계 100명보다 많습니다. "
                             "적힌 합계 100명을 실적으로 두고 괄호 안은 그 내역으로 둡니다")]

    @pytest.mark.parametrize("line,expected", [
        ("- 실 적: 150명 참여(남 50, 여 70명)", [(150, "명", "result"), (50, "명", "part"), (70, "명", "part")]),  # (control) fewer: no finding
        ("- 실 적: 300명 참여(학생 250명, 인솔교사 60명)", [(300, "명", "result"), (250, "명", "result"), (60, "명", "result")]),  # (control) people besides
    ])
    def test_groups_that_add_up_to_less_or_are_besides(self, tmp_path, line, expected):
        assert self.read(tmp_path, line) == (expected, [])

    @pytest.mark.parametrize("line,expected", [
        # a breakdown with a planned group: the total is the year's plan, the group done the result
        ("- 실 적: 40명 참여(1기 20명, 2기 20명 예정)", [(40, "명", "target"), (20, "명", "result"), (20, "명", "target")]),
        ("- 실 적: 프로그램 운영 12회(상반기 5회, 하반기 7회 예정)", [(12, "회", "target"), (5, "회", "result"), (7, "회", "target")]),
        ("- 실 적: 40명 참여(1기 20명, 2기 20명)", [(40, "명", "result"), (20, "명", "part"), (20, "명", "part")]),  # (control)
        # a product: the factor per each of the other is a rate
        ("- 실 적: 120명(4개 반 × 30명)", [(120, "명", "result"), (4, "개", "result"), (30, "명", "rate")]),
        ("- 실 적: 12개 동 × 2회 순회 운영", [(12, "개", "result"), (2, "회", "rate")]),
        ("- 실 적: 40명 x 3회 = 120명", [(40, "명", "rate"), (3, "회", "result"), (120, "명", "result")]),
        # the figure added this year in brackets after the total: of sites, cities the total stands (a stock)
        ("- 실 적: 결연 도시 12개 도시(2022년 2개 도시 신규)", [(12, "개", "stock"), (2, "개", "result")]),
        ("- 실 적: 거점 8개소(신규 2개소)", [(8, "개소", "stock"), (2, "개소", "result")]),
        ("- 실 적: 교육 12회(신규 3회)", [(12, "회", "result"), (3, "회", "part")]),  # (control) sessions: the year's 12
    ])
    def test_kinds(self, tmp_path, line, expected):
        assert self.read(tmp_path, line) == (expected, [])


class TestResultWordsRound5:
    """Results lines whose words say what a figure is, which had been read as results (offices5):
    a plan beside what was done, those recruited beside those taught, a target's 대비 before 'N/M',
    members beside a meeting, so many each (씩), a count with people counted again (중복 포함)."""

    OLD = "- 실 적: 영등포구 소속 직원 1,307명 수료"

    def rows(self, tmp_path, lines: str) -> list[tuple]:
        report = load(tmp_path, variant(TEXT, (self.OLD, lines)))
        m = report.tables["metrics"]
        m = m[m["source_line"] == 122]
        return [(int(r.value), r.unit, r.kind, r.label.removeprefix("2022년도 공공부문 통일교육 — ")) for r in m.itertuples()]

    @pytest.mark.parametrize("line,expected", [
        ("- 실 적: 계획 10회, 실적 12회", [(10, "회", "target", "실 적 계획 10회"), (12, "회", "result", "실 적 실적")]),
        ("- 실 적: 사업 계획 3건 수립", [(3, "건", "result", "사업 계획 수립")]),  # (control) plans drawn up
        ("- 실 적: 당초 계획 10회, 실적 12회", [(10, "회", "earlier", "당초 계획 10회"), (12, "회", "result", "실 적 실적")]),  # (control)
        ("- 실 적: 계획 대비 12회 실시", [(12, "회", "result", "계획 대비 실시")]),  # had been a change
        ("- 실 적: 교육생 모집 40명, 교육 진행 38명", [(40, "명", "whole", "교육생 모집"), (38, "명", "result", "교육 진행")]),
        ("- 실 적: 모집 40명, 교육 실시 38명", [(40, "명", "whole", "실 적 모집"), (38, "명", "result", "교육 실시")]),
        ("- 실 적: 정원 대비 38/40명 참여", [(38, "명", "result", "정원 대비"), (40, "명", "target", "정원")]),
        ("- 실 적: 목표 대비 38/40명 참여", [(38, "명", "result", "목표 대비"), (40, "명", "target", "목표")]),
        ("- 실 적: 수료율 38/40명", [(38, "명", "part", "실 적 수료율"), (40, "명", "result", "실 적")]),  # (control)
        ("- 실 적: 연 2회 정기총회 개최(회원 150명)", [(2, "회", "result", "연 정기총회 개최"), (150, "명", "stock", "연 정기총회 개최 회원")]),
        ("- 실 적: 회원 120명 참여", [(120, "명", "result", "회원 참여")]),  # (control) members who took part
        ("- 실 적: 회원 35명 신규 가입", [(35, "명", "result", "회원 신규 가입")]),  # members who joined this year: had been a stock
        ("- 실 적: 회원 40명 교육 이수", [(40, "명", "result", "회원 교육 이수")]),  # members taught: had been a stock
        ("- 실 적: 동아리 운영(회원 25명), 발표회 2회", [(25, "명", "stock", "동아리 운영 회원"), (2, "회", "result", "실 적 발표회")]),  # (control) the members
        ("- 실 적: 4개소씩 운영", [(4, "개소", "rate", "실 적 4개소씩 운영")]),
        ("- 실 적: 동별 2회씩 총 36회 운영", [(2, "회", "rate", "동별 2회 씩 총  운영"), (36, "회", "result", "동별 씩 총 운영")]),
        ("- 실 적: 수혜자 1,200명(중복 포함)", [(1200, "명", "result", "실 적 수혜자 (중복 포함)")]),
        ("- 실 적: 수혜자 1,200명(중복 포함), 실인원 300명", [(1200, "명", "whole", "실 적 수혜자 (중복 포함)"), (300, "명", "result", "실 적 실인원")]),
        ("- 실 적: 수혜자 300명(중복 제외), 연 1,200명", [(300, "명", "result", "실 적 수혜자 (중복 제외)"), (1200, "명", "whole", "실 적 연")]),
    ])
    def test_kinds(self, tmp_path, line, expected):
        assert self.rows(tmp_path, line) == expected


class TestLineUnderAYearKey:
    """A line whose key is a year alone ('○ 2021년 : 시범 운영, …'): its figures had all been labelled
    under the first year ('2021년 — 2022년 : 전면 시행') and read as this year's; the lines under it
    too ('2021년 — 참여' under '2021년 : 시범 운영, 2022년 : 전면 시행'). Each figure now stands under
    the last 'YYYY년 :' before it (another year's: earlier), a heading keeps its words."""

    OLD = "- 실 적: 영등포구 소속 직원 1,307명 수료"

    def rows(self, tmp_path, lines: str) -> list[tuple]:
        report = load(tmp_path, variant(TEXT, (self.OLD, lines)))
        m = report.tables["metrics"]
        m = m[(m["source_line"] >= 122) & (m["source_line"] <= 122 + lines.count("\n"))]
        return [(int(r.value), r.unit, r.kind, r.label) for r in m.itertuples()]

    @pytest.mark.parametrize("lines,expected", [
        ("○ 2021년 : 시범 운영 20명, 2022년 : 전면 시행 120명", [(20, "명", "earlier", "2021년 — 시범 운영"), (120, "명", "result", "2022년 — 전면 시행")]),
        ("○ 2021년 : 시범 운영, 30명 참여", [(30, "명", "earlier", "2021년 — 참여")]),
        ("○ 2022년 : 120명, 2021년 : 100명", [(120, "명", "result", "2022년"), (100, "명", "earlier", "2021년")]),
        ("○ 2021년 : 시범 운영, 2022년 : 전면 시행\n  - 교육 3회 실시, 120명 참여",
         [(3, "회", "result", "2021년 : 시범 운영, 2022년 : 전면 시행 — 교육 실시"), (120, "명", "result", "2021년 : 시범 운영, 2022년 : 전면 시행 — 참여")]),
        ("○ 2022년 : 교육 5회 실시", [(5, "회", "result", "2022년 — 교육 실시")]),  # (control)
        ("- 2021년 실적: 430명", [(430, "명", "earlier", "2022년도 공공부문 통일교육 — 2021년 실적")]),  # (control)
    ])
    def test_each_figure_under_its_year(self, tmp_path, lines, expected):
        assert self.rows(tmp_path, lines) == expected


class TestOrdinalWord:
    """'축제 2회 개최': a figure after a word ending in 제 (축제, 영화제, 경제) had been taken for an
    ordinal ('제2회') and neither read nor counted by coverage (145 of 145 with the figure gone)."""

    OLD = "- 실 적: 영등포구 소속 직원 1,307명 수료"

    @pytest.mark.parametrize("line,expected,counted", [
        ("- 실 적: 축제 2회 개최, 방문객 5,000명", [(2, "회"), (5000, "명")], (147, 147)),
        ("- 실 적: 영화제 3회 개최", [(3, "회")], (146, 146)),
        ("- 실 적: 제15회 축제 개최, 방문객 5,000명", [(5000, "명")], (146, 146)),  # (control) an ordinal
        ("- 실 적: 영등포 축제(제 3회) 1회 개최", [(1, "회")], (146, 146)),  # (control)
    ])
    def test_read_and_counted(self, tmp_path, line, expected, counted):
        report = load(tmp_path, variant(TEXT, (self.OLD, line)))
        m = report.tables["metrics"]
        assert [(int(r.value), r.unit) for r in m[m["source_line"] == 122].itertuples()] == expected
        assert coverage(report) == counted


class TestResultLinesOfOtherDepartments:
    """Results lines as welfare, culture, environment, health and jobs departments write them
    (offices5), each of which had been stored with a wrong kind: so many per class (반별), the one of
    '1회 평균', a target exceeded (초과 달성) read as a difference, copies kept (보관) counted as
    handed out, sites inspected out of the sites (점검), an outcome of those registered (성공)."""

    OLD = "- 실 적: 영등포구 소속 직원 1,307명 수료"

    @pytest.mark.parametrize("line,expected", [
        ("- 실 적: 2개 반 60명 운영(반별 30명)", [(2, "개", "result"), (60, "명", "result"), (30, "명", "rate")]),
        ("- 실 적: 개별 상담 30건", [(30, "건", "result")]),  # (control) 개별 is no 'per'
        ("- 실 적: 참여 인원 총 250명(1회 평균 25명)", [(250, "명", "result"), (1, "회", "rate"), (25, "명", "rate")]),
        ("- 실 적: 교육 1회 실시", [(1, "회", "result")]),  # (control)
        ("- 실 적: 주민 300명 참여(당초 목표 250명 초과 달성)", [(300, "명", "result"), (250, "명", "target")]),
        ("- 실 적: 주민 300명 참여(목표 250명 초과)", [(300, "명", "result"), (250, "명", "target")]),
        ("- 실 적: 목표 대비 50명 초과", [(50, "명", "change")]),  # (control) the difference
        ("- 실 적: 2,000부 인쇄, 1,800부 배부, 200부 보관", [(2000, "부", "whole"), (1800, "부", "result"), (200, "부", "stock")]),
        ("- 실 적: 24개소 중 20개소 점검 완료", [(24, "개소", "whole"), (20, "개소", "result")]),
        ("- 실 적: 금연 클리닉 등록 320명, 6개월 성공 140명", [(320, "명", "result"), (140, "명", "part")]),
        ("- 실 적: 12개 기관 중 10개 기관 만족", [(12, "기관", "result"), (10, "기관", "part")]),  # (control)
    ])
    def test_kinds(self, tmp_path, line, expected):
        report = load(tmp_path, variant(TEXT, (self.OLD, line)))
        m = report.tables["metrics"]
        assert [(int(r.value), r.unit, r.kind) for r in m[m["source_line"] == 122].itertuples()] == expected


class TestResultLinesOfOtherDepartmentsMore:
    """More results lines of other departments (offices5): trees counted in 주 (read as weeks: lost
    with coverage at 100%), 'A → B' with nothing but the arrow between, the figure again in brackets
    beside the one it replaced, those aimed at (N명 대상) beside those who answered, 연 before a count
    that is no attendance, and a target word of the next clause ('참여 120명, 목표 150명': the 120 had
    been a target)."""

    OLD = "- 실 적: 영등포구 소속 직원 1,307명 수료"

    def read(self, tmp_path, line):
        report = load(tmp_path, variant(TEXT, (self.OLD, line)))
        m = report.tables["metrics"]
        return [(int(r.value), r.unit, r.kind) for r in m[m["source_line"] == 122].itertuples()], report

    @pytest.mark.parametrize("line,expected", [
        ("- 실 적: 전년 대비 참여자 15% 증가(520명 → 598명)", [(520, "명", "earlier"), (598, "명", "result")]),
        ("- 실 적: 신청 120명 → 선정 80명", [(120, "명", "whole"), (80, "명", "result")]),  # (control) stages
        ("- 실 적: 강좌 20개(당초 18개 → 20개로 확대)", [(20, "개", "result"), (18, "개", "earlier"), (20, "개", "part")]),
        ("- 실 적: 3,000명 대상 설문조사 실시(응답 2,100명)", [(3000, "명", "whole"), (2100, "명", "result")]),
        ("- 실 적: 3,000명 대상 설문조사, 2,100명 응답", [(3000, "명", "whole"), (2100, "명", "result")]),
        ("- 실 적: 어르신 300명 대상 교육 실시, 수료 280명", [(300, "명", "whole"), (280, "명", "result")]),
        # two groups each aimed at: the first had been made the whole of the second (its 200 people not reached)
        ("- 실 적: 어르신 200명 대상 교육, 청소년 150명 대상 교육", [(200, "명", "result"), (150, "명", "result")]),
        ("- 실 적: 어르신 200명 대상 교육 실시, 청소년 150명 교육", [(200, "명", "result"), (150, "명", "result")]),
        ("- 실 적: 어르신 300명 대상 교육 실시", [(300, "명", "result")]),  # (control)
        ("- 실 적: 정기 점검 연 4회, 수시 점검 12회", [(4, "회", "result"), (12, "회", "result")]),
        ("- 실 적: 실인원 120명, 연 1,450명", [(120, "명", "result"), (1450, "명", "whole")]),  # (control)
        ("- 실 적: 참여 120명, 목표 150명", [(120, "명", "result"), (150, "명", "target")]),
        ("- 실 적: 300명(청소년 120명, 목표 250명)", [(300, "명", "result"), (120, "명", "part"), (250, "명", "target")]),
    ])
    def test_kinds(self, tmp_path, line, expected):
        assert self.read(tmp_path, line)[0] == expected

    def test_trees_in_ju_are_named(self, tmp_path):
        """'식재 1,200주': 주 after a number of three digits or more is no week; the figure is counted
        and named unread (its counter word is not a metric unit), '4주 과정' stays a time."""
        rows, report = self.read(tmp_path, "- 실 적: 식재 1,200주, 4주 과정 참여 주민 150명")
        assert rows == [(150, "명", "result")]
        assert coverage(report) == (147, 146)
        f = report.findings
        assert f[(f["check"] == "coverage") & (f["severity"] == "warning")]["expected"].tolist() == ["1,200주"]


class TestResultLinesRound5Last:
    """The last of offices5's results lines (/work/h/offices5_repro/more5.txt): a plan word of the clause
    before ('당초 10회 계획, 8회 실시': the 8 had been a target), the whole in brackets ('(전체 150개소
    중)'), a standing count said in brackets ('(누적)'), and lines under a printed total that add up
    to more (all four had been results, nothing said)."""

    OLD = "- 실 적: 영등포구 소속 직원 1,307명 수료"

    @pytest.mark.parametrize("line,expected", [
        ("- 실 적: 당초 10회 계획, 8회 실시(코로나19로 2회 취소)", [(10, "회", "earlier"), (8, "회", "result"), (2, "회", "target")]),
        ("- 실 적: 스마트 경로당 30개소 구축(전체 150개소 중)", [(30, "개소", "result"), (150, "개소", "whole")]),
        ("- 실 적: 치매 안심센터 등록 1,230명(누적)", [(1230, "명", "stock")]),
        ("- 실 적: 1일 100회, 각 500부", [(100, "회", "rate"), (500, "부", "rate")]),  # (control)
    ])
    def test_kinds(self, tmp_path, line, expected):
        report = load(tmp_path, variant(TEXT, (self.OLD, line)))
        m = report.tables["metrics"]
        assert [(int(r.value), r.unit, r.kind) for r in m[m["source_line"] == 122].itertuples()] == expected

    @pytest.mark.parametrize("last,kinds,finding", [
        (70, ["result", "part", "part", "part"], [("metric_breakdown", "warning", "250명", "270명",
          "2번 사업 실적(122행)의 합계 250명보다 그 아래 줄 내역의 합 270명이 많습니다. 적힌 합계 250명을 실적으로 두고 아래 줄은 그 내역으로 둡니다")]),
        (50, ["result", "part", "part", "part"], []),  # (control) they add up
    ])
    def test_lines_under_a_total(self, tmp_path, last, kinds, finding):
        lines = f"- 실 적: 총 250명 지원\n  - 기초수급 120명\n  - 차상위 80명\n  - 기타 {last}명"
        report = load(tmp_path, variant(TEXT, (self.OLD, lines)))
        m = report.tables["metrics"]
        assert m[(m["source_line"] >= 122) & (m["source_line"] <= 125)]["kind"].tolist() == kinds
        f = report.findings
        assert [(r.check, r.severity, r.expected, r.actual, r.message) for r in f[f["check"] == "metric_breakdown"].itertuples()] == finding

    @pytest.mark.parametrize("lines", [
        "- 실 적: 총 200명 참여\n  - 상반기 100명\n  - 하반기 100명\n  - 수료 180명",
        "- 실 적: 총 200명\n  - 청소년 120명\n  - 성인 80명\n  - 만족도 조사 응답 150명",
    ])
    def test_lines_under_a_total_some_of_which_add_up_to_it(self, tmp_path, lines):
        """Lines under a total of which a run adds up to it, and a line of another stage (수료, 응답)
        after them: a warning had said the lines add up to more (a misprint that is none)."""
        report = load(tmp_path, variant(TEXT, (self.OLD, lines)))
        m = report.tables["metrics"]
        assert m[(m["source_line"] >= 122) & (m["source_line"] <= 125)]["kind"].tolist() == ["result", "part", "part", "part"]
        assert report.findings.query("check == 'metric_breakdown'").empty


class TestGroupsLabelledByTheirOrder:
    """'80명(1회차 45, 2회차 40명)': a bare number whose label begins with its order had been neither
    read nor counted (and '1회차', '2회차' named as unread figures), so groups of 85 under a total of 80
    passed unsaid; '1일 최대 350명 이용' had been a target (a day's peak is a rate)."""

    OLD = "- 실 적: 영등포구 소속 직원 1,307명 수료"

    @pytest.mark.parametrize("line,expected,counted,breakdown", [
        ("- 실 적: 참여 인원 80명(1회차 45, 2회차 40명)", [(80, "명", "result"), (45, "명", "part"), (40, "명", "part")], (148, 148), ["80명 85명"]),
        ("- 실 적: 참여 인원 85명(1회차 45, 2회차 40명)", [(85, "명", "result"), (45, "명", "part"), (40, "명", "part")], (148, 148), []),
        ("- 실 적: 1일 최대 350명 이용", [(350, "명", "rate")], (146, 146), []),
        ("- 실 적: 최대 30명 모집", [(30, "명", "target")], (146, 146), []),  # (control)
    ])
    def test_read(self, tmp_path, line, expected, counted, breakdown):
        report = load(tmp_path, variant(TEXT, (self.OLD, line)))
        m = report.tables["metrics"]
        assert [(int(r.value), r.unit, r.kind) for r in m[m["source_line"] == 122].itertuples()] == expected
        assert coverage(report) == counted
        f = report.findings
        assert [f"{r.expected} {r.actual}" for r in f[f["check"] == "metric_breakdown"].itertuples()] == breakdown


class TestPlanItemsWithTheirBasis:
    """A plan's 소요예산 as '구 분 | 산출내역 | 금 액' (rows of items, each with how it was worked
    out): it had been refused (a column the reader does not know, '산출내역'). The 금액 column
    gives the items, the 계 row the plan's budget, checked against them; a basis is read where it
    multiplies out to its row's amount (never stored), else its numbers are named unread."""

    LINE = "□ 소요예산: 총 50,000천원(구비 50,000)"

    def table(self, design=("2,000원×10,000부", "20,000")) -> str:
        return "\n".join(["□ 소요예산 (단위: 천원)", "", "구 분\t산출내역\t금 액", "계\t\t50,000", "강사료\t500,000원×20회\t10,000",
                          "홍보물 제작\t" + "\t".join(design), "행사 운영\t20,000천원 × 1식\t20,000"])

    def test_items_and_their_total(self, tmp_path, bundled):
        report = load(tmp_path, variant(TEXT, (self.LINE, self.table())))
        same_tables(report, bundled, skip=("findings", "program_budget_rows", "program_funding", "programs"), ignore=("unit",))
        rows = report.tables["program_budget_rows"].query("stage == 'plan' and program_no == 2")
        assert rows[["row_label", "budget", "final", "source_loc"]].values.tolist() == [
            ["계", 50000, True, "line 389, table 16, row 2, col 1"], ["강사료", 10000, False, "line 390, table 16, row 3, col 1"],
            ["홍보물 제작", 20000, False, "line 391, table 16, row 4, col 1"], ["행사 운영", 20000, False, "line 392, table 16, row 5, col 1"]]
        assert report.tables["programs"].query("stage == 'plan' and program_no == 2")["budget"].tolist() == [50000]
        assert _funding(report, "plan", 2) == []  # the table prints no sources: none stored, and no error for it
        assert errors(report) == [] and coverage(report) == (154, 154)  # the 6 numbers of the bases accounted for

    def test_items_that_do_not_add_up_and_a_basis_that_does_not_work_out(self, tmp_path):
        report = load(tmp_path, variant(TEXT, (self.LINE, self.table(("2,000원×10,000부", "25,000")))))
        f = report.findings
        assert f.query("severity == 'error'")[["check", "subject", "expected", "actual", "message", "source_loc"]].values.tolist() == [[
            "budget_total", "plan 2 사회적책임경영(CSR) 생태계 육성 계 소요예산", "55,000", "50,000",
            "계획 2 사회적책임경영(CSR) 생태계 육성: 계 소요예산 50,000 ≠ 항목(강사료, 홍보물 제작, 행사 운영) 합계 55,000 (차이 △5,000)",
            "line 389, table 16, row 2, col 1"]]
        unread = f.query("check == 'coverage' and severity == 'warning'")
        assert unread[["expected", "source_loc"]].values.tolist() == [["2,000", "line 391, table 16, row 4, col 2"], ["10,000", "line 391, table 16, row 4, col 2"]]
        assert 2000 not in report.tables["program_budget_rows"]["budget"].tolist()

    def test_items_under_subtotals_of_their_groups(self, tmp_path):
        """'운영비 소계' and '행사비 소계' rows among the items: they had been added in with the items
        (a false budget_total error, 100,000 ≠ 50,000); the items are checked against the 계 without them."""
        table = "\n".join(["□ 소요예산 (단위: 천원)", "", "구 분\t산출내역\t금 액", "계\t\t50,000", "운영비 소계\t\t30,000", "강사료\t500,000원×20회\t10,000",
                           "홍보물 제작\t2,000원×10,000부\t20,000", "행사비 소계\t\t20,000", "행사 운영\t20,000천원 × 1식\t20,000"])
        report = load(tmp_path, variant(TEXT, (self.LINE, table)))
        assert report.tables["programs"].query("stage == 'plan' and program_no == 2")["budget"].tolist() == [50000]
        assert errors(report) == []
        report = load(tmp_path, variant(TEXT, (self.LINE, table.replace("행사 운영\t20,000천원 × 1식\t20,000", "행사 운영\t\t25,000"))))
        assert report.findings.query("severity == 'error'")[["check", "expected", "actual"]].values.tolist() == [["budget_total", "55,000", "50,000"]]

    def test_items_without_a_total_row(self, tmp_path):
        """No 계 row: the last item (20,000) had been taken as the plan's budget (a warning that
        said so); items with their bases are summed (50,000), a warning saying that."""
        table = self.table().replace("계\t\t50,000\n", "")
        report = load(tmp_path, variant(TEXT, (self.LINE, table)))
        assert report.tables["programs"].query("stage == 'plan' and program_no == 2")["budget"].tolist() == [50000]
        f = report.findings.query("check == 'program_budget_rows'")
        assert f[["severity", "message"]].values.tolist() == [["warning", "2번 사업의 예산현황에 계 행이 없어 항목 행 3개의 합(50,000)을 사업의 예산으로 씁니다"]]
        assert errors(report) == []

    def test_a_basis_that_is_one_amount_of_money(self, tmp_path):
        """'운영비 | 40,000,000원 | 40,000': one term with its unit, read where it is the amount (was named unread)."""
        table = self.table(("40,000,000원", "20,000"))
        report = load(tmp_path, variant(TEXT, (self.LINE, table)))
        assert report.findings.query("check == 'coverage' and severity == 'warning'")["expected"].tolist() == ["40,000,000"]
        report = load(tmp_path, variant(TEXT, (self.LINE, self.table(("20,000,000원", "20,000")))))
        assert report.findings.query("check == 'coverage' and severity == 'warning'").empty and coverage(report) == (153, 153)


class TestProgramStatusTags:
    """'[신규]', '(계속)' after (or before) a program's name in the contents or its heading: the tag
    had stayed in the stored name ('평화통일·남북교류협력 기반조성 [신규]'), and a heading's tag
    gave a program_name warning against the contents. The contract has no status column: the
    name is stored without it and the status said in a program_status finding."""

    def test_in_the_contents_and_a_heading(self, tmp_path, bundled):
        text = variant(TEXT, ("②\t평화통일·남북교류협력 기반조성\t5", "②\t평화통일·남북교류협력 기반조성 [신규]\t5"),
                       ("1 국내·외 도시교류 네트워크 확대\n", "1 (계속) 국내·외 도시교류 네트워크 확대\n"),
                       ("- ② 사회적책임경영(CSR) 생태계 육성 13", "- ② 사회적책임경영(CSR) 생태계 육성 <확대> 13"))
        report = load(tmp_path, text)
        same_tables(report, bundled, skip=("findings",))
        f = report.findings.query("check in ['program_status', 'program_name']")
        assert f[["check", "severity", "subject", "actual", "message", "source_line"]].values.tolist() == [
            ["program_status", "info", "actual 1 국내·외 도시교류 네트워크 확대", "계속", "1번 사업명에 붙은 '계속'은 사업명이 아니라 사업 구분으로 읽었습니다 (사업명: 국내·외 도시교류 네트워크 확대)", 66],
            ["program_status", "info", "actual 2 평화통일·남북교류협력 기반조성", "신규", "2번 사업명에 붙은 '신규'는 사업명이 아니라 사업 구분으로 읽었습니다 (사업명: 평화통일·남북교류협력 기반조성)", 59],
            ["program_status", "info", "plan 2 사회적책임경영(CSR) 생태계 육성", "확대", "2번 사업명에 붙은 '확대'는 사업명이 아니라 사업 구분으로 읽었습니다 (사업명: 사회적책임경영(CSR) 생태계 육성)", 325]]

    def test_a_status_column_in_the_contents(self, tmp_path, bundled):
        """'연번 | 구 분 | 사 업 명 | 쪽' with 신규/계속 under 구 분: the status had been dropped in
        silence (words only); each is said now."""
        toc = TEXT[TEXT.index("연번\t사 업 명\t쪽"):TEXT.index("\n\n1 국내·외 도시교류")].split("\n")
        new = ["연번\t구 분\t사 업 명\t쪽"] + ["\t".join([row.split("\t")[0], "신규" if n == 1 else "계속", *row.split("\t")[1:]]) for n, row in enumerate(toc[1:])]
        report = load(tmp_path, variant(TEXT, ("\n".join(toc), "\n".join(new))))
        same_tables(report, bundled, skip=("findings",))
        f = report.findings.query("check == 'program_status'")
        assert f["actual"].tolist() == ["계속", "신규", "계속", "계속", "계속", "계속", "계속"]
        assert f["message"].tolist()[1] == "2번 사업은 목차의 구분 열에 '신규' 사업으로 적혀 있습니다 (사업명: 평화통일·남북교류협력 기반조성)"
        assert f["source_loc"].tolist()[1] == "line 59, table 5, row 3, col 1"

    def test_a_bracket_that_is_the_names(self, tmp_path, bundled):
        """'(CSR)' inside a name, or a bracket of other words at its end, stays the name's."""
        report = load(tmp_path, variant(TEXT, ("②\t평화통일·남북교류협력 기반조성\t5", "②\t평화통일·남북교류협력 기반조성 (신규 아카데미)\t5")))
        assert report.tables["programs"]["program"].tolist()[1] == "평화통일·남북교류협력 기반조성 (신규 아카데미)"
        assert "program_status" not in report.findings["check"].tolist()


class TestTurnedTableRateCell:
    """A turned 예산현황 (계 | 시 비 | 구 비 over rows 예산액, 집행액, 집행률): a wrong rate's error
    had named the row's 예산액 cell (line 142), two lines above the rate printed. It names the
    집행률 cell now, of the 계 column for the program, of its source's column for a source."""

    OLD = "예산액\t집행액\t집행률(%)\n38,500 (시 20,000, 구비 18,500)\t28,750 (시 20,000, 구비 8,750)\t74.7"

    @pytest.mark.parametrize("rates, found", [
        (("76.7", "100", "47.3"), [["actual 2 평화통일·남북교류협력 기반조성", "76.7", 144, "line 144, table 8, row 4, col 2"]]),
        (("74.7", "100", "49.3"), [["actual 2 평화통일·남북교류협력 기반조성 구 비", "49.3", 144, "line 144, table 8, row 4, col 4"]]),
    ])
    def test_the_rate_cell_is_named(self, tmp_path, rates, found):
        new = "구 분\t계\t시 비\t구 비\n예 산 액\t38,500\t20,000\t18,500\n집 행 액\t28,750\t20,000\t8,750\n집 행 률\t" + "\t".join(rates)
        report = load(tmp_path, variant(TEXT, (self.OLD, new)))
        f = report.findings.query("check == 'rate'")
        assert f[["subject", "actual", "source_line", "source_loc"]].values.tolist() == found


class TestNumberingColumns:
    """A 연번 column before a table's label column: in the unit projects' budget table its numbers
    had been named unread (6 warnings); in a program's 예산현황 the table had been refused
    (a column the reader does not know, '연번'); before a partner-city table's '구 분 | 도시명' the
    table had not been recognised and every partner city lost (0 rows). The numbers are
    ordinals now, read where each is its row's place (a wrong one stays named)."""

    def test_unit_projects(self, tmp_path, bundled):
        rows = BUDGET_TABLE.split("\n")
        for numbers, unread in ((range(1, 7), []), ((1, 2, 3, 4, 5, 5), ["5"])):
            table = "\n".join(["연번\t" + rows[0], "\t" + rows[1], *(f"{n}\t{x}" for n, x in zip(numbers, rows[2:]))])
            report = load(tmp_path, variant(TEXT, (BUDGET_TABLE, table)))
            same_tables(report, bundled, skip=("findings",))
            assert report.findings.query("check == 'coverage' and severity == 'warning'")[["expected", "source_loc"]].values.tolist() == [
                [u, "line 53, table 4, row 8, col 1"] for u in unread]

    def test_a_program_s_table(self, tmp_path, bundled):
        old = "예산액\t집행액\t집행률(%)\n38,500 (시 20,000, 구비 18,500)\t28,750 (시 20,000, 구비 8,750)\t74.7"
        new = "연번\t구 분\t예산액\t집행액\t집행률(%)\n1\t시 비\t20,000\t20,000\t100\n2\t구 비\t18,500\t8,750\t47.3\n\t계\t38,500\t28,750\t74.7"
        report = load(tmp_path, variant(TEXT, (old, new)))
        same_tables(report, bundled, skip=("findings", "program_budget_rows"))
        rows = report.tables["program_budget_rows"].query("stage == 'actual' and program_no == 2")
        assert rows[["row_label", "budget", "executed", "final"]].values.tolist() == [["시 비", 20000, 20000, False], ["구 비", 18500, 8750, False], ["계", 38500, 28750, True]]
        assert errors(report) == [] and coverage(report) == (150, 150)

    def test_partner_cities(self, tmp_path, bundled):
        text = TEXT
        for old, new in (("구 분\t도 시 명\n", "연번\t구 분\t도 시 명\n"), ("\n국내(6개)\t", "\n1\t국내(6개)\t"), ("\n국외(4개)\t", "\n2\t국외(4개)\t")):
            text = text.replace(old, new)  # (both tables of the report)
        report = load(tmp_path, text)
        same_tables(report, bundled, skip=("findings",))
        assert len(report.tables["partner_cities"]) == 10
        assert errors(report) == [] and coverage(report) == (150, 150)


class TestBlankCellsInAProgramsTable:
    """'본예산 | 35,500 | | ' over '추 경 | 38,500 | 28,750 | 74.7' and '증 감 | 3,000 | |': a row
    before the program's with nothing spent printed had been refused ('expected an amount …
    in column 집행액, found '''). A blank is none there; the program's own row must have its amounts."""

    OLD = "예산액\t집행액\t집행률(%)\n38,500 (시 20,000, 구비 18,500)\t28,750 (시 20,000, 구비 8,750)\t74.7"

    def test_rows_before_the_program_s(self, tmp_path, bundled):
        new = "구 분\t예산액\t집행액\t집행률(%)\n본예산\t35,500\t\t\n추 경\t38,500\t28,750\t74.7\n증 감\t3,000\t\t"
        report = load(tmp_path, variant(TEXT, (self.OLD, new)))
        same_tables(report, bundled, skip=("findings", "program_budget_rows", "program_funding"))
        rows = report.tables["program_budget_rows"].query("stage == 'actual' and program_no == 2")
        assert [[None if pd.isna(x) else x for x in row] for row in rows[["row_label", "budget", "executed", "rate", "final"]].values.tolist()] == [
            ["본예산", 35500, None, None, False], ["추 경", 38500, 28750, 74.7, True], ["증 감", 3000, None, None, False]]
        assert errors(report) == [] and coverage(report) == (144, 144)  # (the one-row table's 7 numbers replaced by these 5)

    def test_the_program_s_row_blank_is_refused(self, tmp_path):
        new = "구 분\t예산액\t집행액\t집행률(%)\n본예산\t35,500\t30,000\t84.5\n추 경\t38,500\t\t"
        with pytest.raises(ReportError) as e:
            load(tmp_path, variant(TEXT, (self.OLD, new)))
        assert str(e.value) == ("variant.txt:143: expected an amount like '38,500 (시 20,000, 구비 18,500)' in column 집행액 of the program's row ('추 경'), "
                                "found an empty cell")


class TestTableContinuedOnTheNextPage:
    """The unit projects' table broken across a page with '(계속)' over its second part (with or
    without the page number, the header repeated or not): the two parts had been read as two
    budget tables of one account and the report refused ('one budget table per account'). The
    '(계속)' line says the table goes on: the parts are joined, the marker set aside."""

    @pytest.mark.parametrize("between, fmt", [
        ("\n\n- 1 -\n\n(계속)\n\n" + BUDGET_HEADER + "\n", "txt"), ("\n\n(계속)\n\n", "txt"), ("\n\n< 계 속 >\n\n" + BUDGET_HEADER + "\n", "txt"),
        ("\n\n- 1 -\n\n(계속)\n\n" + BUDGET_HEADER + "\n", "html"),
    ])
    def test_joined(self, tmp_path, bundled, between, fmt):
        rows = BUDGET_TABLE.split("\n")
        text = variant(TEXT, (BUDGET_TABLE, "\n".join(rows[:5]) + between + "\n".join(rows[5:])))
        report = load(tmp_path, to_html(text) if fmt == "html" else text, name=f"variant.{fmt}")
        same_tables(report, bundled, skip=("findings",))
        assert errors(report) == [] and coverage(report) == (146, 146)


class TestUnitTableInMillionsLinked:
    """The unit projects' table in 백만원 with one decimal (190.4, 102.9) over programs printed to
    the 천원: the linked programs' executed 102,920 against the unit's 102,900 had been a
    unit_link_executed warning, though 102.9 is 102,920 rounded. Within half the table's step
    (50) it is information; beyond it, a warning as before."""

    def table(self, executed_of_finance: str) -> str:
        rows = ["단위사업명\t예 산 액\t집 행 액\t집행률(%) (10. 31.기준)"]
        for u in UNIT_ROWS:
            name, budget, executed, rate = u.split("\t")
            m = lambda x: f"{int(x.replace(',', '')) / 1000:,.1f}"
            rows.append("\t".join([name, m(budget), executed_of_finance if name == "국제금융특구 활성화" else m(executed), rate]))
        return "\n".join(rows)

    @pytest.mark.parametrize("printed, severity, message", [
        ("102.9", "info", "국제금융특구 활성화: 연결된 사업의 집행액 합계 102,920과 단위사업 집행액 102,900의 차이 △20은 백만원 단위로 반올림해 인쇄된 금액의 반올림 범위(±50) 안입니다"),
        ("103.0", "warning", "국제금융특구 활성화: 연결된 사업의 예산 합계는 같지만 집행액 합계 102,920이 단위사업 집행액 103,000과 80 다릅니다"),
    ])
    def test_rounding_of_the_unit_table(self, tmp_path, printed, severity, message):
        report = load(tmp_path, variant(TEXT, ("(단위: 천원)\n\n" + BUDGET_TABLE, "(단위: 백만원)\n\n" + self.table(printed))))
        f = report.findings.query("check == 'unit_link_executed' and subject == 'budget_units 국제금융특구 활성화'")
        assert f[["severity", "message"]].values.tolist() == [[severity, message]]


class TestWorkedOutColumnsOfTheUnitTable:
    """잔액 and 구성비(%) columns in the unit projects' table had every number named unread (7
    warnings each): they are worked out from the row (잔액 = 예산액 − 집행액, 구성비 = 예산액 ÷ 계 at its
    decimals) and are read where they are so; a wrong one stays named."""

    @staticmethod
    def table(kind: str, wrong: str | None = None) -> str:
        header = BUDGET_HEADER.replace("집 행 액\t", "집 행 액\t잔 액\t") if kind == "balance" else BUDGET_HEADER.replace("예 산 액\t", "예 산 액\t구성비(%)\t")
        rows = [header]
        for row in [TOTAL_ROW, *UNIT_ROWS]:
            name, budget, executed, rate = row.split("\t")
            b, e = int(budget.replace(",", "")), int(executed.replace(",", ""))
            value = f"{b - e:,}" if kind == "balance" else f"{b * 100 / 1070404:.1f}"
            value = wrong if wrong and name == "기본경비" else value
            rows.append("\t".join([name, budget, executed, value, rate] if kind == "balance" else [name, budget, value, executed, rate]))
        return "\n".join(rows)

    @pytest.mark.parametrize("kind, wrong, unread", [("balance", None, []), ("share", None, []), ("balance", "21,000", ["21,000"]), ("share", "7.9", ["7.9"])])
    def test_read_where_so(self, tmp_path, bundled, kind, wrong, unread):
        report = load(tmp_path, variant(TEXT, (BUDGET_TABLE, self.table(kind, wrong))))
        same_tables(report, bundled, skip=("findings",))
        assert report.findings.query("check == 'coverage' and severity == 'warning'")["expected"].tolist() == unread
        assert coverage(report)[0] == 153


class TestOriginalAndFinalBudgetUnderOneLabel:
    """'예 산 액' over '본예산 | 추경' (a header of two rows): refused before ('expected a budget
    table header …', and for a program 'a known column'), as the group had no 계 column. The
    final budget is the figure, the original's numbers named unread, as with '본예산 | 추경예산'
    in one header row."""

    def test_unit_projects(self, tmp_path, bundled):
        rows = BUDGET_TABLE.split("\n")
        table = "\n".join(["단위사업명\t예 산 액\t\t집 행 액\t집행률(%) (10. 31.기준)", "\t본예산\t추 경\t\t"] +
                          ["\t".join([r.split("\t")[0], r.split("\t")[1], *r.split("\t")[1:]]) for r in rows[1:]])
        report = load(tmp_path, variant(TEXT, (BUDGET_TABLE, table)))
        same_tables(report, bundled, skip=("findings",))
        unread = report.findings.query("check == 'coverage' and severity == 'warning'")
        assert unread["expected"].tolist() == ["1,070,404", "198,888", "10,000", "190,400", "487,492", "83,624", "100,000"]
        assert set(unread["source_loc"].str.extract(r"col (\d)")[0]) == {"2"}

    def test_a_program(self, tmp_path, bundled):
        old = "예산액\t집행액\t집행률(%)\n38,500 (시 20,000, 구비 18,500)\t28,750 (시 20,000, 구비 8,750)\t74.7"
        new = "예 산 액\t\t집 행 액\t집행률(%)\n당초예산\t최종예산\t\t\n35,500\t38,500 (시 20,000, 구비 18,500)\t28,750 (시 20,000, 구비 8,750)\t74.7"
        report = load(tmp_path, variant(TEXT, (old, new)))
        same_tables(report, bundled, skip=("findings",))
        assert report.findings.query("check == 'coverage' and severity == 'warning'")["expected"].tolist() == ["35,500"]


class TestTurnedTableOfYears:
    """A program's 예산현황 turned with years as its columns ('구 분 | 2021년 | 2022년' over rows
    예산액, 집행액, 집행률): refused before ('a known column … found 35,000'). Read turned, each
    year a row, the report's year the program's figure (as '2021년 | 2022년' rows are)."""

    def test_read(self, tmp_path, bundled):
        old = "예산액\t집행액\t집행률(%)\n38,500 (시 20,000, 구비 18,500)\t28,750 (시 20,000, 구비 8,750)\t74.7"
        new = "구 분\t2021년\t2022년\n예산액\t35,000\t38,500\n집행액\t35,000\t28,750\n집행률(%)\t100\t74.7"
        report = load(tmp_path, variant(TEXT, (old, new)))
        same_tables(report, bundled, skip=("findings", "program_budget_rows", "program_funding"))
        rows = report.tables["program_budget_rows"].query("stage == 'actual' and program_no == 2")
        assert rows[["row_label", "budget", "executed", "final", "source_loc"]].values.tolist() == [
            ["2021년", 35000, 35000, False, "line 142, table 8, row 2, col 2"], ["2022년", 38500, 28750, True, "line 142, table 8, row 2, col 3"]]
        assert errors(report) == [] and coverage(report) == (147, 147)


class TestNumbersInAProgramTablesNote:
    """A program's 예산현황 with a 비고 column holding a number ('2회 추경 3,000 증액'): the note was read
    whole, its numbers counted as read though stored nowhere (100% read). They are named unread now;
    a note of words is read as before."""

    OLD = "예산액\t집행액\t집행률(%)\n38,500 (시 20,000, 구비 18,500)\t28,750 (시 20,000, 구비 8,750)\t74.7"

    @pytest.mark.parametrize("note, unread", [
        ("2회 추경 3,000 증액", ["2", "3,000"]), ("시비 보조", []),
        # an order or a date is no figure: '제1회 추경 반영', '2차 추경' had been named unread (a false warning)
        ("제1회 추경 반영", []), ("2차 추경", []), ("3월 교부, 2차 추경 반영", []), ("2차 추경 1,500 증액", ["1,500"]), ("시비 50%", ["50"]),
    ])
    def test_named(self, tmp_path, bundled, note, unread):
        new = "예산액\t집행액\t집행률(%)\t비고\n38,500 (시 20,000, 구비 18,500)\t28,750 (시 20,000, 구비 8,750)\t74.7\t" + note
        report = load(tmp_path, variant(TEXT, (self.OLD, new)))
        same_tables(report, bundled, skip=("findings",))
        f = report.findings.query("check == 'coverage' and severity == 'warning'")
        assert f[["expected", "source_loc"]].values.tolist() == [[u, "line 142, table 8, row 2, col 4"] for u in unread]
        numbers = len(re.findall(r"\d[\d,]*", note))
        assert coverage(report) == (146 + numbers, 146 + numbers - len(unread))


class TestChangeAndShareColumnsOfAProgramsTable:
    """A program's 예산현황 with a 증감 (or 전년 대비 증감, 구성비) column beside its amounts: refused
    before ('a known column … found 증 감'). Those figures are stored nowhere: read as other
    columns, their numbers named unread; the amounts read as without them."""

    OLD = "예산액\t집행액\t집행률(%)\n38,500 (시 20,000, 구비 18,500)\t28,750 (시 20,000, 구비 8,750)\t74.7"

    @pytest.mark.parametrize("new, unread", [
        ("2022년 예산\t2021년 예산\t증 감\t집행액\t집행률(%)\n38,500 (시 20,000, 구비 18,500)\t35,000\t3,500\t28,750 (시 20,000, 구비 8,750)\t74.7", ["35,000", "3,500"]),
        ("예산액\t집행액\t집행률(%)\t전년 대비 증감\n38,500 (시 20,000, 구비 18,500)\t28,750 (시 20,000, 구비 8,750)\t74.7\t△1,500", ["△1,500"]),
        ("예산액\t구성비(%)\t집행액\t집행률(%)\n38,500 (시 20,000, 구비 18,500)\t100\t28,750 (시 20,000, 구비 8,750)\t74.7", ["100"]),
    ])
    def test_named_unread(self, tmp_path, bundled, new, unread):
        report = load(tmp_path, variant(TEXT, (self.OLD, new)))
        same_tables(report, bundled, skip=("findings",))
        assert report.findings.query("check == 'coverage' and severity == 'warning'")["expected"].tolist() == unread
        assert errors(report) == []


class TestUnitFundingUnderAccounts:
    """HTML: a 회계 column (일반회계 over five rows by rowspan, 기금 for one) and '예 산 액' over
    계 | 시비 | 구비 (colspan), '합 계' across both label columns: the 계 over two accounts is checked
    (check.arithmetic, keyed by both accounts), whose funding columns had been counted read but checked against nothing.
    Each source of that 계 is checked against the units' (and its row against its 예산액)."""

    @staticmethod
    def html(fund_city: str = "-") -> str:
        rows = [("일반회계", "대외교류 활성화", "198,888", "20,000", "178,888", "90,527", "45.5"), (None, "건강특구 활성화", "10,000", "10,000", "-", "10,000", "100"),
                (None, "국제금융특구 활성화", "190,400", "-", "190,400", "102,920", "54.1"), (None, "의료관광 활성화", "487,492", "-", "487,492", "258,672", "53.1"),
                (None, "기본경비", "83,624", "-", "83,624", "61,665", "73.7"), ("기금", "내부거래지출 (기금전출금)", "100,000", fund_city, "100,000", "100,000", "100")]
        t = ['<table>', '<tr><th rowspan="2">회계</th><th rowspan="2">단위사업명</th><th colspan="3">예 산 액</th><th rowspan="2">집 행 액</th><th rowspan="2">집행률(%)<br>(10. 31.기준)</th></tr>',
             '<tr><th>계</th><th>시비</th><th>구비</th></tr>', '<tr><td colspan="2">합 계</td><td>1,070,404</td><td>30,000</td><td>1,040,404</td><td>623,784</td><td>58.3</td></tr>']
        for account, *cells in rows:
            first = f'<td rowspan="5">{account}</td>' if account == "일반회계" else f"<td>{account}</td>" if account else ""
            t.append("<tr>" + first + "".join(f"<td>{x}</td>" for x in cells) + "</tr>")
        html = to_html(TEXT)
        a = html.index("<table>\n<tr>\n<td>단위사업명</td>")
        return html[:a] + "\n".join(t + ["</table>"]) + html[html.index("</table>", a) + len("</table>"):]

    def test_read_and_checked(self, tmp_path):
        report = load(tmp_path, self.html(), name="variant.html")
        assert report.tables["budget_units"]["account"].tolist() == ["일반회계"] * 5 + ["기금"]
        assert _unit_funding(report)[-2:] == [("내부거래지출 (기금전출금)", "시비", 0, None), ("내부거래지출 (기금전출금)", "구비", 100000, None)]
        assert errors(report) == [] and coverage(report) == (155, 155)

    def test_a_source_that_does_not_add_up(self, tmp_path):
        report = load(tmp_path, self.html("5,000"), name="variant.html")
        f = report.findings.query("severity == 'error'")
        assert f[["check", "subject", "expected", "actual"]].values.tolist() == [
            ["funding_sum", "budget_units 내부거래지출 (기금전출금) 예산액", "100,000", "105,000"],
            ["budget_total", "budget_units 합 계 시비 예산액", "35,000", "30,000"]]


class TestQuantitiesOfMeasure:
    """Quantities in a unit of measure in the results ('재활용품 수거 3,400㎏', '음식물 12톤', '옥상정원
    120㎡', '생수 500L'): they had been neither read nor counted, coverage saying 100% with the
    figure gone. They are metrics now (unit kg, 톤, ㎡, ㎥, L); one with decimals ('1.2t') is named
    unread (metrics hold whole counts); one right before a count of packages ('쌀 10kg, 100포',
    the bundled report's line 86) is the size of each, kind rate. Distances stay out (100m, 10km
    name events)."""

    OLD = "- 실 적: 영등포구 소속 직원 1,307명 수료"

    @pytest.mark.parametrize("line, expected, unread", [
        ("- 실 적: 재활용품 수거 3,400㎏", [(3400, "kg", "result")], []),
        ("- 실 적: 폐건전지 수거 850kg, 음식물 12톤", [(850, "kg", "result"), (12, "톤", "result")], []),
        ("- 실 적: 옥상정원 조성 120㎡(3개소)", [(120, "㎡", "result"), (3, "개소", "result")], []),
        ("- 실 적: 재활용품 수거 1.2t", [], ["1.2t"]),
        ("- 실 적: 쌀 20kg들이 50포 전달", [(20, "kg", "rate"), (50, "포", "result")], []),
        ("- 실 적: 10kg짜리 쌀 50포 전달", [(10, "kg", "rate"), (50, "포", "result")], []),
        ("- 실 적: 쌀 50포(10kg) 전달", [(50, "포", "result"), (10, "kg", "rate")], []),
        ("- 실 적: 쌀 10kg, 김치 100포 전달", [(10, "kg", "result"), (100, "포", "result")], []),  # two goods
        ("- 실 적: 100m 달리기 대회 1회 개최", [(1, "회", "result")], []),  # (control) a distance names the event
        ("- 실 적: 5th 포럼 1회 개최", [(1, "회", "result")], []),  # (control) no unit before a Latin letter
    ])
    def test_read(self, tmp_path, line, expected, unread):
        report = load(tmp_path, variant(TEXT, (self.OLD, line)))
        m = report.tables["metrics"]
        assert [(int(r.value), r.unit, r.kind) for r in m[m["source_line"] == 122].itertuples()] == expected
        f = report.findings
        assert f[(f["check"] == "coverage") & (f["severity"] == "warning")]["expected"].tolist() == unread
        assert coverage(report) == (145 + len(expected) + len(unread), 145 + len(expected))

    def test_the_bundled_reports_bag_of_rice(self, bundled):
        m = bundled.tables["metrics"]
        assert [(int(r.value), r.unit, r.kind) for r in m[m["source_line"] == 86].itertuples()] == [(10, "kg", "rate"), (100, "포", "result")]


class TestBareNumbersInABracketAfterNoFigure:
    """A bracket of labelled numbers with no counter word that follows no figure ('강좌 12개
    운영(청소년 150, 성인 200)': a word between): its numbers had been neither read nor counted,
    coverage saying 100% with 350 people gone (review4). Their unit is unknown, so they are not
    read: each is counted and named unread. Right after a figure they count its unit (controls)."""

    OLD = "- 실 적: 영등포구 소속 직원 1,307명 수료"

    @pytest.mark.parametrize("line, metrics, unread", [
        ("- 실 적: 강좌 12개 운영(청소년 150, 성인 200)", [(12, "개", "result")], ["150", "200"]),
        ("- 실 적: 교육 실시(상반기 20, 하반기 30)", [], ["20", "30"]),
        ("- 실 적: 교육 참여 120명(2021년 100, 2022년 120)", [(120, "명", "result")], ["100", "120"]),  # labels that are years
        ("- 실 적: 120명(남 70, 여 50)", [(120, "명", "result"), (70, "명", "part"), (50, "명", "part")], []),  # (control)
        ("- 실 적: 참여 인원 80명(1회차 45, 2회차 40명)", [(80, "명", "result"), (45, "명", "part"), (40, "명", "part")], []),  # (control)
    ])
    def test_counted(self, tmp_path, line, metrics, unread):
        report = load(tmp_path, variant(TEXT, (self.OLD, line)))
        m = report.tables["metrics"]
        assert [(int(r.value), r.unit, r.kind) for r in m[m["source_line"] == 122].itertuples()] == metrics
        f = report.findings
        warned = f[(f["check"] == "coverage") & (f["severity"] == "warning")]
        assert warned["expected"].tolist() == unread and set(warned["source_line"]) <= {122}
        assert coverage(report) == (145 + len(metrics) + len(unread), 145 + len(metrics))


class TestATotalRowPerAccount:
    """Part I's table with a 회계 column and a 계 row for each account, no grand total ('일반회계 | 계'
    over its unit projects, then '주차장특별회계 | 계' over its own): it had been refused ('expected
    one total', review4). Each 계 is its account's total now, and checked against that account's rows."""

    @staticmethod
    def table(parking_total: str = "50,000") -> str:
        return "\n".join(["회계\t" + BUDGET_HEADER, "일반회계\t계\t1,070,404\t623,784\t58.3", *("\t" + r for r in UNIT_ROWS),
                          f"주차장특별회계\t계\t{parking_total}\t20,000\t40.0", "\t주차장 운영\t50,000\t20,000\t40.0"])

    def test_each_account_its_total(self, tmp_path):
        report = load(tmp_path, variant(TEXT, (BUDGET_TABLE, self.table())))
        u = report.tables["budget_units"]
        assert u[["account", "unit", "budget", "executed"]].values.tolist()[-2:] == [["일반회계", "내부거래지출 (기금전출금)", 100000, 100000], ["주차장특별회계", "주차장 운영", 50000, 20000]]
        assert errors(report) == [] and coverage(report) == (152, 152)

    def test_a_wrong_total_of_one_account(self, tmp_path):
        report = load(tmp_path, variant(TEXT, (BUDGET_TABLE, self.table("60,000"))))
        assert sorted(errors(report)) == ["계 예산액 60,000 ≠ 단위사업 합계 50,000 (차이 10,000)",
                                          "단위사업 계: 인쇄된 집행률 40.0% ≠ 집행액 ÷ 예산액 = 20,000 ÷ 60,000 = 33.3%"]
        f = report.findings.query("check == 'budget_total'")
        assert f["source_line"].tolist() == [54]  # the 주차장특별회계 계 row


class TestARateOfReachBeforeAFraction:
    """'접종률 85%(1,700명/2,000명)', '참여율 80%(160/200명)': after a rate of reach the second figure is
    all those aimed at (a whole), the first those reached. They had been read as an outcome's
    ('수료율 38/40명': 40 took part, 38 of them completed): 2,000 people stored as reached."""

    OLD = "- 실 적: 영등포구 소속 직원 1,307명 수료"

    @pytest.mark.parametrize("line, expected", [
        ("- 실 적: 접종률 85%(1,700명/2,000명)", [(1700, "명", "result"), (2000, "명", "whole")]),
        ("- 실 적: 참여율 80%(160/200명)", [(160, "명", "result"), (200, "명", "whole")]),
        ("- 실 적: 수료율 95%(38명/40명)", [(38, "명", "part"), (40, "명", "result")]),  # (control) an outcome's rate
        ("- 실 적: 취업률 50%(10명/20명)", [(10, "명", "part"), (20, "명", "result")]),  # (control)
    ])
    def test_kinds(self, tmp_path, line, expected):
        report = load(tmp_path, variant(TEXT, (self.OLD, line)))
        m = report.tables["metrics"]
        assert [(int(r.value), r.unit, r.kind) for r in m[m["source_line"] == 122].itertuples()] == expected
