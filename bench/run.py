"""Benchmarks: import the whole SMHI sector file, compute every metric, serve the comparison page.

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

REPO = Path(__file__).resolve().parent.parent


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


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

    from klimatlaget.calc import compute_metrics
    from klimatlaget.emissions.dataset import load_dataset
    from klimatlaget.emissions.metrics import all_metrics, parameters
    from klimatlaget.imports import services

    services.import_scb_codes(data / "scb" / "kommunlankod_2023.xls")
    services.import_population(data / "scb" / "be0101_tabhel2024.xlsx")
    sector_file = data / "emissions" / "municipality_emissions_by_sector.csv"
    import_s = timed(lambda: services.import_emissions(sector_file))
    reimport_s = timed(lambda: services.import_emissions(sector_file))

    params = parameters(current_year=2026)
    load_s = timed(load_dataset)
    dataset = load_dataset()
    calc_runs = [
        timed(lambda: [compute_metrics(o.total, o.population, params) for o in dataset.values()])
        for _ in range(5)
    ]
    cold_s = timed(lambda: all_metrics(parameters(current_year=2025)))

    client = Client()
    client.get("/compare/")  # warm the caches, as a running server would be
    page_ms = [timed(lambda: client.get("/compare/")) * 1000 for _ in range(requests)]
    org_ms = [timed(lambda: client.get("/o/0180/")) * 1000 for _ in range(requests)]
    n = len(dataset)
    return [
        ("Import the sector file (33,930 rows) into empty SQLite", f"{import_s:.2f} s", "–"),
        ("Re-import the same file (no changes)", f"{reimport_s:.2f} s", "–"),
        ("Load all series from the database", f"{load_s * 1000:.0f} ms", "–"),
        (
            f"Compute metrics for {n} organisations (calc only, median of 5)",
            f"{statistics.median(calc_runs) * 1000:.0f} ms",
            "< 500 ms",
        ),
        (
            f"Load and compute metrics for {n} organisations (cold cache)",
            f"{cold_s * 1000:.0f} ms",
            "< 500 ms",
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
