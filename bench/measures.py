"""Benchmark of the measure register: 300 organisations × 100 measures each.

Imports SCB's code list into a fresh SQLite database, takes 300 of its organisations (the
municipalities first, then counties) and gives each 100 measures across every sector, type and
status (bulk_create, with their status history and a few linked targets and indicators). Then it
renders the register page /o/<code>/measures/ of a few organisations, unfiltered and with every
filter and sort: the first request of each (cold), then the median with warm caches (the public
page cache emptied before each request, as bench/run.py does), and the median of a request right
after one of the organisation's measures is changed through the service. The limit for the
register page is 150 ms warm.

Run: ``.venv/bin/python bench/measures.py [--data ../shared/data] [--requests 20]``.
"""

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import REPO, get_ok, print_results, rendered, timed

LIMIT_MS = 150.0
ORGANISATIONS = 300
MEASURES_EACH = 100
CODES = ("0180", "0880", "1480", "2584")  # Stockholm, Kalmar, Göteborg, Kiruna
QUERIES = (
    "",
    "?status=ongoing",
    "?sector=Transporter",
    "?type=procurement",
    "?responsible=nämnd",
    "?sort=reduction",
    "?sort=title",
    "?status=decided&sector=Transporter&type=technical&responsible=Tekniska&sort=start",
)


