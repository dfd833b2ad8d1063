"""The only writer of reporting answers and deadlines; every change checked and logged.

:func:`answers_for` is how other code (the CDP export) reads the answers to shared questions.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from klimatlaget.accounts.permissions import Permission, User, ensure_permission, runs_platform
from klimatlaget.audit.messages import says
from klimatlaget.audit.services import actor_label, diff, record
from klimatlaget.audit.subjects import REPORTING_ANSWER, REPORTING_DEADLINE
from klimatlaget.concurrency import check_version, reload_and_check
from klimatlaget.organisations.models import Organisation
from klimatlaget.reporting.models import Answer, Deadline
from klimatlaget.reporting.profiles import question_keys


def answers_for(organisation: Organisation, keys: Iterable[str]) -> dict[str, Answer]:
    """The organisation's answers to the questions ``keys`` (a key not answered is absent)."""
    return {
        answer.key: answer
        for answer in Answer.objects.filter(organisation=organisation, key__in=list(keys))
    }


@transaction.atomic
def save_answer(
    user: User,
    organisation: Organisation,
    key: str,
    text: str,
    year: int | None = None,
    version: Any = None,
) -> Answer:
    """Answer (or confirm, with the same text) the question ``key`` for the reporting ``year``
    (this year when not given), refused when somebody saved since ``version``."""
    ensure_permission(user, Permission.CHANGE_ORGANISATION, organisation)
    if key not in question_keys():
        raise ValueError(f"No profile asks the question {key!r}.")
    text = text.strip()
    if not text:
        raise ValueError("Write an answer.")
    year = year or timezone.localdate().year
    answer = Answer.objects.select_for_update().filter(organisation=organisation, key=key).first()
    if answer is None:
        check_version(Answer(version=0), version)
        answer = Answer(organisation=organisation, key=key, text="", year=year)
        before: dict[str, Any] = {}
    else:
        reload_and_check(answer, version)
        before = {"text": answer.text, "year": answer.year}
    changes = diff(before, {"text": text, "year": year})
    if not changes:
        return answer
    answer.text, answer.year = text, year
    answer.answered_by_label = actor_label(user)
    answer.full_clean()
    answer.bump(changes)
    answer.save()
    record(
        actor=user,
        action="klimatlaget.reporting.answer_saved",
        subject=REPORTING_ANSWER,
        organisation=organisation,
        changes=changes,
        summary=says("reporting_answer_saved", key=key, year=year),
        subject_id=answer.pk,
    )
    return answer


def _ensure_platform(user: User) -> None:
    if not runs_platform(user):
        raise PermissionDenied("reporting deadlines")


DEADLINE_FIELDS = ("platform", "title", "due", "recurs_yearly")


@transaction.atomic
def save_deadline(user: User, deadline: Deadline | None, values: dict[str, Any]) -> Deadline:
    """Add a deadline (``deadline`` None) or change one as of ``values["version"]``."""
    _ensure_platform(user)
    if deadline is None:
        deadline = Deadline()
        before: dict[str, Any] = {}
    else:
        reload_and_check(deadline, values.get("version"))
        before = {field: _plain(getattr(deadline, field)) for field in DEADLINE_FIELDS}
    after = {field: values[field] for field in DEADLINE_FIELDS}
    changes = diff(before, {field: _plain(value) for field, value in after.items()})
    if not changes:
        return deadline
    for field, value in after.items():
        setattr(deadline, field, value)
    deadline.full_clean()
    deadline.bump(changes)
    deadline.save()
    record(
        actor=user,
        action="klimatlaget.reporting.deadline_saved",
        subject=REPORTING_DEADLINE,
        changes=changes,
        summary=says("reporting_deadline_saved", title=deadline.title),
        subject_id=deadline.pk,
    )
    return deadline


@transaction.atomic
def remove_deadline(user: User, deadline: Deadline, version: Any = None) -> None:
    _ensure_platform(user)
    reload_and_check(deadline, version)
    record(
        actor=user,
        action="klimatlaget.reporting.deadline_removed",
        subject=REPORTING_DEADLINE,
        summary=says("reporting_deadline_removed", title=deadline.title),
        subject_id=deadline.pk,
    )
    deadline.delete()


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value
