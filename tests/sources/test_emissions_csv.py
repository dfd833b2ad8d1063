from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest

from klimatlaget.sources import (
    EmissionRow,
    NameMatcher,
    SourceError,
    check_names,
    read_emissions_csv,
)

from .helpers import problems_of

HEADER = "municipality,county,year,sector,tco2e\n"
WriteText = Callable[..., Path]


def read_problems(
    write_text: WriteText, body: str, **options: object
) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(SourceError) as error:
        read_emissions_csv(write_text(HEADER + body), **options)  # type: ignore[arg-type]
    return problems_of(error)


def test_real_sector_file(shared_data: Path) -> None:
    emissions = read_emissions_csv(
        shared_data / "emissions" / "municipality_emissions_by_sector.csv"
    )
    assert emissions.kind == "by_sector"
    assert len(emissions.rows) == 33_930
    assert len({row.municipality for row in emissions.rows}) == 290
    first = emissions.rows[0]
    assert first == EmissionRow("Karlshamn", "Blekinge län", 1990, "Arbetsmaskiner", 12648.1)
    assert first.row_number == 2
    assert emissions.file == "municipality_emissions_by_sector.csv"


def test_real_total_file(shared_data: Path) -> None:
    emissions = read_emissions_csv(shared_data / "emissions" / "municipality_emissions_total.csv")
    assert emissions.kind == "total"
    assert len(emissions.rows) == 3_770
    assert all(row.sector is None for row in emissions.rows)


def test_real_sectors_add_up_to_real_totals(shared_data: Path, tmp_path: Path) -> None:
    """Both real files in one: every municipality-year's sectors are checked against its total."""
    sectors = (shared_data / "emissions" / "municipality_emissions_by_sector.csv").read_text(
        "utf-8"
    )
    totals = (shared_data / "emissions" / "municipality_emissions_total.csv").read_text("utf-8")
    combined = sectors + "".join(
        f"{m},{c},{y},Alla,{t}\n"
        for m, c, y, t in (line.split(",") for line in totals.splitlines()[1:])
    )
    path = tmp_path / "combined.csv"
    path.write_text(combined, encoding="utf-8")
    emissions = read_emissions_csv(path)
    assert len(emissions.rows) == 33_930 + 3_770


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "latin-1", "cp1252"])
def test_swedish_names_in_every_encoding(write_text: WriteText, encoding: str) -> None:
    body = "Malmö,Skåne län,2020,Transporter,1\nHåbo,Uppsala län,2020,Transporter,2\n"
    body += "Älmhult,Kronobergs län,2020,Transporter,3\nÖrebro,Örebro län,2020,Transporter,4\n"
    emissions = read_emissions_csv(write_text(HEADER + body, encoding=encoding))
    assert [row.municipality for row in emissions.rows] == ["Malmö", "Håbo", "Älmhult", "Örebro"]
    assert emissions.rows[3].county == "Örebro län"


def test_semicolons_decimal_commas_and_swedish_headers(write_text: WriteText) -> None:
    text = "Kommun;Län;År;Sektor;tCO2e\nMalmö;Skåne län;2020;Transporter;1 234,5\n"
    emissions = read_emissions_csv(write_text(text, encoding="cp1252"))
    assert emissions.rows == [EmissionRow("Malmö", "Skåne län", 2020, "Transporter", 1234.5)]
    assert emissions.municipality_column == "Kommun"


def test_total_file_without_sector_or_county(write_text: WriteText) -> None:
    emissions = read_emissions_csv(write_text("municipality,year,tco2e\nMalmö,2020,10.5\n"))
    assert emissions.kind == "total"
    assert emissions.rows == [EmissionRow("Malmö", None, 2020, None, 10.5)]


@pytest.mark.parametrize("total", ["Alla", "Totalt", "total", ""])
def test_total_sector_names(write_text: WriteText, total: str) -> None:
    body = f"Ale,Västra Götalands län,2020,{total},30\nAle,Västra Götalands län,2020,El,30\n"
    rows = read_emissions_csv(write_text(HEADER + body)).rows
    assert [row.sector for row in rows] == [None, "El"]


def test_header_problems(write_text: WriteText) -> None:
    with pytest.raises(SourceError) as error:
        read_emissions_csv(write_text("municipality,year,year,tco2,\nAle,2020,2020,1,\n"))
    assert problems_of(error) == [
        (1, "year", "bad_header"),
        (1, "tco2", "bad_header"),
        (1, "column 5", "bad_header"),
        (1, None, "bad_header"),
    ]
    assert "The column 'tco2e' is missing." in str(error.value)


