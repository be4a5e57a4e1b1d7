"""The build in pieces: tables appended to Parquet chunk by chunk, the published build's rows read
back in batches, lineage linked in department windows, changes found by DuckDB. Whatever the
sizes of the pieces, the tables (and their files' bytes) are those of a build in one piece."""

from __future__ import annotations

import json
import shutil
import sys
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import analysis
from analysis.config import RAW_DATA_DIR
from analysis.store import build as build_module
from analysis.store import changes as changes_module
from analysis.store import publish, stream
from analysis.store.changes import compare, compare_versions
from analysis.store.contract import SCHEMA, arrow_table, columns, load_tables
from analysis.store.stream import TableSink
from conftest import TESTS_DIR

BUNDLED = RAW_DATA_DIR / "yeongdeungpo_vision-cooperation_2022.txt"
LINEAGE = RAW_DATA_DIR.parent / "manual" / "program_lineage.csv"


def _rows(n: int, start: int = 0, money=lambda i: i * 1000) -> pa.Table:
    rows = [{"report_id": f"r{i // 7:05d}", "account": "일반회계", "unit": f"단위 {i}", "budget": money(i), "executed": None,
             "rate": None, "as_of": "2022-10-31", "source_line": i, "source_loc": f"line {i}"} for i in range(start, start + n)]
    return arrow_table(columns(rows, "budget_units"), "budget_units")


class TestTableSink:
    @pytest.mark.parametrize("pieces", [[2500], [1, 999, 1500], [700] * 3 + [400]])
    def test_same_rows_same_bytes_however_they_come(self, tmp_path, monkeypatch, pieces):
        monkeypatch.setattr(stream, "ROW_GROUP", 1000)
        whole = TableSink(tmp_path / "whole.parquet", "budget_units")
        whole.write(_rows(2500))
        assert whole.close() == 2500
        sink, at = TableSink(tmp_path / "pieces.parquet", "budget_units"), 0
        for n in pieces:
            sink.write(_rows(n, at))
            at += n
        sink.close()
        assert (tmp_path / "pieces.parquet").read_bytes() == (tmp_path / "whole.parquet").read_bytes()
        assert [pq.ParquetFile(tmp_path / "pieces.parquet").metadata.row_group(k).num_rows for k in range(3)] == [1000, 1000, 500]

    def test_money_with_decimals_after_whole_row_groups_makes_the_column_float(self, tmp_path, monkeypatch):
        monkeypatch.setattr(stream, "ROW_GROUP", 100)
        sink = TableSink(tmp_path / "t.parquet", "budget_units")
        sink.write(_rows(250))  # two row groups written as int64
        sink.write(_rows(3, 250, money=lambda i: Decimal("1234.5")))
        sink.close()
        table = pq.read_table(tmp_path / "t.parquet")
        assert table.schema.field("budget").type == pa.float64() and table.num_rows == 253
        assert table["budget"].to_pylist()[:2] == [0.0, 1000.0] and table["budget"].to_pylist()[-1] == 1234.5
        assert table["executed"].type == pa.int64()  # only the column with decimals

    def test_many_small_pieces_are_held_as_one_and_give_the_same_bytes(self, tmp_path, monkeypatch):
        """A table of a row or two per report waits for its row group over thousands of pieces:
        the sink copies them into one every COMPACT_PIECES, and the file is the same."""
        monkeypatch.setattr(stream, "ROW_GROUP", 1000)
        monkeypatch.setattr(stream, "COMPACT_PIECES", 4)
        whole = TableSink(tmp_path / "whole.parquet", "budget_units")
        whole.write(_rows(2500))
        whole.close()
        sink, held = TableSink(tmp_path / "pieces.parquet", "budget_units"), []
        for at in range(0, 2500, 3):
            sink.write(_rows(min(3, 2500 - at), at))
            held.append(len(sink._pending))
        sink.close()
        assert max(held) == 3 and held[:6] == [1, 2, 3, 1, 2, 3]
        assert (tmp_path / "pieces.parquet").read_bytes() == (tmp_path / "whole.parquet").read_bytes()

    def test_a_table_without_rows_is_a_file_with_the_contract_columns(self, tmp_path):
        sink = TableSink(tmp_path / "t.parquet", "facilities")
        assert sink.close() == 0
        assert pq.read_table(tmp_path / "t.parquet").column_names == list(SCHEMA["facilities"])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The bundled report, generated reports of many local governments (enough for the worker
    processes), a duplicate that sorts first, and a file that fails."""
    sys.path.insert(0, str(TESTS_DIR))
    from synth import generate_corpus

    raw = tmp_path_factory.mktemp("stream") / "raw"
    files = generate_corpus(raw, build_module.PARALLEL_FROM + 60, seed=11)
    shutil.copy(BUNDLED, raw)
    shutil.copy(files[5], raw / "aa_copy.txt")
    (raw / "broken.txt").write_text("not a report", encoding="utf-8")
    return raw


def _small_pieces(monkeypatch):
    monkeypatch.setattr(stream, "ROW_GROUP", 500)
    monkeypatch.setattr(build_module, "CHUNK", 5)
    monkeypatch.setattr(build_module, "LINEAGE_WINDOW", 9)
    monkeypatch.setattr(build_module, "SORT_RANKS", 4)
    monkeypatch.setattr(changes_module, "_BATCH", 7)
    monkeypatch.setattr(stream, "COMPACT_PIECES", 3)


def _files(out) -> dict:
    """Each file of the published version: a Parquet file's table (its row groups differ with
    the size of the pieces), any other file's bytes."""
    version = publish.current_version(out)
    return {p.name: pq.read_table(p) if p.suffix == ".parquet" else p.read_bytes() for p in sorted(version.iterdir()) if p.name != "manifest.json"}


