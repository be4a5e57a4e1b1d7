"""Whole reports of other offices, written as their departments print them (tests/data/offices/):
a 군's 주민복지과 at an 임시회 (2023; 국비/도비/군비 and a 기금, 공무직 and 기간제, results in
가구/명/건), a 시's 문화관광과 (2022; 백만원 with decimals, a facilities table with an 개관
column, a program's 본예산 and two 추경 rows), and a 광역시 국's booklet of two departments (a 회계
column, teams in brackets under the headings); and three more: a 도's 과 (백만원, 국비/도비/시군비,
results as tables of 목표/실적/달성률), a 군's 과 (인력 by 직렬, money in 원, dated bullets under
□ 추진상황) and a 구's 과 (money as sentences of the 사업개요, 성과지표 tables, 문제점 및 대책). Each test
asserts the whole of every table the report builds into, every figure it prints, in the text, its
Markdown and its HTML."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from conftest import TESTS_DIR
from convert import to_html, to_markdown

OFFICES = TESTS_DIR / "data" / "offices"
WELFARE = OFFICES / "yeongwol_welfare_2023.txt"
CULTURE = OFFICES / "chungju_culture-tourism_2022.txt"
BOOKLET = OFFICES / "busan_culture-sports_2022_booklet.txt"


def rows(report, table: str, columns: list[str]) -> list[list]:
    df = report.tables[table]
    return [[None if (v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v))) else (float(v) if hasattr(v, "as_tuple") else v) for v in r]
            for r in df[columns].astype(object).values.tolist()]


def read(path, fmt: str = "txt"):
    text = path.read_text(encoding="utf-8")
    return text if fmt == "txt" else to_markdown(text) if fmt == "md" else to_html(text)


def load_all(tmp_path, path, fmt: str):
    if fmt.startswith("pandoc"):  # pandoc's own conversion, committed (tests/data/offices/README.md)
        return analysis.store.build.load_reports(path.with_name(f"{path.stem}.{fmt.replace('-', '.')}"))
    target = tmp_path / f"{path.stem}.{fmt}"
    target.write_text(read(path, fmt), encoding="utf-8")
    return analysis.store.build.load_reports(target)


def counted(report) -> tuple[int, int]:
    f = report.findings
    msg = f[(f["check"] == "coverage") & (f["severity"] == "info")]["message"].iloc[0]
    import re
    m = re.search(r"숫자 (\d+)개 중 (\d+)개", msg)
    return int(m[2]), int(m[1])


def unread(report) -> list[str]:
    f = report.findings
    return f[(f["check"] == "coverage") & (f["severity"] == "warning")]["message"].str.extract(r"숫자 ([^(]+)\(")[0].tolist()


def problems(report) -> list[tuple[str, str]]:
    f = report.findings
    return sorted(f[f["severity"] == "error"][["check", "message"]].itertuples(index=False, name=None))


FORMATS = ["txt", "md", "html"]
PROGRAMS = ["stage", "year", "program_no", "program", "team", "unit", "budget", "executed", "rate"]
BUDGET_ROWS = ["stage", "program_no", "row_label", "budget", "executed", "rate", "final"]
FUNDING = ["stage", "program_no", "source", "budget", "executed"]
METRICS = ["program_no", "value", "unit", "kind"]
STAFF = ["category", "grade", "authorized", "current", "gap"]
UNITS = ["account", "unit", "budget", "executed", "rate"]
FACILITIES = ["facility", "location", "size", "note"]


@pytest.mark.parametrize("fmt", [*FORMATS, "pandoc-md"])  # (pandoc's Markdown wraps '… 시장형' / '100명)')
def test_a_county_welfare_report(tmp_path, fmt):
    (r,) = load_all(tmp_path, WELFARE, fmt)
    assert rows(r, "reports", ["report_id", "district", "department", "year", "plan_year", "session", "money_unit"]) == [
        ["영월군_주민복지과_2023", "영월군", "주민복지과", 2023, 2024, "제321회 영월군의회 임시회", "천원"]]
    assert [str(r.tables["reports"][c].iloc[0]) for c in ("session_start", "session_end", "as_of")] == ["2023-09-05", "2023-09-14", "2023-08-31"]
    assert rows(r, "teams", ["team", "duty"]) == [
        ["복지정책팀", "사회복지 종합계획 수립, 사회복지기금 운용, 사회복지시설 지원"],
        ["통합조사팀", "기초생활보장 수급자 조사·책정, 복지대상자 자격관리"],
        ["희망복지팀", "긴급복지 지원, 통합사례관리, 복지사각지대 발굴"],
        ["노인복지팀", "기초연금 지급, 노인일자리 사업, 경로당 운영 지원"]]
    assert rows(r, "staffing", STAFF) == [
        ["일반직", "5급", 1, 1, 0], ["일반직", "6급", 5, 5, 0], ["일반직", "7급", 7, 6, -1], ["일반직", "8급", 5, 5, 0],
        ["일반직", "9급", 2, 3, 1], ["공무직", "", 1, 2, 1], ["기간제", "", 1, 1, 0]]
    assert r.tables["facilities"].empty
    assert rows(r, "budget_units", UNITS) == [
        ["일반회계", "기초생활보장", 6820000, 4950310, 72.6], ["일반회계", "긴급복지 및 통합사례관리", 512400, 301226, 58.8],
        ["일반회계", "노인복지 증진", 4680500, 3102480, 66.3], ["일반회계", "사회복지 기반 조성", 312600, 98220, 31.4],
        ["일반회계", "기본경비", 132820, 70879, 53.4],
        ["사회복지기금", "저소득주민 생활안정 지원", 250000, 150000, 60.0], ["사회복지기금", "사회복지기금 운용", 100000, 32500, 32.5]]
    assert rows(r, "programs", PROGRAMS) == [
        ["actual", 2023, 1, "기초생활보장 수급자 맞춤형 지원", "통합조사팀", "기초생활보장", 6820000, 4950310, 72.6],
        ["actual", 2023, 2, "긴급복지 지원 및 통합사례관리", "희망복지팀", "긴급복지 및 통합사례관리", 512400, 301226, 58.8],
        ["actual", 2023, 3, "노인일자리 및 사회활동 지원", "노인복지팀", None, 3850000, 2840000, 73.8],
        ["actual", 2023, 4, "저소득주민 생활안정자금 융자 지원", "복지정책팀", "저소득주민 생활안정 지원", 250000, 150000, 60.0],
        ["plan", 2024, 1, "맞춤형 기초생활보장 내실화", "통합조사팀", None, 7120000, None, None],
        ["plan", 2024, 2, "위기가구 발굴 및 긴급지원 강화", "희망복지팀", None, 540000, None, None],
        ["plan", 2024, 3, "노인일자리 확대 운영", "노인복지팀", None, 4120000, None, None]]
    assert rows(r, "program_budget_rows", BUDGET_ROWS) == [
        ["actual", 1, "계", 6820000, 4950310, 72.6, True], ["actual", 1, "국 비", 5456000, 3960248, 72.6, False],
        ["actual", 1, "도 비", 682000, 495031, 72.6, False], ["actual", 1, "군 비", 682000, 495031, 72.6, False],
        ["actual", 2, "계", 512400, 301226, 58.8, True], ["actual", 2, "국 비", 358680, 210858, 58.8, False],
        ["actual", 2, "도 비", 51240, 30123, 58.8, False], ["actual", 2, "군 비", 102480, 60245, 58.8, False],
        ["actual", 3, None, 3850000, 2840000, 73.8, True], ["actual", 4, None, 250000, 150000, 60.0, True],
        ["plan", 1, None, 7120000, None, None, True], ["plan", 2, None, 540000, None, None, True], ["plan", 3, None, 4120000, None, None, True]]
    assert rows(r, "program_funding", FUNDING) == [  # 군비 is stored under its canonical name 구비 (layout.toml funding_sources)
        ["actual", 1, "국비", 5456000, 3960248], ["actual", 1, "도비", 682000, 495031], ["actual", 1, "구비", 682000, 495031],
        ["actual", 2, "국비", 358680, 210858], ["actual", 2, "도비", 51240, 30123], ["actual", 2, "구비", 102480, 60245],
        ["actual", 3, "국비", 2695000, None], ["actual", 3, "도비", 385000, None], ["actual", 3, "구비", 770000, None],
        ["actual", 4, "기금", 250000, 150000],
        ["plan", 1, "국비", 5696000, None], ["plan", 1, "도비", 712000, None], ["plan", 1, "구비", 712000, None],
        ["plan", 2, "국비", 378000, None], ["plan", 2, "도비", 54000, None], ["plan", 2, "구비", 108000, None],
        ["plan", 3, "국비", 2884000, None], ["plan", 3, "도비", 412000, None], ["plan", 3, "구비", 824000, None]]
    assert rows(r, "metrics", METRICS) == [
        [1, 1012, "가구", "result"], [1, 1418, "명", "result"], [1, 1245, "가구", "result"], [1, 1812, "명", "result"],
        [1, 98, "가구", "result"], [1, 126, "명", "result"], [1, 212, "건", "result"], [1, 14, "건", "result"],
        [2, 87, "가구", "result"], [2, 152, "건", "result"], [2, 312, "가구", "result"], [2, 176, "가구", "result"],
        [2, 42, "가구", "result"], [2, 18, "회", "result"], [2, 9, "개", "result"], [2, 1036, "명", "result"],
        [3, 1284, "명", "result"], [3, 1050, "명", "part"], [3, 134, "명", "part"], [3, 100, "명", "part"],
        [3, 3, "기관", "result"], [3, 24, "회", "result"], [4, 23, "건", "result"], [4, 64, "건", "result"]]
    assert r.tables["partner_cities"].empty
    assert problems(r) == []
    # Part I's 국비/도비/군비 columns: each unit's funding (군비 under 구비), the 계 row's sources checked against them.
    assert rows(r, "budget_unit_funding", ["unit", "source", "budget", "executed"]) == [
        ["기초생활보장", "국비", 5456000, None], ["기초생활보장", "도비", 682000, None], ["기초생활보장", "구비", 682000, None],
        ["긴급복지 및 통합사례관리", "국비", 358680, None], ["긴급복지 및 통합사례관리", "도비", 51240, None], ["긴급복지 및 통합사례관리", "구비", 102480, None],
        ["노인복지 증진", "국비", 3097720, None], ["노인복지 증진", "도비", 503640, None], ["노인복지 증진", "구비", 1079140, None],
        ["사회복지 기반 조성", "국비", 0, None], ["사회복지 기반 조성", "도비", 0, None], ["사회복지 기반 조성", "구비", 312600, None],
        ["기본경비", "국비", 0, None], ["기본경비", "도비", 0, None], ["기본경비", "구비", 132820, None]]
    # Unread and named: the teams' headcounts (인원).
    assert sorted(unread(r)) == sorted(["6", "5", "6", "6"])
    assert counted(r) == (160, 164)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_city_culture_and_tourism_report_in_millions(tmp_path, fmt):
    (r,) = load_all(tmp_path, CULTURE, fmt)
    assert rows(r, "reports", ["report_id", "district", "department", "year", "plan_year", "session", "money_unit"]) == [
        ["충주시_문화관광과_2022", "충주시", "문화관광과", 2022, 2023, "제268회 충주시의회 제2차 정례회", "백만원"]]
    assert [str(r.tables["reports"][c].iloc[0]) for c in ("session_start", "session_end", "as_of")] == ["2022-11-24", "2022-12-20", "2022-10-31"]
    assert rows(r, "teams", ["team", "duty"]) == [
        ["문화예술팀", "문화예술 진흥, 공연장 운영"], ["관광정책팀", "관광 홍보·마케팅, 관광안내소 운영"], ["관광개발팀", "관광지 조성, 관광자원 개발"],
        ["축제이벤트팀", "우륵문화제 개최, 지역축제 지원"], ["박물관팀", "박물관 운영, 유물 수집·관리"]]
    assert rows(r, "staffing", STAFF) == [
        ["일반직", "5급", 1, 1, 0], ["일반직", "6급", 5, 4, -1], ["일반직", "7급", 6, 7, 1], ["일반직", "8급", 4, 4, 0], ["일반직", "9급", 2, 2, 0],
        ["연구직", "학예연구관", 0, 0, 0], ["연구직", "학예연구사", 2, 2, 0], ["공무직", "", 2, 2, 0]]
    assert rows(r, "facilities", FACILITIES) == [
        ["충주박물관", "중원대로 3352", "연면적 3,210㎡", "개관 1990. 5. · 비고 지상 2층"],
        ["탄금대 관광안내소", "탄금대안길 105", "48㎡", "개관 2015. 4."],
        ["충주문화회관", "예성로 241", "대공연장 887석", "개관 1995. 10. · 비고 소공연장 포함"]]
    assert rows(r, "budget_units", UNITS) == [
        ["일반회계", "문화예술 진흥", 1820500, 1402300, 77.0], ["일반회계", "관광자원 개발", 4305000, 2011800, 46.7],
        ["일반회계", "관광 홍보 및 마케팅", 962400, 713900, 74.2], ["일반회계", "지역축제 육성", 1134700, 1060200, 93.4],
        ["일반회계", "박물관 운영", 230000, 100300, 43.6]]
    assert rows(r, "programs", PROGRAMS) == [
        ["actual", 2022, 1, "찾아가는 문화공연 및 기획공연 운영", "문화예술팀", None, 702300, 541600, 77.1],
        ["actual", 2022, 2, "제51회 우륵문화제 개최", "축제이벤트팀", None, 920000, 887400, 96.5],
        ["actual", 2022, 3, "충주 관광 홍보 마케팅 강화", "관광정책팀", "관광 홍보 및 마케팅", 962400, 713900, 74.2],
        ["actual", 2022, 4, "충주박물관 운영 활성화", "박물관팀", "박물관 운영", 230000, 100300, 43.6],
        ["plan", 2023, 1, "문화회관 기획공연 확대", "문화예술팀", None, 750000, None, None],
        ["plan", 2023, 2, "제52회 우륵문화제 개최", "축제이벤트팀", None, 1050500, None, None]]
    assert rows(r, "program_budget_rows", BUDGET_ROWS) == [
        ["actual", 1, "본예산", 620000, None, None, False], ["actual", 1, "제1회 추경", 685500, None, None, False],
        ["actual", 1, "제2회 추경", 702300, 541600, 77.1, True],
        ["actual", 2, None, 920000, 887400, 96.5, True], ["actual", 3, None, 962400, 713900, 74.2, True],
        ["actual", 4, None, 230000, 100300, 43.6, True], ["plan", 1, None, 750000, None, None, True], ["plan", 2, None, 1050500, None, None, True]]
    assert rows(r, "program_funding", FUNDING) == [
        ["actual", 3, "도비", 150000, 150000], ["actual", 3, "시비", 812400, 563900],
        ["plan", 1, "도비", 120000, None], ["plan", 1, "시비", 630000, None], ["plan", 2, "도비", 200000, None], ["plan", 2, "시비", 850500, None]]
    assert rows(r, "metrics", METRICS) == [
        [1, 24, "회", "result"], [1, 12860, "명", "result"], [1, 18, "개소", "result"], [1, 36, "회", "result"], [1, 4320, "명", "result"],
        [2, 150000, "명", "result"], [2, 28000, "명", "change"], [2, 42, "종", "result"], [2, 35, "업체", "result"],
        [3, 48230, "명", "result"], [3, 6, "회", "result"], [3, 148, "명", "result"], [3, 32400, "명", "stock"],
        [4, 86420, "명", "result"], [4, 61230, "명", "earlier"], [4, 2, "회", "result"], [4, 48, "회", "result"], [4, 1420, "명", "result"]]
    assert problems(r) == []
    assert sorted(unread(r)) == sorted(["5", "4", "4", "4", "5", "850.0"])  # the teams' 인원; program 2's 본예산 beside its 추경예산
    assert counted(r) == (115, 121)


@pytest.mark.parametrize("fmt", [*FORMATS, "pandoc-html"])
def test_a_metropolitan_bureaus_booklet_of_two_departments(tmp_path, fmt):
    arts, sports = load_all(tmp_path, BOOKLET, fmt)
    for r, dept in ((arts, "문화예술과"), (sports, "체육진흥과")):
        assert rows(r, "reports", ["report_id", "district", "department", "year", "plan_year", "session", "money_unit", "title"]) == [
            [f"부산광역시_{dept}_2022", "부산광역시", dept, 2022, 2023, "제311회 부산광역시의회 정례회", "백만원", "2022년 주요업무 보고"]]  # (the second's had been its contents' 'Ⅱ. 2022년 주요업무 추진실적 ···· 11')
        assert [str(r.tables["reports"][c].iloc[0]) for c in ("session_start", "session_end", "as_of")] == ["2022-11-01", "2022-12-16", "2022-10-31"]
        assert problems(r) == [] and unread(r) == []
        assert r.tables["partner_cities"].empty
        f = r.findings
        assert f[f["check"].isin(["team_inferred", "unread_lines", "budget_total"])].empty  # teams printed, every line read, 계 rows as printed
    assert rows(arts, "teams", ["team", "duty"]) == [
        ["문화정책팀", "문화정책 수립, 지역문화 진흥"], ["예술진흥팀", "문화예술 창작 지원, 문화예술진흥기금 운용"], ["영상콘텐츠팀", "부산국제영화제 지원, 영상산업 육성"]]
    assert rows(arts, "staffing", STAFF) == [
        ["", "4급", 0, 0, 0], ["", "5급", 1, 1, 0], ["", "6급", 5, 6, 1], ["", "7급", 7, 6, -1], ["", "8급", 4, 4, 0], ["", "9급", 2, 1, -1], ["공무직", "", 2, 3, 1]]
    assert arts.tables["facilities"].empty
    assert rows(arts, "budget_units", UNITS) == [
        ["일반회계", "문화예술 진흥", 6840000, 5120000, 74.9], ["일반회계", "부산국제영화제 지원", 2350000, 1870000, 79.6],
        ["문화예술진흥기금", "문화예술 창작 지원", 1200000, 980000, 81.7]]
    assert rows(arts, "programs", PROGRAMS) == [
        ["actual", 2022, 1, "부산국제영화제 개최 지원", "영상콘텐츠팀", "부산국제영화제 지원", 2350000, 1870000, 79.6],
        ["actual", 2022, 2, "문화예술 창작 지원", "예술진흥팀", "문화예술 창작 지원", 1200000, 980000, 81.7],
        ["plan", 2023, 1, "제28회 부산국제영화제 개최 지원", "영상콘텐츠팀", None, 2400000, None, None]]
    assert rows(arts, "program_budget_rows", BUDGET_ROWS) == [
        ["actual", 1, None, 2350000, 1870000, 79.6, True], ["actual", 2, "계", 1200000, 980000, 81.7, True],
        ["actual", 2, "기 금", 1200000, 980000, 81.7, False], ["plan", 1, None, 2400000, None, None, True]]
    assert rows(arts, "program_funding", FUNDING) == [
        ["actual", 1, "국비", 900000, 900000], ["actual", 1, "시비", 1450000, 970000], ["actual", 2, "기금", 1200000, 980000],
        ["plan", 1, "국비", 900000, None], ["plan", 1, "시비", 1500000, None]]
    assert rows(arts, "metrics", METRICS) == [
        [1, 71, "개국", "result"], [1, 242, "편", "result"], [1, 161145, "명", "result"], [2, 45, "단체", "result"], [2, 120, "명", "result"], [2, 28, "명", "result"]]
    assert counted(arts) == (73, 73)
    assert rows(sports, "teams", ["team", "duty"]) == [
        ["체육정책팀", "체육진흥 계획 수립, 체육단체 지원"], ["생활체육팀", "생활체육 프로그램 운영, 생활체육지도자 배치"],
        ["전문체육팀", "전국체육대회 참가, 직장운동경기부 운영"], ["체육시설팀", "공공체육시설 관리, 체육시설 확충"]]
    assert rows(sports, "staffing", STAFF) == [
        ["일반직", "4급", 0, 0, 0], ["일반직", "5급", 1, 1, 0], ["일반직", "6급", 5, 5, 0], ["일반직", "7급", 6, 5, -1],
        ["일반직", "8급", 3, 4, 1], ["일반직", "9급", 1, 1, 0], ["전문경력관", "", 1, 1, 0], ["임기제", "", 1, 1, 0]]
    assert rows(sports, "facilities", FACILITIES) == [
        ["부산아시아드주경기장", "연제구 월드컵대로 344", "132,000㎡", "53,769석"], ["사직야구장", "동래구 사직로 45", "27,910㎡", "22,990석"]]
    assert rows(sports, "budget_units", UNITS) == [
        ["일반회계", "생활체육 활성화", 3200000, 2750000, 85.9], ["일반회계", "전문체육 육성", 1850000, 1320000, 71.4],
        ["일반회계", "체육시설 관리", 980000, 612000, 62.4], ["일반회계", "기본경비", 420000, 380000, 90.5]]
    assert rows(sports, "programs", PROGRAMS) == [
        ["actual", 2022, 1, "생활체육 프로그램 운영", "생활체육팀", "생활체육 활성화", 3200000, 2750000, 85.9],
        ["actual", 2022, 2, "전문체육 선수 육성", "전문체육팀", "전문체육 육성", 1850000, 1320000, 71.4],
        ["plan", 2023, 1, "어르신 생활체육 교실 확대", "생활체육팀", None, 3400000, None, None]]
    assert rows(sports, "program_budget_rows", BUDGET_ROWS) == [
        ["actual", 1, None, 3200000, 2750000, 85.9, True], ["actual", 2, None, 1850000, 1320000, 71.4, True], ["plan", 1, None, 3400000, None, None, True]]
    assert rows(sports, "program_funding", FUNDING) == [
        ["actual", 1, "국비", 640000, 640000], ["actual", 1, "시비", 2560000, 2110000], ["actual", 2, "시비", 1850000, 1320000],
        ["plan", 1, "국비", 680000, None], ["plan", 1, "시비", 2720000, None]]
    assert rows(sports, "metrics", METRICS) == [
        [1, 64, "개소", "result"], [1, 2140, "명", "result"], [1, 98, "명", "result"], [2, 1320, "명", "result"], [2, 12, "개", "result"], [2, 136, "명", "result"]]
    assert counted(sports) == (80, 80)


def load_text(tmp_path, text: str, name: str = "variant.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return analysis.store.build.load_reports(path)


def swap(path, *pairs) -> str:
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


class TestWhatTheseReportsFound:
    """Each mechanism the three reports showed wrong, on the smallest change of one of them."""

    TOTAL = "계\t\t10,390\t7,970\t76.7"

    @pytest.mark.parametrize("total,expected", [
        # 1 백만원 off over three lines each rounded by up to 0.5: the rounding, not an error (it had been an error)
        ("계\t\t10,391\t7,970\t76.7", [("budget_total", "info", "10,390,000", "10,391,000")]),
        ("계\t\t10,400\t7,970\t76.6", [("budget_total", "error", "10,390,000", "10,400,000")]),
        # the 계's rate over the accounts had not been checked
        ("계\t\t10,390\t7,970\t70.0", [("rate", "error", "76.7", "70.0")]),
    ])
    def test_a_total_over_two_accounts_in_millions(self, tmp_path, total, expected):
        arts = load_text(tmp_path, swap(BOOKLET, (self.TOTAL, total)))[0]
        f = arts.findings[arts.findings["check"].isin(["budget_total", "rate"])]
        assert list(f[["check", "severity", "expected", "actual"]].itertuples(index=False, name=None)) == expected

    def test_no_account_of_a_total_over_accounts_is_said_to_have_none(self, tmp_path):
        """'예산현황 표에 검증할 계 행이 없습니다' had been said once for each account the 계 sums."""
        arts = load_text(tmp_path, BOOKLET.read_text(encoding="utf-8"))[0]
        assert arts.findings.query("check == 'budget_total'").empty

    def test_a_team_in_brackets_on_its_own_line(self, tmp_path):
        """'(예술진흥팀)' under the heading: the team had been inferred from the duties instead."""
        arts = load_text(tmp_path, swap(BOOKLET, ("2 문화예술 창작 지원\n\n(예술진흥팀)", "2 문화예술 창작 지원\n\n[문화정책팀]")))[0]
        assert arts.tables["programs"]["team"].tolist() == ["영상콘텐츠팀", "문화정책팀", "영상콘텐츠팀"]
        assert arts.findings.query("check == 'team_inferred'").empty

    @pytest.mark.parametrize("written", ["2 문화예술 창작 지원\n\n(담당: 문화정책팀)", "2 문화예술 창작 지원 [담당 : 문화정책팀]"])
    def test_a_team_in_brackets_with_its_label(self, tmp_path, written):
        """'(담당: 문화정책팀)': the team had been inferred from the duties (예술진흥팀) instead."""
        arts = load_text(tmp_path, swap(BOOKLET, ("2 문화예술 창작 지원\n\n(예술진흥팀)", written)))[0]
        assert arts.tables["programs"]["team"].tolist() == ["영상콘텐츠팀", "문화정책팀", "영상콘텐츠팀"]
        assert arts.findings.query("check == 'team_inferred'").empty

    def test_dashes_in_a_budget_row_before_the_final_one(self, tmp_path):
        """본예산 | 620.0 | - | - above the 추경 rows: none spent against it is printed, not 0 at 0%;
        a dash in the final row is a spending of 0."""
        (r,) = load_text(tmp_path, swap(CULTURE, ("제2회 추경\t702.3\t541.6\t77.1", "제2회 추경\t702.3\t-\t-")))
        b = r.tables["program_budget_rows"].query("stage == 'actual' and program_no == 1")
        assert rows(r, "program_budget_rows", BUDGET_ROWS)[:3] == [
            ["actual", 1, "본예산", 620000, None, None, False], ["actual", 1, "제1회 추경", 685500, None, None, False],
            ["actual", 1, "제2회 추경", 702300, 0, 0.0, True]]
        assert len(b) == 3

    def test_two_note_columns_of_the_facilities(self, tmp_path):
        """'용도 | 비고': the 용도 had been read and dropped (only the last note column kept)."""
        (r,) = load_text(tmp_path, swap(CULTURE, ("시 설 명\t위 치\t규 모\t개 관\t비 고", "시 설 명\t위 치\t규 모\t용 도\t비 고")))
        assert r.tables["facilities"]["note"].tolist() == ["용도 1990. 5. · 비고 지상 2층", "용도 2015. 4.", "용도 1995. 10. · 비고 소공연장 포함"]

    def test_a_facilities_heading_that_states_none(self, tmp_path):
        """'3. 주요시설 및 장비: 해당없음' had been an unread block."""
        arts = load_text(tmp_path, BOOKLET.read_text(encoding="utf-8"))[0]
        assert arts.findings.query("check == 'unread_lines'").empty and arts.tables["facilities"].empty

    def test_a_paragraph_pandoc_wrapped(self, tmp_path):
        """pandoc's Markdown wraps a paragraph at 72 columns: '… 시장형' over '100명)' had been two
        paragraphs, and the three parts in the broken bracket results (2,568 people for 1,284)."""
        text = WELFARE.read_text(encoding="utf-8").replace(
            " ○ 노인일자리 참여: 1,284명(공익활동 1,050명, 사회서비스형 134명, 시장형 100명)",
            " ○ 노인일자리 참여: 1,284명(공익활동 1,050명, 사회서비스형 134명, 시장형\n100명)")
        (r,) = load_text(tmp_path, to_markdown(text), "wrapped.md")
        m = r.tables["metrics"].query("program_no == 3")
        assert m[["value", "kind", "source_line"]].values.tolist()[:4] == [[1284, "result", 139], [1050, "part", 139], [134, "part", 139], [100, "part", 139]]

    @pytest.mark.parametrize("second", ["- 100명 참여", "1. 시장형 100명", "# 시장형 100명", "| 시장형 | 100명 |"])
    def test_a_line_that_begins_an_item_is_no_continuation(self, tmp_path, second):
        """A line of 72 columns over an item, a heading or a table row: two paragraphs, as written."""
        first = "○ 노인일자리 참여자 안전교육 및 직무교육 실시 결과 보고: 12회 운영 만족"
        assert sum(2 if "가" <= ch <= "힣" else 1 for ch in first) <= 72
        from analysis.read.markdown import _unwrapped
        assert _unwrapped([first, second]) == [first, second]
        assert _unwrapped([first, "100명)"]) == [first + " 100명)", ""]

    def test_a_figure_with_its_breakdown_in_brackets_is_labelled_by_its_own_words(self, tmp_path):
        """'노인일자리 참여: 1,284명(공익활동 1,050명, 사회서비스형 134명, 시장형 100명)': the whole had
        been labelled '노인일자리 참여 — 공익활동' (its first part's word), shown so in the briefing's
        1인당 집행액 ('÷ 공익활동 1,284명')."""
        (r,) = load_text(tmp_path, WELFARE.read_text(encoding="utf-8"))
        m = r.tables["metrics"].query("program_no == 3")
        assert m[["value", "kind", "label"]].values.tolist()[:4] == [
            [1284, "result", "노인일자리 참여"], [1050, "part", "노인일자리 참여 — 공익활동"],
            [134, "part", "노인일자리 참여 — 사회서비스형"], [100, "part", "노인일자리 참여 — 시장형"]]

    @pytest.mark.parametrize("cover", ["제321회 임시회\n\n행복도시 영월\n\n영월군", "제321회 군의회 임시회\n\n행복도시\n\n영월군",
                                       "제321회 군의회 임시회\n\n안전도\n\n영월군", "제321회 군의회 임시회\n\n중앙시\n\n영월군"])
    def test_a_slogan_alone_on_the_cover_is_no_county(self, tmp_path, cover):
        """A cover line that looks like a place alone but is a slogan or a word ('행복도시', '안전도'), or
        a place of another kind than the council's ('중앙시' under 군의회), had been taken as the
        district (report_id '행복도시_주민복지과_2023'); the county's own line is."""
        (r,) = load_text(tmp_path, swap(WELFARE, ("제321회 영월군의회 임시회", cover)))
        assert r.report_id == "영월군_주민복지과_2023"

    @pytest.mark.parametrize("cover", ["제321회 임시회\n\n영월군", "제321회 군의회 임시회\n\n영월군"])
    def test_the_county_named_alone_on_the_cover(self, tmp_path, cover):
        """'영월군' on a line of its own (the session naming no council, or its kind alone): the
        district had been 미상 (a district warning), every report_id '미상_…'."""
        (r,) = load_text(tmp_path, swap(WELFARE, ("제321회 영월군의회 임시회", cover)))
        assert r.report_id == "영월군_주민복지과_2023"
        assert r.findings.query("check == 'district'").empty

    @pytest.mark.parametrize("heading", ["□ 2023년 추진실적(8월말 기준)", "□ 2023년도 주요 추진실적", "□ '23년 주요 추진실적"])
    def test_a_results_heading_after_its_year(self, tmp_path, heading):
        """The year before 추진실적: the heading had not been known, its eight figures unread
        (results_missing)."""
        (r,) = load_text(tmp_path, swap(WELFARE, ("□ 주요 추진실적\n ○ 생계급여", f"{heading}\n ○ 생계급여")))
        (base,) = load_text(tmp_path, WELFARE.read_text(encoding="utf-8"), "base.txt")
        assert rows(r, "metrics", METRICS + ["label"]) == rows(base, "metrics", METRICS + ["label"])
        assert r.findings.query("check == 'results_missing'").empty

    @pytest.mark.parametrize("heading, kind", [("□ 2022년 추진실적(참고)", "earlier"), ("□ '22년 주요 추진실적", "earlier"), ("□ 2024년 추진실적 목표", "target")])
    def test_a_results_heading_of_another_year(self, tmp_path, heading, kind):
        """'□ 2022년 추진실적' in a 2023 report, since the year before 추진실적 opens the results: its
        figures had been read as 2023's (kind result, people reached counted); they are that year's."""
        (r,) = load_text(tmp_path, swap(WELFARE, ("□ 주요 추진실적\n ○ 생계급여", f"{heading}\n ○ 생계급여")))
        (base,) = load_text(tmp_path, WELFARE.read_text(encoding="utf-8"), "base.txt")
        got, was = rows(r, "metrics", METRICS + ["label"]), rows(base, "metrics", METRICS + ["label"])
        first = [m for m in was if m[0] == 1]
        assert [m for m in got if m[0] == 1] == [[*m[:3], kind, m[4]] if m[3] == "result" else m for m in first]
        assert [m for m in got if m[0] != 1] == [m for m in was if m[0] != 1]

    def test_a_balance_column_in_part_one(self, tmp_path):
        """'단위사업 | 예산액 | 집행액 | 잔액 | 집행률': the six balances had been named unread; each that is
        예산액 − 집행액 is read (a wrong one stays named)."""
        base = CULTURE.read_text(encoding="utf-8")
        head = "단위사업\t예산액\t집행액\t집행률(%)"
        lines = base.split("\n")
        k = lines.index(head)
        lines[k] = "단위사업\t예산액\t집행액\t잔액\t집행률(%)"
        for j in range(k + 1, k + 7):
            label, budget, executed, rate = lines[j].split("\t")
            left = float(budget.replace(",", "")) - float(executed.replace(",", ""))
            lines[j] = "\t".join([label, budget, executed, f"{left:,.1f}" if label != "문화예술 진흥" else "418.3", rate])
        (r,) = load_text(tmp_path, "\n".join(lines))
        (plain,) = load_text(tmp_path, base, "base.txt")
        assert rows(r, "budget_units", UNITS) == rows(plain, "budget_units", UNITS)
        assert sorted(unread(r)) == sorted(["5", "4", "4", "4", "5", "850.0", "418.3"])
        assert counted(r) == (115 + 5, 121 + 6)

    @pytest.mark.parametrize("line", ["□ 소요예산(단위: 백만원): 750 (도비 120, 시비 630)", "□ 소요예산(백만원): 총 750 (도비 120, 시비 630)"])
    def test_a_plan_budget_line_with_its_unit_before_the_colon(self, tmp_path, line):
        """'(단위: 백만원):' before the amount: the line had been split at '단위:' and refused."""
        (r,) = load_text(tmp_path, swap(CULTURE, ("□ 소요예산: 총 750백만원(도비 120, 시비 630)", line)))
        assert rows(r, "program_funding", FUNDING)[2:4] == [["plan", 1, "도비", 120000, None], ["plan", 1, "시비", 630000, None]]
        assert r.tables["programs"].query("stage == 'plan'")["budget"].tolist() == [750000, 1050500]

    @pytest.mark.parametrize("written,parts", [
        ("1,320명, 메달 135개(금 42, 은 38, 동 55)", [(135, "개", "result"), (42, "개", "part"), (38, "개", "part"), (55, "개", "part")]),
        ("1,320명, 메달 135개(금 42ㆍ은 38ㆍ동 55)", [(135, "개", "result"), (42, "개", "part"), (38, "개", "part"), (55, "개", "part")]),
        ("1,320명(선수 1,050, 임원 270)", [(1050, "명", "part"), (270, "명", "part")]),
    ])
    def test_a_bracket_of_numbers_without_counter_words_after_a_figure(self, tmp_path, written, parts):
        """'메달 135개(금 42, 은 38, 동 55)': the 42, 38 and 55 had been neither read nor counted (81 of
        81 read, 100%); they count the figure's unit and are its parts where they add up to it."""
        arts, sports = load_text(tmp_path, swap(BOOKLET, ("전국체육대회 참가: 1,320명", f"전국체육대회 참가: {written}")))
        m = sports.tables["metrics"].query("program_no == 2")
        got = [tuple(x) for x in m[["value", "unit", "kind"]].values.tolist()]
        assert got[0] == (1320, "명", "result") and got[1:1 + len(parts)] == parts
        assert counted(sports) == (80 + (4 if "135" in written else 2),) * 2  # every number of the line read

    @pytest.mark.parametrize("written,expected", [
        # 세대 (households) is a counter word: it had been named unread, and the 126명's label '신규 수급자 책정 — 98세대'
        (" ○ 신규 수급자 책정: 98세대 126명", [(1, 98, "세대", "result", "신규 수급자 책정"), (1, 126, "명", "result", "신규 수급자 책정")]),
        # parts separated by a middle dot: each had been labelled with all three words ('생계 ·의료 ·주거')
        (" ○ 신규 수급자 책정: 98가구 126명(생계 60명·의료 40명·주거 26명)", [
            (1, 98, "가구", "result", "신규 수급자 책정"), (1, 126, "명", "result", "신규 수급자 책정"), (1, 60, "명", "part", "신규 수급자 책정 — 생계"),
            (1, 40, "명", "part", "신규 수급자 책정 — 의료"), (1, 26, "명", "part", "신규 수급자 책정 — 주거")]),
        # an amount of money beside the figure is no part of its label (it stays named unread)
        (" ○ 신규 수급자 책정: 98가구 126명 150,000천원", [(1, 98, "가구", "result", "신규 수급자 책정"), (1, 126, "명", "result", "신규 수급자 책정")]),
    ])
    def test_a_households_line_of_other_habits(self, tmp_path, written, expected):
        (r,) = load_text(tmp_path, swap(WELFARE, (" ○ 신규 수급자 책정: 98가구 126명", written)))
        m = r.tables["metrics"]
        got = [tuple(x) for x in m[m["source_line"] == 86][["program_no", "value", "unit", "kind", "label"]].values.tolist()]
        assert got == expected

    @pytest.mark.parametrize("written,warned", [
        ("메달 135개(금 42, 은 38, 동 56)", [("136개", "135개")]),   # the parts over the whole: the printed 135 kept, the medals its parts, and said (had been silent)
        ("메달 135개(금 42명, 은 38명, 동 56명)", []),            # another unit: no breakdown of it
        ("메달 135개(금 42, 은 38, 동 55)", []),                 # adds up: its parts
        ("메달 135개(금 42, 은 38 등)", []),                      # less: a list printed short, its parts
        ("메달 135개(금 42, 은 38, 동 55, 단체 12)", []),          # a run of them adds up: the last a group across them, no misprint
    ])
    def test_a_breakdown_that_adds_up_to_more_than_its_whole(self, tmp_path, written, warned):
        sports = load_text(tmp_path, swap(BOOKLET, ("전국체육대회 참가: 1,320명", f"전국체육대회 참가: 1,320명, {written}")))[1]
        f = sports.findings.query("check == 'metric_breakdown'")
        assert list(zip(f["actual"], f["expected"])) == warned
        assert (f["severity"] == "warning").all()

    @pytest.mark.parametrize("written,added,unread_", [
        ("강좌 12개(청소년 150, 성인 200)", [(12, "개", "result")], ["150", "200"]),
        ("교육 10회(남 60, 여 70) 실시", [(10, "회", "result")], ["60", "70"]),
        ("메달 135개(금 42, 은 38, 동 55)", [(135, "개", "result"), (42, "개", "part"), (38, "개", "part"), (55, "개", "part")], []),  # (control)
    ])
    def test_bare_numbers_after_a_figure_larger_than_it(self, tmp_path, written, added, unread_):
        """Numbers with no counter word in brackets right after a figure were taken as counts of its
        unit: '강좌 12개(청소년 150, 성인 200)' stored 150개 and 200개 as results (강좌 12 → 362).
        Only numbers smaller than the figure are its breakdown; larger ones stay unread, named."""
        sports = load_text(tmp_path, swap(BOOKLET, ("전국체육대회 참가: 1,320명", f"전국체육대회 참가: 1,320명, {written}")))[1]
        m = sports.tables["metrics"]
        got = [tuple(x) for x in m[m["source_line"] == m[m["value"] == 1320]["source_line"].iloc[0]][["value", "unit", "kind"]].values.tolist()]
        assert got == [(1320, "명", "result"), *added]
        assert sorted(unread(sports)) == sorted(unread_)

    @pytest.mark.parametrize("note,unread_", [("이월 12.5 포함", ["12.5"]), ("12,500천원 이월 포함", ["12,500"]), ("10. 31. 기준", []), ("도비 보조사업", [])])
    def test_an_amount_in_a_programs_note_column(self, tmp_path, note, unread_):
        """'예산액 | 집행액 | 집행률 | 비고' with '이월 12.5 포함': the note had been read whole as text,
        the 12.5 (백만원) lost with 100% read; an amount there is named unread (words and dates stay text)."""
        (r,) = load_text(tmp_path, swap(CULTURE, ("예산액\t집행액\t집행률(%)\n230.0\t100.3\t43.6", f"예산액\t집행액\t집행률(%)\t비 고\n230.0\t100.3\t43.6\t{note}")))
        assert sorted(unread(r)) == sorted(["5", "4", "4", "4", "5", "850.0", *unread_])
        assert rows(r, "programs", PROGRAMS)[3] == ["actual", 2022, 4, "충주박물관 운영 활성화", "박물관팀", "박물관 운영", 230000, 100300, 43.6]

    def test_a_category_column_in_one_header_row(self, tmp_path):
        """'… | 9급 | 공무직' in one header row: 공무직 had been stored as a grade of category ''."""
        arts = load_text(tmp_path, BOOKLET.read_text(encoding="utf-8"))[0]
        assert rows(arts, "staffing", STAFF)[-2:] == [["", "9급", 2, 1, -1], ["공무직", "", 2, 3, 1]]

    def test_a_funding_column_of_other_sources(self, tmp_path):
        """'계 | 국비 | 도비 | 기타' under 예산액: 기타 was no funding source, its column named unread and
        each unit project's sources said not to add up (6 false funding_sum errors on a right table)."""
        (r,) = load_text(tmp_path, swap(WELFARE, ("\t계\t국비\t도비\t군비\t\t", "\t계\t국비\t도비\t기타\t\t")))
        assert rows(r, "budget_unit_funding", ["unit", "source", "budget"])[:3] == [
            ["기초생활보장", "국비", 5456000], ["기초생활보장", "도비", 682000], ["기초생활보장", "기타", 682000]]
        assert r.findings.query("check in ('funding_sum', 'budget_total') and severity == 'error'").empty
        assert counted(r) == (160, 164)


PROVINCE = OFFICES / "gyeonggi_eco-agriculture_2023.txt"
COUNTY = OFFICES / "yecheon_agriculture_2022.txt"
WARD = OFFICES / "bukgu_jobs-economy_2023.txt"


class TestWhatThreeMoreOfficesFound:
    """Each mechanism a 도's department (gyeonggi), a 군's by 직렬 in 원 (yecheon) and a 구's with
    sentence budgets and 성과지표 tables (bukgu) showed wrong, on the smallest change of one of them."""

    def test_the_share_of_the_cities_and_counties_in_a_provinces_report(self, tmp_path):
        """'시군비' (what a 도's 시·군 pay besides 국비 and 도비) was no funding source: a 예산현황 column
        of it refused the whole report ('a known column of program 2's 예산현황 table'), and in a
        plan's brackets it would have been a source of an unknown name."""
        (r,) = load_text(tmp_path, PROVINCE.read_text(encoding="utf-8"))
        assert rows(r, "program_funding", FUNDING)[3:6] == [
            ["actual", 2, "국비", 0, None], ["actual", 2, "도비", 52143000, None], ["actual", 2, "시군비", 78214500, None]]
        assert rows(r, "program_funding", FUNDING)[-5:] == [
            ["plan", 1, "국비", 1086100, None], ["plan", 1, "도비", 760300, None], ["plan", 1, "시군비", 1774000, None],
            ["plan", 2, "도비", 52500000, None], ["plan", 2, "시군비", 78750000, None]]
        assert r.findings.query("check == 'funding_source'").empty

    AMOUNTS = ("□ 소요예산: 총 520,000천원(국 50%, 시 25%, 구 25%)", "□ 소요예산: 총 520,000천원(국비 260,000, 시비 130,000, 구비 130,000)")

    @pytest.mark.parametrize("written,parts,unread_", [
        ("5개소(아케이드 보수 2, 고객지원센터 3)", [(2, "개소", "part", "전통시장 시설 현대화 — 아케이드 보수"), (3, "개소", "part", "전통시장 시설 현대화 — 고객지원센터")], []),
        ("5개소(아케이드 보수 20, 고객지원센터 30)", [], ["20", "30"]),  # more than the whole: no parts of it, named
        ("5개소(아케이드 2, 고객지원센터 3)", [(2, "개소", "part", "전통시장 시설 현대화 — 아케이드"), (3, "개소", "part", "전통시장 시설 현대화 — 고객지원센터")], []),  # (control)
    ])
    def test_a_breakdown_labelled_by_two_words(self, tmp_path, written, parts, unread_):
        """'5개소(아케이드 보수 2, 고객지원센터 3)': a label of two words; the 2 and 3 had been neither read
        nor counted by coverage (the report said every number of the line read)."""
        (base,) = load_text(tmp_path, swap(WARD, self.AMOUNTS), "base.txt")
        (r,) = load_text(tmp_path, swap(WARD, self.AMOUNTS, ("5개소(아케이드 보수 2, 고객지원센터 3)", written)))
        m = r.tables["metrics"]
        line = m[m["value"] == 5]["source_line"].iloc[0]
        assert [tuple(x) for x in m[m["source_line"] == line][["value", "unit", "kind", "label"]].values.tolist()] == [(5, "개소", "result", "전통시장 시설 현대화"), *parts]
        assert sorted(unread(r)) == sorted(unread(base) + unread_)

    @pytest.mark.parametrize("line", ["□ 소요예산: 총 520,000천원(국 50%, 시 25%, 구 25%)", "□ 소요예산: 520,000천원 (국비 50%, 시비 25%, 구비 25%)"])
    def test_a_plans_sources_printed_as_shares_only(self, tmp_path, line):
        """A plan's sources as shares in percent had refused the whole report ('expected a plan budget
        like … with funding parts as amounts'). The total is read; no amount is made up from the
        shares: a funding_shares warning names them, and their numbers stay unread (coverage);
        no 'funding_sum' error says the line looks cut."""
        (r,) = load_text(tmp_path, swap(WARD, (self.AMOUNTS[0], line)))
        assert r.tables["programs"].query("stage == 'plan'")["budget"].tolist() == [520000, 340000]
        assert rows(r, "program_funding", FUNDING)[-2:] == [["plan", 2, "시비", 170000, None], ["plan", 2, "구비", 170000, None]]
        assert len(r.tables["program_funding"].query("stage == 'plan'")) == 2
        f = r.findings.query("check == 'funding_shares' and source_line == 113")  # (line 48: program 1's 사업비, read since)
        assert f[["severity", "actual", "source_line"]].values.tolist() == [["warning", line[line.index("(") + 1:-1], 113]]
        assert r.findings.query("check == 'funding_sum'").empty
        cov = r.findings.query("check == 'coverage' and severity == 'warning' and source_line == 113")
        assert cov["expected"].tolist() == ["50", "25", "25"]

    def test_results_under_a_progress_heading_with_dated_bullets(self, tmp_path):
        """A 군's '□ 추진상황' with dated bullets ('‘22. 5.~10. : 귀농귀촌 교육 6회 120명') was no results
        heading: each program's figures unread (results_missing). They are results now, labelled by
        their words, not by their date ('‘22. 5.~10. — 귀농귀촌 교육')."""
        (r,) = load_text(tmp_path, COUNTY.read_text(encoding="utf-8"))
        assert rows(r, "metrics", METRICS + ["label"])[:4] == [
            [1, 52, "명", "result", "대상자 선정"], [1, 6, "회", "result", "귀농귀촌 교육"], [1, 120, "명", "result", "귀농귀촌 교육"],
            [1, 18, "가구", "result", "귀농인 주택 수리비 지원"]]
        assert r.findings.query("check == 'results_missing'").empty

    @pytest.mark.parametrize("date,kind", [("‘21. 12월", "earlier"), ("2021. 12.", "earlier"), ("‘23. 1월", "target"), ("‘22. 9월 말", "result"), ("9월", "result")])
    def test_a_dated_bullet_of_another_year(self, tmp_path, date, kind):
        """The year of a bullet's date is its figures' year: '‘21. 12월 : … 18가구' in a 2022 report is no 2022 result."""
        (r,) = load_text(tmp_path, swap(COUNTY, (" ○ ‘22. 9월 : 귀농인 주택 수리비 지원 18가구", f" ○ {date} : 귀농인 주택 수리비 지원 18가구")))
        assert rows(r, "metrics", METRICS + ["label"])[3] == [1, 18, "가구", kind, "귀농인 주택 수리비 지원"]

    @pytest.mark.parametrize("written,expected", [
        ("유기질비료 신청 접수 3,215농가", [3215, "농가", "result", "유기질비료 신청 접수"]),  # had been named unread
        ("유기질비료 신청 접수 38개 기업", [38, "기업", "result", "유기질비료 신청 접수"]),     # had been 38개 labelled '… — 기업'
    ])
    def test_farms_and_firms_counted(self, tmp_path, written, expected):
        (r,) = load_text(tmp_path, swap(COUNTY, ("유기질비료 신청 접수 3,215농가", written)))
        assert rows(r, "metrics", METRICS + ["label"])[4] == [2, *expected]

    def test_a_programs_money_in_sentences_of_its_overview(self, tmp_path):
        """No 예산현황 table, the money in the 사업개요 ('○ 사업비: 320,000천원(시 160,000천원, 구 160,000천원)',
        '○ 집행액: 254,300천원(집행률 79.5%)'): each program had no budget (a program_budget warning) and
        the amounts were named unread. They are its one budget row now, said in an info finding."""
        (r,) = load_text(tmp_path, WARD.read_text(encoding="utf-8"))
        assert rows(r, "programs", PROGRAMS)[:3] == [
            ["actual", 2023, 1, "청년 일자리 창출 지원", "청년일자리팀", None, 450000, 318600, 70.8],
            ["actual", 2023, 2, "전통시장 및 골목상권 활성화", "지역경제팀", None, 320000, 254300, 79.5],
            ["actual", 2023, 3, "소상공인 경영안정자금 이차보전", "소상공인지원팀", None, 180000, 142560, 79.2]]
        assert rows(r, "program_funding", FUNDING)[:3] == [
            ["actual", 2, "시비", 160000, None], ["actual", 2, "구비", 160000, None], ["actual", 3, "구비", 180000, None]]
        f = r.findings.query("check == 'program_budget'")
        assert f[["severity", "actual", "source_line"]].values.tolist() == [["info", "sentences", 48], ["info", "sentences", 71], ["info", "sentences", 93]]
        assert r.findings.query("check == 'rate'").empty

    def test_budget_and_executed_on_one_line(self, tmp_path):
        """'○ 예산액: 450,000천원, 집행액: 318,600천원(70.8%)': one key had taken the rest as its
        value, so the program had no budget (a warning) and its 3 numbers were named unread."""
        one = swap(WARD, (" ○ 사업비: 450,000천원(국 50%, 시 25%, 구 25%)\n ○ 집행액: 318,600천원(집행률 70.8%)",
                          " ○ 예산액: 450,000천원, 집행액: 318,600천원(70.8%)"))
        (r,) = load_text(tmp_path, one)
        assert rows(r, "programs", PROGRAMS)[0] == ["actual", 2023, 1, "청년 일자리 창출 지원", "청년일자리팀", None, 450000, 318600, 70.8]
        assert r.findings.query("check == 'program_budget' and source_line == 48")[["severity", "actual"]].values.tolist() == [["info", "sentences"]]
        assert not [m for m in r.findings.query("check == 'coverage' and severity == 'warning'")["message"] if "(48행)" in m]

    @pytest.mark.parametrize("executed,expected", [
        ("○ 집행액: 254,300천원(집행률 80.5%)", ("rate", "error")),  # a wrong rate is checked like a table's
        ("○ 집행액: 미정", None),                                    # no amount: the budget alone
    ])
    def test_a_sentence_budget_checked(self, tmp_path, executed, expected):
        (r,) = load_text(tmp_path, swap(WARD, (" ○ 집행액: 254,300천원(집행률 79.5%)", f" {executed}")))
        p = rows(r, "programs", PROGRAMS)[1]
        assert p[6] == 320000
        f = r.findings.query("check == 'rate' and severity == 'error'")
        assert (list(f[["check", "severity"]].itertuples(index=False, name=None)) == [expected]) if expected else (f.empty and p[7] is None)

    def test_results_in_a_table_of_targets_and_results(self, tmp_path):
        """'구 분 | 목 표 | 실 적 | 달성률(%)' under □ 추진실적, one row a measure with its counter word in
        brackets: every figure had been named unread, none stored. Each is a metric now (목표 a target,
        실적 a result), the 달성률 checked against them; a row of no known counter word (ha, 호) stays
        unread and named."""
        (r,) = load_text(tmp_path, PROVINCE.read_text(encoding="utf-8"))
        assert rows(r, "metrics", METRICS + ["label"])[:6] == [
            [1, 2500, "건", "target", "잔류농약 검사 — 목표"], [1, 2614, "건", "result", "잔류농약 검사"],
            [2, 2468, "개교", "target", "지원학교 — 목표"], [2, 2468, "개교", "result", "지원학교"],
            [2, 48000, "톤", "target", "공급물량 — 목표"], [2, 39850, "톤", "result", "공급물량"]]
        assert sorted(unread(r)) == sorted(["5,200", "4,856", "93.4", "4,100", "3,987", "97.2", "1", "470"])
        assert r.findings.query("check == 'metric_rate'").empty

    @pytest.mark.parametrize("printed,expected", [("83.1", "83.0"), ("83", None)])  # (83: 83.02 to no decimals, right)
    def test_a_rate_achieved_that_is_not_result_over_target(self, tmp_path, printed, expected):
        (r,) = load_text(tmp_path, swap(PROVINCE, ("공급물량(톤)\t48,000\t39,850\t83.0", f"공급물량(톤)\t48,000\t39,850\t{printed}")))
        f = r.findings.query("check == 'metric_rate'")
        assert f[["severity", "expected", "actual", "source_line"]].values.tolist() == ([["warning", expected, printed, 96]] if expected else [])
        assert (printed in unread(r)) == bool(expected)

    def test_a_table_of_indicators_by_year(self, tmp_path):
        """'구 분 | 2022년 | 2023년 목표 | 2023년 실적' under □ 성과지표 (a 구's): last year's figure earlier,
        this year's target and result; '(천명)' counts thousands."""
        (r,) = load_text(tmp_path, WARD.read_text(encoding="utf-8"))
        m = [x for x in rows(r, "metrics", METRICS + ["label"]) if x[0] in (1, 2) and x[3] != "part"]
        assert [x for x in m if x[4].startswith(("청년 신규", "전통시장 방문객", "빈 점포"))] == [
            [1, 60, "명", "target", "청년 신규 채용 — 목표"],  # (its 실적 64명: program 1's '… 38개 기업 64명' line, stored once)
            [2, 2840000, "명", "earlier", "전통시장 방문객 — 2022년"], [2, 3000000, "명", "target", "전통시장 방문객 — 2023년 목표"],
            [2, 3115000, "명", "result", "전통시장 방문객"],
            [2, 42, "개", "earlier", "빈 점포 수 — 2022년"], [2, 35, "개", "target", "빈 점포 수 — 2023년 목표"], [2, 38, "개", "result", "빈 점포 수"]]

    def test_amounts_in_won_that_leave_a_part_of_a_thousand(self, tmp_path):
        """'2,418,370,250' under '(단위: 원)' is 2,418,370.25천원, exactly as printed: each such row had been
        an amount_decimals warning that a full stop may have been the thousands separator (there is none).
        One info finding says it now; the amounts are stored with their decimals, as before."""
        (r,) = load_text(tmp_path, COUNTY.read_text(encoding="utf-8"))
        f = r.findings.query("check == 'amount_decimals'")
        assert f[["severity", "actual", "message"]].values.tolist() == [[
            "info", "5개", "원 단위로 적힌 금액 5개는 천원으로 바꾸면 1천원 미만이 남아 소수로 저장했습니다 (예: 2,418,370.25천원 = 2,418,370,250원)"]]
        assert rows(r, "budget_units", UNITS)[0] == ["일반회계", "농업경쟁력 강화", 3512480, 2418370.25, 68.9]

    @pytest.mark.parametrize("name,result,stored", [
        ("청년 신규 채용", "64", [[1, 64, "명", "result", "청년 채용 기업 인건비 지원"]]),
        ("청년 신규 채용", "66", [[1, 64, "명", "result", "청년 채용 기업 인건비 지원"], [1, 66, "명", "result", "청년 신규 채용"]]),
        ("멘토링 참여", "64", [[1, 64, "명", "result", "청년 채용 기업 인건비 지원"], [1, 64, "명", "result", "멘토링 참여"]]),  # no word shared: two results
    ])
    def test_a_tables_result_that_a_line_prints_too_is_stored_once(self, tmp_path, name, result, stored):
        """'청년 채용 기업 인건비 지원: 38개 기업 64명' and the 성과지표 table's '청년 신규 채용(명) | 60 | 64': one
        result, not 128 people reached (the briefing's cost per person halved). Another figure, or the
        same of another measure, stays."""
        (r,) = load_text(tmp_path, swap(WARD, ("청년 신규 채용(명)\t60\t64\t106.7", f"{name}(명)\t60\t{result}\t106.7")))
        assert [m for m in rows(r, "metrics", METRICS + ["label"]) if m[0] == 1 and m[2] == "명" and m[3] == "result" and m[1] != 96] == stored
        assert ("64" in unread(r)) is False


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_provinces_department_to_its_committee(tmp_path, fmt):
    """A 도's 과 (경기도 친환경농업과 to the 도의회's 농정해양위원회): 백만원 with decimals, 국비/도비 columns in
    part I, 국비/도비/시군비 in its programs, results as tables of 목표/실적/달성률."""
    (r,) = load_all(tmp_path, PROVINCE, fmt)
    assert rows(r, "reports", ["report_id", "district", "department", "year", "plan_year", "session", "money_unit"]) == [
        ["경기도_친환경농업과_2023", "경기도", "친환경농업과", 2023, 2024, "제372회 경기도의회 정례회", "백만원"]]
    rep = r.tables["reports"]
    assert rep["session_start"].isna().all() and rep["session_end"].isna().all() and str(rep["as_of"].iloc[0]) == "2023-10-31"  # ('2023. 11.': no day)
    assert rows(r, "teams", ["team", "duty"]) == [
        ["친환경정책팀", "친환경농업 육성계획 수립, 친환경농업지구 조성"], ["친환경인증팀", "친환경 인증 지원, 인증농가 사후관리"],
        ["학교급식팀", "친환경 학교급식 지원, 공공급식 지원센터 운영"], ["토양비료팀", "토양개량제 공급, 유기질비료 지원"]]
    assert rows(r, "staffing", STAFF) == [
        ["", "4급", 1, 1, 0], ["", "5급", 4, 4, 0], ["", "6급", 8, 7, -1], ["", "7급", 6, 7, 1], ["", "8급", 3, 2, -1], ["", "9급", 1, 1, 0], ["공무직", "", 1, 1, 0]]
    assert r.tables["facilities"].empty
    assert rows(r, "budget_units", UNITS) == [
        ["일반회계", "친환경농업 육성", 12480600, 9326200, 74.7], ["일반회계", "친환경 학교급식 지원", 52143000, 39382600, 75.5],
        ["일반회계", "토양환경 개선", 4620800, 2810900, 60.8], ["일반회계", "기본경비", 510500, 199700, 39.1]]
    assert rows(r, "budget_unit_funding", ["unit", "source", "budget", "executed"]) == [
        ["친환경농업 육성", "국비", 4215300, None], ["친환경농업 육성", "도비", 8265300, None], ["친환경 학교급식 지원", "국비", 0, None],
        ["친환경 학교급식 지원", "도비", 52143000, None], ["토양환경 개선", "국비", 971200, None], ["토양환경 개선", "도비", 3649600, None],
        ["기본경비", "국비", 0, None], ["기본경비", "도비", 510500, None]]
    assert rows(r, "programs", PROGRAMS) == [  # (programs 1 and 2 count the 시군비 no unit project of the 도 holds: linked to none)
        ["actual", 2023, 1, "친환경농산물 인증 지원", "친환경인증팀", None, 3482600, 2917300, 83.8],
        ["actual", 2023, 2, "친환경 학교급식 지원", "학교급식팀", None, 130357500, 98470200, 75.5],
        ["actual", 2023, 3, "토양개량제 및 유기질비료 공급", "토양비료팀", "토양환경 개선", 4620800, 2810900, 60.8],
        ["plan", 2024, 1, "친환경농업 인증 확대", "친환경인증팀", None, 3620400, None, None],
        ["plan", 2024, 2, "친환경 학교급식 지원 내실화", "학교급식팀", None, 131250000, None, None]]
    assert rows(r, "program_budget_rows", BUDGET_ROWS) == [
        ["actual", 1, "계", 3482600, 2917300, 83.8, True], ["actual", 1, "국 비", 1044800, 875200, 83.8, False],
        ["actual", 1, "도 비", 731300, 612600, 83.8, False], ["actual", 1, "시군비", 1706500, 1429500, 83.8, False],
        ["actual", 2, None, 130357500, 98470200, 75.5, True], ["actual", 3, None, 4620800, 2810900, 60.8, True],
        ["plan", 1, None, 3620400, None, None, True], ["plan", 2, None, 131250000, None, None, True]]
    assert rows(r, "program_funding", FUNDING) == [
        ["actual", 1, "국비", 1044800, 875200], ["actual", 1, "도비", 731300, 612600], ["actual", 1, "시군비", 1706500, 1429500],
        ["actual", 2, "국비", 0, None], ["actual", 2, "도비", 52143000, None], ["actual", 2, "시군비", 78214500, None],
        ["actual", 3, "국비", 971200, 971200], ["actual", 3, "도비", 3649600, 1839700],
        ["plan", 1, "국비", 1086100, None], ["plan", 1, "도비", 760300, None], ["plan", 1, "시군비", 1774000, None],
        ["plan", 2, "도비", 52500000, None], ["plan", 2, "시군비", 78750000, None]]
    assert rows(r, "metrics", METRICS + ["label"]) == [
        [1, 2500, "건", "target", "잔류농약 검사 — 목표"], [1, 2614, "건", "result", "잔류농약 검사"],
        [2, 2468, "개교", "target", "지원학교 — 목표"], [2, 2468, "개교", "result", "지원학교"],
        [2, 48000, "톤", "target", "공급물량 — 목표"], [2, 39850, "톤", "result", "공급물량"],
        [3, 41250, "톤", "result", "토양개량제 공급"], [3, 45000, "톤", "target", "토양개량제 공급 — 목표 45,000톤"],
        [3, 3820000, "포", "result", "유기질비료 공급"], [3, 12640, "농가", "result", "유기질비료 공급"]]
    assert problems(r) == [] and r.findings.query("severity == 'warning' and check != 'coverage'").empty
    # Unread and named: the rows in ha and 호 (no counter word of layout.toml: 호 is an order, '제3호') with their
    # 달성률, and the meal's price '(1식 470원)'.
    assert sorted(unread(r)) == sorted(["5,200", "4,856", "93.4", "4,100", "3,987", "97.2", "1", "470"])
    assert counted(r) == (112, 120)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_countys_department_by_job_series_in_won(tmp_path, fmt):
    """A 군's 과 (예천군 농업정책과): 조직 as 팀 | 담당업무 | 인원, 인력 by 직렬 (행정, 농업, 시설, 녹지), money in
    원, each program's results as dated bullets under □ 추진상황."""
    (r,) = load_all(tmp_path, COUNTY, fmt)
    assert rows(r, "reports", ["report_id", "district", "department", "year", "plan_year", "session", "money_unit"]) == [
        ["예천군_농업정책과_2022", "예천군", "농업정책과", 2022, 2023, "제268회 예천군의회 제2차 정례회", "원"]]
    assert [str(r.tables["reports"][c].iloc[0]) for c in ("session_start", "session_end", "as_of")] == ["2022-11-22", "2022-12-16", "2022-10-31"]
    assert rows(r, "teams", ["team", "duty"]) == [
        ["농업정책팀", "농업정책 총괄, 농업인 교육, 귀농귀촌 지원"], ["친환경농업팀", "친환경농업 육성, 토양개량제·유기질비료 공급"],
        ["농산유통팀", "농산물 유통·판로 지원, 공공급식 운영"]]
    # The 직렬 are stored as the grades of no category, as printed (one header row, none ending in 직).
    assert rows(r, "staffing", STAFF) == [
        ["", "행정", 5, 6, 1], ["", "농업", 7, 6, -1], ["", "시설", 2, 1, -1], ["", "녹지", 1, 1, 0], ["공무직", "", 1, 2, 1]]
    assert r.tables["facilities"].empty
    assert rows(r, "budget_units", UNITS) == [  # 천원, exact: 2,418,370,250원 is 2,418,370.25천원
        ["일반회계", "농업경쟁력 강화", 3512480, 2418370.25, 68.9], ["일반회계", "친환경농업 육성", 2816500, 2054218, 72.9],
        ["일반회계", "농산물 유통 지원", 2945840, 1826527.23, 62.0], ["일반회계", "기본경비", 182500, 83800, 45.9]]
    assert r.tables["budget_unit_funding"].empty
    assert rows(r, "programs", PROGRAMS) == [
        ["actual", 2022, 1, "귀농귀촌 정착 지원", "농업정책팀", None, 685000, 512384.6, 74.8],
        ["actual", 2022, 2, "친환경농업 육성 지원", "친환경농업팀", "친환경농업 육성", 2816500, 2054218, 72.9],
        ["actual", 2022, 3, "공공급식 지원센터 운영", "농산유통팀", None, 1240000, 913875.5, 73.7],
        ["plan", 2023, 1, "귀농귀촌 유치 활성화", "농업정책팀", None, 720000, None, None],
        ["plan", 2023, 2, "공공급식 지원 확대", "농산유통팀", None, 1310000, None, None]]
    assert rows(r, "program_budget_rows", BUDGET_ROWS) == [
        ["actual", 1, None, 685000, 512384.6, 74.8, True], ["actual", 2, "계", 2816500, 2054218, 72.9, True],
        ["actual", 2, "국 비", 845000, 612540, 72.5, False], ["actual", 2, "도 비", 422500, 306270, 72.5, False],
        ["actual", 2, "군 비", 1549000, 1135408, 73.3, False], ["actual", 3, None, 1240000, 913875.5, 73.7, True],
        ["plan", 1, None, 720000, None, None, True], ["plan", 2, None, 1310000, None, None, True]]
    assert rows(r, "program_funding", FUNDING) == [  # 군비 under its canonical name 구비
        ["actual", 1, "국비", 240000, 240000], ["actual", 1, "도비", 72000, 72000], ["actual", 1, "구비", 373000, 200384.6],
        ["actual", 2, "국비", 845000, 612540], ["actual", 2, "도비", 422500, 306270], ["actual", 2, "구비", 1549000, 1135408],
        ["plan", 1, "국비", 240000, None], ["plan", 1, "도비", 72000, None], ["plan", 1, "구비", 408000, None], ["plan", 2, "구비", 1310000, None]]
    assert rows(r, "metrics", METRICS + ["label"]) == [
        [1, 52, "명", "result", "대상자 선정"], [1, 6, "회", "result", "귀농귀촌 교육"], [1, 120, "명", "result", "귀농귀촌 교육"],
        [1, 18, "가구", "result", "귀농인 주택 수리비 지원"], [2, 3215, "농가", "result", "유기질비료 신청 접수"],
        [2, 412600, "포", "result", "유기질비료 공급"], [2, 2350, "톤", "result", "토양개량제 공급"], [2, 86, "농가", "result", "친환경 인증비 지원"],
        [3, 12, "개소", "result", "공급업체 선정 및 계약"], [3, 42, "개소", "result", "학교·어린이집 식재료 공급"],
        [3, 2, "회", "result", "공급 농가 교육"], [3, 85, "명", "result", "공급 농가 교육"]]
    assert problems(r) == [] and r.findings.query("severity == 'warning' and check != 'coverage'").empty
    assert r.findings.query("check == 'amount_decimals'")["severity"].tolist() == ["info"]
    assert sorted(unread(r)) == sorted(["6", "5", "5"])  # the teams' 인원
    assert counted(r) == (92, 95)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_wards_department_with_budgets_in_sentences(tmp_path, fmt):
    """A 구's 과 (광주광역시 북구 일자리경제과): no table of contents, each program's money in its 사업개요
    ('○ 사업비: 450,000천원(국 50%, 시 25%, 구 25%)', '○ 집행액: …(집행률 70.8%)'), 성과지표 tables, and
    □ 문제점 및 대책 with figures (no results: said by figures_elsewhere)."""
    (r,) = load_all(tmp_path, WARD, fmt)
    assert rows(r, "reports", ["report_id", "district", "department", "year", "plan_year", "session", "money_unit"]) == [
        ["광주광역시 북구_일자리경제과_2023", "광주광역시 북구", "일자리경제과", 2023, 2024, "제289회 광주광역시 북구의회 제2차 정례회", "천원"]]
    assert [str(r.tables["reports"][c].iloc[0]) for c in ("session_start", "session_end", "as_of")] == ["2023-11-20", "2023-12-19", "2023-10-31"]
    assert rows(r, "teams", ["team", "duty"]) == [
        ["일자리정책팀", "일자리 정책 총괄, 일자리 공시제"], ["청년일자리팀", "청년 일자리 창출, 청년센터 운영"],
        ["지역경제팀", "지역경제 활성화, 물가 관리"], ["소상공인지원팀", "소상공인 지원, 전통시장 활성화"]]
    assert rows(r, "staffing", STAFF) == [
        ["", "5급", 1, 1, 0], ["", "6급", 5, 5, 0], ["", "7급", 7, 6, -1], ["", "8급", 4, 5, 1], ["", "9급", 2, 2, 0],
        ["공무직", "", 1, 1, 0], ["기간제", "", 1, 1, 0]]
    assert r.tables["facilities"].empty
    assert rows(r, "budget_units", UNITS) == [
        ["일반회계", "일자리 창출 지원", 1852400, 1320568, 71.3], ["일반회계", "청년 자립 지원", 924600, 581240, 62.9],
        ["일반회계", "지역경제 활성화", 2814500, 1968354, 69.9], ["일반회계", "기본경비", 271740, 145700, 53.6]]
    assert rows(r, "programs", PROGRAMS) == [
        ["actual", 2023, 1, "청년 일자리 창출 지원", "청년일자리팀", None, 450000, 318600, 70.8],
        ["actual", 2023, 2, "전통시장 및 골목상권 활성화", "지역경제팀", None, 320000, 254300, 79.5],
        ["actual", 2023, 3, "소상공인 경영안정자금 이차보전", "소상공인지원팀", None, 180000, 142560, 79.2],
        ["plan", 2024, 1, "청년 일자리 창출 지원 확대", "청년일자리팀", None, 520000, None, None],
        ["plan", 2024, 2, "전통시장 활성화", "지역경제팀", None, 340000, None, None]]
    assert rows(r, "program_budget_rows", BUDGET_ROWS) == [
        ["actual", 1, None, 450000, 318600, 70.8, True], ["actual", 2, None, 320000, 254300, 79.5, True],
        ["actual", 3, None, 180000, 142560, 79.2, True], ["plan", 1, None, 520000, None, None, True], ["plan", 2, None, 340000, None, None, True]]
    # Shares in percent (programs 1 of both parts) give no amounts: each a funding_shares warning, their numbers unread.
    assert rows(r, "program_funding", FUNDING) == [
        ["actual", 2, "시비", 160000, None], ["actual", 2, "구비", 160000, None], ["actual", 3, "구비", 180000, None],
        ["plan", 2, "시비", 170000, None], ["plan", 2, "구비", 170000, None]]
    assert r.findings.query("severity == 'warning' and check != 'coverage'")["check"].tolist() == ["funding_shares", "funding_shares"]
    assert rows(r, "metrics", METRICS + ["label"]) == [
        [1, 38, "기업", "result", "청년 채용 기업 인건비 지원"], [1, 64, "명", "result", "청년 채용 기업 인건비 지원"],
        [1, 4, "회", "result", "청년 직무역량 교육"], [1, 96, "명", "result", "청년 직무역량 교육"], [1, 60, "명", "target", "청년 신규 채용 — 목표"],
        [2, 5, "개소", "result", "전통시장 시설 현대화"], [2, 2, "개소", "part", "전통시장 시설 현대화 — 아케이드 보수"],
        [2, 3, "개소", "part", "전통시장 시설 현대화 — 고객지원센터"], [2, 4, "회", "result", "온누리상품권 할인 행사"],
        [2, 2840000, "명", "earlier", "전통시장 방문객 — 2022년"], [2, 3000000, "명", "target", "전통시장 방문객 — 2023년 목표"],
        [2, 3115000, "명", "result", "전통시장 방문객"], [2, 42, "개", "earlier", "빈 점포 수 — 2022년"],
        [2, 35, "개", "target", "빈 점포 수 — 2023년 목표"], [2, 38, "개", "result", "빈 점포 수"], [3, 312, "업체", "result", "경영안정자금 융자 추천"]]
    assert problems(r) == []
    # Unread and named: the shares (50, 25, 25 twice), the 고용유지율(%) row, the sales and loans in 천원 among the
    # results, the loan terms (2%, 50,000천원) and the 20억원 of guarantees under 대책.
    assert sorted(unread(r)) == sorted(["50", "25", "25", "50", "25", "25", "6", "80", "73.4", "91.8", "1,250,000천원", "2", "50,000",
                                        "12,480,000천원", "20"])
    assert counted(r) == (78, 93)


@pytest.mark.parametrize("header,kept", [("구 분\t계 획\t실 적\t달성률(%)", True), ("구 분\t목 표\t실 적\t달성률(%)", True), ("구 분\t전 년\t실 적\t비 고", False)])
def test_a_results_tables_target_column_named_plan(tmp_path, header, kept):
    """'구 분 | 계 획 | 실 적 | 달성률' (a plan for the target): read as the 목표 column ('계획' had left the
    table unread); a table with no target nor rate column beside its 실적 stays unread, named."""
    text = PROVINCE.read_text(encoding="utf-8")
    assert text.count("구 분\t목 표\t실 적\t달성률(%)") == 2
    (r,) = load_text(tmp_path, text.replace("구 분\t목 표\t실 적\t달성률(%)", header, 1))
    m = rows(r, "metrics", METRICS + ["label"])
    got = [x for x in m if x[0] == 1]
    header_word = "".join(header.split("\t")[1].split())
    assert got == ([[1, 2500, "건", "target", f"잔류농약 검사 — {header_word}"], [1, 2614, "건", "result", "잔류농약 검사"]] if kept else [])


def test_a_results_tables_unit_column(tmp_path):
    """'구 분 | 단 위 | 목 표 | 실 적 | 달성률(%)', the counter word in a column of its own: no row had a
    counter word, the table was left whole to coverage (every figure named unread)."""
    text = swap(PROVINCE, ("구 분\t목 표\t실 적\t달성률(%)\n인증면적(ha)\t5,200\t4,856\t93.4\n인증농가(호)\t4,100\t3,987\t97.2\n잔류농약 검사(건)\t2,500\t2,614\t104.6",
                           "구 분\t단 위\t목 표\t실 적\t달성률(%)\n인증면적\tha\t5,200\t4,856\t93.4\n인증농가\t호\t4,100\t3,987\t97.2\n잔류농약 검사\t건\t2,500\t2,614\t104.6"))
    (r,) = load_text(tmp_path, text)
    assert [x for x in rows(r, "metrics", METRICS + ["label"]) if x[0] == 1] == [[1, 2500, "건", "target", "잔류농약 검사 — 목표"], [1, 2614, "건", "result", "잔류농약 검사"]]
    (base,) = load_text(tmp_path, PROVINCE.read_text(encoding="utf-8"), "base.txt")
    assert sorted(unread(r)) == sorted(unread(base)) and counted(r) == counted(base)


@pytest.mark.parametrize("heading,date", [("□ 추진현황", "‘22. 3~4월"), ("□ 주요 추진현황", "5~10월"), ("□ 추진상황", "‘22. 상반기"), ("□ 추진상황", "2022. 1~2분기")])
def test_other_progress_headings_and_dates(tmp_path, heading, date):
    """'□ 추진현황' (as 추진상황) had been no results heading, and a date as '3~4월', '5~10월', '상반기' or
    '1~2분기' no date: its figures labelled '‘22. 3~4월 — 대상자 선정'."""
    text = swap(COUNTY, (" ○ ‘22. 3. ~ 4. : 대상자 선정 52명", f" ○ {date} : 대상자 선정 52명")).replace("□ 추진상황", heading)
    (r,) = load_text(tmp_path, text)
    assert rows(r, "metrics", METRICS + ["label"])[:2] == [[1, 52, "명", "result", "대상자 선정"], [1, 6, "회", "result", "귀농귀촌 교육"]]
    assert r.findings.query("check == 'results_missing'").empty


@pytest.mark.parametrize("rows_,expected,warned", [
    ("계\t명\t500\t520\t104.0\n청년\t명\t300\t310\t103.3\n중장년\t명\t200\t210\t105.0",
     [[1, 500, "명", "target", "계 — 목표"], [1, 520, "명", "result", "계"], [1, 300, "명", "target", "청년 — 목표"], [1, 310, "명", "part", "계 — 청년"],
      [1, 200, "명", "target", "중장년 — 목표"], [1, 210, "명", "part", "계 — 중장년"]], []),
    ("계\t명\t500\t520\t104.0\n청년\t명\t300\t310\t103.3\n중장년\t명\t200\t230\t115.0",
     [[1, 500, "명", "target", "계 — 목표"], [1, 520, "명", "result", "계"], [1, 300, "명", "target", "청년 — 목표"], [1, 310, "명", "part", "계 — 청년"],
      [1, 200, "명", "target", "중장년 — 목표"], [1, 230, "명", "part", "계 — 중장년"]], [("520명", "540명")]),
])
def test_a_results_tables_total_row(tmp_path, rows_, expected, warned):
    """A 계 row over the rows it sums: each other row had been a result beside it (520 + 310 + 210 people
    reached for 520). They are its parts (a warning where they do not add up to it)."""
    text = swap(PROVINCE, ("구 분\t목 표\t실 적\t달성률(%)\n인증면적(ha)\t5,200\t4,856\t93.4\n인증농가(호)\t4,100\t3,987\t97.2\n잔류농약 검사(건)\t2,500\t2,614\t104.6",
                           f"구 분\t단 위\t목 표\t실 적\t달성률(%)\n{rows_}"))
    (r,) = load_text(tmp_path, text)
    assert [x for x in rows(r, "metrics", METRICS + ["label"]) if x[0] == 1] == expected
    f = r.findings.query("check == 'metric_breakdown'")
    assert list(zip(f["expected"], f["actual"])) == warned


def test_a_results_tables_rows_of_years_and_a_running_total(tmp_path):
    """Rows of a year and a 누계 row ('2022년 | 건 | 2,400 | 2,380', '누계 | 건 | … '): each had been a 2023
    result beside this year's (three results of 검사, 7,514건 'done' in 2023)."""
    text = swap(PROVINCE, ("구 분\t목 표\t실 적\t달성률(%)\n인증면적(ha)\t5,200\t4,856\t93.4\n인증농가(호)\t4,100\t3,987\t97.2\n잔류농약 검사(건)\t2,500\t2,614\t104.6",
                           "구 분\t단 위\t목 표\t실 적\n2022년\t건\t2,400\t2,380\n2023년\t건\t2,500\t2,614\n누계\t건\t-\t7,514"))
    (r,) = load_text(tmp_path, text)
    assert [x for x in rows(r, "metrics", METRICS + ["label"]) if x[0] == 1] == [
        [1, 2400, "건", "target", "2022년 — 목표"], [1, 2380, "건", "earlier", "2022년 — 실적"], [1, 2500, "건", "target", "2023년 — 목표"],
        [1, 2614, "건", "result", "2023년"], [1, 7514, "건", "stock", "누계 — 실적"]]


@pytest.mark.parametrize("period,read", [("2023. 1. ~ 12.", True), ("2021. ~ 2025.", False), ("’22. ~ ’24.", False)])
def test_a_sentence_budget_of_a_program_over_several_years(tmp_path, period, read):
    """'○ 사업기간: 2021. ~ 2025.' over '○ 사업비: 450,000천원': the 사업비 may be the years' total, not this
    year's budget; it is not taken (the program has no budget, said, its amounts named unread)."""
    (r,) = load_text(tmp_path, swap(WARD, (" ○ 사업기간: 2023. 1. ~ 12.", f" ○ 사업기간: {period}")))
    p = rows(r, "programs", PROGRAMS)[0]
    assert p[6:] == ([450000, 318600, 70.8] if read else [None, None, None])
    assert r.findings.query("check == 'program_budget' and source_line in (41, 48)")["severity"].tolist() == ["info" if read else "warning"]
    assert ("450,000" in unread(r)) is not read
