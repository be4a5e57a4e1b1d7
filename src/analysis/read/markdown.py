"""Markdown text with pipe tables (what hwp2markdown, hwpx-tomd and python-hwpx's
``export_markdown`` write) → a Document.

A table is a run of lines starting with ``|``; its ``|---|`` separator row is dropped; ``<br>``
inside a cell breaks paragraphs. Merged cells do not survive Markdown: a converter pads them with
empty cells, which the interpreter reads as a group label spanning them. Headings (``#``),
emphasis (``**``) and backslash escapes are removed from paragraphs.
"""

from __future__ import annotations

import re

from analysis.read.document import Document, Loc

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


def read_lines(lines: list[str], source: str):
    from analysis.read.text import _finish, paragraph, table_of

    blocks: list = []
    rows: list[tuple[int, list[str]]] = []
    tables = 0

    def flush():
        nonlocal rows, tables
        if rows:
            tables += 1
            blocks.append(table_of(rows, tables))
            rows = []

    for n, line in enumerate(lines, 1):
        if _ROW.match(line):
            if _is_separator(line):
                continue
            body = line.strip()
            body = body[1:] if body.startswith("|") else body
            body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
            rows.append((n, [_inline(c) for c in _CELL_SPLIT.split(body)]))
            continue
        flush()
        if line.strip():
            blocks.append(paragraph(_inline(_HEADING.sub("", line), keep_indent=True), Loc(line=n)))
    flush()
    return _finish(Document(source, FORMAT, blocks))


def _inline(text: str, keep_indent: bool = False) -> str:
    indent = text[: len(text) - len(text.lstrip())] if keep_indent else ""
    text = _EMPHASIS.sub("", text.strip())
    return indent + _ESCAPE.sub(r"\1", text).strip()
