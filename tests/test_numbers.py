"""The number and amount parsers: exact values for everything a report prints."""

from __future__ import annotations

from decimal import Decimal

import pytest

from analysis.interpret.numbers import (
    NumberError, decimals_of, format_number, funding_source, parse_amount, parse_number, parse_rate, rate_of, to_cheonwon,
)


class TestParseNumber:
    @pytest.mark.parametrize("text,value", [
        ("1,070,404", Decimal(1070404)), ("15", Decimal(15)), ("-", Decimal(0)), ("△2", Decimal(-2)),
        ("-2", Decimal(-2)), ("1,234.5", Decimal("1234.5")), (" 800.25 ", Decimal("800.25")), ("0", Decimal(0)),
    ])
    def test_values(self, text, value):
        assert parse_number(text) == value

    def test_keeps_printed_decimals(self):
        assert str(parse_number("64.0")) == "64.0"

    @pytest.mark.parametrize("text", ["", "1,07O,404", "12a", "1,23", "1.2.3", "△", "천원", "1 000"])
    def test_rejects(self, text):
        with pytest.raises(NumberError):
            parse_number(text)


class TestFormatNumber:
    @pytest.mark.parametrize("value,text", [(Decimal(-2), "△2"), (Decimal(0), "-"), (Decimal(1070404), "1,070,404"), (Decimal("1234.5"), "1,234.5")])
    def test_round_trip(self, value, text):
        assert format_number(value) == text
        assert parse_number(text) == value


class TestParseRate:
    def test_values(self):
        assert parse_rate("45.5") == Decimal("45.5")
        assert parse_rate("100") == Decimal(100)
        assert parse_rate("45.5%") == Decimal("45.5")

    @pytest.mark.parametrize("text", ["4 5", "45..5", "abc", ".5"])
    def test_rejects(self, text):
        with pytest.raises(NumberError):
            parse_rate(text)


class TestRateOf:
    def test_printed_precision(self):
        assert rate_of(Decimal(102920), Decimal(190400), 1) == Decimal("54.1")  # 54.054...
        assert rate_of(Decimal(10000), Decimal(10000), 0) == Decimal(100)
        assert rate_of(Decimal(28750), Decimal(38500), 1) == Decimal("74.7")  # 74.675 rounds half up
        assert decimals_of(Decimal("74.7")) == 1 and decimals_of(Decimal(100)) == 0


class TestToCheonwon:
    @pytest.mark.parametrize("value,unit,result", [
        ("1,070,404", "천원", Decimal(1070404)), ("1,000.5", "백만원", Decimal(1000500)), ("12.3456", "백만원", Decimal("12345.6")),
        ("1,234,567", "원", Decimal("1234.567")), ("1,234,000", "원", Decimal(1234)), ("3.5", "억원", Decimal(350000)),
        ("△2", "백만원", Decimal(-2000)),
    ])
    def test_exact(self, value, unit, result):
        assert to_cheonwon(parse_number(value), unit) == result

    def test_unknown_unit(self):
        with pytest.raises(NumberError, match="달러"):
            to_cheonwon(Decimal(1), "달러")


