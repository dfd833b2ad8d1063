"""The energy app's exporters: the EU Covenant of Mayors workbook.

Everything the workbook holds (targets, measures, emissions and the energy inventory) is public
on the platform, so anyone may run it for any organisation, as anyone may read those pages."""

from django.utils.translation import gettext_lazy as _

from klimatlaget.accounts.permissions import User
from klimatlaget.energy import covenant
from klimatlaget.exports.registry import (
    Exporter,
    ExportFile,
    ExportFormat,
    ExportRequest,
    register,
)
from klimatlaget.organisations.models import Organisation


def _write(request: ExportRequest) -> ExportFile:
    if request.organisation is None or request.year is None:
        raise ValueError("The Covenant of Mayors workbook needs an organisation and a year")
    return ExportFile(
        covenant.covenant_xlsx(request.organisation, request.year),
        covenant.file_name(request.organisation, request.year),
        ExportFormat.XLSX,
    )


def _public(user: User, organisation: Organisation | None) -> bool:
    return organisation is not None


COVENANT_OF_MAYORS = register(
    Exporter(
        name="covenant-of-mayors",
        title=_("EU Covenant of Mayors"),
        description=_(
            "Strategy, baseline and monitoring emission inventories and actions in the layout "
            "of the Covenant's SECAP reporting template."
        ),
        formats=(ExportFormat.XLSX,),
        write=_write,
        may_run=_public,
        platform="covenant",
    )
)
