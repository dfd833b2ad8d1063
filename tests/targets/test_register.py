"""Registering climate targets: services with their audit trail, validation, permissions, the
organisation's targets page and the API."""

import csv
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from klimatlaget.audit.models import AuditEntry
from klimatlaget.calc.targets import Verdict
from klimatlaget.organisations.models import Organisation, Population
from klimatlaget.targets.comparison.service import comparison_rows
from klimatlaget.targets.evaluation import target_parameters
from klimatlaget.targets.models import Target
from klimatlaget.targets.register.services import create_target, delete_target, update_target

pytestmark = pytest.mark.django_db

OWN, OTHER = "9102", "9201"

VALID = {
    "title": "Minus 70 % by 2030",
    "form": "percent_reduction",
    "value": 70.0,
    "base_year": 1990,
    "target_year": 2030,
    "geography": "territory",
    "scopes": ["1", "2"],
    "includes_non_energy": True,
    "status": "adopted",
    "source": "https://strandhamn.example/klimatplan.pdf",
    "quote": "Utsläppen ska minska med 70 procent till 2030 jämfört med 1990.",
}

# (changed values, field with the error, part of the English message)
INVALID = [
    ({"base_year": 2035}, "base_year", "must be before the target year"),
    (
        {"form": "annual_rate", "value": 120.0, "base_year": None, "start_year": 2020},
        "value",
        "less than 100 % per year",
    ),
    ({"scopes": []}, "scopes", "Say which scopes the target covers"),
]


def _org(code):
    return Organisation.objects.get(code=code)


def _form_data(values):
    data = {}
    for key, value in values.items():
        if value is None:
            data[key] = ""
        elif key == "includes_non_energy":
            data[key] = "true" if value else "false"
        else:
            data[key] = value
    return data


def _english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})


def test_create_update_delete_are_recorded_and_shown_in_the_history(client, users):
    alice = users["alice"]
    target = create_target(alice, _org(OWN), VALID)
    assert Target.objects.get(pk=target.pk).scopes == ["1", "2"]
    created = AuditEntry.objects.get(action="klimatlaget.target.created")
    assert created.actor == alice and created.organisation.code == OWN
    assert created.changes["value"] == [None, 70.0]
    assert created.changes["base_year"] == [None, 1990]

    changes = update_target(alice, target, {**VALID, "value": 80.0, "title": "Minus 80 %"})
    assert changes == {"value": [70.0, 80.0], "title": ["Minus 70 % by 2030", "Minus 80 %"]}
    assert Target.objects.get(pk=target.pk).value == 80.0
    changed = AuditEntry.objects.get(action="klimatlaget.target.changed")
    assert changed.changes == changes
    assert update_target(alice, target, {**VALID, "value": 80.0, "title": "Minus 80 %"}) == {}
    assert AuditEntry.objects.filter(action="klimatlaget.target.changed").count() == 1

    delete_target(alice, target)
    assert not Target.objects.filter(pk=target.pk).exists()
    deleted = AuditEntry.objects.get(action="klimatlaget.target.deleted")
    assert deleted.changes["value"] == [80.0, None]

    client.force_login(alice)
    history = client.get(f"/o/{OWN}/history/").content.decode()
    for summary in ("Klimatmål tillagt", "Klimatmål ändrat", "Klimatmål borttaget"):
        assert summary in history
    _english(client)
    history = client.get(f"/o/{OWN}/history/").content.decode()
    for summary in ("Climate target added", "Climate target changed", "Climate target deleted"):
        assert summary in history


@pytest.mark.parametrize(("changed", "field", "message"), INVALID)
def test_service_rejects_invalid_targets_with_field_messages(users, changed, field, message):
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        create_target(users["alice"], _org(OWN), {**VALID, **changed})
    assert any(message in text for text in raised.value.message_dict[field])
    assert not Target.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="klimatlaget.target").exists()


def test_per_inhabitant_target_needs_population(users):
    Population.objects.filter(organisation__code=OWN).delete()
    values = {**VALID, "form": "per_capita_level", "value": 1.0, "base_year": None}
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        create_target(users["alice"], _org(OWN), values)
    assert "needs population figures" in " ".join(raised.value.message_dict["per_capita"])
    # With population (another organisation) the same target is accepted.
    assert create_target(users["bob"], _org(OTHER), values).pk


@pytest.mark.parametrize(("changed", "field", "message"), INVALID)
def test_form_shows_each_validation_error_and_saves_nothing(client, users, changed, field, message):
    client.force_login(users["alice"])
    _english(client)
    response = client.post(f"/o/{OWN}/targets/new/", _form_data({**VALID, **changed}))
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in text for text in form.errors[field])
    assert message in response.content.decode()
    assert not Target.objects.exists()


