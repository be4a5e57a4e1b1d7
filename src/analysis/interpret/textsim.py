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
