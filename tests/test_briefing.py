"""reports/: tables for Excel, the HTML briefing with an embedded Hangul font, and the
committed notebooks (parameters cell, checked figures, stripped outputs)."""

from __future__ import annotations

import base64
import html as _html
import os
import re
from pathlib import Path

import nbformat
import openpyxl
import pandas as pd
import pytest

from analysis.analyse import measures as A
from analysis.brief import briefing
from analysis.config import NOTEBOOKS_DIR


class TestTables:
    def test_show_table_korean_headers_and_saved_csv(self, tmp_path, monkeypatch):
        monkeypatch.setattr(briefing.config, "TABLES_DIR", tmp_path)
        df = pd.DataFrame({"label": ["대외교류 활성화"], "budget": pd.array([198_888], dtype="Int64"), "rate": [45.5]})
        styled = briefing.show_table(df, ["label", "budget", "rate"], "units")
        assert list(styled.data.columns) == ["구분", "예산(천원)", "집행률(%)"]
        assert "198,888" in styled.to_html()
        saved = (tmp_path / "units.csv").read_bytes()
        assert saved.startswith(b"\xef\xbb\xbf") and "구분,예산(천원),집행률(%)\n대외교류 활성화,198888,45.5" in saved.decode("utf-8-sig")

    def test_workbook_gathers_every_csv(self, tmp_path):
        briefing.save_table(pd.DataFrame({"a": [1]}), "01_one", tmp_path)
        briefing.save_table(pd.DataFrame({"b": ["두"]}), "02_two", tmp_path)
        briefing.save_table(pd.DataFrame({"c": [3]}), "영등포구_비전협력과_2022_01_unit_execution", tmp_path)
        briefing.save_table(pd.DataFrame({"c": [4]}), "영등포구_비전협력과_2023_01_unit_execution", tmp_path)
        out = briefing.write_tables_workbook(tmp_path, tmp_path / "b.xlsx")
        wb = openpyxl.load_workbook(out)
        assert wb.sheetnames == ["01_one", "02_two", "비전협력과 2022 단위사업 집행률", "비전협력과 2023 단위사업 집행률"]
        assert wb["02_two"]["A2"].value == "두"

    def test_workbook_sources_sheet_and_print_headers(self, tmp_path):
        """Each sheet prints its as-of date and source; the first sheet says where each came from."""
        briefing.save_table(pd.DataFrame({"a": [1]}), "00_yearly_totals", tmp_path)
        briefing.save_table(pd.DataFrame({"c": [3]}), "영등포구_비전협력과_2022_01_unit_execution", tmp_path)
        briefing.save_table(pd.DataFrame({"c": [4]}), "영등포구_비전협력과_2023_01_unit_execution", tmp_path)
        reports = pd.DataFrame({
            "report_id": ["영등포구_비전협력과_2022", "영등포구_비전협력과_2023"], "district": ["영등포구"] * 2,
            "department": ["비전협력과"] * 2, "year": [2022, 2023], "session": ["제241회 구의회 제2차 정례회", None],
            "as_of": ["2022-10-31", None], "source_file": ["a.txt", "b.hwpx"], "source_sha256": ["ab12", "cd34"],
        })
        wb = openpyxl.load_workbook(briefing.write_tables_workbook(tmp_path, tmp_path / "b.xlsx", reports=reports))
        assert wb.sheetnames == ["출처", "연도별 집행", "비전협력과 2022 단위사업 집행률", "비전협력과 2023 단위사업 집행률"]
        assert [ws.oddHeader.left.text for ws in wb.worksheets] == [
            None,
            "자료: 영등포구 비전협력과 「주요업무 보고」 2022·2023년",
            "기준일: 2022-10-31 · 자료: 영등포구 비전협력과 「2022년 주요업무 보고」 (제241회 구의회 제2차 정례회)",
            "자료: 영등포구 비전협력과 「2023년 주요업무 보고」",  # no as-of date printed: none is claimed
        ]
        rows = list(wb["출처"].iter_rows(values_only=True))
        assert rows == [
            ("시트", "보고서", "기준일", "자료", "원문 파일", "원문 SHA-256"),
            ("연도별 집행", "영등포구_비전협력과_2022", "2022-10-31", "영등포구 비전협력과 「2022년 주요업무 보고」 (제241회 구의회 제2차 정례회)", "a.txt", "ab12"),
            ("연도별 집행", "영등포구_비전협력과_2023", None, "영등포구 비전협력과 「2023년 주요업무 보고」", "b.hwpx", "cd34"),
            ("비전협력과 2022 단위사업 집행률", "영등포구_비전협력과_2022", "2022-10-31", "영등포구 비전협력과 「2022년 주요업무 보고」 (제241회 구의회 제2차 정례회)", "a.txt", "ab12"),
            ("비전협력과 2023 단위사업 집행률", "영등포구_비전협력과_2023", None, "영등포구 비전협력과 「2023년 주요업무 보고」", "b.hwpx", "cd34"),
        ]
        assert wb["출처"].freeze_panes == "A2" and wb["출처"]["A1"].font.b

    def test_long_text_wraps_so_the_sheet_prints_readably(self, tmp_path):
        """A SHA-256 (64 characters) and a long 자료 wrap at 40 columns instead of widening the
        sheet that prints one page wide (the 출처 sheet printed small); short columns keep their fit."""
        briefing.save_table(pd.DataFrame({"c": [3]}), "영등포구_비전협력과_2022_01_unit_execution", tmp_path)
        sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
        reports = pd.DataFrame({
            "report_id": ["영등포구_비전협력과_2022"], "district": ["영등포구"], "department": ["비전협력과"], "year": [2022],
            "session": ["제241회 구의회 제2차 정례회"], "as_of": ["2022-10-31"], "source_file": ["a.txt"], "source_sha256": [sha],
        })
        ws = openpyxl.load_workbook(briefing.write_tables_workbook(tmp_path, tmp_path / "b.xlsx", reports=reports))["출처"]
        widths = {c: ws.column_dimensions[c].width for c in "ABCDEF"}
        assert widths["F"] < 41 and widths["D"] < 41  # SHA-256, 자료
        assert ws["F2"].value == sha and ws["F2"].alignment.wrap_text and ws["D2"].alignment.wrap_text
        assert widths["C"] < 15 and not ws["C2"].alignment.wrap_text  # 기준일: fitted, not wrapped

    def test_trends_sheet_sources_are_its_departments(self, tmp_path):
        """A table across years names the reports of the departments in its rows, not every report."""
        briefing.save_table(pd.DataFrame({"부서": ["비전협력과"], "연도": [2023]}), "00_plan_vs_actual", tmp_path)
        reports = pd.DataFrame({
            "report_id": ["영등포구_비전협력과_2022", "영등포구_비전협력과_2023", "마포구_일자리정책과_2023"],
            "district": ["영등포구", "영등포구", "마포구"], "department": ["비전협력과", "비전협력과", "일자리정책과"],
            "year": [2022, 2023, 2023], "session": [None] * 3, "as_of": ["2022-10-31", "2023-09-30", "2023-09-30"],
            "source_file": ["a.txt", "b.txt", "c.txt"], "source_sha256": ["1", "2", "3"],
        })
        wb = openpyxl.load_workbook(briefing.write_tables_workbook(tmp_path, tmp_path / "b.xlsx", reports=reports))
        assert wb["계획 대비 실제"].oddHeader.left.text == "자료: 영등포구 비전협력과 「주요업무 보고」 2022·2023년"
        assert [r[1] for r in wb["출처"].iter_rows(min_row=2, values_only=True)] == ["영등포구_비전협력과_2022", "영등포구_비전협력과_2023"]

    def test_trends_sheet_with_a_district_column_cites_only_that_district(self, tmp_path):
        """Two districts each have a 비전협력과: a sheet of one district's rows cites its reports only."""
        briefing.save_table(pd.DataFrame({"자치구": ["마포구"], "부서": ["비전협력과"], "연도": [2023]}), "00_plan_vs_actual", tmp_path)
        reports = pd.DataFrame({
            "report_id": ["영등포구_비전협력과_2023", "마포구_비전협력과_2022", "마포구_비전협력과_2023"],
            "district": ["영등포구", "마포구", "마포구"], "department": ["비전협력과"] * 3,
            "year": [2023, 2022, 2023], "session": [None] * 3, "as_of": [None] * 3,
            "source_file": ["a.txt", "b.txt", "c.txt"], "source_sha256": ["1", "2", "3"],
        })
        wb = openpyxl.load_workbook(briefing.write_tables_workbook(tmp_path, tmp_path / "b.xlsx", reports=reports))
        assert wb["계획 대비 실제"].oddHeader.left.text == "자료: 마포구 비전협력과 「주요업무 보고」 2022·2023년"
        assert [r[1] for r in wb["출처"].iter_rows(min_row=2, values_only=True)] == ["마포구_비전협력과_2022", "마포구_비전협력과_2023"]

    def test_trends_sheet_of_a_report_without_district(self, tmp_path):
        """A report whose cover names no district (NA) is still matched and cited, never as "nan"."""
        briefing.save_table(pd.DataFrame({"자치구": [None, None], "부서": ["비전협력과"] * 2, "연도": [2022, 2023]}), "00_yearly_totals", tmp_path)
        reports = pd.DataFrame({
            "report_id": ["미상_비전협력과_2022", "미상_비전협력과_2023"], "district": [pd.NA, pd.NA],
            "department": ["비전협력과"] * 2, "year": [2022, 2023], "session": [None] * 2, "as_of": [None] * 2,
            "source_file": ["a.txt", "b.txt"], "source_sha256": ["1", "2"],
        })
        wb = openpyxl.load_workbook(briefing.write_tables_workbook(tmp_path, tmp_path / "b.xlsx", reports=reports))
        assert wb["연도별 집행"].oddHeader.left.text == "자료: 비전협력과 「주요업무 보고」 2022·2023년"
        assert [r[1] for r in wb["출처"].iter_rows(min_row=2, values_only=True)] == ["미상_비전협력과_2022", "미상_비전협력과_2023"]

    def test_sources_sheet_names_the_tabs_as_they_read(self, tmp_path):
        """A title cut at Excel's 31 characters ends in no space: the 출처 sheet's 시트 cell is the tab's name."""
        rid = "영등포구_글로벌도시 비전협력과 국제_2022"
        briefing.save_table(pd.DataFrame({"c": [1]}), f"{rid}_01_unit_execution", tmp_path)
        reports = pd.DataFrame({
            "report_id": [rid], "district": ["영등포구"], "department": ["글로벌도시 비전협력과 국제"], "year": [2022],
            "session": [None], "as_of": [None], "source_file": ["a.txt"], "source_sha256": ["1"],
        })
        wb = openpyxl.load_workbook(briefing.write_tables_workbook(tmp_path, tmp_path / "b.xlsx", reports=reports))
        cited = [r[0] for r in wb["출처"].iter_rows(min_row=2, values_only=True)]
        assert cited == wb.sheetnames[1:] and cited[0] == cited[0].strip()

    def test_report_of_a_table_among_ids_that_share_a_prefix(self):
        ids = {"서울_a과_2022", "서울_a과_2022_추경"}
        assert briefing._report_of("서울_a과_2022_추경_01_unit_execution", ids) == "서울_a과_2022_추경"
        assert briefing._report_of("서울_a과_2022_01_unit_execution", ids) == "서울_a과_2022"
        assert briefing._report_of("00_yearly_totals", ids) is None

    def test_print_header_is_text(self):
        """'&' starts Excel's header codes (&P page, &A sheet): a department named R&D prints as
        written; a caption longer than Excel's 255 characters is cut, never mid-'&&'."""
        from analysis.store.xlsx import MAX_HEADER, print_header

        assert print_header("자료: R&D과 &P 보고") == "&L자료: R&&D과 &&P 보고"
        for n in (250, 251, 252, 253, 300):
            cut = print_header("가" * (n - 200) + "&" * 200)
            assert len(cut) <= MAX_HEADER and cut.endswith("…")
            assert (len(cut[:-1]) - len(cut[:-1].rstrip("&"))) % 2 == 0, n

    def test_short_words_never_break_long_ones_may(self):
        """A column of districts or statuses keeps each word whole in a squeezed table; a column
        with a long compound (디지털국제금융중심지) may break it, so the table fits the page."""
        df = pd.DataFrame({
            "district": ["영등포구", "관악구"], "relation": ["계획대로", "계획 외 사업"],
            "plan": ["③ 여의도 디지털국제금융중심지 활성화", "소통"], "budget": pd.array([29_000, 1], dtype="Int64"),
        })
        styled = briefing.show_table(df, ["district", "relation", "plan", "budget"])
        css = {}
        for rule in styled.to_html().split("</style>")[0].split("}")[:-1]:
            selectors, body = rule.split("{")
            for sel in re.findall(r"_row0_col(\d)", selectors):
                css.setdefault(int(sel), []).append(re.sub(r"\s+", " ", body).strip())
        assert "overflow-wrap: break-word;" in " ".join(css[0]) and "overflow-wrap: break-word;" in " ".join(css[1])
        assert "overflow-wrap: anywhere;" in " ".join(css[2]) and "break-word" not in " ".join(css[2])
        assert 3 not in css  # the amount: right-aligned by the page, never broken
        assert all("word-break: keep-all;" in " ".join(css[c]) for c in (0, 1, 2))
        assert "white-space: nowrap;" in " ".join(css[0]) and "nowrap" not in " ".join(css[1]) + " ".join(css[2])  # one word a cell

    def test_a_long_word_column_is_never_squeezed(self):
        """A column that may break a long word is laid out at least as wide as its longest word's
        parts (up to seven Hangul), a compound breaking after its dot: beside a long program list
        the plan's column had been squeezed to four syllables ('인문학 / 강좌·평생학 / 습', the
        reviewer's page 73)."""
        df = pd.DataFrame({"actual": ["① 학습동아리·평생학습 역량 강화 + ② 인문학강좌 운영 + ④ 평생학습 지원 확대"],
                           "plan": ["① 인문학강좌·평생학습 역량 강화"], "note": ["디지털국제금융중심지디지털국제금융중심지"],
                           "other": ["여의도 디지털국제금융센터"]})
        html = briefing.show_table(df, ["actual", "plan", "note", "other"]).to_html()
        widths = {}
        for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", html.split("</style>")[0]):
            for col in re.findall(r"_row0_col(\d)", selectors):
                widths.update({col: w for w in re.findall(r"min-width: ([\d.]+em)", body)})
        # 인문학강좌·평생학습 breaks after its dot (its longest part 학습동아리·, 인문학강좌·: 5 Hangul and
        # a dot); a word of 20 Hangul may break (7 em at most), as 디지털국제금융센터 (9).
        assert widths == {"0": "6em", "1": "6em", "2": "7em", "3": "7em"}
        assert "인문학강좌·\u200b평생학습" in html and "국내·외" not in html

    def test_the_local_government_is_not_called_a_district(self):
        """영등포구, 수원시, 양평군 alike: the column is 지방자치단체, not 자치구 (a 구's word)."""
        df = pd.DataFrame({"district": ["수원시", "양평군"], "department": ["건축과", "관광과"]})
        assert list(briefing.show_table(df, ["district", "department"]).data.columns) == ["지방자치단체", "부서"]
        assert A.check_label("district") == "지방자치단체"

    def test_a_date_and_a_six_syllable_department_never_break(self):
        """'2023-/09-30' and '스마트/도시과' were broken in the trends table (a browser breaks after a
        hyphen; six syllables were more than the short-word limit)."""
        df = pd.DataFrame({"department": ["스마트도시과", "일자리정책과"], "as_of": ["2023-09-30", "2022-10-31"]})
        html = briefing.show_table(df, ["department", "as_of"]).to_html()
        rules = [re.sub(r"\s+", " ", r) for r in html.split("</style>")[0].split("}")]
        for col in (0, 1):
            body = " ".join(r for r in rules if f"_col{col}" in r.split("{")[0])
            assert "white-space: nowrap;" in body and "anywhere" not in body

    def test_negatives_with_triangle(self):
        df = pd.DataFrame({"label": ["a"], "change": pd.array([-46_035], dtype="Int64"), "change_pct": [-42.0], "year": pd.array([2022], dtype="Int64")})
        html = briefing.show_table(df, ["label", "change", "change_pct", "year"]).to_html()
        assert "△46,035" in html and "△42.0" in html and ">2022<" in html and "-46" not in html


