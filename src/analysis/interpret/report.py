"""Interpret a 주요업무 보고's Document into records: a pure function of the document.

The report has three parts (see ``docs/report_format.md``): I. 일반현황 (organisation,
staffing, facilities, budget by unit project), II. 주요업무 추진실적 (numbered programs with
results and a budget table), III. next year's plans (programs with 소요예산). The interpreter
reads the document's blocks: paragraphs, and tables as grids of cells recognised by their header
cells (aliases in ``layout.toml``), whatever format the file was. One document may hold several
departments' reports (a 국's booklet): each is its own report.
"""

from __future__ import annotations

import datetime as dt
import functools
import calendar
import hashlib
import itertools
import math
import re
from collections import Counter
from itertools import chain
from decimal import Decimal

from analysis.errors import ReportError, quoted
from analysis.interpret.layout import Layout, header_key, load_layout, squash
from analysis.interpret.numbers import ZERO_MARKS, Amount, NumberError, SharesError, decimals_of, format_number, funding_source, leading_amount, parse_amount, parse_number, parse_rate, particle, rate_of, to_cheonwon
from analysis.interpret.records import PLAN_REPORT, BudgetRow, BudgetUnit, Finding, Funding, ParsedReport, Program, StaffingCell
from analysis.interpret.lookalike import lookalike_findings, lookalike_spans
from analysis.interpret.metric_kind import keep_qualifier, metric_kind
from analysis.interpret.textsim import bigrams
from analysis.read.document import ITEM_START, LIST_MARKS, UNMAPPED, Document, Loc, Notice, Table

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5}
_SECTION = re.compile(r"^\s*(?P<roman>IV|V|I{1,3}|[ⅠⅡⅢⅣⅤ])\s*(?:[.．]\s*)?(?P<title>\S(?:.*\S)?)\s*$")
# A part heading for certain (a Roman numeral with its stop, or a Roman numeral character), so
# that one whose title names no known part is reported rather than read as body text.
_PART_HEADING = re.compile(r"^\s*(?:(?:IV|V|I{1,3})\s*[.．]|[ⅠⅡⅢⅣⅤ]\s*[.．]?)\s*\S")
_PAGE_REF = re.compile(r"(?:\t|·\s*·|\.{3,}|…)[\s·.…]*\d+\s*$")  # used on a line's last 80 characters (linear)


def _without_page_ref(text: str) -> str:
    """A report-order line without its page reference (``I . 일반 현황 · · · 1`` → ``I . 일반 현황``)."""
    tail = text[-80:]
    m = _PAGE_REF.search(tail)
    return text[: len(text) - len(tail) + m.start()] if m else text
_SUBSECTION = re.compile(r"^\s*(?P<no>\d{1,2})(?:\s*\.)?\s+(?P<title>\S(?:.*\S)?)\s*$")
_CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)}
_SESSION_DAYS = 90  # a council session (정례회 at most about 40 days, 임시회 a few) read as longer: its dates are misprinted
_AS_OF_DAYS_BEFORE = 200  # an as-of date further before its session than this is said (a June report's 5. 31. or February's 12. 31. are weeks before)
_TOC_NAME_PAGE = re.compile(r"(?:^|\s)\d{1,4}\s*$")  # a name cell of the contents that is a page, or ends in one
_TOC_LIST = re.compile(r"^\s*(?:[-·•]\s*(?P<no1>[①-⑳]|\d{1,2})|(?P<no2>[①-⑳]))[.)]?\s*(?P<name>\S.*?)(?:\s+(?P<page>[△,]?\d{1,3}))?\s*$")
_SEPARATOR = re.compile(r"^[\s\-–—=|:]*$")
_HEADING = re.compile(r"^\s*(?P<no>\d{1,2}|[①-⑳])(?:\s*[.)])?\s+(?P<name>\S(?:.*\S)?)\s*$")
_CLOSERS = re.escape(")）]］>〉›》】」")  # for character classes
# A statement of the unit wherever it stands: (단위: 천원), [단위: 원], (금액단위: 원), (단위 원),
# ‹단위: 백만원>, ※ 단위: 원, or after other words in one bracket: ('22. 10. 31. 기준, 단위: 백만원).
# 단위사업 (a unit project) is not one. The statement runs to the closing bracket or the line's end.
_UNIT_STATED = re.compile(
    r"(?:^|(?<=[\s(（\[［<〈‹《【「,，、]))(?:[※*]\s*)?(?:금\s*액\s*)?단\s*위(?!\s*사\s*업)\s*[:：]?\s*"
    rf"(?P<unit>[^\s{_CLOSERS},，][^{_CLOSERS}]*?)\s*(?=[{_CLOSERS}]|$)"
)
_BRACKETED = re.compile(rf"[(（\[［<〈‹《【「][^{_CLOSERS}]*[{_CLOSERS}]")
_OTHER_UNITS = frozenset({"%", "％", "퍼센트", "명", "개", "개소", "회", "건", "개월", "일"})
"""Units a money table's statement may name besides its money unit: ``(단위: 천원, %)``."""
_UNIT_CELL = re.compile(r"[(（]\s*(?P<unit>백만원|천원|만원|억원|원)\s*[)）]")
# The unit named as what the amounts are in: '* 금액: 백만원' (a money unit and nothing more).
_UNIT_AMOUNT = re.compile(rf"(?:^|(?<=[\s(（\[［,，]))(?:[※*]\s*)?금\s*액\s*[:：]\s*(?P<unit>백만원|천원|만원|억원|원)\s*(?=[{_CLOSERS}]|$)")


def _unit_statement(text: str) -> re.Match | None:
    """A paragraph's statement of the money unit: ``(단위: 천원)``, ``* 금액: 백만원``, or the unit
    alone in brackets when the line says nothing else (``(백만원)`` over a table, ``□ 예산현황
    (백만원)``); never a bracketed unit inside a sentence (``※ 국비 20(백만원) 교부 예정``)."""
    if "단" in text:
        m = _UNIT_STATED.search(text)
        if m:
            return m
    if "원" not in text:  # (every money unit ends in 원)
        return None
    m = _UNIT_AMOUNT.search(text) if "액" in text else None
    if m:
        return m
    m = _UNIT_CELL.search(text)
    if m and _HEADING_NUMBER.sub("", squash(text[: m.start()] + text[m.end():]).strip("□■○※*-·")) in _UNIT_MARKERS:
        return m
    return None


_UNIT_MARKERS = frozenset({"", "예산현황", "소요예산", "총사업비"})  # what a line stating a unit alone may also say
_HEADING_NUMBER = re.compile(r"^(?:\d{1,2}[.)]?|[①-⑳]|[가-하][.)])")  # '4 예 산 현 황 (천원)': the sub-heading's number
_BLOCK_MARKS = "□■◻◼"  # a program's block heading: □, or the square another font or converter draws
# An as-of date: (10. 31.기준), (2022. 10. 31. 현재), (9월 30일 기준), ('22. 10. 31. 기준).
_AS_OF = re.compile(  # never the tail of a longer number: '10. 3.1.기준' is no date, not 3월 1일
    r"(?<![\d.,△])(?<!\d\.\s)(?<!\d\.\s\s)(?:(?P<y>(?:19|20)\d{2})\s*[.년]\s*|(?P<q>[’'‘`])(?P<yy>\d{2})\s*[.년]?\s*|(?P<yy2>\d{2})\s*[.년]\s*(?=\d{1,2}\s*[.월]\s*\d{1,2}))?"
    r"(?P<m>\d{1,2})\s*[.월]\s*(?P<d>\d{1,2})\s*[.일]?\s*(?:\.\s*)?(?:기\s*준|현\s*재)"
)

_SESSION = re.compile(r"제\s*[\d,.△\s]{0,8}회.*?(?:정례회|임시회)")  # as written, whatever the number reads
# The session's dates: 2022. 11. 21. ~ 12. 21., or 2022년 11월 21일 ~ 12월 21일.
_DATES = re.compile(
    r"(?<![\d,.△])(?P<y1>\d{4})\s*[.년]\s*(?P<m1>\d{1,2})\s*[.월]\s*(?P<d1>\d{1,2})\s*[.일]?\s*(?:\([^)]{1,3}\)\s*)?[~～\-–]\s*"
    r"(?:(?P<y2>\d{4})\s*[.년]\s*)?(?P<m2>\d{1,2})\s*[.월]\s*(?P<d2>\d{1,2})(?![\d,]|\.\d|\.?\s*\d{1,2}\s*\.)(?:\s*[.일])?"
)
_DATE_RANGE = re.compile(r"\d.*[~～].*\d")  # a cover line that gives the session's dates, readable or not
# The report's year in its title: 2022년 주요업무 보고, 2022 주요업무 보고, 2022년도 주요업무 추진실적
# (…추진현황, …추진상황); never a contents entry of the plans (Ⅲ. 2023년 주요업무 추진계획).
_REPORT_YEAR = re.compile(r"(?<![\d,.])(?P<y>\d{4})\s*(?:년\s*)?(?:도\s*)?(?:행\s*정\s*사\s*무\s*감\s*사\s*및\s*)?주\s*요\s*업\s*무\s*(?:(?:추\s*진\s*(?:(?:실\s*적|현\s*황|상\s*황)\s*)?)?보\s*고|추\s*진\s*(?:실\s*적|현\s*황|상\s*황)|계\s*획(?:\s*보\s*고)?|추\s*진\s*계\s*획\s*보\s*고)")  # (not '2023년 주요업무 추진계획', part III's title)
_COVER_TITLE = re.compile(r"주\s*요\s*업\s*무\s*(?:보\s*고|계\s*획)|업\s*무\s*보\s*고")
_YEAR = re.compile(r"(?P<y>\d{4})\s*년")
_DEPT_LINE = re.compile(r"^\s*(?P<dept>[^-–\s](?:[^-–]*[^-–\s])?)\s*[-–]\s*(?:\(\s*)?(?P<n>\d+)\s*(?:\)\s*)?개\s*팀")
_TEAM_COUNT_LOOSE = re.compile(r"[-–]\s*\(\s*[^)]{0,6}\)\s*개\s*팀")
_DEPT_WORD = re.compile(r"(?:과|국|실|단|담당관|센터|사업소|본부)$")
_COVER_WORDS = {"year": "연도", "title": "제목", "session": "회기", "session_start": "회기 시작일", "session_end": "회기 종료일"}
_BUREAU = re.compile(r"(?:국|실|본부)$")  # over departments: a booklet's owner
_ITEM_PREFIX = re.compile(r"^\s*" + ITEM_START + r"\s*")
# A local government named on the cover: 제180회 강릉시의회, 영등포구청, 경기도의회, 서울특별시의회.
_COUNCIL = re.compile(r"(?<![가-힣])(?P<name>[가-힣]{1,10}?(?:특별자치시|특별자치도|특별시|광역시|도|시|군|구))\s*(?:의회|청)(?![가-힣])")
_AMOUNT_AFTER_LABEL = re.compile(r"\S\s+[△\-−]?(?!(?:19|20)\d{2}$)(?:\d{1,3}(?:,\d{3})+|\d+\.\d+|\d{3,})\s*$")  # '본예산 620.0', '제2회 추경 702.3': an amount run into its row's label
_AMOUNT_LIKE = re.compile(r"^\s*[△\-−]?\s*(?!(?:19|20)\d{2}(?![\d,.]))\d[\d,]*(?:\.\d+)?\s*(?:[(（]|$)")  # an amount (not a year) where a row label would be
_PART_ENTRY = re.compile(r"^\s*(?:[IVX]+|[Ⅰ-Ⅹ])\s*[.．]")  # a contents entry: 'I . 일반 현황'
_NOT_PLACES = frozenset({"현황", "소관", "순서", "목차", "보고", "계획", "실적", "일반", "추진", "업무"})  # ('미래전략국 소관' heads a booklet)
_COUNCIL_TYPE = re.compile(r"(?<![가-힣])(?P<type>구|시|군|도)\s*의회")
_BULLET_SPLIT = re.compile(r"(?:^|\s)[-•○ㆍ]\s+")
_TEAM_LINE = re.compile(r"^\S{2,20}(?:팀|반|담당)$")
_PARTNER_SCOPE = re.compile(r"^(?P<scope>국내|국외|해외)\s*(?:[(（]\s*(?:(?P<k>\d+)\s*개국\s*,?\s*)?(?P<n>\d+)\s*(?:개|개소|개도시|개시)?\s*[)）]|(?P<n2>\d+)\s*(?:개|개소|개도시|개시))?$")  # 국내(6개), 국내 6개, 국외(3개국 4개 도시)
_PARTNER_TOTAL = re.compile(r"^(?:계|합계|총계)\s*(?:[(（]\s*(?P<n>\d+)\s*(?:개|개소|개도시|개시)?\s*[)）])?$")  # '계 | 10개 도시', '계(10개)'
_PARTNER_TOTAL_CELL = re.compile(r"^(?:(?P<n>\d+)\s*(?:개|개소|개도시|개시))?$")
_YEAR_WORD = re.compile(r"[\d’']+년도?")
_NOTE_OR_ITEM = re.compile(r"[※*＊]|주\)|주:")  # a note under or over a table
_ACCOUNT = re.compile(r"(?P<account>[가-힣·]*(?:회계|기금))(?!전출|전입)")  # not 기금전출금 (a transfer to a fund)
_FULLWIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "，": ",", "．": ".", "\u3000": " ", "％": "%", "：": ":"})
_SPACED_THOUSANDS = re.compile(r"(?<![\d.])(\d{1,3})(?:,\s+|\s+,\s*)(?=\d{3}(?!\d))")


_SPACED_COMMA = re.compile(r"\d(?:,\s|\s+,)")


_SPACE_RUN = re.compile(r"[ \t]{2,}")
# Full-width digits and marks, and no-break, thin and zero-width spaces (a stray BOM): one search a text.
_UNUSUAL = re.compile("[\uff10-\uff19，．\u3000％：\u00a0\u00ad\u2000-\u200d\u202f\u205f\u2060\ufeff]")
_USUAL = {**_FULLWIDTH, **{c: " " for c in (0xA0, *range(0x2000, 0x200B), 0x202F, 0x205F)}, **{c: None for c in (0xAD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)}}


def norm(text: str) -> str:
    """Text with full-width digits, commas and colons made ASCII (NFKC for those only: circled
    numbers and Roman numerals keep their meaning), ``1, 307`` joined to ``1,307``, no-break and
    thin spaces made spaces and zero-width ones (a stray BOM, a soft hyphen too) removed, and runs of spaces made
    one (so no pattern meets a run of 100,000 spaces)."""
    if _UNUSUAL.search(text):  # a no-break or thin space is a space; a zero-width space or a stray BOM is nothing
        text = text.translate(_USUAL)
    if "  " in text or "\t" in text:
        text = _SPACE_RUN.sub(" ", text)
    if "," in text and _SPACED_COMMA.search(text):
        while _SPACED_THOUSANDS.search(text):
            text = _SPACED_THOUSANDS.sub(r"\1,", text)
    return text


class _Doc:
    """The blocks of one report, and what the interpreter read from each of them."""

    def __init__(self, blocks: list, source: str, layout: Layout, furniture=(), notices=()):
        self.blocks = list(blocks)  # (a table read turned is put in its place: the reader's list stays as read)
        self.source = source
        self.layout = layout
        self.furniture = list(furniture)
        self.notices = list(notices)  # what the reader could not read as printed (Notice), in this report
        self.table_at = [isinstance(b, Table) for b in blocks]
        self.text = ["" if tb else norm(b.text) for b, tb in zip(blocks, self.table_at)]
        self.sq = ["".join(t.split()) for t in self.text]  # squash(), inlined: one per block
        self.notes: dict[tuple, list[Decimal]] = {}  # (block,) or (block, row, col) -> values read
        self.whole: set[tuple] = set()  # paragraphs/cells read whole (labels, names, duties)
        self.figures: set[int] = set()  # paragraphs whose figures (N명, N회…) are counted
        self.claimed: set[int] = set()
        self.units_used: set[int] = set()  # paragraphs whose unit statement a table took
        actual, plan = _end_words(layout)
        self.ends: dict[str, set[int]] = {"actual": set(), "plan": set()}
        self.headings: dict[int, tuple[int, str]] = {}
        for i, text in enumerate(self.text):
            if not text:
                continue
            first = text[0]
            if first.isdigit() or "①" <= first <= "⑳":
                m = _HEADING.match(text)
                if m:
                    self.headings[i] = (_circled_or_int(m["no"]), m["name"])
            bare = self.sq[i].lstrip(_BLOCK_MARKS + "○-◦▪")
            if bare.startswith(actual):
                self.ends["actual"].add(i)
            if bare.startswith(plan):
                self.ends["plan"].add(i)
        self.team_index = None
        self.program_blocks: list[tuple[Program, int, int]] = []  # each program and its body's blocks
        self._heads = None
        self.full_stops: list[tuple] = []  # (loc, subject, name, amounts) printed in 천원 as '300.000' (_full_stop_thousands)
        self.unknown_heads: list[int] = []  # part headings (Ⅲ. …) whose title names no known part

    def __len__(self) -> int:
        return len(self.blocks)

    def loc(self, where) -> Loc:
        if isinstance(where, Loc):
            return where
        if where >= len(self.blocks):
            return self.blocks[-1].loc if self.blocks else Loc(line=1)
        return self.blocks[where].loc

    def end_of(self, i: int) -> Loc:
        """Where block ``i`` ends (a table: its last row), for 'end of file/section' errors."""
        if not self.blocks:
            return Loc(line=1)
        block = self.blocks[min(i, len(self.blocks) - 1)]
        if isinstance(block, Table) and block.cells:
            return max(block.cells, key=lambda c: (c.row, c.col)).loc
        return block.loc

    def error(self, where, expected: str, found: str | None = None) -> ReportError:
        loc = self.loc(where)
        return ReportError(self.source, loc.line, expected, found, loc)

    def is_table(self, i: int) -> bool:
        return i < len(self.table_at) and self.table_at[i]

    def note(self, key: tuple, *values: Decimal) -> None:
        """Record values read from a paragraph ``(i,)`` or a cell ``(i, row, col)``."""
        self.notes.setdefault(key, []).extend(values)

    def read_whole(self, key: tuple) -> None:
        self.whole.add(key)

    def claim(self, start: int, end: int | None = None) -> None:
        self.claimed.update(range(start, start + 1 if end is None else end))

    def next_nonblank(self, i: int, end: int) -> int:
        while i < end and not self.is_table(i) and not self.sq[i]:
            i += 1
        return i


