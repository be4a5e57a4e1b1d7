"""Faults in a report's content, as retyping, OCR, a converter or a flipped bit makes them: a
cell dropped, duplicated, swapped or split by a stray tab, a digit made a look-alike letter.
Each case here was a silent wrong number or a traceback (``benchmarks/faults.py`` measures them
all); each asserts the exact error or finding it gives now, and a control asserts that the
layout a legitimate report prints is still read as before.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.errors import ReportError
from analysis.store.build import _reports_rows
from conftest import REPORT_PATH, variant

TEXT = REPORT_PATH.read_text(encoding="utf-8")
OFFICES = Path(__file__).parent / "data" / "offices"
NAME = REPORT_PATH.name


def rows(text: str, name: str = NAME) -> dict:
    """The first report's rows of a text (read, interpreted, checked)."""
    return _reports_rows(name, text.encode("utf-8"))[0]


def refusal(text: str, name: str = NAME) -> str:
    with pytest.raises(ReportError) as e:
        _reports_rows(name, text.encode("utf-8"))
    return str(e.value)


def loud(findings: list[dict]) -> list[tuple]:
    """(check, severity, source_loc, message) of the error and warning findings."""
    return [(f["check"], f["severity"], f["source_loc"], f["message"]) for f in findings if f["severity"] != "info"]


# --- the table of contents ------------------------------------------------------------------


class TestContents:
    def test_a_cell_written_twice_is_refused_at_its_row(self):
        """'① | ① | 사업명 | 4' under '연번 | 사 업 명 | 쪽': a KeyError traceback ('team') had
        stopped the build (a row wider than the header, in contents with no team column)."""
        text = variant(TEXT, ("①\t국내·외 도시교류 네트워크 확대\t4", "①\t①\t국내·외 도시교류 네트워크 확대\t4"))
        assert refusal(text) == (f"{NAME}:58: expected 3 cells (연번, 사 업 명, 쪽) in each row of the contents, "
                                 "found 4 cells: '① | ① | 국내·외 도시교류 네트워크 확대 | 4'")

    def test_a_tab_inside_a_name_is_refused(self):
        text = variant(TEXT, ("②\t평화통일·남북교류협력 기반조성\t5", "②\t평화통일·남북교류\t협력 기반조성\t5"))
        assert refusal(text) == (f"{NAME}:59: expected 3 cells (연번, 사 업 명, 쪽) in each row of the contents, "
                                 "found 4 cells: '② | 평화통일·남북교류 | 협력 기반조성 | 5'")

    @pytest.mark.parametrize("row", ["②\t5", "②\t평화통일·남북교류협력 기반조성 5"])
    def test_a_name_lost_or_run_into_its_page_is_refused(self, row):
        """The name's cell dropped ('② | 5') had made program 2 '5'; name and page run together
        (a tab lost) had made it '평화통일·남북교류협력 기반조성 5'. Both silent."""
        text = variant(TEXT, ("②\t평화통일·남북교류협력 기반조성\t5", row))
        assert refusal(text) == (f"{NAME}:59: expected 3 cells (연번, 사 업 명, 쪽) in each row of the contents, "
                                 f"found 2 cells: '{row.replace(chr(9), ' | ')}'")

    def test_control_a_row_without_its_page_is_read(self):
        """The page left out ('② | 평화통일·남북교류협력 기반조성'): the name is sure, and read."""
        text = variant(TEXT, ("②\t평화통일·남북교류협력 기반조성\t5", "②\t평화통일·남북교류협력 기반조성"))
        got = rows(text)
        assert [p["program"] for p in got["programs"] if p["stage"] == "actual"] == [p["program"] for p in rows(TEXT)["programs"] if p["stage"] == "actual"]
        assert loud(got["findings"]) == loud(rows(TEXT)["findings"])


# --- the staffing table's header ------------------------------------------------------------

GRADES = "\t\t4급\t5급\t6급\t7급\t8급\t9급\t6급"  # line 33: 일반직 4급 … 9급, then 관리운영직 6급 …


def header_findings(text: str) -> list[tuple]:
    return [(f["source_loc"], f["expected"], f["actual"], f["message"]) for f in rows(text)["findings"] if f["check"] == "staffing_header"]


