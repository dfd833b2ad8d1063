"""Answers the platform can give from its own data (targets, Paris verdicts, emissions, action
plans, measures and their follow-up), so a member reports once.

Each source gives a value for the member of the response; the value is then fitted to the
question's kind and read with :func:`klimatlaget.calc.surveys.read_answer`, so only answers the
question accepts are pre-filled. Where the platform knows nothing (no registered targets, no
verdict, no emissions) the question is left out rather than answered with a guess: an empty
register is not evidence that a member has no targets.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from klimatlaget.calc import MetricParameters, Metrics
from klimatlaget.calc import surveys as calc
from klimatlaget.calc.targets import Verdict
from klimatlaget.followup.models import FollowUpPeriod, PeriodState
from klimatlaget.measures.choices import MeasureStatus, PlanKind, PlanStatus
from klimatlaget.measures.models import ActionPlan, Measure
from klimatlaget.measures.plans import in_force
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys.models import Prefill, Question, Response
from klimatlaget.targets.models import StatusChoice, Target

#: Longest target summary (a text answer): the first targets, then "…".
SUMMARY_TARGETS = 10


def targets_in_force(member: Organisation, year: int) -> QuerySet[Target]:
    """The member's adopted targets that still apply in ``year``: no target year, or one not
    before ``year`` (a target for 2023 no longer counts in the 2025 survey)."""
    return Target.objects.filter(organisation=member, status=StatusChoice.ADOPTED).filter(
        Q(target_year__isnull=True) | Q(target_year__gte=year)
    )


def _target_count(member: Organisation, year: int) -> int | None:
    count = targets_in_force(member, year).count()
    return count or None


def _target_summary(member: Organisation, year: int) -> str | None:
    targets = list(targets_in_force(member, year).order_by("target_year", "id"))
    if not targets:
        return None
    lines = [str(target) for target in targets[:SUMMARY_TARGETS]]
    if len(targets) > SUMMARY_TARGETS:
        lines.append("…")
    return "\n".join(lines)


def paris_verdict(member: Organisation) -> Verdict | None:
    """The Paris verdict on the member's adopted territorial targets, None when not assessed."""
    from klimatlaget.targets.evaluation import evaluate_organisation, target_parameters

    evaluated = evaluate_organisation(member.code, target_parameters())
    if evaluated is None or evaluated.alignment is None:
        return None
    verdict = evaluated.alignment.verdict
    return None if verdict == Verdict.NOT_ASSESSED else verdict


def _metrics(member: Organisation) -> Metrics | None:
    from klimatlaget.emissions.metrics import all_metrics

    return all_metrics(MetricParameters()).get(member.code)


def _emissions_latest(member: Organisation, year: int) -> float | None:
    metrics = _metrics(member)
    if metrics is None or metrics.last_emissions_t is None:
        return None
    return round(metrics.last_emissions_t)


def _emissions_change_1990(member: Organisation, year: int) -> float | None:
    metrics = _metrics(member)
    change = metrics.change_since_1990_pct if metrics else None
    return None if change is None else round(change, 1)


def _emissions_inventoried(member: Organisation, year: int) -> bool | None:
    metrics = _metrics(member)
    return True if metrics is not None and metrics.emissions else None


class PlanState(StrEnum):
    """The member's action plan as the register shows it, keyed like the choices of the
    Klimatläget survey's question on the climate plan (a draft is a working document)."""

    ADOPTED = "adopted"
    WORKING_DOCUMENT = "working_document"
    IN_PREPARATION = "in_preparation"


#: Plans that reduce emissions (an adaptation plan alone does not answer the questions).
MITIGATION = (PlanKind.MITIGATION, PlanKind.BOTH)
#: Measures under way: decided (and started by the survey year), ongoing or completed.
CARRIED_OUT = (MeasureStatus.DECIDED, MeasureStatus.ONGOING, MeasureStatus.COMPLETED)
#: Longest measure summary (a text answer): the first measures, then "…".
SUMMARY_MEASURES = 10
#: Follow-up counts as regular with an approved period ending at most this long before the
#: survey (the end of its year, or today while the year lasts).
FOLLOW_UP_MONTHS = 15


def plans_in_force(member: Organisation, year: int) -> list[ActionPlan]:
    """The member's mitigation plans in force that apply in ``year``: adopted by the end of the
    year, not replaced, and with a period that has not ended before it. Latest adopted first."""
    plans = list(ActionPlan.objects.filter(organisation=member))
    force = in_force(plans)
    return sorted(
        (
            plan
            for plan in plans
            if plan.pk in force
            and plan.kind in MITIGATION
            and plan.adopted_on is not None
            and plan.adopted_on.year <= year
            and (plan.period_to is None or plan.period_to >= year)
        ),
        key=lambda plan: (plan.adopted_on, plan.pk),
        reverse=True,
    )


def _action_plan(member: Organisation, year: int) -> PlanState | None:
    if plans_in_force(member, year):
        return PlanState.ADOPTED
    statuses = set(
        ActionPlan.objects.filter(organisation=member, kind__in=MITIGATION).values_list(
            "status", flat=True
        )
    )
    if PlanStatus.DRAFT in statuses:
        return PlanState.WORKING_DOCUMENT
    if PlanStatus.IN_PREPARATION in statuses:
        return PlanState.IN_PREPARATION
    return None


