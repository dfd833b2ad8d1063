from __future__ import annotations

from pathlib import Path

import openpyxl  # type: ignore[import-untyped, unused-ignore]
import pytest

from klimatlaget.sources import (
    EmissionRow,
    SourceError,
    read_emissions_csv,
    read_smhi_workbook,
    write_smhi_workbook,
)

from .helpers import problems_of, write_xlsx

LABELS: list[object] = ["Huvudsektor", "Undersektor", "Län", "Kommun"]
COUNTY = "Västra Götalands län"


def key(row: EmissionRow) -> tuple[str, int, str]:
    return (row.municipality, row.year, row.sector or "")


def workbook(tmp_path: Path, *data: list[object], years: tuple[object, ...] = (2015, 2016)) -> Path:
    """Title rows, years on row 3 above the labels on row 4; data from row 5."""
    rows: list[list[object]] = [["Nationella emissionsdatabasen"], [None], [None] * 4 + list(years)]
    rows += [list(LABELS), *data]
    return write_xlsx(tmp_path / "smhi.xlsx", rows)


def ale(sector: str, subsector: str, *values: object) -> list[object]:
    return [sector, subsector, COUNTY, "Ale", *values]


@pytest.fixture(scope="module")
def real_sectors(shared_data: Path) -> list[EmissionRow]:
    path = shared_data / "emissions" / "municipality_emissions_by_sector.csv"
    return read_emissions_csv(path).rows


def test_round_trip_of_the_real_sector_file(
    real_sectors: list[EmissionRow], tmp_path: Path
) -> None:
    path = tmp_path / "smhi.xlsx"
    write_smhi_workbook(real_sectors, path)
    emissions = read_smhi_workbook(path)
    assert emissions.kind == "by_sector"
    assert len({row.municipality for row in emissions.rows}) == 290
    assert sorted(emissions.rows, key=key) == sorted(real_sectors, key=key)


def test_real_sectors_against_smhi_totals(
    shared_data: Path, real_sectors: list[EmissionRow], tmp_path: Path
) -> None:
    """SMHI's own totals (the total file) as the 'Alla' rows: every sector sum is checked."""
    totals = read_emissions_csv(shared_data / "emissions" / "municipality_emissions_total.csv")
    path = tmp_path / "smhi.xlsx"
    write_smhi_workbook(real_sectors + totals.rows, path, split_header=False, years_as_text=True)
    assert len(read_smhi_workbook(path).rows) == len(real_sectors)


