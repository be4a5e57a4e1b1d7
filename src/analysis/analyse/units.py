"""Money in the unit a councillor reads: 천원 (the tables' unit), 백만원 or 억원.

Shared by the charts and the narrative sentences, so both write amounts the same way.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
import pandas as pd

MONEY_UNITS: dict[str, int] = {"천원": 1, "백만원": 1_000, "억원": 100_000}
"""Display unit -> divisor from 천원 (the tables' money unit)."""

_DEFAULT_DECIMALS = {"천원": 0, "백만원": 1, "억원": 1}


def _floats(values: Any) -> np.ndarray:
    """Values (scalar, list, array, Series; nullable/NA allowed) as a float64 array (NA -> NaN)."""
    if isinstance(values, (pd.Series, pd.Index)):
        return values.to_numpy(dtype="float64", na_value=np.nan)
    if isinstance(values, pd.api.extensions.ExtensionArray):
        return values.to_numpy(dtype="float64", na_value=np.nan)
    arr = np.asarray(values, dtype=object)
    out = np.array([np.nan if _isna(v) else float(v) for v in arr.ravel()], dtype="float64")
    return out.reshape(arr.shape)


def _isna(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def check_unit(unit: str) -> int:
    if unit not in MONEY_UNITS:
        raise ValueError(f"unknown money unit {unit!r}; expected one of {', '.join(MONEY_UNITS)}")
    return MONEY_UNITS[unit]


def choose_money_unit(values: Any) -> str:
    """The unit a councillor reads for amounts given in 천원.

    The rule, on the largest absolute amount (missing values ignored):

    - ≥ 1,000,000 천원 (10억원) → ``"억원"`` (e.g. 1,070,404 천원 reads "10.7억원");
    - ≥ 1,000 천원 (1백만원) → ``"백만원"`` (487,492 천원 reads "487.5백만원");
    - otherwise, or when there are no values → ``"천원"``.

    Below 10억원 the 억원 figures would be small decimals (4.9억원), so 백만원 keeps three
    significant digits without decimals doing the work.

    Parameters
    ----------
    values : scalar, sequence, numpy array or pandas Series
        Amounts in 천원; NA/NaN allowed.

    Returns
    -------
    str
        ``"억원"``, ``"백만원"`` or ``"천원"`` (a key of :data:`MONEY_UNITS`).
    """
    arr = _floats(values).ravel()
    arr = arr[~np.isnan(arr)]
    if arr.size == 0:
        return "천원"
    largest = float(np.max(np.abs(arr)))
    if largest >= 10 * MONEY_UNITS["억원"]:
        return "억원"
    if largest >= MONEY_UNITS["백만원"]:
        return "백만원"
    return "천원"


def to_unit(values_in_cheonwon: Any, unit: str) -> Any:
    """Convert amounts in 천원 to ``unit``.

    Parameters
    ----------
    values_in_cheonwon : scalar, sequence, numpy array or pandas Series
        Amounts in 천원 (nullable ``Int64`` columns and NA allowed).
    unit : str
        ``"천원"``, ``"백만원"`` or ``"억원"``.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        The amounts divided by the unit's divisor, as float64 (NA -> NaN): a Series (same index
        and name) for a Series, a float for a scalar, an array otherwise.

    Raises
    ------
    ValueError
        If ``unit`` is not a key of :data:`MONEY_UNITS`.
    """
    divisor = check_unit(unit)
    converted = _floats(values_in_cheonwon) / divisor
    if isinstance(values_in_cheonwon, pd.Series):
        return pd.Series(converted, index=values_in_cheonwon.index, name=values_in_cheonwon.name)
    if np.ndim(values_in_cheonwon) == 0:
        return float(converted)
    return converted


def _decimal(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int, np.integer)):
        return Decimal(int(value))
    return Decimal(repr(float(value)))


def _number(value: Decimal | float, decimals: int, *, signed: bool = False) -> str:
    """``1234.56`` -> ``"1,234.6"`` (half up); minus as ``△``; ``+`` if ``signed`` and > 0."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = _decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{abs(rounded):,.{decimals}f}"
    if rounded < 0:
        return "△" + text
    if signed and rounded > 0:
        return "+" + text
    return text


def format_money(value_cheonwon: Any, unit: str, decimals: int | None = None, *, signed: bool = False) -> str:
    """An amount in 천원 written in ``unit``: ``"10.7억원"``, ``"1,070.4백만원"``, ``"623,784천원"``.

    Rounding is half up on the exact value (as the reports round); a negative amount is written
    with ``△`` as the reports do (``"△2.0백만원"``).

    Parameters
    ----------
    value_cheonwon : int, float or Decimal
        Amount in 천원.
    unit : str
        ``"천원"``, ``"백만원"`` or ``"억원"``.
    decimals : int, optional
        Decimal places; default 0 for 천원 and 1 for 백만원 and 억원.
    signed : bool, default False
        Prefix ``+`` to a positive amount (for changes).

    Returns
    -------
    str
        The amount with thousands separators and the unit; ``""`` for a missing value.

    Raises
    ------
    ValueError
        If ``unit`` is unknown or ``decimals`` is negative.
    """
    divisor = check_unit(unit)
    if decimals is None:
        decimals = _DEFAULT_DECIMALS[unit]
    if decimals < 0:
        raise ValueError(f"decimals must be >= 0, got {decimals}")
    if _isna(value_cheonwon):
        return ""
    return _number(_decimal(value_cheonwon) / divisor, decimals, signed=signed) + unit
