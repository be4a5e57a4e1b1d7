"""New data arrives: a corpus of several reports (two years of one department, another
department in 백만원, one typed into the Excel template), lineage across years, the analyst's
lineage decisions, the change summary, and the parse cache."""

from __future__ import annotations

import hashlib
import json
import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.analyse import measures as A
from analysis.store.lineage import MANUAL_COLUMNS, read_manual
from conftest import MINI_PATH, REPORT_PATH, TESTS_DIR
from workbooks import JOBS, fill

Y2023 = TESTS_DIR / "data" / "yeongdeungpo_vision-cooperation_2023.txt"
IDS = ["마포구_일자리정책과_2023", "영등포구_비전협력과_2022", "영등포구_비전협력과_2023", "영등포구_일자리경제과_2023"]


def make_raw(path):
    path.mkdir()
    for f in (REPORT_PATH, Y2023, MINI_PATH):
        shutil.copy(f, path)
    fill(path / "jobs_typed.xlsx", JOBS)
    return path


def run(raw, out, tmp, lineage=None, **kw):
    return analysis.build(raw, out, lineage if lineage is not None else tmp / "no_lineage.csv", cache_dir=tmp / "cache", **kw)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("corpus")
    raw = make_raw(tmp / "raw")
    return run(raw, tmp / "out", tmp)


class TestCorpus:
    def test_every_report_builds(self, corpus):
        assert corpus.ok and not corpus.failures
        assert sorted(corpus.tables["reports"]["report_id"]) == IDS
        assert sorted(corpus.tables["reports"]["source_file"]) == [
            "jobs_typed.xlsx", "mapo_jobs_2023_million.txt", "yeongdeungpo_vision-cooperation_2022.txt", "yeongdeungpo_vision-cooperation_2023.txt",
        ]

    def test_cross_year_figures(self, corpus):
        y = A.yearly_totals(corpus.tables)
        got = y[["report_id", "budget", "executed", "rate", "pace", "plan_budget"]].astype(object).where(y.notna(), None).values.tolist()
        assert got == [
            ["마포구_일자리정책과_2023", 1_250_500, 800_250, 64.0, 74.8, 1_100_000],
            ["영등포구_비전협력과_2022", 1_070_404, 623_784, 58.3, 83.3, 329_365],
            ["영등포구_비전협력과_2023", 457_553, 304_710, 66.6, 74.8, 115_000],
            ["영등포구_일자리경제과_2023", 370_000, 270_500, 73.1, 83.3, 300_000],
        ]
        assert A.departments_with_years(corpus.tables) == [("영등포구", "비전협력과")]

    def test_team_budget_by_year(self, corpus):
        t = A.team_budget_by_year(corpus.tables)
        t = t[t["department"] == "비전협력과"].set_index(["team", "year"])
        assert t.loc[("대외협력팀", 2022), "budget"] == 148_088 and t.loc[("대외협력팀", 2023), "budget"] == 153_553
        assert t.loc[("의료특구팀", 2022), "rate"] == 53.1 and t.loc[("의료특구팀", 2023), "rate"] == 63.5
        assert ("건강특구팀", 2023) not in t.index

    def test_lineage_across_years(self, corpus):
        l = corpus.tables["program_lineage"]
        nxt = l[(l["kind"] == "next_year") & (l["report_id"] == "영등포구_비전협력과_2022")]
        got = [(r.relation, None if pd.isna(r.from_program_no) else int(r.from_program_no), None if pd.isna(r.to_program_no) else int(r.to_program_no)) for r in nxt.itertuples()]
        assert got == [
            ("명칭 변경", 1, 1), ("명칭 변경", 2, 5), ("통합", 3, 3), ("통합", 4, 3),
            ("통합", 5, 4), ("통합", 6, 4), ("다음 해 없음", 7, None), ("신규", None, 2),
        ]
        # Only consecutive years of the same department are linked across reports.
        assert set(l.loc[l["kind"] != "plan", "to_report_id"]) == {"영등포구_비전협력과_2023"}

    def test_plan_against_next_years_budget(self, corpus):
        p = A.plan_vs_actual(corpus.tables)
        got = p[["relation", "status", "plan", "actual", "planned", "budget", "diff", "diff_pct"]].astype(object).where(p.notna(), None).values.tolist()
        assert got == [
            ["같은 사업", "같은 사업, 계획 금액 그대로", "① 국내·외 친선도시 상호교류 내실화", "① 국내·외 친선도시 상호교류 내실화", 63_553, 63_553, 0, 0.0],
            ["같은 사업", "같은 사업, 계획 금액 그대로", "② 사회적책임경영(CSR) 생태계 육성", "② 사회적책임경영(CSR) 생태계 육성", 50_000, 50_000, 0, 0.0],
            ["같은 사업", "같은 사업, 계획 금액 그대로", "③ 여의도 디지털국제금융중심지 활성화", "③ 여의도 디지털국제금융중심지 활성화", 29_000, 29_000, 0, 0.0],
            ["같은 사업", "같은 사업, 예산 증액 +1.7%", "④ 의료관광 활성화", "④ 의료관광 활성화", 186_812, 190_000, 3_188, 1.7],
            ["계획 외 사업", "계획 외 사업", None, "⑤ 평화통일 기반조성", None, 40_000, None, None],
        ]


