"""The readiness page and its calculation for an organisation with everything, one with nothing
and one in between; answers reused across profiles; stale answers; the association view."""

import csv
import io

import pytest

from klimatlaget.associations.models import Membership
from klimatlaget.calc.readiness import Level, Status
from klimatlaget.concurrency import StaleVersion
from klimatlaget.organisations.models import Organisation
from klimatlaget.reporting.facts import FACTS
from klimatlaget.reporting.profiles import profile, profiles, question_keys
from klimatlaget.reporting.readiness import readiness
from klimatlaget.reporting.services import answers_for, save_answer
from klimatlaget.targets.models import Target
from reporting.conftest import YEAR


def _statuses(organisation, year=YEAR):
    return {
        (each.profile.key, row.item.id): row.status
        for each in readiness(organisation, year)
        for row in each.items
    }


def _answer_all(user, organisation, year=YEAR):
    for key in question_keys():
        save_answer(user, organisation, key, f"Svar på {key}", year)


def test_the_profiles_name_known_facts_and_every_platform_of_the_brief():
    keys = [each.key for each in profiles()]
    assert keys == ["covenant", "cdp", "netzerocities", "wwf-opcc", "viable-cities", "association"]
    for each in profiles():
        assert each.url.startswith("https://") and each.items
        for item in each.items:
            assert item.fact is None or item.fact in FACTS, (each.key, item.id)
    netzero = {item.id for item in profile("netzerocities").items}
    assert {"B-2.action_outlines", "B-3.indicators", "C-3.investment_summary"} <= netzero
    assert profile("wwf-opcc").items[0].fact == "target.verdict_1_5"


@pytest.mark.django_db
def test_an_organisation_with_everything_is_ready_everywhere(everything, users):
    _answer_all(users["alice"], everything)
    platforms = readiness(everything, YEAR)
    for each in platforms:
        missing = [row.item.id for row in each.items if row.status != Status.ANSWERED]
        assert each.level == Level.READY, (each.profile.key, missing)
    assert all(
        status == Status.ANSWERED
        for (key, item), status in _statuses(everything).items()
        if key != "wwf-opcc" or item != "target.fair_1_5"
    )


@pytest.mark.django_db
def test_an_organisation_with_nothing_is_ready_nowhere(nothing):
    platforms = readiness(nothing, YEAR)
    assert {each.level for each in platforms} == {Level.NOT}
    assert set(_statuses(nothing).values()) == {Status.MISSING}
    for each in platforms:
        assert each.counts.missing == len(each.profile.items)


@pytest.mark.django_db
def test_an_organisation_in_between(users):
    """Tallnäs has SMHI's emissions and an adopted target, nothing else."""
    tallnas = Organisation.objects.get(code="9201")
    Target.objects.create(
        organisation=tallnas, form="percent_reduction", value=63, base_year=1990, target_year=2030
    )
    statuses = _statuses(tallnas)
    assert statuses["covenant", "strategy.target"] == Status.ANSWERED
    assert statuses["covenant", "inventory.baseline"] == Status.ANSWERED
    # SMHI's latest year (2023) is within the Covenant's four years, not NetZeroCities' three.
    later = _statuses(tallnas, 2027)
    assert later["covenant", "inventory.monitoring"] == Status.ANSWERED
    assert later["netzerocities", "A-1.inventory"] == Status.STALE
    assert statuses["covenant", "actions.plan"] == Status.MISSING
    levels = {each.profile.key: each.level for each in readiness(tallnas, YEAR)}
    assert levels["covenant"] == Level.PARTLY
    assert levels["viable-cities"] == Level.NOT


@pytest.mark.django_db
def test_an_answer_is_given_once_and_reused_by_every_profile_that_asks(everything, users):
    before = _statuses(everything)
    assert before["covenant", "governance.lead"] == Status.MISSING
    assert before["cdp", "governance.lead"] == Status.MISSING
    save_answer(users["alice"], everything, "governance.lead", "Miljöförvaltningen", YEAR)
    after = _statuses(everything)
    for key in ("covenant", "cdp", "association"):
        item = next(i.id for i in profile(key).items if i.question == "governance.lead")
        assert after[key, item] == Status.ANSWERED
    assert answers_for(everything, ["governance.lead", "opportunities"])[
        "governance.lead"
    ].text == ("Miljöförvaltningen")


@pytest.mark.django_db
def test_an_answer_is_carried_over_until_it_is_older_than_the_item_allows(everything, users):
    save_answer(users["alice"], everything, "governance.lead", "Miljöförvaltningen", 2024)
    # The CDP asks every year, the Covenant every two years.
    assert _statuses(everything, 2025)["cdp", "governance.lead"] == Status.ANSWERED
    assert _statuses(everything, 2026)["cdp", "governance.lead"] == Status.STALE
    assert _statuses(everything, 2026)["covenant", "governance.lead"] == Status.ANSWERED
    # Confirming the same text for the new year makes it current again.
    save_answer(users["alice"], everything, "governance.lead", "Miljöförvaltningen", 2026)
    assert _statuses(everything, 2026)["cdp", "governance.lead"] == Status.ANSWERED


