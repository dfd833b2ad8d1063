"""Recording changes. Every service that writes a user's data calls :func:`record`, the one
writer of the change log (or, for an import's hundreds of entries at once, makes them with
:func:`audit_entry` and writes them with :func:`record_all`)."""

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from klimatlaget.accounts.actors import SystemActor
from klimatlaget.audit.messages import Summary
from klimatlaget.audit.models import AuditEntry
from klimatlaget.audit.subjects import SubjectKind
from klimatlaget.organisations.models import Organisation, OrganisationKind

Actor = AbstractBaseUser | AnonymousUser | SystemActor
"""Who writes: a signed-in user (a request's user) or a :class:`SystemActor` (the command line,
the demo, the benchmarks). Anonymous users are in the type only because requests carry them."""


class AnonymousWriter(ValueError):
    """A write without a named writer: a bug, since every service checks permission first."""


def actor_label(actor: Actor) -> str:
    """A readable name for who made a change: the username, or the system actor's label.

    Refuses an anonymous actor, so that the log never records a change by nobody."""
    if isinstance(actor, SystemActor):
        return actor.label
    if actor.is_authenticated:
        return actor.get_username()
    raise AnonymousWriter(
        "A change needs a signed-in user or a system actor, not an anonymous one."
    )


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """The fields whose value differs, as ``{field: [old, new]}``."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def record(
    *,
    actor: Actor,
    action: str,
    subject: SubjectKind,
    organisation: Organisation | None = None,
    changes: Mapping[str, list[Any]] | None = None,
    summary: Summary | None = None,
    subject_id: int | None = None,
    association: Organisation | None = None,
) -> AuditEntry:
    """Record a change of a ``subject`` object (key ``subject_id``) in ``organisation``'s
    history. Only the values ``subject`` may keep are stored; ``summary`` (see
    :func:`klimatlaget.audit.messages.says`) must not name the others. ``association`` is the
    association whose secretariat may read a restricted entry (the organisation itself when it
    is one and none is given)."""
    entry = audit_entry(
        actor=actor,
        action=action,
        subject=subject,
        organisation=organisation,
        changes=changes,
        summary=summary,
        subject_id=subject_id,
        association=association,
    )
    entry.save()
    return entry


def audit_entry(
    *,
    actor: Actor,
    action: str,
    subject: SubjectKind,
    organisation: Organisation | None = None,
    changes: Mapping[str, list[Any]] | None = None,
    summary: Summary | None = None,
    subject_id: int | None = None,
    association: Organisation | None = None,
) -> AuditEntry:
    """The entry :func:`record` writes, not yet saved: an import that changes hundreds of
    organisations writes their entries at once with :func:`record_all`."""
    label = actor_label(actor)
    user: Any = actor if actor.is_authenticated else None
    return AuditEntry(
        actor=user,
        actor_label=label,
        organisation=organisation,
        action=action,
        changes=subject.redact(changes or {}),
        summary=summary.english()[:300] if summary else "",
        message=summary.code if summary else "",
        params=summary.params if summary else {},
        subject=subject.name,
        subject_id=subject_id,
        visibility=subject.visibility,
        association=association or _association(organisation),
    )


def record_all(entries: list[AuditEntry]) -> None:
    """Save entries made by :func:`audit_entry`, in one statement (or a few)."""
    AuditEntry.objects.bulk_create(entries)


def _association(organisation: Organisation | None) -> Organisation | None:
    if organisation is not None and organisation.kind == OrganisationKind.ASSOCIATION:
        return organisation
    return None
