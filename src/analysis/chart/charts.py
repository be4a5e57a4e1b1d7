"""Briefing charts for a district council: one look, Hangul that renders, money in 억원/백만원.

Every chart function returns a :class:`matplotlib.figure.Figure` sized for a 16:9 slide and
carrying its title (top left) and a footer (bottom left) with the as-of date and the source
report, e.g. ``기준일: 2022-10-31 · 자료: 영등포구 비전협력과 「2022년 주요업무 보고」 (…)``.

>>> from analysis.chart import charts
>>> fig = charts.budget_execution_chart(                                 # doctest: +SKIP
...     tables["budget_units"], "unit", pace=fiscal_pace("2022-10-31"),
...     title="단위사업별 예산 집행", as_of="2022-10-31", source=charts.source_label(report))
>>> charts.save_figure(fig, "budget_execution")                           # doctest: +SKIP
{'png': PosixPath('.../reports/figures/budget_execution.png'), 'svg': ...}

Fonts
    Hangul needs a font with Hangul glyphs. The dependency ``koreanize-matplotlib`` ships
    NanumGothic; its folder is located with :func:`importlib.util.find_spec` and the TTFs are
    registered with matplotlib, *without importing* that package (its import runs
    ``from distutils ...``, which fails on Python 3.12+). :func:`use_style` does this and
    applies ``analysis.mplstyle``; every chart function calls it, so it changes matplotlib's
    global ``rcParams`` (as a style does).

Money
    Amounts in the tables are 천원 (thousand won). :func:`choose_money_unit` picks the unit a
    councillor reads (천원, 백만원 or 억원), :func:`to_unit` converts, :func:`format_money`
    writes ``"10.7억원"`` (half-up rounding, ``△`` for minus as in the reports) and
    :func:`money_axis` puts the unit in the axis label: ``금액 (백만원)``.
"""

from __future__ import annotations

import datetime as _dt
import importlib.resources
import importlib.util
import math
import re
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from analysis import config
from analysis.analyse.units import (  # shared with the narrative text, so charts and sentences write money alike
    _DEFAULT_DECIMALS, MONEY_UNITS, _floats, _isna, _number, choose_money_unit, format_money, to_unit,
)
from analysis.analyse.units import check_unit as _check_unit
from analysis.store.xlsx import display_width as _display_width

__all__ = [
    "FONT_FAMILY", "FONT_PACKAGE", "FUNDING_COLORS", "MONEY_UNITS", "PALETTE",
    "annotate", "budget_execution_chart", "change_chart", "describe", "sources_label", "trend_chart", "choose_money_unit", "count_chart",
    "font_dir", "format_money", "funding_chart", "money_axis", "save_figure",
    "source_label", "staffing_chart", "to_unit", "use_style",
]

# --------------------------------------------------------------------------------------------
# Look: font, palette, style
# --------------------------------------------------------------------------------------------

FONT_PACKAGE = "koreanize_matplotlib"
"""The installed package whose ``fonts/`` folder holds the NanumGothic TTFs (never imported)."""
FONT_FAMILY = "NanumGothic"
STYLE_FILE = "analysis.mplstyle"

# afcharts (UK Government Analysis Function) main palette: colour-blind-safe, calm.
DARK_BLUE = "#12436D"
TURQUOISE = "#28A197"
DARK_PINK = "#801650"
ORANGE = "#F46A25"
DARK_GREY = "#3D3D3D"
LIGHT_PURPLE = "#A285D1"
PALETTE = [DARK_BLUE, TURQUOISE, DARK_PINK, ORANGE, DARK_GREY, LIGHT_PURPLE]
"""The one colour cycle (also ``axes.prop_cycle`` in ``analysis.mplstyle``)."""

LIGHT_BLUE = "#B8C7D3"  # dark blue at ~30%: the "whole" a solid bar is part of (budget)
MID_BLUE = "#7F9AB3"  # dark blue at ~55%: the earlier of two values (before, 정원)
ACCENT = DARK_PINK  # text that needs attention (staffing gaps); dark enough for small text
MUTED = "#505050"  # footer and secondary text

FUNDING_COLORS: dict[str, str] = {
    "구비": DARK_BLUE,
    "군비": DARK_BLUE,  # a 군's own money, stored as 구비 (measures.own_source_name)
    "시비": TURQUOISE,
    "도비": LIGHT_PURPLE,
    "국비": DARK_PINK,
    "특별교부금": DARK_GREY,
    "기금": ORANGE,
    "민간": "#8C8C8C",
}
"""Stable colour per funding source (canonical names of ``layout.toml``); stacking order too."""
_OTHER_FUNDING_COLORS = ["#BFBFBF", "#6B8FB0", "#93D0C9"]

_TITLE_SIZE = 16
_FOOTER_SIZE = 9.5
_VALUE_SIZE = 10.5
_EDGE_IN = 0.16  # title/footer distance from the figure's edge, inches
_GAP_IN = 0.10  # space between title/footer and the plotting area, inches
_FOOTER_GID = "analysis-footer"


def font_dir(package: str | None = None) -> Path:
    """The folder of bundled NanumGothic TTFs, found without importing the package.

    Parameters
    ----------
    package : str, optional
        Installed package that has a ``fonts/`` folder with ``*.ttf`` files; default
        :data:`FONT_PACKAGE` (``koreanize_matplotlib``).

    Returns
    -------
    Path
        The ``fonts`` folder.

    Raises
    ------
    RuntimeError
        If the package is not installed or has no ``fonts/`` folder with TTF files.
    """
    package = package or FONT_PACKAGE
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        spec = None
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    if not locations:
        raise RuntimeError(
            f"cannot find the Hangul font: package {package!r} is not installed "
            "(pip install koreanize-matplotlib, a dependency of analysis)"
        )
    folder = Path(locations[0]) / "fonts"
    if not folder.is_dir() or not any(folder.glob("*.ttf")):
        raise RuntimeError(f"cannot find the Hangul font: no *.ttf files in {folder}")
    return folder


