"""The open data package as a registered exporter: ``open-data`` writes the zip file of the
package (``datapackage.json`` and a CSV per table)."""

from django.utils.translation import gettext_lazy as _

from klimatlaget.accounts.permissions import User
from klimatlaget.exports.registry import (
    Exporter,
    ExportFile,
    ExportFormat,
    ExportRequest,
    Scope,
    register,
)
from klimatlaget.opendata.package import NAME, open_data_package
from klimatlaget.organisations.models import Organisation


def _write(request: ExportRequest) -> ExportFile:
    # The same public package for every reader: it holds nothing a visitor may not read.
    return ExportFile(open_data_package().zip, f"{NAME}-open-data.zip", ExportFormat.ZIP)


def _anyone(user: User, organisation: Organisation | None) -> bool:
    return organisation is None


OPEN_DATA = register(
    Exporter(
        name="open-data",
        title=_("Open data"),
        description=_(
            "The public tables (organisations, emissions, key figures, targets with verdicts, "
            "measures, investment totals, contracts' sections) as a Frictionless data package."
        ),
        formats=(ExportFormat.ZIP,),
        write=_write,
        may_run=_anyone,
        scope=Scope.PLATFORM,
        needs_year=False,
    )
)
