"""A plan's exports through the API: the finance workbook and the NetZeroCities cost summary
(JSON, or CSV with ``?format=csv``). Plans are public: anyone may read them."""

from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from klimatlaget.api.openapi import file_download
from klimatlaget.api.schemas import ErrorOut
from klimatlaget.exports.responses import XLSX, csv_response, xlsx_response
from klimatlaget.investments import netzerocities, workbook
from klimatlaget.investments.figures import PlanFigures, plan_figures
from klimatlaget.investments.models import InvestmentPlan

router = Router(tags=["investments"])


class NetZeroCitiesRowOut(Schema):
    line_id: int
    action: str
    responsible: str
    start_year: int | None
    end_year: int | None
    field: str
    impact_t_co2e_per_year: float | None
    total_cost_sek: int


def _figures(plan_id: int) -> PlanFigures:
    plan = get_object_or_404(InvestmentPlan.objects.select_related("organisation"), pk=plan_id)
    return plan_figures(plan)


@router.get(
    "/investment-plans/{plan_id}/workbook",
    response={404: ErrorOut},
    openapi_extra=file_download(XLSX, "The plan as a workbook for finance"),
)
def investment_plan_workbook(request: HttpRequest, plan_id: int) -> Any:
    """The plan as an Excel workbook: summary, lines, by year (with the lines × years matrix)
    and the NetZeroCities cost summary, with native charts."""
    figures = _figures(plan_id)
    return xlsx_response(workbook.plan_xlsx(figures), f"{workbook.file_stem(figures)}.xlsx")


@router.get(
    "/investment-plans/{plan_id}/netzerocities",
    response={200: list[NetZeroCitiesRowOut], 404: ErrorOut},
)
def investment_plan_netzerocities(
    request: HttpRequest, plan_id: int, format: Literal["json", "csv"] = "json"
) -> Any:
    """The plan's lines as the NetZeroCities investment plan's cost summary: action,
    responsible, start and end year, field of action, impact (t CO2e a year), total cost (SEK:
    capital expenditure plus operating cost). Choices by their labels in the caller's
    language."""
    figures = _figures(plan_id)
    rows = netzerocities.rows(figures)
    if format == "csv":
        return csv_response(
            f"{workbook.file_stem(figures)}-netzerocities", rows, netzerocities.COLUMNS
        )
    return rows
