"""Hostile input in the other text formats (Markdown pipe tables, HTML tables): every row and
paragraph deleted or duplicated, the file cut at every table, broken markup. Each gives the right
tables, or one ReportError naming the file and the place, or an ``error`` finding: never a
traceback, never a number read wrong in silence."""

from __future__ import annotations

import re

import pytest

import analysis
from analysis import ReportError
from conftest import REPORT_PATH
from convert import to_html, to_markdown
from test_hostile import assert_not_silent, keyed

TEXT = REPORT_PATH.read_text(encoding="utf-8")
HTML = to_html(TEXT)
MARKDOWN = to_markdown(TEXT)
MESSAGE = re.compile(r"^(?P<file>[^:( ]+)(?::\d+| \([^)]*\)): expected .+")


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("hostile-formats")


@pytest.fixture(scope="module")
def base():
    return keyed(analysis.load_report(REPORT_PATH))


def load(work, text: str, name: str):
    path = work / name
    path.write_text(text, encoding="utf-8")
    try:
        return analysis.load_report(path)
    except ReportError as exc:
        m = MESSAGE.match(str(exc))
        assert m and m["file"] == name, str(exc)
        return exc


def html_units() -> list[tuple[int, int]]:
    """(start, end) character spans of every <tr>…</tr> and <p>…</p> of the HTML."""
    return [(m.start(), m.end()) for m in re.finditer(r"<tr>.*?</tr>|<p>.*?</p>", HTML, re.S)]


MD_LINES = MARKDOWN.split("\n")


class TestHtml:
    @pytest.mark.parametrize("kind", ["delete", "duplicate"])
    @pytest.mark.parametrize("span", html_units(), ids=lambda s: f"at{s[0]}")
    def test_every_row_and_paragraph(self, work, base, kind, span):
        a, b = span
        text = HTML[:a] + HTML[b:] if kind == "delete" else HTML[:b] + HTML[a:b] + HTML[b:]
        assert_not_silent(load(work, text, "r.html"), base)

    @pytest.mark.parametrize("cut", [m.start() for m in re.finditer(r"<table>", HTML)])
    def test_cut_at_every_table(self, work, base, cut):
        result = load(work, HTML[:cut], "r.html")
        assert_not_silent(result, base)

    @pytest.mark.parametrize("attr", ['rowspan="abc"', 'colspan="0"', 'colspan="99999"', 'rowspan="99999"', 'colspan="-3"'])
    def test_broken_spans(self, work, base, attr):
        text = HTML.replace("<td>대외교류 활성화</td>", f"<td {attr}>대외교류 활성화</td>", 1)
        assert_not_silent(load(work, text, "r.html"), base)

    @pytest.mark.parametrize("junk", ["</table></table>", "<table><tr><td>", "<td>1,000</td>", "<!-- <table> -->", "<script>x=1</script>"])
    def test_stray_markup_in_the_budget_table(self, work, base, junk):
        text = HTML.replace("<td>기본경비</td>", f"<td>기본경비</td>{junk}", 1)
        assert_not_silent(load(work, text, "r.html"), base)

    def test_nested_table_in_a_cell(self, work):
        """A table inside a cell is read as that cell's paragraphs: the unit keeps its numbers."""
        text = HTML.replace("<td>기본경비</td>", "<td><table><tr><td>기본</td><td>경비</td></tr></table></td>", 1)
        result = load(work, text, "r.html")
        units = result.tables["budget_units"]
        assert units[units["unit"] == "기본 경비"][["budget", "executed"]].values.tolist() == [[83624, 61665]]


class TestMarkdown:
    @pytest.mark.parametrize("kind", ["delete", "duplicate"])
    @pytest.mark.parametrize("n", [i for i, line in enumerate(MD_LINES) if line.strip()], ids=lambda n: f"L{n + 1}")
    def test_every_line(self, work, base, kind, n):
        lines = list(MD_LINES)
        if kind == "delete":
            del lines[n]
        else:
            lines.insert(n, lines[n])
        assert_not_silent(load(work, "\n".join(lines), "r.md"), base)

    @pytest.mark.parametrize("junk", ["| | | |", "|---|", "| 1,000 |", "**"])
    def test_stray_pipes(self, work, base, junk):
        text = MARKDOWN.replace("| 기본경비 |", f"| 기본경비 {junk}|", 1)
        assert_not_silent(load(work, text, "r.md"), base)

    def test_an_escaped_pipe_is_part_of_the_cell(self, work):
        result = load(work, MARKDOWN.replace("| 기본경비 |", "| 기본경비 \\| |", 1), "r.md")
        units = result.tables["budget_units"]
        assert units[units["unit"] == "기본경비 |"][["budget", "executed"]].values.tolist() == [[83624, 61665]]
