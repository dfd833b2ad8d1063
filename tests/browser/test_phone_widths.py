"""On a 390 px phone no page is wider than the screen: one page of every kind, opened logged
out, as an editor and as the secretariat, must not make the document scroll sideways (wide tables
scroll inside their own box instead)."""

import pytest

from access.world import PASSWORD, build
from klimatlaget.organisations.models import NATION_CODE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
ASSOC = "/associations/klimatkommunerna"

PUBLIC = [
    "/",
    "/compare/",
    "/o/9102/",  # organisation
    "/o/91/",  # county
    f"/o/{NATION_CODE}/",  # nation
    "/targets/",
    "/targets/matrix/",
    f"/o/{NATION_CODE}/targets/",  # Sweden's national target
    "/targets/pathways/",
    "/targets/association/",
    "/o/9102/targets/",
    "/o/9102/plans/",
    "/o/9102/measures/",
    "/o/9102/measures/{MEASURE_9102}/",
    "/o/9102/investments/",
    "/o/9102/investments/{INVESTMENT_9102}/",
    "/o/9102/investments/{INVESTMENT_9102}/compare/",
    "/o/9102/indicators/",
    "/o/9102/indicators/{INDICATOR_9102}/",
    "/o/9201/contracts/",
    "/o/9201/contracts/2024/",
    "/o/9102/quotas/",
    "/o/9102/budget/2026/",
    "/o/9201/follow-up/",
    "/o/9201/follow-up/2024/",
    "/method/nowcast/",
    "/open-data/",
    f"{ASSOC}/",
    f"{ASSOC}/reports/2024/",
    "/method/",
    "/?q=by",  # search results
    "/no-such-page/",  # 404
]
LOGIN = "/accounts/login/"
# The outermost element that reaches past the screen's right edge outside any scrolling box (or
# one positioned absolutely that escapes its box), to say where the page is too wide.
CULPRIT = """() => {
  const scrolls = e => getComputedStyle(e).overflowX !== "visible";
  const free = e => {
    for (let a = e.parentElement; a; a = a.parentElement) if (scrolls(a)) return false;
    return true;
  };
  const past = [...document.body.querySelectorAll("*")]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth);
  const out = past.find(free) || past.find(e => getComputedStyle(e).position === "absolute");
  return out ? out.outerHTML.slice(0, 160) : "";
}"""
EDITOR = [
    "/o/9102/edit/",
    "/o/9102/targets/new/",
    "/o/9102/targets/{TARGET_9102}/edit/",
    "/o/9102/plans/{PLAN_9102}/new-version/",
    "/o/9102/measures/new/",
    "/o/9102/investments/new/",
    "/o/9102/investments/{INVESTMENT_9102}/lines/{INVLINE_9102}/edit/",
    "/o/9102/measures/{MEASURE_9102}/edit/",
    "/o/9102/indicators/{INDICATOR_9102}/",
    "/o/9102/indicators/new/",
    "/o/9102/contracts/2025/",  # a draft
    "/o/9102/contracts/2025/sections/{CSECTION_9102}/links/",
    "/o/9102/contracts/2025/commitments/",
    "/o/9102/contracts/2025/parties/",
    "/o/9102/contracts/import/",
    "/o/9102/quotas/",  # with the editor's links in the table
    "/o/9102/quotas/{QUOTA_9102}/outcomes/",
    "/o/9102/budget/2026/settings/",
    "/o/9102/follow-up/",
    "/o/9102/follow-up/2025-q2/",
    "/o/9102/contacts/",
    "/o/9102/history/",
    "/o/9102/surveys/",
    "/o/9102/surveys/{SURVEY}/",  # the questionnaire
]
SECRETARIAT = [
    f"{ASSOC}/members/",
    f"{ASSOC}/fees/rules/",
    f"{ASSOC}/fees/2025/",
    f"{ASSOC}/surveys/",
    f"{ASSOC}/surveys/{{SURVEY}}/",
    f"{ASSOC}/surveys/{{SURVEY}}/status/",
    f"{ASSOC}/surveys/{{SURVEY}}/statistics/",
    f"{ASSOC}/surveys/{{TEST}}/membership-test/",
    f"{ASSOC}/surveys/{{DRAFT}}/sections/add/",
    f"{ASSOC}/reports/2024/internal/",
    f"{ASSOC}/reports/2025/",  # the preview, compared with the figures published for 2024
    f"{ASSOC}/published-figures/",
    f"{ASSOC}/published-figures/{{PUBLISHED}}/",
    "/o/9102/contacts/",
    "/o/9102/history/",
]


def _log_in(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto(LOGIN)
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


def _too_wide(page, paths: list[str], ids: dict[str, int]) -> list[str]:
    """The pages (with their width) whose document is wider than the phone's screen."""
    found = []
    for template in paths:
        path = template.format(**ids)
        response = page.goto(path)
        assert response is not None and response.status in (200, 404), (path, response)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            found.append(f"{path}: {width} px, e.g. {page.evaluate(CULPRIT)}")
    return found


def test_no_page_is_wider_than_a_phone(page, tmp_path):
    _, ids = build(tmp_path)
    page.set_viewport_size(PHONE)
    too_wide = _too_wide(page, [*PUBLIC, LOGIN], ids)
    too_wide += _too_wide(page, PUBLIC[:3], ids)  # a second look from the cache
    _log_in(page, "alice")
    too_wide += [f"alice {p}" for p in _too_wide(page, PUBLIC + EDITOR, ids)]
    _log_in(page, "kansli")
    too_wide += [f"kansli {p}" for p in _too_wide(page, PUBLIC + SECRETARIAT, ids)]
    assert not too_wide, "wider than 390 px:\n" + "\n".join(too_wide)


def test_the_sector_table_puts_the_latest_year_first_on_a_phone(page, tmp_path):
    build(tmp_path)
    page.goto("/o/9102/")
    wide = page.locator("#sector-table")
    assert wide.is_visible()
    years = wide.locator("thead th.num").all_inner_texts()
    assert years == sorted(years)

    page.set_viewport_size(PHONE)
    assert not wide.is_visible()
    narrow = page.locator("#sector-table-latest-first")
    assert narrow.is_visible()
    assert narrow.locator("thead th.num").all_inner_texts() == years[::-1]
    # The same figures, the rows' values reversed with the years.
    first_row = wide.locator("tbody tr").first.locator("td").all_inner_texts()
    assert narrow.locator("tbody tr").first.locator("td").all_inner_texts() == first_row[::-1]
    # The sector names stay in view while the years scroll.
    sector = narrow.locator("tbody th").first
    assert sector.evaluate("e => getComputedStyle(e).position") == "sticky"
