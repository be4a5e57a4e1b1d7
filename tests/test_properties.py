"""Property tests (hypothesis): the number parsers round-trip, generated reports parse back to
exactly their tables, and mutated reports fail only with a ReportError, never silently.

Two hypothesis profiles: ``ci`` (the default, ~50 examples a test, a few seconds) and ``long``
(~2,000 examples a test, minutes). The longer run::

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_properties.py

Generated reports come from :mod:`analysis.synth` (seeded, so a failing example names a seed
that reproduces it: ``analysis.synth.generate_report(seed)``).
"""

from __future__ import annotations

import codecs
import os
from decimal import Decimal
from typing import ClassVar

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import analysis
from analysis import ReportError
from analysis.interpret.layout import load_layout, squash
from analysis.interpret.numbers import (
    NumberError,
    format_number,
    funding_source,
    parse_amount,
    parse_number,
    to_cheonwon,
)
from synth import generate_report
from conftest import REPORT_PATH

settings.register_profile("ci", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPORT_TEXT = REPORT_PATH.read_text(encoding="utf-8")
LINES = REPORT_TEXT.split("\n")

# --- numbers ----------------------------------------------------------------------------------

MAX = 10**15  # beyond any budget a district prints (10**15 원 is ten million 억원)


def decimals(places: int):
    return st.decimals(min_value=-MAX, max_value=MAX, places=places, allow_nan=False, allow_infinity=False)


any_decimal = st.integers(0, 3).flatmap(decimals)


class TestNumberRoundTrip:
    @given(any_decimal)
    @example(Decimal(0))
    @example(Decimal("-1234.5"))
    @example(Decimal(1070404))
    def test_format_then_parse(self, value):
        printed = format_number(value)
        assert parse_number(printed) == value
        if value != 0:  # the printed precision survives (12.50 stays 12.50); zero prints '-'
            assert parse_number(printed).as_tuple().exponent == value.as_tuple().exponent

    @given(
        st.integers(0, MAX), st.sampled_from(["", "△", "-"]), st.one_of(st.none(), st.text("0123456789", min_size=1, max_size=4)),
        st.booleans(), st.sampled_from(["", " ", "  "]),
    )
    def test_printed_text(self, magnitude, sign, fraction, commas, pad):
        digits = f"{magnitude:,}" if commas else str(magnitude)
        text = f"{pad}{sign}{digits}{'.' + fraction if fraction else ''}{pad}"
        expected = Decimal(f"{magnitude}{'.' + fraction if fraction else ''}")
        assert parse_number(text) == (-expected if sign else expected)

    @pytest.mark.parametrize("dash", ["-", "－", "−", "–", "—"])
    def test_dash_is_zero(self, dash):
        assert parse_number(dash) == 0

    @given(any_decimal.filter(lambda v: v != 0), st.data())
    def test_a_letter_anywhere_is_rejected(self, value, data):
        printed = format_number(value)
        k = data.draw(st.integers(0, len(printed) - 1))
        letter = data.draw(st.sampled_from("aOoIlxZ천원"))
        with pytest.raises(NumberError):
            parse_number(printed[:k] + letter + printed[k + 1 :])


ALIASES = sorted(load_layout().funding_aliases)
MONEY_WORDS = ["원", "천원", "만원", "백만원", "억원"]
positive = st.integers(0, 3).flatmap(lambda p: st.decimals(min_value=Decimal("0.001"), max_value=MAX, places=p))


class TestAmountRoundTrip:
    @given(
        st.lists(st.tuples(st.sampled_from(ALIASES), positive, st.sampled_from([None, *MONEY_WORDS])), min_size=1, max_size=5),
        st.sampled_from([None, *MONEY_WORDS]), st.sampled_from([", ", ",", "，", "; ", "/"]), st.booleans(), st.sampled_from([" ", ""]),
    )
    def test_split(self, parts, unit, sep, prefix, space):
        total = sum((v for _, v, _ in parts), Decimal(0))
        split = sep.join(f"{alias} {format_number(v)}{u or ''}" for alias, v, u in parts)
        text = f"{'총 ' if prefix else ''}{format_number(total)}{unit or ''}{space}({split})"
        amount = parse_amount(text)
        assert amount.total == total and amount.unit == unit
        assert [(name, value, u) for name, value, u in amount.parts] == [(squash(a), v, u) for a, v, u in parts]
        aliases = load_layout().funding_aliases
        assert [funding_source(name) for name, _, _ in amount.parts] == [aliases[a] for a, _, _ in parts]

    @given(positive, st.sampled_from([None, *MONEY_WORDS]))
    def test_no_split(self, total, unit):
        amount = parse_amount(f"총 {format_number(total)}{unit or ''}")
        assert (amount.total, amount.unit, amount.parts) == (total, unit, ())


class TestToCheonwon:
    # Powers of ten, written here rather than read from layout.toml: the test checks the table too.
    EXPONENT: ClassVar[dict[str, int]] = {"원": -3, "천원": 0, "만원": 1, "백만원": 3, "억원": 5}

    @given(any_decimal, st.sampled_from(sorted(EXPONENT)))
    def test_exact(self, value, unit):
        result = to_cheonwon(value, unit)
        assert isinstance(result, Decimal)
        assert result == value.scaleb(self.EXPONENT[unit])
        if result == result.to_integral_value():
            assert result.as_tuple().exponent == 0  # stored as an integer 천원

    @given(any_decimal)
    def test_units_agree(self, value):
        assert to_cheonwon(value, "백만원") == to_cheonwon(value.scaleb(3), "천원") == to_cheonwon(value.scaleb(6), "원")
        assert to_cheonwon(value, "억원") == to_cheonwon(value.scaleb(2), "백만원")


# --- generated reports ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("properties")


def _value(v):
    """A table cell as a comparable value: NA → None, numbers → Decimal (exact for 74.7)."""
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    return v if isinstance(v, str) else Decimal(str(v))


def table_rows(report, name: str, keep_id: bool = False) -> list[dict]:
    df = report.tables[name]
    drop = [c for c in ("source_line", "source_loc", "source_format", "account", *(() if keep_id else ("report_id",))) if c in df.columns]
    return [{k: _value(v) for k, v in row.items()} for row in df.drop(columns=drop).astype(object).to_dict("records")]


def expected_rows(rows: list[dict]) -> list[dict]:
    return [{k: _value(v) for k, v in row.items()} for row in rows]


def errors(report):
    f = report.findings
    return f[f["severity"] == "error"]


def load_text(workdir, text: str, name: str, encoding="utf-8", newline="\n"):
    path = workdir / name
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return analysis.load_report(path)


seeds = st.integers(0, 2**32 - 1)
money_units = st.sampled_from(["천원", "천원", "백만원", "원", "만원", "억원"])


class TestGeneratedReports:
    @given(seeds, money_units)
    @example(0, "천원")
    @example(1, "백만원")
    @example(1_636_123_088, "천원")  # two teams alike (3.5 against 3.4): the guess had been the wrong one
    def test_parses_back_to_its_tables(self, workdir, seed, unit):
        text, expected = generate_report(seed, money_unit=unit)
        report = load_text(workdir, text, "generated.txt")
        assert errors(report).empty, errors(report)[["check", "message"]].values.tolist()
        f = report.findings
        # a team inferred from duties is the right one, or none where two teams score alike (said in a warning)
        abstained = {tuple(s.split(" ", 2)[:2]) for s in f.loc[(f["check"] == "team_inferred") & (f["severity"] == "warning"), "subject"]}
        for name, want in expected.items():
            if name == "meta":
                continue
            got = table_rows(report, name, keep_id=name == "reports")
            if name == "reports":
                got = [{k: row[k] for k in want[0]} for row in got]
            want = expected_rows(want)
            if name == "programs":
                want = [{**w, "team": ""} if (w["stage"], str(w["program_no"])) in abstained else w for w in want]
            assert len(got) == len(want), (name, seed)
            for n, (g, w) in enumerate(zip(got, want)):
                assert g == w, f"seed {seed}, {name} row {n}: parsed {g}, expected {w}"

    @given(seeds)
    def test_inferred_teams_are_recorded(self, workdir, seed):
        """A program without a team line gets an inferred team (an info finding); with one, none."""
        text, expected = generate_report(seed)
        report = load_text(workdir, text, "generated.txt")
        f = report.findings
        inferred = {tuple(s.split(" ", 2)[:2]) for s in f.loc[f["check"] == "team_inferred", "subject"]}
        headless = {tuple(s.split(" ", 2)[:2]) for s in f.loc[f["check"] == "program_heading", "subject"]}
        meta = expected["meta"]
        for stage, styles in (("actual", meta["result_styles"]), ("plan", meta["plan_styles"])):
            for no, style in enumerate(styles, 1):
                assert ((stage, str(no)) in inferred) == ("team" not in style), (seed, stage, no, style)
                assert ((stage, str(no)) in headless) == ("heading" not in style), (seed, stage, no, style)

    @given(seeds, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "cp949"]), st.sampled_from(["\n", "\r\n", "\r"]))
    def test_any_encoding_same_tables(self, workdir, seed, encoding, newline):
        text, _ = generate_report(seed)
        plain = load_text(workdir, text, "plain.txt")
        bom = codecs.BOM_UTF16_BE if encoding == "utf-16-be" else b""
        path = workdir / "encoded.txt"
        path.write_bytes(bom + text.replace("\n", newline).encode(encoding))
        other = analysis.load_report(path)
        for name in ("budget_units", "programs", "program_funding", "staffing", "teams", "metrics", "findings"):
            assert table_rows(other, name) == table_rows(plain, name), name

    @given(seeds)
    def test_deterministic(self, seed):
        assert generate_report(seed) == generate_report(seed)


