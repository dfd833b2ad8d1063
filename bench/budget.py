"""Benchmark of the page "Klimatbudget YEAR" with all 290 municipalities' real figures.

Imports SMHI's sector file into a fresh SQLite database, then renders the budget page of a few
municipalities, each with 100 measures (every status and main sector, some phasing in) and a few
indicators: first cold (the dataset, the metrics and the nowcast's backtest computed), then
warm (the derived data cached per data version, the public page cache emptied before each
request, as bench/run.py does). The limit for the dashboard is 150 ms warm.

Run: ``.venv/bin/python bench/budget.py [--data ../shared/data] [--requests 20]``.
"""

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import REPO, get_ok, rendered, timed

LIMIT_MS = 150.0
CODES = ("0180", "1480", "0880", "2584")  # Stockholm, Göteborg, Kalmar, Kiruna


MEASURES_PER_ORGANISATION = 100
INDICATORS_PER_ORGANISATION = 5


def add_measures(codes: tuple[str, ...]) -> None:
    """100 measures and 5 indicators with values for each organisation, in bulk (the
    benchmark measures reading them, not writing them)."""
    from klimatlaget.emissions.sectors import SECTOR_LABELS
    from klimatlaget.measures.choices import MeasureStatus, MeasureType
    from klimatlaget.measures.models import Indicator, IndicatorValue, Measure
    from klimatlaget.organisations.models import Organisation

    sectors = [name for name in SECTOR_LABELS if name] + ["own_operations", "consumption"]
    statuses, types = MeasureStatus.values, MeasureType.values
    for organisation in Organisation.objects.filter(code__in=codes):
        Measure.objects.bulk_create(
            Measure(
                organisation=organisation,
                code=f"B{number:03}",
                title=f"Benchmark measure {number}",
                sector=sectors[number % len(sectors)],
                type=types[number % len(types)],
                status=statuses[number % len(statuses)],
                start_year=2022 + number % 5,
                effect_year=2026 + number % 10,
                expected_reduction_t=50.0 + number * 7,
                expected_low_t=40.0 + number * 5,
                expected_high_t=60.0 + number * 9,
            )
            for number in range(MEASURES_PER_ORGANISATION)
        )
        indicators = Indicator.objects.bulk_create(
            Indicator(
                organisation=organisation,
                name=f"Benchmark indicator {number}",
                unit="st",
                direction="up" if number % 2 else "down",
                target_values={"2030": 100.0 + number},
            )
            for number in range(INDICATORS_PER_ORGANISATION)
        )
        IndicatorValue.objects.bulk_create(
            IndicatorValue(
                indicator=indicator,
                year=year,
                quarter=quarter,
                value=10.0 * (year - 2019) + quarter,
                entered_by_label="bench",
            )
            for indicator in indicators
            for year in range(2020, 2026)
            for quarter in range(5)
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="klimatlaget-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["KLIMATLAGET_DATA_DIR"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klimatlaget.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from klimatlaget.accounts.actors import command_line
    from klimatlaget.imports import services

    call_command("migrate", verbosity=0)
    data = Path(args.data)
    services.import_scb_codes(data / "scb" / "kommunlankod_2023.xls", actor=command_line())
    sector_file = data / "emissions" / "municipality_emissions_by_sector.csv"
    services.import_emissions(sector_file, actor=command_line())
    add_measures(CODES)
    client = Client()
    cold_s = timed(lambda: get_ok(client, f"/o/{CODES[0]}/budget/2026/?current_year=2026"))
    warm_ms = [
        rendered(client, f"/o/{code}/budget/2026/?current_year=2026") * 1000
        for _ in range(args.requests)
        for code in CODES
    ]
    median = statistics.median(warm_ms)
    print(f"Budget page, first request (dataset, metrics, backtest): {cold_s * 1000:.0f} ms")
    print(
        f"Budget page, warm, median of {len(warm_ms)}: {median:.0f} ms "
        f"(limit {LIMIT_MS:.0f} ms); load average {os.getloadavg()[0]:.1f}"
    )
    return 0 if median < LIMIT_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
