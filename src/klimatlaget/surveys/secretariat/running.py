"""Creating an association's surveys and changing their settings (secretariat only).

Every change is recorded in the change log of the association. The question content itself is
created by :mod:`klimatlaget.surveys.building`; here we only choose where it comes from: the
year's template (:mod:`klimatlaget.surveys.blueprints`) or last year's survey of the same kind.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from klimatlaget.accounts.permissions import Permission, User, ensure_permission
from klimatlaget.audit.messages import says
from klimatlaget.audit.services import record
from klimatlaget.audit.subjects import SURVEY
from klimatlaget.concurrency import check_version
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys.building import copy_survey, create_survey
from klimatlaget.surveys.models import Survey, SurveyKind, SurveyState

Source = Literal["template", "copy", "definition"]


def _template(kind: str, year: int) -> dict[str, Any]:
    """The blueprint for ``kind`` and ``year``, imported only when asked for."""
    from klimatlaget.surveys import blueprints

    definition = getattr(blueprints, "definition", None)
    if definition is None:
        raise ValidationError(
            {"source": _("There is no template yet; copy last year's survey instead.")}
        )
    return dict(definition(kind, year))


def _previous(association: Organisation, kind: str, year: int) -> Survey:
    previous = (
        Survey.objects.filter(association=association, kind=kind, year__lt=year)
        .order_by("-year")
        .first()
    )
    if previous is None:
        raise ValidationError(
            {
                "source": _("There is no earlier %(kind)s survey to copy.")
                % {"kind": SurveyKind(kind).label}
            }
        )
    return previous


@transaction.atomic
def create(
    user: User,
    association: Organisation,
    year: int,
    kind: str,
    source: Source,
    definition: Any = None,
) -> Survey:
    """A new survey in draft, from the template, copied from the latest earlier year or from a
    posted ``definition``. A survey of the same kind and year must not exist already."""
    ensure_permission(user, Permission.MANAGE_ASSOCIATION, association)
    if kind not in SurveyKind.values:
        raise ValidationError({"kind": _("Unknown kind of survey: %(kind)s.") % {"kind": kind}})
    if Survey.objects.filter(association=association, kind=kind, year=year).exists():
        raise ValidationError(
            {
                "year": _("There is already a %(kind)s survey for %(year)s.")
                % {"kind": SurveyKind(kind).label, "year": year}
            },
            code="exists",
        )
    if source == "copy":
        previous = _previous(association, kind, year)
        survey = copy_survey(previous, year)
        origin = str(previous.year)
    elif source == "definition":
        from klimatlaget.surveys.secretariat.editing import build_from_definition

        survey = build_from_definition(association, year, kind, definition)
        origin = "definition"
    else:
        survey = create_survey(association, year, kind, _template(kind, year))
        origin = "template"
    record(
        actor=user,
        action="klimatlaget.survey.created",
        subject=SURVEY,
        subject_id=survey.pk,
        organisation=association,
        changes={"year": [None, year], "kind": [None, kind], "from": [None, origin]},
        summary=says("survey_created", survey=survey.title, origin=origin),
    )
    return survey


def _state_problem(survey: Survey, state: str) -> str | None:
    if state not in SurveyState.values:
        return _("Unknown state: %(state)s.") % {"state": state}
    if state == SurveyState.DRAFT and survey.responses.exists():
        return _("Members have started answering; the survey cannot go back to draft.")
    if state == SurveyState.OPEN and not survey.questions.exists():
        return _("A survey without questions cannot be opened.")
    return None


@transaction.atomic
def update_settings(
    user: User,
    survey: Survey,
    *,
    title: str | None = None,
    deadline: datetime.date | Literal[False] | None = False,
    state: str | None = None,
    version: Any = None,
) -> dict[str, list[Any]]:
    """Change the title, deadline (``False``: leave it) and state; returns the changes made.
    The state goes draft → open → closed; a closed survey may be reopened. A setting given
    that changed after ``version`` (when given) refuses the change (StaleVersion)."""
    ensure_permission(user, Permission.MANAGE_ASSOCIATION, survey.association)
    locked = Survey.objects.select_for_update().get(pk=survey.pk)
    given = {"title": title, "deadline": deadline, "state": state}
    check_version(
        locked, version, [k for k, v in given.items() if v is not None and v is not False]
    )
    changes = _apply(locked, title, deadline, state)
    survey.title, survey.deadline, survey.state = locked.title, locked.deadline, locked.state
    if changes:
        locked.save(update_fields=["title", "deadline", "state", *locked.bump(changes)])
        survey.version, survey.changed_in = locked.version, locked.changed_in
        record(
            actor=user,
            action="klimatlaget.survey.changed",
            subject=SURVEY,
            subject_id=survey.pk,
            organisation=survey.association,
            changes=changes,
            summary=says("survey_changed", survey=survey.title, fields=list(changes)),
        )
    return changes


def _apply(
    survey: Survey,
    title: str | None,
    deadline: datetime.date | Literal[False] | None,
    state: str | None,
) -> dict[str, list[Any]]:
    """Check and set the new settings on ``survey`` (unsaved); returns what changed."""
    errors: dict[str, str] = {}
    if title is not None and not title.strip():
        errors["title"] = _("Give the survey a title.")
    if state is not None and state != survey.state:
        problem = _state_problem(survey, state)
        if problem:
            errors["state"] = problem
    if errors:
        raise ValidationError(errors)
    before = _settings(survey)
    if title is not None:
        survey.title = title.strip()
    if deadline is not False:
        survey.deadline = deadline
    if state is not None:
        survey.state = state
    after = _settings(survey)
    return {k: [before[k], after[k]] for k in before if before[k] != after[k]}


def _settings(survey: Survey) -> dict[str, Any]:
    return {
        "title": survey.title,
        "deadline": survey.deadline.isoformat() if survey.deadline else None,
        "state": survey.state,
    }