class TestBriefingHtml:
    def test_no_code_and_an_embedded_font(self, tmp_path):
        nb = nbformat.v4.new_notebook()
        params = nbformat.v4.new_code_cell("REPORT_ID = None")
        params.metadata["tags"] = ["parameters"]
        code = nbformat.v4.new_code_cell("print('secret_code_text')")
        code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="집행률 58.3%\n")]
        nb.cells = [nbformat.v4.new_markdown_cell("# 1. 집행률"), params, code]
        path = tmp_path / "01-x.ipynb"
        nbformat.write(nb, path)
        html = briefing.write_briefing([path], tmp_path / "b.html").read_text(encoding="utf-8")
        assert "집행률 58.3%" in html and "1. 집행률" in html
        assert "secret_code_text" not in html and "REPORT_ID" not in html
        fonts = re.findall(r"data:font/woff;base64,([A-Za-z0-9+/=]+)", html)
        assert len(fonts) == 2 and all(base64.b64decode(f)[:4] == b"wOFF" for f in fonts)
        assert len(html) < 600_000  # subset, not the 4.7 MB font


@pytest.fixture(scope="module")
def notebooks():
    paths = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
    return {p.name: nbformat.read(p, as_version=4) for p in paths}


class TestCommittedNotebooks:
    def test_five_numbered_notebooks(self, notebooks):
        assert list(notebooks) == ["00-trends.ipynb", "01-execution-rates.ipynb", "02-budget-shifts.ipynb", "03-participation.ipynb", "04-staffing.ipynb", "05-data-quality.ipynb"]

    def test_each_has_a_parameters_cell_and_checked_figures(self, notebooks):
        for name, nb in notebooks.items():
            params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
            assert len(params) == 1 and "REPORT_ID = None" in params[0].source, name
            checked = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("# NBVAL_CHECK_OUTPUT")]
            assert checked and all(c.outputs and c.metadata.get("keep_output") for c in checked), name

    def test_stripped_but_for_checked_cells(self, notebooks):
        for name, nb in notebooks.items():
            for c in nb.cells:
                if c.cell_type == "code" and not c.source.startswith("# NBVAL_CHECK_OUTPUT"):
                    assert not c.outputs and c.execution_count is None, f"{name}: outputs committed"

    def test_notebooks_are_short_and_call_the_library(self, notebooks):
        for name, nb in notebooks.items():
            code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
            assert "def " not in code and "import matplotlib" not in code, name
            assert len(code.splitlines()) < 60, name

    def test_checked_figures_of_the_bundled_report(self, notebooks):
        out = {n: "".join(o.get("text", "") for c in nb.cells if c.get("outputs") for o in c.outputs) for n, nb in notebooks.items()}
        assert "집행률 58.3%, 경과율 83.3% (2022-10-31 기준)" in out["01-execution-rates.ipynb"]
        assert "이어지는 사업 787,480천원 → 내년 계획 279,365천원, 계획 미수록 92,500천원, 신규 50,000천원" in out["02-budget-shifts.ipynb"]
        assert "참여 인원 3,463명 (사업 4개; 제외 1,307명 소속 직원, 14명 위원회 위원, 146,867명 SNS 팔로워, 23명 SNS 서포터즈)" in out["03-participation.ipynb"]
        assert "영등포구 비전협력과 2022: 집행률 58.3% (2022-10-31 기준, 경과율 83.3%)" in out["00-trends.ipynb"]
        assert "정원 15명, 현원 15명" in out["04-staffing.ipynb"]
        assert "오류 0건, 경고 1건, 참고 32건" in out["05-data-quality.ipynb"]


