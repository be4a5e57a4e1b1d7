"""What users receive is safe and ready: report text escaped in the briefing, no formula in any
CSV or workbook cell, a briefing that opens without a network and prints on A4, workbooks
formatted for Excel users, and Korean wherever a councillor reads."""

from __future__ import annotations

import csv
import re

import nbformat
import openpyxl
import pandas as pd
import pytest

import analysis
from analysis.analyse import measures as A
from analysis.analyse import narrative as N
from analysis.brief import briefing
from analysis.store import safe
from analysis.store.build import build
from conftest import REPORT_ID, variant

SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil.example/x","보기")'
HOSTILE = [
    ("①\t국내·외 도시교류 네트워크 확대", f"①\t{SCRIPT}"),  # ① in the table of contents
    ("1 국내·외 도시교류 네트워크 확대", f"1 {SCRIPT}"),      # ① heading in part II
    ("②\t평화통일·남북교류협력 기반조성", f"②\t{FORMULA}"),  # ② (named by the contents only): 계획 미수록
]


def _formula(cell: str) -> bool:
    """A CSV cell a spreadsheet would run: starts with = + - @ (or tab/CR), and is not a number."""
    return bool(cell) and cell[0] in safe.FORMULA_START and not re.fullmatch(r"-?\d+(?:\.\d+)?", cell)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, report_text):
    """The bundled report with ① named <script>… and ② named =HYPERLINK(…), built."""
    root = tmp_path_factory.mktemp("hostile")
    (root / "raw").mkdir()
    text = report_text
    for old, new in HOSTILE:
        text = variant(text, (old, new))
    (root / "raw" / "hostile.txt").write_text(text, encoding="utf-8")
    build(root / "raw", root / "processed")
    return root


