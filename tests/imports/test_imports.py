"""Importing the official files: everything or nothing, idempotent, audited."""

from collections import Counter

import pytest

from klimatlaget.accounts.actors import command_line
from klimatlaget.audit.models import AuditEntry
from klimatlaget.emissions.models import Emission
from klimatlaget.imports.models import ImportRun
from klimatlaget.imports.services import import_emissions, import_population, import_scb_codes
from klimatlaget.organisations.models import Organisation, OrganisationKind, Population
from klimatlaget.sources import SourceError

pytestmark = pytest.mark.django_db


def test_the_real_files_give_290_municipalities_21_counties_and_all_emissions(real_data):
    assert Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).count() == 290
    assert Organisation.objects.filter(kind=OrganisationKind.COUNTY).count() == 21
    assert Organisation.objects.get(code="00").kind == OrganisationKind.NATION
    assert Organisation.objects.get(code="0180").county.code == "01"
    assert Emission.objects.count() == 33_930
    assert Population.objects.get(organisation__code="0127", year=2024).inhabitants == 95_905
    assert Population.objects.get(organisation__code="00", year=2024).inhabitants == 10_587_710


def test_every_changed_organisation_gets_one_entry_in_its_history(real_data):
    def entries(action: str) -> dict[str, int]:
        rows = AuditEntry.objects.filter(action=f"klimatlaget.{action}")
        return dict(Counter(rows.values_list("organisation__code", flat=True)))

    codes = set(Organisation.objects.values_list("code", flat=True))
    with_emissions = set(Emission.objects.values_list("organisation__code", flat=True))
    assert entries("organisation.created") == dict.fromkeys(codes, 1)
    assert entries("population.imported") == dict.fromkeys(codes, 2)  # 2023 and 2024
    assert entries("emissions.imported") == dict.fromkeys(with_emissions, 1)
    stockholm = AuditEntry.objects.get(
        action="klimatlaget.emissions.imported", organisation__code="0180"
    )
    stored = Emission.objects.filter(organisation__code="0180")
    assert len(stockholm.changes) == stored.count()
    assert stockholm.actor_label and stockholm.timestamp


def test_reimporting_the_same_file_changes_and_records_nothing(real_data):
    path = real_data / "emissions" / "municipality_emissions_by_sector.csv"
    entries, runs = AuditEntry.objects.count(), ImportRun.objects.count()
    result = import_emissions(path, actor=command_line())
    assert not result.changed
    assert (AuditEntry.objects.count(), ImportRun.objects.count()) == (entries, runs)
    assert (
        import_scb_codes(real_data / "scb" / "kommunlankod_2023.xls", actor=command_line()).changed
        is False
    )
    assert (
        import_population(
            real_data / "scb" / "be0101_tabhel2024.xlsx", actor=command_line()
        ).changed
        is False
    )


def test_a_changed_value_is_updated_and_its_old_and_new_value_recorded(example_data, tmp_path):
    text = example_data["emissions"].read_text(encoding="utf-8").splitlines()
    header, first, *rest = text
    name, county, year, sector, _value = first.split(",")
    changed = tmp_path / "changed.csv"
    changed.write_text(
        "\n".join([header, f"{name},{county},{year},{sector},1234.5", *rest]), "utf-8"
    )
    old = Emission.objects.get(organisation__name=name, year=int(year), sector=sector).tco2e
    result = import_emissions(changed, actor=command_line())
    assert (result.created, result.updated) == (0, 1)
    entry = AuditEntry.objects.filter(action="klimatlaget.emissions.imported").first()
    assert entry.organisation.name == name
    assert entry.changes == {f"{year} {sector}": [old, 1234.5]}


def test_a_file_with_one_bad_row_stores_nothing(example_data, tmp_path):
    lines = example_data["emissions"].read_text(encoding="utf-8").splitlines()
    header, first, second, *rest = lines
    # A real change in the first row, and garbage in the second: neither may be stored.
    name, county, year, sector, _value = first.split(",")
    bad = second.rsplit(",", 1)[0] + ",tolv"
    path = tmp_path / "bad.csv"
    path.write_text(
        "\n".join([header, f"{name},{county},{year},{sector},1.0", bad, *rest]), "utf-8"
    )
    before = sorted(Emission.objects.values_list("id", "tco2e"))
    with pytest.raises(SourceError) as raised:
        import_emissions(path, actor=command_line())
    assert sorted(Emission.objects.values_list("id", "tco2e")) == before
    problem = raised.value.problems[0]
    assert (problem.file, problem.row, problem.code) == ("bad.csv", 3, "not_a_number")


def test_an_unknown_municipality_is_reported_by_name_and_row(example_data, tmp_path):
    path = tmp_path / "unknown.csv"
    path.write_text(
        "municipality,county,year,sector,tco2e\nAtlantis,Exempellän,2020,Transporter,5\n", "utf-8"
    )
    with pytest.raises(SourceError) as raised:
        import_emissions(path, actor=command_line())
    problem = raised.value.problems[0]
    assert problem.code == "unknown_municipality"
    assert problem.row == 2
    assert "Atlantis" in problem.message


def test_alternative_spellings_match_the_official_names(real_data, tmp_path):
    path = tmp_path / "spellings.csv"
    rows = [
        "Falu kommun,Dalarnas län",
        "Region Gotland,Gotlands län",
        "Upplands-Väsby,Stockholms län",
        "Stockholms stad,Stockholms län",
        "Malmö stad,Skåne län",
    ]
    lines = ["municipality,county,year,sector,tco2e"]
    lines += [f"{row},2023,Jordbruk,42.5" for row in rows]
    path.write_text("\n".join(lines), "utf-8")
    import_emissions(path, actor=command_line())
    for code in ["2080", "0980", "0114", "0180", "1280"]:
        assert (
            Emission.objects.get(organisation__code=code, year=2023, sector="Jordbruk").tco2e
            == 42.5
        )


def test_an_oversized_file_is_refused_before_reading(example_data, tmp_path, settings):
    settings.KLIMATLAGET_MAX_IMPORT_BYTES = 100
    with pytest.raises(SourceError) as raised:
        import_emissions(example_data["emissions"], actor=command_line())
    assert raised.value.problems[0].code == "too_large"


def test_population_for_an_unknown_code_is_refused(db, shared_data):
    with pytest.raises(SourceError) as raised:
        import_population(shared_data / "scb" / "be0101_tabhel2024.xlsx", actor=command_line())
    assert raised.value.problems[0].code == "unknown_code"
    assert Population.objects.count() == 0


def test_the_smhi_excel_export_imports_like_the_tidy_csv(real_data, tmp_path):
    from klimatlaget.sources import read_emissions_csv, write_smhi_workbook

    tidy = real_data / "emissions" / "municipality_emissions_by_sector.csv"
    workbook = tmp_path / "smhi.xlsx"
    write_smhi_workbook(read_emissions_csv(tidy).rows, workbook)
    result = import_emissions(workbook, actor=command_line())
    assert result.rows_read == 33_930
    assert not result.changed
