"""data/raw/ holds the report as received, documented with its hash."""

from __future__ import annotations

import hashlib
import re

from analysis.config import RAW_DATA_DIR
from conftest import REPORT_PATH


def test_report_is_unchanged_and_documented():
    digest = hashlib.sha256(REPORT_PATH.read_bytes()).hexdigest()
    assert digest == "b961e3e483ca2f439b56d7d0df8245d363418f0ce9a5829ff5f0fb83087e5e66"
    readme = (RAW_DATA_DIR / "README.md").read_text(encoding="utf-8")
    for path in RAW_DATA_DIR.glob("*.txt"):
        line = next((l for l in readme.splitlines() if path.name in l), "")
        assert hashlib.sha256(path.read_bytes()).hexdigest() in line, f"{path.name}: hash missing from data/raw/README.md"
    assert re.search(r"450 lines, 18,413 bytes", readme)
