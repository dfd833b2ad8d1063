"""``klimatlaget export investment-plan``: an organisation's climate investment plan of a year
(its latest version unless ``--version``) as the lines (CSV), the whole plan (JSON), the
finance workbook (xlsx), or with ``--layout netzerocities`` the NetZeroCities cost summary.
Nothing is written when the organisation, year or version does not exist (exit 1)."""

import argparse
import sys
from pathlib import Path

from klimatlaget.cli.commands import _write_table, err

#: Exit status when the plan asked for does not exist.
NOT_FOUND = 1


def add_command(kinds: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    from klimatlaget.cli.main import TABLE_FORMATS

    plan = kinds.add_parser(
        "investment-plan", help="an organisation's climate investment plan of a year"
    )
    plan.add_argument("--organisation", required=True, help="the organisation's code")
    plan.add_argument("--year", type=int, required=True, help="the plan's year")
    plan.add_argument("--version", type=int, help="the version number (default: the latest)")
    plan.add_argument(
        "--format",
        choices=TABLE_FORMATS,
        default="csv",
        help="csv: the lines; json: the whole plan; xlsx: the workbook for finance",
    )
    plan.add_argument(
        "--layout",
        choices=["lines", "netzerocities"],
        default="lines",
        help="netzerocities: the NetZeroCities cost summary in every format",
    )
    plan.add_argument("--output", "-o", help="file to write (default: standard output)")
    plan.set_defaults(run=export_investment_plan)


def _write(content: bytes, args: argparse.Namespace, what: str) -> int:
    if args.output:
        Path(args.output).write_bytes(content)
        err.print(f"Wrote {what} to {args.output}.", markup=False)
    else:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    return 0


def export_investment_plan(args: argparse.Namespace) -> int:
    from klimatlaget.exports.tabular import write_document
    from klimatlaget.investments import netzerocities, workbook
    from klimatlaget.investments.document import plan_document
    from klimatlaget.investments.figures import COLUMNS, plan_figures, table_rows
    from klimatlaget.investments.models import InvestmentPlan
    from klimatlaget.organisations.models import Organisation

    organisation = Organisation.objects.filter(code=args.organisation).first()
    if organisation is None:
        err.print(
            f"No organisation has the code {args.organisation}.", style="bold red", markup=False
        )
        return NOT_FOUND
    plans = InvestmentPlan.objects.filter(organisation=organisation, year=args.year)
    if args.version is not None:
        plans = plans.filter(version_number=args.version)
    plan = plans.order_by("-version_number").first()
    if plan is None:
        version = f" in version {args.version}" if args.version is not None else ""
        err.print(
            f"{organisation.code} has no investment plan for {args.year}{version}.",
            style="bold red",
            markup=False,
        )
        return NOT_FOUND
    figures = plan_figures(plan)
    name = workbook.file_stem(figures)
    if args.layout == "netzerocities":
        rows = netzerocities.rows(figures)
        return _write_table("NetZeroCities", rows, netzerocities.COLUMNS, args)
    if args.format == "xlsx":
        return _write(workbook.plan_xlsx(figures), args, "the workbook")
    if args.format == "json":
        return _write(write_document(plan_document(figures)), args, "the plan")
    return _write_table(name, table_rows(figures, figures.lines), COLUMNS, args)
