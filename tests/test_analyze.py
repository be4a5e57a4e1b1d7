"""The notebooks' questions, answered on the bundled report (values checked by hand)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import analysis
from analysis.analyse import measures as A
from analysis.analyse import narrative as N
from analysis.store import contract
from analysis.store.build import with_lineage
from analysis.config import LINEAGE_FILE
from conftest import MINI_PATH, REPORT_ID, TESTS_DIR, variant


@pytest.fixture(scope="module")
def two(tables):
    """The bundled report and the 백만원 mini report, stacked as a build would."""
    return with_lineage(contract.concat([tables, analysis.load_report(MINI_PATH).tables]), LINEAGE_FILE)


class TestSelection:
    def test_report_ids_oldest_first(self, two):
        assert A.report_ids(two) == [REPORT_ID, "마포구_일자리정책과_2023"]

    def test_resolve(self, two):
        assert A.resolve_reports(two, None) == A.report_ids(two)
        assert A.resolve_reports(two, REPORT_ID) == [REPORT_ID]
        with pytest.raises(KeyError, match="built reports: 영등포구_비전협력과_2022, 마포구"):
            A.resolve_reports(two, "없는_보고서")


class TestFiscalPace:
    def test_values(self):
        assert A.fiscal_pace("2022-10-31") == pytest.approx(304 / 365)
        assert A.fiscal_pace(dt.date(2023, 9, 30)) == pytest.approx(273 / 365)
        assert A.fiscal_pace("2024-02-29") == pytest.approx(60 / 366)


class TestExecution:
    def test_overall(self, tables):
        assert A.overall_execution(tables, REPORT_ID) == {
            "account": "일반회계", "year": 2022, "budget": 1_070_404, "executed": 623_784, "rate": 58.3, "pace": 83.3,
            "as_of": "2022-10-31", "shortfall": 267_731, "others": [],
        }

    def test_units_behind_pace(self, tables):
        e = A.execution(tables, REPORT_ID, "unit")
        assert e["label"].tolist()[:4] == ["대외교류 활성화", "의료관광 활성화", "국제금융특구 활성화", "기본경비"]
        assert e["behind"].tolist() == [True, True, True, True, False, False]
        row = e.iloc[0]
        assert round(row["rate_calc"], 2) == 45.52 and round(row["gap_pp"], 1) == -37.8 and row["shortfall"] == 75_122

    def test_programs(self, tables):
        e = A.execution(tables, REPORT_ID, "program")
        assert e["label"].iloc[0] == "① 국내·외 도시교류 네트워크 확대"
        assert int(e["behind"].sum()) == 5
        assert e.set_index("label").loc["③ 여의도 국제금융중심지 활성화", "shortfall"] == 378

    def test_bad_level(self, tables):
        with pytest.raises(ValueError, match="level"):
            A.execution(tables, REPORT_ID, "team")


class TestFunding:
    def test_split_and_shares(self, tables):
        f = A.funding_split(tables, REPORT_ID)
        assert f[f["program_no"] == 2][["source", "amount", "share"]].values.tolist() == [["구비", 18_500, 48.1], ["시비", 20_000, 51.9]]
        assert f.groupby("source")["amount"].sum().to_dict() == {"구비": 849_980, "시비": 30_000}


class TestLineage:
    def test_links_and_statuses(self, tables):
        l = A.lineage(tables, REPORT_ID)
        got = [(r.status, None if pd.isna(r.actual_no) else int(r.actual_no), None if pd.isna(r.plan_no) else int(r.plan_no)) for r in l.itertuples()]
        assert got == [
            ("명칭 변경", 1, 1), ("계획 미수록", 2, None), ("통합", 3, 3), ("통합", 4, 3),
            ("통합", 5, 4), ("통합", 6, 4), ("계획 미수록", 7, None), ("신규", None, 2),
        ]

    def test_budget_shift(self, tables):
        s = A.budget_shift(tables, REPORT_ID)
        assert s[["status", "label", "before", "after", "change", "change_pct"]].astype(object).where(s.notna(), None).values.tolist() == [
            ["명칭 변경", "국내·외 친선도시 상호교류 내실화", 109_588, 63_553, -46_035, -42.0],
            ["계획 미수록", "평화통일·남북교류협력 기반조성", 38_500, None, None, None],
            ["통합", "여의도 디지털국제금융중심지 활성화", 190_400, 29_000, -161_400, -84.8],
            ["통합", "의료관광 활성화", 487_492, 186_812, -300_680, -61.7],
            ["계획 미수록", "건강도시 활성화 기반구축 및 사업추진", 54_000, None, None, None],
            ["신규", "사회적책임경영(CSR) 생태계 육성", None, 50_000, None, None],
        ]
        assert (int(s["before"].sum()), int(s["after"].sum())) == (879_980, 329_365)

    def test_by_team_keeps_programs_absent_from_the_plan_apart(self, tables):
        t = A.shift_by_team(A.budget_shift(tables, REPORT_ID)).set_index("team")
        # 대외협력팀: ① 109,588 → ① 63,553, a cut of 42.0%; 신규 ② 50,000 is not a rise and
        # ② 평화통일 38,500 (계획 미수록) not a cut: each shown apart, in neither bar.
        assert t.loc["대외협력팀", ["before", "after", "change", "not_in_plan", "new_in_plan", "status"]].tolist() == [109_588, 63_553, -46_035, 38_500, 50_000, ""]
        assert t.loc["대외협력팀", "change_pct"] == -42.0
        # 건강특구팀: its one program is not in the 2023 plan: 계획 미수록, never △100%.
        row = t.loc["건강특구팀"]
        assert row["status"] == "계획 미수록" and row["not_in_plan"] == 54_000
        assert pd.isna(row["before"]) and pd.isna(row["after"]) and pd.isna(row["change"]) and pd.isna(row["change_pct"])
        assert not (t["change_pct"].dropna() == -100.0).any()

    def test_chart_rows_say_plan_absent(self, tables):
        rows = A.shift_chart_rows(A.shift_by_team(A.budget_shift(tables, REPORT_ID)), "team").set_index("team")
        assert rows.loc["건강특구팀", "before"] == 54_000 and pd.isna(rows.loc["건강특구팀", "after"])
        assert rows.loc["대외협력팀 (계획 미수록·신규 사업 제외)", ["before", "after"]].tolist() == [109_588, 63_553]


class TestParticipation:
    def test_figures_name_their_program(self, tables):
        """The chart of people reached labels each bar with its program's number: two of ②'s
        figures had read as two unnamed bars."""
        assert A.achieved(tables, REPORT_ID, "명")["figure"].tolist() == [
            "② 서울시 공모 구민 평화통일아카데미 운영 — 성인·청소년 및 어린이", "② YDP 평화통일 탐험대 — 관내 중학생",
            "④ 금융역량 강화를 위한 맞춤형 구민 금융교육 실시", "⑥ 의료관광 전문인력 양성과정 운영 — 의료관광분야 취업준비생",
            "⑦ 「1인가구 건강동아리(플로깅) 지원 사업」 추진 — 참여 활동",
        ]

    def test_people_reached(self, tables):
        p = A.people_reached(tables, REPORT_ID).set_index("program_no")
        # ② 130 + 49: not the 1,307 staff on an online course nor the 14 committee members;
        # ⑤ none: 23 SNS supporters and 146,867 followers are not people reached.
        assert p["people"].to_dict() == {2: 179, 4: 3224, 6: 14, 7: 46}
        assert p.loc[4, "cost_per_person"] == 11.8  # 38,000천원 / 3,224명
        assert p.loc[2, "cost_per_person"] == 160.6  # 28,750천원 / 179명
        assert p.loc[2, "counted"] == "성인·청소년 및 어린이 130명 + 관내 중학생 49명"  # the denominator, named

    def test_left_out_and_why(self, tables):
        left = A.people_left_out(tables, REPORT_ID)
        assert left[["text", "reason"]].values.tolist() == [
            ["1,307명", "소속 직원"], ["14명", "위원회 위원"], ["146,867명", "SNS 팔로워"], ["23명", "SNS 서포터즈"],
        ]

    def test_achieved_is_results_of_one_unit(self, tables):
        sessions = A.achieved(tables, REPORT_ID, "회")
        assert sorted(sessions["value"].tolist()) == [2, 40, 80]  # not 1일 100회 (rate), not 월 2회 이상 (target)
        assert set(sessions["kind"]) == {"result"} and set(sessions["unit"]) == {"회"}
        assert sorted(A.achieved(tables, REPORT_ID, "개소")["value"].tolist()) == [10, 17, 23]

    def test_texts(self, tables):
        p = A.participation(tables, REPORT_ID)
        assert "3,224명" in p["text"].tolist()
        assert p.set_index("text").loc["146,867명", "kind_label"] == "현황(누적)"


class TestStaffingAndQuality:
    def test_staffing_summary(self, tables):
        s = A.staffing_summary(tables, REPORT_ID)
        assert s[["label", "authorized", "current", "gap"]].values.tolist()[-3:] == [["일반직 8급", 3, 3, 0], ["일반직 9급", 1, 1, 0], ["계", 15, 15, 0]]
        assert len(A.staffing_summary(tables, REPORT_ID, nonzero=False)) == 15

    def test_unit_links(self, tables):
        u = A.unit_links(tables, REPORT_ID).set_index("unit")
        assert u.loc["의료관광 활성화", ["programs", "programs_budget", "executed_diff"]].tolist() == ["5, 6", 487_492, 7]
        assert u["linked"].sum() == 2

    def test_findings_summary(self, tables):
        f = A.findings_summary(tables, REPORT_ID)
        assert f.iloc[0].tolist() == ["unit_link_executed", "단위사업 연결(집행액)", 0, 1, 0]
        assert f[["error", "warning", "info"]].sum().tolist() == [0, 1, 32]

    def test_yearly_totals(self, two):
        y = A.yearly_totals(two)
        assert y[["department", "year", "budget", "executed", "rate", "plan_budget"]].astype(object).values.tolist() == [
            ["일자리정책과", 2023, 1_250_500, 800_250, 64.0, 1_100_000], ["비전협력과", 2022, 1_070_404, 623_784, 58.3, 329_365],
        ]  # by district (마포구 < 영등포구), department, year


class TestNarrative:
    def test_execution(self, tables):
        text = N.execution(tables, REPORT_ID)
        assert "**전체 집행률 58.3%** (2022-10-31 기준, 2022년 예산 10.7억원 중 6.2억원 집행)" in text
        assert "경과율 83.3%보다 25.0%p 낮아" in text and "2.7억원을 더 썼어야" in text  # one unit (억원) in the paragraph
        assert "단위사업 6개 중 4개" in text and "① 국내·외 도시교류 네트워크 확대 (30.3%)" in text

    def test_shift_has_the_caveat(self, tables):
        text = N.shift(tables, REPORT_ID)
        assert "2022년 예산 787.5백만원 → 2023년 소요예산 279.4백만원 (△508.1백만원, △64.5%)입니다." in text
        assert "**신규** (2023년 계획에 새로 오른 사업 1개, 소요예산 50.0백만원): 사회적책임경영(CSR) 생태계 육성. 증가로 보지 않고" in text
        assert "487.5백만원 → 186.8백만원 (△61.7%)" in text
        assert "**계획 미수록** (2023년 계획에 없는 2022년 사업 2개, 2022년 예산 92.5백만원)" in text and "100" not in text
        assert "주요사업 4개만" in text and "2022년 실적은 7개" in text

    def test_staffing(self, tables):
        assert N.staffing(tables, REPORT_ID).startswith("**정원 15명, 현원 15명** (과부족 0명). 직급별로는 일반직 6급 +2 (정원 5, 현원 7), 일반직 7급 △2")

    def test_funding_participation_quality(self, tables):
        assert "시비 30.0백만원 (3.4%)" in N.funding(tables, REPORT_ID) and "②, ⑦" in N.funding(tables, REPORT_ID)
        text = N.participation(tables, REPORT_ID)
        assert "참여 인원 합계 3,463명 (사업 4개)" in text
        assert "⑤ 스마트메디컬특구 홍보 활성화 23명 (SNS 서포터즈)" in text and "1,307명 (소속 직원)" in text
        assert "④ 여의도 국제금융중심지 위상 강화 11.8천원 (÷ 금융역량 강화를 위한 맞춤형 구민 금융교육 실시 3,224명)" in text
        assert "7,556" not in text  # no cost per SNS supporter
        q = N.quality(tables, REPORT_ID)
        assert q.startswith("검증 결과 오류 0건, 경고 1건, 참고 32건.") and "의료관광 활성화 = 사업 ⑤, ⑥" in q and "원문 51행" in q

    def test_circled(self):
        assert [N.circled(n) for n in (1, 7, 20)] == ["①", "⑦", "⑳"] and N.circled(21) == "(21)"


def test_a_team_whose_programs_all_end_or_begin():
    """관악구 복지정책팀: one program ends (28,500) and a new one begins (390,000), none continues:
    no change is drawn between them; the ended one keeps its bar, the new one is said apart."""
    from pathlib import Path

    tables = with_lineage(analysis.load_report(Path(__file__).parent / "data" / "gwanak_smart-city_2032_tied_teams.txt").tables, LINEAGE_FILE)
    rid = tables["reports"]["report_id"].iloc[0]
    t = A.shift_by_team(A.budget_shift(tables, rid)).set_index("team")
    row = t.loc["복지정책팀"]
    assert row["status"] == "계획 미수록·신규" and (row["not_in_plan"], row["new_in_plan"]) == (28_500, 390_000)
    assert pd.isna(row["change"]) and t.loc["문화예술팀", ["before", "after", "new_in_plan"]].tolist() == [422_000, 456_525, 378_425]
    rows = A.shift_chart_rows(t.reset_index(), "team").set_index("team")
    assert rows.loc["복지정책팀 (신규 사업 제외)", "before"] == 28_500 and pd.isna(rows.loc["복지정책팀 (신규 사업 제외)", "after"])


def _stacked(tmp_path, *texts: tuple[str, str]) -> dict[str, pd.DataFrame]:
    """The reports (file name, text) built together, as a build stacks them (with lineage)."""
    loaded = []
    for name, text in texts:
        (tmp_path / name).write_text(text, encoding="utf-8")
        loaded.append(analysis.load_report(tmp_path / name).tables)
    return with_lineage(contract.concat(loaded), LINEAGE_FILE)


class TestNoAsOfDate:
    """A report whose budget table gives no as-of date (reports.as_of empty; the reviewer's
    raw4_noasof): its rates without a pace, the missing date said; fiscal_pace(None) had stopped
    every notebook, so no report had a briefing."""

    @pytest.fixture(scope="class")
    @classmethod
    def both(cls, report_text, tmp_path_factory):
        undated = variant(report_text, ("비전 협력과", "일자리 정책과"), ("집행률(%) (10. 31.기준)", "집행률(%)"))
        return _stacked(tmp_path_factory.mktemp("noasof"), ("vision_2022.txt", report_text), ("jobs_noasof_2022.txt", undated))

    def test_totals_without_a_pace(self, both):
        rid = "영등포구_일자리정책과_2022"
        assert pd.isna(A.meta(both, rid)["as_of"])
        assert A.overall_execution(both, rid) == {
            "account": "일반회계", "year": 2022, "budget": 1_070_404, "executed": 623_784, "rate": 58.3,
            "pace": None, "as_of": None, "shortfall": None, "others": [],
        }
        e = A.execution(both, rid, "unit")
        assert e["pace"].isna().all() and e["shortfall"].isna().all() and not e["behind"].any()
        assert e.set_index("label").loc["청년 일자리" if "청년 일자리" in set(e["label"]) else "대외교류 활성화", "rate_calc"] == pytest.approx(45.5166, abs=1e-3)
        assert A.pace_columns(e, ["label", "rate", "gap_pp", "shortfall"]) == ["label", "rate"]
        assert int(A.execution(both, rid, "program")["behind"].sum()) == 0

    def test_the_text_says_the_date_is_missing(self, both):
        text = N.execution(both, "영등포구_일자리정책과_2022")
        assert text.startswith("**전체 집행률 58.3%** (2022년 예산 10.7억원 중 6.2억원 집행). 보고서에 예산의 기준일이 없어 경과율과 비교하지 않았습니다.")
        assert "경과율 미달" not in text and "더 썼어야" not in text
        assert "가장 낮은 사업은 ① 국내·외 도시교류 네트워크 확대 (30.3%)" in text

    def test_other_reports_unaffected(self, both):
        assert A.overall_execution(both, REPORT_ID)["pace"] == 83.3
        assert "경과율 83.3%보다 25.0%p 낮아" in N.execution(both, REPORT_ID)
        y = A.yearly_totals(both).set_index("department")
        assert y.loc["비전협력과", "pace"] == 83.3 and pd.isna(y.loc["일자리정책과", "pace"])
        assert A.year_labels(y.loc[["일자리정책과"]].reset_index()) == {2022: "2022년\n기준일 없음 (경과율 비교 없음)"}


class TestFebruaryReport:
    """「2024년 주요업무 보고」 given in February 2024 on 2023's results (Ⅱ. 2023년 주요업무
    추진실적, 12. 31. 기준; the reviewer's raw6_feb): its figures are 2023's, not 2024's."""

    FEB = "영등포구_비전협력과_2024_계획"  # (a report of its own year's plans: report_key)

    @pytest.fixture(scope="class")
    @classmethod
    def years(cls, report_text, tmp_path_factory):
        feb = (TESTS_DIR / "data" / "yeongdeungpo_vision-cooperation_2024_february.txt").read_text(encoding="utf-8")
        return _stacked(tmp_path_factory.mktemp("feb"), ("vision_2022.txt", report_text), ("vision_2024_february.txt", feb))

    def test_the_years_of_its_figures(self, years):
        assert A.figure_years(years, self.FEB) == {"budget": 2023, "actual": 2023, "plan": 2024}
        assert A.figure_years(years, REPORT_ID) == {"budget": 2022, "actual": 2022, "plan": 2023}

    def test_trends_label_the_budget_by_its_year(self, years):
        y = A.yearly_totals(years)
        assert y[["year", "report_year", "budget", "executed", "rate", "pace", "plan_year", "plan_budget"]].astype(object).values.tolist() == [
            [2022, 2022, 1_070_404, 623_784, 58.3, 83.3, 2023, 329_365], [2023, 2024, 530_000, 415_000, 78.3, 100.0, 2024, 230_000],
        ]
        assert "report_year" in A.trend_columns(y)
        text = N.trends(years)
        assert "2022년 58.3% (2022-10-31 기준, 경과율 83.3%" in text and "→ 2023년 78.3% (2023-12-31 기준, 경과율 100.0%" in text
        assert "2024년 78.3%" not in text
        assert sorted(A.team_budget_by_year(years)["year"].unique()) == [2022, 2023]

    def test_the_report_text_and_titles(self, years):
        assert "(2023-12-31 기준, 2023년 예산 530.0백만원 중 415.0백만원 집행)" in N.execution(years, self.FEB)
        shift = N.shift(years, self.FEB)
        assert shift.startswith("2024년 계획에 이어지는 사업만 비교하면 2023년 예산 200.0백만원 → 2024년 소요예산 230.0백만원 (+30.0백만원, +15.0%)")
        assert "2024년 예산" not in shift and "올해" not in shift
        assert "**계획 미수록** (2024년 계획에 없는 2023년 사업 3개, 2023년 예산 160.0백만원)" in shift
        assert A.shift_labels(years, self.FEB)["before"] == "2023년 예산(천원)" and A.shift_labels(years, self.FEB)["after"] == "2024년 계획(천원)"
        m = A.meta(years, self.FEB)
        assert A.titled(m, "단위사업별 예산 집행률", 2023) == "영등포구 비전협력과 2024 계획 · 단위사업별 예산 집행률 (2023년 예산)"
        assert A.titled(A.meta(years, REPORT_ID), "단위사업별 예산 집행률", 2022) == "영등포구 비전협력과 2022 · 단위사업별 예산 집행률"

    def test_the_2023_plan_against_2023_results(self, years):
        p = A.plan_vs_actual(years)
        got = p[["year", "status", "planned", "budget", "diff"]].astype(object).where(p.notna(), None).values.tolist()
        assert got == [
            [2023, "같은 사업, 예산 증액 +10.1%", 63_553, 70_000, 6_447], [2023, "같은 사업, 계획 금액 그대로", 50_000, 50_000, 0],
            [2023, "같은 사업, 예산 증액 +37.9%", 29_000, 40_000, 11_000], [2023, "같은 사업, 예산 감액 △30.4%", 186_812, 130_000, -56_812],
            [2023, "계획 외 사업", None, 70_000, None],
        ]


