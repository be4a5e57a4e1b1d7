"""The data contract: table names, columns and types; records → DataFrames; CSV → DataFrames."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd

from analysis.interpret.records import BudgetRow, Finding, ParsedReport
from analysis.store.safe import unquote_series

# Column -> kind. "money" is integer 천원 (Int64) unless a value needs decimals (then Float64).
SCHEMA: dict[str, dict[str, str]] = {
    "reports": {
        "report_id": "str", "district": "str", "department": "str", "year": "Int64", "plan_year": "Int64",
        "session": "str", "session_start": "str", "session_end": "str", "as_of": "str", "money_unit": "str",
        "source_file": "str", "source_format": "str", "source_sha256": "str",
    },
    "teams": {"report_id": "str", "team": "str", "duty": "str", "source_line": "Int64", "source_loc": "str"},
    "staffing": {
        "report_id": "str", "category": "str", "grade": "str", "authorized": "Int64", "current": "Int64",
        "gap": "Int64", "source_line": "Int64", "source_loc": "str",
    },
    "facilities": {
        "report_id": "str", "facility": "str", "location": "str", "size": "str", "note": "str", "source_line": "Int64", "source_loc": "str",
    },
    "budget_units": {
        "report_id": "str", "account": "str", "unit": "str", "budget": "money", "executed": "money", "rate": "Float64",
        "as_of": "str", "source_line": "Int64", "source_loc": "str",
    },
    "programs": {
        "report_id": "str", "year": "Int64", "stage": "str", "program_no": "Int64", "program": "str",
        "team": "str", "unit": "str", "budget": "money", "executed": "money", "rate": "Float64",
        "source_line": "Int64", "source_loc": "str",
    },
    "program_budget_rows": {
        "report_id": "str", "year": "Int64", "stage": "str", "program_no": "Int64", "row_label": "str",
        "budget": "money", "executed": "money", "rate": "Float64", "final": "boolean", "source_line": "Int64", "source_loc": "str",
    },
    "program_funding": {
        "report_id": "str", "year": "Int64", "stage": "str", "program_no": "Int64", "source": "str",
        "budget": "money", "executed": "money", "source_line": "Int64", "source_loc": "str",
    },
    "metrics": {
        "report_id": "str", "year": "Int64", "program_no": "Int64", "value": "Int64", "unit": "str",
        "kind": "str", "label": "str", "source_line": "Int64", "source_loc": "str",
    },
    "partner_cities": {
        "report_id": "str", "scope": "str", "region": "str", "city": "str", "relation": "str", "source_line": "Int64", "source_loc": "str",
    },
    "program_lineage": {
        "kind": "str", "group": "Int64", "relation": "str", "report_id": "str", "from_stage": "str", "from_year": "Int64",
        "from_program_no": "Int64", "from_program": "str", "to_report_id": "str", "to_stage": "str", "to_year": "Int64",
        "to_program_no": "Int64", "to_program": "str", "team": "str", "similarity": "Float64", "origin": "str",
        "source_line": "Int64",
    },
    "findings": {
        "report_id": "str", "check": "str", "severity": "str", "subject": "str", "expected": "str", "actual": "str",
        "message": "str", "source_line": "Int64", "source_loc": "str",
    },
}
TABLE_NAMES = list(SCHEMA)
SEVERITIES = ["error", "warning", "info"]


def empty_tables() -> dict[str, pd.DataFrame]:
    return {name: frame([], name) for name in SCHEMA}


def frame(rows: list[dict], name: str) -> pd.DataFrame:
    """Rows (dicts) as a DataFrame with the contract's columns and types."""
    columns = SCHEMA[name]
    df = pd.DataFrame(rows, columns=list(columns))
    for col, kind in columns.items():
        df[col] = _typed(df[col], kind)
    return df


