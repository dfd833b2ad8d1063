"""Building SMHI-style workbooks from tidy rows, for tests and the demo.

The layout follows SMHI's export (see ``smhi_excel``): title rows, year headings on the row
above the labels 'Huvudsektor', 'Undersektor', 'Län', 'Kommun' (or on the same row), a
national total, county totals, and per municipality its total ('Alla') and main sectors.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from klimatlaget.sources.emissions import EmissionRow
from klimatlaget.sources.smhi_layout import LABELS

TITLE_ROWS = (
    "Nationella emissionsdatabasen",
    "Växthusgaser totalt (GGT), ton CO2-ekvivalenter",
    "Källa: SMHI",
    "",
)
ALL_LABEL = "Alla"


@dataclass
class _Tidy:
    years: list[int] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    county: dict[str, str] = field(default_factory=dict)
    values: dict[tuple[str, str, int], float] = field(default_factory=dict)
    stated_totals: dict[tuple[str, int], float] = field(default_factory=dict)

    def total(self, municipality: str, year: int) -> float | None:
        if (municipality, year) in self.stated_totals:
            return self.stated_totals[(municipality, year)]
        parts = [self.values.get((municipality, s, year)) for s in self.sectors]
        present = [p for p in parts if p is not None]
        return round(sum(present), 2) if present else None


def write_smhi_workbook(
    rows: Iterable[EmissionRow],
    path: str | Path,
    *,
    years_as_text: bool = False,
    split_header: bool = True,
) -> None:
    """Write ``rows`` (sector rows, optionally with total rows, sector None) as SMHI would.

    Totals are the total rows given, else the sum of the sectors. Every row needs a county.
    """
    import openpyxl  # type: ignore[import-untyped, unused-ignore]

    tidy = _collect(rows)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Data")
    for title in TITLE_ROWS:
        sheet.append([title or None])
    years: list[object] = [str(y) if years_as_text else y for y in tidy.years]
    labels: list[object] = list(LABELS.values())
    if split_header:
        sheet.append([None] * len(labels) + years)
        sheet.append(labels)
    else:
        sheet.append(labels + years)
    for line in _lines(tidy):
        sheet.append(line)
    book.save(str(path))


def _collect(rows: Iterable[EmissionRow]) -> _Tidy:
    tidy = _Tidy()
    years: set[int] = set()
    for row in rows:
        if row.county is None:
            raise ValueError(f"{row.municipality} {row.year}: every row needs a county")
        tidy.county.setdefault(row.municipality, row.county)
        years.add(row.year)
        if row.sector is None:
            tidy.stated_totals[(row.municipality, row.year)] = row.tco2e
            continue
        if row.sector not in tidy.sectors:
            tidy.sectors.append(row.sector)
        tidy.values[(row.municipality, row.sector, row.year)] = row.tco2e
    tidy.years = sorted(years)
    return tidy


def _lines(tidy: _Tidy) -> list[list[object]]:
    by_county: dict[str, list[str]] = {}
    for municipality, county in tidy.county.items():
        by_county.setdefault(county, []).append(municipality)
    county_totals = {
        county: [_sum(tidy.total(m, y) for m in members) for y in tidy.years]
        for county, members in sorted(by_county.items())
    }
    national = [
        _sum(totals[i] for totals in county_totals.values()) for i in range(len(tidy.years))
    ]
    lines: list[list[object]] = [[ALL_LABEL, ALL_LABEL, ALL_LABEL, ALL_LABEL, *national]]
    for county, totals in county_totals.items():
        lines.append([ALL_LABEL, ALL_LABEL, county, ALL_LABEL, *totals])
    for county, members in sorted(by_county.items()):
        for municipality in members:
            lines.append(
                [ALL_LABEL, ALL_LABEL, county, municipality]
                + [tidy.total(municipality, y) for y in tidy.years]
            )
            for sector in tidy.sectors:
                values = [tidy.values.get((municipality, sector, y)) for y in tidy.years]
                if any(v is not None for v in values):
                    lines.append([sector, ALL_LABEL, county, municipality, *values])
    return lines


def _sum(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(sum(present), 2) if present else None


def write_zip_bomb(path: str | Path, unpacked: int) -> Path:
    """A small workbook-shaped archive that would unpack to more than ``unpacked`` bytes."""
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as handle:
            for _ in range(unpacked // len(chunk) + 1):
                handle.write(chunk)
    return Path(path)
