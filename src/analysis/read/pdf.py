"""PDF with a text layer → :class:`~analysis.read.document.Document`, through pdfplumber.

pdfplumber (MIT) finds ruled tables from the page's lines and rectangles (``find_tables``, its
default ``lines`` strategy) and gives every character with its position; it was exact on ruled
tables and on PDFs that draw each glyph separately (``shared/OFFICE-FORMATS.md``). On each page:

- **tables**: each table's cells, placed on the grid of the cell edges, so a merged header cell
  (``일 반 직`` over six grades, ``구 분`` over two rows) keeps its span; a cell's text lines are
  its paragraphs, a line that wrapped (its first word would not have fitted on the line before)
  joined to the one before with a space (a number broken between its digits, without; two
  Hangul syllables without, where the file breaks lines inside words, as a browser prints
  Korean: :func:`_breaks_inside_words`). Layout tables (a 1×2 number-chip heading) become paragraphs through
  :func:`analysis.read.hancom.table_blocks`; a boxed 1×1 sentence is not a table to pdfplumber
  and reads as text.
- **text** outside the tables: characters grouped into lines by position, words split where the
  PDF has a space character (or, in a PDF that has none, a gap of a quarter of the font size), so
  the gap some producers put between Hangul and digits (``제 241 회``) is not a space; wrapped
  lines joined into paragraphs as in cells.
- **furniture**: a watermark (glyphs four times the page's usual size or more, drawn over the
  text or turned); in the top and
  bottom bands of the page, a page number or a line found at the
  same height on at least half the pages (a running head) is set aside; so is ``- 3 -`` as a
  page's first or last line wherever it stands.
- **two columns** (a booklet or a summary set in two columns, two pages printed to a sheet):
  a page with a gutter no line or table crosses over a stretch of the page, text on both sides
  of it (:func:`_gutter`), is read column by column: what stands across the gutter above the
  columns, the left column, the right one, what stands across below (each column wrapping at
  its own edge); once one page of a file has a gutter, the file's other pages where that
  gutter runs clear are read so too.
- **a table continued on the next page** (the last block of one page and the first of the next,
  with the same column edges) or in the next column (the same column widths) is joined; its
  header rows, when repeated, are set aside.

Locations are ``page``, ``table`` (the table's number on its page), ``row`` and ``col``
(1-based); a paragraph has its page. A PDF without a text layer (a scan) is refused: OCR is not
supported.
"""

from __future__ import annotations

import contextvars
import copy
import io
import logging
import re
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass, field

from analysis.errors import ReportError
from analysis.read.document import LIST_LETTERS, LIST_MARKS, UNMAPPED, Block, Document, Loc, Notice, Paragraph, Table, is_page_number, join_tables
from analysis.read.hancom import DrawnCell, table_blocks

FORMAT = "pdf"

BAND = 0.08  # the top and bottom 8% of a page: where running heads and page numbers sit
_MARKER = re.compile(r"^(?:[-–" + re.escape(LIST_MARKS) + r"]|[①-⑳]|\(\d{1,2}\)|\d{1,2}[.)]\s|[" + LIST_LETTERS + r"][.)]\s|[IVXⅠ-Ⅻ]{1,4}\s*\.)")
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_NUMBER_END = re.compile(r"\d[,.]?$")
_WRAP = "\x00"  # where a line wrapped between two Hangul syllables, until the file's way of wrapping is known


UNREADABLE = 0.2  # this share of a PDF's glyphs without a character, and its text is not read at all


def _is_syllable(ch: str) -> bool:
    return "가" <= ch <= "힣"


_DASHED = re.compile(r"^[-–—]\s*\d{1,4}\s*[-–—]$")  # "- 3 -": a page number wherever it stands


def sniff(data: bytes, name: str) -> bool:
    """A PDF: ``%PDF-`` at the start (or within the first kilobyte, after junk some servers add)."""
    return data.startswith(b"%PDF-") or b"%PDF-" in data[:1024]


def read(data: bytes, source: str) -> Document:
    """The Document of a PDF with a text layer.

    Raises
    ------
    ReportError
        For a PDF cut short (no %%EOF in its last kilobyte), one that pdfplumber cannot open
        (damaged or encrypted), one whose streams inflate past :data:`MAX_STREAM` or
        :data:`MAX_INFLATED`, or one with no text (a scan: OCR is not supported).
    """
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    if b"%%EOF" not in data[-1024:]:
        # A PDF ends with its cross-reference table (or stream), its trailer and %%EOF, within its
        # last kilobyte (as Acrobat looks for it). Without them pdfminer rebuilds the file from
        # the objects it finds: a file cut short reads as what is left of it (pages, or the last
        # incremental update, lost), or fails with a parser's word ('No /Root object!').
        raise ReportError(source, None, "a whole PDF (one that ends with its end-of-file marker %%EOF)",
                          f"a PDF cut short: its {len(data):,} bytes end without %%EOF (or its last kilobyte does not hold it), so part of the file is missing, "
                          "as after an incomplete download or copy; get the file again, or print it to PDF again", loc="file")
    damaged = (PdfminerException, MalformedPDFException, PSException, ValueError, TypeError, KeyError, IndexError, AssertionError, EOFError)
    _bound_pdfminer()
    budget = _BUDGET.set([MAX_INFLATED])
    at: tuple = (None, None)  # the page being read (its page object and number), for a bound's message
    try:
        with _PdfminerWarnings() as warned, pdfplumber.open(io.BytesIO(data)) as pdf:
            pages, wraps, notices = [], [], []
            for number, page in enumerate(pdf.pages, start=1):
                at = (page.page_obj, number)
                pages.append(_read_page(_upright(pdf, page), number, wraps))
                damage = _stream_damage(page.page_obj)
                if damage:
                    notices.append(Notice(
                        "damaged_page", "warning", Loc(page=number), "a content stream that parses to its end", damage,
                        f"{number}쪽의 그리기 내용(content stream)이 손상되어 끝까지 읽히지 않았습니다({damage}): 이 쪽의 글자, 표의 줄과 칸이 빠졌을 수 있습니다. "
                        "원본에서 PDF로 다시 인쇄하거나 HWP·HWPX를 받으세요"))
                if warned.damage:  # pdfminer carries on past a broken stream: the page may lack text
                    raise ReportError(source, None, "an undamaged PDF", f"a damaged PDF (page {number}: {warned.damage[0]}); print it to PDF again", loc=f"page {number}")
    except (_Inflated, *damaged) as exc:
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(cause, _Inflated):
            raise _inflated_error(cause, source, *at) from None
        if isinstance(cause, PDFPasswordIncorrect):
            raise ReportError(source, None, "a PDF that opens without a password", "an encrypted PDF; print it to PDF again without a password", loc="file") from None
        raise ReportError(source, None, "a readable PDF", f"a damaged PDF ({type(cause).__name__}: {cause}); print it to PDF again", loc="file") from None
    finally:
        _BUDGET.reset(budget)
    glyphs, unmapped = sum(p.glyphs for p in pages), sum(p.unmapped for p in pages)
    if unmapped and unmapped >= UNREADABLE * glyphs:
        first = next(p.number for p in pages if p.unmapped)
        raise ReportError(source, None, "a PDF whose fonts map their glyphs to characters (a ToUnicode map)",
                          f"a PDF whose text is {unmapped:,} of {glyphs:,} glyphs without a character, from page {first} on (fonts embedded without a ToUnicode map): "
                          "its text cannot be read; print it to PDF again with another PDF printer, or ask for the HWP or HWPX", loc=f"page {first}")
    if not any(p.lines or p.tables for p in pages):
        raise ReportError(source, None, "a PDF with a text layer", f"a scanned PDF ({len(pages)} page(s) without a character): it has no text layer; OCR is not supported: ask for the HWP or HWPX, or a PDF printed from it", loc="every page")
    furniture: list[Paragraph] = []
    _set_columns(pages)
    blocks = _assemble(pages, furniture, wraps)
    return Document(source, FORMAT, blocks, furniture, notices=notices + _unmapped_notices(blocks))