def _register_fonts() -> None:
    """Register every bundled TTF with matplotlib once (re-running adds nothing)."""
    folder = font_dir()
    known = {Path(f.fname).resolve() for f in font_manager.fontManager.ttflist}
    for ttf in sorted(folder.glob("*.ttf")):
        if ttf.resolve() not in known:
            font_manager.fontManager.addfont(str(ttf))


def use_style() -> None:
    """Apply the briefing look: NanumGothic for Hangul and ``analysis.mplstyle``.

    Registers the NanumGothic TTFs shipped by ``koreanize-matplotlib`` (without importing it),
    applies the packaged style (16:9 figure, no top/right spines, light grid, one colour-blind-
    safe palette, slide-sized fonts) and sets ``font.family = "NanumGothic"`` and
    ``axes.unicode_minus = False`` (NanumGothic has no U+2212 minus sign). Calling it again
    changes nothing further. It sets matplotlib's global ``rcParams``.

    Raises
    ------
    RuntimeError
        If the font folder cannot be found (see :func:`font_dir`).
    """
    _register_fonts()
    with importlib.resources.as_file(importlib.resources.files("analysis.chart") / STYLE_FILE) as path:
        plt.style.use(str(path))
    mpl.rcParams["font.family"] = [FONT_FAMILY]
    mpl.rcParams["axes.unicode_minus"] = False


# --------------------------------------------------------------------------------------------
# Money
# --------------------------------------------------------------------------------------------



def _tick_number(value: float, _pos: Any = None) -> str:
    """Tick text with thousands separators and only the decimals a tick needs."""
    if not math.isfinite(value):
        return ""
    rounded = round(value, 6)
    if rounded == int(rounded):
        return f"{int(rounded):,}"
    return f"{rounded:,.3f}".rstrip("0").rstrip(".")


def money_axis(ax: Any, unit: str, axis: str = "x", label: str = "금액") -> None:
    """Format an axis that shows amounts already converted to ``unit`` (see :func:`to_unit`).

    Ticks get thousands separators (``1,000``) and the axis label carries the unit:
    ``금액 (백만원)``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes.
    unit : str
        ``"천원"``, ``"백만원"`` or ``"억원"``.
    axis : {"x", "y"}, default "x"
        The money axis ("x" for horizontal bars).
    label : str, default "금액"
        Axis label before the unit.

    Raises
    ------
    ValueError
        If ``unit`` or ``axis`` is not one of the allowed values.
    """
    _check_unit(unit)
    if axis not in ("x", "y"):
        raise ValueError(f"axis must be 'x' or 'y', got {axis!r}")
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_formatter(FuncFormatter(_tick_number))
    target.set_label_text(f"{label} ({unit})")


# --------------------------------------------------------------------------------------------
# Title, as-of date, source
# --------------------------------------------------------------------------------------------


def _field(row: Any, key: str) -> Any:
    try:
        return row[key]
    except (KeyError, IndexError) as exc:
        raise KeyError(f"report row has no {key!r} (expected district, department, year, session)") from exc


def source_label(report_row: Mapping[str, Any] | pd.Series | pd.DataFrame) -> str:
    """The source text for a chart footer, from a row of the ``reports`` table.

    Parameters
    ----------
    report_row : dict, pandas.Series or one-row pandas.DataFrame
        With keys ``district``, ``department``, ``year`` and ``session`` (may be missing/NA), and
        ``title`` where the cover printed one (``2023년 주요업무 추진상황 보고``): quoted as
        printed; without it, ``<year>년 주요업무 보고``.

    Returns
    -------
    str
        E.g. ``"영등포구 비전협력과 「2022년 주요업무 보고」 (제241회 구의회 제2차 정례회)"``.

    Raises
    ------
    KeyError
        If a required key is missing.
    ValueError
        If a DataFrame with other than one row is given.
    """
    if isinstance(report_row, pd.DataFrame):
        if len(report_row) != 1:
            raise ValueError(f"expected one report row, got {len(report_row)}")
        report_row = report_row.iloc[0]
    parts = [str(_field(report_row, k)) for k in ("district", "department") if not _isna(_field(report_row, k))]
    year = _field(report_row, "year")
    printed = report_row.get("title") if hasattr(report_row, "get") else None  # as the cover prints it
    title = str(printed).strip() if printed is not None and not _isna(printed) and str(printed).strip() else "주요업무 보고" if _isna(year) else f"{int(year)}년 주요업무 보고"
    text = " ".join([*parts, f"「{title}」"])
    session = report_row.get("session") if hasattr(report_row, "get") else None
    if session is not None and not _isna(session) and str(session).strip():
        text += f" ({str(session).strip()})"
    return text


def sources_label(report_rows: pd.DataFrame) -> str:
    """Footer source for a chart drawn from several reports of one department:
    ``"영등포구 비전협력과 「주요업무 보고」 2022·2023년"``."""
    first = report_rows.iloc[0]
    years = "·".join(str(int(y)) for y in sorted(report_rows["year"].dropna().unique()))
    who = " ".join(str(first[k]) for k in ("district", "department") if not _isna(first[k]))
    return " ".join(part for part in (who, "「주요업무 보고」", f"{years}년" if years else "") if part)


