"""A PDF's text extraction that keeps columns by spaces (pdftotext -layout; analysis.read.layout).

The fixtures are tests/data/converters/pdftotext_*.txt (made by its make.sh from the PDF
fixtures): the bundled report's PDF and its rotated-pages variant read as the tab-separated
bundled report does, table for table and finding for finding, with every location a line of the
extraction. pdftotext without -layout (and -raw) keeps no table: refused, saying to use -layout.
The faults are edits of the bundled extraction: a row short of a cell, a row shifted one column,
a number glued to its label, both at once, a page footer inside a table.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from analysis.errors import ReportError
from analysis.read import read_document, read_path
from analysis.read.document import Table
from analysis.store.build import _report_rows
from conftest import REPORT_PATH

DATA = Path(__file__).parent / "data" / "converters"
LAYOUT = DATA / "pdftotext_layout_yeongdeungpo_vision-cooperation_2022.txt"
TEXT = LAYOUT.read_text(encoding="utf-8")
OWN = {"source_line", "source_loc", "source_file", "source_format", "source_sha256", "message", "subject"}
TABLES = ("reports", "teams", "staffing", "facilities", "budget_units", "budget_unit_funding", "programs", "program_budget_rows",
          "program_funding", "metrics", "partner_cities")


def _same(rows: list[dict]) -> Counter:
    return Counter(tuple(sorted((k, repr(v)) for k, v in r.items() if k not in OWN)) for r in rows)


def rows_of(text: str, name: str = "extraction.txt") -> dict:
    return _report_rows(name, text.encode("utf-8"))


def coverage(rows: dict) -> tuple[str, str]:
    return next((f["expected"], f["actual"]) for f in rows["findings"] if f["check"] == "coverage" and f["severity"] == "info")


def unread(rows: dict) -> list[tuple[str, str]]:
    return [(f["subject"], f["expected"]) for f in rows["findings"] if f["check"] == "coverage" and f["severity"] == "warning"]


def budget(rows: dict) -> list[tuple]:
    return [(r["unit"], r["budget"], r["executed"], str(r["rate"]), r["source_line"]) for r in rows["budget_units"]]


@pytest.fixture(scope="module")
def bundled():
    return _report_rows(REPORT_PATH.name, REPORT_PATH.read_bytes())


@pytest.fixture(scope="module")
def layout():
    return rows_of(TEXT, LAYOUT.name)


@pytest.mark.parametrize("name", ["pdftotext_layout_yeongdeungpo_vision-cooperation_2022.txt", "pdftotext_layout_rotated_pages.txt"])
def test_the_extraction_reads_as_the_tab_separated_report(name, bundled):
    rows = _report_rows(name, (DATA / name).read_bytes())
    assert rows["reports"][0]["source_format"] == "layout"
    for table in TABLES:
        if table == "teams" and "rotated" in name:
            continue  # (below: two duties glued by one space, text only)
        assert _same(rows[table]) == _same(bundled[table]), table
    assert _same(rows["findings"]) == _same(bundled["findings"])
    assert coverage(rows) == ("146", "146")


def test_rotated_pages_glue_a_wrapped_word_to_the_next_column():
    """On the rotated pages' extraction '확대' and its wrapped '추진' of the next column stand one
    space apart: a word is not a list item, so nothing tells them apart (text only, no figure)."""
    rows = _report_rows("r.txt", (DATA / "pdftotext_layout_rotated_pages.txt").read_bytes())
    duties = [r["duty"] for r in rows["teams"]]
    assert "국내·외 홍보·마케팅 확대 추진" in duties and "건강특화 사업발굴 및" in duties


def test_locations_are_the_extractions_lines(layout):
    assert budget(layout) == [
        ("대외교류 활성화", 198888, 90527, "45.5", 48), ("건강특구 활성화", 10000, 10000, "100", 49),
        ("국제금융특구 활성화", 190400, 102920, "54.1", 57), ("의료관광 활성화", 487492, 258672, "53.1", 58),
        ("기본경비", 83624, 61665, "73.7", 59), ("내부거래지출 (기금전출금)", 100000, 100000, "100", 60)]
    assert [(r["program_no"], r["source_line"]) for r in layout["programs"]] == [
        (1, 100), (2, 127), (3, 160), (4, 187), (5, 221), (6, 250), (7, 279), (1, 309), (2, 333), (3, 357), (4, 387)]


def test_the_reader_joins_the_budget_table_over_the_page_and_sets_furniture_aside():
    doc = read_path(LAYOUT)
    assert doc.source_format == "layout" and doc.notices == []
    budget_table = next(b for b in doc.blocks if isinstance(b, Table) and b.texts()[0][0] == "단위사업명")
    assert budget_table.texts() == [
        ["단위사업명", "예산액", "집행액", "집행률(%) (10. 31.기준)"], ["계", "1,070,404", "623,784", "58.3"],
        ["대외교류 활성화", "198,888", "90,527", "45.5"], ["건강특구 활성화", "10,000", "10,000", "100"],
        ["국제금융특구 활성화", "190,400", "102,920", "54.1"], ["의료관광 활성화", "487,492", "258,672", "53.1"],
        ["기본경비", "83,624", "61,665", "73.7"], ["내부거래지출 (기금전출금)", "100,000", "100,000", "100"]]
    assert [str(c.loc) for c in budget_table.rows()[-1]][:2] == ["line 60, table 9, row 5, col 1", "line 60, table 9, row 5, col 2"]
    furniture = [(p.text, p.loc.line) for p in doc.furniture]
    assert ("2022 년 주요업무 보고 · 비전협력과", 1) in furniture and ("-2-", 52) in furniture
    assert ("단위사업명 | 예산액 | 집행액 | 집행률(%) (10. 31.기준)", 56) in furniture  # the header repeated on page 3
    assert sum(1 for text, _ in furniture if text.startswith("2022 년")) == 9 and sum(1 for text, _ in furniture if text.startswith("-")) == 9


def test_two_row_header_wrapped_cells_and_list_cells():
    doc = read_path(LAYOUT)
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    staffing = next(t for t in tables if t.n_cols == 16)
    assert staffing.texts()[:2] == [
        ["구분", "계", "일반직", "", "", "", "", "", "관리운영직", "", "", "", "별정직·임기제", "", "", ""],
        ["", "", "4급", "5급", "6급", "7급", "8급", "9급", "6급", "7급", "8급", "9급", "6급", "7급", "8급", "9급"]]
    assert staffing.texts()[4] == ["과부족", "-", "-", "-", "2", "△2", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-"]
    contents = next(t for t in tables if t.texts()[0] == ["연번", "사업명", "쪽"])
    assert contents.texts()[7] == ["⑦", "건강도시 활성화 기반구축 및 사업추진", "10"]  # its second line, '사업추진', under 사업명
    teams = next(t for t in tables if t.texts()[0][0] == "대외협력팀")
    assert [p.text for p in teams.rows()[1][1].paragraphs] == ["- 여의도 금융개발진흥 지구 진흥계획 추진", "- 국제금융중심지 활성화", "- 구민 금융교육 강화"]
    assert [p.text for p in teams.rows()[1][2].paragraphs][0] == "- 의료관광 기반 시설 조성"  # glued to 지구 by one space


@pytest.mark.parametrize("name", ["pdftotext_plain.txt", "pdftotext_raw.txt"])
def test_an_extraction_without_layout_says_to_use_layout(name):
    with pytest.raises(ReportError, match="this text has no table .*extract it again with 'pdftotext -layout'.*or give the PDF, HWP or HWPX itself"):
        _report_rows(name, (DATA / name).read_bytes())


def test_chromiums_pdf_extracted_is_refused_with_what_to_do():
    """Chromium's PDF of the report sets cells and headings close: pdftotext writes '4예산현황' and
    cells one space apart. Refused at the missing heading, naming the line not read."""
    with pytest.raises(ReportError) as info:
        _report_rows("c.txt", (DATA / "pdftotext_layout_chromium_staffing_split.txt").read_bytes())
    message = str(info.value)
    assert message.startswith("c.txt:42: expected a '예산현황' sub-heading in section I. 일반현황, found none; line 27 was not read")
    assert message.endswith("give the PDF itself, whose tables are read by their borders")


# --- faults ----------------------------------------------------------------------------------

BASIC = "기본경비                   83,624                  61,665            73.7"


def fault(old: str, new: str) -> str:
    assert TEXT.count(old) == 1
    return TEXT.replace(old, new)


def test_a_number_glued_to_its_label_is_read(layout):
    rows = rows_of(fault(BASIC, "기본경비 83,624                  61,665            73.7"))
    assert budget(rows) == budget(layout) and coverage(rows) == ("146", "146")


def test_a_row_short_of_its_budget_cell_never_puts_the_executed_amount_under_it():
    """집행액 and 집행률 where they stand, 예산액 empty: the 61,665 stays 집행액 (placed by position),
    and the empty 예산액 is refused at its line."""
    with pytest.raises(ReportError, match=r"^extraction\.txt:59: expected a number in column 예산액, found ''"):
        rows_of(fault(BASIC, "기본경비                                           61,665            73.7"))
    doc = read_document(fault(BASIC, "기본경비                                           61,665            73.7").encode(), "x.txt")
    table = next(b for b in doc.blocks if isinstance(b, Table) and b.texts()[0][0] == "단위사업명")
    assert table.texts()[6] == ["기본경비", "", "61,665", "73.7"]


def test_a_row_shifted_one_column_is_read_where_it_stands():
    doc = read_document(fault(BASIC, "기본경비                                           83,624            61,665").encode(), "x.txt")
    table = next(b for b in doc.blocks if isinstance(b, Table) and b.texts()[0][0] == "단위사업명")
    assert table.texts()[6] == ["기본경비", "", "83,624", "61,665"]
    with pytest.raises(ReportError, match=r"^extraction\.txt:59: expected a number in column 예산액, found ''"):
        rows_of(fault(BASIC, "기본경비                                           83,624            61,665"))


def test_a_glued_row_short_of_a_cell_is_not_read_and_its_numbers_are_named():
    """A label glued to its figure AND a cell missing: no placement is sure; the row is left
    unread, its numbers named, the 계 checks say what is missing."""
    rows = rows_of(fault(BASIC, "기본경비 83,624                  61,665"))
    assert [r[0] for r in budget(rows)] == ["대외교류 활성화", "건강특구 활성화", "국제금융특구 활성화", "의료관광 활성화", "내부거래지출 (기금전출금)"]
    assert unread(rows) == [("line 59", "83,624"), ("line 59", "61,665")]
    assert coverage(rows) == ("145", "143")
    layout_rows = [(f["subject"], f["actual"]) for f in rows["findings"] if f["check"] == "layout_row"]
    assert layout_rows == [("line 59", "2 cells, a label and a figure one space apart among them: '기본경비 83,624  61,665'")]
    totals = [(f["check"], f["expected"], f["actual"]) for f in rows["findings"] if f["check"] == "budget_total"]
    assert totals == [("budget_total", "986,780", "1,070,404"), ("budget_total", "562,119", "623,784")]


def test_a_row_with_a_cell_too_many_is_not_read():
    rows = rows_of(fault(BASIC, BASIC + "        12"))
    assert unread(rows) == [("line 59", "83,624"), ("line 59", "61,665"), ("line 59", "73.7"), ("line 59", "12")]


@pytest.mark.parametrize("footer", ["\n                  -2-\n", "\n                  -2-\n\f      2022 년 주요업무 보고 · 비전협력과\n\n"],
                         ids=["page-number", "page-break"])
def test_a_page_footer_inside_a_table_is_set_aside(layout, footer):
    rows = rows_of(fault(BASIC + "\n", BASIC + footer))
    assert [r[:4] for r in budget(rows)] == [r[:4] for r in budget(layout)]
    assert coverage(rows) == ("146", "146")


# --- cells the extraction set one space apart (pdftotext of Chromium's PDFs) --------------------

def texts_of(text: str) -> list:
    from analysis.read.layout import read_string

    doc = read_string(text, "x.txt")
    return [b.texts() for b in doc.blocks if isinstance(b, Table)], [(str(n.loc), n.numbers) for n in doc.notices]


def test_figures_one_space_apart_and_glued_labels_count_as_their_cells():
    """The header's '구 분 예산액' and most rows' label and first figure one space apart: the
    table has the 4 columns its rows have (it had been read as 3, the 계 row refused as a cell
    too many), each header word spaced letter by letter kept whole."""
    tables, notices = texts_of(
        "구 분 예산액           집행액            집행률(%)\n"
        "계    2,816,500,000 2,054,218,000 72.9\n"
        "국 비 845,000,000   612,540,000    72.5\n"
        "군 비 1,549,000,000 1,135,408,000 73.3\n")
    assert tables == [[["구 분", "예산액", "집행액", "집행률(%)"], ["계", "2,816,500,000", "2,054,218,000", "72.9"],
                       ["국 비", "845,000,000", "612,540,000", "72.5"], ["군 비", "1,549,000,000", "1,135,408,000", "73.3"]]]
    assert notices == []


def test_amounts_after_a_breakdown_are_cells_of_their_own():
    tables, notices = texts_of(
        "예산액                            집행액                            집행률(%)\n"
        "4,620.8 (국비 971.2, 도비 3,649.6) 2,810.9 (국비 971.2, 도비 1,839.7) 60.8\n")
    assert tables == [[["예산액", "집행액", "집행률(%)"], ["4,620.8 (국비 971.2, 도비 3,649.6)", "2,810.9 (국비 971.2, 도비 1,839.7)", "60.8"]]]
    assert notices == []


def test_a_header_of_grades_one_space_apart():
    tables, _ = texts_of(
        "구분      계 4급 5급 6급 7급 8급 9급 공무직\n"
        "정원      24 1     4    8       6   3   1    1\n"
        "현원      23 1     4    7       7   2   1    1\n"
        "과부족 △1 -         -    △1 1        △1 -     -\n")
    assert tables == [[["구분", "계", "4급", "5급", "6급", "7급", "8급", "9급", "공무직"],
                       ["정원", "24", "1", "4", "8", "6", "3", "1", "1"], ["현원", "23", "1", "4", "7", "7", "2", "1", "1"],
                       ["과부족", "△1", "-", "-", "△1", "1", "△1", "-", "-"]]]


def test_a_list_of_two_words_is_not_a_header_split():
    """'- 사회적책임경영(CSR)' (two words) is a list item of the teams' duties, never two cells."""
    tables, _ = texts_of(
        "대외협력팀                 국제금융특구팀               의료특구팀                      건강특구팀\n"
        "- 사회적책임경영(CSR)        - 여의도 금융개발진흥 지구 - 의료관광 기반 시설 조성                  - 건강도시 중장기 발전계획\n"
        "활성화                   진흥계획 추진         - 의료관광 활성화 지원                    수립·시행\n")
    assert tables == [[["대외협력팀", "국제금융특구팀", "의료특구팀", "건강특구팀"],
                       ["- 사회적책임경영(CSR) 활성화", "- 여의도 금융개발진흥 지구 진흥계획 추진", "- 의료관광 기반 시설 조성\n- 의료관광 활성화 지원", "- 건강도시 중장기 발전계획 수립·시행"]]]


