"""The ``klimatlaget`` sub-commands of emissions budgets: importing national emissions and
exporting an organisation's budget and the nowcast's backtest. Django is set up before any of
these run; each imports what it needs when it runs."""

import argparse
from pathlib import Path

from klimatlaget.cli.commands import _operator, _run_import, _write_table, err


def import_national_emissions(args: argparse.Namespace) -> int:
    from klimatlaget.budgets.imports import import_national_emissions as run

    return _run_import(lambda: run(Path(args.file), actor=_operator()))


def export_budget(args: argparse.Namespace) -> int:
    from django.http import Http404
    from django.utils import translation

    from klimatlaget.accounts.resolvers import organisation_or_404
    from klimatlaget.budgets import describe
    from klimatlaget.budgets.lines import EXPORT_COLUMNS
    from klimatlaget.budgets.report import budget_report
    from klimatlaget.emissions.metrics import parameters

    try:
        organisation = organisation_or_404(args.organisation)  # budgets are public
        params = parameters(current_year=args.current_year, preset=args.preset)
    except Http404:
        err.print(f"[bold red]No organisation has the code {args.organisation}.[/]")
        return 2
    except ValueError as error:
        err.print(f"[bold red]Invalid parameters:[/] {error}")
        return 2
    report = budget_report(organisation, args.year, params)
    if report.outcome is not None and report.outcome.problem:
        with translation.override("en"):
            err.print(f"No budget: {describe.problem(report.outcome)}", markup=False)
    return _write_table("budget", report.export_rows(), EXPORT_COLUMNS, args)


def export_nowcast_backtest(args: argparse.Namespace) -> int:
    from klimatlaget.budgets.backtest import EXPORT_COLUMNS, backtest_rows

    return _write_table("nowcast-backtest", backtest_rows(), EXPORT_COLUMNS, args)