def _typed(series: pd.Series, kind: str) -> pd.Series:
    if kind == "str":
        return pd.array([None if pd.isna(v) else str(v) for v in series], dtype="str")
    if kind == "money":
        values = [None if pd.isna(v) else Decimal(str(v)) for v in series]
        if all(v is None or v == v.to_integral_value() for v in values):
            return pd.array([None if v is None else int(v) for v in values], dtype="Int64")
        return pd.array([None if v is None else float(v) for v in values], dtype="Float64")
    if kind == "boolean":
        return pd.array([None if pd.isna(v) else (v.strip().lower() in ("true", "1")) if isinstance(v, str) else bool(v) for v in series], dtype="boolean")
    if kind == "Float64":
        return pd.array([None if pd.isna(v) else float(v) for v in series], dtype="Float64")
    return pd.array([None if pd.isna(v) else int(v) for v in series], dtype=kind)


def frames(rows: dict[str, list[dict]]) -> dict[str, pd.DataFrame]:
    """Every contract table from rows by table name (a table without rows is empty; for one
    report that includes ``program_lineage``, which is built across reports)."""
    return {name: frame(rows.get(name, []), name) for name in SCHEMA}


def to_rows(report: ParsedReport, findings: list[Finding]) -> dict[str, list[dict]]:
    """The contract's rows of one report as plain dicts (what the parse cache stores; a build
    makes each table's DataFrame once, from every report's rows)."""
    rid = report.report_id
    meta = dict(report.meta)
    for key in ("session_start", "session_end", "as_of"):
        value = meta.get(key)
        meta[key] = value.isoformat() if hasattr(value, "isoformat") else (value or None)
    as_of = meta["as_of"]
    rows = {
        "reports": [meta],
        "teams": [{"report_id": rid, **t} for t in report.teams],
        "staffing": [
            {"report_id": rid, "category": c.category, "grade": c.grade, "authorized": c.authorized, "current": c.current, "gap": c.gap,
             "source_line": c.source_line, "source_loc": _loc(c.loc, c.source_line)}
            for c in report.staffing
        ],
        "facilities": [{"report_id": rid, **f} for f in report.facilities],
        "budget_units": [
            {"report_id": rid, "account": u.account, "unit": u.unit, "budget": u.budget, "executed": u.executed, "rate": u.rate, "as_of": as_of,
             "source_line": u.source_line, "source_loc": _loc(u.loc, u.source_line)}
            for u in report.budget_units
        ],
        "programs": [
            {"report_id": rid, "year": p.year, "stage": p.stage, "program_no": p.program_no, "program": p.program, "team": p.team, "unit": p.unit,
             "budget": p.budget, "executed": p.executed, "rate": p.rate, "source_line": p.source_line, "source_loc": _loc(p.loc, p.source_line)}
            for p in report.programs
        ],
        "program_budget_rows": [
            {"report_id": rid, "year": p.year, "stage": p.stage, "program_no": p.program_no, "row_label": b.label or None, "budget": b.budget,
             "executed": b.executed, "rate": b.rate, "final": b.final, "source_line": b.loc.line if b.loc else p.source_line, "source_loc": _loc(b.loc, p.source_line)}
            for p in report.programs for b in (p.budget_rows or [_only_row(p)])
        ],
        "program_funding": [
            {"report_id": rid, "year": p.year, "stage": p.stage, "program_no": p.program_no, "source": f.source, "budget": f.budget, "executed": f.executed,
             "source_line": f.source_line, "source_loc": _loc(f.loc, f.source_line)}
            for p in report.programs for f in p.funding
        ],
        "metrics": [{"report_id": rid, **m} for m in report.metrics],
        "partner_cities": [{"report_id": rid, **c} for c in report.partner_cities],
        "findings": [{"report_id": rid, **f.__dict__, "source_loc": f.source_loc or _loc(None, f.source_line)} for f in findings],
    }
    for name in ("teams", "metrics", "partner_cities", "facilities"):
        for row in rows[name]:
            row.setdefault("source_loc", _loc(None, row.get("source_line")))
    return rows


def _loc(loc, line) -> str | None:
    """A record's ``source_loc``: its location, or ``line N`` for a record with only a line."""
    if loc is not None:
        return str(loc)
    return f"line {line}" if line is not None else None


def _only_row(p) -> BudgetRow:
    """The one budget row of a program read without a table of rows (a typed workbook)."""
    return BudgetRow("", p.budget, p.executed, p.rate, True, p.loc)


