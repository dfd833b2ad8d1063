"""Bad input to every importer and upload: a clear error naming file, row and column, and nothing
stored changes. One table of cases, run through the service, the command line and (for
emissions and investment plans) the API upload; the survey's Excel upload:
tests/surveys/test_bad_upload.py."""

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from django.db.models import Sum

from klimatlaget.accounts.actors import command_line
from klimatlaget.audit.models import AuditEntry
from klimatlaget.cli.main import main
from klimatlaget.emissions.models import Emission
from klimatlaget.imports.models import ImportRun
from klimatlaget.organisations.models import Organisation, Population
from klimatlaget.sources import SourceError, read_emissions_csv, write_smhi_workbook
from klimatlaget.sources.fixtures import write_zip_bomb
from klimatlaget.sources.targets_csv import REQUIRED_COLUMNS
from klimatlaget.sources.xlsx_guard import DEFAULT_MAX_UNPACKED_BYTES
from klimatlaget.targets.models import Target

EMISSIONS_HEADER = "municipality,county,year,sector,tco2e\n"
TARGETS_HEADER = ",".join(REQUIRED_COLUMNS) + "\n"
TARGET = ",territory,,1,true,net_zero,,,,{year},false,adopted,https://a.example,q\n"


def stored() -> dict[str, object]:
    """What the importers could change, summed up."""
    return {
        "organisations": sorted(Organisation.objects.values_list("code", "name", "county")),
        "population": Population.objects.aggregate(n=Sum("inhabitants"))["n"],
        "populations": Population.objects.count(),
        "emissions": Emission.objects.aggregate(t=Sum("tco2e"))["t"],
        "emission_rows": Emission.objects.count(),
        "targets": Target.objects.count(),
        "runs": ImportRun.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def population_book(path: Path, rows: list[list[object]]) -> Path:
    """An SCB-style population sheet: the header on row 2, the data from row 3."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Totalt"
    sheet.append(["Folkmängd 31 december 2024"])
    sheet.append(["Kommun", "Kommunnamn", "Folkmängd"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    return write_zip_bomb(tmp_path_factory.mktemp("bomb") / "bomb.xlsx", DEFAULT_MAX_UNPACKED_BYTES)


@dataclass(frozen=True)
class Case:
    kind: str  # the `klimatlaget import` kind
    name: str
    write: Callable[[Path, dict[str, Path], Path], Path]
    #: (code, row, column) of every problem expected; row and column may be None.
    problems: list[tuple[str, int | None, str | None]]
    #: The worksheet named with every problem in a row of a workbook.
    sheet: str | None = None


def _text(name: str, text: str) -> Callable[[Path, dict[str, Path], Path], Path]:
    def write(folder: Path, _example: dict[str, Path], _bomb: Path) -> Path:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def _renamed(source: str, name: str) -> Callable[[Path, dict[str, Path], Path], Path]:
    def write(folder: Path, example: dict[str, Path], _bomb: Path) -> Path:
        return Path(shutil.copy(example[source], folder / name))

    return write


def _bomb(name: str) -> Callable[[Path, dict[str, Path], Path], Path]:
    def write(folder: Path, _example: dict[str, Path], bomb: Path) -> Path:
        return Path(shutil.copy(bomb, folder / name))

    return write


def _population(rows: list[list[object]]) -> Callable[[Path, dict[str, Path], Path], Path]:
    return lambda folder, _example, _bomb: population_book(folder / "population.xlsx", rows)


def _smhi(rows_text: str) -> Callable[[Path, dict[str, Path], Path], Path]:
    def write(folder: Path, _example: dict[str, Path], _bomb: Path) -> Path:
        tidy = folder / "tidy.csv"
        tidy.write_text(EMISSIONS_HEADER + rows_text, encoding="utf-8")
        path = folder / "smhi.xlsx"
        write_smhi_workbook(read_emissions_csv(tidy).rows, path)
        return path

    return write


CASES = [
    Case(
        "scb-codes",
        "a bad code",
        _text("codes.csv", "Kod,Namn\n91,Exempellän\n9X01,Ekby\n"),
        [("bad_code", 3, "Kod")],
    ),
    Case(
        "scb-codes",
        "xlsx renamed to xls",
        _renamed("population", "codes.xls"),
        [("bad_header", None, None)],
    ),
    Case("scb-codes", "zip bomb", _bomb("codes.xlsx"), [("too_large", None, None)]),
    Case(
        "population",
        "a count of 10^30",
        _population([["9101", "Ekby", 10**30]]),
        [("absurd_value", 3, "C (Folkmängd)")],
        sheet="Totalt",
    ),
    Case(
        "population",
        "an unknown code and a bad count in one pass",
        _population([["9999", "Atlantis", 5], ["9101", "Ekby", "many"]]),
        [("unknown_code", 3, "A (Kommun)"), ("not_a_number", 4, "C (Folkmängd)")],
        sheet="Totalt",
    ),
    Case(
        "population", "xlsx renamed to csv", _renamed("population", "population.csv"), []
    ),  # read by its content: a workbook with the wrong name is imported as one
    Case(
        "population",
        "codes as text renamed to xlsx",
        _renamed("codes", "population.xlsx"),
        [("bad_header", None, None)],
    ),
    Case("population", "zip bomb", _bomb("population.xlsx"), [("too_large", None, None)]),
    Case(
        "emissions",
        "an invented sector",
        _text("e.csv", EMISSIONS_HEADER + "Ekby,Exempellän,2020,Rymdfart,5\n"),
        [("unknown_sector", 2, "sector")],
    ),
    Case(
        "emissions",
        "an invented sector in SMHI's workbook",
        _smhi("Ekby,Exempellän,2020,Rymdfart,5\n"),
        [("unknown_sector", None, "Huvudsektor")],
        sheet="Data",
    ),
    Case(
        "emissions",
        "an unknown municipality and a bad year in one pass",
        _text(
            "e.csv",
            EMISSIONS_HEADER + "Atlantis,Exempellän,2020,Jordbruk,5\n"
            "Ekby,Exempellän,20x0,Jordbruk,5\n",
        ),
        [("unknown_municipality", 2, "municipality"), ("not_a_year", 3, "year")],
    ),
    Case(
        "emissions",
        "xlsx renamed to csv",
        _renamed("population", "emissions.csv"),
        [("bad_header", None, None)],
    ),
    Case("emissions", "zip bomb", _bomb("emissions.xlsx"), [("too_large", None, None)]),
    Case(
        "targets",
        "an unknown organisation and a bad year in one pass",
        _text(
            "t.csv",
            TARGETS_HEADER
            + "Atlantis"
            + TARGET.format(year=2045)
            + "Ekby"
            + TARGET.format(year="20x5"),
        ),
        [("unknown_organisation", 2, "organisation"), ("not_a_year", 3, "target_year")],
    ),
    Case(
        "targets",
        "xlsx renamed to csv",
        _renamed("population", "targets.csv"),
        [("bad_encoding", None, None)],
    ),
]


def _service(kind: str) -> Callable[[Path], object]:
    from klimatlaget.imports import services
    from klimatlaget.targets.imports import import_targets

    run = {
        "scb-codes": services.import_scb_codes,
        "population": services.import_population,
        "emissions": services.import_emissions,
        "targets": import_targets,
    }[kind]
    return lambda path: run(path, actor=command_line())


def _matches(found: list[tuple[str, int | None, str | None]], case: Case) -> bool:
    """Each expected problem is found, its column given at least in part."""
    return all(
        any(
            code == got[0]
            and row in (None, got[1])
            and (column is None or column in (got[2] or ""))
            for got in found
        )
        for code, row, column in case.problems
    )


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case.kind}: {case.name}")
def test_every_importer_names_the_problem_and_stores_nothing(
    case, example_data, bomb, tmp_path, capsys
):
    path = case.write(tmp_path, example_data, bomb)
    before = stored()
    if not case.problems:
        _service(case.kind)(path)  # imports, changing nothing: the same data again
        assert stored() == before
        return
    with pytest.raises(SourceError) as raised:
        _service(case.kind)(path)
    found = [(p.code, p.row, p.column) for p in raised.value.problems]
    assert _matches(found, case), found
    assert all(p.file == path.name for p in raised.value.problems)
    if case.sheet:
        assert all(p.sheet == case.sheet for p in raised.value.problems if p.row is not None)
    assert stored() == before

    assert main(["import", case.kind, str(path)]) == 2
    output = capsys.readouterr().err
    assert "Nothing was imported" in output and "Traceback" not in output
    for problem in raised.value.problems:
        assert str(problem).split(":")[0] in output
    assert stored() == before


EMISSION_CASES = [case for case in CASES if case.kind == "emissions"]


@pytest.mark.parametrize("case", EMISSION_CASES, ids=lambda case: case.name)
def test_the_api_upload_names_the_problem_and_stores_nothing(
    case, client, users, bomb, example_data, tmp_path
):
    path = case.write(tmp_path, example_data, bomb)
    before = stored()
    client.force_login(users["kansli"])
    with path.open("rb") as handle:
        response = client.post("/api/imports/emissions", {"file": handle})
    assert response.status_code == 422
    found = [(p["code"], p["row"], p["column"]) for p in response.json()["problems"]]
    assert _matches(found, case), found
    assert stored() == before


def test_a_workbook_with_the_wrong_name_is_read_by_its_content(example_data, tmp_path):
    from klimatlaget.imports.services import import_population

    renamed = population_book(tmp_path / "p.xlsx", [["9101", "Ekby", 18_401]]).rename(
        tmp_path / "p.xls"
    )
    result = import_population(renamed, actor=command_line())
    assert result.updated == 1
    assert Population.objects.get(organisation__code="9101", year=2024).inhabitants == 18_401


# --- The investment plan importer: a workbook of lines as a new version of a plan --------------

PLAN_HEADINGS = ["Titel", "Investerande aktör", "Sektor", "Finansieringskälla"]
PLAN_HEADINGS += ["Finansieringsstatus", "Investering 2026", "Ekonomisk livslängd (år)"]


def _plan_book(rows: list[list[object]]) -> Callable[[Path, dict[str, Path], Path], Path]:
    def write(folder: Path, _example: dict[str, Path], _bomb: Path) -> Path:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Rader"
        for row in [PLAN_HEADINGS, *rows]:
            sheet.append(row)
        path = folder / "plan.xlsx"
        book.save(path)
        return path

    return write


PLAN_CASES = [
    Case(
        "investment-plan",
        "an unknown actor and a bad amount in one pass",
        _plan_book(
            [
                ["Bussar", "rymdvarelser", "Transporter", "own_budget", "decided", 5, 10],
                ["Laddning", "municipality", "Transporter", "own_budget", "decided", "mycket", 10],
            ]
        ),
        [("unknown_choice", 2, "B (Investerande aktör)"), ("not_a_number", 3, "F (Investering")],
        sheet="Rader",
    ),
    Case(
        "investment-plan",
        "a line the services refuse (capex without a lifetime)",
        _plan_book([["Bussar", "municipality", "Transporter", "own_budget", "decided", 5, None]]),
        [("invalid_line", 2, "G (Ekonomisk livslängd")],
        sheet="Rader",
    ),
    Case(
        "investment-plan",
        "text renamed to xlsx",
        _renamed("codes", "plan.xlsx"),
        [("unreadable_file", None, None)],
    ),
    Case("investment-plan", "zip bomb", _bomb("plan.xlsx"), [("too_large", None, None)]),
]


def plans_stored() -> dict[str, object]:
    from klimatlaget.investments.models import InvestmentLine, InvestmentPlan

    return {
        **stored(),
        "plans": InvestmentPlan.objects.count(),
        "lines": InvestmentLine.objects.count(),
    }


@pytest.mark.parametrize("case", PLAN_CASES, ids=lambda case: case.name)
def test_the_investment_plan_importer_names_the_problem_and_stores_nothing(
    case, example_data, bomb, tmp_path, capsys
):
    from klimatlaget.investments.lines_import import import_plan

    path = case.write(tmp_path, example_data, bomb)
    organisation = Organisation.objects.get(code="9102")
    before = plans_stored()
    with pytest.raises(SourceError) as raised:
        import_plan(command_line(), organisation, 2026, path.read_bytes(), path.name)
    found = [(p.code, p.row, p.column) for p in raised.value.problems]
    assert _matches(found, case), found
    assert all(p.file == path.name for p in raised.value.problems)
    if case.sheet:
        assert all(p.sheet == case.sheet for p in raised.value.problems)
    assert plans_stored() == before

    command = ["import", case.kind, str(path), "--organisation", "9102", "--year", "2026"]
    assert main(command) == 2
    output = capsys.readouterr().err
    assert "Nothing was imported" in output and "Traceback" not in output
    for problem in raised.value.problems:
        assert str(problem).split(":")[0] in output
    assert plans_stored() == before


@pytest.mark.parametrize("case", PLAN_CASES, ids=lambda case: case.name)
def test_the_investment_plan_upload_names_the_problem_and_stores_nothing(
    case, client, users, bomb, example_data, tmp_path
):
    path = case.write(tmp_path, example_data, bomb)
    before = plans_stored()
    client.force_login(users["alice"])
    with path.open("rb") as handle:
        response = client.post(
            "/api/organisations/9102/investment-plans/upload?year=2026", {"file": handle}
        )
    whole_file = all(row is None for _code, row, _column in case.problems)
    assert response.status_code == (400 if whole_file else 422)
    found = [(p["code"], p["row"], p["column"]) for p in response.json()["problems"]]
    assert _matches(found, case), found
    assert plans_stored() == before


def test_an_investment_plan_for_an_unknown_organisation_is_refused_on_the_command_line(
    example_data, tmp_path, capsys
):
    path = _plan_book([])(tmp_path, example_data, tmp_path)
    assert (
        main(["import", "investment-plan", str(path), "--organisation", "0000", "--year", "2026"])
        == 2
    )
    assert "No organisation has the code 0000" in capsys.readouterr().err
