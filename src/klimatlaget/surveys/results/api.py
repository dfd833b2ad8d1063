"""A survey's statistics per question in the API (secretariat only), with the same filters as
the page; ``?format=csv`` gives the page's CSV."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth
from pydantic import Field

from klimatlaget.accounts.resolvers import managed_survey
from klimatlaget.calc import surveys as calc
from klimatlaget.exports.responses import csv_response
from klimatlaget.surveys.results import table
from klimatlaget.surveys.results.filters import member_filter
from klimatlaget.surveys.results.summary import gather

router = Router(tags=["surveys"])


class ErrorOut(Schema):
    detail: str


class OptionOut(Schema):
    key: str
    label: str
    count: int
    share: float | None


class NumbersOut(Schema):
    count: int
    total: float
    mean: float
    median: float
    minimum: float
    maximum: float


class YearOut(Schema):
    year: int
    answered: int
    value: float | None
    label: str


class ColumnOut(Schema):
    key: str
    kind: str
    text: str
    unit: str
    respondents: int
    answered: int
    options: list[OptionOut]
    numbers: NumbersOut | None


class QuestionOut(ColumnOut):
    rows: int | None
    columns: list[ColumnOut]
    by_year: list[YearOut]


class StatisticsOut(Schema):
    survey_id: int
    association: str
    year: int
    respondents: int
    questions: list[QuestionOut]


def _column_out(statistic: calc.QuestionStatistics) -> dict[str, Any]:
    numbers = statistic.numbers
    return {
        "key": statistic.key,
        "kind": statistic.kind.value,
        "text": statistic.text,
        "unit": statistic.unit,
        "respondents": statistic.respondents,
        "answered": statistic.answered,
        "options": [
            {
                "key": o.key,
                "label": table.option_label(statistic.kind, o),
                "count": o.count,
                "share": o.share,
            }
            for o in statistic.options
        ],
        "numbers": None if numbers is None else asdict(numbers),
    }


def _question_out(
    statistic: calc.QuestionStatistics, figures: list[calc.YearFigure]
) -> dict[str, Any]:
    return {
        **_column_out(statistic),
        "rows": statistic.rows,
        "columns": [_column_out(column) for column in statistic.columns],
        "by_year": [asdict(f) for f in figures] if table.comparable(figures) else [],
    }


@router.get(
    "/surveys/{survey_id}/statistics",
    auth=django_auth,
    response={200: StatisticsOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def survey_statistics(
    request: HttpRequest,
    survey_id: int,
    kind: Literal["", "municipality", "county"] = "",
    county: Annotated[str, Field(pattern=r"^([0-9]{2})?$")] = "",
    size: Literal["", "small", "medium", "large", "city"] = "",
    approved_only: bool = False,
    format: Literal["json", "csv"] = "json",
) -> Any:
    """Statistics per question of the submitted (or only approved) responses, filtered by
    member ``kind`` (municipality, county), ``county`` code and ``size`` class (small, medium,
    large, city); ``by_year`` compares the question's headline figure with earlier years.
    Secretariat only."""
    survey = managed_survey(request.user, survey_id)
    flag = "1" if approved_only else ""
    query = {"kind": kind, "county": county, "size": size, "approved_only": flag}
    result = gather(survey, member_filter(query))
    if format == "csv":
        return csv_response(result.file_name(), result.rows(), table.COLUMNS)
    return {
        "survey_id": survey.pk,
        "association": survey.association.code,
        "year": survey.year,
        "respondents": result.respondents,
        "questions": [_question_out(s, result.figures.get(s.key, [])) for s in result.statistics],
    }