class TestHostileNames:
    def test_parsed_as_written(self, hostile):
        p = analysis.load_tables(hostile / "processed")["programs"]
        names = p[p["stage"] == "actual"].set_index("program_no")["program"]
        assert names[1] == SCRIPT and names[2] == FORMULA  # load_tables undoes the CSV quoting

    def test_csv_cells_are_never_formulas(self, hostile):
        for path in (hostile / "processed").glob("*.csv"):
            with path.open(encoding="utf-8-sig", newline="") as f:
                for row in csv.reader(f):
                    assert not any(_formula(cell) for cell in row), (path.name, row)
        text = (hostile / "processed" / "programs.csv").read_text(encoding="utf-8-sig")
        assert "'" + FORMULA.replace('"', '""') in text

    def test_report_tables_workbook_has_text_not_formulas(self, hostile):
        wb = openpyxl.load_workbook(hostile / "processed" / "report_tables.xlsx")
        cells = [c for ws in wb for row in ws.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"]
        assert any(c.value == FORMULA and c.data_type == "s" for c in cells)
        assert not any(ws._hyperlinks for ws in wb)

    def test_briefing_escapes_and_quotes(self, hostile, tmp_path, monkeypatch):
        tables = analysis.load_tables(hostile / "processed")
        rid = A.report_ids(tables)[0]
        monkeypatch.setattr(briefing.config, "TABLES_DIR", tmp_path / "tables")
        shift = A.budget_shift(tables, rid)
        html = briefing.text_html(N.shift(tables, rid)) + briefing.show_table(shift, ["status", "actual", "plan", "before"], "x_02_program_shift").to_html()
        assert SCRIPT not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert FORMULA.replace('"', "&quot;") in html or FORMULA in html  # as text
        saved = (tmp_path / "tables" / "x_02_program_shift.csv").read_text(encoding="utf-8-sig")
        assert not any(_formula(cell) for row in csv.reader(saved.splitlines()) for cell in row)
        assert f'"② {FORMULA.replace(chr(34), chr(34) * 2)}"' in saved  # "② =…" starts with ②: no formula, no quote
        out = briefing.write_tables_workbook(tmp_path / "tables", tmp_path / "b.xlsx", reports=tables["reports"])
        cells = [c for ws in openpyxl.load_workbook(out) for row in ws.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"]
        assert any(c.value == f"② {FORMULA}" and c.data_type == "s" for c in cells)

    def test_notebook_output_to_briefing(self, hostile, tmp_path):
        """A real notebook run on the hostile build: its briefing runs no script."""
        import os

        env = {"ANALYSIS_PROCESSED_DIR": str(hostile / "processed"), "ANALYSIS_REPORTS_DIR": str(tmp_path)}
        old = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        try:
            nb = briefing.notebook_paths()[2]  # 02-budget-shifts: names every program, 계획 미수록 too
            tables = analysis.load_tables(hostile / "processed")
            sections = briefing.run_notebooks(None, [nb], tmp_path / "notebooks", log=lambda _: None, tables=tables)
        finally:
            for k, v in old.items():
                os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)
        html = briefing.write_briefing(sections, tmp_path / "b.html").read_text(encoding="utf-8")
        assert SCRIPT not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<h1 class=\"report-section opening\">영등포구 비전협력과 2022</h1>" in html


@pytest.fixture(scope="module")
def html(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("html")
    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("")
    code.outputs = [
        nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "차트"}, metadata={"image/png": {"alt": "집행률 차트: 대외교류 활성화 45.5%"}}),
        nbformat.v4.new_output("display_data", data={"text/html": briefing.text_html("**58.3%** 집행")}),
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# 1. 집행률\n\n## 단위사업별"), code]
    path = tmp / "01-x.ipynb"
    nbformat.write(nb, path)
    sections = [briefing.Section("영등포구 비전협력과 2022", "제241회 · 기준일 2022-10-31", [path])]
    return briefing.write_briefing(sections, tmp / "b.html").read_text(encoding="utf-8")


class TestSelfContainedBriefing:
    def test_no_external_url(self, html):
        assert not re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
        assert not re.findall(r"@import|url\(\s*['\"]?https?:", html)
        assert "require.js" not in html and "MathJax" not in html.replace("mathjax", "") and "mermaid.min.js" not in html

    def test_korean_page_with_alt_text(self, html):
        assert '<html lang="ko">' in html
        imgs = re.findall(r"<img [^>]*>", html)
        assert imgs and all('alt="집행률 차트: 대외교류 활성화 45.5%"' in i for i in imgs)

    def test_a4_print(self, html):
        assert "@page { size: A4;" in html
        assert re.search(r"h1\.report-section \{ break-before: page;", html)
        # the first section shares the title's page; Korean wraps between words
        assert re.search(r"h1\.report-section\.opening \{ break-before: auto;", html)
        assert "word-break: keep-all" in html
        assert re.search(r"h1, h2, h3, h4, \.section-subtitle \{ break-after: avoid;", html)

    def test_section_heading_and_demoted_notebook_headings(self, html):
        assert '<h1 class="report-section opening">영등포구 비전협력과 2022</h1>' in html
        assert re.search(r"<h2[^>]*>1\. 집행률", html) and re.search(r"<h3[^>]*>단위사업별", html)

    def test_only_the_first_section_shares_the_title_page(self, tmp_path):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell("# 1. 집행률")]
        path = tmp_path / "01-x.ipynb"
        nbformat.write(nb, path)
        sections = [briefing.Section("연도별 추이", "", [path]), briefing.Section("영등포구 비전협력과 2022", "", [path]), briefing.Section("영등포구 비전협력과 2023", "", [path])]
        html = briefing.write_briefing(sections, tmp_path / "b.html").read_text(encoding="utf-8")
        assert re.findall(r'<h1 class="([^"]*)">', html) == ["report-section opening", "report-section", "report-section"]


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    out = tmp_path_factory.mktemp("wb")
    (out / "raw").mkdir()
    from analysis.config import RAW_DATA_DIR

    (out / "raw" / "r.txt").write_bytes((RAW_DATA_DIR / "yeongdeungpo_vision-cooperation_2022.txt").read_bytes())
    build(out / "raw", out / "processed")
    return openpyxl.load_workbook(out / "processed" / "report_tables.xlsx")