MAX_STREAM = 64 << 20
"""Bytes one stream of a PDF (a page's content, a form, an object stream, a font, a ToUnicode map,
the cross-reference stream) may inflate to (by FlateDecode, LZWDecode or RunLengthDecode): a page of a report is some hundred kilobytes, an
embedded CJK font some megabytes; a stream of more is a 'flate bomb' (pdfminer inflates a
stream whole, with no bound: 1.5 MB of zeros compressed took 1.5 GB of memory)."""
MAX_INFLATED = 512 << 20
"""Bytes all the streams of one PDF may inflate to together (pdfminer keeps each decoded stream
for as long as the document is open): many streams each under :data:`MAX_STREAM` add up too."""


class _Inflated(Exception):
    """A stream inflating past :data:`MAX_STREAM`, or the file's streams past :data:`MAX_INFLATED`."""

    def __init__(self, size: int, whole_file: bool) -> None:
        super().__init__(size, whole_file)
        self.size, self.whole_file, self.stream = size, whole_file, None


_BUDGET: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar("pdf_inflate_budget", default=None)
"""While a PDF is read here, the bytes its streams may still inflate to (a one-item list);
None elsewhere (then pdfminer inflates as it always does)."""


class _BoundedZlib:
    """Stands in for the ``zlib`` module inside ``pdfminer.pdftypes``, whose ``PDFStream.decode``
    inflates every FlateDecode stream with one unbounded ``zlib.decompress`` (and a damaged one
    with ``decompressobj``, a byte at a time): while a PDF is read here (:data:`_BUDGET` set) it
    inflates a megabyte at a time and stops past :data:`MAX_STREAM` or the file's budget, with
    ``zlib.decompress``'s result and errors otherwise; elsewhere it is ``zlib`` itself. pdfminer
    has no hook for this: the alternative, inflating each stream here before pdfminer does, cost
    a second inflation of every page and could not reach the object streams and fonts pdfminer
    inflates while opening the file."""

    error = zlib.error

    def __getattr__(self, name: str):
        return getattr(zlib, name)

    @staticmethod
    def _count(size: int, budget: list[int]) -> None:
        if size > MAX_STREAM or size > budget[0]:
            raise _Inflated(size, size <= MAX_STREAM)

    def decompress(self, data, *args, **kwargs):
        budget = _BUDGET.get()
        if budget is None or args or kwargs:
            return zlib.decompress(data, *args, **kwargs)
        inflater, out, size = zlib.decompressobj(), [], 0
        data = bytes(data)
        while not inflater.eof:
            chunk = inflater.decompress(data, 1 << 20)
            data = inflater.unconsumed_tail
            if not chunk and not data:
                raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
            size += len(chunk)
            self._count(size, budget)
            out.append(chunk)
        budget[0] -= size
        return b"".join(out)

    def decompressobj(self, *args, **kwargs):
        budget = _BUDGET.get()
        inflater = zlib.decompressobj(*args, **kwargs)
        return inflater if budget is None else _BoundedInflater(inflater, budget)


class _BoundedInflater:
    """``zlib.decompressobj`` counting what it gives out against :data:`MAX_STREAM` and the budget
    (pdfminer's ``decompress_corrupted`` feeds it a damaged stream a byte at a time)."""

    def __init__(self, inflater, budget: list[int]) -> None:
        self._inflater, self._budget, self._size = inflater, budget, 0

    def __getattr__(self, name: str):
        return getattr(self._inflater, name)

    def decompress(self, data, max_length: int = 0):
        out = self._inflater.decompress(data, max_length)
        self._size += len(out)
        _BoundedZlib._count(self._size, self._budget)
        self._budget[0] -= len(out)
        return out


def _run_length_size(data: bytes) -> int:
    """What RunLengthDecode data decodes to, counted from its length bytes without decoding it
    (pdfminer's ``rldecode`` builds a list of ints: 1 MB of runs, 128 MB, took gigabytes)."""
    size = i = 0
    while i < len(data):
        n = data[i]
        if n == 128:
            break
        size, i = (size + n + 1, i + n + 2) if n < 128 else (size + 257 - n, i + 2)
    return size


def _bound_pdfminer() -> None:
    """Installs :class:`_BoundedZlib` in ``pdfminer.pdftypes``, LZW and RunLength decoders counted
    against the same bounds, and a ``PDFStream.decode`` that names the stream a bound stopped
    (once; without effect outside :func:`read`)."""
    from pdfminer import pdftypes
    from pdfminer.lzw import LZWDecoder

    if isinstance(pdftypes.zlib, _BoundedZlib):
        return
    decode, lzwdecode, rldecode = pdftypes.PDFStream.decode, pdftypes.lzwdecode, pdftypes.rldecode

    def bounded_lzw(data: bytes) -> bytes:
        budget = _BUDGET.get()
        if budget is None:
            return lzwdecode(data)
        out, size = [], 0
        for chunk in LZWDecoder(io.BytesIO(data)).run():  # (pdfminer's lzwdecode joins this generator)
            size += len(chunk)
            _BoundedZlib._count(size, budget)
            out.append(chunk)
        budget[0] -= size
        return b"".join(out)

    def bounded_rl(data: bytes) -> bytes:
        budget = _BUDGET.get()
        if budget is not None:
            size = _run_length_size(data)
            _BoundedZlib._count(size, budget)
            budget[0] -= size
        return rldecode(data)

    pdftypes.lzwdecode, pdftypes.rldecode = bounded_lzw, bounded_rl

    def bounded_decode(self) -> None:
        try:
            return decode(self)
        except _Inflated as exc:
            if exc.stream is None:
                exc.stream = self
            raise

    pdftypes.PDFStream.decode = bounded_decode
    pdftypes.zlib = _BoundedZlib()


