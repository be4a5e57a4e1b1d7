"""Exact parsing of the numbers a report prints: ``1,234``, ``△12``, ``-``, ``1,234.5``, and
amounts with funding splits such as ``38,500 (시 20,000, 구비 18,500)``.

All values are :class:`decimal.Decimal`; nothing goes through float.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from analysis.interpret.layout import load_layout, squash

# At most 18 digits before the point (a quintillion 천원): more is not an amount, and would
# overflow Decimal's default 28-digit context when converted.
_NUMBER = re.compile(r"^(?:(?P<sign>△|-|－|−)|[+＋])?\s*(?P<int>\d{1,3}(?:,\d{3}){1,5}|\d{1,18})(?P<frac>\.\d{1,6})?$")
ZERO_MARKS = frozenset({"-", "－", "−", "–", "—"})  # a dash printed for none: zero
_PERCENT = re.compile(r"^(?P<num>[\d.]+)\s*%?$")


class NumberError(ValueError):
    """A cell that is not a number the report format allows (raised without file/line)."""


class SharesError(NumberError):
    """Funding parts printed as shares in percent (``국비 50%, 구비 50%``): no amount to read."""


def parse_number(text: str) -> Decimal:
    """Parse a printed number exactly.

    Parameters
    ----------
    text : str
        ``"1,234"``, ``"△2"`` (minus 2), ``"-2"``, ``"+2"``, ``"-"`` (zero), ``"1,234.5"``.

    Returns
    -------
    Decimal
        The value, with the printed number of decimals.

    Raises
    ------
    NumberError
        If the text is not such a number (``"1,2O4"``, ``""``, ``"12a"``).
    """
    value = _PARSED.get(text)
    if value is not None:
        return value
    s = text.strip()
    if s in ZERO_MARKS:
        return Decimal(0)
    m = _NUMBER.match(s)
    if not m:
        raise NumberError(f"not a number: {text!r}")
    value = Decimal(m["int"].replace(",", "") + (m["frac"] or ""))
    if m["sign"]:
        value = -value
    if len(_PARSED) >= _PARSED_MAX:
        _PARSED.clear()
    _PARSED[text] = value
    return value


# Printed numbers repeat (years, small counts, the same amount in two tables): each text parsed
# once. Decimals are immutable, so sharing one is safe; the dict is emptied when it is full.
_PARSED: dict[str, Decimal] = {}
_PARSED_MAX = 100_000


def format_number(value: Decimal) -> str:
    """Print a value the way a report does (``△`` for minus, thousands commas, ``-`` for zero)."""
    if value == 0:
        return "-"
    sign = "△" if value < 0 else ""
    mag = abs(value)
    exponent = mag.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return f"{sign}{mag:,.{decimals}f}"


def parse_rate(text: str) -> Decimal:
    """Parse a printed percentage (``"45.5"``, ``"100"``, ``"45.5%"``; ``"-"`` is zero)."""
    s = text.strip()
    if s in ZERO_MARKS:
        return Decimal(0)
    m = _PERCENT.match(s)
    if not m or m["num"].count(".") > 1 or m["num"].startswith(".") or m["num"].endswith("."):
        raise NumberError(f"not a percentage: {text!r}")
    return Decimal(m["num"])


def decimals_of(value: Decimal) -> int:
    """How many decimals a printed value has (``Decimal("45.5")`` → 1, ``Decimal("100")`` → 0)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def rate_of(executed: Decimal, budget: Decimal, decimals: int, rounding=ROUND_HALF_UP) -> Decimal:
    """executed ÷ budget in percent, to ``decimals`` places (half up, as offices round)."""
    quantum = Decimal(1).scaleb(-decimals)
    return (Decimal(executed) * 100 / Decimal(budget)).quantize(quantum, rounding=rounding)


def truncated_rate_of(executed: Decimal, budget: Decimal, decimals: int) -> Decimal:
    """The same rate rounded down, as some offices print it."""
    return rate_of(executed, budget, decimals, rounding=ROUND_DOWN)


def printed_step(amounts, factor: Decimal) -> Decimal:
    """The step, in 천원, that amounts (in 천원) were printed to in a money unit of ``factor``
    천원 (백만원: 1,000): one unit at the most decimals printed, which is the largest power of ten
    up to the unit dividing every amount (109,600, 190,400 and 487,500 printed in 백만원 → 100);
    1 for a unit of a 천원 or less. An amount printed with a trailing zero (380.0) is read as
    printed without it (380): the larger step."""
    if factor <= 1:
        return Decimal(1)
    places = max((max(0, -(Decimal(v) / factor).normalize().as_tuple().exponent) for v in amounts if v), default=0)
    return factor / (Decimal(10) ** places)


