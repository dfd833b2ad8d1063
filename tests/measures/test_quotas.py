"""Emission quotas of units through their services: the editor's only, validated, versioned
(entering a period's emissions too), every change in the change log, and the table rows."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from klimatlaget.audit.models import AuditEntry
from klimatlaget.concurrency import StaleVersion
from klimatlaget.measures import quota_table, quotas
from klimatlaget.measures.models import EmissionQuota, QuotaOutcome

QUOTA = {"unit": "Tekniska nämnden", "year": 2026, "quota_t": 1000}


def test_a_quota_is_created_changed_and_deleted_with_its_outcomes_in_the_log(users, strandhamn):
    alice = users["alice"]
    quota = quotas.create_quota(alice, strandhamn, {**QUOTA, "unit": "  Tekniska nämnden "})
    assert quota.unit == "Tekniska nämnden"
    changes = quotas.update_quota(alice, quota, {"quota_t": 900, "version": 0})
    assert changes == {"quota_t": [1000, 900]}
    assert quota.version == 1
    quotas.set_outcomes(alice, quota, {1: 240, 2: 270}, version=1)
    quotas.delete_quota(alice, quota, version=2)
    assert not EmissionQuota.objects.exists() and not QuotaOutcome.objects.exists()
    entries = AuditEntry.objects.filter(subject="emission_quota", subject_id=quota.pk)
    assert [e.action for e in entries.order_by("pk")] == [
        "klimatlaget.emission_quota.created",
        "klimatlaget.emission_quota.changed",
        "klimatlaget.emission_quota.outcome_set",
        "klimatlaget.emission_quota.deleted",
    ]
    deleted = entries.get(action="klimatlaget.emission_quota.deleted")
    assert deleted.changes["outcome_1"] == [240, None]  # what was lost is in the log
    assert deleted.changes["quota_t"] == [900, None]


def test_a_stale_edit_is_refused_and_nothing_is_saved(users, strandhamn):
    alice = users["alice"]
    quota = quotas.create_quota(alice, strandhamn, QUOTA)
    quotas.update_quota(alice, quota, {"quota_t": 800, "version": 0})
    with pytest.raises(StaleVersion) as stale:
        quotas.update_quota(alice, quota, {"quota_t": 700, "version": 0})
    assert stale.value.changed == {"quota_t": 800}
    quota.refresh_from_db()
    assert quota.quota_t == 800
    quotas.set_outcome(alice, quota, 1, 240)  # version 2: not part of editing the quota
    assert quotas.update_quota(alice, quota, {"quota_t": 700, "version": 1}) == {
        "quota_t": [800, 700]
    }


def test_invalid_quotas_are_refused_by_field(users, strandhamn):
    alice = users["alice"]
    quotas.create_quota(alice, strandhamn, QUOTA)
    with pytest.raises(ValidationError) as twice:
        quotas.create_quota(alice, strandhamn, QUOTA)  # one quota per unit and year
    assert twice.value.message_dict
    with pytest.raises(ValidationError) as negative:
        quotas.create_quota(alice, strandhamn, {**QUOTA, "year": 2027, "quota_t": -1})
    assert "quota_t" in negative.value.message_dict
    with pytest.raises(ValidationError) as year:
        quotas.create_quota(alice, strandhamn, {**QUOTA, "year": 3000})
    assert "year" in year.value.message_dict
    with pytest.raises(PermissionDenied):
        quotas.create_quota(users["bob"], strandhamn, {**QUOTA, "year": 2027})
    assert EmissionQuota.objects.count() == 1


def test_outcomes_are_entered_corrected_and_removed_by_period(users, strandhamn):
    alice = users["alice"]
    quota = quotas.create_quota(alice, strandhamn, QUOTA)
    assert quotas.set_outcomes(alice, quota, {1: 240, 2: 270, 0: None}) == {
        "outcome_1": [None, 240],
        "outcome_2": [None, 270],
    }
    assert quotas.set_outcomes(alice, quota, {1: 240, 2: 270}) == {}  # nothing new: no entry
    quotas.set_outcome(alice, quota, 2, 260)
    quotas.set_outcome(alice, quota, 1, None)
    assert quotas.outcomes_of(quota) == {2: 260}
    assert quota.outcomes.get().entered_by_label == "alice"
    actions = AuditEntry.objects.filter(subject="emission_quota").values_list("action", flat=True)
    assert list(actions.order_by("pk")) == [
        "klimatlaget.emission_quota.created",
        "klimatlaget.emission_quota.outcome_set",
        "klimatlaget.emission_quota.outcome_set",
        "klimatlaget.emission_quota.outcome_deleted",
    ]
    assert quota.version == 3


def test_a_period_changed_since_is_a_conflict_but_another_period_is_not(users, strandhamn):
    alice = users["alice"]
    quota = quotas.create_quota(alice, strandhamn, QUOTA)
    quotas.set_outcome(alice, quota, 1, 240, version=0)  # version 1
    with pytest.raises(StaleVersion) as stale:
        quotas.set_outcome(alice, quota, 1, 999, version=0)
    assert stale.value.changed == {"outcome_1": 240}
    quotas.set_outcome(alice, quota, 2, 250, version=0)  # Q2 unchanged since version 0
    assert quotas.outcomes_of(quota) == {1: 240, 2: 250}
    with pytest.raises(StaleVersion):
        quotas.set_outcome(alice, quota, 3, 1, version=99)  # no version it ever had


def test_outcomes_are_checked_and_only_the_editor_enters_them(users, strandhamn):
    alice = users["alice"]
    quota = quotas.create_quota(alice, strandhamn, QUOTA)
    with pytest.raises(ValidationError) as negative:
        quotas.set_outcome(alice, quota, 1, -5)
    assert "outcome_1" in negative.value.message_dict
    with pytest.raises(ValidationError):
        quotas.set_outcome(alice, quota, 5, 1)
    with pytest.raises(ValidationError):
        quotas.set_outcome(alice, quota, 1, float("nan"))
    with pytest.raises(PermissionDenied):
        quotas.set_outcome(users["bob"], quota, 1, 1)
    assert not QuotaOutcome.objects.exists()


def test_the_table_rows_and_total(users, strandhamn, tallnas):
    alice = users["alice"]
    technical = quotas.create_quota(alice, strandhamn, QUOTA)
    quotas.set_outcomes(alice, technical, {1: 240, 2: 270})
    housing = quotas.create_quota(alice, strandhamn, {**QUOTA, "unit": "Bostadsbolaget"})
    quotas.set_outcomes(alice, housing, {0: 1100})
    quotas.create_quota(alice, strandhamn, {**QUOTA, "unit": "Kulturnämnden", "quota_t": 50})
    quotas.create_quota(alice, strandhamn, {**QUOTA, "year": 2025})
    listed = list(quota_table.quotas_of(strandhamn, 2026))
    rows = {row["unit"]: row for row in map(quota_table.quota_row, listed)}
    assert [row["unit"] for row in quota_table.table_rows(listed)] == [
        "Bostadsbolaget",
        "Kulturnämnden",
        "Tekniska nämnden",
    ]
    assert rows["Tekniska nämnden"] | {"id": 0, "version": 0} == {
        "id": 0,
        "organisation": "9102",
        "year": 2026,
        "unit": "Tekniska nämnden",
        "quota_t": 1000,
        "q1_t": 240,
        "q2_t": 270,
        "q3_t": None,
        "q4_t": None,
        "year_t": None,
        "periods": 2,
        "outcome_t": 510,
        "used_pct": 51.0,
        "light": "amber",
        "remaining_t": 490,
        "version": 0,
    }
    assert (rows["Bostadsbolaget"]["light"], rows["Bostadsbolaget"]["remaining_t"]) == ("red", -100)
    assert (rows["Kulturnämnden"]["light"], rows["Kulturnämnden"]["outcome_t"]) == ("", None)
    total = quota_table.total_row(listed)
    assert total == {
        "quota_t": 2050,
        "outcome_t": 1610,
        "used_pct": 78.5,
        "light": "red",  # 1 610 t against 1 500 t so far
        "remaining_t": 440,
    }
    assert quota_table.years_of(strandhamn) == [2026, 2025]
    assert quota_table.years_of(tallnas) == []
