"""The cities' contracts compared, their coverage and their full-text search in the REST API
(only the contracts the caller may read)."""

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.responses import Status

from klimatlaget.api.schemas import ErrorOut
from klimatlaget.contracts import comparison, search
from klimatlaget.exports.columns import Column, keys
from klimatlaget.exports.responses import csv_response

router = Router(tags=["contracts"])

Format = Literal["json", "csv"]


class CompareQuery(Schema):
    subject: str
    year: int | None = None


class CoverageQuery(Schema):
    year: int | None = None


class SearchQuery(Schema):
    q: str


class SearchHitOut(Schema):
    organisation_code: str
    organisation: str
    year: int
    section_id: int
    number: str
    title: str
    subject: str
    snippet: str


@router.get("/contracts/compare", response={200: list[dict[str, Any]], 422: ErrorOut})
def contract_comparison(
    request: HttpRequest, q: Query[CompareQuery], format: Format = "json"
) -> Any:
    """Every city's version of ``year`` (or its latest up to it; the latest without a year)
    with sections on ``subject`` (a subject id of the template, or one of its descendants):
    the sections and the figures of their links. ``?format=csv`` gives the table."""
    if q.subject not in comparison.subject_names():
        return Status(422, {"detail": f"unknown subject {q.subject!r}"})
    cards = comparison.compare(request.user, q.subject, q.year)
    rows = [card.row() for card in cards]
    if format == "csv":
        return csv_response(f"contracts-{q.subject}", rows, comparison.COLUMNS)
    return [
        {
            **{key: row[key] for key in keys(comparison.COLUMNS)},
            "sections": [
                {
                    "id": s.pk,
                    "number": s.number,
                    "title": s.title,
                    "subject": s.subject,
                    "text": s.text,
                }
                for s in card.sections
            ],
        }
        for card, row in zip(cards, rows, strict=True)
    ]


@router.get("/contracts/coverage", response=list[dict[str, Any]])
def contract_coverage(
    request: HttpRequest, q: Query[CoverageQuery], format: Format = "json"
) -> Any:
    """Each city's version of ``year`` (or its latest up to it) and, per subject of the
    template, whether it covers it (a section on it or on one of its descendants)."""
    subjects = comparison.subject_ids()
    rows = [row.row(subjects) for row in comparison.coverage(request.user, q.year)]
    if format == "csv":
        columns: list[str | Column] = [*comparison.COVERAGE_COLUMNS, *subjects]
        return csv_response("contract-coverage", rows, columns)
    return rows


@router.get("/contracts/search", response=list[SearchHitOut])
def contract_search(request: HttpRequest, q: Query[SearchQuery]) -> Any:
    """The sections of the readable contracts matching the words of ``q``, best first, with
    a snippet in which the words found are marked ``<mark>`` (the rest escaped)."""
    return [
        {
            "organisation_code": hit.section.contract.organisation.code,
            "organisation": hit.section.contract.organisation.name,
            "year": hit.section.contract.year,
            "section_id": hit.section.pk,
            "number": hit.section.number,
            "title": hit.section.title,
            "subject": hit.section.subject,
            "snippet": str(hit.snippet),
        }
        for hit in search.search(request.user, q.q)
    ]
