"""Importing targets from CSV: all or nothing, problems by row and column, idempotent, audited."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.utils import translation

from klimatlaget.accounts.actors import command_line
from klimatlaget.audit.models import AuditEntry
from klimatlaget.demo.association import EXAMPLE_TARGETS, REAL_TARGETS
from klimatlaget.organisations.models import Organisation, OrganisationKind
from klimatlaget.sources import SourceError
from klimatlaget.sources.targets_csv import REQUIRED_COLUMNS
from klimatlaget.targets.imports import ACTION, import_targets
from klimatlaget.targets.models import Target

HEADER = [*REQUIRED_COLUMNS, "title", "adopted_on"]
BASE = {
    "organisation": "9101",
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
    "quote": "Utsläppen ska minska med 70 procent till 2030.",
    "title": "",
    "adopted_on": "",
}


def write(path: Path, rows: list[dict[str, str]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, HEADER, delimiter=delimiter)
        writer.writeheader()
        writer.writerows(BASE | row for row in rows)
    return path


def problems(error: pytest.ExceptionInfo[SourceError]) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.column, p.code) for p in error.value.problems]


@pytest.mark.django_db
def test_imports_targets_matching_names_and_codes(example_data, tmp_path):
    rows = [
        {},  # SCB code
        {"organisation": "Strandhamns kommun", "form": "net_zero", "value": "", "base_year": ""},
        {"organisation": "Region Exempellän", "form": "fossil_free", "value": "", "base_year": ""},
        {"organisation": "92", "value": "62,5", "title": "Sjuttio", "adopted_on": "2022-01-31"},
    ]
    path = write(tmp_path / "targets.csv", rows, delimiter=";")
    result = import_targets(path, actor=command_line())
    assert (result.rows_read, result.created, result.updated) == (4, 4, 0)
    assert result.organisations_changed == 4
    stored = {t.organisation.code: t for t in Target.objects.select_related("organisation")}
    assert set(stored) == {"9101", "9102", "91", "92"}
    assert stored["9101"].scopes == ["1", "2"] and stored["9101"].value == 70.0
    assert stored["9102"].form == "net_zero" and stored["9102"].target_year == 2030
    assert stored["92"].value == 62.5 and stored["92"].adopted_on.isoformat() == "2022-01-31"
    assert stored["92"].title == "Sjuttio"


@pytest.mark.django_db
def test_one_bad_row_stores_nothing_and_leaves_existing_targets_alone(example_data, tmp_path):
    import_targets(write(tmp_path / "first.csv", [{}]), actor=command_line())
    before = list(Target.objects.values())
    audit_count = AuditEntry.objects.count()
    rows = [
        {"value": "80"},  # would update the stored target
        {"organisation": "9102", "form": "net_zero", "value": "", "base_year": ""},
        {"organisation": "Atlantis"},
    ]
    with pytest.raises(SourceError) as error:
        import_targets(write(tmp_path / "second.csv", rows), actor=command_line())
    assert problems(error) == [(4, "organisation", "unknown_organisation")]
    assert "second.csv, row 4, column 'organisation'" in str(error.value)
    assert "'Atlantis'" in str(error.value)
    assert list(Target.objects.values()) == before
    assert AuditEntry.objects.count() == audit_count


@pytest.mark.django_db
def test_validation_rules_name_row_and_column(example_data, tmp_path):
    nameless = Organisation.objects.create(
        code="9301", name="Nyby", kind=OrganisationKind.MUNICIPALITY
    )  # no population figures
    rows = [
        {"base_year": "2035"},  # base year after the target year
        {"form": "annual_rate", "value": "120", "base_year": "", "start_year": "2020"},
        {"organisation": nameless.code, "form": "per_capita_level", "value": "1", "base_year": ""},
        {"scopes": "", "target_year": "2031"},
        {"geography": "district", "target_year": "2032"},  # no district named
        {"form": "qualitative", "target_year": "2033"},  # a qualitative target with a value
    ]
    with translation.override("en"), pytest.raises(SourceError) as error:
        import_targets(write(tmp_path / "targets.csv", rows), actor=command_line())
    assert problems(error) == [
        (2, "base_year", "invalid_target"),
        (3, "value", "invalid_target"),
        (4, "per_capita", "invalid_target"),
        (5, "scopes", "invalid_target"),
        (6, "district", "invalid_target"),
        (7, "value", "invalid_target"),
    ]
    messages = [p.message for p in error.value.problems]
    assert messages[0] == "The base year (2035) must be before the target year (2030)."
    assert "got 120" in messages[1]
    assert "needs population figures" in messages[2]
    assert "which scopes" in messages[3]
    assert not Target.objects.exists()


@pytest.mark.django_db
def test_the_source_is_an_address_or_a_document_name(example_data, tmp_path):
    rows = [{}, {"source": "Kommunfullmäktiges protokoll 2022-03-14 § 45", "target_year": "2035"}]
    import_targets(write(tmp_path / "t.csv", rows), actor=command_line())
    assert sorted(Target.objects.values_list("source", flat=True)) == [
        "Kommunfullmäktiges protokoll 2022-03-14 § 45",
        BASE["source"],
    ]


@pytest.mark.django_db
def test_a_projected_population_makes_a_per_inhabitant_target_valid(example_data, tmp_path):
    Organisation.objects.create(code="9301", name="Nyby", kind=OrganisationKind.MUNICIPALITY)
    path = tmp_path / "targets.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, [*HEADER, "projected_population"])
        writer.writeheader()
        row = BASE | {"organisation": "Nyby", "form": "per_capita_level", "value": "1,5"}
        writer.writerow(row | {"base_year": "", "projected_population": "12000"})
    assert import_targets(path, actor=command_line()).created == 1
    assert Target.objects.get().projected_population == 12_000


@pytest.mark.django_db
def test_columns_are_named_as_the_file_writes_them(example_data, tmp_path):
    path = tmp_path / "targets.csv"
    header = [c.replace("_", " ").upper() for c in REQUIRED_COLUMNS]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerow([(BASE | {"start_year": "2040"})[c] for c in REQUIRED_COLUMNS])
    with pytest.raises(SourceError) as error:
        import_targets(path, actor=command_line())
    assert problems(error) == [(2, "START YEAR", "invalid_target")]


@pytest.mark.django_db
def test_the_same_target_twice_in_a_file(example_data, tmp_path):
    with pytest.raises(SourceError) as error:
        import_targets(
            write(tmp_path / "t.csv", [{}, {"organisation": "Ekby", "value": "60"}]),
            actor=command_line(),
        )
    assert problems(error) == [(3, None, "duplicate_row")]
    assert "already on row 2" in str(error.value)


@pytest.mark.django_db
def test_reimport_is_idempotent_and_changes_update_in_place(example_data, tmp_path, users):
    rows = [{}, {"organisation": "Strandhamn", "form": "net_zero", "value": "", "base_year": ""}]
    path = write(tmp_path / "targets.csv", rows)
    first = import_targets(path, actor=users["kansli"])
    assert (first.created, first.updated) == (2, 0)
    entries = AuditEntry.objects.filter(action=ACTION)
    assert entries.count() == 2
    ekby = entries.get(organisation__code="9101")
    assert ekby.actor == users["kansli"]
    assert ekby.changes["percent_reduction 2030 base 1990 (territory, scopes 1,2): value"] == [
        None,
        70.0,
    ]
    assert ekby.summary == "Targets from targets.csv: 1 new target and 0 changed targets"

    again = import_targets(path, actor=command_line())
    assert (again.created, again.updated, again.organisations_changed) == (0, 0, 0)
    assert again.notes and "No changes" in again.notes[0]
    assert Target.objects.count() == 2 and entries.count() == 2

    target_id = Target.objects.get(organisation__code="9101").pk
    changed = write(tmp_path / "targets.csv", [{"value": "75", "status": "proposed"}, rows[1]])
    third = import_targets(changed, actor=command_line())
    assert (third.created, third.updated, third.organisations_changed) == (0, 1, 1)
    target = Target.objects.get(organisation__code="9101")
    assert target.pk == target_id and target.value == 75.0 and target.status == "proposed"
    latest = entries.filter(organisation__code="9101").order_by("-id").first()
    assert latest is not None
    assert latest.changes == {
        "percent_reduction 2030 base 1990 (territory, scopes 1,2): value": [70.0, 75.0],
        "percent_reduction 2030 base 1990 (territory, scopes 1,2): status": [
            "adopted",
            "proposed",
        ],
    }


@pytest.mark.django_db
def test_a_row_with_other_years_or_scopes_is_a_new_target(example_data, tmp_path):
    import_targets(write(tmp_path / "a.csv", [{}]), actor=command_line())
    result = import_targets(
        write(tmp_path / "b.csv", [{"scopes": "1,2,3"}, {"base_year": "2005"}]),
        actor=command_line(),
    )
    assert (result.created, result.updated) == (2, 0)
    assert Target.objects.filter(organisation__code="9101").count() == 3


@pytest.mark.django_db
def test_a_missing_file(db, tmp_path):
    with pytest.raises(SourceError) as error:
        import_targets(tmp_path / "nowhere.csv", actor=command_line())
    assert error.value.codes == {"not_found"}


@pytest.mark.django_db
def test_a_file_over_the_size_limit(example_data, tmp_path, settings):
    settings.KLIMATLAGET_MAX_IMPORT_BYTES = 200
    with pytest.raises(SourceError) as error:
        import_targets(write(tmp_path / "t.csv", [{}] * 5), actor=command_line())
    assert error.value.codes == {"too_large"}


@pytest.mark.django_db
def test_the_example_demo_targets_import_without_problems(example_data):
    result = import_targets(EXAMPLE_TARGETS, actor=command_line())
    assert result.created == result.rows_read >= 15
    forms = set(Target.objects.values_list("form", flat=True))
    assert forms == {
        "percent_reduction",
        "annual_rate",
        "per_capita_level",
        "fossil_free",
        "renewable_100",
        "near_zero",
        "net_zero",
        "no_negative_impact",
        "climate_positive",
        "qualitative",
    }
    assert Target.objects.filter(form="climate_positive", target_year=2040).exists()
    assert Target.objects.filter(status="proposed").exists()
    assert Target.objects.filter(per_capita=True).exists()
    strandhamn = set(
        Target.objects.filter(organisation__code="9102").values_list("geography", flat=True)
    )
    assert {"city", "territory"} <= strandhamn
    assert any(len(t.scopes) > 2 for t in Target.objects.all())  # a scope 1-2-3 target
    assert import_targets(EXAMPLE_TARGETS, actor=command_line()).changed is False


@pytest.mark.django_db
def test_the_real_demo_targets_import_without_problems(real_data):
    result = import_targets(REAL_TARGETS, actor=command_line())
    assert result.created == result.rows_read >= 3
    for target in Target.objects.all():
        assert target.quote and target.notes.startswith("Källdokument: ")
    assert Target.objects.filter(organisation__code="0880", form="net_zero").exists()
