"""The changed fields of a log entry as the reader sees them: a field by its model's translated
name, a kind code by its translated label, instead of the names the code uses."""

from __future__ import annotations

import re
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _

from klimatlaget.audit.messages import origin_name

#: The model whose fields a subject's changes name.
MODELS = {
    "organisation": "organisations.Organisation",
    "target": "targets.Target",
    "membership": "associations.Membership",
    "contact": "associations.Contact",
    "board_member": "associations.BoardMember",
    "fee_rule": "fees.FeeRule",
    "fee_override": "fees.FeeOverride",
    "survey": "surveys.Survey",
    "published_figure": "surveys.PublishedFigure",
    "action_plan": "measures.ActionPlan",
    "measure": "measures.Measure",
    "indicator": "measures.Indicator",
    "emission_quota": "measures.EmissionQuota",
    "budget_settings": "budgets.BudgetSettings",
    "follow_up": "followup.MeasureReport",
    "investment_plan": "investments.InvestmentPlan",
    "investment_line": "investments.InvestmentLine",
}


def _other_names() -> dict[str, str]:
    """Fields that are no model field: what services record besides a model's fields."""
    return {
        "role": _("role"),
        "survey": _("survey"),
        "question": _("question"),
        "questions": _("questions"),
        "section": _("section"),
        "kind": _("kind"),
        "from": _("made from"),
        "members": _("members"),
        "addresses": _("e-mail addresses"),
        "no_contact": _("members without a contact"),
        "position": _("position"),
        "status": _("status"),
        "comment": _("comment"),
        "left": _("left"),
        "year": _("year"),
        "title": _("title"),
        "deadline": _("deadline"),
        "state": _("state"),
    }


def _model_field(subject: str, name: str) -> models.Field[Any, Any] | None:
    label = MODELS.get(subject)
    if label is None:
        return None
    try:
        field = apps.get_model(label)._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def field_name(subject: str, key: str) -> str:
    """The reader's name for a changed field (``key`` itself when it has no other)."""
    field = _model_field(subject, key)
    if field is not None:
        return str(field.verbose_name)
    if key in _other_names():
        return _other_names()[key]
    if match := re.fullmatch(r"population (\d{4})", key):
        return _("population %(year)s") % {"year": match[1]}
    if match := re.fullmatch(r"member of (.+)", key):
        return _("member of %(association)s") % {"association": match[1]}
    if match := re.fullmatch(r"(\d{4}) total", key):
        return _("%(year)s total") % {"year": match[1]}
    if match := re.fullmatch(r"fee rule (\d{4}): (.+)", key):
        rule = _("fee rule %(year)s") % {"year": match[1]}
        return f"{rule}: {field_name(subject, match[2])}"
    prefix, colon, name = key.rpartition(": ")
    if colon and _model_field(subject, name) is not None:  # an imported target's field
        return f"{imported_target_name(prefix)}: {field_name(subject, name)}"
    return key


#: How the target import names a target: "percent_reduction 2030 base 1990 (territory, scopes 1,2)".
_IMPORTED_TARGET = re.compile(
    r"(?P<form>\w+) (?P<year>\d{4}|–)(?: base (?P<base>\d{4}))?(?: start (?P<start>\d{4}))?"
    r" \((?P<geography>\w+)(?: (?P<district>[^,]+))?, scopes (?P<scopes>[^)]*)\)"
)


def imported_target_name(label: str) -> str:
    """The target import's name for a target in words: its form, years, geography and scopes."""
    from klimatlaget.targets.models import FormChoice, GeographyChoice, scopes_label

    match = _IMPORTED_TARGET.fullmatch(label)
    if match is None:
        return label
    forms, geographies = dict(FormChoice.choices), dict(GeographyChoice.choices)
    parts = [str(forms.get(match["form"], match["form"])), match["year"]]
    if match["base"]:
        parts.append(_("base year %(year)s") % {"year": match["base"]})
    if match["start"]:
        parts.append(_("start year %(year)s") % {"year": match["start"]})
    where = str(geographies.get(match["geography"], match["geography"]))
    if match["district"]:
        where = f"{where} {match['district']}"
    return f"{', '.join(parts)} ({where}; {scopes_label(match['scopes'])})"


def field_value(subject: str, key: str, value: Any) -> Any:
    """A value as the reader sees it: a choice by its translated label, a list joined."""
    if subject == "survey" and key == "from" and value:
        return origin_name(value)
    field = _model_field(subject, key.rpartition(": ")[2])
    choices = dict(field.flatchoices) if field is not None and field.choices else {}
    if key.rpartition(": ")[2] == "scopes" and subject == "target":
        from klimatlaget.targets.models import ScopeChoice

        choices = dict(ScopeChoice.choices)
    if isinstance(value, list):
        return ", ".join(str(choices.get(item, item)) for item in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str | int) and value in choices:
        return str(choices[value])
    return value


def readable(
    subject: str, changes: dict[str, list[Any]], hidden: str
) -> list[tuple[str, list[Any]]]:
    """``changes`` as rows of a field's name and its old and new values (a hidden value stays
    the marker the template shows as "not kept")."""
    return [
        (
            field_name(subject, key),
            [value if value == hidden else field_value(subject, key, value) for value in values],
        )
        for key, values in changes.items()
    ]
