"""Benchmark of the annual report "Klimatläget": 60 members answer the real template (or the
tests' survey with every kind of question when the template is missing) in 2024 and 2025, with the
real emissions and the demo's real targets; then the 2025 report is built and rendered as the web
page, the PDF and the Excel workbook.

Run: ``.venv/bin/python bench/report.py [--data ../shared/data] [--members 60] [--runs 5]``. It
uses a fresh SQLite database in a temporary folder and prints a table for docs/PERFORMANCE.md.
Without the data folder it falls back to the fictional example dataset (11 members at most).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from run import get_ok, print_results, timed  # noqa: E402

YEARS = (2024, 2025)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--members", type=int, default=60)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="klimatlaget-bench-report-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["KLIMATLAGET_DATA_DIR"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klimatlaget.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    members, source = load_data(Path(args.data), args.members)
    results = run(members, source, args.runs)
    print_results(results)
    return 0


def load_data(data: Path, count: int) -> tuple[list[Any], str]:
    """The association with ``count`` members (municipalities with emissions) and targets."""
    import datetime

    from klimatlaget.accounts.actors import command_line
    from klimatlaget.associations.models import Membership
    from klimatlaget.demo.association import REAL_TARGETS, association
    from klimatlaget.imports import services
    from klimatlaget.organisations.models import Organisation, OrganisationKind
    from klimatlaget.targets.imports import import_targets

    operator = command_line()
    if data.is_dir():
        services.import_scb_codes(data / "scb" / "kommunlankod_2023.xls", actor=operator)
        services.import_population(data / "scb" / "be0101_tabhel2024.xlsx", actor=operator)
        services.import_emissions(
            data / "emissions" / "municipality_emissions_by_sector.csv", actor=operator
        )
        import_targets(REAL_TARGETS, actor=operator)
        source = "real SMHI emissions, SCB population, the demo's real targets"
    else:
        from klimatlaget.demo.association import EXAMPLE_TARGETS
        from klimatlaget.demo.example import write_example_files

        paths = write_example_files(Path(tempfile.mkdtemp()))
        services.import_scb_codes(paths["codes"], actor=operator)
        services.import_population(paths["population"], actor=operator)
        services.import_emissions(paths["emissions"], is_example=True, actor=operator)
        import_targets(EXAMPLE_TARGETS, actor=operator)
        source = "the fictional example dataset"
    assoc = association()
    members = list(
        Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).order_by("code")[:count]
    )
    for member in members:
        Membership.objects.get_or_create(
            association=assoc, member=member, joined=datetime.date(2008, 1, 1)
        )
    return members, source


def survey_definition(year: int) -> tuple[dict[str, Any], str]:
    try:
        from klimatlaget.surveys.blueprints import definition

        return definition("klimatlaget", year), "the real template"
    except ImportError:
        sys.path.insert(0, str(REPO / "tests" / "surveys"))
        from conftest import EVERY_KIND

        return EVERY_KIND, "the tests' survey with every kind of question"


def answer(spec: Any, rng: random.Random) -> Any:
    """A random, valid raw answer to one question (or table column)."""
    from klimatlaget.calc.surveys import QuestionKind

    kind = spec.kind
    if kind == QuestionKind.YES_NO:
        return rng.random() < 0.6
    if kind == QuestionKind.SINGLE_CHOICE:
        return rng.choice(spec.choices).key
    if kind == QuestionKind.MULTIPLE_CHOICE:
        return [c.key for c in spec.choices if rng.random() < 0.5]
    if kind in (QuestionKind.NUMBER, QuestionKind.YEAR):
        low = spec.minimum if spec.minimum is not None else (2025 if kind == "year" else 0)
        high = spec.maximum if spec.maximum is not None else low + 100
        value = rng.uniform(low, min(high, low + 1000))
        return round(value) if kind == QuestionKind.YEAR else round(value, 1)
    if kind == QuestionKind.TEXT:
        return "Vi arbetar vidare med åtgärderna i klimatplanen."
    if kind == QuestionKind.LINK:
        return "https://example.org/klimatplan.pdf"
    if kind == QuestionKind.TABLE:
        return [{c.key: answer(c, rng) for c in spec.columns} for _ in range(rng.randint(1, 3))]
    return None  # files are not answered in the benchmark


def answer_survey(year: int, members: list[Any], rng: random.Random) -> tuple[Any, str, int]:
    """The year's survey answered by every member: (survey, template, responses forced).

    A response that ``submit`` refuses (a required answer the random answers hid or left
    out) is marked submitted directly, so that every member counts; how many is reported.
    """
    from django.contrib.auth import get_user_model

    from klimatlaget.accounts.models import Role, RoleKind
    from klimatlaget.demo.association import association
    from klimatlaget.surveys import services
    from klimatlaget.surveys.building import create_survey
    from klimatlaget.surveys.models import Response, ResponseStatus, SurveyState

    user, created = get_user_model().objects.get_or_create(username="bench-kansli")
    if created:
        Role.objects.create(user=user, kind=RoleKind.SECRETARIAT_ADMIN)
    definition, template = survey_definition(year)
    survey = create_survey(association(), year, "klimatlaget", definition)
    survey.state = SurveyState.OPEN
    survey.save()
    specs = services.question_specs(survey)
    forced = 0
    for member in members:
        response = services.start_response(user, survey, member)
        raw = {spec.key: answer(spec, rng) for spec in specs}
        services.save_answers(user, response, {k: v for k, v in raw.items() if v is not None})
        services.confirm_prefilled(user, response)
        try:
            services.submit(user, response)
        except Exception:  # a required answer hidden or refused: count it anyway
            Response.objects.filter(pk=response.pk).update(status=ResponseStatus.SUBMITTED)
            forced += 1
    survey.state = SurveyState.CLOSED
    survey.save()
    return survey, template, forced


def median_s(action: Callable[[], object], runs: int) -> float:
    return statistics.median(timed(action) for _ in range(runs))


def run(members: list[Any], source: str, runs: int) -> list[tuple[str, str, str]]:
    from django.test import Client

    from klimatlaget.emissions.dataset import load_dataset
    from klimatlaget.surveys.report.content import build_report
    from klimatlaget.surveys.report.excel import report_xlsx
    from klimatlaget.surveys.report.pdf import report_pdf

    rng = random.Random(2025)
    start = time.perf_counter()
    survey, template, forced = None, "", []
    for year in YEARS:
        survey, template, forced_this_year = answer_survey(year, members, rng)
        forced.append(forced_this_year)
    setup_s = time.perf_counter() - start
    assert survey is not None
    load_dataset()  # as a running server has it
    url = f"/associations/{survey.association.code}/reports/{survey.year}/"
    client = Client()
    get_ok(client, url)
    report = build_report(survey, public=True)
    questions = sum(len(chapter.questions) for chapter in report.chapters)
    build_s = median_s(lambda: build_report(survey, public=True), runs)
    page_s = median_s(lambda: get_ok(client, url), runs)
    pdf_s = median_s(lambda: report_pdf(build_report(survey, public=True)), runs)
    xlsx_s = median_s(lambda: report_xlsx(build_report(survey, public=True)), runs)
    pdf_bytes = len(get_ok(client, url + "report.pdf").content)
    xlsx_bytes = len(get_ok(client, url + "report.xlsx").content)
    total = page_s + pdf_s + xlsx_s
    what = f"{report.respondents} members, {questions} questions ({template}; {source})"
    refused = " and ".join(f"{n} in {year}" for n, year in zip(forced, YEARS, strict=True))
    return [
        (f"Answer two years' surveys through the services: {what}", f"{setup_s:.1f} s", "–"),
        (
            f"Responses that submit refused, marked submitted directly ({len(members)} a year)",
            refused,
            "–",
        ),
        (f"Build the report's content, median of {runs}", f"{build_s * 1000:.0f} ms", "–"),
        (f"Report web page (public), median of {runs}", f"{page_s * 1000:.0f} ms", "–"),
        (
            f"Report PDF, built and rendered ({pdf_bytes // 1024} KB), median of {runs}",
            f"{pdf_s * 1000:.0f} ms",
            "–",
        ),
        (
            f"Report Excel, built and rendered ({xlsx_bytes // 1024} KB), median of {runs}",
            f"{xlsx_s * 1000:.0f} ms",
            "–",
        ),
        ("Web page + PDF + Excel in total", f"{total:.2f} s", "< 10 s"),
    ]


if __name__ == "__main__":
    sys.exit(main())
