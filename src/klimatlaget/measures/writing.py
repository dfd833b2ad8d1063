"""The one way plans, measures, indicators and quotas are written: permission first, the
object's own checks, the version the writer edited, and an entry in the change log.

Each kind's service module says how values apply and what is valid; this module does the rest
the same way for all of them."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from klimatlaget.accounts.permissions import Permission, ensure_permission
from klimatlaget.audit.messages import says
from klimatlaget.audit.services import Actor, diff, record
from klimatlaget.audit.subjects import SubjectKind
from klimatlaget.concurrency import reload_and_check
from klimatlaget.measures.models import Audited

Values = Mapping[str, Any]


@dataclass(frozen=True)
class Kind:
    """How one kind of object is written and logged."""

    subject: SubjectKind
    #: Sets the values on the object (not yet saved); many-to-many links wait for ``link``.
    apply: Callable[[Any, Values], None]
    #: Raises ValidationError({field: [messages]}) when the object may not be saved.
    check: Callable[[Any, Values], None]
    #: Sets the many-to-many links named in the values, after the object is saved.
    link: Callable[[Any, Values], None]
    #: Logged values beyond the entered fields (such as linked ids).
    linked: Callable[[Any], dict[str, Any]]

    @property
    def action(self) -> str:
        return f"klimatlaget.{self.subject.name}"


def logged(kind: Kind, obj: Audited) -> dict[str, Any]:
    return obj.audit_values() | (kind.linked(obj) if obj.pk else {})


def _record(actor: Actor, kind: Kind, obj: Audited, verb: str, changes: dict[str, Any]) -> None:
    record(
        actor=actor,
        action=f"{kind.action}.{verb}",
        subject=kind.subject,
        organisation=obj.organisation,  # type: ignore[attr-defined]
        changes=changes,
        summary=says(f"register_{verb}", kind=kind.subject.name, name=str(obj)),
        subject_id=obj.pk,
    )


def full_clean(obj: Audited, exclude: list[str]) -> dict[str, list[str]]:
    """The model's own field and constraint checks, as field → messages."""
    errors: dict[str, list[str]] = {}
    for check in (
        lambda: obj.full_clean(exclude=exclude, validate_constraints=False),
        obj.validate_constraints,  # all of them: they name the excluded organisation
    ):
        try:
            check()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    return errors


@transaction.atomic
def create(actor: Actor, kind: Kind, obj: Audited, values: Values) -> Audited:
    """Save the new ``obj`` (its organisation set) with ``values``."""
    ensure_permission(actor, Permission.CHANGE_ORGANISATION, obj.organisation)  # type: ignore[attr-defined]
    kind.apply(obj, values)
    kind.check(obj, values)
    obj.save()
    kind.link(obj, values)
    _record(actor, kind, obj, "created", diff({}, logged(kind, obj)))
    return obj


@transaction.atomic
def update(
    actor: Actor,
    kind: Kind,
    obj: Audited,
    values: Values,
    fields: tuple[str, ...] | None = None,
) -> dict[str, list[Any]]:
    """Apply ``values`` as of version ``values["version"]`` (when given); returns (and records)
    what changed. On a ValidationError or StaleVersion nothing is saved. With ``fields``, only a
    change of those since that version is a conflict."""
    ensure_permission(actor, Permission.CHANGE_ORGANISATION, obj.organisation)  # type: ignore[attr-defined]
    reload_and_check(obj, values.get("version"), fields)
    before = logged(kind, obj)
    kind.apply(obj, values)
    kind.check(obj, values)
    kind.link(obj, values)
    changes = diff(before, logged(kind, obj))
    if changes:
        obj.bump(changes)
        obj.save()
        _record(actor, kind, obj, "changed", changes)
    return changes


@transaction.atomic
def delete(actor: Actor, kind: Kind, obj: Audited, version: Any = None) -> None:
    """Delete ``obj`` unless it changed after ``version`` (when given)."""
    ensure_permission(actor, Permission.CHANGE_ORGANISATION, obj.organisation)  # type: ignore[attr-defined]
    reload_and_check(obj, version)
    before = logged(kind, obj)
    pk = obj.pk
    obj.delete()
    obj.pk = pk
    _record(actor, kind, obj, "deleted", diff(before, {}))


def raise_if(errors: Mapping[str, list[str]]) -> None:
    if errors:
        raise ValidationError(dict(errors))


def add_error(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def set_fields(obj: Audited, values: Values, fields: tuple[str, ...]) -> None:
    """Set the ``fields`` present in ``values``; text fields take None as empty, and decimals
    are kept at their field's places (so 3.5 for a stored 3.50 is no change)."""
    for name in fields:
        if name not in values:
            continue
        value = values[name]
        field = obj._meta.get_field(name.removesuffix("_id"))
        if (
            value is None
            and isinstance(field, models.CharField | models.TextField)
            and not field.null
        ):
            value = ""
        elif value is not None and isinstance(field, models.DecimalField):
            value = _at_places(value, field.decimal_places)
        setattr(obj, name, value)


def _at_places(value: Any, places: int) -> Any:
    """``value`` as a Decimal with ``places`` decimals; left as it is when it is no number (the
    field's own check then names the problem)."""
    try:
        return Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
    except (InvalidOperation, ValueError):
        return value
