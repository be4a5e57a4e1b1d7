"""Korean district work reports (주요업무 보고) as checked, tidy pandas tables.

>>> import analysis
>>> report = analysis.load_report("data/raw/yeongdeungpo_vision-cooperation_2022.txt")
>>> report.tables["budget_units"]            # doctest: +SKIP
"""

from analysis.store.build import build, load_report
from analysis.check.arithmetic import run_checks
from analysis.errors import ReportError
from analysis.interpret.report import parse_report
from analysis.store.contract import SCHEMA, TABLE_NAMES, load_tables

__all__ = ["ReportError", "SCHEMA", "TABLE_NAMES", "build", "load_report", "load_tables", "parse_report", "run_checks"]
__version__ = "0.1.0"
