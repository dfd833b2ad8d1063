"""Ranks lowest first and the population size classes."""

from itertools import pairwise

import pytest

from klimatlaget.calc.ranking import SIZE_BANDS, ranks_lowest_first, size_class


def test_the_lowest_value_ranks_first_and_ties_share_a_rank():
    values = {"a": 3.0, "b": -1.5, "c": 3.0, "d": 7.25, "e": None}
    assert ranks_lowest_first(values) == {"b": 1, "a": 2, "c": 2, "d": 4}


def test_no_values_no_ranks():
    assert ranks_lowest_first({}) == {}
    assert ranks_lowest_first({"a": None}) == {}


@pytest.mark.parametrize(
    ("population", "expected"),
    [
        (None, None),
        (0, "small"),
        (14_999, "small"),
        (15_000, "medium"),
        (49_999, "medium"),
        (50_000, "large"),
        (199_999, "large"),
        (200_000, "city"),
        (1_000_000, "city"),
    ],
)
def test_size_class_bands_include_their_lower_bound(population, expected):
    assert size_class(population) == expected


def test_the_bands_cover_every_population_without_gaps():
    bounds = list(SIZE_BANDS.values())
    assert bounds[0][0] == 0 and bounds[-1][1] is None
    for (_low, high), (next_low, _high) in pairwise(bounds):
        assert high == next_low
