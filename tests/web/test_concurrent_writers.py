"""Fifty editors saving at once through the real server (``klimatlaget serve``, its own process)
on the database ``DATABASE_URL`` names: survey autosaves, target PUTs and organisation PATCHes,
each writer on its own object. No write may fail with a 500, and every acknowledged write must be
what is stored. A write may be refused as stale (409/412) or as busy (503 with Retry-After): then
it was not acknowledged, and the client knows to try again.
"""

import os
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from . import writers as w

WRITERS = 50
WRITES_EACH = 3


@pytest.fixture(scope="module")
def live_database(tmp_path_factory) -> Iterator[str]:
    """A database of the test's own, of the kind ``DATABASE_URL`` names."""
    config = settings.DATABASES["default"]
    if config["ENGINE"] != "django.db.backends.postgresql":
        yield f"sqlite:///{tmp_path_factory.mktemp('writers') / 'writers.sqlite3'}"
        return
    import psycopg

    name = f"{config['NAME']}_writers"
    admin = psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    )
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
        yield urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def server(live_database, tmp_path_factory):
    """The seeded database served by ``klimatlaget serve`` with DEBUG at its default."""
    folder = tmp_path_factory.mktemp("server")
    env = {k: v for k, v in os.environ.items() if k not in {"KLIMATLAGET_DEBUG", "DATABASE_URL"}}
    env["KLIMATLAGET_DATA_DIR"] = str(folder / "var")
    seeded = w.seed(live_database, folder, WRITERS, env)
    with w.serving(live_database, folder, env) as port:
        yield port, seeded


def test_fifty_concurrent_writers_lose_nothing_and_get_no_500(server):
    port, seeded = server
    writers = w.writers(seeded, WRITERS)
    assert len(writers) == WRITERS
    w.run(port, writers, WRITES_EACH)

    statuses = [status for writer in writers for status in writer.statuses]
    unexpected = [s for s in statuses if not (200 <= s < 300 or s in w.NOT_ACKNOWLEDGED)]
    assert unexpected == [], f"{len(unexpected)} of {len(statuses)} writes failed: {unexpected}"
    assert sum(writer.retry_after_missing for writer in writers) == 0
    for writer in writers:
        assert writer.acknowledged is not None, f"{writer.path}: {writer.statuses}"
        assert writer.stored(port) == writer.acknowledged, writer.path


def test_the_served_site_shows_its_own_404_page_not_a_debug_page(server):
    port, seeded = server
    status, _retry, content = w.request(port, "GET", "/no-such-page/", seeded["editor"])
    html = content.decode()
    assert status == 404
    assert 'class="site-header"' in html and "URLconf" not in html
    stylesheet = w.request(port, "GET", "/static/klimatlaget/site.css", seeded["editor"])
    assert stylesheet[0] == 200  # served without DEBUG too
