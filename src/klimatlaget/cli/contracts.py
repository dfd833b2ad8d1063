"""``klimatlaget import contract``: read a climate contract's file, print what was found for
review, and store it only when told to (``--yes``); ``klimatlaget export contract``: a
contract of a year as JSON, Word or PDF (exit 1 when the organisation or contract is missing)."""

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


#: Exit status when the organisation or its contract of the year does not exist.
NOT_FOUND = 1


def add_export_command(kinds: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    contract = kinds.add_parser("contract", help="an organisation's climate contract of a year")
    contract.add_argument("--organisation", required=True, help="the organisation's code")
    contract.add_argument("--year", type=int, required=True, help="the contract's year")
    contract.add_argument(
        "--format",
        choices=["json", "docx", "pdf"],
        default="json",
        help="json: every section in the contract's order; docx, pdf: the document",
    )
    contract.add_argument("--output", "-o", help="file to write (default: standard output)")
    contract.set_defaults(run=export_contract)


def export_contract(args: argparse.Namespace) -> int:
    """Write the contract (drafts too: the command line runs the platform)."""
    from klimatlaget.cli.commands import err
    from klimatlaget.contracts.export import contract_document, contract_export
    from klimatlaget.contracts.models import Contract
    from klimatlaget.contracts.pdf import contract_pdf
    from klimatlaget.contracts.word import contract_docx
    from klimatlaget.exports.tabular import write_document
    from klimatlaget.organisations.models import Organisation

    organisation = Organisation.objects.filter(code=args.organisation).first()
    if organisation is None:
        message = f"No organisation has the code {args.organisation}."
        err.print(message, style="bold red", markup=False)
        return NOT_FOUND
    contract = Contract.objects.filter(organisation=organisation, year=args.year).first()
    if contract is None:
        message = f"{organisation.code} has no climate contract of {args.year}."
        err.print(message, style="bold red", markup=False)
        return NOT_FOUND
    if args.format == "json":
        content = write_document(contract_document(contract))
    elif args.format == "docx":
        content = contract_docx(contract_export(contract))
    else:
        content = contract_pdf(contract_export(contract))
    if args.output:
        Path(args.output).write_bytes(content)
        err.print(f"Wrote the contract to {args.output}.", markup=False)
    else:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    return 0