def test_staffing_sheet_claims_no_as_of_date(tmp_path):
    """10. 31. 기준 belongs to the budget table: the staffing sheet prints the source alone."""
    briefing.save_table(pd.DataFrame({"a": [1]}), "영등포구_비전협력과_2022_04_staffing", tmp_path)
    briefing.save_table(pd.DataFrame({"a": [1]}), "영등포구_비전협력과_2022_01_unit_execution", tmp_path)
    reports = pd.DataFrame({
        "report_id": ["영등포구_비전협력과_2022"], "district": ["영등포구"], "department": ["비전협력과"], "year": [2022],
        "session": [None], "as_of": ["2022-10-31"], "source_file": ["a.txt"], "source_sha256": ["1"],
    })
    wb = openpyxl.load_workbook(briefing.write_tables_workbook(tmp_path, tmp_path / "b.xlsx", reports=reports))
    assert wb["비전협력과 2022 정원과 현원"].oddHeader.left.text == "자료: 영등포구 비전협력과 「2022년 주요업무 보고」"
    assert wb["비전협력과 2022 단위사업 집행률"].oddHeader.left.text.startswith("기준일: 2022-10-31 · ")
    assert [r[2] for r in wb["출처"].iter_rows(min_row=2, values_only=True)] == ["2022-10-31", None]


