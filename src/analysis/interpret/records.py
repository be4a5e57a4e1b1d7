"""What the parser returns: a report's records with exact values and their source lines.

The records keep :class:`~decimal.Decimal` values and printed precision, so that the checks
compare what the report printed; :mod:`analysis.tables` turns them into the contract's tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Finding:
    """One row of the ``findings`` table."""

    check: str
    severity: str  # "error" | "warning" | "info"
    subject: str
    expected: str
    actual: str
    message: str
    source_line: int | None


@dataclass
class Funding:
    source: str
    budget: Decimal | None
    executed: Decimal | None
    source_line: int


@dataclass
class Program:
    stage: str  # "actual" | "plan"
    year: int
    program_no: int
    program: str
    team: str
    budget: Decimal | None
    executed: Decimal | None
    rate: Decimal | None
    source_line: int
    start_line: int
    funding: list[Funding] = field(default_factory=list)
    team_inferred: bool = False
    unit: str | None = None  # linked unit project, set by the checks
    text: str = ""  # the program's body, for team inference


@dataclass
class BudgetUnit:
    unit: str
    budget: Decimal
    executed: Decimal
    rate: Decimal | None
    source_line: int


@dataclass
class StaffingCell:
    category: str
    grade: str
    authorized: Decimal
    current: Decimal
    gap: Decimal | None
    source_line: int


@dataclass
class ParsedReport:
    """Everything read from one report."""

    meta: dict
    teams: list[dict] = field(default_factory=list)
    declared_team_count: tuple[int, int] | None = None  # (count, line)
    staffing: list[StaffingCell] = field(default_factory=list)
    staffing_totals: dict[str, tuple[Decimal, int]] = field(default_factory=dict)  # row -> (계, line)
    budget_units: list[BudgetUnit] = field(default_factory=list)
    budget_total: BudgetUnit | None = None
    programs: list[Program] = field(default_factory=list)
    partner_cities: list[dict] = field(default_factory=list)
    metrics: list[dict] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def report_id(self) -> str:
        return self.meta["report_id"]
