"""Reports of department kinds the other fixtures do not cover (tests/data/offices/README.md): a 시's 세정과 (tax:
세입 징수 tables of 부과액 | 징수액 | 징수율 beside its own 예산현황), a 시's 도로과 (multi-year projects: 총사업비,
사업기간 2021. ~ 2025., 연차별 투자계획 tables by year, 기투자 | 2023년 | 잔 여, 국비/도비/시비, 공정률) and a 보건소's
건강증진과 (participation in 명, 회, 개소; a table per 동; 목표 | 실적 | 달성률 tables). Each test asserts every table
the report builds into, its findings and the numbers it leaves unread, in the text and its Markdown and HTML; the
tests after them pin each mechanism those reports showed wrong, on the smallest change of one of them."""

from __future__ import annotations

import pytest

from analysis.errors import ReportError
from test_offices import (BUDGET_ROWS, FACILITIES, FUNDING, METRICS, OFFICES, PROGRAMS, STAFF, UNITS, counted, load_all,
                          load_text, problems, rows, swap, unread)

TAX = OFFICES / "gimhae_tax_2023.txt"
ROADS = OFFICES / "yangsan_roads_2023.txt"
FORMATS = ["txt", "md", "html", "pandoc-md", "pandoc-html"]  # (pandoc 2.17.1.1 of the tests' HTML: tests/data/offices/README.md)


def warnings(r) -> list[tuple[str, int]]:
    f = r.findings
    return [tuple(x) for x in f.query("severity == 'warning' and check != 'coverage'")[["check", "source_line"]].values.tolist()]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_citys_tax_department(tmp_path, fmt):
    """A 시's 세정과 (김해시): its 예산현황 opens with the 지방세 징수현황 in 백만원 (세 목 | 부과액 | 징수액 | 징수율), then
    the 세출예산 in 천원; a 세외수입 table of its own; the 체납액 정리 results as 정리대상액 | 정리액 | 정리율. The
    report had been refused whole (two money units for 'the budget table'); now the 세출 table is the budget, and
    no revenue amount or rate is in budget_units: each is named unread, with its table's unit statement."""
    (r,) = load_all(tmp_path, TAX, fmt)
    assert rows(r, "reports", ["report_id", "district", "department", "year", "plan_year", "session", "money_unit"]) == [
        ["김해시_세정과_2023", "김해시", "세정과", 2023, 2024, "제262회 김해시의회 제2차 정례회", "천원"]]
    assert [str(r.tables["reports"][c].iloc[0]) for c in ("session_start", "session_end", "as_of")] == ["2023-11-23", "2023-12-20", "2023-10-31"]
    assert rows(r, "teams", ["team", "duty"]) == [
        ["세정팀", "지방세 세입 총괄, 세입목표 관리, 지방세 심의위원회 운영"], ["취득세팀", "취득세 부과·신고납부, 등록면허세 부과"],
        ["재산세팀", "재산세·주민세 정기분 부과, 과세자료 정비"], ["징수팀", "지방세 징수·수납 관리, 체납액 정리"],
        ["세무조사팀", "법인 세무조사, 비과세·감면 사후관리"]]
    assert rows(r, "staffing", STAFF) == [
        ["", "5급", 1, 1, 0], ["", "6급", 8, 8, 0], ["", "7급", 12, 11, -1], ["", "8급", 9, 10, 1], ["", "9급", 7, 6, -1], ["공무직", "", 1, 1, 0]]
    assert r.tables["facilities"].empty and r.tables["budget_unit_funding"].empty
    assert rows(r, "budget_units", UNITS) == [
        ["일반회계", "지방세 부과·징수", 612300, 418650, 68.4], ["일반회계", "체납액 정리", 386500, 271480, 70.2],
        ["일반회계", "납세자 편의 증진", 198200, 118461, 59.8], ["일반회계", "기본경비", 87520, 53720, 61.4]]
    assert rows(r, "programs", PROGRAMS) == [
        ["actual", 2023, 1, "지방세 체납액 정리", "징수팀", "체납액 정리", 386500, 271480, 70.2],
        ["actual", 2023, 2, "법인 세무조사 실시", "세무조사팀", None, 48000, 31260, 65.1],
        ["actual", 2023, 3, "납세자 편의 시책 추진", "세정팀", "납세자 편의 증진", 198200, 118461, 59.8],
        ["plan", 2024, 1, "체납액 일제정리 추진", "징수팀", None, 402000, None, None],
        ["plan", 2024, 2, "세무조사 내실화", "세무조사팀", None, 52000, None, None]]
    assert rows(r, "program_budget_rows", BUDGET_ROWS) == [
        ["actual", 1, "계", 386500, 271480, 70.2, True], ["actual", 1, "시 비", 386500, 271480, 70.2, False],
        ["actual", 2, None, 48000, 31260, 65.1, True], ["actual", 3, None, 198200, 118461, 59.8, True],
        ["plan", 1, None, 402000, None, None, True], ["plan", 2, None, 52000, None, None, True]]
    assert rows(r, "program_funding", FUNDING) == [
        ["actual", 1, "시비", 386500, 271480], ["plan", 1, "시비", 402000, None], ["plan", 2, "시비", 52000, None]]
    assert rows(r, "metrics", METRICS + ["label"]) == [
        [1, 3412, "건", "result", "부동산·예금 압류"], [1, 86, "명", "result", "고액체납자 명단공개"], [1, 24, "건", "result", "관허사업 제한 요청"],
        [2, 138, "개", "result", "세무조사 완료 — 법인"], [2, 412, "건", "result", "추징실적"], [2, 2, "회", "result", "세무조사 설명회"],
        [2, 184, "명", "result", "세무조사 설명회"], [3, 18, "회", "result", "찾아가는 세무상담실"], [3, 642, "명", "result", "찾아가는 세무상담실"],
        [3, 236, "건", "result", "마을세무사 상담"], [3, 28415, "건", "result", "모바일 전자고지 신청"],
        [3, 4210, "건", "change", "모바일 전자고지 신청 — 전년 대비 증가"]]
    assert problems(r) == []
    # Each table in 백만원 that no budget table is: its unit statement named (unit_unplaced) with the table it is over,
    # unread (it had said the table's amounts 'may have been read in another unit'), its numbers unread.
    assert [c for c, _ in warnings(r)] == ["unit_unplaced"] * 3
    if fmt == "txt":
        assert r.findings.query("check == 'unit_unplaced'")["message"].tolist() == [
            f"단위 표시 {unit!r}({line}행)를 어느 금액 표에도 적용하지 못했습니다: 그 아래 표({table})는 읽지 않아 그 숫자를 읽지 않은 숫자로 적었습니다"
            for unit, line, table in (("(2023. 10. 31. 기준, 단위: 백만원)", 44, "46행 3표"), ("(단위: 백만원)", 68, "70행 5표"), ("(단위: 백만원)", 93, "95행 7표"))]
    assert unread(r) == [
        "512,384", "468,926", "91.5", "198,420", "198,420", "100", "142,610", "131,285", "92.1", "96,850", "88,127", "91.0",  # 지방세 징수현황
        "52,315", "33,904", "64.8", "12,042", "10,987", "91.2", "10,147", "6,203", "61.1",
        "48,216", "39,284", "81.5", "21,408", "14,862", "69.4", "26,808", "24,422", "91.1",  # 세외수입
        "31,450", "45", "14,152",  # the 정리목표 sentence
        "31,450", "15,284", "48.6", "24,780", "11,026", "44.5", "6,670", "4,258", "63.8",  # 체납액 정리 (정리대상액 | 정리액 | 정리율)
        "1,284대", "3,186백만원"]
    assert counted(r) == (81, 125)