def test_form_rejects_a_per_inhabitant_target_without_population(client, users):
    Population.objects.filter(organisation__code=OWN).delete()
    client.force_login(users["alice"])
    _english(client)
    values = {**VALID, "form": "per_capita_level", "value": 1.0, "base_year": None}
    response = client.post(f"/o/{OWN}/targets/new/", _form_data(values))
    assert "needs population figures" in " ".join(response.context["form"].errors["per_capita"])
    assert not Target.objects.exists()


def test_add_edit_and_delete_through_the_pages(client, users):
    client.force_login(users["alice"])
    assert client.get(f"/o/{OWN}/targets/new/").status_code == 200
    response = client.post(f"/o/{OWN}/targets/new/", _form_data(VALID))
    assert response.status_code == 302 and response["Location"] == f"/o/{OWN}/targets/"
    target = Target.objects.get()
    assert (target.value, target.scopes, target.includes_non_energy) == (70.0, ["1", "2"], True)

    edit_url = f"/o/{OWN}/targets/{target.pk}/edit/"
    assert client.get(edit_url).context["form"].initial["value"] == 70.0
    unknown = {**_form_data(VALID), "value": 75, "includes_non_energy": "unknown"}
    assert client.post(edit_url, unknown).status_code == 302
    target.refresh_from_db()
    assert target.value == 75.0 and target.includes_non_energy is None
    entry = AuditEntry.objects.get(action="klimatlaget.target.changed")
    assert entry.changes == {"value": [70.0, 75.0], "includes_non_energy": [True, None]}

    delete_url = f"/o/{OWN}/targets/{target.pk}/delete/"
    assert client.get(delete_url).status_code == 200
    assert Target.objects.exists()
    assert client.post(delete_url).status_code == 302
    assert not Target.objects.exists()


def test_alice_cannot_touch_tallnas_targets_through_pages_or_api(client, users):
    theirs = create_target(users["bob"], _org(OTHER), VALID)
    ours = create_target(users["alice"], _org(OWN), VALID)
    entries = AuditEntry.objects.count()
    client.force_login(users["alice"])
    assert client.get(f"/o/{OTHER}/targets/new/").status_code == 403
    assert client.post(f"/o/{OTHER}/targets/new/", _form_data(VALID)).status_code == 403
    changed = {**_form_data(VALID), "value": 10}
    assert client.post(f"/o/{OTHER}/targets/{theirs.pk}/edit/", changed).status_code == 403
    assert client.post(f"/o/{OTHER}/targets/{theirs.pk}/delete/").status_code == 403
    # Their target under her own organisation's address is not found.
    assert client.post(f"/o/{OWN}/targets/{theirs.pk}/edit/", changed).status_code == 404
    assert client.post(f"/o/{OWN}/targets/{theirs.pk}/delete/").status_code == 404
    body = json.dumps({**VALID, "value": 10})
    api = "/api/organisations"
    assert client.post(f"{api}/{OTHER}/targets", body, "application/json").status_code == 403
    assert client.put(f"/api/targets/{theirs.pk}", body, "application/json").status_code == 403
    assert client.delete(f"/api/targets/{theirs.pk}").status_code == 403
    theirs.refresh_from_db()
    assert theirs.value == 70.0
    assert Target.objects.filter(organisation__code=OTHER).count() == 1
    assert AuditEntry.objects.count() == entries
    with pytest.raises(PermissionDenied):
        update_target(users["alice"], theirs, {"value": 10.0})
    with pytest.raises(PermissionDenied):
        delete_target(users["lasare"], ours)
    # The secretariat may change anyone's targets.
    assert client.get(f"/o/{OWN}/targets/{ours.pk}/edit/").status_code == 200
    client.force_login(users["kansli"])
    assert client.get(f"/o/{OTHER}/targets/{theirs.pk}/edit/").status_code == 200