def test_report_says_when_the_notebooks_wrote_nothing_here(tmp_path, monkeypatch, capsys):
    """Kernels that import another install of the package write their figures and tables into
    that install's reports/: the command said 'None, 0 figures' and succeeded; now an error."""
    from analysis import cli, config
    from conftest import REPORT_PATH

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / REPORT_PATH.name).write_bytes(REPORT_PATH.read_bytes())
    here = {name: tmp_path / "reports" / getattr(config, name).relative_to(config.REPORTS_DIR)
            for name in ("FIGURES_DIR", "TABLES_DIR", "EXECUTED_NOTEBOOKS_DIR", "BRIEFING_XLSX", "BRIEFING_HTML") if hasattr(config, name)}
    for name, path in {**here, "REPORTS_DIR": tmp_path / "reports"}.items():
        monkeypatch.setattr(config, name, path)
    monkeypatch.setattr(briefing, "run_notebooks", lambda report_id, tables=None: [])
    status = cli.main(["report", "--raw", str(raw), "--out", str(tmp_path / "out")])
    assert status == 1
    assert f"error: the notebooks wrote no tables into {tmp_path / 'reports'}" in capsys.readouterr().err


def test_a_table_of_ten_columns_prints_smaller():
    """The trends table across years (12 columns) did not fit A4 once its names and dates stopped
    breaking: from ten columns a table is class 'wide', printed at 7 pt."""
    narrow = pd.DataFrame({f"c{i}": [i] for i in range(9)})
    wide = pd.DataFrame({f"c{i}": [i] for i in range(10)})
    assert 'class="wide"' not in briefing.show_table(narrow, list(narrow.columns)).to_html()
    assert 'class="wide"' in briefing.show_table(wide, list(wide.columns)).to_html()
    template = (Path(briefing.__file__).parent / "templates" / "briefing.html.j2").read_text(encoding="utf-8")
    assert "table.wide { font-size: 7pt; }" in template


def test_the_briefing_names_the_files_it_lacks(tmp_path):
    """A file the build could not read is named under the title (the briefing did not say a
    report was missing from it)."""
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell("## 본문"))
    path = tmp_path / "01-x.ipynb"
    nbformat.write(nb, path)
    message = "damaged_report.hwpx:1: expected an HWPX file (a zip of OWPML XML), found a damaged zip (File is not a zip file); save it again"
    html = briefing.write_briefing([path], tmp_path / "b.html", unread=[message]).read_text(encoding="utf-8")
    assert "읽지 못해 이 브리핑에 없는 파일 1개" in html and "damaged_report.hwpx:1: expected an HWPX file" in html
    assert "읽지 못해" not in briefing.write_briefing([path], tmp_path / "c.html").read_text(encoding="utf-8")


def test_an_empty_table_says_so():
    """A table of no rows (참여 인원 제외 where nobody is left out) showed its header alone."""
    empty = pd.DataFrame({"label": pd.Series([], dtype="string"), "value": pd.Series([], dtype="Int64")})
    assert "<caption>해당 없음</caption>" in briefing.show_table(empty, ["label", "value"]).to_html()
    assert "해당 없음" not in briefing.show_table(pd.DataFrame({"label": ["a"], "value": [1]}), ["label", "value"]).to_html()