def test_a_table_going_on_after_a_page_break_without_a_page_number_is_one_table():
    """Chromium's PDFs have no page numbers: the rows after the form feed had been a second table
    (no page number, no header repeated), the budget units on it read as a table of nothing."""
    tables, notices = texts_of(
        "단위사업                  예산액           집행액          집행률(%)\n"
        "계                     9,457,320,000  6,382,915,480  67.5\n"
        "농업경쟁력 강화        3,512,480,000  2,418,370,250  68.9\n"
        "\f친환경농업 육성       2,816,500,000  2,054,218,000  72.9\n"
        "농산물 유통 지원       2,945,840,000  1,826,527,230  62.0\n"
        "\n"
        "□ 향후계획\n"
        "\f기본경비     182,500,000   83,800,000   45.9\n"
        "세외수입     1,000   500   50.0\n")
    assert [len(t) for t in tables] == [5, 2]  # (after a paragraph, a new table)
    assert tables[0][3] == ["친환경농업 육성", "2,816,500,000", "2,054,218,000", "72.9"]
    assert notices == []


def test_a_contents_table_set_close():
    """The header's '연번 사 업 명' is two headers; the page number glued to a team is split off
    it; a row whose program and team are one space apart (words: nothing tells them apart) keeps
    them together, and its page number goes under 쪽, a column of figures, never under 담당팀."""
    tables, notices = texts_of(
        "연번 사 업 명                       담당팀          쪽\n"
        "1    친환경농업 인증 확대               친환경인증팀 9\n"
        "2    친환경 학교급식 지원 내실화 학교급식팀                  10\n")
    assert tables == [[["연번", "사 업 명", "담당팀", "쪽"], ["1", "친환경농업 인증 확대", "친환경인증팀", "9"],
                       ["2", "친환경 학교급식 지원 내실화 학교급식팀", "", "10"]]]
    assert notices == []


