"""Comparing targets: ranking within scope groups, reference rows, filters, the association's
view, and the same rows from the page's CSV, the API and the CLI."""

import csv
import datetime
import io
import json

import pytest

from klimatlaget.accounts.actors import command_line
from klimatlaget.associations.models import Membership
from klimatlaget.audit.services import record
from klimatlaget.audit.subjects import TARGET
from klimatlaget.calc import MetricParameters
from klimatlaget.calc.targets import Order
from klimatlaget.cli.main import main as cli_main
from klimatlaget.exports.columns import keys
from klimatlaget.organisations.models import Organisation, OrganisationKind
from klimatlaget.targets.comparison import association as association_view
from klimatlaget.targets.comparison.service import COLUMNS, Filters, comparison_rows
from klimatlaget.targets.evaluation import evaluate_all, target_parameters
from klimatlaget.targets.models import Target

pytestmark = pytest.mark.django_db

PARAMS = target_parameters(MetricParameters(current_year=2026))


def add_target(code: str, **fields) -> Target:
    fields.setdefault("scopes", ["1", "2"])
    fields.setdefault("includes_non_energy", True)
    return Target.objects.create(organisation=Organisation.objects.get(code=code), **fields)


@pytest.fixture
def targets(example_data):
    """Strandhamn: near zero by 2030; Tallnäs: net zero by 2050; Mossala: −70 % by 2030 covering
    scope 3; Granvik: a qualitative proposal; Sjököping: a proposed −50 % by 2040."""
    created = {
        "near_zero_2030": add_target("9102", form="near_zero", target_year=2030),
        "net_zero_2050": add_target("9201", form="net_zero", target_year=2050),
        "scope_3": add_target(
            "9105",
            form="percent_reduction",
            value=70,
            base_year=1990,
            target_year=2030,
            scopes=["1", "2", "3-upstream", "3-downstream", "3-transport"],
        ),
        "qualitative": add_target("9104", form="qualitative", status="proposed"),
        "proposed": add_target(
            "9202",
            form="percent_reduction",
            value=50,
            base_year=1990,
            target_year=2040,
            status="proposed",
        ),
    }
    # Targets are normally written by services that record the change; the record is what
    # invalidates the cached evaluation.
    record(
        actor=command_line(),
        subject=TARGET,
        action="targets.test",
    )
    return created


@pytest.fixture
def association(targets):
    """Klimatkommunerna: Strandhamn since 2020, Mossala since 2019, Ekby (no targets) since 2023,
    and Tallnäs from 2015 until mid-2022."""
    network = Organisation.objects.create(
        code="klimatkommunerna", name="Klimatkommunerna", kind=OrganisationKind.ASSOCIATION
    )
    spans = {
        "9102": (datetime.date(2020, 1, 1), None),
        "9105": (datetime.date(2019, 3, 1), None),
        "9101": (datetime.date(2023, 5, 1), None),
        "9201": (datetime.date(2015, 1, 1), datetime.date(2022, 6, 30)),
    }
    for code, (joined, left) in spans.items():
        Membership.objects.create(
            association=network,
            member=Organisation.objects.get(code=code),
            joined=joined,
            left=left,
        )
    return network


def by_key(rows):
    return {row["target_id"] or row["organisation_code"]: row for row in rows}


def test_near_zero_by_2030_ranks_above_net_zero_by_2050(targets):
    rows = by_key(comparison_rows(PARAMS))
    sharp = rows[targets["near_zero_2030"].pk]
    weak = rows[targets["net_zero_2050"].pk]
    assert sharp["scope_group"] == weak["scope_group"] == "1-2"
    assert sharp["rank_in_group"] < weak["rank_in_group"]
    assert sharp["sharpness_years"] < weak["sharpness_years"]
    assert sharp["implied_reduction_1990_at_2030_pct"] == pytest.approx(90.0)


def test_scope_3_targets_are_ranked_in_their_own_group(targets):
    rows = comparison_rows(PARAMS)
    scope_3 = by_key(rows)[targets["scope_3"].pk]
    assert scope_3["scope_group"] == "1-2-3"
    assert scope_3["rank_in_group"] == 1  # the only target in its group
    groups = [row["scope_group"] for row in rows]
    assert groups == sorted(groups, key=["1-2", "1-2-3"].index)  # 1–2 first, then 1–2–3


def test_rows_are_ordered_by_rank_with_the_unranked_last(targets):
    rows = [row for row in comparison_rows(PARAMS) if row["scope_group"] == "1-2"]
    ranks = [row["rank_in_group"] for row in rows]
    ranked = [rank for rank in ranks if rank is not None]
    assert ranked == list(range(1, len(ranked) + 1))
    assert ranks == [*ranked, *[None] * (len(ranks) - len(ranked))]
    qualitative = by_key(rows)[targets["qualitative"].pk]
    assert qualitative["rank_in_group"] is None
    assert qualitative["paris_alignment"] == "not_in_line"


