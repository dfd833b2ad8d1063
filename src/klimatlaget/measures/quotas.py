"""Emission quotas of responsible units (committees, municipal companies) and their follow-up:
a yearly quota in t CO2e, and the emissions of each period of that year as they are known."""

from typing import Any

from django.utils.translation import gettext as _

from klimatlaget.accounts.permissions import Permission, ensure_permission
from klimatlaget.audit.messages import says
from klimatlaget.audit.services import Actor, actor_label, record
from klimatlaget.audit.subjects import EMISSION_QUOTA
from klimatlaget.measures import writing
from klimatlaget.measures.models import EmissionQuota, QuotaOutcome, period_label
from klimatlaget.organisations.models import Organisation


def _apply(quota: EmissionQuota, values: writing.Values) -> None:
    writing.set_fields(quota, values, EmissionQuota.ENTERED)


def _check(quota: EmissionQuota, values: writing.Values) -> None:
    errors = writing.full_clean(quota, exclude=["organisation"])
    if quota.quota_t is not None and quota.quota_t < 0:
        writing.add_error(errors, "quota_t", _("A quota is zero or more."))
    writing.raise_if(errors)


KIND = writing.Kind(EMISSION_QUOTA, _apply, _check, lambda quota, values: None, lambda quota: {})


def create_quota(actor: Actor, organisation: Organisation, values: writing.Values) -> EmissionQuota:
    quota = writing.create(actor, KIND, EmissionQuota(organisation=organisation), values)
    assert isinstance(quota, EmissionQuota)
    return quota


def update_quota(actor: Actor, quota: EmissionQuota, values: writing.Values) -> dict[str, Any]:
    return writing.update(actor, KIND, quota, values)


def set_outcome(actor: Actor, quota: EmissionQuota, quarter: int, outcome_t: float) -> None:
    """The unit's emissions in a period of the quota's year (``quarter`` 0: the whole year)."""
    ensure_permission(actor, Permission.CHANGE_ORGANISATION, quota.organisation)
    if quarter not in (0, 1, 2, 3, 4) or outcome_t < 0:
        writing.raise_if({"quarter": [_("Give quarter 1–4 (0: the year) and emissions ≥ 0.")]})
    stored = QuotaOutcome.objects.filter(quota=quota, quarter=quarter).first()
    before = stored.outcome_t if stored else None
    if before == outcome_t:
        return
    QuotaOutcome.objects.update_or_create(
        quota=quota,
        quarter=quarter,
        defaults={"outcome_t": outcome_t, "entered_by_label": actor_label(actor)},
    )
    period = period_label(quota.year, quarter)
    record(
        actor=actor,
        action="klimatlaget.emission_quota.outcome_set",
        subject=EMISSION_QUOTA,
        organisation=quota.organisation,
        changes={f"{quota.unit} {period}": [before, outcome_t]},
        summary=says("quota_outcome_set", unit=quota.unit, period=period),
        subject_id=quota.pk,
    )