def _inflated_error(exc: _Inflated, source: str, page_obj, number: int | None) -> ReportError:
    """The ReportError for a stream a bound stopped: which object, what it is, where it was read."""
    from pdfminer.pdftypes import resolve1

    stream = exc.stream
    attrs = getattr(stream, "attrs", {}) or {}
    kind = getattr(resolve1(attrs.get("Type")), "name", None)
    subtype = getattr(resolve1(attrs.get("Subtype")), "name", None)
    contents = [resolve1(c) for c in (getattr(page_obj, "contents", None) or [])] if page_obj is not None else []
    if stream is not None and any(c is stream for c in contents):
        what = f"page {number}'s content stream"
    elif kind == "ObjStm":
        what = "an object stream, read as the file is opened"
    elif kind == "XRef":
        what = "the cross-reference stream"
    elif subtype == "Form":
        what = f"a form drawn on page {number}" if number else "a form"
    elif subtype == "Image":
        what = "an image"
    elif "Length1" in attrs or "Length2" in attrs or subtype in ("Type1C", "CIDFontType0C", "OpenType"):
        what = "an embedded font"
    else:
        what = "a stream"
    objid = getattr(stream, "objid", None)
    named = f"object {objid} ({what})" if objid is not None else what
    where = f"page {number}" if number else "file"
    if exc.whole_file:
        return ReportError(source, None, f"a PDF whose streams inflate to at most {MAX_INFLATED >> 20} MB in all",
                           f"{named} taking its streams past {MAX_INFLATED:,} bytes inflated (a compression bomb); print it to PDF again", loc=where)
    return ReportError(source, None, f"a PDF whose streams each inflate to at most {MAX_STREAM >> 20} MB",
                       f"{named} inflating past {MAX_STREAM:,} bytes (a compression bomb); print it to PDF again", loc=where)


_OPERATORS = frozenset(
    b"b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g gs h i ID j J K k l m M MP n q Q re RG rg ri s S SC sc "
    b"SCN scn sh T* Tc Td TD Tf Tj TJ TL Tm Tr Ts Tw Tz v w W W* y ' \" true false null".split())
"""The operators of a PDF content stream (ISO 32000-1, Annex A), and the keywords an operand may be."""
_INLINE_IMAGE = re.compile(rb"(?<![^\s\]\)>])ID\s.*?\sEI(?![^\s\[\(</%])", re.S)  # binary data: no tokens in it
_DELIMITER = re.compile(rb"[()%\\]")  # what opens or closes a string or a comment, and a string's escape
_HEX = re.compile(rb"<(?!<)[^<>]*>")
_NAME = re.compile(rb"/[^\s()<>\[\]{}/%]*")
_WORD = re.compile(rb"(?<![^\s()<>\[\]{}/%])[^\s()<>\[\]{}/%0-9+\-.][^\s()<>\[\]{}/%]*")  # a keyword: not a name, a number or a delimiter
_NESTING = re.compile(rb"(?<![^\s()<>\[\]{}/%])(BT|ET|q|Q|BDC|BMC|EMC)(?![^\s()<>\[\]{}/%])")
_OPENS = {b"BT": b"BT", b"ET": b"BT", b"q": b"q", b"Q": b"q", b"BDC": b"BDC", b"BMC": b"BDC", b"EMC": b"BDC"}


def _stream_damage(page_obj) -> str | None:
    """What keeps a page's content stream from parsing to its end, or None: it ends inside a
    string (an unclosed ``(``: all that followed was taken as the string's text and never
    drawn), an array or a dictionary, or inside a text object (``BT`` without ``ET``), or it
    holds words that are no operator (outside ``BX``…``EX``). pdfminer passes over all of these
    without a word, and the page lost what followed: lines of text, rows of a table, the
    table's 계 row with them. A stream cut cleanly between two operators ends inside a saved
    graphics state (``q`` without ``Q``) or a marked-content sequence (``BDC`` without ``EMC``)
    almost everywhere: producers wrap what they draw in both. (Cut between two such groups, it
    is a shorter page and cannot be told: the xref's /Length is that of the cut stream, and
    nothing on a page says how much it holds.) Judged on the decoded bytes with regular expressions: pdfminer's own
    tokeniser, run a second time, made reading a PDF half as slow again."""
    try:
        data = b"\n".join(stream.get_data() for stream in (page_obj.contents or []))
    except Exception:  # noqa: BLE001 - a stream that does not decode: pdfminer's warnings say so
        return None
    if not data:
        return None
    data, unclosed = _without_strings_and_comments(_INLINE_IMAGE.sub(b" ", data))
    if unclosed:
        return "it ends inside a string: what follows an unclosed '(' was never drawn"
    data = _NAME.sub(b" ", _HEX.sub(b" ", data))
    if data.count(b"<<") > data.count(b">>"):
        return "it ends inside a dictionary never closed ('<<'): what follows it was never drawn"
    if data.count(b"[") > data.count(b"]"):
        return "it ends inside an array never closed ('['): what follows it was never drawn"
    if data.count(b"{") > data.count(b"}"):
        return "it ends inside a procedure never closed ('{'): what follows it was never drawn"
    if data.count(b"<") > data.count(b">"):
        return "it ends inside a string: what follows an unclosed '<' was never drawn"
    words = Counter(_WORD.findall(data))
    if b"BX" not in words:  # (BX … EX lets a stream use operators of later PDF versions)
        unknown = Counter({w: n for w, n in words.items() if w not in _OPERATORS})
        if unknown:
            shown = ", ".join(repr(w[:12].decode("latin-1")) for w, _ in unknown.most_common(3))
            return f"{sum(unknown.values())} word(s) that are no PDF operator ({shown})"
    depth = dict.fromkeys((b"BT", b"q", b"BDC"), 0)
    for word in _NESTING.findall(data):
        kind = _OPENS[word]
        depth[kind] = depth[kind] + 1 if word == kind or word == b"BMC" else max(0, depth[kind] - 1)
    if depth[b"BT"]:
        return "it ends inside a text object (BT without ET)"
    # q/Q and BDC/BMC…EMC are balanced in every content stream (ISO 32000-1, 8.4.2 and 14.6);
    # producers wrap each drawn thing in them, so a stream cut cleanly between two operators
    # ends inside one (in the committed PDFs, 13,914 of 13,932 places between operators).
    if depth[b"q"]:
        return f"it ends inside {depth[b'q']} saved graphics state(s) (q without Q): it was cut short, and what followed was never drawn"
    if depth[b"BDC"]:
        return f"it ends inside {depth[b'BDC']} marked-content sequence(s) (BDC or BMC without EMC): it was cut short, and what followed was never drawn"
    return None