def test_reference_rows_for_sweden_and_the_eu(targets):
    rows = by_key(comparison_rows(PARAMS))
    sweden, eu = rows["SE"], rows["EU"]
    assert sweden["is_reference"] and eu["is_reference"]
    assert (sweden["form"], sweden["target_year"]) == ("net_zero", 2045)
    assert (eu["form"], eu["target_year"]) == ("net_zero", 2050)
    assert sweden["rank_in_group"] is not None and eu["rank_in_group"] is not None
    # Sweden's target is normalised with the nation's series, the sum of the municipalities.
    assert sweden["cumulative_to_2050_t"] > 0
    assert sweden["implied_reduction_1990_at_2045_pct"] == pytest.approx(100.0)
    # The EU's figures come from an index; its cumulative emissions are not in tonnes.
    assert eu["cumulative_to_2050_t"] is None
    assert eu["implied_annual_rate_pct"] > 0
    # Both are normalised and judged like any target: a verdict, never "not assessed".
    assert sweden["paris_alignment"] in {"in_line", "partly", "not_in_line"}
    assert eu["paris_alignment"] in {"in_line", "partly", "not_in_line"}


def test_every_row_has_every_column(targets):
    rows = comparison_rows(PARAMS)
    assert len(rows) == 5 + 2
    for row in rows:
        assert set(keys(COLUMNS)) <= set(row)
    assert all(row["paris_alignment"] for row in rows)


def test_filters(targets):
    def codes(**filters):
        return sorted(r["organisation_code"] for r in comparison_rows(PARAMS, Filters(**filters)))

    assert codes(status="adopted") == ["9102", "9105", "9201", "EU", "SE"]
    assert codes(county="92") == ["9201", "9202", "EU", "SE"]
    assert codes(form="near_zero") == ["9102", "EU", "SE"]
    assert codes(scope_group="1-2-3") == ["9105"]
    not_assessed = codes(verdict="not_in_line")
    assert "9104" in not_assessed and "9102" not in not_assessed


def test_filters_keep_each_targets_rank_among_all(targets):
    everything = by_key(comparison_rows(PARAMS))
    filtered = by_key(comparison_rows(PARAMS, Filters(county="92")))
    tallnas = targets["net_zero_2050"].pk
    assert filtered[tallnas]["rank_in_group"] == everything[tallnas]["rank_in_group"]


def test_adopted_only_ranks_among_adopted(targets):
    adopted = comparison_rows(PARAMS, Filters(status="adopted"))
    assert all(r["status"] == "adopted" for r in adopted)
    ranks = sorted(r["rank_in_group"] for r in adopted if r["scope_group"] == "1-2")
    assert ranks == list(range(1, len(ranks) + 1))


def test_unknown_filter_values_are_errors_only_when_strict():
    assert Filters.from_query({"form": "bogus", "verdict": "in_line"}) == Filters(verdict="in_line")
    with pytest.raises(ValueError, match="form"):
        Filters.from_query({"form": "bogus"}, strict=True)


def test_the_comparison_page_shows_both_groups_and_the_references(client, targets):
    response = client.get("/targets/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-group="1-2"' in html and 'data-group="1-2-3"' in html
    assert 'data-key="ref-SE"' in html and 'data-key="ref-EU"' in html
    assert "Strandhamn" in html and "Mossala" in html
    # The sharper target comes first in its table.
    assert html.index(f'data-key="t{targets["near_zero_2030"].pk}"') < html.index(
        f'data-key="t{targets["net_zero_2050"].pk}"'
    )
    assert 'href="/targets.csv?' in html
    assert 'href="/targets/"' in client.get("/").content.decode()  # the navigation link
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/targets/").content.decode()
    # Verdicts are written out beside their symbol, not shown by colour alone.
    verdict = by_key(comparison_rows(target_parameters()))[targets["near_zero_2030"].pk]
    label = {"in_line": "In line", "partly": "Partly in line", "not_in_line": "Not in line"}
    row = english[english.index(f'data-key="t{targets["near_zero_2030"].pk}"') :]
    assert label[verdict["paris_alignment"]] in row[: row.index("</tr>")]


def test_the_page_filters(client, targets):
    html = client.get("/targets/?scope_group=1-2-3").content.decode()
    assert "Mossala" in html and "Strandhamn" not in html


def test_csv_from_the_page_has_the_same_rows(client, targets):
    response = client.get("/targets.csv?status=adopted")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0]) == keys(COLUMNS)
    expected = comparison_rows(target_parameters(), Filters(status="adopted"))
    assert [r["organisation_code"] for r in rows] == [r["organisation_code"] for r in expected]
    assert [r["rank_in_group"] for r in rows] == [str(r["rank_in_group"]) for r in expected]


