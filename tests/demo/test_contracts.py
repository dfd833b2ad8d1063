"""The demo's climate contracts: Kalmar's of 2024 read from the seed text with its parties,
links to what the demo quotes from it and commitments quoted verbatim; the example dataset's two
fictional cities, one with two versions. Loading twice changes nothing."""

from pathlib import Path

from django.contrib.auth.models import AnonymousUser

from demo.contract import CONTRACT_FILE, flat
from klimatlaget.accounts.actors import command_line
from klimatlaget.audit.models import AuditEntry
from klimatlaget.contracts import comparing, comparison
from klimatlaget.contracts.models import Contract
from klimatlaget.contracts.reading import read_text
from klimatlaget.demo.association import REAL_TARGETS, load_demo_association_and_targets
from klimatlaget.demo.contracts import (
    EXAMPLE_CONTRACTS,
    KALMAR_AGENCIES,
    KALMAR_COMMITMENTS,
    load_demo_contracts,
)
from klimatlaget.demo.contracts import (
    HERE as DEMO,
)
from klimatlaget.demo.investments import load_demo_investments
from klimatlaget.demo.measures import load_demo_measures
from klimatlaget.targets.imports import import_targets

NUMBERS = [
    "1",
    "2",
    "3",
    *(f"3.{n}" for n in range(1, 11)),
    *(f"3.2.{n}" for n in range(1, 9)),
    "4",
    *(f"4.{n}" for n in range(1, 6)),
    "5",
    *(f"5.{n}" for n in range(1, 5)),
    "6",
    *(f"6.{n}" for n in range(1, 7)),
    "7",
    *(f"7.{n}" for n in range(1, 5)),
    *(f"7.3.{n}" for n in range(1, 5)),
    *(f"7.4.{n}" for n in range(1, 6)),
    "9",
]


ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _quiet(_text: str) -> None:
    pass


def test_kalmars_contract_loads_with_parties_links_and_quoted_commitments(
    kalmar, contract, client, django_user_model
):
    import_targets(REAL_TARGETS, actor=command_line())
    load_demo_measures(example=False, say=_quiet)
    load_demo_investments(example=False, say=_quiet)
    said: list[str] = []
    load_demo_contracts(example=False, seeds=CONTRACT_FILE.parent, say=said.append)
    stored = Contract.objects.get(organisation__code="0880", year=2024)
    assert said == [
        "Kalmar's climate contract 2024: 55 sections, 8 parties, a draft "
        "(the text gives no date of signing)."
    ]
    sections = list(stored.sections.all())
    assert len(sections) == 55
    assert set(NUMBERS) <= {s.number for s in sections}
    assert all(s.subject for s in sections)
    # no date is invented: the contract stays a draft and its source says why
    assert (stored.status, stored.signed_on) == ("draft", None)
    assert "no date of signing" in stored.source

    parties = {p.party.code: p.role for p in stored.parties.select_related("party")}
    assert parties == {
        "0880": "municipality",
        **{code: "agency" for code, _name in KALMAR_AGENCIES},
        "viable-cities": "viable_cities",
    }

    by_subject = {s.subject: s for s in sections}
    targets = by_subject["municipality.targets"]
    assert targets.links.filter(kind="target").count() == 3
    investment = by_subject["municipality.investment_plan"].links
    assert investment.filter(kind="investment_plan").count() == 1
    renewables = by_subject["municipality.strategy.renewables"]
    assert sorted(link.measure.code for link in renewables.links.filter(kind="measure")) == [
        "E1",
        "E2",
    ]
    mobility = by_subject["municipality.strategy.mobility"]
    assert mobility.links.filter(kind="action_plan").count() >= 7

    commitments = list(stored.commitments.select_related("section", "party__party"))
    assert len(commitments) == len(KALMAR_COMMITMENTS) == 4
    seed = flat(contract)
    for commitment, quote in zip(commitments, KALMAR_COMMITMENTS, strict=True):
        assert commitment.text == quote.text and flat(commitment.text) in seed
        assert commitment.section.number == quote.section
        assert flat(commitment.text) in flat(commitment.section.text)
    assert {c.party.party.code for c in commitments} == {"0880", "viable-cities"}

    # the draft's page, for the platform, shows the links live beside the text
    assert client.get("/o/0880/contracts/2024/").status_code == 404  # a draft is not public
    client.force_login(django_user_model.objects.create_superuser("admin", password="x"))
    page = client.get("/o/0880/contracts/2024/", **ENGLISH).content.decode()
    assert page.count('data-kind="target"') == 3 and page.count('data-kind="measure"') >= 16
    assert page.count('data-kind="investment_plan"') == 1
    assert page.count("data-commitment=") == 4

    entries = AuditEntry.objects.count()
    said.clear()
    load_demo_contracts(example=False, seeds=CONTRACT_FILE.parent, say=said.append)
    assert said == ["Kalmar's climate contract 2024: already loaded."]
    assert AuditEntry.objects.count() == entries
    assert Contract.objects.count() == 1


def test_without_the_seed_text_the_contract_is_skipped(kalmar, tmp_path: Path):
    said: list[str] = []
    load_demo_contracts(example=False, seeds=tmp_path, say=said.append)
    assert said == [f"No climate contract in {tmp_path}: skipped."]
    assert not Contract.objects.exists()


def test_two_example_cities_one_with_two_versions(example_data, client):
    load_demo_association_and_targets(example=True, say=_quiet)
    said: list[str] = []
    load_demo_contracts(example=True, seeds=None, say=said.append)
    assert said == ["Example climate contracts: 3 new."]
    for entry in EXAMPLE_CONTRACTS:  # the fictional texts read cleanly, every section placed
        parsed = read_text((DEMO / entry.file).read_text(encoding="utf-8"))
        assert parsed.problems == [] and all(s.subject for s in parsed.sections)
    found = {(c.organisation.code, c.year): c for c in Contract.objects.all()}
    assert {key: c.status for key, c in found.items()} == {
        ("9102", 2023): "superseded",
        ("9102", 2024): "signed",
        ("9201", 2024): "signed",
    }
    old, new = found["9102", 2023], found["9102", 2024]
    assert new.replaces == old
    counts = comparing.compare(old, new).counts()
    assert (counts["added"], counts["removed"]) == (1, 1)
    assert counts["changed"] == 4  # the target, the strategy, the investment plan, the year

    page = client.get("/o/9102/contracts/2024/compare/", **ENGLISH).content.decode()
    for status, count in (("added", 1), ("removed", 1), ("changed", 4)):
        assert f'data-status="{status}" data-count="{count}"' in page

    public = AnonymousUser()
    assert {c.organisation.code for c in comparison.versions(public, 2024)} == {"9102", "9201"}
    cards = comparison.compare(public, "municipality.targets", 2024)
    assert len(cards) == 2

    entries = AuditEntry.objects.count()
    said.clear()
    load_demo_contracts(example=True, seeds=None, say=said.append)
    assert said == ["Example climate contracts: 0 new."]
    assert AuditEntry.objects.count() == entries
