"""The targets CSV reader: every cell checked, every problem by row and column, Excel variants."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from klimatlaget.calc.targets import Form, Geography, Scope
from klimatlaget.calc.targets.spec import SCOPE_3
from klimatlaget.sources import SourceError
from klimatlaget.sources.targets_csv import (
    REQUIRED_COLUMNS,
    TARGET_PROBLEM_CODES,
    read_targets_csv,
)

from .helpers import problems_of

HEADER = list(REQUIRED_COLUMNS)
GOOD = {
    "organisation": "Ekby",
    "geography": "territory",
    "district": "",
    "scopes": "1,2",
    "includes_non_energy": "true",
    "form": "percent_reduction",
    "value": "70",
    "base_year": "1990",
    "start_year": "",
    "target_year": "2030",
    "per_capita": "false",
    "status": "adopted",
    "source": "https://ekby.example/plan.pdf",
    "quote": "Utsläppen ska minska med 70 procent.",
}


def write(
    path: Path,
    rows: list[dict[str, str]],
    *,
    header: list[str] | None = None,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    columns = header or HEADER

    def line(cells: list[str]) -> str:
        return delimiter.join(
            f'"{c}"' if (delimiter in c or '"' in c or "," in c) else c for c in cells
        )

    text = "\n".join([line(columns), *(line([row.get(c, "") for c in columns]) for row in rows)])
    path.write_bytes((text + "\n").encode(encoding))
    return path


def test_reads_a_good_file(tmp_path: Path) -> None:
    parsed = read_targets_csv(write(tmp_path / "t.csv", [GOOD]))
    (row,) = parsed.rows
    assert row.row_number == 2
    assert row.organisation == "Ekby"
    assert row.geography == Geography.TERRITORY
    assert row.form == Form.PERCENT_REDUCTION
    assert row.scopes == frozenset({Scope.SCOPE_1, Scope.SCOPE_2})
    assert (row.value, row.base_year, row.start_year, row.target_year) == (70.0, 1990, None, 2030)
    assert row.includes_non_energy is True and row.per_capita is False
    assert row.status == "adopted"
    assert parsed.column("target_year") == "target_year"


def test_swedish_excel_export_semicolons_cp1252_and_decimal_commas(tmp_path: Path) -> None:
    row = GOOD | {
        "organisation": "Björkås kommun",
        "form": "per_capita_level",
        "value": "1,5",
        "base_year": "",
        "includes_non_energy": "ja",
        "per_capita": "Nej",
    }
    path = write(tmp_path / "t.csv", [row], delimiter=";", encoding="cp1252")
    (parsed,) = read_targets_csv(path).rows
    assert parsed.organisation == "Björkås kommun"
    assert parsed.value == 1.5
    assert parsed.includes_non_energy is True and parsed.per_capita is False


def test_utf8_with_bom_and_a_quoted_decimal_comma(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", [GOOD | {"value": "12,5", "organisation": "Älvmo"}])
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    (parsed,) = read_targets_csv(path).rows
    assert parsed.value == 12.5 and parsed.organisation == "Älvmo"


def test_optional_columns_and_header_spellings(tmp_path: Path) -> None:
    header = [c.replace("_", " ").title() for c in HEADER] + [
        "title",
        "adopted_on",
        "notes",
        "projected_population",
    ]
    row = {h: GOOD[c] for h, c in zip(header, HEADER, strict=False)} | {
        "title": "Sjuttio procent",
        "adopted_on": "2021-03-15",
        "notes": "n",
        "projected_population": "20 000",
    }
    (parsed,) = read_targets_csv(write(tmp_path / "t.csv", [row], header=header)).rows
    assert parsed.title == "Sjuttio procent"
    assert parsed.adopted_on == datetime.date(2021, 3, 15)
    assert parsed.projected_population == 20_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [("yes", True), ("1", True), ("JA", True), ("no", False), ("0", False), ("nej", False)],
)
def test_boolean_spellings(tmp_path: Path, text: str, expected: bool) -> None:
    row = GOOD | {"per_capita": text, "includes_non_energy": text}
    (parsed,) = read_targets_csv(write(tmp_path / "t.csv", [row])).rows
    assert parsed.per_capita is expected and parsed.includes_non_energy is expected


def test_empty_booleans_and_status_take_their_defaults(tmp_path: Path) -> None:
    row = GOOD | {"per_capita": "", "includes_non_energy": "", "status": ""}
    (parsed,) = read_targets_csv(write(tmp_path / "t.csv", [row])).rows
    assert parsed.per_capita is False
    assert parsed.includes_non_energy is None
    assert parsed.status == "adopted"
    row = GOOD | {"includes_non_energy": "unknown", "status": "proposed"}
    (parsed,) = read_targets_csv(write(tmp_path / "t.csv", [row])).rows
    assert parsed.includes_non_energy is None and parsed.status == "proposed"


def test_a_bare_3_means_all_scope_3_categories(tmp_path: Path) -> None:
    (parsed,) = read_targets_csv(write(tmp_path / "t.csv", [GOOD | {"scopes": "1, 2, 3"}])).rows
    assert parsed.scopes == frozenset({Scope.SCOPE_1, Scope.SCOPE_2}) | SCOPE_3


def test_every_bad_cell_is_reported_with_row_and_column(tmp_path: Path) -> None:
    rows = [
        GOOD,
        GOOD | {"form": "halved", "geography": "planet"},
        GOOD | {"value": "seventy", "target_year": "30"},
        GOOD | {"per_capita": "maybe", "includes_non_energy": "perhaps", "status": "dreamt"},
        GOOD | {"scopes": "1,4", "organisation": ""},
    ]
    with pytest.raises(SourceError) as error:
        read_targets_csv(write(tmp_path / "targets.csv", rows))
    assert problems_of(error) == [
        (3, "geography", "unknown_choice"),
        (3, "form", "unknown_choice"),
        (4, "value", "not_a_number"),
        (4, "target_year", "not_a_year"),
        (5, "status", "unknown_choice"),
        (5, "includes_non_energy", "unknown_choice"),
        (5, "per_capita", "unknown_choice"),
        (6, "organisation", "empty_value"),
        (6, "scopes", "bad_scope"),
    ]
    text = str(error.value)
    assert "targets.csv, row 3, column 'form': Unknown form 'halved'" in text
    assert "'1,4': unknown scope '4'" in text
    assert {p.code for p in error.value.problems} <= set(TARGET_PROBLEM_CODES) | {
        "not_a_number",
        "not_a_year",
        "empty_value",
    }


def test_bad_date_and_population(tmp_path: Path) -> None:
    header = [*HEADER, "adopted_on", "projected_population"]
    row = GOOD | {"adopted_on": "15/3/2021", "projected_population": "many"}
    with pytest.raises(SourceError) as error:
        read_targets_csv(write(tmp_path / "t.csv", [row], header=header))
    assert problems_of(error) == [
        (2, "adopted_on", "bad_date"),
        (2, "projected_population", "not_a_number"),
    ]


def test_missing_unknown_and_repeated_columns(tmp_path: Path) -> None:
    header = [c for c in HEADER if c not in {"form", "quote"}] + ["colour", "scopes"]
    with pytest.raises(SourceError) as error:
        read_targets_csv(write(tmp_path / "t.csv", [GOOD], header=header))
    assert problems_of(error) == [
        (1, "colour", "bad_header"),
        (1, "scopes", "bad_header"),
        (1, "form", "bad_header"),
        (1, "quote", "bad_header"),
    ]
    assert "The column 'form' is missing." in str(error.value)


def test_a_row_with_too_many_fields(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", [GOOD])
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + ",extra\n", encoding="utf-8")
    with pytest.raises(SourceError) as error:
        read_targets_csv(path)
    assert problems_of(error) == [(2, None, "bad_row")]


def test_text_longer_than_the_column_allows(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as error:
        read_targets_csv(write(tmp_path / "t.csv", [GOOD | {"source": "x" * 501}]))
    assert problems_of(error) == [(2, "source", "too_long")]


def test_empty_file_and_header_only(tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    with pytest.raises(SourceError) as error:
        read_targets_csv(tmp_path / "empty.csv")
    assert error.value.codes == {"empty_file"}
    with pytest.raises(SourceError) as error:
        read_targets_csv(write(tmp_path / "t.csv", []))
    assert error.value.codes == {"empty_file"}


def test_oversized_file(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", [GOOD] * 20)
    with pytest.raises(SourceError) as error:
        read_targets_csv(path, max_bytes=100)
    assert error.value.codes == {"too_large"}
