"""SMHI's main sectors as files may name them: the Swedish name or a short code."""

from klimatlaget.emissions.models import TOTAL_SECTOR
from klimatlaget.emissions.sectors import SECTOR_LABELS

#: Short codes for SMHI's main sectors, for files written by hand or by programs.
SECTOR_CODES = {
    "working_machinery": "Arbetsmaskiner",
    "waste": "Avfall (inkl.avlopp)",
    "own_heating": "Egen uppvärmning av bostäder och lokaler",
    "electricity_district_heating": "El och fjärrvärme",
    "industry": "Industri (energi + processer)",
    "agriculture": "Jordbruk",
    "product_use": "Produktanvändning (inkl. lösningsmedel)",
    "transport": "Transporter",
    "international_transport": "Utrikes transporter",
}
MAIN_SECTORS = tuple(name for name in SECTOR_LABELS if name != TOTAL_SECTOR)


def _key(text: str) -> str:
    return "".join(text.split()).casefold()


_BY_KEY = {_key(name): name for name in MAIN_SECTORS} | {
    _key(code): name for code, name in SECTOR_CODES.items()
}


def main_sector(text: str) -> str | None:
    """The main sector ``text`` names (its Swedish name in any case and spacing, or its code)."""
    return _BY_KEY.get(_key(text))
