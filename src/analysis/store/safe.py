"""Report text is data: no cell of a CSV may be run by a spreadsheet as a formula.

Excel, LibreOffice and Google Sheets treat a cell that starts with ``=``, ``+``, ``-`` or ``@``
(or a tab or carriage return before one) as a formula when a CSV is opened: a program named
``=HYPERLINK("http://…","보기")`` or ``+cmd|' /C calc'!A0`` would run. Such a string is written
with a leading apostrophe (``'=HYPERLINK(…)``), the convention OWASP recommends; a string that
already starts with apostrophes before one of those characters gets one more, so reading back
(:func:`unquote_series`, used by :func:`analysis.store.contract.read_csv_table`) gives every
value exactly as the report printed it. Numbers are never changed (a negative amount is a
number, not text). Workbooks are written with XlsxWriter's ``write_string``, which needs no
prefix (see :mod:`analysis.store.xlsx`).

>>> quote_cell('=HYPERLINK("http://x","y")')
'\\'=HYPERLINK("http://x","y")'
>>> unquote_cell(quote_cell("'=1+1"))
"'=1+1"
>>> quote_cell("국내·외 도시교류")
'국내·외 도시교류'
"""

from __future__ import annotations

import re

import pandas as pd

FORMULA_START = "=+-@\t\r"
"""First characters that make a spreadsheet read a cell as a formula."""
QUOTE = "'"
NEEDS_QUOTE_PATTERN = r"^'*[=+\-@\t\r]"
"""A text that starts like a formula, after any apostrophes (also used on Arrow columns)."""
_NEEDS = re.compile(NEEDS_QUOTE_PATTERN)


def needs_quote(text: str) -> bool:
    """True if ``text`` (after any apostrophes) starts like a formula."""
    return bool(_NEEDS.match(text))


def quote_cell(value):
    """``value`` as a CSV cell safe from formula evaluation (non-strings unchanged)."""
    if isinstance(value, str) and needs_quote(value):
        return QUOTE + value
    return value


def unquote_cell(value):
    """Undo :func:`quote_cell`."""
    if isinstance(value, str) and value.startswith(QUOTE) and needs_quote(value[1:]):
        return value[1:]
    return value


def _text_columns(df: pd.DataFrame) -> list:
    return [c for c in df.columns if df[c].dtype == object or pd.api.types.is_string_dtype(df[c].dtype)]


def quote_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells are safe to open as CSV in a spreadsheet; the headers too.

    Parameters
    ----------
    df : pandas.DataFrame
        Any table; only text columns are touched, vectorised (10,000 reports build in time).

    Returns
    -------
    pandas.DataFrame
        The same table where every string that starts like a formula has a leading ``'``.
    """
    out = df.copy()
    for col in _text_columns(df):
        s = out[col]
        if s.dtype == object:
            out[col] = s.map(quote_cell)
        else:
            mask = s.str.match(_NEEDS.pattern).fillna(False).astype(bool)
            if mask.any():
                out[col] = s.where(~mask, QUOTE + s)
    out.columns = [quote_cell(c) for c in out.columns]
    return out


def unquote_series(s: pd.Series) -> pd.Series:
    """Undo :func:`quote_frame` on one column read back as text."""
    if s.dtype != object and not pd.api.types.is_string_dtype(s.dtype):
        return s
    return s.map(unquote_cell) if s.dtype == object else s.str.replace(r"^'(?='*[=+\-@\t\r])", "", regex=True)
