"""The emission quota pages: the year's table with lights, chart and CSV for everyone; adding,
changing (stale versions refused), entering emissions by period and deleting for the editor."""

import csv
import io
import re

import pytest
from django.conf import settings

from klimatlaget.audit.models import AuditEntry
from klimatlaget.measures import quotas
from klimatlaget.measures.models import EmissionQuota

QUOTA = {"unit": "Tekniska nämnden", "year": 2026, "quota_t": 1000}


@pytest.fixture(autouse=True)
def english(client):
    """Messages are asserted in English; the site's default language is Swedish."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def followed_up(users, strandhamn):
    alice = users["alice"]
    technical = quotas.create_quota(alice, strandhamn, QUOTA)
    quotas.set_outcomes(alice, technical, {1: 240, 2: 270})
    housing = quotas.create_quota(alice, strandhamn, {**QUOTA, "unit": "Bostadsbolaget"})
    quotas.set_outcomes(alice, housing, {0: 900})
    quotas.create_quota(alice, strandhamn, {**QUOTA, "unit": "Kulturnämnden", "year": 2025})
    return technical, housing


def _row(html: str, row_id: str) -> str:
    match = re.search(rf'<tr[^>]*id="{row_id}"[^>]*>.*?</tr>', html, re.S)
    assert match, row_id
    return match.group(0)


def test_the_year_table_shows_use_lights_remaining_and_the_total(client, followed_up):
    technical, housing = followed_up
    html = client.get("/o/9102/quotas/").content.decode()
    assert 'data-year="2026"' in html  # the latest year by default
    row = _row(html, f"quota-{technical.pk}")
    assert 'data-light="amber"' in row and 'data-used="51.0"' in row
    assert ">240<" in row and ">270<" in row and "490" in row and "2 quarters" in row
    assert 'data-light="green"' in _row(html, f"quota-{housing.pk}")
    total = _row(html, "quota-total")
    assert "2,000" in total and "1,410" in total and "590" in total
    assert 'data-light="green"' in total  # 1 410 t against 1 500 t so far
    assert "Kulturnämnden" not in html  # another year
    assert len(re.findall(r'<svg[^>]*class="kl-chart ', html)) == 3  # one chart, three sizes
    assert "Tekniska nämnden: quota" in html and "Tekniska nämnden: emissions" in html
    assert 'href="/method/documentation/#emission-quotas"' in html
    assert "/o/9102/quotas/new/" not in html  # no editing for visitors


def test_another_year_and_a_year_without_quotas(client, followed_up):
    html = client.get("/o/9102/quotas/?year=2025").content.decode()
    assert "Kulturnämnden" in html and "Bostadsbolaget" not in html
    empty = client.get("/o/9102/quotas/?year=2030").content.decode()
    assert 'id="no-quotas"' in empty and "<svg" not in empty
    assert client.get("/o/9102/quotas/?year=nonsense").status_code == 200
    assert 'id="no-quotas"' in client.get("/o/9201/quotas/").content.decode()
    assert client.get("/o/0000/quotas/").status_code == 404


def test_the_csv_has_the_table_of_the_year(client, followed_up):
    response = client.get("/o/9102/quotas.csv?year=2026")
    assert response["Content-Disposition"] == 'attachment; filename="9102-quotas-2026.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["unit"], r["outcome_t"], r["light"]) for r in rows] == [
        ("Bostadsbolaget", "900.0", "green"),
        ("Tekniska nämnden", "510.0", "amber"),
    ]
    assert rows[1]["used_pct"] == "51.0" and rows[1]["q3_t"] == ""
    every_year = client.get("/o/9102/quotas.csv").content.decode()
    assert "Kulturnämnden" in every_year


def test_a_unit_name_like_a_formula_is_neutralised_in_the_csv(client, users, strandhamn):
    hostile = '=HYPERLINK("https://evil.example","x")'
    quotas.create_quota(users["alice"], strandhamn, {**QUOTA, "unit": hostile})
    rows = list(csv.reader(io.StringIO(client.get("/o/9102/quotas.csv").content.decode())))
    assert rows[1][2] == "'" + hostile


def test_the_editor_adds_a_quota_and_a_second_for_the_same_unit_and_year_is_refused(
    client, users, strandhamn
):
    client.force_login(users["alice"])
    form = client.get("/o/9102/quotas/new/?year=2027").content.decode()
    assert 'value="2027"' in form
    response = client.post("/o/9102/quotas/new/", QUOTA)
    quota = EmissionQuota.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/o/9102/quotas/?year=2026#quota-{quota.pk}"
    again = client.post("/o/9102/quotas/new/", QUOTA)
    assert again.status_code == 200 and EmissionQuota.objects.count() == 1
    assert "already exists" in again.content.decode()
    page = client.get("/o/9102/quotas/").content.decode()
    assert f"/o/9102/quotas/{quota.pk}/outcomes/" in page


def test_a_stale_edit_is_refused_and_shows_the_other_change(client, users, strandhamn):
    quota = quotas.create_quota(users["alice"], strandhamn, QUOTA)
    client.force_login(users["alice"])
    form = client.get(f"/o/9102/quotas/{quota.pk}/edit/").content.decode()
    assert 'name="version" value="0"' in form
    quotas.update_quota(users["alice"], quota, {"quota_t": 800})
    url = f"/o/9102/quotas/{quota.pk}/edit/"
    stale = client.post(url, {**QUOTA, "quota_t": 700, "version": 0})
    assert stale.status_code == 200
    assert "Somebody else saved this" in stale.content.decode()
    quota.refresh_from_db()
    assert quota.quota_t == 800
    again = client.post(url, {**QUOTA, "quota_t": 700, "version": 1})
    assert again.status_code == 302
    quota.refresh_from_db()
    assert quota.quota_t == 700


def test_the_editor_enters_quarters_and_the_year_and_empties_a_period(client, users, strandhamn):
    quota = quotas.create_quota(users["alice"], strandhamn, QUOTA)
    client.force_login(users["alice"])
    url = f"/o/9102/quotas/{quota.pk}/outcomes/"
    response = client.post(url, {"outcome_1": "240", "outcome_2": "270.5", "version": "0"})
    assert response.status_code == 302
    assert quotas.outcomes_of(quota) == {1: 240, 2: 270.5}
    form = client.get(url).content.decode()
    assert 'value="270.5"' in form and 'name="version" value="1"' in form
    client.post(url, {"outcome_2": "270.5", "outcome_0": "1000", "version": "1"})
    assert quotas.outcomes_of(quota) == {0: 1000, 2: 270.5}
    refused = client.post(url, {"outcome_1": "-3", "version": "2"})
    assert refused.status_code == 200 and quotas.outcomes_of(quota) == {0: 1000, 2: 270.5}


def test_a_period_somebody_else_entered_meanwhile_is_not_overwritten(client, users, strandhamn):
    quota = quotas.create_quota(users["alice"], strandhamn, QUOTA)
    client.force_login(users["alice"])
    quotas.set_outcome(users["alice"], quota, 1, 240)  # version 1, after the form was opened
    response = client.post(f"/o/9102/quotas/{quota.pk}/outcomes/", {"version": "0"})
    assert response.status_code == 200
    assert "Somebody else saved this" in response.content.decode()
    assert quotas.outcomes_of(quota) == {1: 240}


def test_the_editor_deletes_a_quota_and_the_log_keeps_it(client, users, strandhamn):
    quota = quotas.create_quota(users["alice"], strandhamn, QUOTA)
    quotas.set_outcome(users["alice"], quota, 1, 240)
    client.force_login(users["alice"])
    url = f"/o/9102/quotas/{quota.pk}/delete/"
    assert "Tekniska nämnden" in client.get(url).content.decode()
    stale = client.post(url, {"version": "0"})
    assert stale.status_code == 200 and EmissionQuota.objects.exists()
    response = client.post(url, {"version": "1"})
    assert response.status_code == 302 and response["Location"] == "/o/9102/quotas/?year=2026"
    assert not EmissionQuota.objects.exists()
    assert AuditEntry.objects.filter(action="klimatlaget.emission_quota.deleted").exists()


def test_another_organisations_quota_is_not_found_through_this_one(client, users, tallnas):
    quota = quotas.create_quota(users["bob"], tallnas, QUOTA)
    client.force_login(users["alice"])
    assert client.get(f"/o/9102/quotas/{quota.pk}/edit/").status_code == 404
    assert client.post(f"/o/9102/quotas/{quota.pk}/delete/").status_code == 404


def test_the_quota_page_is_linked_from_the_organisation_and_the_desk(client, users):
    assert 'href="/o/9102/quotas/"' in client.get("/o/9102/").content.decode()
    client.force_login(users["alice"])
    assert 'href="/o/9102/quotas/"' in client.get("/start/").content.decode()
