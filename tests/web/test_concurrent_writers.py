"""Fifty editors saving at once through the real server (``klimatlaget serve``, its own process)
on the database ``DATABASE_URL`` names: survey autosaves, target PUTs and organisation PATCHes,
each writer on its own object. No write may fail with a 500, and every acknowledged write must be
what is stored. A write may be refused as stale (409/412) or as busy (503 with Retry-After): then
it was not acknowledged, and the client knows to try again.
"""

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings

WRITERS = 50
WRITES_EACH = 3
NOT_ACKNOWLEDGED = {409, 412, 503}
SEED = Path(__file__).with_name("writers_seed.py")


def _command(url: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "klimatlaget.cli.main", "--database", url, *args]


@pytest.fixture(scope="module")
def live_database(tmp_path_factory) -> Iterator[str]:
    """A database of the test's own, of the kind ``DATABASE_URL`` names."""
    config = settings.DATABASES["default"]
    if config["ENGINE"] != "django.db.backends.postgresql":
        yield f"sqlite:///{tmp_path_factory.mktemp('writers') / 'writers.sqlite3'}"
        return
    import psycopg

    name = f"{config['NAME']}_writers"
    server = urlsplit(os.environ["DATABASE_URL"])
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
        yield server._replace(path=f"/{name}").geturl()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(port: int, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read() if server.stderr else ""
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail("the server did not start within 30 s")


@pytest.fixture(scope="module")
def server(live_database, tmp_path_factory):
    """The seeded database served by ``klimatlaget serve`` with DEBUG at its default."""
    tmp_path = tmp_path_factory.mktemp("server")
    env = {k: v for k, v in os.environ.items() if k not in {"KLIMATLAGET_DEBUG", "DATABASE_URL"}}
    env["KLIMATLAGET_DATA_DIR"] = str(tmp_path / "var")
    seeded = subprocess.run(
        [sys.executable, str(SEED), live_database, str(tmp_path / "files"), str(WRITERS)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert seeded.returncode == 0, seeded.stderr
    port = _free_port()
    command = _command(live_database, "serve", "--port", str(port), "--threads", "8")
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        _wait_until_up(port, process)
        yield port, json.loads(seeded.stdout)
    finally:
        process.terminate()
        process.wait(timeout=10)


@dataclass
class Writer:
    """One editor saving its own object again and again."""

    method: str
    path: str
    session: str
    read: str
    payload: Callable[[str], dict[str, object]]
    stored: Callable[[dict[str, Any]], object]
    statuses: list[int] = field(default_factory=list)
    acknowledged: str | None = None


def _request(port: int, method: str, path: str, session: str, body: object = None):
    token = secrets.token_hex(16)
    headers = {
        "Cookie": f"sessionid={session}; csrftoken={token}",
        "X-CSRFToken": token,
        "Content-Type": "application/json",
    }
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        data = None if body is None else json.dumps(body)
        connection.request(method, path, body=data, headers=headers)
        reply = connection.getresponse()
        return reply.status, reply.getheader("Retry-After"), reply.read()
    finally:
        connection.close()


def _comment(response: dict[str, Any]) -> object:
    return next(a["value"] for a in response["answers"] if a["question"] == "comment")


def _writers(seeded: dict[str, Any]) -> list[Writer]:
    """An autosave per member, a PATCH per organisation, and PUTs of targets for the rest."""
    survey, editor, secretariat = seeded["survey"], seeded["editor"], seeded["secretariat"]
    found = [
        Writer(
            "POST",
            f"/o/{code}/surveys/{survey}/draft",
            editor,
            f"/api/surveys/{survey}/responses/{code}",
            lambda text: {"answers": {"comment": text}},
            _comment,
        )
        for code in seeded["members"]
    ]
    found += [
        Writer(
            "PATCH",
            f"/api/organisations/{code}",
            secretariat,
            f"/api/organisations/{code}",
            lambda text: {"description": text},
            lambda organisation: organisation["description"],
        )
        for code in seeded["organisations"]
    ]
    found += [
        Writer(
            "PUT",
            f"/api/targets/{target}",
            secretariat,
            f"/api/targets/{target}",
            lambda text: {**seeded["target"], "title": text},
            lambda stored: stored["title"],
        )
        for target in seeded["targets"][: WRITERS - len(found)]
    ]
    return found


def _write(port: int, writer: Writer, start: threading.Barrier, number: int) -> None:
    start.wait()
    for write in range(WRITES_EACH):
        text = f"writer {number}, write {write}"
        status, retry_after, _body = _request(
            port, writer.method, writer.path, writer.session, writer.payload(text)
        )
        writer.statuses.append(status)
        assert status != 503 or retry_after is not None
        if 200 <= status < 300:
            writer.acknowledged = text


def _stored(port: int, writer: Writer) -> object:
    status, _retry, content = _request(port, "GET", writer.read, writer.session)
    assert status == 200, content
    return writer.stored(json.loads(content))


def test_fifty_concurrent_writers_lose_nothing_and_get_no_500(server):
    port, seeded = server
    writers = _writers(seeded)
    assert len(writers) == WRITERS
    start = threading.Barrier(WRITERS)
    with ThreadPoolExecutor(WRITERS) as pool:
        for future in [
            pool.submit(_write, port, writer, start, number)
            for number, writer in enumerate(writers)
        ]:
            future.result()

    statuses = [status for writer in writers for status in writer.statuses]
    unexpected = [s for s in statuses if not (200 <= s < 300 or s in NOT_ACKNOWLEDGED)]
    assert unexpected == [], f"{len(unexpected)} of {len(statuses)} writes failed: {unexpected}"
    for writer in writers:
        assert writer.acknowledged is not None, f"{writer.path}: {writer.statuses}"
        assert _stored(port, writer) == writer.acknowledged, writer.path


def test_the_served_site_shows_its_own_404_page_not_a_debug_page(server):
    port, seeded = server
    status, _retry, content = _request(port, "GET", "/no-such-page/", seeded["editor"])
    html = content.decode()
    assert status == 404
    assert 'class="site-header"' in html and "URLconf" not in html
    stylesheet = _request(port, "GET", "/static/klimatlaget/site.css", seeded["editor"])
    assert stylesheet[0] == 200  # served without DEBUG too
