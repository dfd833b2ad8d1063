"""Changing fee rules and overrides on the secretariat's pages and through the API: the data
changes and is recorded, bad values are refused in words with nothing saved, and everyone but
the secretariat is refused.

The association is the demo's Klimatkommunerna with the demo's rule from 2008 (3,000 SEK + 0.20
SEK per inhabitant, at most 150,000 counted); Mossala (9105) had 143,600 inhabitants in 2024.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import translation

from klimatlaget.audit.models import AuditEntry
from klimatlaget.audit.subjects import HIDDEN
from klimatlaget.demo.association import load_fee_rule, load_memberships
from klimatlaget.fees.models import FeeOverride, FeeRule
from klimatlaget.fees.services import fee_list, remove_fee_override, set_fee_override
from klimatlaget.organisations.models import Organisation

YEAR = 2025
ASSOC = "/associations/klimatkommunerna"
RULES = f"{ASSOC}/fees/rules/"
LIST = f"{ASSOC}/fees/{YEAR}/"
OVERRIDE = f"{ASSOC}/fees/{YEAR}/overrides/9105/"
API = "/api/associations/klimatkommunerna"
API_RULES = f"{API}/fee-rules"
API_OVERRIDE = f"{API}/fee-overrides/9105"
RULE_2026 = {
    "from_year": "2026",
    "fixed_sek": "3500",
    "per_inhabitant_sek": "0.25",
    "max_inhabitants": "150000",
    "population_year_offset": "-1",
    "population_year": "",
    "rounding": "krona",
}
MOSSALA_RULE_FEE = Decimal(31_720)  # 3,000 + 0.20 × 143,600


@pytest.fixture(autouse=True)
def english(client):
    """Messages are asserted in English; the site's default language is Swedish."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def association(users):
    result = load_memberships(example=True)
    assert load_fee_rule(result.association)
    return result.association


def mossala_fee(association) -> Decimal | None:
    row = next(r for r in fee_list(association, YEAR).rows if r.member_code == "9105")
    return row.fee_sek


def post_json(client, method, url, body):
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def rules(association) -> list[tuple[int, Decimal, str]]:
    return list(
        FeeRule.objects.filter(association=association).values_list(
            "from_year", "fixed_sek", "rounding"
        )
    )


# Pages -------------------------------------------------------------------------------------


def test_fee_list_links_to_the_rules_and_each_members_override(client, association, users):
    client.force_login(users["kansli"])
    html = client.get(LIST).content.decode()
    assert f'href="{RULES}?from_year=2008"' in html
    assert f'href="{OVERRIDE}"' in html and 'id="override-9105"' in html


