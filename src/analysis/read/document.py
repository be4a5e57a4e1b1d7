"""The document model every reader yields and the interpreter reads.

A :class:`Document` is plain data: its body is an ordered list of blocks, each a
:class:`Paragraph` or a :class:`Table`; a table is a grid of :class:`Cell` objects with row and
column spans, and a cell holds paragraphs. Every block and cell has a :class:`Loc`, a location a
person can follow in the original file (a line of a text file; page/table/row/column of a PDF;
section/paragraph/table/row/column of an HWP or HWPX). Page furniture (page numbers, running
heads, a header row repeated after a page break) is kept apart in ``Document.furniture`` with its
location, never in the body.

The interpreter never looks at bytes, tabs or XML: what differs between formats ends here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import NamedTuple

class once:
    """A property computed on first use and kept in the instance's ``__dict__`` (a data-less
    descriptor: later reads find the value there without calling anything; unlike
    ``functools.cached_property`` on Python 3.11, no lock is taken)."""

    def __init__(self, func):
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


LIST_MARKS = "□■○◦●◎◇◆◈▪▫▶►▷▸•∙·ㆍㅇ❍◯∘※*＊"
"""The marks a report's items begin with (a dash aside: ``-``, ``–``, ``—`` also hyphenate): one
set for every reader that must tell an item from a wrapped line."""
LIST_LETTERS = "가나다라마바사아자차카타파하"
"""The Hangul letters items are numbered with (가. 나. 다. …), in order."""
_DOTS = "·∙"  # middle dots: a mark when a space follows, else a list's joint ('동남아·영어권')
ITEM_START = (
    r"(?:[" + re.escape(LIST_MARKS.translate({ord(c): None for c in _DOTS})) + r"\-–—①-⑳㉠-㉻㈀-㈍]|[" + _DOTS + r"](?=\s)"
    r"|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|(?:I|II|III|IV|V|VI)\s*\."
    r"|[(（]?(?:\d{1,4}|[" + LIST_LETTERS + r"])[.)）](?!\s*\d{1,2}\s*[.~]))"
)
"""A line that begins an item: a mark, a circled number, a Roman numeral, ``1.``, ``(2)``, ``가.``
(not a date: ``10. 5. ~ 11. 10.``)."""

UNMAPPED = "\ufffd"
"""A glyph whose font maps it to no character (pdfminer's ``(cid:17)``): read as U+FFFD, so its
glyph number is never read as digits (``(cid:17)`` in a cell was the number 17), and a figure
it touches is never read as the digits around it (``1,\ufffd07명`` is not 7)."""

_LOC_FIELDS = ("sheet", "page", "section", "paragraph", "line", "table", "row", "col")
_LOC_WORDS = {"sheet": "시트", "page": "쪽", "section": "구역", "paragraph": "문단", "line": "행", "table": "표", "row": "줄", "col": "칸"}


class Loc(NamedTuple):
    """Where a block or cell is in the original file (1-based numbers; None where not used).

    ``line`` is the 1-based line of a text file (for a table cell, the line of its row).
    ``str(loc)`` is what a person follows: ``line 47``, ``page 3, table 2, row 4, col 2``.
    (A named tuple: a report has hundreds of them, made in one pass.)
    """

    line: int | None = None
    page: int | None = None
    section: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    sheet: str | None = None  # a workbook's sheet (the Excel route)

    @classmethod
    def parse(cls, text: str | None) -> Loc | None:
        """The Loc that ``str(loc)`` wrote (``line 47, table 4, row 6, col 1``); None if blank."""
        if not text or not str(text).strip() or str(text).strip() == "-":
            return None
        fields = {}
        for part in str(text).split(", "):
            name, _, value = part.strip().partition(" ")
            if name in _LOC_FIELDS:
                fields[name] = value if name == "sheet" else int(value)
        return cls(**fields) if fields else None

    def at(self, **changes) -> Loc:
        """This location with some fields changed (``loc.at(row=3, col=2)``)."""
        return self._replace(**changes)

    def __str__(self) -> str:
        return ", ".join([f"{name} {self[i]}" for name, i in _LOC_ORDER if self[i] is not None]) or "-"

    def short(self) -> str:
        """``line 47`` where there is a line (what an editor shows), else the whole location."""
        return f"line {self.line}" if self.line is not None else str(self)

    def korean(self) -> str:
        """The location in Korean, for a councillor's page: ``3쪽 2표 4줄 2칸``."""
        parts = [(f"{getattr(self, name)} {_LOC_WORDS[name]}" if name == "sheet" else f"{getattr(self, name)}{_LOC_WORDS[name]}") for name in _LOC_FIELDS if getattr(self, name) is not None]
        return " ".join(parts) or "-"


_LOC_ORDER = tuple((name, Loc._fields.index(name)) for name in _LOC_FIELDS)  # printing order -> tuple index


@dataclass(slots=True)
class Paragraph:
    """A paragraph of text (one line of a text file; one ``<p>``/``hp:p`` of a document).

    ``level`` is the indent depth where the reader knows it (leading spaces of a text line).
    """

    text: str
    loc: Loc
    level: int = 0


@dataclass
class Cell:
    """A table cell at ``row``/``col`` (0-based) spanning ``rowspan`` × ``colspan`` positions."""

    row: int
    col: int
    paragraphs: list[Paragraph]
    loc: Loc
    rowspan: int = 1
    colspan: int = 1

    @once
    def text(self) -> str:
        """The cell's paragraphs joined by newlines."""
        paragraphs = self.paragraphs
        return paragraphs[0].text if len(paragraphs) == 1 else "\n".join(p.text for p in paragraphs)


@dataclass
class Table:
    """A grid of cells. Positions covered by a merged cell hold that cell in :meth:`grid`."""

    cells: list[Cell]
    loc: Loc
    caption: str = ""
    kind = "table"

    # A table is not changed once read (joining makes a new one): its shapes are computed once.
    @once
    def n_rows(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    @once
    def n_cols(self) -> int:
        return max((c.col + c.colspan for c in self.cells), default=0)

    def grid(self) -> list[list[Cell | None]]:
        return self._grid

    @once
    def _grid(self) -> list[list[Cell | None]]:
        """Rows × columns; a merged cell appears at every position it covers, an empty position
        (a ragged row) is None."""
        out: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    out[r][k] = c
        return out

    def rows(self) -> list[list[Cell]]:
        """Each row's own cells (those that start in it), left to right."""
        return self._rows

    @once
    def _rows(self) -> list[list[Cell]]:
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for c in sorted(self.cells, key=lambda c: (c.row, c.col)):
            out[c.row].append(c)
        return out

    def texts(self) -> list[list[str]]:
        """The grid as text: a merged cell's text at its first position, ``""`` elsewhere."""
        return self._texts

    @once
    def _texts(self) -> list[list[str]]:
        out = [[""] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row][c.col] = c.text
        return out

    def transposed(self) -> Table:
        """The table with its rows and columns swapped (a table printed the other way round:
        예산액 and 집행액 as rows, 계 and the funding sources as columns). Every cell keeps its
        paragraphs and its location in the original."""
        return Table([Cell(c.col, c.row, c.paragraphs, c.loc, c.colspan, c.rowspan) for c in self.cells], self.loc, self.caption)


Block = Paragraph | Table


@dataclass(frozen=True)
class Notice:
    """What a reader saw and could not read as printed, at its place: a glyph of a PDF that maps
    to no character, a page whose drawing stream is damaged, an equation of an HWPX. It becomes a
    finding of the report (``check``, ``severity``, ``expected``, ``actual``, ``message``, at
    ``loc``); each of ``numbers`` is a number of the report left unread there, counted by
    coverage as not read (so the share read falls) and named."""

    check: str
    severity: str
    loc: Loc
    expected: str
    actual: str
    message: str
    numbers: tuple[str, ...] = field(default=(), kw_only=True)


@dataclass
class Document:
    """A report file as read: its body blocks in reading order and its page furniture apart.

    Parameters
    ----------
    source : str
        The file name (for messages and ``reports.source_file``).
    source_format : str
        What the reader read: ``text`` (tab-separated), ``markdown``, ``html``, ``layout`` (a PDF's
        text extraction with its columns kept by spaces, ``pdftotext -layout``), ``hwpx``, ``hwp``,
        ``pdf``.
    blocks : list
        Paragraphs and tables in reading order.
    furniture : list
        Paragraphs set aside as page furniture (page numbers, running heads, repeated header
        rows), each with its location.
    notices : list
        What the reader could not read as printed (:class:`Notice`), each at its place.
    """

    source: str
    source_format: str
    blocks: list[Block]
    furniture: list[Paragraph] = field(default_factory=list)
    encoding: str | None = None
    notices: list[Notice] = field(default_factory=list)

    def paragraphs(self):
        """Every paragraph of the body, cells included, in reading order."""
        for b in self.blocks:
            if isinstance(b, Table):
                for c in sorted(b.cells, key=lambda c: (c.row, c.col)):
                    yield from c.paragraphs
            else:
                yield b


# --- page furniture and tables split across pages -------------------------------------------

# A bare number is a page number up to 3 digits: a cover line that is only a year is not one.
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}\s*/\s*\d{1,4}|-?\s*\d{1,3}\s*-?|[(（]\s*\d{1,4}\s*[)）]|page\s*\d{1,4})\s*$", re.I)


