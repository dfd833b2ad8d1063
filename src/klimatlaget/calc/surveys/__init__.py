"""Surveys without Django: question kinds, reading answers, conditions, the membership test's
pass rules and statistics per question."""

from klimatlaget.calc.surveys.answers import MESSAGES, AnswerProblem, read_answer, read_row
from klimatlaget.calc.surveys.membership_test import (
    Check,
    CheckKind,
    Outcome,
    Requirement,
    RequirementResult,
    TestResult,
    judge_membership,
)
from klimatlaget.calc.surveys.questions import (
    COLUMN_KINDS,
    Choice,
    Column,
    Condition,
    Question,
    QuestionKind,
)
from klimatlaget.calc.surveys.responses import (
    is_shown,
    missing_answers,
    read_answers,
    shown_answers,
)

__all__ = [
    "COLUMN_KINDS",
    "MESSAGES",
    "AnswerProblem",
    "Check",
    "CheckKind",
    "Choice",
    "Column",
    "Condition",
    "Outcome",
    "Question",
    "QuestionKind",
    "Requirement",
    "RequirementResult",
    "TestResult",
    "is_shown",
    "judge_membership",
    "missing_answers",
    "read_answer",
    "read_answers",
    "read_row",
    "shown_answers",
]
