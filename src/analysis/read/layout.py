"""Space-aligned text: a PDF's text extraction that keeps columns by spaces (``pdftotext -layout``
and the like) → a Document.

Such a text has no tab, pipe or tag: a table row is one line whose cells stand apart by runs of two
or more spaces, at about the columns where the PDF drew them. The columns are not exact (a wide
Hangul glyph counts as one character, so text after a long label drifts right), so a row is read
by its cells' order when it has as many cells as the table has columns, and by their positions
only to tell which columns of a shorter row are empty:

- A table is a run of consecutive lines with two or more cells each (one line of a number chip
  and a title is a heading, one other line of two cells a paragraph). Its columns are as many as
  the widest row that two or more of its lines have, counting cells the extraction narrowed to one
  space apart as the cells they are (:func:`_as_cells`); their positions are those rows' cells'
  (``_Columns``), and a column whose rows hold figures is a column of figures.
- Two figures one space apart are two cells; so are a label and the figure that ends it
  (``내부거래지출 (기금전출금) 100,000``), and an amount after a bracketed breakdown: a row that
  this makes whole is read in order. A row short of a figure after that is not read (which figure
  is missing is not known); one short of a cell of words is placed by kind (:func:`_by_kind`).
- Any other shorter row's cells are placed under the columns nearest them (every placement
  tried, a number never under a column of words); when two placements are about as near, the row
  is not read: its numbers are named, unread, at its line (a ``layout_row`` :class:`Notice`), never
  put under a column by a guess. A list item glued to the previous column's (``지구 - 의료관광``)
  goes to the empty column it stands nearer to.
- A line without figures under a row whose first column is empty, or whose cells are list items,
  goes on that row's cells (a cell wrapped onto a continuation line).
- Header lines: a cell over several columns that holds one word for each (``4급 5급 6급 …`` under
  ``일반직``) is those words; a cell is split where a letter-spaced word meets another (``구 분
  예산액``); header lines whose cells stand in different columns are one row (a label set in the
  middle of two lines, as Chromium sets cells); a line of words one space apart over a line of as
  many figures is that row's header, word by word (:func:`_headers_of`).
- A row Chromium set on three lines, a one-line cell in the middle of its height and cells
  wrapped onto the lines around it (a bracket closed on the bottom line, a unit ``(%)`` under
  its header), is one row (:func:`_bands`); a header over sub-headers is no such row.

Page furniture: pdftotext begins each page with a form feed; a line that is the first (or last)
of two or more pages with the same text is a running head (foot) and set aside, and page numbers
(``-1-``) and the header a table repeats on its next page are set aside as the other readers do
(:func:`analysis.read.document.join_split_tables`), which also joins a table split over pages;
rows that go on after a page break with no page number (a first row of figures, as many columns)
are joined here, and so are header lines at the foot of a page and their rows on the next when
the header's own columns (the cells nothing stands under, left to right) are exactly the rows'
(``_Reader.header``; else they stay apart, the rows' numbers named unread). A figure and its word that pdftotext set apart (``2022 년``, ``제 241 회``) are
joined as printed.
"""

from __future__ import annotations

import re
from itertools import combinations

from analysis.read.document import LIST_MARKS, Cell, Document, Loc, Notice, Paragraph, Table

FORMAT = "layout"

_CELL = re.compile(r"\S+(?: \S+)*")  # text between runs of two or more spaces
_NUMBER = re.compile(r"[△▲▽+\-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[△▲▽+\-−]?\d+(?:\.\d+)?%?")
_FIGURE = re.compile(r"\d")
_DASH_CELL = re.compile(r"[-–—]")  # an empty-cell dash ('-' of 과부족)
_ITEM = re.compile(r"[" + re.escape(LIST_MARKS) + r"\-–—]\s")
_UNIT_APART = re.compile(r"(\d+) (?=[가-힣])")  # '2022 년', '4 월', '1,307 명': pdftotext's gap between a figure and its word
_ORDINAL_APART = re.compile(r"(?<![가-힣])제 (?=\d)")  # '제 241 회' → '제241회'
_YEAR = re.compile(r"(?:19|20)\d\d")
_MAX_PLACEMENTS = 20_000  # shorter rows of very wide tables are not placed (named, unread)
_FAR = 1_000  # the cost of a number under a column of words
_MARGIN = 2  # how much nearer (in characters) one placement must be than any other


def _cells(line: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _CELL.finditer(line)]


def looks_like(lines: list[str]) -> bool:
    """Space-aligned when two consecutive lines have two or more cells each and one of them a
    figure in a cell of its own after the first (a table row): ordinary prose has no run of two
    spaces inside a line, let alone two such lines with a number set apart."""
    prev = None
    for line in lines:
        cells = _cells(line) if "  " in line.strip() else []
        if len(cells) >= 2 and prev is not None and len(prev) >= 2:
            if any(_NUMBER.fullmatch(c[2]) for row in (prev, cells) for c in row[1:]):
                return True
        prev = cells if len(cells) >= 2 else None
    return False


