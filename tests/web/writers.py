"""Many editors saving at once through the real server: a seeded database of its own, the server
(``klimatlaget serve`` in its own process) and the writers, each saving its own object again and
again (a survey autosave per member, a PATCH per organisation, PUTs of targets for the rest).

Used by ``test_concurrent_writers.py`` and ``bench/writes.py``; free of Django, like any client.
"""

from __future__ import annotations

import http.client
import json
import secrets
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Refusals that are not failures: a stale version (409/412), a busy database (503).
NOT_ACKNOWLEDGED = {409, 412, 503}
SEED = Path(__file__).with_name("writers_seed.py")


def seed(url: str, folder: Path, targets: int, env: dict[str, str]) -> dict[str, Any]:
    """Migrate and fill the empty database at ``url``; what was made, as ``writers_seed`` says."""
    command = [sys.executable, str(SEED), url, str(folder / "files"), str(targets)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=180)
    if done.returncode != 0:
        raise RuntimeError(f"seeding failed:\n{done.stderr}")
    return dict(json.loads(done.stdout))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(url: str, folder: Path, env: dict[str, str], threads: int = 8) -> Iterator[int]:
    """``klimatlaget serve`` on ``url`` at a free port (yielded); its log goes to a file, whose
    end is raised if the server stops before answering."""
    port = _free_port()
    command = [sys.executable, "-m", "klimatlaget.cli.main", "--database", url, "serve"]
    command += ["--port", str(port), "--threads", str(threads)]
    log = folder / "server.log"
    with log.open("w") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=output)
        try:
            _wait_until_up(port, process, log)
            yield port
        finally:
            process.terminate()
            process.wait(timeout=10)


def _wait_until_up(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped:\n{log.read_text()[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start within 60 s")


def request(
    port: int, method: str, path: str, session: str, body: object = None
) -> tuple[int, str | None, bytes]:
    """One request with the session's cookie and a CSRF token; status, Retry-After, body."""
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


@dataclass
class Writer:
    """One editor saving its own object again and again."""

    method: str
    path: str
    session: str
    read: str
    payload: Callable[[str], dict[str, object]]
    value: Callable[[dict[str, Any]], object]
    statuses: list[int] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    acknowledged: str | None = None
    retry_after_missing: int = 0

    def stored(self, port: int) -> object:
        status, _retry, content = request(port, "GET", self.read, self.session)
        if status != 200:
            raise AssertionError(f"GET {self.read}: {status} {content[:300]!r}")
        return self.value(json.loads(content))


def _comment(response: dict[str, Any]) -> object:
    return next((a["value"] for a in response["answers"] if a["question"] == "comment"), None)


def writers(seeded: dict[str, Any], count: int) -> list[Writer]:
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
        for target in seeded["targets"][: count - len(found)]
    ]
    return found[:count]


def _write(port: int, writer: Writer, start: threading.Barrier, number: int, writes: int) -> None:
    start.wait()
    for write in range(writes):
        text = f"writer {number}, write {write}"
        began = time.perf_counter()
        status, retry_after, _body = request(
            port, writer.method, writer.path, writer.session, writer.payload(text)
        )
        writer.seconds.append(time.perf_counter() - began)
        writer.statuses.append(status)
        writer.retry_after_missing += status == 503 and retry_after is None
        if 200 <= status < 300:
            writer.acknowledged = text


def run(port: int, all_writers: list[Writer], writes: int) -> float:
    """Every writer at once, ``writes`` saves each; returns the seconds it took."""
    start = threading.Barrier(len(all_writers))
    began = time.perf_counter()
    with ThreadPoolExecutor(len(all_writers)) as pool:
        futures = [
            pool.submit(_write, port, writer, start, number, writes)
            for number, writer in enumerate(all_writers)
        ]
        for future in futures:
            future.result()
    return time.perf_counter() - began
