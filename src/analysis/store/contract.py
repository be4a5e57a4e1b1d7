"""The data contract: table names, columns and types; records → DataFrames; CSV → DataFrames."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from analysis.interpret.records import BudgetRow, Finding, ParsedReport
from analysis.store.safe import unquote_series

# Column -> kind. "money" is integer 천원 (Int64) unless a value needs decimals (then Float64).
SCHEMA: dict[str, dict[str, str]] = {
    "reports": {
        "report_id": "str", "district": "str", "department": "str", "year": "Int64", "plan_year": "Int64", "title": "str",
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
    "budget_unit_funding": {
        "report_id": "str", "account": "str", "unit": "str", "source": "str", "budget": "money", "executed": "money",
        "source_line": "Int64", "source_loc": "str",
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
# Columns that joined the contract after tables were first published: a table written before
# (by an earlier version) is read with them empty, not refused.
LATER_COLUMNS: dict[str, tuple[str, ...]] = {"reports": ("title",)}


def missing_columns(name: str, present) -> tuple[list[str], list[str]]:
    """The contract's columns of table ``name`` not in ``present``: (those that joined the
    contract later, read empty; the others, which make the file no table of the contract)."""
    missing = [c for c in SCHEMA[name] if c not in present]
    later = LATER_COLUMNS.get(name, ())
    return [c for c in missing if c in later], [c for c in missing if c not in later]
SEVERITIES = ["error", "warning", "info"]


def empty_tables() -> dict[str, pd.DataFrame]:
    return {name: frame([], name) for name in SCHEMA}


# Arrow types of the stored tables (Parquet): "money" is int64, or float64 once a value needs decimals.
ARROW_TYPES = {"str": pa.string(), "Int64": pa.int64(), "money": pa.int64(), "Float64": pa.float64(), "boolean": pa.bool_()}
INT64_MAX = 2**63 - 1


class OutOfRange(ValueError):
    """A whole number too large for the contract's 64-bit integer columns."""

    def __init__(self, table: str, column: str, row: int, value):
        self.table, self.column, self.row, self.value = table, column, row, value
        super().__init__(f"{table}.{column}: {value} does not fit a 64-bit integer")


def _missing(v) -> bool:
    return v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v)


def _plain(values: list, kind: str, table: str, column: str) -> list:
    """Values of one column as plain Python (str, int, float or None), typed as ``kind`` says."""
    if kind == "str":
        return [v if type(v) is str else None if _missing(v) else str(v) for v in values]
    if kind == "Float64":
        return [v if type(v) is float and v == v else None if _missing(v) else float(v) for v in values]
    if kind == "boolean":
        return [v if type(v) is bool else None if _missing(v) else (v.strip().lower() in ("true", "1")) if isinstance(v, str) else bool(v) for v in values]
    out = [v if type(v) is int else None if _missing(v) else _whole(v, kind) for v in values]
    for i, v in enumerate(out):
        if type(v) is int and not -INT64_MAX - 1 <= v <= INT64_MAX:
            raise OutOfRange(table, column, i, v)
    return out


def _whole(v, kind: str):
    """A value of an integer column as int; money with decimals as float (exactly as written)."""
    if kind == "money":
        d = v if isinstance(v, Decimal) else Decimal(str(v))
        return int(d) if d == d.to_integral_value() else float(d)
    return int(v)


def columns(rows: list[dict], name: str) -> dict[str, list]:
    """Rows (dicts) of one table as typed columns of plain values: what the parse cache stores
    and what :func:`arrow_table` takes.

    Raises
    ------
    OutOfRange
        If a whole number does not fit the 64-bit integer columns (its row index is given).
    """
    return {col: _plain([r.get(col) for r in rows], kind, name, col) for col, kind in SCHEMA[name].items()}


def arrow_table(cols: dict[str, list], name: str) -> pa.Table:
    """Typed columns (as :func:`columns` gives them) as an Arrow table of the contract's schema;
    a money column holding a value with decimals is float64 (as the DataFrames' Float64)."""
    arrays = {}
    for col, kind in SCHEMA[name].items():
        values = cols[col]
        typ = ARROW_TYPES[kind]
        if kind == "money" and any(type(v) is float for v in values):
            typ = pa.float64()
        arrays[col] = pa.array(values, typ)
    return pa.table(arrays)


def concat_tables(parts: list[pa.Table], name: str) -> pa.Table:
    """Arrow tables of one contract table stacked (a money column with decimals in any part is
    float64 in all)."""
    parts = [t for t in parts if t.num_rows] or [arrow_table({c: [] for c in SCHEMA[name]}, name)]
    if len(parts) == 1:
        return parts[0]
    return pa.concat_tables(parts, promote_options="permissive").combine_chunks()


