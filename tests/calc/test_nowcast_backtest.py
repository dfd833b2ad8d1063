"""The backtest of the nowcast: by hand on a small example, then on SMHI's real figures."""

from __future__ import annotations

import pytest

from klimatlaget.calc.national import from_yearly
from klimatlaget.calc.nowcast import nowcast
from klimatlaget.calc.nowcast_backtest import (
    Backtest,
    BacktestRow,
    Municipality,
    calibrate_error_ranges,
    run_backtest,
)
from klimatlaget.calc.nowcast_ranges import DEFAULT_ERROR_RANGES, TOTAL

TRANSPORT = "Transporter"
WASTE = "Avfall (inkl.avlopp)"
# Two sectors falling steadily until 2017, then transport drops by a fifth nationally.
A = Municipality(
    "0001",
    "A",
    {
        TRANSPORT: {2015: 100.0, 2016: 90.0, 2017: 80.0, 2018: 70.0, 2019: 60.0},
        WASTE: {2015: 20.0, 2016: 20.0, 2017: 20.0, 2018: 20.0, 2019: 0.0},
    },
)
COUNTRY = from_yearly(
    {
        TRANSPORT: {2015: 1000.0, 2016: 1000.0, 2017: 1000.0, 2018: 900.0, 2019: 800.0},
        WASTE: {2015: 500.0, 2016: 500.0, 2017: 500.0, 2018: 500.0, 2019: 500.0},
    }
)


def test_rows_by_hand() -> None:
    # 2019 from the figures up to 2017: transport 80 t · 800/1000 = 64 t (actual 60 t:
    # +6.7 %). The total fell 120 → 110 → 100 t, 10 t a year, so its trend gives 80 t in
    # 2019, 0.8 of the last known total: the trend baseline is 80·0.8 = 64 t for transport.
    backtest = run_backtest([A], years=[2019], national=COUNTRY)
    rows = {row.sector: row for row in backtest.rows}
    transport = rows[TRANSPORT]
    assert (transport.last_known_year, transport.last_known_t) == (2017, 80.0)
    assert transport.nowcast_t == pytest.approx(64.0)
    assert transport.trend_t == pytest.approx(64.0)
    assert transport.error_pct == pytest.approx(100 * 4 / 60)
    # Waste: 20 t nationally unchanged, but the actual is 0 t: no percentage error.
    assert rows[WASTE].nowcast_t == pytest.approx(20.0)
    assert rows[WASTE].error_pct is None
    total = rows[TOTAL]
    assert (total.actual_t, total.nowcast_t, total.last_known_t) == pytest.approx((60, 84, 100))
    assert total.trend_t == pytest.approx(80.0)


def test_scores_leave_out_zero_actuals() -> None:
    scores = run_backtest([A], years=[2019], national=COUNTRY).scores
    assert scores[TRANSPORT].count == 1
    assert scores[TRANSPORT].nowcast_mape == pytest.approx(100 * 4 / 60)
    assert scores[TRANSPORT].last_known_mape == pytest.approx(100 * 20 / 60)
    assert WASTE not in scores


def test_no_municipal_figures_after_the_cut_are_used() -> None:
    # Changing A's 2018 figures changes neither the 2019 nowcast nor the baselines.
    changed = Municipality(
        A.code, A.name, {s: {**series, 2018: 1e6} for s, series in A.sectors.items()}
    )
    before = run_backtest([A], years=[2019], national=COUNTRY).rows
    after = run_backtest([changed], years=[2019], national=COUNTRY).rows
    assert before == after


def test_error_pct_and_export_columns() -> None:
    row = BacktestRow("0001", "A", 2019, TRANSPORT, 50.0, 55.0, 40.0, 45.0, 2017)
    assert row.error_pct == pytest.approx(10.0)
    assert list(row.as_row()) == [
        "code", "name", "year", "sector", "actual_t", "nowcast_t", "last_known_t", "error_pct"
    ]  # fmt: skip


@pytest.fixture(scope="module")
def municipalities(
    municipality_sectors: dict[str, dict[str, dict[int, float]]],
    municipality_codes: dict[str, str],
) -> list[Municipality]:
    return [
        Municipality(municipality_codes[name], name, sectors)
        for name, sectors in sorted(municipality_sectors.items())
    ]


@pytest.fixture(scope="module")
def backtest(municipalities: list[Municipality]) -> Backtest:
    return run_backtest(municipalities)


def test_nowcast_beats_both_baselines_on_smhi_figures(
    municipalities: list[Municipality], backtest: Backtest
) -> None:
    assert len(municipalities) == 290
    assert {row.year for row in backtest.rows} == set(range(2017, 2024))
    total = backtest.scores[TOTAL]
    assert total.count == 290 * 7
    # Clearly: the total's median error is at most 60 % of the better baseline's (in fact about
    # 2.7 % against 6.4 % unchanged and 4.9 % on the trend).
    assert total.nowcast_mape < 0.6 * min(total.last_known_mape, total.trend_mape)
    sectors = [score for sector, score in backtest.scores.items() if sector != TOTAL]
    winners = [score.sector for score in sectors if score.beats_baselines]
    assert len(winners) > len(sectors) / 2, winners


def test_rows_are_what_the_nowcast_gives(
    municipalities: list[Municipality], backtest: Backtest
) -> None:
    national = from_yearly(
        {
            sector: {year: sum(m.sectors[sector][year] for m in municipalities) for year in years}
            for sector, years in municipalities[0].sectors.items()
        }
    )
    falun = next(m for m in municipalities if m.name == "Falun")
    known = {
        s: {y: v for y, v in series.items() if y <= 2021} for s, series in falun.sectors.items()
    }
    estimate = nowcast(2023, known, national, own_trend_weights=backtest.own_trend_weights(2021))
    rows = {r.sector: r for r in backtest.rows if r.code == falun.code and r.year == 2023}
    for sector in estimate.sectors:
        assert rows[sector.sector].nowcast_t == pytest.approx(sector.nowcast_t)
    assert rows[TOTAL].nowcast_t == pytest.approx(estimate.total_t)


def test_default_ranges_match_the_backtest(municipalities: list[Municipality]) -> None:
    calibrated = calibrate_error_ranges(municipalities)
    assert calibrated.keys() == DEFAULT_ERROR_RANGES.keys()
    for key, (low, high) in calibrated.items():
        assert DEFAULT_ERROR_RANGES[key] == (round(low, 3), round(high, 3)), key
