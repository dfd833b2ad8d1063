"""Answering a survey through the API.

- ``GET /surveys/{id}``: the questionnaire, for any logged-in user (a draft survey only for the
  secretariat).
- ``GET /surveys/{id}/responses/{member_code}``: the member's response, for its editors and the
  secretariat (404 for everybody else). Opened by the member's editor while the survey is open,
  the response is started with its pre-filled answers, as on the page.
- ``PATCH`` the same address with ``{"answers": {key: raw answer}}`` saves a draft. Raw answers
  are read as on the page (``"ja"``, ``"12,5"``, choice labels or keys; a table is a list of
  rows). The answers that can be read are saved; the others are listed in ``problems`` by
  question key with a message, and the answer is still 200: a draft may be partly wrong.
  An unknown question, or a response that can no longer be changed, is answered with 422.
  With the version read (``If-Match: "v3"`` or ``"version": 3``), an answer sent that somebody
  else changed since refuses the draft (412 or 409, with those answers as they are now);
  answers to other questions changed meanwhile come back in ``elsewhere``.
- ``POST …/confirm-prefilled`` confirms every pre-filled answer; ``POST …/submit`` submits
  (again: no change), or answers 422 listing what is missing. With the version read (in
  ``If-Match`` or a body ``{"version": 3}``), a response changed since is refused (412 or 409).

Only the member's own editors write; the secretariat reads (403 on writes).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from ninja.responses import Status
from ninja.security import django_auth
from pydantic import Field

from klimatlaget.accounts.resolvers import visible_survey
from klimatlaget.api.schemas import CONFLICTS, ErrorOut
from klimatlaget.associations.api import InvalidOut, invalid
from klimatlaget.calc import surveys as calc
from klimatlaget.concurrency import IF_MATCH, etag, expected_version, sends_etag
from klimatlaget.surveys import services
from klimatlaget.surveys.answering import access as acc
from klimatlaget.surveys.building import definition_of
from klimatlaget.surveys.models import Answer, Response, Survey
from klimatlaget.surveys.secretariat.api import router as secretariat_router

router = Router(tags=["surveys"])

READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {**READ_ERRORS, 422: InvalidOut}
DRAFT_ERRORS = {**WRITE_ERRORS, **CONFLICTS}


class QuestionChoiceOut(Schema):
    key: str
    label: str


class QuestionColumnOut(Schema):
    key: str
    label: str
    kind: str
    required: bool = False
    choices: list[QuestionChoiceOut] = []
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None


class QuestionConditionOut(Schema):
    question: str
    equals: Any


class QuestionnaireQuestionOut(Schema):
    key: str
    kind: str
    text: str
    help_text: str
    required: bool
    unit: str
    minimum: float | None
    maximum: float | None
    choices: list[QuestionChoiceOut]
    columns: list[QuestionColumnOut]
    condition: QuestionConditionOut | None
    prefill: str
    max_rows: int
    max_file_bytes: int
    file_types: list[str]


class QuestionnaireSectionOut(Schema):
    key: str
    title: str
    description: str
    questions: list[QuestionnaireQuestionOut]


class QuestionnaireOut(Schema):
    id: int
    association: str
    year: int
    kind: str
    state: str
    title: str
    introduction: str
    deadline: str | None
    sections: list[QuestionnaireSectionOut]
    version: int = Field(description="The survey's version, also sent as the ETag")


class MemberAnswerOut(Schema):
    question: str
    value: Any
    source: str
    confirmed: bool


class MemberResponseOut(Schema):
    survey: int
    member: str
    status: str
    version: int
    review_comment: str
    answers: list[MemberAnswerOut]
    missing: list[str]


class VersionIn(Schema):
    version: int | None = Field(
        None, description="The version read; a response changed since gets 409 (see If-Match)"
    )


class DraftAnswersIn(Schema):
    answers: dict[str, Any]
    version: int | None = Field(
        None, description="The version the answers are based on; see If-Match"
    )


class DraftSavedOut(Schema):
    version: int
    status: str
    saved: dict[str, Any]
    problems: dict[str, str]
    elsewhere: dict[str, Any] = Field(
        default_factory=dict,
        description="With a version sent: answers others changed since it (none of those sent), "
        "as they are now",
    )


class PrefilledConfirmedOut(Schema):
    confirmed: int
    version: int


class ResponseSubmittedOut(Schema):
    status: str
    version: int


def _survey_out(survey: Survey) -> dict[str, Any]:
    definition = definition_of(survey)
    sections = [
        {
            "key": section["key"],
            "title": section["title"],
            "description": section.get("description", ""),
            "questions": [_question_out(item) for item in section["questions"]],
        }
        for section in definition["sections"]
    ]
    return {
        "id": survey.pk,
        "association": survey.association.code,
        "year": survey.year,
        "kind": survey.kind,
        "state": survey.state,
        "title": survey.title,
        "introduction": survey.introduction,
        "deadline": survey.deadline.isoformat() if survey.deadline else None,
        "sections": sections,
        "version": survey.version,
    }


def _question_out(item: dict[str, Any]) -> dict[str, Any]:
    return {**item, "condition": item.get("condition")}


# Registered on the secretariat's router, which has ``PATCH /surveys/{survey_id}``: django-ninja
# answers a path from one router only, so both methods of one path must share it.
@secretariat_router.get(
    "/surveys/{survey_id}",
    auth=django_auth,
    response={200: QuestionnaireOut, **READ_ERRORS},
    tags=["surveys"],
    operation_id="get_survey_questionnaire",
    openapi_extra=sends_etag(),
)
def get_survey(request: HttpRequest, survey_id: int, response: HttpResponse) -> Any:
    """The questionnaire: sections and questions with kind, choices, columns, condition and
    bounds. The ``ETag`` names the survey's version, which changes with its questions."""
    survey = visible_survey(request.user, survey_id)
    response["ETag"] = etag(survey.version)
    return _survey_out(survey)


