"""Fixtures of the budget tests: national figures written as a tidy CSV file."""

import pytest

from klimatlaget.calc import MetricParameters

#: The budgets are computed as of 2026 (the Carbon Law pathway starts in the current year).
PARAMS = MetricParameters(current_year=2026)


def write_national(path, rows):
    path.write_text(
        "year,quarter,sector,tco2e\n" + "".join(f"{','.join(map(str, r))}\n" for r in rows),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def national_file(tmp_path):
    """Transport by Swedish name, own heating by code: 2023 as a whole year, 2025 from its
    four quarters."""
    return write_national(
        tmp_path / "national.csv",
        [
            (2023, "", "Transporter", 10_000_000),
            (2025, 1, "transport", 2_000_000),
            (2025, 2, "transport", 2_500_000),
            (2025, 3, "transport", 2_500_000),
            (2025, 4, "transport", 2_000_000),
            (2023, "", "own_heating", 800_000),
            (2025, "", "Egen uppvärmning av bostäder och lokaler", 720_000),
        ],
    )