class TestParseAmount:
    def test_split(self):
        a = parse_amount("38,500 (시 20,000, 구비 18,500)")
        assert a.total == Decimal(38500) and a.unit is None
        assert a.parts == (("시", Decimal(20000), None), ("구비", Decimal(18500), None))

    def test_plan_line_with_units(self):
        a = parse_amount("총 186,812천원(구비 186,812천원)")
        assert (a.total, a.unit, a.parts) == (Decimal(186812), "천원", (("구비", Decimal(186812), "천원"),))

    def test_three_sources_and_decimals(self):
        a = parse_amount("1,000.5 (국 500, 시 300, 구비 200.5)")
        assert [p[:2] for p in a.parts] == [("국", Decimal(500)), ("시", Decimal(300)), ("구비", Decimal("200.5"))]

    def test_no_split(self):
        assert parse_amount("109,588").parts == ()

    def test_parts_parted_by_a_space(self):
        a = parse_amount("총 70,000천원(국비 20,000 구비 50,000)")
        assert (a.total, a.unit, a.parts) == (Decimal(70000), "천원", (("국비", Decimal(20000), None), ("구비", Decimal(50000), None)))
        assert parse_amount("100 (구비 50 천원, 시 50 천원)").parts == (("구비", Decimal(50), "천원"), ("시", Decimal(50), "천원"))

    def test_one_source_named_alone_is_the_whole(self):
        assert parse_amount("50,000천원(구비)").parts == (("구비", Decimal(50000), "천원"),)
        assert parse_amount("금50,000,000원(구비)").parts == (("구비", Decimal(50000000), "원"),)

    @pytest.mark.parametrize("text, total, unit, parts, numbers", [
        ("총 6억 3,553만원(구비)", 635530000, "원", [("구비", 635530000, "원")], [6, 3553]),
        ("1억 2천만 원(국비 1억원, 구비 2천만원)", 120000000, "원", [("국비", 1, "억원"), ("구비", 20000000, "원")], [1, 2, 1, 2]),
        ("2천5백만원(구비)", 25000000, "원", [("구비", 25000000, "원")], [2, 5]),
        ("1.5억원(구비)", Decimal("1.5"), "억원", [("구비", Decimal("1.5"), "억원")], [Decimal("1.5")]),
        ("3,553만원(구비 3,553)", 3553, "만원", [("구비", 3553, None)], [3553]),
        ("5백만원(구비 5)", 5, "백만원", [("구비", 5, None)], [5]),
        # the parts' 원 left off after 억/만 ('국비 6억'): had been refused (not a funding part)
        ("12억 5천만원(국비 6억, 구비 6억 5천만)", 1250000000, "원", [("국비", 6, "억원"), ("구비", 650000000, "원")], [12, 5, 6, 6, 5]),
        ("총 5억(구비 5억)", 5, "억원", [("구비", 5, "억원")], [5]),
        ("3,000만(구비 3,000만)", 3000, "만원", [("구비", 3000, "만원")], [3000]),
    ])
    def test_korean_magnitudes(self, text, total, unit, parts, numbers):
        """억/만 written out (6억 3,553만원) is read in 원; a number in a unit word (3,553만원,
        1.5억원, 5백만원) stays in that unit. ``numbers`` holds what was printed, for coverage."""
        a = parse_amount(text)
        assert (a.total, a.unit, [(n, v, u) for n, v, u in a.parts]) == (total, unit, parts)
        assert all(Decimal(n) in a.numbers for n in numbers)

    @pytest.mark.parametrize("text", ["63,553천원(구비 100%)", "63,553천원(전액 구비)", "63,553천원(구비 전액)"])
    def test_one_source_paying_the_whole(self, text):
        assert parse_amount(text).parts == (("구비", Decimal(63553), "천원"),)

    @pytest.mark.parametrize("text, parts", [
        ("38,500 (기정 30,000, 추경 8,500)", ()),  # 추경 had been a funding part of 8,500 (a false funding_sum error)
        ("38,500 (추경 8,500)", ()), ("38,500 (본예산 35,000, 증액 3,500)", ()),
        ("38,500 (시 20,000, 구비 18,500)", (("시", Decimal(20000), None), ("구비", Decimal(18500), None))),  # (control)
    ])
    def test_budget_stages_in_the_brackets_are_no_parts(self, text, parts):
        a = parse_amount(text)
        assert a.parts == parts
        if not parts:
            assert a.numbers == (Decimal(38500),)

    def test_another_years_amount_is_no_part_and_not_read(self):
        a = parse_amount("총 63,553천원 (2022년 50,000천원)")
        assert a.parts == () and Decimal(50000) not in a.numbers

    @pytest.mark.parametrize("text", ["109,588 (구비 109,5x8)", "abc", "38,500 (시, 구비 18,500)", "50,000 (시비 50%, 구비 50%)", "50,000 (구비, 시비)", "50,000 (별도)"])
    def test_rejects(self, text):
        with pytest.raises(NumberError):
            parse_amount(text)


class TestFundingSource:
    @pytest.mark.parametrize("printed,source", [("시", "시비"), ("구비", "구비"), ("국", "국비"), ("기금", "기금"), ("특교", "특별교부금")])
    def test_aliases(self, printed, source):
        assert funding_source(printed) == source

    def test_unknown(self):
        assert funding_source("후원금") is None


@pytest.mark.parametrize(("number", "after"), [(258_665, "가"), (747_793, "이"), (3, "이"), (100, "이"), (10, "이"), (58.3, "이"), (4, "가"), (1_000_009, "가")])
def test_the_particle_a_number_takes(number, after):
    """As the number is read: …오 가, …삼 이, 백 이, 십 이, 58.3 (삼) 이, 사 가, …구 가."""
    from analysis.interpret.numbers import particle

    assert particle(number, "이", "가") == after
