"""What each ``klimatlaget`` sub-command does. Django is set up before any of these run.

Each command imports what it needs when it runs, so that a command starts without loading the
readers, the spreadsheet libraries or rich that other commands use.
"""

import argparse
import getpass
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from klimatlaget.accounts.actors import SystemActor
    from klimatlaget.exports.columns import Column
    from klimatlaget.sources import SourceError


class _Stderr:
    """rich's console on standard error, created when the first message is printed."""

    @cached_property
    def console(self) -> "Console":
        from rich.console import Console

        return Console(stderr=True)

    def print(self, *objects: Any, **options: Any) -> None:
        self.console.print(*objects, **options)


err = _Stderr()


@contextmanager
def progress_bar(description: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on standard error; yields a ``(done, total)`` callback."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err.console,
        transient=False,
    ) as bar:
        task = bar.add_task(description, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def report_problems(error: "SourceError") -> int:
    err.print(f"[bold red]Nothing was imported.[/] {len(error.problems)} problem(s):")
    for problem in error.problems:
        err.print(f"  {problem}", markup=False, highlight=False)
    return 2


def _report(result: object) -> None:
    from klimatlaget.imports.services import ImportResult

    assert isinstance(result, ImportResult)
    for note in result.notes:
        err.print(note)
    err.print(
        f"{result.file_name}: {result.rows_read} rows read, {result.created} created, "
        f"{result.updated} changed, {result.organisations_changed} organisations affected."
    )


def migrate(args: argparse.Namespace) -> int:
    from klimatlaget.config import empty_database
    from klimatlaget.config.settings import DATA_DIR

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    empty_database.migrate()
    return 0


def serve(args: argparse.Namespace) -> int:
    from klimatlaget.cli.server import ServeError
    from klimatlaget.cli.server import serve as run

    workers = getattr(args, "workers", 1)
    err.print(f"Klimatläget at http://{args.host}:{args.port}/ (Ctrl+C stops)")
    try:
        run(args.host, args.port, args.threads, workers)
    except ServeError as error:
        err.print(f"[bold red]{error}[/]")
        return 2
    return 0


def _run_import(action: Callable[[], object]) -> int:
    from klimatlaget.sources import SourceError

    try:
        result = action()
    except SourceError as error:
        return report_problems(error)
    _report(result)
    return 0


def _operator() -> "SystemActor":
    """The operator at the command line: every command acts as this explicit system actor."""
    from klimatlaget.accounts.actors import command_line

    return command_line()


def import_scb_codes(args: argparse.Namespace) -> int:
    from klimatlaget.imports.services import import_scb_codes as run

    return _run_import(lambda: run(Path(args.file), actor=_operator()))


def import_population(args: argparse.Namespace) -> int:
    from klimatlaget.imports.services import import_population as run

    return _run_import(lambda: run(Path(args.file), actor=_operator(), year=args.year))


def import_emissions(args: argparse.Namespace) -> int:
    from klimatlaget.imports.services import import_emissions as run

    with progress_bar("Importing emissions") as update:
        return _run_import(lambda: run(Path(args.file), actor=_operator(), progress=update))


def import_targets(args: argparse.Namespace) -> int:
    from django.utils import translation

    from klimatlaget.targets.imports import import_targets as run

    # The validation messages are translated; the command line speaks English.
    with translation.override("en"), progress_bar("Importing targets") as update:
        return _run_import(lambda: run(Path(args.file), actor=_operator(), progress=update))


def import_measures(args: argparse.Namespace) -> int:
    from django.utils import translation

    from klimatlaget.measures.imports import import_measures as run

    # The validation messages are translated; the command line speaks English.
    with translation.override("en"):
        return _run_import(lambda: run(Path(args.file), actor=_operator()))


def import_investment_plan(args: argparse.Namespace) -> int:
    from django.utils import translation

    from klimatlaget.imports.services import check_size
    from klimatlaget.investments.lines_import import import_plan
    from klimatlaget.organisations.models import Organisation
    from klimatlaget.sources import SourceError

    organisation = Organisation.objects.filter(code=args.organisation).first()
    if organisation is None:
        err.print(f"[bold red]No organisation has the code {args.organisation}.[/]")
        return 2
    path = Path(args.file)
    # The validation messages are translated; the command line speaks English.
    with translation.override("en"):
        try:
            check_size(path)
            plan = import_plan(_operator(), organisation, args.year, path.read_bytes(), path.name)
        except SourceError as error:
            return report_problems(error)
    err.print(
        f"{path.name}: version {plan.version_number} of the {plan.year} investment plan of "
        f"{organisation.name}, with {plan.lines.count()} lines (id {plan.pk})."
    )
    return 0


def fetch_smhi(args: argparse.Namespace) -> int:
    from klimatlaget.sources import SMHI_EMISSIONS_URL, DownloadError, download

    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        with progress_bar("Downloading from SMHI") as update:
            download(args.url or SMHI_EMISSIONS_URL, output, progress=_bytes_progress(update))
    except DownloadError as error:
        err.print(f"[bold red]Download failed:[/] {error}")
        return 3
    err.print(f"Saved {output} ({output.stat().st_size:,} bytes).")
    if args.do_import:
        return import_emissions(argparse.Namespace(file=str(output)))
    return 0


def _bytes_progress(update: Callable[[int, int], None]) -> Callable[[int, int | None], None]:
    return lambda done, total: update(done, total or 0)


def export_metrics(args: argparse.Namespace) -> int:
    from klimatlaget.emissions.metrics import EXPORT_COLUMNS, metrics_rows, parameters

    rate = args.rate / 100 if args.rate is not None and args.rate > 1 else args.rate
    try:
        params = parameters(current_year=args.current_year, rate=rate, preset=args.preset)
    except ValueError as error:
        err.print(f"[bold red]Invalid parameters:[/] {error}")
        return 2
    rows = metrics_rows(params, set(args.kind) if args.kind else None)
    return _write_table("metrics", rows, EXPORT_COLUMNS, args)


def export_target_comparison(args: argparse.Namespace) -> int:
    from klimatlaget.emissions.metrics import parameters
    from klimatlaget.targets.comparison.service import COLUMNS, Filters, comparison_rows
    from klimatlaget.targets.evaluation import target_parameters

    query = {
        "status": args.status,
        "scope_group": args.scope_group,
        "county": args.county,
        "form": args.form,
        "verdict": args.verdict,
        "order": args.order,
    }
    try:
        params = target_parameters(parameters(current_year=args.current_year, preset=args.preset))
        filters = Filters.from_query(query, strict=True)
    except ValueError as error:
        err.print(f"[bold red]Invalid parameters:[/] {error}")
        return 2
    rows = comparison_rows(params, filters)
    return _write_table("target-comparison", rows, COLUMNS, args)


def export_measures(args: argparse.Namespace) -> int:
    from klimatlaget.measures.register import COLUMNS, measures_of, table_rows
    from klimatlaget.organisations.models import Organisation

    organisation = Organisation.objects.filter(code=args.organisation).first()
    if organisation is None:
        err.print(f"[bold red]No organisation has the code[/] {args.organisation}")
        return 2
    rows = table_rows(measures_of(organisation))
    return _write_table(f"{organisation.code}-measures", rows, COLUMNS, args)


def export_quotas(args: argparse.Namespace) -> int:
    from klimatlaget.measures.quota_table import COLUMNS, quotas_of, table_rows
    from klimatlaget.organisations.models import Organisation

    organisation = Organisation.objects.filter(code=args.organisation).first()
    if organisation is None:
        err.print(f"[bold red]No organisation has the code[/] {args.organisation}")
        return 2
    rows = table_rows(list(quotas_of(organisation, args.year)))
    name = f"{organisation.code}-quotas" + (f"-{args.year}" if args.year else "")
    return _write_table(name, rows, COLUMNS, args)


def _write_table(
    name: str, rows: list[dict[str, Any]], columns: "list[Column]", args: argparse.Namespace
) -> int:
    """Write the table ``name`` in the chosen format to ``--output`` or standard output."""
    from klimatlaget.exports.tabular import TableFormat, write_table

    content = write_table(rows, columns, TableFormat(args.format), title=name)
    if args.output:
        Path(args.output).write_bytes(content)
        err.print(f"Wrote {len(rows)} rows to {args.output}.")
    else:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    return 0


def create_user(args: argparse.Namespace) -> int:
    from klimatlaget.accounts.services import UserSetupError, grant_role

    password = args.password or getpass.getpass(f"Password for {args.username}: ")
    try:
        grant_role(
            _operator(), args.username, password, args.role, args.organisation, email=args.email
        )
    except UserSetupError as error:
        err.print(f"[bold red]{error}[/]")
        return 2
    err.print(f"{args.username}: {args.role} {' '.join(args.organisation)}".rstrip())
    return 0


def demo(args: argparse.Namespace) -> int:
    from klimatlaget.demo.setup import DemoSetupError, set_up_demo
    from klimatlaget.sources import SourceError

    migrate(args)
    try:
        set_up_demo(
            data_dir=Path(args.data) if args.data else None,
            example=args.example,
            offline=args.offline,
            say=lambda text: err.print(text, markup=False, highlight=False),
            progress=progress_bar,
        )
    except DemoSetupError as error:
        err.print(f"[bold red]{error}[/]")
        return 2
    except SourceError as error:
        return report_problems(error)
    if args.no_serve:
        return 0
    return serve(args)


def survey_remind(args: argparse.Namespace) -> int:
    """Reminders to the members that have not submitted the year's open survey (for cron)."""
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from klimatlaget.surveys.models import Survey
    from klimatlaget.surveys.secretariat.dispatch import base_url, send

    survey = Survey.objects.filter(
        association__code=args.association, year=args.year, kind=args.survey_kind
    ).first()
    if survey is None:
        err.print(
            f"[bold red]No {args.survey_kind} survey of {args.association} in {args.year}.[/]"
        )
        return 2
    try:
        with translation.override("en"), progress_bar("Sending reminders") as update:
            sent = send(
                _operator(), survey, "reminder", args.base_url or base_url(), progress=update
            )
    except ValidationError as error:
        err.print(f"[bold red]Nothing was sent.[/] {' '.join(error.messages)}")
        return 2
    err.print(f"Reminders sent to {len(sent.recipients)} member(s), {sent.addresses} address(es).")
    for member in sent.no_contact:
        err.print(f"No contact, not sent: {member.name} ({member.code})", markup=False)
    return 0
