"""The nowcast of one municipality: the worked example of docs/METHOD.md.

Transport: 56,000, 53,000 and 50,000 t in 2019–2021 (SMHI's last year); national transport
10 Mt each year 2019–2021, 9.5 Mt in 2022 and 9.0 Mt in 2023. Own heating: 8,000 t in 2021,
nationally 0.8 Mt in 2021 and 0.72 Mt in 2023. The nowcast is for 2023 (horizon 2).
"""

from __future__ import annotations

import pytest

from klimatlaget.calc.national import NationalFigure, from_yearly, national_emissions
from klimatlaget.calc.nowcast import (
    MEASURES,
    NATIONAL,
    NATIONAL_PART_OF_YEAR,
    NO_NATIONAL,
    OWN_TREND,
    OWN_TREND_WEIGHT,
    achieved_since,
    less_achieved,
    nowcast,
    nowcast_less_achieved,
    relative_range,
    sector_nowcast,
)
from klimatlaget.calc.nowcast_ranges import DEFAULT_ERROR_RANGES, TOTAL
from klimatlaget.calc.quarters import HEATING_SEASON

TRANSPORT = "Transporter"
HEATING = "Egen uppvärmning av bostäder och lokaler"
MUNICIPALITY = {
    TRANSPORT: {2019: 56_000.0, 2020: 53_000.0, 2021: 50_000.0},
    HEATING: {2021: 8_000.0},
}
NATIONAL_YEARS = {
    TRANSPORT: {2019: 10e6, 2020: 10e6, 2021: 10e6, 2022: 9.5e6, 2023: 9e6},
    HEATING: {2021: 800_000.0, 2023: 720_000.0},
}
COUNTRY = from_yearly(NATIONAL_YEARS)


def test_carried_forward_by_the_national_development() -> None:
    # 50,000 t · 9.0/10.0 = 45,000 t.
    estimate = sector_nowcast(TRANSPORT, 2023, MUNICIPALITY[TRANSPORT], COUNTRY)
    assert estimate.last_known_year == 2021
    assert estimate.horizon == 2
    assert estimate.national_factor == pytest.approx(0.9)
    assert estimate.nowcast_t == pytest.approx(45_000)
    assert estimate.own_trend_t == 0
    assert estimate.method == (NATIONAL,)


def test_own_share_trend() -> None:
    # The share of national transport fell 0.56 % → 0.53 % → 0.50 %: −0.03 points a year.
    # Half of that trend over two years: 0.50 − 0.5·0.03·2 = 0.47 %; 0.47 % of 9 Mt = 42,300 t,
    # 2,700 t below the national development alone.
    estimate = sector_nowcast(
        TRANSPORT, 2023, MUNICIPALITY[TRANSPORT], COUNTRY, own_trend_weight=OWN_TREND_WEIGHT
    )
    assert estimate.own_trend_t == pytest.approx(-2_700)
    assert estimate.nowcast_t == pytest.approx(42_300)
    assert estimate.method == (NATIONAL, OWN_TREND)


def test_own_trend_needs_three_years() -> None:
    estimate = sector_nowcast(HEATING, 2023, MUNICIPALITY[HEATING], COUNTRY, own_trend_weight=1.0)
    assert estimate.own_trend_t == 0
    assert estimate.nowcast_t == pytest.approx(7_200)


def test_worked_example_with_measures_and_ranges() -> None:
    # Measures achieved 1,000 t more in transport: 41,300 t. The backtest's 80 % range for
    # transport two years ahead (−5.6 % … +6.7 %) around the 42,300 t carried forward,
    # 39,931.2 … 45,134.1 t, is lowered by the same 1,000 t: 38,931.2 … 44,134.1 t.
    result = nowcast(
        2023,
        MUNICIPALITY,
        COUNTRY,
        own_trend_weights={TRANSPORT: OWN_TREND_WEIGHT},
        achieved_reductions_t={TRANSPORT: 1_000},
    )
    transport, heating = result.sectors
    assert transport.nowcast_t == pytest.approx(41_300)
    assert transport.measures_t == 1_000
    assert transport.method == (NATIONAL, OWN_TREND, MEASURES)
    assert DEFAULT_ERROR_RANGES[TRANSPORT, 2] == (-0.056, 0.067)
    assert (transport.low_t, transport.high_t) == pytest.approx((38_931.2, 44_134.1))
    assert transport.quarters_t == pytest.approx((10_325,) * 4)
    # Heating: 8,000 · 0.72/0.8 = 7,200 t. Total 48,500 t; the range −6.9 % … +6.8 % of the
    # 49,500 t carried forward (46,084.5 … 52,866 t) less the 1,000 t: 45,084.5 … 51,866 t.
    assert heating.nowcast_t == pytest.approx(7_200)
    assert heating.method == (NATIONAL,) and heating.measures_t == 0
    assert result.total_t == pytest.approx(48_500)
    assert (result.low_t, result.high_t) == pytest.approx((45_084.5, 51_866.0))


def test_measures_cannot_make_emissions_negative() -> None:
    # 7,200 t carried forward, range −11.0 % … +10.4 % (6,408 … 7,948.8 t); 7,500 t achieved
    # leaves nothing, and of the range only the top: 448.8 t.
    estimate = sector_nowcast(
        HEATING, 2023, MUNICIPALITY[HEATING], COUNTRY, achieved_reduction_t=7_500
    )
    assert estimate.nowcast_t == 0 and estimate.low_t == 0
    assert estimate.high_t == pytest.approx(448.8)
    assert estimate.quarters_t == (0, 0, 0, 0)