def to_cheonwon(value: Decimal, unit: str) -> Decimal:
    """Convert an amount in ``unit`` (원, 천원, 만원, 백만원, 억원) to 천원, exactly."""
    factors = load_layout().money_units
    if unit not in factors:
        raise NumberError(f"unknown money unit {unit!r} (known: {', '.join(factors)})")
    result = value * factors[unit]
    # Drop trailing zeros an exact conversion leaves (12.000 천원 -> 12) but keep real decimals.
    return result.quantize(Decimal(1)) if result == result.to_integral_value() else result.normalize()


@dataclass(frozen=True)
class Amount:
    """A printed amount with its funding split, all in the unit it was printed in."""

    total: Decimal
    unit: str | None = None
    parts: tuple[tuple[str, Decimal, str | None], ...] = field(default_factory=tuple)
    printed: tuple[Decimal, ...] = ()
    """Numbers printed besides the total and the parts' values (``6억 3,553만원`` is 635,530,000원,
    printed 6 and 3,553; the 100 of ``구비 100%``)."""

    @property
    def numbers(self) -> tuple[Decimal, ...]:
        """The printed numbers this amount reads, what coverage matches the text's numbers with."""
        return (self.total, *(v for _, v, _ in self.parts), *self.printed)


_UNIT_WORDS = r"(?:백만원|천원|만원|억원|원)"
# Written so that no two quantifiers can share a run of spaces: each runs in linear time on any
# text (a cell ending in 100,000 spaces is read as fast as a short one).
_AMOUNT = re.compile(
    rf"^\s*(?:총\s*|금\s*)?(?P<num>[△\-－−]?\s*[\d,]+(?:\.\d+)?|[-－−])\s*(?:(?P<unit>{_UNIT_WORDS})\s*)?"
    r"(?:[(（](?P<split>.*)[)）]\s*)?$"
)
_PART = re.compile(rf"^\s*(?P<name>[^\d△\-－−\s](?:[^\d△]*[^\d△\s])?)\s*(?P<num>[△\-－−]?[\d,]+(?:\.\d+)?)\s*(?:(?P<unit>{_UNIT_WORDS})\s*)?$")
# Parts are parted by a comma, ';' or '/', or by a space alone after a number ('국비 20,000 구비 50,000').
_SPLIT_SEP = re.compile(rf"[,，]\s*(?=[^\d\s])|[;/]\s*|(?<=\d)\s+(?!{_UNIT_WORDS})(?=[^\d\s△\-－−(（])")


# An amount of money written with 억 and 만 (``6억 3,553만원``, ``1억 2천만 원``, ``2천만원``): the
# 만 part may itself be written with 천 and 백 (``2천5백만``). Only a form no unit word reads is
# taken (``3,553만원`` stays 3,553 in 만원, ``1.5억원`` 1.5 in 억원); not inside a longer number.
_MAN = r"(?:(?P<cheon>\d{1,2})\s*천\s*)?(?:(?P<baek>\d{1,2})\s*백\s*)?(?P<man>\d{1,3}(?:,\d{3})*|\d+)?"
# (its 원 may be left off after 억 or 만 where no word follows: '(국비 6억, 구비 6억 5천만)')
_KOREAN_MONEY = re.compile(rf"(?<![\d.,])(?=\d)(?:(?P<eok>\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?|\d+(?:\.\d+)?)\s*억\s*)?(?:{_MAN}\s*만\s*)?(?:원|(?<=[억만])(?!\s*[가-힣\d]))")
# A funding part given as a share: '구비 100%', '전액 구비', '구비 전액'.
_WHOLE_SHARE = re.compile(r"^\s*(?:전액\s*(?P<a>[^\d\s%]+)|(?P<b>[^\d\s%]+?)\s*(?:전액|(?P<pct>100(?:\.0+)?)\s*%))\s*$")
_PERCENT_PART = re.compile(r"^\s*(?P<name>[^\d\s%]+?)\s*(?P<pct>\d{1,3}(?:\.\d+)?)\s*%\s*$")
# A part in the brackets that is no funding source but the amount of another year ('(2022년
# 50,000천원)', '(전년 45,000)'): left out of the split, its number unread (and so named).
_OTHER_YEAR_PART = re.compile(r"^\s*(?:(?:19|20)\d{2}\s*년도?|[’'‘`]\d{2}\s*년도?|전년도?|금년도?|올해|작년|당초|기정)\s*(?:예산)?\s*[△\-－−]?\s*\d")