# --- mutations of the bundled report ----------------------------------------------------------


def _is_number_row(line: str) -> bool:
    """A line whose numbers reach a table: budget, staffing and program amount rows, plan budgets."""
    if "소요예산" in squash(line):
        return True
    cells = line.split("\t")
    return len(cells) >= 3 and all(any(ch.isdigit() for ch in c) or c.strip() == "-" for c in cells[1:])


NUMBER_ROWS = [i for i, line in enumerate(LINES) if _is_number_row(line)]
PLAN_BUDGET_ROWS = [i for i, line in enumerate(LINES) if "소요예산" in squash(line)]
RATE_ROWS = {i for i in NUMBER_ROWS if "\t" in LINES[i] and "소요예산" not in LINES[i] and squash(LINES[i].split("\t")[0]) not in ("정원", "현원", "과부족")}


def test_number_rows_found():
    """The mutation tests below aim at these rows: 7 budget lines (계 + 6 units), 3 staffing
    rows, 7 program amount rows and 4 plan budget lines of the bundled report."""
    assert [i + 1 for i in NUMBER_ROWS] == [34, 35, 36, 47, 48, 49, 50, 51, 52, 53, 106, 142, 176, 211, 248, 285, 317, 359, 386, 418, 450]


def parse_bytes(workdir, data: bytes):
    """load_report on the bytes: the report, or the ReportError; any other exception propagates."""
    path = workdir / "mutated.txt"
    path.write_bytes(data)
    try:
        return analysis.load_report(path)
    except ReportError as exc:
        assert str(exc).startswith("mutated.txt:") and exc.line >= 1, str(exc)
        return exc


