"""Request and response shapes of the REST API, with the bounds and choices of parameters."""

from collections.abc import Iterable
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field, HttpUrl, JsonValue

from klimatlaget.calc import CARBON_LAW_PRESETS, MetricParameters
from klimatlaget.organisations.models import OrganisationKind

DEFAULTS = MetricParameters()
#: Any calendar year a request may name (membership, fees, reports).
Year = Annotated[int, Field(ge=1900, le=2100)]
#: An object's id in a request body (a database integer: larger ones could not name anything).
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
CountyCode = Annotated[str, Field(pattern=r"^[0-9]{2}$", description="two-digit county code")]


def one_of(values: Iterable[str], description: str = "", default: Any = None) -> Any:
    """A text field whose allowed values are checked where it is used (unknown: 422, with the
    service's own message)."""
    allowed: list[JsonValue] = [*sorted(values)]
    return Field(default, description=description or None, json_schema_extra={"enum": allowed})


class CarbonLawQuery(Schema):
    """The parameters of the Carbon Law pathways (defaults: this year and the 1.5 °C rate)."""

    current_year: (
        Annotated[int, Field(ge=DEFAULTS.trend_start_year, le=DEFAULTS.end_year)] | None
    ) = None
    rate: Annotated[float, Field(gt=0, lt=1, description="share per year, e.g. 0.1172")] | None = (
        None
    )
    preset: str | None = one_of(CARBON_LAW_PRESETS, "a named Carbon Law rate")


class OrganisationOut(Schema):
    code: str
    name: str
    kind: OrganisationKind
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


class MetricsRow(Schema):
    """One organisation's key figures (the metrics export); see docs/METHOD.md."""

    code: str
    name: str
    kind: str
    county: str
    population: int | None
    last_year: int | None
    last_emissions_t: float | None
    last_emissions_per_capita_t: float | None
    change_since_1990_pct: float | None
    change_since_2005_pct: float | None
    avg_yearly_change_since_2015_pct: float | None
    trend_slope_t_per_yr: float | None
    trend_slope_min: float | None = Field(
        description="Lowest slope that fits all years equally well (the median line)"
    )
    trend_slope_max: float | None = Field(
        description="Highest slope that fits all years equally well (the median line)"
    )
    trend_slope_low: float | None = Field(
        description="Lowest slope with one year left out in turn (or the slope itself)"
    )
    trend_slope_high: float | None = Field(
        description="Highest slope with one year left out in turn (or the slope itself)"
    )
    trend_uncertain: bool | None = Field(
        description="The range trend_slope_low…trend_slope_high includes zero"
    )
    trend_cumulative_t: float | None
    carbon_law_cumulative_t: float | None
    gap_t: float | None
    gap_share_pct: float | None
    trend_leaves_pathway_year: int | None
    required_rate_pct: float | None
    remaining_budget_t: float | None
    remaining_budget_rate_pct: float | None
    trend_zero_date: str | None


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
    #: Who, in the caller's language (``by`` names the command line as ``cli:<user>``).
    by_text: str
    action: str
    #: The message code and its parameters (numbers, names and codes of kinds).
    message: str
    params: dict[str, object]
    #: What happened, in English (as the entry was written).
    summary: str
    #: What happened, in the caller's language.
    text: str
    changes: dict[str, list[object]]