def _edit(raw):
    """One report's figure corrected, another report removed, a third file broken; returns the
    corrected row's cells as they were."""
    names = sorted(p.name for p in raw.glob("synth_*.txt"))
    p = raw / names[40]
    text = p.read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("계\t")) + 1  # the budget table's first unit project
    cells = lines[at].split("\t")
    lines[at] = "\t".join([cells[0], cells[1], "0", "0.0"])  # nothing executed
    p.write_text("\n".join(lines), encoding="utf-8")
    (raw / names[60]).unlink()
    (raw / names[80]).write_text("broken too", encoding="utf-8")
    return cells


@pytest.mark.slow
def test_small_pieces_build_the_same_files_as_large_ones(corpus, tmp_path, monkeypatch):
    """Row groups, chunks, lineage windows, lineage sort parts and change batches far smaller than the corpus: a
    first build and a rebuild after edits give the files (CSV bytes, Parquet tables) of
    default-sized pieces."""
    raw, same = tmp_path / "raw", tmp_path / "raw-same"
    shutil.copytree(corpus, raw)
    shutil.copytree(corpus, same)
    big = analysis.build(raw, tmp_path / "big", LINEAGE, cache_dir=tmp_path / "c1", progress=False)
    analysis.build(same, tmp_path / "fresh", LINEAGE, use_cache=False, progress=False)
    with monkeypatch.context() as m:
        _small_pieces(m)
        pieces = []  # rows of each piece a sink is given
        write = TableSink.write
        m.setattr(TableSink, "write", lambda sink, table: (pieces.append((table.num_rows, sink.name)), write(sink, table))[1])
        small = analysis.build(raw, tmp_path / "small", LINEAGE, cache_dir=tmp_path / "c2", progress=False)
        chunks = -(-len(list(raw.iterdir())) // build_module.CHUNK)
        assert sum(name == "reports" for _, name in pieces) <= chunks  # (a chunk's rows go in one piece, not one a file)
        assert _files(tmp_path / "small") == _files(tmp_path / "big")
        assert small.summary().splitlines()[:-3] == big.summary().splitlines()[:-3]
        windows = len(set(zip(small.tables["reports"]["district"], small.tables["reports"]["department"])))
        assert windows > build_module.LINEAGE_WINDOW  # (lineage was linked in many windows)
        assert len(small.tables["reports"]) > 3 * build_module.SORT_RANKS  # (and ordered in many parts)
        old = _edit(raw)
        pieces.clear()  # a rebuild streams the reused rows too
        again = analysis.build(raw, tmp_path / "small", LINEAGE, cache_dir=tmp_path / "c2", progress=False)
        assert max(n for n, _ in pieces) <= stream.ROW_GROUP and sum(name == "findings" for _, name in pieces) > 10
    # The same history without the cache: every file parsed, nothing reused, tables whole.
    _edit(same)
    fresh = analysis.build(same, tmp_path / "fresh", LINEAGE, use_cache=False, progress=False)
    assert again.from_cache >= len(again.reports) - 2 and fresh.from_cache == 0
    assert _files(tmp_path / "small") == _files(tmp_path / "fresh")
    # The broken file's report is carried over from the last good build, in both.
    assert len(again.carried_over) == 1 and again.carried_over[0] in set(again.tables["reports"]["report_id"])
    # Changes found by DuckDB over the files, a few reports at a time, equal the comparison in memory.
    previous = publish.read_manifest(publish.current_version(tmp_path / "small"))["previous"]
    before = load_tables(tmp_path / "small" / ".versions" / previous)
    in_memory = compare(before, again.tables)
    assert again.changes.values == in_memory.values and again.changes.rows_added == in_memory.rows_added
    assert again.changes.reports_removed == in_memory.reports_removed and len(again.changes.reports_removed) == 1
    assert [v[2:] for v in again.changes.values if v[0] == "budget_units"][:2] == [("executed", old[2], "0"), ("rate", str(float(old[3])), "0.0")]


def test_an_unchanged_table_is_linked_without_leaving_a_second_name(tmp_path):
    """A table equal to the published one is hard-linked to it; no '<file>.link' stays in the
    version folder, and the folder holds exactly the files of its manifest."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(BUNDLED, raw)
    analysis.build(raw, tmp_path / "out", tmp_path / "none.csv", cache_dir=tmp_path / "cache")
    text = BUNDLED.read_text(encoding="utf-8")
    (raw / BUNDLED.name).write_text(text.replace("38,500", "38,600", 1), encoding="utf-8")
    second = analysis.build(raw, tmp_path / "out", tmp_path / "none.csv", cache_dir=tmp_path / "cache")
    assert second.version is not None
    version = publish.current_version(tmp_path / "out")
    manifest = json.loads((version / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(p.name for p in version.iterdir()) == sorted([*manifest["files"], "manifest.json"])
    previous = tmp_path / "out" / ".versions" / manifest["previous"]
    assert (version / "facilities.csv").stat().st_ino == (previous / "facilities.csv").stat().st_ino


def test_compare_versions_reads_only_the_reports_that_differ(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(BUNDLED, raw)
    analysis.build(raw, tmp_path / "a", tmp_path / "none.csv", use_cache=False)
    text = BUNDLED.read_text(encoding="utf-8")
    (raw / BUNDLED.name).write_text(text.replace("38,500", "38,600", 1), encoding="utf-8")
    analysis.build(raw, tmp_path / "b", tmp_path / "none.csv", use_cache=False)
    a, b = publish.current_version(tmp_path / "a"), publish.current_version(tmp_path / "b")
    got = compare_versions(a, b)
    assert got.values == compare(load_tables(a), load_tables(b)).values
    assert ("programs", "영등포구_비전협력과_2022 / actual / 2", "budget", "38,500", "38,600") in got.values
    assert compare_versions(a, a).empty and compare_versions(None, a).first_build


def test_parts_give_back_each_part_in_arrival_order_with_few_files_open(tmp_path):
    """Rows spread over parts with at most two files open at once (so parts are closed and
    opened again) and a column whose type changes (all null first): each part comes back whole,
    in the order its rows came, and its files are gone once taken."""
    parts = stream.Parts(tmp_path / "parts", max_open=2)
    parts.add(pa.table({"x": [0, 1, 2, 3, 4, 5], "t": pa.nulls(6)}), pa.array([2, 0, 1, 2, 0, 3]))
    parts.add(pa.table({"x": [6, 7, 8], "t": ["a", "b", "c"]}), pa.array([0, 3, 2]))
    parts.add(pa.table({"x": pa.array([], pa.int64())}), pa.array([], pa.int64()))
    assert parts.rows == 9
    got = {k: parts.take(k) for k in range(5)}
    assert {k: (t["x"].to_pylist() if t is not None else None) for k, t in got.items()} == {0: [1, 4, 6], 1: [2], 2: [0, 3, 8], 3: [5, 7], 4: None}
    assert got[2]["t"].to_pylist() == [None, None, "c"]
    parts.close()
    assert list((tmp_path / "parts").iterdir()) == []


def test_a_build_allocates_arrow_memory_from_jemalloc_and_gives_the_default_back(tmp_path, monkeypatch):
    """mimalloc (pyarrow's default) kept the memory of a build's many short-lived tables; a
    build uses jemalloc (or the system allocator where pyarrow has no jemalloc) and restores
    the caller's default pool afterwards."""
    seen = []
    inner = build_module._build_locked

    def spy(*args, **kwargs):
        seen.append(pa.default_memory_pool().backend_name)
        return inner(*args, **kwargs)

    monkeypatch.setattr(build_module, "_build_locked", spy)
    before = pa.default_memory_pool().backend_name
    analysis.build(RAW_DATA_DIR, tmp_path / "out", LINEAGE, use_cache=False, progress=False)
    assert seen and seen[0] in ("jemalloc", "system") and seen[0] != "mimalloc"
    assert pa.default_memory_pool().backend_name == before


def test_workers_fork_before_the_file_list_and_an_unreadable_folder_is_one_error(tmp_path, monkeypatch):
    """The worker processes exist before the build lists its files (what the build holds when
    they fork, and touches later, is copied into each of them: 30 MB of file list at 100,000
    reports); a folder that cannot be listed is one ReportError naming it, not a StoreError
    about the output folder."""
    import multiprocessing

    from analysis.errors import ReportError

    listed_with = []
    real = build_module.FileList.of

    def spy(raw_dir, skipped=None):
        listed_with.append(len(multiprocessing.active_children()))
        return real(raw_dir, skipped)

    monkeypatch.setattr(build_module.FileList, "of", spy)
    monkeypatch.setattr(build_module, "PARALLEL_FROM", 1)
    monkeypatch.setattr(build_module, "_cores", lambda: 2)
    analysis.build(RAW_DATA_DIR, tmp_path / "out", LINEAGE, use_cache=False, progress=False)
    assert listed_with == [2]

    def unreadable(raw_dir, skipped=None):
        raise PermissionError(13, "Permission denied", str(raw_dir))

    monkeypatch.setattr(build_module.FileList, "of", unreadable)
    with pytest.raises(ReportError) as caught:
        analysis.build(RAW_DATA_DIR, tmp_path / "out", LINEAGE, use_cache=False, progress=False)
    assert str(RAW_DATA_DIR) in str(caught.value) and "Permission denied" in str(caught.value)


def test_file_list_and_built_reports_hold_names_and_columns(tmp_path):
    """A build keeps its file list as names and its reports as columns (at 100,000 reports,
    Paths and one object per report held 73 MB); each reads as the Paths and BuiltReports."""
    for name in ("b.txt", "a.hwpx", ".hidden.txt", "README.md", "notes.docx", "photo.png", "c.PDF"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "folder.txt").mkdir()
    skipped: list[str] = []
    files = build_module.FileList.of(tmp_path, skipped)
    # (a folder with a report's name is listed: the build names it as no file, rather than pass it over)
    assert files.names == ["a.hwpx", "b.txt", "c.PDF", "folder.txt", "notes.docx"] and skipped == ["photo.png"]
    assert files[1] == tmp_path / "b.txt" and files[-1] == tmp_path / "notes.docx" and files[1:3] == [tmp_path / "b.txt", tmp_path / "c.PDF"]
    assert build_module.report_files(tmp_path) == list(files)
    built = build_module.BuiltReports(files)
    built.append(2, "가구_나과_2022", (1, 0, 4))  # (error, warning, info)
    built.append(0, "가구_다과_2023", (0, 2, 0))
    assert len(built) == 2 and built[-1] == built[1]
    assert built[0] == build_module.BuiltReport(tmp_path / "c.PDF", "가구_나과_2022", {"error": 1, "warning": 0, "info": 4})
    assert [r.report_id for r in built[::-1]] == ["가구_다과_2023", "가구_나과_2022"] and built[1].counts["warning"] == 2
    with pytest.raises(IndexError):
        built[2]


def test_lineage_windows_hold_whole_departments():
    """Departments are found in the reports in (district, department, year) order and gathered
    into windows of at least LINEAGE_WINDOW reports, never cut."""
    rows = [("구1", "과A", 2020), ("구1", "과A", 2021), ("구1", "과B", 2020), ("구2", "과A", 2019), ("구2", "과A", 2020), ("구2", "과A", 2021), ("구2", "과C", 2022)]
    reports = pa.table({"report_id": [f"{d}_{p}_{y}" for d, p, y in rows], "district": [r[0] for r in rows],
                        "department": [r[1] for r in rows], "year": [r[2] for r in rows]})
    starts = build_module._department_starts(reports)
    assert starts == [0, 2, 3, 6, 7]
    segments = list(zip(starts[:-1], starts[1:]))
    assert build_module._windows(segments) == [segments]  # (default window: one)
    old = build_module.LINEAGE_WINDOW
    try:
        build_module.LINEAGE_WINDOW = 3
        assert build_module._windows(segments) == [[(0, 2), (2, 3)], [(3, 6)], [(6, 7)]]
    finally:
        build_module.LINEAGE_WINDOW = old
    assert build_module._ranks([(0, 2), (3, 6)]).to_pylist() == [0, 1, 3, 4, 5]
    window = build_module._window(reports, build_module._ranks([(3, 6)]))
    assert window["report_id"].tolist() == ["구2_과A_2019", "구2_과A_2020", "구2_과A_2021"] and window["rank"].tolist() == [3, 4, 5]
    assert build_module._department_starts(reports.slice(0, 0)) == [0]


def test_a_corpus_drawn_office_by_office_grows_by_offices_not_years():
    """The scale benchmark's corpus: drawn office by office, each size is the start of a larger
    one and has the same reports per department (drawn from all at once, 10,000 reports hold
    about 1.6 per department and 100,000 about 16: lineage then does different work)."""
    sys.path.insert(0, str(TESTS_DIR))
    from synth import DEPARTMENTS, LOCAL_GOVERNMENTS, corpus_plan

    plan = corpus_plan(20_000, seed=3, by_office=0.7)
    assert corpus_plan(5_000, seed=3, by_office=0.7) == plan[:5_000]
    assert len({(o, d, y) for _, o, d, y in plan}) == 20_000  # no report twice
    for n in (2_000, 20_000):
        departments = {(o, d) for _, o, d, _ in plan[:n]}
        assert 15 < n / len(departments) < 19.5  # 0.7 of 26 years (the last office drawn in part)
    offices = [o for _, o, _, _ in plan]
    assert offices[0] == LOCAL_GOVERNMENTS[0] and offices == sorted(offices, key=LOCAL_GOVERNMENTS.index)  # office by office
    drawn = corpus_plan(20_000, seed=3)
    assert len({(o, d) for _, o, d, _ in drawn[:2_000]}) > 1_500 and {d for _, _, d, _ in drawn} == set(DEPARTMENTS)
    with pytest.raises(ValueError):
        corpus_plan(150_000, by_office=0.7)


def test_two_files_of_the_same_bytes_each_have_their_cache_entry(tmp_path):
    """The same report under two names (the second refused as a duplicate): each name has its own
    cache entry, so a build into another folder finds both there. Keyed by the bytes alone, the
    one entry held the name of whichever file was written last, and the other was parsed again
    (in parallel builds, which one changed from run to run)."""
    raw, cache = tmp_path / "raw", tmp_path / "cache"
    raw.mkdir()
    shutil.copy(BUNDLED, raw / "a_copy.txt")
    shutil.copy(BUNDLED, raw / BUNDLED.name)
    first = analysis.build(raw, tmp_path / "out1", LINEAGE, cache_dir=cache, progress=False)
    assert [e.source for e in first.failures] == [BUNDLED.name] and first.from_cache == 0
    assert sorted(json.loads(p.read_text(encoding="utf-8"))["file"] for p in cache.glob("*.json")) == ["a_copy.txt", BUNDLED.name]
    again = analysis.build(raw, tmp_path / "out2", LINEAGE, cache_dir=cache, progress=False)  # (nothing published there: every file through the cache)
    assert again.from_cache == 2 and [(r.path.name, r.report_id) for r in again.reports] == [("a_copy.txt", "영등포구_비전협력과_2022")]
    assert [e.source for e in again.failures] == [BUNDLED.name]