@functools.lru_cache(maxsize=4)
def _end_words(layout: Layout) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words that end a program: its 예산현황 (this year), its 소요예산 (next year's plan)."""
    return tuple(layout.words("markers", "program_budget")), tuple(layout.words("markers", "plan_budget"))


def _grid_text(table: Table) -> list[list[str]]:
    """The table's text grid, normalised (:func:`norm`); made once per table."""
    cached = table.__dict__.get("_norm_texts")
    if cached is None:
        cached = table.__dict__["_norm_texts"] = [[norm(t) for t in row] for row in table.texts()]
    return cached


def _cell_at(table: Table, r: int, c: int):
    at = table.__dict__.get("_cell_index")
    if at is None:
        at = table.__dict__["_cell_index"] = {(cell.row, cell.col): cell for cell in table.cells}
    return at.get((r, c))


def _row_width(table: Table, r: int) -> int:
    """Positions of row ``r`` covered by a cell (its own or one spanning into it)."""
    return len(table.grid()[r]) - table.grid()[r].count(None)


def _cell_loc(table: Table, r: int, c: int) -> Loc:
    cell = _cell_at(table, r, c)
    return cell.loc if cell is not None else table.loc.at(row=r + 1, col=c + 1)


def parse_report(text: str, source: str = "<text>", *, source_sha256: str | None = None) -> ParsedReport:
    """Parse the text of one 주요업무 보고 (tab-separated, Markdown or HTML, by content).

    Returns the first report of the text; :func:`parse_reports` returns every report of a
    booklet.

    Raises
    ------
    ReportError
        If the text is not a readable report: names the line and what was expected.
    """
    return parse_reports(text, source, source_sha256=source_sha256)[0]


def parse_reports(text: str, source: str = "<text>", *, source_sha256: str | None = None) -> list[ParsedReport]:
    """Every report of a text (a 국's booklet holds several)."""
    from analysis.read.text import read_string

    sha = source_sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
    return interpret_document(read_string(text, source), source_sha256=sha)


def interpret_document(document: Document, *, source_sha256: str | None = None) -> list[ParsedReport]:
    """The reports of a Document, one per department (a booklet holds several).

    Parameters
    ----------
    document : Document
        What a reader made of the file (:mod:`analysis.read`).
    source_sha256 : str, optional
        Hash of the raw bytes, for ``reports.source_sha256``.

    Returns
    -------
    list[ParsedReport]
        Records with exact values and their locations, plus interpretation findings.

    Raises
    ------
    ReportError
        If the document is not a readable report: names the location and what was expected.
    """
    layout = load_layout()
    whole = _Doc(document.blocks, document.source, layout, (), document.notices)
    spans = _split_reports(whole)
    reports = []
    notices = _notices_by_report(document, spans)
    for (start, end), own in zip(spans, notices):
        doc = whole if len(spans) == 1 else _Doc(document.blocks[start:end], document.source, layout, document.furniture if start == 0 else (), own)
        try:
            report = _interpret(doc, reports[-1].meta if reports else None)
        except ReportError as exc:
            damaged = [n for n in document.notices if n.check == "damaged_page"]
            if damaged:  # what the refusal found missing may be what the damage lost
                exc.found = f"{exc.found}; " + "; ".join(f"{n.loc} of this PDF is damaged ({n.actual})" for n in damaged) + ": what is missing may have been lost there; print it to PDF again"
            unplaced = [n for n in document.notices if n.check == "layout_row"]
            if unplaced:  # what the refusal found missing may stand in a row the layout reader could not place
                exc.found = (f"{exc.found}; " + "; ".join(f"{n.loc} was not read ({n.actual})" for n in unplaced[:3])
                             + (f" and {len(unplaced) - 3} more lines" if len(unplaced) > 3 else "")
                             + ": set each cell under its column's header, two or more spaces from the next")
            if document.source_format == "layout":  # (analysis.read.layout)
                exc.found = (f"{exc.found}; this is a PDF's text extraction with its columns kept by spaces (pdftotext -layout), "
                             "whose spacing may have been lost where the PDF set text close ('4예산현황', cells one space apart): give the PDF itself, "
                             "whose tables are read by their borders")
            if exc.found and UNMAPPED in exc.found:
                exc.found = (f"{exc.found}; {UNMAPPED} is a glyph of the PDF that maps to no character (its font has no ToUnicode entry for it): "
                             "print it to PDF again with another PDF printer, or ask for the HWP or HWPX")
            elif document.source_format == "pdf" and not any(isinstance(b, Table) for b in document.blocks):
                # (the tables of a PDF are found by their ruling lines: none drawn, none found)
                exc.found = f"{exc.found}; this PDF has no ruled table (the PDF reader finds a table by its cell borders): ask for the HWP or HWPX, or a PDF printed with the tables' borders"
            elif (document.source_format in ("text", "markdown") and not any(isinstance(b, Table) for b in document.blocks)
                  and any("주요업무" in text for text in whole.sq)):  # a report's words, its tables gone
                # (a PDF's text extraction, pdftotext and the like, keeps no table: columns become lines)
                exc.found = (f"{exc.found}; this text has no table (tab-separated rows, Markdown pipes, HTML <table> or columns kept by spaces), "
                             "as a PDF's text extraction without its layout (pdftotext, pdftotext -raw) has none: extract it again with "
                             "'pdftotext -layout' (which keeps each table row on a line, its cells apart by spaces), or give the PDF, HWP or HWPX itself")
            raise
        report.meta["source_format"] = document.source_format
        report.meta["source_sha256"] = source_sha256 or ""
        reports.append(report)
    ids = Counter(r.report_id for r in reports)
    for rid, n in ids.items():
        if n > 1:  # named at the second one's first block
            second = [start for (start, _), r in zip(spans, reports) if r.report_id == rid][1]
            loc = document.blocks[second].loc if document.blocks else None
            raise ReportError(document.source, loc.line if loc is not None and loc.line is not None else 1,
                              f"one report per department and year in a booklet ({rid})", f"{n} of them", loc)
    return reports


def report_key(meta: dict) -> str:
    """A report's id: ``<district>_<department>_<year>`` (``영등포구_비전협력과_2022``), and
    ``_계획`` after it for a report of its own year's plans (plan_year = year: February's
    ``영등포구_비전협력과_2024_계획``, given at the year's first session with last year's results),
    so that it and the same year's later report (that year's results, next year's plans) are two
    reports, not one twice. Made from the report alone: an id does not change with the files
    built beside it."""
    key = "_".join(str(p) for p in (meta["district"] or "미상", meta["department"] or "미상", meta["year"]))
    return f"{key}_{PLAN_REPORT}" if meta.get("plan_year") is not None and meta["plan_year"] == meta["year"] else key


def _loc_order(loc: Loc) -> tuple[int, ...]:
    return (loc.page or 0, loc.section or 0, loc.paragraph or 0, loc.line or 0, loc.table or 0, loc.row or 0)


def _notices_by_report(document: Document, spans: list[tuple[int, int]]) -> list[list]:
    """The reader's notices of each report of a booklet: each to the report whose first block
    comes before it (by page, section, paragraph or line)."""
    out: list[list] = [[] for _ in spans]
    if len(spans) == 1:
        out[0] = list(document.notices)
        return out
    starts = [_loc_order(document.blocks[start].loc) for start, _ in spans]
    for notice in document.notices:
        where = _loc_order(notice.loc)
        out[max((k for k, s in enumerate(starts) if s <= where), default=0)].append(notice)
    return out


# --- one report or several ------------------------------------------------------------------


def _section_heads(doc: _Doc) -> list[tuple[int, str, str, int]]:
    """(block, kind, title, roman) of every part heading (I. 일반현황, II. …), in order; found
    once per document (splitting a booklet and finding the parts both ask)."""
    if doc._heads is not None:
        return doc._heads
    found, unknown = [], []
    for i, text in enumerate(doc.text):
        if not text:  # a table's text is "" too
            continue
        m = _SECTION.match(text)
        if not m or _PAGE_REF.search(text[-80:]):
            continue
        kind = doc.layout.contains("sections", m["title"])
        if kind is not None:
            found.append((i, kind, _without_page_ref(m["title"]).strip(), ROMAN[m["roman"]]))
        elif _PART_HEADING.match(text):
            unknown.append(i)
    doc._heads, doc.unknown_heads = found, unknown
    return found


def _split_reports(doc: _Doc) -> list[tuple[int, int]]:
    """Block ranges of the reports in a document: a new report starts at the cover before an
    'I. 일반현황' that follows another report's parts (with a department's name alone right
    before its cover, as a booklet's department page has it)."""
    heads = _section_heads(doc)
    starts = [0]
    seen_results = False
    for i, kind, _, _ in heads:
        if kind == "general" and seen_results:
            last_end = max((k for k in doc.ends["actual"] | doc.ends["plan"] if starts[-1] <= k < i), default=starts[-1])
            cover = next((k for k in range(last_end + 1, i) if _is_cover_marker(doc, k)), None)
            if cover is None:  # a department's name alone before its part I (a booklet without 보고 순서) starts it
                k = i - 1
                while k > last_end and not doc.text[k] and not doc.is_table(k):
                    k -= 1
                cover = k if k > last_end and doc.text[k] and _is_department_line(doc.text[k]) else None
            if cover is None:  # no cover: not a second report but a repeated part (an error later)
                continue
            # A booklet's department page may name the department alone before its 보고 순서:
            # the lines right before the cover that are such a name belong to it (a note after
            # the last report's content stays that report's).
            while cover - 1 > last_end and (not doc.text[cover - 1] and not doc.is_table(cover - 1) or _is_department_line(doc.text[cover - 1])):
                cover -= 1
            starts.append(cover)
            seen_results = False
        elif kind == "results":
            seen_results = True
    return [(s, starts[n + 1] if n + 1 < len(starts) else len(doc)) for n, s in enumerate(starts)]


def _is_department_line(text: str) -> bool:
    """A line that names a department alone (``미래 전략과``, ``복지정책국``)."""
    word = squash(text)
    return len(word) > 2 and _names_department(word)


def _names_department(word: str) -> bool:
    """Whether a squashed cover line could be a department's name: short, no digit, ending in
    과, 국, 실, 담당관… (``_DEPT_WORD``)."""
    return len(word) <= 20 and bool(_DEPT_WORD.search(word)) and not re.search(r"\d", word)


def _is_cover_marker(doc: _Doc, i: int) -> bool:
    text = doc.text[i]
    return bool(text) and (bool(_SESSION.search(text)) or (bool(_COVER_TITLE.search(text)) and "추진" not in doc.sq[i]) or doc.sq[i] in doc.layout.words("markers", "report_order"))


def _interpret(doc: _Doc, inherit: dict | None = None) -> ParsedReport:
    sections = _find_sections(doc)
    cover_end = min(start for start, _, _ in sections.values())
    doc.claim(0, cover_end)  # cover and report order: read for the metadata
    for start, _, _ in sections.values():
        doc.claim(start)
    meta, findings = _parse_cover(doc, cover_end, inherit)
    for i in doc.unknown_heads:
        loc = doc.loc(i)
        findings.append(Finding(
            "part_unknown", "warning", str(loc), "a part of the report (" + ", ".join(w[0] for w in doc.layout.raw["sections"].values()) + ")",
            doc.text[i].strip(), f"부분 제목 {doc.text[i].strip()!r}({loc.korean()})이 어느 부분(일반현황·추진실적·추진계획)인지 알 수 없어 그 내용을 읽지 않았습니다", loc,
        ))

    g_start, g_end, _ = sections["general"]
    subs = _find_subsections(doc, g_start + 1, g_end)
    if "budget" not in subs:
        raise doc.error(doc.end_of(g_end - 1 if g_end > g_start + 1 else g_start), "a '예산현황' sub-heading in section I. 일반현황", "none")
    for kind in ("organization", "staffing", "budget", "facilities"):
        if kind in subs:
            doc.claim(*subs[kind])
    for kind, word, table in (("organization", "조직", "팀과 업무"), ("staffing", "인력현황", "정원·현원")):
        if kind not in subs:
            loc = doc.loc(g_start)
            findings.append(Finding(
                "subsection_missing", "warning", kind, f"a '{word}' sub-heading in section I ('1 {word}')", "none",
                f"일반현황({loc.korean()})에서 '{word}' 항목 제목을 찾지 못해 {table} 표를 읽지 않았습니다", loc,
            ))
    teams, declared, dept_from_org = _parse_organization(doc, *subs["organization"], findings=findings) if "organization" in subs else ([], None, None)
    if dept_from_org and meta["department"] != dept_from_org:
        if not meta["department"] or _BUREAU.search(meta["department"]):  # none, or a booklet's 국: the 조직 line's
            meta["department"] = dept_from_org
        else:  # the cover's name stays, and the difference is said
            loc = declared[1] if declared else doc.loc(0)
            findings.append(Finding(
                "department", "warning", "reports", meta["department"], dept_from_org,
                f"표지의 부서 '{meta['department']}'와 조직 표의 부서 '{dept_from_org}'({loc.korean()})가 다릅니다", loc,
            ))
    staffing, staffing_totals = _parse_staffing(doc, *subs["staffing"], findings=findings) if "staffing" in subs else ([], {})
    facilities = _parse_facilities(doc, *subs["facilities"], findings=findings) if "facilities" in subs else []
    r_start, r_end, r_title = sections.get("results", (0, 0, ""))
    m = _YEAR.match(r_title.strip())  # '2022년 주요업무 추진실적', not '주요업무 추진실적 (2021년 이월사업 포함)'
    results_year = int(m["y"]) if m else meta["year"]  # (a February report's: its budget columns of last year too)
    units, totals, unit_word, as_of = _parse_budget_units(doc, *subs["budget"], year=meta["year"], findings=findings, columns_year=results_year)
    meta["money_unit"] = unit_word
    meta["as_of"] = as_of
    if as_of is None:
        start = doc.loc(subs["budget"][0])
        findings.append(Finding(
            "as_of", "warning", f"{start}", "an as-of date (10. 31. 기준)", "none",
            f"예산현황({start.korean()})에서 기준일을 찾지 못했습니다: 집행률을 그날의 경과율과 비교할 수 없습니다", start,
        ))

    team_duties = _team_duties(teams)
    doc.team_index = _team_index(team_duties) if team_duties else None
    if "results" not in sections:  # plans alone: no results, no results year of their own
        findings.append(Finding("plans_only", "info", "sections", "II. 주요업무 추진실적", "none",
                                "추진실적 부분이 없는 계획 보고입니다: 사업은 계획만 있습니다", doc.loc(sections["plans"][0])))
    if results_year != meta["year"]:  # a report given early in the year: 'Ⅱ. 2022년 주요업무 추진실적' in 2023's report
        loc = doc.loc(r_start)
        findings.append(Finding(
            "results_year", "warning" if results_year not in (meta["year"] - 1,) else "info", r_title.strip(), str(meta["year"]), str(results_year),
            f"추진실적 부분 {r_title.strip()!r}의 연도가 보고 연도 {meta['year']}년과 달라 실적(사업·참여 수치)의 연도를 {results_year}년으로 적습니다", loc,
        ))
    start, end_ = meta.get("session_start"), meta.get("session_end")
    after_session = as_of is not None and (as_of > end_ if end_ is not None else as_of.month == 12)  # (no session dates: December is after a report of last year's results)
    if after_session and results_year == meta["year"] - 1 and as_of.year == meta["year"]:
        # '12월말 기준' (no year) in February's report of last year's results: last year's December
        earlier = as_of.replace(year=as_of.year - 1, day=min(as_of.day, 28) if as_of.month == 2 else as_of.day)
        loc = doc.loc(subs["budget"][0])
        findings.append(Finding(
            "as_of", "info", str(loc), f"an as-of date before the session's end ({end_})", str(as_of),
            f"예산현황의 기준일 {as_of}이 " + (f"회기({start}~{end_})보다 뒤이고" if end_ is not None else "보고 연도의 12월이고") + f" 실적이 {results_year}년의 것이어서 기준일을 {earlier}로 읽습니다", loc,
        ))
        meta["as_of"] = earlier
    elif after_session and end_ is not None:  # a report is printed before its session: a misprint
        loc = doc.loc(subs["budget"][0])
        findings.append(Finding(
            "as_of", "warning", str(loc), f"an as-of date before the session's end ({end_})", str(as_of),
            f"예산현황의 기준일 {as_of}이 회기({start}~{end_})가 끝난 뒤입니다: 잘못 인쇄된 날짜라면 집행률과 비교하는 경과율도 틀립니다", loc,
        ))
    elif as_of is not None and ((last_year := "results" in sections and as_of.year < results_year)
                                or start is not None and (start - as_of).days > _AS_OF_DAYS_BEFORE):
        # '2021. 10. 31. 기준' in 2022's report (last year's date left in), or one far before the session
        loc = doc.loc(subs["budget"][0])
        findings.append(Finding(
            "as_of", "warning", str(loc), f"an as-of date of the results' year ({results_year}), not long before the session", str(as_of),
            f"예산현황의 기준일 {as_of}이 " + (f"실적 연도 {results_year}년보다 앞섭니다" if last_year else f"회기 시작({start})보다 {(start - as_of).days}일 앞섭니다")
            + ": 지난 보고서의 날짜가 남은 것이라면 집행률과 비교하는 경과율이 틀립니다", loc,
        ))
    programs = _parse_programs(doc, r_start + 1, r_end, "actual", results_year, unit_word, team_duties, findings) if "results" in sections else []
    if "plans" in sections:
        p_start, p_end, p_title = sections["plans"]
        m = _YEAR.search(p_title)
        meta["plan_year"] = int(m["y"]) if m else meta["year"] + 1
        if meta["plan_year"] not in (meta["year"], meta["year"] + 1):
            loc = doc.loc(p_start)
            findings.append(Finding(
                "plan_year", "warning", p_title.strip(), f"{meta['year']} or {meta['year'] + 1}", str(meta["plan_year"]),
                f"계획 부분 {p_title.strip()!r}의 연도 {meta['plan_year']}년이 보고 연도 {meta['year']}년과 맞지 않습니다: 표지의 연도를 확인하세요", loc,
            ))
        plans = _parse_programs(doc, p_start + 1, p_end, "plan", meta["plan_year"], unit_word, team_duties, findings)
        if not plans:
            last = doc.next_nonblank(p_start + 1, p_end)
            raise doc.error(doc.end_of(min(last, p_end - 1)), f"the programs of '{p_title}' ({doc.loc(p_start).short()})", "end of file" if last >= p_end else quoted(doc.text[last] or "a table"))
        programs += plans
    else:
        meta["plan_year"] = meta["year"] + 1

    partners = _parse_partner_cities(doc, findings)
    metrics = _parse_metrics(doc, findings)
    for p in programs:
        if len(p.budget_rows) > 1:
            findings.append(_budget_rows_finding(p, doc.layout))

    for loc, subject, name, odd in doc.full_stops:
        shown = ", ".join(dict.fromkeys(format_number(v) for v in odd))
        findings.append(Finding(
            "amount_decimals", "warning", subject, "천원 단위의 정수 금액", shown,
            f"{name}: 천원 단위 금액 {shown}이 마침표 뒤 세 자리로 인쇄되어 있습니다. 마침표가 천 단위 구분이라면({format_number(odd[0])} → {format_number((odd[0] * 1000).quantize(Decimal(1)))}) 1,000배 작게 읽혔습니다", loc,
        ))
    findings += _unplaced_units(doc)
    findings += [Finding(n.check, n.severity, str(n.loc), n.expected, n.actual, n.message, n.loc) for n in doc.notices]
    findings += lookalike_findings([(block.loc, doc.text[i]) if not doc.table_at[i] else (cell.loc, cell.text)
                                    for i, block in enumerate(doc.blocks) for cell in (block.cells if doc.table_at[i] else (None,))])
    findings += _reading_coverage(doc)
    if not meta["district"]:
        findings.append(Finding("district", "warning", "reports", "a local government named on the cover (○○구의회, ○○시청…)", "none", "표지에 지방자치단체 이름(○○구의회, ○○시청 등)이 없어 '미상'으로 둡니다", doc.loc(0)))
    meta["source_file"] = doc.source
    meta["report_id"] = report_key(meta)
    return ParsedReport(
        meta=meta,
        teams=teams,
        declared_team_count=declared,
        staffing=staffing,
        staffing_totals=staffing_totals,
        budget_units=units,
        budget_total=next(iter(totals.values()), None),
        budget_totals=totals,
        programs=programs,
        partner_cities=partners,
        metrics=metrics,
        facilities=facilities,
        findings=findings,
    )


# --- coverage: every number of the document read or listed ------------------------------------


_NUMBER_TOKEN = re.compile(r"(?<!\d)(?<!\d\.)(?:△\s*)?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d,])(?<!\d\.)(?:△\s*)?\d+(?:\.\d+)?")
_SIGNS = "-−－+＋"  # a sign that starts a word ('-2', '+2' in a 과부족 cell; not the '-' of 2022-10) is the number's


_HAS_DIGIT = re.compile(r"\d")
_PAREN_GROUP = re.compile(r"\([^()]*\)")


def _tokens(text: str) -> list[tuple[str, Decimal]]:
    out = []
    signed = text[:1] in _SIGNS and text[1:2].isdigit()  # '-2', '+2': the cell's first number carries its sign
    for token in _NUMBER_TOKEN.findall(text):
        if signed:
            token, signed = text[0] + token, False
        try:
            out.append((token, parse_number(token.replace(" ", ""))))
        except NumberError:  # more digits than an amount may have: counted, never matched
            out.append((token, None))
    return out


def _reading_coverage(doc: _Doc) -> list[Finding]:
    """How much of the report was read. Counted: every number in every table cell of the
    document, every number of a paragraph the interpreter took values from, and every figure
    (N명, N회…) in a program's results. Each is matched with a value read from that cell or
    paragraph; one left over is a ``coverage`` warning with its location. Runs of blocks no part
    of the interpreter claimed are ``unread_lines`` findings."""
    out = []
    total = read = 0
    figures = (_figure_token_pattern(doc.layout, False), _figure_token_pattern(doc.layout, True))
    unknown = _unknown_figure_pattern(doc.layout)
    money = _money_amount_pattern(doc.layout)
    elsewhere: list[Finding] = []  # figures of paragraphs that are no results (_figures_elsewhere)

    def count(key: tuple, loc: Loc, tokens) -> None:
        nonlocal total, read
        if not tokens:
            return
        got = list(doc.notes.get(key, ()))
        whole = key in doc.whole
        for token, value in tokens:
            total += 1
            if whole:
                read += 1
            elif value is not None and value in got:
                got.remove(value)
                read += 1
            else:
                where = "표의 숫자" if loc.table is not None or loc.row is not None else "문단의 숫자"
                out.append(Finding("coverage", "warning", str(loc), token, "not read", f"{where} {token}({loc.korean()}){particle(token, '을', '를')} 어느 표에도 읽지 못했습니다", loc))

    for i, block in enumerate(doc.blocks):
        if isinstance(block, Table):
            texts = _grid_text(block)
            for cell in block.cells:
                text = texts[cell.row][cell.col]
                if _HAS_DIGIT.search(text):
                    count((i, cell.row, cell.col), cell.loc, _tokens(text))
        elif i in doc.figures:
            tokens = []
            text = doc.text[i]
            spans = []
            found = _figure_matches(text, figures)
            bare_at = set()
            for b, _ in _bare_counts(text, {m.start() for m in found}) + _bare_after(text, found):  # the 38 of '38/40명', the 50 of '(남 50, 여 70명)', the 42 of '135개(금 42, 은 38, 동 55)': counts too
                tokens.append((b.group(1), Decimal(b.group(1).replace(",", ""))))
                bare_at.add(b.start(1))
            if "(" in text or "（" in text:  # a bracket of labelled numbers after no figure ('강좌 12개 운영(청소년 150, 성인 200)'): counts of no known unit, never read, named
                for bracket in _LABELLED_BRACKET.finditer(text):
                    tokens += [(b.group(1), None) for b in _LABELLED_ITEM.finditer(text, bracket.start(1), bracket.end(1)) if b.start(1) not in bare_at]
            for m in found:
                count_ = korean_count(m["num"])
                tokens.append((m.group(0).strip(), Decimal(count_) if count_ is not None and count_ < 10**18 else None))
                spans.append(m.span())
            for m in unknown.finditer(text):  # a count of a counter word not known: never read, named
                if not any(s <= m.start() < e for s, e in spans) and not _after_ordinal(text, m.start()):
                    tokens.append((m.group(0), None))
            count((i,), block.loc, tokens)
        elif (i,) in doc.notes or (i,) in doc.whole:
            count((i,), block.loc, _tokens(doc.text[i]))
        else:
            text = doc.text[i]
            if "원" in text and money.search(text):  # an amount of money in a paragraph nothing read ('□ 소요예산' inside part II): named
                count((i,), block.loc, _tokens(text))
            if _HAS_DIGIT.search(text) and not _SUBSECTION.match(text):  # (a numbered heading, '2 인 력', has no figure)
                found = sorted([*_figure_matches(text, figures), *(_PERCENT_TOKEN.finditer(text) if "%" in text else ())], key=lambda m: m.start())
                if found:  # (a share, '퇴사율 17.2%' under 문제점 및 대책, had been in no table and no finding)
                    elsewhere.append(_figures_elsewhere([m.group(0).strip() for m in found], block.loc))
    for notice in doc.notices:  # numbers the reader could not read (an equation's): unread, named
        count(("notice",), notice.loc, [(token, None) for token in notice.numbers])
    share = f"{read * 100 / total:.1f}%" if total else "-"
    out.append(Finding("coverage", "info", "numbers in tables", str(total), str(read), f"표와 값을 읽은 문단의 숫자 {total}개 중 {read}개를 읽었습니다 ({share})", None))
    out += elsewhere
    run: list[int] = []
    for i in range(len(doc.blocks) + 1):
        unread = i < len(doc.blocks) and i not in doc.claimed and (doc.sq[i] or doc.is_table(i))
        if unread:
            run.append(i)
        elif run:
            first = doc.text[run[0]] or "(표)"
            a, b = doc.loc(run[0]), doc.loc(run[-1])
            span = f"lines {a.line}-{b.line}" if a.line is not None and b.line is not None else f"{a} - {b}"
            out.append(Finding(
                "unread_lines", "info", span, "a part of the report", "not read",
                f"읽지 않은 부분 {len(run)}개 블록({a.korean()}부터): {first[:60]!r}", a,
            ))
            run = []
    return out


def _figure_matches(text: str, figures) -> list[re.Match]:
    """The figures of a paragraph as a person reads them (``figures``: :func:`_figure_token_pattern`
    without and with Korean counts), less ordinals (``제15회``: which edition, no count)."""
    return [m for m in figures[_KOREAN_COUNT.search(text) is not None].finditer(text) if not _after_ordinal(text, m.start())]


_PERCENT_TOKEN = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*(?:\.\d+)?\s*%p?")  # a share or a change of one: '17.2%', '3.5%p'


def _figures_elsewhere(tokens: list[str], loc: Loc) -> Finding:
    """The figures (N명, N회, N개소…, and shares: N%) of a paragraph no value was read from and that is no result:
    a plan's targets (part III), a program's overview (``대상: 구민 500명``), a line between
    programs (``전체 참여 인원 5,000명``). They are not participation results and are not in the
    coverage share, but each such paragraph is an ``info`` finding at its place, so that no
    figure of the report is dropped unsaid."""
    said = ", ".join(tokens)
    return Finding(
        "figures_elsewhere", "info", "figures outside the results", "figures in a program's 주요 추진실적", said,
        f"주요 추진실적 밖의 수치 {said}{particle(tokens[-1], '은', '는')} 실적으로 읽지 않았습니다 (계획·사업 개요 등)", loc,
    )


# --- sections -------------------------------------------------------------------------------


def _find_sections(doc: _Doc) -> dict[str, tuple[int, int, str]]:
    """Locate parts I-III by their Roman-numeral headings; returns kind -> (start, end, title)."""
    found = []
    for i, kind, title, roman in _section_heads(doc):
        for j, k, _, _ in found:
            if k == kind:
                raise doc.error(i, f"one section {_roman_of(roman)}. {title}", f"a second one (the first is at {doc.loc(j).short()})")
        found.append((i, kind, title, roman))
    listed = _listed_sections(doc, found[0][0] if found else len(doc))
    kinds = [k for _, k, _, _ in found]
    for where, kind, title in listed:
        if kind not in kinds:
            raise doc.error(doc.end_of(len(doc) - 1), f"section '{title}' (listed in the report order at {where.short()})", "end of file before it")
    if not found:
        raise doc.error(0, "a 주요업무 보고 with sections 'I. 일반현황' and 'II. 주요업무 추진실적'", "no such section heading")
    for kind, label in (("general", "I. 일반현황"), ("results", "II. 주요업무 추진실적")):
        if kind == "results" and "plans" in kinds:
            continue  # a report of plans alone ('2024년 주요업무 계획': Ⅱ. 2024년 주요업무 추진계획)
        if kind not in kinds:
            raise doc.error(doc.end_of(len(doc) - 1), f"section '{label}'", "end of file before it")
    sections = {}
    for n, (i, kind, title, _) in enumerate(found):
        end = found[n + 1][0] if n + 1 < len(found) else len(doc)
        sections[kind] = (i, end, title)
    return sections


def _roman_of(n: int) -> str:
    return {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V"}[n]


def _listed_sections(doc: _Doc, end: int) -> list[tuple[Loc, str, str]]:
    """Entries of the 보고 순서 (report order) before the first part: paragraphs ending in a page
    reference, or rows of a table whose first cell names a part. Their page numbers are read."""
    out = []
    for i in range(end):
        block = doc.blocks[i]
        if isinstance(block, Table):
            texts = _grid_text(block)
            for r, row in enumerate(texts):
                m = _SECTION.match(row[0]) if row else None
                kind = doc.layout.contains("sections", m["title"]) if m else None
                if kind:
                    out.append((_cell_loc(block, r, 0), kind, row[0].strip()))
                    for c in range(len(row)):
                        doc.read_whole((i, r, c))
        elif doc.text[i]:
            m = _SECTION.match(doc.text[i])
            if m and _PAGE_REF.search(doc.text[i][-80:]):
                kind = doc.layout.contains("sections", _without_page_ref(m["title"]))
                if kind:
                    out.append((block.loc, kind, _without_page_ref(doc.text[i]).strip()))
                    doc.read_whole((i,))
    return out


# An entry of a contents list printed on the cover's page ('Ⅱ. 2023년 주요업무 추진실적 ····· 3',
# 'II . 일반 현황 ···1'): its dots led to a page number. Its words are no title: with the title's
# line lost, '2023년 주요업무 추진실적' had been taken for the report's title.
_CONTENTS_ENTRY = re.compile(r"(?:[·.…‥ㆍ∙]\s*){3,}\s*[-–]?\s*\d{1,3}\s*[-–]?\s*$")


def _cover_lines(doc: _Doc, end: int) -> list[tuple[str, Loc]]:
    lines = []
    for i in range(end):
        block = doc.blocks[i]
        if isinstance(block, Table):
            for cell in sorted(block.cells, key=lambda c: (c.row, c.col)):
                lines += [(norm(p.text).strip(), p.loc) for p in cell.paragraphs]
        else:
            lines.append((doc.text[i].strip(), block.loc))
    return lines


def _parse_cover(doc: _Doc, end: int, inherit: dict | None = None) -> tuple[dict, list[Finding]]:
    """The cover's metadata and what it leaves to say (dates or a year that do not read, what
    was inherited); ``inherit`` is the booklet's report before this one, whose cover a
    department without one of its own (its name alone on its first page) falls under."""
    lines = [(t, loc) for t, loc in _cover_lines(doc, end) if not _CONTENTS_ENTRY.search(t)]  # (the contents list on the cover's page names no title)
    cover = [t for t, _ in lines]
    locs = [loc for _, loc in lines] or [doc.loc(0)]
    text = "\n".join(cover)
    meta = {"district": "", "department": "", "year": None, "title": "", "session": "", "session_start": None, "session_end": None}
    m = _SESSION.search(text)
    if m:
        session = m.group(0) + (")" if text[m.end():m.end() + 1] == ")" and m.group(0).count("(") > m.group(0).count(")") else "")  # '○○구의회(제2차 정례회)'
        meta["session"] = re.sub(r"\s+", " ", session)
    m = _DATES.search(text)
    findings: list[Finding] = []
    if m is None and (bad := next((n for n, line in enumerate(cover) if _DATE_RANGE.search(line) and ("." in line or "월" in line)), None)) is not None:
        findings.append(Finding(
            "session_dates", "warning", "session", "the session's dates (2022. 11. 21. ~ 12. 21.)", cover[bad],
            f"표지의 회기 날짜 {cover[bad]!r}({locs[bad].korean()})를 날짜로 읽을 수 없어 회기 시작·끝 날짜를 비워 두었습니다", locs[bad],
        ))
    elif m is None and meta["session"]:  # a session named without its dates (a line lost, or never printed): said, not left blank in silence
        loc = locs[text.count("\n", 0, text.find(meta["session"]))] if meta["session"] in text else locs[0]
        findings.append(Finding(
            "session_dates", "info", "session", "the session's dates under its name (2022. 11. 21. ~ 12. 21.)", "none",
            f"표지에 회기 {meta['session']!r}의 날짜가 없어 회기 시작·끝 날짜를 비워 둡니다: 예산현황 기준일을 회기와 맞춰 보는 검사를 하지 못합니다", loc,
        ))
    if m:
        loc = locs[text.count("\n", 0, m.start())]
        y1 = int(m["y1"])
        start = _date(doc, loc, y1, m["m1"], m["d1"], "a session start date")
        y2 = int(m["y2"]) if m["y2"] else (y1 if int(m["m2"]) >= int(m["m1"]) else y1 + 1)
        meta["session_start"], meta["session_end"] = start, _date(doc, loc, y2, m["m2"], m["d2"], "a session end date")
        if not 0 <= (meta["session_end"] - start).days <= _SESSION_DAYS:  # '9. 5. ~ 7. 14.' (a digit changed) read as ten months, into next year
            findings.append(Finding(
                "session_dates", "warning", "session", f"a session of at most {_SESSION_DAYS} days", f"{start} ~ {meta['session_end']}",
                f"표지의 회기 {m.group(0).strip()!r}({loc.korean()})가 {start}부터 {meta['session_end']}까지 {(meta['session_end'] - start).days + 1}일로 읽힙니다(끝이 시작보다 앞서면 0일 이하). 날짜가 잘못 적혔는지 확인하세요", loc,
            ))
    said = _REPORT_YEAR.search(text)  # (its line is the title, below)
    if said:
        meta["year"] = int(said["y"])
        if not 1945 <= meta["year"] <= 2200:
            raise doc.error(locs[text.count("\n", 0, said.start())], "a report year like 2022", said["y"])
    elif meta["session_start"]:  # the title names no year ('주요업무 보고'): the session's
        meta["year"] = meta["session_start"].year
        title = next(((line, loc) for line, loc in zip(cover, locs) if _COVER_TITLE.search(line) and re.search(r"\d[\d,.]*\s*년", line)), None)
        if title is not None:  # a year written there that does not read ('20,22년 주요업무 보고')
            findings.append(Finding(
                "cover_year", "warning", "reports", "a report year like '2022년' in the title", title[0],
                f"표지 제목 {title[0]!r}({title[1].korean()})의 연도를 읽을 수 없어 회기 날짜의 연도 {meta['year']}년을 씁니다", title[1],
            ))
    elif inherit is None:
        raise doc.error(0, "the report year on the cover (e.g. '2022년 주요업무 보고')", "none before the first section")
    # the title as printed ('2023년 주요업무 추진상황 보고'), quoted as the source of every figure
    # (the line that gave the year; else one that names the kind of report)
    meta["title"] = (" ".join(" ".join(cover[text.count("\n", 0, said.start()):text.count("\n", 0, said.end()) + 1]).split()) if said  # ('2022년도' over '주요업무 보고': one title)
                     else next((" ".join(line.split()) for line in cover if _COVER_TITLE.search(line) and not _SESSION.search(line)), ""))
    inherited = [key for key in ("year", "title", "session", "session_start", "session_end") if not meta[key] and inherit is not None and inherit.get(key)]
    if inherited:  # a booklet's department under the booklet's cover: what its own page states stays
        for key in inherited:
            meta[key] = inherit[key]
        findings.append(Finding(
            "cover_inherited", "info", "reports", "a cover of its own (" + ", ".join(inherited) + ")", "the booklet's",
            f"이 부서 보고의 표지에 없는 {'·'.join(_COVER_WORDS[k] for k in inherited)}은 책자의 앞 보고({inherit['report_id']})의 표지를 따릅니다", doc.loc(0),
        ))
    if not meta["title"]:  # (no line names the kind of report: the source lines quote none)
        findings.append(Finding(
            "cover_title", "info", "reports", "a title on the cover ('2022년 주요업무 보고')", "none",
            f"표지에 보고서 제목(‘2022년 주요업무 보고’ 같은 줄)이 없어 출처에는 ‘{meta['year']}년 주요업무 보고’로 적습니다", locs[0],
        ))
    places = {m["name"] for line in cover for m in _COUNCIL.finditer(line)}  # '홍천군' of '제285회 홍천군의회'
    for line in reversed(cover):
        name = _ITEM_PREFIX.sub("", line)  # a mark or number drawn or typed before it: '◆ 비전협력과', '가. 미래전략과'
        words = name.split()
        # What stands over the department on its line: the 국 ('미래전략국 미래전략과'), the local
        # government the council line names ('홍천군 교류협력과', '서울특별시 영등포구 비전협력과').
        while len(words) >= 2 and _DEPT_WORD.search(words[-1]) and (_BUREAU.search(words[0]) or words[0] in places or _is_place_over(words[0], places)):
            words = words[1:]
        name = " ".join(words)
        word = squash(name)
        if word and _names_department(word) and not _COUNCIL.search(line):
            meta["department"] = word
            break
    meta["district"] = _district(cover, meta["department"], doc.layout.words("markers", "report_order"))
    if not meta["district"] and inherit is not None:
        meta["district"] = inherit["district"]
    return meta, findings


_PLACE_BEFORE = re.compile(r"(?<![가-힣])([가-힣]{1,4}(?:특별시|광역시|특별자치시|특별자치도)|[가-힣]{2,3}도)\s+$")  # '부산광역시 ' before '중구의회' (not '2022년도 ')
_OVER_PLACE = re.compile(r"[가-힣]{1,4}(?:특별시|광역시|특별자치시|특별자치도|도)(?=[가-힣]{1,8}[시군구]$)")  # a 시·도 glued before the place


def _is_place_over(word: str, places: set[str]) -> bool:
    """A 시·도 over a place the cover's council names: '서울특별시' over 영등포구, '강원도' over 홍천군
    (a word ending in 특별시, 광역시, 도 or 특별자치도 when a council of a 시·군·구 is named)."""
    return bool(places) and re.search(r"(?:특별시|광역시|특별자치시|특별자치도|[^시]도)$", word) is not None and word not in places and len(word) >= 3


_PLACE_ALONE = re.compile(r"[가-힣]{2,6}(?:특별자치시|특별자치도|특별시|광역시|시|군|구)|[가-힣]{1,3}도")


def _district(cover: list[str], department: str = "", titles=()) -> str:
    """The local government the cover names: ``○○구의회``, ``○○시청``, ``○○군의회``, ``경기도의회``;
    or, where the council is named by its kind alone (``제241회 구의회``), the place a cover line
    ends with (``희망 행복 미래도시 영등포`` → 영등포구; ``새로운 변화 임실`` with ``군의회`` →
    임실군), never the department's line nor a contents title (``보고 순서``). No list of names
    is kept. A 시·도 the cover prints over the place stays with it, spaced (``부산광역시 중구의회``
    and ``부산광역시중구의회`` → ``부산광역시 중구``): 중구, 동구, 북구, 고성군 are the names of
    several local governments, and two of them had been one district, one report_id (the second
    report refused as 'the same report') and one department's years (lineage across them)."""
    for line in cover:
        m = _COUNCIL.search(line)
        if m:
            over = _OVER_PLACE.match(m["name"])  # '부산광역시중구의회' written without its space
            if over:
                return f"{m['name'][:over.end()]} {m['name'][over.end():]}"
            above = _PLACE_BEFORE.search(line, 0, m.start())
            return f"{above.group(1)} {m['name']}" if above and not m["name"].endswith(("특별시", "광역시", "특별자치시", "도")) else m["name"]
    kind = next((m["type"] for line in cover if (m := _COUNCIL_TYPE.search(line))), None)
    for line in cover:  # a cover line that is a local government's name alone ('영월군' under '제321회 임시회')
        if squash(line) in titles:
            break
        place = line.strip()
        # (not a slogan's '행복도시', nor a place of another kind than the council's: '안전도', '중앙시' under 군의회)
        if (_PLACE_ALONE.fullmatch(place) and squash(line) != department and not place.endswith("도시")
                and (kind is None or place.endswith(kind))):
            return place
    if kind is None:
        return ""
    for line in cover:
        words = line.split()
        if squash(line) in titles:  # the contents begin: their entries name parts, not places
            break
        if not words or _SESSION.search(line) or _COVER_TITLE.search(line) or re.search(r"\d", line) or squash(line) == department or _PART_ENTRY.match(line):
            continue
        last = words[-1]
        if last in _NOT_PLACES:
            continue
        # (a two-syllable place may end like a department: 임실)
        if re.fullmatch(r"[가-힣]{2,5}", last) and not (len(last) > 2 and _DEPT_WORD.search(last)) and len(words) >= 2:
            return last if last.endswith(kind) else last + kind
    return ""


def _as_of_year(m: re.Match, year: int) -> int:
    """The year of an as-of date: as written (2022, '22, 22.), else the report's."""
    yy = m["yy"] or m["yy2"]
    return int(m["y"]) if m["y"] else 2000 + int(yy) if yy else int(year)


def _as_of(text: str, year: int) -> re.Match | None:
    """The as-of date in ``text``: a two-digit year without its apostrophe (``22. 10. 31.``) only
    when it is the report's year or the one before, never the tail of a broken date read as one
    (``10. 3.1.기준`` is no date, not 2010-03-01)."""
    for m in _AS_OF.finditer(text):
        if m["yy2"] is None or int(m["yy2"]) in (year % 100, (year - 1) % 100):
            return m
    end = _MONTH_END.search(text) if "말" in text else None
    if end:  # '10월말 기준': the month's last day
        y = int(end["y"]) if end["y"] else year
        return {"y": str(y), "yy": None, "yy2": None, "q": None, "m": end["m"], "d": str(calendar.monthrange(y, int(end["m"]))[1]) if 1 <= int(end["m"]) <= 12 else "0"}
    return None


# A date alone in brackets in a header cell of the execution columns ('집행률(%) (2022. 10. 31.)',
# '집행액 (10월말)'): the as-of date, as if 기준 followed it.
_HEADER_DATE = re.compile(r"[(（]\s*(?P<date>(?:(?:19|20)?\d{2}\s*[.년]\s*)?\d{1,2}\s*[.월]\s*(?:\d{1,2}\s*[.일]?|말)\s*\.?)\s*[)）]")

_MONTH_END = re.compile(r"(?<![\d.,])(?:(?P<y>(?:19|20)\d{2})\s*[.년]\s*)?(?P<m>\d{1,2})\s*월\s*말\s*(?:기\s*준|현\s*재)")


def _date(doc: _Doc, where, year: int, month, day, what: str) -> dt.date:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise doc.error(where, f"{what} that exists", f"{int(year):04d}-{int(month):02d}-{int(day):02d}") from None


_NONE_STATED = frozenset({"해당없음", "없음", "해당사항없음"})


def _find_subsections(doc: _Doc, start: int, end: int) -> dict[str, tuple[int, int]]:
    """Part I's numbered sub-headings of a known kind (조직, 인력현황, 예산현황…), each up to the
    next numbered sub-heading: one not known ('5 민간위탁 현황', numbered next after the last)
    ends the one before it, and what it heads is left unread (named), never read as the
    previous part's (its 예산액 table had been taken for a second budget table)."""
    heads: list[tuple[int, str | None]] = []
    last_no = None
    for i in range(start, end):
        m = _SUBSECTION.match(doc.text[i]) if doc.text[i] else None
        if m:
            title, colon, after = re.split(r"([:：])", m["title"], maxsplit=1)[:3] if re.search(r"[:：]", m["title"]) else (m["title"], "", "")
            if not colon or squash(after) not in _NONE_STATED:  # '3. 주요시설 및 장비: 해당없음': the heading, stating none
                title = m["title"]
            kind = doc.layout.match("general_subsections", _BRACKETED.sub("", _UNIT_STATED.sub("", title)))
            if kind:
                doc.claim(i)
                first = next((j for j, k in heads if k == kind), None)
                if first is not None:
                    raise doc.error(i, f"one '{m['title']}' in section I", f"a second one (the first is at {doc.loc(first).short()})")
                heads.append((i, kind))
                last_no = int(m["no"])
            elif last_no is not None and int(m["no"]) == last_no + 1 and len(doc.sq[i]) <= 24 and not _HAS_DIGIT.search(m["title"]):
                heads.append((i, None))
                last_no += 1
    return {kind: (i, heads[n + 1][0] if n + 1 < len(heads) else end) for n, (i, kind) in enumerate(heads) if kind is not None}


def _number(doc: _Doc, key: tuple, loc: Loc, cell: str, what: str) -> Decimal:
    """The number of a table cell; a position covered by a merged ``-`` (none, drawn once across
    several grades) is zero like each position it covers. Any other merged value is an error."""
    try:
        value = parse_number(cell)
    except NumberError:
        cover = _covering_cell(doc, key) if not cell.strip() else None
        if cover is not None and cover.text.strip() in ZERO_MARKS:
            return Decimal(0)
        raise _cell_error(doc, key, loc, cell, f"a number in column {what}", "column") from None
    doc.note(key, value)
    return value


# A headcount with its counter word or a note after it: '15명', '7(1)', '7(휴직 1)', '7*'
_COUNT_CELL = re.compile(r"^\s*(?P<num>[△\-−]?\d{1,3}(?:,\d{3})*|[△\-−]?\d+)\s*(?:명|인)?\s*(?P<rest>[(（*※†].*)?$")


def _count_cell(doc: _Doc, key: tuple, loc: Loc, cell: str, what: str) -> Decimal:
    """The number of a staffing cell: a number (:func:`_number`); or one with its counter word
    (``15명``) or a note after it (``7(1)``, ``7(휴직 1)``, ``7*``): the number read, a
    ``staffing`` warning naming the note, whose numbers stay unread (coverage names them). These
    had refused the report; a number with a space in it (``1 5``) still does."""
    try:
        return _number(doc, key, loc, cell, what)
    except ReportError as error:
        m = _COUNT_CELL.match(cell)
        if m is None or (m["rest"] or "").lstrip()[:1].isdigit():
            raise error from None
        value = parse_number(m["num"])
        doc.note(key, value)
        if m["rest"] and m["rest"].strip():
            doc.notices.append(Notice(
                "number_note", "warning", loc, f"a number in column {what}", quoted(cell.strip()),
                f"인력 표 칸({loc.korean()})의 {quoted(cell.strip())}에서 앞의 {format_number(value)}만 인원으로 읽고, 뒤의 {quoted(m['rest'].strip())}은 읽지 않은 것으로 둡니다"))
        return value


def _cell_error(doc: _Doc, key: tuple, loc: Loc, cell: str, expected: str, each: str) -> ReportError:
    """A table cell that is not the value expected. An empty position covered by a merged cell
    ('-' drawn once across several grades) names the merged cell and says to split it, one value
    in each ``each`` (column, row), rather than quote an empty cell."""
    cover = _covering_cell(doc, key) if not cell.strip() else None
    if cover is None:
        return doc.error(loc, expected, quoted(cell))
    return doc.error(
        loc, f"{expected}, one in each {each}",
        f"the merged cell at {cover.loc.short()} ({quoted(cover.text)}) covering it; split the merged cell so that each {each} has its value",
    )


def _covering_cell(doc: _Doc, key: tuple):
    """The merged cell that covers position ``key`` = (table block, row, col), or None."""
    if len(key) != 3 or not doc.is_table(key[0]):
        return None
    grid = doc.blocks[key[0]].grid()
    r, c = key[1], key[2]
    cover = grid[r][c] if r < len(grid) and c < len(grid[r]) else None
    return cover if cover is not None and (cover.row, cover.col) != (r, c) else None


def _tables_in(doc: _Doc, start: int, end: int) -> list[int]:
    return [i for i in range(start, end) if doc.is_table(i)]


# --- part I ---------------------------------------------------------------------------------


def _split_duties(paragraphs: list[str]) -> list[str]:
    out = []
    for text in paragraphs:
        out += [re.sub(r"\s+", " ", d).strip() for d in _BULLET_SPLIT.split(" " + text) if d.strip()]
    return out


def _parse_organization(doc: _Doc, head: int, end: int, findings: list[Finding] | None = None):
    declared, dept = None, None
    for i in range(head + 1, end):
        m = _DEPT_LINE.match(doc.text[i]) if doc.text[i] else None
        if m:
            declared, dept = (int(m["n"]), doc.loc(i)), squash(m["dept"])
            doc.note((i,), Decimal(m["n"]))
            break
        if doc.text[i] and _TEAM_COUNT_LOOSE.search(doc.text[i]):  # '(△4)개팀', '(0.4)개팀', '()개팀': checked against nothing
            raise doc.error(i, "the number of teams as a whole number, like '비전협력과 - (4)개팀'", quoted(doc.text[i].strip()))
    teams = []
    for t in _tables_in(doc, head + 1, end):
        table = doc.blocks[t]
        texts = _grid_text(table)
        rows = table.rows()
        heads = [squash(x) for x in texts[0]] if texts else []
        named = [h for h in heads if h]
        if len(texts) >= 2 and named and sum(h.endswith("팀") for h in named) * 2 > len(named):
            # teams in columns; a column of the head of the department (과장) is read, not a team
            width = _header_width(table, 0)  # (not the padded row: Markdown pads the header of a row wider below with empty cells)
            for r in range(1, len(texts)):
                if any(x.strip() for x in texts[r][width:]):  # a '|' in a duty split its cell: every duty after it under the next team
                    raise doc.error(_cell_loc(table, r, width), f"{width} cells in the row of duties, one under each team ({' | '.join(named)})", f"{_row_width(table, r)} cells")
            # A first column of labels ('인원', '팀장', '주요업무'): the rows of duties are those it
            # names so, or leaves blank; another row (a headcount, a leader's name) is no duty.
            labelled = doc.layout.match("team_columns", texts[0][0]) == "team" and any(texts[r][0].strip() for r in range(1, len(texts)))  # (not a 과장 column)
            duty_rows = {r for r in range(1, len(texts)) if not labelled or _duty_named(doc.layout, texts[r][0], texts[r][1:])}
            for c, name in enumerate(texts[0]):
                if not squash(name):
                    continue
                doc.read_whole((t, 0, c))
                if not squash(name).endswith("팀"):
                    for r in range(1, len(texts)):
                        if _cell_at(table, r, c) is not None:
                            doc.read_whole((t, r, c))
                    continue
                for r in range(1, len(texts)):
                    cell = _cell_at(table, r, c)
                    if cell is None:
                        continue
                    if r not in duty_rows:
                        if not _HAS_DIGIT.search(texts[r][c]):  # (a name: no figure; a headcount stays unread, named)
                            doc.read_whole((t, r, c))
                        continue
                    doc.read_whole((t, r, c))
                    teams += [{"team": squash(name), "duty": d, "source_line": cell.loc.line, "source_loc": str(cell.loc)} for d in _split_duties([norm(p.text) for p in cell.paragraphs])]
        else:  # one team a row: "팀명 | duties"
            # A header row ('팀 명 | 인원 | 주요업무'): the duties are its duty columns (or unnamed
            # ones); another column (인원, 팀장) is no duty: its numbers stay unread, named.
            # (A numbering column first, '연번 | 팀 명 | …': its ordinals read where each is its row's place.)
            lead = 1 if len(heads) > 2 and doc.layout.match("budget_columns", texts[0][0]) == "seq" and doc.layout.match("team_columns", texts[0][1]) == "team" else 0
            header = bool(named) and not heads[lead].endswith("팀") and doc.layout.match("team_columns", texts[0][lead]) == "team"
            duty_cols = {c for c, h in enumerate(texts[0]) if c > lead and (not header or _duty_named(doc.layout, h, [x[c] for x in texts[1:] if c < len(x)]))}
            if header:
                for c in range(len(texts[0])):
                    doc.read_whole((t, 0, c))
            if lead:
                _read_ordinals(doc, t, texts, 0, range(1, len(texts)))
            # A team's row with text past the header's last column (or, with no header, past the
            # width of most rows): a cell written twice, a duty split by a tab; what is in each
            # column after it is not sure (a team name read as its duty, a duty dropped): a warning.
            team_rows = [r for r, row in enumerate(rows) if len([c for c in row if c.col >= lead]) >= 2 and squash(norm(texts[r][lead])).endswith("팀")]
            width = _header_width(table, 0) if header else (Counter(_filled_width(texts[r]) for r in team_rows).most_common(1)[0][0] if team_rows else 0)
            for r in team_rows:
                held = _filled_width(texts[r])
                if held > width and findings is not None:
                    loc = _cell_loc(table, r, 0)
                    said = " | ".join(" ".join(x.split()) for x in texts[r][:held])
                    findings.append(Finding(
                        "team_row", "warning", str(loc), f"{width} cells" + (f" ({', '.join(' '.join(x.split()) for x in texts[0][:width])})" if header else ""), f"{held} cells: {said}",
                        f"조직표의 행({loc.korean()})이 {held}칸으로 {'머리행' if header else '다른 행'}의 {width}칸보다 많습니다. 칸이 더해졌거나 나뉘었다면 팀의 업무가 잘못 읽힙니다", loc))
            for r, row in enumerate(rows):
                row = [c for c in row if c.col >= lead]
                if len(row) >= 2 and squash(norm(row[0].text)).endswith("팀"):
                    for c in row:
                        if c.col == lead or c.col in duty_cols or not _HAS_DIGIT.search(c.text):
                            doc.read_whole((t, r, c.col))
                    paras = [norm(p.text) for c in row[1:] if c.col in duty_cols for p in c.paragraphs]
                    where = next((c.loc for c in row[1:] if c.col in duty_cols), row[1].loc)
                    teams += [{"team": squash(norm(row[0].text)), "duty": d, "source_line": where.line, "source_loc": str(where)} for d in _split_duties(paras)]
    if findings is not None and teams:
        findings += _swapped_team_names(teams)
    if declared and not teams:
        first = next(iter(_tables_in(doc, head + 1, end)), None)
        found = "a table whose first row is " + quoted(" | ".join(_grid_text(doc.blocks[first])[0])) if first is not None else "none"
        raise doc.error(declared[1], f"a table of the {declared[0]} teams and their duties after this line (팀 names in its first row or first column)", found)
    return teams, declared, dept


_HEADCOUNT = re.compile(r"[\d,]+(?:명|인)?")
_SWAP_MARGIN = 0.5  # how much better two teams' names fit each other's duties than their own, summed (each fit 0..1)


def _swapped_team_names(teams: list[dict]) -> list[Finding]:
    """Two teams whose names fit each other's duties better than their own: '국제금융특구팀' over
    '사회적책임경영, 도시 친선 결연…' and '대외협력팀' over '국제금융중심지 활성화, 금융교육…'
    (two name cells, or two duty cells, swapped). A name's fit to duties is the share of its
    bigrams (팀 left off) found in them; the pair whose crossed fits sum to ``_SWAP_MARGIN`` more
    than their own, each name fitting the other's duties better than its own, is a ``team_duties`` warning at the first's duty. The duties are kept as printed."""
    duties = _team_duties(teams)
    names = list(duties)
    grams = {n: bigrams(n.removesuffix("팀")) for n in names}
    text = {n: bigrams(" ".join(duties[n])) for n in names}

    def fit(name: str, of: str) -> float:
        total = sum(grams[name].values())
        return sum((grams[name] & text[of]).values()) / total if total else 0.0

    out, flagged = [], set()
    for a, b in itertools.combinations(names, 2):
        if a in flagged or b in flagged:
            continue
        own, crossed = fit(a, a) + fit(b, b), fit(a, b) + fit(b, a)
        if crossed >= own + _SWAP_MARGIN and fit(a, b) > fit(a, a) and fit(b, a) > fit(b, b):  # (each name fits the other's duties better: one team's duty naming the other, '인사위원회 운영' of 총무팀, is no swap)
            flagged |= {a, b}
            where = next(r for r in teams if r["team"] == a)
            out.append(Finding(
                "team_duties", "warning", where["source_loc"], f"{a}: duties that fit its name", f"{a} ↔ {b}",
                f"조직표의 {a}{particle(a, '과', '와')} {b}의 이름이 서로의 업무에 더 맞습니다. 팀 이름이나 업무 칸이 바뀌었다면 업무(와 그로 추정한 사업의 담당팀)가 다른 팀에 저장됩니다",
                where["source_line"]))
    return out


def _duty_named(layout, name: str, cells: list[str]) -> bool:
    """Whether a column (or row) of the organisation table under the name ``name`` holds duties:
    unnamed, or named as duties (layout.toml [team_columns] duty), or named otherwise than a
    column of another kind ([team_columns] other: 인원, 팀장, 비고) with words under it, not only
    numbers (a headcount)."""
    if not name.strip():
        return True
    key = layout.match("team_columns", name)
    if key is not None:
        return key == "duty"
    filled = [squash(x) for x in cells if squash(x) and squash(x) not in ("-", "–")]
    return not filled or not all(_HEADCOUNT.fullmatch(x) for x in filled)


_GRADE_DIGITS = re.compile(r"\d+")
_STAFF_GRADE = re.compile(r"\d+급$")  # the grade of a header cell that names its category too ('관리운영직6급')


def _parse_staffing(doc: _Doc, head: int, end: int, findings: list[Finding]):
    """The 인력현황 table: header rows (categories, grades) on top, then the 정원/현원/과부족
    rows, and a 결원 row (정원 − 현원 where short: checked, and each grade's 과부족 where there is
    no 과부족 row). A row below them of another kind (휴직자, 파견) is not read: a warning names it,
    and its numbers stay unread (coverage). A table turned the other way (구분 | 정원 | 현원 |
    과부족 across, one grade a row: 계, 5급, 6급 …) is read turned back."""
    layout = doc.layout
    tables = _tables_in(doc, head + 1, end)
    if not tables:
        return [], {}
    t = tables[0]
    table = doc.blocks[t]
    texts = _grid_text(table)
    flip = bool(texts) and not any(row and layout.match("staffing_rows", row[0]) for row in texts) and {
        "authorized", "current"} <= {layout.match("staffing_rows", x) for x in texts[0]}
    if flip:  # one grade a row, 정원 | 현원 | 과부족 across: each (r, c) below is (c, r) of the table
        wide = max(len(row) for row in texts)
        texts = [list(col) for col in zip(*(row + [""] * (wide - len(row)) for row in texts))]

    def at(r: int, c: int) -> tuple[int, int]:
        return (c, r) if flip else (r, c)

    def cell_loc(r: int, c: int) -> Loc:
        return _cell_loc(table, *at(r, c))

    def row_width(r: int) -> int:
        return sum(1 for row in table.grid() if r < len(row) and row[r] is not None) if flip else _row_width(table, r)

    width = Counter(row_width(r) for r in range(len(texts))).most_common(1)[0][0]
    data = [r for r, row in enumerate(texts) if layout.match("staffing_rows", row[0])]
    headers = list(range(data[0] if data else len(texts)))  # the rows above the first 정원/현원 row
    for r in range(headers[-1] + 1 if headers else 0, len(texts)):
        if r not in data:
            loc = cell_loc(r, 0)
            findings.append(Finding(
                "staffing_row", "warning", str(loc), "a 정원, 현원 or 과부족 row", squash(texts[r][0]),
                f"인력현황 표의 '{squash(texts[r][0])}' 행({loc.korean()})은 정원·현원·과부족이 아니어서 읽지 않았습니다", loc,
            ))
    if len(headers) > 2:
        raise doc.error(cell_loc(headers[2], 0), "one or two staffing header rows (categories, then grades)", f"{len(headers)} header rows")
    if not headers or headers[0] != 0:
        raise doc.error(cell_loc(0, 0), "a staffing header row (구분, 계, grades)", quoted(" ".join(texts[0])))
    for r in headers:
        if row_width(r) != width:  # a merged-cell row keeps its empty cells: a row too short is broken
            raise doc.error(cell_loc(r, 0), f"{width} cells in each staffing header row", f"{row_width(r)} cells")
    cat_row = texts[headers[0]][:width] + [""] * (width - len(texts[headers[0]]))
    grade_row = texts[headers[1]][:width] + [""] * (width - len(texts[headers[1]])) if len(headers) > 1 else cat_row
    total_labels = layout.words("markers", "total_labels")
    # The 계 column: after 구분 as a rule, but wherever it stands (last, in some offices).
    total_col = next((j for j in range(1, width) if header_key(cat_row[j]) in total_labels or header_key(grade_row[j]) in total_labels), None)
    has_total = total_col is not None
    notes = {j for j in range(1, width) if layout.match("staffing_notes", cat_row[j]) or layout.match("staffing_notes", grade_row[j])}  # 비고: text
    # A 소계 column (일반직 | 소계, or '일반직 소계'): the subtotal of its category's grades, checked, not a grade.
    subtotal_labels = layout.words("markers", "subtotal_labels")
    subs = [j for j in range(1, width) if j != total_col and j not in notes
            and any(header_key(x).endswith(w) for x in (cat_row[j], grade_row[j]) for w in subtotal_labels)]
    grade_cols = [j for j in range(1, width) if j != total_col and j not in notes and j not in subs]
    columns, category, category_of = [], "", {}
    for j in range(1, width):
        if len(headers) > 1:
            category = squash(cat_row[j]) or category
        category_of[j] = category if len(headers) > 1 else ""
        if j in grade_cols:
            columns.append(_category_and_grade(layout, grade_row[j]) if not category_of[j] else (category_of[j], squash(grade_row[j])))
    for j, (category, grade) in zip(grade_cols, columns):
        own = len(headers) > 1 and squash(cat_row[j])  # a category of one column with no grade under it (공무직, 기간제)
        if (not grade and not own) or (len(headers) > 1 and not category):
            raise doc.error(cell_loc(headers[-1], j), f"a job category and grade over every staffing column (column {j + 1})", "an empty header cell")
    if len(set(columns)) != len(columns):
        raise doc.error(cell_loc(headers[-1], 0), "each category and grade once in the staffing header", "a repeated one")
    for r in headers:
        for c in range(len(texts[r])):
            doc.read_whole((t, *at(r, c)))
    values: dict[str, tuple[int, list[Decimal]]] = {}
    totals = {}
    grade_of = dict(zip(grade_cols, (grade for _, grade in columns)))
    # The grades each 소계 column sums (the same in every row): those of its category (two header rows),
    # else the run of grades after it, or before it, up to the next 소계 or 계 column or a column that
    # is a job category of its own (계 | 일반직 소계 | 4급 … 9급 | 기능직: not 기능직).
    ending, own_words = tuple(layout.words("staffing_categories", "endings")), layout.words("staffing_categories", "words")
    own = {c for c in grade_cols if not category_of[c]
           and (header_key(grade_row[c]).endswith(ending) or any(w in header_key(grade_row[c]) for w in own_words))}
    # A grade cell that names its category too ('관리운영직 6급', '기능8급') is of that category: not of a 소계
    # of another ('일반직 소계') nor of one naming none ('소계'), whose run it ends as a category column does;
    # it stays in the run of its own category's 소계 ('기능직 소계 | 기능8급 | 기능9급').
    named = {c: k for c in grade_cols if not category_of[c] and (k := _STAFF_GRADE.sub("", header_key(grade_row[c]))) != header_key(grade_row[c]) and k}
    # Such a column with no grade in its name (공무직, 기간제 beside 4급 … 9급) is stored as the category it is,
    # with no grade, as under two header rows (it had been the grade of category '').
    columns = [(grade, "") if c in own and c not in named else (category, grade) for c, (category, grade) in zip(grade_cols, columns)]
    _check_staffing_header(layout, [(cell_loc(headers[0], c), cell_loc(headers[-1], c), *cg) for c, cg in zip(grade_cols, columns)], findings)
    sub_of = {j: next((header_key(x)[: -len(w)] for x in (cat_row[j], grade_row[j]) for w in subtotal_labels if header_key(x).endswith(w)), "") for j in subs}
    other = {j: {c for c, k in named.items() if not (sub_of[j] and sub_of[j].startswith(k))} for j in subs}
    bounds = [x for x in (*subs, total_col, *own) if x is not None]
    # A 소계 of a category whose grades name it ('기능8급 | 기능9급 | 기능직 소계'): those grades only (its run
    # had reached back over the 일반직 grades before them, a false error on a right table).
    mine = {j: {c for c, k in named.items() if sub_of[j] and sub_of[j].startswith(k)} for j in subs}
    sub_runs = {j: [[c for c in grade_cols if category_of[c] == category_of[j]]] if category_of[j] else [
        [c for c in grade_cols if c > j and c not in own and c not in other[j] and (not mine[j] or c in mine[j]) and not any(j < x < c for x in (*bounds, *other[j]))],
        [c for c in grade_cols if c < j and c not in own and c not in other[j] and (not mine[j] or c in mine[j]) and not any(c < x < j for x in (*bounds, *other[j]))]] for j in subs}
    for r in data:
        if row_width(r) != width:
            raise doc.error(cell_loc(r, 0), f"{width} cells in the staffing row (구분, {'계, ' if has_total else ''}{len(grade_cols)} grades)", f"{row_width(r)} cells")
        row = texts[r]
        kind = layout.match("staffing_rows", row[0])
        if kind in values:  # 현원 and 현원(휴직제외): which one the department means is not ours to pick
            first_r = values[kind][0]
            raise doc.error(
                cell_loc(r, 0), f"one '{squash(texts[first_r][0])}' row in the staffing table (at {cell_loc(first_r, 0).short()})",
                f"another: {quoted(squash(row[0]))}",
            )
        nums = {
            j: _count_cell(doc, (t, *at(r, j)), cell_loc(r, j), row[j], f"{grade_of.get(j, '계')} of {squash(row[0])}")
            for j in range(1, width) if j not in notes
        }
        for j in notes:
            if not _HAS_DIGIT.search(row[j]):  # (a number in a note, '휴직 1명 포함', is stored nowhere: named unread)
                doc.read_whole((t, *at(r, j)))
        for j, value in nums.items():
            if value != value.to_integral_value():  # a headcount is whole: 0.5 would be stored as 0
                raise doc.error(cell_loc(r, j), f"a whole number of staff in column {grade_of.get(j, '계')} of {squash(row[0])}", quoted(row[j]))
        if has_total and kind != "vacancy":
            totals[kind] = (nums[total_col], cell_loc(r, total_col).line)
        values[kind] = (r, [nums[j] for j in grade_cols])
        if kind == "vacancy" and has_total:
            vacancy_total = (nums[total_col], cell_loc(r, total_col))
        for j, runs in sub_runs.items():
            if not any(run and sum((nums[c] for c in run), Decimal(0)) == nums[j] for run in runs):
                loc = cell_loc(r, j)
                findings.append(Finding(
                    "staffing_total", "error", f"staffing {squash(row[0])} {category_of[j]} 소계".replace("  ", " "), format_number(sum((nums[c] for c in next((x for x in runs if x), [])), Decimal(0))), format_number(nums[j]),
                    f"{squash(row[0])} 소계 {format_number(nums[j])}({loc.korean()}){particle(nums[j], '이', '가')} 그 직급들의 합계와 맞지 않습니다", loc,
                ))
    for needed in ("authorized", "current"):
        if needed not in values:
            raise doc.error(cell_loc(data[0] if data else headers[-1], 0), f"a '{layout.words('staffing_rows', needed)[0]}' row in the staffing table", "none")
    # A 결원 row: the posts vacant, 정원 − 현원 where staff are short, none ('-') where there are as many or more. Read and
    # checked (an error names each grade that is not so, and a 계 that is not its grades' sum); without a 과부족 row it gives
    # each grade's 과부족 (현원 − 정원), none where it is not so.
    vacant_ok = []
    if "vacancy" in values:
        r = values["vacancy"][0]
        for j, (category, grade) in enumerate(columns):
            v, a, c = values["vacancy"][1][j], values["authorized"][1][j], values["current"][1][j]
            vacant_ok.append(v == a - c or (v == 0 and c > a))
            if not vacant_ok[-1]:
                loc = cell_loc(r, grade_cols[j])
                findings.append(Finding(
                    "staffing_gap", "error", f"staffing {category} {grade}".replace("  ", " "), format_number(max(a - c, Decimal(0))), format_number(v),
                    f"{category} {grade}: 결원 {format_number(v)}({loc.korean()}) ≠ 정원 {format_number(a)} − 현원 {format_number(c)}".lstrip(), loc,
                ))
        if has_total:
            printed, loc = vacancy_total
            total = sum(values["vacancy"][1], Decimal(0))
            if printed != total:
                findings.append(Finding("staffing_total", "error", "staffing 결원 계", format_number(total), format_number(printed),
                                        f"결원 계 {format_number(printed)}({loc.korean()}) ≠ 직급별 합계 {format_number(total)}", loc))
    cells = []
    for j, (category, grade) in enumerate(columns):
        gap = values["gap"][1][j] if "gap" in values else None
        if gap is None and vacant_ok and vacant_ok[j]:
            gap = values["current"][1][j] - values["authorized"][1][j]
        loc = cell_loc(values["authorized"][0], grade_cols[j])
        line = loc.line if flip else cell_loc(values["authorized"][0], 0).line  # (turned: the grade's own line)
        cells.append(StaffingCell(category, grade, values["authorized"][1][j], values["current"][1][j], gap, line, loc))
    doc.claim(t)
    return cells, totals


_STAFF_WORD = re.compile(r"[가-힣]+(?:[·ㆍ/][가-힣]+)*")  # a category or a grade in words (일반직, 별정직·임기제, 학예연구사)
_STAFF_RANK = re.compile(r"(?P<pre>[가-힣]*?)(?:(?P<n>[1-9])급(?:상당)?|(?P<k>[가-하])급|(?P<h>[1-9])호)")  # 6급, 기능8급, 6급상당, 가급, 5호
_STAFF_LABELS = ("구분", "비고")


def _check_staffing_header(layout: Layout, columns: list[tuple[Loc, Loc, str, str]], findings: list[Finding]) -> None:
    """The categories and grades over the 인력현황 columns, as a department prints them: a word
    (일반직, 공무직, 학예연구사), a grade 1급 … 9급, 가급, 5호, after a word or not ('기능8급'). A cell
    of another shape ('&급' or '0급', a digit damaged; '구분', '계', a label moved into the
    columns), a category of several columns with one of them without its grade (a grade moved
    off), or the grades of one category out of their order ('5급 | 4급 | 6급': two columns
    swapped, each one's numbers under the other's grade) is a ``staffing_header`` warning at its
    cell: the headcounts are stored under the header as printed."""
    labels = {*_STAFF_LABELS, *layout.words("markers", "total_labels"), *layout.words("markers", "subtotal_labels")}
    graded = {category for _, _, category, grade in columns if grade}
    runs: dict[tuple[str, str], list[tuple[int, Loc, str]]] = {}
    places: dict[tuple[str, str], list[int]] = {}  # each run's places among the columns
    named: set[int] = set()  # the places of cells already named as no category or grade
    for place, (category_loc, loc, category, grade) in enumerate(columns):
        bad = next((x for x in (category, grade) if x and (x in labels or not (_STAFF_WORD.fullmatch(x) or _STAFF_RANK.fullmatch(x)))), None)
        if bad is not None:
            named.add(place)
            where = category_loc if bad == category and category_loc.row != loc.row else loc
            findings.append(Finding(
                "staffing_header", "warning", str(where), "a job category or grade (일반직, 6급, 가급, 학예연구사…)", bad,
                f"인력현황 표의 머리칸 '{bad}'({where.korean()}){particle(bad, '은', '는')} 직렬·직급으로 읽을 수 없습니다. 그 칸의 인원은 적힌 대로 저장됩니다", where))
            continue
        if not grade and category in graded:
            named.add(place)
            findings.append(Finding(
                "staffing_header", "warning", str(loc), f"a grade under {category}", "none",
                f"인력현황 표의 {category} 칸({loc.korean()})에 직급이 없습니다. 다른 {category} 칸에는 직급이 있습니다", loc))
        m = _STAFF_RANK.fullmatch(grade)
        if m:
            rank = int(m["n"] or m["h"] or 0) or "가나다라마바사아자차카타파하".index(m["k"]) + 1
            key = (category, m["pre"] + ("호" if m["h"] else ""))
            runs.setdefault(key, []).append((rank, loc, grade))
            places.setdefault(key, []).append(place)
    for key, at in places.items():  # '8급 | 공무직 | 9급': another column within a category's grades (two header cells swapped)
        inside = next((p for p in range(at[0], at[-1] + 1) if p not in at and p not in named), None)
        if inside is not None:
            category, loc, other = key[0], columns[inside][1], columns[inside][3] or columns[inside][2]
            said = " | ".join(columns[p][3] or columns[p][2] for p in range(at[0], at[-1] + 1))
            findings.append(Finding(
                "staffing_header", "warning", str(loc), f"the grades of {category or 'the table'} side by side", said,
                f"인력현황 표의 {category + ' ' if category else ''}직급 사이에 '{other}'({loc.korean()}) 칸이 있습니다({said}). 두 칸이 바뀌었다면 그 인원도 바뀌어 저장됩니다", loc))
    for (category, _), run in runs.items():
        ranks = [rank for rank, _, _ in run]
        if ranks in (sorted(ranks), sorted(ranks, reverse=True)):
            # '1급 | 5급 | 6급': a 1급 or 2급 (a 실·국's head, not in a department's table) far from the next grade
            # is a digit changed (a department may leave out the grades it has none of: '4급 | 6급' is no fault)
            numbered = all(_STAFF_RANK.fullmatch(g)["n"] for _, _, g in run)  # (not 가급, 5호)
            skip = next((k for k in range(1, len(run)) if numbered and min(ranks[k], ranks[k - 1]) <= 2 and abs(ranks[k] - ranks[k - 1]) >= 3), None)
            if skip is not None:
                loc, grade, before = run[skip][1], run[skip][2], run[skip - 1][2]
                said = " | ".join(g for _, _, g in run)
                findings.append(Finding(
                    "staffing_header", "warning", str(run[skip - 1][1]), f"the grades of {category or 'the table'} in a run", said,
                    f"인력현황 표의 {category + ' ' if category else ''}직급이 {before} 다음 {grade}{particle(grade, '으로', '로')} 건너뜁니다({said}, {run[skip - 1][1].korean()}). "
                    "직급의 숫자가 잘못 적혔다면 그 칸의 인원이 다른 직급으로 저장됩니다", run[skip - 1][1]))
            continue
        up = sum(a < b for a, b in zip(ranks, ranks[1:])) >= sum(a > b for a, b in zip(ranks, ranks[1:]))
        at = next(k for k in range(1, len(run)) if (ranks[k] < ranks[k - 1]) == up)
        loc, grade, before = run[at][1], run[at][2], run[at - 1][2]
        said = " | ".join(g for _, _, g in run)
        findings.append(Finding(
            "staffing_header", "warning", str(loc), f"the grades of {category or 'the table'} in order", said,
            f"인력현황 표의 {category + ' ' if category else ''}직급이 차례대로가 아닙니다({said}): {before} 다음 {grade}({loc.korean()}). 두 칸이 바뀌었다면 그 인원도 바뀌어 저장됩니다", loc))


def _category_and_grade(layout: Layout, cell: str) -> tuple[str, str]:
    """(category, grade) of a one-row header's grade cell: '관리운영직 6급' names its category
    before the grade (a word ending as a category does, or set apart by a space), and is stored so,
    as under a category row; '6급', '기능8급' (a grade of that name) have none."""
    key = squash(cell)
    m = _STAFF_GRADE.search(key)
    prefix = key[: m.start()] if m else ""
    endings = tuple(layout.words("staffing_categories", "endings"))
    if prefix and (prefix.endswith(endings) or prefix in layout.words("staffing_categories", "words") or re.search(rf"{re.escape(prefix)}\s+\d+급\s*$", cell.strip())):
        return prefix, m.group()
    return "", key


def _parse_facilities(doc: _Doc, head: int, end: int, findings: list[Finding] | None = None) -> list[dict]:
    """The 주요시설 및 장비 table (시설명, 위치, 규모, 비고…), or ``해당없음`` (no rows). A facility's
    row of another width than the header (a cell dropped, written twice, two run together, one
    split by a tab) holds its cells under other columns from where it goes wrong: it is read as
    printed and a ``facility_row`` warning names it."""
    layout = doc.layout
    rows = []
    for t in _tables_in(doc, head + 1, end):
        table = doc.blocks[t]
        texts = _grid_text(table)
        mapped = [layout.match("facility_columns", c) for c in texts[0]] if texts else []
        if "facility" not in mapped:
            continue
        for c in range(len(texts[0])):
            doc.read_whole((t, 0, c))
        width = _header_width(table, 0)
        heads = [" ".join(x.split()) for x in texts[0][:width]]
        # A unit in the size column's header ('면적(㎡)'): a bare number under it is stored with it ('120㎡').
        # Of a bracket that says more ('규모(연면적 ㎡)', '면적(단위: ㎡)'), the unit is its last word.
        size_unit = next((re.split(r"[\s,·]+", re.split(r"[:：]", m[1])[-1].strip())[-1] for c, key in enumerate(mapped)
                          if key == "size" and (m := re.search(r"[(（]([^()（）]{1,12})[)）]", texts[0][c]))), "")
        size_unit = size_unit if len(size_unit) <= 3 else ""
        totals = (*layout.words("markers", "total_labels"), *layout.words("markers", "subtotal_labels"))
        listed = 0
        # (a 계 row above the facilities, '계 | 2개소' over them, counts all of them)
        every = sum(1 for r in range(1, len(texts)) if any(v.strip() for v in texts[r])
                    and squash(next((x for x in texts[r] if x.strip()), "")) not in totals
                    and squash(dict(zip(mapped, texts[r])).get("facility", "")) not in ("해당없음", "없음"))
        for r in range(1, len(texts)):
            row = dict(zip(mapped, texts[r]))
            if not any(v.strip() for v in texts[r]) or squash(row.get("facility", "")) in ("해당없음", "없음"):
                continue
            first = next((x for x in texts[r] if x.strip()), "")
            if squash(first) in totals:  # a 계 row ('계 | 1개소'): no facility; its count read where it is the rows'
                for c, x in enumerate(texts[r]):
                    if not _HAS_DIGIT.search(x):
                        doc.read_whole((t, r, c))
                    elif (n := _COUNT_OF_ROWS.fullmatch(squash(x))) and int(n[1]) == (listed or every):
                        doc.note((t, r, c), Decimal(n[1]))
                continue
            listed += 1
            held = _filled_width(texts[r])
            if findings is not None and (_row_width(table, r) < width or held > width):
                loc = _cell_loc(table, r, 0)
                said = " | ".join(" ".join(x.split()) for x in texts[r][:max(held, 1)])
                findings.append(Finding(
                    "facility_row", "warning", str(loc), f"{width} cells ({', '.join(heads)})", f"{_row_width(table, r)} cells: {said}",
                    f"주요시설 표의 행({loc.korean()})이 {_row_width(table, r)}칸으로 머리행의 {width}칸({', '.join(heads)})과 다릅니다. "
                    "칸이 빠지거나 더해졌다면 그 뒤의 값은 다른 열에 저장됩니다", loc))
            if findings is not None and (odd := _facility_odd_cells([(heads[c] if c < len(heads) else "", key, texts[r][c]) for c, key in enumerate(mapped) if c < len(texts[r])])):
                loc = _cell_loc(table, r, 0)
                findings.append(Finding(
                    "facility_cell", "warning", str(loc), "; ".join(f"{head}: {_SHAPES[shape][1]}" for head, _, shape in odd),
                    "; ".join(f"{head} {value}" for head, value, _ in odd),
                    f"주요시설 표의 행({loc.korean()})에서 " + ", ".join(f"{head} 칸의 {value!r}은 {_SHAPES[shape][0]}" for head, value, shape in odd)
                    + "처럼 보입니다. 칸이 바뀌었거나 잘못 적혔는지 확인하세요", loc))
            if size_unit and "size" in row and _BARE_NUMBER.fullmatch(row["size"].strip()):
                row["size"] = row["size"].strip() + size_unit
            for c in range(len(texts[r])):
                if c < len(mapped) and mapped[c] == "ordinal":  # 1, 2, 3: read where it is the row's place among the facilities
                    ordinal = _ORDINAL.fullmatch(texts[r][c].strip())
                    if not _HAS_DIGIT.search(texts[r][c]) or (ordinal and int(ordinal[1]) == listed):
                        doc.read_whole((t, r, c))
                elif c < len(mapped) and mapped[c] is not None:  # a column no field keeps (연간 운영비): its numbers named as unread
                    doc.read_whole((t, r, c))
            loc = _cell_loc(table, r, 0)
            # Several columns of notes ('개관 | 비고', '용도 | 비고'): each one's text under its header
            # (only the last had been kept, the others read and dropped).
            notes = [("".join(texts[0][c].split()), " ".join(texts[r][c].split())) for c, key in enumerate(mapped) if key == "note" and c < len(texts[r])]
            note = " ".join(row.get("note", "").split()) if len(notes) < 2 else " · ".join(
                f"{head} {value}" for head, value in notes if value and value not in ZERO_MARKS)
            rows.append({
                "facility": " ".join(row.get("facility", "").split()), "location": " ".join(row.get("location", "").split()),
                "size": " ".join(row.get("size", "").split()), "note": note,
                "source_line": loc.line, "source_loc": str(loc),
            })
    return rows


# What a facility's cell under another column looks like: an address ('중원대로 3352', '사직동 45-1'),
# a date ('1995. 10.', '2015년 4월'), a size alone ('48㎡', '132,000', '887석'); and a date no calendar has ('1995. 14.').
_ADDRESS = re.compile(r"(?:^|\s)[가-힣\d]*[가-힣](?:로|길)\s*\d+(?:-\d+)?(?=$|[\s,(（])|(?:^|\s)[가-힣]+[동리]\s*\d+(?:-\d+)?(?:번지)?(?=$|[\s,(（])")
_DATE_ALONE = re.compile(r"(?:19|20)\d{2}\s*(?:[.\-/]|년)\s*\d{1,2}\s*(?:[.\-/]|월)?\s*(?:\d{1,2}\s*[.일]?)?")
_SIZE_ALONE = re.compile(r"(?:(?:연|건축|대지|부지)?면적|부지|좌석)?\s*[\d,]+(?:\.\d+)?\s*(?:㎡|m²|m2|평|석|층|대|개|실|면|ha|km|m)?")
_A_DATE = re.compile(r"(?<![\d,])(?P<y>\d{4})\s*(?:\.|년)\s*(?P<m>\d{1,2})\s*(?:\.|월)(?!\d)")
_DATE_HEAD = re.compile(r"개관|개소|준공|설치|취득|건립|연도|일자|년도")  # a note column of dates
_A_YEAR = re.compile(r"(?:19|20)\d{2}|[’'‘`]\d{2}")
_SHAPES = {"address": ("주소", "no address"), "date": ("날짜", "no date"), "size": ("규모", "no size alone"), "bad_date": ("없는 날짜", "a real date"),
           "no_date": ("날짜가 아닌 값", "a date"), "no_number": ("숫자 없는 값", "a number")}  # (what it looks like, what the column expects)
_FLOOR = re.compile(r"(?:지하|지상)?\s*\d{1,2}\s*층")  # a location in a building: '2층', '지하 1층'
_COUNT_HEAD = re.compile(r"수량|대수|개수")  # a size column of counts: a number, never a word
_NOT_LIKE = {"facility": ("address", "date", "size"), "location": ("date", "size"), "size": ("address", "date")}


def _is_address(value: str, field: str | None) -> bool:
    """An address in a cell: anywhere in a size; in a name only at its end ('예성로 241', '연제구
    월드컵대로 344'), for a name may begin with one ('경인로 10 복합센터')."""
    m = None
    for m in _ADDRESS.finditer(value):
        pass
    return m is not None and (field != "facility" or not value[m.end():].strip(" ,)）"))


def _facility_odd_cells(cells: list[tuple[str, str | None, str]]) -> list[tuple[str, str, str]]:
    """The cells of a facility's row, (header, field, text), that look like another column's (a
    swap of cells or of header cells, a cell dropped) or hold a date no calendar has: (header,
    value, what it looks like). A name looks like no address, date or size alone; a location like
    no date or size alone; a size like no address or date; no cell holds a 14th month or a year
    before 1900 ('1995. 14.', '1490. 5.'); a column of dates (개관, 준공…) holds a year; a size
    (규모, 수량) holds a number, and a note is no size alone where the size is empty."""
    odd = []
    sized = any(field == "size" and text.strip() and text.strip() not in ZERO_MARKS for _, field, text in cells)
    for head, field, text in cells:
        value = " ".join(text.split())
        if not value or value in ZERO_MARKS:
            continue
        shape = next((shape for shape in _NOT_LIKE.get(field or "", ())
                      if (_is_address(value, field) if shape == "address" else (_DATE_ALONE if shape == "date" else _SIZE_ALONE).fullmatch(value))
                      and not (field == "location" and shape == "size" and _FLOOR.fullmatch(value))), None)  # ('3층': a room's floor is its place)
        if shape is None and any(not 1 <= int(d["m"]) <= 12 or int(d["y"]) < 1900 for d in _A_DATE.finditer(value)):
            shape = "bad_date"
        if shape is None and field == "note" and _DATE_HEAD.search("".join(head.split())) and not _A_YEAR.search(value):
            shape = "no_date"  # '지상 2층' under 개관: the opening date's column holds no year
        if shape is None and field == "size" and not _HAS_DIGIT.search(value) and (
                _COUNT_HEAD.search("".join(head.split())) or any(value == " ".join(t.split()) for _, f, t in cells if f != "size")):
            shape = "no_number"  # '노면청소차' under 수량: a name written twice moved it there ('대형' under 규모 is a size)
        if shape is None and field == "note" and not sized and _SIZE_ALONE.fullmatch(value) and not _YEAR_ALONE.fullmatch(value):  # (a year, '2016', '2016년': no count)
            shape = "size"  # '노면청소차 | | 2': the count moved off its empty 수량
        if shape is not None:
            odd.append((head, value, shape))
    return odd


def _filled_width(cells: list[str]) -> int:
    """How many cells of a row reach its last one with text (0 for a row of blanks)."""
    return max((c + 1 for c, x in enumerate(cells) if x.strip()), default=0)


def _read_ordinals(doc: _Doc, t: int, texts: list[list[str]], c: int, rows) -> None:
    """A numbering column's cells (연번: 1, 2, 3) of ``rows`` in order: each read where it is its
    row's place among the rows numbered (1, 1., (1), 1), ①); a cell without a digit is text. Any
    other number stays unread (named by the coverage)."""
    n = 0
    for r in rows:
        x = texts[r][c].strip() if c < len(texts[r]) else ""
        if not _HAS_DIGIT.search(x):
            n += x in _CIRCLED
            if x not in _CIRCLED or _CIRCLED[x] == n:
                doc.read_whole((t, r, c))
            continue
        n += 1
        m = _ORDINAL.fullmatch(x)
        if m and int(m[1]) == n:
            doc.read_whole((t, r, c))


_ORDINAL = re.compile(r"[(（]?(\d{1,3})[.)）]?")  # a row's number in a numbering column: 1, 1., (1), 1)
_COUNT_OF_ROWS = re.compile(r"(\d+)(?:개소|개|곳|건|대|식)?")  # a 계 row's count of the facilities listed
_BARE_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _stated_units(doc: _Doc, indices, table: int | None = None) -> list[tuple[str, Loc]]:
    """Money units stated on paragraphs ``indices``, and in the caption and header cells of ``table``."""
    out = []
    for i in indices:
        if doc.is_table(i):
            continue
        m = _unit_statement(doc.text[i])
        if m:
            out.append((_money_unit_word(doc, m["unit"]), doc.loc(i)))
            doc.units_used.add(i)
    if table is not None:
        tb = doc.blocks[table]
        unit = _unit_in(doc, tb.caption)
        if unit:  # an office table's own caption (hp:caption): '(단위: 백만원)'
            out.append((unit, tb.loc))
        texts = _grid_text(tb)
        for r in range(min(2, len(texts))):
            for c, text in enumerate(texts[r]):
                unit = _unit_in(doc, text)
                if unit:
                    out.append((unit, _cell_loc(tb, r, c)))
    return out


def _unit_in(doc: _Doc, text: str) -> str | None:
    """The money unit a caption, a header cell or a label states, as a statement
    (``(단위: 백만원)``) or a bracketed unit alone (``예산액(원)``); None when it states none."""
    m = (_UNIT_STATED.search(text) or _UNIT_AMOUNT.search(text) or _UNIT_CELL.search(text)) if text else None
    return _money_unit_word(doc, m["unit"]) if m else None


def _is_unit_line(text: str) -> bool:
    """Whether a paragraph is a unit statement and nothing else: ``(단위: 원)``, ``※ 단위: 원``,
    ``('22. 10. 31. 기준, 단위: 백만원)``."""
    m = _unit_statement(text)
    return m is not None and not _BRACKETED.sub("", text[: m.start()] + text[m.end():]).strip(" ※*,")


def _unit_caption_before(doc: _Doc, j: int, block_start: int) -> list[int]:
    """The paragraph just before a program's 예산현황/소요예산 marker when it only states the unit
    (a caption put above the marker rather than under it)."""
    k = j - 1
    while k > block_start and not doc.sq[k] and not doc.is_table(k):
        k -= 1
    return [k] if k > block_start and not doc.is_table(k) and _is_unit_line(doc.text[k]) else []


def _unplaced_units(doc: _Doc) -> list[Finding]:
    """A unit statement no table took: the amounts it meant may have been read in another unit
    (천원 when none is stated), so each one is a warning with its place."""
    out = []
    read_tables = {key[0] for key in doc.notes if len(key) == 3}
    for i, sq in enumerate(doc.sq):
        if "원" in sq and len(sq) <= 40 and i not in doc.units_used and _is_unit_line(doc.text[i]):  # (a unit line is short)
            loc = doc.loc(i)
            k = doc.next_nonblank(i + 1, len(doc))
            unread_table = k < len(doc) and doc.is_table(k) and k not in read_tables  # (a 세입 table's 부과액 | 징수액: no table of ours)
            out.append(Finding(
                "unit_unplaced", "warning", str(loc), "a unit statement above or under a money table", doc.text[i].strip(),
                f"단위 표시 {doc.text[i].strip()!r}({loc.korean()})를 어느 금액 표에도 적용하지 못했습니다: " + (
                    f"그 아래 표({doc.loc(k).korean()})는 읽지 않아 그 숫자를 읽지 않은 숫자로 적었습니다" if unread_table
                    else "그 표의 금액은 다른 단위로 읽혔을 수 있습니다"), loc,
            ))
    return out


def _money_unit_word(doc: _Doc, statement: str) -> str:
    """The money unit of a unit statement: ``천원`` of ``천원``, ``천원, %`` or ``천원/명``; the
    statement itself (squashed) when it names no money unit, or two, or a unit not known, so that
    :func:`_one_unit` names it in its error."""
    whole = squash(statement)
    if whole in doc.layout.money_units:
        return whole
    parts = [squash(p) for p in re.split(r"[,，·;]|(?<!\d)/|/(?!\d)", statement)]  # not the / of 3/4분기
    money = [p for p in parts if p in doc.layout.money_units]
    parts = [p for p in parts if not _DATE_PART.search(p)]  # the as-of date in the same bracket: '(단위: 천원, 2022. 10. 31. 현재)'
    if len(money) == 1 and all(p in doc.layout.money_units or p in _OTHER_UNITS for p in parts if p):
        return money[0]
    return whole


_DATE_PART = re.compile(r"(?:기준|현재)$|^\d[\d.]*\.\d+\.?$|월말")


def _one_unit(doc: _Doc, stated: list[tuple[str, Loc]], what: str) -> str | None:
    units = {u for u, _ in stated}
    if len(units) > 1:
        (u1, l1), (u2, l2) = stated[0], next(s for s in stated if s[0] != stated[0][0])
        raise doc.error(l2, f"one money unit for {what} ('{u1}' at {l1.short()})", f"'{u2}' as well")
    if not stated:
        return None
    unit = stated[0][0]
    if unit not in doc.layout.money_units:
        raise doc.error(stated[0][1], f"a money unit among {', '.join(doc.layout.money_units)}", quoted(unit))
    return unit


_YEAR_ALONE = re.compile(r"(?:(?:19|20)\d{2}|[’'‘`]\d{2})(?:년도|년)?$")  # a column headed by a year alone: '2024년', '2024', '’24년'
_COLUMN_YEAR = re.compile(r"(?:(?:19|20)\d{2}|[’'‘`]\d{2})(?:년도|년)?(?=[가-힣])")  # a budget column's year before its name: '2022년 예산', '’21 예산액', '2022년도 예산'


def _header(doc: _Doc, table: Table, texts: list[list[str]], group: str, needed: tuple[str, ...]):
    """(depth, column -> key) of a table whose header is its first 1-3 rows: a column's key is
    the first of its header cells (bottom row first) that matches an alias; a group label of a
    two-row header spans its columns. A row under the header that has words and no number (the
    계 | 시비 | 구비 under a group's label) is a header row too. None when no depth gives every
    needed key."""
    found = None
    for depth in range(1, min(3, len(texts)) + 1):
        mapped = []
        for c in range(len(texts[0])):
            key = None
            for r in reversed(range(depth)):
                if c < len(texts[r]) and texts[r][c].strip():
                    key = doc.layout.match(group, texts[r][c])
                    if key is None and group in ("budget_columns", "program_budget_columns") and (said := _COLUMN_YEAR.match(header_key(texts[r][c]))):
                        key = doc.layout.match(group, header_key(texts[r][c])[said.end():])  # '2022년 예산' (its year: _one_year_of_columns)
                    if group == "program_budget_columns" and (key == "this_year" or (key is None and _is_year_column(doc.layout, texts[r][c]))):
                        key = "budget"  # a 연차별 투자계획's '2023년 | 2024년' (or '총사업비 | 2024년'): each year's budget (the table's own year: _other_years)
                    if key:
                        break
            mapped.append(key)
        width = max(_header_width(table, r) for r in range(depth))
        if depth > 1:
            _group_to_its_total(doc, texts, depth, mapped, group)
        elif group in ("program_budget_columns", "budget_columns"):
            _sources_beside(doc.layout, texts[0], mapped)
        if all(k in mapped[:width] for k in needed):
            found = depth, mapped[:width]
            below = texts[depth] if depth < len(texts) else ()
            if not _sub_header(doc.layout, below, texts[depth - 1]):
                return found
        elif found is not None:  # the row of words under it belongs to the header, which then names no needed column
            return None
    return found


def _sub_header(layout: Layout, row, above=()) -> bool:
    """A row under a header's label row that is part of the header (계 | 시비 | 구비 under 예 산 액):
    its first cell empty (the label above spans it) or a 계 or funding word (a table with no
    label column), words in others, no number and no dash (a data row names its project first;
    '신규 교류사업 - - -' is data)."""
    first = header_key(row[0]) if row else ""
    repeated = bool(above) and first == header_key(above[0])  # a converter that repeats a merged label in every cell it covered
    totals = (*layout.words("markers", "total_labels"), *layout.words("markers", "subtotal_labels"))
    stages = (*layout.words("markers", "budget_final_rows"), *layout.words("markers", "budget_original_rows"))
    return (bool(row) and (not first or repeated or first in totals or funding_source(first) is not None  # (계 | 시비 | 구비 with no label column)
                           or any(w in first for w in stages))  # (당초예산 | 최종예산 under 예 산 액)
            and any(x.strip() for x in row)
            and not any((_HAS_DIGIT.search(x) or x.strip() in ZERO_MARKS) and not (j < len(above) and x == above[j]) for j, x in enumerate(row)))


def _group_to_its_total(doc: _Doc, texts: list[list[str]], depth: int, mapped: list, group_name: str) -> None:
    """A group label over several columns of the header's last row ('예 산 액' over 국비 | 시비 |
    구비 | 계): the group's key belongs to its 계 column alone, and a column of a funding source
    is ``key:source`` (``budget:시비``: a part, read where a table keeps its funding); to none
    when no column of the group is its 계, so that the header is not taken (a part read as the
    whole had been: the 국비 column, '-', as every budget)."""
    bottom = texts[depth - 1]
    total_words = (*doc.layout.words("markers", "total_labels"), *doc.layout.words("markers", "group_whole_labels"))
    c = 0
    while c < len(mapped):
        upper = (c < len(bottom) and bottom[c].strip() and mapped[c] is not None and doc.layout.match(group_name, bottom[c]) is None
                 and not (group_name == "program_budget_columns" and _is_year_column(doc.layout, bottom[c])))  # ('2024년' under 연차별 투자계획: its own key)
        if not upper:
            c += 1
            continue
        group = [c]
        k = c + 1
        label = [texts[r][c] if c < len(texts[r]) else "" for r in range(depth - 1)]
        while k < len(mapped) and k < len(bottom) and bottom[k].strip() and (
                (mapped[k] is None and not any(k < len(texts[r]) and texts[r][k].strip() for r in range(depth - 1)))
                or (mapped[k] == mapped[c] and [texts[r][k] if k < len(texts[r]) else "" for r in range(depth - 1)] == label)):  # the label repeated over each
            group.append(k)
            k += 1
        if len(group) > 1:
            totals = [j for j in group if header_key(bottom[j]) in total_words]  # 계, or 금액 beside 구성비
            key = mapped[c]
            finals = [j for j in group if any(w in header_key(bottom[j]) for w in doc.layout.words("markers", "budget_final_rows"))]
            if not totals and len(finals) == 1 and key in ("budget", "executed") and all(
                    j in finals or any(w in header_key(bottom[j]) for w in doc.layout.words("markers", "budget_original_rows")) for j in group):
                # '예 산 액' over 본예산 | 추경: the final one is the figure, the original's numbers named unread ('other')
                for j in group:
                    mapped[j] = key if j == finals[0] else "other"
                c = k
                continue
            for j in group:
                source = funding_source(header_key(bottom[j]))
                mapped[j] = key if totals and j == totals[-1] else f"{key}:{source}" if totals and source else None
        c = k


def _sources_beside(layout: Layout, header: list[str], mapped: list) -> None:
    """Funding-source columns right after the 예산액 or 집행액 column of a one-row header
    (예산액 | 국비 | 시비 | 구비 | 집행액 | 집행률): each the split of the column before them,
    ``budget:국비`` as under a group label (:func:`_group_to_its_total`). They had been no known
    column, and the table was refused. With no 예산액 column, a 계 column before sources is the
    amount (a plan's '계 | 국비 | 구비')."""
    totals = (*layout.words("markers", "total_labels"), *layout.words("markers", "group_whole_labels"))
    total_col = next((c for c, x in enumerate(header) if mapped[c] is None and header_key(x) in totals), None)
    if "budget" not in mapped and total_col is not None:  # '계 | 국비 | 구비': the 계 is the amount
        mapped[total_col] = "budget"
    owner = None
    for c, key in enumerate(mapped):
        source = funding_source(header_key(header[c])) if key is None and c < len(header) else None
        if key in ("budget", "executed"):
            owner = key
        elif source and owner:
            mapped[c] = f"{owner}:{source}"
        else:
            owner = None


def _header_width(table: Table, r: int) -> int:
    """The width of a header row: up to the last position covered by a cell with text (an extra
    cell in a row below, or an empty one after the header, must not widen it)."""
    row = table.grid()[r]
    for c in range(len(row) - 1, -1, -1):
        cell = row[c]
        if cell is not None and cell.text.strip():
            return c + 1
    return 0


def _unit_note_after(doc: _Doc, t: int, end: int) -> list[int]:
    """A note under a table that states the unit (``※ 단위: 원``). Not a caption over the next table: unit lines
    with nothing but blank lines between them and another table, none a note mark's (※, *), are that table's
    ('(단위: 백만원)' over a 세입 table right under the budget table had been the budget table's: its amounts
    read 1,000 times too large, or the report refused for two units)."""
    k = t + 1
    while k < end and not doc.is_table(k) and (doc.sq[k].startswith(("※", "*", "단위", "(단위")) or _is_unit_line(doc.text[k])):
        k += 1
    lines = list(range(t + 1, k))
    after = doc.next_nonblank(k, end)
    if after < end and doc.is_table(after) and not any(doc.sq[i].startswith(("※", "*")) for i in lines):
        return []
    return lines


def _parse_budget_units(doc: _Doc, head: int, end: int, year: int, findings: list[Finding], columns_year: int | None = None):
    """Every budget table of 예산현황 (a second one for a 특별회계 or 기금 is read with its
    account): unit projects, the 계 row, the money unit, the as-of date."""
    layout = doc.layout
    tables = []
    for t in _tables_in(doc, head + 1, end):
        texts = _grid_text(doc.blocks[t])
        hdr = _header(doc, doc.blocks[t], texts, "budget_columns", ("budget", "executed"))
        if hdr:
            tables.append((t, texts, hdr))
    if not tables:
        others = _tables_in(doc, head + 1, end)
        if others:  # a table is there, but its header names no budget columns
            first = doc.blocks[others[0]]
            raise doc.error(_cell_loc(first, 0, 0), "a budget table header (단위사업명, 예산액, 집행액, 집행률)", quoted(" | ".join(_grid_text(first)[0])))
        raise doc.error(head, "a budget table header (단위사업명, 예산액, 집행액, 집행률)", "none in '예산현황'")
    units, totals = [], {}
    unit_word, as_of = None, None
    total_words, subtotal_words = layout.words("markers", "total_labels"), layout.words("markers", "subtotal_labels")
    prev = head
    for n, (t, texts, (depth, mapped)) in enumerate(tables):
        table = doc.blocks[t]
        mapped = _one_year_of_columns(doc, table, texts, depth, mapped, columns_year or year)
        before = list(range(prev + 1, t))
        other = [i for i in before if doc.is_table(i)]  # a table of no budget before it (a 세입 table's 부과액 | 징수액):
        own_before = before[before.index(other[-1]) + 1:] if other else before  # the units stated above that one are its own
        notes = _unit_note_after(doc, t, end)
        stated = _stated_units(doc, ([head] if n == 0 and not other else []) + own_before + notes, t)
        if n > 0 and not stated:
            stated = [(unit_word, doc.loc(t))]
        unit = _one_unit(doc, stated, "the budget table")
        if unit is None:  # no unit stated over, in or under the table: these reports' usual one, said
            unit = "천원"
            findings.append(Finding(
                "money_unit", "warning", str(doc.loc(t)), "a money unit stated for the budget table ('(단위: 천원)')", "none",
                f"예산현황 표({doc.loc(t).korean()})에 금액 단위가 적혀 있지 않아 천원으로 읽습니다: 원이나 백만원이라면 모든 금액이 틀립니다", doc.loc(t)))
        unit_word = unit_word or unit
        account = "일반회계"
        for i in reversed(before):
            if _NOTE_OR_ITEM.match(doc.sq[i]):
                continue  # '※ 내부거래지출(기금전출금) 포함' qualifies the table; it names no account
            m = _ACCOUNT.search(_YEAR_WORD.sub("", doc.sq[i])) if doc.sq[i] else None  # not '년일반회계' of '2022년 일반회계'
            if m:
                account = m["account"]
                doc.read_whole((i,))
                break
        if account in totals or (n > 0 and account == "일반회계" and any(u.account == account for u in units)):
            raise doc.error(t, f"one budget table per account ('{account}' is read already)", "a second one")
        for r in range(depth):
            for c in range(len(texts[r])):
                doc.read_whole((t, r, c))
        for r in range(depth):
            for c, text in enumerate(texts[r]):
                if as_of is not None:
                    break
                am = _as_of(text, year) or (_as_of(_HEADER_DATE.sub(r"(\g<date> 기준)", text), year)
                                            if _HEADER_DATE.search(text) and doc.layout.match("budget_columns", text) in ("executed", "rate") else None)  # ('집 행 액 (10월말)': letter-spaced)
                if am:
                    as_of = _date(doc, _cell_loc(table, r, c), _as_of_year(am, year), am["m"], am["d"], "an as-of date (기준일)")
        label_col = mapped.index("unit") if "unit" in mapped else 0
        seq_col = mapped.index("seq") if "seq" in mapped else None
        detail_col = mapped.index("detail") if "detail" in mapped else None
        account_col = mapped.index("account") if "account" in mapped else None
        of_row = account  # the account named in the 회계 column at or above the row
        named = ""  # the unit project over the detail rows that follow (its cell spans them)
        rows = []
        for r in range(depth, len(texts)):
            if not any(x.strip() for x in texts[r]):
                continue
            if _row_width(table, r) != len(mapped):
                raise doc.error(_cell_loc(table, r, 0), f"{len(mapped)} cells ({', '.join(header_key(x) for x in texts[depth - 1])})", f"{_row_width(table, r)} cells")
            row = _budget_row(doc, t, table, r, texts[r], mapped, label_col, unit)
            if account_col is not None and texts[r][account_col].strip():
                cell = texts[r][account_col]
                am = _ACCOUNT.search(squash(cell))
                if am:
                    of_row = am["account"]
                elif header_key(cell) in ("일반", "특별"):  # the column's word left off: '일반' | '특별'
                    of_row = header_key(cell) + "회계"
                elif header_key(cell) not in total_words and header_key(cell) not in subtotal_words:
                    raise doc.error(_cell_loc(table, r, account_col), "an account (일반회계, …특별회계, …기금) or 계 in column 회계", quoted(cell))
                doc.read_whole((t, r, account_col))
            row.account = of_row
            if not row.unit.strip():  # '합 계' written in the 정책사업 column before an empty 단위사업명
                left = next((texts[r][c] for c in range(label_col - 1, -1, -1) if texts[r][c].strip()), "")
                if header_key(left) in total_words or header_key(left) in subtotal_words:
                    row.unit = " ".join(left.split())  # ('소 계' there too: the subtotal of the projects above it)
            if detail_col is not None:
                detail = " ".join(texts[r][detail_col].split())
                doc.read_whole((t, r, detail_col))
                if row.unit and header_key(row.unit) not in total_words:
                    named = row.unit
                elif not row.unit and detail:
                    row.unit = named
                if header_key(detail) in total_words or header_key(detail) in subtotal_words:
                    row.unit = detail  # '문화 진흥 | 소계': the unit's subtotal, checked and not stored
                elif detail and header_key(detail) != header_key(row.unit):
                    row.unit = f"{row.unit} · {detail}" if row.unit else detail
            rows.append(row)
        placed = [r for r in range(depth, len(texts)) if any(x.strip() for x in texts[r])]  # (a row each, as read above)
        _read_worked_out(doc, t, texts, mapped, list(zip(placed, rows)), total_words)
        if seq_col is not None:  # 연번 | 단위사업명: the numbers of the unit projects (not of a 계 or 소계 row)
            sums = {r for r, u in zip(placed, rows) if header_key(u.unit) in total_words or header_key(u.unit) in subtotal_words}
            _read_ordinals(doc, t, texts, seq_col, [r for r in placed if r in sums])  # ('계' there: text)
            _read_ordinals(doc, t, texts, seq_col, [r for r in placed if r not in sums])
        for u in rows:
            if not u.unit:  # a row with no name: stored as printed, said
                findings.append(Finding(
                    "budget_unit_name", "warning", f"budget_units {format_number(u.budget)}", "a unit project's name", "none",
                    f"예산현황 표의 행({u.loc.korean()})에 단위사업명이 없습니다: 위 행의 사업과 합쳐진 칸이라면 그 사업의 금액이 나뉘어 저장되었습니다", u.loc,
                ))
        is_total = [header_key(u.unit) in total_words for u in rows]
        labelled = [u for u, t in zip(rows, is_total) if t]
        own = [u for u, t in zip(rows, is_total) if not t]
        own = _without_subtotals(own, subtotal_words, findings)
        total = labelled[0] if labelled else None
        of_accounts = {u.account for u in own}
        per_account = (account_col is not None and len(labelled) > 1 and len({u.account for u in labelled}) == len(labelled)
                       and {u.account for u in labelled} == of_accounts)  # '일반회계 | 계 | …' over its rows, then '주차장특별회계 | 계 | …': each account's own 계
        for other in ([] if per_account else labelled[1:]):
            if (other.budget, other.executed) != (total.budget, total.executed):  # 계 at the top and 합계 at the foot, differing
                raise doc.error(
                    other.loc, f"one total: '{total.unit}' {format_number(total.budget)} / {format_number(total.executed)} at {total.loc.short()}",
                    f"'{other.unit}' {format_number(other.budget)} / {format_number(other.executed)}",
                )
        if not own:
            raise doc.error(_cell_loc(table, depth - 1, 0), "rows of unit projects under the budget header", "none")
        for u in rows:
            _full_stop_thousands(doc, unit, u.loc, f"budget_units {u.unit}", f"단위사업 {u.unit}", u.budget, u.executed)
            u.budget, u.executed = to_cheonwon(u.budget, unit), to_cheonwon(u.executed, unit)
            for f in u.funding:
                _full_stop_thousands(doc, unit, f.loc, f"budget_units {u.unit} {f.source}", f"단위사업 {u.unit} {f.source}", f.budget, f.executed)
                f.budget = to_cheonwon(f.budget, unit) if f.budget is not None else None
                f.executed = to_cheonwon(f.executed, unit) if f.executed is not None else None
        units += own
        kinds = list(dict.fromkeys(u.account for u in own))
        if per_account:
            for u in labelled:
                totals[u.account] = u
        elif total is not None and len(kinds) > 1:  # a 계 over several accounts: checked (check.arithmetic), no account's total
            totals[tuple(kinds)] = total
        elif total is not None:
            totals[kinds[0]] = total
        doc.claim(t)
        doc.claim(prev + 1, t)
        for i in notes:
            doc.claim(i)
        prev = notes[-1] if notes else t
    if as_of is None:
        for j in range(head, end):
            am = _as_of(doc.text[j], year) if doc.text[j] else None
            if am:
                as_of = _date(doc, j, _as_of_year(am, year), am["m"], am["d"], "an as-of date (기준일)")
                doc.read_whole((j,))
                break
    return units, totals, unit_word, as_of


def _read_worked_out(doc: _Doc, t: int, texts: list[list[str]], mapped: list, rows: list, total_words) -> None:
    """The 잔액 and 구성비 columns of the unit projects' table, each cell read where it is what its
    row's amounts make it (잔액 = 예산액 − 집행액; 구성비 = 예산액 ÷ the 계's 예산액 × 100 at its printed
    decimals); any other stays unread, named by the coverage (these figures are stored nowhere)."""
    total = next((u.budget for _, u in rows if header_key(u.unit) in total_words), None)
    for key in ("balance", "share"):
        if key not in mapped:
            continue
        c = mapped.index(key)
        for r, u in rows:
            cell = texts[r][c].strip()
            try:
                value = Decimal(0) if cell in ZERO_MARKS else parse_number(cell)
            except NumberError:
                continue
            if key == "balance":
                ok = u.budget is not None and u.executed is not None and value == u.budget - u.executed
            else:
                ok = bool(total) and u.budget is not None and value == rate_of(u.budget, total, decimals_of(value))
            if ok:
                doc.read_whole((t, r, c))


def _one_year_of_columns(doc: _Doc, table: Table, texts: list[list[str]], depth: int, mapped: list, year: int, what: str = "the budget table") -> list:
    """A header that names a column twice: of 예산액(당초) | 예산액(최종), the final one (추경, 최종…:
    layout budget_final_rows); of '2023년 | 2022년' each over 예산액 | 집행액, or of one header row
    '2021년 예산 | 2022년 예산', the columns of the report's year. The others are no column of the table (their numbers named as unread).
    Any other repeated column is an error: which one is the figure is not ours to pick (the last
    had been taken: last year's amounts stored for this year's)."""
    repeated = {k for k in mapped if k and k not in ("label", "other") and mapped.count(k) > 1}
    if not repeated:
        return mapped
    finals = doc.layout.words("markers", "budget_final_rows")
    final = {c for c, k in enumerate(mapped) if k in repeated and any(w in squash(texts[depth - 1][c]) for w in finals)}
    if all(sum(1 for c in final if mapped[c] == k) == 1 for k in repeated):  # 예산액(당초) | 예산액(최종): the final one
        return [k if (k not in repeated or c in final) else None for c, k in enumerate(mapped)]
    groups: list[str] = []
    for c in range(len(mapped)):  # a group label covers its columns: the nearest one to the left in the row above
        label = ""
        for r in range(depth - 1):
            row = texts[r]
            label = next((row[j] for j in range(min(c, len(row) - 1), -1, -1) if row[j].strip()), label) if row else label
        own = texts[depth - 1][c] if c < len(texts[depth - 1]) else ""
        groups.append(label if _ROW_YEAR.search(label) or not _COLUMN_YEAR.match(header_key(own)) else own)  # (one header row: '2022년 예산 | 2021년 예산')
    years = [_ROW_YEAR.search(g) for g in groups]
    said = [_year_said(m) if m else None for m in years]
    keep = {c for c, y in enumerate(said) if y == year}
    if not any(c in keep for c, k in enumerate(mapped) if k in repeated):
        c = max(c for c, k in enumerate(mapped) if k in repeated)
        raise doc.error(_cell_loc(table, depth - 1, c), f"one column of each kind in {what} (or columns under the year {year})",
                        f"{', '.join(sorted(repeated))} {mapped.count(next(iter(repeated)))} times")
    return [k if (k not in repeated or c in keep) else None for c, k in enumerate(mapped)]


def _is_year_column(layout: Layout, text: str) -> bool:
    """A header cell that is a year alone ('2024년', '’24') or the word for this year (금년, 당해연도: layout)."""
    key = header_key(text)
    return bool(_YEAR_ALONE.match(key)) or key in layout.words("program_budget_columns", "this_year")


def _other_years(doc: _Doc, table: Table, texts: list[list[str]], depth: int, mapped: list, year: int, no: int, name: str, stage: str) -> list:
    """A program's budget table by years ('구 분 | 총사업비 | 기투자 | 2023년 | 2024년 | 2025년'): a column headed by a
    year alone is that year's budget; of another year than the table's (the report's year, or the plan's) it is no
    budget of this one, its numbers named unread ('2025년' of a 2024 plan had been its budget). No column of the year: an error."""
    out = list(mapped)
    for c, key in enumerate(mapped):
        if key != "budget":
            continue
        head = next((texts[r][c] for r in reversed(range(depth)) if c < len(texts[r]) and texts[r][c].strip()), "")
        m = _YEAR_ALONE.match(header_key(head))
        if (m and _year_said(_ROW_YEAR.search(m[0])) != year) or (stage != "actual" and header_key(head) in doc.layout.words("program_budget_columns", "this_year")):
            out[c] = "other"  # (금년 beside a plan's years: the report's year, not the plan's)
    if "budget" in mapped and "budget" not in out:
        c = mapped.index("budget")
        raise doc.error(_cell_loc(table, depth - 1, c), f"a column of the year {year} in program {no} '{name}''s {'예산현황' if stage == 'actual' else '소요예산'} table",
                        " | ".join(header_key(t) for t in texts[depth - 1]))
    return out


def _full_stop_thousands(doc: _Doc, unit: str, loc: Loc, subject: str, name: str, *values) -> None:
    """Amounts of a table printed in 천원 with three digits after a full stop and nothing but
    zeros there ('300.000'): read as whole 천원 (300), they are most likely 300,000 with a full
    stop for the comma, 1,000 times too small with every rate still right. Noted on the document
    (a warning named at the row); '109.588' is the checks' (check_amount_decimals)."""
    if doc.layout.money_units.get(unit) != 1:
        return
    odd = [v for v in values if v is not None and v.as_tuple().exponent == -3 and v == v.to_integral_value() and v]
    if odd:
        doc.full_stops.append((loc, subject, name, odd))


def _without_subtotals(rows: list, words: list[str], findings: list[Finding]) -> list:
    """The unit projects of a budget table without its 소계 rows (one a 정책사업, above or below
    its projects). Each 소계 is checked against the projects it stands over (the rows after it up
    to the next 소계, or those before it back to the last): a ``budget_subtotal`` error when
    neither adds up to it."""
    marks = [k for k, u in enumerate(rows) if header_key(u.unit) in words]
    if not marks:
        return rows
    for n, k in enumerate(marks):
        after = rows[k + 1 : marks[n + 1] if n + 1 < len(marks) else len(rows)]
        before = rows[(marks[n - 1] + 1 if n else 0) : k]
        u = rows[k]
        if not any(run and sum((v.budget or 0 for v in run), Decimal(0)) == (u.budget or 0) and sum((v.executed or 0 for v in run), Decimal(0)) == (u.executed or 0) for run in (after, before)):
            findings.append(Finding(
                "budget_subtotal", "error", f"budget_units {u.unit}", "the sum of the unit projects it stands over", format_number(u.budget),
                f"소계 행({u.loc.korean()})의 금액 {format_number(u.budget)} / {format_number(u.executed)}이 위나 아래 단위사업들의 합계와 맞지 않습니다",
                u.loc,
            ))
    return [u for k, u in enumerate(rows) if k not in marks]


def _rate_cell(doc: _Doc, t: int, table: Table, r: int, cells: list[str], mapped: list, budget: Decimal | None, executed: Decimal | None) -> Decimal | None:
    """The printed 집행률 of row ``r`` (None without a rate column), noted as read. A dash is
    0% of a budget, and no rate at all where budget and executed amount are none too ('- | - |
    -': nothing to divide by; it had been stored as 0.0%). (A dash beside an amount spent from
    no budget stays 0%, which the rate check then refuses to let pass.)"""
    if "rate" not in mapped:
        return None
    c = mapped.index("rate")
    if cells[c].strip() in ZERO_MARKS and budget is not None and not budget and not executed:
        return None
    try:
        rate = parse_rate(cells[c])
    except NumberError:
        raise _cell_error(doc, (t, r, c), _cell_loc(table, r, c), cells[c], "a percentage in column 집행률", "row") from None
    doc.note((t, r, c), rate)
    return rate


def _money_cell(doc: _Doc, table: Table, key: tuple, cell: str, what: str, money_unit: str) -> Decimal:
    """The amount of a budget table's 예산액/집행액 cell: a number (:func:`_number`); or the
    table's own unit said again (``198,888천원`` under ``(단위: 천원)``); or an amount with a note
    after it (``198,888 (추경 포함)``), read, a warning naming the rest, whose numbers stay unread.
    These had refused the report; another unit than the table's is still refused (which is meant
    is for the report to say), as is a cell cut short."""
    _, r, c = key
    loc = _cell_loc(table, r, c)
    try:
        return _number(doc, key, loc, cell, what)
    except ReportError as error:
        lead = leading_amount(cell)
        if lead is None:
            raise error from None
        amount, rest = lead
        if amount.unit not in (None, money_unit):
            raise doc.error(loc, f"a number in column {what} in the table's unit ({money_unit})", quoted(cell)) from None
        rest = f"{' '.join(f'{n} {format_number(v)}' for n, v, _ in amount.parts)} {rest}".strip()  # (a split in a unit's cell: no column keeps it)
        if rest:
            doc.notices.append(Notice(
                "number_note", "warning", loc, f"a number in column {what}", quoted(cell.strip()),
                f"예산 표 {what} 칸({loc.korean()})에서 앞의 금액만 읽고, 뒤의 {quoted(' '.join(rest.split()))}은 읽지 못해 그 숫자를 읽지 않은 것으로 둡니다"))
        doc.note(key, amount.total, *amount.printed)
        return amount.total


def _budget_row(doc: _Doc, t: int, table: Table, r: int, cells: list[str], mapped: list, label_col: int, money_unit: str) -> BudgetUnit:
    row = {key: (c, cells[c]) for c, key in enumerate(mapped) if key}
    budget = _money_cell(doc, table, (t, r, row["budget"][0]), row["budget"][1], "예산액", money_unit)
    executed = _money_cell(doc, table, (t, r, row["executed"][0]), row["executed"][1], "집행액", money_unit)
    rate = _rate_cell(doc, t, table, r, cells, mapped, budget, executed)
    doc.read_whole((t, r, label_col))
    loc = _cell_loc(table, r, label_col)
    unit = BudgetUnit(
        unit=re.sub(r"\s+", " ", cells[label_col]).strip(),
        budget=budget,
        executed=executed,
        rate=rate,
        source_line=loc.line,
        loc=loc,
        funding=_unit_funding(doc, t, table, r, cells, mapped),
    )
    return unit  # (its 잔액, 구성비: _read_worked_out)


def _unit_funding(doc: _Doc, t: int, table: Table, r: int, cells: list[str], mapped: list) -> list[Funding]:
    """A unit project's funding columns (``budget:국비`` … beside or under its 예산액, and
    ``executed:국비`` … beside its 집행액): one :class:`Funding` per source, in the table's unit
    (converted with the row). They had been named unread: no table kept them."""
    out: dict[str, Funding] = {}
    for c, key in enumerate(mapped):
        col, _, source = (key or "").partition(":")
        if not source or col not in ("budget", "executed"):
            continue
        what = f"{source} of column {'예산액' if col == 'budget' else '집행액'}"
        if not cells[c].strip() and _covering_cell(doc, (t, r, c)) is None:
            continue  # a blank: no such source for this row
        value = Decimal(0) if cells[c].strip() in ZERO_MARKS else _number(doc, (t, r, c), _cell_loc(table, r, c), cells[c], what)
        f = out.setdefault(source, Funding(source, None, None, _cell_loc(table, r, c).line, _cell_loc(table, r, c)))
        if getattr(f, col) is not None:
            raise doc.error(_cell_loc(table, r, c), f"each funding source once in {'예산액' if col == 'budget' else '집행액'}", f"'{source}' twice")
        setattr(f, col, value)
    return list(out.values())


def _team_duties(teams: list[dict]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for row in teams:
        out.setdefault(row["team"], []).append(row["duty"])
    return out


# --- parts II and III: programs -------------------------------------------------------------


def _circled_or_int(text: str) -> int:
    return _CIRCLED.get(text) or int(text)


def _parse_toc(doc: _Doc, start: int, end: int) -> tuple[list[tuple[int, str, Loc, str, str | None]], int]:
    """Table of contents at the start of a part, read by its column names (연번, 사업명, 쪽,
    담당팀, 구분 of 신규/계속…): [(no, name, location, team, status or None)], and the next block."""
    i = doc.next_nonblank(start, end)
    if i >= end or not doc.is_table(i):
        return [], start
    table = doc.blocks[i]
    texts = _grid_text(table)
    mapped = [doc.layout.match("toc_columns", c) for c in texts[0]] if texts else []
    if "no" not in mapped or "name" not in mapped:
        return [], start
    col = {key: c for c, key in enumerate(mapped) if key}
    for c in range(len(texts[0])):
        doc.read_whole((i, 0, c))
    entries = []
    width = _header_width(table, 0)
    for r in range(1, len(texts)):
        row = texts[r]
        if all(_SEPARATOR.match(x) for x in row):
            for c in range(len(row)):
                doc.read_whole((i, r, c))
            continue
        held = _row_width(table, r)
        # A cell short: which column each holds is not sure (a page read as the team, as the name), unless
        # only the page is missing and the cells before it hold no page ('⑦ | 건강도시 … | 건강특구팀', the
        # page left out): no team figure, no name that is a number or ends in one ('의료관광 기반조성 9',
        # name and page run together). A cell more, with text ('① | ① | 사업명 | 4', a tab inside a
        # name): each cell after it is in the wrong column.
        page_only = all(mapped[c] == "page" for c in range(held, width)) and col["name"] < held and not _TOC_NAME_PAGE.search(row[col["name"]]) and (
            "team" not in col or (col["team"] < held and not _HAS_DIGIT.search(row[col["team"]])))
        if (held < width and not page_only) or any(x.strip() for x in row[width:]):
            raise doc.error(_cell_loc(table, r, 0), f"{width} cells ({', '.join(' '.join(x.split()) for x in texts[0][:width])}) in each row of the contents",
                            f"{_row_width(table, r)} cells: {quoted(' | '.join(x for x in row if x.strip()))}")
        no = row[col["no"]].strip() if col["no"] < len(row) else ""
        if not re.fullmatch(r"[①-⑳]|\d{1,2}", no):
            raise doc.error(_cell_loc(table, r, col["no"]), "a program number (① or 1) in column 연번", quoted(no))
        name = re.sub(r"\s+", " ", row[col["name"]]).strip()
        if "page" in col and not (row[col["page"]].strip() if col["page"] < len(row) else "") and _TOC_NAME_PAGE.search(name):
            # (Markdown and HTML pad a row a cell short with an empty one: '② | 5 | ', '② | 사업명 5 | ')
            raise doc.error(_cell_loc(table, r, col["name"]), "a program name in column 사업명 and its page in column 쪽",
                            f"a name that ends in a number beside an empty page cell (the name lost, or name and page run together): {quoted(' | '.join(x for x in row if x.strip()))}")
        team = squash(row[col["team"]]) if "team" in col and col["team"] < len(row) else ""
        if "page" in col and col["page"] < len(row) and row[col["page"]].strip():
            page = row[col["page"]].strip()
            if not re.fullmatch(r"\d{1,4}(?:\s*[~∼～\-–]\s*\d{1,4})?", page):  # '4', or pages '4~5'
                raise doc.error(_cell_loc(table, r, col["page"]), "a page number in column 쪽", quoted(page))
        for c in range(len(row)):
            doc.read_whole((i, r, c))
        status = squash(row[col["status"]]) if "status" in col and col["status"] < len(row) else ""
        entries.append((_circled_or_int(no), name, _cell_loc(table, r, col["no"]), team,
                        status if status in doc.layout.words("markers", "program_status_tags") else None))  # (a status column: 신규, 계속)
    i += 1
    if not entries:  # the header alone, then the entries as a list: "- ① 사업명 12"
        while i < end and not doc.is_table(i):
            if not doc.sq[i] or _SEPARATOR.match(doc.text[i]):
                i += 1
                continue
            m = _TOC_LIST.match(doc.text[i])
            if not m:
                break
            entries.append((_circled_or_int(m["no1"] or m["no2"]), m["name"], doc.loc(i), "", None))
            doc.read_whole((i,))
            i += 1
    if not entries:
        raise doc.error(i if i < end else end - 1, "numbered entries (연번, 사업명, 쪽) under the table-of-contents header", (quoted(doc.text[i]) if doc.text[i] else "a table") if i < end else "end of section")
    return entries, i


@functools.lru_cache(maxsize=4)
def _status_pattern(layout: Layout) -> re.Pattern:
    words = "|".join(map(re.escape, layout.words("markers", "program_status_tags")))
    tag = rf"[\[(<【〔［（〈]\s*(?P<{{g}}>{words})(?:\s*사업)?\s*[\])>】〕］）〉]"
    return re.compile(rf"^\s*{tag.format(g='a')}\s*(?=\S)|(?<=\S)\s*{tag.format(g='b')}\s*$")


def _status_tag(layout: Layout, name: str) -> tuple[str, str | None]:
    """A program's name without a status tag in brackets before or after it ('… [신규]',
    '(계속) …'; layout markers.program_status_tags), and the tag's word (None without one)."""
    m = _status_pattern(layout).search(name)
    if m is None:
        return name, None
    return (name[: m.start()] + name[m.end():]).strip(), m["a"] or m["b"]


def _is_program_end(doc: _Doc, i: int, stage: str) -> bool:
    return i in doc.ends[stage]


def _heading_at(doc: _Doc, i: int, no: int) -> str | None:
    number, name = doc.headings.get(i, (None, None))
    return name if number == no else None


def _parse_programs(doc, start, end, stage, year, unit_word, team_duties, findings) -> list[Program]:
    toc, i = _parse_toc(doc, start, end)
    doc.claim(start, i)
    section_label = "II. 주요업무 추진실적" if stage == "actual" else "III. 추진계획"
    what = "예산현황 table" if stage == "actual" else "'□ 소요예산' line"
    for k, (number, name, loc, *_) in enumerate(toc, 1):
        if number != k:  # a skipped entry would put every later name on the wrong amounts
            restart = number < k and k > 2  # ('1' after '⑦': the next table, joined to the contents by a converter)
            raise doc.error(loc, f"entry {k} of the table of contents", f"entry {number} '{name}'" + (
                " in the same table after its entry " + str(k - 1) + ": the program's heading table joined to the contents (a converter writes two tables"
                " with nothing between them as one); put a blank line between them, or give the original file" if restart else ""))
    programs = []
    no = 0
    while True:
        i = doc.next_nonblank(i, end)
        if i >= end or (toc and no >= len(toc)):
            break
        no += 1
        toc_entry = toc[no - 1] if toc else None
        block_start = i
        heading = _heading_at(doc, i, no)
        if heading is None and toc_entry is None:
            if not programs:
                raise doc.error(i, f"a numbered program heading ('{no} 사업명') or a table of contents in {section_label}", quoted(doc.text[i]) if doc.text[i] else "a table")
            break  # trailing text after the last program
        team_in_heading = _TEAM_AFTER.search(heading) if heading else None
        if team_in_heading:  # '1. 국내·외 도시교류 네트워크 확대 (대외협력팀)': the team, not the name's
            heading = heading[: team_in_heading.start()].rstrip()
        toc_name, toc_tag = _status_tag(doc.layout, toc_entry[1]) if toc_entry else (None, None)
        in_column = not toc_tag and bool(toc_entry and toc_entry[4])
        toc_tag = toc_tag or (toc_entry[4] if toc_entry else None)  # (or its status column's)
        heading, heading_tag = _status_tag(doc.layout, heading) if heading else (heading, None)
        name = heading or toc_name
        if heading is not None:
            i = doc.next_nonblank(i + 1, end)
            if toc_entry and squash(heading) != squash(toc_name):
                findings.append(Finding("program_name", "warning", f"{stage} {no}", toc_name, heading, f"{no}번 사업의 본문 제목이 목차의 사업명 '{toc_name}'과 다릅니다. 본문 제목을 씁니다", doc.loc(block_start)))
        elif not (name or "").strip():  # a contents row whose name cell is empty (lost, or moved into the next cell) and no heading
            findings.append(Finding("program_name", "warning", f"{stage} {no}", "a name in the contents or a heading in the body", "none",
                                    f"{no}번 사업은 목차의 사업명 칸이 비어 있고 본문에 제목도 없어 이름 없이 저장됩니다", toc_entry[2] if toc_entry else doc.loc(block_start)))
        else:
            findings.append(Finding("program_heading", "info", f"{stage} {no} {name}", "a heading in the body", "none", f"{no}번 사업은 본문에 제목이 없어 목차의 사업명을 씁니다", doc.loc(block_start)))
        tags = list(dict.fromkeys(t for t in (toc_tag, heading_tag) if t))
        if tags:  # '[신규]' after the name: the program's status, not its name (the contract has no column for it)
            findings.append(Finding(
                "program_status", "info" if len(tags) == 1 else "warning", f"{stage} {no} {name}", "a program name without a status", "·".join(tags),
                f"{no}번 사업은 목차의 구분 열에 '{tags[0]}' 사업으로 적혀 있습니다 (사업명: {name})" if len(tags) == 1 and in_column else
                f"{no}번 사업명에 붙은 '{tags[0]}'{particle(tags[0], '은', '는')} 사업명이 아니라 사업 구분으로 읽었습니다 (사업명: {name})" if len(tags) == 1 else
                f"{no}번 사업의 구분이 목차('{toc_tag}')와 본문 제목('{heading_tag}')에서 다릅니다",
                doc.loc(block_start) if heading_tag or toc_entry is None else toc_entry[2]))
        team, team_at = (squash(team_in_heading["team"] or team_in_heading["team2"]), block_start) if team_in_heading else (None, None)
        if i < end and doc.text[i] and _is_team_line(doc.text[i], team_duties):
            team, team_at = _team_of_line(doc.text[i]), i
            i += 1
        elif team is None and toc_entry and toc_entry[3]:
            team = toc_entry[3]
        if team_at is not None and toc_entry and toc_entry[3] and toc_entry[3] not in team and team not in toc_entry[3]:
            # the contents' 담당팀 and the body's team line disagree: the amounts may be another program's
            findings.append(Finding("program_team", "warning", f"{stage} {no} {name}", toc_entry[3], team, f"{no}번 사업의 본문 담당팀 '{team}'이 목차의 담당팀 '{toc_entry[3]}'과 다릅니다. 본문의 팀을 씁니다", doc.loc(team_at)))
        if team_at is not None and team_duties and team not in team_duties:
            findings.append(Finding("team_unknown", "warning", f"{stage} {no} {name}", "a team of the organisation table", team, f"{no}번 사업의 담당팀 '{team}'이 조직표에 없습니다", doc.loc(team_at)))
        # The body runs to the end marker (예산현황 / 소요예산), or to the next program's heading.
        j = i
        ends, headings, following = doc.ends[stage], doc.headings, no + 1
        while j < end and j not in ends and (j not in headings or headings[j][0] != following):  # _is_program_end, _heading_at inlined
            j += 1
        body = [doc.text[k] if not doc.is_table(k) else "\n".join(" ".join(r) for r in _grid_text(doc.blocks[k])) for k in range(block_start, j)]
        if heading is None and j == i and j < end:
            raise doc.error(j, f"the text of program {no} '{name}' before its {what}", f"another {what}")
        _one_of_each_block(doc, block_start, j, no, name, what)
        if j >= end or not _is_program_end(doc, j, stage):
            if j >= end and (end == len(doc) or (toc and no < len(toc))):
                raise doc.error(doc.end_of(end - 1), f"the {what} of program {no} '{name}' (started at {doc.loc(block_start).short()})", "end of " + ("file" if end == len(doc) else "section"))
            program = _budget_sentences(doc, block_start, j, stage, year, no, name, team, unit_word, body)
            if program is not None:
                findings.append(Finding("program_budget", "info", f"{stage} {no} {name}", "a budget table", "sentences",
                                        f"{no}번 사업은 예산현황 표 없이 사업개요의 문장으로 예산을 적어 그 문장을 읽었습니다", program.loc))
            else:
                findings.append(Finding("program_budget", "warning", f"{stage} {no} {name}", "a budget table", "none", f"{no}번 사업에 예산현황이 없습니다", doc.loc(block_start)))
                loc = doc.loc(block_start)
                program = Program(stage, year, no, name, team or "", None, None, None, loc.line, loc.line, text="\n".join(body), loc=loc)
            i = j
        elif (none := _no_budget(doc, j, end)) is not None:  # '□ 예산현황: 비예산': a program with no money of its own
            loc = doc.loc(j)
            said = doc.text[none - 1].strip()
            if any(w in squash(said) for w in _UNDECIDED_BUDGET):
                findings.append(Finding("program_budget", "warning", f"{stage} {no} {name}", "a budget", said, f"{no}번 사업의 예산이 정해지지 않아 금액이 없습니다 ({said!r}): 합계와 비교에서 빠집니다", loc))
            else:
                findings.append(Finding("program_budget", "info", f"{stage} {no} {name}", "a budget", said, f"{no}번 사업은 비예산 사업입니다 ({said!r})", loc))
            program = Program(stage, year, no, name, team or "", None, None, None, loc.line, doc.loc(block_start).line, text="\n".join(body), loc=loc)
            i = none
        elif stage == "actual":
            program, i = _program_budget_table(doc, j, end, year, no, name, team, unit_word, block_start, body)
        elif _plan_budget_in_table(doc, j, end):  # '□ 소요예산 (단위: 천원)' over a table
            program, i = _program_budget_table(doc, j, end, year, no, name, team, unit_word, block_start, body, stage="plan")
        else:
            program, i = _plan_budget_line(doc, j, year, no, name, team, unit_word, block_start, body)
        tail = _tail_end(doc, i, end, stage, no + 1) if heading is not None else i
        if tail > i:  # the program's own text after its 예산현황 (its results, its plans): its body
            program.text += "\n" + "\n".join(doc.text[k] for k in range(i, tail) if not doc.is_table(k))
            doc.program_blocks.append((program, block_start, j))
            doc.program_blocks.append((program, i, tail))
            i = tail
        else:
            doc.program_blocks.append((program, block_start, j))
        if team is None:
            program.team, program.team_inferred = _infer_team(program, team_duties, findings, doc.team_index, doc.loc(block_start))
        _check_funding_names(program, findings)
        doc.claim(block_start, i)
        programs.append(program)
    if toc and len(programs) < len(toc):
        missing = toc[len(programs)]
        raise doc.error(doc.end_of(end - 1), f"program {missing[0]} '{missing[1]}' listed in the table of contents ({missing[2].short()})", "end of section")
    left = sorted(k for k in doc.ends[stage] if i <= k < end)
    if left:  # a budget no program claimed: the table of contents or the body lost a program
        listed = f"the {len(programs)} programs of the table of contents" if toc else f"{len(programs)} programs"
        raise doc.error(left[0], f"no {what} after {listed}", f"another {what} (a program missing from the table of contents, or repeated?)")
    return programs


def _block_head(doc: _Doc, i: int) -> bool:
    """Paragraph ``i`` heads a block of a program: '□ …', or another square before a block's own
    words ('■ 주요 추진실적', '■ 예산현황'); '■ 교육 운영' under the results is an item (as ○)."""
    sq = doc.sq[i]
    if sq.startswith("□"):
        return True
    if not sq or sq[0] not in _BLOCK_MARKS:
        return False
    bare = sq.lstrip(_BLOCK_MARKS)
    return any(bare.startswith(w) for w in _block_words(doc.layout)) or _opens_results(bare, doc.layout.words("markers", "results_heading"))


_YEAR_LEAD = re.compile(r"^(?:(?:19|20)\d{2}|[’'‘`]\d{2})년도?")


def _other_year_results(bare: str, year: int | None) -> str | None:
    """``earlier`` (``target``) for a results heading that names a year before (after) the
    results' year ('□ 2021년 추진실적(참고)' in a 2022 report), else None."""
    lead = _YEAR_LEAD.match(bare)
    if lead is None or year is None:
        return None
    said = _full_year(re.search(r"\d+", lead.group(0)).group(0))
    return None if said == year else "earlier" if said < year else "target"


def _opens_results(bare: str, markers) -> bool:
    """Whether a squashed heading (its □ stripped) opens a program's results: '주요추진실적',
    also after the year ('□ 2023년 추진실적(8월말 기준)': it had been no heading, every figure
    under it unread with a results_missing warning)."""
    bare = _YEAR_LEAD.sub("", bare, 1)
    return any(bare.startswith(w) for w in markers)


@functools.lru_cache(maxsize=8)
def _block_words(layout: Layout) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*layout.words("markers", "results_heading"), *layout.words("markers", "program_subheadings"),
                                *layout.words("markers", "plan_subheadings")]))