def _pages(text: str) -> tuple[list[str], list[int]]:
    """The lines (form feeds out) and each line's page (1-based; a form feed starts a page)."""
    lines, pages = [], []
    page = 1
    for raw in re.split(r"\r\n|\r|\n", text):
        if "\f" in raw:
            page += raw.count("\f")
            raw = raw.replace("\f", "")
        lines.append(raw.rstrip())
        pages.append(page)
    if lines and lines[-1] == "":
        lines.pop()
        pages.pop()
    return lines, pages


def _running(lines: list[str], pages: list[int]) -> set[int]:
    """Indexes of running heads and feet: a page's first or last non-blank line whose text (spaces
    aside) is the first or last line of two or more pages, and is no page number (those are set
    aside by :func:`join_split_tables`, which joins a table across them) nor the report's own text
    (:func:`analysis.read.document._body_text`: a heading '□ 예산현황' at the foot of two pages, a
    caption '(단위: 천원)' at the top of two, over their tables)."""
    from analysis.read.document import _body_text, is_page_number

    ends: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        if line.strip():
            ends.setdefault(pages[i], []).append(i)
    seen: dict[tuple[str, str], list[int]] = {}
    for idx in ends.values():
        for where, i in (("first", idx[0]), ("last", idx[-1])):
            key = "".join(lines[i].split())
            if not is_page_number(lines[i]) and not _body_text(lines[i].strip()):
                seen.setdefault((where, key), []).append(i)
    return {i for group in seen.values() if len(group) >= 2 for i in group}


class _Columns:
    """The columns of one table part: each column's (start, end) in the rows that have a cell in
    every column."""

    def __init__(self, full: list[list[tuple[int, int, str]]], n: int):
        self.n = n
        self.starts = [sorted(r[j][0] for r in full) for j in range(n)]
        self.ends = [sorted(r[j][1] for r in full) for j in range(n)]
        # a column of figures: most of its cells in those rows are numbers (a header's word aside)
        data = [r for r in full if any(_is_number(c[2]) for c in r)] or full  # (a header row aside)
        self.figures = [sum(1 for r in data if _is_number(r[j][2])) * 2 > len(data) for j in range(n)]

    def learn(self, cells: list[tuple[int, int, str]], cols: list[int]) -> None:
        """Where cells placed for sure stand, as more of their columns' positions: a header over
        a column of figures set right stands where the header line below it starts (``일 반 직``
        over ``4급``), not where the figures do."""
        for (s, e, _), j in zip(cells, cols):
            self.starts[j].append(s)
            self.ends[j].append(e)

    def cost(self, cell: tuple[int, int, str], j: int) -> float:
        """How far a cell stands from column j: its start from the column's starts, its end from
        its ends, whichever is nearer (text is set left, figures right, headers centred)."""
        s, e = cell[0], cell[1]
        if _is_number(cell[2]) and not self.figures[j] and any(self.figures):
            return _FAR  # a number is never placed under a column of words by its position alone
        if sum(1 for starts in self.starts if s <= min(starts) and max(starts) < e) >= 2:
            return min(abs(s - x) for x in self.starts[j])  # a cell over several columns: by where it starts
        return min(min(abs(s - x) for x in self.starts[j]), min(abs(e - x) for x in self.ends[j]),
                   min(abs((s + e) / 2 - (a + b) / 2) for a, b in zip(self.starts[j], self.ends[j])))

    def place(self, cells: list[tuple[int, int, str]]) -> tuple[list[int] | None, float, float]:
        """The columns of a shorter row's cells (in order, each under the nearest), the cost of that
        placement and of the next best; None when the row is too wide to try every placement."""
        k = len(cells)
        costs = [[self.cost(c, j) for j in range(self.n)] for c in cells]
        count = 1
        for i in range(k):
            count = count * (self.n - i) // (i + 1)
        if count > _MAX_PLACEMENTS:
            return None, 0.0, 0.0
        best, second, where = float("inf"), float("inf"), None
        for cols in combinations(range(self.n), k):
            total = sum(costs[i][j] for i, j in enumerate(cols))
            if total < best:
                best, second, where = total, best, list(cols)
            elif total < second:
                second = total
        return where, best, second


def _is_number(text: str) -> bool:
    """A cell that is one figure (or the dash of an empty figure)."""
    return _NUMBER.fullmatch(text) is not None and _FIGURE.search(text) is not None or _DASH_CELL.fullmatch(text) is not None


