"""Tests for analysis.charts: Hangul renders, money reads in 억원/백만원, every chart is labelled.

One class per public function. The data are rows of the bundled report (영등포구 비전협력과,
2022), typed as the tables are (nullable Int64 money, string labels).
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from PIL import Image  # noqa: E402

from analysis import config
from analysis.chart import charts  # noqa: E402
from analysis.analyse.measures import fiscal_pace  # noqa: E402

AS_OF = "2022-10-31"
REPORT = {"district": "영등포구", "department": "비전협력과", "year": 2022, "session": "제241회 구의회 제2차 정례회"}
SOURCE = "영등포구 비전협력과 「2022년 주요업무 보고」 (제241회 구의회 제2차 정례회)"
LABELS = {"as_of": AS_OF, "source": SOURCE}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def budget_units() -> pd.DataFrame:
    return pd.DataFrame({
        "unit": pd.array(["대외교류 활성화", "건강특구 활성화", "국제금융특구 활성화", "의료관광 활성화", "기본경비",
                          "내부거래지출 (기금전출금)"], dtype="str"),
        "budget": pd.array([198888, 10000, 190400, 487492, 83624, 100000], dtype="Int64"),
        "executed": pd.array([90527, 10000, 102920, 258672, 61665, 100000], dtype="Int64"),
        "rate": pd.array([45.5, 100.0, 54.1, 53.1, 73.7, 100.0], dtype="Float64"),
    })


@pytest.fixture
def staffing() -> pd.DataFrame:
    return pd.DataFrame({
        "category": pd.array(["일반직", "일반직", "일반직", "관리운영직"], dtype="str"),
        "grade": pd.array(["5급", "6급", "7급", "6급"], dtype="str"),
        "authorized": pd.array([1, 5, 5, 0], dtype="Int64"),
        "current": pd.array([1, 7, 3, 0], dtype="Int64"),
        "gap": pd.array([0, 2, -2, 0], dtype="Int64"),
    })


@pytest.fixture
def changes() -> pd.DataFrame:
    # 2022 budget vs 2023 plan; NA before = new program, NA after = program ends.
    return pd.DataFrame({
        "program": pd.array(["국내·외 친선도시 상호교류 내실화", "사회적책임경영(CSR) 생태계 육성", "의료관광 활성화",
                             "평화통일·남북교류협력 기반조성"], dtype="str"),
        "budget_2022": pd.array([109588, None, 150000, 38500], dtype="Int64"),
        "budget_2023": pd.array([63553, 50000, 186812, None], dtype="Int64"),
    })


@pytest.fixture
def metrics() -> pd.DataFrame:
    return pd.DataFrame({
        "label": pd.array(["금융역량 강화를 위한 맞춤형 구민 금융교육 실시", "2022년도 공공부문 통일교육 — 영등포구 소속 직원 수료",
                           "YDP 평화통일 탐험대 — 관내 중학생"], dtype="str"),
        "value": pd.array([3224, 1307, 49], dtype="Int64"),
        "unit": pd.array(["명", "명", "명"], dtype="str"),
    })


@pytest.fixture
def funding() -> pd.DataFrame:
    return pd.DataFrame({
        "program": pd.array(["국내·외 도시교류 네트워크 확대", "평화통일·남북교류협력 기반조성", "평화통일·남북교류협력 기반조성",
                             "건강도시 활성화 기반구축 및 사업추진", "건강도시 활성화 기반구축 및 사업추진"], dtype="str"),
        "source": pd.array(["구비", "시비", "구비", "시비", "구비"], dtype="str"),
        "budget": pd.array([109588, 20000, 18500, 10000, 44000], dtype="Int64"),
    })


def render(fig, tmp_path: Path, caplog=None) -> list[str]:
    """Save as PNG and SVG; return the messages of warnings that a glyph is missing."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(tmp_path / "check.png")
        fig.savefig(tmp_path / "check.svg")
    messages = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    if caplog is not None:  # findfont logs (not warns) when a family is not found
        messages += [r.getMessage() for r in caplog.records if "findfont" in r.getMessage()]
    return messages