class TestWorkbookFormats:
    def test_numbers_are_numbers_with_formats(self, book):
        ws = book["programs"]
        header = [c.value for c in ws[1]]
        row = {h: c for h, c in zip(header, ws[2])}
        assert row["budget"].value == 109_588 and row["budget"].number_format == "#,##0;△#,##0"
        assert row["rate"].value == 30.3 and row["rate"].number_format == "0.0;△0.0"
        assert row["year"].value == 2022 and row["year"].number_format == "0"
        assert row["program"].data_type == "s"

    def test_header_frozen_bold_filtered_widths(self, book):
        for ws in book:
            assert ws.freeze_panes == "A2" and ws["A1"].font.b, ws.title
            assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title
        assert book["programs"].column_dimensions["E"].width > 25  # program names

    def test_metrics_value_numeric(self, book):
        ws = book["metrics"]
        header = [c.value for c in ws[1]]
        values = [r[header.index("value")] for r in ws.iter_rows(min_row=2)]
        assert all(c.data_type == "n" and c.number_format == "#,##0;△#,##0" for c in values)
        assert 3224 in [c.value for c in values]

    def test_sheet_names(self):
        from analysis.store.xlsx import sheet_names

        names = sheet_names(["영등포구 비전협력과 2022 사업별 내년 계획과 사업 연결 결과", "영등포구 비전협력과 2022 사업별 내년 계획과 사업 연결 결과", "a[1]:b"])
        assert all(len(n) <= 31 for n in names) and len(set(names)) == 3 and names[2] == "a_1__b"

    def test_sheet_names_are_stable(self):
        """A cut that ends on a space or a quote is trimmed, so naming the names again changes nothing."""
        from analysis.store.xlsx import sheet_names

        raw = ["가" * 30 + " 나", "가" * 30 + "'나", "가" * 30 + " 나", "a" * 26 + " " * 10]
        names = sheet_names(raw)
        assert names == ["가" * 30, "가" * 27 + " (2)", "가" * 27 + " (3)", "a" * 26]
        assert sheet_names(names) == names
        assert all(n == n.strip() and not n.endswith("'") and len(n) <= 31 for n in names)


class TestKorean:
    def test_finding_messages_of_the_checks(self, report):
        f = report.findings
        ours = f[f["check"].isin(["unit_link", "unit_link_executed", "budget_total", "rate", "funding_sum", "staffing_total", "staffing_gap"])]
        assert len(ours) == 10 and ours["message"].str.contains("[가-힣]").all()
        assert not ours["message"].str.contains(r"\b(?:linked|rate|budget|sum of|not linked)\b").any()
        warning = f[f["severity"] == "warning"]["message"].iloc[0]
        assert warning == "의료관광 활성화: 연결된 사업의 예산 합계는 같지만 집행액 합계 258,665가 단위사업 집행액 258,672와 7 다릅니다"

    def test_every_check_written_has_a_korean_label(self):
        """A check the interpreter or the arithmetic writes, shown in the briefing under its
        English key, is a label missing from CHECK_LABELS (five were)."""
        import re
        from pathlib import Path

        import analysis
        from analysis.analyse.measures import CHECK_LABELS

        src = Path(analysis.__file__).parent
        written = set()
        for path in [*src.glob("interpret/*.py"), *src.glob("check/*.py"), *src.glob("store/*.py")]:
            written |= set(re.findall(r'Finding\(\s*"([a-z_]+)"', path.read_text(encoding="utf-8")))
        assert len(written) >= 37 and sorted(written - set(CHECK_LABELS)) == []
        assert all(re.search("[가-힣]", CHECK_LABELS[c]) for c in written)

    def test_check_labels_and_report_name(self, tables):
        assert A.findings_summary(tables, REPORT_ID)["check_label"].tolist() == ["단위사업 연결(집행액)", "읽은 숫자", "실적 밖의 수치", "사업명(목차에서)", "담당 팀(추정)", "단위사업 연결"]
        assert A.report_name(A.meta(tables, REPORT_ID)) == "영등포구 비전협력과 2022"