def _one_of_each_block(doc: _Doc, start: int, end: int, no: int, name: str, what: str) -> None:
    """A program has each '□' block once; a second '□ 주요 추진실적' means the next program's
    text began before this one's budget (its budget line or table is missing)."""
    seen: dict[str, int] = {}
    for k in range(start, end):
        if _block_head(doc, k):
            key = doc.sq[k].lstrip(_BLOCK_MARKS).split(":", 1)[0]
            if key in seen:
                raise doc.error(k, f"the {what} of program {no} '{name}' before another '{doc.text[k].strip()}' (the first is at {doc.loc(seen[key]).short()})", "a second one in the same program")
            seen[key] = k


def _is_team_line(line: str, team_duties: dict) -> bool:
    word = _team_of_line(line)
    return bool(word) and (word in team_duties or bool(_TEAM_LINE.match(word)))


_TEAM_LABEL = re.compile(r"^\s*(?:담\s*당\s*(?:팀|부\s*서)?|소\s*관\s*(?:팀)?|부\s*서)\s*[:：]\s*(?=\S)")  # '담당: 대외협력팀'


def _team_of_line(line: str) -> str:
    """The team a program's team line names: the line squashed, less a label before it
    ('담당: 대외협력팀', '소관팀 : …'; it had been stored as the team '담당:대외협력팀') and less
    the department before the team ('담당부서: 비전전략과 대외협력팀': 대외협력팀), or the brackets
    round it on a line of its own ('(영상콘텐츠팀)', '[대외협력팀]' under the heading; the team had
    been inferred from the duties, or its program read from that line on)."""
    bracketed = _TEAM_AFTER.fullmatch(line)
    if bracketed:
        return squash(bracketed["team"] or bracketed["team2"])
    words = _TEAM_LABEL.sub("", line, 1).split()
    if len(words) >= 2 and _DEPT_WORD.search(words[0]) and _TEAM_LINE.match(squash(" ".join(words[1:]))):
        words = words[1:]
    return squash(" ".join(words))


