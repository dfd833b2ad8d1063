"""`klimatlaget import measures` and `export measures`: all or nothing, problems by file,
sheet, row and column, the same file twice changes nothing, and the export reads back in."""

import json

import openpyxl
import pytest

from klimatlaget.accounts.actors import command_line
from klimatlaget.audit.models import AuditEntry
from klimatlaget.cli.main import main
from klimatlaget.measures.imports import import_measures
from klimatlaget.measures.models import ActionPlan, Measure
from klimatlaget.sources import SourceError

HEADER = (
    "organisation,plan,code,title,description,sector,type,responsible,status,start_year,"
    "end_year,expected_reduction_t,expected_reduction_low_t,expected_reduction_high_t,"
    "effect_year,energy_saved_mwh,renewable_mwh,budget_sek,source\n"
)
ROWS = (
    "9102,Klimatplan 2030,B1,Biogas plant,Two plants,Transporter,technical,Kalmar Energi,"
    "proposed,2027,2029,30000,20000,40000,2030,125000,125000,650000000,Klimatkontrakt §7\n"
    "Tallnäs,,T1,Bus fleet,,Transport,Procurement,Trafik,decided,2025,2028,500,,,2028,,,,\n"
)


def write(tmp_path, text, name="measures.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_is_imported_once_and_again_changes_nothing(users, tmp_path):
    path = write(tmp_path, HEADER + ROWS)
    result = import_measures(path, actor=command_line())
    assert (result.created, result.updated, result.organisations_changed) == (2, 0, 2)
    biogas = Measure.objects.get(code="B1")
    assert biogas.plan == ActionPlan.objects.get(title="Klimatplan 2030", status="draft")
    assert (biogas.expected_low_t, biogas.budget_sek, biogas.renewable_mwh) == (
        20000,
        650000000,
        125000,
    )
    assert Measure.objects.get(code="T1").organisation.code == "9201"
    entries = AuditEntry.objects.count()
    again = import_measures(path, actor=command_line())
    assert (again.created, again.updated) == (0, 0)
    assert AuditEntry.objects.count() == entries
    assert Measure.objects.get(code="B1").version == 0
    changed = write(tmp_path, HEADER + ROWS.replace("proposed", "decided"))
    assert import_measures(changed, actor=command_line()).updated == 1
    assert Measure.objects.get(code="B1").status == "decided"


def test_any_problem_imports_nothing_and_names_row_and_column(users, tmp_path):
    bad = ROWS + (
        "9102,,X1,Bad,,Nowhere,technical,,proposed,2025,2024,,,,,,,,\n"
        "Atlantis,,X2,Bad,,Transporter,technical,,proposed,,,,,,,,,,\n"
        "9102,,X3,Bad,,Transporter,technical,,proposed,20x5,,,,,,,,,\n"
    )
    with pytest.raises(SourceError) as refused:
        import_measures(write(tmp_path, HEADER + bad), actor=command_line())
    found = {(p.row, p.column, p.code) for p in refused.value.problems}
    assert found == {
        (4, "sector", "unknown_choice"),
        (5, "organisation", "unknown_organisation"),
        (6, "start_year", "not_a_year"),
    }
    assert not Measure.objects.exists() and not ActionPlan.objects.exists()
    rule = "9102,,X1,Bad,,Transporter,technical,,proposed,2025,2024,,,,,,,,\n"
    with pytest.raises(SourceError) as refused:
        import_measures(write(tmp_path, HEADER + rule), actor=command_line())
    assert [(p.row, p.column) for p in refused.value.problems] == [(2, "end_year")]


def test_a_workbook_names_its_sheet_and_column_letters(users, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Åtgärder"
    sheet.append(HEADER.strip().split(","))
    sheet.append(ROWS.splitlines()[0].split(","))
    sheet.append(["9102", "", "B2", "Solar", "", "Transporter", "wrong", "", "proposed"])
    path = tmp_path / "measures.xlsx"
    book.save(path)
    with pytest.raises(SourceError) as refused:
        import_measures(path, actor=command_line())
    (problem,) = refused.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("Åtgärder", 3, "G (type)")
    sheet["G3"] = "technical"
    book.save(path)
    assert import_measures(path, actor=command_line()).created == 2


@pytest.mark.parametrize("table_format", ["csv", "xlsx"])
def test_the_cli_exports_and_the_export_reads_back_unchanged(users, tmp_path, table_format):
    assert main(["import", "measures", str(write(tmp_path, HEADER + ROWS))]) == 0
    output = tmp_path / f"out.{table_format}"
    arguments = ["export", "measures", "--organisation", "9102", "--format", table_format]
    assert main([*arguments, "--output", str(output)]) == 0
    entries = AuditEntry.objects.count()
    assert import_measures(output, actor=command_line()).updated == 0
    assert AuditEntry.objects.count() == entries


def test_the_json_export_has_every_field(users, tmp_path, capsys):
    main(["import", "measures", str(write(tmp_path, HEADER + ROWS))])
    capsys.readouterr()
    assert main(["export", "measures", "--organisation", "9102", "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["code"], row["plan"], row["expected_reduction_high_t"]) == (
        "B1",
        "Klimatplan 2030",
        40000,
    )
