"""The secretariat's survey API: create and change surveys, send invitations and reminders,
follow the members' responses and approve or return them. Secretariat only (401 when logged
out, 403 for everybody else); invalid requests get 422 with a ``detail`` naming the field.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status
from ninja.security import django_auth

from klimatlaget.accounts.resolvers import managed_association, managed_response, managed_survey
from klimatlaget.api.schemas import CONFLICTS, ErrorOut, Year
from klimatlaget.associations.api import InvalidOut, invalid
from klimatlaget.concurrency import IF_MATCH, etag, expected_version, sends_etag
from klimatlaget.exports.responses import csv_response
from klimatlaget.surveys import services
from klimatlaget.surveys.building import definition_of
from klimatlaget.surveys.models import DispatchKind, Response, Survey
from klimatlaget.surveys.secretariat import dispatch, editing, running
from klimatlaget.surveys.secretariat.status import COLUMNS, member_statuses, status_counts

router = Router(tags=["surveys"])

READ_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 422: InvalidOut}
CHANGE_ERRORS: dict[int, Any] = {**WRITE_ERRORS, **CONFLICTS}


class SurveyOut(Schema):
    id: int
    association: str
    year: int
    kind: str
    title: str
    state: str
    deadline: datetime.date | None
    copied_from: int | None
    counts: dict[str, int]
    version: int = Field(description="Send it back (or in If-Match) when changing the survey")


class SurveyIn(Schema):
    year: Year
    kind: Literal["klimatlaget", "membership_test"]
    source: Literal["template", "copy", "definition"] = Field("copy", alias="from")
    #: With ``"from": "definition"``: the survey as a definition (see ``GET .../definition``).
    definition: dict[str, Any] | None = None


class SurveyPatch(Schema):
    title: str | None = None
    deadline: datetime.date | None = None
    state: Literal["draft", "open", "closed"] | None = None
    version: int | None = Field(None, description="The version edited; a stale one gets 409")


class MemberRef(Schema):
    code: str
    name: str


class DispatchOut(Schema):
    kind: str
    sent: int
    addresses: int
    members: list[MemberRef]
    no_contact: list[MemberRef]


class StatusRowOut(Schema):
    member_code: str
    member_name: str
    status: str
    status_label: str
    last_saved: str | None
    submitted_at: str | None
    last_dispatch: str | None
    last_dispatch_kind: str | None


class StatusOut(Schema):
    survey_id: int
    title: str
    state: str
    counts: dict[str, int]
    rows: list[StatusRowOut]


class ReviewIn(Schema):
    comment: str = ""
    version: int | None = Field(None, description="The version reviewed; a stale one gets 409")


class ReviewOut(Schema):
    member_code: str
    status: str
    reviewed_at: datetime.datetime | None
    comment: str
    addresses_told: int | None = None


def _survey_out(survey: Survey) -> dict[str, Any]:
    return {
        "id": survey.pk,
        "association": survey.association.code,
        "year": survey.year,
        "kind": survey.kind,
        "title": survey.title,
        "state": survey.state,
        "deadline": survey.deadline,
        "copied_from": survey.copied_from_id,
        "counts": status_counts(member_statuses(survey)),
        "version": survey.version,
    }


@router.get(
    "/associations/{code}/surveys", auth=django_auth, response={200: list[SurveyOut], **READ_ERRORS}
)
def association_surveys(request: HttpRequest, code: str) -> Any:
    """The association's surveys, the latest year first, with response counts by status."""
    association = managed_association(request.user, code)
    surveys = Survey.objects.filter(association=association).select_related("association")
    return [_survey_out(s) for s in surveys.order_by("-year", "kind")]


@router.post(
    "/associations/{code}/surveys", auth=django_auth, response={201: SurveyOut, **WRITE_ERRORS}
)
def post_survey(request: HttpRequest, code: str, body: SurveyIn) -> Any:
    """Create the year's survey in draft, ``from`` the template, a ``copy`` of the latest
    earlier survey of the same kind (question keys kept) or a posted ``definition``. Recorded."""
    association = managed_association(request.user, code)
    try:
        survey = running.create(
            request.user, association, body.year, body.kind, body.source, body.definition
        )
    except ValidationError as error:
        return invalid(error, _("The survey was not created."))
    return Status(201, _survey_out(survey))


