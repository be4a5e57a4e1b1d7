"""What changed between two builds: reports added or removed, rows added or removed, and each
value that changed, with its table, row and old → new value."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis.store.contract import SCHEMA

# The columns that name a row of each table (what stays the same when a number is corrected).
KEYS: dict[str, list[str]] = {
    "reports": ["report_id"],
    "teams": ["report_id", "team", "duty"],
    "staffing": ["report_id", "category", "grade"],
    "budget_units": ["report_id", "unit"],
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
    """Compare two builds' tables (``old`` None: the first build).

    Rows are matched on :data:`KEYS`; for matched rows every column but ``source_line`` and
    ``source_sha256`` is compared, value by value.
    """
    if old is None:
        return Changes(first_build=True)
    ch = Changes()
    old_ids, new_ids = set(old["reports"]["report_id"]), set(new["reports"]["report_id"])
    ch.reports_added, ch.reports_removed = sorted(new_ids - old_ids), sorted(old_ids - new_ids)
    for name in SCHEMA:
        a, b, key_cols = old.get(name), new.get(name), keys(name)
        if a is None or b is None:
            continue
        a, b = _differing_reports(a, b, [c for c in SCHEMA[name] if c not in _IGNORED])
        a_rows, b_rows = _keyed(a, key_cols), _keyed(b, key_cols)
        added, removed = b_rows.keys() - a_rows.keys(), a_rows.keys() - b_rows.keys()
        if added:
            ch.rows_added[name] = len(added)
        if removed:
            ch.rows_removed[name] = len(removed)
        for key in sorted(a_rows.keys() & b_rows.keys()):
            ra, rb = a_rows[key], b_rows[key]
            for col in SCHEMA[name]:
                if col in key_cols or col in _IGNORED:
                    continue
                va, vb = _text(ra[col]), _text(rb[col])
                if va != vb:
                    ch.values.append((name, " / ".join(key), col, va, vb))
    return ch


def _report_digests(df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    """Per report_id: the number of rows and an order-free digest of them (the sum of the rows'
    64-bit hashes over ``cols``), computed by DuckDB on all cores."""
    import duckdb

    hashed = ", ".join('"' + c.replace('"', '""') + '"' for c in cols)
    with duckdb.connect() as con:
        con.register("t", df)
        out = con.execute(f'SELECT report_id, count(*) AS "rows", sum(hash({hashed})::HUGEINT)::VARCHAR AS digest FROM t GROUP BY report_id').df()
    return out.set_index("report_id")


def changed_reports(a: pd.DataFrame, b: pd.DataFrame, cols: list[str]) -> set:
    """The report_ids whose rows differ between ``a`` and ``b`` (in ``cols``, in any order),
    or that are in one of them only."""
    da, db = _report_digests(a, cols), _report_digests(b, cols)
    both = da.add_suffix("_a").join(db.add_suffix("_b"), how="outer")
    same = (both["rows_a"] == both["rows_b"]) & (both["digest_a"] == both["digest_b"])
    return set(both.index[~same.fillna(False).astype(bool)])


def _differing_reports(a: pd.DataFrame, b: pd.DataFrame, cols: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows of ``a`` and ``b`` of the reports whose rows differ (in ``cols``): a rebuild of a
    large corpus compares value by value only what may have changed."""
    if not len(a) or not len(b):
        return a, b
    differ = changed_reports(a, b, cols)
    return a[a["report_id"].isin(differ)], b[b["report_id"].isin(differ)]
