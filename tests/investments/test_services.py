"""Investment plans and lines are written through their services: permission first, checked,
versioned, in the change log; a new version copies the lines and is compared line by line."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from klimatlaget.audit.models import AuditEntry
from klimatlaget.concurrency import StaleVersion
from klimatlaget.investments import services
from klimatlaget.investments.models import InvestmentLine, InvestmentPlan
from klimatlaget.organisations.models import Organisation

from .conftest import BUSES, CHARGING, PLAN


def test_a_plan_is_created_changed_and_deleted_with_its_history(users, strandhamn):
    alice = users["alice"]
    plan = services.create_plan(alice, strandhamn, PLAN)
    assert (plan.version_number, plan.status, plan.scope) == (1, "draft", "organisation")
    assert plan.discount_rate == 0.035
    changes = services.update_plan(
        alice, plan, {"status": "adopted", "adopted_on": "2025-03-01", "version": 0}
    )
    assert changes["status"] == ["draft", "adopted"]
    with pytest.raises(StaleVersion):
        services.update_plan(alice, plan, {"title": "Old edit", "version": 0})
    services.delete_plan(alice, plan, version=1)
    assert not InvestmentPlan.objects.exists()
    actions = set(
        AuditEntry.objects.filter(subject="investment_plan").values_list("action", flat=True)
    )
    assert actions == {
        "klimatlaget.investment_plan.created",
        "klimatlaget.investment_plan.changed",
        "klimatlaget.investment_plan.deleted",
    }


def test_a_rate_written_with_fewer_decimals_is_no_change(users, strandhamn):
    plan = services.create_plan(users["alice"], strandhamn, PLAN)
    assert services.update_plan(users["alice"], plan, {"discount_rate_percent": 3.5}) == {}
    assert services.update_plan(users["alice"], plan, {"discount_rate_percent": "4"}) == {
        "discount_rate_percent": ["3.50", "4.00"]
    }
    assert AuditEntry.objects.filter(action="klimatlaget.investment_plan.changed").count() == 1


def test_only_the_organisations_editors_write(users, strandhamn, plan):
    for who in ("bob", "lasare", "nobody"):
        with pytest.raises(PermissionDenied):
            services.create_plan(users[who], strandhamn, PLAN)
        with pytest.raises(PermissionDenied):
            services.create_line(users[who], plan, CHARGING)
        with pytest.raises(PermissionDenied):
            services.new_version(users[who], plan)
    assert InvestmentPlan.objects.count() == 1 and plan.lines.count() == 2


def test_plan_checks(users, strandhamn):
    alice = users["alice"]
    with pytest.raises(ValidationError) as error:
        services.create_plan(alice, strandhamn, {**PLAN, "horizon_from": 2031})
    assert "horizon_to" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.create_plan(alice, strandhamn, {**PLAN, "status": "adopted"})
    assert "adopted_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.create_plan(alice, strandhamn, {**PLAN, "discount_rate_percent": "25"})
    assert "discount_rate_percent" in error.value.message_dict
    services.create_plan(alice, strandhamn, PLAN)
    second = services.create_plan(alice, strandhamn, PLAN)
    assert second.version_number == 2  # the next free number of the year
    with pytest.raises(ValidationError):
        services.create_plan(alice, strandhamn, {**PLAN, "version_number": 2})


def test_a_line_takes_reduction_sector_and_effect_year_from_its_measure(plan, bus_measure):
    buses, charging = plan.lines.all()
    assert buses.expected_reduction_t == 500 and not buses.reduction_overridden
    assert (buses.effective_sector, buses.effective_effect_year) == ("Transporter", 2026)
    assert buses.status_group == "decided"
    assert buses.capex_total == 10_000_000 and buses.co_benefits_total == 100_000
    assert charging.expected_reduction_t == 50 and charging.status_group == "proposed"


def test_overriding_the_measures_reduction_needs_a_reason(users, plan):
    buses = plan.lines.get(title="Biogas buses")
    with pytest.raises(ValidationError) as error:
        services.update_line(users["alice"], buses, {"reduction_t": 400})
    assert "reduction_reason" in error.value.message_dict
    buses.refresh_from_db()
    assert buses.reduction_t is None
    services.update_line(
        users["alice"], buses, {"reduction_t": 400, "reduction_reason": "Fewer routes"}
    )
    assert buses.expected_reduction_t == 400 and buses.reduction_overridden


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"capex_by_year": {"20x5": 1}}, "capex_by_year"),
        ({"capex_by_year": {"2025": -1}}, "capex_by_year"),
        ({"opex_by_year": {"2025": "many"}}, "opex_by_year"),
        ({"savings_by_year": [1, 2]}, "savings_by_year"),
        ({"co_benefits_sek": {"beauty": 5}}, "co_benefits_sek"),
        ({"lifetime_years": None}, "lifetime_years"),
        ({"sector": ""}, "sector"),
        ({"actor": "aliens"}, "actor"),
        ({"funding_status": "maybe"}, "funding_status"),
        ({"reduction_t": -5}, "reduction_t"),
    ],
)
def test_line_checks_name_the_field(users, plan, values, field):
    with pytest.raises(ValidationError) as error:
        services.create_line(users["alice"], plan, {**CHARGING, **values})
    assert field in error.value.message_dict
    assert plan.lines.count() == 2


def test_a_line_may_not_use_another_organisations_measure(users, plan, bus_measure):
    other = Organisation.objects.get(code="9201")
    bus_measure.organisation = other
    bus_measure.save()
    with pytest.raises(ValidationError) as error:
        services.create_line(users["alice"], plan, {**BUSES, "measure_id": bus_measure.pk})
    assert "measure_id" in error.value.message_dict


def test_amounts_are_kept_by_year_without_zeros(users, plan):
    line = services.create_line(
        users["alice"], plan, {**CHARGING, "capex_by_year": {2026: 5, "2025": 0, "2024": 7}}
    )
    line.refresh_from_db()
    assert line.capex_by_year == {"2024": 7, "2026": 5}


def test_a_line_is_changed_versioned_and_deleted_in_the_log(users, plan):
    line = plan.lines.get(title="Charging points")
    services.update_line(users["alice"], line, {"funding_status": "decided", "version": 0})
    with pytest.raises(StaleVersion):
        services.update_line(users["alice"], line, {"title": "Stale", "version": 0})
    services.delete_line(users["alice"], line, version=1)
    actions = list(
        AuditEntry.objects.filter(subject="investment_line", subject_id=line.pk)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "klimatlaget.investment_line.created",
        "klimatlaget.investment_line.changed",
        "klimatlaget.investment_line.deleted",
    ]
    entry = AuditEntry.objects.filter(subject="investment_line", subject_id=line.pk).last()
    assert entry.organisation.code == "9102"


def test_a_new_version_copies_the_plan_and_its_lines_and_compares_line_by_line(users, plan):
    alice = users["alice"]
    services.update_plan(alice, plan, {"status": "adopted", "adopted_on": "2025-03-01"})
    copy = services.new_version(alice, plan)
    assert (copy.version_number, copy.replaces_id, copy.status) == (2, plan.pk, "draft")
    assert copy.adopted_on is None and copy.horizon_to == 2030
    assert copy.lines.count() == 2
    assert {line.key for line in copy.lines.all()} == {line.key for line in plan.lines.all()}
    assert services.compare(plan, copy).same
    entry = AuditEntry.objects.get(action="klimatlaget.investment_plan.new_version")
    assert entry.subject_id == copy.pk

    charging = copy.lines.get(title="Charging points")
    services.update_line(alice, charging, {"funding_status": "decided", "reduction_t": 60})
    services.delete_line(alice, copy.lines.get(title="Biogas buses"))
    added = services.create_line(alice, copy, {**CHARGING, "title": "Cycle lanes"})
    comparison = services.compare(plan, copy)
    assert comparison.added == [str(added.key)]
    assert comparison.removed == [str(plan.lines.get(title="Biogas buses").key)]
    assert comparison.changed == {
        str(charging.key): {
            "funding_status": ["applied_for", "decided"],
            "reduction_t": [50, 60],
        }
    }
    # The old version is untouched.
    assert plan.lines.get(title="Charging points").funding_status == "applied_for"


def test_deleting_a_plan_deletes_its_lines(users, plan):
    services.delete_plan(users["alice"], plan)
    assert not InvestmentLine.objects.exists()
