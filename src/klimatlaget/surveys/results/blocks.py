"""What the statistics page shows per question: the counts and shares as a table with a bar
chart, number summaries, and the comparison with earlier years, grouped by section."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klimatlaget.calc import surveys as calc
from klimatlaget.charts import Bar, bar_chart, number_formatter, responsive
from klimatlaget.surveys.models import Survey
from klimatlaget.surveys.results.table import comparable, option_label

K = calc.QuestionKind
#: Kinds whose answers are only counted here (the texts are read in the responses).
COUNTED_ONLY = frozenset({K.TEXT, K.LINK, K.FILE})


@dataclass(frozen=True)
class OptionRow:
    key: str
    label: str
    count: int
    percent: float | None


@dataclass(frozen=True)
class YearRow:
    year: int
    answered: int
    #: The headline in the unit shown: a percentage of yes, a mean, or how many answered.
    value: float | None
    label: str


@dataclass
class QuestionBlock:
    statistic: calc.QuestionStatistics
    dom_id: str
    options: list[OptionRow] = field(default_factory=list)
    chart: SafeString | None = None
    columns: list[QuestionBlock] = field(default_factory=list)
    years: list[YearRow] = field(default_factory=list)
    years_chart: SafeString | None = None

    @property
    def counted_only(self) -> bool:
        return self.statistic.kind in COUNTED_ONLY


@dataclass(frozen=True)
class SectionBlock:
    title: str
    questions: list[QuestionBlock]


def _percent(share: float | None) -> float | None:
    return None if share is None else share * 100


def _safe(svg: str) -> SafeString:
    return mark_safe(svg)  # noqa: S308 - the chart package escapes every text it writes


def _options_chart(statistic: calc.QuestionStatistics, rows: list[OptionRow], dom_id: str) -> str:
    bars = [Bar(row.key, row.label, row.percent) for row in rows]
    description = _("Share of the %(answered)s members who answered, per option, in per cent.") % {
        "answered": statistic.answered
    }
    return responsive(
        bar_chart,
        bars,
        title=statistic.text,
        description=description,
        unit="%",
        number_format=number_formatter(get_language(), 0),
        id_prefix=f"chart-{dom_id}",
        no_data_text=_("no answers"),
    )


def _years_chart(statistic: calc.QuestionStatistics, rows: list[YearRow], dom_id: str) -> str:
    label = rows[-1].label
    units = {"share_yes": "%", "mean": statistic.unit, "answered": ""}
    texts = {
        "share_yes": _("Share answering yes, per year, in per cent."),
        "mean": _("Mean of the answers, per year."),
        "answered": _("Members who answered, per year."),
    }
    bars = [Bar(str(row.year), str(row.year), row.value) for row in rows]
    return responsive(
        bar_chart,
        bars,
        title=_("%(question)s, by year") % {"question": statistic.text},
        description=texts.get(label, ""),
        unit=units.get(label, ""),
        number_format=number_formatter(get_language(), 0 if label != "mean" else 1),
        id_prefix=f"years-{dom_id}",
        no_data_text=_("no answers"),
    )


def _year_rows(figures: Sequence[calc.YearFigure]) -> list[YearRow]:
    return [
        YearRow(
            figure.year,
            figure.answered,
            _percent(figure.value) if figure.label == "share_yes" else figure.value,
            figure.label,
        )
        for figure in figures
    ]


def question_block(
    statistic: calc.QuestionStatistics,
    figures: Sequence[calc.YearFigure] = (),
    dom_id: str = "",
) -> QuestionBlock:
    dom_id = dom_id or statistic.key
    block = QuestionBlock(statistic, dom_id)
    block.options = [
        OptionRow(o.key, option_label(statistic.kind, o), o.count, _percent(o.share))
        for o in statistic.options
    ]
    if block.options and statistic.answered:
        block.chart = _safe(_options_chart(statistic, block.options, dom_id))
    block.columns = [
        question_block(column, dom_id=f"{dom_id}-{column.key}") for column in statistic.columns
    ]
    if comparable(figures):
        block.years = _year_rows(figures)
        block.years_chart = _safe(_years_chart(statistic, block.years, dom_id))
    return block


def section_blocks(
    survey: Survey,
    statistics: Sequence[calc.QuestionStatistics],
    figures: Mapping[str, Sequence[calc.YearFigure]],
) -> list[SectionBlock]:
    """The blocks of every question, in the survey's sections and order."""
    by_key = {statistic.key: statistic for statistic in statistics}
    sections = []
    for section in survey.sections.prefetch_related("questions"):
        blocks = [
            question_block(by_key[question.key], figures.get(question.key, ()))
            for question in section.questions.all()
            if question.key in by_key
        ]
        sections.append(SectionBlock(section.shown_title, blocks))
    return sections