_TEAM_LABEL_IN = r"(?:(?:담\s*당|소\s*관)\s*(?:팀|부\s*서)?\s*[:：]\s*)?"  # '(담당: 생활체육팀)'
_TEAM_AFTER = re.compile(r"\s*(?:[(（]\s*" + _TEAM_LABEL_IN + r"(?P<team>[^()（）\s:：]{1,18}(?:팀|반|담당))\s*[)）]|[\[［【]\s*" + _TEAM_LABEL_IN + r"(?P<team2>[^\[\]［］【】\s:：]{1,18}(?:팀|반|담당))\s*[\]］】])\s*$")  # '(대외협력팀)', '[대외협력팀]' after a heading
_NO_BUDGET = frozenset({"비예산", "해당없음", "없음", "예산없음", "-"})
# A budget not yet settled ('□ 소요예산: 미정'): no amount either, said apart (a warning: the plan will cost money)
_UNDECIDED_BUDGET = frozenset({"미정", "추후결정", "추후확정", "미확정", "확정전", "협의중", "산정중", "추후산정"})
_NO_AMOUNT = _NO_BUDGET | _UNDECIDED_BUDGET  # what a program's budget line may say instead of an amount


def _no_budget(doc: _Doc, j: int, end: int) -> int | None:
    """After a program's 예산현황/소요예산 marker at ``j``, a statement that it has no budget (on
    the marker's line after ':' or in brackets, or the next line alone: 비예산, 해당 없음): the
    block after it; None otherwise."""
    line = doc.text[j]
    bracket = _BRACKETED.search(line) if ":" not in line else None
    after = squash(line.partition(":")[2] if ":" in line else bracket.group(0) if bracket else "").strip("()（）")
    if after in _NO_AMOUNT:
        return j + 1
    if after:
        return None
    k = doc.next_nonblank(j + 1, end)
    return k + 1 if k < end and not doc.is_table(k) and doc.sq[k].strip("()（）") in _NO_AMOUNT else None


