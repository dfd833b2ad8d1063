"""The change log speaks the reader's language: entries store a message code and parameters,
name people and kinds by their translated labels, count with plurals, and entries written
before messages existed get theirs from their English summary (migration ``audit.0005``)."""

from importlib import import_module

import pytest
from django.apps import apps
from django.utils import translation

from klimatlaget.accounts.actors import SystemActor
from klimatlaget.accounts.models import RoleKind
from klimatlaget.audit.messages import MESSAGES, actor_name, say, says
from klimatlaget.audit.models import AuditEntry
from klimatlaget.audit.services import record
from klimatlaget.audit.subjects import DATA
from klimatlaget.organisations.models import Organisation

migration = import_module("klimatlaget.audit.migrations.0005_messages_of_old_entries")
ROOT = SystemActor("cli:root")


def _in(language: str, text_of) -> str:
    with translation.override(language):
        return str(text_of())


def test_an_import_is_counted_with_plurals_in_both_languages():
    one = says("emissions_imported", new=1, changed=0, file="e.csv")
    many = says("emissions_imported", new=117, changed=2, file="e.csv")
    assert one.english() == "Emissions from e.csv: 1 new value and 0 changed values"
    assert _in("sv", one.text) == "Utsläpp från e.csv: 1 nytt värde och 0 ändrade värden"
    assert _in("sv", many.text) == "Utsläpp från e.csv: 117 nya värden och 2 ändrade värden"


def test_the_command_line_and_roles_are_named_for_people():
    assert _in("sv", lambda: actor_name("cli:root")) == "kommandoraden (root)"
    assert _in("en", lambda: actor_name("cli:root")) == "the command line (root)"
    assert _in("en", lambda: actor_name("alice")) == "alice"
    granted = says("role_granted", user="redaktor", role=RoleKind.EDITOR.value)
    assert "editor" not in _in("sv", granted.text)
    assert _in("en", granted.text) == "redaktor became organisation editor"


def test_every_message_says_something_in_swedish_that_is_not_english():
    examples = {
        "survey": "Enkät",
        "file": "f.csv",
        "new": 2,
        "changed": 1,
        "count": 3,
        "members": 4,
        "addresses": 5,
        "without": 1,
        "kind": "invitation",
        "status": "submitted",
        "role": "chair",
        "user": "u",
        "association": "Förening",
        "member": "Ort",
        "year": 2025,
        "date": "2025-01-01",
        "title": "",
        "form": "net_zero",
        "key": "k",
        "label": "Fråga?",
        "direction": "up",
        "origin": "template",
        "fields": ["title", "state"],
        "name": "G1 Biogas",
        "indicator": "Laddpunkter",
        "unit": "Tekniska nämnden",
        "period": "2025 Q2",
        "measure": "T1",
        "previous": 1,
        "lines": 3,
        "rows": 12,
        "sections": 41,
        "section": "3.1 Kommunens klimatmål",
    }
    for code in MESSAGES:
        swedish = _in("sv", lambda code=code: say(code, examples))
        english = _in("en", lambda code=code: say(code, examples))
        assert swedish and swedish != english, code


@pytest.mark.django_db
def test_the_history_page_shows_each_entry_in_the_readers_language(client, users):
    org = Organisation.objects.create(code="9999", name="Provby", kind="municipality")
    record(
        actor=ROOT,
        action="klimatlaget.emissions.imported",
        subject=DATA,
        organisation=org,
        changes={"population 2023": [None, 1000]},
        summary=says("emissions_imported", new=117, changed=0, file="e.csv"),
    )
    client.force_login(users["kansli"])
    swedish = client.get("/o/9999/history/").content.decode()
    assert "kommandoraden (root)" in swedish and "cli:root" not in swedish
    assert "117 nya värden och 0 ändrade värden" in swedish
    assert "folkmängd 2023" in swedish
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/o/9999/history/").content.decode()
    assert "the command line (root)" in english and "117 new values" in english
    api = client.get("/api/organisations/9999/history").json()[0]
    assert (api["message"], api["params"]["new"], api["by"]) == (
        "emissions_imported",
        117,
        "cli:root",
    )
    assert api["text"] == "Emissions from e.csv: 117 new values and 0 changed values"
    assert api["by_text"] == "the command line (root)"


@pytest.mark.django_db
def test_old_entries_get_their_message_from_the_summary(users):
    org = Organisation.objects.create(code="9999", name="Provby", kind="municipality")
    summaries = {
        "117 new and 0 changed values from e.csv": ("emissions_imported", {"new": 117}),
        "redaktor became editor": ("role_granted", {"role": "editor"}),
        "Contact politician for Klimatkommunerna added": ("contact_added", {"kind": "politician"}),
        "Board: Vice chair from 2024 removed": ("board_removed", {"role": "vice_chair"}),
        "Klimatläget 2025: 2 answer(s) changed": ("answers_changed", {"count": 2}),
        "Survey created: Klimatläget 2026 (copy of 2025)": ("survey_created", {"origin": "2025"}),
        "Climate target added: net_zero 2045": ("target_added", {"form": "net_zero"}),
        "Published figure 2019 Members by Paris verdict (in_line) added": (
            "figure_added",
            {"kind": "verdict", "key": "in_line"},
        ),
        "Something nobody wrote": ("", {}),
    }
    for summary in summaries:
        AuditEntry.objects.create(
            actor_label="x", organisation=org, action="klimatlaget.x.y", summary=summary
        )
    migration.read_messages(apps, None)
    for entry in AuditEntry.objects.filter(organisation=org):
        code, params = summaries[entry.summary]
        assert entry.message == code, entry.summary
        assert params.items() <= entry.params.items(), entry.summary
        assert entry.text
    with translation.override("sv"):
        role = AuditEntry.objects.get(message="role_granted").text
    assert role == "redaktor blev redaktör för organisation"


def test_an_imported_targets_fields_are_named_in_words():
    from klimatlaget.audit.fields import field_name

    key = "percent_reduction 2030 base 1990 (territory, scopes 1,2,consumption): value"
    english = _in("en", lambda: field_name("target", key))
    swedish = _in("sv", lambda: field_name("target", key))
    assert english == (
        "Percent reduction by a target year, 2030, base year 1990 "
        "(The whole municipal territory; scope 1, scope 2, consumption-based): value"
    )
    assert "percent_reduction" not in swedish and "territory" not in swedish
    assert "basår 1990" in swedish and "scope 1, scope 2" in swedish
    assert _in("sv", lambda: field_name("target", "odd label: value")).startswith("odd label: ")