def test_secretariat_changes_a_rule_and_adds_one_on_the_rules_page(client, association, users):
    client.force_login(users["kansli"])
    response = client.get(RULES)
    assert response.status_code == 200
    assert response.context["form"].initial["from_year"] == 2008
    assert 'id="rule-2008"' in response.content.decode()

    changed = {**RULE_2026, "from_year": "2008", "fixed_sek": "3000", "per_inhabitant_sek": "0.2"}
    response = client.post(RULES, {**changed, "rounding": "tenth"})
    assert response.status_code == 302 and response["Location"] == RULES
    assert rules(association) == [(2008, Decimal(3000), "tenth")]
    entry = AuditEntry.objects.get(action="klimatlaget.fee_rule.changed")
    assert entry.changes == {"fee rule 2008: rounding": ["krona", "tenth"]}
    assert entry.actor == users["kansli"] and entry.organisation == association

    response = client.post(RULES, RULE_2026, follow=True)
    assert "The fee rule from 2026 was saved." in response.content.decode()
    assert rules(association)[-1] == (2026, Decimal(3500), "krona")
    assert AuditEntry.objects.filter(action="klimatlaget.fee_rule.created").count() == 2
    assert fee_list(association, 2026).rule.from_year == 2026
    assert fee_list(association, YEAR).rule.from_year == 2008


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("fixed_sek", "-5", "Ensure this value is greater than or equal to 0."),
        ("per_inhabitant_sek", "much", "Enter a number."),
        ("max_inhabitants", "0", "Ensure this value is greater than or equal to 1."),
        ("rounding", "cents", "Select a valid choice."),
        ("from_year", "", "This field is required."),
    ],
)
def test_a_bad_rule_is_refused_in_words_and_nothing_saved(
    client, association, users, field, value, message
):
    client.force_login(users["kansli"])
    entries = AuditEntry.objects.count()
    response = client.post(RULES, {**RULE_2026, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert field in response.context["form"].errors
    assert rules(association) == [(2008, Decimal(3000), "krona")]
    assert AuditEntry.objects.count() == entries


def test_secretariat_sets_changes_and_removes_an_override(client, association, users):
    client.force_login(users["kansli"])
    response = client.get(OVERRIDE)
    assert response.status_code == 200 and "Mossala" in response.content.decode()
    assert response.context["form"].initial == {"from_year": YEAR}

    values = {"from_year": "2025", "to_year": "2025", "counted_inhabitants": "45000"}
    response = client.post(OVERRIDE, {**values, "reason": "Board decision 2024-11-20"})
    assert response.status_code == 302 and response["Location"] == LIST
    assert mossala_fee(association) == Decimal(12_000)  # 3,000 + 0.20 × 45,000
    entry = AuditEntry.objects.get(action="klimatlaget.fee_override.created")
    assert entry.organisation.code == "9105" and entry.actor == users["kansli"]
    html = client.get(LIST).content.decode()
    assert "Override: Board decision 2024-11-20" in html

    response = client.get(OVERRIDE)
    assert response.context["form"].initial["counted_inhabitants"] == 45_000
    response = client.post(
        OVERRIDE,
        {"from_year": "2025", "to_year": "", "amount_sek": "10000", "reason": "Agreed fee"},
    )
    assert response.status_code == 302
    assert mossala_fee(association) == Decimal(10_000)
    override = FeeOverride.objects.get()
    assert (override.to_year, override.counted_inhabitants) == (None, None)
    assert AuditEntry.objects.filter(action="klimatlaget.fee_override.changed").count() == 1

    response = client.post(OVERRIDE, {"action": "remove", "from_year": "2025"}, follow=True)
    assert "The override for Mossala was removed." in response.content.decode()
    assert not FeeOverride.objects.exists()
    assert mossala_fee(association) == MOSSALA_RULE_FEE
    entry = AuditEntry.objects.get(action="klimatlaget.fee_override.removed")
    assert entry.organisation.code == "9105" and entry.changes == {
        "amount_sek": ["10000.00", None],
        "reason": [HIDDEN, None],  # the confidential reason is never kept in the log
    }
    assert "Agreed fee" not in entry.summary
    assert client.post(OVERRIDE, {"action": "remove", "from_year": "2025"}).status_code == 404


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"counted_inhabitants": "45000", "reason": ""}, "reason", "This field is required."),
        (
            {"counted_inhabitants": "45000", "amount_sek": "100", "reason": "Both"},
            "__all__",
            "Give either the inhabitants to count or a fixed fee.",
        ),
        ({"reason": "Neither"}, "__all__", "Give either the inhabitants to count or a fixed fee."),
        ({"amount_sek": "-1", "reason": "Negative"}, "amount_sek", "greater than or equal to 0"),
        (
            {"to_year": "2024", "amount_sek": "1", "reason": "Backwards"},
            "to_year",
            "The last year must not be before the first.",
        ),
        ({"counted_inhabitants": "many", "reason": "Text"}, "counted_inhabitants", "whole number"),
    ],
)
def test_a_bad_override_is_refused_in_words_and_nothing_saved(
    client, association, users, values, field, message
):
    client.force_login(users["kansli"])
    response = client.post(OVERRIDE, {"from_year": "2025", **values})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert field in response.context["form"].errors
    assert not FeeOverride.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="klimatlaget.fee_override").exists()


