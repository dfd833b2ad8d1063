"""``klimatlaget export inventory`` (the emission inventory in a standard's shape) and
``klimatlaget export cdp`` (the CDP-ICLEI Track report): both run their registered exporter
through the registry, which asks the access layer first. Nothing is written when the
organisation or its emissions of the year are missing (exit 1)."""

import argparse
import sys
from pathlib import Path

#: Exit status when the organisation, or its emissions of the year, do not exist.
NOT_FOUND = 1
#: ``--standard`` → the exporter that writes it.
STANDARDS = {"gpc": "inventory-gpc"}


def add_export_commands(kinds: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    inventory = kinds.add_parser(
        "inventory", help="an organisation's emission inventory of a year in a standard's shape"
    )
    inventory.add_argument("--organisation", required=True, help="the organisation's code")
    inventory.add_argument("--year", type=int, required=True)
    inventory.add_argument("--standard", choices=sorted(STANDARDS), default="gpc")
    inventory.add_argument("--format", choices=["csv", "json", "xlsx"], default="csv")
    inventory.add_argument("--output", "-o", help="file to write (default: standard output)")
    inventory.set_defaults(run=export_inventory)
    cdp = kinds.add_parser("cdp", help="an organisation's CDP-ICLEI Track report of a year")
    cdp.add_argument("--organisation", required=True, help="the organisation's code")
    cdp.add_argument("--year", type=int, required=True, help="the inventory's (latest) year")
    cdp.add_argument("--format", choices=["xlsx", "json"], default="xlsx")
    cdp.add_argument("--output", "-o", help="file to write (default: standard output)")
    cdp.set_defaults(run=export_cdp)


def export_inventory(args: argparse.Namespace) -> int:
    return _run(STANDARDS[args.standard], args)


def export_cdp(args: argparse.Namespace) -> int:
    return _run("cdp-iclei-track", args)


def _run(exporter_name: str, args: argparse.Namespace) -> int:
    from klimatlaget.accounts.actors import command_line
    from klimatlaget.cli.commands import err
    from klimatlaget.exports.registry import (
        ExportFormat,
        ExportRequest,
        get_exporter,
        run_export,
    )
    from klimatlaget.organisations.models import Organisation
    from klimatlaget.reporting.gpc import NoEmissions

    organisation = Organisation.objects.filter(code=args.organisation).first()
    if organisation is None:
        message = f"No organisation has the code {args.organisation}."
        err.print(message, style="bold red", markup=False)
        return NOT_FOUND
    exporter = get_exporter(exporter_name)
    actor = command_line()
    if not exporter.may_run(actor, organisation):
        message = f"{exporter.name} is not written for {organisation.code} ({organisation.kind})."
        err.print(message, style="bold red", markup=False)
        return NOT_FOUND
    request = ExportRequest(
        ExportFormat(args.format), organisation=organisation, year=args.year, reader=actor
    )
    try:
        written = run_export(actor, exporter, request)
    except NoEmissions as error:
        err.print(str(error), style="bold red", markup=False)
        return NOT_FOUND
    if args.output:
        Path(args.output).write_bytes(written.content)
        err.print(f"Wrote {written.file_name} to {args.output}.", markup=False)
    else:
        sys.stdout.buffer.write(written.content)
        sys.stdout.flush()
    return 0
