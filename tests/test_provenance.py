"""Provenance: every number of every output row is printed at the place its ``source_loc`` names
(the paragraph, or the table row of the cell), in the unit it was printed in; and for a text
file, on the line ``source_line`` names, as an editor counts lines.

The one kind of figure that is not printed as stored is '외' (``여의도성모병원 외 9개 기관``
counts 10): asserted as such. Found with this check: pdftotext's page breaks moved every row
after the k-th page k lines up (tests/test_hostile.py)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

import analysis
from analysis.read import read_path
from analysis.read.document import Table
from analysis.store.build import load_reports
from conftest import REPORT_PATH
from convert import to_html, to_markdown

DATA = Path(__file__).parent / "data"
FILES = [
    REPORT_PATH,
    *(DATA / "office" / f"{REPORT_PATH.stem}.{ext}" for ext in ("hwpx", "hwp", "pdf")),
    *sorted(DATA.glob("*.txt")),
    *sorted((DATA / "layouts").iterdir()),
    *sorted(p for p in (DATA / "converters").iterdir() if p.suffix in (".md", ".txt") and not {"[TABLE]", "<표>"} & set(p.read_text(encoding="utf-8").split("\n"))
            and not p.name.startswith("pdftotext_")),  # (those two are refused; pdftotext's below)
    # pdftotext -layout of the bundled PDF and of its rotated-pages variant (the others are refused,
    # or other offices' reports, whose money stated as shares is not printed as stored)
    *(DATA / "converters" / f"pdftotext_layout_{name}.txt" for name in (REPORT_PATH.stem, "rotated_pages")),
]
# Columns that are no figure of the report (or are worked out from others: rate is checked against amounts).
NOT_PRINTED = {"year", "program_no", "plan_year", "final", "rate", "gap", "source_line"}
# A figure is printed in the unit of its table: 천원 as it is, 백만원/억원 (stored ×1,000/×100,000), 원 (÷1,000).
SCALES = (Decimal(1), Decimal(1000), Decimal(100000), Decimal("0.001"))
_FULL_WIDTH = str.maketrans("０１２３４５６７８９，", "0123456789,")


def printed_numbers(text: str) -> set[Decimal]:
    out = set()
    for m in re.finditer(r"\d[\d,.]*", text.translate(_FULL_WIDTH)):
        token = m.group(0).rstrip(".,")
        for digits in (token.replace(",", ""), token.replace(".", "").replace(",", "")):
            try:
                out.add(Decimal(digits))
            except ArithmeticError:
                pass
    return out


def text_at(doc, loc: str, two_rows: bool) -> str:
    """The paragraph at ``loc``, or the whole row of the cell at ``loc`` (and the next row for a
    staffing row: its 정원 and 현원)."""
    texts = []
    for block in doc.blocks:
        if isinstance(block, Table):
            for cell in block.cells:
                if str(cell.loc) == loc:
                    grid = block.texts()
                    texts += [" ".join(row) for row in grid[cell.row: cell.row + (2 if two_rows else 1)]]
        elif str(block.loc) == loc:
            texts.append(block.text)
    return " ".join(texts)


def row_lines(lines: list[str], line: int, rows: int) -> list[str]:
    """The lines of ``rows`` table rows from ``line``: up to a blank line, a rule (a grid's
    ``+---+``, a multiline table's dashes) or an HTML row's ``</tr>``."""
    out = []
    for text in lines[line - 1:]:
        end = not text.strip() or set(text.strip()) <= set("+-=: |") or "</tr>" in text
        if not end or "</tr>" in text:
            out.append(text)
        if end and out:
            rows -= 1
            if not rows:
                break
    return out


def figures(report) -> list[tuple[str, str, Decimal, str, int | None]]:
    """(table, column, value, source_loc, source_line) of every figure of every output row."""
    out = []
    for name in analysis.TABLE_NAMES:
        if name in ("reports", "findings", "program_lineage"):
            continue
        for row in report.table_rows(name):
            if not row.get("source_loc"):
                continue
            for col, v in row.items():
                if col in NOT_PRINTED or col.startswith("source") or isinstance(v, bool) or not isinstance(v, (int, float, Decimal)) or v != v or v == 0:
                    continue
                out.append((name, col, abs(Decimal(str(v))), row["source_loc"], row.get("source_line")))
    return out


def printed(table: str, value: Decimal, text: str) -> str | None:
    """How ``value`` is printed in ``text``: 'as is' (in one of the units), 'named others' (a
    metric of 'N외 M개' counting N too), or None."""
    if any(value == n * s for n in printed_numbers(text) for s in SCALES):
        return "as is"
    if table == "metrics" and f"외 {value - 1}" in text:
        return "named others"
    return None


@pytest.fixture(params=[*FILES, "bundled as Markdown", "bundled as HTML"], ids=lambda p: getattr(p, "name", p))
def path(request, tmp_path):
    if isinstance(request.param, Path):
        return request.param
    convert, suffix = (to_markdown, ".md") if "Markdown" in request.param else (to_html, ".html")
    out = tmp_path / f"{REPORT_PATH.stem}{suffix}"
    out.write_text(convert(REPORT_PATH.read_text(encoding="utf-8")), encoding="utf-8")
    return out


def test_every_figure_is_printed_where_its_row_says(path):
    doc = read_path(path)
    lines = re.split(r"\r\n|\r|\n", path.read_text(encoding="utf-8")) if path.suffix in (".txt", ".md") else None  # (an HTML row spans lines: its location is checked)
    how = []
    for report in load_reports(path):
        for table, col, value, loc, line in figures(report):
            text = text_at(doc, loc, table == "staffing")
            assert text, f"{table}.{col} {value}: no paragraph or cell at {loc}"
            how.append(printed(table, value, text))
            assert how[-1], f"{table}.{col} {value} is not printed at {loc}: {text[:80]!r}"
            if lines is not None:  # the editor's line (and the next that is not blank, for 현원 under 정원: a multiline table parts rows by a blank line)
                below = next((t for t in lines[line:] if t.strip()), "") if table == "staffing" else ""
                on_line = lines[line - 1] + " " + below
                if path.parent.name == "converters" and not path.name.startswith("pdftotext_layout"):  # a row of a grid, multiline or HTML table takes several lines: its figure on one of them
                    on_line = " ".join(row_lines(lines, line, 2 if table == "staffing" else 1))
                assert printed(table, value, on_line) == how[-1], f"{table}.{col} {value} is not printed on line {line}: {on_line[:80]!r}"
    assert len(how) >= 10
    if "vision-cooperation_2022" in path.name:  # the bundled report, in every format
        assert len(how) == 108 and how.count("named others") == 3