def source_note(as_of: Any, source: str) -> str:
    """The line that says where figures come from: ``기준일: 2022-10-31 · 자료: <source>``, or
    ``자료: <source>`` without an as-of date. A chart's footer and a sheet's print header.

    >>> source_note("2022-10-31", "영등포구 비전협력과 「2022년 주요업무 보고」")
    '기준일: 2022-10-31 · 자료: 영등포구 비전협력과 「2022년 주요업무 보고」'
    """
    parts = [] if as_of is None or _isna(as_of) else [f"기준일: {_date_text(as_of)}"]
    parts.append(f"자료: {str(source).strip()}")
    return " · ".join(parts)


def _date_text(as_of: Any) -> str:
    if isinstance(as_of, str):
        return as_of.strip()
    if isinstance(as_of, (_dt.date, pd.Timestamp)):
        return pd.Timestamp(as_of).strftime("%Y-%m-%d")
    return str(as_of)


def annotate(fig: Figure, title: str, as_of: Any, source: str) -> Figure:
    """Give a figure its title (top left) and footer (bottom left) and fit the axes between.

    The footer reads ``기준일: 2022-10-31 · 자료: <source>``; without ``as_of`` it reads
    ``자료: <source>``. Both are wrapped to the figure's width, and the figure's constrained
    layout is limited to the band between them, so nothing overlaps and the saved figure keeps
    its 16:9 size with the footer inside. Annotating again replaces title and footer. Calls
    :func:`use_style` first, so the Hangul font is registered.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure (its layout engine is set to constrained).
    title : str
        Chart title (what the chart shows).
    as_of : str, datetime.date, pandas.Timestamp or None
        Date the figures refer to (``"2022-10-31"``); None omits it.
    source : str
        The source report, usually :func:`source_label` of a ``reports`` row.

    Returns
    -------
    matplotlib.figure.Figure
        The same figure.

    Raises
    ------
    ValueError
        If ``title`` or ``source`` is empty.
    """
    _check_annotation(title, source)
    use_style()
    width_in, height_in = fig.get_size_inches()
    x = _EDGE_IN / width_in

    for text in [t for t in fig.texts if t.get_gid() == _FOOTER_GID]:
        text.remove()
    heading = fig.suptitle(
        str(title).strip(), x=x, y=1 - _EDGE_IN / height_in, ha="left", va="top",
        fontsize=_TITLE_SIZE, fontweight="semibold", wrap=True,
    )
    footer = fig.text(
        x, _EDGE_IN / height_in, source_note(as_of, source), ha="left", va="bottom",
        fontsize=_FOOTER_SIZE, color=MUTED, wrap=True, gid=_FOOTER_GID,
    )
    fig_height_px = fig.bbox.height
    top = heading.get_window_extent().y0 / fig_height_px - _GAP_IN / height_in
    bottom = footer.get_window_extent().y1 / fig_height_px + _GAP_IN / height_in
    fig.set_layout_engine("constrained", rect=(0, bottom, 1, max(top - bottom, 0.1)))
    return fig


# --------------------------------------------------------------------------------------------
# Chart helpers
# --------------------------------------------------------------------------------------------


_NUMBER = re.compile(r"^(?:[\u2460-\u2473]|\(\d+\))$")  # a program's number as printed: ① … ⑳, (21)


def _wrap(text: str, width: int = 26, max_lines: int = 3, keep: str = "start") -> str:
    """Wrap a label at spaces to ``width`` display units (a Hangul syllable counts 2), in at most
    ``max_lines`` lines. A longer label is cut with ``…``: at its end (``keep="start"``: a
    program's name, whose start says which it is) or at its start (``keep="end"``: a figure's
    label, whose qualifier, ``… 1일 100회``, comes last). Either way a leading program number
    (``④``) stays, so a bar is never left without it."""
    words: list[str] = []
    for word in str(text).split():
        if words and word in ("—", "–", "-", "·"):  # never start a line with a dash
            words[-1] += " " + word
        else:
            words.append(word)
    lines = _lines(words, width)
    if len(lines) <= max_lines:
        return "\n".join(lines)
    number = words[0] if words and _NUMBER.match(words[0]) else ""
    if keep == "end":
        lines = _lines(words[1:] if number else words, width)
        first = lines[-max_lines]
        room = width - 1 - (_display_width(number) + 1 if number else 0)
        while first and _display_width(first) > room:
            first = first[1:]
        return "\n".join([f"{number} …{first.lstrip()}" if number else "…" + first.lstrip(), *lines[-max_lines + 1:]])
    last = lines[max_lines - 1]
    while last and _display_width(last) > width - 1:
        last = last[:-1]
    return "\n".join([*lines[: max_lines - 1], last.rstrip() + "…"])


def _lines(words: list[str], width: int) -> list[str]:
    """Words laid into lines of ``width`` display units; a word longer than a line is broken."""
    lines: list[str] = []
    line = ""
    for word in words:
        while _display_width(word) > width:  # a word longer than a line: break it
            room = width - _display_width(line) - (1 if line else 0)
            cut = 0
            while cut < len(word) and _display_width(word[: cut + 1]) <= room:
                cut += 1
            if cut == 0:
                lines.append(line)
                line = ""
                continue
            lines.append(f"{line} {word[:cut]}".strip())
            line, word = "", word[cut:]
        candidate = f"{line} {word}".strip()
        if _display_width(candidate) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _require(df: pd.DataFrame, columns: Sequence[str | None]) -> None:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c is not None and c not in df.columns]
    if missing:
        raise KeyError(f"columns {missing} not in the DataFrame (it has {list(df.columns)})")
    if df.empty:
        raise ValueError("no rows to plot")