@pytest.mark.django_db
def test_answers_are_versioned_audited_and_kept_to_editors(everything, users):
    from django.core.exceptions import PermissionDenied

    from klimatlaget.audit.models import AuditEntry

    first = save_answer(users["alice"], everything, "opportunities", "Jobb", YEAR)
    assert first.version == 1
    save_answer(users["alice"], everything, "opportunities", "Jobb och hälsa", YEAR, version=1)
    with pytest.raises(StaleVersion):
        save_answer(users["alice"], everything, "opportunities", "Annat", YEAR, version=1)
    with pytest.raises(PermissionDenied):
        save_answer(users["bob"], everything, "opportunities", "Annat", YEAR)
    with pytest.raises(ValueError):
        save_answer(users["alice"], everything, "no.such.question", "x", YEAR)
    entries = AuditEntry.objects.filter(organisation=everything, subject="reporting_answer")
    assert [e.changes["text"] for e in entries.order_by("pk")] == [
        [None, "Jobb"],
        ["Jobb", "Jobb och hälsa"],
    ]


@pytest.mark.django_db
def test_the_page_shows_each_platform_and_the_editor_answers_there(client, everything, users):
    url = f"/o/9102/reporting/?year={YEAR}"
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-platform="covenant" data-level="partly"' in html
    assert 'id="question-governance.lead"' in html and "<form" not in html.split("questions")[-1]
    client.force_login(users["alice"])
    html = client.get(url).content.decode()
    assert 'action="/o/9102/reporting/questions/governance.lead/"' in html
    answered = client.post(
        "/o/9102/reporting/questions/governance.lead/",
        {"governance.lead-text": "Kommunstyrelsen", "governance.lead-version": ""},
    )
    assert answered.status_code == 302
    html = client.get(url).content.decode()
    assert "Kommunstyrelsen" in html
    assert 'data-item="governance.lead" data-status="answered"' in html
    empty = client.post("/o/9102/reporting/questions/opportunities/", {"opportunities-text": "   "})
    assert empty.status_code == 422


@pytest.mark.django_db
def test_the_api_reads_readiness_and_writes_answers_with_if_match(client, everything, users):
    readiness_json = client.get(f"/api/organisations/9102/reporting?year={YEAR}").json()
    covenant = readiness_json["platforms"][0]
    assert covenant["key"] == "covenant" and covenant["missing"] > 0
    url = "/api/organisations/9102/reporting/answers/governance.lead"
    read = client.get(url)
    assert read.json()["text"] is None and read["ETag"] == '"v0"'
    client.force_login(users["alice"])
    body = {"text": "Miljöförvaltningen", "year": YEAR}
    written = client.put(url, body, content_type="application/json", headers={"If-Match": '"v0"'})
    assert written.status_code == 200 and written["ETag"] == '"v1"'
    stale = client.put(
        url, body | {"text": "Annat"}, content_type="application/json", headers={"If-Match": '"v0"'}
    )
    assert stale.status_code == 412
    assert client.get(url).json()["text"] == "Miljöförvaltningen"
    assert client.get("/api/organisations/9102/reporting/answers/nope").status_code == 404


@pytest.fixture
def association(users, everything, nothing):
    association = Organisation.objects.create(
        code="klimatkommunerna", name="Klimatkommunerna", kind="association"
    )
    for member in (everything, nothing):
        Membership.objects.create(association=association, member=member, joined="2020-01-01")
    return association


@pytest.mark.django_db
def test_the_association_counts_its_members_readiness(client, association, everything, users):
    _answer_all(users["alice"], everything)
    page = client.get(f"/associations/klimatkommunerna/reporting/?year={YEAR}")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="readiness-chart"' in html and "<svg" in html
    assert '<tr data-code="9999">' in html
    data = client.get(f"/api/associations/klimatkommunerna/reporting?year={YEAR}").json()
    covenant = data["platforms"][0]
    assert (covenant["ready"], covenant["partly"], covenant["not_ready"]) == (1, 0, 1)
    download = client.get(f"/associations/klimatkommunerna/reporting.csv?year={YEAR}")
    rows = list(csv.DictReader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert {row["code"]: row["covenant"] for row in rows} == {"9102": "ready", "9999": "not"}


def test_a_profile_that_does_not_say_what_a_profile_must_is_refused(tmp_path):
    import json

    from klimatlaget.reporting.profiles import PROFILES, ProfileError, load

    good = json.loads((PROFILES / "cdp.json").read_text(encoding="utf-8"))
    for broken in (
        {"answer": "essay"},
        {"question": "governance.lead"},  # a fact and a question
    ):
        data = {**good, "items": [{**good["items"][4], **broken}]}
        path = tmp_path / "broken.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(ProfileError, match=r"broken\.json"):
            load(path)


@pytest.mark.django_db
def test_the_readiness_table_is_exported_at_the_command_line(users, tmp_path):
    """The registered exporter ``reporting-readiness``: one row per platform and item, with the
    status the page shows."""
    from klimatlaget.cli.main import main

    tallnas = Organisation.objects.get(code="9201")
    output = tmp_path / "readiness.csv"
    arguments = ["--organisation", "9201", "--year", str(YEAR), "--format", "csv"]
    assert main(["export", "run", "reporting-readiness", *arguments, "--output", str(output)]) == 0
    rows = list(csv.DictReader(io.StringIO(output.read_text(encoding="utf-8"))))
    assert {(row["platform"], row["item"]): row["status"] for row in rows} == {
        key: status.value for key, status in _statuses(tallnas).items()
    }
    levels = {row["platform"]: row["platform_level"] for row in rows}
    assert levels == {each.profile.key: each.level.value for each in readiness(tallnas, YEAR)}
