"""`klimatlaget import national-emissions FILE.csv`: all or nothing, idempotent, audited."""

import pytest

from klimatlaget.accounts.actors import command_line
from klimatlaget.audit.models import AuditEntry
from klimatlaget.budgets.imports import import_national_emissions
from klimatlaget.budgets.models import NationalEmission
from klimatlaget.cli.main import main
from klimatlaget.imports.models import ImportRun
from klimatlaget.sources import SourceError

from .conftest import write_national


def stored():
    return {(e.year, e.quarter, e.sector): e.tco2e for e in NationalEmission.objects.all()}


def test_import_stores_every_figure_by_sector_name_or_code(example_data, national_file):
    result = import_national_emissions(national_file, actor=command_line())
    assert (result.created, result.updated) == (7, 0)
    figures = stored()
    assert figures[2025, 1, "Transporter"] == 2_000_000
    assert figures[2023, None, "Egen uppvärmning av bostäder och lokaler"] == 800_000
    entry = AuditEntry.objects.get(action="klimatlaget.national_emissions.imported")
    assert entry.actor_label.startswith("cli:")
    assert entry.organisation.code == "00"
    assert entry.changes["2025 Q1 Transporter"] == [None, 2_000_000]
    assert (entry.message, entry.params["new"]) == ("emissions_imported", 7)
    assert ImportRun.objects.filter(kind="national-emissions").count() == 1


def test_reimporting_changes_nothing_and_a_change_is_logged_with_old_and_new(
    example_data, national_file, tmp_path
):
    import_national_emissions(national_file, actor=command_line())
    again = import_national_emissions(national_file, actor=command_line())
    assert not again.changed
    assert AuditEntry.objects.filter(action__contains="national").count() == 1
    changed = write_national(tmp_path / "changed.csv", [(2023, "", "transport", 9_900_000)])
    result = import_national_emissions(changed, actor=command_line())
    assert (result.created, result.updated) == (0, 1)
    assert stored()[2023, None, "Transporter"] == 9_900_000
    entry = AuditEntry.objects.filter(action__contains="national").latest("pk")
    assert entry.changes == {"2023 Transporter": [10_000_000, 9_900_000]}


def test_a_bad_file_stores_nothing_and_names_every_row_and_column(example_data, tmp_path):
    bad = write_national(
        tmp_path / "bad.csv",
        [
            (2023, "", "Transporter", 10_000_000),
            (2023, "", "Transporter", 10_000_000),
            (2024, 5, "Transporter", 1),
            (2024, "", "Flyg", 1),
            (1980, "", "Jordbruk", 1),
            (2024, "", "Jordbruk", -1),
            (2024, "", "Arbetsmaskiner", "many"),
        ],
    )
    with pytest.raises(SourceError) as raised:
        import_national_emissions(bad, actor=command_line())
    found = {(p.row, p.column, p.code) for p in raised.value.problems}
    assert found == {
        (3, None, "duplicate_row"),
        (4, "quarter", "not_a_number"),
        (5, "sector", "unknown_sector"),
        (6, "year", "year_out_of_range"),
        (7, "tco2e", "negative_value"),
        (8, "tco2e", "not_a_number"),
    }
    assert all(p.file == "bad.csv" for p in raised.value.problems)
    assert NationalEmission.objects.count() == 0


def test_a_file_without_the_columns_is_refused(example_data, tmp_path):
    path = tmp_path / "columns.csv"
    path.write_text("år,sektor,ton\n2023,Transporter,1\n", encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        import_national_emissions(path, actor=command_line())
    assert {p.column for p in raised.value.problems} == {"year", "quarter", "sector", "tco2e"}


def test_the_command_imports_and_reports(example_data, national_file, tmp_path, capsys):
    assert main(["import", "national-emissions", str(national_file)]) == 0
    assert "7 rows read, 7 created" in capsys.readouterr().err
    bad = write_national(tmp_path / "bad.csv", [(2023, "", "Flyg", 1)])
    assert main(["import", "national-emissions", str(bad)]) == 2
    assert "bad.csv, row 2, column 'sector'" in capsys.readouterr().err
    assert NationalEmission.objects.count() == 7