def _labels(df: pd.DataFrame, label: str | Sequence[str]) -> list[str]:
    """Row labels from a column, or several columns joined with a space (category + grade)."""
    columns = [label] if isinstance(label, str) else list(label)
    _require(df, columns)
    parts = [["" if _isna(v) else str(v) for v in df[c]] for c in columns]
    return [" ".join(p for p in row if p) for row in zip(*parts)]


def _check_annotation(title: Any, source: Any) -> None:
    if title is None or not str(title).strip():
        raise ValueError("a chart needs a title")
    if source is None or not str(source).strip():
        raise ValueError("a chart needs its source (see source_label)")


def _new_axes(title: Any, source: Any) -> tuple[Figure, Any]:
    _check_annotation(title, source)
    use_style()
    fig, ax = plt.subplots()
    return fig, ax


def _category_axis(ax: Any, labels: list[str], keep: str = "start") -> None:
    """Horizontal-bar layout: categories top to bottom, wrapped (a long one cut, see :func:`_wrap`),
    grid on the value axis only."""
    wrapped = [_wrap(lab, keep=keep) for lab in labels]
    n_lines = max((w.count("\n") + 1 for w in wrapped), default=1)
    # ~300 pt of plot height on a slide; shrink the labels if the rows would not fit.
    per_row_pt = 300 / max(len(labels), 1)
    base = font_manager.FontProperties(size=mpl.rcParams["ytick.labelsize"]).get_size_in_points()
    size = min(base, per_row_pt / (1.25 * n_lines))
    ax.set_yticks(np.arange(len(labels)), labels=wrapped, fontsize=max(size, 7))
    ax.set_ylim(len(labels) - 0.5, -0.5)  # first row on top
    ax.tick_params(axis="y", length=0, pad=6)
    ax.yaxis.grid(False)
    ax.xaxis.grid(True)
    ax.spines["left"].set_color(DARK_GREY)


def _end_label(ax: Any, x: float, y: float, text: str, color: str = "#222222", weight: str = "normal") -> None:
    ax.annotate(text, (x, y), xytext=(4, 0), textcoords="offset points", ha="left", va="center",
                fontsize=_VALUE_SIZE, color=color, fontweight=weight)


def _value_room(ax: Any, xmax: float, texts: Sequence[str]) -> None:
    """Set the value axis from 0 with room to the right for the end-of-bar texts."""
    longest = max((_display_width(t) for t in texts), default=0)
    axes_width_pt = ax.figure.get_figwidth() * 72 * 0.6
    share = (longest * 0.5 * _VALUE_SIZE + 8) / axes_width_pt
    share = min(max(share, 0.06), 0.6)
    xmax = xmax if xmax > 0 and math.isfinite(xmax) else 1.0
    ax.set_xlim(0, xmax / (1 - share))


def _legend_above(ax: Any, handles: list[Any] | None = None, ncols: int | None = None) -> Any:
    kwargs = {} if handles is None else {"handles": handles}
    n = len(handles) if handles is not None else len(ax.get_legend_handles_labels()[0])
    return ax.legend(**kwargs, loc="lower left", bbox_to_anchor=(0, 1.01), ncols=ncols or max(n, 1),
                     frameon=False, borderaxespad=0.2)


def _finish(fig: Figure, title: str, as_of: Any, source: str) -> Figure:
    return annotate(fig, title, as_of, source)


# --------------------------------------------------------------------------------------------
# Charts
# --------------------------------------------------------------------------------------------


