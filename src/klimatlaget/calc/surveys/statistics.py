"""Statistics per question over many members' answers: counts and shares of yes and of each
option, distributions of years, sums, means and medians of numbers, and the same for the
columns of a table question.

Shares are of the members who answered the question (``answered``), not of all respondents:
a conditional question is only asked of some. ``respondents`` is kept beside it so that a page
can say "12 of 45".
"""

from __future__ import annotations

import statistics as pystats
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from klimatlaget.calc.surveys.questions import Choice, Column, Question, QuestionKind


@dataclass(frozen=True)
class OptionCount:
    key: str
    label: str
    count: int
    share: float | None  # of those who answered; None when nobody did


@dataclass(frozen=True)
class NumberSummary:
    count: int
    total: float
    mean: float
    median: float
    minimum: float
    maximum: float


@dataclass(frozen=True)
class QuestionStatistics:
    key: str
    kind: QuestionKind
    text: str
    respondents: int
    answered: int
    #: yes/no (keys "yes", "no"), single and multiple choice, and years (key: the year).
    options: tuple[OptionCount, ...] = ()
    numbers: NumberSummary | None = None
    unit: str = ""
    #: A table question: total rows, and a summary per column.
    rows: int | None = None
    columns: tuple[QuestionStatistics, ...] = field(default=())

    @property
    def yes(self) -> int | None:
        return self.option_count("yes") if self.kind == QuestionKind.YES_NO else None

    @property
    def yes_share(self) -> float | None:
        option = next((o for o in self.options if o.key == "yes"), None)
        return option.share if option else None

    def option_count(self, key: str) -> int:
        return next((option.count for option in self.options if option.key == key), 0)


def _share(count: int, of: int) -> float | None:
    return count / of if of else None


def _options(
    counts: Counter[str], choices: Sequence[Choice], answered: int
) -> tuple[OptionCount, ...]:
    return tuple(
        OptionCount(
            choice.key, choice.label, counts[choice.key], _share(counts[choice.key], answered)
        )
        for choice in choices
    )


YES_NO = (Choice("yes", "yes"), Choice("no", "no"))


def summarise_numbers(values: Iterable[float]) -> NumberSummary | None:
    numbers = [float(value) for value in values]
    if not numbers:
        return None
    return NumberSummary(
        count=len(numbers),
        total=sum(numbers),
        mean=pystats.fmean(numbers),
        median=pystats.median(numbers),
        minimum=min(numbers),
        maximum=max(numbers),
    )


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def question_statistics(
    question: Question | Column, answers: Sequence[Any], respondents: int | None = None
) -> QuestionStatistics:
    """Statistics of ``answers`` (canonical answers of the members, ``None`` for unanswered)."""
    given = [answer for answer in answers if answer is not None]
    answered = len(given)
    base = QuestionStatistics(
        key=question.key,
        kind=question.kind,
        text=question.text if isinstance(question, Question) else question.label,
        respondents=len(answers) if respondents is None else respondents,
        answered=answered,
        unit=question.unit,
    )
    kind = question.kind
    if kind == QuestionKind.YES_NO:
        counts = Counter("yes" if answer else "no" for answer in given)
        return replace(base, options=_options(counts, YES_NO, answered))
    if kind == QuestionKind.SINGLE_CHOICE:
        return replace(base, options=_options(Counter(given), question.choices, answered))
    if kind == QuestionKind.MULTIPLE_CHOICE:
        counts = Counter(key for answer in given for key in set(answer))
        return replace(base, options=_options(counts, question.choices, answered))
    if kind == QuestionKind.NUMBER:
        return replace(base, numbers=summarise_numbers(v for v in given if _is_number(v)))
    if kind == QuestionKind.YEAR:
        counts = Counter(str(year) for year in given)
        years = tuple(Choice(year, year) for year in sorted(counts))
        return replace(
            base,
            options=_options(counts, years, answered),
            numbers=summarise_numbers(v for v in given if _is_number(v)),
        )
    if kind == QuestionKind.TABLE and isinstance(question, Question):
        rows = [row for table in given for row in table]
        columns = tuple(
            question_statistics(column, [row.get(column.key) for row in rows])
            for column in question.columns
        )
        return replace(base, rows=len(rows), columns=columns)
    return base


def survey_statistics(
    questions: Sequence[Question], responses: Sequence[dict[str, Any]]
) -> list[QuestionStatistics]:
    """Statistics of every question over ``responses`` (each a mapping of question key to
    canonical answer, as :func:`~klimatlaget.calc.surveys.shown_answers` gives)."""
    return [
        question_statistics(
            question, [response.get(question.key) for response in responses], len(responses)
        )
        for question in questions
    ]


@dataclass(frozen=True)
class YearFigure:
    """One question's headline figure in one year, for comparing years."""

    year: int
    answered: int
    value: float | None  # share of yes, mean of a number, or None
    label: str  # "share_yes", "mean", or "answered"
    #: Yes/no questions: how many answered yes, so that years compare in counts as in shares.
    yes: int | None = None


def headline(statistic: QuestionStatistics, year: int) -> YearFigure:
    """The figure that best sums up a question in a year: the share of yes for a yes/no
    question, the mean for a number or year, otherwise how many answered."""
    if statistic.kind == QuestionKind.YES_NO:
        return YearFigure(year, statistic.answered, statistic.yes_share, "share_yes", statistic.yes)
    if statistic.numbers is not None and statistic.kind in (QuestionKind.NUMBER, QuestionKind.YEAR):
        return YearFigure(year, statistic.answered, statistic.numbers.mean, "mean")
    return YearFigure(year, statistic.answered, float(statistic.answered), "answered")


def section_respondents(keys: Iterable[str], responses: Sequence[dict[str, Any]]) -> int:
    """How many ``responses`` answered at least one of the questions ``keys`` (a section): the
    association's report says so per theme ("32 answered the walking theme")."""
    wanted = set(keys)
    return sum(1 for response in responses if any(response.get(key) is not None for key in wanted))