@pytest.mark.parametrize("first", [True, False])
def test_a_revenue_table_in_the_budget_subsection_in_its_own_unit(tmp_path, first):
    """'가. 지방세 징수현황 (단위: 백만원)' beside '나. 세출예산 (단위: 천원)' under 4. 예산현황, in either order: the
    units stated above the revenue table had been taken for the budget table's too, and the report refused
    ('expected one money unit for the budget table'). A unit stated above another table is that table's."""
    text = TAX.read_text(encoding="utf-8")
    if not first:
        a, b = text.index("가. 지방세 징수현황"), text.index("나. 세출예산 집행현황")
        c = text.index("5. 세외수입")
        text = text[:a] + text[b:c] + text[a:b] + text[c:]
    (r,) = load_text(tmp_path, text)
    assert rows(r, "budget_units", UNITS) == [
        ["일반회계", "지방세 부과·징수", 612300, 418650, 68.4], ["일반회계", "체납액 정리", 386500, 271480, 70.2],
        ["일반회계", "납세자 편의 증진", 198200, 118461, 59.8], ["일반회계", "기본경비", 87520, 53720, 61.4]]
    assert unread(r)[:3] == ["512,384", "468,926", "91.5"] and counted(r) == (81, 125)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_citys_roads_department_of_multi_year_projects(tmp_path, fmt):
    """A 시's 도로과 (양산시): each road a project of several years ('○ 사업기간: 2021. ~ 2025.', '○ 총사업비:
    24,500백만원(국비 12,250, 시비 12,250)'), its 연차별 투자계획 in 백만원 (총사업비 | 기투자 | 2023년 | 2024년 |
    2025년), its 공정률 in percent; the 2024 plan of one as a 소요예산 table '구 분 | 총사업비 | 2024년 | 비 고'. That
    table had refused the report (its '○ 총사업비' line above it taken for the plan's budget line, then
    '총사업비' an unknown column); now the 2024년 column is the plan's budget and no 총사업비, 기투자 or other
    year is any year's budget: each is named unread."""
    (r,) = load_all(tmp_path, ROADS, fmt)
    assert rows(r, "reports", ["report_id", "district", "department", "year", "plan_year", "session", "money_unit"]) == [
        ["양산시_도로과_2023", "양산시", "도로과", 2023, 2024, "제196회 양산시의회 제2차 정례회", "천원"]]
    assert [str(r.tables["reports"][c].iloc[0]) for c in ("session_start", "session_end", "as_of")] == ["nan", "nan", "2023-10-31"]
    assert rows(r, "teams", ["team", "duty"]) == [
        ["도로정책팀", "도로정책 총괄, 도시계획도로 개설"], ["도로건설팀", "국지도·지방도 확포장, 도로공사 감독"],
        ["도로관리팀", "도로 유지보수, 도로점용 허가"], ["교량터널팀", "교량·터널 안전점검, 보수보강"]]
    assert rows(r, "staffing", STAFF) == [
        ["일반직", "5급", 1, 1, 0], ["일반직", "6급", 6, 6, 0], ["일반직", "7급", 9, 8, -1], ["일반직", "8급", 6, 7, 1],
        ["일반직", "9급", 3, 2, -1], ["공무직", "", 2, 2, 0]]
    assert rows(r, "facilities", FACILITIES) == [["도로보수차량", "", "3", "1톤 2대, 2.5톤 1대"], ["노면청소차", "", "2", ""]]
    assert rows(r, "budget_units", UNITS) == [
        ["일반회계", "도시계획도로 개설", 21450000, 13180420, 61.4], ["일반회계", "지방도 확포장", 12600000, 8346210, 66.2],
        ["일반회계", "도로 유지관리", 4286000, 2486730, 58.0], ["일반회계", "기본경비", 288500, 105000, 36.4]]
    assert rows(r, "programs", PROGRAMS) == [
        ["actual", 2023, 1, "도시계획도로(중로1-12호선) 개설", "도로정책팀", None, 6300000, 4210500, 66.8],
        ["actual", 2023, 2, "국지도60호선(양산~기장) 확포장", "도로건설팀", "지방도 확포장", 12600000, 8346210, 66.2],
        ["actual", 2023, 3, "생활도로 정비", "도로관리팀", "도로 유지관리", 4286000, 2486730, 58.0],
        ["plan", 2024, 1, "도시계획도로(중로1-12호선) 개설", "도로정책팀", None, 5000000, None, None],
        ["plan", 2024, 2, "국지도60호선 확포장", "도로건설팀", None, 8200000, None, None]]
    assert rows(r, "program_budget_rows", BUDGET_ROWS) == [
        ["actual", 1, "계", 6300000, 4210500, 66.8, True], ["actual", 1, "국 비", 3150000, 2105250, 66.8, False],
        ["actual", 1, "시 비", 3150000, 2105250, 66.8, False], ["actual", 2, None, 12600000, 8346210, 66.2, True],
        ["actual", 3, None, 4286000, 2486730, 58.0, True], ["plan", 1, None, 5000000, None, None, True],
        ["plan", 2, "계", 8200000, None, None, True], ["plan", 2, "국 비", 4100000, None, None, False],
        ["plan", 2, "도 비", 1230000, None, None, False], ["plan", 2, "시 비", 2870000, None, None, False]]
    assert rows(r, "program_funding", FUNDING) == [
        ["actual", 1, "국비", 3150000, 2105250], ["actual", 1, "시비", 3150000, 2105250], ["actual", 3, "시비", 4286000, None],
        ["plan", 1, "국비", 2500000, None], ["plan", 1, "시비", 2500000, None],
        ["plan", 2, "국비", 4100000, None], ["plan", 2, "도비", 1230000, None], ["plan", 2, "시비", 2870000, None]]
    assert rows(r, "metrics", METRICS + ["label"]) == [
        [1, 2, "회", "result", "공사 추진 — 주민설명회 개최"], [2, 2, "개소", "result", "교량 상부공 완료"],
        [2, 1, "개소", "result", "터널 굴착 80% 진행"], [3, 42, "개소", "result", "노후 포장 재포장 — 18.6km"],
        [3, 1260, "건", "result", "도로 파손 긴급보수"], [3, 12, "개소", "result", "보도 정비"]]
    assert problems(r) == []
    assert [c for c, _ in warnings(r)] == ["unit_unplaced", "unit_unplaced"]  # the two 투자계획 tables' '(단위: 백만원)'
    assert unread(r) == [
        "24,500", "12,250", "12,250",  # ○ 총사업비 of program 1
        "24,500", "8,200", "6,300", "5,000", "5,000", "12,250", "4,100", "3,150", "2,500", "2,500", "12,250", "4,100", "3,150", "2,500", "2,500",
        "45%", "128필지", "112필지", "87.5%",  # 공정률, 보상
        "68,400", "34,200", "10,260", "23,940",  # ○ 총사업비 of program 2
        "2022", "2023", "68,400", "31,850", "12,600", "23,950", "34,200", "16,500", "6,300", "11,400", "10,260", "4,780", "1,890", "3,590",
        "23,940", "10,570", "4,410", "8,960",  # its 사업비 투자현황 (the years of its header too)
        "62%", "48%", "80%",
        "68,400", "2024", "8,200",  # the plan's '○ 총사업비: 68,400백만원 중 2024년 8,200백만원 확보'
        "68,400,000", "34,200,000", "10,260,000", "23,940,000"]  # the 총사업비 column of its 소요예산 table
    assert counted(r) == (85, 139)