_PAGE_NUMBER_START = frozenset("-–—(（0123456789pP")


def is_page_number(text: str) -> bool:
    """A paragraph that is only a page number: ``- 3 -``, ``3``, ``3 / 15``, ``(3)``."""
    first = text.lstrip()[:1]
    if not first or unicodedata.normalize("NFKC", first)[:1] not in _PAGE_NUMBER_START:
        return False  # what a page number cannot start with, after NFKC (most paragraphs)
    return bool(_PAGE_NUMBER.match(unicodedata.normalize("NFKC", text)))


def _cells_key(cells: list[Cell]) -> tuple[str, ...]:
    return tuple("".join(c.text.split()) for c in cells)


def join_split_tables(blocks: list[Block], furniture: list[Paragraph]) -> list[Block]:
    """Set page numbers aside and join the parts of a table that broke across a page.

    A paragraph that is only a page number (``- 3 -``) is moved to ``furniture``. Two tables
    whose column counts agree are one table when a page number stands between them, or when
    nothing does and the second repeats the first's header; when the second part begins with the first part's header row repeated, that row is
    set aside as furniture too (with its location). A reader that knows where pages end (PDF)
    joins the parts itself with :func:`join_tables`.

    Parameters
    ----------
    blocks : list
        The body in reading order (not modified).
    furniture : list
        Receives the paragraphs set aside.

    Returns
    -------
    list
        The body with furniture removed and split tables joined.
    """
    out: list[Block] = []
    page_break = False  # a page number stands between the last body block and this one
    for n, block in enumerate(blocks):
        if isinstance(block, Paragraph) and is_page_number(block.text):
            furniture.append(block)
            page_break = True
            continue
        if (isinstance(block, Paragraph) and _CONTINUED.fullmatch(block.text) and out and isinstance(out[-1], Table)
                and isinstance(after := next((b for b in blocks[n + 1:] if not (isinstance(b, Paragraph) and is_page_number(b.text))), None), Table)
                and after.n_cols == out[-1].n_cols):
            furniture.append(block)  # '(계속)' over the rest of a table on the next page: the table goes on
            page_break = True
            continue
        if (isinstance(block, Table) and out and isinstance(out[-1], Table) and out[-1].n_cols == block.n_cols
                and (page_break or _repeats_header(out[-1], block))):
            out[-1] = join_tables(out[-1], block, furniture)
            page_break = False
            continue
        page_break = False
        out.append(block)
    return out


