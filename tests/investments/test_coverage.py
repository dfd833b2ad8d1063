"""A plan's gap coverage and cumulative effect from the organisation's figures: a hand-built
municipality whose emissions fall on straight lines, so the trends are those lines and the
Carbon Law pathway and the budget can be worked out by hand (docs/METHOD.md, "Gap coverage
and cumulative effect of a plan")."""

import csv
import io

import pytest

from klimatlaget.accounts.actors import command_line
from klimatlaget.budgets.models import BudgetSettings, PathwayChoice
from klimatlaget.calc import MetricParameters
from klimatlaget.calc.parameters import DEFAULT_CARBON_LAW_RATE
from klimatlaget.emissions.models import Emission
from klimatlaget.investments import coverage, services
from klimatlaget.measures import services as measure_services
from klimatlaget.organisations.models import Organisation, OrganisationKind

PARAMS = MetricParameters(current_year=2026)
TRANSPORT, FARMING = "Transporter", "Jordbruk"

#: The Carbon Law pathway starts in 2026 from the total's trend there (1 500 − 20 × 11 = 1 280 t).
START = 1_280.0
FACTOR = 1 - DEFAULT_CARBON_LAW_RATE


def pathway(year):
    return START * FACTOR ** (year - 2026)


def line(title, sector, reduction, effect_year, decided=True):
    return {
        "title": title,
        "actor": "municipality",
        "capex_by_year": {"2026": 1_000_000},
        "lifetime_years": 10,
        "funding_source": "own_budget",
        "funding_status": "decided" if decided else "applied_for",
        "sector": sector,
        "reduction_t": reduction,
        "effect_year": effect_year,
    }


@pytest.fixture
def linjeby(db):
    """Transport 1 000 t in 2015 falling by 20 t a year (820 t in 2024), farming 500 t flat."""
    organisation = Organisation.objects.create(
        code="9990", name="Linjeby", kind=OrganisationKind.MUNICIPALITY
    )
    Emission.objects.bulk_create(
        Emission(organisation=organisation, year=year, sector=sector, tco2e=value)
        for year in range(2015, 2025)
        for sector, value in ((TRANSPORT, 1_000 - 20 * (year - 2015)), (FARMING, 500))
    )
    # The budget of 2030 gives farming 400 t; transport has the rest of the pathway's value.
    BudgetSettings.objects.create(
        organisation=organisation,
        year=2030,
        pathway=PathwayChoice.CARBON_LAW,
        sector_budgets={FARMING: 400},
    )
    return organisation


@pytest.fixture
def plan(linjeby):
    actor = command_line()
    plan = services.create_plan(
        actor,
        linjeby,
        {"year": 2026, "horizon_from": 2026, "horizon_to": 2030, "scope": "territory"},
    )
    for values in (
        line("Bus depot", TRANSPORT, 200, 2027),
        line("Charging", TRANSPORT, 50, 2026, decided=False),
        line("Biogas plant", FARMING, 150, 2029, decided=False),
        line("Town hall", "own_operations", 10, 2026),
        line("Too late", TRANSPORT, 999, 2031),
    ):
        services.create_line(actor, plan, values)
    # A line of a measure deleted since has no sector left (and is decided by its funding).
    measure = measure_services.create_measure(
        actor,
        linjeby,
        {
            "code": "M1",
            "title": "Gone",
            "sector": FARMING,
            "type": "technical",
            "status": "decided",
        },
    )
    unsorted = {**line("Unsorted", "", 30, 2026), "measure_id": measure.pk}
    services.create_line(actor, plan, {**unsorted, "reduction_reason": "Own estimate"})
    measure_services.delete_measure(actor, measure)
    return plan


def by_sector(result):
    return {row.sector: row for row in result.rows}


