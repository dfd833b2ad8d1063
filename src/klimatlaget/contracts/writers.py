"""Which party writes a section: the default the programme's template gives its subject (or
the subject's nearest ancestor), else the party of its top-level subject, else jointly."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from klimatlaget.calc.contract_text import ParsedSection
from klimatlaget.contracts.choices import Writer

#: The writer of a top-level subject's sections when the template names none.
TOP_LEVEL_WRITERS = {
    "municipality": Writer.MUNICIPALITY,
    "viable_cities": Writer.VIABLE_CITIES,
    "agencies": Writer.AGENCIES,
}


def writer_of(subject: str, defaults: Mapping[str, str], top_subject: str) -> str:
    """The writer of a section under ``subject`` whose top-level section is under
    ``top_subject``; ``defaults`` maps subject ids to the template's writers."""
    parts = subject.split(".") if subject else []
    while parts:
        writer = defaults.get(".".join(parts))
        if writer in Writer.values:
            return writer
        parts.pop()
    return TOP_LEVEL_WRITERS.get(top_subject.split(".")[0], Writer.JOINT)


@dataclass(frozen=True)
class PlannedSection:
    """A read section as it will be stored: its parent (an index into the sections, None at
    the top) and the party that writes it."""

    read: ParsedSection
    parent: int | None
    writer: str

    @property
    def writer_label(self) -> str:
        return str(Writer(self.writer).label)


def _parent_of(number: str, by_number: Mapping[str, int]) -> int | None:
    """The nearest section whose number begins ``number`` (3.2 for 3.2.1, or 3 when 3.2 is
    missing)."""
    parts = number.split(".")[:-1]
    while parts:
        parent = by_number.get(".".join(parts))
        if parent is not None:
            return parent
        parts.pop()
    return None


def planned_sections(
    sections: Sequence[ParsedSection], defaults: Mapping[str, str]
) -> list[PlannedSection]:
    """The sections as a tree by their numbers, each with its writer (:func:`writer_of`, the
    top-level section's subject being that of the section's root): what the review shows and
    what is stored."""
    by_number: dict[str, int] = {}
    planned: list[PlannedSection] = []
    for index, read in enumerate(sections):
        parent = _parent_of(read.number, by_number)
        top = parent
        while top is not None and planned[top].parent is not None:
            top = planned[top].parent
        subject = read.subject or ""
        top_subject = (sections[top].subject or "") if top is not None else subject
        planned.append(PlannedSection(read, parent, writer_of(subject, defaults, top_subject)))
        by_number.setdefault(read.number, index)
    return planned
