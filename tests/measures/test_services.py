"""Plans, measures, indicators and quotas are written through their services: permission
first, validated, versioned, with every change in the change log."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from klimatlaget.audit.models import AuditEntry
from klimatlaget.concurrency import StaleVersion
from klimatlaget.measures import indicators, plans, quotas, services
from klimatlaget.measures.effects import expected_reductions
from klimatlaget.measures.models import ActionPlan, Measure
from klimatlaget.organisations.models import Population
from klimatlaget.targets.models import Target
from measures.conftest import MEASURE


def test_a_measure_is_created_changed_and_deleted_with_its_history(users, strandhamn):
    alice = users["alice"]
    measure = services.create_measure(
        alice, strandhamn, {**MEASURE, "status": "proposed", "status_set_on": "2025-02-01"}
    )
    changes = services.update_measure(
        alice, measure, {"status": "decided", "status_set_on": datetime.date(2025, 6, 10)}
    )
    assert changes["status"] == ["proposed", "decided"]
    assert measure.version == 1
    history = [(s.status, s.set_on.isoformat()) for s in measure.status_changes.all()]
    assert history == [("proposed", "2025-02-01"), ("decided", "2025-06-10")]
    entries = AuditEntry.objects.filter(subject="measure", subject_id=measure.pk)
    assert {e.action for e in entries} == {
        "klimatlaget.measure.created",
        "klimatlaget.measure.changed",
    }
    assert services.update_measure(alice, measure, {"status": "decided"}) == {}
    services.delete_measure(alice, measure, version=1)
    assert not Measure.objects.exists()
    assert AuditEntry.objects.filter(action="klimatlaget.measure.deleted").count() == 1


def test_editors_change_only_their_own_organisation(users, strandhamn):
    with pytest.raises(PermissionDenied):
        services.create_measure(users["bob"], strandhamn, MEASURE)
    with pytest.raises(PermissionDenied):
        services.create_measure(users["lasare"], strandhamn, MEASURE)
    assert not Measure.objects.exists()
    assert not AuditEntry.objects.filter(subject="measure").exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"end_year": 2020}, "end_year"),
        ({"expected_reduction_t": 60.0}, "expected_reduction_t"),
        ({"expected_high_t": 10.0, "expected_low_t": 50.0}, "expected_high_t"),
        ({"effect_year": None, "start_year": None, "end_year": None}, "effect_year"),
        ({"sector": "Nowhere"}, "sector"),
        ({"type": "magic"}, "type"),
        ({"hazard": "meteor"}, "hazard"),
    ],
)
def test_invalid_measures_are_refused_by_field(users, strandhamn, change, field):
    with pytest.raises(ValidationError) as refused:
        services.create_measure(users["alice"], strandhamn, {**MEASURE, **change})
    assert field in refused.value.message_dict
    assert not Measure.objects.exists()


def test_codes_are_unique_per_organisation_and_links_stay_within_it(users, strandhamn, tallnas):
    services.create_measure(users["alice"], strandhamn, MEASURE)
    with pytest.raises(ValidationError):
        services.create_measure(users["alice"], strandhamn, MEASURE)
    services.create_measure(users["bob"], tallnas, MEASURE)  # the same code elsewhere is fine
    foreign = Target.objects.create(organisation=tallnas, form="net_zero", target_year=2045)
    with pytest.raises(ValidationError) as refused:
        services.create_measure(
            users["alice"], strandhamn, {**MEASURE, "code": "T2", "target_ids": [foreign.pk]}
        )
    assert "target_ids" in refused.value.message_dict


def test_a_stale_version_is_refused(users, strandhamn):
    measure = services.create_measure(users["alice"], strandhamn, MEASURE)
    services.update_measure(users["alice"], measure, {"title": "First"})
    with pytest.raises(StaleVersion):
        services.update_measure(users["alice"], measure, {"title": "Second", "version": 0})
    measure.refresh_from_db()
    assert measure.title == "First"


def test_expected_reductions_per_sector_for_the_budget(users, strandhamn):
    alice = users["alice"]
    services.create_measure(alice, strandhamn, MEASURE)  # decided, 120 t from 2028
    services.create_measure(
        alice,
        strandhamn,
        {
            **MEASURE,
            "code": "T2",
            "status": "proposed",
            "expected_reduction_t": 40.0,
            "expected_low_t": None,
            "expected_high_t": None,
            "effect_year": 2026,
        },
    )
    services.create_measure(
        alice,
        strandhamn,
        {**MEASURE, "code": "E1", "sector": "El och fjärrvärme", "status": "cancelled"},
    )
    assert expected_reductions(strandhamn, 2027) == {"Transporter": (0.0, 40.0)}
    assert expected_reductions(strandhamn, 2030) == {"Transporter": (120.0, 40.0)}


def test_a_new_plan_version_puts_the_old_out_of_force_once_adopted(users, strandhamn):
    alice = users["alice"]
    old = plans.create_plan(
        alice,
        strandhamn,
        {
            "title": "Klimatplan",
            "status": "adopted",
            "adopted_on": "2020-05-01",
            "period_from": 2020,
            "period_to": 2025,
        },
    )
    new = plans.create_plan(alice, strandhamn, plans.new_version_values(old))
    assert new.replaces == old and new.status == "in_preparation"
    assert plans.in_force(ActionPlan.objects.all()) == {old.pk}
    with pytest.raises(ValidationError) as refused:
        plans.update_plan(alice, new, {"status": "adopted"})
    assert "adopted_on" in refused.value.message_dict
    plans.update_plan(alice, new, {"status": "adopted", "adopted_on": "2025-03-01"})
    assert plans.in_force(ActionPlan.objects.all()) == {new.pk}
    assert AuditEntry.objects.filter(subject="action_plan").count() == 3


def test_indicator_values_are_entered_by_period_with_who_entered_them(users, strandhamn):
    alice = users["alice"]
    indicator = indicators.create_indicator(
        alice, strandhamn, {"name": "Charging points", "unit": "st", "direction": "up"}
    )
    indicators.set_value(alice, indicator, 2025, 0, 40)
    indicators.set_value(alice, indicator, 2025, 2, 12)
    indicators.set_value(alice, indicator, 2025, 2, 14)
    values = indicators.period_values(indicator)
    assert [(v["period"], v["value"], v["entered_by"]) for v in values] == [
        ("2025", 40, "alice"),
        ("2025 Q2", 14, "alice"),
    ]
    entry = AuditEntry.objects.filter(action="klimatlaget.indicator.value_set").first()
    assert entry.changes == {"2025 Q2": [12, 14]}
    with pytest.raises(ValidationError):
        indicators.set_value(alice, indicator, 2025, 5, 1)


def test_a_computed_indicator_takes_the_platforms_emissions_and_no_values(users, strandhamn):
    alice = users["alice"]
    total = indicators.create_indicator(
        alice, strandhamn, {"name": "Emissions", "unit": "t", "source_kind": "total_emissions"}
    )
    per_head = indicators.create_indicator(
        alice, strandhamn, {"name": "Per head", "unit": "t", "source_kind": "per_inhabitant"}
    )
    Population.objects.create(organisation=strandhamn, year=2023, inhabitants=1000)
    totals = indicators.computed_values(total)
    assert totals and all(value > 0 for value in totals.values())
    assert indicators.computed_values(per_head) == {2023: pytest.approx(totals[2023] / 1000)}
    with pytest.raises(ValidationError):
        indicators.set_value(alice, total, 2025, 0, 1)
    with pytest.raises(ValidationError) as refused:
        indicators.create_indicator(
            alice, strandhamn, {"name": "Sector", "unit": "t", "source_kind": "sector_emissions"}
        )
    assert "sector" in refused.value.message_dict


def test_a_units_emission_quota_is_followed_up_per_period(users, strandhamn):
    alice = users["alice"]
    quota = quotas.create_quota(
        alice, strandhamn, {"unit": "Tekniska nämnden", "year": 2026, "quota_t": 500}
    )
    quotas.set_outcome(alice, quota, 1, 140)
    quotas.set_outcome(alice, quota, 1, 140)  # the same again records nothing
    assert [(o.quarter, o.outcome_t) for o in quota.outcomes.all()] == [(1, 140)]
    assert AuditEntry.objects.filter(subject="emission_quota").count() == 2
    with pytest.raises(PermissionDenied):
        quotas.set_outcome(users["bob"], quota, 2, 1)
