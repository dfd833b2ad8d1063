"""Members' investment plans side by side: which plan counts for each member, its figures
(checked by hand against the worked example of docs/METHOD.md), the sums and medians, and the
queries it takes."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from klimatlaget.accounts.actors import command_line
from klimatlaget.investments import services
from klimatlaget.investments.figures import plan_figures
from klimatlaget.investments.overview import investment_overview, latest_plans, plan_members
from klimatlaget.measures import services as measure_services
from klimatlaget.organisations.models import Organisation

from .conftest import BUSES, CHARGING

#: Members of the example association in 2026 (Björkås, 9103, left in 2019).
MEMBERS_2026 = {"9101", "9102", "9104", "9105", "9201", "9202", "9203", "9204", "9205", "91", "92"}
#: A flood barrier of Tallnäs: the municipality's own, not financed, no reduction.
BARRIER = {
    "title": "Flood barrier",
    "actor": "municipality",
    "capex_by_year": {"2024": 2_000_000},
    "lifetime_years": 50,
    "funding_source": "state_grant",
    "funding_status": "not_decided",
    "sector": "Transporter",
}


@pytest.fixture
def association(users):
    from klimatlaget.demo.association import load_memberships

    return load_memberships(example=True).association


@pytest.fixture
def plans(users, strandhamn, bus_measure):
    """Strandhamn: two versions of 2026 (the second counts: buses and charging points) and one
    of 2025; Tallnäs: a plan of 2024 only; Ekby: a plan of 2027 only."""
    alice, bob = users["alice"], users["bob"]
    tallnas, ekby = (Organisation.objects.get(code=code) for code in ("9201", "9101"))
    older = services.create_plan(alice, strandhamn, {"year": 2025, **HORIZON})
    services.create_line(alice, older, {**CHARGING, "capex_by_year": {"2025": 9_000_000}})
    first = services.create_plan(alice, strandhamn, {"year": 2026, **HORIZON})
    services.create_line(alice, first, CHARGING)
    second = services.new_version(alice, first)
    services.create_line(alice, second, {**BUSES, "measure_id": bus_measure.pk})
    services.update_plan(
        alice, second, {"status": "adopted", "adopted_on": datetime.date(2026, 3, 1)}
    )
    barrier = services.create_plan(bob, tallnas, {"year": 2024, **HORIZON})
    services.create_line(bob, barrier, BARRIER)
    services.create_plan(command_line(), ekby, {"year": 2027, **HORIZON})
    return {"strandhamn": second, "tallnas": barrier}


HORIZON = {"horizon_from": 2024, "horizon_to": 2030}


def member(overview, code):
    return next(m for m in overview.members if m.organisation.code == code)


def test_the_members_are_those_of_the_year_or_the_regions_municipalities(association):
    assert {m.code for m in plan_members(association, 2026)} == MEMBERS_2026
    county = Organisation.objects.get(code="91")
    assert {m.code for m in plan_members(county, 2026)} == {"9101", "9102", "9103", "9104", "9105"}
    nation = Organisation.objects.get(code="00")
    assert len(plan_members(nation, 2026)) == 10  # every municipality, not the counties
    assert not plan_members(Organisation.objects.get(code="9102"), 2026).exists()


def test_each_member_has_its_latest_version_of_the_year_or_an_earlier_years(plans):
    ids = {code: Organisation.objects.get(code=code).pk for code in ("9101", "9102", "9201")}
    found = latest_plans(list(ids.values()), 2026)
    assert found[ids["9102"]] == plans["strandhamn"]  # version 2 of 2026, not 1, not 2025's
    assert found[ids["9201"]] == plans["tallnas"]  # 2024's
    assert ids["9101"] not in found  # its plan is of 2027
    assert latest_plans([ids["9101"]], 2027)[ids["9101"]].year == 2027


def test_a_members_figures_are_those_of_its_plan_by_hand(association, plans):
    overview = investment_overview(association, 2026)
    assert {m.organisation.code for m in overview.members} == MEMBERS_2026
    strandhamn = member(overview, "9102")
    assert (strandhamn.plan.year, strandhamn.plan.version_number) == (2026, 2)
    figures = strandhamn.figures
    # Buses 10 Mkr (municipal company, decided, 500 t), charging 1 Mkr (private, applied, 50 t).
    assert (figures.capex, figures.own, figures.decided) == (11_000_000, 10_000_000, 10_000_000)
    assert figures.funding_gap == 1_000_000 and figures.reduction_t == 550
    assert (
        figures.own_share == figures.financed_share == pytest.approx(0.909091, abs=1e-6)
    )  # 10 ÷ 11
    # (802 414 + 120 241) ÷ 550 t; with the buses' co-benefits of 100 000 a year taken off.
    assert figures.per_tonne == pytest.approx(1_677.55, abs=0.01)
    assert figures.per_tonne_with_co_benefits == pytest.approx(1_495.74, abs=0.01)
    # The population of 2026 is not published: the latest, 2024's 64 250 inhabitants.
    assert (strandhamn.population_year, figures.inhabitants) == (2024, 64_250)
    assert figures.per_inhabitant == pytest.approx(171.21, abs=0.01)  # 11 000 000 ÷ 64 250

    tallnas = member(overview, "9201")
    assert tallnas.plan == plans["tallnas"] and tallnas.population_year == 2024
    assert tallnas.figures.per_inhabitant == pytest.approx(273.60, abs=0.01)  # 2 Mkr ÷ 7 310
    assert (tallnas.figures.own_share, tallnas.figures.financed_share) == (1, 0)
    assert tallnas.figures.per_tonne is None  # no line reduces anything

    assert member(overview, "9101").plan is None  # a plan of 2027 does not count in 2026
    assert overview.without_plan == len(MEMBERS_2026) - 2


def test_a_members_figures_are_those_of_its_own_plan_page(association, plans, bus_measure):
    """Also with a line that overrides its measure's reduction, and one whose measure has
    none."""
    alice = command_line()
    plan = plans["strandhamn"]
    override = {"reduction_t": 120, "reduction_reason": "Measured", "measure_id": bus_measure.pk}
    services.create_line(alice, plan, {**BUSES, **override, "capex_by_year": {"2027": 3e6}})
    quiet = measure_services.create_measure(
        alice,
        plan.organisation,
        {"code": "Q1", "title": "Quiet", "sector": "Transporter", "type": "technical"},
    )
    services.create_line(alice, plan, {**CHARGING, "reduction_t": None, "measure_id": quiet.pk})
    overview = investment_overview(association, 2026)
    for code in ("9102", "9201"):
        line = member(overview, code)
        own = plan_figures(line.plan)
        assert line.figures.capex == own.totals.capex and line.figures.own == own.totals.own
        assert line.figures.funding_gap == own.totals.funding_gap
        assert line.figures.reduction_t == pytest.approx(own.reduction_t)
        assert line.figures.per_tonne == pytest.approx(own.plan_cost.per_tonne)
        with_benefits = own.plan_cost.per_tonne_with_co_benefits
        assert line.figures.per_tonne_with_co_benefits == pytest.approx(with_benefits)
    assert member(overview, "9102").figures.reduction_t == 550 + 120


def test_the_summary_sums_and_takes_medians(association, plans):
    summary = investment_overview(association, 2026).summary
    assert summary.plans == 2
    assert summary.capex == 13_000_000 and summary.own == 12_000_000
    assert summary.funding_gap == 3_000_000 and summary.reduction_t == 550
    assert summary.per_inhabitant == pytest.approx(222.40, abs=0.01)  # (171.21 + 273.60) ÷ 2
    assert summary.own_share == pytest.approx(0.954545, abs=1e-6)  # (10/11 + 1) ÷ 2
    assert summary.financed_share == pytest.approx(0.454545, abs=1e-6)  # (10/11 + 0) ÷ 2
    assert summary.per_tonne == pytest.approx(1_677.55, abs=0.01)  # Tallnäs has none


def test_the_export_rows(association, plans):
    overview = investment_overview(association, 2026)
    rows = {row["code"]: row for row in overview.export_rows()}
    assert rows["9102"] | {"name": None} == {
        "code": "9102",
        "name": None,
        "year": 2026,
        "plan_id": plans["strandhamn"].pk,
        "plan_year": 2026,
        "plan_version": 2,
        "plan_status": "adopted",
        "capex_sek": 11_000_000,
        "inhabitants": 64_250,
        "population_year": 2024,
        "capex_per_inhabitant_sek": 171,
        "own_share_pct": pytest.approx(90.909, abs=0.001),
        "financed_share_pct": pytest.approx(90.909, abs=0.001),
        "funding_gap_sek": 1_000_000,
        "reduction_t": 550,
        "sek_per_t": 1_678,
        "sek_per_t_with_co_benefits": 1_496,
    }
    assert rows["9201"]["plan_year"] == 2024 and rows["9201"]["sek_per_t"] is None
    assert set(rows["9101"].values()) - {"9101", rows["9101"]["name"], 2026} == {None}
    assert "gap_covered_pct" not in rows["9102"]


def test_the_gap_covered_is_a_column_when_it_is_given(association, plans):
    covered = {plans["strandhamn"].pk: 0.25}
    overview = investment_overview(
        association, 2026, gap_covered=lambda plans: {p.pk: covered.get(p.pk) for p in plans}
    )
    assert overview.columns()[-1].key == "gap_covered_pct"
    rows = {row["code"]: row for row in overview.export_rows()}
    assert rows["9102"]["gap_covered_pct"] == 25
    assert rows["9201"]["gap_covered_pct"] is None and rows["9101"]["gap_covered_pct"] is None


def test_the_plans_of_all_members_take_a_few_queries(association, plans):
    with CaptureQueriesContext(connection) as few:
        investment_overview(association, 2026)
    # The members, their plans, the plans' lines (with their measures) and the populations.
    assert len(few) == 4, [q["sql"] for q in few]
    for code in ("9104", "9105", "9202", "9203"):
        other = Organisation.objects.get(code=code)
        plan = services.create_plan(command_line(), other, {"year": 2026, **HORIZON})
        services.create_line(command_line(), plan, CHARGING)
    with CaptureQueriesContext(connection) as more:
        overview = investment_overview(association, 2026)
    assert len(more) == len(few) and overview.summary.plans == 6


def test_a_year_without_plans(association):
    overview = investment_overview(association, 2026)
    assert overview.without_plan == len(overview.members) == len(MEMBERS_2026)
    assert overview.summary.plans == 0 and overview.summary.per_inhabitant is None
