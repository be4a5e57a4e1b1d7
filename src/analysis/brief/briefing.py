"""Run the notebooks and write ``reports/``: executed notebooks, figures, tables for Excel, and
an HTML briefing without code.

Notebooks are executed with papermill, which injects the ``parameters`` cell's values
(``REPORT_ID``) so the same notebooks re-run for another report without editing. The briefing
has a section per report (its district, department and year in the heading), after the trends
across years where a department has several reports (``00-trends``).

Report text is data: narrative sentences go through :func:`show_text` (everything escaped, only
``**bold**``, paragraphs and ``- `` lists rendered), tables through :func:`show_table` (cells
escaped), and the page loads nothing from a network (:func:`write_briefing`).
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import html as _html
import io
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pandas as pd

from analysis import config
from analysis.analyse.units import _number
from analysis.store.contract import COLUMN_LABELS
from analysis.store.safe import quote_frame, unquote_series

LABELS = {
    **COLUMN_LABELS,
    "check_label": "검증", "kind_label": "종류", "not_in_plan": "계획 미수록(천원)", "new_in_plan": "신규 사업(천원)", "counted": "나눈 인원(분모)",
    "reason": "제외 이유", "text": "실적", "year_label": "연도(기준일·경과율)", "account": "회계", "report_year": "보고서 연도",
}
"""Korean column headers of the briefing's tables (the contract's, and those of the measures)."""

# Column names that are numbers but no quantities: no thousands separator, no △.
_PLAIN = {"year", "report_year", "plan_year", "program_no", "source_line", "group", "from_year", "to_year"}

SHEET_TITLES = {
    "01_unit_execution": "단위사업 집행률", "01_program_execution": "주요사업 집행률", "01_funding": "재원 구성",
    "02_program_shift": "사업별 내년 계획", "02_team_shift": "팀별 내년 계획", "02_lineage": "사업 연결",
    "03_people": "참여 인원", "03_figures": "추진실적 수치", "03_left_out": "참여 인원 제외", "03_cost_per_person": "1인당 집행액",
    "04_staffing": "정원과 현원", "05_checks": "검증 결과", "05_unit_links": "단위사업 연결", "05_inferred": "추정한 값",
    "00_yearly_totals": "연도별 집행", "00_plan_vs_actual": "계획 대비 실제",
}
"""Readable sheet titles of ``briefing_tables.xlsx``, by the table's name after its report id."""


def _signed(decimals: int):
    def fmt(value) -> str:
        return "" if pd.isna(value) else _number(value, decimals)
    return fmt


def show_table(df: pd.DataFrame, columns: list[str], name: str | None = None, labels: dict[str, str] | None = None):
    """The columns of ``df`` with Korean headers, for display: no index, ``1,234`` for whole
    numbers, one decimal for rates, ``△`` for every negative, every cell escaped (report text is
    data). Saved (raw numbers) for Excel as ``name`` when given.

    Parameters
    ----------
    df : pandas.DataFrame
        The table.
    columns : list of str
        Columns to show, in order.
    name : str, optional
        File stem for :func:`save_table`, e.g. ``"영등포구_비전협력과_2022_01_unit_execution"``.
    labels : dict, optional
        Headers for columns whose meaning differs here (``{"unit": "단위"}`` for metrics).

    Returns
    -------
    pandas.io.formats.style.Styler
        Displayed by a notebook cell that ends with it; ``.data`` is the table.
    """
    headers = {**LABELS, **(labels or {})}
    out = df[columns].copy()
    for col in out.columns:
        if out[col].dtype.kind == "f" or str(out[col].dtype) == "Float64":
            out[col] = out[col].round(1)
    plain = [headers.get(c, c) for c in columns if c in _PLAIN]
    out = out.rename(columns=headers)
    if name:
        save_table(out, name)
    ints = [c for c in out.columns if str(out[c].dtype) in ("Int64", "int64") and c not in plain]
    floats = [c for c in out.columns if c not in ints and c not in plain and (out[c].dtype.kind == "f" or str(out[c].dtype) == "Float64")]
    styler = out.style.hide(axis="index").format(na_rep="", escape="html")
    if len(out.columns) >= WIDE_TABLE:  # printed a size smaller, so its words need not break to fit A4
        styler = styler.set_table_attributes('class="wide"')
    if out.empty:  # a header alone reads as a table cut short: say there is nothing
        styler = styler.set_caption("해당 없음")
    text = [c for c in out.columns if c not in ints and c not in floats and c not in plain]
    if text:
        # Korean text breaks between words where it can, inside a word only where it must
        # (numbers, in the other columns, never break: the table still fits an A4 page).
        # A column of short words (영등포구, 비전협력과, 계획대로) is never narrower than its
        # longest word; one with a long word (디지털국제금융중심지) may break it anywhere.
        short = [c for c in text if _short_words(out[c])]
        single = [c for c in short if all(" " not in str(v).strip() for v in out[c].dropna())]  # a date, a district, a department
        styler = styler.set_properties(subset=text, **{"text-align": "left", "word-break": "keep-all"})
        for subset, wrap in ((short, "break-word"), ([c for c in text if c not in short], "anywhere")):
            if subset:
                styler = styler.set_properties(subset=subset, **{"overflow-wrap": wrap})
        long_words = [c for c in text if c not in short]
        for c in long_words:  # may break a long word, but is never squeezed below its parts: 인문학/강좌·평생학/습 was
            styler = styler.set_properties(subset=[c], **{"min-width": f"{_min_width_em(out[c]):g}em"})
        if long_words:  # a compound breaks after its middle dot first (인문학강좌· / 평생학습), display only
            styler = styler.format(lambda v: "" if pd.isna(v) else _COMPOUND_DOT.sub("·\u200b", _html.escape(str(v), quote=True)), subset=long_words)
        if single:  # one short word a cell: no break at all, not even after a hyphen (2023-/09-30)
            styler = styler.set_properties(subset=single, **{"white-space": "nowrap"})
    if ints:
        styler = styler.format(_signed(0), subset=ints)
    if floats:
        styler = styler.format(_signed(1), subset=floats)
    return styler