@st.composite
def mutations(draw):
    """(kind, index of the line touched or None, mutated bytes)."""
    kind = draw(st.sampled_from(["delete", "duplicate", "swap", "letter", "truncate", "bytes"]))
    lines = list(LINES)
    if kind == "delete":
        i = draw(st.integers(0, len(lines) - 1))
        del lines[i]
    elif kind == "duplicate":
        i = draw(st.integers(0, len(lines) - 1))
        lines.insert(i, lines[i])
    elif kind == "swap":
        i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "letter":
        rows = [k for k, line in enumerate(lines) if "\t" in line]
        i = draw(st.sampled_from(rows))
        k = draw(st.integers(0, len(lines[i]) - 1))
        lines[i] = lines[i][:k] + draw(st.sampled_from("aOlxZ")) + lines[i][k + 1 :]
    data = "\n".join(lines).encode("utf-8")
    if kind == "truncate":
        i = None
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif kind == "bytes":
        i = None
        k = draw(st.integers(0, len(data)))
        data = data[:k] + draw(st.binary(min_size=1, max_size=8)) + data[k:]
    return kind, i, data


def numbers(report) -> dict[str, list[tuple]]:
    """The numbers that reach the tables, without the labels they are filed under."""
    t = report.tables

    def rows(name, cols):
        return [tuple(_value(v) for v in row) for row in t[name][cols].astype(object).values.tolist()]

    funding: dict[tuple, tuple[list, list]] = {}
    for stage, no, b, e in rows("program_funding", ["stage", "program_no", "budget", "executed"]):
        parts = funding.setdefault((stage, no), ([], []))
        if b is not None:
            parts[0].append(b)
        if e is not None:
            parts[1].append(e)
    return {
        "budget_units": rows("budget_units", ["budget", "executed", "rate"]),
        "staffing": rows("staffing", ["authorized", "current", "gap"]),
        "programs": rows("programs", ["stage", "program_no", "budget", "executed", "rate"]),
        "funding": [(k, tuple(sorted(b)), tuple(sorted(e))) for k, (b, e) in funding.items()],  # a renamed source reorders
    }


