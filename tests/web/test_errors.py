"""The site's own error pages, JSON errors in the API, and 503 when the database is busy.

Failures are real ones: a service is made to raise, as a bug or a locked SQLite file would.
"""

import json
import logging

import pytest
from django.db import OperationalError
from django.test import Client

from klimatlaget.sources import NameMatcher
from klimatlaget.web.errors import server_error

pytestmark = pytest.mark.django_db

LOCKED = OperationalError("database is locked")


@pytest.fixture
def visitor():
    """A client that gets the response a browser would, not the exception."""
    client = Client(raise_request_exception=False)
    client.cookies["django_language"] = "en"
    return client


def _raise(error):
    def fail(*args, **kwargs):
        raise error

    return fail


def test_an_unknown_page_is_the_sites_own_translated_404(visitor, example_data):
    response = visitor.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'class="site-header"' in html and "<h1>Page not found</h1>" in html
    assert '<html lang="en">' in html
    swedish = Client().get("/no-such-page/")
    assert swedish.status_code == 404 and '<html lang="sv">' in swedish.content.decode()


def test_a_failing_page_is_the_sites_own_500_and_logs_the_traceback(
    visitor, example_data, monkeypatch, caplog
):
    monkeypatch.setattr(NameMatcher, "match", _raise(RuntimeError("the matcher broke")))
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = visitor.get("/?q=Strandhamn")
    html = response.content.decode()
    assert response.status_code == 500
    assert 'class="site-header"' in html and "<h1>Something went wrong</h1>" in html
    assert "the matcher broke" not in html and "Traceback" not in html
    (logged,) = [r for r in caplog.records if r.exc_info]
    assert "the matcher broke" in str(logged.exc_info[1])


def test_a_failing_api_operation_answers_json_without_traceback(
    visitor, example_data, monkeypatch, caplog
):
    monkeypatch.setattr("klimatlaget.api.routes.metrics_rows", _raise(KeyError("secret_column")))
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = visitor.get("/api/metrics")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert set(body) == {"detail"} and "secret_column" not in body["detail"]
    (logged,) = [r for r in caplog.records if r.exc_info]
    assert isinstance(logged.exc_info[1], KeyError)


def test_an_unknown_api_path_is_json_404(visitor):
    response = visitor.get("/api/no-such-thing")
    assert response.status_code == 404
    assert set(json.loads(response.content)) == {"detail"}


def test_a_write_that_finds_the_database_locked_is_503_with_retry_after(
    visitor, users, monkeypatch
):
    monkeypatch.setattr("klimatlaget.api.routes.update_profile", _raise(LOCKED))
    visitor.force_login(users["alice"])
    response = visitor.patch(
        "/api/organisations/9102", {"description": "Ny text"}, content_type="application/json"
    )
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert set(json.loads(response.content)) == {"detail"}


def test_a_page_that_finds_the_database_locked_is_503_with_retry_after(
    visitor, example_data, monkeypatch
):
    monkeypatch.setattr(NameMatcher, "match", _raise(LOCKED))
    response = visitor.get("/?q=Strandhamn")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "<h1>Busy, try again</h1>" in response.content.decode()


def test_other_database_errors_are_still_500(visitor, example_data, monkeypatch):
    monkeypatch.setattr(NameMatcher, "match", _raise(OperationalError("no such table: x")))
    assert visitor.get("/?q=Strandhamn").status_code == 500


def test_a_request_too_large_for_the_api_is_413_not_500(visitor, users, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    visitor.force_login(users["alice"])
    response = visitor.patch(
        "/api/organisations/9102", {"description": "x" * 500}, content_type="application/json"
    )
    assert response.status_code == 413
    assert set(json.loads(response.content)) == {"detail"}


def test_a_lock_outside_any_view_is_503_too(rf):
    """Django's ``handler500`` sees errors raised by middleware (saving a session), where no
    view's handler can catch them."""
    request = rf.post("/o/9102/edit/")
    try:
        raise LOCKED
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503 and int(response["Retry-After"]) > 0
