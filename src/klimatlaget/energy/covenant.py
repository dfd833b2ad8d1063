"""The EU Covenant of Mayors workbook: an organisation's strategy (its targets), its baseline and
monitoring emission inventories and its actions (measures), in the layout of the Covenant's
SECAP reporting template (MyCovenant's sections Strategy, Emission inventories and Actions).

The inventories come from the energy inventory (SCB's final energy use × the emission factors of
:mod:`klimatlaget.calc.energy`) where the organisation has one for the year, and otherwise from
SMHI's emissions by main sector (emissions only: no energy is invented). The workbook is in
English, as MyCovenant is. Everything in it is public on the platform.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from klimatlaget.calc.energy import (
    CARRIERS,
    COVENANT_CARRIER_OF,
    COVENANT_CARRIERS,
    COVENANT_SECTOR_OF_SMHI,
    COVENANT_SECTORS,
    FACTORS,
    CovenantInventory,
    Use,
    covenant_inventory,
)
from klimatlaget.emissions.models import Emission
from klimatlaget.energy.models import EnergyUse
from klimatlaget.exports.workbook import BOLD, append_row, save, set_up_printing
from klimatlaget.measures.models import Measure
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.models import FormChoice, StatusChoice, Target

ENERGY, SMHI, NONE = "energy", "smhi", "none"
MWH, TONNES = "#,##0", "#,##0.0"


@dataclass
class Inventory:
    """One emission inventory: from the energy inventory, from SMHI, or none."""

    year: int
    kind: str
    energy: CovenantInventory | None = None
    #: From SMHI: t CO₂e by Covenant sector, and SMHI's sectors with their Covenant sector.
    smhi_by_sector: dict[str, float] = field(default_factory=dict)
    smhi_sectors: list[tuple[str, str, float]] = field(default_factory=list)

    @property
    def source(self) -> str:
        return {
            ENERGY: "Energy inventory (SCB's final energy use) × the platform's emission factors",
            SMHI: "SMHI's emissions by main sector (no energy inventory for the year)",
            NONE: "No energy inventory and no emissions for the year",
        }[self.kind]


def inventory(organisation: Organisation, year: int) -> Inventory:
    uses = [
        Use(use.sector, use.carrier, use.mwh)
        for use in EnergyUse.objects.filter(organisation=organisation, year=year)
    ]
    if uses:
        return Inventory(year, ENERGY, energy=covenant_inventory(uses))
    emissions = Emission.objects.filter(organisation=organisation, year=year).exclude(sector="")
    if not emissions:
        return Inventory(year, NONE)
    found = Inventory(year, SMHI)
    for emission in emissions.order_by("sector"):
        sector = COVENANT_SECTOR_OF_SMHI.get(emission.sector, "")
        found.smhi_sectors.append((emission.sector, sector, emission.tco2e))
        if sector:
            found.smhi_by_sector[sector] = found.smhi_by_sector.get(sector, 0.0) + emission.tco2e
    return found


def baseline_year(organisation: Organisation, year: int) -> int:
    """The base year of the organisation's adopted (else proposed) territorial target, else
    its first year with an energy inventory, else ``year``; never after ``year``."""
    targets = Target.objects.filter(
        organisation=organisation, base_year__isnull=False, base_year__lte=year
    ).order_by("status", "target_year")  # "adopted" before "proposed"
    target = targets.filter(geography="territory").first() or targets.first()
    if target is not None and target.base_year is not None:
        return target.base_year
    first = (
        EnergyUse.objects.filter(organisation=organisation, year__lte=year)
        .order_by("year")
        .values_list("year", flat=True)
        .first()
    )
    return first if first is not None else year


def covenant_xlsx(organisation: Organisation, year: int) -> bytes:
    from django.utils import translation

    with translation.override("en"):
        book = Workbook()
        first = book.active
        assert first is not None
        book.remove(first)
        _strategy(book.create_sheet("Strategy"), organisation, year)
        base = baseline_year(organisation, year)
        if base != year:
            _inventory(book.create_sheet("Baseline inventory"), inventory(organisation, base), True)
        _inventory(book.create_sheet("Monitoring inventory"), inventory(organisation, year), False)
        _actions(book.create_sheet("Actions"), organisation)
        _factors(book.create_sheet("Emission factors"))
        return save(book)


def file_name(organisation: Organisation, year: int) -> str:
    return f"covenant-of-mayors-{organisation.code}-{year}.xlsx"


def _heading(sheet: Worksheet, values: Sequence[Any]) -> None:
    append_row(sheet, values, BOLD)


def _widths(sheet: Worksheet, first: float, others: float = 14) -> None:
    from openpyxl.utils import get_column_letter

    sheet.column_dimensions["A"].width = first
    for index in range(2, sheet.max_column + 1):
        sheet.column_dimensions[get_column_letter(index)].width = others


TARGET_COLUMNS = (
    "Target",
    "Type of target",
    "Reduction (%)",
    "Base year",
    "Target year",
    "Geography",
    "Scopes",
    "Status",
    "Adopted on",
    "Source",
)


def _strategy(sheet: Worksheet, organisation: Organisation, year: int) -> None:
    _heading(sheet, ["Covenant of Mayors: Strategy"])
    append_row(sheet, ["Signatory", organisation.name])
    append_row(sheet, ["SCB code", organisation.code])
    append_row(sheet, ["Reporting year", year])
    append_row(sheet, [])
    _heading(sheet, ["Mitigation targets"])
    _heading(sheet, TARGET_COLUMNS)
    targets = Target.objects.filter(organisation=organisation).order_by("target_year", "pk")
    for target in targets:
        reduction = target.value if target.form == FormChoice.PERCENT_REDUCTION else None
        append_row(
            sheet,
            [
                target.title or target.get_form_display(),
                target.get_form_display(),
                reduction,
                target.base_year,
                target.target_year,
                target.get_geography_display(),
                ", ".join(target.scopes),
                StatusChoice(target.status).label,
                target.adopted_on,
                target.source,
            ],
        )
    if not targets:
        append_row(sheet, ["No targets on the platform"])
    _widths(sheet, 40)
    set_up_printing(sheet, title_rows=0, landscape=True)


def _inventory(sheet: Worksheet, found: Inventory, baseline: bool) -> None:
    kind = "Baseline emission inventory" if baseline else "Monitoring emission inventory"
    _heading(sheet, [f"{kind} {found.year}"])
    append_row(sheet, ["Inventory year", found.year])
    append_row(sheet, ["Source", found.source])
    append_row(sheet, [])
    sectors = [(term.code, term.english) for term in COVENANT_SECTORS]
    carriers = [(term.code, term.english) for term in COVENANT_CARRIERS]
    if found.energy is not None:
        for title, values, number_format in (
            ("Final energy consumption (MWh)", found.energy.mwh, MWH),
            ("Emissions (t CO2e)", found.energy.tco2e, TONNES),
        ):
            _heading(sheet, [title])
            _heading(sheet, ["Sector", *(label for _code, label in carriers), "Total"])
            formats = [None] + [number_format] * (len(carriers) + 1)
            for code, label in sectors:
                row = [values.get((code, carrier)) for carrier, _label in carriers]
                total = sum(value for value in row if value is not None)
                has_any = any(value is not None for value in row)
                append_row(sheet, [label, *row, total if has_any else None], formats=formats)
            totals = [
                _sum(values.get((code, carrier)) for code, _label in sectors)
                for carrier, _label in carriers
            ]
            append_row(sheet, ["Total", *totals, sum(values.values())], BOLD, formats)
            append_row(sheet, [])
    elif found.kind == SMHI:
        _heading(sheet, ["Emissions (t CO2e)"])
        _heading(sheet, ["Sector", "Total"])
        for code, label in sectors:
            append_row(sheet, [label, found.smhi_by_sector.get(code)], formats=[None, TONNES])
        append_row(sheet, ["Total", sum(found.smhi_by_sector.values())], BOLD, [None, TONNES])
        append_row(sheet, [])
        _heading(sheet, ["SMHI's main sector", "Covenant sector", "t CO2e"])
        labels = dict(sectors)
        for smhi, sector, tco2e in found.smhi_sectors:
            covenant = labels[sector] if sector else "Not in the Covenant's inventory"
            append_row(sheet, [smhi, covenant, tco2e], formats=[None, None, TONNES])
    _widths(sheet, 45)
    set_up_printing(sheet, title_rows=0, landscape=True)


def _sum(values: Any) -> float | None:
    present = [value for value in values if value is not None]
    return sum(present) if present else None


ACTION_COLUMNS = (
    "Code",
    "Action title",
    "Area",
    "Sector",
    "Sector on the platform",
    "Status",
    "Start year",
    "End year",
    "Responsible body",
    "Cost (SEK)",
    "Estimated energy saving (MWh/a)",
    "Estimated renewable energy production (MWh/a)",
    "Estimated reduction (t CO2e/a)",
    "Source",
)


def action_rows(organisation: Organisation) -> list[list[Any]]:
    """The measures as the Covenant's actions: empty where the platform does not know."""
    labels = {term.code: term.english for term in COVENANT_SECTORS}
    rows = []
    for measure in Measure.objects.filter(organisation=organisation).order_by("code", "pk"):
        covenant = COVENANT_SECTOR_OF_SMHI.get(measure.sector, "")
        rows.append(
            [
                measure.code,
                measure.title,
                "Adaptation" if measure.hazard else "Mitigation",
                labels.get(covenant),
                measure.get_sector_display(),
                measure.get_status_display(),
                measure.start_year,
                measure.end_year,
                measure.responsible_unit or None,
                measure.budget_sek,
                measure.energy_saved_mwh,
                measure.renewable_mwh,
                measure.expected_reduction_t,
                measure.source or None,
            ]
        )
    return rows


def _actions(sheet: Worksheet, organisation: Organisation) -> None:
    _heading(sheet, ACTION_COLUMNS)
    formats = [None] * 9 + ["#,##0", MWH, MWH, TONNES, None]
    for row in action_rows(organisation):
        append_row(sheet, row, formats=formats)
    sheet.freeze_panes = "A2"
    _widths(sheet, 10, 18)
    sheet.column_dimensions["B"].width = 40
    set_up_printing(sheet, title_rows=1, landscape=True)


def _factors(sheet: Worksheet) -> None:
    _heading(sheet, ["Carrier (SCB)", "Carrier", "Covenant column", "t CO2e/MWh", "Source"])
    columns = {term.code: term.english for term in COVENANT_CARRIERS}
    for term in CARRIERS:
        factor = FACTORS[term.code]
        append_row(
            sheet,
            [
                term.swedish,
                term.english,
                columns[COVENANT_CARRIER_OF[term.code]],
                factor.t_per_mwh,
                factor.source,
            ],
            formats=[None, None, None, "0.000", None],
        )
    _widths(sheet, 20, 22)
    sheet.column_dimensions["E"].width = 70
    set_up_printing(sheet, title_rows=1, landscape=True)