def _starts_program_part(doc: _Doc, k: int) -> bool:
    """Whether block ``k`` is one of a program's sub-headings (□ 주요 추진실적, □ 향후계획, □ 사업개요…)."""
    bare = doc.sq[k].lstrip(_BLOCK_MARKS + "○")
    layout = doc.layout
    return _opens_results(bare, layout.words("markers", "results_heading")) or _BRACKETED.sub("", bare).rstrip(":") in layout.words("markers", "program_subheadings")


def _tail_end(doc: _Doc, i: int, end: int, stage: str, following: int) -> int:
    """Where the text after a program's 예산현황 (or 소요예산) ends when it is still the program's:
    the program's heading was printed and so is the next one's, before any other end marker
    (a report that puts □ 예산현황 before □ 주요 추진실적). ``i`` when the text after it starts
    the next program (the usual order, or a body whose headings were not printed), and the
    section's end after the last program."""
    first = doc.next_nonblank(i, end)
    if first >= end or doc.is_table(first) or not _starts_program_part(doc, first):
        return i  # what follows is no part of a program (□ 주요 추진실적, □ 향후계획…): not this one's
    ends, headings, parts = doc.ends[stage], doc.headings, set(doc.unknown_heads)
    for k in range(i, end):
        if k in headings and headings[k][0] == following:
            return k
        if k in ends:
            return i
        if k in parts or k in headings:  # a part heading no one knows (Ⅳ. 기타 현안사항), another program's: not this one's
            return k if k in parts else i
    return end


def _program_budget_table(doc: _Doc, j, end, year, no, name, team, unit_word, block_start, body, stage: str = "actual"):
    """The 예산현황 table after the marker at ``j``: every row kept (본예산, 추경, …), the last
    one the program's figure; the unit from the marker line, a caption, a header cell or a note
    under the table. A plan's 소요예산 printed as a table (``stage`` plan) is read the same way."""
    k = j + 1
    captions = [*_unit_caption_before(doc, j, block_start), j]
    while k < end and not doc.is_table(k):
        if doc.sq[k] and not _unit_statement(doc.text[k]):
            raise doc.error(k, f"the 예산현황 table of program {no} '{name}' (예산액, 집행액, 집행률)", quoted(doc.text[k]))
        captions.append(k)
        k += 1
    if k >= end:
        raise doc.error(doc.end_of(end - 1), f"the header of program {no}'s 예산현황 table", "end of section")
    table = doc.blocks[k]
    texts = _grid_text(table)
    turned = _turned_budget_table(doc, table, texts)
    if turned is not None:
        table, hdr = turned
        doc.blocks[k] = table  # (what the coverage counts: the same cells, turned)
        texts = _grid_text(table)
    else:
        hdr = _header(doc, table, texts, "program_budget_columns", ("budget",))
    if hdr is None:
        raise doc.error(_cell_loc(table, 0, 0), "the header of program's 예산현황 table (예산액, 집행액, 집행률)", quoted(" ".join(texts[0]) if texts else ""))
    depth, mapped = hdr
    mapped = _other_years(doc, table, texts, depth, mapped, year, no, name, stage)
    # Two 예산액 columns: the final one or the year's is the amount, the other's numbers are named
    # unread (the first had been taken, 당초 for 최종); neither, an error.
    mapped = [key or ("other" if old else None) for key, old in zip(_one_year_of_columns(doc, table, texts, depth, mapped, year, f"program {no}'s {'예산현황' if stage == 'actual' else '소요예산'} table"), mapped)]
    where = 0 if turned is None else mapped.index("budget")  # a row's place: its first cell; turned, its 예산액 (the first is a header cell)
    notes = _unit_note_after(doc, k, end)
    unit = _one_unit(doc, _stated_units(doc, captions + notes, k), f"program {no}'s 예산현황 table") or unit_word
    for r in range(depth):
        for c in range(len(texts[r])):
            doc.read_whole((k, r, c))
    # The rows' label (구분: 계, 2022, 본예산, 추경) is its named column, or an unnamed first one
    # that holds no amounts; a note (비고), or an unnamed column without a digit, is text. Any
    # other column is a header this reader does not know, whose amounts would be lost in silence
    # (집행실적 for 집행액 dropped every executed amount): an error naming it.
    data_rows = [r for r in range(depth, len(texts)) if any(x.strip() for x in texts[r])]
    label_col = mapped.index("label") if "label" in mapped else 0 if mapped and mapped[0] is None else None
    unknown = [c for c, key in enumerate(mapped) if key is None and c != label_col and any(_HAS_DIGIT.search(texts[r][c]) for r in data_rows if c < len(texts[r]))]
    if label_col is not None and mapped[label_col] is None and any(_AMOUNT_LIKE.match(texts[r][label_col]) for r in data_rows):
        unknown.insert(0, label_col)
    if unknown:
        c = unknown[0]
        raise doc.error(_cell_loc(table, depth - 1, c), f"a known column of program {no}'s 예산현황 table ({', '.join(w for key in ('budget', 'executed', 'rate') for w in doc.layout.words('program_budget_columns', key)[:1])}, or 구분 first)",
                        quoted(" ".join(texts[depth - 1][c].split())))
    for c, key in enumerate(mapped):
        if key == "note" or (key is None and c != label_col):
            for r in data_rows:  # a note's words are text; a number in it ('추경 3,000 증액', '이월 12.5 포함') is no column's: left unread, named (a date alone is read)
                text_ = texts[r][c] if c < len(texts[r]) else ""
                if key != "note" or not _HAS_DIGIT.search(text_):
                    doc.read_whole((k, r, c))
                else:  # (its numbers that are a date's or an order's, '10. 31. 기준', '제1회 추경', '2차 추경': words, read)
                    doc.note((k, r, c), *_note_words(doc.layout, text_))
        elif key == "seq":  # 연번 | 구 분 | 예산액 …: the rows' numbers
            _read_ordinals(doc, k, texts, c, data_rows)
    rows: list[BudgetRow] = []
    parsed = []
    for r in range(depth, len(texts)):
        if not any(x.strip() for x in texts[r]):
            continue
        if _row_width(table, r) != len(mapped):
            raise doc.error(_cell_loc(table, r, 0), f"{len(mapped)} cells ({', '.join(header_key(x) for x in texts[depth - 1])})", f"{_row_width(table, r)} cells")
        parsed.append((r, _budget_cells(doc, k, table, r, texts[r], mapped)))
    if not parsed:
        raise doc.error(_cell_loc(table, depth - 1, 0), f"the amounts row of program {no}'s 예산현황 table", "none")
    if "balance" in mapped:  # 잔액 read where it is 예산액 − 집행액; where not, left unread and named (coverage)
        c = mapped.index("balance")
        for r, (budget, executed, _) in parsed:
            try:
                balance = parse_number(texts[r][c])
            except NumberError:
                raise doc.error(_cell_loc(table, r, c), "a number in column 잔액", quoted(texts[r][c])) from None
            if budget is not None and executed is not None and balance == budget.total - executed.total:
                doc.read_whole((k, r, c))
    if "basis" in mapped:  # '50,000원×10회': read where it works out to the row's amount
        c = mapped.index("basis")
        for r, (budget, _, _) in parsed:
            if budget is not None and _formula_gives(doc.layout, texts[r][c], budget.total, budget.unit or unit):
                doc.read_whole((k, r, c))
    for n, (r, (budget, executed, rate)) in enumerate(parsed):
        label = " ".join(texts[r][label_col].split()) if label_col is not None else ""
        if _AMOUNT_AFTER_LABEL.search(label) or _AMOUNT_LIKE.match(label):  # (Markdown pads the row a cell short: every amount after it one column left)
            raise doc.error(_cell_loc(table, r, label_col), f"a row label in column {header_key(texts[depth - 1][label_col]) or '구분'} of program {no}'s 예산현황 table, its amounts in their own columns",
                            f"a label that is or ends in an amount (a cell lost or run into it?): {quoted(label)}")
        if label_col is not None:
            doc.read_whole((k, r, label_col))
        loc = _cell_loc(table, r, where)
        _full_stop_thousands(doc, unit, loc, f"{stage} {no} {name}", f"{'실적' if stage == 'actual' else '계획'} {no} {name}",
                             *(v for a in (budget, executed) if a is not None and (a.unit or unit) == unit for v in (a.total, *(v for _, v, u in a.parts if not u))))
        rows.append(BudgetRow(
            label,
            to_cheonwon(budget.total, budget.unit or unit) if budget else None,
            to_cheonwon(executed.total, executed.unit or unit) if executed else None,
            rate, False, loc,
            _cell_loc(table, r, mapped.index("rate")) if turned is not None and rate is not None else None,  # (the 집행률 row's cell)
        ))
    roles = [_budget_row_role(doc.layout, row.label, year) for row in rows]
    pick = _program_row(roles)
    if "basis" in mapped and len(rows) > 1 and all(role is None for role in roles):
        pick = None  # items with their calculation bases and no 계 row: the figure is their sum (the last item had been taken)
    # A budget before the final one (본예산, 제1회 추경 above 제2회 추경) printed with a dash for its
    # executed amount and rate: nothing was spent against it apart from the final budget's
    # spending, so none is printed, not a spending of 0 at 0%.
    for n, (r, _) in enumerate(parsed):
        if n != pick and roles[n] in ("original", "final") and "executed" in mapped and texts[r][mapped.index("executed")].strip() in ZERO_MARKS:
            rows[n].executed = None
            if "rate" in mapped and texts[r][mapped.index("rate")].strip() in ZERO_MARKS | {""}:
                rows[n].rate = None
    bloc = doc.loc(block_start)
    sources = [n for n, role in enumerate(roles) if role == "source"]
    if pick is None:  # only funding-source rows (시비, 구비): the program's figure is their sum
        for (r, _), row in zip(parsed, rows):
            if row.budget is None and "budget" in mapped:  # (a blank source would make the sum none, in silence)
                raise doc.error(_cell_loc(table, r, mapped.index("budget")), f"an amount in column 예산액 of the row '{row.label}'", "an empty cell")
        loc = rows[0].loc
        budget_total = _sum_or_none(row.budget for row in rows)
        executed_total = _sum_or_none(row.executed for row in rows)
        rate = None
    else:
        rows[pick].final = True
        loc = rows[pick].loc
        budget_total, executed_total, rate = rows[pick].budget, rows[pick].executed, parsed[pick][1][2]
        r = parsed[pick][0]
        for col, amount, word in (("budget", budget_total, "예산액"), ("executed", executed_total, "집행액")):
            if col in mapped and amount is None:  # the program's own row with a blank amount: not ours to fill
                raise doc.error(_cell_loc(table, r, mapped.index(col)), f"an amount like '38,500 (시 20,000, 구비 18,500)' in column {word} of the program's row ('{rows[pick].label or '이름 없음'}')", "an empty cell")
    program = Program(
        stage, year, no, name, team or "",
        budget=budget_total, executed=executed_total, rate=rate,
        source_line=loc.line, start_line=bloc.line, text="\n".join(body), loc=loc, budget_rows=rows, money_unit=unit,
    )
    budget, executed, _ = parsed[pick if pick is not None else 0][1]
    if sources and (pick is None or roles[pick] == "total") and not (budget and budget.parts) and not (executed and executed.parts):
        # The funding is given by rows (계, 시비, 구비) rather than inside the amount.
        program.funding = [
            Funding(funding_source(rows[n].label) or rows[n].label, rows[n].budget, rows[n].executed, rows[n].loc.line, rows[n].loc) for n in sources
        ]
    else:
        program.funding = _funding(budget, executed, unit, loc, doc)
    for i in notes:
        doc.claim(i)
    return program, (notes[-1] if notes else k) + 1


