"""The annual report "Klimatläget YEAR" as plain data, built once and rendered as a web page, a
PDF, an Excel workbook and JSON.

The report is built from the counted responses of the association's Klimatläget survey (submitted
and approved, see :mod:`klimatlaget.surveys.results.dataset`): one chapter per section and, per
question, its statistics, its headline figure in earlier years and, where it makes sense, a chart.
The headline figures add two things the platform knows itself: the average change in emissions
since 1990 and the Paris verdicts on registered targets, both over the respondents, or over all
members of the year while nobody has answered (the report says which, see :class:`Basis`); the
verdicts are also counted over all members of the year, as the association's own reports count
them. Each chapter says how many members answered at least one of its questions. The
comparison with earlier years (see :mod:`~klimatlaget.surveys.report.history`) includes the
figures the association published for years from before the platform, marked with their source.

What the public version shows (decided here): statistics only,
plus the names of the member *organisations* that answered, and for yes/no questions the
organisations that answered yes ("members with a food target: …"), as the association's own
report does. Organisations are public bodies and their climate work is public. It never shows
people: no contacts, nobody who submitted or approved, and no free text, links or files (a free
text may name anyone). The internal version (secretariat) adds every invited member's response
status with who submitted it and when, and the free-text, link, file and table answers per
question.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext as _

from klimatlaget.associations.models import members_in_year
from klimatlaget.calc import surveys as calc
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys.models import Response, ResponseStatus, Survey, SurveyKind, SurveyState
from klimatlaget.surveys.report.headline import (
    EmissionsChange,
    VerdictCount,
    emissions_change,
    verdict_counts,
    verdict_summary,
)
from klimatlaget.surveys.report.history import (
    History,
    YearRow,
    YearSummary,
    earlier_history,
    from_figure,
    published_years,
    section_counts,
)
from klimatlaget.surveys.results.dataset import MemberAnswers, counted_answers, figures_by_year

#: Question kinds whose answers are free text (or a file): never in the public report.
FREE_KINDS = frozenset({calc.QuestionKind.TEXT, calc.QuestionKind.LINK, calc.QuestionKind.FILE})
#: Question kinds shown as a bar chart of counts.
CHART_KINDS = frozenset(
    {
        calc.QuestionKind.YES_NO,
        calc.QuestionKind.SINGLE_CHOICE,
        calc.QuestionKind.MULTIPLE_CHOICE,
        calc.QuestionKind.YEAR,
    }
)


@dataclass(frozen=True)
class FreeAnswer:
    member: str
    text: str


@dataclass
class QuestionReport:
    key: str
    kind: str
    text: str
    unit: str
    respondents: int
    answered: int
    options: list[calc.OptionCount] = field(default_factory=list)
    numbers: calc.NumberSummary | None = None
    rows: int | None = None
    columns: list[QuestionReport] = field(default_factory=list)
    #: This year and earlier ones, oldest first (see :mod:`~klimatlaget.surveys.report.history`).
    history: list[YearRow] = field(default_factory=list)
    #: Yes/no questions: the member organisations that answered yes.
    members_yes: list[str] = field(default_factory=list)
    #: Internal version only: free-text, link, file and table answers per member.
    free_answers: list[FreeAnswer] = field(default_factory=list)

    @property
    def has_chart(self) -> bool:
        return self.kind in CHART_KINDS and self.answered > 0 and bool(self.options)

    @property
    def is_free(self) -> bool:
        return self.kind in FREE_KINDS


@dataclass
class Chapter:
    key: str
    title: str
    description: str
    #: Members who answered at least one of the chapter's questions.
    answered: int = 0
    questions: list[QuestionReport] = field(default_factory=list)
    #: ``answered`` in earlier years and this one, oldest first.
    history: list[YearRow] = field(default_factory=list)


class Basis(StrEnum):
    """Whose emissions and targets the headline figures are computed over."""

    RESPONDENTS = "respondents"
    #: Nobody has answered (yet): every member of the survey's year.
    MEMBERS = "members"


@dataclass(frozen=True)
class Respondent:
    code: str
    name: str
    status: str
    status_label: str
    submitted_at: str | None
    submitted_by: str | None


@dataclass
class Report:
    title: str
    association_code: str
    association_name: str
    year: int
    survey_state: str
    public: bool
    respondents: int
    invited: int
    respondent_names: list[str]
    emissions: EmissionsChange
    verdicts: list[VerdictCount]
    #: The verdicts over all members of the year, whether they answered or not.
    member_verdicts: list[VerdictCount]
    chapters: list[Chapter]
    basis: Basis = Basis.RESPONDENTS
    #: The headline figures of earlier years, oldest first.
    earlier_years: list[YearSummary] = field(default_factory=list)
    #: Internal version only: every invited member with its response status.
    respondent_list: list[Respondent] = field(default_factory=list)

    @property
    def preview(self) -> bool:
        """Not final: the survey is still open (or being prepared)."""
        return self.survey_state != SurveyState.CLOSED

    @property
    def has_answers(self) -> bool:
        return self.respondents > 0

    @property
    def verdict_title(self) -> str:
        if self.basis == Basis.MEMBERS:
            return _("Members by verdict on their registered targets")
        return _("Respondents by verdict on their registered targets")

    @property
    def years(self) -> list[YearSummary]:
        """The earlier years and this one, for comparing them."""
        this_year = YearSummary(
            year=self.year,
            respondents=self.respondents,
            members=self.invited,
            mean_change_pct=self.emissions.mean_change_pct,
            verdicts={v.key: v.count for v in self.member_verdicts},
        )
        return [*self.earlier_years, this_year]

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["preview"] = self.preview
        data["has_answers"] = self.has_answers
        data["emissions"]["with_data"] = self.emissions.with_data
        data["emissions"]["lacking"] = self.emissions.lacking
        return data


class NoReport(LookupError):
    """The association has no Klimatläget survey that year."""


def report_survey(association: Organisation, year: int) -> Survey:
    survey = (
        Survey.objects.filter(association=association, year=year, kind=SurveyKind.KLIMATLAGET)
        .select_related("association")
        .first()
    )
    if survey is None:
        raise NoReport(
            _("%(name)s has no Klimatläget survey in %(year)s.")
            % {"name": association.name, "year": year}
        )
    return survey


def build_report(survey: Survey, public: bool) -> Report:
    """The report of ``survey``; ``public=False`` adds the internal parts (secretariat only)."""
    counted = counted_answers(survey)
    members = [answers.member for answers in counted]
    invited = list(members_in_year(survey.association, survey.year).order_by("name"))
    basis = Basis.RESPONDENTS if members else Basis.MEMBERS
    population = members or invited
    summary = verdict_summary(survey.association, survey.year)
    history = earlier_history(survey)
    report = Report(
        title=_("Klimatläget %(year)s") % {"year": survey.year},
        association_code=survey.association.code,
        association_name=survey.association.name,
        year=survey.year,
        survey_state=survey.state,
        public=public,
        respondents=len(counted),
        invited=len(invited),
        respondent_names=[member.name for member in members],
        emissions=emissions_change(population, survey.year),
        verdicts=verdict_counts(summary, [member.code for member in population]),
        member_verdicts=verdict_counts(summary, [member.code for member in invited]),
        chapters=chapters(survey, counted, public, history) if counted else [],
        basis=basis,
        earlier_years=history.years,
    )
    if not public:
        report.respondent_list = respondent_list(survey)
    return report


# Chapters ---------------------------------------------------------------------------------


def chapters(
    survey: Survey, counted: list[MemberAnswers], public: bool, history: History
) -> list[Chapter]:
    questions = list(survey.questions.select_related("section"))
    specs = {question.key: question.spec() for question in questions}
    statistics = {
        s.key: s for s in calc.survey_statistics(list(specs.values()), [m.answers for m in counted])
    }
    rows = question_rows(survey, history)
    answered = section_counts(survey, counted)
    result = []
    for section in survey.sections.all():
        chapter = Chapter(
            section.key, section.shown_title, section.shown_description, answered[section.key]
        )
        chapter.history = [
            *history.sections.get(section.key, []),
            YearRow(survey.year, chapter.answered, None, "answered"),
        ]
        for question in (q for q in questions if q.section_id == section.pk):
            item = _question(statistics[question.key], rows.get(question.key, []))
            spec = specs[question.key]
            if spec.kind == calc.QuestionKind.YES_NO:
                item.members_yes = [
                    m.member.name for m in counted if m.answers.get(spec.key) is True
                ]
            if not public:
                item.free_answers = _free_answers(spec, counted)
            chapter.questions.append(item)
        result.append(chapter)
    return result


def _options(statistic: calc.QuestionStatistics) -> list[calc.OptionCount]:
    labels = {"yes": _("Yes"), "no": _("No")} if statistic.kind == calc.QuestionKind.YES_NO else {}
    return [replace(o, label=labels.get(o.key, o.label)) for o in statistic.options]


def question_rows(survey: Survey, history: History) -> dict[str, list[YearRow]]:
    """Each question's figure by year: the platform's, except in the years that take the
    association's published figures instead."""
    published = published_years(history)
    rows: dict[str, list[YearRow]] = {}
    for key, figures in figures_by_year(survey).items():
        own = [from_figure(figure) for figure in figures if figure.year not in published]
        quoted = history.questions.get(key, [])
        rows[key] = sorted([*own, *quoted], key=lambda row: row.year)
    return rows


