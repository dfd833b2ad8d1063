"""Emission quotas of responsible units (committees, municipal companies) and their follow-up:
a yearly quota in t CO2e, and the emissions of each period of that year as they are known.

Entering a period's emissions changes the quota's version (the field ``outcome_N``, N the
quarter, 0 the year), so entering that period from an older view, or deleting the quota, is
refused rather than silently overwriting it; changing the quota itself is not held up by it."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from klimatlaget.accounts.permissions import Permission, ensure_permission
from klimatlaget.audit.messages import says
from klimatlaget.audit.services import Actor, actor_label, record
from klimatlaget.audit.subjects import EMISSION_QUOTA
from klimatlaget.calc.quotas import QuotaStatus, quota_status
from klimatlaget.concurrency import reload_and_check
from klimatlaget.measures import writing
from klimatlaget.measures.models import EmissionQuota, QuotaOutcome, period_label
from klimatlaget.organisations.models import Organisation

PERIODS = (0, 1, 2, 3, 4)


def outcome_field(quarter: int) -> str:
    """The name a period's emissions go by in versions, forms and the change log."""
    return f"outcome_{quarter}"


def outcomes_of(quota: EmissionQuota) -> dict[int, float]:
    """The quota's emissions by period (0: the year, 1–4: quarters) as entered."""
    return {o.quarter: o.outcome_t for o in quota.outcomes.all()}


def status_of(quota: EmissionQuota) -> QuotaStatus:
    return quota_status(quota.quota_t, outcomes_of(quota))


def _apply(quota: EmissionQuota, values: writing.Values) -> None:
    writing.set_fields(quota, values, EmissionQuota.ENTERED)
    if isinstance(quota.unit, str):
        quota.unit = quota.unit.strip()


def _check(quota: EmissionQuota, values: writing.Values) -> None:
    errors = writing.full_clean(quota, exclude=["organisation"])
    if quota.quota_t is not None and quota.quota_t < 0:
        writing.add_error(errors, "quota_t", _("A quota is zero or more."))
    if isinstance(quota.year, int) and not 1900 <= quota.year <= 2100:
        writing.add_error(errors, "year", _("Give a year between 1900 and 2100."))
    writing.raise_if(errors)


def _logged_outcomes(quota: EmissionQuota) -> dict[str, Any]:
    return {outcome_field(q): value for q, value in sorted(outcomes_of(quota).items())}


KIND = writing.Kind(EMISSION_QUOTA, _apply, _check, lambda quota, values: None, _logged_outcomes)


def create_quota(actor: Actor, organisation: Organisation, values: writing.Values) -> EmissionQuota:
    quota = writing.create(actor, KIND, EmissionQuota(organisation=organisation), values)
    assert isinstance(quota, EmissionQuota)
    return quota


def update_quota(actor: Actor, quota: EmissionQuota, values: writing.Values) -> dict[str, Any]:
    """Change the unit, year or quota; emissions entered since the version edited are no
    conflict (they are not part of this edit)."""
    return writing.update(actor, KIND, quota, values, EmissionQuota.ENTERED)


def delete_quota(actor: Actor, quota: EmissionQuota, version: Any = None) -> None:
    """Delete the quota and its outcomes (both in the change log)."""
    writing.delete(actor, KIND, quota, version)


def _check_outcomes(outcomes: Mapping[int, float | None]) -> None:
    errors: dict[str, list[str]] = {}
    for quarter, value in outcomes.items():
        if quarter not in PERIODS:
            writing.add_error(errors, "quarter", _("Give quarter 1–4, or 0 for the whole year."))
        elif value is not None and not value >= 0:  # also refuses NaN
            field = outcome_field(quarter)
            writing.add_error(errors, field, _("Emissions are zero or more."))
    writing.raise_if(errors)


@transaction.atomic
def set_outcomes(
    actor: Actor,
    quota: EmissionQuota,
    outcomes: Mapping[int, float | None],
    version: Any = None,
) -> dict[str, list[Any]]:
    """Enter the unit's emissions of periods of the quota's year (quarter → t CO2e; quarter 0:
    the whole year; None removes a period's figure). Refused when another writer changed any
    of these periods after ``version`` (when given). Returns (and records) what changed."""
    ensure_permission(actor, Permission.CHANGE_ORGANISATION, quota.organisation)
    _check_outcomes(outcomes)
    reload_and_check(quota, version, [outcome_field(q) for q in outcomes])
    stored = {o.quarter: o for o in QuotaOutcome.objects.filter(quota=quota)}
    changes: dict[str, list[Any]] = {}
    label = actor_label(actor)
    for quarter, value in sorted(outcomes.items()):
        before = stored[quarter].outcome_t if quarter in stored else None
        if before == value:
            continue
        if value is None:
            stored[quarter].delete()
        else:
            QuotaOutcome.objects.update_or_create(
                quota=quota,
                quarter=quarter,
                defaults={"outcome_t": value, "entered_by_label": label},
            )
        changes[outcome_field(quarter)] = [before, value]
    if not changes:
        return changes
    quota.save(update_fields=[*quota.bump(changes), "updated_at"])
    periods = ", ".join(
        period_label(quota.year, int(field.removeprefix("outcome_"))) for field in changes
    )
    removed = all(after is None for _before, after in changes.values())
    record(
        actor=actor,
        action="klimatlaget.emission_quota.outcome_" + ("deleted" if removed else "set"),
        subject=EMISSION_QUOTA,
        organisation=quota.organisation,
        changes=changes,
        summary=says(
            "quota_outcome_deleted" if removed else "quota_outcome_set",
            unit=quota.unit,
            period=periods,
        ),
        subject_id=quota.pk,
    )
    return changes


def set_outcome(
    actor: Actor, quota: EmissionQuota, quarter: int, outcome_t: float | None, version: Any = None
) -> dict[str, list[Any]]:
    """The unit's emissions in one period of the quota's year (``quarter`` 0: the whole year)."""
    return set_outcomes(actor, quota, {quarter: outcome_t}, version)
