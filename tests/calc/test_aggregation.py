"""Sums for counties and the nation: only years every member has."""

from __future__ import annotations

import math

import pytest

from klimatlaget.calc import common_years, sum_population, sum_sector_series, sum_series


def test_sum_series_keeps_only_common_years() -> None:
    # 2019 is missing in the second member, 2021 in the first: only 2020 counts (1.5 + 2).
    assert sum_series([{2019: 1.0, 2020: 1.5}, {2020: 2.0, 2021: 3.0}]) == {2020: 3.5}


def test_sum_of_nothing_is_empty() -> None:
    assert sum_series([]) == {}
    assert common_years([]) == []
    assert sum_sector_series([]) == {}


def test_sum_population_stays_whole() -> None:
    assert sum_population([{2020: 10, 2021: 11}, {2020: 5, 2021: 6}]) == {2020: 15, 2021: 17}


def test_sum_sector_series_sector_by_sector() -> None:
    first = {"Transport": {2020: 1.0, 2021: 2.0}, "Jordbruk": {2020: 4.0}}
    second = {"Transport": {2020: 3.0}, "Jordbruk": {2020: 5.0}, "Avfall": {2020: 9.0}}
    # Transport: only 2020 is common (1 + 3); Jordbruk 4 + 5; Avfall is missing in the first
    # member and is left out rather than counted as zero.
    assert sum_sector_series([first, second]) == {
        "Jordbruk": {2020: 9.0},
        "Transport": {2020: 4.0},
    }


def test_sum_is_independent_of_member_order() -> None:
    members = [{2020: 1e16}, {2020: 1.0}, {2020: -1e16}]
    assert sum_series(members) == sum_series(reversed(members)) == {2020: 1.0}


def test_real_county_equals_the_sum_of_its_municipalities(
    municipality_totals: dict[str, dict[int, float]],
    municipality_counties: dict[str, str],
    municipality_sectors: dict[str, dict[str, dict[int, float]]],
) -> None:
    members = sorted(m for m, county in municipality_counties.items() if county == "Blekinge län")
    assert members == ["Karlshamn", "Karlskrona", "Olofström", "Ronneby", "Sölvesborg"]
    county = sum_series(municipality_totals[m] for m in members)
    assert list(county) == [1990, 2000, 2005, 2010, *range(2015, 2024)]
    for year, total in county.items():
        assert total == pytest.approx(sum(municipality_totals[m][year] for m in members))
    sectors = sum_sector_series(municipality_sectors[m] for m in members)
    assert len(sectors) == 9
    for year, total in county.items():
        by_sector = math.fsum(series[year] for series in sectors.values())
        assert by_sector == pytest.approx(total, abs=0.5)  # the files round each value


def test_nation_covers_every_year(municipality_totals: dict[str, dict[int, float]]) -> None:
    nation = sum_series(municipality_totals.values())
    assert len(nation) == 13
    assert nation[2023] == pytest.approx(math.fsum(s[2023] for s in municipality_totals.values()))