def all_texts(fig) -> list[str]:
    fig.canvas.draw()
    texts = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        texts += [t.get_text() for t in ax.texts]
        texts += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
        texts += [ax.get_xlabel(), ax.get_ylabel()]
        if ax.get_legend() is not None:
            texts += [t.get_text() for t in ax.get_legend().get_texts()]
    return texts


def bar_widths(ax, i: int) -> list[float]:
    return [round(p.get_width(), 6) for p in ax.containers[i]]


class TestUseStyle:
    def test_sets_nanumgothic_and_the_style(self):
        charts.use_style()
        rc = matplotlib.rcParams
        assert rc["font.family"] == ["NanumGothic"]
        assert rc["axes.unicode_minus"] is False
        assert list(rc["figure.figsize"]) == [10.0, 5.625]
        assert rc["savefig.dpi"] == 200
        assert rc["axes.spines.top"] is False and rc["axes.spines.right"] is False
        assert rc["axes.grid"] is True and rc["axes.grid.axis"] == "y"
        colors = [matplotlib.colors.to_hex(c).upper() for c in rc["axes.prop_cycle"].by_key()["color"]]
        assert colors == charts.PALETTE

    def test_is_idempotent(self):
        bundled = charts.font_dir()
        charts.use_style()
        before = [f.fname for f in font_manager.fontManager.ttflist if Path(f.fname).parent == bundled]
        charts.use_style()
        after = [f.fname for f in font_manager.fontManager.ttflist if Path(f.fname).parent == bundled]
        assert before == after
        assert {Path(f).name for f in after} == {p.name for p in bundled.glob("*.ttf")}
        assert {"NanumGothic.ttf", "NanumGothicBold.ttf"} <= {Path(f).name for f in after}

    def test_resolves_nanumgothic_to_the_bundled_file(self):
        charts.use_style()
        path = Path(font_manager.findfont(font_manager.FontProperties(family="NanumGothic"), fallback_to_default=False))
        # The bundled file, unless the machine also has NanumGothic installed.
        assert path.name == "NanumGothic.ttf"
        assert font_manager.get_font(path).family_name == "NanumGothic"

    def test_does_not_import_koreanize_matplotlib(self):
        charts.use_style()
        assert "koreanize_matplotlib" not in sys.modules

    def test_hangul_title_labels_and_ticks_have_glyphs(self, tmp_path, caplog):
        charts.use_style()
        caplog.set_level(logging.WARNING, logger="matplotlib.font_manager")
        fig, ax = plt.subplots()
        ax.bar(["구비", "시비", "국비"], [3, -1, 2])
        ax.set_title("재원별 예산 「2022년」 △ · 증감")
        ax.set_xlabel("재원")
        ax.set_ylabel("금액 (백만원)")
        fig.suptitle("한글 제목")
        assert render(fig, tmp_path, caplog) == []

    def test_the_glyph_check_catches_a_font_without_hangul(self, tmp_path):
        # Guard for the test above: without NanumGothic, Hangul does warn.
        with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
            fig, ax = plt.subplots()
            ax.set_title("한글")
            assert any("missing from font" in m for m in render(fig, tmp_path))

    def test_missing_font_package_is_a_clear_error(self, monkeypatch):
        monkeypatch.setattr(charts, "FONT_PACKAGE", "analysis_no_such_font_package")
        with pytest.raises(RuntimeError, match="koreanize-matplotlib"):
            charts.use_style()

    def test_package_without_fonts_folder_is_a_clear_error(self):
        with pytest.raises(RuntimeError, match="no \\*.ttf files"):
            charts.font_dir("analysis")