# A line that says a table goes on from the page before: '(계속)', '<계속>', '[표 계속]', '(앞 쪽에서 계속)'.
_CONTINUED = re.compile(r"\s*[(（<〈\[［]?\s*(?:표\s*)?(?:앞\s*쪽에서\s*|전\s*쪽에서\s*)?계\s*속\s*[)）>〉\]］]?\s*")


def _repeats_header(first: Table, second: Table) -> bool:
    rows1, rows2 = first.rows(), second.rows()
    return bool(rows1 and rows2) and _cells_key(rows1[0]) == _cells_key(rows2[0]) and any(_cells_key(rows1[0]))


def join_tables(first: Table, second: Table, furniture: list[Paragraph]) -> Table:
    """``second``'s rows appended to ``first``; a repeated header row set aside."""
    rows1 = first.rows()
    skip = 0
    if rows1:
        header_rows = _header_depth(first)
        rows2 = second.rows()
        if len(rows2) >= header_rows and all(_cells_key(rows1[i]) == _cells_key(rows2[i]) for i in range(header_rows)):
            skip = header_rows
            for i in range(header_rows):
                furniture.append(Paragraph(" | ".join(c.text for c in rows2[i]), rows2[i][0].loc if rows2[i] else second.loc))
    offset = first.n_rows - skip
    cells = list(first.cells)
    for c in second.cells:
        if c.row < skip:
            continue
        cells.append(replace(c, row=c.row + offset))
    return Table(cells, first.loc, first.caption)


