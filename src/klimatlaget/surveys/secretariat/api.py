"""The secretariat's survey API: create and change surveys, send invitations and reminders,
follow the members' responses and approve or return them. Secretariat only (401 when logged
out, 403 for everybody else); invalid requests get 422 with a ``detail`` naming the field.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status
from ninja.security import django_auth

from klimatlaget.api.schemas import ErrorOut
from klimatlaget.associations.api import InvalidOut, invalid
from klimatlaget.exports.responses import csv_response
from klimatlaget.surveys import services
from klimatlaget.surveys.models import DispatchKind, Response, Survey
from klimatlaget.surveys.secretariat import dispatch, running
from klimatlaget.surveys.secretariat.status import COLUMNS, member_statuses, status_counts

router = Router(tags=["surveys"])

READ_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 422: InvalidOut}


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


class SurveyIn(Schema):
    year: int
    kind: Literal["klimatlaget", "membership_test"]
    source: Literal["template", "copy"] = Field("copy", alias="from")


class SurveyPatch(Schema):
    title: str | None = None
    deadline: datetime.date | None = None
    state: Literal["draft", "open", "closed"] | None = None


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
    }


@router.get(
    "/associations/{code}/surveys", auth=django_auth, response={200: list[SurveyOut], **READ_ERRORS}
)
def association_surveys(request: HttpRequest, code: str) -> Any:
    """The association's surveys, the latest year first, with response counts by status."""
    association = running.managed_association(request.user, code)
    surveys = Survey.objects.filter(association=association).select_related("association")
    return [_survey_out(s) for s in surveys.order_by("-year", "kind")]


@router.post(
    "/associations/{code}/surveys", auth=django_auth, response={201: SurveyOut, **WRITE_ERRORS}
)
def post_survey(request: HttpRequest, code: str, body: SurveyIn) -> Any:
    """Create the year's survey in draft, ``from`` the template or a ``copy`` of the latest
    earlier survey of the same kind (question keys kept). Recorded."""
    association = running.managed_association(request.user, code)
    try:
        survey = running.create(request.user, association, body.year, body.kind, body.source)
    except ValidationError as error:
        return invalid(error, _("The survey was not created."))
    return Status(201, _survey_out(survey))


@router.patch("/surveys/{survey_id}", auth=django_auth, response={200: SurveyOut, **WRITE_ERRORS})
def patch_survey(request: HttpRequest, survey_id: int, body: SurveyPatch) -> Any:
    """Change the title, deadline (``null`` removes it) or state (draft → open → closed, and
    reopening). Recorded."""
    survey = running.managed_survey(request.user, survey_id)
    given = body.model_fields_set
    try:
        running.update_settings(
            request.user,
            survey,
            title=body.title if "title" in given else None,
            deadline=body.deadline if "deadline" in given else False,
            state=body.state if "state" in given else None,
        )
    except ValidationError as error:
        return invalid(error, _("The survey was not changed."))
    return _survey_out(survey)


def _send(request: HttpRequest, survey_id: int, kind: DispatchKind) -> Any:
    survey = running.managed_survey(request.user, survey_id)
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
    survey = running.managed_survey(request.user, survey_id)
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
    survey = running.managed_survey(request.user, survey_id)
    response = (
        Response.objects.select_related("survey", "member")
        .filter(survey=survey, member__code=member_code)
        .first()
    )
    if response is None:
        raise Http404(member_code)
    return response


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
    response={200: ReviewOut, **WRITE_ERRORS},
)
def approve_response(
    request: HttpRequest, survey_id: int, member_code: str, body: ReviewIn | None = None
) -> Any:
    """Approve the member's submitted response (an optional ``comment``). Recorded."""
    response = _response(request, survey_id, member_code)
    try:
        approved = services.approve(request.user, response, body.comment if body else "")
    except ValidationError as error:
        return invalid(error, _("The response was not approved."))
    return _review_out(approved)


@router.post(
    "/surveys/{survey_id}/responses/{member_code}/return",
    auth=django_auth,
    response={200: ReviewOut, **WRITE_ERRORS},
)
def return_response(request: HttpRequest, survey_id: int, member_code: str, body: ReviewIn) -> Any:
    """Return the member's submitted response for correction with a ``comment`` (required),
    e-mailed to the member's contacts. Recorded."""
    response = _response(request, survey_id, member_code)
    try:
        returned = services.return_for_correction(request.user, response, body.comment)
    except ValidationError as error:
        return invalid(error, _("The response was not returned."))
    told = dispatch.send_returned(request.user, returned, dispatch.base_url(request))
    return _review_out(returned, told)
