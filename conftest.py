"""Root conftest: the notebooks under nbval read the bundled report alone, built into a
temporary folder (their kernels inherit ANALYSIS_PROCESSED_DIR / ANALYSIS_REPORTS_DIR)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    from analysis.brief.briefing import bundled_tables

    context = bundled_tables()
    context.__enter__()
    config.add_cleanup(lambda: context.__exit__(None, None, None))
