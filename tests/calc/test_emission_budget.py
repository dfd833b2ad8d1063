"""The emissions budget by sector and quarter: the worked example of docs/METHOD.md.

Latest sector emissions (2023): transport 60,000 t, electricity and district heating
25,000 t, own heating 15,000 t (shares 60/25/15 %). Pathway: Carbon Law at 11.72 %/yr from
90,000 t in 2025, so 2026 allows 90,000·0.8828 = 79,452 t.
"""

from __future__ import annotations

import pytest

from klimatlaget.calc import compute_metrics
from klimatlaget.calc.emission_budget import (
    emission_budget,
    half_up,
    heating_profiles,
    split_whole,
)
from klimatlaget.calc.parameters import MetricParameters
from klimatlaget.calc.pathways import carbon_law_pathway
from klimatlaget.calc.targets import (
    Form,
    OrganisationData,
    Scope,
    TargetParameters,
    TargetSpec,
    normalise_target,
)

TRANSPORT = "Transporter"
ELECTRICITY = "El och fjärrvärme"
HEATING = "Egen uppvärmning av bostäder och lokaler"
SECTORS = {
    TRANSPORT: {2022: 61_000.0, 2023: 60_000.0},
    ELECTRICITY: {2022: 26_000.0, 2023: 25_000.0},
    HEATING: {2022: 16_000.0, 2023: 15_000.0},
}
PATHWAY = carbon_law_pathway(2025, 90_000.0, 0.1172, 2050)


def test_split_by_the_latest_sector_shares() -> None:
    # Exact shares: 47,671.2 / 19,863.0 / 11,917.8 t. Floors add up to 79,451 t; the tonne
    # left goes to the largest remainder (own heating, .8).
    budget = emission_budget(2026, PATHWAY, SECTORS)
    assert budget.total_t == 79_452
    assert budget.shares_year == 2023
    assert [(s.sector, s.budget_t) for s in budget.sectors] == [
        (TRANSPORT, 47_671),
        (ELECTRICITY, 19_863),
        (HEATING, 11_918),
    ]
    assert sum(s.budget_t for s in budget.sectors) == budget.total_t


def test_quarters_equal_by_default() -> None:
    # 47,671 / 4 = 11,917.75: three quarters get the extra tonne, the earliest first.
    transport = emission_budget(2026, PATHWAY, SECTORS).sector(TRANSPORT)
    assert transport.profile == "equal"
    assert transport.quarters_t == (11_918, 11_918, 11_918, 11_917)


def test_heating_season_profile() -> None:
    # 11,918 t by 37.97 / 19.75 / 10.77 / 31.51 %: 4525.6, 2353.7, 1283.3, 3755.4 t; the floors
    # leave 2 t for the largest remainders (quarter 2, then quarter 1).
    budget = emission_budget(2026, PATHWAY, SECTORS, profiles=heating_profiles(list(SECTORS)))
    heating = budget.sector(HEATING)
    assert heating.profile == "heating_season"
    assert heating.quarters_t == (4526, 2354, 1283, 3755)
    assert budget.sector(ELECTRICITY).profile == "heating_season"
    assert budget.sector(TRANSPORT).profile == "equal"
    assert sum(budget.quarters_t) == budget.total_t


def test_explicit_budgets_take_precedence() -> None:
    # Electricity is set to 15,000 t; the other 64,452 t go 80/20 to transport and heating:
    # 51,561.6 and 12,890.4, the spare tonne to transport.
    budget = emission_budget(2026, PATHWAY, SECTORS, explicit_t={ELECTRICITY: 15_000})
    assert [(s.sector, s.budget_t, s.explicit) for s in budget.sectors] == [
        (TRANSPORT, 51_562, False),
        (ELECTRICITY, 15_000, True),
        (HEATING, 12_890, False),
    ]