def test_achieved_since_the_last_known_year() -> None:
    # Reported by the end of 2025: transport 1,500 t, electricity 300 t, waste 40 t; by the end
    # of 2023 (SMHI's last year, whose figure already contains them): transport 500 t,
    # electricity 450 t (a measure reported lower later), industry 80 t.
    in_2025 = {TRANSPORT: 1_500.0, "El och fjärrvärme": 300.0, "Avfall (inkl.avlopp)": 40.0}
    in_2023 = {TRANSPORT: 500.0, "El och fjärrvärme": 450.0, "Industri": 80.0}
    assert achieved_since(in_2025, in_2023) == {TRANSPORT: 1_000.0, "Avfall (inkl.avlopp)": 40.0}
    assert achieved_since({}, in_2023) == {}
    assert achieved_since(in_2025, {}) == in_2025


def test_taking_achieved_reductions_off_a_made_nowcast_is_the_same_as_making_it_with_them() -> None:
    # The budget takes the follow-up's reductions off a nowcast made (and cached) without them.
    weights = {TRANSPORT: OWN_TREND_WEIGHT}
    achieved = {TRANSPORT: 1_000.0, HEATING: 200.0, "Jordbruk": 50.0}
    without = nowcast(2023, MUNICIPALITY, COUNTRY, own_trend_weights=weights)
    after = nowcast_less_achieved(without, achieved)
    direct = nowcast(
        2023, MUNICIPALITY, COUNTRY, own_trend_weights=weights, achieved_reductions_t=achieved
    )
    assert after == direct
    transport, heating = after.sectors
    assert heating.nowcast_t == pytest.approx(7_000) and heating.method == (NATIONAL, MEASURES)
    # The total and its range are lowered by the 1,200 t taken off the sectors.
    assert after.total_t == pytest.approx(without.total_t - 1_200)
    assert after.high_t - after.low_t == pytest.approx(without.high_t - without.low_t)
    assert nowcast_less_achieved(without, {}) is without
    assert less_achieved(transport, 0.0) is transport


def test_later_municipal_years_are_ignored() -> None:
    with_actual = {**MUNICIPALITY, TRANSPORT: {**MUNICIPALITY[TRANSPORT], 2023: 1.0}}
    assert (
        nowcast(2023, with_actual, COUNTRY).total_t == nowcast(2023, MUNICIPALITY, COUNTRY).total_t
    )


def test_quarters_follow_the_national_quarters_when_published() -> None:
    rows = [
        NationalFigure(year, None, TRANSPORT, value)
        for year, value in NATIONAL_YEARS[TRANSPORT].items()
        if year < 2023
    ]
    rows += [
        NationalFigure(2023, q, TRANSPORT, v)
        for q, v in enumerate((2.7e6, 2.25e6, 1.8e6, 2.25e6), start=1)
    ]
    estimate = sector_nowcast(TRANSPORT, 2023, MUNICIPALITY[TRANSPORT], national_emissions(rows))
    assert estimate.nowcast_t == pytest.approx(45_000)
    assert estimate.quarters_t == pytest.approx((13_500, 11_250, 9_000, 11_250))


def test_part_of_the_year_is_labelled() -> None:
    # Only quarter 1 of 2023, 5 % below quarter 1 of 2022: 2023 ≈ 9.5 Mt · 0.95.
    rows = [
        NationalFigure(2021, None, TRANSPORT, 10e6),
        NationalFigure(2022, None, TRANSPORT, 9.5e6),
        NationalFigure(2022, 1, TRANSPORT, 2.4e6),
        NationalFigure(2023, 1, TRANSPORT, 2.28e6),
    ]
    estimate = sector_nowcast(TRANSPORT, 2023, MUNICIPALITY[TRANSPORT], national_emissions(rows))
    assert estimate.nowcast_t == pytest.approx(50_000 * 0.95 * 0.95)
    assert estimate.method == (NATIONAL_PART_OF_YEAR,)


def test_heating_profile_when_no_national_quarters() -> None:
    estimate = sector_nowcast(HEATING, 2023, MUNICIPALITY[HEATING], COUNTRY, profile=HEATING_SEASON)
    assert estimate.quarters_t == pytest.approx(tuple(7_200 * s for s in HEATING_SEASON.shares))


def test_without_national_figures_the_last_year_is_carried_forward() -> None:
    estimate = sector_nowcast("Jordbruk", 2023, {2021: 900.0}, COUNTRY)
    assert estimate.nowcast_t == 900
    assert estimate.method == (NO_NATIONAL,)


def test_latest_national_year_is_used_before_the_target_year_is_published() -> None:
    estimate = sector_nowcast(TRANSPORT, 2024, MUNICIPALITY[TRANSPORT], COUNTRY)
    assert estimate.nowcast_t == pytest.approx(45_000)
    assert estimate.horizon == 3


def test_ranges_beyond_the_calibrated_horizons_and_sectors() -> None:
    assert relative_range(DEFAULT_ERROR_RANGES, TRANSPORT, 7) == DEFAULT_ERROR_RANGES[TRANSPORT, 3]
    assert relative_range(DEFAULT_ERROR_RANGES, "Konsumtion", 1) == DEFAULT_ERROR_RANGES[TOTAL, 1]
    assert relative_range({}, TRANSPORT, 1) == (0.0, 0.0)


def test_no_earlier_year() -> None:
    with pytest.raises(ValueError, match="earlier year"):
        nowcast(2019, MUNICIPALITY, COUNTRY)
