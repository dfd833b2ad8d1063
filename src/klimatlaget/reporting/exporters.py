"""The exporters that report the platform's facts to other platforms (see
:mod:`klimatlaget.exports.registry`)."""

from django.utils.translation import gettext_lazy as _

from klimatlaget.accounts.permissions import User, anyone
from klimatlaget.exports.columns import Column
from klimatlaget.exports.registry import (
    Exporter,
    ExportFile,
    ExportFormat,
    ExportRequest,
    InvalidRequest,
    register,
    table_file,
)
from klimatlaget.organisations.models import Organisation, OrganisationKind
from klimatlaget.reporting import cdp, gpc
from klimatlaget.reporting.readiness import readiness

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


READINESS_COLUMNS = [
    Column("platform"),
    Column("platform_level"),
    Column("item"),
    Column("wording", width=50),
    Column("required"),
    Column("fact"),
    Column("question"),
    Column("status"),
    Column.year("as_of"),
    Column("where_to_fill_in", width=30),
]


def _write_readiness(request: ExportRequest) -> ExportFile:
    organisation, year = request.organisation, request.year
    if organisation is None or year is None:
        raise InvalidRequest("Readiness is of one organisation and one year.")
    rows = [
        {
            "platform": platform.profile.key,
            "platform_level": platform.level.value,
            "item": row.item.id,
            "wording": row.item.wording,
            "required": row.item.required,
            "fact": row.item.fact,
            "question": row.item.question,
            "status": row.status.value,
            "as_of": row.as_of,
            "where_to_fill_in": row.url,
        }
        for platform in readiness(organisation, year)
        for row in platform.items
    ]
    stem = f"reporting-readiness-{organisation.code}-{year}"
    return table_file(stem, rows, READINESS_COLUMNS, request.format, title="Readiness")


READINESS = register(
    Exporter(
        name="reporting-readiness",
        title=_("Readiness to report"),
        description=_(
            "For every platform the organisation reports to, each item it asks: answered, "
            "stale or missing, and where to fill it in"
        ),
        formats=(ExportFormat.CSV, ExportFormat.XLSX, ExportFormat.JSON),
        write=_write_readiness,
        may_run=anyone,
    )
)
