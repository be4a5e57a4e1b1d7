"""Markdown text with pipe tables (what hwp2markdown, hwpx-tomd and python-hwpx's
``export_markdown`` write) → a Document.

A table is a run of lines starting with ``|``; its ``|---|`` separator row is dropped; ``<br>``
inside a cell breaks paragraphs. Merged cells do not survive Markdown: a converter pads them with
empty cells, which the interpreter reads as a group label spanning them. Headings (``#``),
emphasis (``**``) and backslash escapes are removed from paragraphs.
"""

from __future__ import annotations

import re

from analysis.read.document import LIST_MARKS, Document, Table
from analysis.read.text import Lines

FORMAT = "markdown"

_ROW = re.compile(r"^\s*\|")
_RULE = re.compile(r":?-{3,}:?")


def _is_separator(line: str) -> bool:
    """A ``|---|:---:|`` row (cell by cell, in linear time on any line)."""
    body = line.strip()
    if not body.startswith("|") and "|" not in body:
        return False
    return all(_RULE.fullmatch(cell.strip()) for cell in body.strip("|").split("|"))
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def with_outer_pipes(lines: list[str]) -> list[str]:
    """GFM pipe tables written without their outer pipes (``a | b`` over ``---|---``) given them,
    line for line (locations unchanged), so that they read as the tables they are."""
    def piped(line: str, outer_end: bool) -> str:
        body = line.strip() if outer_end else line.lstrip()  # (' | ' at the end: an empty last cell, unless the rule ends with a pipe)
        body = body[:-1] if outer_end and body.endswith("|") and not body.endswith("\\|") else body
        return f"| {body} |"

    out = list(lines)
    k = 1
    while k < len(out):
        line = out[k].strip()
        if "-" in line and not line.startswith("|") and _is_separator(line) and "|" in out[k - 1] and not out[k - 1].strip().startswith("|"):
            outer_end = line.endswith("|")
            out[k - 1], out[k] = piped(out[k - 1], outer_end), piped(line, outer_end)
            k += 1
            while k < len(out) and out[k].strip() and "|" in out[k]:  # (a row whose first cell is empty starts with its pipe)
                out[k] = piped(out[k], outer_end)
                k += 1
            continue
        k += 1
    return Lines.like(lines, out)


def looks_like(lines: list[str]) -> bool:
    """Markdown when it has a pipe table: a ``|`` row followed by a ``|---|`` separator."""
    return any(_ROW.match(a) and _is_separator(b) for a, b in zip(lines, lines[1:]))


def _row(line: str) -> list[str] | None:
    """A pipe-table line's cells (``[]`` for its ``|---|`` rule), None for any other line."""
    if not _ROW.match(line):
        return None
    if _is_separator(line):
        return []
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return [_inline(c) for c in _CELL_SPLIT.split(body)]


_LIST_BEFORE_MARKER = re.compile(r"^(\s*)(?:[*+\-]|\d{1,2}[.)])\s+(?=[" + re.escape(LIST_MARKS.replace("*", "").replace("＊", "")) + "])")
"""A Markdown list item whose text starts with the report's own marker (``* ○ 국내 교류``): the
converter's bullet, dropped so the ○ line reads as the report wrote it."""


def _paragraph_text(line: str) -> str:
    return _inline(_LIST_BEFORE_MARKER.sub(r"\1", _HEADING.sub("", line)), keep_indent=True)


def read_lines(lines: list[str], source: str):
    """Pipe tables and paragraphs; a table a converter wrote as HTML inside the Markdown (merged
    cells: python-hwpx's ``export_rich_markdown``, pandoc's gfm) is read as HTML in its place."""
    from analysis.read.text import _finish, line_blocks

    html_tables = _html_tables(lines)
    row_of = _rows_without_empty_header()
    if not html_tables:
        return _finish(Document(source, FORMAT, line_blocks(lines, row_of, _paragraph_text)))
    rest = list(lines)
    for first, last, _ in html_tables:
        rest[first:last + 1] = [""] * (last + 1 - first)
    rest = Lines.like(lines, rest)
    blocks = line_blocks(rest, row_of, _paragraph_text) + [t for _, _, tables in html_tables for t in tables]
    blocks.sort(key=lambda b: b.loc.line or 0)
    number = 0
    for block in blocks:  # tables numbered in reading order, as one reader would
        if isinstance(block, Table):
            number += 1
            _renumber(block, number)
    return _finish(Document(source, FORMAT, blocks))


def _rows_without_empty_header():
    """:func:`_row`, but a table's first row with every cell empty (pandoc writes one over a
    table that has no header row) is passed over like a rule."""
    state = {"in_table": False}

    def row_of(line: str) -> list[str] | None:
        cells = _row(line)
        first = not state["in_table"]
        state["in_table"] = cells is not None
        if first and cells and not any(c.strip() for c in cells):
            return []
        return cells

    return row_of


_HTML_TABLE_START = re.compile(r"^\s*<table\b", re.I)
_HTML_TABLE_END = re.compile(r"</table\s*>\s*$", re.I)


def _html_tables(lines: list[str]) -> list[tuple[int, int, list]]:
    """(first line, last line, its tables) of each ``<table>…</table>`` run of lines, read by the
    HTML reader with their lines as in the file."""
    from analysis.read import html

    out = []
    i = 0
    while i < len(lines):
        if _HTML_TABLE_START.match(lines[i]):
            j = i
            while j < len(lines) and not _HTML_TABLE_END.search(lines[j]):
                j += 1
            j = min(j, len(lines) - 1)
            doc = html.read_lines([""] * i + lines[i:j + 1], "")  # the lines before left blank: locations as in the file
            out.append((i, j, [b for b in doc.blocks if isinstance(b, Table)]))
            i = j + 1
        else:
            i += 1
    return out


def _renumber(table: Table, number: int) -> None:
    table.loc = table.loc._replace(table=number)
    for cell in table.cells:
        cell.loc = cell.loc._replace(table=number)
        for p in cell.paragraphs:
            p.loc = p.loc._replace(table=number)


def _inline(text: str, keep_indent: bool = False) -> str:
    indent = text[: len(text) - len(text.lstrip())] if keep_indent else ""
    text = _EMPHASIS.sub("", text.strip())
    return indent + _ESCAPE.sub(r"\1", text).strip()