def to_frame(table: pa.Table, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """An Arrow table of the contract as a DataFrame with the contract's dtypes (``str``, ``Int64``,
    ``Float64``; money ``Int64`` unless it needs decimals); only ``columns`` if given."""
    out = {}
    for col, kind in SCHEMA[name].items():
        if columns is not None and col not in columns:
            continue
        arr = table.column(col)
        if kind == "str":
            out[col] = pd.Series(arr.to_pandas(), dtype="str") if len(arr) else pd.Series([], dtype="str")
        elif kind == "boolean":
            out[col] = pd.Series(arr.to_pandas(types_mapper={pa.bool_(): pd.BooleanDtype()}.get), dtype="boolean")
        elif pa.types.is_floating(arr.type):
            out[col] = pd.Series(arr.to_pandas(types_mapper={pa.float64(): pd.Float64Dtype()}.get), dtype="Float64")
        else:
            out[col] = pd.Series(arr.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get), dtype="Int64")
    return pd.DataFrame(out, columns=[c for c in SCHEMA[name] if columns is None or c in columns])


def to_arrow(df: pd.DataFrame, name: str) -> pa.Table:
    """A contract DataFrame as an Arrow table of the contract's schema (``str`` -> string,
    ``Int64`` and money -> int64, ``Float64`` and money with decimals -> float64), without
    pandas metadata: what the Parquet and CSV files are written from."""
    fields = []
    for col, kind in SCHEMA[name].items():
        typ = ARROW_TYPES[kind]
        if kind == "money" and pd.api.types.is_float_dtype(df[col].dtype):
            typ = pa.float64()
        fields.append(pa.field(col, typ))
    schema = pa.schema(fields)
    return pa.Table.from_pandas(df[list(SCHEMA[name])], schema=schema, preserve_index=False).replace_schema_metadata(None)


def frame(rows: list[dict], name: str) -> pd.DataFrame:
    """Rows (dicts) as a DataFrame with the contract's columns and types."""
    return to_frame(arrow_table(columns(rows, name), name), name)


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
        "budget_unit_funding": [
            {"report_id": rid, "account": u.account, "unit": u.unit, "source": f.source, "budget": f.budget, "executed": f.executed,
             "source_line": f.source_line, "source_loc": _loc(f.loc, f.source_line)}
            for u in report.budget_units for f in u.funding
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
    later, missing = missing_columns(name, df.columns)
    if missing:
        raise ValueError(f"{path}: missing columns {missing}")
    cols = {col: _plain(df[col].tolist() if col not in later else [None] * len(df), kind, name, col) for col, kind in SCHEMA[name].items()}
    return to_frame(arrow_table(cols, name), name)


def read_parquet_table(source, name: str, report_ids=None) -> pd.DataFrame:
    """Read one contract table from its Parquet file (a path or the file's bytes) with the
    contract's types; only the rows of ``report_ids`` if given (read batch by batch).

    Raises
    ------
    ValueError
        If the file lacks a column of the contract.
    """
    if isinstance(source, (bytes, bytearray)):
        source = pa.BufferReader(source)
    file = pq.ParquetFile(source)
    later, missing = missing_columns(name, file.schema_arrow.names)
    if missing:
        raise ValueError(f"{name}.parquet: missing columns {missing}")
    columns = [c for c in SCHEMA[name] if c not in later]
    if report_ids is None:
        table = file.read(columns=columns)
    else:
        wanted = pa.array(sorted(report_ids), pa.string())
        parts = [b.filter(pc.is_in(b["report_id"], value_set=wanted)) for b in file.iter_batches(columns=columns)]
        table = pa.Table.from_batches(parts) if parts else file.schema_arrow.empty_table().select(columns)
    return to_frame(with_columns(table, name, later), name)


def with_columns(table: pa.Table, name: str, later) -> pa.Table:
    """``table`` of contract table ``name`` with the columns ``later`` (written before they joined
    the contract) added empty, of the contract's types, all in the contract's order."""
    for col in later:
        table = table.append_column(col, pa.nulls(len(table), ARROW_TYPES[SCHEMA[name][col]]))
    return table.select(list(SCHEMA[name]))


def load_tables(directory: Path | str | None = None) -> dict[str, pd.DataFrame]:
    """Load every contract table of the published build in ``data/processed/`` (or ``directory``).

    The build's version is resolved once and every table read from it, each Parquet file
    checked against the build's manifest, so the tables always come from one build, even while
    another build is publishing.

    Parameters
    ----------
    directory : path, optional
        An output folder of ``python -m analysis build``, or one of its version folders;
        defaults to :data:`analysis.config.PROCESSED_DATA_DIR`.

    Returns
    -------
    dict[str, pandas.DataFrame]
        Table name -> DataFrame, typed as in :data:`SCHEMA`.

    Raises
    ------
    FileNotFoundError
        If the tables have not been built (run ``python -m analysis build``).
    analysis.store.publish.InconsistentStore
        If the folder's files do not belong to one build (a file changed or missing since
        the build wrote it).
    """
    from analysis.config import PROCESSED_DATA_DIR
    from analysis.store import publish

    directory = Path(directory) if directory is not None else PROCESSED_DATA_DIR
    for attempt in range(3):
        version = publish.version_folder(directory)
        try:
            manifest = publish.read_manifest(version)
            return {name: read_parquet_table(publish.read_verified(version, manifest, f"{name}.parquet"), name) for name in SCHEMA}
        except publish.InconsistentStore:
            # Two builds published while we read: the version we resolved was removed. Read the new one.
            if attempt == 2 or publish.version_folder(directory) == version:
                raise
    raise AssertionError("unreachable")


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
    "district": "지방자치단체", "department": "부서", "plan_year": "계획 연도", "relation": "관계", "planned": "계획(천원)",
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
