"""Importing final energy use: a good file, bad files with every problem by row and column,
all or nothing, a year replaced as a whole and audited, and the command line."""

from pathlib import Path

import pytest

from klimatlaget.accounts.actors import command_line
from klimatlaget.audit.models import AuditEntry
from klimatlaget.cli.main import main
from klimatlaget.energy.imports import import_energy
from klimatlaget.energy.models import EnergyUse
from klimatlaget.organisations.models import Organisation
from klimatlaget.sources import SourceError

HEADER = "organisation,year,sector,carrier,mwh,source\n"
GOOD = HEADER + (
    "9102,2022,Småhus,El,1200,SCB KRE 2022\n"
    'Strandhamn,2022,flerbostadshus,Fjärrvärme,"3400,5",SCB KRE 2022\n'
    "9102,2022,transport,diesel,5000,SCB KRE 2022\n"
    "9201,2022,Industri; byggverksamhet,El,10,SCB\n"
).replace("Industri; byggverksamhet", '"Industri, byggverksamhet"')


def _write(tmp_path: Path, text: str, name: str = "energy.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def organisations(db):
    strandhamn = Organisation.objects.create(code="9102", name="Strandhamn", kind="municipality")
    tallnas = Organisation.objects.create(code="9201", name="Tallnäs", kind="municipality")
    return strandhamn, tallnas


def test_a_good_file_is_imported_by_code_or_name_and_swedish_labels(organisations, tmp_path):
    strandhamn, tallnas = organisations
    result = import_energy(_write(tmp_path, GOOD), actor=command_line())
    assert result.rows_read == 4
    assert result.replaced == {("9102", 2022): 3, ("9201", 2022): 1}
    uses = {
        (use.sector, use.carrier): use.mwh
        for use in EnergyUse.objects.filter(organisation=strandhamn, year=2022)
    }
    assert uses == {
        ("houses", "electricity"): 1200.0,
        ("flats", "district_heating"): 3400.5,
        ("transport", "diesel"): 5000.0,
    }
    assert EnergyUse.objects.get(organisation=tallnas).sector == "industry"
    entries = AuditEntry.objects.filter(action="klimatlaget.energy.imported")
    assert entries.count() == 2
    entry = entries.get(organisation=strandhamn)
    assert entry.message == "energy_imported"
    assert entry.params == {"file": "energy.csv", "year": 2022, "rows": 3}
    assert entry.changes["energy 2022 houses/electricity"] == [None, 1200.0]


def test_reimporting_replaces_the_year_and_the_same_file_changes_nothing(organisations, tmp_path):
    strandhamn, _tallnas = organisations
    import_energy(_write(tmp_path, GOOD), actor=command_line())
    again = import_energy(_write(tmp_path, GOOD), actor=command_line())
    assert again.replaced == {} and again.unchanged == 2
    assert AuditEntry.objects.filter(action="klimatlaget.energy.imported").count() == 2
    smaller = HEADER + "9102,2022,Småhus,El,1300,SCB KRE 2022 rev\n"
    result = import_energy(_write(tmp_path, smaller, "rev.csv"), actor=command_line())
    assert result.replaced == {("9102", 2022): 1}
    left = EnergyUse.objects.filter(organisation=strandhamn, year=2022)
    assert [(use.sector, use.carrier, use.mwh) for use in left] == [
        ("houses", "electricity", 1300.0)
    ]
    entry = AuditEntry.objects.filter(organisation=strandhamn).latest("pk")
    assert entry.changes["energy 2022 houses/electricity"] == [1200.0, 1300.0]
    assert entry.changes["energy 2022 transport/diesel"] == [5000.0, None]
    assert EnergyUse.objects.filter(organisation__code="9201").count() == 1  # untouched


def test_a_bad_file_names_every_problem_and_stores_nothing(organisations, tmp_path):
    bad = HEADER + (
        "9102,2022,Småhus,El,1200,ok\n"
        "Ingenstans,2022,Småhus,El,1,x\n"
        "9102,20x2,Småhus,El,1,x\n"
        "9102,2022,Kyrkor,El,1,x\n"
        "9102,2022,Småhus,Kärnkraft,1,x\n"
        "9102,2022,Flerbostadshus,El,..,x\n"
        "9102,2022,Fritidshus,El,-5,x\n"
        "9102,2022,Småhus,El,7,dup\n"
        "9102,,Småhus,El,7,x\n"
    )
    with pytest.raises(SourceError) as raised:
        import_energy(_write(tmp_path, bad, "bad.csv"), actor=command_line())
    found = {(p.row, p.column, p.code) for p in raised.value.problems}
    assert found == {
        (3, "organisation", "unknown_organisation"),
        (4, "year", "not_a_year"),
        (5, "sector", "unknown_sector"),
        (6, "carrier", "unknown_carrier"),
        (7, "mwh", "not_a_number"),
        (8, "mwh", "negative_value"),
        (9, "carrier", "duplicate_row"),
        (10, "year", "empty_value"),
    }
    assert all(problem.file == "bad.csv" for problem in raised.value.problems)
    assert "secret" in next(p.message for p in raised.value.problems if p.row == 7)
    assert not EnergyUse.objects.exists()
    assert not AuditEntry.objects.filter(action="klimatlaget.energy.imported").exists()


def test_a_bad_header_and_future_years_are_refused(organisations, tmp_path):
    with pytest.raises(SourceError) as raised:
        import_energy(
            _write(tmp_path, "organisation,year,sector,kwh\n9102,2022,Småhus,1\n"),
            actor=command_line(),
        )
    messages = {(p.column, p.code, p.message) for p in raised.value.problems}
    assert (
        "kwh",
        "bad_header",
        "Unknown column 'kwh'; known: organisation, year, sector, carrier, mwh, source.",
    ) in messages
    assert any("'carrier' is missing" in message for _c, _code, message in messages)
    with pytest.raises(SourceError) as raised:
        import_energy(_write(tmp_path, HEADER + "9102,2999,Småhus,El,1,x\n"), actor=command_line())
    assert [(p.row, p.code) for p in raised.value.problems] == [(2, "future_year")]


def test_an_upload_for_one_organisation_refuses_rows_of_another(organisations, tmp_path):
    strandhamn, _tallnas = organisations
    with pytest.raises(SourceError) as raised:
        import_energy(_write(tmp_path, GOOD), actor=command_line(), only=strandhamn)
    assert [(p.row, p.column, p.code) for p in raised.value.problems] == [
        (5, "organisation", "not_allowed")
    ]
    assert not EnergyUse.objects.exists()


def test_the_command_line_imports_and_reports_problems(organisations, tmp_path, capsys):
    assert main(["import", "energy", str(_write(tmp_path, GOOD))]) == 0
    assert EnergyUse.objects.count() == 4
    bad = _write(tmp_path, HEADER + "9102,2022,Småhus,El,abc,x\n", "bad.csv")
    assert main(["import", "energy", str(bad)]) == 2
    assert "bad.csv, row 2, column 'mwh'" in capsys.readouterr().err
    assert EnergyUse.objects.count() == 4
