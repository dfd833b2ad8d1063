"""Which members' answers count in statistics and the report, filtered by member kind, county
and size class, and the same question's figures in earlier years (matched by question key).

Counted are submitted and approved responses, with the answers to shown questions only; the
secretariat may narrow to approved ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Subquery

from klimatlaget.calc import surveys as calc
from klimatlaget.emissions.comparison import SIZE_CLASSES
from klimatlaget.organisations.models import Organisation, Population
from klimatlaget.surveys.models import Answer, Response, ResponseStatus, Survey

COUNTED_STATUSES = (ResponseStatus.SUBMITTED, ResponseStatus.APPROVED)


@dataclass(frozen=True)
class MemberFilter:
    """Empty strings mean "all". ``kind`` is an OrganisationKind value (municipality or
    county), ``county`` a county code, ``size`` a key of emissions.comparison.SIZE_CLASSES."""

    kind: str = ""
    county: str = ""
    size: str = ""
    approved_only: bool = False

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> MemberFilter:
        size = query.get("size", "")
        return cls(
            kind=query.get("kind", ""),
            county=query.get("county", ""),
            size=size if size in SIZE_CLASSES else "",
            approved_only=query.get("approved_only", "") in ("1", "true", "on"),
        )

    def keeps(self, member: Organisation, inhabitants: int | None) -> bool:
        if self.kind and member.kind != self.kind:
            return False
        if self.county and self.county_of(member) != self.county:
            return False
        if self.size:
            if inhabitants is None:
                return False
            _label, low, high = SIZE_CLASSES[self.size]
            return inhabitants >= low and (high is None or inhabitants < high)
        return True

    @staticmethod
    def county_of(member: Organisation) -> str:
        """A municipality's county code; a region (county) is its own county."""
        return member.county.code if member.county is not None else member.code


@dataclass(frozen=True)
class MemberAnswers:
    member: Organisation
    status: str
    inhabitants: int | None
    answers: dict[str, Any]


def _latest_population(year: int) -> Subquery:
    return Subquery(
        Population.objects.filter(organisation=OuterRef("member"), year__lte=year)
        .order_by("-year")
        .values("inhabitants")[:1]
    )


def counted_answers(
    survey: Survey, member_filter: MemberFilter | None = None
) -> list[MemberAnswers]:
    """The counted responses of ``survey`` that pass ``member_filter``, with their answers."""
    member_filter = member_filter or MemberFilter()
    statuses = (ResponseStatus.APPROVED,) if member_filter.approved_only else COUNTED_STATUSES
    responses = (
        Response.objects.filter(survey=survey, status__in=statuses)
        .select_related("member", "member__county")
        .annotate(inhabitants=_latest_population(survey.year))
        .order_by("member__name")
    )
    kept = [r for r in responses if member_filter.keeps(r.member, r.inhabitants)]
    answers: dict[int, dict[str, Any]] = {r.pk: {} for r in kept}
    for response_id, key, value in Answer.objects.filter(
        response__in=[r.pk for r in kept], value__isnull=False
    ).values_list("response_id", "question__key", "value"):
        answers[response_id][key] = value
    specs = [question.spec() for question in survey.questions.all()]
    return [
        MemberAnswers(
            member=r.member,
            status=r.status,
            inhabitants=r.inhabitants,
            answers=calc.shown_answers(specs, answers[r.pk]),
        )
        for r in kept
    ]


def statistics_for(
    survey: Survey, member_filter: MemberFilter | None = None
) -> list[calc.QuestionStatistics]:
    specs = [question.spec() for question in survey.questions.all()]
    counted = counted_answers(survey, member_filter)
    return calc.survey_statistics(specs, [member.answers for member in counted])


def earlier_surveys(survey: Survey) -> list[Survey]:
    """The association's surveys of the same kind in earlier years, oldest first."""
    return list(
        Survey.objects.filter(
            association=survey.association, kind=survey.kind, year__lt=survey.year
        ).order_by("year")
    )


def figures_by_year(
    survey: Survey, member_filter: MemberFilter | None = None
) -> dict[str, list[calc.YearFigure]]:
    """Each question's headline figure in the earlier years and this one, by question key
    (a question asked only in some years has figures for those years only)."""
    figures: dict[str, list[calc.YearFigure]] = {}
    for each in [*earlier_surveys(survey), survey]:
        for statistic in statistics_for(each, member_filter):
            figures.setdefault(statistic.key, []).append(calc.headline(statistic, each.year))
    current = set(survey.questions.values_list("key", flat=True))
    return {key: values for key, values in figures.items() if key in current}
