"""The bundled report's real values, table by table (영등포구 비전협력과, 2022)."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import REPORT_ID, REPORT_PATH


def records(df: pd.DataFrame, columns: list[str]) -> list[tuple]:
    return [tuple(None if pd.isna(v) else v for v in row) for row in df[columns].itertuples(index=False)]


class TestReports:
    def test_metadata(self, tables):
        (row,) = tables["reports"].to_dict("records")
        assert row["report_id"] == REPORT_ID
        assert (row["district"], row["department"], row["year"], row["plan_year"]) == ("영등포구", "비전협력과", 2022, 2023)
        assert row["session"] == "제241회 구의회 제2차 정례회" and row["title"] == "2022년 주요업무 보고"
        assert (row["session_start"], row["session_end"], row["as_of"]) == ("2022-11-21", "2022-12-21", "2022-10-31")
        assert row["money_unit"] == "천원"
        assert row["source_file"] == "yeongdeungpo_vision-cooperation_2022.txt"
        assert row["source_sha256"] == "b961e3e483ca2f439b56d7d0df8245d363418f0ce9a5829ff5f0fb83087e5e66"

    def test_every_row_is_keyed_and_traced(self, tables):
        for name, df in tables.items():
            assert (df["report_id"] == REPORT_ID).all(), name
            if name not in ("reports", "findings", "program_lineage"):
                assert df["source_line"].notna().all() and df["source_line"].between(1, 450).all(), name

    def test_lineage_rows_trace_to_programs(self, tables):
        # Lineage rows trace through their program keys; manual rows also carry their line in
        # data/manual/program_lineage.csv.
        l, p = tables["program_lineage"], tables["programs"]
        keys = set(zip(p["report_id"], p["stage"], p["program_no"]))
        for r in l.itertuples():
            if pd.notna(r.from_program_no):
                assert (r.report_id, r.from_stage, r.from_program_no) in keys
            if pd.notna(r.to_program_no):
                assert (r.to_report_id, r.to_stage, r.to_program_no) in keys
        manual = l[l["origin"] == "분석가 지정"]
        assert manual[["from_program", "to_program", "source_line"]].values.tolist() == [["국내·외 도시교류 네트워크 확대", "국내·외 친선도시 상호교류 내실화", 2]]


class TestTeams:
    def test_teams_and_duties(self, tables):
        got = records(tables["teams"], ["team", "duty", "source_line"])
        assert got == [
            ("대외협력팀", "사회적책임경영(CSR) 활성화", 28),
            ("대외협력팀", "국내·외 도시 친선(우호) 결연추진 및 교류", 28),
            ("대외협력팀", "평화통일·남북교류협력 기반조성", 28),
            ("국제금융특구팀", "여의도 금융개발진흥 지구 진흥계획 추진", 28),
            ("국제금융특구팀", "국제금융중심지 활성화", 28),
            ("국제금융특구팀", "구민 금융교육 강화", 28),
            ("의료특구팀", "의료관광 기반 시설 조성", 28),
            ("의료특구팀", "의료관광 활성화 지원", 28),
            ("의료특구팀", "민·관 네트워크 구축 강화", 28),
            ("의료특구팀", "국내·외 홍보·마케팅 확대", 28),
            ("건강특구팀", "건강도시 중장기 발전계획 수립·시행", 28),
            ("건강특구팀", "건강특화 사업발굴 및 추진", 28),
            ("건강특구팀", "주민 건강동아리(플로깅) 운영 지원", 28),
        ]


class TestStaffing:
    # (category, grade, 정원, 현원, 과부족) for every cell of the table (lines 32-36).
    EXPECTED = [
        ("일반직", "4급", 0, 0, 0), ("일반직", "5급", 1, 1, 0), ("일반직", "6급", 5, 7, 2),
        ("일반직", "7급", 5, 3, -2), ("일반직", "8급", 3, 3, 0), ("일반직", "9급", 1, 1, 0),
        ("관리운영직", "6급", 0, 0, 0), ("관리운영직", "7급", 0, 0, 0), ("관리운영직", "8급", 0, 0, 0), ("관리운영직", "9급", 0, 0, 0),
        ("별정직·임기제", "6급", 0, 0, 0), ("별정직·임기제", "7급", 0, 0, 0), ("별정직·임기제", "8급", 0, 0, 0), ("별정직·임기제", "9급", 0, 0, 0),
    ]

    def test_every_cell(self, tables):
        assert records(tables["staffing"], ["category", "grade", "authorized", "current", "gap"]) == self.EXPECTED
        assert set(tables["staffing"]["source_line"]) == {34}

    def test_totals(self, tables):
        s = tables["staffing"]
        assert (s["authorized"].sum(), s["current"].sum(), s["gap"].sum()) == (15, 15, 0)


class TestBudgetUnits:
    def test_every_unit(self, tables):
        got = records(tables["budget_units"], ["unit", "budget", "executed", "rate", "as_of", "source_line"])
        assert got == [
            ("대외교류 활성화", 198_888, 90_527, 45.5, "2022-10-31", 48),
            ("건강특구 활성화", 10_000, 10_000, 100.0, "2022-10-31", 49),
            ("국제금융특구 활성화", 190_400, 102_920, 54.1, "2022-10-31", 50),
            ("의료관광 활성화", 487_492, 258_672, 53.1, "2022-10-31", 51),
            ("기본경비", 83_624, 61_665, 73.7, "2022-10-31", 52),
            ("내부거래지출 (기금전출금)", 100_000, 100_000, 100.0, "2022-10-31", 53),
        ]

    def test_money_is_integer_cheonwon(self, tables):
        assert str(tables["budget_units"]["budget"].dtype) == "Int64"

    def test_total_row_is_checked_not_stored(self, tables, report):
        b = tables["budget_units"]
        assert "계" not in set(b["unit"])
        assert (b["budget"].sum(), b["executed"].sum()) == (1_070_404, 623_784)
        assert not report.findings["check"].isin(["budget_total", "rate"]).any()


class TestPrograms:
    ACTUAL = [
        (1, "국내·외 도시교류 네트워크 확대", "대외협력팀", None, 109_588, 33_184, 30.3, 106),
        (2, "평화통일·남북교류협력 기반조성", "대외협력팀", None, 38_500, 28_750, 74.7, 142),
        (3, "여의도 국제금융중심지 활성화", "국제금융특구팀", "국제금융특구 활성화", 78_400, 64_920, 82.8, 176),
        (4, "여의도 국제금융중심지 위상 강화", "국제금융특구팀", "국제금융특구 활성화", 112_000, 38_000, 33.9, 211),
        (5, "스마트메디컬특구 홍보 활성화", "의료특구팀", "의료관광 활성화", 391_300, 173_792, 44.4, 248),
        (6, "의료관광 기반조성", "의료특구팀", "의료관광 활성화", 96_192, 84_873, 88.2, 285),
        (7, "건강도시 활성화 기반구축 및 사업추진", "건강특구팀", None, 54_000, 49_076, 90.9, 317),
    ]
    PLAN = [
        (1, "국내·외 친선도시 상호교류 내실화", "대외협력팀", 63_553, 359),
        (2, "사회적책임경영(CSR) 생태계 육성", "대외협력팀", 50_000, 386),
        (3, "여의도 디지털국제금융중심지 활성화", "국제금융특구팀", 29_000, 418),
        (4, "의료관광 활성화", "의료특구팀", 186_812, 450),
    ]
    COLS = ["program_no", "program", "team", "unit", "budget", "executed", "rate", "source_line"]

    def test_this_years_programs(self, tables):
        p = tables["programs"]
        actual = p[p["stage"] == "actual"]
        assert set(actual["year"]) == {2022}
        assert records(actual, self.COLS) == self.ACTUAL

    def test_next_years_plans(self, tables):
        p = tables["programs"]
        plan = p[p["stage"] == "plan"]
        assert set(plan["year"]) == {2023}
        assert records(plan, ["program_no", "program", "team", "budget", "source_line"]) == self.PLAN
        assert plan["executed"].isna().all() and plan["rate"].isna().all()
        assert plan["budget"].sum() == 329_365

    def test_names_from_the_table_of_contents_are_recorded(self, report):
        f = report.findings
        headings = f[f["check"] == "program_heading"]
        # Only actual ① and plan ① have a heading in the body.
        assert sorted(headings["subject"].str.split().str[:2].str.join(" ")) == [
            "actual 2", "actual 3", "actual 4", "actual 5", "actual 6", "actual 7", "plan 2", "plan 3", "plan 4",
        ]
        assert (headings["severity"] == "info").all()

    def test_inferred_teams_are_info_findings(self, report):
        f = report.findings
        inferred = f[f["check"] == "team_inferred"].set_index("subject")["actual"].to_dict()
        assert inferred == {
            "actual 2 평화통일·남북교류협력 기반조성": "대외협력팀",
            "actual 3 여의도 국제금융중심지 활성화": "국제금융특구팀",
            "actual 4 여의도 국제금융중심지 위상 강화": "국제금융특구팀",
            "actual 5 스마트메디컬특구 홍보 활성화": "의료특구팀",
            "actual 6 의료관광 기반조성": "의료특구팀",
            "actual 7 건강도시 활성화 기반구축 및 사업추진": "건강특구팀",
            "plan 2 사회적책임경영(CSR) 생태계 육성": "대외협력팀",
            "plan 3 여의도 디지털국제금융중심지 활성화": "국제금융특구팀",
            "plan 4 의료관광 활성화": "의료특구팀",
        }
        assert set(f.loc[f["check"] == "team_inferred", "severity"]) == {"info"}


class TestProgramFunding:
    def test_every_split(self, tables):
        got = records(tables["program_funding"], ["stage", "program_no", "source", "budget", "executed", "source_line"])
        assert got == [
            ("actual", 1, "구비", 109_588, 33_184, 106),
            ("actual", 2, "시비", 20_000, 20_000, 142),
            ("actual", 2, "구비", 18_500, 8_750, 142),
            ("actual", 3, "구비", 78_400, 64_920, 176),
            ("actual", 4, "구비", 112_000, 38_000, 211),
            ("actual", 5, "구비", 391_300, 173_792, 248),
            ("actual", 6, "구비", 96_192, 84_873, 285),
            ("actual", 7, "시비", 10_000, 5_076, 317),
            ("actual", 7, "구비", 44_000, 44_000, 317),
            ("plan", 1, "구비", 63_553, None, 359),
            ("plan", 2, "구비", 50_000, None, 386),
            ("plan", 3, "구비", 29_000, None, 418),
            ("plan", 4, "구비", 186_812, None, 450),
        ]

    def test_sources_add_up_to_programs(self, tables):
        f = tables["program_funding"].groupby(["stage", "program_no"], as_index=False)["budget"].sum()
        both = f.merge(tables["programs"], on=["stage", "program_no"], suffixes=("_sources", "_program"))
        assert len(both) == 11 and (both["budget_sources"] == both["budget_program"]).all()


class TestPartnerCities:
    def test_every_city(self, tables):
        got = records(tables["partner_cities"], ["scope", "region", "city", "relation", "source_line"])
        assert got == [
            ("국내", "경남", "고성군", "결연", 75), ("국내", "전남", "영암군", "결연", 75), ("국내", "충남", "청양군", "결연", 75),
            ("국내", "충북", "충주시", "결연", 75), ("국내", "광주", "남구", "결연", 75), ("국내", "경북", "울릉군", "결연", 75),
            ("국외", "중국", "문두구구", "결연", 76), ("국외", "일본", "기시와다시", "결연", 76),
            ("국외", "미국", "몬테레이파크시", "결연", 76), ("국외", "중국", "황포구", "우호", 76),
        ]

    def test_repeated_table_matches(self, report):
        assert not (report.findings["check"] == "partner_repeat").any()


class TestMetrics:
    # (program_no, value, unit, source_line, words the label must contain)
    EXPECTED = [
        (2, 1307, "명", 122, "직원 수료"),
        (2, 130, "명", 127, "평화통일아카데미"),
        (2, 14, "명", 130, "남북교류협력위원회"),
        (2, 2, "회", 130, "서면회의"),
        (2, 49, "명", 134, "중학생"),
        (4, 13, "과정", 189, "금융교육"),
        (4, 40, "회", 189, "금융교육"),
        (4, 3224, "명", 189, "금융교육"),
        (4, 23, "개소", 193, "디지털 홍보"),
        (4, 50, "스크린", 193, "디지털 홍보"),
        (5, 146867, "명", 227, "팔로워수"),
        (5, 15, "팀", 228, "SNS 서포터즈"),
        (5, 23, "명", 228, "SNS 서포터즈"),
        (5, 500, "부", 237, "리플릿"),
        (6, 10, "기관", 264, "통·번역"),
        (6, 6, "기관", 266, "인프라"),
        (6, 5, "기관", 269, "연계상품"),
        (6, 14, "명", 271, "취업준비생"),
        (6, 10, "개소", 274, "신규 지정"),
        (6, 17, "개소", 274, "재지정"),
        (7, 102, "개", 300, "건강특화사업"),
        (7, 12, "동아리", 305, "참여"),
        (7, 46, "명", 305, "참여"),
        (7, 80, "회", 306, "플로깅 활동"),
    ]

    @pytest.mark.parametrize("program_no,value,unit,line,words", EXPECTED)
    def test_participation_figure(self, tables, program_no, value, unit, line, words):
        m = tables["metrics"]
        hit = m[(m["source_line"] == line) & (m["value"] == value)]
        assert len(hit) == 1
        row = hit.iloc[0]
        assert (row["program_no"], row["unit"], row["year"]) == (program_no, unit, 2022)
        assert words in row["label"]

    def test_labels_carry_no_bare_figures(self, tables):
        m = tables["metrics"]
        assert not m["label"].str.contains(r"\d{1,3},\d{3}").any()
        assert (m["label"].str.len() > 3).all()

    def test_people_reached(self, tables):
        m = tables["metrics"]
        # People in programs ② (1,307 + 130 + 14 + 49) and ④ (3,224).
        assert m[(m["unit"] == "명") & (m["program_no"] == 2)]["value"].sum() == 1500
        assert m[(m["unit"] == "명") & (m["program_no"] == 4)]["value"].sum() == 3224


class TestFindings:
    def test_bundled_report_has_no_errors(self, report):
        f = report.findings
        assert not (f["severity"] == "error").any(), f[f["severity"] == "error"]["message"].tolist()
        assert f["severity"].value_counts().to_dict() == {"info": 32, "warning": 1}

    def test_unit_links(self, report):
        f = report.findings
        links = f[(f["check"] == "unit_link") & f["message"].str.startswith("연결: ")]["message"].tolist()
        assert links == [
            "연결: 국제금융특구 활성화 = 3 여의도 국제금융중심지 활성화 + 4 여의도 국제금융중심지 위상 강화",
            "연결: 의료관광 활성화 = 5 스마트메디컬특구 홍보 활성화 + 6 의료관광 기반조성",
        ]
        (warning,) = f[f["severity"] == "warning"].to_dict("records")
        assert warning["check"] == "unit_link_executed"
        assert (warning["expected"], warning["actual"], warning["source_line"]) == ("258,672", "258,665", 51)
        unlinked = f[(f["check"] == "unit_link") & f["message"].str.contains("연결되지 않았습니다")]["subject"].tolist()
        assert unlinked == ["actual 1 국내·외 도시교류 네트워크 확대", "actual 2 평화통일·남북교류협력 기반조성", "actual 7 건강도시 활성화 기반구축 및 사업추진"]


class TestNothingLost:
    def test_every_number_of_every_table_is_read(self, report):
        f = report.findings
        cov = f[f["check"] == "coverage"]
        # Every number in every table cell (budget, staffing, TOC pages, partner counts…), every
        # number of the paragraphs values were read from, every figure of the results.
        assert cov[["severity", "expected", "actual"]].values.tolist() == [["info", "146", "146"]]
        assert not (f["check"] == "unread_lines").any()

    def test_a_stray_paragraph_is_listed(self, report_text):
        from analysis.interpret.report import parse_report

        parsed = parse_report(report_text + "\n\n참고: 기타 소규모 사업 3건은 별도 보고\n", "x.txt")
        (f,) = [f for f in parsed.findings if f.check == "unread_lines"]
        assert (f.source_line, f.subject) == (452, "lines 452-452") and "기타 소규모 사업" in f.message

    def test_a_number_the_parser_drops_is_named(self, report_text, monkeypatch):
        from analysis.interpret import report as P

        note = P._Doc.note
        # Pretend the interpreter kept only the totals of the row at line 142 (38,500 (시 20,000, 구비 18,500) ...).
        monkeypatch.setattr(P._Doc, "note", lambda self, key, *v: note(self, key, *(v[:1] if len(key) == 3 and self.blocks[key[0]].loc.line == 141 else v)))
        found = [f for f in P.parse_report(report_text, "x.txt").findings if f.check == "coverage"]
        assert [(f.expected, f.source_line) for f in found if f.severity == "warning"] == [("20,000", 142), ("18,500", 142), ("20,000", 142), ("8,750", 142)]
        assert found[-1].message == "표와 값을 읽은 문단의 숫자 146개 중 142개를 읽었습니다 (97.3%)"


def _table_rows_with_numbers():
    from analysis.read import read_path
    from analysis.read.document import Table

    doc = read_path(REPORT_PATH)
    out = []
    for block in doc.blocks:
        if isinstance(block, Table):
            for r, row in enumerate(block.rows()):
                if any(ch.isdigit() for c in row for ch in c.text):
                    out.append((block.loc.line, r, row[0].loc.line))
    return out


@pytest.mark.parametrize("table_line,row,line", _table_rows_with_numbers(), ids=lambda v: str(v))
def test_dropping_any_table_row_lowers_the_share_and_names_it(report_text, monkeypatch, table_line, row, line):
    """Whatever row of whatever table the interpreter drops (here: every value read from it is
    forgotten), the share falls below 100% and a warning names the row's line."""
    from analysis.interpret import report as P

    note, whole = P._Doc.note, P._Doc.read_whole
    dropped = lambda self, key: len(key) == 3 and self.blocks[key[0]].loc.line == table_line and key[1] == row  # noqa: E731
    monkeypatch.setattr(P._Doc, "note", lambda self, key, *v: None if dropped(self, key) else note(self, key, *v))
    monkeypatch.setattr(P._Doc, "read_whole", lambda self, key: None if dropped(self, key) else whole(self, key))
    found = [f for f in P.parse_report(report_text, "x.txt").findings if f.check == "coverage"]
    total, read = int(found[-1].expected), int(found[-1].actual)
    assert read < total
    assert {f.source_line for f in found if f.severity == "warning"} == {line}
