"""The only writers of the headline figures an association published for a year from before
the platform (see :class:`~klimatlaget.surveys.models.PublishedFigure`), and their reader for
the report. Writing is the secretariat's (``MANAGE_ASSOCIATION``); every change is validated,
versioned and recorded. The figures are quoted from public documents, so the change log keeps
their values for every reader of the association's history.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from klimatlaget.accounts.permissions import Permission, User, ensure_permission
from klimatlaget.audit.messages import Summary, says
from klimatlaget.audit.services import diff, record
from klimatlaget.audit.subjects import PUBLISHED_FIGURE
from klimatlaget.concurrency import reload_and_check
from klimatlaget.organisations.models import Organisation, OrganisationKind
from klimatlaget.surveys.models import PublishedFigure

FIELDS = ("year", "kind", "key", "value", "source", "source_url", "page", "quoted")


def figures_of(association: Organisation, years: set[int] | None = None) -> list[PublishedFigure]:
    """The association's published figures (of ``years`` when given), newest year first."""
    figures = PublishedFigure.objects.filter(association=association)
    if years is not None:
        figures = figures.filter(year__in=years)
    return list(figures)


def _values(figure: PublishedFigure) -> dict[str, Any]:
    return {field: getattr(figure, field) for field in FIELDS}


def _summary(figure: PublishedFigure, verb: str) -> Summary:
    return says(f"figure_{verb}", year=figure.year, kind=figure.kind, key=figure.key)


def _validate(figure: PublishedFigure) -> None:
    if figure.association.kind != OrganisationKind.ASSOCIATION:
        raise ValidationError(_("%(name)s is not an association.") % {"name": figure.association})
    figure.full_clean()


@transaction.atomic
def add_figure(user: User, association: Organisation, values: dict[str, Any]) -> PublishedFigure:
    ensure_permission(user, Permission.MANAGE_ASSOCIATION, association)
    figure = PublishedFigure(
        association=association, **{k: v for k, v in values.items() if k in FIELDS}
    )
    _validate(figure)
    figure.save()
    record(
        actor=user,
        action="klimatlaget.published_figure.added",
        subject=PUBLISHED_FIGURE,
        subject_id=figure.pk,
        organisation=association,
        changes=diff({}, _values(figure)),
        summary=_summary(figure, "added"),
    )
    return figure


@transaction.atomic
def change_figure(
    user: User, figure: PublishedFigure, values: dict[str, Any]
) -> dict[str, list[Any]]:
    """Change the fields given; ``values["version"]`` is the version edited (stale: refused)."""
    ensure_permission(user, Permission.MANAGE_ASSOCIATION, figure.association)
    reload_and_check(figure, values.get("version"))
    before = _values(figure)
    changes = diff(before, {**before, **{k: v for k, v in values.items() if k in FIELDS}})
    if not changes:
        return {}
    for field, (_old, new) in changes.items():
        setattr(figure, field, new)
    try:
        _validate(figure)
    except ValidationError:
        for field, value in before.items():
            setattr(figure, field, value)
        raise
    figure.save(update_fields=[*changes, *figure.bump(changes)])
    record(
        actor=user,
        action="klimatlaget.published_figure.changed",
        subject=PUBLISHED_FIGURE,
        subject_id=figure.pk,
        organisation=figure.association,
        changes=changes,
        summary=_summary(figure, "changed"),
    )
    return changes


@transaction.atomic
def remove_figure(user: User, figure: PublishedFigure, version: Any = None) -> None:
    ensure_permission(user, Permission.MANAGE_ASSOCIATION, figure.association)
    reload_and_check(figure, version)
    record(
        actor=user,
        action="klimatlaget.published_figure.removed",
        subject=PUBLISHED_FIGURE,
        subject_id=figure.pk,
        organisation=figure.association,
        changes=diff(_values(figure), {}),
        summary=_summary(figure, "removed"),
    )
    figure.delete()