class TestAccounts:
    """A 기금 beside the 일반회계 (the reviewer's raw7_fund: 남북교류협력기금 120,000 / 30,000): the
    totals had added them (11.9억원, 54.9%), counting the 일반회계's 기금전출금 twice."""

    FUND = ("내부거래지출 (기금전출금)\t100,000\t100,000\t100\n",
            "내부거래지출 (기금전출금)\t100,000\t100,000\t100\n\n○ 남북교류협력기금\n\n(단위: 천원)\n\n"
            "단위사업명\t예 산 액\t집 행 액\t집행률(%) (10. 31.기준)\n계\t120,000\t30,000\t25.0\n남북교류협력 지원\t120,000\t30,000\t25.0\n")

    @pytest.fixture(scope="class")
    @classmethod
    def fund(cls, report_text, tmp_path_factory):
        return _stacked(tmp_path_factory.mktemp("fund"), ("vision_fund_2022.txt", variant(report_text, cls.FUND)))

    def test_totals_per_account(self, fund):
        assert A.accounts(fund, REPORT_ID) == ["일반회계", "남북교류협력기금"]
        o = A.overall_execution(fund, REPORT_ID)
        assert (o["account"], o["budget"], o["executed"], o["rate"], o["shortfall"]) == ("일반회계", 1_070_404, 623_784, 58.3, 267_731)
        assert o["others"] == [{"account": "남북교류협력기금", "budget": 120_000, "executed": 30_000, "rate": 25.0, "shortfall": 69_945}]

    def test_text_gives_each_account_apart(self, fund):
        text = N.execution(fund, REPORT_ID)
        assert text.startswith("**일반회계 집행률 58.3%** (2022-10-31 기준, 2022년 예산 10.7억원 중 6.2억원 집행)")
        assert "남북교류협력기금 집행률 25.0% (예산 1.2억원 중 0.3억원 집행)" in text and "합하지 않습니다" in text
        assert "54.9" not in text and "11.9억원" not in text

    def test_unit_projects_name_their_account(self, fund):
        e = A.execution(fund, REPORT_ID, "unit")
        assert e["label"].iloc[0] == "남북교류협력 지원 (남북교류협력기금)" and "대외교류 활성화 (일반회계)" in set(e["label"])
        assert A.unit_links(fund, REPORT_ID).set_index("unit").loc["남북교류협력 지원 (남북교류협력기금)", "budget"] == 120_000

    def test_trends_never_mix_accounts(self, fund):
        y = A.yearly_totals(fund)
        assert y[["account", "budget", "executed", "rate", "plan_budget"]].astype(object).where(y.notna(), None).values.tolist() == [
            ["일반회계", 1_070_404, 623_784, 58.3, 329_365], ["남북교류협력기금", 120_000, 30_000, 25.0, None],
        ]
        assert "account" in A.trend_columns(y)


