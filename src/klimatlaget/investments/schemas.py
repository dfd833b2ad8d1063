"""Request and response shapes of the climate investment plans API."""

import datetime
from decimal import Decimal
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field

from klimatlaget.api.schemas import Id, Year, one_of
from klimatlaget.investments.choices import (
    Actor,
    CoBenefit,
    FundingSource,
    FundingStatus,
    InvestmentPlanStatus,
    Scope,
)
from klimatlaget.measures.choices import SECTORS

_VERSION = Field(None, description="The version edited; a stale one gets 409")
#: An amount in SEK (at most ten thousand billion).
Amount = Annotated[float, Field(ge=0, le=1e13)]
ByYear = dict[str, Amount]
_BY_YEAR: Any = Field(default_factory=dict, description='Year (e.g. "2026") → SEK')


class InvestmentPlanIn(Schema):
    title: str = Field("", max_length=200)
    year: Year
    version_number: int | None = Field(
        None, ge=1, le=999, description="The next free number of the year when not given"
    )
    replaces_id: Id | None = Field(None, description="The version this one replaces")
    horizon_from: Year
    horizon_to: Year
    scope: str = one_of(Scope.values, default=Scope.MUNICIPAL_ORGANISATION.value)
    status: str = one_of(InvestmentPlanStatus.values, default=InvestmentPlanStatus.DRAFT.value)
    adopted_on: datetime.date | None = None
    source: str = Field("", max_length=500, description="The document's address or name")
    discount_rate_percent: Decimal = Field(
        Decimal("3.5"), ge=0, le=20, decimal_places=2, description="Real discount rate, %"
    )
    quoted: bool = Field(False, description="The plan is quoted from its source document")
    notes: str = Field("", max_length=4000, description="What the source leaves open")
    version: int | None = _VERSION


class PlanFiguresOut(Schema):
    capex_sek: float
    own_sek: float
    own_share: float | None
    funding_gap_sek: float
    funding_gap_by_year: dict[str, float]
    capex_by_actor: dict[str, float]
    capex_by_sector: dict[str, float]
    capex_by_funding_source: dict[str, float]
    capex_by_funding_status: dict[str, float]
    reduction_t: float
    sek_per_t: float | None
    sek_per_t_with_co_benefits: float | None


class InvestmentPlanOut(Schema):
    id: int
    organisation_code: str
    title: str
    year: int
    version_number: int
    replaces_id: int | None
    horizon_from: int
    horizon_to: int
    scope: str
    status: str
    adopted_on: datetime.date | None
    source: str
    discount_rate_percent: Decimal
    quoted: bool
    notes: str
    version: int
    figures: PlanFiguresOut | None = None


class InvestmentLineIn(Schema):
    measure_id: Id | None = Field(None, description="The measure the line invests in")
    group_name: str = Field("", max_length=200, description="A system shift's name")
    title: str = Field("", max_length=200, description="The measure's title when empty")
    actor: str = one_of(Actor.values)
    capex_by_year: ByYear = _BY_YEAR
    opex_by_year: ByYear = _BY_YEAR
    savings_by_year: ByYear = _BY_YEAR
    lifetime_years: int | None = Field(None, ge=1, le=100)
    funding_source: str = one_of(FundingSource.values)
    funding_status: str = one_of(FundingStatus.values)
    beneficiary: str = Field("", max_length=200)
    payer: str = Field("", max_length=200)
    co_benefits_sek: dict[str, Amount] = Field(
        default_factory=dict,
        description="Kind (" + ", ".join(CoBenefit.values) + ") → SEK a year",
    )
    co_benefits_named: list[Annotated[str, Field(max_length=200)]] = Field(
        default_factory=list, max_length=50
    )
    reduction_t: float | None = Field(
        None, ge=0, le=1e9, description="Overrides the measure's reduction (give a reason)"
    )
    reduction_reason: str = Field("", max_length=500)
    sector: str = one_of([name for name, _label in SECTORS], default="")
    effect_year: Year | None = None
    version: int | None = _VERSION


class InvestmentLineOut(Schema):
    id: int
    plan_id: int
    key: str
    measure_id: int | None
    group_name: str
    title: str
    actor: str
    capex_by_year: dict[str, float]
    opex_by_year: dict[str, float]
    savings_by_year: dict[str, float]
    lifetime_years: int | None
    funding_source: str
    funding_status: str
    beneficiary: str
    payer: str
    co_benefits_sek: dict[str, float]
    co_benefits_named: list[str]
    reduction_t: float | None
    reduction_reason: str
    sector: str
    effect_year: int | None
    expected_reduction_t: float | None
    effective_sector: str
    effective_effect_year: int | None
    annual_cost_sek: float | None
    sek_per_t: float | None
    sek_per_t_with_co_benefits: float | None
    not_applicable: str | None
    version: int


class LineVersionOut(Schema):
    line_id: int
    plan_id: int
    version_number: int


class InvestmentLineDetailOut(InvestmentLineOut):
    """A line with the figures of its page: the abatement cost's steps and its place on the
    plan's cost curve."""

    capex_sek: float
    discount_rate: float = Field(description="The plan's real discount rate, a fraction")
    annuity_factor: float | None = Field(description="None without a lifetime")
    annual_capex_sek: float | None
    annual_opex_sek: float = Field(description="The mean of the years entered")
    annual_savings_sek: float = Field(description="The mean of the years entered")
    co_benefits_sek_a_year: float
    curve_rank: int | None = Field(description="1 for the cheapest; None when not on the curve")
    curve_count: int
    other_versions: list[LineVersionOut] = Field(description="The same line (key) elsewhere")


class ComparisonOut(Schema):
    old_plan_id: int
    new_plan_id: int
    added: list[str] = Field(description="Keys of lines only in the new version")
    removed: list[str] = Field(description="Keys of lines only in the old version")
    changed: dict[str, dict[str, list[Any]]] = Field(description="Line key → field → [old, new]")
    unchanged: list[str]


class InvestmentInvalidOut(Schema):
    detail: str
    errors: dict[str, list[str]]
