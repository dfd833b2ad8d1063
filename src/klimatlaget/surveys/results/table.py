"""The statistics as one flat table: a row per question × measure (and per option), the same
for the page's CSV download and the API's ``?format=csv``.

``measure`` is ``answered`` (how many of ``respondents`` answered), ``option`` (one option or
year: ``count`` and ``share``), a number summary (``count``, ``total``, ``mean``, ``median``,
``minimum``, ``maximum``: in ``value``), ``rows`` for a table question (whose columns follow
with ``column`` set), and ``year_share_yes`` / ``year_mean`` / ``year_answered`` for the
question's headline figure in each year when it was asked in more than one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from klimatlaget.calc import surveys as calc

COLUMNS = [
    "year",
    "question_key",
    "question",
    "kind",
    "column",
    "measure",
    "option",
    "option_label",
    "count",
    "share",
    "value",
    "unit",
    "answered",
    "respondents",
]
NUMBER_MEASURES = ("count", "total", "mean", "median", "minimum", "maximum")

Row = dict[str, Any]


def option_label(kind: calc.QuestionKind, option: calc.OptionCount) -> str:
    """The option's label in the reader's language (yes and no are the app's words)."""
    if kind == calc.QuestionKind.YES_NO:
        return _("Yes") if option.key == "yes" else _("No")
    return option.label


def comparable(figures: Sequence[calc.YearFigure]) -> bool:
    """Worth comparing: the question has figures in more than one year."""
    return len(figures) > 1


def _measures(statistic: calc.QuestionStatistics, base: Row) -> Iterator[Row]:
    common = {**base, "answered": statistic.answered, "respondents": statistic.respondents}
    yield {**common, "measure": "answered", "count": statistic.answered}
    for option in statistic.options:
        label = option_label(statistic.kind, option)
        yield {
            **common,
            "measure": "option",
            "option": option.key,
            "option_label": label,
            "count": option.count,
            "share": option.share,
        }
    if statistic.numbers is not None:
        for measure in NUMBER_MEASURES:
            value = getattr(statistic.numbers, measure)
            yield {**common, "measure": measure, "value": value, "unit": statistic.unit}


def question_rows(
    year: int, statistic: calc.QuestionStatistics, figures: Sequence[calc.YearFigure] = ()
) -> Iterator[Row]:
    base = {
        "year": year,
        "question_key": statistic.key,
        "question": statistic.text,
        "kind": statistic.kind.value,
    }
    yield from _measures(statistic, base)
    if statistic.rows is not None:
        yield {**base, "measure": "rows", "count": statistic.rows, "answered": statistic.answered}
        for column in statistic.columns:
            yield from _measures(column, {**base, "column": column.key})
    if comparable(figures):
        for figure in figures:
            yield {
                **base,
                "year": figure.year,
                "measure": f"year_{figure.label}",
                "count": figure.answered,
                "value": figure.value,
                "answered": figure.answered,
            }


def statistics_rows(
    year: int,
    statistics: Sequence[calc.QuestionStatistics],
    figures: Mapping[str, Sequence[calc.YearFigure]],
) -> list[Row]:
    return [
        row
        for statistic in statistics
        for row in question_rows(year, statistic, figures.get(statistic.key, ()))
    ]