class TestOwnMoneyName:
    """layout.toml stores 군비 as the canonical 구비: a 군's report showed "구비 8.4억원" (the
    reviewer's raw3, 양평군). Shown as the report's kind of local government prints it; the stored
    tables keep 구비."""

    def test_a_gun_says_gunbi(self):
        t = analysis.load_report(TESTS_DIR / "data" / "yangpyeong_tourism_2022.txt").tables
        assert set(t["program_funding"]["source"]) == {"구비", "도비", "국비"}  # stored canonical, unchanged
        f = A.funding_split(t, "양평군_관광과_2022")
        assert f[["program_no", "source", "amount", "canonical"]].values.tolist() == [
            [1, "군비", 240_000, "구비"], [1, "도비", 60_000, "도비"], [2, "국비", 1_000_000, "국비"], [2, "군비", 600_000, "구비"], [2, "도비", 400_000, "도비"],
        ]
        assert N.funding(t, "양평군_관광과_2022") == ("주요사업 예산 23.0억원의 재원: 국비 10.0억원 (43.5%), 군비 8.4억원 (36.5%), 도비 4.6억원 (20.0%)."
                                                 " 군비 외 재원이 들어간 사업은 ①, ②입니다.")

    def test_a_si_and_a_gu(self, tables):
        t = analysis.load_report(TESTS_DIR / "data" / "icheon_tourism_2022.txt").tables
        assert "시비 8.4억원 (36.5%)" in N.funding(t, "이천시_관광과_2022") and "구비" not in N.funding(t, "이천시_관광과_2022")
        assert "구비 850.0백만원 (96.6%)" in N.funding(tables, REPORT_ID) and "구비 외 재원이 들어간 사업은 ②, ⑦" in N.funding(tables, REPORT_ID)
        assert [A.own_source_name(d) for d in ("양평군", "이천시", "영등포구", "부산광역시", "세종특별자치시", None)] == ["군비", "시비", "구비", "구비", "구비", "구비"]


