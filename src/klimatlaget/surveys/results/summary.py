"""A survey's statistics under a filter, with every question's headline figure in each year:
what the page, the CSV and the API all show."""

from __future__ import annotations

from dataclasses import dataclass

from klimatlaget.calc import surveys as calc
from klimatlaget.surveys.models import Survey
from klimatlaget.surveys.results import table
from klimatlaget.surveys.results.dataset import MemberFilter, counted_answers, figures_by_year


@dataclass(frozen=True)
class SurveyStatistics:
    survey: Survey
    chosen: MemberFilter
    #: Members whose responses count under the filter.
    respondents: int
    statistics: list[calc.QuestionStatistics]
    figures: dict[str, list[calc.YearFigure]]

    def rows(self) -> list[table.Row]:
        return table.statistics_rows(self.survey.year, self.statistics, self.figures)

    def file_name(self) -> str:
        return f"{self.survey.association.code}-survey-{self.survey.year}-statistics"


def gather(survey: Survey, chosen: MemberFilter) -> SurveyStatistics:
    counted = counted_answers(survey, chosen)
    specs = [question.spec() for question in survey.questions.all()]
    statistics = calc.survey_statistics(specs, [member.answers for member in counted])
    return SurveyStatistics(
        survey, chosen, len(counted), statistics, figures_by_year(survey, chosen)
    )
