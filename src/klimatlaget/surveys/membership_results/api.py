"""The membership test's results in the API (secretariat only; ``?format=csv``)."""

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth

from klimatlaget.accounts.resolvers import managed_survey
from klimatlaget.exports.responses import csv_response
from klimatlaget.surveys.membership import COLUMNS, MemberResult, membership_results
from klimatlaget.surveys.models import SurveyKind

router = Router(tags=["surveys"])


class ErrorOut(Schema):
    detail: str


class RequirementOut(Schema):
    key: str
    text: str
    #: The questions that fail the requirement, or are unanswered.
    questions: list[str]


class MemberResultOut(Schema):
    member_code: str
    member_name: str
    status: str
    #: Submitted or approved: the member's final word; otherwise a draft judged as it stands.
    final: bool
    outcome: Literal["pass", "fail", "incomplete"]
    failing: list[RequirementOut]
    unanswered: list[RequirementOut]


class MembershipTestOut(Schema):
    survey_id: int
    association: str
    year: int
    counts: dict[str, int]
    members: list[MemberResultOut]


def _member_out(result: MemberResult) -> dict[str, Any]:
    def requirements(items: list[Any]) -> list[dict[str, Any]]:
        return [
            {"key": r.requirement.key, "text": r.requirement.text, "questions": list(r.questions)}
            for r in items
        ]

    return {
        "member_code": result.member.code,
        "member_name": result.member.name,
        "status": result.status,
        "final": result.final,
        "outcome": result.outcome.value,
        "failing": requirements(result.failing),
        "unanswered": requirements(result.unanswered),
    }


@router.get(
    "/surveys/{survey_id}/membership-test",
    auth=django_auth,
    response={200: MembershipTestOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def membership_test_results(
    request: HttpRequest, survey_id: int, format: Literal["json", "csv"] = "json"
) -> Any:
    """Every member's outcome in a membership test (pass, fail or incomplete) with the
    requirements it fails or has not answered; members without a response are incomplete.
    Drafts are judged as they stand and marked ``final: false``. Secretariat only."""
    survey = managed_survey(request.user, survey_id, kind=SurveyKind.MEMBERSHIP_TEST)
    results = membership_results(survey)
    if format == "csv":
        name = f"{survey.association.code}-membership-test-{survey.year}"
        return csv_response(name, results.table(), COLUMNS)
    return {
        "survey_id": survey.pk,
        "association": survey.association.code,
        "year": survey.year,
        "counts": results.counts,
        "members": [_member_out(member) for member in results.members],
    }
