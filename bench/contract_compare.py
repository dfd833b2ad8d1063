"""Benchmark of the page comparing the cities' climate contracts on one subject.

Builds a fresh SQLite database with 23 municipalities, each with a signed 2024 contract made
from Kalmar's text (read from the shared seeds) with small changes (the city's name in every
section, every fifth section's text cut short), stored through the services, and a measure
linked from its mobility section. Then renders /contracts/compare/ for
``municipality.strategy`` (the strategy and its eight areas: 9 sections per city) and times
it: the median and the slowest of the requests after a first, untimed one. The limit is
200 ms for the median.

Run: ``.venv/bin/python bench/contract_compare.py [--seeds ../shared/seeds] [--requests 20]``.
"""

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import REPO, get_ok, timed

LIMIT_MS = 200.0
CITIES = 23
URL = "/contracts/compare/?subject=municipality.strategy&year=2024"


def build(text: str) -> None:
    """23 municipalities, each with a signed contract from ``text`` changed a little."""
    from dataclasses import replace

    from klimatlaget.accounts.actors import command_line
    from klimatlaget.contracts import services
    from klimatlaget.contracts.reading import read_text
    from klimatlaget.measures import services as measures
    from klimatlaget.organisations.models import Organisation, OrganisationKind

    actor = command_line()
    parsed = read_text(text)
    for number in range(CITIES):
        name = f"Benchstad {number + 1}"
        organisation = Organisation.objects.create(
            code=f"99{number:02}", name=name, kind=OrganisationKind.MUNICIPALITY
        )
        sections = [
            replace(
                section,
                text=(section.text[:200] if n % 5 == number % 5 else section.text).replace(
                    "Kalmar", name
                ),
            )
            for n, section in enumerate(parsed.sections)
        ]
        contract = services.store_parsed(
            actor, organisation, 2024, replace(parsed, sections=sections)
        )
        services.update_contract(actor, contract, {"status": "signed", "signed_on": "2024-05-01"})
        measure = measures.create_measure(
            actor,
            organisation,
            {"code": "M1", "title": "Cykelbanor", "sector": "Transporter", "type": "technical",
             "status": "ongoing", "expected_reduction_t": 100.0 + number, "effect_year": 2027},
        )  # fmt: skip
        mobility = contract.sections.get(subject="municipality.strategy.mobility")
        services.add_link(actor, mobility, {"kind": "measure", "object_id": measure.pk})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", default=str(REPO.parent / "shared" / "seeds"))
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

    call_command("migrate", verbosity=0)
    seed = Path(args.seeds) / "klimatkontrakt-2030-kalmar-2024.txt"
    build(seed.read_text(encoding="utf-8"))
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    page = get_ok(client, URL).content.decode()
    cards = page.count('class="card compare-card"')
    times = [timed(lambda: get_ok(client, URL)) * 1000 for _ in range(args.requests)]
    median, slowest = statistics.median(times), max(times)
    print(
        f"Contracts compared ({cards} cities, municipality.strategy): median {median:.1f} ms, "
        f"slowest {slowest:.1f} ms (limit {LIMIT_MS:.0f} ms for the median)"
    )
    return 1 if median > LIMIT_MS else 0


if __name__ == "__main__":
    raise SystemExit(main())
