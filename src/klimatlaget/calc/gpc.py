"""SMHI's main sectors in the shape of the GPC, the Global Protocol for Community-Scale
Greenhouse Gas Inventories (the inventory CDP-ICLEI Track and CityCatalyst ask for).

SMHI's municipal figures are territorial (what is emitted inside the municipality's border), by
nine main sectors. Each main sector goes to the one GPC row (sector, sub-sector, scope) that
holds most of it; GPC rows the data cannot fill carry a notation key: ``IE`` (included
elsewhere: the row that holds it is named), ``NE`` (not estimated: the data has nothing for it).
Every tonne is accounted for: what the mapping cannot place (a total without a sector split, a
sector it does not know) is listed as unplaced, so the placed rows and the unplaced ones add up to
SMHI's total. The table and the reasons are in docs/METHOD.md#reporting-to-other-platforms.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class NotationKey(StrEnum):
    INCLUDED_ELSEWHERE = "IE"
    NOT_ESTIMATED = "NE"


SECTORS = {
    "I": "Stationary energy",
    "II": "Transportation",
    "III": "Waste",
    "IV": "Industrial processes and product use (IPPU)",
    "V": "Agriculture, forestry and other land use (AFOLU)",
}

SUB_SECTORS = {
    "I.1": "Residential buildings",
    "I.2": "Commercial and institutional buildings and facilities",
    "I.3": "Manufacturing industries and construction",
    "I.4": "Energy industries",
    "I.5": "Agriculture, forestry and fishing activities",
    "I.6": "Non-specified sources",
    "I.7": "Fugitive emissions from mining, processing, storage and transportation of coal",
    "I.8": "Fugitive emissions from oil and natural gas systems",
    "II.1": "On-road transportation",
    "II.2": "Railways",
    "II.3": "Waterborne navigation",
    "II.4": "Aviation",
    "II.5": "Off-road transportation",
    "III.1": "Solid waste disposal",
    "III.2": "Biological treatment of waste",
    "III.3": "Incineration and open burning",
    "III.4": "Wastewater treatment and discharge",
    "IV.1": "Industrial processes",
    "IV.2": "Product use",
    "V.1": "Livestock",
    "V.2": "Land",
    "V.3": "Aggregate sources and non-CO2 emission sources on land",
}

#: What each GPC reference number counts, by the last digit of the stationary energy and
#: transport rows, and of the waste rows.
_ENERGY_KINDS = {
    1: (1, "fuel combustion within the city boundary"),
    2: (2, "grid-supplied energy consumed within the city boundary"),
    3: (3, "transmission and distribution losses from grid-supplied energy"),
}
_TRANSPORT_KINDS = {
    1: (1, "trips within the city boundary"),
    2: (2, "grid-supplied energy consumed within the city boundary"),
    3: (3, "the out-of-boundary part of transboundary journeys"),
}
_WASTE_KINDS = {
    1: (1, "waste generated in the city and treated within the city"),
    2: (3, "waste generated in the city and treated outside the city"),
    3: (1, "waste generated outside the city and treated within the city"),
}


@dataclass(frozen=True, slots=True)
class GpcReference:
    """One row of the GPC's reporting table, e.g. I.1.1 (residential buildings, scope 1)."""

    ref: str
    sub_sector: str
    scope: int
    counts: str

    @property
    def sector(self) -> str:
        return self.ref.split(".")[0]


def _references() -> list[GpcReference]:
    rows = []
    for number in range(1, 9):
        sub = f"I.{number}"
        if number in (7, 8):
            rows.append(GpcReference(f"{sub}.1", sub, 1, "fugitive emissions within the city"))
            continue
        for digit, (scope, counts) in _ENERGY_KINDS.items():
            rows.append(GpcReference(f"{sub}.{digit}", sub, scope, counts))
        if number == 4:
            rows.append(GpcReference("I.4.4", sub, 1, "energy generation supplied to the grid"))
    for number in range(1, 6):
        for digit, (scope, counts) in _TRANSPORT_KINDS.items():
            rows.append(GpcReference(f"II.{number}.{digit}", f"II.{number}", scope, counts))
    for number in range(1, 5):
        for digit, (scope, counts) in _WASTE_KINDS.items():
            rows.append(GpcReference(f"III.{number}.{digit}", f"III.{number}", scope, counts))
    for sub in ("IV.1", "IV.2", "V.1", "V.2", "V.3"):
        rows.append(GpcReference(sub, sub, 1, "emissions within the city boundary"))
    return rows