def test_a_header_label_set_in_the_middle_of_two_lines():
    """Chromium sets a header cell in the middle of its height: '일반직' on the line above
    '구분  계 … 공무직 기간제', the grades below. The three lines are the two header rows they draw
    (the staffing table had been refused: no job category over the grades)."""
    tables, notices = texts_of(
        "             일반직\n"
        "구분       계                          공무직 기간제\n"
        "             5급 6급 7급 8급 9급\n"
        "정원       22 1    5     7   5   2    1         1\n"
        "현원       23 1    5     6   5   3    2         1\n"
        "과부족 1 -          -     △1 -    1    1         -\n")
    assert tables == [[["구분", "계", "일반직", "", "", "", "", "공무직", "기간제"], ["", "", "5급", "6급", "7급", "8급", "9급", "", ""],
                       ["정원", "22", "1", "5", "7", "5", "2", "1", "1"], ["현원", "23", "1", "5", "6", "5", "3", "2", "1"],
                       ["과부족", "1", "-", "-", "△1", "-", "1", "1", "-"]]]
    assert notices == []


def test_a_row_short_of_a_cell_of_words_with_all_its_figures():
    """'4  … 융자 지원 복지정책팀 7': program and team one space apart, the page number glued. It
    had been taken for a heading (a chip and a title) and cut the table; its figures are as many
    as the table's columns of figures, so each goes under its own, the words under 사업명."""
    tables, notices = texts_of(
        "연번 사 업 명                         담당팀         쪽\n"
        "1   기초생활보장 수급자 맞춤형 지원            통합조사팀 4\n"
        "2   긴급복지 지원 및 통합사례관리             희망복지팀 5\n"
        "3   노인일자리 및 사회활동 지원              노인복지팀 6\n"
        "4   저소득주민 생활안정자금 융자 지원 복지정책팀 7\n")
    assert tables[0][4] == ["4", "저소득주민 생활안정자금 융자 지원 복지정책팀", "", "7"]
    assert len(tables) == 1 and notices == []


