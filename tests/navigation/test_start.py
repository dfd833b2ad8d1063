"""The list of associations and the start page per role."""

import datetime

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation

from klimatlaget.associations.models import Contact
from klimatlaget.emissions.models import Emission
from klimatlaget.organisations.models import Organisation, Population
from klimatlaget.surveys.models import Response, ResponseStatus
from klimatlaget.targets.models import Target
from klimatlaget.web.organisation_desk import DataYears


def _codes(organisations):
    return [organisation.code for organisation in organisations]


def test_associations_are_listed_for_everybody_and_in_the_menu(client, association):
    page = client.get("/").content.decode()
    assert f'href="{reverse("association-list")}"' in page
    listing = client.get(reverse("association-list"))
    assert listing.status_code == 200
    assert f'href="{reverse("association", args=[association.code])}"' in listing.content.decode()


def test_logging_in_leads_to_the_start_page_which_the_menu_links(client, users):
    response = client.post(reverse("login"), {"username": "alice", "password": "pw-alice"})
    assert response.status_code == 302
    assert response["Location"] == reverse("start")
    assert f'href="{reverse("start")}"' in client.get("/").content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(reverse("start"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_secretariat_sees_its_association_and_what_needs_attention(
    client, secretariat, association, overdue, membership_test
):
    year = timezone.localdate().year
    strandhamn, tallnas = (
        Organisation.objects.get(code="9102"),
        Organisation.objects.get(code="9201"),
    )
    Response.objects.create(survey=overdue, member=strandhamn, status=ResponseStatus.SUBMITTED)
    Response.objects.create(survey=overdue, member=tallnas, status=ResponseStatus.IN_PROGRESS)
    Population.objects.update_or_create(
        organisation=strandhamn, year=year, defaults={"inhabitants": 1000}
    )
    Contact.objects.create(
        association=association, member=tallnas, kind="contact_person", name="T", email="t@e.se"
    )
    client.force_login(secretariat)
    response = client.get(reverse("start"))
    assert response.status_code == 200
    [desk] = response.context["associations"]
    assert desk.association == association
    assert response.context["organisations"] == []
    [late] = desk.overdue
    assert late.survey == overdue
    assert "9102" not in _codes(late.members) and "9201" in _codes(late.members)
    assert "9102" not in _codes(desk.without_population)
    assert "9201" in _codes(desk.without_population)
    assert "9201" not in _codes(desk.without_contacts)
    assert "9102" in _codes(desk.without_contacts)
    page = response.content.decode()
    code = association.code
    for url in (
        reverse("association", args=[code]),
        reverse("association-members", args=[code]),
        reverse("fee-list", args=[code, year]),
        reverse("survey-list", args=[code]),
        reverse("survey-status", args=[code, overdue.pk]),
        reverse("survey-statistics", args=[code, overdue.pk]),
        reverse("survey-report-internal", args=[code, overdue.year]),
        reverse("membership-test-results", args=[code, membership_test.pk]),
    ):
        assert f'href="{url}"' in page, url
    assert f'data-survey="{overdue.pk}"' in page


def test_a_survey_before_its_deadline_is_not_overdue(client, secretariat, survey):
    survey.deadline = timezone.localdate()
    survey.save()
    client.force_login(secretariat)
    [desk] = client.get(reverse("start")).context["associations"]
    assert desk.overdue == []


def test_editor_sees_its_organisation_open_surveys_and_what_is_missing(
    client, users, association, overdue
):
    client.force_login(users["alice"])
    response = client.get(reverse("start"))
    assert response.context["associations"] == []
    [desk] = response.context["organisations"]
    assert desk.organisation.code == "9102"
    [open_survey] = desk.open_surveys
    assert (open_survey.survey, open_survey.response, open_survey.overdue) == (overdue, None, True)
    assert (desk.has_target, desk.has_contacts) == (False, False)
    page = response.content.decode()
    assert f'href="{reverse("survey-answer", args=["9102", overdue.pk])}"' in page
    assert f'href="{reverse("target-new", args=["9102"])}"' in page
    assert "/o/9201/" not in page

    Target.objects.create(
        organisation=desk.organisation,
        form="percent_reduction",
        value=70,
        base_year=1990,
        target_year=2030,
        scopes=["1", "2"],
    )
    [desk] = client.get(reverse("start")).context["organisations"]
    assert desk.has_target


def test_viewer_gets_only_the_general_links(client, users, association):
    client.force_login(users["lasare"])
    response = client.get(reverse("start"))
    assert response.status_code == 200
    assert (response.context["associations"], response.context["organisations"]) == ([], [])
    assert f'href="{reverse("association-list")}"' in response.content.decode()


def test_platform_secretariat_sees_every_association(client, users, association):
    client.force_login(users["kansli"])
    desks = client.get(reverse("start")).context["associations"]
    assert [desk.association for desk in desks] == [association]


def test_secretariat_sees_only_the_association_it_runs(client, secretariat, association):
    Organisation.objects.create(code="grannar", name="Grannarna", kind="association")
    client.force_login(secretariat)
    response = client.get(reverse("start"))
    assert [desk.association for desk in response.context["associations"]] == [association]
    assert "/associations/grannar/" not in response.content.decode()


def _target(organisation, target_year, **fields):
    return Target.objects.create(
        organisation=organisation,
        form="percent_reduction",
        value=70,
        base_year=1990,
        target_year=target_year,
        scopes=["1", "2"],
        **fields,
    )


def test_editor_sees_passed_and_unreviewed_targets_stale_data_and_answers_not_started(
    client, users, association, survey
):
    strandhamn = Organisation.objects.get(code="9102")
    year = timezone.localdate().year
    passed = _target(strandhamn, year - 1, title="Passed")
    old = _target(strandhamn, year + 10, title="Old")
    fresh = _target(strandhamn, year + 10, title="Fresh")
    five_years_ago = timezone.now() - datetime.timedelta(days=5 * 365)
    Target.objects.filter(pk__in=[old.pk, passed.pk]).update(updated_at=five_years_ago)
    latest_emissions = Emission.objects.aggregate(year=Max("year"))["year"]
    latest_population = Population.objects.aggregate(year=Max("year"))["year"]
    Emission.objects.filter(organisation=strandhamn, year=latest_emissions).delete()
    Population.objects.filter(organisation=strandhamn, year=latest_population).delete()
    Population.objects.create(organisation=strandhamn, year=latest_population - 2, inhabitants=9)

    client.force_login(users["alice"])
    with translation.override("en"):
        response = client.get(reverse("start"))
    [desk] = response.context["organisations"]
    assert desk.passed_targets == [passed]
    assert desk.unreviewed_targets == [old]  # the passed one is listed once, as passed
    assert fresh not in desk.passed_targets + desk.unreviewed_targets
    assert (desk.emissions.own, desk.emissions.published) == (
        latest_emissions - 1,
        latest_emissions,
    )
    assert (desk.population.own, desk.population.published) == (
        latest_population - 2,
        latest_population,
    )
    assert [item.survey for item in desk.not_started] == [survey]

    page = response.content.decode()
    passed_item = _item(page, "passed-targets")
    assert f'href="{reverse("target-edit", args=["9102", passed.pk])}">Passed</a>' in passed_item
    unreviewed = _item(page, "unreviewed-targets")
    assert f'href="{reverse("target-edit", args=["9102", old.pk])}">Old</a>' in unreviewed
    assert "mer än 4 år" in unreviewed and "Fresh" not in passed_item + unreviewed
    answer = reverse("survey-answer", args=["9102", survey.pk])
    assert f'href="{answer}"' in _item(page, "not-started")
    assert f"slutar {latest_emissions - 1}" in _item(page, "stale-emissions")
    assert (
        f"slutar {latest_population - 2}; det senast publicerade året är {latest_population}"
        in (_item(page, "stale-population"))
    )
    assert 'class="no-target"' not in page


def _item(page: str, kind: str) -> str:
    """The text of the start page's list item of class ``kind``."""
    start = page.index(f'<li class="{kind}">')
    return page[start : page.index("</li>", start)]


def test_an_editor_whose_record_is_complete_and_current_has_nothing_missing(
    client, users, association, survey
):
    strandhamn = Organisation.objects.get(code="9102")
    _target(strandhamn, timezone.localdate().year + 5)
    Contact.objects.create(
        association=association, member=strandhamn, kind="contact_person", name="S", email="s@e.se"
    )
    Response.objects.create(survey=survey, member=strandhamn, status=ResponseStatus.IN_PROGRESS)
    client.force_login(users["alice"])
    response = client.get(reverse("start"))
    [desk] = response.context["organisations"]
    assert not desk.emissions.stale and not desk.population.stale
    assert not desk.needs_attention
    assert 'class="missing"' not in response.content.decode()


def test_data_years_are_stale_when_older_than_the_latest_published_or_absent():
    assert DataYears(2022, 2023).stale
    assert DataYears(None, 2023).stale
    assert not DataYears(2023, 2023).stale
    assert not DataYears(None, None).stale  # nothing published at all: nothing to ask for
