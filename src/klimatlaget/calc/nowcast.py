"""Nowcast: a municipality's emissions in years SMHI has not yet broken down by municipality.

Per sector: the last known municipal figure, carried forward by the national development of
the sector (``national[year] / national[last known year]``); where it helps, the
municipality's own trend in its share of the national sector; minus the reductions that
measures are reported in the follow-up to have achieved since (:func:`achieved_since`,
:func:`less_achieved`). The range comes from the errors of the same method in the backtest
(:mod:`klimatlaget.calc.nowcast_backtest`), lowered by the same reductions. See
docs/METHOD.md, "Nowcast".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

from klimatlaget.calc.national import NationalEmissions
from klimatlaget.calc.nowcast_ranges import DEFAULT_ERROR_RANGES, TOTAL, ErrorRanges
from klimatlaget.calc.quarters import EQUAL, QuarterProfile

#: How much of the own share trend is added when it is used (damped: trends do not last).
OWN_TREND_WEIGHT = 0.5
#: The share trend is fitted on the known years from last known year − 5 on …
OWN_TREND_WINDOW = 5
#: … and only when at least this many of them are known.
OWN_TREND_MIN_YEARS = 3

# Codes in SectorNowcast.method, in the order the steps are applied.
NATIONAL = "national"
NATIONAL_PART_OF_YEAR = "national_part_of_year"
NO_NATIONAL = "no_national"
OWN_TREND = "own_trend"
MEASURES = "measures"


@dataclass(frozen=True, slots=True)
class SectorNowcast:
    """The estimate of one sector in ``year`` (t CO2e) and how it was made.

    ``national_factor`` is national[year] / national[last known year] (1.0 without national
    figures); ``own_trend_t`` what the share trend added (negative: removed);
    ``measures_t`` the achieved reductions subtracted. ``low_t``–``high_t`` is the 80 % range.
    ``quarters_t`` splits the estimate by the national quarters of the year when all four are
    published, else by the sector's profile.
    """

    sector: str
    year: int
    last_known_year: int
    last_known_t: float
    national_factor: float
    own_trend_t: float
    measures_t: float
    nowcast_t: float
    low_t: float
    high_t: float
    quarters_t: tuple[float, float, float, float]
    method: tuple[str, ...]

    @property
    def horizon(self) -> int:
        """Years from the last known figure to the estimated year."""
        return self.year - self.last_known_year


@dataclass(frozen=True, slots=True)
class Nowcast:
    """All sectors of one municipality in ``year``; the total has its own (narrower) range."""

    year: int
    sectors: tuple[SectorNowcast, ...]
    total_t: float
    low_t: float
    high_t: float


def nowcast(
    year: int,
    sector_emissions: Mapping[str, Mapping[int, float]],
    national: NationalEmissions,
    *,
    own_trend_weights: Mapping[str, float] | None = None,
    achieved_reductions_t: Mapping[str, float] | None = None,
    error_ranges: ErrorRanges = DEFAULT_ERROR_RANGES,
    profiles: Mapping[str, QuarterProfile] | None = None,
) -> Nowcast:
    """The nowcast of ``year`` from the municipality's figures of earlier years.

    ``sector_emissions`` is sector → year → t; years from ``year`` on are ignored and a sector
    without an earlier year is left out. ``own_trend_weights`` says how much of its own trend a
    sector gets (0 when absent; :data:`OWN_TREND_WEIGHT` where the backtest shows it helps);
    ``achieved_reductions_t`` the reductions measures achieved in ``year`` beyond the last
    known year. ValueError when no sector has an earlier year.
    """
    weights = own_trend_weights or {}
    reductions = achieved_reductions_t or {}
    profiles = profiles or {}
    sectors = tuple(
        sector_nowcast(
            sector,
            year,
            known,
            national,
            own_trend_weight=weights.get(sector, 0.0),
            error_ranges=error_ranges,
            profile=profiles.get(sector, EQUAL),
        )
        for sector, series in sector_emissions.items()
        if (known := {y: v for y, v in series.items() if y < year})
    )
    if not sectors:
        raise ValueError(f"a nowcast of {year} needs municipal figures of an earlier year")
    total = math.fsum(s.nowcast_t for s in sectors)
    low, high = relative_range(error_ranges, TOTAL, max(s.horizon for s in sectors))
    return nowcast_less_achieved(
        Nowcast(year, sectors, total, total * (1 + low), total * (1 + high)), reductions
    )


def sector_nowcast(
    sector: str,
    year: int,
    known: Mapping[int, float],
    national: NationalEmissions,
    *,
    own_trend_weight: float = 0.0,
    achieved_reduction_t: float = 0.0,
    error_ranges: ErrorRanges = DEFAULT_ERROR_RANGES,
    profile: QuarterProfile = EQUAL,
) -> SectorNowcast:
    """The nowcast of one sector from its ``known`` figures (all before ``year``)."""
    last_year = max(known)
    last = float(known[last_year])
    factor, own_trend, method = _carried_forward(
        sector, year, known, national, last_year, own_trend_weight
    )
    value = max(0.0, last * factor + own_trend)
    low, high = relative_range(error_ranges, sector, year - last_year)
    quarter_profile = national.quarter_profiles.get((sector, year), profile)
    q1, q2, q3, q4 = quarter_profile.shares
    estimate = SectorNowcast(
        sector=sector,
        year=year,
        last_known_year=last_year,
        last_known_t=last,
        national_factor=factor,
        own_trend_t=own_trend,
        measures_t=0.0,
        nowcast_t=value,
        low_t=value * (1 + low),
        high_t=value * (1 + high),
        quarters_t=(value * q1, value * q2, value * q3, value * q4),
        method=method,
    )
    return less_achieved(estimate, achieved_reduction_t)


def achieved_since(
    achieved_t: Mapping[str, float], achieved_by_last_known_t: Mapping[str, float]
) -> dict[str, float]:
    """Sector → the yearly reduction measures had achieved in the estimated year beyond what
    they had achieved in the last known year, whose figure already contains that: the
    follow-up's ``achieved_t`` of the year less ``achieved_by_last_known_t``, not below zero
    (sectors without a reduction left out)."""
    since = {
        sector: value - achieved_by_last_known_t.get(sector, 0.0)
        for sector, value in achieved_t.items()
    }
    return {sector: value for sector, value in since.items() if value > 0}


def less_achieved(estimate: SectorNowcast, achieved_reduction_t: float) -> SectorNowcast:
    """``estimate`` less a reduction measures achieved: the estimate and both ends of its range
    lowered by the same tonnes (the range keeps the width the backtest gives the carried-forward
    figure), none below zero, and the quarters in the estimate's proportions."""
    if achieved_reduction_t <= 0:
        return estimate
    value = max(0.0, estimate.nowcast_t - achieved_reduction_t)
    before = estimate.nowcast_t
    q1, q2, q3, q4 = (q / before if before else 0.0 for q in estimate.quarters_t)
    return replace(
        estimate,
        measures_t=estimate.measures_t + achieved_reduction_t,
        nowcast_t=value,
        low_t=max(0.0, estimate.low_t - achieved_reduction_t),
        high_t=max(0.0, estimate.high_t - achieved_reduction_t),
        quarters_t=(value * q1, value * q2, value * q3, value * q4),
        method=(*estimate.method, MEASURES),
    )


