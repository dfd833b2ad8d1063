"""A contract's file read for review: its text, the sections the reader found in it, each placed
under a subject of the programme's template, and the template's writer of each subject."""

from django.utils.translation import gettext

from klimatlaget.calc.contract_text import ParsedContract, parse_contract
from klimatlaget.contracts.subjects import current_template


def read_text(text: str) -> ParsedContract:
    """The sections of ``text`` (problems said in the active language)."""
    return parse_contract(text, current_template(), gettext=gettext)


def template_writers() -> dict[str, str]:
    """Subject id → the party the template says writes it."""
    return {subject.id: subject.party for subject in current_template().subjects}
