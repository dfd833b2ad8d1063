"""The report's comparison with earlier years: the headline figures, each section's count of
members who answered it, and each question's headline figure, year by year.

An earlier year's figures come from the platform when its survey there has counted responses.
A year from before the platform (or one whose survey has none) takes the figures the
association published for it instead (:class:`~klimatlaget.surveys.models.PublishedFigure`),
each marked with its source.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from klimatlaget.associations.models import members_in_year
from klimatlaget.calc import surveys as calc
from klimatlaget.surveys.models import PublishedFigure, Survey
from klimatlaget.surveys.models import PublishedFigureKind as Kind
from klimatlaget.surveys.published import figures_of
from klimatlaget.surveys.report.headline import emissions_change, verdict_counts, verdict_summary
from klimatlaget.surveys.results.dataset import MemberAnswers, counted_answers, earlier_surveys


@dataclass(frozen=True)
class Source:
    """Where a figure comes from when the platform did not compute it."""

    document: str
    url: str = ""
    page: str = ""
    #: Quoted as published; False: worked out from the document.
    quoted: bool = True

    @classmethod
    def of(cls, figure: PublishedFigure) -> Source:
        return cls(figure.source, figure.source_url, figure.page, figure.quoted)

    @property
    def label(self) -> str:
        return f"{self.document}, {self.page}" if self.page else self.document


@dataclass(frozen=True)
class YearRow:
    """One year of a question's or a section's figures. ``label`` is ``share_yes`` (with
    ``yes``, of ``answered``), ``mean`` or ``answered``; a figure the association published
    may lack ``answered`` (its report gave only how many answered yes)."""

    year: int
    answered: int | None
    value: float | None
    label: str
    yes: int | None = None
    source: Source | None = None


@dataclass
class YearSummary:
    """A year's headline figures; the verdicts are counted over all members of the year (as
    the association's own reports count them)."""

    year: int
    respondents: int | None
    members: int | None
    mean_change_pct: float | None
    verdicts: dict[str, int] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)


@dataclass
class History:
    """Earlier years only, oldest first."""

    years: list[YearSummary] = field(default_factory=list)
    sections: dict[str, list[YearRow]] = field(default_factory=dict)
    questions: dict[str, list[YearRow]] = field(default_factory=dict)


def from_figure(figure: calc.YearFigure) -> YearRow:
    return YearRow(figure.year, figure.answered, figure.value, figure.label, figure.yes)


def earlier_history(survey: Survey) -> History:
    """The years before ``survey``'s: the platform's where it has answers, else published."""
    history = History()
    answered_years: set[int] = set()
    for earlier in earlier_surveys(survey):
        counted = counted_answers(earlier)
        if not counted:
            continue
        answered_years.add(earlier.year)
        history.years.append(_platform_year(earlier, counted))
        for key, count in section_counts(earlier, counted).items():
            history.sections.setdefault(key, []).append(
                YearRow(earlier.year, count, None, "answered")
            )
    published = [
        figure
        for figure in figures_of(survey.association)
        if figure.year < survey.year and figure.year not in answered_years
    ]
    _add_published(history, published)
    history.years.sort(key=lambda year: year.year)
    for rows in (*history.sections.values(), *history.questions.values()):
        rows.sort(key=lambda row: row.year)
    return history


def published_years(history: History) -> set[int]:
    return {year.year for year in history.years if year.sources}


def section_counts(survey: Survey, counted: list[MemberAnswers]) -> dict[str, int]:
    """How many of the counted members answered at least one question of each section."""
    keys: dict[str, list[str]] = defaultdict(list)
    for section_key, question_key in survey.questions.values_list("section__key", "key"):
        keys[section_key].append(question_key)
    answers = [member.answers for member in counted]
    return {
        section.key: calc.section_respondents(keys[section.key], answers)
        for section in survey.sections.all()
    }


def _platform_year(survey: Survey, counted: list[MemberAnswers]) -> YearSummary:
    members = list(members_in_year(survey.association, survey.year))
    summary = verdict_summary(survey.association, survey.year)
    counts = verdict_counts(summary, [member.code for member in members])
    change = emissions_change([answers.member for answers in counted], survey.year)
    return YearSummary(
        year=survey.year,
        respondents=len(counted),
        members=len(members),
        mean_change_pct=change.mean_change_pct,
        verdicts={count.key: count.count for count in counts},
    )


def _add_published(history: History, figures: list[PublishedFigure]) -> None:
    by_year: dict[int, list[PublishedFigure]] = defaultdict(list)
    for figure in figures:
        by_year[figure.year].append(figure)
    for year, items in by_year.items():
        summary = YearSummary(year, None, None, None)
        questions: dict[str, dict[str, PublishedFigure]] = defaultdict(dict)
        for figure in items:
            _take(summary, figure)
            if figure.kind == Kind.SECTION_ANSWERED:
                row = YearRow(year, int(figure.value), None, "answered", source=Source.of(figure))
                history.sections.setdefault(figure.key, []).append(row)
            elif figure.kind in (Kind.QUESTION_YES, Kind.QUESTION_ANSWERED):
                questions[figure.key][figure.kind] = figure
        for key, pair in questions.items():
            history.questions.setdefault(key, []).append(_question_row(year, pair))
        history.years.append(summary)


def _take(summary: YearSummary, figure: PublishedFigure) -> None:
    source = Source.of(figure)
    if source not in summary.sources:
        summary.sources.append(source)
    if figure.kind == Kind.RESPONDENTS:
        summary.respondents = int(figure.value)
    elif figure.kind == Kind.MEMBERS:
        summary.members = int(figure.value)
    elif figure.kind == Kind.CHANGE_SINCE_1990:
        summary.mean_change_pct = figure.value
    elif figure.kind == Kind.VERDICT:
        summary.verdicts[figure.key] = int(figure.value)


def _question_row(year: int, pair: dict[str, PublishedFigure]) -> YearRow:
    yes = pair.get(Kind.QUESTION_YES)
    answered = pair.get(Kind.QUESTION_ANSWERED)
    share = yes.value / answered.value if yes and answered and answered.value else None
    quoted = yes or answered
    assert quoted is not None  # a pair holds at least one of them
    return YearRow(
        year,
        int(answered.value) if answered else None,
        share,
        "share_yes",
        yes=int(yes.value) if yes else None,
        source=Source.of(quoted),
    )