WIDE_TABLE = 10
"""Columns from which a table prints at 7 pt rather than 8 pt (the trends table across years)."""

SHORT_WORD = 14
"""The longest word, in display columns (seven Hangul, fourteen Latin letters), of a text column
whose words never break in a squeezed table: a district, department (스마트도시과, 일자리정책과),
team or status."""


LONG_WORD_EM = 7
"""The narrowest, in em, a text column with a word longer than :data:`SHORT_WORD` is laid out:
the width of its longest part (a word, or a compound's part up to its middle dot: 인문학강좌·,
평생학습), at most seven Hangul, so parts stay whole and only a longer one (디지털국제금융중심지)
may break. Without it a browser gave such a column the width of a syllable or four when another
column was long (a program list beside one plan: ``인문학 / 강좌·평생학 / 습``); with whole
words (ten Hangul) the program-shift table no longer fitted an A4 page."""

_COMPOUND_DOT = re.compile(r"(?<=[가-힣]{2})·(?=[가-힣]{2})")  # 인문학강좌·평생학습, not 국내·외


def _min_width_em(values: pd.Series) -> float:
    """The width, in em (a Hangul syllable is 1 em, a Latin letter or digit half), of the longest
    part of a text column's words (split after a compound's middle dot), at most :data:`LONG_WORD_EM`."""
    from analysis.store.xlsx import display_width

    parts = (p for v in values.dropna() for w in str(v).split() for p in _COMPOUND_DOT.sub("·\n", w).split("\n"))
    longest = max((display_width(p) for p in parts), default=0)
    return min(longest / 2 + 0.5, LONG_WORD_EM)


def _short_words(values: pd.Series) -> bool:
    """Whether every word of a text column is at most :data:`SHORT_WORD` wide (a Hangul
    character counts 2)."""
    from analysis.store.xlsx import display_width

    return all(display_width(w) <= SHORT_WORD for v in values.dropna() for w in str(v).split())


_BOLD = re.compile(r"\*\*(.+?)\*\*")


def text_html(markdown: str) -> str:
    """The narrative's few Markdown marks as HTML, with everything else escaped: paragraphs
    (blank lines), ``- `` list items and ``**bold**``. A program named ``<script>…`` or
    ``[x](javascript:…)`` stays text: no tag, no link is made from report text.

    >>> text_html("**집행률 58.3%** <b>x</b>")
    '<p><strong>집행률 58.3%</strong> &lt;b&gt;x&lt;/b&gt;</p>'
    """
    blocks = []
    for block in re.split(r"\n\s*\n", markdown.strip()):
        lines = block.split("\n")
        if all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{_inline(line[2:])}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        else:
            blocks.append(f"<p>{'<br>'.join(_inline(line) for line in lines)}</p>")
    return "\n".join(blocks)


def _inline(text: str) -> str:
    return _BOLD.sub(r"<strong>\1</strong>", _html.escape(text, quote=True))


def show_text(markdown: str) -> None:
    """Display a narrative (see :func:`text_html`) in a notebook, as HTML with report text escaped."""
    from IPython.display import HTML, display

    display(HTML(f'<div class="narrative">{text_html(markdown)}</div>'))


_NOT_IN_FILE_NAMES = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in '/\\:*?"<>|'} | {chr(c): "_" for c in range(32)})


def file_name(name: str) -> str:
    """A name made of report text (a report id, a department) as one file name: a path separator
    or a character Windows refuses in names (a share where the briefing is read) becomes its
    full-width form, ``기획/예산과`` → ``기획／예산과``; a control character ``_``. A department
    named with a slash had made every notebook fail for its report ('name must be a plain file
    name without folders') and put its executed notebooks a folder deeper.

    >>> file_name("영등포구_기획/예산과_2022_01_funding")
    '영등포구_기획／예산과_2022_01_funding'
    """
    name = name.translate(_NOT_IN_FILE_NAMES)
    return "_" if name in ("", ".", "..") else name