class TestStaffingHeader:
    def test_a_grade_that_is_no_grade_is_a_warning(self):
        """'6급' typed or read as '&급' (a shifted key, a flipped bit): its headcounts had been
        stored under grade '&급', nothing said."""
        text = variant(TEXT, (GRADES, GRADES.replace("6급", "&급", 1)))
        assert header_findings(text) == [(
            "line 33, table 3, row 2, col 5", "a job category or grade (일반직, 6급, 가급, 학예연구사…)", "&급",
            "인력현황 표의 머리칸 '&급'(33행 3표 2줄 5칸)은 직렬·직급으로 읽을 수 없습니다. 그 칸의 인원은 적힌 대로 저장됩니다")]
        assert [(s["category"], s["grade"], s["authorized"]) for s in rows(text)["staffing"]][2] == ("일반직", "&급", 5)

    @pytest.mark.parametrize("grade", ["0급", "6급X", "6 l급"])
    def test_other_damaged_grades(self, grade):
        text = variant(TEXT, (GRADES, GRADES.replace("6급", grade, 1)))
        assert [f[2] for f in header_findings(text)] == [grade.replace(" ", "")]

    def test_two_grades_swapped_is_a_warning(self):
        """'5급 | 4급 | 6급': the 4급 and 5급 headcounts had been stored under each other's grade."""
        text = variant(TEXT, (GRADES, GRADES.replace("4급\t5급", "5급\t4급")))
        assert header_findings(text) == [(
            "line 33, table 3, row 2, col 4", "the grades of 일반직 in order", "5급 | 4급 | 6급 | 7급 | 8급 | 9급",
            "인력현황 표의 일반직 직급이 차례대로가 아닙니다(5급 | 4급 | 6급 | 7급 | 8급 | 9급): 5급 다음 4급(33행 3표 2줄 4칸). "
            "두 칸이 바뀌었다면 그 인원도 바뀌어 저장됩니다")]

    @pytest.mark.parametrize("grade, next_", [("1급", "5급"), ("2급", "5급")])
    def test_a_head_of_a_bureau_far_from_the_next_grade_is_a_warning(self, grade, next_):
        """'4급' typed or read as '1급': in order still, its headcounts had been stored under 1급 (a
        실·국's head, in no department's table), nothing said."""
        text = variant(TEXT, (GRADES, GRADES.replace("4급", grade, 1)))
        run = f"{grade} | 5급 | 6급 | 7급 | 8급 | 9급"
        assert header_findings(text) == [(
            "line 33, table 3, row 2, col 3", "the grades of 일반직 in a run", run,
            f"인력현황 표의 일반직 직급이 {grade} 다음 {next_}으로 건너뜁니다({run}, 33행 3표 2줄 3칸). 직급의 숫자가 잘못 적혔다면 그 칸의 인원이 다른 직급으로 저장됩니다")]

    def test_control_a_grade_left_out_says_nothing(self):
        # a department may print only the grades it has (a 3급 head, no 4급): no fault
        assert header_findings(variant(TEXT, (GRADES, GRADES.replace("4급", "3급", 1)))) == []

    def test_another_column_between_grades_is_a_warning(self):
        """'8급 | 공무직 | 9급' (two header cells swapped): 9급's headcounts had been stored as 공무직's."""
        bukgu = OFFICES / "bukgu_jobs-economy_2023.txt"
        text = variant(bukgu.read_text(encoding="utf-8"), ("8급\t9급\t공무직", "8급\t공무직\t9급"))
        got = rows(text, bukgu.name)
        said = "5급 | 6급 | 7급 | 8급 | 공무직 | 9급"
        assert [(f["source_loc"], f["expected"], f["actual"], f["message"]) for f in got["findings"] if f["check"] == "staffing_header"] == [(
            "line 21, table 2, row 1, col 7", "the grades of the table side by side", said,
            f"인력현황 표의 직급 사이에 '공무직'(21행 2표 1줄 7칸) 칸이 있습니다({said}). 두 칸이 바뀌었다면 그 인원도 바뀌어 저장됩니다")]

    def test_a_label_moved_into_the_columns_is_a_warning(self):
        """'계 | 구 분 | 일 반 직': the 계 column had been stored as a category '구분' of 15 staff
        (the total counted twice over)."""
        text = variant(TEXT, ("구 분\t계\t일 반 직", "계\t구 분\t일 반 직"))
        assert header_findings(text) == [(
            "line 32, table 3, row 1, col 2", "a job category or grade (일반직, 6급, 가급, 학예연구사…)", "구분",
            "인력현황 표의 머리칸 '구분'(32행 3표 1줄 2칸)은 직렬·직급으로 읽을 수 없습니다. 그 칸의 인원은 적힌 대로 저장됩니다")]

    def test_a_grade_moved_off_its_column_is_a_warning(self):
        """'4급' moved under the 계 column: 일반직's first column had been stored with no grade."""
        text = variant(TEXT, (GRADES, "\t4급\t\t5급\t6급\t7급\t8급\t9급\t6급"))
        assert header_findings(text) == [(
            "line 33, table 3, row 2, col 3", "a grade under 일반직", "none",
            "인력현황 표의 일반직 칸(33행 3표 2줄 3칸)에 직급이 없습니다. 다른 일반직 칸에는 직급이 있습니다")]

    def test_control_the_printed_headers_say_nothing(self):
        """The bundled report and the offices' (공무직, 기간제, 학예연구관, 전문경력관, 별정직·임기제)."""
        assert header_findings(TEXT) == []
        for path in sorted(OFFICES.glob("*.txt")):
            for report in _reports_rows(path.name, path.read_bytes()):
                assert [f for f in report["findings"] if f["check"] == "staffing_header"] == [], path.name


# --- the facilities table -------------------------------------------------------------------

CHUNGJU = OFFICES / "chungju_culture-tourism_2022.txt"
FACILITY_HEAD = "5 cells (시 설 명, 위 치, 규 모, 개 관, 비 고)"


def facility_rows(text: str) -> tuple[list, list]:
    got = rows(text, CHUNGJU.name)
    return ([(f["severity"], f["source_loc"], f["expected"], f["actual"], f["message"]) for f in got["findings"] if f["check"] == "facility_row"],
            [(x["facility"], x["location"], x["size"], x["note"]) for x in got["facilities"]])


