"""A plan quoted from its source document: marked as quoted with notes on the pages, in the API
and the form, and allowed to leave open what the source does not give (the date an adopted
plan was adopted, the lifetime of an amount), which anyone entering a plan freely must give."""

import json

import pytest
from django.core.exceptions import ValidationError

from klimatlaget.investments import figures, services
from klimatlaget.investments.models import InvestmentPlan

from .conftest import CHARGING, PLAN

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
QUOTED = {**PLAN, "quoted": True, "notes": "The source gives no lifetime."}
#: An amount the source gives without a lifetime.
NO_LIFETIME = {**CHARGING, "lifetime_years": None, "reduction_t": None}


def test_only_a_quoted_plan_leaves_open_what_its_source_does_not_give(users, strandhamn):
    alice = users["alice"]
    free = services.create_plan(alice, strandhamn, PLAN)
    with pytest.raises(ValidationError) as refused:
        services.create_line(alice, free, NO_LIFETIME)
    assert "lifetime_years" in refused.value.message_dict
    with pytest.raises(ValidationError) as undated:
        services.update_plan(alice, free, {"status": "adopted"})
    assert "adopted_on" in undated.value.message_dict

    quoted = services.create_plan(alice, strandhamn, {**QUOTED, "status": "adopted"})
    line = services.create_line(alice, quoted, NO_LIFETIME)
    assert (quoted.quoted, quoted.adopted_on, line.lifetime_years) == (True, None, None)
    cost = figures.plan_figures(quoted).costs[line.pk]
    assert cost.annual_cost is None and cost.per_tonne is None
    # A new version stays quoted, with the notes.
    copy = services.new_version(alice, quoted)
    assert (copy.quoted, copy.notes) == (True, QUOTED["notes"])


def test_the_pages_mark_a_quoted_plan_and_show_its_notes(client, users, strandhamn):
    plan = services.create_plan(users["alice"], strandhamn, QUOTED)
    page = client.get(f"/o/9102/investments/{plan.pk}/", **EN).content.decode()
    assert '<span class="flag quoted" id="plan-quoted">Quoted from the source</span>' in page
    assert '<dd class="plan-notes" id="plan-notes">The source gives no lifetime.</dd>' in page
    listing = client.get("/o/9102/investments/", **EN).content.decode()
    assert listing.count('class="flag quoted"') == 1
    services.update_plan(users["alice"], plan, {"quoted": False, "notes": ""})
    page = client.get(f"/o/9102/investments/{plan.pk}/", **EN).content.decode()
    assert 'id="plan-quoted"' not in page and 'id="plan-notes"' not in page


def test_the_form_sets_quoted_and_notes(client, users, strandhamn):
    client.force_login(users["alice"])
    form = client.get("/o/9102/investments/new/", **EN).content.decode()
    assert 'name="quoted"' in form and '<textarea name="notes"' in form
    response = client.post(
        "/o/9102/investments/new/",
        {
            **PLAN,
            "scope": "territory",
            "status": "draft",
            "discount_rate_percent": "3.5",
            "quoted": "on",
            "notes": "Quoted from the council's decision.",
        },
    )
    plan = InvestmentPlan.objects.get()
    assert response.status_code == 302
    assert (plan.quoted, plan.notes) == (True, "Quoted from the council's decision.")


def test_the_api_reads_and_writes_quoted_and_notes(client, users, strandhamn):
    client.force_login(users["alice"])
    created = client.post(
        "/api/organisations/9102/investment-plans",
        json.dumps(QUOTED),
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["quoted"], body["notes"]) == (True, QUOTED["notes"])
    listed = client.get("/api/organisations/9102/investment-plans").json()
    assert [(p["quoted"], p["notes"]) for p in listed] == [(True, QUOTED["notes"])]
    too_long = client.put(
        f"/api/investment-plans/{body['id']}",
        json.dumps({**QUOTED, "notes": "x" * 4001}),
        content_type="application/json",
    )
    assert too_long.status_code == 422
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert {"quoted", "notes"} <= set(schema["InvestmentPlanIn"]["properties"])
    assert {"quoted", "notes"} <= set(schema["InvestmentPlanOut"]["required"])