@pytest.mark.parametrize("period,budget", [("", None), (" ○ 사업기간: 2024. 1. ~ 12.\n", 5000000), (" ○ 사업기간: 2021. ~ 2025.\n", None)])
def test_a_plans_total_project_cost_is_no_budget_of_its_year(tmp_path, period, budget):
    """'○ 총사업비: 24,500백만원(…)' in a plan's 사업개요 with no 소요예산: the line had ended the program as its
    '□ 소요예산' (markers.plan_budget held 총사업비) and 24,500,000천원, the cost of all five years, was stored as
    the 2024 plan's budget. It is no plan budget line now; read as a sentence only under a 사업기간 of the
    plan's year alone (markers.budget_sentence_of_all_years), else no budget (a program_budget warning)."""
    text = swap(ROADS, ("□ 소요예산: 5,000,000천원(국비 2,500,000, 시비 2,500,000)", period + " ○ 총사업비: " + (
                            "5,000,000천원(국비 2,500,000, 시비 2,500,000)" if budget else "24,500백만원(국비 12,250, 시비 12,250)")),
                (" ○ 총사업비: 68,400백만원 중 2024년 8,200백만원 확보\n", ""))
    text = text[:text.index("□ 소요예산\n\n(단위: 천원)")] + "□ 소요예산: 8,200,000천원(국비 4,100,000, 도비 1,230,000, 시비 2,870,000)\n"
    (r,) = load_text(tmp_path, text)
    assert [p[6] for p in rows(r, "programs", PROGRAMS) if p[0] == "plan"] == [budget, 8200000]
    f = r.findings.query("check == 'program_budget' and severity == 'warning'")
    assert len(f) == (0 if budget else 1)


