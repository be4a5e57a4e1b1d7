"""Project paths: nothing else hard-codes a path.

``ANALYSIS_PROCESSED_DIR`` and ``ANALYSIS_REPORTS_DIR`` point the tables and the briefing
outputs elsewhere (the notebook tests build the bundled report into a temporary folder).
"""

from __future__ import annotations

import os
from pathlib import Path

PROJ_ROOT = Path(os.environ.get("ANALYSIS_ROOT", Path(__file__).resolve().parents[2]))
DATA_DIR = PROJ_ROOT / "data"
RAW_DATA_DIR = DATA_DIR / "raw"
MANUAL_DIR = DATA_DIR / "manual"  # the analyst's own inputs, e.g. program lineage decisions
LINEAGE_FILE = MANUAL_DIR / "program_lineage.csv"
INTERIM_DIR = DATA_DIR / "interim"  # the parse cache
PROCESSED_DATA_DIR = Path(os.environ.get("ANALYSIS_PROCESSED_DIR", DATA_DIR / "processed"))
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
REPORTS_DIR = Path(os.environ.get("ANALYSIS_REPORTS_DIR", PROJ_ROOT / "reports"))
FIGURES_DIR = REPORTS_DIR / "figures"
TABLES_DIR = REPORTS_DIR / "tables"
EXECUTED_NOTEBOOKS_DIR = REPORTS_DIR / "notebooks"
BRIEFING_HTML = REPORTS_DIR / "briefing.html"
BRIEFING_XLSX = REPORTS_DIR / "briefing_tables.xlsx"
