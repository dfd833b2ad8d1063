"""Optimistic concurrency for everything people edit.

Every edited object carries a ``version`` that its service raises with each saved change, and
remembers in which version each field last changed. A writer says which version it edited (the
API's ``If-Match`` header or a ``version`` in the body, a hidden field in a form, the offline
workbook's version); when somebody else has saved since, :func:`check_version` refuses with
:class:`StaleVersion`, which names the fields changed since and their current values, and
nothing is saved. A writer that sends no version is not checked.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.db import models
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Versioned(models.Model):
    """An edited object: its version, and the version in which each field last changed."""

    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    changed_in = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    def bump(self, fields: Iterable[str]) -> list[str]:
        """Count a change of ``fields``; returns the bookkeeping fields to save with them."""
        self.version += 1
        self.changed_in = {**self.changed_in, **dict.fromkeys(fields, self.version)}
        return ["version", "changed_in"]

    def changed_since(self, version: int) -> list[str]:
        return sorted(field for field, seen in self.changed_in.items() if seen > version)

    def current_values(self, fields: Iterable[str]) -> dict[str, Any]:
        """The stored values of ``fields`` as JSON, for a writer who may edit this object."""
        return {field: plain(getattr(self, field, None)) for field in fields}


def plain(value: Any) -> Any:
    """A value as JSON can carry it."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


class StaleVersion(Exception):
    """The writer edited an older version than the stored one; nothing was saved."""

    def __init__(self, expected: Any, current: int, changed: Mapping[str, Any]) -> None:
        self.expected = expected
        self.current = current
        self.changed = dict(changed)
        super().__init__(f"version {expected} is stale, the current version is {current}")

    @property
    def invalid(self) -> bool:
        """The writer named no version this object ever had (negative, future, not a number)."""
        return type(self.expected) is not int or not 0 <= self.expected <= self.current

    def message(self) -> str:
        if self.invalid:
            return gettext(
                "The version %(expected)s sent with your changes is not a version of this, "
                "so nothing was saved. Open it again and make your changes there."
            ) % {"expected": self.expected}
        return gettext(
            "Somebody else saved this after you opened it, so nothing was saved. "
            "Their changes are shown below: look them over and save again to keep yours."
        )

    def as_json(self) -> dict[str, Any]:
        detail = self.message()
        if not self.invalid:
            detail = gettext(
                "Somebody else changed this after version %(expected)s, so nothing was saved. "
                "'changed' has their changes as they are now; make yours to version %(current)s."
            ) % {"expected": self.expected, "current": self.current}
        return {"detail": detail, "version": self.current, "changed": self.changed}


def check_version(obj: Versioned, expected: Any, fields: Iterable[str] | None = None) -> None:
    """Refuse the write unless ``expected`` is ``obj``'s version (no version: no check).

    With ``fields``, the writer states only those: a change of other fields since ``expected``
    is no conflict. A value that is no version of ``obj`` (negative, from the future, not a
    whole number) is refused alike."""
    if expected is None:
        return
    if type(expected) is not int or not 0 <= expected <= obj.version:
        raise StaleVersion(expected, obj.version, {})
    changed = obj.changed_since(expected)
    if fields is not None:
        stated = set(fields)
        changed = [field for field in changed if field in stated]
        if not changed:
            return
    elif expected == obj.version:
        return
    raise StaleVersion(expected, obj.version, obj.current_values(changed))


def reload_and_check(obj: Versioned, expected: Any, fields: Iterable[str] | None = None) -> None:
    """Reload ``obj`` as stored now (locked for the rest of the transaction where the database
    can) and refuse the write unless ``expected`` is its version. Call it in the transaction."""
    obj.refresh_from_db(from_queryset=type(obj)._default_manager.select_for_update())
    check_version(obj, expected, fields)


# HTTP --------------------------------------------------------------------------------------


def etag(version: int) -> str:
    """The ``ETag`` of a version, as ``If-Match`` sends it back."""
    return f'"v{version}"'


def if_match(request: HttpRequest) -> int | str | None:
    """The version named by ``If-Match`` (``"v3"`` → 3), the raw header when it names no
    version of ours (refused as stale), or None when there is no header or it is ``*``."""
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        return None
    tag = header.removeprefix("W/").strip('"')
    number = tag.removeprefix("v")
    return int(number) if tag.startswith("v") and number.isdigit() else header


def expected_version(request: HttpRequest, body_version: int | None) -> Any:
    """The version an API writer edited: ``If-Match`` when sent, else the body's version."""
    header = if_match(request)
    return header if header is not None else body_version


def posted_version(text: str | None) -> Any:
    """The version posted in a form field: None when absent, else a whole number or, when it is
    none, the text itself (refused as stale)."""
    if text is None or not text.strip():
        return None
    text = text.strip()
    return int(text) if text.lstrip("-").isdigit() else text


#: ``openapi_extra`` of an operation that honours ``If-Match``.
IF_MATCH: dict[str, Any] = {
    "parameters": [
        {
            "in": "header",
            "name": "If-Match",
            "required": False,
            "schema": {"type": "string"},
            "description": 'The ETag read ("v3"): a change made since refuses the write (412)',
        }
    ]
}


def sends_etag(extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """``openapi_extra`` of an operation whose answer carries the version read as ``ETag``
    (merged with ``extra``, such as :data:`IF_MATCH`)."""
    header = {
        "description": 'The version read ("v3"), to send back in If-Match when changing it',
        "schema": {"type": "string"},
    }
    return {**(extra or {}), "responses": {200: {"headers": {"ETag": header}}}}


def conflict_status(request: HttpRequest) -> int:
    """412 when the stale version came in ``If-Match``, 409 when it came in the body."""
    return 412 if if_match(request) is not None else 409


# Forms -------------------------------------------------------------------------------------


class VersionField(forms.Field):
    """The hidden version a form was opened with (a form posted without one is not checked).
    Whatever else is posted goes to :func:`check_version`, which refuses it in words."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)

    def to_python(self, value: Any) -> Any:
        return posted_version(None if value is None else str(value))


class VersionForm(forms.Form):
    """A confirmation (such as deleting) of the version shown."""

    version = VersionField()


def versioned_initial(obj: Versioned | None) -> dict[str, Any]:
    return {"version": obj.version} if obj is not None else {}


def show_conflict(form: forms.BaseForm, error: StaleVersion) -> None:
    """Keep the user's input, say what changed and let a second save (now knowingly) win."""
    data = QueryDict(mutable=True)
    data.update(form.data)
    data[form.add_prefix("version")] = str(error.current)
    form.data = data
    form.add_error(None, [error.message(), *changed_lines(error, form)])


def changed_lines(error: StaleVersion, form: forms.BaseForm | None = None) -> list[str]:
    """``label: current value`` for each field changed since, labelled as in ``form``."""
    fields = form.fields if form is not None else {}
    lines = []
    for name, value in error.changed.items():
        field = fields.get(name)
        label = field.label if field is not None and field.label else name
        lines.append(f"{label}: {'—' if value in (None, '', []) else value}")
    return lines


def changed_text(error: StaleVersion) -> str:
    return "; ".join(changed_lines(error))
