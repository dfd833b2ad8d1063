"""Benchmark of the climate investment plan's calculations on a plan of 500 lines.

Computes the totals, every line's abatement cost with the cost curve, the gap coverage and the
cumulative effect (``klimatlaget.calc.investments``) for a generated plan of 500 lines over
2024–2030 with six actors, six funding sources and eight sectors. The limit is 50 ms for them
all together.

Run: ``.venv/bin/python bench/investments.py [--lines 500] [--repeat 50]``.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

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

LIMIT_MS = 50.0
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=50)
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
    return 0 if median < LIMIT_MS else 1


if __name__ == "__main__":
    sys.exit(main())
