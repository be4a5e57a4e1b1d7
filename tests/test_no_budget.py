"""A budget printed as a dash ('- | - | -'): no rate to store, and no link made by the zero."""

from __future__ import annotations

import pandas as pd

import analysis
from conftest import REPORT_PATH, variant

BUNDLED = REPORT_PATH.read_text(encoding="utf-8")
# 건강특구 활성화 (10,000 / 10,000 / 100) printed as a dash in the unit table, the 계 row less by it
UNIT_DASHED = (("계\t1,070,404\t623,784\t58.3", "계\t1,060,404\t613,784\t57.9"), ("건강특구 활성화\t10,000\t10,000\t100", "건강특구 활성화\t-\t-\t-"))
# program 1's 예산현황 row printed as a dash
PROGRAM_DASHED = (("109,588 (구비 109,588)\t33,184 (구비 33,184)\t30.3", "-\t-\t-"),)


def load(tmp_path, *replacements):
    path = tmp_path / "variant.txt"
    path.write_text(variant(BUNDLED, *replacements), encoding="utf-8")
    return analysis.load_report(path)


def test_a_dashed_unit_has_no_rate(tmp_path):
    report = load(tmp_path, *UNIT_DASHED)
    units = report.tables["budget_units"].set_index("unit")
    row = units.loc["건강특구 활성화"]
    assert (row["budget"], row["executed"]) == (0, 0) and pd.isna(row["rate"])  # (had been 0.0)
    assert units.loc["대외교류 활성화", "rate"] == 45.5  # a rate printed beside a budget is kept
    assert not (report.findings["severity"] == "error").any()


def test_an_amount_spent_from_no_budget_is_still_an_error(tmp_path):
    """'- | 33,184 | -' (the budget and executed cells swapped, say): a dash rate beside an amount
    spent stays 0%, so the rate check says it (had it become no rate, nothing would)."""
    report = load(tmp_path, ("109,588 (구비 109,588)\t33,184 (구비 33,184)\t30.3", "-\t33,184\t-"))
    f = report.findings
    rates = f[(f["check"] == "rate") & (f["severity"] == "error")]
    assert rates["source_line"].tolist() == [106]


def test_a_dashed_program_has_no_rate_and_no_unit(tmp_path):
    report = load(tmp_path, *UNIT_DASHED, *PROGRAM_DASHED)
    p = report.tables["programs"].set_index(["stage", "program_no"]).loc[("actual", 1)]
    assert (p["budget"], p["executed"]) == (0, 0) and pd.isna(p["rate"])
    # the unit 건강특구 활성화 (budget none) had been linked to program 1 by their zeros alone
    assert pd.isna(p["unit"])
    f = report.findings
    notes = f[(f["check"] == "unit_link") & f["actual"].isin(["예산 없음", "없음"]) & f["message"].str.contains("예산이 없어")]["message"].tolist()
    assert notes == ["건강특구 활성화: 예산이 없어(0) 주요사업과 금액으로 연결하지 않습니다",
                     "실적 1 국내·외 도시교류 네트워크 확대: 예산이 없어(0) 금액으로 단위사업과 연결하지 않습니다"]


def test_a_program_without_budget_leaves_the_other_links_alone(tmp_path):
    # a zero fits in every subset: with it, each unit had two programme sets of its sum (ambiguous)
    whole = analysis.load_report(REPORT_PATH).tables["programs"]
    report = load(tmp_path, *PROGRAM_DASHED)
    p = report.tables["programs"]
    keep = lambda df: df[(df["stage"] == "actual") & (df["program_no"] != 1)][["program_no", "unit"]].reset_index(drop=True)  # noqa: E731
    pd.testing.assert_frame_equal(keep(p), keep(whole))
    assert keep(whole)["unit"].notna().sum() == 4  # (2 and 3: 국제금융특구 활성화, 4 and 5: 의료관광 활성화)


def test_the_source_quotes_the_title_as_printed():
    """영월군's cover prints '2023년 주요업무 추진상황 보고': the source line of its charts and sheets
    had said 「2023년 주요업무 보고」, a title the document does not have."""
    from analysis.chart.charts import source_label
    from conftest import TESTS_DIR

    report = analysis.load_report(TESTS_DIR / "data" / "offices" / "yeongwol_welfare_2023.txt")
    row = report.tables["reports"].iloc[0]
    assert row["title"] == "2023년 주요업무 추진상황 보고"
    assert source_label(row) == "영월군 주민복지과 「2023년 주요업무 추진상황 보고」 (제321회 영월군의회 임시회)"
    # a reports row without a title (a workbook's, an older build's) keeps the year's form
    assert source_label(row.drop("title")) == "영월군 주민복지과 「2023년 주요업무 보고」 (제321회 영월군의회 임시회)"
