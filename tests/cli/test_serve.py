"""``klimatlaget serve`` as a user runs it: several processes on one database see each other's
writes at once (the data version is read from the database), and SQLite refuses several workers."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager

import pytest
from django.db import connection

from klimatlaget.demo.example import write_example_files

from .test_cli import run


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def server(url: str, *options: str):
    port = free_port()
    command = [sys.executable, "-m", "klimatlaget.cli.main", "--database", url, "serve"]
    process = subprocess.Popen(
        [*command, "--port", str(port), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(base, process)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def _wait_until_up(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server stopped: {process.stderr.read().decode()}")  # type: ignore[union-attr]
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail("the server did not answer within 30 s")


def nation_last_year(base: str) -> int | None:
    with urllib.request.urlopen(f"{base}/api/metrics?kind=nation", timeout=10) as response:
        assert response.status == 200
        return json.loads(response.read())[0]["last_year"]


def database_url(tmp_path) -> str:
    """The test database when it is PostgreSQL (the test commits), else an SQLite file."""
    if connection.vendor != "postgresql":
        url = f"sqlite:///{tmp_path / 'serve.sqlite3'}"
        assert run(url, "migrate").returncode == 0
        return url
    s = connection.settings_dict
    user = f"{s['USER']}:{s['PASSWORD']}" if s["PASSWORD"] else s["USER"]
    return f"postgres://{user}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"


def test_every_process_sees_a_write_made_by_another_at_once(transactional_db, tmp_path):
    url = database_url(tmp_path)
    files = write_example_files(tmp_path / "files")
    assert run(url, "import", "scb-codes", str(files["codes"])).returncode == 0
    assert run(url, "import", "population", str(files["population"])).returncode == 0
    several = ("--workers", "2") if connection.vendor == "postgresql" else ()
    with server(url, *several) as first, server(url) as second:
        for _ in range(4):  # every worker has the page cached
            assert nation_last_year(first) is None and nation_last_year(second) is None
        result = run(url, "import", "emissions", str(files["emissions"]))
        assert result.returncode == 0, result.stderr
        for _ in range(4):
            assert nation_last_year(first) == 2023 and nation_last_year(second) == 2023


def test_several_workers_on_sqlite_are_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'one.sqlite3'}"
    result = run(url, "serve", "--workers", "2", "--port", str(free_port()))
    assert result.returncode == 2 and "PostgreSQL" in result.stderr
