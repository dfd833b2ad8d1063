"""For each role, a crawl from the home page reaches every page that role may see.

What a role may see comes from the permission matrix (:mod:`access.matrix`): every GET row where
the role gets 200 names a URL pattern, less the :data:`NOT_CRAWLED` ones. A new page a role may
see therefore fails here until some page links it. The crawl runs on the matrix's data
(:mod:`access.world`), follows links (same origin, GET) breadth first without query strings (a
query only varies a page the crawl reaches anyway) and leaves out what :data:`SKIPPED` matches.
"""

import contextlib
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve

from access.matrix import PAGES, PLACEHOLDERS, concrete
from access.world import ROLES, built_once

#: Downloads, the admin and the API: no pages to crawl.
SKIPPED = re.compile(r"^/(admin|api)/|\.(csv|xlsx|pdf)$")
#: URL patterns a role may GET that are no pages a crawl should reach through links: answers
#: that are no HTML (the search box's suggestions, the health check) and downloads without a
#: file suffix (a file attached to an answer).
NOT_CRAWLED = {"search-suggestions", "healthz", "survey-file"}
#: Forms a role may open but not send, so that no page offers them to it: the upload of a
#: filled-in questionnaire belongs to the answering member; the secretariat only reads responses.
FORMS = {"survey-upload"}
REFUSED = (401, 403, 404)
#: A bound well above the pages of the example data, so that a crawl that loops fails.
LIMIT = 1500
#: Any id will do to name a row's pattern.
IDS = dict.fromkeys(PLACEHOLDERS, 1)


def may_see(role: str | None) -> set[str]:
    """The URL names of the pages ``role`` gets (200) in the permission matrix."""
    column = ROLES.index(role)
    refused_posts = {
        row.url for row in PAGES if row.method == "post" and row.expected[column] in REFUSED
    }
    names = set()
    for row in PAGES:
        path = concrete(row.url, IDS).split("?")[0]
        if row.method == "get" and row.expected[column] == 200 and not SKIPPED.search(path):
            name = resolve(path).url_name
            if not (name in FORMS and row.url in refused_posts):
                names.add(name)
    return names - NOT_CRAWLED


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


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with built_once(django_db_blocker, tmp_path_factory.mktemp("example")) as built:
        yield built


def test_the_matrix_gives_each_role_its_pages():
    """The derivation itself: a few pages each role may and may not see."""
    anonymous, alice, kansli = may_see(None), may_see("alice"), may_see("kansli")
    assert {"home", "organisation", "comparison", "login"} <= anonymous
    assert "start" not in anonymous and "organisation-edit" not in anonymous
    assert {"start", "organisation-edit", "target-new", "survey-answer"} <= alice
    assert "association-members" not in alice and "login" not in alice
    assert {"association-members", "survey-status", "fee-list"} <= kansli
    assert "target-new" not in kansli
    assert "survey-upload" in alice and "survey-upload" not in kansli
    assert not (anonymous | alice | kansli) & NOT_CRAWLED


@pytest.fixture(scope="module")
def reached():
    """Paths reached by role, crawled once for the module: the crawl only reads."""
    return {}


def _crawled(reached, world, client, role):
    if role not in reached:
        users, _ids = world
        if role:
            client.force_login(users[role])
        reached[role] = crawl(client)
    return reached[role]


@pytest.mark.parametrize("role", ROLES, ids=[role or "anonymous" for role in ROLES])
def test_crawl_reaches_every_page_the_role_may_see(world, db, client, reached, role):
    unreached = may_see(role) - url_names(_crawled(reached, world, client, role))
    assert not unreached, f"{role or 'anonymous'} may see these pages but no link leads there"


def test_crawl_reaches_each_survey_s_secretariat_pages(world, db, client, reached):
    _users, ids = world
    paths = _crawled(reached, world, client, "kansli")
    assoc = "/associations/klimatkommunerna"
    for path in (
        f"{assoc}/surveys/{ids['SURVEY']}/status/",
        f"{assoc}/surveys/{ids['SURVEY']}/statistics/",
        f"{assoc}/surveys/{ids['TEST']}/membership-test/",
        f"{assoc}/surveys/{ids['DRAFT']}/sections/add/",
        f"{assoc}/reports/2024/internal/",
    ):
        assert path in paths, path
