"""Workbooks for Excel users: numbers as numbers, formatted, text never a formula.

Every sheet gets a bold header row that stays in view (frozen) with filters, column widths fitted
to their contents (a Hangul syllable counts two; text wider than 40 columns wraps at 40), A4 landscape printing one page wide with the
header on every page, and number formats by column:

- amounts and counts: ``#,##0;△#,##0`` (thousands separators, ``△`` for minus as in the reports);
- rates and percentages (``rate``, ``…(%)``, ``…(%p)``): ``0.0;△0.0``; other decimals
  ``#,##0.0;△#,##0.0``;
- years, numbers of programs and source lines: ``0`` (no separator: ``2022``, not ``2,022``).

Text is written with ``write_string``: a program named ``=HYPERLINK(…)`` stays text, never a
formula or a link. Sheet names are made valid and unique within Excel's 31 characters
(:func:`sheet_names`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter
import xlsxwriter.exceptions

AMOUNT = "#,##0;△#,##0"
DECIMAL = "#,##0.0;△#,##0.0"
RATE = "0.0;△0.0"
PLAIN = "0"
TEXT = "@"

PLAIN_COLUMNS = {
    "year", "plan_year", "program_no", "source_line", "group", "from_year", "to_year", "from_program_no", "to_program_no",
    "연도", "계획 연도", "연번", "원문 행", "묶음", "사업 번호",
}
RATE_COLUMNS = {"rate", "rate_calc", "pace", "gap_pp", "share", "change_pct", "diff_pct", "similarity"}
_RATE_HEADER = re.compile(r"\(%p?\)|유사도")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
MAX_SHEET = 31
MAX_WIDTH, MIN_WIDTH = 60, 6
ROW_HEIGHT = 15  # points, Excel's default row (11 pt)
MAX_ROW_HEIGHT = 409  # points, the tallest row Excel allows
WRAP_WIDTH = 40  # a text column wider than this wraps its cells at this width (a SHA-256, a long 자료)
_WIDTH_SAMPLE = 2000  # rows looked at to fit a column's width


def sheet_names(names: list[str]) -> list[str]:
    """Valid, unique Excel sheet names for ``names``, in order: characters Excel forbids
    (``[]:*?/\\``) become ``_``, names are cut to 31 characters, and a repeated name gets
    `` (2)``, `` (3)`` … within the 31.

    >>> sheet_names(["비전협력과 2022 단위사업 집행률", "a/b", "x" * 40, "x" * 40])
    ['비전협력과 2022 단위사업 집행률', 'a_b', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'xxxxxxxxxxxxxxxxxxxxxxxxxxx (2)']
    """
    used: set[str] = set()
    out = []
    for name in names:
        base = _BAD_SHEET_CHARS.sub("_", str(name)).strip().strip("'") or "sheet"
        candidate, n = _trim(base[:MAX_SHEET]), 1
        while candidate.lower() in used:
            n += 1
            tail = f" ({n})"
            candidate = _trim(base[: MAX_SHEET - len(tail)]) + tail
        used.add(candidate.lower())
        out.append(candidate)
    return out


def _trim(name: str) -> str:
    """A cut name without the spaces or ``'`` its cut left at the end (Excel refuses a name
    ending in ``'``, and a second pass would strip the space: the names must be stable)."""
    return name.rstrip().rstrip("'").rstrip() or "sheet"


