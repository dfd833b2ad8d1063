"""A member's whole response: which questions are shown (conditions), and what is missing
before it can be submitted."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from klimatlaget.calc.surveys.answers import AnswerProblem, read_answer
from klimatlaget.calc.surveys.questions import Question

Answers = Mapping[str, Any]


def is_shown(question: Question, answers: Answers, questions: Mapping[str, Question]) -> bool:
    """A question is shown when it has no condition, or when the question it depends on is
    itself shown and answered as the condition says."""
    condition = question.condition
    if condition is None:
        return True
    parent = questions.get(condition.question)
    if parent is None or not is_shown(parent, answers, questions):
        return False
    answer = answers.get(condition.question)
    if isinstance(answer, list):
        return condition.equals in answer
    return answer is not None and answer == condition.equals


def shown_answers(questions: Sequence[Question], answers: Answers) -> dict[str, Any]:
    """The answers to shown questions only: an answer to a hidden question does not count."""
    by_key = {question.key: question for question in questions}
    return {
        question.key: answers[question.key]
        for question in questions
        if question.key in answers
        and answers[question.key] is not None
        and is_shown(question, answers, by_key)
    }


def missing_answers(questions: Sequence[Question], answers: Answers) -> list[Question]:
    """Required questions that are shown but not answered."""
    by_key = {question.key: question for question in questions}
    return [
        question
        for question in questions
        if question.required
        and answers.get(question.key) is None
        and is_shown(question, answers, by_key)
    ]


def read_answers(
    questions: Sequence[Question], raw: Answers
) -> tuple[dict[str, Any], dict[str, AnswerProblem]]:
    """Read every raw answer given; returns the readable ones and the problems by question key.
    Questions not in ``raw`` are left out (a draft may hold a few answers only)."""
    read: dict[str, Any] = {}
    problems: dict[str, AnswerProblem] = {}
    for question in questions:
        if question.key not in raw:
            continue
        try:
            read[question.key] = read_answer(question, raw[question.key])
        except AnswerProblem as problem:
            problems[question.key] = problem
    return read, problems
