"""Check: a report's own arithmetic, as findings (nothing is fixed)."""

from analysis.check.arithmetic import run_checks

__all__ = ["run_checks"]
