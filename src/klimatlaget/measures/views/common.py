"""What the plan, measure and indicator pages share: finding the organisation an editor
changes, and running a service with a form's values, showing its refusals on the form."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from klimatlaget.accounts.permissions import Permission, has_permission
from klimatlaget.accounts.resolvers import organisation_for
from klimatlaget.concurrency import StaleVersion, show_conflict
from klimatlaget.organisations.models import Organisation

#: A service's value key → the form field that shows its errors.
_FIELD_OF = {
    "plan_id": "plan",
    "replaces_id": "replaces",
    "target_ids": "targets",
    "interim_target_ids": "interim_targets",
    "indicator_ids": "indicators",
    "measure_ids": "measures",
}


def editable(request: HttpRequest, code: str) -> Organisation:
    """The organisation ``code`` if the user edits it (403 before the lookup)."""
    return organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)


def can_edit(request: HttpRequest, organisation: Organisation) -> bool:
    return has_permission(request.user, Permission.CHANGE_ORGANISATION, organisation)


def saved(form: forms.BaseForm, save: Callable[[dict[str, Any]], Any]) -> bool:
    """Run ``save`` with the form's values; a ValidationError or StaleVersion is shown on it."""
    try:
        save(form.values())  # type: ignore[attr-defined]
    except StaleVersion as error:
        show_conflict(form, error)
        return False
    except ValidationError as error:
        for key, problems in error.message_dict.items():
            field = _FIELD_OF.get(key, key)
            for problem in problems:
                form.add_error(field if field in form.fields else None, problem)
        return False
    return True