@router.patch(
    "/surveys/{survey_id}",
    auth=django_auth,
    response={200: SurveyOut, **CHANGE_ERRORS},
    openapi_extra=IF_MATCH,
)
def patch_survey(request: HttpRequest, survey_id: int, body: SurveyPatch) -> Any:
    """Change the title, deadline (``null`` removes it) or state (draft → open → closed, and
    reopening). Recorded. With ``If-Match`` or ``version``, a setting given that changed since
    that version is not changed (412 or 409)."""
    survey = managed_survey(request.user, survey_id)
    given = body.model_fields_set
    try:
        running.update_settings(
            request.user,
            survey,
            title=body.title if "title" in given else None,
            deadline=body.deadline if "deadline" in given else False,
            state=body.state if "state" in given else None,
            version=expected_version(request, body.version),
        )
    except ValidationError as error:
        return invalid(error, _("The survey was not changed."))
    return _survey_out(survey)


def _send(request: HttpRequest, survey_id: int, kind: DispatchKind) -> Any:
    survey = managed_survey(request.user, survey_id)
    base_url = dispatch.base_url(request)
    try:
        sent = dispatch.send(request.user, survey, kind, base_url)
    except ValidationError as error:
        return invalid(error, _("Nothing was sent."))
    return {
        "kind": kind.value,
        "sent": len(sent.recipients),
        "addresses": sent.addresses,
        "members": [{"code": r.member.code, "name": r.member.name} for r in sent.recipients],
        "no_contact": [{"code": m.code, "name": m.name} for m in sent.no_contact],
    }


@router.post(
    "/surveys/{survey_id}/invitations",
    auth=django_auth,
    response={200: DispatchOut, **WRITE_ERRORS},
)
def post_invitations(request: HttpRequest, survey_id: int) -> Any:
    """E-mail the invitation to every member's contacts (the survey must be open). Members
    without a contact are listed in ``no_contact``."""
    return _send(request, survey_id, DispatchKind.INVITATION)


@router.post(
    "/surveys/{survey_id}/reminders", auth=django_auth, response={200: DispatchOut, **WRITE_ERRORS}
)
def post_reminders(request: HttpRequest, survey_id: int) -> Any:
    """E-mail a reminder to the members that have not submitted (the survey must be open)."""
    return _send(request, survey_id, DispatchKind.REMINDER)


@router.get(
    "/surveys/{survey_id}/status", auth=django_auth, response={200: StatusOut, **READ_ERRORS}
)
def survey_status(
    request: HttpRequest, survey_id: int, format: Literal["json", "csv"] = "json"
) -> Any:
    """Every member's status, last save, submission and latest e-mail, with the counts."""
    survey = managed_survey(request.user, survey_id)
    rows = member_statuses(survey)
    table = [row.as_dict() for row in rows]
    if format == "csv":
        return csv_response(f"{survey.association.code}-survey-{survey.pk}-status", table, COLUMNS)
    return {
        "survey_id": survey.pk,
        "title": survey.title,
        "state": survey.state,
        "counts": status_counts(rows),
        "rows": table,
    }


def _response(request: HttpRequest, survey_id: int, member_code: str) -> Response:
    return managed_response(request.user, survey_id, member_code)


def _review_out(response: Response, told: int | None = None) -> dict[str, Any]:
    return {
        "member_code": response.member.code,
        "status": response.status,
        "reviewed_at": response.reviewed_at,
        "comment": response.review_comment,
        "addresses_told": told,
    }


@router.post(
    "/surveys/{survey_id}/responses/{member_code}/approve",
    auth=django_auth,
    response={200: ReviewOut, **WRITE_ERRORS, **CONFLICTS},
    openapi_extra=IF_MATCH,
)
def approve_response(
    request: HttpRequest, survey_id: int, member_code: str, body: ReviewIn | None = None
) -> Any:
    """Approve the member's submitted response (an optional ``comment``). Recorded. With
    ``If-Match`` or ``version``, a response changed since that version is not approved."""
    response = _response(request, survey_id, member_code)
    version = expected_version(request, body.version if body else None)
    try:
        approved = services.approve(request.user, response, body.comment if body else "", version)
    except ValidationError as error:
        return invalid(error, _("The response was not approved."))
    return _review_out(approved)


