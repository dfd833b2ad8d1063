"""The template of subjects in the browser: the programme office adds a subject on a phone and
finds it in the tree; a visitor reads the tree without any form."""

import pytest

from klimatlaget.accounts.models import Role, RoleKind
from klimatlaget.contracts.models import TemplateSubject
from klimatlaget.organisations.models import Organisation, OrganisationKind

from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def office(django_user_model):
    """kontoret, the secretariat of Viable Cities (the programme office)."""
    viable = Organisation.objects.create(
        code="viable-cities", name="Viable Cities", kind=OrganisationKind.PROGRAMME_OFFICE
    )
    user = django_user_model.objects.create_user(username="kontoret", password="pw-kontoret")
    Role.objects.create(user=user, kind=RoleKind.SECRETARIAT_ADMIN, organisation=viable)
    return user


def test_the_programme_office_adds_a_subject_on_a_phone(page, office):
    page.set_viewport_size(PHONE)
    log_in(page, "kontoret", "/contracts/template/")
    form = page.locator("#subject-form")
    form.locator("#id_parent").select_option("municipality")
    form.locator("#id_key").fill("hydrogen")
    form.locator("#id_name_sv").fill("Vätgas")
    form.locator("#id_name_en").fill("Hydrogen")
    form.locator("#id_party").select_option("municipality")
    form.locator("#id_keywords_sv").fill("vätgas\nbränsleceller")
    form.locator("#id_keywords_en").fill("hydrogen")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/contracts/template/")
    added = page.locator('#subject-municipality li[data-subject="municipality.hydrogen"]')
    assert added.get_attribute("data-added") == "1"
    assert "vätgas, bränsleceller" in added.locator(".keywords[lang=sv]").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.console_errors == []
    assert TemplateSubject.objects.get().key == "municipality.hydrogen"

    added.locator("a.edit-subject").click()
    page.wait_for_url("**/contracts/template/municipality.hydrogen/edit/")
    page.locator("#id_keywords_sv").fill("vätgas")
    page.locator("#subject-form button[type=submit]").click()
    page.wait_for_url("**/contracts/template/#subject-municipality.hydrogen")
    assert TemplateSubject.objects.get().keywords["sv"] == ["vätgas"]


def test_a_visitor_reads_the_tree_without_a_form(page, db):
    page.set_viewport_size(PHONE)
    page.goto("/contracts/template/")
    mobility = page.locator('li[data-subject="municipality.strategy.mobility"]')
    assert mobility.is_visible()
    assert page.locator("#subject-form").count() == 0
    assert page.locator("a.edit-subject").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.console_errors == []