def test_section_lines_say_the_year_of_a_february_report_and_a_missing_date(tmp_path, report_text):
    """「2024년 주요업무 보고」 on 2023's results says so under its heading; a report without an
    as-of date says it has none."""
    import analysis
    from analysis.config import LINEAGE_FILE
    from analysis.store import contract
    from analysis.store.build import with_lineage
    from conftest import TESTS_DIR, variant

    (tmp_path / "undated.txt").write_text(variant(report_text, ("비전 협력과", "일자리 정책과"), ("집행률(%) (10. 31.기준)", "집행률(%)")), encoding="utf-8")
    loaded = [analysis.load_report(p).tables for p in (TESTS_DIR / "data" / "yeongdeungpo_vision-cooperation_2024_february.txt", tmp_path / "undated.txt")]
    tables = with_lineage(contract.concat(loaded), LINEAGE_FILE)
    _, sections, _ = briefing.plan_sections(tables, None, out_dir=tmp_path)
    lines = {s.heading: s.subtitle for s in sections}
    assert lines["영등포구 비전협력과 2024 계획"] == "제252회 구의회 임시회 · 기준일 2023-12-31 · 2023년 예산·실적"
    assert lines["영등포구 일자리정책과 2022"] == "제241회 구의회 제2차 정례회 · 기준일 없음"


def test_sheets_of_one_department_and_year_in_several_districts_name_the_district(tmp_path):
    """관광과 2022 of 가평군, 양평군 and 이천시 (the reviewer's raw3): the sheets read
    '관광과 2022 재원 구성', '… (2)', '… (3)', telling no one which district is which."""
    ids = ["가평군_관광과_2022", "양평군_관광과_2022", "이천시_관광과_2022", "영등포구_일자리정책과_2022"]
    for n, rid in enumerate(ids):
        briefing.save_table(pd.DataFrame({"금액(천원)": [n]}), f"{rid}_01_funding", tmp_path)
    reports = pd.DataFrame({
        "report_id": ids, "district": ["가평군", "양평군", "이천시", "영등포구"], "department": ["관광과"] * 3 + ["일자리정책과"],
        "year": [2022] * 4, "session": [None] * 4, "as_of": ["2022-10-31"] * 4,
        "source_file": [f"{i}.txt" for i in range(4)], "source_sha256": ["a", "b", "c", "d"],
    })
    wb = openpyxl.load_workbook(briefing.write_tables_workbook(tmp_path, tmp_path / "b.xlsx", reports=reports))
    assert wb.sheetnames == ["출처", "가평군 관광과 2022 재원 구성", "양평군 관광과 2022 재원 구성", "일자리정책과 2022 재원 구성", "이천시 관광과 2022 재원 구성"]
    assert [ws["A2"].value for ws in wb.worksheets[1:]] == [0, 1, 3, 2]  # each sheet its own report's table (files in name order)
    rows = [r[:3] for r in wb["출처"].iter_rows(min_row=2, values_only=True)]
    assert rows == [
        ("가평군 관광과 2022 재원 구성", "가평군_관광과_2022", "2022-10-31"), ("양평군 관광과 2022 재원 구성", "양평군_관광과_2022", "2022-10-31"),
        ("일자리정책과 2022 재원 구성", "영등포구_일자리정책과_2022", "2022-10-31"), ("이천시 관광과 2022 재원 구성", "이천시_관광과_2022", "2022-10-31"),
    ]
    assert [ws.oddHeader.left.text for ws in wb.worksheets[1:3]] == ["기준일: 2022-10-31 · 자료: 가평군 관광과 「2022년 주요업무 보고」",
                                                                   "기준일: 2022-10-31 · 자료: 양평군 관광과 「2022년 주요업무 보고」"]


def test_sheet_titles_with_districts_keep_to_excels_31_characters():
    from analysis.store.xlsx import sheet_names

    stems = ["가평군_스마트관광도시정책기획추진과_2022_02_program_shift", "양평군_스마트관광도시정책기획추진과_2022_02_program_shift"]
    titles = briefing.sheet_titles(stems)
    assert titles == ["가평군 스마트관광도시정책기획추진과 2022 사업별 내년 계획", "양평군 스마트관광도시정책기획추진과 2022 사업별 내년 계획"]
    names = sheet_names(titles)  # 33 characters: cut at 31, each still its district's
    assert names == ["가평군 스마트관광도시정책기획추진과 2022 사업별 내년", "양평군 스마트관광도시정책기획추진과 2022 사업별 내년"]
    assert all(len(n) <= 31 for n in names)


def test_a_notebook_that_fails_for_one_report_leaves_the_others(tmp_path, monkeypatch):
    """A report with no staffing table or no results of its own (a plan-only report) made a
    notebook raise ('no rows to plot'), and the whole job stopped: no briefing for any report.
    Now the failing notebook is left out of that report's section and named there."""
    import analysis
    from conftest import REPORT_PATH

    tables = analysis.load_report(REPORT_PATH).tables
    good, bad = tmp_path / "01-good.ipynb", tmp_path / "04-bad.ipynb"
    for path, text in ((good, "## 잘 됨"), (bad, "## 안 됨")):
        nb = nbformat.v4.new_notebook()
        nb.cells.append(nbformat.v4.new_markdown_cell(text))
        nbformat.write(nb, path)

    def run_one(path, target, report_id):
        if path.name == bad.name:
            raise RuntimeError("cell 3 raised\nValueError: no rows to plot")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
        return target, 0.0

    monkeypatch.setattr(briefing, "_run_one", run_one)
    lines: list[str] = []
    (section,) = briefing.run_notebooks(None, notebooks=[good, bad], out_dir=tmp_path / "out", log=lines.append, workers=1, tables=tables)
    assert [p.name for p in section.notebooks] == ["01-good.ipynb"] and section.failed == ["04-bad.ipynb: ValueError: no rows to plot"]
    assert lines[-1] == "  FAILED 04-bad.ipynb (영등포구_비전협력과_2022): ValueError: no rows to plot"
    html = briefing.write_briefing([section], tmp_path / "b.html").read_text(encoding="utf-8")
    assert "노트북 1개를 실행하지 못해" in html and "04-bad.ipynb: ValueError: no rows to plot" in html and "잘 됨" in html and "안 됨" not in html