class TestTemplateRefusal:
    def test_refuses_existing_file_and_wrong_suffix(self, tmp_path):
        from analysis.cli import main

        path = tmp_path / "filled.xlsx"
        path.write_bytes(b"my typed report")
        assert main(["template", str(path)]) == 1 and path.read_bytes() == b"my typed report"
        assert main(["template", str(tmp_path / "t.csv")]) == 1 and not (tmp_path / "t.csv").exists()
        assert main(["template", "--force", str(path)]) == 0 and path.read_bytes()[:2] == b"PK"

    def test_never_writes_through_a_link(self, tmp_path, capsys):
        """'template link.xlsx --force', the link pointing at a report: the report was overwritten by a zip."""
        from analysis.cli import main

        report = tmp_path / "report.txt"
        report.write_text("제241회 구의회", encoding="utf-8")
        (tmp_path / "link.xlsx").symlink_to(report)
        assert main(["template", "--force", str(tmp_path / "link.xlsx")]) == 1
        assert report.read_text(encoding="utf-8") == "제241회 구의회" and "never written through a link" in capsys.readouterr().err

    def test_help_has_description_and_example(self, capsys):
        from analysis.cli import make_parser

        for name in ("build", "report", "template", "check"):
            with pytest.raises(SystemExit):
                make_parser().parse_args([name, "--help"])
            out = capsys.readouterr().out
            assert "example:\n  python -m analysis " + name in out, name
            assert len(out.split("\n\n")[1]) > 40, name  # a description paragraph

    def test_check_on_a_workbook_names_sheet_and_row(self, tmp_path, capsys):
        from analysis.cli import main
        from workbooks import JOBS, fill

        path = fill(tmp_path / "rate.xlsx", JOBS, [("programs", 0, "rate", 72.3)])
        assert main(["check", str(path)]) == 1
        out = capsys.readouterr().out
        assert "오류 rate.xlsx programs 시트 3행 [집행률 검산] 실적 1 청년 일자리 지원: 인쇄된 집행률 72.3%" in out


@pytest.fixture(scope="module")
def two_years(tmp_path_factory):
    """The bundled 2022 report beside tests/data's 2023 one, built."""
    from analysis.config import RAW_DATA_DIR
    from conftest import TESTS_DIR

    root = tmp_path_factory.mktemp("two")
    (root / "raw").mkdir()
    for path in (RAW_DATA_DIR / "yeongdeungpo_vision-cooperation_2022.txt", TESTS_DIR / "data" / "yeongdeungpo_vision-cooperation_2023.txt"):
        (root / "raw" / path.name).write_bytes(path.read_bytes())
    build(root / "raw", root / "processed")
    return analysis.load_tables(root / "processed")


class TestTwoYears:
    """The bundled 2022 report beside tests/data's 2023 one: trends first, a section per report."""

    def test_sections(self, two_years, tmp_path):
        trends, sections, runs = briefing.plan_sections(two_years, None, out_dir=tmp_path)
        assert trends.heading == "연도별 추이" and trends.notebooks == [tmp_path / "00-trends.ipynb"]
        assert [s.heading for s in sections] == ["영등포구 비전협력과 2022", "영등포구 비전협력과 2023"]
        assert sections[1].subtitle.endswith("기준일 2023-09-30")
        assert [(nb.name, rid) for nb, _, rid in runs][:2] == [("00-trends.ipynb", None), ("01-execution-rates.ipynb", "영등포구_비전협력과_2022")]
        assert len(runs) == 1 + 2 * 5
        assert briefing.plan_sections(two_years, "영등포구_비전협력과_2023", out_dir=tmp_path)[0] is None  # one report: no trends

    def test_rate_by_year_labels_and_narrative(self, two_years):
        years = A.yearly_totals(two_years)
        assert A.year_labels(years) == {2022: "2022년\n10-31 기준 · 경과율 83.3%", 2023: "2023년\n09-30 기준 · 경과율 74.8%"}
        assert "2022년 58.3% (2022-10-31 기준, 경과율 83.3%, 경과율 대비 △25.0%p) → 2023년 66.6% (2023-09-30 기준, 경과율 74.8%, 경과율 대비 △8.2%p)" in N.trends(two_years)

    def test_2023_team_totals_absent_from_the_2024_plan(self, two_years):
        t = A.shift_by_team(A.budget_shift(two_years, "영등포구_비전협력과_2023")).set_index("team")
        assert t.loc["의료특구팀", "status"] == "계획 미수록" and t.loc["의료특구팀", "not_in_plan"] == 190_000
        assert pd.isna(t.loc["의료특구팀", "change_pct"])
