"""Request and response shapes of the REST API."""

from typing import Any

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
    version: int = Field(description="Send it back (or the ETag in If-Match) when changing")


class ProfileIn(Schema):
    website: HttpUrl | None = Field(None, description="The organisation's website")
    description: str | None = Field(None, max_length=4000)
    version: int | None = Field(None, description="The version edited; a stale one gets 409")


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


class ConflictOut(Schema):
    """A stale write (409 for a stale ``version`` in the body, 412 for a stale ``If-Match``):
    nothing was saved."""

    detail: str
    version: int = Field(description="The current version")
    changed: dict[str, Any] = Field(
        description="The fields changed since the version edited, with their current values"
    )


#: The answers to a write that names the version it edited.
CONFLICTS = {409: ConflictOut, 412: ConflictOut}


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