def _question(
    statistic: calc.QuestionStatistics, history: list[YearRow] | None = None
) -> QuestionReport:
    return QuestionReport(
        key=statistic.key,
        kind=str(statistic.kind),
        text=statistic.text,
        unit=statistic.unit,
        respondents=statistic.respondents,
        answered=statistic.answered,
        options=_options(statistic),
        numbers=statistic.numbers,
        rows=statistic.rows,
        columns=[_question(column) for column in statistic.columns],
        history=list(history or []),
    )


def _free_answers(spec: calc.Question, counted: list[MemberAnswers]) -> list[FreeAnswer]:
    if spec.kind not in FREE_KINDS and spec.kind != calc.QuestionKind.TABLE:
        return []
    answers = []
    for member in counted:
        value = member.answers.get(spec.key)
        if value is None or value == "" or value == []:
            continue
        answers.append(FreeAnswer(member.member.name, _as_text(spec, value)))
    return answers


def _as_text(spec: calc.Question, value: Any) -> str:
    if spec.kind == calc.QuestionKind.FILE and isinstance(value, dict):
        return str(value.get("name", ""))
    if spec.kind == calc.QuestionKind.TABLE and isinstance(value, list):
        labels = {column.key: column.label for column in spec.columns}
        return "; ".join(
            ", ".join(f"{labels.get(k, k)}: {_cell(v)}" for k, v in row.items() if v is not None)
            for row in value
        )
    return str(value)


def _cell(value: Any) -> str:
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    return str(value)


# Internal parts ---------------------------------------------------------------------------


def respondent_list(survey: Survey) -> list[Respondent]:
    """Every member invited (a member in the survey's year) with its response's status."""
    responses = {
        r.member_id: r
        for r in Response.objects.filter(survey=survey).select_related("submitted_by")
    }
    labels = dict(ResponseStatus.choices)
    rows = []
    for member in members_in_year(survey.association, survey.year).order_by("name"):
        response = responses.get(member.pk)
        status = response.status if response else ResponseStatus.NOT_STARTED
        submitted_by = response.submitted_by if response else None
        rows.append(
            Respondent(
                code=member.code,
                name=member.name,
                status=status,
                status_label=str(labels[status]),
                submitted_at=(
                    response.submitted_at.date().isoformat()
                    if response and response.submitted_at
                    else None
                ),
                submitted_by=submitted_by.get_username() if submitted_by else None,
            )
        )
    return rows