# --- other offices: their reports printed by Chromium, then pdftotext -layout (make.sh) -----------

OFFICES = Path(__file__).parent / "data" / "offices"
# (tables as the tab-separated report's, numbers read, of numbers)
READ = {
    "bukgu_jobs-economy_2023": (("staffing", "budget_units", "programs", "program_budget_rows", "program_funding", "metrics"), 78, 93),
    "gyeonggi_eco-agriculture_2023": (("staffing", "budget_units", "budget_unit_funding", "programs", "program_funding", "metrics"), 112, 120),
    "chungju_culture-tourism_2022": (("staffing", "budget_units", "budget_unit_funding", "programs", "program_budget_rows", "program_funding",
                                      "metrics"), 107, 121),
    "yecheon_agriculture_2022": (("staffing", "facilities", "budget_units", "budget_unit_funding", "programs", "program_budget_rows",
                                  "program_funding", "metrics"), 92, 93),
    "yeongwol_welfare_2023": (("teams", "staffing", "metrics", "program_funding", "budget_units", "budget_unit_funding", "programs"), 160, 164),
}


def _office(name: str) -> tuple[dict, dict]:
    path = DATA / f"pdftotext_layout_chromium_{name}.txt"
    return _report_rows(path.name, path.read_bytes()), _report_rows(f"{name}.txt", (OFFICES / f"{name}.txt").read_bytes())


