"""Benchmark of the nowcast backtest: every municipality, target years 2017–2023.

Reads SMHI's sector file and SCB's codes with the platform's readers (no Django, no
database), then times :func:`klimatlaget.calc.nowcast_backtest.run_backtest` over all 290
municipalities. Each figure is the median wall time and, in brackets, the CPU time, which
other work on a shared machine inflates far less. The scores table is the one in
docs/METHOD.md; ``--ranges`` prints ``DEFAULT_ERROR_RANGES`` for calc/nowcast_ranges.py.

Run: ``.venv/bin/python bench/nowcast.py [--data ../shared/data] [--runs 5] [--ranges]``.
"""

import argparse
import csv
import os
import statistics
import time
from collections import defaultdict
from pathlib import Path

from klimatlaget.calc.nowcast_backtest import (
    Backtest,
    Municipality,
    calibrate_error_ranges,
    run_backtest,
)
from klimatlaget.calc.nowcast_ranges import TOTAL
from klimatlaget.sources.scb_codes import read_scb_codes

REPO = Path(__file__).resolve().parent.parent
LIMIT_S = 2.0


def load(data: Path) -> list[Municipality]:
    """Every municipality of SMHI's sector file, with its SCB code."""
    codes = {
        entry.name: entry.code
        for entry in read_scb_codes(data / "scb" / "kommunlankod_2023.xls")
        if entry.kind == "municipality"
    }
    sectors: dict[str, dict[str, dict[int, float]]] = defaultdict(lambda: defaultdict(dict))
    path = data / "emissions" / "municipality_emissions_by_sector.csv"
    with path.open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            sectors[row["municipality"]][row["sector"]][int(row["year"])] = float(row["tco2e"])
    return [Municipality(codes[name], name, dict(sectors[name])) for name in sorted(sectors)]


def timed_runs(municipalities: list[Municipality], runs: int) -> tuple[Backtest, float, float]:
    """The backtest, and the median wall and CPU seconds of ``runs`` runs."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        backtest = run_backtest(municipalities)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return backtest, statistics.median(walls), statistics.median(cpus)


def print_scores(backtest: Backtest) -> None:
    print("| Sector | n | Nowcast | Unchanged | Total trend | Nowcast beats both |")
    print("|---|---:|---:|---:|---:|---|")
    for sector in sorted(backtest.scores, key=lambda s: (s == TOTAL, s)):
        score = backtest.scores[sector]
        print(
            f"| {sector} | {score.count} | {score.nowcast_mape:.1f} % | "
            f"{score.last_known_mape:.1f} % | {score.trend_mape:.1f} % | "
            f"{'yes' if score.beats_baselines else 'no'} |"
        )
    chosen = {year: sorted(sectors) for year, sectors in backtest.own_trend_sectors.items()}
    print(f"\nOwn trend used: {chosen}")


def print_ranges(municipalities: list[Municipality]) -> None:
    print("DEFAULT_ERROR_RANGES: dict[tuple[str, int], tuple[float, float]] = {")
    for (sector, horizon), (low, high) in calibrate_error_ranges(municipalities).items():
        print(f"    ({sector!r}, {horizon}): ({low:.3f}, {high:.3f}),")
    print("}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ranges", action="store_true", help="print the calibrated ranges")
    args = parser.parse_args()
    municipalities = load(Path(args.data))
    if args.ranges:
        print_ranges(municipalities)
        return 0
    backtest, wall, cpu = timed_runs(municipalities, args.runs)
    print_scores(backtest)
    print(
        f"\nBacktest of {len(municipalities)} municipalities, {len(backtest.rows)} rows: "
        f"{wall * 1000:.0f} ms ({cpu * 1000:.0f} ms CPU), median of {args.runs} runs "
        f"(limit {LIMIT_S * 1000:.0f} ms); load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} CPUs"
    )
    return 0 if wall < LIMIT_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
