"""Changing an organisation's own description. The only writer of these fields."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from klimatlaget.accounts.permissions import Permission, ensure_permission
from klimatlaget.audit.messages import says
from klimatlaget.audit.services import diff, record
from klimatlaget.audit.subjects import ORGANISATION
from klimatlaget.concurrency import reload_and_check
from klimatlaget.organisations.models import Organisation

EDITABLE_FIELDS = ("website", "description")


@transaction.atomic
def update_profile(
    user: AbstractBaseUser, organisation: Organisation, values: dict[str, Any]
) -> dict[str, list[str]]:
    """Apply the given profile values to the version ``values["version"]`` (when given);
    returns (and records) what changed."""
    ensure_permission(user, Permission.CHANGE_ORGANISATION, organisation)
    reload_and_check(organisation, values.get("version"))
    before = {field: getattr(organisation, field) for field in EDITABLE_FIELDS}
    after = {**before, **{k: v for k, v in values.items() if k in EDITABLE_FIELDS}}
    changes = diff(before, after)
    if not changes:
        return {}
    for field, value in after.items():
        setattr(organisation, field, value)
    organisation.full_clean()
    organisation.save(update_fields=[*changes, *organisation.bump(changes)])
    record(
        actor=user,
        action="klimatlaget.organisation.changed",
        subject=ORGANISATION,
        organisation=organisation,
        changes=changes,
        summary=says("profile_edited"),
    )
    return changes