@router.post(
    "/surveys/{survey_id}/responses/{member_code}/return",
    auth=django_auth,
    response={200: ReviewOut, **WRITE_ERRORS, **CONFLICTS},
    openapi_extra=IF_MATCH,
)
def return_response(request: HttpRequest, survey_id: int, member_code: str, body: ReviewIn) -> Any:
    """Return the member's submitted response for correction with a ``comment`` (required),
    e-mailed to the member's contacts. Recorded."""
    response = _response(request, survey_id, member_code)
    version = expected_version(request, body.version)
    try:
        returned = services.return_for_correction(request.user, response, body.comment, version)
    except ValidationError as error:
        return invalid(error, _("The response was not returned."))
    told = dispatch.send_returned(request.user, returned, dispatch.base_url(request))
    return _review_out(returned, told)


# Editing sections and questions ------------------------------------------------------------


class ChoiceIn(Schema):
    key: str
    label: str


class ColumnIn(Schema):
    key: str
    label: str
    kind: str
    required: bool = False
    unit: str = ""
    choices: list[ChoiceIn] = []
    minimum: float | None = None
    maximum: float | None = None


class ConditionIn(Schema):
    question: str
    equals: bool | str


class QuestionPatch(Schema):
    """Any of a question's definition fields; ``section`` moves it to another section's end."""

    section: str | None = None
    key: str | None = None
    kind: str | None = None
    text: str | None = None
    help_text: str | None = None
    text_en: str | None = Field(None, description="the question in English (English pages)")
    help_text_en: str | None = None
    required: bool | None = None
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    choices: list[ChoiceIn] | None = None
    columns: list[ColumnIn] | None = None
    condition: ConditionIn | None = None
    prefill: str | None = None
    max_rows: int | None = None
    max_file_bytes: int | None = None
    file_types: list[str] | None = None
    version: int | None = Field(
        None, description="The survey's version edited; a change since gets 409"
    )


class QuestionIn(QuestionPatch):
    section: str
    key: str
    kind: str
    text: str
    position: int | None = Field(None, description="place within the section (0: first)")


class SectionIn(Schema):
    key: str
    title: str
    description: str = ""
    title_en: str = Field("", description="the title in English (English pages)")
    description_en: str = ""


class SectionPatch(Schema):
    key: str | None = None
    title: str | None = None
    description: str | None = None
    title_en: str | None = None
    description_en: str | None = None
    version: int | None = Field(
        None, description="The survey's version edited; a change since gets 409"
    )


class SectionOut(Schema):
    key: str
    title: str
    description: str
    title_en: str
    description_en: str
    questions: list[str]


def _section_out(section: dict[str, Any]) -> dict[str, Any]:
    return {
        "key": section["key"],
        "title": section["title"],
        "description": section.get("description", ""),
        "title_en": section.get("title_en", ""),
        "description_en": section.get("description_en", ""),
        "questions": [question["key"] for question in section["questions"]],
    }


def _question_out(survey: Survey, key: str) -> dict[str, Any]:
    section, question = editing.find_question(editing.layout_of(survey), key)
    return {**editing.public(question), "section": section["key"]}


def _given(body: Schema, leave: tuple[str, ...] = ()) -> dict[str, Any]:
    """The fields the request gave (a ``null`` condition or bound removes it)."""
    data = body.model_dump(include=body.model_fields_set)
    return {key: value for key, value in data.items() if key not in leave}


@router.get(
    "/surveys/{survey_id}/definition",
    auth=django_auth,
    response={200: dict, **READ_ERRORS},
    openapi_extra=sends_etag(),
)
def survey_definition(request: HttpRequest, survey_id: int, response: HttpResponse) -> Any:
    """The survey as a definition: sections with their questions (kind, choices, columns,
    condition, bounds, pre-filling) and the requirements; ``from: definition`` takes it back.
    The ``ETag`` names the survey's version, for ``If-Match`` when changing a section or
    question (refused only when that section or question changed since)."""
    survey = managed_survey(request.user, survey_id)
    response["ETag"] = etag(survey.version)
    return definition_of(survey)