def test_targets_page_shows_the_target_normalised_with_its_verdict_and_chart(client, users):
    target = create_target(users["alice"], _org(OWN), VALID)
    _english(client)
    response = client.get(f"/o/{OWN}/targets/?current_year=2026")
    html = response.content.decode()
    row = response.context["targets"][0]["row"]
    assert row["id"] == target.pk and row["normalised"] is True
    assert row["reduction_1990_2030_pct"] == pytest.approx(70.0)
    verdict_texts = {
        Verdict.IN_LINE: "In line with the Paris Agreement",
        Verdict.PARTLY: "Partly in line",
        Verdict.NOT_IN_LINE: "Not in line",
    }
    assert verdict_texts[Verdict(row["verdict"])] in html
    assert row["reasons"] and row["reasons"][0] in html
    assert "Minus 70 % by 2030" in html and VALID["quote"] in html
    assert "Overall verdict" in html and response.context["overall"]["reasons"]
    assert html.count("kl-chart-sizes") == 1 and 'id="targets-chart-table"' in html
    assert f"/o/{OWN}/targets.csv" in html
    assert "Add a target" not in html and "/edit/" not in html  # anonymous
    if row["on_track"] is not None:
        assert ("On track:" in html) != ("Not on track:" in html)
        assert ("The trend is uncertain" in html) == row["trend_uncertain"]

    client.force_login(users["alice"])
    html = client.get(f"/o/{OWN}/targets/").content.decode()
    assert "Add a target" in html and f"/o/{OWN}/targets/{target.pk}/edit/" in html
    client.force_login(users["bob"])
    assert "Add a target" not in client.get(f"/o/{OWN}/targets/").content.decode()


def test_targets_csv_has_the_charts_numbers(client, users):
    target = create_target(users["alice"], _org(OWN), VALID)
    response = client.get(f"/o/{OWN}/targets.csv?current_year=2026")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    key = f"target_{target.pk}_t"
    assert set(rows[0]) == {"year", "observed_t", "trend_t", "carbon_law_t", key}
    by_year = {int(r["year"]): r for r in rows}
    assert float(by_year[1990]["observed_t"]) > 0
    # The target pathway reaches 30 % of 1990's emissions in 2030.
    assert float(by_year[2030][key]) == pytest.approx(0.3 * float(by_year[1990]["observed_t"]))
    assert float(by_year[2026]["carbon_law_t"]) > float(by_year[2030]["carbon_law_t"])


def test_organisation_without_targets_has_an_empty_targets_page(client, example_data):
    _english(client)
    response = client.get(f"/o/{OTHER}/targets/")
    assert response.status_code == 200
    assert "No climate targets have been registered" in response.content.decode()
    assert client.get("/o/9999/targets/").status_code == 404
    assert client.get(f"/api/organisations/{OTHER}/targets").json() == []


def test_organisation_page_links_to_its_targets_with_the_verdict(client, users):
    _english(client)
    assert f"/o/{OWN}/targets/" in client.get(f"/o/{OWN}/").content.decode()
    create_target(users["alice"], _org(OWN), VALID)
    html = client.get(f"/o/{OWN}/").content.decode()
    assert "Climate targets" in html and "Overall verdict" in html


