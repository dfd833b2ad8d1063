"""The budgets' registered exporters: an organisation's emissions budget and outcome of a
year, and the nowcast's backtest (what ``klimatlaget export budget`` and ``nowcast-backtest``
write)."""

from django.utils.translation import gettext_lazy as _

from klimatlaget.accounts.permissions import anyone
from klimatlaget.emissions.exporters import TABLES
from klimatlaget.exports.registry import (
    Exporter,
    ExportFile,
    ExportRequest,
    Scope,
    register,
    table_file,
)


def _budget(request: ExportRequest) -> ExportFile:
    from klimatlaget.budgets.lines import EXPORT_COLUMNS
    from klimatlaget.budgets.report import budget_report
    from klimatlaget.emissions.metrics import parameters

    assert request.organisation is not None and request.year is not None
    report = budget_report(request.organisation, request.year, parameters())
    stem = f"{request.organisation.code}-budget-{request.year}"
    return table_file(stem, report.export_rows(), EXPORT_COLUMNS, request.format, "budget")


def _backtest(request: ExportRequest) -> ExportFile:
    from klimatlaget.budgets.backtest import EXPORT_COLUMNS, backtest_rows

    rows = backtest_rows()
    return table_file("nowcast-backtest", rows, EXPORT_COLUMNS, request.format, "nowcast-backtest")


register(
    Exporter(
        name="budget",
        title=_("Emissions budget and outcome"),
        description=_(
            "The year's emissions budget by sector and quarter beside the outcome (SMHI's "
            "figures, else the nowcast)."
        ),
        formats=TABLES,
        write=_budget,
        may_run=anyone,
    )
)
register(
    Exporter(
        name="nowcast-backtest",
        title=_("The nowcast's backtest"),
        description=_("Every nowcast of past years against SMHI's figure."),
        formats=TABLES,
        write=_backtest,
        may_run=anyone,
        scope=Scope.PLATFORM,
        needs_year=False,
    )
)