@pytest.mark.parametrize("name", sorted(READ))
def test_other_offices_extractions_read_or_name_what_they_leave(name):
    rows, tab = _office(name)
    same, read, total = READ[name]
    for table in same:
        assert _same(rows[table]) == _same(tab[table]), table
    assert coverage(rows) == (str(total), str(read))
    assert len(unread(rows)) == total - read  # every number not read is named, at its line
    # no number read wrong: every amount read is the tab-separated report's
    money = lambda rs, keys: Counter(tuple(r[k] for k in keys) for r in rs if r["budget"] is not None)  # (a program whose table was not read has none)
    assert not money(rows["budget_units"], ("unit", "budget", "executed", "rate")) - money(tab["budget_units"], ("unit", "budget", "executed", "rate"))
    keys = ("year", "stage", "program_no", "budget", "executed", "rate", "final")
    assert not money(rows["program_budget_rows"], keys) - money(tab["program_budget_rows"], keys)


_BAND_HEADER = ("                                                                                        집행률\n"
                "예산액                                         집행액\n"
                "                                                                                        (%)\n")
_BAND_ROW = ("685,000,000 (국비 240,000,000, 도비 72,000,000, 512,384,600 (국비 240,000,000, 도비 72,000,000,\n"
             "                                                                                        74.8\n"
             "군비 373,000,000)                             군비 200,384,600)\n")


def test_rows_set_on_three_lines_a_cell_in_the_middle():
    """Chromium's rows of three lines (yecheon's program 1): '집행률' / '(%)' around '예산액  집행액',
    the amounts' breakdowns wrapped around '74.8', the two amounts one space apart on the top
    line. The report had been refused at line 82 ('집행률'); each wrapped cell is its two lines'
    text, cut where the bottom line's cell starts, the middle line's cell between."""
    tables, notices = texts_of(_BAND_HEADER + _BAND_ROW)
    assert tables == [[["예산액", "집행액", "집행률 (%)"],
                       ["685,000,000 (국비 240,000,000, 도비 72,000,000, 군비 373,000,000)",
                        "512,384,600 (국비 240,000,000, 도비 72,000,000, 군비 200,384,600)", "74.8"]]]
    assert notices == []


