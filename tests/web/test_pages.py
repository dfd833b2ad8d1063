"""Pages rendered by the server: content, languages, CSV downloads and the audit trail."""

import csv
import io

import pytest

from klimatlaget.audit.models import AuditEntry
from klimatlaget.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_organisation_page_shows_charts_key_figures_and_the_data_table(client, example_data):
    response = client.get("/o/9102/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Strandhamn" in html
    assert html.count("<svg") >= 2
    assert 'id="sector-table"' in html
    assert "Exempeldata" in html or "Example data" in html


def test_the_page_is_swedish_by_default_and_english_on_request(client, example_data):
    assert "Utsläpp per sektor" in client.get("/o/9102/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Emissions by sector" in client.get("/o/9102/").content.decode()


def test_county_and_national_pages_list_their_members(client, example_data):
    county = client.get("/o/91/").content.decode()
    assert "Strandhamn" in county and "Tallnäs" not in county
    nation = client.get("/o/00/").content.decode()
    assert "Exempellän" in nation and "Påhittade län" in nation


def test_unknown_organisation_is_404(client, example_data):
    assert client.get("/o/9999/").status_code == 404


def test_comparison_sorts_and_filters(client, example_data):
    html = client.get("/compare/?sort=population&dir=desc").content.decode()
    assert html.index("Mossala") < html.index("Hagaström") < html.index("Strandhamn")
    html = client.get("/compare/?sort=population&dir=asc").content.decode()
    assert html.index("Fjällbacka-Öde") < html.index("Tallnäs") < html.index("Björkås")
    filtered = client.get("/compare/?county=92").content.decode()
    assert "Tallnäs" in filtered and "Strandhamn" not in filtered
    small = client.get("/compare/?size=small").content.decode()
    assert "Björkås" in small and "Mossala" not in small


def test_comparison_csv_has_one_row_per_shown_municipality(client, example_data):
    response = client.get("/compare.csv?county=91")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert sorted(r["name"] for r in rows) == [
        "Björkås",
        "Ekby",
        "Granvik",
        "Mossala",
        "Strandhamn",
    ]
    assert {"code", "trend_slope_t_per_yr", "carbon_law_cumulative_t", "trend_zero_date"} <= set(
        rows[0]
    )


def test_organisation_csv_downloads(client, example_data):
    sectors = list(
        csv.DictReader(io.StringIO(client.get("/o/9102/emissions.csv").content.decode()))
    )
    assert len(sectors) == 8 * 13
    pathways = list(
        csv.DictReader(io.StringIO(client.get("/o/9102/pathways.csv").content.decode()))
    )
    assert pathways[-1]["year"] == "2050"
    excel = client.get("/o/9102/emissions.csv?dialect=excel-sv").content.decode("utf-8")
    assert excel.startswith("\ufeffyear;sector;tco2e")


def test_invalid_parameters_fall_back_with_a_message(client, example_data):
    html = client.get("/o/9102/?current_year=banana").content.decode()
    assert 'role="alert"' in html


def test_an_editor_changes_the_description_and_it_is_in_the_history(client, users):
    client.force_login(users["alice"])
    response = client.post(
        "/o/9102/edit/", {"website": "https://strandhamn.example", "description": "Kuststad"}
    )
    assert response.status_code == 302
    org = Organisation.objects.get(code="9102")
    assert (org.website, org.description) == ("https://strandhamn.example", "Kuststad")
    entry = AuditEntry.objects.filter(
        organisation=org, action="klimatlaget.organisation.changed"
    ).first()
    assert entry.actor_label == "alice"
    assert entry.changes["description"] == ["", "Kuststad"]
    history = client.get("/o/9102/history/").content.decode()
    assert "Kuststad" in history and "alice" in history


def test_an_invalid_website_is_rejected_and_nothing_is_saved(client, users):
    client.force_login(users["alice"])
    response = client.post("/o/9102/edit/", {"website": "not a url", "description": "x"})
    assert response.status_code == 200
    assert Organisation.objects.get(code="9102").description == ""


def test_login_is_throttled_after_repeated_failures(client, users, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "alice", "password": "pw-alice"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_passwords_are_hashed_with_djangos_default_hasher(
    django_user_model, settings, fast_password_hashing
):
    from django.conf import global_settings

    project_hashers = fast_password_hashing
    assert project_hashers == global_settings.PASSWORD_HASHERS
    settings.PASSWORD_HASHERS = project_hashers
    user = django_user_model.objects.create_user(username="hashed", password="pw-hashed")
    assert user.password.startswith("pbkdf2_sha256$")
    assert user.check_password("pw-hashed")