def test_a_programs_total_cost_sentence_with_no_period(tmp_path):
    """'○ 총사업비: 12,800,000천원(시비)' and '○ 집행액: …' with no 사업기간: the cost may be of several years; it had
    been the year's budget (a rate of 19.4% for the 58.0% printed). No budget now, said, its numbers unread."""
    (r,) = load_text(tmp_path, swap(ROADS, (" ○ 사업기간: 2023. 1. ~ 12.\n ○ 사업비: 4,286,000천원(시비)", " ○ 총사업비: 12,800,000천원(시비)")))
    assert rows(r, "programs", PROGRAMS)[2][6:] == [None, None, None]
    assert r.findings.query("check == 'program_budget' and severity == 'warning'")["message"].tolist() == ["3번 사업에 예산현황이 없습니다"]
    assert {"12,800,000", "2,486,730", "58.0"} <= set(unread(r))


YEARS_TABLE = "구 분\t2021년\t2022년\t2023년\t2024년\t2025년\n계\t2,000,000\t6,200,000\t6,300,000\t5,000,000\t5,000,000\n국 비\t1,000,000\t3,100,000\t3,150,000\t2,500,000\t2,500,000\n시 비\t1,000,000\t3,100,000\t3,150,000\t2,500,000\t2,500,000"


GROUPED_YEARS = ("구 분\t총사업비\t연차별 투자계획\t\t\n\t\t2023년\t2024년\t2025년\n계\t24,500,000\t6,300,000\t5,000,000\t5,000,000\n"
                 "국 비\t12,250,000\t3,150,000\t2,500,000\t2,500,000\n시 비\t12,250,000\t3,150,000\t2,500,000\t2,500,000")


@pytest.mark.parametrize("table,others", [
    (YEARS_TABLE, ["2,000,000", "6,200,000", "5,000,000", "5,000,000", "1,000,000", "3,100,000", "2,500,000", "2,500,000",
                   "1,000,000", "3,100,000", "2,500,000", "2,500,000"]),
    (GROUPED_YEARS, ["24,500,000", "5,000,000", "5,000,000", "12,250,000", "2,500,000", "2,500,000", "12,250,000", "2,500,000", "2,500,000"]),
])
def test_a_programs_budget_table_by_years(tmp_path, table, others):
    """A program's 예산현황 as its 연차별 투자계획 ('구 분 | 2021년 | … | 2025년', or '총사업비 | 연차별 투자계획' over
    '2023년 | 2024년 | 2025년'): the report had been refused (no 예산액 column; under the group label each year had
    been no column); the column of the report's year is the budget, the others' numbers are named unread."""
    old = "구 분\t예산액\t집행액\t집행률(%)\n계\t6,300,000\t4,210,500\t66.8\n국 비\t3,150,000\t2,105,250\t66.8\n시 비\t3,150,000\t2,105,250\t66.8"
    (r,) = load_text(tmp_path, swap(ROADS, (old, table)))
    assert rows(r, "programs", PROGRAMS)[0][6:] == [6300000, None, None]
    assert [x for x in rows(r, "program_budget_rows", BUDGET_ROWS) if x[1] == 1 and x[0] == "actual"] == [
        ["actual", 1, "계", 6300000, None, None, True], ["actual", 1, "국 비", 3150000, None, None, False], ["actual", 1, "시 비", 3150000, None, None, False]]
    assert unread(r)[22:22 + len(others)] == others


@pytest.mark.parametrize("header", ["구 분\t총사업비\t2025년\t비 고", "구 분\t2023년\t비 고\t"])
def test_a_plans_table_with_no_column_of_its_year(tmp_path, header):
    """A 2024 plan's 소요예산 table whose one year column is another year's: never its budget; one error naming
    the year expected and the columns found."""
    with pytest.raises(ReportError) as e:
        load_text(tmp_path, swap(ROADS, ("구 분\t총사업비\t2024년\t비 고", header.rstrip("\t"))))
    assert "expected a column of the year 2024 in program 2 '국지도60호선 확포장''s 소요예산 table" in str(e.value) and e.value.line == 152