class TestChooseMoneyUnit:
    @pytest.mark.parametrize(
        ("values", "unit"),
        [
            ([1_070_404], "억원"),  # the report's total: 10.7억원
            ([1_000_000], "억원"),  # exactly 10억원
            ([999_999], "백만원"),
            ([487_492, 10_000], "백만원"),  # largest unit project
            ([1_000], "백만원"),
            ([999], "천원"),
            ([-2_000_000, 5], "억원"),  # by absolute size
            ([], "천원"),
        ],
    )
    def test_rule(self, values, unit):
        assert charts.choose_money_unit(values) == unit

    def test_ignores_missing_values_in_nullable_column(self):
        assert charts.choose_money_unit(pd.array([None, 487_492, None], dtype="Int64")) == "백만원"
        assert charts.choose_money_unit(pd.Series([None, None], dtype="Int64")) == "천원"

    def test_scalar(self):
        assert charts.choose_money_unit(1_070_404) == "억원"


class TestToUnit:
    def test_series_keeps_index_and_turns_na_into_nan(self):
        s = pd.Series(pd.array([1_070_404, None, 623_784], dtype="Int64"), index=[3, 4, 5], name="budget")
        out = charts.to_unit(s, "백만원")
        assert out.dtype == "float64" and list(out.index) == [3, 4, 5] and out.name == "budget"
        assert out[3] == pytest.approx(1070.404) and np.isnan(out[4]) and out[5] == pytest.approx(623.784)

    def test_scalar_and_list(self):
        assert charts.to_unit(1_070_404, "억원") == pytest.approx(10.70404)
        np.testing.assert_allclose(charts.to_unit([1000, 2500], "천원"), [1000.0, 2500.0])

    def test_unknown_unit(self):
        with pytest.raises(ValueError, match="unknown money unit"):
            charts.to_unit(1, "만원")


class TestFormatMoney:
    @pytest.mark.parametrize(
        ("value", "unit", "text"),
        [
            (1_070_404, "억원", "10.7억원"),
            (1_070_404, "백만원", "1,070.4백만원"),
            (623_784, "백만원", "623.8백만원"),
            (623_784, "천원", "623,784천원"),
            (1_250, "백만원", "1.3백만원"),  # half up, as the reports round (1.25 -> 1.3)
            (-46_035, "백만원", "△46.0백만원"),  # minus written as the reports write it
            (0, "억원", "0.0억원"),
        ],
    )
    def test_default_decimals(self, value, unit, text):
        assert charts.format_money(value, unit) == text

    def test_decimals_and_sign(self):
        assert charts.format_money(1_070_404, "억원", decimals=2) == "10.70억원"
        assert charts.format_money(126_300, "백만원", signed=True) == "+126.3백만원"
        assert charts.format_money(np.int64(90_527), "천원") == "90,527천원"

    def test_missing_is_empty(self):
        assert charts.format_money(pd.NA, "억원") == ""

    def test_bad_arguments(self):
        with pytest.raises(ValueError):
            charts.format_money(1, "원")
        with pytest.raises(ValueError):
            charts.format_money(1, "억원", decimals=-1)


class TestMoneyAxis:
    def test_label_carries_unit_and_ticks_have_separators(self):
        charts.use_style()
        fig, ax = plt.subplots()
        ax.barh([0, 1], [1070.4, 623.8])
        charts.money_axis(ax, "백만원")
        assert ax.get_xlabel() == "금액 (백만원)"
        formatter = ax.xaxis.get_major_formatter()
        assert formatter(1234.0, 0) == "1,234"
        assert formatter(2.5, 0) == "2.5"

    def test_y_axis(self):
        fig, ax = plt.subplots()
        charts.money_axis(ax, "억원", axis="y", label="예산")
        assert ax.get_ylabel() == "예산 (억원)"

    def test_bad_axis(self):
        fig, ax = plt.subplots()
        with pytest.raises(ValueError, match="axis"):
            charts.money_axis(ax, "억원", axis="z")


class TestFiscalPace:
    def test_october_end(self):
        assert fiscal_pace("2022-10-31") == pytest.approx(304 / 365)
        assert f"{fiscal_pace(dt.date(2022, 10, 31)) * 100:.1f}" == "83.3"

    def test_year_end(self):
        assert fiscal_pace("2024-12-31") == 1.0


