"""Program lineage's name evidence: the stock words of program names (활성화, 지원 확대, 역량 강화…)
are no evidence; the distinctive words are (the reviewer's 체육진흥과 2029: six programs of a
team merged into one plan on shared stock words and reported as a cut of 81.3%)."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

from analysis.interpret.textsim import dice, distinctive_runs
from analysis.store.lineage import STOCK_WORDS, build_lineage, similarity
from conftest import REPORT_ID


class TestSimilarity:
    @pytest.mark.parametrize(("a", "b", "before"), [
        ("배움터 역량 강화", "인문학강좌·평생학습 역량 강화", 0.32),
        ("청년 일자리 지원 확대", "장애인 복지 지원 확대", 0.38),
        ("전통시장 활성화", "골목상권 활성화", 0.33),
        ("저소득층 사업 추진", "복지관 사업 추진", 0.46),
        ("건강도시 역량 강화", "금연클리닉 역량 강화", 0.40),
    ])
    def test_stock_words_alone_are_no_likeness(self, a, b, before):
        assert round(dice(a, b), 2) == before  # the whole names' bigrams: linked at ≥ 0.2
        assert similarity(a, b) == 0.0

    @pytest.mark.parametrize(("a", "b", "value"), [
        ("의료관광 기반조성", "의료관광 활성화", 1.0),
        ("평생학습 지원 확대", "인문학강좌·평생학습 역량 강화", 0.5),
        ("국내·외 도시교류 네트워크 확대", "국내·외 친선도시 상호교류 내실화", 0.45),
        ("여의도 국제금융중심지 위상 강화", "여의도 디지털국제금융중심지 활성화", 0.7),
        ("평화통일·남북교류협력 기반조성", "평화통일 기반조성", 0.46),
        ("청년창업 운영", "창업공간 내실화", 0.33),  # one letter pair of two subjects: below 0.34
    ])
    def test_distinctive_words_are(self, a, b, value):
        assert round(similarity(a, b), 2) == value

    def test_the_words_left(self):
        assert distinctive_runs("건강도시 활성화 기반구축 및 사업추진", STOCK_WORDS) == ("건강도시",)
        assert distinctive_runs("청년 일자리 지원 확대", STOCK_WORDS) == ("청년일자리",)
        assert distinctive_runs("취업지원 확대", STOCK_WORDS) == ("취업",)
        # A word that only ends like a stock word, or has one at its start, stays whole.
        assert distinctive_runs("녹색환경·재활용 사업 추진", STOCK_WORDS) == ("녹색환경·재활용",)
        assert distinctive_runs("지원센터 운영", STOCK_WORDS) == ("지원센터",)
        assert distinctive_runs("강화군 관광 활성화", STOCK_WORDS) == ("강화군관광",)
        # No letter pair across a stock word taken out; a name all of stock words is its own evidence.
        assert distinctive_runs("도서관 지원 및 독서문화 확산", STOCK_WORDS) == ("도서관", "독서문화확산")
        assert distinctive_runs("사업 추진", STOCK_WORDS) == ("사업추진",)

    def test_a_stock_word_that_ends_another_is_taken_off_the_longer_first(self):
        """활성화 ends with 성화: 역량활성화 loses 활성화 (역량), in any process. The words were
        tried in the set's order, which moves with the hash seed (역량활 in some runs)."""
        code = ("from analysis.interpret.textsim import distinctive_runs; "
                "print(distinctive_runs('역량활성화 추진', frozenset({'성화', '활성화', '추진'}))[0])")
        seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                               env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout.strip() for seed in range(12)}
        assert seen == {"역량"}


def _tables(programs: list[tuple]) -> dict[str, pd.DataFrame]:
    """One report's programs (stage, no, name, team, budget, unit), as linking reads them."""
    p = pd.DataFrame(programs, columns=["stage", "program_no", "program", "team", "budget", "unit"])
    p["report_id"], p["year"] = "영등포구_체육진흥과_2029", p["stage"].map({"actual": 2029, "plan": 2030})
    r = pd.DataFrame([{"report_id": "영등포구_체육진흥과_2029", "district": "영등포구", "department": "체육진흥과", "year": 2029}])
    return {"reports": r, "programs": p}