def budget_execution_chart(
    df: pd.DataFrame,
    label: str | Sequence[str],
    budget: str = "budget",
    executed: str = "executed",
    rate: str | None = "rate",
    pace: float | None = None,
    unit: str | None = None,
    *,
    title: str,
    as_of: Any,
    source: str,
) -> Figure:
    """Budget against spending per row: a light budget bar with the executed amount inside it.

    The printed execution rate is written at the end of each bar (``45.5%``). With ``pace``
    (the share of the year elapsed, see :func:`analysis.analyze.fiscal_pace`) each bar gets a marker at
    ``pace × budget``, the amount that spending at an even pace would have reached, labelled
    ``경과율 83.3%`` in the legend: executed bars short of their marker are behind pace.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per bar (e.g. the ``budget_units`` or ``programs`` table); money in 천원.
    label : str or sequence of str
        Column with the row names (several columns are joined with a space).
    budget, executed : str
        Money columns (천원).
    rate : str or None, default "rate"
        Column with the printed 집행률 in percent; None, or a missing value, computes
        executed ÷ budget.
    pace : float, optional
        Expected share executed by ``as_of``, between 0 and 1 (0.833 for 83.3%).
    unit : str, optional
        Money unit for the axis; default :func:`choose_money_unit` of the amounts.
    title, as_of, source
        See :func:`annotate`.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    KeyError
        If a column is missing.
    ValueError
        If ``df`` is empty, ``pace`` is outside 0–1 or ``unit`` is unknown.
    """
    _require(df, [budget, executed, rate])
    if pace is not None and not 0 <= pace <= 1:
        raise ValueError(f"pace is a share between 0 and 1 (0.833 for 83.3%), got {pace}")
    labels = _labels(df, label)
    budgets_k, executed_k = _floats(df[budget]), _floats(df[executed])
    unit = unit or choose_money_unit(np.concatenate([budgets_k, executed_k]))
    budgets, spent = to_unit(budgets_k, unit), to_unit(executed_k, unit)
    printed = _floats(df[rate]) if rate is not None else np.full(len(df), np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        computed = np.round(executed_k / budgets_k * 100, 1)
    rates = np.where(np.isnan(printed), computed, printed)

    fig, ax = _new_axes(title, source)
    y = np.arange(len(df))
    ax.barh(y, np.nan_to_num(budgets), height=0.66, color=LIGHT_BLUE, label="예산액", zorder=2)
    ax.barh(y, np.nan_to_num(spent), height=0.36, color=DARK_BLUE, label="집행액", zorder=3)
    handles = [Patch(color=LIGHT_BLUE, label="예산액"), Patch(color=DARK_BLUE, label="집행액")]
    if pace is not None:
        for yi, b in zip(y, budgets):
            if not np.isnan(b):
                ax.plot([b * pace] * 2, [yi - 0.42, yi + 0.42], color=ORANGE, lw=2.4,
                        solid_capstyle="butt", zorder=4)
        handles.append(Line2D([], [], color=ORANGE, lw=2.4, label=f"경과율 {pace * 100:.1f}% (예산 × 경과율)"))
    texts = ["" if np.isnan(r) else f"{r:.1f}%" for r in rates]
    ends = np.fmax(np.nan_to_num(budgets), np.nan_to_num(spent))
    for yi, end, text in zip(y, ends, texts):
        if text:
            _end_label(ax, end, yi, text)
    _category_axis(ax, labels)
    _value_room(ax, float(np.max(ends)), texts)
    money_axis(ax, unit, "x")
    _legend_above(ax, handles)
    return _finish(fig, title, as_of, source)


def _change_text(before: float, after: float, unit: str, new_label: str = "신규", ended_label: str = "종료") -> str:
    if np.isnan(before) and np.isnan(after):
        return ""
    if np.isnan(before):
        return new_label
    if np.isnan(after):
        return ended_label
    diff = after - before
    text = format_money(diff, unit, signed=True) if diff != 0 else "변동 없음"
    if before != 0 and diff != 0:
        text += f" ({_number(diff / before * 100, 1, signed=True)}%)"
    return text


def change_chart(
    df: pd.DataFrame,
    label: str | Sequence[str],
    before: str,
    after: str,
    unit: str | None = None,
    before_label: str = "2022 예산",
    after_label: str = "2023 계획",
    *,
    title: str,
    as_of: Any,
    source: str,
    new_label: str = "신규",
    ended_label: str = "종료",
) -> Figure:
    """Two amounts per row (e.g. this year's budget and next year's plan) and their change.

    Each row gets a pair of bars (before light, after solid) and the change at the end, in the
    money unit and in percent (``+126.3백만원 (+25.9%)``, ``△50.0백만원 (△20.0%)``). A missing
    ``before`` means the program starts (``new_label``), a missing ``after`` that it ends
    (``ended_label``; say ``"계획 미수록"`` where next year's plan lists only main programs).

    Parameters
    ----------
    df : pandas.DataFrame
        One row per program; money in 천원.
    label : str or sequence of str
        Column with the row names.
    before, after : str
        Money columns (천원); missing values allowed.
    unit : str, optional
        Money unit; default :func:`choose_money_unit` of both columns.
    before_label, after_label : str
        Legend text for the two bars.
    new_label, ended_label : str
        Text for a row with only ``after`` / only ``before``.
    title, as_of, source
        See :func:`annotate`.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    KeyError
        If a column is missing.
    ValueError
        If ``df`` is empty or ``unit`` is unknown.
    """
    _require(df, [before, after])
    labels = _labels(df, label)
    before_k, after_k = _floats(df[before]), _floats(df[after])
    unit = unit or choose_money_unit(np.concatenate([before_k, after_k]))
    b, a = to_unit(before_k, unit), to_unit(after_k, unit)

    fig, ax = _new_axes(title, source)
    y = np.arange(len(df))
    ax.barh(y - 0.2, np.nan_to_num(b), height=0.38, color=MID_BLUE, label=before_label, zorder=2)
    ax.barh(y + 0.2, np.nan_to_num(a), height=0.38, color=DARK_BLUE, label=after_label, zorder=2)
    texts = [_change_text(bk, ak, unit, new_label, ended_label) for bk, ak in zip(before_k, after_k)]
    ends = np.fmax(np.nan_to_num(b), np.nan_to_num(a))
    for yi, end, text in zip(y, ends, texts):
        if text:
            new_or_ended = text in (new_label, ended_label)
            _end_label(ax, end, yi, text, color=ACCENT if new_or_ended else "#222222",
                       weight="semibold" if new_or_ended else "normal")
    _category_axis(ax, labels)
    _value_room(ax, float(np.max(ends)), texts)
    money_axis(ax, unit, "x")
    _legend_above(ax)
    return _finish(fig, title, as_of, source)


def _plain(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.1f}"


def count_chart(
    df: pd.DataFrame,
    label: str | Sequence[str],
    value: str,
    unit_col: str | None = "unit",
    value_label: str = "실적",
    *,
    title: str,
    as_of: Any,
    source: str,
) -> Figure:
    """Participation figures as horizontal bars, each labelled with its counter (``3,224명``).

    Parameters
    ----------
    df : pandas.DataFrame
        One row per figure (e.g. the ``metrics`` table).
    label : str or sequence of str
        Column with the row names (long labels are wrapped).
    value : str
        Column with the counts.
    unit_col : str or None, default "unit"
        Column with each count's counter word (명, 회, 개소…); None for none.
    value_label : str, default "실적"
        Axis label; when every row has the same unit it is added: ``실적 (명)``.
    title, as_of, source
        See :func:`annotate`.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    KeyError
        If a column is missing.
    ValueError
        If ``df`` is empty, or its rows have more than one unit (one unit per chart).
    """
    _require(df, [value, unit_col])
    labels = _labels(df, label)
    values = _floats(df[value])
    units = ["" if unit_col is None or _isna(u) else str(u) for u in (df[unit_col] if unit_col else [None] * len(df))]
    if len({u for u in units if u}) > 1:
        raise ValueError(f"one unit per chart: got {', '.join(dict.fromkeys(u for u in units if u))} (chart people, sessions and sites apart)")

    fig, ax = _new_axes(title, source)
    y = np.arange(len(df))
    ax.barh(y, np.nan_to_num(values), height=0.6, color=DARK_BLUE, zorder=2)
    texts = ["" if np.isnan(v) else _plain(v) + u for v, u in zip(values, units)]
    for yi, v, text in zip(y, np.nan_to_num(values), texts):
        if text:
            _end_label(ax, v, yi, text)
    _category_axis(ax, labels, keep="end")  # a figure's qualifier comes last; its program's number stays
    _value_room(ax, float(np.nanmax(values)) if np.any(~np.isnan(values)) else 1.0, texts)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(_tick_number))
    distinct = {u for u in units if u}
    ax.set_xlabel(f"{value_label} ({distinct.pop()})" if len(distinct) == 1 else value_label)
    return _finish(fig, title, as_of, source)