def show_figure(fig, name: str, alt: str | None = None) -> dict[str, Path]:
    """Save a chart to ``reports/figures/`` (PNG + SVG), show it with its alt text (default:
    :func:`analysis.chart.charts.describe` of the figure), close it."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    from analysis.chart.charts import describe, save_figure

    paths = save_figure(fig, file_name(name))
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    text = alt or describe(fig)
    display({"image/png": base64.b64encode(buffer.getvalue()).decode("ascii"), "text/plain": text},
            metadata={"image/png": {"alt": text}}, raw=True)
    plt.close(fig)
    return paths


def save_table(df: pd.DataFrame, name: str, directory: Path | None = None) -> Path:
    """Save a notebook's result table as CSV (UTF-8 with BOM, opens in Excel) in
    ``reports/tables/``; :func:`write_tables_workbook` gathers them into one workbook. Text that
    starts like a formula (``=``, ``+``, ``-``, ``@``) is written with a leading ``'``
    (:mod:`analysis.store.safe`).

    Parameters
    ----------
    df : pandas.DataFrame
        The table as shown.
    name : str
        File stem, e.g. ``"영등포구_비전협력과_2022_01_unit_execution"``.

    Returns
    -------
    pathlib.Path
        The CSV written.
    """
    directory = Path(directory) if directory is not None else config.TABLES_DIR
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{file_name(name)}.csv"
    quote_frame(df).to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")
    return path


def sheet_title(stem: str, district: bool = False) -> str:
    """A readable sheet name for a saved table: ``영등포구_비전협력과_2022_01_unit_execution`` →
    ``비전협력과 2022 단위사업 집행률`` (the department and year, then what the table is); with
    ``district``, ``영등포구 비전협력과 2022 단위사업 집행률`` (see :func:`sheet_titles`)."""
    key = _table_key(stem)
    if key is None:
        return stem
    if stem == key:
        return SHEET_TITLES[key]
    rid = stem[: -len(key) - 1].split("_")
    return " ".join([*rid[1:], SHEET_TITLES[key]]) if len(rid) >= 3 and not district else " ".join([*rid, SHEET_TITLES[key]])


def sheet_titles(stems: list[str]) -> list[str]:
    """:func:`sheet_title` of each saved table, with the district where two reports would
    otherwise read alike (관광과 2022 of 가평군, 양평군 and 이천시: ``가평군 관광과 2022 재원
    구성``, not ``관광과 2022 재원 구성 (2)``): the district is named only where it is needed."""
    short = [sheet_title(s) for s in stems]
    owners: dict[str, set[str]] = {}
    for stem, title in zip(stems, short):
        key = _table_key(stem)
        owners.setdefault(title, set()).add(stem if key is None or stem == key else stem[: -len(key) - 1])
    return [sheet_title(s, district=True) if len(owners[t]) > 1 else t for s, t in zip(stems, short)]


def _table_key(stem: str) -> str | None:
    """The table a saved file is, by its name's end (``01_unit_execution`` of
    ``영등포구_비전협력과_2022_01_unit_execution``): a key of :data:`SHEET_TITLES`, or None."""
    return next((key for key in SHEET_TITLES if stem == key or stem.endswith("_" + key)), None)


def _read_saved(path: Path) -> pd.DataFrame:
    df = pd.read_csv(path, encoding="utf-8-sig")
    df.columns = [unquote_series(pd.Series([c], dtype=object)).iloc[0] for c in df.columns]
    for col in df.columns:
        if df[col].dtype == object or pd.api.types.is_string_dtype(df[col].dtype):
            df[col] = unquote_series(df[col].astype(object))
        elif df[col].dtype.kind == "f" and not re.search(r"\(%p?\)|유사도", str(col)) and df[col].dropna().mod(1).eq(0).all():
            df[col] = df[col].astype("Int64")  # a whole-number column with blanks, read back as floats
    return df


SOURCES_SHEET = "출처"
"""The first sheet of ``briefing_tables.xlsx`` when the reports are known: each sheet's source."""

SOURCE_COLUMNS = ["시트", "보고서", "기준일", "자료", "원문 파일", "원문 SHA-256"]

UNDATED_TABLES = ("04_staffing", "03_people", "03_figures", "03_left_out")
"""Saved tables whose figures the report does not state as of the budget's date (10. 31. 기준
belongs to 예산현황): staffing and participation figures. Their sheets print no 기준일."""


