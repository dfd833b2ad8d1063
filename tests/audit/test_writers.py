"""Every change in the log names its writer: a signed-in user or a system actor, never nobody."""

import inspect

import pytest
from django.contrib.auth.models import AnonymousUser

from klimatlaget.accounts.actors import SystemActor, command_line
from klimatlaget.audit.models import AuditEntry
from klimatlaget.audit.services import AnonymousWriter, record
from klimatlaget.audit.subjects import DATA
from klimatlaget.imports import services as imports
from klimatlaget.imports.models import ImportRun
from klimatlaget.targets.imports import import_targets

IMPORTERS = [
    imports.import_scb_codes,
    imports.import_population,
    imports.import_emissions,
    import_targets,
]


@pytest.mark.parametrize("importer", IMPORTERS, ids=lambda importer: importer.__name__)
def test_every_importer_needs_an_explicit_actor(importer):
    actor = inspect.signature(importer).parameters["actor"]
    assert actor.default is inspect.Parameter.empty
    with pytest.raises(TypeError, match="actor"):
        importer("unused.csv")


@pytest.mark.django_db
@pytest.mark.parametrize("nobody", [None, AnonymousUser()], ids=["none", "anonymous"])
def test_the_log_refuses_a_change_by_nobody(nobody):
    with pytest.raises((AnonymousWriter, AttributeError)):
        record(actor=nobody, action="test.nobody", subject=DATA)
    assert not AuditEntry.objects.filter(action="test.nobody").exists()


@pytest.mark.django_db
def test_the_log_names_the_user_or_the_system_actor(users):
    record(actor=users["alice"], action="test.user", subject=DATA)
    record(actor=SystemActor("demo"), action="test.system", subject=DATA)
    entries = AuditEntry.objects.filter(action__startswith="test.")
    by_action = dict(entries.values_list("action", "actor_label"))
    assert by_action == {"test.user": "alice", "test.system": "demo"}


def test_an_import_from_the_command_line_is_recorded_under_its_operator(example_data):
    operator = command_line().label
    assert set(ImportRun.objects.values_list("actor_label", flat=True)) == {operator}
    assert set(AuditEntry.objects.values_list("actor_label", flat=True)) == {operator}