def test_explicit_budget_for_a_sector_without_emissions_data() -> None:
    budget = emission_budget(2026, PATHWAY, SECTORS, explicit_t={"Konsumtion": 452})
    assert budget.sectors[-1].sector == "Konsumtion"
    assert sum(s.budget_t for s in budget.sectors[:-1]) == 79_000


def test_explicit_budgets_must_fit_the_year() -> None:
    with pytest.raises(ValueError, match="more than the year's budget of 79452 t"):
        emission_budget(2026, PATHWAY, SECTORS, explicit_t={TRANSPORT: 80_000})
    every_sector = {TRANSPORT: 50_000, ELECTRICITY: 20_000, HEATING: 9_000}
    with pytest.raises(ValueError, match="must add up to the year's budget"):
        emission_budget(2026, PATHWAY, SECTORS, explicit_t=every_sector)
    exact = {TRANSPORT: 50_000, ELECTRICITY: 20_000, HEATING: 9_452}
    assert emission_budget(2026, PATHWAY, SECTORS, explicit_t=exact).total_t == 79_452


def test_year_must_be_on_the_pathway() -> None:
    with pytest.raises(ValueError, match="no value for 2051"):
        emission_budget(2051, PATHWAY, SECTORS)


def test_shares_need_a_common_year() -> None:
    with pytest.raises(ValueError, match="every sector"):
        emission_budget(2026, PATHWAY, {TRANSPORT: {2023: 1.0}, HEATING: {2022: 1.0}})


def test_budget_on_the_carbon_law_pathway_of_the_metrics() -> None:
    # The metrics' Carbon Law pathway starts at the trend's value in the current year.
    totals = {year: 100_000.0 - 1_000.0 * (year - 2015) for year in range(2015, 2024)}
    metrics = compute_metrics(totals, params=MetricParameters(current_year=2026))
    budget = emission_budget(2027, metrics.carbon_law, SECTORS)
    assert budget.total_t == half_up(metrics.carbon_law[2027])
    assert sum(s.budget_t for s in budget.sectors) == budget.total_t


def test_budget_on_the_pathway_of_the_own_target() -> None:
    # −60 % versus 1990 (1000 t) by 2030, from 500 t in 2023: a straight line to 400 t, so
    # 2026 allows 500 − 100·3/7 = 457.14, so 457 t; 60/25/15 % of it are 274.2, 114.25 and
    # 68.55 t, and the tonne left goes to the largest remainder (.55).
    series = {1990: 1000.0, **{2015 + i: 700.0 - 25.0 * i for i in range(9)}}
    spec = TargetSpec(
        Form.PERCENT_REDUCTION,
        2030,
        60.0,
        base_year=1990,
        scopes=frozenset({Scope.SCOPE_1, Scope.SCOPE_2}),
        includes_non_energy=True,
    )
    params = TargetParameters(metrics=MetricParameters(current_year=2026))
    target = normalise_target(spec, OrganisationData(series), params)
    assert target.pathway is not None
    budget = emission_budget(2026, target.pathway.pathway, SECTORS)
    assert budget.total_t == 457
    assert [s.budget_t for s in budget.sectors] == [274, 114, 69]


@pytest.mark.parametrize(
    ("total", "weights"),
    [(10, [1, 1, 1]), (7, [0.1, 0.2, 0.7]), (1, [1, 1]), (0, [3, 4]), (5, [0, 0]), (-7, [1, 2])],
)
def test_split_whole_adds_up(total: int, weights: list[float]) -> None:
    # Every part is within a tonne of its exact share (zero weights everywhere: equal shares).
    parts = split_whole(total, weights)
    assert sum(parts) == total
    shares = [w / sum(weights) for w in weights] if sum(weights) else [1 / len(weights)] * 2
    assert all(abs(part - total * share) < 1 for part, share in zip(parts, shares, strict=True))


def test_half_up() -> None:
    assert [half_up(v) for v in (2.5, 3.5, -2.5, 2.4999, 79_452.0)] == [3, 4, -3, 2, 79_452]
