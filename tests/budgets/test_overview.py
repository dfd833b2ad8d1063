"""The members' budget overview of an association and of a county (the nation's counties): the
page, its CSV and the API, each member's line the same as the total of its own budget page."""

import csv
import io

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from klimatlaget.api.routes import api
from klimatlaget.budgets.overview import budget_members, budget_overview
from klimatlaget.budgets.report import budget_report
from klimatlaget.measures.models import Measure
from klimatlaget.organisations.models import Organisation

from .conftest import PARAMS

ASSOC = "/associations/klimatkommunerna"
#: Members of the example association in 2026 (Björkås, 9103, left in 2019).
MEMBERS_2026 = {"9101", "9102", "9104", "9105", "9201", "9202", "9203", "9204", "9205", "91", "92"}
COLUMNS = (
    "code,name,year,budget_t,outcome_t,outcome_kind,light,deviation_pct,"
    "expected_reduction_decided_t,expected_reduction_proposed_t,gap_t,problem"
)


@pytest.fixture
def association(example_data):
    from klimatlaget.demo.association import load_memberships

    return load_memberships(example=True).association


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def measures(example_data):
    """Strandhamn expects 500 t from a decided measure on transport and 200 t from a proposed
    one; a cancelled measure counts in neither."""
    strandhamn = Organisation.objects.get(code="9102")
    for code, status, reduction in (
        ("T1", "decided", 500),
        ("T2", "proposed", 200),
        ("T3", "cancelled", 9000),
    ):
        Measure.objects.create(
            organisation=strandhamn,
            code=code,
            title=code,
            sector="Transporter",
            type="technical",
            status=status,
            expected_reduction_t=reduction,
            effect_year=2025,
        )


def rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_members_are_those_of_the_year(association):
    assert {m.code for m in budget_members(association, 2026)} == MEMBERS_2026
    in_2019 = {m.code for m in budget_members(association, 2019)}
    assert "9103" in in_2019 and "9201" not in in_2019 and "92" not in in_2019
    county = Organisation.objects.get(code="91")
    assert [m.code for m in budget_members(county, 2026)] == [
        "9103",
        "9101",
        "9104",
        "9105",
        "9102",
    ]  # fmt: skip  (by name: Björkås, Ekby, Granvik, Mossala, Strandhamn)
    nation = Organisation.objects.get(code="00")
    assert {m.code for m in budget_members(nation, 2026)} == {"91", "92"}
    assert not budget_members(Organisation.objects.get(code="9102"), 2026).exists()


def test_each_line_is_the_total_of_the_members_own_budget(association, measures):
    overview = budget_overview(association, 2026, PARAMS)
    assert {m.organisation.code for m in overview.members} == MEMBERS_2026
    for member in overview.members:
        own = budget_report(member.organisation, 2026, PARAMS).years[-1]
        assert member.total == own
    strandhamn = next(m for m in overview.members if m.organisation.code == "9102")
    assert (strandhamn.decided_t, strandhamn.proposed_t) == (500, 200)
    assert strandhamn.gap_t == pytest.approx(
        strandhamn.outcome_t - 500 - strandhamn.budget_t  # type: ignore[operator]
    )
    deviation = (strandhamn.outcome_t - strandhamn.budget_t) / strandhamn.budget_t * 100
    assert strandhamn.deviation_pct == pytest.approx(deviation)
    counts = overview.counts()
    assert sum(counts.values()) == len(MEMBERS_2026)
    assert counts["none"] == 0  # every example member has sectors and a 2026 budget


def test_a_year_without_budgets_counts_the_members_without_a_light(association):
    overview = budget_overview(association, 2023, PARAMS)  # the pathway starts in 2026
    assert overview.counts()["none"] == len(overview.members)
    assert {m.problem for m in overview.members} == {"not_on_pathway"}
    assert all(m.outcome_kind == "actual" for m in overview.members)  # SMHI's figure of 2023


def test_the_measures_of_all_members_come_in_one_query(association, measures):
    budget_overview(association, 2026, PARAMS)  # the outcomes computed and cached
    with CaptureQueriesContext(connection) as queries:
        budget_overview(association, 2026, PARAMS)
    measure_queries = [q for q in queries if "measures_measure" in q["sql"]]
    assert len(measure_queries) == 1
    # The members, the data version, the measures and who has an approved follow-up: not one
    # query per member.
    assert len(queries) <= 5, [q["sql"] for q in queries]


