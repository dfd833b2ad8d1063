"""National emissions from whole years and quarters."""

from __future__ import annotations

import pytest

from klimatlaget.calc.national import NationalFigure, national_emissions

TRANSPORT = "Transporter"


def figures() -> list[NationalFigure]:
    return [
        NationalFigure(2023, None, TRANSPORT, 9_000_000),
        NationalFigure(2023, 1, TRANSPORT, 2_200_000),
        NationalFigure(2023, 2, TRANSPORT, 2_300_000),
        NationalFigure(2023, 3, TRANSPORT, 2_300_000),
        NationalFigure(2023, 4, TRANSPORT, 2_200_000),
        NationalFigure(2024, 1, TRANSPORT, 2_090_000),
        NationalFigure(2024, 2, TRANSPORT, 2_185_000),
    ]


def test_whole_years_as_published() -> None:
    national = national_emissions(figures())
    assert national.years[TRANSPORT][2023] == 9_000_000
    assert (TRANSPORT, 2023) not in national.from_part_of_year


def test_year_so_far_scales_the_year_before() -> None:
    # Quarters 1–2 of 2024 are 4,275,000 t against 4,500,000 t a year earlier (−5 %), so 2024
    # is estimated at 9,000,000·0.95 = 8,550,000 t.
    national = national_emissions(figures())
    assert national.years[TRANSPORT][2024] == pytest.approx(8_550_000)
    assert (TRANSPORT, 2024) in national.from_part_of_year


def test_four_quarters_make_a_year_and_a_profile() -> None:
    rows = [NationalFigure(2025, q, TRANSPORT, v) for q, v in enumerate((4, 3, 2, 1), start=1)]
    national = national_emissions(rows)
    assert national.years[TRANSPORT][2025] == 10
    assert national.quarter_profiles[TRANSPORT, 2025].shares == (0.4, 0.3, 0.2, 0.1)
    assert (TRANSPORT, 2025) not in national.from_part_of_year


def test_part_of_a_year_without_the_year_before_is_left_out() -> None:
    national = national_emissions([NationalFigure(2025, 1, TRANSPORT, 5)])
    assert 2025 not in national.years.get(TRANSPORT, {})


def test_quarter_must_be_one_to_four() -> None:
    with pytest.raises(ValueError, match="quarter must be 1–4"):
        national_emissions([NationalFigure(2025, 5, TRANSPORT, 5)])