def _header_depth(table: Table) -> int:
    """Rows of the header: 1, or more while a cell of the first row spans down into them."""
    rows = table.rows()
    if not rows:
        return 0
    return max(c.rowspan for c in rows[0]) if rows[0] else 1


def set_aside_repeats(blocks: list[Block], furniture: list[Paragraph]) -> list[Block]:
    """Set aside what a page break repeats: a table's header row(s) repeated further down the
    same table (a text extraction keeps the rows of both pages together), and running heads (a
    paragraph that stands beside page numbers, the same text at two or more of them).

    Parameters
    ----------
    blocks : list
        The body, page numbers already set aside (by :func:`join_split_tables`).
    furniture : list
        Receives what is set aside, with its location.
    """
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table):
            block = _without_repeated_header(block, furniture)
        out.append(block)
    # Running heads: paragraphs next to a page number, repeated at two or more page numbers.
    numbers = {id(p) for p in furniture}
    if numbers:
        near: dict[str, list[Paragraph]] = {}
        pages = sorted((p.loc.line or 0) for p in furniture if is_page_number(p.text))
        for block in out:
            # (on the page number's own line is no sign: markup written on one line puts every block there)
            if isinstance(block, Paragraph) and block.loc.line is not None and any(0 < abs(block.loc.line - n) <= 2 for n in pages):
                near.setdefault(block.text, []).append(block)
        # A running head (the report's, or each chapter's on its pages) is never body text: a list
        # item ('- 홍보물 배포: 500부' at the foot of two pages), a bracketed caption ('(단위: 원)'
        # over the tables of two pages) or a note.
        heads = {id(p) for text, group in near.items() if len(group) >= 2 and not _body_text(text) for p in group}
        if heads:
            furniture += [b for b in out if id(b) in heads]
            out = [b for b in out if id(b) not in heads]
    return out


_BODY_START = re.compile(rf"[{re.escape(LIST_MARKS)}(（\[［<〈「『]|[-–—]\s|\d+[.)]\s|[가-하][.)]\s")


def _body_text(text: str) -> bool:
    """A paragraph that is the report's own text, never a running head: a list item, a numbered
    item, a bracketed caption or a note."""
    return _BODY_START.match(text) is not None


def _without_repeated_header(table: Table, furniture: list[Paragraph]) -> Table:
    rows = table.rows()
    depth = _header_depth(table)
    if len(rows) <= depth + 1:
        return table
    first = rows[0][0].text if rows[0] else ""
    if not any(row and row[0].text == first for row in rows[depth:]):  # cheap test first
        return table
    if not any(_cells_key(rows[0])):
        return table
    header = [_cells_key(rows[i]) for i in range(depth)]
    drop: set[int] = set()
    r = depth
    while r < len(rows):
        if r + depth <= len(rows) and all(_cells_key(rows[r + i]) == header[i] for i in range(depth)):
            for i in range(depth):
                drop.add(r + i)
                furniture.append(Paragraph(" | ".join(c.text for c in rows[r + i]), rows[r + i][0].loc))
            r += depth
        else:
            r += 1
    if not drop:
        return table
    shift = {r: r - sum(1 for d in drop if d < r) for r in range(len(rows))}
    cells = [replace(c, row=shift[c.row]) for c in table.cells if c.row not in drop]
    return Table(cells, table.loc, table.caption)
