"""The investment plans API: public reads with the figures, writes by the organisation's
editors through the services, versions and their comparison."""

import json

import pytest

from .conftest import CHARGING, PLAN


def _send(client, method, url, body=None, **headers):
    return getattr(client, method)(
        url, json.dumps(body or {}), content_type="application/json", headers=headers
    )


def test_an_editor_writes_a_plan_and_its_lines(client, users):
    client.force_login(users["alice"])
    created = _send(client, "post", "/api/organisations/9102/investment-plans", PLAN)
    assert created.status_code == 201
    plan = created.json()
    assert (plan["version_number"], plan["status"], plan["figures"]["capex_sek"]) == (1, "draft", 0)
    url = f"/api/investment-plans/{plan['id']}"
    line = _send(client, "post", f"{url}/lines", CHARGING)
    assert line.status_code == 201
    body = line.json()
    assert body["annual_cost_sek"] == pytest.approx(120_241, abs=1)
    assert body["sek_per_t"] == pytest.approx(2_404.8, abs=0.1)
    line_url = f"/api/investment-lines/{body['id']}"
    changed = _send(
        client, "put", line_url, {**CHARGING, "funding_status": "decided"}, If_Match='"v0"'
    )
    assert changed.status_code == 200 and changed.json()["funding_status"] == "decided"
    stale = _send(client, "put", line_url, {**CHARGING, "title": "Late"}, If_Match='"v0"')
    assert stale.status_code == 412
    read = client.get(url).json()
    assert read["figures"]["capex_sek"] == 1_000_000
    assert read["figures"]["funding_gap_sek"] == 0
    assert read["figures"]["capex_by_actor"] == {"private_company": 1_000_000}
    assert _send(client, "put", url, {**PLAN, "title": "Ny"}).json()["title"] == "Ny"
    assert _send(client, "delete", line_url).status_code == 204
    assert _send(client, "delete", url).status_code == 204
    assert client.get(url).status_code == 404


def test_reads_are_public(client, plan):
    listed = client.get("/api/organisations/9102/investment-plans").json()
    assert [p["id"] for p in listed] == [plan.pk]
    lines = client.get(f"/api/investment-plans/{plan.pk}/lines").json()
    buses = lines[0]
    assert buses["expected_reduction_t"] == 500 and buses["reduction_t"] is None
    assert buses["sek_per_t"] == pytest.approx(1_604.8, abs=0.1)
    assert buses["sek_per_t_with_co_benefits"] == pytest.approx(1_404.8, abs=0.1)
    assert client.get(f"/api/investment-lines/{buses['id']}").json()["title"] == "Biogas buses"


def test_invalid_values_get_422_by_field_and_others_are_refused(client, users, plan):
    client.force_login(users["alice"])
    bad = _send(
        client,
        "post",
        f"/api/investment-plans/{plan.pk}/lines",
        {**CHARGING, "lifetime_years": None},
    )
    assert bad.status_code == 422 and "lifetime_years" in bad.json()["errors"]
    client.force_login(users["bob"])
    refused = _send(client, "post", f"/api/investment-plans/{plan.pk}/lines", CHARGING)
    assert refused.status_code == 403
    assert _send(client, "post", f"/api/investment-plans/{plan.pk}/new-version").status_code == 403
    client.logout()
    assert _send(client, "delete", f"/api/investment-plans/{plan.pk}").status_code == 401
    assert plan.lines.count() == 2


def test_a_new_version_is_compared_with_the_one_it_replaces(client, users, plan):
    client.force_login(users["alice"])
    made = _send(client, "post", f"/api/investment-plans/{plan.pk}/new-version")
    assert made.status_code == 201
    copy = made.json()
    assert (copy["version_number"], copy["replaces_id"]) == (2, plan.pk)
    lines = client.get(f"/api/investment-plans/{copy['id']}/lines").json()
    charging = next(line for line in lines if line["title"] == "Charging points")
    _send(
        client,
        "put",
        f"/api/investment-lines/{charging['id']}",
        {**CHARGING, "reduction_t": 80},
    )
    comparison = client.get(f"/api/investment-plans/{copy['id']}/compare").json()
    assert comparison["old_plan_id"] == plan.pk
    assert comparison["changed"] == {charging["key"]: {"reduction_t": [50, 80]}}
    assert comparison["added"] == [] and comparison["removed"] == []
    assert client.get(f"/api/investment-plans/{plan.pk}/compare").status_code == 404
    other = client.get(f"/api/investment-plans/{plan.pk}/compare", {"other": copy["id"]}).json()
    assert other["changed"] == {charging["key"]: {"reduction_t": [80, 50]}}


def test_a_line_is_read_with_the_figures_of_its_page(client, users, plan):
    from klimatlaget.investments import services

    buses = plan.lines.get(title="Biogas buses")
    copy = services.new_version(users["alice"], plan)
    response = client.get(f"/api/investment-lines/{buses.pk}")
    assert response.status_code == 200 and response["ETag"] == f'"v{buses.version}"'
    body = response.json()
    # METHOD.md's worked example, line A.
    assert body["capex_sek"] == 10_000_000 and body["discount_rate"] == pytest.approx(0.035)
    assert body["annuity_factor"] == pytest.approx(0.120241, abs=1e-6)
    assert body["annual_capex_sek"] == pytest.approx(1_202_414, abs=1)
    assert (body["annual_opex_sek"], body["annual_savings_sek"]) == (200_000, 600_000)
    assert body["co_benefits_sek_a_year"] == 100_000
    assert body["sek_per_t"] == pytest.approx(1_604.8, abs=0.1)
    assert (body["curve_rank"], body["curve_count"]) == (1, 2)
    copied = copy.lines.get(key=buses.key)
    assert body["other_versions"] == [
        {"line_id": copied.pk, "plan_id": copy.pk, "version_number": 2}
    ]
    assert client.get("/api/investment-lines/999999").status_code == 404
