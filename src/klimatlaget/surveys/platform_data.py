"""Answers the platform can give from its own data (targets, Paris verdicts, emissions), so a
member reports once.

Each source gives a value for the member of the response; the value is then fitted to the
question's kind and read with :func:`klimatlaget.calc.surveys.read_answer`, so only answers the
question accepts are pre-filled. Where the platform knows nothing (no registered targets, no
verdict, no emissions) the question is left out rather than answered with a guess: an empty
register is not evidence that a member has no targets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet

from klimatlaget.calc import MetricParameters, Metrics
from klimatlaget.calc import surveys as calc
from klimatlaget.calc.targets import Verdict
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


Source = Callable[[Organisation, int], Any]

SOURCES: dict[str, Source] = {
    Prefill.TARGET_COUNT: _target_count,
    Prefill.TARGET_SUMMARY: _target_summary,
    Prefill.PARIS_VERDICT: lambda member, year: paris_verdict(member),
    Prefill.EMISSIONS_LATEST: _emissions_latest,
    Prefill.EMISSIONS_CHANGE_1990: _emissions_change_1990,
    Prefill.EMISSIONS_INVENTORIED: _emissions_inventoried,
}


def _fit(question: calc.Question, value: Any) -> Any:
    """``value`` in the form the question's kind takes, or None when it does not fit."""
    if isinstance(value, Verdict):
        if question.kind == calc.QuestionKind.YES_NO:
            return value == Verdict.IN_LINE  # "fully in line": partly counts as no
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