def test_the_kernels_import_the_package_the_command_runs(tmp_path, monkeypatch):
    """With a relative PYTHONPATH (`PYTHONPATH=src python -m analysis report`), the kernels,
    started in notebooks/, did not find src/ there and imported another install of the package
    (the venv's): the briefing's charts and sentences came from other code than the tables.
    The command now puts its own package's folder first on the kernels' PYTHONPATH."""
    import analysis
    from analysis import cli, config
    from conftest import REPORT_PATH

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / REPORT_PATH.name).write_bytes(REPORT_PATH.read_bytes())
    for name in ("ANALYSIS_PROCESSED_DIR", "ANALYSIS_REPORTS_DIR"):
        monkeypatch.delenv(name, raising=False)  # (restored after the test: the command sets them)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(["src", "/elsewhere"]))
    monkeypatch.setattr(config, "REPORTS_DIR", tmp_path / "reports")
    seen = []
    monkeypatch.setattr(briefing, "run_notebooks", lambda report_id, tables=None: seen.append(os.environ["PYTHONPATH"]) or [])
    cli.main(["report", "--raw", str(raw), "--out", str(tmp_path / "out")])
    here = str(Path(analysis.__file__).resolve().parents[1])
    assert seen == [os.pathsep.join([here, "src", "/elsewhere"])]


def _report_html(tmp_path, monkeypatch, raw, out, run=None) -> str:
    """``python -m analysis report`` without running the notebooks (each report's section
    planned, with no notebook in it): the briefing's HTML."""
    from analysis import cli, config

    for name in ("ANALYSIS_PROCESSED_DIR", "ANALYSIS_REPORTS_DIR", "PYTHONPATH"):
        monkeypatch.delenv(name, raising=False)
    reports = tmp_path / "reports"
    here = {name: reports / getattr(config, name).relative_to(config.REPORTS_DIR)
            for name in ("REPORTS_DIR", "FIGURES_DIR", "TABLES_DIR", "EXECUTED_NOTEBOOKS_DIR", "BRIEFING_HTML", "BRIEFING_XLSX")}
    for name, path in here.items():
        monkeypatch.setattr(config, name, path)
    monkeypatch.setattr(briefing, "run_notebooks", run or _planned_with_outputs)
    cli.main(["report", "--raw", str(raw), "--out", str(out)])
    return (reports / "briefing.html").read_text(encoding="utf-8")


def _planned_with_outputs(report_id, tables=None, figure=b"png"):
    """The notebooks' run, planned with no notebook in any section, and a figure and a table
    written as the notebooks write theirs (a run without them is not published)."""
    from analysis import config

    config.FIGURES_DIR.mkdir(parents=True, exist_ok=True)
    (config.FIGURES_DIR / "01_x.png").write_bytes(figure)
    briefing.save_table(pd.DataFrame({"a": [1]}), "01_x")
    return briefing.plan_sections(tables, report_id, notebooks=[])[1]


def test_a_report_kept_from_the_last_good_build_is_said_to_be_shown_as_last_read(tmp_path, monkeypatch, report_text):
    """A file that could not be read this time keeps its report's rows from the last good
    build, and the briefing shows them; it had said the file was 'not in this briefing'
    (읽지 못해 이 브리핑에 없는 파일) above that very report's section, with nothing in the section
    saying its figures were those of an earlier version of the file."""
    from analysis import cli
    from conftest import MINI_PATH, REPORT_PATH, variant

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / REPORT_PATH.name).write_text(report_text, encoding="utf-8")
    (raw / MINI_PATH.name).write_bytes(MINI_PATH.read_bytes())
    assert cli.main(["build", "--raw", str(raw), "--out", str(out)]) == 0
    (raw / REPORT_PATH.name).write_text(variant(report_text, ("1,070,404", "1,07O,404")), encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    html = _report_html(tmp_path, monkeypatch, raw, out)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert ("⚠ 읽지 못해 이 브리핑에 없는 파일 1개: empty.txt:1: expected a 주요업무 보고 as text, found an empty file "
            "⚠ 읽지 못한 파일 1개: 그 보고서는 마지막으로 읽은 판의 표로 보여 줍니다 (지금 파일의 내용이 아닙니다): "
            "yeongdeungpo_vision-cooperation_2022.txt:47: expected a number in column 예산액, found '1,07O,404'") in text
    subtitles = re.findall(r'<p class="section-subtitle">(.*?)</p>', html)
    assert subtitles == ["제241회 구의회 제2차 정례회 · 기준일 2022-10-31 · ⚠ 원문 파일을 읽지 못해 마지막으로 읽은 판의 표입니다",
                         "제260회 마포구의회 제2차 정례회 · 기준일 2023-09-30"]


def test_a_build_that_failed_as_a_whole_is_said_in_the_briefing(tmp_path, monkeypatch, report_text):
    """A build that cannot publish (a full disk, a read-only folder) left the last good tables,
    and report went on to write the briefing from them without a word in it: a report added to
    data/raw/ was simply not there."""
    from analysis import cli
    from analysis.store.publish import StoreError
    from conftest import REPORT_PATH

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / REPORT_PATH.name).write_text(report_text, encoding="utf-8")
    assert cli.main(["build", "--raw", str(raw), "--out", str(out)]) == 0
    version = (out / "current").resolve().name

    def full(*a, **k):
        raise StoreError(f"{out}: cannot write the tables: No space left on device; the last good tables are unchanged")

    monkeypatch.setattr(cli, "build", full)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", _report_html(tmp_path, monkeypatch, raw, out)))
    assert (f"⚠ 이번 빌드가 실패해 이 브리핑은 마지막으로 발행된 표로 만들었습니다. data/raw/ 의 지금 파일과 다를 수 있습니다: "
            f"{out}: cannot write the tables: No space left on device; the last good tables are unchanged (표: {version})") in text


