"""Benchmark of the members' investment plans side by side with all 290 municipalities.

Imports SCB's codes and the population of 2024 into a fresh SQLite database and gives every
municipality a plan of 2025 and two versions of 2026 (the second counts), each of 20 lines, half
of them linked to a measure (the measure's reduction and status are read). Renders the overview
of Stockholms län (26 municipalities), of Sweden (290) and of an association of all 290, and
its CSV and API, each a number of times; prints the median wall time and the process's CPU time,
and the queries of the overview (the same for 26 members as for 290). The limit is 300 ms.

Run: ``.venv/bin/python bench/investments_overview.py [--data ../shared/data] [--requests 10]``.
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import REPO, get_ok, rendered, timed

LIMIT_MS = 300.0
LINES_EACH = 20
ACTORS = ("municipality", "municipal_company", "state", "private_company", "households")
FUNDING = ("decided", "applied_for", "not_decided")
STATUSES = ("proposed", "decided", "ongoing", "completed", "cancelled")


def _plans() -> None:
    """Every municipality's plans, lines and measures, written in bulk."""
    from klimatlaget.investments.models import InvestmentLine, InvestmentPlan
    from klimatlaget.measures.models import Measure
    from klimatlaget.organisations.models import Organisation, OrganisationKind

    municipalities = list(Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY))
    Measure.objects.bulk_create(
        Measure(
            organisation=member,
            code=f"M{number}",
            title=f"Measure {number}",
            sector="Transporter",
            type="technical",
            status=STATUSES[number % len(STATUSES)],
            expected_reduction_t=10 + number,
            effect_year=2026 + number % 4,
        )
        for member in municipalities
        for number in range(1, LINES_EACH, 2)
    )
    measures = {(m.organisation_id, m.code): m for m in Measure.objects.all()}
    plans = InvestmentPlan.objects.bulk_create(
        InvestmentPlan(
            organisation=member,
            year=year,
            version_number=version,
            horizon_from=2025,
            horizon_to=2030,
            discount_rate_percent=3.5,
        )
        for member in municipalities
        for year, version in ((2025, 1), (2026, 1), (2026, 2))
    )
    InvestmentLine.objects.bulk_create(
        InvestmentLine(
            plan=plan,
            measure=measures[(plan.organisation_id, f"M{number}")] if number % 2 else None,
            title=f"Line {number}",
            actor=ACTORS[number % len(ACTORS)],
            capex_by_year={"2026": 100_000 * (number + 1), "2027": 50_000 * number},
            opex_by_year={"2027": 10_000},
            savings_by_year={"2027": 20_000 + 1_000 * number},
            lifetime_years=10 + number,
            funding_source="own_budget",
            funding_status=FUNDING[number % len(FUNDING)],
            co_benefits_sek={"health": 5_000},
            reduction_t=None if number % 2 else 5.0 * number,
            sector="" if number % 2 else "Transporter",
            position=number,
        )
        for plan in plans
        for number in range(LINES_EACH)
    )


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
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from klimatlaget.accounts.actors import command_line
    from klimatlaget.associations.models import Membership
    from klimatlaget.imports import services
    from klimatlaget.investments.overview import investment_overview
    from klimatlaget.organisations.models import Organisation, OrganisationKind

    call_command("migrate", verbosity=0)
    data = Path(args.data)
    services.import_scb_codes(data / "scb" / "kommunlankod_2023.xls", actor=command_line())
    services.import_population(data / "scb" / "be0101_tabhel2024.xlsx", actor=command_line())
    _plans()
    association = Organisation.objects.create(
        code="bench-290", name="bench-290", kind=OrganisationKind.ASSOCIATION
    )
    Membership.objects.bulk_create(
        Membership(association=association, member=member, joined=datetime.date(2010, 1, 1))
        for member in Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
    )
    pages = {
        "Stockholms län (26), page": "/o/01/investments/2026/members/",
        "Sweden (290), page": "/o/00/investments/2026/members/",
        "association of 290, page": "/associations/bench-290/investments/2026/",
        "association of 290, CSV": "/associations/bench-290/investments/2026.csv",
        "association of 290, API": "/api/associations/bench-290/investment-plans/2026",
    }
    client = Client()
    failed = False
    for name, url in pages.items():
        first_s = timed(lambda url=url: get_ok(client, url))
        ms, cpu = [], []
        for _ in range(args.requests):
            start = time.process_time()
            ms.append(rendered(client, url) * 1000)
            cpu.append((time.process_time() - start) * 1000)
        median = statistics.median(ms)
        failed = failed or median >= LIMIT_MS
        print(
            f"Members' investment plans, {name}: first request {first_s * 1000:.0f} ms; median "
            f"of {len(ms)}: {median:.0f} ms (limit {LIMIT_MS:.0f} ms); the process's CPU time "
            f"{statistics.median(cpu):.0f} ms (the same on a machine others share)"
        )
    for group in Organisation.objects.filter(code__in=["01", "00", "bench-290"]):
        with CaptureQueriesContext(connection) as queries:
            overview = investment_overview(group, 2026)
        print(f"Queries of the overview of {len(overview.members)} members: {len(queries)}")
    print(f"Load average {os.getloadavg()[0]:.1f}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