def _response_out(access: acc.Access) -> dict[str, Any]:
    response = access.response
    answers = (
        Answer.objects.filter(response=response, value__isnull=False).select_related("question")
        if response
        else []
    )
    specs = services.question_specs(access.survey)
    given = services.answers_of(response) if response else {}
    missing = [question.key for question in calc.missing_answers(specs, given)]
    return {
        "survey": access.survey.pk,
        "member": access.member.code,
        "status": response.status if response else "not_started",
        "version": response.version if response else 0,
        "review_comment": response.review_comment if response else "",
        "answers": [
            {
                "question": answer.question.key,
                "value": answer.value,
                "source": answer.source or "member",
                "confirmed": answer.confirmed,
            }
            for answer in answers
        ],
        "missing": missing,
    }


def _access(request: HttpRequest, survey_id: int, member_code: str) -> acc.Access:
    """The response as the user may see it; outsiders get 404 (anonymous: 401 from the auth)."""
    return acc.resolve(request.user, member_code, survey_id)


@router.get(
    "/surveys/{survey_id}/responses/{member_code}",
    auth=django_auth,
    response={200: MemberResponseOut, **READ_ERRORS},
    openapi_extra=sends_etag(),
)
def get_response(
    request: HttpRequest, survey_id: int, member_code: str, response: HttpResponse
) -> Any:
    """The member's response: status, version and answers with their source and whether
    they are confirmed, and the required questions still missing. The ``ETag`` names the
    version to send in ``If-Match`` when saving."""
    out = _response_out(_access(request, survey_id, member_code))
    response["ETag"] = etag(out["version"])
    return out


def _writable(request: HttpRequest, survey_id: int, member_code: str) -> Response:
    access = acc.writable(request.user, member_code, survey_id)
    assert access.response is not None
    return access.response


@router.patch(
    "/surveys/{survey_id}/responses/{member_code}",
    auth=django_auth,
    response={200: DraftSavedOut, **DRAFT_ERRORS},
    openapi_extra=IF_MATCH,
)
def patch_response(
    request: HttpRequest, survey_id: int, member_code: str, body: DraftAnswersIn
) -> Any:
    """Save a draft of some answers; unreadable ones come back in ``problems`` (still 200).
    With ``If-Match`` or ``version``, an answer sent that was changed since that version
    refuses the draft (412 or 409, with the current answers changed since)."""
    version = expected_version(request, body.version)
    try:
        response = _writable(request, survey_id, member_code)
        result = services.save_answers(request.user, response, body.answers, version=version)
    except ValidationError as error:
        return invalid(error, "The answers were not saved.")
    response.refresh_from_db()
    return {
        "version": response.version,
        "status": response.status,
        "saved": result.saved,
        "problems": result.messages(),
        "elsewhere": result.elsewhere,
    }


@router.post(
    "/surveys/{survey_id}/responses/{member_code}/confirm-prefilled",
    auth=django_auth,
    response={200: PrefilledConfirmedOut, **DRAFT_ERRORS},
    openapi_extra=IF_MATCH,
)
def confirm_prefilled(
    request: HttpRequest, survey_id: int, member_code: str, body: VersionIn | None = None
) -> Any:
    """Confirm every pre-filled answer as it stands. With ``If-Match`` or ``version``, a
    response changed since that version is not confirmed (412 or 409)."""
    version = expected_version(request, body.version if body else None)
    try:
        response = _writable(request, survey_id, member_code)
        count = services.confirm_prefilled(request.user, response, version)
    except ValidationError as error:
        return invalid(error, "Nothing was confirmed.")
    response.refresh_from_db()
    return {"confirmed": count, "version": response.version}


@router.post(
    "/surveys/{survey_id}/responses/{member_code}/submit",
    auth=django_auth,
    response={200: ResponseSubmittedOut, **DRAFT_ERRORS},
    openapi_extra=IF_MATCH,
)
def submit_response(
    request: HttpRequest, survey_id: int, member_code: str, body: VersionIn | None = None
) -> Any:
    """Submit the response; submitting again changes nothing. 422 lists what is missing.
    With ``If-Match`` or ``version``, a response changed since that version is not submitted
    (412 or 409)."""
    version = expected_version(request, body.version if body else None)
    try:
        writable = _writable(request, survey_id, member_code)
        response = services.submit(request.user, writable, version)
    except ValidationError as error:
        return invalid(error, "The response was not submitted.")
    return Status(200, {"status": response.status, "version": response.version})
