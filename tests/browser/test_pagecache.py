"""Public pages served from the page cache still work for every visitor: the language switch
(a form with the visitor's own CSRF token) and logging in (never the anonymous copy)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_cached_page_switches_language_and_logs_in(browser, live_server, page, users):
    first = browser.new_context(base_url=live_server.url, locale="sv-SE")
    first.new_page().goto("/compare/")  # another visitor's request puts the page in the cache
    first.close()
    response = page.goto("/compare/")
    assert response is not None and response.headers.get("etag")
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("pw-alice")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/compare/")
    assert page.locator(".user").inner_text() == "alice"
    assert page.console_errors == []