@pytest.mark.parametrize("fault", [
    ("74.8", "    "),  # the middle cell lost
    ("군비 200,384,600)", "200,384,600"),  # the bottom a bare figure: two rows' figures, never one cell
    ("                             군비 200", "  군비 200"),  # the bottom's cell where the top has none
])
def test_rows_on_three_lines_that_do_not_pair_are_refused(fault):
    """The yecheon extraction's row of three lines with a cell lost or moved: no row is made of
    its lines (no figure joined to another row's, none under a guessed column); the report is
    refused at the table, saying what to do."""
    path = DATA / "pdftotext_layout_chromium_yecheon_agriculture_2022.txt"
    text = path.read_text(encoding="utf-8")
    assert _BAND_ROW in text
    with pytest.raises(ReportError) as info:
        rows_of(text.replace(_BAND_ROW, _BAND_ROW.replace(*fault)), path.name)
    assert str(info.value).startswith(f"{path.name}:82: expected the 예산현황 table of program 1 '귀농귀촌 정착 지원' (예산액, 집행액, 집행률), found")
    assert str(info.value).endswith("give the PDF itself, whose tables are read by their borders")


def _mutants(line: str):
    cells = [(m.start(), m.end()) for m in re.finditer(r"\S+(?: \S+)*", line)]
    for k, (s, e) in enumerate(cells):
        yield line[:s] + " " * (e - s) + line[e:]  # a cell blanked
        yield line[:s] + " " * 8 + line[s:]  # the rest shifted right
        if k:
            yield line[:cells[k - 1][1]] + " " + line[s:]  # glued to the cell before by one space
    yield line[:cells[-1][0]].rstrip()  # the last cell dropped


def test_no_fault_in_a_budget_row_reads_an_amount_wrong(layout):
    """Every budget row of the bundled extraction (both pages), each cell blanked, shifted,
    glued to the one before, the last dropped: an amount is read right, left unread (and named),
    or the report refused; never read as another column's."""
    truth = {r["unit"]: (r["budget"], r["executed"], r["rate"]) for r in layout["budget_units"]}
    lines = TEXT.split("\n")
    rows = [i for i, line in enumerate(lines) if 46 <= i + 1 <= 60 and re.search(r"\d,\d{3}", line)]
    assert len(rows) == 7
    tried = 0
    for i in rows:
        for mutant in _mutants(lines[i]):
            tried += 1
            try:
                got = rows_of("\n".join(lines[:i] + [mutant] + lines[i + 1:]))
            except ReportError:
                continue
            for r in got["budget_units"]:
                if r["unit"] not in truth:  # (a label blanked: a unit of no name, a finding says so)
                    assert any(f["check"] == "budget_unit_name" and f["subject"] == f"budget_units {r['budget']:,}" for f in got["findings"]), mutant
                    continue
                want = truth[r["unit"]]
                read = (r["budget"], r["executed"], r["rate"])
                assert all(g is None or g == w for g, w in zip(read, want)), (i + 1, mutant, read, want)
    assert tried == 81


def test_grades_under_a_header_set_left_over_figures_set_right():
    """'4급' stands where '일 반 직' above it starts, not where the figures set right below it do:
    between two columns by the figures alone (the row was left unread and the report refused),
    under 일반직's first column by the header placed above it."""
    tables, notices = texts_of(
        "구 분   계    일 반 직                  관리운영직\n"
        "           4급      5급   7급   8급   6급      7급   8급   9급\n"
        "정 원    7       -    1    -    5       -    -    1    -\n"
        "현 원   11       -    1    -    5       -    2    3    -\n"
        "과부족    4       -    -    -    -       -    2    2    -\n")
    assert tables[0][:2] == [["구 분", "계", "일 반 직", "", "", "", "관리운영직", "", "", ""],
                             ["", "", "4급", "5급", "7급", "8급", "6급", "7급", "8급", "9급"]]
    assert notices == []


def test_a_first_columns_list_going_on_alone():
    """A team's third duty on a line of its own (the other teams have two): it goes on the
    team's cell, never a paragraph after the table."""
    tables, _ = texts_of(
        "복지정책팀               교통행정팀                         평화통일팀\n"
        "- 저소득층 운영 지원        - 자전거도로·버스정류소·대중교통 계획 수립·시행   - 남북교류 사업발굴 및 추진\n"
        "- 돌봄서비스 기반 조성       - 주차질서 기반 조성                  - 탈북민·통일교육·평화통일 사업발굴 및 추진\n"
        "- 어르신돌봄 및 복지관 활성화\n")
    assert tables == [[["복지정책팀", "교통행정팀", "평화통일팀"],
                       ["- 저소득층 운영 지원\n- 돌봄서비스 기반 조성\n- 어르신돌봄 및 복지관 활성화",
                        "- 자전거도로·버스정류소·대중교통 계획 수립·시행\n- 주차질서 기반 조성",
                        "- 남북교류 사업발굴 및 추진\n- 탈북민·통일교육·평화통일 사업발굴 및 추진"]]]