def _without_strings_and_comments(data: bytes) -> tuple[bytes, bool]:
    """A content stream with its strings and comments taken out (a space for each), read left to
    right as a PDF reader does, and whether it ends inside a string: a ``%`` outside a string
    starts a comment to the end of its line (a ``(`` in it opens nothing); inside a string ``%``
    is a character, parentheses nest and ``\\`` escapes the next byte. Only the delimiters are
    visited (:data:`_DELIMITER`), so the cost is that of the page's strings."""
    out, depth, last, skip = [], 0, 0, 0
    for m in _DELIMITER.finditer(data):
        at = m.start()
        if at < skip:  # the byte an escape escapes, or inside a comment
            continue
        c = data[at]
        if depth:
            if c == 0x5C:  # backslash
                skip = at + 2
            elif c == 0x28:
                depth += 1
            elif c == 0x29:
                depth -= 1
                if not depth:
                    last = at + 1
        elif c == 0x25:  # %
            out.append(data[last:at])
            out.append(b" ")
            ends = [i for i in (data.find(b"\n", at), data.find(b"\r", at)) if i >= 0]
            last = skip = min(ends) if ends else len(data)
        elif c == 0x28:
            out.append(data[last:at])
            out.append(b" ")
            depth = 1
    if depth:
        return b"", True
    out.append(data[last:])
    return b"".join(out), False


def _unmapped_notices(blocks: list[Block]) -> list[Notice]:
    """A notice for each paragraph and each cell that holds a glyph mapping to no character
    (:data:`UNMAPPED`), below the share at which the whole PDF is refused: the glyph may be a
    digit (``1,\ufffd07명``), a letter or a mark; what it was is not known, and the figure it
    touches is not read (the interpreter takes it in as an unknown digit)."""
    out = []
    for block in blocks:
        for p in [block] if isinstance(block, Paragraph) else [p for c in block.cells for p in c.paragraphs]:
            n = p.text.count(UNMAPPED)
            if not n:
                continue
            at = p.text.index(UNMAPPED)
            shown = p.text[max(0, at - 20): at + 20]
            out.append(Notice(
                "unmapped_glyph", "warning", p.loc, "glyphs that map to characters (a ToUnicode entry for each)", f"{n} glyph(s) without a character in {shown!r}",
                f"PDF의 글리프 {n}개가 글자로 바뀌지 않습니다({p.loc.korean()}: {shown!r}, 글꼴에 ToUnicode 항목 없음): 그 글리프에 닿은 숫자는 읽지 않았습니다. "
                "다른 PDF 프린터로 다시 인쇄하거나 HWP·HWPX를 받으세요"))
    return out


class _PdfminerWarnings(logging.Handler):
    """pdfminer's warnings while a PDF is read, kept off the console; those that mean lost
    content (a stream that does not decompress, drawing operators that do not parse) are
    ``damage``. Warnings about fonts and metadata are harmless and ignored."""

    _DAMAGE = ("Data-loss", "decompress", "Cannot render", "Could not set", "Cannot set", "not a valid", "Invalid")

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.damage: list[str] = []
        self._logger = logging.getLogger("pdfminer")

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if any(word in message for word in self._DAMAGE):
            self.damage.append(message[:120])

    def __enter__(self) -> _PdfminerWarnings:
        self._propagate = self._logger.propagate
        self._logger.addHandler(self)
        self._logger.propagate = False
        return self

    def __exit__(self, *exc) -> None:
        self._logger.removeHandler(self)
        self._logger.propagate = self._propagate


# --- one page --------------------------------------------------------------------------------

@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    first_word: float  # width of the first word: would it have fitted on the line before?
    space: float  # width of a space in this line's font
    spaced_end: bool = False  # the line ends in a space character (a browser's, where it wrapped between words)


@dataclass
class _DrawnTable:
    cells: list[DrawnCell]
    top: float
    bottom: float
    cols: tuple[float, ...]  # the column edges, to recognise the table's continuation
    loc: Loc


@dataclass
class _Page:
    number: int
    height: float
    lines: list[_Line]
    tables: list[_DrawnTable]
    watermarks: list[str] = field(default_factory=list)  # text set aside as a watermark (furniture)
    glyphs: int = 0  # characters drawn (watermark and spaces included)
    unmapped: int = 0  # of which, glyphs whose font maps them to no character (read as UNMAPPED)
    flows: list[tuple[int, list[_Line], list[_DrawnTable]]] | None = None  # a page set in two columns: its parts in reading order (_flows)
    body: list[dict] = field(default_factory=list)  # its characters outside tables, until its columns are known
    has_spaces: bool = False
    width: float = 0.0


def _reads_across(page) -> bool:
    """Whether most of the page's glyphs run left to right as a person reads it upright (a glyph
    matrix turned neither a quarter nor a half turn)."""
    glyphs = [c["matrix"] for c in page.chars if c["text"].strip()]
    return sum(1 for a, b, *_ in glyphs if a > 0 and abs(b) <= 0.01 * a) * 2 >= len(glyphs)


def _upright(pdf, page):
    """The page as its text reads upright. A page whose text runs sideways or upside down as
    displayed, its ``/Rotate`` set by a viewer that turned the page (or a page printed landscape
    on its side), is read turned by the quarter turns that set its text upright: read as
    displayed, its lines were columns of single glyphs and nothing was found."""
    from pdfplumber.page import Page

    if _reads_across(page):
        return page
    for turn in (0, 90, 180, 270):
        if turn == page.rotation:
            continue
        page_obj = copy.copy(page.page_obj)
        page_obj.attrs = {**page_obj.attrs, "Rotate": turn}
        page_obj.rotate = turn
        turned = Page(pdf, page_obj, page_number=page.page_number, initial_doctop=page.initial_doctop)
        if _reads_across(turned):
            return turned
    return page