_FORMULA_TERM = re.compile(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s*([가-힣]*)")
_FORMULA_TIMES = re.compile(r"[×xX*✕]")


def _formula_gives(layout: Layout, text: str, amount: Decimal, unit: str) -> bool:
    """Whether a calculation basis ('500,000원×20회', '2,000원 x 10,000부 x 1식') multiplies out
    to ``amount`` (printed in ``unit``): its terms joined by × only, the money unit that of the
    first term that has one (원, 천원…), else the table's. Its numbers are then accounted for."""
    parts = [p for p in _FORMULA_TIMES.split(text) if p.strip()]
    if not parts or (len(parts) == 1 and not any(m[2] in layout.money_units for m in _FORMULA_TERM.finditer(parts[0]))):
        return False  # (one term alone only as an amount of money: '40,000,000원')
    product, factor = Decimal(1), None
    for part in parts:
        m = _FORMULA_TERM.fullmatch(part.strip())
        if m is None:
            return False
        try:
            product *= Decimal(m[1].replace(",", ""))
        except ArithmeticError:
            return False
        if factor is None and m[2] in layout.money_units:
            factor = layout.money_units[m[2]]
    factor = factor if factor is not None else layout.money_units.get(unit, Decimal(1))
    return product * factor == to_cheonwon(amount, unit)


def _note_words(layout: Layout, text: str) -> list[Decimal]:
    """The numbers of a 비고 that are words, not figures: a date's ('10. 31. 기준', '10월말 현재')
    and an order's (제1회 추경, 2차 추경: 제 before it, or a word of layout not_figures after it, as
    in a paragraph). Any other number ('추경 3,000 증액', '이월 12.5', '시비 50%', '2회 추경') is no
    column's: left out, named unread by the coverage."""
    out = []
    m = _AS_OF.search(text) or _MONTH_END.search(text)
    if m is not None:
        out += [parse_number(x) for x in _NUMBER_TOKEN.findall(m.group(0))]
        text = text[: m.start()] + " " + text[m.end():]
    order = _order_after(layout)
    for n in _NUMBER_TOKEN.finditer(text):
        if _ORDINAL_BEFORE.search(text, max(0, n.start() - 8), n.start()) or order.match(text, n.end()):
            out.append(parse_number(n.group(0).replace(" ", "")))
    return out


@functools.lru_cache(maxsize=4)
def _order_after(layout: Layout) -> re.Pattern:
    return re.compile(rf"\s*(?:{_words_pattern(layout.words('not_figures', 'words'))})")


def _turned_budget_table(doc: _Doc, table: Table, texts: list[list[str]]):
    """(table, header) of a program's 예산현황 printed the other way round: 계 and the funding
    sources (국비, 시비, 구비), or years ('2021년 | 2022년'), as the columns of its first row, 예산액,
    집행액 and 집행률 as the rows of its first column. Read turned, it is the table of funding rows this reader knows;
    None when the table is not so (its first row holds a number or a word other than 계 and
    the sources, or no row is headed 예산액)."""
    if len(texts) < 2 or len(texts[0]) < 2:
        return None
    totals = (*doc.layout.words("markers", "total_labels"), *doc.layout.words("markers", "subtotal_labels"))
    heads = [header_key(x) for x in texts[0][1:] if x.strip()]
    years = all(_ROW_YEAR.match(x.strip()) and not _HAS_DIGIT.search(_ROW_YEAR.sub("", x)) for x in texts[0][1:] if x.strip())  # '2021년 | 2022년'
    if not heads or (any(_HAS_DIGIT.search(x) for x in texts[0]) and not years) or not (years or all(h in totals or funding_source(h) for h in heads)):
        return None
    if not any(doc.layout.match("program_budget_columns", row[0]) == "budget" for row in texts[1:] if row):
        return None
    seen: dict[str, int] = {}
    for c, x in enumerate(texts[0][1:], 1):  # '계 | 국비 | 국비 | 도비': a source twice (a cell written twice, the row padded by a converter)
        if not x.strip():
            continue
        key = header_key(x)
        if key in seen:
            raise doc.error(_cell_loc(table, 0, c), f"each funding source once over the columns of a 예산현황 table (it is also column {seen[key] + 1})", quoted(" ".join(x.split())))
        seen[key] = c
    turned = table.transposed()
    hdr = _header(doc, turned, _grid_text(turned), "program_budget_columns", ("budget",))
    return (turned, hdr) if hdr is not None else None


def _budget_rows_finding(p: Program, layout: Layout) -> Finding:
    """Which row of a program's several 예산현황 rows is its figure, and why: the 계 row or the
    추경/최종 row (info); the last row of labels not known, or the sum of funding rows without a
    계 row (warning: a choice the report does not state)."""
    n, subject = len(p.budget_rows), f"{p.stage} {p.program_no} {p.program}"
    final = next((r for r in p.budget_rows if r.final), None)
    if final is None:
        return Finding(
            "program_budget_rows", "warning", subject, "one row, or a 계 row", f"{n} rows",
            f"{p.program_no}번 사업의 예산현황에 계 행이 없어 {'재원' if any(_budget_row_role(layout, r.label, p.year) == 'source' for r in p.budget_rows) else '항목'} 행 {n}개의 합({'-' if p.budget is None else format_number(p.budget)})을 사업의 예산으로 씁니다",
            p.budget_rows[0].loc,
        )
    role = _budget_row_role(layout, final.label, p.year)
    which = {"total": "계 행", "final": "추경·최종 행", "this_year": f"{p.year}년 행"}.get(role, "마지막 행")
    changes = [r.label for r in p.budget_rows if _budget_row_role(layout, r.label, p.year) == "change"]
    if changes and role not in ("total", "final"):  # '본예산 | 추경 증감': the budget after the change is not printed
        return Finding(
            "program_budget_rows", "warning", subject, "the budget after the change (추경 row)", f"{n} rows",
            f"{p.program_no}번 사업의 예산현황에 변경 후 예산 행이 없어 '{final.label or '이름 없음'}' 행을 사업의 예산으로 씁니다: "
            f"{', '.join(changes)} 행은 차이로만 두고 더하지 않았습니다",
            final.loc,
        )
    return Finding(
        "program_budget_rows", "info" if role in ("total", "final", "this_year") else "warning", subject, "one row", f"{n} rows",
        f"{p.program_no}번 사업의 예산현황에 {n}개 행이 있어 {which}({final.label or '이름 없음'})을 사업의 예산으로 씁니다",
        final.loc,
    )


_ROW_YEAR = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?!\d)|[’'‘`](?P<yy>\d{2})(?!\d)")


def _year_said(m: re.Match) -> int:
    """The year of a match with a four-digit group ``y`` or a two-digit one ``yy`` (’22)."""
    return int(m["y"]) if m["y"] else 2000 + int(m["yy"])


def _full_year(digits: str) -> int:
    """A year as printed, in full: '2022' → 2022, the '22' of '’22년' → 2022."""
    return int(digits) if len(digits) > 2 else 2000 + int(digits)


def _budget_row_role(layout: Layout, label: str, year: int | None = None) -> str | None:
    """What a row of a program's 예산현황 is, by its label: ``total`` (계), ``source`` (시비,
    구비: the funding by rows), ``change`` (증감: between two budgets, never the program's figure),
    ``final`` (추경, 최종예산), ``original`` (본예산, 당초예산),
    ``other_year`` (a row of another year than ``year``: ``2023년(안)``, ``2021년``), ``this_year``
    (``2022년``), or None."""
    key = header_key(label)
    if not key:
        return None
    said = _ROW_YEAR.match(label.strip())  # a year the label starts with ('2023년(안)'), not one in its bracket ('추경(2021년 이월 포함)')
    if said and year is not None:
        if _year_said(said) != year:
            return "other_year"
    if key in layout.words("markers", "total_labels") or key in layout.words("markers", "subtotal_labels"):  # (소계 of 본예산 and 추경: the program's total)
        return "total"
    if funding_source(key):
        return "source"
    final = any(w in key for w in layout.words("markers", "budget_final_rows"))
    if any(w in key for w in layout.words("markers", "budget_change_rows")) or (
            not final and any(w in key for w in layout.words("markers", "budget_change_rows_alone"))):  # '추경 증감 △2,000': a difference, no budget
        return "change"
    if any(w in key for w in layout.words("markers", "budget_carried_rows")):  # '전년도 이월 1,300,000': last year's money, no budget of this year
        return "change"
    if final:  # ('감액 추경': the final budget, cut)
        return "final"
    if any(w in key for w in layout.words("markers", "budget_original_rows")):
        return "original"
    return "this_year" if said else None


def _program_row(roles: list[str | None]) -> int | None:
    """The row that is the program's figure: the (last) 계 row; else the last 추경/최종 row; else
    the row of the program's year; else the last row that is not a funding source nor of
    another year (a next year's 2023년(안) is no figure of this year's). None when every row is
    a funding source (the figure is their sum)."""
    others = [n for n, role in enumerate(roles) if role not in ("source", "other_year", "change")] or [n for n, role in enumerate(roles) if role not in ("source", "change")]
    for wanted in ("total", "final", "this_year"):
        found = [n for n in others if roles[n] == wanted]
        if found:
            return found[-1]
    return others[-1] if others else None


def _sum_or_none(values) -> Decimal | None:
    values = list(values)
    return None if any(v is None for v in values) else sum(values, Decimal(0))


def _budget_cells(doc: _Doc, k: int, table: Table, r: int, cells: list[str], mapped: list):
    """(budget, executed, rate) of one row of a program's table; a blank cell is None (nothing
    printed: '본예산 | 35,500 | | ', '증 감 | 3,000 | |'; the program's own row must have its amounts,
    :func:`_program_budget_table`)."""
    amounts = {}
    for col in ("budget", "executed"):
        if col in mapped:
            c = mapped.index(col)
            if not cells[c].strip() and _covering_cell(doc, (k, r, c)) is None:
                continue
            lead = leading_amount(cells[c])
            if lead is None:
                raise doc.error(_cell_loc(table, r, c), f"an amount like '38,500 (시 20,000, 구비 18,500)' in column {'예산액' if col == 'budget' else '집행액'}", quoted(cells[c]))
            amounts[col], rest = lead
            if rest:  # '109,588 (구비 109,588) ※추경 포함', '109,588 (’22 본예산)': the amount that opens the
                # cell; the words after it are no funding split, their numbers unread (named)
                loc = _cell_loc(table, r, c)
                doc.notices.append(Notice(
                    "number_note", "warning", loc, "an amount like '38,500 (시 20,000, 구비 18,500)'", quoted(rest.strip()),
                    f"예산현황 {'예산액' if col == 'budget' else '집행액'} 칸({loc.korean()})에서 앞의 금액만 읽고, 뒤의 {quoted(' '.join(rest.split()))}은 재원 내역으로 읽지 못해 그 숫자를 읽지 않은 것으로 둡니다"))
            doc.note((k, r, c), *amounts[col].numbers)
            columns = [(j, key.partition(":")[2]) for j, key in enumerate(mapped) if key and key.startswith(col + ":")]
            if columns and not amounts[col].parts:  # 계 | 시비 | 구비 columns under 예산액: the funding split
                parts = []
                for j, source in columns:
                    try:
                        value = parse_number(cells[j]) if cells[j].strip() not in ZERO_MARKS else Decimal(0)
                    except NumberError:
                        raise doc.error(_cell_loc(table, r, j), f"an amount of {source} in column {'예산액' if col == 'budget' else '집행액'}", quoted(cells[j])) from None
                    doc.note((k, r, j), value)
                    parts.append((source, value, None))
                amounts[col] = Amount(amounts[col].total, amounts[col].unit, tuple(parts))
    blank_rate = "rate" in mapped and not cells[mapped.index("rate")].strip() and _covering_cell(doc, (k, r, mapped.index("rate"))) is None
    return amounts.get("budget"), amounts.get("executed"), None if blank_rate else _rate_cell(doc, k, table, r, cells, mapped, *(amounts[col].total if col in amounts else None for col in ("budget", "executed")))


_PLAN_YEAR = re.compile(r"^\s*(?:(?:19|20)\d{2}|[’'‘`]\d{2})\s*년\s*(?:도\s*)?(?=\S)")  # the plan's year before its amount
_OF_ALL_YEARS = re.compile(r"\s*(?P<word>[가-힣\s]{2,8}?)\s*[\d,.]+\s*(?:천원|백만원|억원|만원|원)?\s*중\s*(?P<rest>(?:(?:19|20)\d{2}|[’'‘`]\d{2})\s*년.*)$")
_YEAR_SPAN = re.compile(r"(?:(?:19|20)\d{2}|[’'‘`]\d{2})\s*(?:년도?)?\.?\s*[~∼〜]\s*(?:(?:19|20)\d{2}|[’'‘`]?\d{2})(?!\d)")  # '2021~2025', '’21. ~ ’25'
_PLAN_NOTE = re.compile(r"\s*※.*$")  # a note after the amount
_LAST_BRACKET = re.compile(r"[(（]([^()（）]*)[)）]\s*$")  # the bracket an amount ends with


def _amount_or_shares(doc: _Doc, j: int, text: str, named: str) -> tuple[Amount, str | None]:
    """An amount as :func:`parse_amount` reads it; where its sources are shares in percent only
    ('총 520,000천원(국 50%, 시 25%, 구 25%)'), the total alone and the shares as printed: no amount is
    made up from them, a funding_shares warning names them and their numbers stay unread (coverage)."""
    try:
        return parse_amount(text), None
    except SharesError:
        bracket = _LAST_BRACKET.search(text)
        amount = parse_amount(text[: bracket.start()])
        shares = " ".join(bracket.group(1).split())
        doc.notices.append(Notice(
            "funding_shares", "warning", doc.loc(j), "funding parts as amounts ('국비 31,500, 구비 31,500')", shares,
            f"{named}: 재원이 비율({shares})로만 적혀 있어 재원별 금액을 저장하지 않았습니다. 총액만 읽고 비율의 숫자는 읽지 않은 숫자로 둡니다"))
        return amount, shares


_SENTENCE_RATE = re.compile(r"\s*[(（]\s*(?:집행률\s*[:：]?\s*)?(?P<rate>\d{1,3}(?:\.\d+)?)\s*%\s*[)）]\s*$")


_KEY_AT = re.compile(r"(?:^|(?<=[,，;]))\s*(?P<key>[가-힣][가-힣\s]{0,10}?)\s*[:：]")  # '예산액:' at the start, or after a comma


def _key_values(line: str) -> list[tuple[str, str]]:
    """The ``key: value`` parts of a line: one (``사업비: 450,000천원``), or several after commas
    (``예산액: 450,000천원, 집행액: 318,600천원(70.8%)``, which had been one key with the rest its
    value: the budget not read)."""
    at = [m for m in _KEY_AT.finditer(line)  # (not one inside a bracket: '(국비: 100, 구비: 200)')
          if line.count("(", 0, m.start()) + line.count("（", 0, m.start()) == line.count(")", 0, m.start()) + line.count("）", 0, m.start())]
    if not at or at[0].start() != 0:
        key, sep, value = line.partition(":")
        return [(key, value)] if sep else []
    return [(m["key"], line[m.end(): at[n + 1].start() - 1 if n + 1 < len(at) else len(line)]) for n, m in enumerate(at)]


def _budget_sentences(doc: _Doc, block_start: int, j: int, stage, year, no, name, team, unit_word, body) -> Program | None:
    """A program with no 예산현황 table whose 사업개요 states its money as sentences ('○ 사업비:
    450,000천원(국 50%, 시 25%, 구 25%)', '○ 집행액: 318,600천원(집행률 70.8%)', layout.toml
    markers.budget_sentence, executed_sentence): its budget, executed amount, rate and sources, as a
    one-row 예산현황 (they had been unread, the program said to have no budget). None when no line
    states its budget; a line that is not an amount is left unread (named by coverage)."""
    layout = doc.layout
    found: dict[str, tuple[int, str]] = {}
    one_year = False  # a 사업기간 of the program's year alone ('2023. 1. ~ 12.')
    for k in range(block_start, j):
        if doc.is_table(k) or not doc.text[k]:
            continue
        for key, value in _key_values(doc.text[k].strip().lstrip(LIST_MARKS + "-–— ")):
            key = squash(key)
            if "기간" in key and len(said := {_year_said(y) for y in _ROW_YEAR.finditer(value)}) > 1:
                return None  # '사업기간: 2021. ~ 2023.': its 사업비 may be the years' total, no budget of this year (left unread, named)
            one_year = one_year or ("기간" in key and said == {year})
            kind = "budget" if key in layout.words("markers", "budget_sentence") else "executed" if key in layout.words("markers", "executed_sentence") else None
            if kind and kind not in found:
                found[kind] = (k, value, key)
    if "budget" not in found:
        return None
    if found["budget"][2] in layout.words("markers", "budget_sentence_of_all_years") and not one_year:
        return None  # '○ 총사업비: 68,400백만원' with no 사업기간 of this year alone: the cost of all its years (unread, named)
    read: dict[str, tuple[Amount, str | None, Decimal | None]] = {}
    for kind, (k, value, _) in found.items():
        rate_m = _SENTENCE_RATE.search(value) if kind == "executed" else None
        try:
            amount, shares = _amount_or_shares(doc, k, value[: rate_m.start()] if rate_m else value, f"{'실적' if stage == 'actual' else '계획'} {no} {name}")
        except NumberError:
            if kind == "budget":
                return None
            continue
        rate = parse_rate(rate_m["rate"]) if rate_m else None
        doc.note((k,), *amount.numbers, *([rate] if rate is not None else []))
        read[kind] = (amount, shares, rate)
    budget, shares, _ = read["budget"]
    executed, _, rate = read.get("executed", (None, None, None))
    unit = budget.unit or unit_word
    loc = doc.loc(found["budget"][0])
    program = Program(stage, year, no, name, team or "", to_cheonwon(budget.total, unit),
                      None if executed is None else to_cheonwon(executed.total, executed.unit or unit), rate, loc.line, doc.loc(block_start).line,
                      text="\n".join(body), loc=loc)
    program.budget_rows = [BudgetRow("", program.budget, program.executed, rate, True, loc)]
    program.funding = _funding(budget, executed, unit, loc, doc)
    program.funding_shares = shares
    return program


def _plan_budget_line(doc: _Doc, j, year, no, name, team, unit_word, block_start, body):
    line = doc.text[j]
    # the colon after the label, not one inside its bracket ('□ 소요예산(단위: 백만원): 750 (…)' had been
    # split at '단위:', the amount refused)
    colon = next((m.start() for m in re.finditer(r"[:：]", line) if line.count("(", 0, m.start()) + line.count("（", 0, m.start()) <= line.count(")", 0, m.start()) + line.count("）", 0, m.start())), -1)
    label, after = (line[:colon], line[colon + 1:]) if colon != -1 else (line, "")
    of_all = _OF_ALL_YEARS.match(after)
    if of_all and squash(of_all["word"]) in doc.layout.words("markers", "budget_sentence_of_all_years"):
        after = of_all["rest"]  # '총사업비 24,500백만원 중 2024년 5,000백만원': the year's part (the whole's numbers named unread)
    said_year = _PLAN_YEAR.match(after) if "년" in after else None  # '2023년 50,000천원'
    if said_year:
        after = after[said_year.end():]
    if "※" in after:
        after = _PLAN_NOTE.sub("", after)  # '… ※ 본예산 기준'
    digits = re.search(r"\d+", said_year.group(0)).group(0) if said_year else None
    other = f"{_full_year(digits)}년" if digits and _full_year(digits) != year else None
    span = _YEAR_SPAN.search(after)
    if span and len({_year_said(m) for m in _ROW_YEAR.finditer(span.group(0))}) > 1:
        other = span.group(0).strip()
    if other:  # '□ 소요예산: 2025년 5,000,000천원' in the 2024 plan, '총 24,500백만원(2021~2025년)': no budget of the plan's year
        loc = doc.loc(j)
        doc.notices.append(Notice(
            "program_budget", "warning", loc, f"a budget of {year}", quoted(" ".join(line.split())),
            f"{no}번 계획의 소요예산 줄({loc.korean()})이 {year}년 한 해의 예산이 아닌 {other}의 금액이어서 계획 예산으로 읽지 않았습니다: 그 숫자는 읽지 않은 숫자로 둡니다"))
        return Program("plan", year, no, name, team or "", None, None, None, loc.line, doc.loc(block_start).line, text="\n".join(body), loc=loc), j + 1
    try:
        amount, shares = _amount_or_shares(doc, j, after, f"계획 {no} {name}")
    except NumberError as e:
        lead = leading_amount(after)
        if lead is None:
            raise doc.error(j, "a plan budget like '□ 소요예산: 총 63,553천원(구비 63,553)'" + (f" with {e}" if isinstance(e, SharesError) else ""), quoted(line)) from None
        # '총 63,553천원(구비 63,553), 2024년 70,000천원', '총 63,553천원(’23년 본예산)': the amount that
        # opens the line is the plan's; the words after it are no funding split, their numbers unread
        # (named by coverage). The report had been refused whole.
        (amount, rest), shares = lead, None
        loc = doc.loc(j)
        doc.notices.append(Notice(
            "number_note", "warning", loc, "a plan budget like '□ 소요예산: 총 63,553천원(구비 63,553)'", quoted(rest.strip()),
            f"{no}번 계획의 소요예산 줄({loc.korean()})에서 앞의 금액만 계획 예산으로 읽고, 뒤의 {quoted(' '.join(rest.split()))}은 재원 내역으로 읽지 못해 그 숫자를 읽지 않은 것으로 둡니다"))
    doc.note((j,), *amount.numbers)
    if digits:
        doc.note((j,), Decimal(digits))  # the plan's own year, read (another year's stays unread, named)
    in_label = _unit_in(doc, label)  # □ 소요예산(백만원): 총 64
    stated = [(in_label, doc.loc(j))] if in_label else _stated_units(doc, _unit_caption_before(doc, j, block_start))
    unit = amount.unit or _one_unit(doc, stated, f"plan {no}'s 소요예산") or unit_word
    loc = doc.loc(j)
    _full_stop_thousands(doc, unit, loc, f"plan {no} {name}", f"계획 {no} {name}", amount.total, *(v for _, v, u in amount.parts if (u or unit) == unit))
    program = Program("plan", year, no, name, team or "", to_cheonwon(amount.total, unit), None, None, loc.line, doc.loc(block_start).line, text="\n".join(body), loc=loc)
    program.budget_rows = [BudgetRow("", program.budget, None, None, True, loc)]
    program.funding = _funding(amount, None, unit, loc, doc)
    program.funding_shares = shares
    return program, j + 1


def _plan_budget_in_table(doc: _Doc, j: int, end: int) -> bool:
    """A plan's 소요예산 marker with no amount on its line ('□ 소요예산', '□ 소요예산 (단위:
    천원)'), a table next after it (past lines that state the unit)."""
    if _HAS_DIGIT.search(_PAREN_GROUP.sub("", doc.text[j])):
        return False
    k = j + 1
    while k < end and not doc.is_table(k) and (not doc.sq[k] or _unit_statement(doc.text[k])):
        k += 1
    return k < end and doc.is_table(k)


def _funding(budget, executed, unit, loc: Loc, doc: _Doc) -> list[Funding]:
    """Pair the budget's and the executed amount's funding parts by source."""
    out: dict[str, Funding] = {}
    for amount, attr in ((budget, "budget"), (executed, "executed")):
        if amount is None:
            continue
        for name, value, part_unit in amount.parts:
            source = funding_source(name) or name
            row = out.setdefault(source, Funding(source, None, None, loc.line, loc))
            if getattr(row, attr) is not None:
                raise doc.error(loc, "each funding source once per amount", f"'{name}' twice")
            setattr(row, attr, to_cheonwon(value, part_unit or amount.unit or unit))
    return list(out.values())


def _check_funding_names(program: Program, findings: list[Finding]) -> None:
    known = _known_sources(load_layout())
    for f in program.funding:
        if f.source not in known:
            findings.append(Finding("funding_source", "warning", f"{program.stage} {program.program_no} {program.program}", "a known funding source (layout.toml)", f.source, f"알 수 없는 재원 '{f.source}'을 적힌 그대로 둡니다", f.loc or f.source_line))


@functools.lru_cache(maxsize=4)
def _known_sources(layout: Layout) -> frozenset[str]:
    return frozenset(layout.funding_aliases.values())


# The line opening a program's results (layout.toml markers.results_heading), letter-spacing allowed.
_RESULTS_START = re.compile(
    rf"^\s*[{_BLOCK_MARKS}]\s*(?:(?:19|20)\d{{2}}\s*년\s*(?:도\s*)?)?(?:" + "|".join(r"\s*".join(map(re.escape, w)) for w in load_layout().words("markers", "results_heading")) + ")",
    re.MULTILINE,
)


def _team_index(team_duties: dict[str, list[str]]) -> tuple[list[str], list[frozenset[str]], dict[str, float], list[float]]:
    """The teams, each team's bigrams (of its name and duties), each bigram's idf weight, and
    each team's length norm."""
    teams = list(team_duties)
    grams = [frozenset(bigrams(team + " " + " ".join(team_duties[team]))) for team in teams]
    n = len(teams)
    idf = {b: math.log(1 + n / k) for b, k in Counter(chain.from_iterable(grams)).items()}
    return teams, grams, idf, [math.sqrt(len(own)) or 1.0 for own in grams]


# The inferred team's score must be this many times the next team's; a closer call is no
# inference. In 19,570 inferences of 3,000 generated reports, 7 scored under 1.25 times the next
# (2 under 1.1), all right; the property test then met one of 3.5 against 3.4 that was wrong.
_CLEAR_LEAD = 1.1


def _infer_team(program: Program, team_duties: dict[str, list[str]], findings: list[Finding], index=None, start: Loc | None = None) -> tuple[str, bool]:
    """Pick the team whose name and duties share the most (idf-weighted) character bigrams with
    the program's name (weighted 3x) and body. Recorded as an ``info`` finding at ``start``
    (where the program begins); where the next team scores almost as much (``_CLEAR_LEAD``),
    no team, and a ``warning`` naming both."""
    subject = f"{program.stage} {program.program_no} {program.program}"
    start = start or program.start_line
    if not team_duties:
        findings.append(Finding("team_inferred", "warning", subject, "a team line or an organisation table", "none", "담당팀이 적혀 있지 않고 추정할 조직표도 없습니다", start))
        return "", False
    index = index or _team_index(team_duties)
    # The purpose line and the overview name the topic; the results that follow mostly repeat it.
    head = _RESULTS_START.split(program.text, maxsplit=1)[0]
    teams, grams, idf, norms = index
    counts = bigrams(head)
    for b, k in bigrams(program.program).items():
        counts[b] += 3 * k
    value = {b: counts[b] * idf[b] for b in counts.keys() & idf.keys()}  # the bigrams any team shares, found in C
    shared = value.keys()
    # fsum: a set's order changes with the process's hash seed, a float sum's last bit with the order;
    # two teams that score the same must tie the same way in every process (the first in the table wins)
    ranked = sorted(((team, math.fsum(map(value.__getitem__, own & shared)) / norms[t]) for t, (team, own) in enumerate(zip(teams, grams))), key=lambda kv: -kv[1])
    best, score = ranked[0]
    runner = ranked[1] if len(ranked) > 1 else ("", 0.0)
    if runner[1] > 0 and score < _CLEAR_LEAD * runner[1]:  # two teams alike: a guess would be a coin's
        findings.append(Finding(
            "team_inferred", "warning", subject, "a team line under the heading", "none",
            f"담당팀을 추정할 수 없어 비워 둡니다: {best}{particle(best, '과', '와')} {runner[0]}의 업무분장이 비슷합니다 (점수 {score:.1f}, {runner[1]:.1f})", start,
        ))
        return "", True
    findings.append(Finding(
        "team_inferred", "info", subject, "a team line under the heading", best,
        f"담당팀을 조직표의 업무분장에서 추정했습니다: {best} (점수 {score:.1f}; 다음 {runner[0]} {runner[1]:.1f})",
        start,
    ))
    return best, True


# --- partner cities and participation figures -----------------------------------------------


def _parse_partner_cities(doc: _Doc, findings: list[Finding]) -> list[dict]:
    layout = doc.layout
    header_words = layout.words("markers", "partner_headers")
    relations = dict(layout.raw["partner_relations"])
    default = relations.pop("default")
    tables = []
    for t, block in enumerate(doc.blocks):
        if not isinstance(block, Table):
            continue
        texts = _grid_text(block)
        o = 1 if texts and len(texts[0]) == len(header_words) + 1 and layout.match("budget_columns", texts[0][0]) == "seq" else 0
        if not texts or [header_key(c) for c in texts[0][o:]] != header_words:
            continue
        if o:  # 연번 | 구 분 | 도시명: the numbers read where each is its row's place; the rest read as without them (o: the offset)
            _read_ordinals(doc, t, texts, 0, range(1, len(texts)))
            doc.read_whole((t, 0, 0))
            texts = [row[o:] for row in texts]
        rows = []
        for c in range(len(texts[0])):
            doc.read_whole((t, 0, c + o))
        for r in range(1, len(texts)):
            cells = texts[r]
            total = _PARTNER_TOTAL.match(squash(cells[0]))
            below = _PARTNER_TOTAL_CELL.match(squash(cells[1])) if total and len(cells) > 1 else None
            if total and below and (total["n"] or below["n"]) and not (total["n"] and below["n"]) and _row_width(block, r) == 2 + o:
                # a total row under the scopes: its count checked against the cities listed, not a scope of its own
                c = 0 if total["n"] else 1
                n = total["n"] or below["n"]
                doc.read_whole((t, r, 1 - c + o))
                if int(n) == len(rows):
                    doc.note((t, r, c + o), Decimal(n))
                else:
                    findings.append(Finding("partner_count", "error", "partner cities 계", n, str(len(rows)), f"결연도시 계가 {n}개라고 적혀 있으나 {len(rows)}개가 나열되어 있습니다", _cell_loc(block, r, c + o)))
                continue
            m = _PARTNER_SCOPE.match(squash(cells[0]))
            if not m or _row_width(block, r) != 2 + o:
                raise doc.error(_cell_loc(block, r, 0 + o), "a partner-city row like '국내(6개) | 경남 고성군, ...'", quoted(" | ".join(cells)))
            scope = "국외" if m["scope"] == "해외" else m["scope"]
            n = m["n"] or m["n2"]
            if n:
                doc.note((t, r, 0 + o), Decimal(n))
            doc.read_whole((t, r, 1 + o))
            loc = _cell_loc(block, r, 0 + o)
            cities = [c.strip() for c in re.split(r"[,，\n]", cells[1]) if c.strip()]
            if n and len(cities) != int(n):  # '경남 고성군·전남 영암군·…': the dot parts them when it gives the count stated
                dotted = [c.strip() for c in re.split(r"[,，\n·ㆍ]", cells[1]) if c.strip()]
                cities = dotted if len(dotted) == int(n) else cities
            for c in cities:
                relation = default
                rm = re.search(r"[(（]([^)）]+)[)）]\s*$", c)
                if rm:
                    said = squash(rm[1])
                    known = next((rel for word, rel in relations.items() if word in said), None)  # (우호), (우호도시)
                    c = c[: rm.start()].strip()
                    if known is not None:
                        relation = known
                    else:  # (2008): a year or a note, not the kind of tie; said, not stored as one
                        findings.append(Finding(
                            "partner_note", "info", f"partner cities {scope} {c}", "a relation (" + ", ".join(relations) + ")", rm[1],
                            f"{c}의 괄호 '{rm[1]}'는 결연 구분이 아니어서 '{default}'로 둡니다", loc,
                        ))
                region, _, city = c.rpartition(" ")
                rows.append({"scope": scope, "region": region, "city": city, "relation": relation, "source_line": loc.line, "source_loc": str(loc)})
            if m["k"]:  # '국외(3개국 4개 도시)': the countries are the cities' regions
                said = {row["region"] for row in rows if row["scope"] == scope}
                if int(m["k"]) == len(said):
                    doc.note((t, r, 0 + o), Decimal(m["k"]))
                else:
                    findings.append(Finding("partner_count", "error", f"partner cities {scope} 국가", m["k"], str(len(said)), f"{scope} 결연도시의 나라가 {m['k']}개국이라고 적혀 있으나 {len(said)}개국({', '.join(sorted(said))})이 나열되어 있습니다", loc))
            if n and int(n) != len(cities):
                findings.append(Finding("partner_count", "error", f"partner cities {scope}", n, str(len(cities)), f"{scope} 결연도시가 {n}개라고 적혀 있으나 {len(cities)}개가 나열되어 있습니다", loc))
        doc.claim(t)
        tables.append((t, rows))
    if not tables:
        return []
    first_t, first = tables[0]
    key = [(r["scope"], r["region"], r["city"], r["relation"]) for r in first]
    for t, rows in tables[1:]:
        if [(r["scope"], r["region"], r["city"], r["relation"]) for r in rows] != key:
            findings.append(Finding("partner_repeat", "warning", "partner cities", f"the table at {doc.loc(first_t).short()}", f"a different table at {doc.loc(t).short()}", "결연도시 표가 다른 도시로 다시 나옵니다. 처음 표를 씁니다", doc.loc(t)))
    return first


_NUM = r"\d{1,3}(?:,\d{3})+|\d+"
# A count as Korean writes it: 3,224 / 1천 / 1만 2천 / 14만 6,867 (억, 만, 천 each at most once, in order).
_KNUM = rf"(?=\d)(?:(?:{_NUM})\s*억\s*)?(?:(?:{_NUM})\s*만\s*)?(?:(?:{_NUM})\s*천\s*)?(?:{_NUM})?(?<=[\d억만천])"
_KNUM_WHOLE = re.compile(rf"\s*(?:{_KNUM})\s*")
_NUM_WHOLE = re.compile(_NUM)
_KPARTS = re.compile(r"(\d[\d,]*)\s*([억만천]?)")
_MAGNITUDE = {"억": 10**8, "만": 10**4, "천": 1000, "": 1}


def korean_count(text: str) -> int | None:
    """The value of a count as printed: ``3,224`` → 3224, ``1만 2천`` → 12000, ``14만 6,867`` →
    146867; None for anything a person would not read as one number (``1 307``, ``1.307``).

    >>> korean_count("14만 6,867"), korean_count("1천"), korean_count("1 307")
    (146867, 1000, None)
    """
    if _NUM_WHOLE.fullmatch(text):  # most counts: digits and commas
        return int(text.replace(",", ""))
    if not _KNUM_WHOLE.fullmatch(text):
        return None
    return sum(int(n.replace(",", "")) * _MAGNITUDE[mag] for n, mag in _KPARTS.findall(text))


_PARTICLE = r"(?:을|를|이|가|씩|에|의|과|와|로|으로|이상|이하|까지|에서|부터|에게|은|는|도|만|들이|짜리)"  # ('3개소에서 운영': had been neither read nor counted)


_KOREAN_COUNT = re.compile(r"\d\s*(?:[억만천]|여)")
"""A line that writes a count with 억/만/천 or 여: only such a line needs the slower patterns."""


@functools.lru_cache(maxsize=8)
def _metric_pattern(layout: Layout, korean: bool = True) -> re.Pattern:
    """A participation figure: a count (:data:`_KNUM` when ``korean``, digits and commas
    otherwise: the same figures on a line without 억/만/천/여, faster), then a counter word."""
    units = _unit_alternation(layout)
    num = _KNUM if korean else _NUM
    return re.compile(
        rf"(?<![\d.,\ufffd])(?P<num>{num})\s*{'여?' if korean else ''}\s*(?P<unit>{units})(?=$|[^가-힣]|{_PARTICLE}{{1,3}}(?:[^가-힣]|$))"
    )


def _words_pattern(words) -> str:
    """An alternation of literal words, longest first, a space in one standing for any spaces."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s*") for w in sorted(words, key=len, reverse=True))


def _unit_alternation(layout: Layout) -> str:
    """The counter words of ``metric_units``, longest first, each with the words after which it is
    no counter (``metric_unit_not_before``: '1인 가구') excluded."""
    guards = layout.raw.get("metric_unit_not_before", {})
    return "|".join(
        (_AFTER_ONE_DIGIT if u == "인" else "") + re.escape(u).replace(r"\ ", r"\s*") + (rf"(?!\s*(?:{_words_pattern(guards[u])}))" if u in guards else "")
        + ("(?![A-Za-z])" if u[-1:].isascii() and u[-1:].isalpha() else "")  # ('5t', not '5th'; '10kg', not '10kgs')
        for u in sorted(layout.metric_units, key=len, reverse=True)
    )


_AFTER_ONE_DIGIT = r"(?<![^\d,]\d)(?<!^\d)"  # not after a number of one digit ('1인 미디어', '4인 가족': no count)


@functools.lru_cache(maxsize=8)
def _money_amount_pattern(layout: Layout) -> re.Pattern:
    """A number followed by a money unit word (``12,000천원``, ``3.5억원``): an amount of money."""
    units = "|".join(sorted(map(re.escape, layout.money_units), key=len, reverse=True))
    return re.compile(rf"(?<![\d.,\ufffd])\d[\d,]*(?:\.\d+)?\s*(?:{units})(?![가-힣])")


@functools.lru_cache(maxsize=8)
def _unknown_figure_pattern(layout: Layout) -> re.Pattern:
    """A number with Hangul right after it that is neither a figure the metric patterns know nor a
    date, time, age or order (``not_figures``): ``100포``, ``5개사``, ``500만원``. Counted by
    coverage as unread, so a count whose counter word is not in ``metric_units`` is named, never
    lost without a word."""
    guards = layout.raw.get("metric_unit_not_before", {})
    words = [w for w in layout.words("not_figures", "words") if w not in ("세", "주")]
    # 주 is weeks after a number of one or two digits ('4주 과정'); after more it counts trees or shares ('식재 1,200주')
    no_count = "|".join([_words_pattern(words), "세(?!대)", r"(?<=[1-9]0)대", r"(?<!\d\d\d)(?<!,)주"] + [rf"{re.escape(u)}\s*(?:{_words_pattern(w)})" for u, w in guards.items()])  # 65세, 20대: ages; 25세대, 3대: counts
    # The number stands on its own (not in a word: 코로나19로) and the word after it is short, as a
    # counter word is (not 119안전센터), or begins with a counter word ('3개소운영', no space: it had been
    # neither read nor counted); 인 after one digit is no count (1인 미디어).
    units = _unit_alternation(layout)
    return re.compile(rf"(?<![\d.,가-힣A-Za-z])(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?=[가-힣%])(?!{no_count})(?<![^\d,]\d(?=인))(?P<word>[가-힣]{{1,3}}(?![가-힣])|%|(?:{units})[가-힣]+)")


@functools.lru_cache(maxsize=8)
def _figure_token_pattern(layout: Layout, korean: bool = True) -> re.Pattern:
    """A figure as a person reads it, generously: digits with any commas, dots, spaces (and, when
    ``korean``, 억/만/천 and 여) inside, then a counter word. What it takes in is compared with
    what the metric pattern read."""
    units = _unit_alternation(layout)
    # A glyph that maps to no character (U+FFFD, a PDF's) is taken in as a digit: '1,\ufffd07명' is
    # one figure, which no count reads (it is unread, and named), never 7.
    # The run of digits is possessive (*+): no shorter run can be followed by a counter word where
    # the longest is not (it ends before a digit, a comma or a space and a digit), and giving it
    # back step by step made a long line of numbers without a unit ('1,234 1,234 …', 30 KB) take
    # 45 s, every start position trying every shorter run (with the start below: 0.1 s).
    num = r"[\d\ufffd](?:[\d,\ufffd]|[.\s](?=\d)|\s*[억만천]\s*(?=\d))*+(?:\s*[억만천])?)\s*여?" if korean else r"[\d\ufffd](?:[\d,\ufffd]|[.\s](?=\d))*+)"
    # A figure starts at the first digit of its run, not after a digit and a comma, dot or space: a start
    # inside the run reaches the run's same end and fails or matches as the first did.
    # (Where 억/만/천 join a run, '1만 2', a start after one of them and a digit, a space either side
    # at most, is inside a run too: '1만1만…' on a 100 KB line had taken 330 s.)
    inside = r"(?<![\d\ufffd][억만천])(?<![\d\ufffd][억만천]\s)(?<![\d\ufffd]\s[억만천])(?<![\d\ufffd]\s[억만천]\s)" if korean else ""
    return re.compile(rf"(?<![\d\ufffd])(?<![\d\ufffd][.,\s]){inside}(?P<num>{num}\s*(?:{units})(?=$|[^가-힣]|{_PARTICLE}{{1,3}}(?:[^가-힣]|$))")


_CLAUSE_SEP = re.compile(r"(?<!\d),|,(?!\d)|[/;]")  # a comma between digits is a thousands separator
# Inside a bracket of parts, a middle dot before the next part's word and figure separates them too ('(생계 98건·의료 40건)').
_PART_SEP = re.compile(r"(?<!\d),|,(?!\d)|[/;]|[·ㆍ](?=\s*[가-힣]{1,6}\s*\d)")
_GENERIC_KEYS = re.compile(r"^(?:실적|대상|기간/?대상|교육대상|참여|활동실적|용역결과|내용|주요내용|방법|지원대상|사업대상|규모)$")
# A line's key that is its date or period ('‘22. 5.~10. : 교육 6회 120명', '2022. 3월 : …', '9월 :'): a 군's dated
# bullets under □ 추진상황. No label of the figures (it had been their head: '‘22. 5.~10. — 귀농귀촌 교육');
# its year, where printed, is the figures' year.
_MONTH = r"(?:\d{1,2}\s*(?:\.|월)(?:\s*\d{1,2}\s*\.?)?|[상하]반기|\d\s*분기)"
# ('3~4월', '5~10월': the first month of a range may print no mark of its own)
_DATE_KEY = re.compile(rf"^(?:(?:(?P<y>(?:19|20)\d{{2}})|[’'‘`](?P<yy>\d{{2}}))\s*[.년]\s*)?(?:{_MONTH}|\d{{1,2}}(?=\s*[~～∼\-–]))(?:\s*[~～∼\-–]\s*(?:(?:(?:19|20)\d{{2}}|[’'‘`]\d{{2}})\s*[.년]\s*)?{_MONTH})?\s*(?:중|초|말|경)?$")


def _line_parts(text: str, indent: int) -> tuple[int, str, str, str]:
    """(level, bullet-less text, key before ':', value after ':')."""
    stripped = text.lstrip()
    level = 0 if stripped.startswith(("○", "ㅇ", "❍", "◯", *_BLOCK_MARKS)) else 1 + indent
    text = stripped.lstrip(LIST_MARKS + "-–— ").strip()
    key, sep, value = text.partition(":")
    if not sep or key.rstrip()[-1:].isdigit():
        key, value = "", text
    return level, text, key.strip(), value.strip()


_OPEN_AFTER = re.compile(r"\s*[(（]")
_CLOSE = re.compile(r"[)）]")


def _clause_label(value: str, start: int, end: int) -> str:
    """The words of the clause around value[start:end], the figure itself removed."""
    depth_open = value.rfind("(", 0, start)
    close = value.find(")", end)
    prefix = ""
    sep = _CLAUSE_SEP
    if depth_open != -1 and value.find(")", depth_open, start) == -1 and close != -1:
        prefix = value[:depth_open]
        prefix = _CLAUSE_SEP.split(prefix)[-1]
        inner_start, inner_end = depth_open + 1, close
        sep = _PART_SEP
    else:
        inner_start, inner_end = 0, len(value)
    seps = [m.end() - inner_start for m in sep.finditer(value, inner_start, inner_end) if m.end() <= start]
    lo = inner_start + (seps[-1] if seps else 0)
    # A bracket right after the figure is its breakdown or note ('1,284명(공익활동 1,050명, 사회서비스형
    # 134명, …)'): none of its words is the figure's label (it had been labelled '공익활동', its first part's).
    after = end
    if (opened := _OPEN_AFTER.match(value, end, inner_end)) and (shut := _CLOSE.search(value, opened.end(), inner_end)):
        after = shut.end()
    nxt = sep.search(value, after, inner_end)
    hi = nxt.start() if nxt else inner_end
    clause = value[lo:start] + " " + value[after:hi]
    clause = _PAREN_GROUP.sub(" ", clause)
    label = f"{prefix} {clause}".replace("(", " ").replace(")", " ")
    return " ".join(label.split()).strip(" :·-")


@functools.lru_cache(maxsize=4)
def _metric_unit_of(layout: Layout) -> dict[str, str]:
    return {squash(k): v for k, v in layout.metric_units.items()}


_CHANGE_AFTER = re.compile(r"^\s*\)?\s*(?:증가|감소|늘|줄|상승|하락|초과|미달|증|감)")
_CHANGE_BEFORE = re.compile(r"(?:[△▲▼▽+＋]|대비|증감|전년比|대비\s*[증감])\s*$")  # ('전년 대비 증 60명')
_RANGE_BEFORE = re.compile(rf"(?:{_KNUM})\s*(?:[가-힣]{{1,3}})?\s*[~∼～]\s*$")
_RANGE_AFTER = re.compile(r"^\s*[~∼～]\s*\d")
_CHANGE_WORDS = re.compile(r"대비|증감|전년")
_LONE_SIGN = re.compile(r"(?:^|\s+)[△▲▼▽](?=\s|$)")  # the sign of a figure taken out of the label
_DECREASE_BEFORE = re.compile(r"(?:[△▼▽]|(?<![\d~∼～])[\-−]|대비\s*감)\s*$")  # '3-5명' is a range, not minus 5; '전년 대비 감 20명' 
_DECREASE_AFTER = re.compile(r"^\s*\)?\s*(?:감소|감축|줄|하락|↓|감(?![가-힣]))")
_INCREASE_AFTER = re.compile(r"^\s*\)?\s*(?:증가|증원|늘|상승|↑|증(?![가-힣]))")
_NAME_LIST = re.compile(r"[,，、·ㆍ]")


def _after_ordinal(text: str, start: int) -> bool:
    """Whether the figure at ``start`` is an ordinal (``제15회``: which edition, no count): 제 a word
    of its own, not the end of one (``축제 2회 개최``, ``영화제 3회``, ``경제 교육 4회``: counts)."""
    return _ORDINAL_BEFORE.search(text, max(0, start - 8), start) is not None


_ORDINAL_BEFORE = re.compile(r"(?<![가-힣])제\s*$")


def _keep_ordinal(m: re.Match) -> str:
    """A figure taken out of a label, except an ordinal (``제15회``), which is part of a name."""
    return m.group(0) if _after_ordinal(m.string, m.start()) else ""


def _figure_kind(before: str, after: str, year: int | None = None) -> str | None:
    """A kind the words right around a figure settle before :func:`metric_kind` looks:
    ``change`` (``전년 대비 △5명``, ``207명 증가``: a difference, not a count), ``range``
    (``100~150명``: neither end was achieved as such), ``earlier`` (``(2021년 210명)``,
    ``전년 210명``: another year's figure, given to compare; ``(당초 1,200명)``: the one a figure
    replaced) or ``target`` (a later year's:
    ``2023년 500명``); None otherwise."""
    tail = before[-40:]  # the patterns look at the words right before: no need to scan the line
    if _PLANNED_BEFORE.search(tail) and _EXCEEDED_AFTER.match(after):
        return "target"  # '(당초 목표 250명 초과 달성)': the target exceeded, no difference
    if (_CHANGE_BEFORE.search(tail) and not _AGAINST_TARGET.search(tail)) or _CHANGE_AFTER.match(after):
        return "change"
    if "년" in tail or "年" in tail or "’" in tail or "'" in tail or "‘" in tail:  # before the words of a change in the bracket: '(전년 210명)' is no difference
        other = _YEAR_BEFORE.search(tail)
        if other:
            if other["last"]:
                return "earlier"
            said = _year_said(other)
            if year is not None and said != year:
                return "earlier" if said < year else "target"
    if _SUPERSEDED_BEFORE.search(tail):  # '(당초 1,200명)': the figure it replaced
        return "earlier"
    if _WHOLE_BEFORE.search(tail) and _OF_IT_AFTER.match(after):  # '30개소 구축(전체 150개소 중)': the whole they are of
        return "whole"
    opened = before.rfind("(")
    if opened != -1 and ")" not in before[opened:] and _CHANGE_WORDS.search(before, opened):
        clause = max(opened, before.rfind(","), before.rfind("，"))  # ('(전년 100명, 금년 120명)': the 120 is this year's, in a clause of its own)
        if clause == opened or _CHANGE_WORDS.search(before, clause) or not _of_the_year(tail, year):
            return "change"
    if ("~" in tail or "∼" in tail or "～" in tail) and _RANGE_BEFORE.search(tail) or _RANGE_AFTER.match(after):
        return "range"
    if "중" in tail and _SUBSET_BEFORE.search(tail) and not _TIME_BEFORE_JUNG.search(tail):  # '15명 중 9명 취업': a part of the figure before it ('11월 중 1회': a time)
        return None if _TARGET_SUBSET.search(tail) else "part"  # '계획 50회 중 48회 실시': done against a plan
    if _PLANNED_BEFORE.search(tail) and _AGAINST_AFTER.match(after):  # the 50 of '계획 50회 중 48회', the 3 of '계획 3회 대비 1회'
        return "target"
    return None


# A figure superseded by the one printed beside it: '1,250명(당초 1,200명)', '변경 전 10회', '최초 계획 5개소'.
_SUPERSEDED_BEFORE = re.compile(r"(?:^|[^가-힣])(?:당초|최초|변경\s*전|조정\s*전)\s*(?:계획|목표|인원|예정|실적|규모)?\s*[:：]?\s*$")
_WHOLE_BEFORE = re.compile(r"(?:^|[^가-힣])(?:전체|총|관내|전|대상)\s*$")
_OF_IT_AFTER = re.compile(r"\s*중\s*(?:에서)?\s*[)）]")
_EXCEEDED_AFTER = re.compile(r"\s*(?:을|를)?\s*(?:초과|상회|하회|미달)")
_PLANNED_BEFORE = re.compile(r"(?:목표|계획|정원|모집인원|모집정원)\s*$")
_AGAINST_AFTER = re.compile(r"\s*(?:중|대비)(?![가-힣])")
_TARGET_SUBSET = re.compile(r"(?:목표|계획|정원|모집인원|모집정원)\s*[\d,.]+\s*[가-힣]{0,3}\s+중\s*(?:[가-힣]{1,6}\s*){0,2}$")
_TIME_BEFORE_JUNG = re.compile(r"\d\s*(?:월|일|년|분기|반기|주)\s+중(?:에서|에)?(?![가-힣])\s*(?:[가-힣]{1,6}\s*){0,2}$")
# (중 a word of its own, after a figure of its own: not '코로나19 상황 중에도 12회 운영', where nothing is drawn from)
_SUBSET_BEFORE = re.compile(r"(?<![가-힣A-Za-z\d,.])[\d,.]*\d\s*[가-힣]{0,3}\s+중(?:에서|에)?(?![가-힣])\s*(?:[가-힣]{1,6}\s*){0,2}$")  # '240명 중 현장 채용 56명'

# '목표 4회 대비 5회 실시': the figure after 대비 is what was done against a target, no difference.
_AGAINST_TARGET = re.compile(r"(?:목표|계획|정원|모집인원|모집정원)\s*(?:[\d,.]+\s*[가-힣]{0,3}|[가-힣]{1,4})?\s*대비\s*$")  # ('정원 대비 38/40명')
# Another year's figure: '(2021년 210명)', '’21년 실적 210명', '전년 210명', '전년도 동기 210명'.
_YEAR_BEFORE = re.compile(r"(?:(?<!\d)(?P<y>(?:19|20)\d{2})|[’'‘`](?P<yy>\d{2})|(?P<last>전년도?|작년|前年)(?:\s*동기)?)\s*년?도?\s*[)）]?\s*(?:(?:실적|인원|참여|기준|동기|대비|수준|신규)\s*)?[:：(（]?\s*$")


_THIS_YEAR_BEFORE = re.compile(r"(?:올해|금년도?|당해\s*연?년?도|이번\s*해)\s*(?:(?:실적|신규|참여|이용)\s*)?[:：]?\s*$")


def _of_the_year(before: str, year: int | None) -> bool:
    """Whether the words right before a figure name the results' own year (``(2022년 320명)``,
    ``’22년 실적 320명``, ``(올해 2만 1천명)``), which makes it this year's whatever the words of
    its clause say."""
    if _THIS_YEAR_BEFORE.search(before[-20:]):
        return True
    m = _YEAR_BEFORE.search(before[-40:])
    return m is not None and not m["last"] and year is not None and _year_said(m) == year


@functools.lru_cache(maxsize=4)
def _changed_to(layout: Layout) -> re.Pattern:
    """'8개소 → 12개소로 확대', '8개소에서 12개소로 늘려': the first figure is what the second replaced
    (``earlier``), by an arrow or 에서 and the second's 로 before a word of ``changed_to_after``."""
    return re.compile(rf"\s*(?:[→⇒➜➡]|에서)\s*(?:{_KNUM})\s*[가-힣]{{0,4}}?\s*(?:으로|로)\s*(?:{_words_pattern(layout.words('metric_kinds', 'changed_to_after'))})")


