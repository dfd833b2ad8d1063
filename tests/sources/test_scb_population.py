from __future__ import annotations

from pathlib import Path

import pytest

from klimatlaget.sources import (
    NameMatcher,
    PopulationRow,
    SourceError,
    read_population,
    read_scb_codes,
)

from .helpers import problems_of, write_xlsx

TITLE = "Folkmängd i riket, län och kommuner 31 december och befolkningsförändringar 1 januari - 31 december 2024. Totalt"  # noqa: E501
HEADER: list[list[object]] = [
    ["Kommun", "Kommunnamn", "Folkmängd", "Folk-"],
    ["Län", "Länsnamn", " ", "ökning"],
    [None, None, " ", " "],
]


def table(*rows: list[object], title: str = TITLE) -> list[list[object]]:
    return [
        [None],
        [None],
        [title],
        ["Folkmängd redovisas enligt indelningen 2025-01-01."],
        [None],
        *HEADER,
        *rows,
        [None],
        ["1) En fotnot", None, None],
    ]


def test_real_population_2024(shared_data: Path) -> None:
    population = read_population(shared_data / "scb" / "be0101_tabhel2024.xlsx")
    assert population.year == 2024
    assert population.rows[0] == PopulationRow("00", "Riket", 10_587_710)
    by_code = population.by_code()
    assert by_code["0127"] == 95_905
    assert by_code["01"] == 2_473_307
    assert len(population.rows) == 1 + 21 + 290
    assert all(row.name == row.name.strip() for row in population.rows)


def test_real_population_2023_year_from_title(shared_data: Path) -> None:
    # The title also mentions 2024-01-01 (the division used); the year is 31 December's.
    population = read_population(shared_data / "scb" / "be0101_tabhel2023.xlsx")
    assert population.year == 2023
    assert population.by_code()["00"] == 10_551_707


def test_other_sheets_have_numeric_codes(shared_data: Path) -> None:
    men = read_population(shared_data / "scb" / "be0101_tabhel2024.xlsx", sheet="Män")
    assert men.rows[1].code == "01"
    assert men.by_code()["0127"] == 49_158


def test_real_names_match_the_code_list(shared_data: Path) -> None:
    codes = read_scb_codes(shared_data / "scb" / "kommunlankod_2023.xls")
    population = read_population(shared_data / "scb" / "be0101_tabhel2024.xlsx")
    municipalities = NameMatcher({c.code: c.name for c in codes if c.kind == "municipality"})
    counties = NameMatcher({c.code: c.name for c in codes if c.kind == "county"})
    for row in population.rows[1:]:
        matcher = counties if len(row.code) == 2 else municipalities
        assert matcher.match(row.name) == row.code, row.name


def test_hand_made_table_and_year_override(tmp_path: Path) -> None:
    rows = table([None, "Riket   ", 100], ["01", "Stockholm  ", 60], ["0127", "Botkyrka ", 40])
    path = write_xlsx(tmp_path / "pop.xlsx", rows)
    assert read_population(path).rows == [
        PopulationRow("00", "Riket", 100),
        PopulationRow("01", "Stockholm", 60),
        PopulationRow("0127", "Botkyrka", 40),
    ]
    assert read_population(path, year=2020).year == 2020


def test_problems_carry_row_and_column(tmp_path: Path) -> None:
    rows = table(
        [None, "Riket", 100],
        ["01", "Stockholm", "många"],  # row 10
        ["0127", "Botkyrka", -5],  # row 11
        ["0127", "Botkyrka", 5],  # row 12
        ["0128", "Salem", 12.5],  # row 13
        ["XX", "Nowhere", 3],  # row 14
    )
    with pytest.raises(SourceError) as error:
        read_population(write_xlsx(tmp_path / "pop.xlsx", rows))
    assert problems_of(error) == [
        (10, "C (Folkmängd)", "not_a_number"),
        (11, "C (Folkmängd)", "negative_value"),
        (13, "C (Folkmängd)", "not_a_number"),
        (14, "A (Kommun)", "bad_code"),
    ]
    # A negative row is not kept, so the second Botkyrka is not a duplicate; a real one is:
    rows = table([None, "Riket", 1], ["0127", "Botkyrka", 5], ["0127", "Botkyrka", 5])
    with pytest.raises(SourceError) as error:
        read_population(write_xlsx(tmp_path / "dup.xlsx", rows))
    assert problems_of(error) == [(11, "A (Kommun)", "duplicate_row")]


def test_missing_year_needs_an_override(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "pop.xlsx", table([None, "Riket", 1], title="Folkmängd"))
    with pytest.raises(SourceError) as error:
        read_population(path)
    assert error.value.codes == {"not_a_year"}
    assert read_population(path, year=2024).year == 2024


def test_missing_header(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as error:
        read_population(write_xlsx(tmp_path / "pop.xlsx", [["Kommun", "Namn", "Antal"]]))
    assert error.value.codes == {"bad_header"}


def test_header_without_rows(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as error:
        read_population(write_xlsx(tmp_path / "pop.xlsx", [[TITLE], *HEADER]))
    assert error.value.codes == {"empty_file"}