def _report_of(stem: str, report_ids: set[str]) -> str | None:
    """The report a saved table belongs to: its name less the table's key
    (``영등포구_비전협력과_2022`` of ``영등포구_비전협력과_2022_01_unit_execution``) when that is a
    report id, else the longest report id the name starts with (each as :func:`file_name` writes it)."""
    named = {file_name(rid): rid for rid in report_ids}
    key = _table_key(stem)
    if key is not None and stem != key and stem[: -len(key) - 1] in named:
        return named[stem[: -len(key) - 1]]
    found = [name for name in named if stem.startswith(name + "_")]
    return named[max(found, key=len)] if found else None


def _key(value) -> str | None:
    """A district or department as a comparable key: NA (a report whose district is unknown) is
    None on both sides, never the text ``nan``."""
    return None if value is None or pd.isna(value) else str(value)


def table_sources(saved: list[tuple[str, pd.DataFrame]], reports: pd.DataFrame) -> tuple[list[str], pd.DataFrame]:
    """Where each saved table's figures come from, as a councillor quotes them.

    Parameters
    ----------
    saved : list of (str, pandas.DataFrame)
        The saved tables' names (``영등포구_비전협력과_2022_01_unit_execution``) and contents, in
        sheet order. A table named without a report id (trends across years) comes from the
        reports of the departments in its 자치구/부서 columns (every report without them).
    reports : pandas.DataFrame
        The build's ``reports`` table.

    Returns
    -------
    (list of str, pandas.DataFrame)
        For each table the line printed on its pages (``기준일: 2022-10-31 · 자료: 영등포구
        비전협력과 「2022년 주요업무 보고」 (제241회 구의회 제2차 정례회)``), and the sources
        sheet: one row per table and report (a table across years, named without a report id,
        has a row for each report), with the file and its SHA-256.
    """
    from analysis.chart.charts import source_label, source_note, sources_label

    by_id = {r["report_id"]: r for r in reports.to_dict("records")}
    ids = set(by_id)
    captions, rows = [], []
    for stem, table in saved:
        rid = _report_of(stem, ids)
        used = [by_id[rid]] if rid is not None else _reports_in(table, list(by_id.values()))
        dated = _table_key(stem) not in UNDATED_TABLES
        if rid is not None:
            captions.append(source_note(by_id[rid].get("as_of") if dated else None, source_label(by_id[rid])))
        else:  # trends: each department's reports, their as-of dates in the table's own column
            groups = pd.DataFrame(used).groupby(["district", "department"], sort=False, dropna=False) if used else []
            captions.append("자료: " + "; ".join(sources_label(g) for _, g in groups) if used else None)
        for r in used:
            as_of = r.get("as_of") if dated else None
            rows.append({
                "시트": stem, "보고서": r["report_id"], "기준일": "" if as_of is None or pd.isna(as_of) else str(as_of),
                "자료": source_label(r), "원문 파일": r.get("source_file") or "", "원문 SHA-256": r.get("source_sha256") or "",
            })
    return captions, pd.DataFrame(rows, columns=SOURCE_COLUMNS)


def _reports_in(table: pd.DataFrame, reports: list[dict]) -> list[dict]:
    """The reports whose district and department (the columns the table has of the two) appear
    in the table's rows."""
    saved_before = {"district": "자치구"}  # a table saved before the header was 지방자치단체
    headers = {k: next((h for h in (LABELS[k], saved_before.get(k)) if h and h in table.columns), None) for k in ("district", "department")}
    keys = [k for k, h in headers.items() if h is not None]
    if not keys:
        return reports
    present = set(zip(*([_key(v) for v in table[headers[k]]] for k in keys)))  # not .map: it skips NA
    return [r for r in reports if tuple(_key(r.get(k)) for k in keys) in present]


def write_tables_workbook(tables_dir: Path | None = None, out: Path | None = None, reports: pd.DataFrame | None = None) -> Path | None:
    """Every CSV of ``reports/tables/`` as a formatted sheet of ``reports/briefing_tables.xlsx``
    (:mod:`analysis.store.xlsx`: numbers as numbers, ``△`` for negatives, rates with one decimal,
    widths, a bold frozen header with filters, readable unique sheet names; text never a formula).

    With the build's ``reports`` table, each sheet prints its as-of date and source at the top
    of every page, and a first sheet ``출처`` lists each sheet's report, as-of date, source
    document and original file (:func:`table_sources`): a table copied out of the workbook can
    still be quoted with its date and source.
    """
    from analysis.store.xlsx import sheet_names, write_workbook

    tables_dir = Path(tables_dir) if tables_dir is not None else config.TABLES_DIR
    out = Path(out) if out is not None else config.BRIEFING_XLSX
    csvs = sorted(tables_dir.glob("*.csv"))
    if not csvs:
        return None
    sheets = list(zip(sheet_titles([p.stem for p in csvs]), (_read_saved(p) for p in csvs)))
    if reports is None:
        return write_workbook(out, sheets)
    names = sheet_names([SOURCES_SHEET] + [name for name, _ in sheets])
    stems = [p.stem for p in csvs]
    captions, sources = table_sources(list(zip(stems, (df for _, df in sheets))), reports)
    sources["시트"] = sources["시트"].map(dict(zip(stems, names[1:])))  # the sheet's name, as its tab reads
    return write_workbook(out, [(names[0], sources), *zip(names[1:], (df for _, df in sheets))], captions=[None, *captions])


