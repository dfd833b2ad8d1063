"""The demo's plans, measures, indicators and quotas.

Kalmar's are quoted from its climate contract 2024: every quote, and every figure taken from one,
must stand verbatim in the seed text (whitespace aside), in the section the row names. The
example dataset's are fictional and cover every status, a replaced plan, two years of quarterly
indicator values and quotas followed up by quarter."""

from demo.contract import CONTRACT, assert_quoted, flat, inner_quotes, rows
from klimatlaget.audit.models import AuditEntry
from klimatlaget.demo.measures import (
    EXAMPLE_YEARS,
    REAL_INDICATORS,
    REAL_MEASURES,
    REAL_PLANS,
    load_demo_measures,
)
from klimatlaget.measures.models import (
    ActionPlan,
    EmissionQuota,
    Indicator,
    IndicatorValue,
    Measure,
    QuotaOutcome,
)
from klimatlaget.measures.plans import in_force

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_every_quoted_plan_stands_in_the_contract_in_its_section(contract):
    plans = rows(REAL_PLANS)
    assert len(plans) >= 10
    for row in plans:
        assert row["quote"], row["title"]
        assert_quoted(row["quote"], contract, row["source"])
        for quote in inner_quotes(row["notes"]):
            assert flat(quote) in flat(contract), quote
        if row["adopted_on"]:  # a date only where the contract gives one, to the day
            assert row["adopted_on"] in contract
    titles = [row["title"] for row in plans]
    for area in (
        "Gång",
        "Cykel",
        "Kollektivtrafik",
        "Bil",
        "Godstransporter",
        "Mobility Management",
    ):
        assert f"Mobilitetsstrategin: åtgärdsplan {area}" in titles


def test_every_quoted_measure_and_its_figures_stand_in_the_contract(contract):
    measures = rows(REAL_MEASURES)
    assert len(measures) >= 12
    text = flat(contract)
    for row in measures:
        assert row["quoted"] == "yes" and row["organisation"] == "0880"
        assert_quoted(row["description"], contract, row["source"])
        for quote in inner_quotes(row["method_note"]):
            assert flat(quote) in text, quote
        # no reduction is invented: the contract gives none, and the method note says so
        assert not row["expected_reduction_t"] and not row["effect_year"]
        assert "ingen förväntad minskning" in row["method_note"]
        if row["budget_sek"]:
            millions = int(row["budget_sek"]) // 1_000_000
            assert int(row["budget_sek"]) == millions * 1_000_000
            assert f"{millions} miljoner i investeringskostnad" in row["description"]
        if row["renewable_mwh"]:
            gwh = int(row["renewable_mwh"]) // 1000
            assert f"runt {gwh} GWh" in row["description"]
        for year in (row["start_year"], row["end_year"]):
            assert not year or year in row["description"], (row["code"], year)
    biogas = [row for row in measures if "Biogasanläggning" in row["title"]]
    assert len(biogas) == 2 and {row["status"] for row in biogas} == {"proposed"}
    assert {(row["budget_sek"], row["renewable_mwh"]) for row in biogas} == {
        ("650000000", "125000")
    }
    assert "Investeringsbeslut saknas" in biogas[0]["description"]
    contractor = next(row for row in measures if "entreprenader" in row["title"])
    assert (contractor["start_year"], contractor["end_year"]) == ("2025", "2028")


def test_every_quoted_indicator_target_stands_in_the_contract(contract):
    text = flat(contract)
    quoted = [row for row in rows(REAL_INDICATORS) if row["quote"]]
    assert len(quoted) == 2
    for row in quoted:
        for quote in row["quote"].split(" | "):
            assert_quoted(quote, contract, row["source"])
    requirement, modes = quoted
    assert requirement["target_values"] == "2025: 25 | 2026: 50 | 2027: 75 | 2028: 100"
    assert "Kravet år 2025 kommer vara 25% fossilfritt" in text
    assert "ökas med 25 % per år till 100 % år 2028" in text  # 25, 50, 75, 100
    assert modes["target_values"] == "2025: 45 | 2035: 60"
    assert "ska vara 45 procent år 2025" in modes["quote"]
    assert "Till 2035" in modes["quote"] and "utgör 60%" in modes["quote"]


