"""Run the notebooks and write ``reports/``: executed notebooks, figures, tables for Excel, and
an HTML briefing without code.

Notebooks are executed with papermill, which injects the ``parameters`` cell's values
(``REPORT_ID``) so the same notebooks re-run for another report without editing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
import time
from pathlib import Path

import nbformat
import pandas as pd

from analysis import config


from analysis.store.contract import COLUMN_LABELS


def show_table(df: pd.DataFrame, columns: list[str], name: str | None = None):
    """The columns of ``df`` with Korean headers, for display: no index, ``1,234`` for whole
    numbers, one decimal for rates. Saved (raw numbers) for Excel as ``name`` when given.

    Returns
    -------
    pandas.io.formats.style.Styler
        Displayed by a notebook cell that ends with it; ``.data`` is the table.
    """
    out = df[columns].rename(columns=COLUMN_LABELS)
    for col in out.columns:
        if out[col].dtype.kind == "f" or str(out[col].dtype) == "Float64":
            out[col] = out[col].round(1)
    if name:
        save_table(out, name)
    plain = {COLUMN_LABELS.get(c, c) for c in ("year", "plan_year", "program_no", "source_line", "group")}  # no 1,234 commas
    ints = [c for c in out.columns if str(out[c].dtype) in ("Int64", "int64") and c not in plain]
    floats = [c for c in out.columns if c not in ints and (out[c].dtype.kind == "f" or str(out[c].dtype) == "Float64")]
    return out.style.hide(axis="index").format(na_rep="").format("{:,}", subset=ints, na_rep="").format("{:,.1f}", subset=floats, na_rep="")


def show_figure(fig, name: str) -> dict[str, Path]:
    """Save a chart to ``reports/figures/`` (PNG + SVG), show it in the notebook, close it."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    from analysis.chart.charts import save_figure

    paths = save_figure(fig, name)
    display(fig)
    plt.close(fig)
    return paths


def save_table(df: pd.DataFrame, name: str, directory: Path | None = None) -> Path:
    """Save a notebook's result table as CSV (UTF-8 with BOM, opens in Excel) in
    ``reports/tables/``; :func:`write_tables_workbook` gathers them into one workbook.

    Parameters
    ----------
    df : pandas.DataFrame
        The table as shown.
    name : str
        File stem, e.g. ``"01_execution_units"``; also the sheet name (first 31 characters).

    Returns
    -------
    pathlib.Path
        The CSV written.
    """
    directory = Path(directory) if directory is not None else config.TABLES_DIR
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.csv"
    df.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")
    return path


def write_tables_workbook(tables_dir: Path | None = None, out: Path | None = None) -> Path | None:
    """Every CSV of ``reports/tables/`` as a sheet of ``reports/briefing_tables.xlsx``."""
    tables_dir = Path(tables_dir) if tables_dir is not None else config.TABLES_DIR
    out = Path(out) if out is not None else config.BRIEFING_XLSX
    csvs = sorted(tables_dir.glob("*.csv"))
    if not csvs:
        return None
    with pd.ExcelWriter(out, engine="openpyxl") as xl:
        used: set[str] = set()
        for path in csvs:
            sheet = path.stem[:31]
            n = 1
            while sheet in used:
                n += 1
                sheet = f"{path.stem[:28]}_{n}"
            used.add(sheet)
            pd.read_csv(path, encoding="utf-8-sig").to_excel(xl, sheet_name=sheet, index=False)
    return out


def notebook_paths(directory: Path | None = None) -> list[Path]:
    """The numbered notebooks (``01-….ipynb``), in order."""
    directory = Path(directory) if directory is not None else config.NOTEBOOKS_DIR
    return sorted(p for p in directory.glob("[0-9][0-9]-*.ipynb"))


def _run_one(path: Path, target: Path, report_id: str | None) -> tuple[Path, float]:
    import papermill as pm

    start = time.perf_counter()
    pm.execute_notebook(
        str(path), str(target), parameters={"REPORT_ID": report_id}, cwd=str(path.parent),
        progress_bar=False, kernel_name="python3", log_output=False,
    )
    return target, time.perf_counter() - start


def run_notebooks(report_id: str | None = None, notebooks: list[Path] | None = None, out_dir: Path | None = None, log=print,
                  workers: int | None = None) -> list[Path]:
    """Execute each notebook with ``REPORT_ID`` injected; save the executed copies. The notebooks
    are independent, so they run side by side, one process each, on every core.

    Returns
    -------
    list[pathlib.Path]
        The executed notebooks in ``reports/notebooks/``, in notebook order.

    Raises
    ------
    papermill.PapermillExecutionError
        If a notebook's cell fails (the message names the notebook and the cell).
    """
    out_dir = Path(out_dir) if out_dir is not None else config.EXECUTED_NOTEBOOKS_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = list(notebooks if notebooks is not None else notebook_paths())
    workers = workers or min(len(paths), os.cpu_count() or 1) or 1
    done = []
    if workers == 1:
        results = (_run_one(p, out_dir / p.name, report_id) for p in paths)
        for target, seconds in results:
            log(f"  ran {target.name} in {seconds:.1f} s")
            done.append(target)
        return done
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers) as pool:
        for target, seconds in pool.map(_run_one, paths, [out_dir / p.name for p in paths], [report_id] * len(paths)):
            log(f"  ran {target.name} in {seconds:.1f} s")
            done.append(target)
    return done


def write_briefing(executed: list[Path], out: Path | None = None, title: str = "주요업무 보고 브리핑") -> Path:
    """One HTML document of the executed notebooks' text and charts, without code cells.

    Images are embedded, so the file opens alone in a browser or attaches to an e-mail.
    """
    from nbconvert import HTMLExporter

    out = Path(out) if out is not None else config.BRIEFING_HTML
    merged = nbformat.v4.new_notebook()
    merged.metadata["title"] = title
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    merged.cells.append(nbformat.v4.new_markdown_cell(
        f"# {title}\n\n만든 때: {stamp} · 자료: `data/processed/` (보고서 원문에서 자동 추출, 산식 검증 포함)"
    ))
    for path in executed:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
                continue
            if cell.cell_type == "code" and "injected-parameters" in cell.metadata.get("tags", []):
                continue
            merged.cells.append(cell)
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(merged)
    body = embed_hangul_font(body)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(body, encoding="utf-8")
    return out


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
            NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
            nb = strip_output(nb, keep_output=False, keep_count=False, keep_id=True, extra_keys=_STRIP_KEYS)
            code = [c for c in nb.cells if c.cell_type == "code"]
            for n, cell in enumerate(code, 1):  # nbval skips stored outputs of "unrun" cells
                if cell.get("outputs"):
                    cell.execution_count = n
            nbformat.write(nb, path)
            log(f"  refreshed {path.name}")
