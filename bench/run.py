"""Benchmarks: import the whole SMHI sector file, compute every metric, serve the comparison page.

In one process with warm caches, as a running server has them; bench/cold.py times new
processes (the command line, and a server's first requests). Every response's status is checked.

Run: ``.venv/bin/python bench/run.py [--data ../shared/data] [--requests 40]``. It uses a fresh
SQLite database in a temporary folder and prints a table to paste into docs/PERFORMANCE.md.
"""

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def rendered(client: Any, url: str) -> float:
    """Seconds to render ``url`` with the derived data cached: the public page cache, which
    answers a repeat in about a millisecond (bench/load.py), is emptied first."""
    from django.core.cache import caches

    caches["pages"].clear()
    return timed(lambda: get_ok(client, url))


def get_ok(client: Any, url: str) -> Any:
    """GET ``url`` through Django's test client; a benchmark of an error page stops here."""
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}, not 200")
    return response


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    data = Path(args.data)
    folder = Path(tempfile.mkdtemp(prefix="klimatlaget-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["KLIMATLAGET_DATA_DIR"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klimatlaget.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    results = run_benchmarks(data, args.requests)
    print_results(results)
    return 0


def run_benchmarks(data: Path, requests: int) -> list[tuple[str, str, str]]:
    from django.test import Client

    from klimatlaget.accounts.actors import command_line
    from klimatlaget.calc import compute_metrics_many
    from klimatlaget.emissions.dataset import load_dataset
    from klimatlaget.emissions.metrics import all_metrics, parameters
    from klimatlaget.imports import services

    operator = command_line()
    services.import_scb_codes(data / "scb" / "kommunlankod_2023.xls", actor=operator)
    services.import_population(data / "scb" / "be0101_tabhel2024.xlsx", actor=operator)
    sector_file = data / "emissions" / "municipality_emissions_by_sector.csv"
    import_s = timed(lambda: services.import_emissions(sector_file, actor=operator))
    reimport_s = timed(lambda: services.import_emissions(sector_file, actor=operator))

    params = parameters(current_year=2026)
    load_s = timed(load_dataset)
    dataset = load_dataset()
    inputs = {code: (org.total, org.population) for code, org in dataset.items()}
    calc_runs = [timed(lambda: compute_metrics_many(inputs, params)) for _ in range(5)]
    new_params_s = timed(lambda: all_metrics(parameters(current_year=2025)))

    client = Client()
    get_ok(client, "/compare/")  # warm the caches, as a running server would be
    page_ms = [rendered(client, "/compare/") * 1000 for _ in range(requests)]
    org_ms = [rendered(client, "/o/0180/") * 1000 for _ in range(requests)]
    n = len(dataset)
    target_results = run_target_benchmarks(requests)
    return [
        ("Import the sector file (33,930 rows) into empty SQLite", f"{import_s:.2f} s", "–"),
        ("Re-import the same file (no changes)", f"{reimport_s:.2f} s", "–"),
        ("Load all series from the database", f"{load_s * 1000:.0f} ms", "–"),
        (
            f"Compute metrics for {n} organisations (calc only, median of 5)",
            f"{statistics.median(calc_runs) * 1000:.0f} ms",
            "< 50 ms",
        ),
        (
            f"Metrics for {n} organisations, new parameters (series already loaded; the truly "
            "cold case is in bench/cold.py)",
            f"{new_params_s * 1000:.0f} ms",
            "< 50 ms",
        ),
        (
            f"Comparison page, median of {requests}",
            f"{statistics.median(page_ms):.0f} ms",
            "< 150 ms",
        ),
        (
            f"Organisation page (Stockholm), median of {requests}",
            f"{statistics.median(org_ms):.0f} ms",
            "–",
        ),
        *target_results,
    ]


def run_target_benchmarks(requests: int) -> list[tuple[str, str, str]]:
    """Target comparison, 300 organisations × 3 targets: the 290 municipalities and the first
    counties, each with a percent reduction, a net-zero target and a scope 1-2-3 target."""
    from django.test import Client

    from klimatlaget.accounts.actors import command_line
    from klimatlaget.audit.messages import says
    from klimatlaget.audit.services import record
    from klimatlaget.audit.subjects import TARGET
    from klimatlaget.emissions.dataset import load_dataset
    from klimatlaget.emissions.metrics import all_metrics, parameters
    from klimatlaget.organisations.models import Organisation
    from klimatlaget.targets import evaluation
    from klimatlaget.targets.comparison.service import build_comparison
    from klimatlaget.targets.evaluation import target_parameters
    from klimatlaget.targets.models import Target

    codes = sorted(code for code, org in load_dataset().items() if org.total and code != "00")
    organisations = Organisation.objects.filter(code__in=codes[:300]).order_by("code")
    targets = []
    for index, org in enumerate(organisations):
        common = {"organisation": org, "includes_non_energy": True}
        targets += [
            Target(
                **common,
                form="percent_reduction",
                value=40 + index % 50,
                base_year=1990,
                target_year=2030,
                scopes=["1", "2"],
            ),
            Target(**common, form="net_zero", target_year=2035 + index % 16, scopes=["1", "2"]),
            Target(**common, form="fossil_free", target_year=2040, scopes=["1", "2", "3-upstream"]),
        ]
    Target.objects.bulk_create(targets)
    record(
        actor=command_line(),
        action="bench.targets",
        subject=TARGET,
        summary=says("targets_imported", new=len(targets), changed=0, file="bench"),
    )
    params = target_parameters(parameters(current_year=2026))
    load_dataset()  # the targets' change invalidated the caches: load as a running server has
    all_metrics(params.metrics)
    rows = build_comparison(params).rows

    def cold() -> float:
        evaluation._cache.clear()  # evaluate every target again, as after any change
        return timed(lambda: build_comparison(params))

    cold_runs = [cold() for _ in range(5)]
    warm_runs = [timed(lambda: build_comparison(params)) for _ in range(5)]
    client = Client()
    get_ok(client, "/targets/?current_year=2026")
    page_ms = [rendered(client, "/targets/?current_year=2026") * 1000 for _ in range(requests)]
    name = f"{organisations.count()} organisations × 3 targets ({len(rows)} rows)"
    return [
        (
            f"Target comparison, {name}: evaluate and rank (series and metrics loaded), "
            "median of 5",
            f"{statistics.median(cold_runs) * 1000:.0f} ms",
            "< 500 ms",
        ),
        (
            f"Target comparison, {name}: rank only (evaluation cached), median of 5",
            f"{statistics.median(warm_runs) * 1000:.0f} ms",
            "–",
        ),
        (
            f"Target comparison page, median of {requests}",
            f"{statistics.median(page_ms):.0f} ms",
            "–",
        ),
    ]


def print_results(results: list[tuple[str, str, str]]) -> None:
    print(
        f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}"
    )
    print()
    print("| what | result | target |")
    print("| --- | --- | --- |")
    for name, value, target in results:
        print(f"| {name} | {value} | {target} |")


if __name__ == "__main__":
    sys.exit(main())