#: Every row of the GPC's reporting table, in the GPC's order.
REFERENCES: tuple[GpcReference, ...] = tuple(_references())
BY_REF = {reference.ref: reference for reference in REFERENCES}


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one SMHI main sector goes, and why there."""

    ref: str
    why: str


#: SMHI main sector → the GPC row that receives all of it (docs/METHOD.md, the mapping).
MAPPING: dict[str, Placement] = {
    "Egen uppvärmning av bostäder och lokaler": Placement(
        "I.1.1",
        "Own heating of homes and premises (boilers, stoves): fuel burnt in buildings, scope 1. "
        "SMHI does not split homes from premises, so I.2.1 is included here.",
    ),
    "Industri (energi + processer)": Placement(
        "I.3.1",
        "Industry's fuel combustion and its process emissions in one main sector; the "
        "combustion part is I.3.1, the process part (IV.1) is included here.",
    ),
    "El och fjärrvärme": Placement(
        "I.4.4",
        "Electricity and district heat generated in the territory (incl. waste incineration "
        "with energy recovery): energy industries' generation supplied to the grid, scope 1. "
        "It is not the scope 2 of the energy the city consumes.",
    ),
    "Transporter": Placement(
        "II.1.1",
        "Domestic transport in the territory: road traffic with domestic aviation, shipping "
        "and railways, which SMHI does not split out at this level; scope 1.",
    ),
    "Arbetsmaskiner": Placement(
        "II.5.1",
        "Working machinery (off-road vehicles and mobile machinery in construction, industry, "
        "agriculture, forestry and households): off-road transportation, scope 1.",
    ),
    "Utrikes transporter": Placement(
        "II.4.3",
        "International aviation and shipping (bunkers): journeys leaving the territory, "
        "scope 3; SMHI does not split aviation from shipping, so II.3.3 is included here.",
    ),
    "Avfall (inkl.avlopp)": Placement(
        "III.1.1",
        "Waste incl. sewage treated in the territory (landfill, biological treatment, "
        "wastewater): scope 1; SMHI does not split the treatments, so III.2.1 and III.4.1 "
        "are included here. Incineration with energy recovery is in I.4.4.",
    ),
    "Produktanvändning (inkl. lösningsmedel)": Placement(
        "IV.2",
        "Product use incl. solvents and fluorinated gases: IPPU product use, scope 1.",
    ),
    "Jordbruk": Placement(
        "V.1",
        "Agriculture (livestock, manure, agricultural soils): AFOLU; SMHI does not split "
        "livestock from soils, so V.3 is included here.",
    ),
}

#: GPC rows the mapping leaves empty: their notation key and why.
NOTATIONS: dict[str, tuple[NotationKey, str]] = {
    "I.2.1": (
        NotationKey.INCLUDED_ELSEWHERE,
        "In I.1.1: SMHI's own heating of homes and premises.",
    ),
    "I.4.1": (
        NotationKey.INCLUDED_ELSEWHERE,
        "In I.4.4: SMHI does not split power plants' own use from their generation.",
    ),
    "I.5.1": (
        NotationKey.INCLUDED_ELSEWHERE,
        "In II.5.1 (machinery) and I.1.1 (heating of premises): SMHI has no sector for fuel "
        "burnt in agriculture, forestry and fishing.",
    ),
    "I.7.1": (
        NotationKey.INCLUDED_ELSEWHERE,
        "Fugitive emissions from fuels are within SMHI's main sectors (mainly I.3.1 and "
        "I.4.4); the main sectors do not show them apart.",
    ),
    "I.8.1": (
        NotationKey.INCLUDED_ELSEWHERE,
        "Fugitive emissions from fuels are within SMHI's main sectors (mainly I.3.1 and "
        "I.4.4); the main sectors do not show them apart.",
    ),
    "II.2.1": (NotationKey.INCLUDED_ELSEWHERE, "In II.1.1: SMHI's domestic transport."),
    "II.3.1": (NotationKey.INCLUDED_ELSEWHERE, "In II.1.1: SMHI's domestic transport."),
    "II.4.1": (NotationKey.INCLUDED_ELSEWHERE, "In II.1.1: SMHI's domestic transport."),
    "II.3.3": (
        NotationKey.INCLUDED_ELSEWHERE,
        "In II.4.3: SMHI's international transport (aviation and shipping together).",
    ),
    "III.2.1": (NotationKey.INCLUDED_ELSEWHERE, "In III.1.1: SMHI's waste incl. sewage."),
    "III.4.1": (NotationKey.INCLUDED_ELSEWHERE, "In III.1.1: SMHI's waste incl. sewage."),
    "III.3.1": (
        NotationKey.INCLUDED_ELSEWHERE,
        "In I.4.4: Swedish waste is incinerated with energy recovery, which SMHI counts as "
        "electricity and district heating.",
    ),
    "IV.1": (
        NotationKey.INCLUDED_ELSEWHERE,
        "In I.3.1: SMHI's industry (energy and processes) in one main sector.",
    ),
    "V.3": (NotationKey.INCLUDED_ELSEWHERE, "In V.1: SMHI's agriculture."),
    "V.2": (
        NotationKey.NOT_ESTIMATED,
        "Land use, land-use change and forestry: SMHI's figures used here exclude it.",
    ),
}

#: Why the remaining rows are empty (every scope 2 and scope 3 row but II.4.3, and the
#: waste treated across the border): SMHI's figures are territorial.
TERRITORIAL_ONLY = (
    "SMHI's figures are territorial: energy consumed from the grid, transmission losses, "
    "journeys and waste crossing the border are not estimated."
)
#: The rows a year without a sector split leaves empty.
NO_SECTOR_SPLIT = "In the unplaced total: SMHI gives only a total for this year."
#: A total without a sector split, and a sector the mapping does not know.
TOTAL_ONLY = "total without a sector split"
UNKNOWN_SECTOR = "a sector the mapping does not know"
#: Below this a remainder between the total and the sectors is rounding, not emissions.
TOLERANCE_T = 0.001


@dataclass(frozen=True, slots=True)
class GpcRow:
    reference: GpcReference
    tco2e: float | None
    notation: NotationKey | None
    smhi_sectors: tuple[str, ...]
    explanation: str


@dataclass(frozen=True, slots=True)
class Unplaced:
    smhi_sector: str  # "" for a total without a sector split
    tco2e: float
    reason: str


@dataclass(frozen=True, slots=True)
class GpcInventory:
    year: int
    rows: tuple[GpcRow, ...]
    unplaced: tuple[Unplaced, ...]
    smhi_total_t: float

    @property
    def placed_t(self) -> float:
        return sum(row.tco2e or 0.0 for row in self.rows)

    @property
    def unplaced_t(self) -> float:
        return sum((item.tco2e for item in self.unplaced), 0.0)

    @property
    def total_t(self) -> float:
        """Placed and unplaced together: SMHI's total."""
        return self.placed_t + self.unplaced_t

    def scope_t(self, scope: int) -> float:
        return sum(row.tco2e or 0.0 for row in self.rows if row.reference.scope == scope)


