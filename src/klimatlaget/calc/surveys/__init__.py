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
from klimatlaget.calc.surveys.statistics import (
    NumberSummary,
    OptionCount,
    QuestionStatistics,
    YearFigure,
    headline,
    question_statistics,
    section_respondents,
    survey_statistics,
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
    "NumberSummary",
    "OptionCount",
    "Outcome",
    "Question",
    "QuestionKind",
    "QuestionStatistics",
    "Requirement",
    "RequirementResult",
    "TestResult",
    "YearFigure",
    "headline",
    "is_shown",
    "judge_membership",
    "missing_answers",
    "question_statistics",
    "read_answer",
    "read_answers",
    "read_row",
    "section_respondents",
    "shown_answers",
    "survey_statistics",
]
