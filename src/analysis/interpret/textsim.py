"""Character-bigram similarity for Korean names (no word segmentation needed)."""

from __future__ import annotations

from collections import Counter

from analysis.interpret.layout import squash


def bigrams(text: str) -> Counter:
    """Counts of adjacent character pairs, whitespace removed (``"의료 관광"`` → 의료, 료관, 관광)."""
    s = squash(text)
    return Counter(map(str.__add__, s, s[1:]))  # C-level pairing: this runs on every program body


def dice(a: str, b: str) -> float:
    """Sørensen–Dice coefficient of two texts' bigrams: 1.0 for the same name, 0.0 for none shared."""
    x, y = bigrams(a), bigrams(b)
    total = sum(x.values()) + sum(y.values())
    return 2 * sum((x & y).values()) / total if total else 0.0