TRENDS_NOTEBOOK = "00-trends.ipynb"
"""The notebook of trends across years: run once over every report, shown first."""


def notebook_paths(directory: Path | None = None) -> list[Path]:
    """The numbered notebooks (``00-….ipynb``, ``01-….ipynb`` …), in order."""
    directory = Path(directory) if directory is not None else config.NOTEBOOKS_DIR
    return sorted(p for p in directory.glob("[0-9][0-9]-*.ipynb"))


def _ipc_kernel_manager():
    """A kernel manager whose kernels talk over local sockets (IPC) rather than TCP: nothing
    listens on the network, and ipykernel has no reason to print "Kernel is running over TCP
    without encryption" for every notebook."""
    from jupyter_client import AsyncKernelManager
    from traitlets import default

    class IPCKernelManager(AsyncKernelManager):
        @default("transport")
        def _transport_default(self):
            return "ipc"

        @default("ip")
        def _ip_default(self):  # sockets of its own: kernels run side by side
            import uuid

            return os.path.join(tempfile.gettempdir(), f"analysis-kernel-{uuid.uuid4().hex[:12]}-ipc")

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            # The kernel's own log (e.g. "KeyboardInterrupt caught in kernel" when jupyter_client
            # interrupts it at shutdown) goes to reports/notebooks/kernels.log, not the terminal;
            # cell errors still come back as messages and stop the run.
            config.EXECUTED_NOTEBOOKS_DIR.mkdir(parents=True, exist_ok=True)
            kw.setdefault("stderr", open(config.EXECUTED_NOTEBOOKS_DIR / "kernels.log", "ab"))  # noqa: SIM115 (the kernel holds it)
            return await super()._async_launch_kernel(kernel_cmd, **kw)

    return IPCKernelManager


_SETS_REPORT_ID = re.compile(r"^REPORT_ID\s*=", re.M)


def _parameterised(path: Path) -> nbformat.NotebookNode:
    """The notebook, its cell that sets ``REPORT_ID`` tagged ``parameters``: papermill puts the
    report's id right after that cell. A notebook edited so that the cell lost its tag (copied
    into a new cell, an editor that drops cell metadata) had the id put first and then reset to
    None by the notebook's own cell: each report's section showed every report, and papermill
    only logged a warning.

    Raises
    ------
    ValueError
        If no code cell sets ``REPORT_ID`` (the notebook cannot be run for one report).
    """
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    if any("parameters" in c.metadata.get("tags", []) for c in code):
        return nb
    cell = next((c for c in code if _SETS_REPORT_ID.search(c.source)), None)
    if cell is None:
        raise ValueError(f"{path.name}: no cell sets REPORT_ID (the cell tagged 'parameters', REPORT_ID = None): "
                         "add it at the top, so that the notebook shows one report at a time")
    cell.metadata["tags"] = [*cell.metadata.get("tags", []), "parameters"]
    return nb


def _run_one(path: Path, target: Path, report_id: str | None) -> tuple[Path, float]:
    import papermill as pm

    start = time.perf_counter()
    target.parent.mkdir(parents=True, exist_ok=True)
    pm.execute_notebook(
        _parameterised(path), str(target), parameters={"REPORT_ID": report_id}, cwd=str(path.parent),
        progress_bar=False, kernel_name="python3", log_output=False, kernel_manager_class=_ipc_kernel_manager(),
    )
    return target, time.perf_counter() - start


def _run_one_kept(path: Path, target: Path, report_id: str | None) -> tuple[Path, float, str | None]:
    """:func:`_run_one`, a failure returned as its message's last line (the other runs go on)."""
    start = time.perf_counter()
    try:
        _run_one(path, target, report_id)
    except Exception as exc:  # papermill's error names the cell; its last line says what went wrong
        lines = str(exc).strip().splitlines()
        return target, time.perf_counter() - start, (lines[-1] if lines else type(exc).__name__)
    return target, time.perf_counter() - start, None


@dataclass
class Section:
    """A part of the briefing: a heading, a line under it, the executed notebooks shown, and the
    notebooks that failed for it (``notebook name: message``; said in the briefing, not shown)."""

    heading: str
    subtitle: str = ""
    notebooks: list[Path] = field(default_factory=list)
    report_id: str | None = None
    failed: list[str] = field(default_factory=list)