def test_api_create_read_replace_delete(client, users):
    client.force_login(users["alice"])
    response = client.post(
        f"/api/organisations/{OWN}/targets", json.dumps(VALID), "application/json"
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["value"] == 70.0 and created["scopes"] == ["1", "2"]
    assert created["verdict"] in {v.value for v in Verdict}
    assert created["reduction_1990_2030_pct"] == pytest.approx(70.0)
    target_id = created["id"]

    client.logout()
    listed = client.get(f"/api/organisations/{OWN}/targets").json()
    assert [row["id"] for row in listed] == [target_id]
    assert client.get(f"/api/targets/{target_id}").json()["title"] == VALID["title"]

    client.force_login(users["alice"])
    replaced = client.put(
        f"/api/targets/{target_id}", json.dumps({**VALID, "value": 90.0}), "application/json"
    )
    assert replaced.status_code == 200 and replaced.json()["value"] == 90.0
    assert AuditEntry.objects.get(action="klimatlaget.target.changed").changes == {
        "value": [70.0, 90.0]
    }

    with translation.override("en"):
        bad = client.put(
            f"/api/targets/{target_id}",
            json.dumps({**VALID, "base_year": 2040}),
            "application/json",
            headers={"Accept-Language": "en"},
        )
    assert bad.status_code == 422
    assert bad.json()["errors"]["base_year"]
    assert Target.objects.get(pk=target_id).base_year == 1990
    unknown = client.post(
        f"/api/organisations/{OWN}/targets",
        json.dumps({**VALID, "scopes": ["9"], "form": "wish"}),
        "application/json",
    )
    assert unknown.status_code == 422
    assert set(unknown.json()["errors"]) >= {"scopes", "form"}

    assert client.delete(f"/api/targets/{target_id}").status_code == 204
    assert client.get(f"/api/targets/{target_id}").status_code == 404
    assert AuditEntry.objects.filter(action="klimatlaget.target.deleted").count() == 1


def test_api_writes_need_a_login(client, users):
    target = create_target(users["alice"], _org(OWN), VALID)
    body = json.dumps(VALID)
    assert (
        client.post(f"/api/organisations/{OWN}/targets", body, "application/json").status_code
        == 401
    )
    assert client.put(f"/api/targets/{target.pk}", body, "application/json").status_code == 401
    assert client.delete(f"/api/targets/{target.pk}").status_code == 401
    assert Target.objects.count() == 1


def test_api_targets_as_csv(client, users):
    create_target(users["alice"], _org(OWN), VALID)
    create_target(
        users["alice"],
        _org(OWN),
        {
            **VALID,
            "title": "",
            "form": "net_zero",
            "value": None,
            "base_year": None,
            "target_year": 2045,
        },
    )
    response = client.get(f"/api/organisations/{OWN}/targets?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["target_year"] for r in rows] == ["2030", "2045"]
    assert rows[0]["scopes"] == "1 | 2"
    assert rows[1]["form"] == "net_zero" and rows[1]["verdict"]
    json_rows = client.get(f"/api/organisations/{OWN}/targets").json()
    assert rows[1]["verdict"] == json_rows[1]["verdict"]


def test_a_slow_carbon_law_rate_closes_the_partly_band(client, users):
    create_target(users["alice"], _org(OWN), VALID)
    _english(client)
    response = client.get(f"/o/{OWN}/targets/?preset=global-average")
    assert response.status_code == 200
    assert response.context["params"].carbon_law_rate == 0.07
    assert response.context["targets"][0]["row"]["verdict"] in {v.value for v in Verdict}
    api = client.get(f"/api/organisations/{OWN}/targets?preset=global-average")
    assert api.status_code == 200 and api.json()[0]["verdict"]


ZERO_PER_HEAD = {
    **VALID,
    "title": "Netto noll per invånare 2045",
    "value": 100.0,
    "target_year": 2045,
    "per_capita": True,
    "source": "Klimatplan 2030, kommunfullmäktige 2022-03-14 § 45",
}


def test_a_document_name_as_source_and_zero_per_inhabitant_without_population(client, users):
    """The source may name the document instead of giving its address (form and API alike), and
    −100 % per inhabitant is assessed without population: zero per inhabitant is zero."""
    Population.objects.filter(organisation__code=OWN).delete()
    client.force_login(users["alice"])
    response = client.post(f"/o/{OWN}/targets/new/", _form_data(ZERO_PER_HEAD))
    assert response.status_code == 302, response.context["form"].errors
    target = Target.objects.get()
    assert target.source == ZERO_PER_HEAD["source"] and target.source_url == ""
    via_api = client.post(
        f"/api/organisations/{OWN}/targets",
        json.dumps({**VALID, "source": "Miljöprogram 2021–2030"}),
        "application/json",
    )
    assert via_api.status_code == 201, via_api.content
    assert via_api.json()["source"] == "Miljöprogram 2021–2030"

    response = client.get(f"/o/{OWN}/targets/?current_year=2026")
    html = response.content.decode()
    rows = {entry["row"]["id"]: entry["row"] for entry in response.context["targets"]}
    assert rows[target.pk]["normalised"] is True and rows[target.pk]["verdict"]
    assert rows[target.pk]["reduction_1990_2030_pct"] is not None
    assert f"<cite>{ZERO_PER_HEAD['source']}</cite>" in html
    assert "<cite>Miljöprogram 2021–2030</cite>" in html
    assert 'href="Klimatplan' not in html


def test_swedens_pages_show_the_national_target(client, example_data):
    """Sweden is the comparison's reference with net zero by 2045: its pages show that target,
    read-only and marked as the national target, with the verdict the comparison gives it."""
    _english(client)
    reference = by_organisation(comparison_rows(target_parameters()))["SE"]
    verdicts = {"in_line": "In line with the Paris Agreement", "partly": "Partly in line"}
    verdicts |= {"not_in_line": "Not in line", "not_assessed": "Not assessed"}
    page = client.get("/o/00/targets/").content.decode()
    assert 'id="national-target"' in page and "National target" in page
    assert "Climate Act" in page and "Net zero by 2045" in page
    assert "No climate targets have been registered" not in page
    assert verdicts[reference["paris_alignment"]] in page
    assert "/edit/" not in page
    summary = client.get("/o/00/").content.decode()
    assert 'id="national-target"' in summary and "Climate Act" in summary
    assert "No climate targets have been registered" not in summary
    # Other organisations without targets still say so, and have no national target.
    other = client.get(f"/o/{OTHER}/").content.decode()
    assert "No climate targets have been registered" in other
    assert 'id="national-target"' not in other


def by_organisation(rows):
    return {row["organisation_code"]: row for row in rows}