def describe(fig: Figure) -> str:
    """A text equivalent of a chart, for the ``alt`` of its image: the title, each category with
    the values written beside its bar, the legend and the footer.

    >>> describe(fig)                                                        # doctest: +SKIP
    '영등포구 비전협력과 2022 · 사업별 참여 인원. ④ 금융교육 3,224명; … 자료: …'
    """
    from matplotlib.text import Annotation

    parts = [fig._suptitle.get_text()] if fig._suptitle is not None else []
    for ax in fig.axes:
        ylabels = [t.get_text() for t in ax.get_yticklabels()]
        horizontal = any(lab and not lab.replace(",", "").replace(".", "").lstrip("-−△").isdigit() for lab in ylabels)
        cats = ylabels if horizontal else [t.get_text() for t in ax.get_xticklabels()]
        values: dict[int, list[str]] = {}
        for t in ax.texts:
            if isinstance(t, Annotation) and t.xycoords == "data" and t.get_text():
                i = int(round(t.xy[1] if horizontal else t.xy[0]))
                if 0 <= i < len(cats):
                    values.setdefault(i, []).append(t.get_text())
        items = [f"{cats[i]} {' '.join(v)}".replace("\n", " ") for i, v in sorted(values.items())]
        if items:
            parts.append("; ".join(items))
        legend = ax.get_legend()
        if legend is not None:
            parts.append("범례: " + ", ".join(t.get_text() for t in legend.get_texts()))
        label = ax.get_xlabel() if horizontal else ax.get_ylabel()
        if label:
            parts.append(f"축: {label}")
    parts += [t.get_text().replace("\n", " ") for t in fig.texts if t.get_gid() == _FOOTER_GID]
    return ". ".join(p for p in parts if p)


def _gap_text(gap: float) -> str:
    if np.isnan(gap) or gap == 0:
        return ""
    return _number(gap, 0, signed=True)


def staffing_chart(
    df: pd.DataFrame,
    label: str | Sequence[str],
    authorized: str = "authorized",
    current: str = "current",
    gap: str | None = "gap",
    drop_zero: bool = False,
    *,
    title: str,
    as_of: Any,
    source: str,
) -> Figure:
    """정원 (authorized) against 현원 (current) per grade, with the gaps highlighted.

    Each row gets a pair of bars and, where 과부족 ≠ 0, the gap in the accent colour:
    ``+2`` (more staff than posts) or ``△2`` (fewer), the reports' notation.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per grade (e.g. the ``staffing`` table).
    label : str or sequence of str
        Column(s) with the row names, e.g. ``["category", "grade"]`` → ``일반직 6급``.
    authorized, current : str
        Headcount columns.
    gap : str or None, default "gap"
        Column with the printed 과부족; None (or a missing value) computes current − authorized.
    drop_zero : bool, default False
        Leave out rows where both 정원 and 현원 are 0.
    title, as_of, source
        See :func:`annotate`.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    KeyError
        If a column is missing.
    ValueError
        If ``df`` is empty (also after ``drop_zero``).
    """
    _require(df, [authorized, current, gap])
    if drop_zero:
        df = df[~((_floats(df[authorized]) == 0) & (_floats(df[current]) == 0))]
        _require(df, [])
    labels = _labels(df, label)
    auth, curr = _floats(df[authorized]), _floats(df[current])
    printed = _floats(df[gap]) if gap is not None else np.full(len(df), np.nan)
    gaps = np.where(np.isnan(printed), curr - auth, printed)

    fig, ax = _new_axes(title, source)
    y = np.arange(len(df))
    ax.barh(y - 0.2, np.nan_to_num(auth), height=0.38, color=MID_BLUE, zorder=2)
    ax.barh(y + 0.2, np.nan_to_num(curr), height=0.38, color=DARK_BLUE, zorder=2)
    texts = [_gap_text(g) for g in gaps]
    ends = np.fmax(np.nan_to_num(auth), np.nan_to_num(curr))
    for yi, end, text in zip(y, ends, texts):
        if text:
            _end_label(ax, end, yi, text, color=ACCENT, weight="bold")
    _category_axis(ax, labels)
    _value_room(ax, float(np.max(ends)), [*texts, "+00"])
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("인원 (명)")
    _legend_above(ax, [Patch(color=MID_BLUE, label="정원"), Patch(color=DARK_BLUE, label="현원")])
    # The key to the gap notation, on the legend's line at the right.
    ax.annotate("과부족 (현원-정원): +초과 · △부족", (1, 1.01), xycoords="axes fraction", xytext=(0, 6),
                textcoords="offset points", ha="right", va="bottom",
                fontsize=mpl.rcParams["legend.fontsize"], color=ACCENT)
    return _finish(fig, title, as_of, source)