def same_numbers(a: dict, b: dict) -> bool:
    """Equal, a None on either side (a value not read) matching anything: a loss, not a wrong number."""
    for name, rows_a in a.items():
        if len(rows_a) != len(b[name]):
            return False
        for x, y in zip(rows_a, b[name]):
            if any(p is not None and q is not None and p != q for p, q in zip(x, y)):
                return False
    return True


@pytest.fixture(scope="module")
def original(workdir):
    return numbers(analysis.load_report(REPORT_PATH))


class TestMutations:
    @given(mutations())
    def test_only_report_error(self, workdir, mutation):
        _, _, data = mutation
        result = parse_bytes(workdir, data)  # anything but a ReportError propagates and fails the test
        if not isinstance(result, ReportError):
            assert set(result.tables) == set(analysis.SCHEMA)

    @given(st.sampled_from(NUMBER_ROWS), st.data())
    def test_digit_in_a_number_row_is_never_silent(self, workdir, row, data):
        """Any digit of a budget, staffing or amount row changed: a ReportError or an ``error``
        finding. The one exception is a rate changed to executed ÷ budget rounded *down*, which
        the checks accept as a warning (some offices truncate)."""
        line = LINES[row]
        positions = [k for k, ch in enumerate(line) if ch.isdigit()]
        k = data.draw(st.sampled_from(positions))
        new = data.draw(st.sampled_from([d for d in "0123456789" if d != line[k]]))
        mutated = LINES[:row] + [line[:k] + new + line[k + 1 :]] + LINES[row + 1 :]
        result = parse_bytes(workdir, "\n".join(mutated).encode("utf-8"))
        if isinstance(result, ReportError):
            return
        f = result.findings
        if (f["severity"] == "error").any():
            return
        in_rate_cell = row in RATE_ROWS and k > line.rfind("\t")
        rate_warning = f[(f["check"] == "rate") & (f["severity"] == "warning") & (f["source_line"] == row + 1)]
        assert in_rate_cell and len(rate_warning) == 1, f"line {row + 1} changed to {mutated[row]!r} read silently"

    @given(st.sampled_from(["delete", "duplicate", "letter"]), st.sampled_from(NUMBER_ROWS), st.data())
    def test_touched_number_row_is_never_silent(self, workdir, original, kind, row, data):
        """Deleting, duplicating or putting a letter into a row whose numbers reach a table: a
        ReportError, the same numbers (a row the tables do not keep, such as 계), or an ``error``
        finding."""
        lines = list(LINES)
        if kind == "delete":
            del lines[row]
        elif kind == "duplicate":
            lines.insert(row, lines[row])
        else:
            k = data.draw(st.integers(0, len(lines[row]) - 1))
            lines[row] = lines[row][:k] + data.draw(st.sampled_from("aOlx")) + lines[row][k + 1 :]
        result = parse_bytes(workdir, "\n".join(lines).encode("utf-8"))
        if isinstance(result, ReportError) or not errors(result).empty:
            return
        assert same_numbers(numbers(result), original), f"{kind} line {row + 1}: numbers changed without an error finding"
