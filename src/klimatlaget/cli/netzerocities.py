"""``klimatlaget export netzerocities``: an organisation's NetZeroCities Climate City Contract
tables of a year as a workbook or a Word document (drafts too: the command line runs the
platform). Exit 1 when the organisation does not exist."""

import argparse
import sys
from pathlib import Path

#: Exit status when the organisation does not exist.
NOT_FOUND = 1


def add_export_command(kinds: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    command = kinds.add_parser(
        "netzerocities",
        help="the NetZeroCities action outlines, indicators and investment summary of a year",
    )
    command.add_argument("--organisation", required=True, help="the organisation's code")
    command.add_argument("--year", type=int, required=True, help="the year reported on")
    command.add_argument("--format", choices=["xlsx", "docx"], default="xlsx")
    command.add_argument("--output", "-o", help="file to write (default: standard output)")
    command.set_defaults(run=export_netzerocities)


def export_netzerocities(args: argparse.Namespace) -> int:
    from klimatlaget.accounts.actors import command_line
    from klimatlaget.cli.commands import err
    from klimatlaget.exports.registry import ExportFormat, ExportRequest, get_exporter, run_export
    from klimatlaget.organisations.models import Organisation

    organisation = Organisation.objects.filter(code=args.organisation).first()
    if organisation is None:
        message = f"No organisation has the code {args.organisation}."
        err.print(message, style="bold red", markup=False)
        return NOT_FOUND
    actor = command_line()
    request = ExportRequest(ExportFormat(args.format), organisation, args.year, reader=actor)
    written = run_export(actor, get_exporter("netzerocities"), request)
    if args.output:
        Path(args.output).write_bytes(written.content)
        err.print(f"Wrote the NetZeroCities tables to {args.output}.", markup=False)
    else:
        sys.stdout.buffer.write(written.content)
        sys.stdout.flush()
    return 0
