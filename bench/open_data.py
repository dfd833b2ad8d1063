"""Benchmark of the open data package with all 290 municipalities.

Imports SCB's codes, the population of 2023 and 2024, SMHI's emissions by sector and the real
targets into a fresh SQLite database, and gives every municipality 10 measures, an adopted
climate investment plan of 2025 with 20 lines (and a newer draft version, left out of the
package) and a signed climate contract of 2024 with 12 sections. Then it times:

1. ``klimatlaget export open-data DIR`` as a new process (start-up, every table computed from
   the database, the files written) — the limit is 10 s;
2. the package built in a running process with every derived cache (dataset, metrics, target
   evaluations, the package) emptied first: what the first request after a change costs;
3. ``/open-data/datapackage.json`` and ``/open-data/emissions.csv`` once the package is built
   (the median of ``--requests``), and the answer to a client that has them (304).

Run: ``.venv/bin/python bench/open_data.py [--data ../shared/data] [--requests 20]``.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import REPO, get_ok, timed

LIMIT_S = 10.0
MEASURES_EACH = 10
LINES_EACH = 20
SECTIONS_EACH = 12


def _plans_and_contracts() -> None:
    """Every municipality's measures, plans and contract, written in bulk."""
    import datetime

    from klimatlaget.contracts.models import Contract, Section
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
            status="decided",
            expected_reduction_t=10.0 + number,
            budget_sek=100_000 * number,
        )
        for member in municipalities
        for number in range(MEASURES_EACH)
    )
    plans = InvestmentPlan.objects.bulk_create(
        InvestmentPlan(
            organisation=member,
            year=2025,
            version_number=version,
            status=status,
            adopted_on=datetime.date(2025, 3, 1) if status == "adopted" else None,
            horizon_from=2025,
            horizon_to=2030,
        )
        for member in municipalities
        for version, status in ((1, "adopted"), (2, "draft"))
    )
    InvestmentLine.objects.bulk_create(
        InvestmentLine(
            plan=plan,
            title=f"Line {number}",
            actor="municipality",
            capex_by_year={"2026": 100_000 * (number + 1)},
            lifetime_years=20,
            funding_source="own_budget",
            funding_status="decided",
            reduction_t=5.0 * number,
            sector="Transporter",
            position=number,
        )
        for plan in plans
        for number in range(LINES_EACH)
    )
    contracts = Contract.objects.bulk_create(
        Contract(
            organisation=member,
            year=2024,
            status="signed",
            signed_on=datetime.date(2024, 5, 1),
        )
        for member in municipalities
    )
    Section.objects.bulk_create(
        Section(
            contract=contract,
            number=str(number + 1),
            title=f"Section {number + 1}",
            text="Text " * 200,
            subject="purpose",
            writer="municipality",
            position=number,
        )
        for contract in contracts
        for number in range(SECTIONS_EACH)
    )


def _empty_caches() -> None:
    from klimatlaget.emissions import dataset, metrics
    from klimatlaget.opendata import package
    from klimatlaget.targets import evaluation

    for module in (dataset, metrics, evaluation, package):
        module._cache.clear()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="klimatlaget-bench-"))
    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["DATABASE_URL"] = url
    os.environ["KLIMATLAGET_DATA_DIR"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klimatlaget.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from klimatlaget.accounts.actors import command_line
    from klimatlaget.demo.association import REAL_TARGETS
    from klimatlaget.imports import services
    from klimatlaget.opendata.package import open_data_package
    from klimatlaget.targets.imports import import_targets

    call_command("migrate", verbosity=0)
    data = Path(args.data)
    services.import_scb_codes(data / "scb" / "kommunlankod_2023.xls", actor=command_line())
    for year in (2023, 2024):
        services.import_population(data / "scb" / f"be0101_tabhel{year}.xlsx", actor=command_line())
    services.import_emissions(
        data / "emissions" / "municipality_emissions_by_sector.csv", actor=command_line()
    )
    import_targets(REAL_TARGETS, actor=command_line())
    _plans_and_contracts()

    output = folder / "package"
    command = [sys.executable, "-m", "klimatlaget.cli.main", "--database", url]
    started = time.perf_counter()
    subprocess.run([*command, "export", "open-data", str(output)], check=True)
    cli_s = time.perf_counter() - started
    size = sum(path.stat().st_size for path in output.iterdir())
    print(
        f"klimatlaget export open-data DIR, a new process: {cli_s:.2f} s (limit {LIMIT_S:.0f} s);"
        f" {len(list(output.iterdir()))} files, {size / 1e6:.1f} MB"
    )

    builds = []
    for _ in range(3):
        _empty_caches()
        builds.append(timed(open_data_package))
    package = open_data_package()
    rows = {path: content.count(b"\r\n") - 1 for path, content in package.files.items()}
    print(
        f"The package built in a running process, every cache emptied: median of 3 "
        f"{statistics.median(builds):.2f} s; rows {rows}"
    )

    client = Client()
    for path in ("/open-data/datapackage.json", "/open-data/emissions.csv"):
        ms = [timed(lambda path=path: get_ok(client, path)) * 1000 for _ in range(args.requests)]
        etag = client.get(path)["ETag"]
        start = time.perf_counter()
        assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
        print(
            f"{path} with the package built: median of {len(ms)} {statistics.median(ms):.1f} ms;"
            f" 304 to a client that has it: {(time.perf_counter() - start) * 1000:.1f} ms"
        )
    print(f"Load average {os.getloadavg()[0]:.1f}")
    return 1 if cli_s >= LIMIT_S else 0


if __name__ == "__main__":
    raise SystemExit(main())
