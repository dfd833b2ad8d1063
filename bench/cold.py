"""Cold-start benchmarks: each step is a new ``klimatlaget`` process, as a user or cron runs it.

1. The chain from an empty SQLite database to the metrics: ``migrate``, ``import scb-codes``,
   ``import population``, ``import emissions`` (SMHI's sector file) and ``export metrics``.
2. ``export metrics`` alone as a process on the filled database.
3. The truly cold case in the server: a new process with empty caches computes the metrics of
   every organisation and serves its first comparison page and organisation page.

Run: ``.venv/bin/python bench/cold.py [--data ../shared/data] [--runs 5]``. Every step's exit
status (and every response's status) is checked; the table is for docs/PERFORMANCE.md. Each
figure is the wall time and, in brackets, the processes' CPU time (user + system), which
other work on a shared machine inflates far less.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from run import print_results  # noqa: E402

KLIMATLAGET = [sys.executable, "-m", "klimatlaget.cli.main"]

#: In a new process: set up Django, then time the metrics and the first two pages.
COLD_SERVER = """
import json, time
start = time.perf_counter()
import django
django.setup()
from django.test import Client
from klimatlaget.emissions.metrics import all_metrics, parameters
setup = time.perf_counter()
all_metrics(parameters())
metrics = time.perf_counter()
client = Client()
statuses = [client.get("/compare/").status_code]
compare = time.perf_counter()
statuses.append(client.get("/o/0180/").status_code)
organisation = time.perf_counter()
print(json.dumps({"setup": setup - start, "metrics": metrics - setup,
                  "compare": compare - metrics, "organisation": organisation - compare,
                  "statuses": statuses}))
"""


def chain_steps(data: Path) -> list[tuple[str, list[str]]]:
    return [
        ("migrate", ["migrate"]),
        ("import scb-codes", ["import", "scb-codes", str(data / "scb" / "kommunlankod_2023.xls")]),
        (
            "import population",
            ["import", "population", str(data / "scb" / "be0101_tabhel2024.xlsx")],
        ),
        (
            "import emissions",
            [
                "import",
                "emissions",
                str(data / "emissions" / "municipality_emissions_by_sector.csv"),
            ],
        ),
        ("export metrics", ["export", "metrics"]),
    ]


class Time(tuple[float, float]):
    """(wall, CPU) seconds."""

    def __add__(self, other: object) -> "Time":
        assert isinstance(other, Time)
        return Time((self[0] + other[0], self[1] + other[1]))


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def median(times: list[Time]) -> Time:
    return Time((statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)))


def seconds(time_: Time) -> str:
    return f"{time_[0]:.2f} s ({time_[1]:.2f} s)"


def milliseconds(time_: Time) -> str:
    return f"{time_[0] * 1000:.0f} ms ({time_[1] * 1000:.0f} ms)"


def environment(folder: Path) -> dict[str, str]:
    """The commands' environment: the folder's database, and Python's bytecode cache on as
    an installed ``klimatlaget`` has it (with PYTHONDONTWRITEBYTECODE set, as in some
    development shells, every process would compile the project's modules again, ~0.08 s)."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
        "KLIMATLAGET_DATA_DIR": str(folder),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_step(folder: Path, args: list[str]) -> Time:
    """Wall and CPU seconds of one command in a new process; stops the benchmark if it fails."""
    env = environment(folder)
    start, cpu = time.perf_counter(), children_cpu()
    result = subprocess.run([*KLIMATLAGET, *args], env=env, capture_output=True, check=False)
    elapsed = Time((time.perf_counter() - start, children_cpu() - cpu))
    if result.returncode != 0:
        sys.exit(f"klimatlaget {' '.join(args)} failed:\n{result.stderr.decode()}")
    return elapsed


def chain(data: Path) -> tuple[dict[str, Time], Path]:
    """One run of the chain into a new folder: seconds per step, and the folder."""
    folder = Path(tempfile.mkdtemp(prefix="klimatlaget-bench-cold-"))
    return {name: run_step(folder, args) for name, args in chain_steps(data)}, folder


def cold_server(folder: Path) -> dict[str, float]:
    env = {**environment(folder), "DJANGO_SETTINGS_MODULE": "klimatlaget.config.settings"}
    result = subprocess.run(
        [sys.executable, "-c", COLD_SERVER], env=env, capture_output=True, check=True
    )
    times = json.loads(result.stdout)
    if times.pop("statuses") != [200, 200]:
        sys.exit(f"a cold page did not answer 200: {result.stdout.decode()}")
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    data, runs = Path(args.data), args.runs
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "src")], check=True)
    chains = [chain(data) for _ in range(runs)]
    totals = [sum(steps.values(), Time((0.0, 0.0))) for steps, _ in chains]
    steps = {name: median([c[name] for c, _ in chains]) for name in chains[0][0]}
    folder = chains[0][1]
    export = [run_step(folder, ["export", "metrics"]) for _ in range(runs)]
    server = [cold_server(folder) for _ in range(runs)]
    per_step = ", ".join(f"{name} {seconds(time_)}" for name, time_ in steps.items())
    results = [
        (
            f"Empty SQLite database → metrics, 5 commands as processes, median of {runs} "
            f"({per_step})",
            seconds(median(totals)),
            "< 2 s",
        ),
        (
            f"`klimatlaget export metrics` as a process (312 organisations), median of {runs}",
            milliseconds(median(export)),
            "< 400 ms",
        ),
    ]
    for key, what in [
        ("setup", "Django set up"),
        ("metrics", "metrics of every organisation (load the series, compute)"),
        ("compare", "first comparison page"),
        ("organisation", "first organisation page (Stockholm)"),
    ]:
        value = statistics.median(times[key] for times in server)
        name = f"Cold server process, empty caches: {what}, median of {runs} (wall only)"
        results.append((name, f"{value * 1000:.0f} ms", "–"))
    print_results(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