def plan_sections(tables: dict[str, pd.DataFrame], report_id: str | None = None, notebooks: list[Path] | None = None,
                  out_dir: Path | None = None) -> tuple[Section | None, list[Section], list[tuple[Path, Path, str | None]]]:
    """What to run: the trends notebook over every report (when a department has several years
    and no one report is asked for), then every other notebook once per report.

    Returns
    -------
    (Section or None, list of Section, list of (notebook, executed copy, REPORT_ID))
        The trends section, the reports' sections (oldest year first), and the runs.
    """
    from analysis.analyse import measures as A

    out_dir = Path(out_dir) if out_dir is not None else config.EXECUTED_NOTEBOOKS_DIR
    paths = list(notebooks if notebooks is not None else notebook_paths())
    trends_nb = [p for p in paths if p.name == TRENDS_NOTEBOOK]
    per_report = [p for p in paths if p.name != TRENDS_NOTEBOOK]
    runs: list[tuple[Path, Path, str | None]] = []
    trends = None
    if trends_nb and report_id is None and A.departments_with_years(tables):
        target = out_dir / TRENDS_NOTEBOOK
        trends = Section("연도별 추이", "해마다 기준일이 다르므로 집행률은 기준일의 경과율과 함께 봅니다.", [target])
        runs.append((trends_nb[0], target, None))
    sections = []
    for rid in A.resolve_reports(tables, report_id):
        m = A.meta(tables, rid)
        parts = [str(m[k]) for k in ("session",) if not pd.isna(m.get(k))]
        if not pd.isna(m.get("as_of")):
            parts.append(f"기준일 {m['as_of']}")
        else:
            parts.append("기준일 없음")
        results = A.figure_years(tables, rid)["actual"]
        if results is not None and not pd.isna(m.get("year")) and results != int(m["year"]):  # a February report on the year before
            parts.append(f"{results}년 예산·실적")
        section = Section(A.report_name(m), " · ".join(parts), report_id=rid)
        for nb in per_report:
            target = out_dir / file_name(rid) / nb.name
            section.notebooks.append(target)
            runs.append((nb, target, rid))
        sections.append(section)
    return trends, sections, runs


def run_notebooks(report_id: str | None = None, notebooks: list[Path] | None = None, out_dir: Path | None = None, log=print,
                  workers: int | None = None, tables: dict[str, pd.DataFrame] | None = None) -> list[Section]:
    """Execute the notebooks, one section per report (see :func:`plan_sections`), with
    ``REPORT_ID`` injected; save the executed copies. The runs are independent, so they go side
    by side, one process each, on every core.

    Returns
    -------
    list[Section]
        The briefing's sections in order (trends first), each with its executed notebooks in
        ``reports/notebooks/`` (``<report_id>/01-….ipynb``). A notebook that fails for one report
        (a cell raised) is left out of that report's section and named in its ``failed``; the
        other notebooks and reports are run and shown.
    """
    from analysis.store.contract import load_tables

    tables = tables if tables is not None else load_tables()
    trends, sections, runs = plan_sections(tables, report_id, notebooks, out_dir)
    workers = workers or min(len(runs), os.cpu_count() or 1) or 1
    if workers == 1:
        done = [_run_one_kept(nb, target, rid) for nb, target, rid in runs]
    else:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(workers, initializer=_quiet_worker, initargs=(config.EXECUTED_NOTEBOOKS_DIR / "kernels.log",))
        try:
            done = list(pool.map(_run_one_kept, [r[0] for r in runs], [r[1] for r in runs], [r[2] for r in runs]))
        finally:  # (Ctrl-C: the runs not started are dropped, not run to the end first)
            pool.shutdown(wait=True, cancel_futures=True)
    every = ([trends] if trends else []) + sections
    for (nb, target, rid), (_, seconds, error) in zip(runs, done):
        if error is None:
            log(f"  ran {nb.name} ({rid or '모든 보고서'}) in {seconds:.1f} s")
            continue
        log(f"  FAILED {nb.name} ({rid or '모든 보고서'}): {error}")
        for section in every:
            if target in section.notebooks:
                section.notebooks.remove(target)
                section.failed.append(f"{nb.name}: {error}")
    return every


def _quiet_worker(log: Path) -> None:
    """A notebook-running process writes what it would print to ``log`` (the kernels' log): each
    run's failure comes back as its value, and a Ctrl-C had each process print the tracebacks of
    its kernel client's tasks ('Task exception was never retrieved … DeadKernelError') under
    the command's one line."""
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    except OSError:
        return
    os.dup2(fd, 2)
    os.close(fd)


def _demoted(source: str) -> str:
    """A notebook's Markdown with each heading one level lower (its section heading is above)."""
    return re.sub(r"^(#{1,5}) ", r"#\1 ", source, flags=re.M)


def _kept_cells(path: Path) -> list:
    nb = nbformat.read(path, as_version=4)
    cells = []
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if cell.cell_type == "code" and ("parameters" in tags or "injected-parameters" in tags):
            continue
        if cell.cell_type == "code" and cell.source.startswith("# NBVAL_CHECK_OUTPUT"):
            continue  # the checked figures are for the tests; the narrative states them
        if cell.cell_type == "markdown":
            cell.source = _demoted(cell.source)
        cells.append(cell)
    return cells