def _read_page(page, number: int, wraps: list[float] | None = None) -> _Page:
    sides = _open_sides(page)
    finder = page.debug_tablefinder({"explicit_vertical_lines": sides} if sides else None)  # pdfplumber's TableFinder: its tables, and every ruled cell
    grids = [(t.bbox, [c for c in t.cells if c is not None]) for t in finder.tables]
    in_tables = {c for _, cells in grids for c in cells}
    # A ruled cell in no table is a box (pdfplumber keeps tables of two cells or more); one that
    # holds a table or another box is a frame (a page border), whose text is the page's.
    alone = [c for c in finder.cells if c not in in_tables and not any(_contains(b, c) for b, _ in grids)]
    grids += [(c, [c]) for c in alone if not any(o is not c and _contains(c, o) for o in alone) and not any(_contains(c, b) for b, _ in grids)]
    grids.sort(key=lambda g: (round(g[0][1]), g[0][0]))
    chars = _without_overprint([c for c in page.chars if (c["text"] == " " or c["text"].strip()) and c["size"] >= INVISIBLE])
    unmapped = 0
    unknown = _fonts_without_characters(page)
    if unknown:  # a font numbering its glyphs from 1: some code below 32 was drawn (an ASCII-coded subset never draws one)
        unknown = {c["fontname"] for c in chars if c["fontname"] in unknown and c["text"].startswith("(cid:")}
    for c in chars:
        if c["text"].startswith("(cid:") or c["fontname"] in unknown:  # a glyph its font maps to no character: unknown, not the digits of its number
            c["text"] = UNMAPPED
            unmapped += 1
    chars, marks = _without_watermark(chars)
    has_spaces = _writes_spaces(chars)
    # Text in no cell is the page's (a table's bounding box can hold places no cell covers:
    # what stands there is kept, as text, not lost).
    body = [c for c in chars if not any(_inside(c, bbox) and any(_inside(c, cell) for cell in cells) for bbox, cells in grids)]
    tables = []
    for k, (bbox, cells) in enumerate(grids, start=1):
        inside = [c for c in chars if _inside(c, bbox)]
        tables.append(_table(bbox, cells, inside, has_spaces, Loc(page=number, table=k), wraps))
    lines = _lines(body, has_spaces)
    out = _Page(number, float(page.height), lines, tables, [line.text for line in _lines(marks, False)], len(chars), unmapped)
    out.body, out.has_spaces, out.width = body, has_spaces, float(page.width)
    return out


def _set_columns(pages: list[_Page]) -> None:
    """Pages set in two columns read column by column (:func:`_gutter`); a page of the same
    file where the gutter another page has runs clear, with text on both sides, is so read too
    (a booklet's page whose one column holds a table or two and little text)."""
    found = {}
    for page in pages:
        gutter = _gutter(page.body, page.tables, page.width, page.height)
        if gutter is not None:
            found[page.number] = gutter
    xs = sorted({g[0] for g in found.values()})
    for page in pages:
        gutter = found.get(page.number)
        if gutter is None and xs:
            gutter = next((g for x in xs if (g := _gutter(page.body, page.tables, page.width, page.height, at=x, least=1)) is not None), None)
        if gutter is not None:
            page.flows = _flows(page, *gutter)
        page.body = []


def _flows(page: _Page, x: float, top: float, bottom: float) -> list[tuple[int, list[_Line], list[_DrawnTable]]]:
    """The page's parts in reading order: what stands above the columns across the gutter, the
    left column, the right one, what stands below across it (``0``-``3``, each with its lines
    and tables). A line above or below the columns in the page's head or foot that does not
    cross the gutter (a running head, a page number of each half) is its column's; any other
    is read before or after both columns."""
    body, tables, has_spaces = page.body, page.tables, page.has_spaces
    parts: list[tuple[list[dict], list[_DrawnTable]]] = [([], []) for _ in range(4)]
    for row in _rows(body):  # above and below the columns, a line of the page's head or foot that does not cross the gutter is its column's
        ink = [c for c in row if c["text"] != " "]
        y = (ink[0]["top"] + ink[0]["bottom"]) / 2 if ink else top
        size = max((c["size"] for c in ink), default=0.0)
        gap = min((c["x0"] for c in ink if c["x0"] >= x), default=x + size) - max((c["x1"] for c in ink if c["x1"] <= x), default=x - size)
        across = any(c["x0"] < x < c["x1"] for c in ink) or gap < size or BAND * page.height < y < (1 - BAND) * page.height
        for c in row:
            side = 1 if (c["x0"] + c["x1"]) / 2 < x else 2
            parts[side if top <= y <= bottom or not across else 0 if y < top else 3][0].append(c)
    for t in tables:
        across = t.cols[0] < x < t.cols[-1]
        parts[(1 if t.cols[-1] <= x else 2) if not across else 0 if t.bottom < top + 1 else 3][1].append(t)
    return [(side, _lines(cs, has_spaces), ts) for side, (cs, ts) in enumerate(parts) if cs or ts]



COLUMN_ROWS = 6  # rows of text on both sides of a gutter, at the least, for a page to be set in two columns


def _clear_of(spans: list, xs, least: int) -> list[int]:
    """Of the places ``xs``, those with ``least`` rows at least that do not cross them and have
    text on their left, and as many on their right (in array operations: on a page in one
    column, its lines cross nearly every place in the middle)."""
    import numpy as np

    starts = np.array([r0 for _, _, runs in spans for r0, _ in runs]) - 1
    ends = np.array([r1 for _, _, runs in spans for _, r1 in runs]) + 1
    first = np.cumsum([0] + [len(runs) for _, _, runs in spans[:-1]])  # each row's first run
    at = np.array(list(xs), dtype=float)[:, None]
    clear = ~np.logical_or.reduceat((starts[None, :] <= at) & (at <= ends[None, :]), first, axis=1)
    left = (clear & np.logical_or.reduceat(ends[None, :] < at, first, axis=1)).sum(axis=1)
    right = (clear & np.logical_or.reduceat(starts[None, :] > at, first, axis=1)).sum(axis=1)
    return [int(x) for x, a, b in zip(at[:, 0], left, right) if a >= least and b >= least]


