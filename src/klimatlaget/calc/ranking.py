"""Ranks of organisations on a figure, and the population size classes they are compared in."""

from collections.abc import Hashable, Mapping

#: Population bands (lower bound inclusive, upper bound exclusive; None: no upper bound). SKR's
#: municipality groups are not in the data, so similar municipalities are those of the same band;
#: the bands are described in docs/METHOD.md#context-ranks-and-similar-municipalities.
SIZE_BANDS: dict[str, tuple[int, int | None]] = {
    "small": (0, 15_000),
    "medium": (15_000, 50_000),
    "large": (50_000, 200_000),
    "city": (200_000, None),
}


def size_class(population: int | None) -> str | None:
    """The key of the band ``population`` falls in; None without a population."""
    if population is None:
        return None
    for key, (low, high) in SIZE_BANDS.items():
        if population >= low and (high is None or population < high):
            return key
    return None


def ranks_lowest_first[K: Hashable](values: Mapping[K, float | None]) -> dict[K, int]:
    """Key → rank, 1 for the lowest value; equal values share a rank and the next rank is
    skipped (1, 2, 2, 4). Keys without a value get no rank."""
    valued = [(key, value) for key, value in values.items() if value is not None]
    ranks: dict[K, int] = {}
    previous: float | None = None
    rank = 0
    for position, (key, value) in enumerate(sorted(valued, key=lambda item: item[1]), start=1):
        if value != previous:
            rank, previous = position, value
        ranks[key] = rank
    return ranks
