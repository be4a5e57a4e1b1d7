"""What changed between two builds: reports added or removed, rows added or removed, and each
value that changed, with its table, row and old → new value."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.store.contract import SCHEMA

# The columns that name a row of each table (what stays the same when a number is corrected).
KEYS: dict[str, list[str]] = {
    "reports": ["report_id"],
    "teams": ["report_id", "team", "duty"],
    "staffing": ["report_id", "category", "grade"],
    "budget_units": ["report_id", "unit"],
    "budget_unit_funding": ["report_id", "account", "unit", "source"],
    "programs": ["report_id", "stage", "program_no"],
    "program_funding": ["report_id", "stage", "program_no", "source"],
    "metrics": ["report_id", "program_no", "label", "unit"],
    "partner_cities": ["report_id", "scope", "region", "city"],
    "program_lineage": ["kind", "report_id", "to_report_id", "from_program_no", "to_program_no"],
    "findings": ["report_id", "check", "severity", "subject", "message"],
}
# Columns that move when lines are added above a row; a change there alone is not a change of data.
_IGNORED = {"source_line", "source_loc", "source_sha256"}


def keys(name: str) -> list[str]:
    """The columns naming a row of a table: :data:`KEYS`, or for a table added to the contract
    since, its text columns."""
    return KEYS.get(name) or [c for c, kind in SCHEMA[name].items() if kind == "str" and c not in _IGNORED]


@dataclass
class Changes:
    reports_added: list[str] = field(default_factory=list)
    reports_removed: list[str] = field(default_factory=list)
    rows_added: dict[str, int] = field(default_factory=dict)
    rows_removed: dict[str, int] = field(default_factory=dict)
    values: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # table, row, column, old, new
    first_build: bool = False

    @property
    def empty(self) -> bool:
        return not (self.reports_added or self.reports_removed or self.rows_added or self.rows_removed or self.values)

    def summary(self, limit: int = 15) -> str:
        """A few lines for the command's output."""
        if self.first_build:
            return "changes: first build (no previous tables to compare)"
        if self.empty:
            return "changes: none (the tables are the same as the previous build's)"
        out = ["changes since the previous build:"]
        if self.reports_added:
            out.append(f"  reports added: {', '.join(self.reports_added)}")
        if self.reports_removed:
            out.append(f"  reports removed: {', '.join(self.reports_removed)}")
        for name in SCHEMA:
            a, r = self.rows_added.get(name, 0), self.rows_removed.get(name, 0)
            if a or r:
                out.append(f"  {name}: +{a} / -{r} rows")
        for table, row, col, old, new in self.values[:limit]:
            out.append(f"  {table} [{row}] {col}: {old} → {new}")
        if len(self.values) > limit:
            out.append(f"  … {len(self.values) - limit} more values in changes.md")
        return "\n".join(out)

    def markdown(self) -> str:
        """The full list, for ``data/processed/changes.md`` (no timestamps: same input, same file)."""
        lines = ["# Changes since the previous build", ""]
        if self.first_build:
            return "\n".join(lines + ["First build: there were no previous tables to compare.", ""])
        if self.empty:
            return "\n".join(lines + ["No changes: every table is the same as in the previous build.", ""])
        if self.reports_added or self.reports_removed:
            lines += ["## Reports", ""]
            lines += [f"- added: {r}" for r in self.reports_added] + [f"- removed: {r}" for r in self.reports_removed] + [""]
        counts = [(n, self.rows_added.get(n, 0), self.rows_removed.get(n, 0)) for n in SCHEMA if self.rows_added.get(n) or self.rows_removed.get(n)]
        if counts:
            lines += ["## Rows added or removed", "", "| table | added | removed |", "|---|---:|---:|"]
            lines += [f"| {n} | {a} | {r} |" for n, a, r in counts] + [""]
        if self.values:
            lines += ["## Values changed", "", "| table | row | column | old | new |", "|---|---|---|---|---|"]
            lines += [f"| {t} | {row} | {c} | {o} | {n} |" for t, row, c, o, n in self.values] + [""]
        return "\n".join(lines)


def _text(v) -> str:
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return "(blank)"
    return f"{v:,}" if isinstance(v, int) and not isinstance(v, bool) else str(v)


def _keyed(df: pd.DataFrame, keys: list[str]) -> dict[tuple, dict]:
    """Rows by their key; a key that repeats gets its occurrence number (#2, #3…) appended."""
    out: dict[tuple, dict] = {}
    seen: dict[tuple, int] = {}
    for k, row in zip(df[keys].itertuples(index=False), df.to_dict("records")):
        key = tuple(_text(v) for v in k)
        seen[key] = seen.get(key, 0) + 1
        out[key if seen[key] == 1 else (*key, f"#{seen[key]}")] = row
    return out