class TestSourceLabel:
    def test_from_dict(self):
        assert charts.source_label(REPORT) == SOURCE

    def test_from_typed_series_and_one_row_frame(self):
        reports = pd.DataFrame([REPORT]).astype({"district": "str", "department": "str", "session": "str"})
        reports["year"] = reports["year"].astype("Int64")
        assert charts.source_label(reports.iloc[0]) == SOURCE
        assert charts.source_label(reports) == SOURCE

    def test_without_session(self):
        row = {**REPORT, "session": None}
        assert charts.source_label(row) == "영등포구 비전협력과 「2022년 주요업무 보고」"

    def test_missing_key(self):
        with pytest.raises(KeyError, match="department"):
            charts.source_label({"district": "영등포구", "year": 2022, "session": "x"})


class TestAnnotate:
    def _figure(self):
        charts.use_style()
        fig, ax = plt.subplots()
        ax.barh(["대외교류 활성화", "기본경비"], [198.9, 83.6])
        return fig, ax

    def test_title_date_and_source_are_in_the_figure(self):
        fig, _ = self._figure()
        charts.annotate(fig, "단위사업별 예산", AS_OF, SOURCE)
        texts = [t.get_text() for t in fig.texts]
        assert "단위사업별 예산" in texts
        assert f"기준일: 2022-10-31 · 자료: {SOURCE}" in texts
        assert fig.get_suptitle() == "단위사업별 예산"

    def test_without_as_of_and_with_a_date(self):
        fig, _ = self._figure()
        charts.annotate(fig, "제목", None, SOURCE)
        assert f"자료: {SOURCE}" in [t.get_text() for t in fig.texts]
        assert not any("기준일" in t.get_text() for t in fig.texts)
        charts.annotate(fig, "제목", dt.date(2022, 10, 31), SOURCE)  # again: replaces the footer
        footers = [t.get_text() for t in fig.texts if "자료:" in t.get_text()]
        assert footers == [f"기준일: 2022-10-31 · 자료: {SOURCE}"]

    def test_title_top_left_footer_bottom_left_and_no_overlap(self):
        fig, ax = self._figure()
        charts.annotate(fig, "제목", AS_OF, SOURCE)
        fig.canvas.draw()
        title = fig._suptitle.get_window_extent()
        footer = next(t for t in fig.texts if "자료:" in t.get_text()).get_window_extent()
        axes = ax.get_tightbbox()
        assert title.x0 < 0.05 * fig.bbox.width and title.y1 <= fig.bbox.height
        assert footer.x0 < 0.05 * fig.bbox.width and footer.y0 >= 0
        assert footer.y1 <= axes.y0 and axes.y1 <= title.y0

    def test_title_and_source_are_required(self):
        fig, _ = self._figure()
        with pytest.raises(ValueError, match="source"):
            charts.annotate(fig, "제목", AS_OF, "")
        with pytest.raises(ValueError, match="title"):
            charts.annotate(fig, " ", AS_OF, SOURCE)


class TestSaveFigure:
    def test_writes_png_and_svg_for_a_16_9_slide(self, tmp_path, budget_units):
        fig = charts.budget_execution_chart(budget_units, "unit", title="예산 집행", **LABELS)
        paths = charts.save_figure(fig, "budget_execution", tmp_path / "figures")
        assert paths == {"png": tmp_path / "figures" / "budget_execution.png",
                         "svg": tmp_path / "figures" / "budget_execution.svg"}
        assert all(p.stat().st_size > 0 for p in paths.values())
        with Image.open(paths["png"]) as image:
            assert round(image.info["dpi"][0]) >= 200
            assert image.size == (2000, 1125)
            assert image.size[0] * 9 == image.size[1] * 16
        assert paths["svg"].read_text(encoding="utf-8").lstrip().startswith("<?xml")

    def test_default_directory_is_config_figures_dir(self, tmp_path, monkeypatch):
        monkeypatch.setattr(config, "FIGURES_DIR", tmp_path / "reports" / "figures")
        fig, ax = plt.subplots()
        paths = charts.save_figure(fig, "empty")
        assert paths["png"].parent == tmp_path / "reports" / "figures" and paths["png"].exists()

    def test_svg_is_reproducible(self, tmp_path, staffing):
        # The same chart built twice gives the same bytes: no date, fixed ids (svg.hashsalt).
        saved = [
            charts.save_figure(charts.staffing_chart(staffing, ["category", "grade"], title="정원", **LABELS), name, tmp_path)
            for name in ("a", "b")
        ]
        first, second = (paths["svg"].read_bytes() for paths in saved)
        assert first == second
        assert b"<dc:date>" not in first

    def test_bad_name(self, tmp_path):
        fig, _ = plt.subplots()
        for name in ("sub/chart", "chart.png", ""):
            with pytest.raises(ValueError):
                charts.save_figure(fig, name, tmp_path)