def _to_same_unit(after: str, unit: str) -> bool:
    """'520명 → 598명': a figure with only an arrow between it and one of its unit is what that
    one replaced (``earlier``); not a stage ('신청 120명 → 선정 80명': words between)."""
    m = re.match(rf"\s*[→⇒➜➡]\s*(?:{_KNUM})\s*여?\s*", after)
    return m is not None and after[m.end():].startswith(unit)


def _range_text(value: str, m: re.Match) -> str:
    """The printed range a figure belongs to: ``100~150명``."""
    lo = _RANGE_BEFORE.search(value[: m.start()])
    start = lo.start() if lo else m.start()
    hi = re.match(rf"\s*[~∼～]\s*(?:{_KNUM})\s*[가-힣]{{0,3}}", value[m.end():])
    end = m.end() + (hi.end() if hi else 0)
    return " ".join(value[start:end].split())


# '외' as its own word after a name (병원 외 9개), or after a name of an institution without a space
# (씨엠병원외 5개): the figure counts the others besides the name; '야외', '해외', '국내외' (one word)
# and '그 외', '이 외' (the others, no name) add nothing.
_NAMED_OTHERS = re.compile(r"(?:^|\s)[(（\[「『]?(?!그\s|이\s)\S+\s+외$|\S(?:병원|의원|기관|센터|학교|협회|재단|회사|대학교?|단체|기업|법인)외$")


def _names_before(text: str) -> int:
    """How many names stand before a figure's ``외`` (``A, B 외 8개 기관`` counts the 2 listed
    as well): the items of the comma list after the clause's ``:`` or ``(``, when every item is
    a short name; 1 otherwise."""
    tail = re.split(r"[:(（]", text)[-1]
    items = [squash(x) for x in _NAME_LIST.split(tail)]
    if len(items) > 1 and all(0 < len(x) <= 20 and not _HAS_DIGIT.search(x) for x in items):
        return len(items)
    return 1


_VERB_BETWEEN = re.compile(r"\s*[가-힣]{1,4}\s*")
_COUNTED_NOUN = re.compile(r"\s*[가-힣]{1,4}\s*")  # the noun '개' counts, before its brackets: '18개 동(…)' (not '1,307명 수료 (…)')
_INCLUDED_END = re.compile(r"포함\s*[)）]$")


def _mark_breakdowns(value: str, line_rows: list[tuple[int, int, dict]]) -> list[tuple[dict, list[dict]]]:
    """Figures in brackets that add up to the figure of the same unit right before or after the
    brackets, or with only other figures between (``3,224명(어르신 1,200명, 청년 2,024명)``,
    ``(1차 400명, 2차 450명) 850명``, ``1,023가구 1,587명 (귀농 112가구, 귀촌 911가구)``), and one
    smaller figure the brackets say is included (``1,200가구 (기초수급 301가구 포함)``) are its
    parts: kind ``part``, so that the total is not counted twice.

    Groups in brackets right after a result, each smaller, that add up to more than it
    (``100명 참여(남 50, 여 70명)``: a misprint of one of them) are parts too, the total kept as
    printed; they are returned as ``(total, groups)`` for a finding that names the line. Groups of
    which some are planned (``40명 참여(1기 20명, 2기 20명 예정)``) that add up to the figure make it
    the year's plan (``target``), the groups done the result."""
    spans = [(s, e) for s, e, _ in line_rows]
    over: list[tuple[dict, list[dict]]] = []

    def only_figures(a: int, b: int) -> bool:  # nothing but figures between a and b ('1,023가구 1,587명 (…)')
        text = value[a:b]
        for s, e in spans:
            if a <= s and e <= b:
                text = text.replace(value[s:e], " ", 1)
        return not text.strip()

    for g in _PAREN_GROUP.finditer(value):
        inside = [r for s, e, r in line_rows if g.start() < s and e <= g.end()]
        if not inside:
            continue
        included = len(inside) == 1 and _INCLUDED_END.search(value, g.start(), g.end()) is not None  # '(기초수급 301가구 포함)'
        # One result of the unit in brackets right after a result, no larger, is a group of it or it again: '300명(청소년 120명)',
        # '30명(취업 12명)', '300명(남 120, 여 180명)' (the unit written once), not more people.
        # (or one result beside figures that are no results: the 20 of '강좌 20개(당초 18개 → 20개로 확대)')
        subset = sum(r["kind"] == "result" for r in inside) == 1 and all(r["kind"] in ("result", "earlier", "change", "target", "range") for r in inside) and not _BESIDES.search(value, g.start(), g.end())
        if len(inside) < 2 and not included and not subset:
            continue
        for s, e, outer in line_rows:
            beside = (e <= g.start() and (only_figures(e, g.start()) or (outer["unit"] == "개" and _COUNTED_NOUN.fullmatch(value, e, g.start())))) or (s >= g.end() and only_figures(g.end(), s))
            parts = [r for r in inside if r["unit"] == outer["unit"] and r["kind"] == "result"]  # ('(전년 1,100명 대비 134명 증가)': another year's and a change)
            adds_up = len(parts) >= 2 and sum(r["value"] for r in parts) == outer["value"]
            # Groups of it that add up to less, right after a result: '150명 참여(남 50, 여 70명)', '120명(초등 50, 중등 40명 등)'
            # (some of those reached named, or a list printed short), not more people; those besides it stay ('(인솔교사 5명, 학부모 10명)').
            within = (len(parts) >= 2 and not adds_up and e <= g.start() and outer["kind"] == "result"
                      and sum(r["value"] for r in parts) < outer["value"] and not _BESIDES.search(value, g.start(), g.end()))
            # Groups each smaller that add up to more: '100명 참여(남 50, 여 70명)' (a misprint; named, the total kept)
            exceeds = (len(parts) >= 2 and e <= g.start() and outer["kind"] == "result" and sum(r["value"] for r in parts) > outer["value"]
                       and all(r["value"] < outer["value"] for r in parts) and not _BESIDES.search(value, g.start(), g.end()))
            # Groups done and planned that add up to it: '40명 참여(1기 20명, 2기 20명 예정)': the 40 is the year's plan
            planned = [r for r in inside if r["unit"] == outer["unit"] and r["kind"] == "target"]
            with_planned = (bool(parts) and bool(planned) and e <= g.start() and outer["kind"] == "result"
                            and sum(r["value"] for r in parts + planned) == outer["value"])
            if (adds_up or within or exceeds or with_planned) and not beside and e <= g.start() and _VERB_BETWEEN.fullmatch(value, e, g.start()):
                beside = True  # '120명 참여(남 50, 여 70명)': the figure's verb before the brackets that break it down
            if not beside or not parts:
                continue
            if with_planned:
                outer["kind"] = "target"
                break
            if exceeds:
                for r in parts:
                    r["kind"] = "part"
                if not _run_adds_up(parts, outer["value"]):  # ('130명(남 60, 여 70, 외국인 20)': a group across them, no misprint)
                    over.append((outer, parts))
                break
            if adds_up or within or (included and parts[0]["value"] < outer["value"]) or (
                    subset and e <= g.start() and outer["kind"] == "result" and parts[0]["value"] <= outer["value"]):  # (or the same figure again: '18개 동(여의동 외 17개 동)')
                for r in parts:
                    r["kind"] = "part"
                break
    return over


_TIMES_BETWEEN = re.compile(r"\s*[가-힣]{0,4}\s*[×xX*✕]\s*")  # '4개 반 × 30명', '12개 동 × 2회', '3회 x 40명'


def _mark_products(value: str, line_rows: list[tuple[int, int, dict]]) -> None:
    """'A × B': a figure per each of the other (``120명(4개 반 × 30명)``: 30 people a class,
    ``12개 동 × 2회``: two visits a 동), no count of its own: kind ``rate``. It is the factor of the
    unit of the product when the line prints one (the 30명 of the 120명), else the second. The
    other factor counts what it counts (4 classes, 12 동)."""
    rows = [r for _, _, r in line_rows]
    for (_, e, a), (s, _, b) in zip(line_rows, line_rows[1:]):
        if not _TIMES_BETWEEN.fullmatch(value, e, s) or a["unit"] == b["unit"]:
            continue
        product = next((r for r in rows if r is not a and r is not b and r["value"] == a["value"] * b["value"] and r["unit"] in (a["unit"], b["unit"])), None)
        per = a if product is not None and product["unit"] == a["unit"] else b
        if per["kind"] == "result":
            per["kind"] = "rate"


# A total printed beside its parts, outside brackets: '상반기 450명, 하반기 520명, 계 970명',
# '총 970명 - 상반기 450명, …', '450명 + 520명 = 970명' (the word or sign right before the figure).
_ETC_BEFORE = re.compile(r"\d\s*[가-힣]{0,3}\s*등\s*(?:총\s*)?$")  # '청소년 40명 등 120명': the figure after a list ended by 등
_LISTED_BEFORE = re.compile(r"(?:[^,，;]*\d[^,，;]*[,，]\s*)*[^,，;]*\d\s*[가-힣]{0,3}\s*등\s*(?:총\s*)?")  # (a list of figures, one clause each)
_TOTAL_BEFORE = re.compile(r"(?:^|[\s(（\[:：,/])(?:계|합계|총계|총|전체)\s*[:：]?\s*$|=\s*$")


def _mark_of_whole(value: str, line_rows: list[tuple[int, int, dict]], key: str = "") -> None:
    """'38명/40명': of two results of a unit with only a slash between, the first, no larger, is
    done out of the second (as in '40명 중 38명'): kind ``part``, so that 78 people are not counted.
    After a target's 대비 (``정원 대비 38/40명``, ``목표 대비 38/40명``) the second is that target and
    the first the result."""
    for (f, e, first), (s, e2, second) in zip(line_rows, line_rows[1:]):
        if (first["unit"] == second["unit"] and first["kind"] == second["kind"] == "result"
                and first["value"] <= second["value"] and _SLASH_ONLY.fullmatch(value, e, s) and _out_of_whole(f"{key}: {value[:f]}" if key else value[:f], value[line_rows[-1][1]:])):
            against = _AGAINST_TARGET.search(value[max(0, f - 40):f])
            if against:
                second["kind"] = "target"
                second["label"] = first["label"].replace(" ".join(against.group(0).split()), against.group(0).split()[0].rstrip("0123456789,."), 1)  # '… — 정원'
            elif _ACHIEVED_AFTER.match(value, e2):  # '612명/700명(달성률 87.4%)': the result out of its target
                second["kind"] = "target"
                second["label"] = f"{first['label']} — 목표"
            elif _REACH_RATE.search(f"{key} {value[:f]}"):  # '접종률 85%(1,700명/2,000명)': those reached out of all aimed at
                second["kind"] = "whole"
            else:
                first["kind"] = "part"


# A rate achieved right after 'N/M' ('612명/700명(달성률 87.4%)', '… 목표 대비 87.4%'): N is the result, M its target.
_ACHIEVED_AFTER = re.compile(r"\s*[(（]?\s*(?:목표\s*)?(?:대비\s*)?(?:달성[률율도]|목표\s*대비)")


# A rate of reach before 'N/M' (참여율, 접종률, 달성률…): N are those reached, M all those aimed at (a whole),
# unlike an outcome's rate (수료율, 취업률 38/40명: the 40 took part, the 38 are of them).
_REACH_RATE = re.compile(r"(?:참여|참가|참석|접종|검진|수검|보급|가입|등록|이용|수혜|달성|발굴|신청)\s*[률율]")


# People beside the ones counted, in brackets: '49명(인솔교사 5명)', '(학부모 49명)', '300명(외국인 20명 별도)',
# '(20명 추가)': more people, not a group of them (nor the figure again).
_BESIDES = re.compile(r"별도|추가|인솔|보호자|학부모|부모|교사|강사|자원봉사|봉사자|스태프|운영진|관계자")
_SLASH_ONLY = re.compile(r"\s*/\s*")
_LABEL_PAIR = re.compile(r"[가-힣](?:\s*/\s*|\s+대비\s+)\d*[가-힣]")  # 남/여, 1기/2기, 상/하반기, 남 대비 여


_PAIRED_LABELS = re.compile(r"(?:^|(?<=[\s(（:：,]))(?P<labels>(?:(?:19|20)\d{2}년|\d?[가-힣]{1,8})(?:\s*(?:/|\s대비\s)\s*(?:(?:19|20)\d{2}년|\d?[가-힣]{1,8}))+)\s*[:：]?\s*$")
_PAIR_SEPARATOR = re.compile(r"\s*/\s*|\s+대비\s+")  # '목표/실적', '계획 대비 실적' (labels in the figures' order)


def _paired_words(key: str, value: str, spans: list[tuple[int, int]]) -> dict[int, str]:
    """The label of each figure of 'A/B N/M' (``참여/정원 38명/40명``, ``목표/실적: 40명/38명``,
    ``신청/선정 120명/80명``), by where the figure starts in ``value``: the figures of a run that
    only slashes part are labelled, in order, by as many labels slashed together right before
    the run (or in the line's key, when the run opens the value), each figure then kinded by
    its own label ('정원 40명', '목표 40명'), not by the words before the run."""
    own: dict[int, str] = {}
    n = 0
    while n < len(spans):
        run = [spans[n]]
        while n + len(run) < len(spans) and _SLASH_ONLY.fullmatch(value, run[-1][1], spans[n + len(run)][0]):
            run.append(spans[n + len(run)])
        if len(run) >= 2:
            before = value[: run[0][0]]
            m = _PAIRED_LABELS.search(before) or (_PAIRED_LABELS.search(key) if key and not before.strip() else None)
            labels = [w.strip() for w in _PAIR_SEPARATOR.split(m["labels"])] if m else []
            if len(labels) == len(run):
                own.update({s: w for (s, _), w in zip(run, labels)})
        n += len(run)
    return own


def _out_of_whole(before: str, after: str) -> bool:
    """Whether 'N/M' is N out of M: yes with no pair of labels on the line ('수료: 38명/40명'), or
    under one whose second names the whole ('수료/참여: 38명/40명'); no under a pair of groups
    ('1기/2기: 38명/40명', '남/여 12명/12명', '상반기/하반기 20명/30명', '1회/2회 실시(상/하반기)'):
    two groups, each a result."""
    if _OF_WHOLE_LABEL.search(before):
        return True
    return not (_LABEL_PAIR.search(before) or _LABEL_PAIR.search(after))


# A pair of labels whose second names the whole ('수료/참여', '참여/정원').
_OF_WHOLE_LABEL = re.compile(r"[가-힣](?:\s*/\s*|\s+대비\s+)(?:참여|참가|신청|정원|모집|대상|목표|계획|전체|총원|인원)[가-힣]{0,3}(?:\s+[가-힣]{1,4})?\s*[:：]?\s*$")


# A number without its counter word right before a slash and a figure: the 38 of '수료율 38/40명'.
_BARE_BEFORE_SLASH = re.compile(r"(?<![\d.,가-힣A-Za-z])(\d{1,3}(?:,\d{3})+|\d+)\s*/\s*(?=\d)")


class _BareCount:
    """The number of 'N/M명' that has no counter word of its own, with the figure's after it (as the
    metric pattern's match would give it: ``num``, ``unit``, ``start``, ``end``, ``group``)."""

    def __init__(self, bare: re.Match, figure: re.Match):
        self.string = bare.string
        self._num, self._unit = bare.group(1), figure["unit"]
        self._span = bare.span(1)

    def __getitem__(self, name: str) -> str:
        return self._num if name == "num" else self._unit

    def start(self, group=0) -> int:
        return self._span[0]

    def end(self, group=0) -> int:
        return self._span[1]

    def group(self, group=0) -> str:
        return f"{self._num}{self._unit}"


# …or one of a list of labelled numbers whose last one has it: the 50 of '(남 50, 여 70명)', the 50
# and the 40 of '(초등 50, 중등 40, 고등 30명)' (the next labelled number starts where the match ends).
# (a label may begin with its order: the 45 of '(1회차 45, 2회차 40명)', of '(1기 20, 2기 25명)')
_BARE_IN_LIST = re.compile(r"(?<=[(（,])\s*(?:\d{1,2}\s*)?[가-힣]{1,6}\s*(\d{1,3}(?:,\d{3})+|\d+)(?=\s*,\s*(?:\d{1,2}\s*)?[가-힣]{1,6}\s*\d)")
_LIST_NEXT = re.compile(r"\s*,\s*(?:\d{1,2}\s*)?[가-힣]{1,6}\s*")


def _bare_counts(value: str, starts) -> list[tuple[re.Match, int]]:
    """The numbers without a counter word that count what the figure after them counts, each
    with where that figure starts (one of ``starts``): 'N/M명' (``수료율 38/40명``) and a list of
    labelled numbers (``(남 50, 여 70명)``)."""
    out = []
    if "/" in value:
        out += [(b, b.end()) for b in _BARE_BEFORE_SLASH.finditer(value) if b.end() in starts]
    if "," in value:
        chain = {}  # where each bare number of the list starts -> the number, and where the one after it starts
        for b in _BARE_IN_LIST.finditer(value):
            chain[b.start(1)] = (b, _LIST_NEXT.match(value, b.end()).end())
        for b, nxt in chain.values():
            seen = set()
            while nxt in chain and nxt not in seen:  # '(초등 50, 중등 40, 고등 30명)': through the 40 to the 30명
                seen.add(nxt)
                nxt = chain[nxt][1]
            if nxt in starts:
                out.append((b, nxt))
    return out


def _labelled_numbers(label: str) -> tuple[re.Pattern, re.Pattern]:
    """A bracket of two or more numbers each after a label (``label``) and with no counter word
    ('(남 70, 여 50)'), its items in group 1; and one item, its number in group 1."""
    number = r"\d{1,3}(?:,\d{3})+|\d+"
    item = rf"(?:{label})\s*(?:{number})(?![\d년])"
    return re.compile(rf"\s*[(（](\s*{item}(?:\s*[,，·ㆍ]\s*{item})+\s*)[)）]"), re.compile(rf"(?:{label})\s*({number})(?![\d년])")


# A label is a word or up to three ('(아케이드 보수 2, 고객지원센터 3)': the 2 and 3 had been neither read nor
# counted, 100% read with two figures lost).
_WORDS_LABEL = r"[가-힣]{1,6}(?: [가-힣]{1,6}){0,2}"
_BARE_BRACKET, _BARE_ITEM = _labelled_numbers(_WORDS_LABEL)
# The same, its labels words or years ('(2021년 100, 2022년 120)'): what coverage counts in a results paragraph.
_LABELLED_BRACKET, _LABELLED_ITEM = _labelled_numbers(r"(?:19|20)\d{2}\s*년도?|[’'‘`]\d{2}\s*년도?|" + _WORDS_LABEL)


def _bare_after(value: str, matches) -> list[tuple[re.Match, re.Match]]:
    """The numbers of a bracket right after a figure that print no counter word at all, each
    with that figure (whose unit they count): ``메달 135개(금 42, 은 38, 동 55)``, ``120명(남 70, 여
    50)``. They had been neither read nor counted by coverage (100% read with three figures lost)."""
    out = []
    for m in matches:
        bracket = _BARE_BRACKET.match(value, m.end())
        if bracket:
            out += [(b, m) for b in _BARE_ITEM.finditer(value, bracket.start(1), bracket.end(1))]
    return out


def _with_bare_counts(value: str, matches: list) -> list:
    """The figures of a line, with the numbers that print no counter word of their own taken as
    counts of the unit of the figure after them (:func:`_bare_counts`: ``수료율 38/40명``,
    ``(남 50, 여 70명)``): the 38 and the 50 had been neither read nor counted by coverage."""
    if not matches or ("/" not in value and "," not in value and "·" not in value and "ㆍ" not in value):
        return matches
    at = {m.start(): m for m in matches}
    bare = [_BareCount(b, at[start]) for b, start in _bare_counts(value, at)]
    # (after a figure, only numbers smaller than it are its breakdown: the 150 and 200 of '강좌 12개(청소년 150,
    # 성인 200)' are no 강좌; they stay unread, named by the coverage, which counts them all)
    bare += [_BareCount(b, m) for b, m in _bare_after(value, matches)
             if (n := korean_count(m["num"])) is not None and int(b.group(1).replace(",", "")) < n]
    return sorted(matches + bare, key=lambda m: m.start()) if bare else matches


# A bracket right after a figure that says whether it counts people again: '1,200명(중복 포함)' counts attendances (a 연인원),
# '(중복 제외)' people (a 실인원).
_COUNTED_TWICE = re.compile(r"\s*[(（]\s*(중복\s*(?:인원\s*)?(?P<gross>포함)|중복\s*(?:인원\s*)?제외|연인원|실인원)\s*[)）]")
_SAYS_WHAT_IT_COUNTS = re.compile(r"\s*[(（]\s*(중복\s*(?:인원\s*)?(?:포함|제외)|연인원|실인원|누적|누계)\s*[)）]")
_OWN_WORD = re.compile(r"([가-힣]+)\s*[:：]?\s*$")
_NEXT_WORD = re.compile(r"\s*[)）]?\s*([가-힣]+)")
_POOL_BETWEEN = re.compile(r"\s*(?:[가-힣]{1,4}\s*)?중\s*(?:[가-힣]{1,6}\s*){0,2}")  # '5개 동 중 3개 동', '40명 중 수료자 38명'


def _own_words(value: str, key: str, line_rows: list[tuple[int, int, dict]], paired: dict[int, str]) -> dict[int, tuple[str, str, str]]:
    """Each figure's words (by ``id`` of its row): the word right before it in its clause (its
    own label of a pair: '신청/선정 120명/80명'; the line's key when it opens the value: '- 신청:
    120명'), the word right after it, and the word before that one in the clause (what the
    activity is of: the 민원 of '민원 처리 30건'; :func:`_other_activity`)."""
    out = {}
    for s, e, row in line_rows:
        clause = re.split(r"[,，;/(（)）→:：]", value[:s])[-1]
        m = _OWN_WORD.search(clause)
        before = squash(paired[s]) if s in paired else m.group(1) if m else (squash(key) if not value[:s].strip() else "")
        twice = _COUNTED_TWICE.match(value, e)
        if twice:  # '수혜자 1,200명(중복 포함)' is a 연인원, '(중복 제외)' a 실인원: the bracket says what it counts
            before = "연인원" if twice["gross"] or twice.group(1) == "연인원" else "실인원"
        after = _NEXT_WORD.match(value, e)
        if after and row["unit"] == "개":  # the noun of '3개 동 운영' is counted, the word after it is the figure's
            after = _NEXT_WORD.match(value, after.end()) or after
        earlier = _HANGUL_WORD.findall(clause[: m.start(1)]) if m and s not in paired else []
        out[id(row)] = (before, after.group(1) if after else "", earlier[-1] if earlier else "")
    return out


_HANGUL_WORD = re.compile(r"[가-힣]+")


def _other_activity(own: dict, a: dict, b: dict, stages: frozenset, people: frozenset = frozenset()) -> bool:
    """Whether two figures whose stage word stands before them (신청, 접수, 처리, 인쇄, 배부 …) are of
    two activities: each names what its stage is of, the words differ and the later one's is no stage
    ('신청 접수 45건, 민원 처리 30건': two results); one that names nothing is of the other's ('민원 접수
    210건, 처리 205건', '참가 신청 120명, 최종 선정 80명'), as is, counted in ``people`` units, one that
    names only a stage ('신청 접수 120명, 교육 참여 80명': the applicants are those who then took part)."""
    def activity(row: dict) -> str:
        before, _, earlier = own.get(id(row), ("", "", ""))
        return earlier if _starts(before, stages) else ""
    x, y = activity(a), activity(b)
    if x and a["unit"] in people and _starts(x, stages):
        return False
    return bool(x and y) and not (x.startswith(y) or y.startswith(x)) and not _starts(y, stages)


def _starts(word: str, words: frozenset) -> bool:
    return any(word.startswith(w) for w in words)


def _mark_pools(value: str, line_rows: list[tuple[int, int, dict]], own: dict[int, tuple[str, str]], words: dict) -> None:
    """'N 중 M' where M is what was done and N the whole it was drawn from (a word of reaching
    after M or of a pool before N: ``5개 동 중 3개 동 운영``, ``대상자 200명 중 150명 참여``,
    ``신청 120명 중 80명 선정``, ``인쇄 5,000부 중 4,500부 배부``): N ``whole``, M ``result``. Otherwise M
    is a part of the N reached (``40명 중 38명 수료``, ``12개 기관 중 10개 기관 만족``, ``교육 12회 중 온라인 4회``),
    as are M not reached (``대상 1,200명 중 미참여 200명``: N stays whole). Of a stock N (``대기자 30명 중
    15명 배정``) M reached is a result."""
    for (_, e, whole), (s, _, part) in zip(line_rows, line_rows[1:]):
        if whole["kind"] not in ("result", "stock") or part["kind"] not in ("part", "result") or whole["unit"] != part["unit"] or not _POOL_BETWEEN.fullmatch(value, e, s):
            continue
        before = own[id(whole)][0]
        part_before, after = own[id(part)][:2]
        if _starts(part_before, words["not_reached"]) or _starts(after, words["not_reached"]):  # '대상 1,200명 중 미참여 200명': those not reached
            part["kind"] = "part"
            if before in words["pool_before"] and whole["kind"] == "result":
                whole["kind"] = "whole"
        elif whole["kind"] == "stock":  # '대기자 30명 중 15명 추가 배정': reached from a waiting list, which stays a stock
            if not _starts(after, words["outcome_after"]) and (_starts(after, words["reach_after"]) or after in words["added_words"]):
                part["kind"] = "result"
        elif not _starts(after, words["outcome_after"]) and (_starts(after, words["reach_after"]) or before in words["pool_before"]):
            whole["kind"], part["kind"] = "whole", "result"
        else:  # '12개 기관 중 10개 기관 만족', '교육 12회 중 온라인 4회': of the whole reached
            part["kind"] = "part"
            after_part = [r for _, _, r in line_rows][[r for _, _, r in line_rows].index(part) + 1:]
            rest = [r for r in after_part if r["unit"] == whole["unit"] and r["kind"] == "result"]
            if rest and part["value"] + sum(r["value"] for r in rest) == whole["value"]:  # '120명 중 청년 45명, 중장년 75명'
                for r in rest:
                    r["kind"] = "part"


def _mark_targeted(line_rows: list[tuple[int, int, dict]], own: dict, words: dict) -> None:
    """'3,000명 대상 설문조사 실시(응답 2,100명)': a result followed by 대상 (those aimed at) beside a
    later result of its unit, no larger, that says it is a stage of them (a word of reach_after,
    selected_words, outcome_after or achieved_after before it, of outcome_after or achieved_after
    after it: '응답 2,100명', '수료 280명', '2,100명 응답'), is the whole those were drawn from: kind
    ``whole``. Not beside another group aimed at ('어르신 200명 대상 교육, 청소년 150명 대상 교육',
    '…, 청소년 150명 교육': both reached)."""
    before_words = words["reach_after"] | words["selected_words"] | words["outcome_after"] | words["achieved_after"]
    after_words = words["outcome_after"] | words["achieved_after"]

    def drawn(r: dict) -> bool:
        before, after = own.get(id(r), ("", ""))[:2]
        return not after.startswith("대상") and (before in before_words or after in after_words)

    for n, (_, _, row) in enumerate(line_rows):
        if row["kind"] != "result" or not own.get(id(row), ("", ""))[1].startswith("대상"):
            continue
        if any(r["unit"] == row["unit"] and r["kind"] in ("result", "part") and r["value"] <= row["value"] and drawn(r) for _, _, r in line_rows[n + 1:]):
            row["kind"] = "whole"
            for _, _, r in line_rows[n + 1:]:
                if r["unit"] == row["unit"] and r["kind"] == "part" and r["value"] <= row["value"]:
                    r["kind"] = "result"  # (brackets had made it a part of the whole)


def _said(own: dict[int, tuple[str, str]], row: dict, words: frozenset) -> bool:
    """Whether the word right before or after a row's figure is one of ``words``."""
    before, after = own.get(id(row), ("", ""))[:2]
    return before in words or after in words or _starts(before, words)  # (참가팀)


def _beside(tree: list[tuple[int, list[dict]]], n: int, unit: str, back: bool, stage) -> list[dict]:
    """The rows of ``unit`` on the lines right after line ``n`` (and right before it when ``back``)
    at its level: each line next to the last, at most three away, with a figure of the unit whose
    words ``stage`` says are a stage ('- 모집: 50명' over '- 참여: 46명' and '- 수료: 41명'; not a
    line of another activity further down the list: '- 법률 상담 30건')."""
    level = tree[n][0]
    out = []
    for step in ((1, -1) if back else (1,)):
        k = n + step
        while 0 <= k < len(tree) and abs(k - n) <= 3 and tree[k][0] == level:
            its = [r for r in tree[k][1] if r["unit"] == unit]
            if not its or not any(stage(r) for r in its):
                break
            out += its
            k += step
    return out


def _mark_stages(tree: list[tuple[int, list[dict]]], own: dict[int, tuple[str, str]], words: dict) -> None:
    """Figures that count the same people again beside a result, on one line or the lines next to
    it (:func:`_beside`): applicants beside a later stage of the same unit (``신청 120명 → 선정
    80명``, ``참가 32팀(신청 45팀)``, ``- 신청: 120명`` over ``- 선정: 80명``), copies made beside
    those handed out (``배부 3,000부(인쇄 3,500부)``) and attendances beside
    the people (``실인원 120명, 연인원 1,450명``): kind ``whole``, so that people are not counted
    twice. (A 실인원 that brackets made a part of its 연인원 is the result again.)"""
    for n, (level, rows) in enumerate(tree):
        for i, row in enumerate(rows):
            if i and row["kind"] == "part" and own.get(id(row), ("", ""))[0] in words["net_words"]:
                outer = rows[i - 1]  # '참여 인원 총 450명(실 320명)': the brackets had made the people a part of the attendances
                if outer["unit"] == row["unit"] and outer["kind"] == "result" and outer["value"] >= row["value"]:
                    outer["kind"], row["kind"] = "whole", "result"
                continue
            if row["kind"] != "result":
                continue
            before, after = own.get(id(row), ("", ""))[:2]
            if before in words["gross_words"] and row["unit"] in words["people_units"]:  # ('정기 점검 연 4회, 수시 점검 12회': two counts)
                net = [r for r in rows if r is not row and r["unit"] == row["unit"] and r["kind"] in ("result", "part") and own.get(id(r), ("", ""))[0] not in words["gross_words"]]
                net += [r for r in _beside(tree, n, row["unit"], True, lambda r: own.get(id(r), ("", ""))[0] in words["net_words"] | words["gross_words"])
                        if r["kind"] in ("result", "part") and own.get(id(r), ("", ""))[0] in words["net_words"]]
                if net:
                    row["kind"] = "whole"
                    for r in net:
                        r["kind"] = "result"
            elif before in words["made_words"] or after in words["made_words"]:  # '배부 3,000부(인쇄 3,500부)': the copies handed out are of those printed
                stages = words["handed_words"]
                later = [r for r in rows[:i] + rows[i + 1:] + _beside(tree, n, row["unit"], False, lambda r: _said(own, r, stages))
                         if r["unit"] == row["unit"] and r["kind"] == "result" and r["value"] <= row["value"] and _said(own, r, stages)
                         and not _other_activity(own, row, r, stages | words["made_words"])]
                if later:
                    row["kind"] = "whole"
            elif before in words["applied_words"] or after in words["applied_words"]:
                stages = words["selected_words"] | words["outcome_after"]
                later = [r for r in rows[:i] + rows[i + 1:] + _beside(tree, n, row["unit"], False, lambda r: _said(own, r, stages))
                         if r["unit"] == row["unit"] and r["kind"] == "result" and r["value"] <= row["value"]
                         and not _other_activity(own, row, r, stages | words["applied_words"], words["people_units"])]
                reached = next((r for r in later if _said(own, r, words["selected_words"] | words["reach_after"])), None)  # ('모집 40명, 교육 실시 38명')
                if reached is None:  # '수강생 모집 30명 → 수료 27명': those recruited took part; the 27 are of them
                    for r in later:
                        if _said(own, r, words["outcome_after"]):
                            r["kind"] = "part"
                else:
                    row["kind"] = "whole"
                    for r in later:  # '모집 50명, 참여 46명, 수료 41명': the 41 of the 46
                        if r is not reached and r["value"] <= reached["value"] and _said(own, r, words["outcome_after"]) and not _said(own, r, words["selected_words"]):
                            r["kind"] = "part"
            elif _said(own, row, words["selected_words"] | words["reach_after"]) and not _said(own, row, words["outcome_after"]):
                # '참여 40명, 수료 38명', '- 참여: 40명' over '- 수료: 38명': those who completed are of those who took part
                outcome = lambda r: _said(own, r, words["outcome_after"]) and not _said(own, r, words["selected_words"])
                for r in rows[i + 1:] + _beside(tree, n, row["unit"], False, outcome):
                    if r["unit"] == row["unit"] and r["kind"] == "result" and r["value"] <= row["value"] and outcome(r):
                        r["kind"] = "part"


