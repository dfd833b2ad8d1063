"""The ``klimatlaget`` command: serve, migrate, import, fetch, export, demo, user management and
operations (collectstatic, check, backup, restore).

Every command accepts ``--database URL`` (or reads ``DATABASE_URL``); without either it uses the
embedded SQLite database under ``var/``.
"""

import argparse
import gc
import os
import sys
from collections.abc import Sequence

from klimatlaget.cli import (
    budgets,
    commands,
    contracts,
    energy,
    investments,
    netzerocities,
    operations,
    reporting,
)
from klimatlaget.exports.tabular import TableFormat

TABLE_FORMATS = [table_format.value for table_format in TableFormat]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="klimatlaget", description="Klimatläget: emissions, targets and Paris pathways."
    )
    parser.add_argument("--database", metavar="URL", help="database URL (default: DATABASE_URL)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_serve(sub)
    sub.add_parser("migrate", help="create or update the database tables").set_defaults(
        run=commands.migrate
    )
    _add_import(sub)
    _add_fetch(sub)
    _add_export(sub)
    _add_demo(sub)
    _add_user(sub)
    _add_survey(sub)
    operations.add_commands(sub)
    return parser


def _add_serve(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    serve = sub.add_parser("serve", help="run the web app")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--threads", type=int, default=4, help="threads per process")
    serve.add_argument(
        "--workers", type=int, default=1, help="worker processes (more than 1 needs PostgreSQL)"
    )
    serve.set_defaults(run=commands.serve)


def _add_import(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    imp = sub.add_parser("import", help="import an official file")
    kinds = imp.add_subparsers(dest="kind", required=True, metavar="KIND")
    codes = kinds.add_parser("scb-codes", help="SCB's county and municipality code list (.xls)")
    codes.add_argument("file")
    codes.set_defaults(run=commands.import_scb_codes)
    population = kinds.add_parser("population", help="SCB population table (be0101 .xlsx)")
    population.add_argument("file")
    population.add_argument("--year", type=int, help="override the year read from the title")
    population.set_defaults(run=commands.import_population)
    emissions = kinds.add_parser(
        "emissions", help="emissions: tidy CSV or SMHI's Excel export (.xlsx)"
    )
    emissions.add_argument("file")
    emissions.set_defaults(run=commands.import_emissions)
    targets = kinds.add_parser("targets", help="climate targets (CSV, see docs/TARGETS_CSV.md)")
    targets.add_argument("file")
    targets.set_defaults(run=commands.import_targets)
    measures = kinds.add_parser(
        "measures", help="measures (CSV or .xlsx, see docs/MEASURES_CSV.md)"
    )
    measures.add_argument("file")
    measures.set_defaults(run=commands.import_measures)
    investments = kinds.add_parser(
        "investment-plan",
        help="a climate investment plan's lines as a new version (.xlsx, see "
        "docs/INVESTMENT_PLAN_XLSX.md)",
    )
    investments.add_argument("file")
    investments.add_argument("--organisation", required=True, help="the organisation's code")
    investments.add_argument("--year", type=int, required=True, help="the plan's year")
    investments.set_defaults(run=commands.import_investment_plan)
    national = kinds.add_parser(
        "national-emissions",
        help="national emissions by sector (CSV: year, quarter, sector, tco2e)",
    )
    national.add_argument("file")
    national.set_defaults(run=budgets.import_national_emissions)
    contract = kinds.add_parser(
        "contract", help="a climate contract (.txt, .docx or .pdf): review, then --yes stores it"
    )
    contract.add_argument("file")
    contract.add_argument("--organisation", required=True, help="the organisation's code")
    contract.add_argument("--year", type=int, required=True, help="the year of the version")
    contract.add_argument("--yes", action="store_true", help="store it (else only show it)")
    contract.set_defaults(run=contracts.import_contract)
    energy.add_import_commands(kinds)


def _add_fetch(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    fetch = sub.add_parser("fetch", help="download an official file from its public source")
    sources = fetch.add_subparsers(dest="source", required=True, metavar="SOURCE")
    smhi = sources.add_parser("smhi", help="SMHI's emissions for all municipalities (.xlsx)")
    smhi.add_argument("--url", help="override the download address")
    smhi.add_argument("--output", default="var/smhi-emissions.xlsx")
    smhi.add_argument("--import", dest="do_import", action="store_true", help="import it too")
    smhi.set_defaults(run=commands.fetch_smhi)


def _add_export(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    export = sub.add_parser("export", help="write data for reuse")
    kinds = export.add_subparsers(dest="kind", required=True, metavar="KIND")
    metrics = kinds.add_parser("metrics", help="one row of key figures per organisation")
    metrics.add_argument("--format", choices=TABLE_FORMATS, default="csv")
    metrics.add_argument("--current-year", type=int, help="default: this calendar year")
    metrics.add_argument("--rate", type=float, help="Carbon Law rate, e.g. 0.1172 or 11.72")
    metrics.add_argument("--preset", help="Carbon Law preset, e.g. 1.5C, global-average")
    metrics.add_argument(
        "--kind", action="append", choices=["municipality", "county", "nation"], help="repeatable"
    )
    metrics.add_argument("--output", "-o", help="file to write (default: standard output)")
    metrics.set_defaults(run=commands.export_metrics)
    comparison = kinds.add_parser(
        "target-comparison", help="every target ranked within its scope group, with references"
    )
    comparison.add_argument("--format", choices=TABLE_FORMATS, default="csv")
    comparison.add_argument("--current-year", type=int, help="default: this calendar year")
    comparison.add_argument("--preset", help="Carbon Law preset, e.g. 1.5C, global-average")
    comparison.add_argument("--status", choices=["adopted", "proposed"], help="default: both")
    comparison.add_argument("--scope-group", choices=["1-2", "1-2-3"], help="default: both")
    comparison.add_argument("--county", help="two-digit county code")
    comparison.add_argument("--form", help="e.g. net_zero, percent_reduction")
    comparison.add_argument("--verdict", help="in_line, partly, not_in_line or not_assessed")
    comparison.add_argument(
        "--order",
        choices=["ladder", "reduction"],
        help="rank by the experts' ladder of wordings (default) or by the implied reduction",
    )
    comparison.add_argument("--output", "-o", help="file to write (default: standard output)")
    comparison.set_defaults(run=commands.export_target_comparison)
    measures = kinds.add_parser("measures", help="an organisation's measures (the register)")
    measures.add_argument("--organisation", required=True, help="the organisation's code")
    measures.add_argument("--format", choices=TABLE_FORMATS, default="csv")
    measures.add_argument("--output", "-o", help="file to write (default: standard output)")
    measures.set_defaults(run=commands.export_measures)
    quotas = kinds.add_parser("quotas", help="an organisation's emission quotas of units")
    quotas.add_argument("--organisation", required=True, help="the organisation's code")
    quotas.add_argument("--year", type=int, help="default: every year")
    quotas.add_argument("--format", choices=TABLE_FORMATS, default="csv")
    quotas.add_argument("--output", "-o", help="file to write (default: standard output)")
    quotas.set_defaults(run=commands.export_quotas)
    _add_budget_exports(kinds)
    investments.add_command(kinds)
    contracts.add_export_command(kinds)
    netzerocities.add_export_command(kinds)
    reporting.add_export_commands(kinds)
    energy.add_export_commands(kinds)


def _add_budget_exports(kinds: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    budget = kinds.add_parser("budget", help="an organisation's emissions budget and outcome")
    budget.add_argument("--organisation", required=True, help="the organisation's code")
    budget.add_argument("--year", type=int, required=True)
    budget.add_argument("--format", choices=TABLE_FORMATS, default="csv")
    budget.add_argument("--current-year", type=int, help="default: this calendar year")
    budget.add_argument("--preset", help="Carbon Law preset, e.g. 1.5C, global-average")
    budget.add_argument("--output", "-o", help="file to write (default: standard output)")
    budget.set_defaults(run=budgets.export_budget)
    backtest = kinds.add_parser("nowcast-backtest", help="the nowcast against SMHI's figures")
    backtest.add_argument("--format", choices=TABLE_FORMATS, default="csv")
    backtest.add_argument("--output", "-o", help="file to write (default: standard output)")
    backtest.set_defaults(run=budgets.export_nowcast_backtest)


def _add_demo(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    demo = sub.add_parser("demo", help="set up a database with data and demo users, then serve")
    demo.add_argument("--data", help="folder with the official files (default: ../shared/data)")
    demo.add_argument("--example", action="store_true", help="load the fictional example data")
    demo.add_argument("--offline", action="store_true", help="never try to download")
    demo.add_argument("--no-serve", action="store_true", help="load data only")
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=int, default=8000)
    demo.set_defaults(run=commands.demo, threads=4)


def _add_user(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    user = sub.add_parser("user", help="create a user or grant a role")
    user.add_argument("username")
    user.add_argument("--email", default="")
    user.add_argument("--password", help="default: ask")
    user.add_argument("--role", choices=["secretariat_admin", "editor", "viewer"], required=True)
    user.add_argument(
        "--organisation",
        action="append",
        default=[],
        help="code or name; for a secretariat, the association or programme office it runs "
        "(none: the whole platform)",
    )
    user.set_defaults(run=commands.create_user)


def _add_survey(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    survey = sub.add_parser("survey", help="run an association's surveys")
    actions = survey.add_subparsers(dest="kind", required=True, metavar="ACTION")
    remind = actions.add_parser("remind", help="e-mail reminders to members yet to submit")
    remind.add_argument("--association", required=True, help="the association's code")
    remind.add_argument("--year", type=int, required=True)
    remind.add_argument(
        "--kind",
        dest="survey_kind",
        default="klimatlaget",
        choices=["klimatlaget", "membership_test"],
    )
    remind.add_argument(
        "--base-url", help="site address in the links (default: KLIMATLAGET_BASE_URL)"
    )
    remind.set_defaults(run=commands.survey_remind)


#: Commands that serve no pages, so Django starts without the API documentation's app and
#: without importing the apps' admin modules (see KLIMATLAGET_SERVES_PAGES in the settings).
#: They run for a second or two, so they also leave the cyclic garbage collector off (below).
DATA_COMMANDS = {"migrate", "import", "export", "fetch", "user"}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.database:
        os.environ["DATABASE_URL"] = args.database
    import django
    from django.conf import settings

    new_process = not settings.configured  # False when a test calls main()
    data_command = args.command in DATA_COMMANDS
    if new_process:
        if data_command:
            os.environ["KLIMATLAGET_SERVES_PAGES"] = "0"
            # numpy's OpenBLAS starts a thread per core, which costs more CPU (~0.06 s) than
            # it saves on the metrics' small arrays; the results are the same.
            os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        # Django's set-up makes hundreds of thousands of lasting objects (modules, classes,
        # models) among which the cyclic garbage collector keeps searching for garbage: a
        # tenth of the start-up, as much again while an import holds 34,000 rows, and once
        # more at exit. So nothing is collected during set-up and its objects are frozen out
        # of later collections (the one at exit too). Data commands make next to no cyclic
        # garbage before they exit, so they never collect; the server and the demo do.
        gc.disable()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klimatlaget.config.settings")
    django.setup()
    if new_process:
        gc.freeze()
        if not data_command:
            gc.enable()
    return int(args.run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
