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
