"""Shared fixtures: the bundled report, its tables, and a helper to write variant reports."""

from __future__ import annotations

from pathlib import Path

import pytest

import analysis
from analysis.store.build import with_lineage
from analysis.config import LINEAGE_FILE, RAW_DATA_DIR

TESTS_DIR = Path(__file__).parent
REPORT_PATH = RAW_DATA_DIR / "yeongdeungpo_vision-cooperation_2022.txt"
MINI_PATH = TESTS_DIR / "data" / "mapo_jobs_2023_million.txt"
REPORT_ID = "영등포구_비전협력과_2022"


@pytest.fixture(scope="session")
def report_text() -> str:
    return REPORT_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def report() -> analysis.store.contract.LoadedReport:
    return analysis.load_report(REPORT_PATH)


@pytest.fixture(scope="session")
def tables(report):
    """The report's tables as a build writes them (with program_lineage)."""
    return with_lineage(report.tables, LINEAGE_FILE)


def variant(text: str, *replacements: tuple[str, str]) -> str:
    """The text with each (old, new) replaced once; fails if an `old` is not in the text,
    so a variant test cannot pass by silently testing the unchanged report."""
    for old, new in replacements:
        assert old in text, f"variant: {old!r} not in the report"
        text = text.replace(old, new, 1)
    return text


def unread_numbers(report) -> list[str]:
    """The numbers coverage names as unread (its warnings), as printed."""
    f = report.findings
    return f[(f["check"] == "coverage") & (f["severity"] == "warning")]["message"].str.extract(r"숫자 ([^(]+)\(")[0].tolist()
