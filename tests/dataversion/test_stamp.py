"""The data version changes with every write to the data that metrics, target evaluations and the
public pages derive from, in every way it can be written, and with nothing else."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from klimatlaget.accounts.actors import command_line
from klimatlaget.audit.models import AuditEntry
from klimatlaget.budgets.models import BudgetSettings, NationalEmission
from klimatlaget.dataversion.triggers import one_version_for_bulk_insert, tracked_tables
from klimatlaget.dataversion.version import current
from klimatlaget.emissions.models import Emission
from klimatlaget.imports.models import ImportRun
from klimatlaget.organisations.models import Organisation, Population
from klimatlaget.targets.models import Target

DEMO = Path(__file__).resolve().parents[2] / "src" / "klimatlaget" / "demo"
TARGET = {"form": "net_zero", "target_year": 2045, "includes_non_energy": True, "scopes": ["1"]}


def changes(action) -> bool:
    before = current().token
    action()
    return current().token != before


def test_every_write_to_every_tracked_table_changes_the_version(db):
    county = Organisation.objects.create(code="91", name="Exempellän", kind="county")
    org = Organisation.objects.create(code="9101", name="Ekby", kind="municipality", county=county)
    made = {  # model: (create one, a field to write)
        Organisation: (lambda: Organisation.objects.create(code="9102", name="B"), "name"),
        Population: (
            lambda: Population.objects.create(organisation=org, year=2020, inhabitants=9),
            "inhabitants",
        ),
        Emission: (lambda: Emission.objects.create(organisation=org, year=2020, tco2e=1), "tco2e"),
        Target: (lambda: Target.objects.create(organisation=org, **TARGET), "notes"),
        ImportRun: (
            lambda: ImportRun.objects.create(kind="population", file_name="x", sha256=""),
            "file_name",
        ),
        NationalEmission: (
            lambda: NationalEmission.objects.create(year=2024, sector="Jordbruk", tco2e=1),
            "tco2e",
        ),
        BudgetSettings: (
            lambda: BudgetSettings.objects.create(organisation=org, year=2026),
            "quarter_profile",
        ),
    }
    assert {model._meta.db_table for model in made} == set(tracked_tables())
    for model, (create, field) in made.items():
        assert_every_write_changes(model, create, field)
    new = Emission(organisation=org, year=2021, tco2e=2)
    assert changes(lambda: Emission.objects.bulk_create([new]))


def assert_every_write_changes(model, create, field):
    row = create()
    rows = model.objects.filter(pk=row.pk)
    assert changes(lambda: rows.update(**{field: getattr(row, field)})), model
    assert changes(lambda: model.objects.bulk_update([row], [field])), model
    assert changes(rows.delete), model
    assert changes(create), model


def test_a_rolled_back_write_leaves_the_version_and_the_next_write_gets_a_new_one(db):
    before = current().token
    with pytest.raises(RuntimeError), transaction.atomic():
        Organisation.objects.create(code="9101", name="Ekby", kind="municipality")
        rolled_back = current().token
        raise RuntimeError
    assert current().token == before != rolled_back
    Organisation.objects.create(code="9101", name="Ekby", kind="municipality")
    assert current().token not in {before, rolled_back}


def triggers() -> set[str]:
    """The data version's triggers (SQLite: per table and event; PostgreSQL: per table)."""
    if connection.vendor == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    else:
        sql = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {name for (name,) in cursor.fetchall() if name.startswith("klimatlaget_data")}


def test_a_bulk_insert_changes_the_version_and_keeps_every_trigger(db):
    org = Organisation.objects.create(code="9101", name="Ekby", kind="municipality")
    installed = triggers()
    assert len(installed) >= len(tracked_tables())

    def insert(years: range) -> None:
        with one_version_for_bulk_insert(Emission):
            Emission.objects.bulk_create(Emission(organisation=org, year=y, tco2e=1) for y in years)

    assert changes(lambda: insert(range(2000, 2010)))
    assert triggers() == installed
    assert changes(lambda: Emission.objects.filter(year=2000).update(tco2e=5))  # still tracked
    before = current().token
    with pytest.raises(IntegrityError):
        insert(range(2009, 2012))  # 2009 is stored already
    assert triggers() == installed
    assert current().token == before
    assert Emission.objects.count() == 10
    assert changes(lambda: Emission.objects.create(organisation=org, year=2020, tco2e=1))
    with pytest.raises(ImproperlyConfigured), one_version_for_bulk_insert(AuditEntry):
        pass


