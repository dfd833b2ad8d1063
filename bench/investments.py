"""Benchmark of a climate investment plan of 500 lines: its calculations and its page.

1. The calculations (``klimatlaget.calc.investments``): the totals, every line's abatement cost
   with the cost curve, the gap coverage and the cumulative effect, for a generated plan of 500
   lines over 2024–2030 with six actors, six funding sources and eight sectors. The limit is
   50 ms for them all.
2. The plan page /o/<code>/investments/<plan>/ with the same 500 lines (half of them linked to
   a measure) in a fresh SQLite database, rendered through Django's test client with the public
   page cache emptied before each request: the first render (cold), the median and 95th
   percentile of ``--requests`` warm renders, and the median of a render right after one line is
   changed through the service. The limit is 150 ms for the warm median.

Run: ``.venv/bin/python bench/investments.py [--lines 500] [--repeat 50] [--requests 40]``.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from klimatlaget.calc.investments import (
    Line,
    cost_curve,
    coverage_total,
    cumulative_effect,
    gap_coverage,
    line_cost,
    plan_cost,
    totals,
)
from run import print_results, rendered

LIMIT_MS = 50.0
PAGE_LIMIT_MS = 150.0
ACTORS = ("municipality", "municipal_company", "region", "state", "private_company", "households")
SOURCES = ("own_budget", "green_loan", "state_grant", "eu_funds", "private_capital", "other")
STATUSES = ("decided", "applied_for", "not_decided")
SECTORS = [f"sector {n}" for n in range(8)]
YEARS = range(2024, 2031)


def generated_plan(count: int, seed: int = 12) -> list[Line]:
    rng = random.Random(seed)
    lines = []
    for n in range(count):
        years = rng.sample(list(YEARS), rng.randint(1, 4))
        lines.append(
            Line(
                key=str(n),
                actor=rng.choice(ACTORS),
                sector=rng.choice(SECTORS),
                funding_source=rng.choice(SOURCES),
                funding_status=rng.choice(STATUSES),
                group=rng.choice(("decided", "proposed")),
                capex={year: rng.uniform(1e5, 5e7) for year in years},
                opex={year: rng.uniform(0, 1e6) for year in YEARS if year >= min(years)},
                savings={year: rng.uniform(0, 2e6) for year in YEARS if year > min(years)},
                lifetime_years=rng.randint(5, 40),
                reduction_t=rng.choice((None, rng.uniform(1, 5000))),
                effect_year=rng.choice(list(YEARS)),
                co_benefits_sek=rng.uniform(0, 5e5),
            )
        )
    return lines


def compute(lines: list[Line], gaps: dict[str, float]) -> int:
    result = totals(lines)
    costs = [line_cost(line) for line in lines]
    plan = plan_cost(costs)
    curve = cost_curve(costs)
    coverage = coverage_total(gap_coverage(lines, gaps, 2030))
    effect = cumulative_effect(lines, {year: 1e6 for year in YEARS}, budget_t=5e6)
    covered = int(coverage.decided_t > 0) + int(effect.saved_t > 0)
    return len(curve) + plan.counted + int(result.capex > 0) + covered


def create_plan(lines: list[Line]) -> str:
    """An organisation with a plan of ``lines`` (every other one linked to a measure of its
    own), written in bulk; returns the plan page's URL."""
    from klimatlaget.investments.models import InvestmentLine, InvestmentPlan
    from klimatlaget.measures.models import Measure
    from klimatlaget.organisations.models import Organisation, OrganisationKind

    organisation = Organisation.objects.create(
        code="0180", name="Stockholm", kind=OrganisationKind.MUNICIPALITY
    )
    plan = InvestmentPlan.objects.create(
        organisation=organisation, year=2025, horizon_from=2024, horizon_to=2030
    )
    measures = Measure.objects.bulk_create(
        Measure(
            organisation=organisation,
            code=f"M{n:03d}",
            title=f"Åtgärd {n}",
            sector="Transporter",
            type="technical",
            status="decided" if n % 4 else "proposed",
            expected_reduction_t=line.reduction_t,
            effect_year=line.effect_year,
        )
        for n, line in enumerate(lines)
        if n % 2 == 0
    )
    linked = iter(measures)
    InvestmentLine.objects.bulk_create(
        InvestmentLine(
            plan=plan,
            measure=next(linked) if n % 2 == 0 else None,
            title=f"Investering {n}",
            actor=line.actor,
            capex_by_year={str(y): round(a) for y, a in line.capex.items()},
            opex_by_year={str(y): round(a) for y, a in line.opex.items()},
            savings_by_year={str(y): round(a) for y, a in line.savings.items()},
            lifetime_years=line.lifetime_years,
            funding_source=line.funding_source,
            funding_status=line.funding_status,
            co_benefits_sek={"health": round(line.co_benefits_sek)},
            reduction_t=None if n % 2 == 0 else line.reduction_t,
            sector="" if n % 2 == 0 else "Transporter",
            effect_year=None if n % 2 == 0 else line.effect_year,
            position=n,
        )
        for n, line in enumerate(lines)
    )
    return f"/o/{organisation.code}/investments/{plan.pk}/"