def _numbers_apart(cells: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Cells with two figures one space apart split between them (``16 5``, ``9,457,320,000
    6,382,915,480 67.5``): two numbers side by side are two cells whose gap the extraction
    narrowed to one space; a cell never holds two bare numbers."""
    out = []
    for s, e, text in cells:
        words = [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]
        start = 0
        for k in range(1, len(words)):
            if _is_number(words[k - 1][1]) and _is_number(words[k][1]):
                a, b = words[start][0], words[k - 1][0] + len(words[k - 1][1])
                out.append((s + a, s + b, text[a:b]))
                start = k
        a = words[start][0]
        out.append((s + a, e, text[a:]))
    return out


def _is_item(text: str) -> bool:
    return _ITEM.match(text) is not None


def _glued_splits(cell: tuple[int, int, str]) -> list[tuple[tuple[int, int, str], tuple[int, int, str]]]:
    """Where a cell of list items may be two glued by one space: before a list item (an item of
    the next column after one of this: '지구 - 의료관광'). (A label glued to its figure is split by
    :func:`_label_and_figure`.)"""
    s, _, text = cell
    out = []
    for m in re.finditer(" ", text):
        left, right = text[: m.start()], text[m.end():]
        if not left.strip() or not right:
            continue
        if _is_item(right) and _is_item(left):
            out.append(((s, s + m.start(), left), (s + m.end(), s + len(text), right)))
    return out


def _header_words(cells: list[tuple[int, int, str]], n: int) -> list | None:
    """A row of no figure (a header, starting in the first column) short of cells, where the words
    of exactly one of its cells make up the missing ones (``구분  계 4급 5급 … 공무직``): those words as cells. None otherwise
    (a data row's label is never split into cells)."""
    if any(_is_number(c[2]) or _is_item(c[2]) for c in cells):
        return None  # (a row of list items is a list's lines, wrapped: its cells are set apart by _unglue)
    fits = []
    for i, (s, _, text) in enumerate(cells):
        words = [(s + m.start(), s + m.end(), m.group()) for m in re.finditer(r"\S+", text)]
        if len(words) > 1 and len(cells) - 1 + len(words) == n and not all(len(w[2]) == 1 and "가" <= w[2] <= "힣" for w in words):  # (not '일 반 직')
            fits.append((i, words))
        want = n - (len(cells) - 1)
        for pieces in (_letter_spaced_apart(text, want), _before_years(text)):
            if len(pieces) == want > 1:
                fits.append((i, [(s + at, s + at + len(piece), piece) for at, piece in pieces]))
    if len({tuple(f[1]) for f in fits}) != 1 or len({f[0] for f in fits}) != 1:
        return None  # (no split, or two that make up the row: which is the header's is not known)
    i, words = fits[0]
    return cells[:i] + words + cells[i + 1:]


_YEAR_WORD = re.compile(r"(?:19|20)\d\d년")


def _before_years(text: str) -> list[tuple[int, str]]:
    """A header cell's words split before each word that is a year ('2022년 2023년 목표 2023년
    실적': three headers one space apart, each a year and what of it)."""
    starts = [m.start() for m in re.finditer(r"\S+", text) if _YEAR_WORD.fullmatch(m.group())]
    if not starts or starts[0] != 0:
        return [(0, text)]
    return [(a, text[a:b].rstrip()) for a, b in zip(starts, starts[1:] + [len(text)])]


_AFTER_BREAKDOWN = re.compile(r"(?<=\)) (?=[△▲\-−]?\d[\d,.]*(?: \(|$))")  # '… 3,649.6) 2,810.9 (…': an amount after a breakdown's bracket


def _by_kind(cells: list[tuple[int, int, str]], columns: _Columns) -> list[int] | None:
    """The columns of a row short of cells whose figures are as many as the table's columns of
    figures: each figure in order under them, each cell of words under the column of words
    between its neighbours' nearest it (a contents row whose program and team are one space
    apart: '4  … 융자 지원 복지정책팀 7'). None when the figures are fewer (which one is missing is
    not known), or a cell of words has no column of words to go to."""
    numeric = [j for j in range(columns.n) if columns.figures[j]]
    if not numeric or sum(1 for c in cells if _is_number(c[2])) != len(numeric):
        return None
    cols: list[int | None] = []
    figures = iter(numeric)
    for c in cells:
        cols.append(next(figures) if _is_number(c[2]) else None)
    for i, c in enumerate(cols):
        if c is not None:
            continue
        lo = max([j for j in cols[:i] if j is not None], default=-1) + 1
        hi = min([j for j in cols[i + 1:] if j is not None], default=columns.n)
        free = [j for j in range(lo, hi) if not columns.figures[j]]
        if not free:
            return None
        cols[i] = min(free, key=lambda j: columns.cost(cells[i], j))
    return cols if all(a < b for a, b in zip(cols, cols[1:])) else None


def _as_cells(cells: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A line's cells as they were before the extraction narrowed gaps to one space: a row with
    figures by :func:`_label_and_figure`, a header (no figure) where a letter-spaced word meets
    another (:func:`_letter_spaced_apart`: '연번 사 업 명')."""
    split = _label_and_figure(cells)
    if len(split) != len(cells) or any(_is_number(c[2]) for c in cells):
        return split
    out = []
    for s, _, text in cells:
        out += [(s + at, s + at + len(piece), piece) for at, piece in _letter_spaced_apart(text)]
    return out


def _label_and_figure(cells: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The cells split where the extraction narrowed the gap between two to one space: before a
    figure that ends a cell of words (``기본경비 83,624``; a year that ends a label is the label's:
    '2030'), and before an amount that follows a bracketed breakdown (``4,620.8 (국비 971.2, 도비
    3,649.6) 2,810.9 (…)``)."""
    out = []
    for s, e, text in cells:
        pieces, at = [], 0
        for m in _AFTER_BREAKDOWN.finditer(text):
            pieces.append((s + at, s + m.start(), text[at:m.start()]))
            at = m.end()
        pieces.append((s + at, e, text[at:]))
        for ps, pe, piece in pieces:
            head, _, last = piece.rpartition(" ")
            if head and _is_number(last) and not _YEAR.fullmatch(last) and not _is_number(head.split()[-1]):
                out += [(ps, ps + len(head), head), (pe - len(last), pe, last)]
            else:
                out.append((ps, pe, piece))
    return out


def _unglue(cells: list[tuple[int, int, str]], cols: list[int], columns: _Columns) -> tuple[list, list[int]]:
    """A placed row's cells with a cell split where its end (a figure, a list item) stands nearer
    the empty column after it than its start does to its own column (again for the part split
    off, while empty columns follow: three columns' list items glued on one line)."""
    out_cells, out_cols = [], []
    for i, (cell, j) in enumerate(zip(cells, cols)):
        nxt = cols[i + 1] if i + 1 < len(cols) else columns.n
        while nxt > j + 1:
            best = None
            for left, right in _glued_splits(cell):
                if _is_number(right[2]) != columns.figures[j + 1] and any(columns.figures):
                    continue  # a figure goes to a column of figures, a list item to one of words
                here, there = columns.cost(right, j), columns.cost(right, j + 1)
                if there < here and columns.cost(left, j) <= columns.cost(cell, j) + 1 and (best is None or there < best[0]):
                    best = (there, left, right)
            if best is None:
                break
            out_cells.append(best[1])
            out_cols.append(j)
            cell, j = best[2], j + 1
        out_cells.append(cell)
        out_cols.append(j)
    return out_cells, out_cols


def _spread(cells: list, cols: list[int], columns: _Columns) -> tuple[list, list[int]]:
    """A cell over several empty columns that holds one word for each (a header's ``4급 5급 …``)
    as those words, one a column: the empty columns up to the next cell, or those it stands over."""
    out_cells, out_cols = [], []
    for i, (cell, j) in enumerate(zip(cells, cols)):
        nxt = cols[i + 1] if i + 1 < len(cols) else columns.n
        words = [(m.start(), m.group()) for m in re.finditer(r"\S+", cell[2])]
        w = len(words)
        if _is_item(cell[2]) or any(_is_number(word) for _, word in words) or all(len(word) == 1 and "가" <= word <= "힣" for _, word in words):
            out_cells.append(cell)  # (a list item's words, a row's figures, a word spaced letter by letter '일 반 직': never a header's words)
            out_cols.append(j)
            continue
        if 1 < w < nxt - j and abs(cell[1] - min(columns.starts[j + w - 1])) < min(columns.starts[j + w]) - cell[1]:
            nxt = j + w  # (its words end before the column after them: they stand over the first w)
        if nxt - j > 1 and len(words) == nxt - j:
            for k, (at, word) in enumerate(words):
                out_cells.append((cell[0] + at, cell[0] + at + len(word), word))
                out_cols.append(j + k)
            continue
        if nxt - j > 1 and not _FIGURE.search(cell[2]):
            pieces = _letter_spaced_apart(cell[2])
            if len(pieces) == nxt - j:
                for k, (at, piece) in enumerate(pieces):
                    out_cells.append((cell[0] + at, cell[0] + at + len(piece), piece))
                    out_cols.append(j + k)
                continue
        out_cells.append(cell)
        out_cols.append(j)
    return out_cells, out_cols


def _header_lines_merged(rows: list[tuple[int, list[list[str]]]], first: int | None = None) -> list:
    """Header lines before a table's first row of figures (or the first ``first`` rows) whose
    cells stand in different columns are one header row: a cell's text set in the middle of its
    height (``일반직`` on the line above ``구분  계 … 공무직``, which stand in the middle of two
    lines) is a line of its own."""
    if first is None:
        first = next((k for k, (_, pieces) in enumerate(rows) if any(_is_number(t) for texts in pieces for t in texts)), None)
    if not first:
        return rows
    out = [rows[0]]
    for line, pieces in rows[1:first]:
        top = out[-1][1]
        if not any(top[j] and pieces[j] for j in range(len(pieces))) and sum(map(bool, pieces)) + sum(map(bool, top)) >= 3:
            out[-1] = (out[-1][0], [top[j] + pieces[j] for j in range(len(pieces))])
        else:
            out.append((line, pieces))
    return out + rows[first:]


def _letter_spaced_apart(text: str, want: int = 0) -> list[tuple[int, str]]:
    """A header cell's words split where a word spaced out letter by letter (``구 분``, ``사 업 명``,
    as headers are set) meets an ordinary word (``구 분 예산액``, ``연번 사 업 명``: two headers one
    space apart). Nowhere else: ``관리 운영직`` is one header. With ``want`` (the pieces the row
    is short of), one run of spaced letters that two or three such words make, all of one length
    2 or 3, is cut into them when that makes up the pieces: ``목 표 실 적 달성률(%)`` is ``목 표``,
    ``실 적``, ``달성률(%)`` (a run of 5 letters, or 4 to cut in three, is not cut: where is not known)."""
    words = [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]
    single = [len(w) == 1 and "가" <= w <= "힣" for _, w in words]  # (a Hangul syllable: 'I .' is no spaced word)
    spaced = [single[k] and ((k > 0 and single[k - 1]) or (k + 1 < len(words) and single[k + 1])) for k in range(len(words))]
    cuts = [k for k in range(1, len(words)) if spaced[k - 1] != spaced[k] and not (single[k - 1] and single[k])]
    runs = [(a, b) for a, b in zip([0] + cuts, cuts + [len(words)]) if spaced[a] and b - a >= 4]
    extra = want - (len(cuts) + 1)
    if want and extra >= 1 and len(runs) == 1:
        a, b = runs[0]
        size = (b - a) // (extra + 1)
        if size in (2, 3) and size * (extra + 1) == b - a:
            cuts = sorted(cuts + list(range(a + size, b, size)))
    out, start = [], 0
    for k in cuts + [len(words)]:
        a = words[start][0]
        b = words[k - 1][0] + len(words[k - 1][1])
        out.append((a, text[a:b]))
        start = k
    return out


def _joined(text: str) -> str:
    """A figure and the word after it as printed (``2022년``, ``14명``), and an ordinal's 제 and
    its figure (``제241회``): pdftotext writes a space between them where the PDF has none (its
    digits and Hangul are in two fonts or widths)."""
    if " " not in text:
        return text
    text = _ORDINAL_APART.sub("제", text)
    # (a year before a word other than 년 is a year and a word: '2022 청양 고추·구기자')
    # (a number that begins the text is an item's or a heading's, '4 예 산 현 황', but a year's 년)
    return _UNIT_APART.sub(lambda m: m.group(0) if text[m.end()] != "년" and (_YEAR.fullmatch(m.group(1)) or not text[:m.start()].strip()) else m.group(1), text)


def _headers_of(text: str, below: str) -> bool:
    """A line of words one space apart (``본예산 추경예산 집행액 집행률(%)``) that is the header of
    the line below: that line is figures only, as many as the words, each set apart (two or more
    spaces, or figures one space apart). Its headers are its words (:func:`_header_words`): the
    k-th figure goes under the k-th word, and when the words are not as many (a header of two
    words, a figure missing) it is no header (a paragraph, as before)."""
    cells = _numbers_apart(_cells(below))
    words = text.split()
    return 2 <= len(cells) == len(words) and all(_is_number(c[2]) for c in cells) and not any(_is_item(w) or _is_number(w) for w in words[:1])


def _wrapped(top: str, bottom: str) -> bool:
    """A cell's text wrapped onto a second line: the top's bracket closed on the bottom line
    (``685,000,000 (국비 …,`` / ``군비 373,000,000)``), or the bottom a bracketed unit of the
    top's words (``집행률`` / ``(%)``). Never a bare figure (two rows' figures are never one cell)."""
    if _is_number(top) or _is_number(bottom):
        return False
    if top.count("(") > top.count(")") and (top + bottom).count("(") == (top + bottom).count(")"):
        return True
    return re.fullmatch(r"\([^()]*\)", bottom) is not None and not _FIGURE.search(top)


def _bands(lines: list[str], pages: list[int], running: set[int]) -> dict[int, list[tuple[int, int, str]]]:
    """Rows Chromium set on three lines, a cell of one line in the middle of the row's height and
    the cells wrapped onto two lines around it (``집행률`` / ``예산액  집행액`` / ``(%)``;
    ``685,000,000 (국비 …,`` / ``74.8`` / ``군비 373,000,000)``): the top line's cells by the
    bottom's starts (a top cell cut where a bottom cell starts after a space: its gap the
    extraction narrowed), each top cell with the bottom one that starts where it does, and the
    middle line's cells standing apart from all of them. The row's cells (each wrapped cell its
    two lines' text) at its first line's index; the other two lines' indexes map to None. Only
    when the top and bottom cells pair one to one and none of them is a bare figure (two rows'
    figures are never one cell)."""
    out: dict[int, list | None] = {}
    for i in range(len(lines) - 2):
        if i in out or any(k in running or not lines[k].strip() or pages[k] != pages[i] for k in (i, i + 1, i + 2)):
            continue
        top, mid, bottom = _cells(lines[i]), _cells(lines[i + 1]), _cells(lines[i + 2])
        cut = []
        for s, e, text in top:
            at = s
            for b in bottom:
                if s < b[0] < e and lines[i][b[0] - 1] == " " and lines[i][b[0]] != " ":
                    cut.append((at, b[0] - 1, lines[i][at:b[0] - 1].rstrip()))
                    at = b[0]
            cut.append((at, e, lines[i][at:e]))
        if not mid or len(cut) != len(bottom) or any(abs(t[0] - b[0]) > 1 for t, b in zip(cut, bottom)):
            continue
        if not all(_wrapped(t[2], b[2]) for t, b in zip(cut, bottom)):
            continue  # (a header over sub-headers, '일반직' over '5급 6급 …', is no wrapped cell)
        spans = [(min(t[0], b[0]), max(t[1], b[1])) for t, b in zip(cut, bottom)]
        if any(m[0] < e and s < m[1] for m in mid for s, e in spans):
            continue
        row = sorted(mid + [(s, e, f"{t[2]} {b[2]}") for (s, e), t, b in zip(spans, cut, bottom)])
        out[i], out[i + 1], out[i + 2] = row, None, None
    return out


def _is_heading(cells: list) -> bool:
    """A line of a number chip and a title (``  4   예산현황``)."""
    from analysis.read.hancom import heading_of

    return len(cells) == 2 and heading_of(Table([Cell(0, c, [Paragraph(t[2], Loc())], Loc()) for c, t in enumerate(cells)], Loc())) is not None


def _numbers(text: str) -> tuple[str, ...]:
    return tuple(m.group() for m in _NUMBER.finditer(text) if _FIGURE.search(m.group()))


class _Reader:
    def __init__(self, source: str):
        self.source = source
        self.notices: list[Notice] = []
        self.tables = 0

    def table(self, part: list[tuple[int, list[tuple[int, int, str]]]], model: list | None = None) -> list:
        """A table part's lines → the Table (and its rows' placement). With ``model`` (the lines
        of the table before a page break), a part of one line after the break is that table's
        row: its columns are the model's, and it is read only when its cells are as many (its
        positions are another page's)."""
        counts: dict[int, int] = {}
        lines = model or part
        # Every line as many cells apart by two or more spaces, the first a header of words none of
        # which the extraction set one space apart ('연번 사 업 명', or '인원 주요업무' over '복지정책팀 6',
        # whose words name the column a split would make): those are the columns, and a cell's
        # trailing number is its own ('중원대로 3352' under 위 치, an address: had been split off into
        # a column no header names, the address cut and its number named unread).
        head = lines[0][1]
        regular = (len(lines) >= 2 and len({len(cells) for _, cells in lines}) == 1 and len(head) >= 2
                   and not any(_FIGURE.search(c[2]) for c in head) and len(_as_cells(head)) == len(head)
                   and _header_words(head, max(len(_as_cells(cells)) for _, cells in lines[1:])) is None)
        for _, cells in lines:
            k = len(cells) if regular else len(_as_cells(cells))  # (a label glued to its figure counts as the two cells it is)
            if k >= 2:
                counts[k] = counts.get(k, 0) + 1
        # as many columns as the widest row that two or more lines have (a header of spanning
        # cells and lines of glued cells have fewer; one odd line more)
        n = max((k for k in counts if counts[k] >= 2), default=max(counts))
        full = [cells if len(cells) == n else _as_cells(cells) for _, cells in model or part]
        columns = _Columns([cells for cells in full if len(cells) == n], n)
        rows: list[tuple[int, list[list[str]]]] = []  # (line, each column's pieces)
        for line, cells in part:
            if len(cells) == n:
                cols = list(range(n))
            elif len(cells) > n:
                self.unread(line, cells, f"at most {n} cells (as the table's other rows) apart by two or more spaces", f"{len(cells)} cells")
                continue
            elif cells[0][0] <= min(columns.starts[0]) + 1 and (words := _header_words(cells, n)) is not None:
                cells, cols = words, list(range(n))  # a header row whose cells the extraction set one space apart
            elif len(unglued := _label_and_figure(cells)) != len(cells):
                # a label and its first figure one space apart ('내부거래지출 (기금전출금) 100,000'):
                # read in order when that accounts for every missing cell, else not at all (a row
                # short of a cell AND glued is no row to place by positions that the glue shifted)
                cols = list(range(n)) if len(unglued) == n else _by_kind(unglued, columns)
                if cols is None:
                    self.unread(line, cells, f"{n} cells apart by two or more spaces", f"{len(cells)} cells, a label and a figure one space apart among them")
                    continue
                cells = unglued
            elif model is not None:
                self.unread(line, cells, f"{n} cells apart by two or more spaces (as the table's rows on the page before)", f"{len(cells)} cells")
                continue
            else:
                cols, best, second = columns.place(cells)
                figures = any(_FIGURE.search(c[2]) for c in cells)
                if cols is None or (figures and second - best < _MARGIN):
                    self.unread(line, cells, f"cells under the table's {n} columns (each under the column it belongs to)",
                                "cells that stand about as near to other columns")
                    continue
                cells, cols = _unglue(cells, cols, columns)
                cells, cols = _spread(cells, cols, columns)
                if second - best >= _MARGIN and not any(_is_number(c[2]) for c in cells):
                    columns.learn(cells, cols)  # (a header cell placed for sure: where its column's header stands)
            if rows and self.goes_on(rows[-1][1], cells, cols):
                for cell, j in zip(cells, cols):
                    pieces = rows[-1][1][j]
                    if pieces and not _is_item(cell[2]):
                        pieces[-1] = f"{pieces[-1]} {cell[2]}"
                    else:
                        pieces.append(cell[2])
                continue
            pieces = [[] for _ in range(n)]
            for cell, j in zip(cells, cols):
                pieces[j].append(cell[2])
            rows.append((line, pieces))
        rows = _header_lines_merged(rows)
        if not rows:
            return []
        self.tables += 1
        return [self.make(rows)]

    def header(self, part: list[tuple[int, list[tuple[int, int, str]]]], n: int, number: int) -> Table | None:
        """Header lines on the page before their table's rows (whose positions are another page's)
        as the header of its n columns, by the header lines' own positions: its columns are the
        cells that no cell of a line below stands under (``단위사업``, ``계 국비 도비 군비`` under
        ``예산액``'s line, ``집행액``), left to right; a cell over others goes in the first column
        it stands over. None unless they are exactly n, apart, and each line's cells go to columns
        of their own (which column a header stands over is not guessed)."""
        lines = [(line, _as_cells(cells)) for line, cells in part]
        if any(_FIGURE.search(c[2]) for _, cells in lines for c in cells):
            return None  # (a header only: a row of figures is no header)
        over = lambda a, b: a[0] < b[1] and b[0] < a[1]
        leaves = sorted((c for k, (_, cells) in enumerate(lines) for c in cells
                         if not any(over(c, d) for _, below in lines[k + 1:] for d in below)), key=lambda c: c[0])
        if len(leaves) != n or any(a[1] > b[0] for a, b in zip(leaves, leaves[1:])):
            return None
        rows: list[tuple[int, list[list[str]]]] = []
        for line, cells in lines:
            pieces: list[list[str]] = [[] for _ in range(n)]
            for c in cells:
                cols = [j for j, leaf in enumerate(leaves) if leaf is c or over(c, leaf)]
                if not cols or pieces[cols[0]]:
                    return None
                pieces[cols[0]].append(c[2])
            rows.append((line, pieces))
        rows = _header_lines_merged(rows, len(rows))
        self.tables, kept = number - 1, self.tables
        table = self.make(rows)
        self.tables = kept
        return table

    @staticmethod
    def goes_on(prev: list[list[str]], cells: list, cols: list[int]) -> bool:
        """A line that continues the row above: no figure in it, and its first column empty or the
        row above's first cell a list item (each column a list, wrapped line by line)."""
        if any(_FIGURE.search(c[2]) for c in cells) or not any(prev[j] for j in range(1, len(prev))):
            return False
        if cols[0] != 0:
            return True
        return bool(prev[0]) and _is_item(prev[0][0])

    def make(self, rows: list[tuple[int, list[list[str]]]]) -> Table:
        number = self.tables
        cells = []
        for r, (line, pieces) in enumerate(rows):
            for c, texts in enumerate(pieces):
                loc = Loc(line=line, table=number, row=r + 1, col=c + 1)
                cells.append(Cell(r, c, [Paragraph(_joined(t), loc) for t in texts] or [Paragraph("", loc)], loc))
        return Table(cells, Loc(line=rows[0][0], table=number))

    def unread(self, line: int, cells: list, expected: str, found: str) -> None:
        text = "  ".join(c[2] for c in cells)
        loc = Loc(line=line)
        self.notices.append(Notice(
            "layout_row", "warning", loc, expected, f"{found}: {text!r}",
            f"{line}행의 줄({text!r})은 칸을 어느 열에 둘지 분명하지 않아 읽지 않았습니다: 그 숫자는 읽지 않았습니다. "
            "각 칸을 제 열 아래에 두 칸 이상 띄어 맞추거나, PDF·HWP·HWPX를 주세요",
            numbers=_numbers(text)))


def read_string(text: str, source: str) -> Document:
    """The Document of space-aligned text (see the module's description)."""
    from analysis.read.document import is_page_number, join_tables
    from analysis.read.text import _finish

    lines, pages = _pages(text)
    running = _running(lines, pages)
    reader = _Reader(source)
    blocks: list = []
    furniture: list[Paragraph] = []
    part: list[tuple[int, list]] = []

    last: list = []  # the lines of the last table part, while only page numbers follow it

    def flush():
        # a table's rest on the next page, nothing between but a page number or the page break
        goes_on = bool(part and last and blocks and (
            (isinstance(blocks[-1], Paragraph) and is_page_number(blocks[-1].text))
            or (isinstance(blocks[-1], Table) and blocks[-1].loc.line == last[0][0] and pages[part[0][0] - 1] != pages[last[-1][0] - 1])))
        if len(part) >= 2:
            made = reader.table(part)
            if (goes_on and made and isinstance(blocks[-1], Table) and made[0].n_cols == blocks[-1].n_cols
                    and any(_is_number(t) for t in made[0].texts()[0])):  # (its first row a row of figures, no header repeated)
                blocks[-1] = join_tables(blocks[-1], made[0], furniture)
                last.extend(part)
            elif (goes_on and made and isinstance(blocks[-1], Table) and any(_is_number(t) for t in made[0].texts()[0])
                    and (header := reader.header(last, made[0].n_cols, blocks[-1].loc.table)) is not None):
                blocks[-1] = join_tables(header, made[0], furniture)  # its header on the page before
                last.extend(part)
            else:
                blocks.extend(made)
                last[:] = list(part)
        elif part and len(part[0][1]) >= 2 and goes_on:
            made = reader.table(part, model=last)  # the last row of a table, alone on its next page
            if made and isinstance(blocks[-1], Table):
                blocks[-1] = join_tables(blocks[-1], made[0], furniture)
            else:
                blocks.extend(made)
        elif part and _is_heading(part[0][1]):
            blocks.extend(reader.table(part))  # a heading's number chip and title (made the heading by _finish)
        elif part:
            line, cells = part[0]
            blocks.append(Paragraph(_joined(" ".join(c[2] for c in cells)), Loc(line=line), cells[0][0]))
        part.clear()

    bands = _bands(lines, pages, running)
    for i, line in enumerate(lines):
        n = i + 1
        if i in bands and bands[i] is None:
            continue  # (a line of a row set on three lines, read with its first)
        if i in running:
            flush()
            furniture.append(Paragraph(" ".join(line.split()), Loc(line=n)))
            continue
        if not line.strip():
            flush()
            continue
        cells = _cells(line)
        if i in bands:
            cells = bands[i]
            line = "  ".join(c[2] for c in cells)
        if len(cells) >= 2 or part:  # (a paragraph's '3 5' stays a paragraph)
            cells = _numbers_apart(cells)
        if len(cells) == 1 and is_page_number(line):
            flush()  # (set aside by _finish, which joins a table across it)
            blocks.append(Paragraph(cells[0][2], Loc(line=n), cells[0][0]))
            continue
        if _is_heading(cells) and len(_as_cells(cells)) == 2 and not (part and sum(len(c) == 2 for _, c in part) * 2 > len(part)):
            flush()  # a heading's number chip and title, on the line after a table (no blank line between)
            last.clear()
            part.append((n, cells))
            flush()
            continue
        if (len(cells) >= 2 or (part and cells[0][0] >= 4 and (len(part) >= 2 or len(part[0][1]) >= 3))
                or (part and 2 <= len(_label_and_figure(cells)) == len(part[0][1]))  # (a row whose gaps all narrowed to one space)
                or (part and len(part) >= 2 and _is_item(cells[0][2]) and cells[0][0] <= part[-1][1][0][0] + 1 and _is_item(part[-1][1][0][2])
                    and not any(_FIGURE.search(c[2]) for _, cs in part for c in cs) and not _FIGURE.search(line))):  # (a first column's list going on alone)
            if part and pages[part[-1][0] - 1] != pages[i]:
                flush()
            part.append((n, cells))
            continue
        flush()
        last.clear()
        if (cells[0][0] >= 4 and not _FIGURE.search(line) and line.strip()[:1] not in "(（[<" and i + 1 < len(lines)
                and len(_cells(lines[i + 1])) >= 3 and i + 1 not in running and pages[i + 1] == pages[i]):
            part.append((n, cells))  # a header's label set in the middle of its height, on the line above the table's
            continue
        if (len(cells) == 1 and not _FIGURE.search(line) and " " in cells[0][2] and i + 1 < len(lines) and i + 1 not in running
                and pages[i + 1] == pages[i] and _headers_of(cells[0][2], lines[i + 1])):
            part.append((n, cells))  # a header whose words the extraction set one space apart, over a row of as many figures
            continue
        blocks.append(Paragraph(_joined(" ".join(c[2] for c in cells)), Loc(line=n), cells[0][0]))
    flush()
    doc = Document(source, FORMAT, blocks, furniture, notices=reader.notices)
    return _finish(doc)