HEALTH = OFFICES / "cheongju_health_2023.txt"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_health_centres_department(tmp_path, fmt):
    """A 시 보건소's 건강증진과 (청주시 상당보건소): 인력 by 직렬 (보건, 간호, 의료기술), facilities with their 개소일,
    국비/도비/시비 under 예산액, a 목표 | 실적 | 달성률 table under '(단위: 명, %)' with one row counted in its cells
    ('40회 | 46회'), a table per 동, figures in 명, 회, 개소, 개교, 동아리. The cell '40회' had crashed the reader
    (NumberError, a traceback); the rows counted by the unit line had been left unread."""
    (r,) = load_all(tmp_path, HEALTH, fmt)
    assert rows(r, "reports", ["report_id", "district", "department", "year", "plan_year", "session", "money_unit"]) == [
        ["청주시_상당보건소건강증진과_2023", "청주시", "상당보건소건강증진과", 2023, 2024, "제82회 청주시의회 제2차 정례회", "천원"]]
    assert [str(r.tables["reports"][c].iloc[0]) for c in ("session_start", "session_end", "as_of")] == ["2023-11-29", "2023-12-15", "2023-10-31"]
    assert rows(r, "teams", ["team", "duty"]) == [
        ["건강정책팀", "보건소 운영 총괄, 통합건강증진사업 기획"], ["건강생활팀", "금연·절주, 영양, 신체활동 사업"],
        ["만성질환팀", "고혈압·당뇨 등록관리, 방문건강관리"], ["치매관리팀", "치매안심센터 운영, 치매 조기검진"]]
    assert rows(r, "staffing", STAFF) == [
        ["", "보건", 6, 5, -1], ["", "간호", 9, 10, 1], ["", "의료기술", 4, 4, 0], ["", "행정", 3, 3, 0], ["공무직", "", 3, 3, 0], ["기간제", "", 2, 2, 0]]
    assert rows(r, "facilities", FACILITIES) == [
        ["상당건강생활지원센터", "상당구 용담동 212", "지상 3층, 1,240㎡", "2019. 6."], ["상당치매안심센터", "상당구 산성로 38", "지상 2층, 860㎡", "2018. 12."]]
    assert rows(r, "budget_units", UNITS) == [
        ["일반회계", "통합건강증진사업", 1124600, 806240, 71.7], ["일반회계", "치매관리사업", 1486200, 1064380, 71.6],
        ["일반회계", "만성질환 예방관리", 468300, 302530, 64.6], ["일반회계", "기본경비", 107320, 68720, 64.0]]
    assert rows(r, "budget_unit_funding", ["unit", "source", "budget"]) == [
        ["통합건강증진사업", "국비", 489200], ["통합건강증진사업", "도비", 97840], ["통합건강증진사업", "시비", 537560],
        ["치매관리사업", "국비", 823100], ["치매관리사업", "도비", 164620], ["치매관리사업", "시비", 498480],
        ["만성질환 예방관리", "국비", 100000], ["만성질환 예방관리", "도비", 23680], ["만성질환 예방관리", "시비", 344620],
        ["기본경비", "국비", 0], ["기본경비", "도비", 0], ["기본경비", "시비", 107320]]
    assert rows(r, "programs", PROGRAMS) == [
        ["actual", 2023, 1, "금연클리닉 운영", "건강생활팀", None, 248600, 176210, 70.9],
        ["actual", 2023, 2, "걷기 실천 동아리 운영", "건강생활팀", None, 86400, 61820, 71.6],
        ["actual", 2023, 3, "치매 조기검진 및 치매환자 관리", "치매관리팀", "치매관리사업", 1486200, 1064380, 71.6],
        ["plan", 2024, 1, "금연클리닉 운영 강화", "건강생활팀", None, 252000, None, None],
        ["plan", 2024, 2, "치매안심마을 확대", "치매관리팀", None, 42000, None, None]]
    assert rows(r, "program_budget_rows", BUDGET_ROWS) == [
        ["actual", 1, "계", 248600, 176210, 70.9, True], ["actual", 1, "국 비", 124300, 88105, 70.9, False],
        ["actual", 1, "시 비", 124300, 88105, 70.9, False], ["actual", 2, None, 86400, 61820, 71.6, True],
        ["actual", 3, "계", 1486200, 1064380, 71.6, True], ["actual", 3, "국 비", 823100, 589470, 71.6, False],
        ["actual", 3, "도 비", 164620, 117895, 71.6, False], ["actual", 3, "시 비", 498480, 357015, 71.6, False],
        ["plan", 1, None, 252000, None, None, True], ["plan", 2, None, 42000, None, None, True]]
    assert rows(r, "program_funding", FUNDING) == [
        ["actual", 1, "국비", 124300, 88105], ["actual", 1, "시비", 124300, 88105], ["actual", 3, "국비", 823100, 589470],
        ["actual", 3, "도비", 164620, 117895], ["actual", 3, "시비", 498480, 357015], ["plan", 1, "국비", 126000, None],
        ["plan", 1, "시비", 126000, None], ["plan", 2, "국비", 21000, None], ["plan", 2, "도비", 4200, None], ["plan", 2, "시비", 16800, None]]
    assert rows(r, "metrics", METRICS + ["label"]) == [
        [1, 1800, "명", "target", "금연클리닉 등록자 — 목표"], [1, 1652, "명", "result", "금연클리닉 등록자"],
        [1, 700, "명", "target", "6개월 금연성공자 — 목표"], [1, 612, "명", "result", "6개월 금연성공자"],
        [1, 40, "회", "target", "이동금연클리닉 — 목표"], [1, 46, "회", "result", "이동금연클리닉"],
        [1, 3420, "개소", "result", "금연구역 지도점검"], [1, 48, "건", "result", "금연구역 지도점검 — 과태료 부과"],
        [1, 22, "개교", "result", "학교 흡연예방교육"], [1, 4860, "명", "result", "학교 흡연예방교육"],
        [2, 26, "동아리", "result", "걷기 동아리 — 참여"], [2, 684, "명", "result", "걷기 동아리 — 참여"],
        [3, 12480, "명", "result", "치매 선별검사"], [3, 12000, "명", "target", "치매 선별검사 — 목표 12,000명 대비 104.0%"],
        [3, 418, "명", "result", "진단검사"], [3, 126, "명", "result", "진단검사 — 감별검사"], [3, 2815, "명", "stock", "치매환자 등록관리 (누계)"],
        [3, 2, "개소", "result", "치매안심마을 지정 — 추가"], [3, 6, "개소", "stock", "치매안심마을 지정 — 추가 총"]]
    assert problems(r) == []
    # The cover names the 보건소 over its 과; the 조직 line the 과 alone: kept as printed, said (a 시 has several 보건소,
    # each with its 건강증진과).
    assert [c for c, _ in warnings(r)] == ["department"]
    assert unread(r) == [
        "6", "7", "6", "8",  # the teams' 인원
        "48.2%", "45.6%",  # 걷기 실천율
        "26", "684", "1,248", "4", "112", "196", "3", "86", "144", "2", "54", "96", "3", "78", "150", "2", "48", "92", "4", "118", "204",
        "1", "4", "102", "190", "2", "4", "86", "176",  # the table per 동 (the 1 and 2 of 용암1동, 용암2동 too)
        "104.0%"]
    assert counted(r) == (123, 159)


