"""The list of associations and the start page per role."""

from django.urls import reverse
from django.utils import timezone

from klimatlaget.associations.models import Contact
from klimatlaget.organisations.models import Organisation, Population
from klimatlaget.surveys.models import Response, ResponseStatus
from klimatlaget.targets.models import Target


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