def _funding_color(source: str) -> str:
    if source in FUNDING_COLORS:
        return FUNDING_COLORS[source]
    return _OTHER_FUNDING_COLORS[zlib.crc32(source.encode("utf-8")) % len(_OTHER_FUNDING_COLORS)]


def _text_color(background: str) -> str:
    r, g, b = mpl.colors.to_rgb(background)
    return "#222222" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.45 else "white"


def funding_chart(
    df: pd.DataFrame,
    label: str | Sequence[str],
    source_col: str = "source",
    amount: str = "budget",
    unit: str | None = None,
    *,
    title: str,
    as_of: Any,
    source: str,
) -> Figure:
    """Funding sources (구비/시비/국비/기금…) of each program as stacked horizontal bars.

    Colours are fixed per source (:data:`FUNDING_COLORS`; other names get a colour derived from
    the name), so a source looks the same on every chart; stacking follows the order of
    :data:`FUNDING_COLORS`. Segments wide enough show their amount; each bar ends with its total
    (``38.5백만원``).

    Parameters
    ----------
    df : pandas.DataFrame
        Long table, one row per program × source (e.g. ``program_funding`` joined to the
        program names); rows with the same label and source are added up. Money in 천원.
    label : str or sequence of str
        Column with the program names (programs keep their first-appearance order).
    source_col : str, default "source"
        Column with the funding source name. (Named ``source_col`` because ``source`` is the
        footer's source report, as in every chart function.)
    amount : str, default "budget"
        Money column (천원).
    unit : str, optional
        Money unit; default :func:`choose_money_unit` of the programs' totals.
    title, as_of, source
        See :func:`annotate`.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    KeyError
        If a column is missing.
    ValueError
        If ``df`` is empty, ``unit`` is unknown, or ``source`` is a column name of ``df`` (the
        column goes in ``source_col``; ``source`` is the footer text).
    """
    _require(df, [source_col, amount])
    if isinstance(source, str) and source in df.columns:
        raise ValueError(
            f"source={source!r} is a column name: pass the funding-source column as source_col "
            "and the source report (footer text) as source"
        )
    labels = _labels(df, label)
    long = pd.DataFrame({
        "label": labels,
        "source": ["" if _isna(s) else str(s) for s in df[source_col]],
        "amount": _floats(df[amount]),
    })
    programs = list(dict.fromkeys(long["label"]))
    seen = list(dict.fromkeys(s for s in long["source"] if s))
    order = [s for s in FUNDING_COLORS if s in seen] + [s for s in seen if s not in FUNDING_COLORS]
    table = (
        long[long["source"] != ""]
        .groupby(["label", "source"], sort=False)["amount"].sum(min_count=1)
        .unstack("source")
        .reindex(index=programs, columns=order)
    )
    totals_k = table.sum(axis=1, min_count=1).to_numpy(dtype="float64", na_value=np.nan)
    unit = unit or choose_money_unit(totals_k)

    fig, ax = _new_axes(title, source)
    y = np.arange(len(programs))
    left = np.zeros(len(programs))
    widths_all = to_unit(np.nan_to_num(totals_k), unit)
    xmax = float(np.max(widths_all)) if len(widths_all) else 1.0
    for src in order:
        widths = to_unit(table[src].to_numpy(dtype="float64", na_value=np.nan), unit)
        widths = np.nan_to_num(widths)
        color = _funding_color(src)
        ax.barh(y, widths, left=left, height=0.6, color=color, label=src, zorder=2,
                edgecolor="white", linewidth=0.8)
        for yi, l, w, k in zip(y, left, widths, table[src].to_numpy(dtype="float64", na_value=np.nan)):
            if w > 0 and w >= 0.09 * xmax:
                ax.text(l + w / 2, yi, _number(k / MONEY_UNITS[unit], _DEFAULT_DECIMALS[unit]),
                        ha="center", va="center", fontsize=_VALUE_SIZE - 1, color=_text_color(color), zorder=3)
        left = left + widths
    texts = [format_money(t, unit) for t in totals_k]
    for yi, end, text in zip(y, left, texts):
        if text:
            _end_label(ax, end, yi, text)
    _category_axis(ax, programs)
    _value_room(ax, xmax, texts)
    money_axis(ax, unit, "x")
    _legend_above(ax)
    return _finish(fig, title, as_of, source)


# --------------------------------------------------------------------------------------------
# Saving
# --------------------------------------------------------------------------------------------