class TestFacilities:
    ROW = "탄금대 관광안내소\t탄금대안길 105\t48㎡\t2015. 4.\t-"

    @pytest.mark.parametrize("row, cells, stored", [
        # the name's cell dropped: the location had been stored as the facility, the size as the location
        ("탄금대안길 105\t48㎡\t2015. 4.\t-", "4 cells: 탄금대안길 105 | 48㎡ | 2015. 4. | -", ("탄금대안길 105", "48㎡", "2015. 4.", "")),
        # location and size run together (a tab lost): the opening date had been stored as the size
        ("탄금대 관광안내소\t탄금대안길 105 48㎡\t2015. 4.\t-", "4 cells: 탄금대 관광안내소 | 탄금대안길 105 48㎡ | 2015. 4. | -",
         ("탄금대 관광안내소", "탄금대안길 105 48㎡", "2015. 4.", "")),
        # the name written twice: the name had been stored as the location, the location as the size
        ("탄금대 관광안내소\t탄금대 관광안내소\t탄금대안길 105\t48㎡\t2015. 4.\t-", "6 cells: 탄금대 관광안내소 | 탄금대 관광안내소 | 탄금대안길 105 | 48㎡ | 2015. 4. | -",
         ("탄금대 관광안내소", "탄금대 관광안내소", "탄금대안길 105", "개관 48㎡ · 비고 2015. 4.")),
    ])
    def test_a_row_of_another_width_is_a_warning(self, row, cells, stored):
        cells_held = cells.split()[0]
        findings, facilities = facility_rows(variant(CHUNGJU.read_text(encoding="utf-8"), (self.ROW, row)))
        assert findings == [("warning", "line 39, table 3, row 3, col 1", FACILITY_HEAD, cells,
                             f"주요시설 표의 행(39행 3표 3줄 1칸)이 {cells_held}칸으로 머리행의 5칸(시 설 명, 위 치, 규 모, 개 관, 비 고)과 다릅니다. "
                             "칸이 빠지거나 더해졌다면 그 뒤의 값은 다른 열에 저장됩니다")]
        assert facilities[1] == stored

    def test_control_the_rows_as_printed(self):
        assert facility_rows(CHUNGJU.read_text(encoding="utf-8")) == ([], [
            ("충주박물관", "중원대로 3352", "연면적 3,210㎡", "개관 1990. 5. · 비고 지상 2층"),
            ("탄금대 관광안내소", "탄금대안길 105", "48㎡", "개관 2015. 4."),
            ("충주문화회관", "예성로 241", "대공연장 887석", "개관 1995. 10. · 비고 소공연장 포함")])


class TestFacilityCells:
    """A cell of a facility's row that looks like another column's, or holds a date no calendar
    has: swapped cells (or header cells) had been stored under the other's column, nothing said."""

    @staticmethod
    def cells(text: str) -> list:
        got = rows(text, CHUNGJU.name)
        return [(f["source_loc"], f["expected"], f["actual"], f["message"]) for f in got["findings"] if f["check"] == "facility_cell"]

    @pytest.mark.parametrize("row, expected, actual, said", [
        # name and location swapped: the address had been stored as the facility
        ("탄금대안길 105\t탄금대 관광안내소\t48㎡\t2015. 4.\t-", "시 설 명: no address", "시 설 명 탄금대안길 105", "시 설 명 칸의 '탄금대안길 105'은 주소"),
        # location and size swapped
        ("탄금대 관광안내소\t48㎡\t탄금대안길 105\t2015. 4.\t-", "위 치: no size alone; 규 모: no address", "위 치 48㎡; 규 모 탄금대안길 105",
         "위 치 칸의 '48㎡'은 규모, 규 모 칸의 '탄금대안길 105'은 주소"),
        # size and opening date swapped
        ("탄금대 관광안내소\t탄금대안길 105\t2015. 4.\t48㎡\t-", "규 모: no date; 개 관: a date", "규 모 2015. 4.; 개 관 48㎡",
         "규 모 칸의 '2015. 4.'은 날짜, 개 관 칸의 '48㎡'은 날짜가 아닌 값"),
        # a digit of the date changed into a 14th month, or a year of the 15th century
        ("탄금대 관광안내소\t탄금대안길 105\t48㎡\t2015. 14.\t-", "개 관: a real date", "개 관 2015. 14.", "개 관 칸의 '2015. 14.'은 없는 날짜"),
        ("탄금대 관광안내소\t탄금대안길 105\t48㎡\t1015. 4.\t-", "개 관: a real date", "개 관 1015. 4.", "개 관 칸의 '1015. 4.'은 없는 날짜"),
    ])
    def test_a_cell_of_another_column_is_a_warning(self, row, expected, actual, said):
        assert self.cells(variant(CHUNGJU.read_text(encoding="utf-8"), (TestFacilities.ROW, row))) == [(
            "line 39, table 3, row 3, col 1", expected, actual,
            f"주요시설 표의 행(39행 3표 3줄 1칸)에서 {said}처럼 보입니다. 칸이 바뀌었거나 잘못 적혔는지 확인하세요")]

    @pytest.mark.parametrize("row, actual, said", [
        # the name written twice (the empty 비고 keeps the row as wide as its header): the name had been stored as the count
        ("노면청소차\t노면청소차\t2\t", "수량 노면청소차", "수량 칸의 '노면청소차'은 숫자 없는 값"),
        # the count moved off its 수량 into the empty 비고
        ("노면청소차\t\t2", "비고 2", "비고 칸의 '2'은 규모"),
    ])
    def test_an_equipment_count_out_of_its_column_is_a_warning(self, row, actual, said):
        yangsan = OFFICES / "yangsan_roads_2023.txt"
        got = rows(variant(yangsan.read_text(encoding="utf-8"), ("노면청소차\t2\t", row)), yangsan.name)
        assert [(f["actual"], f["message"]) for f in got["findings"] if f["check"] == "facility_cell"] == [(
            actual, f"주요시설 표의 행(39행 3표 3줄 1칸)에서 {said}처럼 보입니다. 칸이 바뀌었거나 잘못 적혔는지 확인하세요")]

    @pytest.mark.parametrize("row", [
        "탄금대 관광안내소\t3층\t48㎡\t2015. 4.\t-",  # a room's floor in a building is its location, no size
        "탄금대 관광안내소\t지하 1층\t48㎡\t2015. 4.\t-",
        "탄금대 관광안내소\t탄금대안길 105\t대형\t2015. 4.\t-",  # a size in words under 규모
        "탄금대 관광안내소\t탄금대안길 105\t소형\t2015. 4.\t-",
        "탄금대안길 105 관광안내소\t탄금대안길 105\t48㎡\t2015. 4.\t-",  # a name that begins with its address (had been flagged as an address)
    ])
    def test_ordinary_cells_say_nothing(self, row):
        assert self.cells(variant(CHUNGJU.read_text(encoding="utf-8"), (TestFacilities.ROW, row))) == []

    def test_a_year_in_an_empty_sizes_note_says_nothing(self):
        yangsan = OFFICES / "yangsan_roads_2023.txt"
        got = rows(variant(yangsan.read_text(encoding="utf-8"), ("노면청소차\t2\t", "노면청소차\t\t2016")), yangsan.name)
        assert [f["actual"] for f in got["findings"] if f["check"] == "facility_cell"] == []

    def test_swapped_header_cells_warn_on_every_row(self):
        text = variant(CHUNGJU.read_text(encoding="utf-8"), ("시 설 명\t위 치\t", "위 치\t시 설 명\t"))
        assert [(loc, actual) for loc, _, actual, _ in self.cells(text)] == [
            ("line 38, table 3, row 2, col 1", "시 설 명 중원대로 3352"), ("line 39, table 3, row 3, col 1", "시 설 명 탄금대안길 105"),
            ("line 40, table 3, row 4, col 1", "시 설 명 예성로 241")]

    def test_control_the_printed_facilities_say_nothing(self):
        assert self.cells(CHUNGJU.read_text(encoding="utf-8")) == []
        for path in sorted(OFFICES.glob("*.txt")):
            for report in _reports_rows(path.name, path.read_bytes()):
                assert [f for f in report["findings"] if f["check"] == "facility_cell"] == [], path.name