def bench_page(lines: list[Line], requests: int) -> list[tuple[str, str, str]]:
    """The plan page's renders (see the module's docstring), in a fresh SQLite database."""
    folder = Path(tempfile.mkdtemp(prefix="klimatlaget-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["KLIMATLAGET_DATA_DIR"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klimatlaget.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from klimatlaget.accounts.actors import command_line
    from klimatlaget.investments.models import InvestmentLine
    from klimatlaget.investments.services import update_line

    call_command("migrate", verbosity=0)
    url = create_plan(lines)
    client = Client()
    rendered(client, "/")  # the process's first request imports the URLs and the API
    cold = rendered(client, url) * 1000
    warm, cpu = [], []
    for _ in range(requests):
        start = time.process_time()
        warm.append(rendered(client, url) * 1000)
        cpu.append((time.process_time() - start) * 1000)
    warm.sort()
    after_write = []
    line = InvestmentLine.objects.order_by("pk").first()
    assert line is not None
    for index in range(requests // 4 or 1):
        update_line(command_line(), line, {"payer": f"Betalare {index}"})
        after_write.append(rendered(client, url) * 1000)
    body = client.get(url).content.decode()
    assert body.count('class="line-link"') == len(lines), "the page lists every line"
    median = statistics.median(warm)
    p95 = warm[min(len(warm) - 1, round(0.95 * (len(warm) - 1)))]
    name = f"Investment plan page ({len(lines)} lines)"
    return [
        (f"{name}, first render (cold)", f"{cold:.0f} ms", "–"),
        (
            f"{name}, warm, median of {requests} (p95)",
            f"{median:.0f} ms ({p95:.0f} ms)",
            f"< {PAGE_LIMIT_MS:.0f} ms",
        ),
        (
            f"{name}, warm, the process's CPU time, median of {requests} (the same on a "
            "machine others share)",
            f"{statistics.median(cpu):.0f} ms",
            "–",
        ),
        (
            f"{name}, right after a change to one line, median of {len(after_write)}",
            f"{statistics.median(after_write):.0f} ms",
            "–",
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    lines = generated_plan(args.lines)
    gaps = {sector: 50_000.0 for sector in SECTORS}
    timings = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        compute(lines, gaps)
        timings.append((time.perf_counter() - start) * 1000)
    median = statistics.median(timings)
    print(
        f"Investment plan of {args.lines} lines: totals, cost curve, gap coverage and "
        f"cumulative effect, median of {args.repeat}: {median:.1f} ms, max {max(timings):.1f} ms "
        f"(limit {LIMIT_MS:.0f} ms)"
    )
    page = bench_page(lines, args.requests)
    print()
    print_results(page)
    page_median = float(page[1][1].split()[0])
    return 0 if median < LIMIT_MS and page_median < PAGE_LIMIT_MS else 1


if __name__ == "__main__":
    sys.exit(main())
