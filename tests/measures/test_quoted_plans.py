"""A plan quoted from a document that calls it adopted without giving the date keeps that gap;
a plan entered freely needs the date, and a new version of a quoted plan is the editor's own."""

import pytest
from django.core.exceptions import ValidationError

from klimatlaget.measures import plans
from klimatlaget.measures.models import ActionPlan


def test_only_a_quoted_plan_may_be_adopted_without_a_date(users, strandhamn):
    alice = users["alice"]
    with pytest.raises(ValidationError) as refused:
        plans.create_plan(alice, strandhamn, {"title": "Klimatplan", "status": "adopted"})
    assert "adopted_on" in refused.value.message_dict
    quoted = plans.create_plan(
        alice,
        strandhamn,
        {
            "title": "Klimatplan",
            "status": "adopted",
            "quoted": True,
            "notes": "The document calls the plan adopted but gives no date.",
        },
    )
    assert plans.in_force(ActionPlan.objects.all()) == {quoted.pk}
    new = plans.new_version_values(quoted)
    assert (new["quoted"], new["notes"], new["replaces_id"]) == (False, "", quoted.pk)
    with pytest.raises(ValidationError):
        plans.create_plan(alice, strandhamn, {**new, "status": "adopted"})


def test_the_plan_list_shows_the_quote_mark_and_the_notes(users, strandhamn, client):
    plans.create_plan(
        users["alice"],
        strandhamn,
        {"title": "Klimatplan", "status": "adopted", "quoted": True, "notes": "Antogs 2021."},
    )
    html = client.get("/o/9102/plans/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'class="flag quoted"' in html and "Antogs 2021." in html