# --- the organisation table, one team a row -------------------------------------------------

YEONGWOL = OFFICES / "yeongwol_welfare_2023.txt"


def team_rows(text: str) -> tuple[list, list]:
    got = rows(text, YEONGWOL.name)
    return ([(f["severity"], f["source_loc"], f["expected"], f["actual"], f["message"]) for f in got["findings"] if f["check"] == "team_row"],
            [(x["team"], x["duty"]) for x in got["teams"] if x["team"] == "복지정책팀"])


class TestTeamRows:
    ROW = "복지정책팀\t6\t사회복지 종합계획 수립, 사회복지기금 운용, 사회복지시설 지원"

    @pytest.mark.parametrize("row, duties", [
        # the team's name written twice: its headcount '6' had been stored as its duty
        ("복지정책팀\t복지정책팀\t6\t사회복지 종합계획 수립, 사회복지기금 운용, 사회복지시설 지원", ["6", "사회복지 종합계획 수립, 사회복지기금 운용, 사회복지시설 지원"]),
        # a stray tab inside the duties: '사회복지기금 운용' had been stored cut in two ('사회복', '지기금 운용')
        ("복지정책팀\t6\t사회복지 종합계획 수립, 사회복\t지기금 운용, 사회복지시설 지원", ["사회복지 종합계획 수립, 사회복", "지기금 운용, 사회복지시설 지원"]),
    ])
    def test_a_cell_more_than_the_header_is_a_warning(self, row, duties):
        findings, got = team_rows(variant(YEONGWOL.read_text(encoding="utf-8"), (self.ROW, row)))
        assert findings == [("warning", "line 24, table 1, row 2, col 1", "3 cells (팀 명, 인 원, 주 요 업 무)", "4 cells: " + row.replace("\t", " | "),
                             "조직표의 행(24행 1표 2줄 1칸)이 4칸으로 머리행의 3칸보다 많습니다. 칸이 더해졌거나 나뉘었다면 팀의 업무가 잘못 읽힙니다")]
        assert [d for _, d in got] == duties

    def test_control_the_rows_as_printed(self):
        assert team_rows(YEONGWOL.read_text(encoding="utf-8")) == ([], [("복지정책팀", "사회복지 종합계획 수립, 사회복지기금 운용, 사회복지시설 지원")])
        busan = OFFICES / "busan_culture-sports_2022_booklet.txt"
        for report in _reports_rows(busan.name, busan.read_bytes()):
            assert [f for f in report["findings"] if f["check"] == "team_row"] == []


# --- a digit replaced by a letter that looks like it ----------------------------------------

