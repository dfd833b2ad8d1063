"""The programme office extends the template of subjects: a subject added or a subject's names
and keywords changed is stored in the database, laid over ``subjects.json`` and used by the
importer, the comparison and the downloads; every write is checked, versioned and recorded."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from klimatlaget.audit.models import AuditEntry
from klimatlaget.concurrency import StaleVersion
from klimatlaget.contracts import services, template_services
from klimatlaget.contracts.models import TemplateSubject
from klimatlaget.contracts.reading import read_text, template_writers
from klimatlaget.contracts.subjects import current_data, current_template
from klimatlaget.contracts.template import parse_template, read_data

HYDROGEN = {
    "key": "hydrogen",
    "parent": "municipality",
    "party": "municipality",
    "name": {"sv": "Vätgas", "en": "Hydrogen"},
    "keywords": {"sv": ["vätgas"], "en": ["hydrogen"]},
}
#: A contract whose §3.3 is about hydrogen: no subject of the file names it.
TEXT = """1. Syftet med Klimatkontrakt 2030
Syftet är att nå klimatneutralitet.
3. Kommunens åtaganden
Kommunen åtar sig följande.
3.1 Kommunens klimatmål
Klimatneutral 2030.
3.2 Vätgas i hamnen
Kommunen bygger en vätgasstation i hamnen.
"""
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _hydrogen(office):
    return template_services.add_subject(office, HYDROGEN)


def test_an_added_subject_joins_the_template_after_its_parent(office):
    row = _hydrogen(office)
    assert (row.key, row.version, row.order) == ("municipality.hydrogen", 1, row.order)
    siblings = [s.order for s in current_template().children("municipality")]
    assert row.order == max(siblings) and row.order > sorted(siblings)[-2]
    data = current_data()
    ids = [entry["id"] for entry in data["subjects"]]
    assert ids.index("municipality.hydrogen") > ids.index("municipality")
    assert ids[: len(read_data()["subjects"])] == [e["id"] for e in read_data()["subjects"]]
    added = data["subjects"][ids.index("municipality.hydrogen")]
    assert added == {
        "id": "municipality.hydrogen",
        "parent": "municipality",
        "party": "municipality",
        "order": row.order,
        "name": {"sv": "Vätgas", "en": "Hydrogen"},
        "keywords": {"sv": ["vätgas"], "en": ["hydrogen"]},
    }
    entry = AuditEntry.objects.latest("pk")
    assert (entry.message, entry.params, entry.organisation.code) == (
        "contract_subject_added",
        {"key": "municipality.hydrogen"},
        "viable-cities",
    )
    assert entry.actor == office


def test_an_import_places_a_section_under_an_added_subject(office, users, strandhamn):
    before = read_text(TEXT)
    assert [s.subject for s in before.sections if s.number == "3.2"] == [None]
    _hydrogen(office)
    parsed = read_text(TEXT)
    assert {s.number: s.subject for s in parsed.sections}["3.2"] == "municipality.hydrogen"
    contract = services.store_parsed(
        users["alice"], strandhamn, 2024, parsed, source="t.txt", writers=template_writers()
    )
    section = contract.sections.get(number="3.2")
    assert (section.subject, section.writer, section.parent.number) == (
        "municipality.hydrogen",
        "municipality",
        "3",
    )


def test_editing_a_file_subject_changes_its_keywords_and_names_only(office):
    assert template_services.version_of("municipality.targets") == 0
    template_services.change_subject(
        office,
        "municipality.targets",
        {
            "keywords_sv": "klimatmål\nmålsättning",
            "name_en": "Targets for the climate",
            "version": 0,
        },
    )
    subject = current_template().get("municipality.targets")
    assert subject is not None
    assert subject.name_en == "Targets for the climate"
    assert set(subject.keywords) >= {"klimatmål", "målsättning"}
    filed = next(e for e in read_data()["subjects"] if e["id"] == "municipality.targets")
    assert (subject.party, subject.order) == (filed["party"], filed["order"])
    assert subject.name_sv == filed["name"]["sv"]
    assert template_services.version_of("municipality.targets") == 1
    entry = AuditEntry.objects.latest("pk")
    assert entry.message == "contract_subject_changed"
    assert entry.changes["name_en"] == [filed["name"]["en"], "Targets for the climate"]


def test_a_stale_edit_is_refused_and_nothing_is_saved(office):
    template_services.change_subject(office, "purpose", {"name_en": "Aim", "version": 0})
    with pytest.raises(StaleVersion) as refused:
        template_services.change_subject(office, "purpose", {"name_en": "Goal", "version": 0})
    assert refused.value.current == 1
    assert refused.value.changed["name_en"] == "Aim"
    assert current_template().get("purpose").name_en == "Aim"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"key": "Vätgas"}, "key"),
        ({"key": "targets"}, "key"),  # municipality.targets is in the file
        ({"parent": "nowhere"}, "parent"),
        ({"party": "citizens"}, "party"),
        ({"name": {"sv": "", "en": "Hydrogen"}}, "name_sv"),
    ],
)
def test_an_invalid_subject_is_refused_naming_the_field(office, change, field):
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        template_services.add_subject(office, {**HYDROGEN, **change})
    assert field in refused.value.message_dict
    assert not TemplateSubject.objects.exists()
    assert AuditEntry.objects.count() == entries


def test_only_the_programme_office_extends_the_template(users, outsider, office):
    for user in (users["alice"], users["lasare"], outsider):
        with pytest.raises(PermissionDenied):
            template_services.add_subject(user, HYDROGEN)
        with pytest.raises(PermissionDenied):
            template_services.change_subject(user, "purpose", {"name_en": "Aim"})
    assert not TemplateSubject.objects.exists()


def test_the_download_is_the_template_in_the_files_format(office, client):
    _hydrogen(office)
    response = client.get("/contracts/template/subjects.json")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="subjects.json"'
    downloaded = json.loads(response.content)
    assert downloaded == current_data()
    assert "municipality.hydrogen" in parse_template(downloaded)
    assert client.get("/api/contracts/template").json() == downloaded


def test_the_comparison_and_coverage_offer_an_added_subject(office, client, signed):
    _hydrogen(office)
    compare = client.get("/contracts/compare/", **ENGLISH).content.decode()
    assert 'value="municipality.hydrogen"' in compare
    coverage = client.get("/contracts/coverage/", **ENGLISH).content.decode()
    assert 'data-subject="municipality.hydrogen"' in coverage


# The page ------------------------------------------------------------------------------------


def test_the_page_lists_the_tree_for_everyone_without_a_form(client, db):
    page = client.get("/contracts/template/", **ENGLISH).content.decode()
    assert 'id="subject-municipality.strategy.mobility"' in page
    assert 'id="subject-form"' not in page and "edit-subject" not in page
    assert client.post("/contracts/template/", {"key": "x"}).status_code == 302  # log in first


def test_the_programme_office_adds_and_edits_on_the_page(office, client):
    client.force_login(office)
    page = client.get("/contracts/template/", **ENGLISH).content.decode()
    assert 'id="subject-form"' in page
    body = {
        "parent": "municipality",
        "key": "hydrogen",
        "name_sv": "Vätgas",
        "name_en": "Hydrogen",
        "party": "municipality",
        "keywords_sv": "vätgas, bränsleceller",
        "keywords_en": "hydrogen",
    }
    assert client.post("/contracts/template/", body).status_code == 302
    stored = TemplateSubject.objects.get(key="municipality.hydrogen")
    assert stored.keywords == {"sv": ["vätgas", "bränsleceller"], "en": ["hydrogen"]}
    page = client.get("/contracts/template/", **ENGLISH).content.decode()
    assert (
        'id="subject-municipality.hydrogen" data-subject="municipality.hydrogen" data-added' in page
    )

    edit = "/contracts/template/municipality.hydrogen/edit/"
    form = {"name_sv": "Vätgas", "name_en": "Hydrogen gas", "keywords_sv": "vätgas", "version": 1}
    assert client.post(edit, form).status_code == 302
    stale = client.post(edit, {**form, "name_en": "H2"})  # the version it opened is stale
    assert stale.status_code == 200 and 'id="subject-form"' in stale.content.decode()
    assert TemplateSubject.objects.get(key="municipality.hydrogen").name_en == "Hydrogen gas"
    assert client.get("/contracts/template/nowhere/edit/").status_code == 404


# The API -------------------------------------------------------------------------------------


def test_the_api_adds_a_subject_and_refuses_a_stale_change(office, client):
    client.force_login(office)
    created = client.post("/api/contracts/template", HYDROGEN, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["id"] == "municipality.hydrogen" and created.json()["added"] is True
    url = "/api/contracts/template/municipality.hydrogen"
    read = client.get(url)
    assert read["ETag"] == '"v1"' and read.json()["version"] == 1
    change = {"keywords": {"sv": ["vätgas", "vätgasstation"]}}
    changed = client.patch(url, change, content_type="application/json", HTTP_IF_MATCH='"v1"')
    assert changed.status_code == 200 and changed["ETag"] == '"v2"'
    assert changed.json()["keywords"] == {"sv": ["vätgas", "vätgasstation"], "en": ["hydrogen"]}
    stale = client.patch(url, change, content_type="application/json", HTTP_IF_MATCH='"v1"')
    assert stale.status_code == 412 and stale.json()["version"] == 2
    body_stale = client.patch(
        "/api/contracts/template/purpose",
        {"name": {"en": "Aim"}, "version": 3},
        content_type="application/json",
    )
    assert body_stale.status_code == 409
    again = client.post("/api/contracts/template", HYDROGEN, content_type="application/json")
    assert again.status_code == 422 and "key" in again.json()["errors"]
    missing = client.patch("/api/contracts/template/nowhere", {}, content_type="application/json")
    assert missing.status_code == 404


def test_the_api_refuses_others_and_reads_for_everyone(users, client):
    assert client.get("/api/contracts/template/purpose").json()["version"] == 0
    assert (
        client.post(
            "/api/contracts/template", HYDROGEN, content_type="application/json"
        ).status_code
        == 401
    )
    client.force_login(users["alice"])
    assert (
        client.post(
            "/api/contracts/template", HYDROGEN, content_type="application/json"
        ).status_code
        == 403
    )
    patch = client.patch("/api/contracts/template/purpose", {}, content_type="application/json")
    assert patch.status_code == 403
