"""Request and response shapes of the targets API."""

import datetime

from ninja import Schema
from pydantic import Field


class TargetIn(Schema):
    """A target as its source document states it (see the Target model)."""

    title: str = Field("", max_length=200)
    form: str = Field(description="percent_reduction, annual_rate, per_capita_level, …")
    value: float | None = None
    base_year: int | None = None
    start_year: int | None = None
    target_year: int | None = None
    per_capita: bool = False
    projected_population: int | None = None
    geography: str = "territory"
    district: str = ""
    scopes: list[str] = Field(default_factory=list, description='e.g. ["1", "2"]')
    includes_non_energy: bool | None = None
    status: str = "adopted"
    adopted_on: datetime.date | None = None
    source: str = ""
    quote: str = ""
    notes: str = ""
    version: int | None = Field(None, description="The version edited; a stale one gets 409")


class TargetOut(Schema):
    """A registered target and its evaluation."""

    id: int
    organisation_code: str
    title: str
    form: str
    value: float | None
    base_year: int | None
    start_year: int | None
    target_year: int | None
    per_capita: bool
    projected_population: int | None
    geography: str
    district: str
    scopes: list[str]
    includes_non_energy: bool | None
    status: str
    adopted_on: str | None
    source: str
    quote: str
    notes: str
    normalised: bool
    reduction_1990_2030_pct: float | None
    reduction_1990_2045_pct: float | None
    implied_annual_rate_pct: float | None
    cumulative_to_end_year_t: float | None
    verdict: str
    reasons: list[str]
    problems: list[str]
    assumptions: list[str]
    on_track: bool | None
    trend_in_target_year_t: float | None
    target_level_t: float | None
    gap_t: float | None
    gap_pct: float | None
    version: int = Field(description="Send it back (or the ETag in If-Match) when changing")


class TargetErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]]