from analysis.interpret.lookalike import lookalike_numbers  # noqa: E402


class TestLookalikeDigits:
    def test_a_figure_of_the_results(self):
        """'위원장 포함 l4명' (1 typed as l): read as 4명 with 'l' in its label, nothing said."""
        got = rows(variant(TEXT, ("위원장 포함 14명", "위원장 포함 l4명")))
        assert [(f["severity"], f["source_loc"], f["expected"], f["actual"], f["message"]) for f in got["findings"] if f["check"] == "lookalike_number"] == [
            ("warning", "line 130", "a number in digits (0-9)", "l4", "숫자 'l4'(130행)에 숫자와 닮은 글자(O, l, I, &)가 있습니다. 그 수는 잘못 읽혔거나 읽히지 않았습니다")]
        # and the 4 left of it is no metric (it had been stored as 4명): unread, named by coverage
        assert not [m for m in got["metrics"] if m["source_line"] == 130 and m["value"] == 4]
        assert [f["message"] for f in got["findings"] if f["check"] == "coverage" and f["severity"] == "warning"] == ["문단의 숫자 4명(130행)을 어느 표에도 읽지 못했습니다"]

    def test_a_cell(self):
        """'I8㎡' for '48㎡' in the facilities table: stored as the size 'I8㎡', nothing said."""
        got = rows(variant(CHUNGJU.read_text(encoding="utf-8"), ("\t48㎡\t", "\tI8㎡\t")), CHUNGJU.name)
        assert [(f["source_loc"], f["actual"], f["message"]) for f in got["findings"] if f["check"] == "lookalike_number"] == [
            ("line 39, table 3, row 3, col 3", "I8", "숫자 'I8'(39행 3표 3줄 3칸)에 숫자와 닮은 글자(O, l, I, &)가 있습니다. 그 수는 잘못 읽혔거나 읽히지 않았습니다")]

    @pytest.mark.parametrize("text, found", [
        ("1O0회", ["1O0"]), ("팔로워수 146,8&7명", ["146,8&7"]), ("2,1I0명", ["2,1I0"]), ("2022. 12. 1&.", ["1&"]), ("199I. 10.", ["199I"]),
        ("사직로 4I", ["4I"]), ("1I 참가", ["1I"]), ("포함l4명", ["l4"]),
        # words, not numbers
        ("CO2 감축", []), ("ISO9001 인증", []), ("Vol.2", []), ("S&P500", []), ("H2O", []), ("O2O 서비스", []), ("20l 봉투", []),
        ("I . 일반 현황", []), ("III.2023년 주요업무 추진계획", []), ("II.1", []), ("IoT 10개", []), ("R&D 3건", []), ("AI 100명", []), ("K-pop 5회", []),
        ("3&4분기 교육", []), ("1&2층 리모델링", []), ("7&8월 운영", []),  # & between two short numbers: and
    ])
    def test_what_is_a_damaged_number(self, text, found):
        assert lookalike_numbers(text) == found

    def test_control_the_printed_reports_say_nothing(self):
        assert [f for f in rows(TEXT)["findings"] if f["check"] == "lookalike_number"] == []
        for path in sorted(OFFICES.glob("*.txt")):
            for report in _reports_rows(path.name, path.read_bytes()):
                assert [f for f in report["findings"] if f["check"] == "lookalike_number"] == [], path.name


# --- the cover's session dates --------------------------------------------------------------


class TestSessionDates:
    @pytest.mark.parametrize("dates, read, days", [
        ("2023. 9. 5. ~ 7. 14.", "2023-09-05 ~ 2024-07-14", 314),  # 9 → 7: had been read into the next year, nothing said
        ("2023. 9. 5. ~ 2023. 7. 14.", "2023-09-05 ~ 2023-07-14", -52),  # an end before the start
    ])
    def test_a_session_of_implausible_length_is_a_warning(self, dates, read, days):
        got = rows(variant(YEONGWOL.read_text(encoding="utf-8"), ("2023. 9. 5. ~ 9. 14.", dates)), YEONGWOL.name)
        assert [(f["severity"], f["source_loc"], f["expected"], f["actual"], f["message"]) for f in got["findings"] if f["check"] == "session_dates"] == [(
            "warning", "line 5", "a session of at most 90 days", read,
            f"표지의 회기 {dates!r}(5행)가 {read.replace(' ~ ', '부터 ')}까지 {days}일로 읽힙니다(끝이 시작보다 앞서면 0일 이하). 날짜가 잘못 적혔는지 확인하세요")]

    def test_control_a_session_over_the_new_year(self):
        got = rows(variant(YEONGWOL.read_text(encoding="utf-8"), ("2023. 9. 5. ~ 9. 14.", "2023. 12. 28. ~ 1. 5.")), YEONGWOL.name)
        assert (got["reports"][0]["session_start"], got["reports"][0]["session_end"]) == ("2023-12-28", "2024-01-05")
        assert [f for f in got["findings"] if f["check"] == "session_dates"] == []


    def test_a_session_without_its_dates_is_said(self):
        # the dates' line deleted (or never printed): the dates had been left blank with nothing said,
        # and the as-of date's checks against the session skipped
        got = rows(variant(YEONGWOL.read_text(encoding="utf-8"), ("2023. 9. 5. ~ 9. 14.\n", "")), YEONGWOL.name)
        assert (got["reports"][0]["session_start"], got["reports"][0]["session_end"]) == (None, None)
        assert [(f["severity"], f["source_loc"], f["actual"], f["message"]) for f in got["findings"] if f["check"] == "session_dates"] == [(
            "info", "line 3", "none",
            f"표지에 회기 {got['reports'][0]['session']!r}의 날짜가 없어 회기 시작·끝 날짜를 비워 둡니다: 예산현황 기준일을 회기와 맞춰 보는 검사를 하지 못합니다")]