def test_override_pages_only_for_members_of_that_year(client, association, users):
    client.force_login(users["kansli"])
    assert client.get(f"{ASSOC}/fees/{YEAR}/overrides/9103/").status_code == 404  # left 2019
    assert client.get(f"{ASSOC}/fees/{YEAR}/overrides/nowhere/").status_code == 404
    assert client.get("/associations/9102/fees/rules/").status_code == 404  # not an association


@pytest.mark.parametrize("name", ["alice", "bob", "lasare", "nobody", None])
def test_others_are_refused_every_page(client, association, users, name):
    set_fee_override(
        users["kansli"], association, Organisation.objects.get(code="9105"), 2025,
        amount_sek=Decimal(1), reason="Existing",
    )  # fmt: skip
    before = (rules(association), list(FeeOverride.objects.values_list("amount_sek", "reason")))
    if name:
        client.force_login(users[name])
    expected = 403 if name else 302
    requests = [
        ("get", RULES, {}),
        ("post", RULES, RULE_2026),
        ("get", OVERRIDE, {}),
        ("post", OVERRIDE, {"from_year": "2025", "amount_sek": "5", "reason": "Sneaky"}),
        ("post", OVERRIDE, {"action": "remove", "from_year": "2025"}),
    ]
    for method, url, data in requests:
        response = getattr(client, method)(url, data)
        assert response.status_code == expected, (method, url)
        if expected == 302:
            assert response["Location"].startswith("/accounts/login/")
    after = (rules(association), list(FeeOverride.objects.values_list("amount_sek", "reason")))
    assert after == before


def test_only_the_secretariat_removes_an_override(association, users):
    override = set_fee_override(
        users["kansli"], association, Organisation.objects.get(code="9102"), 2025,
        amount_sek=Decimal(0), reason="Free",
    )  # fmt: skip
    for name in ("alice", "lasare", "nobody"):
        with pytest.raises(PermissionDenied):
            remove_fee_override(users[name], override)
    assert FeeOverride.objects.filter(pk=override.pk).exists()


# API ---------------------------------------------------------------------------------------


def test_api_lists_adds_and_changes_rules(client, association, users):
    client.force_login(users["kansli"])
    data = client.get(API_RULES).json()
    assert data == [
        {
            "from_year": 2008,
            "fixed_sek": 3000,
            "per_inhabitant_sek": 0.2,
            "max_inhabitants": 150_000,
            "population_year_offset": -1,
            "population_year": None,
            "rounding": "krona",
            "version": 0,
        }
    ]
    body = {"from_year": 2026, "fixed_sek": "3500", "per_inhabitant_sek": "0.25"}
    response = post_json(client, "post", API_RULES, body)
    assert response.status_code == 201, response.content
    assert response.json()["max_inhabitants"] is None and response.json()["fixed_sek"] == 3500
    response = post_json(client, "post", API_RULES, {**body, "max_inhabitants": 100_000})
    assert response.status_code == 200 and response.json()["max_inhabitants"] == 100_000
    assert [r[0] for r in rules(association)] == [2008, 2026]
    actions = AuditEntry.objects.filter(action__startswith="klimatlaget.fee_rule").values_list(
        "action", flat=True
    )
    assert list(actions.order_by("id"))[-2:] == [
        "klimatlaget.fee_rule.created",
        "klimatlaget.fee_rule.changed",
    ]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"fixed_sek": "-1"}, "fixed_sek"),
        ({"per_inhabitant_sek": "-0.1"}, "per_inhabitant_sek"),
        ({"max_inhabitants": 0}, "max_inhabitants"),
        ({"rounding": "cents"}, "rounding"),
    ],
)
def test_api_refuses_a_bad_rule_naming_the_field(client, association, users, change, field):
    client.force_login(users["kansli"])
    body = {"from_year": 2026, "fixed_sek": "3500", "per_inhabitant_sek": "0.25", **change}
    response = post_json(client, "post", API_RULES, body)
    assert response.status_code == 422
    data = response.json()
    assert f"{field}: " in data["detail"] and field in data["errors"]
    assert rules(association) == [(2008, Decimal(3000), "krona")]


