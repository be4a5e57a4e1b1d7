"""The store: a build published whole (killed at any step it leaves the old build or the new),
one build at a time, workers that die with the build, the parse cache, bad input and an
unwritable output folder, Parquet and CSV alike, DuckDB over the Parquet files."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

import analysis
from analysis.store import build as build_module
from analysis.store import publish
from analysis.store.contract import SCHEMA, load_tables, read_csv_table, read_parquet_table
from analysis.store.lineage import MANUAL_COLUMNS
from conftest import MINI_PATH, REPORT_ID, REPORT_PATH, TESTS_DIR, variant
from test_build import cli

MAPO_ID = "마포구_일자리정책과_2023"


@pytest.fixture
def raw(tmp_path):
    d = tmp_path / "raw"
    d.mkdir()
    shutil.copy(REPORT_PATH, d)
    return d


def no_lineage(folder: Path) -> Path:
    """A lineage decisions file with no decisions (its header alone)."""
    path = folder / "no_decisions.csv"
    if not path.exists():
        path.write_text(",".join(MANUAL_COLUMNS) + "\n", encoding="utf-8")
    return path


def run(raw, out, tmp, **kw):
    kw.setdefault("cache_dir", tmp / "cache")
    return analysis.build(raw, out, tmp / "no_lineage.csv", **kw)


def consistent(out) -> set[str]:
    """The report_ids of the published build, after checking every table belongs with them."""
    tables = load_tables(out)
    ids = set(tables["reports"]["report_id"])
    for name, df in tables.items():
        assert set(df["report_id"].dropna()) <= ids, name
    # The files where analysts look are the current version's.
    assert (out / "reports.csv").resolve().parent == publish.current_version(out)
    assert set(read_csv_table(out / "reports.csv", "reports")["report_id"]) == ids
    return ids


class TestPublish:
    def test_layout_manifest_and_values(self, raw, tmp_path):
        out = tmp_path / "out"
        result = run(raw, out, tmp_path)
        version = publish.current_version(out)
        assert version.parent == out / ".versions" and result.version == version.name
        manifest = json.loads((version / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["tables"]["budget_units"] == 6
        for name in SCHEMA:
            for ext in ("parquet", "csv"):
                assert os.readlink(out / f"{name}.{ext}") == f"current/{name}.{ext}"
                assert publish.file_digest(version / f"{name}.{ext}") == (manifest["files"][f"{name}.{ext}"]["bytes"], manifest["files"][f"{name}.{ext}"]["sha256"])
        tables = load_tables(out)
        assert len(tables["budget_units"]) == 6 and tables["budget_units"]["budget"].sum() == 1_070_404
        for name in SCHEMA:
            pd.testing.assert_frame_equal(tables[name], result.tables[name], obj=name)

    def test_parquet_and_csv_hold_the_same_tables(self, raw, tmp_path):
        shutil.copy(MINI_PATH, raw)  # 백만원 with decimals: money as Float64 in some tables
        out = tmp_path / "out"
        run(raw, out, tmp_path)
        types = {"str": "string", "Int64": "int64", "Float64": "double", "boolean": "bool"}
        for name, cols in SCHEMA.items():
            from_parquet, from_csv = read_parquet_table(out / f"{name}.parquet", name), read_csv_table(out / f"{name}.csv", name)
            pd.testing.assert_frame_equal(from_parquet, from_csv, obj=name)
            schema = pq.read_schema(out / f"{name}.parquet")
            for col, kind in cols.items():
                assert str(schema.field(col).type) in ({"int64", "double"} if kind == "money" else {types[kind]}), (name, col)
        units = load_tables(out)["budget_units"]
        assert units.groupby("report_id")["budget"].sum().to_dict() == {MAPO_ID: 1_250_500, REPORT_ID: 1_070_404}

    @pytest.mark.parametrize("stage", ["table programs", "manifest", "renamed", "switched", "linked"])
    def test_killed_while_publishing_leaves_old_or_new(self, raw, tmp_path, stage):
        out = tmp_path / "out"
        run(raw, out, tmp_path)
        shutil.copy(MINI_PATH, raw)
        script = (
            "import os, signal, sys\n"
            "from analysis.store import publish\n"
            "publish._checkpoint = lambda s: os.kill(os.getpid(), signal.SIGKILL) if s == sys.argv[1] else None\n"
            "import analysis\n"
            "analysis.build(sys.argv[2], sys.argv[3], sys.argv[4], cache_dir=sys.argv[5], progress=False)\n"
        )
        proc = subprocess.run([sys.executable, "-c", script, stage, raw, out, no_lineage(tmp_path), tmp_path / "cache"], capture_output=True, text=True)
        assert proc.returncode == -signal.SIGKILL, proc.stderr
        ids = consistent(out)
        assert ids == ({REPORT_ID} if stage in ("table programs", "manifest", "renamed") else {REPORT_ID, MAPO_ID})
        # The next build cleans what the killed one left and publishes the new tables.
        again = run(raw, out, tmp_path)
        assert not again.failures and consistent(out) == {REPORT_ID, MAPO_ID}
        names = [p.name for p in (out / ".versions").iterdir()]
        assert not [n for n in names if n.startswith(".tmp-")] and len(names) <= 2

    def test_leftovers_of_killed_builds_are_removed(self, raw, tmp_path):
        out = tmp_path / "out"
        run(raw, out, tmp_path)
        (out / ".build-abc123").mkdir()  # what builds before versioned publishing left
        (out / ".versions" / ".tmp-19990101T000000.000000Z-1").mkdir()
        (out / ".versions" / ".tmp-19990101T000000.000000Z-1" / "programs.csv").write_text("half", encoding="utf-8")
        shutil.copy(MINI_PATH, raw)
        run(raw, out, tmp_path)
        assert not (out / ".build-abc123").exists()
        assert not (out / ".versions" / ".tmp-19990101T000000.000000Z-1").exists()

    def test_files_that_do_not_belong_together_are_refused(self, raw, tmp_path):
        first, second = tmp_path / "first", tmp_path / "second"
        run(raw, first, tmp_path)
        shutil.copy(MINI_PATH, raw)
        run(raw, second, tmp_path)
        # programs from another build copied over this one's (by hand, or a half-done copy)
        target = publish.current_version(first) / "programs.parquet"
        target.unlink()  # (a hard link may be shared with nothing here, but keep the other build intact)
        shutil.copy(publish.current_version(second) / "programs.parquet", target)
        with pytest.raises(publish.InconsistentStore, match=r"programs.parquet is not the file build .* wrote .*do not belong together; run the build again"):
            load_tables(first)

    def test_a_folder_without_a_build(self, tmp_path):
        (tmp_path / "reports.csv").write_text("report_id\n", encoding="utf-8")
        with pytest.raises(FileNotFoundError, match="tables without a manifest"):
            load_tables(tmp_path)
        with pytest.raises(FileNotFoundError, match="run `python -m analysis build` first"):
            load_tables(tmp_path / "nothing")

    def test_readers_during_publishing_see_one_build(self, raw, tmp_path, monkeypatch):
        out = tmp_path / "out"
        run(raw, out, tmp_path)
        shutil.copy(MINI_PATH, raw)
        seen = []
        original = publish._checkpoint

        def read_at(stage):
            seen.append((stage, consistent(out)))
            original(stage)

        monkeypatch.setattr(publish, "_checkpoint", read_at)
        run(raw, out, tmp_path)
        old, new = {REPORT_ID}, {REPORT_ID, MAPO_ID}
        assert [ids for stage, ids in seen if not stage.startswith("table ")] == [old, old, new, new]
        assert all(ids == old for stage, ids in seen if stage.startswith("table "))


class TestOneBuildAtATime:
    def test_second_build_stops_with_a_message(self, raw, tmp_path):
        out = tmp_path / "out"
        run(raw, out, tmp_path)
        with publish.BuildLock(out):  # this process holds the lock: the command is the second build
            proc = cli("build", "--raw", raw, "--out", out, "--lineage", no_lineage(tmp_path))
        assert proc.returncode == 1
        assert f"error: {out}: another build is writing this folder (pid {os.getpid()}, started " in proc.stderr
        assert "wait for it to finish and run the build again" in proc.stderr
        assert consistent(out) == {REPORT_ID}

    def test_two_builds_at_once(self, raw, tmp_path):
        out = tmp_path / "out"
        shutil.copy(MINI_PATH, raw)
        procs = [subprocess.Popen([sys.executable, "-m", "analysis", "build", "--raw", raw, "--out", out, "--lineage", no_lineage(tmp_path)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        results = [(p.wait(), p.stdout.read(), p.stderr.read()) for p in procs]
        for p in procs:
            p.stdout.close()
            p.stderr.close()
        assert all("Traceback" not in err for _, _, err in results)
        # One of them built; the other built after it or stopped, saying why. Never both at once.
        assert any(code == 0 for code, _, _ in results)
        for code, _, err in results:
            assert code == 0 or "another build is writing this folder" in err
        assert consistent(out) == {REPORT_ID, MAPO_ID}

    def test_wait_for_the_other_build(self, raw, tmp_path):
        out = tmp_path / "out"
        lock = publish.BuildLock(out).__enter__()
        threading.Timer(0.5, lock.__exit__).start()
        result = run(raw, out, tmp_path, wait=30)
        assert result.ok and consistent(out) == {REPORT_ID}


def _children(pid: int) -> set[int]:
    out = set()
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out |= {int(c) for c in fh.read().split()}
        except FileNotFoundError:  # a thread that ended after the listing
            continue
    return out


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.fixture(scope="module")
def large_raw(tmp_path_factory):
    """Enough generated reports for the build to use its worker processes."""
    sys.path.insert(0, str(TESTS_DIR))
    from synth import generate_corpus

    raw = tmp_path_factory.mktemp("large") / "raw"
    generate_corpus(raw, build_module.PARALLEL_FROM + 40, seed=5)
    return raw


@pytest.mark.slow
def test_lineage_on_several_cores_equals_one_process(large_raw, tmp_path):
    from analysis.store.contract import frame
    from analysis.store.lineage import build_lineage

    result = run(large_raw, tmp_path / "out", tmp_path, use_cache=False)
    assert len(result.reports) == build_module.PARALLEL_FROM + 40 and not result.failures
    rows, _ = build_lineage(result.tables, [])
    pd.testing.assert_frame_equal(result.tables["program_lineage"], frame(rows, "program_lineage"))
    assert result.tables["program_lineage"]["report_id"].nunique() == build_module.PARALLEL_FROM + 40
    # The summary lists the first 50 reports one a line and says how many more there are.
    listed = [line for line in result.summary().splitlines() if line.startswith("  synth_")]
    assert listed[0].startswith("  synth_000000.txt -> ") and len(listed) == build_module.SUMMARY_REPORTS == 50
    assert f"  … and {build_module.PARALLEL_FROM + 40 - 50:,} more reports (every report in reports.csv, its findings in findings.csv)" in result.summary()
    assert len([line for line in result.summary(listed=None).splitlines() if line.startswith("  synth_")]) == build_module.PARALLEL_FROM + 40


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_workers_die_with_the_build(large_raw, tmp_path):
    raw = large_raw
    proc = subprocess.Popen([sys.executable, "-m", "analysis", "build", "--raw", raw, "--out", tmp_path / "out", "--no-cache"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
        workers = _children(proc.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the build did not start its worker processes"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.1)
    assert not [w for w in workers if _alive(w)], "worker processes outlived their build"


class TestParseCache:
    def test_renamed_file_gets_its_new_name_and_keeps_its_rows_when_it_breaks(self, raw, tmp_path, report_text):
        out = tmp_path / "out"
        run(raw, out, tmp_path)
        (raw / REPORT_PATH.name).rename(raw / "renamed.txt")  # same bytes, another name
        renamed = run(raw, out, tmp_path)
        assert renamed.tables["reports"]["source_file"].tolist() == ["renamed.txt"]
        assert load_tables(out)["reports"]["source_file"].tolist() == ["renamed.txt"]
        before = load_tables(out)
        (raw / "renamed.txt").write_text(variant(report_text, ("1,070,404", "1,07O,404")), encoding="utf-8")
        broken = run(raw, out, tmp_path)
        assert [str(e) for e in broken.failures] == ["renamed.txt:47: expected a number in column 예산액, found '1,07O,404'"]
        assert broken.carried_over == [REPORT_ID]
        after = load_tables(out)
        for name in SCHEMA:
            if name != "program_lineage":  # built anew from the programs, which are kept
                pd.testing.assert_frame_equal(after[name], before[name], obj=name)
        assert after["budget_units"]["budget"].sum() == 1_070_404

    def test_entries_are_json_keyed_by_content_and_parser(self, raw, tmp_path):
        run(raw, tmp_path / "out", tmp_path)
        (entry,) = (tmp_path / "cache").iterdir()
        data = json.loads(entry.read_text(encoding="utf-8"))
        assert data["file"] == REPORT_PATH.name and entry.name == f"{data['key']}.json"
        assert data["reports"][0]["budget_units"]["budget"] == [198888, 10000, 190400, 487492, 83624, 100000]
        assert run(raw, tmp_path / "out", tmp_path).from_cache == 1

    @pytest.mark.parametrize("damage", ["flipped byte", "truncated", "wrong types", "not json", "one figure changed"])
    def test_damaged_entry_is_parsed_again_with_a_warning(self, raw, tmp_path, damage):
        run(raw, tmp_path / "out", tmp_path)
        (entry,) = (tmp_path / "cache").iterdir()
        data = entry.read_bytes()
        if damage == "flipped byte":
            i = data.index(b'"budget_units"')
            data = data[:i] + bytes([data[i] ^ 0x55]) + data[i + 1:]
        elif damage == "truncated":
            data = data[: len(data) // 2]
        elif damage == "one figure changed":  # still JSON of the right types: only the checksum tells (198,888 → 198,889)
            data = data.replace(b"[198888,", b"[198889,", 1)
            assert b"[198889," in data
        elif damage == "wrong types":
            doc = json.loads(data)
            doc["reports"][0]["budget_units"]["budget"][0] = "a lot"
            data = json.dumps(doc, ensure_ascii=False).encode()
        else:
            data = b"\x80\x04\x95 a pickle, say"
        entry.write_bytes(data)
        result = run(raw, tmp_path / "out2", tmp_path)
        assert result.ok and result.from_cache == 0
        assert len(result.warnings) == 1 and result.warnings[0].startswith(f"{REPORT_PATH.name}: its parse cache entry")
        assert "parsed again" in result.warnings[0] and f"warning: {result.warnings[0]}" in result.summary()
        assert result.tables["budget_units"]["budget"].sum() == 1_070_404
        assert run(raw, tmp_path / "out2", tmp_path).from_cache == 1  # the entry was written anew

    def test_one_cache_per_output_folder_pruned(self, raw, tmp_path, monkeypatch):
        from analysis import config

        monkeypatch.setattr(config, "INTERIM_DIR", tmp_path / "interim")
        shutil.copy(MINI_PATH, raw)
        a, b = tmp_path / "a", tmp_path / "b"
        analysis.build(raw, a, no_lineage(tmp_path))
        analysis.build(raw, b, no_lineage(tmp_path))
        caches = sorted((tmp_path / "interim" / "parse-cache").iterdir())
        assert [c.name.split("-")[0] for c in caches] == ["a", "b"] and config.parse_cache_dir(a) in caches
        assert all(len(list(c.glob("*.json"))) == 2 for c in caches)
        (raw / MINI_PATH.name).unlink()
        analysis.build(raw, a, no_lineage(tmp_path))
        assert len(list(config.parse_cache_dir(a).glob("*.json"))) == 1  # the removed file's entry is pruned
        assert len(list(config.parse_cache_dir(b).glob("*.json"))) == 2  # another folder's cache is its own


class TestOneBadReport:
    def test_19_digit_number_beside_a_good_report(self, raw, tmp_path, report_text):
        (raw / "huge.txt").write_text(variant(report_text, ("1,307명", "9,999,999,999,999,999,999명"), ("비전협력과", "일자리정책과")), encoding="utf-8")
        shutil.copy(MINI_PATH, raw)
        out = tmp_path / "out"
        proc = cli("build", "--raw", raw, "--out", out, "--lineage", no_lineage(tmp_path))
        assert proc.returncode == 1
        assert proc.stderr.strip().splitlines() == [
            "error: huge.txt:122: expected a whole number of at most 9,223,372,036,854,775,807 in metrics.value, found '9,999,999,999,999,999,999'"
        ]
        assert consistent(out) == {REPORT_ID, MAPO_ID}
        assert load_tables(out)["budget_units"]["budget"].sum() == 1_070_404 + 1_250_500

    def test_any_exception_from_one_file_is_that_files_error(self, raw, tmp_path, monkeypatch):
        shutil.copy(MINI_PATH, raw)
        real = build_module.interpret_document

        def interpret(document, **kw):
            if document.source == MINI_PATH.name:
                raise KeyError("a fault in the parser")
            return real(document, **kw)

        monkeypatch.setattr(build_module, "interpret_document", interpret)
        result = run(raw, tmp_path / "out", tmp_path, use_cache=False)
        assert [str(e) for e in result.failures] == [
            f"{MINI_PATH.name}:1: expected a report this version of the parser can read, found an internal error "
            "(KeyError: \"'a fault in the parser'\"); the other reports are built, please report this file"
        ]
        assert consistent(tmp_path / "out") == {REPORT_ID}


class TestOutputFolderErrors:
    def test_a_file_in_the_way(self, raw, tmp_path):
        out = tmp_path / "out"
        out.write_text("not a folder", encoding="utf-8")
        proc = cli("build", "--raw", raw, "--out", out, "--lineage", no_lineage(tmp_path))
        assert proc.returncode == 1
        assert proc.stderr.startswith(f"error: {out}: cannot write the tables: ")
        assert "the last good tables are unchanged" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1

    def test_versions_folder_blocked_by_a_file(self, raw, tmp_path):
        out = tmp_path / "out"
        run(raw, out, tmp_path)
        shutil.rmtree(out / ".versions")
        (out / ".versions").write_text("in the way", encoding="utf-8")
        proc = cli("build", "--raw", raw, "--out", out, "--lineage", no_lineage(tmp_path))
        assert proc.returncode == 1 and "cannot write the tables" in proc.stderr

    def test_disk_full_keeps_the_last_good_tables(self, raw, tmp_path, monkeypatch):
        out = tmp_path / "out"
        run(raw, out, tmp_path)
        shutil.copy(MINI_PATH, raw)

        def full(table, path):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

        monkeypatch.setattr(build_module, "_write_csv", full)
        with pytest.raises(publish.StoreError, match="No space left on device .*the last good tables are unchanged"):
            run(raw, out, tmp_path)
        assert consistent(out) == {REPORT_ID}
        assert not [p for p in (out / ".versions").iterdir() if p.name.startswith(".tmp-")]

    def test_disk_full_while_the_workbook_is_written(self, raw, tmp_path, monkeypatch):
        """XlsxWriter says a full disk with its own FileCreateError (no OSError): that gave a traceback."""
        import xlsxwriter

        out = tmp_path / "out"
        run(raw, out, tmp_path)
        shutil.copy(MINI_PATH, raw)

        def full(self):
            raise xlsxwriter.exceptions.FileCreateError(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))

        monkeypatch.setattr(xlsxwriter.Workbook, "_store_workbook", full)
        with pytest.raises(publish.StoreError, match="No space left on device.*the last good tables are unchanged"):
            run(raw, out, tmp_path)
        assert consistent(out) == {REPORT_ID}

    @pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="runs the build as another user (needs root and setpriv)")
    def test_read_only_folder(self, report_text):
        # Root writes anywhere, so the build runs as `nobody` on a folder it may only read. That
        # needs `nobody` to reach this checkout and its .venv: a clone inside a private folder
        # (mktemp -d is mode 700) cannot be, and the test says so rather than failing.
        probe = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c", "import analysis"],
                               capture_output=True, text=True)
        if probe.returncode != 0:
            pytest.skip(f"the user nobody cannot run this checkout's Python ({probe.stderr.strip()[-120:]})")
        base = Path(tempfile.mkdtemp(prefix="analysis-readonly-"))
        try:
            base.chmod(0o755)
            raw, out = base / "raw", base / "out"
            raw.mkdir()
            shutil.copy(REPORT_PATH, raw)
            assert cli("build", "--raw", raw, "--out", out, "--lineage", no_lineage(base)).returncode == 0
            for p in [out, *out.rglob("*")]:
                if not p.is_symlink():
                    p.chmod(0o555 if p.is_dir() else 0o444)
            proc = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-m", "analysis", "build",
                                   "--raw", raw, "--out", out, "--lineage", no_lineage(base), "--no-cache"], capture_output=True, text=True)
            assert proc.returncode == 1 and "Traceback" not in proc.stderr
            assert proc.stderr.strip() == (f"error: {out}: cannot write the tables: Permission denied ({out / '.lock'}); the last good tables are "
                                           "unchanged. Check that the folder is writable and the disk has room (or choose another with --out), then build again")
            assert consistent(out) == {REPORT_ID}
        finally:
            for p in [base, *base.rglob("*")]:
                if not p.is_symlink():
                    p.chmod(0o755)
            shutil.rmtree(base)


class TestDuckDB:
    def test_the_readme_query(self, raw, tmp_path):
        shutil.copy(MINI_PATH, raw)
        out = tmp_path / "out"
        run(raw, out, tmp_path)
        readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
        query = readme.split("```sql\n", 1)[1].split("```", 1)[0]
        got = duckdb.sql(query.replace("data/processed/", f"{out}/")).fetchall()
        assert got == [("마포구", "일자리정책과", 2023, 1_250_500, 800_250, 64.0), ("영등포구", "비전협력과", 2022, 1_070_404, 623_784, 58.3)]


class TestRebuild:
    def test_rows_of_unchanged_files_from_the_published_build_equal_a_fresh_parse(self, tmp_path, report_text):
        from test_corpus import Y2023, make_raw

        raw, out = make_raw(tmp_path / "raw"), tmp_path / "out"
        run(raw, out, tmp_path)
        # One report corrected, one duplicated under a name sorted first, one added.
        y = raw / Y2023.name
        y.write_text(y.read_text(encoding="utf-8").replace("기본경비\t85,000\t65,000\t76.5", "기본경비\t85,000\t66,000\t77.6"), encoding="utf-8")
        shutil.copy(raw / MINI_PATH.name, raw / "a_copy.txt")
        (raw / "new.txt").write_text(variant(report_text, ("비전 협력과", "문화 체육과")), encoding="utf-8")
        again = run(raw, out, tmp_path)
        # The 2022 report and the unchanged 마포구 file: rows from the published build; the workbook from the cache.
        assert again.from_cache == 3
        # The copy is refused: the published build read this report from the original, still here.
        assert [str(e) for e in again.failures] == [
            f"a_copy.txt:1: expected a report other than {MINI_PATH.name}, found the same report ({MAPO_ID}: one report per department and year, a report of its own year's plans apart); "
            f"{MINI_PATH.name} keeps it: remove the copy you do not want, or correct its cover (another session's report of the same year and kind: keep the one to analyse; "
            "two local governments of one name, 중구 or 북구: a copy of each with its 시·도 on the cover, '부산광역시 중구의회')"]
        (raw / "a_copy.txt").unlink()  # (a first build keeps the first of two copies: the one this build refused)
        fresh = run(raw, tmp_path / "fresh", tmp_path, use_cache=False)
        assert fresh.from_cache == 0
        for name in SCHEMA:
            pd.testing.assert_frame_equal(again.tables[name], fresh.tables[name], obj=name)
            assert (out / f"{name}.parquet").read_bytes() == (tmp_path / "fresh" / f"{name}.parquet").read_bytes(), name
        assert again.tables["budget_units"].set_index(["report_id", "unit"]).loc[("영등포구_비전협력과_2023", "기본경비"), "executed"] == 66_000


def test_caches_of_output_folders_that_are_gone_are_removed(raw, tmp_path, monkeypatch):
    from analysis import config

    monkeypatch.setattr(config, "INTERIM_DIR", tmp_path / "interim")
    temporary, kept = tmp_path / "temporary", tmp_path / "kept"
    analysis.build(raw, temporary, no_lineage(tmp_path))
    shutil.rmtree(temporary)
    analysis.build(raw, kept, no_lineage(tmp_path))
    assert [p.name for p in (tmp_path / "interim" / "parse-cache").iterdir()] == [config.parse_cache_dir(kept).name]


def test_lineage_follows_the_analysts_decisions_from_one_build_to_the_next(tmp_path):
    from analysis.store.lineage import MANUAL_COLUMNS
    from test_corpus import make_raw

    raw, out, decisions = make_raw(tmp_path / "raw"), tmp_path / "out", tmp_path / "lineage.csv"
    row = ("영등포구", "비전협력과", "2022", "actual", "스마트메디컬특구 홍보 활성화", "2023", "plan", "의료관광 활성화", "unlink", "")
    decisions.write_text(",".join(MANUAL_COLUMNS) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    first = analysis.build(raw, out, decisions, cache_dir=tmp_path / "cache")
    decisions.write_text(",".join(MANUAL_COLUMNS) + "\n", encoding="utf-8")  # the decision withdrawn
    second = analysis.build(raw, out, decisions, cache_dir=tmp_path / "cache")
    fresh = analysis.build(raw, tmp_path / "fresh", decisions, use_cache=False)
    pd.testing.assert_frame_equal(second.tables["program_lineage"], fresh.tables["program_lineage"])
    assert not first.tables["program_lineage"].equals(second.tables["program_lineage"])


class TestNamesThatAreNoFiles:
    """A report's name in data/raw/ that is no readable file: each is named, the others build,
    and a report it held in the last good build is kept. Before, a link to nothing was passed
    over (the report vanished from the tables, exit 0), a loop of links stopped the whole build,
    and a pipe named x.txt made the build and `check` wait for ever."""

    def test_a_link_to_nothing_keeps_the_last_good_rows(self, raw, tmp_path):
        run(raw, tmp_path / "out", tmp_path)
        report = raw / REPORT_PATH.name
        report.rename(tmp_path / "moved.txt")
        report.symlink_to(tmp_path / "gone.txt")
        result = run(raw, tmp_path / "out", tmp_path)
        assert [str(e) for e in result.failures] == [f"{REPORT_PATH.name}:1: expected a readable file, found No such file or directory"]
        assert result.carried_over == [REPORT_ID]
        assert load_tables(tmp_path / "out")["budget_units"]["budget"].sum() == 1_070_404

    def test_a_loop_a_folder_and_a_pipe_fail_alone(self, raw, tmp_path):
        (raw / "loop.txt").symlink_to(raw / "loop.txt")
        (raw / "folder.txt").mkdir()
        os.mkfifo(raw / "pipe.txt")
        result = run(raw, tmp_path / "out", tmp_path)
        assert sorted(str(e) for e in result.failures) == [
            "folder.txt:1: expected a readable file, found a folder, not a file; put the report file itself here",
            "loop.txt:1: expected a readable file, found Too many levels of symbolic links",
            "pipe.txt:1: expected a readable file, found a pipe (FIFO), not a file; put the report file itself here",
        ]
        assert [r.report_id for r in result.reports] == [REPORT_ID]
        proc = subprocess.run([sys.executable, "-m", "analysis", "check", str(raw / "pipe.txt")], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 1 and "a pipe (FIFO), not a file" in proc.stderr
