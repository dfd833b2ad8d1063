"""The site's own 404 page, in the site's layout: the language switch and the way home work."""

import re

import pytest

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