def create_measures(codes: list[str]) -> int:
    """MEASURES_EACH measures for each organisation of ``codes``, written in bulk; their
    organisations get a plan, two targets and two indicators, linked to some measures."""
    import datetime

    from klimatlaget.accounts.actors import command_line
    from klimatlaget.audit.messages import says
    from klimatlaget.audit.services import record
    from klimatlaget.audit.subjects import MEASURE
    from klimatlaget.measures.choices import SECTORS, MeasureStatus, MeasureType
    from klimatlaget.measures.models import ActionPlan, Indicator, Measure, StatusChange
    from klimatlaget.organisations.models import Organisation
    from klimatlaget.targets.models import Target

    organisations = list(Organisation.objects.filter(code__in=codes).order_by("code"))
    plans = ActionPlan.objects.bulk_create(
        ActionPlan(
            organisation=org,
            title="Klimatplan 2025–2030",
            status="adopted",
            adopted_on=datetime.date(2025, 1, 1),
            period_from=2025,
            period_to=2030,
        )
        for org in organisations
    )
    targets = Target.objects.bulk_create(
        Target(organisation=org, form="net_zero", target_year=year, scopes=["1"])
        for org in organisations
        for year in (2035, 2045)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(organisation=org, name=name, unit="%")
        for org in organisations
        for name in ("Fossilfria fordon", "Förnybar energi")
    )
    sectors = [name for name, _label in SECTORS]
    units = ("Tekniska nämnden", "Miljönämnden", "Energibolaget AB", "Fastighetsbolaget AB")
    measures = Measure.objects.bulk_create(
        Measure(
            organisation=org,
            plan=plan if i % 3 else None,
            code=f"M{i:03d}",
            title=f"Åtgärd {i} i {org.name}",
            description="Benchmark measure.",
            sector=sectors[i % len(sectors)],
            type=MeasureType.values[i % len(MeasureType.values)],
            status=MeasureStatus.values[(i // 2) % len(MeasureStatus.values)],
            responsible_unit=units[i % len(units)],
            responsible_person=f"Person {i % 7}",
            start_year=2024 + i % 5,
            end_year=2028 + i % 5,
            expected_reduction_t=float(10 + (i * 37) % 900) if i % 4 else None,
            effect_year=2030 if i % 4 else None,
            budget_sek=100_000 * (i % 20),
        )
        for org, plan in zip(organisations, plans, strict=True)
        for i in range(MEASURES_EACH)
    )
    StatusChange.objects.bulk_create(
        StatusChange(
            measure=m, status=m.status, set_on=datetime.date(2025, 1, 1), actor_label="bench"
        )
        for m in measures
    )
    target_of = {t.organisation_id: t for t in targets}
    indicator_of = {i.organisation_id: i for i in indicators}
    Measure.targets.through.objects.bulk_create(
        Measure.targets.through(measure_id=m.pk, target_id=target_of[m.organisation_id].pk)
        for m in measures[::5]
    )
    Indicator.measures.through.objects.bulk_create(
        Indicator.measures.through(measure_id=m.pk, indicator_id=indicator_of[m.organisation_id].pk)
        for m in measures[::7]
    )
    record(
        actor=command_line(),
        action="bench.measures",
        subject=MEASURE,
        summary=says("register_created", kind=MEASURE.name, name=f"{len(measures)} (bench)"),
    )
    return len(measures)


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
    from klimatlaget.measures.models import Measure
    from klimatlaget.measures.services import update_measure
    from klimatlaget.organisations.models import Organisation, OrganisationKind

    call_command("migrate", verbosity=0)
    services.import_scb_codes(
        Path(args.data) / "scb" / "kommunlankod_2023.xls", actor=command_line()
    )
    candidates = Organisation.objects.filter(
        kind__in=[OrganisationKind.MUNICIPALITY, OrganisationKind.COUNTY]
    ).order_by("-kind", "code")  # municipalities, then counties
    codes = [*CODES, *(c for c in candidates.values_list("code", flat=True) if c not in CODES)]
    codes = codes[:ORGANISATIONS]
    create_s = timed(lambda: create_measures(codes))
    count = Measure.objects.count()

    client = Client()
    # The process's own first request imports the URL configuration and the API (seconds,
    # bench/cold.py times it): made first on another page so that "cold" is the register's.
    startup_s = timed(lambda: get_ok(client, "/"))
    urls = [f"/o/{code}/measures/{query}" for code in CODES for query in QUERIES]
    cold_ms = [rendered(client, url) * 1000 for url in urls]
    warm_ms = [rendered(client, url) * 1000 for _ in range(args.requests) for url in urls]
    all_ms = [
        rendered(client, f"/o/{CODES[i % len(CODES)]}/measures/") * 1000
        for i in range(args.requests)
    ]
    after_write_ms = []
    for index in range(args.requests):
        code = CODES[index % len(CODES)]
        measure = Measure.objects.filter(organisation__code=code).order_by("code").first()
        assert measure is not None
        update_measure(command_line(), measure, {"title": f"Åtgärd ändrad {index}"})
        after_write_ms.append(rendered(client, f"/o/{code}/measures/") * 1000)
    body = get_ok(client, f"/o/{CODES[0]}/measures/").content.decode()
    assert body.count("data-code=") == MEASURES_EACH, "the page lists every measure"

    warm = statistics.median(warm_ms)
    results = [
        (
            f"Create {len(codes)} organisations × {MEASURES_EACH} measures "
            f"({count} measures, bulk_create)",
            f"{create_s:.1f} s",
            "–",
        ),
        (
            "The process's first request (the start page: URL configuration and API imported)",
            f"{startup_s * 1000:.0f} ms",
            "–",
        ),
        (
            f"Measure register, first request of each page ({len(urls)} pages), median "
            f"(the very first, its template compiled: {cold_ms[0]:.0f} ms)",
            f"{statistics.median(cold_ms):.0f} ms",
            "–",
        ),
        (
            f"Measure register ({MEASURES_EACH} measures, every filter and sort), warm, "
            f"median of {len(warm_ms)}",
            f"{warm:.0f} ms",
            f"< {LIMIT_MS:.0f} ms",
        ),
        (
            f"Measure register, all {MEASURES_EACH} measures unfiltered, warm, "
            f"median of {len(all_ms)}",
            f"{statistics.median(all_ms):.0f} ms",
            f"< {LIMIT_MS:.0f} ms",
        ),
        (
            f"Measure register right after a measure is changed, median of {len(after_write_ms)}",
            f"{statistics.median(after_write_ms):.0f} ms",
            "–",
        ),
    ]
    print_results(results)
    print(f"Load average {os.getloadavg()[0]:.1f}")
    return 0 if max(warm, statistics.median(all_ms)) < LIMIT_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
