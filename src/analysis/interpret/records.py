"""What the parser returns: a report's records with exact values and their source lines.

The records keep :class:`~decimal.Decimal` values and printed precision, so that the checks
compare what the report printed; :mod:`analysis.tables` turns them into the contract's tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from analysis.read.document import Loc

PLAN_REPORT = "계획"  # the word that keys and names a report of its own year's plans (report.report_key, measures.report_name)


@dataclass
class Finding:
    """One row of the ``findings`` table."""

    check: str
    severity: str  # "error" | "warning" | "info"
    subject: str
    expected: str
    actual: str
    message: str
    source_line: int | Loc | None  # a Loc gives both source_line and source_loc
    source_loc: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.source_line, Loc):
            loc = self.source_line
            # A typed workbook's row has no line: its source_line is the Excel row, as the row's own.
            line = loc.line if loc.line is not None else (loc.row if loc.sheet is not None else None)
            self.source_line, self.source_loc = line, self.source_loc or str(loc)


@dataclass
class Funding:
    source: str
    budget: Decimal | None
    executed: Decimal | None
    source_line: int | None
    loc: Loc | None = None


@dataclass
class BudgetRow:
    """One row of a program's 예산현황 table (계, 시비, 본예산, 추경, …); ``final`` marks the program's
    figure (the 계 row, else the 추경/최종 row, else the last; none when it is the sum of funding rows)."""

    label: str
    budget: Decimal | None
    executed: Decimal | None
    rate: Decimal | None
    final: bool
    loc: Loc | None = None
    rate_loc: Loc | None = None  # its 집행률 cell where that is not on the row's line (a turned table: the 집행률 row)


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
    loc: Loc | None = None
    budget_rows: list[BudgetRow] = field(default_factory=list)
    money_unit: str | None = None  # the unit its 예산현황 table was printed in (for the checks' rounding), None: the report's
    funding_shares: str | None = None  # its sources printed as shares only ('국 50%, 시 25%, 구 25%'): no amounts, said so


@dataclass
class BudgetUnit:
    unit: str
    budget: Decimal
    executed: Decimal
    rate: Decimal | None
    source_line: int | None
    account: str = "일반회계"
    loc: Loc | None = None
    funding: list[Funding] = field(default_factory=list)  # its 국비/시비/구비 columns, where the table has them


@dataclass
class StaffingCell:
    category: str
    grade: str
    authorized: Decimal
    current: Decimal
    gap: Decimal | None
    source_line: int | None
    loc: Loc | None = None


@dataclass
class ParsedReport:
    """Everything read from one report."""

    meta: dict
    teams: list[dict] = field(default_factory=list)
    declared_team_count: tuple[int, int] | None = None  # (count, line)
    staffing: list[StaffingCell] = field(default_factory=list)
    staffing_totals: dict[str, tuple[Decimal, int]] = field(default_factory=dict)  # row -> (계, line)
    budget_units: list[BudgetUnit] = field(default_factory=list)
    budget_total: BudgetUnit | None = None  # the 계 row of the first budget table
    # account -> its 계 row; a 계 over several accounts (a 회계 column: 일반회계 | …, 기금 | …) keyed by the tuple of them
    budget_totals: dict[str | tuple[str, ...], BudgetUnit] = field(default_factory=dict)
    programs: list[Program] = field(default_factory=list)
    partner_cities: list[dict] = field(default_factory=list)
    metrics: list[dict] = field(default_factory=list)
    facilities: list[dict] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def report_id(self) -> str:
        return self.meta["report_id"]
