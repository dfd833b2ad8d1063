"""The only writers of responses and answers.

A member's own editors (``CHANGE_ORGANISATION`` on the member) answer its survey while the
survey is open and the response is not submitted; the secretariat of the survey's association
(``MANAGE_ASSOCIATION``) sees every response and returns or approves submitted ones. Nobody else
sees a member's answers before the secretariat has approved them, and even then only as
statistics and the report. Every change is recorded in the change log of the member, readable by
those who may see the response and without the answers themselves. Who may see what is decided
by :mod:`klimatlaget.accounts.resolvers`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klimatlaget.accounts.permissions import Permission, User, ensure_permission
from klimatlaget.accounts.resolvers import can_answer
from klimatlaget.audit.messages import Summary, says
from klimatlaget.audit.services import record
from klimatlaget.audit.subjects import SURVEY_RESPONSE
from klimatlaget.calc import surveys as calc
from klimatlaget.concurrency import check_version
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys.messages import problem_text
from klimatlaget.surveys.models import (
    EDITABLE_STATUSES,
    Answer,
    AnswerFile,
    AnswerSource,
    Question,
    Response,
    ResponseStatus,
    Survey,
    SurveyState,
)

#: Longest answer text written to the change log.
LOGGED_TEXT = 200


# Reading -----------------------------------------------------------------------------------


def question_specs(survey: Survey) -> list[calc.Question]:
    return [question.spec() for question in survey.questions.select_related("section")]


def answers_of(response: Response) -> dict[str, Any]:
    """The response's answers by question key (unanswered questions left out)."""
    return {
        key: value
        for key, value in response.answers.values_list("question__key", "value")
        if value is not None
    }


def response_for(survey: Survey, member: Organisation) -> Response | None:
    return Response.objects.filter(survey=survey, member=member).first()


# Starting and saving -----------------------------------------------------------------------


def _ensure_editable(response: Response) -> None:
    if response.survey.state != SurveyState.OPEN:
        raise ValidationError(_("The survey is not open for answers."), code="closed")
    if response.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("The response has been submitted and can no longer be changed."), code="submitted"
        )


@transaction.atomic
def start_response(user: User, survey: Survey, member: Organisation) -> Response:
    """The member's response, created with pre-filled answers the first time it is opened."""
    if not can_answer(user, survey, member):
        raise PermissionDenied("answer")
    response, created = Response.objects.get_or_create(survey=survey, member=member)
    if created:
        from klimatlaget.surveys.prefill import prefill

        prefill(response, user)
    return response


@dataclass
class SaveResult:
    version: int
    saved: dict[str, Any] = field(default_factory=dict)
    #: Answers that could not be read, by question key; nothing of them was saved.
    problems: dict[str, calc.AnswerProblem] = field(default_factory=dict)
    #: Answers others changed since the writer's version (none of those it saved), as they are
    #: now: the writer's copy of them is stale.
    elsewhere: dict[str, Any] = field(default_factory=dict)

    def messages(self) -> dict[str, str]:
        return {key: problem_text(problem) for key, problem in self.problems.items()}


