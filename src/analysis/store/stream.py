"""Tables written and read in pieces: a corpus of any size goes through a build in bounded memory.

A build never holds a whole table. Each chunk of reports is appended to its table's Parquet file
as it arrives (:class:`TableSink`, fixed row groups, so equal rows give equal bytes however they
were chunked); the CSV is written from the Parquet file batch by batch; the published build's
tables are read back in batches (:func:`batches`) or queried by DuckDB without loading them
(:func:`connect`).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.ipc  # noqa: F401  (pa.ipc)
import pyarrow.parquet as pq

from analysis.store.contract import ARROW_TYPES, SCHEMA, arrow_table
from analysis.store.safe import NEEDS_QUOTE_PATTERN, QUOTE

ROW_GROUP = 32_768  # rows per Parquet row group (and per batch read back)
COMPACT_PIECES = 64  # pieces a sink holds before copying them into one: a table of a row or two per report
# waits for 32,768 rows over thousands of pieces, each a few small buffers of a worker's message
# (at 50,000 reports 141,000 of them, 37 MB, kept alive until their row group was written)
PARQUET = {"compression": "zstd", "write_statistics": True}
DUCKDB_MEMORY = "128MB"  # DuckDB's own limit in a build (its queries aggregate; the corpus-sized orderings are done by Parts)


def schema(name: str, float_money: frozenset[str] = frozenset()) -> pa.Schema:
    """The Arrow schema of a contract table (money columns in ``float_money`` as float64)."""
    return pa.schema([pa.field(c, pa.float64() if c in float_money else ARROW_TYPES[k]) for c, k in SCHEMA[name].items()])


def float_money(table: pa.Table | pa.Schema, name: str) -> frozenset[str]:
    """The money columns of ``table`` that hold decimals (float64)."""
    fields = table if isinstance(table, pa.Schema) else table.schema
    return frozenset(c for c, k in SCHEMA[name].items() if k == "money" and c in fields.names and pa.types.is_floating(fields.field(c).type))


class TableSink:
    """One contract table written to a Parquet file piece by piece, in fixed row groups of
    :data:`ROW_GROUP` rows (the same rows give the same bytes whatever the pieces were).

    A money column is int64 until a piece holds a value with decimals; then the file is written
    again with that column float64 (as a table built in one piece would be).
    """

    def __init__(self, path: Path, name: str):
        self.path, self.name = Path(path), name
        self.rows = 0
        self._float: frozenset[str] = frozenset()
        self._writer: pq.ParquetWriter | None = None
        self._pending: list[pa.Table] = []
        self._pending_rows = 0

    def write(self, table: pa.Table) -> None:
        """Append rows (the contract's columns; other columns are dropped)."""
        if not table.num_rows:
            return
        table = table.select(list(SCHEMA[self.name]))
        wanted = self._float | float_money(table, self.name)
        if wanted != self._float:
            self._promote(wanted)
        self._pending.append(table.cast(schema(self.name, self._float)))
        self._pending_rows += table.num_rows
        self.rows += table.num_rows
        if self._pending_rows >= ROW_GROUP:
            self._flush(final=False)
        elif len(self._pending) >= COMPACT_PIECES:
            self._pending = [pa.concat_tables(self._pending).combine_chunks()]

    def _flush(self, final: bool) -> None:
        if not self._pending:
            return
        table = pa.concat_tables(self._pending)
        whole = table.num_rows if final else table.num_rows // ROW_GROUP * ROW_GROUP
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.path, schema(self.name, self._float), **PARQUET)
        if whole:
            self._writer.write_table(table.slice(0, whole), row_group_size=ROW_GROUP)
        rest = table.slice(whole)
        self._pending, self._pending_rows = ([rest] if rest.num_rows else []), rest.num_rows

    def _promote(self, wanted: frozenset[str]) -> None:
        """Money columns that now hold decimals: the rows written so far are written again as float64."""
        self._float = wanted
        target = schema(self.name, wanted)
        self._pending = [t.cast(target) for t in self._pending]
        if self._writer is None:
            return
        self._writer.close()
        self._writer = None
        old = self.path.with_name(self.path.name + ".int")
        self.path.rename(old)
        self._writer = pq.ParquetWriter(self.path, target, **PARQUET)  # stays open for the rows to come
        for batch in pq.ParquetFile(old).iter_batches(batch_size=ROW_GROUP):
            self._writer.write_table(pa.Table.from_batches([batch]).cast(target), row_group_size=ROW_GROUP)
        old.unlink()

    def close(self) -> int:
        """Write what is pending and close the file (an empty table is a file with no rows).
        Returns the number of rows written."""
        self._flush(final=True)
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.path, schema(self.name, self._float), **PARQUET)
            self._writer.write_table(arrow_table({c: [] for c in SCHEMA[self.name]}, self.name).cast(schema(self.name, self._float)))
        self._writer.close()
        return self.rows


def batches(path: Path, columns: list[str] | None = None, size: int | None = None) -> Iterator[pa.Table]:
    """A Parquet file's rows as tables of at most ``size`` (default :data:`ROW_GROUP`) rows, in order."""
    for batch in pq.ParquetFile(path).iter_batches(batch_size=size or ROW_GROUP, columns=columns):
        yield pa.Table.from_batches([batch])


