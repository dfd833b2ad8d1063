"""Request and response shapes of the plans, measures and indicators API."""

import datetime
from decimal import Decimal

from ninja import Schema
from pydantic import Field

from klimatlaget.api.schemas import Id, Year, one_of
from klimatlaget.measures.choices import (
    SECTORS,
    Direction,
    Hazard,
    IndicatorSource,
    MeasureStatus,
    MeasureType,
    PlanKind,
    PlanStatus,
)

_VERSION = Field(None, description="The version edited; a stale one gets 409")
_SECTOR_NAMES = [name for name, _label in SECTORS]


class PlanIn(Schema):
    title: str = Field(..., max_length=200)
    kind: str = one_of(PlanKind.values, default=PlanKind.MITIGATION.value)
    status: str = one_of(PlanStatus.values, default=PlanStatus.DRAFT.value)
    adopted_on: datetime.date | None = None
    adopted_by: str = Field("", max_length=200)
    period_from: Year | None = None
    period_to: Year | None = None
    source: str = Field("", max_length=500, description="The document's address or name")
    version_label: str = Field("", max_length=50)
    replaces_id: Id | None = Field(None, description="The plan this version replaces")
    interim_target_ids: list[Id] = Field(default_factory=list)
    quoted: bool = Field(False, description="The plan is quoted from its source document")
    notes: str = Field("", max_length=4000)
    version: int | None = _VERSION


class PlanOut(Schema):
    id: int
    organisation_code: str
    title: str
    kind: str
    status: str
    adopted_on: datetime.date | None
    adopted_by: str
    period_from: int | None
    period_to: int | None
    source: str
    version_label: str
    replaces_id: int | None
    interim_target_ids: list[int]
    quoted: bool
    notes: str
    in_force: bool
    version: int


class MeasureIn(Schema):
    code: str = Field(..., min_length=1, max_length=30)
    title: str = Field(..., min_length=1, max_length=200)
    description: str = Field("", max_length=4000)
    plan_id: Id | None = None
    sector: str = one_of(_SECTOR_NAMES, default=...)
    type: str = one_of(MeasureType.values, default=...)
    responsible_unit: str = Field("", max_length=200)
    responsible_person: str = Field("", max_length=200)
    partners: list[str] = Field(default_factory=list)
    start_year: Year | None = None
    end_year: Year | None = None
    status: str = one_of(MeasureStatus.values, default=MeasureStatus.PROPOSED.value)
    status_set_on: datetime.date | None = Field(None, description="When the status was set")
    expected_reduction_t: float | None = Field(None, description="t CO2e a year vs. BAU")
    expected_low_t: float | None = None
    expected_high_t: float | None = None
    effect_year: Year | None = None
    method_note: str = Field("", max_length=4000)
    energy_saved_mwh: float | None = None
    renewable_mwh: float | None = None
    hazard: str = one_of(["", *Hazard.values], default="")
    budget_sek: Decimal | None = Field(None, ge=0, max_digits=15, decimal_places=0)
    budget_by_year: dict[str, float] = Field(default_factory=dict, description='{"2026": 1e6}')
    co_benefits: list[str] = Field(default_factory=list)
    target_ids: list[Id] = Field(default_factory=list)
    indicator_ids: list[Id] = Field(default_factory=list)
    source: str = Field("", max_length=500)
    quoted: bool = False
    version: int | None = _VERSION


class MeasureStatusOut(Schema):
    status: str
    set_on: datetime.date


class MeasureOut(Schema):
    id: int
    organisation: str
    plan_id: int | None
    code: str
    title: str
    description: str
    sector: str
    type: str
    responsible: str
    responsible_person: str
    partners: list[str]
    status: str
    status_history: list[MeasureStatusOut]
    start_year: int | None
    end_year: int | None
    expected_reduction_t: float | None
    expected_reduction_low_t: float | None
    expected_reduction_high_t: float | None
    effect_year: int | None
    method_note: str
    energy_saved_mwh: float | None
    renewable_mwh: float | None
    hazard: str
    budget_sek: int | None
    budget_by_year: dict[str, float]
    co_benefits: list[str]
    target_ids: list[int]
    indicator_ids: list[int]
    source: str
    quoted: bool
    version: int


class IndicatorIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    unit: str = Field(..., min_length=1, max_length=50)
    definition: str = Field("", max_length=4000)
    direction: str = one_of(Direction.values, default=Direction.DOWN.value)
    source_kind: str = one_of(IndicatorSource.values, default=IndicatorSource.MANUAL.value)
    sector: str = one_of(["", *_SECTOR_NAMES], default="")
    target_values: dict[str, float] = Field(default_factory=dict, description='{"2030": 2.5}')
    measure_ids: list[Id] = Field(default_factory=list)
    target_ids: list[Id] = Field(default_factory=list)
    version: int | None = _VERSION


class IndicatorValueOut(Schema):
    id: int | None = Field(description="None for a computed value")
    year: int
    quarter: int = Field(description="1–4, or 0 for the whole year")
    period: str
    value: float
    entered_by: str
    computed: bool


class IndicatorOut(Schema):
    id: int
    organisation_code: str
    name: str
    unit: str
    definition: str
    direction: str
    source_kind: str
    sector: str
    target_values: dict[str, float]
    measure_ids: list[int]
    target_ids: list[int]
    values: list[IndicatorValueOut]
    version: int


class IndicatorValueIn(Schema):
    year: Year
    quarter: int = Field(0, ge=0, le=4, description="1–4, or 0 for the whole year")
    value: float


class MeasureInvalidOut(Schema):
    detail: str
    errors: dict[str, list[str]]


class QuotaIn(Schema):
    unit: str = Field(..., min_length=1, max_length=200, description="A committee or company")
    year: Year
    quota_t: float = Field(..., ge=0, description="The year's quota, t CO2e")
    version: int | None = _VERSION


class QuotaOutcomeIn(Schema):
    quarter: int = Field(0, ge=0, le=4, description="1–4, or 0 for the whole year")
    outcome_t: float | None = Field(
        ..., ge=0, description="The period's emissions, t CO2e; null removes the figure"
    )
    version: int | None = Field(
        None, description="The quota's version read; a change of this period since gets 409"
    )


class QuotaOutcomeOut(Schema):
    quarter: int = Field(description="1–4, or 0 for the whole year")
    period: str
    outcome_t: float
    entered_by: str


class QuotaOut(Schema):
    id: int
    organisation_code: str
    unit: str
    year: int
    quota_t: float
    outcomes: list[QuotaOutcomeOut]
    outcome_t: float | None = Field(
        description="The year's emissions so far: the whole-year figure, else the quarters' sum"
    )
    periods: int = Field(description="How many quarters the outcome covers")
    used_pct: float | None = Field(description="The outcome in per cent of the quota")
    light: str = Field(description="green, amber or red; empty without an outcome")
    remaining_t: float | None
    version: int
