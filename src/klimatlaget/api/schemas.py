"""Request and response shapes of the REST API."""

from ninja import Schema
from pydantic import Field, HttpUrl


class OrganisationOut(Schema):
    code: str
    name: str
    kind: str
    county_code: str | None
    county_name: str | None
    url: str


class OrganisationDetail(OrganisationOut):
    website: str
    description: str
    population: int | None
    population_year: int | None


class ProfileIn(Schema):
    website: HttpUrl | None = Field(None, description="The organisation's website")
    description: str | None = Field(None, max_length=4000)


class EmissionYear(Schema):
    year: int
    total_t: float
    per_capita_t: float | None


class SectorValue(Schema):
    year: int
    sector: str
    tco2e: float


class PathwayYear(Schema):
    year: int
    observed_t: float | None
    approximated_t: float | None
    trend_t: float | None
    carbon_law_t: float | None


class Problem(Schema):
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    code: str
    message: str


class ErrorOut(Schema):
    detail: str
    problems: list[Problem] = []


class ImportOut(Schema):
    file_name: str
    rows_read: int
    created: int
    updated: int
    organisations_changed: int


class ChangeOut(Schema):
    timestamp: str
    by: str
    action: str
    summary: str
    changes: dict[str, list[object]]