def display_width(text: str) -> int:
    """Columns a text takes in a fixed-width view: 2 for a Hangul (wide) character, else 1.

    >>> display_width("영등포구 R&D")
    12
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def column_format(name: str, series: pd.Series) -> str | None:
    """The number format of a column (None for text and booleans)."""
    kind = series.dtype.kind
    if kind == "b" or str(series.dtype) == "boolean":
        return None
    if kind not in "iuf":
        return None
    if name in PLAIN_COLUMNS:
        return PLAIN
    if name in RATE_COLUMNS or _RATE_HEADER.search(str(name)):
        return RATE
    if kind in "iu":
        return AMOUNT
    values = series.dropna().to_numpy(dtype="float64")
    return AMOUNT if np.all(np.mod(values, 1) == 0) else DECIMAL


def wrapped_lines(text, width: int) -> int:
    """The lines a text takes in a column ``width`` wide that wraps it (between words, and inside
    a word longer than the line, as Excel does); 1 for a blank cell.

    >>> wrapped_lines("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 40)
    2
    >>> wrapped_lines("영등포구 비전협력과 「2022년 주요업무 보고」 (제241회 구의회 제2차 정례회)", 40)
    2
    >>> wrapped_lines("가나다라마 " * 10, 40)  # three words of 10 columns a line
    4
    """
    if not isinstance(text, str):
        return 1
    if 2 * len(text) <= width and not any(ch in text for ch in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"):
        return 1  # one paragraph that fits whatever its characters (two columns at most each)
    lines = 0
    for paragraph in text.splitlines() or [""]:
        lines += 1
        used = 0
        for word in paragraph.split(" "):
            w = display_width(word)
            if used and used + 1 + w > width:  # the word goes to the next line
                lines += 1
                used = 0
            used += (1 if used else 0) + w
            while used > width:  # a word longer than the line breaks inside
                lines += 1
                used -= width
    return lines


def _sample_text(value, fmt: str | None) -> str:
    if fmt is None:
        return str(value)
    if fmt == PLAIN:
        return str(int(value))
    if fmt in (RATE, DECIMAL):
        return f"{float(value):,.1f}"
    return f"{float(value):,.0f}"


def _width(name: str, series: pd.Series, fmt: str | None) -> float:
    sample = series.iloc[:_WIDTH_SAMPLE].dropna()
    widths = [display_width(str(name)) + 3]  # room for the filter button
    widths += [max((display_width(line) for line in _sample_text(v, fmt).splitlines()), default=0) for v in sample]
    return float(min(max(max(widths) + 1, MIN_WIDTH), MAX_WIDTH))


MAX_HEADER = 255  # characters of a page header, Excel's limit (control codes included)


def print_header(caption: str) -> str:
    """A page header that prints ``caption`` at the top left, as text: ``&`` starts Excel's
    header codes (``&P`` page, ``&A`` sheet), so each one of the caption's is doubled; a caption
    too long for Excel's 255 characters is cut with ``…``."""
    text = " ".join(str(caption).split()).replace("&", "&&")
    if len(text) + 2 > MAX_HEADER:
        text = text[: MAX_HEADER - 3]
        if (len(text) - len(text.rstrip("&"))) % 2:  # the cut fell inside a doubled '&&'
            text = text[:-1]
        text += "…"
    return "&L" + text


def write_sheet(book: xlsxwriter.Workbook, name: str, df: pd.DataFrame, formats: dict, caption: str | None = None) -> None:
    """One table as a formatted sheet of ``book`` (see the module's description); ``caption``
    (where the figures come from) is printed at the top of every page."""
    sheet = book.add_worksheet(name)
    header = formats["header"]
    kinds = []
    wrapped: list[int] = []  # the columns whose text wraps
    for j, col in enumerate(df.columns):
        fmt = column_format(col, df[col])
        kinds.append(fmt)
        width = _width(col, df[col], fmt)
        if fmt is None and width > WRAP_WIDTH:  # long text wraps: the sheet prints at a readable size
            sheet.set_column(j, j, WRAP_WIDTH, formats["wrap"])
            wrapped.append(j)
        else:
            sheet.set_column(j, j, width, formats[fmt] if fmt else formats["text"])
    sheet.set_row(0, None, header)
    for j, col in enumerate(df.columns):
        sheet.write_string(0, j, str(col), header)
    # Cells take their column's format (set_column above): XlsxWriter writes it on every cell
    # written without one. write_row dispatches on type: str -> write_string (never a formula,
    # strings_to_formulas is off), numbers -> write_number, None -> nothing.
    columns = [df[c].astype(object).where(df[c].notna(), None) for c in df.columns]
    for i, row in enumerate(zip(*columns), 1):
        if wrapped:  # a wrapped row's height, set as written: neither Excel nor LibreOffice fits it on opening
            lines = max(wrapped_lines(row[j], WRAP_WIDTH) for j in wrapped)
            if lines > 1:
                sheet.set_row(i, min(ROW_HEIGHT * lines, MAX_ROW_HEIGHT))
        sheet.write_row(i, 0, row)
    # Printed: A4 landscape, as wide as one page, the header row on every page.
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    sheet.set_footer("&L&A&R&P / &N")
    if caption:
        sheet.set_header(print_header(caption))
    sheet.freeze_panes(1, 0)
    if len(df.columns):
        sheet.autofilter(0, 0, max(len(df), 1), len(df.columns) - 1)


def write_workbook(path: Path | str, tables: dict[str, pd.DataFrame] | list[tuple[str, pd.DataFrame]], *, created: dt.datetime | None = None,
                   constant_memory: bool = False, captions: list[str | None] | None = None) -> Path:
    """Write each table as a formatted sheet (see the module's description).

    Parameters
    ----------
    path : path
        The ``.xlsx`` to write.
    tables : dict of str to DataFrame, or list of (name, DataFrame)
        Sheet name -> table, in order; names are made valid and unique (:func:`sheet_names`), so
        a list may repeat a name.
    created : datetime, optional
        The workbook's creation time (fixed, so equal tables give equal bytes).
    constant_memory : bool, default False
        Stream rows to disk (XlsxWriter's ``constant_memory``), for large builds.
    captions : list of str or None, optional
        For each table in order, the line printed at the top of its pages (:func:`print_header`):
        where its figures come from.

    Returns
    -------
    pathlib.Path
        ``path``.
    """
    options = {"constant_memory": constant_memory, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
               "nan_inf_to_errors": True}
    book = xlsxwriter.Workbook(str(path), options)
    if created is not None:
        book.set_properties({"created": created})
    top = {"valign": "top"}  # a wrapped row is taller: every cell of it reads from its top line
    formats = {
        "header": book.add_format({"bold": True, "bg_color": "#E8EEF4", "bottom": 1, "text_wrap": True, **top}),
        "text": book.add_format({"num_format": TEXT, **top}),
        "wrap": book.add_format({"num_format": TEXT, "text_wrap": True, **top}),
        AMOUNT: book.add_format({"num_format": AMOUNT, **top}),
        DECIMAL: book.add_format({"num_format": DECIMAL, **top}),
        RATE: book.add_format({"num_format": RATE, **top}),
        PLAIN: book.add_format({"num_format": PLAIN, **top}),
    }
    pairs = list(tables.items()) if isinstance(tables, dict) else list(tables)
    captions = list(captions) if captions is not None else [None] * len(pairs)
    if len(captions) != len(pairs):
        raise ValueError(f"{len(captions)} captions for {len(pairs)} tables")
    for name, (_, df), caption in zip(sheet_names([n for n, _ in pairs]), pairs, captions):
        write_sheet(book, name, df, formats, caption)
    try:
        book.close()
    except xlsxwriter.exceptions.FileCreateError as exc:  # (no OSError: a full disk gave a traceback)
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else None
        raise (cause if cause is not None else OSError(str(exc))) from None
    return Path(path)