RESULTS = "(단위: 명, %)\n\n구 분\t목 표\t실 적\t달성률\n금연클리닉 등록자\t1,800\t1,652\t91.8\n6개월 금연성공자\t700\t612\t87.4\n이동금연클리닉\t40회\t46회\t115.0"


@pytest.mark.parametrize("table,read", [
    ("(단위: 명)\n\n구 분\t목 표\t실 적\n금연클리닉 등록자\t1,800\t1,652\n6개월 금연성공자\t700\t612\n이동금연클리닉\t40회\t46회",
     [[1800, "명"], [1652, "명"], [700, "명"], [612, "명"], [40, "회"], [46, "회"]]),
    ("(단위: 명, %)\n\n구 분\t2022년\t2023년 실적\n금연클리닉 등록자\t1,710\t1,652\n금연성공률\t36\t37",  # no rate column: the % may be a row's
     []),
    ("(단위: 명, %)\n\n구 분\t목 표\t실 적\t달성률\n금연클리닉 등록자\t1,800\t1,652\t91.8\n금연성공률\t40\t37\t92.5",  # a row of a rate: not counted
     [[1800, "명"], [1652, "명"]]),
    ("(단위: 명, 회)\n\n구 분\t목 표\t실 적\t달성률\n금연클리닉 등록자\t1,800\t1,652\t91.8\n이동금연클리닉\t40\t46\t115.0",  # which row is which: not ours
     []),
    ("구 분\t목 표\t실 적\t달성률\n금연클리닉 등록자(명)\t1,800\t1,652\t91.8\n이동금연클리닉(명)\t40회\t46회\t115.0",  # the cell's own word
     [[1800, "명"], [1652, "명"], [40, "회"], [46, "회"]]),
])
def test_a_results_tables_counter_word_on_its_unit_line(tmp_path, table, read):
    """'(단위: 명)' or '(단위: 명, %)' over a 목표 | 실적 | 달성률 table (the % the 달성률's): the rows' counter word
    (they had been left unread); not where the line names two counters, nor a % with no rate column, nor for a
    row of a rate ('금연성공률'). A cell with its own counter word ('46회') keeps it (it had crashed the reader)."""
    (r,) = load_text(tmp_path, swap(HEALTH, (RESULTS, table)))
    assert [x[1:3] for x in rows(r, "metrics", METRICS) if x[0] == 1][:len(read) + 1] == read + [[3420, "개소"]]


@pytest.mark.parametrize("first,carried", [("본예산", "이월액"), ("2023년 예산", "전년도 이월"), ("본예산", "명시이월")])
def test_a_carried_over_row_is_no_programs_budget(tmp_path, first, carried):
    """'본예산 | 5,000,000 | …' over '이월액 | 1,300,000 | …' (a road's money carried over from last year), no 계: the last
    row had been the program's figure (1,300,000 for a 5,000,000 project, said in a warning as the last row). A
    carried row (markers.budget_carried_rows) is kept as a row, never the figure; the warning names it."""
    old = "구 분\t예산액\t집행액\t집행률(%)\n계\t6,300,000\t4,210,500\t66.8\n국 비\t3,150,000\t2,105,250\t66.8\n시 비\t3,150,000\t2,105,250\t66.8"
    (r,) = load_text(tmp_path, swap(ROADS, (old, f"구 분\t예산액\t집행액\t집행률(%)\n{first}\t5,000,000\t3,500,000\t70.0\n{carried}\t1,300,000\t710,500\t54.7")))
    assert rows(r, "programs", PROGRAMS)[0][6:] == [5000000, 3500000, 70.0]
    assert [x for x in rows(r, "program_budget_rows", BUDGET_ROWS) if x[:2] == ["actual", 1]] == [
        ["actual", 1, first, 5000000, 3500000, 70.0, True], ["actual", 1, carried, 1300000, 710500, 54.7, False]]
    f = r.findings.query("check == 'program_budget_rows' and severity == 'warning'")["message"].tolist()
    assert f == [f"1번 사업의 예산현황에 변경 후 예산 행이 없어 '{first}' 행을 사업의 예산으로 씁니다: {carried} 행은 차이로만 두고 더하지 않았습니다"]


