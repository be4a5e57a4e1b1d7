"""Variant reports: another year, another money unit, other encodings, and wrong arithmetic."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.store.build import with_lineage
from analysis.config import LINEAGE_FILE
from conftest import MINI_PATH, variant


def write(tmp_path, name, text, encoding="utf-8", newline="\n"):
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


def load_text(tmp_path, text, **kw):
    return analysis.load_report(write(tmp_path, "variant.txt", text, **kw))


def errors(report):
    f = report.findings
    return f[f["severity"] == "error"]


class TestAnotherYear:
    def test_year_session_and_id(self, tmp_path, report_text):
        text = variant(
            report_text,
            ("제241회", "제250회"), ("2022. 11. 21. ~ 12. 21.", "2023. 11. 20. ~ 12. 19."),
            ("2022년 주요업무 보고", "2023년 주요업무 보고"),
            ("III . 2023년 주요업무 추진계획", "III . 2024년 주요업무 추진계획"),
            ("Ⅲ . 2023년 주요업무 추진계획", "Ⅲ . 2024년 주요업무 추진계획"),
        )
        r = load_text(tmp_path, text)
        row = r.tables["reports"].iloc[0]
        assert (row["report_id"], row["year"], row["plan_year"]) == ("영등포구_비전협력과_2023", 2023, 2024)
        assert (row["session"], row["session_start"], row["session_end"], row["as_of"]) == ("제250회 구의회 제2차 정례회", "2023-11-20", "2023-12-19", "2023-10-31")
        p = r.tables["programs"]
        assert set(p.loc[p["stage"] == "plan", "year"]) == {2024}
        assert set(p.loc[p["stage"] == "actual", "year"]) == {2023}

    def test_session_across_new_year(self, tmp_path, report_text):
        r = load_text(tmp_path, variant(report_text, ("2022. 11. 21. ~ 12. 21.", "2022. 12. 20. ~ 1. 5.")))
        row = r.tables["reports"].iloc[0]
        assert (row["session_start"], row["session_end"]) == ("2022-12-20", "2023-01-05")


@pytest.fixture(scope="module")
def mini():
    return analysis.load_report(MINI_PATH)


class TestMillionWonReport:
    """tests/data/mapo_jobs_2023_million.txt: 백만원 with decimals, Ⅰ/Ⅱ/Ⅲ, 국비/시비/구비/기금, 9. 30.기준."""

    def test_metadata(self, mini):
        row = mini.tables["reports"].iloc[0]
        assert (row["report_id"], row["district"], row["department"]) == ("마포구_일자리정책과_2023", "마포구", "일자리정책과")
        assert (row["money_unit"], row["as_of"], row["plan_year"]) == ("백만원", "2023-09-30", 2024)

    def test_amounts_in_cheonwon_exactly(self, mini):
        b = mini.tables["budget_units"]
        assert b[["unit", "budget", "executed", "rate"]].values.tolist() == [
            ["공공일자리 운영", 1_000_500, 700_250, 70.0], ["청년 창업 지원", 250_000, 100_000, 40.0],
        ]
        assert str(b["budget"].dtype) == "Int64"

    def test_funding_sources(self, mini):
        f = mini.tables["program_funding"]
        assert f[["stage", "program_no", "source", "budget", "executed"]].astype(object).where(f.notna(), None).values.tolist() == [
            ["actual", 1, "국비", 500_000, 400_000], ["actual", 1, "시비", 300_000, 200_000], ["actual", 1, "구비", 200_500, 100_250],
            ["actual", 2, "기금", 250_000, 100_000],
            ["plan", 1, "국비", 600_000, None], ["plan", 1, "시비", 300_000, None], ["plan", 1, "구비", 200_000, None],
        ]

    def test_staffing_and_checks(self, mini):
        s = mini.tables["staffing"]
        assert s[["grade", "authorized", "current", "gap"]].values.tolist() == [["5급", 1, 1, 0], ["6급", 2, 2, 0], ["7급", 2, 1, -1]]
        assert errors(mini).empty
        links = mini.findings[mini.findings["message"].str.startswith("연결: ")]
        assert len(links) == 2

    def test_metrics(self, mini):
        m = mini.tables["metrics"]
        assert m[["value", "unit"]].values.tolist() == [[120, "명"], [12, "회"], [5, "개소"], [30, "팀"]]

    def test_decimal_amounts_keep_decimals(self, tmp_path):
        text = variant(MINI_PATH.read_text(encoding="utf-8"), ("청년 창업 지원\t250\t100\t40.0", "청년 창업 지원\t250.0005\t100\t40.0"))
        b = load_text(tmp_path, text).tables["budget_units"]
        assert str(b["budget"].dtype) == "Float64"
        assert b["budget"].tolist() == [1_000_500.0, 250_000.5]


class TestEncodings:
    @pytest.mark.parametrize("encoding,newline", [("cp949", "\n"), ("euc-kr", "\r\n"), ("utf-8-sig", "\r\n"), ("utf-16", "\n"), ("utf-8", "\r")])
    def test_same_tables(self, tmp_path, report_text, tables, encoding, newline):
        try:
            r = load_text(tmp_path, report_text, encoding=encoding, newline=newline)
        except UnicodeEncodeError:
            pytest.skip(f"the report has characters outside {encoding}")
        got = with_lineage(r.tables, LINEAGE_FILE)
        for name, df in tables.items():
            if name == "reports":
                df, other = df.drop(columns="source_sha256"), got[name].drop(columns=["source_sha256"]).assign(source_file=df["source_file"])
            else:
                other = got[name]
            pd.testing.assert_frame_equal(df, other, obj=name)

    def test_cp949_really_is_cp949(self, tmp_path, report_text):
        data = report_text.encode("cp949")
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")


class TestWrongArithmetic:
    def test_wrong_rate_is_an_error(self, tmp_path, report_text):
        r = load_text(tmp_path, variant(report_text, ("198,888\t90,527\t45.5", "198,888\t90,527\t46.5")))
        (e,) = errors(r).to_dict("records")
        assert (e["check"], e["expected"], e["actual"], e["source_line"]) == ("rate", "45.5", "46.5", 48)

    def test_rate_rounded_down_is_a_warning(self, tmp_path, report_text):
        # 102,920 / 190,400 = 54.054…% rounds to 54.1; 54.0 is the rounded-down figure.
        r = load_text(tmp_path, variant(report_text, ("190,400\t102,920\t54.1", "190,400\t102,920\t54.0")))
        assert errors(r).empty
        w = r.findings[(r.findings["check"] == "rate")]
        assert w[["severity", "expected", "actual", "source_line"]].values.tolist() == [["warning", "54.1", "54.0", 50]]

    def test_wrong_total_is_an_error(self, tmp_path, report_text):
        r = load_text(tmp_path, variant(report_text, ("계\t1,070,404\t623,784\t58.3", "계\t1,070,504\t623,784\t58.3")))
        e = errors(r)
        assert e[["check", "expected", "actual", "source_line"]].values.tolist() == [["budget_total", "1,070,404", "1,070,504", 47]]

    def test_wrong_program_rate(self, tmp_path, report_text):
        r = load_text(tmp_path, variant(report_text, ("28,750 (시 20,000, 구비 8,750)\t74.7", "28,750 (시 20,000, 구비 8,750)\t77.4")))
        assert errors(r)[["check", "subject", "source_line"]].values.tolist() == [["rate", "actual 2 평화통일·남북교류협력 기반조성", 142]]

    def test_funding_that_does_not_add_up(self, tmp_path, report_text):
        r = load_text(tmp_path, variant(report_text, ("38,500 (시 20,000, 구비 18,500)", "38,500 (시 20,000, 구비 18,000)")))
        assert errors(r)[["check", "expected", "actual", "source_line"]].values.tolist() == [["funding_sum", "38,500", "38,000", 142]]

    def test_staffing_gap_and_total(self, tmp_path, report_text):
        r = load_text(tmp_path, variant(report_text, ("과부족\t-\t-\t-\t2\t△2", "과부족\t-\t-\t-\t2\t△1")))
        assert errors(r)[["check", "subject", "source_line"]].values.tolist() == [
            ["staffing_total", "staffing 과부족 계", 36], ["staffing_gap", "staffing 일반직 7급", 34],
        ]

    def test_team_count(self, tmp_path, report_text):
        r = load_text(tmp_path, variant(report_text, ("비전협력과 - (4)개팀", "비전협력과 - (5)개팀")))
        assert errors(r)[["check", "expected", "actual"]].values.tolist() == [["team_count", "5", "4"]]

    def test_partner_count(self, tmp_path, report_text):
        r = load_text(tmp_path, variant(report_text, ("국내(6개)", "국내(7개)")))
        assert errors(r)[["check", "expected", "actual", "source_line"]].values.tolist() == [["partner_count", "7", "6", 75]]


class TestLayoutVariants:
    def test_ascii_roman_numerals(self, tmp_path, report_text, tables):
        r = load_text(tmp_path, variant(report_text, ("Ⅱ . 주요업무 추진실적", "II. 주요업무 추진실적"), ("Ⅲ . 2023년", "III. 2023년")))
        pd.testing.assert_frame_equal(r.tables["programs"], tables["programs"])

    def test_team_line_present_is_not_inferred(self, tmp_path, report_text):
        text = variant(report_text, ("어린이, 청소년, 성인 등 세대맞춤", "2 평화통일·남북교류협력 기반조성\n\n대외협력팀\n\n어린이, 청소년, 성인 등 세대맞춤"))
        r = load_text(tmp_path, text)
        subjects = set(r.findings.loc[r.findings["check"].isin(["team_inferred", "program_heading"]), "subject"])
        assert not any(s.startswith("actual 2 ") for s in subjects)
        p = r.tables["programs"]
        assert p.loc[(p["stage"] == "actual") & (p["program_no"] == 2), "team"].item() == "대외협력팀"

    def test_heading_differing_from_toc_is_a_warning(self, tmp_path, report_text):
        r = load_text(tmp_path, variant(report_text, ("1 국내·외 도시교류 네트워크 확대", "1 국내·외 도시교류 확대")))
        w = r.findings[r.findings["check"] == "program_name"]
        assert w[["severity", "expected", "actual"]].values.tolist() == [["warning", "국내·외 도시교류 네트워크 확대", "국내·외 도시교류 확대"]]
