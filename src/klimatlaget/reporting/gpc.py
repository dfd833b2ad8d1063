"""An organisation's emission inventory of a year in the GPC's shape (:mod:`klimatlaget.calc.gpc`),
as a table (CSV), a document (JSON) and a workbook. Counties and Sweden are the sums of their
municipalities, as everywhere (docs/METHOD.md#aggregation). The table's ``tco2e`` column adds up to
SMHI's total for the year: the GPC rows first, then what the mapping could not place."""

from typing import Any

from openpyxl import Workbook

from klimatlaget.calc.gpc import (
    MAPPING,
    SECTORS,
    SUB_SECTORS,
    GpcInventory,
    GpcRow,
    Unplaced,
    gpc_inventory,
)
from klimatlaget.emissions.dataset import load_dataset
from klimatlaget.exports import workbook
from klimatlaget.exports.columns import Column
from klimatlaget.exports.registry import ExportFile, ExportFormat, ExportRequest
from klimatlaget.exports.tabular import TableFormat, write_document, write_table
from klimatlaget.organisations.models import Organisation

STANDARD = "gpc"
SOURCE = "SMHI, Nationella emissionsdatabasen"
#: The ``row_kind`` of the table's rows.
GPC_ROW, UNPLACED_ROW = "gpc", "unplaced"

COLUMNS = [
    Column("row_kind"),
    Column("gpc_ref", width=9),
    Column("sector", width=24),
    Column("sub_sector", width=36),
    Column.integer("scope"),
    Column.decimal("tco2e", 1),
    Column("notation_key", width=8),
    Column("smhi_sectors", width=36),
    Column("explanation", width=50),
]


class NoEmissions(LookupError):
    """The organisation has no emissions for the year asked."""


def emission_years(organisation: Organisation) -> list[int]:
    series = load_dataset().get(organisation.code)
    return sorted(series.total) if series else []


def inventory_for(organisation: Organisation, year: int) -> GpcInventory:
    series = load_dataset().get(organisation.code)
    if series is None or year not in series.total:
        raise NoEmissions(f"{organisation.code} has no emissions for {year}.")
    sectors = {name: values[year] for name, values in series.sectors.items() if year in values}
    return gpc_inventory(year, sectors, series.total[year])


def gpc_row(row: GpcRow) -> dict[str, Any]:
    reference = row.reference
    return {
        "row_kind": GPC_ROW,
        "gpc_ref": reference.ref,
        "sector": SECTORS[reference.sector],
        "sub_sector": SUB_SECTORS[reference.sub_sector],
        "scope": reference.scope,
        "tco2e": row.tco2e,
        "notation_key": row.notation.value if row.notation else "",
        "smhi_sectors": " | ".join(row.smhi_sectors),
        "explanation": row.explanation,
    }


def unplaced_row(item: Unplaced) -> dict[str, Any]:
    return {
        "row_kind": UNPLACED_ROW,
        "gpc_ref": "",
        "sector": "",
        "sub_sector": "",
        "scope": None,
        "tco2e": item.tco2e,
        "notation_key": "",
        "smhi_sectors": item.smhi_sector,
        "explanation": f"Not placed: {item.reason}.",
    }


def table_rows(inventory: GpcInventory) -> list[dict[str, Any]]:
    """The GPC rows, then the unplaced ones: their ``tco2e`` adds up to SMHI's total."""
    return [*map(gpc_row, inventory.rows), *map(unplaced_row, inventory.unplaced)]


def totals(inventory: GpcInventory) -> dict[str, float]:
    return {
        "total_t": inventory.total_t,
        "smhi_total_t": inventory.smhi_total_t,
        "scope_1_t": inventory.scope_t(1),
        "scope_2_t": inventory.scope_t(2),
        "scope_3_t": inventory.scope_t(3),
        "unplaced_t": inventory.unplaced_t,
    }


def mapping_rows() -> list[dict[str, str]]:
    return [
        {"smhi_sector": sector, "gpc_ref": placement.ref, "why": placement.why}
        for sector, placement in MAPPING.items()
    ]


def document(organisation: Organisation, inventory: GpcInventory) -> dict[str, Any]:
    return {
        "organisation": {"code": organisation.code, "name": organisation.name},
        "year": inventory.year,
        "standard": STANDARD,
        "source": SOURCE,
        "unit": "t CO2e",
        "totals": totals(inventory),
        "rows": [gpc_row(row) for row in inventory.rows],
        "unplaced": [
            {"smhi_sector": item.smhi_sector, "tco2e": item.tco2e, "reason": item.reason}
            for item in inventory.unplaced
        ],
        "mapping": mapping_rows(),
    }


def add_sheets(book: Workbook, organisation: Organisation, inventory: GpcInventory) -> None:
    """The inventory's sheets: the GPC table with the unplaced rows, and the totals with the
    mapping (a workbook of its own, or part of another platform's workbook)."""
    table = book.create_sheet(f"GPC {inventory.year}")
    workbook.write_table(table, table_rows(inventory), COLUMNS)
    summary = book.create_sheet(f"GPC {inventory.year} totals")
    workbook.append_row(
        summary, [f"{organisation.name} ({organisation.code}), {inventory.year}"], workbook.BOLD
    )
    workbook.append_row(summary, ["source", SOURCE])
    for key, value in totals(inventory).items():
        workbook.append_row(summary, [key, value], formats=[None, "#,##0.0"])
    workbook.append_row(summary, [])
    workbook.append_row(summary, ["smhi_sector", "gpc_ref", "why"], workbook.BOLD)
    for row in mapping_rows():
        workbook.append_row(summary, list(row.values()))
    summary.column_dimensions["A"].width = 40
    summary.column_dimensions["C"].width = 80
    workbook.set_up_printing(summary, title_rows=0)


def xlsx(organisation: Organisation, inventory: GpcInventory) -> bytes:
    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    add_sheets(book, organisation, inventory)
    return workbook.save(book)


def write(request: ExportRequest) -> ExportFile:
    """The ``inventory-gpc`` exporter."""
    organisation, year = request.organisation, request.year
    if organisation is None or year is None:
        raise ValueError("The GPC inventory is of one organisation and one year.")
    inventory = inventory_for(organisation, year)
    name = f"gpc-inventory-{organisation.code}-{year}"
    if request.format == ExportFormat.JSON:
        content = write_document(document(organisation, inventory))
    elif request.format == ExportFormat.XLSX:
        content = xlsx(organisation, inventory)
    else:
        content = write_table(table_rows(inventory), COLUMNS, TableFormat.CSV)
    return ExportFile(content, f"{name}.{request.format.value}", request.format)
