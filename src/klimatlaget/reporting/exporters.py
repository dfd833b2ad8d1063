"""The exporters that report the platform's facts to other platforms (see
:mod:`klimatlaget.exports.registry`)."""

from django.utils.translation import gettext_lazy as _

from klimatlaget.accounts.permissions import User
from klimatlaget.exports.registry import Exporter, ExportFormat, register
from klimatlaget.organisations.models import Organisation, OrganisationKind
from klimatlaget.reporting import cdp, gpc

#: The organisations with emissions: municipalities, and counties and Sweden as their sums.
GEOGRAPHIC = (OrganisationKind.MUNICIPALITY, OrganisationKind.COUNTY, OrganisationKind.NATION)


def geographic(user: User, organisation: Organisation | None) -> bool:
    """Public data: anyone may run it, for an organisation with emissions."""
    return organisation is not None and organisation.kind in GEOGRAPHIC


INVENTORY_GPC = register(
    Exporter(
        name="inventory-gpc",
        title=_("Emission inventory (GPC)"),
        description=_(
            "SMHI's emissions of a year in the sectors, sub-sectors and scopes of the Global "
            "Protocol for Community-Scale GHG Inventories, with notation keys and what could "
            "not be placed"
        ),
        formats=(ExportFormat.CSV, ExportFormat.JSON, ExportFormat.XLSX),
        write=gpc.write,
        may_run=geographic,
    )
)

CDP_ICLEI_TRACK = register(
    Exporter(
        name="cdp-iclei-track",
        title=_("CDP-ICLEI Track"),
        description=_(
            "Governance, climate risk, the GPC inventory, targets with their 1.5 °C verdict, "
            "plans and actions, each answer with its source in the platform"
        ),
        formats=(ExportFormat.XLSX, ExportFormat.JSON),
        write=cdp.write,
        may_run=geographic,
        platform=cdp.PLATFORM,
    )
)