def test_api_sets_changes_and_removes_an_override(client, association, users):
    client.force_login(users["kansli"])
    body = {"to_year": 2025, "counted_inhabitants": 45_000, "reason": "Board decision"}
    response = post_json(client, "put", f"{API_OVERRIDE}?year=2025", body)
    assert response.status_code == 201, response.content
    assert response.json()["counted_inhabitants"] == 45_000
    assert mossala_fee(association) == Decimal(12_000)
    body = {"amount_sek": "10000", "reason": "Agreed fee"}
    response = post_json(client, "put", f"{API_OVERRIDE}?year=2025", body)
    assert response.status_code == 200 and response.json()["amount_sek"] == 10_000
    assert response.json()["to_year"] is None
    assert mossala_fee(association) == Decimal(10_000)
    listed = client.get(API_OVERRIDE).json()
    assert [(o["from_year"], o["reason"]) for o in listed] == [(2025, "Agreed fee")]

    assert client.delete(f"{API_OVERRIDE}?year=2024").status_code == 404
    assert client.delete(f"{API_OVERRIDE}?year=2025").status_code == 204
    assert mossala_fee(association) == MOSSALA_RULE_FEE
    actions = AuditEntry.objects.filter(action__startswith="klimatlaget.fee_override")
    assert list(actions.order_by("id").values_list("action", flat=True)) == [
        "klimatlaget.fee_override.created",
        "klimatlaget.fee_override.changed",
        "klimatlaget.fee_override.removed",
    ]


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        (f"{API_OVERRIDE}?year=2025", {"counted_inhabitants": 1}, "reason"),
        (f"{API_OVERRIDE}?year=2025", {"reason": "Neither"}, "counted_inhabitants"),
        (
            f"{API_OVERRIDE}?year=2025",
            {"counted_inhabitants": 1, "amount_sek": 1, "reason": "Both"},
            "counted_inhabitants",
        ),
        (f"{API_OVERRIDE}?year=2025", {"amount_sek": -5, "reason": "Negative"}, "amount_sek"),
        (
            f"{API_OVERRIDE}?year=2025",
            {"amount_sek": 5, "to_year": 2020, "reason": "Backwards"},
            "to_year",
        ),
        (f"{API}/fee-overrides/9103?year=2025", {"amount_sek": 5, "reason": "Left"}, "member_code"),
    ],
)
def test_api_refuses_a_bad_override_naming_the_field(client, association, users, url, body, field):
    client.force_login(users["kansli"])
    response = post_json(client, "put", url, body)
    assert response.status_code == 422, response.content
    data = response.json()
    assert f"{field}: " in data["detail"] and field in data["errors"]
    assert not FeeOverride.objects.exists()


@pytest.mark.parametrize("name", ["alice", "bob", "lasare", "nobody", None])
def test_api_refuses_everyone_but_the_secretariat(client, association, users, name):
    set_fee_override(
        users["kansli"], association, Organisation.objects.get(code="9105"), 2025,
        amount_sek=Decimal(1), reason="Existing",
    )  # fmt: skip
    before = (rules(association), list(FeeOverride.objects.values_list("amount_sek", "reason")))
    if name:
        client.force_login(users[name])
    expected = 403 if name else 401
    rule = {"from_year": 2026, "fixed_sek": "1", "per_inhabitant_sek": "1"}
    override = {"amount_sek": "5", "reason": "Sneaky"}
    responses = [
        client.get(API_RULES),
        post_json(client, "post", API_RULES, rule),
        client.get(API_OVERRIDE),
        post_json(client, "put", f"{API_OVERRIDE}?year=2025", override),
        client.delete(f"{API_OVERRIDE}?year=2025"),
    ]
    assert [r.status_code for r in responses] == [expected] * len(responses)
    after = (rules(association), list(FeeOverride.objects.values_list("amount_sek", "reason")))
    assert after == before
