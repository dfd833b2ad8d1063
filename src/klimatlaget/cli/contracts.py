"""``klimatlaget import contract``: read a climate contract's file, print what was found for
review, and store it only when told to (``--yes``)."""

import argparse
import sys
from pathlib import Path


def import_contract(args: argparse.Namespace) -> int:
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from klimatlaget.accounts.actors import command_line
    from klimatlaget.cli.commands import err, report_problems
    from klimatlaget.contracts import services
    from klimatlaget.contracts.reading import read_text, template_writers
    from klimatlaget.organisations.models import Organisation
    from klimatlaget.sources import SourceError
    from klimatlaget.sources.contract_documents import read_contract_file

    organisation = Organisation.objects.filter(code=args.organisation).first()
    if organisation is None:
        err.print(f"[bold red]No organisation has the code {args.organisation}.[/]")
        return 2
    try:
        text = read_contract_file(Path(args.file))
    except SourceError as error:
        return report_problems(error)
    with translation.override("en"):
        parsed = read_text(text)
        out = sys.stdout
        out.write("number\ttitle\tsubject\n")
        for section in parsed.sections:
            out.write(f"{section.number}\t{section.title}\t{section.subject or '-'}\n")
        for problem in parsed.problems:
            err.print(f"line {problem.line}: {problem.message}", markup=False, highlight=False)
        err.print(f"{len(parsed.sections)} sections found in {Path(args.file).name}.")
        if not args.yes:
            err.print("Nothing was stored: review the sections, then run again with --yes.")
            return 0
        try:
            contract = services.store_parsed(
                command_line(),
                organisation,
                args.year,
                parsed,
                source=Path(args.file).name,
                writers=template_writers(),
            )
        except ValidationError as error:
            for field, refusals in error.message_dict.items():
                for refusal in refusals:
                    err.print(f"{args.file}: {field}: {refusal}", markup=False)
            return 2
    err.print(f"Stored as the draft of {contract.year} of {organisation.name}.")
    return 0
