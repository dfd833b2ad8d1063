"""Request and response shapes of the follow-up API."""

import datetime
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field

from klimatlaget.api.schemas import Year, one_of
from klimatlaget.measures.choices import MeasureStatus

#: A period's quarter: 1–4, or 0 for the whole year.
Quarter = Annotated[int, Field(ge=0, le=4, description="1–4, or 0 for the whole year")]
_VERSION = Field(None, description="The version edited; a stale one gets 409")


class PeriodIn(Schema):
    year: Year
    quarter: Quarter = 0


class ApproveIn(Schema):
    version: int | None = _VERSION


class MeasureReportIn(Schema):
    """The values to set; a field left out is left as it is. Sent unchanged, it confirms the
    report (a period is approved once every measure is reported on)."""

    status: str | None = one_of(MeasureStatus.values)
    completion_pct: Annotated[int, Field(ge=0, le=100)] | None = None
    spent_sek: Annotated[float, Field(ge=0, le=1e15)] | None = None
    achieved_reduction_t: Annotated[float, Field(ge=0, le=1e12)] | None = None
    comment: str | None = Field(None, max_length=4000)
    version: int | None = _VERSION


class IndicatorReportIn(Schema):
    value: Annotated[float, Field(ge=-1e15, le=1e15)] | None = None
    comment: str | None = Field(None, max_length=4000)
    version: int | None = _VERSION


class MeasureReportOut(Schema):
    report_id: int
    measure_id: int | None
    code: str
    title: str
    sector: str
    status: str
    completion_pct: int | None
    spent_sek: int | None
    budget_sek: int | None = Field(description="The measure's budget, to compare")
    achieved_reduction_t: float | None
    expected_reduction_t: float | None = Field(description="The measure's expected reduction")
    comment: str
    filled_by: str
    filled_at: str | None
    version: int


class IndicatorReportOut(Schema):
    report_id: int
    indicator_id: int | None
    name: str
    unit: str
    value: float | None
    comment: str
    filled_by: str
    filled_at: str | None
    version: int


class PeriodOut(Schema):
    organisation_code: str
    year: int
    quarter: int
    label: str
    state: str = Field(description="open (being filled in) or approved (locked)")
    measures: int = Field(description="How many measures the period reports on")
    reported: int = Field(description="How many of them are reported on")
    prepared_at: datetime.datetime
    prepared_by: str
    approved_at: datetime.datetime | None
    approved_by: str
    url: str
    version: int


class PeriodDetail(PeriodOut):
    measure_reports: list[MeasureReportOut]
    indicator_reports: list[IndicatorReportOut]


class FollowUpInvalidOut(Schema):
    detail: str
    errors: dict[str, Any]
