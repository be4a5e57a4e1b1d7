"""Bad input: one message naming the file, the line and what was expected; never a traceback."""

from __future__ import annotations

import re

import pytest

import analysis
from analysis import ReportError
from conftest import variant

MESSAGE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): expected .+")


def fails(tmp_path, data: bytes | str, name="bad.txt") -> ReportError:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    with pytest.raises(ReportError) as info:
        analysis.load_report(path)
    m = MESSAGE.match(str(info.value))
    assert m, str(info.value)
    assert m["file"] == name and int(m["line"]) == info.value.line
    return info.value


class TestNotAReport:
    def test_empty(self, tmp_path):
        e = fails(tmp_path, b"")
        assert e.line == 1 and "empty" in str(e)

    def test_blank_lines_only(self, tmp_path):
        assert "empty" in str(fails(tmp_path, "\n\n  \n"))

    def test_binary(self, tmp_path):
        e = fails(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
        assert "binary" in str(e) and e.line == 3  # \r\n ends line 1, \x1a\n line 2

    def test_binary_line_counts_cr_only_breaks(self, tmp_path):
        assert fails(tmp_path, b"a\rb\rc\x00").line == 3

    def test_undecodable(self, tmp_path):
        e = fails(tmp_path, "제241회\n2022년 주요업무 보고\n".encode("utf-8") + b"\x80\xff\x80\n")
        assert e.line == 3 and "UTF-8 or CP949" in str(e)

    def test_council_minutes(self, tmp_path):
        e = fails(tmp_path, "제241회 영등포구의회 본회의 회의록\n\n의장: 성원이 되었으므로 개의하겠습니다.\n")
        assert e.line == 1 and "I. 일반현황" in str(e)

    def test_budget_book(self, tmp_path):
        e = fails(tmp_path, "2023년도 예산서\n\n세입\t1,000\n세출\t1,000\n")
        assert "no such section heading" in str(e)


class TestTruncated:
    # (lines kept, line named: the file's last line, words of the message). A cut after a blank
    # line leaves a file whose last line is the one before it.
    @pytest.mark.parametrize("keep,line,words", [
        (20, 19, "'I . 일반 현황' (listed in the report order at line 17)"),  # inside the report order
        (45, 44, "'II . 주요업무 추진실적'"),  # part I only
        (54, 53, "'II . 주요업무 추진실적'"),  # at the boundary I | II
        (65, 64, "'III . 2023년 주요업무 추진계획'"),  # inside part II's table of contents
        (200, 200, "'III . 2023년 주요업무 추진계획'"),  # inside part II
        (318, 317, "'III . 2023년 주요업무 추진계획'"),  # at the boundary II | III
        (340, 340, "'□ 소요예산' line of program 1"),  # inside part III
        (449, 448, "'□ 소요예산' line of program 4"),  # the last line cut
    ])
    def test_cut(self, tmp_path, report_text, keep, line, words):
        text = "\n".join(report_text.split("\n")[:keep])
        e = fails(tmp_path, text)
        assert e.line == line and words in str(e), str(e)


class TestBrokenTables:
    def test_unreadable_number(self, tmp_path, report_text):
        e = fails(tmp_path, variant(report_text, ("1,070,404", "1,07O,404")))
        assert str(e) == "bad.txt:47: expected a number in column 예산액, found '1,07O,404'"

    def test_missing_cell(self, tmp_path, report_text):
        e = fails(tmp_path, variant(report_text, ("198,888\t90,527\t45.5", "198,888\t90,527")))
        assert str(e) == "bad.txt:48: expected 4 cells (단위사업명, 예산액, 집행액, 집행률), found 3 cells"

    def test_extra_cell(self, tmp_path, report_text):
        e = fails(tmp_path, variant(report_text, ("정 원\t15\t-", "정 원\t15\t-\t-")))
        assert e.line == 34 and "16 cells" in str(e) and "found 17 cells" in str(e)

    def test_letter_in_staffing(self, tmp_path, report_text):
        e = fails(tmp_path, variant(report_text, ("현 원\t15\t-\t1\t7", "현 원\t15\t-\t1\t7a")))
        assert e.line == 35 and "6급 of 현원" in str(e)

    def test_bad_split(self, tmp_path, report_text):
        e = fails(tmp_path, variant(report_text, ("109,588 (구비 109,588)", "109,588 (구비 109,5x8)")))
        assert e.line == 106 and "column 예산액" in str(e)

    def test_bad_rate(self, tmp_path, report_text):
        e = fails(tmp_path, variant(report_text, ("33,184 (구비 33,184)\t30.3", "33,184 (구비 33,184)\t3O.3")))
        assert e.line == 106 and "percentage" in str(e)

    def test_bad_plan_budget(self, tmp_path, report_text):
        e = fails(tmp_path, variant(report_text, ("총 50,000천원(구비 50,000)", "총 오만천원")))
        assert e.line == 386 and "소요예산" in str(e)

    def test_duplicated_section(self, tmp_path, report_text):
        e = fails(tmp_path, report_text + "\nⅡ . 주요업무 추진실적\n")
        assert e.line == 451 and "a second one (the first is at line 55)" in str(e)

    def test_unknown_money_unit(self, tmp_path, report_text):
        e = fails(tmp_path, variant(report_text, ("(단위: 천원)", "(단위: 달러)")))
        assert e.line == 44 and "달러" in str(e)  # the line that states the unit
