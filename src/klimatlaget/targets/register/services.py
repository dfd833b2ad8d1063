"""Creating, changing and deleting climate targets: the only writers of targets entered by people
(pages and API). Each write checks the permission, validates with the calculation package's
rules and is recorded in the change log."""

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from klimatlaget.accounts.permissions import Permission, ensure_permission
from klimatlaget.audit.messages import says
from klimatlaget.audit.services import diff, record
from klimatlaget.audit.subjects import TARGET
from klimatlaget.concurrency import reload_and_check
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.models import ENTERED_FIELDS, Target
from klimatlaget.targets.validation import check_target


def _apply(target: Target, values: Mapping[str, Any]) -> None:
    for name in ENTERED_FIELDS:
        if name in values:
            value = values[name]
            if name == "scopes":
                value = list(value or [])
            elif name in {"title", "district", "source", "quote", "notes"} and value is None:
                value = ""
            setattr(target, name, value)


def _label(target: Target) -> dict[str, Any]:
    """What the change log names a target by: its title, or its form and target year."""
    return {"title": target.title, "form": target.form, "year": target.target_year}


@transaction.atomic
def create_target(
    user: AbstractBaseUser, organisation: Organisation, values: Mapping[str, Any]
) -> Target:
    """A new target of ``organisation`` with the given values (see ``ENTERED_FIELDS``)."""
    ensure_permission(user, Permission.CHANGE_ORGANISATION, organisation)
    target = Target(organisation=organisation)
    _apply(target, values)
    check_target(target)
    target.save()
    record(
        actor=user,
        action="klimatlaget.target.created",
        subject=TARGET,
        organisation=organisation,
        changes=diff({}, target.audit_values()),
        summary=says("target_added", **_label(target)),
    )
    return target


@transaction.atomic
def update_target(
    user: AbstractBaseUser, target: Target, values: Mapping[str, Any]
) -> dict[str, list[Any]]:
    """Apply the given values to ``target`` as of version ``values["version"]`` (when given);
    returns (and records) what changed. On a ValidationError or StaleVersion nothing is saved,
    but ``target`` may hold the refused values."""
    ensure_permission(user, Permission.CHANGE_ORGANISATION, target.organisation)
    reload_and_check(target, values.get("version"))
    before = target.audit_values()
    _apply(target, values)
    check_target(target)
    changes = diff(before, target.audit_values())
    if not changes:
        return {}
    target.bump(changes)
    target.save()
    record(
        actor=user,
        action="klimatlaget.target.changed",
        subject=TARGET,
        organisation=target.organisation,
        changes=changes,
        summary=says("target_changed", **_label(target)),
    )
    return changes


@transaction.atomic
def delete_target(user: AbstractBaseUser, target: Target, version: int | None = None) -> None:
    """Delete the target, unless it changed after ``version`` (when given)."""
    ensure_permission(user, Permission.CHANGE_ORGANISATION, target.organisation)
    reload_and_check(target, version)
    before = target.audit_values()
    organisation = target.organisation
    label = _label(target)
    target.delete()
    record(
        actor=user,
        action="klimatlaget.target.deleted",
        subject=TARGET,
        organisation=organisation,
        changes=diff(before, {}),
        summary=says("target_deleted", **label),
    )