class TestCoverTitle:
    GYEONGGI = OFFICES / "gyeonggi_eco-agriculture_2023.txt"

    @pytest.mark.parametrize("title", ["", "20\t23년 주요업무 보고\n"])  # the title's line lost, or its year split by a tab
    def test_a_contents_entry_is_no_title(self, title):
        # the contents on the cover's page ('Ⅱ. 2023년 주요업무 추진실적 ········ 3') had given the title and year
        with pytest.raises(ReportError) as e:
            rows(variant(self.GYEONGGI.read_text(encoding="utf-8"), ("2023년 주요업무 보고\n", title)), self.GYEONGGI.name)
        assert str(e.value) == f"{self.GYEONGGI.name}:2: expected the report year on the cover (e.g. '2022년 주요업무 보고'), found none before the first section"

    def test_a_cover_without_a_title_is_said(self):
        # the title's line lost where the session's dates give the year: the title had been left empty, nothing said
        cheongju = OFFICES / "cheongju_health_2023.txt"
        got = rows(variant(cheongju.read_text(encoding="utf-8"), ("2023년도 주요업무 보고\n", "")), cheongju.name)
        assert (got["reports"][0]["title"], got["reports"][0]["year"]) == ("", 2023)
        assert [(f["severity"], f["source_loc"], f["message"]) for f in got["findings"] if f["check"] == "cover_title"] == [
            ("info", "line 2", "표지에 보고서 제목(‘2022년 주요업무 보고’ 같은 줄)이 없어 출처에는 ‘2023년 주요업무 보고’로 적습니다")]

    def test_control_the_printed_title(self):
        assert rows(self.GYEONGGI.read_text(encoding="utf-8"), self.GYEONGGI.name)["reports"][0]["title"] == "2023년 주요업무 보고"


class TestTurnedBudgetHeader:
    """A 예산현황 printed turned (funding sources over the columns) with a source written twice:
    in Markdown the converter pads the rows to the header, and 군비's amounts had been stored as
    도비's, nothing said."""

    @pytest.mark.parametrize("fmt", ["txt", "md"])
    def test_a_source_twice_is_refused(self, fmt):
        import convert

        text = variant(YEONGWOL.read_text(encoding="utf-8"), ("구 분\t계\t국 비\t도 비\t군 비", "구 분\t계\t국 비\t국 비\t도 비\t군 비"))
        name = YEONGWOL.stem + "." + fmt
        with pytest.raises(ReportError) as e:
            rows(convert.to_markdown(text) if fmt == "md" else text, name)
        assert str(e.value).split(": ", 1)[1] == "expected each funding source once over the columns of a 예산현황 table (it is also column 3), found '국 비'"


class TestLinkedFunding:
    """The unit table's funding columns against the funding of the programs linked to its units:
    '국비 | 도비' swapped over the unit table had moved every unit's 국비 to 도비, nothing said."""

    def test_swapped_source_columns_are_a_warning(self):
        got = rows(variant(YEONGWOL.read_text(encoding="utf-8"), ("\t계\t국비\t도비\t군비\t\t", "\t계\t도비\t국비\t군비\t\t")), YEONGWOL.name)
        assert [(f["source_loc"], f["expected"], f["actual"], f["message"]) for f in got["findings"] if f["check"] == "unit_link_funding"] == [
            ("line 52, table 3, row 4, col 1", "국비 5,456,000, 도비 682,000, 구비 682,000", "도비 5,456,000, 국비 682,000, 구비 682,000",
             "기초생활보장의 재원(도비 5,456,000, 국비 682,000, 구비 682,000)이 연결된 사업 1 기초생활보장 수급자 맞춤형 지원의 재원"
             "(국비 5,456,000, 도비 682,000, 구비 682,000)과 다릅니다: 재원 칸이 바뀌었거나 잘못 적혔는지 확인하세요"),
            ("line 53, table 3, row 5, col 1", "국비 358,680, 도비 51,240, 구비 102,480", "도비 358,680, 국비 51,240, 구비 102,480",
             "긴급복지 및 통합사례관리의 재원(도비 358,680, 국비 51,240, 구비 102,480)이 연결된 사업 2 긴급복지 지원 및 통합사례관리의 재원"
             "(국비 358,680, 도비 51,240, 구비 102,480)과 다릅니다: 재원 칸이 바뀌었거나 잘못 적혔는지 확인하세요")]

    def test_control_the_printed_splits_agree(self):
        for path in [REPORT_PATH, *sorted(OFFICES.glob("*.txt"))]:
            for report in _reports_rows(path.name, path.read_bytes()):
                assert [f for f in report["findings"] if f["check"] == "unit_link_funding"] == [], path.name