def _stage_part(piece: str) -> bool:
    """A part in the brackets that is a stage of the budget, not a funding source: '기정 30,000',
    '추경 8,500', '증액 3,500' (layout markers budget_original_rows, budget_final_rows,
    budget_change_rows …); left out of the split, its number unread (and so named)."""
    pm = _PART.match(piece)
    if pm is None or funding_source(squash(pm["name"])):
        return False
    layout = load_layout()
    name = squash(pm["name"])
    return name == "기정" or any(w in name for key in ("budget_original_rows", "budget_final_rows", "budget_change_rows", "budget_change_rows_alone")
                                for w in layout.words("markers", key))


def _korean_money(text: str) -> tuple[str, list[Decimal]]:
    """``text`` with each amount written with 억/만 in whole 원 (``6억 3,553만원`` →
    ``635530000원``), and the numbers as printed (6 and 3,553)."""
    printed: list[Decimal] = []

    def whole(m: re.Match) -> str:
        if not ((m["eok"] and (m["cheon"] or m["baek"] or m["man"])) or m["cheon"] or (m["baek"] and m["man"])):
            said = m.group(0).rstrip()
            return said if said.endswith("원") else said + "원"  # '3,553만원', '5백만원', '1.5억원', '6억': a number in a unit word
        value = Decimal(0)
        if m["eok"]:
            eok = parse_number(m["eok"])
            printed.append(eok)
            value += eok * 10**8
        man = Decimal(0)
        for part, scale in (("cheon", 1000), ("baek", 100), ("man", 1)):
            if m[part]:
                n = parse_number(m[part])
                printed.append(n)
                man += n * scale
        value += man * 10**4
        if value != value.to_integral_value():
            raise NumberError(f"an amount of less than one 원: {m.group(0)!r}")
        return f"{int(value)}원"

    return _KOREAN_MONEY.sub(whole, text), printed


def parse_amount(text: str) -> Amount:
    """Parse ``38,500 (시 20,000, 구비 18,500)`` or ``총 63,553천원(구비 63,553)``; amounts written
    with 억/만 (``총 6억 3,553만원(국비 3억원, 구비 3억 3,553만원)``, read in 원); a source that pays
    the whole (``(구비)``, ``(구비 100%)``, ``(전액 구비)``); and another year's amount or a stage of
    the budget in the brackets (``(2022년 50,000천원)``, ``(기정 30,000, 추경 8,500)``), which is no
    part and is left unread. Shares in percent of
    several sources (``(국비 50%, 구비 50%)``) print no amount and are refused: none is made up.

    Returns
    -------
    Amount
        Total, its unit word if printed, each (source as printed, value, unit) part, and the
        numbers as printed where they are not these.

    Raises
    ------
    NumberError
        If the total or a part is not a readable number, or the parts are shares in percent.
    """
    printed: list[Decimal] = []  # the 6 and 3,553 of '6억 3,553만원', the 100 of '구비 100%'
    if ("억" in text or "만" in text) and _KOREAN_MONEY.search(text):
        text, printed = _korean_money(text)
    m = _AMOUNT.match(text)
    if not m:
        raise NumberError(f"not an amount: {text!r}")
    total = parse_number(m["num"].replace(" ", ""))
    parts = []
    split = (m["split"] or "").strip()
    if split:
        pieces = [p for p in _SPLIT_SEP.split(split) if p.strip()]
        pieces = [p for p in pieces if not (_OTHER_YEAR_PART.match(p) or _stage_part(p))]  # (no parts: their numbers stay unread)
        for piece in pieces:
            pm = _PART.match(piece)
            whole_share = _WHOLE_SHARE.match(piece) if not pm else None
            name = squash(whole_share["a"] or whole_share["b"]) if whole_share else squash(piece)
            if not pm and funding_source(name) and len(pieces) == 1:  # '(구비)', '(구비 100%)', '(전액 구비)': the whole from one source
                parts.append((name, total, m["unit"]))
                if whole_share and whole_share["pct"]:
                    printed.append(parse_number(whole_share["pct"]))
                continue
            if not pm and _PERCENT_PART.match(piece):  # '(국비 50%, 구비 50%)': no amount is printed; none is made up
                raise SharesError("funding parts as amounts ('국비 31,500, 구비 31,500'), not shares in percent")
            if not pm:
                raise NumberError(f"not a funding part like '구비 18,500': {piece.strip()!r}")
            parts.append((squash(pm["name"]), parse_number(pm["num"]), pm["unit"]))
    return Amount(total=total, unit=m["unit"], parts=tuple(parts), printed=tuple(printed))


