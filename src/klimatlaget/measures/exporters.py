"""The measures' registered exporters: an organisation's register of measures and its units'
emission quotas (what ``klimatlaget export measures`` and ``quotas`` write)."""

from django.utils.translation import gettext_lazy as _

from klimatlaget.accounts.permissions import anyone
from klimatlaget.emissions.exporters import TABLES
from klimatlaget.exports.registry import Exporter, ExportFile, ExportRequest, register, table_file


def _measures(request: ExportRequest) -> ExportFile:
    from klimatlaget.measures.register import COLUMNS, measures_of, table_rows

    assert request.organisation is not None
    rows = table_rows(measures_of(request.organisation))
    return table_file(f"{request.organisation.code}-measures", rows, COLUMNS, request.format)


def _quotas(request: ExportRequest) -> ExportFile:
    from klimatlaget.measures.quota_table import COLUMNS, quotas_of, table_rows

    assert request.organisation is not None
    rows = table_rows(list(quotas_of(request.organisation, request.year)))
    stem = f"{request.organisation.code}-quotas" + (f"-{request.year}" if request.year else "")
    return table_file(stem, rows, COLUMNS, request.format)


register(
    Exporter(
        name="measures",
        title=_("Measures"),
        description=_("The register of measures: each with its sector, status, cost and effect."),
        formats=TABLES,
        write=_measures,
        may_run=anyone,
        needs_year=False,
    )
)
register(
    Exporter(
        name="quotas",
        title=_("Emission quotas"),
        description=_(
            "The units' emission quotas and their emissions by quarter (of the year when one "
            "is given, else of every year)."
        ),
        formats=TABLES,
        write=_quotas,
        may_run=anyone,
        needs_year=False,
    )
)
