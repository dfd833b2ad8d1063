"""In the browser: from a targets page to how targets are judged, and on to the full method."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_the_targets_page_to_the_method_and_its_documentation(page, example_data):
    page.goto("/o/9102/targets/")
    page.locator("a[href='/method/#targets']").click()
    page.wait_for_url("**/method/#targets")
    assert page.locator("h2#targets").is_visible()
    assert "fair-share" not in page.locator("#presets").inner_text()
    page.locator("a[href='/method/documentation/#paris-alignment']").click()
    page.wait_for_url("**/method/documentation/#paris-alignment")
    assert page.locator("h2#paris-alignment").is_visible()
    page.locator("#method-contents a[href='#slope-range']").click()
    page.wait_for_url("**/method/documentation/#slope-range")
    # The browser scrolled to the anchor: the heading is at the top of the window.
    top = page.evaluate("document.getElementById('slope-range').getBoundingClientRect().top")
    assert -1 < top < 100
    assert page.console_errors == []