def test_written_layout(tmp_path: Path) -> None:
    rows = [
        EmissionRow("Ale", COUNTY, 2015, "El", 1.5),
        EmissionRow("Ale", COUNTY, 2015, "Avfall", 2.0),
        EmissionRow("Malmö", "Skåne län", 2015, "El", 4.0),
    ]
    path = tmp_path / "smhi.xlsx"
    write_smhi_workbook(rows, path)
    sheet = openpyxl.load_workbook(path).active
    values = [list(row) for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert values == [
        [None, None, None, None, 2015],
        [*LABELS, None],
        ["Alla", "Alla", "Alla", "Alla", 7.5],
        ["Alla", "Alla", "Skåne län", "Alla", 4.0],
        ["Alla", "Alla", COUNTY, "Alla", 3.5],
        ["Alla", "Alla", "Skåne län", "Malmö", 4.0],
        ["El", "Alla", "Skåne län", "Malmö", 4.0],
        ["Alla", "Alla", COUNTY, "Ale", 3.5],
        ["El", "Alla", COUNTY, "Ale", 1.5],
        ["Avfall", "Alla", COUNTY, "Ale", 2.0],
    ]


@pytest.mark.parametrize("years", [(2015, 2016), ("2015", "2016"), (2015.0, 2016.0)])
def test_years_on_the_label_row(tmp_path: Path, years: tuple[object, ...]) -> None:
    path = write_xlsx(
        tmp_path / "smhi.xlsx",
        [["Titel"], LABELS + list(years), ale("El", "Alla", 1, 2), ale("Alla", "Alla", 1, 2)],
    )
    assert read_smhi_workbook(path).rows == [
        EmissionRow("Ale", COUNTY, 2015, "El", 1.0),
        EmissionRow("Ale", COUNTY, 2016, "El", 2.0),
    ]


def test_alla_rows_and_missing_values(tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        ["Alla", "Alla", "Alla", "Alla", 999, 999],  # the nation: skipped
        ["Alla", "Alla", COUNTY, "Alla", 999, 999],  # the county: skipped
        ["El", "Alla", COUNTY, "Alla", 999, 999],  # the county's sector: skipped
        ale("Alla", "Alla", 30, 5),
        ale("El", "Alla", 10, "-"),  # '-' no figure; the 2016 sum is not checked
        ale("Avfall", "Alla", 20, ".."),
        ale("Jordbruk", "Alla", None, None),
    )
    emissions = read_smhi_workbook(path)
    assert emissions.rows == [
        EmissionRow("Ale", COUNTY, 2015, "El", 10.0),
        EmissionRow("Ale", COUNTY, 2015, "Avfall", 20.0),
    ]
    assert emissions.rows[0].row_number == 9
    assert emissions.municipality_column == "D (Kommun)"


def test_only_totals(tmp_path: Path) -> None:
    emissions = read_smhi_workbook(workbook(tmp_path, ale("Alla", "Alla", 30, 31)))
    assert emissions.kind == "total"
    assert [row.sector for row in emissions.rows] == [None, None]


def test_cell_problems_name_row_column_and_year(tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        ale("El", "Alla", "abc", 1),  # row 5
        ale("Avfall", "Alla", 2, -3),  # row 6
        ale("Industri", "Alla", 2e9, "1,5"),  # row 7: decimal comma text is fine
        ["Transporter", "Alla", COUNTY, None, 1, 1],  # row 8
    )
    with pytest.raises(SourceError) as error:
        read_smhi_workbook(path)
    assert problems_of(error) == [
        (5, "E (2015)", "not_a_number"),
        (6, "F (2016)", "negative_value"),
        (7, "E (2015)", "absurd_value"),
        (8, "D (Kommun)", "empty_value"),
    ]


def test_sector_sum_mismatch_is_reported_on_the_total(tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        ale("Alla", "Alla", 30.5, 100),  # row 5
        ale("El", "Alla", 10, 10),
        ale("Avfall", "Alla", 20, 20),
    )
    with pytest.raises(SourceError) as error:
        read_smhi_workbook(path)
    assert problems_of(error) == [(5, "F (2016)", "sector_sum_mismatch")]
    assert "Ale in 2016 add up to 30.0 t, but the total given is 100.0 t" in str(error.value)


def test_sub_sectors_must_add_up_to_their_main_sector(tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        ale("Transporter", "Alla", 10, 10),  # row 5
        ale("Transporter", "Personbilar", 6, 6),
        ale("Transporter", "Lastbilar", 4, 2),
        ale("El", "Alla", 5, 5),  # row 8
        ale("El", "Fjärrvärme", 5, ".."),  # a hidden part: 2016 is not checked
        ale("El", "Elproduktion", 2, 2),
    )
    with pytest.raises(SourceError) as error:
        read_smhi_workbook(path)
    assert problems_of(error) == [
        (5, "F (2016)", "sector_sum_mismatch"),
        (8, "E (2015)", "sector_sum_mismatch"),
    ]
    assert "sub-sectors of Transporter in Ale in 2016 add up to 8.0 t" in str(error.value)


def test_duplicate_and_missing_year(tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        ale("El", "Alla", 1, 1),
        ale("El", "Alla", 1, 1),  # row 6
        ["El", "Alla", COUNTY, "Borås", 1, None],  # row 7: nothing for 2016
    )
    with pytest.raises(SourceError) as error:
        read_smhi_workbook(path)
    assert problems_of(error) == [
        (6, None, "duplicate_row"),
        (7, None, "missing_year"),
    ]


def test_year_columns_are_checked(tmp_path: Path) -> None:
    path = workbook(tmp_path, ale("El", "Alla", 1, 1, 1), years=(1960, 2016, 2016))
    with pytest.raises(SourceError) as error:
        read_smhi_workbook(path, max_year=2015)
    assert problems_of(error) == [
        (3, "E (1960)", "year_out_of_range"),
        (3, "F (2016)", "future_year"),
        (3, "G (2016)", "bad_header"),
    ]


def test_not_an_smhi_workbook(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as error:
        read_smhi_workbook(write_xlsx(tmp_path / "x.xlsx", [["Kommun", "År"], ["Ale", 2020]]))
    assert error.value.codes == {"bad_header"}


def test_labels_without_years(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as error:
        read_smhi_workbook(write_xlsx(tmp_path / "x.xlsx", [LABELS, ale("El", "Alla")]))
    assert problems_of(error) == [(1, None, "bad_header")]


def test_empty_workbook_body(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as error:
        read_smhi_workbook(workbook(tmp_path, ["Alla", "Alla", "Alla", "Alla", 1, 1]))
    assert error.value.codes == {"empty_file"}


def test_workbook_over_the_size_limit(tmp_path: Path) -> None:
    path = workbook(tmp_path, ale("El", "Alla", 1, 1))
    with pytest.raises(SourceError) as error:
        read_smhi_workbook(path, max_bytes=1000)
    assert problems_of(error) == [(None, None, "too_large")]
    assert "limit of 1000 bytes" in str(error.value)


def test_a_bad_sector_value_does_not_also_break_the_sum(tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        ale("Alla", "Alla", 30, 30),
        ale("El", "Alla", 10, 10),
        ale("Avfall", "Alla", 20, "tjugo"),  # row 7
    )
    with pytest.raises(SourceError) as error:
        read_smhi_workbook(path)
    assert problems_of(error) == [(7, "F (2016)", "not_a_number")]