def test_a_members_line_counts_its_follow_up_as_its_own_page_does(association, measures):
    from klimatlaget.accounts.actors import command_line
    from klimatlaget.followup import services

    strandhamn = Organisation.objects.get(code="9102")
    before = budget_overview(association, 2026, PARAMS)
    period = services.prepare_period(command_line(), strandhamn, 2026, 1)
    for report in period.measure_reports.all():
        services.report_on_measure(command_line(), report, {"achieved_reduction_t": 300})
    services.approve_period(command_line(), period)
    overview = budget_overview(association, 2026, PARAMS)
    line = next(m for m in overview.members if m.organisation.code == "9102")
    own = budget_report(strandhamn, 2026, PARAMS)
    assert own.follow_up is not None and own.follow_up.total_t > 0
    assert line.total == own.years[-1]
    earlier = next(m for m in before.members if m.organisation.code == "9102")
    assert line.outcome_t == pytest.approx(earlier.outcome_t - own.follow_up.total_t)


def test_the_association_page(client, association, measures, english):
    response = client.get(f"{ASSOC}/budget/2026/?current_year=2026")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('<tr data-code="') == len(MEMBERS_2026)
    assert 'href="/o/9102/budget/2026/?current_year=2026"' in page  # keeps the parameters
    assert 'id="light-counts"' in page and "<svg" in page and 'id="overview-chart"' in page
    assert 'href="/associations/klimatkommunerna/budget/2025/?current_year=2026"' in page
    assert 'href="/associations/klimatkommunerna/budget/2027/?current_year=2026"' in page
    counts = budget_overview(
        Organisation.objects.get(code="klimatkommunerna"), 2026, PARAMS
    ).counts()
    for light, count in counts.items():
        card = page.split(f'<li class="card" data-light="{light}">')[1].split("</li>")[0]
        assert f'<p class="value">{count}</p>' in card


def test_the_page_filters_and_sorts(client, association, english):
    base = f"{ASSOC}/budget/2026/?current_year=2026"
    overview = budget_overview(Organisation.objects.get(code="klimatkommunerna"), 2026, PARAMS)
    for light in ("green", "amber", "red"):
        page = client.get(f"{base}&light={light}").content.decode()
        expected = [m.organisation.code for m in overview.members if m.light == light]
        assert page.count('<tr data-code="') == len(expected)
        assert page.count(f'data-light="{light}">') == len(expected) + 1  # and its card
    by_name = client.get(f"{base}&sort=name&dir=asc").content.decode()
    codes = [part.split('"')[0] for part in by_name.split('<tr data-code="')[1:]]
    names = {m.organisation.code: m.organisation.name for m in overview.members}
    assert [names[c] for c in codes] == sorted(names.values(), key=str.casefold)
    by_budget = rows(client.get(f"{base.replace('/?', '.csv?')}&sort=budget_t&dir=desc").content)
    budgets = [int(r["budget_t"]) for r in by_budget]
    assert budgets == sorted(budgets, reverse=True)
    assert 'aria-sort="descending"' in client.get(f"{base}&sort=gap_t").content.decode()


def test_the_csv_has_a_row_per_member(client, association, measures):
    response = client.get(f"{ASSOC}/budget/2026.csv?current_year=2026")
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").splitlines()[0] == COLUMNS
    table = rows(response.content)
    assert {r["code"] for r in table} == MEMBERS_2026
    strandhamn = next(r for r in table if r["code"] == "9102")
    assert float(strandhamn["expected_reduction_decided_t"]) == 500
    assert float(strandhamn["expected_reduction_proposed_t"]) == 200
    assert strandhamn["outcome_kind"] == "nowcast" and strandhamn["light"] in {
        "green", "amber", "red"
    }  # fmt: skip
    excel = client.get(f"{ASSOC}/budget/2026.csv?current_year=2026&dialect=excel-sv")
    assert excel.content.decode("utf-8-sig").splitlines()[0].count(";") == 11


