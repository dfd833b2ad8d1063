"""For each role, a crawl from the home page reaches the pages that role may see.

The crawl follows links (same origin, GET) breadth first, without query strings (a query only
varies a page the crawl reaches anyway), and leaves out downloads, the admin and the API.
"""

import contextlib
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve

SKIPPED = re.compile(r"^/(admin|api)/|\.(csv|xlsx|pdf)$")
#: A bound well above the pages of the example data, so that a crawl that loops fails.
LIMIT = 600

PUBLIC = {"home", "association-list", "association", "organisation", "comparison", "method"}
EDITOR = PUBLIC | {
    "start",
    "member-surveys",
    "survey-answer",
    "organisation-edit",
    "organisation-targets",
    "target-new",
    "organisation-contacts",
    "organisation-history",
}
SECRETARIAT = PUBLIC | {
    "start",
    "association-members",
    "fee-list",
    "fee-rules",
    "survey-list",
    "survey-overview",
    "survey-status",
    "survey-statistics",
    "membership-test-results",
    "survey-report",
    "survey-report-internal",
    "organisation-contacts",
}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def crawl(client) -> set[str]:
    """The paths reached from ``/`` by following links."""
    seen: set[str] = set()
    queue = deque(["/"])
    while queue:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        assert len(seen) <= LIMIT, "the crawl does not end"
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        for href in parser.hrefs:
            link = urlsplit(urljoin(f"http://testserver{path}", href))
            if link.netloc == "testserver" and not SKIPPED.search(link.path):
                queue.append(link.path)
    return seen


def url_names(paths: set[str]) -> set[str]:
    names = set()
    for path in paths:
        with contextlib.suppress(Resolver404):
            names.add(resolve(path).url_name)
    return names


@pytest.fixture
def world(association, overdue, membership_test):
    return association


@pytest.mark.parametrize(
    ("role", "expected"),
    [(None, PUBLIC), ("lasare", PUBLIC | {"start"}), ("alice", EDITOR)],
)
def test_crawl_reaches_what_the_role_may_see(client, users, world, role, expected):
    if role:
        client.force_login(users[role])
    reached = crawl(client)
    assert f"/associations/{world.code}/" in reached
    assert expected - url_names(reached) == set()


def test_crawl_reaches_the_secretariat_pages(client, secretariat, world, overdue, membership_test):
    client.force_login(secretariat)
    reached = crawl(client)
    assert SECRETARIAT - url_names(reached) == set()
    code = world.code
    for path in (
        f"/associations/{code}/surveys/{overdue.pk}/status/",
        f"/associations/{code}/surveys/{membership_test.pk}/status/",
        f"/associations/{code}/surveys/{overdue.pk}/statistics/",
        f"/associations/{code}/surveys/{membership_test.pk}/membership-test/",
        f"/associations/{code}/reports/{overdue.year}/internal/",
    ):
        assert path in reached, path
