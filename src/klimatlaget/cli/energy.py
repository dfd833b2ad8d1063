"""``klimatlaget import energy FILE`` (final energy use by sector and carrier, all or nothing)
and ``klimatlaget export covenant`` (the EU Covenant of Mayors workbook of an organisation and
year, through the registered exporter)."""

import argparse
from pathlib import Path

from klimatlaget.cli.commands import _operator, err, report_problems

#: Exit status when the organisation asked for does not exist.
NOT_FOUND = 1


def add_import_commands(kinds: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    energy = kinds.add_parser(
        "energy",
        help="final energy use (CSV: organisation, year, sector, carrier, mwh, source; "
        "see docs/METHOD.md)",
    )
    energy.add_argument("file")
    energy.set_defaults(run=import_energy)


def add_export_commands(kinds: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    covenant = kinds.add_parser(
        "covenant", help="the EU Covenant of Mayors workbook of an organisation and year (.xlsx)"
    )
    covenant.add_argument("--organisation", required=True, help="the organisation's code")
    covenant.add_argument("--year", type=int, required=True, help="the monitoring year")
    covenant.add_argument("--format", choices=["xlsx"], default="xlsx")
    covenant.add_argument("--output", "-o", help="file to write (default: standard output)")
    covenant.set_defaults(run=export_covenant)


def import_energy(args: argparse.Namespace) -> int:
    from klimatlaget.energy.imports import import_energy as run
    from klimatlaget.sources import SourceError

    try:
        result = run(Path(args.file), actor=_operator())
    except SourceError as error:
        return report_problems(error)
    err.print(result.text(), markup=False)
    return 0


def export_covenant(args: argparse.Namespace) -> int:
    import sys

    from klimatlaget.exports.registry import (
        ExportFormat,
        ExportRequest,
        get_exporter,
        run_export,
    )
    from klimatlaget.organisations.models import Organisation

    organisation = Organisation.objects.filter(code=args.organisation).first()
    if organisation is None:
        err.print(
            f"No organisation has the code {args.organisation}.", style="bold red", markup=False
        )
        return NOT_FOUND
    written = run_export(
        _operator(),
        get_exporter("covenant-of-mayors"),
        ExportRequest(ExportFormat.XLSX, organisation, args.year),
    )
    if args.output:
        Path(args.output).write_bytes(written.content)
        err.print(f"Wrote the workbook to {args.output}.", markup=False)
    else:
        sys.stdout.buffer.write(written.content)
        sys.stdout.flush()
    return 0