class TestPlanAgainstBudget:
    """The plan-against-budget table says what happened: it had labelled every one-to-one link
    '계획대로', a budget 37.9% above its plan or 30.4% below it included, and a plan printed in
    백만원 (109.6백만원) against a budget in 천원 (109,588) a change of △12천원 (0.0%)."""

    @pytest.fixture(scope="class")
    @classmethod
    def years(cls, report_text, tmp_path_factory):
        # The reviewer's 2021 report of the department (tests/data, made up from the 2022 one):
        # amounts in 백만원 (plan 109.6, 190.4, 487.5), as of 9. 30.
        million = (TESTS_DIR / "data" / "yeongdeungpo_vision-cooperation_2021_million.txt").read_text(encoding="utf-8")
        return _stacked(tmp_path_factory.mktemp("million"), ("vision_2021.txt", million), ("vision_2022.txt", report_text))

    def test_the_printed_step(self, years):
        assert A.printed_step(years, "영등포구_비전협력과_2021", "plan") == 100  # 0.1백만원
        assert A.printed_step(years, REPORT_ID, "actual") == 0  # 천원: exact

    def test_rounding_is_no_change(self, years):
        p = A.plan_vs_actual(years)
        got = p[["status", "planned", "budget", "diff", "diff_pct"]].astype(object).where(p.notna(), None).values.tolist()
        assert got == [
            ["같은 사업, 계획 금액 그대로 (백만원 단위 반올림 차이)", 109_600, 109_588, None, None],
            ["분리, 계획 금액 그대로", 190_400, 190_400, 0, 0.0],
            ["분리, 계획 금액 그대로 (백만원 단위 반올림 차이)", 487_500, 487_492, None, None],
            ["계획 외 사업", None, 38_500, None, None],
            ["계획 외 사업", None, 54_000, None, None],
        ]

    def test_a_difference_beyond_the_rounding_is_a_change(self, years):
        # 51천원 apart: beyond half of 0.1백만원 (50천원).
        t = dict(years)
        p = t["programs"].copy()
        p.loc[(p["report_id"] == REPORT_ID) & (p["stage"] == "actual") & (p["program_no"] == 1), "budget"] = 109_549
        t["programs"] = p
        row = A.plan_vs_actual(t).iloc[0]
        assert row["status"] == "같은 사업, 예산 감액 △51천원 (0.1% 미만)" and row["diff"] == -51



def test_a_plan_only_reports_shift_says_its_plans_total(tmp_path):
    """A report of plans alone has no program of this year for a plan to continue: the sentence
    had said '2024년 계획의 소요예산 합계는 0.0억원' beside its 15.0억원 of new plans."""
    import shutil

    import analysis
    from analysis.analyse import narrative as N
    from conftest import TESTS_DIR

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(TESTS_DIR / "data" / "layouts" / "gapyeong_tourism_2024_plans_only.txt", raw)
    analysis.build(raw, tmp_path / "out", tmp_path / "none.csv", cache_dir=tmp_path / "cache", progress=False)
    text = N.shift(analysis.load_tables(tmp_path / "out"), "가평군_관광과_2024_계획")
    assert text.startswith("2024년 계획의 소요예산 합계는 15.0억원입니다.") and "신규** (2024년 계획에 새로 오른 사업 2개, 소요예산 15.0억원)" in text