def concat(parts: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Stack several reports' tables, table by table."""
    return {name: frame([r for p in parts if name in p for r in p[name].to_dict("records")], name) for name in SCHEMA}


def read_csv_table(path: Path, name: str) -> pd.DataFrame:
    """Read one contract table back from its CSV with the contract's types."""
    df = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False, na_values=[""])
    df = df.apply(unquote_series)  # the build writes "'=…" for a text starting like a formula (store/safe.py)
    missing = [c for c in SCHEMA[name] if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {missing}")
    return frame(df[list(SCHEMA[name])].to_dict("records"), name)


def load_tables(directory: Path | str | None = None) -> dict[str, pd.DataFrame]:
    """Load every contract table from ``data/processed/`` (or ``directory``).

    Parameters
    ----------
    directory : path, optional
        Where the CSVs are; defaults to :data:`analysis.config.PROCESSED_DATA_DIR`.

    Returns
    -------
    dict[str, pandas.DataFrame]
        Table name -> DataFrame, typed as in :data:`SCHEMA`.

    Raises
    ------
    FileNotFoundError
        If the tables have not been built (run ``python -m analysis build``).
    """
    from analysis.config import PROCESSED_DATA_DIR

    directory = Path(directory) if directory is not None else PROCESSED_DATA_DIR
    out = {}
    for name in SCHEMA:
        path = directory / f"{name}.csv"
        if not path.exists():
            raise FileNotFoundError(f"{path} not found: run `python -m analysis build` first")
        out[name] = read_csv_table(path, name)
    return out


# Column headers a councillor reads; the saved tables (CSV/Excel) use them too.
COLUMN_LABELS = {
    "report_id": "보고서", "year": "연도", "program_no": "연번", "label": "구분", "unit": "단위사업", "program": "사업", "team": "팀",
    "budget": "예산(천원)", "executed": "집행(천원)", "rate": "집행률(%)", "rate_calc": "집행률 검산(%)",
    "pace": "경과율(%)", "gap_pp": "경과율 대비(%p)", "shortfall": "경과율 대비 미집행(천원)", "behind": "경과율 미달",
    "source": "재원", "amount": "금액(천원)", "share": "비중(%)", "status": "변화", "actual": "올해 사업",
    "plan": "내년 계획", "before": "올해 예산(천원)", "after": "내년 계획(천원)", "change": "증감(천원)",
    "change_pct": "증감률(%)", "similarity": "사업명 유사도", "people": "참여 인원(명)", "figures": "합산한 수치",
    "cost_per_person": "1인당 집행액(천원)", "value": "수치", "text": "실적", "category": "직렬", "grade": "직급",
    "authorized": "정원", "current": "현원", "gap": "과부족", "check": "검증", "severity": "수준",
    "error": "오류", "warning": "경고", "info": "참고", "message": "내용", "source_line": "원문 행",
    "programs": "연결된 사업", "programs_budget": "사업 예산 합(천원)", "programs_executed": "사업 집행 합(천원)",
    "group": "묶음", "executed_diff": "집행 차이(천원)", "linked": "연결", "plan_budget": "다음 해 계획(천원)",
    "district": "자치구", "department": "부서", "plan_year": "계획 연도", "relation": "관계", "planned": "계획(천원)",
    "diff": "차이(천원)", "diff_pct": "차이율(%)", "origin": "근거",
}


class LoadedReport:
    """One report read from a file: its contract tables, held as rows until asked for as
    DataFrames (a build of many reports makes each DataFrame once, from all their rows)."""

    def __init__(self, path: Path | str, tables: dict[str, pd.DataFrame] | None = None, *, rows: dict[str, list[dict]] | None = None):
        if tables is None and rows is None:
            raise ValueError("a LoadedReport needs its tables or its rows")
        self.path = Path(path)
        self._tables = tables
        self.rows = rows

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        if self._tables is None:
            self._tables = frames(self.rows)
        return self._tables

    def table_rows(self, name: str) -> list[dict]:
        return self.rows.get(name, []) if self.rows is not None else self._tables[name].to_dict("records")

    @property
    def report_id(self) -> str:
        return self.rows["reports"][0]["report_id"] if self.rows is not None else self._tables["reports"]["report_id"].iloc[0]

    @property
    def findings(self) -> pd.DataFrame:
        return self.tables["findings"]