def _links(rows: list[dict]) -> list[tuple]:
    return [(r["relation"], r["from_program_no"], r["to_program_no"]) for r in rows]


def test_a_team_is_not_merged_on_stock_words():
    """The reviewer's 체육진흥과 2029 평생교육팀: seven programs, one plan. Linked are those that
    share 인문학강좌 or 평생학습 with it; 배움터 역량 강화 and 학습동아리 내실화 (stock words, or
    one letter pair) are 계획 미수록, not part of a merge reported as a cut."""
    team = "평생교육팀"
    rows, _ = build_lineage(_tables([
        ("actual", 1, "학습동아리·평생학습 역량 강화", team, 1000, None), ("actual", 2, "인문학강좌 운영", team, 1000, None),
        ("actual", 3, "학습동아리 내실화", team, 1000, None), ("actual", 4, "평생학습 지원 확대", team, 1000, None),
        ("actual", 5, "배움터 역량 강화", team, 1000, None), ("actual", 6, "평생학습 기반조성", team, 1000, None),
        ("actual", 7, "인문학강좌 역량 강화", team, 1000, None), ("actual", 8, "저소득층 사업 추진", "복지정책팀", 1000, None),
        ("actual", 9, "돌봄서비스 사업 추진", "복지정책팀", 1000, None),
        ("plan", 1, "인문학강좌·평생학습 역량 강화", team, 500, None), ("plan", 2, "복지관 사업 추진", "복지정책팀", 500, None),
    ]), [])
    assert _links(rows) == [
        ("통합", 1, 1), ("통합", 2, 1), ("통합", 4, 1), ("통합", 6, 1), ("통합", 7, 1),
        ("계획 미수록", 3, None), ("계획 미수록", 5, None), ("계획 미수록", 8, None), ("계획 미수록", 9, None),
        ("신규", None, 2),
    ]


def test_a_plan_named_as_a_unit_project_continues_its_programs():
    """A plan program named as this year's unit project (단위사업) continues the unit's programs,
    whatever their names (none is named so); where one is, it continues that one alone."""
    team = "의료특구팀"
    rows, _ = build_lineage(_tables([
        ("actual", 1, "스마트메디컬특구 홍보 활성화", team, 391_300, "의료관광 활성화"), ("actual", 2, "의료관광 기반조성", team, 96_192, "의료관광 활성화"),
        ("actual", 3, "외국인환자 유치 기반 강화", team, 70_000, "외국인환자 유치"),
        ("plan", 1, "의료관광 활성화", team, 186_812, None),
    ]), [])
    assert _links(rows) == [("통합", 1, 1), ("통합", 2, 1), ("계획 미수록", 3, None)]
    assert rows[0]["origin"] == "자동: 같은 팀, 단위사업명과 같은 사업명 (의료관광 활성화)" and rows[0]["similarity"] == 0.0
    rows, _ = build_lineage(_tables([
        ("actual", 1, "의료관광 활성화", team, 130_000, "의료관광 활성화"), ("actual", 2, "외국인환자 유치 기반 강화", team, 70_000, "의료관광 활성화"),
        ("plan", 1, "의료관광 활성화", team, 150_000, None),
    ]), [])
    assert _links(rows) == [("계속", 1, 1), ("계획 미수록", 2, None)]


def test_the_bundled_reports_links(tables):
    """The 2022 report's ⑤ 스마트메디컬특구 홍보 활성화 shares only 활성화 with the 2023 plan's
    ④ 의료관광 활성화 (0.22 by whole names): it is linked as a program of the unit 의료관광 활성화
    (the plan's text continues its 스마트메디컬특구 홍보), not by the stock word."""
    l = tables["program_lineage"]
    l = l[(l["kind"] == "plan") & (l["report_id"] == REPORT_ID)].set_index("from_program_no")
    assert l.loc[5, "origin"] == "자동: 같은 팀, 단위사업명과 같은 사업명 (의료관광 활성화)"
    assert l.loc[6, "origin"] == "자동: 같은 팀, 사업명 유사 (1.00)"
    assert [l.loc[n, "similarity"] for n in (3, 4, 5, 6)] == [0.76, 0.7, 0.0, 1.0]