def test_the_gap_is_the_trend_less_the_sector_budget_in_the_horizon_year(plan):
    result = coverage.plan_coverage(plan, PARAMS)
    assert result.problem is None and result.horizon_year == 2030
    assert result.pathway == PathwayChoice.CARBON_LAW and result.territorial_scope
    rows = by_sector(result)
    transport_budget = round(pathway(2030)) - 400
    # Transport: trend 820 − 20 × 6 = 700 t in 2030.
    transport = rows[TRANSPORT]
    assert transport.trend_t == pytest.approx(700, abs=1e-3)
    assert transport.target_t == transport_budget
    assert transport.coverage.gap_t == pytest.approx(700 - transport_budget, abs=1e-3)
    # The depot (decided) and the charging (proposed) count; "Too late" does not (2031).
    assert (transport.coverage.decided_t, transport.coverage.proposed_t) == (200, 50)
    assert transport.coverage.uncovered_t == pytest.approx(700 - transport_budget - 250, abs=1e-3)
    # Farming: trend 500 t, budget 400 t, gap 100 t; the biogas plant's 150 t go 50 t beyond.
    farming = rows[FARMING].coverage
    assert (farming.gap_t, farming.proposed_t, farming.uncovered_t, farming.surplus_t) == (
        pytest.approx(100, abs=1e-3),
        150,
        0,
        pytest.approx(50, abs=1e-3),
    )
    # The lines without a sector or outside the territory are listed without a gap.
    assert rows[""].coverage.gap_t is None and rows[""].coverage.decided_t == 30
    assert rows["own_operations"].coverage.gap_t is None
    assert [row.sector for row in result.rows] == [FARMING, TRANSPORT, "", "own_operations"]
    assert plan.lines.get(title="Unsorted").effective_sector == ""


def test_the_total_and_its_covered_share(plan):
    total = coverage.plan_coverage(plan, PARAMS).total
    transport_gap = 700 - (round(pathway(2030)) - 400)
    assert total.gap_t == pytest.approx(transport_gap + 100, abs=1e-3)
    assert (total.decided_t, total.proposed_t) == (240, 200)
    # Covered: 250 t of transport's gap and all 100 t of farming's (its surplus does not help).
    assert total.covered_t == pytest.approx(350, abs=1e-3)
    assert total.uncovered_t == pytest.approx(transport_gap - 250, abs=1e-3)
    assert total.covered_share == pytest.approx(350 / (transport_gap + 100), rel=1e-6)


def test_the_cumulative_effect_over_the_horizon_against_the_pathway(plan):
    effect = coverage.plan_coverage(plan, PARAMS).cumulative
    assert effect is not None and effect.years == [2026, 2027, 2028, 2029, 2030]
    # Baseline: the total's trend, 1 280 t in 2026 falling by 20 t a year.
    assert effect.without == pytest.approx(
        {2026: 1280, 2027: 1260, 2028: 1240, 2029: 1220, 2030: 1200}
    )
    # Decided in the territory: the depot from 2027 (the unsorted and town hall lines do not count).
    assert effect.with_decided == pytest.approx(
        {2026: 1280, 2027: 1060, 2028: 1040, 2029: 1020, 2030: 1000}
    )
    # All: the charging from 2026, the biogas plant from 2029.
    assert effect.with_plan == pytest.approx(
        {2026: 1230, 2027: 1010, 2028: 990, 2029: 820, 2030: 800}
    )
    assert effect.total_without == pytest.approx(6_200)
    assert effect.total_with_plan == pytest.approx(4_850)
    budget = sum(pathway(year) for year in range(2026, 2031))
    assert effect.budget_t == pytest.approx(budget)
    assert effect.overshoot_t == pytest.approx(4_850 - budget)


def test_horizon_years_before_the_pathway_are_left_out_of_the_cumulative_effect(plan):
    services.update_plan(command_line(), plan, {"horizon_from": 2024, "version": plan.version})
    result = coverage.plan_coverage(plan, PARAMS)
    assert result.left_out_years == [2024, 2025]
    assert result.cumulative is not None and result.cumulative.years[0] == 2026


def test_a_changed_line_is_seen_at_once(plan):
    assert coverage.plan_coverage(plan, PARAMS).total.decided_t == 240
    depot = plan.lines.get(title="Bus depot")
    services.update_line(command_line(), depot, {"reduction_t": 300, "version": depot.version})
    assert coverage.plan_coverage(plan, PARAMS).total.decided_t == 340


def test_without_emissions_the_lines_are_listed_and_nothing_breaks(db):
    empty = Organisation.objects.create(
        code="9991", name="Tomby", kind=OrganisationKind.MUNICIPALITY
    )
    plan = services.create_plan(
        command_line(), empty, {"year": 2026, "horizon_from": 2026, "horizon_to": 2030}
    )
    services.create_line(command_line(), plan, line("Depot", TRANSPORT, 200, 2027))
    result = coverage.plan_coverage(plan, PARAMS)
    assert result.problem == coverage.NO_EMISSIONS and result.cumulative is None
    assert [(row.sector, row.coverage.gap_t) for row in result.rows] == [(TRANSPORT, None)]
    assert result.total.covered_share is None and not result.territorial_scope


