"""Load benchmark: the real server under concurrent connections, and the page after a save.

Run: ``.venv/bin/python bench/load.py [--data ../shared/data] [--database URL] [--workers 1]
[--connections 50] [--seconds 10] [--requests 3000]``

It loads the real-data demo (``klimatlaget demo --no-serve``: SCB's codes and population,
SMHI's sector file, the real targets, the association and its surveys) into a fresh SQLite file
in a temporary folder, or into ``--database`` (a throw-away PostgreSQL database: it is filled),
starts ``klimatlaget serve`` on a free loopback port and then:

1. under load: for each page, ``--connections`` clients with keep-alive ask for it at once, as
   many times as they can for ``--seconds`` or until ``--requests`` answers (whichever comes
   first); every answer's status is checked; p50/p95/max and errors are reported;
2. after a save: one client times the page warm (back to back), right after each of as many
   unrelated saves (a member's survey autosave, written through the services into the same
   database) and after a pause as long as that save (the fair baseline: a server that was idle
   for a moment answers a little slower), and for contrast after a change of a target (which
   must recompute the metrics' and targets' caches and render the page again).

It prints Markdown tables to paste into docs/PERFORMANCE.md, and the machine.
"""

import argparse
import http.client
import itertools
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGES = {
    "home": "/",
    "comparison": "/compare/",
    "organisation (Stockholm)": "/o/0180/",
    "target comparison": "/targets/",
    "/api/metrics": "/api/metrics",
}
AFTER_SAVE_PAGES = ("comparison", "target comparison", "organisation (Stockholm)")
HEADERS = {"Accept-Encoding": "gzip", "Accept-Language": "sv"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--database", help="a throw-away database URL (default: a new SQLite)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--threads", type=int, default=8, help="threads per server process")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=30, help="saves in the after-save test")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="klimatlaget-load-"))
    url = args.database or f"sqlite:///{folder / 'load.sqlite3'}"
    os.environ.update(DATABASE_URL=url, KLIMATLAGET_DATA_DIR=str(folder))
    started = time.perf_counter()
    klimatlaget(url, "demo", "--data", args.data, "--offline", "--no-serve")
    print(f"Demo database ready in {time.perf_counter() - started:.1f} s ({url.split(':')[0]}).")
    with server(url, args.workers, args.threads) as port:
        print_machine(args, url)
        under_load(port, args)
        after_saves(port, args.rounds)
    return 0


def klimatlaget(url: str, *args: str) -> None:
    command = [sys.executable, "-m", "klimatlaget.cli.main", "--database", url, *args]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


@contextmanager
def server(url: str, workers: int, threads: int) -> Iterator[int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "klimatlaget.cli.main", "--database", url, "serve"]
    options = ["--port", str(port), "--workers", str(workers), "--threads", str(threads)]
    process = subprocess.Popen([*command, *options], stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while get(port, "/healthz")[0] != 200:
            if time.monotonic() > deadline or process.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def get(port: int, path: str, connection: http.client.HTTPConnection | None = None) -> tuple:
    """(status, seconds) of one GET; status 0 when the connection failed."""
    own = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    start = time.perf_counter()
    try:
        own.request("GET", path, headers=HEADERS)
        response = own.getresponse()
        response.read()
        status = response.status
    except (OSError, http.client.HTTPException):
        own.close()
        status = 0
    elapsed = time.perf_counter() - start
    if connection is None:
        own.close()
    return status, elapsed


@dataclass
class Load:
    times: list[float] = field(default_factory=list)
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, status: int, seconds: float) -> None:
        with self.lock:
            self.times.append(seconds)
            self.errors += status != 200


def run_load(port: int, path: str, connections: int, seconds: float, requests: int) -> tuple:
    budget = threading.Semaphore(requests)
    deadline = time.monotonic() + seconds
    load = Load()

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.monotonic() < deadline and budget.acquire(blocking=False):
            load.add(*get(port, path, connection))
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return load, time.perf_counter() - started


def under_load(port: int, args: argparse.Namespace) -> None:
    print(f"\nUnder load: {args.connections} connections, at most {args.seconds:g} s or ")
    print(f"{args.requests} requests per page, gzip accepted.\n")
    print("| page | requests | per second | p50 | p95 | max | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, path in PAGES.items():
        get(port, path)  # the first visitor renders it
        load, elapsed = run_load(port, path, args.connections, args.seconds, args.requests)
        cuts = statistics.quantiles(load.times, n=100)
        print(
            f"| {name} | {len(load.times)} | {len(load.times) / elapsed:.0f} | {ms(cuts[49])} "
            f"| {ms(cuts[94])} | {ms(max(load.times))} | {load.errors} |"
        )


def after_saves(port: int, rounds: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klimatlaget.config.settings")
    import django

    django.setup()
    autosave, target_change = unrelated_save(), relevant_change()
    print(f"\nAfter a save: one client, medians of {rounds} (a target change: of 5). A pause")
    print("as long as the save is the fair baseline: an idle server answers a little slower.\n")
    print("| page | warm | after a pause | after an autosave | change | after a target change |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for name in AFTER_SAVE_PAGES:
        path = PAGES[name]
        get(port, path, connection)
        warm = [checked(get(port, path, connection)) for _ in range(rounds)]
        paused, saved = [], []
        for _ in range(rounds):
            started = time.perf_counter()
            autosave()
            took = time.perf_counter() - started
            saved.append(checked(get(port, path, connection)))
            time.sleep(took)
            paused.append(checked(get(port, path, connection)))
        changed = []
        for _ in range(5):
            target_change()
            changed.append(checked(get(port, path, connection)))
        p, a = statistics.median(paused), statistics.median(saved)
        print(
            f"| {name} | {ms(statistics.median(warm))} | {ms(p)} | {ms(a)} "
            f"| {100 * (a - p) / p:+.0f} % | {ms(statistics.median(changed))} |"
        )


def checked(result: tuple) -> float:
    status, seconds = result
    if status != 200:
        raise SystemExit(f"status {status}")
    return seconds


def unrelated_save() -> Callable[[], object]:
    """A member's survey autosave: a draft answer to a text question of the open survey."""
    from django.contrib.auth import get_user_model

    from klimatlaget.associations.models import members_in_year
    from klimatlaget.surveys.models import Survey, SurveyState
    from klimatlaget.surveys.services import save_answers, start_response

    survey = Survey.objects.filter(state=SurveyState.OPEN, kind="klimatlaget").first()
    assert survey is not None, "the demo has an open survey"
    member = members_in_year(survey.association, survey.year).first()
    user = get_user_model().objects.get(username="kansli")
    response = start_response(user, survey, member)
    question = survey.questions.filter(kind="text").first()
    numbers = itertools.count()
    return lambda: save_answers(user, response, {question.key: f"Utkast {next(numbers)}"})


def relevant_change() -> Callable[[], object]:
    """A change of one target's notes (through the services, as the register page does)."""
    from django.contrib.auth import get_user_model

    from klimatlaget.targets.models import Target
    from klimatlaget.targets.register.services import update_target

    user = get_user_model().objects.get(username="kansli")
    target = Target.objects.order_by("pk").first()
    assert target is not None, "the demo has targets"
    numbers = itertools.count()
    return lambda: update_target(user, target, {"notes": f"Anteckning {next(numbers)}"})


def print_machine(args: argparse.Namespace, url: str) -> None:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    print(
        f"\nMachine: {os.cpu_count()} cores ({model}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; database {url.split(':')[0]}; "
        f"`serve --workers {args.workers} --threads {args.threads}`."
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 0.1 else f"{seconds * 1000:.0f} ms"


if __name__ == "__main__":
    sys.exit(main())
