"""MetricParameters: defaults, presets and clear errors for bad values."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from klimatlaget.calc import CARBON_LAW_PRESETS, MetricParameters


def test_defaults() -> None:
    params = MetricParameters()
    assert params.current_year == datetime.date.today().year
    assert params.carbon_law_rate == 0.1172
    assert (params.trend_start_year, params.end_year) == (2015, 2050)
    assert params.base_years == (1990, 2005)
    assert params.reduction_start_year is None
    assert params.resolved_reduction_start_year == params.current_year + 1


def test_presets() -> None:
    assert CARBON_LAW_PRESETS == {
        "1.5C": 0.1172,
        "global-average": 0.07,
        "fair-share-10": 0.10,
        "fair-share-14": 0.14,
        "fair-share-16": 0.16,
    }
    params = MetricParameters.from_preset("fair-share-14", current_year=2025)
    assert (params.carbon_law_rate, params.current_year) == (0.14, 2025)


def test_unknown_preset_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"unknown Carbon Law preset '2C'.*1\.5C"):
        MetricParameters.from_preset("2C")


def test_preset_and_rate_together_are_refused() -> None:
    with pytest.raises(ValueError, match="not both"):
        MetricParameters.from_preset("1.5C", carbon_law_rate=0.2)


def test_explicit_reduction_start_year() -> None:
    params = MetricParameters(current_year=2025, reduction_start_year=2028)
    assert params.resolved_reduction_start_year == 2028


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"carbon_law_rate": 0.0}, "carbon_law_rate must be a share strictly between 0 and 1"),
        ({"carbon_law_rate": 1.0}, "carbon_law_rate"),
        ({"carbon_law_rate": 11.72}, "0.1172 means 11.72 %"),
        ({"carbon_law_rate": -0.1}, "carbon_law_rate"),
        ({"carbon_law_rate": True}, "carbon_law_rate"),
        ({"current_year": 1989}, "current_year must be 1990 or later"),
        ({"current_year": 2051}, r"current_year \(2051\) must not be after end_year \(2050\)"),
        ({"current_year": 2025.0}, "current_year must be a whole year"),
        ({"end_year": 2020}, "must not be after end_year"),
        ({"trend_start_year": 2030}, "trend_start_year"),
        ({"reduction_start_year": 2025}, "reduction_start_year must be after current_year"),
        ({"reduction_start_year": 2051}, "not after end_year"),
        ({"base_years": (1990, "2005")}, "base_years must be a whole year"),
    ],
)
def test_invalid_values_are_refused(changes: dict[str, Any], message: str) -> None:
    arguments: dict[str, Any] = {"current_year": 2025, **changes}
    with pytest.raises(ValueError, match=message):
        MetricParameters(**arguments)


def test_with_changes_validates_again() -> None:
    params = MetricParameters(current_year=2025)
    assert params.with_changes(carbon_law_rate=0.07).carbon_law_rate == 0.07
    with pytest.raises(ValueError, match="carbon_law_rate"):
        params.with_changes(carbon_law_rate=2.0)