class TestManualLineage:
    def write(self, tmp_path, *rows):
        path = tmp_path / "lineage.csv"
        lines = [",".join(MANUAL_COLUMNS)] + [",".join(r) for r in rows]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def test_unlink_link_and_unknown_names(self, tmp_path):
        raw = make_raw(tmp_path / "raw")
        decisions = self.write(
            tmp_path,
            ("영등포구", "비전협력과", "2022", "actual", "스마트메디컬특구 홍보 활성화", "2023", "plan", "의료관광 활성화", "unlink", "promotion only"),
            ("영등포구", "비전협력과", "2022", "actual", "건강도시 활성화 기반구축 및 사업추진", "2023", "plan", "사회적책임경영(CSR) 생태계 육성", "link", "test"),
            ("영등포구", "비전협력과", "2022", "actual", "없는 사업", "2023", "plan", "의료관광 활성화", "link", ""),
        )
        result = run(raw, tmp_path / "out", tmp_path, decisions)
        l = result.tables["program_lineage"]
        plan = l[(l["kind"] == "plan") & (l["report_id"] == "영등포구_비전협력과_2022")]
        pairs = {(int(r.from_program_no), int(r.to_program_no)): (r.relation, r.origin, r.source_line) for r in plan.dropna(subset=["from_program_no", "to_program_no"]).itertuples()}
        assert (5, 4) not in pairs  # unlinked by the analyst
        assert pairs[(6, 4)][0] == "명칭 변경"  # ⑥ alone now continues as ④
        assert pairs[(7, 2)] == ("명칭 변경", "분석가 지정", 3)
        f = result.tables["findings"]
        (w,) = f[f["check"] == "lineage_manual"].to_dict("records")
        assert w["severity"] == "warning" and w["message"] == "lineage.csv:4: 2022년 실적에 '없는 사업' 사업이 없어 이 행은 적용하지 않았습니다"

    def test_bad_decision_is_a_clear_error(self, tmp_path):
        raw = make_raw(tmp_path / "raw")
        decisions = self.write(tmp_path, ("영등포구", "비전협력과", "2022", "actual", "a", "2023", "plan", "b", "maybe", ""))
        with pytest.raises(analysis.ReportError, match=r"lineage.csv:2: expected decision 'link' or 'unlink', found 'maybe'"):
            run(raw, tmp_path / "out", tmp_path, decisions)


