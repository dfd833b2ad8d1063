"""Fee rules and overrides changed from a stale copy: the second writer is refused with what the
first changed, and nothing is overwritten or removed (pages and API)."""

from decimal import Decimal

from klimatlaget.fees.models import FeeOverride, FeeRule
from klimatlaget.fees.services import set_fee_override, set_fee_rule
from klimatlaget.organisations.models import Organisation

from .test_fee_editing import (  # noqa: F401 - fixtures
    API_OVERRIDE,
    API_RULES,
    OVERRIDE,
    RULES,
    association,
    english,
    post_json,
)

RULE_2008 = {"from_year": 2008, "fixed_sek": "3000", "per_inhabitant_sek": "0.2"}


def _override(users, association, **values):  # noqa: F811
    mossala = Organisation.objects.get(code="9105")
    return set_fee_override(users["kansli"], association, mossala, 2025, **values)


def test_a_stale_rule_is_refused_in_the_api(client, users, association):  # noqa: F811
    client.force_login(users["kansli"])
    (listed,) = client.get(API_RULES).json()
    first = {**RULE_2008, "max_inhabitants": 100_000, "version": listed["version"]}
    assert post_json(client, "post", API_RULES, first).status_code == 200
    stale = post_json(client, "post", API_RULES, {**RULE_2008, "version": listed["version"]})
    assert stale.status_code == 409 and stale.json()["changed"] == {"max_inhabitants": 100_000}
    assert FeeRule.objects.get().max_inhabitants == 100_000


def test_a_stale_override_is_refused_in_the_api(client, users, association):  # noqa: F811
    client.force_login(users["kansli"])
    override = _override(users, association, counted_inhabitants=40_000, reason="Board")
    opened = override.version
    _override(users, association, counted_inhabitants=45_000, reason="Board")
    url = f"{API_OVERRIDE}?year=2025"
    body = {"counted_inhabitants": 50_000, "reason": "Board", "version": opened}
    stale = post_json(client, "put", url, body)
    assert stale.status_code == 409 and stale.json()["changed"] == {"counted_inhabitants": 45_000}
    refused = client.delete(url, headers={"if-match": f'"v{opened}"'})
    assert refused.status_code == 412
    assert FeeOverride.objects.get().counted_inhabitants == 45_000


def test_a_stale_rule_form_is_shown_again_and_saves_nothing(client, users, association):  # noqa: F811
    client.force_login(users["kansli"])
    form = client.get(f"{RULES}?from_year=2008").context["form"]
    opened = {name: form[name].value() for name in form.fields}
    assert opened["version"] == 0
    set_fee_rule(
        users["kansli"], association, 2008,
        fixed_sek=Decimal(3000), per_inhabitant_sek=Decimal("0.3"), max_inhabitants=150_000,
    )  # fmt: skip
    data = {name: "" if value is None else value for name, value in opened.items()}
    stale = client.post(RULES, {**data, "fixed_sek": "4000"})
    assert stale.status_code == 200
    errors = list(stale.context["form"].non_field_errors())
    assert "Somebody else saved this" in errors[0]
    assert FeeRule.objects.get().fixed_sek == Decimal(3000)


def test_stale_override_pages_save_and_remove_nothing(client, users, association):  # noqa: F811
    client.force_login(users["kansli"])
    _override(users, association, counted_inhabitants=40_000, reason="Board")
    page = client.get(OVERRIDE)
    opened = page.context["form"]["version"].value()
    _override(users, association, counted_inhabitants=45_000, reason="Board")
    set_ = {"action": "set", "from_year": 2025, "reason": "Mine", "version": opened}
    stale = client.post(OVERRIDE, {**set_, "counted_inhabitants": 1})
    assert stale.status_code == 200 and stale.context["form"].non_field_errors()
    remove = {"action": "remove", "from_year": 2025, "version": opened}
    refused = client.post(OVERRIDE, remove, follow=True)
    assert "Somebody else saved this" in refused.content.decode()
    assert FeeOverride.objects.get().counted_inhabitants == 45_000
