"""Markdown text with pipe tables (what hwp2markdown, hwpx-tomd and python-hwpx's
``export_markdown`` write) → a Document.

A table is a run of lines starting with ``|``; its ``|---|`` separator row is dropped; ``<br>``
inside a cell breaks paragraphs. Merged cells do not survive Markdown: a converter pads them with
empty cells, which the interpreter reads as a group label spanning them. Headings (``#``),
emphasis (``**``) and backslash escapes are removed from paragraphs.
"""

from __future__ import annotations

import re

from analysis.read.document import LIST_MARKS, Document

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
    from analysis.read.text import _finish, line_blocks

    return _finish(Document(source, FORMAT, line_blocks(lines, _row, _paragraph_text)))


def _inline(text: str, keep_indent: bool = False) -> str:
    indent = text[: len(text) - len(text.lstrip())] if keep_indent else ""
    text = _EMPHASIS.sub("", text.strip())
    return indent + _ESCAPE.sub(r"\1", text).strip()
