"""Readiness to report in the API: an organisation's readiness per platform, its answers to the
shared questions (read by anyone, written by its editors with ``If-Match``), and an
association's members' readiness per platform."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Schema
from ninja.security import django_auth
from pydantic import Field

from klimatlaget.accounts.permissions import Permission
from klimatlaget.accounts.resolvers import association_or_404, organisation_for, organisation_or_404
from klimatlaget.api.schemas import CONFLICTS, ErrorOut, Year
from klimatlaget.calc.readiness import Level
from klimatlaget.concurrency import IF_MATCH, etag, expected_version, sends_etag
from klimatlaget.reporting.profiles import question_keys, question_wording
from klimatlaget.reporting.readiness import association_readiness, readiness
from klimatlaget.reporting.services import answers_for, save_answer

router = Router(tags=["reporting"])


class ReadinessItemOut(Schema):
    id: str
    wording: str
    answer_kind: str = Field(description="fact, text, choice, number or document")
    required: bool
    fact: str | None = Field(description="the fact key the platform answers it with")
    question: str | None = Field(description="the shared question key people answer")
    max_age_years: int | None
    status: str = Field(description="answered, stale or missing")
    as_of: int | None = Field(description="the year the answer is from")
    detail: str
    fill_in: str = Field(description="the address of the page where it is filled in")


class ReadinessPlatformOut(Schema):
    key: str
    name: str
    url: str
    level: str = Field(description="ready, partly or not")
    answered: int
    stale: int
    missing: int
    items: list[ReadinessItemOut]


class ReadinessOut(Schema):
    code: str
    year: int
    platforms: list[ReadinessPlatformOut]


def _year(year: int | None) -> int:
    return year or timezone.localdate().year


@router.get(
    "/organisations/{code}/reporting",
    response={200: ReadinessOut, 404: ErrorOut},
)
def get_readiness(request: HttpRequest, code: str, year: Year | None = None) -> Any:
    """Each platform's items with their status in the reporting ``year`` (this year)."""
    organisation = organisation_or_404(code)
    shown = _year(year)
    platforms = [
        {
            "key": each.profile.key,
            "name": each.profile.name,
            "url": each.profile.url,
            "level": each.level.value,
            "answered": each.counts.answered,
            "stale": each.counts.stale,
            "missing": each.counts.missing,
            "items": [
                {
                    "id": row.item.id,
                    "wording": row.item.wording,
                    "answer_kind": row.item.answer,
                    "required": row.item.required,
                    "fact": row.item.fact,
                    "question": row.item.question,
                    "max_age_years": row.item.max_age_years,
                    "status": row.status.value,
                    "as_of": row.as_of,
                    "detail": row.detail,
                    "fill_in": request.build_absolute_uri(row.url),
                }
                for row in each.items
            ],
        }
        for each in readiness(organisation, shown)
    ]
    return {"code": organisation.code, "year": shown, "platforms": platforms}


class ReportingAnswerOut(Schema):
    key: str
    wording: str
    text: str | None = Field(description="null while unanswered")
    year: int | None = Field(description="the reporting year it was answered or confirmed for")
    answered_by: str | None
    answered_at: datetime.datetime | None
    version: int


class ReportingAnswerIn(Schema):
    text: str = Field(min_length=1, max_length=8000)
    year: Year | None = Field(None, description="the reporting year (this year when left out)")
    version: int | None = Field(None, description="the version read (or send If-Match)")


def _known(key: str) -> None:
    if key not in question_keys():
        raise Http404(key)


def _answer_out(organisation: Any, key: str) -> tuple[dict[str, Any], int]:
    answer = answers_for(organisation, [key]).get(key)
    version = answer.version if answer else 0
    return {
        "key": key,
        "wording": question_wording(key),
        "text": answer.text if answer else None,
        "year": answer.year if answer else None,
        "answered_by": answer.answered_by_label if answer else None,
        "answered_at": answer.answered_at if answer else None,
        "version": version,
    }, version


@router.get(
    "/organisations/{code}/reporting/answers/{key}",
    response={200: ReportingAnswerOut, 404: ErrorOut},
    openapi_extra=sends_etag(),
)
def get_answer(request: HttpRequest, code: str, key: str, response: HttpResponse) -> Any:
    """The organisation's answer to the shared question ``key`` (text null while unanswered)."""
    organisation = organisation_or_404(code)
    _known(key)
    out, version = _answer_out(organisation, key)
    response["ETag"] = etag(version)
    return out


@router.put(
    "/organisations/{code}/reporting/answers/{key}",
    auth=django_auth,
    response={
        200: ReportingAnswerOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ErrorOut,
        **CONFLICTS,
    },
    openapi_extra=sends_etag(IF_MATCH),
)
def put_answer(
    request: HttpRequest, code: str, key: str, body: ReportingAnswerIn, response: HttpResponse
) -> Any:
    """Answer (or confirm) the question for every platform that asks it (a stale ``If-Match``
    or ``version``: 412 or 409)."""
    organisation = organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)
    _known(key)
    save_answer(
        request.user,
        organisation,
        key,
        body.text,
        body.year,
        expected_version(request, body.version),
    )
    out, version = _answer_out(organisation, key)
    response["ETag"] = etag(version)
    return out


class ReadinessMemberOut(Schema):
    code: str
    name: str
    levels: dict[str, str] = Field(description="platform key → ready, partly or not")


class ReadinessCountOut(Schema):
    key: str
    name: str
    ready: int
    partly: int
    not_ready: int


class AssociationReadinessOut(Schema):
    code: str
    year: int
    platforms: list[ReadinessCountOut]
    members: list[ReadinessMemberOut]


@router.get(
    "/associations/{code}/reporting",
    response={200: AssociationReadinessOut, 404: ErrorOut},
)
def get_association_readiness(request: HttpRequest, code: str, year: Year | None = None) -> Any:
    """How many of the association's members are ready to report to each platform."""
    association = association_or_404(code)
    report = association_readiness(association, _year(year))
    return {
        "code": association.code,
        "year": report.year,
        "platforms": [
            {
                "key": each.key,
                "name": each.name,
                "ready": report.counts[each.key][Level.READY],
                "partly": report.counts[each.key][Level.PARTLY],
                "not_ready": report.counts[each.key][Level.NOT],
            }
            for each in report.profiles
        ],
        "members": [
            {
                "code": m.organisation.code,
                "name": m.organisation.name,
                "levels": {key: level.value for key, level in m.levels.items()},
            }
            for m in report.members
        ],
    }