class TestBudgetExecutionChart:
    def test_bars_in_the_chosen_unit_with_printed_rates(self, budget_units):
        fig = charts.budget_execution_chart(budget_units, "unit", title="단위사업별 예산 집행", **LABELS)
        ax = fig.axes[0]
        assert bar_widths(ax, 0) == [198.888, 10.0, 190.4, 487.492, 83.624, 100.0]  # budget, 백만원
        assert bar_widths(ax, 1) == [90.527, 10.0, 102.92, 258.672, 61.665, 100.0]  # executed
        assert [t.get_text() for t in ax.texts] == ["45.5%", "100.0%", "54.1%", "53.1%", "73.7%", "100.0%"]
        assert ax.get_xlabel() == "금액 (백만원)"
        assert [t.get_text() for t in ax.get_yticklabels()][0] == "대외교류 활성화"
        assert "단위사업별 예산 집행" in all_texts(fig)

    def test_pace_markers_at_pace_times_budget(self, budget_units):
        fig = charts.budget_execution_chart(budget_units, "unit", pace=0.833, title="집행", **LABELS)
        ax = fig.axes[0]
        xs = [line.get_xdata()[0] for line in ax.lines]
        assert xs == pytest.approx([b * 0.833 / 1000 for b in [198888, 10000, 190400, 487492, 83624, 100000]])
        assert any(t.startswith("경과율 83.3%") for t in all_texts(fig))

    def test_rate_computed_when_not_printed_and_unit_forced(self, budget_units):
        df = budget_units.drop(columns="rate")
        fig = charts.budget_execution_chart(df, "unit", rate=None, unit="천원", title="집행", **LABELS)
        ax = fig.axes[0]
        assert ax.texts[0].get_text() == "45.5%"  # 90,527 / 198,888
        assert ax.get_xlabel() == "금액 (천원)"
        assert bar_widths(ax, 0)[0] == 198888.0

    def test_bad_pace(self, budget_units):
        with pytest.raises(ValueError, match="pace"):
            charts.budget_execution_chart(budget_units, "unit", pace=83.3, title="집행", **LABELS)

    def test_hangul_renders(self, budget_units, tmp_path, caplog):
        caplog.set_level(logging.WARNING, logger="matplotlib.font_manager")
        fig = charts.budget_execution_chart(budget_units, "unit", pace=fiscal_pace(AS_OF), title="단위사업별 예산 집행", **LABELS)
        assert render(fig, tmp_path, caplog) == []


