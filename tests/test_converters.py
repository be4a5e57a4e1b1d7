"""The bundled report through converters nobody here controls (tests/data/converters/, made by
its make.sh): each reads with the bundled report's numbers, or is refused with one message.

Compared with the bundled report: every table but the teams' duties and the metrics' labels
row for row (without source_line/source_loc, which are each file's own), the metrics by
(year, program, value, unit, kind), and the coverage finding (146 of 146 numbers read).
A cell's text wrapped in a column loses whether a space stood at the break: the duties where
pandoc broke a word are listed exactly. The metrics' labels lose their parents in every
pandoc output (its lists have no indent), as the gfm variant already did.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from analysis.errors import ReportError
from analysis.read import read_path
from analysis.read.document import Table
from analysis.store.build import _report_rows
from conftest import REPORT_PATH

DATA = Path(__file__).parent / "data" / "converters"
OWN = {"source_line", "source_loc", "report_id", "source_file", "source_format", "source_sha256", "message"}
SAME_TABLES = ("staffing", "budget_units", "programs", "program_budget_rows", "program_funding", "partner_cities", "facilities")

# (duty as the bundled report has it, as read from the wrapped cell)
BROKEN_WORD = ("사회적책임경영(CSR) 활성화", "사회적 책임경영(CSR) 활성화")
BROKEN_AT_LETTER = ("사회적책임경영(CSR) 활성화", "사회 적책임경영(CSR) 활성화")
BROKEN_BEFORE_DOT = ("평화통일·남북교류협력 기반조성", "평화통 일·남북교류협력 기반조성")
BROKEN_COMPOUND = ("주민 건강동아리(플로깅) 운영 지원", "주민 건강 동아리(플로깅) 운영 지원")
DUTIES_CHANGED = {
    "pandoc_docx_default.md": [BROKEN_WORD, BROKEN_COMPOUND],
    "pandoc_docx_grid.md": [BROKEN_WORD, BROKEN_COMPOUND],
    "pandoc_docx_plain.txt": [BROKEN_WORD, BROKEN_COMPOUND],
    "pandoc_docx_html_tables.md": [],
    "pandoc_html_default.md": [BROKEN_AT_LETTER, BROKEN_BEFORE_DOT, BROKEN_COMPOUND],
    "pandoc_lohtml_default.md": [BROKEN_AT_LETTER, BROKEN_BEFORE_DOT, BROKEN_COMPOUND],
}


def _rows(table: str, rows: list[dict]) -> Counter:
    if table == "metrics":
        return Counter(tuple(r[k] for k in ("year", "program_no", "value", "unit", "kind")) for r in rows)
    return Counter(tuple(sorted((k, repr(v)) for k, v in r.items() if k not in OWN)) for r in rows)


@pytest.fixture(scope="module")
def bundled():
    return _report_rows(REPORT_PATH.name, REPORT_PATH.read_bytes())


@pytest.mark.parametrize("name", sorted(DUTIES_CHANGED))
def test_converter_output_reads_the_bundled_numbers(name, bundled):
    rows = _report_rows(name, (DATA / name).read_bytes())
    for table in (*SAME_TABLES, "metrics"):
        assert _rows(table, rows[table]) == _rows(table, bundled[table]), table
    coverage = [(f["expected"], f["actual"]) for f in rows["findings"] if f["check"] == "coverage"]
    assert coverage == [("146", "146")]
    assert Counter((f["check"], f["severity"]) for f in rows["findings"]) == Counter((f["check"], f["severity"]) for f in bundled["findings"])
    duties = Counter((r["team"], r["duty"]) for r in rows["teams"])
    expected = Counter((r["team"], r["duty"]) for r in bundled["teams"])
    for was, now in DUTIES_CHANGED[name]:
        team = next(t for t, d in expected if d == was)
        expected[(team, was)] -= 1
        expected[(team, now)] += 1
    assert duties == +expected


def test_budget_table_as_a_multiline_table():
    """pandoc's default Markdown of the Word file: the 예산현황 table is a multiline table, a
    wrapped label ('내부거래지출' / '(기금전출금)') one cell, its row at its first line."""
    doc = read_path(DATA / "pandoc_docx_default.md")
    table = next(b for b in doc.blocks if isinstance(b, Table) and b.texts()[0][0] == "단위사업명")
    assert table.texts() == [
        ["단위사업명", "예 산 액", "집 행 액", "집행률(%) (10. 31.기준)"],
        ["계", "1,070,404", "623,784", "58.3"],
        ["대외교류 활성화", "198,888", "90,527", "45.5"],
        ["건강특구 활성화", "10,000", "10,000", "100"],
        ["국제금융특구 활성화", "190,400", "102,920", "54.1"],
        ["의료관광 활성화", "487,492", "258,672", "53.1"],
        ["기본경비", "83,624", "61,665", "73.7"],
        ["내부거래지출 (기금전출금)", "100,000", "100,000", "100"],
    ]
    lines = (DATA / "pandoc_docx_default.md").read_text(encoding="utf-8").split("\n")
    for cell in table.cells:
        if cell.text[:1].isdigit():
            assert cell.text in lines[cell.loc.line - 1], cell.loc


def test_team_duties_from_a_grid_table_of_lists():
    """A grid table whose cells are Markdown lists ('-   \\- 여의도', a word too wide laid out
    after a blank line): one duty an item, the report's own '-' kept as the docx's."""
    rows = _report_rows("x.md", (DATA / "pandoc_html_default.md").read_bytes())
    assert [r["duty"] for r in rows["teams"] if r["team"] == "국제금융특구팀"] == ["여의도 금융개발진흥 지구 진흥계획 추진", "국제금융중심지 활성화", "구민 금융교육 강화"]


def test_table_left_out_by_pandoc_is_refused():
    with pytest.raises(ReportError) as exc:
        read_path(DATA / "pandoc_lohtml_plain.txt")
    assert str(exc.value) == (
        "pandoc_lohtml_plain.txt:54: expected a table, found '[TABLE]', what pandoc's plain text writes in place of a table it cannot draw "
        "(merged cells): the table's figures are not in this file; convert the document again as HTML or Markdown (pandoc -t html or -t gfm), "
        "or give the HWPX, HWP or PDF"
    )


def test_hwp5txt_tables_left_out_are_refused():
    """pyhwp's hwp5txt writes '<표>' for every table: read, the report had been refused with
    'no 예산현황 sub-heading' and a hint about PDF text; now the placeholder is named."""
    with pytest.raises(ReportError) as exc:
        read_path(DATA / "hwp5txt.txt")
    assert str(exc.value) == (
        "hwp5txt.txt:10: expected a table, found '<표>', what pyhwp's hwp5txt writes in place of every table: the tables' figures are not in "
        "this file; convert the HWP with hwp5html instead, or give the HWP itself"
    )


def _glued_by_page_breaks(text: str, every: int = 40) -> tuple[str, callable]:
    """Every ``every``-th line and the next (both with text) glued by a form feed, as two pages
    are glued by a page break; and the file line a line of ``text`` is then on."""
    lines = text.split("\n")
    glue = {i for i in range(every - 1, len(lines) - 1, every) if lines[i].strip() and lines[i + 1].strip()}
    out = "".join(line + ("\f" if i in glue else "\n") for i, line in enumerate(lines))
    return out, lambda n: n - sum(1 for i in glue if i < n - 1)


@pytest.mark.parametrize("make", ["html", "markdown with HTML tables"])
def test_form_feed_inside_a_line_of_html_keeps_line_numbers(make, tmp_path):
    """A form feed inside a line of an HTML file (or of HTML tables inside Markdown) ends the
    line's text, and the parts keep the file line's number. The HTML reader counted the parts as
    lines: every row after it was traced one line further per form feed (124 of the bundled
    report's rows as HTML, 97 of pandoc's Markdown with HTML tables)."""
    from convert import to_html

    text = to_html(REPORT_PATH.read_text(encoding="utf-8")) if make == "html" else (DATA / "pandoc_docx_html_tables.md").read_text(encoding="utf-8")
    suffix = ".html" if make == "html" else ".md"
    glued, file_line = _glued_by_page_breaks(text)
    assert glued.count("\f") >= 10
    plain = _report_rows("plain" + suffix, text.encode())
    paged = _report_rows("paged" + suffix, glued.encode())
    moved = 0
    for table in plain:
        assert len(paged[table]) == len(plain[table]), table
        for a, b in zip(plain[table], paged[table]):
            if a.get("source_line"):
                assert b["source_line"] == file_line(a["source_line"]), (table, a)
                moved += b["source_line"] != a["source_line"]
            assert {k: v for k, v in a.items() if k not in OWN} == {k: v for k, v in b.items() if k not in OWN}
    assert moved > 50


def test_program_heading_joined_to_the_contents_says_what_to_do(tmp_path):
    """A converter that writes two tables with nothing between them as one (LibreOffice's HTML of
    its own .docx, a browser's copy-paste) puts the first program's heading chip ('1 | 국내·외 …')
    as the contents' last row: refused, as before, but saying what happened and what to do (it
    had said only 'expected entry 8 of the table of contents, found entry 1 '''). With a blank
    line between them the same text reads as the bundled report."""
    text = REPORT_PATH.read_text(encoding="utf-8")
    joined = text.replace("10\n\n1 국내·외 도시교류 네트워크 확대\n", "10\n1\t국내·외 도시교류 네트워크 확대\n", 1)
    assert joined != text
    with pytest.raises(ReportError) as exc:
        _report_rows("joined.txt", joined.encode())
    assert str(exc.value) == (
        "joined.txt:65: expected entry 8 of the table of contents, found entry 1 '국내·외 도시교류 네트워크 확대' in the same table after its "
        "entry 7: the program's heading table joined to the contents (a converter writes two tables with nothing between them as one); "
        "put a blank line between them, or give the original file"
    )
    apart = _report_rows("apart.txt", joined.replace("10\n1\t국내", "10\n\n1\t국내", 1).encode())
    bundled = _report_rows(REPORT_PATH.name, REPORT_PATH.read_bytes())
    for table in SAME_TABLES:
        assert _rows(table, apart[table]) == _rows(table, bundled[table]), table


@pytest.mark.parametrize("menu", [False, True], ids=["one cell", "beside a menu"])
def test_report_inside_a_layout_table(menu, bundled):
    """A page saved from a browser whose body is laid out in a table (an intranet portal: the
    report in one cell, maybe beside a menu's): the report's tables are nested in it. Nested
    tables had been read as their cells' text, so the whole report was one table's cell and
    refused ('no such section heading'). A table holding a grid of its own is the page's
    layout: what its cells hold is read in order, tables numbered as read."""
    from convert import to_html

    html = to_html(REPORT_PATH.read_text(encoding="utf-8"))
    side = '<td class="menu"><p>자료실</p><p>의회보고</p></td>' if menu else ""
    page = html.replace("<body>", f'<body><table class="layout"><tr>{side}<td class="content">', 1).replace("</body>", "</td></tr></table></body>", 1)
    rows = _report_rows("portal.html", page.encode())
    plain = _report_rows("plain.html", html.encode())
    for table in (*SAME_TABLES, "metrics", "teams"):
        assert _rows(table, rows[table]) == _rows(table, bundled[table]), table
        assert [r.get("source_loc") for r in rows[table]] == [r.get("source_loc") for r in plain[table]], table  # the same lines and table numbers
