"""Numbers with a letter that looks like a digit in them: ``l4명``, ``1O0회``, ``146,8&7``.

Retyping, OCR and flipped bits put a Latin letter where a digit stood (``O`` for 0, ``l`` or ``I``
for 1, ``&`` for the 7 of a shifted key). The interpreter's number patterns then take the digits
that are left (``l4명`` is read as 4명, ``1O0회`` as 0회) or none, and nothing in a report's
arithmetic catches a figure no total holds. Each such number of a paragraph or a cell is a
``lookalike_number`` warning at its place; what was read from it stays as read.

A run of digits, digit separators (``,`` ``.``) and look-alikes (``O o l I &``) is such a number
when it holds both a digit and a look-alike and touches no other Latin letter (``CO2``, ``ISO9001``,
``Vol.2``, ``S&P500``, ``H2O`` are words), has a look-alike right beside a digit (``III.2023``, a
Roman numeral before a year, has none), and is not a word of its own shape: ``O2O`` (a letter on
each side of one group of digits), a trailing ``l`` after digits (``20l``: litres), ``&``
between two short numbers (``3&4분기``, ``1&2층``: and).
"""

from __future__ import annotations

import re

from analysis.interpret.records import Finding
from analysis.read.document import Loc

_LOOKS = "OolI&"
_RUN = re.compile(rf"(?<![A-Za-z0-9{_LOOKS},.])[0-9{_LOOKS}](?:[0-9{_LOOKS},.]*[0-9{_LOOKS}])?(?![A-Za-z0-9{_LOOKS}])")
_HAS_LOOK = re.compile(f"[{_LOOKS}]")
_WORD_SHAPES = re.compile(rf"[{_LOOKS}]\d+[{_LOOKS}]|[\d,.]*\dl|\d{{1,2}}&\d{{1,2}}")  # O2O; 20l; 3&4 ('3&4분기', '1&2층': and)
_TOUCHING = re.compile(rf"\d[{_LOOKS}]|[{_LOOKS}]\d")  # a look-alike beside a digit (not 'III.2023', a Roman numeral before a year)


def lookalike_numbers(text: str) -> list[str]:
    """The numbers of ``text`` with a look-alike letter in them, as printed."""
    return [text[a:b] for a, b in lookalike_spans(text)]


def lookalike_spans(text: str) -> list[tuple[int, int]]:
    """Where in ``text`` the numbers with a look-alike letter in them stand (start, end)."""
    if not _HAS_LOOK.search(text):
        return []
    return [m.span() for m in _RUN.finditer(text) if _TOUCHING.search(m.group()) and not _WORD_SHAPES.fullmatch(m.group())]


def lookalike_findings(places: list[tuple[Loc, str]]) -> list[Finding]:
    """A ``lookalike_number`` warning for each such number of each (location, text)."""
    out = []
    for loc, text in places:
        for token in lookalike_numbers(text):
            out.append(Finding(
                "lookalike_number", "warning", str(loc), "a number in digits (0-9)", token,
                f"숫자 '{token}'({loc.korean()})에 숫자와 닮은 글자(O, l, I, &)가 있습니다. 그 수는 잘못 읽혔거나 읽히지 않았습니다", loc,
            ))
    return out
