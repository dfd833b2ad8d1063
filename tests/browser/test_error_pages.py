"""The site's own error pages, in the site's layout: the 404 page's language switch and way
home, and the 500 and 503 pages when a service fails."""

import re

import pytest
from django.db import OperationalError

from klimatlaget.sources import NameMatcher

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOME = re.compile(r"^https?://[^/]+/$")


def test_an_unknown_address_shows_the_sites_404_page_with_a_way_home(page, example_data):
    response = page.goto("/no-such-page/")
    assert response is not None and response.status == 404
    assert page.locator("header.site-header nav").is_visible()
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.url.endswith("/no-such-page/")
    assert page.get_by_role("heading", name="Page not found", level=1).is_visible()
    page.get_by_role("link", name="Go to the home page").click()
    page.wait_for_url(HOME)
    # The browser reports the page's own 404, once per visit; nothing else may fail.
    assert len(page.console_errors) == 2
    assert all("404 (Not Found)" in error for error in page.console_errors)


@pytest.mark.parametrize(
    ("error", "status", "heading"),
    [
        (RuntimeError("the matcher broke"), 500, "Something went wrong"),
        (OperationalError("database is locked"), 503, "Busy, try again"),
    ],
)
def test_a_failure_shows_the_sites_own_page_not_a_traceback(
    page, example_data, monkeypatch, error, status, heading
):
    page.goto("/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()

    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(NameMatcher, "match", fail)
    response = page.goto("/?q=Strandhamn")
    assert response is not None and response.status == status
    assert page.get_by_role("heading", name=heading, level=1).is_visible()
    assert page.locator("header.site-header").is_visible()
    assert "the matcher broke" not in page.content()
