"""The investment plans' registered exporters: the latest version of an organisation's plan of
a year as its lines (CSV), the whole plan (JSON) or the finance workbook, and its NetZeroCities
cost summary (what ``klimatlaget export investment-plan`` writes). Plans are public."""

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from klimatlaget.accounts.permissions import anyone
from klimatlaget.emissions.exporters import TABLES
from klimatlaget.exports.registry import (
    Exporter,
    ExportFile,
    ExportFormat,
    ExportRequest,
    NothingToExport,
    register,
    table_file,
)

if TYPE_CHECKING:
    from klimatlaget.investments.figures import PlanFigures


def _figures(request: ExportRequest) -> "PlanFigures":
    from klimatlaget.investments.figures import plan_figures
    from klimatlaget.investments.models import InvestmentPlan

    assert request.year is not None  # the exporter needs a year: run_export checked it
    plans = InvestmentPlan.objects.filter(organisation=request.organisation, year=request.year)
    plan = plans.select_related("organisation").order_by("-version_number").first()
    if plan is None:
        raise NothingToExport(f"No investment plan of {request.year}")
    return plan_figures(plan)


def _plan(request: ExportRequest) -> ExportFile:
    from klimatlaget.exports.tabular import write_document
    from klimatlaget.investments import workbook
    from klimatlaget.investments.document import plan_document
    from klimatlaget.investments.figures import COLUMNS, table_rows

    figures = _figures(request)
    stem = workbook.file_stem(figures)
    if request.format == ExportFormat.XLSX:
        return ExportFile(workbook.plan_xlsx(figures), f"{stem}.xlsx", request.format)
    if request.format == ExportFormat.JSON:
        content = write_document(plan_document(figures))
        return ExportFile(content, f"{stem}.json", request.format)
    return table_file(stem, table_rows(figures, figures.lines), COLUMNS, request.format)


def _netzerocities(request: ExportRequest) -> ExportFile:
    from klimatlaget.investments import netzerocities, workbook

    figures = _figures(request)
    stem = f"{workbook.file_stem(figures)}-netzerocities"
    rows = netzerocities.rows(figures)
    return table_file(stem, rows, netzerocities.COLUMNS, request.format, "NetZeroCities")


register(
    Exporter(
        name="investment-plan",
        title=_("Climate investment plan"),
        description=_(
            "The latest version of the year's plan: its lines (CSV), the whole plan (JSON) or "
            "the workbook for finance."
        ),
        formats=TABLES,
        write=_plan,
        may_run=anyone,
    )
)
register(
    Exporter(
        name="investment-plan-netzerocities",
        title=_("Investment plan: cost summary"),
        description=_(
            "The plan's lines as the NetZeroCities investment plan's cost summary: action, "
            "responsible, years, field of action, impact and total cost."
        ),
        formats=TABLES,
        write=_netzerocities,
        may_run=anyone,
        platform="netzerocities",
    )
)