def nowcast_less_achieved(estimate: Nowcast, achieved_reductions_t: Mapping[str, float]) -> Nowcast:
    """``estimate`` with each sector less its achieved reduction (:func:`less_achieved`); the
    total and its range lowered by the tonnes actually taken off the sectors."""
    if not any(value > 0 for value in achieved_reductions_t.values()):
        return estimate
    sectors = tuple(
        less_achieved(s, achieved_reductions_t.get(s.sector, 0.0)) for s in estimate.sectors
    )
    total = math.fsum(s.nowcast_t for s in sectors)
    removed = estimate.total_t - total
    return Nowcast(
        estimate.year,
        sectors,
        total,
        max(0.0, estimate.low_t - removed),
        max(0.0, estimate.high_t - removed),
    )


def _carried_forward(
    sector: str,
    year: int,
    known: Mapping[int, float],
    national: NationalEmissions,
    last_year: int,
    own_trend_weight: float,
) -> tuple[float, float, tuple[str, ...]]:
    """(national factor, own trend in t, method) for one sector.

    Without a national figure above zero for the last known year, or any later one up to
    ``year``, the last known figure is carried forward unchanged. Otherwise the latest national
    figure up to ``year`` is used (normally that of ``year`` itself).
    """
    shares = _national_shares(sector, known, national, last_year)
    national_year = national.latest_year_up_to(sector, year)
    if shares is None or national_year is None or national_year <= last_year:
        return 1.0, 0.0, (NO_NATIONAL,)
    national_now = national.years[sector][national_year]
    factor = national_now / national.years[sector][last_year]
    part_of_year = (sector, national_year) in national.from_part_of_year
    method = (NATIONAL_PART_OF_YEAR if part_of_year else NATIONAL,)
    if not own_trend_weight:
        return factor, 0.0, method
    share = shares[last_year]
    trend = own_trend_weight * _share_slope(shares) * (year - last_year)
    own_trend = (max(0.0, share + trend) - share) * national_now
    return factor, own_trend, method + ((OWN_TREND,) if own_trend else ())


def relative_range(ranges: ErrorRanges, sector: str, horizon: int) -> tuple[float, float]:
    """The (low, high) relative error of ``sector`` at ``horizon`` years.

    Horizons beyond the calibrated ones use the longest calibrated; a sector without ranges
    uses the total's. (0, 0) when nothing is calibrated.
    """
    if (sector, horizon) in ranges:
        return ranges[sector, horizon]
    for key in (sector, TOTAL):
        horizons = [h for (s, h) in ranges if s == key]
        if horizons:
            usable = [h for h in horizons if h <= horizon] or [min(horizons)]
            return ranges[key, max(usable)]
    return (0.0, 0.0)


def _national_shares(
    sector: str, known: Mapping[int, float], national: NationalEmissions, last_year: int
) -> dict[int, float] | None:
    """The municipality's share of the national sector in its known years of the trend window
    (None without a national figure above zero in the last known year)."""
    series = national.years.get(sector, {})
    if series.get(last_year, 0.0) <= 0:
        return None
    first = last_year - OWN_TREND_WINDOW
    return {y: v / series[y] for y, v in known.items() if y >= first and series.get(y, 0.0) > 0}


def _share_slope(shares: Mapping[int, float]) -> float:
    """Theil–Sen slope (median of the pairwise slopes) of the shares; 0 with fewer than
    :data:`OWN_TREND_MIN_YEARS` years."""
    points = sorted(shares.items())
    if len(points) < OWN_TREND_MIN_YEARS:
        return 0.0
    slopes = sorted(
        (s2 - s1) / (y2 - y1) for i, (y1, s1) in enumerate(points) for (y2, s2) in points[i + 1 :]
    )
    middle = len(slopes) // 2
    return slopes[middle] if len(slopes) % 2 else (slopes[middle - 1] + slopes[middle]) / 2
