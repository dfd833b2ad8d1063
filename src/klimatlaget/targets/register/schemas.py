"""Request and response shapes of the targets API."""

import datetime
from typing import Annotated

from ninja import Schema
from pydantic import Field

from klimatlaget.api.schemas import Year, one_of
from klimatlaget.calc.targets import Form, Geography, Scope, Verdict
from klimatlaget.targets.models import StatusChoice


class TargetIn(Schema):
    """A target as its source document states it (see the Target model)."""

    title: str = Field("", max_length=200)
    form: str = one_of(Form, default=...)
    value: float | None = None
    base_year: Year | None = None
    start_year: Year | None = None
    target_year: Year | None = None
    per_capita: bool = False
    projected_population: int | None = None
    geography: str = one_of(Geography, default=Geography.TERRITORY.value)
    district: str = ""
    scopes: list[Annotated[str, one_of(Scope, default=...)]] = Field(
        default_factory=list, description='e.g. ["1", "2"]'
    )
    includes_non_energy: bool | None = None
    status: str = one_of(StatusChoice.values, default=StatusChoice.ADOPTED.value)
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
    form: Form
    value: float | None
    base_year: int | None
    start_year: int | None
    target_year: int | None
    per_capita: bool
    projected_population: int | None
    geography: Geography
    district: str
    scopes: list[Scope]
    includes_non_energy: bool | None
    status: StatusChoice
    adopted_on: str | None
    source: str
    quote: str
    notes: str
    normalised: bool
    reduction_1990_2030_pct: float | None
    reduction_1990_2045_pct: float | None
    implied_annual_rate_pct: float | None
    cumulative_to_end_year_t: float | None
    verdict: Verdict
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