class TestChangeChart:
    def test_pairs_and_change_labels(self, changes):
        fig = charts.change_chart(changes, "program", "budget_2022", "budget_2023", title="예산 변화", **LABELS)
        ax = fig.axes[0]
        assert [t.get_text() for t in ax.texts] == [
            "△46.0백만원 (△42.0%)",  # 109,588 -> 63,553
            "신규",
            "+36.8백만원 (+24.5%)",  # 150,000 -> 186,812
            "종료",
        ]
        assert bar_widths(ax, 0) == [109.588, 0.0, 150.0, 38.5]
        assert bar_widths(ax, 1) == [63.553, 50.0, 186.812, 0.0]
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["2022 예산", "2023 계획"]
        assert ax.get_xlabel() == "금액 (백만원)"

    def test_a_long_program_name_keeps_its_number_and_start(self):
        """A name too long for three lines is cut at its end: it had lost its start and number
        ('…증진을 위한 온라인·오프라인…' without its ④)."""
        name = "④ 시민 건강 증진을 위한 온라인·오프라인 맞춤형 건강관리 프로그램 및 건강생활 실천 확산 사업 운영"
        df = pd.DataFrame({"program": [name], "a": pd.array([100_000], dtype="Int64"), "b": pd.array([90_000], dtype="Int64")})
        tick = charts.change_chart(df, "program", "a", "b", title="예산 변화", **LABELS).axes[0].get_yticklabels()[0].get_text()
        assert tick == "④ 시민 건강 증진을 위한\n온라인·오프라인 맞춤형\n건강관리 프로그램 및…"

    def test_hangul_renders(self, changes, tmp_path, caplog):
        caplog.set_level(logging.WARNING, logger="matplotlib.font_manager")
        fig = charts.change_chart(changes, "program", "budget_2022", "budget_2023", title="2023년 계획", **LABELS)
        assert render(fig, tmp_path, caplog) == []


class TestCountChart:
    def test_values_labelled_with_their_unit(self, metrics):
        fig = charts.count_chart(metrics, "label", "value", title="주요 추진실적", **LABELS)
        ax = fig.axes[0]
        assert [t.get_text() for t in ax.texts] == ["3,224명", "1,307명", "49명"]
        assert bar_widths(ax, 0) == [3224.0, 1307.0, 49.0]
        assert ax.get_xlabel() == "실적 (명)"

    def test_long_labels_are_wrapped(self, metrics):
        fig = charts.count_chart(metrics, "label", "value", title="실적", **LABELS)
        ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert "\n" in ticks[1]
        assert ticks[1].replace("\n", " ") == "2022년도 공공부문 통일교육 — 영등포구 소속 직원 수료"
        assert not any(line.startswith("—") for t in ticks for line in t.split("\n"))

    def test_one_unit_per_chart(self, metrics):
        df = metrics.assign(unit=pd.array(["명", "회", "명"], dtype="str"))
        with pytest.raises(ValueError, match="one unit per chart: got 명, 회"):
            charts.count_chart(df, "label", "value", title="실적", **LABELS)

    def test_long_label_keeps_its_end(self):
        df = pd.DataFrame({"label": ["여의도 국제금융중심지 디지털 홍보 — 여의도 국제금융중심지 홍보영상·이미지 송출 1일 100회 그리고 더 긴 설명이 이어지는 경우"],
                           "value": [100], "unit": ["회"]})
        tick = charts.count_chart(df, "label", "value", title="실적", **LABELS).axes[0].get_yticklabels()[0].get_text()
        assert tick.startswith("…") and tick.endswith("경우") and tick.count("\n") == 2

    def test_a_long_figure_label_keeps_its_program_number(self):
        """A figure's label cut at its start keeps its program's number before the '…'."""
        df = pd.DataFrame({"label": ["② 여의도 국제금융중심지 디지털 홍보 — 여의도 국제금융중심지 홍보영상·이미지 송출 1일 100회 그리고 더 긴 설명이 이어지는 경우"],
                           "value": [100], "unit": ["회"]})
        tick = charts.count_chart(df, "label", "value", title="실적", **LABELS).axes[0].get_yticklabels()[0].get_text()
        assert tick.startswith("② …") and tick.endswith("경우") and tick.count("\n") == 2

    def test_describe_for_alt_text(self, metrics):
        fig = charts.count_chart(metrics, "label", "value", title="주요 추진실적", **LABELS)
        text = charts.describe(fig)
        assert text.startswith("주요 추진실적. ") and "3,224명" in text and "축: 실적 (명)" in text and "자료:" in text

    def test_hangul_renders(self, metrics, tmp_path, caplog):
        caplog.set_level(logging.WARNING, logger="matplotlib.font_manager")
        fig = charts.count_chart(metrics, "label", "value", title="주요 추진실적", **LABELS)
        assert render(fig, tmp_path, caplog) == []