def test_kalmars_plans_measures_and_indicators_load_once(kalmar, client):
    said: list[str] = []
    load_demo_measures(example=False, say=said.append)
    assert said == [
        "Action plans: 11 created, 0 changed.",
        f"Measures: {len(rows(REAL_MEASURES))} created, 0 changed.",
        "Indicators: 5 created, 0 changed.",
    ]
    plans = ActionPlan.objects.filter(organisation__code="0880")
    assert all(p.quoted and p.source.startswith(CONTRACT) for p in plans)
    fossil_free = plans.get(title="Handlingsplan fossilbränslefri kommun 2030")
    assert fossil_free.adopted_on is None and fossil_free.pk in in_force(plans)
    assert "inte när den antogs" in fossil_free.notes
    assert plans.filter(title__startswith="Mobilitetsstrategin:", status="draft").count() == 7
    biogas = Measure.objects.filter(organisation__code="0880", code__in=["E1", "E2"])
    assert [(m.status, m.budget_sek, m.renewable_mwh, m.quoted) for m in biogas] == [
        ("proposed", 650_000_000, 125_000, True)
    ] * 2
    assert all(m.expected_reduction_t is None for m in biogas)
    parking = Measure.objects.get(organisation__code="0880", code="T1")
    assert parking.plan is not None and parking.plan.title == "Mobilitetsstrategi"
    requirement = Indicator.objects.get(name__startswith="Krav på fossilbränslefria")
    assert requirement.target_values == {"2025": 25, "2026": 50, "2027": 75, "2028": 100}
    assert list(requirement.measures.values_list("code", flat=True)) == ["U1"]
    assert AuditEntry.objects.filter(action="klimatlaget.measure.created").count() == len(
        rows(REAL_MEASURES)
    )
    entries = AuditEntry.objects.count()
    said.clear()
    load_demo_measures(example=False, say=said.append)
    assert said == [
        "Action plans: 0 created, 0 changed.",
        "Measures: 0 created, 0 changed.",
        "Indicators: 0 created, 0 changed.",
    ]
    assert AuditEntry.objects.count() == entries

    page = client.get("/o/0880/measures/", **ENGLISH)
    assert page.status_code == 200
    html = page.content.decode()
    for code in ("E1", "E2", "U1", "T1"):
        assert f'data-code="{code}"' in html
    assert "Biogasanläggning (Gasum)" in html
    measure = client.get(f"/o/0880/measures/{biogas[0].pk}/", **ENGLISH).content.decode()
    assert "Quoted from the source" in measure and "650" in measure
    plan_list = client.get("/o/0880/plans/", **ENGLISH).content.decode()
    assert plan_list.count('class="flag quoted"') == plans.count()


def test_the_example_plans_measures_indicators_and_quotas(example_data, client):
    from klimatlaget.demo.association import load_demo_association_and_targets

    load_demo_association_and_targets(example=True, say=lambda _text: None)
    strandhamn = ActionPlan.objects.filter(organisation__code="9102")
    old = strandhamn.get(title="Klimatprogram 2016–2020")
    new = strandhamn.get(title="Klimatprogram 2021–2030")
    assert new.replaces == old and old.status == "replaced"
    assert in_force(strandhamn) == {new.pk, strandhamn.get(kind="adaptation").pk}
    measures = Measure.objects.filter(organisation__code="9102")
    assert set(measures.values_list("status", flat=True)) == {
        "proposed",
        "decided",
        "ongoing",
        "completed",
        "postponed",
        "cancelled",
    }
    assert len(set(measures.values_list("sector", flat=True))) >= 6
    assert measures.exclude(expected_reduction_t=None).count() >= 8
    assert measures.exclude(hazard="").count() == 2
    assert not Measure.objects.filter(plan__status="draft").exists()  # every plan is in the file

    manual = Indicator.objects.filter(organisation__code="9102", source_kind="manual")
    assert manual.count() == 3
    for indicator in manual:
        periods = set(indicator.values.values_list("year", "quarter"))
        assert periods == {(y, q) for y in EXAMPLE_YEARS for q in (1, 2, 3, 4)}
        assert indicator.target_values
    computed = Indicator.objects.filter(organisation__code="9102").exclude(source_kind="manual")
    assert computed.count() == 3 and computed.exclude(target_values={}).exists()
    assert not IndicatorValue.objects.filter(indicator__in=computed).exists()

    quotas = EmissionQuota.objects.filter(organisation__code="9102")
    assert quotas.count() == 6
    for quota in quotas:
        outcomes = QuotaOutcome.objects.filter(quota=quota)
        assert sorted(outcomes.values_list("quarter", flat=True)) == [1, 2, 3, 4]
    totals = {
        quota.pk: sum(o.outcome_t for o in quota.outcomes.all()) / quota.quota_t for quota in quotas
    }
    assert min(totals.values()) < 1 < max(totals.values())  # some units over, some under

    page = client.get("/o/9102/measures/?status=ongoing&sort=reduction", **ENGLISH)
    html = page.content.decode()
    assert page.status_code == 200 and 'data-code="V1"' in html and 'data-code="T3"' not in html
    assert html.index('data-code="T1"') < html.index('data-code="V1"')  # 1800 t before 600 t