def gpc_inventory(year: int, sectors: Mapping[str, float], total_t: float) -> GpcInventory:
    """The year's GPC inventory from SMHI's main sectors and SMHI's total of the year.

    ``total_t`` is SMHI's total: the sum of the sectors, or a total given without a sector split
    (a part without one, for a county whose municipalities differ). What the sectors do not
    explain of it is unplaced, as are sectors the mapping does not know.
    """
    placed: dict[str, list[tuple[str, float]]] = {}
    unplaced = []
    for sector, value in sorted(sectors.items()):
        placement = MAPPING.get(sector)
        if placement is None:
            unplaced.append(Unplaced(sector, value, UNKNOWN_SECTOR))
        else:
            placed.setdefault(placement.ref, []).append((sector, value))
    remainder = total_t - sum(sectors.values())
    if abs(remainder) >= TOLERANCE_T:
        unplaced.append(Unplaced("", remainder, TOTAL_ONLY))
    split = bool(sectors)
    rows = tuple(_row(reference, placed.get(reference.ref), split) for reference in REFERENCES)
    return GpcInventory(year, rows, tuple(unplaced), total_t)


def _row(reference: GpcReference, parts: list[tuple[str, float]] | None, split: bool) -> GpcRow:
    if parts:
        names = tuple(name for name, _value in parts)
        why = " ".join(MAPPING[name].why for name in names)
        return GpcRow(reference, sum(value for _name, value in parts), None, names, why)
    mapped_here = tuple(name for name, p in MAPPING.items() if p.ref == reference.ref)
    if mapped_here:
        # The year has none of the sectors mapped here: no split at all, or none reported.
        if not split:
            return GpcRow(
                reference, None, NotationKey.INCLUDED_ELSEWHERE, mapped_here, NO_SECTOR_SPLIT
            )
        why = "SMHI reports nothing for this year in " + ", ".join(mapped_here) + "."
        return GpcRow(reference, None, NotationKey.NOT_ESTIMATED, mapped_here, why)
    key, why = NOTATIONS.get(reference.ref, (NotationKey.NOT_ESTIMATED, TERRITORIAL_ONLY))
    return GpcRow(reference, None, key, (), why)