def _rows(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into rows by their height (as :func:`_lines` groups them)."""
    rows: list[list[dict]] = []
    for c in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        for row in reversed(rows[-3:]):
            if abs(c["top"] - row[0]["top"]) <= 0.5 * row[0]["size"]:
                row.append(c)
                break
        else:
            rows.append([c])
    return rows


def _gutter(chars: list[dict], tables: list[_DrawnTable], width: float, height: float, at: float | None = None, least: int = COLUMN_ROWS) -> tuple[float, float, float] | None:
    """Where a page set in two columns divides: ``(x, top, bottom)``, a vertical strip in the
    middle half of the page that no text line and no table crosses from ``top`` to ``bottom``,
    with text on each side of it on :data:`COLUMN_ROWS` rows at least (a row's runs of text a
    glyph's width or more apart, wider than the space between two words), the right column's
    lines beginning at one left edge. A booklet's page
    printed in two columns read line by line across the page ran the columns' lines together
    ('제241회 구의회 … 예산액 집행액'). None for a page in one column."""
    ink = [c for c in chars if c["text"] != " " and BAND * height < (c["top"] + c["bottom"]) / 2 < (1 - BAND) * height]
    if len(ink) < 20 and at is None:
        return None
    rows: list[list[dict]] = []
    for c in sorted(ink, key=lambda c: (round(c["top"]), c["x0"])):
        if rows and abs(c["top"] - rows[-1][0]["top"]) <= 0.5 * rows[-1][0]["size"]:
            rows[-1].append(c)
        else:
            rows.append([c])
    spans = []  # per row: its top, bottom and the runs of ink (x0, x1) a glyph's width or more apart
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        size = max(c["size"] for c in row)
        runs = [[row[0]["x0"], row[0]["x1"]]]
        for c in row[1:]:
            if c["x0"] - runs[-1][1] >= size:
                runs.append([c["x0"], c["x1"]])
            else:
                runs[-1][1] = max(runs[-1][1], c["x1"])
        spans.append((min(c["top"] for c in row), max(c["bottom"] for c in row), runs))
    spans += [(t.top, t.bottom, [[t.cols[0], t.cols[-1]]]) for t in tables]
    spans.sort(key=lambda s: s[0])
    best = None
    xs = [at] if at is not None else _clear_of(spans, range(int(width * 0.25), int(width * 0.75) + 1, 2), least)
    for x in xs:
        top = bottom = None
        left: list[float] = []
        right: list[float] = []  # where each row's ink right of the gutter begins
        for a, b, runs in spans + [(height, height, [[0.0, width]])]:  # (a last row across: the end)
            if any(r0 - 1 <= x <= r1 + 1 for r0, r1 in runs):  # crossed: a band ends
                # text on both sides on enough rows, the right column's lines from one left edge
                aligned = sum(1 for r in right if r - min(right) <= 2.0) if right else 0
                if len(left) >= least and len(right) >= least and aligned >= max(1, least // 2) and (best is None or len(left) + len(right) > best[0]):
                    best = (len(left) + len(right), x, top, bottom)
                top, left, right = None, [], []
                continue
            if top is None:
                top = a
            bottom = b
            if any(r1 < x for _, r1 in runs):
                left.append(min(r0 for r0, _ in runs))
            if any(r0 > x for r0, _ in runs):
                right.append(min(r0 for r0, _ in runs if r0 > x))
    if best is None:
        return None
    _, x, top, bottom = best
    return float(x), top, bottom


def _without_overprint(chars: list[dict]) -> list[dict]:
    """The characters, each glyph drawn again over itself left out: the same character in the
    same font and size within a point of one already drawn (a printer's fake bold, drawn twice a
    fraction of a point apart, or a part drawn twice). Read twice, a bold '5' was '55'."""
    kept: dict[tuple, list[dict]] = {}
    out = []
    for c in chars:
        if c["text"] == " ":
            out.append(c)
            continue
        key = (c["text"], c["fontname"], round(c["size"], 1))
        x, y = int(c["x0"]), int(c["top"])
        if any(abs(o["x0"] - c["x0"]) <= 1 and abs(o["top"] - c["top"]) <= 1
               for dx in (-1, 0, 1) for dy in (-1, 0, 1) for o in kept.get((*key, x + dx, y + dy), ())):
            continue
        kept.setdefault((*key, x, y), []).append(c)
        out.append(c)
    return out


def _fonts_without_characters(page) -> set[str]:
    """The page's fonts whose codes may mean no character: a simple font marked symbolic, with no
    ``/Encoding`` and no ``/ToUnicode``. When such a font is a subset whose glyphs are numbered
    1, 2, 3… (it draws codes below 32, which pdfminer reads as ``(cid:N)``), its other codes are
    glyph numbers too, which pdfminer reads through a Latin encoding: '국제금융특구' came out as
    digits and letters (``7``, ``›``, ``a``…). (A subset that keeps ASCII codes draws none below
    32 and is read as before.)"""
    from pdfminer.pdftypes import resolve1

    out: set[str] = set()
    try:
        fonts = resolve1((page.page_obj.resources or {}).get("Font")) or {}
        for font in fonts.values():
            font = resolve1(font)
            if not isinstance(font, dict) or "ToUnicode" in font or "Encoding" in font:
                continue
            subtype, name = (getattr(font.get(k), "name", font.get(k)) for k in ("Subtype", "BaseFont"))
            flags = resolve1((resolve1(font.get("FontDescriptor")) or {}).get("Flags")) or 0
            if subtype in ("TrueType", "Type1", "MMType1", b"TrueType", b"Type1", b"MMType1") and int(flags) & 4 and name:
                out.add(name.decode("latin-1") if isinstance(name, bytes) else str(name))
    except (TypeError, ValueError, AttributeError):  # a damaged font dictionary: judged by its glyphs alone
        return out
    return out


def _open_sides(page) -> list[dict]:
    """The outer borders of tables drawn open at the sides (Korean reports often leave a table's
    left and right borders out): vertical lines at both ends of a run of horizontal rules with the
    same ends, joined one to the next by an inner column rule (so two tables one above the other
    are never joined), where no vertical rule stands. Without them pdfplumber found no cell in
    the first and last columns, and their text (units, rates) ran into the body as lines."""
    rules: list[tuple[float, list[list[float]]]] = []  # a rule's height and its spans (segments drawn per cell merged)
    for e in sorted(page.horizontal_edges, key=lambda e: e["top"]):
        if not rules or e["top"] - rules[-1][0] > 1.0:
            rules.append((e["top"], []))
        rules[-1][1].append([e["x0"], e["x1"]])
    lines = []
    for top, spans in rules:
        spans.sort()
        merged = [spans[0]]
        for a, b in spans[1:]:
            if a <= merged[-1][1] + 3:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        lines += [(float(top), a, b) for a, b in merged if b - a > 20]
    columns: list[tuple[float, float, float]] = []  # column rules (x, top, bottom), segments drawn per row merged
    for e in sorted(page.vertical_edges, key=lambda e: (round(e["x0"]), e["top"])):
        if columns and abs(e["x0"] - columns[-1][0]) <= 1.0 and e["top"] <= columns[-1][2] + 3:
            columns[-1] = (columns[-1][0], columns[-1][1], max(columns[-1][2], e["bottom"]))
        else:
            columns.append((e["x0"], e["top"], e["bottom"]))
    columns = [c for c in columns if c[2] - c[1] >= 3]
    out: list[dict] = []
    lines.sort(key=lambda l: (round(l[1]), round(l[2]), l[0]))
    runs: list[list[tuple[float, float, float]]] = []
    for line in lines:
        run = runs[-1] if runs else None
        if (run and abs(run[-1][1] - line[1]) <= 2 and abs(run[-1][2] - line[2]) <= 2
                and any(line[1] + 2 < x < line[2] - 2 and top <= run[-1][0] + 2 and bottom >= line[0] - 2 for x, top, bottom in columns)):
            run.append(line)
        else:
            runs.append([line])
    for run in runs:
        if len(run) < 2:
            continue
        top, bottom = run[0][0], run[-1][0]
        for x in (min(l[1] for l in run), max(l[2] for l in run)):
            if not any(abs(cx - x) <= 2 and ctop <= top + 2 and cbottom >= bottom - 2 for cx, ctop, cbottom in columns):
                out.append({"object_type": "line", "x0": x, "x1": x, "top": top, "bottom": bottom, "height": bottom - top, "width": 0})
    return out


def _writes_spaces(chars: list[dict]) -> bool:
    """Whether the page's text writes its spaces as characters: one glyph in fifty at least. A
    page drawn glyph by glyph whose only spaces are those of a page number stamped later
    (``- 3 -``) does not: its words are told apart by their gaps."""
    spaces = sum(1 for c in chars if c["text"] == " ")
    return spaces > 0 and spaces >= 0.02 * (len(chars) - spaces)


INVISIBLE = 1.0
"""Glyphs drawn smaller than this (in points) are not there to be read: a font size of 0 draws
nothing (and made a line 0 wide, whose indent divided by zero); one of 0.3 pt is a dot. They
are left out, as a reader of the page never sees them."""


WATERMARK = 4.0  # glyphs this many times the page's usual size are a watermark (대외비 at 60 pt over 10 pt text)


def _without_watermark(chars: list[dict]) -> tuple[list[dict], list[dict]]:
    """The page's characters, and apart those of a watermark: glyphs at least :data:`WATERMARK`
    times the size most of the page's text has, drawn over that text or turned (not upright).
    Read as text, a watermark's letters land in cells and lines (``대외집행액비``). Large glyphs
    that stand clear of the text, a section's title page (간지) or a cover's title, are text."""
    sizes = Counter(round(c["size"]) for c in chars if c["text"] != " ")
    if not sizes:
        return chars, []
    usual = sizes.most_common(1)[0][0]
    big = [c for c in chars if c["size"] >= WATERMARK * usual]
    if not big:
        return chars, []
    small = [c for c in chars if c["size"] < WATERMARK * usual and c["text"] != " "]
    marked = {round(c["size"]) for c in big if not c.get("upright", True) or any(_inside(s, (c["x0"], c["top"], c["x1"], c["bottom"])) for s in small)}
    if not marked:
        return chars, []
    marks = [c for c in big if round(c["size"]) in marked]
    return [c for c in chars if not (c["size"] >= WATERMARK * usual and round(c["size"]) in marked)], marks


def _contains(outer, inner) -> bool:
    return outer[0] - 1 <= inner[0] and outer[1] - 1 <= inner[1] and inner[2] <= outer[2] + 1 and inner[3] <= outer[3] + 1


def _inside(c, bbox) -> bool:
    x = (c["x0"] + c["x1"]) / 2
    y = (c["top"] + c["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _lines(chars: list[dict], has_spaces: bool) -> list[_Line]:
    """Characters grouped into lines (by vertical overlap), left to right, with words split at
    space characters, or at gaps of a quarter of the font size when the page writes no spaces
    (:func:`_writes_spaces`)."""
    rows: list[list[dict]] = []
    for c in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        for row in reversed(rows[-3:]):
            ref = row[0]
            if abs(c["top"] - ref["top"]) <= 0.5 * ref["size"]:
                row.append(c)
                break
        else:
            rows.append([c])
    out = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        parts, prev = [], None
        for c in row:
            if prev is not None and not has_spaces and c["x0"] - prev["x1"] > 0.25 * c["size"]:
                parts.append(" ")
            parts.append(c["text"])
            prev = c
        text = _SPACES.sub(" ", "".join(parts)).strip()
        if not text:
            continue
        ink = [c for c in row if c["text"] != " "]
        size = max(c["size"] for c in ink)
        out.append(_Line(text, ink[0]["x0"], ink[-1]["x1"], min(c["top"] for c in ink), max(c["bottom"] for c in ink), size, _first_word_width(ink, row, size), 0.28 * size,
                         row[-1]["text"] == " "))
    out.sort(key=lambda l: l.top)
    return out


def _first_word_width(ink: list[dict], row: list[dict], size: float) -> float:
    """From the line's first character to the end of its first word (a space character or, in
    a PDF without them, a gap)."""
    first_space = min((c["x0"] for c in row if c["text"] == " " and c["x0"] > ink[0]["x0"]), default=None)
    end = ink[-1]["x1"]
    for a, b in zip(ink, ink[1:]):
        if b["x0"] - a["x1"] > 0.25 * size or (first_space is not None and b["x0"] >= first_space):
            end = a["x1"]
            break
    return end - ink[0]["x0"]


def _paragraphs(lines: list[_Line], right: float, loc: Loc, left: float | None = None, wraps: list[float] | None = None) -> list[tuple[float, Paragraph]]:
    """Lines → paragraphs (with the top of each one's first line). A line continues the one
    before when its first word would not have fitted there (the line wrapped at ``right``), it
    follows closely and it does not begin with a list marker. With ``left`` (the text's left
    edge), a paragraph's ``level`` is its indent in space widths; without it (in a cell, where
    text is often centred or right-aligned) the level is 0, as for a centred line."""
    out: list[tuple[float, Paragraph]] = []
    prev: _Line | None = None
    edge = max((l.x1 for l in lines), default=right)
    for line in lines:
        wrapped = (
            prev is not None
            and prev.x1 + prev.space + line.first_word > right - 1.0
            and line.top - prev.bottom < 0.9 * line.size
            and not _MARKER.match(line.text)
        )
        if wrapped:
            # Lines wrap between words (a space); a number too long for its cell breaks between
            # digits, where no digit more would have fitted: ``1,070,`` + ``404`` is one number.
            inside_number = _NUMBER_END.search(prev.text) and line.text[:1].isdigit() and prev.x1 + 0.6 * line.size > right - 1.0
            if inside_number:
                joint = ""
            elif _is_syllable(prev.text[-1]) and _is_syllable(line.text[0]) and not prev.spaced_end:
                # Between two Hangul syllables: a space if the producer wraps between words, none
                # if it breaks inside them (a browser does); decided for the whole file (_WRAP).
                joint = " "
                if wraps is not None:  # measured from where these lines' text ends (a cell's padding is a guess)
                    joint = _WRAP
                    wraps.append((edge - prev.x1) / line.size)
            else:
                joint = " "
            out[-1][1].text += joint + line.text
        else:
            out.append((line.top, Paragraph(line.text, loc, _level(line, left, right))))
        prev = line
    return out


def _level(line: _Line, left: float | None, right: float) -> int:
    """The indent in space widths from ``left``; 0 for a centred line (as far from both edges)."""
    if left is None:
        return 0
    indent = line.x0 - left
    if indent > line.space and abs(indent - (right - line.x1)) < 2 * line.space:
        return 0
    return max(0, round(indent / line.space))


def _table(bbox, bboxes: list, chars: list[dict], has_spaces: bool, loc: Loc, wraps: list[float] | None = None) -> _DrawnTable:
    """A ruled table as drawn cells on the grid of its cell edges (merged cells spanning)."""
    xs = _edges([b[0] for b in bboxes] + [b[2] for b in bboxes])
    ys = _edges([b[1] for b in bboxes] + [b[3] for b in bboxes])
    cells = []
    for b in sorted(bboxes, key=lambda b: (b[1], b[0])):
        row, col = _index(ys, b[1]), _index(xs, b[0])
        rowspan, colspan = max(1, _index(ys, b[3]) - row), max(1, _index(xs, b[2]) - col)
        cloc = loc.at(row=row + 1, col=col + 1)
        lines = _lines([c for c in chars if _inside(c, b)], has_spaces)
        # The cell's inner right edge: its padding is taken to be the left one, measured on its
        # leftmost line (no more than 7 pt: centred or right-aligned text is further in).
        pad = min(min((l.x0 for l in lines), default=b[0]) - b[0], 7.0)
        left = b[0] + pad if len(bboxes) == 1 else None  # a box's paragraphs are body text: their indent counts
        cells.append(DrawnCell(row, col, cloc, [p for _, p in _paragraphs(lines, b[2] - pad, cloc, left, wraps)], rowspan, colspan))
    return _DrawnTable(cells, bbox[1], bbox[3], tuple(xs), loc)


def _edges(values) -> list[float]:
    """Distinct edge positions (within a point of each other they are one edge)."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > 1.0:
            out.append(v)
    return out


def _index(edges: list[float], v: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


# --- the pages together ----------------------------------------------------------------------

def _assemble(pages: list[_Page], furniture: list[Paragraph], wraps: list[float] | None = None) -> list[Block]:
    """Body blocks in reading order; furniture set aside; tables continued across pages joined.
    ``wraps`` holds how far from the right edge each line that wrapped between two Hangul
    syllables ended (in the font's size), the cells' so far: with the body's, it tells how the
    file wraps (:func:`_breaks_inside_words`), and every such wrap is joined accordingly."""
    wraps = [] if wraps is None else wraps
    running = _running_lines(pages)
    right = max((l.x1 for p in pages for l in p.lines), default=0.0)
    left = min((l.x0 for p in pages for l in p.lines), default=0.0)
    # A column wraps at its own right edge (the widest of its lines on any page), its indents
    # counted from its own left edge; what stands across the columns, at the page's.
    edges = {side: (min(l.x0 for l in lines), max(l.x1 for l in lines))
             for side in (1, 2) if (lines := [l for p in pages for s, flow, _ in p.flows or () if s == side for l in flow])}
    laid_out = []  # per page: its tables and paragraphs by their top
    for page in pages:
        items: list[tuple[float, object]] = []
        for fi, (side, lines, tables) in enumerate(page.flows or [(0, page.lines, page.tables)]):
            body = []
            for k, line in enumerate(lines):
                in_band = line.bottom < BAND * page.height or line.top > (1 - BAND) * page.height
                edge = k in (0, len(lines) - 1)  # (of the page, or of one of its columns)
                if (in_band and (is_page_number(line.text) or (_key(line.text), round(line.top)) in running)) or (edge and _DASHED.match(line.text)):
                    furniture.append(Paragraph(line.text, Loc(page=page.number)))
                else:
                    body.append(line)
            flow: list[tuple[float, object]] = [(t.top, t) for t in tables]
            x0, x1 = edges.get(side, (left, right))
            flow += _paragraphs(body, x1, Loc(page=page.number), x0, wraps)
            flow.sort(key=lambda it: it[0])
            items += [(top, item, fi) for top, item in flow]
        # Each paragraph of the page's text (not a table's) is numbered from the top, so that a
        # figure is traced to its paragraph ('page 6, paragraph 12'), not to a whole page.
        for k, p in enumerate((it for _, it, _ in items if isinstance(it, Paragraph)), 1):
            p.loc = p.loc.at(paragraph=k)
        laid_out.append((page, items))
    joint = "" if _breaks_inside_words(wraps) else " "
    for _, items in laid_out:
        for _, item, _ in items:
            for p in [item] if isinstance(item, Paragraph) else [b for c in item.cells for b in c.blocks if isinstance(b, Paragraph)]:
                if _WRAP in p.text:
                    p.text = p.text.replace(_WRAP, joint)
    blocks: list[Block] = []
    last_table: tuple[_DrawnTable, int, int] | None = None  # the last block, when it is a table (its page and column)
    for page, items in laid_out:
        for n, (_, item, fi) in enumerate(items):
            if isinstance(item, Paragraph):
                blocks.append(item)
                last_table = None
                continue
            drawn = table_blocks(item.cells, item.loc)
            if len(drawn) == 1 and isinstance(drawn[0], Table):
                # continued from the page before, or from the column before (the first block of its column)
                continued = last_table is not None and (last_table[1] == page.number - 1 or (last_table[1] == page.number and last_table[2] < fi and items[n - 1][2] != fi))
                if continued and _same_columns(last_table[0], item):
                    blocks[-1] = join_tables(blocks[-1], drawn[0], furniture)
                else:
                    blocks.append(drawn[0])
                last_table = (item, page.number, fi)
            else:
                blocks += drawn
                last_table = None
    return blocks


def _breaks_inside_words(wraps: list[float]) -> bool:
    """Whether the file's lines break inside Hangul words (as a browser prints Korean) rather
    than between them (as Hancom does), from the lines that wrapped between two syllables: how
    far each ended before the longest line of its cell or page, in glyph widths. Breaking
    between words leaves room a syllable would have taken on some line (≥ 1.2): then never.
    Breaking inside them leaves less than a syllable on every line. A line that ends flush
    tells nothing (the longest line; justified text, which wraps between words). Five lines
    that tell are asked for: with fewer, words wrapped whole could by chance all look so (each
    about one chance in three)."""
    short = [r for r in wraps if r > 0.05]  # the longest line of a cell ends where it does: no sign
    return len(short) >= 5 and all(r < 1.2 for r in short)


def _same_columns(a: _DrawnTable, b: _DrawnTable) -> bool:
    """The same column edges, within 4 pt: a browser lays out each page's part of a table again
    and its inner edges move by up to 3 pt (Chromium's print of a staffing table split by a page)."""
    return len(a.cols) == len(b.cols) and (all(abs(x - y) <= 4.0 for x, y in zip(a.cols, b.cols))
                                           or all(abs((x - a.cols[0]) - (y - b.cols[0])) <= 4.0 for x, y in zip(a.cols, b.cols)))  # (the next column: the same widths)


def _key(text: str) -> str:
    return _DIGITS.sub("#", unicodedata.normalize("NFKC", text).replace(" ", ""))


def _running_lines(pages: list[_Page]) -> set[tuple[str, int]]:
    """Running heads and feet: a text (digits aside) in the top or bottom band at the same height
    on at least half the pages (and on two at least)."""
    seen: Counter[tuple[str, int]] = Counter()
    for page in pages:
        lines = [l for _, flow, _ in page.flows for l in flow] if page.flows else page.lines
        seen.update({(_key(l.text), round(l.top)) for l in lines if l.bottom < BAND * page.height or l.top > (1 - BAND) * page.height})
    return {k for k, n in seen.items() if n >= max(2, (len(pages) + 1) // 2)}