def save_figure(fig: Figure, name: str, directory: str | Path | None = None, dpi: int = 200) -> dict[str, Path]:
    """Write a figure as ``<name>.png`` and ``<name>.svg`` for slides.

    The figure is saved at its own size (10 × 5.625 in from the style: 2000 × 1125 px at
    200 dpi, a 16:9 slide), not cropped with ``bbox_inches="tight"``: :func:`annotate` already
    keeps the title and footer inside the figure, and cropping would change the slide ratio.
    The SVG carries no date and fixed ids, so re-saving an unchanged chart gives the same file.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    name : str
        File name without suffix (no folders), e.g. ``"budget_execution"``.
    directory : str or Path, optional
        Output folder, created if needed; default ``analysis.config.FIGURES_DIR``.
    dpi : int, default 200
        PNG resolution; at least 200.

    Returns
    -------
    dict of str to Path
        ``{"png": <path>, "svg": <path>}``.

    Raises
    ------
    ValueError
        If ``name`` is empty or has a folder or suffix, or ``dpi`` < 200.
    """
    if not name or Path(name).name != name or name in (".", ".."):
        raise ValueError(f"name must be a plain file name without folders, got {name!r}")
    if Path(name).suffix.lower() in (".png", ".svg"):
        raise ValueError(f"name is given without suffix, got {name!r}")
    if dpi < 200:
        raise ValueError(f"dpi must be at least 200 for slides, got {dpi}")
    folder = Path(directory) if directory is not None else Path(config.FIGURES_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"png": folder / f"{name}.png", "svg": folder / f"{name}.svg"}
    fig.savefig(paths["png"], format="png", dpi=dpi, bbox_inches=None)
    fig.savefig(paths["svg"], format="svg", bbox_inches=None, metadata={"Date": None})
    return paths


def _ordered(values: list) -> list:
    """The distinct values of an ordered axis (years, dates), in order: never in the order they
    first appear in the rows (a team of one year listed first put 2022 before 2021). Values
    that do not compare keep their first appearance."""
    distinct = list(dict.fromkeys(values))
    try:
        return sorted(distinct)
    except TypeError:
        return distinct


def trend_chart(
    df: pd.DataFrame,
    x: str,
    y: str,
    series: str | None = None,
    *,
    percent: bool = False,
    marker: str | None = None,
    marker_label: str = "경과율",
    unit: str | None = None,
    x_labels: Mapping[Any, str] | None = None,
    title: str,
    as_of: Any,
    source: str,
) -> Figure:
    """Values by year (or another ordered ``x``), as vertical bars grouped by ``series``; the
    ``x`` values left to right in their order (2021, 2022, 2023), whatever the rows' order.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per (x, series).
    x, y : str
        The category column (e.g. ``year``) and the value column: money in 천원, or a percentage
        with ``percent=True``.
    series : str, optional
        Column whose values get a bar each within an ``x`` (e.g. ``team``); one bar per ``x``
        without it.
    percent : bool, default False
        ``y`` is a percentage: the axis reads ``집행률 (%)`` and bars are labelled ``58.3%``.
    marker : str, optional
        Column of a reference value per bar drawn as a short orange line (e.g. ``pace``), with
        ``marker_label`` in the legend.
    unit : str, optional
        Money unit; default :func:`choose_money_unit` of ``y``.
    x_labels : mapping, optional
        Tick text per ``x`` value, e.g. ``{2022: "2022\\n10-31 기준 · 경과율 83.3%"}``: rates of
        different years are as of different dates.
    title, as_of, source
        See :func:`annotate`.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    KeyError
        If a column is missing.
    """
    _require(df, [x, y, series, marker])
    if df.empty:
        raise ValueError("no rows to chart")
    fig, ax = _new_axes(title, source)
    xs = _ordered(df[x].tolist())
    groups = list(dict.fromkeys(df[series].tolist())) if series else [None]
    width = 0.8 / len(groups)
    values = _floats(df[y])
    if not percent:
        unit = unit or choose_money_unit(values)
        values = to_unit(values, unit)
    for k, group in enumerate(groups):
        rows = df if group is None else df[df[series] == group]
        pos = np.array([xs.index(v) for v in rows[x]]) - 0.4 + width * (k + 0.5)
        vals = values[rows.index.map(df.index.get_loc)] if isinstance(values, np.ndarray) else values
        bars = ax.bar(pos, np.nan_to_num(vals), width=width * 0.9, color=PALETTE[k % len(PALETTE)], label=str(group) if group is not None else None, zorder=2)
        for bar, v in zip(bars, vals):
            if not np.isnan(v):
                text = f"{v:.1f}%" if percent else _number(v, _DEFAULT_DECIMALS[unit])  # one look per chart: 190.0, not 190
                ax.annotate(text, (bar.get_x() + bar.get_width() / 2, bar.get_height()), xytext=(0, 3), textcoords="offset points",
                            ha="center", va="bottom", fontsize=_VALUE_SIZE)
        if marker is not None:
            for p, m in zip(pos, _floats(rows[marker])):
                if not np.isnan(m):
                    ax.plot([p - width * 0.45, p + width * 0.45], [m, m], color=ORANGE, linewidth=2.5, zorder=3)
    ax.set_xticks(range(len(xs)), [str(x_labels.get(v, v)) if x_labels else str(v) for v in xs])
    ax.grid(axis="x", visible=False)
    if percent:
        ax.set_ylabel("집행률 (%)")
        ax.set_ylim(0, max(105.0, float(np.nanmax(values)) * 1.1))
    else:
        money_axis(ax, unit, "y")
    handles, labels = ax.get_legend_handles_labels()
    if marker is not None:
        handles.append(Line2D([], [], color=ORANGE, linewidth=2.5))
        labels.append(marker_label)
    if labels:
        ax.legend(handles, labels, loc="lower left", bbox_to_anchor=(0, 1.01), ncols=max(len(labels), 1), frameon=False)
    return _finish(fig, title, as_of, source)
