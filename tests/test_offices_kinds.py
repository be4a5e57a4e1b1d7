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
FORMATS = ["txt", "md", "html"]


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
    # Each table in 백만원 that no budget table is: its unit statement named (unit_unplaced), its numbers unread.
    assert [c for c, _ in warnings(r)] == ["unit_unplaced"] * 3
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