def test_a_heading_and_a_caption_at_two_page_breaks_are_no_running_heads():
    """'□ 예산현황' at the foot of two pages and '(단위: 천원)' at the top of the next (yeongwol's
    extraction, programs 1 and 3): both had been set aside as a running foot and head, and the
    two programs' tables (18 numbers) left unread. The report's own text (a list item, a caption)
    is never page furniture; the running head of every page still is."""
    from analysis.read.layout import read_string

    page = "○ 실적: 3건\n\n□ 예산현황\n\f(단위: 천원)\n\n예산액      집행액       집행률(%)\n{}\n"
    text = ("2022 주요업무 보고\n\n" + page.format("3,850,000 2,840,000 73.8") + "\f2022 주요업무 보고\n\n"
            + page.format("350,000   182,500   52.1"))
    doc = read_string(text, "x.txt")
    assert [p.text for p in doc.furniture] == ["2022 주요업무 보고", "2022 주요업무 보고"]
    body = [b.texts() if isinstance(b, Table) else b.text for b in doc.blocks]
    assert body == ["○ 실적: 3건", "□ 예산현황", "(단위: 천원)", [["예산액", "집행액", "집행률(%)"], ["3,850,000", "2,840,000", "73.8"]],
                    "○ 실적: 3건", "□ 예산현황", "(단위: 천원)", [["예산액", "집행액", "집행률(%)"], ["350,000", "182,500", "52.1"]]]


_HEADER = ("                 예산액\n"
           "단위사업                              집행액   집행률(%)\n"
           "                 계     국비   군비\n")
_ROWS = "\f계            300   200   100   250  83.3\n기본경비        30    -    30    20  66.7\n"


def test_a_header_on_the_page_before_its_rows():
    """The budget table's header lines at the foot of a page, its rows on the next (yeongwol's
    일반회계, 36 numbers had been named unread: the header, read as a table of 3 columns, and
    the rows' 6 were two tables). The header is placed by its own lines' positions (the rows'
    are another page's): its columns are the cells nothing stands under, left to right, six as
    the rows' six; '예산액' over '계' goes where it stands."""
    tables, notices = texts_of("(단위: 천원)\n\n" + _HEADER + _ROWS)
    assert tables == [[["단위사업", "예산액", "", "", "집행액", "집행률(%)"], ["", "계", "국비", "군비", "", ""],
                       ["계", "300", "200", "100", "250", "83.3"], ["기본경비", "30", "-", "30", "20", "66.7"]]]
    assert notices == []


@pytest.mark.parametrize("fault", [
    ("국비", "    "),  # a header cell lost: five columns for six
    ("국비   군비", "국비          군비"),  # '군비' under '집행액': which of them is a column is not known
    ("                 예산액", " " * 31 + "예산액"),  # '예산액' over no cell: a column of its own, seven
])
def test_a_header_on_the_page_before_that_is_not_its_rows_columns_is_not_put_on_them(fault):
    """A header on the page before whose columns are not exactly its rows' (a cell lost, one
    standing under two, one over none) stays a table of its own: no figure goes under a header
    by a guess (the report then names the rows' numbers unread)."""
    tables, _ = texts_of("(단위: 천원)\n\n" + _HEADER.replace(*fault) + _ROWS)
    assert len(tables) == 2
    assert tables[1] == [["계", "300", "200", "100", "250", "83.3"], ["기본경비", "30", "-", "30", "20", "66.7"]]


_RESULTS = "청년 신규 채용(명)           60    64     106.7\n6개월 이상 고용유지율(%) 80          73.4 91.8\n"


def test_results_headers_one_space_apart():
    """Chromium's results headers (bukgu, gyeonggi): '목 표 실 적 달성률(%)' and '2022년 2023년 목표
    2023년 실적', three headers one space apart in one cell. The header had been placed as one
    cell over 목표, and the tables' numbers (21 in the two reports) left unread; a run of four
    spaced letters the row needs as two headers is two words of two, and years begin headers."""
    tables, notices = texts_of("지표명                   목 표 실 적 달성률(%)\n" + _RESULTS)
    assert tables == [[["지표명", "목 표", "실 적", "달성률(%)"], ["청년 신규 채용(명)", "60", "64", "106.7"],
                       ["6개월 이상 고용유지율(%)", "80", "73.4", "91.8"]]]
    tables, notices2 = texts_of("구분               2022년 2023년 목표 2023년 실적\n"
                                "전통시장 방문객(천명) 2,840         3,000        3,115\n빈 점포 수(개)        42        35           38\n")
    assert tables == [[["구분", "2022년", "2023년 목표", "2023년 실적"], ["전통시장 방문객(천명)", "2,840", "3,000", "3,115"],
                       ["빈 점포 수(개)", "42", "35", "38"]]]
    assert notices == notices2 == []