def _action_plan_year(member: Organisation, year: int) -> int | None:
    plans = plans_in_force(member, year)
    return plans[0].adopted_on.year if plans and plans[0].adopted_on else None


def _action_plan_link(member: Organisation, year: int) -> str | None:
    links = [plan.source_url for plan in plans_in_force(member, year) if plan.source_url]
    return links[0] if links else None


def measures_carried_out(member: Organisation, year: int) -> QuerySet[Measure]:
    """The member's measures under way in ``year``: decided, ongoing or completed, started by
    then (or without a start year) and not ended before the year before."""
    return (
        Measure.objects.filter(organisation=member, status__in=CARRIED_OUT)
        .filter(Q(start_year__isnull=True) | Q(start_year__lte=year))
        .filter(Q(end_year__isnull=True) | Q(end_year__gte=year - 1))
    )


def _measures_carried_out(member: Organisation, year: int) -> bool | None:
    return True if measures_carried_out(member, year).exists() else None


def _measures_summary(member: Organisation, year: int) -> str | None:
    measures = list(measures_carried_out(member, year).order_by("code", "id"))
    if not measures:
        return None
    lines = [f"{measure.code} {measure.title}".strip() for measure in measures]
    if len(lines) > SUMMARY_MEASURES:
        lines = [*lines[:SUMMARY_MEASURES], "…"]
    return "\n".join(lines)


def _months_before(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month + 1, last)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def follow_up_is_regular(
    member: Organisation, year: int, today: datetime.date | None = None
) -> bool:
    """Has the member approved a follow-up period that ended in the :data:`FOLLOW_UP_MONTHS`
    before the survey (the end of ``year``, or today while the year lasts)?"""
    until = min(today or timezone.localdate(), datetime.date(year, 12, 31))
    since = _months_before(until, FOLLOW_UP_MONTHS)
    periods = FollowUpPeriod.objects.filter(
        organisation=member,
        state=PeriodState.APPROVED,
        year__gte=since.year,
        year__lte=until.year,
    )
    return any(since < period.ends_on <= until for period in periods)


def _follow_up_regular(member: Organisation, year: int) -> bool | None:
    return True if follow_up_is_regular(member, year) else None


Source = Callable[[Organisation, int], Any]

SOURCES: dict[str, Source] = {
    Prefill.TARGET_COUNT: _target_count,
    Prefill.TARGET_SUMMARY: _target_summary,
    Prefill.PARIS_VERDICT: lambda member, year: paris_verdict(member),
    Prefill.EMISSIONS_LATEST: _emissions_latest,
    Prefill.EMISSIONS_CHANGE_1990: _emissions_change_1990,
    Prefill.EMISSIONS_INVENTORIED: _emissions_inventoried,
    Prefill.ACTION_PLAN: _action_plan,
    Prefill.ACTION_PLAN_YEAR: _action_plan_year,
    Prefill.ACTION_PLAN_LINK: _action_plan_link,
    Prefill.MEASURES_CARRIED_OUT: _measures_carried_out,
    Prefill.MEASURES_SUMMARY: _measures_summary,
    Prefill.FOLLOW_UP_REGULAR: _follow_up_regular,
}


def _fit(question: calc.Question, value: Any) -> Any:
    """``value`` in the form the question's kind takes, or None when it does not fit."""
    if isinstance(value, Verdict):
        if question.kind == calc.QuestionKind.YES_NO:
            return value == Verdict.IN_LINE  # "fully in line": partly counts as no
        if question.kind == calc.QuestionKind.SINGLE_CHOICE:
            return value.value if value.value in question.choice_keys() else None
        return None
    if isinstance(value, PlanState):
        if question.kind == calc.QuestionKind.YES_NO:
            return True if value == PlanState.ADOPTED else None  # a draft is no adopted plan
        if question.kind == calc.QuestionKind.SINGLE_CHOICE:
            return value.value if value.value in question.choice_keys() else None
        return None
    if question.kind == calc.QuestionKind.TEXT and not isinstance(value, str):
        return str(value)
    return value


def platform_answer(question: Question, member: Organisation, year: int) -> Any:
    """The platform's answer to one question for ``member`` (None when it has none)."""
    source = SOURCES.get(question.prefill)
    if source is None:
        return None
    value = source(member, year)
    if value is None:
        return None
    spec = question.spec()
    fitted = _fit(spec, value)
    if fitted is None:
        return None
    try:
        return calc.read_answer(spec, fitted)
    except calc.AnswerProblem:
        return None  # outside the question's bounds or kind: better not pre-filled


def platform_answers(response: Response) -> dict[str, Any]:
    """Answers by question key for the questions whose ``prefill`` names a platform source."""
    survey = response.survey
    answers = {}
    for question in survey.questions.exclude(prefill=""):
        value = platform_answer(question, response.member, survey.year)
        if value is not None:
            answers[question.key] = value
    return answers