def test_a_department_named_with_a_slash_gets_its_figures_tables_and_sheets(tmp_path, report_text):
    """A department the report names 기획/예산과 (report text) makes the report id
    영등포구_기획/예산과_2022: every notebook failed for it ('name must be a plain file name
    without folders', 'Cannot save file into a non-existent directory') and its executed
    notebooks went a folder deeper. The files are named 기획／예산과 (full-width), and the
    workbook still knows the report each sheet comes from."""
    import analysis
    from analysis.config import LINEAGE_FILE
    from analysis.store.build import with_lineage
    from conftest import variant

    (tmp_path / "slash.txt").write_text(variant(report_text, ("비전 협력과", "기획/예산과"), ("비전협력과 - (4)개팀", "기획/예산과 - (4)개팀")), encoding="utf-8")
    tables = with_lineage(analysis.load_report(tmp_path / "slash.txt").tables, LINEAGE_FILE)
    assert tables["reports"]["report_id"].tolist() == ["영등포구_기획/예산과_2022"]
    nb = tmp_path / "04-x.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), nb)
    _, (section,), runs = briefing.plan_sections(tables, None, notebooks=[nb], out_dir=tmp_path / "out")
    assert runs == [(nb, tmp_path / "out" / "영등포구_기획／예산과_2022" / "04-x.ipynb", "영등포구_기획/예산과_2022")]
    saved = briefing.save_table(pd.DataFrame({"a": [1]}), "영등포구_기획/예산과_2022_04_staffing", tmp_path / "tables")
    assert saved == tmp_path / "tables" / "영등포구_기획／예산과_2022_04_staffing.csv"
    wb = openpyxl.load_workbook(briefing.write_tables_workbook(tmp_path / "tables", tmp_path / "b.xlsx", reports=tables["reports"]))
    assert wb.sheetnames == ["출처", "기획／예산과 2022 정원과 현원"]
    assert [r[:2] for r in wb["출처"].iter_rows(min_row=2, values_only=True)] == [("기획／예산과 2022 정원과 현원", "영등포구_기획/예산과_2022")]
    assert wb["기획／예산과 2022 정원과 현원"].oddHeader.left.text == "자료: 영등포구 기획/예산과 「2022년 주요업무 보고」 (제241회 구의회 제2차 정례회)"


def _notebook(path, *cells, tag=False):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    if tag:
        nb.cells[0].metadata["tags"] = ["parameters"]
    nbformat.write(nb, path)
    return path


def test_a_notebook_whose_parameters_cell_lost_its_tag_still_shows_one_report(tmp_path):
    """A notebook edited so that the cell setting REPORT_ID lost its 'parameters' tag had
    papermill put the report's id first, and the notebook's own `REPORT_ID = None` then chose
    every report: each report's section of the briefing showed all of them (papermill only
    logged a warning). The cell that sets REPORT_ID is taken as the parameters cell; a notebook
    with none fails for its report with a message saying what to add."""
    untagged = _notebook(tmp_path / "04-untagged.ipynb", "# 어느 보고서\nREPORT_ID = None", "print(REPORT_ID)")
    target, _, error = briefing._run_one_kept(untagged, tmp_path / "out" / "04-untagged.ipynb", "영등포구_비전협력과_2022")
    assert error is None
    outputs = [o["text"] for c in nbformat.read(target, as_version=4).cells for o in c.get("outputs", []) if o.get("name") == "stdout"]
    assert outputs == ["영등포구_비전협력과_2022\n"]
    none = _notebook(tmp_path / "05-none.ipynb", "print('모든 보고서')")
    assert briefing._run_one_kept(none, tmp_path / "out" / "05-none.ipynb", "영등포구_비전협력과_2022")[2] == (
        "05-none.ipynb: no cell sets REPORT_ID (the cell tagged 'parameters', REPORT_ID = None): add it at the top, so that the notebook shows one report at a time")


def test_when_every_notebook_fails_the_last_good_outputs_stay_whole(tmp_path, monkeypatch, report_text, capsys):
    """Every notebook failing wrote no table, so briefing_tables.xlsx was not written, and the
    last run's (of other tables) stayed beside the new briefing; the command blamed the
    install ('check that their Python imports this project's package'). A run whose notebooks
    all fail is not published now: reports/ keeps the last good run whole, and the failed
    run's briefing, which says why, is kept aside and named."""
    from analysis import config
    from conftest import REPORT_PATH

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / REPORT_PATH.name).write_text(report_text, encoding="utf-8")
    good = _report_html(tmp_path, monkeypatch, raw, out)
    before = _reports_files(tmp_path / "reports")

    def failing(report_id, tables=None):
        (section,) = briefing.plan_sections(tables, report_id, notebooks=[])[1]
        section.failed.append("01-execution-rates.ipynb: ValueError: no rows to plot")
        return [section]

    assert _report_html(tmp_path, monkeypatch, raw, out, failing) == good
    assert _reports_files(tmp_path / "reports") == before
    (aside,) = (tmp_path / "reports" / ".versions").glob(".failed-*")
    assert "01-execution-rates.ipynb: ValueError: no rows to plot" in (aside / "briefing.html").read_text(encoding="utf-8")
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"error: no notebook ran to the end: {aside / 'briefing.html'} says which failed and why; no figures or tables were written; "
        f"{config.REPORTS_DIR} keeps the outputs of the last report that finished, whole")


def _reports_files(reports: Path) -> dict[str, bytes]:
    """What a user sees in reports/: every file by its path there (through the links), its bytes."""
    files = {}
    for folder, dirs, names in os.walk(reports, followlinks=True):
        dirs[:] = [d for d in dirs if d not in (".versions", "current")]
        for name in names:
            path = Path(folder) / name
            if name != ".lock":
                files[path.relative_to(reports).as_posix()] = path.read_bytes()
    return dict(sorted(files.items()))


def test_build_messages_in_the_briefing_are_text_not_markdown(tmp_path):
    """The build's messages quote report text and name files; put into the briefing's Markdown
    only HTML-escaped, a number cell '[보기](javascript:alert(1))' quoted by its error became a
    live javascript: link, '![i](http://…)' an image fetched from the network (the briefing
    promises none), and 초안_v2_*최종*.txt lost its marks to emphasis."""
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell("## 본문"))
    path = tmp_path / "01-x.ipynb"
    nbformat.write(nb, path)
    messages = ["a.txt:47: expected a number in column 예산액, found '[보기](javascript:alert(1))'",
                "초안_v2_*최종*.txt:1: expected x, found `y` ![i](http://evil.example/p.png) www.evil.example {{ 7*7 }} $x^2$ <b>"]
    section = briefing.Section("영등포구 [비전](javascript:x)과 2022", notebooks=[path], failed=["01-x.ipynb: ValueError: *no* rows"])
    html = briefing.write_briefing([section, briefing.Section("b", notebooks=[path])], tmp_path / "b.html", unread=messages, kept=["k_1_.txt:1: x"],
                                   stale="out: [x](http://evil.example)").read_text(encoding="utf-8")
    body = html[html.index("<main"):]
    assert re.findall(r'href="([^"#][^"]*)"', body) == [] and "<img" not in body and "<em>" not in body
    assert re.findall(r"<code>(.*?)</code>", body) == ["data/processed/", "data/raw/", "data/processed/"]  # (the briefing's own)
    text = _html.unescape(re.sub(r"<[^>]+>", "", body))
    for said in [*messages, "k_1_.txt:1: x", "out: [x](http://evil.example)", "01-x.ipynb: ValueError: *no* rows", "차례: 영등포구 [비전](javascript:x)과 2022 · b"]:
        assert said in text, said


