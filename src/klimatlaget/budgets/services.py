"""Changing an organisation's budget settings: the only writer, for the page and the API alike.
It checks the permission and the version, validates, and records the change."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from klimatlaget.accounts.permissions import Permission, ensure_permission
from klimatlaget.audit.messages import says
from klimatlaget.audit.services import Actor, diff, record
from klimatlaget.audit.subjects import BUDGET_SETTINGS
from klimatlaget.concurrency import check_version
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.models import Target

from .models import BudgetSettings, PathwayChoice, ProfileChoice
from .sectors import main_sector

#: The fields a person sets, in the order forms show them.
ENTERED_FIELDS = ("pathway", "target", "sector_budgets", "quarter_profile")


@transaction.atomic
def update_settings(
    actor: Actor, organisation: Organisation, year: int, values: Mapping[str, Any]
) -> BudgetSettings:
    """Set the budget settings of ``organisation`` in ``year`` as of ``values["version"]``
    (when given). ValidationError or StaleVersion: nothing is saved."""
    ensure_permission(actor, Permission.CHANGE_ORGANISATION, organisation)
    settings = (
        BudgetSettings.objects.select_for_update()
        .filter(organisation=organisation, year=year)
        .first()
    ) or BudgetSettings(organisation=organisation, year=year)
    check_version(settings, values.get("version"))
    before = settings.audit_values()  # the defaults until first saved
    _apply(settings, organisation, values)
    changes = diff(before, settings.audit_values())
    if not changes:
        return settings
    settings.bump(changes)
    settings.save()
    record(
        actor=actor,
        action="klimatlaget.budget_settings.changed",
        subject=BUDGET_SETTINGS,
        organisation=organisation,
        changes=changes,
        summary=says("budget_settings_changed", year=year),
        subject_id=settings.pk,
    )
    return settings


def _apply(settings: BudgetSettings, organisation: Organisation, values: Mapping[str, Any]) -> None:
    if "pathway" in values:
        settings.pathway = _choice(values["pathway"], PathwayChoice, "pathway")
    if "quarter_profile" in values:
        settings.quarter_profile = _choice(
            values["quarter_profile"], ProfileChoice, "quarter_profile"
        )
    if "target" in values:
        settings.target = _target(values["target"], organisation)
    if "sector_budgets" in values:
        settings.sector_budgets = sector_budgets(values["sector_budgets"] or {})


def _choice(value: Any, choices: Any, field: str) -> str:
    if value not in choices.values:
        raise ValidationError(
            {field: _("Choose one of %(choices)s.") % {"choices": choices.values}}
        )
    return str(value)


def _target(value: Any, organisation: Organisation) -> Target | None:
    if value in (None, ""):
        return None
    key = value.pk if isinstance(value, Target) else value
    target = Target.objects.filter(pk=key, organisation=organisation).first()
    if target is None:
        raise ValidationError({"target": _("Choose one of the organisation's own targets.")})
    return target


def sector_budgets(values: Mapping[str, Any]) -> dict[str, float]:
    """Explicit budgets by main sector (Swedish name or code), each zero or more."""
    budgets: dict[str, float] = {}
    for name, amount in values.items():
        sector = main_sector(str(name))
        if sector is None:
            raise ValidationError(
                {"sector_budgets": _("'%(sector)s' is not a main sector.") % {"sector": name}}
            )
        try:
            tonnes = float(amount)
        except (TypeError, ValueError):
            tonnes = -1.0
        if not tonnes >= 0 or tonnes == float("inf"):
            raise ValidationError(
                {
                    "sector_budgets": _(
                        "The budget of %(sector)s must be a number of tonnes, 0 or more."
                    )
                    % {"sector": sector}
                }
            )
        budgets[sector] = tonnes
    return budgets