def test_the_years_left_out_are_named_on_the_page(client, plan):
    services.update_plan(
        command_line(), plan, {"horizon_from": 2024, "horizon_to": 2052, "version": plan.version}
    )
    page = client.get(page_url(plan), {"current_year": 2026}, **EN).content.decode()
    assert '<span id="cumulative-left-out">The years 2024–2025, 2051–2052 of the horizon' in page
    assert 'id="coverage-problem" data-problem="not_on_pathway"' in page


def test_a_horizon_year_off_the_pathway_has_no_gap(plan):
    services.update_plan(command_line(), plan, {"horizon_to": 2055, "version": plan.version})
    result = coverage.plan_coverage(plan, PARAMS)
    assert result.problem == "not_on_pathway"
    assert all(row.coverage.gap_t is None for row in result.rows)
    # The cumulative effect counts the horizon years on the pathway (to 2050) only.
    assert result.left_out_years == [2051, 2052, 2053, 2054, 2055]
    effect = result.cumulative
    assert effect is not None and effect.years == list(range(2026, 2051))
    assert effect.budget_t == pytest.approx(sum(pathway(year) for year in range(2026, 2051)))
    assert effect.without[2050] == pytest.approx(800)
    # "Too late" (999 t) counts from 2031: 1 180 − 200 − 999 is below zero, so zero.
    assert effect.with_decided[2031] == 0


# The plan page, its CSVs and the API ---------------------------------------------------------

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def page_url(plan, tail=""):
    return f"/o/9990/investments/{plan.pk}/{tail}"


def test_the_plan_page_shows_the_coverage_and_the_cumulative_effect(client, plan):
    response = client.get(page_url(plan), {"current_year": 2026}, **EN)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="gap-coverage"' in page and 'id="cumulative-effect"' in page
    # The chart in three widths, a row per sector with a reduction or a gap.
    assert page.count('class="kl-chart kl-chart-coverage') == 3
    assert page.count('data-key="Transporter"') == 3
    assert '<tr data-sector="Transporter">' in page and '<tr data-sector="total">' in page
    assert 'id="coverage-uncovered"' in page
    share = response.context["coverage"]["data"].total.covered_share
    assert f'data-value="{share}" id="coverage-share"' in page
    # The lines without a sector and outside the territory are explained; the scope is the
    # territory's, so no remark about it.
    assert 'id="coverage-no-sector"' in page and 'id="coverage-outside"' in page
    assert 'id="coverage-scope"' not in page and 'id="coverage-problem"' not in page
    assert 'data-value="6200.0" id="cumulative-without"' in page
    assert 'data-value="4850.0" id="cumulative-plan"' in page
    assert page.count('class="kl-chart kl-chart-line') == 3
    assert '<tr data-year="2030">' in page
    assert "Carbon budget for the same years" in page
    assert f'href="/o/9990/investments/{plan.pk}/coverage.csv"' in page
    assert f'href="/o/9990/investments/{plan.pk}/cumulative.csv"' in page


def test_a_plan_of_the_municipal_organisation_says_the_gap_is_the_territorys(client, plan):
    services.update_plan(command_line(), plan, {"scope": "organisation", "version": plan.version})
    page = client.get(page_url(plan), {"current_year": 2026}, **EN).content.decode()
    assert 'id="coverage-scope"' in page
    assert "the gap is the whole territory's" in page


def test_without_emissions_the_page_explains_and_shows_the_lines(client, db):
    empty = Organisation.objects.create(
        code="9991", name="Tomby", kind=OrganisationKind.MUNICIPALITY
    )
    plan = services.create_plan(
        command_line(), empty, {"year": 2026, "horizon_from": 2026, "horizon_to": 2030}
    )
    services.create_line(command_line(), plan, line("Depot", TRANSPORT, 200, 2027))
    response = client.get(f"/o/9991/investments/{plan.pk}/", **EN)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="coverage-problem" data-problem="no_emissions"' in page
    assert "has no emissions figures by sector" in page
    assert 'id="cumulative-none"' in page and 'id="cumulative-csv"' not in page
    assert '<tr data-sector="Transporter">' in page
    csv_text = client.get(f"/o/9991/investments/{plan.pk}/cumulative.csv").content.decode()
    assert csv_text.splitlines() == [
        "code,plan,plan_id,year,without_plan_t,with_decided_t,with_plan_t,budget_t"
    ]


