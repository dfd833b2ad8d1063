"""The NetZeroCities vocabulary of the platform's facts: fields of action and kinds of action,
an action's cost from its investment lines, and an indicator's figures and frequency."""

from dataclasses import replace

import pytest

from calc.test_investments import BARRIER, BUSES, CHARGING, FACTOR_10
from klimatlaget.calc import netzerocities as nzc
from klimatlaget.calc.investment_tables import total_cost
from klimatlaget.calc.investments import line_cost
from klimatlaget.emissions.sectors import SECTOR_LABELS
from klimatlaget.measures.choices import CONSUMPTION, OWN_OPERATIONS, MeasureType


def test_every_smhi_sector_has_its_field_of_action_or_none_on_purpose():
    assert nzc.field_of_action("El och fjärrvärme") == nzc.ENERGY
    assert nzc.field_of_action("Transporter") == nzc.MOBILITY
    assert nzc.field_of_action("Utrikes transporter") == nzc.MOBILITY
    assert nzc.field_of_action("Avfall (inkl.avlopp)") == nzc.WASTE
    assert nzc.field_of_action("Egen uppvärmning av bostäder och lokaler") == nzc.BUILT
    assert nzc.field_of_action("Industri (energi + processer)") == nzc.INDUSTRY
    assert nzc.field_of_action("Produktanvändning (inkl. lösningsmedel)") == nzc.INDUSTRY
    assert nzc.field_of_action("Jordbruk") == nzc.AFOLU
    # Spanning several fields: none is made up.
    for sector in ("Arbetsmaskiner", OWN_OPERATIONS, CONSUMPTION, "", "Unknown"):
        assert nzc.field_of_action(sector) is None
    assert set(nzc.FIELD_OF_SECTOR) == {name for name in SECTOR_LABELS if name} - {"Arbetsmaskiner"}
    assert set(nzc.FIELD_OF_SECTOR.values()) <= set(nzc.FIELDS)


def test_every_measure_type_has_a_kind_of_action():
    assert {nzc.action_type(kind) for kind in MeasureType.values} == set(nzc.ACTION_TYPES)
    assert nzc.action_type("technical") == nzc.TECHNOLOGY
    assert nzc.action_type("regulation") == nzc.POLICY
    assert nzc.action_type("behaviour") == nzc.SOCIAL
    assert nzc.action_type("financing") == nzc.FINANCE
    assert nzc.action_type("") is None


def test_an_action_without_investment_lines_has_no_known_cost():
    assert nzc.action_cost([], []) == nzc.ActionCost(None, None)


def test_an_actions_cost_is_its_lines_total_and_annual_cost_per_tonne():
    # Line A of docs/METHOD.md: capex 10 000 000 and opex 400 000 to finance; annually
    # 10 000 000 × 0.120241 + 200 000 − 600 000 = 802 410 SEK for 500 t: 1 604.82 SEK/t.
    one = nzc.action_cost([total_cost(BUSES)], [line_cost(BUSES)])
    assert one.total_sek == 10_400_000
    assert one.per_tonne_sek == pytest.approx((10_000_000 * FACTOR_10 - 400_000) / 500, rel=1e-5)
    # With line D (1 000 000 capex, 50 t): (802 410 + 120 241) / 550 t.
    both = nzc.action_cost(
        [total_cost(BUSES), total_cost(CHARGING)], [line_cost(BUSES), line_cost(CHARGING)]
    )
    assert both.total_sek == 11_400_000
    assert both.per_tonne_sek == pytest.approx((11_000_000 * FACTOR_10 - 400_000) / 550, rel=1e-5)


def test_no_cost_per_tonne_without_a_reduction_or_an_annual_cost():
    # The flood barrier reduces nothing: a cost, no cost per tonne.
    barrier = nzc.action_cost([total_cost(BARRIER)], [line_cost(BARRIER)])
    assert barrier == nzc.ActionCost(3_000_000, None)
    # A line without a lifetime has no annual cost: the action's cost per tonne is unknown.
    no_lifetime = line_cost(replace(CHARGING, lifetime_years=None))
    mixed = nzc.action_cost([10_400_000, 1_000_000], [line_cost(BUSES), no_lifetime])
    assert mixed == nzc.ActionCost(11_400_000, None)


QUARTERS = [nzc.Value(2024, q, 50.0 + q) for q in (1, 2, 3, 4)] + [
    nzc.Value(2025, q, 60.0 + q) for q in (1, 2, 3, 4)
]


def test_baseline_latest_and_target_of_the_report_year():
    seen = nzc.indicator_figures(QUARTERS, {2025: 80.0, 2027: 100.0}, 2025)
    assert seen.baseline == nzc.Value(2024, 1, 51.0)
    assert seen.latest == nzc.Value(2025, 4, 64.0)
    assert (seen.target_year, seen.target_value) == (2025, 80.0)
    # A year later the next target; values after the report year are not yet reported.
    later = nzc.indicator_figures(QUARTERS, {2025: 80.0, 2027: 100.0}, 2026)
    assert (later.target_year, later.target_value) == (2027, 100.0)
    earlier = nzc.indicator_figures(QUARTERS, {}, 2024)
    assert earlier.latest == nzc.Value(2024, 4, 54.0)
    assert (earlier.target_year, earlier.target_value) == (None, None)


def test_when_every_target_year_has_passed_the_last_target_holds():
    seen = nzc.indicator_figures([nzc.Value(2030, 0, 3.0)], {2020: 5.0, 2025: 4.0}, 2030)
    assert (seen.target_year, seen.target_value) == (2025, 4.0)


def test_without_values_nothing_is_made_up():
    seen = nzc.indicator_figures([], {2030: 2.0}, 2025)
    assert (seen.baseline, seen.latest) == (None, None)
    assert (seen.target_year, seen.target_value) == (2030, 2.0)
    before = nzc.indicator_figures([nzc.Value(2026, 0, 1.0)], {}, 2025)
    assert (before.baseline, before.latest) == (None, None)


def test_frequency():
    assert nzc.frequency([], computed=True) == nzc.YEARLY
    assert nzc.frequency([], computed=False) is None
    assert nzc.frequency([nzc.Value(2024, 0, 1.0)], computed=False) == nzc.YEARLY
    assert nzc.frequency([nzc.Value(2024, 0, 1.0), *QUARTERS], computed=False) == nzc.QUARTERLY
