"""The membership test's results: each member's outcome (pass, fail or incomplete) and the
requirements it fails or has not answered.

Every member of the association in the survey's year is judged, with or without a response:
a member without one is incomplete with every requirement unanswered. Every response is
judged as it stands, submitted or not, so the secretariat can follow progress; ``final`` says
whether the result is the member's submitted word (submitted or approved) or still a draft.
Only answers to shown questions count, and a pre-filled answer (last year's) counts only once
the member has confirmed it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from klimatlaget.associations.models import members_in_year
from klimatlaget.calc import surveys as calc
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys.models import Answer, Response, ResponseStatus, Survey, SurveyKind

FINAL_STATUSES = frozenset({ResponseStatus.SUBMITTED, ResponseStatus.APPROVED})

OUTCOME_LABELS = {
    calc.Outcome.PASS: gettext_lazy("Meets the requirements"),
    calc.Outcome.FAIL: gettext_lazy("Does not meet the requirements"),
    calc.Outcome.INCOMPLETE: gettext_lazy("Incomplete"),
}

COLUMNS = [
    "member_code",
    "member_name",
    "status",
    "final",
    "outcome",
    "failing",
    "unanswered",
]


@dataclass(frozen=True)
class MemberResult:
    member: Organisation
    response: Response | None
    result: calc.TestResult

    @property
    def outcome(self) -> calc.Outcome:
        return self.result.outcome

    @property
    def outcome_label(self) -> str:
        return str(OUTCOME_LABELS[self.outcome])

    @property
    def status(self) -> str:
        return self.response.status if self.response else ResponseStatus.NOT_STARTED.value

    @property
    def status_label(self) -> str:
        if self.response is None:
            return str(_("No response"))
        return str(self.response.get_status_display())

    @property
    def final(self) -> bool:
        return self.response is not None and self.response.status in FINAL_STATUSES

    @property
    def failing(self) -> list[calc.RequirementResult]:
        return self.result.failing

    @property
    def unanswered(self) -> list[calc.RequirementResult]:
        return self.result.unanswered

    def row(self) -> dict[str, Any]:
        return {
            "member_code": self.member.code,
            "member_name": self.member.name,
            "status": self.status,
            "final": self.final,
            "outcome": self.outcome.value,
            "failing": "; ".join(r.requirement.text for r in self.failing),
            "unanswered": "; ".join(r.requirement.text for r in self.unanswered),
        }


@dataclass(frozen=True)
class MembershipResults:
    survey: Survey
    members: list[MemberResult]

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(m.outcome.value for m in self.members)
        return {outcome.value: counted.get(outcome.value, 0) for outcome in calc.Outcome}

    def table(self) -> list[dict[str, Any]]:
        return [member.row() for member in self.members]


def ensure_membership_test(survey: Survey) -> None:
    if survey.kind != SurveyKind.MEMBERSHIP_TEST:
        raise ValidationError(
            _("%(title)s is not a membership test.") % {"title": survey.title},
            code="not_membership_test",
        )


def counted_answers(survey: Survey, response: Response | None) -> dict[str, Any]:
    """The answers that count for the test: confirmed, to questions that are shown."""
    if response is None:
        return {}
    answers = {
        key: value
        for key, value in Answer.objects.filter(
            response=response, confirmed=True, value__isnull=False
        ).values_list("question__key", "value")
    }
    specs = [question.spec() for question in survey.questions.all()]
    return calc.shown_answers(specs, answers)


def judge(survey: Survey, response: Response | None) -> calc.TestResult:
    ensure_membership_test(survey)
    return calc.judge_membership(survey.requirement_specs(), counted_answers(survey, response))


def member_result(survey: Survey, member: Organisation) -> MemberResult:
    """One member's result (permission checks are the caller's)."""
    response = Response.objects.filter(survey=survey, member=member).first()
    return MemberResult(member, response, judge(survey, response))


def membership_results(survey: Survey) -> MembershipResults:
    """Every member's result, by member name (permission checks are the caller's)."""
    ensure_membership_test(survey)
    requirements = survey.requirement_specs()
    specs = [question.spec() for question in survey.questions.all()]
    responses = {r.member_id: r for r in Response.objects.filter(survey=survey)}
    confirmed: dict[int, dict[str, Any]] = {}
    for response_id, key, value in Answer.objects.filter(
        response__survey=survey, confirmed=True, value__isnull=False
    ).values_list("response_id", "question__key", "value"):
        confirmed.setdefault(response_id, {})[key] = value
    members = []
    for member in members_in_year(survey.association, survey.year).order_by("name"):
        response = responses.get(member.pk)
        answers = confirmed.get(response.pk, {}) if response else {}
        result = calc.judge_membership(requirements, calc.shown_answers(specs, answers))
        members.append(MemberResult(member, response, result))
    return MembershipResults(survey, members)