@transaction.atomic
def save_answers(
    user: User,
    response: Response,
    raw: Mapping[str, Any],
    *,
    confirm: bool = True,
    all_or_nothing: bool = False,
    version: Any = None,
    all_seen: bool = False,
) -> SaveResult:
    """Save a draft: the answers in ``raw`` (by question key) that can be read are saved, the
    others are returned as problems (with ``all_or_nothing``, one problem saves nothing).
    Saving an answer confirms it, pre-filled or not, unless ``confirm`` is false.

    With ``version`` (the one the writer saw), an answer in ``raw`` that somebody changed since
    refuses the whole draft with StaleVersion (so callers pass only the answers that differ
    from the stored ones); answers to other questions changed meanwhile are no conflict, and
    come back in ``elsewhere`` so that the writer knows its copy of them is stale. With
    ``all_seen`` (the whole form posted to be submitted), any change since refuses it."""
    if not can_answer(user, response.survey, response.member):
        raise PermissionDenied("answer")
    response = Response.objects.select_for_update().select_related("survey").get(pk=response.pk)
    _ensure_editable(response)
    check_version(response, version, None if all_seen else raw.keys())
    questions = {q.key: q for q in response.survey.questions.all()}
    unknown = sorted(set(raw) - set(questions))
    if unknown:
        raise ValidationError(
            _("There is no question %(key)s in this survey.") % {"key": unknown[0]},
            code="unknown_question",
        )
    specs = [questions[key].spec() for key in raw if questions[key].kind != "file"]
    read, problems = calc.read_answers(specs, raw)
    result = SaveResult(version=response.version, problems=problems)
    if version is not None:
        result.elsewhere = response.current_values(response.changed_since(version))
    if problems and all_or_nothing:
        return result
    existing = {a.question.key: a for a in response.answers.select_related("question")}
    changes: dict[str, list[Any]] = {}
    for key, value in read.items():
        answer = existing.get(key)
        if answer is None:
            answer = Answer(response=response, question=questions[key], value=None)
        old = answer.value
        if old == value and (answer.confirmed or not confirm) and answer.pk:
            continue
        answer.value = value
        answer.updated_by = user if user.is_authenticated else None  # type: ignore[assignment]
        if confirm:
            answer.confirmed = True
            if old != value:
                answer.source = AnswerSource.MEMBER
        answer.save()
        result.saved[key] = value
        if old != value:
            changes[key] = [old, value]
    if result.saved:
        _touch(response, user, result.saved)
        result.version = response.version
    if changes:
        _record(
            user,
            response,
            "answered",
            changes,
            says("answers_changed", survey=response.survey.title, count=len(changes)),
        )
    return result


def _record(
    user: User, response: Response, action: str, changes: dict[str, Any], summary: Summary
) -> None:
    """Record a change of ``response`` (its values stay out of the log: see SURVEY_RESPONSE)."""
    record(
        actor=user,
        action=f"klimatlaget.survey.{action}",
        subject=SURVEY_RESPONSE,
        subject_id=response.pk,
        organisation=response.member,
        association=response.survey.association,
        changes=changes,
        summary=summary,
    )


def _touch(response: Response, user: User, keys: Iterable[str]) -> None:
    """Count a change of the answers to ``keys`` (and start the response)."""
    fields = response.bump(keys)
    if response.status in (ResponseStatus.NOT_STARTED,):
        response.status = ResponseStatus.IN_PROGRESS
        fields.append("status")
    if response.started_at is None:
        response.started_at = timezone.now()
        fields.append("started_at")
    response.save(update_fields=fields)


@transaction.atomic
def save_file(
    user: User,
    response: Response,
    question: Question,
    name: str,
    content_type: str,
    data: bytes,
    version: Any = None,
) -> Answer:
    """Store an uploaded file as the answer to a file question, within its limits, unless
    somebody else answered it after ``version`` (StaleVersion)."""
    if not can_answer(user, response.survey, response.member):
        raise PermissionDenied("answer")
    response = Response.objects.select_for_update().select_related("survey").get(pk=response.pk)
    _ensure_editable(response)
    check_version(response, version, [question.key])
    if question.survey_id != response.survey_id or question.kind != calc.QuestionKind.FILE:
        raise ValidationError(_("This question does not take a file."), code="not_file")
    try:
        calc.answers.check_file(question.spec(), name, len(data))
    except calc.AnswerProblem as problem:
        raise ValidationError(problem_text(problem), code=problem.code) from None
    value = {"name": name, "size": len(data)}
    answer, _created = Answer.objects.get_or_create(response=response, question=question)
    old = answer.value
    answer.value = value
    answer.source = AnswerSource.MEMBER
    answer.confirmed = True
    answer.updated_by = user if user.is_authenticated else None  # type: ignore[assignment]
    answer.save()
    AnswerFile.objects.update_or_create(
        answer=answer,
        defaults={"name": name, "content_type": content_type, "size": len(data), "content": data},
    )
    _touch(response, user, [question.key])
    _record(
        user,
        response,
        "answered",
        {question.key: [old, value]},
        says(
            "file_uploaded",
            survey=response.survey.title,
            key=question.key,
            label=question.text[:100],
        ),
    )
    return answer


# Submitting and reviewing ------------------------------------------------------------------