def test_api_comparison_json_and_csv(client, targets):
    rows = client.get("/api/targets/comparison?scope_group=1-2").json()
    assert {row["scope_group"] for row in rows} == {"1-2"}
    assert list(rows[0]) == keys(COLUMNS)
    assert {"SE", "EU"} <= {row["organisation_code"] for row in rows}
    response = client.get("/api/targets/comparison?format=csv&county=91")
    lines = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert sorted(r["organisation_code"] for r in lines) == ["9102", "9104", "9105", "EU", "SE"]
    assert client.get("/api/targets/comparison?verdict=bogus").status_code == 422


def test_cli_exports_the_same_rows(targets, capsys, tmp_path):
    assert cli_main(["export", "target-comparison", "--format", "json"]) == 0
    exported = json.loads(capsys.readouterr().out)
    expected = comparison_rows(target_parameters())
    assert [r["organisation_code"] for r in exported] == [r["organisation_code"] for r in expected]
    assert list(exported[0]) == keys(COLUMNS)
    output = tmp_path / "targets.csv"
    assert cli_main(["export", "target-comparison", "--status", "adopted", "-o", str(output)]) == 0
    rows = list(csv.DictReader(io.StringIO(output.read_text(encoding="utf-8"))))
    assert {r["status"] for r in rows} == {"adopted"}
    assert cli_main(["export", "target-comparison", "--form", "bogus"]) == 2


def test_association_counts_members_of_the_year(association):
    summary = association_view.summarise(association, 2024, PARAMS)
    assert [m["code"] for m in summary.members] == ["9101", "9105", "9102"]  # by name
    assert sum(summary.verdict_counts.values()) == 3
    assert summary.verdict_counts["no_target"] == 1  # Ekby
    evaluated = evaluate_all(PARAMS)
    for code in ("9102", "9105"):
        verdict = evaluated[code].alignment.verdict.value
        assert next(m for m in summary.members if m["code"] == code)["verdict"] == verdict
    assert summary.form_counts == {"percent_reduction": 1, "near_zero": 1}
    assert summary.scope_group_counts == {"1-2": 1, "1-2-3": 1}


def test_a_member_who_left_before_the_year_is_not_counted(association):
    in_2024 = association_view.summarise(association, 2024, PARAMS)
    assert "9201" not in {m["code"] for m in in_2024.members}
    in_2022 = association_view.summarise(association, 2022, PARAMS)  # left mid-2022
    assert "9201" in {m["code"] for m in in_2022.members}
    assert "9101" not in {m["code"] for m in in_2022.members}  # joined 2023
    assert in_2022.form_counts == {"percent_reduction": 1, "near_zero": 1, "net_zero": 1}


def test_a_target_counts_from_the_year_it_was_adopted(association):
    add_target("9101", form="near_zero", target_year=2030, adopted_on=datetime.date(2025, 2, 1))
    ekby = {
        year: next(
            m
            for m in association_view.summarise(association, year, PARAMS).members
            if m["code"] == "9101"
        )
        for year in (2024, 2025)
    }
    assert (ekby[2024]["verdict"], ekby[2024]["adopted_targets"]) == ("no_target", 0)
    assert ekby[2025]["adopted_targets"] == 1
    assert ekby[2025]["verdict"] == evaluate_all(PARAMS)["9101"].alignment.verdict.value


def test_association_page_api_and_csv(client, association):
    html = client.get("/targets/association/?association=klimatkommunerna&year=2024")
    assert html.status_code == 200
    text = html.content.decode()
    assert "Klimatkommunerna" in text and "Ekby" in text and "Tallnäs" not in text
    assert 'id="verdict-counts"' in text and "<svg" in text
    assert client.get("/targets/association/").content.decode().count("Ekby") >= 1  # defaults
    data = client.get("/api/targets/association?association=klimatkommunerna&year=2024").json()
    assert data["member_count"] == 3
    assert data["verdict_counts"]["no_target"] == 1
    assert sum(data["verdict_counts"].values()) == 3
    response = client.get("/targets/association/?association=klimatkommunerna&year=2024&format=csv")
    members = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [m["code"] for m in members] == ["9101", "9105", "9102"]
    assert client.get("/api/targets/association?association=nope").status_code == 404
    assert client.get("/targets/association/?association=nope").status_code == 404