class TestSwappedTeams:
    """Two team names (or two duty cells) of the 조직 table swapped: each team's duties, and the
    programs' teams inferred from them, had been stored under the other team, nothing said."""
    TEAMS = "대외협력팀\t국제금융특구팀\t의료특구팀\t건강특구팀"

    @pytest.mark.parametrize("names, first, second", [
        ("국제금융특구팀\t대외협력팀\t의료특구팀\t건강특구팀", "국제금융특구팀", "대외협력팀"),
        ("대외협력팀\t국제금융특구팀\t건강특구팀\t의료특구팀", "건강특구팀", "의료특구팀"),
    ])
    def test_names_that_fit_each_others_duties_are_a_warning(self, names, first, second):
        got = rows(variant(TEXT, (self.TEAMS, names)))
        assert [(f["severity"], f["source_line"], f["actual"], f["message"]) for f in got["findings"] if f["check"] == "team_duties"] == [(
            "warning", 28, f"{first} ↔ {second}",
            f"조직표의 {first}과 {second}의 이름이 서로의 업무에 더 맞습니다. 팀 이름이나 업무 칸이 바뀌었다면 업무(와 그로 추정한 사업의 담당팀)가 다른 팀에 저장됩니다")]

    def test_a_duty_naming_another_team_is_no_swap(self):
        # 총무팀's duty names the 인사위원회; 인사팀's duties name no 총무: 인사 fits 총무팀's duties
        # better than its own, but 총무 fits neither, so nothing was swapped (had been a warning)
        text = variant(TEXT, (self.TEAMS, "인사팀\t총무팀\t의료특구팀\t건강특구팀"),
                       ("사회적책임경영(CSR) 활성화", "공무원 임용 및 승진"), ("국제금융중심지 활성화", "인사위원회 운영 지원"))
        got = rows(text)
        assert [f["actual"] for f in got["findings"] if f["check"] == "team_duties"] == []
        assert ("총무팀", "인사위원회 운영 지원") in [(t["team"], t["duty"]) for t in got["teams"]]

    def test_control_the_printed_organisations_say_nothing(self):
        for path in [REPORT_PATH, *sorted(OFFICES.glob("*.txt"))]:
            for report in _reports_rows(path.name, path.read_bytes()):
                assert [f for f in report["findings"] if f["check"] == "team_duties"] == [], path.name


class TestResultsTableRows:
    BUKGU = OFFICES / "bukgu_jobs-economy_2023.txt"

    def test_a_row_of_another_width_is_left_unread(self):
        """'2023년 목표' split by a tab: the header one cell wider than its rows, 2023's result had
        been stored as the target and the target as the result, nothing said."""
        got = rows(variant(self.BUKGU.read_text(encoding="utf-8"), ("2023년 목표\t", "2023년\t목표\t")), self.BUKGU.name)
        heads = "구 분 | 2022년 | 2023년 | 목표 | 2023년 실적"
        assert [(f["source_loc"], f["message"]) for f in got["findings"] if f["check"] == "results_row"] == [
            ("line 81, table 5, row 2, col 1", f"실적 표의 행 '전통시장 방문객(천명)'(81행 5표 2줄 1칸)이 4칸으로 머리행의 5칸({heads})과 달라 그 숫자를 읽지 않았습니다"),
            ("line 82, table 5, row 3, col 1", f"실적 표의 행 '빈 점포 수(개)'(82행 5표 3줄 1칸)이 4칸으로 머리행의 5칸({heads})과 달라 그 숫자를 읽지 않았습니다")]
        assert [m for m in got["metrics"] if m["source_line"] in (81, 82)] == []
        assert {f["expected"] for f in got["findings"] if f["check"] == "coverage" and f["source_line"] in (81, 82)} >= {"2,840", "3,000", "3,115", "42", "35", "38"}


    def test_rows_without_an_empty_last_note_column_are_read(self):
        """A 비 고 column over no figure, its cells empty and the rows' last tabs left off (an
        editor that strips trailing whitespace): each row had been left unread with a results_row
        warning, though every figure stands under its own column."""
        got = rows(variant(self.BUKGU.read_text(encoding="utf-8"), ("2023년 실적\n", "2023년 실적\t비 고\n")), self.BUKGU.name)
        assert [f for f in got["findings"] if f["check"] == "results_row"] == []
        assert [(m["source_line"], m["value"], m["kind"]) for m in got["metrics"] if m["source_line"] in (81, 82)] == [
            (81, 2840000, "earlier"), (81, 3000000, "target"), (81, 3115000, "result"), (82, 42, "earlier"), (82, 35, "target"), (82, 38, "result")]


class TestContentsName:
    def test_an_empty_name_without_a_heading_is_a_warning(self):
        """Program 3's contents row with its name cell empty (and no heading in the body): the
        program had been stored with no name, nothing said but the usual 'name from the contents'."""
        got = rows(variant(TEXT, ("③\t여의도 국제금융중심지 활성화\t6", "③\t\t6")))
        assert [(f["severity"], f["source_loc"], f["message"]) for f in got["findings"] if f["check"] == "program_name"] == [
            ("warning", "line 60, table 5, row 4, col 1", "3번 사업은 목차의 사업명 칸이 비어 있고 본문에 제목도 없어 이름 없이 저장됩니다")]