_ARROW = re.compile(r"[→⇒➜➡]")


def _parallel_groups(a: str, b: str, groups: frozenset) -> bool:
    """Whether two stages' words name two groups side by side, not two stages of one flow: what
    is left of each after their common ending is a word of ``groups`` (상반기/하반기: 상, 하;
    오전반/오후반; 성인/청소년), not 선별검사/진단검사 (선별, 진단)."""
    a, b = squash(a), squash(b)
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return bool(a[:len(a) - n]) and a[:len(a) - n] in groups and b[:len(b) - n] in groups


def _mark_funnel(value: str, line_rows: list[tuple[int, int, dict]], groups: frozenset = frozenset()) -> list[tuple[dict, dict]]:
    """Stages of one flow on a line, arrows between them: '선별검사 12,480명 → 진단검사 418명 →
    감별검사 126명', '방문 120명 → 상담 80명'. Returns the (stage, next stage) pairs of one unit,
    the next smaller, for :func:`_funnel_parts` once the stage words have spoken (``신청 120명 →
    선정 80명``: applicants, :func:`_mark_stages`). Each is labelled by its own stage's words,
    not the whole chain's."""
    pairs = []
    for (s1, e1, first), (s2, e2, second) in zip(line_rows, line_rows[1:]):
        between = value[e1:s2]
        arrow = _ARROW.search(between)
        if arrow and not _HAS_DIGIT.search(between) and first["unit"] == second["unit"] and second["value"] < first["value"]:
            before = value[max((m.end() for m in _ARROW.finditer(value, 0, s1)), default=0):s1]  # (the first stage's words, after any arrow before it)
            words_a, words_b = (before + between[:arrow.start()]).split(), between[arrow.end():].split()  # (the word next to each figure)
            if not (words_a and words_b and _parallel_groups(words_a[-1], words_b[0], groups)):  # ('상반기 120명 → 하반기 80명': two groups)
                pairs.append((first, second))
    if not pairs or any(row["kind"] == "earlier" for _, _, row in line_rows):
        return pairs  # ('8개소 → 12개소로 확대': one figure changed into the next, labelled as the line says)
    for s, e, row in line_rows:  # the label: the words of the figure's own stage, between the arrows around it
        start = max((m.end() for m in _ARROW.finditer(value, 0, s)), default=None)
        end = next((m.start() for m in _ARROW.finditer(value, e)), len(value))
        if start is None and not _ARROW.search(value, e):
            continue
        own = " ".join((value[start or 0:s] + value[e:end]).split()).strip(" ,:：")
        head, dash, clause = row["label"].rpartition(" — ")
        if own and _ARROW.search(clause):
            row["label"] = f"{head}{dash}{own}" if dash else own
    return pairs


def _funnel_parts(pairs: list[tuple[dict, dict]]) -> None:
    """Of each (stage, next stage) of a flow, both still results: the next counts some of the
    same people again, kind ``part`` (they had been summed as results)."""
    for first, second in pairs:
        if first["kind"] in ("result", "part") and second["kind"] == "result":
            second["kind"] = "part"


def _mark_total_on_line(value: str, line_rows: list[tuple[int, int, dict]]) -> None:
    """Figures of one line that add up to a figure of the same unit the line marks as their total
    (``_TOTAL_BEFORE``) are its parts: kind ``part``, so that the total is not counted twice."""
    results = [(s, r) for s, _, r in line_rows if r["kind"] == "result"]
    for s, total in results:
        if _ETC_BEFORE.search(value, 0, s):  # '어린이 60명, 청소년 40명 등 120명 참여': the groups listed, some of the total
            listed = [r for t, r in results if t < s and r["unit"] == total["unit"]]
            if listed and sum(r["value"] for r in listed) <= total["value"] and _LISTED_BEFORE.fullmatch(value, 0, s):
                for r in listed:
                    r["kind"] = "part"
            continue
        if not _TOTAL_BEFORE.search(value, 0, s):
            continue
        parts = [r for _, r in results if r is not total and r["unit"] == total["unit"]]
        if len(parts) >= 2 and sum(r["value"] for r in parts) == total["value"]:
            for r in parts:
                r["kind"] = "part"
            return


_BRACKET_RIGHT_AFTER = re.compile(r"\s*(?:[가-힣]{1,4}\s*)?[(（]([^()（）]*)[)）]")


_PACKAGE_BETWEEN = re.compile(r"\s*(?:(?:들이|짜리|용)\s*(?:[가-힣]{1,4}\s+)?)?(?:[,，/×xX*]\s*)?")  # ('10kg짜리 쌀 50포': the goods' name after the size)
_PACKAGE_BRACKET = re.compile(r"\s*[(（]\s*")


def _mark_package_sizes(value: str, line_rows: list[tuple[int, int, dict]], words: dict) -> None:
    """A quantity of measure right before a count of packages ('쌀 10kg, 100포', '10kg들이 100포')
    or in a bracket right after one ('100포(10kg)'): the size of each, kind ``rate``; the count
    of packages is the result (10 kg was not what was given)."""
    measure, package = words["measure_units"], words["package_units"]
    for (_, e, a), (s, _, b) in zip(line_rows, line_rows[1:]):
        if a["kind"] == "result" and a["unit"] in measure and b["unit"] in package and _PACKAGE_BETWEEN.fullmatch(value, e, s):
            a["kind"] = "rate"
        elif b["kind"] == "result" and a["unit"] in package and b["unit"] in measure and _PACKAGE_BRACKET.fullmatch(value, e, s):
            b["kind"] = "rate"


def _mark_running_total(value: str, line_rows: list[tuple[int, int, dict]], own: dict, words: dict) -> None:
    """A total (``총 8개소``) beside a figure of the same unit that was added this year (a word of
    ``added_words`` right before or after it: ``2개소 추가 개소(총 8개소 운영)``, ``신규 3개소 지정, 총
    15개소``), larger and not the sum of the line's figures: what stands after the addition, kind
    ``stock``; the added figure is the result. Of a count of things done (``flow_units``: 회, 건 …)
    the total is the year's and the added figure a part of it (``교육 3회 추가 실시(총 12회)``)."""
    for s, e, total in line_rows:
        if total["kind"] != "result":
            continue
        if _TOTAL_BEFORE.search(value, 0, s):
            added = [r for _, _, r in line_rows if r is not total and r["unit"] == total["unit"] and r["kind"] == "result"
                     and any(_starts(w, words["added_words"]) for w in own.get(id(r), ("", ""))[:2])]
        else:  # '결연 도시 12개 도시(2022년 2개 도시 신규)': the one added in brackets right after the figure (its noun between)
            g = _BRACKET_RIGHT_AFTER.match(value, e)
            added = [r for t, _, r in line_rows if g and g.start(1) <= t < g.end(1) and r["unit"] == total["unit"] and r["kind"] in ("result", "part")
                     and any(_starts(w, words["added_words"]) for w in own.get(id(r), ("", ""))[:2])] if g else []
        if len(added) == 1 and added[0]["value"] < total["value"]:
            if total["unit"] in words["flow_units"]:  # '교육 3회 추가 실시(총 12회)': the year's 12 sessions, 3 of them added
                added[0]["kind"] = "part"
            else:
                total["kind"], added[0]["kind"] = "stock", "result"  # (brackets had made the added one a part)


def _run_adds_up(parts: list[dict], total) -> bool:
    """Whether two or more consecutive ``parts`` add up to ``total`` exactly."""
    sums = list(itertools.accumulate((r["value"] for r in parts), initial=0))
    return any(sums[b] - sums[a] == total for a in range(len(parts)) for b in range(a + 2, len(parts) + 1))


def _mark_subtotals(lines: list[tuple[int, list[dict]]], totals: frozenset = frozenset()) -> list[tuple[dict, list[dict]]]:
    """A line's figure that the lines under it break down (``참여 인원: 총 970명`` over
    ``- 상반기: 450명`` and ``- 하반기: 520명``): the figures of the same unit on the lines right
    under it (the nearest level) that add up to it are its parts, kind ``part``. ``lines`` are a
    results block's (level, rows) in order, a line without figures with no rows.

    A figure the line prints as a total (``총 250명``: ``id`` in ``totals``) whose lines under it,
    each smaller, add up to more (a misprint) keeps its value: they are its parts too, and are
    returned as ``(total, parts)`` for a finding, as brackets that do so (:func:`_mark_breakdowns`)."""
    over: list[tuple[dict, list[dict]]] = []
    for n, (level, rows) in enumerate(lines):
        for unit in {r["unit"] for r in rows if r["kind"] in ("result", "part", "whole")}:
            mine = [r for r in rows if r["unit"] == unit and r["kind"] in ("result", "part")]  # (a part can be broken down in turn)
            wholes = [r for r in rows if r["unit"] == unit and r["kind"] == "whole"]  # ('실인원 420명, 연인원 970명' over 450 and 520: of the 970)
            if len(mine) > 1 or len(mine) + len(wholes) == 0:
                continue
            under = []
            for k in range(n + 1, len(lines)):  # (not a slice of the rest: one copy a line made a long block quadratic)
                deeper, its = lines[k]
                if deeper <= level:
                    break
                under.append((deeper, its))
            if not under:
                continue
            nearest = min(d for d, _ in under)
            parts = [r for d, its in under if d == nearest for r in its if r["unit"] == unit and r["kind"] == "result"]
            if len(parts) >= 2 and any(sum(r["value"] for r in parts) == whole["value"] for whole in mine + wholes):
                for r in parts:
                    r["kind"] = "part"
            elif (len(parts) >= 2 and len(mine) == 1 and id(mine[0]) in totals and mine[0]["kind"] == "result"
                  and sum(r["value"] for r in parts) > mine[0]["value"] and all(r["value"] < mine[0]["value"] for r in parts)):
                for r in parts:
                    r["kind"] = "part"
                # (no misprint where a run of them adds up to it: the lines after are of another stage, '- 수료 180명')
                if not _run_adds_up(parts, mine[0]["value"]):
                    over.append((mine[0], parts))
    return over


# A heading over results that names another year: the year and what it heads, no more ('○ 2021년 실적(참고)',
# '○ 전년도 실적:'); not one that names a year in passing ('2021년부터 계속', '○ 2021년 개관한 센터 운영',
# '○ 2021년 추진실적 점검', '○ 2023년 사업계획 수립', '○ 2021년(3개 동) → 2022년(18개 동)').
_OTHER_YEAR_HEADING = re.compile(r"^(?:(?:(?P<y>(?:19|20)\d{2})|[’'‘`](?P<yy>\d{2}))\s*년도?|(?P<last>전년도?|작년|지난해))\s*(?:상반기|하반기|연간|사업|추진|운영|참여|교육)?\s*"
                                 r"(?:실적|성과|결과|현황|목표|계획)?\s*(?:[(（][^()（）]*[)）])?\s*[:：]?\s*$")


_YEAR_KEY = re.compile(r"(?:(?P<y>(?:19|20)\d{2})|[’'‘`](?P<yy>\d{2}))\s*년도?")
_YEAR_SEGMENT = re.compile(r"(?:^|(?<=[,，;·\s]))(?P<text>(?:(?P<y>(?:19|20)\d{2})|[’'‘`](?P<yy>\d{2}))\s*년도?)\s*[:：]\s*")


def _year_segment(key: str, value: str, start: int) -> re.Match | None:
    """On a line whose key is a year alone (``2021년 : 시범 운영 20명, 2022년 : 전면 시행 120명``),
    the year a figure at ``start`` of ``value`` stands under: the last ``YYYY년 :`` before it in
    the value, else the key's; None when the key is no year."""
    if not key or _YEAR_KEY.fullmatch(key) is None:
        return None
    segs = list(_YEAR_SEGMENT.finditer(value, 0, start))
    return segs[-1] if segs else _YEAR_KEY.fullmatch(key)


def _heading_text(key: str, value: str, text: str) -> str:
    """What a line says as a heading over the lines under it: its key when nothing or only
    figures follow the ``:`` ('2021년 실적: 430명'), else the whole line ('2021년 : 시범 운영,
    2022년 : 전면 시행' is no heading of 2021's figures)."""
    return key if key and (not value or value[0].isdigit()) else text


def _other_year_heading(parents: list[tuple[int, str, str]], year: int) -> str | None:
    """``earlier`` (or ``target``) when the nearest heading above a figure that names a year
    names one before (after) the results' year: its figures are that year's, not this one's."""
    for _, _, text in reversed(parents):
        m = _OTHER_YEAR_HEADING.match(text)
        if m:
            if m["last"]:
                return "earlier"
            said = _year_said(m)
            return None if said == year else "earlier" if said < year else "target"
    return None


_PLAN_HEADING_YEAR = re.compile(r"(?:(?:19|20)\d{2}|[’'‘]\d{2})년도?|내년도?|차년도|다음연도")  # (squashed text)


def _later_plan(text: str, words: frozenset, year: int) -> bool:
    """'2024년계획', '내년도추진방향' (squashed): a plan heading of a year after ``year`` (the
    results'), no results under it; '2022년운영계획' in 2022's results is this year's (read)."""
    m = _PLAN_HEADING_YEAR.match(text)
    if m is None or _BRACKETED.sub("", text[m.end():]).rstrip(":") not in words:
        return False
    digits = re.match(r"\D*(\d+)", m.group(0))
    if digits is None:
        return True  # 내년도, 차년도
    return _full_year(digits.group(1)) > year


_TABLE_UNIT = re.compile(r"\s*[(（]\s*([^()（）]+?)\s*[)）]\s*$")  # '인증면적(ha)': what the row counts, in brackets after its name
_HEADER_YEAR = re.compile(r"(?:(?P<y>(?:19|20)\d{2})|[’'‘`](?P<yy>\d{2}))\s*년?도?")


_NUMBER_ONLY = re.compile(r"[△▲\-−]?\s*[\d,.]+")
_RATE_LABEL = re.compile(r"[률율%％]|비율|점유")  # a row of a rate: '금연성공률', '참여율(%)'


def _stated_counter(doc: _Doc, t: int, unit_of: dict[str, str], has_rate: bool) -> str:
    """The counter word a unit line over a results table states for its rows, '(단위: 명)', or '(단위: 명, %)' where
    the table has a rate column for the %: '' when it states none, several ('명, 회'), or a % with no rate column
    (a row might be a rate: which is not ours to guess)."""
    k = t - 1
    while k >= 0 and not doc.is_table(k) and not doc.sq[k]:
        k -= 1
    if k < 0 or doc.is_table(k) or not _is_unit_line(doc.text[k]):
        return ""
    parts = [squash(p) for p in re.split(r"[,，、/·]", _unit_statement(doc.text[k])["unit"]) if p.strip()]
    counters = [p for p in parts if p in unit_of]
    rest = [p for p in parts if p not in unit_of]
    return counters[0] if len(counters) == 1 and all(p in ("%", "％") for p in rest) and (has_rate or not rest) else ""


def _results_table(doc: _Doc, t: int, program: Program, pattern: re.Pattern, unit_of: dict[str, str], findings: list[Finding] | None) -> list[dict]:
    """A table of results in a program's body (layout.toml [results_table]): '구 분 | 목 표 | 실 적 |
    달성률(%)' or '구 분 | 2022년 | 2023년 목표 | 2023년 실적', one row a measure with its counter word in
    brackets ('인증면적(ha)', '청년 신규 채용(명)', '방문객(천명)'). Each figure is a metric: the 실적 a result
    (of another year, earlier), the 목표 a target, a year alone that year's result (earlier). A row whose
    counter word is no known one (ha, %) is not read: its numbers stay unread, named by coverage. The
    달성률 is checked against 실적 ÷ 목표 (read where it is so; a warning names it where not). Such tables
    had been left whole to coverage: every figure named unread, none stored."""
    table = doc.blocks[t]
    texts = _grid_text(table)
    if len(texts) < 2 or any(key[0] == t for key in doc.notes) or any(key[0] == t for key in doc.whole if len(key) == 3):
        return []
    layout = doc.layout
    words = {k: layout.words("results_table", k) for k in ("target", "result", "rate")}
    columns: dict[int, tuple[str, int | None, str]] = {}  # col -> (role, year, header as printed)
    unit_col = None
    for c, cell in enumerate(texts[0][1:], 1):
        key = squash(cell)
        if key in layout.words("results_table", "unit") and unit_col is None:
            unit_col = c
            continue
        year_m = _HEADER_YEAR.search(key)
        year = _year_said(year_m) if year_m else None
        role = next((r for r in ("rate", "target", "result") if any(w in key for w in words[r])), None)
        if role is None and year_m and not _HEADER_YEAR.sub("", key):
            role = "result"  # '2022년': that year's result
        if role is not None:
            parts = cell.split()
            columns[c] = (role, year, "".join(parts) if all(len(p) == 1 for p in parts) else " ".join(parts))  # ('목 표': 목표)
    roles = [r for r, _, _ in columns.values()]
    if "result" not in roles or not ({"target", "rate"} & set(roles) or len(roles) > 1):
        return []
    stated = _stated_counter(doc, t, unit_of, "rate" in roles)
    out = []
    for c in range(len(texts[0])):
        if _HAS_DIGIT.search(texts[0][c]) or c == 0:
            doc.read_whole((t, 0, c))  # the header: what each column is
    total_words, subtotal_words = layout.words("markers", "total_labels"), layout.words("markers", "subtotal_labels")
    placed: list[tuple[dict, int, bool]] = []  # (row, column, of a 계 row)
    for r in range(1, len(texts)):
        row = texts[r]
        if not row or not row[0].strip():
            continue
        name = " ".join(row[0].split())
        held, width = _row_width(table, r), _row_width(table, 0)
        if held != width and not (held < width and all(c not in columns for c in range(held, width))):
            # a cell lost, or a header cell split ('2023년 | 목표'): its figures under other columns
            # (not a row without the empty cells of the last columns that hold no figure: '비 고'
            # over none, the line's tabs left off)
            if findings is not None:
                loc = _cell_loc(table, r, 0)
                heads = " | ".join(" ".join(x.split()) for x in texts[0])
                findings.append(Finding(
                    "results_row", "warning", str(loc), f"{width} cells ({heads})", f"{held} cells",
                    f"실적 표의 행 '{name}'({loc.korean()})이 {held}칸으로 머리행의 {width}칸({heads})과 달라 그 숫자를 읽지 않았습니다", loc))
            continue  # (its numbers unread: coverage names each)
        bracket = _TABLE_UNIT.search(name)
        counter = bracket.group(1) if bracket else ""
        label = name[: bracket.start()].strip() if bracket else name
        if squash(label) in subtotal_words:
            continue  # a 소계 row: not read (named unread), never added to the rows it sums
        row_year_m = _HEADER_YEAR.fullmatch(squash(label))  # a row of a year ('2022년 | 120 | 130'): that year's
        row_year = _year_said(row_year_m) if row_year_m else None
        standing = any(w in squash(label) for w in layout.words("metric_kinds", "stock_words"))  # '누계', '가입자': a standing count
        if unit_col is not None and unit_col < len(row) and row[unit_col].strip() and not _HAS_DIGIT.search(row[unit_col]):
            counter = squash(row[unit_col])  # ('인증면적 | ha | 5,200 | …')
        elif not counter and stated and not _RATE_LABEL.search(squash(label)):
            counter = stated  # ('(단위: 명, %)' over the table: '금연클리닉 등록자 | 1,800 | 1,652 | 91.8')
        values: dict[int, Decimal] = {}
        for c, (role, year, header) in columns.items():
            if role == "rate" or c >= len(row) or not row[c].strip() or row[c].strip() in ZERO_MARKS:
                continue
            cell = row[c].strip()
            m = pattern.fullmatch(f"{cell}{counter}") or (pattern.fullmatch(cell) if counter else None)  # (a cell with its own: '46회')
            count = korean_count(m["num"]) if m else None
            if m is None or count is None or squash(m["unit"]) not in unit_of:
                continue  # (ha, %, a decimal: no count of a known counter word; unread, named)
            printed = parse_number(cell) if _NUMBER_ONLY.fullmatch(cell) else parse_number(m["num"])  # (a cell with its counter word: '46회')
            doc.note((t, r, c), printed)
            values[c] = printed
            kind = "target" if role == "target" else "stock" if standing else "result"
            for said in (year, row_year):
                if said is not None and said != program.year and kind != "target":
                    kind = "earlier" if said < program.year else "target"
            loc = _cell_loc(table, r, c)
            out.append({"year": program.year, "program_no": program.program_no, "value": count, "unit": unit_of[squash(m["unit"])], "kind": kind,
                        "label": label if kind == "result" else f"{label} — {header}", "source_line": loc.line, "source_loc": str(loc)})
            placed.append((out[-1], c, squash(label) in total_words))
        if values and _HAS_DIGIT.search(row[0]):
            doc.read_whole((t, r, 0))  # ('6개월 이상 …': its name, stored as the label)
        this_year = [c for c, (role, year, _) in columns.items() if c in values and year in (None, program.year)]
        target = next((c for c in this_year if columns[c][0] == "target"), None)
        result = next((c for c in this_year if columns[c][0] == "result"), None)
        for c, (role, _, header) in columns.items():
            if role != "rate" or c >= len(row) or target is None or result is None or not values[target]:
                continue
            try:
                printed = parse_rate(row[c])
            except NumberError:
                continue
            expected = rate_of(values[result], values[target], decimals_of(printed))
            if expected == printed:
                doc.note((t, r, c), printed)
            elif findings is not None:
                loc = _cell_loc(table, r, c)
                findings.append(Finding(
                    "metric_rate", "warning", f"actual {program.program_no} {program.program} {label}", format_number(expected), format_number(printed),
                    f"{program.program_no}번 사업 {label}의 {header} {format_number(printed)}({loc.korean()}){particle(printed, '이', '가')} 실적 ÷ 목표({format_number(expected)})와 다릅니다", loc))
    # A 계 row ('계 | 명 | 500 | 520' over '청년 | 명 | 300 | 310', …): the other rows of its unit, in each
    # column, are its parts (they had been results beside it: 520 + 310 + 210 people reached).
    for total, c, is_total in placed:
        if not is_total or total["kind"] != "result":  # (the targets of the rows are targets, none summed)
            continue
        parts = [row for row, c2, t2 in placed if c2 == c and not t2 and row["unit"] == total["unit"]]
        for row in parts:
            row["kind"], row["label"] = "part", f"{total['label']} — {row['label']}"
        added = sum(row["value"] for row in parts)
        if parts and added != total["value"] and findings is not None:
            u = total["unit"]
            findings.append(Finding(
                "metric_breakdown", "warning", f"actual {program.program_no} {program.program}", f"{total['value']:,}{u}", f"{added:,}{u}",
                f"{program.program_no}번 사업 실적 표({total['source_loc']})의 계 {total['value']:,}{u}와 그 아래 행의 합 {added:,}{u}이 다릅니다. "
                f"적힌 계를 두고 다른 행은 그 내역으로 둡니다", total["source_line"]))
    return out


def _parse_metrics(doc: _Doc, findings: list[Finding] | None = None) -> list[dict]:
    """Participation figures (N명, N회, N개소…) from each program's 주요 추진실적: the part that
    opens with ``□ 주요 추진실적`` (or that heading alone on its line, its □ drawn by the word
    processor's bullets) and ends at the next □ line or program sub-heading alone on its line
    (``향후계획``: layout.toml ``program_subheadings``). A program whose body has figures but no such heading is a warning
    (``results_missing``): its figures are not read."""
    patterns = (_metric_pattern(doc.layout, False), _metric_pattern(doc.layout, True))
    figures = (_figure_token_pattern(doc.layout, False), _figure_token_pattern(doc.layout, True))
    pattern = patterns[1]  # for taking figures out of labels
    money = _money_amount_pattern(doc.layout)
    unit_of = _metric_unit_of(doc.layout)
    markers = doc.layout.words("markers", "results_heading")
    subheads = frozenset(doc.layout.words("markers", "program_subheadings"))
    plans = frozenset(doc.layout.words("markers", "plan_subheadings"))
    year_plans = frozenset(doc.layout.words("markers", "plan_subheadings_after_year"))
    kind_words = {g: frozenset(w) for g, w in doc.layout.raw["metric_kinds"].items()}
    rows = []
    from_tables: set[int] = set()  # the rows of tables of results (_results_table)
    missing: dict[int, list] = {}  # program -> [program, figures not read, where], for those with no results heading
    has_results: set[int] = set()
    for program, start, end in doc.program_blocks:
        if program.stage != "actual":
            continue
        in_results = seen_results = False
        block_other: str | None = None  # the kind of the figures under a results heading of another year
        parents: list[tuple[int, str, str]] = []  # (level, label, heading text) of the lines above
        tree: list[tuple[int, list[dict]]] = []  # the results block's lines (level, rows), for _mark_subtotals and _mark_stages
        words_of: dict[int, tuple[str, str]] = {}  # each row's words before and after its figure (_own_words)
        printed_totals: set[int] = set()  # rows printed as a total ('총 250명'), for _mark_subtotals
        funnels: list[tuple[dict, dict]] = []  # stages of a flow on a line (_mark_funnel), for _funnel_parts
        total_at: dict[int, int] = {}  # …and the block each stands in
        over_lines: list[tuple[dict, list[dict]]] = []
        for i in range(start, end):
            if doc.is_table(i):
                found = _results_table(doc, i, program, patterns[1], unit_of, findings)
                from_tables.update(id(r) for r in found)
                rows += found
                continue
            text = doc.text[i]
            bare = doc.sq[i].lstrip(_BLOCK_MARKS)
            alone = bare.lstrip(LIST_MARKS + "-–—") if len(bare) <= 21 else bare  # '○ 향후계획' under □ 추진실적 및 향후계획
            if (_block_head(doc, i) or (len(bare) <= 12 and _opens_results(bare, markers))
                    or (len(bare) <= 20 and _BRACKETED.sub("", bare).rstrip(":") in subheads)
                    or (alone is not bare and (_BRACKETED.sub("", alone).rstrip(":") in plans or _later_plan(alone, year_plans, program.year)))):
                in_results = _opens_results(bare, markers)
                seen_results = seen_results or in_results
                block_other = _other_year_results(bare, program.year) if in_results else None
                parents = []
                _mark_stages(tree, words_of, kind_words)
                _funnel_parts(funnels)
                funnels = []
                over_lines += _mark_subtotals(tree, frozenset(printed_totals))
                tree = []
                continue
            if not in_results or not text.strip() or text.lstrip().startswith("※"):
                continue  # a note (※, a document's footnote) qualifies the results; it is kept in the program's text
            doc.figures.add(i)
            block = doc.blocks[i]
            level, text_, key, value = _line_parts(text, block.level)
            while parents and parents[-1][0] >= level:
                parents.pop()
            parent = parents[-1][1] if parents else ""
            if not _HAS_DIGIT.search(value):
                parents.append((level, (text_ if _YEAR_KEY.fullmatch(key) and value else key) or text_, _heading_text(key, value, text_)))  # ('2021년 : 시범 운영, 2022년 : 전면 시행' heads with its words)
                tree.append((level, []))
                continue
            korean = _KOREAN_COUNT.search(value) is not None
            broad = [(b.start(), b.end(), korean_count(b["num"])) for b in figures[korean].finditer(value)]
            line_rows = []
            damaged = lookalike_spans(value)  # ('1,3O7명': the 7 is what is left of a number; '1,3O7' a lookalike_number warning)
            matches = _with_bare_counts(value, list(patterns[korean].finditer(value)))
            paired = _paired_words(key, value, [(m.start(), m.end()) for m in matches]) if "/" in value else {}
            for m in matches:
                number = korean_count(m["num"])
                around = next((v for s, e, v in broad if s <= m.start("num") and m.end("num") <= e), number)
                if around != number or any(a < m.end("num") and m.start("num") < b for a, b in damaged):
                    continue  # '1 307명', '1,3O7명': read as a person reads it, it is not 307, nor 7; left unread, and named
                unit = unit_of[squash(m["unit"])]
                doc.note((i,), Decimal(number))
                if _after_ordinal(value, m.start()):  # 제15회 축제: which edition, not 15 sessions; read as words
                    continue
                before_figure = value[: m.start()].rstrip()
                clause = _clause_label(value, m.start(), m.end())
                clause = pattern.sub(_keep_ordinal, clause).strip()
                if "원" in clause:  # an amount of money beside the figure ('23건 150,000천원') is not its label
                    clause = " ".join(money.sub(" ", clause).split())
                if _NAMED_OTHERS.search(before_figure):  # "여의도성모병원 외 9개 기관" counts 10; not 야외 5회, 해외 5개국, 그 외 5건
                    number += _names_before(before_figure[:-1])
                    clause = re.sub(r"\s*외$", "", clause).strip() + " 등"
                dated = _DATE_KEY.match(key) if key else None
                generic = bool(key) and bool(_GENERIC_KEYS.match(squash(key)) or dated)
                head = parent or ("" if generic else key)
                segment = _year_segment(key, value, m.start())
                if segment is not None:  # '2021년 : 시범 운영 20명, 2022년 : 전면 시행 120명': each figure under its own year
                    said = " ".join(segment.group("text" if "text" in segment.re.groupindex else 0).split())
                    clause = _YEAR_SEGMENT.sub("", clause).strip()
                    if squash(clause) == squash(said):  # ('…, 2021년 : 100명': the year is the head)
                        clause = ""
                    head = parent or said
                    if parent:
                        clause = f"{said} {clause}".strip()
                elif parent and key and (not generic or len(squash(clause)) < 4):
                    clause = f"{key} {clause}".strip()
                label = " — ".join(p for p in (head, clause) if p) or key or text_
                before, after = value[: m.start()], value[m.end():]
                own = paired.get(m.start())
                if own is not None:  # the figure's own label: '… — 실 적 참여', '… — 목표/실적 목표'
                    label = " — ".join(p for p in (head, " ".join(w for w in (key if (parent or generic) else "", own) if w)) if p)
                kind = (_figure_kind(f"{own} " if own is not None else before if before.strip() or not key else f"{key}: ", after, program.year)  # ('전년/금년 100명/120명': the 100 is last year's)
                        or ("earlier" if _changed_to(doc.layout).match(after) or _to_same_unit(after, m["unit"]) else None)
                        or (parents and _other_year_heading(parents, program.year))
                        or (metric_kind(m.group(0), f"{own} ", after, label, own, doc.layout) if own is not None else metric_kind(m.group(0), before, after, label, key, doc.layout)))
                if kind == "result" and block_other:  # under '□ 2021년 추진실적' in a 2022 report: that year's
                    kind = block_other
                if kind == "result" and dated and (dated["y"] or dated["yy"]) and _year_said(dated) != program.year:  # '‘21. 12월 : …' in a 2022 report
                    kind = "earlier" if _year_said(dated) < program.year else "target"
                if kind == "result" and segment is not None and _year_said(segment) != program.year:
                    kind = "earlier" if _year_said(segment) < program.year else "target"  # '2021년 : 시범 운영, 30명 참여'
                if kind == "stock" and _of_the_year(before, program.year):
                    kind = "result"  # '누계 1,250명(2022년 320명)': the 320 is this year's, done
                label = _LONE_SIGN.sub("", keep_qualifier(label, m.group(0), before, after, doc.layout)).strip().removesuffix(" —")
                counted = _SAYS_WHAT_IT_COUNTS.match(after)
                if counted:  # '수혜자 1,200명(중복 포함)': attendances, as a 연인원; '(누적)' (the bracket is no clause of the label)
                    label = f"{label} ({' '.join(counted.group(1).split())})"
                if kind == "range":
                    lower = _RANGE_BEFORE.search(before)  # '3~' of '3~5인 모임' stays out of the label as the figure does
                    if lower:
                        label = label.replace(before[lower.start():].strip(), " ", 1)
                    label = f"{' '.join(_RANGE_BEFORE.sub('', label).split())} ({_range_text(value, m)})"
                elif kind == "change":
                    label = " ".join(label.split()).rstrip("△▲▼▽+＋ ")
                    if _DECREASE_AFTER.match(after) or (_DECREASE_BEFORE.search(before) and not _INCREASE_AFTER.match(after)):
                        number = -number  # △5명, 5명 감소: minus
                line_rows.append((m.start(), m.end(), {"year": program.year, "program_no": program.program_no, "value": number, "unit": unit, "kind": kind, "label": label, "source_line": block.loc.line, "source_loc": str(block.loc)}))
            for total, groups in _mark_breakdowns(value, line_rows):
                if findings is not None:
                    added = sum(r["value"] for r in groups)
                    u = total["unit"]
                    findings.append(Finding(
                        "metric_breakdown", "warning", f"actual {program.program_no} {program.program}", f"{total['value']:,}{u}", f"{added:,}{u}",
                        f"{program.program_no}번 사업 실적 '{text_}': 괄호 안 내역의 합 {added:,}{u}이 앞의 합계 {total['value']:,}{u}보다 많습니다. "
                        f"적힌 합계 {total['value']:,}{u}을 실적으로 두고 괄호 안은 그 내역으로 둡니다", block.loc))
            _mark_products(value, line_rows)
            for s_, _, r in line_rows:
                if _TOTAL_BEFORE.search(value, 0, s_):
                    printed_totals.add(id(r))
                    total_at[id(r)] = i
            _mark_total_on_line(value, line_rows)
            _mark_of_whole(value, line_rows, key)
            funnels += _mark_funnel(value, line_rows, kind_words["parallel_groups"])
            words_of.update(_own_words(value, key, line_rows, paired))
            _mark_pools(value, line_rows, words_of, kind_words)
            _mark_targeted(line_rows, words_of, kind_words)
            _mark_running_total(value, line_rows, words_of, kind_words)
            _mark_package_sizes(value, line_rows, kind_words)
            tree.append((level, [row for _, _, row in line_rows]))
            rows += [row for _, _, row in line_rows]
            parents.append((level, (pattern.sub("", text_).strip() if _YEAR_KEY.fullmatch(key) else key) or pattern.sub("", text_).strip(), _heading_text(key, value, text_)))
        _mark_stages(tree, words_of, kind_words)
        _funnel_parts(funnels)
        over_lines += _mark_subtotals(tree, frozenset(printed_totals))
        for total, groups in over_lines:  # lines under a total that add up to more
            if findings is not None:
                added, u, at = sum(r["value"] for r in groups), total["unit"], doc.loc(total_at[id(total)])
                findings.append(Finding(
                    "metric_breakdown", "warning", f"actual {program.program_no} {program.program}", f"{total['value']:,}{u}", f"{added:,}{u}",
                    f"{program.program_no}번 사업 실적({at.korean()})의 합계 {total['value']:,}{u}보다 그 아래 줄 내역의 합 {added:,}{u}이 많습니다. "
                    f"적힌 합계 {total['value']:,}{u}을 실적으로 두고 아래 줄은 그 내역으로 둡니다", at))
        if not seen_results:  # (a program's body may come in two parts: before its 예산현황 and after)
            with_figures = [i for i in range(start, end) if not doc.is_table(i) and doc.text[i] and figures[1].search(doc.text[i])]
            if with_figures:
                entry = missing.setdefault(id(program), [program, 0, doc.loc(start), []])
                entry[1] += sum(1 for i in with_figures for _ in figures[1].finditer(doc.text[i]))
                entry[3] += with_figures
        else:
            has_results.add(id(program))
    for key, (program, n, loc, where) in missing.items():
        if key in has_results:
            continue
        doc.figures.update(where)  # counted by coverage, each named as unread
        if findings is not None:
            findings.append(Finding(
                "results_missing", "warning", f"actual {program.program_no} {program.program}", "a '□ 주요 추진실적' heading", "none",
                f"{program.program_no}번 사업에서 '주요 추진실적' 제목을 찾지 못해 본문의 참여 수치 {n}개를 읽지 않았습니다", loc,
            ))
    # A table's result that a results line of the program prints too ('청년 채용 … 64명' over '청년 신규 채용(명) | 60 |
    # 64'): the same result, stored once (its cell read), not added twice to the people reached.
    # (Only where the two labels share a word: '교육 12회' beside a table's '상담(회) | 10 | 12' are two results.)
    if from_tables:
        said: dict[tuple, set[str]] = {}
        for r in rows:
            if id(r) not in from_tables and r["kind"] == "result":
                said.setdefault((r["program_no"], r["value"], r["unit"]), set()).update(w for w in r["label"].split() if len(w) >= 2)
        rows = [r for r in rows if not (id(r) in from_tables and r["kind"] == "result"
                                        and said.get((r["program_no"], r["value"], r["unit"]), set()) & {w for w in r["label"].split() if len(w) >= 2})]
    # Coverage counts each figure of these paragraphs as a person reads it: one whose digits
    # differ from what was read ('1 307명' read as 307) stays unread and is named.
    return rows
