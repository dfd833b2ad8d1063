"""The membership test: requirements checked against a member's answers.

A requirement is met when every one of its checks holds. The member passes when all
requirements are met, fails when any is not met, and is incomplete when none fails but some
cannot be judged because a question it needs is unanswered.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class CheckKind(StrEnum):
    YES = "yes"  # a yes/no question answered yes
    ANSWERED = "answered"  # any answer (a link, a file, a text, a table with a row)
    AT_LEAST = "at_least"  # a number or year at least ``value``
    AT_MOST = "at_most"  # a number or year at most ``value``


@dataclass(frozen=True)
class Check:
    question: str
    kind: CheckKind = CheckKind.YES
    value: float | None = None


@dataclass(frozen=True)
class Requirement:
    key: str
    text: str
    checks: tuple[Check, ...]


class Outcome(StrEnum):
    PASS = "pass"  # noqa: S105 (an outcome, not a password)
    FAIL = "fail"
    INCOMPLETE = "incomplete"


@dataclass(frozen=True)
class RequirementResult:
    requirement: Requirement
    outcome: Outcome
    #: Question keys that fail (FAIL) or are unanswered (INCOMPLETE).
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class TestResult:
    outcome: Outcome
    requirements: tuple[RequirementResult, ...]

    @property
    def failing(self) -> list[RequirementResult]:
        return [r for r in self.requirements if r.outcome == Outcome.FAIL]

    @property
    def unanswered(self) -> list[RequirementResult]:
        return [r for r in self.requirements if r.outcome == Outcome.INCOMPLETE]


def _holds(check: Check, answer: Any) -> bool:
    if check.kind == CheckKind.YES:
        return answer is True
    if check.kind == CheckKind.ANSWERED:
        return True
    if not isinstance(answer, int | float) or isinstance(answer, bool) or check.value is None:
        return False
    if check.kind == CheckKind.AT_LEAST:
        return answer >= check.value
    return answer <= check.value


def judge_requirement(requirement: Requirement, answers: Mapping[str, Any]) -> RequirementResult:
    failing = tuple(
        check.question
        for check in requirement.checks
        if answers.get(check.question) is not None and not _holds(check, answers[check.question])
    )
    if failing:
        return RequirementResult(requirement, Outcome.FAIL, failing)
    unanswered = tuple(c.question for c in requirement.checks if answers.get(c.question) is None)
    if unanswered:
        return RequirementResult(requirement, Outcome.INCOMPLETE, unanswered)
    return RequirementResult(requirement, Outcome.PASS)


def judge_membership(requirements: Sequence[Requirement], answers: Mapping[str, Any]) -> TestResult:
    results = tuple(judge_requirement(requirement, answers) for requirement in requirements)
    outcomes = {result.outcome for result in results}
    if Outcome.FAIL in outcomes:
        outcome = Outcome.FAIL
    elif Outcome.INCOMPLETE in outcomes:
        outcome = Outcome.INCOMPLETE
    else:
        outcome = Outcome.PASS
    return TestResult(outcome, results)
