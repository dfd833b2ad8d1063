"""Fixtures for the calculation tests: the real emissions files, when they are present."""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from pathlib import Path

import pytest

# The shared data folder beside the checkout (as in tests/conftest.py), or $KLIMATLAGET_SHARED_DATA.
SHARED_DATA = Path(
    os.environ.get(
        "KLIMATLAGET_SHARED_DATA", Path(__file__).resolve().parents[3] / "shared" / "data"
    )
)
EMISSIONS_DIR = SHARED_DATA / "emissions"
TREND_YEARS = range(2015, 2024)

Series = dict[int, float]


@pytest.fixture(scope="session")
def emissions_dir() -> Path:
    """The folder with the real municipal emissions files; skips the test when it is absent."""
    if not EMISSIONS_DIR.is_dir():
        pytest.skip(f"real emissions data not available: {EMISSIONS_DIR} does not exist")
    return EMISSIONS_DIR


@pytest.fixture(scope="session")
def municipality_totals(emissions_dir: Path) -> dict[str, Series]:
    """Municipality → year → tonnes CO2e, from municipality_emissions_total.csv."""
    totals: dict[str, Series] = defaultdict(dict)
    with (emissions_dir / "municipality_emissions_total.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            totals[row["municipality"]][int(row["year"])] = float(row["tco2e"])
    return dict(totals)


@pytest.fixture(scope="session")
def municipality_counties(emissions_dir: Path) -> dict[str, str]:
    """Municipality → county."""
    with (emissions_dir / "municipality_emissions_total.csv").open(encoding="utf-8") as file:
        return {row["municipality"]: row["county"] for row in csv.DictReader(file)}


@pytest.fixture(scope="session")
def municipality_sectors(emissions_dir: Path) -> dict[str, dict[str, Series]]:
    """Municipality → sector → year → tonnes CO2e."""
    sectors: dict[str, dict[str, Series]] = defaultdict(lambda: defaultdict(dict))
    path = emissions_dir / "municipality_emissions_by_sector.csv"
    with path.open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            sectors[row["municipality"]][row["sector"]][int(row["year"])] = float(row["tco2e"])
    return {name: dict(by_sector) for name, by_sector in sectors.items()}


@pytest.fixture(scope="session")
def trend_points(
    municipality_totals: dict[str, Series],
) -> dict[str, tuple[list[float], list[float]]]:
    """Municipality → (years 2015–2023 as floats, tonnes) for the regression tests."""
    return {
        name: ([float(y) for y in TREND_YEARS], [series[y] for y in TREND_YEARS])
        for name, series in municipality_totals.items()
    }


@pytest.fixture(scope="session")
def municipality_codes(emissions_dir: Path) -> dict[str, str]:
    """Municipality name → SCB code, from SCB's code list beside the emissions files."""
    from klimatlaget.sources.scb_codes import read_scb_codes

    codes = read_scb_codes(emissions_dir.parent / "scb" / "kommunlankod_2023.xls")
    return {entry.name: entry.code for entry in codes if entry.kind == "municipality"}
