"""The association's published figures of years from before the platform: entered by the
secretariat (service, pages and API), validated, versioned and recorded; and the real-data
demo's figures quoted from the annual report 2024."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from klimatlaget.audit.models import AuditEntry
from klimatlaget.concurrency import StaleVersion
from klimatlaget.surveys import published
from klimatlaget.surveys.models import PublishedFigure

pytestmark = pytest.mark.usefixtures("english")

PAGE = "/associations/klimatkommunerna/published-figures/"
API = "/api/associations/klimatkommunerna/published-figures"
RESPONDENTS = {"year": 2023, "kind": "respondents", "value": 41, "source": "Report 2023"}


def _log(figure):
    return list(
        AuditEntry.objects.filter(subject="published_figure", subject_id=figure.pk)
        .order_by("pk")
        .values_list("action", "changes")
    )


# The service -------------------------------------------------------------------------------


def test_adding_changing_and_removing_is_versioned_and_recorded(users, association):
    kansli = users["kansli"]
    figure = published.add_figure(kansli, association, {**RESPONDENTS, "page": "p. 3"})
    assert (figure.version, figure.quoted) == (0, True)
    changes = published.change_figure(kansli, figure, {"value": 42, "version": 0})
    assert changes == {"value": [41, 42]} and figure.version == 1
    with pytest.raises(StaleVersion):
        published.change_figure(kansli, figure, {"value": 43, "version": 0})
    assert published.change_figure(kansli, figure, {"value": 42}) == {}
    figure_id = figure.pk
    published.remove_figure(kansli, figure, 1)
    assert not PublishedFigure.objects.filter(pk=figure_id).exists()
    figure.pk = figure_id
    log = _log(figure)
    assert [action for action, _changes in log] == [
        "klimatlaget.published_figure.added",
        "klimatlaget.published_figure.changed",
        "klimatlaget.published_figure.removed",
    ]
    assert log[0][1]["source"] == [None, "Report 2023"]  # public figures keep their values
    assert log[1][1] == {"value": [41, 42]}


def test_only_the_secretariat_enters_figures(users, association):
    with pytest.raises(PermissionDenied):
        published.add_figure(users["alice"], association, RESPONDENTS)
    figure = published.add_figure(users["kansli"], association, RESPONDENTS)
    with pytest.raises(PermissionDenied):
        published.change_figure(users["lasare"], figure, {"value": 1})
    with pytest.raises(PermissionDenied):
        published.remove_figure(users["bob"], figure)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"kind": "verdict", "key": "bogus"}, "key"),
        ({"kind": "verdict", "key": ""}, "key"),
        ({"kind": "section_answered", "key": ""}, "key"),
        ({"key": "walking"}, "key"),
        ({"value": 4.5}, "value"),
        ({"value": -1}, "value"),
        ({"source": ""}, "source"),
    ],
)
def test_invalid_figures_are_refused(users, association, values, field):
    with pytest.raises(ValidationError) as error:
        published.add_figure(users["kansli"], association, {**RESPONDENTS, **values})
    assert field in error.value.message_dict
    assert not PublishedFigure.objects.exists()


def test_a_change_may_be_negative_and_a_year_has_each_figure_once(users, association):
    kansli = users["kansli"]
    change = {**RESPONDENTS, "kind": "change_since_1990", "value": -42.5}
    assert published.add_figure(kansli, association, change).value == -42.5
    published.add_figure(kansli, association, RESPONDENTS)
    with pytest.raises(ValidationError):
        published.add_figure(kansli, association, RESPONDENTS)


# The secretariat's pages -------------------------------------------------------------------


def _form(**values):
    return {
        "year": 2023,
        "kind": "verdict",
        "key": "in_line",
        "value": "20",
        "source": "Report 2023",
        "source_url": "",
        "page": "",
        "quoted": "on",
        **values,
    }


def test_the_secretariat_adds_edits_and_removes_figures_on_its_pages(client, users, association):
    client.force_login(users["kansli"])
    assert "No published figures have been entered yet." in client.get(PAGE).content.decode()
    assert client.post(PAGE, _form()).status_code == 302
    figure = PublishedFigure.objects.get()
    page = client.get(PAGE).content.decode()
    assert f'data-figure="{figure.pk}" data-kind="verdict" data-key="in_line"' in page
    refused = client.post(PAGE, _form(key="bogus")).content.decode()
    assert "A verdict is one of" in refused
    edit = f"{PAGE}{figure.pk}/"
    assert client.post(edit, _form(value="21", version="0")).status_code == 302
    figure.refresh_from_db()
    assert (figure.value, figure.version) == (21, 1)
    stale = client.post(edit, _form(value="22", version="0"))
    assert stale.status_code == 200 and "Somebody else saved this" in stale.content.decode()
    assert client.post(f"{edit}delete/", {"version": "1"}).status_code == 302
    assert not PublishedFigure.objects.exists()


def test_the_start_page_and_the_survey_list_link_to_the_figures(client, users, association):
    client.force_login(users["kansli"])
    assert PAGE in client.get("/start/").content.decode()
    assert PAGE in client.get("/associations/klimatkommunerna/surveys/").content.decode()


def test_a_figure_of_another_association_is_not_found(client, users, association):
    from klimatlaget.organisations.models import Organisation, OrganisationKind

    other = Organisation.objects.create(
        code="andra", name="Andra", kind=OrganisationKind.ASSOCIATION
    )
    figure = published.add_figure(users["kansli"], other, RESPONDENTS)
    client.force_login(users["kansli"])
    assert client.get(f"{PAGE}{figure.pk}/").status_code == 404
    assert client.get(f"{API}/{figure.pk}").status_code == 404


# The API -----------------------------------------------------------------------------------


def test_the_api_reads_publicly_and_writes_for_the_secretariat(client, users, association):
    assert client.get(API).json() == []
    client.force_login(users["alice"])
    assert client.post(API, RESPONDENTS, content_type="application/json").status_code == 403
    client.force_login(users["kansli"])
    created = client.post(API, RESPONDENTS, content_type="application/json")
    assert created.status_code == 201
    figure = created.json()
    assert (figure["value"], figure["quoted"], figure["version"]) == (41, True, 0)
    client.logout()
    assert [f["id"] for f in client.get(API).json()] == [figure["id"]]
    assert client.get(f"{API}/{figure['id']}").json()["source"] == "Report 2023"
    client.force_login(users["kansli"])
    one = f"{API}/{figure['id']}"
    replaced = client.put(
        one, {**RESPONDENTS, "value": 45}, content_type="application/json", HTTP_IF_MATCH='"v0"'
    )
    assert replaced.status_code == 200 and replaced.json()["version"] == 1
    stale = client.put(
        one, {**RESPONDENTS, "value": 46}, content_type="application/json", HTTP_IF_MATCH='"v0"'
    )
    assert stale.status_code == 412 and stale.json()["changed"] == {"value": 45}
    invalid = client.put(one, {**RESPONDENTS, "value": 1.5}, content_type="application/json")
    assert invalid.status_code == 422 and "value" in invalid.json()["errors"]
    assert client.delete(one, HTTP_IF_MATCH='"v1"').status_code == 204
    assert client.get(API).json() == []


# The real-data demo ------------------------------------------------------------------------


def test_the_demo_quotes_the_annual_report_2024(association):
    from klimatlaget.demo.surveys import REPORT_2024, load_published_2024

    assert load_published_2024(association) == 20
    assert load_published_2024(association) == 0  # loading twice changes nothing
    figures = {(f.kind, f.key): f for f in published.figures_of(association)}
    assert figures["respondents", ""].value == 45
    assert figures["change_since_1990", ""].value == -42
    assert figures["verdict", "in_line"].value == 21
    assert figures["verdict", "partly"].value == 29
    assert figures["section_answered", "theme"].value == 32
    assert figures["question_yes", "food_target_quantified"].value == 17
    assert {(f.year, f.source, f.quoted) for f in figures.values()} == {(2024, REPORT_2024, True)}


def test_the_demo_figures_are_in_the_seed_document(shared_data):
    from klimatlaget.demo.surveys import PUBLISHED_2024

    seed = (
        shared_data.parent / "seeds" / "klimatkommunerna-verksamhetsberattelse-2024.txt"
    ).read_text()
    text = " ".join(seed.split())
    assert "45 medlemskommuner svarade på undersökningen Klimatläget 2024" in text
    assert "minskat sina utsläpp med 42 % sedan år 1990" in text
    assert "21 medlemmar har övergripande klimatmål helt i linje" in text
    assert "29 medlemmar har klimatmål delvis i linje" in text
    assert "att få fler att gå svarade 32 medlemmar" in text
    assert "17 medlemmar har ett eller flera siffersatta klimatmål för livsmedel" in text
    assert len(PUBLISHED_2024) == 20
