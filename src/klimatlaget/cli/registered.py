"""``klimatlaget export --list``: the registered exporters as a table; ``klimatlaget export run
NAME``: any of them, run through the registry as the command line's operator (who reads drafts
too, as the other export commands do). Exit 2 for a request the exporter cannot write, 1 when
there is nothing to write."""

import argparse
import sys
from pathlib import Path

from klimatlaget.cli.commands import _operator, err

#: Exit status when the organisation, exporter or file asked for does not exist.
NOT_FOUND = 1


def add_commands(
    export: argparse.ArgumentParser, kinds: "argparse._SubParsersAction[argparse.ArgumentParser]"
) -> None:
    export.add_argument(
        "--list", action="store_true", help="list the registered exporters (name, scope, formats)"
    )
    export.set_defaults(run=list_exporters)
    run = kinds.add_parser("run", help="run any registered exporter (see export --list)")
    run.add_argument("name", help="the exporter's name")
    run.add_argument("--organisation", help="the organisation's code (organisation exporters)")
    run.add_argument("--year", type=int, help="the year (exporters that need one)")
    run.add_argument("--format", required=True, help="one of the formats the exporter writes")
    run.add_argument("--output", "-o", help="file to write (default: standard output)")
    run.set_defaults(run=run_exporter)


def list_exporters(args: argparse.Namespace) -> int:
    from django.utils import translation
    from rich.console import Console
    from rich.table import Table

    from klimatlaget.exports.registry import exporters

    if not args.list:
        err.print("Name what to export (see klimatlaget export --help), or --list.")
        return 2
    table = Table("name", "scope", "formats", "year", "platform", "title", box=None)
    with translation.override("en"):
        for exporter in exporters():
            table.add_row(
                exporter.name,
                str(exporter.scope),
                ", ".join(exporter.formats),
                "yes" if exporter.needs_year else "",
                exporter.platform,
                str(exporter.title),
            )
    Console(width=200).print(table)
    return 0


def run_exporter(args: argparse.Namespace) -> int:
    from klimatlaget.exports import registry
    from klimatlaget.organisations.models import Organisation

    try:
        exporter = registry.get_exporter(args.name)
    except registry.UnknownExporter:
        err.print(f"No exporter is named {args.name} (see export --list).", markup=False)
        return NOT_FOUND
    organisation = None
    if args.organisation:
        organisation = Organisation.objects.filter(code=args.organisation).first()
        if organisation is None:
            err.print(f"No organisation has the code {args.organisation}.", markup=False)
            return NOT_FOUND
    actor = _operator()
    try:
        request = registry.ExportRequest(
            format=registry.parse_format(args.format),
            organisation=organisation,
            year=args.year,
            reader=actor,
        )
        written = registry.run_export(actor, exporter, request)
    except registry.InvalidRequest as error:
        err.print(str(error), style="bold red", markup=False)
        return 2
    except registry.NothingToExport as error:
        err.print(str(error), style="bold red", markup=False)
        return NOT_FOUND
    if args.output:
        Path(args.output).write_bytes(written.content)
        err.print(f"Wrote {written.file_name} to {args.output}.", markup=False)
    else:
        sys.stdout.buffer.write(written.content)
        sys.stdout.flush()
    return 0