def test_every_import_and_target_or_profile_edit_changes_the_version(example_data, users):
    from klimatlaget.imports.services import import_emissions, import_population, import_scb_codes
    from klimatlaget.organisations.services import update_profile
    from klimatlaget.targets.imports import import_targets
    from klimatlaget.targets.register.services import create_target, delete_target, update_target

    alice = users["alice"]
    strandhamn = Organisation.objects.get(code="9102")
    assert not changes(
        lambda: import_scb_codes(example_data["codes"], actor=command_line())
    )  # nothing new: no write
    Organisation.objects.filter(code="9102").update(name="Fel namn")
    assert changes(
        lambda: import_scb_codes(example_data["codes"], actor=command_line())
    )  # renames it back
    assert changes(lambda: import_targets(DEMO / "targets_example.csv", actor=command_line()))
    assert changes(
        lambda: import_population(example_data["population"], year=2030, actor=command_line())
    )
    Emission.objects.filter(year=1990).delete()
    assert changes(
        lambda: import_emissions(example_data["emissions"], is_example=True, actor=command_line())
    )
    assert changes(lambda: update_profile(alice, strandhamn, {"description": "Ny text"}))
    target = create_target(alice, strandhamn, TARGET)
    assert changes(lambda: update_target(alice, target, {"target_year": 2040}))
    assert changes(lambda: delete_target(alice, target))


def test_unrelated_writes_keep_the_version(example_data, users):
    from klimatlaget.associations import services as associations
    from klimatlaget.associations.models import Contact
    from klimatlaget.demo.association import load_example_contacts_and_board, load_memberships
    from klimatlaget.surveys.building import create_survey
    from klimatlaget.surveys.models import SurveyState
    from klimatlaget.surveys.services import save_answers, start_response

    association = load_memberships(example=True).association
    load_example_contacts_and_board(association)
    survey = create_survey(association, 2025, "klimatlaget", _ONE_QUESTION)
    survey.state = SurveyState.OPEN
    survey.save()
    strandhamn = Organisation.objects.get(code="9102")
    response = start_response(users["alice"], survey, strandhamn)
    contact = Contact.objects.filter(member=strandhamn).first()
    assert contact is not None
    before = current().token
    saved = save_answers(users["alice"], response, {"comment": "Autosparat utkast"})
    changed = associations.change_contact(users["alice"], contact, {"name": "Ny Kontaktperson"})
    assert saved.saved and changed
    assert current().token == before


_ONE_QUESTION = {
    "title": "Enkät",
    "sections": [
        {
            "key": "work",
            "title": "Work",
            "questions": [{"key": "comment", "kind": "text", "text": "Anything else?"}],
        }
    ],
}

_TABLE = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)


def tables_read(action) -> set[str]:
    with CaptureQueriesContext(connection) as queries:
        action()
    return {table for query in queries for table in _TABLE.findall(query["sql"])}


def test_derived_data_read_only_tracked_tables(example_data):
    """A computation that starts reading another table must have that table tracked."""
    from klimatlaget.emissions.metrics import all_metrics
    from klimatlaget.targets.evaluation import evaluate_all, target_parameters
    from klimatlaget.targets.imports import import_targets

    import_targets(DEMO / "targets_example.csv", actor=command_line())
    params = target_parameters()
    read = tables_read(lambda: evaluate_all(params))
    read |= tables_read(lambda: all_metrics(params.metrics))
    assert "targets_target" in read and "emissions_emission" in read
    assert read <= {*tracked_tables(), "dataversion_dataversion"}
