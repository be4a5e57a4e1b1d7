"""Korean district work reports (주요업무 보고) as checked, tidy pandas tables.

>>> import analysis
>>> report = analysis.load_report("data/raw/yeongdeungpo_vision-cooperation_2022.txt")
>>> report.tables["budget_units"]            # doctest: +SKIP

The names below are imported when first used (PEP 562): ``python -m analysis`` imports this
package before its ``__main__``, and pandas imported here took a second in which a Ctrl-C
printed a traceback; ``__main__`` now runs every heavy import under its own handler.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "build": "analysis.store.build",
    "load_report": "analysis.store.build",
    "run_checks": "analysis.check.arithmetic",
    "ReportError": "analysis.errors",
    "parse_report": "analysis.interpret.report",
    "SCHEMA": "analysis.store.contract",
    "TABLE_NAMES": "analysis.store.contract",
    "load_tables": "analysis.store.contract",
}

__all__ = ["ReportError", "SCHEMA", "TABLE_NAMES", "build", "load_report", "load_tables", "parse_report", "run_checks"]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
    else:
        try:  # a subpackage not imported yet (`import analysis; analysis.store.build`)
            value = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
