"""The backtest of the nowcast: would it have hit SMHI's figures, and beaten naive guesses?

For every municipality and target year, the nowcast is made from the municipal figures up to
``year − horizon`` only, and the national figures up to the target year (published early), and
compared with SMHI's actual figure. Two naive baselines are scored alongside: the last known
figure unchanged, and the last known figure moved along the trend of the municipality's
total (the platform's median-line trend as known then, applied to every sector in proportion).

The own share trend is used for a sector only where it helped in most of the earlier target
years of the backtest (walk-forward, so no target year chooses with its own answer).
See docs/METHOD.md, "Backtest".
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from klimatlaget.calc.aggregation import sum_sector_series, sum_series
from klimatlaget.calc.national import NationalEmissions, from_yearly
from klimatlaget.calc.nowcast import OWN_TREND_WEIGHT, Nowcast, SectorNowcast, nowcast
from klimatlaget.calc.nowcast_ranges import TOTAL, error_ranges
from klimatlaget.calc.parameters import MetricParameters
from klimatlaget.calc.trend import compute_trends

BACKTEST_YEARS = range(2017, 2024)
BACKTEST_HORIZON = 2
#: The platform's trend starts in 2015; with fewer than two years since then, five years back.
TREND_START_YEAR = 2015

Series = Mapping[int, float]


@dataclass(frozen=True, slots=True)
class Municipality:
    """A municipality's SMHI figures: sector → year → t CO2e."""

    code: str
    name: str
    sectors: Mapping[str, Series]


@dataclass(frozen=True, slots=True)
class BacktestRow:
    """One nowcast against SMHI's figure; ``sector`` is :data:`TOTAL` for all sectors."""

    code: str
    name: str
    year: int
    sector: str
    actual_t: float
    nowcast_t: float
    last_known_t: float
    trend_t: float
    last_known_year: int

    @property
    def error_pct(self) -> float | None:
        """(nowcast − actual) / actual · 100; None when the actual figure is zero."""
        return percentage_error(self.nowcast_t, self.actual_t)

    def as_row(self) -> dict[str, str | int | float | None]:
        """The columns of the backtest export, in order."""
        return {
            "code": self.code,
            "name": self.name,
            "year": self.year,
            "sector": self.sector,
            "actual_t": self.actual_t,
            "nowcast_t": self.nowcast_t,
            "last_known_t": self.last_known_t,
            "error_pct": self.error_pct,
        }


@dataclass(frozen=True, slots=True)
class Score:
    """Median absolute percentage errors of one sector (rows with an actual above zero)."""

    sector: str
    count: int
    nowcast_mape: float
    last_known_mape: float
    trend_mape: float

    @property
    def beats_baselines(self) -> bool:
        return self.nowcast_mape < min(self.last_known_mape, self.trend_mape)


@dataclass(frozen=True, slots=True)
class Backtest:
    """Rows, scores by sector (and :data:`TOTAL`), and the sectors given their own trend per
    target year. ``candidate_errors`` maps (target year, sector) to the absolute relative
    errors (|nowcast − actual| / actual) without and with the own trend, for
    :meth:`own_trend_weights`."""

    rows: tuple[BacktestRow, ...]
    scores: dict[str, Score]
    own_trend_sectors: dict[int, frozenset[str]]
    candidate_errors: dict[tuple[int, str], tuple[list[float], list[float]]]

    def own_trend_weights(self, last_known_year: int) -> dict[str, float]:
        """Own-trend weights for a nowcast made when SMHI's figures reach ``last_known_year``."""
        return dict.fromkeys(_helped(self.candidate_errors, last_known_year), OWN_TREND_WEIGHT)


def run_backtest(
    municipalities: Sequence[Municipality],
    years: Iterable[int] = BACKTEST_YEARS,
    horizon: int = BACKTEST_HORIZON,
    national: NationalEmissions | None = None,
) -> Backtest:
    """The backtest over ``years``; ``national`` defaults to the sum over all municipalities.

    Each nowcast is made once with the own trend of every sector; the estimate without it is
    ``last_known_t · national_factor`` (the same formula with weight 0).
    """
    if national is None:
        national = from_yearly(sum_sector_series(m.sectors for m in municipalities))
    years = sorted(years)
    every_sector = {s: OWN_TREND_WEIGHT for m in municipalities for s in m.sectors}
    estimates = {
        (year, m.code): nowcast(
            year, _known(m.sectors, year - horizon), national, own_trend_weights=every_sector
        )
        for year in years
        for m in municipalities
    }
    errors = _candidate_errors(municipalities, estimates)
    chosen = {year: _helped(errors, year - horizon) for year in years}
    totals = {m.code: sum_series(m.sectors.values()) for m in municipalities}
    rows = [
        row
        for year in years
        for row in _rows_of_year(municipalities, totals, year, horizon, estimates, chosen[year])
    ]
    return Backtest(tuple(rows), scores(rows), chosen, errors)


def calibrate_error_ranges(
    municipalities: Sequence[Municipality],
    horizons: Iterable[int] = (1, 2, 3),
    first_known_year: int = 2015,
    last_year: int = 2023,
) -> dict[tuple[str, int], tuple[float, float]]:
    """The error ranges (see :mod:`klimatlaget.calc.nowcast_ranges`) of backtests at each
    horizon, over the target years whose last known year is ``first_known_year`` or later
    (SMHI publishes every year from 2015 on)."""
    ranges: dict[tuple[str, int], tuple[float, float]] = {}
    for horizon in horizons:
        backtest = run_backtest(
            municipalities, range(first_known_year + horizon, last_year + 1), horizon
        )
        ranges.update(
            error_ranges(
                (row.sector, row.year - row.last_known_year, row.actual_t, row.nowcast_t)
                for row in backtest.rows
            )
        )
    return ranges