def test_one_report_job_at_a_time_writes_reports(tmp_path, monkeypatch, report_text, capsys):
    """Two report jobs at once (make run twice) each removed the other's figures and tables while
    their notebooks ran, and gathered the workbook from both; the second now stops at once."""
    from analysis import cli, config
    from analysis.store.publish import BuildLock
    from conftest import REPORT_PATH

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / REPORT_PATH.name).write_text(report_text, encoding="utf-8")
    monkeypatch.setattr(config, "REPORTS_DIR", tmp_path / "reports")
    ran = []
    monkeypatch.setattr(briefing, "run_notebooks", lambda report_id, tables=None: ran.append(report_id) or [])
    for name in ("ANALYSIS_PROCESSED_DIR", "ANALYSIS_REPORTS_DIR", "PYTHONPATH"):
        monkeypatch.delenv(name, raising=False)
    with BuildLock(tmp_path / "reports"):
        assert cli.main(["report", "--raw", str(raw), "--out", str(tmp_path / "out")]) == 1
    assert ran == [] and not (tmp_path / "out").exists()
    assert capsys.readouterr().err == (f"error: {tmp_path / 'reports'}: another report job is writing this folder; "
                                       "wait for it to finish and run the report again\n")


class _Killed(BaseException):
    """A run stopped where it stands (as SIGKILL or a power cut would): no handler sees it."""


@pytest.mark.parametrize("where, left", [
    ("notebooks", "last"), ("workbook", "last"), ("briefing", "last"), ("full disk", "last"),
    ("manifest", "last"), ("renamed", "last"), ("switched", "new"), ("linked", "new")])
def test_a_report_run_failing_half_way_leaves_the_last_good_outputs_whole(where, left, tmp_path, monkeypatch, report_text, capsys):
    """reports/ was written in place: the figures and tables folders were emptied first and the
    briefing written last, so a run killed half-way (SIGKILL, a full disk) left the last
    briefing beside some of the new figures. A run now writes into reports/.versions/ and is
    made current in one step, as the build publishes data/processed/: stopped at any point, what
    a user sees in reports/ is the last good run or the new one, whole."""
    from analysis.store import publish
    from conftest import REPORT_PATH

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / REPORT_PATH.name).write_text(report_text, encoding="utf-8")
    (tmp_path / "reports" / "look").mkdir(parents=True)
    (tmp_path / "reports" / "look" / "page-1.png").write_bytes(b"make look")  # (not the report job's: left alone)
    _report_html(tmp_path, monkeypatch, raw, out, lambda rid, tables=None: _planned_with_outputs(rid, tables, b"last"))
    last = _reports_files(tmp_path / "reports")
    assert sorted(last) == ["briefing.html", "briefing_tables.xlsx", "figures/01_x.png", "look/page-1.png", "manifest.json", "tables/01_x.csv"]
    assert last["figures/01_x.png"] == b"last"

    def stop(stage=None):
        raise _Killed(where)

    def run(report_id, tables=None):
        sections = _planned_with_outputs(report_id, tables, b"new")
        if where == "notebooks":  # a figure written, then the run stops
            stop()
        if where in ("manifest", "renamed", "switched", "linked"):  # (publishing the reports, not the build's tables)
            monkeypatch.setattr(publish, "_checkpoint", lambda stage: stage == where and stop())
        return sections

    if where == "workbook":
        monkeypatch.setattr(briefing, "write_tables_workbook", lambda **k: stop())
    elif where == "briefing":
        monkeypatch.setattr(briefing, "write_briefing", lambda *a, **k: stop())
    elif where == "full disk":
        def full(*a, **k):
            raise OSError(28, "No space left on device")
        monkeypatch.setattr(publish, "_staged_files", full)
    if where == "full disk":
        _report_html(tmp_path, monkeypatch, raw, out, run)
        assert capsys.readouterr().err.splitlines()[-1] == (
            f"error: {tmp_path / 'reports'}: cannot publish the briefing (No space left on device); "
            "it keeps the outputs of the last report that finished, whole")
    else:
        with pytest.raises(_Killed):
            _report_html(tmp_path, monkeypatch, raw, out, run)
    now = _reports_files(tmp_path / "reports")
    if left == "last":
        assert now == last
    else:
        assert sorted(now) == sorted(last) and now["figures/01_x.png"] == b"new" and now["manifest.json"] != last["manifest.json"]
    monkeypatch.undo()  # the next run cleans up what the stopped one left in .versions/
    _report_html(tmp_path, monkeypatch, raw, out, lambda rid, tables=None: _planned_with_outputs(rid, tables, b"next"))
    assert _reports_files(tmp_path / "reports")["figures/01_x.png"] == b"next"
    kept = {p.name for p in (tmp_path / "reports" / ".versions").iterdir()}
    assert not any(name.startswith(".") for name in kept)  # (no .tmp-* of the stopped run; runs before are kept as the build keeps them)


def test_a_report_folder_of_the_flat_layout_becomes_versions(tmp_path, monkeypatch, report_text):
    """reports/ written by the code before versions (real folders figures/, tables/ and files)
    is replaced whole by the first run: no figure of the old run is left beside the new briefing."""
    from conftest import REPORT_PATH

    raw, out, reports = tmp_path / "raw", tmp_path / "out", tmp_path / "reports"
    raw.mkdir()
    (raw / REPORT_PATH.name).write_text(report_text, encoding="utf-8")
    for name in ("figures/old.png", "tables/old.csv", "notebooks/kernels.log", "briefing.html", "briefing_tables.xlsx", ".gitkeep"):
        (reports / name).parent.mkdir(parents=True, exist_ok=True)
        (reports / name).write_bytes(b"old")
    _report_html(tmp_path, monkeypatch, raw, out)
    assert sorted(_reports_files(reports)) == [".gitkeep", "briefing.html", "briefing_tables.xlsx", "figures/01_x.png", "manifest.json", "tables/01_x.csv"]
    assert all((reports / name).is_symlink() for name in ("figures", "tables", "briefing.html", "briefing_tables.xlsx"))
    assert not (reports / "notebooks").exists()
