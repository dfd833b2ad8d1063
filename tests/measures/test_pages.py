"""The plan list, measure register, measure page and indicator pages, read and written."""

import csv
import io

import pytest
from django.utils import translation

from klimatlaget.measures import indicators, plans, services
from klimatlaget.measures.models import ActionPlan, Indicator, Measure
from measures.conftest import MEASURE


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def register(users, strandhamn):
    alice = users["alice"]
    services.create_measure(alice, strandhamn, MEASURE)
    services.create_measure(
        alice,
        strandhamn,
        {
            **MEASURE,
            "code": "E1",
            "title": "Solar parks",
            "sector": "El och fjärrvärme",
            "type": "technical",
            "status": "proposed",
            "responsible_unit": "Energibolaget",
            "expected_reduction_t": 500.0,
            "expected_low_t": None,
            "expected_high_t": None,
        },
    )
    return strandhamn


def _codes(response) -> list[str]:
    return [
        line.split('"')[1]
        for line in response.content.decode().splitlines()
        if "<tr data-code=" in line
    ]


def test_the_register_filters_and_sorts(client, register):
    assert _codes(client.get("/o/9102/measures/")) == ["E1", "T1"]
    assert _codes(client.get("/o/9102/measures/?status=proposed")) == ["E1"]
    assert _codes(client.get("/o/9102/measures/?sector=Transporter")) == ["T1"]
    assert _codes(client.get("/o/9102/measures/?type=technical")) == ["E1"]
    assert _codes(client.get("/o/9102/measures/?responsible=energi")) == ["E1"]
    assert _codes(client.get("/o/9102/measures/?sort=reduction")) == ["E1", "T1"]
    assert _codes(client.get("/o/9102/measures/?sort=title")) == ["T1", "E1"]
    assert _codes(client.get("/o/9102/measures/?status=nonsense")) == ["E1", "T1"]


def test_the_register_as_csv_follows_the_filters(client, register):
    response = client.get("/o/9102/measures.csv?status=decided")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["code"], r["expected_reduction_t"]) for r in rows] == [("T1", "120.0")]


def test_the_measure_page_shows_the_status_history_and_changes_to_those_who_read_history(
    client, users, register
):
    measure = Measure.objects.get(code="T1")
    services.update_measure(users["alice"], measure, {"status": "ongoing"})
    url = f"/o/9102/measures/{measure.pk}/"
    public = client.get(url).content.decode()
    assert "Pågående" in public and 'id="status-list"' in public
    assert 'data-action="klimatlaget.measure.changed"' not in public
    client.force_login(users["lasare"])
    assert 'data-action="klimatlaget.measure.changed"' in client.get(url).content.decode()
    assert client.get(f"/o/9201/measures/{measure.pk}/").status_code == 404


def test_an_editor_adds_a_measure_and_a_refused_one_keeps_the_input(client, users, strandhamn):
    client.force_login(users["alice"])
    form = {
        "code": "B1",
        "title": "Biogas plant",
        "sector": "Transporter",
        "type": "technical",
        "status": "proposed",
        "start_year": "2027",
        "end_year": "2026",
        "partners": "Region Kalmar\nE.ON",
        "budget_by_year": "2027: 1000000",
    }
    refused = client.post("/o/9102/measures/new/", form)
    assert refused.status_code == 200 and "Biogas plant" in refused.content.decode()
    assert not Measure.objects.exists()
    created = client.post("/o/9102/measures/new/", {**form, "end_year": "2030"})
    measure = Measure.objects.get()
    assert created["Location"] == f"/o/9102/measures/{measure.pk}/"
    assert measure.partners == ["Region Kalmar", "E.ON"]
    assert measure.budget_by_year == {"2027": 1000000.0}


def test_plans_list_the_version_in_force_and_a_new_version_starts_from_the_old(
    client, users, strandhamn
):
    old = plans.create_plan(
        users["alice"],
        strandhamn,
        {"title": "Klimatplan", "status": "adopted", "adopted_on": "2020-01-01"},
    )
    page = client.get("/o/9102/plans/").content.decode()
    assert "Gällande" in page
    client.force_login(users["alice"])
    form = client.get(f"/o/9102/plans/{old.pk}/new-version/").content.decode()
    assert 'value="Klimatplan"' in form
    client.post(
        f"/o/9102/plans/{old.pk}/new-version/",
        {
            "title": "Klimatplan",
            "kind": "mitigation",
            "status": "adopted",
            "adopted_on": "2025-02-02",
            "replaces": old.pk,
            "version_label": "2",
        },
    )
    new = ActionPlan.objects.exclude(pk=old.pk).get()
    assert new.replaces == old and plans.in_force(ActionPlan.objects.all()) == {new.pk}


def test_an_indicator_page_has_a_chart_and_a_table_and_takes_values(client, users, strandhamn):
    indicator = indicators.create_indicator(
        users["alice"],
        strandhamn,
        {"name": "Charging points", "unit": "st", "target_values": {"2030": 200}},
    )
    url = f"/o/9102/indicators/{indicator.pk}/"
    client.force_login(users["alice"])
    client.post(f"{url}values/", {"year": "2025", "quarter": "2", "value": "31"})
    client.post(f"{url}values/", {"year": "2024", "quarter": "0", "value": "20"})
    page = client.get(url).content.decode()
    assert "<svg" in page and 'data-period="2025 Q2"' in page and 'data-period="2024"' in page
    assert list(Indicator.objects.get().values.values_list("value", flat=True)) == [20, 31]
    client.force_login(users["bob"])
    assert (
        client.post(f"{url}values/", {"year": "2025", "quarter": "0", "value": "1"}).status_code
        == 403
    )