def scores(rows: Iterable[BacktestRow]) -> dict[str, Score]:
    """Median absolute percentage errors by sector, rows whose actual figure is zero left out."""
    errors: dict[str, tuple[list[float], list[float], list[float]]] = defaultdict(
        lambda: ([], [], [])
    )
    for row in rows:
        if row.actual_t == 0:
            continue
        estimates, baseline, trend = errors[row.sector]
        estimates.append(abs(percentage_error(row.nowcast_t, row.actual_t) or 0.0))
        baseline.append(abs(percentage_error(row.last_known_t, row.actual_t) or 0.0))
        trend.append(abs(percentage_error(row.trend_t, row.actual_t) or 0.0))
    return {
        sector: Score(
            sector, len(e), statistics.median(e), statistics.median(b), statistics.median(t)
        )
        for sector, (e, b, t) in errors.items()
    }


def percentage_error(estimate: float, actual: float) -> float | None:
    """(estimate − actual) / actual · 100; None when ``actual`` is zero."""
    return None if actual == 0 else (estimate - actual) / actual * 100.0


def _known(sectors: Mapping[str, Series], up_to_year: int) -> dict[str, dict[int, float]]:
    return {
        s: {y: v for y, v in series.items() if y <= up_to_year} for s, series in sectors.items()
    }


def _candidate_errors(
    municipalities: Sequence[Municipality], estimates: Mapping[tuple[int, str], Nowcast]
) -> dict[tuple[int, str], tuple[list[float], list[float]]]:
    """(year, sector) → absolute relative errors without and with the own trend."""
    errors: dict[tuple[int, str], tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    by_code = {m.code: m for m in municipalities}
    for (year, code), estimate in estimates.items():
        for sector in estimate.sectors:
            actual = by_code[code].sectors[sector.sector].get(year)
            if actual:
                without, with_trend = errors[year, sector.sector]
                without.append(abs(_without_trend(sector) - actual) / actual)
                with_trend.append(abs(sector.nowcast_t - actual) / actual)
    return dict(errors)


def _without_trend(estimate: SectorNowcast) -> float:
    return estimate.last_known_t * estimate.national_factor


def _helped(
    errors: Mapping[tuple[int, str], tuple[list[float], list[float]]], up_to_year: int
) -> frozenset[str]:
    """Sectors for which the own trend gave the lower median error in most of the target years
    up to ``up_to_year`` in which it changed the median at all."""
    votes: dict[str, int] = defaultdict(int)
    for (year, sector), (without, with_trend) in errors.items():
        if year <= up_to_year:
            difference = statistics.median(without) - statistics.median(with_trend)
            votes[sector] += (difference > 0) - (difference < 0)
    return frozenset(sector for sector, vote in votes.items() if vote > 0)


def _rows_of_year(
    municipalities: Sequence[Municipality],
    totals: Mapping[str, Series],
    year: int,
    horizon: int,
    estimates: Mapping[tuple[int, str], Nowcast],
    own_trend: frozenset[str],
) -> list[BacktestRow]:
    known_totals = {
        code: {y: v for y, v in series.items() if y <= year - horizon}
        for code, series in totals.items()
    }
    trend_factors = _trend_factors(known_totals, year)
    rows = []
    for m in municipalities:
        row = partial(_row, m, year, trend_factors[m.code])
        total_estimate = 0.0
        for sector in estimates[year, m.code].sectors:
            value = sector.nowcast_t if sector.sector in own_trend else _without_trend(sector)
            total_estimate += value
            actual = m.sectors[sector.sector].get(year)
            if actual is not None:
                rows.append(
                    row(sector.sector, actual, value, sector.last_known_year, sector.last_known_t)
                )
        known = known_totals[m.code]
        if year in totals[m.code] and known:
            last_year = max(known)
            rows.append(
                row(TOTAL, totals[m.code][year], total_estimate, last_year, known[last_year])
            )
    return rows


def _row(
    m: Municipality,
    year: int,
    trend_factor: float,
    sector: str,
    actual: float,
    estimate: float,
    last_year: int,
    last: float,
) -> BacktestRow:
    return BacktestRow(
        code=m.code,
        name=m.name,
        year=year,
        sector=sector,
        actual_t=actual,
        nowcast_t=estimate,
        last_known_t=last,
        trend_t=last * trend_factor,
        last_known_year=last_year,
    )


def _trend_factors(totals: Mapping[str, Series], year: int) -> dict[str, float]:
    """Code → the total's trend value in ``year`` / its last known value (1.0 without a trend).

    The trend is the platform's (calc.trend) as it stood in the last known year: fitted from
    2015, or from five years earlier when fewer than two years since 2015 are known.
    """
    factors = dict.fromkeys(totals, 1.0)
    by_last_year: dict[int, dict[str, Series]] = defaultdict(dict)
    for code, series in totals.items():
        if series:
            by_last_year[max(series)][code] = series
    for last_year, group in by_last_year.items():
        params = MetricParameters(
            current_year=last_year,
            trend_start_year=min(TREND_START_YEAR, last_year - 5),
            end_year=max(year, last_year),  # no pathway beyond the target year is needed
        )
        for code, trend in compute_trends(group, params).items():
            if trend is not None and trend.anchor_value > 0:
                factors[code] = max(0.0, trend.value_at(year)) / trend.anchor_value
    return factors
