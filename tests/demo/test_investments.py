"""The demo's climate investment plans.

Kalmar's is quoted from its climate contract 2024: every quote stands verbatim in the seed text,
in the section its row names, and no figure is added that the contract does not give. The
example dataset's are fictional: Strandhamn's plan has every kind of actor, funding source and
funding status, and a second version whose comparison with the first shows added, removed and
changed lines; Mossala has a smaller plan."""

import pytest

from demo.contract import CONTRACT, assert_quoted, flat, inner_quotes, rows
from klimatlaget.associations.models import Membership
from klimatlaget.audit.models import AuditEntry
from klimatlaget.calc.investments import NotApplicable
from klimatlaget.demo.association import ASSOCIATION_CODE, load_demo_association_and_targets
from klimatlaget.demo.investments import (
    EXAMPLE_LINES,
    REAL_LINES,
    REAL_PLANS,
    load_demo_investments,
)
from klimatlaget.demo.measures import REAL_MEASURES, load_demo_measures
from klimatlaget.investments import figures, services
from klimatlaget.investments.choices import Actor, FundingSource, FundingStatus
from klimatlaget.investments.models import InvestmentPlan

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
#: What the contract does not give for a line: left empty in the file.
NOT_GIVEN = (
    "opex_by_year",
    "savings_by_year",
    "lifetime_years",
    "co_benefits_sek",
    "co_benefits_named",
    "reduction_t",
    "reduction_reason",
    "effect_year",
    "beneficiary",
    "payer",
)
BIOGAS = "Kommunen arbetar med två fristående etableringar (Gasum och Biokraft)"


def _quotes(text: str) -> list[str]:
    return [quote.strip() for quote in text.split(" | ")]


# Kalmar, quoted from its contract --------------------------------------------------------------


def test_kalmars_plan_and_lines_stand_in_the_contract_in_their_sections(contract):
    text = flat(contract)
    [plan] = rows(REAL_PLANS)
    assert plan["status"] == "draft" and not plan["adopted_on"]
    for quote in _quotes(plan["quote"]):
        assert_quoted(quote, contract, plan["source"])
    assert "Kalmar kommun har ingen klimatinvesteringsplan än." in _quotes(plan["quote"])
    for quote in inner_quotes(plan["notes"]):
        assert flat(quote) in text, quote
    # The plan's notes say what the contract leaves open.
    for gap in (
        "inget år för investeringarna",
        "ingen ekonomisk livslängd",
        "inga drift- och underhållskostnader",
        "inga besparingar",
        "inga värderade sidonyttor",
        "ingen förväntad minskning i ton CO2e",
    ):
        assert gap in plan["notes"], gap

    lines = rows(REAL_LINES)
    measures = {row["code"]: row for row in rows(REAL_MEASURES)}
    assert [(row["measure"], row["plan"]) for row in lines] == [
        ("E1", plan["title"]),
        ("E2", plan["title"]),
    ]
    for row in lines:
        assert row["organisation"] == "0880"
        assert_quoted(row["quote"], contract, row["source"])
        for quote in inner_quotes(row["notes"]):
            assert flat(quote) in text, quote
        # The line quotes the passage its measure quotes.
        assert row["quote"] == measures[row["measure"]]["description"]
        assert row["quote"].startswith(BIOGAS)
        # About 650 Mkr each, no investment decision: funding not decided.
        assert row["capex_by_year"] == "2024: 650000000"
        assert "650 miljoner i investeringskostnad" in row["quote"]
        assert row["funding_status"] == "not_decided"
        assert "Investeringsbeslut saknas" in row["quote"]
        assert row["actor"] == "private_company" and row["title"].endswith(
            f"({measures[row['measure']]['responsible']})"
        )
        assert [name for name in NOT_GIVEN if row[name]] == []
    # The year of the amount is the contract's own, and the notes say it is not given.
    assert "beloppen står under 2024, kontraktets år" in plan["notes"]


def test_kalmars_plan_loads_once_marked_as_quoted(kalmar, client):
    load_demo_measures(example=False, say=lambda _text: None)
    said: list[str] = []
    load_demo_investments(example=False, say=said.append)
    assert said == ["Investment plans: 1 plans and 2 lines created, 0 changed, 0 removed."]
    plan = InvestmentPlan.objects.get(organisation__code="0880")
    assert (plan.quoted, plan.status, plan.year, plan.version_number) == (True, "draft", 2024, 1)
    assert plan.source == CONTRACT + "3.5"
    notes = flat(plan.notes)
    for row in rows(REAL_LINES):  # each line's quote and section kept
        assert f"Raden {row['title']}, avsnitt 7.1: ”{flat(row['quote'])}”" in notes
    assert "Kalmar kommun har ingen klimatinvesteringsplan än." in notes

    lines = figures.plan_lines(plan)
    assert [(line.measure.code, line.capex_total) for line in lines] == [
        ("E1", 650_000_000),
        ("E2", 650_000_000),
    ]
    for line in lines:
        assert line.lifetime_years is None and line.expected_reduction_t is None
        assert line.opex_by_year == {} and line.savings_by_year == {}
        assert line.co_benefits_sek == {} and line.co_benefits_named == []
    result = figures.plan_figures(plan)
    assert result.totals.capex == 1_300_000_000 == result.totals.funding_gap
    assert result.totals.own == 0 and result.plan_cost.per_tonne is None
    assert result.curve == []
    assert result.plan_cost.not_applicable == {NotApplicable.NO_REDUCTION: 2}

    entries = AuditEntry.objects.count()
    said.clear()
    load_demo_investments(example=False, say=said.append)
    assert said == ["Investment plans: 0 plans and 0 lines created, 0 changed, 0 removed."]
    assert AuditEntry.objects.count() == entries

    page = client.get(f"/o/0880/investments/{plan.pk}/", **ENGLISH).content.decode()
    assert 'id="plan-quoted"' in page and "Quoted from the source" in page
    assert 'id="plan-notes"' in page and "ingen klimatinvesteringsplan än" in page
    assert page.count('data-line="') == 2
    listed = client.get("/o/0880/investments/", **ENGLISH).content.decode()
    assert listed.count('class="flag quoted"') == 1
    api = client.get(f"/api/investment-plans/{plan.pk}").json()
    assert api["quoted"] is True and api["notes"] == plan.notes
    assert api["figures"]["funding_gap_sek"] == 1_300_000_000


