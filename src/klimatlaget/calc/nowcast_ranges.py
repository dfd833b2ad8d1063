"""The range of a nowcast: empirical quantiles of the backtest's errors by sector and horizon.

The relative error of a nowcast is actual / nowcast − 1. Its 10th and 90th percentiles over
all municipalities and backtest years, per sector and horizon (years since the last known
figure), give the 80 % range nowcast·(1 + low) … nowcast·(1 + high).
:data:`DEFAULT_ERROR_RANGES` were computed from SMHI's figures 2015–2023 with
``bench/nowcast.py --ranges``; tests/calc/test_nowcast_backtest.py checks they still match.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping

#: The sector name of the total (all sectors together).
TOTAL = "total"
LOW_QUANTILE = 0.1
HIGH_QUANTILE = 0.9

#: (sector, horizon) → (low, high) relative error.
ErrorRanges = Mapping[tuple[str, int], tuple[float, float]]

DEFAULT_ERROR_RANGES: dict[tuple[str, int], tuple[float, float]] = {
    ("Arbetsmaskiner", 1): (-0.084, 0.083),
    ("Arbetsmaskiner", 2): (-0.094, 0.091),
    ("Arbetsmaskiner", 3): (-0.102, 0.098),
    ("Avfall (inkl.avlopp)", 1): (-0.052, 0.075),
    ("Avfall (inkl.avlopp)", 2): (-0.083, 0.145),
    ("Avfall (inkl.avlopp)", 3): (-0.120, 0.237),
    ("Egen uppvärmning av bostäder och lokaler", 1): (-0.071, 0.068),
    ("Egen uppvärmning av bostäder och lokaler", 2): (-0.110, 0.104),
    ("Egen uppvärmning av bostäder och lokaler", 3): (-0.123, 0.104),
    ("El och fjärrvärme", 1): (-0.404, 0.678),
    ("El och fjärrvärme", 2): (-0.485, 0.770),
    ("El och fjärrvärme", 3): (-0.557, 0.992),
    ("Industri (energi + processer)", 1): (-0.429, 0.291),
    ("Industri (energi + processer)", 2): (-0.730, 0.395),
    ("Industri (energi + processer)", 3): (-0.762, 0.512),
    ("Jordbruk", 1): (-0.036, 0.031),
    ("Jordbruk", 2): (-0.050, 0.045),
    ("Jordbruk", 3): (-0.062, 0.059),
    ("Produktanvändning (inkl. lösningsmedel)", 1): (-0.012, 0.011),
    ("Produktanvändning (inkl. lösningsmedel)", 2): (-0.023, 0.019),
    ("Produktanvändning (inkl. lösningsmedel)", 3): (-0.033, 0.025),
    ("Transporter", 1): (-0.028, 0.033),
    ("Transporter", 2): (-0.056, 0.067),
    ("Transporter", 3): (-0.072, 0.080),
    ("total", 1): (-0.048, 0.049),
    ("total", 2): (-0.069, 0.068),
    ("total", 3): (-0.087, 0.080),
}


def error_ranges(
    errors: Iterable[tuple[str, int, float, float]],
    low: float = LOW_QUANTILE,
    high: float = HIGH_QUANTILE,
) -> dict[tuple[str, int], tuple[float, float]]:
    """(sector, horizon) → the ``low`` and ``high`` quantiles of actual / nowcast − 1.

    ``errors`` holds (sector, horizon, actual_t, nowcast_t); nowcasts of zero are skipped
    (they have no relative error, and a nowcast of zero gives a range of zero anyway).
    """
    grouped: dict[tuple[str, int], list[float]] = defaultdict(list)
    for sector, horizon, actual, estimate in errors:
        if estimate > 0:
            grouped[sector, horizon].append(actual / estimate - 1.0)
    return {
        key: (quantile(sorted(values), low), quantile(sorted(values), high))
        for key, values in sorted(grouped.items())
    }


def quantile(ordered: list[float], share: float) -> float:
    """The ``share`` quantile of sorted values, linear between order statistics (as numpy's
    default): position share·(n − 1)."""
    position = share * (len(ordered) - 1)
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)
