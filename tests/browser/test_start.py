"""After logging in, the secretariat and an editor land on their start page and go on from it;
anybody finds the association through the main menu."""

import datetime

import pytest
from django.utils import timezone

from klimatlaget.accounts.models import Role, RoleKind
from klimatlaget.demo.association import load_memberships
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys.building import create_survey
from klimatlaget.surveys.models import SurveyState
from klimatlaget.targets.models import Target

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def overdue(users):
    from surveys.conftest import EVERY_KIND

    association = load_memberships(example=True).association
    survey = create_survey(association, 2025, "klimatlaget", EVERY_KIND)
    survey.state = SurveyState.OPEN
    survey.deadline = timezone.localdate() - datetime.timedelta(days=1)
    survey.save()
    return survey


def _log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("pw-" + username)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/start/")


def test_secretariat_starts_from_its_association(page, overdue, django_user_model):
    user = django_user_model.objects.create_user(username="sekretariat", password="pw-sekretariat")
    Role.objects.create(
        user=user, kind=RoleKind.SECRETARIAT_ADMIN, organisation=overdue.association
    )
    _log_in(page, "sekretariat")
    desk = page.locator(f"#association-{overdue.association.code}")
    assert desk.get_by_role("heading", name=overdue.association.name).is_visible()
    late = desk.locator(f"li.overdue[data-survey='{overdue.pk}']")
    assert "Strandhamn" in late.inner_text()
    assert desk.locator("li.without-contacts").is_visible()
    late.get_by_role("link").click()
    page.wait_for_url(f"**/surveys/{overdue.pk}/status/")
    page.go_back()
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Start").click()
    page.wait_for_url("**/start/")


def test_editor_starts_from_its_organisation(page, overdue):
    _log_in(page, "alice")
    desk = page.locator("#organisation-9102")
    assert desk.is_visible()
    assert page.locator("#organisation-9201").count() == 0
    assert desk.locator("li.no-target").is_visible()
    survey = desk.locator("ul.open-surveys li.overdue")
    survey.get_by_role("link", name=overdue.title).click()
    page.wait_for_url(f"**/o/9102/surveys/{overdue.pk}/")


def test_anybody_finds_the_association_in_the_main_menu(page, overdue):
    page.goto("/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Föreningar").click()
    page.wait_for_url("**/associations/")
    page.get_by_role("link", name=overdue.association.name).click()
    page.wait_for_url(f"**/associations/{overdue.association.code}/")


def test_editor_follows_a_passed_target_and_a_survey_not_started_from_the_start_page(page, overdue):
    strandhamn = Organisation.objects.get(code="9102")
    passed = Target.objects.create(
        organisation=strandhamn,
        title="Halverade utsläpp",
        form="percent_reduction",
        value=50,
        base_year=1990,
        target_year=timezone.localdate().year - 1,
        scopes=["1", "2"],
    )
    _log_in(page, "alice")
    desk = page.locator("#organisation-9102 ul.missing")
    assert desk.locator("li.no-target").count() == 0
    not_started = desk.locator("li.not-started")
    assert overdue.title in not_started.inner_text()
    desk.locator("li.passed-targets").get_by_role("link", name="Halverade utsläpp").click()
    page.wait_for_url(f"**/o/9102/targets/{passed.pk}/edit/")
    page.go_back()
    not_started.get_by_role("link").click()
    page.wait_for_url(f"**/o/9102/surveys/{overdue.pk}/")