@pytest.mark.parametrize("line,budget,said", [
    ("□ 소요예산: 2025년 5,000,000천원(국비 2,500,000, 시비 2,500,000)", None, "2025년"),
    ("□ 소요예산: 총 24,500백만원(2021~2025년)", None, "2021~2025"),
    ("□ 소요예산: 총 24,500백만원(’21. ~ ’25.)", None, "’21. ~ ’25"),
    ("□ 소요예산: 2024년 5,000,000천원(국비 2,500,000, 시비 2,500,000)", 5000000, None),
    ("□ 소요예산: 5,000,000천원(국비 2,500,000, 시비 2,500,000)", 5000000, None),
])
def test_a_plan_budget_line_of_another_year_or_of_several(tmp_path, line, budget, said):
    """'□ 소요예산: 2025년 5,000,000천원' in the 2024 plan had been its budget, silently (the year dropped as the
    plan's); '총 24,500백만원(2021~2025년)' had been too, the bracket said no funding split. Neither is the plan's
    budget of its year now: a program_budget warning names the line, its numbers unread."""
    (r,) = load_text(tmp_path, swap(ROADS, ("□ 소요예산: 5,000,000천원(국비 2,500,000, 시비 2,500,000)", line)))
    assert [p[6] for p in rows(r, "programs", PROGRAMS) if p[0] == "plan"] == [budget, 8200000]
    f = r.findings.query("check == 'program_budget' and severity == 'warning'")["message"].tolist()
    assert f == ([] if said is None else [
        f"1번 계획의 소요예산 줄(139행)이 2024년 한 해의 예산이 아닌 {said}의 금액이어서 계획 예산으로 읽지 않았습니다: 그 숫자는 읽지 않은 숫자로 둡니다"])


CARRIED_UNITS = ("단위사업명\t예산액\t이월액\t예산현액\t집행액\t집행률(%)\n계\t35,124,500\t3,500,000\t38,624,500\t24,118,360\t62.4\n"
                 "도시계획도로 개설\t18,950,000\t2,500,000\t21,450,000\t13,180,420\t61.4\n지방도 확포장\t11,600,000\t1,000,000\t12,600,000\t8,346,210\t66.2\n"
                 "도로 유지관리\t4,286,000\t-\t4,286,000\t2,486,730\t58.0\n기본경비\t288,500\t-\t288,500\t105,000\t36.4")
CARRIED_PROGRAM = ("구 분\t예산액\t이월액\t예산현액\t집행액\t집행률(%)\n계\t5,000,000\t1,300,000\t6,300,000\t4,210,500\t66.8\n"
                   "국 비\t2,500,000\t650,000\t3,150,000\t2,105,250\t66.8\n시 비\t2,500,000\t650,000\t3,150,000\t2,105,250\t66.8")


def test_budget_tables_with_money_carried_over_and_the_budget_in_force(tmp_path):
    """'예산액 | 이월액 | 예산현액 | 집행액 | 집행률' (a road's money carried over from last year, the 예산현액 their sum and
    what the rate is of): both tables had refused the report ('one column of each kind …, found budget 2 times').
    The 예산현액 is the budget in force (markers.budget_final_rows), the 예산액 and 이월액 named unread."""
    text = swap(ROADS, ("단위사업명\t예산액\t집행액\t집행률(%)\n계\t38,624,500\t24,118,360\t62.4\n도시계획도로 개설\t21,450,000\t13,180,420\t61.4\n"
                        "지방도 확포장\t12,600,000\t8,346,210\t66.2\n도로 유지관리\t4,286,000\t2,486,730\t58.0\n기본경비\t288,500\t105,000\t36.4", CARRIED_UNITS),
                ("구 분\t예산액\t집행액\t집행률(%)\n계\t6,300,000\t4,210,500\t66.8\n국 비\t3,150,000\t2,105,250\t66.8\n시 비\t3,150,000\t2,105,250\t66.8", CARRIED_PROGRAM))
    (r,) = load_text(tmp_path, text)
    (base,) = load_text(tmp_path, ROADS.read_text(encoding="utf-8"), "base.txt")
    for table, columns in (("budget_units", UNITS), ("programs", PROGRAMS), ("program_budget_rows", BUDGET_ROWS), ("program_funding", FUNDING)):
        assert rows(r, table, columns) == rows(base, table, columns)
    u = unread(r)
    assert u[:8] == ["35,124,500", "3,500,000", "18,950,000", "2,500,000", "11,600,000", "1,000,000", "4,286,000", "288,500"]
    assert u[8:] == [*unread(base)[:22], "5,000,000", "1,300,000", "2,500,000", "650,000", "2,500,000", "650,000",
                     *unread(base)[22:]]  # (program 1's 예산액 and 이월액 after its results)
    assert counted(r) == (counted(base)[0], counted(base)[1] + 14)  # (the 14 numbers of the two columns, every one unread)


def test_a_programs_table_of_this_years_column_named_so(tmp_path):
    """'구 분 | 총사업비 | 기투자 | 금 년 | 잔 여' as a program's 예산현황: refused (no 예산액 column); now the 금년 column is
    the year's budget (program_budget_columns.this_year), the others named unread."""
    old = "구 분\t예산액\t집행액\t집행률(%)\n계\t6,300,000\t4,210,500\t66.8\n국 비\t3,150,000\t2,105,250\t66.8\n시 비\t3,150,000\t2,105,250\t66.8"
    new = ("구 분\t총사업비\t기투자\t금 년\t잔 여\n계\t24,500,000\t8,200,000\t6,300,000\t10,000,000\n국 비\t12,250,000\t4,100,000\t3,150,000\t5,000,000\n"
           "시 비\t12,250,000\t4,100,000\t3,150,000\t5,000,000")
    (r,) = load_text(tmp_path, swap(ROADS, (old, new)))
    assert [x for x in rows(r, "program_budget_rows", BUDGET_ROWS) if x[:2] == ["actual", 1]] == [
        ["actual", 1, "계", 6300000, None, None, True], ["actual", 1, "국 비", 3150000, None, None, False], ["actual", 1, "시 비", 3150000, None, None, False]]
    assert unread(r)[22:31] == ["24,500,000", "8,200,000", "10,000,000", "12,250,000", "4,100,000", "5,000,000", "12,250,000", "4,100,000", "5,000,000"]