def _heading_cell(level: int, text: str, subtitle: str = "", css: str = "") -> nbformat.NotebookNode:
    sub = f'<p class="section-subtitle">{_html.escape(subtitle)}</p>' if subtitle else ""
    return nbformat.v4.new_markdown_cell(f'<h{level} class="{css}">{_html.escape(text)}</h{level}>{sub}')


_MD_MARKS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:/@=$])")


def _md_text(text: str) -> str:
    """Text (a build's message, a report's name: file names and report text) for a Markdown
    cell of the briefing, shown as written: every Markdown mark backslash-escaped, then HTML
    escaped. Only HTML-escaped, a message quoting a report's cell ``[보기](javascript:…)``
    became a live link, ``![i](http://…)`` an image fetched from the network, and a file named
    ``초안_v2_최종.txt`` or ``*초안*.txt`` lost its marks to emphasis.

    >>> print(_md_text("found '[보기](javascript:x)'"))
    found &#x27;\\[보기\\]\\(javascript\\:x\\)&#x27;
    """
    return _html.escape(_MD_MARKS.sub(r"\\\1", str(text)), quote=True)


TEMPLATE_DIR = Path(__file__).with_name("templates")


def write_briefing(sections: list[Section] | list[Path], out: Path | None = None, title: str = "주요업무 보고 브리핑", unread: list[str] | None = None,
                   kept: list[str] | None = None, stale: str | None = None) -> Path:
    """One HTML document of the executed notebooks' text, tables and charts, without code: a
    section per report (heading: district, department, year), trends across years first.

    The page is self-contained (images, the Hangul font and the styles embedded; no script,
    style or font fetched from a network: it opens complete on an office network without
    internet) and prints on A4: each section after the first starts a page (the first shares the
    title's), headings stay with what follows, Korean lines break between words.
    ``lang="ko"``; every image has its alt text.

    Parameters
    ----------
    sections : list of Section, or list of paths
        What :func:`run_notebooks` returns; plain executed notebooks make one untitled section.
    out : path, optional
        Default ``reports/briefing.html``.
    title : str
        The page's title and first heading.
    unread : list of str, optional
        The build's messages for files it could not read: listed under the title, so a reader of
        the briefing alone knows a report is missing from it.
    kept : list of str, optional
        The build's messages for files it could not read whose report the briefing still shows,
        from the last build that read them (their rows are kept): listed apart, saying so.
    stale : str, optional
        The message of a build that failed as a whole: the briefing shows the tables last
        published, and says so first.

    Returns
    -------
    pathlib.Path
        The HTML written.
    """
    from nbconvert import HTMLExporter

    out = Path(out) if out is not None else config.BRIEFING_HTML
    if sections and not isinstance(sections[0], Section):
        sections = [Section("", notebooks=list(sections))]
    merged = nbformat.v4.new_notebook()
    merged.metadata["title"] = title
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    contents = [s.heading for s in sections if s.heading]
    merged.cells.append(nbformat.v4.new_markdown_cell(
        f"# {_html.escape(title)}\n\n만든 때: {stamp} · 자료: 보고서 원문에서 자동 추출한 표 (`data/processed/`, 산식 검증 포함)"
        + ("\n\n차례: " + " · ".join(_md_text(c) for c in contents) if len(contents) > 1 else "")
        + (f"\n\n⚠ 이번 빌드가 실패해 이 브리핑은 마지막으로 발행된 표로 만들었습니다. `data/raw/`의 지금 파일과 다를 수 있습니다:\n\n- {_md_text(stale)}" if stale else "")
        + (f"\n\n⚠ 읽지 못해 이 브리핑에 없는 파일 {len(unread)}개:\n\n" + "\n".join(f"- {_md_text(m)}" for m in unread) if unread else "")
        + (f"\n\n⚠ 읽지 못한 파일 {len(kept)}개: 그 보고서는 마지막으로 읽은 판의 표로 보여 줍니다 (지금 파일의 내용이 아닙니다):\n\n"
           + "\n".join(f"- {_md_text(m)}" for m in kept) if kept else "")
    ))
    for n, section in enumerate(sections):
        if section.heading:  # each section starts a printed page, but the first (it follows the title)
            merged.cells.append(_heading_cell(1, section.heading, section.subtitle, "report-section opening" if n == 0 else "report-section"))
        if section.failed:  # said where the missing part would be, never a traceback
            merged.cells.append(nbformat.v4.new_markdown_cell(
                f"⚠ 이 부분의 노트북 {len(section.failed)}개를 실행하지 못해 그 내용이 없습니다 (표는 `data/processed/`에 있습니다):\n\n"
                + "\n".join(f"- {_md_text(m)}" for m in section.failed)))
        for path in section.notebooks:
            merged.cells.extend(_kept_cells(path) if section.heading else _kept_cells_plain(path))
    for n, cell in enumerate(merged.cells):  # the same notebook runs once per report: ids of their own
        cell["id"] = f"cell-{n}"
    exporter = HTMLExporter(template_file="briefing.html.j2", extra_template_paths=[str(TEMPLATE_DIR)],
                            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.language_code = "ko"
    body, _ = exporter.from_notebook_node(merged)
    body = embed_hangul_font(body)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(body, encoding="utf-8")
    return out


def _kept_cells_plain(path: Path) -> list:
    """The cells of a notebook shown as they are (headings not demoted), for an untitled section."""
    nb = nbformat.read(path, as_version=4)
    return [c for c in nb.cells
            if not (c.cell_type == "code" and {"parameters", "injected-parameters"} & set(c.metadata.get("tags", [])))]


_FONT_CSS = """<style>
@font-face {{ font-family: "BriefingHangul"; font-weight: 400; src: url(data:font/woff;base64,{regular}) format("woff"); }}
@font-face {{ font-family: "BriefingHangul"; font-weight: 700; src: url(data:font/woff;base64,{bold}) format("woff"); }}
body, .jp-Notebook, .jp-RenderedHTMLCommon, .jp-RenderedText pre, table, th, td {{
  font-family: "BriefingHangul", "Malgun Gothic", "Apple SD Gothic Neo", sans-serif !important; }}
</style>
"""


def _font_subset(path: Path, text: str) -> str:
    """The font cut down to the characters of ``text``, as base64 WOFF."""
    import base64
    import io

    import logging

    from fontTools import subset

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # "TSI5 NOT subset" is expected
    options = subset.Options()
    options.flavor = "woff"
    font = subset.load_font(str(path), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(text))))
    subsetter.subset(font)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def embed_hangul_font(html: str) -> str:
    """Embed NanumGothic (from koreanize-matplotlib's files), cut to the characters the page
    uses, so Hangul renders in a browser on a machine without a Korean system font."""
    from analysis.chart.charts import font_dir

    fonts = font_dir()
    css = _FONT_CSS.format(regular=_font_subset(fonts / "NanumGothic.ttf", html), bold=_font_subset(fonts / "NanumGothicBold.ttf", html))
    return html.replace("</head>", css + "</head>", 1)


