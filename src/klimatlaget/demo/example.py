"""A small fictional example dataset, written in the official file layouts.

Used by the demo when neither the real files nor a network are available. Every name and number is
invented (deterministically, from a fixed seed); imports of it are marked as example data and every
page then shows an "example data" banner.
"""

import csv
import random
from dataclasses import dataclass
from pathlib import Path

import openpyxl

YEARS = [1990, 2000, 2005, 2010, *range(2015, 2024)]
POPULATION_YEAR = 2024
SECTORS = {  # SMHI's main sectors and a typical share of a municipality's 1990 emissions
    "Transporter": 0.34,
    "Egen uppvärmning av bostäder och lokaler": 0.16,
    "El och fjärrvärme": 0.12,
    "Industri (energi + processer)": 0.14,
    "Jordbruk": 0.12,
    "Arbetsmaskiner": 0.06,
    "Avfall (inkl.avlopp)": 0.04,
    "Produktanvändning (inkl. lösningsmedel)": 0.02,
}


@dataclass(frozen=True)
class ExampleMunicipality:
    code: str
    name: str
    population: int


COUNTIES = {"91": "Exempellän", "92": "Påhittade län"}
MUNICIPALITIES = [
    ExampleMunicipality("9101", "Ekby", 18_400),
    ExampleMunicipality("9102", "Strandhamn", 64_250),
    ExampleMunicipality("9103", "Björkås", 9_870),
    ExampleMunicipality("9104", "Granvik", 31_020),
    ExampleMunicipality("9105", "Mossala", 143_600),
    ExampleMunicipality("9201", "Tallnäs", 7_310),
    ExampleMunicipality("9202", "Sjököping", 52_480),
    ExampleMunicipality("9203", "Fjällbacka-Öde", 4_150),
    ExampleMunicipality("9204", "Älvmo", 23_900),
    ExampleMunicipality("9205", "Hagaström", 88_700),
]


def write_example_files(folder: Path) -> dict[str, Path]:
    """Write the code list, population table and emissions file; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {
        "codes": folder / "example-kommunlankod.csv",
        "population": folder / f"example-be0101-{POPULATION_YEAR}.xlsx",
        "emissions": folder / "example-emissions-by-sector.csv",
    }
    _write_codes(paths["codes"])
    _write_population(paths["population"])
    _write_emissions(paths["emissions"])
    return paths


def _write_codes(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Kod", "Namn"])
        for code, name in COUNTIES.items():
            writer.writerow([code, name])
            for m in MUNICIPALITIES:
                if m.code.startswith(code):
                    writer.writerow([m.code, m.name])


def _write_population(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Totalt"
    sheet.append([])
    sheet.append([])
    sheet.append([f"Folkmängd i riket, län och kommuner 31 december {POPULATION_YEAR}. Totalt"])
    sheet.append(["EXEMPELDATA: påhittade siffror"])
    sheet.append([])
    sheet.append(["Kommun", "Kommunnamn", "Folkmängd"])
    sheet.append(["Län", "Länsnamn", " "])
    total = sum(m.population for m in MUNICIPALITIES)
    sheet.append([None, "Riket", total])
    for code, name in COUNTIES.items():
        members = [m for m in MUNICIPALITIES if m.code.startswith(code)]
        sheet.append([code, name.removesuffix(" län"), sum(m.population for m in members)])
        for m in members:
            sheet.append([m.code, m.name, m.population])
    book.save(path)


def _write_emissions(path: Path) -> None:
    rng = random.Random(2026)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["municipality", "county", "year", "sector", "tco2e"])
        for m in MUNICIPALITIES:
            county = COUNTIES[m.code[:2]]
            for year, sector, value in _series(m, rng):
                writer.writerow([m.name, county, year, sector, f"{value:.2f}"])


def _series(m: ExampleMunicipality, rng: random.Random) -> list[tuple[int, str, float]]:
    per_capita_1990 = rng.uniform(5.5, 9.5)
    yearly_decline = rng.uniform(0.005, 0.035)
    rows = []
    for sector, share in SECTORS.items():
        start = m.population * per_capita_1990 * share * rng.uniform(0.7, 1.3)
        for year in YEARS:
            level = start * (1 - yearly_decline) ** (year - 1990)
            rows.append((year, sector, max(0.0, level * rng.uniform(0.93, 1.07))))
    return rows