def leading_amount(text: str) -> tuple[Amount, str] | None:
    """The amount that opens ``text`` and the words after it: the whole as :func:`parse_amount`
    reads it, with nothing after; else ``총 63,553천원(구비 63,553), 2024년 70,000천원`` → 63,553 천원
    from 구비, ``, 2024년 70,000천원``; ``총 63,553천원(’23년 본예산)`` (a bracket of no funding
    parts) → 63,553 천원, ``(’23년 본예산)``. None where no amount opens it, or its brackets are
    shares in percent (:class:`SharesError`, refused as :func:`parse_amount` does), or a bracket is
    left open (``총 186,812천원(구비 186,812천원``: a line cut short, refused)."""
    try:
        return parse_amount(text), ""
    except SharesError:
        return None
    except NumberError:
        pass
    if text.count("(") + text.count("（") != text.count(")") + text.count("）"):
        return None
    close = min((i for i in (text.find(")"), text.find("）")) if i != -1), default=-1)
    candidates = [close + 1] if close != -1 else []
    bare = _LEADING_NUMBER.match(text)
    if bare:
        candidates.append(bare.end())
    for end in candidates:
        if text[end:].lstrip()[:1].isdigit():
            continue  # ('1 98,888': one number with a space in it, not 1 and a note)
        try:
            return parse_amount(text[:end]), text[end:]
        except SharesError:
            return None
        except NumberError:
            if end == close + 1 and _names_a_source(text[:end]):
                return None  # '(구비 109,5x8)', '(시 -, 구비 44,000)': a funding split that does not read is refused, not passed over
            continue
    return None


def _names_a_source(text: str) -> bool:
    """Whether a piece of the bracket in ``text`` begins with a funding source's name."""
    opened = max(text.rfind("("), text.rfind("（"))
    return any(funding_source(squash(w)) for w in _NAMES_A_SOURCE.findall(text[opened:]))


_NAMES_A_SOURCE = re.compile(r"(?:^|[(（,，;/]\s*)([가-힣]+)")  # the first word of each piece of a bracket
# (the number whole: a unit word, a bracket, a comma before no digit, a space or the end after
# it; not the 6 of '총 6내년3,553천원', nor the 198 of '198,88O')
_LEADING_NUMBER = re.compile(rf"^\s*(?:총\s*|금\s*)?[△\-－−]?[\d,]*\d(?:\.\d+)?(?:\s*{_UNIT_WORDS}|(?=\s|[(（]|[,，](?!\d)|$))")


def funding_source(name: str) -> str | None:
    """Canonical funding source for a printed name (``시`` → ``시비``), or None if unknown."""
    return load_layout().funding_aliases.get(squash(name))


def particle(number, with_final: str, without_final: str) -> str:
    """The particle a number takes as it is read in Korean: ``with_final`` (이, 과, 은, 을) after a
    reading that ends in a consonant, ``without_final`` (가, 와, 는, 를) after a vowel. The last
    digit is read 일 이 삼 사 오 육 칠 팔 구; a number ending in 0 ends in 십, 백, 천, 만 (all with one).

    A word takes the particle of its last syllable, ``%`` that of 퍼센트.

    >>> particle(258_665, "이", "가"), particle(747_793, "이", "가"), particle(258_672, "과", "와"), particle(7, "과", "와")
    ('가', '이', '와', '과')
    >>> particle("100포", "을", "를"), particle("5개사", "을", "를"), particle("30%", "을", "를")
    ('를', '를', '를')
    >>> particle("500만원", "을", "를"), particle("3.5%p", "은", "는")
    ('을', '는')

    """
    if str(number).strip().endswith("%p"):  # 퍼센트포인트
        return without_final
    last = str(number).strip()[-1:]
    if "가" <= last <= "힣":  # a word: its last syllable's final consonant
        return with_final if (ord(last) - 0xAC00) % 28 else without_final
    return without_final if last in "2459%" else with_final  # % is read 퍼센트