def matched(table: pa.Table, keys: pa.Array, values, column: str = "report_id") -> tuple[pa.Table, pa.Array]:
    """The rows of ``table`` whose ``column`` is one of ``keys`` (in their order), and for each
    the entry of ``values`` at its key's place."""
    at = pc.index_in(table[column].combine_chunks(), value_set=keys)
    keep = pc.is_valid(at)
    return table.filter(keep), values.take(at.filter(keep))


def formula_safe(table: pa.Table) -> pa.Table:
    """The table with every text cell that a spreadsheet would run as a formula (``=``, ``+``,
    ``-``, ``@``, tab, CR first) given a leading apostrophe (:mod:`analysis.store.safe`; undone
    by ``load_tables``); numbers are left alone."""
    for i, field_ in enumerate(table.schema):
        if pa.types.is_string(field_.type) or pa.types.is_large_string(field_.type):
            column = table.column(i)
            mask = pc.fill_null(pc.match_substring_regex(column, NEEDS_QUOTE_PATTERN), False)
            if pc.any(mask).as_py():
                quoted_ = pc.binary_join_element_wise(pa.scalar(QUOTE), column, "")
                table = table.set_column(i, field_, pc.if_else(mask, quoted_, column))
    return table


_CSV_OPTIONS = pacsv.WriteOptions(include_header=False, quoting_style="needed")


def write_csv(parquet: Path, path: Path) -> None:
    """A table's CSV for Excel from its Parquet file, batch by batch: UTF-8 with BOM, the header
    unquoted, missing values empty, no cell a formula (:func:`formula_safe`)."""
    names = pq.ParquetFile(parquet).schema_arrow.names
    with open(path, "wb") as fh:
        fh.write(("\ufeff" + ",".join(names) + "\n").encode("utf-8"))
        for table in batches(parquet):
            if table.num_rows:
                pacsv.write_csv(formula_safe(table), fh, _CSV_OPTIONS)


def connect():
    """A DuckDB connection for the build's queries over Parquet files (its memory capped at
    :data:`DUCKDB_MEMORY`)."""
    import duckdb

    con = duckdb.connect()
    con.execute(f"SET memory_limit = '{DUCKDB_MEMORY}'")
    con.execute("SET preserve_insertion_order = true")
    return con


def sql_path(path: Path) -> str:
    """A file name as a SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"


class Parts:
    """Rows spread over numbered parts in a scratch folder as they come (Arrow IPC files, in
    arrival order), then read back one part at a time: a corpus-sized set of rows put in order
    with memory that does not grow with it (each part is as large as the caller makes it).
    At most ``max_open`` files are open at once. Used as a context manager, the folder is
    removed at the end."""

    def __init__(self, folder: Path, max_open: int = 64):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.max_open = max_open
        self.rows = 0
        self._open: dict[int, tuple] = {}  # part -> (file, writer, schema), oldest first
        self._files: dict[int, list[Path]] = {}

    def add(self, table: pa.Table, part: pa.Array) -> None:
        """Append each row of ``table`` to its part (``part``: one non-negative integer per row)."""
        if not table.num_rows:
            return
        part = pc.cast(part, pa.int64())
        order = pc.sort_indices(part)  # stable: a part's rows keep their order
        table, part = table.take(order), part.take(order).to_numpy(zero_copy_only=False)
        cuts = [0, *(np.flatnonzero(np.diff(part)) + 1).tolist(), len(part)]
        for start, end in zip(cuts, cuts[1:]):
            self._writer(int(part[start]), table.schema).write_table(table.slice(start, end - start))
        self.rows += table.num_rows

    def _writer(self, k: int, schema: pa.Schema):
        if k in self._open:
            if self._open[k][2].equals(schema):
                self._open[k] = self._open.pop(k)  # (now the newest)
                return self._open[k][1]
            self._close(k)
        while len(self._open) >= self.max_open:
            self._close(next(iter(self._open)))
        files = self._files.setdefault(k, [])
        files.append(self.folder / f"{k}.{len(files)}.arrow")
        fh = open(files[-1], "wb")
        writer = pa.ipc.new_stream(fh, schema)
        self._open[k] = (fh, writer, schema)
        return writer

    def _close(self, k: int) -> None:
        fh, writer, _ = self._open.pop(k)
        writer.close()
        fh.close()

    def take(self, k: int) -> pa.Table | None:
        """Part ``k``'s rows in the order they were added (None if it has none); its files are
        removed once read."""
        if k in self._open:
            self._close(k)
        tables = []
        for path in self._files.pop(k, []):
            with pa.OSFile(str(path)) as source:
                tables.append(pa.ipc.open_stream(source).read_all())
            path.unlink()
        return pa.concat_tables(tables, promote_options="permissive") if tables else None

    def close(self) -> None:
        """Close every open file (the parts stay to be taken)."""
        while self._open:
            self._close(next(iter(self._open)))

    def __enter__(self) -> "Parts":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
        shutil.rmtree(self.folder, ignore_errors=True)
