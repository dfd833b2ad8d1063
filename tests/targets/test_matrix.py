"""The experts' matrix: wordings by target year per scope group, on the page, as CSV, in the
API."""

import csv
import io

import pytest

from klimatlaget.accounts.actors import command_line
from klimatlaget.audit.services import record
from klimatlaget.audit.subjects import TARGET
from klimatlaget.calc import MetricParameters
from klimatlaget.exports.columns import keys
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.comparison.matrix import (
    COLUMN_KEYS,
    CSV_COLUMNS,
    build_matrices,
    matrix_entries,
    year_column,
)
from klimatlaget.targets.comparison.service import Filters, comparison_rows
from klimatlaget.targets.evaluation import target_parameters
from klimatlaget.targets.models import Target

pytestmark = pytest.mark.django_db

PARAMS = target_parameters(MetricParameters(current_year=2026))


def add_target(code: str, **fields) -> Target:
    fields.setdefault("scopes", ["1", "2"])
    fields.setdefault("includes_non_energy", True)
    return Target.objects.create(organisation=Organisation.objects.get(code=code), **fields)


@pytest.fixture
def targets(example_data):
    created = {
        "near_zero": add_target("9102", form="near_zero", target_year=2030),
        "city": add_target("9104", form="net_zero", target_year=2032, geography="city"),
        "percent": add_target(
            "9201", form="percent_reduction", value=60, base_year=1990, target_year=2055
        ),
        "scope_3": add_target(
            "9105",
            form="fossil_free",
            target_year=2040,
            scopes=["1", "2", "3-upstream"],
        ),
        "qualitative": add_target("9202", form="qualitative"),
    }
    record(actor=command_line(), subject=TARGET, action="targets.test")
    return created


def test_year_columns() -> None:
    assert [year_column(y) for y in (2020, 2030, 2031, 2035, 2049, 2050, 2051)] == [
        "2030",
        "2030",
        "2035",
        "2035",
        "2050",
        "2050",
        "later",
    ]
    assert COLUMN_KEYS == ("2030", "2035", "2040", "2045", "2050", "later")


def cell(matrices, group: str, rung: str, column: str) -> list[str]:
    matrix = next(m for m in matrices if m.scope_group == group)
    row = next(r for r in matrix.rows if r.rung == rung)
    return [entry["key"] for entry in row.cells[COLUMN_KEYS.index(column)]]


def test_the_matrix_places_each_ranked_target_by_wording_and_year(targets) -> None:
    matrices = build_matrices(matrix_entries(PARAMS, Filters()))
    assert [m.scope_group for m in matrices] == ["1-2", "1-2-3"]
    assert [r.rung for r in matrices[0].rows][:3] == [
        "climate_positive",
        "climate_neutral",
        "climate_neutral_part",
    ]
    assert cell(matrices, "1-2", "near_zero", "2030") == [f"t{targets['near_zero'].pk}"]
    assert cell(matrices, "1-2", "climate_neutral_part", "2035") == [f"t{targets['city'].pk}"]
    assert cell(matrices, "1-2", "percent", "later") == [f"t{targets['percent'].pk}"]
    assert cell(matrices, "1-2-3", "fossil_free", "2040") == [f"t{targets['scope_3'].pk}"]
    # Sweden's net zero by 2045 and the EU's by 2050, marked as references.
    assert cell(matrices, "1-2", "climate_neutral", "2045") == ["ref-SE"]
    assert cell(matrices, "1-2", "climate_neutral", "2050") == ["ref-EU"]
    # The qualitative target is not ranked, so not placed; every ranked target is, once.
    placed = [e["key"] for m in matrices for r in m.rows for c in r.cells for e in c]
    ranked = [r["key"] for r in comparison_rows(PARAMS) if r["rank_in_group"] is not None]
    assert sorted(placed) == sorted(ranked)
    assert f"t{targets['qualitative'].pk}" not in placed


def test_the_matrix_ignores_the_reduction_order(targets) -> None:
    ladder = matrix_entries(PARAMS, Filters())
    assert matrix_entries(PARAMS, Filters(order="reduction")) == ladder  # type: ignore[arg-type]


def test_page_csv_and_api(client, targets) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/targets/matrix/").content.decode()
    assert 'data-group="1-2"' in html and 'data-group="1-2-3"' in html
    assert f'data-key="t{targets["near_zero"].pk}"' in html
    assert 'class="reference" data-key="ref-SE"' in html
    assert 'href="/targets/matrix.csv?' in html
    assert 'href="/targets/matrix/?' in client.get("/targets/").content.decode()
    only_wide = client.get("/targets/matrix/?scope_group=1-2-3").content.decode()
    assert 'data-group="1-2"' not in only_wide
    response = client.get("/targets/matrix.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0]) == keys(CSV_COLUMNS)
    se = next(r for r in rows if r["organisation_code"] == "SE")
    assert (se["ladder_rung"], se["year_column"], se["is_reference"]) == (
        "climate_neutral",
        "2045",
        "true",
    )
    api = client.get("/api/targets/matrix?scope_group=1-2").json()
    assert api["columns"] == list(COLUMN_KEYS)
    assert [g["scope_group"] for g in api["groups"]] == ["1-2"]
    neutral = next(r for r in api["groups"][0]["rows"] if r["ladder_rung"] == "climate_neutral")
    assert [e["organisation_code"] for e in neutral["cells"]["2045"]] == ["SE"]
    assert neutral["cells"]["2045"][0]["is_reference"] is True
    api_csv = client.get("/api/targets/matrix?format=csv").content.decode()
    assert len(list(csv.DictReader(io.StringIO(api_csv)))) == len(rows)
    assert client.get("/api/targets/matrix?scope_group=bogus").status_code == 422
