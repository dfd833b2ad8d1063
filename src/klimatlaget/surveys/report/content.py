"""The annual report "Klimatläget YEAR" as plain data, built once and rendered as a web page, a
PDF, an Excel workbook and JSON.

The report is built from the counted responses of the association's Klimatläget survey (submitted
and approved, see :mod:`klimatlaget.surveys.results.dataset`): one chapter per section and, per
question, its statistics, its headline figure in earlier years and, where it makes sense, a chart.
The headline figures add two things the platform knows itself: the average change in emissions
since 1990 and the Paris verdicts on registered targets, both over the respondents, or over all
members of the year while nobody has answered (the report says which, see :class:`Basis`).

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

import statistics as pystats
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext as _

from klimatlaget.associations.models import members_in_year
from klimatlaget.calc import surveys as calc
from klimatlaget.calc.history import change_pct
from klimatlaget.emissions.dataset import load_dataset
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys.models import Response, ResponseStatus, Survey, SurveyKind, SurveyState
from klimatlaget.surveys.results.dataset import MemberAnswers, counted_answers, figures_by_year
from klimatlaget.targets.comparison.association import VERDICT_ORDER, summarise
from klimatlaget.targets.comparison.service import VERDICT_LABELS
from klimatlaget.targets.evaluation import target_parameters

BASE_YEAR = 1990
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
    history: list[calc.YearFigure] = field(default_factory=list)
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
    questions: list[QuestionReport] = field(default_factory=list)


class Basis(StrEnum):
    """Whose emissions and targets the headline figures are computed over."""

    RESPONDENTS = "respondents"
    #: Nobody has answered (yet): every member of the survey's year.
    MEMBERS = "members"


@dataclass(frozen=True)
class MemberChange:
    code: str
    name: str
    change_pct: float | None


@dataclass
class EmissionsChange:
    """The members' (see :class:`Basis`) change in total emissions from 1990 to
    ``latest_year`` (the newest year with data up to the survey's year), and the plain mean of
    the members' changes in %."""

    base_year: int
    latest_year: int | None
    mean_change_pct: float | None
    members: list[MemberChange] = field(default_factory=list)

    @property
    def with_data(self) -> int:
        return sum(1 for member in self.members if member.change_pct is not None)

    @property
    def lacking(self) -> list[str]:
        return [member.name for member in self.members if member.change_pct is None]


@dataclass(frozen=True)
class VerdictCount:
    key: str
    label: str
    count: int


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
    chapters: list[Chapter]
    basis: Basis = Basis.RESPONDENTS
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
        verdicts=verdict_counts(survey.association, survey.year, population),
        chapters=chapters(survey, counted, public) if counted else [],
        basis=basis,
    )
    if not public:
        report.respondent_list = respondent_list(survey)
    return report


# Headline figures -------------------------------------------------------------------------


def emissions_change(members: list[Organisation], year: int) -> EmissionsChange:
    """Each member's change in total emissions since 1990 to the newest data year up to
    ``year`` that any of them has; a member without both years lacks data."""
    dataset = load_dataset()
    series = {
        m.code: _up_to(dataset[m.code].total if m.code in dataset else {}, year) for m in members
    }
    latest = max((max(s) for s in series.values() if s), default=None)
    changes = [
        MemberChange(
            member.code,
            member.name,
            change_pct(series[member.code], BASE_YEAR, latest) if latest is not None else None,
        )
        for member in members
    ]
    known = [c.change_pct for c in changes if c.change_pct is not None]
    return EmissionsChange(
        base_year=BASE_YEAR,
        latest_year=latest,
        mean_change_pct=pystats.fmean(known) if known else None,
        members=changes,
    )


def _up_to(total: dict[int, float], year: int) -> dict[int, float]:
    return {y: v for y, v in total.items() if y <= year}


def verdict_counts(
    association: Organisation, year: int, members: list[Organisation]
) -> list[VerdictCount]:
    """How many of ``members``' registered targets (in force that year) are in line with Paris,
    partly, not in line, not assessed, or who have no registered target."""
    codes = {member.code for member in members}
    summary = summarise(association, year, target_parameters())
    counts = dict.fromkeys(VERDICT_ORDER, 0)
    for row in summary.members:
        if row["code"] in codes:
            counts[row["verdict"]] += 1
    return [VerdictCount(key, str(VERDICT_LABELS[key]), n) for key, n in counts.items()]


# Chapters ---------------------------------------------------------------------------------


def chapters(survey: Survey, counted: list[MemberAnswers], public: bool) -> list[Chapter]:
    questions = list(survey.questions.select_related("section"))
    specs = {question.key: question.spec() for question in questions}
    statistics = {
        s.key: s for s in calc.survey_statistics(list(specs.values()), [m.answers for m in counted])
    }
    history = figures_by_year(survey)
    result = []
    for section in survey.sections.all():
        chapter = Chapter(section.key, section.shown_title, section.shown_description)
        for question in (q for q in questions if q.section_id == section.pk):
            item = _question(statistics[question.key], history.get(question.key, []))
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


def _question(
    statistic: calc.QuestionStatistics, history: list[calc.YearFigure] | None = None
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