def test_a_run_of_spaced_letters_not_cut_evenly_is_not_split():
    """Five spaced letters where the row needs three headers: where they part is not known (2+3,
    3+2), so the header is not cut by a guess (it stays one cell; the figures stay in their own
    columns)."""
    tables, _ = texts_of("지표명                   목 표 실 적 률 달성(%)\n" + _RESULTS)
    assert tables[0][0] == ["지표명", "목 표 실 적 률 달성(%)", "", ""]
    assert tables[0][1:] == [["청년 신규 채용(명)", "60", "64", "106.7"], ["6개월 이상 고용유지율(%)", "80", "73.4", "91.8"]]


def test_a_header_of_words_one_space_apart_over_as_many_figures():
    """'본예산 추경예산 집행액 집행률(%)' over '850.0 920.0 887.4 96.5' (chungju's program 2, all
    one space apart): a paragraph and a line of figures, and the report refused. Words over as
    many figures are their headers, in order; words not as many (a figure lost, a header of two
    words) are no header (the report says what it found there)."""
    from analysis.read.layout import read_string

    def body(text):
        return [b.texts() if isinstance(b, Table) else b.text for b in read_string(text, "x.txt").blocks]

    assert body("본예산 추경예산 집행액 집행률(%)\n850.0 920.0 887.4 96.5\n") == [
        [["본예산", "추경예산", "집행액", "집행률(%)"], ["850.0", "920.0", "887.4", "96.5"]]]
    assert body("본예산 추경예산 집행액 집행률(%)\n850.0 920.0   96.5\n") == ["본예산 추경예산 집행액 집행률(%)", "850.0 920.0 96.5"]
    assert body("예산액 집행액 집행률 (%)\n850.0 887.4 96.5\n") == ["예산액 집행액 집행률 (%)", "850.0 887.4 96.5"]


def test_a_letter_spaced_header_is_no_header_of_three_columns():
    """'일 반 직' over three grade columns is one header spaced letter by letter, not '일', '반',
    '직' over one each (the grades had been read under categories '', '', '직')."""
    tables, _ = texts_of(
        "구 분   계    일 반 직\n"
        "           4급      7급   8급\n"
        "정 원    8       3    3    2\n"
        "현 원    5       2    3    -\n"
        "과부족   △3      △1    -   △2\n")
    assert tables[0][:2] == [["구 분", "계", "일 반 직", "", ""], ["", "", "4급", "7급", "8급"]]


def test_a_cell_ending_in_a_number_under_a_header_of_as_many_cells_is_one_cell():
    """An address ('중원대로 3352') in a table whose every line has as many cells as its header: the
    number is the address's (it had been split off into a column no header names, the location
    stored as '중원대로' and 3352 named unread); a label glued to its figure under a header whose words
    name that column ('인원 주요업무' over '복지정책팀 6') is still split."""
    tables, _ = texts_of(
        "시 설 명       위 치         규 모          개 관\n"
        "충주박물관       중원대로 3352   연면적 3,210㎡   1990. 5.\n"
        "탄금대 관광안내소   탄금대안길 105   48㎡          2015. 4.\n")
    assert tables == [[["시 설 명", "위 치", "규 모", "개 관"], ["충주박물관", "중원대로 3352", "연면적 3,210㎡", "1990. 5."],
                       ["탄금대 관광안내소", "탄금대안길 105", "48㎡", "2015. 4."]]]
    tables, _ = texts_of(
        "팀명              인원 주요업무\n"
        "복지정책팀 6                사회복지 종합계획 수립\n"
        "통합조사팀 5                기초생활보장 수급자 조사\n")
    assert tables == [[["팀명", "인원", "주요업무"], ["복지정책팀", "6", "사회복지 종합계획 수립"], ["통합조사팀", "5", "기초생활보장 수급자 조사"]]]


@pytest.mark.parametrize("k", range(0, 40))
def test_generated_reports_written_as_pdftotext_layout_read_as_their_text(k):
    """Generated reports (tests/synth.py: other offices' layouts, money units, staffing headers,
    teams' lists) with their tables padded to columns by spaces (tests/convert.py to_layout):
    every table as the tab-separated text's."""
    from convert import to_layout
    from synth import corpus_plan, generate_report

    seed, district, department, year = corpus_plan(40, 7, by_office=None)[k]
    text, _ = generate_report(seed, district=district, department=department, year=year)
    tab = _report_rows("r.txt", text.encode("utf-8"))
    rows = _report_rows("r.txt", to_layout(text).encode("utf-8"))
    assert rows["reports"][0]["source_format"] == "layout"
    for table in TABLES:
        assert _same(rows[table]) == _same(tab[table]), table