def test_row_problems_with_rows_and_columns(write_text: WriteText) -> None:
    this_year = datetime.date.today().year
    body = (
        "Ale,Västra Götalands län,2020,El,1\n"  # row 2: fine
        "Ale,Västra Götalands län,,El,1\n"  # 3
        "Ale,Västra Götalands län,20x0,El,1\n"  # 4
        "Ale,Västra Götalands län,2020.0,El,1\n"  # 5
        "Ale,Västra Götalands län,1969,El,1\n"  # 6
        f"Ale,Västra Götalands län,{this_year},El,1\n"  # 7: not published yet
        "Ale,Västra Götalands län,2020,Jordbruk,abc\n"  # 8
        "Ale,Västra Götalands län,2020,Avfall,-1\n"  # 9
        "Ale,Västra Götalands län,2020,Industri,200000000\n"  # 10
        "Ale,Västra Götalands län,2020,Transporter,\n"  # 11
        ",Västra Götalands län,2020,El,1\n"  # 12
        "Ale,Västra Götalands län,2020,El\n"  # 13
        "Ale,Västra Götalands län,2020,El,1,extra\n"  # 14
    )
    assert read_problems(write_text, body) == [
        (3, "year", "empty_value"),
        (4, "year", "not_a_year"),
        (5, "year", "not_a_year"),
        (6, "year", "year_out_of_range"),
        (7, "year", "future_year"),
        (8, "tco2e", "not_a_number"),
        (9, "tco2e", "negative_value"),
        (10, "tco2e", "absurd_value"),
        (11, "tco2e", "empty_value"),
        (12, "municipality", "empty_value"),
        (13, None, "bad_row"),
        (14, None, "bad_row"),
    ]


def test_trailing_empty_fields_are_accepted(write_text: WriteText) -> None:
    rows = read_emissions_csv(write_text(HEADER + "Ale,Västra Götalands län,2020,El,1,,\n")).rows
    assert len(rows) == 1


def test_max_year_and_max_value_parameters(write_text: WriteText) -> None:
    body = "Ale,Västra Götalands län,2023,El,500\n"
    assert read_problems(write_text, body, max_year=2022) == [(2, "year", "future_year")]
    assert read_problems(write_text, body.replace("2023", "2022"), max_value=100) == [
        (2, "tco2e", "absurd_value"),
    ]


def test_duplicate_rows(write_text: WriteText) -> None:
    body = "Ale,Västra Götalands län,2020,El,1\nALE,Västra Götalands län,2020,El,2\n"
    assert read_problems(write_text, body) == [(3, None, "duplicate_row")]


def test_missing_year(write_text: WriteText) -> None:
    body = (
        "Ale,Västra Götalands län,2020,El,1\n"
        "Ale,Västra Götalands län,2021,El,1\n"
        "Borås,Västra Götalands län,2020,El,1\n"
    )
    with pytest.raises(SourceError) as error:
        read_emissions_csv(write_text(HEADER + body))
    assert problems_of(error) == [(4, "year", "missing_year")]
    assert "Borås has no figures for 2021" in str(error.value)


def test_inconsistent_county(write_text: WriteText) -> None:
    body = "Ale,Västra Götalands län,2020,El,1\nAle,Skåne län,2020,Avfall,1\n"
    assert read_problems(write_text, body) == [(3, "county", "inconsistent_county")]


@pytest.mark.parametrize(
    ("parts", "total", "ok"),
    [
        ((10, 20), 30.9, True),  # within 1 t
        ((10, 20), 31.5, False),
        ((600_000, 400_000), 1_000_900, True),  # within 0.1 %
        ((600_000, 400_000), 1_001_100, False),
    ],
)
def test_sector_sum(write_text: WriteText, parts: tuple[int, int], total: float, ok: bool) -> None:
    body = (
        f"Ale,Västra Götalands län,2020,El,{parts[0]}\n"
        f"Ale,Västra Götalands län,2020,Avfall,{parts[1]}\n"
        f"Ale,Västra Götalands län,2020,Alla,{total}\n"
    )
    if ok:
        assert len(read_emissions_csv(write_text(HEADER + body)).rows) == 3
        return
    with pytest.raises(SourceError) as error:
        read_emissions_csv(write_text(HEADER + body))
    assert problems_of(error) == [(4, "tco2e", "sector_sum_mismatch")]
    message = error.value.problems[0].message
    assert "Ale in 2020" in message
    assert f"{sum(parts):,.1f} t" in message
    assert f"{total:,.1f} t" in message


def test_empty_file(write_text: WriteText) -> None:
    with pytest.raises(SourceError) as error:
        read_emissions_csv(write_text(HEADER))
    assert problems_of(error) == [(None, None, "empty_file")]


def test_problems_are_capped(write_text: WriteText) -> None:
    body = "".join(f"Ale,Västra Götalands län,2020,S{i},x\n" for i in range(250))
    with pytest.raises(SourceError) as error:
        read_emissions_csv(write_text(HEADER + body))
    assert len(error.value.problems) == 200
    assert error.value.omitted == 50


def test_too_large(write_text: WriteText) -> None:
    path = write_text(HEADER + "Ale,Västra Götalands län,2020,El,1\n")
    with pytest.raises(SourceError) as error:
        read_emissions_csv(path, max_bytes=10)
    assert error.value.codes == {"too_large"}


def test_check_names_reports_each_unknown_once(write_text: WriteText) -> None:
    body = (
        "Ale,Västra Götalands län,2020,El,1\n"
        "Atlantis,Västra Götalands län,2020,El,1\n"
        "Atlantis,Västra Götalands län,2020,Avfall,1\n"
        "Falu kommun,Dalarnas län,2020,El,1\n"
    )
    emissions = read_emissions_csv(write_text(HEADER + body))
    problems = check_names(emissions, NameMatcher({"1440": "Ale", "2080": "Falun"}))
    assert [(p.file, p.row, p.column, p.code) for p in problems] == [
        ("data.csv", 3, "municipality", "unknown_municipality"),
    ]
    assert str(problems[0]) == (
        "data.csv, row 3, column 'municipality': 'Atlantis' is not a known municipality."
    )
    assert check_names(emissions.rows, NameMatcher({"1440": "Ale"}), file="x")[0].row == 3
