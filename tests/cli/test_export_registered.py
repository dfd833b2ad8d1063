"""``klimatlaget export --list`` and ``klimatlaget export run``: the registered exporters at the
command line, run as its operator (who reads drafts too)."""

import json

import openpyxl

from klimatlaget.accounts.actors import command_line
from klimatlaget.calc.contract_text import ParsedContract, ParsedSection
from klimatlaget.cli.main import main
from klimatlaget.contracts import services as contracts
from klimatlaget.exports.registry import exporters
from klimatlaget.organisations.models import Organisation


def test_the_list_is_a_table_of_every_exporter(example_data, capsys):
    assert main(["export", "--list"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["name", "scope", "formats", "year"]
    for exporter in exporters():
        row = next(line for line in lines if line.split()[0] == exporter.name)
        assert exporter.scope in row and ", ".join(exporter.formats) in row
    assert "Climate investment plan" in out  # the title, in English


def test_export_without_a_kind_or_list_is_refused(example_data, capsys):
    assert main(["export"]) == 2
    assert "--list" in capsys.readouterr().err


def test_run_writes_an_organisation_export(example_data, tmp_path):
    output = tmp_path / "emissions.xlsx"
    arguments = ["export", "run", "emissions", "--organisation", "9102", "--format", "xlsx"]
    assert main([*arguments, "--output", str(output)]) == 0
    sheet = openpyxl.load_workbook(output).worksheets[0]
    assert [c.value for c in sheet[1]] == ["year", "sector", "tco2e"]


def test_run_writes_a_platform_export_to_standard_output(example_data, capfdbinary):
    assert main(["export", "run", "metrics", "--format", "json"]) == 0
    rows = json.loads(capfdbinary.readouterr().out)
    assert "9102" in {row["code"] for row in rows}


def test_run_reads_drafts(example_data, tmp_path):
    strandhamn = Organisation.objects.get(code="9102")
    parsed = ParsedContract(sections=[ParsedSection("1", "Syfte", "Text.", "purpose")])
    contracts.store_parsed(command_line(), strandhamn, 2025, parsed)
    output = tmp_path / "contract.json"
    arguments = ["export", "run", "contract", "--organisation", "9102", "--year", "2025"]
    assert main([*arguments, "--format", "json", "--output", str(output)]) == 0
    assert json.loads(output.read_text())["status"] == "draft"


def test_run_refuses_what_cannot_be_written(example_data, capsys):
    run = ["export", "run"]
    assert main([*run, "budget", "--organisation", "9102", "--format", "csv"]) == 2
    assert "budget needs a year" in capsys.readouterr().err
    assert main([*run, "emissions", "--organisation", "9102", "--format", "pdf"]) == 2
    assert main([*run, "metrics", "--organisation", "9102", "--format", "csv"]) == 2
    assert main([*run, "missing", "--format", "csv"]) == 1
    assert main([*run, "emissions", "--organisation", "0000", "--format", "csv"]) == 1
    arguments = ["investment-plan", "--organisation", "9102", "--year", "2025", "--format", "csv"]
    assert main([*run, *arguments]) == 1
    assert "No investment plan of 2025" in capsys.readouterr().err
