import math

import pytest

from klimatlaget.charts import (
    NumberFormatter,
    format_number_en,
    format_number_sv,
    number_formatter,
)
from klimatlaget.charts.format import tick_format

NBSP = "\u00a0"
MINUS = "\u2212"


def test_swedish_thousands_and_rounding():
    assert format_number_sv(1234567.8) == f"1{NBSP}234{NBSP}568"
    assert format_number_sv(999) == "999"
    assert format_number_sv(1000) == f"1{NBSP}000"
    assert format_number_sv(0) == "0"


def test_swedish_decimal_comma_and_real_minus():
    assert format_number_sv(-0.5, decimals=1) == f"{MINUS}0,5"
    assert format_number_sv(-1234.5, decimals=2) == f"{MINUS}1{NBSP}234,50"
    assert format_number_sv(3.14159, 2) == "3,14"


def test_english():
    assert format_number_en(1234567.8) == "1,234,568"
    assert format_number_en(-0.5, decimals=1) == f"{MINUS}0.5"
    assert format_number_en(1234.5, decimals=1) == "1,234.5"


def test_rounds_half_away_from_zero_on_the_decimal_value():
    assert format_number_sv(2.5) == "3"
    assert format_number_sv(-2.5) == f"{MINUS}3"
    assert format_number_sv(2.675, 2) == "2,68"  # the float is 2.67499…; readers see 2.675
    assert format_number_en(0.125, 2) == "0.13"


def test_no_negative_zero():
    assert format_number_sv(-0.4) == "0"
    assert format_number_sv(-0.04, 1) == "0,0"
    assert format_number_en(-0.0) == "0"


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_values_do_not_raise(value):
    assert format_number_sv(value) == "–"
    assert format_number_en(value) == "–"


def test_negative_decimals_rejected():
    with pytest.raises(ValueError):
        format_number_sv(1, -1)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("sv", f"1{NBSP}234,6"),
        ("sv-SE", f"1{NBSP}234,6"),
        ("sv_SE", f"1{NBSP}234,6"),
        ("SV", f"1{NBSP}234,6"),
        (None, f"1{NBSP}234,6"),
        ("en", "1,234.6"),
        ("en-GB", "1,234.6"),
        ("fi", "1,234.6"),
    ],
)
def test_number_formatter_by_language(lang, expected):
    formatter = number_formatter(lang, decimals=1)
    assert formatter(1234.56) == expected


def test_tick_format_adapts_decimals_to_the_tick_step():
    assert tick_format(number_formatter("sv"), 1)(0.5) == "0,5"
    assert tick_format(number_formatter("sv", 2), 0)(5) == "5"  # ticks 0, 5, 10 not 0,00 …
    assert tick_format(format_number_en, 1)(0.5) == "0.5"
    assert tick_format(format_number_sv, 0) is format_number_sv

    def custom(value: float) -> str:
        return f"{value:g}"

    assert tick_format(custom, 2) is custom
    assert isinstance(tick_format(format_number_sv, 1), NumberFormatter)


def test_value_labels_keep_two_significant_digits_so_small_values_do_not_read_as_0():
    from klimatlaget.charts.format import value_format

    sv = value_format(number_formatter("sv", 0))
    assert [sv(v) for v in (0.41, 0.049, 3.74, 12.3, 1234.5, 2.0, 0.0)] == [
        "0,41",
        "0,049",
        "3,7",
        "12",
        f"1{NBSP}235",
        "2",
        "0",
    ]
    assert sv(-0.41) == f"{MINUS}0,41"
    # the caller's decimals stay the minimum; extra ones are only added where they say something
    one = value_format(number_formatter("sv", 1))
    assert [one(v) for v in (-0.8, 0.41, 12.0)] == [f"{MINUS}0,8", "0,41", "12,0"]
    assert value_format(number_formatter("en", 0))(0.41) == "0.41"
