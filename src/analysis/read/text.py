"""Text reports: bytes in whatever encoding a Korean office produces → a Document.

Three kinds of text are read, chosen by content: HTML with ``<table>`` markup (what ``hwp5html``
and other converters emit, :mod:`analysis.read.html`), Markdown with pipe tables (hwp2markdown,
python-hwpx ``export_markdown``, :mod:`analysis.read.markdown`), and tab-separated text (python-hwpx
``export_text``: a table row is a line whose cells are separated by tabs), read here.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from analysis.errors import ReportError
from analysis.read.document import LIST_MARKS, Cell, Document, Loc, Paragraph, Table, join_split_tables, set_aside_repeats

FORMAT = "text"

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FORM_FEED_AT_START = re.compile(r"(?:^|(?<=[\r\n]))\f+")  # pdftotext starts each page's first line with one
_FORM_FEED_INSIDE = re.compile(r"\f+(?!\f*$)")  # text before and after it on one line


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Decode a report's bytes.

    Tries a byte-order mark (UTF-8, UTF-16), then strict UTF-8, then CP949 (a superset of
    EUC-KR, what Korean Windows offices save as "ANSI").

    Parameters
    ----------
    data : bytes
        The raw file.
    source : str
        File name for error messages.

    Returns
    -------
    tuple[str, str]
        The text and the encoding that read it.

    Raises
    ------
    ReportError
        For an empty file, a binary file, or bytes no known encoding reads.
    """
    if not data.strip():
        raise ReportError(source, 1, "a 주요업무 보고 as text", "an empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                _refuse_cut_short(data, source, encoding, exc)
                raise ReportError(source, _line_at(data, exc.start), f"text in {encoding}", f"bytes it cannot decode; {_SAVE_AGAIN}") from None
    if b"\x00" in data:
        wide = _utf16_without_bom(data)
        if wide is not None:
            return wide
        raise ReportError(source, _line_at(data, data.index(b"\x00")), "a 주요업무 보고 as text", "binary data (NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("cp949"), "cp949"
        except UnicodeDecodeError as cp949_error:
            # Name the line where the decoding that read further stopped: a CP949 file's bad byte
            # is where CP949 stops, not at its first Hangul (where UTF-8 stops).
            further = max((utf8_error, cp949_error), key=lambda e: e.start)
            _refuse_cut_short(data, source, "UTF-8" if further is utf8_error else "CP949", further)
            raise ReportError(
                source, _line_at(data, further.start), "text in UTF-8 or CP949/EUC-KR", f"bytes neither can decode; {_SAVE_AGAIN}"
            ) from None


_SAVE_AGAIN = "save the report again as text in UTF-8 (or give the HWPX, HWP or PDF)"


def _refuse_cut_short(data: bytes, source: str, encoding: str, error: UnicodeDecodeError) -> None:
    """A file whose only undecodable bytes are the first of a character at its very end (two
    bytes of a Hangul syllable's three in UTF-8, one of its two in CP949 or UTF-16): the file was
    cut there, and what followed (rows, programs, a 계) is missing. Said so, not 'bytes it cannot
    decode', which sends the reader after an encoding."""
    if error.end == len(data) and error.reason in ("unexpected end of data", "truncated data", "incomplete multibyte sequence"):
        raise ReportError(source, _line_at(data, error.start), f"text in {encoding} to its last character",
                          f"a file that ends in the middle of a character (its last {len(data) - error.start} byte(s)): it was cut short, as after an incomplete "
                          "download or copy, and what followed is missing; get the file again")


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without its byte-order mark (some exports): the NUL bytes of its ASCII
    characters (digits, spaces, tabs, line breaks) all stand at odd offsets (little-endian) or
    all at even ones (big-endian), and the bytes decode. None for anything else (binary data)."""
    if len(data) % 2 or len(data) < 64:
        return None
    odd, even = data[1::2].count(0), data[0::2].count(0)
    for encoding, own, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if own >= len(data) // 20 and other * 10 <= own:  # (a Hangul syllable may end in 00: 가 is AC00)
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            readable = sum(1 for ch in text if ch.isspace() or (ch.isascii() and ch.isprintable()) or "가" <= ch <= "힣" or "\u3130" <= ch <= "\u318f")
            return (text, encoding) if readable >= 0.9 * len(text) else None  # text: Hangul, ASCII, spaces; not binary decoded
    return None


class Lines(list):
    """A text's lines where one line of the file was read as several (a page break inside it):
    ``numbers[i]`` is the file line of ``self[i]``, as an editor counts."""

    numbers: list[int]

    @staticmethod
    def like(lines: list[str], new: list[str]) -> list[str]:
        """``new`` (the same lines, changed line for line) with ``lines``' file line numbers."""
        if not isinstance(lines, Lines):
            return new
        out = Lines(new)
        out.numbers = lines.numbers
        return out


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR or LF only (not on the other breaks ``str.splitlines`` knows), so that
    line numbers match what an editor shows. A form feed (a page break) at a line's start, where
    pdftotext writes one before each page's first line, is dropped: the line is already a line
    of its own. One inside a line (two departments' pages glued by a page break) ends its text
    there: both parts keep the file line's number (:class:`Lines`)."""
    if "\f" in text:
        text = _FORM_FEED_AT_START.sub("", text)
    lines = _LINE_BREAK.split(text) if "\r" in text else text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if "\f" in text and any(_FORM_FEED_INSIDE.search(line) for line in lines):
        split, numbers = Lines(), []
        for n, line in enumerate(lines, 1):
            parts = _FORM_FEED_INSIDE.split(line)
            split += parts
            numbers += [n] * len(parts)
        split.numbers = numbers
        return split
    return lines


_BYTE_BREAK = re.compile(rb"\r\n|\r|\n")


def _line_at(data: bytes, offset: int) -> int:
    return len(_BYTE_BREAK.findall(data, 0, offset)) + 1


def sniff(data: bytes, name: str) -> bool:
    """Any bytes may be text: this reader is asked last, and says what it cannot decode."""
    return True


def read(data: bytes, source: str) -> Document:
    """The Document of a text report: HTML, Markdown or tab-separated, by content."""
    text, encoding = decode(data, source)
    doc = read_string(text, source)
    doc.encoding = encoding
    return doc


_JAMO = re.compile("[\u1100-\u11ff]")


def read_string(text: str, source: str) -> Document:
    """The Document of already decoded text (HTML, Markdown or tab-separated, by content)."""
    from analysis.read import html, layout, markdown

    if "\ufeff" in text:  # a byte-order mark inside the text (files joined, or one on every line): no character, and before a '- ' or '○' it hid the mark
        text = text.replace("\ufeff", "")
    if _JAMO.search(text):  # Hangul written as jamo (NFD, as macOS file names and some converters write it): composed
        text = unicodedata.normalize("NFC", text)
    lines = split_lines(text)
    if "[TABLE]" in text or "<표>" in text:
        _refuse_dropped_table(lines, source)
    if "|" in text and "---" in text:  # (a pipe table without its outer pipes: '---|---')
        lines = markdown.with_outer_pipes(lines)
    # Each format's mark ('|' of a pipe table, '<' of a tag) looked for in the whole text first;
    # Markdown first: its pipe tables may come with tables written as HTML (merged cells).
    for module, marks in ((markdown, ("|", "---")), (html, ("<",))):  # ('---': pandoc's simple and multiline tables' rules)
        if any(mark in text for mark in marks) and module.looks_like(lines):
            return module.read_lines(lines, source)
    if "\t" not in text and layout.looks_like(lines):  # columns kept by spaces (pdftotext -layout)
        return layout.read_string(text, source)
    return _finish(Document(source, "text", _tab_blocks(lines)))


_DROPPED_TABLE = {
    "[TABLE]": "what pandoc's plain text writes in place of a table it cannot draw (merged cells): the table's figures are not in this file; "
               "convert the document again as HTML or Markdown (pandoc -t html or -t gfm), or give the HWPX, HWP or PDF",
    "<표>": "what pyhwp's hwp5txt writes in place of every table: the tables' figures are not in this file; "
           "convert the HWP with hwp5html instead, or give the HWP itself",
}


def _refuse_dropped_table(lines: list[str], source: str) -> None:
    """A converter's placeholder on a line of its own where it left a table out (pandoc's plain
    text: ``[TABLE]``; pyhwp's hwp5txt: ``<표>``): that table's figures are not in the file, and
    reading the rest would pass them over unseen."""
    numbers = getattr(lines, "numbers", None)
    for k, line in enumerate(lines):
        why = _DROPPED_TABLE.get(line.strip())
        if why:
            raise ReportError(source, numbers[k] if numbers else k + 1, "a table", f"'{line.strip()}', {why}")


def _finish(doc: Document) -> Document:
    """Page furniture set aside, split tables joined, repeated header rows removed, a number
    broken after its thousands comma joined (:func:`_join_broken_numbers`); a one-row table of a
    number chip and a title is the heading it draws (:func:`analysis.read.hancom.heading_of`)."""
    from analysis.read.hancom import heading_of

    blocks = [(heading_of(b) or _tabbed_line(b) or b) if isinstance(b, Table) else b for b in doc.blocks]  # Hancom's heading chips, exported as tables
    doc.blocks = _join_broken_numbers(set_aside_repeats(join_split_tables(blocks, doc.furniture), doc.furniture))
    return doc


def _tabbed_line(table: Table) -> Paragraph | None:
    """A one-row 'table' that is an item line with tab stops ('□ 예산현황⇥⇥⇥(단위: 백만원)': the
    text export writes a tab as a cell break): the paragraph it is. None for any other table."""
    if table.n_rows != 1:
        return None
    texts = [t for t in table.texts()[0] if t.strip()]
    if not texts or len(texts) > 3 or not texts[0].lstrip().startswith(tuple(LIST_MARKS)):
        return None
    return Paragraph(" ".join(texts), table.loc)


_CUT_AT_COMMA = re.compile(r"\d,$")
_DIGIT_FIRST = re.compile(r"\d{3}(?!\d)")  # the three digits a thousands comma is followed by, no more
_CUT_AT_DIGIT = re.compile(r"(?<![.\d])\d{1,3}(?:,\d{1,3})*$")  # a paragraph ending in a number, not a date's '12'
_DIGITS_GLUED = re.compile(r"\d[\d,]*(?:\.\d+)?(?![년월일차시분])(?<!^\d(?=인))[가-힣%]")  # the next beginning with a figure's digits and its word (not '1인 가구')


def _join_broken_numbers(blocks: list) -> list:
    """A paragraph that ends inside a number, after its thousands comma (``- 팔로워수 146,``), and
    the next that goes on with digits (``867명``) are one paragraph: a line break (Shift+Enter,
    which text exports write as a new line, HTML as ``<br>``) fell in the number. Read apart, the
    figure was 867 and the ``146,`` no figure at all."""
    out: list = []
    for block in blocks:
        prev = out[-1] if out else None
        if isinstance(block, Paragraph) and isinstance(prev, Paragraph):
            if prev.text[-1:] == "," and _CUT_AT_COMMA.search(prev.text) and _DIGIT_FIRST.match(block.text):
                prev.text += block.text
                continue
            if prev.text[-1:].isdigit() and block.text[:1].isdigit() and _CUT_AT_DIGIT.search(prev.text) and _DIGITS_GLUED.match(block.text) and not prev.text.lstrip().startswith(("□", "■")):  # (a block line's amount is whole)
                # '팔로워수 14' then '6,867명': a break somewhere else in a figure. Which figure it
                # was is not sure (14 and 6,867 apart, or 146,867): joined with a space, so that
                # the figure reads '14 6,867명' and is named as unread, never read as 6,867.
                prev.text += " " + block.text
                continue
        out.append(block)
    return out


def _tab_row(line: str) -> list[str] | None:
    return line.split("\t") if "\t" in line and line.strip() else None


def _tab_blocks(lines: list[str]) -> list:
    """Lines → blocks: a run of lines with tabs is a table (one row a line), a blank line ends it,
    any other line is a paragraph."""
    return line_blocks(lines, _tab_row)


def line_blocks(lines: list[str], row_of, text_of=None) -> list:
    """Lines of a text format → blocks. ``row_of(line)`` gives a line's cell texts when it is a
    table row, ``[]`` for a line to pass over inside a table (a Markdown rule), None otherwise;
    a run of rows is one table, and any other line ends it. A non-blank other line is a
    paragraph (``text_of(line)`` when given, stripped; its indent is the ``level``)."""
    blocks: list = []
    rows: list[tuple[int, list[str]]] = []
    tables = 0
    new_loc = tuple.__new__  # Loc(n) without the named tuple's keyword handling: one per line
    numbers = getattr(lines, "numbers", None)  # (a file line read as two: split_lines)
    for n, line in zip(numbers, lines) if numbers else enumerate(lines, 1):
        cells = row_of(line)
        if cells is not None:
            if cells:
                rows.append((n, cells))
            continue
        if rows:
            tables += 1
            blocks.append(table_of(rows, tables))
            rows = []
        text = text_of(line) if text_of is not None else line
        stripped = text.strip()
        if stripped:
            blocks.append(Paragraph(stripped, new_loc(Loc, (n, None, None, None, None, None, None, None)), len(text) - len(text.lstrip())))
    if rows:
        blocks.append(table_of(rows, tables + 1))
    return blocks


def table_of(rows: list[tuple[int, list[str]]], number: int) -> Table:
    """A table from (line, cell texts) rows: one cell a position, no spans (text has none)."""
    cells = []
    grid = []  # the text grid (Table.texts), known here: text has no spans
    new_loc = tuple.__new__
    for r, (line, texts) in enumerate(rows):
        row = []
        for c, text in enumerate(texts):
            loc = new_loc(Loc, (line, None, None, None, number, r + 1, c + 1, None))
            if "<" in text:
                cell = Cell(r, c, cell_paragraphs(text, loc), loc)
                text = cell.text
            else:  # one paragraph: the cell's text is known now (Cell.text not computed later)
                text = text.strip()
                cell = Cell(r, c, [Paragraph(text, loc)], loc)
                cell.__dict__["text"] = text
            cells.append(cell)
            row.append(text)
        grid.append(row)
    table = Table(cells, Loc(line=rows[0][0], table=number))
    width = max(map(len, grid))
    table.__dict__.update(n_rows=len(grid), n_cols=width, _texts=[row + [""] * (width - len(row)) for row in grid])
    return table


# The markup converters write inside a cell (python-hwpx's <ul>/<li>, <br>, <p>, <span>…): any other
# '<…>' is the report's text ('청년 일자리 <신규>'), kept as printed.
_TAG = re.compile(r"<\s*/?\s*(?:br|li|ul|ol|p|div|span|b|i|u|s|em|strong|font|sup|sub|a|hr|wbr|small|big|mark|code)\b[^<>]*>", re.I)
_LIST = re.compile(r"<\s*(?:ul|ol)\b", re.I)
_ITEM = re.compile(r"<\s*li\b[^>]*>", re.I)
_BREAK = re.compile(r"<\s*br\s*/?\s*>|<\s*/\s*(?:li|p|div)\s*>", re.I)
_BULLET = re.compile(r"(?:^|\s)(?=[-•○ㆍ·]\s)")
_ENTITIES = {"&nbsp;": " ", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&amp;": "&"}
_ENTITY = re.compile("|".join(map(re.escape, _ENTITIES)))


def cell_paragraphs(text: str, loc: Loc) -> list[Paragraph]:
    """A cell's text as paragraphs: ``<br>`` and ``<li>`` break paragraphs, and inside a
    ``<ul>`` list (how converters write a cell of several paragraphs) so does each ``- `` bullet.
    Plain text is one paragraph."""
    if "<" not in text:
        return [Paragraph(text.strip(), loc)]
    in_list = bool(_LIST.search(text))
    text = _ITEM.sub("\n", text)
    text = _BREAK.sub("\n", text)
    text = _ENTITY.sub(lambda m: _ENTITIES[m.group(0)], _TAG.sub(" ", text))
    parts = []
    for piece in text.split("\n"):
        pieces = _BULLET.split(piece) if in_list else [piece]
        parts += [" ".join(p.split()) for p in pieces if p.strip()]
    return [Paragraph(p, loc) for p in parts] or [Paragraph("", loc)]