class TestStaffingChart:
    def test_grouped_bars_and_highlighted_gaps(self, staffing):
        fig = charts.staffing_chart(staffing, ["category", "grade"], title="직급별 정원·현원", **LABELS)
        ax = fig.axes[0]
        assert [t.get_text() for t in ax.get_yticklabels()] == ["일반직 5급", "일반직 6급", "일반직 7급", "관리운영직 6급"]
        assert bar_widths(ax, 0) == [1.0, 5.0, 5.0, 0.0]  # 정원
        assert bar_widths(ax, 1) == [1.0, 7.0, 3.0, 0.0]  # 현원
        gaps = [t for t in ax.texts if t.get_text() in ("+2", "△2")]
        assert [t.get_text() for t in gaps] == ["+2", "△2"]
        assert all(matplotlib.colors.same_color(t.get_color(), charts.ACCENT) for t in gaps)
        assert not any(t.get_text() == "0" for t in ax.texts)
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["정원", "현원"]

    def test_gap_computed_and_zero_rows_dropped(self, staffing):
        df = staffing.drop(columns="gap")
        fig = charts.staffing_chart(df, ["category", "grade"], gap=None, drop_zero=True, title="정원", **LABELS)
        ax = fig.axes[0]
        assert len(ax.get_yticklabels()) == 3
        assert [t.get_text() for t in ax.texts if t.get_text() in ("+2", "△2")] == ["+2", "△2"]

    def test_hangul_renders(self, staffing, tmp_path, caplog):
        caplog.set_level(logging.WARNING, logger="matplotlib.font_manager")
        fig = charts.staffing_chart(staffing, ["category", "grade"], title="직급별 정원·현원", **LABELS)
        assert render(fig, tmp_path, caplog) == []


class TestFundingChart:
    def test_stacked_bars_and_totals(self, funding):
        fig = charts.funding_chart(funding, "program", title="재원 구성", **LABELS)
        ax = fig.axes[0]
        # Stack order follows FUNDING_COLORS: 구비 first, then 시비.
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["구비", "시비"]
        gu, si = ax.containers
        assert [round(p.get_width(), 3) for p in gu] == [109.588, 18.5, 44.0]
        assert [round(p.get_x(), 3) for p in si] == [109.588, 18.5, 44.0]  # 시비 starts where 구비 ends
        assert [round(p.get_width(), 3) for p in si] == [0.0, 20.0, 10.0]
        assert [t.get_text() for t in ax.texts if "백만원" in t.get_text()] == ["109.6백만원", "38.5백만원", "54.0백만원"]

    def test_colour_per_source_is_stable(self, funding):
        fig_a = charts.funding_chart(funding, "program", title="가", **LABELS)
        fig_b = charts.funding_chart(funding.iloc[::-1], "program", title="나", **LABELS)
        for fig in (fig_a, fig_b):
            colours = {c.get_label(): c.patches[0].get_facecolor() for c in fig.axes[0].containers}
            assert matplotlib.colors.same_color(colours["구비"], charts.FUNDING_COLORS["구비"])
            assert matplotlib.colors.same_color(colours["시비"], charts.FUNDING_COLORS["시비"])

    def test_source_must_be_the_footer_not_the_column(self, funding):
        with pytest.raises(ValueError, match="source_col"):
            charts.funding_chart(funding, "program", title="재원", as_of=AS_OF, source="source")

    def test_hangul_renders(self, funding, tmp_path, caplog):
        caplog.set_level(logging.WARNING, logger="matplotlib.font_manager")
        fig = charts.funding_chart(funding, "program", title="사업별 재원 구성", **LABELS)
        assert render(fig, tmp_path, caplog) == []