# The fictional example ---------------------------------------------------------------------------


@pytest.fixture
def example_plans(example_data):
    load_demo_association_and_targets(example=True, say=lambda _text: None)
    return InvestmentPlan.objects.filter(organisation__code="9102").order_by("version_number")


def test_strandhamns_plan_is_full_and_its_figures_sensible(example_plans):
    first = example_plans.get(version_number=1)
    assert (first.status, first.version_number, first.adopted_on.isoformat()) == (
        "adopted",
        1,
        "2025-06-16",
    )
    assert not first.quoted and "Fictional" in first.notes
    lines = figures.plan_lines(first)
    assert 12 <= len(lines) <= 20
    assert sum(line.measure is not None for line in lines) >= 8
    assert len({line.group_name for line in lines if line.group_name}) >= 3
    assert {line.actor for line in lines} == set(Actor.values)
    assert {line.funding_source for line in lines} == set(FundingSource.values) - {"other"}
    assert {line.funding_status for line in lines} == set(FundingStatus.values)
    assert all(line.lifetime_years for line in lines)
    assert sum(bool(line.opex_by_year) for line in lines) >= 8
    assert sum(bool(line.savings_by_year) for line in lines) >= 8
    assert sum(bool(line.co_benefits_sek) for line in lines) >= 6
    assert sum(bool(line.co_benefits_named) for line in lines) >= 10
    overridden = [line for line in lines if line.reduction_overridden]
    assert [line.measure.code for line in overridden] == ["V2"]
    assert overridden[0].reduction_reason

    result = figures.plan_figures(first)
    adaptation = [line for line in lines if line.measure and line.measure.code == "KA1"]
    assert [line.expected_reduction_t for line in adaptation] == [None]
    assert result.costs[adaptation[0].pk].not_applicable == NotApplicable.NO_REDUCTION
    totals = result.totals
    assert totals.capex > 0 and 0 < totals.own < totals.capex
    assert 0 < totals.funding_gap < totals.capex
    assert result.reduction_t > 0
    assert result.plan_cost.per_tonne is not None and result.plan_cost.per_tonne > 0
    assert len(result.curve) == len(lines) - 1  # every line but the adaptation one
    heights = [bar.height for bar in result.curve]
    assert heights == sorted(heights) and heights[0] < 0 < heights[-1]  # some lines pay back


def test_the_second_version_is_a_draft_with_added_removed_and_changed_lines(example_plans, client):
    first, second = example_plans
    assert (second.status, second.version_number, second.replaces) == ("draft", 2, first)
    assert second.year == first.year and second.adopted_on is None
    comparison = services.compare(first, second)
    titles = {str(line.key): line.title for plan in (first, second) for line in plan.lines.all()}
    assert [titles[key] for key in comparison.added] == ["Vätgasstation för tung trafik i hamnen"]
    assert [titles[key] for key in comparison.removed] == ["Publika snabbladdare vid infarterna"]
    assert {titles[key]: sorted(fields) for key, fields in comparison.changed.items()} == {
        "Elbussar i stadstrafiken": ["capex_by_year"],
        "Laddinfrastruktur vid kommunens arbetsplatser": ["funding_status"],
        "Elbussar på regionens landsbygdslinjer": [
            "capex_by_year",
            "effect_year",
            "reduction_t",
        ],
    }
    assert len(comparison.unchanged) == first.lines.count() - 1 - 3
    assert AuditEntry.objects.filter(
        action="klimatlaget.investment_plan.new_version", subject_id=second.pk
    ).exists()

    page = client.get(f"/o/9102/investments/{second.pk}/compare/", **ENGLISH)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Vätgasstation för tung trafik i hamnen" in html.split('id="added"')[1]
    assert "Publika snabbladdare vid infarterna" in html.split('id="removed"')[1]
    assert html.count('<th scope="rowgroup"') == 3
    api = client.get(f"/api/investment-plans/{second.pk}/compare").json()
    assert (len(api["added"]), len(api["removed"]), len(api["changed"])) == (1, 1, 3)


def test_two_members_have_plans_and_loading_again_changes_nothing(example_plans):
    members = Membership.objects.filter(association__code=ASSOCIATION_CODE, left=None)
    with_plans = InvestmentPlan.objects.filter(
        organisation__in=members.values("member"), status="adopted"
    )
    assert sorted(with_plans.values_list("organisation__code", flat=True)) == ["9102", "9105"]
    mossala = with_plans.get(organisation__code="9105")
    assert len(rows(EXAMPLE_LINES)) - 4 == example_plans.first().lines.count()
    assert mossala.lines.count() == 4 and figures.plan_figures(mossala).curve

    entries = AuditEntry.objects.count()
    said: list[str] = []
    load_demo_investments(example=True, say=said.append)
    assert said == ["Investment plans: 0 plans and 0 lines created, 0 changed, 0 removed."]
    assert AuditEntry.objects.count() == entries