def test_the_coverage_csv(client, plan):
    response = client.get(page_url(plan, "coverage.csv"), {"current_year": 2026})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["sector"] for row in rows] == [FARMING, TRANSPORT, "", "own_operations", "total"]
    farming = rows[0]
    assert (farming["horizon_year"], farming["budget_t"], farming["proposed_t"]) == (
        "2030",
        "400.0",
        "150.0",
    )
    assert float(farming["gap_t"]) == pytest.approx(100, abs=1e-3)
    assert (farming["uncovered_t"], farming["covered_pct"]) == ("0.0", "100.0")
    assert rows[-1]["decided_t"] == "240.0" and rows[-1]["proposed_t"] == "200.0"


def test_the_cumulative_csv(client, plan):
    response = client.get(page_url(plan, "cumulative.csv"), {"current_year": 2026})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["year"] for row in rows] == ["2026", "2027", "2028", "2029", "2030", "total"]
    assert (rows[3]["without_plan_t"], rows[3]["with_decided_t"], rows[3]["with_plan_t"]) == (
        "1220.0",
        "1020.0",
        "820.0",
    )
    assert float(rows[-1]["with_plan_t"]) == pytest.approx(4_850)
    budget = sum(pathway(year) for year in range(2026, 2031))
    assert float(rows[-1]["budget_t"]) == pytest.approx(budget, abs=1e-3)


def test_the_coverage_api(client, plan):
    response = client.get(f"/api/investment-plans/{plan.pk}/coverage", {"current_year": 2026})
    assert response.status_code == 200
    body = response.json()
    assert (body["plan_id"], body["horizon_year"], body["problem"]) == (plan.pk, 2030, None)
    assert body["pathway"] == "carbon_law" and body["territorial_scope"] is True
    sectors = {row["sector"]: row for row in body["rows"]}
    assert sectors[FARMING]["budget_t"] == 400
    assert sectors[FARMING]["beyond_gap_t"] == pytest.approx(50, abs=1e-3)
    assert sectors[""]["gap_t"] is None
    total = body["total"]
    assert total["covered_t"] == pytest.approx(350, abs=1e-3)
    assert total["covered_share"] == pytest.approx(
        coverage.plan_coverage(plan, PARAMS).total.covered_share
    )
    cumulative = body["cumulative"]
    assert [y["year"] for y in cumulative["years"]] == [2026, 2027, 2028, 2029, 2030]
    assert cumulative["total_with_plan_t"] == pytest.approx(4_850)
    assert cumulative["saved_t"] == pytest.approx(1_350)
    assert cumulative["left_out_years"] == []


def test_the_coverage_api_answers_404_and_422(client, plan):
    assert client.get("/api/investment-plans/999999/coverage").status_code == 404
    response = client.get(f"/api/investment-plans/{plan.pk}/coverage", {"current_year": 1900})
    assert response.status_code == 422


def test_plan_coverage_is_cheap_once_computed(plan, django_assert_num_queries):
    coverage.plan_coverage(plan, PARAMS)
    # The data version and the lines with their measures; given the lines, the version only.
    with django_assert_num_queries(2):
        first = coverage.plan_coverage(plan, PARAMS)
    lines = list(plan.lines.select_related("measure"))
    with django_assert_num_queries(1):
        assert coverage.plan_coverage(plan, PARAMS, lines) is first


def test_the_members_overview_shows_each_plans_gap_covered(client, plan):
    """The county's overview (and its CSV and API) take the share from the plan's coverage."""
    expected = coverage.plan_coverage(plan).total.covered_share
    assert expected is not None and 0 < expected < 1
    county = Organisation.objects.create(code="99", name="Provlän", kind=OrganisationKind.COUNTY)
    Organisation.objects.filter(pk=plan.organisation.pk).update(county=county)
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(f"/o/{county.code}/investments/2026/members.csv").content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert [row["code"] for row in rows] == ["9990"]
    assert float(rows[0]["gap_covered_pct"]) == pytest.approx(expected * 100, abs=0.05)
    answer = client.get(f"/api/organisations/{county.code}/investment-plans/2026/members").json()
    assert answer["members"][0]["gap_covered_pct"] == pytest.approx(expected * 100)
    assert answer["summary"]["median_gap_covered_pct"] == pytest.approx(expected * 100)
