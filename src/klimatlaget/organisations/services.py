"""Changing an organisation's own description. The only writer of these fields."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from klimatlaget.accounts.permissions import Permission, ensure_permission
from klimatlaget.audit.services import diff, record
from klimatlaget.audit.subjects import ORGANISATION
from klimatlaget.organisations.models import Organisation

EDITABLE_FIELDS = ("website", "description")


@transaction.atomic
def update_profile(
    user: AbstractBaseUser, organisation: Organisation, values: dict[str, str]
) -> dict[str, list[str]]:
    """Apply the given profile values; returns (and records) what changed."""
    ensure_permission(user, Permission.CHANGE_ORGANISATION, organisation)
    before = {field: getattr(organisation, field) for field in EDITABLE_FIELDS}
    after = {**before, **{k: v for k, v in values.items() if k in EDITABLE_FIELDS}}
    changes = diff(before, after)
    if not changes:
        return {}
    for field, value in after.items():
        setattr(organisation, field, value)
    organisation.full_clean()
    organisation.save(update_fields=list(changes))
    record(
        actor=user,
        action="klimatlaget.organisation.changed",
        subject=ORGANISATION,
        organisation=organisation,
        changes=changes,
        summary="Profile edited",
    )
    return changes