def test_the_county_page_lists_its_municipalities(client, example_data, english):
    response = client.get("/o/91/budget/2026/members/?current_year=2026")
    assert response.status_code == 200
    page = response.content.decode()
    codes = {part.split('"')[0] for part in page.split('<tr data-code="')[1:]}
    assert codes == {"9101", "9102", "9103", "9104", "9105"}
    nation = client.get("/o/00/budget/2026/members/?current_year=2026").content.decode()
    assert nation.count('<tr data-code="') == 2
    assert client.get("/o/9102/budget/2026/members/").status_code == 404
    assert client.get("/o/9102/budget/2026/members.csv").status_code == 404
    assert client.get("/associations/9102/budget/2026/").status_code == 404
    table = rows(client.get("/o/91/budget/2026/members.csv?current_year=2026").content)
    assert len(table) == 5


def test_the_pages_link_to_the_overview(client, association):
    county = client.get("/o/91/?current_year=2026").content.decode()
    assert 'href="/o/91/budget/2026/members/?current_year=2026"' in county
    assert 'id="member-budgets-link"' not in client.get("/o/9102/").content.decode()
    page = client.get(f"{ASSOC}/").content.decode()
    assert 'id="member-budgets-link"' in page and f"{ASSOC}/budget/" in page


def test_the_api_gives_the_overview(client, association, measures):
    response = client.get("/api/associations/klimatkommunerna/budget/2026?current_year=2026")
    assert response.status_code == 200
    body = response.json()
    assert (body["code"], body["year"]) == ("klimatkommunerna", 2026)
    assert {m["code"] for m in body["members"]} == MEMBERS_2026
    assert sum(body["counts"].values()) == len(MEMBERS_2026)
    strandhamn = next(m for m in body["members"] if m["code"] == "9102")
    assert strandhamn["expected_reduction_decided_t"] == 500
    assert strandhamn["problem"] is None and strandhamn["light"] in {"green", "amber", "red"}
    county = client.get("/api/organisations/91/budget/2026/members?current_year=2026")
    assert {m["code"] for m in county.json()["members"]} == {"9101", "9102", "9103", "9104", "9105"}
    csv_response = client.get("/api/organisations/91/budget/2026/members?format=csv")
    assert len(rows(csv_response.content)) == 5
    assert client.get("/api/organisations/9102/budget/2026/members").status_code == 404
    assert client.get("/api/associations/9102/budget/2026").status_code == 404
    paths = api.get_openapi_schema()["paths"]
    for path in (
        "/api/associations/{code}/budget/{year}",
        "/api/organisations/{code}/budget/{year}/members",
    ):
        answers = paths[path]["get"]["responses"]
        ok = answers.get(200) or answers["200"]
        schema = ok["content"]["application/json"]["schema"]
        assert schema["$ref"].endswith("/BudgetOverviewOut")


def test_the_reductions_of_many_are_each_organisations_own(example_data):
    """Summed in the database, the same as each organisation's own: every status, effect and
    start years before, in and after the year, and measures without a reduction."""
    from klimatlaget.measures.effects import expected_reductions, expected_reductions_of_many

    members = list(Organisation.objects.filter(code__in=["9101", "9102", "9201"]))
    statuses = ("proposed", "decided", "ongoing", "completed", "postponed", "cancelled")
    for index, member in enumerate(members):
        for number in range(24):
            Measure.objects.create(
                organisation=member,
                code=f"M{number}",
                title=f"M{number}",
                sector=("Transporter", "Industri (energi + processer)", "own_operations")[
                    number % 3
                ],
                type="technical",
                status=statuses[number % len(statuses)],
                expected_reduction_t=None if number % 7 == 0 else 10.5 * (number + index),
                effect_year=None if number % 5 == 0 else 2020 + number % 9,
                start_year=2019 + number % 4 if number % 2 else None,
            )
    ids = [m.pk for m in members] + [Organisation.objects.get(code="9202").pk]  # none of its own
    for year in (2019, 2024, 2026, 2030):
        many = expected_reductions_of_many(ids, year)
        assert set(many) <= {m.pk for m in members}
        for member in members:
            own = expected_reductions(member, year)
            together = many.get(member.pk, {})
            assert set(together) == set(own)
            for sector, (decided, proposed) in own.items():
                assert together[sector] == (pytest.approx(decided), pytest.approx(proposed))
