"""The public page cache: ETag/Last-Modified and 304, gzip, a hit after an unrelated write, a
miss after a relevant one, languages, the CSRF token, and never another visitor's page."""

import gzip
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver

from klimatlaget.accounts.actors import command_line
from klimatlaget.audit.models import AuditEntry
from klimatlaget.dataversion.triggers import tracked_tables
from klimatlaget.organisations.models import Organisation

pytestmark = pytest.mark.django_db

#: A URL of every public page, by URL name (the API's metrics are a ninja operation).
PUBLIC_URLS = {
    "home": "/",
    "association-list": "/associations/",
    "search-suggestions": "/search.json?q=strand",
    "comparison": "/compare/?sort=population&dir=desc",
    "comparison-csv": "/compare.csv?dialect=excel-sv",
    "organisation": "/o/9102/",
    "organisation-emissions-csv": "/o/9102/emissions.csv",
    "organisation-pathways-csv": "/o/91/pathways.csv?preset=1.5C",
    "target-comparison": "/targets/",
    "target-comparison-csv": "/targets.csv",
    "target-matrix": "/targets/matrix/",
    "target-matrix-csv": "/targets/matrix.csv",
    "target-pathways": "/targets/pathways/?org=9101&org=9102",
    "organisation-targets": "/o/9101/targets/",
    "organisation-targets-csv": "/o/9101/targets.csv",
    "api-metrics": "/api/metrics?kind=county",
    "nowcast-backtest": "/method/nowcast/",
    "nowcast-backtest-csv": "/method/nowcast.csv",
    "open-data": "/open-data/",
}


@pytest.fixture
def with_targets(example_data):
    from pathlib import Path

    from klimatlaget.targets.imports import import_targets

    demo = Path(__file__).resolve().parents[2] / "src" / "klimatlaget" / "demo"
    import_targets(demo / "targets_example.csv", actor=command_line())


def public_views(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from public_views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and getattr(pattern.callback, "public_page", False):
            yield pattern.name


def queries_of(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, [q["sql"] for q in queries]


def test_every_public_page_has_a_url_here():
    assert set(public_views()) <= set(PUBLIC_URLS)


@pytest.mark.parametrize("name", PUBLIC_URLS)
def test_a_public_page_reads_only_tracked_tables_and_a_repeat_only_the_version(
    client, with_targets, name
):
    """Whatever a cached page shows must change the data version when it changes."""
    first, sql = queries_of(client, PUBLIC_URLS[name])
    assert first.status_code == 200, name
    read = {t for q in sql for t in re.findall(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', q, re.I)}
    assert read <= {*tracked_tables(), "dataversion_dataversion"}, name
    again, sql = queries_of(Client(), PUBLIC_URLS[name])
    assert again.status_code == 200 and again["ETag"] == first["ETag"]
    assert len(sql) == 1 and "dataversion_dataversion" in sql[0]
    assert again.content == first.content


def test_etag_and_last_modified_give_304_and_gzip_is_used_when_accepted(client, example_data):
    first = client.get("/compare/", headers={"accept-encoding": "gzip"})
    assert first["Content-Encoding"] == "gzip"
    html = gzip.decompress(first.content).decode()
    assert "<table" in html and first["Cache-Control"] == "no-cache"
    assert "Accept-Encoding" in first["Vary"] and "Accept-Language" in first["Vary"]
    by_etag = client.get("/compare/", headers={"if-none-match": first["ETag"]})
    assert by_etag.status_code == 304 and by_etag.content == b""
    by_date = client.get("/compare/", headers={"if-modified-since": first["Last-Modified"]})
    assert by_date.status_code == 304
    plain = client.get("/compare/")
    assert "Content-Encoding" not in plain and plain.content.decode().startswith("<!doctype")


def test_an_unrelated_write_keeps_the_page_and_a_relevant_one_renews_it(client, users):
    first = client.get("/o/9102/")
    AuditEntry.objects.create(actor_label="x", action="unrelated", summary="not shown")
    users["nobody"].set_password("another password")
    users["nobody"].save()
    response, sql = queries_of(client, "/o/9102/", if_none_match=first["ETag"])
    assert response.status_code == 304 and len(sql) == 1

    Organisation.objects.filter(code="9102").update(description="Nytt om Strandhamn")
    renewed = client.get("/o/9102/", headers={"if-none-match": first["ETag"]})
    assert renewed.status_code == 200 and renewed["ETag"] != first["ETag"]
    assert "Nytt om Strandhamn" in renewed.content.decode()


def test_a_logged_in_visitor_never_gets_the_public_copy_and_never_leaves_one(client, users):
    assert "alice" not in client.get("/o/9102/").content.decode()
    alice = Client()
    alice.force_login(users["alice"])
    own = alice.get("/o/9102/", headers={"accept-encoding": "gzip"})
    html = own.content.decode()
    assert 'class="user">alice<' in html and "/o/9102/edit/" in html
    assert "csrfmiddlewaretoken" in html  # the logout form
    assert "ETag" not in own and "Content-Encoding" not in own  # no gzip beside personal data
    assert "alice" not in Client().get("/o/9102/").content.decode()


def test_each_language_is_its_own_copy(client, example_data):
    swedish = client.get("/compare/", headers={"accept-language": "sv"})
    english = client.get("/compare/", headers={"accept-language": "en"})
    assert '<html lang="sv">' in swedish.content.decode()
    assert '<html lang="en">' in english.content.decode()
    assert swedish["ETag"] != english["ETag"]
    again = Client().get("/compare/", headers={"accept-language": "en"})
    assert again["ETag"] == english["ETag"] and '<html lang="en">' in again.content.decode()


def test_public_pages_hold_nothing_of_their_visitor_and_the_language_switch_works(example_data):
    """No CSRF token or cookie on a public page; the language switch (which sets nothing but the
    visitor's own language cookie) takes no token, and still refuses to redirect elsewhere."""
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/compare/")
    assert b"csrfmiddlewaretoken" not in page.content and not page.cookies
    data = {"language": "en", "next": "/compare/"}
    switched = visitor.post("/i18n/setlang/", data)
    assert switched.status_code == 302 and switched["Location"] == "/compare/"
    assert '<html lang="en">' in visitor.get("/compare/").content.decode()
    away = visitor.post("/i18n/setlang/", {**data, "next": "https://evil.example/"})
    assert away["Location"] == "/"


def test_a_page_showing_a_message_is_not_kept(client, example_data):
    for _ in range(2):
        response, sql = queries_of(client, "/?q=Ingenstans")
        assert "Ingenstans" in response.content.decode() and len(sql) > 1
    assert "Ingenstans" not in client.get("/").content.decode()