class TestManualLineageAsSaved:
    """The decisions file as spreadsheets save it, and as people get it wrong: each read, or one
    clear error naming the line; never a traceback, never two decisions for one pair."""

    ROW = ("영등포구", "비전협력과", "2022", "actual", "건강도시 활성화 기반구축 및 사업추진", "2023", "plan", "사회적책임경영(CSR) 생태계 육성", "link", "확인")

    def write(self, tmp_path, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / "lineage.csv"
        path.write_bytes(text.encode(encoding))
        return path

    @pytest.mark.parametrize("encoding", ["cp949", "utf-16", "utf-8-sig"])
    def test_saved_in_another_encoding(self, tmp_path, encoding):
        path = self.write(tmp_path, ",".join(MANUAL_COLUMNS) + "\r\n" + ",".join(self.ROW) + "\r\n", encoding)
        (row,) = read_manual(path)
        assert (row["from_program"], row["decision"], row["note"], row["_line"]) == ("건강도시 활성화 기반구축 및 사업추진", "link", "확인", 2)

    @pytest.mark.parametrize(("row", "message"), [
        (",".join(ROW[:6]), "lineage.csv:2: expected 10 fields"),
        (",".join(ROW) + ",extra", "lineage.csv:2: expected 10 fields"),
        (",".join(ROW) + "\n" + ",".join(ROW[:8]) + ",unlink,", "lineage.csv:3: expected one decision for this pair ('link' at line 2), found 'unlink'"),
        (",".join(ROW[:9]) + ',"two\nlines"\n' + ",".join(ROW[:8]) + ",perhaps,", "lineage.csv:4: expected decision 'link' or 'unlink', found 'perhaps'"),
    ])
    def test_a_row_that_cannot_be_applied(self, tmp_path, row, message):
        path = self.write(tmp_path, ",".join(MANUAL_COLUMNS) + "\n" + row + "\n")
        with pytest.raises(analysis.ReportError) as e:
            read_manual(path)
        assert str(e.value).startswith(message)

    def test_a_folder_and_a_path_that_is_not_there(self, tmp_path):
        (tmp_path / "lineage.csv").mkdir()
        with pytest.raises(analysis.ReportError, match="lineage.csv:1: expected a CSV file of lineage decisions, found a folder"):
            read_manual(tmp_path / "lineage.csv")
        raw = make_raw(tmp_path / "raw")
        proc = subprocess.run([sys.executable, "-m", "analysis", "build", "--raw", str(raw), "--out", str(tmp_path / "out"), "--lineage", str(tmp_path / "typo.csv")],
                              capture_output=True, text=True)
        assert proc.returncode == 0 and "typo.csv: no such file: no lineage decisions are applied (--lineage)" in proc.stderr


class TestChangesAndCache:
    @pytest.mark.parametrize("use_cache", [True, False])
    def test_a_draft_of_a_published_report_never_takes_its_place(self, tmp_path, use_cache):
        """A copy of a published report with one figure changed, named to sort first
        (2022_draft.txt): its 9,224 had been published in place of 3,224, and the error blamed
        the original file."""
        raw, out = make_raw(tmp_path / "raw"), tmp_path / "out"
        run(raw, out, tmp_path)
        original = next(p for p in raw.iterdir() if p.name == "yeongdeungpo_vision-cooperation_2022.txt")
        (raw / "2022_draft.txt").write_text(original.read_text(encoding="utf-8").replace("40회 3,224명", "40회 9,224명"), encoding="utf-8")
        again = run(raw, out, tmp_path, use_cache=use_cache)
        assert [str(e).split(":")[0] for e in again.failures] == ["2022_draft.txt"]
        assert "yeongdeungpo_vision-cooperation_2022.txt keeps it" in str(again.failures[0])
        m = analysis.load_tables(out)["metrics"]
        assert 3224 in m["value"].tolist() and 9224 not in m["value"].tolist()
        reports = analysis.load_tables(out)["reports"]
        assert reports.loc[reports["report_id"] == "영등포구_비전협력과_2022", "source_file"].tolist() == ["yeongdeungpo_vision-cooperation_2022.txt"]

    def test_a_published_file_edited_in_place_is_replaced_not_linked_on(self, tmp_path):
        """metrics.csv saved from Excel through its link (3,224 → 3,225): the next build had linked
        the edited file into its new version (its bytes were not looked at, only the manifest's),
        and a damaged Parquet file had left every later build 'nothing new' and unreadable."""
        raw, out = make_raw(tmp_path / "raw"), tmp_path / "out"
        run(raw, out, tmp_path)
        csv = out / "metrics.csv"
        csv.write_text(csv.read_text(encoding="utf-8-sig").replace(",3224,", ",3225,"), encoding="utf-8-sig")
        parquet = (out / "staffing.parquet").resolve()
        parquet.write_bytes(parquet.read_bytes()[:-20] + b"\0" * 20)
        again = run(raw, out, tmp_path)
        assert again.version is not None
        text = (out / "metrics.csv").read_text(encoding="utf-8-sig")
        assert ",3224," in text and ",3225," not in text
        assert analysis.load_tables(out)["staffing"].equals(analysis.load_tables(out)["staffing"])  # whole again
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["files"]["metrics.csv"]["sha256"] == hashlib.sha256((out / "metrics.csv").read_bytes()).hexdigest()

    def test_what_changed(self, tmp_path):
        raw, out = make_raw(tmp_path / "raw"), tmp_path / "out"
        first = run(raw, out, tmp_path)
        assert first.changes.first_build and first.from_cache == 0
        # Same input: says so, re-parses nothing, and a third build rewrites no file.
        again = run(raw, out, tmp_path)
        assert again.changes.empty and again.from_cache == 4
        assert "changes: none" in again.summary()
        assert (out / "changes.md").read_text(encoding="utf-8").endswith("No changes: every table is the same as in the previous build.\n")
        # (.lock, the build lock, is bookkeeping: each build writes its pid there.)
        snapshot = {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in out.iterdir() if p.is_file() and p.name != ".lock"}
        assert len(snapshot) == 2 * len(analysis.SCHEMA) + 3  # Parquet + CSV per table, the workbook, changes.md, manifest.json
        third = run(raw, out, tmp_path)
        assert third.version is None and "published: nothing new" in third.summary()
        assert {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in out.iterdir() if p.is_file() and p.name != ".lock"} == snapshot
        # A number corrected by hand: only that file is parsed again; the change is listed.
        y = raw / Y2023.name
        y.write_text(y.read_text(encoding="utf-8").replace("계\t457,553\t304,710\t66.6", "계\t457,553\t305,710\t66.8")
                     .replace("기본경비\t85,000\t65,000\t76.5", "기본경비\t85,000\t66,000\t77.6"), encoding="utf-8")
        fixed = run(raw, out, tmp_path)
        assert fixed.from_cache == 3
        assert fixed.changes.values == [
            ("budget_units", "영등포구_비전협력과_2023 / 기본경비", "executed", "65,000", "66,000"),
            ("budget_units", "영등포구_비전협력과_2023 / 기본경비", "rate", "76.5", "77.6"),
        ]
        assert "| budget_units | 영등포구_비전협력과_2023 / 기본경비 | executed | 65,000 | 66,000 |" in (out / "changes.md").read_text(encoding="utf-8")
        # A report removed and one added.
        (raw / MINI_PATH.name).unlink()
        moved = run(raw, out, tmp_path)
        assert moved.changes.reports_removed == ["마포구_일자리정책과_2023"] and moved.changes.rows_removed["budget_units"] == 2
        shutil.copy(MINI_PATH, raw)
        back = run(raw, out, tmp_path)
        # The build without it pruned its cache entry (a cache keeps what its last build used).
        assert back.changes.reports_added == ["마포구_일자리정책과_2023"] and back.from_cache == 3

    def test_parser_change_invalidates_the_cache(self, tmp_path, monkeypatch):
        raw = make_raw(tmp_path / "raw")
        run(raw, tmp_path / "out", tmp_path)
        monkeypatch.setattr(importlib.import_module("analysis.store.cache"), "code_fingerprint", lambda: "another parser")
        assert run(raw, tmp_path / "out", tmp_path).from_cache == 0

    def test_progress_bar(self, tmp_path, capsys):
        raw = make_raw(tmp_path / "raw")
        run(raw, tmp_path / "out", tmp_path, progress=True)
        err = capsys.readouterr().err
        assert "reports: 100%" in err and "4/4" in err
