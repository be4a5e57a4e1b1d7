"""Load the report layout knowledge kept as data in ``layout.toml``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from analysis.read.document import once
from importlib import resources

_PAREN = re.compile(r"\([^()]*\)")


def squash(text: str) -> str:
    """Text with whitespace removed, for matching letter-spaced headers (``예 산 액``)."""
    return "".join(text.split())  # str.split() splits on the same Unicode whitespace as \s, in C


def header_key(text: str) -> str:
    """A header cell reduced to its words: parenthesised parts and whitespace removed."""
    return squash(_PAREN.sub("", text))


@dataclass(frozen=True, eq=False)  # hashed by identity: the cached layout keys cached patterns
class Layout:
    """Typed view of ``layout.toml``."""

    raw: dict

    def words(self, group: str, key: str) -> list[str]:
        return list(self.raw[group][key])

    def match(self, group: str, text: str) -> str | None:
        """The key of ``group`` whose alias equals ``header_key(text)``, or None."""
        return self._alias_index(group).get(header_key(text))

    @lru_cache(maxsize=64)  # noqa: B019 (the layout is one cached object for the process)
    def _alias_index(self, group: str) -> dict[str, str]:
        index: dict[str, str] = {}
        for name, aliases in self.raw[group].items():
            for alias in aliases:
                index.setdefault(alias, name)
        return index

    def contains(self, group: str, text: str) -> str | None:
        """The key of ``group`` with an alias contained in the squashed text, or None."""
        key = squash(text)
        for name, aliases in self.raw[group].items():
            if any(alias in key for alias in aliases):
                return name
        return None

    @once  # made once: the layout does not change after loading
    def money_units(self) -> dict[str, Decimal]:
        return {unit: Decimal(factor) for unit, factor in self.raw["money_units"].items()}

    @once  # made once: the layout does not change after loading
    def funding_aliases(self) -> dict[str, str]:
        return {alias: name for name, aliases in self.raw["funding_sources"].items() for alias in aliases}

    @once  # made once: the layout does not change after loading
    def metric_units(self) -> dict[str, str]:
        units = self.raw["metric_units"]
        return dict(sorted(units.items(), key=lambda kv: -len(kv[0])))


@lru_cache(maxsize=1)
def load_layout() -> Layout:
    """The packaged layout (cached)."""
    text = resources.files("analysis.interpret").joinpath("layout.toml").read_text(encoding="utf-8")
    return Layout(tomllib.loads(text))