class TestTrendChart:
    def test_years_in_order_whatever_the_rows_order(self):
        """team_budget_by_year lists rows by team, then year: a team of 2022 alone came first and
        put 2022 before 2021 on the axis (raw6_feb: 건강특구팀 2022, then 국제금융특구팀 2021…)."""
        teams = pd.DataFrame({
            "team": ["건강특구팀", "국제금융특구팀", "국제금융특구팀", "국제금융특구팀", "대외협력팀", "대외협력팀"],
            "year": pd.array([2022, 2021, 2022, 2023, 2021, 2023], dtype="Int64"),
            "budget": pd.array([54_000, 170_000, 190_400, 40_000, 135_000, 120_000], dtype="Int64"),
        })
        fig = charts.trend_chart(teams, "year", "budget", "team", title="팀별 주요사업 예산", **LABELS)
        ax = fig.axes[0]
        assert [t.get_text() for t in ax.get_xticklabels()] == ["2021", "2022", "2023"]
        # each bar stands over its own year: 건강특구팀's one bar over 2022 (tick 1), 54.0백만원
        bars = [p for p in ax.patches if p.get_facecolor()[:3] == matplotlib.colors.to_rgb(charts.PALETTE[0])]
        assert len(bars) == 1 and round(bars[0].get_x() + bars[0].get_width() / 2) == 1 and bars[0].get_height() == pytest.approx(54.0)
        intl = [round(p.get_x() + p.get_width() / 2) for p in ax.patches if p.get_facecolor()[:3] == matplotlib.colors.to_rgb(charts.PALETTE[1])]
        assert intl == [0, 1, 2]

    def test_labels_follow_their_years(self):
        years = pd.DataFrame({"year": [2023, 2021], "rate": [78.3, 50.6], "pace": [100.0, 74.8]})
        fig = charts.trend_chart(years, "year", "rate", percent=True, marker="pace", x_labels={2021: "2021년\n09-30", 2023: "2023년\n12-31"},
                                 title="연도별 집행률", **LABELS)
        assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["2021년\n09-30", "2023년\n12-31"]
        assert sorted(t.get_text() for t in fig.axes[0].texts) == ["50.6%", "78.3%"]


def test_a_gun_s_own_money_looks_like_a_gu_s():
    """군비 (a 군's own money, stored as 구비) keeps 구비's colour on the funding chart."""
    df = pd.DataFrame({"program": ["① 양평 관광 홍보 마케팅"] * 2, "source": ["군비", "도비"], "amount": pd.array([240_000, 60_000], dtype="Int64")})
    fig = charts.funding_chart(df, "program", amount="amount", title="재원 구성", **LABELS)
    legend = {t.get_text(): h.get_facecolor()[:3] for t, h in zip(fig.axes[0].get_legend().get_texts(), fig.axes[0].get_legend().legend_handles)}
    assert list(legend) == ["군비", "도비"] and legend["군비"] == matplotlib.colors.to_rgb(charts.FUNDING_COLORS["구비"])


def test_report_text_with_dollar_signs_is_drawn_as_written(tmp_path):
    """Report text is data: matplotlib reads text between two '$' as mathtext, so a program
    named '$x^{2}$ 교류' was drawn 'x²  교류' and one with '$\\frac{a' stopped the chart (and its
    notebook) with a ParseSyntaxException."""
    charts.use_style()
    df = pd.DataFrame({"label": pd.array(["$x^{2}$ 교류", "$\\frac{a 교류 $"], dtype="str"), "value": [3, 5], "unit": ["회", "회"]})
    fig = charts.count_chart(df, "label", "value", title="사업 $5 $6", **LABELS)
    paths = charts.save_figure(fig, "dollars", tmp_path)  # draws every text: no parse error
    ticks = fig.axes[0].get_yticklabels()
    assert sorted(t.get_text() for t in ticks) == ["$\\frac{a 교류 $", "$x^{2}$ 교류"]
    assert [t._preprocess_math(t.get_text())[1] for t in ticks] == [False, False]  # not mathtext
    assert paths["png"].stat().st_size > 0
