"""metrics.kind: what a participation figure means (result, rate, target, stock)."""

from __future__ import annotations

import pytest

from analysis import load_report
from analysis.config import RAW_DATA_DIR
from analysis.interpret.metric_kind import KINDS, keep_qualifier, kind_of_typed, metric_kind, qualifiers


@pytest.fixture(scope="module")
def bundled_metrics():
    return load_report(RAW_DATA_DIR / "yeongdeungpo_vision-cooperation_2022.txt").tables["metrics"]


class TestMetricKind:
    @pytest.mark.parametrize("figure, before, after, label, key, kind", [
        ("100회", "여의도 국제금융중심지 홍보영상·이미지 송출 (1일 ", ")", "송출", "내용", "rate"),
        ("3회", "매주 ", " 운영", "상담", "", "rate"),
        ("2회", "플로깅 활동물품 지원 및 월 ", " 이상 플로깅 활동", "플로깅 활동", "주요내용", "target"),
        ("500명", "목표 ", "", "참여", "", "target"),
        ("500명", "", "", "참여", "목표", "target"),
        ("146,867명", "팔로워수 ", "", "다국어 SNS 채널 운영 — 팔로워수", "", "stock"),
        ("14명", "위원장 포함 ", " 구성", "남북교류협력위원회 운영 — 위원장 포함 구성", "", "stock"),
        ("2회", "위원장 포함 14명 구성, 서면회의 ", " 실시", "남북교류협력위원회 운영 — 서면회의 실시", "", "result"),
        ("3,224명", "맞춤형 구민 금융교육 실시: 13개 과정 40회 ", "", "금융교육 실시", "", "result"),
        ("130명", "7~11월 / 성인·청소년 및 어린이 ", "", "성인·청소년 및 어린이", "기간/대상", "result"),
        ("300명", "통일 골든벨: ", " 이상 참여", "통일 골든벨", "", "result"),  # done: more than 300 took part
        ("300명", "통일 골든벨: ", " 이상 참여 목표", "통일 골든벨", "", "target"),
        ("2회", "상·하반기 각 ", ")", "통일 간담회", "", "rate"),  # each half-year, not a total
    ])
    def test_kinds(self, figure, before, after, label, key, kind):
        assert metric_kind(figure, before, after, label, key) == kind

    def test_qualifiers(self):
        assert qualifiers("송출 (1일 ", ")") == ("1일", "")
        assert qualifiers("지원 및 월 ", " 이상 플로깅") == ("월", "이상")
        assert qualifiers("6~10월 ", "") == ("", "")  # a month range is not a period


class TestKeepQualifier:
    def test_figure_back_between_its_words(self):
        assert keep_qualifier("… 지원 및 월 이상 플로깅 활동", "2회", "지원 및 월 ", " 이상 플로깅 활동") == "… 지원 및 월 2회 이상 플로깅 활동"
        assert keep_qualifier("홍보 — 송출 1일", "100회", "송출 (1일 ", ")") == "홍보 — 송출 1일 100회"

    def test_unchanged_without_qualifier(self):
        assert keep_qualifier("금융교육 실시", "3,224명", "실시: ", "") == "금융교육 실시"

    def test_typed_rows(self):
        assert kind_of_typed(100, "회", "홍보영상 송출 1일 100회") == "rate"
        assert kind_of_typed(2, "회", "월 2회 이상 플로깅 활동") == "target"
        assert kind_of_typed(146867, "명", "다국어 SNS 채널 운영 — 팔로워수") == "stock"
        assert kind_of_typed(3224, "명", "맞춤형 구민 금융교육") == "result"


class TestBundledReport:
    """The figures of the bundled report, as the parser classifies and labels them."""

    @pytest.fixture
    def metrics(self, bundled_metrics):
        return bundled_metrics

    def _row(self, metrics, line, value):
        rows = metrics[(metrics["source_line"] == line) & (metrics["value"] == value)]
        assert len(rows) == 1
        return rows.iloc[0]

    def test_kind_column_follows_unit(self, metrics):
        assert list(metrics.columns).index("kind") == list(metrics.columns).index("unit") + 1
        assert set(metrics["kind"]) <= set(KINDS)

    def test_rate_1il_100hoe(self, metrics):
        r = self._row(metrics, 196, 100)
        assert (r["unit"], r["kind"]) == ("회", "rate")
        assert r["label"].endswith("홍보영상·이미지 송출 1일 100회")

    def test_target_wol_2hoe_isang(self, metrics):
        r = self._row(metrics, 304, 2)
        assert (r["unit"], r["kind"]) == ("회", "target")
        assert "월 2회 이상 플로깅 활동" in r["label"]

    def test_result_3224(self, metrics):
        r = self._row(metrics, 189, 3224)
        assert (r["unit"], r["kind"]) == ("명", "result")

    def test_followers_and_members_are_stock(self, metrics):
        assert self._row(metrics, 227, 146867)["kind"] == "stock"
        assert self._row(metrics, 130, 14)["kind"] == "stock"
        assert self._row(metrics, 130, 2)["kind"] == "result"  # 서면회의 2회 held

    def test_counts(self, metrics):
        assert metrics["kind"].value_counts().to_dict() == {"result": 22, "stock": 2, "rate": 3, "target": 1}  # (rate: 쌀 10kg a bag of the 100포)
