"""Project paths: nothing else hard-codes a path.

``ANALYSIS_PROCESSED_DIR`` and ``ANALYSIS_REPORTS_DIR`` point the tables and the briefing
outputs elsewhere (the notebook tests build the bundled report into a temporary folder).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

PROJ_ROOT = Path(os.environ.get("ANALYSIS_ROOT", Path(__file__).resolve().parents[2]))
DATA_DIR = PROJ_ROOT / "data"
RAW_DATA_DIR = DATA_DIR / "raw"
MANUAL_DIR = DATA_DIR / "manual"  # the analyst's own inputs, e.g. program lineage decisions
LINEAGE_FILE = MANUAL_DIR / "program_lineage.csv"
INTERIM_DIR = DATA_DIR / "interim"  # the parse caches, one per output folder (parse_cache_dir)
PROCESSED_DATA_DIR = Path(os.environ.get("ANALYSIS_PROCESSED_DIR", DATA_DIR / "processed"))
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
REPORTS_DIR = Path(os.environ.get("ANALYSIS_REPORTS_DIR", PROJ_ROOT / "reports"))
FIGURES_DIR = REPORTS_DIR / "figures"
TABLES_DIR = REPORTS_DIR / "tables"
EXECUTED_NOTEBOOKS_DIR = REPORTS_DIR / "notebooks"
BRIEFING_HTML = REPORTS_DIR / "briefing.html"
BRIEFING_XLSX = REPORTS_DIR / "briefing_tables.xlsx"

# report_tables.xlsx is written while every sheet fits Excel (1,048,576 rows, the header one of
# them) and the whole workbook stays under WORKBOOK_MAX_CELLS: past that, writing it takes
# minutes and Excel opens it too slowly to be of use; the CSV and Parquet files hold every row.
EXCEL_MAX_ROWS = 1_048_576
WORKBOOK_MAX_CELLS = int(os.environ.get("ANALYSIS_WORKBOOK_MAX_CELLS", 2_000_000))


def parse_cache_dir(out_dir: Path | str) -> Path:
    """The parse cache serving one output folder: ``data/interim/parse-cache/<folder>-<hash of its
    path>/``, so builds into other folders (tests, the notebooks' bundled build) neither share
    nor prune each other's entries."""
    resolved = Path(out_dir).resolve()
    return INTERIM_DIR / "parse-cache" / f"{resolved.name}-{hashlib.sha256(str(resolved).encode()).hexdigest()[:12]}"
