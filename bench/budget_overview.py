"""Benchmark of the members' budget overview with all 290 municipalities' real figures.

Imports SCB's codes and SMHI's sector file into a fresh SQLite database, gives every
municipality 20 measures (so the reductions of all members are fetched as they would be), and
makes three groups: Stockholms län (26 municipalities, its county page), an association of the
first 100 municipalities by code, and one of all 290. Each overview page is rendered first cold
(the dataset, the metrics, the backtest and every member's outcome computed), then warm (the
outcomes cached per data version). The limit is 300 ms warm.

Run: ``.venv/bin/python bench/budget_overview.py [--data ../shared/data] [--requests 10]``.
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import REPO, get_ok, rendered, timed

LIMIT_MS = 300.0
MEASURES_EACH = 20
STATUSES = ("proposed", "decided", "ongoing", "completed", "cancelled")


def _groups() -> dict[str, str]:
    """Name → the overview page's address (the year 2026, its Carbon Law pathway from 2026)."""
    from klimatlaget.associations.models import Membership
    from klimatlaget.measures.models import Measure
    from klimatlaget.organisations.models import Organisation, OrganisationKind

    municipalities = list(
        Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).order_by("code")
    )
    Measure.objects.bulk_create(
        Measure(
            organisation=member,
            code=f"M{number}",
            title=f"Measure {number}",
            sector="Transporter" if number % 2 else "Egen uppvärmning av bostäder och lokaler",
            type="technical",
            status=STATUSES[number % len(STATUSES)],
            expected_reduction_t=10 + number,
            effect_year=2020 + number % 8,
        )
        for member in municipalities
        for number in range(MEASURES_EACH)
    )
    joined = datetime.date(2010, 1, 1)
    for code, size in (("bench-100", 100), ("bench-290", len(municipalities))):
        association = Organisation.objects.create(
            code=code, name=code, kind=OrganisationKind.ASSOCIATION
        )
        Membership.objects.bulk_create(
            Membership(association=association, member=member, joined=joined)
            for member in municipalities[:size]
        )
    query = "?current_year=2026"
    return {
        "Stockholms län (26)": f"/o/01/budget/2026/members/{query}",
        "association of 100": f"/associations/bench-100/budget/2026/{query}",
        f"association of {len(municipalities)}": f"/associations/bench-290/budget/2026/{query}",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--requests", type=int, default=10)
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
    groups = _groups()
    client = Client()
    failed = False
    for name, url in groups.items():
        cold_s = timed(lambda url=url: get_ok(client, url))
        warm_ms = [rendered(client, url) * 1000 for _ in range(args.requests)]
        median = statistics.median(warm_ms)
        failed = failed or median >= LIMIT_MS
        print(
            f"Budget overview, {name}: first request {cold_s * 1000:.0f} ms; warm, median of "
            f"{len(warm_ms)}: {median:.0f} ms (limit {LIMIT_MS:.0f} ms)"
        )
    print(f"Load average {os.getloadavg()[0]:.1f}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