@pytest.mark.parametrize("header,budget", [("구 분\t금 년\t2024년\t비 고", 8200000), ("구 분\t총사업비\t금 년\t비 고", None)])
def test_this_years_column_in_a_plans_table(tmp_path, header, budget):
    """In a 2024 plan's 소요예산 table the 금년 column is the report's year (2023), never the plan's budget: beside a
    2024년 column that one is; alone, an error naming the year."""
    text = swap(ROADS, ("구 분\t총사업비\t2024년\t비 고", header))
    if budget is None:
        with pytest.raises(ReportError) as e:
            load_text(tmp_path, text)
        assert "expected a column of the year 2024 in program 2" in str(e.value)
        return
    (r,) = load_text(tmp_path, text)
    assert [p[6] for p in rows(r, "programs", PROGRAMS) if p[0] == "plan"] == [5000000, budget]


@pytest.mark.parametrize("budget_unit", [True, False])
def test_a_revenue_tables_unit_line_right_under_the_budget_table(tmp_path, budget_unit):
    """The 세출 table, then at once '(2023. 10. 31. 기준, 단위: 백만원)' over the 지방세 징수현황: the line had been taken
    for a note under the budget table: with the budget table's own '(단위: 천원)' the report was refused (two units),
    without it every unit project was read in 백만원, 1,000 times too large (612,300,000천원), silently. A unit line
    with a table right after it (no ※ or * note mark) is that table's caption."""
    text = TAX.read_text(encoding="utf-8")
    a, b, c = text.index("가. 지방세 징수현황"), text.index("나. 세출예산 집행현황"), text.index("5. 세외수입")
    revenue, budget = text[a:b].replace("가. 지방세 징수현황\n\n", ""), text[b:c].replace("나. 세출예산 집행현황\n\n", "")
    if not budget_unit:
        budget = budget.replace("(2023. 10. 31. 기준, 단위: 천원)\n\n", "")
    (r,) = load_text(tmp_path, text[:a] + budget + revenue + text[c:])
    assert rows(r, "budget_units", UNITS) == [
        ["일반회계", "지방세 부과·징수", 612300, 418650, 68.4], ["일반회계", "체납액 정리", 386500, 271480, 70.2],
        ["일반회계", "납세자 편의 증진", 198200, 118461, 59.8], ["일반회계", "기본경비", 87520, 53720, 61.4]]
    assert r.findings.query("check == 'unit_unplaced'")["actual"].tolist()[0] == "(2023. 10. 31. 기준, 단위: 백만원)"


@pytest.mark.parametrize("line,expected", [
    ("540명/600명(달성률 90.0%)", [[540, "result", "12개월 금연성공"], [600, "target", "12개월 금연성공 — 목표"]]),
    ("540명/600명 (목표 대비 90.0%)", [[540, "result", "12개월 금연성공"], [600, "target", "12개월 금연성공 — 목표"]]),
    ("540명/600명(90.0%)", [[540, "part", "12개월 금연성공"], [600, "result", "12개월 금연성공"]]),  # (no word says which: as before)
])
def test_a_result_out_of_its_target_with_the_rate_achieved_after(tmp_path, line, expected):
    """'12개월 금연성공: 540명/600명(달성률 90.0%)': the 600 had been the result (600 people reached) and 540 a part of
    it; a 달성률 (or 목표 대비) right after the pair makes the second the target."""
    (r,) = load_text(tmp_path, swap(HEALTH, (" ○ 학교 흡연예방교육: 22개교 4,860명", f" ○ 12개월 금연성공: {line}")))
    assert [[x[1], x[3], x[4]] for x in rows(r, "metrics", METRICS + ["label"]) if x[0] == 1][8:] == expected


@pytest.mark.parametrize("line,budget,unread_", [
    ("□ 소요예산: 총사업비 24,500백만원 중 2024년 5,000백만원(국비 2,500, 시비 2,500)", 5000000, ["24,500"]),
    ("□ 소요예산: 총사업비 24,500백만원 중 2025년 5,000백만원", None, ["24,500", "2025", "5,000"]),
])
def test_a_plan_line_of_the_years_part_of_a_total_cost(tmp_path, line, budget, unread_):
    """'□ 소요예산: 총사업비 24,500백만원 중 2024년 5,000백만원(…)': the report had been refused (no plan budget like
    '총 63,553천원(구비 63,553)'); the part of the plan's year is its budget, the whole named unread. Of another year:
    no budget, the warning of another year's line."""
    (r,) = load_text(tmp_path, swap(ROADS, ("□ 소요예산: 5,000,000천원(국비 2,500,000, 시비 2,500,000)", line)))
    assert [p[6] for p in rows(r, "programs", PROGRAMS) if p[0] == "plan"] == [budget, 8200000]
    f = r.findings
    assert f[(f["check"] == "coverage") & (f["severity"] == "warning") & (f["source_line"] == 139)]["expected"].tolist() == unread_
    assert len(r.findings.query("check == 'program_budget' and severity == 'warning'")) == (budget is None)
