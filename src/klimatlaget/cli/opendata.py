"""``klimatlaget export open-data DIR``: the open data package (``datapackage.json`` and a CSV
per table) written into DIR, created when missing; with ``--zip`` the package as one zip file."""

import argparse
from pathlib import Path

from klimatlaget.cli.commands import _operator, err


def add_export_commands(kinds: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    opendata = kinds.add_parser(
        "open-data", help="the public tables as a Frictionless data package in a folder"
    )
    opendata.add_argument("dir", help="the folder to write datapackage.json and the CSVs into")
    opendata.add_argument("--zip", action="store_true", help="write one zip file into DIR instead")
    opendata.set_defaults(run=export_open_data)


def export_open_data(args: argparse.Namespace) -> int:
    from klimatlaget.exports.registry import ExportFormat, ExportRequest, get_exporter, run_export
    from klimatlaget.opendata.package import DESCRIPTOR, open_data_package

    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    # Through the registry, which asks the access layer first, in both forms.
    written = run_export(
        _operator(), get_exporter("open-data"), ExportRequest(format=ExportFormat.ZIP)
    )
    if args.zip:
        (folder / written.file_name).write_bytes(written.content)
        err.print(f"Wrote {folder / written.file_name}.", markup=False)
        return 0
    package = open_data_package()  # the package just zipped, kept per version
    (folder / DESCRIPTOR).write_bytes(package.descriptor_json)
    for path, content in package.files.items():
        (folder / path).write_bytes(content)
    err.print(f"Wrote {DESCRIPTOR} and {len(package.files)} tables to {folder}.", markup=False)
    return 0