@router.post(
    "/surveys/{survey_id}/sections", auth=django_auth, response={201: SectionOut, **WRITE_ERRORS}
)
def post_section(request: HttpRequest, survey_id: int, body: SectionIn) -> Any:
    """Add a section at the end (a survey being prepared). Recorded."""
    survey = managed_survey(request.user, survey_id)
    try:
        section = editing.add_section(request.user, survey, body.model_dump())
    except ValidationError as error:
        return invalid(error, _("The section was not added."))
    return Status(201, _section_out(section))


@router.patch(
    "/surveys/{survey_id}/sections/{section_key}",
    auth=django_auth,
    response={200: SectionOut, **CHANGE_ERRORS},
    openapi_extra=IF_MATCH,
)
def patch_section(
    request: HttpRequest, survey_id: int, section_key: str, body: SectionPatch
) -> Any:
    """Change a section's title or description (any time) or key (while being prepared)."""
    survey = managed_survey(request.user, survey_id)
    _section_or_404(survey, section_key)
    try:
        changes = {**_given(body), "version": expected_version(request, body.version)}
        section = editing.change_section(request.user, survey, section_key, changes)
    except ValidationError as error:
        return invalid(error, _("The section was not changed."))
    return _section_out(section)


@router.delete(
    "/surveys/{survey_id}/sections/{section_key}",
    auth=django_auth,
    response={204: None, **CHANGE_ERRORS},
    openapi_extra=IF_MATCH,
)
def delete_section(request: HttpRequest, survey_id: int, section_key: str) -> Any:
    """Remove a section: an empty one any time; with its questions only while being prepared
    and only if nothing outside it depends on them. Recorded."""
    survey = managed_survey(request.user, survey_id)
    _section_or_404(survey, section_key)
    try:
        version = expected_version(request, None)
        editing.remove_section(request.user, survey, section_key, version)
    except ValidationError as error:
        return invalid(error, _("The section was not removed."))
    return Status(204, None)


def _section_or_404(survey: Survey, key: str) -> None:
    if not survey.sections.filter(key=key).exists():
        raise Http404(key)


def _question_or_404(survey: Survey, key: str) -> None:
    if not survey.questions.filter(key=key).exists():
        raise Http404(key)


@router.post(
    "/surveys/{survey_id}/questions", auth=django_auth, response={201: dict, **WRITE_ERRORS}
)
def post_question(request: HttpRequest, survey_id: int, body: QuestionIn) -> Any:
    """Add a question to ``section`` (at its end, or at ``position``), with the definition's
    fields (while being prepared). Recorded."""
    survey = managed_survey(request.user, survey_id)
    item = _given(body, leave=("section", "position", "version"))
    try:
        added = editing.add_question(request.user, survey, body.section, item, body.position)
    except ValidationError as error:
        return invalid(error, _("The question was not added."))
    return Status(201, _question_out(survey, added["key"]))


@router.patch(
    "/surveys/{survey_id}/questions/{question_key}",
    auth=django_auth,
    response={200: dict, **CHANGE_ERRORS},
    openapi_extra=IF_MATCH,
)
def patch_question(
    request: HttpRequest, survey_id: int, question_key: str, body: QuestionPatch
) -> Any:
    """Change a question: its wording any time; its structure (key, kind, options' keys,
    columns, condition, required, bounds, pre-filling, section) only while being prepared."""
    survey = managed_survey(request.user, survey_id)
    _question_or_404(survey, question_key)
    try:
        changes = {**_given(body), "version": expected_version(request, body.version)}
        changed = editing.change_question(request.user, survey, question_key, changes)
    except ValidationError as error:
        return invalid(error, _("The question was not changed."))
    return _question_out(survey, changed["key"])


@router.delete(
    "/surveys/{survey_id}/questions/{question_key}",
    auth=django_auth,
    response={204: None, **CHANGE_ERRORS},
    openapi_extra=IF_MATCH,
)
def delete_question(request: HttpRequest, survey_id: int, question_key: str) -> Any:
    """Remove a question (while being prepared) that no condition or requirement depends on."""
    survey = managed_survey(request.user, survey_id)
    _question_or_404(survey, question_key)
    try:
        version = expected_version(request, None)
        editing.remove_question(request.user, survey, question_key, version)
    except ValidationError as error:
        return invalid(error, _("The question was not removed."))
    return Status(204, None)