def submission_problems(response: Response) -> list[str]:
    """What stops the response from being submitted, in words; empty when it may be."""
    specs = question_specs(response.survey)
    answers = answers_of(response)
    problems = [
        _("The question “%(text)s” must be answered.") % {"text": q.text}
        for q in calc.missing_answers(specs, answers)
    ]
    shown = calc.shown_answers(specs, answers)
    unconfirmed = response.answers.filter(confirmed=False, question__key__in=list(shown))
    problems += [
        _("Confirm or correct the pre-filled answer to “%(text)s”.")
        % {"text": answer.question.spec().text}
        for answer in unconfirmed.select_related("question")
    ]
    return problems


@transaction.atomic
def confirm_prefilled(user: User, response: Response, version: Any = None) -> int:
    """Confirm every pre-filled answer as it stands; returns how many were confirmed. With
    ``version`` (the one the confirmer saw), a response changed since is refused (StaleVersion):
    the answers confirmed would not be the ones read."""
    if not can_answer(user, response.survey, response.member):
        raise PermissionDenied("answer")
    response = Response.objects.select_for_update().select_related("survey").get(pk=response.pk)
    _ensure_editable(response)
    check_version(response, version)
    unconfirmed = response.answers.filter(confirmed=False)
    keys = list(unconfirmed.values_list("question__key", flat=True))
    count = unconfirmed.update(confirmed=True)
    if count:
        _touch(response, user, keys)
        _record(
            user,
            response,
            "confirmed",
            {},
            says("answers_confirmed", survey=response.survey.title, count=count),
        )
    return count


@transaction.atomic
def submit(user: User, response: Response, version: Any = None) -> Response:
    """Submit the response. Submitting again (a double click, a resent request) changes
    nothing and is not an error. With ``version`` (the one the submitter saw), a response
    changed since is refused (StaleVersion): what is submitted must be what was read."""
    if not can_answer(user, response.survey, response.member):
        raise PermissionDenied("answer")
    response = Response.objects.select_for_update().select_related("survey").get(pk=response.pk)
    if response.status in (ResponseStatus.SUBMITTED, ResponseStatus.APPROVED):
        return response
    _ensure_editable(response)
    check_version(response, version)
    problems = submission_problems(response)
    if problems:
        raise ValidationError(problems, code="incomplete")
    response.status = ResponseStatus.SUBMITTED
    response.submitted_at = timezone.now()
    response.submitted_by = user if user.is_authenticated else None  # type: ignore[assignment]
    bookkeeping = response.bump(["status"])
    response.save(update_fields=["status", "submitted_at", "submitted_by", *bookkeeping])
    _record(
        user,
        response,
        "submitted",
        {"status": [ResponseStatus.IN_PROGRESS.value, response.status]},
        says("response_submitted", survey=response.survey.title),
    )
    return response


def _review(
    user: User, response: Response, status: ResponseStatus, comment: str, version: Any
) -> Response:
    """Approve or return the response as the reviewer saw it in ``version`` (when given)."""
    ensure_permission(user, Permission.MANAGE_ASSOCIATION, response.survey.association)
    response = Response.objects.select_for_update().select_related("survey").get(pk=response.pk)
    if response.status == status:
        return response
    check_version(response, version)
    if response.status != ResponseStatus.SUBMITTED:
        raise ValidationError(
            _("Only a submitted response can be approved or returned; this one is %(status)s.")
            % {"status": response.get_status_display()},
            code="not_submitted",
        )
    old = response.status
    response.status = status
    response.reviewed_at = timezone.now()
    response.reviewed_by = user  # type: ignore[assignment]
    response.review_comment = comment
    bookkeeping = response.bump(["status", *(["review_comment"] if comment else [])])
    response.save(
        update_fields=["status", "reviewed_at", "reviewed_by", "review_comment", *bookkeeping]
    )
    _record(
        user,
        response,
        status.value,
        {"status": [old, status.value], **({"comment": [None, comment]} if comment else {})},
        says("response_status", survey=response.survey.title, status=status.value),
    )
    return response


@transaction.atomic
def approve(user: User, response: Response, comment: str = "", version: Any = None) -> Response:
    return _review(user, response, ResponseStatus.APPROVED, comment, version)


@transaction.atomic
def return_for_correction(
    user: User, response: Response, comment: str, version: Any = None
) -> Response:
    if not comment.strip():
        raise ValidationError(
            {"comment": _("Say what the member should correct.")}, code="comment_required"
        )
    return _review(user, response, ResponseStatus.RETURNED, comment.strip(), version)
