"""Character-bigram similarity for Korean names (no word segmentation needed)."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from operator import add

from analysis.interpret.layout import squash


def bigrams(text: str) -> Counter:
    """Counts of adjacent character pairs, whitespace removed (``"의료 관광"`` → 의료, 료관, 관광)."""
    s = squash(text)
    return Counter(map(add, s, s[1:]))  # C-level pairing (operator.add: a quarter faster than str.__add__): this runs on every program body


@lru_cache(maxsize=4096)  # lineage compares within a department: a few hundred names at a time
def _name_bigrams(text: str) -> tuple[Counter, int]:
    """A name's bigrams and their number, counted once: lineage compares each program name with
    many others (560,000 comparisons at 10,000 reports). Callers must not change the Counter."""
    grams = bigrams(text)
    return grams, sum(grams.values())


def dice(a: str, b: str) -> float:
    """Sørensen–Dice coefficient of two texts' bigrams: 1.0 for the same name, 0.0 for none shared."""
    (x, nx), (y, ny) = _name_bigrams(a), _name_bigrams(b)
    total = nx + ny
    return 2 * sum((x & y).values()) / total if total else 0.0


_EDGE_MARKS = "·ㆍ,./-()[]「」『』<>〈〉"  # marks left at a word's end once a stock word is taken off (``운영·지원``)


@lru_cache(maxsize=16)
def _longest_first(stock: frozenset[str]) -> tuple[str, ...]:
    """The stock words of two letters or more, the longest first (then in letter order): when one
    ends another (화, 강화), the longer is taken off first, in every run (a set's order changes
    with the process's hash seed)."""
    return tuple(sorted((s for s in stock if len(s) >= 2), key=lambda s: (-len(s), s)))


def _strip_stock(word: str, stock: frozenset[str]) -> tuple[str, bool]:
    """A word less the stock words at its end, and whether anything was taken off: a word that is
    stock is taken whole; a stock word of two letters or more is taken off a word's end, again and
    again (``기반조성`` → ``기반`` → nothing; ``취업지원`` → ``취업``), where at least two letters
    stay before it or what stays is stock too. So ``재활용`` keeps ``활용``, ``고등`` its ``등``,
    and a stock word at a word's start or inside it stays (``지원센터``, ``강화군``)."""
    w = word.strip(_EDGE_MARKS)
    if w in stock:
        return "", True
    for s in _longest_first(stock):
        if w.endswith(s):
            rest = w[: -len(s)].rstrip(_EDGE_MARKS)
            core, _ = _strip_stock(rest, stock) if rest else ("", True)
            if not core or len(rest) >= 2:
                return core, True
    return word, False


def distinctive_runs(text: str, stock: frozenset[str]) -> tuple[str, ...]:
    """A name's distinctive words, less its stock words (``stock``: 활성화, 지원, 강화…), as runs of
    words that stood together: ``"건강도시 활성화 기반구축 및 사업추진"`` → ``("건강도시",)``;
    ``"청년 일자리 지원 확대"`` → ``("청년일자리",)``; ``"A 지원 B"`` → ``("A", "B")`` (no letter
    pair across the word taken out). A name all of stock words (``"사업 추진"``) is its own
    evidence: its words are returned whole."""
    runs, run = [], []
    for word in text.split():
        core, cut = _strip_stock(word, stock)
        if core:
            run.append(core)
        if cut and run:  # the word ended in a stock word: the run ends with it
            runs.append("".join(run))
            run = []
    if run:
        runs.append("".join(run))
    return tuple(runs) if runs else (squash(text),)


@lru_cache(maxsize=4096)
def _distinctive_bigrams(text: str, stock: frozenset[str]) -> tuple[Counter, int]:
    grams = Counter()
    for run in distinctive_runs(text, stock):
        grams.update(bigrams(run))
    return grams, sum(grams.values())


def dice_distinctive(a: str, b: str, stock: frozenset[str]) -> float:
    """:func:`dice` of two names' distinctive words (:func:`distinctive_runs`): ``"전통시장
    활성화"`` and ``"골목상권 활성화"`` share only their stock word and score 0.0 (0.33 by
    :func:`dice`); ``"의료관광 기반조성"`` and ``"의료관광 활성화"`` score 1.0."""
    (x, nx), (y, ny) = _distinctive_bigrams(a, stock), _distinctive_bigrams(b, stock)
    total = nx + ny
    return 2 * sum((x & y).values()) / total if total else 0.0