BUNDLED_REPORT = "yeongdeungpo_vision-cooperation_2022.txt"
# nbstripout keeps cells marked keep_output: the `# NBVAL_CHECK_OUTPUT` cells whose stored
# outputs nbval compares; papermill's bookkeeping is dropped with the rest.
_STRIP_KEYS = ["metadata.papermill", "cell.metadata.papermill", "cell.metadata.execution", "metadata.widgets"]


@contextlib.contextmanager
def bundled_tables():
    """Build the bundled report alone into a temporary folder and point ``ANALYSIS_PROCESSED_DIR``
    and ``ANALYSIS_REPORTS_DIR`` there, so the notebooks' checked figures do not depend on what
    else is in ``data/raw/``. Yields the tables folder."""
    from analysis.store.build import build

    tmp = Path(tempfile.mkdtemp(prefix="analysis-bundled-"))
    raw, out = tmp / "raw", tmp / "processed"
    raw.mkdir()
    shutil.copy(config.RAW_DATA_DIR / BUNDLED_REPORT, raw)
    build(raw, out)
    saved = {k: os.environ.get(k) for k in ("ANALYSIS_PROCESSED_DIR", "ANALYSIS_REPORTS_DIR")}
    os.environ["ANALYSIS_PROCESSED_DIR"], os.environ["ANALYSIS_REPORTS_DIR"] = str(out), str(tmp / "reports")
    try:
        yield out
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        shutil.rmtree(tmp, ignore_errors=True)


def refresh_checked_outputs(notebooks: list[Path] | None = None, log=print) -> None:
    """Re-execute the notebooks on the bundled report and store them stripped of every output
    but the ``# NBVAL_CHECK_OUTPUT`` cells' (``make notebooks``): the figures nbval checks."""
    from nbclient import NotebookClient
    from nbstripout import strip_output

    with bundled_tables():
        for path in notebooks if notebooks is not None else notebook_paths():
            nb = nbformat.read(path, as_version=4)
            NotebookClient(nb, timeout=600, kernel_name="python3", kernel_manager_class=_ipc_kernel_manager(), resources={"metadata": {"path": str(path.parent)}}).execute()
            nb = strip_output(nb, keep_output=False, keep_count=False, keep_id=True, extra_keys=_STRIP_KEYS)
            code = [c for c in nb.cells if c.cell_type == "code"]
            for n, cell in enumerate(code, 1):  # nbval skips stored outputs of "unrun" cells
                if cell.get("outputs"):
                    cell.execution_count = n
            nbformat.write(nb, path)
            log(f"  refreshed {path.name}")
