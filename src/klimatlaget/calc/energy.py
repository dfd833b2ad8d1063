"""Final energy use: SCB's user categories and fuels, their emission factors, and the emissions
by the EU Covenant of Mayors' sectors (energy × factor).

The sectors and carriers are those of SCB's municipal and regional energy statistics (KRE,
table "Slutanvändning (MWh), efter region, användarkategori, bränsletyp"), each with a code,
SCB's Swedish label and an English one. Emission factors are in t CO₂e per MWh of final energy,
each with its source (see docs/METHOD.md, "Energy inventory and emission factors").
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Term:
    code: str
    swedish: str
    english: str


#: SCB's user categories (användarkategori).
SECTORS: tuple[Term, ...] = (
    Term("agriculture", "Jordbruk, skogsbruk, fiske", "Agriculture, forestry, fishing"),
    Term("industry", "Industri, byggverksamhet", "Industry and construction"),
    Term("public", "Offentlig verksamhet", "Public services"),
    Term("transport", "Transporter", "Transport"),
    Term("other_services", "Övriga tjänster", "Other services"),
    Term("houses", "Småhus", "Detached houses"),
    Term("flats", "Flerbostadshus", "Blocks of flats"),
    Term("holiday_homes", "Fritidshus", "Holiday homes"),
)

#: SCB's fuels (bränsletyp) and the carriers beside them.
CARRIERS: tuple[Term, ...] = (
    Term("electricity", "El", "Electricity"),
    Term("district_heating", "Fjärrvärme", "District heating"),
    Term("wood", "Trädbränsle", "Wood fuels"),
    Term("peat", "Torv", "Peat"),
    Term("coal", "Kol", "Coal"),
    Term("coke", "Koks", "Coke"),
    Term("petrol", "Bensin", "Petrol"),
    Term("diesel", "Diesel", "Diesel"),
    Term("heating_oil_1", "Eldningsolja 1", "Heating oil 1"),
    Term("heating_oil_2_5", "Eldningsolja 2-5", "Heating oil 2–5"),
    Term("jet_fuel", "Flygbränsle", "Aviation fuel"),
    Term("lpg", "Gasol", "Liquefied petroleum gas"),
    Term("natural_gas", "Naturgas", "Natural gas"),
    Term("biogas", "Biogas", "Biogas"),
    Term("biofuels", "Biodrivmedel", "Biofuels"),
    Term("other", "Övriga bränslen", "Other fuels"),
)

SECTOR_CODES = frozenset(term.code for term in SECTORS)
CARRIER_CODES = frozenset(term.code for term in CARRIERS)


def spellings(terms: Iterable[Term]) -> dict[str, str]:
    """Every accepted spelling (code, Swedish or English label, any case) → the code; SCB
    writes "2–5" and "2-5" both."""
    found: dict[str, str] = {}
    for term in terms:
        for spelling in (term.code, term.swedish, term.english):
            key = spelling.casefold().replace("–", "-")
            found[key] = term.code
    return found


def normalised(text: str) -> str:
    """``text`` as :func:`spellings` keys it."""
    return " ".join(text.split()).casefold().replace("–", "-")


@dataclass(frozen=True, slots=True)
class Factor:
    """An emission factor in t CO₂e per MWh of final energy, and where it comes from."""

    t_per_mwh: float
    source: str


IPCC = "IPCC 2006 default (stationary combustion), as the Covenant's default factors (JRC 2017)"
BIOGENIC = "Biogenic CO₂ counted as zero, as the Covenant's IPCC approach does (JRC 2017)"

#: The factor of each carrier (every carrier has one).
FACTORS: dict[str, Factor] = {
    "electricity": Factor(
        0.013, "Swedish electricity: Energiföretagen's average of Swedish production (13 g/kWh)"
    ),
    "district_heating": Factor(
        0.050, "Swedish district heating: a national average of Energiföretagen's local values"
    ),
    "wood": Factor(0.0, BIOGENIC),
    "peat": Factor(0.382, IPCC),
    "coal": Factor(0.341, IPCC),
    "coke": Factor(0.385, IPCC),
    "petrol": Factor(0.249, IPCC),
    "diesel": Factor(0.267, IPCC),
    "heating_oil_1": Factor(0.267, IPCC),
    "heating_oil_2_5": Factor(0.279, IPCC),
    "jet_fuel": Factor(0.257, IPCC),
    "lpg": Factor(0.227, IPCC),
    "natural_gas": Factor(0.202, IPCC),
    "biogas": Factor(0.0, BIOGENIC),
    "biofuels": Factor(0.0, BIOGENIC),
    "other": Factor(0.267, "No factor of its own: heating oil's, as a cautious estimate"),
}

#: The Covenant of Mayors' sectors of the baseline and monitoring emission inventories.
COVENANT_SECTORS: tuple[Term, ...] = (
    Term(
        "municipal_buildings",
        "Kommunala byggnader, utrustning/anläggningar",
        "Municipal buildings, equipment/facilities",
    ),
    Term(
        "tertiary",
        "Tjänstesektorns byggnader, utrustning/anläggningar",
        "Tertiary (non municipal) buildings, equipment/facilities",
    ),
    Term("residential", "Bostäder", "Residential buildings"),
    Term("public_lighting", "Gatubelysning", "Public lighting"),
    Term("industry", "Industri", "Industry"),
    Term("municipal_fleet", "Kommunens fordonsflotta", "Transport: municipal fleet"),
    Term("public_transport", "Kollektivtrafik", "Transport: public transport"),
    Term(
        "private_transport",
        "Privata och kommersiella transporter",
        "Transport: private and commercial transport",
    ),
    Term("other", "Övrigt: jordbruk, skogsbruk, fiske", "Other: agriculture, forestry, fisheries"),
)

#: SCB's user category → the Covenant's sector. SCB's statistics do not tell the municipality's
#: own buildings, public lighting, the municipal fleet or public transport apart: public
#: services become "municipal buildings" (they include the state's and the region's), and all
#: transport "private and commercial transport".
COVENANT_SECTOR_OF: dict[str, str] = {
    "agriculture": "other",
    "industry": "industry",
    "public": "municipal_buildings",
    "transport": "private_transport",
    "other_services": "tertiary",
    "houses": "residential",
    "flats": "residential",
    "holiday_homes": "residential",
}


#: The carriers (columns) of the Covenant's inventory.
COVENANT_CARRIERS: tuple[Term, ...] = (
    Term("electricity", "El", "Electricity"),
    Term("heat", "Värme/kyla", "Heat/cold"),
    Term("natural_gas", "Naturgas", "Natural gas"),
    Term("liquid_gas", "Gasol", "Liquid gas"),
    Term("heating_oil", "Eldningsolja", "Heating oil"),
    Term("diesel", "Diesel", "Diesel"),
    Term("gasoline", "Bensin", "Gasoline"),
    Term("coal", "Kol", "Coal"),
    Term("other_fossil", "Övriga fossila bränslen", "Other fossil fuels"),
    Term("biofuel", "Biobränslen", "Biofuel"),
    Term("other_biomass", "Övrig biomassa", "Other biomass"),
)

#: SCB's fuel → the Covenant's carrier column.
COVENANT_CARRIER_OF: dict[str, str] = {
    "electricity": "electricity",
    "district_heating": "heat",
    "natural_gas": "natural_gas",
    "lpg": "liquid_gas",
    "heating_oil_1": "heating_oil",
    "heating_oil_2_5": "heating_oil",
    "diesel": "diesel",
    "petrol": "gasoline",
    "coal": "coal",
    "coke": "coal",
    "peat": "other_fossil",
    "jet_fuel": "other_fossil",
    "other": "other_fossil",
    "biofuels": "biofuel",
    "biogas": "biofuel",
    "wood": "other_biomass",
}

#: SMHI's main sector → the Covenant's sector, for an organisation without an energy
#: inventory: only emissions, no energy. "" is no sector of final use: SMHI counts electricity
#: and district heating where they are made, the Covenant where they are used; international
#: transport is outside the inventory.
COVENANT_SECTOR_OF_SMHI: dict[str, str] = {
    "Arbetsmaskiner": "other",
    "Avfall (inkl.avlopp)": "other",
    "Egen uppvärmning av bostäder och lokaler": "residential",
    "El och fjärrvärme": "",
    "Industri (energi + processer)": "industry",
    "Jordbruk": "other",
    "Produktanvändning (inkl. lösningsmedel)": "other",
    "Transporter": "private_transport",
    "Utrikes transporter": "",
}


@dataclass(frozen=True, slots=True)
class Use:
    sector: str
    carrier: str
    mwh: float


def emissions_t(carrier: str, mwh: float, factors: dict[str, Factor] = FACTORS) -> float:
    """Tonnes CO₂e of ``mwh`` of ``carrier``."""
    return mwh * factors[carrier].t_per_mwh


@dataclass(frozen=True)
class CovenantInventory:
    """Energy (MWh) and emissions (t CO₂e) by the Covenant's sector and carrier column."""

    mwh: dict[tuple[str, str], float]
    tco2e: dict[tuple[str, str], float]

    def sector_total(self, sector: str, of: str = "mwh") -> float:
        values = self.mwh if of == "mwh" else self.tco2e
        return sum(value for (row, _carrier), value in values.items() if row == sector)

    def total(self, of: str = "mwh") -> float:
        return sum((self.mwh if of == "mwh" else self.tco2e).values())


def covenant_inventory(
    uses: Iterable[Use], factors: dict[str, Factor] = FACTORS
) -> CovenantInventory:
    """The uses summed by the Covenant's sector and carrier, with their emissions."""
    mwh: dict[tuple[str, str], float] = defaultdict(float)
    tco2e: dict[tuple[str, str], float] = defaultdict(float)
    for use in uses:
        key = (COVENANT_SECTOR_OF[use.sector], COVENANT_CARRIER_OF[use.carrier])
        mwh[key] += use.mwh
        tco2e[key] += emissions_t(use.carrier, use.mwh, factors)
    return CovenantInventory(dict(mwh), dict(tco2e))