class TestMoneyUnit:
    def test_no_unit_anywhere_is_a_warning(self):
        """Every '(단위: 천원)' left out: the amounts had been read as 천원, nothing said (in 원
        or 백만원 every amount would be 1,000 times off)."""
        got = rows(TEXT.replace("(단위: 천원)", ""))
        assert got["reports"][0]["money_unit"] == "천원"
        assert [(f["severity"], f["source_loc"], f["message"]) for f in got["findings"] if f["check"] == "money_unit"] == [
            ("warning", "line 46, table 4", "예산현황 표(46행 4표)에 금액 단위가 적혀 있지 않아 천원으로 읽습니다: 원이나 백만원이라면 모든 금액이 틀립니다")]

    @pytest.mark.parametrize("unit, budget", [("천원", 198888), ("백만원", 198888000)])
    def test_a_unit_in_brackets_on_the_numbered_heading(self, unit, budget):
        # '4 예 산 현 황 (천원)': the heading's number had kept the bracket from being read as the unit (a false money_unit warning)
        got = rows(variant(TEXT, ("4 예 산 현 황\n\n(단위: 천원)\n", f"4 예 산 현 황 ({unit})\n\n\n")))
        assert [f for f in got["findings"] if f["check"] == "money_unit"] == []
        assert (got["reports"][0]["money_unit"], got["budget_units"][0]["budget"]) == (unit, budget)

    def test_control_a_unit_stated_once_says_nothing(self):
        assert [f for f in rows(TEXT)["findings"] if f["check"] == "money_unit"] == []


class TestContentsPadded:
    """Markdown and HTML converters pad a row a cell short with an empty cell: the row is as
    wide as the header, and only its content tells the name lost or run into its page."""

    @pytest.mark.parametrize("row", ["②\t5", "②\t평화통일·남북교류협력 기반조성 5"])
    @pytest.mark.parametrize("fmt, line", [("md", 64), ("html", 187)])
    def test_a_name_ending_in_a_number_beside_an_empty_page_is_refused(self, row, fmt, line):
        from convert import to_html, to_markdown

        text = {"md": to_markdown, "html": to_html}[fmt](variant(TEXT, ("②\t평화통일·남북교류협력 기반조성\t5", row)))
        assert refusal(text, f"r.{fmt}") == (
            f"r.{fmt}:{line}: expected a program name in column 사업명 and its page in column 쪽, found a name that ends in a number "
            f"beside an empty page cell (the name lost, or name and page run together): '{row.replace(chr(9), ' | ')}'")

    @pytest.mark.parametrize("fmt", ["md", "html"])
    def test_control_a_row_without_its_page(self, fmt):
        from convert import to_html, to_markdown

        text = {"md": to_markdown, "html": to_html}[fmt](variant(TEXT, ("②\t평화통일·남북교류협력 기반조성\t5", "②\t평화통일·남북교류협력 기반조성")))
        assert [p["program"] for p in rows(text, f"r.{fmt}")["programs"]][:3] == ["국내·외 도시교류 네트워크 확대", "평화통일·남북교류협력 기반조성", "여의도 국제금융중심지 활성화"]


def test_teams_in_columns_a_duty_split_by_a_tab_in_markdown():
    """A tab inside the last team's duties: in text the row is a cell wider than the header and is
    refused; Markdown pads the header with an empty cell, and the duties after the tab had been
    read under that empty header and dropped (건강특구팀 kept '건강도시 중장기 발전계획 수립·시행',
    '건강특화 사업발굴' and lost '및 추진', '주민 건강동아리(플로깅) 운영 지원'), nothing said."""
    from convert import to_markdown

    text = to_markdown(variant(TEXT, ("- 건강특화 사업발굴 및 추진", "- 건강특화 사업발굴\t및 추진")))
    assert refusal(text, "r.md") == ("r.md:30: expected 4 cells in the row of duties, one under each team "
                                     "(대외협력팀 | 국제금융특구팀 | 의료특구팀 | 건강특구팀), found 5 cells")


class TestProgramBudgetLabels:
    """A program's 예산현황 as Markdown (the converter pads a row a cell short): a label cell lost
    or run into the budget moved every amount after it one column left, nothing said."""

    @pytest.mark.parametrize("row, label", [
        ("제2회 추경 702.3\t541.6\t77.1", "제2회 추경 702.3"),  # had been budget 541.6, executed 77.1, no rate
        ("620.0\t-\t-", "620.0"),  # '본예산' lost: had been the row '620.0' of budget 0
    ])
    def test_a_label_that_is_or_ends_in_an_amount_is_refused(self, row, label):
        from convert import to_markdown

        old = "제2회 추경\t702.3\t541.6\t77.1" if label.startswith("제2회") else "본예산\t620.0\t-\t-"
        text = to_markdown(variant(CHUNGJU.read_text(encoding="utf-8"), (old, row)))
        line = 87 if label.startswith("제2회") else 85
        assert refusal(text, "c.md") == (
            f"c.md:{line}: expected a row label in column 구분 of program 1's 예산현황 table, its amounts in their own columns, "
            f"found a label that is or ends in an amount (a cell lost or run into it?): '{label}'")

    def test_control_labels_with_numbers(self):
        """'제1회 추경', '제2회 추경': labels with an ordinal, read as before."""
        got = rows(CHUNGJU.read_text(encoding="utf-8"), CHUNGJU.name)
        assert [r["row_label"] for r in got["program_budget_rows"] if r["program_no"] == 1 and r["stage"] == "actual"] == ["본예산", "제1회 추경", "제2회 추경"]
