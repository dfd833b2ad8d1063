"""The emissions' registered exporters: an organisation's emissions by sector, and the key
figures of every organisation (what ``klimatlaget export metrics`` writes)."""

from django.utils.translation import gettext_lazy as _

from klimatlaget.accounts.permissions import anyone
from klimatlaget.exports.registry import (
    Exporter,
    ExportFile,
    ExportFormat,
    ExportRequest,
    Scope,
    register,
    table_file,
)

TABLES = (ExportFormat.CSV, ExportFormat.XLSX, ExportFormat.JSON)


def _emissions(request: ExportRequest) -> ExportFile:
    from klimatlaget.emissions.series import sector_rows

    assert request.organisation is not None
    code = request.organisation.code
    rows = sector_rows(code)
    return table_file(
        f"{code}-emissions-by-sector", rows, ["year", "sector", "tco2e"], request.format
    )


def _metrics(request: ExportRequest) -> ExportFile:
    from klimatlaget.emissions.metrics import EXPORT_COLUMNS, metrics_rows, parameters

    rows = metrics_rows(parameters(), None)
    return table_file("metrics", rows, EXPORT_COLUMNS, request.format, title="metrics")


register(
    Exporter(
        name="emissions",
        title=_("Emissions by sector"),
        description=_("SMHI's emissions of every year by sector, in tonnes of CO2e."),
        formats=TABLES,
        write=_emissions,
        may_run=anyone,
        needs_year=False,
    )
)
register(
    Exporter(
        name="metrics",
        title=_("Key figures of every organisation"),
        description=_(
            "One row per municipality, county and the nation: emissions, trends, the Carbon "
            "Law pathway and its budget."
        ),
        formats=TABLES,
        write=_metrics,
        may_run=anyone,
        scope=Scope.PLATFORM,
        needs_year=False,
    )
)