def compare(old: dict[str, pd.DataFrame] | None, new: dict[str, pd.DataFrame]) -> Changes:
    """Compare two builds' tables held in memory (``old`` None: the first build).

    Rows are matched on :data:`KEYS`; for matched rows every column but ``source_line``,
    ``source_loc`` and ``source_sha256`` is compared, value by value.
    """
    if old is None:
        return Changes(first_build=True)
    ch = Changes()
    old_ids, new_ids = set(old["reports"]["report_id"]), set(new["reports"]["report_id"])
    ch.reports_added, ch.reports_removed = sorted(new_ids - old_ids), sorted(old_ids - new_ids)
    for name in SCHEMA:
        a, b = old.get(name), new.get(name)
        if a is None or b is None:
            continue
        if len(a) and len(b):  # compare value by value only the reports whose rows differ
            differ = changed_reports(a, b, _compared(name))
            a, b = a[a["report_id"].isin(differ)], b[b["report_id"].isin(differ)]
        _compare_rows(ch, name, a, b)
    return ch


def compare_versions(old: Path | None, new: Path) -> Changes:
    """:func:`compare` of two version folders' Parquet files, without loading them: DuckDB finds
    the reports whose rows differ (:func:`changed_reports`), and only their rows are read, a few
    thousand reports at a time."""
    from analysis.store.contract import read_parquet_table
    from analysis.store.stream import connect, sql_path

    if old is None:
        return Changes(first_build=True)
    ch = Changes()
    with connect() as con:
        ids = [{r for (r,) in con.execute(f"SELECT report_id FROM read_parquet({sql_path(v / 'reports.parquet')})").fetchall()} for v in (old, new)]
    ch.reports_added, ch.reports_removed = sorted(ids[1] - ids[0]), sorted(ids[0] - ids[1])
    for name in SCHEMA:
        a, b = old / f"{name}.parquet", new / f"{name}.parquet"
        differ = sorted(changed_reports(a, b, _compared(name)))
        for k in range(0, len(differ), _BATCH):  # keys sort by report_id first: batches keep the order
            some = set(differ[k:k + _BATCH])
            _compare_rows(ch, name, *(read_parquet_table(p, name, report_ids=some) for p in (a, b)))
    return ch


_BATCH = 2_000  # reports compared value by value at a time


def _compared(name: str) -> list[str]:
    return [c for c in SCHEMA[name] if c not in _IGNORED]


def _compare_rows(ch: Changes, name: str, a: pd.DataFrame, b: pd.DataFrame) -> None:
    """Add to ``ch`` what differs between two sets of one table's rows."""
    key_cols = keys(name)
    a_rows, b_rows = _keyed(a, key_cols), _keyed(b, key_cols)
    added, removed = b_rows.keys() - a_rows.keys(), a_rows.keys() - b_rows.keys()
    if added:
        ch.rows_added[name] = ch.rows_added.get(name, 0) + len(added)
    if removed:
        ch.rows_removed[name] = ch.rows_removed.get(name, 0) + len(removed)
    for key in sorted(a_rows.keys() & b_rows.keys()):
        ra, rb = a_rows[key], b_rows[key]
        for col in SCHEMA[name]:
            if col in key_cols or col in _IGNORED:
                continue
            va, vb = _text(ra[col]), _text(rb[col])
            if va != vb:
                ch.values.append((name, " / ".join(key), col, va, vb))


def changed_reports(a: pd.DataFrame | Path, b: pd.DataFrame | Path, cols: list[str]) -> set:
    """The report_ids whose rows differ between ``a`` and ``b`` (two frames, or two Parquet
    files; in ``cols``, in any order), or that are in one of them only. Per report, DuckDB counts
    the rows and sums their 64-bit hashes (an order-free digest), on all cores."""
    from analysis.store.stream import connect, sql_path

    hashed = ", ".join('"' + c.replace('"', '""') + '"' for c in cols)
    with connect() as con:
        sources = []
        for tag, src in (("a", a), ("b", b)):
            if isinstance(src, pd.DataFrame):
                con.register(tag, src)
                sources.append(tag)
            else:
                sources.append(f"read_parquet({sql_path(src)})")
        digest = "SELECT report_id, count(*) AS n, sum(hash({h})::HUGEINT) AS d FROM {t} GROUP BY report_id"
        rows = con.execute(
            f"SELECT coalesce(x.report_id, y.report_id) FROM ({digest.format(h=hashed, t=sources[0])}) x "
            f"FULL OUTER JOIN ({digest.format(h=hashed, t=sources[1])}) y ON x.report_id = y.report_id "
            "WHERE x.n IS DISTINCT FROM y.n OR x.d IS DISTINCT FROM y.d").fetchall()
    return {r for (r,) in rows}