def test_pathways_page_chart_table_and_csv(client, targets):
    response = client.get("/targets/pathways/?org=9102&org=9201")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and 'id="pathway-table"' in html
    assert "Strandhamn" in html and "Tallnäs" in html
    assert html.count("<polyline") + html.count("<path") >= 6
    response = client.get("/targets/pathways/?org=9102&org=9201&format=csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["organisation_code"] for r in rows} == {"9102", "9201"}
    strandhamn_2030 = next(
        r for r in rows if r["organisation_code"] == "9102" and r["year"] == "2030"
    )
    tallnas_2050 = next(r for r in rows if r["organisation_code"] == "9201" and r["year"] == "2050")
    assert float(strandhamn_2030["target_t"]) > 0  # near zero leaves 10 % of 1990
    assert float(tallnas_2050["target_t"]) == 0.0  # net zero
    assert strandhamn_2030["trend_t"] and strandhamn_2030["carbon_law_t"]


def test_pathways_page_without_a_choice_shows_the_form(client, targets):
    html = client.get("/targets/pathways/?org=9999").content.decode()
    assert 'name="org"' in html and "9999" in html and "<svg" not in html


def more_targets(targets):
    """Ekby: −95 % by 2030; Granvik: the city climate neutral by 2030 (no city data)."""
    added = {
        "ninety_five": add_target(
            "9101", form="percent_reduction", value=95, base_year=1990, target_year=2030
        ),
        "city": add_target("9104", form="net_zero", target_year=2030, geography="city"),
    }
    record(actor=command_line(), subject=TARGET, action="targets.test")
    return {**targets, **added}


def test_the_ladder_is_the_default_order_and_reduction_an_option(targets, client, capsys):
    """−95 % by 2030 stops short of zero, so the ladder ranks it below net zero by 2050; by the
    implied reduction it is the sharper of the two."""
    created = more_targets(targets)
    ninety_five, net_zero = created["ninety_five"].pk, created["net_zero_2050"].pk
    ladder = by_key(comparison_rows(PARAMS))
    reduction = by_key(comparison_rows(PARAMS, Filters(order=Order.REDUCTION)))
    assert ladder[ninety_five]["ladder_rung"] == "percent"
    assert ladder[net_zero]["ladder_rung"] == "climate_neutral"
    assert ladder[ninety_five]["rank_in_group"] > ladder[net_zero]["rank_in_group"]
    assert reduction[ninety_five]["rank_in_group"] < reduction[net_zero]["rank_in_group"]
    assert Filters.from_query({"order": "reduction"}).order == Order.REDUCTION
    with pytest.raises(ValueError, match="order"):
        Filters.from_query({"order": "bogus"}, strict=True)
    # The page, its CSV, the API and the CLI all take the option.
    page = client.get("/targets/?order=reduction").content.decode()
    assert page.index(f'data-key="t{ninety_five}"') < page.index(f'data-key="t{net_zero}"')
    page = client.get("/targets/").content.decode()
    assert page.index(f'data-key="t{net_zero}"') < page.index(f'data-key="t{ninety_five}"')
    lines = csv.DictReader(io.StringIO(client.get("/targets.csv?order=reduction").content.decode()))
    assert {r["target_id"]: r["rank_in_group"] for r in lines}[str(ninety_five)] == str(
        reduction[ninety_five]["rank_in_group"]
    )
    api = client.get("/api/targets/comparison?order=reduction").json()
    assert [r["target_id"] for r in api] == [
        r["target_id"] for r in comparison_rows(PARAMS, Filters(order=Order.REDUCTION))
    ]
    assert client.get("/api/targets/comparison?order=bogus").status_code == 422
    assert (
        cli_main(["export", "target-comparison", "--format", "json", "--order", "reduction"]) == 0
    )
    exported = json.loads(capsys.readouterr().out)
    assert [r["target_id"] for r in exported] == [r["target_id"] for r in api]


def test_a_ranked_target_that_is_not_assessed_says_why(targets, client):
    """The city target ranks first by its wording (climate neutral, 2030), but there are no city
    data to judge it on: the page says so beside the verdict."""
    city = more_targets(targets)["city"].pk
    row = by_key(comparison_rows(PARAMS))[city]
    assert (row["rank_in_group"], row["paris_alignment"]) == (1, "not_assessed")
    assert row["ladder_rung"] == "climate_neutral_part"
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/targets/").content.decode()
    shown = html[html.index(f'data-key="t{city}"') :]
    shown = shown[: shown.index("</tr>")]
    assert "Ranked by what the target states; not assessed, because:" in shown
    assert "There are no emissions data for the city or urban area" in shown
    assert "Ranked by what the target states" not in html[: html.index(f'data-key="t{city}"')]
